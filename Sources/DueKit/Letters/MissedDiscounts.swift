/// The early-payment discounts missed on the invoices a letter asks for: a `N/D net M` invoice
/// paid after its window, leaving no more than the discount owed, or paid inside it but short
/// of the discounted sum by no more than the discount (the discount worked out on the total
/// before a credit note, the usual slip). What is owed is what the letter asks for, a loss
/// written off with what is open (3.8): a loss is no discount missed. The letter explains
/// each (`discount.missed`), and the stage chooser asks whether they are all the money chased:
/// such a balance is a difference over terms, not work unpaid, and is not taken to a final
/// notice or a demand (grammar §7.2).
struct MissedDiscounts {
    /// One sentence per invoice, or per group of invoices one payment reached.
    let explanations: [String]
    /// The invoices whose open money the sentences explain.
    let invoices: Set<Int>
    /// Those of `invoices` paid inside their window but short of the discounted sum: the
    /// money came in time, so the client is not asked when they sent it.
    let paidInTime: Set<Int>
    /// The last payment to each of `invoices`: the one that left its shortfall.
    private let leftBy: [Int: (date: Day, order: Int)]

    init(_ chased: [Int], story: ClientStory, ledger: Ledger, sheet: BalanceSheet) {
        let asOf = story.asOf
        // Which payments reached each invoice, found once: asked of every invoice chased.
        var trail = PaymentTrail(story, ledger: ledger, sheet: sheet)
        func paidInvoices(_ p: Payment) -> [String] { trail.invoices(paidBy: p) }
        var missed: [String] = []
        var explained = Set<Int>()
        var inTime = Set<Int>()
        func allowed(_ i: Int) -> Int128 {
            ledger.invoices[i].effectiveTerms.discountPercent.map { sheet.invoices[i].discountAllowed($0) } ?? 0
        }
        /// Why invoice `i`, paid inside its window, still has more open than its discount: what
        /// came was short of the discounted sum, most often because the discount was worked out
        /// on the total before a credit note (rule 6 takes it of what the client was to pay).
        /// Nil when the shortfall is too large to be a discount taken wrongly: that is money
        /// unpaid, which the letter asks for as it is.
        func shortInWindow(_ i: Int, paidOn: Day) -> String? {
            let inv = ledger.invoices[i], b = sheet.invoices[i]
            // Not while the window is open: what is short may still come in time.
            guard let pct = inv.effectiveTerms.discountPercent, let days = inv.effectiveTerms.discountDays, let deadline = inv.discountDeadline, paidOn <= deadline, asOf > deadline else { return nil }
            let discount = allowed(i)
            let takenOnTotal = InvoiceBalance.share(pct, of: b.total)
            guard Int128(b.owed) > discount, Int128(b.owed) <= max(takenOnTotal, 2 * discount) else { return nil }
            let money = { (m: Int64) in Money(minor: m, currency: inv.currency) }
            let toPay = b.total - b.credited, need = toPay - Int64(discount)
            var text = "Invoice \(inv.number) offered \(pct)% off for payment within \(days) days, that is by \(deadline.longDescription)"
            let creditNotes = trail.credits(to: inv.number)
            if b.credited > 0 {
                let names = creditNotes.map { c in c.notes(in: ledger.files).number.map { "credit note \($0)" } ?? "the credit note of \(c.date.longDescription)" }
                let after = names.isEmpty ? "credit notes" : LetterFields.list(names)
                text += ". After \(after), \(money(toPay)) was left to pay on it, so the discount came to \(money(Int64(discount))) and \(money(need)) paid by then would have settled it."
            } else {
                text += ": \(money(need)) paid by then would have settled it."
            }
            text += " You paid \(money(b.paid)) towards it by \(paidOn.longDescription), in time but \(money(need - b.paid)) short of \(money(need)), so the discount could not be applied and \(money(b.owed)) remains to pay."
            return text
        }
        for i in chased where !explained.contains(i) {
            let inv = ledger.invoices[i], b = sheet.invoices[i]
            guard let pct = inv.effectiveTerms.discountPercent, let deadline = inv.discountDeadline, b.discount == 0, b.paid > 0, b.open > 0 else { continue }
            // The day the last money paid to it came: a credit note is no payment.
            let payments = trail.payments(to: inv.number).filter { !$0.isCredit }
            guard let paidOn = payments.last?.date ?? b.lastPayment else { continue }
            // Only when what is left is no more than the discount: the payment was the
            // discounted sum, sent after the window closed.
            guard paidOn > deadline, Int128(b.owed) <= allowed(i) else {
                // One payment of several invoices' discounted sums leaves the shortfall of all
                // of them on the last it reached: said of them together. It may have reached
                // that last one inside its window, short of its discounted sum because an
                // earlier one, whose window had closed, took its whole amount.
                guard let p = trail.payments(to: inv.number).last(where: { $0.date == paidOn }) else { continue }
                // Only invoices whose discount this payment lost: one an earlier payment reached
                // after its window had closed had lost it then, and what that left is no part of
                // this payment's shortfall.
                func lostEarlier(_ j: Int) -> Bool {
                    let number = ledger.invoices[j].number
                    guard let deadline = ledger.invoices[j].discountDeadline else { return false }
                    return trail.payments(to: number).contains { q in (q.date, q.order) < (p.date, p.order) && q.date > deadline }
                }
                let group = paidInvoices(p).compactMap { ledger.invoiceIndex[$0] }.filter { j in
                    let t = ledger.invoices[j].effectiveTerms
                    return t.discountPercent == pct && t.discountDays == inv.effectiveTerms.discountDays && sheet.invoices[j].discount == 0
                        && ledger.invoices[j].discountDeadline != nil && sheet.invoices[j].lastPayment == paidOn && !lostEarlier(j)
                }
                // Invoices whose discount an earlier payment lost, whose open discount this one
                // cleared on its way here, oldest first (4): what it paid them is short here too.
                let carried: [(invoice: Int, amount: Int64)] = group.contains(i) ? (sheet.applied[p.order] ?? []).compactMap { a in
                    let j = a.invoice
                    guard j != i, ledger.invoices[j].currency == inv.currency, sheet.invoices[j].discount == 0, sheet.invoices[j].asked == 0,
                          lostEarlier(j), Int128(a.amount) <= allowed(j) else { return nil }
                    return (j, a.amount)
                } : []
                let carriedSum = carried.reduce(Int128(0)) { $0 + Int128($1.amount) }
                let closed = group.filter { ledger.invoices[$0].discountDeadline! < p.date }
                let short = group.reduce(Int128(0)) { $0 + Int128(sheet.invoices[$1].asked) }
                let discounts = group.reduce(Int128(0), { $0 + allowed($1) })
                guard group.count + carried.count > 1, !closed.isEmpty || !carried.isEmpty, short > 0, short <= discounts + carriedSum else {
                    if let why = shortInWindow(i, paidOn: paidOn) {
                        explained.insert(i)
                        inTime.insert(i)
                        missed.append(why)
                    }
                    continue
                }
                explained.formUnion(group)
                if !carried.isEmpty {
                    missed.append(CarriedShortfall(carried: carried, group: group, closed: closed, payment: p, short: short, discounts: discounts, ledger: ledger, allowed: allowed).sentence)
                    continue
                }
                let numbers = LetterFields.list(group.map { ledger.invoices[$0].number })
                let days = group.map { ledger.invoices[$0].discountDeadline! }
                let deadlines = Set(days).count == 1 ? days[0].longDescription
                    : LetterFields.list(group.map { "\(ledger.invoices[$0].discountDeadline!.longDescription) for \(ledger.invoices[$0].number)" })
                let open = group.filter { !closed.contains($0) }.map { ledger.invoices[$0].number }
                let closedNumbers = LetterFields.list(closed.map { ledger.invoices[$0].number })
                // Why an invoice it reached inside its window lost its discount too: the ones
                // whose window had closed took their whole amount first.
                let after = closed.count == group.count ? "after those windows had closed, so the discounts could not be applied"
                    : "after the \(closed.count == 1 ? "window" : "windows") for \(closedNumbers) had closed: \(closedNumbers) took \(closed.count == 1 ? "its" : "their") whole amount, and what was left for \(LetterFields.list(open)) fell short of \(open.count == 1 ? "its" : "their") discounted sum, so \(group.count == 2 ? "neither discount" : "none of the discounts") could be applied"
                missed.append("Invoices \(numbers) offered \(pct)% off for payment within \(inv.effectiveTerms.discountDays!) days, that is by \(deadlines). Your payment of \(Money(minor: p.minor, currency: p.currency)) arrived on \(paidOn.longDescription), \(after) and \(Money(minor: Int64(short), currency: inv.currency)) remains to pay.")
                continue
            }
            // Paid in parts, the last part is the one that came late.
            let arrived = payments.count > 1 ? "The last of your payments towards it arrived on" : "Your payment arrived on"
            explained.insert(i)
            missed.append("Invoice \(inv.number) offered \(pct)% off for payment within \(inv.effectiveTerms.discountDays!) days, that is by \(deadline.longDescription). \(arrived) \(paidOn.longDescription), after that window had closed, so the discount could not be applied and \(Money(minor: b.owed, currency: inv.currency)) remains to pay.")
        }
        explanations = missed
        invoices = explained
        paidInTime = inTime
        var left: [Int: (date: Day, order: Int)] = [:]
        for i in explained {
            if let p = trail.payments(to: ledger.invoices[i].number).last(where: { !$0.isCredit }) { left[i] = (p.date, p.order) }
        }
        leftBy = left
    }

    /// When the shortfalls on `some` of `invoices` were all there: the last payment that left
    /// one. A letter before it asked for the invoice itself, not for a discount missed.
    func arose(_ some: [Int]) -> (date: Day, order: Int)? {
        some.compactMap { leftBy[$0] }.max { $0 < $1 }
    }

    /// Whether every one of `chased` (at least one) was paid inside its window, short: no
    /// payment came late, so there is no date sent to ask about, only the figures.
    func allPaidInTime(_ chased: [Int]) -> Bool {
        !chased.isEmpty && chased.allSatisfy(paidInTime.contains)
    }

    /// Whether the open money of every one of `chased` (at least one) is a missed discount.
    func explainAll(_ chased: [Int]) -> Bool {
        !chased.isEmpty && chased.allSatisfy(invoices.contains)
    }
}

/// One payment, applied oldest first, that cleared the discounts left open on invoices paid
/// late before it reached the invoices it lost its own discount on: what is left on those is
/// the discounts missed on all of them, told as one story (grammar §7.3).
private struct CarriedShortfall {
    /// Earlier invoices whose open discount the payment cleared, with what it paid each.
    let carried: [(invoice: Int, amount: Int64)]
    /// The invoices it reached after them, whose discount it lost; `closed`: those whose window had closed.
    let group: [Int], closed: [Int]
    let payment: Payment
    let short: Int128, discounts: Int128
    let ledger: Ledger
    let allowed: (Int) -> Int128

    var sentence: String {
        let first = ledger.invoices[group[0]]
        let money = { (m: Int128) in Money(minor: Int64(m), currency: first.currency) }
        func number(_ j: Int) -> String { ledger.invoices[j].number }
        func invoices(_ js: [Int]) -> String { "\(js.count == 1 ? "invoice" : "invoices") \(LetterFields.list(js.map(number)))" }
        let all = carried.map(\.invoice) + group
        let pct = first.effectiveTerms.discountPercent!, days = first.effectiveTerms.discountDays!
        let deadlines = LetterFields.list(all.map { "\(ledger.invoices[$0].discountDeadline!.longDescription) for \(number($0))" })
        let earlier = carried.map(\.invoice), paidEarlier = carried.reduce(Int128(0)) { $0 + Int128($1.amount) }
        let one = earlier.count == 1
        var text = "Invoices \(LetterFields.list(all.map(number))) offered \(pct)% off for payment within \(days) days, that is by \(deadlines)."
        text += " Your \(one ? "payment" : "payments") towards \(invoices(earlier)) came after \(one ? "its window" : "their windows") had closed, which left \(money(paidEarlier)) open on \(one ? "it" : "them")."
        let open = group.filter { !closed.contains($0) }
        let its = group.count == 1 ? "its" : "their"
        let reached: String
        if open.isEmpty {
            reached = "what was left reached \(invoices(group)) after \(group.count == 1 ? "its window" : "their windows") had closed"
        } else if closed.isEmpty {
            reached = "what was left for \(invoices(group)) fell short of \(its) discounted \(group.count == 1 ? "sum" : "sums")"
        } else {
            reached = "what was left reached \(invoices(closed)) after \(closed.count == 1 ? "its window" : "their windows") had closed and fell short of the discounted \(open.count == 1 ? "sum" : "sums") of \(invoices(open))"
        }
        text += " Your payment of \(Money(minor: payment.minor, currency: payment.currency)) on \(payment.date.longDescription) went first to \(one ? "that" : "those") \(money(paidEarlier)), and \(reached), so \(its) \(group.count == 1 ? "discount" : "discounts") could not be applied either: \(money(short)) remains to pay"
        // Named one by one only when they are all of it, to the cent.
        guard short == discounts + paidEarlier else { return text + "." }
        let parts = carried.map { "\(number($0.invoice)) (\(money(Int128($0.amount))))" } + group.map { "\(number($0)) (\(money(allowed($0))))" }
        return text + ", the discounts missed on \(LetterFields.list(parts))."
    }
}
