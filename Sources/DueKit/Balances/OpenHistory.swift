/// How some invoices' open amounts changed day by day, as the engine applied the entries: what
/// a formal demand charges interest on (the amount unpaid each day, not today's for the whole
/// time) and what an earlier demand claimed on its own day. Kept only for the invoices a
/// letter asks about (`BalanceEngine.openHistory`): most runs keep none.
public struct OpenHistory: Sendable {
    struct Change: Sendable, Hashable {
        var day: Day
        /// What the invoice had open at the end of `day`, as letters count it: with any loss
        /// written off it, which the client still owed (`InvoiceBalance.owed`).
        var open: Int64
        /// What the books had open at the end of `day` (`InvoiceBalance.open`): `open` without
        /// a loss written off, which tells whether the invoice was still in the letters then.
        var booked: Int64
        /// What credit notes had taken off it by the end of `day`.
        var credited: Int64
    }

    /// Money of the client's that we held on account, passing over the invoice while it was in
    /// dispute, and that paid it once the query was settled (grammar.md §4 rule 4): the client
    /// paid it on the day it came, not on the day we moved it.
    struct HeldPaid: Sendable, Hashable {
        var received: Day
        var applied: Day
        var amount: Int64
    }

    /// Per invoice, the money held on account that paid it on a later day than it came.
    var heldPaid: [Int: [HeldPaid]] = [:]

    /// Per invoice (index into `ledger.invoices`), its changes in date order, from its issue;
    /// an invoice traced but not issued by the run's last day has none.
    var changes: [Int: [Change]] = [:]
    /// The invoices traced: those absent from `changes` were not issued by then.
    var traced: Set<Int> = []
    /// The last day the run applied.
    var through = Day(ordinal: Int32.min)

    public init() {}

    /// Whether this history tells how each of `invoices` stood on any day up to `day`.
    public func covers(_ invoices: some Sequence<Int>, through day: Day) -> Bool {
        day <= through && invoices.allSatisfy(traced.contains)
    }

    /// How invoice `i` stood at the end of `day` (nothing before it was issued).
    func change(_ i: Int, endOf day: Day) -> Change? {
        guard let list = changes[i] else { return nil }
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].day <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : list[lo - 1]
    }

    /// What invoice `i` had open at the end of `day` (0 before it was issued).
    public func open(_ i: Int, endOf day: Day) -> Int64 { change(i, endOf: day)?.open ?? 0 }

    /// What a letter asked for on invoice `i` at the end of `day` (`InvoiceBalance.asked`):
    /// `open` while the books had something open, nothing once they had not (the invoice had
    /// left the letters, any loss standing, 3.8); 0 before it was issued.
    public func asked(_ i: Int, endOf day: Day) -> Int64 {
        guard let c = change(i, endOf: day), c.booked > 0 else { return 0 }
        return c.open
    }

    /// What invoice `i` owed at the end of `day`, as known at the end of `known`: what it had
    /// open, less what credit notes took off it after `day` up to `known`. A credit note
    /// corrects the invoice, so what it took off was never owed, however late it came; money
    /// paid or written off was owed until then.
    public func owed(_ i: Int, endOf day: Day, knownAt known: Day) -> Int64 {
        guard let then = change(i, endOf: day) else { return 0 }
        return Self.owed(then, credited: change(i, endOf: known)?.credited ?? then.credited)
    }

    /// `owed`, less money of the client's that had come by the end of `day` and that we held on
    /// account then, to pay the invoice once its query was settled (`heldPaid`): the client
    /// had paid it.
    public func unpaid(_ i: Int, endOf day: Day, knownAt known: Day) -> Int64 {
        let held = (heldPaid[i] ?? []).reduce(Int64(0)) { sum, h in h.received <= day && h.applied > day ? sum + h.amount : sum }
        return max(0, owed(i, endOf: day, knownAt: known) - held)
    }

    /// What an invoice that stood at `c` owed, when credit notes had taken `credited` off it by
    /// the day it is known at.
    static func owed(_ c: Change, credited: Int64) -> Int64 { max(0, c.open - max(0, credited - c.credited)) }

    /// The sum, over each day after `from` up to and including `to`, of what invoice `i` owed
    /// at the end of the day before (`owed`, as known at `to`): money paid on a day was owed
    /// until that day, what a credit note took off was never owed, and money we held on account
    /// was paid on the day it came (`heldPaid`). In minor units times days, exactly; 0 when `to`
    /// is not after `from`. `known`: the day the credit notes are known at, when later than
    /// `to` (a claim made on `to`, weighed since).
    public func openDays(_ i: Int, after from: Day, through to: Day, knownAt known: Day? = nil) -> Int128 {
        guard to > from else { return 0 }
        var total = bookedDays(i, after: from, through: to, knownAt: known)
        // The days it was ours to hand, from the day after it came to the day it went to the
        // invoice, on which the books' open amount drops.
        for h in heldPaid[i] ?? [] {
            let days = min(h.applied, to).days(since: max(h.received, from))
            if days > 0 { total -= Int128(h.amount) * Int128(days) }
        }
        return max(0, total)
    }

    /// `openDays` as the books had it, the money held on account counted on the day it paid.
    func bookedDays(_ i: Int, after from: Day, through to: Day, knownAt known: Day? = nil) -> Int128 {
        guard to > from else { return 0 }
        let credited = change(i, endOf: max(to, known ?? to))?.credited ?? 0
        var total: Int128 = 0
        var start = from
        var owing = Int128(change(i, endOf: from).map { Self.owed($0, credited: credited) } ?? 0)
        for c in changes[i] ?? [] where c.day > from && c.day < to {
            total += owing * Int128(c.day.days(since: start))
            start = c.day
            owing = Int128(Self.owed(c, credited: credited))
        }
        return total + owing * Int128(to.days(since: start))
    }
}
