/// A credit note's `number` names one document (E206): letters name credit notes by it
/// ("credit notes CN-1, CN-1" would be two the client cannot tell apart), and the exports give
/// it as the transaction's code, which an invoice's number is too, so one credit note numbered
/// as another, or as an invoice, would be taken for it. The later is reported, the first shown.
enum CreditNoteNumberRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        /// The first credit note with each number, by its place in `payments`.
        var first: [String: Int] = [:]
        for (k, p) in l.payments.enumerated() where p.isCredit && p.writesNumber {
            let number = p.notes(in: l.files).number
            d.readEntry()
            guard let number else { continue }
            /// The number as its `number` line writes it.
            func at(_ anchor: EntryAnchor) -> SourceRange {
                let entry = l.files.entry(anchor, details: true)
                return entry.details(.number).first.map { entry.word(1, ofLine: LineAnchor(offset: $0.scanned.start)) } ?? entry.range
            }
            if let i = l.invoiceIndex[number] {
                let inv = l.invoices[i]
                d.append(Diagnostic(.E206, "credit note number '\(number)' is the number of invoice \(inv.number)", at: at(p.anchor),
                                    hint: "a credit note needs a number of its own: the exports and letters would take one for the other",
                                    notes: [DiagnosticNote("invoice \(inv.number) is here", at: inv.numberRange(in: l.files))]))
            } else if let j = first[number] {
                d.append(Diagnostic(.E206, "credit note number '\(number)' is used twice", at: at(p.anchor),
                                    hint: "each credit note needs its own number: letters and exports name it by that number",
                                    notes: [DiagnosticNote("first used here", at: at(l.payments[j].anchor))]))
            } else {
                first[number] = k
            }
        }
    }
}
