extension SentJob {
    /// The drafts a later run moved to `superseded/` (7.3) that no letter in the ledger stands
    /// for (none to their client of their date and stage), each with what `due sent` would do
    /// with it, named: record it, give the entry to add by hand (`judge`), or refuse it, and
    /// why. `--all` records none of them, but one may have gone before it was replaced (a
    /// week's drafts made and none recorded), and passed over in silence it would never be.
    /// `load`: the ledger as this run leaves it.
    static func leftAside(load: LoadResult, lettersFolder: String, ledgerPath: String) -> [Refusal] {
        let whole = load.ledger
        let lettersOf = Dictionary(grouping: whole.letters, by: \.client)
        var left: [(path: String, fields: DraftFields?)] = []
        for path in LetterFolder.drafts(in: LetterFolder.supersededFolder(lettersFolder)) {
            let fields = (try? FileSystem.readFile(path)).flatMap(Draft.fields)
            if let f = fields, (lettersOf[f.client] ?? []).contains(where: { $0.date == f.asOf && $0.stage == f.stage }) { continue }
            left.append((path, fields))
        }
        guard let latest = left.compactMap(\.fields?.asOf).max() else {
            return left.map { Refusal(draft: $0.path, reason: unreadableAside(ledgerPath)) }
        }
        // `due sent` judges nothing in a ledger with errors: it names them. So does this.
        var checkedLoad = load
        checkedLoad.ledger.takeOutReturnedPayments(by: latest)
        let judged = !Checker.run(checkedLoad, asOf: latest).diagnostics.contains { $0.severity == .error }

        // The ledger as `due sent` reads it on each draft's date, made once a date.
        var dated: [Day: (ledger: Ledger, sheet: BalanceSheet, refs: HeldLetter.Refs)] = [:]
        return left.map { path, fields in
            guard let fields else { return Refusal(draft: path, reason: unreadableAside(ledgerPath)) }
            let what = "the \(fields.stage.title) of \(fields.asOf) to \(fields.client), moved aside by a later run, never recorded"
            let record = Refusal(draft: path, reason: "\(what); if it went, record it with 'due sent \(ledgerPath) \(path)'")
            guard judged else { return record }
            if dated[fields.asOf] == nil {
                var ledger = whole
                ledger.takeOutReturnedPayments(by: fields.asOf)
                let sheet = BalanceEngine.balances(ledger, asOf: fields.asOf)
                dated[fields.asOf] = (ledger, sheet, HeldLetter.Refs(ledger: ledger, sheet: sheet))
            }
            let (ledger, sheet, refs) = dated[fields.asOf]!
            let client = ledger.client(fields.client)
            let story = client.map { ClientStory(client: $0, ledger: ledger, sheet: sheet) }
            let emailMade = FileSystem.exists(LetterFolder.forms(of: path)[0])
            guard let refusal = judge(fields, ledger: ledger, sheet: sheet, refs: refs, story: story, letters: lettersOf[fields.client] ?? [], ledgerPath: ledgerPath,
                                      entry: { client.map { entryText(fields, client: $0, emailMade: emailMade).text } }) else { return record }
            // A hand entry's reason says why `due sent` will not record it; another is its refusal.
            return Refusal(draft: path, reason: "\(what); \(refusal.handEntry == nil ? "'due sent' would not record it: " : "")\(refusal.reason)", handEntry: refusal.handEntry)
        }
    }

    /// What `--all` says of a draft set aside that has no `due-letter` line.
    static func unreadableAside(_ ledgerPath: String) -> String {
        "moved aside by a later run, never recorded; it has no '<!-- due-letter: … -->' line: if it went, add its letter entry to \(ledgerPath) by hand"
    }
}
