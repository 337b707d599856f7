/// A write-off of more than its invoice had open on its date (E406), as the balance engine met
/// it; the engine did not count it (a failed balance assertion names it, E405). One naming no amount, on an invoice with nothing
/// open that day, writes off nothing: likely a wrong invoice number (W422).
enum WriteOffRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        for fact in c.sheet.facts {
            if case .writeOffOfNothing(let w, let i, let settled) = fact {
                let entry = c.ledger.writeOffs[w], invoice = c.ledger.invoices[i]
                // Its figures are in another currency (E304): it is given no money to judge by.
                if invoice.figuresInOtherCurrency { continue }
                let when = settled.map { " (settled on \($0))" } ?? ""
                d.append(Diagnostic(.W422, "invoice \(entry.invoice) has nothing open on \(entry.date)\(when): this write-off writes off nothing", at: entry.invoiceRange(in: c.ledger.files),
                                    hint: "a write-off without an amount writes off what its invoice has open; check the invoice number"))
                continue
            }
            guard case .writeOffBeyondOpen(let w, let i, let amount, let open) = fact else { continue }
            let entry = c.ledger.writeOffs[w]
            let precision = c.ledger.invoices[i].currency.precision
            func fmt(_ v: Int64) -> String { MoneyFormat.format(v, precision: precision) }
            d.append(Diagnostic(.E406, "the write-off of \(fmt(amount)) is more than invoice \(entry.invoice) has open on \(entry.date) (\(fmt(open))): it is not counted", at: c.ledger.files.amountWord(in: c.ledger.files.header(entry.anchor)),
                                hint: open > 0 ? "write the amount still open (\(fmt(open))), or none to write off all of it; or check the invoice number" : "nothing is open on it that day: check the invoice number, or remove the write-off"))
        }
    }
}
