import DueKit

struct ReportCommand: Command {
    static let name = "report"
    static let abstract = "write the aging report, today's agenda and draft letters beside the ledger"
    static let usage = "due report [--as-of DATE] FILE"
    static let discussion = """
        The main job. Writes beside the ledger: the aging summary, open invoices and client
        behaviour as Markdown (studio.due -> studio.aging.md), today's agenda (studio.agenda.md)
        and the letters due (studio.letters/DATE-CLIENT-STAGE.md, as `due letters` does). Each
        file is replaced atomically and left untouched when nothing changed; a draft you edited
        is never overwritten. Then prints the totals per currency, the clients most overdue and
        what was written. The same ledger and date always give the same bytes. Exits 1 without
        writing when the ledger has errors, 2 when a file cannot be written.
        """
    static let options: [OptionSpec] = [
        .asOf("report as of this date (default today); later entries are ignored"),
    ]

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let asOf: Day
        do { asOf = try args.asOf() } catch {
            return refuse(error, &io)
        }
        guard let load = LedgerInput.load(args, command: name, &io) else { return ExitCode.failure }
        let result: ReportJobResult
        do { result = try ReportJob.run(load: load, asOf: asOf) } catch {
            io.err("due report: \(error.description)\n")
            return ExitCode.failure
        }
        if result.hasErrors {
            if result.extraFiles.isEmpty {
                ReportArguments.printErrors(result.errors, load, &io)
            } else {
                var renderer = DiagnosticRenderer(files: load.ledger.files + result.extraFiles, color: io.errorColor)
                io.err(renderer.render(result.errors))
                io.err("due report: fix the template errors above; no letters written\n")
            }
            return ExitCode.problems
        }
        // A letter held for a payment whose ref says another invoice than the one it paid:
        // the finding behind it, with the `apply` line to write (the summary says which letter).
        if let held = result.letters?.held, !held.isEmpty {
            var renderer = DiagnosticRenderer(files: load.ledger.files, color: io.errorColor)
            io.err(renderer.render(held.flatMap(\.findings)))
        }
        io.out(result.summary)
        return ExitCode.ok
    }
}
