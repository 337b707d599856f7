/// A refund of more than its client held on account, in its currency, on its day (E423), as
/// the balance engine met it; the engine did not count it. A refund pays back money held on
/// account and nothing else: more than that is a mistake in the amount, the currency or the
/// client.
enum RefundRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        for fact in c.sheet.facts {
            guard case .refundBeyondHeld(let k, let amount, let held, let elsewhere) = fact else { continue }
            let r = l.refunds[k]
            // What the client holds is not known (E203, an invoice left out), or the refund is
            // in a currency the client does not pay in (E307): that one mistake says enough.
            if c.owingUnknown(r.client, resolved: nil) || CurrencyRule.conflictsWithClient(r.writtenCurrency, r.client, resolved: nil, c) { continue }
            func fmt(_ v: Int64) -> String { MoneyFormat.format(v, precision: r.currency.precision) }
            let code = r.currency.code
            let message = held > 0
                ? "the refund of \(fmt(amount)) \(code) is more than '\(r.client)' holds on account on \(r.date) (\(fmt(held)) \(code)): it is not counted"
                : "'\(r.client)' holds nothing on account in \(code) on \(r.date) for this refund to pay back: it is not counted"
            let others = elsewhere.map { MoneyFormat.format($0.amount, precision: $0.currency.precision) + " " + $0.currency.code }
            let hint: String
            if held > 0 {
                hint = "a refund pays back only money held on account, never an invoice: write at most \(fmt(held))"
            } else if !others.isEmpty {
                hint = "it holds \(others.joined(separator: " and ")) on account that day; check the refund's currency"
            } else {
                hint = "a refund pays back money held on account (an overpayment, or a credit note beyond what was open); check the client, the date and the amount"
            }
            d.append(Diagnostic(.E423, message, at: l.files.word(3, of: r.anchor), hint: hint))
        }
    }
}
