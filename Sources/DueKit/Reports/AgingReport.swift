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
    /// The date of the first instalment not yet missed on the as-of date (its last day,
    /// `Instalment.lastDay`, not passed); nil when all are past.
    public var nextInstalment: Day?
    /// The first instalment not paid in full, when its last day has passed.
    public var missedInstalment: Day?
    /// How many instalments from that one on have passed their last day unpaid.
    public var missedInstalments = 0
    public var lastInstalment: Day?
    public var letters = ClientActivity.LetterCount()

    public var isDisputed: Bool { disputedSince != nil }

    /// `disputed since 2026-10-08; promised until 2026-11-13; plan, next instalment 2026-11-30; 3 letters (last: follow-up, 2026-10-15)`,
    /// with `instalment of 2026-10-31 missed, ` before the next one when one was not paid.
    public var summary: String {
        if disputedSince == nil && promisedUntil == nil && !onPlan && letters.count == 0 { return "" }
        var parts: [String] = []
        if let d = disputedSince { parts.append("disputed since \(d)") }
        if let p = promisedUntil { parts.append("promised until \(p)") }
        if onPlan {
            let missed = missedInstalment.map { missedInstalments > 1 ? "\(missedInstalments) instalments missed since \($0)" : "instalment of \($0) missed" }
            if let n = nextInstalment {
                parts.append("plan, " + (missed.map { "\($0), " } ?? "") + "next instalment \(n)")
            } else if let l = lastInstalment {
                parts.append("plan ended \(l)" + (missed.map { ", \($0)" } ?? ""))
            }
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
    /// Open past its due date, whatever the buckets count from (`byIssueDate`).
    public var overdue: Int64 = 0
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
    /// Open past its due date, whatever the buckets count from.
    public var overdue: Int64 = 0
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
    /// The promises, plans and letters the statuses were read from.
    public let activity: ClientActivity

    public init(ledger: Ledger, sheet: BalanceSheet, options: AgingOptions) {
        asOf = sheet.asOf
        self.options = options
        let asOf = sheet.asOf
        let activity = ClientActivity(ledger, sheet: sheet)
        self.activity = activity
        let buckets = options.buckets

        // Sort keys of the open invoices, read once: comparing invoices field by field in the
        // sort would read them (and compare client ids) millions of times.
        struct Key {
            var client: Int32
            var currency: Currency
            var due: Int32
            var issued: Int32
            var order: Int
            var index: Int32
        }
        var ids: [String] = []
        var idOf: [String: Int32] = [:]
        var keys: [Key] = []
        var lastID = "", lastSlot: Int32 = -1
        for i in sheet.invoices.indices where sheet.invoices[i].issued && sheet.invoices[i].open != 0 {
            let client = ledger.invoices[i].client
            if client != lastID || lastSlot < 0 {
                if let s = idOf[client] {
                    lastSlot = s
                } else {
                    lastSlot = Int32(ids.count)
                    idOf[client] = lastSlot
                    ids.append(client)
                }
                lastID = client
            }
            keys.append(Key(client: lastSlot, currency: ledger.invoices[i].currency, due: ledger.invoices[i].due.ordinal, issued: ledger.invoices[i].issued.ordinal, order: ledger.invoices[i].order, index: Int32(i)))
        }
        var rank = [Int32](repeating: 0, count: ids.count)
        for (r, s) in ids.indices.sorted(by: { ids[$0] < ids[$1] }).enumerated() { rank[s] = Int32(r) }
        for k in keys.indices { keys[k].client = rank[Int(keys[k].client)] }
        // Oldest first so a promise of an amount covers the oldest invoices.
        keys.sort { x, y in
            if x.client != y.client { return x.client < y.client }
            if x.currency != y.currency { return x.currency < y.currency }
            if x.due != y.due { return x.due < y.due }
            if x.issued != y.issued { return x.issued < y.issued }
            return x.order < y.order
        }

        var lines: [AgingLine] = []
        lines.reserveCapacity(keys.count)
        var runStart = 0
        while runStart < keys.count {
            // One client at a time: what concerns the client as a whole is looked up once.
            var runEnd = runStart
            while runEnd < keys.count && keys[runEnd].client == keys[runStart].client { runEnd += 1 }
            let client = ledger.invoices[Int(keys[runStart].index)].client
            let promise = activity.promises.isEmpty ? nil : activity.promises[client]
            let clientPlan = activity.clientPlans.isEmpty ? nil : activity.clientPlans[client]
            let clientLetters = activity.clientLetters.isEmpty ? [] : activity.clientLetters[client] ?? []
            var promiseLeft: Int64? = nil
            // The client's lines on a plan, by the plan: what they have open tells which
            // instalment is the first not paid.
            // With what they owe, as the letters ask for it: a loss written off one still open
            // is no instalment paid (3.8).
            // And what of that is in query: it waits at the end of the schedule (7.2), so an
            // instalment only it would meet is on hold, not missed, as the letters say.
            // And which invoices they are: a plan for less than they owed when it was agreed
            // left the rest out, and is read as paid on what it covered (3.10).
            var planned: [Int: (plan: PaymentPlan, lines: [Int], invoices: [Int], owed: Int64, held: Int64)] = [:]
            for k in runStart..<runEnd {
                let i = Int(keys[k].index)
                let b = sheet.invoices[i]
                let number = ledger.invoices[i].number
                let issued = Day(ordinal: keys[k].issued), due = Day(ordinal: keys[k].due)
                let currency = keys[k].currency
                let pastDue = asOf.days(since: due)
                let age = options.byIssueDate ? asOf.days(since: issued) : pastDue
                var status = InvoiceStatus()
                if !sheet.disputes.isEmpty { status.disputedSince = sheet.openDispute(number)?.since }
                // Money in dispute is not what the client promised to pay (the forecast leaves
                // it out too): a promise covers the undisputed invoices it is about.
                if let p = promise, p.covers(i, ledger: ledger), status.disputedSince == nil {
                    // An amount is in one currency, and pays nothing in another.
                    if let amount = p.amount, currency == p.currency {
                        let left = promiseLeft ?? amount
                        let covered = min(left, b.open)
                        if covered > 0 {
                            status.promisedUntil = p.by
                            status.promised = covered
                            promiseLeft = left - covered
                        }
                    } else if p.amount == nil {
                        status.promisedUntil = p.by
                        status.promised = b.open
                    }
                }
                if let plan = activity.plan(number: number, currency: currency, issued: issued, clientPlan: clientPlan, in: ledger) {
                    status.onPlan = true
                    status.nextInstalment = plan.instalments.first { $0.lastDay >= asOf }?.date
                    status.lastInstalment = plan.instalments.last?.date
                    planned[plan.order, default: (plan, [], [], 0, 0)].lines.append(lines.count)
                    planned[plan.order]!.invoices.append(i)
                    planned[plan.order]!.owed += b.asked
                    if status.disputedSince != nil { planned[plan.order]!.held += b.asked }
                }
                status.letters = activity.letters(number: number, issued: issued, clientLetters: clientLetters, in: ledger)
                lines.append(AgingLine(
                    number: number, client: client, currency: currency, issued: issued, due: due,
                    daysPastDue: pastDue, age: age, total: b.total, paid: b.paid,
                    credited: b.credited + b.writtenOff + b.discount, writtenOff: b.writtenOff, discount: b.discount,
                    open: b.open, bucket: buckets.index(days: age), status: status))
            }
            for (plan, on, open, owed, held) in planned.values {
                // A plan naming its invoices is read on all of them, settled ones too, as the letters read it.
                let covered = plan.invoices.isEmpty ? open : plan.invoices.compactMap { ledger.invoiceIndex[$0] }
                let notCovered = PlanProgress.notCovered(plan, covered: covered, ledger: ledger, sheet: sheet)
                let missed = PlanProgress.owed(plan, paid: PlanProgress.paid(plan, openNow: owed, notCovered: notCovered), reach: plan.minor - held, asOf: asOf)
                guard let first = missed.first?.instalment else { continue }
                for l in on {
                    lines[l].status.missedInstalment = first.date
                    lines[l].status.missedInstalments = missed.count
                }
            }
            runStart = runEnd
        }
        self.lines = lines

        // Lines come sorted by client then currency, so each row is one run of lines.
        var clients: [AgingClientRow] = []
        // A client without a name on its line has an empty name column: the id beside it says who.
        func name(_ id: String) -> String { ledger.clientIndex[id].flatMap { ledger.clients[$0].writtenName } ?? "" }
        for l in lines {
            if clients.isEmpty || clients[clients.count - 1].client != l.client || clients[clients.count - 1].currency != l.currency {
                clients.append(AgingClientRow(client: l.client, name: name(l.client), currency: l.currency, buckets: [Int64](repeating: 0, count: buckets.count), total: 0))
            }
            let r = clients.count - 1
            clients[r].buckets[l.bucket] += l.open
            if l.daysPastDue > 0 { clients[r].overdue += l.open }
            clients[r].openInvoices += 1
            if l.status.isDisputed { clients[r].disputed += l.open }
            clients[r].promised += l.status.promised
        }
        // Credit on account is money already received: it lowers what is owed now, so it stands
        // in Current as a negative amount and the buckets still add up to the balance.
        var rowOf: [ClientCurrency: Int] = [:]
        for (k, r) in clients.enumerated() { rowOf[ClientCurrency(client: r.client, currency: r.currency)] = k }
        var added = false
        for (key, credit) in sheet.creditOnAccount where credit != 0 {
            let r: Int
            if let k = rowOf[key] {
                r = k
            } else {
                r = clients.count
                rowOf[key] = r
                clients.append(AgingClientRow(client: key.client, name: name(key.client), currency: key.currency, buckets: [Int64](repeating: 0, count: buckets.count), total: 0))
                added = true
            }
            clients[r].buckets[0] -= credit
            clients[r].creditOnAccount += credit
        }
        // The buckets spread what the client owes; the amount itself is the sheet's.
        for r in clients.indices { clients[r].total = sheet.clientBalances[ClientCurrency(client: clients[r].client, currency: clients[r].currency)] ?? 0 }
        if added { clients.sort { ClientCurrency(client: $0.client, currency: $0.currency) < ClientCurrency(client: $1.client, currency: $1.currency) } }
        self.clients = clients

        var totals: [Currency: AgingTotals] = [:]
        for r in clients {
            var t = totals[r.currency] ?? AgingTotals(currency: r.currency, buckets: [Int64](repeating: 0, count: buckets.count), total: 0)
            for k in 0..<buckets.count { t.buckets[k] += r.buckets[k] }
            t.total += r.total
            t.overdue += r.overdue
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
