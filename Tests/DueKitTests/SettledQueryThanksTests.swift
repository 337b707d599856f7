import Testing
@testable import DueKit

/// The thank-you after payment has a warm word for a query the client settled with us about
/// an invoice the payment went to, though a follow-up between told of the settling.
@Suite struct SettledQueryThanksTests {
    static let ledger = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client ivy Ivy Hotels Group
          contact Marta Ivy
          terms net 21

        2026-02-02 invoice ivy I-1
          total 1,450.00
        2026-02-09 invoice ivy I-2
          total 780.00
        2026-03-06 note ivy email
          dispute I-2 Prices on p.4
        2026-03-12 payment ivy 500.00
        2026-04-01 note ivy call
          resolved I-2 Agreed 180 off
        2026-04-03 credit ivy 180.00
          number CN-7
          reason Wrong prices p.4
        2026-04-30 payment ivy 1,550.00

        2026-02-27 letter ivy reminder
          invoices I-1
        2026-03-06 letter ivy dispute
          invoices I-2
        2026-03-26 letter ivy follow-up
          invoices I-1
        2026-04-15 letter ivy follow-up
          invoices I-1 I-2
        2026-04-29 letter ivy follow-up
          invoices I-1 I-2

        """

    @Test func aThankYouAfterASettledQueryHasAWarmWordForIt() throws {
        let r = load(Self.ledger)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse("2026-05-02")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .thanks)
        let values = LetterFields.values(stage: .thanks, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        #expect(values["settlement"] == "Your payment of 1,550.00 GBP on 30 April 2026 (invoices I-1 and I-2) has arrived, and your account with us is now fully settled. Thank you for settling it, and for your patience while your query was sorted out.", "\(values["settlement"] ?? "")")
    }
}
