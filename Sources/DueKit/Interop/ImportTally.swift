import Dispatch

extension CSVImporter {
    /// A record read and checked on its own, before it is set against the rows before it.
    struct ReadRecord {
        var start: Int
        var row: Row?
        var problems: [ImportProblem]
        /// For a row with problems, its invoice number when one could be made.
        var number: String?
        /// The invoice number's cell, to point at a number used twice.
        var numberCell: CSVField
        /// The status as written of a row left out for it (`Void`, `Draft`).
        var leftOut: String?
        /// Where the record stands, when it is a client's subtotal row (`subtotalRow`): no
        /// invoice, checked once all rows are read.
        var subtotal: Cut?
    }

    /// Where a part of the file begins: a record's start and its line.
    struct Cut: Sendable {
        var offset: Int
        var line: Int
    }

    /// How the rows of one file are read: the same for every part, on any core.
    struct RowReading: Sendable {
        var reader: CSVReader
        var map: CSVColumnMap
        var columns: FieldColumns
        var dateFormat: CSVDateFormat
        var currency: Currency
        /// The codes the currency column names, when more than one and no `--currency`.
        var severalCurrencies: [String]
        var decimals: DecimalConvention?

        /// The non-blank records that begin in `from..<end`, each read and checked.
        func read(from cut: Cut, to end: Int) -> [ReadRecord] {
            var r = reader.reading(from: cut.offset, line: cut.line)
            var record = CSVRecord(line: 0)
            var out: [ReadRecord] = []
            while r.next(into: &record), record.start < end {
                if isBlank(record, source: r.source) { continue }
                let read = readRow(record, reader: r, map: map, columns: columns, dateFormat: dateFormat, currency: currency, severalCurrencies: severalCurrencies, decimals: decimals)
                // A row that cannot be read may be a client's subtotal (it has no date).
                let subtotal = read.row == nil && !read.problems.isEmpty && subtotalRow(record, reader: r, map: map) != nil
                out.append(ReadRecord(start: record.start, row: read.row, problems: read.problems, number: read.row == nil ? read.number : nil, numberCell: field(record, map.columns[.invoice]!), leftOut: read.leftOut,
                                      subtotal: subtotal ? Cut(offset: record.start, line: record.line) : nil))
            }
            return out
        }
    }

    /// What the rows read so far add up to, taken in file order. A box, so that one core can
    /// add up a part while the other reads the next; only one thread takes at a time.
    final class Tally: @unchecked Sendable {
        let header: [String]
        let invoiceColumn: Int
        var problems: [ImportProblem] = []
        var rowCount = 0
        var kept: KeptRows
        var numbers: NumberIndex
        /// The numbers of rows left out for problems of their own, and where each stands: a
        /// number such a row shares with another row is reported on it at once, rather than
        /// only after its other problems are mended (a few rows, where `numbers` holds every
        /// kept one).
        var numbersLeftOut: [String: (line: Int, column: Int, written: String)] = [:]
        private var reread = CSVRecord(line: 0)
        private var behind: ReleaseBehind
        /// Clients in the order first met, by their values folded (`clientFold`), and each
        /// row's client as a place in that order (one lookup of its text per row).
        var slotOf: [String: Int] = [:]
        /// Each way a client was written, and its place in `clientOrder`.
        var spellingSlot: [String: Int] = [:]
        var clientOrder: [String] = []
        /// Other ways a client was written that differ only in case or spacing, by its place
        /// in `clientOrder` (a few at most for each).
        var otherSpellings: [Int: [String]] = [:]
        var rowClient: [Int32] = []
        /// Whether all of a client's invoices are due the same number of days after issue.
        var netDays: [Int?] = []
        var uniform: [Bool] = []
        /// Dated entries: invoice, dispute, payment, resolution per row.
        var dated: [Dated] = []
        /// Each kept row's amount paid and currency (packed), for printing its payment.
        var paid: [Int64] = []
        var currencies: [UInt32] = []
        let hasPaidDates: Bool
        var payments = 0, disputes = 0, credits = 0
        /// Rows left out for their status (void, draft): how many, the lines of the first few
        /// and each status as written.
        /// Kept rows whose invoice number is not written as an id and was made from it, and the
        /// first few of them, as written and as made.
        var renumberedCount = 0
        var renumbered: [(written: String, number: String)] = []
        var leftOutCount = 0
        /// Clients' subtotal rows, in file order: no rows, checked against the rows above them.
        var subtotals: [Cut] = []
        /// Kept rows paid more than their total (by row: the total), how many, and the first
        /// few as the notes say them.
        var overpaid: [Int: Int64] = [:]
        /// Rows that repeat an invoice's number and its own fields, each a line of it: by the
        /// kept row of the invoice's first line, where each of the others is in the CSV.
        var lineRows: [Int: [(start: Int, line: Int32)]] = [:]
        /// The kept rows that are credit notes (a few), to find the invoice each names.
        var creditRows: [Int] = []
        var overpaidCount = 0
        var overpaidShown: [String] = []
        var leftOutLines: [Int] = []
        var leftOutWords: [String] = []
        /// How many kept rows (an invoice's lines each) are in each currency, and how many had
        /// the currency column's one currency for an empty cell, with the lines of the first few.
        var keptCurrencies: [Currency: Int] = [:]
        var currencyEmptyCount = 0
        var currencyEmptyLines: [Int] = []
        /// Kept rows whose terms were read only once mended, and the first of them.
        var termsMended = 0
        var firstTermsMended: (written: String, read: Terms)?

        init(kept: KeptRows, records: Int, header: [String]) {
            self.kept = kept
            self.header = header
            invoiceColumn = kept.reading.map.columns[.invoice]!
            hasPaidDates = kept.reading.map.columns[.paidDate] != nil
            self.kept.starts.reserveCapacity(records)
            self.kept.lines.reserveCapacity(records)
            numbers = NumberIndex(capacity: records)
            rowClient.reserveCapacity(records)
            dated.reserveCapacity(records)
            behind = ReleaseBehind(kept.source)
        }

        /// A number as a message quotes it: as the ledger writes it, or as the CSV does in
        /// quotes when that differs (`'INV 001'`).
        static func written(_ text: String, _ number: String) -> String {
            text == number ? number : "'\(IDText.visible(text))'"
        }

        /// What a message on a number used twice adds when the two rows write it differently:
        /// the other's spelling, and the number both become.
        static func bothAre(_ one: String, _ other: String, _ number: String) -> String {
            one == number && other == number ? "" : " as \(written(other, number)): both are \(number) in the ledger"
        }

        /// A kept row's currency, counted as the spreadsheet's rows are: each line of an
        /// invoice written as rows of its own is one (`keptCurrencies`).
        private func countCurrency(of row: Row) {
            keptCurrencies[row.currency, default: 0] += 1
            if row.currencyEmpty {
                currencyEmptyCount += 1
                if currencyEmptyLines.count < 20 { currencyEmptyLines.append(row.line) }
            }
        }

        func take(_ records: [ReadRecord]) {
            for r in records { take(r) }
        }

        private func take(_ r: ReadRecord) {
            behind.passed(r.start)
            if let s = r.subtotal {
                subtotals.append(s)
                return
            }
            rowCount += 1
            if let word = r.leftOut {
                leftOutCount += 1
                if leftOutLines.count < 20 { leftOutLines.append(r.numberCell.line) }
                if !leftOutWords.contains(word) { leftOutWords.append(word) }
                return
            }
            // The number as this row writes it: a message quotes what is in the CSV (read
            // only for one, not for every row).
            func here() -> String { IDText.trim(kept.reading.reader.text(r.numberCell)) }
            func usedTwice(_ number: String, credit: Bool, on line: Int, there: String) -> ImportProblem {
                ImportProblem(line: r.numberCell.line, column: r.numberCell.column, columnName: header[invoiceColumn], message: "\(credit ? "credit note" : "invoice") number \(Tally.written(here(), number)) was already used on line \(line)\(Tally.bothAre(here(), there, number))")
            }
            guard let row = r.row else {
                problems += r.problems
                if let number = r.number {
                    if let first = numbers.find(number, numberOf: { kept.number(at: kept.place($0), using: &reread) }) {
                        problems.append(usedTwice(number, credit: false, on: Int(kept.lines[first]), there: kept.numberWritten(at: kept.place(first), using: &reread)))
                    } else if let first = numbersLeftOut[number] {
                        problems.append(usedTwice(number, credit: false, on: first.line, there: first.written))
                    } else {
                        numbersLeftOut[number] = (r.numberCell.line, r.numberCell.column, here())
                    }
                }
                return
            }
            // A row left out earlier had this number: which of the two is the invoice is not
            // for the import to guess, so this row is left out too, as after a row kept (and
            // `--skip-bad` does not import it as if it had been the only one). Said at both,
            // in file order once the problems are sorted (`CSVImporter.run`).
            if let earlier = numbersLeftOut[row.number] {
                problems.append(ImportProblem(line: earlier.line, column: earlier.column, columnName: header[invoiceColumn], message: "\(row.amount < 0 ? "credit note" : "invoice") number \(Tally.written(earlier.written, row.number)) is used again on line \(r.numberCell.line)\(Tally.bothAre(earlier.written, here(), row.number))"))
                problems.append(usedTwice(row.number, credit: row.amount < 0, on: earlier.line, there: earlier.written))
                return
            }
            let i = kept.starts.count
            if let first = numbers.insert(row.number, row: i, numberOf: { kept.number(at: kept.place($0), using: &reread) }) {
                // One row per line of an invoice (Xero): the invoice's own fields alike.
                if row.amount > 0, CSVImporter.sameInvoice(kept.row(at: kept.place(first), using: &reread), row) {
                    lineRows[first, default: []].append((r.start, Int32(row.line)))
                    countCurrency(of: row)
                    return
                }
                problems.append(usedTwice(row.number, credit: row.amount < 0, on: Int(kept.lines[first]), there: kept.numberWritten(at: kept.place(first), using: &reread)))
                return
            }
            if let written = row.numberWritten {
                renumberedCount += 1
                if renumbered.count < 20 { renumbered.append((written, row.number)) }
            }
            kept.starts.append(r.start)
            kept.lines.append(Int32(row.line))
            // What its payment prints, kept so that the row is not read again for it (a
            // spreadsheet without paid dates has no payments).
            if hasPaidDates {
                paid.append(row.paidDate != nil ? row.paidAmount : 0)
                currencies.append(row.currency.packed)
            }

            let slot: Int
            // Each spelling met is looked up as written; only a new one is folded (`clientFold`).
            if let s = spellingSlot[row.clientKey] {
                slot = s
            } else if let s = slotOf[clientFold(row.clientKey)] {
                slot = s
                spellingSlot[row.clientKey] = s
                if (otherSpellings[s]?.count ?? 0) < 5 { otherSpellings[s, default: []].append(row.clientKey) }
            } else {
                slot = clientOrder.count
                spellingSlot[row.clientKey] = slot
                slotOf[clientFold(row.clientKey)] = slot
                clientOrder.append(row.clientKey)
                netDays.append(nil)
                uniform.append(true)
            }
            rowClient.append(Int32(slot))
            countCurrency(of: row)
            if let written = row.termsMendedFrom, let terms = row.terms {
                termsMended += 1
                if firstTermsMended == nil { firstTermsMended = (written, terms) }
            }
            if row.amount >= 0 && uniform[slot] {
                if let due = row.due, row.terms == nil {
                    let n = due.days(since: row.issued)
                    // Terms run to 3650 days (grammar.md §3.5): longer ones stay explicit due dates.
                    if n > 3650 { uniform[slot] = false } else if netDays[slot] == nil { netDays[slot] = n } else if netDays[slot] != n { uniform[slot] = false }
                } else {
                    uniform[slot] = false
                }
            }

            func add(_ d: Day, _ k: Kind) { dated.append(Dated(date: d.ordinal, row: i, kind: k)) }
            add(row.issued, .invoice)
            if row.amount < 0 {
                credits += 1
                creditRows.append(i)
            }
            if row.disputed {
                add(row.issued, .dispute)
                disputes += 1
            }
            if let paid = row.paidDate, row.paidAmount > 0 {
                add(paid, .payment)
                payments += 1
                if row.paidAmount > row.amount {
                    overpaid[i] = row.amount
                    overpaidCount += 1
                    let p = row.currency.precision
                    if overpaidShown.count < 20 { overpaidShown.append("\(MoneyFormat.format(row.paidAmount - row.amount, precision: p)) \(row.currency.code) beyond invoice \(row.number) of \(MoneyFormat.format(row.amount, precision: p))") }
                }
                if row.disputed && row.paidAmount >= row.amount { add(paid, .resolved) }
            }
        }

        /// Reads the parts between `cuts` (and the end of the file) and takes their rows in
        /// order: two parts are read while the two before them are taken.
        func read(_ parts: [Cut], end: Int, with reading: RowReading) {
            let ends = parts.dropFirst().map(\.offset) + [end]
            var pending: [[ReadRecord]] = []
            var next = 0
            while next < parts.count || !pending.isEmpty {
                let batch = Array(next..<Swift.min(next + 2, parts.count))
                let taking = pending
                var read = [[ReadRecord]](repeating: [], count: batch.count)
                read.withUnsafeMutableBufferPointer { buffer in
                    let slots = UnsafeSendable(buffer)
                    let work: @Sendable (Int) -> Void = { k in
                        if k == 0 {
                            for records in taking { self.take(records) }
                        } else {
                            slots.value[k - 1] = reading.read(from: parts[batch[k - 1]], to: ends[batch[k - 1]])
                        }
                    }
                    DispatchQueue.concurrentPerform(iterations: batch.count + 1, execute: work)
                }
                pending = read
                next += batch.count
            }
        }
    }
}
