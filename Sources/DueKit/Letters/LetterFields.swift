/// The values a template's placeholders take for one letter. Every name here is documented in
/// grammar.md §7.4; a template naming anything else is an error (E501).
///
/// Every figure comes from the balance sheet (`BalanceEngine`), the one model of what is owed;
/// every sentence is true as of the as-of date or is left out. What a note says stays private:
/// letters refer to notes by their date and channel only.
public enum LetterFields {
    public static let names: [String] = [
        "date", "reply.by", "stage", "reason",
        "sender.name", "sender.contact", "sender.email", "sender.phone", "sender.address",
        "sender.bank", "sender.website", "sender.tax-id", "sender.block", "signature",
        "client.id", "client.name", "client.contact", "client.salutation", "client.email",
        "client.address", "client.block",
        "invoices.table", "invoices.list", "invoices.phrase", "invoices.count", "invoices.the", "invoices.it", "total", "total.asked", "total.open", "days.overdue",
        "days.phrase", "total.overdue", "total.not-yet-due", "total.split", "not-yet-due",
        "on.hold", "again", "newly.due", "last.contact", "last.letter", "previous.letter", "last.letter.date", "last.letter.stage", "unanswered",
        "payments.received", "credits", "writeoffs", "discount.missed", "dispute.resolved",
        "promise.broken", "promise.kept", "settlement", "feedback.ask", "thanks.close", "promise.status", "promise.date", "promise.by", "promise.amount", "promise.received",
        "follow-up.note", "follow-up.difficulty", "plan.offered", "courtesy.title", "courtesy.due", "courtesy.check", "courtesy.before", "reminder.title", "reminder.opening", "reminder.close", "plan.ended", "plan.outside", "final.opening", "final.close", "final.contact", "final.unless",
        "methods", "bank", "credit.on-account", "credit.used", "statement.intro", "plan.table", "plan.title", "plan.adjust", "plan.others", "plan.next", "plan.missed", "plan.reminded", "plan.opening", "plan.by", "dispute.list", "dispute.opening", "dispute.title", "dispute.plan",
        "claim.terms", "claim.table", "claim.total", "claim.note", "claim.costs", "claim.amount", "claim.asked", "claim.unless", "claim.if", "claim.breakdown", "history", "history.about",
    ]

    /// A hard line break in Markdown: lines of an address stay lines when the draft is rendered.
    static let lineBreak = "  \n"

    public static func values(stage: LetterStage, choice: StageChoice, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> [String: String] {
        let asOf = story.asOf
        let client = story.client
        let sender = ledger.sender
        let s = ledger.settings
        var v: [String: String] = [:]
        v["date"] = asOf.longDescription
        v["reply.by"] = s.replyBy(asOf).longDescription
        v["stage"] = stage.title
        v["reason"] = choice.reason

        let open = story.open
        let chased = choice.chased.isEmpty ? open : choice.chased
        let chasedSet = Set(chased)
        let currencies = Array(Set((chased.isEmpty ? open : chased).map { ledger.invoices[$0].currency })).sorted()

        // Names and addresses are the ledger's text, shown as written: a `*` in a name is not
        // emphasis in the draft (`asText`).
        let t = asText
        v["sender.name"] = t(sender?.name ?? "")
        v["sender.contact"] = t(sender?.contact ?? "")
        v["sender.email"] = sender?.email ?? ""
        v["sender.phone"] = sender?.phone ?? ""
        v["sender.address"] = sender?.address.map(t).joined(separator: lineBreak) ?? ""
        v["sender.website"] = sender?.website ?? ""
        v["sender.tax-id"] = sender?.taxID ?? ""
        if let sender {
            var block = [sender.name] + sender.address
            let reach = [sender.email, sender.phone].compactMap { $0 }
            if !reach.isEmpty { block.append(reach.joined(separator: " · ")) }
            v["sender.block"] = block.map(t).joined(separator: lineBreak)
            var sig = [sender.contact, sender.name].compactMap { $0 }
            if !reach.isEmpty { sig.append(reach.joined(separator: " · ")) }
            v["signature"] = sig.map(t).joined(separator: lineBreak)
        }

        v["client.id"] = client.id
        v["client.name"] = t(client.name)
        v["client.contact"] = t(client.contact ?? "")
        v["client.salutation"] = t(client.salutation)
        v["client.email"] = client.email ?? ""
        v["client.address"] = client.address.map(t).joined(separator: lineBreak)
        v["client.block"] = client.addressBlock.map(t).joined(separator: lineBreak)

        let disputed = Set(story.openDisputes.keys)
        let plans = ClientPlans(story, ledger: ledger, sheet: sheet)
        let plan = plans.active
        // Every running plan's invoices are on hold, not only those of the plan spoken of.
        let planned = plans.covered
        let notYetDue = open.filter { !chasedSet.contains($0) && ledger.invoices[$0].due >= asOf && !disputed.contains(ledger.invoices[$0].number) && !planned.contains($0) }
        // A plan offer spreads what it asks about, a plan's invoices among them: in its table
        // they are past due or not, not "in the payment plan".
        v["invoices.table"] = table(open, ledger: ledger, sheet: sheet, asOf: asOf, disputed: disputed, planned: stage == .planOffer ? planned.subtracting(chasedSet) : planned, chased: chasedSet, apart: Set(choice.askedApart), apartFrom: stage == .demand ? "demand" : "notice", demanded: Set(choice.underDemand.map(\.invoice)), leftovers: Set(choice.leftovers), discounts: Set(choice.discountsAside?.invoices ?? []))
        v["invoices.list"] = list(chased.map { ledger.invoices[$0].number })
        v["invoices.count"] = String(chased.count)
        // Of all the letter asks to be paid: a plan's missed instalments asked for beside the
        // chased invoice are money on other invoices ("these invoices", not "the invoice").
        let askedCount = Set(chased + choice.alsoAsked).count
        v["invoices.the"] = askedCount == 1 ? "the invoice" : "these invoices"
        v["invoices.it"] = askedCount == 1 ? "it" : "them"
        v["invoices.phrase"] = invoicePhrase(chased.map { ledger.invoices[$0].number })
        v["total"] = totals(chased, ledger: ledger, sheet: sheet)
        v["total.asked"] = v["total"]
        v["total.heading"] = v["total"]
        v["total.open"] = totals(open, ledger: ledger, sheet: sheet)
        v["total.overdue"] = totals(open.filter { ledger.invoices[$0].due < asOf }, ledger: ledger, sheet: sheet)
        v["total.not-yet-due"] = totals(open.filter { ledger.invoices[$0].due >= asOf }, ledger: ledger, sheet: sheet)
        let days = max(0, chased.map { asOf.days(since: ledger.invoices[$0].due) }.max() ?? 0)
        v["days.overdue"] = String(days)
        v["days.phrase"] = (chased.count > 1 ? "the oldest " : "") + "\(Plural.count(days, "day")) past its due date"

        if stage == .courtesy {
            // On the due date itself the date is not "close": the note says it is today.
            let today = chased.filter { ledger.invoices[$0].due == asOf }.map { ledger.invoices[$0].number }
            let later = chased.filter { ledger.invoices[$0].due != asOf }
            // Once part is paid the sum is what is still open, not what the invoice was for.
            let partPaid = chased.contains { sheet.invoices[$0].owed < sheet.invoices[$0].total }
            if today.isEmpty {
                v["courtesy.title"] = chased.count == 1 ? "Invoice falling due soon" : "Invoices falling due soon"
                // The date and the sum in the sentence itself: "is close" alone sent the reader
                // to the table for both.
                let amount = v["total"].map { partPaid ? ", with \($0) still open," : chased.count == 1 ? ", for \($0)," : ", for \($0) in all," } ?? ""
                let dates = chased.map { "\(ledger.invoices[$0].number) on \(ledger.invoices[$0].due.longDescription)" }
                v["courtesy.due"] = chased.count == 1
                    ? "\(v["invoices.phrase"] ?? "")\(amount) falls due on \(ledger.invoices[chased[0]].due.longDescription)"
                    : "\(v["invoices.phrase"] ?? "")\(amount) fall due soon (\(list(dates)))"
                v["courtesy.before"] = " before the due date"
            } else {
                v["courtesy.title"] = !later.isEmpty ? "Invoices falling due" : today.count == 1 ? "Invoice falling due today" : "Invoices falling due today"
                let dates = later.map { "\(ledger.invoices[$0].number) on \(ledger.invoices[$0].due.longDescription)" }
                if later.isEmpty {
                    let amount = v["total"].map { partPaid ? ", with \($0) still open," : today.count == 1 ? ", for \($0)," : ", for \($0) in all," } ?? ""
                    v["courtesy.due"] = invoicePhrase(today) + amount + (today.count == 1 ? " falls" : " fall") + " due today"
                } else {
                    let amount = v["total"].map { partPaid ? " (\($0) still open in all)" : " (\($0) in all)" } ?? ""
                    v["courtesy.due"] = invoicePhrase(today) + (today.count == 1 ? " falls" : " fall") + " due today and \(later.count == 1 ? "invoice" : "invoices") \(list(dates))" + amount
                }
                v["courtesy.before"] = ""
            }
            // Money already sent towards every invoice says they reached the client: asking
            // whether they did would read as unread.
            // Of some only: the others are named.
            // Money already held on account that went to one when it was issued is no sign
            // that it reached them: they sent it for other work.
            let unpaid = chased.filter { sheet.invoices[$0].paid + sheet.invoices[$0].credited <= (sheet.fromAccount[$0] ?? 0) }
            v["courtesy.check"] = unpaid.isEmpty ? ""
                : unpaid.count == chased.count ? ", and I wanted to make sure \(v["invoices.the"] ?? "the invoice") reached the right person"
                : ", and I wanted to make sure \(invoicePhrase(unpaid.map { ledger.invoices[$0].number })) reached the right person"
        }
        let asks = stage != .statement && stage != .dispute && stage != .courtesy && stage != .thanks
        if asks && !notYetDue.isEmpty {
            // Money due today is neither overdue nor "not yet due": it is said as it is.
            let today = notYetDue.filter { ledger.invoices[$0].due == asOf }
            let later = notYetDue.filter { ledger.invoices[$0].due > asOf }
            var said: [String] = []
            if !today.isEmpty {
                let items = today.map { invoiceItem($0, due: false, ledger: ledger, sheet: sheet) }
                said.append(today.count == 1
                    ? "Invoice \(items[0]) falls due today; it is not part of what I am asking for now."
                    : "Invoices \(list(items)) fall due today; they are not part of what I am asking for now.")
            }
            if !later.isEmpty {
                let items = later.map { invoiceItem($0, due: true, ledger: ledger, sheet: sheet) }
                // Beside money due today, which was said not to be asked for, that is not said twice.
                let asked = today.isEmpty ? (later.count == 1 ? ", and it is not part of what I am asking for now" : ", and they are not part of what I am asking for now") : ""
                said.append(later.count == 1
                    ? "Invoice \(items[0]) is listed for completeness only: it is not yet due\(asked)."
                    : "Invoices \(list(items)) are listed for completeness only: they are not yet due\(asked).")
            }
            v["not-yet-due"] = said.joined(separator: " ")
        }
        // An instalment reminder is about the plan; invoices outside it that are past due are
        // in its table too, and are asked for in so many words rather than left unexplained.
        if stage == .instalment, let plan {
            // Another plan that has fallen behind too is asked for in the same letter, named.
            let others = plans.askingMissed.filter { $0.plan.order != plan.plan.order }
            if !others.isEmpty {
                v["plan.others"] = others.map { p in
                    let them = p.overdue.instalments.count > 1 ? "them" : "it"
                    // Chased before: the letter that did is named, as a second reminder names it.
                    let first = p.overdue.instalments.first!.date
                    let wrote = story.letters.last { $0.date > first && ($0.stage == .instalment || ($0.stage.rung ?? 0) >= 1) && p.isAbout($0, ledger: ledger) && !$0.invoices.isEmpty }
                    return "Under \(p.named(in: ledger)), \(p.missedClause(either: true))"
                        + (wrote.map { ", though I wrote to you about \(them) on \($0.date.longDescription)" } ?? "")
                        + "; please send \(them) too."
                }.joined(separator: " ")
            }
        }
        if stage == .instalment {
            let outside = open.filter { ledger.invoices[$0].due < asOf && !planned.contains($0) && !disputed.contains(ledger.invoices[$0].number) }
            if !outside.isEmpty {
                // What is asked for them follows what our letters last said of them: a final
                // notice or demand still stands (asking "as usual" would take it back), and a
                // date an earlier letter gave that is still to come is not replaced by a second.
                var groups: [(said: OutsideSaid, invoices: [Int])] = []
                for i in outside {
                    let said = OutsideSaid(ledger.invoices[i], letters: story.letters, replyBy: s.replyBy)
                    if let k = groups.firstIndex(where: { $0.said == said }) { groups[k].invoices.append(i) } else { groups.append((said, [i])) }
                }
                v["plan.outside"] = groups.map { group in
                    let items = group.invoices.map { invoiceItem($0, due: true, ledger: ledger, sheet: sheet) }
                    let one = group.invoices.count == 1
                    let it = one ? "it" : "them"
                    let opening = one
                        ? "Invoice \(items[0]), which is not part of the plan, is past due as well"
                        : "Invoices \(list(items)), which are not part of the plan, are past due as well"
                    switch group.said {
                    case .nothing:
                        return opening + "; please pay \(it) as usual."
                    case .asked(let l):
                        let by = s.replyBy(l.date)
                        return by >= asOf
                            // A follow-up asked when payment would come, not for payment by then.
                            ? opening + (l.stage == .followUp
                                ? "; my letter of \(l.date.longDescription) asked you to tell me by \(by.longDescription) when you would pay \(it)."
                                : "; my letter of \(l.date.longDescription) asked you to pay \(it) by \(by.longDescription).")
                            : opening + ", and I wrote to you about \(it) on \(l.date.longDescription); please pay \(it) by \(s.replyBy(asOf).longDescription)."
                    case .stands(let l):
                        let by = s.replyBy(l.date)
                        return opening + ", and my \(l.stage.title) of \(l.date.longDescription) about \(it) still stands"
                            + (by >= asOf ? ": please pay \(it) by \(by.longDescription), the date it gave." : ".")
                    }
                }.joined(separator: " ")
            }
        }
        // A plan offer covers the whole balance the client asked for time on; what of it is
        // past due and what is not is said plainly.
        if stage == .planOffer {
            let later = chased.filter { ledger.invoices[$0].due >= asOf }
            let past = chased.filter { ledger.invoices[$0].due < asOf }
            if !later.isEmpty {
                // Each due date with what falls due on it, in date order ("700.00 GBP falls due on
                // 19 February 2026 and 500.00 EUR on 12 March 2026"): amounts in two currencies,
                // or on two dates, are never run together. The letter's own date is "today", as
                // the table says.
                let byDate = Dictionary(grouping: later) { ledger.invoices[$0].due }.sorted { $0.key < $1.key }
                let parts = byDate.enumerated().map { k, group -> String in
                    let when = group.key == asOf ? "today" : "on \(group.key.longDescription)"
                    let amount = totals(group.value, ledger: ledger, sheet: sheet)
                    let several = Set(group.value.map { ledger.invoices[$0].currency }).count > 1
                    return k == 0 ? "\(amount) \(several ? "fall" : "falls") due \(when)" : "\(amount) \(when)"
                }
                v["total.split"] = past.isEmpty
                    ? "None of it is past due yet: " + (byDate.count == 1 ? "it falls due \(byDate[0].key == asOf ? "today" : "on \(byDate[0].key.longDescription)")." : list(parts) + ".")
                    : "Of the \(totals(chased, ledger: ledger, sheet: sheet)) to spread, \(totals(past, ledger: ledger, sheet: sheet)) \(Set(past.map { ledger.invoices[$0].currency }).count > 1 ? "are" : "is") past due and \(list(parts))."
            }
        }
        let onHold = open.filter { !chasedSet.contains($0) && (disputed.contains(ledger.invoices[$0].number) || planned.contains($0)) }
        /// The sentence that says `invoices` (on hold) are listed but not asked for, and why.
        func notAskedFor(_ invoices: [Int]) -> String {
            let held = invoices.map { ledger.invoices[$0].number }
            // A query the client raised is theirs; one only noted for the file is not said to be.
            let theirs = held.allSatisfy { story.openDisputes[$0]?.isContact ?? true }
            let query = theirs ? "your query" : "the query"
            let why = invoices.allSatisfy({ disputed.contains(ledger.invoices[$0].number) }) ? "while we settle \(theirs || held.count == 1 ? query : "the queries") about \(held.count == 1 ? "it" : "them")"
                : invoices.allSatisfy({ planned.contains($0) }) ? "as \(held.count == 1 ? "it is" : "they are") covered by our payment plan\(plans.several && held.count > 1 ? "s" : "")"
                : "while \(query) is settled or the payment plan runs"
            return "The table also lists \(invoicePhrase(held)); we are not asking for \(held.count == 1 ? "it" : "them") here, \(why)."
        }
        if !onHold.isEmpty && stage != .statement && stage != .dispute && stage != .instalment {
            v["on.hold"] = notAskedFor(onHold)
        }

        // The previous letter, and what has happened since it.
        let last = story.lastLetter
        if let l = last {
            v["last.letter"] = "I last wrote to you on \(l.date.longDescription) (\(l.stage.article) \(l.stage.title)\(l.invoices.isEmpty ? "" : " about \(l.invoices.count == 1 ? "invoice" : "invoices") \(list(l.invoices.array))"))."
            v["last.letter.date"] = l.date.longDescription
            v["last.letter.stage"] = l.stage.title
            // A dispute acknowledgement sets out the facts of the open account: a letter about
            // work long settled is not one of them.
            if stage == .dispute, let oldest = open.map({ ledger.invoices[$0].issued }).min(), l.date < oldest,
               !open.contains(where: { l.invoices.contains(ledger.invoices[$0].number) }) {
                v["last.letter"] = nil
            }
        }
        // A follow-up says "again" only about invoices an earlier letter asked for; one that has
        // fallen due since is introduced as new, so no sentence claims a chase that never was.
        // A final notice or demand that takes in such an invoice says so too.
        // A query our acknowledgement put on hold and the user marked resolved in a note for the
        // file since our last letter: the date of that acknowledgement. The client is told the
        // hold has ended, without words put in their mouth about how it was settled.
        // The notes that could end one, picked once: most letters have none to ask about.
        let fileResolutions = story.notes(after: last).filter { !$0.isContact && !$0.resolutions.isEmpty }
        func holdEndedByFile(_ number: String) -> Day? {
            for n in fileResolutions where n.resolutions.contains(where: { $0.invoice == number }) {
                if let ack = story.letters.last(where: { $0.stage == .dispute && $0.date <= n.date && $0.invoices.contains(number) }) { return ack.date }
            }
            return nil
        }
        var freshSinceLast: [Int] = []
        // A final notice threatens a demand, and a demand is about, only what a letter asked
        // for before it (a demand: what its final notice threatened over): one fallen due since,
        // or come off hold since, is asked for apart, kindly (`StageChoice.askedApart`), and
        // neither claimed on nor threatened over.
        if stage == .followUp || stage == .final || stage == .demand, let l = last {
            let before = stage == .followUp ? askedBefore(chased, story: story, ledger: ledger, sheet: sheet) : chased
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
                let letters = cited.count == 1 ? "my letter of \(cited[0].date.longDescription)" : "my letters of \(list(cited.map(\.date.longDescription)))"
                // Money paid, credited or waived on them since: "still shows" would say the
                // letter asked for the figure open today. What remains is said instead. A loss
                // written off changes nothing a letter asks for (3.8): the figure stands.
                let numbersSet = Set(numbers), since = cited[0]
                func after(_ date: Day, _ order: Int) -> Bool { (date, order) > (since.date, since.order) }
                let changed = story.payments.contains { after($0.date, $0.order) && invoicesPaid(by: $0, ledger: ledger, sheet: sheet).contains(where: numbersSet.contains) }
                    || story.credits.contains { after($0.date, $0.order) && invoicesPaid(by: $0, ledger: ledger, sheet: sheet).contains(where: numbersSet.contains) }
                    || story.writeOffs.indices32.contains { k in
                        let w = ledger.writeOffs[Int(k)]
                        return after(w.date, w.order) && numbersSet.contains(w.invoice) && ClientStory.isWaived(Int(k), sheet: sheet)
                    }
                if changed {
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
                let apartInFinal = finalNotice.map { f in
                    StageChooser.askedApart(by: f, among: held, story: story, ledger: ledger, sheet: sheet).filter { !ended.contains($0) }
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
                let endedHolds = held.compactMap { i in holdEndedByFile(ledger.invoices[i].number).map { (i, $0) } }
                held.removeAll { i in endedHolds.contains { $0.0 == i } }
                for (ack, group) in Dictionary(grouping: endedHolds, by: \.1).sorted(by: { $0.key < $1.key }) {
                    let items = group.map { item($0.0, due: true) }
                    said.append((group.count == 1 ? "invoice \(items[0])" : "invoices \(list(items))")
                        + ", on hold since my letter of \(ack.longDescription) while we looked into the \(group.count == 1 ? "query about it, is" : "queries about them, are") no longer on hold")
                }
                if let f = finalNotice, !apartInFinal.isEmpty {
                    let items = apartInFinal.map { item($0, due: true) }
                    let asked = "which my final notice of \(f.date.longDescription) asked you to pay by \(s.replyBy(f.date).longDescription)"
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
                    said.append((sinceAsk.count == 1 ? "invoice \(items[0]) has" : "invoices \(list(items)) have") + " also fallen due since my letter of \(a.date.longDescription)")
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
        let promise = choice.promise
        // A promise not kept is named once, in the first letter after its day: repeated in every
        // later letter it would read as a reproach (a demand's history still lists it).
        // Named once, in the first letter after its day that names promises: a dispute
        // acknowledgement, a plan offer or a courtesy note between does not.
        let promiseNamed = promise.map { p in p.isOutstanding && !story.contactLetters.contains { $0.date > p.promise.by && Self.namesPromises($0.stage) } } ?? false
        // Thanks for a contact only when it answered our last letter, and never for the very
        // conversation whose promise was broken: that would read as irony.
        // Nor for one older than the work the letter is about: months-old contact about other
        // work would read as if it concerned this.
        let workStart = open.map { ledger.invoices[$0].issued }.min()
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
                // Money for other work since, which the letter thanks for, is not denied.
                let otherMoney = story.payments.contains { ($0.date, $0.order) > (first.date, first.order) }
                let none = otherMoney ? "no payment towards \(v["invoices.phrase"] ?? "them")" : "no payment"
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
                    let letters = list(runs.map { "\($0.stage.title)\($0.dates.count > 1 ? "s" : "") of \(list($0.dates))" }, or: true)
                    v["unanswered"] = "I have had no reply to my \(letters), and \(none) has arrived since."
                } else {
                    let dates = list(unanswered.map { $0.date.longDescription })
                    v["unanswered"] = "I have had no reply to my \(unanswered.count == 1 ? "letter" : "letters") of \(dates), and \(none) has arrived since."
                }
            }
        }
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
                v["previous.letter"] = "My \(l.stage.title) of \(l.date.longDescription) also asked you to pay \(invoicePhrase(apart)) by \(s.replyBy(l.date).longDescription), and that payment has not reached us."
            }
        }

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
                        return l.date.longDescription + (named.isEmpty ? "" : " (about \(invoicePhrase(named)))")
                    }) + " still stand"
                    : "My final notice of \(f.date.longDescription) still stands"
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
                    v["final.opening"]! += " My final notice of \(f.date.longDescription) asked only for the instalments of our payment plan missed by then; this one is about all that is open on \(v["invoices.phrase"] ?? "") now."
                } else if let f = standingFinal ?? lastFinal, workStart.map({ f.date >= $0 }) ?? false {
                    let named = Set(f.invoices.array)
                    let covered = chased.map { ledger.invoices[$0].number }.filter { named.contains($0) }
                    if covered.count == chased.count {
                        // About the same invoices: "final notice" once, not twice in a row.
                        v["final.opening"] = "My final notice of \(f.date.longDescription) about \(v["invoices.phrase"] ?? "") still stands: \(v["total"] ?? "") is still to pay, \(v["days.phrase"] ?? "")."
                    } else if !covered.isEmpty {
                        v["final.opening"]! += " My final notice of \(f.date.longDescription) about \(invoicePhrase(covered)) still stands."
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

        if stage == .demand && choice.stalled && v["unanswered"] == nil, let f = story.letters.last(where: { $0.stage == .final }) {
            // The client's word since may have been about other work alone (a query about an
            // invoice this demand does not claim, settled with us): that did not answer the
            // notice, and the letter says what it was about rather than that it did.
            let named = Set(f.invoices.array)
            let words = story.notes(after: f).filter(\.isContact)
            let paid = story.payments.contains { ($0.date, $0.order) > (f.date, f.order) && ClientStory.answers($0, about: named.isEmpty ? nil : named, ledger: ledger) }
            let about = Array(Set(words.flatMap { $0.disputes.map(\.invoice) + $0.resolutions.map(\.invoice) })).sorted()
            let answered = named.isEmpty || paid || words.contains { ClientStory.answers($0, about: named) }
            v["unanswered"] = "My final notice of \(f.date.longDescription) asked for payment by \(s.replyBy(f.date).longDescription). "
                + (answered || about.isEmpty
                    ? "You have answered since, but no payment has arrived."
                    : "You have been in touch since about \(invoicePhrase(about)), but no payment of \(invoicePhrase(f.invoices.array)) has arrived.")
        }
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
                    v["final.opening"] = opening + " I have written to you about it \(Plural.times(count.letters)) since \(count.since.date.longDescription); \(answered), but \(Self.nothingTowards(chased.count == 1 ? "it" : "them", named: v["invoices.phrase"] ?? "", period: "", count: count, ledger: ledger, sheet: sheet))."
                }
                v["final.unless"] = "\(severalAmounts(chased, ledger: ledger) ? "If they have" : "If it has") not reached us by then"
                v["final.contact"] = ""
                if v["final.close"] != nil { v["final.close"] = "I would much rather settle this with you directly; what is needed now is the payment." }
            }
        }

        // Money received since the last letter, thanked for by name.
        let counted: Set<Int> = promise.map { p in Set(story.payments.filter { $0.date >= p.note.date && $0.currency == p.currency }.map(\.order)) } ?? []
        // Only money towards what this letter lists or an earlier one showed (or sent without
        // saying what it pays), and only since the oldest invoice still open was issued: a
        // payment for earlier work is old news, however long ago our last letter went. Every
        // letter shows every open invoice, so an invoice issued by the last letter's date was
        // in it, whatever that letter named (a dispute acknowledgement names the disputed
        // invoice alone, and a payment after it that settled what our reminder before it
        // asked for is still thanked).
        let listedNumbers = Set(open.map { ledger.invoices[$0].number })
        let episodeStart = workStart
        let lastNamed = last?.invoices ?? []
        let relevant = listedNumbers.union(lastNamed)
        var trail = PaymentTrail(story, ledger: ledger, sheet: sheet)
        func paidInvoices(_ p: Payment) -> [String] { trail.invoices(paidBy: p) }
        func isSettled(_ number: String) -> Bool { ledger.invoiceIndex[number].map { sheet.invoices[$0].open <= 0 } ?? false }
        // The same invoices by their place in the ledger, for asking of every payment whether
        // it paid one (numbers are unique in a ledger letters are written from): a client's
        // hundreds of payments are asked without reading an invoice's number.
        // Sorted and searched, not hashed: asked once or twice for each of a client's payments.
        let relevantInvoices = open.sorted()
        func isRelevant(_ invoice: Int) -> Bool {
            relevantInvoices.sortedContains(invoice) || last.map { ledger.invoices[invoice].issued <= $0.date } ?? false
        }
        /// Whether the payment paid an invoice the letter concerns, or says nothing of what it pays.
        func paysRelevant(_ p: Payment) -> Bool {
            var named = false
            for (k, a) in ledger.allocations(of: p).enumerated() {
                named = true
                if let t = a.target {
                    if isRelevant(Int(t)) { return true }
                } else if relevant.contains(ledger.invoiceNumber(applied: k, of: p)) {
                    return true
                }
            }
            for a in sheet.applied[p.order] ?? [] {
                named = true
                if isRelevant(a.invoice) { return true }
            }
            return !named
        }
        // A payment in a currency of which we now hold money on account may be where that
        // money came from: thanked for, so the sentence about it is not a puzzle.
        // Payments that all came long before this letter (the first to a client since work
        // years old) are stated, not thanked for as news.
        func long(ago payments: [Payment]) -> Bool {
            payments.allSatisfy { story.asOf.days(since: $0.date) > Self.paymentNewsDays }
        }
        let heldIn = Set(sheet.heldOnAccount(by: client.id).map(\.currency))
        // The payments thanked for one by one, and the one thanked for by itself with how the
        // thanks name it when what it went towards is said after them: an instalment reminder
        // that says a payment made up a missed instalment says so in the same sentence, or
        // names it by its date alone, rather than naming it twice.
        var thankedOneByOne: [Int] = []
        var thankedAlone: (order: Int, phrase: String)?
        let since = story.payments(after: last).filter { p in
            !(promiseNamed && counted.contains(p.order))
                && (episodeStart.map { p.date >= $0 } ?? true)
                && (paysRelevant(p) || heldIn.contains(p.currency))
        }
        if since.count > Self.paymentsNamedOneByOne && stage != .thanks {
            // A client who paid in many pieces is thanked for them together: a sentence naming
            // eighteen payments one by one is read by no one, and the table's Paid column shows
            // what each invoice has had.
            let (when, total) = Self.together(since)
            // The invoices they settled are named, as they are gone from the table; those they
            // went towards are named when few, and are in the table either way.
            var settled: [String] = [], towards: [String] = []
            let paid = since.map { (payment: $0, invoices: paidInvoices($0)) }
            for (p, numbers) in paid {
                for n in numbers where !settled.contains(n) && Self.settled(n, by: p, ledger: ledger, sheet: sheet) { settled.append(n) }
            }
            for (_, numbers) in paid {
                for n in numbers where !settled.contains(n) && !towards.contains(n) { towards.append(n) }
            }
            // "Below" only when every one of them is still open, and so in the table.
            let allOpen = towards.allSatisfy { n in ledger.invoiceIndex[n].map { sheet.invoices[$0].open > 0 } ?? false }
            let towardsPhrase = towards.count <= 3 || !allOpen ? invoicePhrase(towards) : "the \(towards.count) invoices below"
            let how = settled.isEmpty ? (towards.isEmpty ? "" : ", towards \(towardsPhrase)")
                : towards.isEmpty ? ", which settled \(invoicePhrase(settled))"
                : ", which settled \(invoicePhrase(settled)) and went towards \(towardsPhrase)"
            let what = "the \(since.count) payments you made \(when) (\(total) in all\(how))"
            v["payments.received"] = long(ago: since) ? "We received \(what)."
                : v["last.contact"] == nil ? "Thank you for \(what)." : "\(what.prefix(1).uppercased() + what.dropFirst()) also reached us, for which many thanks."
        } else if !since.isEmpty && stage != .thanks {
            let each = since.map { p -> String in
                let applied = paidInvoices(p)
                let settled = applied.filter { Self.settled($0, by: p, ledger: ledger, sheet: sheet) }
                let partly = applied.filter { !settled.contains($0) }
                let how = settled.isEmpty ? "towards \(invoicePhrase(partly))"
                    : partly.isEmpty ? "which settled \(invoicePhrase(settled))"
                    : "which settled \(invoicePhrase(settled)) and went towards \(invoicePhrase(partly))"
                thankedOneByOne.append(p.order)
                if since.count == 1 {
                    // What it went towards is left to the sentence that says so, when one does.
                    thankedAlone = (p.order, "\(Money(minor: p.minor, currency: p.currency)) on \(p.date.longDescription)" + (settled.isEmpty ? "" : " (\(how))"))
                }
                return "\(Money(minor: p.minor, currency: p.currency)) on \(p.date.longDescription)" + (applied.isEmpty ? "" : " (\(how))")
            }
            let what = "\(since.count == 1 ? "payment" : "payments") of \(list(each))"
            // Beside a thank-you for their message, a second "Thank you" in a row would jar.
            v["payments.received"] = long(ago: since) ? "We received your \(what)."
                : v["last.contact"] == nil ? "Thank you for your \(what)." : "Your \(what) also reached us, for which many thanks."
        }
        if let stands = restatement {
            v["final.opening"] = [v["last.contact"], v["payments.received"], stands].compactMap { $0 }.joined(separator: " ")
            v["last.contact"] = nil
            v["payments.received"] = nil
        }

        /// Whether a letter after `from` (a date and an entry's order) showed invoice `i`: its
        /// table lists every open invoice (one in a plan among them), not only those it asked for
        /// (`ClientStory.shown`, asked of one invoice at a time).
        func shown(_ i: Int, after from: (Day, Int)) -> Bool {
            let issued = ledger.invoices[i].issued, settled = sheet.invoices[i].settled
            return story.letters.contains { l in
                (l.date, l.order) > from && l.stage != .thanks && issued <= l.date && (settled.map { $0 > l.date } ?? true)
            }
        }
        // Money of theirs we held paid part of an invoice, when it was issued or when the query
        // that held it back was settled: said the first time a letter shows the invoice after
        // that day, so the Paid column is not a mystery.
        // An invoice issued since our last letter and paid in full from that money has left the
        // table: it is named beside the others, or the client, told what we held, would not
        // know where the rest went.
        let credited = open.filter { (sheet.fromAccount[$0] ?? 0) > 0 }
        let paidFromAccount = stage == .thanks ? [] : story.issued.filter { i in
            (sheet.fromAccount[i] ?? 0) > 0 && sheet.invoices[i].open <= 0 && !open.contains(i)
                && sheet.invoices[i].settled == ledger.invoices[i].issued && (last.map { ledger.invoices[i].issued >= $0.date } ?? false)
        }
        if (!credited.isEmpty || !paidFromAccount.isEmpty) && stage != .thanks {
            func resolvedOn(_ i: Int) -> Day? { querySettled(i, story: story, ledger: ledger) }
            let setAgainst = credited.filter { i in !shown(i, after: (resolvedOn(i) ?? ledger.invoices[i].issued, Int.min)) }
            func held(_ i: Int) -> Money { Money(minor: sheet.fromAccount[i]!, currency: ledger.invoices[i].currency) }
            let plain = (paidFromAccount + setAgainst.filter { resolvedOn($0) == nil }).sorted()
            var said: [String] = []
            let currencies = Set(plain.map { ledger.invoices[$0].currency })
            if plain.count > 1 && currencies.count == 1 {
                let all = Money(minor: plain.reduce(0) { $0 + sheet.fromAccount[$1]! }, currency: ledger.invoices[plain[0]].currency)
                let shares = plain.map { i in "\(ledger.invoices[i].number) (\(held(i))\(paidFromAccount.contains(i) ? ", which it settled" : ""))" }
                said.append("We have set \(all) of yours that we held on account against invoices \(list(shares)).")
            } else {
                said += plain.map { i in
                    paidFromAccount.contains(i)
                        ? "Invoice \(ledger.invoices[i].number) of \(ledger.invoices[i].issued.longDescription) (\(held(i))) has been paid from the money of yours we held on account."
                        : "We have set \(held(i)) of yours that we held on account against invoice \(ledger.invoices[i].number)."
                }
            }
            // Only what the query released: money held before the invoice was issued, which
            // paid part of it then, was not held because of the query.
            said += setAgainst.compactMap { i in
                guard let day = resolvedOn(i) else { return nil }
                let released = (sheet.releasedByQuery[i] ?? []).filter { $0.date == day }.reduce(Int64(0)) { $0 + $1.amount }
                let amount = released > 0 ? Money(minor: released, currency: ledger.invoices[i].currency) : held(i)
                return "Once your query about invoice \(ledger.invoices[i].number) was settled, we set against it the \(amount) of yours that we had held on account meanwhile."
            }
            if !said.isEmpty { v["credit.used"] = said.joined(separator: " ") }
        }

        // Credit notes by number: those since the last letter, and those applied to an invoice
        // listed that no letter since the credit note has shown (said once, not in every letter).
        let listed = listedNumbers
        func shownSince(_ c: Payment, _ number: String) -> Bool {
            ledger.invoiceIndex[number].map { shown($0, after: (c.date, c.order)) } ?? false
        }
        let credits = story.credits.filter { c in
            let applied = paidInvoices(c).filter { listed.contains($0) }
            // Since the last letter, as payments are: and, like them, not one from before the
            // oldest invoice still open, on work long paid (old news to a first letter).
            if last.map({ (c.date, c.order) > ($0.date, $0.order) }) ?? true {
                return !applied.isEmpty || (episodeStart.map { c.date >= $0 } ?? true)
            }
            return applied.contains { !shownSince(c, $0) }
        }
        if !credits.isEmpty {
            // A credit note that settled a query resolved since our last letter was agreed with
            // the client: it says so. Issued up to a fortnight before the message that settled
            // it (the client confirming the credit offered), it was part of the settlement too.
            let settledQueries = story.notes(after: last).filter(\.isContact).flatMap { n in n.resolutions.map { ($0.invoice, n.date) } }
            v["credits"] = credits.map { c in
                let applied = paidInvoices(c)
                let agreed = settledQueries.contains { q in applied.contains(q.0) && c.date >= q.1.adding(days: -14) }
                let number = c.notes(in: ledger.files).number
                let what = (agreed ? "As agreed, credit note " : "Credit note ") + "\(number ?? "of \(c.date.longDescription)") for \(Money(minor: c.minor, currency: c.currency))"
                return what + (number == nil ? "" : ", dated \(c.date.longDescription),") + creditApplied(c, to: applied, sheet: sheet, ledger: ledger) + "."
            }.joined(separator: " ")
        }
        // Waived: part of a listed invoice, or the whole of one our last letter asked for (the
        // client must be told it is no longer asked for, not left to guess). A write-off that is
        // the user's own loss is not the client's to hear of: telling a debtor in administration
        // that the debt is waived would give up the claim.
        var waived: [String] = []
        for i in open {
            let w = story.writtenOff(i, ledger: ledger, sheet: sheet).waived
            guard w > 0 else { continue }
            waived.append("We have waived \(Money(minor: w, currency: ledger.invoices[i].currency)) of invoice \(ledger.invoices[i].number), so that sum is not part of what we ask.")
        }
        if let l = last {
            let since = story.writeOffs.filter { ($0.date, $0.order) > (l.date, l.order) && lastNamed.contains($0.invoice) && isSettled($0.invoice) }
            for number in lastNamed {
                guard let w = since.first(where: { $0.invoice == number }), let i = ledger.invoiceIndex[number] else { continue }
                let told = story.writtenOff(i, ledger: ledger, sheet: sheet).waived
                guard told > 0 else { continue }
                let amount = Money(minor: told, currency: ledger.invoices[i].currency)
                // Money that came after the write-off paid the rest: only part was waived.
                func after(_ p: Payment) -> Bool { (p.date, p.order) > (w.date, w.order) }
                let paidAfter = trail.payments(to: number).contains(where: after) || trail.credits(to: number).contains(where: after)
                waived.append(paidAfter ? "We have waived \(amount) of invoice \(number)." : "You need not pay invoice \(number) (\(amount)): we have waived it.")
            }
        }
        if !waived.isEmpty && stage != .thanks { v["writeoffs"] = waived.joined(separator: " ") }
        if stage == .thanks {
            // A reduction agreed since our last letter to settle a query, named beside the
            // payment that settled the rest.
            let agreed = story.issued.compactMap { i -> (Int, Int64)? in
                let number = ledger.invoices[i].number
                let w = story.writtenOff(i, ledger: ledger, sheet: sheet).waived
                let since = story.writeOffs.contains { w in w.invoice == number && last.map { l in (w.date, w.order) > (l.date, l.order) } ?? true }
                return w > 0 && since ? (i, w) : nil
            }
            if !agreed.isEmpty {
                v["writeoffs"] = "As agreed, we have waived " + list(agreed.map { "\(Money(minor: $0.1, currency: ledger.invoices[$0.0].currency)) of invoice \(ledger.invoices[$0.0].number)" }) + "."
            }
        }
        let missedDiscounts = MissedDiscounts(chased, story: story, ledger: ledger, sheet: sheet)
        v["discount.missed"] = missedDiscounts.explanations.joined(separator: " ")
        // All that is asked is discounts taken too late: no offer to spread it.
        let onlyDiscounts = missedDiscounts.explainAll(chased)
        // Only queries the client settled with us: a resolution in a note for the file (an
        // import's mark of an invoice paid) is never named. With no letter yet, only those of
        // the work still open: an old settled query is not news.
        let resolvedBy = story.notes(after: last).filter { n in n.isContact && (last != nil || workStart.map { n.date >= $0 } ?? false) && !n.resolutions.isEmpty }
        let resolved = resolvedBy.flatMap { n in n.resolutions.map { ($0.invoice, n.date) } }
        if !resolved.isEmpty {
            func queries(_ numbers: [String]) -> String {
                numbers.count == 1 ? "your query about invoice \(numbers[0])" : "your queries about invoices \(list(numbers))"
            }
            // The message that settled it is thanked for once, with the settling; a query
            // settled in an earlier message is not credited to the last one.
            if stage == .thanks {
                // A thank-you says it once, in its settlement (`settlement`).
            } else if let n = story.contacts.last, !n.resolutions.isEmpty, let thanks = v["last.contact"], thanks.hasPrefix("Thank you for "), thanks.hasSuffix("."), stage != .planOffer {
                let here = n.resolutions.map(\.invoice)
                v["last.contact"] = String(thanks.dropLast()) + " and for working through \(queries(here)) with us."
                // Each earlier message thanked for the queries it settled.
                let earlier = resolvedBy.filter { $0 != n }.map { e -> String in
                    let numbers = e.resolutions.map(\.invoice).filter { !here.contains($0) }
                    // "Thank you for your email of …." becomes "Thank you too for your email of … and …".
                    let thanks = lastContact(e, stage: stage).dropFirst("Thank you for ".count).dropLast()
                    return numbers.isEmpty ? "" : "Thank you too for \(thanks) and for working through \(queries(numbers)) with us."
                }.filter { !$0.isEmpty }
                if !earlier.isEmpty { v["dispute.resolved"] = earlier.joined(separator: " ") }
            } else {
                v["dispute.resolved"] = "I am glad we were able to settle \(queries(resolved.map(\.0))) together."
            }
            // After a settled query, what is left is stated, not "still" owed for so many days.
            if stage == .followUp, let l = last {
                let settledNumbers = Set(resolved.map(\.0))
                let concerned = chased.filter { settledNumbers.contains(ledger.invoices[$0].number) }
                if !concerned.isEmpty && concerned.count == chased.count {
                    v["again"] = "Since my letter of \(l.date.longDescription) we have settled \(Set(resolved.map(\.0)).count == 1 ? "your query" : "your queries"), and \(v["invoices.phrase"] ?? "") now \(chased.count == 1 ? "shows" : "show") \(v["total"] ?? "") to pay."
                    v["newly.due"] = nil
                }
            }
        }

        // A query we acknowledged by letter and the user marked resolved in a note for the file:
        // the client was told the invoice was on hold, and is told the hold has ended before
        // it is asked for, without words put in their mouth about how it was settled.
        if v["dispute.resolved"] == nil && stage != .thanks && stage != .dispute {
            // One said newly due (`newly.due`) is said there.
            let held = chased.filter { !freshSinceLast.contains($0) }.compactMap { i in
                holdEndedByFile(ledger.invoices[i].number).map { (number: ledger.invoices[i].number, letter: $0) }
            }
            if !held.isEmpty {
                let dates = Set(held.map(\.letter))
                let since = dates.count == 1 ? "since my letter of \(held[0].letter.longDescription)" : "since my letters of \(list(dates.sorted().map(\.longDescription)))"
                v["dispute.resolved"] = held.count == 1
                    ? "Invoice \(held[0].number), on hold \(since) while we looked into the query about it, is no longer on hold."
                    : "Invoices \(list(held.map(\.number))), on hold \(since) while we looked into the queries about them, are no longer on hold."
            }
        }

        // The promise's sentence for when the one payment that arrived towards it is thanked
        // for where the plan's sentence, above it, says what it made up: it refers to it there,
        // so the payment is thanked for once (with that payment).
        var promiseThankedAbove: (payment: Int, sentence: String)?
        if let p = promise {
            let cur = p.currency
            v["promise.status"] = p.state.rawValue
            v["promise.date"] = p.note.date.longDescription
            v["promise.by"] = p.promise.by.longDescription
            v["promise.amount"] = p.promise.minor.map { Money(minor: $0, currency: cur).description } ?? ""
            v["promise.received"] = Money(minor: p.receivedToDate, currency: cur).description
            let what = p.promise.minor.map { "a payment of \(Money(minor: $0, currency: cur))" } ?? "payment"
            // A promise passed on to us (a note for the file) is not the client's word to quote.
            let told = p.note.isContact ? "On \(p.note.date.longDescription) you told us to expect \(what) by \(p.promise.by.longDescription)." : "We had expected \(what) by \(p.promise.by.longDescription)."
            // Money that came by the day but went to work the promise was not about (invoiced
            // since, or not yet due when it was made): the client may take it for the promised
            // payment, so the letter says where it went.
            let thanked = Set(since.map(\.order))
            let after = p.note.date.longDescription
            let elsewhere = story.payments.filter { q in
                q.date >= p.note.date && q.date <= p.promise.by && q.currency == cur && !thanked.contains(q.order)
            }.compactMap { q -> String? in
                let other = PromiseOutcome.towardsOtherWork(q, p.scope, ledger: ledger)
                guard other > 0 else { return nil }
                let to = paidInvoices(q).filter { n in ledger.invoiceIndex[n].map { !p.scope.contains($0, ledger: ledger) } ?? false }
                let issuedSince = to.allSatisfy { n in ledger.invoiceIndex[n].map { ledger.invoices[$0].issued > p.note.date } ?? false }
                let which = invoicePhrase(to) + (issuedSince ? ", issued after \(after)" : "")
                if other == q.minor {
                    let how = to.allSatisfy { Self.settled($0, by: q, ledger: ledger, sheet: sheet) } ? "which settled" : "which went towards"
                    return " Thank you for your payment of \(Money(minor: q.minor, currency: q.currency)) on \(q.date.longDescription), \(how) \(which); it does not go towards what is asked for here."
                }
                return " Of your payment of \(Money(minor: q.minor, currency: q.currency)) on \(q.date.longDescription), \(Money(minor: other, currency: q.currency)) went to \(which), so only the rest counts towards it."
            }.joined()
            // The one payment that brought what has arrived of it, if one did.
            let arrived = story.payments.filter { q in
                q.date >= p.note.date && q.currency == cur && PromiseOutcome.towardsPromise(q, p.scope, ledger: ledger) > 0
            }
            let arrivedAlone = arrived.count == 1 && p.receivedToDate > 0 ? arrived[0].order : nil
            // Named only while the money is still short: what arrived late counts, so the
            // sentence stays true on the day it is sent.
            if promiseNamed {
                if p.receivedToDate == 0 {
                    v["promise.broken"] = told + " It has not reached us." + elsewhere
                } else if p.received == 0 {
                    // Nothing by the day, something since: both are true, and both are said.
                    let rest = p.shortfall.map { " The remaining \(Money(minor: $0, currency: cur)) has not reached us." } ?? ""
                    v["promise.broken"] = told + " Nothing had reached us by then; thank you for the \(Money(minor: p.receivedToDate, currency: cur)) that has arrived since." + rest + elsewhere
                    promiseThankedAbove = arrivedAlone.map { ($0, told + " Nothing had reached us by then; the \(Money(minor: p.receivedToDate, currency: cur)) above has arrived since." + rest + elsewhere) }
                } else {
                    let rest = p.shortfall.map { "the remaining \(Money(minor: $0, currency: cur)) has not reached us" } ?? "the rest has not reached us"
                    // Part by the day and more after it: each said as it came, so the sum that
                    // was on time is not made to look larger than it was.
                    let late = p.receivedToDate - p.received
                    v["promise.broken"] = told + (late > 0
                        ? " Thank you for the \(Money(minor: p.received, currency: cur)) that reached us by then, and the \(Money(minor: late, currency: cur)) that has arrived since; \(rest)."
                        : " Thank you for the \(Money(minor: p.receivedToDate, currency: cur)) that has arrived towards it; \(rest).") + elsewhere
                    if late == 0 {
                        promiseThankedAbove = arrivedAlone.map { ($0, told + " The \(Money(minor: p.receivedToDate, currency: cur)) above has arrived towards it; \(rest)." + elsewhere) }
                    }
                }
            }
        }
        // A plan that ran out unpaid is a broken promise too: the first letter on the ladder
        // after the instalment reminders says so (they warned that the next letter would be
        // about the invoices themselves), and no letter offers to spread what the client
        // could not pay by the plan.
        var planFailed = false
        var endedSaid: [String] = []
        let endedPlans = [.reminder, .followUp, .final, .demand].contains(stage) ? PlanProgress.allEnded(story, ledger: ledger, sheet: sheet) : []
        // Oldest plan first, as the client agreed them.
        for ended in endedPlans.reversed() where ended.covered.contains(where: chasedSet.contains) {
            planFailed = true
            let end = ended.plan.instalments.last!.date
            // Said once, by the first ladder letter about the plan's own invoices.
            let planNumbers = Set(ended.covered.map { ledger.invoices[$0].number })
            // Not the letter that chased the missed instalments, which made the plan run out:
            // it asked for them, and said nothing of the plan's end.
            let chasedAfter = story.letters.contains { $0.stage.rung.map { $0 >= 1 } == true && $0.date > (ended.overSince ?? end) && $0.invoices.contains(where: planNumbers.contains) }
            let missed = ended.overdue
            if !chasedAfter && !missed.instalments.isEmpty {
                let cur = ended.plan.currency
                // Not one in query, which stays on hold (7.2).
                let numbers = ended.covered.filter { sheet.invoices[$0].open > 0 }.map { ledger.invoices[$0].number }.filter { story.openDisputes[$0] == nil }
                // Money still in query waits at the end of the schedule (7.2): not missed, nor
                // asked for, but part of what the instalments leave unpaid. Said apart, as on
                // hold, or the figure unpaid reads as all the client has left to pay of them.
                let waiting = ended.heldInstalments
                let waitingSum = waiting.reduce(Int64(0)) { $0 + $1.held }
                let named = ended.plan.instalments.filter { i in
                    missed.instalments.contains { $0.date == i.date } || waiting.contains { $0.instalment.date == i.date }
                }
                let dates = list(named.map { $0.date.longDescription })
                // Part of it may have been met, by a payment this letter thanks for, or by a
                // credit note or a sum waived, which did not "reach us": what is said is what is
                // still unpaid.
                let due = named.reduce(Int64(0)) { $0 + $1.minor }
                let inQuery = ended.covered.filter { sheet.invoices[$0].open > 0 }.map { ledger.invoices[$0].number }.filter { story.openDisputes[$0] != nil }
                func stillHeld(_ lead: String) -> String {
                    waitingSum > 0 ? "; \(lead)\(Money(minor: waitingSum, currency: cur)) stays on hold while we settle the \(inQuery.count == 1 ? "query" : "queries") about \(invoicePhrase(inQuery))" : ""
                }
                let invoices = (numbers.count == 1 ? "invoice " : "invoices ") + list(numbers)
                let agreed = "The payment plan we agreed on \(ended.plan.date.longDescription) has come to an end"
                // Money a query held, settled since, was not missed (7.2): said as released by
                // it, to be paid by this letter's date, until a letter about the plan asked for it.
                let held = ended.heldByQuery(open: open, sheet: sheet, ledger: ledger).filter { h in
                    !story.letters.contains { l in
                        l.date >= h.released && (l.stage == .instalment || (l.stage.rung ?? 0) >= 1 && !l.invoices.isEmpty) && ended.isAbout(l, ledger: ledger)
                    }
                }
                let heldSum = held.reduce(Int64(0)) { $0 + $1.unpaid }
                let unpaid = missed.shortfall - heldSum
                let short = Money(minor: unpaid, currency: cur)
                if heldSum > 0 {
                    let queried = Array(Set(held.flatMap(\.queried))).sorted()
                    let settled = list(Array(Set(held.map(\.released))).sorted().map(\.longDescription))
                    let query = "the \(queried.count == 1 ? "query" : "queries") about \(invoicePhrase(queried))"
                    let heldMoney = Money(minor: heldSum, currency: cur)
                    let by = s.replyBy(asOf).longDescription
                    if unpaid > 0 {
                        let which = named.count == 1
                            ? "\(short) of the \(Money(minor: due, currency: cur)) instalment due on \(dates) is still unpaid"
                            : "of the instalments due on \(dates) (\(Money(minor: due, currency: cur)) in all), \(short) is still unpaid"
                        endedSaid.append("\(agreed), and \(which); \(waitingSum > 0 ? "" : "the other ")\(heldMoney) was on hold until we settled \(query) on \(settled), and is now to be paid\(stillHeld("the other ")). So what is open on \(invoices) is to be paid by \(by).")
                    } else {
                        let heldDates = list(held.map { $0.instalment.date.longDescription })
                        endedSaid.append("\(agreed). What was still to pay of the \(held.count == 1 ? "instalment" : "instalments") due on \(heldDates) (\(heldMoney)) was on hold until we settled \(query) on \(settled), and is now to be paid\(stillHeld("a further ")): what is open on \(invoices) is to be paid by \(by).")
                    }
                } else if waitingSum > 0 {
                    // Never all of them unpaid: part is on hold.
                    let which = named.count == 1
                        ? "\(short) of the \(Money(minor: due, currency: cur)) instalment due on \(dates) is still unpaid"
                        : "of the instalments due on \(dates) (\(Money(minor: due, currency: cur)) in all), \(short) is still unpaid"
                    endedSaid.append("\(agreed), and \(which)\(stillHeld("the other ")). So what is open on \(invoices) is due now.")
                } else {
                    let which: String
                    if missed.shortfall < due {
                        which = missed.instalments.count == 1
                            ? "\(short) of the \(Money(minor: due, currency: cur)) instalment due on \(dates) is still unpaid"
                            : "of the instalments due on \(dates) (\(Money(minor: due, currency: cur)) in all), \(short) is still unpaid"
                    } else {
                        which = (missed.instalments.count == 1 ? "the instalment due on \(dates) has not reached us" : "the instalments due on \(dates) have not reached us") + " (\(short))"
                    }
                    endedSaid.append("\(agreed), and \(which), so what is open on \(invoices) is due now.")
                }
            }
        }
        if !endedSaid.isEmpty { v["plan.ended"] = endedSaid.joined(separator: " ") }
        // A plan we offered and the client has not taken up is still open to them: said instead
        // of offering to find a way, as if we had not.
        var planStillOffered = false
        if [.reminder, .followUp, .final].contains(stage) && !planFailed,
           let offer = story.letters.last(where: { $0.stage == .planOffer }),
           !story.plans.contains(where: { $0.date >= offer.date }),
           let oldest = chased.map({ ledger.invoices[$0].issued }).min(), offer.date >= oldest
        {
            planStillOffered = true
            v["plan.offered"] = "The payment plan I offered on \(offer.date.longDescription) is still open to you, if spreading the payments would help."
        }
        // A client already paying by a plan is not offered one as if it were news.
        // Nor for a small sum: spreading 22.00 over months is no help, and offering it reads oddly.
        let small = chased.allSatisfy { i in
            let cur = ledger.invoices[i].currency
            return chased.filter { ledger.invoices[$0].currency == cur }.reduce(Int128(0)) { $0 + Int128(sheet.invoices[$1].owed) } < 100 * MoneyFormat.pow10(cur.precision)
        }
        if stage == .followUp && !planFailed && !planStillOffered && !onlyDiscounts && plan == nil && !small { v["follow-up.difficulty"] = ", or paying it all at once is difficult" }

        // A reminder assumes an oversight. After a promise or a plan that was not kept, or for a
        // debt months old, "friendly" and "please disregard this note" would read as irony.
        if stage == .reminder {
            // Nor after instalment reminders about what it also asks for went unpaid.
            let instalmentsChased = plans.askingMissed.contains { p in
                story.letters.contains { $0.stage == .instalment && $0.date > p.plan.date && p.isAbout($0, ledger: ledger) }
            }
            // Nor after a final notice or a formal demand, the last letter on the ladder we sent
            // the client: a reminder that starts the chase again (for an invoice that letter
            // asked for apart, one fallen due since, one whose plan ran out) is plain and firm,
            // and says what that letter asked of it.
            let firm = story.letters.last { ($0.stage.rung ?? 0) >= 1 }.flatMap { $0.stage == .demand || $0.stage == .final ? $0 : nil }
            let broken = v["promise.broken"] != nil || planFailed || instalmentsChased || firm != nil
            v["reminder.title"] = broken || days > 90 ? "Reminder" : "Friendly reminder"
            // Not to a client who told us of hard times since the oldest invoice asked for was
            // issued, or was offered a plan for them: a plan's invoices whose missed instalments
            // it asks for too (`alsoAsked`) among them.
            let oldestIssued = (chased + choice.alsoAsked).map { ledger.invoices[$0].issued }.min()
            let hardship = story.notes.contains { n in n.hardship != nil && oldestIssued.map { n.date >= $0 } ?? false }
            v["reminder.opening"] = hardship || planStillOffered || firm != nil ? "" : "I hope all is well."
            if let d = firm {
                let apart = StageChooser.askedApart(by: d, among: chased, story: story, ledger: ledger, sheet: sheet).map { ledger.invoices[$0].number }
                if !apart.isEmpty {
                    v["reminder.opening"] = "My \(d.stage.title) of \(d.date.longDescription) also asked you to pay \(invoicePhrase(apart)) by \(s.replyBy(d.date).longDescription), and that payment has not reached us."
                }
            }
            v["reminder.close"] = broken
                ? "If the payment is already on its way, thank you."
                : "If payment is already on its way, thank you, and please disregard this note."
        }

        // Settled as promised: the thank-you says so.
        if stage == .thanks, let pn = story.promise(standingAfter: last), let p = pn.promise {
            let outcome = PromiseOutcome(note: pn, promise: p, payments: story.payments, asOf: asOf, ledger: ledger, owing: (story, sheet))
            // Only the client's own word is thanked for keeping: a promise passed on to us (a
            // note for the file) was not given by them.
            if outcome.isMet && pn.isContact {
                v["promise.status"] = PromiseOutcome.State.kept.rawValue
                v["promise.kept"] = ", and for keeping to the date you gave us"
            }
        }
        // What a demand claimed and the ledger does not record as paid, in a thank-you, named
        // by the demand that set it out; never said to be owed (7.3).
        var claimOwed: String?
        // What of the money held on account meets the demand's claim, per currency; and the
        // claim as it stood, when held money does not meet all of it.
        var claimMet = CurrencySums()
        var claimShort: [(Currency, Int64)] = []
        // Claims an earlier thank-you told the client were covered by money of theirs held on
        // account, not recorded since: that money is not theirs to have back, as that letter
        // said, and the claim is not raised again (`LateClaim.stands`).
        let toldCovered = LateClaim.toRecord(story, ledger: ledger, sheet: sheet, anyAge: true)
        for r in toldCovered where r.spent.isEmpty { for (cur, m) in r.held { claimMet.add(m, in: cur) } }
        if stage == .thanks {
            // After a formal demand that claimed interest or compensation, paying the invoices
            // did not pay the claim: the letter does not call the account settled without a word
            // on it, and neither asks how the work went nor says it was good working together.
            let start = story.issued.map { ledger.invoices[$0].issued }.min() ?? asOf
            // This episode's demand: one sent since the oldest invoice our last letter named was issued.
            let namedSince = last.map { l in l.invoices.compactMap { ledger.invoiceIndex[$0] }.map { ledger.invoices[$0].issued }.min() ?? l.date } ?? asOf
            let demanded = story.letters.last { $0.stage == .demand && $0.date >= namedSince }.flatMap { d in toldCovered.contains { $0.demand.order == d.order } ? nil : d }
            func claim(of d: LetterSent) -> String? { LateClaim.made(by: d, ledger: ledger)?.what }
            let claimed = demanded.flatMap(claim(of:))
            // A claim of an earlier demand is not paid by paying later invoices either: until the
            // ledger records it paid (an invoice of that sum, paid) or let go (written off
            // `waived`), no thank-you calls the account settled after it. Once it does, the claim
            // is behind us: not offered against, nor said to be uncovered.
            let claimant = claimed != nil ? demanded
                : story.letters.last { $0.stage == .demand && LateClaim.stands(by: $0, story: story, ledger: ledger, sheet: sheet) }
            // A query settled with the client about an invoice this payment pays earns its warm
            // word after payment too, though a letter between told of the settling: that letter
            // asked for the money, this one thanks for it.
            let paidNow = Set(story.payments(after: last).flatMap(paidInvoices))
            let queryPaid = story.contacts.contains { n in n.resolutions.contains { paidNow.contains($0.invoice) } }
            v["settlement"] = settlement(story, last: last, paid: story.payments(after: last), credits: story.credits.filter { c in last.map { (c.date, c.order) > ($0.date, $0.order) } ?? true },
                                         describe: paidInvoices, resolved: !resolved.isEmpty || queryPaid, kept: v["promise.kept"] ?? "", claimOpen: claimant != nil, ledger: ledger, sheet: sheet)
            claimOwed = claimant.map { d in "\(claim(of: d) ?? "interest and compensation") set out in my demand of \(d.date.longDescription)" }
            if let d = demanded, let what = claimed {
                // The ledger holds no entry for the claim: money beyond the invoices stays on
                // account. When what is held meets the claim as the demand stated it, the client
                // paid what was asked, and is thanked for it; else what is still owed is said
                // plainly, with its figure, and no letter nothing will prompt is promised.
                let these = story.payments(after: last).count > 1 ? "these payments" : "this payment"
                var held = CurrencySums()
                for (c, m) in sheet.heldOnAccount(by: client.id) { held.add(m, in: c) }
                if let made = LateClaim.asMade(by: d, story: story, ledger: ledger, sheet: sheet) {
                    // Currency by currency: money held in one meets no claim in another. A claim
                    // recorded as an invoice and paid is met, and nothing of it is held.
                    let split = made.met(client: client.id, issued: story.issued, since: d.date, ledger: ledger, sheet: sheet)
                    let met = split.recorded + split.held, short = split.short
                    func amounts(_ t: [(Currency, Int64)]) -> String { list(t.map { Money(minor: $0.1, currency: $0.0).description }) }
                    for (cur, m) in split.held { claimMet.add(m, in: cur) }
                    // A credit note since the demand lowered its claim (what it took off bears
                    // none, 7.3): the figure the demand stated, and why it is lower now, so no
                    // figure is said to be what the demand set out that it did not.
                    let claimedOn = Set(made.lines.map(\.number))
                    let since = story.credits.filter { c in c.date > d.date && invoicesPaid(by: c, ledger: ledger, sheet: sheet).contains(where: claimedOn.contains) }
                    var lowered: String?
                    if let stated = made.stated, !since.isEmpty {
                        let numbers = since.compactMap { $0.notes(in: ledger.files).number }
                        let notes = numbers.count == since.count ? (numbers.count == 1 ? "credit note " : "credit notes ") + list(numbers) : since.count == 1 ? "our credit note" : "our credit notes"
                        let reduced = Set(since.flatMap { invoicesPaid(by: $0, ledger: ledger, sheet: sheet) }).intersection(claimedOn).sorted()
                        lowered = " My demand of \(d.date.longDescription) set out \(amounts(stated)) of \(what); as \(notes) has since reduced \(invoicePhrase(reduced)), and nothing is claimed on what a credit note takes off, that comes to \(amounts(made.totals)) now"
                    }
                    let cover = these == "this payment" ? "covers" : "cover"
                    if !met.isEmpty {
                        if let lowered {
                            v["settlement"] = (v["settlement"] ?? "") + lowered + (short.isEmpty ? ", which \(these) also \(cover)." : ", of which \(these) also \(cover) \(amounts(met)).")
                        } else {
                            v["settlement"] = (v["settlement"] ?? "") + " \(these.prefix(1).uppercased() + these.dropFirst()) also \(cover) the \(amounts(met)) of \(what) set out in my demand of \(d.date.longDescription)."
                        }
                    }
                    if short.isEmpty {
                        claimOwed = nil
                    } else {
                        claimOwed = "\(amounts(short)) of \(what)"
                        claimShort = short
                        // "Not fully" when money held may go towards it (offered below).
                        let towards = short.contains { held[$0.0] > 0 }
                        let rest: String
                        if met.isEmpty, let lowered {
                            v["settlement"] = (v["settlement"] ?? "") + lowered + "."
                            rest = "It"
                        } else {
                            rest = met.isEmpty ? "The \(amounts(short)) of \(what) set out in my demand of \(d.date.longDescription)" : "The \(amounts(short)) of it"
                        }
                        // Not said to be owed: whether to pursue it or let it go is the user's
                        // to decide (the agenda asks), and the letter does not decide it for them.
                        v["settlement"] = (v["settlement"] ?? "") + " \(rest) \(short.count > 1 && rest != "It" ? "are" : "is") \(towards ? "not fully" : "not") covered by \(these)."
                    }
                } else {
                    let one = what == "compensation" || what == "interest"
                    v["settlement"] = (v["settlement"] ?? "") + " The \(what) set out in my demand of \(d.date.longDescription) \(one ? "is" : "are") not covered by \(these)."
                }
            } else {
                v["thanks.close"] = "It has been good working with you."
                // They told us how the work went already: do not ask again.
                if !story.notes.contains(where: { $0.feedback != nil && $0.date >= start }) {
                    v["feedback.ask"] = "If you have a moment, I would welcome a line on how the work went for you and anything we could do better next time."
                }
            }
        }
        if stage == .followUp && !choice.repliedSinceLastLetter {
            // Firmer with each unanswered letter; a reply since our last letter keeps the tone.
            // The reminders of a plan that failed went unanswered too.
            let instalmentsUnanswered = choice.remindersUnanswered
            // "This time" only to a client who has never answered: one who did is reminded when.
            switch choice.unanswered + instalmentsUnanswered {
            case 0, 1: v["follow-up.note"] = ""
            case 2:
                v["follow-up.note"] = story.lastHeard.map { "As I have not heard from you since \(heardNoun($0)), I would be grateful for a reply, even a short one." }
                    ?? "As I have not heard back, I would be grateful for a reply this time, even a short one."
            default: v["follow-up.note"] = "As several letters have gone unanswered, I must have a reply from you by that date."
            }
            // Unanswered, this letter would make the next one a final notice (7.2): said now,
            // not first in the final notice itself.
            if choice.unanswered + 1 >= s.finalAfter && !onlyDiscounts, let note = v["follow-up.note"], !note.isEmpty {
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
            let next = onlyDiscounts ? ""
                : choice.unpaidLetters + 1 >= 2 * s.finalAfter ? " If no payment comes, my next letter will be a final notice."
                : !choice.repliedSinceLastLetter && choice.unanswered + 1 >= s.finalAfter ? " If I hear nothing and no payment comes, my next letter will be a final notice."
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
            } else if !choice.repliedSinceLastLetter, let heard = story.lastHeard, heard.date >= since {
                // A payment among what we heard from them: the letter before this one, or the
                // next, names the same. Not after a payment since our last letter, which
                // answered it: no silence to name.
                answered = ", and \(towards); I have not heard from you since \(heardNoun(heard))"
            } else {
                answered = ", and \(towards)"
            }
            // The letter has asked for a date by then already: not asked twice.
            let recalled = promise.flatMap { $0.isOutstanding ? " " + Self.promiseRecalled($0) : nil } ?? ""
            v["follow-up.note"] = "This is my \(Plural.ordinal(n + 1)) letter about \(about), counting from my letter of \(since.longDescription)\(answered).\(recalled)\(next)"
        }

        // Bank details for the letter's currencies only: none rather than wrong ones. Those of
        // what it asks for beside its own invoices (a plan's missed instalments, invoices
        // outside the plan) are the letter's too.
        let fileCurrency = s.currency
        // In the order the table's rows give them, which lists every invoice asked for.
        let asked = Set(((chased.isEmpty ? open : chased) + choice.alsoAsked + choice.askedApart).map { ledger.invoices[$0].currency })
        let paidIn = currencyOrder(open + chased + choice.alsoAsked + choice.askedApart, ledger: ledger).filter(asked.contains)
        let banks = paidIn.compactMap { c in sender?.bank(for: c, fileCurrency: fileCurrency).map { (c, $0) } }
        v["sender.bank"] = banks.map(\.1).joined(separator: "; ")
        // A bare scheme's name reads as a way to pay once it says it is a transfer.
        var methods = client.methods.map { m in Client.transferSchemes.contains(m.lowercased()) ? m + " transfer" : m }
        if methods.isEmpty, !banks.isEmpty { methods = ["bank transfer"] }
        if !methods.isEmpty { v["methods"] = "You can pay by \(list(methods, or: true))." }
        // A transfer with no account to send it to: say how to get the details, not nothing.
        let missing = paidIn.filter { c in !banks.contains { $0.0 == c } }
        if !missing.isEmpty, let transfer = methods.first(where: Client.isTransfer) {
            let others = methods.filter { $0 != transfer }
            let ask = "\(transfer): reply and I will send our account details for \(list(missing.map(\.code)))"
            v["methods"] = others.isEmpty ? "You can pay by \(ask)." : "You can pay by \(list(others, or: true)), or by \(ask)."
        }
        // Only to a client who may pay by transfer (`Client.mayPayByTransfer`, as the check
        // reads it): a client who pays only by card is not sent a sort code.
        if !banks.isEmpty && client.mayPayByTransfer {
            let details = banks.count == 1 && paidIn.count == 1
                ? "Our bank details for payments in \(banks[0].0.code): \(banks[0].1)."
                : "Our bank details: " + banks.map { "for \($0.0.code), \($0.1)" }.joined(separator: "; ") + "."
            v["bank"] = details + " Please quote \(Set(chased + choice.alsoAsked + choice.askedApart).count == 1 ? "the invoice number" : "the invoice numbers") as the reference."
        }

        // Money of theirs we hold is part of the account's story: said in every letter that
        // shows the account, so a client in credit is never asked to pay.
        // Less what meets a demand's claim: that money is the claim paid, not the client's to have back.
        let held = sheet.heldOnAccount(by: client.id)
            .map { (key: ClientCurrency(client: client.id, currency: $0.currency), value: $0.amount - claimMet[$0.currency]) }.filter { $0.value > 0 }
        if !held.isEmpty {
            let amounts = list(held.map { Money(minor: $0.value, currency: $0.key.currency).description })
            let heldCurrencies = Set(held.map(\.key.currency))
            // Money held in one currency pays no invoice in another: said so where the client
            // is invoiced in both, so "your next invoice" is not read as one it cannot pay.
            let invoicedIn = Set(story.issued.map { ledger.invoices[$0].currency })
            func nextInvoice(for group: [(key: ClientCurrency, value: Int64)]) -> String {
                invoicedIn.subtracting(group.map(\.key.currency)).isEmpty ? "your next invoice"
                    : group.count == 1 ? "your next invoice in \(group[0].key.currency.code)" : "your next invoice in the same currency"
            }
            let next = nextInvoice(for: held)
            // Money held while an invoice of its currency is in query waits for that query (4,
            // rule 4): once it is settled, the money goes to that invoice, not to the next one.
            // Said of each currency it holds for (the client's open queries are few).
            var queriedIn: [Currency: [Int]] = [:]
            for number in story.openDisputes.keys.sorted() {
                guard let i = ledger.invoiceIndex[number], heldCurrencies.contains(ledger.invoices[i].currency), sheet.invoices[i].owed > 0 else { continue }
                queriedIn[ledger.invoices[i].currency, default: []].append(i)
            }
            queriedIn = queriedIn.mapValues { $0.sorted() }
            /// What is said of money held in a currency with an invoice in query: "We hold 300.00
            /// GBP of yours on account while we settle the query about invoice A-2: once it is
            /// settled, the money will go towards what is agreed for that invoice", and, when it
            /// is more than the invoice owes, the rest against the next invoice.
            func waiting(_ h: (key: ClientCurrency, value: Int64), opening: String) -> String {
                let queried = queriedIn[h.key.currency] ?? []
                let numbers = queried.map { ledger.invoices[$0].number }
                let owed = queried.reduce(Int64(0)) { $0 + sheet.invoices[$1].owed }
                let beyond = h.value > owed ? ", and what is left over towards \(nextInvoice(for: [h]))" : ""
                let one = numbers.count == 1
                return "\(opening) \(Money(minor: h.value, currency: h.key.currency)) of yours on account while we settle the \(one ? "query" : "queries") about \(invoicePhrase(numbers)): once \(one ? "it is" : "they are") settled, the money will go towards what is agreed for \(one ? "that invoice" : "those invoices")\(beyond), unless you would rather have it refunded."
            }
            let forQuery = held.filter { queriedIn[$0.key.currency] != nil }
            let free = held.filter { queriedIn[$0.key.currency] == nil }
            let freeAmounts = list(free.map { Money(minor: $0.value, currency: $0.key.currency).description })
            let freeNext = nextInvoice(for: free)
            if stage == .thanks, !claimShort.isEmpty {
                // Held money short of the claim in its currency: set against it, the rest is not
                // covered (not said to be owed: whether to pursue it is the user's to decide).
                // Money held in another currency is the client's, as after any letter.
                let shortCurrencies = Set(claimShort.map(\.0))
                let towards = held.filter { shortCurrencies.contains($0.key.currency) }, other = held.filter { !shortCurrencies.contains($0.key.currency) }
                var sentences: [String] = []
                if !towards.isEmpty {
                    let left = claimShort.map { cur, m in Money(minor: m - (towards.first { $0.key.currency == cur }?.value ?? 0), currency: cur).description }
                    sentences.append("We hold \(list(towards.map { Money(minor: $0.value, currency: $0.key.currency).description })) of yours on account, which we can set against it if you agree, leaving \(list(left)) of it uncovered.")
                }
                if !other.isEmpty {
                    sentences.append("We \(towards.isEmpty ? "" : "also ")hold \(list(other.map { Money(minor: $0.value, currency: $0.key.currency).description })) of yours on account, which we will set against \(next) unless you would rather have it refunded.")
                }
                if !sentences.isEmpty { v["credit.on-account"] = sentences.joined(separator: " ") }
            } else if stage == .thanks, let what = claimOwed {
                // Not offered back beside a claim not covered: it may meet that claim.
                v["credit.on-account"] = "We hold \(amounts) of yours on account, which we can set against the \(what), if you agree."
            } else if stage == .dispute, case let queried = story.openDisputes.keys.compactMap({ ledger.invoiceIndex[$0] }).filter({ heldCurrencies.contains(ledger.invoices[$0].currency) }), !queried.isEmpty {
                // Money on account passes over a queried invoice (4.4): it is held because of
                // the query, and goes to that invoice once it is settled.
                let numbers = queried.map { ledger.invoices[$0].number }.sorted()
                v["credit.on-account"] = "We hold \(amounts) of yours on account while we look into \(numbers.count == 1 ? "the query" : "the queries"): once \(numbers.count == 1 ? "it is" : "they are") settled, it will go towards what is agreed for \(invoicePhrase(numbers)), unless you would rather have it refunded."
            } else if stage == .thanks || stage == .statement || stage == .courtesy {
                // Money waiting for a query is said to wait for it: "your next invoice" would
                // promise it to work it will not pay.
                var sentences = forQuery.map { waiting($0, opening: "We hold") }
                if !free.isEmpty {
                    sentences.append("We \(forQuery.isEmpty ? "" : "also ")hold \(freeAmounts) of yours on account, which we will set against \(freeNext) unless you would rather have it refunded.")
                }
                v["credit.on-account"] = sentences.joined(separator: " ")
            } else {
                // A letter asking for money says what we hold, and why it is not set against
                // what is asked (the balance sheet sets money held against any invoice it can
                // pay, so what is still held is in another currency, or waits for a query).
                let asked = Array(Set(chased.map { ledger.invoices[$0].currency }).subtracting(heldCurrencies)).map(\.code).sorted()
                let cannot = asked.isEmpty ? "" : ", which cannot pay an invoice in \(asked.joined(separator: " or "))"
                var sentences = forQuery.map { waiting($0, opening: "We also hold") }
                if !free.isEmpty {
                    sentences.append("We also hold \(freeAmounts) of yours on account\(cannot): tell me whether you would like it refunded or kept for \(freeNext).")
                }
                v["credit.on-account"] = sentences.joined(separator: " ")
            }
        }
        let disputes = story.openDisputes.sorted { $0.key < $1.key }
        if stage == .statement && !disputes.isEmpty {
            // In a statement the disputed invoices are in the table; the sentence says why they
            // are not asked for, in words rather than a bare list.
            v["on.hold"] = disputes.map { number, note in
                let open = ledger.invoiceIndex[number].map { " (\(Money(minor: sheet.invoices[$0].owed, currency: ledger.invoices[$0].currency)) open)" } ?? ""
                // A mark in a note for the file is not the client's word, and its date is ours.
                guard note.isContact else { return "We are not asking for invoice \(number)\(open) while we settle the query about it." }
                return "We are not asking for invoice \(number)\(open) while we settle the query you raised on \(note.date.longDescription)."
            }.joined(separator: " ")
        }
        if stage == .statement {
            v["statement.intro"] = open.isEmpty ? "Nothing is open on your account as of \(asOf.longDescription)." : "Here is a statement of what is open on your account as of \(asOf.longDescription)."
            // Nothing to pay, or only invoices on hold for a query: no invitation to pay.
            if open.allSatisfy({ story.openDisputes[ledger.invoices[$0].number] != nil }) {
                v["methods"] = nil
                v["bank"] = nil
            }
        }
        // What of the plan a query holds back, said in a dispute acknowledgement.
        var heldAhead: String?
        if let plan {
            // A credit note on the plan's invoices counts towards its instalments, and so does a
            // sum waived on them: neither is money that "reached us", nor was "received".
            let planNumbers = Set(plan.covered.map { ledger.invoices[$0].number })
            // A credit note takes away the part of the invoices the plan left out first
            // (3.10): those that only did so, taken in date order, meet no instalment and are
            // not named as meeting one.
            let since = story.credits.filter { c in c.date >= plan.plan.date && invoicesPaid(by: c, ledger: ledger, sheet: sheet).contains(where: planNumbers.contains) }
            var waived: Int64 = 0
            for k in story.writeOffs.indices32 where Int(k) < sheet.writtenOff.count {
                let w = ledger.writeOffs[Int(k)]
                if w.date >= plan.plan.date && planNumbers.contains(w.invoice) && ClientStory.isWaived(Int(k), sheet: sheet) { waived += sheet.writtenOff[Int(k)] }
            }
            // Read from the plan's invoices' history, a run over the ledger's entries: asked
            // only of a plan a credit note or a sum waived has touched since, not of every
            // plan a letter speaks of (thousands, on a large ledger).
            let credited = since.isEmpty && waived == 0 ? (since: Int64(0), leftOut: Int64(0)) : plan.credited(ledger: ledger, sheet: sheet)
            var creditNotes: [Payment] = []
            var creditedSoFar: Int64 = 0
            for c in since {
                creditedSoFar += c.minor
                if creditedSoFar > credited.leftOut { creditNotes.append(c) }
            }
            let creditNumbers = creditNotes.compactMap { $0.notes(in: ledger.files).number }
            let receivedWord = creditNotes.isEmpty && waived == 0 ? "received" : "met"
            // What credit notes and sums waived met of the plan is no money received. The
            // client's payments meet the instalments first, in order, and what was taken off
            // meets those after them: "500.00 GBP received, 300.00 GBP met by credit note
            // CN-3", never "paid" for an instalment the client paid only part of.
            let creditMet = creditNotes.isEmpty && waived == 0 ? 0 : min(plan.paid, credited.since - credited.leftOut + waived)
            let receivedMinor = plan.paid - creditMet
            var countedTowards: [String] = []
            if !creditNotes.isEmpty {
                countedTowards.append(creditNumbers.isEmpty ? (creditNotes.count == 1 ? "our credit note" : "our credit notes") : (creditNumbers.count == 1 ? "credit note " : "credit notes ") + list(creditNumbers))
            }
            if waived > 0 { countedTowards.append("the sum we waived") }
            let metBy = countedTowards.isEmpty ? "" : "met by \(list(countedTowards))"
            /// What of the stretch of the schedule from `from` to `to` was received, and what met.
            func split(from: Int128, to: Int128) -> (received: Int64, met: Int64) {
                func overlap(_ lo: Int128, _ hi: Int128) -> Int64 { Int64(clamping: max(0, min(to, hi) - max(from, lo))) }
                return (overlap(0, Int128(receivedMinor)), overlap(Int128(receivedMinor), Int128(plan.paid)))
            }
            func parts(_ s: (received: Int64, met: Int64)) -> [String] {
                let cur = plan.plan.currency
                return (s.received > 0 ? ["\(Money(minor: s.received, currency: cur)) received"] : []) + (s.met > 0 ? ["\(Money(minor: s.met, currency: cur)) \(metBy)"] : [])
            }
            // Instalments, or parts of them, that fell due while a query held their money (our
            // letters said it waits), the query settled since and no letter about the plan
            // written since: they were not missed, and are now to be paid, without a word of
            // reproach.
            let held = plan.heldByQuery(open: open, sheet: sheet, ledger: ledger).filter { h in
                !story.letters.contains { l in
                    l.date >= h.released && (l.stage == .instalment || (l.stage.rung ?? 0) >= 1 && !l.invoices.isEmpty) && plan.isAbout(l, ledger: ledger)
                }
            }
            var rows = ["| Instalment | Date | Amount | Status |", "| ---: | --- | ---: | --- |"]
            // Int128: the checker holds the instalments to the plan's amount (E407), but a
            // letter must not trap on a ledger that was not checked.
            var running: Int128 = 0
            for (k, i) in plan.plan.instalments.enumerated() {
                let before = running
                running += Int128(i.minor)
                let status: String
                let inQuery = plan.heldPart(of: i, cumulative: Int64(clamping: running))
                if inQuery > 0 {
                    // Money in query waits at the end of the schedule (7.2): what of this
                    // instalment only that money would meet is on hold, not missed.
                    let cur = plan.plan.currency
                    let received = Int64(clamping: max(0, Int128(plan.paid) - before)), rest = i.minor - received - inQuery
                    var parts: [String] = []
                    if received > 0 { parts.append("\(Money(minor: received, currency: cur)) \(receivedWord)") }
                    if rest > 0 { parts.append("\(Money(minor: rest, currency: cur)) " + (i.date >= asOf ? "to come" : received > 0 ? "still open" : "not received")) }
                    parts.append(parts.isEmpty ? "on hold while the query is settled" : "\(Money(minor: inQuery, currency: cur)) on hold while the query is settled")
                    status = parts.joined(separator: ", ")
                } else if running <= Int128(plan.paid) {
                    let s = split(from: before, to: running)
                    status = s.met == 0 ? "paid" : s.received == 0 ? metBy : parts(s).joined(separator: ", ")
                } else if before < Int128(plan.paid) {
                    // Part of this instalment arrived: say how much, never "not received".
                    let received = Money(minor: Int64(Int128(plan.paid) - before), currency: plan.plan.currency)
                    let rest = Money(minor: Int64(running - Int128(plan.paid)), currency: plan.plan.currency)
                    // What is left of one a query held is on hold until it was settled, as a
                    // whole instalment held is; beside money out of query, only its part.
                    if let h = held.first(where: { $0.instalment.date == i.date }) {
                        let open = Int64(running - Int128(plan.paid)) - h.unpaid
                        let still = open > 0 ? "\(Money(minor: open, currency: plan.plan.currency)) still open, " : ""
                        status = "\(received) \(receivedWord), \(still)\(Money(minor: h.unpaid, currency: plan.plan.currency)) on hold until \(h.released.longDescription)"
                    } else if creditMet > 0 {
                        status = (parts(split(from: before, to: running)) + ["\(rest) " + (i.date < asOf ? "still open" : "to come")]).joined(separator: ", ")
                    } else {
                        status = "\(received) \(receivedWord), \(rest) " + (i.date < asOf ? "still open" : "to come")
                    }
                } else if let h = held.first(where: { $0.instalment.date == i.date }) {
                    status = h.unpaid < i.minor
                        ? "\(Money(minor: i.minor - h.unpaid, currency: plan.plan.currency)) not received, \(Money(minor: h.unpaid, currency: plan.plan.currency)) on hold until \(h.released.longDescription)"
                        : "on hold until \(h.released.longDescription)"
                } else {
                    status = i.date < asOf ? "not received" : "to come"
                }
                rows.append("| \(k + 1) | \(i.date.longDescription) | \(Money(minor: i.minor, currency: plan.plan.currency)) | \(status) |")
            }
            v["plan.table"] = rows.joined(separator: "\n")
            // Once every date has passed there is no schedule left to adjust.
            v["plan.adjust"] = plan.lapsed
                ? "If something has changed, tell me before then and we can talk it through."
                : planAdjust
            // Beside another plan still running, the plan is named by its date and invoices.
            v["plan.title"] = plans.several
                ? plan.named(in: ledger) + ","
                : planTitle
            if let next = plan.next {
                let amount = Money(minor: plan.nextShortfall, currency: plan.plan.currency)
                // After a formal demand `due` drafts nothing more about what it demanded: it
                // cannot promise that the next letter will be about the plan's invoices.
                // Nor can a final notice, which says the demand comes next, nor any letter while a
                // demand about the plan's invoices stands unpaid: the ladder drafts nothing more
                // about them. (One about other work does not hold theirs back, 7.2.)
                let covered = Set(plan.covered.map { ledger.invoices[$0].number })
                let demandStands = story.letters.contains { l in
                    l.stage == .demand && l.invoices.array.contains { n in covered.contains(n) && (ledger.invoiceIndex[n].map { sheet.invoices[$0].open > 0 } ?? false) }
                }
                let nextLetterFollows = stage != .demand && stage != .final && !demandStands
                // What that next letter would be about: the plan's invoices open and out of query.
                let itself = plan.covered.filter({ sheet.invoices[$0].open > 0 && story.openDisputes[ledger.invoices[$0].number] == nil }).count == 1 ? "the invoice itself" : "the invoices themselves"
                // Not later than the instalment's own date when that is still ahead (moved, as
                // any date to send by, off a weekend or a holiday).
                let replyBy = s.replyBy(asOf)
                v["plan.by"] = (next.instalment.date >= asOf ? min(s.workingDay(next.instalment.date), replyBy) : replyBy).longDescription
                let overdue = plan.overdue
                // Instalments, or parts of them, that money in query holds back (7.2): said, and
                // not asked for, as the invoice in query is not.
                let heldNext = plan.heldPart(of: next.instalment, cumulative: next.cumulative)
                var heldSaid: String?
                var query = ""
                if plan.held > 0 {
                    let queried = plan.covered.filter { open.contains($0) }.map { ledger.invoices[$0].number }.filter { story.openDisputes[$0] != nil }
                    query = "the \(queried.count == 1 ? "query" : "queries") about \(invoicePhrase(queried))"
                    let cur = plan.plan.currency
                    let inQuery = plan.heldInstalments
                    let dates = list(inQuery.map { $0.instalment.date.longDescription })
                    let sum = Money(minor: inQuery.reduce(Int64(0)) { $0 + $1.held }, currency: cur)
                    if inQuery.isEmpty {
                        if heldNext > 0 {
                            heldSaid = heldNext == next.instalment.minor
                                ? "The next instalment, \(Money(minor: heldNext, currency: cur)) due on \(next.instalment.date.longDescription), is on hold while we settle \(query)."
                                : "Of the next instalment, due on \(next.instalment.date.longDescription), \(Money(minor: heldNext, currency: cur)) is on hold while we settle \(query)."
                        }
                    } else if inQuery.allSatisfy({ $0.held == $0.instalment.minor }) {
                        heldSaid = inQuery.count == 1
                            ? "The instalment of \(sum) due on \(dates) is on hold while we settle \(query), and I am not asking for it now."
                            : "The instalments due on \(dates) (\(sum) in all) are on hold while we settle \(query), and I am not asking for them now."
                    } else {
                        heldSaid = "Of the \(inQuery.count == 1 ? "instalment" : "instalments") due on \(dates), \(sum) is on hold while we settle \(query), and I am not asking for it now."
                    }
                }
                // The plan's last payment, and whether a letter about the plan went after it:
                // that letter thanked the client for it (and the table showed what it made
                // up). This one counts it in its figures, but neither thanks them for it nor
                // tells them of it again as news.
                let lastToPlan = story.payments.last { $0.date >= plan.plan.date && invoicesPaid(by: $0, ledger: ledger, sheet: sheet).contains(where: planNumbers.contains) }
                let toldOfLast = lastToPlan.map { p in
                    story.letters.contains { l in
                        (l.date, l.order) > (p.date, p.order) && (l.stage == .instalment || (l.stage.rung != nil && !l.invoices.isEmpty)) && plan.isAbout(l, ledger: ledger)
                    }
                } ?? false
                // The plan's last payment may have made up earlier instalments that were
                // missed, before what is left of it came to the next, or with nothing left
                // for it: the client, who sent an instalment's sum on its day or a few days
                // after, is told so, not that a few pence of it arrived, nor only that
                // instalments have not reached us.
                var madeUp: (payment: Payment, dates: [Day])?
                if countedTowards.isEmpty, let last = lastToPlan,
                   invoicesPaid(by: last, ledger: ledger, sheet: sheet).allSatisfy(planNumbers.contains)
                {
                    let before = plan.paid - last.minor
                    var cumulative: Int64 = 0
                    var dates: [Day] = []
                    for i in plan.plan.instalments {
                        cumulative += i.minor
                        if cumulative > before && cumulative <= plan.paid && i.date < last.date { dates.append(i.date) }
                    }
                    if !dates.isEmpty { madeUp = (last, dates) }
                }
                /// The table says when the instalments that payment made up were paid.
                func markMadeUp() {
                    guard let (last, dates) = madeUp else { return }
                    let marked = dates.map { "| \($0.longDescription) |" }
                    v["plan.table"] = v["plan.table"]?.split(separator: "\n", omittingEmptySubsequences: false).map { row in
                        marked.contains(where: { row.contains($0) }) && row.hasSuffix("| paid |") ? row.dropLast("paid |".count) + "paid on \(last.date.longDescription) |" : String(row)
                    }.joined(separator: "\n")
                }
                /// "Your payment of … made up the instalment due on …, which had not reached
                /// us", nil once a letter about the plan has told of it. Thanked for alone since
                /// our last letter in an instalment reminder, one sentence thanks the client for
                /// it and says where it went (`payments.received` is then left out).
                func madeUpSaid() -> String? {
                    guard let (p, dates) = madeUp, !toldOfLast else { return nil }
                    let those = dates.count == 1 ? "the instalment due on \(dates[0].longDescription), which had not reached us" : "the instalments due on \(list(dates.map(\.longDescription))), which had not reached us"
                    let opening: String
                    if stage == .instalment, let t = thankedAlone, t.order == p.order, v["payments.received"] != nil {
                        // Stated, not thanked for, when it came long ago (`long(ago:)`).
                        opening = long(ago: [p]) ? "We received your payment of \(t.phrase): it made up"
                            : v["last.contact"] == nil ? "Thank you for your payment of \(t.phrase): it made up" : "Your payment of \(t.phrase) also reached us, for which many thanks: it made up"
                        v["payments.received"] = nil
                    } else if stage == .instalment, thankedOneByOne.contains(p.order), v["payments.received"] != nil {
                        opening = "The payment on \(p.date.longDescription) made up"
                    } else if stage == .instalment, let (order, sentence) = promiseThankedAbove, order == p.order, v["promise.broken"] != nil {
                        // The promise's sentence below counts it too: thanked for here, where
                        // it is first told of, and referred to there.
                        let payment = "payment of \(Money(minor: p.minor, currency: p.currency)) on \(p.date.longDescription)"
                        opening = long(ago: [p]) ? "We received your \(payment): it made up"
                            : v["payments.received"] == nil && v["last.contact"] == nil ? "Thank you for your \(payment): it made up"
                            : "Your \(payment) also reached us, for which many thanks: it made up"
                        v["promise.broken"] = sentence
                    } else if stage == .instalment, promiseNamed, counted.contains(p.order), v["promise.broken"] != nil {
                        // Thanked for with the others in the promise's sentence, which names the sum.
                        opening = "The payment on \(p.date.longDescription) made up"
                    } else {
                        opening = "Your payment of \(Money(minor: p.minor, currency: p.currency)) on \(p.date.longDescription) made up"
                    }
                    return "\(opening) \(those)"
                }
                // Said before what waits with a query, or was released from one: the payment
                // made up instalments neither held nor missed.
                // Asked only where it is said: thanked for alone, it takes `payments.received`'s place.
                func madeUpBefore() -> String { madeUpSaid().map { $0 + ". " } ?? "" }
                if plan.nextShortfall == 0, let heldSaid {
                    // All that is left to pay of the plan waits with the query.
                    markMadeUp()
                    v["plan.next"] = madeUpBefore() + heldSaid
                } else if !held.isEmpty {
                    markMadeUp()
                    let cur = plan.plan.currency
                    // Each instalment's money less what of it was held: one part held is missed
                    // for the rest.
                    let missed = plan.owedInstalments.compactMap { o -> (instalment: Instalment, unpaid: Int64)? in
                        let rest = o.unpaid - (held.first { $0.instalment.date == o.instalment.date }?.unpaid ?? 0)
                        return rest > 0 ? (o.instalment, rest) : nil
                    }
                    // "the instalment of 1,000.00 GBP due on 15 March 2026", "the 400.00 GBP still
                    // to pay of the instalment due on …", "the instalments due on … and …", "the
                    // 1,400.00 GBP still to pay of the instalments due on … and …"
                    func phrase(_ items: [(instalment: Instalment, unpaid: Int64)]) -> String {
                        let dates = list(items.map { $0.instalment.date.longDescription })
                        let unpaid = items.reduce(Int64(0)) { $0 + $1.unpaid }, whole = items.reduce(Int64(0)) { $0 + $1.instalment.minor }
                        let one = items.count == 1
                        return unpaid < whole
                            ? "the \(Money(minor: unpaid, currency: cur)) still to pay of the instalment\(one ? "" : "s") due on \(dates)"
                            : one ? "the instalment of \(Money(minor: unpaid, currency: cur)) due on \(dates)" : "the instalments due on \(dates)"
                    }
                    let heldSum = held.reduce(Int64(0)) { $0 + $1.unpaid }
                    let one = held.count == 1
                    // Part paid, the clause is about a sum ("the 1,400.00 GBP still to pay of …"),
                    // which it gives: the sum is said once.
                    let said = heldSum < held.reduce(Int64(0)) { $0 + $1.instalment.minor }
                    let heldClause = "\(phrase(held.map { ($0.instalment, $0.unpaid) })), which \(one ? "was" : "were") on hold in the meantime, \(one || said ? "is" : "are") now to be paid"
                    if missed.isEmpty {
                        v["plan.next"] = madeUpBefore() + "With the query settled, \(heldClause)"
                            + (one || said ? "." : ": \(Money(minor: heldSum, currency: cur)) in all.")
                            + (plan.lapsed ? " No further instalments fall due under the plan." : "")
                    } else {
                        let missedSum = missed.reduce(Int64(0)) { $0 + $1.unpaid }
                        let first = phrase(missed)
                        // "The 900.00 GBP still to pay of the instalments … has": a sum.
                        let aSum = missedSum < missed.reduce(Int64(0)) { $0 + $1.instalment.minor }
                        v["plan.next"] = madeUpBefore() + first.prefix(1).uppercased() + first.dropFirst() + " \(missed.count == 1 || aSum ? "has" : "have") not reached us; with the query settled, \(heldClause) too: \(Money(minor: missedSum + heldSum, currency: cur)) in all."
                            + (plan.lapsed && nextLetterFollows ? " That was the end of the plan's schedule: if they do not arrive, my next letter will be about \(itself)." : "")
                    }
                } else if overdue.instalments.count > 1 {
                    markMadeUp()
                    let dates = list(overdue.instalments.map { $0.date.longDescription })
                    let partly = plan.nextShortfall < next.instalment.minor
                    // A payment that made up an earlier instalment is said first, with what of
                    // it went towards the first of those still missed, as for one missed.
                    let madeUpFirst = madeUpSaid().map { said in
                        said + (plan.nextReceived > 0 ? ", and \(Money(minor: plan.nextReceived, currency: plan.plan.currency)) went towards the instalment of \(Money(minor: next.instalment.minor, currency: plan.plan.currency)) that was due on \(next.instalment.date.longDescription)" : "") + ". "
                    } ?? ""
                    v["plan.next"] = madeUpFirst + (partly
                        ? "The instalments due on \(dates) are not yet paid in full: \(Money(minor: overdue.shortfall, currency: plan.plan.currency)) of them is still to come."
                        : "The instalments due on \(dates) have not reached us: \(Money(minor: overdue.shortfall, currency: plan.plan.currency)) in all.")
                        + (plan.lapsed && nextLetterFollows ? " That was the end of the plan's schedule: if they do not arrive, my next letter will be about \(itself)." : "")
                } else {
                    let whole = Money(minor: next.instalment.minor, currency: plan.plan.currency)
                    // Part of it may wait with a query (`heldNext`): neither received nor missed.
                    let partly = plan.nextShortfall + heldNext < next.instalment.minor
                    let received = Money(minor: next.instalment.minor - plan.nextShortfall - heldNext, currency: plan.plan.currency)
                    // Part received and part met by a credit note: each said for what it is.
                    let nextSplit = split(from: Int128(next.cumulative - next.instalment.minor), to: Int128(next.cumulative))
                    let met = countedTowards.isEmpty ? "has reached us\(v["payments.received"] == nil && !toldOfLast && (v["promise.broken"] == nil || (promise?.receivedToDate ?? 0) == 0) ? ", thank you" : "")"
                        : nextSplit.met == 0 ? "has reached us" : "is \(metBy)"
                    let arrived = nextSplit.received > 0 && nextSplit.met > 0
                        ? "\(Money(minor: nextSplit.received, currency: plan.plan.currency)) has reached us and \(Money(minor: nextSplit.met, currency: plan.plan.currency)) is \(metBy)"
                        : "\(received) \(met)"
                    markMadeUp()
                    // Once a letter has told the client of that payment, it is not announced again:
                    // the instalment's sentence says what has reached us, as for any part paid.
                    if next.instalment.date < asOf, let madeUpWords = madeUpSaid() {
                        v["plan.next"] = partly
                            ? "\(madeUpWords), and \(received) went towards the instalment of \(whole) that was due on \(next.instalment.date.longDescription), of which \(amount) is still to come."
                                + (plan.lapsed && nextLetterFollows ? " That instalment was the last of the plan's schedule: if the rest does not arrive, my next letter will be about \(itself)." : "")
                            : "\(madeUpWords). The instalment of \(amount) that was due on \(next.instalment.date.longDescription) has not reached us yet."
                                + (plan.lapsed && nextLetterFollows ? (next.instalment.date == plan.plan.instalments.last?.date ? " It was the last of the plan's schedule" : " Every date of the plan's schedule has now passed") + ": if it does not arrive, my next letter will be about \(itself)." : "")
                    } else if next.instalment.date < asOf {
                        v["plan.next"] = (partly
                            ? "Of the instalment of \(whole) that was due on \(next.instalment.date.longDescription), \(arrived); \(amount) of it is still to come."
                            : heldNext > 0 && plan.heldInstalments.count == 1 ? "Of the instalment of \(whole) that was due on \(next.instalment.date.longDescription), \(amount) has not reached us yet; the other \(Money(minor: heldNext, currency: plan.plan.currency)) is on hold while we settle \(query), and I am not asking for it now."
                            : "The instalment of \(amount) that was due on \(next.instalment.date.longDescription) has not reached us yet.")
                            // The last of the schedule: said as for several missed.
                            + (plan.lapsed && nextLetterFollows ? (next.instalment.date == plan.plan.instalments.last?.date ? " It was the last of the plan's schedule" : " Every date of the plan's schedule has now passed") + ": if \(partly ? "the rest" : "it") does not arrive, my next letter will be about \(itself)." : "")
                    } else if heldNext > 0 {
                        v["plan.next"] = "Of the next instalment, \(whole) due on \(next.instalment.date.longDescription), \(amount) falls due then."
                    } else {
                        // What a credit note or a sum waived met of it never reached us: each
                        // part is said for what it is, as for an instalment missed.
                        let already = nextSplit.met == 0 ? "\(received) has already reached us"
                            : nextSplit.received == 0 ? "\(received) is \(metBy)"
                            : "\(Money(minor: nextSplit.received, currency: plan.plan.currency)) has already reached us and \(Money(minor: nextSplit.met, currency: plan.plan.currency)) is \(metBy)"
                        v["plan.next"] = partly
                            ? "Of the next instalment, \(whole) due on \(next.instalment.date.longDescription), \(already); \(amount) is still to come."
                            : next.instalment.date == asOf
                            ? "The next instalment, \(amount), falls due today, \(next.instalment.date.longDescription)."
                            : "The next instalment, \(amount), falls due on \(next.instalment.date.longDescription)."
                    }
                }
                // Said once: the sentence about the one instalment part of which is missed may
                // have said it.
                if plan.nextShortfall > 0, let heldSaid, !(v["plan.next"] ?? "").contains(" is on hold while we settle ") { v["plan.next"] = (v["plan.next"] ?? "") + " " + heldSaid }
                // A dispute acknowledgement sets out what of the plan the query holds back (money
                // in query waits at the end of the schedule, 7.2), where `plan.next` has not said
                // it: the client, told the invoice is on hold, is not left to guess what of the
                // instalments still falls due.
                if stage == .dispute, plan.held > 0 {
                    heldAhead = heldInstalmentsSaid(plan, query: query, besides: (v["plan.next"] ?? "").contains(" on hold while we settle ") ? next.instalment : nil)
                }
                // After a sentence about other invoices, a credit note or a sum waived, or an
                // instalment on hold, "it" would read as the last one named.
                let between = [v["plan.others"], v["plan.outside"], v["not-yet-due"], v["credits"], v["writeoffs"], v["credit.used"]].contains { !($0 ?? "").isEmpty }
                    || (v["plan.next"] ?? "").contains(" on hold while we settle ")
                // Part of it met already (paid, or met by a credit note): what is asked for is the
                // sum still to come, named, not the instalment, nor "it".
                let askedFor = overdue.instalments.isEmpty ? plan.nextShortfall : overdue.shortfall
                let whole = overdue.instalments.isEmpty ? next.instalment.minor : overdue.instalments.reduce(Int64(0)) { $0 + $1.minor }
                v["plan.missed"] = askedFor < whole ? "the \(Money(minor: askedFor, currency: plan.plan.currency)) still to come"
                    : overdue.instalments.count > 1 ? (between ? "the instalments" : "them") : (between ? "the instalment" : "it")
                // A second reminder about the same missed instalment cites the first, and says
                // whether it was answered; one about an earlier instalment, since paid, is past.
                if stage == .instalment, let firstMissed = overdue.instalments.first?.date ?? (next.instalment.date < asOf ? next.instalment.date : nil),
                   let earlier = story.letters.last(where: { $0.stage == .instalment && $0.date > firstMissed && plan.isAbout($0, ledger: ledger) }) {
                    let answered = story.lastReply.map { ($0.date, $0.order) > (earlier.date, earlier.order) } ?? false
                    v["plan.reminded"] = answered
                        ? "This follows my letter about the plan of \(earlier.date.longDescription)."
                        : "I wrote to you about the plan on \(earlier.date.longDescription) and have not heard back."
                }
            }
        }
        // A letter about other invoices that says the plan's invoices are not asked for must
        // not pass over instalments the client has missed: it says which, as the instalment
        // reminder would.
        // Not before the instalment reminder itself would go (`reminder-after` days late): an
        // instalment due on a Sunday is not chased on the Monday.
        // Of every running plan: with two, each is named with what it has fallen behind on.
        // The missed instalments a ladder letter asks for beside its own amount: "that
        // instalment" or "those instalments", said with that amount once it is known (a
        // demand's includes its claim).
        var sendMissedWith: String?
        // The missed instalments asked for beside the letter's own amount, for a demand's
        // closing, which states what its body asks for (`claim.asked`): their sum in words, and
        // in one figure when all is in one currency.
        var missedAsked: (words: String, minor: Int64?, currency: Currency)?
        let asking = stage == .instalment ? [] : plans.askingMissed
        let severalPlans = plans.several
        let missedText: String? = asking.isEmpty ? nil
            : severalPlans ? asking.map { p in "Under \(p.named(in: ledger)), \(p.missedClause())." }.joined(separator: " ")
            : v["plan.next"]
        if let missed = missedText, v["on.hold"] != nil, onHold.contains(where: { planned.contains($0) }) {
            v["on.hold"]! += " " + missed
            // Named, it is asked for: the ladder letter stands in for the instalment reminder
            // (StageChooser, which records the plan's invoices with the letter), so the client
            // gets one letter, not two a week apart.
            if [.reminder, .followUp, .final, .demand].contains(stage) {
                let count = asking.reduce(0) { $0 + $1.overdue.instalments.count }
                let it = count > 1 ? "those instalments" : "that instalment"
                // Not "we are not asking for it here" of the plan's invoices, and then their
                // instalments asked for: they are covered by the plan, and what it has fallen
                // behind on is asked for.
                let inPlan = onHold.filter { planned.contains($0) }, others = onHold.filter { !planned.contains($0) }
                let numbers = inPlan.map { ledger.invoices[$0].number }
                v["on.hold"] = (others.isEmpty ? "" : notAskedFor(others) + " ")
                    + "\(numbers.count == 1 ? "Invoice" : "Invoices") \(list(numbers)) \(numbers.count == 1 ? "is" : "are") covered by our payment plan\(severalPlans ? "s" : ""). \(missed)"
                sendMissedWith = it
                // The closing and the heading ask for both, so the client is not left to wonder
                // which is wanted.
                let shortfalls = asking.map { (minor: $0.overdue.shortfall, currency: $0.plan.currency) }
                let curs = Set(shortfalls.map(\.currency))
                let cur = shortfalls[0].currency, shortfall = shortfalls.reduce(Int64(0)) { $0 + $1.minor }
                let sameCurrency = curs == [cur]
                let one = sameCurrency && currencies == [cur] ? chased.reduce(Int64(0)) { $0 + sheet.invoices[$1].owed } : nil
                let owedThere = sameCurrency ? Money(minor: shortfall, currency: cur).description : list(shortfalls.map { Money(minor: $0.minor, currency: $0.currency).description })
                v["total.asked"] = "\(v["total"] ?? "") and the \(owedThere) of \(it)"
                    + (one.map { " (\(Money(minor: $0 + shortfall, currency: cur)) in all)" } ?? "")
                missedAsked = ("the \(owedThere) of \(it)", one.map { $0 + shortfall }, cur)
                v["total.heading"] = totals(chased, ledger: ledger, sheet: sheet, adding: shortfalls)
                v["invoices.table"] = table(open, ledger: ledger, sheet: sheet, asOf: asOf, disputed: disputed, planned: planned, chased: chasedSet, missed: shortfalls, demanded: Set(choice.underDemand.map(\.invoice)), leftovers: Set(choice.leftovers), discounts: Set(choice.discountsAside?.invoices ?? []))
            }
        } else if stage == .dispute, let plan, plan.heldByDispute(open: open, disputed: disputed, ledger: ledger) {
            // The plan's invoices now queried are on hold, instalments and all, whether one was
            // missed or the next is still to come: the client is told not to send them.
            let inPlan = open.filter { Set(plan.covered).contains($0) }.map { ledger.invoices[$0].number }
            v["on.hold"] = "While we look into \(inPlan.count == 1 ? "the query" : "the queries"), the instalments of our payment plan for \(invoicePhrase(inPlan)) are on hold too."
        } else if stage == .dispute, let plan, plan.overdue.shortfall > 0 || heldAhead != nil, let missed = v["plan.next"] {
            // A dispute acknowledgement asks for nothing, but it sets out the facts of the
            // account: an instalment missed is one of them, and so is what of the plan now
            // waits with the query, beside what still falls due.
            let inPlan = open.filter { planned.contains($0) }.map { ledger.invoices[$0].number }
            if !inPlan.isEmpty {
                v["on.hold"] = "\(inPlan.count == 1 ? "Invoice" : "Invoices") \(list(inPlan)) \(inPlan.count == 1 ? "is" : "are") covered by our payment plan. " + missed
                    + (heldAhead.map { " " + $0 } ?? "")
            }
        }
        // A plan whose missed instalments a letter since asked for by a date still to come is
        // not asked again (`ClientPlans.askingMissed`), but not passed over as if on track
        // either: that letter is named, with its date.
        if [.reminder, .followUp, .final, .demand].contains(stage), v["on.hold"] != nil {
            for p in plans.running where !asking.contains(where: { $0.plan.order == p.plan.order }) {
                guard p.overdue.shortfall > 0, let l = p.askedFor(in: story, ledger: ledger) else { continue }
                let what = p.overdue.instalments.count > 1 ? "the missed instalments" : "the missed instalment"
                let under = severalPlans ? " of \(p.named(in: ledger))" : ""
                v["on.hold"]! += " My letter of \(l.date.longDescription) asked for \(what)\(under), to be sent by \(ledger.settings.replyBy(l.date).longDescription)."
            }
        }
        // Disputes by invoice: when it was issued and when it was queried. The query's words are
        // the user's record of it and stay private.
        // A dispute marked in a note for the file (an import's mark, something heard elsewhere)
        // was not raised with us by the client on that date: its invoice is listed without a
        // date of query, and the letter thanks them only for what they told us.
        if !disputes.isEmpty {
            v["dispute.list"] = disputes.map { number, note in
                let queried = note.isContact ? ", which you queried on \(note.date.longDescription)" : ""
                guard let i = ledger.invoiceIndex[number] else { return "- Invoice \(number)" + (note.isContact ? ", queried on \(note.date.longDescription)" : "") }
                let inv = ledger.invoices[i]
                let summary = ledger.summary(of: inv)
                let what = summary.isEmpty ? "" : "\(summary), "
                return "- Invoice \(number) of \(inv.issued.longDescription) (\(what)\(Money(minor: sheet.invoices[i].owed, currency: inv.currency)) open, due \(inv.due.longDescription))\(queried)"
            }.joined(separator: "\n")
            // A query our last acknowledgement answered is not greeted as new: the opening is
            // about the new ones, and says the earlier ones stay on hold.
            let lastAck = story.letters.last { $0.stage == .dispute }
            let earlier = disputes.filter { _, note in lastAck.map { ($0.date, $0.order) > (note.date, note.order) } ?? false }
            let fresh = disputes.filter { number, _ in !earlier.contains { $0.key == number } }
            let named = !earlier.isEmpty && !fresh.isEmpty
            let one = fresh.count == 1
            let the = named ? (one ? "invoice " : "invoices ") + list(fresh.map(\.key)) : one ? "the invoice" : "the invoices"
            let it = one ? "it" : "them"
            var opening = fresh.contains { $0.value.isContact }
                ? "Thank you for telling me about your concern\(named ? " with " + the : ""). I have put \(named ? it : the) on hold while we look into \(it), and we will not chase \(it) until we have agreed what is fair."
                : "I understand you have a question about \(named ? the : the + " below"). I have put \(it) on hold while we look into \(it), and we will not chase \(it) until we have agreed what is fair."
            if named, let lastAck {
                let stay = earlier.count == 1 ? "Invoice \(earlier[0].key) stays" : "Invoices \(list(earlier.map(\.key))) stay"
                opening += " \(stay) on hold as well, as I wrote on \(lastAck.date.longDescription)."
                // That acknowledgement is cited here; the letter does not cite it twice.
                if stage == .dispute, let l = story.lastLetter, (l.date, l.order) == (lastAck.date, lastAck.order) { v["last.letter"] = nil }
            }
            // A final notice about other work still open stands: the acknowledgement does not
            // leave the client thinking the whole account is on hold.
            if stage == .dispute, let f = story.letters.last(where: { $0.stage == .final }),
               !story.letters.contains(where: { $0.stage == .demand && ($0.date, $0.order) > (f.date, f.order) }) {
                let still = f.invoices.filter { n in
                    story.openDisputes[n] == nil && ledger.invoiceIndex[n].map { sheet.invoices[$0].open > 0 } == true
                }
                if !still.isEmpty {
                    opening += " My final notice of \(f.date.longDescription) about \(still.count == 1 ? "invoice" : "invoices") \(list(Array(still))) still stands."
                    // Cited here, it is not cited again as the last letter.
                    if let l = story.lastLetter, (l.date, l.order) == (f.date, f.order) { v["last.letter"] = nil }
                }
            }
            v["dispute.opening"] = opening
            v["dispute.title"] = disputes.count == 1 ? "Your query about our invoice" : "Your queries about our invoices"
            // A client already on a plan is offered a change to it, not a plan.
            v["dispute.plan"] = plan == nil ? "a plan" : "a change to our payment plan"
        }

        // What a demand claims on top of what is open, for its closing (`claim.asked`).
        var demandClaim = LateClaim.empty
        if stage == .final || stage == .demand {
            // The checker reports a claim too large to count (E309) before any letter is
            // written; a caller that skipped it gets a sentence rather than a wrong figure.
            let claim: LateClaim
            do { claim = try LateClaim(invoices: chased, ledger: ledger, sheet: sheet, story: story) } catch {
                claim = .empty
                if stage == .demand {
                    v["claim.terms"] = "The interest and compensation our terms provide for on invoice \(ledger.invoices[error.invoice].number) are more than can be counted here; we will state them separately."
                }
            }
            demandClaim = claim
            let interest = claim.lines.contains { $0.rate != nil }
            let compensation = claim.lines.contains { $0.compensation > 0 }
            switch (interest, compensation) {
            case (true, true): v["claim.note"] = ", adding the interest and compensation our terms provide for"
            case (true, false): v["claim.note"] = ", adding the interest our terms provide for"
            case (false, true): v["claim.note"] = ", adding the compensation our terms provide for"
            case (false, false): break
            }
            // A final notice warns of recovery costs still to come; a demand has claimed them
            // (they are the compensation in its table), so it only says interest keeps running.
            // A rate that only some of the invoices carry is said with the invoices it is on;
            // several are each said with their invoices ("10.15% a year on invoice I-1, and 9.00% a
            // year on invoices I-2 and I-3").
            let rates = Set(claim.lines.compactMap { $0.rate?.description }).sorted()
            let withRate = claim.lines.filter { $0.rate != nil }.map(\.number)
            let onSome = withRate.count < chased.count ? " on \(invoicePhrase(withRate))" : ""
            // Invoices sharing a rate are named together under it, rates in the order the table shows them.
            var byRate: [(rate: String, numbers: [String])] = []
            for l in claim.lines {
                guard let r = l.rate?.description else { continue }
                if let k = byRate.firstIndex(where: { $0.rate == r }) { byRate[k].numbers.append(l.number) } else { byRate.append((r, [l.number])) }
            }
            let groups = byRate.map { "\($0.rate)% a year on \($0.numbers.count == 1 ? "invoice" : "invoices") \(list($0.numbers))" }
            let yearly = rates.count > 1
                ? (groups.count == 2 ? groups.joined(separator: ", and ") : groups.dropLast().joined(separator: ", ") + ", and " + groups.last!)
                : rates.map { $0 + "% a year" }.joined() + onSome
            if stage == .final {
                if compensation { v["claim.costs"] = ", and the recovery costs our terms provide for may be added" }
            } else if interest && !claim.isEmpty {
                v["claim.costs"] = ", in which we would also ask for the interest that continues to run at \(yearly)"
            }
            if stage == .demand && !claim.isEmpty {
                var terms: [String] = []
                if interest {
                    terms.append(rates.count > 1 ? "simple interest from the due date at \(yearly)"
                        : "simple interest at \(rates.joined())% a year from the due date\(onSome)")
                }
                let compensated = claim.lines.filter { $0.compensation > 0 }
                let statutory = compensated.filter(\.statutory).count
                if compensation {
                    // "Statutory" only for sums that are the band, never for the user's own figure.
                    let which = statutory == compensated.count ? " (the statutory sum for commercial debts)"
                        : statutory == 0 ? " (the sum our terms state)"
                        : " (the statutory sum for commercial debts where the table says so, otherwise the sum our terms state)"
                    let each = compensated.count < chased.count
                        ? (compensated.count == 1 ? "for invoice " : "for each of invoices ") + list(compensated.map(\.number)) : "for each late invoice"
                    terms.append("a fixed sum \(each) to cover the cost of recovering it" + which)
                }
                let counted = stage == .demand && !choice.askedApart.isEmpty ? " on \(invoicePhrase(chased.map { ledger.invoices[$0].number }))" : ""
                // The table's open amount times its days is not the interest of an invoice paid
                // in part after its due date: the money paid late bore interest until it came.
                let paidLate = claim.lines.filter(\.paidLate).map(\.number)
                // Waived only where a sum was (a credit note bore no interest at all): a loss of
                // ours is still owed, bears interest still, and is never named.
                let waived = paidLate.contains { n in ledger.invoiceIndex[n].map { sheet.invoices[$0].waived > 0 } ?? false }
                let ways = waived ? "paid or waived" : "paid"
                let late = paidLate.isEmpty ? "" : " Interest also runs on any part \(ways) after the due date, until the day it was \(ways) (\(invoicePhrase(paidLate)))."
                // Nothing added to the instalments paid on time, as the plan's offer said.
                let planned = claim.lines.filter(\.planned).map(\.number)
                let plan = planned.isEmpty ? "" : " On \(invoicePhrase(planned)), in our payment plan, interest runs only on an instalment not paid by its date, from the day after it until it is paid: nothing is added to the instalments paid on time."
                v["claim.terms"] = "Our terms provide for late payment to carry \(terms.joined(separator: ", and ")).\(late)\(plan) Counted to \(asOf.longDescription)\(counted), this comes to:"
                var rows = ["| Invoice | Open | Due | Days late | Interest | Compensation |", "| --- | ---: | --- | ---: | ---: | ---: |"]
                // Figures in two currencies are never set side by side without their codes.
                let coded = Set(claim.lines.map(\.currency)).count > 1
                func figure(_ minor: Int64, _ currency: Currency) -> String {
                    coded ? Money(minor: minor, currency: currency).description : Money(minor: minor, currency: currency).formatted
                }
                for l in claim.lines {
                    let interest = l.rate.map { "\(figure(l.interest, l.currency)) (\($0)%)" } ?? "—"
                    let mark = statutory > 0 && statutory < compensated.count && l.statutory ? " (statutory)" : ""
                    rows.append("| \(ReportTable.markdownCell(l.number)) | \(figure(l.open, l.currency)) | \(l.due.longDescription) | \(MoneyFormat.format(Int64(l.days), precision: 0)) | \(interest) | \(l.compensation > 0 ? figure(l.compensation, l.currency) + mark : "—") |")
                }
                v["claim.table"] = rows.joined(separator: "\n")
                var owed = CurrencySums()
                for i in chased { owed.add(sheet.invoices[i].owed, in: ledger.invoices[i].currency) }
                // One amount to pay: what is open plus what the claim adds, per currency, in
                // the order of their invoices, as `total` gives them, so one sentence does not
                // name them in two orders.
                v["claim.amount"] = totals(chased, ledger: ledger, sheet: sheet, adding: claim.totals.map { (minor: $0.1, currency: $0.0) })
                let order = chased.map { ledger.invoices[$0].currency }
                let extras = list(claim.totals.sorted { (order.firstIndex(of: $0.0) ?? .max) < (order.firstIndex(of: $1.0) ?? .max) }.map { Money(minor: $0.1, currency: $0.0).description })
                let what = claim.what
                v["claim.breakdown"] = "that is, \(v["total"] ?? "") open on \(v["invoices.phrase"] ?? "") and \(extras) of \(what), set out below"
                v["claim.total"] = claim.totals.sorted { (order.firstIndex(of: $0.0) ?? .max) < (order.firstIndex(of: $1.0) ?? .max) }.map { cur, extra in
                    let what = claim.what(in: cur), What = what.prefix(1).uppercased() + what.dropFirst()
                    return "\(What): \(Money(minor: extra, currency: cur)). With the \(Money(minor: owed[cur], currency: cur)) open, the amount now claimed is \(Money(minor: extra + owed[cur], currency: cur))."
                }.joined(separator: "\n")
            }
            if stage == .demand {
                if v["claim.amount"] == nil {
                    v["claim.amount"] = v["total"]
                    v["claim.breakdown"] = "owed on \(v["invoices.phrase"] ?? "")"
                }
                let history = history(story, about: Set((open + chased).map { ledger.invoices[$0].number }), asking: chased, since: chased.map { ledger.invoices[$0].due }.min() ?? asOf, ledger: ledger, sheet: sheet)
                v["history"] = history
                // A history that names other open invoices (one queried, say) is not headed as
                // about the claimed ones alone. (A number inside another only widens the heading.)
                let claimed = Set(chased.map { ledger.invoices[$0].number })
                let others = open.map { ledger.invoices[$0].number }.filter { !claimed.contains($0) && history.contains($0) }
                v["history.about"] = !others.isEmpty ? "your account" : chased.count == 1 ? "this invoice" : "these invoices"
            }
        }
        // With the one amount the letter asks for: a demand's claim included, not what is open alone.
        if let it = sendMissedWith {
            v["on.hold"]! += " Please send \(it) with the \((stage == .demand ? v["claim.amount"] : nil) ?? v["total"] ?? "") asked for here."
        }
        // A demand closes by asking for what its body asked for: its amount, and the plan's
        // missed instalments it asked to be sent with it (the sum of both in one figure when
        // all is in one currency). The claim is on its own invoices alone.
        // What it threatens formal steps over is its own amount: the plan's invoices are not
        // demanded, and go back to the ladder once the plan has run out.
        if stage == .demand {
            v["claim.asked"] = v["claim.amount"]
            let several = severalAmounts(chased, ledger: ledger)
            // `claim.if` carries its verb, which agrees with what is asked; `claim.unless` is
            // the same words without it, as templates written before `claim.if` read it
            // ("{{claim.unless}} has not reached us").
            v["claim.if"] = several ? "If they have" : "If it has"
            v["claim.unless"] = "If it"
            if let m = missedAsked, let amount = v["claim.amount"] {
                v["claim.if"] = "If the \(amount) of this demand \(several ? "have" : "has")"
                v["claim.unless"] = "If the \(amount) of this demand"
                let inAll = m.minor.map { open -> String in
                    let extra = demandClaim.totals.first { $0.0 == m.currency }?.1 ?? 0
                    return " (\(Money(minor: open + extra, currency: m.currency)) in all)"
                } ?? ""
                v["claim.asked"] = "\(amount) and \(m.words)\(inAll)"
            }
        }
        // A letter about the client's other invoices after a formal demand says the demand
        // stands for what it demanded, rather than ask for that again as if it had not gone.
        // Each demand for the invoices it named.
        if !choice.underDemand.isEmpty {
            var byDemand: [(day: Day, numbers: [String])] = []
            for u in choice.underDemand {
                let n = ledger.invoices[u.invoice].number
                if let k = byDemand.firstIndex(where: { $0.day == u.demand }) { byDemand[k].numbers.append(n) } else { byDemand.append((u.demand, [n])) }
            }
            byDemand.sort { $0.day < $1.day }
            let demands = byDemand.count == 1
                ? "My formal demand of \(byDemand[0].day.longDescription) about \(invoicePhrase(byDemand[0].numbers)) still stands"
                : "My formal demands of " + list(byDemand.map { "\($0.day.longDescription) about \(invoicePhrase($0.numbers))" }) + " still stand"
            let said = demands + "; this letter is about \(invoicePhrase(chased.map { ledger.invoices[$0].number })) alone."
            v["on.hold"] = v["on.hold"].map { $0 + " " + said } ?? said
        }
        return v
    }

    /// The invoices a payment or credit note paid: those its `apply` names, then those the
    /// balance sheet applied the rest to, oldest first.
    /// That no money has come towards `what` since a count of letters began (`period`: "in
    /// that time", or empty where the letter said since when): "no payment towards invoice F-2
    /// has come", or, when the client paid under a plan that covered it and the money went to
    /// its other invoices, where that money went: "the 2,880.00 GBP paid under our payment plan
    /// went to invoice F-1, none of it to invoice F-2" (`named`: the invoices, not a pronoun).
    static func nothingTowards(_ what: String, named: String, period: String, count: LetterCount, ledger: Ledger, sheet: BalanceSheet) -> String {
        let when = period.isEmpty ? "" : " " + period
        guard !count.paidUnderPlan.isEmpty else { return "no payment towards \(what) has come\(when)" }
        let went = Set(count.paidUnderPlan.flatMap { invoicesPaid(by: $0, ledger: ledger, sheet: sheet) })
        let sums = Dictionary(grouping: count.paidUnderPlan, by: \.currency).map { Money(minor: $0.value.reduce(0) { $0 + $1.minor }, currency: $0.key) }
        let paid = list(sums.sorted { $0.currency < $1.currency }.map(\.description))
        let to = went.sorted { (ledger.invoiceIndex[$0] ?? 0) < (ledger.invoiceIndex[$1] ?? 0) }
        return "the \(paid) paid under our payment plan\(when) went to \(invoicePhrase(to)), none of it to \(named)"
    }

    static func invoicesPaid(by p: Payment, ledger: Ledger, sheet: BalanceSheet) -> [String] {
        // An invoice it names that was settled before it came took none of it (the money went
        // on account, W415): the letter does not say it went "towards" that one.
        // Found by each line's resolved invoice, not by hashing its number again.
        var out: [String] = []
        for (k, a) in ledger.allocations(of: p).enumerated() {
            if let t = a.target.map(Int.init), let settled = sheet.invoices[t].settled, settled < p.date, sheet.invoices[t].writtenOff == 0 { continue }
            out.append(ledger.invoiceNumber(applied: k, of: p))
        }
        for a in sheet.applied[p.order] ?? [] where !out.contains(ledger.invoices[a.invoice].number) { out.append(ledger.invoices[a.invoice].number) }
        return out
    }

    /// What settled the account since our last letter, in a thank-you: the payments that
    /// arrived (amount, date, invoice) and the credit notes that cancelled what was owed. No
    /// payment is thanked for when none was made: a credit note is named as what it is.
    /// `claimOpen`: a demand (this time or before) claimed interest or compensation the ledger
    /// does not hold, so the invoices are paid but the account is not called settled.
    static func settlement(_ story: ClientStory, last: LetterSent?, paid: [Payment], credits: [Payment], describe: (Payment) -> [String], resolved: Bool, kept: String, claimOpen: Bool = false, ledger: Ledger, sheet: BalanceSheet) -> String {
        let settled = claimOpen ? "nothing is open on your \(story.issued.count == 1 ? "invoice" : "invoices") now" : "your account with us is now fully settled"
        func applied(_ p: Payment) -> String {
            let to = describe(p)
            return to.isEmpty ? "" : " (\(invoicePhrase(to)))"
        }
        // A credit note that settles a query agreed with the client since our last letter is
        // named as agreed, as the other letters name it (`credits`).
        let settledQueries = story.notes(after: last).filter(\.isContact).flatMap { n in n.resolutions.map { ($0.invoice, n.date) } }
        let notes = credits.enumerated().map { k, c in
            let to = describe(c)
            let agreed = settledQueries.contains { q in to.contains(q.0) && c.date >= q.1.adding(days: -14) }
            let name = agreed ? (k == 0 ? "As agreed, credit note " : "credit note ") : "Credit note "
            return name + "\(c.notes(in: ledger.files).number ?? "of \(c.date.longDescription)") for \(Money(minor: c.minor, currency: c.currency))" + creditApplied(c, to: to, sheet: sheet, ledger: ledger)
        }
        // A credit note after the discount window that let a payment made inside it count as
        // the discounted sum (§4 rule 6): said, or the 10.00 between what our last letter asked
        // and the credit note is never accounted for.
        var allowed: [String] = []
        for c in credits {
            for n in describe(c) {
                guard let i = ledger.invoiceIndex[n], let deadline = ledger.invoices[i].discountDeadline, let pct = ledger.invoices[i].effectiveTerms.discountPercent,
                    sheet.invoices[i].discount > 0, sheet.invoices[i].settled == c.date, c.date > deadline else { continue }
                // The payment named when there is one: it is what stands as the discounted sum.
                let inTime = story.payments.filter { !$0.isCredit && $0.date <= deadline && describe($0).contains(n) }
                let paid = inTime.count == 1 ? "Your payment of \(Money(minor: inTime[0].minor, currency: inTime[0].currency)) on \(inTime[0].date.longDescription)" : "Your payments towards invoice \(n)"
                let left = Money(minor: sheet.invoices[i].discount, currency: ledger.invoices[i].currency)
                allowed.append("\(paid) came within \(inTime.count == 1 ? "invoice \(n)'s" : "its") early-payment window (by \(deadline.longDescription)), and the \(left) the credit note leaves is within its \(pct)% discount, so it is allowed.")
            }
        }
        let discounts = allowed.isEmpty ? "" : " " + allowed.joined(separator: " ")
        // Money of theirs held on account that went to an invoice since our last letter, when the
        // query that held it back was settled (4, rule 4), or that paid back what an invoice had
        // written off as a loss (rule 5: released by the query settled, or met by the
        // write-off): said where it went, as a payment's own invoices are, and a loss paid back
        // never called a loss. All that went to it: what paid back the loss and what the same
        // release paid of what the invoice had open then, not what such money paid of it when
        // it was issued, which was never held while the query was looked into.
        var wentFromHeld: [String] = []
        for i in story.issued {
            let recovered = (sheet.recoveredFromAccount[i] ?? []).filter { r in last.map { r.date > $0.date } ?? true }
            let released = (sheet.releasedByQuery[i] ?? []).filter { r in last.map { r.date > $0.date } ?? true }
            guard let day = (recovered.map(\.date) + released.map(\.date)).max() else { continue }
            let number = ledger.invoices[i].number
            let byQuery = !released.isEmpty || recovered.contains { if case .resolution = $0.source { return true } else { return false } }
            var amount = recovered.reduce(Int64(0)) { $0 + $1.amount }
            if byQuery { amount += released.filter { $0.date == day }.reduce(0) { $0 + $1.amount } }
            let what = Money(minor: amount, currency: ledger.invoices[i].currency)
            wentFromHeld.append(" The \(what) of yours that we held on account\(byQuery ? " while your query was looked into" : "") went to invoice \(number) on \(day.longDescription).")
        }
        let heldText = wentFromHeld.joined()
        guard !paid.isEmpty else {
            let thanks = resolved ? " Thank you for your patience while your query was sorted out." : ""
            if notes.isEmpty { return settled.prefix(1).uppercased() + settled.dropFirst() + "." + heldText + thanks }
            // Credit left over is held for the client: what is open is nothing on the invoices.
            let left = credits.contains { creditLeftOver($0, sheet: sheet) > 0 }
            let what = left ? "invoices" : "account"
            return discounts.isEmpty ? list(notes) + ", so nothing is open on your \(what)." + heldText + thanks
                : list(notes) + "." + discounts + " Nothing is now open on your \(what)." + heldText + thanks
        }
        var text: String
        if paid.count > paymentsNamedOneByOne {
            // Many payments are thanked for together, as the other letters do.
            let (when, total) = together(paid)
            var invoices: [String] = []
            for p in paid { for n in describe(p) where !invoices.contains(n) { invoices.append(n) } }
            let towards = invoices.isEmpty ? "" : invoices.count <= 6 ? ", for \(invoicePhrase(invoices))" : ", for \(invoices.count) invoices"
            text = "Your \(paid.count) payments made \(when) (\(total) in all\(towards)) have arrived, and \(settled)."
        } else {
            let each = paid.map { "\(Money(minor: $0.minor, currency: $0.currency)) on \($0.date.longDescription)\(applied($0))" }
            text = "Your \(paid.count == 1 ? "payment" : "payments") of \(list(each)) \(paid.count == 1 ? "has" : "have") arrived, and \(settled)."
        }
        if !notes.isEmpty { text += " " + list(notes) + "." + discounts }
        text += heldText
        // A plan whose money is all in deserves its own word: the payments thanked for went
        // towards it (whatever our last letter was about: a reminder for other work, say).
        // A plan for the whole balance covered what was open on its date: invoices issued by then.
        func paysPlan(_ p: Payment, _ plan: PaymentPlan) -> Bool {
            p.date > plan.date && describe(p).contains { n in
                ledger.invoiceIndex[n].map { plan.isAbout(ledger.invoices[$0]) } ?? false
            }
        }
        func towardsPlan(_ plan: PaymentPlan) -> Bool { paid.contains { paysPlan($0, plan) } }
        if let plan = story.plans.last, let lastPayment = paid.last, plan.date < lastPayment.date, towardsPlan(plan) {
            // An instalment we had to chase was not kept to: the thanks are for finishing it.
            // Chased by an instalment reminder, or by a letter about other work sent while an
            // instalment was behind (it asked for the instalment too).
            func behind(on day: Day) -> Bool {
                let due = plan.instalments.filter { $0.date < day }.reduce(Int64(0)) { $0 + $1.minor }
                let sent = story.payments.filter { $0.date < day && paysPlan($0, plan) }.reduce(Int64(0)) { $0 + $1.minor }
                return due > sent
            }
            let chased = story.letters.contains { l in
                l.date > plan.date && (l.stage == .instalment || ((l.stage.rung ?? 0) >= 1 && behind(on: l.date)))
            }
            // A plan a letter already said had come to an end is not "completed": what it covered is paid.
            let planNumbers = Set(plan.invoices)
            let endedSaid = plan.instalments.last.map(\.date).map { end in
                story.letters.contains { ($0.stage.rung ?? 0) >= 1 && $0.date > end && (planNumbers.isEmpty || $0.invoices.contains(where: planNumbers.contains)) }
            } ?? false
            text += endedSaid
                // A plan that ran out unpaid was not seen through: what it covered is now paid, no more.
                ? " With this, everything the payment plan we agreed on \(plan.date.longDescription) covered is paid."
                : " That completes the payment plan we agreed on \(plan.date.longDescription): thank you for \(chased ? "seeing it through" : "keeping to it")."
            if resolved { text += " Thank you too for your patience while your query was sorted out\(kept)." }
        } else {
            // With a claim still owed the matter is not sorted out: the thanks are for the payment.
            // After a sentence about a credit note, "them" would read as the credit note: the
            // invoices are named.
            let paidFor = paid.flatMap(describe).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let them = !notes.isEmpty && !paidFor.isEmpty ? invoicePhrase(paidFor) : paidFor.count == 1 ? "it" : "them"
            text += resolved ? " Thank you for settling \(claimOpen ? them : "it"), and for your patience while your query was sorted out\(kept)."
                : claimOpen ? " Thank you for paying \(them)\(kept)." : " Thank you for sorting it out\(kept)."
        }
        // An invoice issued after the money came, paid from what was held on account and shown
        // by no letter: the client may not know it was ever open, nor where their money went.
        let since = paid.first?.date ?? credits.first?.date
        let fromHeld = story.issued.filter { i in
            (sheet.fromAccount[i] ?? 0) > 0 && sheet.invoices[i].open <= 0 && since.map { ledger.invoices[i].issued >= $0 } ?? false
                && !story.letters.contains { $0.date >= ledger.invoices[i].issued && story.told(by: $0, ledger: ledger, sheet: sheet).contains(ledger.invoices[i].number) }
        }
        for i in fromHeld {
            let inv = ledger.invoices[i], held = sheet.fromAccount[i]!
            text += held >= sheet.invoices[i].total
                ? " Invoice \(inv.number) of \(inv.issued.longDescription) (\(Money(minor: held, currency: inv.currency))) has been paid from the money of yours we held on account."
                : " \(Money(minor: held, currency: inv.currency)) of yours that we held on account has gone towards invoice \(inv.number) of \(inv.issued.longDescription)."
        }
        return text
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

    /// A Markdown table of the open invoices, each marked past due, not yet due, disputed or
    /// in the plan, with what was paid and what was credited (credit notes, write-offs and
    /// discounts) in columns of their own, and totals per currency.
    /// `missed`: plans' missed instalments the letter asks for, per currency; the plan's row
    /// is split into them and the rest, so the rows add up to the heading's past-due figure.
    /// `apart`: past-due invoices a final notice or demand leaves out (`StageChoice.askedApart`),
    /// totalled apart from the past-due money it asks for (`Past due, not part of this …`, the
    /// letter named by `apartFrom`). `demanded`: open invoices an earlier formal demand stands
    /// for, which a letter about other invoices does not ask for (`StageChoice.underDemand`),
    /// totalled apart as under it. `leftovers`: past-due invoices with less than one unit of
    /// their currency left, set aside from the chase (`StageChoice.leftovers`): listed, so the
    /// total open is the client's, but marked and totalled as not asked for. `discounts`:
    /// past-due invoices owing only early-payment discounts missed, set aside from a letter
    /// about unpaid work for the user to decide (`StageChoice.discountsAside`): marked and
    /// totalled as not asked for too.
    static func table(_ invoices: [Int], ledger: Ledger, sheet: BalanceSheet, asOf: Day, disputed: Set<String>, planned: Set<Int>, chased: Set<Int>, missed: [(minor: Int64, currency: Currency)] = [], apart: Set<Int> = [], apartFrom: String = "demand", demanded: Set<Int> = [], leftovers: Set<Int> = [], discounts: Set<Int> = []) -> String {
        guard !invoices.isEmpty else { return "" }
        // The totals split as the rows are marked: an invoice on hold or in the plan is past
        // due or not, but it is not part of the past-due money a letter asks for, and a
        // subtotal that counted it would contradict the amount asked for.
        var sums = CurrencySums(), pastDue = CurrencySums(), notDue = CurrencySums(), onHold = CurrencySums(), inPlan = CurrencySums(), apartSums = CurrencySums(), underDemand = CurrencySums(), small = CurrencySums(), discountSums = CurrencySums()
        for i in invoices {
            let cur = ledger.invoices[i].currency, open = sheet.invoices[i].owed
            sums.add(open, in: cur)
            if !apart.isEmpty && apart.contains(i) {
                apartSums.add(open, in: cur)
            } else if !demanded.isEmpty && demanded.contains(i) {
                underDemand.add(open, in: cur)
            } else if !disputed.isEmpty && disputed.contains(ledger.invoices[i].number) {
                onHold.add(open, in: cur)
            } else if !planned.isEmpty && planned.contains(i) {
                inPlan.add(open, in: cur)
            } else if !leftovers.isEmpty && leftovers.contains(i) {
                small.add(open, in: cur)
            } else if !discounts.isEmpty && discounts.contains(i) {
                discountSums.add(open, in: cur)
            } else if ledger.invoices[i].due < asOf {
                pastDue.add(open, in: cur)
            } else {
                notDue.add(open, in: cur)
            }
        }
        let showCode = sums.count > 1
        // A loss written off is neither credited nor taken off what is open (3.8).
        let credited = invoices.contains { sheet.invoices[$0].creditedAsTold > 0 }
        // A row per open invoice, appended to one buffer; amounts as `Money` writes them.
        var out = ByteText(capacity: 128 * (invoices.count + 3))
        // One buffer for splitting every item line read for its description.
        var words = Words()
        func money(_ m: Int64, _ c: Currency) {
            out.money(m, precision: c.precision)
            if showCode {
                out.byte(0x20)
                out.append(c.code)
            }
        }
        // A column of blanks reads as something left out: "For" only when some invoice says
        // what it was for (a `for` line, an item or a `ref`), not for one written as a total alone.
        let described = invoices.contains { i in ledger.withSummary(of: ledger.invoices[i], words: &words) { !$0.isEmpty } }
        let forColumn = described ? " For |" : "", forRule = described ? " --- |" : ""
        if credited {
            out.append("| Invoice | Date |\(forColumn) Amount | Paid | Credited | Open | Days past due |\n| --- | --- |\(forRule) ---: | ---: | ---: | ---: | ---: |")
        } else {
            out.append("| Invoice | Date |\(forColumn) Amount | Paid | Open | Days past due |\n| --- | --- |\(forRule) ---: | ---: | ---: | ---: |")
        }
        for i in invoices {
            let number = ledger.invoices[i].number, due = ledger.invoices[i].due, cur = ledger.invoices[i].currency
            let b = sheet.invoices[i]
            let late = asOf.days(since: due)
            out.words("\n| ")
            ReportTable.markdownCell(number, into: &out)
            out.words(" | ")
            out.longDay(ledger.invoices[i].issued)
            out.words(" | ")
            if described {
                ledger.withSummary(of: ledger.invoices[i], words: &words) { ReportTable.markdownCell(bytes: $0, into: &out) }
                out.words(" | ")
            }
            money(b.total, cur)
            out.append(" | ")
            money(b.paid, cur)
            if credited {
                out.append(" | ")
                money(b.creditedAsTold, cur)
            }
            out.append(" | ")
            money(b.owed, cur)
            out.append(" | ")
            // An invoice on hold or in the plan shows its state in place of days late: counting
            // days against money the client is paying as agreed would read as a reproach.
            if !disputed.isEmpty && disputed.contains(number) { out.append("disputed, on hold") } else if !planned.isEmpty && planned.contains(i) { out.append("in the payment plan") } else if !leftovers.isEmpty && leftovers.contains(i) { out.append("small balance, not asked for") } else if !discounts.isEmpty && discounts.contains(i) { out.append("discount missed, not asked for") } else if late > 999 { out.append(MoneyFormat.format(Int64(late), precision: 0)) } else if late > 0 { out.int(late) } else if late == 0 { out.append("due today") } else { out.append("not yet due (\(due.longDescription))") }
            out.append(" |")
        }
        let blanks = String(repeating: "| ", count: 3 + (credited ? 1 : 0) + (described ? 1 : 0)) + "|"
        // Split by state when some currency's open money is in more than one; then every
        // currency is split, so a total standing alone is not read as not past due.
        var missedSums = CurrencySums()
        for m in missed { missedSums.add(m.minor, in: m.currency) }
        let split = !missed.isEmpty || sums.sorted.contains { cur, _ in [pastDue[cur], apartSums[cur], underDemand[cur], onHold[cur], inPlan[cur], small[cur], discountSums[cur], notDue[cur]].filter { $0 > 0 }.count > 1 }
        // Currencies in the order their rows come, as the letter's sentences name them
        // (`totals`): a heading of GBP then EUR over totals of EUR then GBP reads as a mismatch.
        var order: [Currency] = []
        for i in invoices where !order.contains(ledger.invoices[i].currency) { order.append(ledger.invoices[i].currency) }
        for (cur, sum) in sums.sorted.sorted(by: { order.firstIndex(of: $0.currency)! < order.firstIndex(of: $1.currency)! }) {
            let p = pastDue[cur], h = onHold[cur], l = inPlan[cur], n = notDue[cur]
            let m = min(missedSums[cur], l)
            if split {
                if p > 0 { out.append("\n| Past due \(blanks) \(Money(minor: p, currency: cur)) | |") }
                if apartSums[cur] > 0 { out.append("\n| Past due, not part of this \(apartFrom) \(blanks) \(Money(minor: apartSums[cur], currency: cur)) | |") }
                if underDemand[cur] > 0 { out.append("\n| Past due, under our formal demand \(blanks) \(Money(minor: underDemand[cur], currency: cur)) | |") }
                if m > 0 { out.append("\n| Plan instalments past due \(blanks) \(Money(minor: m, currency: cur)) | |") }
                if h > 0 { out.append("\n| Disputed, on hold \(blanks) \(Money(minor: h, currency: cur)) | |") }
                if l > m { out.append("\n| \(m > 0 ? "Rest of the payment plan" : "In the payment plan") \(blanks) \(Money(minor: l - m, currency: cur)) | |") }
                if small[cur] > 0 { out.append("\n| Small balance, not asked for \(blanks) \(Money(minor: small[cur], currency: cur)) | |") }
                if discountSums[cur] > 0 { out.append("\n| Discounts missed, not asked for \(blanks) \(Money(minor: discountSums[cur], currency: cur)) | |") }
                if n > 0 {
                    let today = invoices.contains { ledger.invoices[$0].currency == cur && ledger.invoices[$0].due == asOf && sheet.invoices[$0].open > 0 && !disputed.contains(ledger.invoices[$0].number) && !planned.contains($0) }
                    out.append("\n| \(today ? "Not yet overdue" : "Not yet due") \(blanks) \(Money(minor: n, currency: cur)) | |")
                }
            }
            // Two totals in a column read as a sum left unadded unless each says what it totals.
            let total = order.count > 1 ? "Total open in \(cur.code)" : "Total open"
            out.append("\n| **\(total)** \(blanks) **\(Money(minor: sum, currency: cur))** | |")
        }
        return out.string
    }

    /// What `invoices` have open as a letter asks for it, a loss written off them still owed
    /// (`InvoiceBalance.owed`, 3.8), currency by currency; with `adding`, that sum too (a
    /// plan's missed instalments asked for beside them). `figure: \.open`: what the books have
    /// open, for the agenda's own counts (what is left to write off).
    /// Whether a closing asks for several amounts, one per currency of `asked`: its `If … not
    /// reached us` then says "they have", not "it has".
    static func severalAmounts(_ asked: [Int], ledger: Ledger) -> Bool {
        Set(asked.map { ledger.invoices[$0].currency }).count > 1
    }

    static func totals(_ invoices: [Int], ledger: Ledger, sheet: BalanceSheet, figure: KeyPath<InvoiceBalance, Int64> = \.owed, adding extras: [(minor: Int64, currency: Currency)] = []) -> String {
        var t = CurrencySums()
        for i in invoices { t.add(sheet.invoices[i][keyPath: figure], in: ledger.invoices[i].currency) }
        for extra in extras { t.add(extra.minor, in: extra.currency) }
        let order = currencyOrder(invoices, ledger: ledger, then: extras.map(\.currency))
        let sums = t.sorted.sorted { a, b in order.firstIndex(of: a.currency)! < order.firstIndex(of: b.currency)! }
        return list(sums.map { Money(minor: $0.minor, currency: $0.currency).description })
    }

    /// A promise still short that an earlier letter named (`promise.broken`), recalled in one
    /// sentence by a later one that counts its letters: what was promised, by when, and what
    /// came of it. Not the client's word when it was passed on to us (a note for the file).
    static func promiseRecalled(_ p: PromiseOutcome) -> String {
        let cur = p.currency, by = p.promise.by.longDescription
        let promised = p.promise.minor.map { Money(minor: $0, currency: cur).description }
        let what = p.note.isContact
            ? "\(promised.map { "the \($0)" } ?? "the payment") you told us on \(p.note.date.longDescription) to expect by \(by)"
            : "\(promised.map { "the \($0)" } ?? "the payment") we had expected by \(by)"
        guard p.receivedToDate > 0, let short = p.shortfall else { return what.prefix(1).uppercased() + what.dropFirst() + " has not reached us." }
        return "Of \(what), \(Money(minor: p.receivedToDate, currency: cur)) has arrived; the remaining \(Money(minor: short, currency: cur)) has not."
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

    /// The currencies of `invoices` in the order their invoices come, then any of `then` not
    /// among them: the one order a letter names currencies in. "600.00 GBP and 2,000.00 EUR
    /// remain open on invoices L-1 and L-2" pairs each sum with its invoice as the reader
    /// expects, and the claim's totals and the bank details that follow keep that order.
    static func currencyOrder(_ invoices: [Int], ledger: Ledger, then more: [Currency] = []) -> [Currency] {
        var order: [Currency] = []
        for c in invoices.map({ ledger.invoices[$0].currency }) + more where !order.contains(c) { order.append(c) }
        return order
    }

    /// Letters, contacts, payments and credit notes since `since` that concern the invoices
    /// `about` (those the letter shows), one bullet each, oldest first. A contact is named by its date and channel; its
    /// words stay private. What concerned only other invoices is left out: a client who pays
    /// every month would otherwise find a demand's history filled with payments for work that
    /// has nothing to do with it, under a heading that says they are about these invoices.
    /// Money not tied to an invoice, a plan for the whole balance, and a contact that names no
    /// invoice are kept: they may concern these. An invoice that one of our letters asked for
    /// together with these is among them too: what became of it (paid, credited, waived) is what
    /// the client reading that letter in the list will want to see.
    /// `asking`: the invoices the letter asks for, of which an earlier letter about others
    /// may have asked for a plan's missed instalments.
    static func history(_ story: ClientStory, about chased: Set<String>, asking: [Int], since: Day, ledger: Ledger, sheet: BalanceSheet) -> String {
        var about = chased
        for l in story.letters where l.date >= since && l.invoices.array.contains(where: { chased.contains($0) }) { about.formUnion(l.invoices.array) }
        func concerns(_ numbers: [String]) -> Bool { numbers.isEmpty || numbers.contains { about.contains($0) } }
        var items: [(Day, Int, String)] = []
        // A final notice or formal demand about other invoices that asked for some of these
        // apart, by its date, is part of their history: the client was asked for them then.
        // In the order issued, not the set's: the line must read the same on every run.
        let shown = chased.compactMap { ledger.invoiceIndex[$0] }.sorted()
        // So is one that asked for the missed instalments of their plan beside its own money.
        let ended = story.plans.isEmpty ? [] : PlanProgress.allEnded(story, ledger: ledger, sheet: sheet)
        // Made once, not for each letter: a demand may ask for thousands of invoices.
        let askingSet = Set(asking), askingNumbers = Set(asking.map { ledger.invoices[$0].number })
        for l in story.letters where l.date >= since {
            let apart = StageChooser.askedApart(by: l, among: shown, story: story, ledger: ledger, sheet: sheet).map { ledger.invoices[$0].number }
            guard concerns(l.invoices.array) || !apart.isEmpty else { continue }
            let plans = l.invoices.array.contains(where: askingNumbers.contains) ? ""
                : instalmentsAskedBeside(by: l, among: askingSet, ended: ended, story: story, ledger: ledger)
            let also = (apart.isEmpty ? [] : [list(apart)]) + (plans.isEmpty ? [] : [plans])
            let asked = also.isEmpty ? "" : ", which also asked for \(list(also)) to be paid by \(ledger.settings.replyBy(l.date).longDescription)"
            items.append((l.date, l.order, "- \(l.date.longDescription): our \(l.stage.title)" + (l.invoices.isEmpty ? "" : " about \(list(l.invoices.array))") + asked + (l.channel(in: ledger.files).map { " (\($0))" } ?? "")))
        }
        // A promise made before the oldest invoice fell due, for a day after, is history too:
        // what came of it is part of why the demand is sent.
        for n in story.contacts where n.date >= since || (n.promise.map { $0.by >= since } ?? false) {
            // A contact that only queried, or settled a query about, other invoices is theirs.
            let named = n.disputes.map(\.invoice) + n.resolutions.map(\.invoice)
            if n.promise == nil && !concerns(named) { continue }
            var line = "- \(n.date.longDescription): " + contactKind(n.channel)
            if let p = n.promise {
                line += p.minor.map { ", in which you promised payment of \(Money(minor: $0, currency: p.currency)) by \(p.by.longDescription)" } ?? ", in which you promised payment by \(p.by.longDescription)"
                // What came of it: the payments that kept it may have been for other work and
                // so not listed, and a promise left bare reads as broken. A plan agreed before
                // its day took its place (7.2): its money was not due by that day any more.
                let outcome = PromiseOutcome(note: n, promise: p, payments: story.payments, asOf: story.asOf, ledger: ledger, owing: (story, sheet))
                if outcome.state != .kept, let plan = story.plans.first(where: { $0.date <= p.by && $0.replaces(n, ledger: ledger) }) {
                    line += " (replaced by the payment plan agreed on \(plan.date.longDescription))"
                } else {
                    // What came after the day, and where it went: money for another invoice
                    // would otherwise read as paid towards these.
                    let late = story.payments.filter { q in q.date > p.by && q.date <= story.asOf && q.currency == outcome.currency }
                    var towards: [String] = []
                    for q in late where PromiseOutcome.towardsPromise(q, outcome.scope, ledger: ledger) > 0 {
                        for number in invoicesPaid(by: q, ledger: ledger, sheet: sheet) where !towards.contains(number) { towards.append(number) }
                    }
                    line += promiseKept(outcome, since: towards)
                }
            }
            // One "in which" to a contact: a query raised or settled in it is added after it.
            let queried = n.disputes.isEmpty ? nil : "queried \(list(n.disputes.map { "invoice \($0.invoice)" }))"
            let settled = n.resolutions.isEmpty ? nil : "we settled your query about \(list(n.resolutions.map { "invoice \($0.invoice)" }))"
            switch (n.promise != nil, queried, settled) {
            case (false, let q?, let r?): line += ", in which you \(q) and \(r)"
            case (false, let q?, nil): line += ", in which you \(q)"
            // "your email, in which we settled …" would have us write their email.
            case (false, nil, _?): line += ", settling your query about \(list(n.resolutions.map { "invoice \($0.invoice)" }))"
            case (true, let q?, let r?): line += "; you also \(q), and \(r)"
            case (true, let q?, nil): line += "; you also \(q)"
            case (true, nil, let r?): line += "; \(r)"
            default: break
            }
            items.append((n.date, n.order, line))
        }
        // What each payment paid, so one for another invoice is not read as paying these.
        // Those of these ever in query, in the order issued: money that named no invoice passed
        // over them while they were (4, rule 4). Found once, not for every payment.
        let everQueried = shown.filter { sheet.wasDisputed(ledger.invoices[$0].number) }.map { ledger.invoices[$0].number }
        for p in story.payments where p.date >= since {
            let to = invoicesPaid(by: p, ledger: ledger, sheet: sheet)
            // The client, who may have meant such money for them, is told where it went.
            let passedOver = everQueried.isEmpty || !ledger.allocations(of: p).isEmpty ? []
                : everQueried.filter { !to.contains($0) && sheet.disputes.open($0, on: p.date) != nil }
            guard concerns(to) || !passedOver.isEmpty else { continue }
            // One that paid an invoice off is not said to have gone "towards" it.
            let settled = to.filter { Self.settled($0, by: p, ledger: ledger, sheet: sheet) }
            let partly = to.filter { !settled.contains($0) }
            var what = to.isEmpty ? "" : settled.isEmpty ? "towards \(invoicePhrase(partly))"
                : partly.isEmpty ? "settling \(invoicePhrase(settled))"
                : "settling \(invoicePhrase(settled)), and towards \(invoicePhrase(partly))"
            if !passedOver.isEmpty {
                let queried = "\(invoicePhrase(passedOver)) \(passedOver.count == 1 ? "was" : "were") in query then"
                what = what.isEmpty ? "held on account: \(queried)" : "\(what); \(queried)"
            }
            items.append((p.date, p.order, "- \(p.date.longDescription): payment of \(Money(minor: p.minor, currency: p.currency)) received" + (what.isEmpty ? "" : " (\(what))")))
        }
        // Every figure of a demand must be traceable: what we credited or waived is history too.
        for c in story.credits where c.date >= since {
            let to = invoicesPaid(by: c, ledger: ledger, sheet: sheet)
            guard concerns(to) else { continue }
            items.append((c.date, c.order, "- \(c.date.longDescription): our credit note \(c.notes(in: ledger.files).number.map { "\($0), " } ?? "")\(Money(minor: c.minor, currency: c.currency))" + (to.isEmpty ? "" : ", applied to \(list(to))")))
        }
        // A plan agreed is the client's promise to pay by its dates; the reminders of the
        // instalments it missed are among our letters above.
        for p in story.plans where p.date >= since && concerns(p.invoices) {
            let count = p.instalments.count
            let last = p.instalments.last.map { ", the last due on \($0.date.longDescription)" } ?? ""
            let what = p.invoices.isEmpty ? "" : " for \(list(p.invoices))"
            items.append((p.date, p.order, "- \(p.date.longDescription): the payment plan we agreed\(what), \(Money(minor: p.minor, currency: p.currency)) in \(count) instalment\(count == 1 ? "" : "s")\(last)"))
        }
        // Money of theirs held on account that paid part of an invoice shown, on the day it
        // did: else the table's Paid column has no payment to trace it to.
        // What paid it when it was issued and what each settled query released are said apart,
        // each on its own day.
        for number in about.sorted() {
            guard let i = ledger.invoiceIndex[number], let held = sheet.fromAccount[i], held > 0 else { continue }
            let releases = sheet.releasedByQuery[i] ?? []
            let atIssue = held - releases.reduce(Int64(0)) { $0 + $1.amount }
            var parts = releases.map { (day: $0.date, amount: $0.amount) }
            if atIssue > 0 { parts.insert((ledger.invoices[i].issued, atIssue), at: 0) }
            for (k, part) in parts.enumerated() where part.day >= since {
                // After the message that settled the query, before a letter of that day.
                let order = story.notes.last { $0.date == part.day && $0.resolutions.contains { $0.invoice == number } }.map { $0.order } ?? Int.min
                let what = sheet.invoices[i].owed <= 0 && k == parts.count - 1 ? "paid invoice \(number)" : "went towards invoice \(number)"
                items.append((part.day, order, "- \(part.day.longDescription): \(Money(minor: part.amount, currency: ledger.invoices[i].currency)) of yours that we held on account \(what)"))
            }
        }
        // A sum waived is history the client knows; a loss written off is ours alone.
        for k in story.writeOffs.indices32.map(Int.init) where ClientStory.isWaived(k, sheet: sheet) {
            let w = ledger.writeOffs[k]
            guard w.date >= since && about.contains(w.invoice), let i = ledger.invoiceIndex[w.invoice], let m = w.minor ?? Optional(sheet.invoices[i].writtenOff) else { continue }
            items.append((w.date, w.order, "- \(w.date.longDescription): we waived \(Money(minor: m, currency: ledger.invoices[i].currency)) of \(w.invoice)"))
        }
        return items.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2).joined(separator: "\n")
    }

    /// The day money held on account could go to invoice `i` when a query held it back: the
    /// day the query was settled (nil when it was not, or before the invoice was issued, when
    /// the money went to it on the day it was issued).
    static func querySettled(_ i: Int, story: ClientStory, ledger: Ledger) -> Day? {
        let number = ledger.invoices[i].number
        return story.notes.last { $0.resolutions.contains { $0.invoice == number } }.map(\.date).flatMap { $0 > ledger.invoices[i].issued ? $0 : nil }
    }

    /// What came of a promise, for a demand's history: " (received by then)", " (300.00 GBP
    /// of it received by then)", " (nothing received by then)", with what came after the day
    /// and the invoices it went to (`towards`); nothing while its day is ahead.
    static func promiseKept(_ o: PromiseOutcome, since towards: [String] = []) -> String {
        let late = o.receivedToDate - o.received
        let since = late > 0 ? "; \(Money(minor: late, currency: o.currency)) since" + (towards.isEmpty ? "" : ", towards \(invoicePhrase(towards))") : ""
        switch o.state {
        case .pending: return ""
        case .kept: return o.promise.minor == nil ? " (a payment of \(Money(minor: o.received, currency: o.currency)) received by then)" : " (received by then)"
        case .partlyKept: return " (\(Money(minor: o.received, currency: o.currency)) of it received by then\(since))"
        case .broken: return " (nothing received by then\(since))"
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

    /// What an instalment reminder offers while the plan has dates to come.
    static let planAdjust = "If something has changed and the agreed dates no longer work, tell me and we can look at the schedule again; I would rather adjust it than see it fall apart."

    /// Of `chased`, those a letter that asked for money asked for already (an instalment
    /// reminder asked for the plan's invoices; a letter naming no invoice, for those overdue on
    /// its day); all of them when none was. A demand claims interest and compensation on
    /// these alone: one fallen due since the final notice is asked for, not claimed on.
    /// `letter`: a demand already sent, whose claim is worked out again: only the letters
    /// before it count, as they did when it was drafted.
    static func askedBefore(_ chased: [Int], story: ClientStory, ledger: Ledger, sheet: BalanceSheet, letter: LetterSent? = nil) -> [Int] {
        let asked = asked(chased, story: story, ledger: ledger, sheet: sheet, letter: letter)
        return asked.isEmpty ? chased : asked
    }

    /// Of `chased`, those a letter that asked for money (before `letter`, or any) asked for
    /// since each fell due: named it, or named none and went after its due date. A letter
    /// that named one while a query held it (an instalment reminder is recorded with all its
    /// plan's invoices) listed it on hold and asked for none of it (7.2).
    static func asked(_ chased: [Int], story: ClientStory, ledger: Ledger, sheet: BalanceSheet, letter: LetterSent? = nil) -> [Int] {
        let letters = story.letters.filter { l in l.stage.asksForMoney && letter.map { (l.date, l.order) < ($0.date, $0.order) } ?? true }
        let asking = InvoicesSpokenOf(letters)
        return chased.filter { i in
            let inv = ledger.invoices[i]
            guard asking.spoke(of: inv.number, orOnOrAfter: inv.due.adding(days: 1)) else { return false }
            // Read letter by letter only for an invoice ever queried: most never were.
            guard sheet.wasDisputed(inv.number) else { return true }
            return letters.contains { l in
                l.invoices.isEmpty ? l.date > inv.due : l.invoices.contains(inv.number) && sheet.disputes.open(inv.number, on: l.date) == nil
            }
        }
    }

    /// What our letters last said of a past-due invoice outside a plan, which an instalment
    /// reminder asks for beside it (`plan.outside`).
    enum OutsideSaid: Equatable {
        /// No letter asked for it: it is paid as usual.
        case nothing
        /// The last letter that asked for it, below a final notice.
        case asked(LetterSent)
        /// The final notice or formal demand about it (the demand before any final notice):
        /// it still stands, whatever was sent since.
        case stands(LetterSent)

        /// `letters` in the order they were sent; `replyBy` gives the date a letter of a day
        /// asked for.
        init<Letters: BidirectionalCollection<LetterSent>>(_ invoice: Invoice, letters: Letters, replyBy: (Day) -> Day) {
            // A letter that names no invoice spoke of every one past due by its day.
            func names(_ l: LetterSent) -> Bool { l.invoices.isEmpty ? l.date > invoice.due : l.invoices.contains(invoice.number) }
            if let top = letters.filter({ ($0.stage.rung ?? 0) >= LetterStage.final.rung! && names($0) })
                .max(by: { ($0.stage.rung!, $0.date, $0.order) < ($1.stage.rung!, $1.date, $1.order) }) {
                self = .stands(top)
            } else if let k = letters.lastIndex(where: { $0.stage.asksForMoney && names($0) }) {
                let asker = letters[k]
                guard asker.stage == .instalment else { self = .asked(asker); return }
                // An instalment reminder asked for the invoice as the letters before it had:
                // it quoted their date while that was still to come, or said "as usual" when
                // none had asked; only otherwise did it give a date of its own.
                switch OutsideSaid(invoice, letters: letters[..<k], replyBy: replyBy) {
                case .asked(let earlier) where replyBy(earlier.date) >= asker.date: self = .asked(earlier)
                case .nothing: self = .nothing
                default: self = .asked(asker)
                }
            } else {
                self = .nothing
            }
        }
    }

    /// How a letter names the plan when it is the client's only one.
    static let planTitle = "the plan as we agreed it"

    /// An invoice as a sentence lists it: "A-2 (400.00 GBP)", with ", due 9 April 2026" after
    /// the amount when `due`; the amount is what a letter asks for (`owed`).
    static func invoiceItem(_ i: Int, due: Bool, ledger: Ledger, sheet: BalanceSheet) -> String {
        let inv = ledger.invoices[i]
        return "\(inv.number) (\(Money(minor: sheet.invoices[i].owed, currency: inv.currency))\(due ? ", due \(inv.due.longDescription)" : ""))"
    }

    /// "invoice A-1", "invoices A-1 and A-2".
    /// What of plan `plan`'s instalments waits with a query (`PlanProgress.heldPart`), for a
    /// dispute acknowledgement: "While we look into the query about invoice I-2, 600.00 GBP of the plan's last
    /// instalment, 1,400.00 GBP due on 18 February 2027, is on hold too; the other 800.00 GBP
    /// of it falls due on that date as agreed." The held parts of instalments past due, and of
    /// `said` (the next instalment), are left out when the plan's sentence said them already
    /// (`said` non-nil). Nil when nothing is left to say.
    static func heldInstalmentsSaid(_ plan: PlanProgress, query: String, besides said: Instalment?) -> String? {
        let cur = plan.plan.currency
        var running: Int64 = 0
        var items: [(instalment: Instalment, held: Int64, received: Int64)] = []
        for i in plan.plan.instalments {
            let before = running
            running += i.minor
            let held = plan.heldPart(of: i, cumulative: running)
            guard held > 0 else { continue }
            if let said, i.date < plan.asOf || i.date == said.date { continue }
            items.append((i, held, min(i.minor, max(0, plan.paid - before))))
        }
        guard let first = items.first else { return nil }
        if items.count == 1 {
            let i = first.instalment
            let which = i.date == plan.plan.instalments.last?.date ? "the plan's last instalment" : "the instalment"
            let named = "\(which), \(Money(minor: i.minor, currency: cur)) due on \(i.date.longDescription),"
            guard first.held < i.minor else { return "While we look into \(query), \(named) is on hold too." }
            let rest = i.minor - first.held - first.received
            let restSaid = rest > 0 && i.date >= plan.asOf ? "; \(first.received == 0 ? "the other " : "")\(Money(minor: rest, currency: cur)) of it falls due on that date as agreed" : ""
            return "While we look into \(query), \(Money(minor: first.held, currency: cur)) of \(named) is on hold too\(restSaid)."
        }
        let dates = list(items.map { $0.instalment.date.longDescription })
        let sum = Money(minor: items.reduce(Int64(0)) { $0 + $1.held }, currency: cur)
        return items.allSatisfy({ $0.held == $0.instalment.minor })
            ? "While we look into \(query), the instalments due on \(dates) (\(sum) in all) are on hold too."
            : "While we look into \(query), \(sum) of the instalments due on \(dates) is on hold too."
    }

    static func invoicePhrase(_ numbers: [String]) -> String {
        (numbers.count == 1 ? "invoice " : "invoices ") + list(numbers)
    }

    /// Whether payment `p` settled invoice `number`: it has nothing open and was settled that
    /// day. One left open by it and closed later by a credit note or a write-off was paid towards.
    static func settled(_ number: String, by p: Payment, ledger: Ledger, sheet: BalanceSheet) -> Bool {
        guard let i = ledger.invoiceIndex[number], sheet.invoices[i].open <= 0, sheet.invoices[i].settled == p.date else { return false }
        // Part of it still written off as our own loss is still owed: calling the invoice
        // settled would tell the client the rest is forgiven, giving up the claim.
        return sheet.invoices[i].lost == 0
    }

    /// Where credit note `c`'s money went, to follow its name: " has been applied to invoice
    /// N", each share when it was split between invoices (an invoice it settled has left the
    /// table, and the client must see where the money went), and what was left over said to
    /// be credited to the account, not applied to an invoice that could not take it.
    /// `applied`: the invoices it reached, in order.
    static func creditApplied(_ c: Payment, to applied: [String], sheet: BalanceSheet, ledger: Ledger) -> String {
        guard !applied.isEmpty else { return " has been credited to your account" }
        var shares: [(String, Int64)] = []
        for a in sheet.applied[c.order] ?? [] {
            let n = ledger.invoices[a.invoice].number
            if let k = shares.firstIndex(where: { $0.0 == n }) { shares[k].1 += a.amount } else { shares.append((n, a.amount)) }
        }
        let left = creditLeftOver(c, sheet: sheet)
        let rest = left > 0 ? ", and the remaining \(Money(minor: left, currency: c.currency)) credited to your account" : ""
        if shares.count > 1 && shares.map(\.0) == applied {
            return " has been applied: " + list(shares.map { "\(Money(minor: $0.1, currency: c.currency)) to invoice \($0.0)" }) + rest
        }
        let share = left > 0 && shares.count == 1 ? " (\(Money(minor: shares[0].1, currency: c.currency)))" : ""
        return " has been applied to \(invoicePhrase(applied))\(share)\(rest)"
    }

    /// What of credit note `c` no invoice took: held on account for the client.
    static func creditLeftOver(_ c: Payment, sheet: BalanceSheet) -> Int64 {
        guard let shares = sheet.applied[c.order] else { return 0 }
        return max(0, c.minor - shares.reduce(0) { $0 + $1.amount })
    }

    /// Ledger text as a line of a draft that reads back as that text: the characters that
    /// would be markup (`*`, `\`, and at the start of a line `#`, `|`, `-`, `+`, `<`, or a
    /// number followed by `.` or `)`) are escaped with `\`. Text with none, nearly all, is
    /// returned as it is.
    static func asText(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x2A || $0 == 0x5C || $0 == 0x23 || $0 == 0x7C || $0 == 0x2D || $0 == 0x2B || $0 == 0x3C || $0 == 0x2E || $0 == 0x29 }) else { return s }
        var out = ""
        for (k, c) in s.unicodeScalars.enumerated() {
            if c == "*" || c == "\\" || (k == 0 && "#|-+<".unicodeScalars.contains(c)) { out += "\\" }
            out.unicodeScalars.append(c)
        }
        // "1. Harbour Road" would open a numbered list.
        if let end = out.unicodeScalars.firstIndex(where: { !("0"..."9").contains($0) }), end != out.unicodeScalars.startIndex,
            out.unicodeScalars[end] == "." || out.unicodeScalars[end] == ")" {
            out.unicodeScalars.insert("\\", at: end)
        }
        return out
    }

    /// "a", "a and b", "a, b and c".
    /// When payments thanked for together were made (`on DAY`, or `from DAY to DAY`), and their
    /// sum in each currency, in the order the currencies first came.
    static func together(_ payments: [Payment]) -> (when: String, total: String) {
        var sums: [(Currency, Int64)] = []
        for p in payments {
            if let k = sums.firstIndex(where: { $0.0 == p.currency }) { sums[k].1 += p.minor } else { sums.append((p.currency, p.minor)) }
        }
        let first = payments.map(\.date).min()!, last = payments.map(\.date).max()!
        let when = first == last ? "on \(first.longDescription)" : "from \(first.longDescription) to \(last.longDescription)"
        return (when, list(sums.map { Money(minor: $0.1, currency: $0.0).description }))
    }

    /// Whether a letter of `stage` names a promise not kept (`promise.broken` is in its
    /// template): the ladder's letters and the instalment reminder.
    static func namesPromises(_ stage: LetterStage) -> Bool { stage.rung != nil && stage != .courtesy || stage == .instalment }

    /// Payments older than this, every one of them, are no news to thank the client for.
    static let paymentNewsDays = 90

    /// Up to this many payments received since the last letter are named one by one, each
    /// with its date and what it paid; more are thanked for together, with their sum.
    static let paymentsNamedOneByOne = 4

    static func list(_ items: [String], or: Bool = false) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + items.last!
        }
    }
}
