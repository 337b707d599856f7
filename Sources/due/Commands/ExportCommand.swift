import DueKit

struct ExportCommand: Command {
    static let name = "export"
    static let abstract = "write the receivables as an hledger journal or a beancount file"
    static let usage = "due export hledger|beancount [--as-of DATE] [-o FILE] [--force] FILE"
    static let discussion = """
        Writes every invoice, payment, credit note, refund, write-off and early-payment discount
        of the ledger as double-entry transactions: invoices debit Assets:Receivable:<Client> and
        credit Income:Sales (and Liabilities:Tax); payments credit the client's receivable from
        Assets:Bank, and refunds of money held on account debit it back; credit notes come from Income:CreditNotes, discounts from Income:Discounts,
        sums waived from Income:Allowances, losses written off from Expenses:BadDebt, each less
        the tax it takes back of a taxed invoice, in proportion, to Liabilities:Tax. Invoice
        numbers become hledger codes and beancount
        links, due dates tags and metadata. The hledger journal declares each account and
        commodity it posts to (hledger check --strict takes it); the beancount file opens each
        account. The balances are `due`'s own, so each client's
        receivable equals what `due` says it owes. With --as-of, entries dated after the date are
        left out, so the books show what was owed that day. A ledger with errors is not exported
        (exit 1).
        """
    static let options: [OptionSpec] = [
        .asOf("export what happened on or before this date (default: every entry)"),
        .output(),
        .flag("force", "overwrite the --output file if it exists"),
    ]

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let format: JournalFormat
        let output: String?
        let asOf: Day?
        do {
            asOf = args.value("as-of") == nil ? nil : try args.asOf()
            format = try args.word(at: 0, what: "tool to export for")
            output = try args.output()
        } catch {
            return refuse(error, &io)
        }
        var rest = args
        rest.positional.removeFirst()
        guard let load = LedgerInput.load(rest, command: "export \(format.rawValue)", &io) else { return ExitCode.failure }
        // With --force an export would replace whatever the path names: never the ledger, or a
        // file it includes, that it was made from.
        if let output, let read = load.ledger.files.first(where: { FileSystem.isSameFile(output, $0.path) }) {
            let what = read.id == 0 ? "the ledger being exported" : "a file the ledger includes"
            io.err("due export: '\(output)' is \(what) ('\(read.path)'); write the export to another file\n")
            return ExitCode.failure
        }
        // The last entry's date, found once: the export without --as-of is the export as of it,
        // and the book would otherwise look for it again.
        let through = asOf ?? Checker.latestDate(load.ledger)
        let outcome = Checker.run(load, asOf: through)
        let diagnostics = outcome.diagnostics.filter { $0.severity == .error }
        if !diagnostics.isEmpty {
            var renderer = DiagnosticRenderer(files: load.ledger.files, color: io.errorColor)
            io.err(renderer.render(diagnostics))
            io.err("due export: \(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s") in the ledger; fix \(diagnostics.count == 1 ? "it" : "them") first (see 'due check')\n")
            return ExitCode.problems
        }
        let source = FileSystem.fileName(of: rest.positional[0])
        if let output {
            // Written as it is made, a megabyte at a time: the journal is never held whole.
            do {
                _ = try SafeFileWriter.write(to: output) { (file: inout SafeFileWriter.Stream) throws(WriteError) in
                    try JournalExport.write(load.ledger, format: format, sourceName: source, checked: outcome.sheet, asOf: through, lending: { (piece: UnsafeBufferPointer<UInt8>) throws(WriteError) in try file.write(piece) })
                }
            } catch {
                io.err("due export: \(error.description)\n")
                return ExitCode.failure
            }
        } else {
            JournalExport.write(load.ledger, format: format, sourceName: source, checked: outcome.sheet, asOf: through) { (piece: [UInt8]) in io.out(piece) }
        }
        return ExitCode.ok
    }
}
