/// The days beside weekends on which a deadline a letter gives must not fall: the public
/// holidays of the regions the `settings` name on their `holidays` line, and the days their
/// `closed` lines add (grammar.md §3.2). It travels in `Settings`; nothing else knows a holiday.
public struct Holidays: Sendable, Hashable {
    /// The regions whose holidays count; empty for `holidays none`.
    public var regions: [HolidayRegion] { didSet { table = Holidays.table(of: regions) } }
    /// Days the `closed` lines name, as written.
    public var closed: [Day]
    /// The regions' holidays from 1990 to 2100, sorted: worked out when the regions are set (a
    /// ledger sets them once), so a date is moved by a search, where working out its year's
    /// holidays on every letter's date cost a microsecond and more.
    private var table: [Int32]

    public init(regions: [HolidayRegion] = [.common], closed: [Day] = []) {
        self.regions = regions
        self.closed = closed
        table = Holidays.table(of: regions)
    }

    /// What a ledger with no `holidays` line keeps: the days shut across most of Europe and
    /// the Commonwealth (`HolidayRegion.common`).
    public static let standard = Holidays()

    /// The years `table` holds; a day outside them has its year's holidays worked out.
    static let tabled = 1990...2100
    private static let tableStart = Day(year: tabled.lowerBound, month: 1, day: 1)!.ordinal
    private static let tableEnd = Day(year: tabled.upperBound + 1, month: 1, day: 1)!.ordinal

    private static func table(of regions: [HolidayRegion]) -> [Int32] {
        var out: [Int32] = []
        for r in regions {
            for y in (tabled.lowerBound - 1)...(tabled.upperBound + 1) {
                for d in r.days(in: y) where d.ordinal >= tableStart && d.ordinal < tableEnd { out.append(d.ordinal) }
            }
        }
        out.sort()
        var unique: [Int32] = []
        unique.reserveCapacity(out.count)
        for o in out where unique.last != o { unique.append(o) }
        return unique
    }

    /// This day, or the first day after it that is neither a Saturday, a Sunday nor a closed
    /// day: a deadline a person can meet.
    public func workingDay(from day: Day) -> Day {
        var d = day
        while d.weekday >= 6 || isHoliday(d) || closed.contains(d) { d = d.adding(days: 1) }
        return d
    }

    /// Whether the regions' holidays (not the weekend, nor the `closed` lines) shut `day`.
    public func isHoliday(_ day: Day) -> Bool {
        let o = day.ordinal
        guard o >= Holidays.tableStart && o < Holidays.tableEnd else { return closedOrdinals(around: day.year).contains(o) }
        return table.sortedContains(o)
    }

    /// The holidays of every region observed in `year`, with those a region observes in the
    /// last days of the year before for a holiday of `year` (the US keeps New Year's Day that
    /// falls on a Saturday on the Friday before) and those of the next year observed in this.
    func closedOrdinals(around year: Int) -> [Int32] {
        var out: [Int32] = []
        guard (1...9999).contains(year) else { return out }
        for r in regions {
            for y in max(1, year - 1)...min(9999, year + 1) {
                for d in r.days(in: y) where d.year == year { out.append(d.ordinal) }
            }
        }
        return out
    }
}

/// A set of public holidays `due` knows by rule (grammar.md §3.2).
public enum HolidayRegion: String, CaseIterable, Sendable {
    /// New Year's Day, Good Friday, Easter Monday, Christmas Day and Boxing Day, with a
    /// weekday standing in for one on a weekend: what a ledger with no `holidays` line keeps.
    case common
    case england, scotland
    case northernIreland = "northern-ireland"
    case ireland, germany, france, netherlands, us

    /// Other names a `holidays` line may give a region by.
    static let aliases: [String: HolidayRegion] = ["england-and-wales": .england, "wales": .england]

    /// The region a word names, if any.
    public static func named(_ word: String) -> HolidayRegion? { HolidayRegion(rawValue: word) ?? aliases[word] }

    /// Every word a `holidays` line takes, for hints and the editor's completions.
    public static let words: [String] = allCases.map(\.rawValue) + ["england-and-wales", "wales", "none"]

    /// The region's holidays observed in `year` (an observed day may fall in the year before,
    /// for the US's New Year's Day), in no particular order.
    func days(in year: Int) -> [Day] {
        var h = YearHolidays(year: year)
        switch self {
        case .common:
            h.easter(-2)
            h.easter(1)
            h.fixed(1, 1)
            h.fixed(12, 25)
            h.fixed(12, 26)
            h.substituteForward()
        case .england, .northernIreland:
            h.fixed(1, 1)
            if self == .northernIreland {
                h.fixed(3, 17)  // St Patrick's Day
                h.fixed(7, 12)  // Battle of the Boyne
            }
            h.easter(-2)
            h.easter(1)
            h.ukMay()
            h.nth(-1, weekday: 1, month: 8)  // Summer bank holiday
            h.fixed(12, 25)
            h.fixed(12, 26)
            h.substituteForward()
            h.ukOneOffs()
        case .scotland:
            h.fixed(1, 1)
            h.fixed(1, 2)
            h.easter(-2)
            h.ukMay()
            h.nth(1, weekday: 1, month: 8)  // Summer bank holiday, the first Monday of August
            if year >= 2007 { h.fixed(11, 30) }  // St Andrew's Day
            h.fixed(12, 25)
            h.fixed(12, 26)
            h.substituteForward()
            h.ukOneOffs()
        case .ireland:
            h.fixed(1, 1)
            if year >= 2023 {
                // St Brigid's Day: the first Monday of February, or 1 February when a Friday.
                let first = Day(year: year, month: 2, day: 1)!
                if first.weekday == 5 { h.add(first) } else { h.nth(1, weekday: 1, month: 2) }
            }
            h.fixed(3, 17)  // St Patrick's Day
            h.easter(1)
            h.nth(1, weekday: 1, month: 5)
            h.nth(1, weekday: 1, month: 6)
            h.nth(1, weekday: 1, month: 8)
            h.nth(-1, weekday: 1, month: 10)
            h.fixed(12, 25)
            h.fixed(12, 26)  // St Stephen's Day
            h.substituteForward()
            if year == 2022 { h.add(Day(year: 2022, month: 3, day: 18)!) }
        case .germany:
            h.fixed(1, 1)
            h.easter(-2)
            h.easter(1)
            h.fixed(5, 1)
            h.easter(39)  // Ascension Day
            h.easter(50)  // Whit Monday
            if year >= 1990 { h.fixed(10, 3) }  // Day of German Unity
            h.fixed(12, 25)
            h.fixed(12, 26)
        case .france:
            h.fixed(1, 1)
            h.easter(1)
            h.fixed(5, 1)
            h.fixed(5, 8)
            h.easter(39)  // Ascension
            h.easter(50)  // Whit Monday
            h.fixed(7, 14)
            h.fixed(8, 15)
            h.fixed(11, 1)
            h.fixed(11, 11)
            h.fixed(12, 25)
        case .netherlands:
            // The days the General Time Limits Act (Algemene termijnenwet) sets beside Sundays:
            // a deadline that falls on one moves to the next working day. Good Friday is not
            // among them.
            h.fixed(1, 1)
            h.easter(1)
            h.add(HolidayRegion.dutchKingsDay(year))
            h.fixed(5, 5)  // Liberation Day
            h.easter(39)  // Ascension Day
            h.easter(50)  // Whit Monday
            h.fixed(12, 25)
            h.fixed(12, 26)
        case .us:
            h.fixed(1, 1)
            if year >= 1986 { h.nth(3, weekday: 1, month: 1) }  // Martin Luther King Jr. Day
            h.nth(3, weekday: 1, month: 2)  // Washington's Birthday
            h.nth(-1, weekday: 1, month: 5)  // Memorial Day
            if year >= 2021 { h.fixed(6, 19) }  // Juneteenth
            h.fixed(7, 4)
            h.nth(1, weekday: 1, month: 9)  // Labor Day
            h.nth(2, weekday: 1, month: 10)  // Columbus Day
            h.fixed(11, 11)  // Veterans Day
            h.nth(4, weekday: 4, month: 11)  // Thanksgiving
            h.fixed(12, 25)
            h.observeNearest()
        }
        return h.days
    }
}

extension HolidayRegion {
    /// The monarch's birthday as the Netherlands keeps it: 27 April from 2014, 30 April before;
    /// on the Saturday before when the day is a Sunday.
    fileprivate static func dutchKingsDay(_ year: Int) -> Day {
        let d = Day(year: year, month: 4, day: year >= 2014 ? 27 : 30)!
        return d.weekday == 7 ? d.adding(days: -1) : d
    }
}

/// One year's holidays of a region, as its rules put them down.
private struct YearHolidays {
    let year: Int
    var days: [Day] = []
    /// The holidays on a fixed date, which move when they fall on a weekend (where the region
    /// moves them).
    var fixedDays: [Day] = []

    init(year: Int) { self.year = year }

    mutating func add(_ d: Day) { days.append(d) }

    mutating func fixed(_ month: Int, _ day: Int) {
        guard let d = Day(year: year, month: month, day: day) else { return }
        days.append(d)
        fixedDays.append(d)
    }

    mutating func easter(_ offset: Int) { days.append(Day.easterSunday(year).adding(days: offset)) }

    /// The `n`th `weekday` (ISO, Monday 1) of `month`; the last when `n` is -1.
    mutating func nth(_ n: Int, weekday: Int, month: Int) {
        if n > 0 {
            let first = Day(year: year, month: month, day: 1)!
            days.append(first.adding(days: (weekday - first.weekday + 7) % 7 + 7 * (n - 1)))
        } else {
            let last = Day(year: year, month: month, day: Day.daysIn(month: month, year: year))!
            days.append(last.adding(days: -((last.weekday - weekday + 7) % 7)))
        }
    }

    /// The UK's and Ireland's rule: a fixed holiday on a Saturday or Sunday is kept on the
    /// next weekday that is not a holiday already, taking them in date order (Christmas Day on
    /// a Saturday moves to Monday 27, Boxing Day on the Sunday to Tuesday 28; Christmas Day on
    /// a Sunday to Tuesday 27, Boxing Day keeping Monday 26).
    mutating func substituteForward() {
        for d in fixedDays.sorted() where d.weekday >= 6 {
            var s = d.adding(days: 1)
            while s.weekday >= 6 || days.contains(s) { s = s.adding(days: 1) }
            days.append(s)
        }
    }

    /// The US federal rule: a holiday on a Saturday is observed on the Friday before, one on a
    /// Sunday on the Monday after.
    mutating func observeNearest() {
        for d in fixedDays {
            if d.weekday == 6 { days.append(d.adding(days: -1)) }
            if d.weekday == 7 { days.append(d.adding(days: 1)) }
        }
    }

    /// The Early May bank holiday (the first Monday of May) and the Spring bank holiday (the
    /// last Monday of May), in the years a proclamation moved them.
    mutating func ukMay() {
        switch year {
        case 1995, 2020: add(Day(year: year, month: 5, day: 8)!)  // VE Day
        default: nth(1, weekday: 1, month: 5)
        }
        switch year {
        case 2002, 2012: add(Day(year: year, month: 6, day: 4)!)
        case 2022: add(Day(year: 2022, month: 6, day: 2)!)
        default: nth(-1, weekday: 1, month: 5)
        }
    }

    /// The UK's extra bank holidays, each proclaimed for one year.
    mutating func ukOneOffs() {
        let extra: [(Int, Int, Int)] = [
            (1981, 7, 29), (1999, 12, 31), (2002, 6, 3), (2011, 4, 29), (2012, 6, 5),
            (2022, 6, 3), (2022, 9, 19), (2023, 5, 8),
        ]
        for (y, m, d) in extra where y == year { add(Day(year: y, month: m, day: d)!) }
    }
}
