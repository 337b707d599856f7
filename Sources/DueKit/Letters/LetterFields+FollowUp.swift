extension LetterFields {
    /// `follow-up.difficulty`: a follow-up's word for a client who may find paying at once hard.
    static func followUpDifficulty(_ v: inout [String: String], _ context: LetterContext, planFailed: Bool, planStillOffered: Bool) {
        let stage = context.stage, plan = context.plan, onlyDiscounts = context.onlyDiscounts
        // A client already paying by a plan is not offered one as if it were news.
        // Nor for a small sum: spreading 22.00 over months is no help, and offering it reads oddly.
        if stage == .followUp && !planFailed && !planStillOffered && !onlyDiscounts && plan == nil && !smallSum(context) { v["follow-up.difficulty"] = ", or paying it all at once is difficult" }
    }

    /// Whether what the letter asks for is less than 100.00 (100 units) in each currency: too
    /// little to offer to spread.
    static func smallSum(_ context: LetterContext) -> Bool {
        isSmallSum(context.chased, ledger: context.ledger, sheet: context.sheet)
    }

    /// Whether what `chased` owes is less than 100.00 (100 units) in each currency: too little
    /// to offer to spread, in a letter or by a plan offer of its own.
    static func isSmallSum(_ chased: [Int], ledger: Ledger, sheet: BalanceSheet) -> Bool {
        chased.allSatisfy { i in
            let cur = ledger.invoices[i].currency
            return chased.filter { ledger.invoices[$0].currency == cur }.reduce(Int128(0)) { $0 + Int128(sheet.invoices[$1].owed) } < 100 * MoneyFormat.pow10(cur.precision)
        }
    }

    /// `follow-up.ask`: what a follow-up asks the client for by its date, and the help it
    /// offers (`follow-up.difficulty`).
    static func followUpAsk(_ v: inout [String: String], _ context: LetterContext, planFailed: Bool, plansTold: Int, planStillOffered: Bool) {
        guard context.stage == .followUp else { return }
        // Only a discount missed: a difference over terms, asked for by the date, not "when we
        // can expect payment" of an invoice left unpaid; and a client who may believe they paid
        // in time is asked when they sent it (`asksWhenSent`), as the reminder asked.
        if context.onlyDiscounts {
            let pay = "could you arrange payment of \(v["total.asked"] ?? "") by \(v["reply.by"] ?? "")?"
            v["follow-up.ask"] = asksWhenSent(v, context, planFailed: planFailed) ? "\(discountAsk(context)) Otherwise, \(pay)" : "C" + pay.dropFirst()
            return
        }
        let ask = "Could you let me know by \(v["reply.by"] ?? "") when we can expect payment of \(v["total.asked"] ?? "")?"
        v["follow-up.ask"] = ask + " " + followUpHelp(v, context, planFailed: planFailed, plansTold: plansTold, planStillOffered: planStillOffered)
    }

    /// The follow-up's offer of help. "A problem I do not know about" only where we know of
    /// none: not after a plan ran out (no new spreading of what the client could not pay by
    /// it, `plan.ended`), nor to a client who told us of hard times or was offered a plan,
    /// who is asked what they can pay and when. Their word is named by its date and channel
    /// only; a note for the file, which they did not tell us, is not named (3.9).
    /// After a plan that lapsed or ran out, the plan is spoken of as over, not as "our payment
    /// plan" still: in the letter that tells it ended (`plansTold` of them), the client is asked
    /// what kept them from it; in a later one, which has no more to say of it, what holds the
    /// payment up.
    static func followUpHelp(_ v: [String: String], _ context: LetterContext, planFailed: Bool, plansTold: Int, planStillOffered: Bool) -> String {
        let together = "we can find a way through it together."
        if planFailed {
            return plansTold == 0 ? "If something is holding up the payment, tell me and \(together)"
                : "If something stopped you from keeping to the \(plansTold == 1 ? "plan" : "plans"), tell me and \(together)"
        }
        let hardship = context.hardshipNotes
        guard !hardship.isEmpty || planStillOffered else {
            return "If there is a problem I do not know about\(v["follow-up.difficulty"] ?? ""), tell me and \(together)"
        }
        // A small sum is asked for whole, later if need be; but where our plan offer still
        // stands (`plan.offered`, said next), the ask agrees with it rather than ask for the
        // sum in one payment beside an offer to spread it.
        let what = smallSum(context) && !planStillOffered ? "if you cannot pay it now, tell me when you can" : "if you cannot pay it all at once, tell me what you can pay and when"
        if let told = hardship.last(where: \.isContact) {
            return "I have in mind what you told me \(contactPhrase(told.channel, told.date.longDescription)) about how things stand: \(what), and \(together)"
        }
        return what.prefix(1).uppercased() + what.dropFirst() + ", and " + together
    }

    /// `follow-up.note`: firmer with each letter left unanswered, or unpaid.
    /// Whether the final notice this follow-up stands in for (`FinalHold`) will still be held
    /// when the next letter may go (`cadence` max days on): then none is promised.
    static func finalStillHeld(_ context: LetterContext) -> Bool {
        context.choice.held?.stands(on: context.asOf.adding(days: context.settings.cadenceMax)) ?? false
    }

    static func followUpNote(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, choice = context.choice, story = context.story, ledger = context.ledger,
            sheet = context.sheet, chased = context.chased, promise = context.promise,
            promiseNamed = context.promiseNamed, onlyDiscounts = context.onlyDiscounts, s = context.settings
        // Whether the note names the promise still short that an earlier letter named.
        var promiseSaid = false
        if stage == .followUp && !choice.repliedSinceLastLetter {
            // Firmer with each unanswered letter; a reply since our last letter keeps the tone.
            // The reminders of a plan that failed went unanswered too.
            let instalmentsUnanswered = choice.remindersUnanswered
            // "This time" only to a client who has never answered: one who did is reminded when.
            // A payment for other work since the first of the letters counted unanswered, which
            // this letter thanks for, is an answer of a kind: they are not said to have gone
            // unanswered, only to have brought nothing towards this work.
            let paidSince = paidSinceUnanswered(context)
            let nothing = "nothing has come towards \(v["invoices.phrase"] ?? "this")"
            switch choice.unanswered + instalmentsUnanswered {
            case 0: v["follow-up.note"] = ""
            case 1:
                // A promise broken, named in our last letter, and that letter unanswered: two
                // things left without a word, as firm as two letters unanswered (7.4). The
                // promise was named in full once; here only in a word.
                if brokenThenUnanswered(context) != nil { promiseSaid = true }
                v["follow-up.note"] = brokenThenUnanswered(context).map { p, last in
                    let promised = (p.receivedToDate > 0 ? "the rest of the payment " : "the payment ") + whoSaid(p.note, in: context.story, files: context.ledger.files)
                    return paidSince != nil
                        ? "As \(promised) promised has not come, and \(nothing) since my letter of \(context.dated(last)), I would be grateful for a reply, even a short one."
                        : "As \(promised) promised has not come, and my letter of \(context.dated(last)) has gone unanswered, I would be grateful for a reply, even a short one."
                } ?? ""
            case 2:
                // A payment for other work days ago is no silence to complain of: the letters
                // that went unanswered are named instead.
                // Nor are the letters said to have gone unanswered when it came since them.
                v["follow-up.note"] = heardLately(story, settings: s)
                    ? paidSince.map { "As \(nothing) since my letter of \(context.dated($0)), I would be grateful for a reply, even a short one." }
                        ?? "As my letters about this have gone unanswered, I would be grateful for a reply, even a short one."
                    : story.lastHeard.map { "As I have not heard from you since \(heardNoun($0)), I would be grateful for a reply, even a short one." }
                    ?? "As I have not heard back, I would be grateful for a reply this time, even a short one."
            default:
                v["follow-up.note"] = paidSince.map { "As my letters since \(context.dated($0)) have brought nothing towards \(v["invoices.phrase"] ?? "this"), I must have a reply from you by that date." }
                    ?? "As several letters have gone unanswered, I must have a reply from you by that date."
            }
            // Unanswered, this letter would make the next one a final notice (7.2): said now,
            // not first in the final notice itself.
            // Beside unpaid work, early-payment discounts missed go to no final notice: the
            // work's own letters say whether one comes next.
            // Below the chase minimum no final notice follows (3.2): none is promised.
            // Nor while the final notice is held (`FinalHold`) and will be when the next letter is due.
            if (choice.workLetters?.unanswered ?? choice.unanswered) + 1 >= s.finalAfter && !onlyDiscounts && choice.belowChaseMinimum == nil,
               !finalStillHeld(context), let note = v["follow-up.note"], !note.isEmpty {
                v["follow-up.note"] = note + " If I hear nothing and no payment comes, my next letter will be a final notice."
            }
        }
        // Answered, and still nothing paid: replies keep the tone, but the letters
        // do not read the same for ever, and the client is told what comes next.
        // Counted letters outrank a plea for a reply: the count, with the warning of a final
        // notice, is the firmer, and silence is named in it.
        // Counted per invoice from the last money towards it (`LetterCount`): a payment towards
        // other work, or an invoice joining the chase, does not start the count again. Not beside
        // a promise still short that this letter names (`promise.broken`), and thanks for no
        // reply; one an earlier letter named is counted, and what came of it recalled in a word.
        if stage == .followUp, !promiseNamed,
           let count = LetterCount(chased: chased, story: story, ledger: ledger, sheet: sheet), count.ladder >= s.finalAfter {
            let since = count.since.date
            // Early-payment discounts missed are not taken to a final notice (7.2): none is promised.
            // Or, unanswered, because this letter too will have gone without a reply.
            let next = onlyDiscounts || choice.belowChaseMinimum != nil || finalStillHeld(context) ? ""
                : (choice.workLetters?.unpaid ?? choice.unpaidLetters) + 1 >= 2 * s.finalAfter ? " If no payment comes, my next letter will be a final notice."
                : !choice.repliedSinceLastLetter && (choice.workLetters?.unanswered ?? choice.unanswered) + 1 >= s.finalAfter ? " If I hear nothing and no payment comes, my next letter will be a final notice."
                : ""
            // Counted with this letter, as the client will count them: the ladder's letters and
            // the instalment reminders. The ladder's own count alone decides when the final
            // notice comes.
            let counted = count.invoices
            let n = count.letters
            let about = counted.count == chased.count ? "this"
                : invoicePhrase(counted.map { ledger.invoices[$0].number })
            // Money may have come for other work (a plan's instalments): what has not come is named.
            let towards = Self.nothingTowards(about == "this" ? v["invoices.phrase"] ?? "" : (counted.count == 1 ? "it" : "them"),
                                              named: about == "this" ? v["invoices.phrase"] ?? "" : about, period: "in that time", count: count, ledger: ledger, sheet: sheet)
            let answered: String
            // Replies are thanked for only when the client wrote or spoke: money for other work,
            // thanked for above, is no reply to be thanked for again.
            let replies = story.notes.filter { $0.isContact && $0.date >= since }.count
            if (choice.unanswered == 0 || choice.repliedSinceLastLetter) && replies > 0 {
                answered = "; thank you for your \(replies == 1 ? "reply" : "replies"), but \(towards)"
            } else if !choice.repliedSinceLastLetter, !heardLately(story, settings: s), let heard = story.lastHeard, heard.date >= since {
                // A payment among what we heard from them: the letter before this one, or the
                // next, names the same. Not after a payment since our last letter, which
                // answered it: no silence to name.
                answered = ", and \(towards); I have not heard from you since \(heardNoun(heard))"
            } else {
                answered = ", and \(towards)"
            }
            // The letter has asked for a date by then already: not asked twice.
            let recalled = promise.flatMap { $0.isOutstanding ? " " + Self.promiseRecalled($0, returned: Self.returnedTowards($0, story: story, ledger: ledger), story: story, files: ledger.files) : nil } ?? ""
            if !recalled.isEmpty { promiseSaid = true }
            v["follow-up.note"] = "This is my \(Plural.ordinal(n + 1)) letter about \(about), counting from my letter of \(context.dated(count.since))\(answered).\(recalled)\(next)"
        }
        if !promiseSaid, let recalled = promiseShortAfterPayment(context) {
            v["follow-up.note"] = v["follow-up.note"].map { $0.isEmpty ? recalled : recalled + " " + $0 } ?? recalled
        }
    }

    /// A promise still short that an earlier letter named in full, when money towards it came
    /// since our last letter and this one thanks them for it: the thanks alone would read as
    /// if the promise were kept, so it is recalled, as a count recalls it ("Of the 6,400.00 EUR
    /// you told us on 14 April 2026 to expect by 30 April 2026, 3,000.00 EUR has arrived; the
    /// remaining 3,400.00 EUR has not."). DOMAIN: a letter names a broken promise whatever
    /// the stage: every letter on the ladder that thanks for money says it (a reminder or a
    /// final notice in `promise.broken`; a demand, which follows no payment since the final
    /// notice, in its history). Not an instalment reminder: a plan about the money took the
    /// promise's place.
    static func promiseShortAfterPayment(_ context: LetterContext) -> String? {
        guard [.reminder, .followUp, .final, .demand].contains(context.stage), !context.promiseNamed, let p = context.promise, p.isOutstanding else { return nil }
        let last = context.story.lastLetter.map { ($0.date, $0.order) }
        let cameSince = context.story.payments.contains { q in
            last.map { (q.date, q.order) > $0 } ?? true && PromiseOutcome.came(q, after: p.note) && q.currency == p.currency
                && PromiseOutcome.towardsPromise(q, p.scope, ledger: context.ledger) > 0
        }
        return cameSince ? promiseRecalled(p, returned: returnedTowards(p, story: context.story, ledger: context.ledger), story: context.story, files: context.ledger.files) : nil
    }

    /// The first of the ladder letters about the chased invoices counted unanswered (since the
    /// client's last answer, `StageChoice.lastReply`), when a payment came after it: money for
    /// other work, which answered nothing of these by the ladder's count but is no silence.
    static func paidSinceUnanswered(_ context: LetterContext) -> LetterSent? {
        let story = context.story, ledger = context.ledger, reply = context.choice.lastReply
        let numbers = Set(context.chased.map { ledger.invoices[$0].number })
        guard let first = story.letters.first(where: { l in
            guard let r = l.stage.rung, r >= 1 else { return false }
            return (reply.map { (l.date, l.order) > ($0.date, $0.order) } ?? true) && (l.invoices.isEmpty || l.invoices.contains(where: numbers.contains))
        }) else { return nil }
        return story.payments.contains { ($0.date, $0.order) > (first.date, first.order) } ? first : nil
    }

    /// The promise still short that our last letter named, and that letter, when the letter
    /// went unanswered: the client's last word was a promise they did not keep.
    static func brokenThenUnanswered(_ context: LetterContext) -> (PromiseOutcome, LetterSent)? {
        guard !context.promiseNamed, let p = context.promise, p.isOutstanding, let last = context.story.lastLetter,
              last.date > p.promise.lastDay, LetterFields.namesPromises(last.stage), (last.date, last.order) > (p.note.date, p.note.order)
        else { return nil }
        return (p, last)
    }

    /// Whether a letter asking only for a discount missed asks the client when they sent their
    /// payment (`inTimeAsk`): they may believe they paid in time. Not after a promise or plan
    /// about it broken, nor once they have answered a letter about it: they have had their say.
    static func asksWhenSent(_ v: [String: String], _ context: LetterContext, planFailed: Bool) -> Bool {
        context.onlyDiscounts && v["promise.broken"] == nil && !planFailed && context.choice.unanswered == context.choice.unpaidLetters
    }

    /// Whether the last thing heard from the client is a payment (for other work: one towards
    /// this would have answered the letters) within `cadence` min days: the letters that
    /// followed it are not yet a silence, and "I have not heard from you since your payment of"
    /// yesterday would read as a complaint about it.
    /// One that came back unpaid since is no silence either: the client acted.
    /// Nor is one made since our last letter, however long ago: the client acted after every
    /// letter we sent, and "I have not heard from you since your payment of …" would complain
    /// to them of the days since they paid, when no letter of ours has gone since.
    static func heardLately(_ story: ClientStory, settings: Settings) -> Bool {
        switch story.lastHeard {
        case .payment(let p)?, .returned(let p, _)?:
            story.asOf.days(since: p.date) <= settings.cadenceMin || story.lastLetter.map { ($0.date, $0.order) < (p.date, p.order) } ?? false
        case .contact?, .plan?, nil: false
        }
    }
}
