/// Disputes open and close in order: `resolved` ends a dispute that is open on that date
/// (E410); a dispute is raised on an invoice that still has something open (W412). The order
/// itself is the balance sheet's `DisputeHistory`, which the reports and letters read too.
enum DisputeRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        let history = c.sheet.disputes
        guard !history.isEmpty || !history.stray.isEmpty else { return }
        for k in l.notes.indices where !l.notes[k].disputes.isEmpty {
            let date = l.notes[k].date
            for m in l.notes[k].disputes {
                guard let i = c.ids.invoices.index(m.invoice) else { continue }  // E204
                if let settled = c.sheet.invoices[i].settled, settled <= date {
                    d.append(Diagnostic(.W412, "invoice \(m.invoice) was settled on \(settled); nothing is open to dispute on \(date)", at: l.files.word(1, ofLine: m.line, of: l.notes[k].anchor), hint: "a complaint about a paid invoice is feedback, or a reason for a credit note"))
                }
            }
        }
        for s in history.stray where c.ids.invoices.index(s.invoice) != nil {
            let m = l.notes[s.line.note].resolutions[s.line.mark]
            if let earlier = s.after?.resolvedBy {
                let range = l.files.word(1, ofLine: l.notes[earlier.note].resolutions[earlier.mark].line, of: l.notes[earlier.note].anchor)
                d.append(Diagnostic(.E410, "the dispute on invoice \(m.invoice) was already resolved on \(history.day(earlier.note))", at: l.files.word(1, ofLine: m.line, of: l.notes[s.line.note].anchor), hint: "keep one `resolved` line per dispute", notes: [DiagnosticNote("resolved here", at: range)]))
            } else {
                d.append(Diagnostic(.E410, "invoice \(m.invoice) has no open dispute on \(l.notes[s.line.note].date) to resolve", at: l.files.word(1, ofLine: m.line, of: l.notes[s.line.note].anchor), hint: "record the dispute first, in a note dated on or before this one: `dispute \(m.invoice) WHAT THEY SAID`"))
            }
        }
    }
}
