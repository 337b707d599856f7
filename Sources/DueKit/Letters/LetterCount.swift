/// The letters a follow-up counts when it tells the client how many it has sent about money
/// that nothing has been paid towards since (every letter about it, plan offers among them; a
/// payment that came back counts as one that came, so no thank-you falls among them) ("This is my fifth letter about this, counting
/// from my letter of …, and no payment towards invoice A-3 has come in that time").
///
/// Each chased invoice is followed from the last payment that went towards it (money held on
/// account that went to it once its query was settled among them, on that day): its count
/// begins with the first letter on the ladder to name it after that. The sentence is about
/// the invoices whose count began first, and counts every letter since that named one of
/// them. So money paid towards another invoice, an invoice falling due and
/// joining the chase, or one paid off and leaving it, does not start the count again for the
/// money still unpaid: a client told of a fifth letter is never told of a fourth, or a fifth
/// from a later day, about the same unpaid invoice a fortnight on.
struct LetterCount {
    /// The chased invoices the sentence is about (indices into `ledger.invoices`).
    let invoices: [Int]
    /// The letter on the ladder the count begins with.
    let since: LetterSent
    /// The letters on the ladder from `since` on that named one of `invoices`, `since` among them.
    let ladder: Int
    /// The instalment reminders after `since` that asked for one of `invoices` too (a plan's
    /// that ran out, or one asking for them beside its plan): the client counts them as letters.
    /// Not a courtesy note, sent before the instalment it spoke of fell due: it asked for no
    /// money past due.
    let instalments: Int
    /// The payment plan offers and acknowledgements of a query after `since` that named one of
    /// `invoices`: they asked for no money, but they are letters about it the client has had,
    /// and a count they can check against what came cannot leave them out.
    let aboutIt: Int
    /// The payments since `since` made under a plan that covered one of `invoices`, none of
    /// which went to them (a plan's money goes to its oldest invoice first): the client did pay
    /// in that time, and is told where that money went, not that nothing came.
    let paidUnderPlan: [Payment]

    /// The letters the client is told of, `since` among them: the ladder's, the instalment
    /// reminders and the other letters about these invoices, as every letter that states a
    /// count counts them (the ladder's alone decides when a final notice comes).
    var letters: Int { ladder + instalments + aboutIt }

    /// Nil when no letter on the ladder has named a chased invoice since money last went
    /// towards it.
    init?(chased: [Int], story: ClientStory, ledger: Ledger, sheet: BalanceSheet) {
        guard !chased.isEmpty else { return nil }
        let index = Dictionary(chased.map { (ledger.invoices[$0].number, $0) }, uniquingKeysWith: { a, _ in a })
        // The last payment that went towards each chased invoice (a credit note is none), or
        // money of the client's held on account that went to it later, a query about it
        // settled: paid towards it on that day, from the start of it (`BalanceSheet.heldMoneyReached`).
        var lastPaid: [String: (Day, Int)] = [:]
        for p in story.payments {
            for n in LetterFields.invoicesPaid(by: p, ledger: ledger, sheet: sheet) where index[n] != nil {
                lastPaid[n] = (p.date, p.order)
            }
        }
        // A payment that came back unpaid (3.6) came all the same, on its day: the client acted
        // on the letters before it (`unanswered` reads it so) and was thanked for it. Counted
        // across, the sentence would say no payment came in that time, and count letters the
        // client was told had been answered, a thank-you between them.
        for r in story.returned {
            guard let p = r.paid else { continue }
            for n in r.reopened where index[n] != nil && lastPaid[n].map({ $0 < (p.date, p.order) }) ?? true {
                lastPaid[n] = (p.date, p.order)
            }
        }
        for i in chased {
            guard let day = sheet.heldMoneyReached(i).max() else { continue }
            let n = ledger.invoices[i].number
            if lastPaid[n].map({ $0 < (day, Int.min) }) ?? true { lastPaid[n] = (day, Int.min) }
        }
        // Each chased invoice's first letter on the ladder since money last went towards it,
        // found in one pass over the letters (a letter may name thousands of invoices). One
        // naming no invoice asked for what was past due on its day (7.2).
        let ladderLetters = story.letters.filter { ($0.stage.rung ?? 0) >= 1 }
        var start: [Int: LetterSent] = [:]
        func begin(_ i: Int, _ l: LetterSent) {
            guard start[i] == nil, lastPaid[ledger.invoices[i].number].map({ (l.date, l.order) > $0 }) ?? true else { return }
            start[i] = l
        }
        for l in ladderLetters {
            if l.invoices.isEmpty {
                for i in chased where l.date > ledger.invoices[i].due { begin(i, l) }
            } else {
                for n in l.invoices.array { if let i = index[n] { begin(i, l) } }
            }
        }
        guard let first = start.values.min(by: { ($0.date, $0.order) < ($1.date, $1.order) }) else { return nil }
        let counted = chased.filter { start[$0]?.order == first.order }
        let countedNumbers = Set(counted.map { ledger.invoices[$0].number })
        let earliestDue = counted.map { ledger.invoices[$0].due }.min()!
        func namesOne(_ l: LetterSent) -> Bool {
            l.invoices.isEmpty ? l.date > earliestDue : l.invoices.contains(where: countedNumbers.contains)
        }
        invoices = counted
        since = first
        ladder = ladderLetters.filter { ($0.date, $0.order) >= (first.date, first.order) && namesOne($0) }.count
        let reminders = story.letters.filter { l in
            l.stage == .instalment && (l.date, l.order) > (first.date, first.order) && l.invoices.contains(where: countedNumbers.contains)
        }
        // Read as the stage chooser reads it: a note that gave the instalment's own date,
        // sooner than a reply date, reminded the client of nothing missed.
        let plans = reminders.isEmpty ? [] : PlanProgress.running(story, ledger: ledger, sheet: sheet) + PlanProgress.allEnded(story, ledger: ledger, sheet: sheet)
        instalments = reminders.filter { l in
            !plans.contains { $0.isAbout(l, ledger: ledger) && $0.dateGiven(by: l, ledger: ledger, sheet: sheet) < ledger.settings.replyBy(l.date) }
        }.count
        aboutIt = story.letters.filter { l in
            (l.stage == .planOffer || l.stage == .dispute) && (l.date, l.order) > (first.date, first.order) && l.invoices.contains(where: countedNumbers.contains)
        }.count
        let countedPlans = story.plans.filter { plan in counted.contains { plan.isAbout(ledger.invoices[$0]) } }
        paidUnderPlan = countedPlans.isEmpty ? [] : story.payments.filter { p in
            guard (p.date, p.order) > (first.date, first.order) else { return false }
            let paid = LetterFields.invoicesPaid(by: p, ledger: ledger, sheet: sheet)
            return !paid.isEmpty && !paid.contains(where: countedNumbers.contains)
                && countedPlans.contains { plan in plan.date <= p.date && paid.allSatisfy { n in ledger.invoiceIndex[n].map { plan.isAbout(ledger.invoices[$0]) } ?? false } }
        }
    }
}
