import DueKit

struct ImportCommand: Command {
    static let name = "import"
    static let abstract = "turn a spreadsheet's CSV of invoices into a ledger"
    static let usage = "due import csv [--map COLUMN=FIELD ...] [--date-format FMT] [--currency CODE] [--skip-bad] [-o FILE] [--force] FILE.csv"
    static let discussion = """
        Reads FILE.csv (one invoice per row, a header line naming the columns) and writes a
        ledger: settings, a client entry per distinct client, an invoice per row (a credit note
        for a negative amount), a payment for each paid date and a dispute note for each
        disputed flag, in date order. The columns are guessed from their names and the guess
        is printed to stderr; --map overrides it, e.g. --map "Cust Ref=client" --map
        Notes=ignore. Fields: invoice, client, client-name, issued, due, terms, amount, net,
        tax, currency, paid-date, paid-amount, open, disputed, status, description, email,
        contact (a client's first email and contact go on its client entry), quantity,
        unit-price. German headers are guessed too (Rechnungsnummer, Kunde, Rechnungsdatum,
        Fälligkeitsdatum, Betrag, Netto, MwSt., Brutto, Bezahlt am, Offen, Status, ...;
        ä, ö, ü, ß read as ae, oe, ue, ss). Rows that repeat an invoice number with the same client, dates, currency
        and payment are the lines of one invoice (Xero): an item each, with quantity and
        unit-price, else their amounts added up (or the total they all repeat). A header may name its
        currency in brackets, as Amount (GBP) or Amount (£).
        The amount is the total owed, tax included. Without one, each total is the net plus
        the tax, which may be money or a rate of the net (20%); beside a total they must add
        up to it. An Amount beside a tax column and no net or total is asked about: --map
        Amount=amount if it includes the tax, --map Amount=net if the tax is added to it.
        Two columns that may each be the total (Amount and Total) are asked about as well,
        unless every row gives both the same figure.
        Terms typed with a space left out or a word too many (net30, NET-30, 2/10net30, net
        30 days) are mended to the ledger's form (net 30), and the summary says on how many
        invoices.
        The amounts' currency is the currency column's; where its cell is empty, --currency,
        else the one currency the column names (said in a note; a column that names more
        than one does not say, and the row cannot be read). With no currency column it is
        --currency, else the one the amount column's header names, or the code or sign
        every amount is written with (£1,200.00, 1.200,00 €, EUR 12: £ is GBP, € EUR); $
        and ¥, each written by more than one currency, are asked about.
        A disputed cell reads yes, y, true, 1, x, disputed, dispute, in dispute, under
        dispute, ja, strittig, bestritten as disputed, and no, n, false, 0, -, open, sent,
        unpaid, overdue, undisputed, not disputed, resolved, nein, offen, unbezahlt,
        überfällig, nicht strittig, unstrittig or an empty cell as not; any case, with - or _
        between words.
        What is still owed (open: Amount Due, Balance, Open Balance, Outstanding) makes what
        was paid the total less it, a payment on the paid date (Paid Date, Last Payment Date);
        money paid with no paid date is asked about, as are columns that disagree on what is
        owed. A status (Status, Invoice Status) reads paid, paid in full, fully paid, closed,
        settled, bezahlt, beglichen, ausgeglichen, erledigt as paid in full (with a paid date);
        partial, partially paid, part paid, partly paid, teilbezahlt, teilweise bezahlt as part
        paid (with a column that says how much); open, sent, unpaid, not paid, overdue, past
        due, due, awaiting payment, viewed, outstanding, pending, approved, authorised,
        authorized, issued, offen, unbezahlt, nicht bezahlt, fällig, überfällig, ausstehend,
        versendet, gemahnt as not paid; disputed, dispute, in dispute, under dispute,
        strittig, bestritten as disputed; void, voided, cancelled, canceled, deleted,
        storniert, storno, gelöscht, draft, awaiting approval, entwurf as no invoice to chase:
        those rows are left out, and the import says so.
        A total row under the rows (QuickBooks' TOTAL, also Total, Grand Total, Summe,
        Gesamt: that word, the sums of amount columns and nothing else) is left out, and the
        summary says so; a sum that differs from the rows above it is a row it cannot read.
        Rows of empty or blank cells are skipped.
        Every problem of a row that cannot be read is listed by line and column; then nothing
        is written and the exit status is 1, unless --skip-bad leaves those rows out. Writes to
        stdout, or to --output, which must not exist unless --force is given.
        """
    static let options: [OptionSpec] = [
        .value("map", "COLUMN=FIELD", "feed FIELD from COLUMN (header name or number); FIELD 'ignore' leaves a column out", repeatable: true),
        .value("date-format", "FMT", "how dates are written: m/d/y, d/m/y, d.m.y, y-m-d, d mon y (5 Jan 2026), mon d, y (January 5, 2026)… (default: guessed); two-digit years are read only with it (00–69: 2000s)"),
        .value("currency", "CODE", "currency of the amounts when no column says (e.g. USD)"),
        .flag("skip-bad", "leave out rows that cannot be read instead of writing nothing"),
        .output("write the ledger to FILE instead of stdout (also -o FILE)"),
        .flag("force", "overwrite the --output file if it exists"),
    ]

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let output: String?
        do {
            _ = try args.word(at: 0, in: ["csv"], what: "source to import from")
            output = try args.output()
        } catch {
            return refuse(error, &io)
        }
        guard args.positional.count == 2 else {
            io.err("due import csv: give one CSV file\nusage: \(usage)\n")
            return ExitCode.failure
        }
        let path = args.positional[1]
        if let output, FileSystem.isSameFile(output, path) {
            io.err("due import csv: '\(output)' is the spreadsheet being imported; write the ledger to another file\n")
            return ExitCode.failure
        }
        var options = CSVImportOptions()
        options.overrides = args.all("map")
        options.sourceName = FileSystem.fileName(of: path)
        if let spec = args.value("date-format") {
            guard let f = CSVDateFormat(spec: spec) else {
                io.err("due import csv: --date-format takes the order of day, month and year with their separator, e.g. m/d/y, d.m.y, y-m-d, d mon y, mon d, y; not '\(spec)'\n")
                return ExitCode.failure
            }
            options.dateFormat = f
        }
        if let code = args.value("currency") {
            guard Currency.isCode(Array(code.utf8)[...]) else {
                io.err("due import csv: --currency takes a three-letter ISO 4217 code in capitals, e.g. USD, not '\(code)'\n")
                return ExitCode.failure
            }
            options.currency = Currency(code)
        }
        let source: SourceBytes
        do { source = try FileSystem.readSource(path) } catch {
            io.err("due import csv: \(error.description)\n")
            return ExitCode.failure
        }
        let result: ImportResult
        switch CSVImporter.run(source: source, options: options) {
        case .success(let r): result = r
        case .failure(let e):
            // A problem in the data is reported as a row's are, with its place, and is no
            // usage error; no row can be left out around it, so nothing is written either way.
            if let line = e.line {
                io.err("\(path):\(line):\(e.column ?? 1): error: \(e.message)\n")
                io.err("due import csv: nothing written\n")
                return ExitCode.problems
            }
            io.err("due import csv: \(path): \(e.message)\n")
            return ExitCode.failure
        }
        io.err("due import csv: columns of \(path):\n" + result.map.describe())
        if let f = result.dateFormat, !f.named { io.err("  dates read as \(f) (guessed)\n") }
        if let from = result.currencyFrom { io.err("  amounts read as \(result.currency.code), from \(from)\n") }
        if !result.problems.isEmpty {
            let shown = result.problems.prefix(50)
            for p in shown {
                let column = p.columnName.map { " (column '\($0)')" } ?? ""
                io.err("\(path):\(p.line):\(p.column): \(args.flag("skip-bad") ? "skipped" : "error")\(column): \(p.message)\n")
            }
            if result.problems.count > shown.count { io.err("… and \(Plural.count(result.problems.count - shown.count, "more problem"))\n") }
            if !args.flag("skip-bad") {
                io.err("due import csv: \(Plural.count(result.badLines.count, "row")) of \(result.rows) cannot be read; nothing written (give --skip-bad to leave \(result.badLines.count == 1 ? "it" : "them") out)\n")
                return ExitCode.problems
            }
        }
        if let output {
            do {
                _ = try SafeFileWriter.write(to: output) { (file: inout SafeFileWriter.Stream) throws(WriteError) in
                    try result.write { (piece: [UInt8]) throws(WriteError) in try file.write(piece) }
                }
            } catch {
                io.err("due import csv: \(error.description)\n")
                return ExitCode.failure
            }
        } else {
            result.write { io.out($0) }
        }
        for note in result.notes { io.err("due import csv: note: \(note)\n") }
        let left = result.badLines.count
        io.err("due import csv: \(result.summary)\(left == 0 ? "" : ", \(Plural.count(left, "row")) left out")\(output.map { " → \($0)" } ?? "")\n")
        return ExitCode.ok
    }
}
