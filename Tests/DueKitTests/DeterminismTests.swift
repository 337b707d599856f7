import Foundation
import Testing
@testable import DueKit

/// The same ledger and date give the same drafts, byte for byte, in every run of `due`. Each
/// process hashes with a seed of its own, so text built by walking a set or a dictionary comes
/// out in another order in the next run: its draft would be rewritten for nothing, and
/// `due sent` would refuse it as drafted from another ledger. Two processes are compared.
@Suite struct DeterminismTests {
    /// Drafts from two runs of `due letters` in fresh folders, by file name.
    func twice(_ ledger: String, files: [String: String], asOf: String) throws -> [[String: String]] {
        try (0..<2).map { _ in
            let dir = try temporaryDirectory()
            for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
            // Each process with a seed of its own: a runner that asked for deterministic
            // hashing would make the two agree whatever the order.
            let r = try DueRun.run(["letters", "--as-of", asOf, dir + "/" + ledger], environment: ["SWIFT_DETERMINISTIC_HASHING": ""])
            #expect(r.status == 0, "\(r.stderr)")
            let folder = dir + "/" + ledger.replacingOccurrences(of: ".due", with: ".letters")
            var drafts: [String: String] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".md") {
                drafts[name] = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            }
            return drafts
        }
    }

    @Test(arguments: ["2026-10-12", "2026-11-20", "2026-11-28"])
    func theStudioSampleDraftsTheSameLettersInEveryRun(asOf: String) throws {
        let files = try ["studio.due", "studio-clients.due"].reduce(into: [String: String]()) { files, name in
            files[name] = try String(contentsOfFile: Repo.path("samples/\(name)"), encoding: .utf8)
        }
        let runs = try twice("studio.due", files: files, asOf: asOf)
        #expect(!runs[0].isEmpty)
        #expect(runs[0] == runs[1])
    }

    /// A demand after a demand lists what earlier letters asked for: several invoices in one
    /// sentence, the kind of list a set would shuffle.
    @Test func aDemandsHistoryReadsTheSameInEveryRun() throws {
        var ledger = """
            settings
              currency GBP
              courtesy on

            sender Test Studio Ltd
              contact Sam Lee

            client acme Acme Ltd
              contact Jane Doe
              email ap@acme.example
              terms net 30

            """
        for n in 1...6 { ledger += "2026-01-0\(n) invoice acme A-\(n)\n  total \(n)00.00\n" }
        ledger += """
            2026-01-20 invoice acme Z-1
              total 900.00
            2026-02-09 letter acme reminder
              invoices A-1 A-2 A-3 A-4 A-5 A-6
            2026-02-23 letter acme follow-up
              invoices A-1 A-2 A-3 A-4 A-5 A-6
            2026-03-09 letter acme follow-up
              invoices A-1 A-2 A-3 A-4 A-5 A-6
            2026-03-23 letter acme final
              invoices Z-1

            """
        let runs = try twice("acme.due", files: ["acme.due": ledger], asOf: "2026-04-06")
        #expect(runs[0].keys.contains { $0.hasSuffix("demand.md") }, "\(runs[0].keys)")
        #expect(runs[0] == runs[1])
        // The list is in the order issued, not only the same twice.
        #expect(runs[0].values.contains { $0.contains("- 23 March 2026: our final notice about Z-1, which also asked for A-1, A-2, A-3, A-4, A-5 and A-6 to be paid by 2 April 2026") })
    }
}
