/// A client's `channel` says how it takes letters: one naming `email` by email, any other by
/// post (`SentJob.channel`). `mail` may mean either (e-mail, or mail through the post): it is
/// read as post, and said, so that a client who wanted email does not get paper (W426).
enum ChannelWordRule: LedgerRule {
    static let needsBalances = false

    /// Words that say the post, beside which `mail` is plain (`snail mail`, `postal mail`).
    static let postWords: Set<Substring> = ["post", "postal", "letter", "letters", "paper", "snail"]

    /// Whether `channel` says `mail` and neither email nor the post.
    static func isAmbiguous(_ channel: String) -> Bool {
        let words = channel.lowercased().split { !$0.isLetter }
        guard words.contains(where: { $0 == "mail" || $0 == "mails" }) else { return false }
        return !SentJob.namesEmail(channel) && !words.contains(where: postWords.contains)
    }

    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        for client in l.clients {
            guard let channel = client.channel, isAmbiguous(channel) else { continue }
            d.append(Diagnostic(.W426, "`channel \(channel)` may mean email or post: '\(client.id)' is sent letters by post", at: l.files.detail(.channel, of: client.anchor) ?? l.files.word(1, of: client.anchor),
                                hint: "write `channel email` for letters by email, or `channel post` for letters by post"))
        }
    }
}
