extension LetterFields {
    /// `again` and `newly.due`: what an earlier letter asked for, and what has fallen due or come
    /// off hold since. Returns the invoices said to be new since the last letter, which the
    /// restated final notice and the end of a hold (`holdEndedField`) read.
    static func againFields(_ v: inout [String: String], _ context: LetterContext) -> [Int] {
        let stage = context.stage, choice = context.choice, story = context.story, ledger = context.ledger,
            sheet = context.sheet, asOf = context.asOf, chased = context.chased, last = context.last,
            s = context.settings
        // A follow-up says "again" only about invoices an earlier letter asked for; one that has
        // fallen due since is introduced as new, so no sentence claims a chase that never was.
        // A final notice or demand that takes in such an invoice says so too.
        var freshSinceLast: [Int] = []
        // A final notice threatens a demand, and a demand is about, only what a letter asked
        // for before it (a demand: what its final notice threatened over): one fallen due since,
        // or come off hold since, is asked for apart, kindly (`StageChoice.askedApart`), and
        // neither claimed on nor threatened over.
        if stage == .followUp || stage == .final || stage == .demand, let l = last {
            // A follow-up continuing from a final notice or demand about other invoices asks
            // again for what that letter asked for apart; the rest fell due since.
            let apartBy = stage == .followUp ? choice.continuesFrom : nil
            let before = apartBy.map { StageChooser.askedApart(by: $0, among: chased, story: story, ledger: ledger, sheet: sheet) }
                ?? (stage == .followUp ? askedBefore(chased, story: story, ledger: ledger, sheet: sheet) : chased)
            let fresh = stage == .followUp ? chased.filter { !before.contains($0) } : choice.askedApart
            freshSinceLast = fresh
            if stage == .followUp {
                let numbers = before.map { ledger.invoices[$0].number }
                let days = max(0, before.map { asOf.days(since: ledger.invoices[$0].due) }.max() ?? 0)
                let late = (before.count > 1 ? "the oldest " : "now ") + "\(Plural.count(days, "day")) past its due date"
                // The letters cited are those that last asked for each of these invoices, not a
                // dispute acknowledgement or plan offer since, which asked for none of it, nor a
                // later letter about other work that listed one of them as on hold.
                var cited: [LetterSent] = []
                for i in before {
                    let inv = ledger.invoices[i]
                    let asker = story.letters.last { a in
                        a.stage.asksForMoney && (a.invoices.isEmpty ? a.date > inv.due : a.invoices.contains(inv.number))
                    }
                    if let a = asker, !cited.contains(where: { $0.date == a.date }) { cited.append(a) }
                }
                if cited.isEmpty { cited = [story.letters.last { $0.stage.asksForMoney } ?? l] }
                cited.sort { ($0.date, $0.order) < ($1.date, $1.order) }
                // With them, every letter between the first and the last of them that asked for
                // money: each showed these invoices, the first still open (one as promised, say,
                // beside what it asked for). "My letters of 10 April and 14 May" would tell a
                // client who also had one of 30 April that it never went.
                if let first = cited.first, let latest = cited.last {
                    cited = story.letters.filter { a in
                        a.stage.asksForMoney && (a.date, a.order) >= (first.date, first.order) && (a.date, a.order) <= (latest.date, latest.order)
                    }.reduce(into: []) { kept, a in if !kept.contains(where: { $0.date == a.date }) { kept.append(a) } }
                }
                let letters = myLetters(cited, client: story.client, files: ledger.files)
                // Money paid, credited or waived on them since: "still shows" would say the
                // letter asked for the figure open today. What remains is said instead. A loss
                // written off changes nothing a letter asks for (3.8): the figure stands.
                let numbersSet = Set(numbers), since = cited[0]
                func after(_ date: Day, _ order: Int) -> Bool { (date, order) > (since.date, since.order) }
                let changed = story.payments.contains { after($0.date, $0.order) && paidAny(by: $0, ledger: ledger, sheet: sheet, where: numbersSet.contains) }
                    || story.credits.contains { after($0.date, $0.order) && paidAny(by: $0, ledger: ledger, sheet: sheet, where: numbersSet.contains) }
                    || story.writeOffs.indices32.contains { k in
                        let w = ledger.writeOffs[Int(k)]
                        return after(w.date, w.order) && numbersSet.contains(w.invoice) && ClientStory.isWaived(Int(k), sheet: sheet)
                    }
                if let firm = apartBy {
                    // What that letter asked, with its date: the client's last word from us about
                    // these invoices, which a "letter" of that day about other work would hide.
                    let on = before.count == 1 ? "on it, now" : "on them, the oldest"
                    let past = "\(Plural.count(days, "day")) past its due date"
                    let open = totals(before, ledger: ledger, sheet: sheet)
                    let several = Set(before.map { ledger.invoices[$0].currency }).count > 1
                    v["again"] = askedApartSentence(firm, numbers, context)
                        + (changed ? "; \(open) \(several ? "remain" : "remains") open \(on) \(past)."
                            : ", and that payment has not reached us: \(open) \(several ? "are" : "is") still open \(on) \(past).")
                } else if context.onlyDiscounts {
                    // A difference over terms, not work left unpaid: not told how long past due.
                    // A letter sent before the payment that left it asked for the whole invoice,
                    // and is not said to have been about a discount.
                    let one = before.count == 1
                    let remain = Set(before.map { ledger.invoices[$0].currency }).count > 1 ? "remain" : "remains"
                    let aboutDiscounts = context.missedDiscounts.arose(before).map { !after($0.date, $0.order) } ?? true
                    v["again"] = aboutDiscounts
                        ? "Following \(letters) about the early-payment \(one ? "discount" : "discounts") missed on \(one ? "invoice" : "invoices") \(list(numbers)), \(totals(before, ledger: ledger, sheet: sheet)) \(remain) open on \(one ? "it" : "them")."
                        : "Following \(letters), \(totals(before, ledger: ledger, sheet: sheet)) \(remain) open on \(one ? "invoice" : "invoices") \(list(numbers))."
                } else if changed {
                    v["again"] = "Following \(letters), \(totals(before, ledger: ledger, sheet: sheet)) \(Set(before.map { ledger.invoices[$0].currency }).count > 1 ? "remain" : "remains") open on \(before.count == 1 ? "invoice" : "invoices") \(list(numbers)), \(late)."
                } else {
                    v["again"] = "Following \(letters), \(before.count == 1 ? "invoice" : "invoices") \(list(numbers)) still \(before.count == 1 ? "shows" : "show") \(totals(before, ledger: ledger, sheet: sheet)) open, \(late)."
                }
            }
            if !fresh.isEmpty {
                // One the last letter said falls due that day has not fallen due since: it is
                // past due now.
                let onLetterDay = fresh.filter { ledger.invoices[$0].due == l.date }
                // One already past due then was on hold (a query, a plan): it did not fall due since.
                var held = fresh.filter { ledger.invoices[$0].due < l.date }
                let later = fresh.filter { ledger.invoices[$0].due > l.date }
                // Unless it fell due after the last letter that asked for money, and was neither
                // queried nor in a plan: a dispute acknowledgement since did not hold it back,
                // and it is news like one fallen due since.
                let ended = Set(PlanProgress.allEnded(story, ledger: ledger, sheet: sheet).flatMap(\.covered))
                let asker = story.letters.last { $0.stage.asksForMoney }
                let sinceAsk = asker.map { a in
                    held.filter { i in
                        ledger.invoices[i].due > a.date && !sheet.wasDisputed(ledger.invoices[i].number) && !ended.contains(i)
                    }
                } ?? []
                held.removeAll(where: sinceAsk.contains)
                // One the final notice before a demand, or before a final notice restated, asked
                // for apart (past due on its day, neither queried nor in a plan): that notice did
                // ask for it, by its own date, though it threatened nothing over it.
                let finalNotice = stage == .demand ? story.letters.last { $0.stage == .final }
                    : stage == .final ? story.letters.last { ($0.stage.rung ?? 0) >= 1 }.flatMap { $0.stage == .final ? $0 : nil } : nil
                // So did one it threatened over that a demand leaves out, its currency below its
                // demand minimum (3.2): "my last letter did not ask for" it would be untrue.
                let apartInFinal = finalNotice.map { f -> [Int] in
                    let apart = StageChooser.askedApart(by: f, among: held, story: story, ledger: ledger, sheet: sheet).filter { !ended.contains($0) }
                    let named = stage == .demand ? held.filter { f.invoices.contains(ledger.invoices[$0].number) && !apart.contains($0) } : []
                    return (apart + named).sorted()
                } ?? []
                held.removeAll(where: apartInFinal.contains)
                func item(_ i: Int, due: Bool) -> String { invoiceItem(i, due: due, ledger: ledger, sheet: sheet) }
                var said: [String] = []
                if !onLetterDay.isEmpty {
                    let items = onLetterDay.map { item($0, due: false) }
                    said.append(onLetterDay.count == 1
                        ? "Invoice \(items[0]), which fell due on the day of my last letter, is now past due as well"
                        : "Invoices \(list(items)), which fell due on the day of my last letter, are now past due as well")
                }
                // Held by a query we acknowledged and the file says is settled: the hold is said
                // to have ended, once, here (not again beside it).
                let endedHolds = held.compactMap { i in context.holdEndedByFile(ledger.invoices[i].number).map { (i, $0) } }
                held.removeAll { i in endedHolds.contains { $0.0 == i } }
                for (ack, group) in Dictionary(grouping: endedHolds, by: \.1).sorted(by: { ($0.key.date, $0.key.order) < ($1.key.date, $1.key.order) }) {
                    let items = group.map { item($0.0, due: true) }
                    said.append((group.count == 1 ? "invoice \(items[0])" : "invoices \(list(items))")
                        + ", on hold since my letter of \(context.dated(ack)) while we looked into the \(group.count == 1 ? "query about it, is" : "queries about them, are") no longer on hold")
                }
                if let f = finalNotice, !apartInFinal.isEmpty {
                    let items = apartInFinal.map { item($0, due: true) }
                    let asked = "which my final notice of \(context.dated(f)) asked you to pay by \(s.replyBy(f.date).longDescription)"
                    said.append((apartInFinal.count == 1 ? "invoice \(items[0]), \(asked), is" : "invoices \(list(items)), \(asked), are") + " still to be paid")
                }
                if !held.isEmpty {
                    let items = held.map { item($0, due: true) }
                    let queried = held.allSatisfy { sheet.wasDisputed(ledger.invoices[$0].number) }
                    // A plan's invoices: the last letter may have asked for a missed instalment
                    // of theirs, but not for the invoices.
                    let why = queried ? (held.count == 1 ? "which was on hold while we settled the query about it" : "which were on hold while we settled the queries about them")
                        : held.allSatisfy(ended.contains) ? "which our payment plan covered until now" : "which my last letter did not ask for"
                    said.append((held.count == 1 ? "invoice \(items[0]), \(why), is" : "invoices \(list(items)), \(why), are") + " now to be paid too")
                }
                if !later.isEmpty {
                    let items = later.map { item($0, due: true) }
                    said.append((later.count == 1 ? "invoice \(items[0]) has" : "invoices \(list(items)) have") + " also fallen due since my last letter")
                }
                if let a = asker, !sinceAsk.isEmpty {
                    let items = sinceAsk.map { item($0, due: true) }
                    said.append((sinceAsk.count == 1 ? "invoice \(items[0]) has" : "invoices \(list(items)) have") + " also fallen due since my letter of \(context.dated(a))")
                }
                // Two parts read as one sentence; more, one sentence each, the total last.
                func capitalised(_ t: String) -> String { t.prefix(1).uppercased() + t.dropFirst() }
                let sentence = said.count <= 2 ? capitalised(said.joined(separator: ", and ")) : said.map(capitalised).joined(separator: ". ")
                let them = fresh.count == 1 ? "it" : "them"
                let ending = stage == .followUp ? (said.count <= 2 ? ", so the total now due is \(v["total"] ?? "")." : ". The total now due is \(v["total"] ?? "").")
                    : ". \(fresh.count == 1 ? "It is" : "They are") not part of this \(stage == .demand ? "demand" : "notice"); please pay \(them) by \(v["reply.by"] ?? "") as well."
                v["newly.due"] = sentence + ending
            }
        }
        return freshSinceLast
    }
}
