import Testing
@testable import DueKit

/// What follows a formal demand for the client's other invoices: one the demand asked for
/// apart, one whose payment plan ran out, one fallen due since. The agenda and the letters
/// tell the same story of them.
@Suite struct DemandAftermathTests {
    static let head = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client acme Acme Ltd
          contact Jane Doe
          terms net 30

        2026-01-05 invoice acme A-1
          total 1,000.00

        2026-02-09 letter acme reminder
          invoices A-1
        2026-02-23 letter acme follow-up
          invoices A-1
        2026-03-09 letter acme follow-up
          invoices A-1

        """

    /// A-1 taken to a formal demand on 15 April, which asked for A-2 (due 9 April) apart.
    static let askedApart = head + """
        2026-03-23 letter acme final
          invoices A-1
        2026-03-10 invoice acme A-2
          total 400.00
        2026-04-15 letter acme demand
          invoices A-1

        """

    /// A-1 taken to a formal demand on 6 April, while B-1's plan had missed both instalments.
    static let planBeside = head + """
        2026-01-10 invoice acme B-1
          total 600.00
        2026-02-01 plan acme 600.00
          for B-1
          2026-03-25 300.00
          2026-04-01 300.00
        2026-03-23 letter acme final
          invoices A-1

        """

    struct Run {
        let choice: StageChoice
        let values: [String: String]
        let text: String
        let agenda: [Agenda.Item]
    }

    func run(_ text: String, asOf: String) throws -> Run {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let values = choice.stage.map { LetterFields.values(stage: $0, choice: choice, story: story, ledger: r.ledger, sheet: sheet) } ?? [:]
        let text = choice.stage.map { TemplateSet().template(for: $0).render(values) } ?? ""
        return Run(choice: choice, values: values, text: text, agenda: Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day).items)
    }

    func numbers(_ r: Run, _ invoices: [Int], _ text: String) -> [String] {
        let ledger = load(text).ledger
        return invoices.map { ledger.invoices[$0].number }
    }

    /// A promise about the demanded A-1, broken, says nothing of A-3, invoiced after it: A-3's
    /// reminder waits its `reminder-after` days as any first reminder does, where the broken
    /// promise brought it on the day after A-3 fell due.
    @Test func aPromiseBrokenAfterADemandDoesNotHurryTheReminderForLaterWork() throws {
        let text = Self.head + """
            2026-03-23 letter acme final
              invoices A-1
            2026-04-15 letter acme demand
              invoices A-1
            2026-04-20 note acme call
              promise 2026-05-01 1,000.00
            2026-05-05 invoice acme A-3
              total 400.00

            """
        let early = try run(text, asOf: "2026-06-05")
        #expect(early.choice.stage == nil, "\(early.choice.reason)")
        let due = try run(text, asOf: "2026-06-07")
        #expect(due.choice.stage == .reminder, "\(due.choice.reason)")
        #expect(due.choice.reason == "A-3 is 3 days past due and no reminder has gone yet")
    }

    /// On the day the reminder for A-2 is recorded, the demand about A-1 is still unanswered:
    /// its next step stays on the agenda, as it is the day before and the day after.
    @Test func theDemandsNextStepStaysOnTheAgendaTheDayALetterIsRecorded() throws {
        let text = Self.askedApart + "2026-04-28 letter acme reminder\n  invoices A-2\n"
        for day in ["2026-04-28", "2026-04-29"] {
            let r = try run(text, asOf: day)
            #expect(r.choice.stage == nil)
            #expect(r.agenda.map(\.action) == ["decide the next step (a claim, an agency, or a write-off)"], "\(day): \(r.agenda)")
            #expect(r.agenda.first?.why == "formal demand of 2026-04-15 unanswered; decide the next step yourself")
        }
    }

    /// A formal demand about Q-1 asked for P-1's plan's missed instalments beside it (the
    /// first of them long late, the last two days late) by 27 April: no instalment reminder
    /// follows on 22 April with a second date for the same money; once 27 April has passed the
    /// plan is over. The final notice of 31 March warned of no demand over the instalment of
    /// 13 April, which fell due after it: P-1 gets a final notice of its own, not a demand.
    /// (The client rang after the instalment reminder of 5 February, so the plan ran on to its
    /// last date rather than being in default, 3.10.)
    @Test func aDemandThatAskedForAPlansInstalmentsIsNotFollowedByASecondDateForThem() throws {
        let text = """
            settings
              currency GBP
            sender Test Studio Ltd
              bank Sort code 11-22-33, account 12345678
            client vale Vale Farm
              terms net 30
            2026-01-01 invoice vale P-1
              total 1,500.00
            2026-01-15 invoice vale Q-1
              total 800.00
            2026-01-10 plan vale 1,500.00
              for P-1
              2026-02-02 500.00
              2026-03-02 500.00
              2026-04-13 500.00
            2026-02-05 letter vale instalment
              invoices P-1
            2026-02-09 note vale call
            2026-02-17 letter vale reminder
              invoices Q-1 P-1
            2026-03-03 letter vale follow-up
              invoices Q-1 P-1
            2026-03-17 letter vale follow-up
              invoices Q-1 P-1
            2026-03-31 letter vale final
              invoices Q-1 P-1
            2026-04-15 letter vale demand
              invoices Q-1

            """
        let asked = try run(text, asOf: "2026-04-22")
        #expect(asked.choice.stage == nil, "\(asked.choice.reason)")
        #expect(asked.agenda.contains { $0.why.contains("our formal demand of 2026-04-15 asked for them by 2026-04-27") }, "\(asked.agenda)")
        let over = try run(text, asOf: "2026-04-28")
        #expect(over.choice.stage == nil, "\(over.choice.reason)")
        let final = try run(text, asOf: "2026-04-29")
        #expect(final.choice.stage == .final, "\(final.choice.reason)")
        #expect(numbers(final, final.choice.chased, text) == ["P-1"])
    }

    @Test func anInvoiceADemandAskedForApartIsRemindedOnceItsDateHasPassed() throws {
        // While the demand's date (27 April) is to come, nothing is drafted about either.
        let before = try run(Self.askedApart, asOf: "2026-04-27")
        #expect(before.choice.stage == nil)
        #expect(before.agenda.isEmpty, "\(before.agenda)")

        // Then A-2 gets its follow-up (the demand asked for it already), and the demand's next
        // step is the user's. Before: a first reminder, "no reminder has gone yet".
        let r = try run(Self.askedApart, asOf: "2026-04-28")
        #expect(r.choice.stage == .followUp, "\(r.choice.reason)")
        #expect(numbers(r, r.choice.chased, Self.askedApart) == ["A-2"])
        #expect(numbers(r, r.choice.underDemand.map(\.invoice), Self.askedApart) == ["A-1"])
        #expect(r.choice.reason == "A-2 is 19 days past due; our formal demand of 2026-04-15 asked for A-2 by 2026-04-27, and that payment has not come")
        #expect(r.agenda.map(\.action) == ["decide the next step (a claim, an agency, or a write-off)", "send a follow-up (400.00 GBP)"])
        #expect(r.agenda[0].why == "formal demand of 2026-04-15 unanswered; decide the next step yourself")
        // The letter asks for A-2 alone and says the demand stands for A-1.
        #expect(r.values["again"] == "My formal demand of 15 April 2026 also asked you to pay invoice A-2 by 27 April 2026, and that payment has not reached us: 400.00 GBP is still open on it, now 19 days past its due date.")
        #expect(r.values["invoices.table"]?.contains("| Past due | | | | 400.00 GBP | |\n| Past due, under our formal demand | | | | 1,000.00 GBP | |\n| **Total open** | | | | **1,400.00 GBP** | |") == true, "\(r.values["invoices.table"] ?? "")")
        #expect(r.values["on.hold"] == "My formal demand of 15 April 2026 about invoice A-1 still stands; this letter is about invoice A-2 alone.")
        #expect(r.text.contains("Could you let me know by 8 May 2026 when we can expect payment of 400.00 GBP?"))
    }

    @Test func aPlanThatRanOutBesideADemandGoesBackToTheLadder() throws {
        // The demand asked for B-1's missed instalments beside A-1 (`on.hold`); its date
        // passed, so the plan has run out and B-1 is chased from the reminder.
        let ledger = Self.planBeside + """
            2026-04-06 letter acme demand
              invoices A-1

            """
        let during = try run(ledger, asOf: "2026-04-10")
        #expect(during.agenda.map(\.action) == ["check for 600.00 GBP of instalments due 2026-03-25 and 2026-04-01"])
        #expect(during.agenda[0].why == "2 instalments not received, the first after 16 days; every date of the plan has passed, and our formal demand of 2026-04-06 asked for them by 2026-04-16: unpaid by then, the next letter asks for invoice B-1 itself")

        let r = try run(ledger, asOf: "2026-04-20")
        #expect(r.choice.stage == .reminder, "\(r.choice.reason)")
        #expect(numbers(r, r.choice.chased, ledger) == ["B-1"])
        #expect(r.agenda.map(\.action) == ["decide the next step (a claim, an agency, or a write-off)", "send a reminder (600.00 GBP)"])
        #expect(r.text.contains("The payment plan we agreed on 1 February 2026 has come to an end, and the instalments due on 25 March 2026 and 1 April 2026 have not reached us (600.00 GBP), so what is open on invoice B-1 is due now."))
        #expect(r.values["on.hold"] == "My formal demand of 6 April 2026 about invoice A-1 still stands; this letter is about invoice B-1 alone.")
        // The demand spoke of B-1's instalments, not of B-1 apart: the opening does not say it did.
        #expect(r.values["reminder.opening"] == "")
    }

    @Test func theAgendaSaysWhatFollowsAPlanWhoseDatesHavePassedAsTheLadderTakesIt() throws {
        // A final notice recorded with B-1 asked for its missed instalments; the schedule
        // ended before its date. The ladder takes B-1 to the demand with A-1: the agenda does
        // not call the plan run out and leave it to the user.
        let asked = Self.planBeside.replacingOccurrences(of: "2026-03-23 letter acme final\n  invoices A-1", with: "2026-03-30 letter acme final\n  invoices A-1 B-1")
        let ledger = asked.replacingOccurrences(of: "2026-04-01 300.00", with: "2026-03-27 300.00")
        let r = try run(ledger, asOf: "2026-04-05")
        #expect(r.choice.stage == nil)
        #expect(r.agenda.map(\.action) == ["check for 600.00 GBP of instalments due 2026-03-25 and 2026-03-27"])
        #expect(r.agenda[0].why == "2 instalments not received, the first after 11 days; every date of the plan has passed, and our final notice of 2026-03-30 asked for them by 2026-04-09: unpaid by then, the formal demand that may follow takes in invoice B-1")
        let demand = try run(ledger, asOf: "2026-04-10")
        #expect(demand.choice.stage == .demand)
        #expect(numbers(demand, demand.choice.chased, ledger) == ["A-1", "B-1"])
        #expect(demand.agenda.map(\.action) == ["send a formal demand (1,600.00 GBP)"])
        // The instalment of 1 April fell due after that notice, and no letter asked for it: the
        // demand is about A-1 alone, and B-1's instalments are asked for first.
        let unasked = try run(asked, asOf: "2026-04-10")
        #expect(unasked.choice.stage == .demand)
        #expect(numbers(unasked, unasked.choice.chased, asked) == ["A-1"])
        #expect(unasked.agenda.map(\.action) == ["send a formal demand (1,000.00 GBP)", "check for 600.00 GBP of instalments due 2026-03-25 and 2026-04-01"])
    }

    @Test func aSecondDemandsHistoryNamesTheFirstThatAskedForItsInvoiceApart() throws {
        let climb = """
            2026-04-28 letter acme reminder
              invoices A-2
            2026-05-12 letter acme follow-up
              invoices A-2
            2026-05-26 letter acme follow-up
              invoices A-2
            2026-06-09 letter acme final
              invoices A-2

            """
        // A-1 paid after the first demand: the second is about A-2 alone.
        let paid = Self.askedApart + "2026-04-25 payment acme 1,000.00\n  apply A-1\n\n" + climb
        let d = try run(paid, asOf: "2026-06-22")
        #expect(d.choice.stage == .demand)
        #expect(d.values["history"] == """
            - 15 April 2026: our formal demand about A-1, which also asked for A-2 to be paid by 27 April 2026
            - 28 April 2026: our reminder about A-2
            - 12 May 2026: our follow-up about A-2
            - 26 May 2026: our follow-up about A-2
            - 9 June 2026: our final notice about A-2
            """)
        // A-1 still open: the second demand goes for A-2, and the first still stands.
        let open = try run(Self.askedApart + climb, asOf: "2026-06-22")
        #expect(open.choice.stage == .demand)
        #expect(numbers(open, open.choice.chased, Self.askedApart + climb) == ["A-2"])
        #expect(open.values["history"]?.hasPrefix("- 15 April 2026: our formal demand about A-1, which also asked for A-2 to be paid by 27 April 2026\n") == true)
        #expect(open.text.contains("This letter is a formal demand for payment of 400.00 GBP, owed on invoice A-2."))
        #expect(open.agenda.map(\.action) == ["send a formal demand (400.00 GBP)", "decide the next step (a claim, an agency, or a write-off)"])
    }

    /// A final notice about an invoice fallen due after a demand left the demanded ones under
    /// that demand: the second demand's history does not say it asked for them apart.
    @Test func aFinalNoticeAfterADemandIsNotSaidToHaveAskedForTheDemandedInvoices() throws {
        let ledger = """
            settings
              currency GBP

            sender Test Studio Ltd
              contact Sam Lee

            client acme Acme Ltd
              contact Jane Doe
              terms net 30

            2026-01-05 invoice acme A-1
              total 1,000.00
            2026-01-05 invoice acme B-1
              total 300.00
            2026-01-05 invoice acme C-1
              total 200.00
            2026-02-09 letter acme reminder
              invoices A-1 B-1 C-1
            2026-02-23 letter acme follow-up
              invoices A-1 B-1 C-1
            2026-03-09 letter acme follow-up
              invoices A-1 B-1 C-1
            2026-03-23 letter acme final
              invoices A-1 B-1 C-1
            2026-04-15 letter acme demand
              invoices A-1 B-1 C-1
            2026-04-20 invoice acme D-1
              total 120.00
            2026-05-25 letter acme reminder
              invoices D-1
            2026-06-08 letter acme follow-up
              invoices D-1
            2026-06-22 letter acme follow-up
              invoices D-1
            2026-07-06 letter acme final
              invoices D-1

            """
        let d = try run(ledger, asOf: "2026-07-20")
        #expect(d.choice.stage == .demand)
        #expect(numbers(d, d.choice.chased, ledger) == ["D-1"])
        #expect(d.values["history"] == """
            - 25 May 2026: our reminder about D-1
            - 8 June 2026: our follow-up about D-1
            - 22 June 2026: our follow-up about D-1
            - 6 July 2026: our final notice about D-1
            """)
    }

    /// A final notice about A-1 asked for A-2 apart, by 2 April; A-1 was paid since. A-2's
    /// reminder waits for the day after that date, as a demand's would, rather than giving the
    /// client a second date for the same money; and it is plain, saying what the notice asked.
    @Test func aReminderAfterAFinalNoticeWaitsForItsDateAndSaysWhatItAsked() throws {
        let text = Self.head + """
            2026-02-10 invoice acme A-2
              total 400.00
            2026-03-23 letter acme final
              invoices A-1
            2026-03-26 payment acme 1,000.00
              apply A-1

            """
        let early = try run(text, asOf: "2026-03-30")
        #expect(early.choice.stage == nil)
        #expect(early.choice.reason == "A-2 is 18 days past due, but we wrote on 2026-03-23 asking for it by 2026-04-02; reminder from 2026-04-03")
        #expect(try run(text, asOf: "2026-04-02").choice.stage == nil)
        let r = try run(text, asOf: "2026-04-03")
        #expect(r.choice.stage == .followUp)
        #expect(r.text.contains("**Following up: 400.00 GBP past due**"))
        #expect(r.values["again"] == "My final notice of 23 March 2026 also asked you to pay invoice A-2 by 2 April 2026, and that payment has not reached us: 400.00 GBP is still open on it, now 22 days past its due date.")
        #expect(!r.text.contains("Friendly") && !r.text.contains("I hope all is well") && !r.text.contains("disregard"))
    }

    /// With `demand-minimum 1,500.00`, A-1's 1,000.00 is not worth a formal demand: the final
    /// notice warns of none, and when the demand would be due the agenda asks the user to
    /// decide. A minimum in another currency changes nothing.
    @Test func belowTheDemandMinimumTheLadderStopsAtTheFinalNotice() throws {
        func head(_ minimum: String) -> String {
            Self.head.replacingOccurrences(of: "  currency GBP\n", with: "  currency GBP\n  demand-minimum \(minimum)\n")
        }
        let final = try run(head("1,500.00"), asOf: "2026-03-23")
        #expect(final.choice.stage == .final, "\(final.choice.reason)")
        #expect(final.values["final.next"] == "I will consider what further steps to take to recover it")
        #expect(final.text.contains("If I hear nothing by then, I will consider what further steps to take to recover it.") && !final.text.contains("formal demand"), "\(final.text)")
        let sent = "2026-03-23 letter acme final\n  invoices A-1\n"
        let waiting = try run(head("1,500.00") + sent, asOf: "2026-04-03")
        #expect(waiting.choice.reason == "final notice of 2026-03-23 awaiting a reply; 1,000.00 GBP is below the demand minimum of 1,500.00 GBP: the next step is yours from 2026-04-05")
        let due = try run(head("1,500.00") + sent, asOf: "2026-04-15")
        #expect(due.choice.stage == nil && due.choice.belowDemandMinimum == Money(minor: 150_000, currency: Currency("GBP")))
        #expect(due.choice.reason == "final notice of 2026-03-23 unanswered; 1,000.00 GBP is below the demand minimum of 1,500.00 GBP, so no formal demand follows")
        #expect(due.agenda.map(\.action) == ["decide the next step (pursue it yourself, or write it off)"])
        // At or above the minimum, or with a minimum only for EUR: the demand, as before.
        #expect(try run(head("1,000.00") + sent, asOf: "2026-04-15").choice.stage == .demand)
        #expect(try run(head("1,500.00 EUR") + sent, asOf: "2026-04-15").choice.stage == .demand)
        let extra = load(head("250.00 GBP net"))
        #expect(extra.diagnostics.map(\.code) == ["E106"])
        let plain = try run(Self.head, asOf: "2026-03-23")
        #expect(plain.values["final.next"] == "I will send a formal demand for the full amount, and then consider further steps to recover it")
    }

    /// With minimums of 250.00 GBP and 300.00 EUR, G-1's 200.00 GBP is not worth the demand
    /// that E-1's 1,000.00 EUR is: the final notice says which money a demand follows for, and
    /// the demand is about E-1 alone and asks for G-1 apart.
    @Test func aCurrencyBelowItsDemandMinimumIsAskedForApart() throws {
        let text = """
            settings
              currency GBP
              demand-minimum 250.00 GBP
              demand-minimum 300.00 EUR

            sender Test Studio Ltd
              contact Sam Lee

            client bi Bilingual Ltd
              contact Bo Ling
              terms net 30

            2026-01-05 invoice bi G-1
              total 200.00
            2026-01-05 invoice bi E-1
              currency EUR
              total 1,000.00 EUR
            2026-02-10 letter bi reminder
              invoices G-1 E-1
            2026-02-24 letter bi follow-up
              invoices G-1 E-1
            2026-03-10 letter bi follow-up
              invoices G-1 E-1

            """
        let final = try run(text, asOf: "2026-03-24")
        #expect(final.choice.stage == .final, "\(final.choice.reason)")
        #expect(final.values["final.next"] == "I will send a formal demand for the 1,000.00 EUR, and then consider further steps to recover it; for the 200.00 GBP, I will consider what further steps to take")
        let sent = text + "2026-03-24 letter bi final\n  invoices G-1 E-1\n"
        let demand = try run(sent, asOf: "2026-04-10")
        #expect(demand.choice.stage == .demand, "\(demand.choice.reason)")
        #expect(numbers(demand, demand.choice.chased, sent) == ["E-1"])
        #expect(numbers(demand, demand.choice.askedApart, sent) == ["G-1"])
        #expect(demand.text.contains("This letter is a formal demand for payment of 1,000.00 EUR, owed on invoice E-1."), "\(demand.text)")
        #expect(demand.values["newly.due"] == "Invoice G-1 (200.00 GBP, due 4 February 2026), which my final notice of 24 March 2026 asked you to pay by 7 April 2026, is still to be paid. It is not part of this demand; please pay it by 20 April 2026 as well.")
        #expect(!demand.text.contains("demand for payment of 200.00 GBP"))
        // Its table marks G-1 as left out, as a demand in one currency does (before: only
        // "Total open in GBP" beside it, as if it were demanded too).
        #expect(demand.text.contains("| Past due, not part of this demand | | | | 200.00 GBP | |\n| **Total open in GBP** | | | | **200.00 GBP** | |\n| Past due | | | | 1,000.00 EUR | |\n| **Total open in EUR** | | | | **1,000.00 EUR** | |"), "\(demand.text)")

        // Once the demand's date has passed, the agenda asks you to decide about G-1, below its
        // minimum, beside the demand's next step (before: the demand's alone, G-1 never named).
        let demanded = sent + "2026-04-10 letter bi demand\n  invoices E-1\n"
        let r = load(demanded)
        let day = Day.parse("2026-04-21")!
        let items = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.filter { $0.client == "bi" }
        #expect(items.map(\.action) == ["decide the next step (a claim, an agency, or a write-off)", "decide the next step (pursue it yourself, or write it off)"], "\(items.map(\.action))")
        #expect(items.last?.why == "final notice of 2026-03-24 unanswered; 200.00 GBP is below the demand minimum of 250.00 GBP, so no formal demand follows", "\(items.map(\.why))")
        // Until then, the demand's date is still to come: nothing to decide.
        let before = Day.parse("2026-04-20")!
        #expect(Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: before), asOf: before).items.filter { $0.client == "bi" && $0.action.hasPrefix("decide") }.isEmpty)
    }

    /// A final notice, then A-1 paid and the client thanked: that episode is closed, and the
    /// first reminder about later work is the friendly one. After a formal demand it stays
    /// plain for a year from the demand, thanked or not.
    @Test func aThankYouClosesTheEpisodeOfAFinalNotice() throws {
        let settled = """
            2026-03-23 letter acme final
              invoices A-1
            2026-03-30 payment acme 1,000.00
              apply A-1
            2026-04-01 letter acme thanks

            """
        let later = """
            2026-06-01 invoice acme A-3
              total 250.00

            """
        let r = try run(Self.head + settled + later, asOf: "2026-07-06")
        #expect(r.choice.stage == .reminder, "\(r.choice.reason)")
        #expect(r.text.contains("**Friendly reminder: 250.00 GBP past due**"))
        #expect(r.values["reminder.opening"] == "I hope all is well.")
        // Not thanked: the final notice is still the last word on the ladder.
        let unthanked = try run(Self.head + settled.replacingOccurrences(of: "2026-04-01 letter acme thanks\n", with: "") + later, asOf: "2026-07-06")
        #expect(unthanked.text.contains("**Reminder: 250.00 GBP past due**"))
        // A formal demand within the year before keeps it plain, thanked or not.
        let demanded = """
            2026-03-23 letter acme final
              invoices A-1
            2026-04-15 letter acme demand
              invoices A-1
            2026-04-20 payment acme 1,000.00
              apply A-1
            2026-04-22 letter acme thanks

            """
        let d = try run(Self.head + demanded + later, asOf: "2026-07-06")
        #expect(d.text.contains("**Reminder: 250.00 GBP past due**"))
        #expect(d.values["reminder.opening"] == "")
        let nextYear = """
            2027-05-01 invoice acme A-4
              total 250.00

            """
        let y = try run(Self.head + demanded + nextYear, asOf: "2027-06-05")
        #expect(y.choice.stage == .reminder, "\(y.choice.reason)")
        #expect(y.text.contains("**Friendly reminder: 250.00 GBP past due**"))
    }

    /// A final notice about A-1 asked for A-2 apart, and so did the demand after it: A-2 does
    /// not start again from a first, friendly reminder ("If something about the invoice is
    /// holding it up, let me know and I will help put it right."). Its letters continue from
    /// the demand: a follow-up naming it, further follow-ups, then a final notice of its own.
    @Test func anInvoiceAFinalNoticeAndDemandAskedForApartIsFollowedUp() throws {
        let first = try run(Self.askedApart, asOf: "2026-04-28")
        #expect(first.choice.stage == .followUp, "\(first.choice.reason)")
        #expect(first.text.contains("My formal demand of 15 April 2026 also asked you to pay invoice A-2 by 27 April 2026, and that payment has not reached us"))
        #expect(!first.text.contains("holding it up") && !first.text.contains("Friendly") && !first.text.contains("disregard"))
        let sent = Self.askedApart + "2026-04-28 letter acme follow-up\n  invoices A-2\n"
        let second = try run(sent, asOf: "2026-05-12")
        #expect(second.choice.stage == .followUp, "\(second.choice.reason)")
        #expect(second.values["again"] == "Following my letter of 28 April 2026, invoice A-2 still shows 400.00 GBP open, now 33 days past its due date.")
        let third = try run(sent + "2026-05-12 letter acme follow-up\n  invoices A-2\n2026-05-26 letter acme follow-up\n  invoices A-2\n", asOf: "2026-06-09")
        #expect(third.choice.stage == .final, "\(third.choice.reason)")
    }

    @Test func aReminderAfterADemandIsPlainAndFirm() throws {
        // A-1 paid after the demand; A-2, asked for apart, is not.
        let r = try run(Self.askedApart + "2026-04-25 payment acme 1,000.00\n  apply A-1\n", asOf: "2026-04-28")
        #expect(r.choice.stage == .followUp)
        #expect(r.text.contains("**Following up: 400.00 GBP past due**"))
        #expect(r.values["again"] == "My formal demand of 15 April 2026 also asked you to pay invoice A-2 by 27 April 2026, and that payment has not reached us: 400.00 GBP is still open on it, now 19 days past its due date.")
        #expect(!r.text.contains("Friendly") && !r.text.contains("I hope all is well") && !r.text.contains("disregard"))
        // A new invoice after the demand was settled: no friendliness as if nothing had
        // happened, and nothing said of the demand, which did not ask for it.
        let fresh = Self.askedApart + """
            2026-04-25 payment acme 1,400.00
              apply A-1
              apply A-2
            2026-05-01 invoice acme A-3
              total 250.00

            """
        let n = try run(fresh, asOf: "2026-06-05")
        #expect(n.choice.stage == .reminder, "\(n.choice.reason)")
        #expect(n.text.contains("**Reminder: 250.00 GBP past due**"))
        #expect(n.values["reminder.opening"] == "")
        #expect(!n.text.contains("I hope all is well"))
    }
    /// A formal demand still unanswered for A-1, and a follow-up since about A-2, which the
    /// demand asked for apart and which is paid: a reminder for new work while the demand
    /// stands is plain and firm, though the last letter on the ladder is that follow-up.
    @Test func aReminderWhileADemandStandsIsPlainAfterAFollowUpAboutOtherWork() throws {
        let text = Self.askedApart + """
            2026-04-28 letter acme follow-up
              invoices A-2
            2026-05-04 payment acme 400.00
              apply A-2
            2026-05-01 invoice acme A-3
              total 250.00

            """
        let r = try run(text, asOf: "2026-06-05")
        #expect(r.choice.stage == .reminder, "\(r.choice.reason)")
        #expect(r.text.contains("**Reminder: 250.00 GBP past due**"), "\(r.text)")
        #expect(r.values["reminder.opening"] == "")
        #expect(!r.text.contains("disregard") && !r.text.contains("I hope all is well"))
    }

    /// Ledgers from the review of the day's changes, with `final-after 2` and `demand-after 30`.
    static let reviewHead = """
        settings
          currency GBP
          cadence 7 14
          reminder-after 3
          final-after 2
          demand-after 30
          reply-days 10

        sender Me Ltd
          email me@example.com
          bank Sort code 00-00-00, account 1

        client a A Ltd
          email a@example.com
          terms net 30

        """

    /// A plan over before the demand: the demand asked for its invoice apart, so the reminder
    /// for it waits for the demand's date, as for any invoice asked for apart.
    @Test func aPlanOverBeforeTheDemandWaitsForTheDemandsDate() throws {
        let text = Self.reviewHead + """
            2026-01-05 invoice a A-1
              total 1,000.00
            2026-01-10 invoice a B-1
              total 600.00
            2026-02-01 plan a 600.00
              for B-1
              2026-03-01 300.00
              2026-03-08 300.00
            2026-02-09 letter a reminder
              invoices A-1
            2026-02-23 letter a follow-up
              invoices A-1
            2026-03-09 letter a follow-up
              invoices A-1
            2026-03-13 letter a instalment
              invoices B-1
            2026-03-23 letter a final
              invoices A-1
            2026-04-03 letter a demand
              invoices A-1

            """
        #expect(try run(text, asOf: "2026-04-10").agenda.isEmpty)
        let after = try run(text, asOf: "2026-04-14")
        #expect(after.agenda.map(\.action) == ["decide the next step (a claim, an agency, or a write-off)", "send a follow-up (600.00 GBP)"])
    }

    /// A demand naming no invoice asked for what was past due on its day: an invoice due that
    /// very day was not part of it, and is chased.
    @Test func anInvoiceDueOnTheDayOfADemandNamingNoneIsChased() throws {
        let text = Self.reviewHead + """
            2026-01-05 invoice a A-1
              total 1,000.00
            2026-04-01 invoice a A-2
              due 2026-05-04
              total 200.00
            2026-02-10 letter a reminder
            2026-02-24 letter a follow-up
            2026-03-10 letter a follow-up
            2026-03-24 letter a final
            2026-05-04 letter a demand

            """
        let r = try run(text, asOf: "2026-05-20")
        #expect(r.agenda.map(\.action) == ["decide the next step (a claim, an agency, or a write-off)", "send a reminder (200.00 GBP)"])
    }

    /// Two demands about different invoices: a letter about a third names each with its own.
    @Test func eachStandingDemandIsNamedWithItsOwnInvoices() throws {
        let text = Self.askedApart + """
            2026-04-28 letter acme reminder
              invoices A-2
            2026-05-01 invoice acme A-3
              total 250.00
            2026-05-12 letter acme follow-up
              invoices A-2
            2026-05-26 letter acme follow-up
              invoices A-2
            2026-06-09 letter acme final
              invoices A-2
            2026-06-22 letter acme demand
              invoices A-2

            """
        let r = try run(text, asOf: "2026-07-06")
        #expect(r.text.contains("My formal demands of 15 April 2026 about invoice A-1 and 22 June 2026 about invoice A-2 still stand; this letter is about invoice A-3 alone."), "\(r.text)")
    }

    /// The letters a final notice lists as unanswered are those the stage choice counted: the
    /// reminder about A-1 and A-2 was answered by the payment for A-2.
    @Test func aFinalNoticeListsAsUnansweredWhatTheStageChoiceCounted() throws {
        let text = Self.reviewHead + """
            2026-01-05 invoice a A-1
              total 1,000.00
            2026-01-06 invoice a A-2
              total 500.00
            2026-02-10 letter a reminder
              invoices A-1 A-2
            2026-02-15 payment a 500.00
              apply A-2
            2026-03-02 letter a follow-up
              invoices A-1
            2026-03-16 letter a follow-up
              invoices A-1

            """
        let r = try run(text, asOf: "2026-03-31")
        #expect(r.choice.stage == .final)
        #expect(r.choice.reason.hasPrefix("2 letters unanswered since 2026-03-02"))
        #expect(r.text.contains("I have had no reply to my letters of 2 March 2026 and 16 March 2026, and no payment has arrived since."), "\(r.text)")
    }

    /// A-1 and A-2 took a final notice on 23 March; A-1 was queried then, and A-2 took a final
    /// notice of its own on 13 April; the query was settled by a call on 14 April (a credit
    /// note followed).
    static let queryBesideFinal = head + """
        2026-01-20 invoice acme A-2
          total 400.00
        2026-03-23 letter acme final
          invoices A-1 A-2
        2026-03-25 note acme email
          said     The work is incomplete
          dispute  A-1 Incomplete
        2026-03-26 letter acme dispute
          invoices A-1
        2026-04-13 letter acme final
          invoices A-2
        2026-04-14 note acme call
          said     Agreed a credit
          resolved A-1 Credit of 100.00
        2026-04-16 credit acme 100.00
          number CN-1
          reason Incomplete work
          apply  A-1

        """

    /// The call settled the query on A-1, not A-2, which the final notice of 13 April was about
    /// alone: the demand over A-2 says what the call was about, not that the client answered.
    @Test func aDemandSaysTheClientsWordSinceWasAboutOtherWork() throws {
        let d = try run(Self.queryBesideFinal, asOf: "2026-04-27")
        #expect(d.choice.stage == .demand)
        #expect(d.values["unanswered"] == "My final notice of 13 April 2026 asked for payment by 23 April 2026. You have been in touch since about invoice A-1, but no payment of invoice A-2 has arrived.")
        #expect(!d.text.contains("You have answered since"))
    }

    /// A-2's demand of 27 April asked for A-1 apart by 7 May. A-1's final notice after it
    /// restates the notice of 23 March that named A-1 (not A-2's of 13 April), cited for the
    /// two invoices it named, and says the demand asked for A-1 by 7 May.
    @Test func aFinalNoticeAfterADemandThatAskedForItsInvoiceApartSaysSo() throws {
        let f = try run(Self.queryBesideFinal + "2026-04-27 letter acme demand\n  invoices A-2\n", asOf: "2026-05-11")
        #expect(f.choice.stage == .final)
        #expect(f.values["final.opening"] == "My final notice of 23 March 2026 about invoices A-1 and A-2 still stands for invoice A-1: 900.00 GBP is still to pay, 96 days past its due date.")
        #expect(f.values["previous.letter"] == "My formal demand of 27 April 2026 also asked you to pay invoice A-1 by 7 May 2026, and that payment has not reached us.")
        #expect(!f.text.contains("This is a final notice about") && !f.text.contains("I last wrote to you"))
    }

    /// A remainder is judged on what the letters ask for: the 0.50 the books have open after a
    /// loss of 999.50 is no remainder, for the reminder asked for 1,000.00, and the follow-up
    /// asks for it again (a true remainder's figures: `LossInAgendaTests`).
    @Test func aLossLeavesNoRemainderToWriteOff() throws {
        let text = Self.reviewHead + """
            2026-01-05 invoice a A-1
              total 1,000.00
            2026-02-20 writeoff a A-1 999.50
              reason doubtful
            2026-02-23 letter a reminder
              invoices A-1

            """
        let r = try run(text, asOf: "2026-03-20")
        #expect(r.agenda.map(\.action) == ["send a follow-up (1,000.00 GBP)"])
        #expect(r.agenda.map(\.why) == ["A-1 is 44 days past due; last letter 2026-02-23, 1 unanswered"])
    }
}

/// What the agenda and the letters say after a formal demand: each demand's own next step, a
/// promise broken after one, a claim left unpaid, and a demand's closing beside a plan's
/// missed instalments.
@Suite struct DemandStandingTests {
    let suite = DemandAftermathTests()

    /// A-1 demanded on 15 April (A-2 asked for apart), A-2 climbed to a demand of its own on
    /// 22 June, which asked for a reply by 2 July.
    static let twoDemands = DemandAftermathTests.askedApart + """
        2026-04-28 letter acme reminder
          invoices A-2
        2026-05-12 letter acme follow-up
          invoices A-2
        2026-05-26 letter acme follow-up
          invoices A-2
        2026-06-09 letter acme final
          invoices A-2
        2026-06-22 letter acme demand
          invoices A-2

        """

    @Test func aSecondDemandKeepsTheFirstOnesNextStep() throws {
        // The second demand's date is still to come: the first one's next step stays.
        let during = try suite.run(Self.twoDemands, asOf: "2026-06-25")
        #expect(during.choice.stage == nil && during.choice.demandUnanswered)
        #expect(during.choice.nextDate == Day.parse("2026-07-03"))
        #expect(during.agenda.map(\.action) == ["decide the next step (a claim, an agency, or a write-off)"])
        #expect(during.agenda.map(\.why) == ["formal demand of 2026-04-15 about invoice A-1 unanswered; decide the next step yourself"])
        // Once it has passed, each demand has its own item.
        let after = try suite.run(Self.twoDemands, asOf: "2026-07-06")
        #expect(after.agenda.map(\.action) == Array(repeating: "decide the next step (a claim, an agency, or a write-off)", count: 2))
        #expect(after.agenda.map(\.why) == [
            "formal demand of 2026-04-15 about invoice A-1 unanswered; decide the next step yourself",
            "formal demand of 2026-06-22 about invoice A-2 unanswered; decide the next step yourself",
        ])
        // A payment towards A-2 answers the demand about it, not the one about A-1.
        let paid = try suite.run(Self.twoDemands + "2026-06-30 payment acme 100.00\n  apply A-2\n", asOf: "2026-07-06")
        #expect(paid.agenda.map(\.why) == [
            "formal demand of 2026-04-15 about invoice A-1 unanswered; decide the next step yourself",
            "formal demand of 2026-06-22 about invoice A-2 answered since; decide the next step yourself",
        ])
        // Beside a letter about a third invoice, both stay.
        let third = try suite.run(Self.twoDemands + "2026-05-01 invoice acme A-3\n  total 250.00\n", asOf: "2026-07-06")
        #expect(third.choice.stage == .followUp)
        #expect(third.agenda.map(\.action) == ["decide the next step (a claim, an agency, or a write-off)", "decide the next step (a claim, an agency, or a write-off)", "send a follow-up (250.00 GBP)"])
    }

    /// A promise of all that was owed, made after the demand and broken: the demand's next
    /// step is the user's, and A-2, which the demand asked for apart, is reminded as it would
    /// be without the promise, the letter naming the promise.
    @Test func aPromiseBrokenAfterADemandLeavesTheOtherInvoicesOnTheLadder() throws {
        let text = DemandAftermathTests.askedApart + """
            2026-04-20 note acme call
              with Jane Doe
              promise 2026-05-01 1,400.00

            """
        let r = try suite.run(text, asOf: "2026-05-04")
        #expect(r.choice.stage == .followUp, "\(r.choice.reason)")
        #expect(suite.numbers(r, r.choice.chased, text) == ["A-2"])
        #expect(suite.numbers(r, r.choice.underDemand.map(\.invoice), text) == ["A-1"])
        try #require(r.agenda.map(\.action) == ["decide the next step (a claim, an agency, or a write-off)", "send a follow-up (400.00 GBP)"])
        #expect(r.agenda[0].why == "promise of 2026-04-20 to pay 1,400.00 GBP by 2026-05-01 not kept after our formal demand: nothing of it received, by that day or since; decide the next step yourself")
        #expect(r.agenda[1].why == "promised on 2026-04-20 to pay by 2026-05-01 and the money has not arrived; A-2 is 25 days past due")
        #expect(r.text.contains("On 20 April 2026 you told us to expect a payment of 1,400.00 GBP by 1 May 2026. It has not reached us."), "\(r.text)")
        #expect(r.values["on.hold"] == "My formal demand of 15 April 2026 about invoice A-1 still stands; this letter is about invoice A-2 alone.")
        #expect(r.text.contains("Could you let me know by 14 May 2026 when we can expect payment of 400.00 GBP?"))
    }

    /// A promise made after the demand: its next step says what came by the promised day and,
    /// apart, what came after it, or that nothing did, rather than one sum of both.
    @Test func aPromiseBrokenAfterADemandSaysWhatCameByItsDayAndWhatCameSince() throws {
        let text = DemandAftermathTests.head + """
            2026-03-23 letter acme final
              invoices A-1
            2026-04-15 letter acme demand
              invoices A-1
            2026-04-20 note acme call
              with Jane Doe
              promise 2026-05-01 1,000.00

            """
        func step(_ extra: String, _ day: String = "2026-05-12") throws -> String? {
            try suite.run(text + extra, asOf: day).agenda.first { $0.kind == .nextStep }?.why
        }
        let head = "promise of 2026-04-20 to pay 1,000.00 GBP by 2026-05-01 not kept after our formal demand: "
        #expect(try step("2026-04-28 payment acme 300.00\n  apply A-1\n2026-05-06 payment acme 200.00\n  apply A-1\n")
            == head + "300.00 GBP of it received by that day and 200.00 GBP since; decide the next step yourself")
        #expect(try step("2026-04-28 payment acme 300.00\n  apply A-1\n") == head + "300.00 GBP of it received by that day and nothing since; decide the next step yourself")
        #expect(try step("2026-05-06 payment acme 200.00\n  apply A-1\n") == head + "nothing received by that day and 200.00 GBP since; decide the next step yourself")
        #expect(try step("") == head + "nothing of it received, by that day or since; decide the next step yourself")
        // In the week after its day too, it is named there, and in no item of its own.
        let week = try suite.run(text + "2026-04-28 payment acme 300.00\n  apply A-1\n2026-05-03 payment acme 200.00\n  apply A-1\n", asOf: "2026-05-04").agenda
        #expect(week.map(\.why) == [head + "300.00 GBP of it received by that day and 200.00 GBP since; decide the next step yourself"], "\(week)")
    }

    /// A promise broken after the demand is one thing to do: the demand's next step names it,
    /// and the agenda does not ask again, in the week after its day, to check on the payment.
    @Test func aPromiseBrokenAfterADemandIsOnTheAgendaOnce() throws {
        let text = DemandAftermathTests.head + """
            2026-03-23 letter acme final
              invoices A-1
            2026-04-15 letter acme demand
              invoices A-1
            2026-04-20 note acme call
              with Jane Doe
              promise 2026-05-01 1,000.00

            """
        for day in ["2026-05-02", "2026-05-08"] {
            let r = try suite.run(text, asOf: day)
            #expect(r.agenda.map(\.action) == ["decide the next step (a claim, an agency, or a write-off)"], "\(day): \(r.agenda)")
            #expect(r.agenda.first?.why == "promise of 2026-04-20 to pay 1,000.00 GBP by 2026-05-01 not kept after our formal demand: nothing of it received, by that day or since; decide the next step yourself")
        }
        // Broken before any demand, with no letter due yet, the week's check on it stays.
        let before = DemandAftermathTests.head + "2026-03-10 note acme call\n  with Jane Doe\n  promise 2026-03-12 1,000.00\n"
        let r = try suite.run(before, asOf: "2026-03-13")
        #expect(r.agenda.map(\.action) == ["check on the payment of 1,000.00 GBP promised for 2026-03-12: it has not arrived"], "\(r.agenda)")
    }

    /// A promise made after the demand, broken with only a remainder left (0.50 GBP of the
    /// 1,000.00 demanded): the broken promise is still the user's to follow up, after the week
    /// the agenda checks on it, not taken for a remainder to write off or let be.
    @Test func aPromiseBrokenAfterADemandIsFollowedUpWhateverIsLeft() throws {
        let text = DemandAftermathTests.head + """
            2026-03-23 letter acme final
              invoices A-1
            2026-04-15 letter acme demand
              invoices A-1
            2026-04-20 note acme call
              with Jane Doe
              promise 2026-05-01 1,000.00
            2026-04-30 payment acme 999.50
              apply A-1

            """
        for day in ["2026-05-04", "2026-05-20"] {
            let r = try suite.run(text, asOf: day)
            #expect(r.choice.stage == nil && !r.choice.remainder && r.choice.demandUnanswered, "\(r.choice.reason)")
            let steps = r.agenda.filter { $0.kind == .nextStep }
            #expect(steps.map(\.action) == ["decide the next step (a claim, an agency, or a write-off)"], "\(r.agenda)")
            #expect(steps.first?.why == "promise of 2026-04-20 to pay 1,000.00 GBP by 2026-05-01 not kept after our formal demand: 999.50 GBP of it received by that day and nothing since; only 0.50 GBP is left on A-1; decide the next step yourself", "\(steps)")
            #expect(!r.agenda.contains { $0.action.hasPrefix("write off") })
        }
        // Without the promise, the remainder is the user's to write off or let be, as before.
        let kept = text.replacingOccurrences(of: "  promise 2026-05-01 1,000.00\n", with: "")
        #expect(try suite.run(kept, asOf: "2026-05-20").agenda.map(\.action) == ["write off the 0.50 GBP left, or let it be"])
    }

    /// The demand of 15 April claimed 15.34 of interest (8% for 70 days) and the 70.00
    /// statutory sum on A-1; the client paid A-1 alone.
    static let claimed = DemandAftermathTests.askedApart.replacingOccurrences(of: "  terms net 30\n", with: "  terms net 30\n  interest 8%\n  compensation statutory\n")
        + "2026-04-25 payment acme 1,000.00\n  apply A-1\n\n"
    static let decide = "decide whether to pursue or waive the 85.34 GBP of interest and compensation our formal demand of 2026-04-15 claimed"

    @Test func aDemandsClaimLeftUnpaidIsTheUsersToDecide() throws {
        // A reminder for A-2 goes, and the agenda asks about the claim beside it.
        let r = try suite.run(Self.claimed, asOf: "2026-04-28")
        #expect(r.choice.stage == .followUp)
        try #require(r.agenda.map(\.action) == ["send a follow-up (400.00 GBP)", Self.decide])
        #expect(r.agenda[1].why == "invoice A-1 was settled on 2026-04-25 without it; to pursue it, record it as an invoice of that sum; to waive it, record that invoice and write it off as waived")
        // With nothing else open, above the thank-you, to be decided first (before: below it),
        // and the thank-you, sent undecided, says the claim is not paid and that we will write
        // about it (before, it stopped at 'is not covered by these payments.').
        let thanks = try suite.run(Self.claimed + "2026-04-26 payment acme 400.00\n  apply A-2\n", asOf: "2026-04-28")
        #expect(thanks.choice.stage == .thanks)
        #expect(thanks.agenda.map(\.action) == [Self.decide, "send a thank-you"])
        #expect(thanks.text.contains("The 85.34 GBP of interest and compensation set out in my demand of 15 April 2026 is not covered by these payments; I will write to you about it separately."), "\(thanks.text)")
        #expect(!thanks.text.contains("remains owed"))
        // Once that thank-you has gone, the item says what it told them.
        let told = try suite.run(Self.claimed + "2026-04-26 payment acme 400.00\n  apply A-2\n\n2026-04-28 letter acme thanks\n", asOf: "2026-04-30")
        #expect(told.agenda.first { $0.action == Self.decide }?.why == "invoice A-1 was settled on 2026-04-25 without it; our thank-you of 2026-04-28 told them you would write to them about it; to pursue it, record it as an invoice of that sum; to waive it, record that invoice and write it off as waived")
        // Recorded as an invoice, it is chased as one: the item goes.
        let recorded = Self.claimed + "2026-04-27 invoice acme A-1-LATE\n  for Interest and compensation on A-1\n  total 85.34\n\n"
        #expect(try !suite.run(recorded, asOf: "2026-04-28").agenda.contains { $0.action == Self.decide })
        // Thirty days after A-1 was paid, as for a thank-you, it is left as it stands.
        #expect(try suite.run(Self.claimed, asOf: "2026-05-25").agenda.contains { $0.action == Self.decide })
        #expect(try !suite.run(Self.claimed, asOf: "2026-05-26").agenda.contains { $0.action == Self.decide })
    }

    /// The client paid A-2 and 85.34 beyond it, held on account: the thank-you says that money
    /// covers the demand's claim. Once it has gone, the agenda tells the user to record the
    /// claim as an invoice of that sum, so the books agree with the letter (the money would
    /// otherwise pay the next invoice), until such an invoice is recorded.
    @Test func aClaimAThankYouCalledCoveredIsToBeRecorded() throws {
        let paid = Self.claimed + "2026-04-26 payment acme 485.34\n  apply A-2 400.00\n"
        let thanks = try suite.run(paid, asOf: "2026-04-28")
        #expect(thanks.choice.stage == .thanks)
        #expect(thanks.text.contains("These payments also cover the 85.34 GBP of interest and compensation set out in my demand of 15 April 2026."), "\(thanks.text)")
        #expect(thanks.agenda.map(\.action) == ["send a thank-you"])
        let sent = paid + "2026-04-28 letter acme thanks\n"
        let record = "record as an invoice the 85.34 GBP of interest and compensation our formal demand of 2026-04-15 claimed"
        let r = try suite.run(sent, asOf: "2026-04-30")
        #expect(r.agenda.map(\.action) == [record])
        #expect(r.agenda.first?.why == "our thank-you of 2026-04-28 told them it was covered by what they paid; until it is recorded, the books hold that money on account, and it would pay their next invoice")
        // Recorded, paid by the money held: the item goes.
        let recorded = sent + "2026-04-30 invoice acme A-1-LATE\n  for Interest and compensation on A-1\n  total 85.34\n"
        #expect(try suite.run(recorded, asOf: "2026-05-02").agenda.isEmpty)
        // As for a claim left unpaid, it stays thirty days after the invoices were paid.
        #expect(try suite.run(sent, asOf: "2026-05-25").agenda.map(\.action) == [record])
        #expect(try suite.run(sent, asOf: "2026-05-26").agenda.isEmpty)
    }

    /// The thank-you called the claim covered by the 85.34 held on account; A-3, issued since,
    /// took that money. The claim is still the user's to record, not to pursue or waive (the
    /// client was told it was covered): dated on the thank-you's day, its invoice takes that
    /// money back, as the letter said, and A-3 has that much more open.
    @Test func aClaimAThankYouCalledCoveredIsStillToBeRecordedOnceLaterWorkTookTheMoney() throws {
        let sent = Self.claimed + "2026-04-26 payment acme 485.34\n  apply A-2 400.00\n2026-04-28 letter acme thanks\n2026-05-01 invoice acme A-3\n  total 200.00\n"
        let record = "record as an invoice dated 2026-04-28 the 85.34 GBP of interest and compensation our formal demand of 2026-04-15 claimed"
        for day in ["2026-05-02", "2026-05-25"] {
            let r = try suite.run(sent, asOf: day)
            #expect(r.agenda.map(\.action) == [record], "\(day): \(r.agenda.map(\.action))")
            #expect(r.agenda.first?.why == "our thank-you of 2026-04-28 told them it was covered by money of theirs held on account, which has since gone to invoice A-3; dated 2026-04-28, the claim takes that money back, as the thank-you told them, and invoice A-3 has that much more open; dated later, the claim is left for them to pay")
        }
        #expect(try suite.run(sent, asOf: "2026-05-26").agenda.isEmpty)
        // Recorded on the thank-you's day, the money held pays it, and A-3 has it all open.
        let claim = "  for Interest and compensation on A-1\n  total 85.34\n"
        let backdated = load(sent + "2026-04-28 invoice acme A-1-LATE\n" + claim).ledger
        let sheet = BalanceEngine.balances(backdated, asOf: Day.parse("2026-05-02")!)
        #expect(sheet.invoices[backdated.invoiceIndex["A-1-LATE"]!].open == 0 && sheet.invoices[backdated.invoiceIndex["A-3"]!].open == 200_00)
        #expect(try suite.run(sent + "2026-04-28 invoice acme A-1-LATE\n" + claim, asOf: "2026-05-02").agenda.isEmpty)
        // Recorded later, it is left to pay, and the item goes all the same.
        #expect(try suite.run(sent + "2026-05-02 invoice acme A-1-LATE\n" + claim, asOf: "2026-05-02").agenda.isEmpty)
        // A thank-you that found only 50.00 held called the claim not fully covered: money paid
        // since, taken by A-3, does not make it one the client was told was covered.
        let short = Self.claimed + "2026-04-26 payment acme 450.00\n  apply A-2 400.00\n2026-04-28 letter acme thanks\n2026-04-29 payment acme 100.00\n2026-05-01 invoice acme A-3\n  total 200.00\n"
        #expect(try suite.run(short, asOf: "2026-05-02").agenda.map(\.action) == [Self.decide])
    }

    /// Money held on account short of the claim is offered against it: the thank-you says what
    /// that would leave of the claim uncovered, never what would be owed; so too of a claim
    /// made by an earlier demand, named by that demand.
    @Test func aThankYouOfferingHeldMoneyAgainstTheClaimDoesNotCallItOwed() throws {
        let r = try suite.run(Self.claimed + "2026-04-26 payment acme 450.00\n  apply A-2 400.00\n", asOf: "2026-04-28")
        #expect(r.choice.stage == .thanks)
        #expect(r.text.contains("The 85.34 GBP of interest and compensation set out in my demand of 15 April 2026 is not fully covered by these payments."), "\(r.text)")
        #expect(r.values["credit.on-account"] == "We hold 50.00 GBP of yours on account, which we can set against it if you agree, leaving 35.34 GBP of it uncovered.")
        #expect(!r.text.contains("owed"), "\(r.text)")
        // A-3, invoiced after that claim went unpaid, paid with 50.00 beyond it.
        let later = Self.claimed + "2026-04-26 payment acme 400.00\n  apply A-2\n2026-04-28 letter acme thanks\n2026-05-01 invoice acme A-3\n  total 200.00\n2026-06-08 letter acme reminder\n  invoices A-3\n2026-06-10 payment acme 250.00\n"
        let t = try suite.run(later, asOf: "2026-06-12")
        #expect(t.choice.stage == .thanks, "\(t.choice.reason)")
        #expect(t.values["credit.on-account"] == "We hold 50.00 GBP of yours on account, which we can set against the interest and compensation set out in my demand of 15 April 2026, if you agree.", "\(t.values["credit.on-account"] ?? "")")
        #expect(!t.text.contains("owed"), "\(t.text)")
    }

    /// A claim recorded as an invoice of its sum and paid, or written off `waived`, is behind
    /// us: a thank-you for later work paid with 50.00 beyond it offers that money back against
    /// the next invoice, calls the account settled, and names no claim; the agenda asks
    /// nothing about the claim, and asks about the 50.00 as for any client, until a letter
    /// offering it back is recorded.
    @Test func aThankYouForLaterWorkLeavesAClaimRecordedAndPaidBehind() throws {
        let paid = Self.claimed + "2026-04-26 payment acme 400.00\n  apply A-2\n2026-04-28 letter acme thanks\n"
            + "2026-04-30 invoice acme A-1-LATE\n  for Interest and compensation on A-1\n  total 85.34\n"
        let later = "2026-05-01 invoice acme A-3\n  total 200.00\n2026-06-08 letter acme reminder\n  invoices A-3\n2026-06-10 payment acme 250.00\n  apply A-3 200.00\n"
        for (how, settled) in [("paid", "2026-05-04 payment acme 85.34\n  apply A-1-LATE\n"), ("waived", "2026-05-04 writeoff acme A-1-LATE\n  reason let it go\n  waived\n")] {
            let t = try suite.run(paid + settled + later, asOf: "2026-06-12")
            #expect(t.choice.stage == .thanks, "\(how): \(t.choice.reason)")
            #expect(t.choice.reason == "all settled on 2026-06-10 after our reminder of 2026-06-08", "\(how): \(t.choice.reason)")
            #expect(t.values["credit.on-account"] == "We hold 50.00 GBP of yours on account, which we will set against your next invoice unless you would rather have it refunded.", "\(how): \(t.values["credit.on-account"] ?? "")")
            #expect(t.text.contains("your account with us is now fully settled"), "\(how): \(t.text)")
            #expect(!t.text.contains("demand") && !t.text.contains("interest and compensation"), "\(how): \(t.text)")
            #expect(t.agenda.map(\.action) == ["send a thank-you", "refund the 50.00 GBP held on account, or tell them it is kept for their next invoice"], "\(how): \(t.agenda.map(\.action))")
            let thanked = try suite.run(paid + settled + later + "2026-06-12 letter acme thanks\n", asOf: "2026-06-13")
            #expect(thanked.agenda.isEmpty, "\(how): \(thanked.agenda.map(\.action))")
        }
    }

    /// A credit note after the demand lowers its claim, as what a credit note took off bears
    /// none (7.3): A-1's 100.00 credited bears no interest (900.00 × 8% × 70/365 = 13.81), and
    /// the debt that was late, 900.00, takes the 40.00 band. The thank-you says what the demand
    /// stated and what it comes to now, without deciding for the user that it is owed; the
    /// agenda gives the same figure.
    @Test func aCreditNoteAfterTheDemandLowersItsClaim() throws {
        let text = DemandAftermathTests.askedApart.replacingOccurrences(of: "  terms net 30\n", with: "  terms net 30\n  interest 8%\n  compensation statutory\n")
            + "2026-04-20 credit acme 100.00\n  number CN-9\n  apply A-1\n\n2026-04-25 payment acme 900.00\n  apply A-1\n\n2026-04-26 payment acme 400.00\n  apply A-2\n"
        let r = try suite.run(text, asOf: "2026-04-28")
        #expect(r.choice.stage == .thanks)
        #expect(r.text.contains("My demand of 15 April 2026 set out 85.34 GBP of interest and compensation; as credit note CN-9 has since reduced invoice A-1, and nothing is claimed on what a credit note takes off, that comes to 53.81 GBP now. It is not covered by these payments; I will write to you about it separately."), "\(r.text)")
        #expect(!r.text.contains("remains owed"))
        let decide = "decide whether to pursue or waive the 53.81 GBP of interest and compensation that our formal demand of 2026-04-15 comes to now (it stated 85.34 GBP; a credit note has since reduced its invoices)"
        #expect(r.agenda.map(\.action).contains(decide), "\(r.agenda.map(\.action))")
        // Recorded as an invoice of either figure, as the demand stated it or as it comes to
        // now, the item goes.
        for total in ["85.34", "53.81"] {
            let recorded = text + "2026-04-27 invoice acme A-1-LATE\n  for Interest and compensation on A-1\n  total \(total)\n"
            #expect(try !suite.run(recorded, asOf: "2026-04-28").agenda.contains { $0.action.hasPrefix("decide whether to pursue or waive") }, "\(total)")
        }
    }

    /// The same claim, lowered by a credit note, met by money held on account (A-2 paid with
    /// 53.81 beyond it): the thank-you says what the demand stated and what it comes to now,
    /// which the payments cover, never that the demand set out the lower figure. So do the
    /// stage's reason and, once the thank-you has gone, the agenda's item to record it; an
    /// invoice of either figure records it.
    @Test func aClaimLoweredByACreditNoteAndCoveredSaysWhatTheDemandStated() throws {
        let text = DemandAftermathTests.askedApart.replacingOccurrences(of: "  terms net 30\n", with: "  terms net 30\n  interest 8%\n  compensation statutory\n")
            + "2026-04-20 credit acme 100.00\n  number CN-9\n  apply A-1\n\n2026-04-25 payment acme 900.00\n  apply A-1\n\n2026-04-26 payment acme 453.81\n  apply A-2 400.00\n"
        let r = try suite.run(text, asOf: "2026-04-28")
        #expect(r.choice.stage == .thanks)
        #expect(r.text.contains("My demand of 15 April 2026 set out 85.34 GBP of interest and compensation; as credit note CN-9 has since reduced invoice A-1, and nothing is claimed on what a credit note takes off, that comes to 53.81 GBP now, which these payments also cover."), "\(r.text)")
        #expect(!r.text.contains("set out in my demand") && !r.text.contains("not covered"), "\(r.text)")
        #expect(r.choice.reason.hasSuffix("; the money held on account meets the claim of the demand of 2026-04-15 (53.81 GBP now; it stated 85.34 GBP, which a credit note has since reduced): record it as an invoice, or it will pay later work"), "\(r.choice.reason)")
        let sent = text + "2026-04-28 letter acme thanks\n"
        let after = try suite.run(sent, asOf: "2026-04-30")
        #expect(after.agenda.map(\.action) == ["record as an invoice the 53.81 GBP of interest and compensation that our formal demand of 2026-04-15 comes to now (it stated 85.34 GBP; a credit note has since reduced its invoices)"], "\(after.agenda.map(\.action))")
        // Recorded as an invoice of either figure, no item is left about the claim.
        for total in ["85.34", "53.81"] {
            let recorded = sent + "2026-04-30 invoice acme A-1-LATE\n  for Interest and compensation on A-1\n  total \(total)\n"
            let items = try suite.run(recorded, asOf: "2026-05-02").agenda.map(\.action)
            #expect(!items.contains { $0.hasPrefix("record as an invoice") || $0.hasPrefix("decide whether to pursue") }, "\(total): \(items)")
        }
    }

    /// A claim recorded as an invoice and written off `waived` was let go, not paid: the
    /// thank-you names the waiver and does not say the payment covered the claim.
    @Test func aClaimWaivedIsNotCalledPaid() throws {
        let text = Self.claimed + """
            2026-04-26 payment acme 400.00
              apply A-2
            2026-04-27 invoice acme A-1-LATE
              for Interest and compensation on A-1
              total 85.34
            2026-04-27 writeoff acme A-1-LATE
              reason Goodwill
              waived

            """
        let r = try suite.run(text, asOf: "2026-04-28")
        #expect(r.choice.stage == .thanks)
        #expect(!r.agenda.contains { $0.action == Self.decide })
        #expect(r.values["writeoffs"] == "As agreed, we have waived 85.34 GBP of invoice A-1-LATE.")
        #expect(!r.text.contains("also cover") && !r.text.contains("remains owed"), "\(r.text)")
        #expect(r.text.contains("Thank you for paying them."))
    }

    /// So was one a credit note cancelled: no money paid it.
    @Test func aClaimCancelledByACreditNoteIsNotCalledPaid() throws {
        let text = Self.claimed + """
            2026-04-26 payment acme 400.00
              apply A-2
            2026-04-27 invoice acme A-1-LATE
              for Interest and compensation on A-1
              total 85.34
            2026-04-27 credit acme 85.34
              apply A-1-LATE

            """
        let r = try suite.run(text, asOf: "2026-04-28")
        #expect(r.choice.stage == .thanks)
        #expect(!r.text.contains("also cover") && !r.text.contains("remains owed"), "\(r.text)")
    }

    /// A demand that asks for a plan's missed instalments beside its own amount closes by asking
    /// for both, and threatens formal steps over its own amount alone.
    @Test func aDemandsClosingAsksForTheMissedInstalmentsItsBodyAsksFor() throws {
        let r = try suite.run(DemandAftermathTests.planBeside, asOf: "2026-04-06")
        #expect(r.choice.stage == .demand)
        #expect(r.values["on.hold"]?.hasSuffix("Please send those instalments with the 1,000.00 GBP asked for here.") == true)
        #expect(r.text.contains("Please pay 1,000.00 GBP and the 600.00 GBP of those instalments (1,600.00 GBP in all) by 16 April 2026. If the 1,000.00 GBP of this demand has not reached us by that date, we intend to take formal steps"), "\(r.text)")
        // With a claim, the sum takes it in.
        let claiming = DemandAftermathTests.planBeside.replacingOccurrences(of: "  terms net 30\n", with: "  terms net 30\n  interest 8%\n  compensation statutory\n")
        let c = try suite.run(claiming, asOf: "2026-04-06")
        #expect(c.text.contains("Please pay 1,083.37 GBP and the 600.00 GBP of those instalments (1,683.37 GBP in all) by 16 April 2026. If the 1,083.37 GBP of this demand has not reached us by that date"), "\(c.text)")
        // Without missed instalments, the closing is as before.
        let plain = try suite.run(DemandAftermathTests.askedApart.replacingOccurrences(of: "2026-04-15 letter acme demand\n  invoices A-1\n", with: ""), asOf: "2026-04-15")
        #expect(plain.choice.stage == .demand)
        #expect(plain.text.contains("Please pay 1,000.00 GBP by 27 April 2026. If it has not reached us by that date"), "\(plain.text)")
    }
}
