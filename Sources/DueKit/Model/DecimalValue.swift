/// An exact decimal number as written: `digits × 10^-scale`. Money, quantities and rates are
/// read into this before their currency is known; floating point never touches them.
public struct DecimalValue: Sendable, Hashable, CustomStringConvertible {
    public var digits: Int64
    /// Stored in one byte (a scale never exceeds 18): every invoice carries several of these.
    private var scale8: Int8

    public var scale: Int {
        get { Int(scale8) }
        set { scale8 = Int8(clamping: newValue) }
    }

    public init(digits: Int64, scale: Int) {
        self.digits = digits
        self.scale8 = Int8(clamping: scale)
    }

    public static let zero = DecimalValue(digits: 0, scale: 0)

    public var isNegative: Bool { digits < 0 }

    /// One to three figures, a point and three more (`1.500`, `12.345`): written the
    /// continental way, a thousand or more. `0.500` is no thousand (a group needs a figure
    /// before it), and `1,200.005`, grouped already, has its point where the decimals start.
    var readsAsThousands: Bool { scale == 3 && (1_000..<1_000_000).contains(digits.magnitude) }

    /// The value read as if its three decimals were a group of thousands (`1.200` as 1,200),
    /// in minor units of `precision`: the other reading of an amount written the continental
    /// way. Nil unless it has exactly three decimals, or when that reading is too large.
    func asThousands(precision: Int) -> Int64? {
        guard readsAsThousands else { return nil }
        let (big, over) = Int64(digits).multipliedReportingOverflow(by: Int64(MoneyFormat.pow10(precision)))
        return over ? nil : big
    }

    /// The scale after dropping trailing zeros after the point (`12.50` → 1).
    public var significantScale: Int {
        var d = digits, s = scale
        while s > 0 && d % 10 == 0 {
            d /= 10
            s -= 1
        }
        return s
    }

    /// The value in minor units of a currency with `precision` decimals, or nil if it has more
    /// significant decimals than that or does not fit.
    public func minorUnits(precision: Int) -> Int64? {
        if significantScale > precision { return nil }
        var d = digits, s = scale
        while s > precision {
            d /= 10
            s -= 1
        }
        while s < precision {
            let (r, o) = d.multipliedReportingOverflow(by: 10)
            if o { return nil }
            d = r
            s += 1
        }
        return d
    }

    public var description: String {
        var s = String(digits.magnitude)
        if scale > 0 {
            if s.count <= scale { s = String(repeating: "0", count: scale - s.count + 1) + s }
            s.insert(".", at: s.index(s.endIndex, offsetBy: -scale))
        }
        return (digits < 0 ? "-" : "") + s
    }

    /// Parses `-1,234.56`. Grouping commas must come in threes; at most 18 digits.
    public static func parse(_ b: ArraySlice<UInt8>, allowNegative: Bool = true, allowGrouping: Bool = true) -> DecimalParse {
        b.withUnsafeBufferPointer { parse($0, allowNegative: allowNegative, allowGrouping: allowGrouping) }
    }

    public static func parse(_ b: UnsafeBufferPointer<UInt8>, allowNegative: Bool = true, allowGrouping: Bool = true) -> DecimalParse {
        if let plain = plain(b) { return .valid(plain) }
        return parseAnyForm(b, allowNegative: allowNegative, allowGrouping: allowGrouping)
    }

    /// `parse` without the fast path for plain numbers: the definition the fast path agrees with.
    static func parseAnyForm(_ b: UnsafeBufferPointer<UInt8>, allowNegative: Bool, allowGrouping: Bool) -> DecimalParse {
        var i = 0
        var negative = false
        if i < b.count, b[i] == 0x2D {
            guard allowNegative else { return .invalid("a negative amount is not allowed here") }
            negative = true
            i += 1
        } else if i < b.count, b[i] == 0x2B {
            i += 1
        }
        var value: Int64 = 0
        var digitCount = 0
        var scale = 0
        var seenPoint = false
        var groupLength = -1  // digits since the last comma; -1 when no comma seen
        var intDigits = 0
        guard i < b.count else { return .notANumber }
        while i < b.count {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                if digitCount > 0 || c != 0x30 || seenPoint { digitCount += 1 }
                if digitCount > 18 { return .overflow }
                value = value &* 10 &+ Int64(c - 0x30)
                if seenPoint { scale += 1 } else {
                    intDigits += 1
                    if groupLength >= 0 { groupLength += 1 }
                }
            } else if c == 0x2C && allowGrouping && !seenPoint {
                if intDigits == 0 || (groupLength >= 0 && groupLength != 3) || (groupLength < 0 && intDigits > 3) {
                    return .invalid("digits must be grouped in threes: `1,234,567.89`")
                }
                groupLength = 0
            } else if c == 0x2E && !seenPoint {
                if groupLength >= 0 && groupLength != 3 { return .invalid("digits must be grouped in threes: `1,234,567.89`") }
                seenPoint = true
            } else {
                return .notANumber
            }
            i += 1
        }
        if groupLength >= 0 && groupLength != 3 && !seenPoint { return .invalid("digits must be grouped in threes: `1,234,567.89`") }
        if intDigits == 0 && scale == 0 { return .notANumber }
        return .valid(DecimalValue(digits: negative ? -value : value, scale: scale))
    }
}

extension DecimalValue {
    /// `1234.56`, how nearly every amount and quantity in a ledger is written: digits with at
    /// most one point, no sign, no grouping, at most 18 digits (so none can overflow). One
    /// comparison a byte; anything else is left to `parse`, which gives the same value for
    /// these and says what is wrong with the rest.
    @inline(__always)
    static func plain(_ b: UnsafeBufferPointer<UInt8>) -> DecimalValue? {
        guard b.count <= 19 else { return nil }
        var value: Int64 = 0
        var point = -1
        for k in 0..<b.count {
            let d = b[k] &- 0x30
            if d < 10 {
                value = value &* 10 &+ Int64(d)
            } else if b[k] == 0x2E && point < 0 {
                point = k
            } else {
                return nil
            }
        }
        let digits = point < 0 ? b.count : b.count - 1
        guard digits > 0 && digits <= 18 else { return nil }
        return DecimalValue(digits: value, scale: point < 0 ? 0 : b.count - 1 - point)
    }
}

public enum DecimalParse: Sendable {
    case valid(DecimalValue)
    case invalid(String)
    case overflow
    case notANumber
}
