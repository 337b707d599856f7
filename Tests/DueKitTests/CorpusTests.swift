import Foundation
import Testing
@testable import DueKit

/// The bad-input corpus: every `Tests/Corpus/NAME.due` is loaded and checked through the library
/// and must give exactly the diagnostics in `NAME.expect`, without crashing. How fast is for
/// `due bench` and Scripts/, not for tests that share a loaded machine.
///
/// `NAME.expect` holds `exit N` (what `due check` would exit with) and then one line per
/// diagnostic, in display order: `CODE FILE:LINE:COLUMN`, the file relative to Tests/Corpus.
/// Regenerate with `UPDATE_GOLDENS=1 swift test --filter CorpusTests`, then read the diff.
enum Corpus {
    static let directory = Repo.path("Tests/Corpus")
    static let asOf = Day(year: 2026, month: 12, day: 31)!

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".due") }.map { String($0.dropLast(4)) }.sorted()
    }

    struct Outcome {
        var exit: Int32
        var diagnostics: [Diagnostic]
        var load: LoadResult
    }

    /// Loads, checks and renders (both ways) one ledger, as `due check` does.
    static func run(_ path: String) throws -> Outcome {
        let load = try LedgerLoader.load(path: path)
        let diagnostics = Checker.check(load, asOf: asOf)
        var renderer = DiagnosticRenderer(files: load.ledger.files)
        _ = renderer.render(diagnostics)
        _ = DiagnosticJSON.render(diagnostics, files: load.ledger.files)
        return Outcome(exit: diagnostics.hasErrors ? 1 : 0, diagnostics: diagnostics, load: load)
    }

    /// `CODE FILE:LINE:COLUMN` per diagnostic, files relative to `base`.
    static func describe(_ o: Outcome, base: String) -> [String] {
        var renderer = DiagnosticRenderer(files: o.load.ledger.files)
        return o.diagnostics.map { d in
            guard let loc = renderer.location(d.range) else { return "\(d.code) -" }
            var file = loc.path
            if file.hasPrefix(base + "/") { file.removeFirst(base.count + 1) }
            return "\(d.code) \(file):\(loc.start.line):\(loc.start.column)"
        }
    }
}

@Suite struct CorpusTests {
    @Test func corpusHasAtLeastSixtyCases() {
        #expect(Corpus.cases.count >= 60)
    }

    /// An `.expect` without its `.due` is checked by nothing.
    @Test func noOrphanExpectations() {
        Golden.checkNoOrphans(in: Corpus.directory, produced: Set(Corpus.cases.flatMap { ["\($0).due", "\($0).expect"] } + ["includes"]))
    }

    @Test(arguments: Corpus.cases)
    func caseGivesItsExpectedDiagnostics(_ name: String) throws {
        let path = Corpus.directory + "/" + name + ".due"
        let outcome = try Corpus.run(path)
        let actual = ["exit \(outcome.exit)"] + Corpus.describe(outcome, base: Corpus.directory)
        let expectPath = Corpus.directory + "/" + name + ".expect"
        if Golden.updating {
            try (actual.joined(separator: "\n") + "\n").write(toFile: expectPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectPath, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(actual == expected, "\(name): got\n\(actual.joined(separator: "\n"))")
        // Every diagnostic points at a place in a file, and says something.
        for d in outcome.diagnostics {
            #expect(!d.range.isNone, "\(name): \(d.code) has no position")
            #expect(!d.message.isEmpty)
        }
    }

    /// A misspelt keyword is reported with a hint naming the keyword meant, which each corpus
    /// line gives in its trailing comment.
    @Test(arguments: Corpus.cases.filter { $0.hasPrefix("misspelt-") })
    func misspeltKeywordGetsADidYouMeanHint(_ name: String) throws {
        let path = Corpus.directory + "/" + name + ".due"
        let outcome = try Corpus.run(path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var renderer = DiagnosticRenderer(files: outcome.load.ledger.files)
        var checked = 0
        for (index, line) in lines.enumerated() {
            guard let semicolon = line.range(of: " ; ") else { continue }
            let meant = line[semicolon.upperBound...].trimmingCharacters(in: .whitespaces)
            let here = outcome.diagnostics.filter { renderer.location($0.range)?.start.line == index + 1 }
            #expect(here.contains { ($0.hint ?? "").contains("did you mean '\(meant)'?") }, "\(name):\(index + 1): no hint for '\(meant)': \(here.map(\.message))")
            checked += 1
        }
        #expect(checked > 0)
    }

    @Test func tenMegabyteLineIsReportedOnce() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/long.due"
        var bytes = Array("settings\n  currency GBP\nclient acme Acme\n2026-03-02 invoice acme 1\n  for ".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "w"), count: 10_000_000)
        bytes += Array("\n  total 0.001\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let outcome = try Corpus.run(path)
        #expect(Corpus.describe(outcome, base: dir) == ["E301 long.due:6:9"])
        // A word 10 MB long where a keyword should be.
        var garbage = [UInt8](repeating: UInt8(ascii: "z"), count: 10_000_000)
        garbage += Array(" 1\n".utf8)
        try Data(garbage).write(to: URL(fileURLWithPath: path))
        let second = try Corpus.run(path)
        #expect(Corpus.describe(second, base: dir) == ["E101 long.due:1:1"])
        var renderer = DiagnosticRenderer(files: second.load.ledger.files)
        // The snippet shows a window of the line, not all 10 MB of it.
        #expect(renderer.render(second.diagnostics).utf8.count < 2_000)
    }

    @Test func thousandsOfIncludesAreAllRead() throws {
        let dir = try temporaryDirectory()
        var main = "settings\n  currency GBP\nclient acme Acme\n"
        for i in 0..<3000 {
            main += "include part-\(i).due\n"
            try "2026-03-02 invoice acme INV-\(i)\n  total 1.00\n".write(toFile: dir + "/part-\(i).due", atomically: false, encoding: .utf8)
        }
        // One of them is broken, and reported in its own file.
        try "2026-03-02 invoice acme INV-1500\n  total 1.001\n".write(toFile: dir + "/part-1500.due", atomically: false, encoding: .utf8)
        try main.write(toFile: dir + "/main.due", atomically: false, encoding: .utf8)
        let outcome = try Corpus.run(dir + "/main.due")
        #expect(outcome.load.ledger.files.count == 3001)
        #expect(outcome.load.ledger.invoices.count == 3000)
        #expect(Corpus.describe(outcome, base: dir) == ["E301 part-1500.due:2:9"])
    }

    @Test func includesNestedTooDeepStopWithADiagnostic() throws {
        let dir = try temporaryDirectory()
        for i in 0..<100 {
            try "include level-\(i + 1).due\n".write(toFile: dir + "/level-\(i).due", atomically: false, encoding: .utf8)
        }
        let outcome = try Corpus.run(dir + "/level-0.due")
        #expect(Corpus.describe(outcome, base: dir) == ["E008 level-64.due:1:9"])
    }

    /// A discount of 10^18 % once trapped converting the allowance to Int64. The parser now
    /// refuses it (E113, see the corpus case discount-huge); the engine must survive it anyway.
    @Test func balanceEngineSurvivesAnOversizedDiscount() {
        var load = LedgerLoader.load(bytes: Array("""
            settings
              currency GBP
            client acme Acme
            2026-03-02 invoice acme 1
              terms 2/10 net 30
              total 1000.00
            2026-03-03 payment acme 1.00
              apply 1
            """.utf8), path: "t.due")
        #expect(load.diagnostics.isEmpty)
        load.ledger.invoices[0].resolvedTerms!.discountPercent = DecimalValue(digits: 999_999_999_999_999_999, scale: 0)
        let sheet = BalanceEngine.balances(load.ledger, asOf: Corpus.asOf)
        #expect(sheet.invoices[0].open == 0)
        #expect(sheet.invoices[0].discount == 99_900)
    }

    /// About 9,300 payments of the largest amount once overflowed the balance engine.
    @Test func paymentsAddingUpBeyondInt64AreReportedNotACrash() throws {
        let dir = try temporaryDirectory()
        var text = "settings\n  currency GBP\nclient acme Acme\n2026-01-01 invoice acme 1\n  total 9,999,999,999,999.99\n"
        for _ in 0..<10_000 {
            text += "2026-01-02 payment acme 9,999,999,999,999.99\n  apply 1\n"
        }
        try text.write(toFile: dir + "/rich.due", atomically: false, encoding: .utf8)
        let outcome = try Corpus.run(dir + "/rich.due")
        let errors = outcome.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["E302"])
        // 1,000 of them reach the limit of 10^18 pence; the 1,001st is reported, once.
        let first = errors.first.flatMap { d in
            var renderer = DiagnosticRenderer(files: outcome.load.ledger.files)
            return renderer.location(d.range).map { "\($0.start.line):\($0.start.column)" }
        }
        #expect(first == "\(6 + 2 * 1_000):25")
    }
}
