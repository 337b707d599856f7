/// A formal demand prints interest and compensation and what they add up to with what is open.
/// When those figures could not be represented (a huge rate over centuries, or thousands of
/// large claims of one client), the invoice that passes the limit is an error (E309), so no
/// letter, agenda or report ever has to count them.
enum LateClaimRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        // The checker's balances may run past the as-of date; then an invoice's total bounds
        // what it had open on that date, and one settled by then owes nothing.
        let exact = c.sheet.asOf == c.asOf
        func open(_ i: Int) -> Int64 {
            let b = c.sheet.invoices[i]
            // As a letter asks for it: a loss written off is still claimed (3.8) while the
            // invoice has something open in the books; one with nothing open (written off in
            // full as a loss) has left the letters, and no demand will claim on it.
            if exact { return b.asked }
            if let settled = b.settled, settled <= c.asOf { return 0 }
            return l.invoices[i].total
        }
        // Clients whose terms claim interest or compensation, by the number the resolver gave
        // each invoice's client: an invoice is placed without hashing its client's id, and
        // without a copy of it or of its client (every string retained).
        let claiming = l.clients.map { $0.interest != nil || $0.compensation != nil }
        var byClient = [[Int]](repeating: [], count: l.clients.count)
        // An invoice of a client never defined can still claim on its own terms.
        var byUnknownClient: [String: [Int]] = [:]
        for i in l.invoices.indices where !l.invoices[i].isDuplicate && l.invoices[i].issued <= c.asOf && c.sheet.invoices[i].issued {
            let own = l.invoices[i].interest != nil || l.invoices[i].compensation != nil
            if let k = l.invoices[i].clientNumber.map(Int.init) {
                if own || claiming[k] { byClient[k].append(i) }
            } else if own {
                byUnknownClient[l.invoices[i].client, default: []].append(i)
            }
        }
        for invoices in byClient + Array(byUnknownClient.values) where !invoices.isEmpty {
            // Interest runs on what was unpaid each day, never more than the invoice's total:
            // counted on the total, the claim is a bound of any letter's.
            do { _ = try LateClaim(invoices: invoices.filter { open($0) > 0 }, ledger: l, asOf: c.asOf, open: open, interestOn: { l.invoices[$0].total }) } catch {
                let inv = l.invoices[error.invoice]
                let limit = MoneyFormat.format(LedgerResolver.maxCurrencyTotal, precision: error.currency.precision)
                let at = l.files.detail(.interest, of: inv.anchor) ?? l.files.detail(.compensation, of: inv.anchor) ?? inv.numberRange(in: l.files)
                d.append(Diagnostic(.E309, "the interest and compensation on invoice \(inv.number), \(error.days) days late on \(c.asOf), bring what '\(inv.client)' would be asked for in \(error.currency.code) past the largest total due handles (\(limit))", at: at, hint: "check the rate, the compensation and the dates; due cannot write a formal demand for this"))
            }
        }
    }
}
