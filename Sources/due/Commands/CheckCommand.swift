import DueKit

struct CheckCommand: Command {
    static let name = "check"
    static let abstract = "check a ledger and report every problem in it"
    static let usage = "due check [--as-of DATE] [--strict] [--json] FILE"
    static let discussion = """
        Reads FILE and every file it includes, and reports all errors and warnings at once,
        sorted by file and line. Exits 0 when there are no errors, 1 when there are (or, with
        --strict, when there are warnings), 2 when FILE cannot be read.
        """
    static let options: [OptionSpec] = [
        .asOf("check as of this date (default today); later entries are warned about"),
        .flag("strict", "treat warnings as errors for the exit code"),
        .flag("json", "print diagnostics as JSON for editors and scripts"),
    ]

    static func count(_ n: Int, _ one: String, _ many: String? = nil) -> String { Plural.count(n, one, many) }

    /// "12 payments and credits (1 returned)": every payment written, those returned by the
    /// check's date too (the ledger the check reads has taken them out, grammar 3.6), so the
    /// count of what the file holds does not drop when the date passes a return.
    static func paymentCount(_ l: Ledger) -> String {
        let returned = l.returnedPayments.count
        return count(l.payments.count + returned, "payment or credit", "payments and credits") + (returned > 0 ? " (\(returned) returned)" : "")
    }

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let asOf: Day
        do { asOf = try args.asOf() } catch {
            if args.flag("json") { io.out(DiagnosticJSON.failure(error.message, unreadable: false)) }
            return refuse(error, &io)
        }
        // An editor or a script asked for JSON: it gets an object whatever happens.
        let load: LoadResult
        // No rule reads an item once the resolver has worked out the totals from them.
        switch LedgerInput.read(args, command: name, keepingItems: false, &io) {
        case .success(let l): load = l
        case .failure(let problem):
            io.err("due check: \(problem.message)\n")
            if args.flag("json") { io.out(DiagnosticJSON.failure(problem.message, unreadable: problem.unreadable)) }
            return ExitCode.failure
        }
        let diagnostics = Checker.check(load, asOf: asOf)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if args.flag("json") {
            io.out(DiagnosticJSON.render(diagnostics, files: load.ledger.files))
        } else {
            var renderer = DiagnosticRenderer(files: load.ledger.files, color: io.color)
            io.out(renderer.render(diagnostics))
            let l = load.ledger
            let summary = errors + warnings == 0
                ? "\(l.files[0].path): ok — \(count(l.clients.count, "client")), \(count(l.invoices.count, "invoice")), \(paymentCount(l)), \(count(l.files.count, "file"))\n"
                : "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
                    + (args.flag("strict") && warnings > 0 && errors == 0 ? " (--strict: warnings fail the check)\n" : "\n")
            io.err(summary)
        }
        if errors > 0 || (args.flag("strict") && warnings > 0) { return ExitCode.problems }
        return ExitCode.ok
    }
}
