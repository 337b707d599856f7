import Testing
@testable import DueKit

/// A client with no currency of its own pays in the settings' currency, as one that names it
/// does, and in any currency its invoices are written in: money in another is E307 for both.
@Suite struct SettingsCurrencyPaymentTests {
    private func check(_ text: String) -> [Diagnostic] {
        Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: Day(year: 2026, month: 4, day: 1)!)
    }

    private let ledger = """
        settings
          currency  GBP

        client acme Acme Ltd

        client birch Birch Ltd
          currency  GBP

        2026-01-10 invoice acme A-1
          total  100.00

        2026-01-10 invoice birch B-1
          total  100.00

        2026-01-15 payment acme 100.00 EUR

        2026-01-15 payment birch 100.00 EUR

        """

    @Test func aPaymentInAnotherCurrencyThanTheSettingsIsToldAsForAClientThatNamesIt() {
        let d = check(ledger)
        #expect(d.map(\.code) == ["E307", "E307"], "\(d.map(\.message))")
        #expect(d.map(\.message) == ["this payment is in EUR but client 'acme' pays in GBP", "this payment is in EUR but client 'birch' pays in GBP"])
        #expect(d.first?.hint == "the client names no currency, so it pays in the settings' GBP, and none of its invoices is in EUR: write the amount in GBP, or write `currency EUR` on the client or on the invoices it pays")
        // The mistake is the currency, not money with nothing open to pay (W404).
        #expect(!d.contains { $0.code == "W404" })
    }

    @Test func aClientInvoicedInTheCurrencyPaysInIt() {
        let d = check("""
            settings
              currency  GBP

            client acme Acme Ltd

            2026-01-10 invoice acme A-1
              currency  EUR
              total  100.00

            2026-01-15 payment acme 100.00 EUR
            2026-01-16 refund acme 0.00 USD

            """)
        #expect(d.filter { $0.code == "E307" }.map(\.message) == ["this refund is in USD but client 'acme' pays in GBP"], "\(d.map(\.message))")
    }
}
