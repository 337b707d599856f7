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
        // Each month-end's figures are taken from its sheet as the one run reaches it, and the
        // sheet let go: twelve sheets of a large ledger kept at once would cost a gigabyte.
        struct Figures {
            var aging: [AgingTotals]
            var dso: [ClientBehaviourTotals]
        }
        var figures: [Figures] = []
        // Lateness by the month an invoice was settled in, from the latest sheet: a settlement
        // is final once made, so the month-end sheets would say the same.
        var late = [[Int]](repeating: [], count: ends.count)
        let invoices = ReportHistory.ages(ledger: ledger, options: buckets)
        let sales = ReportHistory.sales(ledger: ledger, ends: ends)
        BalanceEngine.forEachSheet(ledger, at: ends) { sheet in
            let end = sheet.asOf
            let aging = ReportHistory.agingTotals(invoices: invoices, sheet: sheet, options: buckets)
            // DSO as `ClientBehaviour` counts it for the whole book (what is owed ÷ the last 90
            // days' invoicing × 90), without working out every client's behaviour to get there.
            let sales = sales[figures.count]
            var dso: [ClientBehaviourTotals] = []
            for c in Set(sales.keys).union(aging.map(\.currency)).sorted() {
                let receivable = aging.first { $0.currency == c }?.total ?? 0
                let s = sales[c] ?? 0
                dso.append(ClientBehaviourTotals(currency: c, receivable: receivable, sales90: s, dso: ClientBehaviour.dso(receivable: receivable, sales: s)))
            }
            figures.append(Figures(aging: aging, dso: dso))
            guard end == ends.last else { return }
            // Only settlements in the months shown: the years before them are passed over.
            let first = ends[0].components
            let shownFrom = Day(year: first.year, month: first.month, day: 1)!
            for (i, b) in sheet.invoices.enumerated() where b.issued && b.total > 0 && b.writtenOff == 0 {
                guard let s = b.settled, s >= shownFrom, let k = ends.firstIndex(of: s.endOfMonth) else { continue }
                late[k].append(max(0, s.days(since: ledger.invoices[i].due)))
            }
        }
        for (k, (end, f)) in zip(ends, figures).enumerated() {
            for t in f.aging { currencies.insert(t.currency) }
            let days = late[k]
            months.append(Month(end: end, aging: f.aging, dso: f.dso, averageDaysLate: Tenths.mean(days), settled: days.count))
        }
        self.months = months
        self.currencies = currencies.sorted()
    }

    /// What the month-end totals read of an invoice: its currency, and the day its age is
    /// counted from (the due date, or the issue date when the ledger ages by it).
    struct Age {
        var currency: Currency
        var from: Day
    }

    /// Read once for all the month-ends, in the ledger's order: twelve passes over whole
    /// invoices would each bring a large ledger's invoices through the cache again.
    static func ages(ledger: Ledger, options: AgingOptions) -> [Age] {
        ledger.invoices.indices.map { i in
            Age(currency: ledger.invoices[i].currency, from: options.byIssueDate ? ledger.invoices[i].issued : ledger.invoices[i].due)
        }
    }

    /// What was invoiced in the `ClientBehaviour.dsoWindowDays` days up to each of `ends`, per
    /// currency, from one pass over the invoices: what a month-end sheet counts as issued is
    /// every invoice dated by then but a duplicate, for its total.
    static func sales(ledger: Ledger, ends: [Day]) -> [[Currency: Int64]] {
        var sales = [[Currency: Int64]](repeating: [:], count: ends.count)
        guard let first = ends.first, let last = ends.last else { return sales }
        let starts = ends.map { $0.adding(days: -(ClientBehaviour.dsoWindowDays - 1)) }
        let earliest = first.adding(days: -(ClientBehaviour.dsoWindowDays - 1))
        // Summed per currency in arrays, the few currencies met numbered in order, and put in
        // tables at the end: a table updated per invoice hashed its currency every time.
        var currencies: [Currency] = []
        var sums: [[Int64]] = []
        var met: [[Bool]] = []
        var c = -1
        for i in ledger.invoices.indices {
            let issued = ledger.invoices[i].issued
            guard issued >= earliest && issued <= last && !ledger.invoices[i].isDuplicate else { continue }
            let currency = ledger.invoices[i].currency
            if c < 0 || currencies[c] != currency {
                if let k = currencies.firstIndex(of: currency) {
                    c = k
                } else {
                    c = currencies.count
                    currencies.append(currency)
                    sums.append([Int64](repeating: 0, count: ends.count))
                    met.append([Bool](repeating: false, count: ends.count))
                }
            }
            for k in ends.indices where starts[k] <= issued && issued <= ends[k] {
                sums[c][k] += ledger.invoices[i].total
                met[c][k] = true
            }
        }
        // A currency is in a month's table once one of its invoices is, even at zero.
        for (c, currency) in currencies.enumerated() {
            for k in ends.indices where met[c][k] { sales[k][currency] = sums[c][k] }
        }
        return sales
    }

    /// The totals row of `AgingReport` (buckets, total, disputed and promised left at zero),
    /// summed straight from the sheet: twelve full aging reports, with every invoice's status,
    /// would cost a large ledger's report seconds for figures it does not show. `invoices` is
    /// `ages` of the sheet's ledger.
    static func agingTotals(invoices: [Age], sheet: BalanceSheet, options: AgingOptions) -> [AgingTotals] {
        let n = options.buckets.count
        var totals: [Currency: AgingTotals] = [:]
        // Summed per currency in arrays, the few currencies met numbered in order: a dictionary
        // entry updated per invoice would copy its buckets for each one.
        var currencies: [Currency] = []
        var buckets: [[Int64]] = []
        var counts: [Int] = []
        var last = -1
        for i in sheet.invoices.indices where sheet.invoices[i].issued && sheet.invoices[i].open != 0 {
            let currency = invoices[i].currency
            if last < 0 || currencies[last] != currency {
                if let k = currencies.firstIndex(of: currency) {
                    last = k
                } else {
                    last = currencies.count
                    currencies.append(currency)
                    buckets.append([Int64](repeating: 0, count: n))
                    counts.append(0)
                }
            }
            let age = sheet.asOf.days(since: invoices[i].from)
            buckets[last][options.buckets.index(days: age)] += sheet.invoices[i].open
            counts[last] += 1
        }
        for (k, c) in currencies.enumerated() {
            totals[c] = AgingTotals(currency: c, buckets: buckets[k], total: 0, openInvoices: counts[k])
        }
        // Credit on account stands in Current as a negative amount, as in the aging.
        for (key, credit) in sheet.creditOnAccount where credit != 0 {
            var t = totals[key.currency] ?? AgingTotals(currency: key.currency, buckets: [Int64](repeating: 0, count: n), total: 0)
            t.buckets[0] -= credit
            t.creditOnAccount += credit
            totals[key.currency] = t
        }
        // The buckets spread what is owed; the amount itself is the sheet's.
        for (key, owed) in sheet.clientBalances { totals[key.currency]?.total += owed }
        return totals.keys.sorted().map { totals[$0]! }
    }
}
