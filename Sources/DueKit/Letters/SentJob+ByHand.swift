/// Drafts `due sent` will not record that may all the same have gone as written, because a
/// letter to their client entered the ledger after they were drafted: the user is given the
/// entry to add by hand, exactly as `due sent` would have written it, and why `due` cannot
/// add it itself. The entry is only ever said, never written: whether the letter went is the
/// user's to know.
///
/// Two ways a letter recorded since stands between a draft and its date (grammar 7.7):
/// - a later one (`2026-11-16 letter kiln reminder` while this draft is of 2026-11-10): `due
///   sent` records a letter only while none after it is recorded, since a draft a later one
///   replaced most often never went;
/// - an older one recorded after this draft was made (the reminder of 2026-11-10, recorded
///   on the 18th, while this draft of the 16th was made without it): the ledger now gives
///   another letter on the draft's date (the ladder moved), so `due` cannot check the draft
///   against the ledger, which is how it knows an entry is the letter that went.
extension SentJob {
    /// Why `due sent` does not record the draft, or nil when it records it; with the entry to
    /// add by hand when only letters recorded since it was drafted stand in its way.
    /// `story`: the client's on the draft's date; `letters`: all the client's letters, in the
    /// ledger's order; `entry`: the entry `due sent` would write for the draft.
    static func judge(_ fields: DraftFields, ledger: Ledger, sheet: BalanceSheet, refs: HeldLetter.Refs, story: ClientStory?, letters: [LetterSent], ledgerPath: String, entry: () -> String?) -> Refusal? {
        let later = letters.filter { $0.date >= fields.asOf }
        guard let reason = staleness(fields, ledger: ledger, sheet: sheet, refs: refs, story: story, later: later) else { return nil }
        guard let story else { return Refusal(draft: "", reason: reason) }
        let hand = "add its entry to \(ledgerPath) by hand"
        if let next = later.first {
            // A letter of the same day is this one recorded, or another of that day: no
            // hand entry is offered beside it.
            guard !later.contains(where: { $0.date == fields.asOf }),
                  staleness(fields, ledger: ledger, sheet: sheet, refs: refs, story: story, later: []) == nil,
                  let text = entry() else { return Refusal(draft: "", reason: reason) }
            return Refusal(draft: "", reason: "the ledger has a \(next.stage.title) to \(next.client) on \(next.date), after this draft's date: due records a letter only while none after it is recorded, as a draft a later letter replaced seldom went; if this one went too, \(hand) (if not, delete the draft):", handEntry: text)
        }
        guard let since = recordedSince(fields, ledger: ledger, sheet: sheet, refs: refs, client: story.client, letters: letters), let text = entry() else {
            return Refusal(draft: "", reason: reason)
        }
        let names = Plural.list(since.map { "the \($0.stage.title) of \($0.date)" })
        let now = LetterJob.staleWords(reason)
        return Refusal(draft: "", reason: "drafted before \(names) to \(fields.client) \(since.count == 1 ? "was" : "were") recorded: with \(since.count == 1 ? "it" : "them") in the ledger, \(now), so due cannot check this draft against the ledger; if it went as drafted, \(hand):", handEntry: text)
    }

    /// The client's letters before the draft's date that the draft was made without: the
    /// fewest of the latest ones which, taken out of the ledger, leave it giving the draft's
    /// letter on its date. Nil when no such letters do (something else changed).
    static func recordedSince(_ fields: DraftFields, ledger: Ledger, sheet: BalanceSheet, refs: HeldLetter.Refs, client: Client, letters: [LetterSent]) -> [LetterSent]? {
        let earlier = letters.filter { $0.date < fields.asOf }.sorted { ($0.date, $0.order) < ($1.date, $1.order) }
        for k in earlier.indices.reversed() {
            let since = Set(earlier[k...])
            var without = ledger
            without.letters.removeAll { since.contains($0) }
            // Letters move no money: the balances on the draft's date stand as they are.
            let story = ClientStory(client: client, ledger: without, sheet: sheet)
            if staleness(fields, ledger: without, sheet: sheet, refs: refs, story: story, later: []) == nil { return Array(earlier[k...]) }
        }
        return nil
    }
}
