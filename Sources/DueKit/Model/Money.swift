/// An ISO 4217 currency and the number of decimals its amounts carry.
public struct Currency: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let code: String
    public let precision: Int

    public init(_ code: String) {
        self.code = code
        self.precision = Currency.precision(of: code)
    }

    public static func precision(of code: String) -> Int {
        switch code {
        case "JPY", "KRW", "ISK", "CLP", "VND", "UGX", "XAF", "XOF", "PYG", "RWF", "KMF", "GNF", "VUV", "XPF", "DJF", "BIF": 0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
        default: 2
        }
    }

    public static func isCode(_ b: ArraySlice<UInt8>) -> Bool {
        b.count == 3 && b.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    public var description: String { code }
    public static func < (a: Currency, b: Currency) -> Bool { a.code < b.code }
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
    public static func format(_ minor: Int64, precision: Int, grouping: Bool = true) -> String {
        let negative = minor < 0
        var mag = minor.magnitude
        var frac = ""
        if precision > 0 {
            var p: UInt64 = 1
            for _ in 0..<precision { p *= 10 }
            let f = String(mag % p)
            frac = "." + String(repeating: "0", count: precision - f.count) + f
            mag /= p
        }
        var whole = String(mag)
        if grouping && whole.count > 3 {
            var out = ""
            for (i, ch) in whole.enumerated() {
                if i > 0 && (whole.count - i) % 3 == 0 { out.append(",") }
                out.append(ch)
            }
            whole = out
        }
        return (negative ? "-" : "") + whole + frac
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
