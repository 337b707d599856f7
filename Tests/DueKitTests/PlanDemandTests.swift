import Testing
@testable import DueKit

/// A formal demand about a payment plan's invoice: it demands only what a final notice warned
/// would be demanded, and claims no interest for the days the plan's schedule gave.
@Suite struct PlanDemandTests {
    /// K-1 chased on the ladder; K-2 in a plan of four instalments, the first paid on its day,
    /// the second and third missed and asked for beside K-1 by the final notice of 7 June, the
    /// fourth fallen due on 19 June, after it. The demand of 21 June was about K-1 alone and
    /// asked for the plan's three missed instalments beside it, by 1 July.
    static let ledger = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client kite Kite Print Ltd
          contact Ann Kite
          terms net 30
          interest 8%
          compensation statutory

        2026-01-05 invoice kite K-1
          for Posters
          total 800.00
        2026-01-10 invoice kite K-2
          for Catalogue
          total 1,200.00
        2026-03-01 plan kite 1,200.00
          for K-2
          2026-03-20 300.00
          2026-04-20 300.00
          2026-05-20 300.00
          2026-06-19 300.00
        2026-03-20 payment kite 300.00
          apply K-2

        2026-02-08 letter kite reminder
          invoices K-1
        2026-02-22 letter kite follow-up
          invoices K-1 K-2
        2026-03-11 letter kite follow-up
          invoices K-1
        2026-04-03 letter kite follow-up
          invoices K-1
        2026-04-17 letter kite follow-up
          invoices K-1
        2026-04-24 letter kite instalment
          invoices K-2 K-1
        2026-05-11 letter kite follow-up
          invoices K-1 K-2
        2026-05-24 letter kite instalment
          invoices K-2 K-1
        2026-06-07 letter kite final
          invoices K-1 K-2
        2026-06-21 letter kite demand
          invoices K-1

        """

    struct Run {
        let ledger: Ledger
        let choice: StageChoice
        let values: [String: String]
        let text: String
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
        return Run(ledger: r.ledger, choice: choice, values: values, text: text)
    }

    /// The client rang after each instalment reminder, so the plan ran on to its last date
    /// rather than lapsing (3.10): the final notice of 7 June asked for its instalments missed
    /// by then, not for all of K-2.
    static let answered = ledger + """
        2026-04-27 note kite call
        2026-05-27 note kite call

        """

    /// The final notice of 7 June warned of a demand over the instalments missed by then, not
    /// over the one due on 19 June: once the plan has run out, K-2 gets a final notice of its
    /// own before any demand claims on it (before: a demand about K-2 on 3 July, claiming
    /// interest and compensation on all 900.00 GBP open).
    /// With the reminders unanswered (`ledger`), the plan lapsed on 5 May, and the final notice
    /// of 7 June asked for all 900.00 GBP open on K-2: the demand follows it. (Before, the test
    /// ran on that ledger, and the final notice of 8 July said the one of 7 June "asked only
    /// for the instalments of our payment plan missed by then".)
    @Test func planMoneyNoFinalNoticeWarnedOfGetsItsOwnFinalNotice() throws {
        for day in ["2026-07-03", "2026-07-08"] {
            let r = try run(Self.answered, asOf: day)
            #expect(r.choice.stage != .demand, "\(day): \(r.choice.reason)")
        }
        let lapsed = try run(Self.ledger, asOf: "2026-07-03")
        #expect(lapsed.choice.stage == .demand, "\(lapsed.choice.reason)")
        #expect(lapsed.text.contains("This letter is a formal demand for payment of 982.62 GBP, that is, 900.00 GBP open on invoice K-2 and 82.62 GBP of interest and compensation, set out below."), "\(lapsed.text)")
        let r = try run(Self.answered, asOf: "2026-07-08")
        #expect(r.choice.stage == .final)
        #expect(r.choice.chased.map { r.ledger.invoices[$0].number } == ["K-2"])
        #expect(r.choice.reason == "the payment plan for invoice K-2 ran out with an instalment our final notice of 2026-06-07 did not warn of; K-2 is 149 days past due")
        #expect(r.text.contains("This is a final notice about invoice K-2: 900.00 GBP is still to pay, 149 days past its due date. My final notice of 7 June 2026 asked only for the instalments of our payment plan missed by then; this one is about all that is open on invoice K-2 now."))
        #expect(!r.text.contains("still stands: 900.00 GBP"))

        // That final notice sent and unanswered, the demand about K-2 follows it.
        let sent = Self.answered + """
            2026-07-08 letter kite final
              invoices K-2

            """
        let d = try run(sent, asOf: "2026-07-22")
        #expect(d.choice.stage == .demand)
        #expect(d.choice.chased.map { d.ledger.invoices[$0].number } == ["K-2"])
    }

    /// The demand about K-2 recites the demand of 21 June about K-1 among the letters left
    /// unanswered because it asked for K-2's missed instalments beside K-1, and says so, there
    /// and in its history (before: "… or formal demand of 21 June 2026 …" and "our formal
    /// demand about K-1", which read as beside the point).
    @Test func anEarlierDemandAboutOtherWorkSaysItAskedForThePlansInstalments() throws {
        let sent = Self.ledger + """
            2026-07-08 letter kite final
              invoices K-2

            """
        let r = try run(sent, asOf: "2026-07-22")
        #expect(r.choice.stage == .demand)
        // K-2's plan is in default since 5 May, the instalment reminder of 24 April unanswered by
        // 4 May, and stays so past its last date (3.10): on 21 June K-2 was back on the ladder in
        // full, so the demand about K-1 asked for K-2 apart, not for the plan's instalments.
        // (LetterConsistencyTests.aDemandAboutAPlanRecitesTheEarlierDemandThatAskedForItsInstalments
        // has a demand that did.)
        #expect(r.text.contains("I have had no reply to my instalment reminder of 24 April 2026, follow-up of 11 May 2026, instalment reminder of 24 May 2026 or final notices of 7 June 2026 and 8 July 2026, and no payment has arrived since."), "\(r.text)")
        #expect(r.text.contains("- 21 June 2026: our formal demand about K-1, which also asked for K-2 to be paid by 1 July 2026\n"), "\(r.text)")
    }

    /// A plan whose every missed instalment the final notice asked for (the schedule ended
    /// before it): the demand after it is about the plan's invoice too, as the notice warned.
    @Test func planMoneyTheFinalNoticeWarnedOfIsDemanded() throws {
        let early = Self.ledger
            .replacingOccurrences(of: "  2026-06-19 300.00\n", with: "")
            .replacingOccurrences(of: "plan kite 1,200.00", with: "plan kite 900.00")
            .replacingOccurrences(of: "total 1,200.00", with: "total 900.00")
            .replacingOccurrences(of: "2026-06-21 letter kite demand\n  invoices K-1\n", with: "")
        let r = try run(early, asOf: "2026-06-21")
        #expect(r.choice.stage == .demand)
        #expect(r.choice.chased.map { r.ledger.invoices[$0].number } == ["K-1", "K-2"])
    }

    /// The plan's first instalment was paid on its day: the offer said nothing would be added
    /// to it, and the demand claims interest only on the two missed instalments, each from the
    /// day after its date: 300.00 for 62 days and 300.00 for 32, 6.18 GBP at 8% (before:
    /// 19.92 GBP, interest on all 900.00 from K-2's due date, the 300.00 paid on time included
    /// until its day). K-1, in no plan, bears interest from its due date as before.
    @Test func instalmentsPaidOnTimeBearNoInterest() throws {
        let early = Self.answered
            .replacingOccurrences(of: "  2026-06-19 300.00\n", with: "")
            .replacingOccurrences(of: "plan kite 1,200.00", with: "plan kite 900.00")
            .replacingOccurrences(of: "total 1,200.00", with: "total 900.00")
            .replacingOccurrences(of: "2026-06-21 letter kite demand\n  invoices K-1\n", with: "")
        let r = try run(early, asOf: "2026-06-21")
        #expect(r.choice.stage == .demand)
        #expect(r.text.contains("| K-1 | 800.00 | 4 February 2026 | 137 | 24.02 (8%) | 40.00 |"))
        // A row per missed instalment, from the day after its date (before: one row "| K-2 |
        // 600.00 | 9 February 2026 | 132 | 6.18 (8%) |", days that were not those counted).
        #expect(r.text.contains("| K-2 | 300.00 | 20 April 2026 (instalment) | 62 | 4.08 (8%) | 40.00 |\n| K-2 | 300.00 | 20 May 2026 (instalment) | 32 | 2.10 (8%) | — |"), "\(r.text)")
        #expect(r.text.contains("On invoice K-2, in our payment plan, interest runs only on an instalment not paid by its date, from the day after it until it is paid: nothing is added to the instalments paid on time."))
        #expect(!r.text.contains("Interest also runs on any part paid after the due date"))
        #expect(r.text.contains("Interest and compensation: 110.20 GBP."))
        // The agenda's figure is the letter's.
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-06-21")!)
        let agenda = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: Day.parse("2026-06-21")!).items
        #expect(agenda.contains { $0.action.contains("1,510.20 GBP, of which 1,400.00 GBP open") }, "\(agenda.map(\.action))")
    }

    /// K-1 went into a plan after the final notice of 31 March about K-1 and K-2; K-2 took a
    /// final notice of its own on 24 April, and the only thing since is K-1's instalment, paid
    /// on its day. Keeping the plan is not an answer to the notice about K-2: the demand of 6
    /// May follows the notice unanswered (before: "answered, but nothing paid by the date it
    /// gave", and the letter said "You have answered since, but no payment has arrived." above
    /// its thanks for the payment).
    static let instalmentBesideFinal = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client fen Fenwick & Sons
          contact Fred Fen
          terms net 30

        2026-01-05 invoice fen K-1
          total 1,000.00
        2026-01-08 invoice fen K-2
          total 600.00
        2026-02-08 letter fen reminder
          invoices K-1 K-2
        2026-02-25 letter fen follow-up
          invoices K-1 K-2
        2026-03-14 letter fen follow-up
          invoices K-1 K-2
        2026-03-31 letter fen final
          invoices K-1 K-2
        2026-04-08 note fen call
          said will pay K-1 in two parts
        2026-04-08 plan fen 1,000.00
          for K-1
          2026-04-30 500.00
          2026-05-29 500.00
        2026-04-24 letter fen final
          invoices K-2
        2026-04-30 payment fen 500.00
          apply K-1

        """

    @Test func aPlansInstalmentOnOtherWorkDoesNotAnswerAFinalNotice() throws {
        let r = try run(Self.instalmentBesideFinal, asOf: "2026-05-06")
        #expect(r.choice.stage == .demand)
        #expect(r.choice.chased.map { r.ledger.invoices[$0].number } == ["K-2"])
        #expect(r.choice.reason == "final notice of 2026-04-24 unanswered after 12 days; K-2 is 88 days past due")
        #expect(!r.text.contains("You have answered since"), "\(r.text)")
        // The instalment is an answer of a kind: the demand does not say it had no reply.
        #expect(!r.text.contains("no reply"), "\(r.text)")
        #expect(r.text.contains("My final notice of 24 April 2026 has brought no payment towards invoice K-2.\nThank you for your payment of 500.00 GBP on 30 April 2026 (towards invoice K-1)."), "\(r.text)")
    }

    /// J-1's plan of three instalments: two paid on their days, the last, of 30 June, missed.
    /// Its interest runs on that 1,000.00 from 1 July alone, and the table's row says so
    /// (before: "| J-1 | 1,000.00 | 4 February 2026 | 176 | 6.58 (8%) | 70.00 |", while
    /// 1,000.00 at 8% for 176 days is 38.58).
    @Test func theInterestTableCountsAMissedInstalmentsDays() throws {
        let text = """
            settings
              currency GBP

            sender Test Studio Ltd
              contact Sam Lee
              bank Sort code 11-22-33, account 12345678

            client fin Finchley Foods Ltd
              contact Fay Finch
              terms net 30
              interest 8%
              compensation statutory

            2026-01-05 invoice fin J-1
              total 3,000.00
            2026-02-08 letter fin reminder
              invoices J-1
            2026-02-25 letter fin follow-up
              invoices J-1
            2026-03-14 letter fin follow-up
              invoices J-1
            2026-03-31 letter fin final
              invoices J-1
            2026-04-07 note fin call
              said can pay in three parts
            2026-04-07 plan fin 3,000.00
              for J-1
              2026-04-30 1,000.00
              2026-05-29 1,000.00
              2026-06-30 1,000.00
            2026-04-30 payment fin 1,000.00
              apply J-1
            2026-05-29 payment fin 1,000.00
              apply J-1
            2026-07-04 letter fin instalment
              invoices J-1
            2026-07-18 letter fin final
              invoices J-1

            """
        let r = try run(text, asOf: "2026-07-30")
        #expect(r.choice.stage == .demand, "\(r.choice.reason)")
        #expect(r.text.contains("| J-1 | 1,000.00 | 30 June 2026 (instalment) | 30 | 6.58 (8%) | 70.00 |"), "\(r.text)")
        #expect(!r.text.contains("| 4 February 2026 | 176 |"))
        #expect(r.text.contains("Interest and compensation: 76.58 GBP."))
    }
}

extension PlanDemandTests {
    /// An instalment due on Saturday 18 April 2026 was on time until Monday 20 April (3.10):
    /// its interest runs from the 21st, 62 days to 21 June, as for one due on the Monday
    /// (before: from the 19th, 64 days, 4.21 GBP), and the table names it by its own date.
    @Test func anInstalmentDueOnASaturdayBearsInterestFromAfterTheMonday() throws {
        let early = Self.answered
            .replacingOccurrences(of: "  2026-06-19 300.00\n", with: "")
            .replacingOccurrences(of: "  2026-04-20 300.00\n", with: "  2026-04-18 300.00\n")
            .replacingOccurrences(of: "plan kite 1,200.00", with: "plan kite 900.00")
            .replacingOccurrences(of: "total 1,200.00", with: "total 900.00")
            .replacingOccurrences(of: "2026-06-21 letter kite demand\n  invoices K-1\n", with: "")
        let r = try run(early, asOf: "2026-06-21")
        #expect(r.choice.stage == .demand)
        #expect(r.text.contains("| K-2 | 300.00 | 18 April 2026 (instalment; on time until 20 April 2026) | 62 | 4.08 (8%) | 40.00 |\n| K-2 | 300.00 | 20 May 2026 (instalment) | 32 | 2.10 (8%) | — |"), "\(r.text)")
        #expect(r.text.contains("On invoice K-2, in our payment plan, interest runs only on an instalment not paid by its date (or by the next working day, when that date is a weekend or a holiday), from the day after that until it is paid: nothing is added to the instalments paid on time."))
        #expect(r.text.contains("Interest and compensation: 110.20 GBP."))
    }
}
