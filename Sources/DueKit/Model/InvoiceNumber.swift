/// An invoice's number as the invoice holds it, in 16 bytes. A number of up to 15 bytes
/// (`INV-0012345`, most of them) lies in place, as a `String` would hold it. A longer one
/// (`INVOICE-2026-000123`) lies in a `NumberStore` that the parser fills and thousands of
/// invoices share: as a `String` of its own it took 64 bytes of heap, so a million of them
/// added a tenth to the memory of a ledger whose numbers are written that way.
///
/// Two numbers are equal as their texts are (`==` on `String`: by canonical equivalence).
public struct InvoiceNumber: Sendable, Hashable {
    private enum Held: Sendable {
        /// Up to 15 bytes of UTF-8, zero after the last: a number holds no NUL (`LedgerID`).
        case inline(UInt64, UInt32, UInt16, UInt8)
        /// `count` bytes at `offset` in the store, or all from there to its end (`toTheEnd`).
        case stored(NumberStore, offset: UInt32, count: UInt16)
    }

    private var held: Held

    /// How many bytes a number may have and still lie in place.
    static let inlineCapacity = 15

    public init(_ text: String) {
        var text = text
        self = text.withUTF8 { bytes in
            var own: NumberStore?
            return InvoiceNumber(utf8: bytes, store: &own, exact: true)
        }
    }

    /// The number the UTF-8 `bytes` spell: in place when it fits, else in `store`, the
    /// parser's, replaced by a new one when full (or made, when nil).
    init(utf8 bytes: UnsafeBufferPointer<UInt8>, store: inout NumberStore?) {
        self.init(utf8: bytes, store: &store, exact: false)
    }

    /// `exact`: a new store holds just this number (one made in code, not by a parser).
    private init(utf8 bytes: UnsafeBufferPointer<UInt8>, store: inout NumberStore?, exact: Bool) {
        if bytes.count <= InvoiceNumber.inlineCapacity, !bytes.contains(0) {
            var words: (UInt64, UInt32, UInt16, UInt8) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &words) { raw in
                if let base = bytes.baseAddress { raw.baseAddress!.copyMemory(from: base, byteCount: bytes.count) }
            }
            held = .inline(words.0, words.1, words.2, words.3)
            return
        }
        // A count says up to 65,534 bytes; a longer number (no limit keeps one out of a
        // ledger) has a store of its own, and `toTheEnd` for its count.
        if bytes.count >= Int(InvoiceNumber.toTheEnd) {
            let own = NumberStore(capacity: bytes.count)
            held = .stored(own, offset: own.append(bytes)!, count: InvoiceNumber.toTheEnd)
            return
        }
        let count = UInt16(bytes.count)
        if !exact, let s = store, let offset = s.append(bytes) {
            held = .stored(s, offset: offset, count: count)
            return
        }
        let s = NumberStore(capacity: exact ? bytes.count : NumberStore.nextCapacity(after: store?.capacity ?? 0, atLeast: bytes.count))
        store = s
        held = .stored(s, offset: s.append(bytes)!, count: count)
    }

    /// The count of a number that runs to the end of a store of its own.
    private static let toTheEnd = UInt16.max

    /// The number's UTF-8, read in place.
    @inline(__always) public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch held {
        case .inline(let a, let b, let c, let d):
            // The four fields lie one after another, 15 bytes from the first.
            var words = (a, b, c, d)
            let count = InvoiceNumber.count(a, b, c, d)
            return try withUnsafeBytes(of: &words) { raw in
                try UnsafeRawBufferPointer(rebasing: raw[..<count]).withMemoryRebound(to: UInt8.self) { try body($0) }
            }
        case .stored(let store, let offset, let count):
            let length = count == InvoiceNumber.toTheEnd ? store.used - Int(offset) : Int(count)
            return try body(store.bytes(at: Int(offset), count: length))
        }
    }

    /// The number as text. Up to 15 bytes the string holds them itself, with nothing allocated.
    public var text: String {
        withUTF8 { String(decoding: $0, as: UTF8.self) }
    }

    /// How many bytes the number has: up to the last that is not zero (a number holds no NUL).
    /// Each field read as its bytes lie in memory, the first byte lowest, on any machine.
    @inline(__always) private static func count(_ a: UInt64, _ b: UInt32, _ c: UInt16, _ d: UInt8) -> Int {
        let high = UInt64(b.littleEndian) | UInt64(c.littleEndian) << 32 | UInt64(d) << 48
        if high != 0 { return 8 + (64 - high.leadingZeroBitCount + 7) / 8 }
        return (64 - a.littleEndian.leadingZeroBitCount + 7) / 8
    }

    /// Whether the number lies in place (for tests): one of up to 15 bytes with no NUL does.
    var isInline: Bool {
        if case .inline = held { return true }
        return false
    }

    public static func == (a: InvoiceNumber, b: InvoiceNumber) -> Bool { a.text == b.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

/// Long invoice numbers, one after another, in memory that never moves: the parser appends to
/// its store until it is full, then starts another, and each number holds its store. A store is
/// written only by the parser that made it, before the invoices that hold it are handed on;
/// after that it is only read.
final class NumberStore: @unchecked Sendable {
    private let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    private(set) var used = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Where `bytes` were put; nil when they do not fit.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard capacity - used >= bytes.count, let from = bytes.baseAddress else {
            return bytes.isEmpty ? UInt32(used) : nil
        }
        (base + used).initialize(from: from, count: bytes.count)
        defer { used += bytes.count }
        return UInt32(used)
    }

    func bytes(at offset: Int, count: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + offset, count: count)
    }

    /// A parser's first store is small (a ledger of a few invoices may have one long number);
    /// each next one is twice the last, up to 64 KB, whose unused end is all a full parse
    /// leaves behind.
    static func nextCapacity(after last: Int, atLeast count: Int) -> Int {
        max(count, min(64 << 10, max(256, last * 2)))
    }
}
