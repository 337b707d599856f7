/// What was said and sent about each invoice up to a date: promises, plans and letters. Entries dated after the as-of date are ignored, as the balance engine ignores
/// later money, so a report re-run for an old date tells what was known then.
public struct ClientActivity: Sendable {
    public struct LetterCount: Sendable, Hashable {
        public var count = 0
        public var last: Day?
        public var lastStage: LetterStage?
    }

    public struct ActivePromise: Sendable, Hashable {
        public var made: Day
        /// The last day it stands (`Promise.lastDay`): the day the client named, or the next
        /// working day when that is none, the first the money can arrive; the aging's "promised
        /// until" and the forecast's day for it.
        public var by: Day
        /// What is still to come of it: the amount promised less what has come towards it. nil:
        /// the whole of what was open of the work it is about.
        public var amount: Int64?
        /// What an amount is in: it covers invoices in this currency only.
        public var currency: Currency
        /// The invoices it is about (`PromiseScope`), as the letters read it.
        let scope: PromiseScope

        /// Whether it is about invoice `i` (an index into `ledger.invoices`): one past due on
        /// its day, or, when it reached further, any issued by then.
        public func covers(_ i: Int, ledger: Ledger) -> Bool { scope.contains(i, ledger: ledger) }
    }

    public let asOf: Day
    /// The latest promise of each client, if its date has not passed.
    public var promises: [String: ActivePromise] = [:]
    /// Invoice number → index into `ledger.plans` of the latest plan covering it.
    public var plans: [String: Int] = [:]
    /// Client → latest plan that names no invoices (covers all that was open then).
    public var clientPlans: [String: Int] = [:]
    public var letters: [String: LetterCount] = [:]
    /// Letters naming no invoice: about all of the client's open invoices.
    public var clientLetters: [String: [Int]] = [:]

    public init(_ ledger: Ledger, sheet: BalanceSheet) {
        let asOf = sheet.asOf
        self.asOf = asOf
        // Only notes that promise change anything here; disputes are the balance sheet's.
        let notes = ledger.notes.indices.filter { k in ledger.notes[k].date <= asOf && ledger.notes[k].promise != nil }
            .sorted { (ledger.notes[$0].date, ledger.notes[$0].order) < (ledger.notes[$1].date, ledger.notes[$1].order) }
        var latestPromise: [String: Int] = [:]
        for k in notes { latestPromise[ledger.notes[k].client] = k }
        // A promise whose date has passed no longer holds anything back, nor one a payment
        // plan agreed on a later day about its money took the place of (`PaymentPlan.replaces`).
        var plansOf: [String: [Int]] = [:]
        for k in ledger.plans.indices where ledger.plans[k].date <= asOf { plansOf[ledger.plans[k].client, default: []].append(k) }
        var standing: [String: Int] = [:]
        for (client, k) in latestPromise {
            let n = ledger.notes[k], p = n.promise!
            guard p.lastDay >= asOf, !(plansOf[client] ?? []).contains(where: { ledger.plans[$0].replaces(n, ledger: ledger) }) else { continue }
            standing[client] = k
        }
        // What has come since it was made towards the work it is about counts against it, as
        // the letters count it (`PromiseOutcome`, by the promise's scope): a promise part kept
        // covers only the rest, one kept in full covers nothing more, and money for other work
        // (an invoice not yet due when it was made) keeps nothing of it.
        var live: [String: ActivePromise] = [:]
        if !standing.isEmpty {
            let earliest = standing.values.map { ledger.notes[$0].date }.min()!
            var issued: [String: [Int]] = [:]
            for i in ledger.invoices.indices where sheet.invoices[i].issued && standing[ledger.invoices[i].client] != nil {
                issued[ledger.invoices[i].client, default: []].append(i)
            }
            var paid: [String: [Payment]] = [:]
            // The client's money of the promise's own day, credit notes too: what of it came
            // above the note closed invoices before the promise was made (`PromiseScope`).
            var thatDay: [String: [Payment]] = [:]
            for p in ledger.payments where p.date >= earliest && p.date <= asOf {
                guard let k = standing[p.client] else { continue }
                if p.date == ledger.notes[k].date { thatDay[p.client, default: []].append(p) }
                if !p.isCredit { paid[p.client, default: []].append(p) }
            }
            for (client, k) in standing {
                let n = ledger.notes[k], p = n.promise!
                let scope = PromiseScope(n, p, issued: issued[client] ?? [], money: thatDay[client] ?? [], ledger: ledger, sheet: sheet)
                let outcome = PromiseOutcome(note: n, promise: p, payments: paid[client] ?? [], asOf: asOf, ledger: ledger, scope: scope)
                guard !outcome.isMet else { continue }
                live[client] = ActivePromise(made: n.date, by: p.lastDay, amount: p.minor.map { $0 - outcome.received }, currency: p.currency, scope: scope)
            }
        }
        promises = live

        let plansInOrder = ledger.plans.indices.filter { ledger.plans[$0].date <= asOf }
            .sorted { (ledger.plans[$0].date, ledger.plans[$0].order) < (ledger.plans[$1].date, ledger.plans[$1].order) }
        for k in plansInOrder {
            let p = ledger.plans[k]
            if p.invoices.isEmpty { clientPlans[p.client] = k } else { for n in p.invoices { plans[n] = k } }
        }

        let lettersInOrder = ledger.letters.indices.filter { ledger.letters[$0].date <= asOf }
            .sorted { (ledger.letters[$0].date, ledger.letters[$0].order) < (ledger.letters[$1].date, ledger.letters[$1].order) }
        // Room for every invoice a letter names, made at once: a table grown as it fills hashes
        // every number again each time it doubles.
        letters.reserveCapacity(lettersInOrder.reduce(0) { $0 + ledger.letters[$1].invoices.count })
        for k in lettersInOrder {
            let l = ledger.letters[k]
            if l.invoices.isEmpty {
                clientLetters[l.client, default: []].append(k)
                continue
            }
            // Counted in place: the number hashed once, not once to read and once to write.
            func count(_ c: inout LetterCount) {
                c.count += 1
                c.last = l.date
                c.lastStage = l.stage
            }
            for n in l.invoices { count(&letters[n, default: LetterCount()]) }
        }
    }

    /// Letters about an invoice, counting those sent to its client about no invoice in
    /// particular once it had been issued.
    public func letters(for invoice: Invoice, in ledger: Ledger) -> LetterCount {
        letters(number: invoice.number, issued: invoice.issued, clientLetters: clientLetters[invoice.client] ?? [], in: ledger)
    }

    /// As `letters(for:in:)`, from the fields it reads and the client's letters looked up once.
    func letters(number: String, issued: Day, clientLetters: [Int], in ledger: Ledger) -> LetterCount {
        var c = letters.isEmpty ? LetterCount() : letters[number] ?? LetterCount()
        for k in clientLetters {
            let date = ledger.letters[k].date
            guard date >= issued else { continue }
            c.count += 1
            if c.last == nil || date >= c.last! {
                c.last = date
                c.lastStage = ledger.letters[k].stage
            }
        }
        return c
    }

    /// The plan covering an invoice, if any: one naming it, else one for all the client owed.
    public func plan(for invoice: Invoice, in ledger: Ledger) -> PaymentPlan? {
        plan(number: invoice.number, currency: invoice.currency, issued: invoice.issued, clientPlan: clientPlans[invoice.client], in: ledger)
    }

    func plan(number: String, currency: Currency, issued: Day, clientPlan: Int?, in ledger: Ledger) -> PaymentPlan? {
        if !plans.isEmpty, let k = plans[number] { return ledger.plans[k] }
        if let k = clientPlan {
            let p = ledger.plans[k]
            if p.currency == currency && issued <= p.date { return p }
        }
        return nil
    }
}
