/// A promise to pay is made for a day on or after the note that records it (E411), a
/// promised amount says its currency where the client's could be either of two (W417), and
/// a currency written is one the client is set in or invoiced in (W420).
enum PromiseRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        // Each client's invoice currencies, worked out only if asked.
        var currencies: [Set<Currency>]?
        for k in l.notes.indices {
            guard let p = l.notes[k].promise else { continue }
            let note = l.notes[k]
            if p.by < note.date {
                d.append(Diagnostic(.E411, "the promise to pay by \(p.by) is dated before the note that records it (\(note.date))", at: l.files.word(1, ofLine: p.line, of: note.anchor), hint: "a promise looks forward: check the year or the month"))
            }
            // A currency written that the client is neither set in nor invoiced in is more
            // likely a slip than a promise of money nothing is owed in (W420).
            if let written = p.writtenCurrency, let client = l.clientIndex[note.client], l.clients[client].currency != written {
                if currencies == nil { currencies = invoiceCurrencies(l) }
                if !currencies![client].contains(written) {
                    d.append(Diagnostic(.W420, "the promise is in \(written.code), a currency '\(note.client)' is not invoiced in", at: l.files.word(2, ofLine: p.line, of: note.anchor), hint: "check the currency: letters and the agenda would await a payment in \(written.code)"))
                }
            }
            guard let amount = p.amount, p.writtenCurrency == nil, let client = l.clientIndex[note.client], l.clients[client].currency == nil else { continue }
            if currencies == nil { currencies = invoiceCurrencies(l) }
            guard currencies![client].count > 1 else { continue }
            // Read in the currency of the invoices it is about when they are in one; else in
            // none, its amount left out of the letters (3.9).
            let read = p.currency.isKnown
                ? "it is read as \(p.currency.code), the currency of the invoices it is about"
                : "its invoices by then are in several, so letters leave the amount out and a payment by \(p.by) towards the work it is about keeps it"
            let example = p.currency.isKnown ? p.currency : currencies![client].sorted().first!
            d.append(Diagnostic(
                .W417, "the promise of \(amount) names no currency, and '\(note.client)' is invoiced in more than one; \(read)",
                at: l.files.word(2, ofLine: p.line, of: note.anchor), hint: "write the currency after the amount, as in `promise \(p.by) \(amount) \(example.code)`, naming the one meant"))
        }
    }

    /// For each client (by its place), the currencies of its invoices: the resolver's account
    /// of them (`LedgerResolver.invoiceCurrencies`), without the days.
    static func invoiceCurrencies(_ l: Ledger) -> [Set<Currency>] {
        LedgerResolver.invoiceCurrencies(l.briefs, clients: l.clients.count).map { Set($0.map(\.currency)) }
    }
}
