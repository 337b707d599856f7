/// An invoice's due date, as the resolver computed it, is one it can have: not before the issue
/// date (E305), not past the last day a date can name (E312), and after any early-payment
/// discount window (E306).
enum DueDateRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout [Diagnostic]) {
        let l = c.ledger
        /// The `terms` line the invoice's terms come from: its own, else its client's.
        func termsRange(_ k: Int) -> SourceRange {
            l.files.detail(.terms, of: l.invoices[k].anchor) ?? l.clientIndex[l.invoices[k].client].flatMap { l.files.detail(.terms, of: l.clients[$0].anchor) } ?? l.files.header(l.invoices[k].anchor)
        }
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
            if let window = l.invoices[k].effectiveTerms.discountDays {
                let netDays = due.days(since: issued)
                if window > netDays {
                    d.append(Diagnostic(.E306, "the discount window (\(window) days) is longer than the time to pay (\(netDays) days)", at: termsRange(k), hint: "in `2/10 net 30` the 10 must not exceed the 30"))
                }
            }
        }
    }
}
