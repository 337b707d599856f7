extension CSVImporter {
    /// A report's total row under its rows, as QuickBooks ends an export: `TOTAL` in a cell,
    /// the sums of the amount columns, every other cell empty. It is no invoice: the rows end
    /// above it, and its sums are checked against them.
    struct TotalRow {
        var line: Int
        var start: Int
        /// The word as written (`TOTAL`, `Total`, `Summe`).
        var word: String
        /// The amount columns it gives a sum for: the field, its column and its cell.
        var sums: [(field: ImportField, column: Int, cell: CSVField)]
    }

    /// What a total row's first cell says, in lower case and with a closing `:` dropped.
    static let totalWords = ["total", "totals", "grand total", "summe", "gesamt", "gesamtsumme"]

    /// Whether every cell of `record` is empty or blanks: a row a spreadsheet pads its end
    /// with (`,,,,`), and no invoice.
    static func isBlank(_ record: CSVRecord, source: SourceBytes) -> Bool {
        record.problem == nil && source.withUnsafeBufferPointer { b in
            record.fields.allSatisfy { f in b[f.start..<f.end].allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        }
    }

    /// `record` as a total row, when it is one: its first filled cell a total's word, every
    /// other filled cell in an amount column. nil for any other row.
    static func totalRow(_ record: CSVRecord, reader: CSVReader, map: CSVColumnMap) -> TotalRow? {
        guard record.problem == nil, let first = record.fields.indices.first(where: { !IDText.trim(reader.text(record.fields[$0])).isEmpty }) else { return nil }
        let word = IDText.trim(reader.text(record.fields[first]))
        var key = wordsKey(word)
        if key.hasSuffix(":") { key.removeLast() }
        guard totalWords.contains(key) else { return nil }
        var sums: [(field: ImportField, column: Int, cell: CSVField)] = []
        for k in record.fields.indices where k != first && !IDText.trim(reader.text(record.fields[k])).isEmpty {
            guard let field = amountFields.first(where: { map.columns[$0] == k }) else { return nil }
            sums.append((field, k, record.fields[k]))
        }
        return sums.isEmpty ? nil : TotalRow(line: record.line, start: record.start, word: word, sums: sums)
    }

    /// What a client's subtotal row's word cell says: a total's word, alone or beside the
    /// client's name (`Total`, `Subtotal: Acme Ltd`, `Total for Acme Ltd`, `Acme Ltd Total`).
    static let subtotalWords = totalWords + ["subtotal", "sub total", "zwischensumme"]

    static func saysSubtotal(_ cell: String) -> Bool {
        var key = wordsKey(cell)
        if key.hasSuffix(":") { key.removeLast() }
        return subtotalWords.contains { w in key == w || key.hasPrefix(w + " ") || key.hasPrefix(w + ":") || key.hasSuffix(" " + w) }
    }

    /// `record` as a subtotal row among the rows, as reports grouped by client write one under
    /// each client's rows: its first filled cell or its description a total's word
    /// (`saysSubtotal`), no invoice number but that word, and besides sums in the amount
    /// columns only the client or a description. Asked only of a row that cannot be read as
    /// an invoice (it has no date), so a kept row costs nothing more. nil for any other row.
    static func subtotalRow(_ record: CSVRecord, reader: CSVReader, map: CSVColumnMap) -> TotalRow? {
        guard record.problem == nil else { return nil }
        let text = { (k: Int) in IDText.trim(reader.text(record.fields[k])) }
        let filled = record.fields.indices.filter { !text($0).isEmpty }
        guard let first = filled.first,
              let word = [first, map.columns[.description]].compactMap({ $0 }).first(where: { filled.contains($0) && saysSubtotal(text($0)) })
        else { return nil }
        let besides = Set([word, map.columns[.client], map.columns[.clientName], map.columns[.description]].compactMap { $0 })
        var sums: [(field: ImportField, column: Int, cell: CSVField)] = []
        for k in filled where !besides.contains(k) {
            guard let field = amountFields.first(where: { map.columns[$0] == k }) else { return nil }
            sums.append((field, k, record.fields[k]))
        }
        return sums.isEmpty ? nil : TotalRow(line: record.line, start: record.start, word: text(word), sums: sums)
    }

    /// Checks each subtotal row (at `subtotals`, in file order) against the rows between it
    /// and the one before it (or the first row, `reader`'s next), as `check` does a total.
    static func checkSubtotals(_ subtotals: [Cut], reader: CSVReader, map: CSVColumnMap, columns: FieldColumns, currency: Currency, decimals: DecimalConvention?) -> [(row: TotalRow, check: TotalCheck)] {
        var checked: [(row: TotalRow, check: TotalCheck)] = []
        var from = reader
        var fromLine: Int?
        for s in subtotals {
            var r = reader.reading(from: s.offset, line: s.line)
            var rec = CSVRecord(line: 0)
            guard r.next(into: &rec), let row = subtotalRow(rec, reader: r, map: map) else { continue }
            var rows = from
            rows.end = s.offset
            let above = fromLine.map { "the rows between it and the subtotal on line \($0)" } ?? "the rows above it"
            checked.append((row, check(row, reader: rows, map: map, columns: columns, currency: currency, decimals: decimals, rows: above)))
            from = reader.reading(from: r.offset, line: r.lineNumber)
            fromLine = row.line
        }
        return checked
    }

    /// What checking a total row against the rows above it found.
    enum TotalCheck {
        /// Every sum it gives is what the rows add up to.
        case matches
        /// Some sums could not be checked: why.
        case unchecked(String)
        /// A sum it gives is not what the rows add up to.
        case differs(ImportProblem)

        /// Whether the row was left out as the total it is, rather than as a row with a problem.
        var leftOut: Bool {
            if case .differs = self { return false }
            return true
        }
    }

    /// Adds up each column the total row gives a sum for over the rows above it (`reader` ends
    /// at the total row) and compares. Rows in more than one currency have no one sum, and a
    /// column with a cell that cannot be read (a problem of its row) none that can be known.
    /// Subtotal rows among them (at `skipping`) are left out of the sums: each is checked on
    /// its own (`checkSubtotals`). `rows` says which rows a sum that differs was taken over.
    static func check(_ total: TotalRow, reader: CSVReader, map: CSVColumnMap, columns: FieldColumns, currency: Currency, decimals: DecimalConvention?, skipping: Set<Int> = [], rows: String = "the rows above it") -> TotalCheck {
        // A tax column of rates adds up to no figure.
        let summed = total.sums.filter { !($0.field == .tax && columns.taxRates) }
        var sums = [Int128](repeating: 0, count: summed.count)
        var unreadable = [Bool](repeating: false, count: summed.count)
        var r = reader
        var rec = CSVRecord(line: 0)
        var behind = ReleaseBehind(r.source)
        while r.next(into: &rec) {
            behind.passed(r.offset)
            if isBlank(rec, source: r.source) || skipping.contains(rec.start) { continue }
            let written = cell(.currency, rec, reader: r, columns: columns)
            if !written.isEmpty && written.uppercased() != currency.code { return .unchecked("the rows are in more than one currency") }
            for (i, s) in summed.enumerated() where !unreadable[i] {
                switch money(cell(s.field, rec, reader: r, columns: columns), currency, decimals: decimals) {
                case .success(let m): sums[i] += Int128(m ?? 0)
                case .failure: unreadable[i] = true
                }
            }
        }
        let fmt = { (m: Int64) in MoneyFormat.format(m, precision: currency.precision) }
        var unchecked: [String] = []
        for (i, s) in summed.enumerated() {
            let header = map.header[s.column]
            let text = IDText.trim(reader.text(s.cell))
            let column = reader.characterColumn(s.cell)
            guard case .success(let said?) = money(text, currency, decimals: decimals) else {
                return .differs(ImportProblem(line: s.cell.line, column: column, columnName: header, message: "this '\(total.word)' row's '\(text)' is not an amount to check the rows against"))
            }
            if unreadable[i] {
                unchecked.append("'\(header)'")
                continue
            }
            guard let sum = Int64(exactly: sums[i]), sum == said else {
                let added = Int64(exactly: sums[i]).map(fmt) ?? "more than an amount holds"
                return .differs(ImportProblem(line: s.cell.line, column: column, columnName: header, message: "this '\(total.word)' row says \(fmt(said)), but the '\(header)' of \(rows) adds up to \(added): a row may be missing from the export or a figure mistyped; correct whichever is wrong"))
            }
        }
        if !unchecked.isEmpty { return .unchecked("some rows' \(unchecked.joined(separator: " and ")) cannot be read") }
        return .matches
    }
}
