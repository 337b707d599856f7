import Testing
@testable import DueKit

/// The `holidays` setting: the public holidays a deadline steps over, by region, with the days
/// `closed` lines add (grammar.md §3.2). Each region's days are checked against the published
/// calendars by hand.
@Suite struct HolidaysTests {
    /// The weekdays `region` shuts in `year`, as the published calendars list them.
    private func days(_ region: HolidayRegion, _ year: Int) -> [String] {
        let h = Holidays(regions: [region])
        var out: [String] = []
        var d = Day(year: year, month: 1, day: 1)!
        while d.year == year {
            if d.weekday < 6 && h.isHoliday(d) { out.append(String(d.description.dropFirst(5))) }
            d = d.adding(days: 1)
        }
        return out
    }

    private func working(_ holidays: Holidays, _ s: String) -> String { holidays.workingDay(from: Day.parse(s)!).description }

    /// England and Wales, from GOV.UK: the Early May bank holiday on 4 May 2026 and 3 May
    /// 2027, Spring on 25 May 2026 and 31 May 2027, Summer on 31 August 2026 and 30 August
    /// 2027; Christmas Day 2027 on a Saturday kept on Monday 27 and Boxing Day on Tuesday 28;
    /// New Year's Day 2028 on a Saturday kept on Monday 3 January.
    @Test func englandAndWales() {
        #expect(days(.england, 2026) == ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"])
        #expect(days(.england, 2027) == ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"])
        #expect(days(.england, 2028).prefix(1) == ["01-03"])
        // Christmas Day on a Sunday (2022): Boxing Day keeps Monday 26, Christmas takes Tuesday 27.
        #expect(days(.england, 2022).suffix(2) == ["12-26", "12-27"])
        // The years a proclamation moved or added a day: VE Day 2020 (not 4 May), the Platinum
        // Jubilee (2 and 3 June 2022, not 30 May), the State Funeral, the Coronation.
        #expect(days(.england, 2020).contains("05-08") && !days(.england, 2020).contains("05-04"))
        #expect(days(.england, 2022) == ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"])
        #expect(days(.england, 2023).contains("05-08") && days(.england, 2023).contains("05-01"))
        #expect(HolidayRegion.named("england-and-wales") == .england && HolidayRegion.named("wales") == .england)
    }

    /// Scotland: 2 January too, no Easter Monday, the Summer bank holiday on the first Monday
    /// of August, St Andrew's Day (30 November, or the Monday after on a weekend).
    @Test func scotland() {
        #expect(days(.scotland, 2026) == ["01-01", "01-02", "04-03", "05-04", "05-25", "08-03", "11-30", "12-25", "12-28"])
        #expect(days(.scotland, 2027) == ["01-01", "01-04", "03-26", "05-03", "05-31", "08-02", "11-30", "12-27", "12-28"])
        // 2022: New Year's Day on a Saturday, 2 January on the Sunday: Monday 3 and Tuesday 4.
        #expect(days(.scotland, 2022).prefix(2) == ["01-03", "01-04"])
        // 2025: St Andrew's Day on a Sunday, kept on Monday 1 December.
        #expect(days(.scotland, 2025).contains("12-01") && !days(.scotland, 2025).contains("11-30"))
    }

    @Test func northernIrelandAndIreland() {
        // St Patrick's Day and the Battle of the Boyne; 12 July 2026 is a Sunday.
        #expect(days(.northernIreland, 2026) == ["01-01", "03-17", "04-03", "04-06", "05-04", "05-25", "07-13", "08-31", "12-25", "12-28"])
        // Ireland: St Brigid's Day (the first Monday of February, or 1 February on a Friday),
        // no Good Friday, the first Mondays of May, June and August, the last of October.
        #expect(days(.ireland, 2026) == ["01-01", "02-02", "03-17", "04-06", "05-04", "06-01", "08-03", "10-26", "12-25", "12-28"])
        #expect(days(.ireland, 2027).prefix(2) == ["01-01", "02-01"])  // 1 February 2027 is a Monday
        #expect(days(.ireland, 2030).prefix(2) == ["01-01", "02-01"])  // a Friday: kept on the day
    }

    @Test func germanyFranceAndTheUnitedStates() {
        #expect(days(.germany, 2026) == ["01-01", "04-03", "04-06", "05-01", "05-14", "05-25", "12-25"])
        #expect(days(.germany, 2027).contains("10-04") == false && days(.germany, 2025).contains("10-03"))
        #expect(days(.france, 2026) == ["01-01", "04-06", "05-01", "05-08", "05-14", "05-25", "07-14", "11-11", "12-25"])
        #expect(days(.us, 2026) == ["01-01", "01-19", "02-16", "05-25", "06-19", "07-03", "09-07", "10-12", "11-11", "11-26", "12-25"])
        // Independence Day 2027 on a Sunday is kept on Monday 5 July.
        #expect(days(.us, 2027).contains("07-05"))
        // New Year's Day 2028 on a Saturday is kept on Friday 31 December 2027.
        #expect(days(.us, 2027).last == "12-31")
    }

    /// The Netherlands, from the Algemene termijnenwet: King's Day on Monday 27 April 2026,
    /// on Saturday 26 April 2025 (the 27th a Sunday), on 30 April in 2013; Liberation Day every
    /// year; no Good Friday; 26 December 2026 on a Saturday is not moved.
    @Test func theNetherlands() {
        #expect(days(.netherlands, 2026) == ["01-01", "04-06", "04-27", "05-05", "05-14", "05-25", "12-25"])
        #expect(HolidayRegion.netherlands.days(in: 2025).contains(Day.parse("2025-04-26")!))
        #expect(!HolidayRegion.netherlands.days(in: 2025).contains(Day.parse("2025-04-27")!))
        #expect(days(.netherlands, 2013).contains("04-30") && !days(.netherlands, 2013).contains("04-27"))
        // A reply date of Friday 24 April 2026 + 3 days lands on Monday 27 April, King's Day.
        #expect(working(Holidays(regions: [.netherlands]), "2026-04-27") == "2026-04-28")
        #expect(HolidayRegion.named("netherlands") == .netherlands)
        #expect(LedgerParser.holidaysHint("nl").contains("netherlands"))
    }

    /// With no `holidays` line, a deadline steps over what it always has (`common`): the same
    /// days, year after year, as the rule written out before regions were known.
    @Test func theDefaultKeepsTheDaysItAlwaysHad() {
        func old(_ d: Day) -> Bool {
            let c = d.components
            let easter = Day.easterSunday(c.year)
            if d == easter.adding(days: -2) || d == easter.adding(days: 1) { return true }
            switch (c.month, c.day) {
            case (12, 25), (12, 26), (1, 1): return true
            case (12, 27), (12, 28):
                let christmas = Day(year: c.year, month: 12, day: 25)!.weekday
                return c.day == 27 ? christmas >= 6 : christmas == 6 || christmas == 5
            case (1, 2), (1, 3):
                let newYear = Day(year: c.year, month: 1, day: 1)!.weekday
                return c.day == 2 ? newYear == 7 : newYear == 6
            default: return false
            }
        }
        var d = Day(year: 1990, month: 1, day: 1)!
        let end = Day(year: 2060, month: 1, day: 1)!
        while d < end {
            #expect(Holidays.standard.isHoliday(d) == old(d), "\(d)")
            d = d.adding(days: 1)
        }
        #expect(Settings().holidays == .standard)
        // Early May is open by default, as it was.
        #expect(working(.standard, "2026-05-04") == "2026-05-04")
    }

    @Test func closedDaysAndNone() {
        let england = Holidays(regions: [.england])
        #expect(working(england, "2026-05-04") == "2026-05-05")
        #expect(working(england, "2027-12-25") == "2027-12-29")
        #expect(working(england, "2028-01-01") == "2028-01-04")
        let none = Holidays(regions: [])
        #expect(working(none, "2026-12-25") == "2026-12-25")
        #expect(working(none, "2026-12-26") == "2026-12-28")
        let shut = Holidays(regions: [.england], closed: [Day.parse("2026-12-29")!, Day.parse("2026-12-30")!, Day.parse("2026-12-31")!])
        #expect(working(shut, "2026-12-24") == "2026-12-24")
        #expect(working(shut, "2026-12-25") == "2027-01-04")
    }
}

@Suite struct HolidaysSettingTests {
    @Test func theLineIsRead() {
        let r = load("settings\n  holidays scotland northern-ireland\n  closed 2026-12-24 2026-12-31\n  closed 2027-12-24   ; the office party\n")
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        #expect(r.ledger.settings.holidays.regions == [.scotland, .northernIreland])
        #expect(r.ledger.settings.holidays.closed.map(\.description) == ["2026-12-24", "2026-12-31", "2027-12-24"])
        #expect(load("settings\n  holidays none\n").ledger.settings.holidays == Holidays(regions: []))
        // `closed` alone adds to the default days.
        #expect(load("settings\n  closed 2026-12-24\n").ledger.settings.holidays == Holidays(regions: [.common], closed: [Day.parse("2026-12-24")!]))
    }

    /// An unknown region, `none` beside a region, a date on the `holidays` line and a bad
    /// `closed` date are each reported where they stand, with what to write.
    @Test func mistakesAreReportedWithAHint() throws {
        func one(_ line: String) throws -> Diagnostic {
            let r = load("settings\n" + line + "\n")
            #expect(r.diagnostics.count == 1, "\(r.diagnostics.map(\.message))")
            return try #require(r.diagnostics.first)
        }
        let uk = try one("  holidays uk")
        #expect(uk.kind == .E124 && uk.message == "'uk' is not a region whose holidays `due` knows")
        #expect(uk.hint?.contains("`england` (for England and Wales), `scotland` or `northern-ireland`") == true)
        #expect(uk.range.start == 20 && uk.range.end == 22)
        #expect(try one("  holidays englnad").hint?.hasPrefix("did you mean 'england'?") == true)
        #expect(try one("  holidays England").hint == "did you mean 'england'?")
        #expect(try one("  holidays england 2026-12-24").hint == "a day the office is closed goes on a line of its own: `closed 2026-12-24`")
        #expect(try one("  holidays none england").kind == .E124)
        #expect(try one("  closed 2026-02-30").kind == .E104)
        #expect(try one("  closed 24/12/2026").kind == .E103)
        #expect(try one("  holidays").kind == .E110)
        #expect(try one("  holidays england\n  holidays scotland").kind == .E109)
    }

    /// `due fmt` aligns the lines like any other setting and keeps their words and comments.
    @Test func fmtKeepsAndAlignsTheLines() {
        let input = "settings\n  closed 2026-12-24   2026-12-31 ; shut\n  holidays\tengland-and-wales\n  currency GBP\n"
        let out = String(decoding: LedgerFormatter.format(Array(input.utf8)), as: UTF8.self)
        #expect(out == "settings\n  currency  GBP\n  holidays  england-and-wales\n  closed    2026-12-24 2026-12-31   ; shut\n", "\(out)")
        #expect(LedgerFormatter.format(Array(out.utf8)) == Array(out.utf8))
        var d: [Diagnostic] = []
        let before = FormatVerifier.meaning(of: SourceFile(id: 0, path: "t.due", bytes: Array(input.utf8)), diagnostics: &d)
        let after = FormatVerifier.meaning(of: SourceFile(id: 0, path: "t.due", bytes: Array(out.utf8)), diagnostics: &d)
        #expect(d.isEmpty && FormatVerifier.modelDifference(before, after) == nil)
        #expect(after.settings.holidays.regions == [.england])
    }

    /// A reminder drafted on Friday 24 April 2026 gives ten days: Monday 4 May, the Early May
    /// bank holiday. With `holidays england` it asks for payment by Tuesday 5 May; with no
    /// line it keeps 4 May, as it always did.
    @Test func aLetterDueOnABankHolidayAsksForTheNextWorkingDay() throws {
        func reminder(_ holidays: String) throws -> (by: String, text: String) {
            let r = load("settings\n  currency GBP\n\(holidays)client acme Acme Ltd\n  contact Jane Doe\n  terms net 30\n2026-03-01 invoice acme A-1\n  total 800.00\n")
            #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
            let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-04-24")!)
            let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
            let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
            #expect(choice.stage == .reminder, "\(choice.reason)")
            let values = LetterFields.values(stage: .reminder, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
            return (values["reply.by"] ?? "", TemplateSet().template(for: .reminder).render(values))
        }
        let before = try reminder("")
        #expect(before.by == "4 May 2026")
        let after = try reminder("  holidays england\n")
        #expect(after.by == "5 May 2026")
        #expect(after.text.contains("by 5 May 2026") && !after.text.contains("4 May 2026"), "\(after.text)")
        #expect(try reminder("  holidays england\n  closed 2026-05-05\n").by == "6 May 2026")
    }

    /// The next letter waits for the working day the last one gave, with the region's days:
    /// with a `cadence` of a week, a follow-up of 15 May 2026 gave 25 May, the Spring bank
    /// holiday in Scotland, so the next waits for the day after 26 May; with no `holidays`
    /// line, for the day after 25 May.
    @Test func theNextLetterWaitsForTheWorkingDayTheLastOneGave() throws {
        func next(_ holidays: String) throws -> Day? {
            let r = load("settings\n  currency GBP\n  cadence 7 7\n\(holidays)client acme Acme Ltd\n  terms net 30\n2026-03-01 invoice acme A-1\n  total 800.00\n2026-04-10 letter acme reminder\n  invoices A-1\n2026-05-15 letter acme follow-up\n  invoices A-1\n")
            #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
            let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-05-23")!)
            let choice = StageChooser.choose(try #require(ClientStory.all(r.ledger, sheet: sheet).first), ledger: r.ledger, sheet: sheet)
            #expect(choice.stage == nil, "\(choice.reason)")
            return choice.nextDate
        }
        #expect(try next("") == Day.parse("2026-05-26"))
        #expect(try next("  holidays scotland\n") == Day.parse("2026-05-27"))
    }
}
