import DueKit

struct ReportCommand: Command {
    static let name = "report"
    static let abstract = "write the aging report beside the ledger and print a summary"
    static let usage = "due report [--as-of DATE] FILE"
    static let discussion = """
        The weekly job. Writes the aging summary, the open invoices and client behaviour as
        Markdown beside the ledger (studio.due -> studio.aging.md), replacing it atomically and
        leaving it untouched when nothing changed, then prints the totals per currency, the
        clients most overdue and where the file went. The same ledger and date always give the
        same bytes. Exits 1 without writing when the ledger has errors, 2 when the report cannot
        be written.
        """
    static let options: [OptionSpec] = [
        .value("as-of", "DATE", "report as of this date (default today); later entries are ignored"),
    ]

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let asOf: Day
        do { asOf = try args.asOf() } catch {
            io.err("due report: \(error.message)\n")
            return ExitCode.failure
        }
        guard let load = LedgerInput.load(args, command: name, &io) else { return ExitCode.failure }
        let result: ReportJobResult
        do { result = try ReportJob.run(load: load, asOf: asOf) } catch {
            io.err("due report: \(error.description)\n")
            return ExitCode.failure
        }
        if result.hasErrors {
            ReportArguments.printErrors(result.errors, load, &io)
            return ExitCode.problems
        }
        io.out(result.summary)
        return ExitCode.ok
    }
}
