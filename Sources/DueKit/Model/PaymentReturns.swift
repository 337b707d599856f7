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
    /// keeps the payment as it was and the invoices its money had gone to, as the books stood
    /// the day before it came back (the last of its round, below), for the letter that explains
    /// it, the report page's timeline and the exports. A command calls this once it knows its
    /// date.
    public mutating func takeOutReturnedPayments(by day: Day) {
        let due = returns.indices.filter { returns[$0].counts && !returns[$0].takenOut && returns[$0].date <= day }
        // Round by round, those that came back earlier already out: a cheque paying what an
        // earlier one that bounced had paid met that money again, where the books with the
        // earlier cheque still in would have it close the invoice. Money never passes between
        // clients, so each client's first return makes the first round, its second the next,
        // and one run of the books (the day before the last of a round came back) serves a
        // round: a run for each day of a return cost a ledger with many of them a run each.
        var rounds: [[Int]] = []
        var count: [String: Int] = [:]
        for k in due.sorted(by: { (returns[$0].date, $0) < (returns[$1].date, $1) }) {
            let round = count[returns[k].paid!.client, default: 0]
            count[returns[k].paid!.client] = round + 1
            if round == rounds.count { rounds.append([]) }
            rounds[round].append(k)
        }
        for round in rounds {
            let eve = round.map { returns[$0].date }.max()!.adding(days: -1)
            let before = BalanceEngine.balances(self, asOf: eve)
            var gone = Set<EntryAnchor>()
            for k in round {
                returns[k].reopened = LetterFields.invoicesPaid(by: returns[k].paid!, ledger: self, sheet: before)
                returns[k].leftOpen = sharesLeftOpen(returns[k], before: before, on: eve)
                returns[k].takenOut = true
                gone.insert(returns[k].payment)
            }
            payments.removeAll { gone.contains($0.anchor) }
        }
    }

    /// What `back` had paid of each invoice it did not close: the books of `day` (`before`)
    /// against the same books without it. Worked out only when such an invoice is among those
    /// it paid, which a return that closed its invoices (the common case) does not ask for.
    private func sharesLeftOpen(_ back: PaymentReturn, before: BalanceSheet, on day: Day) -> [String: Int64] {
        guard let p = back.paid else { return [:] }
        let stillOpen = invoices.indices.filter { i in
            invoices[i].client == p.client && back.reopened.contains(invoices[i].number) && before.invoices[i].open > 0
        }
        guard !stillOpen.isEmpty else { return [:] }
        var without = self
        without.payments.removeAll { $0.anchor == back.payment }
        let unpaid = BalanceEngine.balances(without, asOf: day)
        var shares: [String: Int64] = [:]
        for i in stillOpen where unpaid.invoices[i].open > before.invoices[i].open {
            shares[invoices[i].number] = unpaid.invoices[i].open - before.invoices[i].open
        }
        return shares
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
        }
        return stood
    }
}
