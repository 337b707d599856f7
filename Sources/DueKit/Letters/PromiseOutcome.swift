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
    /// Payments in `currency` after the note (the same day: written below it) to the promised day.
    public let received: Int64
    /// Payments in `currency` after the note to the as-of date, late ones included.
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

    /// The invoices the promise is about (`PromiseScope`).
    let scope: PromiseScope

    /// `ledger`: to leave out what a payment gave work the promise was not about (a new
    /// invoice, or one not yet due, paid on time does not keep a promise about one past due).
    /// `owing`: the client's story and the sheet, for what the promise is about and for
    /// `stillOwed`; without them it is about all the work invoiced by the note's day.
    public init<Payments: Collection<Payment>>(note: ClientNote, promise: Promise, payments all: Payments, asOf: Day, ledger: Ledger? = nil, owing: (story: ClientStory, sheet: BalanceSheet)? = nil) {
        let scope = ledger.flatMap { l in owing.map { PromiseScope(note, promise, issued: $0.story.issued, money: [$0.story.payments, $0.story.credits].joined(), ledger: l, sheet: $0.sheet) } } ?? PromiseScope(issuedBy: note.date)
        self.init(note: note, promise: promise, payments: all, asOf: asOf, ledger: ledger, scope: scope, owing: owing)
    }

    /// With the promise's scope found already: the reports, which read no client's story, find
    /// it from the client's issued invoices (`ClientActivity`).
    init<Payments: Collection<Payment>>(note: ClientNote, promise: Promise, payments all: Payments, asOf: Day, ledger: Ledger?, scope: PromiseScope, owing: (story: ClientStory, sheet: BalanceSheet)? = nil) {
        // Only what came after the note is read, and only that asked what it paid: a client's
        // payments reach back years. A payment the same day counts only when written below the
        // note: one written above it came before the promise, which was about what it left.
        let last = max(asOf, promise.lastDay)
        let window = all.filter { PromiseOutcome.came($0, after: note) && $0.date <= last }
        self.scope = scope
        // Each with what of it went to the work the promise was about: a payment split
        // between that work and other keeps the promise by that part only.
        typealias Part = (date: Day, currency: Currency, minor: Int64)
        var payments: [Part] = []
        for p in window {
            let towards = ledger.map { PromiseOutcome.towardsPromise(p, scope, ledger: $0) } ?? p.minor
            if towards > 0 { payments.append((p.date, p.currency, towards)) }
        }
        self.note = note
        self.promise = promise
        var currency = promise.currency
        if promise.inAnyCurrency {
            let inWindow = payments.filter { $0.date <= promise.lastDay }
            if !inWindow.contains(where: { $0.currency == currency }), let other = inWindow.first?.currency { currency = other }
        }
        self.currency = currency
        var received: Int64 = 0, toDate: Int64 = 0
        for p in payments where p.currency == currency {
            if p.date <= promise.lastDay { received += p.minor }
            if p.date <= asOf { toDate += p.minor }
        }
        self.received = received
        receivedToDate = toDate
        if let ledger, let (story, sheet) = owing {
            var owed: Int64 = 0
            // A promise whose currency cannot be told, with nothing come yet, is about work in
            // any: only whether something of it is still owed is asked then (it has no amount
            // to fall short of).
            for i in story.open where (!currency.isKnown || ledger.invoices[i].currency == currency) && scope.contains(i, ledger: ledger) && sheet.openDispute(ledger.invoices[i].number) == nil {
                owed += sheet.invoices[i].owed
            }
            stillOwed = owed
        } else {
            stillOwed = nil
        }
        if asOf <= promise.lastDay {
            state = .pending
        } else if let wanted = promise.minor {
            state = received >= wanted ? .kept : received > 0 ? .partlyKept : .broken
        } else {
            state = received > 0 ? .kept : .broken
        }
    }

    /// Whether payment `p` came after the promise in note `n`, and so may count towards it: a
    /// later day, or the same day written below the note. One written above it came first, and
    /// the promise was about what it left open (7.2).
    static func came(_ p: Payment, after n: ClientNote) -> Bool {
        (p.date, p.order) > (n.date, n.order)
    }

    /// What of `p` went to invoices the promise was not about (`scope`): its `apply` amounts
    /// for them, or, for a line without one, the invoice's total (what such a line gives a
    /// new invoice), as far as the payment goes.
    static func towardsOtherWork(_ p: Payment, _ scope: PromiseScope, ledger: Ledger) -> Int64 {
        var other: Int64 = 0
        for a in ledger.allocations(of: p) {
            guard let t = a.target.map(Int.init), !scope.contains(t, ledger: ledger) else { continue }
            other += a.minor ?? ledger.invoices[t].total
        }
        return min(p.minor, other)
    }

    /// What of `p` may keep the promise: all of it but what it gave other work.
    static func towardsPromise(_ p: Payment, _ scope: PromiseScope, ledger: Ledger) -> Int64 {
        p.minor - towardsOtherWork(p, scope, ledger: ledger)
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

    /// `arrivals`, when what was sent by the promised day came back unpaid (`returned`, each
    /// payment with the day it came back): the client did pay, so that payment and its return
    /// are said rather than that nothing was received, then what came after the day ("a payment
    /// of 1,400.00 GBP came on 2026-04-28 and was returned unpaid on 2026-05-06, and nothing
    /// since"), as the demand's history says it.
    func arrivals(returned: [(payment: Payment, back: Day)]) -> String {
        guard received == 0, !returned.isEmpty else { return arrivals }
        let later = max(0, receivedToDate - received)
        let came = returned.map { "a payment of \(Money(minor: $0.payment.minor, currency: $0.payment.currency)) came on \($0.payment.date) and was returned unpaid on \($0.back)" }
        return came.joined(separator: "; ") + (later > 0 ? ", and \(Money(minor: later, currency: currency)) since" : ", and nothing since")
    }
}

/// The invoices a promise to pay is about (7.2). A promise names no invoice: it answers what
/// our letters were asking for, the money past due on its day. So it is about the client's
/// invoices past due and still open on the note's day, when there were any and what it
/// promised is no more than they had open then; else (nothing past due, or more promised than that,
/// which reaches further) about every invoice issued by that day. Money a payment's `apply`
/// lines give another invoice (new work, or work not yet due when the promise was made, which
/// the client pays on its own terms) does not meet it: "will pay T-1 on the 20th, T-2 when
/// due" is kept by paying T-1, not by paying T-2 early.
struct PromiseScope: Sendable, Hashable {
    /// Nothing issued after the note's day is in it.
    let day: Day
    /// The invoices past due and open on that day, when the promise is about those alone.
    let pastDue: Set<Int>?

    /// About every invoice issued by `day`.
    init(issuedBy day: Day) {
        self.day = day
        pastDue = nil
    }

    /// `money`: the client's payments and credit notes, or any part of them that holds those
    /// of the note's day, read only when an invoice was settled that day.
    init<Entries: Sequence<Payment>>(_ note: ClientNote, _ promise: Promise, issued: [Int], money: Entries, ledger: Ledger, sheet: BalanceSheet) {
        day = note.date
        let anyCurrency = promise.inAnyCurrency
        var owing = issued.filter { i in
            let inv = ledger.invoices[i]
            return inv.issued <= note.date && inv.due < note.date && (anyCurrency || inv.currency == promise.currency)
                && sheet.invoices[i].settled.map { $0 >= note.date } ?? true
        }
        // One settled on the note's day was open when the client promised only if money written
        // below the note went to it: money written above it came first (`PromiseOutcome.came`),
        // and the promise was about what that left open, not about the invoice it paid off.
        if owing.contains(where: { sheet.invoices[$0].settled == note.date }) {
            let after = Set(money.filter { $0.date == note.date && PromiseOutcome.came($0, after: note) }.flatMap { LetterFields.invoicesPaid(by: $0, ledger: ledger, sheet: sheet) })
            owing.removeAll { sheet.invoices[$0].settled == note.date && !after.contains(ledger.invoices[$0].number) }
        }
        pastDue = owing.isEmpty || promise.minor.map({ $0 > Self.open(owing, when: note, promise, money: money, ledger: ledger) }) == true ? nil : Set(owing)
    }

    /// What `owing` had open when the promise in note `n` was made, as W430 reads it
    /// (`PromiseAmountRule.openWhenPromised`): a promise of more than that reaches further,
    /// though it is less than their totals. Beaumont, owing 4,000.00 of a 6,000.00 invoice past
    /// due and 900.00 on one not yet due, promised 4,900.00: both, not part of the first. The
    /// engine's run is made only when the totals do not already tell.
    static func open<Entries: Sequence<Payment>>(_ owing: [Int], when n: ClientNote, _ p: Promise, money: Entries, ledger: Ledger) -> Int64 {
        let totals = owing.reduce(Int64(0)) { $0 + ledger.invoices[$1].total }
        guard let promised = p.minor, promised <= totals else { return totals }
        let history = BalanceEngine.openHistory(ledger, of: owing, through: n.date)
        return PromiseAmountRule.openWhenPromised(n, p, invoices: owing, money: money.filter { $0.date == n.date }, history: history, ledger: ledger)
    }

    func contains(_ i: Int, ledger: Ledger) -> Bool {
        pastDue?.contains(i) ?? (ledger.invoices[i].issued <= day)
    }

    /// Of `open` (invoices with money open), those the promise covers (7.2): with an amount,
    /// those it is about, oldest first, as far as the amount goes over what each owes now (one
    /// reached in part among them), as the aging spreads it; with none, all it is about. Only
    /// in the promise's currency (any, for one in any currency), and none in query, which the
    /// client did not promise to pay. Reading what they owe now, not what they owed on the
    /// note's day, errs towards covering more: money paid towards the promise since never lets
    /// a letter ask for what the client promised.
    func covered(by promise: Promise, open: [Int], disputed: Set<String>, ledger: Ledger, sheet: BalanceSheet) -> [Int] {
        let about = open.filter { i in
            contains(i, ledger: ledger) && (promise.inAnyCurrency || ledger.invoices[i].currency == promise.currency)
                && !disputed.contains(ledger.invoices[i].number)
        }.sorted { (ledger.invoices[$0].due, ledger.invoices[$0].issued, ledger.invoices[$0].order) < (ledger.invoices[$1].due, ledger.invoices[$1].issued, ledger.invoices[$1].order) }
        guard !promise.inAnyCurrency, var left = promise.minor else { return about }
        var reached: [Int] = []
        for i in about where left > 0 {
            reached.append(i)
            left -= sheet.invoices[i].owed
        }
        return reached
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
