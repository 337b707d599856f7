import Testing
@testable import DueKit

/// A deadline in a letter is a day the client's office is open: never a weekend, nor Christmas,
/// Boxing Day or New Year's Day, nor the weekday standing in for one of them that fell on a
/// weekend, nor Good Friday or Easter Monday.
@Suite struct WorkingDayTests {
    private func working(_ s: String) -> String { Holidays.standard.workingDay(from: Day.parse(s)!).description }

    @Test func weekendsMoveToMonday() {
        #expect(working("2026-11-27") == "2026-11-27")  // a Friday
        #expect(working("2026-11-28") == "2026-11-30")
        #expect(working("2026-11-29") == "2026-11-30")
    }

    /// 2026: Christmas on a Friday, Boxing Day on a Saturday (Monday 28 stands in); New Year's
    /// Day 2027 on a Friday. 2027: Christmas on a Saturday (Monday 27 and Tuesday 28 stand in);
    /// New Year's Day 2028 on a Saturday (Monday 3 stands in). 2022: Christmas on a Sunday
    /// (Boxing Day keeps Monday 26, Christmas takes Tuesday 27); New Year's Day 2023 on a
    /// Sunday (Monday 2).
    @Test func theChristmasAndNewYearHolidaysMoveToTheNextOpenDay() {
        #expect(working("2026-12-24") == "2026-12-24")
        #expect(working("2026-12-25") == "2026-12-29")
        #expect(working("2027-01-01") == "2027-01-04")
        #expect(working("2027-12-24") == "2027-12-24")
        #expect(working("2027-12-25") == "2027-12-29")
        #expect(working("2027-12-27") == "2027-12-29")
        #expect(working("2027-12-31") == "2027-12-31")
        #expect(working("2028-01-01") == "2028-01-04")
        #expect(working("2022-12-26") == "2022-12-28")
        #expect(working("2023-01-01") == "2023-01-03")
        // An ordinary 27 December or 2 January is a working day.
        #expect(working("2023-12-27") == "2023-12-27")
        #expect(working("2024-01-02") == "2024-01-02")
    }

    /// Good Friday and Easter Monday move a deadline on, the Easter weekend with them: Good
    /// Friday 2026 (3 April) to Tuesday 7 April.
    @Test func theEasterHolidaysMoveToTheNextOpenDay() {
        let sundays = [1818: "1818-03-22", 2000: "2000-04-23", 2019: "2019-04-21", 2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2038: "2038-04-25"]
        for (year, day) in sundays { #expect(Day.easterSunday(year).description == day) }
        #expect(working("2026-04-02") == "2026-04-02")
        #expect(working("2026-04-03") == "2026-04-07")
        #expect(working("2026-04-06") == "2026-04-07")
        #expect(working("2027-03-26") == "2027-03-30")
        // Ascension, Whit Monday and the like are not taken: they are closed in some places only.
        #expect(working("2026-05-25") == "2026-05-25")
    }
}

/// The next letter never comes before the client has had the whole of the day the last one
/// gave: over Christmas that day can fall after the cadence's days.
@Suite struct ReplyDateTests {
    @Test func theNextLetterWaitsForTheDayTheLastOneGave() throws {
        let r = load("""
            settings
              currency GBP
            client acme Acme Ltd
            2026-10-01 invoice acme X-1
              total 800.00
            2026-11-17 letter acme reminder
              invoices X-1
            2026-12-01 letter acme follow-up
              invoices X-1
            2026-12-15 letter acme follow-up
              invoices X-1

            """)
        func choice(_ day: String) throws -> StageChoice {
            let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(day)!)
            return StageChooser.choose(try #require(ClientStory.all(r.ledger, sheet: sheet).first), ledger: r.ledger, sheet: sheet)
        }
        // 15 December + 10 days is Christmas Day; Boxing Day is a Saturday, so Monday 28 is
        // closed too, and the follow-up asked for a reply by Tuesday 29 December.
        let waiting = try choice("2026-12-29")
        #expect(waiting.stage == nil && waiting.nextDate == Day.parse("2026-12-30"), "\(waiting.reason)")
        #expect(try choice("2026-12-30").stage == .final)
    }
}

extension ReplyDateTests {
    /// An instalment that falls due on Christmas Day is asked for by the next working day:
    /// 25 December 2026 is a Friday and Monday 28 stands in for Boxing Day.
    @Test func anInstalmentDueOnChristmasDayIsAskedForByTheNextWorkingDay() throws {
        let r = load("""
            settings
              currency GBP
              courtesy 5
            client acme Acme Ltd
            2026-09-01 invoice acme P-1
              total 900.00
            2026-10-20 plan acme 900.00
              for P-1
              2026-11-25 450.00
              2026-12-25 450.00
            2026-11-25 payment acme 450.00
              apply P-1

            """)
        let day = Day.parse("2026-12-21")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .instalment, "\(choice.reason)")
        let values = LetterFields.values(stage: .instalment, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        #expect(values["plan.by"] == "29 December 2026")
    }
}

extension ReplyDateTests {
    /// A courtesy note names the invoices falling due within `cadence` min days after its
    /// window too, so a second note does not follow a few days after the first.
    @Test func aCourtesyNoteCoversWhatFallsDueInTheDaysAfterIt() throws {
        let text = """
            settings
              currency GBP
              courtesy 3
            client acme Acme Ltd
              terms net 30
            2026-01-05 invoice acme A-1
              total 100.00
            2026-01-08 invoice acme A-2
              total 200.00
            2026-01-30 invoice acme A-3
              total 300.00

            """
        func choice(_ ledger: String, _ day: String) throws -> StageChoice {
            let r = load(ledger)
            let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(day)!)
            return StageChooser.choose(try #require(ClientStory.all(r.ledger, sheet: sheet).first), ledger: r.ledger, sheet: sheet)
        }
        // A-1 falls due on 4 February, A-2 on 7 February, A-3 on 1 March.
        let first = try choice(text, "2026-02-01")
        #expect(first.stage == .courtesy)
        #expect(first.chased == [0, 1])
        // Once it is recorded, no note goes for A-2 three days later.
        let sent = text + "2026-02-01 letter acme courtesy\n  invoices A-1 A-2\n"
        #expect(try choice(sent, "2026-02-04").stage == nil)
    }
}

extension ReplyDateTests {
    private func choice(_ text: String, _ day: String) throws -> StageChoice {
        let r = load("settings\n  currency GBP\nclient acme Acme Ltd\n  terms net 30\n" + text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(day)!)
        return StageChooser.choose(try #require(ClientStory.all(r.ledger, sheet: sheet).first), ledger: r.ledger, sheet: sheet)
    }

    /// A promise broken before the date our letter gave does not bring the next letter
    /// forward: the reminder of 20 February asked for payment by 2 March.
    @Test func aBrokenPromiseWaitsForTheDateTheLastLetterGave() throws {
        let text = """
            2026-01-05 invoice acme A-1
              total 500.00
            2026-02-20 letter acme reminder
              invoices A-1
            2026-02-20 note acme call
              promise 2026-02-24

            """
        let early = try choice(text, "2026-03-02")
        #expect(early.stage == nil && early.nextDate == Day.parse("2026-03-03"), "\(early.reason)")
        #expect(try choice(text, "2026-03-03").stage == .followUp)
    }

    /// A formal demand waits for the date an instalment reminder sent after the final notice
    /// gave, as well as the final notice's own.
    @Test func aDemandWaitsForTheDateOfALaterInstalmentReminder() throws {
        let text = """
            2025-11-01 invoice acme D1
              total 1000.00
            2025-12-01 invoice acme P1
              total 600.00
            2025-12-10 letter acme reminder
              invoices D1
            2026-01-10 letter acme follow-up
              invoices D1
            2026-01-25 letter acme follow-up
              invoices D1
            2026-01-15 plan acme 600.00
              for P1
              2026-02-01 300.00
              2026-02-20 300.00
            2026-02-01 payment acme 300.00
              apply P1
            2026-03-02 letter acme final
              invoices D1
            2026-03-12 letter acme instalment
              invoices P1

            """
        // The final notice gave 12 March; the instalment reminder of 12 March gave Monday 23
        // March (the 22nd is a Sunday).
        let early = try choice(text, "2026-03-23")
        #expect(early.stage == nil && early.nextDate == Day.parse("2026-03-24"), "\(early.reason)")
        #expect(try choice(text, "2026-03-24").stage == .demand)
    }
}

/// An instalment note sent before the instalment fell due (`courtesy` on) asked for it by the
/// instalment's own date, not by the reply date: the reminder once it is missed waits for that
/// date, `reminder-after` and `cadence` min, and no longer.
@Suite struct CourtesyInstalmentDateTests {
    private let head = """
        settings
          currency  GBP
          courtesy  on
          holidays  england
        client ivy Ivybridge Books
          terms  net 30
        2026-03-02 invoice ivy IV-1
          total  1,500.00
        2026-04-10 plan ivy 1,500.00
          2026-04-30  500.00
          2026-05-25  500.00
          2026-06-26  500.00
        2026-04-01 letter ivy courtesy
          invoices  IV-1
        2026-04-08 letter ivy reminder
          invoices  IV-1

        """

    private func choice(_ text: String, _ day: String) throws -> StageChoice {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(day)!)
        return StageChooser.choose(try #require(ClientStory.all(r.ledger, sheet: sheet).first), ledger: r.ledger, sheet: sheet)
    }

    /// The note of 27 April said "Please send it by 30 April 2026". The 30 April instalment is
    /// missed: 3 days late on 3 May, 7 days after the note on 4 May, so the reminder goes on
    /// 4 May, not on 8 May (27 April and `reply-days`).
    @Test func theReminderAfterACourtesyInstalmentNoteWaitsForTheInstalmentsDate() throws {
        let text = head + "2026-04-27 letter ivy instalment\n  invoices IV-1\n"
        let early = try choice(text, "2026-05-03")
        #expect(early.stage == nil && early.nextDate == Day.parse("2026-05-04"), "\(early.reason)")
        let due = try choice(text, "2026-05-04")
        #expect(due.stage == .instalment, "\(due.reason)")
        #expect(due.reason == "instalment of 500.00 GBP due 2026-04-30 has not arrived (4 days)")
    }

    /// Once the plan has run out, the follow-up counts the instalment reminders that went
    /// unanswered: the courtesy notes, sent before their instalments fell due, are not among
    /// them (they reminded the client of nothing missed).
    @Test func courtesyNotesAreNotCountedAsUnansweredReminders() throws {
        let text = head + """
            2026-04-30 payment ivy 500.00
            2026-04-27 letter ivy instalment
              invoices IV-1
            2026-05-22 letter ivy instalment
              invoices IV-1
            2026-06-02 letter ivy instalment
              invoices IV-1
            2026-06-29 letter ivy instalment
              invoices IV-1

            """
        let c = try choice(text, "2026-07-13")
        #expect(c.stage == .followUp, "\(c.reason)")
        #expect(c.remindersUnanswered == 2)
        #expect(c.reason.hasSuffix("2 instalment reminders unanswered"), "\(c.reason)")
    }

    /// The note of 22 May gave 26 May (25 May is the Spring bank holiday): the reminder goes on
    /// 29 May, 7 days after the note, not on 2 June.
    @Test func theDateTheNoteGaveIsMovedOffAHolidayAsTheNoteSaidIt() throws {
        let text = head + """
            2026-04-30 payment ivy 500.00
            2026-04-27 letter ivy instalment
              invoices IV-1
            2026-05-22 letter ivy instalment
              invoices IV-1

            """
        #expect(try choice(text, "2026-05-28").stage == nil)
        #expect(try choice(text, "2026-05-29").stage == .instalment)
        // With a short cadence and one day's grace, the day after that date decides: the
        // reminder goes on 27 May, not on 26 May, which the note gave, and on which the
        // instalment is still on time (its last day, 25 May being a bank holiday).
        let short = text.replacingOccurrences(of: "  holidays  england\n", with: "  holidays  england\n  cadence  2 14\n  reminder-after  1\n")
        let wait = try choice(short, "2026-05-26")
        #expect(wait.stage == nil && wait.nextDate == Day.parse("2026-05-27"))
        #expect(wait.reason == "on a payment plan; next instalment 500.00 GBP on 2026-05-25 (no working day: it can arrive until 2026-05-26)")
        #expect(try choice(short, "2026-05-27").stage == .instalment)
    }

    /// A reminder sent a few days before the next instalment, about one missed before it, gave
    /// the reply date: the reminder about the next one waits for that, though the missed one
    /// was paid after it (the plan as it stood on the letter's day decides what it said).
    @Test func anInstalmentReminderSentBeforeTheNextInstalmentGaveTheReplyDate() throws {
        let text = head + """
            2026-05-24 payment ivy 500.00
            2026-05-22 letter ivy instalment
              invoices IV-1

            """
        // It asked on 22 May for the 30 April instalment by 1 June.
        let early = try choice(text, "2026-06-01")
        #expect(early.stage == nil && early.nextDate == Day.parse("2026-06-02"), "\(early.reason)")
        #expect(try choice(text, "2026-06-02").stage == .instalment)
    }
}
