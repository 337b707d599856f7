import Testing
@testable import DueKit

/// W417's hint, for a promise of an amount written without a currency by a client invoiced in
/// two: the currency suggested is that of an invoice the client had exactly that much open on
/// when they promised, and the amount is shown as the user wrote it.
@Suite struct PromiseCurrencyHintTests {
    static let ledger = """
        settings
          currency GBP
        client tessel Tessel BV
        2026-09-08 invoice tessel T-58
          currency EUR
          total 2,750.00
        2026-10-13 invoice tessel T-59
          total 1,950.00
        2026-11-03 note tessel call
          said will pay next week
          promise 2026-11-10 PROMISED

        """

    func w417(_ promised: String) throws -> Diagnostic {
        let r = load(Self.ledger.replacingOccurrences(of: "PROMISED", with: promised))
        let found = Checker.run(r, asOf: Day.parse("2026-11-05")!).diagnostics
        #expect(found.map(\.code) == ["W417"], "\(found.map(\.message))")
        return try #require(found.first)
    }

    /// Before: 'the promise of 1950.00 …', hint 'as in `promise 2026-11-10 1950.00 EUR`',
    /// the euros of the first invoice, though the amount was what T-59 owed in pounds.
    @Test func theCurrencyOfTheInvoiceWithThatMuchOpenIsSuggested() throws {
        let d = try w417("1,950.00")
        #expect(d.message == "the promise of 1,950.00 names no currency, and 'tessel' is invoiced in more than one; its invoices by then are in several, so letters leave the amount out and a payment by 2026-11-10 towards the work it is about keeps it")
        #expect(d.hint == "write the currency after the amount, as in `promise 2026-11-10 1,950.00 GBP` (T-59 had 1,950.00 GBP open that day), naming the one meant")
        // Written without grouping, it is shown so.
        #expect(try w417("1950.00").hint == "write the currency after the amount, as in `promise 2026-11-10 1950.00 GBP` (T-59 had 1,950.00 GBP open that day), naming the one meant")
        #expect(try w417("2,750.00").hint == "write the currency after the amount, as in `promise 2026-11-10 2,750.00 EUR` (T-58 had 2,750.00 EUR open that day), naming the one meant")
    }

    /// An amount no invoice had open is suggested in each currency, not in the first alone.
    @Test func anAmountMatchingNothingOpenNamesEachCurrency() throws {
        #expect(try w417("1,000.00").hint == "write the currency after the amount, as in `promise 2026-11-10 1,000.00 EUR` or `promise 2026-11-10 1,000.00 GBP`, naming the one meant")
    }
}
