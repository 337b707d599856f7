extension LetterFields {
    /// `plan.others`: in an instalment reminder, another plan that has fallen behind too.
    static func planOthersField(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, story = context.story, ledger = context.ledger, plans = context.plans,
            plan = context.plan
        if stage == .instalment, let plan {
            // Another plan that has fallen behind too is asked for in the same letter, named.
            let others = plans.askingMissed.filter { $0.plan.order != plan.plan.order }
            if !others.isEmpty {
                v["plan.others"] = others.map { p in
                    let them = p.overdue.instalments.count > 1 ? "them" : "it"
                    // Chased before: the letter that did is named, as a second reminder names it.
                    let first = p.overdue.instalments.first!.lastDay
                    let wrote = story.letters.last { $0.date > first && ($0.stage == .instalment || ($0.stage.rung ?? 0) >= 1) && p.isAbout($0, ledger: ledger) && !$0.invoices.isEmpty }
                    return "Under \(p.named(in: ledger)), \(p.missedClause(either: true))"
                        + (wrote.map { ", though I wrote \(context.recipient($0) ?? "to you") about \(them) on \($0.date.longDescription)" } ?? "")
                        + "; please send \(them) too."
                }.joined(separator: " ")
            }
        }
    }

    /// `plan.outside`: in an instalment reminder, invoices outside the plan that are past due.
    static func planOutsideField(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, story = context.story, ledger = context.ledger, sheet = context.sheet,
            asOf = context.asOf, open = context.open, disputed = context.disputed, planned = context.planned,
            s = context.settings
        // An instalment reminder is about the plan; invoices outside it that are past due are
        // in its table too, and are asked for in so many words rather than left unexplained.
        if stage == .instalment {
            let outside = open.filter { ledger.invoices[$0].due < asOf && !planned.contains($0) && !disputed.contains(ledger.invoices[$0].number) }
            if !outside.isEmpty {
                // What is asked for them follows what our letters last said of them: a final
                // notice or demand still stands (a date of this letter's would take it back), and
                // a date an earlier letter gave that is still to come is not replaced by a second.
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
                        // A date, as the sentence before gives one: "as usual" would give none,
                        // and reads oddly to a client who has been paying late.
                        return opening + "; please pay \(it) by \(s.replyBy(asOf).longDescription)."
                    case .asked(let l):
                        let by = s.replyBy(l.date)
                        return by >= asOf
                            // A follow-up asked when payment would come, not for payment by then.
                            ? opening + (l.stage == .followUp
                                ? "; my letter of \(context.dated(l)) asked you to tell me by \(by.longDescription) when you would pay \(it)."
                                : "; my letter of \(context.dated(l)) asked you to pay \(it) by \(by.longDescription).")
                            : opening + ", and I wrote \(context.recipient(l) ?? "to you") about \(it) on \(l.date.longDescription); please pay \(it) by \(s.replyBy(asOf).longDescription)."
                    case .stands(let l):
                        let by = s.replyBy(l.date)
                        return opening + ", and my \(l.stage.title) of \(context.dated(l)) about \(it) still stands"
                            + (by >= asOf ? ": please pay \(it) by \(by.longDescription), the date it gave." : ".")
                    }
                }.joined(separator: " ")
            }
        }
    }

    /// `total.split`: in a plan offer, what of the balance to spread is past due and what is not.
    static func planOfferSplit(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, ledger = context.ledger, sheet = context.sheet, asOf = context.asOf,
            chased = context.chased
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
                // Some of it is past due: an offer is made only then (7.2).
                v["total.split"] = "Of the \(totals(chased, ledger: ledger, sheet: sheet)) to spread, \(totals(past, ledger: ledger, sheet: sheet)) \(Set(past.map { ledger.invoices[$0].currency }).count > 1 ? "are" : "is") past due and \(list(parts))."
            }
        }
    }

    /// `plan.ended`: a plan that ran out unpaid. Returns whether a plan over what the letter asks
    /// for has failed, which the offers and the reminder's tone read, and how many such plans
    /// this letter tells of (none when an earlier letter told of them), which the follow-up's
    /// offer of help reads.
    static func planEndedField(_ v: inout [String: String], _ context: LetterContext) -> (failed: Bool, told: Int) {
        let stage = context.stage, story = context.story, ledger = context.ledger, sheet = context.sheet,
            asOf = context.asOf, open = context.open, chasedSet = context.chasedSet, s = context.settings
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
            let end = ended.plan.instalments.last!.lastDay
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
                // One in default before its schedule ended did not come to an end: it lapsed when
                // our letter about the missed instalments went unanswered (3.10).
                let agreed = ended.defaultedBy.map { l in
                    "The payment plan we agreed on \(ended.plan.date.longDescription) has lapsed: my \(l.stage == .instalment ? "reminder" : "letter") of \(l.date.longDescription) went unanswered"
                } ?? "The payment plan we agreed on \(ended.plan.date.longDescription) has come to an end"
                // Money a query held, settled since, was not missed (7.2): said as released by
                // it, to be paid by this letter's date, until a letter about the plan asked for it.
                let held = ended.heldByQuery(open: open, sheet: sheet, ledger: ledger).filter { h in
                    !story.letters.contains { l in
                        l.date >= h.released && ended.askedForPlan(in: l, ledger: ledger)
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
        return (planFailed, endedSaid.count)
    }

    /// `plan.offered`: a plan we offered that the client has not taken up. Returns whether there
    /// is one.
    static func planOfferedField(_ v: inout [String: String], _ context: LetterContext, planFailed: Bool) -> Bool {
        let stage = context.stage, story = context.story, ledger = context.ledger, chased = context.chased
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
        return planStillOffered
    }
}
