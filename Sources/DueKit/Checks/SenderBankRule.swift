/// Letters give the bank details for their own currency, never another's. When the sender
/// states bank details but none fit a currency a client is invoiced in and may pay by bank
/// transfer, letters in that currency will give none (W416).
enum SenderBankRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        guard let sender = l.sender, !sender.banks.isEmpty else { return }
        var seen: Set<Currency> = []
        for inv in l.invoices where inv.currency.isKnown && !seen.contains(inv.currency) {
            guard sender.bank(for: inv.currency, fileCurrency: l.settings.currency) == nil else {
                seen.insert(inv.currency)
                continue
            }
            guard l.client(inv.client)?.mayPayByTransfer ?? true else { continue }
            seen.insert(inv.currency)
            let code = inv.currency.code
            d.append(Diagnostic(.W416, "the sender gives no bank details for \(code), the currency of invoice \(inv.number) of '\(inv.client)'", at: sender.banks[0].range, hint: "add a line `bank \(code) …` to `sender` (e.g. `bank EUR IBAN … BIC …`); until then letters in \(code) give no bank details", notes: [DiagnosticNote("invoice \(inv.number) is in \(code)", at: inv.numberRange(in: l.files))]))
        }
    }
}
