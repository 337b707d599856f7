import Foundation
import Testing
@testable import DueKit

/// Money that is multiplied or summed never traps: a claim or total too large to count is a
/// positioned diagnostic, and `due report` then writes nothing at all.
@Suite struct OverflowTests {
    static let ladder = """
        2025-03-01 letter acme reminder
        2025-04-01 letter acme follow-up
        2025-05-01 letter acme follow-up
        2025-06-01 letter acme final

        """

    /// One invoice of the largest amount, issued in 1100 at 1000% interest, chased up to a final
    /// notice: its interest once trapped converting Int128 to Int64.
    static let since1100 = """
        settings
          currency GBP
        client acme Acme
          interest 1000%
        1100-01-01 invoice acme 1
          total 9,999,999,999,999.99
        1100-03-01 letter acme reminder
        1100-04-01 letter acme follow-up
        1100-05-01 letter acme follow-up
        1100-06-01 letter acme final

        """

    /// A thousand such invoices issued 2025-01-01: each claim fits, their sum once trapped in
    /// `LateClaim.totals` after the aging report and agenda were already written.
    static var thousand: String {
        var s = "settings\n  currency GBP\nclient acme Acme\n  interest 1000%\n  compensation 100.00\n"
        for i in 0..<1000 { s += "2025-01-01 invoice acme \(i)\n  total 9,999,999,999,999.99\n" }
        return s + ladder
    }

    static func codes(_ text: String, asOf: String = "2026-11-20") -> [String] {
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "t.due")
        return Checker.check(load, asOf: Day.parse(asOf)!).map(\.code)
    }

    @Test func interestTooLargeIsE309AtTheInvoice() {
        #expect(Self.codes(Self.since1100) == ["E309"])
        // The same ledger a century after issue, and at a sane rate, is fine.
        #expect(Self.codes(Self.since1100, asOf: "1100-07-01") == [])
        #expect(Self.codes(Self.since1100.replacingOccurrences(of: "1000%", with: "8%")) == [])
    }

    /// Written off in full as a loss, the invoice is never chased again (3.8): no demand will
    /// claim on it, so its claim, however large, is no error; written off in part, what is
    /// left open keeps it in the letters, which claim on the loss too.
    @Test func anInvoiceWrittenOffInFullAsALossClaimsNothing() {
        #expect(Self.codes(Self.since1100 + "1100-07-01 writeoff acme 1\n") == [])
        #expect(Self.codes(Self.since1100 + "1100-07-01 writeoff acme 1 9,999,999,999,999.00\n") == ["E309"])
    }

    @Test func claimsSummingPastTheLimitAreE309Once() {
        #expect(Self.codes(Self.thousand) == ["E309"])
    }

    @Test func interestThatDoesNotFitIsNilNotATrap() {
        #expect(LateClaim.interest(open: 999_999_999_999_999, rate: DecimalValue(digits: 1000, scale: 0), days: 338_508) == nil)
        #expect(LateClaim.interest(open: Int64.max, rate: DecimalValue(digits: Int64.max, scale: 0), days: Int.max) == nil)
        #expect(LateClaim.interest(open: 100, rate: DecimalValue(digits: 1, scale: 100), days: 1) == nil)
    }

    /// Letters built without the checker (as the fuzzer does) say the claim is too large.
    @Test func lettersWithoutTheCheckerDoNotTrap() throws {
        for text in [Self.since1100, Self.thousand] {
            let load = LedgerLoader.load(bytes: Array(text.utf8), path: "t.due")
            let day = Day.parse("2026-11-20")!
            let sheet = BalanceEngine.balances(load.ledger, asOf: day)
            let dir = try temporaryDirectory()
            let result = try LetterJob.run(ledger: load.ledger, sheet: sheet, asOf: day, paths: OutputPaths(ledger: dir + "/t.due"), options: .init(dryRun: true))
            #expect(result.drafts.count == 1)
            #expect(result.drafts.first?.text.contains("more than can be counted") == true)
        }
    }

    @Test(arguments: ["since1100", "thousand"])
    func reportRefusesAndWritesNothing(_ name: String) throws {
        let dir = try temporaryDirectory()
        try (name == "since1100" ? Self.since1100 : Self.thousand).write(toFile: dir + "/big.due", atomically: false, encoding: .utf8)
        for command in ["report", "letters", "agenda", "aging", "clients"] {
            let r = try DueRun.run([command, "--as-of", "2026-11-20", "big.due"], in: dir)
            #expect(r.status == 1, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("E309"), "\(command): \(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["big.due"])
    }
}

extension OverflowTests {
    /// Ten thousand instalments of the largest amount add up past Int64: E407, not a trap.
    @Test func planInstalmentsPastInt64AreE407() {
        var s = "settings\n  currency GBP\nclient acme Acme\n2026-01-01 invoice acme 1\n  total 100.00\n2026-01-02 plan acme 100.00\n"
        for k in 0..<10_000 { s += "  \(Day.parse("2026-01-03")!.adding(days: k)) 9,999,999,999,999.99\n" }
        #expect(Self.codes(s, asOf: "2026-01-05") == ["E407"])
    }
}
