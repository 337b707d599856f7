extension LetterFields {
    /// A demand's `history` and `history.about`.
    static func historyFields(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, story = context.story, ledger = context.ledger, sheet = context.sheet,
            asOf = context.asOf, open = context.open, chased = context.chased
        if stage == .demand {
                let history = history(story, about: Set((open + chased).map { ledger.invoices[$0].number }), asking: chased, since: chased.map { ledger.invoices[$0].due }.min() ?? asOf, ledger: ledger, sheet: sheet)
                v["history"] = history
                // A history that names other open invoices (one queried, say) is not headed as
                // about the claimed ones alone. (A number inside another only widens the heading.)
                let claimed = Set(chased.map { ledger.invoices[$0].number })
                let others = open.map { ledger.invoices[$0].number }.filter { !claimed.contains($0) && history.contains($0) }
                v["history.about"] = !others.isEmpty ? "your account" : chased.count == 1 ? "this invoice" : "these invoices"
        }
    }
}
