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

    /// Each part of the letter in turn, in this order: a later part reads what an earlier one
    /// wrote or decided (the thanks for a reply before the thanks for money, the claim before
    /// the closing that states it).
    public static func values(stage: LetterStage, choice: StageChoice, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> [String: String] {
        let context = LetterContext(stage: stage, choice: choice, story: story, ledger: ledger, sheet: sheet)
        var v: [String: String] = [:]
        var trail = PaymentTrail(story, ledger: ledger, sheet: sheet)
        heading(&v, context)
        invoiceFields(&v, context)
        courtesyFields(&v, context)
        notYetDueField(&v, context)
        planOthersField(&v, context)
        planOutsideField(&v, context)
        planOfferSplit(&v, context)
        onHoldField(&v, context)
        lastLetterFields(&v, context)
        let freshSinceLast = againFields(&v, context)
        lastContactFields(&v, context)
        unansweredField(&v, context)
        previousLetterField(&v, context)
        let restatement = finalNoticeFields(&v, context, fresh: freshSinceLast)
        finalNoticeUnanswered(&v, context)
        finalUnlessFields(&v, context, restatement: restatement)
        let thanked = paymentsReceived(&v, context, trail: &trail)
        restateFinalNotice(&v, context, restatement: restatement)
        creditUsedField(&v, context)
        creditNotesField(&v, context, trail: &trail)
        writeOffFields(&v, context, trail: &trail)
        discountMissedField(&v, context)
        let queriesSettled = settledQueryFields(&v, context)
        holdEndedField(&v, context, fresh: freshSinceLast)
        let promiseThanks = promiseFields(&v, context, payments: thanked, trail: &trail)
        let planFailed = planEndedField(&v, context)
        let planStillOffered = planOfferedField(&v, context, planFailed: planFailed)
        followUpDifficulty(&v, context, planFailed: planFailed, planStillOffered: planStillOffered)
        reminderFields(&v, context, planFailed: planFailed, planStillOffered: planStillOffered)
        promiseKeptField(&v, context)
        let claim = settlementFields(&v, context, queriesSettled: queriesSettled, trail: &trail)
        followUpNote(&v, context)
        paymentDetails(&v, context)
        creditOnAccount(&v, context, claim: claim)
        statementFields(&v, context)
        let heldAhead = planScheduleFields(&v, context, payments: thanked, promise: promiseThanks)
        let missed = missedInstalmentsField(&v, context, heldAhead: heldAhead)
        disputeFields(&v, context)
        let demandClaim = claimFields(&v, context)
        historyFields(&v, context)
        sendMissedWithField(&v, context, missed: missed)
        claimAskedFields(&v, context, missed: missed, claim: demandClaim)
        underDemandField(&v, context)
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
