/// A formal demand prints interest and compensation and what they add up to with what is open.
/// When those figures could not be represented (a huge rate over centuries, or thousands of
/// large claims of one client), the invoice that passes the limit is an error (E309), so no
/// letter, agenda or report ever has to count them.
enum LateClaimRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout [Diagnostic]) {
        let l = c.ledger
        // The checker's balances may run past the as-of date; then an invoice's total bounds
        // what it had open on that date, and one settled by then owes nothing.
        let exact = c.sheet.asOf == c.asOf
        func open(_ i: Int) -> Int64 {
            let b = c.sheet.invoices[i]
            if exact { return b.open }
            if let settled = b.settled, settled <= c.asOf { return 0 }
            return l.invoices[i].total
        }
        // Clients whose terms claim interest or compensation, so an invoice without its own is
        // placed by one lookup, not a copy of it and of its client (every string retained).
        var claiming: Set<String> = []
        for (k, client) in l.clients.enumerated() where client.interest != nil || client.compensation != nil {
            if l.clientIndex[client.id] == k { claiming.insert(client.id) }
        }
        var byClient: [String: [Int]] = [:]
        for i in l.invoices.indices where !l.invoices[i].isDuplicate && l.invoices[i].issued <= c.asOf && c.sheet.invoices[i].issued {
            let own = l.invoices[i].interest != nil || l.invoices[i].compensation != nil
            guard own || (!claiming.isEmpty && claiming.contains(l.invoices[i].client)) else { continue }
            byClient[l.invoices[i].client, default: []].append(i)
        }
        for (_, invoices) in byClient {
            do { _ = try LateClaim(invoices: invoices.filter { open($0) > 0 }, ledger: l, asOf: c.asOf, open: open) } catch {
                let inv = l.invoices[error.invoice]
                let limit = MoneyFormat.format(LedgerResolver.maxCurrencyTotal, precision: error.currency.precision)
                let at = l.files.detail(.interest, of: inv.anchor) ?? l.files.detail(.compensation, of: inv.anchor) ?? inv.numberRange(in: l.files)
                d.append(Diagnostic(.E309, "the interest and compensation on invoice \(inv.number), \(error.days) days late on \(c.asOf), bring what '\(inv.client)' would be asked for in \(error.currency.code) past the largest total due handles (\(limit))", at: at, hint: "check the rate, the compensation and the dates; due cannot write a formal demand for this"))
            }
        }
    }
}
