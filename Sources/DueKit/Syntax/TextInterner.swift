#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps one copy of each longer text the parser meets. Ledgers repeat themselves — the same
/// item descriptions, payment methods and client names thousands of times — and a string longer
/// than 15 bytes costs an allocation each time it is made.
struct TextInterner {
    private var slots: [(hash: UInt64, text: String)?]
    private var used = 0

    init() { slots = Array(repeating: nil, count: 1024) }

    /// The text of `bytes[start..<end]`, shared with earlier identical texts.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        // Short strings live inside the String value itself; nothing to share.
        if end - start <= 15 { return String(decoding: slice, as: UTF8.self) }
        // Length and the first and last eight bytes make a good enough hash for texts that are
        // compared in full on a match anyway, at a fixed cost whatever their length.
        let base = UnsafeRawPointer(slice.baseAddress!)
        let head = base.loadUnaligned(as: UInt64.self)
        let tail = base.loadUnaligned(fromByteOffset: slice.count - 8, as: UInt64.self)
        var h = UInt64(slice.count) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ head) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while let slot = slots[i] {
            if slot.hash == h, Self.equal(slot.text, slice) { return slot.text }
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

    private static func equal(_ s: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = s
        return s.withUTF8 { u in
            u.count == bytes.count && memcmp(u.baseAddress!, bytes.baseAddress!, u.count) == 0
        }
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
