/// Text built as UTF-8 bytes, for reports and exports with a line per invoice: appending to one
/// buffer costs a fraction of building a `String` per cell and joining them. Dates and amounts
/// are written by `Day.description` and `MoneyFormat.format`, the one way to write each.
public struct ByteText: Sendable {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inline(__always) public mutating func append(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes.append(contentsOf: s.utf8) }
    }

    @inline(__always) public mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// Padding is short: up to 32 spaces go in as one copy of a fixed run.
    public mutating func spaces(_ n: Int) {
        var left = n
        while left > 0 {
            let k = min(left, 32)
            ("                                " as StaticString).withUTF8Buffer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<k])) }
            left -= k
        }
    }

    /// Reverses what was appended since `start`: numbers are written lowest digit first.
    @inline(__always) mutating func reverse(from start: Int) {
        var a = start, b = bytes.count - 1
        while a < b {
            bytes.swapAt(a, b)
            a += 1
            b -= 1
        }
    }

    @inline(__always) mutating func reversedDigits(_ v: UInt64, minWidth: Int) {
        var x = v, n = 0
        repeat {
            bytes.append(UInt8(truncatingIfNeeded: 0x30 &+ x % 10))
            x /= 10
            n += 1
        } while x > 0
        while n < minWidth {
            bytes.append(0x30)
            n += 1
        }
    }

    /// A whole number in decimal, as `String(v)`.
    public mutating func int(_ v: Int) {
        let start = bytes.count
        reversedDigits(UInt64(v.magnitude), minWidth: 1)
        if v < 0 { bytes.append(0x2D) }
        reverse(from: start)
    }

    /// A date as `Day.description` writes it, its ten bytes put down in place: a page or a
    /// report of a large ledger writes hundreds of thousands of dates, and a `String` for each
    /// cost more than writing it.
    public mutating func day(_ d: Day) {
        let c = d.components
        guard c.year >= 0 && c.year <= 9999 else { return append(d.description) }
        @inline(__always) func digit(_ v: Int) -> UInt8 { UInt8(truncatingIfNeeded: 0x30 + v) }
        let (y, m, n) = (c.year, c.month, c.day)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { b in
            b[0] = digit(y / 1000)
            b[1] = digit(y / 100 % 10)
            b[2] = digit(y / 10 % 10)
            b[3] = digit(y % 10)
            b[4] = 0x2D
            b[5] = digit(m / 10)
            b[6] = digit(m % 10)
            b[7] = 0x2D
            b[8] = digit(n / 10)
            b[9] = digit(n % 10)
            bytes.append(contentsOf: UnsafeBufferPointer(b))
        }
    }

    /// A date as `Day.longDescription` writes it ("20 November 2026"): a letter's table dates
    /// every invoice it lists.
    public mutating func longDay(_ d: Day) {
        let c = d.components
        int(c.day)
        bytes.append(0x20)
        append(Day.monthNames[c.month - 1])
        bytes.append(0x20)
        int(c.year)
    }

    /// A currency's three letters, as `Currency.code` spells them.
    public mutating func currency(_ c: Currency) {
        let (a, b, d) = c.letters
        bytes.append(a)
        bytes.append(b)
        bytes.append(d)
    }

    /// An amount as `MoneyFormat.format` writes it.
    public mutating func money(_ minor: Int64, precision: Int, grouping: Bool = true) {
        MoneyFormat.withFigure(minor, precision: precision, grouping: grouping) { bytes.append(contentsOf: $0) }
    }

    /// Fixed words, without making a `String` of them.
    @inline(__always) public mutating func words(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
