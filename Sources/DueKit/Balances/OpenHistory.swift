/// How some invoices' open amounts changed day by day, as the engine applied the entries: what
/// a formal demand charges interest on (the amount unpaid each day, not today's for the whole
/// time) and what an earlier demand claimed on its own day. Kept only for the invoices a
/// letter asks about (`BalanceEngine.openHistory`): most runs keep none.
public struct OpenHistory: Sendable {
    struct Change: Sendable, Hashable {
        var day: Day
        /// What the invoice had open at the end of `day`.
        var open: Int64
    }

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

    /// What invoice `i` had open at the end of `day` (0 before it was issued).
    public func open(_ i: Int, endOf day: Day) -> Int64 {
        guard let list = changes[i] else { return 0 }
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].day <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 0 : list[lo - 1].open
    }

    /// The sum, over each day after `from` up to and including `to`, of what invoice `i` had
    /// open at the end of the day before: money paid on a day was owed until that day. In minor
    /// units times days, exactly; 0 when `to` is not after `from`.
    public func openDays(_ i: Int, after from: Day, through to: Day) -> Int128 {
        guard to > from else { return 0 }
        var total: Int128 = 0
        var start = from
        var open = Int128(self.open(i, endOf: from))
        for c in changes[i] ?? [] where c.day > from && c.day < to {
            total += open * Int128(c.day.days(since: start))
            start = c.day
            open = Int128(c.open)
        }
        return total + open * Int128(to.days(since: start))
    }
}
