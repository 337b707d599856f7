import DueKit

struct AgendaCommand: Command {
    static let name = "agenda"
    static let abstract = "what to do today about who owes you, and why"
    static let usage = "due agenda [--as-of DATE] [--format text|markdown|json] FILE"
    static let discussion = """
        Lists, most urgent first: letters due and their stage, formal demands left unanswered,
        instalments missed or due within 7 days, promises to pay falling due within 7 days or broken in the last 7, open
        disputes, and clients who owe overdue money but have not been heard from for 30 days.
        """
    static let options: [OptionSpec] = [
        .asOf("the day to plan (default today)"),
        .format(AgendaRenderer.Format.self),
    ]

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let asOf: Day
        let format: AgendaRenderer.Format
        do {
            asOf = try args.asOf()
            format = try args.choice("format", default: .text)
        } catch {
            return refuse(error, &io)
        }
        guard let load = LedgerInput.load(args, command: name, keepingItems: false, &io) else { return ExitCode.failure }
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
        io.out(AgendaRenderer.render(agenda, format: format, ledgerName: FileSystem.fileName(of: args.positional[0])))
        return ExitCode.ok
    }
}
