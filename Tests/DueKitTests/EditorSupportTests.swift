import Foundation
import Testing
@testable import DueKit

/// The editor files in editors/: Neovim as a real client of `due lsp`, and the TextMate grammar
/// the VS Code extension colours ledgers with.
@Suite(.serialized)
struct EditorSupportTests {
    static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    @Test func neovimOpensTheSampleGetsDiagnosticsAndCompletes() throws {
        guard let nvim = Self.which("nvim") else {
            print("skipped: nvim is not installed (apt-get install neovim)")
            return
        }
        let dir = try temporaryDirectory()
        let transcript = dir + "/transcript.txt"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: nvim)
        p.arguments = ["--headless", "-n", "-u", "NONE", "-c", "luafile " + Repo.path("Scripts/nvim-lsp-check.lua")]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        env["DUE_BIN"] = DueRun.binary
        env["DUE_FILE"] = Repo.path("samples/studio.due")
        env["DUE_TRANSCRIPT"] = transcript
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let text = (try? String(contentsOfFile: transcript, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("diagnostics received: true"), "\(text)")
        #expect(lines.contains("publishDiagnostics studio.due: 0 "), "\(text)")
        #expect(lines.contains("publishDiagnostics studio-clients.due: 0 "), "\(text)")
        let completion = lines.first { $0.hasPrefix("completion after") } ?? ""
        for id in ["nordlicht", "pellucid", "harbour", "tidewater"] { #expect(completion.contains(" \(id)"), "\(completion)") }
        #expect(lines.contains { $0.hasPrefix("publishDiagnostics studio.due: 1 E102") }, "\(text)")
        #expect(lines.contains { $0.contains("hover on line") && $0.contains("owes") }, "\(text)")
        #expect(lines.contains("shutdown answered: true"), "\(text)")
    }

    /// The VS Code extension names files that exist and starts `due lsp`.
    @Test func vsCodeExtensionIsComplete() throws {
        let folder = Repo.path("editors/vscode")
        let package = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/package.json"))) as? [String: Any] ?? [:]
        let contributes = package["contributes"] as? [String: Any] ?? [:]
        let language = (contributes["languages"] as? [[String: Any]])?.first ?? [:]
        #expect(language["id"] as? String == "due")
        #expect(language["extensions"] as? [String] == [".due"])
        let grammar = (contributes["grammars"] as? [[String: Any]])?.first ?? [:]
        #expect(grammar["scopeName"] as? String == "source.due")
        for relative in [grammar["path"] as? String, language["configuration"] as? String, package["main"] as? String] {
            let path = folder + "/" + (relative ?? "?")
            #expect(FileManager.default.fileExists(atPath: path), "\(path)")
            if path.hasSuffix(".json") { #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))) != nil, "\(path) is JSON") }
        }
        let script = try String(contentsOfFile: folder + "/extension.js", encoding: .utf8)
        #expect(script.contains("['lsp']"))
        #expect((package["activationEvents"] as? [String]) == ["onLanguage:due"])
    }

    struct Rule {
        var name: String
        var regex: NSRegularExpression
    }

    static func grammarRules() throws -> [Rule] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repo.path("editors/vscode/syntaxes/due.tmLanguage.json")))
        let grammar = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let repository = grammar["repository"] as? [String: [String: Any]] ?? [:]
        let order = (grammar["patterns"] as? [[String: String]] ?? []).compactMap { $0["include"]?.dropFirst() }
        #expect(order.count == repository.count, "every rule is used")
        return try order.map { name in
            let pattern = repository[String(name)]?["match"] as? String ?? ""
            return Rule(name: String(name), regex: try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]))
        }
    }

    /// Every non-blank line of the samples starts with a structural scope (comment, header,
    /// detail keyword or instalment), and every character that is not a space is scoped.
    @Test func textMateGrammarScopesEveryLineOfTheSamples() throws {
        let rules = try Self.grammarRules()
        let structural: Set<String> = ["comment-line", "dated-header-with-word", "dated-header", "client-header", "text-header", "settings-header", "instalment", "text-detail", "detail-keyword"]
        var checked = 0
        for sample in ["samples/studio.due", "samples/studio-clients.due"] {
            let text = try String(contentsOfFile: Repo.path(sample), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let s = String(line)
                guard !s.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                let ns = s as NSString
                var covered = [Bool](repeating: false, count: ns.length)
                var cursor = 0
                var firstRule: String?
                // As a TextMate engine does: at each place the first rule (in order) that matches earliest wins.
                while cursor < ns.length {
                    var best: (NSRange, String)?
                    for rule in rules {
                        guard let m = rule.regex.firstMatch(in: s, range: NSRange(location: cursor, length: ns.length - cursor)), m.range.length > 0 else { continue }
                        if best == nil || m.range.location < best!.0.location { best = (m.range, rule.name) }
                    }
                    guard let (r, name) = best else { break }
                    if firstRule == nil { firstRule = name }
                    for k in r.location..<(r.location + r.length) { covered[k] = true }
                    cursor = r.location + r.length
                }
                #expect(firstRule.map(structural.contains) == true, "\(sample):\(n + 1) starts with \(firstRule ?? "nothing"): \(s)")
                let uncovered = (0..<ns.length).filter { !covered[$0] && ns.character(at: $0) != 0x20 && ns.character(at: $0) != 0x09 }
                #expect(uncovered.isEmpty, "\(sample):\(n + 1) has unscoped characters: \(s)")
                checked += 1
            }
        }
        #expect(checked > 700)
    }

    /// What the first rule to match `line` (as a TextMate engine picks it) captures: each
    /// capture's text and scope.
    static func captures(_ line: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repo.path("editors/vscode/syntaxes/due.tmLanguage.json")))
        let repository = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["repository"] as? [String: [String: Any]] ?? [:]
        let ns = line as NSString
        var best: (NSTextCheckingResult, String)?
        for rule in try grammarRules() {
            guard let m = rule.regex.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)), m.range.length > 0 else { continue }
            if best == nil || m.range.location < best!.0.range.location { best = (m, rule.name) }
        }
        guard let (m, name) = best else { return [] }
        let scopes = repository[name]?["captures"] as? [String: [String: String]] ?? [:]
        return (1..<m.numberOfRanges).compactMap { k in
            let r = m.range(at: k)
            guard r.location != NSNotFound, let scope = scopes["\(k)"]?["name"] else { return nil }
            return ns.substring(with: r) + "=" + scope
        }
    }

    /// A payment's `returned` line: its keyword, the day it came back as a date, and the bank's
    /// reason as text, not "NSF" as a currency and the words after it as ids; a `refund`
    /// entry's header as any other entry's.
    @Test func textMateGrammarScopesAReturnedPaymentAndARefund() throws {
        #expect(try Self.captures("  returned  2026-02-20 NSF refer to drawer") == [
            "returned=keyword.other.detail.due", "2026-02-20=constant.other.date.due", "NSF refer to drawer=string.unquoted.due",
        ])
        #expect(try Self.captures("2026-05-02 refund acme 200.00 GBP") == [
            "2026-05-02=constant.other.date.due", "refund=keyword.control.entry.due", "acme=variable.other.client.due",
        ])
        #expect(try Self.captures("  reason  Overpaid 2026-014") == ["reason=keyword.other.detail.due", "Overpaid 2026-014=string.unquoted.due"])
    }

    /// Vim colours an entry's kind as a keyword (`refund` as any other), its date as a date, and
    /// a returned payment's reason as text, keeping the comment after it.
    @Test func vimColoursARefundAndAReturnedPayment() throws {
        guard let vim = Self.which("vim") else {
            print("skipped: vim is not installed (apt-get install vim)")
            return
        }
        let dir = try temporaryDirectory()
        try """
            2026-05-02 refund pond 200.00 GBP
              returned  2026-02-20 NSF refer to drawer ; bank letter

            """.write(toFile: dir + "/r.due", atomically: true, encoding: .utf8)
        // Each line as the runs of its syntax groups: " [column:group]" where one starts.
        try """
            syntax on
            source \(Repo.path("editors/vim/syntax/due.vim"))
            let out = []
            for l in [1, 2]
              let s = ''
              let prev = ''
              for c in range(1, col([l, '$']) - 1)
                let name = synIDattr(synID(l, c, 1), 'name')
                if name != prev | let s .= ' [' . (c - 1) . ':' . name . ']' | let prev = name | endif
              endfor
              call add(out, s)
            endfor
            call writefile(out, '\(dir)/groups.txt')
            qa!
            """.write(toFile: dir + "/probe.vim", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: vim)
        p.arguments = ["-N", "-u", "NONE", "-i", "NONE", "-es", "-S", dir + "/probe.vim", dir + "/r.due"]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let lines = try String(contentsOfFile: dir + "/groups.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines == [
            " [0:dueDate] [10:dueHeader] [11:dueKind] [17:dueHeader] [18:dueClient] [22:] [23:dueAmount] [29:] [30:dueCurrency]",
            " [2:dueDetail] [10:] [12:dueDate] [22:] [23:dueReturned] [42:] [43:dueComment]",
        ])
    }

    /// No rule can backtrack without end: none nests a quantifier inside a repeated group, and
    /// each runs once over long hostile lines (a rule that backtracked badly would hang here).
    @Test func textMateGrammarHasNoCatastrophicRegex() throws {
        let rules = try Self.grammarRules()
        let nested = try NSRegularExpression(pattern: #"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]"#)
        for bad in ["(a+)*", "(?:[\\d,]+)+x", "(x|y*){2,}"] {
            #expect(nested.firstMatch(in: bad, range: NSRange(location: 0, length: (bad as NSString).length)) != nil, "the check sees \(bad)")
        }
        for rule in rules {
            let pattern = rule.regex.pattern
            #expect(nested.firstMatch(in: pattern, range: NSRange(location: 0, length: (pattern as NSString).length)) == nil, "\(rule.name) repeats a group that repeats: \(pattern)")
        }
        let hostile = [
            String(repeating: "1,", count: 5000) + "x",
            "2026-01-01 invoice " + String(repeating: "a-", count: 5000) + ";",
            "client " + String(repeating: "x ", count: 5000) + "; " + String(repeating: ";", count: 1000),
            "  said " + String(repeating: "1.1.", count: 3000) + "%",
            String(repeating: " \t", count: 5000) + "#",
        ]
        for line in hostile {
            for rule in rules {
                _ = rule.regex.matches(in: line, range: NSRange(location: 0, length: (line as NSString).length))
            }
        }
    }
}
