extension LetterFields {
    /// `payment.returned`: a payment that came back unpaid (3.6), said once of each invoice it
    /// had paid, in the first letter after the return that asks for that invoice: "Your payment
    /// of 1,200.00 GBP on 10 February 2026 was returned unpaid on 20 February 2026, so invoice
    /// P-1 is open again." Without it a letter after a thank-you would ask for money the client
    /// believes paid, with no word of why. Returns are few: read from the ledger.
    static func paymentReturnedField(_ v: inout [String: String], _ context: LetterContext) {
        guard tellsOfReturns(context.stage) else { return }
        let ledger = context.ledger, letters = context.story.letters
        let shown = context.listedNumbers
        var told: [String] = []
        for r in ledger.returns where r.takenOut && r.date <= context.asOf {
            guard let p = r.paid, p.client == context.client.id else { continue }
            // A letter sent since that asked for the invoice said it then. Any other letter
            // (a thank-you for the payment sent that morning, a reminder about other work)
            // said nothing of it.
            let reopened = r.reopened.filter { n in
                shown.contains(n) && !letters.contains { l in
                    tellsOfReturns(l.stage) && l.isAfter(r) && (l.invoices.isEmpty || l.invoices.contains(n))
                }
            }
            guard !reopened.isEmpty else { continue }
            told.append("Your payment of \(Money(minor: p.minor, currency: p.currency)) on \(p.date.longDescription) was returned unpaid on \(r.date.longDescription), so \(invoicePhrase(reopened)) \(reopened.count == 1 ? "is" : "are") open again.")
        }
        if !told.isEmpty { v["payment.returned"] = told.joined(separator: " ") }
    }

    /// The letters that carry `payment.returned`: those asking for money, and a plan offer.
    static func tellsOfReturns(_ stage: LetterStage) -> Bool { stage.asksForMoney || stage == .planOffer }
}

extension LetterSent {
    /// Whether the letter went after `back` was known: a later day, or on the return's own day
    /// a letter written below the payment whose `returned` line it is, as the ledger's order
    /// of lines has it (a letter recorded before the payment was written knew nothing of it).
    func isAfter(_ back: PaymentReturn) -> Bool {
        date > back.date || (date == back.date && order > back.order)
    }
}
