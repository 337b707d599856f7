extension LetterFields {
    /// `payment.returned`: a payment that came back unpaid (3.6) since the last letter to the
    /// client, said once, in the first letter that asks for what it had paid: "Your payment of
    /// 1,200.00 GBP on 10 February 2026 was returned unpaid on 20 February 2026, so invoice P-1
    /// is open again." Without it a letter after a thank-you would ask for money the client
    /// believes paid, with no word of why. Returns are few: read from the ledger.
    static func paymentReturnedField(_ v: inout [String: String], _ context: LetterContext) {
        guard context.stage.asksForMoney || context.stage == .planOffer else { return }
        let ledger = context.ledger, since = context.story.lastLetter?.date
        let shown = context.listedNumbers
        var told: [String] = []
        for r in ledger.returns where r.takenOut && r.date <= context.asOf && since.map({ r.date > $0 }) ?? true {
            guard let p = r.paid, p.client == context.client.id else { continue }
            let reopened = r.reopened.filter(shown.contains)
            guard !reopened.isEmpty else { continue }
            told.append("Your payment of \(Money(minor: p.minor, currency: p.currency)) on \(p.date.longDescription) was returned unpaid on \(r.date.longDescription), so \(invoicePhrase(reopened)) \(reopened.count == 1 ? "is" : "are") open again.")
        }
        if !told.isEmpty { v["payment.returned"] = told.joined(separator: " ") }
    }
}
