import DueKit

struct ClientsCommand: Command {
    static let name = "clients"
    static let abstract = "show how each client pays: lateness, DSO, trend, last contact"
    static let usage = "due clients [--as-of DATE] [--format F] [-o FILE [--force]] FILE"
    static let discussion = """
        For each client and currency: invoices paid, average and median days late, share paid
        on time, days sales outstanding over the last 90 days, whether recent invoices are paid
        later than before (worsening), and the last contact and what was said.
        Prints to stdout, or with -o writes FILE (an existing one only with --force, never
        the ledger or a file it includes). Exits 1 without a report when the ledger has errors.
        """
    static let options: [OptionSpec] = [
        .asOf("as of this date (default today); later entries are ignored"),
        ReportArguments.format,
    ] + ReportOutput.options

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let output: String?
        do { output = try args.output() } catch {
            return refuse(error, &io)
        }
        let prepared: PreparedReport
        switch ReportArguments.prepare(Self.self, args, keepingItems: false, &io) {
        case .success(let r): prepared = r
        case .failure(let f): return f.code
        }
        let clean = prepared.clean, format = prepared.format
        if let refused = ReportOutput.refusal(output, clean.load, command: name) {
            io.err(refused)
            return ExitCode.failure
        }
        let behaviour = ClientBehaviour(ledger: clean.load.ledger, sheet: clean.sheet)
        let renderer = ClientBehaviourRenderer(behaviour, color: io.color && format == .text && output == nil)
        return ReportOutput.write(output, command: name, &io) { renderer.write(format, to: $0) }
    }
}
