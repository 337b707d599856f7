/// Text built as UTF-8 bytes, for reports and exports with a line per invoice: appending to one
/// buffer costs a fraction of building a `String` per cell and joining them. Dates and amounts
/// come out byte for byte as `Day.description` and `MoneyFormat.format` write them.
public struct ByteText: Sendable {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inline(__always) public mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

    @inline(__always) public mutating func byte(_ b: UInt8) { bytes.append(b) }

    public mutating func spaces(_ n: Int) {
        for _ in 0..<max(0, n) { bytes.append(0x20) }
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

    /// `YYYY-MM-DD`, as `Day.description`.
    public mutating func day(_ d: Day) {
        let c = d.components
        guard c.year >= 0 && c.year <= 9999 else { return append(d.description) }
        let start = bytes.count
        reversedDigits(UInt64(c.day), minWidth: 2)
        bytes.append(0x2D)
        reversedDigits(UInt64(c.month), minWidth: 2)
        bytes.append(0x2D)
        reversedDigits(UInt64(c.year), minWidth: 4)
        reverse(from: start)
    }

    /// As `MoneyFormat.format(minor, precision:, grouping:)`.
    public mutating func money(_ minor: Int64, precision: Int, grouping: Bool = true) {
        let start = bytes.count
        var mag = minor.magnitude
        if precision > 0 {
            var p: UInt64 = 1
            for _ in 0..<precision { p *= 10 }
            reversedDigits(mag % p, minWidth: precision)
            bytes.append(0x2E)
            mag /= p
        }
        var n = 0
        repeat {
            if grouping && n > 0 && n % 3 == 0 { bytes.append(0x2C) }
            bytes.append(UInt8(truncatingIfNeeded: 0x30 &+ mag % 10))
            mag /= 10
            n += 1
        } while mag > 0
        if minor < 0 { bytes.append(0x2D) }
        reverse(from: start)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
