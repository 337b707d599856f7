import Testing
@testable import DueKit

/// Part of a plan's money held by a query (7.2): the letters and the agenda say what of the
/// instalments is missed and what waited with the query, and never ask for money on hold as
/// if it had been asked for before.

private func heldDraft(_ text: String, asOf: String) -> (choice: StageChoice, text: String)? {
    let r = load(text)
    #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
    let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
    let story = ClientStory.all(r.ledger, sheet: sheet)[0]
    let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
    guard let stage = choice.stage else { return nil }
    let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
    return (choice, TemplateSet().template(for: stage).render(values))
}

/// Quayside Gallery: Q-1 (1,200.00, due 5 February) and Q-2 (800.00, due 19 February) in a
/// plan of two instalments of 1,000.00; Q-2 queried before the first fell due and 600.00 paid.
/// Both instalment reminders were recorded with both invoices, Q-2 in query all the while;
/// the plan ran out, and follow-ups asked for Q-1 alone. `extra`: entries after them.
private func quayside(_ extra: String = "") -> String {
    """
    settings
      currency  GBP
    client quay Quayside Gallery
      contact  Ruth Penn
      email    ruth@quay.example
      terms    net 30

    2026-01-06 invoice quay Q-1
      total  1,200.00

    2026-01-20 invoice quay Q-2
      total  800.00

    2026-02-08 letter quay reminder
      invoices  Q-1

    2026-02-20 plan quay 2,000.00
      2026-03-13  1,000.00
      2026-04-13  1,000.00

    2026-03-02 note quay email
      dispute  Q-2 Posters printed in wrong size

    2026-03-04 letter quay dispute
      invoices  Q-2

    2026-03-13 payment quay 600.00

    2026-03-17 letter quay instalment
      invoices  Q-1 Q-2

    2026-04-17 letter quay instalment
      invoices  Q-1 Q-2

    """ + extra
}

@Suite struct PlanQueryHoldTests {
    /// A plan that runs out with part of its money in query: the letter says what is unpaid
    /// of the rest and that the money in query stays on hold, so the instalments' 2,000.00 GBP
    /// does not read as paid but for 600.00 GBP (1,400.00 GBP of it is unpaid).
    @Test func aPlanThatRanOutSaysTheMoneyInQueryStaysOnHold() throws {
        let d = try #require(heldDraft(quayside(), asOf: "2026-05-01"))
        #expect(d.choice.stage == .followUp)
        #expect(d.text.contains("The payment plan we agreed on 20 February 2026 has come to an end, and of the instalments due on 13 March 2026 and 13 April 2026 (2,000.00 GBP in all), 600.00 GBP is still unpaid; the other 800.00 GBP stays on hold while we settle the query about invoice Q-2. So what is open on invoice Q-1 is due now."))
        #expect(!d.text.contains("600.00 GBP is still unpaid, so"))
    }

    /// Once the query is settled, the follow-up does not cite letters that listed Q-2 on hold
    /// as having asked for it: Q-1 is followed up, Q-2 is released from the query and now to
    /// be paid too.
    @Test func aFollowUpAfterTheQuerySaysTheInvoiceHeldIsNowToBePaid() throws {
        let text = quayside("""
            2026-05-01 letter quay follow-up
              invoices  Q-1

            2026-05-18 letter quay follow-up
              invoices  Q-1

            2026-06-01 note quay call
              resolved  Q-2 Reprint done; accepted

            """)
        let d = try #require(heldDraft(text, asOf: "2026-06-16"))
        #expect(d.choice.stage == .followUp)
        #expect(d.text.contains("Following my letter of 18 May 2026, invoice Q-1 still shows 600.00 GBP open, now 131 days past its due date."))
        #expect(d.text.contains("Invoice Q-2 (800.00 GBP, due 19 February 2026), which was on hold while we settled the query about it, is now to be paid too, so the total now due is 1,400.00 GBP."))
        #expect(!d.text.contains("Following my letters of 17 April 2026 and 18 May 2026"))
    }
}
