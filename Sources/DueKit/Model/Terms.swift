/// Payment terms as written on a client or invoice.
public struct Terms: Sendable, Hashable, CustomStringConvertible {
    public enum Base: Sendable, Hashable {
        /// Days counted from the issue date.
        case issue
        /// Days counted from the end of the month of issue.
        case endOfMonth
    }

    // Days are stored in 32 bits (terms run to at most 3650 days): every invoice carries two
    // `Terms`, written and effective.
    private var net32: Int32
    private var window32: Int32  // -1: no discount window
    public var base: Base
    /// Early-payment discount: percent off if paid within `discountDays` of issue.
    public var discountPercent: DecimalValue?

    public var netDays: Int {
        get { Int(net32) }
        set { net32 = Int32(clamping: newValue) }
    }

    public var discountDays: Int? {
        get { window32 < 0 ? nil : Int(window32) }
        set { window32 = newValue.map { Int32(clamping: $0) } ?? -1 }
    }

    public init(netDays: Int, base: Base = .issue, discountPercent: DecimalValue? = nil, discountDays: Int? = nil) {
        self.net32 = Int32(clamping: netDays)
        self.base = base
        self.discountPercent = discountPercent
        self.window32 = discountDays.map { Int32(clamping: $0) } ?? -1
    }

    public static let net30 = Terms(netDays: 30)

    public func dueDate(issued: Day) -> Day {
        switch base {
        case .issue: issued.adding(days: netDays)
        case .endOfMonth: issued.endOfMonth.adding(days: netDays)
        }
    }

    public var description: String {
        var s = ""
        if let p = discountPercent, let d = discountDays { s = "\(p)/\(d) " }
        switch (base, netDays) {
        case (.issue, 0) where discountPercent == nil: return "receipt"
        case (.endOfMonth, 0): return s + "eom"
        case (.endOfMonth, let n): return s + "net \(n) eom"
        case (.issue, let n): return s + "net \(n)"
        }
    }

    /// A discount is a share of the invoice: more than 100% is a typo (and would be a discount
    /// larger than any amount the engine holds).
    public static func isDiscount(_ p: DecimalValue) -> Bool {
        p.digits >= 0 && Int128(p.digits) <= 100 * MoneyFormat.pow10(p.scale)
    }

    /// Parses `net 30`, `2/10 net 30`, `eom`, `net 30 eom`, `receipt`.
    public static func parse(_ words: [String]) -> Terms? {
        var w = words.map { $0.lowercased() }
        if w == ["receipt"] || w == ["due", "on", "receipt"] { return Terms(netDays: 0) }
        var percent: DecimalValue?
        var window: Int?
        if let first = w.first, first.contains("/") {
            let parts = first.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, case .valid(let p) = DecimalValue.parse(Array(parts[0].utf8)[...], allowNegative: false, allowGrouping: false),
                isDiscount(p),
                let d = Int(parts[1]), d >= 0, d <= 3650
            else { return nil }
            percent = p
            window = d
            w.removeFirst()
        }
        var base = Base.issue
        if w.last == "eom" {
            base = .endOfMonth
            w.removeLast()
            if w.isEmpty { return Terms(netDays: 0, base: .endOfMonth, discountPercent: percent, discountDays: window) }
        }
        guard w.count == 2, w[0] == "net", let n = Int(w[1]), n >= 0, n <= 3650 else { return nil }
        return Terms(netDays: n, base: base, discountPercent: percent, discountDays: window)
    }
}
