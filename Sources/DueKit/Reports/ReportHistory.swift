/// How the book moved over the last months: the aging, DSO and average days late at each
/// month-end, each read from the balance sheet as of that day (so a month-end shows what was
/// known then).
public struct ReportHistory: Sendable {
    public static let months = 12

    public struct Month: Sendable {
        public var end: Day
        /// Sorted by currency.
        public var aging: [AgingTotals]
        /// Sorted by currency.
        public var dso: [ClientBehaviourTotals]
        /// Average days late of the invoices settled in the month (0 when paid on time); nil
        /// when none was.
        public var averageDaysLate: Tenths?
        public var settled: Int
    }

    public let asOf: Day
    /// Oldest first.
    public var months: [Month]
    public var currencies: [Currency]

    /// The last `count` month-ends on or before the as-of date.
    public static func monthEnds(before asOf: Day, count: Int = ReportHistory.months) -> [Day] {
        var ends: [Day] = []
        var d = asOf.endOfMonth
        if d > asOf { d = Day(year: asOf.components.year, month: asOf.components.month, day: 1)!.adding(days: -1) }
        while ends.count < count {
            ends.append(d)
            let c = d.components
            d = Day(year: c.year, month: c.month, day: 1)!.adding(days: -1)
        }
        return ends.reversed()
    }

    public init(ledger: Ledger, asOf: Day, buckets: AgingOptions, count: Int = ReportHistory.months) {
        self.asOf = asOf
        var months: [Month] = []
        var currencies: Set<Currency> = []
        let ends = ReportHistory.monthEnds(before: asOf, count: count)
        // Lateness by the month an invoice was settled in, from the latest sheet: a settlement
        // is final once made, so the month-end sheets would say the same.
        let latest = BalanceEngine.balances(ledger, asOf: ends.last ?? asOf)
        var late: [Int32: [Int]] = [:]
        for (i, b) in latest.invoices.enumerated() where b.issued && b.total > 0 && b.writtenOff == 0 {
            guard let s = b.settled else { continue }
            late[s.endOfMonth.ordinal, default: []].append(max(0, s.days(since: ledger.invoices[i].due)))
        }
        for end in ends {
            let sheet = BalanceEngine.balances(ledger, asOf: end)
            let aging = AgingReport(ledger: ledger, sheet: sheet, options: buckets)
            let behaviour = ClientBehaviour(ledger: ledger, sheet: sheet)
            for t in aging.totals { currencies.insert(t.currency) }
            let days = late[end.ordinal] ?? []
            months.append(Month(end: end, aging: aging.totals, dso: behaviour.totals, averageDaysLate: Tenths.mean(days), settled: days.count))
        }
        self.months = months
        self.currencies = currencies.sorted()
    }
}
