/// How dates are written in a spreadsheet column: the order of year, month and day and the
/// separator between them, e.g. `m/d/y` (`1/26/2013`), `d.m.y` (`26.1.2013`), `y-m-d`.
/// Days and months may have one or two digits; years have four, or two in a format the user
/// named (a guess never reads `3/4/13`: too many ways to read it).
public struct CSVDateFormat: Sendable, Hashable, CustomStringConvertible {
    public enum Part: Character, Sendable { case year = "y", month = "m", day = "d" }

    public var order: [Part]
    public var separator: UInt8
    /// Whether `13` is read as 2013 (00–69 are 2000–2069, 70–99 are 1970–1999).
    public var twoDigitYears = false
    /// Named by the user (`--date-format`), not guessed from the dates: a date it does not
    /// read is told against what the user said, not against a guess.
    public var named = false

    /// A date cell read with this format.
    public enum Reading: Sendable, Equatable {
        case day(Day)
        /// Written in this format, but naming no real day; the text says why.
        case impossible(String)
        case otherFormat
    }

    /// The formats tried when none is given, in the order they are preferred.
    public static let candidates: [CSVDateFormat] = [
        CSVDateFormat(order: [.year, .month, .day], separator: 0x2D),
        CSVDateFormat(order: [.month, .day, .year], separator: 0x2F),
        CSVDateFormat(order: [.day, .month, .year], separator: 0x2F),
        CSVDateFormat(order: [.day, .month, .year], separator: 0x2E),
        CSVDateFormat(order: [.day, .month, .year], separator: 0x2D),
        CSVDateFormat(order: [.year, .month, .day], separator: 0x2F),
        CSVDateFormat(order: [.day, .month, .year], separator: 0x20),
        CSVDateFormat(order: [.month, .day, .year], separator: 0x20),
    ]

    public init(order: [Part], separator: UInt8) {
        self.order = order
        self.separator = separator
    }

    /// Parses a spec such as `m/d/y`, `D.M.YYYY` or `yyyy-mm-dd`; or, for a month written as
    /// its name with spaces between the parts, `d mon y` or `mon d, y` (`mmm`, `month` too).
    public init?(spec: String) {
        var order: [Part] = []
        var separator: UInt8?
        var text = IDText.trim(spec).lowercased()
        for name in ["month", "mmmm", "mmm", "mon"] { text = text.replacing(name, with: "m") }
        // A comma after the day, as `January 5, 2026` has, is part of a space between parts.
        text = text.replacing(", ", with: " ")
        var previous: UInt8 = 0
        for u in text.utf8 {
            defer { previous = u }
            if let p = Part(rawValue: Character(Unicode.Scalar(u))) {
                if order.last != p { order.append(p) }
            } else if u == 0x2F || u == 0x2D || u == 0x2E || u == 0x20 {
                if u == 0x20 && previous == 0x20 { continue }
                if separator != nil && separator != u { return nil }
                separator = u
            } else {
                return nil
            }
        }
        guard order.count == 3, Set(order.map { $0.rawValue }).count == 3, let separator else { return nil }
        self.order = order
        self.separator = separator
        self.twoDigitYears = true
        self.named = true
    }

    /// Parts between spaces have the month written as its name.
    var monthNamed: Bool { separator == 0x20 }

    public var description: String {
        guard monthNamed else { return order.map { String($0.rawValue) }.joined(separator: String(Unicode.Scalar(separator))) }
        if order == [.month, .day, .year] { return "mon d, y" }
        return order.map { $0 == .month ? "mon" : String($0.rawValue) }.joined(separator: " ")
    }

    /// Every format a date may be written in, as `--date-format` takes them.
    public static let supported = "day, month and year in any order with / - or . between them (y-m-d, m/d/y, d/m/y, d.m.y, d-m-y; a month may be its English name or first three letters, as in 05-Mar-2026), or with a month's name between spaces (d mon y: 5 Jan 2026; mon d, y: January 5, 2026)"

    /// The day written in `text` (surrounding spaces allowed; an ISO time after the date, as
    /// spreadsheets add, is ignored), or nil.
    public func parse(_ text: Substring) -> Day? {
        if case .day(let d) = read(text) { return d }
        return nil
    }

    /// The day written in `text`, or whether it is in another format or names no real day.
    public func read(_ text: Substring) -> Reading {
        // Read straight from the text's bytes: a million-row import reads a date per cell.
        if let reading = text.utf8.withContiguousStorageIfAvailable({ read(utf8: $0) }) { return reading }
        var copy = String(text)
        return copy.withUTF8 { read(utf8: $0) }
    }

    private func read(utf8: UnsafeBufferPointer<UInt8>) -> Reading {
        guard monthNamed else { return read(parts: utf8) }
        // Parts between spaces: a run of them is one, a comma may follow the day (`January 5,
        // 2026`), and what follows the third part is the time of day. Read as the three parts
        // with one space between them.
        var parts: [[UInt8]] = [[]]
        for c in utf8 {
            if c == 0x20 || c == 0x2C {
                if c == 0x2C && (parts.count != 2 || order[1] != .day || parts[1].isEmpty) { return .otherFormat }
                if !parts[parts.count - 1].isEmpty {
                    if parts.count == 3 { break }
                    parts.append([])
                }
            } else {
                parts[parts.count - 1].append(c)
            }
        }
        let joined = parts.joined(separator: [0x20]).map { $0 }
        return joined.withUnsafeBufferPointer { read(parts: $0) }
    }

    private func read(parts utf8: UnsafeBufferPointer<UInt8>) -> Reading {
        var b = utf8[...]
        while let f = b.first, f == 0x20 { b = b.dropFirst() }
        while let l = b.last, l == 0x20 { b = b.dropLast() }
        // A time after the date is ignored: after a space, or after a `T` that follows a digit
        // (`2026-01-05T10:00`; the T of `05-OCT-2026` is the month's).
        let stop: UInt8 = monthNamed ? 0x54 : 0x20
        if let cut = b.firstIndex(where: { $0 == stop || $0 == 0x54 }), cut > b.startIndex {
            if b[cut] == 0x20 || (b[cut - 1] >= 0x30 && b[cut - 1] <= 0x39) {
                b = b[..<cut]
            } else if !monthNamed, let space = b[cut...].firstIndex(of: 0x20) {
                // A month's T, as in `05-OCT-2026 10:00`: the time still follows a space.
                b = b[..<space]
            }
        }
        // The three numbers and how many digits each had, in the order written.
        var numbers = (0, 0, 0), digits = (0, 0, 0)
        var found = 0
        var value = 0, count = 0
        // A month written as a word (`05-Mar-2026`, as spreadsheets often show dates): its
        // letters, lower-cased, and which of the three parts it was.
        var word: [UInt8] = []
        var named = -1
        func take() -> Bool {
            if !word.isEmpty {
                guard count == 0, named < 0, let month = CSVDateFormat.month(named: word) else { return false }
                value = month
                count = 2
                named = found
                word.removeAll()
            }
            guard count > 0, found < 3 else { return false }
            switch found {
            case 0: numbers.0 = value; digits.0 = count
            case 1: numbers.1 = value; digits.1 = count
            default: numbers.2 = value; digits.2 = count
            }
            found += 1
            value = 0
            count = 0
            return true
        }
        for c in b {
            if c >= 0x30 && c <= 0x39 {
                guard word.isEmpty else { return .otherFormat }
                value = value * 10 + Int(c - 0x30)
                count += 1
                if count > 4 { return .otherFormat }
            } else if (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A {
                guard count == 0, word.count < 9 else { return .otherFormat }
                word.append(c | 0x20)
            } else if c == separator {
                guard take() else { return .otherFormat }
            } else {
                return .otherFormat
            }
        }
        guard take(), found == 3 else { return .otherFormat }
        // A month's name stands only where the format has the month, and between spaces a
        // month is written so.
        if named >= 0 && order[named] != .month { return .otherFormat }
        if monthNamed && named < 0 { return .otherFormat }
        var y = 0, m = 0, d = 0
        for (k, part) in order.enumerated() {
            let number = k == 0 ? numbers.0 : k == 1 ? numbers.1 : numbers.2
            let width = k == 0 ? digits.0 : k == 1 ? digits.1 : digits.2
            switch part {
            case .year:
                if width == 2 && twoDigitYears {
                    y = number + (number < 70 ? 2000 : 1900)
                } else {
                    guard width == 4 else { return .otherFormat }
                    y = number
                }
            case .month:
                guard width <= 2 else { return .otherFormat }
                m = number
            case .day:
                guard width <= 2 else { return .otherFormat }
                d = number
            }
        }
        if y == 0 { return .impossible("there is no year 0") }
        if m < 1 || m > 12 { return .impossible("there is no month \(m)") }
        guard let day = Day(year: y, month: m, day: d) else {
            return .impossible(d == 0 ? "there is no day 0" : "\(d) \(Day.monthNames[m - 1]) \(y) does not exist")
        }
        return .day(day)
    }

    public func parse(_ text: String) -> Day? { parse(text[...]) }

    /// The days `text` names in the formats a guess tries, each day once, in their order:
    /// one for `15/11/2026` (there is no month 15), two for `02/11/2026`, none for what is
    /// no date or names none (`31/02/2026`). Years take four digits: `2/11/26` names none.
    public static func readings(of text: Substring) -> [(format: CSVDateFormat, day: Day)] {
        var found: [(format: CSVDateFormat, day: Day)] = []
        for f in candidates {
            if case .day(let d) = f.read(text), !found.contains(where: { $0.day == d }) { found.append((f, d)) }
        }
        return found
    }

    /// The month an English name gives, in full or cut to its first three letters (`sept`
    /// too), in lower case; nil for any other word.
    static func month(named word: [UInt8]) -> Int? {
        let name = String(decoding: word, as: UTF8.self)
        for (k, full) in Day.monthNames.enumerated() {
            let full = full.lowercased()
            if name == full || (name.count >= 3 && full.hasPrefix(name) && (name.count == 3 || name == "sept")) { return k + 1 }
        }
        return nil
    }
}
