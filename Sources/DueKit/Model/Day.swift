/// A calendar day (proleptic Gregorian), stored as days since 1970-01-01.
///
/// Due dates and aging need only whole days; no time zones, no `Calendar`, so results are the
/// same on every machine.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let ordinal: Int32

    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// The last day a ledger can name, 9999-12-31: a later date has no four-digit year.
    public static let last = Day(year: 9999, month: 12, day: 31)!

    /// nil unless year/month/day name a real day between 0001-01-01 and 9999-12-31.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= Day.daysIn(month: month, year: year)
        else { return nil }
        ordinal = Int32(Day.daysFromCivil(year, month, day))
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(ordinal) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }

    public func adding(days: Int) -> Day { Day(ordinal: Int32(clamping: Int(ordinal) + days)) }

    public func days(since other: Day) -> Int { Int(ordinal) - Int(other.ordinal) }

    /// ISO 8601 weekday: Monday 1 … Sunday 7 (day 0, 1970-01-01, was a Thursday).
    public var weekday: Int { ((Int(ordinal) + 3) % 7 + 7) % 7 + 1 }

    /// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian computus).
    static func easterSunday(_ year: Int) -> Day {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return Day(year: year, month: month, day: day)!
    }

    /// The last day of this day's month.
    public var endOfMonth: Day {
        let c = components
        return Day(year: c.year, month: c.month, day: Day.daysIn(month: c.month, year: c.year)) ?? self
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    /// `YYYY-MM-DD`: the one way `due` writes a date. Ten bytes fit in the `String` itself, so
    /// a report's dates cost no allocation.
    public var description: String {
        let c = components
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        guard c.year >= 0 && c.year <= 9999 else { return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))" }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buf in
            func put(_ at: Int, _ v: Int, _ width: Int) {
                var x = v
                for k in stride(from: at + width - 1, through: at, by: -1) {
                    buf[k] = UInt8(truncatingIfNeeded: 0x30 + x % 10)
                    x /= 10
                }
            }
            put(0, c.year, 4)
            buf[4] = 0x2D
            put(5, c.month, 2)
            buf[7] = 0x2D
            put(8, c.day, 2)
            return String(decoding: UnsafeBufferPointer(buf), as: UTF8.self)
        }
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]

    /// "3 March 2026", for letters.
    public var longDescription: String {
        let c = components
        return "\(c.day) \(Day.monthNames[c.month - 1]) \(c.year)"
    }

    /// Parses `YYYY-MM-DD` exactly.
    public static func parse(_ text: String) -> Day? {
        let b = Array(text.utf8)
        guard case .valid(let d) = DayParser.parse(b[...]) else { return nil }
        return d
    }
}

public enum DayParse {
    case valid(Day)
    /// Shaped like a date but not a real day; the message says why.
    case impossible(String)
    case notADate
}

public enum DayParser {
    /// Parses `YYYY-MM-DD` from bytes. Distinguishes "not a date" from "a date that does not
    /// exist", so the message can say which.
    public static func parse(_ b: ArraySlice<UInt8>) -> DayParse {
        b.withUnsafeBufferPointer { parse($0) }
    }

    public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> DayParse {
        guard b.count == 10 else { return .notADate }
        let s = 0
        func digit(_ i: Int) -> Int? {
            let c = b[s + i]
            return c >= 0x30 && c <= 0x39 ? Int(c - 0x30) : nil
        }
        guard b[s + 4] == 0x2D, b[s + 7] == 0x2D,
            let y1 = digit(0), let y2 = digit(1), let y3 = digit(2), let y4 = digit(3),
            let m1 = digit(5), let m2 = digit(6), let d1 = digit(8), let d2 = digit(9)
        else { return .notADate }
        let y = y1 * 1000 + y2 * 100 + y3 * 10 + y4
        let m = m1 * 10 + m2
        let d = d1 * 10 + d2
        if y == 0 { return .impossible("there is no year 0000") }
        if m < 1 || m > 12 { return .impossible("there is no month \(m1)\(m2)") }
        let n = Day.daysIn(month: m, year: y)
        if d < 1 || d > n { return .impossible("\(Day.monthNames[m - 1]) \(y) has \(n) days") }
        return .valid(Day(year: y, month: m, day: d)!)
    }
}

/// The last day read, by its ten bytes. A ledger is written in date order, so header after
/// header names the day before it: comparing two loads costs a few instructions where
/// reading the date again, with its checks and its count of days, cost some two hundred.
struct RecentDay {
    private var head: UInt64 = 0
    private var tail: UInt16 = 0
    private var day: Day?

    /// The day `b` names when it is a real `YYYY-MM-DD`; nil for anything else, which
    /// `DayParser.parse` then says more about.
    @inline(__always)
    mutating func read(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
        guard b.count == 10 else { return nil }
        let raw = UnsafeRawPointer(b.baseAddress!)
        let h = raw.loadUnaligned(as: UInt64.self), t = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if let day, h == head, t == tail { return day }
        guard case .valid(let d) = DayParser.parse(b) else { return nil }
        head = h
        tail = t
        day = d
        return d
    }
}
