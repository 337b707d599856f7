/// A write-off of more than its invoice had open on its date (E406), as the balance engine met
/// it; the engine wrote off only what was open.
enum WriteOffRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        for fact in c.sheet.facts {
            guard case .writeOffBeyondOpen(let w, let i, let amount, let open) = fact else { continue }
            let entry = c.ledger.writeOffs[w]
            let precision = c.ledger.invoices[i].currency.precision
            func fmt(_ v: Int64) -> String { MoneyFormat.format(v, precision: precision) }
            d.append(Diagnostic(.E406, "the write-off of \(fmt(amount)) is more than invoice \(entry.invoice) has open on \(entry.date) (\(fmt(open)))", at: c.ledger.files.amountWord(in: c.ledger.files.header(entry.anchor))))
        }
    }
}
