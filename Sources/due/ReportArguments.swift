import DueKit

/// Options shared by the report commands: --format, --buckets, --by, and loading a ledger that
/// must be free of errors before anything is reported from it.
enum ReportArguments {
    static let format = OptionSpec.format(ReportFormat.self)

    static func format(_ args: ParsedArguments) throws(ArgumentError) -> ReportFormat {
        try args.choice("format", default: .text)
    }

    static func agingOptions(_ args: ParsedArguments, settings: Settings) throws(ArgumentError) -> AgingOptions {
        var o = AgingOptions(settings: settings)
        if let b = args.value("buckets") {
            guard let parsed = AgingBuckets.parse(b) else {
                throw ArgumentError(message: "--buckets takes increasing whole numbers of days such as 15,30,60, not '\(b)'")
            }
            o.buckets = parsed
        }
        if let by = args.value("by") {
            switch by {
            case "due": o.byIssueDate = false
            case "issue": o.byIssueDate = true
            default: throw ArgumentError(message: "--by takes due or issue, not '\(by)'" + ArgumentWords.hint(by, ["due", "issue"]))
            }
        }
        return o
    }

    /// What a report command reads first: its as-of date and format (refused as arguments when
    /// wrong), then the ledger, clean as of that date.
    /// `keepingItems: false` for a report that reads no item once the ledger is resolved.
    static func prepare<C: Command>(_ command: C.Type, _ args: ParsedArguments, keepingItems: Bool, _ io: inout Output) -> Result<PreparedReport, ExitFailure> {
        let asOf: Day
        let format: ReportFormat
        do {
            asOf = try args.asOf()
            format = try ReportArguments.format(args)
        } catch {
            return .failure(ExitFailure(code: C.refuse(error, &io)))
        }
        return loadClean(args, command: C.name, asOf: asOf, keepingItems: keepingItems, &io).map { PreparedReport(asOf: asOf, format: format, clean: $0) }
    }

    /// Loads the ledger; on errors prints them as `due check` does and returns the exit code.
    /// With the ledger come its balances as of `asOf`, from the check when it could give them.
    static func loadClean(_ args: ParsedArguments, command: String, asOf: Day, keepingItems: Bool = true, _ io: inout Output) -> Result<CleanLedger, ExitFailure> {
        guard let load = LedgerInput.load(args, command: command, keepingItems: keepingItems, &io) else { return .failure(ExitFailure(code: ExitCode.failure)) }
        let outcome = Checker.run(load, asOf: asOf)
        let errors = outcome.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            printErrors(errors, load, &io)
            return .failure(ExitFailure(code: ExitCode.problems))
        }
        return .success(CleanLedger(load: load, sheet: outcome.sheet(asOf: asOf, ledger: load.ledger)))
    }

    static func printErrors(_ errors: [Diagnostic], _ load: LoadResult, _ io: inout Output) {
        var renderer = DiagnosticRenderer(files: load.ledger.files, color: io.errorColor)
        io.err(renderer.render(errors))
        io.err("\(errors.count) error\(errors.count == 1 ? "" : "s"): fix the ledger first (see 'due check')\n")
    }
}

/// A ledger free of errors and its balances as of the report's date.
struct CleanLedger {
    var load: LoadResult
    var sheet: BalanceSheet
}

/// A report's date, its format and the clean ledger it is made from.
struct PreparedReport {
    var asOf: Day
    var format: ReportFormat
    var clean: CleanLedger
}

struct ExitFailure: Error {
    var code: Int32
}

/// `-o FILE` for the reports that print to standard output: the report is written to a
/// temporary file beside FILE and renamed into place (`SafeFileWriter`), as every file `due`
/// writes; an existing FILE is replaced only with --force, and never when it is the ledger or
/// a file the ledger includes.
enum ReportOutput {
    static let options: [OptionSpec] = [
        .output("write the report to FILE instead of stdout (also -o FILE; - is stdout)"),
        .flag("force", "replace the --output file if it exists"),
    ]

    /// Why the report must not go to `output`, said as the command says it: it is the ledger
    /// being read or a file that ledger includes, which --force does not change.
    static func refusal(_ output: String?, _ load: LoadResult, command: String) -> String? {
        guard let output, let read = load.ledger.files.first(where: { FileSystem.isSameFile(output, $0.path) }) else { return nil }
        let what = read.id == 0 ? "the ledger being read" : "a file the ledger includes"
        return "due \(command): '\(output)' is \(what) ('\(read.path)'); write the report to another file\n"
    }

    /// Hands `produce` where the report's bytes go: standard output, or `output`, written
    /// whole before it replaces the file. The exit code: 2 when the file cannot be written.
    static func write(_ output: String?, command: String, _ io: inout Output, _ produce: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void) -> Int32 {
        guard let output else {
            produce { Output.write(1, $0) }
            return ExitCode.ok
        }
        do {
            _ = try SafeFileWriter.write(to: output) { (file: inout SafeFileWriter.Stream) throws(WriteError) in
                var failure: WriteError?
                produce { piece in
                    guard failure == nil else { return }
                    do throws(WriteError) { try file.write(piece) } catch { failure = error }
                }
                if let failure { throw failure }
            }
        } catch {
            io.err("due \(command): \(error.description)\n")
            return ExitCode.failure
        }
        return ExitCode.ok
    }

    /// `write` of a report made whole as text.
    static func write(_ output: String?, command: String, _ io: inout Output, text: String) -> Int32 {
        var text = text
        return write(output, command: command, &io) { sink in text.withUTF8 { sink($0) } }
    }
}
