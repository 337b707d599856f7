/// The invoices a letter names, in order (`LetterSent.invoices`). Kept as the numbers themselves, one space apart, in
/// one string: a number holds no blank, and nearly every letter names one invoice, whose number
/// then fits in the string's own 16 bytes. An array of numbers took an object on the heap
/// for each letter, 48 bytes beside the number, and a large ledger has a quarter of a million
/// letters.
public struct NamedInvoices: Sequence, Sendable, Hashable, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// The numbers joined by one space; empty when there are none.
    private var joined = ""

    public init() {}

    public init(_ numbers: some Sequence<String>) {
        for n in numbers { append(n) }
    }

    public init(arrayLiteral numbers: String...) {
        self.init(numbers)
    }

    /// Adds `number`, which holds no blank (an id: grammar.md §2).
    public mutating func append(_ number: String) {
        precondition(!number.isEmpty && Self.space(in: number, from: 0) == nil, "an invoice number is one word")
        if !joined.isEmpty { joined.append(" ") }
        joined.append(number)
    }

    public var isEmpty: Bool { joined.isEmpty }

    public var count: Int {
        guard !joined.isEmpty else { return 0 }
        var n = 1, from = 0
        while let gap = Self.space(in: joined, from: from) {
            n += 1
            from = gap + 1
        }
        return n
    }

    public var first: String? {
        var it = makeIterator()
        return it.next()
    }

    /// The `k`th number.
    public subscript(k: Int) -> String {
        var it = makeIterator()
        for _ in 0..<k { _ = it.next() }
        return it.next()!
    }

    public var array: [String] { Array(self) }

    public var description: String { array.description }

    public func makeIterator() -> Iterator { Iterator(joined: joined) }

    public struct Iterator: IteratorProtocol {
        let joined: String
        /// The byte where the next number starts.
        var from = 0

        public mutating func next() -> String? {
            let start = from
            guard start < joined.utf8.count else { return nil }
            guard let gap = NamedInvoices.space(in: joined, from: start) else {
                from = joined.utf8.count
                // The one number of most letters is the string itself, not a copy of it.
                return start == 0 ? joined : NamedInvoices.text(joined, start..<from)
            }
            from = gap + 1
            return NamedInvoices.text(joined, start..<gap)
        }
    }

    /// The byte offset of the first space in `s` at or after `from`. Read from the bytes in
    /// place: this runs for every number of every letter, three rules over.
    static func space(in s: String, from: Int) -> Int? {
        let found: Int?? = s.utf8.withContiguousStorageIfAvailable { b in
            var i = from
            while i < b.count {
                if b[i] == space { return i }
                i += 1
            }
            return nil
        }
        if let found { return found }
        let u = s.utf8
        return u[u.index(u.startIndex, offsetBy: from)...].firstIndex(of: space).map { u.distance(from: u.startIndex, to: $0) }
    }

    static func text(_ s: String, _ bytes: Range<Int>) -> String {
        let u = s.utf8
        return String(s[u.index(u.startIndex, offsetBy: bytes.lowerBound)..<u.index(u.startIndex, offsetBy: bytes.upperBound)])
    }

    private static let space = UInt8(ascii: " ")
}
