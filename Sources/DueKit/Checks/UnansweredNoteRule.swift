/// A note records a reply (3.9), and letters thank the client for it. A call no one answered,
/// written as a plain `call` note ("left voicemail, no answer"), would have the next letter
/// thank them "for taking the time to talk": the `said` line that plainly says so is pointed
/// out, with the mark that makes it our attempt (W427). A note marked `no-answer` that records
/// the client's word all the same (a promise, a query) says two things at once (W428).
enum UnansweredNoteRule: LedgerRule {
    static let needsBalances = false

    /// Whole clauses that say no one answered. A clause, not a word anywhere: "no answer from
    /// their bank yet" is the client's news, and "she'll leave a message" a reply.
    static let noOneAnswered: Set<Substring> = [
        "no answer", "no reply", "no response", "not answered", "unanswered", "nothing back",
        "no one answered", "no-one answered", "nobody answered", "didn't answer", "didnt answer", "did not answer",
        "no one picked up", "no-one picked up", "nobody picked up", "no pickup", "no pick-up", "no pick up", "rang out", "phone rang out",
        "went to voicemail", "straight to voicemail", "voicemail only", "voicemail", "went to vm", "straight to vm", "vm",
        // Everyday shorthand: a call that got nowhere, a line in use, an automatic reply.
        "no joy", "line engaged", "line was engaged", "line busy", "engaged", "engaged tone",
        "ooo", "ooo reply", "out of office", "out of office reply", "out-of-office", "out-of-office reply",
        "auto-reply", "auto reply", "autoreply", "automatic reply",
        // An email that bounced reached no one; not "cheque bounced", a payment come back (3.6).
        "bounced back",
    ]

    /// What may come before such a clause and changes nothing: "got voicemail", "got the
    /// engaged tone", "got an out of office reply".
    static let got: [Substring] = ["got a ", "got an ", "got the ", "got "]

    /// "Email bounced", "my emails bounced back": our own message came back undelivered.
    static let emails: Set<Substring> = ["email", "emails", "e-mail", "e-mails", "mail"]

    /// Words at the end of such a clause that only count the attempts: "no answer x2", "no reply
    /// yet", "voicemail again". Only at its end: "no answer yet on the PO" is about something else.
    static let again: Set<Substring> = ["again", "twice", "yet"]

    /// "No reply to my email": no answer, reply or response to our own attempt, named by what
    /// it was; not "no answer from their bank".
    static let replies: Set<Substring> = ["answer", "reply", "response"]
    static let ours: Set<Substring> = ["my", "our", "the"]
    static let attempts: Set<Substring> = ["email", "emails", "call", "calls", "message", "messages", "voicemail", "voicemails", "text", "texts", "letter", "letters", "chaser", "chasers"]

    /// Clauses, with no one named before them, that say we left a message: ours, as the client's
    /// would name who left it ("Ann left a message"). Followed by nothing, by whom or where it
    /// was left with, or by what we said in it ("saying we'd resend the invoice"); not by what
    /// someone else said ("left a message saying she'd pay" may be the client's words).
    static let leftAMessage: [Substring] = ["left voicemail", "left a voicemail", "left message", "left a message", "left msg", "left a msg", "left vm",
                                            "lft voicemail", "lft a voicemail", "lft message", "lft a message", "lft msg", "lft a msg", "lft vm", "lvm"]
    static let leftWith: Set<Substring> = ["for", "with", "w/", "on", "at"]
    /// How what we said in it begins, after "saying" (or "saying that"): our own word.
    static let weSaid: Set<Substring> = ["we'd", "we'll", "i'd", "i'll", "we will", "we would", "i will", "i would"]

    /// Whether the text of a `said` line says plainly that no one answered.
    static func saysNoOneAnswered(_ said: String) -> Bool {
        // Stops, commas and the like end a clause, and so does a dash between words. A curly
        // apostrophe is read as a straight one ("didn’t answer").
        let text = said.lowercased()
        let parts = (text.contains("’") ? String(text.map { $0 == "’" ? "'" : $0 }) : text).split { ",;.:!?()—–".contains($0) }
        let clauses = parts.flatMap { $0.split(whereSeparator: \.isWhitespace).split(separator: "-") }
        return clauses.contains { words in
            let clause = Substring(words.dropLast(attemptCount(words)).joined(separator: " "))
            if noOneAnswered.contains(withoutGot(clause)) || isNoReplyToOurAttempt(clause) || isOurEmailBounced(clause) { return true }
            return leftAMessage.contains { left in
                clause == left || (clause.hasPrefix(left + " ") && isWhomOrWhatWeSaid(clause.dropFirst(left.count + 1)))
            }
        }
    }

    /// How many words at the end of a clause only count the attempts ("again", "x2", "3x").
    static func attemptCount(_ words: ArraySlice<Substring>) -> Int {
        let count = words.reversed().prefix { word in
            again.contains(word) || (word.count > 1 && ((word.first == "x" && word.dropFirst().allSatisfy(\.isNumber)) || (word.last == "x" && word.dropLast().allSatisfy(\.isNumber))))
        }.count
        return count < words.count ? count : 0
    }

    /// After "left a message": with whom or where ("with reception", "w/ reception"), or what
    /// we said in it ("saying we'd resend the invoice", "saying that I will call back").
    static func isWhomOrWhatWeSaid(_ rest: Substring) -> Bool {
        let words = rest.split(separator: " ")
        guard let first = words.first else { return true }
        if leftWith.contains(first) { return true }
        guard first == "saying" else { return false }
        let said = words.dropFirst().first == "that" ? words.dropFirst(2) : words.dropFirst()
        return said.first.map { weSaid.contains($0) || weSaid.contains(Substring(said.prefix(2).joined(separator: " "))) } ?? false
    }

    /// The clause without a leading "got" ("got voicemail" is "voicemail").
    static func withoutGot(_ clause: Substring) -> Substring {
        guard clause.hasPrefix("got ") else { return clause }
        return got.first { clause.hasPrefix($0) }.map { clause.dropFirst($0.count) } ?? clause
    }

    /// "email bounced", "my email bounced back", "the emails bounced".
    static func isOurEmailBounced(_ clause: Substring) -> Bool {
        // Most clauses are not: they are let go before being cut into words.
        guard clause.contains("bounced") else { return false }
        var words = clause.split(separator: " ")[...]
        if words.last == "back" { words = words.dropLast() }
        guard words.last == "bounced" else { return false }
        words = words.dropLast()
        if let first = words.first, ours.contains(first) { words = words.dropFirst() }
        return words.count == 1 && emails.contains(words.first!)
    }

    /// "no reply to email", "no response to my emails", "no answer to the call".
    static func isNoReplyToOurAttempt(_ clause: Substring) -> Bool {
        // Most clauses are not: they are let go before being cut into words.
        guard clause.hasPrefix("no ") else { return false }
        let words = clause.split(separator: " ")
        guard words.count == 4 || words.count == 5, words[0] == "no", replies.contains(words[1]), words[2] == "to" else { return false }
        return attempts.contains(words[words.count - 1]) && (words.count == 4 || ours.contains(words[3]))
    }

    /// The client's word in a note: none of it can be in a call no one answered.
    static func theirWord(_ n: ClientNote) -> Keyword? {
        if n.promise != nil { return .promise }
        if !n.disputes.isEmpty { return .dispute }
        if !n.resolutions.isEmpty { return .resolved }
        if n.hardship != nil { return .hardship }
        if n.feedback != nil { return .feedback }
        return nil
    }

    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        for n in l.notes where n.channel != .file {
            let word = theirWord(n)
            if n.noAnswer {
                guard let word else { continue }
                d.append(Diagnostic(.W428, "a note marked `no-answer` records a \(n.channel == .other ? "contact" : n.channel.rawValue) no one answered, but also the client's `\(word.text)`", at: l.files.detail(word, of: n.anchor) ?? l.files.word(1, of: n.anchor),
                                    hint: "if the client answered, take out `no-answer`; if you learned this elsewhere, write it in a note for the file (`note \(n.client) file`)"))
            } else if word == nil, let line = n.firstSaid, let said = l.files.detailText(line, of: n.anchor), saysNoOneAnswered(said) {
                d.append(Diagnostic(.W427, "this note says no one answered, but a note records the client's reply: letters would thank them for it", at: l.files.detail(.said, of: n.anchor) ?? l.files.word(1, of: n.anchor),
                                    hint: "add a `no-answer` line to the note: it then records our attempt, not a reply"))
            }
        }
    }
}
