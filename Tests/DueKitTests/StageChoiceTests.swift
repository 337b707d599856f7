import Testing
@testable import DueKit

/// One client, one invoice of 1,000.00 due 2026-01-31, and whatever a scenario adds.
private func choice(_ extra: String, asOf: String) -> StageChoice {
    let text = """
        settings
          currency GBP
        sender Test Studio
          bank Sort code 00-00-00, account 00000000
        client acme Acme Ltd
          contact Jane Doe
          terms net 30
        2026-01-01 invoice acme A1
          total 1000.00

        """ + extra
    let r = load(text)
    #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
    let day = Day.parse(asOf)!
    let sheet = BalanceEngine.balances(r.ledger, asOf: day)
    return StageChooser.chooseAll(r.ledger, sheet: sheet)[0]
}

private func letters(_ list: [(String, String)]) -> String {
    list.map { "\($0.0) letter acme \($0.1)\n  invoices A1\n" }.joined()
}

@Suite struct StageChoiceTests {
    @Test func reminderWaitsForReminderAfterDays() {
        #expect(choice("", asOf: "2026-02-02").stage == nil)
        #expect(choice("", asOf: "2026-02-03").stage == .reminder)
    }

    @Test func silenceEscalatesToFinalThenDemand() {
        let ladder = letters([("2026-02-03", "reminder"), ("2026-02-17", "follow-up"), ("2026-03-03", "follow-up")])
        // Two unanswered after the reminder is three in all: the next one is the final notice.
        #expect(choice(ladder, asOf: "2026-03-16").stage == nil)
        #expect(choice(ladder, asOf: "2026-03-17").stage == .final)
        let withFinal = ladder + letters([("2026-03-17", "final")])
        // Not before the final's reply date, nor before demand-after days past due (60).
        #expect(choice(withFinal, asOf: "2026-03-26").stage == nil)
        #expect(choice(withFinal, asOf: "2026-03-31").stage == nil)
        #expect(choice(withFinal, asOf: "2026-04-01").stage == .demand)
        let demanded = withFinal + letters([("2026-04-01", "demand")])
        let after = choice(demanded, asOf: "2026-05-01")
        #expect(after.stage == nil && after.demandUnanswered)
    }

    @Test func replyPostponesAndResetsTheUnansweredCount() {
        let text = letters([("2026-02-03", "reminder"), ("2026-02-17", "follow-up"), ("2026-03-03", "follow-up")])
            + "2026-03-05 note acme email\n  said Checking with finance\n"
        #expect(choice(text, asOf: "2026-03-17").stage == nil)
        let later = choice(text, asOf: "2026-03-19")
        #expect(later.stage == .followUp)
    }

    @Test func promiseWaitsUntilItsDateThenANamedFollowUpIfBroken() {
        let text = letters([("2026-02-03", "reminder")]) + "2026-02-05 note acme call\n  promise 2026-02-20 1000.00\n"
        #expect(choice(text, asOf: "2026-02-20").stage == nil)
        let broken = choice(text, asOf: "2026-02-21")
        #expect(broken.stage == .followUp)
        #expect(broken.brokenPromise?.promise?.by == Day.parse("2026-02-20"))
    }

    /// A final notice that asks for a plan's missed instalment beside A1 is recorded with the
    /// plan's invoice too; a demand is not: what it claims is on A1 alone.
    @Test func aDemandAskingForAMissedInstalmentIsNotRecordedWithThePlansInvoices() {
        let plan = """
            2026-01-05 invoice acme P1
              total 600.00
            2026-02-10 plan acme 600.00
              for P1
              2026-03-10 300.00
              2026-04-10 300.00

            """
        let ladder = plan + letters([("2026-02-03", "reminder"), ("2026-02-17", "follow-up"), ("2026-03-03", "follow-up")])
        let final = choice(ladder, asOf: "2026-03-17")
        #expect(final.stage == .final)
        #expect(final.alsoAsked == [1])
        let demand = choice(ladder + letters([("2026-03-17", "final")]), asOf: "2026-04-01")
        #expect(demand.stage == .demand)
        #expect(demand.alsoAsked.isEmpty)
    }

    /// A payment only for work invoiced after the promise does not keep it: the client paid
    /// a new invoice, not what they promised to pay.
    @Test func aPaymentForLaterWorkDoesNotKeepAPromise() {
        let text = letters([("2026-02-03", "reminder")]) + """
            2026-02-05 note acme call
              promise 2026-02-20
            2026-02-10 invoice acme N1
              total 300.00
            2026-02-15 payment acme 300.00
              apply N1

            """
        let c = choice(text, asOf: "2026-02-21")
        #expect(c.stage == .followUp)
        #expect(c.brokenPromise?.promise?.by == Day.parse("2026-02-20"))
        // Money with no `apply`, or towards A1, keeps it.
        let kept = choice(text.replacingAll("  apply N1\n", with: ""), asOf: "2026-02-21")
        #expect(kept.brokenPromise == nil)
    }

    /// A payment plan agreed after a promise takes its place: the promise no longer holds the
    /// ladder back for the invoice outside the plan, nor is it named as broken.
    @Test func aPlanAgreedAfterAPromiseTakesItsPlace() {
        let text = """
            2026-01-05 invoice acme P1
              total 600.00
            2026-02-05 note acme call
              promise 2026-03-10 1600.00
            2026-02-10 plan acme 600.00
              for P1
              2026-03-10 300.00
              2026-04-10 300.00

            """
        let c = choice(text, asOf: "2026-02-20")
        #expect(c.stage == .reminder)
        #expect(c.promise == nil)
        let after = choice(text + "2026-03-10 payment acme 300.00\n  apply P1\n", asOf: "2026-03-12")
        #expect(after.promise == nil)
        // The aging and the forecast no longer expect the promised sum either.
        let r = load("settings\n  currency GBP\nclient acme Acme Ltd\n2026-01-01 invoice acme A1\n  total 1000.00\n" + text)
        #expect(ClientActivity(r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-02-20")!)).promises["acme"] == nil)
        let before = load("settings\n  currency GBP\nclient acme Acme Ltd\n2026-01-01 invoice acme A1\n  total 1000.00\n" + text.replacingAll("2026-02-10 plan", with: "2026-02-25 plan"))
        #expect(ClientActivity(before.ledger, sheet: BalanceEngine.balances(before.ledger, asOf: Day.parse("2026-02-20")!)).promises["acme"] != nil)
    }

    /// A plan for work invoiced after the promise, which the promise could not have been
    /// about, leaves it standing: it holds the ladder until its day, is named once broken, and
    /// the aging still expects its money.
    @Test func aPlanForOtherWorkLeavesAPromiseStanding() {
        let text = letters([("2026-02-03", "reminder")]) + """
            2026-02-05 note acme call
              promise 2026-03-10 1000.00
            2026-02-12 invoice acme N1
              total 1200.00
            2026-02-15 plan acme 1200.00
              for N1
              2026-03-14 600.00
              2026-04-14 600.00

            """
        let waiting = choice(text, asOf: "2026-02-25")
        #expect(waiting.stage == nil)
        #expect(waiting.reason == "promised on 2026-02-05 to pay by 2026-03-10; wait until then")
        let after = choice(text, asOf: "2026-03-11")
        #expect(after.stage == .followUp)
        #expect(after.brokenPromise?.promise?.by == Day.parse("2026-03-10"))
        let r = load("settings\n  currency GBP\nclient acme Acme Ltd\n2026-01-01 invoice acme A1\n  total 1000.00\n" + text)
        #expect(ClientActivity(r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-02-25")!)).promises["acme"]?.amount == 100000)
        // A plan for the whole balance takes its place, as one for A1 would.
        let whole = text.replacingAll("  for N1\n", with: "").replacingAll("plan acme 1200.00", with: "plan acme 2200.00")
            .replacingAll("2026-03-14 600.00", with: "2026-03-14 1100.00").replacingAll("2026-04-14 600.00", with: "2026-04-14 1100.00")
        #expect(choice(whole, asOf: "2026-02-25").promise == nil)
        #expect(choice(whole, asOf: "2026-03-11").brokenPromise == nil)
    }

    /// A follow-up drafted before the client's call and sent after it does not end the promise:
    /// no letter goes before the promised day, and after it the next is counted from the
    /// letter sent.
    @Test func aLetterSentAfterAPromiseLeavesItHoldingUntilItsDay() {
        let text = letters([("2026-02-03", "reminder")]) + "2026-02-05 note acme call\n  promise 2026-03-10 1000.00\n"
            + letters([("2026-02-06", "follow-up")])
        let waiting = choice(text, asOf: "2026-02-25")
        #expect(waiting.stage == nil)
        #expect(waiting.nextDate == Day.parse("2026-03-11"))
        #expect(choice(text, asOf: "2026-03-10").stage == nil)
        let after = choice(text, asOf: "2026-03-11")
        #expect(after.stage == .followUp)
        // Broken, it is the reason for the letter, as a promise made since the letter would be.
        #expect(after.brokenPromise?.promise?.by == Day.parse("2026-03-10"))
        #expect(after.reason.hasPrefix("promised on 2026-02-05 to pay by 2026-03-10 and the money has not arrived"))
        // Kept, the thank-you thanks them for keeping it.
        let kept = text + "2026-03-09 payment acme 1000.00\n  apply A1\n"
        #expect(choice(kept, asOf: "2026-03-11").stage == .thanks)
    }

    @Test func keptPromiseEndsInThanks() {
        let text = letters([("2026-02-03", "reminder")]) + "2026-02-05 note acme call\n  promise 2026-02-20 1000.00\n2026-02-19 payment acme 1000.00\n"
        #expect(choice(text, asOf: "2026-02-21").stage == .thanks)
        let thanked = text + "2026-02-22 letter acme thanks\n"
        #expect(choice(thanked, asOf: "2026-02-23").stage == nil)
    }

    @Test func disputeIsAcknowledgedOnceAndChasingResumesWhenResolved() {
        let disputed = letters([("2026-02-03", "reminder")]) + "2026-02-05 note acme email\n  dispute A1 Wrong rate\n"
        #expect(choice(disputed, asOf: "2026-02-06").stage == .dispute)
        let acknowledged = disputed + "2026-02-07 letter acme dispute\n"
        #expect(choice(acknowledged, asOf: "2026-03-20").stage == nil)
        let resolved = acknowledged + "2026-03-01 note acme email\n  resolved A1 Rate confirmed\n"
        #expect(choice(resolved, asOf: "2026-03-14").stage == nil)
        #expect(choice(resolved, asOf: "2026-03-15").stage == .followUp)
    }

    @Test func hardshipGetsAPlanOfferAndAPlanOnTrackIsLeftAlone() {
        let hardship = letters([("2026-02-03", "reminder")]) + "2026-02-05 note acme call\n  hardship Cash is tight\n"
        #expect(choice(hardship, asOf: "2026-02-06").stage == .planOffer)
        let plan = hardship + "2026-02-10 plan acme 1000.00\n  for A1\n  2026-02-28 500.00\n  2026-03-31 500.00\n2026-02-27 payment acme 500.00\n"
        #expect(choice(plan, asOf: "2026-03-10").stage == nil)
        #expect(choice(plan, asOf: "2026-04-02").stage == nil)
        let missed = choice(plan, asOf: "2026-04-03")
        #expect(missed.stage == .instalment)
        #expect(missed.reason.contains("2026-03-31"))
    }

    /// Word of hard times about work since paid calls for no plan offer while nothing is past
    /// due, nor once only work invoiced after it is: a plan is offered for money past due now.
    @Test func hardshipAboutWorkSincePaidBringsNoOffer() {
        let text = letters([("2026-02-03", "reminder")]) + "2026-02-05 note acme call\n  hardship Cash is tight\n"
            + "2026-02-10 payment acme 1000.00\n2026-02-20 invoice acme A2\n  total 500.00\n"
        // What was past due is paid, and A2 is not yet due: the thanks for the payment, no offer.
        let notYetDue = choice(text, asOf: "2026-03-02")
        #expect(notYetDue.stage == .thanks, "\(notYetDue.reason)")
        let fallenDue = choice(text, asOf: "2026-03-26")
        #expect(fallenDue.stage == .reminder, "\(fallenDue.reason)")
        // Word of it while that work is past due still brings an offer.
        let again = text + "2026-03-27 note acme call\n  hardship Still tight\n"
        #expect(choice(again, asOf: "2026-03-30").stage == .planOffer)
    }

    /// A second word of hard times while our plan offer for the same money is still open
    /// brings no second offer: the ladder's follow-up, after the reply's days, and the agenda
    /// says the offer awaits an answer. Work fallen due since the offer gets a new one.
    @Test func anOpenPlanOfferIsNotMadeAgain() {
        let text = letters([("2026-02-03", "reminder"), ("2026-02-17", "follow-up")])
            + "2026-02-19 note acme email\n  hardship Cash is tight\n"
            + letters([("2026-02-20", "plan-offer"), ("2026-03-06", "follow-up")])
            + "2026-03-08 note acme email\n  hardship Still waiting on our round\n"
        let held = choice(text, asOf: "2026-03-09")
        #expect(held.stage == nil, "\(held.reason)")
        #expect(held.offerAwaited == Day.parse("2026-02-20"))
        #expect(held.reason.contains("the payment plan offered on 2026-02-20 still awaits their answer"), "\(held.reason)")
        let next = choice(text, asOf: "2026-03-22")
        #expect(next.stage == .followUp, "\(next.reason)")
        let r = load("settings\n  currency GBP\nclient acme Acme Ltd\n  terms net 30\n2026-01-01 invoice acme A1\n  total 1000.00\n" + text)
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-03-09")!), asOf: Day.parse("2026-03-09")!)
        #expect(agenda.items.contains { $0.action == "await their answer to the payment plan offered on 2026-02-20" }, "\(agenda.items.map(\.action))")
        // An invoice fallen due since the offer: a new offer, for all of it.
        let more = "2026-02-01 invoice acme A2\n  total 500.00\n" + text
        #expect(choice(more, asOf: "2026-03-09").stage == .planOffer)
    }

    /// An instalment fallen due after an instalment reminder is asked for once the date that
    /// reminder gave has passed, not sooner: the client is not given two dates for the first.
    @Test func aSecondInstalmentReminderWaitsForTheFirstOnesDate() {
        let plan = "2026-02-10 plan acme 1000.00\n  for A1\n  2026-03-20 500.00\n  2026-03-27 500.00\n2026-03-23 letter acme instalment\n  invoices A1\n"
        // The letter of 23 March asked for the first by 2 April.
        let early = choice(plan, asOf: "2026-03-30")
        #expect(early.stage == nil && early.nextDate == Day.parse("2026-04-03"), "\(early.reason)")
        #expect(choice(plan, asOf: "2026-04-02").stage == nil)
        // With a word from the client since, the plan runs on past its last date (3.10), and the
        // next instalment reminder asks for both.
        #expect(choice(plan + "2026-03-25 note acme call\n", asOf: "2026-04-03").stage == .instalment)
        // With none, that reminder (sent while the schedule ran) warned the plan would lapse if
        // 2 April passed unanswered: it is in default, and the ladder asks for A1 itself.
        let lapsed = choice(plan, asOf: "2026-04-03")
        #expect(lapsed.stage == .reminder)
        #expect(lapsed.reason.hasPrefix("instalment reminder of 2026-03-23 unanswered: the plan of 2026-02-10 is in default"), "\(lapsed.reason)")
    }

    @Test func courtesyNoteOnlyWhenSwitchedOn() {
        #expect(choice("", asOf: "2026-01-28").stage == nil)
        // Courtesy notes are off by default; a ledger that switches them on:
        let r = load("""
            settings
              currency GBP
              courtesy 5
            client acme Acme Ltd
            2026-01-01 invoice acme A1
              total 1000.00
            """)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-01-27")!)
        #expect(StageChooser.chooseAll(r.ledger, sheet: sheet)[0].stage == .courtesy)
        let early = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-01-25")!)
        #expect(StageChooser.chooseAll(r.ledger, sheet: early)[0].stage == nil)
    }

    /// A client who paid each of its last three invoices by its due date gets no courtesy
    /// note: its invoices evidently reach someone who pays them. `due letters` says why no note
    /// went. One of the three paid late, and the note goes.
    @Test func noCourtesyNoteForAClientWhoPaysOnTime() throws {
        func paid(_ late: Bool) -> String {
            """
            settings
              currency GBP
              courtesy 3
            client alder Alder & Co
              terms net 30
            2026-01-05 invoice alder AL-1
              total 900.00
            2026-02-02 payment alder 900.00
              apply AL-1
            2026-02-05 invoice alder AL-2
              total 900.00
            \(late ? "2026-03-09" : "2026-03-05") payment alder 900.00
              apply AL-2
            2026-03-05 invoice alder AL-3
              total 900.00
            2026-04-02 payment alder 900.00
              apply AL-3
            2026-04-05 invoice alder AL-4
              total 900.00

            """
        }
        func chosen(_ t: String) -> StageChoice {
            let r = load(t)
            #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
            return StageChooser.chooseAll(r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-05-02")!))[0]
        }
        let onTime = chosen(paid(false))
        #expect(onTime.stage == nil && onTime.courtesyNotNeeded)
        #expect(onTime.reason == "invoice AL-4 falls due on 2026-05-05; the last 3 invoices were all paid by their due date")
        #expect(onTime.nextDate == Day.parse("2026-05-08"))
        #expect(chosen(paid(true)).stage == .courtesy)
        let dir = try temporaryDirectory()
        try paid(false).write(toFile: dir + "/book.due", atomically: true, encoding: .utf8)
        let r = try DueRun.run(["letters", "--as-of", "2026-05-02", dir + "/book.due"])
        #expect(r.stdout.hasPrefix("No letters due on 2026-05-02.\nno courtesy note for alder: invoice AL-4 falls due on 2026-05-05; the last 3 invoices were all paid by their due date\n"), "\(r.stdout)\(r.stderr)")
    }

    /// With courtesy notes on, a plan's instalment missed on 29 May and an invoice outside the
    /// plan falling due on 5 June: on 2 June the instalment reminder goes (its table lists P-3
    /// as not yet due), not a courtesy note that says nothing of the instalment; and the day
    /// after that reminder, no courtesy note follows about the invoice it listed.
    @Test func aDueInstalmentReminderGoesBeforeACourtesyNote() {
        let text = """
            settings
              currency GBP
              courtesy on
            client pel Pellucid Ltd
              terms net 30
            2026-03-02 invoice pel P-1
              total 1,200.00
            2026-03-16 invoice pel P-2
              total 360.00
            2026-04-14 plan pel 1,560.00
              2026-04-30 520.00
              2026-05-29 520.00
              2026-06-30 520.00
            2026-04-27 letter pel instalment
              invoices P-1 P-2
            2026-04-29 payment pel 520.00
            2026-05-06 invoice pel P-3
              total 250.00
            2026-05-26 letter pel instalment
              invoices P-1 P-2

            """
        func chosen(_ t: String, _ asOf: String) -> StageChoice {
            let r = load(t)
            #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
            return StageChooser.chooseAll(r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!))[0]
        }
        let due = chosen(text, "2026-06-02")
        #expect(due.stage == .instalment, "\(due.reason)")
        let after = chosen(text + "2026-06-02 letter pel instalment\n  invoices P-1 P-2\n", "2026-06-03")
        #expect(after.stage == nil)
        #expect(after.reason.contains("listed in our instalment reminder of 2026-06-02"), "\(after.reason)")
        // P-3 falls due before cadence min days have passed: the next letter is its reminder,
        // which keeps those days too (not on 8 June, `reminder-after` days past due).
        #expect(after.nextDate == Day.parse("2026-06-09"))
        let recorded = text + "2026-06-02 letter pel instalment\n  invoices P-1 P-2\n"
        #expect(chosen(recorded, "2026-06-08").stage == nil)
        #expect(chosen(recorded, "2026-06-09").stage == .reminder)
        // Without the plan's reminder, the note for P-3 goes as before.
        let noPlanLetter = chosen(text + "2026-06-01 payment pel 520.00\n", "2026-06-02")
        #expect(noPlanLetter.stage == .courtesy, "\(noPlanLetter.reason)")
    }

    @Test func afterAFormalDemandTheLadderStopsEvenWhenAnswered() {
        let demanded = letters([("2026-02-03", "reminder"), ("2026-02-17", "follow-up"), ("2026-03-03", "follow-up"), ("2026-03-17", "final"), ("2026-04-01", "demand")])
            + "2026-04-05 note acme email\n  said Will pay next month\n"
        let after = choice(demanded, asOf: "2026-05-01")
        #expect(after.stage == nil && after.demandUnanswered)
        #expect(after.reason.contains("answered since"))
    }

    @Test func aNoteForTheFileNeitherPostponesNorCountsAsAReply() {
        let text = letters([("2026-02-03", "reminder")]) + "2026-02-10 note acme file\n  said Spoke to their bank, not to them\n"
        #expect(choice(text, asOf: "2026-02-17").stage == .followUp)
        let reply = letters([("2026-02-03", "reminder")]) + "2026-02-10 note acme email\n  said Checking\n"
        #expect(choice(reply, asOf: "2026-02-17").stage == nil)
        #expect(choice(reply, asOf: "2026-02-24").stage == .followUp)
    }
}
