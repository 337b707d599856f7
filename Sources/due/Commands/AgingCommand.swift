import DueKit

struct AgingCommand: Command {
    static let name = "aging"
    static let abstract = "show what is owed by client and by how overdue it is"
    static let usage = "due aging [--as-of DATE] [--format F] [--buckets LIST] [--by due|issue] [-o FILE [--force]] FILE"
    static let discussion = """
        Ages every open invoice as of a date, counting only entries dated on or before it, and
        prints a summary per client and currency (one column per bucket) and the open invoices
        with their status: disputed, promised, on a plan, letters sent. Credit on account is a
        negative amount in Current. Buckets come from the ledger's settings unless given here.
        Prints to stdout, or with -o writes FILE (an existing one only with --force, never
        the ledger or a file it includes). Exits 1 without a report when the ledger has errors.
        """
    static let options: [OptionSpec] = [
        .asOf("age as of this date (default today); later entries are ignored"),
        ReportArguments.format,
        .value("buckets", "LIST", "upper bounds of the buckets in days, e.g. 15,30,60 (default: settings, else 30,60,90)"),
        .value("by", "due|issue", "count days past the due date (default) or since the invoice date", kind: .choice(["due", "issue"])),
    ] + ReportOutput.options

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        // A bad --buckets or --by is a usage error, refused before the ledger is read, as a bad
        // --format is; the ledger's own buckets are taken once it is.
        let output: String?
        do {
            _ = try ReportArguments.agingOptions(args, settings: Settings())
            output = try args.output()
        } catch {
            return refuse(error, &io)
        }
        let prepared: PreparedReport
        switch ReportArguments.prepare(Self.self, args, keepingItems: false, &io) {
        case .success(let r): prepared = r
        case .failure(let f): return f.code
        }
        let clean = prepared.clean, format = prepared.format
        let load = clean.load
        let options: AgingOptions
        do { options = try ReportArguments.agingOptions(args, settings: load.ledger.settings) } catch {
            return refuse(error, &io)
        }
        if let refused = ReportOutput.refusal(output, load, command: name) {
            io.err(refused)
            return ExitCode.failure
        }
        let report = AgingReport(ledger: load.ledger, sheet: clean.sheet, options: options)
        let renderer = AgingRenderer(report, color: io.color && format == .text && output == nil)
        return ReportOutput.write(output, command: name, &io) { renderer.write(format, to: $0) }
    }
}
