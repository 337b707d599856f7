import Foundation
import Testing
@testable import DueKit

/// An invoice with a figure that cannot be read is left out of balances, but its other figures
/// are judged in the same run (grammar.md §6): the user is not sent back for each in turn.
@Suite struct UnreadInvoiceFiguresTests {
    private func check(_ text: String) -> [Diagnostic] {
        Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: Day(year: 2026, month: 2, day: 1)!)
    }

    private func lines(_ d: [Diagnostic], in text: String) -> [Int] {
        d.map { x in text.utf8.prefix(Int(x.range.start)).filter { $0 == 0x0A }.count + 1 }
    }

    @Test func theOtherItemsProblemsComeWithTheFirst() {
        let text = """
            settings
              currency GBP
            client a A
            2026-01-01 invoice a I
              item  Work   1 x 1.200,00
              item  More   1 x 5 EUR
              item  Third  4 x 1.500
              total 9.00 USD
            2026-01-02 payment a 5.00
              apply I 5.00

            """
        let d = check(text)
        #expect(d.map(\.code) == ["E107", "E304", "W313", "E304"])
        #expect(lines(d, in: text) == [5, 6, 7, 8])
        #expect(d[1].message == "an item is in EUR but the invoice is in GBP")
        #expect(d[3].message == "the total is in USD but the invoice is in GBP")
        // Still left out: the payment applied to it is not told it paid too much, nor that the
        // invoice does not exist.
    }

    /// The invoice's own `currency`, or its client's, is what the items are held to.
    @Test func theInvoicesOwnCurrencyCounts() {
        let d = check("""
            client a A
              currency EUR
            2026-01-01 invoice a I
              currency EUR
              tax   20
              item  More   1 x 5 GBP
              item  Fine   1 x 5 EUR

            """)
        #expect(d.map(\.code) == ["E114", "E304"])
        #expect(d.last?.message == "an item is in GBP but the invoice is in EUR")
    }

    /// An invoice whose header cannot be read has no currency to hold its items to: its
    /// details' syntax alone is reported, as before.
    @Test func anInvoiceWithAnUnreadHeaderGivesNoCurrencyFindings() {
        let d = check("""
            settings
              currency GBP
            client a A
            2026-02-30 invoice a I
              item  More   1 x 5 EUR

            """)
        #expect(d.map(\.code) == ["E104"])
    }
}
