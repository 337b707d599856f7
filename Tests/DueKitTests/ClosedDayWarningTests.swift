import Testing
@testable import DueKit

/// A `closed` day that is a weekend or a holiday already moves no date: likely a slip for
/// another day, so `due check` warns (W902); a shutdown written day by day is left alone
/// (grammar.md §3.2, §6.7).
@Suite struct ClosedDayWarningTests {
    private func warnings(_ settings: String) -> [String] {
        load("settings\n  currency GBP\n" + settings).diagnostics.filter { $0.kind == .W902 }.map(\.message)
    }

    @Test func aLoneClosedDayOnAWeekendOrAHolidayIsWarnedOf() {
        #expect(warnings("  holidays england\n  closed 2026-12-25\n") == ["2026-12-25 is a public holiday of `england` already: a `closed` day there moves no date"])
        #expect(warnings("  closed 2026-08-29\n") == ["2026-08-29 is a Saturday: a `closed` day there moves no date"])
        // The Summer bank holiday is England's, not one of the `common` days.
        #expect(warnings("  closed 2026-08-31\n").isEmpty)
        #expect(warnings("  holidays england\n  closed 2026-08-31\n") == ["2026-08-31 is a public holiday of `england` already: a `closed` day there moves no date"])
    }

    /// Written before the `holidays` line, the day is still judged by its regions.
    @Test func theHolidaysLineCountsWhereverItStands() {
        #expect(warnings("  closed 2026-08-31\n  holidays england\n").count == 1)
    }

    @Test func aShutdownWrittenDayByDayIsNotWarnedOf() {
        #expect(warnings("  closed 2026-12-24 2026-12-25 2026-12-26 2026-12-27\n").isEmpty)
        #expect(warnings("  closed 2026-12-31\n  closed 2027-01-01\n").isEmpty)
        #expect(warnings("  closed 2026-12-30\n").isEmpty)
    }
}
