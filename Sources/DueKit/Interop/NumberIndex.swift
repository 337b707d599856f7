/// The invoice numbers of the rows an import keeps, to find a number used twice without
/// holding a `String` per row. Each slot holds a row and a fingerprint of its number's hash;
/// the number itself is read again (from the CSV) only when fingerprints agree. Numbers
/// compare as `String`s do, so two spellings a `Dictionary` would take as one key are one
/// number here too.
struct NumberIndex {
    /// 0 for an empty slot; else the hash's upper 32 bits, then the row plus one.
    private var slots: [UInt64]
    private var count = 0

    /// Room for `capacity` numbers before the table grows.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
    }

    /// The row that already holds `number`; otherwise nil, and `row` now holds it.
    /// `numberOf` gives the number of a row recorded before.
    mutating func insert(_ number: String, row: Int, numberOf: (Int) -> String) -> Int? {
        precondition(row >= 0 && row < Int(UInt32.max), "too many rows for the number index")
        if (count + 1) * 2 > slots.count { grow(numberOf) }
        let p = probe(number, numberOf: numberOf)
        if let other = p.found { return other }
        slots[p.slot] = p.print | UInt64(row + 1)
        count += 1
        return nil
    }

    /// The row that holds `number`, if any; nothing is recorded.
    func find(_ number: String, numberOf: (Int) -> String) -> Int? {
        probe(number, numberOf: numberOf).found
    }

    /// The row holding `number`, or the empty slot where it would go, with the fingerprint it
    /// is kept by.
    private func probe(_ number: String, numberOf: (Int) -> String) -> (found: Int?, slot: Int, print: UInt64) {
        let hash = number.hashValue
        let print = UInt64(UInt32(truncatingIfNeeded: hash >> 32)) << 32
        let mask = slots.count - 1
        var i = hash & mask
        while slots[i] != 0 {
            if slots[i] & 0xFFFF_FFFF_0000_0000 == print {
                let other = Int(slots[i] & 0xFFFF_FFFF) - 1
                if numberOf(other) == number { return (other, i, print) }
            }
            i = (i + 1) & mask
        }
        return (nil, i, print)
    }

    private mutating func grow(_ numberOf: (Int) -> String) {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for s in old where s != 0 {
            var i = numberOf(Int(s & 0xFFFF_FFFF) - 1).hashValue & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = s
        }
    }
}
