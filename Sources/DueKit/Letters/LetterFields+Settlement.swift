/// What a thank-you said of a formal demand's claim (`LetterFields.settlementFields`), which
/// the sentence about money held on account must agree with.
struct ClaimInThanks {
    /// What a demand claimed and the ledger does not record as paid, named by the demand that
    /// set it out; never said to be owed (7.3).
    let owed: String?
    /// What of the money held on account meets the demand's claim, per currency.
    let met: CurrencySums
    /// The claim as it stood, when held money does not meet all of it.
    let short: [(Currency, Int64)]
}

extension LetterFields {
    /// A thank-you's `settlement`, `thanks.close` and `feedback.ask`. Returns what it said of a
    /// formal demand's claim, which the sentence about money held on account must agree with.
    static func settlementFields(_ v: inout [String: String], _ context: LetterContext, queriesSettled: Bool, trail: inout PaymentTrail) -> ClaimInThanks {
        let stage = context.stage, story = context.story, ledger = context.ledger, sheet = context.sheet,
            asOf = context.asOf, client = context.client, last = context.last
        func paidInvoices(_ p: Payment) -> [String] { trail.invoices(paidBy: p) }
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
                                         describe: paidInvoices, resolved: queriesSettled || queryPaid, kept: v["promise.kept"] ?? "", claimOpen: claimant != nil, ledger: ledger, sheet: sheet)
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
                    let since = story.credits.filter { c in c.date > d.date && paidAny(by: c, ledger: ledger, sheet: sheet, where: claimedOn.contains) }
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
                        // Nor is the client left guessing what comes of it: with money of theirs
                        // held, the letter offers it against the claim; without, it says we will
                        // write about it, which the agenda's item reminds the user of.
                        v["settlement"] = (v["settlement"] ?? "") + " \(rest) \(short.count > 1 && rest != "It" ? "are" : "is") \(towards ? "not fully" : "not") covered by \(these)" + (towards ? "." : Self.claimWrittenOfApart)
                    }
                } else {
                    let one = what == "compensation" || what == "interest"
                    v["settlement"] = (v["settlement"] ?? "") + " The \(what) set out in my demand of \(d.date.longDescription) \(one ? "is" : "are") not covered by \(these)" + Self.claimWrittenOfApart
                }
            } else {
                // A close that reads as a farewell fits only a client whose work with us seems
                // to have ended: nothing open and nothing invoiced lately. With work still to
                // fall due, or invoiced in the last half year (a client who pays each quarter in
                // one lump, after our letters, is thanked every quarter), the work goes on.
                v["thanks.close"] = story.open.isEmpty && !workedLately(story, ledger: ledger) ? "It has been good working with you." : "It is good to be working with you."
                // They told us how the work went already, or a thank-you of the past year asked
                // them (or had its reason not to): do not ask again so soon.
                let askedLately = story.letters.contains { $0.stage == .thanks && $0.date < asOf && asOf.days(since: $0.date) < Self.feedbackAskDays }
                // Nor a client who paid only once we had sent a formal demand, in the year it is
                // remembered (7.2): thanking them for paying at last is no moment to ask how we did.
                let demandedLately = story.letters.contains { $0.stage == .demand && asOf < $0.date.adding(days: StageChooser.demandRemembered) }
                if !askedLately && !demandedLately && !story.notes.contains(where: { $0.feedback != nil && $0.date >= start }) {
                    v["feedback.ask"] = "If you have a moment, I would welcome a line on how the work went for you and anything we could do better next time."
                }
            }
        }
        return ClaimInThanks(owed: claimOwed, met: claimMet, short: claimShort)
    }

    /// What a thank-you says comes of a demand's claim its payment did not cover, none of the
    /// client's money being held to offer against it: the user has yet to decide whether to
    /// pursue or waive it (7.5), and the client is told they will hear, not that it is owed.
    static let claimWrittenOfApart = "; I will write to you about it separately."

    /// Whether a letter from the reminder on, sent after `plan`'s last instalment was due and
    /// about its invoices, has told the client the plan ran out: it is then not "completed".
    static func planEndSaid(_ plan: PaymentPlan, story: ClientStory) -> Bool {
        let planNumbers = Set(plan.invoices)
        return plan.instalments.last.map(\.lastDay).map { end in
            story.letters.contains { ($0.stage.rung ?? 0) >= 1 && $0.date > end && (planNumbers.isEmpty || $0.invoices.contains(where: planNumbers.contains)) }
        } ?? false
    }

    /// Whether a letter on the ladder about `plan`'s invoices went while the plan was in default
    /// (3.10: an instalment reminder sent while its schedule ran went unanswered past the date
    /// it gave), and so told the client it had lapsed and asked for all of them: the plan was
    /// not seen through, however the money came since. Read as the plan stood on each such
    /// letter's day (what its invoices owed as the letters asked for it then), as the stage
    /// chooser read it that day.
    static func lapseSaid(_ plan: PaymentPlan, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> Bool {
        let covered = PlanProgress.covered(by: plan, story: story, ledger: ledger, sheet: sheet)
        let numbers = Set(covered.map { ledger.invoices[$0].number })
        let ladder = story.letters.filter { ($0.stage.rung ?? 0) >= 1 && $0.date > plan.date && $0.invoices.contains(where: numbers.contains) }
        guard let latest = ladder.last else { return false }
        let end = plan.instalments.last?.lastDay
        let history = LateClaim.history(of: covered, ledger: ledger, sheet: sheet, through: latest.date)
        let notCovered = PlanProgress.notCovered(plan, covered: covered, ledger: ledger, sheet: sheet)
        return ladder.contains { l in
            let asked = covered.reduce(Int64(0)) { $0 + max(0, history.asked($1, endOf: l.date)) }
            let then = PlanProgress(plan: plan, covered: covered, openNow: asked, notCovered: notCovered, asOf: l.date)
            guard let d = then.defaulting(in: story, ledger: ledger, sheet: sheet) else { return false }
            return d.by < l.date && (end.map { d.letter.date <= $0 } ?? true)
        }
    }

    /// What settled the account since our last letter, in a thank-you: the payments that
    /// arrived (amount, date, invoice) and the credit notes that cancelled what was owed. No
    /// payment is thanked for when none was made: a credit note is named as what it is.
    /// `claimOpen`: a demand (this time or before) claimed interest or compensation the ledger
    /// does not hold, so the invoices are paid but the account is not called settled.
    static func settlement(_ story: ClientStory, last: LetterSent?, paid: [Payment], credits: [Payment], describe: (Payment) -> [String], resolved: Bool, kept: String, claimOpen: Bool = false, ledger: Ledger, sheet: BalanceSheet) -> String {
        // Work invoiced since and not yet due may be open (7.1): the thanks are for what was
        // past due, and the account is not called settled while that invoice waits its day.
        let open = story.open.isEmpty ? "open" : "past due"
        let settled = claimOpen || !story.open.isEmpty ? "nothing is \(open) on your \(story.issued.count == 1 ? "invoice" : "invoices") now" : "your account with us is now fully settled"
        // What a payment paid beyond what was open is said as the other letters say it.
        func applied(_ p: Payment) -> String {
            let to = describe(p)
            let beyond = (sheet.overpayments[p.order]).flatMap { $0 > 0 ? paidBeyond(Money(minor: $0, currency: p.currency), invoices: to.count) : nil }
            let parts = (to.isEmpty ? [] : [invoicePhrase(to)]) + (beyond.map { [$0] } ?? [])
            return parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
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
            return discounts.isEmpty ? list(notes) + ", so nothing is \(open) on your \(what)." + heldText + thanks
                : list(notes) + "." + discounts + " Nothing is now \(open) on your \(what)." + heldText + thanks
        }
        var text: String
        if paid.count > paymentsNamedOneByOne {
            // Many payments are thanked for together, as the other letters do.
            let (when, total) = together(paid)
            var invoices: [String] = []
            for p in paid { for n in describe(p) where !invoices.contains(n) { invoices.append(n) } }
            let towards = invoices.isEmpty ? "" : invoices.count <= 6 ? ", for \(invoicePhrase(invoices))" : ", for \(invoices.count) invoices"
            let beyond = paidBeyond(paid, invoices: invoices.count, sheet: sheet).map { ", " + $0 } ?? ""
            text = "Your \(paid.count) payments made \(when) (\(total) in all\(towards)\(beyond)) have arrived, and \(settled)."
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
                let due = plan.instalments.filter { $0.lastDay < day }.reduce(Int64(0)) { $0 + $1.minor }
                let sent = story.payments.filter { $0.date < day && paysPlan($0, plan) }.reduce(Int64(0)) { $0 + $1.minor }
                return due > sent
            }
            let chased = story.letters.contains { l in
                l.date > plan.date && (l.stage == .instalment || ((l.stage.rung ?? 0) >= 1 && behind(on: l.date)))
            }
            // A plan a letter already said had come to an end, or had lapsed, is not "completed":
            // what it covered is paid.
            if planEndSaid(plan, story: story) || lapseSaid(plan, story: story, ledger: ledger, sheet: sheet) {
                // A plan that ran out unpaid was not seen through: what it covered is now paid, no more.
                text += " With this, everything the payment plan we agreed on \(plan.date.longDescription) covered is paid."
            } else {
                // An instalment made up after its date, or the plan paid off before its last
                // one, is said: thanks for keeping to it would read as if every instalment
                // came on its day.
                let how = PlanProgress.howPaid(plan, story: story, ledger: ledger, sheet: sheet)
                let madeUp = Dictionary(grouping: how.late, by: \.madeUp).sorted { $0.key < $1.key }.map { day, late in
                    "the \(late.count == 1 ? "instalment" : "instalments") due on \(list(late.map { $0.due.longDescription })) made up on \(day.longDescription)"
                }
                var with = madeUp
                if let day = how.paidOff, let end = plan.instalments.last?.date {
                    let when = madeUp.isEmpty ? "which you paid off on \(day.longDescription)"
                        : how.late.last?.madeUp == day ? "the plan paid off that day" : "the plan paid off on \(day.longDescription)"
                    with.append("\(when), ahead of its last instalment due on \(end.longDescription)")
                }
                let seenThrough = chased || !how.late.isEmpty
                let thanks = seenThrough ? "thank you for seeing it through" : how.paidOff != nil ? "thank you" : "thank you for keeping to it"
                let detail = with.isEmpty ? "" : madeUp.isEmpty ? ", " + with[0] : ", with " + list(with)
                text += " That completes the payment plan we agreed on \(plan.date.longDescription)\(detail): \(thanks)."
            }
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
        // An invoice issued since our last letter (or after the money came), paid from what was
        // held on account and shown by no letter: the client may not know it was ever open, nor
        // where their money went, the last letter having said we held it.
        let since = paid.first?.date ?? credits.first?.date
        let fromHeld = story.issued.filter { i in
            let issued = ledger.invoices[i].issued
            return (sheet.fromAccount[i] ?? 0) > 0 && sheet.invoices[i].open <= 0
                && ((last.map { issued >= $0.date } ?? false) || (since.map { issued >= $0 } ?? false))
                && !story.letters.contains { $0.date >= issued && story.told(by: $0, ledger: ledger, sheet: sheet).contains(ledger.invoices[i].number) }
        }
        for i in fromHeld { text += " " + paidFromHeld(i, ledger: ledger, sheet: sheet) }
        return text
    }
}
