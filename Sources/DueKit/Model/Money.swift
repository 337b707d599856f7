/// An ISO 4217 currency and the number of decimals its amounts carry.
public struct Currency: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The three letters packed big-endian in the low 24 bits, so comparing packs compares codes
    /// alphabetically; the bit above marks `unknown`, and the decimals (which follow from the
    /// code) sit at the top. Four bytes instead of a `String` and an `Int`: every amount and
    /// every entry of a large ledger carries a currency.
    private let bits: UInt32

    /// The bits no currency sets (those above the `unknown` mark and above the decimals, which
    /// are at most 3), for an entity that keeps facts of its own beside its currency (`Payment`).
    static var spareBits: UInt32 { 0xCE00_0000 }

    /// The whole word, which `init(word:)` takes back without looking the decimals up again.
    var word: UInt32 { bits }

    init(word: UInt32) { bits = word }

    /// The code and the `unknown` mark, without the decimals.
    var packed: UInt32 { bits & 0x01FF_FFFF }
    var decimals: UInt8 { UInt8(truncatingIfNeeded: bits >> 28) }

    public init(_ code: String) {
        var p: UInt32 = 0
        for b in code.utf8.prefix(3) { p = p << 8 | UInt32(b) }
        self.init(packed: p)
    }

    init(packed p: UInt32) {
        bits = p & 0x01FF_FFFF | UInt32(Currency.precision(packed: p)) << 28
    }

    /// Three capital letters from bytes, without building a `String`.
    static func from(_ b: UnsafeBufferPointer<UInt8>) -> Currency? {
        guard isCode(b) else { return nil }
        return Currency(packed: UInt32(b[0]) << 16 | UInt32(b[1]) << 8 | UInt32(b[2]))
    }

    /// Stands in where no currency could be determined (an error has been reported). It is
    /// printed as XXX, ISO 4217's "no currency", and sorts where XXX does, but it is not XXX:
    /// the bit above the three letters marks it, so no ledger can write it and a ledger that
    /// writes XXX means XXX.
    public static let unknown = Currency(packed: 0x0100_0000 | 0x58_5858)

    /// False only for `unknown`.
    public var isKnown: Bool { packed >> 24 == 0 }

    /// Signs written beside an amount, and the code a ledger writes instead. `$` and `¥` (and
    /// `₣`) are each written by more than one currency: their code here is the likeliest, for
    /// a hint to name, never taken as the currency (`signed`).
    public static let signs: [Character: String] = ["£": "GBP", "€": "EUR", "$": "USD", "¥": "JPY", "₹": "INR", "₣": "CHF"]

    /// Names written where a code goes (`currency EURO`), in capitals, and the code a hint
    /// offers for each: only names that stand for one currency, as `signs` does for `$`.
    public static let names: [String: String] = [
        "EURO": "EUR", "EUROS": "EUR", "POUND": "GBP", "POUNDS": "GBP", "STERLING": "GBP",
        "DOLLAR": "USD (or the code of your dollar: CAD, AUD, …)", "DOLLARS": "USD (or the code of your dollar: CAD, AUD, …)",
        "FRANC": "CHF", "FRANCS": "CHF", "RUPEE": "INR", "RUPEES": "INR",
    ]

    /// The one currency sign `sign` stands for: GBP for `£`, EUR for `€`, INR for `₹`; nil for
    /// a sign more than one currency writes, such as `$` (USD, CAD, AUD, …), or one not known.
    public static func signed(_ sign: Character) -> Currency? {
        guard sign == "£" || sign == "€" || sign == "₹", let code = signs[sign] else { return nil }
        return Currency(code)
    }

    static let zeroDecimals: Set<UInt32> = Set(["JPY", "KRW", "ISK", "CLP", "VND", "UGX", "XAF", "XOF", "PYG", "RWF", "KMF", "GNF", "VUV", "XPF", "DJF", "BIF"].map { (s: String) -> UInt32 in s.utf8.reduce(0) { $0 << 8 | UInt32($1) } })
    static let threeDecimals: Set<UInt32> = Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"].map { (s: String) -> UInt32 in s.utf8.reduce(0) { $0 << 8 | UInt32($1) } })

    static func precision(packed p: UInt32) -> Int {
        if zeroDecimals.contains(p) { return 0 }
        if threeDecimals.contains(p) { return 3 }
        return 2
    }

    public var code: String {
        let (a, b, c) = letters
        return String(decoding: [a, b, c], as: UTF8.self)
    }

    /// The code as a message writes it after an amount (` GBP`), or nothing for `unknown`:
    /// its XXX is no currency the user wrote, and E308 says that none is known.
    public var afterAmount: String { isKnown ? " " + code : "" }

    /// The code's three bytes, for writers that put them down without making a `String`.
    var letters: (UInt8, UInt8, UInt8) { (UInt8(packed >> 16 & 0xFF), UInt8(packed >> 8 & 0xFF), UInt8(packed & 0xFF)) }
    public var precision: Int { Int(decimals) }

    // The decimals follow from the code, so the whole word compares as the code does.
    public static func == (a: Currency, b: Currency) -> Bool { a.bits == b.bits }
    public func hash(into h: inout Hasher) { h.combine(packed) }

    public static func isCode(_ b: ArraySlice<UInt8>) -> Bool {
        b.count == 3 && b.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    static func isCode(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count == 3 && b[0] >= 0x41 && b[0] <= 0x5A && b[1] >= 0x41 && b[1] <= 0x5A && b[2] >= 0x41 && b[2] <= 0x5A
    }

    public var description: String { code }
    public static func < (a: Currency, b: Currency) -> Bool {
        let x = a.packed & 0xFF_FFFF, y = b.packed & 0xFF_FFFF
        return x != y ? x < y : a.packed < b.packed
    }
}

/// An exact amount of money in a currency's minor units (pence, cents).
public struct Money: Sendable, Hashable, CustomStringConvertible {
    public var minor: Int64
    public var currency: Currency

    public init(minor: Int64, currency: Currency) {
        self.minor = minor
        self.currency = currency
    }

    /// `1,234.56` — grouped, always with the currency's decimals.
    public var formatted: String { MoneyFormat.format(minor, precision: currency.precision) }
    /// `1,234.56 GBP`
    public var description: String { formatted + " " + currency.code }
}

/// Formats minor units exactly; never `NumberFormatter`, whose output differs by platform.
public enum MoneyFormat {
    /// `1,234.50` (or `1234.50` without grouping): the one way `due` writes an amount, in
    /// reports, letters, exports and ledger text alike. The digits are written backwards into a
    /// buffer on the stack, and a short result fits in the `String` itself, so a report's
    /// million cells cost no allocation.
    public static func format(_ minor: Int64, precision: Int, grouping: Bool = true) -> String {
        withFigure(minor, precision: precision, grouping: grouping) { String(decoding: $0, as: UTF8.self) }
    }

    /// The UTF-8 bytes of `format`, lent to `body` from the stack: a writer of a large text
    /// appends them where they belong without making a `String` for each amount.
    @inline(__always)
    public static func withFigure<R>(_ minor: Int64, precision: Int, grouping: Bool = true, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let p = max(0, precision)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48 + p) { buf in
            var pos = buf.count
            func put(_ b: UInt8) {
                pos -= 1
                buf[pos] = b
            }
            var mag = minor.magnitude
            if p > 0 {
                // A precision past 19 digits is all zeros at the front of the fraction.
                for k in 0..<p {
                    put(k < 20 ? UInt8(truncatingIfNeeded: 0x30 &+ mag % 10) : 0x30)
                    mag /= 10
                }
                put(0x2E)
            }
            var n = 0
            repeat {
                if grouping && n > 0 && n % 3 == 0 { put(0x2C) }
                put(UInt8(truncatingIfNeeded: 0x30 &+ mag % 10))
                mag /= 10
                n += 1
            } while mag > 0
            if minor < 0 { put(0x2D) }
            return body(UnsafeBufferPointer(rebasing: buf[pos...]))
        }
    }

    /// Rounds `numerator / denominator` half away from zero.
    public static func divideRounded(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        let q = numerator / denominator
        let r = numerator % denominator
        if (r < 0 ? -r : r) * 2 >= (denominator < 0 ? -denominator : denominator) {
            return (numerator < 0) != (denominator < 0) ? q - 1 : q + 1
        }
        return q
    }

    public static func pow10(_ n: Int) -> Int128 {
        var p: Int128 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }
}
