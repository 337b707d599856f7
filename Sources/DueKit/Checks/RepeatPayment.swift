/// A client pays an invoice, and later pays the same sum again naming the same invoice (in its
/// `apply` line or its bank `ref`): a remittance run twice, a cheque and a transfer for one
/// bill. The books take the second sum quietly, to the client's older invoices or on account,
/// and no letter says a word of it; the client will ask for it back sooner or later (W434).
///
/// Not a rule of its own: the payments it reads are already met by a pass, those with no
/// `apply` by the reference check (W425) as it reads their `ref`, those whose `apply` named an
/// invoice with nothing open by the allocation check (W415, W401), whose warning this one takes
/// the place of. Each gathers the payments that name an invoice settled before them
/// (`Suspect`, kept only when there is one), and `find` looks for the earlier payment of each
/// in one pass over the payments, made only when something was gathered.
///
/// Nothing is said when the invoice's story is other than one sum paid twice: the earlier
/// payment came back (a returned payment is no payment, and the invoice was open again), the
/// sums differ (a part paid, a top-up), a credit note named the invoice once it was paid (to
/// cancel and issue it again), the second sum paid an invoice of exactly that sum in full
/// (the money found what it was for), or a refund since returned that money (`refunded`).
enum RepeatPayment {
    /// A payment (index into `ledger.payments`) that names invoice `invoice`, settled before it,
    /// and gave it nothing: `range` is where it names it.
    struct Suspect {
        var payment: Int
        var invoice: Int
        var range: SourceRange
    }

    /// A suspect whose invoice was settled by `earlier`, a payment of the same sum.
    struct Found {
        var suspect: Suspect
        var earlier: Int
    }

    /// Whether payment `p` names invoice `i` as one it pays a second time could: a payment
    /// (not a credit note, nor money marked `on-account`) of its client and currency, the
    /// invoice settled on or before its day, with money paid towards it, and given nothing by
    /// it; nor did its money pay in full an invoice of exactly its sum (a bill of the same sum
    /// re-issued, or a retainer's next month named by last month's number: the money found what
    /// it was for). Reads one balance; makes nothing.
    static func suspect(_ p: Int, names i: Int, _ c: CheckContext) -> Bool {
        let payment = c.ledger.payments[p], inv = c.ledger.invoices[i]
        guard !payment.isCredit, !payment.onAccount, payment.minor > 0, i < c.sheet.invoices.count,
              inv.client == payment.client, inv.currency == payment.currency else { return false }
        let b = c.sheet.invoices[i]
        guard let settled = b.settled, settled <= payment.date, b.paid > 0 else { return false }
        let shares = c.sheet.applied[payment.order] ?? []
        return !shares.contains { $0.invoice == i || ($0.amount == payment.minor && c.sheet.invoices[$0.invoice].total == payment.minor) }
    }

    /// For each suspect, the payment before it (or beside it that day, written before or after
    /// it), of the same client, currency and sum, that gave money to its invoice on the day the
    /// invoice was settled, when there is one, no credit
    /// note named the invoice on or after that day (cancelling it to issue it again: the second
    /// sum may be for the new one), and no refund since the suspect came returned its money
    /// (`refunded`). One pass over the payments, reading their dates and credit mark only, but for one
    /// on such a day or a credit note.
    static func find(_ suspects: [Suspect], _ c: CheckContext) -> [Found] {
        guard !suspects.isEmpty else { return [] }
        let l = c.ledger
        var byDay: [Int32: [Int]] = [:]
        for (k, s) in suspects.enumerated() {
            guard let day = c.sheet.invoices[s.invoice].settled else { continue }
            byDay[day.ordinal, default: []].append(k)
        }
        var earlier = [Int?](repeating: nil, count: suspects.count)
        var cancelled = [Bool](repeating: false, count: suspects.count)
        func names(_ payment: Payment, _ i: Int) -> Bool {
            l.allocations(of: payment).contains { $0.target.map(Int.init) == i }
                || (c.sheet.applied[payment.order] ?? []).contains { $0.invoice == i }
        }
        struct Pair: Hashable { var payment: Int, invoice: Int }
        let repeats = Set(suspects.map { Pair(payment: $0.payment, invoice: $0.invoice) })
        for a in l.payments.indices {
            let first = l.payments[a]
            if first.isCredit {
                for k in suspects.indices where !cancelled[k] {
                    let s = suspects[k]
                    if let day = c.sheet.invoices[s.invoice].settled, first.date >= day, first.client == l.payments[s.payment].client, names(first, s.invoice) { cancelled[k] = true }
                }
                continue
            }
            guard let ks = byDay[first.date.ordinal] else { continue }
            for k in ks where earlier[k] == nil {
                let s = suspects[k], second = l.payments[s.payment]
                // Two on one day are one sum paid twice whichever is written first: the one that
                // paid the invoice is the first, the other the repeat. One written after it that
                // is a repeat itself (it gave the invoice nothing) is not the first.
                let after = first.date == second.date && first.order > second.order
                guard a != s.payment, first.client == second.client, first.currency == second.currency, first.minor == second.minor,
                      names(first, s.invoice), !(after && repeats.contains(Pair(payment: a, invoice: s.invoice))) else { continue }
                earlier[k] = a
            }
        }
        return suspects.indices.compactMap { k in
            guard let a = earlier[k], !cancelled[k], !refunded(suspects[k].payment, c) else { return nil }
            return Found(suspect: suspects[k], earlier: a)
        }
    }

    /// Whether a refund returned this payment's money (3.13): one to its client in its
    /// currency, on or after its day, that paid back at least what the payment left on account
    /// (the rest of it went to invoices that were open: the sum paid twice, or the overpayment,
    /// dealt with), or its whole sum when it left nothing there. Another refund, of a smaller
    /// sum (money held from some other payment), says nothing of this one.
    static func refunded(_ p: Int, _ c: CheckContext) -> Bool {
        let payment = c.ledger.payments[p]
        let took = (c.sheet.applied[payment.order] ?? []).reduce(Int64(0)) { $0 + $1.amount }
        let left = payment.minor - took
        let returns = left > 0 ? left : payment.minor
        return c.ledger.refunds.indices.contains { r in
            let refund = c.ledger.refunds[r]
            return refund.client == payment.client && refund.currency == payment.currency && refund.date >= payment.date
                && r < c.sheet.refunded.count && c.sheet.refunded[r] >= returns
        }
    }

    /// W434, at the word or line that names the invoice.
    static func diagnostic(_ f: Found, _ c: CheckContext) -> Diagnostic {
        let l = c.ledger
        let payment = l.payments[f.suspect.payment], first = l.payments[f.earlier]
        let amount = MoneyFormat.format(payment.minor, precision: payment.currency.precision) + payment.currency.afterAmount
        let number = l.invoices[f.suspect.invoice].number
        let message = "this payment of \(amount) names invoice \(number), which was paid in full on \(first.date) by a payment of the same amount: paid twice?"
        return Diagnostic(.W434, message, at: f.suspect.range,
                          hint: "with \(number) paid, its money \(PaymentReferenceRule.went(payment, ledger: c.ledger, sheet: c.sheet)); if they paid twice, pay it back (a `refund` entry) or `apply` it to another of their invoices, and note it with the client")
    }
}
