extension LetterFields {
    /// `last.letter`, `last.letter.date`, `last.letter.stage`: our previous letter.
    static func lastLetterFields(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, ledger = context.ledger, open = context.open, last = context.last
        // The previous letter, and what has happened since it.
        if let l = last {
            v["last.letter"] = "I last wrote \(context.recipient(l) ?? "to you") on \(l.date.longDescription) (\(l.stage.article) \(l.stage.title)\(l.invoices.isEmpty ? "" : " about \(l.invoices.count == 1 ? "invoice" : "invoices") \(list(l.invoices.array))"))."
            v["last.letter.date"] = l.date.longDescription
            v["last.letter.stage"] = l.stage.title
            // A dispute acknowledgement sets out the facts of the open account: a letter about
            // work long settled is not one of them.
            if stage == .dispute, let oldest = open.map({ ledger.invoices[$0].issued }).min(), l.date < oldest,
               !open.contains(where: { l.invoices.contains(ledger.invoices[$0].number) }) {
                v["last.letter"] = nil
            }
        }
    }

    /// `last.contact`: thanks for the client's word since our last letter; a plan offer's
    /// `plan.opening` when there is none.
    static func lastContactFields(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, story = context.story, ledger = context.ledger, chased = context.chased,
            last = context.last, workStart = context.workStart, promise = context.promise
        // Thanks for a contact only when it answered our last letter, and never for the very
        // conversation whose promise was broken: that would read as irony.
        // Nor for one older than the work the letter is about: months-old contact about other
        // work would read as if it concerned this.
        // Nor for one a plan agreed since has answered, when the letter is about that plan's
        // invoices, or work invoiced after the contact, alone: the plan was the reply to it. A
        // letter about other work already open then (a follow-up about an invoice outside the
        // plan, which the contact answered too) thanks for it.
        func answeredByPlan(_ n: ClientNote) -> Bool {
            let since = story.plans.filter { ($0.date, $0.order) > (n.date, n.order) }
            return !since.isEmpty && chased.allSatisfy { i in
                let inv = ledger.invoices[i]
                return inv.issued > n.date || since.contains { $0.invoices.isEmpty ? inv.issued <= $0.date : $0.invoices.contains(inv.number) }
            }
        }
        if let n = story.contacts.last, last.map({ (n.date, n.order) > ($0.date, $0.order) }) ?? true,
            !(promise?.isOutstanding == true && promise?.note == n), workStart.map({ n.date >= $0 }) ?? true,
            !answeredByPlan(n)
        {
            v["last.contact"] = lastContact(n, stage: stage)
        }
        // A plan offer made from a note for the file (the client did not tell us themselves)
        // still says why it is made, without quoting the note or claiming to know their
        // affairs: what we heard was not from them.
        if stage == .planOffer && v["last.contact"] == nil {
            v["plan.opening"] = "Should paying everything at once be difficult at the moment, there is another way."
        }
    }

    /// `unanswered`: the letters about these invoices that have had no reply.
    static func unansweredField(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, choice = context.choice, story = context.story, ledger = context.ledger,
            sheet = context.sheet, chased = context.chased
        if choice.unanswered > 0 && (stage == .final || stage == .demand || stage == .followUp) {
            let numbers = Set(chased.map { ledger.invoices[$0].number })
            // The reply the stage choice counted from: a payment for other work alone does not
            // answer letters about these invoices.
            let reply = choice.lastReply
            let unanswered = story.letters.filter { l in
                guard let r = l.stage.rung, r >= 1 else { return false }
                let after = reply.map { (l.date, l.order) > ($0.date, $0.order) } ?? true
                return after && (l.invoices.isEmpty || l.invoices.contains(where: numbers.contains))
            }
            // A formal demand recites every letter about these invoices left unanswered, each
            // by its kind and date as its history lists them: the instalment reminders of a plan
            // that ran out over them, and the letters about other work that asked for its
            // missed instalments beside their own money, as well as the ladder's letters, each
            // once.
            var recited = unanswered
            if stage == .demand {
                for l in choice.unansweredReminders + choice.unansweredBeside where reply.map({ (l.date, l.order) > $0 }) ?? true && !recited.contains(where: { $0.order == l.order }) {
                    recited.append(l)
                }
                recited.sort { ($0.date, $0.order) < ($1.date, $1.order) }
            }
            if let first = recited.first {
                // Money for other work since, which the letter thanks for, is an answer of a
                // kind: the letters are not said to have had no reply, only no payment for these
                // ("My letters of … have brought no payment towards invoice A-1.").
                let otherMoney = story.payments.contains { ($0.date, $0.order) > (first.date, first.order) }
                let towards = "no payment towards \(v["invoices.phrase"] ?? "them")"
                if stage == .demand {
                    // Letters of one kind in a row are named once, with their dates: "my
                    // follow-ups of 5 May 2026 and 19 May 2026 or final notice of 2 June 2026".
                    // One about other invoices, recited because it asked for a plan's missed
                    // instalments beside them, says so: else it reads as beside the point.
                    let ended = choice.unansweredBeside.isEmpty ? [] : PlanProgress.allEnded(story, ledger: ledger, sheet: sheet)
                    func dated(_ l: LetterSent) -> String {
                        let plans = l.invoices.array.contains(where: numbers.contains) ? "" : instalmentsAskedBeside(by: l, among: Set(chased), ended: ended, story: story, ledger: ledger)
                        return l.date.longDescription + (plans.isEmpty ? "" : " (about \(invoicePhrase(l.invoices.array)), which also asked for \(plans))")
                    }
                    var runs: [(stage: LetterStage, dates: [String])] = []
                    for l in recited {
                        if runs.last?.stage == l.stage { runs[runs.count - 1].dates.append(dated(l)) } else { runs.append((l.stage, [dated(l)])) }
                    }
                    let kinds = runs.map { "\($0.stage.title)\($0.dates.count > 1 ? "s" : "") of \(list($0.dates))" }
                    v["unanswered"] = otherMoney
                        ? "My \(list(kinds)) \(recited.count == 1 ? "has" : "have") brought \(towards)."
                        : "I have had no reply to my \(list(kinds, or: true)), and no payment has arrived since."
                } else {
                    let letters = myLetters(unanswered, client: story.client, files: ledger.files)
                    v["unanswered"] = otherMoney
                        ? "M" + letters.dropFirst() + " \(unanswered.count == 1 ? "has" : "have") brought \(towards)."
                        : "I have had no reply to \(letters), and no payment has arrived since."
                }
            }
        }
    }

    /// `previous.letter`: the last letter, cited once.
    static func previousLetterField(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, story = context.story, ledger = context.ledger, sheet = context.sheet,
            asOf = context.asOf, chased = context.chased, last = context.last, s = context.settings
        // The last letter once: not cited again beside a list of unanswered letters that holds it.
        if let l = last, !(v["unanswered"] != nil && story.letters.last(where: { $0.stage.rung.map { $0 >= 1 } ?? false }).map { ($0.date, $0.order) == (l.date, l.order) } == true) {
            v["previous.letter"] = v["last.letter"]
        }
        // The last letter on the ladder, a final notice or formal demand about other invoices,
        // asked for some of these apart by its date, now passed: that is what the client last
        // heard of them, said with its date, not as a letter about other work alone. (A
        // reminder says it in its opening.)
        if stage == .followUp || stage == .final || stage == .demand,
           let l = story.letters.last(where: { ($0.stage.rung ?? 0) >= 1 }), l.stage == .final || l.stage == .demand, asOf > s.replyBy(l.date)
        {
            let apart = StageChooser.askedApart(by: l, among: chased, story: story, ledger: ledger, sheet: sheet).map { ledger.invoices[$0].number }
            if !apart.isEmpty {
                v["previous.letter"] = askedApartSentence(l, apart, context) + ", and that payment has not reached us."
            }
        }
    }

    /// What final notice or formal demand `l` asked of invoices `apart` outside its own
    /// claim: "My formal demand of 3 April 2026 also asked you to pay invoice B-1 by 13 April
    /// 2026", without the full stop.
    static func askedApartSentence(_ l: LetterSent, _ apart: [String], _ context: LetterContext) -> String {
        "My \(l.stage.title) of \(context.dated(l)) also asked you to pay \(invoicePhrase(apart)) by \(context.settings.replyBy(l.date).longDescription)"
    }

    /// `unanswered` in a demand after a final notice that was answered with no payment.
    static func finalNoticeUnanswered(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, choice = context.choice, story = context.story, ledger = context.ledger,
            s = context.settings
        if stage == .demand && choice.stalled && v["unanswered"] == nil, let f = story.letters.last(where: { $0.stage == .final }) {
            // The client's word since may have been about other work alone (a query about an
            // invoice this demand does not claim, settled with us): that did not answer the
            // notice, and the letter says what it was about rather than that it did.
            let named = Set(f.invoices.array)
            let words = story.notes(after: f).filter(\.isContact)
            let paid = story.payments.contains { ($0.date, $0.order) > (f.date, f.order) && ClientStory.answers($0, about: named.isEmpty ? nil : named, ledger: ledger) }
            let about = Array(Set(words.flatMap { $0.disputes.map(\.invoice) + $0.resolutions.map(\.invoice) })).sorted()
            let answered = named.isEmpty || paid || words.contains { ClientStory.answers($0, about: named) }
            v["unanswered"] = "My final notice of \(context.dated(f)) asked for payment by \(s.replyBy(f.date).longDescription). "
                + (answered || about.isEmpty
                    ? "You have answered since, but no payment has arrived."
                    : "You have been in touch since about \(invoicePhrase(about)), but no payment of \(invoicePhrase(f.invoices.array)) has arrived.")
        }
    }

    /// A reference to the client's last contact, by date and channel only. What the note says
    /// stays in the ledger: it is the user's own record, often in the third person or blunt,
    /// and not written to be sent.
    static func lastContact(_ n: ClientNote, stage: LetterStage) -> String {
        let when = n.date.longDescription
        if stage == .planOffer {
            return "Thank you for being open with me \(contactPhrase(n.channel, when)) about how things stand."
        }
        switch n.channel {
        case .call: return "Thank you for taking the time to talk on \(when)."
        case .email: return "Thank you for your email of \(when)."
        case .meeting: return "Thank you for meeting on \(when)."
        case .letter: return "Thank you for your letter of \(when)."
        case .chat: return "Thank you for the chat on \(when)."
        case .other, .file: return "Thank you for being in touch on \(when)."
        }
    }

    /// What was last heard from the client, as a thing said to be last: "your payment of 26
    /// June 2026", "your email of 6 May 2026".
    static func heardNoun(_ heard: ClientStory.Reply) -> String {
        switch heard {
        case .contact(let n): contactNoun(n.channel, n.date.longDescription)
        case .payment(let p): "your payment of \(p.date.longDescription)"
        // Named with its return: the payment alone would read as money received.
        case .returned(let p, let back): "your payment of \(p.date.longDescription), which was returned unpaid on \(back.longDescription)"
        case .plan(let p): "we agreed the payment plan on \(p.date.longDescription)"
        }
    }

    /// The client's contact as a thing said to be last: "your email of 6 May 2026".
    static func contactNoun(_ channel: NoteChannel, _ when: String) -> String {
        switch channel {
        case .call: "our call of \(when)"
        case .email: "your email of \(when)"
        case .meeting: "our meeting of \(when)"
        case .letter: "your letter of \(when)"
        case .chat: "our chat of \(when)"
        case .other, .file: "we were in touch on \(when)"
        }
    }

    static func contactPhrase(_ channel: NoteChannel, _ when: String) -> String {
        switch channel {
        case .call: "when we spoke on \(when)"
        case .email: "in your email of \(when)"
        case .meeting: "when we met on \(when)"
        case .letter: "in your letter of \(when)"
        case .chat: "when we chatted on \(when)"
        case .other, .file: "on \(when)"
        }
    }

    static func contactKind(_ channel: NoteChannel) -> String {
        switch channel {
        case .call: "a call with you"
        case .email: "your email"
        case .meeting: "a meeting with you"
        case .letter: "your letter"
        case .chat: "a chat with you"
        case .other, .file: "a contact with you"
        }
    }

    /// Our attempt to reach the client by `channel` that no one answered, for a demand's history.
    static func attemptKind(_ channel: NoteChannel) -> String {
        switch channel {
        case .call: "a call to you"
        case .email: "an email to you"
        case .letter: "a letter to you"
        case .chat: "a message to you"
        case .meeting, .other, .file: "our attempt to reach you"
        }
    }

    /// What letter `l`, about other invoices, asked for beside its own money of the plans among
    /// `ended` that cover any of `shown` (`PlanProgress.askedMissed`), as a phrase ("the missed
    /// instalments of our payment plan for invoice K-2"); empty when it asked for none.
    static func instalmentsAskedBeside(by l: LetterSent, among shown: Set<Int>, ended: [PlanProgress], story: ClientStory, ledger: Ledger) -> String {
        let plans = ended.filter { p in p.covered.contains(where: shown.contains) && p.askedMissed(by: l, in: story, ledger: ledger) }
        guard !plans.isEmpty else { return "" }
        let numbers = plans.flatMap { $0.covered.filter(shown.contains) }.sorted().map { ledger.invoices[$0].number }
        return "the missed instalments of our payment plan\(plans.count > 1 ? "s" : "") for \(invoicePhrase(numbers))"
    }
}
