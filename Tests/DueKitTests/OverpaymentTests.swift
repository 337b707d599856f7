import Testing
@testable import DueKit

/// A payment of more than the client had open, with no `apply`: the rest is held on account
/// (grammar 4, rule 4). `due check` warns of it (W435), the next letter thanks the client for
/// it and says how much more it was, and the agenda asks what to do with the money while no
/// open invoice takes it (7.4, 7.5).
@Suite struct OverpaymentTests {
    /// M26-300 (6,300.00) had a courtesy note on 1 June and was paid 6,800.00 on 5 June;
    /// M26-301 (2,100.00) was issued on 3 August and took the 500.00 held.
    static let ledger = """
        settings
          currency USD
          courtesy 3

        sender Meridian Structural Engineering BV
          contact Eva Lindqvist
          bank Wire: Account 8837 2291 04, ABA 026009593

        client whitmore Whitmore Labs Inc
          contact Ben Whitmore
          greeting Ben
          terms net 30
          methods bank transfer

        2026-05-04 invoice whitmore M26-300
          for Lab floor vibration study
          total 6300.00
        2026-06-01 letter whitmore courtesy
          invoices M26-300
        2026-06-05 payment whitmore 6,800.00
          ref WHITMORE 300

        """
    static let nextInvoice = ledger + "2026-08-03 invoice whitmore M26-301\n  for Equipment plinth design\n  total 2100.00\n"

    /// Before, the courtesy note of 31 August, the first letter since the payment 87 days
    /// earlier, said only "We have set 500.00 USD of yours that we held on account against
    /// invoice M26-301.": no thanks for the payment (made before M26-301, the oldest invoice
    /// open, was issued) and no word that it was more than M26-300.
    @Test func theNextLetterThanksForTheOverpaymentAndSaysWhereTheRestWent() throws {
        let r = load(Self.nextInvoice)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-08-31")!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .courtesy)
        let values = LetterFields.values(stage: .courtesy, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        #expect(values["payments.received"] == "Thank you for your payment of 6,800.00 USD on 5 June 2026 (which settled invoice M26-300, paying 500.00 USD more than it had open).")
        #expect(values["credit.used"] == "We have set 500.00 USD of yours that we held on account against invoice M26-301.")
    }

    /// Before, from 5 June to 3 August the agenda had nothing for whitmore: 500.00 USD of theirs
    /// sat on account, unseen.
    @Test func theAgendaAsksWhatToDoWithMoneyNoInvoiceTakes() {
        let r = load(Self.ledger)
        let day = Day.parse("2026-07-01")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
        #expect(agenda.items.map(\.action) == ["refund the 500.00 USD held on account, or tell them it is kept for their next invoice"])
        #expect(agenda.items.first?.why == "their payment of 6,800.00 USD on 2026-06-05 was 500.00 USD more than they owed; no open invoice in USD takes it")
        // Once an invoice takes it, or it is refunded, the item goes.
        for (later, on) in [(Self.nextInvoice, "2026-08-03"), (Self.ledger + "2026-06-20 refund whitmore 500.00\n", "2026-07-01")] {
            let r = load(later)
            let day = Day.parse(on)!
            let sheet = BalanceEngine.balances(r.ledger, asOf: day)
            #expect(!Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day).items.contains { $0.action.hasPrefix("refund") }, "\(on)")
        }
    }

    /// Money held back while an invoice is in query is not an overpayment: no warning, and the
    /// letters' sentence about money held for the query stands (4, rule 4).
    @Test func moneyHeldForAQueryIsNoOverpayment() {
        let text = """
            settings
              currency GBP

            client acme Acme Ltd
              terms net 30

            2026-03-02 invoice acme A-1
              total 1000.00
            2026-03-03 invoice acme A-2
              total 400.00
            2026-03-10 note acme email
              dispute A-1 hours
            2026-03-20 payment acme 600.00

            """
        let r = load(text)
        let day = Day.parse("2026-04-01")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        #expect(sheet.overpayments.isEmpty)
        #expect(!Checker.check(r, asOf: day).map(\.code).contains("W435"))
    }
}
