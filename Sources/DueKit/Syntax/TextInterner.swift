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
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in slice {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while let slot = slots[i] {
            if slot.hash == h, slot.text.utf8.elementsEqual(slice) { return slot.text }
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
