import Testing
@testable import DueKit

/// An instalment due on a weekend or a holiday runs to the next working day, as a promise by
/// such a day does (grammar.md §3.10): money sent by bank transfer cannot arrive on those days,
/// so an instalment due on Saturday 1 August 2026 is on time on Monday 3 August, is not missed,
/// chased or counted late before Tuesday 4 August, and its days late count from Monday. The
/// letters and tables keep the plan's own date.
@Suite struct NonWorkingDayInstalmentTests {
    /// 1 August 2026 is a Saturday, 31 August the summer bank holiday (`holidays england`), and
    /// 25 December a Friday: Monday 28 stands in for Boxing Day, so that one runs to the 29th.
    static let ledger = """
        settings
          currency  GBP
          holidays  england
        client brook Brook & Daughters Bakery
          contact  Tom Brook
          terms    net 30
        2026-05-01 invoice brook B-1
          total  3,600.00
        2026-07-15 plan brook 3,600.00
          for         B-1
          2026-08-01  1,200.00
          2026-08-31  1,200.00
          2026-12-25  1,200.00

        """

    /// The ledger with the first instalment paid on Monday 3 August.
    static let paidMonday = ledger + "2026-08-03 payment brook 1,200.00\n  apply B-1\n"

    private func day(_ s: String) -> Day { Day.parse(s)! }

    private func instalmentItems(_ text: String, asOf: String) -> [Agenda.Item] {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let d = day(asOf)
        return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: d), asOf: d).items.filter { $0.kind == .instalment }
    }

    private func choice(_ text: String, _ asOf: String) throws -> StageChoice {
        let r = load(text)
        let sheet = BalanceEngine.balances(r.ledger, asOf: day(asOf))
        return StageChooser.choose(try #require(ClientStory.all(r.ledger, sheet: sheet).first), ledger: r.ledger, sheet: sheet)
    }

    private func progress(_ text: String, _ asOf: String) throws -> PlanProgress {
        let r = load(text)
        let sheet = BalanceEngine.balances(r.ledger, asOf: day(asOf))
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        return try #require(PlanProgress.running(story, ledger: r.ledger, sheet: sheet).first)
    }

    @Test func theResolverGivesEachInstalmentItsLastDay() throws {
        let plan = try #require(load(Self.ledger).ledger.plans.first)
        #expect(plan.instalments.map(\.date) == [day("2026-08-01"), day("2026-08-31"), day("2026-12-25")])
        #expect(plan.instalments.map(\.lastDay) == [day("2026-08-03"), day("2026-09-01"), day("2026-12-29")])
        // With no `holidays` line the weekend still counts, and the days most offices shut
        // (`common`): the English summer bank holiday is not one of them.
        let plain = try #require(load(Self.ledger.replacingOccurrences(of: "  holidays  england\n", with: "")).ledger.plans.first)
        #expect(plain.instalments.map(\.lastDay) == [day("2026-08-03"), day("2026-08-31"), day("2026-12-29")])
    }

    /// Before: "check for the instalment … due 2026-08-01", "not received after 1 day", on
    /// Sunday 2 August.
    @Test func theAgendaExpectsItUntilTheNextWorkingDay() throws {
        for asOf in ["2026-08-01", "2026-08-02", "2026-08-03"] {
            let item = try #require(instalmentItems(Self.ledger, asOf: asOf).first)
            #expect(item.action == "expect an instalment of 1,200.00 GBP on 2026-08-01 (no working day: it can arrive until 2026-08-03)", "\(asOf)")
        }
        let late = try #require(instalmentItems(Self.ledger, asOf: "2026-08-04").first)
        #expect(late.action == "check for the instalment of 1,200.00 GBP due 2026-08-01")
        #expect(late.why == "not received after 1 day")
        // A date that is a working day is said as before.
        let paid = Self.paidMonday
        #expect(try #require(instalmentItems(paid, asOf: "2026-08-30").first).action == "expect an instalment of 1,200.00 GBP on 2026-08-31 (no working day: it can arrive until 2026-09-01)")
        #expect(try #require(instalmentItems(paid, asOf: "2026-09-02").first).why == "not received after 1 day")
    }

    /// Ivy missed the instalment of 1 July, reminded of it on 8 July; the next, due Saturday 1
    /// August, can arrive until Monday 3 August. Before: the agenda of Sunday 2 August listed
    /// only the July one ("not received after 32 days"). After: the August one is expected
    /// beside it, until its last day; then both are missed together.
    @Test func anInstalmentFallingDueIsExpectedBesideOneMissed() throws {
        let text = """
            settings
              currency  GBP
              holidays  england
            client ivy Ivy Lane Bakery Ltd
              contact  Mia Russo
              terms    net 30
            2026-05-01 invoice ivy S-101
              total  659.00
            2026-06-15 plan ivy 659.00
              for         S-101
              2026-07-01  219.60
              2026-08-01  219.60
              2026-09-01  219.80
            2026-07-08 letter ivy instalment
              invoices  S-101
            2026-07-14 note ivy call
              said  Mia rang about the July instalment

            """
        // Mia's call answered the reminder: the plan runs on, not in default (3.10).
        for asOf in ["2026-08-02", "2026-08-03"] {
            let items = instalmentItems(text, asOf: asOf)
            #expect(items.map(\.action) == ["check for the instalment of 219.60 GBP due 2026-07-01", "expect an instalment of 219.60 GBP on 2026-08-01 (no working day: it can arrive until 2026-08-03)"], "\(asOf)")
        }
        #expect(instalmentItems(text, asOf: "2026-08-02").first?.why == "not received after 32 days")
        // Part of it paid early: what is still to come of it.
        let part = instalmentItems(text + "2026-07-20 payment ivy 300.00\n  apply S-101\n", asOf: "2026-07-28")
        #expect(part.map(\.action) == ["expect an instalment of 139.20 GBP on 2026-08-01 (no working day: it can arrive until 2026-08-03)"])
        #expect(instalmentItems(text, asOf: "2026-08-04").map(\.action) == ["check for 439.20 GBP of instalments due 2026-07-01 and 2026-08-01"])
        // Not yet within the days ahead: only the missed one.
        #expect(instalmentItems(text, asOf: "2026-07-20").map(\.action) == ["check for the instalment of 219.60 GBP due 2026-07-01"])
    }

    /// Before: the reminder went on Tuesday 4 August, 3 days after the Saturday, and counted
    /// 3 days late; now on Thursday 6 August, 3 days after Monday 3 August.
    @Test func theReminderCountsItsDaysFromTheNextWorkingDay() throws {
        let weekend = try choice(Self.ledger, "2026-08-02")
        #expect(weekend.stage == nil)
        #expect(weekend.reason == "on a payment plan; next instalment 1,200.00 GBP on 2026-08-01 (no working day: it can arrive until 2026-08-03)")
        #expect(weekend.nextDate == day("2026-08-06"))
        #expect(try choice(Self.ledger, "2026-08-04").stage == nil)
        #expect(try choice(Self.ledger, "2026-08-05").stage == nil)
        let due = try choice(Self.ledger, "2026-08-06")
        #expect(due.stage == .instalment)
        #expect(due.reason == "instalment of 1,200.00 GBP due 2026-08-01 has not arrived (3 days)")
        #expect(due.daysPastDue == 3)
        // The bank holiday's instalment: 1 September is its last day, the reminder goes on the 4th.
        #expect(try choice(Self.paidMonday, "2026-09-03").stage == nil)
        #expect(try choice(Self.paidMonday, "2026-09-04").reason == "instalment of 1,200.00 GBP due 2026-08-31 has not arrived (3 days)")
    }

    /// A note held back by a letter about other work (paid since) two days before the
    /// Saturday, that cannot go before the instalment's date: the reminder follows 3 days after Monday
    /// 3 August (before: 4 August, 3 days after the Saturday).
    @Test func aNoteHeldBackGivesWayToTheReminderCountedFromTheLastDay() throws {
        let text = Self.ledger.replacingOccurrences(of: "  holidays  england\n", with: "  holidays  england\n  courtesy  5\n  cadence  3 14\n") + """
            2026-06-01 invoice brook O-1
              total  100.00
            2026-07-30 letter brook reminder
              invoices  O-1
            2026-07-30 payment brook 100.00
              apply  O-1

            """
        let wait = try choice(text, "2026-07-31")
        #expect(wait.stage == nil)
        #expect(wait.reason == "instalment of 1,200.00 GBP falls due on 2026-08-01; we wrote on 2026-07-30, so no note goes before it")
        #expect(wait.nextDate == day("2026-08-06"))
    }

    /// Money on the next working day is on time: not missed, not made up late.
    @Test func moneyOnTheNextWorkingDayIsOnTime() throws {
        let p = try progress(Self.paidMonday, "2026-08-04")
        #expect(!p.missed && p.overdue.instalments.isEmpty)
        #expect(instalmentItems(Self.paidMonday, asOf: "2026-08-04").isEmpty)
        // The reminder about the next instalment does not tell the client their payment of
        // 3 August made up an instalment "which had not reached us".
        let r = load(Self.paidMonday)
        let asOf = day("2026-09-04")
        let sheet = BalanceEngine.balances(r.ledger, asOf: asOf)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let c = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(c.stage == .instalment)
        let values = LetterFields.values(stage: .instalment, choice: c, story: story, ledger: r.ledger, sheet: sheet)
        #expect(values["plan.next"] == "The instalment of 1,200.00 GBP that was due on 31 August 2026 has not reached us yet.")
        #expect(values["payments.received"] == "Thank you for your payment of 1,200.00 GBP on 3 August 2026 (towards invoice B-1).")
        #expect(values["plan.table"]?.contains("| 1 | 1 August 2026 | 1,200.00 GBP | paid |") == true, "\(values["plan.table"] ?? "")")
    }

    /// The aging shows the Saturday's instalment as the next one over the weekend, not missed;
    /// the forecast expects its money on the Monday, as a promise's.
    @Test func theAgingAndTheForecastWaitForTheNextWorkingDay() throws {
        let r = load(Self.ledger)
        let aging = AgingReport.build(r.ledger, asOf: day("2026-08-03"))
        let line = try #require(aging.lines.first { $0.number == "B-1" })
        #expect(line.status.nextInstalment == day("2026-08-01"))
        #expect(line.status.missedInstalment == nil)
        let after = try #require(AgingReport.build(r.ledger, asOf: day("2026-08-04")).lines.first { $0.number == "B-1" })
        #expect(after.status.missedInstalment == day("2026-08-01"))
        let forecast = CashForecast(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day("2026-07-20")))
        let parts = try #require(forecast.lines.first { $0.number == "B-1" }).parts.filter { $0.basis == .plan }
        #expect(parts.map(\.date) == [day("2026-08-03"), day("2026-09-01"), day("2026-12-29")])
    }

    /// A note drafted on the Sunday, before the instalment is missed, says when it is still on
    /// time, not that it "falls due" on a day past.
    @Test func aLetterBetweenTheDateAndTheLastDaySaysWhenItIsOnTime() throws {
        let r = load(Self.ledger)
        let asOf = day("2026-08-02")
        let sheet = BalanceEngine.balances(r.ledger, asOf: asOf)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let c = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(c.stage == nil)
        let values = LetterFields.values(stage: .instalment, choice: c, story: story, ledger: r.ledger, sheet: sheet)
        #expect(values["plan.next"] == "The next instalment, 1,200.00 GBP, fell due on 1 August 2026; as that was not a working day, it is on time if it reaches us by 3 August 2026.")
        #expect(values["plan.by"] == "3 August 2026")
        #expect(values["plan.table"]?.contains("| 1 | 1 August 2026 | 1,200.00 GBP | to come |") == true)
    }

    /// Payments meet instalments in date order (§3.10): with the instalment of 1 July missed,
    /// 500.00 on Monday 3 August, the last day of the one due on Saturday 1 August, makes up
    /// 1 July's first, and 1 August's is missed from the Tuesday; 1,000.00 that Monday makes up
    /// 1 July's and meets 1 August's on time. The letters tell it so, and the agenda chases
    /// only the one still unpaid.
    @Test func aPaymentOnTheLastDayMakesUpAnEarlierMissedInstalmentFirst() throws {
        let plan = """
            settings
              currency  GBP
              holidays  england
            client kite Kite Cafe
              contact  Jo Kite
              terms    net 30
            2026-05-01 invoice kite K-1
              total  1,500.00
            2026-06-10 plan kite 1,500.00
              for         K-1
              2026-07-01  500.00
              2026-08-01  500.00
              2026-08-31  500.00
            2026-07-04 letter kite instalment
              invoices  K-1

            """
        let once = plan + "2026-08-03 payment kite 500.00\n"
        let p = try progress(once, "2026-08-04")
        #expect(p.overdue.instalments.map(\.date) == [day("2026-08-01")])
        #expect(instalmentItems(once, asOf: "2026-08-03").map(\.action) == ["expect an instalment of 500.00 GBP on 2026-08-01 (no working day: it can arrive until 2026-08-03)"])
        let r = load(once)
        let asOf = day("2026-08-06")
        let sheet = BalanceEngine.balances(r.ledger, asOf: asOf)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let c = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(c.stage == .instalment)
        let values = LetterFields.values(stage: .instalment, choice: c, story: story, ledger: r.ledger, sheet: sheet)
        #expect(values["plan.next"] == "Thank you for your payment of 500.00 GBP on 3 August 2026: it made up the instalment due on 1 July 2026, which had not reached us. The instalment of 500.00 GBP that was due on 1 August 2026 has not reached us yet.")
        #expect(values["plan.table"]?.contains("| 1 | 1 July 2026 | 500.00 GBP | paid on 3 August 2026 |") == true, "\(values["plan.table"] ?? "")")
        #expect(values["plan.table"]?.contains("| 2 | 1 August 2026 | 500.00 GBP | not received |") == true, "\(values["plan.table"] ?? "")")
        // Both at once: 1 August's is met on time, nothing is missed.
        let both = plan + "2026-08-03 payment kite 1,000.00\n"
        let q = try progress(both, "2026-08-04")
        #expect(!q.missed && q.overdue.instalments.isEmpty)
        #expect(instalmentItems(both, asOf: "2026-08-04").allSatisfy { !$0.action.hasPrefix("check for") && !$0.action.hasPrefix("send") })
    }
}
