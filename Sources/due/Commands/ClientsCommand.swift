import DueKit

struct ClientsCommand: Command {
    static let name = "clients"
    static let abstract = "show how each client pays: lateness, DSO, trend, last contact"
    static let usage = "due clients [--as-of DATE] [--format F] FILE"
    static let discussion = """
        For each client and currency: invoices paid, average and median days late, share paid
        on time, days sales outstanding over the last 90 days, whether recent invoices are paid
        later than before (worsening), and the last contact and what was said.
        Exits 1 without a report when the ledger has errors.
        """
    static let options: [OptionSpec] = [
        .asOf("as of this date (default today); later entries are ignored"),
        ReportArguments.format,
    ]

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let prepared: PreparedReport
        switch ReportArguments.prepare(Self.self, args, keepingItems: false, &io) {
        case .success(let r): prepared = r
        case .failure(let f): return f.code
        }
        let clean = prepared.clean, format = prepared.format
        let behaviour = ClientBehaviour(ledger: clean.load.ledger, sheet: clean.sheet)
        ClientBehaviourRenderer(behaviour, color: io.color && format == .text).write(format) { io.out($0) }
        return ExitCode.ok
    }
}
