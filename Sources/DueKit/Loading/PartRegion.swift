/// Where one part of a large file puts its most numerous entries (invoices, payments, items and
/// `apply` lines): a stretch of the ledger's own arrays, set aside for the part from an estimate
/// of how many it holds, so that the parts parsed on several cores need no joining by copy
/// (which held the later parts twice for a moment: a few hundred megabytes at a million
/// invoices).
struct PartRegion {
    /// A stretch of one array: `capacity` places from `base`, the first of which is `start`
    /// in the whole array. What does not fit goes on in `spilled`, the part's own array, which
    /// is joined after the stretch: to the part, its elements stand one after another from
    /// `start` either way.
    struct Stretch<T> {
        let base: UnsafeMutablePointer<T>
        let start: Int
        let capacity: Int
        /// How many stand in the stretch itself.
        private(set) var placed = 0
        private(set) var spilled: [T] = []

        init(_ whole: UnsafeMutablePointer<T>, start: Int, capacity: Int) {
            base = whole + start
            self.start = start
            self.capacity = capacity
        }

        var count: Int { placed + spilled.count }

        /// Where the next element goes, as if the stretch had no end.
        var next: Int { start + count }

        @inline(__always) mutating func put(_ element: consuming T) {
            if placed < capacity {
                (base + placed).initialize(to: element)
                placed += 1
            } else {
                spilled.append(element)
            }
        }

        /// Takes back the last `n` elements put: those of an entry left out after some of its
        /// lines were read.
        mutating func removeLast(_ n: Int) {
            let spilledToo = min(n, spilled.count)
            spilled.removeLast(spilledToo)
            placed -= n - spilledToo
            (base + placed).deinitialize(count: n - spilledToo)
        }

        /// Gives the elements put back to nothing, for a part parsed again.
        mutating func clear() {
            base.deinitialize(count: placed)
            placed = 0
            spilled = []
        }

        /// Hands over what was spilled, changed by `adjust` as the stretch's elements are.
        mutating func takeSpilled(adjust: ((inout T) -> Void)? = nil) -> [T] {
            var taken: [T] = []
            swap(&taken, &spilled)
            if let adjust { for i in taken.indices { adjust(&taken[i]) } }
            return taken
        }
    }

    var invoices: Stretch<Invoice>
    var payments: Stretch<Payment>
    /// None when the parse adds items up rather than keeping them (`LedgerParser.talliesItems`).
    var items: Stretch<LineItem>?
    var allocations: Stretch<Allocation>
}
