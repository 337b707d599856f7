import Foundation

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
        // clients, so each client's first return makes the first round, its second the next.
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
        var place: [Int: Int32] = [:]
        for k in due { place[k] = Int32(self.place(of: returns[k].paid!)) }
        // The clients dealt into a group per core, each group's books read apart and the
        // groups side by side; the entries of each picked out of the ledger once.
        let clients = BalanceEngine.FewClients(clientsOf: rounds[0].map { returns[$0].paid! }, of: self, groups: min(rounds[0].count, ProcessInfo.processInfo.activeProcessorCount))
        let entries = BalanceEngine.Picked.grouped(self, by: clients)
        let ledger = self, disputes = DisputeHistory(self)
        let traces = SideBySide.map(clients.groups, lanes: clients.groups) { [rounds, place, invoicesOf, disputes] g in
            let mine = rounds.map { round in
                round.filter { k in clients.group(ledger.returns[k].paid!.clientNumber) { ledger.returns[k].paid!.client } == g }
            }
            return ledger.traceReturns(mine.filter { !$0.isEmpty }, in: entries[g], disputes: disputes, place: place, invoicesOf: invoicesOf)
        }
        for t in traces {
            for (k, found) in t {
                returns[k].reopened = found.reopened
                returns[k].unpaidAgain = found.unpaidAgain
                returns[k].leftOpen = found.leftOpen
                returns[k].askedBefore = found.askedBefore
                returns[k].takenOut = true
            }
        }
        removePayments(at: due.map { Int(place[$0]!) })
    }

    /// What the books said of each return of `rounds` (the rounds of one group of clients,
    /// whose entries are `entries`), on the eve of its day: the invoices its payment had paid,
    /// and what of each it had paid, from what those invoices had open with the payment in and
    /// with it out. One run of the books a round, and one more: the run that leaves out the
    /// payments of the rounds before round `j` reads round `j`'s returns with their payments
    /// in and round `j - 1`'s with theirs out, over round `j - 1`'s clients, of whom round
    /// `j`'s are some.
    private func traceReturns(_ rounds: [[Int]], in entries: BalanceEngine.Picked, disputes: DisputeHistory, place: [Int: Int32], invoicesOf: [String: [Int]]) -> [Int: ReturnFound] {
        var found: [Int: ReturnFound] = [:]
        // Each return's invoices as they stood with its payment in, until read with it out.
        var before: [Int: [Int: InvoiceBalance]] = [:]
        var entries = entries
        for j in 0...rounds.count {
            if j > 0 {
                if j > 1 { entries = entries.narrowed(to: BalanceEngine.FewClients(clientsOf: rounds[j - 1].map { returns[$0].paid! }, of: self), of: self) }
                entries = entries.leaving(out: Set(rounds[j - 1].map { place[$0]! }))
            }
            let reading = j < rounds.count ? rounds[j] : [], undoing = j > 0 ? rounds[j - 1] : []
            func eve(_ k: Int) -> Day { returns[k].date.adding(days: -1) }
            let eves = Array(Set((reading + undoing).map(eve))).sorted()
            let at = Dictionary(uniqueKeysWithValues: eves.enumerated().map { ($1, $0) })
            let readOn = Dictionary(grouping: reading) { at[eve($0)]! }, undoOn = Dictionary(grouping: undoing) { at[eve($0)]! }
            BalanceEngine.look(self, at: eves, of: entries, disputes: disputes) { d, books in
                for k in readOn[d] ?? [] {
                    let p = returns[k].paid!
                    let applied = books.applied(p.order)
                    var seen: [Int: InvoiceBalance] = [:]
                    for i in allocations(of: p).compactMap({ $0.target.map(Int.init) }) + applied.map(\.invoice) + (invoicesOf[p.client] ?? []) {
                        seen[i] = books[invoice: i]
                    }
                    before[k] = seen
                    found[k] = ReturnFound(reopened: LetterFields.invoicesPaid(by: p, ledger: self, applied: applied) { seen[$0]! })
                }
                for k in undoOn[d] ?? [] {
                    let was = before.removeValue(forKey: k)!
                    let client = returns[k].paid!.client
                    for n in found[k]!.reopened {
                        guard let i = invoiceIndex[n], invoices[i].client == client, let b = was[i] else { continue }
                        let share = max(0, books[invoice: i].open - b.open)
                        found[k]!.unpaidAgain[n] = share
                        if b.open > 0 && share > 0 { found[k]!.leftOpen[n] = share }
                    }
                    for i in invoicesOf[client] ?? [] where was[i]!.asked > 0 { found[k]!.askedBefore[i] = was[i]!.asked }
                }
            }
        }
        return found
    }

    /// Where payment `p` stands in `payments`, which are in the order written.
    private func place(of p: Payment) -> Int {
        let k = payments.partitionPoint { $0.order < p.order }
        if k < payments.count && payments[k].anchor == p.anchor { return k }
        return payments.firstIndex { $0.anchor == p.anchor }!
    }

    /// Takes the payments at `places` out in one pass, the rest keeping their order.
    private mutating func removePayments(at places: [Int]) {
        let gone = places.sorted()
        guard let first = gone.first else { return }
        var write = first, next = 0
        for read in first..<payments.count {
            if next < gone.count && gone[next] == read {
                next += 1
                continue
            }
            payments.swapAt(write, read)
            write += 1
        }
        payments.removeLast(payments.count - write)
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

/// What the books said of a returned payment's money on the eve of its return
/// (`Ledger.traceReturns`): what `PaymentReturn` keeps of it.
private struct ReturnFound: Sendable {
    var reopened: [String]
    var unpaidAgain: [String: Int64] = [:]
    var leftOpen: [String: Int64] = [:]
    var askedBefore: [Int: Int64] = [:]
}
