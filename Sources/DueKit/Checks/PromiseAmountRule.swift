/// A promise of more than the client had open on the note's day (W430) is most often a payment
/// already made written down as a promise ("promise 540.00" three days after 540.00 came in):
/// the letters would then tell the client a payment of 540.00 never reached us, while only
/// 360.00 was owed. The payment of that very amount in the days before is named, as the likely
/// one meant.
enum PromiseAmountRule: LedgerRule {
    static let needsBalances = false
    /// How many days before the note a payment of the promised amount is named as the one meant.
    static let recentDays = 14

    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        // Most promises name no amount: only the clients of those that do are traced.
        let promises = l.notes.indices.filter { l.notes[$0].promise?.minor != nil }
        guard let last = promises.map({ l.notes[$0].date }).max() else { return }
        let clients = Set(promises.map { l.notes[$0].client })
        var invoices: [String: [Int]] = [:]
        for i in l.invoices.indices where clients.contains(l.invoices[i].client) && l.invoices[i].issued <= last {
            invoices[l.invoices[i].client, default: []].append(i)
        }
        var money: [String: [Payment]] = [:]
        for p in l.payments where clients.contains(p.client) && p.date <= last { money[p.client, default: []].append(p) }
        let history = BalanceEngine.openHistory(l, of: invoices.values.joined(), through: last)
        for k in promises {
            let n = l.notes[k], p = n.promise!, promised = p.minor!
            // A promise in a currency none of the client's invoices by then is in is W420's.
            let issued = (invoices[n.client] ?? []).filter { l.invoices[$0].currency == p.currency && l.invoices[$0].issued <= n.date }
            guard !issued.isEmpty else { continue }
            let open = openWhenPromised(n, p, invoices: issued, money: money[n.client] ?? [], history: history, ledger: l)
            guard promised > open else { continue }
            let meant = money[n.client]?.last { m in
                !m.isCredit && m.currency == p.currency && m.minor == promised && n.date.days(since: m.date) <= recentDays && !PromiseOutcome.came(m, after: n)
            }
            let payment = meant.map { ": did it mean the payment of \(MoneyFormat.format(promised, precision: p.currency.precision)) on \($0.date)?" } ?? ""
            d.append(Diagnostic(.W430, "this promise of \(Money(minor: promised, currency: p.currency)) is more than the \(Money(minor: open, currency: p.currency)) \(n.client) had open on \(n.date)\(payment)",
                                at: l.files.word(2, ofLine: p.line, of: n.anchor),
                                hint: "lower the amount to what the client promised, or take out the `promise` line if it records a payment already made"))
        }
    }

    /// What `issued`, the client's invoices in the promise's currency by the note's day, had
    /// open when it was made: at the end of that day, with the money written below the note
    /// that day added back, as it came after the promise (`PromiseOutcome.came`).
    static func openWhenPromised(_ n: ClientNote, _ p: Promise, invoices issued: [Int], money: [Payment], history: OpenHistory, ledger l: Ledger) -> Int64 {
        let open = issued.reduce(Int64(0)) { $0 + history.open($1, endOf: n.date) }
        return money.reduce(open) { sum, m in m.date == n.date && m.currency == p.currency && PromiseOutcome.came(m, after: n) ? sum + m.minor : sum }
    }
}
