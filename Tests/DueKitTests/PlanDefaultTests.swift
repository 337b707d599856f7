import Testing
@testable import DueKit

/// A plan whose instalment reminder goes unanswered past the date it gave is in default
/// (grammar §3.10): its invoices go back to the ladder, rather than the agenda saying only
/// "check for the instalment" for a month until the next instalment is missed too.
@Suite struct PlanDefaultTests {
    /// Gull: G-1 (2,000.00) in four monthly instalments of 500.00 from 1 June; the first paid,
    /// the second (1 July) missed and asked for by the instalment reminder of 4 July, by 14 July.
    static let ledger = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client gull Gull Ltd
          contact Ann Gull
          terms net 30

        2026-03-01 invoice gull G-1
          total 2000.00
        2026-05-20 plan gull 2000.00
          for G-1
          2026-06-01  500.00
          2026-07-01  500.00
          2026-08-01  500.00
          2026-09-01  500.00
        2026-06-01 payment gull 500.00
          apply G-1

        """
    static let sent = ledger + "2026-07-04 letter gull instalment\n  invoices G-1\n"

    func letter(_ text: String, asOf: String) throws -> (choice: StageChoice, values: [String: String], text: String, agenda: [String]) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let agenda = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day).items.map { "\($0.action): \($0.why)" }
        let stage = try #require(choice.stage)
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return (choice, values, TemplateSet().template(for: stage).render(values), agenda)
    }

    func agenda(_ text: String, asOf: String) -> [String] {
        let r = load(text)
        let day = Day.parse(asOf)!
        return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.map { "\($0.action): \($0.why)" }
    }

    /// The instalment reminder says what follows if it goes unanswered.
    @Test func theReminderWarnsThatThePlanWillLapse() throws {
        let d = try letter(Self.ledger, asOf: "2026-07-04")
        #expect(d.choice.stage == .instalment)
        #expect(d.text.contains("Please send it by 14 July 2026. If something has changed and the agreed dates no longer work, tell me and we can look at the schedule again; I would rather adjust it than see it fall apart. If neither payment nor word from you reaches me by then, I will take the plan as lapsed, and my next letter will be about the invoice itself."), "\(d.text)")
    }

    /// Before: from 15 July to 2 August the agenda said only "check for the instalment of
    /// 500.00 GBP due 2026-07-01: not received after 14 days" (… 32 days), and no letter went.
    @Test func unansweredByItsDateThePlanIsInDefault() throws {
        #expect(agenda(Self.sent, asOf: "2026-07-10") == ["check for the instalment of 500.00 GBP due 2026-07-01: our instalment reminder of 2026-07-04 asks for it by 2026-07-14: unpaid by then, with no word from them, the plan is in default, and the next letter asks for invoice G-1 itself"])
        let d = try letter(Self.sent, asOf: "2026-07-15")
        #expect(d.choice.stage == .reminder)
        #expect(d.agenda == ["send a reminder (1,500.00 GBP): instalment reminder of 2026-07-04 unanswered: the plan of 2026-05-20 is in default; G-1 is 106 days past due and no reminder has gone yet"])
        #expect(d.values["plan.ended"] == "The payment plan we agreed on 20 May 2026 has lapsed: my reminder of 4 July 2026 went unanswered, and the instalment due on 1 July 2026 has not reached us (500.00 GBP), so what is open on invoice G-1 is due now.")
        #expect(!d.text.contains("has come to an end"))
        // The ladder goes on from there: a follow-up, not another month of silence.
        let f = try letter(Self.sent + "2026-07-15 letter gull reminder\n  invoices G-1\n", asOf: "2026-07-29")
        #expect(f.choice.stage == .followUp)
        #expect(f.values["plan.ended"] == nil)
    }

    /// A word from the client since the reminder holds the plan: it runs on, as before.
    @Test func aReplyKeepsThePlanRunning() throws {
        let answered = Self.sent + "2026-07-08 note gull call\n"
        #expect(agenda(answered, asOf: "2026-07-20") == ["check for the instalment of 500.00 GBP due 2026-07-01: not received after 19 days"])
    }

    /// A plan in default stays over once its schedule's last date has passed too. Before: on
    /// 15 September, after the lapse was told (reminder of 17 July) and a follow-up went (31
    /// July), the last instalment date (1 September) brought an instalment reminder again,
    /// "the instalments due on 1 July 2026, 1 August 2026 and 1 September 2026 have not reached
    /// us", as if the plan ran on. Now the ladder goes on: a follow-up.
    @Test func aPlanInDefaultStaysOverPastItsLastDate() throws {
        let text = Self.sent + "2026-07-17 letter gull reminder\n  invoices G-1\n2026-07-31 letter gull follow-up\n  invoices G-1\n"
        let d = try letter(text, asOf: "2026-09-15")
        #expect(d.choice.stage == .followUp, "\(d.choice)")
        #expect(!d.text.contains("have not reached us"), "\(d.text)")
        #expect(d.values["plan.ended"] == nil, "told on 17 July")
    }

    /// The ladder after the lapse: the reminder of 15 July that told it, follow-ups of 29 July
    /// and 12 August, and a final notice of 26 August, all unanswered.
    static let laddered = sent + """
        2026-07-15 letter gull reminder
          invoices G-1
        2026-07-29 letter gull follow-up
          invoices G-1
        2026-08-12 letter gull follow-up
          invoices G-1
        2026-08-26 letter gull final
          invoices G-1

        """

    /// The follow-ups after the lapse speak of the plan as over. Before, each said "If something
    /// has changed since we agreed our payment plan, tell me and we can find a way through it
    /// together.", as if the plan ran; now the one after the reminder that told of the lapse
    /// says nothing more of the plan.
    @Test func followUpsAfterTheLapseDoNotSpeakOfThePlanAsRunning() throws {
        let f = try letter(Self.sent + "2026-07-15 letter gull reminder\n  invoices G-1\n", asOf: "2026-07-29")
        #expect(f.choice.stage == .followUp)
        #expect(f.values["follow-up.ask"] == "Could you let me know by 10 August 2026 when we can expect payment of 1,500.00 GBP? If something is holding up the payment, tell me and we can find a way through it together.")
        #expect(!f.text.contains("our payment plan"), "\(f.text)")
    }

    /// Paid in full after the reminder of 15 July told them the plan had lapsed: the thank-you
    /// does not call the plan completed. Before: "That completes the payment plan we agreed on
    /// 20 May 2026, with the instalment due on 1 July 2026 made up on 22 July 2026 and the plan
    /// paid off that day, ahead of its last instalment due on 1 September 2026: thank you for
    /// seeing it through.", to a client told a week before that the plan was over.
    @Test func aThankYouAfterTheLapseDoesNotSayThePlanWasSeenThrough() throws {
        let paid = Self.sent + "2026-07-15 letter gull reminder\n  invoices G-1\n2026-07-22 payment gull 1500.00\n  apply G-1\n"
        let d = try letter(paid, asOf: "2026-07-23")
        #expect(d.choice.stage == .thanks)
        #expect(d.values["settlement"] == "Your payment of 1,500.00 GBP on 22 July 2026 (invoice G-1) has arrived, and your account with us is now fully settled. With this, everything the payment plan we agreed on 20 May 2026 covered is paid.")
        // Paid before any letter told of the lapse, the plan is thanked for as before.
        let early = Self.sent + "2026-07-12 payment gull 1500.00\n  apply G-1\n"
        #expect(try letter(early, asOf: "2026-07-13").values["settlement"]?.contains("thank you for seeing it through") == true)
    }

    /// A final notice sent after the plan lapsed asked for all that was open on G-1, not for
    /// instalments. Before: the plan's last date (1 September) passing unpaid after it made it
    /// read as a notice over the instalments missed by then; no demand went on 8 September, and
    /// on 9 September a second final notice said "My final notice of 26 August 2026 asked only
    /// for the instalments of our payment plan missed by then; this one is about all that is
    /// open on invoice G-1 now." Now the demand follows the notice, for what it asked.
    @Test func aFinalNoticeAfterTheLapseIsFollowedByTheDemand() throws {
        let d = try letter(Self.laddered, asOf: "2026-09-08")
        #expect(d.choice.stage == .demand, "\(d.choice.reason)")
        #expect(d.agenda == ["send a formal demand (1,500.00 GBP): final notice of 2026-08-26 unanswered after 13 days; G-1 is 161 days past due"])
        #expect(d.text.contains("This letter is a formal demand for payment of 1,500.00 GBP, owed on invoice G-1."), "\(d.text)")
        #expect(!d.text.contains("asked only for the instalments"))
    }

    /// The demand after the lapse, with interest in the terms. Before: 'On invoice G-1, in our
    /// payment plan, interest runs only on an instalment not paid by its date …', the 1 August
    /// and 1 September instalments counted from their own dates (500.00 for 38 days and 500.00
    /// for 7), though the plan had lapsed on 15 July and the letter of that day said all of G-1
    /// was due. Now the instalment missed before the lapse (1 July) bears interest from the day
    /// after its date, and the rest of the plan's money from the day after the lapse:
    /// 500.00 × 8% × 69 / 365 = 7.56 and 1,000.00 × 8% × 55 / 365 = 12.05; the invoice's
    /// interest, rounded once, (500.00 × 69 + 1,000.00 × 55) × 8% / 365 = 19.62, the last row
    /// what rounding leaves (12.06).
    @Test func aDemandAfterTheLapseCountsInterestFromTheLapse() throws {
        let text = Self.laddered.replacingOccurrences(of: "  terms net 30\n", with: "  terms net 30\n  interest 8%\n")
        let d = try letter(text, asOf: "2026-09-08")
        #expect(d.choice.stage == .demand, "\(d.choice.reason)")
        #expect(d.values["claim.terms"] == "Our terms provide for late payment to carry simple interest at 8% a year from the due date. On invoice G-1, our payment plan lapsed on 15 July 2026, when all that was open on it fell due: interest runs on each instalment missed before then from the day after its date, and on the rest from 16 July 2026; nothing is added to the instalments paid on time. Counted to 8 September 2026, this comes to:", "\(d.values["claim.terms"] ?? "")")
        #expect(d.text.contains("| G-1 | 500.00 | 1 July 2026 (instalment) | 69 | 7.56 (8%) | — |\n| G-1 | 1,000.00 | 15 July 2026 (plan lapsed) | 55 | 12.06 (8%) | — |"), "\(d.text)")
        #expect(d.text.contains("Interest: 19.62 GBP. With the 1,500.00 GBP open, the amount now claimed is 1,519.62 GBP."), "\(d.text)")
        #expect(!d.text.contains("interest runs only on an instalment"))
    }

    /// The demand's history of contacts listed the plan agreed and the reminders, but not that
    /// the plan lapsed, the day its interest is counted from. Before: "- 4 July 2026: our
    /// instalment reminder about G-1" then "- 15 July 2026: our reminder about G-1"; now the
    /// lapse stands between them, on its day.
    @Test func aDemandsHistorySaysWhenThePlanLapsed() throws {
        let d = try letter(Self.laddered, asOf: "2026-09-08")
        #expect(d.choice.stage == .demand)
        #expect(d.text.contains("""
            - 4 July 2026: our instalment reminder about G-1
            - 15 July 2026: the payment plan we agreed on 20 May 2026 lapsed, our instalment reminder of 4 July 2026 having gone unanswered
            - 15 July 2026: our reminder about G-1
            """), "\(d.values["history"] ?? "")")
        // A plan run out, not in default, lapsed on no day: nothing said (Gale's follow-ups
        // below speak of it as lapsed only once it was).
        let running = try letter(Self.laddered.replacingOccurrences(of: "2026-07-04 letter gull instalment\n  invoices G-1\n", with: ""), asOf: "2026-09-08")
        #expect(!running.text.contains("lapsed, our"), "\(running.values["history"] ?? "")")
    }

    /// Gale (an audit's ledger): G-1 (1,500.00) in three instalments of 500.00, the last on
    /// Monday 3 August; the first paid, the reminder of 5 July about the second unanswered by
    /// 15 July, so the plan lapsed, as the reminder of 18 July told them; a follow-up went on 1
    /// August.
    static let gale = """
        settings
          currency GBP
          holidays england
          courtesy on

        sender Harbour Lane Studio Ltd
          contact Ana Reyes
          bank Sort code 20-30-40, account 11223344

        client gale Gale Printing Ltd
          contact Max Gale
          terms net 30
          methods bank transfer

        2026-04-01 invoice gale G-1
          item  Print run   1 x 1500.00
        2026-05-20 plan gale 1,500.00
          for G-1
          2026-06-01  500.00
          2026-07-01  500.00
          2026-08-03  500.00
        2026-06-01 payment gale 500.00
          method bank transfer
        2026-06-28 letter gale instalment
          invoices G-1
        2026-07-05 letter gale instalment
          invoices G-1
        2026-07-18 letter gale reminder
          invoices G-1
        2026-08-01 letter gale follow-up
          invoices G-1

        """

    /// Before: once 3 August had passed, the plan read as running again: from 4 August the
    /// agenda said "check for 1,000.00 GBP of instalments due 2026-07-01 and 2026-08-03", and
    /// on 15 August an instalment reminder went ("The instalments due on 1 July 2026 and 3
    /// August 2026 have not reached us: 1,000.00 GBP in all. That was the end of the plan's
    /// schedule: if they do not arrive, my next letter will be about the invoice itself."), G-1
    /// "in the payment plan" in its table. Now the ladder goes on: a follow-up about G-1, the
    /// lapse not told again.
    @Test func aLapsedPlanIsNotChasedByInstalmentsAfterItsLastDate() throws {
        #expect(!agenda(Self.gale, asOf: "2026-08-08").contains { $0.hasPrefix("check for") }, "\(agenda(Self.gale, asOf: "2026-08-08"))")
        let d = try letter(Self.gale, asOf: "2026-08-15")
        #expect(d.choice.stage == .followUp, "\(d.choice)")
        #expect(d.values["plan.ended"] == nil, "told on 18 July")
        #expect(!d.text.contains("in the payment plan") && !d.text.contains("instalment"), "\(d.text)")
        #expect(d.text.contains("Following my letter of 1 August 2026, invoice G-1 still shows 1,000.00 GBP open, now 106 days past its due date."), "\(d.text)")
    }

    /// Mia (the same audit): the instalment reminder of 15 August went as it was drafted then.
    /// Before: that letter made the plan run out afresh on 25 August, and the follow-up of 1
    /// September told a second time that the plan had ended ("The payment plan we agreed on 20
    /// May 2026 has come to an end, and the instalments due on 1 July 2026 and 3 August 2026
    /// have not reached us (1,000.00 GBP), so what is open on invoice G-1 is due now."), the
    /// reminder of 18 July having said it lapsed. Now the plan stays lapsed from 16 July, and
    /// the follow-up does not say it again.
    @Test func aLapsedPlanIsNotSaidToEndAgainAfterAnInstalmentReminder() throws {
        let text = Self.gale + "2026-08-15 letter gale instalment\n  invoices G-1\n"
        #expect(!agenda(text, asOf: "2026-08-18").contains { $0.hasPrefix("check for") }, "\(agenda(text, asOf: "2026-08-18"))")
        let d = try letter(text, asOf: "2026-09-01")
        #expect(d.choice.stage == .followUp, "\(d.choice)")
        #expect(d.values["plan.ended"] == nil, "\(d.values["plan.ended"] ?? "")")
        #expect(!d.text.contains("has come to an end") && !d.text.contains("has lapsed"), "\(d.text)")
    }
}
