/// A client who pays every invoice late, as a first reminder names it: the latest invoices the
/// client paid, each more than `graceDays` after its due date (days late as the client table
/// counts them, `ClientBehaviour.daysLate`), at least `ClientBehaviour.recentCount` of them in
/// a row. A reminder to such a client does not assume an oversight it has seen many times over;
/// it says what it has seen, with the figures, and offers to look at the terms (7.3,
/// `reminder.habit`).
struct LatePaymentPattern {
    /// Days after a due date that still read as a slip, not a habit.
    static let graceDays = 7

    /// How many of the latest invoices paid were each late, and the fewest and most days late.
    let count: Int
    let fewestDays: Int
    let mostDays: Int

    /// Nil unless the latest invoices the client paid, by the day each was paid up, were each
    /// late by more than `graceDays`, `ClientBehaviour.recentCount` or more of them in a row.
    /// An invoice whose lateness need not be the client's habit ends the run, so the sentence
    /// stays true of the latest invoices paid: one disputed by then, one a payment plan covered
    /// by the day it was paid up (it was paid by the plan's dates), one written off as a loss,
    /// and one whose early-payment discount was all that came late (`onlyDiscountCameLate`).
    /// An invoice with discount terms is otherwise counted as any other, late from its net due
    /// date: the discount's window is an offer, not the day the money was due. A payment that
    /// came back unpaid pays nothing: the sheet has the invoice open again, or paid up on the
    /// day it was paid again.
    init?(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) {
        let paid = story.issued.compactMap { i -> (day: Day, order: Int, invoice: Int)? in
            sheet.invoices[i].paidUp.map { ($0, ledger.invoices[i].order, i) }
        }.sorted { ($0.day, $0.order) > ($1.day, $1.order) }
        // Traced once, for all the discount invoices paid, on the first that needs it.
        var history: OpenHistory?
        func onlyDiscountCameLate(_ i: Int) -> Bool {
            guard ledger.invoices[i].discountDeadline != nil else { return false }
            if history == nil {
                let discounted = paid.map(\.invoice).filter { ledger.invoices[$0].discountDeadline != nil }
                history = LateClaim.history(of: discounted, ledger: ledger, sheet: sheet, through: sheet.asOf)
            }
            return LatePaymentPattern.onlyDiscountCameLate(i, ledger: ledger, sheet: sheet, history: history!)
        }
        var days: [Int] = []
        for p in paid {
            let inv = ledger.invoices[p.invoice]
            let byHabit = sheet.invoices[p.invoice].lost == 0 && !sheet.wasDisputed(inv.number)
                && !story.plans.contains { $0.date <= p.day && $0.isAbout(inv) }
            let late = ClientBehaviour.daysLate(settled: p.day, due: inv.due, ledger.settings)
            guard byHabit, late > LatePaymentPattern.graceDays, !onlyDiscountCameLate(p.invoice) else { break }
            days.append(late)
        }
        guard days.count >= ClientBehaviour.recentCount, let fewest = days.min(), let most = days.max() else { return nil }
        count = days.count
        fewestDays = fewest
        mostDays = most
    }

    /// Whether all invoice `i` still owed `graceDays` after its net due date was no more than
    /// its early-payment discount: the client had paid the work by then, and the day it was
    /// paid up is the day a difference over the discount (taken after its window) was settled,
    /// which says nothing of how the client pays its bills.
    static func onlyDiscountCameLate(_ i: Int, ledger: Ledger, sheet: BalanceSheet, history: OpenHistory) -> Bool {
        let inv = ledger.invoices[i]
        guard let pct = inv.effectiveTerms.discountPercent else { return false }
        let owed = history.owed(i, endOf: inv.due.adding(days: graceDays), knownAt: sheet.asOf)
        return Int128(owed) <= sheet.invoices[i].discountAllowed(pct)
    }

    /// `The last three invoices you paid were each paid 12 to 31 days after their due dates.`,
    /// and the offer to look at the terms.
    var sentence: String {
        let span = fewestDays == mostDays ? "\(mostDays)" : "\(fewestDays) to \(mostDays)"
        return "The last \(Plural.cardinal(count)) invoices you paid were each paid \(span) days after their due dates. If our payment terms do not fit how your accounts are run, tell me and we can look at them together."
    }
}
