/// One invoice, one currency: its items, total and write-offs are in the invoice's currency, and
/// the invoice in its client's (E304); and every client's money has a currency from somewhere,
/// its own entries, the client or the settings (E308, once per client). Money that pays an
/// invoice is `CurrencyRule`'s concern.
enum InvoiceCurrencyRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        for fact in c.ledger.facts {
            switch fact {
            case .currencyDiffersFromInvoice(let what, let written, let expected, let range):
                d.append(Diagnostic(.E304, "\(what) is in \(written.code) but the invoice is in \(expected.code)", at: c.ledger.files.currencyWord(in: range), hint: "one invoice has one currency: if it is in \(written.code), give the invoice a `currency \(written.code)` line; if not, write \(expected.code) here"))
            case .invoiceCurrencyDiffersFromClient(let number, let written, let client, let clientCurrency, let range):
                d.append(Diagnostic(.E304, "invoice \(number) is in \(written.code) but client '\(client)' pays in \(clientCurrency.code)", at: c.ledger.files.currencyWord(in: range), hint: "change the client's currency or the invoice's"))
            case .noCurrency(let client, let figures, let range):
                // A client not defined is the mistake (E203): it has no currency as it has no
                // entry, and what to add is the client, or the right id.
                if c.ids.clients.index(client) == nil { continue }
                // A currency written after an amount is that amount's, not its invoice's (§2).
                let hint = figures.map { "the figures are written in \($0.code), but that makes them no invoice's currency: add `currency \($0.code)` to the invoice, to the client or to the settings" }
                    ?? "add `currency GBP` (or another code) to the client or to the settings"
                d.append(Diagnostic(.E308, "no currency is known for client '\(client)'", at: range, hint: hint))
            default:
                continue
            }
        }
    }
}
