import Testing
@testable import DueKit

/// One client, GBP, net 30.
private let header = """
    settings
      currency GBP

    sender Test Studio Ltd
      contact Sam Lee
      bank Sort code 11-22-33, account 12345678

    client acme Acme Ltd
      contact Jane Doe
      terms net 30

    """

private func letter(_ text: String, asOf: String) throws -> (choice: StageChoice, values: [String: String]) {
    let r = load(header + text)
    #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
    let day = Day.parse(asOf)!
    let sheet = BalanceEngine.balances(r.ledger, asOf: day)
    let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
    let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
    let stage = try #require(choice.stage)
    return (choice, LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet))
}

/// A payment of more than was open is said so in every letter that thanks for it, in the
/// follow-up's words (`LetterFields.paidBeyond`): the thank-you, and payments thanked for
/// together, as one by one.
@Suite struct OverpaymentWordsTests {
    static let reminded = """
        2026-03-02 invoice acme C-1
          total 1,000.00
        2026-04-06 letter acme reminder
          invoices C-1

        """

    /// Before: "Your payment of 1,500.00 GBP on 10 April 2026 (invoice C-1) has arrived, …".
    @Test func theThankYouSaysHowMuchMoreItWas() throws {
        let d = try letter(Self.reminded + "2026-04-10 payment acme 1,500.00\n  apply C-1\n", asOf: "2026-04-15")
        #expect(d.choice.stage == .thanks)
        #expect(d.values["settlement"] == "Your payment of 1,500.00 GBP on 10 April 2026 (invoice C-1, paying 500.00 GBP more than it had open) has arrived, and your account with us is now fully settled. Thank you for sorting it out.", "\(d.values["settlement"] ?? "")")
    }

    /// Before: "Your 6 payments made from 7 April 2026 to 12 April 2026 (2,500.00 GBP in all,
    /// for invoices C-1 and C-2) have arrived, …".
    @Test func theThankYouForManyPaymentsSaysItToo() throws {
        let text = """
            2026-03-02 invoice acme C-1
              total 1,000.00
            2026-03-02 invoice acme C-2
              total 1,000.00
            2026-04-06 letter acme reminder
              invoices C-1 C-2
            2026-04-07 payment acme 300.00
              apply C-1
            2026-04-08 payment acme 300.00
              apply C-1
            2026-04-09 payment acme 400.00
              apply C-1
            2026-04-10 payment acme 300.00
              apply C-2
            2026-04-11 payment acme 300.00
              apply C-2
            2026-04-12 payment acme 900.00
              apply C-2

            """
        let d = try letter(text, asOf: "2026-04-15")
        #expect(d.choice.stage == .thanks)
        #expect(d.values["settlement"] == "Your 6 payments made from 7 April 2026 to 12 April 2026 (2,500.00 GBP in all, for invoices C-1 and C-2, paying 500.00 GBP more than they had open) have arrived, and your account with us is now fully settled. Thank you for sorting it out.", "\(d.values["settlement"] ?? "")")
    }

    /// Before: "Thank you for the 6 payments you made from 7 April 2026 to 12 April 2026
    /// (2,400.00 GBP in all, which settled invoices C-1 and C-2)." and no word of the 400.00
    /// more, though one by one it is said.
    @Test func manyPaymentsThankedTogetherSayItInAFollowUp() throws {
        let text = """
            2026-03-02 invoice acme C-1
              total 1,000.00
            2026-03-02 invoice acme C-2
              total 1,000.00
            2026-03-02 invoice acme C-3
              currency EUR
              total 1,000.00
            2026-04-06 letter acme reminder
              invoices C-1 C-2 C-3
            2026-04-07 payment acme 200.00
              apply C-1
            2026-04-08 payment acme 200.00
              apply C-1
            2026-04-09 payment acme 200.00
              apply C-1
            2026-04-10 payment acme 200.00
              apply C-1
            2026-04-11 payment acme 200.00
              apply C-1
            2026-04-12 payment acme 1,400.00
              apply C-2

            """
        let d = try letter(text, asOf: "2026-04-27")
        #expect(d.choice.stage == .followUp)
        #expect(d.values["payments.received"] == "Thank you for the 6 payments you made from 7 April 2026 to 12 April 2026 (2,400.00 GBP in all, which settled invoices C-1 and C-2, paying 400.00 GBP more than they had open).", "\(d.values["payments.received"] ?? "")")
    }
}
