import DueKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exit codes, the same for every command.
enum ExitCode {
    static let ok: Int32 = 0
    /// The ledger has errors (or, with --strict, warnings); or `fmt --check` found changes.
    static let problems: Int32 = 1
    /// Wrong usage, or a file that cannot be read or written.
    static let failure: Int32 = 2
}

/// A subcommand: its help text, the options it takes, and what it does.
protocol Command: Sendable {
    static var name: String { get }
    static var abstract: String { get }
    static var usage: String { get }
    static var discussion: String { get }
    static var options: [OptionSpec] { get }
    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32
}

extension Command {
    /// Reports wrong usage the one way every command does, and gives the exit code for it.
    static func refuse(_ error: ArgumentError, _ io: inout Output) -> Int32 {
        io.err("due \(name): \(error.message)\nusage: \(usage)\n")
        return ExitCode.failure
    }
}

enum CommandLineTool {
    /// Every command, in the order `due --help` lists them.
    static let commands: [any Command.Type] = [
        CheckCommand.self,
        ReportCommand.self,
        AgingCommand.self,
        ClientsCommand.self,
        ForecastCommand.self,
        FmtCommand.self,
        LettersCommand.self,
        SentCommand.self,
        AgendaCommand.self,
        ImportCommand.self,
        ExportCommand.self,
        BenchCommand.self,
        LspCommand.self,
        HelpCommand.self,
    ]

    static func find(_ name: String) -> (any Command.Type)? { commands.first { $0.name == name } }

    static func run(_ arguments: [String], _ io: inout Output) -> Int32 {
        guard let first = arguments.first else {
            io.err(shortUsage())
            return ExitCode.failure
        }
        if first == "--help" || first == "-h" {
            io.out(fullHelp())
            return ExitCode.ok
        }
        if first == "--version" {
            io.out("due \(DueVersion.string)\n")
            return ExitCode.ok
        }
        guard let command = find(first) else {
            // Options belong to a command and follow it (`due report --as-of D FILE`); written
            // before it, they are shown the way round that works.
            if first.hasPrefix("-"), let at = arguments.firstIndex(where: { find($0) != nil }) {
                let line = [arguments[at]] + arguments[..<at] + arguments[(at + 1)...]
                io.err("due: options follow the command: due \(line.map(Self.shellWord).joined(separator: " "))\n" + shortUsage())
                return ExitCode.failure
            }
            if first.hasPrefix("-") {
                io.err("due: '\(first)' is an option; a command comes first.\n" + shortUsage())
                return ExitCode.failure
            }
            let hint = Suggestion.nearest(to: first, in: commands.map { $0.name }).map { " Did you mean '\($0)'?" } ?? ""
            io.err("due: unknown command '\(first)'.\(hint)\n" + shortUsage())
            return ExitCode.failure
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            io.out(help(for: command))
            return ExitCode.ok
        }
        let parsed: ParsedArguments
        do {
            parsed = try ArgumentParser.parse(rest, options: command.options + commonOptions)
        } catch {
            io.err("due \(command.name): \(error.message)\nusage: \(command.usage)\nSee 'due help \(command.name)'.\n")
            // Whoever asked for JSON reads standard output: give them an object to read.
            if rest.contains("--json"), command.options.contains(where: { $0.name == "json" }) {
                io.out(DiagnosticJSON.failure(error.message, unreadable: false))
            }
            return ExitCode.failure
        }
        io.color = Output.wantsColor(flag: parsed.flag("no-color") ? false : nil)
        io.errorColor = !parsed.flag("no-color") && Output.stderrIsTerminal()
        return command.run(parsed, &io)
    }

    static let commonOptions: [OptionSpec] = [
        .flag("no-color", "never colour the output (colour is used only on a terminal, and never when NO_COLOR is set)"),
    ]

    /// An argument as a shell would need it typed back: quoted when it holds anything but
    /// plain word characters.
    static func shellWord(_ s: String) -> String {
        let plain = !s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "-_./=:,+@%".unicodeScalars.contains($0) }
        return plain ? s : "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    static func shortUsage() -> String {
        "usage: due COMMAND [OPTIONS] FILE\ncommands: " + commands.map { $0.name }.joined(separator: ", ") + "\nRun 'due --help' for more.\n"
    }

    static func fullHelp() -> String {
        var s = """
            due — keep receivables in a plain-text ledger, check it, and get paid.

            usage: due COMMAND [OPTIONS] FILE

            commands:

            """
        let width = (commands.map { $0.name.count }.max() ?? 0) + 2
        for c in commands {
            s += "  " + c.name.padding(width) + c.abstract + "\n"
        }
        s += """

            Run 'due help COMMAND' (or 'due COMMAND --help') for a command's options;
            'due --version' prints the version.
            Exit codes: 0 success, 1 problems found in the ledger, 2 wrong usage or unreadable file.
            The ledger format is described in grammar.md.

            """
        return s
    }

    static func help(for c: any Command.Type) -> String {
        var s = "due \(c.name) — \(c.abstract)\n\nusage: \(c.usage)\n"
        if !c.discussion.isEmpty { s += "\n" + c.discussion + "\n" }
        let all = c.options + commonOptions
        if !all.isEmpty {
            s += "\noptions:\n"
            let labels = all.map { $0.label }
            let width = (labels.map { $0.count }.max() ?? 0) + 2
            for (o, label) in zip(all, labels) { s += "  " + label.padding(width) + o.help + "\n" }
        }
        return s
    }
}

enum DueVersion {
    static let string = "0.1.0"
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(1, width - count)) }
}

struct HelpCommand: Command {
    static let name = "help"
    static let abstract = "explain a command and its options"
    static let usage = "due help [COMMAND]"
    static let discussion = ""
    static let options: [OptionSpec] = []

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        guard let name = args.positional.first else {
            io.out(CommandLineTool.fullHelp())
            return ExitCode.ok
        }
        guard let c = CommandLineTool.find(name) else {
            io.err("due help: unknown command '\(name)'.\n" + CommandLineTool.shortUsage())
            return ExitCode.failure
        }
        io.out(CommandLineTool.help(for: c))
        return ExitCode.ok
    }
}
