/// A promise to pay is made for a day on or after the note that records it (E411), a
/// promised amount says its currency where the client's could be either of two (W417), and
/// a currency written is one the client is set in or invoiced in (W420).
enum PromiseRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        // Each client's invoice currencies, worked out only if asked.
        var currencies: [Set<Currency>]?
        // Promises of an amount with no currency, by a client invoiced in several (W417).
        var unsaid: [Int] = []
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
            guard p.amount != nil, p.writtenCurrency == nil, let client = l.clientIndex[note.client], l.clients[client].currency == nil else { continue }
            if currencies == nil { currencies = invoiceCurrencies(l) }
            guard currencies![client].count > 1 else { continue }
            unsaid.append(k)
        }
        guard !unsaid.isEmpty else { return }
        // Which currency was meant is told by what the client had open when they promised:
        // only the clients of these promises are traced, to the last of them.
        let clients = Set(unsaid.map { l.notes[$0].client })
        let last = unsaid.map { l.notes[$0].date }.max()!
        var invoices: [String: [Int]] = [:]
        for i in l.invoices.indices where clients.contains(l.invoices[i].client) && l.invoices[i].issued <= last {
            invoices[l.invoices[i].client, default: []].append(i)
        }
        let history = BalanceEngine.openHistory(l, of: invoices.values.joined(), through: last)
        for k in unsaid {
            let note = l.notes[k], p = note.promise!, client = l.clientIndex[note.client]!
            let place = l.files.word(2, ofLine: p.line, of: note.anchor)
            // The amount as the user wrote it (`1,950.00`), in the message and the line suggested.
            let written = String(decoding: l.files.bytes(place), as: UTF8.self)
            let amount = written.isEmpty ? "\(p.amount!)" : written
            let issued = (invoices[note.client] ?? []).filter { l.invoices[$0].issued <= note.date }
            let matching = matchingOpen(p.amount!, invoices: issued, on: note.date, history: history, ledger: l)
            // Read in the currency of the invoices it is about when they are in one; else in
            // none, its amount left out of the letters (3.9).
            let read = p.currency.isKnown
                ? "it is read as \(p.currency.code), the currency of the invoices it is about"
                : "its invoices by then are in several, so letters leave the amount out and a payment by \(p.by) towards the work it is about keeps it"
            let suggested: [Currency]
            var why = ""
            if matching.count == 1, let match = matching.first {
                suggested = [match.currency]
                let open = Money(minor: p.amount!.minorUnits(precision: match.currency.precision)!, currency: match.currency)
                why = match.invoice.map { " (\($0) had \(open) open that day)" } ?? " (\(open) was open that day)"
            } else if p.currency.isKnown {
                suggested = [p.currency]
            } else {
                // Each currency it could be in, as read (3.9): the invoices' by then, or all of them.
                suggested = (issued.isEmpty ? currencies![client] : Set(issued.map { l.invoices[$0].currency })).sorted()
            }
            let lines = suggested.map { "`promise \(p.by) \(amount) \($0.code)`" }.joined(separator: " or ")
            d.append(Diagnostic(
                .W417, "the promise of \(amount) names no currency, and '\(note.client)' is invoiced in more than one; \(read)",
                at: place, hint: "write the currency after the amount, as in \(lines)\(why), naming the one meant"))
        }
    }

    /// The currencies in which `issued`, a client's invoices by the day of a promise, had
    /// `amount` open at the end of that day: one invoice's open amount (its number given), or
    /// all that was open in that currency. A promise of exactly what one invoice still owes is
    /// about that invoice, whatever the client's other currency.
    static func matchingOpen(_ amount: DecimalValue, invoices issued: [Int], on day: Day, history: OpenHistory, ledger l: Ledger) -> [(currency: Currency, invoice: String?)] {
        var each: [Currency: [(open: Int64, number: String)]] = [:]
        for i in issued {
            let owed = history.open(i, endOf: day)
            if owed > 0 { each[l.invoices[i].currency, default: []].append((owed, l.invoices[i].number)) }
        }
        return each.keys.sorted().compactMap { c in
            guard let minor = amount.minorUnits(precision: c.precision) else { return nil }
            if let one = each[c]!.first(where: { $0.open == minor }) { return (c, one.number) }
            return each[c]!.reduce(0) { $0 + $1.open } == minor ? (c, nil) : nil
        }
    }

    /// For each client (by its place), the currencies of its invoices: the resolver's account
    /// of them (`LedgerResolver.invoiceCurrencies`), without the days.
    static func invoiceCurrencies(_ l: Ledger) -> [Set<Currency>] {
        LedgerResolver.invoiceCurrencies(l.briefs, clients: l.clients.count).map { Set($0.map(\.currency)) }
    }
}
