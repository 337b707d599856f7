extension Ledger {
    /// Finds the payment of each `returned` line (the resolver's last step, once payments are
    /// resolved): the line keeps its payment's header, as an index would not survive the
    /// payments being joined from parts or taken out.
    mutating func linkReturns() {
        let wanted = Set(returns.map(\.payment))
        var found: [EntryAnchor: Payment] = [:]
        for p in payments where wanted.contains(p.anchor) { found[p.anchor] = p }
        for k in returns.indices { returns[k].paid = found[returns[k].payment] }
    }

    /// A returned payment is no payment (3.6): from the day it came back the ledger reads as if
    /// it had never been made, so balances, interest, the ladder, promises, plans and every
    /// "your payment of …" in a letter leave it out with one rule rather than each reader
    /// remembering to. Those returned on or before `day` are taken out of `payments`; each
    /// keeps the payment as it was and what its money had done, as the books stood the day
    /// before it came back, for the letter that explains it, the report page's timeline and
    /// the exports. A command calls this once it knows its date.
    public mutating func takeOutReturnedPayments(by day: Day) {
        let due = returns.indices.filter { returns[$0].counts && !returns[$0].takenOut && returns[$0].date <= day }
        guard !due.isEmpty else { return }
        // Round by round, those that came back earlier already out: a cheque paying what an
        // earlier one that bounced had paid met that money again, where the books with the
        // earlier cheque still in would have it close the invoice. Money never passes between
        // clients, so each client's first return makes the first round, its second the next,
        // and two runs of the books serve a round, each read on every return's own eve, of the
        // round's clients alone: a run of the whole books for each return cost a ledger with
        // many of them a run each.
        var rounds: [[Int]] = []
        var count: [String: Int] = [:]
        for k in due.sorted(by: { (returns[$0].date, $0) < (returns[$1].date, $1) }) {
            let round = count[returns[k].paid!.client, default: 0]
            count[returns[k].paid!.client] = round + 1
            if round == rounds.count { rounds.append([]) }
            rounds[round].append(k)
        }
        // A plan's letters ask which instalments the money had paid, from what the client's
        // invoices had open that day: kept for clients with a plan.
        let planned = Set(plans.map(\.client))
        var invoicesOf: [String: [Int]] = [:]
        if !planned.isEmpty {
            for i in invoices.indices where planned.contains(invoices[i].client) { invoicesOf[invoices[i].client, default: []].append(i) }
        }
        for round in rounds {
            let eves = Array(Set(round.map { returns[$0].date.adding(days: -1) })).sorted()
            let onEve = Dictionary(grouping: round) { k in eves.firstIndex(of: returns[k].date.adding(days: -1))! }
            // Only the round's clients' books are read: a client whose cheques came back month
            // after month makes as many rounds, each of its few entries.
            let clients = BalanceEngine.FewClients(clientsOf: round.map { returns[$0].paid! }, of: self)
            // The books of each eve with the payment in: where its money went, and what the
            // invoices it paid (and a planned client's) had open.
            var before: [Int: [Int: InvoiceBalance]] = [:]
            var reopened: [Int: [String]] = [:]
            BalanceEngine.look(self, at: eves, of: clients) { d, books in
                for k in onEve[d] ?? [] {
                    let p = returns[k].paid!
                    let applied = books.applied(p.order)
                    var seen: [Int: InvoiceBalance] = [:]
                    for i in allocations(of: p).compactMap({ $0.target.map(Int.init) }) + applied.map(\.invoice) + (invoicesOf[p.client] ?? []) {
                        seen[i] = books[invoice: i]
                    }
                    before[k] = seen
                    reopened[k] = LetterFields.invoicesPaid(by: p, ledger: self, applied: applied) { seen[$0]! }
                }
            }
            var gone = Set<EntryAnchor>()
            for k in round { gone.insert(returns[k].payment) }
            payments.removeAll { gone.contains($0.anchor) }
            // The same books without the round's payments (each client has one in it): what
            // each payment had paid is what its invoices have open again.
            var unpaid: [Int: [Int: Int64]] = [:]
            BalanceEngine.look(self, at: eves, of: clients) { d, books in
                for k in onEve[d] ?? [] {
                    var open: [Int: Int64] = [:]
                    for i in before[k]!.keys { open[i] = books[invoice: i].open }
                    unpaid[k] = open
                }
            }
            for k in round {
                let was = before[k]!, now = unpaid[k]!
                returns[k].reopened = reopened[k]!
                for n in reopened[k]! {
                    guard let i = invoiceIndex[n], invoices[i].client == returns[k].paid!.client, let b = was[i] else { continue }
                    let share = max(0, now[i]! - b.open)
                    returns[k].unpaidAgain[n] = share
                    if b.open > 0 && share > 0 { returns[k].leftOpen[n] = share }
                }
                for i in invoicesOf[returns[k].paid!.client] ?? [] where was[i]!.asked > 0 { returns[k].askedBefore[i] = was[i]!.asked }
                returns[k].takenOut = true
            }
        }
    }

    /// The same for every payment returned, whatever its date: for a command that works
    /// through every entry (an export without `--as-of`, `due sent`).
    public mutating func takeOutReturnedPayments() {
        if let last = returns.map(\.date).max() { takeOutReturnedPayments(by: last) }
    }

    /// The payments taken out as returned (`takeOutReturnedPayments`), in the order written.
    public var returnedPayments: [PaymentReturn] { returns.filter(\.takenOut) }

    /// The ledger as it stood on `day`, before a later return was known: the payments taken out
    /// as returned after `day` are put back in their places. A figure worked out for a day
    /// before the command's date (the report's month-ends) counts such a payment as paid, as
    /// it was then (3.6), where the ledger a command works on no longer holds it.
    public func asItStood(on day: Day) -> Ledger {
        let back = returns.indices.filter { returns[$0].takenOut && returns[$0].date > day }
        guard !back.isEmpty else { return self }
        var stood = self
        // Merged in one pass, in the order written: an insert for each would move every later
        // payment of a large ledger once per return.
        let putBack = back.map { returns[$0].paid! }.sorted { $0.order < $1.order }
        var merged: [Payment] = []
        merged.reserveCapacity(payments.count + putBack.count)
        var next = 0
        for p in payments {
            while next < putBack.count && putBack[next].order < p.order {
                merged.append(putBack[next])
                next += 1
            }
            merged.append(p)
        }
        merged.append(contentsOf: putBack[next...])
        stood.payments = merged
        for k in back {
            stood.returns[k].takenOut = false
            stood.returns[k].reopened = []
            stood.returns[k].leftOpen = [:]
            stood.returns[k].unpaidAgain = [:]
            stood.returns[k].askedBefore = [:]
        }
        return stood
    }
}
