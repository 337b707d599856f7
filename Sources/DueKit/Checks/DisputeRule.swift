/// Disputes open and close in order: `resolved` ends a dispute that is open on that date
/// (E410); a dispute is raised on an invoice that still has something open (W412).
enum DisputeRule: LedgerRule {
    enum State {
        case open(Day, SourceRange)
        case resolved(Day, SourceRange)
    }

    static func check(_ c: CheckContext, into d: inout [Diagnostic]) {
        let l = c.ledger
        // Only notes that open or close a dispute matter; they are few, so sorting them is cheap.
        let marked = l.notes.indices.filter { !l.notes[$0].disputes.isEmpty || !l.notes[$0].resolutions.isEmpty }
        let ordered = marked.sorted { a, b in
            let x = l.notes[a], y = l.notes[b]
            return x.date != y.date ? x.date < y.date : x.order < y.order
        }
        var state: [String: State] = [:]
        for k in ordered {
            let note = l.notes[k]
            for m in note.disputes {
                guard let i = c.ids.invoices.index(m.invoice) else { continue }  // E204
                if let settled = c.sheet.invoices[i].settled, settled <= note.date {
                    d.append(Diagnostic(.W412, "invoice \(m.invoice) was settled on \(settled); nothing is open to dispute on \(note.date)", at: m.invoiceRange, hint: "a complaint about a paid invoice is feedback, or a reason for a credit note"))
                }
                state[m.invoice] = .open(note.date, m.invoiceRange)
            }
            for m in note.resolutions {
                guard c.ids.invoices.index(m.invoice) != nil else { continue }  // E204
                switch state[m.invoice] {
                case .open:
                    state[m.invoice] = .resolved(note.date, m.invoiceRange)
                case .resolved(let day, let range):
                    d.append(Diagnostic(.E410, "the dispute on invoice \(m.invoice) was already resolved on \(day)", at: m.invoiceRange, hint: "keep one `resolved` line per dispute", notes: [DiagnosticNote("resolved here", at: range)]))
                case nil:
                    d.append(Diagnostic(.E410, "invoice \(m.invoice) has no open dispute on \(note.date) to resolve", at: m.invoiceRange, hint: "record the dispute first, in a note dated on or before this one: `dispute \(m.invoice) WHAT THEY SAID`"))
                }
            }
        }
    }
}
