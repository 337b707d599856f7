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

    /// An `.expected` without its `.due` is checked by nothing.
    @Test func noOrphanExpectedOutput() {
        Golden.checkNoOrphans(in: Repo.path(BadSamples.folder), produced: Set(BadSamples.names.flatMap { ["\($0).due", "\($0).expected"] } + ["inc"]))
    }

    @Test func studioSampleChecksWithoutAnyDiagnostic() throws {
        let r = try DueRun.run(["check", "--as-of", "2026-11-20", "samples/studio.due"], in: Repo.root.path)
        #expect(r.status == 0)
        #expect(r.stdout == "", "the studio sample must check clean:\n\(r.stdout)")
        #expect(r.stderr.hasPrefix("samples/studio.due: ok"))
    }
}
