/// Every invoice's balance, parallel to `ledger.invoices`, in 16 bytes a balance: a sheet keeps
/// a million of them. In place, the total and what was paid in 32 bits each and the two days as
/// bare ordinals (`InvoiceBalance.noDay` for none). What few invoices have, a credit, a
/// write-off, a discount, or a figure too large for 32 bits, puts all the figures in a small
/// table beside the places, and the place says so: its total is `InvoiceBalances.apartMark`,
/// a total that never stays in place, and it holds the row of its figures where it would hold
/// what was paid. A balance's figures are apart exactly when they need to be.
public struct InvoiceBalances: Sendable, Equatable, RandomAccessCollection {
    struct Place: Sendable {
        var total: Int32 = 0
        /// What was paid, or the row in `apart` of a place whose figures are there.
        var paid: Int32 = 0
        var settled = InvoiceBalance.noDay
        var lastPayment = InvoiceBalance.noDay
    }

    /// Figures kept apart, with the place of their invoice, so that a row moved to fill a
    /// gap can tell its place where it went.
    struct Apart: Sendable {
        var invoice: Int32
        var figures: InvoiceBalance.Figures
    }

    /// The total of a place whose figures are in `apart`: no total in place is this one, as
    /// `InvoiceBalance.Figures.fitInPlace` keeps it out.
    static let apartMark = Int32.min

    private var places: [Place]
    /// A row, found from its place without hashing, for each balance that does not fit in its
    /// place.
    private var apart: [Apart] = []

    /// `count` balances of invoices not issued.
    init(count: Int) {
        places = [Place](repeating: Place(), count: count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { places.count }

    // Inlined: the run reads and sets balances for every entry it applies, mostly one figure
    // of them, which the compiler then reads alone.
    public subscript(i: Int) -> InvoiceBalance {
        @inline(__always) get {
            let p = places[i]
            let figures = p.total == Self.apartMark ? apart[Int(p.paid)].figures : InvoiceBalance.Figures(total: Int64(p.total), paid: Int64(p.paid))
            return InvoiceBalance(figures: figures, settledOrdinal: p.settled, lastPaymentOrdinal: p.lastPayment)
        }
        @inline(__always) set {
            let f = newValue.figures
            let row = places[i].total == Self.apartMark ? Int(places[i].paid) : nil
            var p = Place(settled: newValue.settledOrdinal, lastPayment: newValue.lastPaymentOrdinal)
            if f.fitInPlace {
                p.total = Int32(truncatingIfNeeded: f.total)
                p.paid = Int32(truncatingIfNeeded: f.paid)
                places[i] = p
                if let row { removeRow(row) }
            } else {
                p.total = Self.apartMark
                if let row {
                    apart[row].figures = f
                    p.paid = Int32(row)
                } else {
                    p.paid = Int32(apart.count)
                    apart.append(Apart(invoice: Int32(i), figures: f))
                }
                places[i] = p
            }
        }
    }

    /// Takes out a row whose balance is back in its place; the last row fills the gap.
    private mutating func removeRow(_ row: Int) {
        let last = apart.removeLast()
        guard row < apart.count else { return }
        apart[row] = last
        places[Int(last.invoice)].paid = Int32(row)
    }

    /// How many balances keep their figures apart.
    var apartCount: Int { apart.count }

    /// Balance by balance: the rows apart are in the order balances left their places, which
    /// the same balances reached another way need not share.
    public static func == (a: InvoiceBalances, b: InvoiceBalances) -> Bool {
        a.count == b.count && a.indices.allSatisfy { a[$0] == b[$0] }
    }
}
