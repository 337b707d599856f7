import Testing
@testable import DueKit

/// A promise kept in part thanks the client for what arrived (7.3, A promise); an invoice that
/// money settled leaves the letter's table, and the thanks name it, as a payment's thanks do.
@Suite struct PromiseSettledInvoiceTests {
    /// Kite promised 1,865.00 GBP for K-1 and K-2 by 1 May; 1,340.00 came, settling K-1.
    static func ledger(paid day: String) -> String {
        """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client kite Kite Events Ltd
          contact Sam Patel
          terms net 30
          methods bank transfer

        2026-03-02 invoice kite K-1
          total 1340.00
        2026-03-09 invoice kite K-2
          total 525.00
        2026-04-10 letter kite reminder
          invoices K-1 K-2
        2026-04-20 note kite call
          said     Both to be paid together next week.
          promise  2026-05-01 1865.00
        \(day) payment kite 1340.00
          apply K-1

        """
    }

    static func promiseSentence(_ text: String, asOf: String) throws -> String {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "kite" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .followUp)
        let values = LetterFields.values(stage: .followUp, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        #expect(values["invoices.list"] == "K-2")
        return try #require(values["promise.broken"])
    }

    /// Before: "Thank you for the 1,340.00 GBP that has arrived towards it; …", and K-1 left the
    /// table unexplained.
    @Test func moneyByThePromisedDayNamesTheInvoiceItSettled() throws {
        let text = try Self.promiseSentence(Self.ledger(paid: "2026-05-01"), asOf: "2026-05-05")
        #expect(text == "On 20 April 2026 you told us to expect a payment of 1,865.00 GBP by 1 May 2026. Thank you for the 1,340.00 GBP that has arrived towards it (which settled invoice K-1); the remaining 525.00 GBP has not reached us.", "\(text)")
    }

    /// Before: "… thank you for the 1,340.00 GBP that has arrived since. …"
    @Test func moneyAfterThePromisedDayNamesTheInvoiceItSettled() throws {
        let text = try Self.promiseSentence(Self.ledger(paid: "2026-05-04"), asOf: "2026-05-05")
        #expect(text == "On 20 April 2026 you told us to expect a payment of 1,865.00 GBP by 1 May 2026. Nothing had reached us by then; thank you for the 1,340.00 GBP that has arrived since (which settled invoice K-1). The remaining 525.00 GBP has not reached us.", "\(text)")
    }
}
