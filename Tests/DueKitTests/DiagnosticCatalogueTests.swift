import Foundation
import Testing
@testable import DueKit

/// grammar.md §6 as the tests read it: each table row's code, under the heading it sits below.
struct GrammarDiagnostics {
    /// Code → anchor of the §6 heading whose table lists it.
    var sections: [String: String] = [:]
    var repeated: [String] = []
    /// Whether §6 says which codes are errors and which warnings.
    var statesSeverity = false

    init() throws {
        let grammar = try String(contentsOfFile: Repo.path("grammar.md"), encoding: .utf8)
        var inSix = false
        var anchor = ""
        for line in grammar.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { inSix = line.hasPrefix("## 6.") }
            guard inSix else { continue }
            if line.hasPrefix("### ") { anchor = Self.anchor(line.dropFirst(4)) }
            if line.contains("starting with E is an error") && line.contains("W a warning") { statesSeverity = true }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 2, cells[0].isEmpty, cells[1].wholeMatch(of: /[EW][0-9]{3}/) != nil else { continue }
            if sections[cells[1]] != nil { repeated.append(cells[1]) }
            sections[cells[1]] = anchor
        }
    }

    /// The anchor a Markdown renderer gives a heading: lower case, spaces to hyphens, other
    /// punctuation dropped (`6.2 Syntax (E1xx)` → `62-syntax-e1xx`).
    static func anchor(_ heading: Substring) -> String {
        String(heading.lowercased().compactMap { c -> Character? in
            if c == " " { return "-" }
            return c.isLetter || c.isNumber || c == "-" || c == "_" ? c : nil
        })
    }
}

@Suite struct DiagnosticCatalogueTests {
    /// Codes that no ledger file can show: they come from the user's letter templates, read by
    /// `due letters`, not from `due check`. `templateCodesComeFromTemplates` shows each of them.
    static let withoutLedgerSample: [DiagnosticCode: String] = [
        .E501: "a letter template's placeholder", .E502: "a letter template's placeholder",
        .E503: "a letter template's placeholder", .E504: "a template file that cannot be read",
        .E505: "a template file's size", .E506: "the size of a letter made from a template",
    ]

    @Test func everyCodeIsListedOnce() throws {
        let codes = DiagnosticCode.all.map(\.code)
        #expect(Set(codes).count == codes.count, "a code listed twice in DiagnosticCode.all")
        // Each `static let` of the catalogue is in `all`: the list is written by hand.
        let source = try String(contentsOfFile: Repo.path("Sources/DueKit/Diagnostics/DiagnosticCode.swift"), encoding: .utf8)
        let declared = Set(source.matches(of: /static let ([EW][0-9]{3}) = DiagnosticCode\("([EW][0-9]{3})"/).map { m in
            #expect(m.1 == m.2, "\(m.1) is declared with the code \(m.2)")
            return String(m.1)
        })
        #expect(declared == Set(codes))
    }

    @Test func theLetterOfACodeIsItsSeverity() {
        for code in DiagnosticCode.all {
            #expect(code.severity == (code.code.hasPrefix("E") ? .error : .warning), "\(code)")
        }
    }

    @Test func everyCodeIsDocumentedWhereItsAnchorPoints() throws {
        let grammar = try GrammarDiagnostics()
        #expect(grammar.statesSeverity, "grammar.md §6 should say that E codes are errors and W codes warnings")
        #expect(grammar.repeated.isEmpty, "codes with two rows in grammar.md §6: \(grammar.repeated)")
        for code in DiagnosticCode.all {
            #expect(grammar.sections[code.code] != nil, "\(code) has no row in the tables of grammar.md §6")
            if let section = grammar.sections[code.code] {
                #expect("grammar.md#" + section == code.anchor, "\(code) is documented under #\(section), the catalogue says \(code.anchor)")
            }
        }
        let known = Set(DiagnosticCode.all.map(\.code))
        let undocumented = grammar.sections.keys.filter { !known.contains($0) }.sorted()
        #expect(undocumented.isEmpty, "grammar.md §6 lists codes due never reports: \(undocumented)")
    }

    @Test func everyAnchorNamesAHeadingOfSectionSix() throws {
        let grammar = try GrammarDiagnostics()
        let headings = Set(grammar.sections.values)
        for section in DiagnosticCode.Section.allCases {
            #expect(headings.contains(section.rawValue), "no heading of grammar.md §6 has the anchor #\(section.rawValue)")
        }
    }

    @Test func everyLedgerCodeHasABadSample() {
        let sampled = Set(BadSamples.names.map { String($0.prefix(4)).uppercased() })
        for code in DiagnosticCode.all where Self.withoutLedgerSample[code] == nil {
            #expect(sampled.contains(code.code), "\(code) has no sample in samples/bad")
        }
        for code in Self.withoutLedgerSample.keys {
            #expect(!sampled.contains(code.code), "\(code) has a sample: drop it from the exceptions")
        }
    }

    @Test func everyBadSampleIsNamedForACode() {
        let known = Set(DiagnosticCode.all.map(\.code))
        for name in BadSamples.names {
            #expect(known.contains(String(name.prefix(4)).uppercased()), "samples/bad/\(name).due is named for no code of the catalogue")
        }
    }

    /// The codes without a ledger sample, each shown by a template that has the problem.
    @Test func templateCodesComeFromTemplates() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in ["studio.due", "studio-clients.due"] {
            try FileManager.default.copyItem(atPath: Repo.path("samples/\(name)"), toPath: dir + "/" + name)
        }
        let templates = dir + "/studio.templates"
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: false)
        try "Dear {{client.nmae}}, {{}} and {{invoices.table\n".write(toFile: templates + "/reminder.txt", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: templates + "/final.txt", withIntermediateDirectories: false)
        try String(repeating: "x", count: LetterTemplate.maxTemplateBytes + 1).write(toFile: templates + "/courtesy.txt", atomically: false, encoding: .utf8)
        let (_, _, found) = TemplateSet.load(folder: templates, firstFileID: 10)
        #expect(Set(found.map(\.kind)) == [.E501, .E502, .E503, .E504, .E505], "\(found.map(\.code))")

        try FileManager.default.removeItem(atPath: templates)
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: false)
        try String(repeating: String(repeating: "{{invoices.table}}", count: 10) + "\n", count: 1_400).write(toFile: templates + "/statement.txt", atomically: false, encoding: .utf8)
        let load = try LedgerLoader.load(path: dir + "/studio.due")
        let day = Day.parse("2026-11-20")!
        let sheet = BalanceEngine.balances(load.ledger, asOf: day)
        let result = try LetterJob.run(ledger: load.ledger, sheet: sheet, asOf: day, paths: OutputPaths(ledger: dir + "/studio.due"), options: .init(statement: "kiln", dryRun: true))
        #expect(result.diagnostics.map(\.kind) == [.E506])
        #expect(Set(Self.withoutLedgerSample.keys) == [.E501, .E502, .E503, .E504, .E505, .E506])
    }
}
