/// Payment terms as written on a client or invoice.
public struct Terms: Sendable, Hashable, CustomStringConvertible {
    public enum Base: Sendable, Hashable {
        /// Days counted from the issue date.
        case issue
        /// Days counted from the end of the month of issue.
        case endOfMonth
    }

    // Days are stored in 16 bits (terms run to at most `maxDays`, 3650), after the discount,
    // so the whole takes 15 bytes: every invoice carries one.
    /// Early-payment discount: percent off if paid within `discountDays` of issue.
    public var discountPercent: DecimalValue?
    private var net16: Int16
    private var window16: Int16  // negative: no discount window
    public var base: Base

    public var netDays: Int {
        get { Int(net16) }
        set { net16 = Int16(clamping: newValue) }
    }

    public var discountDays: Int? {
        get { window16 < 0 ? nil : Int(window16) }
        set { window16 = newValue.map { Int16(clamping: $0) } ?? -1 }
    }

    public init(netDays: Int, base: Base = .issue, discountPercent: DecimalValue? = nil, discountDays: Int? = nil) {
        self.net16 = Int16(clamping: netDays)
        self.base = base
        self.discountPercent = discountPercent
        self.window16 = discountDays.map { Int16(clamping: $0) } ?? -1
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

    /// The longest terms the ledger takes: ten years.
    public static let maxDays = 3650

    /// Reads `net 30`, `2/10 net 30`, `eom`, `net 30 eom`, `receipt` or `due on receipt`, in any
    /// case, from words given as text.
    public static func parse(_ words: [String]) -> Terms? {
        parse(words.map { Array($0.utf8) })
    }

    /// A count of days as terms write it: one to four digits, at most `maxDays`.
    static func days<C: Collection<UInt8>>(_ w: C) -> Int? {
        guard !w.isEmpty, w.count <= 4 else { return nil }
        var n = 0
        for b in w {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n <= maxDays ? n : nil
    }

    /// What terms written with a space left out or a word too many read as once mended:
    /// `net30`, `2/10net30`, `net30eom`, `net-30`, `net 30 days`, `30 days`, `net 30 end of
    /// month`; nil when mending reads none (`net thirty`).
    /// In a ledger, for a hint only: the ledger says what it means, so these are asked about,
    /// not taken. A spreadsheet's terms cell is typed as it comes: `due import csv` takes
    /// them, and says so in its summary.
    public static func mended(_ text: String) -> Terms? {
        var words: [[UInt8]] = []
        var previous: UInt8 = 0  // the class of the byte before: 1 letter, 2 figure, 0 neither
        for b in text.utf8 {
            let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            let kind: UInt8 = lower >= 0x61 && lower <= 0x7A ? 1 : (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x2F ? 2 : 0
            if kind == 0 {
                previous = 0
                continue
            }
            if kind != previous { words.append([]) }
            words[words.count - 1].append(lower)
            previous = kind
        }
        words.removeAll { $0 == Array("days".utf8) || $0 == Array("day".utf8) }
        if let k = (0..<max(0, words.count - 2)).first(where: { words[$0...$0 + 2].elementsEqual(["end", "of", "month"].map { Array($0.utf8) }) }) {
            words.replaceSubrange(k...k + 2, with: [Array("eom".utf8)])
        }
        // `30 days`: a count of days alone is the net days.
        if words.count == 1, days(words[0]) != nil { words.insert(Array("net".utf8), at: 0) }
        return parse(words)
    }

    /// The one reader of terms: the parser hands it a `terms` line's words as bytes, the import a
    /// spreadsheet cell's. Days run from 0 to `maxDays`.
    public static func parse<Word: Collection<UInt8>>(_ words: [Word]) -> Terms? {
        func word(_ w: Word, is text: StaticString) -> Bool {
            guard w.count == text.utf8CodeUnitCount else { return false }
            var k = 0
            for b in w {
                // ASCII letters in either case: `NET 30`, `Net 30 EOM`.
                let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                guard lower == text.utf8Start[k] else { return false }
                k += 1
            }
            return true
        }
        if words.count == 1 && word(words[0], is: "receipt") { return Terms(netDays: 0) }
        if words.count == 3 && word(words[0], is: "due") && word(words[1], is: "on") && word(words[2], is: "receipt") { return Terms(netDays: 0) }
        var i = 0
        var percent: DecimalValue?
        var window: Int?
        if let first = words.first, let slash = first.firstIndex(of: 0x2F) {
            guard case .valid(let p) = DecimalValue.parse(ArraySlice(first[..<slash]), allowNegative: false, allowGrouping: false), isDiscount(p),
                let d = days(first[first.index(after: slash)...])
            else { return nil }
            percent = p
            window = d
            i = 1
        }
        let rest = words.count - i
        if rest == 1 && word(words[i], is: "eom") { return Terms(netDays: 0, base: .endOfMonth, discountPercent: percent, discountDays: window) }
        guard rest == 2 || (rest == 3 && word(words[i + 2], is: "eom")), word(words[i], is: "net"), let n = days(words[i + 1]) else { return nil }
        return Terms(netDays: n, base: rest == 3 ? .endOfMonth : .issue, discountPercent: percent, discountDays: window)
    }
}
