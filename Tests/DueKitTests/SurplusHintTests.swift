import Testing
@testable import DueKit

/// W415's hint (grammar.md §6.5) where money held on account had paid part of the invoice: the
/// client paid its whole total, which is no mistyped amount.
@Suite struct SurplusHintTests {
    /// X-1 overpaid by 200.00, which paid 200.00 of X-7 when it was issued; the client then
    /// paid X-7's whole 1,200.00. Before: "the 200.00 became credit on account for 'acme'; if
    /// the amount is mistyped, correct it, or write the amount on `apply`".
    @Test func theHintSaysMoneyOnAccountHadPaidPartOfTheInvoice() throws {
        let text = """
            settings
              currency GBP
            client acme Acme Ltd
            2026-03-01 invoice acme X-1
              total 800.00
            2026-03-10 payment acme 1,000.00
              apply X-1 800.00
            2026-04-01 invoice acme X-7
              total 1,200.00
            2026-04-20 payment acme 1,200.00
              apply X-7

            """
        let d = Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: Day.parse("2026-06-01")!)
        let w = try #require(d.first { $0.code == "W415" })
        #expect(w.message == "the payment of 1,200.00 GBP is 200.00 more than invoice X-7 had open (1,000.00)")
        #expect(w.hint == "the 200.00 became credit on account for 'acme'; money of theirs held on account had paid 200.00 of invoice X-7, so paying the whole total paid that part twice")
    }

    /// A surplus beyond what money on account had paid is still most likely mistyped.
    @Test func aLargerSurplusKeepsTheMistypedHint() throws {
        let text = """
            settings
              currency GBP
            client acme Acme Ltd
            2026-03-01 invoice acme X-1
              total 800.00
            2026-03-10 payment acme 1,000.00
              apply X-1 800.00
            2026-04-01 invoice acme X-7
              total 1,200.00
            2026-04-20 payment acme 2,100.00
              apply X-7

            """
        let d = Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: Day.parse("2026-06-01")!)
        let w = try #require(d.first { $0.code == "W415" })
        #expect(w.hint == "the 1,100.00 became credit on account for 'acme'; if the amount is mistyped, correct it, or write the amount on `apply`")
    }
}
