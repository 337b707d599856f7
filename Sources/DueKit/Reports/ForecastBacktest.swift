/// The cash forecast tried on a ledger's own past: at each month-end, forecast the next weeks
/// from what was known then, and compare with the money that actually came in for the invoices
/// open at that date. The due-date forecast is measured the same way, as the yardstick.
public struct ForecastBacktest: Sendable {
    public static let defaultWeeks = 4

    /// One week after one month-end: forecast, yardstick and what came in.
    public struct Week: Sendable, Hashable {
        public var start: Day
        public var end: Day
        public var actual: Int64
        /// The forecast's weeks, with the amounts at risk in the week they would come if paid.
        public var forecast: Int64
        /// The forecast's weeks alone: what it counts on, at risk left out.
        public var sure: Int64
        public var naive: Int64
    }

    /// One month-end of one currency.
    public struct Row: Sendable, Hashable {
        public var asOf: Day
        public var currency: Currency
        public var weeks: [Week]
        /// Open then and kept apart as at risk by the forecast.
        public var atRisk: Int64

        public var forecastError: Int64 { weeks.reduce(0) { $0 + ($1.forecast - $1.actual).magnitude.clamped } }
        public var naiveError: Int64 { weeks.reduce(0) { $0 + ($1.naive - $1.actual).magnitude.clamped } }
        public var sureError: Int64 { weeks.reduce(0) { $0 + ($1.sure - $1.actual).magnitude.clamped } }
        public var sureMAPE: Tenths? { ForecastBacktest.mape(weeks.map { ($0.sure, $0.actual) }) }
        /// Mean absolute percentage error over the weeks with money received, in tenths of a
        /// percent; nil when no week received any.
        public var forecastMAPE: Tenths? { ForecastBacktest.mape(weeks.map { ($0.forecast, $0.actual) }) }
        public var naiveMAPE: Tenths? { ForecastBacktest.mape(weeks.map { ($0.naive, $0.actual) }) }
    }

    public let weeks: Int
    public var rows: [Row]

    /// Month-ends of a calendar year.
    public static func monthEnds(of year: Int) -> [Day] {
        (1...12).compactMap { Day(year: year, month: $0, day: 1)?.endOfMonth }
    }

    public init(ledger: Ledger, dates: [Day], weeks: Int = ForecastBacktest.defaultWeeks) {
        self.weeks = weeks
        var rows: [Row] = []
        for asOf in dates {
            // The ledger as it stood at the month-end (3.6): a payment that came back after it
            // was paid then, and came in within the weeks after it if made then. Without a
            // return after the month-end this is the ledger itself, at no cost.
            let ledger = ledger.asItStood(on: asOf)
            // The sheet as of the date and at the end of each week after it, from one run.
            let sheets = BalanceEngine.balances(ledger, at: (0...weeks).map { asOf.adding(days: 7 * $0) })
            let sheet = sheets[0]
            let forecast = CashForecast(ledger: ledger, sheet: sheet, weeks: weeks)
            let naive = CashForecast(ledger: ledger, sheet: sheet, weeks: weeks, method: .dueDate)
            // Money received in each week for the invoices open at the as-of date: the paid
            // amounts of the balance sheets at the week's ends, told apart.
            var before = sheet
            var actual: [Currency: [Int64]] = [:]
            for k in 0..<weeks {
                let after = sheets[k + 1]
                for (i, b) in sheet.invoices.enumerated() where b.issued && b.open > 0 {
                    let got = after.invoices[i].paid - before.invoices[i].paid
                    if got != 0 { actual[ledger.invoices[i].currency, default: [Int64](repeating: 0, count: weeks)][k] += got }
                }
                before = after
            }
            for t in forecast.totals {
                let n = naive.totals.first { $0.currency == t.currency }
                let got = actual[t.currency] ?? [Int64](repeating: 0, count: weeks)
                let w = (0..<weeks).map { k in
                    Week(start: forecast.weekStart(k), end: forecast.weekEnd(k), actual: got[k], forecast: t.weeks[k] + t.atRiskIfPaid[k], sure: t.weeks[k], naive: n?.weeks[k] ?? 0)
                }
                rows.append(Row(asOf: asOf, currency: t.currency, weeks: w, atRisk: t.atRisk))
            }
        }
        self.rows = rows
    }

    /// Over every row of a currency: total absolute error and MAPE over all its weeks.
    public struct Overall: Sendable, Hashable {
        public var forecastError: Int64, sureError: Int64, naiveError: Int64
        public var forecastMAPE: Tenths?, sureMAPE: Tenths?, naiveMAPE: Tenths?
    }

    public func overall(_ currency: Currency) -> Overall {
        let r = rows.filter { $0.currency == currency }
        let w = r.flatMap(\.weeks)
        return Overall(
            forecastError: r.reduce(0) { $0 + $1.forecastError }, sureError: r.reduce(0) { $0 + $1.sureError }, naiveError: r.reduce(0) { $0 + $1.naiveError },
            forecastMAPE: ForecastBacktest.mape(w.map { ($0.forecast, $0.actual) }), sureMAPE: ForecastBacktest.mape(w.map { ($0.sure, $0.actual) }),
            naiveMAPE: ForecastBacktest.mape(w.map { ($0.naive, $0.actual) }))
    }

    public var currencies: [Currency] { Array(Set(rows.map(\.currency))).sorted() }

    /// |forecast − actual| ÷ actual, averaged over weeks that received money, in tenths of a
    /// percent rounded half up. Integers throughout, so the figures are the same everywhere.
    static func mape(_ pairs: [(Int64, Int64)]) -> Tenths? {
        let used = pairs.filter { $0.1 > 0 }
        guard !used.isEmpty else { return nil }
        // Each week in hundredths of a percent, summed, then averaged: one rounding at the end.
        var sum: Int128 = 0
        for (f, a) in used { sum += Int128((f - a).magnitude) * 10_000 / Int128(a) }
        let n = Int128(used.count)
        return Tenths(Int((sum + 5 * n) / (10 * n)))
    }
}

extension UInt64 {
    /// As a signed amount; differences of money never come near the limit.
    fileprivate var clamped: Int64 { Int64(clamping: self) }
}
