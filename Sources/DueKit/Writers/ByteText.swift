/// Text built as UTF-8 bytes, for reports and exports with a line per invoice: appending to one
/// buffer costs a fraction of building a `String` per cell and joining them. Dates and amounts
/// come out byte for byte as `Day.description` and `MoneyFormat.format` write them.
public struct ByteText: Sendable {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inline(__always) public mutating func append(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes.append(contentsOf: s.utf8) }
    }

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

/// Amounts and dates as `String`s without the intermediate strings `MoneyFormat.format` and
/// `Day.description` build: the digits are written backwards into a buffer on the stack, and a
/// short result fits in the `String` itself, so a cell costs no allocation at all.
public enum FastText {
    /// Byte for byte `MoneyFormat.format(minor, precision:, grouping:)`.
    public static func money(_ minor: Int64, precision: Int, grouping: Bool = true) -> String {
        guard precision >= 0 && precision <= 18 else { return MoneyFormat.format(minor, precision: precision, grouping: grouping) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buf in
            var pos = 64
            var mag = minor.magnitude
            if precision > 0 {
                var p: UInt64 = 1
                for _ in 0..<precision { p *= 10 }
                var f = mag % p
                for _ in 0..<precision {
                    pos -= 1
                    buf[pos] = UInt8(truncatingIfNeeded: 0x30 &+ f % 10)
                    f /= 10
                }
                pos -= 1
                buf[pos] = 0x2E
                mag /= p
            }
            var n = 0
            repeat {
                if grouping && n > 0 && n % 3 == 0 {
                    pos -= 1
                    buf[pos] = 0x2C
                }
                pos -= 1
                buf[pos] = UInt8(truncatingIfNeeded: 0x30 &+ mag % 10)
                mag /= 10
                n += 1
            } while mag > 0
            if minor < 0 {
                pos -= 1
                buf[pos] = 0x2D
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buf[pos..<64]), as: UTF8.self)
        }
    }

    /// Byte for byte `day.description`: `YYYY-MM-DD`.
    public static func day(_ d: Day) -> String {
        let c = d.components
        guard c.year >= 0 && c.year <= 9999 else { return d.description }
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
}
