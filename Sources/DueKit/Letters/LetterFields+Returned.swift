/// What `payment.returned` told of in a letter: the payments (by `order`) and the plan's
/// instalments they had paid (by due date, with the day the payment was made and the day it
/// came back), which the sentences and the plan's table below it refer to rather than tell again.
struct ReturnsTold {
    var payments: Set<Int> = []
    var instalments: [Day: (paid: Day, back: Day)] = [:]
}

/// A payment that came back after our thank-you for it, not yet told of (`returnUntold`):
/// `paidAgain`, once every invoice it had paid is closed again, those invoices, the day the
/// last of them was, and whether money paid since closed them all.
struct ReturnUntold {
    let payment: Payment
    let back: Day
    let thanks: LetterSent
    let paidAgain: (invoices: [String], day: Day, byPayment: Bool)?
}

/// An instalment a payment had paid on time, the payment come back since (3.6), not paid
/// again in full: the day it was paid, the day the money came back, and what of the
/// instalment has been paid since (minor units of the plan's currency).
struct InstalmentUnpaidAgain: Equatable {
    let paid: Day
    let back: Day
    let since: Int64
}

extension LetterFields {
    /// `payment.returned`: a payment that came back unpaid (3.6), said once of each invoice it
    /// had paid, in the first letter after the return that asks for that invoice: "Your payment
    /// of 1,200.00 GBP on 10 February 2026 was returned unpaid on 20 February 2026, so invoice
    /// P-1 is open again." Without it a letter after a thank-you would ask for money the client
    /// believes paid, with no word of why. Returns are few: read from the ledger.
    static func paymentReturnedField(_ v: inout [String: String], _ context: LetterContext) -> ReturnsTold {
        guard tellsOfReturns(context.stage) else { return ReturnsTold() }
        let letters = context.story.letters
        let shown = context.listedNumbers
        var told: [String] = []
        var said = ReturnsTold()
        for r in context.story.returned {
            guard let p = r.paid else { continue }
            // A letter sent since that asked for the invoice said it then. Any other letter
            // (a thank-you for the payment sent that morning, a reminder about other work)
            // said nothing of it.
            let reopened = r.reopened.filter { n in
                shown.contains(n) && !letters.contains { l in
                    tellsOfReturns(l.stage) && l.isAfter(r) && (l.invoices.isEmpty || l.invoices.contains(n))
                }
            }
            guard !reopened.isEmpty else { continue }
            let undone = whatReturnUndid(r, paid: p, of: reopened, context)
            // A thank-you sent for it before it came back told them the money was paid: said to
            // be overtaken, not left standing beside a letter asking for that money.
            let overtaken = thankYouOvertaken(by: r, paid: p, letters: letters).map { ", and my letter of \(context.dated($0)) thanking you for it no longer stands" } ?? ""
            told.append("Your payment of \(Money(minor: p.minor, currency: p.currency)) on \(p.date.longDescription) was returned unpaid on \(r.date.longDescription), so \(list(undone.clauses))\(overtaken).")
            said.payments.insert(p.order)
            for d in undone.instalments { said.instalments[d] = (p.date, r.date) }
        }
        if !told.isEmpty { v["payment.returned"] = told.joined(separator: " ") }
        return said
    }

    /// What coming back undid, as clauses: an invoice the payment had closed "is open again";
    /// of one it left with money open, only what it paid is unpaid again ("500.00 GBP of
    /// invoice P-1 is unpaid again"); and where that money had paid instalments of a running
    /// plan in full, those are ("the instalment due on 1 March 2026, which it paid, is unpaid
    /// again"), the client having paid them on time, whether or not it closed the invoice (a
    /// payment that paid every instalment at once: the plan's instalments are what the client
    /// owes, not the invoice as a whole).
    private static func whatReturnUndid(_ r: PaymentReturn, paid p: Payment, of reopened: [String], _ context: LetterContext) -> (clauses: [String], instalments: [Day]) {
        var closed = reopened.filter { r.leftOpen[$0] == nil }
        var partly = reopened.filter { r.leftOpen[$0] != nil }
        var byPlan: [String] = []
        var instalments: [Day] = []
        for plan in context.plans.running {
            let numbers = plan.covered.map { context.ledger.invoices[$0].number }
            let inPlan = reopened.filter(numbers.contains)
            guard !inPlan.isEmpty, let dates = instalmentsPaid(by: r, on: inPlan, of: plan) else { continue }
            partly.removeAll(where: inPlan.contains)
            closed.removeAll(where: inPlan.contains)
            instalments += dates
            byPlan.append((dates.count == 1 ? "the instalment due on " : "the instalments due on ") + list(dates.map(\.longDescription)) + ", which it paid, " + (dates.count == 1 ? "is" : "are") + " unpaid again")
        }
        var clauses: [String] = []
        if !closed.isEmpty { clauses.append("\(invoicePhrase(closed)) \(closed.count == 1 ? "is" : "are") open again") }
        clauses += byPlan
        clauses += partly.map { "\(Money(minor: r.leftOpen[$0]!, currency: p.currency)) of invoice \($0) is unpaid again" }
        return (clauses, instalments)
    }

    /// The instalments of `plan` that the returned payment's money on `numbers` had paid in
    /// full, as the plan stood the day before it came back (the client's money meets them in
    /// order); nil when that money met only part of one, which the letter tells of as money
    /// unpaid again on the invoice.
    private static func instalmentsPaid(by r: PaymentReturn, on numbers: [String], of plan: PlanProgress) -> [Day]? {
        // What it paid of each, and what the plan's invoices had open the day before it came
        // back, as `takeOutReturnedPayments` read them.
        let share = numbers.reduce(Int64(0)) { $0 + (r.unpaidAgain[$1] ?? 0) }
        let paidThen = PlanProgress.paid(plan.plan, openNow: plan.covered.reduce(Int64(0)) { $0 + (r.askedBefore[$1] ?? 0) }, notCovered: plan.notCovered)
        let from = paidThen - share
        var dates: [Day] = [], cumulative: Int64 = 0, met: Int64 = 0
        for i in plan.plan.instalments {
            cumulative += i.minor
            if cumulative - i.minor >= from && cumulative <= paidThen {
                dates.append(i.date)
                met += i.minor
            }
        }
        return !dates.isEmpty && met == share ? dates : nil
    }

    /// Every instalment of `plan` that a payment of the client's, come back since, had paid in
    /// full, with the days it was paid and came back: the agenda says of it what became of it,
    /// as the letters do (`whatReturnUndid`), not that it never arrived.
    static func instalmentsReturned(of plan: PlanProgress, story: ClientStory, ledger: Ledger) -> [Day: (paid: Day, back: Day)] {
        let numbers = Set(plan.covered.map { ledger.invoices[$0].number })
        var out: [Day: (paid: Day, back: Day)] = [:]
        for r in story.returned {
            let inPlan = r.reopened.filter(numbers.contains)
            guard !inPlan.isEmpty, let dates = instalmentsPaid(by: r, on: inPlan, of: plan) else { continue }
            for d in dates { out[d] = (r.paid!.date, r.date) }
        }
        return out
    }

    /// Of `instalmentsReturned`, those the plan has not had again in full on the as-of date,
    /// with what of each has been paid since: what the agenda and the stage chooser's reasons
    /// say were paid and came back, not that they never arrived. None for a client none of
    /// whose payments came back.
    static func instalmentsUnpaidAgain(of plan: PlanProgress, story: ClientStory, ledger: Ledger) -> [Day: InstalmentUnpaidAgain] {
        guard !story.returned.isEmpty else { return [:] }
        var out: [Day: InstalmentUnpaidAgain] = [:]
        for (d, r) in instalmentsReturned(of: plan, story: story, ledger: ledger) {
            guard let owed = plan.owedInstalments.first(where: { $0.instalment.date == d }) else { continue }
            out[d] = InstalmentUnpaidAgain(paid: r.paid, back: r.back, since: owed.instalment.minor - owed.unpaid)
        }
        return out
    }

    /// Our last thank-you sent after payment `p` was made and before it came back (`r`): it
    /// told the client that money was paid.
    static func thankYouOvertaken(by r: PaymentReturn, paid p: Payment, letters: EntrySelection<LetterSent>) -> LetterSent? {
        letters.last { $0.stage == .thanks && ($0.date, $0.order) > (p.date, p.order) && !$0.isAfter(r) }
    }

    /// A payment that came back after our thank-you for it, of which no letter since has told
    /// the client (`payment.returned`), nor have we spoken to them since (a note for the file
    /// is not): they believe the money paid. The agenda says so from the day it came back
    /// until then. Once nothing it had paid is open, no letter lists those invoices, so none
    /// will say it (`paidAgain`): the agenda says so for as long as a thank-you would be due
    /// after that money came, then lets it go.
    static func returnUntold(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> ReturnUntold? {
        for r in story.returned.reversed() {
            guard let p = r.paid, let thanks = thankYouOvertaken(by: r, paid: p, letters: story.letters), !returnTold(r, story: story) else { continue }
            let balances = r.reopened.compactMap { ledger.invoiceIndex[$0].map { sheet.invoices[$0] } }
            guard !balances.contains(where: { $0.open > 0 }) else { return ReturnUntold(payment: p, back: r.date, thanks: thanks, paidAgain: nil) }
            let day = balances.compactMap(\.settled).max() ?? r.date
            guard sheet.asOf.days(since: day) <= StageChooser.thanksWindow else { continue }
            // Closed by money come since, or by a credit note or write-off: said as it was.
            let paid = balances.allSatisfy { $0.lastPayment.map { $0 >= r.date } ?? false }
            // A letter sent since the money that replaced it thanked for that money, and said
            // which payment it replaced (`returnReplaced`): the client knows.
            if paid, let again = story.payments.last(where: { $0.date >= r.date && invoicesPaid(by: $0, ledger: ledger, sheet: sheet).contains(where: r.reopened.contains) }),
               story.letters.contains(where: { thanksForPayments($0.stage) && ($0.date, $0.order) > (again.date, again.order) }) { continue }
            return ReturnUntold(payment: p, back: r.date, thanks: thanks, paidAgain: (r.reopened, day, paid))
        }
        return nil
    }

    /// Whether the client has been told that payment came back: by a letter since that asked
    /// for what it had paid (`payment.returned`), or by a word with them since (a note for the
    /// file is none).
    private static func returnTold(_ r: PaymentReturn, story: ClientStory) -> Bool {
        story.letters.contains { l in tellsOfReturns(l.stage) && l.isAfter(r) && (l.invoices.isEmpty || r.reopened.contains { l.invoices.contains($0) }) }
            || story.notes.contains { $0.channel != .file && $0.date >= r.date }
    }

    /// The returned payment that payment `p`, which paid `paid`, replaced: one our thank-you
    /// told the client was paid, come back since (3.6) with nothing telling them so, whose
    /// invoices `p` paid again. Thanked a second time for settling an invoice, with no word of
    /// why, the client would be at a loss: the thanks for `p` say what it replaced
    /// (`payments.received`), whatever letter is the next, and the agenda says they will.
    static func returnReplaced(by p: Payment, paying paid: [String], story: ClientStory) -> PaymentReturn? {
        story.returned.last { r in
            guard let q = r.paid, q.order != p.order, p.date >= r.date, r.reopened.contains(where: paid.contains) else { return false }
            return thankYouOvertaken(by: r, paid: q, letters: story.letters) != nil && !returnTold(r, story: story)
        }
    }

    /// The letters that carry `payment.returned`: those asking for money, and a plan offer.
    static func tellsOfReturns(_ stage: LetterStage) -> Bool { stage.asksForMoney || stage == .planOffer }
}

extension LetterSent {
    /// Whether the letter went after `back` was known: a later day, or on the return's own day
    /// a letter written below the payment whose `returned` line it is, as the ledger's order
    /// of lines has it (a letter recorded before the payment was written knew nothing of it).
    func isAfter(_ back: PaymentReturn) -> Bool {
        date > back.date || (date == back.date && order > back.order)
    }
}
