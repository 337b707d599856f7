extension LetterFields {
    /// `writeoffs`: sums waived on invoices the letter lists or the last letter asked for.
    static func writeOffFields(_ v: inout [String: String], _ context: LetterContext, trail: inout PaymentTrail) {
        func isSettled(_ number: String) -> Bool { ledger.invoiceIndex[number].map { sheet.invoices[$0].open <= 0 } ?? false }
        let stage = context.stage
        let story = context.story
        let ledger = context.ledger
        let sheet = context.sheet
        let open = context.open
        let last = context.last
        let lastNamed = context.lastNamed
        // Waived: part of a listed invoice, or the whole of one our last letter asked for (the
        // client must be told it is no longer asked for, not left to guess). A write-off that is
        // the user's own loss is not the client's to hear of: telling a debtor in administration
        // that the debt is waived would give up the claim.
        var waived: [String] = []
        for i in open {
            let w = story.writtenOff(i, ledger: ledger, sheet: sheet).waived
            guard w > 0 else { continue }
            waived.append("We have waived \(Money(minor: w, currency: ledger.invoices[i].currency)) of invoice \(ledger.invoices[i].number), so that sum is not part of what we ask.")
        }
        if let l = last {
            let since = story.writeOffs.filter { ($0.date, $0.order) > (l.date, l.order) && lastNamed.contains($0.invoice) && isSettled($0.invoice) }
            for number in lastNamed {
                guard let w = since.first(where: { $0.invoice == number }), let i = ledger.invoiceIndex[number] else { continue }
                let told = story.writtenOff(i, ledger: ledger, sheet: sheet).waived
                guard told > 0 else { continue }
                let amount = Money(minor: told, currency: ledger.invoices[i].currency)
                // Money that came after the write-off paid the rest: only part was waived.
                func after(_ p: Payment) -> Bool { (p.date, p.order) > (w.date, w.order) }
                let paidAfter = trail.payments(to: number).contains(where: after) || trail.credits(to: number).contains(where: after)
                waived.append(paidAfter ? "We have waived \(amount) of invoice \(number)." : "You need not pay invoice \(number) (\(amount)): we have waived it.")
            }
        }
        if !waived.isEmpty && stage != .thanks { v["writeoffs"] = waived.joined(separator: " ") }
        if stage == .thanks {
            // A reduction agreed since our last letter to settle a query, named beside the
            // payment that settled the rest.
            let agreed = story.issued.compactMap { i -> (Int, Int64)? in
                let number = ledger.invoices[i].number
                let w = story.writtenOff(i, ledger: ledger, sheet: sheet).waived
                let since = story.writeOffs.contains { w in w.invoice == number && last.map { l in (w.date, w.order) > (l.date, l.order) } ?? true }
                return w > 0 && since ? (i, w) : nil
            }
            if !agreed.isEmpty {
                v["writeoffs"] = "As agreed, we have waived " + list(agreed.map { "\(Money(minor: $0.1, currency: ledger.invoices[$0.0].currency)) of invoice \(ledger.invoices[$0.0].number)" }) + "."
            }
        }
    }
}
