/// A `balance` assertion that does not hold at the end of its day (E405): asserted, actual and
/// the difference, with the entries behind the balance (an invoice's movements, or a client's
/// open invoices and credit on account). A client whose balance is not known
/// (`CheckContext.owingUnknown`) is not said to owe another sum.
enum BalanceAssertionRule: LedgerRule {
    /// Open invoices listed for a client before the rest are counted.
    static let shownInvoices = 12

    static func check(_ c: CheckContext, into d: inout Findings) {
        for fact in c.sheet.facts {
            guard case .assertionFailed(let k, let actual, let movements, let open, let credit) = fact else { continue }
            let a = c.ledger.assertions[k]
            if a.invoice == nil && c.owingUnknown(a.client, resolved: nil) { continue }
            func fmt(_ v: Int64) -> String { MoneyFormat.format(v, precision: a.currency.precision) }
            let owner = a.invoice.map { "invoice \($0)" } ?? "'\(a.client)'"
            var notes: [DiagnosticNote]
            if a.invoice != nil {
                notes = movements.map { DiagnosticNote("\($0.date) \($0.kind.words) \(fmt($0.amount))", at: c.ledger.files.header($0.anchor)) }
            } else {
                notes = open.map { x in
                    let inv = c.ledger.invoices[x.invoice]
                    return DiagnosticNote("invoice \(inv.number) of \(inv.issued) has \(fmt(x.open)) open", at: inv.numberRange(in: c.ledger.files))
                }
                if credit > 0 { notes.append(DiagnosticNote("credit on account: \(fmt(credit))", at: .none)) }
                if notes.count > shownInvoices {
                    let more = notes.count - shownInvoices
                    notes = Array(notes.prefix(shownInvoices)) + [DiagnosticNote("and \(more) more open invoices", at: .none)]
                }
            }
            d.append(Diagnostic(.E405, "\(owner) owes \(fmt(actual)) \(a.currency.code) at the end of \(a.date), not \(fmt(a.minor)) as asserted (difference \(fmt(actual - a.minor)))", at: a.amountRange(in: c.ledger.files), hint: "asserted \(fmt(a.minor)), actual \(fmt(actual)), difference \(fmt(actual - a.minor))", notes: notes))
        }
    }
}
