/// Money moves in one currency: a payment, credit, refund, plan or balance assertion is in the currency
/// of its client (its own, else the settings' or one of its invoices') and of the invoices it
/// names (E307). Payments against the invoices they apply
/// to are checked by `InvoiceReferenceRule`; invoices against their client, and items, totals
/// and write-offs against their invoice, by `InvoiceCurrencyRule` (E304).
enum CurrencyRule: LedgerRule {
    static let needsBalances = false
    /// The currency a client pays in that `written` (the currency written on one of its
    /// entries) is not: the client's own `currency`; for a client with none, the settings'
    /// `currency`, unless one of its invoices is in `written` (a client invoiced in several
    /// currencies names none, and its invoices say which; nor while one of its invoices is left
    /// out for figures in another currency). `own`: whether the client names
    /// it. nil when the client pays in `written`, or no currency is set to pay in.
    /// `resolved`: the client the resolver found for the entry.
    static func conflict(_ written: Currency?, _ client: String, resolved: Int32?, _ c: CheckContext) -> (paysIn: Currency, own: Bool)? {
        guard let w = written, let k = c.client(client, resolved: resolved) else { return nil }
        if let cc = c.ledger.clients[k].currency { return w == cc ? nil : (cc, true) }
        // An invoice whose figures are in another currency than its own (E304) may be the one
        // this money is for: which currencies the client pays in is not known.
        guard let settled = c.ledger.settings.currency, w != settled, !c.invoicedApart.contains(.init(client: Int32(k), currency: w)),
              c.otherCurrencyClients.isEmpty || !c.otherCurrencyClients.contains(c.ledger.clients[k].id) else { return nil }
        return (settled, false)
    }

    /// Whether `written` is a currency the client does not pay in (`conflict`).
    static func conflictsWithClient(_ written: Currency?, _ client: String, resolved: Int32?, _ c: CheckContext) -> Bool {
        conflict(written, client, resolved: resolved, c) != nil
    }

    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger

        /// A currency written on the entry that the client does not pay in. `resolved`: the
        /// client the resolver found for the entry, where it records one.
        @discardableResult
        func againstClient(_ written: Currency?, _ client: String, resolved: Int32? = nil, _ what: @autoclosure () -> String, _ range: @autoclosure () -> SourceRange) -> Bool {
            guard let w = written, let (cc, own) = conflict(w, client, resolved: resolved, c) else { return false }
            let hint = own ? "write the amount in \(cc.code), or change the client's currency"
                : "the client names no currency, so it pays in the settings' \(cc.code), and none of its invoices is in \(w.code): write the amount in \(cc.code), or write `currency \(w.code)` on the client or on the invoices it pays"
            d.append(Diagnostic(.E307, "\(what()) is in \(w.code) but client '\(client)' pays in \(cc.code)", at: range(), hint: hint))
            return true
        }

        func againstInvoice(_ cur: Currency, _ number: String, _ what: @autoclosure () -> String, _ range: @autoclosure () -> SourceRange) {
            guard cur.isKnown, let i = c.ids.invoices.index(number) else { return }
            let inv = l.invoices[i]
            guard inv.currency != cur, inv.currency.isKnown else { return }
            d.append(Diagnostic(.E307, "\(what()) is in \(cur.code) but invoice \(number) is in \(inv.currency.code)", at: range(), hint: "money in one currency never pays an invoice in another; record it in \(inv.currency.code)", notes: [DiagnosticNote("invoice \(number) is here", at: inv.numberRange(in: l.files))]))
        }

        // By index: a copy of each payment would retain all of its strings.
        for k in l.payments.indices where l.payments[k].writtenCurrency != nil {
            againstClient(l.payments[k].writtenCurrency, l.payments[k].client, resolved: l.payments[k].clientNumber, l.payments[k].isCredit ? "this credit" : "this payment", l.files.word(4, of: l.payments[k].anchor))
        }
        for r in l.refunds {
            againstClient(r.writtenCurrency, r.client, "this refund", l.files.word(4, of: r.anchor))
        }
        for p in l.plans {
            if againstClient(p.writtenCurrency, p.client, "this plan", l.files.word(4, of: p.anchor)) { continue }
            for (k, number) in p.invoices.enumerated() { againstInvoice(p.currency, number, "this plan", p.invoiceRanges(in: l.files)[k]) }
        }
        for a in l.assertions {
            if let number = a.invoice {
                if a.writtenCurrency != nil { againstInvoice(a.currency, number, "this balance assertion", a.currencyRange(in: l.files)) }
            } else {
                againstClient(a.writtenCurrency, a.client, "this balance assertion", a.currencyRange(in: l.files))
            }
        }
    }
}
