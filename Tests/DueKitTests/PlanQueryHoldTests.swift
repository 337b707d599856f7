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

private func agendaText(_ text: String, asOf: String) -> String {
    let r = load(text)
    let day = Day.parse(asOf)!
    let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
    return AgendaRenderer.render(agenda, format: .text, ledgerName: "t.due")
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

/// Wren: W-1 (800.00) and W-2 (1,200.00) in a plan of four instalments of 500.00; W-2 queried
/// before the second fell due, so once W-1 was paid every instalment waited with it. The query
/// was settled on 8 June, and the instalment reminder of 11 June asked for the 700.00 GBP it
/// had held by 22 June.
private let wren = """
    settings
      currency  GBP
    client wren Wren
      contact  Priya Shah
      email    priya@wren.example
      terms    net 14

    2026-02-02 invoice wren W-1
      total  800.00

    2026-02-09 invoice wren W-2
      total  1,200.00

    2026-03-18 plan wren 2,000.00
      2026-04-01  500.00
      2026-05-01  500.00
      2026-06-01  500.00
      2026-07-01  500.00

    2026-03-25 note wren email
      dispute  W-2 wrong resolution

    2026-03-28 letter wren dispute
      invoices  W-2

    2026-04-01 payment wren 500.00

    2026-05-04 payment wren 300.00

    2026-06-08 note wren call
      resolved  W-2 re-rendered

    2026-06-11 letter wren instalment
      invoices  W-2

    """

/// Mint Cafe: M-1 (1,400.00) and M-2 (600.00) in a plan of two instalments of 1,000.00, M-2
/// queried before the first fell due, 500.00 paid on M-1. The instalment reminder of 14 May
/// asked for the 900.00 GBP missed of the rest; the query was settled on 22 May.
private let mint = """
    settings
      currency  GBP
    client mint Mint Cafe
      contact  Mo Mint
      email    mo@mint.example
      terms    net 30

    2026-02-01 invoice mint M-1
      total  1,400.00

    2026-02-05 invoice mint M-2
      total  600.00

    2026-03-20 plan mint 2,000.00
      for  M-1 M-2
      2026-04-10  1,000.00
      2026-05-11  1,000.00

    2026-04-01 note mint email
      dispute  M-2 sign letters misspelt

    2026-04-01 letter mint dispute
      invoices  M-2

    2026-04-08 payment mint 500.00
      apply  M-1

    2026-04-13 letter mint instalment
      invoices  M-1 M-2

    2026-05-14 letter mint instalment
      invoices  M-1 M-2

    2026-05-22 note mint call
      resolved  M-2 reprint agreed, credit 200

    2026-05-22 credit mint 200.00
      number  CN-M1
      apply   M-2

    """

@Suite struct PlanQueryHoldTests {
    /// A plan that runs out with part of its money in query: the letter says what is unpaid
    /// of the rest and that the money in query stays on hold, so the instalments' 2,000.00 GBP
    /// does not read as paid but for 600.00 GBP (1,400.00 GBP of it is unpaid).
    @Test func aPlanThatRanOutSaysTheMoneyInQueryStaysOnHold() throws {
        let d = try #require(heldDraft(quayside(), asOf: "2026-05-01"))
        #expect(d.choice.stage == .followUp)
        // The reminder of 17 March went unanswered by its date, before the last instalment date:
        // the plan lapsed then (3.10).
        #expect(d.text.contains("The payment plan we agreed on 20 February 2026 has lapsed: my reminder of 17 March 2026 went unanswered, and of the instalments due on 13 March 2026 and 13 April 2026 (2,000.00 GBP in all), 600.00 GBP is still unpaid; the other 800.00 GBP stays on hold while we settle the query about invoice Q-2. So what is open on invoice Q-1 is due now."))
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

    /// The agenda says instalments released by a query as the letter said them: to be paid by
    /// the date it gave, not "not received" since their own dates; past that date, not
    /// received by it.
    @Test func theAgendaSaysInstalmentsReleasedByAQueryAreNowToBePaid() {
        let text = agendaText(wren, asOf: "2026-06-14")
        #expect(text.contains("check for 700.00 GBP of instalments due 2026-05-01 and 2026-06-01"))
        #expect(text.contains("700.00 GBP released from the query on 2026-06-08, now to be paid by 2026-06-22, the date our instalment reminder of 2026-06-11 gave"))
        #expect(!text.contains("not received, the first after 44 days"))
        // Past that date with no word from them, the plan is in default (3.10); with a call
        // since the reminder, it runs on and the money is not received by that date.
        #expect(agendaText(wren, asOf: "2026-06-23").contains("instalment reminder of 2026-06-11 unanswered: the plan of 2026-03-18 is in default"))
        let later = agendaText(wren + "2026-06-15 note wren call\n", asOf: "2026-06-23")
        #expect(later.contains("700.00 GBP released from the query on 2026-06-08, not received by 2026-06-22, the date our instalment reminder of 2026-06-11 gave"))
        #expect(!later.contains("the first after 53 days"))
    }

    /// Part released and no letter about the plan since: the agenda counts apart what was
    /// missed, which the reminder asked for, and what the query held, which no letter has.
    @Test func theAgendaSaysTheReleasedPartApartFromWhatWasMissed() {
        // The client rang after the reminder of 13 April, so the plan is not in default (3.10).
        let text = agendaText(mint + "2026-04-15 note mint call\n", asOf: "2026-05-23")
        #expect(text.contains("check for 1,300.00 GBP of instalments due 2026-04-10 and 2026-05-11"))
        #expect(text.contains("900.00 GBP of 2 instalments not received, the first after 43 days; 400.00 GBP released from the query on 2026-05-22, not yet asked for"))
        #expect(text.contains("our instalment reminder of 2026-05-14 asked for the 900.00 GBP by 2026-05-25"))
        #expect(!text.contains("2 instalments not received, the first after 43 days; every date"))
    }
}

extension PlanQueryHoldTests {
    /// Released money a letter since asked for, unpaid past its date, beside an instalment
    /// missed since: each is said with its own date, the lateness of what was missed counted
    /// from its own instalment, not from the first the query held.
    @Test func theAgendaDatesReleasedAndMissedMoneyApart() {
        // The client rang after the reminder of 11 June, so the plan is not in default (3.10).
        let text = agendaText(wren + "2026-06-15 note wren call\n" + "2026-06-30 payment wren 400.00\n\n2026-07-04 letter wren instalment\n  invoices  W-2\n\n", asOf: "2026-07-07")
        #expect(text.contains("500.00 GBP of the instalment due 2026-07-01 not received after 6 days; 300.00 GBP released from the query on 2026-06-08, not received by 2026-06-22, the date our instalment reminder of 2026-06-11 gave"))
        #expect(text.contains("our instalment reminder of 2026-07-04 asked for them by 2026-07-14"))
        #expect(!text.contains("the first after 36 days"))
    }
}
