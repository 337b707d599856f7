/// How a promise to pay stands on the as-of date: what arrived between the note and the
/// promised day, and whether that was all, part or none of what was promised.
public struct PromiseOutcome: Sendable {
    public enum State: String, Sendable {
        /// The promised day has not passed yet.
        case pending
        case kept
        case partlyKept = "partly kept"
        case broken
    }

    public let note: ClientNote
    public let promise: Promise
    /// Payments in `currency` from the note's date to the promised day.
    public let received: Int64
    /// Payments in `currency` from the note's date to the as-of date, late ones included.
    public let receivedToDate: Int64
    /// The promise's own (`Promise.currency`): the only one its payments are counted in. A
    /// promise in any currency (`Promise.inAnyCurrency`: no amount and no currency written, or a
    /// currency that cannot be told) is kept by money in any: when none came in the one it is
    /// read in, it is the currency that came.
    public let currency: Currency
    public let state: State
    /// What the letters still ask for today, out of dispute, of the work invoiced by the
    /// note's day in `currency`, when the caller gave the client's open invoices: no more of
    /// a promise is missing than that (a credit note since took the rest off what was owed).
    public let stillOwed: Int64?

    /// `ledger`: to leave out what a payment gave work invoiced after the promise was made (a
    /// new invoice paid on time does not keep a promise about an old one). `owing`: the
    /// client's open invoices and the sheet, for `stillOwed`.
    public init<Payments: Collection<Payment>>(note: ClientNote, promise: Promise, payments all: Payments, asOf: Day, ledger: Ledger? = nil, owing: (open: [Int], sheet: BalanceSheet)? = nil) {
        // Only what came from the note on is read, and only that asked what it paid: a client's
        // payments reach back years.
        let last = max(asOf, promise.by)
        let window = all.filter { $0.date >= note.date && $0.date <= last }
        // Each with what of it went to work invoiced by the note's day: a payment split
        // between old work and new keeps the promise by its old part only.
        typealias Part = (date: Day, currency: Currency, minor: Int64)
        var payments: [Part] = []
        for p in window {
            let towards = ledger.map { PromiseOutcome.towardsEarlierWork(p, than: note.date, ledger: $0) } ?? p.minor
            if towards > 0 { payments.append((p.date, p.currency, towards)) }
        }
        self.note = note
        self.promise = promise
        var currency = promise.currency
        if promise.inAnyCurrency {
            let inWindow = payments.filter { $0.date >= note.date && $0.date <= promise.by }
            if !inWindow.contains(where: { $0.currency == currency }), let other = inWindow.first?.currency { currency = other }
        }
        self.currency = currency
        var received: Int64 = 0, toDate: Int64 = 0
        for p in payments where p.currency == currency {
            if p.date <= promise.by { received += p.minor }
            if p.date <= asOf { toDate += p.minor }
        }
        self.received = received
        receivedToDate = toDate
        if let ledger, let (open, sheet) = owing {
            var owed: Int64 = 0
            // A promise whose currency cannot be told, with nothing come yet, is about work in
            // any: only whether something of it is still owed is asked then (it has no amount
            // to fall short of).
            for i in open where (!currency.isKnown || ledger.invoices[i].currency == currency) && ledger.invoices[i].issued <= note.date && sheet.openDispute(ledger.invoices[i].number) == nil {
                owed += sheet.invoices[i].owed
            }
            stillOwed = owed
        } else {
            stillOwed = nil
        }
        if asOf <= promise.by {
            state = .pending
        } else if let wanted = promise.minor {
            state = received >= wanted ? .kept : received > 0 ? .partlyKept : .broken
        } else {
            state = received > 0 ? .kept : .broken
        }
    }

    /// What of `p` went to invoices issued after `day`: its `apply` amounts for them, or, for
    /// a line without one, the invoice's total (what such a line gives a new invoice), as far
    /// as the payment goes.
    static func towardsLaterWork(_ p: Payment, than day: Day, ledger: Ledger) -> Int64 {
        var later: Int64 = 0
        for a in ledger.allocations(of: p) {
            guard let t = a.target.map(Int.init), ledger.invoices[t].issued > day else { continue }
            later += a.minor ?? ledger.invoices[t].total
        }
        return min(p.minor, later)
    }

    /// What of `p` may keep a promise made on `day`: all of it but what went to later work.
    static func towardsEarlierWork(_ p: Payment, than day: Day, ledger: Ledger) -> Int64 {
        p.minor - towardsLaterWork(p, than: day, ledger: ledger)
    }

    /// Everything promised has arrived by the promised day, whether or not that day has passed:
    /// a thank-you drafted on the day itself, or an agenda before it, need not wait for it.
    public var isMet: Bool { promise.minor.map { received >= $0 } ?? (received > 0) }

    /// Promised and not (all) received once the day has passed.
    public var isBroken: Bool { state == .broken || state == .partlyKept }

    /// Not kept, and what was promised has still not all arrived, even late, while something
    /// of what it was about is still owed: a letter names it.
    public var isOutstanding: Bool {
        guard isBroken, stillOwed.map({ $0 > 0 }) ?? true else { return false }
        return promise.minor.map { receivedToDate < $0 } ?? (receivedToDate == 0)
    }

    /// What is still missing of the promised amount today, when one was named: no more than
    /// is still owed of what it was about.
    public var shortfall: Int64? { promise.minor.map { min(max(0, $0 - receivedToDate), stillOwed ?? .max) } }

    /// What came of the promise, for the agenda: what arrived by the promised day and, apart,
    /// what arrived after it, or that nothing did ("300.00 GBP of it received by that day and
    /// 200.00 GBP since"; "nothing received by that day and 200.00 GBP since"; "nothing of it
    /// received, by that day or since").
    public var arrivals: String {
        let later = max(0, receivedToDate - received)
        let by = Money(minor: received, currency: currency), since = Money(minor: later, currency: currency)
        switch (received > 0, later > 0) {
        case (true, true): return "\(by) of it received by that day and \(since) since"
        case (true, false): return "\(by) of it received by that day and nothing since"
        case (false, true): return "nothing received by that day and \(since) since"
        case (false, false): return "nothing of it received, by that day or since"
        }
    }
}

extension PaymentPlan {
    /// Whether this plan takes the place of the promise to pay in note `n` (7.2): agreed on a
    /// later day, about money the promise was about. The plan is then the client's later word
    /// on when that money comes, and a client keeping to it is not told the promise was broken.
    /// A plan for the whole balance (no `for`) is about it; one naming invoices is when it
    /// names one issued by the promise's day in the promise's currency (in any, for a promise
    /// in any currency, `Promise.inAnyCurrency`). A plan for work invoiced since, or in another currency,
    /// leaves the promise standing. (One agreed the same day may be what the promise, of its
    /// first instalment, was about.)
    public func replaces(_ n: ClientNote, ledger: Ledger) -> Bool {
        guard date > n.date, let p = n.promise else { return false }
        if invoices.isEmpty { return true }
        let anyCurrency = p.inAnyCurrency
        return invoices.contains { number in
            guard let i = ledger.invoiceIndex[number] else { return false }
            let invoice = ledger.invoices[i]
            return invoice.client == n.client && invoice.issued <= n.date && (anyCurrency || invoice.currency == p.currency)
        }
    }
}
