import Foundation
import Testing
@testable import DueKit

@Suite struct WrongCurrencyFollowOnTests {
    private func check(_ text: String) -> [Diagnostic] {
        Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: Day(year: 2026, month: 2, day: 1)!)
    }

    /// Money in a currency its client does not pay in is E307, and nothing about the balance
    /// in that currency (W404, E405) follows from it.
    @Test func noBalanceFindingFollowsAWrongCurrency() {
        let d = check("""
            client a A
              currency GBP
            2026-01-01 invoice a I
              total 100.00
            2026-01-02 payment a 10.00 EUR
            2026-01-03 credit a 5.00 EUR
            2026-01-04 balance a 3.00 EUR
            2026-01-05 payment a 500.00

            """)
        // The 500.00 GBP is 400.00 more than I had open: an overpayment in the client's own
        // currency (W435), not a finding that follows from the EUR entries.
        #expect(d.map(\.code) == ["E307", "E307", "E307", "W435"])
        #expect(!d.contains { $0.code == "W404" || $0.code == "E405" })
    }
}
