/// A promise to pay is made for a day on or after the note that records it (E411).
enum PromiseRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout [Diagnostic]) {
        let l = c.ledger
        for note in l.notes {
            guard let p = note.promise, p.by < note.date else { continue }
            d.append(.error("E411", "the promise to pay by \(p.by) is dated before the note that records it (\(note.date))", at: SourceWords.word(1, of: p.range, in: l.files), hint: "a promise looks forward: check the year or the month"))
        }
    }
}
