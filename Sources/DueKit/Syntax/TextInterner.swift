#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps one copy of each longer text the parser meets. Ledgers repeat themselves — the same
/// item descriptions, payment methods and client names thousands of times — and a string longer
/// than 15 bytes costs an allocation each time it is made.
///
/// Its cost per text is linear in the text's length whatever the text says: the hash reads every
/// byte (texts written from one phrasing differ only in the middle, and a hash of the ends made
/// each lookup walk every earlier text of that phrasing), and a lookup gives up after a few
/// probes, so even texts built to collide cost a bounded number of comparisons.
struct TextInterner {
    private var slots: [(hash: UInt64, text: String)?]
    private var used = 0
    /// Probes before a text is made afresh instead of shared.
    static let maxProbes = 8

    /// Slots made at the first text that needs them.
    private let firstSlots: Int

    /// The table is made at the first text that needs it: a parser made to read one entry
    /// again (an invoice's items, to price them one by one) meets none, and making and
    /// destroying a thousand slots cost more than its whole reading. `firstSlots` (a power
    /// of two) is fewer for a table that such a parser may meet one text of (a long client
    /// id on the entry's header); it grows as any does.
    init(firstSlots: Int = 1024) {
        slots = []
        self.firstSlots = firstSlots
    }

    /// The text of `bytes[start..<end]`, shared with earlier identical texts.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        // Short strings live inside the String value itself; nothing to share.
        if end - start <= 15 { return Self.short(slice) }
        if slots.isEmpty { slots = Array(repeating: nil, count: firstSlots) }
        let h = Self.hash(slice)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        var probes = 0
        while let slot = slots[i] {
            if slot.hash == h, Self.equal(slot.text, slice) { return slot.text }
            probes += 1
            if probes == Self.maxProbes { return String(decoding: slice, as: UTF8.self) }
            i = (i + 1) & mask
        }
        let s = String(decoding: slice, as: UTF8.self)
        // Stop remembering once the table is large: a ledger of unique texts gains nothing.
        if used < 1 << 16 {
            slots[i] = (h, s)
            used += 1
            if used * 2 > slots.count { grow() }
        }
        return s
    }

    /// The text of at most 15 bytes, which a `String` holds in itself. Written into that
    /// storage directly: an ASCII text (every id, nearly every word) is then taken as it is,
    /// where `String(decoding:as:)` ran its general decoder, some 250 instructions, for each
    /// id of every header. Any other text is decoded the same way as there.
    @inline(__always)
    static func short(_ slice: UnsafeBufferPointer<UInt8>) -> String {
        guard #available(macOS 11, iOS 14, *) else { return String(decoding: slice, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: slice.count) { buffer in
            _ = buffer.initialize(from: slice)
            return slice.count
        }
    }

    /// Every byte, eight at a time (the last word overlaps the one before it), mixed so that a
    /// difference anywhere reaches the low bits the table indexes with. At least 16 bytes.
    static func hash(_ slice: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let base = UnsafeRawPointer(slice.baseAddress!)
        let n = slice.count
        var h = UInt64(n) &* 0x9E37_79B9_7F4A_7C15
        var at = 0
        while at + 8 < n {
            h = (h ^ base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            at += 8
        }
        h ^= base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        // A product carries a difference only upward: the last word's high bytes (the end of
        // `client-42` and `client-43`) must be brought down before the low bits are final, or
        // texts that differ only there all pick one slot.
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }

    /// Read in place: a copy of the text (`withUTF8` needs one) is a count kept on its storage.
    /// Every text here is one the interner made, so its bytes lie together.
    private static func equal(_ s: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let same = s.utf8.withContiguousStorageIfAvailable { u in
            u.count == bytes.count && memcmp(u.baseAddress!, bytes.baseAddress!, u.count) == 0
        }
        return same ?? s.utf8.elementsEqual(bytes)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        let mask = slots.count - 1
        for case let slot? in old {
            var i = Int(truncatingIfNeeded: slot.hash) & mask
            while slots[i] != nil { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
