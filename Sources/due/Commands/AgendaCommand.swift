import DueKit

struct AgendaCommand: Command {
    static let name = "agenda"
    static let abstract = "what to do today about who owes you, and why"
    static let usage = "due agenda [--as-of DATE] [--format text|markdown|json] [-o FILE [--force]] FILE"
    static let discussion = """
        Lists, most urgent first: letters due and their stage, formal demands left unanswered,
        instalments missed or due within 7 days, promises to pay falling due within 7 days or broken in the last 7, open
        disputes, and clients who owe overdue money but have not been heard from for 30 days.
        Prints to stdout, or with -o writes FILE (an existing one only with --force, never the
        ledger or a file it includes).
        """
    static let options: [OptionSpec] = [
        .asOf("the day to plan (default today)"),
        .format(AgendaRenderer.Format.self),
    ] + ReportOutput.options

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let asOf: Day
        let format: AgendaRenderer.Format
        let output: String?
        do {
            asOf = try args.asOf()
            format = try args.choice("format", default: .text)
            output = try args.output()
        } catch {
            return refuse(error, &io)
        }
        guard let load = LedgerInput.load(args, command: name, keepingItems: false, &io) else { return ExitCode.failure }
        if let refused = ReportOutput.refusal(output, load, command: name) {
            io.err(refused)
            return ExitCode.failure
        }
        let outcome = Checker.run(load, asOf: asOf)
        let problems = outcome.diagnostics
        if problems.hasErrors {
            var renderer = DiagnosticRenderer(files: load.ledger.files, color: io.errorColor)
            io.err(renderer.render(problems.filter { $0.severity == .error }))
            io.err("due agenda: the ledger has errors; fix them first\n")
            return ExitCode.problems
        }
        let sheet = outcome.sheet(asOf: asOf, ledger: load.ledger)
        let agenda = Agenda.build(ledger: load.ledger, sheet: sheet, asOf: asOf)
        return ReportOutput.write(output, command: name, &io, text: AgendaRenderer.render(agenda, format: format, ledgerName: FileSystem.fileName(of: args.positional[0])))
    }
}
