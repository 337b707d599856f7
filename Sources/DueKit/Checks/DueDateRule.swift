/// An invoice's due date, as the resolver computed it, is one it can have: not before the issue
/// date (E305), not past the last day a date can name (E312), and after any early-payment
/// discount window (E306).
enum DueDateRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        /// The `terms` line the invoice's terms come from: its own, else its client's.
        func termsRange(_ k: Int) -> SourceRange {
            l.files.detail(.terms, of: l.invoices[k].anchor) ?? l.clientIndex[l.invoices[k].client].flatMap { l.files.detail(.terms, of: l.clients[$0].anchor) } ?? l.files.header(l.invoices[k].anchor)
        }
        /// Clients whose own `terms` give a discount that outlasts the time to pay: the first
        /// such invoice and how many there are, to name the client's line once.
        var clientTerms: [Int: (invoice: Int, count: Int)] = [:]
        // By index, reading a few fields: a copy of each invoice would retain all its strings.
        for k in l.invoices.indices {
            let issued = l.invoices[k].issued, due = l.invoices[k].due, explicitDue = l.invoices[k].explicitDue
            if explicitDue == nil && due > Day.last {
                let inv = l.invoices[k]
                d.append(Diagnostic(.E312, "invoice \(inv.number) issued on \(issued) would fall due after \(Day.last) under terms '\(inv.effectiveTerms)'", at: termsRange(k), hint: "a due date needs a four-digit year: check the issue date, or write `due` with the date meant"))
            }
            if let due = explicitDue, due < issued {
                let inv = l.invoices[k]
                d.append(Diagnostic(.E305, "invoice \(inv.number) falls due on \(due), before it was issued on \(issued)", at: l.files.detail(.due, of: inv.anchor) ?? l.files.header(inv.anchor), hint: "the due date must be on or after the issue date"))
            }
            guard let window = l.invoices[k].effectiveTerms.discountDays, window > due.days(since: issued) else { continue }
            let inv = l.invoices[k]
            if inv.explicitDue != nil {
                // The `due` line, not the terms, cuts the window short.
                d.append(Diagnostic(.E306, "invoice \(inv.number) falls due \(toPay(inv)), inside the \(window)-day discount window of its terms '\(inv.effectiveTerms)'", at: l.files.detail(.due, of: inv.anchor) ?? l.files.header(inv.anchor), hint: "a discount is for paying early, so it must end by the due date: give the invoice `terms` without a discount, or a `due` date at least \(window) days after issue"))
            } else if let own = l.files.detail(.terms, of: inv.anchor) {
                d.append(Diagnostic(.E306, windowMessage(inv, window: window, others: 0), at: own, hint: shortenHint))
            } else if let client = l.clientIndex[inv.client], l.files.detail(.terms, of: l.clients[client].anchor) != nil {
                clientTerms[client, default: (k, 0)].count += 1
            } else {
                d.append(Diagnostic(.E306, windowMessage(inv, window: window, others: 0), at: l.files.header(inv.anchor), hint: shortenHint))
            }
        }
        // A client's terms that do it to many invoices are one mistake, named once.
        for (client, found) in clientTerms.sorted(by: { $0.value.invoice < $1.value.invoice }) {
            let inv = l.invoices[found.invoice]
            let line = l.files.detail(.terms, of: l.clients[client].anchor) ?? l.files.header(l.clients[client].anchor)
            d.append(Diagnostic(.E306, windowMessage(inv, window: inv.effectiveTerms.discountDays ?? 0, others: found.count - 1), at: line, hint: shortenHint))
        }
    }

    static let shortenHint = "a discount is for paying early, so it must end by the due date: shorten the discount days or lengthen the net days"

    /// "8 days after issue (2026-03-02 to 2026-03-10)".
    static func toPay(_ inv: Invoice) -> String {
        let days = inv.due.days(since: inv.issued)
        return "\(days) day\(days == 1 ? "" : "s") after issue (\(inv.issued) to \(inv.due))"
    }

    static func windowMessage(_ inv: Invoice, window: Int, others: Int) -> String {
        let more = others == 0 ? "" : " (and \(others) other\(others == 1 ? "" : "s"))"
        return "the discount window of '\(inv.effectiveTerms)' (\(window) days) is longer than the time to pay invoice \(inv.number)\(more): \(inv.number) falls due \(toPay(inv))"
    }
}
