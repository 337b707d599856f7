extension LetterFields {
    /// A statement's `on.hold` and `statement.intro`.
    static func statementFields(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, story = context.story, ledger = context.ledger, sheet = context.sheet,
            asOf = context.asOf, open = context.open, disputes = context.disputes
        if stage == .statement && !disputes.isEmpty {
            // In a statement the disputed invoices are in the table; the sentence says why they
            // are not asked for, in words rather than a bare list.
            v["on.hold"] = disputes.map { number, note in
                let open = ledger.invoiceIndex[number].map { " (\(Money(minor: sheet.invoices[$0].owed, currency: ledger.invoices[$0].currency)) open)" } ?? ""
                // A mark in a note for the file is not the client's word, and its date is ours.
                guard note.isContact else { return "We are not asking for invoice \(number)\(open) while we settle the query about it." }
                return "We are not asking for invoice \(number)\(open) while we settle the query you raised on \(note.date.longDescription)."
            }.joined(separator: " ")
        }
        if stage == .statement {
            v["statement.intro"] = open.isEmpty ? "Nothing is open on your account as of \(asOf.longDescription)." : "Here is a statement of what is open on your account as of \(asOf.longDescription)."
            // Nothing to pay, or only invoices on hold for a query: no invitation to pay.
            if open.allSatisfy({ story.openDisputes[ledger.invoices[$0].number] != nil }) {
                v["methods"] = nil
                v["bank"] = nil
            }
        }
    }
}
