import DueKit

/// What an option's value must be. The parser checks every value against its kind before a
/// command runs, so a mistyped value is refused the same way (exit 2, the bad word named, a
/// "did you mean" where there is a choice) by every command.
enum ValueKind: Sendable {
    /// Any text: a path, a client id, a column mapping.
    case text
    /// A calendar date written YYYY-MM-DD.
    case date
    /// A whole number no smaller than the bound.
    case whole(atLeast: Int)
    /// One of a fixed set of words.
    case choice([String])
}

/// An option a command accepts: a flag (`--json`) or an option with a value (`--as-of DATE`).
struct OptionSpec {
    var name: String
    var valueName: String?
    var help: String
    var repeatable = false
    var kind = ValueKind.text

    static func flag(_ name: String, _ help: String) -> OptionSpec { OptionSpec(name: name, valueName: nil, help: help) }
    static func value(_ name: String, _ valueName: String, _ help: String, repeatable: Bool = false, kind: ValueKind = .text) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, repeatable: repeatable, kind: kind)
    }

    /// `--as-of DATE`: the day a command works as of.
    static func asOf(_ help: String) -> OptionSpec { value("as-of", "DATE", help, kind: .date) }

    /// `--format F`, one of the cases of `T`; the help lists them, the first being the default.
    static func format<T: CaseIterable & RawRepresentable>(_: T.Type, _ help: String = "") -> OptionSpec where T.RawValue == String {
        let names = T.allCases.map(\.rawValue)
        let listed = names.count == 2 ? "\(names[0]) (default) or \(names[1])" : "\(names[0]) (default), " + names.dropFirst().dropLast().joined(separator: ", ") + " or \(names.last!)"
        return value("format", "F", help.isEmpty ? listed : help, kind: .choice(names))
    }

    /// `-o FILE` / `--output FILE`: where a command writes instead of standard output.
    static func output(_ help: String = "write to FILE instead of stdout (also -o FILE; - is stdout)") -> OptionSpec { value("output", "FILE", help) }

    /// A whole-number option such as `--runs R`.
    static func number(_ name: String, _ valueName: String, _ help: String, atLeast: Int) -> OptionSpec {
        value(name, valueName, help, kind: .whole(atLeast: atLeast))
    }

    var label: String { (name.count == 1 ? "-" : "--") + name + (valueName.map { " " + $0 } ?? "") }

    /// Why `text` is not a date: a date in the right form that does not exist (`2026-02-30`)
    /// is told so, not that its form is wrong.
    static func dateRefusal(_ name: String, _ text: String) -> String {
        if case .impossible(let why) = DayParser.parse(Array(text.utf8)[...]) {
            return "--\(name) takes a real date: '\(text)' is not one (\(why))"
        }
        return "--\(name) takes a date as YYYY-MM-DD, not '\(text)'"
    }

    /// Why `text` is not a value of this option, or nil when it is.
    func refusal(of text: String) -> String? {
        switch kind {
        case .text:
            return nil
        case .date:
            guard Day.parse(text) == nil else { return nil }
            return Self.dateRefusal(name, text)
        case .whole(let least):
            if let n = Int(text), n >= least { return nil }
            return "--\(name) takes a whole number of \(least) or more, not '\(text)'"
        case .choice(let words):
            guard !words.contains(text) else { return nil }
            return "--\(name) takes \(ArgumentWords.list(words)), not '\(text)'" + ArgumentWords.hint(text, words)
        }
    }
}

struct ArgumentError: Error {
    var message: String
}

/// Wording shared by the argument messages.
enum ArgumentWords {
    /// "a, b or c".
    static func list(_ words: [String]) -> String {
        words.count <= 1 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }

    /// " (did you mean 'x'?)" when `word` reads as a typo of one of `words`, else "".
    static func hint(_ word: String, _ words: [String]) -> String {
        Suggestion.hint(for: word, in: words).map { " (\($0))" } ?? ""
    }
}

struct ParsedArguments {
    var flags: Set<String> = []
    var values: [String: [String]] = [:]
    var positional: [String] = []

    func flag(_ name: String) -> Bool { flags.contains(name) }
    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// `--as-of DATE`, defaulting to today.
    func asOf(default fallback: @autoclosure () -> Day = Clock.today()) throws(ArgumentError) -> Day {
        guard let text = value("as-of") else { return fallback() }
        guard let d = Day.parse(text) else { throw ArgumentError(message: OptionSpec.dateRefusal("as-of", text)) }
        return d
    }

    /// The value of a choice option (such as `--format`) as its type, or `fallback` when absent.
    func choice<T: CaseIterable & RawRepresentable>(_ name: String, default fallback: T) throws(ArgumentError) -> T where T.RawValue == String {
        guard let text = value(name) else { return fallback }
        guard let v = T(rawValue: text) else {
            let words = T.allCases.map(\.rawValue)
            throw ArgumentError(message: "--\(name) takes \(ArgumentWords.list(words)), not '\(text)'" + ArgumentWords.hint(text, words))
        }
        return v
    }

    /// The value of a whole-number option, or `fallback` when absent.
    func number(_ name: String, default fallback: Int, atLeast least: Int) throws(ArgumentError) -> Int {
        guard let text = value(name) else { return fallback }
        guard let n = Int(text), n >= least else {
            throw ArgumentError(message: "--\(name) takes a whole number of \(least) or more, not '\(text)'")
        }
        return n
    }

    /// The value of a whole-number option, or nil when it is not given.
    func number(_ name: String, atLeast least: Int) throws(ArgumentError) -> Int? {
        value(name) == nil ? nil : try number(name, default: least, atLeast: least)
    }

    /// `-o/--output FILE`; refused when the file exists and `--force` was not given.
    /// `-o -` is standard output, as it is for most tools that write a file.
    func output() throws(ArgumentError) -> String? {
        guard let path = value("output"), path != "-" else { return nil }
        if FileSystem.exists(path), !flag("force") {
            throw ArgumentError(message: "'\(path)' already exists; give --force to replace it")
        }
        return path
    }

    /// The positional word at `index` as one of the cases of `T`.
    func word<T: CaseIterable & RawRepresentable>(at index: Int, what: String) throws(ArgumentError) -> T where T.RawValue == String {
        let w = try word(at: index, in: T.allCases.map(\.rawValue), what: what)
        guard let v = T(rawValue: w) else { throw ArgumentError(message: "'\(w)' is not a \(what)") }
        return v
    }

    /// The positional word at `index` (a sub-command such as `csv` or `hledger`), one of `words`.
    /// `what` names the kind of word, e.g. "tool to export for".
    func word(at index: Int, in words: [String], what: String) throws(ArgumentError) -> String {
        guard index < positional.count else {
            throw ArgumentError(message: "say which \(what): \(ArgumentWords.list(words))")
        }
        let w = positional[index]
        guard words.contains(w) else {
            throw ArgumentError(message: "'\(w)' is not a \(what): say \(ArgumentWords.list(words))" + ArgumentWords.hint(w, words))
        }
        return w
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
            // `--json` (or `--csv`, `--markdown`) where the command has `--format` with that
            // choice: the one way `check` spells it works everywhere.
            if !short, inline == nil, !options.contains(where: { $0.name == name }),
                let format = options.first(where: { $0.name == "format" }), case .choice(let names) = format.kind, names.contains(name)
            {
                if out.values["format"] != nil { throw ArgumentError(message: "'--format' is given twice") }
                out.values["format"] = [name]
                continue
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                // A command that reads its date from elsewhere says where, rather than only
                // that the option is unknown (`due sent` records each draft under its own date).
                let hint = name == "as-of" ? " (this command takes no date)"
                    : Suggestion.nearest(to: name, in: options.map { $0.name }).map { " (did you mean '--\($0)'?)" } ?? ""
                throw ArgumentError(message: "unknown option '\(short ? "-" : "--")\(name)'\(hint)")
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
            if let why = spec.refusal(of: value) { throw ArgumentError(message: why) }
            out.values[name, default: []].append(value)
        }
        return out
    }
}
