import DueKit

/// An option a command accepts: a flag (`--json`) or an option with a value (`--as-of DATE`).
struct OptionSpec {
    var name: String
    var valueName: String?
    var help: String
    var repeatable = false

    static func flag(_ name: String, _ help: String) -> OptionSpec { OptionSpec(name: name, valueName: nil, help: help) }
    static func value(_ name: String, _ valueName: String, _ help: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, repeatable: repeatable)
    }

    var label: String { (name.count == 1 ? "-" : "--") + name + (valueName.map { " " + $0 } ?? "") }
}

struct ArgumentError: Error {
    var message: String
}

struct ParsedArguments {
    var flags: Set<String> = []
    var values: [String: [String]] = [:]
    var positional: [String] = []

    func flag(_ name: String) -> Bool { flags.contains(name) }
    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// `--as-of DATE`, defaulting to today.
    func asOf() throws(ArgumentError) -> Day {
        guard let text = value("as-of") else { return Clock.today() }
        guard let d = Day.parse(text) else { throw ArgumentError(message: "--as-of takes a date as YYYY-MM-DD, not '\(text)'") }
        return d
    }
}

enum ArgumentParser {
    static func parse(_ args: [String], options: [OptionSpec]) throws(ArgumentError) -> ParsedArguments {
        var out = ParsedArguments()
        var i = 0
        var onlyPositional = false
        while i < args.count {
            var a = args[i]
            i += 1
            // `-o FILE` is the one short option: the habit of every tool that writes a file.
            if a == "-o" && !onlyPositional && options.contains(where: { $0.name == "output" }) { a = "--output" }
            if onlyPositional || !a.hasPrefix("-") || a == "-" {
                out.positional.append(a)
                continue
            }
            if a == "--" {
                onlyPositional = true
                continue
            }
            // Single-letter options (`-o FILE`) are written with one dash.
            let short = !a.hasPrefix("--") && a.count == 2
            guard a.hasPrefix("--") || short else { throw ArgumentError(message: "unknown option '\(a)'") }
            var name = String(a.dropFirst(short ? 1 : 2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                let hint = Suggestion.nearest(to: name, in: options.map { $0.name }).map { " (did you mean '--\($0)'?)" } ?? ""
                throw ArgumentError(message: "unknown option '--\(name)'\(hint)")
            }
            if spec.valueName == nil {
                if inline != nil { throw ArgumentError(message: "'--\(name)' takes no value") }
                out.flags.insert(name)
                continue
            }
            let value: String
            if let v = inline {
                value = v
            } else {
                guard i < args.count else { throw ArgumentError(message: "'--\(name)' needs a value (\(spec.valueName!))") }
                value = args[i]
                i += 1
            }
            if !spec.repeatable, out.values[name] != nil { throw ArgumentError(message: "'--\(name)' is given twice") }
            out.values[name, default: []].append(value)
        }
        return out
    }
}
