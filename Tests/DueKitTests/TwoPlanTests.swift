import Testing
@testable import DueKit

/// A client with two payment plans on different invoices: A-1 (1,200.00) in three instalments
/// from 31 March, B-1 (900.00) in three from 15 April. The first instalment of each is paid.
private let base = """
    settings
      currency GBP
    client kite Kite Ltd
      email ap@kite.example
    2026-01-10 invoice kite A-1
      total 1,200.00
    2026-02-10 invoice kite B-1
      total 900.00
    2026-03-01 plan kite 1,200.00
      for A-1
      2026-03-31 400.00
      2026-04-30 400.00
      2026-05-31 400.00
    2026-03-15 plan kite 900.00
      for B-1
      2026-04-15 300.00
      2026-05-15 300.00
      2026-06-15 300.00
    2026-03-31 payment kite 400.00
      apply A-1
    2026-04-15 payment kite 300.00
      apply B-1

    """

private func choice(_ extra: String = "", asOf: String) -> (StageChoice, Ledger, BalanceSheet) {
    let r = load(base + extra)
    #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
    let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
    return (StageChooser.chooseAll(r.ledger, sheet: sheet)[0], r.ledger, sheet)
}

/// The letter chosen for the client of `base` and `extra` on `asOf`, with its values: nil when
/// none is due.
private func letter(_ extra: String, asOf: String) -> (choice: StageChoice, values: [String: String], ledger: Ledger, sheet: BalanceSheet)? {
    let r = load(base + extra)
    #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
    let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
    let story = ClientStory.all(r.ledger, sheet: sheet)[0]
    let c = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
    guard let stage = c.stage else { return nil }
    return (c, LetterFields.values(stage: stage, choice: c, story: story, ledger: r.ledger, sheet: sheet), r.ledger, sheet)
}

@Suite struct TwoPlanTests {
    /// The older plan's invoice is not put back on the ladder because a newer plan covers
    /// other work: with both on schedule there is nothing to send.
    @Test func anOlderPlanOnOtherInvoicesKeepsItsInvoiceOffTheLadder() {
        let (c, _, _) = choice(asOf: "2026-04-20")
        #expect(c.stage == nil)
        #expect(c.chased.isEmpty)
    }

    /// The older plan's missed instalment is chased by an instalment reminder about that
    /// plan, not by a reminder for its invoice in full.
    @Test func theOlderPlansMissedInstalmentIsChased() {
        let (c, ledger, _) = choice(asOf: "2026-05-10")
        #expect(c.stage == .instalment)
        #expect(c.chased.map { ledger.invoices[$0].number } == ["A-1"])
    }

    /// Once the older plan's missed instalment has been chased, the newer plan's missed
    /// instalment gets its own reminder: the letter about A-1 did not ask for B-1's.
    @Test func eachPlansMissedInstalmentGetsItsOwnReminder() {
        // The client rang about it, so A-1's plan is not in default (3.10) and runs on.
        let sent = "2026-05-10 letter kite instalment\n  invoices A-1\n2026-05-12 note kite call\n"
        // Until the date the letter of 10 May gave (20 May) has passed, A-1's instalment is not
        // asked for again: the client would have two dates for one sum.
        let (early, earlyLedger, earlySheet) = choice(sent, asOf: "2026-05-20")
        #expect(early.stage == .instalment)
        #expect(early.alsoAsked.isEmpty)
        let earlyStory = ClientStory.all(earlyLedger, sheet: earlySheet)[0]
        #expect(LetterFields.values(stage: .instalment, choice: early, story: earlyStory, ledger: earlyLedger, sheet: earlySheet)["plan.others"] == nil)
        let (c, ledger, sheet) = choice(sent, asOf: "2026-05-21")
        #expect(c.stage == .instalment)
        #expect(c.chased.map { ledger.invoices[$0].number } == ["B-1"])
        let r = load(base + sent)
        let story = ClientStory.all(r.ledger, sheet: sheet)[0]
        #expect(ClientPlans(story, ledger: ledger, sheet: sheet).active?.plan.date == Day.parse("2026-03-15"))
        #expect(ClientPlans(story, ledger: ledger, sheet: sheet).running.count == 2)
        // A-1's instalment, chased on 10 May and still unpaid, is asked for too, and the
        // letter is recorded with A-1 as well.
        #expect(c.alsoAsked.map { ledger.invoices[$0].number } == ["A-1"])
        // The agenda's figure is what the letter asks for: both plans' missed instalments.
        #expect(Agenda.build(ledger: r.ledger, sheet: sheet, asOf: Day.parse("2026-05-21")!).items.map(\.action).contains("send an instalment reminder (700.00 GBP with the other plan's missed instalment)"))
        let values = LetterFields.values(stage: .instalment, choice: c, story: story, ledger: ledger, sheet: sheet)
        #expect(values["plan.others"] == "Under the plan we agreed on 1 March 2026 for invoice A-1, the instalment of 400.00 GBP due on 30 April 2026 has not reached us either, though I wrote to you about it on 10 May 2026; please send it too.")
    }

    /// A letter on the ladder about other work asks for the missed instalments of both plans,
    /// each plan named, and adds them all to what it asks for.
    @Test func aLadderLetterAsksForBothPlansMissedInstalments() throws {
        let (c, v, ledger, sheet) = try #require(letter("""
            2026-02-20 invoice kite C-1
              total 300.00
            2026-04-02 letter kite reminder
              invoices C-1

            """, asOf: "2026-05-25"))
        #expect(c.stage == .followUp)
        #expect(Set(c.alsoAsked.map { ledger.invoices[$0].number }) == ["A-1", "B-1"])
        #expect(v["on.hold"] == "Invoices A-1 and B-1 are covered by our payment plans. Under the plan we agreed on 1 March 2026 for invoice A-1, the instalment of 400.00 GBP due on 30 April 2026 has not reached us. Under the plan we agreed on 15 March 2026 for invoice B-1, the instalment of 300.00 GBP due on 15 May 2026 has not reached us. Please send those instalments with the 300.00 GBP asked for here.")
        #expect(v["total.heading"] == "1,000.00 GBP")
        #expect(v["total.asked"] == "300.00 GBP and the 700.00 GBP of those instalments (1,000.00 GBP in all)")
        let agenda = Agenda.build(ledger: ledger, sheet: sheet, asOf: sheet.asOf).items.map(\.action)
        #expect(agenda.contains("send a follow-up (1,000.00 GBP with the plans' missed instalments)"))
    }

    /// One plan's invoice queried: that plan waits, and the other plan's missed instalment is
    /// chased as if it ran alone.
    @Test func aPlanOnHoldWithAQueryDoesNotHoldBackTheOther() {
        let (c, ledger, _) = choice("""
            2026-04-18 note kite email
              dispute A-1 hours too high
            2026-04-19 letter kite dispute
              invoices A-1

            """, asOf: "2026-05-20")
        #expect(c.stage == .instalment)
        #expect(c.chased.map { ledger.invoices[$0].number } == ["B-1"])
    }

    /// A letter on the ladder asks for a plan's instalment missed a month ago though another of
    /// its instalments was missed only yesterday (due on Sunday 31 May, it could arrive until
    /// Monday 1 June): both are asked for.
    @Test func aRecentInstalmentDoesNotHoldBackOneLongMissed() throws {
        let (c, v, _, _) = try #require(letter("""
            2026-02-20 invoice kite C-1
              total 300.00
            2026-04-02 letter kite reminder
              invoices C-1
            2026-05-01 letter kite instalment
              invoices A-1
            2026-05-04 note kite call

            """, asOf: "2026-06-02"))
        #expect(c.stage == .followUp)
        #expect(v["on.hold"]?.contains("Under the plan we agreed on 1 March 2026 for invoice A-1, the instalments due on 30 April 2026 and 31 May 2026 have not reached us (800.00 GBP in all).") == true, "\(v["on.hold"] ?? "")")
        #expect(v["on.hold"]?.contains("Under the plan we agreed on 15 March 2026 for invoice B-1, the instalment of 300.00 GBP due on 15 May 2026 has not reached us.") == true)
    }

    /// A reminder that also asks for an instalment already chased by its own reminder, once
    /// the date that reminder gave (13 May) has passed, is not "friendly", nor asks the client
    /// to disregard it. Before that date it does not ask for the instalment at all. (C-1, due
    /// on 5 May, is a few days past due: the reminder about it alone is the friendly one.)
    @Test func aReminderAfterAnUnpaidInstalmentReminderIsNotFriendly() throws {
        let ledger = """
            2026-04-05 invoice kite C-1
              total 300.00
            2026-05-03 letter kite instalment
              invoices A-1

            """
        let (early, before, _, _) = try #require(letter(ledger, asOf: "2026-05-11"))
        #expect(early.stage == .reminder && early.alsoAsked.isEmpty)
        #expect(before["reminder.title"] == "Friendly reminder")
        #expect(before["on.hold"]?.contains("has not reached us") != true, "\(before["on.hold"] ?? "")")
        // Nor is it passed over as if on track: the letter that asked for it is named.
        #expect(before["on.hold"]?.contains("My letter of 3 May 2026 asked for the missed instalment of the plan we agreed on 1 March 2026 for invoice A-1, to be sent by 13 May 2026.") == true, "\(before["on.hold"] ?? "")")
        let (c, v, _, _) = try #require(letter(ledger, asOf: "2026-05-14"))
        #expect(c.stage == .reminder)
        #expect(v["reminder.title"] == "Reminder")
        #expect(v["reminder.close"] == "If the payment is already on its way, thank you.")
    }

    /// A later plan that takes in the older plan's invoice replaces it.
    @Test func aLaterPlanOnTheSameInvoicesReplacesTheOlder() {
        let again = """
            2026-05-01 plan kite 1,400.00
              for A-1 B-1
              2026-05-31 700.00
              2026-06-30 700.00

            """
        let r = load(base + again)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-05-20")!)
        let story = ClientStory.all(r.ledger, sheet: sheet)[0]
        let running = ClientPlans(story, ledger: r.ledger, sheet: sheet).running
        #expect(running.map(\.plan.date) == [Day.parse("2026-05-01")!])
        #expect(StageChooser.chooseAll(r.ledger, sheet: sheet)[0].stage == nil)
    }

    /// The agenda lists what each plan expects; the reminder names which plan it is about.
    @Test func theAgendaAndTheLetterTellThePlansApart() throws {
        let r = load(base)
        let day = Day.parse("2026-05-10")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let agenda = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day).items.map(\.action)
        #expect(agenda.contains("send an instalment reminder (400.00 GBP)"))
        #expect(agenda.contains("expect an instalment of 300.00 GBP on 2026-05-15"))
        #expect(!agenda.contains { $0.contains("reminder (800.00") })
        let story = ClientStory.all(r.ledger, sheet: sheet)[0]
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let stage = try #require(choice.stage)
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        let text = TemplateSet().template(for: stage).render(values)
        #expect(text.contains("Here is the plan we agreed on 1 March 2026 for invoice A-1, and where it stands:"))
        #expect(text.contains("| B-1 | 10 February 2026 | 900.00 | 300.00 | 600.00 | in the payment plan |"))
    }
}

@Suite struct TwoPlansEndedTests {
    /// Two plans that ran out are each said to have ended, oldest first: the client told of
    /// one would not know the other's invoices are due now too.
    @Test func eachPlanThatRanOutIsSaidToHaveEnded() throws {
        let sent = "2026-06-03 letter kite instalment\n  invoices A-1\n2026-06-18 letter kite instalment\n  invoices B-1\n"
        let (c, v, _, _) = try #require(letter(sent, asOf: "2026-07-10"))
        #expect(c.stage == .reminder, "\(c.reason)")
        #expect(v["plan.ended"] == "The payment plan we agreed on 1 March 2026 has come to an end, and the instalments due on 30 April 2026 and 31 May 2026 have not reached us (800.00 GBP), so what is open on invoice A-1 is due now. The payment plan we agreed on 15 March 2026 has come to an end, and the instalments due on 15 May 2026 and 15 June 2026 have not reached us (600.00 GBP), so what is open on invoice B-1 is due now.", "\(v["plan.ended"] ?? "")")
    }
}
