/// Strings of up to 15 bytes, made once and found again by their bytes. A client's id is written
/// on every one of its invoices and payments: finding the id's string again costs a fraction of
/// making a string from bytes, and of checking that the bytes make an id.
///
/// Only texts the caller kept are found (the parser keeps ids it has checked), and a lookup
/// makes a few probes at most: once the slots near a text's are taken, it is made each time.
struct ShortTextCache {
    /// A text's bytes, packed into two words with its length in the last byte: equal keys are
    /// equal texts.
    struct Key: Equatable {
        var low: UInt64
        var high: UInt64

        /// The key of `b[start..<end]`, nil when it is longer than `maxLength`.
        @inline(__always)
        init?(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
            let n = end - start
            guard n <= ShortTextCache.maxLength else { return nil }
            low = ByteRuns.packed(b, start, count: n)
            high = ByteRuns.packed(b, start + 8, count: n - 8) | UInt64(n) << 56
        }
    }

    private var slots: [(key: Key, text: String)?]
    private let mask: Int
    /// 64 less the bits of a slot's number (`slot`).
    private let shift: UInt64

    /// `size`: the number of slots, a power of two; a ledger with more distinct texts than
    /// this makes some of them again.
    init(size: Int = 1 << 14) {
        slots = Array(repeating: nil, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// A cache for a parser of `bytes` bytes: a slot for every 256 bytes, 64 at least and 1 << 14
    /// at most. The language server parses a large ledger in pieces of some 16 KB, a parser
    /// each: a full-size cache (512 KB) for every piece cost more to clear than the piece to
    /// read.
    init(forBytes bytes: Int) {
        var size = 64
        while size < 1 << 14 && size * 256 < bytes { size *= 2 }
        self.init(size: size)
    }

    /// How many texts it can hold.
    var capacity: Int { slots.count }

    static let maxLength = 15

    /// The top bits of a product, each of which depends on every bit of the key. (The low bits
    /// of a product depend only on the low bits of its factors: taken from there, ids that
    /// differ only in their seventh and eighth bytes, `novak7304` and `novak7194`, all fell on
    /// one slot, and half the ids of a large ledger were made afresh.)
    @inline(__always) private func slot(_ key: Key) -> Int {
        let h = (key.low ^ (key.high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: h >> shift)
    }

    /// Probes before a text is made afresh instead of found or kept. Neighbouring slots share a
    /// cache line, so a probe more costs little; with 10,000 ids in 16,384 slots, 8 probes keep
    /// all but about 2% of them, 4 probes all but 6%.
    static let maxProbes = 8

    /// The text kept with `key`, if any.
    @inline(__always)
    func text(_ key: Key) -> String? {
        var i = slot(key)
        for _ in 0..<Self.maxProbes {
            guard let s = slots[i] else { return nil }
            if s.key == key { return s.text }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Keeps `text`, whose bytes give `key`, if one of its slots is free.
    mutating func keep(_ text: String, _ key: Key) {
        var i = slot(key)
        for _ in 0..<Self.maxProbes {
            if slots[i] == nil {
                slots[i] = (key, text)
                return
            }
            i = (i + 1) & mask
        }
    }
}
