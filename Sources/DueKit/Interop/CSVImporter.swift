import Dispatch

/// What `due import csv` was asked to do.
public struct CSVImportOptions: Sendable {
    /// `COLUMN=FIELD` overrides of the guessed mapping.
    public var overrides: [String] = []
    public var dateFormat: CSVDateFormat?
    /// The currency of amounts when no column says (and the ledger's default).
    public var currency: Currency?
    /// The name shown in the ledger's opening comment.
    public var sourceName = "spreadsheet"
    /// Records read as one part; parts are read on both cores.
    var partRows = 4096

    public init() {}
}

/// A row that could not be read: where, which column, and why.
public struct ImportProblem: Error, Sendable, Hashable {
    public var line: Int
    public var column: Int
    public var columnName: String?
    public var message: String
}

/// The ledger an import makes and an account of how it was made.
public struct ImportResult: Sendable {
    /// What the ledger text is printed from, entry by entry (`write`, `text`).
    var ledger: CSVImporter.Plan
    public var map: CSVColumnMap
    public var dateFormat: CSVDateFormat?
    /// What could not be read, in file order: every problem of each row left out.
    public var problems: [ImportProblem]
    public var rows = 0
    public var clients = 0
    public var invoices = 0
    public var credits = 0
    public var payments = 0
    public var disputes = 0
    /// Invoices whose terms were read only once mended, and the first of them: the terms cell
    /// as written and the terms it was read as.
    public var termsMended = 0
    public var firstTermsMended: (written: String, read: Terms)?
    public var currency: Currency
    /// What the currency was read from when neither `--currency` nor a currency column gave
    /// it: the amount column's header (`Amount (GBP)`) or what every amount is written with.
    public var currencyFrom: String?
    /// The total row under the rows (QuickBooks' `TOTAL`) that was left out, its sums matching
    /// the rows or not to be checked; one whose sums differ is a problem instead.
    public var totalRow: (line: Int, word: String)?
    /// The lines of the clients' subtotal rows left out, their sums matching the rows above them.
    public var subtotalRows: [Int] = []

    /// The lines of the rows left out, each once, in file order.
    public var badLines: [Int] {
        var seen: Set<Int> = []
        return problems.map(\.line).filter { seen.insert($0).inserted }
    }

    /// The ledger text whole.
    public var text: String {
        var all: [UInt8] = []
        write(pieceSize: .max) { all += $0 }
        return String(decoding: all, as: UTF8.self)
    }

    /// Prints the ledger in pieces of about `pieceSize` bytes, each ending after a whole entry
    /// and handed to `emit` as soon as it is full: a large import is never held as text whole.
    public func write<E: Error>(pieceSize: Int = 1 << 20, to emit: ([UInt8]) throws(E) -> Void) throws(E) {
        try ledger.write(pieceSize: pieceSize, to: emit)
    }

    /// What the import did that the user should know of, though no row was left out: client
    /// values read as one, or kept apart though they clean up to one id.
    public var notes: [String] = []

    /// "2 invoices of 1 client, 1 credit note, 1 payment, 0 disputes".
    public var summary: String {
        var parts = [Plural.count(invoices, "invoice") + " of " + Plural.count(clients, "client")]
        if credits > 0 { parts.append(Plural.count(credits, "credit note")) }
        parts.append(Plural.count(payments, "payment"))
        parts.append(Plural.count(disputes, "dispute"))
        if !subtotalRows.isEmpty { parts.append(Plural.count(subtotalRows.count, "subtotal row") + " left out") }
        if let total = totalRow { parts.append("the '\(total.word)' row on line \(total.line) left out") }
        if let first = firstTermsMended {
            parts.append("terms mended on \(Plural.count(termsMended, "invoice")) ('\(first.written)' read as \(first.read))")
        }
        return parts.joined(separator: ", ")
    }
}

/// Reads invoices from a spreadsheet's CSV and writes them as a ledger: a client entry per
/// distinct client, an invoice per row, a payment for each paid date and a dispute note for each
/// disputed flag. Rows it cannot read are returned as problems, never guessed at.
public enum CSVImporter {
    /// One row's worth, read and checked.
    struct Row {
        var line: Int
        var number: String
        /// The invoice number as written, when it is not an id and `number` was made from it
        /// (`INV 001` → `INV-001`): said in the notes.
        var numberWritten: String?
        /// The client as written (trimmed); compared with the others as `clientFold` gives it.
        var clientKey: String
        var issued: Day
        var due: Day?
        var terms: Terms?
        /// The terms cell as written, when the terms were read from it only once mended
        /// (`net30`, `NET-30`: `Terms.mended`).
        var termsMendedFrom: String?
        var amount: Int64
        var currency: Currency
        /// The row's currency cell is empty: `currency` is the one the column holds (or
        /// `--currency`), said in the notes.
        var currencyEmpty = false
        var paidDate: Day?
        var paidAmount: Int64
        var disputed: Bool
        var description: String?
    }

    struct ClientInfo {
        var id: String
        var name: String?
        /// Every invoice has a due date `n` days after issue, for one `n`: write `terms net n`
        /// on the client. nil once that stops being true.
        var netDays: Int?
        var uniform = true
        /// The first `email` and `contact` a row gives for the client.
        var email: String?
        var contact: String?
    }

    public static func run(bytes: [UInt8], options: CSVImportOptions) -> Result<ImportResult, ImportError> {
        run(source: SourceBytes(bytes), options: options)
    }

    /// Imports the CSV in `source`. A file mapped from disk is read in place, its pages handed
    /// back behind each pass, and the rows are kept as places in it rather than as text: an
    /// import of a million rows holds a few numbers per row.
    public static func run(source: SourceBytes, options: CSVImportOptions) -> Result<ImportResult, ImportError> {
        if isUTF16(source) {
            return .failure(ImportError("this file is UTF-16, not UTF-8 (as Excel's \"Unicode Text\" saves it): save it as UTF-8 (\"CSV UTF-8\") and import that"))
        }
        var reader = CSVReader(source: source)
        guard var headerRecord = reader.next() else { return .failure(ImportError("the file is empty: expected a header line naming the columns")) }
        var firstCells = headerRecord.fields.map { IDText.trim(reader.text($0)) }
        // A report's title lines (QuickBooks: the company, the report's name, its dates) stand
        // above its header: the header is the first row of the first few that names several
        // fields, and the lines above it are skipped, and said so.
        var titleLines: (first: Int, texts: [String])?
        if CSVColumnMap.knownNames(firstCells) < 2 {
            var r = reader
            var texts = [firstCells.filter { !$0.isEmpty }.joined(separator: " ")]
            for _ in 0..<20 {
                guard let rec = r.next() else { break }
                let cells = rec.fields.map { IDText.trim(r.text($0)) }
                // Names, not figures: a row of data may hold a word such as `Paid`.
                if CSVColumnMap.knownNames(cells) >= 2 && !cells.contains(where: Self.isFigure) {
                    titleLines = (headerRecord.line, texts)
                    headerRecord = rec
                    firstCells = cells
                    reader = r
                    break
                }
                texts.append(cells.filter { !$0.isEmpty }.joined(separator: " "))
            }
        }
        let header = firstCells
        var map: CSVColumnMap
        switch CSVColumnMap.build(header: header, overrides: options.overrides) {
        case .success(let m): map = m
        case .failure(let e): return .failure(e)
        }
        // A column named just `Paid` (`Bezahlt`) holds amounts or dates: when its first cell is a date and
        // no other column is the paid date, it is that.
        func guessedOrFree(_ k: Int) -> Bool {
            map.columns[.paidAmount] == k ? !map.explicit.contains(.paidAmount) : !map.columns.values.contains(k) && !map.ignored.contains(k)
        }
        if map.columns[.paidDate] == nil, let k = header.indices.first(where: { ["paid", "bezahlt"].contains(ImportField.normalise(header[$0])) && guessedOrFree($0) }) {
            var r = reader
            var rec = CSVRecord(line: 0)
            var first: String?
            while first == nil, r.next(into: &rec) {
                if k < rec.fields.count, case let t = IDText.trim(r.text(rec.fields[k])), !t.isEmpty { first = t }
            }
            if let first, options.dateFormat.map({ $0.parse(first) != nil }) ?? !CSVDateFormat.readings(of: first[...]).isEmpty {
                if map.columns[.paidAmount] == k { map.columns[.paidAmount] = nil }
                map.columns[.paidDate] = k
            }
        }
        let required: [ImportField] = [.invoice, .client, .issued, .amount]
        // A net column, with the tax beside it, gives the amount as well as a total does.
        let missing = required.filter { map.columns[$0] == nil && !($0 == .amount && map.columns[.net] != nil) }
        if !missing.isEmpty {
            // A column that names the contact may be the only name of the client there is.
            let contact = missing.contains(.client) ? map.columns[.contact].map { header[$0] } : nil
            let fields = missing.map { $0 == .amount ? "amount (or net)" : $0.rawValue }
            return .failure(ImportError("no column for \(fields.joined(separator: ", ")) (columns: \(header.joined(separator: ", "))); name it with --map COLUMN=FIELD" + (contact.map { ", e.g. --map '\($0)=client' if that column names the client" } ?? "")))
        }
        // An `Amount` beside a tax column and no net one may be the invoice's total or what
        // the tax is added to: guessed, every total could be short (or over) by the tax.
        if let a = map.columns[.amount], let t = map.columns[.tax], map.columns[.net] == nil, !map.explicit.contains(.amount), !ImportField.includesTax(header[a]) {
            return .failure(ImportError("the column '\(header[a])' may hold amounts with the tax in '\(header[t])' or without it: say --map '\(header[a])=amount' if they include it, or --map '\(header[a])=net' if it is to be added"))
        }

        // A quote never closed swallows the rest of the file into one field: say so first, not
        // what follows from it (no dates found, rows missing).
        var scan = reader
        var record = headerRecord
        // Records in the file, the header among them: room enough for every row kept.
        var records = 0
        // Parts of `options.partRows` records, read on both cores.
        var parts: [Cut] = []
        var behind = ReleaseBehind(source)
        // The last row with something in it: a report's total row, when it is one.
        var lastFilled: (start: Int, line: Int)?
        repeat {
            if record.unclosedQuote {
                let f = record.fields.last.map { ($0.line, scan.characterColumn($0)) } ?? (record.line, 1)
                return .failure(ImportError("a quoted field is never closed, so everything after it would be one field; close the quote (a quote inside a quoted field is written \"\")", line: f.0, column: f.1))
            }
            if records > 0 && (records - 1) % max(1, options.partRows) == 0 { parts.append(Cut(offset: record.start, line: record.line)) }
            records += 1
            if records > 1 && !isBlank(record, source: source) { lastFilled = (record.start, record.line) }
            behind.passed(scan.offset)
        } while scan.next(into: &record)
        // QuickBooks ends an export with a `TOTAL` row under the invoices: every pass reads
        // the rows above it, and its sums are checked against them once they are read.
        var totalRow: TotalRow?
        if let last = lastFilled {
            var r = reader.reading(from: last.start, line: last.line)
            var rec = CSVRecord(line: 0)
            if r.next(into: &rec) { totalRow = Self.totalRow(rec, reader: r, map: map) }
        }
        if let totalRow { reader.end = totalRow.start }

        let dateFormat: CSVDateFormat
        if let f = options.dateFormat {
            dateFormat = f
        } else {
            switch guessDateFormat(reader: reader, map: map) {
            case .success(let f): dateFormat = f
            case .failure(let e): return .failure(misshapenRow(reader: reader, map: map) ?? e)
            }
        }

        // The default currency: the one asked for, else the most used in the currency column.
        var currencyCounts: [String: Int] = [:]
        if options.currency == nil, let k = map.columns[.currency] {
            var r = reader
            var rec = CSVRecord(line: 0)
            var behind = ReleaseBehind(source)
            // Counted by the code's three letters packed in an integer, among the few a
            // spreadsheet holds: no string is made for a cell of a million rows.
            var counts: [(code: UInt32, count: Int)] = []
            while r.next(into: &rec) {
                behind.passed(r.offset)
                guard k < rec.fields.count else { continue }
                let f = rec.fields[k]
                let plain: UInt32?? = f.quoted ? nil : source.withUnsafeBufferPointer { b in Self.packedCode(UnsafeBufferPointer(rebasing: b[f.start..<f.end])) }
                let packed: UInt32?
                if let plain {
                    packed = plain
                } else {
                    // A quoted cell, or one beyond ASCII, is read as a row's currency is.
                    let code = Array(IDText.trim(r.text(f)).uppercased().utf8)
                    packed = Currency.isCode(code[...]) ? code.reduce(0) { $0 << 8 | UInt32($1) } : nil
                }
                guard let packed else { continue }
                if let i = counts.firstIndex(where: { $0.code == packed }) { counts[i].count += 1 } else { counts.append((packed, 1)) }
            }
            for c in counts {
                let letters = [UInt8(c.code >> 16), UInt8(c.code >> 8 & 0xFF), UInt8(c.code & 0xFF)]
                currencyCounts[String(decoding: letters, as: UTF8.self), default: 0] += c.count
            }
        }
        // Else the one the amounts name: in their column's header, or beside every amount.
        var named: (currency: Currency, from: String)?
        if let given = options.currency {
            let k = map.columns[.amount] ?? map.columns[.net]!
            if let said = ImportField.currencyMark(inHeader: header[k])?.mark.currency, said != given {
                return .failure(ImportError("the column '\(header[k])' says its amounts are in \(said.code), not \(given.code) as --currency says: give the one they are in"))
            }
        } else if map.columns[.currency] == nil {
            switch currencyNamed(reader: reader, map: map) {
            case .success(let n): named = n
            case .failure(let e): return .failure(misshapenRow(reader: reader, map: map) ?? e)
            }
        }
        guard let currency = options.currency ?? mostUsed(currencyCounts) ?? named?.currency else {
            if let e = misshapenRow(reader: reader, map: map) { return .failure(e) }
            if let k = map.columns[.currency] {
                return .failure(ImportError("the column '\(header[k])' holds no currency code (three letters, e.g. USD): write each row's there, or say which currency the amounts are in with --currency CODE"))
            }
            return .failure(ImportError("no currency column: say which currency the amounts are in with --currency CODE (e.g. --currency USD)"))
        }

        let columns = FieldColumns(map)
        // The decimal mark, from the first amount that shows which it is.
        var decimals: DecimalConvention?
        let amountColumns = amountFields.compactMap { map.columns[$0] }
        var look = reader
        var row = CSVRecord(line: 0)
        found: while look.next(into: &row) {
            for k in amountColumns where k < row.fields.count && row.fields[k].start < row.fields[k].end {
                if let d = DecimalConvention.shown(by: look.text(row.fields[k]), line: row.fields[k].line, currency: currency) {
                    decimals = d
                    break found
                }
            }
        }
        if let e = secondTotal(reader: reader, map: map, currency: currency, decimals: decimals) { return .failure(e) }
        // A column that names more than one currency does not say which an empty cell means.
        let several = options.currency == nil && currencyCounts.count > 1 ? currencyCounts.keys.sorted() : []
        let reading = RowReading(reader: reader, map: map, columns: columns, dateFormat: dateFormat, currency: currency, severalCurrencies: several, decimals: decimals)
        let tally = Tally(kept: KeptRows(reading: reading), records: records, header: header)
        tally.read(parts, end: source.count, with: reading)
        // Clients' subtotal rows: left out as the total row is, once their sums are the rows'.
        let subtotals = checkSubtotals(tally.subtotals, reader: reader, map: map, columns: columns, currency: currency, decimals: decimals)
        for s in subtotals {
            if case .differs(let p) = s.check {
                tally.problems.append(p)
                tally.rowCount += 1
            }
        }
        var totalChecked: TotalCheck?
        if let totalRow {
            let checked = check(totalRow, reader: reader, map: map, columns: columns, currency: currency, decimals: decimals, skipping: Set(tally.subtotals.map(\.offset)))
            if case .differs(let p) = checked {
                tally.problems.append(p)
                tally.rowCount += 1
            }
            totalChecked = checked
        }
        let lined = invoicesOfLines(tally)
        let creditApplies = namedInvoices(tally)
        tally.numbers = NumberIndex(capacity: 0)
        // In file order, and a row's by column (a clash is found at the later row).
        let (problems, kept, clientOrder, rowClient, rowCount) = (tally.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }, tally.kept, tally.clientOrder, tally.rowClient, tally.rowCount)
        let (payments, disputes, credits) = (tally.payments, tally.disputes, tally.credits)
        var dated = tally.dated
        tally.dated = []
        // By date, then as read: entries were added row by row, each row's in the order of
        // `Kind`. A spreadsheet is most often in date order already.
        if zip(dated, dated.dropFirst()).contains(where: { Dated.before($1, $0) }) { dated.sort(by: Dated.before) }

        // Clients: a ledger id for each distinct value (values that differ only in case and
        // spacing are one, written as first met), unique even when two values clean up the same.
        var clients = [ClientInfo](repeating: ClientInfo(id: ""), count: clientOrder.count)
        // A client's place from its value as written: each spelling of a row kept is known.
        let slotOf = tally.slotOf, spellingSlot = tally.spellingSlot
        func slot(of key: String) -> Int? { spellingSlot[key] ?? slotOf[clientFold(key)] }
        var taken: [String: Int] = [:]
        // Values that already are ids keep them; the others are cleaned up and numbered apart.
        for (slot, key) in clientOrder.enumerated() where LedgerID.isValid(key) {
            clients[slot].id = key
            taken[key] = slot
        }
        // Values kept apart though they clean up to one id: said, as they may be one client.
        var apart: [(key: String, id: String, other: Int)] = []
        for (slot, key) in clientOrder.enumerated() where !LedgerID.isValid(key) {
            var id = IDText.make(key, lowercase: true)
            if id.isEmpty { id = "client" }
            if let other = taken[id] {
                var n = 2
                while taken["\(id)-\(n)"] != nil { n += 1 }
                apart.append((key, "\(id)-\(n)", other))
                id = "\(id)-\(n)"
            }
            taken[id] = slot
            clients[slot] = ClientInfo(id: id, name: IDText.text(key))
        }
        var notes: [String] = []
        // The ledger's currency is the one most used by the rows kept (a row left out is no
        // guide to the rest), unless --currency names it.
        var ledgerCurrency = currency
        if options.currency == nil, let k = map.columns[.currency] {
            ledgerCurrency = mostUsed(Dictionary(uniqueKeysWithValues: tally.keptCurrencies.map { ($0.key.code, $0.value) })) ?? currency
            if tally.currencyEmptyCount > 0 {
                // The one currency the column names, read only from rows left out, is no
                // more than a guess for the rows that name none.
                guard tally.keptCurrencies[currency, default: 0] > tally.currencyEmptyCount else {
                    return .failure(ImportError("the column '\(header[k])' names \(currency.code) only on rows left out: say which currency the \(Plural.count(tally.currencyEmptyCount, "row")) with an empty cell \(tally.currencyEmptyCount == 1 ? "is" : "are") in with --currency CODE"))
                }
                let n = tally.currencyEmptyCount, lines = tally.currencyEmptyLines.map(String.init).joined(separator: ", ")
                notes.append("\(Plural.count(n, "row")) with an empty '\(header[k])' cell \(n == 1 ? "was" : "were") read as \(currency.code), the one currency the column names (line\(n == 1 ? "" : "s") \(lines)\(n > tally.currencyEmptyLines.count ? ", …" : ""))")
            }
        }
        if tally.overpaidCount > 0 {
            let n = tally.overpaidCount, shown = tally.overpaidShown.joined(separator: ", ")
            notes.append("\(Plural.count(n, "payment")) \(n == 1 ? "is" : "are") more than \(n == 1 ? "its invoice" : "their invoices"), and what is beyond \(n == 1 ? "it" : "each") is held on account for the client: \(shown)\(n > tally.overpaidShown.count ? ", …" : "")")
        }
        if let titleLines {
            let shown = titleLines.texts.filter { !$0.isEmpty }.prefix(5).map { "'\(IDText.visible(IDText.text($0)))'" }.joined(separator: ", ")
            let last = headerRecord.line - 1
            notes.append("line\(last > titleLines.first ? "s \(titleLines.first)–\(last)" : " \(last)") above the header (line \(headerRecord.line)) \(last > titleLines.first ? "were" : "was") skipped\(shown.isEmpty ? "" : ": \(shown)")")
        }
        for (slot, others) in tally.otherSpellings.sorted(by: { $0.key < $1.key }) {
            // Spaces kept as written: they may be all that differs.
            let all = ([clientOrder[slot]] + others).map { "'\(String($0.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) }))'" }
            notes.append("\(all.dropLast().joined(separator: ", ")) and \(all.last!) differ only in case or spacing: read as one client, \(clients[slot].id)")
        }
        for a in apart.prefix(20) {
            notes.append("clients '\(IDText.text(a.key))' and '\(IDText.text(clientOrder[a.other]))' differ in more than case or spacing: kept apart as \(a.id) and \(clients[a.other].id); if they are one client, write them alike in the spreadsheet")
        }
        if apart.count > 20 { notes.append("… and \(Plural.count(apart.count - 20, "more client")) kept apart from one whose id it would have taken") }
        if !tally.renumbered.isEmpty {
            let shown = tally.renumbered.map { "'\(IDText.visible($0.written))' as \($0.number)" }.joined(separator: ", ")
            let n = tally.renumberedCount
            notes.append("\(Plural.count(n, "invoice number")) \(n == 1 ? "is" : "are") not written as a ledger writes one and \(n == 1 ? "was" : "were") rewritten: \(shown)\(n > tally.renumbered.count ? ", …" : "")")
        }
        if let totalRow, let totalChecked {
            let sums = totalRow.sums.map { "'\(IDText.text(header[$0.column]))'" }.joined(separator: " and ")
            switch totalChecked {
            case .matches: notes.append("the '\(totalRow.word)' row on line \(totalRow.line) is the sum of the rows above it (\(sums) add up to it) and was left out, as no invoice")
            case .unchecked(let why): notes.append("the '\(totalRow.word)' row on line \(totalRow.line) was left out, as no invoice; its \(sums) could not be checked against the rows above it, as \(why)")
            case .differs: break
            }
        }
        let subtotalsLeftOut = subtotals.filter(\.check.leftOut)
        if !subtotalsLeftOut.isEmpty {
            let n = subtotalsLeftOut.count, lines = Plural.list(subtotalsLeftOut.map { String($0.row.line) })
            let unchecked = subtotalsLeftOut.compactMap { s -> String? in
                if case .unchecked(let why) = s.check { return "the one on line \(s.row.line) could not be checked, as \(why)" }
                return nil
            }
            notes.append("\(n == 1 ? "the subtotal row" : "the \(n) subtotal rows") on line\(n == 1 ? "" : "s") \(lines) \(n == 1 ? "is" : "are each") the sum of its client's rows above it and \(n == 1 ? "was" : "were") left out, as no invoice\(unchecked.isEmpty ? "" : "; " + unchecked.joined(separator: "; "))")
        }
        if tally.leftOutCount > 0, let k = map.columns[.status] {
            let n = tally.leftOutCount, lines = tally.leftOutLines.map(String.init).joined(separator: ", ")
            notes.append("\(Plural.count(n, "row")) whose '\(header[k])' says \(tally.leftOutWords.map { "'\($0)'" }.joined(separator: " or ")) \(n == 1 ? "was" : "were") left out, as no invoice to chase (line\(n == 1 ? "" : "s") \(lines)\(n > 20 ? ", …" : ""))")
        }
        let nameColumn = map.columns[.clientName]
        if let nameColumn {
            // The first non-empty name given for a client is its display name.
            var r = reader
            var rec = CSVRecord(line: 0)
            var behind = ReleaseBehind(source)
            // A client named otherwise than its key is named for good: once all are, the rest
            // of a large spreadsheet need not be read for names.
            var unsettled = clients.count
            while unsettled > 0, r.next(into: &rec) {
                behind.passed(rec.start)
                guard let ck = map.columns[.client], ck < rec.fields.count, nameColumn < rec.fields.count else { continue }
                let key = IDText.trim(r.text(rec.fields[ck]))
                let name = IDText.text(r.text(rec.fields[nameColumn]))
                if !name.isEmpty, let slot = slot(of: key), clients[slot].name == nil || clients[slot].name == IDText.text(clientOrder[slot]) {
                    clients[slot].name = name
                    if name != IDText.text(clientOrder[slot]) { unsettled -= 1 }
                }
            }
        }
        // The first email and contact a row gives for each client, read in one more pass when
        // the spreadsheet has such columns (an invoicing tool's export often does).
        let emailColumn = map.columns[.email], contactColumn = map.columns[.contact]
        if emailColumn != nil || contactColumn != nil, let ck = map.columns[.client] {
            var r = reader
            var rec = CSVRecord(line: 0)
            var behind = ReleaseBehind(source)
            while r.next(into: &rec) {
                behind.passed(rec.start)
                guard ck < rec.fields.count else { continue }
                let key = IDText.trim(r.text(rec.fields[ck]))
                guard let slot = slot(of: key) else { continue }
                var c = clients[slot]
                if c.email == nil, let k = emailColumn, k < rec.fields.count {
                    let e = IDText.text(r.text(rec.fields[k]))
                    if !e.isEmpty { c.email = e }
                }
                if c.contact == nil, let k = contactColumn, k < rec.fields.count {
                    let n = IDText.text(r.text(rec.fields[k]))
                    if !n.isEmpty { c.contact = n }
                }
                clients[slot] = c
            }
        }
        var infos = clients
        for k in infos.indices {
            infos[k].netDays = tally.netDays[k]
            infos[k].uniform = tally.uniform[k]
        }

        var result = ImportResult(ledger: Plan(currency: ledgerCurrency, rows: kept), map: map, dateFormat: dateFormat, problems: problems, rows: rowCount, clients: clients.count, invoices: kept.starts.count - credits, credits: credits, payments: payments, disputes: disputes, currency: ledgerCurrency, currencyFrom: named?.from)
        result.notes = notes
        if let totalRow, let totalChecked, totalChecked.leftOut { result.totalRow = (totalRow.line, totalRow.word) }
        result.subtotalRows = subtotalsLeftOut.map(\.row.line)
        result.termsMended = tally.termsMended
        result.firstTermsMended = tally.firstTermsMended
        var comments = ["Imported by `due import csv` from \(IDText.text(options.sourceName)):", "\(result.summary)."]
        let skippedLines = result.badLines
        if !skippedLines.isEmpty {
            let shown = skippedLines.prefix(20).map(String.init).joined(separator: ", ")
            comments.append("\(Plural.count(skippedLines.count, "row")) could not be read and \(skippedLines.count == 1 ? "was" : "were") left out (line\(skippedLines.count == 1 ? "" : "s") \(shown)\(skippedLines.count > 20 ? ", …" : "")).")
        }
        comments.append("Columns: " + ImportField.allCases.compactMap { f in map.columns[f].map { "\(f.rawValue) <- \(IDText.text(header[$0]))" } }.joined(separator: ", ") + ".")
        comments.append("Dates were read as \(dateFormat).")
        func quotedHeader(_ f: ImportField) -> String? { map.columns[f].map { "'\(IDText.text(header[$0]))'" } }
        let sums: (amount: String?, net: String?, tax: String?) = (quotedHeader(.amount), quotedHeader(.net), quotedHeader(.tax))
        switch sums {
        case (nil, let net?, let tax?): comments.append("Each total is \(net) plus \(tax).")
        case (nil, let net?, nil): comments.append("Each total is \(net); no column gives tax.")
        case (let amount?, let net?, let tax?): comments.append("Each total is \(amount), checked against \(net) plus \(tax).")
        case (let amount?, nil, let tax?): comments.append("The amounts in \(amount) include the tax in \(tax).")
        default: break
        }
        for note in notes { comments.append(note.prefix(1).uppercased() + note.dropFirst() + ".") }
        if let named { comments.append("Amounts are in \(named.currency.code), from \(IDText.text(named.from)).") }
        if let open = quotedHeader(.open) {
            comments.append("What was paid is each total less \(open), paid on \(quotedHeader(.paidDate) ?? "the paid date").")
        }
        if disputes > 0 {
            comments.append("The spreadsheet says an invoice was disputed, not when: each dispute is dated on its")
            comments.append("invoice date and, once the invoice was paid in full, resolved on the day it was paid.")
        }
        result.ledger = Plan(comments: comments, currency: ledgerCurrency, clients: infos, rows: kept, rowClient: rowClient, dated: dated, paid: tally.paid, currencies: tally.currencies, overpaid: tally.overpaid, creditApplies: creditApplies, lined: lined)
        return .success(result)
    }

    enum Kind: UInt8 { case invoice, dispute, payment, resolved }
    /// One entry to write: its date, its row among those kept and what it is.
    /// Eight bytes: a million-row import holds one or more per row.
    struct Dated {
        var date: Int32
        /// The row times four plus the kind: a day's entries sort in the order they were added.
        private var place: UInt32

        init(date: Int32, row: Int, kind: Kind) {
            precondition(row < 1 << 30, "too many rows to import at once")
            self.date = date
            place = UInt32(row) << 2 | UInt32(kind.rawValue)
        }

        var row: Int { Int(place >> 2) }
        var kind: Kind { Kind(rawValue: UInt8(place & 3))! }

        static func before(_ a: Dated, _ b: Dated) -> Bool { (a.date, a.place) < (b.date, b.place) }
    }

    /// The rows kept, as places in the CSV: a row is read again when it is printed, so an
    /// import holds a few numbers per row rather than its text.
    struct KeptRows: Sendable {
        let reading: RowReading
        /// Where each row's record begins, and its line.
        var starts: [Int] = []
        var lines: [Int32] = []

        var source: SourceBytes { reading.reader.source }

        /// Where row `i` is in the CSV.
        func place(_ i: Int) -> (start: Int, line: Int32) { (starts[i], lines[i]) }

        /// The row at `place` read again (it was read without a problem before), in `record`'s
        /// storage.
        func row(at place: (start: Int, line: Int32), using record: inout CSVRecord) -> Row {
            let r = reread(place, into: &record)
            return CSVImporter.readRow(record, reader: r, map: reading.map, columns: reading.columns, dateFormat: reading.dateFormat, currency: reading.currency, severalCurrencies: reading.severalCurrencies, decimals: reading.decimals).row!
        }

        /// The invoice number of the row at `place` as the CSV writes it (trimmed).
        func numberWritten(at place: (start: Int, line: Int32), using record: inout CSVRecord) -> String {
            let r = reread(place, into: &record)
            return CSVImporter.cell(.invoice, record, reader: r, columns: reading.columns)
        }

        /// The invoice number of the row at `place`, as `readRow` makes it.
        func number(at place: (start: Int, line: Int32), using record: inout CSVRecord) -> String {
            let r = reread(place, into: &record)
            return IDText.make(CSVImporter.cell(.invoice, record, reader: r, columns: reading.columns), lowercase: false)
        }

        private func reread(_ place: (start: Int, line: Int32), into record: inout CSVRecord) -> CSVReader {
            var r = reading.reader.reading(from: place.start, line: Int(place.line))
            _ = r.next(into: &record)
            return r
        }
    }

    /// What was read, ready to print: the opening comments, the clients, and the dated
    /// entries in the order they are written.
    struct Plan: Sendable {
        var comments: [String] = []
        var currency = Currency.unknown
        var clients: [ClientInfo] = []
        var rows: KeptRows
        /// Each row's client, a place in `clients`.
        var rowClient: [Int32] = []
        var dated: [Dated] = []
        /// Each row's amount paid and currency (packed): a payment prints from these and the
        /// row's number, without its row read again.
        var paid: [Int64] = []
        var currencies: [UInt32] = []
        /// Rows paid more than their total, and the total: the payment's `apply` gives that
        /// much, and the rest is held on account (grammar 4, rule 4) rather than an `apply`
        /// without an amount paying more than it names (W415).
        var overpaid: [Int: Int64] = [:]
        /// Credit notes (by row) whose text names an invoice of their client: its number.
        var creditApplies: [Int: String] = [:]
        /// Invoices given as one row per line, by the row of their first line.
        var lined: [Int: Lined] = [:]

        /// An entry's client, place in the CSV, and amount paid and currency (for a payment).
        struct Gathered {
            var client: Int32
            var line: Int32
            var start: Int
            var paid: Int64
            var currency: UInt32
        }

        /// Dated entries printed as one block; blocks are printed on both cores, a batch at a
        /// time, and handed on in order, so only a batch of text is held at once.
        var blockSize = 4096
        static let batchSize = 8

        func write<E: Error>(pieceSize: Int, to emit: ([UInt8]) throws(E) -> Void) throws(E) {
            var head = EntryText()
            for c in comments { head.comment(c) }
            head.entry(.settings)
            head.detail(.currency, currency.code)
            for c in clients.sorted(by: { $0.id < $1.id }) {
                head.entry(.client, c.name.map { "\(c.id) \($0)" } ?? c.id)
                if let contact = c.contact { head.detail(.contact, contact) }
                if let email = c.email { head.detail(.email, email) }
                if c.uniform, let n = c.netDays { head.detail(.terms, Terms(netDays: n).description) }
            }
            try emit(head.takePiece())
            let blocks = stride(from: 0, to: dated.count, by: max(1, blockSize)).map { $0..<Swift.min($0 + max(1, blockSize), dated.count) }
            var behind = ReleaseBehind(rows.source)
            var first = 0
            while first < blocks.count {
                let batch = Array(blocks[first..<Swift.min(first + Self.batchSize, blocks.count)])
                behind.passed(rows.starts[Int(dated[batch[0].lowerBound].row)])
                var printed = [[[UInt8]]](repeating: [], count: batch.count)
                printed.withUnsafeMutableBufferPointer { buffer in
                    let slots = UnsafeSendable(buffer)
                    let work: @Sendable (Int) -> Void = { k in slots.value[k] = self.print(batch[k], pieceSize: pieceSize) }
                    if batch.count == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: batch.count, execute: work) }
                }
                for pieces in printed {
                    for piece in pieces { try emit(piece) }
                }
                first += batch.count
            }
        }

        /// The entries of `block` in pieces of about `pieceSize` bytes. The block follows text
        /// already printed, so it starts with the blank line between entries.
        func print(_ block: Range<Int>, pieceSize: Int) -> [[UInt8]] {
            var out = EntryText()
            var pieces: [[UInt8]] = []
            var record = CSVRecord(line: 0)
            // What each entry needs of its row, gathered first: entries go in date order and
            // rows lie in the spreadsheet's, so each of these reads misses the cache, and here
            // none waits for the one before (in the loop below each waited on the printing).
            let held = !paid.isEmpty
            var gathered: [Gathered] = []
            gathered.reserveCapacity(block.count)
            for d in dated[block] {
                let r = d.row
                let place = rows.place(r)
                gathered.append(Gathered(client: rowClient[r], line: place.line, start: place.start, paid: held ? paid[r] : 0, currency: held ? currencies[r] : 0))
            }
            for (d, g) in zip(dated[block], gathered) {
                if out.bytes.count >= pieceSize { pieces.append(out.takePiece()) }
                let c = clients[Int(g.client)]
                let day = Day(ordinal: d.date)
                let place = (start: g.start, line: g.line)
                // An invoice reads its row again; the other entries need only its number.
                guard d.kind == .invoice else {
                    let number = rows.number(at: place, using: &record)
                    switch d.kind {
                    case .payment:
                        let cur = Currency(packed: g.currency)
                        let amount = MoneyFormat.format(g.paid, precision: cur.precision)
                        out.entry(.payment, on: day, "\(c.id) \(amount)" + (cur != currency ? " \(cur.code)" : ""))
                        out.detail(.apply, overpaid[d.row].map { "\(number) \(MoneyFormat.format($0, precision: cur.precision))" } ?? number)
                    case .dispute:
                        // The spreadsheet's mark, not a word from the client: a note for the file.
                        out.entry(.note, on: day, "\(c.id) file")
                        out.detail(.dispute, "\(number) marked disputed in the spreadsheet")
                    case .resolved:
                        out.entry(.note, on: day, "\(c.id) file")
                        out.detail(.resolved, "\(number) paid in full")
                    case .invoice:
                        break
                    }
                    continue
                }
                let row = rows.row(at: place, using: &record)
                switch d.kind {
                case .invoice where row.amount < 0:
                    let amount = MoneyFormat.format(-row.amount, precision: row.currency.precision)
                    out.entry(.credit, on: day, "\(c.id) \(amount)" + (row.currency != currency ? " \(row.currency.code)" : ""))
                    out.detail(.number, row.number)
                    if let text = row.description, !text.isEmpty { out.detail(.reason, text) }
                    if let number = creditApplies[d.row] { out.detail(.apply, number) }
                case .invoice:
                    out.entry(.invoice, on: day, "\(c.id) \(row.number)")
                    if let text = row.description, !text.isEmpty { out.detail(.purpose, text) }
                    if row.currency != currency { out.detail(.currency, row.currency.code) }
                    if let t = row.terms {
                        out.detail(.terms, t.description)
                    } else if let due = row.due, !(c.uniform && c.netDays != nil) {
                        out.detail(.due, due.description)
                    }
                    let lines = lined[d.row]
                    for item in lines?.items ?? [] { out.detail(.item, item) }
                    if let tax = lines?.tax { out.detail(.tax, tax) }
                    out.detail(.total, MoneyFormat.format(lines?.total ?? row.amount, precision: row.currency.precision))
                case .payment, .dispute, .resolved:
                    break
                }
            }
            pieces.append(out.takePiece())
            pieces[0].insert(0x0A, at: 0)
            return pieces
        }
    }

    static func field(_ record: CSVRecord, _ k: Int) -> CSVField {
        if k < record.fields.count { return record.fields[k] }
        let last = record.fields.last!
        return CSVField(start: last.end, end: last.end, quoted: false, line: last.line, column: last.column + (last.end - last.start))
    }

    /// Reads one row: the row, or every problem found in it (each cell is read even after one
    /// fails, so a row is fixed in one pass).
    /// `number`: the invoice number made from the row, also when other cells fail, so that a
    /// number used twice is reported whichever of its rows has problems of its own; nil when
    /// none can be made.
    /// `leftOut`: the status as written of a row left out for it (`Void`, `Draft`): no invoice
    /// to chase, and no problem either.
    /// `severalCurrencies`: the codes the currency column names, when it names more than one
    /// and `--currency` was not given; a row whose cell is empty is then a problem, as which
    /// of them it is in cannot be told.
    static func readRow(_ record: CSVRecord, reader: CSVReader, map: CSVColumnMap, columns: FieldColumns, dateFormat: CSVDateFormat, currency defaultCurrency: Currency, severalCurrencies: [String] = [], decimals: DecimalConvention? = nil) -> (row: Row?, problems: [ImportProblem], number: String?, leftOut: String?) {
        var problems: [ImportProblem] = []
        func problem(_ f: ImportField?, _ message: String) {
            guard let f, let k = columns[f] else {
                problems.append(ImportProblem(line: record.line, column: 1, columnName: nil, message: message))
                return
            }
            let cell = field(record, k)
            problems.append(ImportProblem(line: cell.line, column: reader.characterColumn(cell), columnName: map.header[k], message: message))
        }
        if let p = record.problem {
            let cell = record.fields[p.field]
            return (nil, [ImportProblem(line: cell.line, column: reader.characterColumn(cell), columnName: p.field < map.header.count ? map.header[p.field] : nil, message: p.message)], nil, nil)
        }
        // An amount written with a comma and no quotes (`1,500.00`) is split into two cells and
        // would be read as its first part (1.00), every cell after it one column on. Said, and
        // nothing else of the row: its other cells stand in the wrong columns.
        if let shape = splitProblem(record, reader: reader, map: map, columns: columns) {
            let rawNumber = cell(.invoice, record, reader: reader, columns: columns)
            let number = IDText.make(rawNumber, lowercase: false)
            return (nil, [shape], number.isEmpty ? nil : number, nil)
        }
        if let bad = reader.firstNotUTF8(record.fields) {
            problems.append(ImportProblem(line: bad.line, column: reader.characterColumn(bad), columnName: nil, message: "this cell holds bytes that are not UTF-8 text, so names in it cannot be read as written: save the spreadsheet as UTF-8 (\"CSV UTF-8\")"))
        }
        func value(_ f: ImportField) -> String { cell(f, record, reader: reader, columns: columns) }
        // A void or draft invoice is none to chase: left out before anything else of it is read.
        let statusText = value(.status)
        let status = statusText.isEmpty ? nil : InvoiceStatus(statusText)
        if status == .void || status == .draft {
            let number = IDText.make(value(.invoice), lowercase: false)
            return (nil, [], number.isEmpty ? nil : number, statusText)
        }
        if !statusText.isEmpty && status == nil { problem(.status, "'\(statusText)' is no status due reads: \(InvoiceStatus.wordList)") }
        /// nil when empty or unreadable (then a problem is recorded if `required` or unreadable).
        func date(_ f: ImportField, required: Bool) -> Day? {
            let text = value(f)
            if text.isEmpty {
                if required { problem(f, "the \(label(f)) is empty") }
                return nil
            }
            switch dateFormat.read(text[...]) {
            case .day(let d): return d
            case .impossible(let why): problem(f, "'\(text)' is a \(dateFormat) date, but \(why)")
            case .otherFormat:
                problem(f, CSVImporter.otherFormat(text, readAs: dateFormat))
            }
            return nil
        }

        let rawNumber = value(.invoice)
        let number = IDText.make(rawNumber, lowercase: false)
        if number.isEmpty { problem(.invoice, rawNumber.isEmpty ? "the invoice number is empty" : "'\(rawNumber)' has no letters or digits to make an invoice number from") }
        let clientKey = value(.client)
        if clientKey.isEmpty { problem(.client, "the client is empty") }

        var currency = defaultCurrency
        let written = value(.currency)
        if !written.isEmpty {
            // Nearly always a code in capitals already: read as it is, with no copy made.
            let code = written.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) ? written : written.uppercased()
            if Currency.isCode(Array(code.utf8)[...]) { currency = Currency(code) } else { problem(.currency, "'\(code)' is not a currency code (three letters, e.g. USD)") }
        } else if !severalCurrencies.isEmpty {
            problem(.currency, "the currency is empty, and the column names more than one (\(severalCurrencies.joined(separator: ", "))): write the row's, or give --currency CODE for the rows with none")
        }

        let issued = date(.issued, required: true)
        let due = date(.due, required: false)
        if let d = due, let i = issued, d < i { problem(.due, "the due date \(d) is before the invoice date \(i)") }
        var terms: Terms?
        var termsMendedFrom: String?
        let termsText = value(.terms)
        if !termsText.isEmpty && due == nil {
            if let n = Int(termsText), n >= 0, n <= 3650 {
                terms = Terms(netDays: n)
            } else if let t = Terms.parse(termsText.split(separator: " ").map(\.utf8)) {
                terms = t
            } else if let t = Terms.mended(termsText) {
                // A spreadsheet's terms are typed as they come (`net30`, `NET-30`, `net 30
                // days`): taken as the terms they plainly are, and counted in the summary.
                terms = t
                termsMendedFrom = termsText
            } else {
                problem(.terms, "'\(termsText)' is not terms such as net 30, 2/10 net 30 or eom")
            }
        }

        // A negative amount is a credit note: it is read, and written as a `credit`.
        var amount: Int64?
        // The currency column that gave the row's currency, for a cell that names another.
        let currencyColumn = written.isEmpty ? nil : columns[.currency].map { map.header[$0] }
        func cellMoney(_ f: ImportField) -> Int64? {
            switch money(value(f), currency, decimals: decimals, currencyColumn: currencyColumn) {
            case .success(let m): return m
            case .failure(let e):
                problem(f, e.message)
                return nil
            }
        }
        // A file without a net column (most) asks nothing more of each row than before.
        let total = cellMoney(.amount), net = columns[.net] == nil ? nil : cellMoney(.net)
        // The tax column holds money, or rates (`20%`, or `20` under `Tax rate`) of the net. It is
        // read only beside a net, which it is added to or checked with: beside a total alone it
        // is in it already, and a cell such as `Exempt` there is no row it cannot read.
        var tax: Int64?
        let taxText = columns[.net] == nil ? "" : value(.tax)
        if !taxText.isEmpty, taxText.hasSuffix("%") || columns.taxRates {
            switch rate(taxText) {
            case .success(let r):
                // Beside a total and no net, the total holds the tax already.
                if let n = net { tax = Int64(Tax(rate: r).amount(on: Int128(n))) }
            case .failure(let e): problem(.tax, e.message)
            }
        } else if !taxText.isEmpty {
            tax = cellMoney(.tax)
        }
        if let n = net, let t = tax, n != 0, t != 0, (n < 0) != (t < 0) {
            problem(.tax, "the tax \(MoneyFormat.format(t, precision: currency.precision)) and the net \(MoneyFormat.format(n, precision: currency.precision)) have opposite signs: a credit note has both negative")
        }
        if let total {
            // Net and tax beside the total must add up to it: which of them is wrong cannot be told.
            if let n = net, let t = tax, n + t != total {
                problem(.amount, "the amount \(MoneyFormat.format(total, precision: currency.precision)) is not the net \(MoneyFormat.format(n, precision: currency.precision)) plus the tax \(MoneyFormat.format(t, precision: currency.precision)) (\(MoneyFormat.format(n + t, precision: currency.precision))); correct whichever is wrong")
            }
            amount = total
        } else if let n = net {
            // Each below 10^18, so the sum cannot overflow; the ledger holds 18 digits.
            let sum = n + (tax ?? 0)
            if Swift.abs(sum) >= 1_000_000_000_000_000_000 { problem(.net, "the net plus the tax is too large: an amount holds at most 18 digits") } else { amount = sum }
        } else if value(.amount).isEmpty && value(.net).isEmpty {
            problem(columns[.amount] != nil ? .amount : .net, columns[.amount] != nil ? "the amount is empty" : "the net is empty")
        }
        let isCredit = (amount ?? 0) < 0

        let paidDate = date(.paidDate, required: false)
        // A paid date alone, or a status of paid, says the invoice was paid in full.
        var paidAmount: Int64 = paidDate == nil && status != .paid ? 0 : (amount ?? 0)
        // Leaving a column out would leave paid invoices open: the date is asked for.
        let askForDate = "due needs the day the money came to age the invoice; name the column that holds it (--map COLUMN=paid-date), or add one"
        var paidWritten: Int64?
        // The paid date is asked for once a row, whichever column showed money paid.
        var askedForDate = false
        switch money(value(.paidAmount), currency, decimals: decimals, currencyColumn: currencyColumn) {
        case .success(let m):
            if let m {
                if m < 0 {
                    problem(.paidAmount, "the amount paid is negative")
                } else if m > 0 && paidDate == nil && value(.paidDate).isEmpty {
                    problem(.paidAmount, "an amount paid without a paid date: \(askForDate)")
                    askedForDate = true
                } else {
                    paidAmount = m
                    paidWritten = m
                }
            }
        case .failure(let e): problem(.paidAmount, e.message)
        }
        // What is still owed, beside the total, says what was paid: the two never disagree in
        // what is imported.
        var owedWritten: Int64?
        if columns[.open] != nil, !isCredit, !askedForDate, let total = amount, let owed = cellMoney(.open) {
            let fmt = { (m: Int64) in MoneyFormat.format(m, precision: currency.precision) }
            let openHeader = map.header[columns[.open]!]
            owedWritten = owed
            if owed < 0 || owed > total {
                problem(.open, "'\(openHeader)' says \(fmt(owed)) is still owed on an invoice of \(fmt(total)): it runs from 0 to the total")
            } else if let p = paidWritten, p + owed != total {
                problem(.open, "the amount paid \(fmt(p)) and the \(fmt(owed)) '\(openHeader)' says is still owed do not add up to the total \(fmt(total)); correct whichever is wrong")
            } else if paidWritten == nil {
                paidAmount = total - owed
                if paidAmount > 0 && paidDate == nil && value(.paidDate).isEmpty {
                    problem(.open, "'\(openHeader)' says \(fmt(paidAmount)) of \(fmt(total)) was paid, but no paid date says when: \(askForDate)")
                } else if paidAmount == 0, let p = paidDate {
                    problem(.paidDate, "paid on \(p), but '\(openHeader)' says all \(fmt(total)) is still owed; correct whichever is wrong")
                }
            }
        }
        if let status, !isCredit, let total = amount, problems.isEmpty {
            let statusHeader = map.header[columns[.status]!]
            let said = "'\(statusHeader)' says \(statusText)"
            let fmt = { (m: Int64) in MoneyFormat.format(m, precision: currency.precision) }
            // Only a column of money says how much was paid: a status alone says paid in full.
            let amountSaid = owedWritten != nil || paidWritten != nil
            switch status {
            case .paid where paidAmount != total:
                problem(.status, "\(said), but \(fmt(total - paidAmount)) of \(fmt(total)) is still owed by the amounts; correct whichever is wrong")
            case .paid where paidDate == nil && value(.paidDate).isEmpty:
                problem(.status, "\(said), but no paid date says when: \(askForDate)")
            case .partlyPaid where !amountSaid:
                problem(.status, "\(said), but no column says how much was paid: name the column of what is still owed (--map COLUMN=open) or of the amount paid (--map COLUMN=paid-amount)")
            case .partlyPaid where paidAmount == 0 || paidAmount >= total:
                problem(.status, "\(said), but the amounts say \(paidAmount == 0 ? "nothing was paid" : "it was paid in full"); correct whichever is wrong")
            case .unpaid, .disputed:
                if total > 0 && paidAmount >= total { problem(.status, "\(said), but the amounts say it was paid in full; correct whichever is wrong") }
            default: break
            }
        }
        if let p = paidDate, let i = issued, p < i, paidAmount > 0, !isCredit {
            problem(.paidDate, "paid on \(p), before the invoice date \(i)")
        }

        var disputed = false
        let flag = value(.disputed)
        if let yes = disputedFlag(flag) {
            disputed = yes
        } else if InvoiceStatus(flag) != nil {
            // `Paid`, `Void` or `Partial` say what is owed, which a disputed column does not read.
            problem(.disputed, "'\(flag)' says more than whether the invoice is disputed: map the column as its status (--map '\(map.header[columns[.disputed]!])=status')")
        } else {
            problem(.disputed, "'\(flag)' is not yes or no: \(disputedWords)")
        }
        if status == .disputed { disputed = true }
        let describedAs = value(.description)
        if describedAs.utf8.first == 0x3B {
            problem(.description, "it starts with ';', which a ledger reads as the start of a comment")
        }
        if isCredit {
            // A credit note settles nothing by itself and cannot be disputed: those columns
            // would have to be guessed at.
            if paidDate != nil { problem(.paidDate, "a credit note (negative amount) is not paid; leave its paid date empty") }
            if disputed { problem(.disputed, "a credit note (negative amount) cannot be disputed") }
        }
        guard problems.isEmpty, let issued, let amount else { return (nil, problems, number.isEmpty ? nil : number, nil) }
        let description = IDText.text(describedAs)
        return (Row(line: record.line, number: number, numberWritten: rawNumber == number ? nil : rawNumber, clientKey: clientKey, issued: issued, due: isCredit ? nil : due, terms: isCredit ? nil : terms, termsMendedFrom: isCredit ? nil : termsMendedFrom, amount: amount, currency: currency, currencyEmpty: written.isEmpty && columns[.currency] != nil, paidDate: isCredit ? nil : paidDate, paidAmount: isCredit ? 0 : paidAmount, disputed: disputed, description: description.isEmpty ? nil : description), [], number, nil)
    }

    /// An invoice whose rows are its lines: its total, and an `item` per line with the tax
    /// that makes them add up to it, when the file gives each line's quantity and unit price
    /// and the tax comes to a rate of them (none otherwise: the total alone).
    struct Lined: Sendable {
        var total: Int64
        var items: [String] = []
        var tax: String?
    }

    /// Whether `later` repeats the invoice `first` begins: the same client, dates, terms,
    /// currency, payment and dispute, so that it is another line of it, not a number used twice.
    static func sameInvoice(_ first: Row, _ later: Row) -> Bool {
        first.amount > 0 && clientFold(first.clientKey) == clientFold(later.clientKey) && first.issued == later.issued && first.due == later.due
            && first.terms == later.terms && first.currency == later.currency && first.paidDate == later.paidDate && first.disputed == later.disputed
    }

    /// Each invoice given as rows of its lines, made one (`Lined`). The rows repeat the
    /// invoice's total (Xero's `Total`) or give each line's amount, which are added up: when
    /// every row gives the same, with no quantities and prices to tell which, it is asked.
    static func invoicesOfLines(_ tally: Tally) -> [Int: Lined] {
        var out: [Int: Lined] = [:]
        let kept = tally.kept, reading = kept.reading
        var record = CSVRecord(line: 0)
        let itemized = reading.columns[.quantity] != nil && reading.columns[.unitPrice] != nil
        for (first, later) in tally.lineRows.sorted(by: { $0.key < $1.key }) {
            let places = [kept.place(first)] + later
            var rows: [Row] = []
            var items: [(text: String, amount: Int64)] = []
            for place in places {
                let row = kept.row(at: place, using: &record)
                rows.append(row)
                if itemized, let item = lineItem(of: record, reading: reading, currency: row.currency) { items.append(item) }
            }
            let head = rows[0]
            let repeated = rows.allSatisfy { $0.amount == head.amount && $0.paidAmount == head.paidAmount }
            if repeated && items.count != rows.count {
                for row in rows.dropFirst() {
                    tally.problems.append(ImportProblem(line: row.line, column: 1, columnName: nil, message: "this row repeats invoice \(head.number) of line \(head.line) with the same amount, \(MoneyFormat.format(head.amount, precision: head.currency.precision)): whether that is the invoice's total or each line's cannot be told; give each line's quantity and unit price (--map COLUMN=quantity, --map COLUMN=unit-price) or one row per invoice"))
                }
                continue
            }
            let total = repeated ? head.amount : rows.reduce(0) { $0 + $1.amount }
            if !repeated, !tally.paid.isEmpty { tally.paid[first] = rows.reduce(0) { $0 + $1.paidAmount } }
            var lined = Lined(total: total)
            if items.count == rows.count {
                let sum = items.reduce(Int64(0)) { $0 + $1.amount }
                if sum == total {
                    lined.items = items.map(\.text)
                } else if let rate = taxRate(sum, total - sum) {
                    lined.items = items.map(\.text)
                    lined.tax = "\(rate)%"
                }
            }
            out[first] = lined
        }
        return out
    }

    /// The `item` a line's row gives (`Design 2 x 100.00`) and its amount; nil when its
    /// quantity or unit price cannot be read.
    static func lineItem(of record: CSVRecord, reading: RowReading, currency: Currency) -> (text: String, amount: Int64)? {
        func decimal(_ f: ImportField, decimals: Int) -> DecimalValue? {
            let text = cell(f, record, reader: reading.reader, columns: reading.columns)
            guard case .valid(var v) = DecimalValue.parse(Array(text.utf8)[...], allowNegative: false, allowGrouping: false) else { return nil }
            // `1.0000` is 1: the quantity as a ledger writes it.
            while v.scale > decimals, v.digits % 10 == 0 { v = DecimalValue(digits: v.digits / 10, scale: v.scale - 1) }
            return v
        }
        guard let quantity = decimal(.quantity, decimals: 0), quantity.scale <= 4, let price = decimal(.unitPrice, decimals: currency.precision),
              let minor = ItemProduct(quantity, price).minor(precision: currency.precision), let amount = Int64(exactly: minor) else { return nil }
        var text = IDText.text(cell(.description, record, reader: reading.reader, columns: reading.columns))
        if text.isEmpty { text = "Item" }
        return ("\(text) \(quantity) x \(price)", amount)
    }

    /// The rate, of at most four decimals, whose tax on `items` is `tax` as an invoice's `tax`
    /// line rounds it; nil when none is.
    static func taxRate(_ items: Int64, _ tax: Int64) -> Percent? {
        guard items > 0, tax > 0 else { return nil }
        let scaled = MoneyFormat.divideRounded(Int128(tax) * 100 * 10_000, Int128(items))
        guard var rate = Int64(exactly: scaled).map({ DecimalValue(digits: $0, scale: 4) }), Tax(rate: rate).amount(on: Int128(items)) == Int128(tax) else { return nil }
        while rate.scale > 0, rate.digits % 10 == 0 { rate = DecimalValue(digits: rate.digits / 10, scale: rate.scale - 1) }
        return rate
    }

    /// The invoice each credit note's text names (`Credit for INV-0042`, `re #1001`), by the
    /// credit's row: an invoice of the file, of its client and currency, issued by the credit's
    /// day. A credit note without `apply` goes to the client's oldest open invoice (grammar 4,
    /// rule 4), which is not the one it was for; a text that names none is left so.
    static func namedInvoices(_ tally: Tally) -> [Int: String] {
        var out: [Int: String] = [:]
        var record = CSVRecord(line: 0), other = CSVRecord(line: 0)
        let kept = tally.kept
        for i in tally.creditRows {
            let credit = kept.row(at: kept.place(i), using: &record)
            guard let text = credit.description else { continue }
            for word in invoiceWords(in: text) {
                guard let j = tally.numbers.find(word, numberOf: { kept.number(at: kept.place($0), using: &other) }), j != i, tally.rowClient[j] == tally.rowClient[i] else { continue }
                let invoice = kept.row(at: kept.place(j), using: &record)
                guard invoice.amount > 0, invoice.currency == credit.currency, invoice.issued <= credit.issued else { continue }
                out[i] = invoice.number
                break
            }
        }
        return out
    }

    /// The words of a text that may be an invoice's number: with a digit, and of three
    /// characters or more or after `#`, `invoice`, `inv` or `no` (`Credit for 2 hours` names
    /// no invoice 2; `re invoice 7` does).
    static func invoiceWords(in text: String) -> [String] {
        var out: [String] = []
        var previous = ""
        for piece in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "(" || $0 == ")" || $0 == "[" || $0 == "]" }) {
            var word = Substring(piece)
            while let last = word.last, last == "." || last == ":" { word = word.dropLast() }
            let hashed = word.first == "#"
            if hashed { word = word.dropFirst() }
            let after = hashed || ["invoice", "inv", "inv.", "no", "no.", "number"].contains(previous.lowercased())
            if word.contains(where: \.isNumber), word.count >= 3 || after { out.append(String(word)) }
            previous = String(piece)
        }
        return out
    }

    /// Whether a cell is a figure (an amount, a date, a number) rather than a name: digits
    /// with at most the marks that group, separate or sign them.
    static func isFigure(_ cell: String) -> Bool {
        cell.contains(where: \.isNumber) && cell.unicodeScalars.allSatisfy { u in
            (u >= "0" && u <= "9") || ".,/-+() :'".unicodeScalars.contains(u) || AmountCell.isSpace(u) || u.properties.generalCategory == .currencySymbol
        }
    }

    /// The first row whose cells do not stand in the header's columns (`splitProblem`: an
    /// amount split at an unquoted comma), as an error placed at it. Asked when the file as a
    /// whole cannot be read, before saying why: a row one cell over puts its currency, dates
    /// or amounts in other columns, and what follows from that (no currency, no dates) is not
    /// the problem to mend first.
    static func misshapenRow(reader: CSVReader, map: CSVColumnMap) -> ImportError? {
        let columns = FieldColumns(map)
        var r = reader
        var rec = CSVRecord(line: 0)
        while r.next(into: &rec) {
            if rec.problem == nil, let p = splitProblem(rec, reader: r, map: map, columns: columns) { return ImportError(p.message, line: p.line, column: p.column) }
        }
        return nil
    }

    /// Whether the file is UTF-16 (Excel's "Unicode Text"): a byte order mark, or a NUL in
    /// every other byte of its start, as ASCII text has in UTF-16. Read as UTF-8, its dates
    /// would be "in no format" and its names spaced out.
    static func isUTF16(_ source: SourceBytes) -> Bool {
        source.withUnsafeBufferPointer { b in
            if b.count >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) { return true }
            let pairs = Swift.min(b.count, 64) / 2
            guard pairs >= 2 else { return false }
            var nulFirst = 0, nulSecond = 0
            for k in 0..<pairs {
                if b[2 * k] == 0 { nulFirst += 1 }
                if b[2 * k + 1] == 0 { nulSecond += 1 }
            }
            // Big-endian ASCII puts its NULs first in each pair, little-endian second.
            return (nulSecond * 4 >= pairs * 3 && nulFirst == 0) || (nulFirst * 4 >= pairs * 3 && nulSecond == 0)
        }
    }

    /// Two columns that may each be the invoice's total (`Amount` and `Total`, `Amount` and
    /// `Invoice Total`) when `--map` has not said which it is: which one the guess took
    /// depended on the headers' wording, so it is asked, unless every row gives both the same
    /// figure. (Beside a tax column, `Amount` and `Total` are the net and the total already.)
    static func secondTotal(reader: CSVReader, map: CSVColumnMap, currency: Currency, decimals: DecimalConvention?) -> ImportError? {
        let header = map.header
        guard !map.explicit.contains(.amount), let a = map.columns[.amount],
              let b = header.indices.first(where: { k in k != a && !map.columns.values.contains(k) && !map.ignored.contains(k) && ImportField.amount.synonyms.contains(ImportField.normalise(header[k])) })
        else { return nil }
        var r = reader
        var rec = CSVRecord(line: 0)
        while r.next(into: &rec) {
            guard a < rec.fields.count, b < rec.fields.count else { continue }
            let x = IDText.trim(r.text(rec.fields[a])), y = IDText.trim(r.text(rec.fields[b]))
            if x == y { continue }
            if case .success(let mx?) = money(x, currency, decimals: decimals), case .success(let my?) = money(y, currency, decimals: decimals), mx == my { continue }
            return ImportError("the columns '\(header[a])' and '\(header[b])' may each be the invoice's total, and they differ ('\(x)' and '\(y)' on line \(rec.line)): say which is with --map '\(header[a])=amount' or --map '\(header[b])=amount' (and --map COLUMN=net for an amount the tax is added to)")
        }
        return nil
    }

    /// A client value as it is compared with the others: single-spaced and in lower case, so
    /// that `Acme Ltd`, `Acme  Ltd` and `ACME LTD` are one client (as they would be one display
    /// name but for case). Most values are already so, and are kept as they are.
    static func clientFold(_ key: String) -> String {
        var text = key
        let plain = text.withUTF8 { b in
            var previous: UInt8 = 0x20
            for c in b {
                if c >= 0x80 || (c >= 0x41 && c <= 0x5A) || c < 0x20 || (c == 0x20 && previous == 0x20) { return false }
                previous = c
            }
            return previous != 0x20 || b.isEmpty
        }
        return plain ? key : IDText.text(key).lowercased()
    }

    /// The problem of a row whose cells do not stand in the header's columns: more cells than
    /// the header names, unless the extra ones are empty (a spreadsheet padding its rows with
    /// commas) and no amount looks split; or, in a row of the header's width, an amount of one
    /// to three digits followed by a cell of three digits and decimals (`1` and `500.00`), which
    /// is `1,500.00` written without quotes far more often than two such figures side by side.
    static func splitProblem(_ record: CSVRecord, reader: CSVReader, map: CSVColumnMap, columns: FieldColumns) -> ImportProblem? {
        let width = map.header.count, count = record.fields.count
        let more = count > width
        // A comma splits a cell only in a file whose cells a comma separates.
        var split: (column: Int, cells: [String])?
        if reader.delimiter == 0x2C {
            for f in amountFields {
                guard let k = columns[f], k + 1 < count, !record.fields[k].quoted, mayLeadGroup(record.fields[k], reader) else { continue }
                let first = IDText.trim(reader.text(record.fields[k]))
                guard isLeadingGroup(first) else { continue }
                var groups: [String] = []
                var j = k + 1
                while j < count, !record.fields[j].quoted {
                    let next = IDText.trim(reader.text(record.fields[j]))
                    guard let hasDecimals = continuationGroup(next) else { break }
                    groups.append(next)
                    j += 1
                    if hasDecimals { break }
                }
                guard let last = groups.last else { continue }
                // In a row as wide as the header, only a group with decimals says a split: `500,100`
                // may as well be an amount of 500 and 100 in the next column. Beside an amount
                // paid, only one more than the amount does (`100,100.00` is paid in full).
                let nextIsAmount = amountFields.contains { columns[$0] == k + 1 }
                if more || (continuationGroup(last) == true && (!nextIsAmount || figure(groups[0]) > figure(first))) {
                    split = (k, [first] + groups)
                    break
                }
            }
        }
        if let split {
            let cell = record.fields[split.column]
            let whole = split.cells.joined(separator: ",")
            let pieces = split.cells.map { "'\($0)'" }.joined(separator: " and ")
            let next = split.column + 1 < width ? " (the next read as column '\(map.header[split.column + 1])')" : ""
            let widthSaid = more ? "this row has \(count) cells where the header names \(width): " : ""
            let twoFigures = more ? "" : "; if they are two figures, write the amount with its decimals"
            return ImportProblem(line: cell.line, column: reader.characterColumn(cell), columnName: map.header[split.column], message: "\(widthSaid)\(whole) written without quotes is split at its comma into \(pieces)\(next), so it would be read as \(split.cells[0]): put the cell in quotes (\"\(whole)\")\(twoFigures)")
        }
        guard more, let extra = record.fields[width...].first(where: { !IDText.trim(reader.text($0)).isEmpty }) else { return nil }
        return ImportProblem(line: extra.line, column: reader.characterColumn(extra), columnName: nil, message: "this row has \(count) cells where the header names \(width); a comma inside an unquoted cell (1,500.00) splits it: put the cell in quotes")
    }

    /// The number in a cell's digits and first `.`, roughly: for comparing two figures only.
    static func figure(_ text: String) -> Double {
        Double(String(text.unicodeScalars.filter { ($0 >= "0" && $0 <= "9") || $0 == "." })) ?? 0
    }

    static let amountFields = [ImportField.amount, .net, .tax, .paidAmount, .open]

    /// Whether a cell's bytes may be what is left of `1,500.00` before its comma (`isLeadingGroup`
    /// says): told without its text made, as most amounts (`1234.50`) are not.
    static func mayLeadGroup(_ f: CSVField, _ reader: CSVReader) -> Bool {
        reader.source.withUnsafeBufferPointer { b in
            var end = f.end
            while end > f.start && (b[end - 1] == 0x20 || b[end - 1] == 0x09) { end -= 1 }
            var k = end
            while k > f.start && b[k - 1] >= 0x30 && b[k - 1] <= 0x39 { k -= 1 }
            guard (1...3).contains(end - k) else { return false }
            // Before the digits, only what may stand before an amount (a byte beyond ASCII may
            // be a currency sign: left to `isLeadingGroup`).
            return b[f.start..<k].allSatisfy { c in c == 0x2D || c == 0x2B || c == 0x28 || c == 0x24 || c == 0x20 || c == 0x09 || (c >= 0x41 && c <= 0x5A) || c >= 0x80 }
        }
    }

    /// One to three digits ending the cell, with at most a sign, a bracket, a currency sign or
    /// code before them: what is left of `1,500.00` (`$1`, `-1`, `GBP 1`) before its comma.
    static func isLeadingGroup(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let digits = scalars.reversed().prefix { $0 >= "0" && $0 <= "9" }.count
        guard (1...3).contains(digits) else { return false }
        return scalars.dropLast(digits).allSatisfy { u in
            u == "-" || u == "+" || u == "(" || u == "\u{2212}" || AmountCell.isSpace(u) || (u >= "A" && u <= "Z") || u.properties.generalCategory == .currencySymbol
        }
    }

    /// Whether `text` is a group of three digits after a thousands comma, perhaps with the
    /// decimals and what may close an amount (`)`, a currency sign or code): true when it has
    /// decimals (`500.00`), false when not (`500`), nil when it is no such group.
    static func continuationGroup(_ text: String) -> Bool? {
        var scalars = Array(text.unicodeScalars)
        while let l = scalars.last, l == ")" || AmountCell.isSpace(l) || (l >= "A" && l <= "Z") || l.properties.generalCategory == .currencySymbol { scalars.removeLast() }
        let digits = scalars.prefix { $0 >= "0" && $0 <= "9" }.count
        guard digits == 3 else { return nil }
        let rest = scalars.dropFirst(3)
        if rest.isEmpty { return false }
        guard rest.first == ".", rest.count > 1, rest.dropFirst().allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
        return true
    }

    /// What a disputed cell says, in either case and with `-` or `_` between words read as a
    /// space: yes, or a status that means so (a `Status` column mapped to `disputed`); no, a
    /// status that means an invoice is not disputed, or nothing. `due help import` lists them.
    public static let disputedYes = ["yes", "y", "true", "1", "x", "disputed", "dispute", "in dispute", "under dispute", "ja", "strittig", "bestritten"]
    public static let disputedNo = ["no", "n", "false", "0", "-", "open", "sent", "unpaid", "overdue", "undisputed", "not disputed", "resolved",
                                    "nein", "offen", "unbezahlt", "überfällig", "nicht strittig", "unstrittig"]

    /// What a status column (`Status`, `Invoice Status`) says of an invoice, in the words
    /// invoicing tools write, in either case and with `-` or `_` between words read as a space.
    /// A void or draft invoice is none to chase; paid means paid in full, and partly paid only
    /// with a column that says how much.
    public enum InvoiceStatus: CaseIterable, Sendable {
        case unpaid, partlyPaid, paid, disputed, void, draft

        public var words: [String] {
            switch self {
            case .unpaid: ["open", "sent", "unpaid", "not paid", "overdue", "past due", "due", "awaiting payment", "viewed", "outstanding", "pending", "approved", "authorised", "authorized", "issued",
                            "offen", "unbezahlt", "nicht bezahlt", "fällig", "überfällig", "ausstehend", "versendet", "gemahnt"]
            case .partlyPaid: ["partial", "partially paid", "part paid", "partly paid", "teilbezahlt", "teilweise bezahlt"]
            case .paid: ["paid", "paid in full", "fully paid", "closed", "settled", "bezahlt", "beglichen", "ausgeglichen", "erledigt"]
            case .disputed: ["disputed", "dispute", "in dispute", "under dispute", "strittig", "bestritten"]
            case .void: ["void", "voided", "cancelled", "canceled", "deleted", "storniert", "storno", "gelöscht"]
            case .draft: ["draft", "awaiting approval", "entwurf"]
            }
        }

        init?(_ cell: String) {
            let key = CSVImporter.wordsKey(cell)
            guard let s = Self.allCases.first(where: { $0.words.contains(key) }) else { return nil }
            self = s
        }

        /// The words a status cell may say, for the message of one that says none of them.
        static let wordList = "\(InvoiceStatus.paid.words.joined(separator: ", ")) mean paid in full; \(InvoiceStatus.partlyPaid.words.joined(separator: ", ")) part paid (with a column that says how much); \(InvoiceStatus.unpaid.words.joined(separator: ", ")) not paid; \(InvoiceStatus.disputed.words.joined(separator: ", ")) disputed; \((InvoiceStatus.void.words + InvoiceStatus.draft.words).joined(separator: ", ")) no invoice to chase (the row is left out)"
    }

    /// A cell's words in lower case, one space between them: `In-Dispute` is `in dispute`.
    static func wordsKey(_ cell: String) -> String {
        cell.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" || $0 == "\t" }).joined(separator: " ")
    }

    /// Whether `cell` (trimmed) says an invoice is disputed; nil when it says neither.
    static func disputedFlag(_ cell: String) -> Bool? {
        let key = wordsKey(cell)
        // Empty: nothing written, or `-`.
        if key.isEmpty { return false }
        if disputedYes.contains(key) { return true }
        if disputedNo.contains(key) { return false }
        return nil
    }

    /// The words a disputed cell may say, for the message of one that says neither.
    static let disputedWords = "\(disputedYes.joined(separator: ", ")) mean disputed; \(disputedNo.joined(separator: ", ")) or an empty cell mean not"

    /// The currency the amounts name when neither `--currency` nor a currency column gives
    /// one: the code or sign the amount column's header has in brackets (`Amount (GBP)`,
    /// `Amount (£)`), else the one every amount is written with (`£1,200.00`, `1.200,00 €`,
    /// `EUR 12`), with what it was read from. nil when they name none; an error when they name
    /// more than one, only some amounts name it, or it is a sign more than one currency writes
    /// (`$`): guessed, a dollar would as likely be the wrong one.
    static func currencyNamed(reader: CSVReader, map: CSVColumnMap) -> Result<(currency: Currency, from: String)?, ImportError> {
        let k = map.columns[.amount] ?? map.columns[.net]!
        let header = map.header[k]
        var marks: [AmountCell.Mark] = []
        if let mark = ImportField.currencyMark(inHeader: header)?.mark {
            if let c = mark.currency { return .success((c, "the header '\(header)'")) }
            marks.append(mark)
        }
        /// Whether the marks met cannot be one currency, whatever the rest of the file says.
        func mixed() -> Bool { marks.count > 1 && (Set(marks.map(\.currency)).count > 1 || marks.contains { $0.currency == nil }) }
        var plain: (line: Int, text: String)?
        var marked: (line: Int, text: String)?
        var r = reader
        var rec = CSVRecord(line: 0)
        var behind = ReleaseBehind(r.source)
        while r.next(into: &rec) {
            behind.passed(r.offset)
            guard k < rec.fields.count, let around = AmountCell.around(r.text(rec.fields[k])) else { continue }
            // An amount without a currency: not every amount names one, whatever follows.
            guard let mark = around.mark else {
                plain = (rec.fields[k].line, IDText.trim(r.text(rec.fields[k])))
                break
            }
            if marked == nil { marked = (rec.fields[k].line, IDText.trim(r.text(rec.fields[k]))) }
            if !marks.contains(mark) { marks.append(mark) }
            if mixed() { break }
        }
        guard let first = marks.first else { return .success(nil) }
        let ask = "say which currency the amounts are in with --currency CODE"
        if let plain, let marked {
            return .failure(ImportError("some amounts are written with \(first.text) ('\(marked.text)' on line \(marked.line)) and some with no currency ('\(plain.text)' on line \(plain.line)): \(ask)\(first.currency.map { " (e.g. --currency \($0.code))" } ?? "")"))
        }
        if mixed() {
            return .failure(ImportError("the amounts are written with more than one currency (\(marks.map(\.text).joined(separator: ", "))): give each row's currency in a currency column, or \(ask)"))
        }
        guard let c = first.currency else {
            let likeliest = first.text.count == 1 ? Currency.signs[first.text.first!] : nil
            return .failure(ImportError("the amounts are written with \(first.text), which more than one currency writes: \(ask) (e.g. --currency \(likeliest ?? "USD"))"))
        }
        return .success((c, "the \(marks.map(\.text).joined(separator: " or ")) every amount is written with"))
    }

    /// An ASCII cell that is a currency code once trimmed of spaces and tabs, in either case: its
    /// three capitals packed in an integer, or nil when it is not one; nil within nil when the
    /// cell holds a byte beyond ASCII, for the caller to read as text.
    static func packedCode(_ cell: UnsafeBufferPointer<UInt8>) -> UInt32?? {
        var from = 0, to = cell.count
        while from < to && (cell[from] == 0x20 || cell[from] == 0x09) { from += 1 }
        while to > from && (cell[to - 1] == 0x20 || cell[to - 1] == 0x09) { to -= 1 }
        var code: UInt32 = 0
        for c in cell[from..<to] {
            if c >= 0x80 { return .none }
            let upper = c >= 0x61 && c <= 0x7A ? c - 32 : c
            code = code << 8 | UInt32(upper)
            // Not a letter, and not one whatever follows: upper-casing the text keeps it.
            if upper < 0x41 || upper > 0x5A { return .some(nil) }
        }
        return to - from == 3 ? .some(code) : .some(nil)
    }

    /// A tax rate as a spreadsheet writes it (`20%`, `7.5 %`, `7,5%`, `20`): a percentage from
    /// 0 to 100, with at most four decimals.
    static func rate(_ text: String) -> Result<Percent, ImportError> {
        // A decimal comma is the only comma a rate has: no rate is grouped.
        let digits = IDText.trim(text.hasSuffix("%") ? String(text.dropLast()) : text).utf8.map { $0 == 0x2C ? 0x2E : $0 }
        guard case .valid(let v) = DecimalValue.parse(digits[...], allowNegative: false, allowGrouping: false) else {
            return .failure(ImportError("'\(text)' is not a tax rate (such as 20% or 7.5%)"))
        }
        guard v.scale <= 4, v.digits <= 100 * Int64(MoneyFormat.pow10(v.scale)) else {
            return .failure(ImportError("'\(text)' is not a tax rate: a rate runs from 0% to 100%, with at most four decimals"))
        }
        // `0.2` without its `%` is more likely a fraction (20%) than a fifth of a percent.
        if !text.hasSuffix("%"), v.digits > 0, v.digits < Int64(MoneyFormat.pow10(v.scale)) {
            return .failure(ImportError("'\(text)' would be read as \(text)%: write the rate as a percentage with its sign (20% for 0.2)"))
        }
        return .success(v)
    }

    /// The trimmed text of field `f` in `record`; "" when no column or no cell holds it.
    static func cell(_ f: ImportField, _ record: CSVRecord, reader: CSVReader, columns: FieldColumns) -> String {
        guard let k = columns[f], k < record.fields.count else { return "" }
        return IDText.trim(reader.text(record.fields[k]))
    }

    /// The map's columns by field without hashing: read for every cell of every row.
    struct FieldColumns {
        private let byField: [Int?]
        /// Whether the tax column's header says it holds rates (`Tax rate`): asked once, not
        /// of every row.
        let taxRates: Bool

        init(_ map: CSVColumnMap) {
            byField = ImportField.allCases.map { map.columns[$0] }
            taxRates = map.columns[.tax].map { ImportField.holdsRates(map.header[$0]) } ?? false
        }

        subscript(_ f: ImportField) -> Int? { byField[f.position] }
    }

    /// The currency named most often among `counts` (by code); of two named as often, the
    /// first in alphabetical order.
    static func mostUsed(_ counts: [String: Int]) -> Currency? {
        counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }).map { Currency($0.key) }
    }

    static func label(_ f: ImportField) -> String {
        switch f {
        case .issued: "invoice date"
        case .due: "due date"
        case .paidDate: "paid date"
        default: f.rawValue
        }
    }

    /// Reads an amount as spreadsheets write it (`AmountCell`): `1,234.56`, `1.234,56`,
    /// `1234,56`, `$ 1,234`, `(12.00)`, `-12.00 GBP`. nil when empty.
    static func money(_ text: String, _ currency: Currency, decimals: DecimalConvention? = nil, currencyColumn: String? = nil) -> Result<Int64?, ImportError> {
        // Most amounts are plain digits with at most one `.`: those bytes are what the
        // clean-up below would keep, so they are read in place (a `.` only where it is the
        // file's decimal mark).
        var contiguous = text
        let pointIsDecimal = decimals.map { $0.scalar == "." } ?? true
        let plain = contiguous.withUTF8 { u -> Result<Int64?, ImportError>? in
            var dots = 0
            for c in u {
                if c == 0x2E { dots += 1 } else if c < 0x30 || c > 0x39 { return nil }
            }
            guard !u.isEmpty, dots <= (pointIsDecimal ? 1 : 0) else { return nil }
            return minorUnits(of: u, text: text, currency)
        }
        if let plain { return plain }
        // An empty cell (no amount paid, most rows) is nothing to take apart.
        if text.isEmpty { return .success(nil) }
        return AmountCell.digits(text, currency, decimals: decimals, currencyColumn: currencyColumn).flatMap { cell in
            cell.empty ? .success(nil) : cell.digits.withUnsafeBufferPointer { minorUnits(of: $0, text: text, currency) }.map { $0.map { cell.negative ? -$0 : $0 } }
        }
    }

    /// The amount in `clean` (digits and at most one `.`) in minor units of `currency`; `text`
    /// is the cell as written, for the message.
    static func minorUnits(of clean: UnsafeBufferPointer<UInt8>, text: String, _ currency: Currency) -> Result<Int64?, ImportError> {
        guard case .valid(let v) = DecimalValue.parse(clean, allowNegative: false, allowGrouping: false) else {
            return .failure(ImportError("'\(text)' is not an amount"))
        }
        // More decimals than the currency has, even zeros, is refused as the ledger refuses it
        // (E301): `1,000` read with a decimal comma, or `1.000` with a point, is far more often
        // a thousand grouped the other way than one written with three decimals.
        if v.scale > currency.precision {
            // The reading as a small amount, with the currency's decimals when the rest are zeros.
            let asRead = v.significantScale <= currency.precision ? MoneyFormat.format(v.minorUnits(precision: currency.precision) ?? 0, precision: currency.precision) : String(decoding: clean, as: UTF8.self)
            let question = v.asThousands(precision: currency.precision).map { ": is it \(asRead), or \(MoneyFormat.format($0, precision: currency.precision)) with its thousands grouped?" } ?? "."
            return .failure(ImportError("'\(text)' has more decimals than \(currency.code) has (\(currency.precision))\(question) Write it with \(currency.precision) decimals, so it reads one way only"))
        }
        guard let minor = v.minorUnits(precision: currency.precision) else {
            return .failure(ImportError("'\(text)' has more decimals than \(currency.code) has (\(currency.precision)) or is too large"))
        }
        // The ledger holds amounts of up to 18 digits (E116); written with the currency's
        // decimals, the minor units are exactly those digits.
        guard minor < 1_000_000_000_000_000_000 else {
            return .failure(ImportError("'\(text)' is too large: an amount holds at most 18 digits"))
        }
        return .success(minor)
    }

    /// What a row's problem says of a date `format` does not read: the format it is written in,
    /// when that can be told, against the one the file's dates are read in, and whether that
    /// was guessed or named; where the day and month could be either way round (`05/03/2026`)
    /// it names both readings rather than pick one, as nothing in the date says which.
    static func otherFormat(_ text: String, readAs format: CSVDateFormat) -> String {
        let assumed = format.named ? "\(format), the format --date-format names" : "\(format), the format guessed from the file's other dates"
        let others = CSVDateFormat.readings(of: text[...]).filter { $0.format != format }
        guard let first = others.first else { return "'\(text)' is not a date written as \(format)" }
        if others.count == 1 {
            let choose = format.named ? ", and name that one with --date-format" : " (or name the format with --date-format)"
            return "'\(text)' is written \(first.format), not \(assumed): write every date of the file one way" + choose
        }
        // Read either way round it names a real day: say both, and how to choose.
        let readings = others.map { "\($0.format) (\($0.day.longDescription))" }
        let ways = readings.dropLast().joined(separator: ", ") + " or " + readings.last!
        let formats = others.map(\.format.description)
        let named = formats.dropLast().joined(separator: ", ") + " or " + formats.last!
        let choose = format.named ? ", and name that one with --date-format \(named)" : " (if all are written as this one is, say which way with --date-format \(named))"
        return "'\(text)' is not written \(assumed); it could be \(ways), as nothing in it tells the day from the month: write every date of the file one way" + choose
    }

    /// The one date format that reads every date cell; an error when none does or when the
    /// dates fit more than one (`3/4/2013`), naming the choices.
    static func guessDateFormat(reader: CSVReader, map: CSVColumnMap) -> Result<CSVDateFormat, ImportError> {
        let columns = [ImportField.issued, .due, .paidDate].compactMap { map.columns[$0] }
        var fits = [Int](repeating: 0, count: CSVDateFormat.candidates.count)
        var cells = 0
        var r = reader
        var alive = Array(CSVDateFormat.candidates.indices)
        var example: String?
        var rowsSeen = false
        while let rec = r.next() {
            if !rowsSeen && rec.fields.contains(where: { !IDText.trim(r.text($0)).isEmpty }) { rowsSeen = true }
            for k in columns where k < rec.fields.count && rec.fields[k].start < rec.fields[k].end {
                let text = r.text(rec.fields[k])
                if IDText.trim(text).isEmpty { continue }
                cells += 1
                if example == nil { example = IDText.trim(text) }
                for i in alive where CSVDateFormat.candidates[i].parse(text) != nil { fits[i] += 1 }
            }
            // Stop testing formats that have already failed, unless none is left to compare.
            let perfect = alive.filter { fits[$0] == cells }
            if !perfect.isEmpty { alive = perfect }
            // One format read every date so far and the others have stopped counting, each
            // behind it already: the rest of the file cannot change the guess. (Dates that
            // fail it later are reported when their rows are read.)
            if alive.count == 1 && fits[alive[0]] == cells && cells > 0 { break }
        }
        // Nothing under the header (or only empty cells): no rows, rather than no dates.
        if !rowsSeen { return .failure(ImportError("the file has no rows under its header line: no invoices to import")) }
        let best = fits.max() ?? 0
        let winners = CSVDateFormat.candidates.indices.filter { fits[$0] == best && best > 0 }
        guard !winners.isEmpty else {
            guard let example else { return .failure(ImportError("no dates found to guess their format from; give it with --date-format (e.g. m/d/y, d/m/y, y-m-d)")) }
            // Two-digit years are read only in a format named: say which would read them.
            let named = CSVDateFormat.candidates.map { f -> CSVDateFormat in
                var f = f
                f.twoDigitYears = true
                return f
            }.filter { $0.parse(example) != nil }
            if !named.isEmpty {
                return .failure(ImportError("the dates (such as '\(example)') have two-digit years, which due reads only in a format you name: give it with --date-format \(named.map { "'\($0)'" }.joined(separator: " or ")) (00–69 are read as 2000–2069, 70–99 as 1970–1999)"))
            }
            return .failure(ImportError("the dates (such as '\(example)') are written in no format due reads, so no --date-format would read them; write them in one it reads: \(CSVDateFormat.supported)"))
        }
        if winners.count > 1 {
            let names = winners.map { CSVDateFormat.candidates[$0].description }
            // ISO dates cannot be confused with the others; day/month order can.
            if names.first == "y-m-d" { return .success(CSVDateFormat.candidates[winners[0]]) }
            // When each reads every date, shown with the first as each would read it: nothing
            // in the file tells the day from the month.
            let read = example.map { e in CSVDateFormat.readings(of: e[...]).filter { r in winners.contains { CSVDateFormat.candidates[$0] == r.format } } } ?? []
            let shown = best == cells && read.count > 1 ? " ('\(example!)' is \(read.map { "\($0.day.longDescription) read as \($0.format)" }.joined(separator: ", "))), as no date in the file tells the day from the month" : ""
            return .failure(ImportError("the dates could be read as \(names.joined(separator: " or "))\(shown); say which with --date-format \(names.joined(separator: " or "))"))
        }
        return .success(CSVDateFormat.candidates[winners[0]])
    }
}
