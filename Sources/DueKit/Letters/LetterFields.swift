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
        "payments.received", "payment.returned", "credits", "writeoffs", "discount.missed", "dispute.resolved",
        "promise.broken", "promise.kept", "settlement", "feedback.ask", "thanks.close", "promise.status", "promise.date", "promise.by", "promise.amount", "promise.received",
        "follow-up.note", "follow-up.ask", "follow-up.difficulty", "plan.offered", "courtesy.title", "courtesy.due", "courtesy.check", "courtesy.before", "reminder.title", "reminder.opening", "reminder.close", "reminder.habit", "reminder.ask", "plan.ended", "plan.outside", "final.opening", "final.close", "final.contact", "final.unless", "final.next",
        "methods", "bank", "credit.on-account", "credit.used", "statement.intro", "instalment.title", "plan.table", "plan.title", "plan.adjust", "plan.others", "plan.next", "plan.missed", "plan.reminded", "plan.opening", "plan.by", "dispute.list", "dispute.opening", "dispute.title", "dispute.plan",
        "claim.terms", "claim.table", "claim.total", "claim.note", "claim.costs", "claim.amount", "claim.asked", "claim.unless", "claim.if", "claim.breakdown", "history", "history.about",
    ]

    /// A hard line break in Markdown: lines of an address stay lines when the draft is rendered.
    static let lineBreak = "  \n"

    /// Each part of the letter in turn, in this order: a later part reads what an earlier one
    /// wrote or decided (the thanks for a reply before the thanks for money, the claim before
    /// the closing that states it).
    public static func values(stage: LetterStage, choice: StageChoice, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> [String: String] {
        let context = LetterContext(stage: stage, choice: choice, story: story, ledger: ledger, sheet: sheet)
        // Room for every placeholder at once: grown as the parts write, the table was
        // rehashed seven times a letter.
        var v: [String: String] = [:]
        v.reserveCapacity(names.count + 1)
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
        let returnsTold = paymentReturnedField(&v, context)
        unansweredField(&v, context)
        previousLetterField(&v, context)
        let restatement = finalNoticeFields(&v, context, fresh: freshSinceLast)
        finalNoticeUnanswered(&v, context)
        let counted = finalUnlessFields(&v, context, restatement: restatement)
        let thanked = paymentsReceived(&v, context, trail: &trail)
        restateFinalNotice(&v, context, restatement: restatement)
        creditUsedField(&v, context)
        creditNotesField(&v, context, trail: &trail)
        writeOffFields(&v, context, trail: &trail)
        discountMissedField(&v, context)
        let queriesSettled = settledQueryFields(&v, context)
        thanksBeforeCount(&v, counted: counted)
        holdEndedField(&v, context, fresh: freshSinceLast)
        let promiseThanks = promiseFields(&v, context, payments: thanked, returned: returnsTold, trail: &trail)
        let (planFailed, plansTold) = planEndedField(&v, context)
        let planStillOffered = planOfferedField(&v, context, planFailed: planFailed)
        followUpDifficulty(&v, context, planFailed: planFailed, planStillOffered: planStillOffered)
        let askedWhenSent = reminderFields(&v, context, planFailed: planFailed, planStillOffered: planStillOffered)
        promiseKeptField(&v, context)
        let claim = settlementFields(&v, context, queriesSettled: queriesSettled, trail: &trail)
        followUpNote(&v, context)
        paymentDetails(&v, context)
        creditOnAccount(&v, context, claim: claim)
        statementFields(&v, context)
        let heldAhead = planScheduleFields(&v, context, payments: thanked, promise: promiseThanks, returned: returnsTold)
        let missed = missedInstalmentsField(&v, context, heldAhead: heldAhead)
        disputeFields(&v, context)
        let demandClaim = claimFields(&v, context)
        historyFields(&v, context)
        sendMissedWithField(&v, context, missed: missed)
        claimAskedFields(&v, context, missed: missed, claim: demandClaim)
        promisedField(&v, context)
        underDemandField(&v, context)
        // Once what is asked for (`total.asked`, with a plan's missed instalments) is known.
        reminderAsk(&v, context, askedWhenSent: askedWhenSent)
        followUpAsk(&v, context, planFailed: planFailed, plansTold: plansTold, planStillOffered: planStillOffered)
        return v
    }

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

    /// The invoices a payment or credit note paid: those its `apply` names, then those the
    /// balance sheet applied the rest to, oldest first.
    static func invoicesPaid(by p: Payment, ledger: Ledger, sheet: BalanceSheet) -> [String] {
        invoicesPaid(by: p, ledger: ledger, applied: sheet.applied[p.order] ?? []) { sheet.invoices[$0] }
    }

    /// The same from where the books put its money (`applied`) and the balance of each invoice
    /// its `apply` lines name, however the books were read.
    static func invoicesPaid(by p: Payment, ledger: Ledger, applied: [AppliedMoney], balance: (Int) -> InvoiceBalance) -> [String] {
        var out: [String] = []
        _ = walkInvoicesPaid(by: p, ledger: ledger, applied: applied, balance: balance) { number, named in
            // An invoice the books applied it to that an `apply` line also names is listed once.
            if named || !out.contains(number) { out.append(number) }
            return false
        }
        return out
    }

    /// Whether any invoice `p` paid (as `invoicesPaid` lists them) passes `test`. Asked of
    /// every payment of a client while a letter is chosen, so it builds no list.
    static func paidAny(by p: Payment, ledger: Ledger, sheet: BalanceSheet, where test: (String) -> Bool) -> Bool {
        walkInvoicesPaid(by: p, ledger: ledger, applied: sheet.applied[p.order] ?? [], balance: { sheet.invoices[$0] }) { number, _ in test(number) }
    }

    /// Visits the invoices `p` paid, those its `apply` lines name (`named`) then those the
    /// books applied the rest to, until `visit` returns true; whether it did.
    private static func walkInvoicesPaid(by p: Payment, ledger: Ledger, applied: [AppliedMoney], balance: (Int) -> InvoiceBalance, _ visit: (_ number: String, _ named: Bool) -> Bool) -> Bool {
        // An invoice it names that was settled before it came took none of it (the money went
        // on account, W415): the letter does not say it went "towards" that one.
        // Found by each line's resolved invoice, not by hashing its number again.
        for (k, a) in ledger.allocations(of: p).enumerated() {
            if let t = a.target.map(Int.init) {
                let b = balance(t)
                if let settled = b.settled, settled < p.date, b.writtenOff == 0 { continue }
            }
            if visit(ledger.invoiceNumber(applied: k, of: p), true) { return true }
        }
        for a in applied where visit(ledger.invoices[a.invoice].number, false) { return true }
        return false
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

    /// The currencies of `invoices` in the order their invoices come, then any of `then` not
    /// among them: the one order a letter names currencies in. "600.00 GBP and 2,000.00 EUR
    /// remain open on invoices L-1 and L-2" pairs each sum with its invoice as the reader
    /// expects, and the claim's totals and the bank details that follow keep that order.
    static func currencyOrder(_ invoices: [Int], ledger: Ledger, then more: [Currency] = []) -> [Currency] {
        var order: [Currency] = []
        for c in invoices.map({ ledger.invoices[$0].currency }) + more where !order.contains(c) { order.append(c) }
        return order
    }

    /// The day money held on account could go to invoice `i` when a query held it back: the
    /// day the query was settled (nil when it was not, or before the invoice was issued, when
    /// the money went to it on the day it was issued).
    static func querySettled(_ i: Int, story: ClientStory, ledger: Ledger) -> Day? {
        let number = ledger.invoices[i].number
        return story.notes.last { $0.resolutions.contains { $0.invoice == number } }.map(\.date).flatMap { $0 > ledger.invoices[i].issued ? $0 : nil }
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
        /// No letter asked for it: the instalment reminder asks for it by its own date.
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
                // it quoted their date while that was still to come; otherwise (none had asked,
                // or their date had passed) it gave a date of its own.
                switch OutsideSaid(invoice, letters: letters[..<k], replyBy: replyBy) {
                case .asked(let earlier) where replyBy(earlier.date) >= asker.date: self = .asked(earlier)
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

    /// Whether a plan agreed after letter `l` covers invoice `i`: the dates the plan gave
    /// replaced the one that letter gave, and it no longer stands for it.
    static func planAgreed(after l: LetterSent, about i: Int, story: ClientStory, ledger: Ledger) -> Bool {
        story.plans.contains { p in (p.date, p.order) > (l.date, l.order) && p.isAbout(ledger.invoices[i]) }
    }

    /// Payments older than this, every one of them, are no news to thank the client for.
    static let paymentNewsDays = 90

    /// Work invoiced within this many days of a thank-you is recent: the client still works
    /// with us, and the letter does not close as if parting (`thanks.close`). Half a year, so a
    /// client invoiced or paying once a quarter, chased and thanked each time, always has some.
    static let recentWorkDays = 180

    /// Whether the client was invoiced within `recentWorkDays` of the story's date.
    static func workedLately(_ story: ClientStory, ledger: Ledger) -> Bool {
        story.issued.contains { story.asOf.days(since: ledger.invoices[$0].issued) < recentWorkDays }
    }

    /// A thank-you asks how the work went at most once in this many days: a client who pays
    /// promptly and often would otherwise be asked with every payment.
    static let feedbackAskDays = 365

    /// Up to this many payments received since the last letter are named one by one, each
    /// with its date and what it paid; more are thanked for together, with their sum.
    static let paymentsNamedOneByOne = 4

    static func list(_ items: [String], or: Bool = false) -> String { Plural.list(items, or: or) }
}
