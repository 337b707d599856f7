import Foundation
import Testing
@testable import DueKit

/// An `apply` line has no currency of its own (grammar.md §3.6): one written after its amount
/// is an error, never read and dropped.
@Suite struct AppliedCurrencyTests {
    private func check(_ text: String) -> [Diagnostic] {
        Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: Day(year: 2026, month: 2, day: 1)!)
    }

    private let head = """
        settings
          currency GBP
        client a A
        2026-01-01 invoice a I
          total 100.00

        """

    @Test func aCurrencyAfterAnAppliedAmountIsAnError() throws {
        let text = head + """
            2026-01-02 payment a 10.00
              apply I 10.00 EUR

            """
        let d = check(text)
        #expect(d.map(\.code) == ["E106"])
        let e = try #require(d.first)
        #expect(e.message == "an `apply` takes no currency: the amount it applies is in its payment's")
        #expect(e.hint == "write `apply I 10.00`; money in EUR is recorded as a payment of its own, in EUR")
        // Underlined from the currency on.
        #expect(String(decoding: Array(text.utf8)[Int(e.range.start)..<Int(e.range.end)], as: UTF8.self) == "EUR")
    }

    @Test func aCreditNoteSaysItIsOne() {
        let d = check(head + """
            2026-01-02 credit a 10.00
              apply I 10.00 GBP

            """)
        #expect(d.map(\.code) == ["E106"])
        #expect(d.first?.message == "an `apply` takes no currency: the amount it applies is in its credit note's")
    }

    /// What is not a currency is still said to be none, as before.
    @Test func aWordThatIsNoCurrencyIsStillE115() {
        #expect(check(head + """
            2026-01-02 payment a 10.00
              apply I 10.00 euro

            """).map(\.code) == ["E115"])
    }
}
