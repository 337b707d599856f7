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
        /// `count` bytes at `offset` in the store.
        case stored(NumberStore, offset: UInt32, count: UInt16)
    }

    private var held: Held

    /// How many bytes a number may have and still lie in place.
    static let inlineCapacity = 15

    public init(_ text: String) {
        var text = text
        self = text.withUTF8 { InvoiceNumber(utf8: $0, store: nil) }
    }

    /// The number the UTF-8 `bytes` spell: in place when it fits, else in `store` (or, when
    /// none is given or it is full, a store of its own). `store` is the parser's current
    /// store, replaced by a new one when full.
    init(utf8 bytes: UnsafeBufferPointer<UInt8>, store: NumberStore?) {
        var s = store
        self.init(utf8: bytes, store: &s)
    }

    init(utf8 bytes: UnsafeBufferPointer<UInt8>, store: inout NumberStore?) {
        if bytes.count <= InvoiceNumber.inlineCapacity, !bytes.contains(0) {
            var words: (UInt64, UInt32, UInt16, UInt8) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &words) { raw in
                if let base = bytes.baseAddress { raw.baseAddress!.copyMemory(from: base, byteCount: bytes.count) }
            }
            held = .inline(words.0, words.1, words.2, words.3)
            return
        }
        // A number longer than 65,535 bytes is not an id `LedgerID` accepts, but one made in
        // code may be: it gets a store of its own all the same, cut at what a count can say.
        let count = min(bytes.count, Int(UInt16.max))
        let piece = UnsafeBufferPointer(rebasing: bytes[..<count])
        if let s = store, let offset = s.append(piece) {
            held = .stored(s, offset: offset, count: UInt16(count))
            return
        }
        let s = NumberStore(capacity: NumberStore.nextCapacity(after: store?.capacity ?? 0, atLeast: count))
        store = s
        held = .stored(s, offset: s.append(piece)!, count: UInt16(count))
    }

    /// The number's UTF-8, read in place.
    @inline(__always) public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch held {
        case .inline(let a, let b, let c, let d):
            // The four fields lie one after another, 15 bytes from the first.
            var words = (a, b, c, d)
            let count = InvoiceNumber.count(a, b, c, d)
            return try withUnsafeBytes(of: &words) { raw in
                try body(UnsafeRawBufferPointer(rebasing: raw[..<count]).bindMemory(to: UInt8.self))
            }
        case .stored(let store, let offset, let count):
            return try body(store.bytes(at: Int(offset), count: Int(count)))
        }
    }

    /// The number as text. Up to 15 bytes the string holds them itself, with nothing allocated.
    public var text: String {
        withUTF8 { String(decoding: $0, as: UTF8.self) }
    }

    /// How many bytes the number has: up to the last that is not zero (a number holds no NUL).
    @inline(__always) private static func count(_ a: UInt64, _ b: UInt32, _ c: UInt16, _ d: UInt8) -> Int {
        let high = UInt64(b) | UInt64(c) << 32 | UInt64(d) << 48
        if high != 0 { return 8 + (64 - high.leadingZeroBitCount + 7) / 8 }
        return (64 - a.leadingZeroBitCount + 7) / 8
    }

    /// Whether the number lies in place (for tests: a number of up to 15 bytes always does).
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
    private var used = 0

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
        (base + used).update(from: from, count: bytes.count)
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
