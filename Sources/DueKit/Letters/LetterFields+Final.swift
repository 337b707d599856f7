extension LetterFields {
    /// A final notice's `final.opening`, `final.close` and `final.contact`. Returns the words of a
    /// final notice the client answered, restated once the payments since are known
    /// (`restateFinalNotice`).
    static func finalNoticeFields(_ v: inout [String: String], _ context: LetterContext, fresh freshSinceLast: [Int]) -> String? {
        let stage = context.stage, choice = context.choice, story = context.story, ledger = context.ledger,
            sheet = context.sheet, asOf = context.asOf, chased = context.chased, currencies = context.currencies,
            last = context.last, workStart = context.workStart
        var restatement: String?
        if stage == .final {
            // A final notice the client answered is restated, not announced as new: their reply
            // is thanked for first, and they are not asked to get in touch when they did.
            let lastFinal = story.letters.last { $0.stage == .final }
            if let f = lastFinal, choice.repliedSinceLastLetter, choice.notWarnedBy == nil, let l = last, (f.date, f.order) == (l.date, l.order) {
                // It stands for what it was about; what has fallen due since is said apart.
                let stands: String
                // An invoice an earlier final notice was about, not this one, is said to stand
                // on that notice: each cited for what it named.
                let covered = freshSinceLast.count < chased.count ? chased.filter { !freshSinceLast.contains($0) } : chased
                var notices: [LetterSent] = []
                for i in covered {
                    let n = ledger.invoices[i]
                    let notice = story.letters.last { $0.stage == .final && ($0.invoices.isEmpty ? $0.date > n.due : $0.invoices.contains(n.number)) } ?? f
                    if !notices.contains(where: { ($0.date, $0.order) == (notice.date, notice.order) }) { notices.append(notice) }
                }
                notices.sort { ($0.date, $0.order) < ($1.date, $1.order) }
                let notice = notices.count > 1
                    ? "My final notices of " + list(notices.map { l in
                        let named = covered.map { ledger.invoices[$0].number }.filter { l.invoices.contains($0) }
                        return context.dated(l) + (named.isEmpty ? "" : " (about \(invoicePhrase(named)))")
                    }) + " still stand"
                    : "My final notice of \(context.dated(f)) still stands"
                if !freshSinceLast.isEmpty && freshSinceLast.count < chased.count {
                    let days = max(0, covered.map { asOf.days(since: ledger.invoices[$0].due) }.max() ?? 0)
                    let coveredCurrencies = Set(covered.map { ledger.invoices[$0].currency }).count
                    stands = "\(notice): today \(totals(covered, ledger: ledger, sheet: sheet)) \(coveredCurrencies > 1 ? "remain" : "remains") to be paid on \(invoicePhrase(covered.map { ledger.invoices[$0].number })), \(covered.count > 1 ? "the oldest " : "")\(Plural.count(days, "day")) past its due date."
                } else {
                    stands = "\(notice): today \(v["total"] ?? "") \(currencies.count > 1 ? "remain" : "remains") to be paid on \(v["invoices.phrase"] ?? ""), \(v["days.phrase"] ?? "")."
                }
                // Put together once the payments since are known: thanks first, then the notice.
                restatement = stands
                v["previous.letter"] = nil
            } else {
                // The notice that stands is the last one about these invoices: a later one about
                // other invoices alone (followed, say, by a demand over them) does not take its
                // place, nor hide that it was sent.
                let chasedNumbers = Set(chased.map { ledger.invoices[$0].number })
                let standingFinal = story.letters.last { $0.stage == .final && $0.invoices.contains(where: chasedNumbers.contains) }
                v["final.opening"] = "This is a final notice about \(v["invoices.phrase"] ?? ""): \(v["total"] ?? "") is still to pay, \(v["days.phrase"] ?? "")."
                // A final notice sent before, about work still open, was not the last letter
                // (a dispute acknowledgement or a letter about other invoices came after it):
                // this one is not news to the client, and says so.
                if let f = choice.notWarnedBy {
                    // That notice warned of a demand over the instalments missed by then, not
                    // over what the plan's end has left open: it does not stand for this.
                    v["final.opening"]! += " My final notice of \(context.dated(f)) asked only for the instalments of our payment plan missed by then; this one is about all that is open on \(v["invoices.phrase"] ?? "") now."
                } else if let f = standingFinal ?? lastFinal, workStart.map({ f.date >= $0 }) ?? false {
                    // Not for an invoice a plan agreed since has covered: the plan's dates replaced
                    // the notice's, and its end (`plan.ended`) is what makes the money due now.
                    let named = Set(f.invoices.array)
                    let covered = chased.filter { named.contains(ledger.invoices[$0].number) && !planAgreed(after: f, about: $0, story: story, ledger: ledger) }
                        .map { ledger.invoices[$0].number }
                    // The notice is cited for what it named; when that was more than it stands
                    // for now (one paid since), for which it still stands.
                    func stands(for numbers: [String], phrase: String) -> String {
                        let about = f.invoices.count > numbers.count ? "\(invoicePhrase(f.invoices.array)) still stands for \(phrase)" : "\(phrase) still stands"
                        return "My final notice of \(context.dated(f)) about \(about)"
                    }
                    if covered.count == chased.count {
                        // About the same invoices: "final notice" once, not twice in a row.
                        v["final.opening"] = "\(stands(for: covered, phrase: v["invoices.phrase"] ?? "")): \(v["total"] ?? "") is still to pay, \(v["days.phrase"] ?? "")."
                    } else if !covered.isEmpty {
                        v["final.opening"]! += " \(stands(for: covered, phrase: invoicePhrase(covered)))."
                    }
                }
                // A client who answered that notice (before or after the letter that came since,
                // a query settled with us among such answers) is not asked to get in touch.
                if !choice.finalAnswered {
                    v["final.close"] = "I would much rather settle this with you directly, so please do get in touch."
                    v["final.contact"] = ", or contact me before then to agree a date"
                }
            }
        }
        return restatement
    }

    /// A final notice's `final.unless`, and what it says once answers have brought no payment.
    /// Returns whether its opening counts the letters those answers were to.
    static func finalUnlessFields(_ v: inout [String: String], _ context: LetterContext, restatement: String?) -> Bool {
        let stage = context.stage, choice = context.choice, story = context.story, ledger = context.ledger,
            sheet = context.sheet, chased = context.chased
        var counted = false
        if stage == .final {
            // A client who has answered is waited on for the payment, not for word from them.
            v["final.unless"] = restatement == nil && !choice.finalAnswered ? "If I hear nothing by then" : "\(severalAmounts(chased, ledger: ledger) ? "If they have" : "If it has") not reached us by then"
            // Answered, and nothing paid: a reply no longer holds the demand back, and the
            // letter says so rather than inviting one more.
            if choice.stalled, choice.unpaidSince != nil {
                // Counted as the follow-up before it counted them (`LetterCount`), instalment
                // reminders among them: a final notice never tells of fewer letters than that did.
                if let opening = v["final.opening"], let count = LetterCount(chased: chased, story: story, ledger: ledger, sheet: sheet) {
                    // The latest letters may have gone unanswered (said next): the replies were to earlier ones.
                    let answered = v["unanswered"] == nil ? "you have answered" : "you answered the earlier ones"
                    counted = true
                    v["final.opening"] = opening + " I have written to you about it \(Plural.times(count.letters)) since \(count.since.date.longDescription); \(answered), but \(Self.nothingTowards(chased.count == 1 ? "it" : "them", named: v["invoices.phrase"] ?? "", period: "", count: count, ledger: ledger, sheet: sheet))."
                }
                v["final.unless"] = "\(severalAmounts(chased, ledger: ledger) ? "If they have" : "If it has") not reached us by then"
                v["final.contact"] = ""
                if v["final.close"] != nil { v["final.close"] = "I would much rather settle this with you directly; what is needed now is the payment." }
            }
        }
        return counted
    }

    /// A final notice that counts the letters answered without payment thanks for the last
    /// reply (`last.contact`, with any query it settled) before it, not after the count and
    /// the last letter: the thanks comes first, as in a final notice restated.
    static func thanksBeforeCount(_ v: inout [String: String], counted: Bool) {
        guard counted, let thanks = v["last.contact"], let opening = v["final.opening"] else { return }
        v["final.opening"] = thanks + " " + opening
        v["last.contact"] = nil
    }

    /// A final notice restated after the client's reply opens with the thanks for it and for
    /// their money, then the notice (`final.opening`).
    static func restateFinalNotice(_ v: inout [String: String], _ context: LetterContext, restatement: String?) {
        if let stands = restatement {
            v["final.opening"] = [v["last.contact"], v["payments.received"], stands].compactMap { $0 }.joined(separator: " ")
            v["last.contact"] = nil
            v["payments.received"] = nil
        }
    }
}
