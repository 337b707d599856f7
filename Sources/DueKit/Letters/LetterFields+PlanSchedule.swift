extension LetterFields {
    /// `plan.table`, `plan.adjust`, `plan.title`, `plan.by`, `plan.next`, `plan.missed` and
    /// `plan.reminded`: where the plan the letter speaks of stands. Returns what of it a query
    /// holds back, said in a dispute acknowledgement (`missedInstalmentsField`).
    static func planScheduleFields(_ v: inout [String: String], _ context: LetterContext, payments thanks: PaymentsThanked, promise promiseThankedAbove: PromiseThanks?, returned: ReturnsTold) -> String? {
        let thankedOneByOne = thanks.oneByOne, thankedAlone = thanks.alone
        let stage = context.stage
        let story = context.story
        let ledger = context.ledger
        let sheet = context.sheet
        let asOf = context.asOf
        let open = context.open
        let plans = context.plans
        let plan = context.plan
        let promise = context.promise
        let promiseNamed = context.promiseNamed
        let s = context.settings
        let counted = context.promisePayments
        // What of the plan a query holds back, said in a dispute acknowledgement.
        var heldAhead: String?
        if let plan {
            // A credit note on the plan's invoices counts towards its instalments, and so does a
            // sum waived on them: neither is money that "reached us", nor was "received".
            let planNumbers = Set(plan.covered.map { ledger.invoices[$0].number })
            // A credit note takes away the part of the invoices the plan left out first
            // (3.10): those that only did so, taken in date order, meet no instalment and are
            // not named as meeting one.
            let since = story.credits.filter { c in c.date >= plan.plan.date && paidAny(by: c, ledger: ledger, sheet: sheet, where: planNumbers.contains) }
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
                    l.date >= h.released && plan.askedForPlan(in: l, ledger: ledger)
                }
            }
            // Every instalment paid after its last day is marked with the day it was made up,
            // one a day late as one a month late: one rule for the whole table.
            let madeUpOn = Dictionary(PlanProgress.howPaid(plan.plan, story: story, ledger: ledger, sheet: sheet).late.map { ($0.due, $0.madeUp) }, uniquingKeysWith: { a, _ in a })
            // Instalments a payment of the client's had paid before it came back (3.6): one made
            // up since was paid, then unpaid, then paid again, and the letter keeps that history
            // rather than say it never reached us.
            let paidBeforeReturn = story.returned.isEmpty ? [:] : instalmentsReturned(of: plan, story: story, ledger: ledger)
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
                    if rest > 0 { parts.append("\(Money(minor: rest, currency: cur)) " + (i.lastDay >= asOf ? "to come" : received > 0 ? "still open" : "not received")) }
                    parts.append(parts.isEmpty ? "on hold while the query is settled" : "\(Money(minor: inQuery, currency: cur)) on hold while the query is settled")
                    status = parts.joined(separator: ", ")
                } else if running <= Int128(plan.paid) {
                    let s = split(from: before, to: running)
                    status = s.met == 0 ? madeUpOn[i.date].map { again in
                        paidBeforeReturn[i.date].map { "paid on \($0.paid.longDescription), returned unpaid on \($0.back.longDescription); paid again on \(again.longDescription)" } ?? "paid on \(again.longDescription)"
                    } ?? "paid" : s.received == 0 ? metBy : parts(s).joined(separator: ", ")
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
                        status = (parts(split(from: before, to: running)) + ["\(rest) " + (i.lastDay < asOf ? "still open" : "to come")]).joined(separator: ", ")
                    } else {
                        status = "\(received) \(receivedWord), \(rest) " + (i.lastDay < asOf ? "still open" : "to come")
                    }
                } else if let h = held.first(where: { $0.instalment.date == i.date }) {
                    status = h.unpaid < i.minor
                        ? "\(Money(minor: i.minor - h.unpaid, currency: plan.plan.currency)) not received, \(Money(minor: h.unpaid, currency: plan.plan.currency)) on hold until \(h.released.longDescription)"
                        : "on hold until \(h.released.longDescription)"
                } else if let back = returned.instalments[i.date] {
                    // `payment.returned` says the payment that paid it came back: the row
                    // agrees, rather than say it never reached us. One it had paid before its
                    // date that is not due yet says when it is, not read as owed now.
                    let returnedOn = "on \(back.paid.longDescription), returned unpaid on \(back.back.longDescription)"
                    status = i.lastDay >= asOf ? "\(back.paid < i.date ? "paid early" : "paid") \(returnedOn); due \(i.date.longDescription)" : "paid \(returnedOn)"
                } else {
                    status = i.lastDay < asOf ? "not received" : "to come"
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
                // A reminder about missed instalments before the schedule's end warns what
                // follows if it goes unanswered: the plan is in default, and the next letter asks
                // for its invoices (3.10).
                if stage == .instalment && plan.missed && !plan.lapsed && nextLetterFollows {
                    v["plan.adjust"] = planAdjust + " If neither payment nor word from you reaches me by then, I will take the plan as lapsed, and my next letter will be about \(itself)."
                }
                // Not later than the instalment's last day when that is still ahead (its own
                // date, moved, as any date to send by, off a weekend or a holiday).
                let replyBy = s.replyBy(asOf)
                v["plan.by"] = (next.instalment.lastDay >= asOf ? min(next.instalment.lastDay, replyBy) : replyBy).longDescription
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
                // The plan's last payment, and whether a letter went after it: that letter
                // thanked the client for it, whatever it was about (every letter but a statement
                // thanks for money received since the one before, and lists the plan's invoices,
                // open while it runs). This one counts it in its figures, but neither thanks
                // them for it nor tells them of it again as news.
                let lastToPlan = story.payments.last { $0.date >= plan.plan.date && paidAny(by: $0, ledger: ledger, sheet: sheet, where: planNumbers.contains) }
                let toldOfLast = lastToPlan.map { p in
                    story.letters.contains { l in (l.date, l.order) > (p.date, p.order) && l.stage != .statement }
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
                        // Made up: it came after the instalment's last day; money on the working
                        // day after an instalment due on a weekend or a holiday was on time.
                        if cumulative > before && cumulative <= plan.paid && i.lastDay < last.date { dates.append(i.date) }
                    }
                    if !dates.isEmpty { madeUp = (last, dates) }
                }
                /// "Your payment of … made up the instalment due on …", nil once a letter has
                /// told of it. ", which had not reached us" only when a letter between its last
                /// day and the payment said so: one paid a few days late, unchased, was missing
                /// from no letter. Thanked for alone since our last letter in an instalment
                /// reminder, one sentence thanks the client for it and says where it went
                /// (`payments.received` is then left out).
                func madeUpSaid() -> String? {
                    guard let (p, dates) = madeUp, !toldOfLast else { return nil }
                    let lastDay = plan.plan.instalments.first { $0.date == dates[0] }?.lastDay ?? dates[0]
                    let chased = story.letters.contains { l in
                        l.date > lastDay && (l.date, l.order) < (p.date, p.order) && (
                            plan.askedForPlan(in: l, ledger: ledger)
                                // A ladder letter about other work asks for the missed
                                // instalments beside its own money once they are that late.
                                || (l.stage.rung ?? 0) >= 1 && l.date >= lastDay.adding(days: s.reminderAfter))
                    }
                    // One a payment had paid before it came back did reach us: the letter that
                    // chased it said so (`payment.returned`), and this one recalls it.
                    let returnedPayments = Set(dates.compactMap { paidBeforeReturn[$0]?.paid })
                    let notReached = returnedPayments.count == 1 && dates.allSatisfy({ paidBeforeReturn[$0] != nil })
                        ? ", which your payment of \(returnedPayments.first!.longDescription) had paid before it was returned"
                        : chased && returnedPayments.isEmpty ? ", which had not reached us" : ""
                    let those = dates.count == 1 ? "the instalment due on \(dates[0].longDescription)\(notReached)" : "the instalments due on \(list(dates.map(\.longDescription)))\(notReached)"
                    let opening: String
                    if stage == .instalment, let t = thankedAlone, t.order == p.order, v["payments.received"] != nil {
                        // Stated, not thanked for, when it came long ago (`long(ago:)`).
                        opening = context.long(ago: [p]) ? "We received your payment of \(t.phrase): it made up"
                            : v["last.contact"] == nil ? "Thank you for your payment of \(t.phrase): it made up" : "Your payment of \(t.phrase) also reached us, for which many thanks: it made up"
                        v["payments.received"] = nil
                    } else if stage == .instalment, thankedOneByOne.contains(p.order), v["payments.received"] != nil {
                        opening = "The payment on \(p.date.longDescription) made up"
                    } else if stage == .instalment, let (order, sentence) = promiseThankedAbove, order == p.order, v["promise.broken"] != nil {
                        // The promise's sentence below counts it too: thanked for here, where
                        // it is first told of, and referred to there.
                        let payment = "payment of \(Money(minor: p.minor, currency: p.currency)) on \(p.date.longDescription)"
                        opening = context.long(ago: [p]) ? "We received your \(payment): it made up"
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
                    v["plan.next"] = madeUpBefore() + heldSaid
                } else if !held.isEmpty {
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
                    let dates = list(overdue.instalments.map { $0.date.longDescription })
                    let partly = plan.nextShortfall < next.instalment.minor
                    // A payment that made up an earlier instalment is said first, with what of
                    // it went towards the first of those still missed, as for one missed.
                    let madeUpFirst = madeUpSaid().map { said in
                        said + (plan.nextReceived > 0 ? ", and \(Money(minor: plan.nextReceived, currency: plan.plan.currency)) went towards the instalment of \(Money(minor: next.instalment.minor, currency: plan.plan.currency)) that was due on \(next.instalment.date.longDescription)" : "") + ". "
                    } ?? ""
                    // Those `payment.returned` said are unpaid again reached us on time: only
                    // the others are said to have not, with what the two leave to pay.
                    let unpaidAgain = overdue.instalments.filter { returned.instalments[$0.date] != nil }
                    let missed = overdue.instalments.filter { returned.instalments[$0.date] == nil }
                    let ended = plan.lapsed && nextLetterFollows ? "That was the end of the plan's schedule: if they \(unpaidAgain.isEmpty ? "do not arrive" : missed.isEmpty ? "are not paid again" : "are not paid"), my next letter will be about \(itself)." : nil
                    if !partly, !unpaidAgain.isEmpty {
                        let again = unpaidAgain.count == 1 ? "the instalment unpaid again" : "the instalments unpaid again"
                        let notReached = missed.isEmpty ? nil : (missed.count == 1
                            ? "The instalment of \(Money(minor: missed[0].minor, currency: plan.plan.currency)) that was due on \(missed[0].date.longDescription) has not reached us yet"
                            : "The instalments due on \(list(missed.map { $0.date.longDescription })) have not reached us")
                            + "; with \(again), \(Money(minor: overdue.shortfall, currency: plan.plan.currency)) of the plan is past due."
                        let said = [notReached, ended].compactMap { $0 }.joined(separator: " ")
                        // `madeUpFirst` ends in ". ", for a sentence after it.
                        let text = said.isEmpty ? String(madeUpFirst.dropLast()) : madeUpFirst + said
                        v["plan.next"] = text.isEmpty ? nil : text
                    } else {
                        v["plan.next"] = madeUpFirst + (partly
                            ? "The instalments due on \(dates) are not yet paid in full: \(Money(minor: overdue.shortfall, currency: plan.plan.currency)) of them is still to come."
                            : "The instalments due on \(dates) have not reached us: \(Money(minor: overdue.shortfall, currency: plan.plan.currency)) in all.")
                            + (ended.map { " " + $0 } ?? "")
                    }
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
                    // Once a letter has told the client of that payment, it is not announced again:
                    // the instalment's sentence says what has reached us, as for any part paid.
                    if plan.missed, let madeUpWords = madeUpSaid() {
                        v["plan.next"] = partly
                            ? "\(madeUpWords), and \(received) went towards the instalment of \(whole) that was due on \(next.instalment.date.longDescription), of which \(amount) is still to come."
                                + (plan.lapsed && nextLetterFollows ? " That instalment was the last of the plan's schedule: if the rest does not arrive, my next letter will be about \(itself)." : "")
                            : "\(madeUpWords). The instalment of \(amount) that was due on \(next.instalment.date.longDescription) has not reached us yet."
                                + (plan.lapsed && nextLetterFollows ? (next.instalment.date == plan.plan.instalments.last?.date ? " It was the last of the plan's schedule" : " Every date of the plan's schedule has now passed") + ": if it does not arrive, my next letter will be about \(itself)." : "")
                    } else if plan.missed, !partly, heldNext == 0, returned.instalments[next.instalment.date] != nil {
                        // `payment.returned` said that the payment which paid it came back: it
                        // reached us on time, and is not said to have not.
                        v["plan.next"] = plan.lapsed && nextLetterFollows ? (next.instalment.date == plan.plan.instalments.last?.date ? "It was the last of the plan's schedule" : "Every date of the plan's schedule has now passed") + ": if it is not paid again, my next letter will be about \(itself)." : nil
                    } else if plan.missed {
                        v["plan.next"] = (partly
                            ? "Of the instalment of \(whole) that was due on \(next.instalment.date.longDescription), \(arrived); \(amount) of it is still to come."
                            : heldNext > 0 && plan.heldInstalments.count == 1 ? "Of the instalment of \(whole) that was due on \(next.instalment.date.longDescription), \(amount) has not reached us yet; the other \(Money(minor: heldNext, currency: plan.plan.currency)) is on hold while we settle \(query), and I am not asking for it now."
                            : "The instalment of \(amount) that was due on \(next.instalment.date.longDescription) has not reached us yet.")
                            // The last of the schedule: said as for several missed.
                            + (plan.lapsed && nextLetterFollows ? (next.instalment.date == plan.plan.instalments.last?.date ? " It was the last of the plan's schedule" : " Every date of the plan's schedule has now passed") + ": if \(partly ? "the rest" : "it") does not arrive, my next letter will be about \(itself)." : "")
                    } else if heldNext > 0 {
                        // Its date was a weekend or a holiday, past, and its last day is still to
                        // come: said in the past, with the day it is on time by.
                        v["plan.next"] = "Of the next instalment, \(whole) due on \(next.instalment.date.longDescription), \(amount) "
                            + (next.instalment.date >= asOf ? "falls due then." : "fell due then; \(onTimeBy(next.instalment)).")
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
                            : next.instalment.date > asOf
                            ? "The next instalment, \(amount), falls due on \(next.instalment.date.longDescription)."
                            // Its date was a weekend or a holiday, and its last day is still to come.
                            : "The next instalment, \(amount), fell due on \(next.instalment.date.longDescription); \(onTimeBy(next.instalment))."
                    }
                }
                // Instalments the returned payment had paid before their dates, not due yet:
                // `payment.returned` names them among those unpaid again, so the letter says
                // they are not asked for now, and what it asks for is named, not "it".
                let aheadAgain = plan.missed ? plan.plan.instalments.filter { returned.instalments[$0.date] != nil && $0.date > asOf } : []
                if let first = aheadAgain.first {
                    let cur = plan.plan.currency
                    let sentence = aheadAgain.count == 1
                        ? "The instalment of \(Money(minor: first.minor, currency: cur)) due on \(first.date.longDescription) is not due yet, and I am not asking for it now."
                        : "The instalments due on \(list(aheadAgain.map { $0.date.longDescription })) (\(Money(minor: aheadAgain.reduce(Int64(0)) { $0 + $1.minor }, currency: cur)) in all) are not due yet, and I am not asking for them now."
                    v["plan.next"] = [v["plan.next"], sentence].compactMap { $0 }.joined(separator: " ")
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
                let asked = overdue.instalments.isEmpty ? [next.instalment] : overdue.instalments
                v["plan.missed"] = askedFor < whole ? "the \(Money(minor: askedFor, currency: plan.plan.currency)) still to come"
                    : !aheadAgain.isEmpty ? (asked.count == 1
                        ? "the instalment of \(Money(minor: askedFor, currency: plan.plan.currency)) due on \(asked[0].date.longDescription)"
                        : "the instalments due on \(list(asked.map { $0.date.longDescription })) (\(Money(minor: askedFor, currency: plan.plan.currency)) in all)")
                    : overdue.instalments.count > 1 ? (between ? "the instalments" : "them") : (between ? "the instalment" : "it")
                // A second reminder about the same missed instalment cites the first, and says
                // whether it was answered; one about an earlier instalment, since paid, is past.
                // A payment since that came back answered it too (7.2; `lastReply` counts it): the
                // client is not told they have not been heard from, the letter having said their
                // payment was returned.
                if stage == .instalment, let firstMissed = overdue.instalments.first?.lastDay ?? (plan.missed ? next.instalment.lastDay : nil),
                   let earlier = story.letters.last(where: { $0.stage == .instalment && $0.date > firstMissed && plan.isAbout($0, ledger: ledger) }) {
                    let answered = story.lastReply.map { $0 > (earlier.date, earlier.order) } ?? false
                    v["plan.reminded"] = answered
                        ? "This follows my letter about the plan of \(context.dated(earlier))."
                        : "I wrote \(context.recipient(earlier) ?? "to you") about the plan on \(earlier.date.longDescription) and have not heard back."
                }
            }
        }
        return heldAhead
    }

    /// An instalment whose date, a weekend or a holiday, has passed while its last day has not
    /// (3.10): "as that was not a working day, it is on time if it reaches us by …".
    static func onTimeBy(_ i: Instalment) -> String {
        "as that was not a working day, it is on time if it reaches us by \(i.lastDay.longDescription)"
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
            if let said, i.lastDay < plan.asOf || i.date == said.date { continue }
            items.append((i, held, min(i.minor, max(0, plan.paid - before))))
        }
        guard let first = items.first else { return nil }
        if items.count == 1 {
            let i = first.instalment
            let which = i.date == plan.plan.instalments.last?.date ? "the plan's last instalment" : "the instalment"
            let named = "\(which), \(Money(minor: i.minor, currency: cur)) due on \(i.date.longDescription),"
            guard first.held < i.minor else { return "While we look into \(query), \(named) is on hold too." }
            let rest = i.minor - first.held - first.received
            let restSaid = rest > 0 && i.lastDay >= plan.asOf ? "; \(first.received == 0 ? "the other " : "")\(Money(minor: rest, currency: cur)) of it falls due on that date as agreed" : ""
            return "While we look into \(query), \(Money(minor: first.held, currency: cur)) of \(named) is on hold too\(restSaid)."
        }
        let dates = list(items.map { $0.instalment.date.longDescription })
        let sum = Money(minor: items.reduce(Int64(0)) { $0 + $1.held }, currency: cur)
        return items.allSatisfy({ $0.held == $0.instalment.minor })
            ? "While we look into \(query), the instalments due on \(dates) (\(sum) in all) are on hold too."
            : "While we look into \(query), \(sum) of the instalments due on \(dates) is on hold too."
    }
}
