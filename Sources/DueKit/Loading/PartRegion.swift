/// Where one part of a large file puts its most numerous entries (invoices, payments, items and
/// `apply` lines): a stretch of the ledger's own arrays, set aside for the part from how many
/// lines it holds, so that the parts parsed on several cores need no joining by copy (which
/// held the later parts twice for a moment: a few hundred megabytes at a million invoices).
struct PartRegion {
    /// A stretch of one array: `capacity` places from `base`, the first of which is `start`
    /// in the whole array.
    struct Stretch<T> {
        let base: UnsafeMutablePointer<T>
        let start: Int
        let capacity: Int
        private(set) var count = 0

        init(_ whole: UnsafeMutablePointer<T>, start: Int, capacity: Int) {
            base = whole + start
            self.start = start
            self.capacity = capacity
        }

        /// Where the next element goes in the whole array.
        var next: Int { start + count }

        func fits(_ n: Int) -> Bool { count + n <= capacity }

        mutating func put(_ element: consuming T) {
            (base + count).initialize(to: element)
            count += 1
        }

        /// Gives the elements put back to nothing, for a part parsed again.
        mutating func clear() {
            base.deinitialize(count: count)
            count = 0
        }
    }

    var invoices: Stretch<Invoice>
    var payments: Stretch<Payment>
    /// None when the parse adds items up rather than keeping them (`LedgerParser.talliesItems`).
    var items: Stretch<LineItem>?
    var allocations: Stretch<Allocation>
    /// An entry did not fit. The bounds are counted so that this cannot happen (each entry has
    /// a line of its own, and each invoice or payment a line starting with a digit); should it
    /// happen all the same, the file is parsed again the plain way rather than lose an entry.
    var overflowed = false
}
