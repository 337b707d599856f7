/// A payment cannot come back before it was made (E424): the date on its `returned` line is
/// a slip, and the return is not counted, so the payment stands as paid. (A `returned` line
/// stands under its payment, so it always names one; a second is E109, one under a credit note
/// E108.)
enum ReturnedPaymentRule: LedgerRule {
    static var needsBalances: Bool { false }

    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        for r in l.returns {
            guard let p = r.paid, r.date < p.date else { continue }
            let paid = MoneyFormat.format(p.minor, precision: p.currency.precision) + " " + p.currency.code
            d.append(Diagnostic(.E424, "the payment of \(paid) made on \(p.date) cannot have come back on \(r.date), before it was made: the return is not counted",
                                at: l.files.word(1, ofLine: r.line, of: r.payment),
                                hint: "write the day the bank returned it, on or after \(p.date)"))
        }
    }
}
