import DueKit

struct FmtCommand: Command {
    static let name = "fmt"
    static let abstract = "rewrite ledger files in the canonical layout"
    static let usage = "due fmt [--check | --stdout] FILE..."
    static let discussion = """
        Lays out each FILE as grammar.md §8 describes: spacing, alignment, one blank line
        between entries, details in their canonical order. Only whitespace and the order of an
        entry's details change; every comment, word and amount is kept as written, and the
        result is checked to mean exactly what the file meant before it is written. A file
        already in shape is not touched. Included files are formatted only when named.

        A file with syntax errors is left alone and its errors are printed (exit 1); problems
        of meaning (a total that disagrees with its items) are left to `due check`. With --check
        nothing is written: each file that would change is shown as a unified diff, and the
        exit code is 1 if any would. --stdout prints the formatted text of one FILE instead of
        writing it. Exit 2 on a file that cannot be read or written.
        """
    static let options: [OptionSpec] = [
        .flag("check", "write nothing; show what would change as a diff and exit 1 if anything would"),
        .flag("stdout", "print the formatted text of FILE instead of writing it"),
    ]

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let paths = args.positional
        guard !paths.isEmpty else {
            io.err("due fmt: which ledger? Give the path of one or more .due files.\nusage: \(usage)\n")
            return ExitCode.failure
        }
        let check = args.flag("check"), toStdout = args.flag("stdout")
        if check && toStdout {
            io.err("due fmt: --check and --stdout cannot be used together\nusage: \(usage)\n")
            return ExitCode.failure
        }
        if toStdout && paths.count != 1 {
            io.err("due fmt: --stdout formats one file at a time (got \(paths.count))\n")
            return ExitCode.failure
        }
        var status = ExitCode.ok
        for path in paths {
            status = max(status, format(path, check: check, toStdout: toStdout, &io))
        }
        return status
    }

    static func format(_ path: String, check: Bool, toStdout: Bool, _ io: inout Output) -> Int32 {
        let bytes: SourceBytes
        do { bytes = try FileSystem.readSource(path) } catch {
            io.err("due fmt: \(error.description)\n")
            return ExitCode.failure
        }
        if check || toStdout {
            return show(FileFormatter.format(source: bytes, path: path), of: bytes, check: check, &io)
        }
        let outcome: RewriteOutcome
        do { outcome = try FileFormatter.rewrite(source: bytes, path: path) } catch {
            io.err("due fmt: \(error.description)\n")
            return ExitCode.failure
        }
        if let refused = refusal(outcome.status, outcome.file, outcome.diagnostics, &io) { return refused }
        if outcome.status == .changed { io.err("formatted \(path)\n") }
        return ExitCode.ok
    }

    /// --check and --stdout: the formatted text shown, not written.
    static func show(_ outcome: FormatOutcome, of bytes: SourceBytes, check: Bool, _ io: inout Output) -> Int32 {
        if let refused = refusal(outcome.status, outcome.file, outcome.diagnostics, &io) { return refused }
        let path = outcome.file.path
        if !check {
            // The bytes as they are, not a string made of them: a copy of the whole text.
            outcome.formatted.withUnsafeBufferPointer { Output.write(1, $0) }
            return ExitCode.ok
        }
        guard outcome.status == .changed else { return ExitCode.ok }
        // A diff of every line that only lost its carriage return, or of a first line that
        // only lost the byte order mark before it, shows lines that look alike: said in a
        // sentence instead.
        let mark = "the file starts with a byte order mark (U+FEFF, unseen in most editors), which fmt removes"
        if let unseen = FileFormatter.onlyUnseenChanges(bytes, outcome.formatted) {
            let n = unseen.lineEndings
            let endings = "the line endings would change, CRLF to LF (\(n) line\(n == 1 ? "" : "s"))"
            switch (unseen.byteOrderMark, n > 0) {
            case (true, false): io.out("\(path): \(mark); nothing else would change\n")
            case (true, true): io.out("\(path): \(mark), and \(endings); nothing else would change\n")
            default: io.out("\(path): only \(endings)\n")
            }
            return ExitCode.problems
        }
        if FileFormatter.startsWithByteOrderMark(bytes) { io.out("\(path): \(mark): line 1 below differs by it too\n") }
        LineDiff.write(old: bytes, new: outcome.formatted, oldLabel: path, newLabel: path + " (formatted)") { Output.write(1, $0) }
        return ExitCode.problems
    }

    /// The exit code when the file is left alone (errors, or a result that would mean
    /// something else), having said why; nil when it formatted.
    static func refusal(_ status: FormatOutcome.Status, _ file: SourceFile, _ diagnostics: [Diagnostic], _ io: inout Output) -> Int32? {
        let path = file.path
        switch status {
        case .invalid:
            var renderer = DiagnosticRenderer(files: [file], color: io.errorColor)
            io.err(renderer.render(diagnostics))
            let n = diagnostics.count
            io.err("\(path): not formatted: \(n) error\(n == 1 ? "" : "s")\n")
            return ExitCode.problems
        case .unsafe(let why):
            io.err("due fmt: internal error: formatting \(path) would change what it means (\(why)); the file is left as it is. Please report this.\n")
            return ExitCode.failure
        case .unchanged, .changed:
            return nil
        }
    }
}
