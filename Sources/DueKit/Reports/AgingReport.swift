/// How to age: which buckets, and whether days count from the due date or the issue date.
public struct AgingOptions: Sendable, Hashable {
    public var buckets: AgingBuckets
    public var byIssueDate: Bool

    public init(buckets: AgingBuckets = .standard, byIssueDate: Bool = false) {
        self.buckets = buckets
        self.byIssueDate = byIssueDate
    }

    /// The ledger's own `settings` (buckets, aging), which flags may then override.
    public init(settings: Settings) {
        self.buckets = AgingBuckets(bounds: settings.buckets) ?? .standard
        self.byIssueDate = settings.agingByIssueDate
    }
}

/// Where an open invoice stands besides its money.
public struct InvoiceStatus: Sendable, Hashable {
    /// The day an open dispute was raised.
    public var disputedSince: Day?
    /// The client's latest promise covers this invoice and its date has not passed.
    public var promisedUntil: Day?
    /// How much of the open amount the promise covers.
    public var promised: Int64 = 0
    public var onPlan = false
    /// The first instalment on or after the as-of date; nil when all are past.
    public var nextInstalment: Day?
    public var lastInstalment: Day?
    public var letters = ClientActivity.LetterCount()

    public var isDisputed: Bool { disputedSince != nil }

    /// `disputed since 2026-10-08; promised until 2026-11-13; plan, next instalment 2026-11-30; 3 letters (last: follow-up, 2026-10-15)`
    public var summary: String {
        var parts: [String] = []
        if let d = disputedSince { parts.append("disputed since \(d)") }
        if let p = promisedUntil { parts.append("promised until \(p)") }
        if onPlan {
            if let n = nextInstalment { parts.append("plan, next instalment \(n)") } else if let l = lastInstalment { parts.append("plan ended \(l)") }
        }
        if letters.count > 0, let last = letters.last {
            let stage = letters.lastStage.map { $0.rawValue + ", " } ?? ""
            parts.append("\(letters.count) letter\(letters.count == 1 ? "" : "s") (last: \(stage)\(last))")
        }
        return parts.joined(separator: "; ")
    }
}

/// One open invoice in the aging detail.
public struct AgingLine: Sendable, Hashable {
    public var number: String
    public var client: String
    public var currency: Currency
    public var issued: Day
    public var due: Day
    /// As-of date − due date: negative while not yet due.
    public var daysPastDue: Int
    /// The days that chose the bucket: past due, or since issue with `byIssueDate`.
    public var age: Int
    public var total: Int64
    public var paid: Int64
    /// Credit notes, write-offs and early-payment discounts together: all that reduced the
    /// invoice without money.
    public var credited: Int64
    public var writtenOff: Int64
    public var discount: Int64
    public var open: Int64
    public var bucket: Int
    public var status: InvoiceStatus
}

/// What one client owes in one currency, spread over the buckets.
public struct AgingClientRow: Sendable, Hashable {
    public var client: String
    public var name: String
    public var currency: Currency
    /// One amount per bucket; credit on account stands as a negative amount in Current.
    public var buckets: [Int64]
    public var total: Int64
    public var disputed: Int64 = 0
    public var promised: Int64 = 0
    public var creditOnAccount: Int64 = 0
    public var openInvoices = 0
}

/// Totals of one currency. Two currencies are never added.
public struct AgingTotals: Sendable, Hashable {
    public var currency: Currency
    public var buckets: [Int64]
    public var total: Int64
    public var disputed: Int64 = 0
    public var promised: Int64 = 0
    public var creditOnAccount: Int64 = 0
    public var openInvoices = 0
}

/// Open balances as of a date, by client and by how overdue they are. Reads the balance
/// sheet; computes no balance of its own.
public struct AgingReport: Sendable {
    public let asOf: Day
    public let options: AgingOptions
    /// Sorted by client, currency, due date, issue date, then as written.
    public var lines: [AgingLine]
    /// Sorted by client, then currency.
    public var clients: [AgingClientRow]
    /// Sorted by currency code.
    public var totals: [AgingTotals]

    public init(ledger: Ledger, sheet: BalanceSheet, options: AgingOptions) {
        asOf = sheet.asOf
        self.options = options
        let asOf = sheet.asOf
        let activity = ClientActivity(ledger, asOf: asOf)
        let buckets = options.buckets

        var open: [Int] = []
        for (i, b) in sheet.invoices.enumerated() where b.issued && b.open != 0 { open.append(i) }
        // Oldest first so a promise of an amount covers the oldest invoices.
        open.sort { a, b in
            let x = ledger.invoices[a], y = ledger.invoices[b]
            if x.client != y.client { return x.client < y.client }
            if x.currency != y.currency { return x.currency < y.currency }
            if x.due != y.due { return x.due < y.due }
            if x.issued != y.issued { return x.issued < y.issued }
            return x.order < y.order
        }
        var promiseLeft: [String: Int64] = [:]
        var lines: [AgingLine] = []
        lines.reserveCapacity(open.count)
        for i in open {
            let inv = ledger.invoices[i]
            let b = sheet.invoices[i]
            let pastDue = asOf.days(since: inv.due)
            let age = options.byIssueDate ? asOf.days(since: inv.issued) : pastDue
            var status = InvoiceStatus()
            status.disputedSince = activity.disputes[inv.number]
            if let p = activity.promises[inv.client], inv.issued <= p.made {
                if let amount = p.amount {
                    let left = promiseLeft[inv.client] ?? amount
                    let covered = min(left, b.open)
                    if covered > 0 {
                        status.promisedUntil = p.by
                        status.promised = covered
                        promiseLeft[inv.client] = left - covered
                    }
                } else {
                    status.promisedUntil = p.by
                    status.promised = b.open
                }
            }
            if let plan = activity.plan(for: inv, in: ledger) {
                status.onPlan = true
                status.nextInstalment = plan.instalments.first { $0.date >= asOf }?.date
                status.lastInstalment = plan.instalments.last?.date
            }
            status.letters = activity.letters(for: inv, in: ledger)
            lines.append(AgingLine(
                number: inv.number, client: inv.client, currency: inv.currency, issued: inv.issued, due: inv.due,
                daysPastDue: pastDue, age: age, total: b.total, paid: b.paid,
                credited: b.credited + b.writtenOff + b.discount, writtenOff: b.writtenOff, discount: b.discount,
                open: b.open, bucket: buckets.index(days: age), status: status))
        }
        self.lines = lines

        var rows: [ClientCurrency: AgingClientRow] = [:]
        func row(_ key: ClientCurrency) -> AgingClientRow {
            rows[key] ?? AgingClientRow(client: key.client, name: ledger.client(key.client)?.name ?? key.client, currency: key.currency, buckets: [Int64](repeating: 0, count: buckets.count), total: 0)
        }
        for l in lines {
            let key = ClientCurrency(client: l.client, currency: l.currency)
            var r = row(key)
            r.buckets[l.bucket] += l.open
            r.total += l.open
            r.openInvoices += 1
            if l.status.isDisputed { r.disputed += l.open }
            r.promised += l.status.promised
            rows[key] = r
        }
        // Credit on account is money already received: it lowers what is owed now, so it stands
        // in Current as a negative amount and the buckets still add up to the balance.
        for (key, credit) in sheet.creditOnAccount where credit != 0 {
            var r = row(key)
            r.buckets[0] -= credit
            r.total -= credit
            r.creditOnAccount += credit
            rows[key] = r
        }
        clients = rows.keys.sorted().map { rows[$0]! }

        var totals: [Currency: AgingTotals] = [:]
        for r in clients {
            var t = totals[r.currency] ?? AgingTotals(currency: r.currency, buckets: [Int64](repeating: 0, count: buckets.count), total: 0)
            for k in 0..<buckets.count { t.buckets[k] += r.buckets[k] }
            t.total += r.total
            t.disputed += r.disputed
            t.promised += r.promised
            t.creditOnAccount += r.creditOnAccount
            t.openInvoices += r.openInvoices
            totals[r.currency] = t
        }
        self.totals = totals.keys.sorted().map { totals[$0]! }
    }

    /// Ages a loaded ledger as of a date, with the ledger's settings unless options are given.
    public static func build(_ ledger: Ledger, asOf: Day, options: AgingOptions? = nil) -> AgingReport {
        let sheet = BalanceEngine.balances(ledger, asOf: asOf)
        return AgingReport(ledger: ledger, sheet: sheet, options: options ?? AgingOptions(settings: ledger.settings))
    }

    public var bucketLabels: [String] { options.buckets.labels }
}
