/// How the book moved over the last months: the aging, DSO and average days late at each
/// month-end, each read from the balance sheet as of that day (so a month-end shows what was
/// known then).
public struct ReportHistory: Sendable, Equatable {
    public static let months = 12

    public struct Month: Sendable, Equatable {
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
        // The month-end before `d`'s month; none before the first month a date can name.
        func previous(_ d: Day) -> Day? {
            let c = d.components
            guard c.year > 1 || c.month > 1, let first = Day(year: c.year, month: c.month, day: 1) else { return nil }
            return first.adding(days: -1)
        }
        var ends: [Day] = []
        var next: Day? = asOf.endOfMonth
        if let d = next, d > asOf { next = previous(d) }
        while ends.count < count, let d = next {
            ends.append(d)
            next = previous(d)
        }
        return ends.reversed()
    }

    /// The history from a run of its own over the ledger.
    public init(ledger: Ledger, asOf: Day, buckets: AgingOptions, count: Int = ReportHistory.months) {
        var gathering = Gathering(ledger: ledger, asOf: asOf, buckets: buckets, count: count)
        gathering.takeBeforeReturns()
        BalanceEngine.forEachSheet(ledger, at: gathering.fromRun) { gathering.take($0) }
        self = gathering.history()
    }

    init(asOf: Day, months: [Month], currencies: [Currency]) {
        self.asOf = asOf
        self.months = months
        self.currencies = currencies
    }

    /// The month-end figures, taken from each month-end's sheet as a run of the balance engine
    /// reaches it, and the sheet let go: twelve sheets of a large ledger kept at once would
    /// cost a gigabyte. The run can be the checker's own, as the report's is (`fromRun` are the
    /// dates to pass it), so the report does not go over the ledger a second time.
    public struct Gathering: Sendable {
        /// The month-ends, oldest first.
        public let ends: [Day]
        /// The month-ends the caller's run hands to `take`, in this order: those on or after
        /// the day the last payment taken out of the ledger as returned came back. Before that
        /// day the payment stood (3.6), so the earlier month-ends read the ledger as it stood
        /// then, in runs of their own (`takeBeforeReturns`), which come first.
        public let fromRun: [Day]
        let ledger: Ledger
        let asOf: Day
        let buckets: AgingOptions
        /// The days the payments taken out as returned came back, oldest first.
        let returnDays: [Day]
        /// Read when the first sheet comes, on the thread of the run.
        var invoices: [Age] = []
        var sales: [[Currency: Int64]] = []
        struct Figures {
            var aging: [AgingTotals]
            var dso: [ClientBehaviourTotals]
        }
        var figures: [Figures] = []
        /// Lateness by the month an invoice was settled in, from the last sheet of the
        /// month-ends that read the ledger alike: a settlement is final once made, so the
        /// month-end sheets before it would say the same.
        var late: [[Int]]

        public init(ledger: Ledger, asOf: Day, buckets: AgingOptions, count: Int = ReportHistory.months) {
            self.ledger = ledger
            self.asOf = asOf
            self.buckets = buckets
            ends = ReportHistory.monthEnds(before: asOf, count: count)
            returnDays = ledger.returnedPayments.map(\.date).sorted()
            let last = returnDays.last
            fromRun = ends.filter { end in last.map { end >= $0 } ?? true }
            late = [[Int]](repeating: [], count: ends.count)
        }

        /// How many of the returned payments had come back by `day`: month-ends with the same
        /// count read the same ledger.
        func returnsKnown(on day: Day) -> Int { returnDays.count(where: { $0 <= day }) }

        /// Takes the month-ends before `fromRun`, each group that read the ledger alike from a
        /// run over the ledger as it stood then. Returns are few, and so are these runs.
        public mutating func takeBeforeReturns() {
            var k = figures.count
            while k < ends.count - fromRun.count {
                let known = returnsKnown(on: ends[k])
                var group: [Day] = []
                while k < ends.count - fromRun.count && returnsKnown(on: ends[k]) == known {
                    group.append(ends[k])
                    k += 1
                }
                let stood = ledger.asItStood(on: group.last!)
                BalanceEngine.forEachSheet(stood, at: group) { take($0, of: stood) }
            }
        }

        /// Takes the figures of `sheet` if it is the sheet of the next month-end; any other
        /// sheet is passed over.
        public mutating func take(_ sheet: BalanceSheet) { take(sheet, of: ledger) }

        /// The same for a sheet of `stood`, the ledger as it stood on the sheet's day.
        mutating func take(_ sheet: BalanceSheet, of stood: Ledger) {
            guard figures.count < ends.count, sheet.asOf == ends[figures.count] else { return }
            if figures.isEmpty {
                invoices = ReportHistory.ages(ledger: ledger, options: buckets)
                sales = ReportHistory.sales(ledger: ledger, ends: ends)
            }
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
            let k = figures.count - 1
            guard end == ends.last || returnsKnown(on: ends[k + 1]) != returnsKnown(on: end) else { return }
            // The last month-end that reads the ledger alike: the lateness of the settlements
            // in its group's months.
            let group = ends.firstIndex { returnsKnown(on: $0) == returnsKnown(on: end) }!...k
            noteLateness(sheet, of: stood, months: group)
            guard end == ends.last else { return }
            // Let go before the run goes on: the checker's run still has the rest of the ledger
            // to apply, and the report its own work to do.
            invoices = []
            self.sales = []
        }

        /// The days late of the invoices `sheet` shows settled in the month-ends `months`.
        mutating func noteLateness(_ sheet: BalanceSheet, of stood: Ledger, months: ClosedRange<Int>) {
            // Only settlements in the months shown: the years before them are passed over.
            let first = ends[months.lowerBound].components
            let shownFrom = Day(year: first.year, month: first.month, day: 1)!
            let lost = LostInvoices(ledger: stood, sheet: sheet)
            for (i, b) in sheet.invoices.enumerated() where b.issued && b.total > 0 && (b.writtenOff == 0 || !lost.hasLoss(i)) {
                guard let s = b.settled, s >= shownFrom, let k = ends.firstIndex(of: s.endOfMonth), months.contains(k), let paid = b.paidUp else { continue }
                late[k].append(ClientBehaviour.daysLate(settled: paid, due: stood.invoices[i].due, stood.settings))
            }
        }

        /// The history, once every month-end's sheet has been taken.
        public func history() -> ReportHistory {
            precondition(figures.count == ends.count, "a month-end sheet was not taken")
            var months: [Month] = []
            var currencies: Set<Currency> = []
            for (k, (end, f)) in zip(ends, figures).enumerated() {
                for t in f.aging { currencies.insert(t.currency) }
                let days = late[k]
                months.append(Month(end: end, aging: f.aging, dso: f.dso, averageDaysLate: Tenths.mean(days), settled: days.count))
            }
            return ReportHistory(asOf: asOf, months: months, currencies: currencies.sorted())
        }
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
        var currencies = CurrencyNumbers()
        var sums: [[Int64]] = []
        var met: [[Bool]] = []
        for i in ledger.invoices.indices {
            let issued = ledger.invoices[i].issued
            guard issued >= earliest && issued <= last && !ledger.invoices[i].isDuplicate else { continue }
            let c = currencies.number(of: ledger.invoices[i].currency) {
                sums.append([Int64](repeating: 0, count: ends.count))
                met.append([Bool](repeating: false, count: ends.count))
            }
            for k in ends.indices where starts[k] <= issued && issued <= ends[k] {
                sums[c][k] += ledger.invoices[i].total
                met[c][k] = true
            }
        }
        // A currency is in a month's table once one of its invoices is, even at zero.
        for (c, currency) in currencies.met.enumerated() {
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
        // Summed per currency, the few currencies met numbered in order, their buckets in one
        // array, `n` to a currency: a dictionary entry updated per invoice copied its buckets
        // for each one, and an array of arrays asked whether each inner one was shared.
        var currencies = CurrencyNumbers()
        var buckets: [Int64] = []
        var counts: [Int] = []
        for i in sheet.invoices.indices {
            let b = sheet.invoices[i]
            guard b.issued && b.open != 0 else { continue }
            let c = currencies.number(of: invoices[i].currency) {
                buckets.append(contentsOf: repeatElement(0, count: n))
                counts.append(0)
            }
            let age = sheet.asOf.days(since: invoices[i].from)
            buckets[c * n + options.buckets.index(days: age)] += b.open
            counts[c] += 1
        }
        for (k, c) in currencies.met.enumerated() {
            totals[c] = AgingTotals(currency: c, buckets: Array(buckets[(k * n)..<((k + 1) * n)]), total: 0, openInvoices: counts[k])
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

/// The few currencies a pass over many invoices meets, numbered in the order met, so sums can
/// be kept in arrays: a table keyed by currency and updated per invoice hashed it every time.
struct CurrencyNumbers {
    private(set) var met: [Currency] = []
    private var last = -1

    /// The number of `currency`; `added` runs when it is met for the first time, to make room
    /// for its sums.
    mutating func number(of currency: Currency, added: () -> Void) -> Int {
        if last >= 0 && met[last] == currency { return last }
        if let k = met.firstIndex(of: currency) {
            last = k
        } else {
            last = met.count
            met.append(currency)
            added()
        }
        return last
    }
}
