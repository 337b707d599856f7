/// A promise to pay is made for a day on or after the note that records it (E411).
enum PromiseRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        for k in l.notes.indices {
            guard let p = l.notes[k].promise, p.by < l.notes[k].date else { continue }
            let note = l.notes[k]
            d.append(Diagnostic(.E411, "the promise to pay by \(p.by) is dated before the note that records it (\(note.date))", at: l.files.word(1, ofLine: p.line, of: note.anchor), hint: "a promise looks forward: check the year or the month"))
        }
    }
}
