/// When the money owed is expected to come in, week by week, per currency.
///
/// Each open invoice's open amount goes to one date: the promised date for what a live promise
/// covers, the instalment dates of a payment plan, otherwise the due date shifted by how the
/// client pays (`PaymentHabit`). A date on or before the as-of date lands in the first week.
/// Disputed invoices and those a formal demand was sent about are kept apart as *at risk*.
/// Reads the aging (and so the balance sheet); computes no balance of its own.
public struct CashForecast: Sendable {
    public static let defaultWeeks = 8

    public enum Method: String, Sendable, Hashable {
        /// Promises, plans and each client's habit; doubtful amounts apart.
        case expected
        /// Every open amount on its due date: the yardstick the backtest measures against.
        case dueDate = "due date"
    }

    /// Why an amount is expected on its date.
    public enum Basis: String, Sendable, Hashable {
        case promise, plan
        case client = "client history"
        case ledger = "ledger median"
        case dueDate = "due date"
    }

    public enum Risk: String, Sendable, Hashable {
        /// An open dispute: nothing is expected until it is resolved.
        case disputed
        /// A formal demand was sent: the ladder is spent.
        case demand
    }

    /// Part of an invoice's open amount and when it is expected.
    public struct Part: Sendable, Hashable {
        public var date: Day
        public var amount: Int64
        public var basis: Basis
        /// Days after the due date the client's habit added (0 for promises and plans).
        public var shift: Int
    }

    public struct Line: Sendable, Hashable {
        public var number: String
        public var client: String
        public var currency: Currency
        public var due: Day
        public var open: Int64
        /// Empty when the invoice is at risk.
        public var parts: [Part]
        public var risk: Risk?
        /// For an amount at risk, when it would come if it is paid after all: the due date
        /// shifted by how long disputes have held payment up in this ledger (by the client's
        /// habit after a demand, or when no disputed invoice was ever settled).
        public var ifPaid: Day?
    }

    public struct Totals: Sendable, Hashable {
        public var currency: Currency
        /// One amount per week.
        public var weeks: [Int64]
        /// Expected after the last week.
        public var later: Int64 = 0
        public var atRisk: Int64 = 0
        /// The amounts at risk by the week they would come in if paid after all (`ifPaid`),
        /// then later: not part of the weeks above.
        public var atRiskIfPaid: [Int64]
        public var disputed: Int64 = 0
        public var demanded: Int64 = 0
        /// Money already received and not yet used: it will pay the client's next invoices, so
        /// no cash is expected for it. Subtracted to reach what is owed.
        public var creditOnAccount: Int64 = 0
        /// What the aging says is owed: weeks + later + at risk − credit on account.
        public var owed: Int64 = 0
    }

    public let asOf: Day
    public let weeks: Int
    public let method: Method
    /// Sorted as the aging sorts its open invoices: client, currency, due date.
    public var lines: [Line]
    /// Sorted by currency.
    public var totals: [Totals]

    /// The first day of week `k` (0-based). Week 0 runs from the day after the as-of date.
    // No week runs past the last day a ledger can name (the init stops the weeks there).
    public func weekStart(_ k: Int) -> Day { min(asOf.adding(days: 1 + 7 * k), Day.last) }
    public func weekEnd(_ k: Int) -> Day { min(asOf.adding(days: 7 * (k + 1)), Day.last) }

    /// Which week a date falls in: 0 for anything up to the end of the first week (a date
    /// already past is expected at once), `weeks` for later.
    public func week(of day: Day) -> Int { CashForecast.week(of: day, asOf: asOf, weeks: weeks) }

    static func week(of day: Day, asOf: Day, weeks: Int) -> Int {
        let d = day.days(since: asOf)
        if d <= 7 { return 0 }
        return min(weeks, (d - 1) / 7)
    }

    public init(ledger: Ledger, sheet: BalanceSheet, weeks: Int = CashForecast.defaultWeeks, method: Method = .expected) {
        self.init(ledger: ledger, sheet: sheet, aging: AgingReport(ledger: ledger, sheet: sheet, options: AgingOptions()), weeks: weeks, method: method)
    }

    /// From an aging already made of the same sheet (with any buckets: the forecast reads its
    /// open invoices and their status, not their ages), so a report ages the ledger once.
    public init(ledger: Ledger, sheet: BalanceSheet, aging: AgingReport, weeks: Int = CashForecast.defaultWeeks, method: Method = .expected) {
        asOf = sheet.asOf
        // Weeks end at 9999-12-31: a week after it would have no date to print.
        self.weeks = max(1, min(weeks, (Day.last.days(since: sheet.asOf) + 6) / 7))
        self.method = method
        let asOf = sheet.asOf
        let habit = method == .expected ? PaymentHabit(ledger: ledger, sheet: sheet) : nil
        let activity = aging.activity

        // What is left of each plan's schedule, consumed oldest invoice first across the
        // invoices it covers.
        var schedules: [Int: [(date: Day, amount: Int64)]] = [:]
        if method == .expected && !ledger.plans.isEmpty {
            var covered: [Int: (open: Int64, invoices: [Int])] = [:]
            for l in aging.lines where l.open > 0 && l.status.onPlan {
                if let k = CashForecast.planIndex(l, activity), let i = ledger.invoiceIndex[l.number] {
                    covered[k, default: (0, [])].open += l.open
                    covered[k]!.invoices.append(i)
                }
            }
            for (k, (open, invoices)) in covered {
                let plan = ledger.plans[k]
                // Whatever of the plan is no longer open was paid: it settled the first
                // instalments. What it did not cover is no part of its schedule (3.10).
                let notCovered = PlanProgress.notCovered(plan, covered: plan.invoices.isEmpty ? invoices : plan.invoices.compactMap { ledger.invoiceIndex[$0] }, ledger: ledger, sheet: sheet)
                var paid = PlanProgress.paid(plan, openNow: open, notCovered: notCovered)
                var left: [(Day, Int64)] = []
                for i in plan.instalments.sorted(by: { $0.date < $1.date }) {
                    let take = min(paid, i.minor)
                    paid -= take
                    // Expected by the day its money can arrive, as a promise's is.
                    if i.minor - take > 0 { left.append((i.lastDay, i.minor - take)) }
                }
                schedules[k] = left
            }
        }

        var lines: [Line] = []
        lines.reserveCapacity(aging.lines.count)
        // The aging's lines come a client at a time: each client's habit is looked up once,
        // not hashed by id for every invoice.
        var habitOf: (client: String, estimate: PaymentHabit.Estimate)? = nil
        func estimate(_ client: String, _ habit: PaymentHabit) -> PaymentHabit.Estimate {
            if let h = habitOf, h.client == client { return h.estimate }
            let e = habit.estimate(client: client)
            habitOf = (client, e)
            return e
        }
        for l in aging.lines where l.open > 0 {
            var line = Line(number: l.number, client: l.client, currency: l.currency, due: l.due, open: l.open, parts: [], risk: nil)
            guard let habit else {
                line.parts = [Part(date: l.due, amount: l.open, basis: .dueDate, shift: 0)]
                lines.append(line)
                continue
            }
            if l.status.isDisputed {
                line.risk = .disputed
            } else if l.status.letters.lastStage == .demand {
                line.risk = .demand
            }
            if line.risk != nil {
                let shift = line.risk == .disputed ? habit.disputedMedian : nil
                line.ifPaid = l.due.adding(days: shift ?? estimate(l.client, habit).days)
                lines.append(line)
                continue
            }
            var left = l.open
            if let by = l.status.promisedUntil, l.status.promised > 0 {
                let p = min(left, l.status.promised)
                line.parts.append(Part(date: by, amount: p, basis: .promise, shift: 0))
                left -= p
            }
            if left > 0, l.status.onPlan, let k = CashForecast.planIndex(l, activity), var s = schedules[k] {
                while left > 0, !s.isEmpty {
                    let take = min(left, s[0].amount)
                    line.parts.append(Part(date: s[0].date, amount: take, basis: .plan, shift: 0))
                    left -= take
                    s[0].amount -= take
                    if s[0].amount == 0 { s.removeFirst() }
                }
                schedules[k] = s
            }
            if left > 0 {
                let e = estimate(l.client, habit)
                let basis: Basis = switch e.source {
                case .client: .client
                case .ledger: .ledger
                case .dueDate: .dueDate
                }
                line.parts.append(Part(date: l.due.adding(days: e.days), amount: left, basis: basis, shift: e.days))
            }
            lines.append(line)
        }
        self.lines = lines

        let weeks = self.weeks
        // Summed in place, the few currencies met numbered in order: a total taken out of a
        // table and put back for every line copied its arrays of weeks each time.
        var currencies = CurrencyNumbers()
        var sums: [Totals] = []
        func number(_ c: Currency) -> Int {
            currencies.number(of: c) { sums.append(Totals(currency: c, weeks: [Int64](repeating: 0, count: weeks), atRiskIfPaid: [Int64](repeating: 0, count: weeks + 1))) }
        }
        for line in lines {
            let t = number(line.currency)
            sums[t].owed += line.open
            switch line.risk {
            case .disputed?:
                sums[t].atRisk += line.open
                sums[t].disputed += line.open
            case .demand?:
                sums[t].atRisk += line.open
                sums[t].demanded += line.open
            case nil:
                for p in line.parts {
                    let w = CashForecast.week(of: p.date, asOf: asOf, weeks: weeks)
                    if w < weeks { sums[t].weeks[w] += p.amount } else { sums[t].later += p.amount }
                }
            }
            if let d = line.ifPaid { sums[t].atRiskIfPaid[CashForecast.week(of: d, asOf: asOf, weeks: weeks)] += line.open }
        }
        for (key, credit) in sheet.creditOnAccount where credit != 0 {
            let t = number(key.currency)
            sums[t].creditOnAccount += credit
            sums[t].owed -= credit
        }
        self.totals = sums.sorted { $0.currency < $1.currency }
    }

    /// Index in `ledger.plans` of the plan covering an open invoice.
    static func planIndex(_ l: AgingLine, _ activity: ClientActivity) -> Int? {
        if let k = activity.plans[l.number] { return k }
        return activity.clientPlans[l.client]
    }
}
