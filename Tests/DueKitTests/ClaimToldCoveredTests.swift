import Testing
@testable import DueKit

/// A formal demand's claim that a thank-you told the client was covered by money of theirs
/// held on account, never recorded as an invoice: later letters keep to what that thank-you
/// said, and do not raise the claim again as if unsettled.
@Suite struct ClaimToldCoveredTests {
    /// O-1 demanded on 20 April (86.44 GBP of interest and compensation); 1,200.00 paid on
    /// 27 April, and the thank-you of 28 April said the payment also covered the claim, 113.56
    /// GBP left on account. O-2, invoiced on 4 May, took the 200.00 the books held; reminded on
    /// 15 May, it was paid with 350.00 on 22 May.
    static let ledger = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client oak Oak Cafe Ltd
          contact Olive Oak
          terms net 30
          interest 8%
          compensation statutory

        2026-01-05 invoice oak O-1
          total 1,000.00
        2026-02-08 letter oak reminder
          invoices O-1
        2026-02-22 letter oak follow-up
          invoices O-1
        2026-03-08 letter oak follow-up
          invoices O-1
        2026-03-22 letter oak follow-up
          invoices O-1
        2026-04-05 letter oak final
          invoices O-1
        2026-04-20 letter oak demand
          invoices O-1
        2026-04-27 payment oak 1,200.00
        2026-04-28 letter oak thanks
          invoices O-1

        """

    static let laterWork = ledger + """
        2026-05-04 invoice oak O-2
          due 2026-05-11
          total 500.00
        2026-05-15 letter oak reminder
          invoices O-2
        2026-05-22 payment oak 350.00

        """

    func choose(_ text: String, asOf: String) throws -> (choice: StageChoice, agenda: [Agenda.Item], story: ClientStory, ledger: Ledger, sheet: BalanceSheet) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        return (choice, Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day).items, story, r.ledger, sheet)
    }

    /// Before: a thank-you on 22 May that offered "50.00 GBP of yours on account, which we can
    /// set against the interest and compensation set out in my demand of 20 April 2026", and an
    /// agenda that then asked whether to pursue or waive a claim "settled without it". The
    /// books count the money the thank-you called the claim's twice until it is recorded: no
    /// thank-you goes before that, and the agenda asks for it to be recorded, also once the
    /// demand's invoices were cleared longer ago than a thank-you is weighed.
    @Test func laterWorkPaidWaitsForTheClaimToBeRecorded() throws {
        for day in ["2026-05-22", "2026-06-01"] {
            let r = try choose(Self.laterWork, asOf: day)
            #expect(r.choice.stage == nil, "\(day): \(r.choice.reason)")
            #expect(r.choice.reason == "invoices paid by 2026-05-22, but the claim of our formal demand of 2026-04-20, which our thank-you of 2026-04-28 called covered, is not recorded; no thank-you until it is")
            #expect(r.agenda.map(\.action) == ["record as an invoice dated 2026-04-28 the 86.44 GBP of interest and compensation our formal demand of 2026-04-20 claimed"], "\(day)")
        }
        // Recorded on the thank-you's day, as the agenda says: O-2 has the 36.44 GBP the client
        // knows it still owes, and is chased for it; no claim is spoken of again.
        let recorded = Self.laterWork + """
            2026-04-28 invoice oak O-1-LATE
              total 86.44

            """
        let after = try choose(recorded, asOf: "2026-06-06")
        #expect(after.choice.stage == .followUp)
        #expect(after.sheet.invoices[after.ledger.invoiceIndex["O-2"]!].open == 36_44)
    }

    /// What a letter says is held on account is what the thank-you said: the money that met
    /// the claim is not the client's to have back (before: "We hold 200.00 GBP of yours").
    @Test func moneyHeldIsSaidLessTheClaimTheThankYouCalledCovered() throws {
        let r = try choose(Self.ledger, asOf: "2026-05-05")
        var c = StageChoice(client: "oak", stage: .statement, reason: "on request")
        c.chased = r.story.open
        let v = LetterFields.values(stage: .statement, choice: c, story: r.story, ledger: r.ledger, sheet: r.sheet)
        #expect(v["credit.on-account"] == "We hold 113.56 GBP of yours on account, which we will set against your next invoice unless you would rather have it refunded.")
    }
}
