import Foundation
import Testing
@testable import DueKit

/// The bad-input samples: one small ledger per diagnostic code in samples/bad/, each with the
/// exact output of `due check` beside it.
enum BadSamples {
    static let folder = "samples/bad"

    /// Case names (file names without `.due`). Helper files live in samples/bad/inc/ and are not
    /// cases themselves.
    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Repo.path(folder))) ?? []
        return files.filter { $0.hasSuffix(".due") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// Every code `due` can emit, as written in its sources.
    static func codesInSources() throws -> Set<String> {
        let regex = try NSRegularExpression(pattern: "\\b[EW][0-9]{3}\\b")
        var codes: Set<String> = []
        let root = Repo.path("Sources")
        let walker = FileManager.default.enumerator(atPath: root)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
            for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                codes.insert(String(text[Range(m.range, in: text)!]))
            }
        }
        return codes
    }
}

@Suite struct BadSampleTests {
    /// Byte for byte what `due check --as-of 2026-11-20 samples/bad/NAME.due` prints, run from the
    /// repository so paths read as a user would type them; then its exit status.
    @Test(arguments: BadSamples.names)
    func badSampleGivesItsGoldenDiagnostics(name: String) throws {
        let path = "\(BadSamples.folder)/\(name).due"
        let r = try DueRun.run(["check", "--as-of", "2026-11-20", path], in: Repo.root.path)
        Golden.check(r.stdout + "exit: \(r.status)\n", against: Repo.path("\(BadSamples.folder)/\(name).expected"))
    }

    @Test(arguments: BadSamples.names)
    func badSampleShowsTheCodeItIsNamedFor(name: String) throws {
        let code = String(name.prefix(4)).uppercased()
        let r = try DueRun.run(["check", "--as-of", "2026-11-20", "\(BadSamples.folder)/\(name).due"], in: Repo.root.path)
        #expect(r.stdout.contains("[\(code)]"), "\(name) does not produce \(code):\n\(r.stdout)")
        #expect(r.status == (code.hasPrefix("E") ? 1 : 0))
    }

    /// Letter-template codes (E5xx) come from `due letters`, not from a ledger, and are tested
    /// with the letters.
    /// An `.expected` without its `.due` is checked by nothing.
    @Test func noOrphanExpectedOutput() {
        Golden.checkNoOrphans(in: Repo.path(BadSamples.folder), produced: Set(BadSamples.names.flatMap { ["\($0).due", "\($0).expected"] } + ["inc"]))
    }

    @Test func everyLedgerCodeHasABadSample() throws {
        let sampled = Set(BadSamples.names.map { String($0.prefix(4)).uppercased() })
        let missing = try BadSamples.codesInSources().filter { !$0.hasPrefix("E5") }.subtracting(sampled).sorted()
        #expect(missing.isEmpty, "codes without a sample in samples/bad: \(missing)")
    }

    @Test func everyCodeIsDocumentedInTheGrammar() throws {
        let grammar = try String(contentsOfFile: Repo.path("grammar.md"), encoding: .utf8)
        let missing = try BadSamples.codesInSources().filter { !grammar.contains("| \($0) |") }.sorted()
        #expect(missing.isEmpty, "codes missing from the tables of grammar.md §6: \(missing)")
    }

    @Test func studioSampleChecksWithoutAnyDiagnostic() throws {
        let r = try DueRun.run(["check", "--as-of", "2026-11-20", "samples/studio.due"], in: Repo.root.path)
        #expect(r.status == 0)
        #expect(r.stdout == "", "the studio sample must check clean:\n\(r.stdout)")
        #expect(r.stderr.hasPrefix("samples/studio.due: ok"))
    }
}
