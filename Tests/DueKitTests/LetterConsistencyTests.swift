import Testing
@testable import DueKit

/// The letter `due` drafts for the one client of `text` on `asOf`, with its stage choice and
/// the values its template was given; nil when none is due.
private func draft(_ text: String, asOf: String) -> (choice: StageChoice, values: [String: String], text: String)? {
    let r = load(text)
    #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
    let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
    let story = ClientStory.all(r.ledger, sheet: sheet)[0]
    let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
    guard let stage = choice.stage else { return nil }
    let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
    return (choice, values, TemplateSet().template(for: stage).render(values))
}

/// Harbour Bistro: H-1 (3,000.00) in a plan of three instalments, none of them paid; H-2
/// (400.00) chased up the ladder. The final notice asked for H-2 and the plan's missed
/// instalments (recorded with both invoices), and went unanswered.
private func harbour(plan: String = "2026-03-15  1,000.00\n  2026-04-15  1,000.00\n  2026-05-15  1,000.00", finalInvoices: String = "H-2 H-1") -> String {
    """
    settings
      currency  GBP
    client har Harbour Bistro
      contact  Ruth Malone
      email    ruth@har.example

    2026-01-05 invoice har H-1
      total  3,000.00

    2026-01-20 invoice har H-2
      total  400.00

    2026-03-02 plan har 3,000.00
      for         H-1
      \(plan)

    2026-03-09 letter har reminder
      invoices  H-2

    2026-03-23 letter har follow-up
      invoices  H-2

    2026-04-06 letter har follow-up
      invoices  H-2

    2026-04-20 letter har final
      invoices  \(finalInvoices)

    """
}

/// Harbour Bistro again: H-1 in a plan, an instalment paid, then a query that put the plan on
/// hold (acknowledged on 10 March) while the instalment of 15 March fell due, settled on 1 April.
private func queried(plan: String = "2026-02-15  1,000.00\n  2026-03-15  1,000.00", total: String = "2,000.00", paid: String = "1,000.00") -> String {
    """
    settings
      currency  GBP
    client har Harbour Bistro
      contact  Ruth Malone
      email    ruth@har.example

    2026-01-05 invoice har H-1
      total  \(total)

    2026-01-25 plan har \(total)
      \(plan)

    2026-02-14 payment har \(paid)

    2026-03-10 note har email
      dispute  H-1 logo files missing

    2026-03-10 letter har dispute
      invoices  H-1

    2026-04-01 note har call
      resolved  H-1 files sent

    """
}

/// Acme: a final notice about, then a query on A-2 acknowledged, settled on a
/// call and met by a credit note (`after`, the entries after the final notice).
private func acme(after: String) -> String {
    """
    settings
      currency  GBP
    client acme Acme Widgets Ltd
      contact  Jane Doe
      email    ap@acme.example

    2026-01-05 invoice acme A-1
      total  1,200.00

    2026-01-10 invoice acme A-2
      total  800.00

    2026-02-09 letter acme reminder
      invoices  A-1

    2026-02-23 letter acme follow-up
      invoices  A-1 A-2

    2026-03-09 letter acme follow-up
      invoices  A-1 A-2

    2026-03-23 letter acme final
      invoices  A-1 A-2

    """ + after
}

private let queryAfterFinal = """
    2026-03-30 note acme email
      dispute  A-2 not delivered in full

    2026-03-30 letter acme dispute
      invoices  A-2

    2026-04-10 note acme call
      resolved  A-2 credit 300

    2026-04-12 credit acme 300.00
      number  CN-9

    """

/// Oakridge: O-1 reminded on 9 February, then a call every fortnight with neither payment nor
/// promise (`extra` after them).
private func oakridge(_ extra: String = "") -> String {
    """
    settings
      currency  GBP
    client oak Oakridge Lettings
      contact  Sam Patel
      email    sam@oak.example

    2026-01-05 invoice oak O-1
      total  2,400.00

    2026-02-09 letter oak reminder
      invoices  O-1

    2026-02-20 note oak call

    2026-03-06 note oak call

    2026-03-20 note oak call

    2026-04-03 note oak call

    2026-04-17 note oak call

    2026-05-01 note oak call

    """ + extra
}

/// Mint Yoga: M-1 and M-2 (1,000.00 each) in a plan of two instalments of 1,000.00, nothing
/// paid; M-2 queried before the first instalment fell due, and the query acknowledged.
private let mint = """
    settings
      currency  GBP
    client mint Mint Yoga
      contact  Zoe Park
      email    zoe@mint.example
      terms    net 30

    2026-01-05 invoice mint M-1
      total  1,000.00

    2026-01-06 invoice mint M-2
      total  1,000.00

    2026-02-20 plan mint 2,000.00
      2026-03-10  1,000.00
      2026-04-10  1,000.00

    2026-03-01 note mint email
      dispute  M-2 photos blurry

    2026-03-02 letter mint dispute
      invoices  M-2

    """

/// Mint Cafe: M-1 (1,400.00) and M-2 (600.00) in a plan of two instalments of 1,000.00; M-2
/// queried before the first fell due, 500.00 paid on M-1, and the query settled (`settled`)
/// with a credit note of 200.00 on M-2. Instalment reminders went on 13 April and, unless
/// `remindedOn14May` is false, on 14 May, which asked for what was missed of the rest.
private func mintCafe(settled: String = "2026-05-22", remindedOn14May: Bool = true) -> String {
    """
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

    """ + (remindedOn14May ? "2026-05-14 letter mint instalment\n  invoices  M-1 M-2\n\n" : "") + """
    \(settled) note mint call
      resolved  M-2 reprint agreed, credit 200

    \(settled) credit mint 200.00
      number  CN-M1
      apply   M-2

    """
}

/// The stage choice for the one client of `text` on `asOf`, a letter due or not.
private func choice(_ text: String, asOf: String) -> StageChoice {
    let r = load(text)
    let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
    return StageChooser.choose(ClientStory.all(r.ledger, sheet: sheet)[0], ledger: r.ledger, sheet: sheet)
}

/// Vale Farm: P-1 (1,500.00) in a plan of three instalments, none paid; Q-1 (800.00) chased up
/// the ladder to a formal demand about it alone (11 April), which asked for the plan's missed
/// instalments too; the letters before it were recorded with both invoices. Nothing answered.
private let valeFarm = """
    settings
      currency  GBP
    client vale Vale Farm
      contact  Vic Vale
      email    vic@vale.example
      terms    net 30

    2026-01-01 invoice vale P-1
      total  1,500.00

    2026-01-05 invoice vale Q-1
      total  800.00

    2026-01-10 plan vale 1,500.00
      for  P-1
      2026-02-02  500.00
      2026-03-02  500.00
      2026-03-31  500.00

    2026-02-05 letter vale instalment
      invoices  P-1 Q-1

    2026-02-09 note vale call

    2026-02-17 letter vale reminder
      invoices  Q-1 P-1

    2026-03-03 letter vale follow-up
      invoices  Q-1 P-1

    2026-03-17 letter vale follow-up
      invoices  Q-1 P-1

    2026-03-31 letter vale final
      invoices  Q-1 P-1

    2026-04-11 letter vale demand
      invoices  Q-1

    """

@Suite struct LetterConsistencyTests {
    /// A plan whose schedule has ended with the instalments a final notice asked for still
    /// unpaid no longer covers its invoice: the demand asks for one amount, H-2 and all that is
    /// open on H-1, says the plan came to an end, and promises no further letter.
    @Test func aDemandAfterAFinalNoticeThatAskedForAPlansInstalmentsClaimsTheInvoiceOnceTheScheduleHasEnded() throws {
        let d = try #require(draft(harbour(plan: "2026-03-15  1,000.00\n  2026-04-01  1,000.00\n  2026-04-15  1,000.00"), asOf: "2026-05-25"))
        #expect(d.choice.stage == .demand)
        #expect(d.text.contains("This letter is a formal demand for payment of 3,400.00 GBP, owed on invoices H-1 and H-2."))
        #expect(d.text.contains("The payment plan we agreed on 2 March 2026 has come to an end, and the instalments due on 15 March 2026, 1 April 2026 and 15 April 2026 have not reached us (3,000.00 GBP), so what is open on invoice H-1 is due now."))
        #expect(d.text.contains("Please pay 3,400.00 GBP by 4 June 2026."))
        #expect(!d.text.contains("my next letter"))
        #expect(!d.text.contains("asked for here"))
        #expect(!d.text.contains("in the payment plan"))
        // An instalment that fell due after the final notice (15 May) was asked for by no
        // letter: the schedule's end does not bring the demand over H-1. The demand is about
        // H-2 alone and asks for the plan's missed instalments beside it, without threat.
        let later = try #require(draft(harbour(), asOf: "2026-05-25"))
        #expect(later.choice.stage == .demand)
        #expect(later.text.contains("formal demand for payment of 400.00 GBP, owed on invoice H-2."))
        #expect(later.text.contains("The instalments due on 15 March 2026, 15 April 2026 and 15 May 2026 have not reached us: 3,000.00 GBP in all. Please send those instalments with the 400.00 GBP asked for here."))
        // Once the date it gave has passed unpaid, the plan is over. The final notice warned
        // of no demand over the instalment of 15 May: H-1 gets a final notice of its own (the
        // ladder does not step down), and the demand follows that one.
        let sent = harbour() + "2026-05-25 letter har demand\n  invoices H-2\n"
        for day in ["2026-06-04", "2026-06-05", "2026-06-07"] {
            #expect(draft(sent, asOf: day) == nil, "\(day)")
        }
        let after = try #require(draft(sent, asOf: "2026-06-08"))
        #expect(after.choice.stage == .final)
        #expect(after.text.contains("This is a final notice about invoice H-1: 3,000.00 GBP is still to pay, 124 days past its due date. My final notice of 20 April 2026 asked only for the instalments of our payment plan missed by then; this one is about all that is open on invoice H-1 now."))
    }

    /// Before the schedule's end the plan still runs: the demand is about H-2, as the final
    /// notice's own amount was.
    @Test func aPlanStillOnItsScheduleIsNotDemanded() throws {
        let d = try #require(draft(harbour(plan: "2026-03-15  1,000.00\n  2026-04-15  1,000.00\n  2026-06-15  1,000.00"), asOf: "2026-05-25"))
        #expect(d.choice.stage == .demand)
        #expect(d.text.contains("formal demand for payment of 400.00 GBP, owed on invoice H-2."))
    }

    /// A demand whose final notice did not name the plan's invoice still shows the plan's
    /// missed instalments, but does not say a later letter will be about the invoice: nothing
    /// is drafted after a demand.
    @Test func aDemandBesideAPlanThatRanOutPromisesNoNextLetter() throws {
        let d = try #require(draft(harbour(plan: "2026-04-24  1,000.00\n  2026-05-01  1,000.00\n  2026-05-15  1,000.00", finalInvoices: "H-2"), asOf: "2026-05-25"))
        #expect(d.choice.stage == .demand)
        #expect(d.text.contains("The instalments due on 24 April 2026, 1 May 2026 and 15 May 2026 have not reached us: 3,000.00 GBP in all. Please send those instalments"))
        #expect(!d.text.contains("my next letter"))
    }

    /// An instalment that fell due while the query held the plan was not missed: once the query
    /// is settled it is asked for as now to be paid, by the letter's date, without reproach.
    @Test func anInstalmentHeldByASettledQueryIsNowToBePaidNotMissed() throws {
        let d = try #require(draft(queried(), asOf: "2026-04-01"))
        #expect(d.choice.stage == .instalment)
        #expect(d.choice.reason == "the query that held the plan was settled on 2026-04-01; the instalment of 1,000.00 GBP due 2026-03-15, on hold until then, is now to be paid")
        #expect(d.text.contains("With the query settled, the instalment of 1,000.00 GBP due on 15 March 2026, which was on hold in the meantime, is now to be paid. No further instalments fall due under the plan."))
        #expect(d.text.contains("| 2 | 15 March 2026 | 1,000.00 GBP | on hold until 1 April 2026 |"))
        #expect(d.text.contains("Please send it by 13 April 2026."))
        #expect(!d.text.contains("not reached us"))
        #expect(!d.text.contains("my next letter"))
    }

    /// One missed before the query is still said to be missing; the one the query held is now
    /// to be paid with it.
    @Test func anInstalmentMissedBeforeTheQueryIsStillSaidToBeMissing() throws {
        let d = try #require(draft(queried(plan: "2026-02-15  1,000.00\n  2026-03-15  1,000.00\n  2026-04-15  1,000.00", total: "3,000.00", paid: "400.00"), asOf: "2026-04-01"))
        #expect(d.choice.stage == .instalment)
        #expect(d.text.contains("The 600.00 GBP still to pay of the instalment due on 15 February 2026 has not reached us; with the query settled, the instalment of 1,000.00 GBP due on 15 March 2026, which was on hold in the meantime, is now to be paid too: 1,600.00 GBP in all."))
        #expect(d.text.contains("| 1 | 15 February 2026 | 1,000.00 GBP | 400.00 GBP received, 600.00 GBP still open |"))
    }

    /// Once a letter has asked for it, an instalment still unpaid is no longer news.
    @Test func anInstalmentAskedForSinceTheQueryIsChasedAsUsual() throws {
        let d = try #require(draft(queried() + "2026-04-01 letter har instalment\n  invoices  H-1\n", asOf: "2026-04-20"))
        #expect(d.choice.stage == .reminder)
        #expect(d.text.contains("the instalment due on 15 March 2026 has not reached us (1,000.00 GBP)"))
        #expect(!d.text.contains("on hold"))
    }

    /// A final notice the client answered by raising a query, since settled, is restated as
    /// one answered: it waits for the payment and does not invite them to get in touch.
    @Test func aFinalNoticeRestatedAfterASettledQueryUsesTheAnsweredWording() throws {
        let d = try #require(draft(acme(after: queryAfterFinal), asOf: "2026-04-27"))
        #expect(d.choice.stage == .final)
        #expect(d.text.contains("My final notice of 23 March 2026 about invoices A-1 and A-2 still stands: 1,700.00 GBP is still to pay"))
        #expect(d.text.contains("Please pay 1,700.00 GBP by 7 May 2026. If it has not reached us by then, I will send a formal demand for the full amount"))
        #expect(!d.text.contains("contact me before then"))
        #expect(!d.text.contains("If I hear nothing"))
        #expect(!d.text.contains("get in touch"))
    }

    /// Answered by a call with nothing between, it reads the same.
    @Test func aFinalNoticeAnsweredByACallIsRestatedAlike() throws {
        let d = try #require(draft(acme(after: "2026-04-01 note acme call\n\n"), asOf: "2026-04-16"))
        #expect(d.choice.stage == .final)
        #expect(d.text.contains("If it has not reached us by then, I will send a formal demand"))
        #expect(!d.text.contains("contact me before then") && !d.text.contains("get in touch"))
    }

    /// A reply holds the next letter once per letter: calls every fortnight with no payment or
    /// promise do not stop the follow-up, which goes `cadence` max days after the first of them.
    @Test func repliesWithoutPaymentHoldTheNextLetterOncePerLetter() throws {
        #expect(draft(oakridge(), asOf: "2026-03-05") == nil)
        let first = try #require(draft(oakridge(), asOf: "2026-03-06"))
        #expect(first.choice.stage == .followUp)
        let d = try #require(draft(oakridge(), asOf: "2026-05-14"))
        #expect(d.choice.stage == .followUp)
        #expect(d.choice.reason == "O-1 is 99 days past due; last letter 2026-02-09, the client replied six times since, the last on 2026-05-01, with no payment")
        #expect(d.text.contains("Following my letter of 9 February 2026, invoice O-1 still shows 2,400.00 GBP open, now 99 days past its due date."))
    }

    /// The agenda lists the follow-up, not "Nothing to do today".
    @Test func theAgendaListsTheFollowUpForAClientWhoRingsButDoesNotPay() throws {
        let r = load(oakridge())
        let asOf = Day.parse("2026-05-14")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: asOf), asOf: asOf)
        let text = AgendaRenderer.render(agenda, format: .text, ledgerName: "oak.due")
        #expect(text.contains("oak  send a follow-up (2,400.00 GBP)"))
        #expect(text.contains("the client replied six times since, the last on 2026-05-01, with no payment"))
        #expect(!text.contains("Nothing to do today"))
    }

    /// Money since the letter holds it again: a payment is more than a call.
    @Test func aPaymentSinceTheFirstReplyHoldsTheNextLetterAgain() throws {
        let text = oakridge().replacingOccurrences(of: "2026-04-17 note oak call", with: "2026-04-17 payment oak 100.00")
        let d = draft(text, asOf: "2026-04-20")
        #expect(d == nil)
        let later = try #require(draft(text, asOf: "2026-05-01"))
        #expect(later.choice.stage == .followUp)
    }

    /// A plan part of whose money is in query is judged on the rest: the money in query waits
    /// at the end of the schedule, so the second instalment, which only M-2's money would meet,
    /// is on hold with it, not missed; the reminder asks for the first alone.
    @Test func anInstalmentOnlyMoneyInQueryWouldMeetIsOnHoldNotMissed() throws {
        let d = try #require(draft(mint, asOf: "2026-04-13"))
        #expect(d.choice.stage == .instalment)
        #expect(d.choice.reason == "instalment of 1,000.00 GBP due 2026-03-10 has not arrived (34 days); 1,000.00 GBP more is on hold with a query")
        #expect(d.text.contains("The instalment of 1,000.00 GBP that was due on 10 March 2026 has not reached us yet."))
        #expect(d.text.contains("The instalment of 1,000.00 GBP due on 10 April 2026 is on hold while we settle the query about invoice M-2, and I am not asking for it now."))
        #expect(d.text.contains("| 2 | 10 April 2026 | 1,000.00 GBP | on hold while the query is settled |"))
        #expect(d.text.contains("my next letter will be about the invoice itself"))
        #expect(!d.text.contains("2,000.00 GBP in all"))
        // Not "it", which would read as the instalment on hold, named last.
        #expect(d.text.contains("Please send the instalment by 23 April 2026."), "\(d.text)")
        let r = load(mint)
        let asOf = Day.parse("2026-04-13")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: asOf), asOf: asOf)
        let text = AgendaRenderer.render(agenda, format: .text, ledgerName: "mint.due")
        #expect(text.contains("mint  send an instalment reminder (1,000.00 GBP)"))
        #expect(!text.contains("2,000.00 GBP"))
    }

    /// Part of an instalment may wait with the query: the rest of it is asked for, and the
    /// table says which part is on hold.
    @Test func thePartOfAnInstalmentMoneyInQueryWouldMeetIsOnHold() throws {
        // M-1 paid, M-2 in query: all that is left of the plan waits with the query.
        let paid = mint.replacingOccurrences(of: "2026-03-01 note mint email", with: "2026-03-05 payment mint 1,000.00\n  apply  M-1\n\n2026-03-01 note mint email")
        #expect(draft(paid, asOf: "2026-04-13") == nil)
        let partial = mint.replacingOccurrences(of: "2026-03-01 note mint email", with: "2026-03-05 payment mint 500.00\n  apply  M-1 400.00\n  apply  M-2 100.00\n\n2026-03-20 note mint email")
            .replacingOccurrences(of: "2026-03-02 letter mint dispute", with: "2026-03-21 letter mint dispute")
            .replacingOccurrences(of: "2026-03-10  1,000.00\n  2026-04-10  1,000.00", with: "2026-03-10  500.00\n  2026-04-10  1,500.00")
        let d = try #require(draft(partial, asOf: "2026-04-13"))
        #expect(d.choice.stage == .instalment)
        #expect(d.text.contains("Of the instalment of 1,500.00 GBP that was due on 10 April 2026, 600.00 GBP has not reached us yet; the other 900.00 GBP is on hold while we settle the query about invoice M-2, and I am not asking for it now."))
        #expect(d.text.contains("| 2 | 10 April 2026 | 1,500.00 GBP | 600.00 GBP not received, 900.00 GBP on hold while the query is settled |"))
    }


    /// Part of an instalment paid before the query held the plan: what is left of it waits
    /// like the next one, the table marks both on hold until the query was settled, and the
    /// sum still to pay is said once.
    @Test func whatIsLeftOfAnInstalmentHeldByAQueryIsOnHoldLikeTheNext() throws {
        let d = try #require(draft(queried(plan: "2026-02-15  1,000.00\n  2026-03-15  1,000.00\n  2026-03-20  1,000.00", total: "3,000.00", paid: "1,600.00"), asOf: "2026-04-01"))
        #expect(d.choice.stage == .instalment)
        #expect(d.text.contains("With the query settled, the 1,400.00 GBP still to pay of the instalments due on 15 March 2026 and 20 March 2026, which were on hold in the meantime, is now to be paid. No further instalments fall due under the plan."))
        #expect(d.text.contains("| 2 | 15 March 2026 | 1,000.00 GBP | 600.00 GBP received, 400.00 GBP on hold until 1 April 2026 |"))
        #expect(d.text.contains("| 3 | 20 March 2026 | 1,000.00 GBP | on hold until 1 April 2026 |"))
        #expect(!d.text.contains("in all"))
        #expect(!d.text.contains("still open"))
    }

    /// Part of a plan's money waited with a query while the rest was missed. Once the query is
    /// settled, the letter that says the plan ran out tells the part held apart, as released
    /// by the query on the day it was settled and now to be paid by the letter's date, never
    /// as unpaid: of the 1,300.00 GBP open, 900.00 GBP was missed.
    @Test func aPlanThatRanOutSaysWhatASettledQueryHeldIsNowToBePaidNotUnpaid() throws {
        let d = try #require(draft(mintCafe(), asOf: "2026-05-27"))
        #expect(d.choice.stage == .reminder)
        // The reminder of 13 April went unanswered by 23 April, before the last instalment date:
        // the plan lapsed then (3.10), as that reminder warned.
        #expect(d.text.contains("The payment plan we agreed on 20 March 2026 has lapsed: my reminder of 13 April 2026 went unanswered, and of the instalments due on 10 April 2026 and 11 May 2026 (2,000.00 GBP in all), 900.00 GBP is still unpaid; the other 400.00 GBP was on hold until we settled the query about invoice M-2 on 22 May 2026, and is now to be paid. So what is open on invoices M-1 and M-2 is to be paid by 8 June 2026."))
        #expect(!d.text.contains("1,300.00 GBP is still unpaid"))
        #expect(d.text.contains("payment of 1,300.00 GBP by 8 June 2026"))
    }

    /// Settled before the plan ran out: the instalment reminder asks for what was missed and
    /// says the part the query held is now to be paid; its table marks that part on hold until
    /// the day the query was settled, and its reason says so.
    @Test func anInstalmentReminderSaysThePartASettledQueryHeldIsNowToBePaid() throws {
        // The client rang after the reminder of 13 April, so the plan is not in default (3.10).
        let answered = mintCafe(settled: "2026-05-12", remindedOn14May: false) + "2026-04-15 note mint call\n"
        let d = try #require(draft(answered, asOf: "2026-05-14"))
        #expect(d.choice.stage == .instalment)
        #expect(d.choice.reason == "2 instalments (1,300.00 GBP) due 2026-04-10, 2026-05-11 have not arrived; 400.00 GBP of it was on hold with a query until 2026-05-12 and is now to be paid")
        #expect(d.text.contains("The 900.00 GBP still to pay of the instalments due on 10 April 2026 and 11 May 2026 has not reached us; with the query settled, the 400.00 GBP still to pay of the instalment due on 11 May 2026, which was on hold in the meantime, is now to be paid too: 1,300.00 GBP in all."))
        #expect(d.text.contains("| 2 | 11 May 2026 | 1,000.00 GBP | 600.00 GBP not received, 400.00 GBP on hold until 12 May 2026 |"))
        #expect(!d.text.contains("1,300.00 GBP of them is still to come"))
    }

    /// A formal demand about a plan's invoice that ran out recites every letter that asked for
    /// its money and went unanswered, each once, in date order: the earlier formal demand about
    /// other work, which asked for the missed instalments beside its own amount, among them,
    /// saying so. (The final notice of 31 March warned of no demand over the instalment due
    /// that day: P-1 had its own final notice, on 25 April, before this demand.)
    @Test func aDemandAboutAPlanRecitesTheEarlierDemandThatAskedForItsInstalments() throws {
        #expect(draft(valeFarm, asOf: "2026-04-22") == nil)
        #expect(draft(valeFarm, asOf: "2026-04-25")?.choice.stage == .final)
        let d = try #require(draft(valeFarm + "2026-04-25 letter vale final\n  invoices  P-1\n", asOf: "2026-05-09"))
        #expect(d.choice.stage == .demand)
        #expect(d.choice.chased.count == 1)
        // The call of 9 February answered the instalment reminder of 5 February (and kept the
        // plan out of default, 3.10): it is not among the letters unanswered.
        #expect(d.text.contains("I have had no reply to my reminder of 17 February 2026, follow-ups of 3 March 2026 and 17 March 2026, final notice of 31 March 2026, formal demand of 11 April 2026 (about invoice Q-1, which also asked for the missed instalments of our payment plan for invoice P-1) or final notice of 25 April 2026, and no payment has arrived since."))
        // Its history lists that demand once, as about its own invoice and what it also asked for.
        #expect(d.text.components(separatedBy: "11 April 2026: our formal demand about Q-1, which also asked for the missed instalments of our payment plan for invoice P-1 to be paid by 21 April 2026").count == 2)
    }

    /// With courtesy notes on, a note about an instalment falling due does not follow, fewer
    /// than `cadence` min days after it, a letter that asked for the plan's money: here a
    /// follow-up of 8 April recorded with the plan's invoice, which asked for the missed first
    /// instalment and showed the rest. Once the second instalment is missed, its reminder goes
    /// the day after the date that follow-up gave (20 April).
    @Test func anInstalmentNoteWaitsCadenceMinAfterALetterThatAskedForThePlansMoney() throws {
        let ledger = """
            settings
              currency  GBP
              courtesy  on
            client acme Acme Widgets Ltd
              contact  Jane Doe
              email    ap@acme.example
              terms    net 30

            2026-01-10 invoice acme A-1
              total  2,000.00

            2026-02-18 invoice acme A-2
              total  300.00

            2026-02-20 plan acme 2,000.00
              for  A-1
              2026-03-13  1,000.00
              2026-04-13  1,000.00

            2026-03-17 letter acme instalment
              invoices  A-1

            2026-03-24 letter acme reminder
              invoices  A-2

            2026-04-08 letter acme follow-up
              invoices  A-2 A-1

            2026-04-13 payment acme 1,000.00
              apply  A-1

            """
        #expect(choice(ledger, asOf: "2026-04-13").stage == nil)
        #expect(choice(ledger, asOf: "2026-04-20").stage == nil)
        #expect(choice(ledger, asOf: "2026-04-21").stage == .instalment)
        // An instalment reminder about the first, four days before the note's window: the
        // note would wait until `cadence` min days after it, 13 April, the instalment's own
        // day, when no note goes (it goes before the day, not on it): the reminder follows
        // once the instalment is missed, and the reason says so meanwhile.
        let reminded = ledger
            .replacingOccurrences(of: "2026-03-24 letter acme reminder\n  invoices  A-2\n\n2026-04-08 letter acme follow-up\n  invoices  A-2 A-1\n\n", with: "2026-04-06 letter acme instalment\n  invoices  A-1\n\n")
            .replacingOccurrences(of: "2026-02-18 invoice acme A-2\n  total  300.00\n\n", with: "")
            .replacingOccurrences(of: "2026-04-13 payment", with: "2026-04-09 payment")
        let held = choice(reminded, asOf: "2026-04-10")
        #expect(held.stage == nil)
        #expect(held.reason == "instalment of 1,000.00 GBP falls due on 2026-04-13; our instalment reminder of 2026-04-06 asked for the plan's money")
        #expect(held.nextDate == Day.parse("2026-04-17"))
        #expect(choice(reminded, asOf: "2026-04-13").stage == nil)
        // Two days later in the month, the wait ends before the instalment's day: the note goes then.
        let earlier = reminded.replacingOccurrences(of: "2026-04-06 letter acme instalment", with: "2026-04-04 letter acme instalment")
        #expect(choice(earlier, asOf: "2026-04-10").nextDate == Day.parse("2026-04-11"))
        #expect(choice(earlier, asOf: "2026-04-11").stage == .instalment)
    }

    /// Nor does it follow, fewer than `cadence` min days after it, a letter to the client about
    /// other invoices alone: the cadence is the client's (a follow-up of 7 April about A-2, and
    /// a note on 10 April, would be two letters from us in three days). The instalment falls
    /// due before those days have passed, so no note goes; once it is missed, the reminder does.
    @Test func anInstalmentNoteWaitsCadenceMinAfterALetterAboutOtherInvoices() throws {
        let ledger = """
            settings
              currency  GBP
              courtesy  on
            client acme Acme Widgets Ltd
              contact  Jane Doe
              email    ap@acme.example
              terms    net 30

            2026-01-10 invoice acme A-1
              total  2,000.00

            2026-02-18 invoice acme A-2
              total  300.00

            2026-02-20 plan acme 2,000.00
              for  A-1
              2026-03-13  1,000.00
              2026-04-13  1,000.00

            2026-03-13 payment acme 1,000.00
              apply  A-1

            2026-03-24 letter acme reminder
              invoices  A-2

            2026-04-07 letter acme follow-up
              invoices  A-2

            """
        #expect(choice(ledger, asOf: "2026-04-10").stage == nil)
        let r = load(ledger)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-04-10")!)
        let story = ClientStory.all(r.ledger, sheet: sheet)[0]
        let plan = try #require(PlanProgress.running(story, ledger: r.ledger, sheet: sheet).first)
        let held = try #require(StageChooser.instalment(story, plan: plan, ledger: r.ledger, sheet: sheet))
        #expect(held.stage == nil)
        #expect(held.reason == "instalment of 1,000.00 GBP falls due on 2026-04-13; we wrote on 2026-04-07, so no note goes before it")
        #expect(held.nextDate == Day.parse("2026-04-16"))
        #expect(choice(ledger, asOf: "2026-04-16").stage == .instalment)
        // A week after that follow-up, with the instalment still ahead, the note goes.
        let earlier = ledger.replacingOccurrences(of: "2026-04-07 letter acme follow-up", with: "2026-04-02 letter acme follow-up")
        #expect(choice(earlier, asOf: "2026-04-10").stage == .instalment)
    }

    /// An ordinary courtesy note keeps the same cadence: none goes fewer than `cadence` min days
    /// after a letter about other work (A-1, paid since, and thanked for the next day: a
    /// thank-you is due with only B-1, not yet due, open), though it did not list the invoice
    /// falling due (B-1, issued after it). B-1 falls due before those days have passed, so no
    /// note goes; once it is past due, the reminder does.
    @Test func aCourtesyNoteWaitsCadenceMinAfterALetterAboutOtherInvoices() throws {
        let ledger = """
            settings
              currency  GBP
              courtesy  on
            client acme Acme Widgets Ltd
              contact  Jane Doe
              email    ap@acme.example
              terms    net 30

            2026-02-20 invoice acme A-1
              total  500.00

            2026-04-03 letter acme reminder
              invoices  A-1

            2026-04-04 payment acme 500.00
              apply  A-1

            2026-04-04 invoice acme B-1
              due    2026-04-09
              total  300.00

            2026-04-04 letter acme thanks

            """
        let held = choice(ledger, asOf: "2026-04-06")
        #expect(held.stage == nil)
        #expect(held.reason == "invoice B-1 falls due on 2026-04-09; we wrote on 2026-04-04, so no note goes before it")
        #expect(held.nextDate == Day.parse("2026-04-12"))
        #expect(choice(ledger, asOf: "2026-04-08").stage == nil)
        #expect(choice(ledger, asOf: "2026-04-12").stage == .reminder)
        // Due later, the note waits until `cadence` min days after the reminder, then goes.
        let later = ledger.replacingOccurrences(of: "due    2026-04-09", with: "due    2026-04-12")
        let waits = choice(later, asOf: "2026-04-09")
        #expect(waits.stage == nil)
        #expect(waits.reason == "invoice B-1 falls due on 2026-04-12; we wrote on 2026-04-04, so a note waits until 2026-04-11")
        #expect(waits.nextDate == Day.parse("2026-04-11"))
        #expect(choice(later, asOf: "2026-04-10").stage == nil)
        #expect(choice(later, asOf: "2026-04-11").stage == .courtesy)
    }

    /// An instalment note after a letter about other invoices, the instalment due after those
    /// days: the note waits until `cadence` min days after that letter, names that day, and
    /// goes on it (the same rule as a courtesy note's, `StageChooser.noteWaits`).
    @Test func anInstalmentNoteWaitsUntilCadenceMinAfterALetterAboutOtherInvoices() throws {
        let ledger = """
            settings
              currency  GBP
              courtesy  7
            client acme Acme Widgets Ltd
              contact  Jane Doe
              email    ap@acme.example
              terms    net 30

            2026-01-10 invoice acme A-1
              total  2,000.00

            2026-02-18 invoice acme A-2
              total  300.00

            2026-02-20 plan acme 2,000.00
              for  A-1
              2026-03-13  1,000.00
              2026-04-13  1,000.00

            2026-03-13 payment acme 1,000.00
              apply  A-1

            2026-03-24 letter acme reminder
              invoices  A-2

            2026-04-03 letter acme follow-up
              invoices  A-2

            """
        // The choice gives the ladder's wait for A-2 (its next follow-up); the plan's own says this.
        #expect(choice(ledger, asOf: "2026-04-07").stage == nil)
        let r = load(ledger)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-04-07")!)
        let story = ClientStory.all(r.ledger, sheet: sheet)[0]
        let plan = try #require(PlanProgress.running(story, ledger: r.ledger, sheet: sheet).first)
        let held = try #require(StageChooser.instalment(story, plan: plan, ledger: r.ledger, sheet: sheet))
        #expect(held.stage == nil)
        #expect(held.reason == "instalment of 1,000.00 GBP falls due on 2026-04-13; we wrote on 2026-04-03, so a note waits until 2026-04-10")
        #expect(held.nextDate == Day.parse("2026-04-10"))
        #expect(choice(ledger, asOf: "2026-04-10").stage == .instalment)
    }

    /// A courtesy note about an invoice a reminder listed as not yet due waits `cadence` min
    /// days after that reminder, and goes then when the invoice is not due by that day.
    @Test func aCourtesyNoteAboutAListedInvoiceGoesOnceCadenceMinHasPassed() {
        let ledger = """
            settings
              currency  GBP
              courtesy  7
            client acme Acme Widgets Ltd
              contact  Jane Doe
              email    ap@acme.example
              terms    net 30

            2026-02-20 invoice acme A-1
              total  500.00

            2026-03-20 invoice acme B-1
              due    2026-04-12
              total  300.00

            2026-04-03 letter acme reminder
              invoices  A-1

            2026-04-04 payment acme 500.00
              apply  A-1

            """
        let held = choice(ledger, asOf: "2026-04-06")
        #expect(held.stage == nil)
        #expect(held.reason == "nothing overdue yet; next due 2026-04-12, listed in our reminder of 2026-04-03")
        #expect(held.nextDate == Day.parse("2026-04-10"))
        #expect(choice(ledger, asOf: "2026-04-09").stage == nil)
        #expect(choice(ledger, asOf: "2026-04-10").stage == .courtesy)
    }
}
