/// The payments a letter thanks for since our last letter (`LetterFields.paymentsReceived`):
/// the plan's sentence says what one of them made up, and the promise's says where money
/// that went elsewhere went, without thanking for it twice.
struct PaymentsThanked {
    /// The client's payments since our last letter that the letter speaks of.
    let since: [Payment]
    /// The payments thanked for one by one (by `Payment.order`).
    let oneByOne: [Int]
    /// The one thanked for by itself, with how the thanks name it when what it went towards
    /// is said after them.
    let alone: (order: Int, phrase: String)?
}

extension LetterFields {
    /// `payments.received`: money received since the last letter. Returns what it thanked for,
    /// which the promise's and the plan's sentences read so that no payment is thanked for twice.
    static func paymentsReceived(_ v: inout [String: String], _ context: LetterContext, trail: inout PaymentTrail) -> PaymentsThanked {
        let stage = context.stage, story = context.story, ledger = context.ledger, sheet = context.sheet,
            client = context.client, open = context.open, last = context.last, lastNamed = context.lastNamed,
            listedNumbers = context.listedNumbers, promiseNamed = context.promiseNamed,
            counted = context.promisePayments, episodeStart = context.workStart
        func paidInvoices(_ p: Payment) -> [String] { trail.invoices(paidBy: p) }
        // Money received since the last letter, thanked for by name.
        // Only money towards what this letter lists or an earlier one showed (or sent without
        // saying what it pays), and only since the oldest invoice still open was issued: a
        // payment for earlier work is old news, however long ago our last letter went. Every
        // letter shows every open invoice, so an invoice issued by the last letter's date was
        // in it, whatever that letter named (a dispute acknowledgement names the disputed
        // invoice alone, and a payment after it that settled what our reminder before it
        // asked for is still thanked).
        let relevant = listedNumbers.union(lastNamed)
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
        let heldIn = Set(sheet.heldOnAccount(by: client.id).map(\.currency))
        // Invoices this letter asks for, or our last letter asked for (one that named none spoke
        // of all that was past due by its day): what a payment may bear on.
        let askedNow = Set((context.chased + context.choice.alsoAsked).map { ledger.invoices[$0].number }).union(lastNamed)
        func asked(_ number: String) -> Bool {
            askedNow.contains(number) || (last.map { l in l.invoices.isEmpty && (ledger.invoiceIndex[number].map { ledger.invoices[$0].due < l.date } ?? false) } ?? false)
        }
        /// Old news of other work: a payment of months ago that settled only invoices neither
        /// this letter nor our last asked for (work our last letter showed as not yet due, say).
        /// The client has paid for other work since without a word of it here; picking that one
        /// payment out would read as if it bore on what the letter asks.
        func oldNewsOfOtherWork(_ p: Payment) -> Bool {
            let paid = paidInvoices(p)
            return context.long(ago: [p]) && !paid.isEmpty
                && paid.allSatisfy { !asked($0) && Self.settled($0, by: p, ledger: ledger, sheet: sheet) }
        }
        // The payments thanked for one by one, and the one thanked for by itself with how the
        // thanks name it when what it went towards is said after them: an instalment reminder
        // that says a payment made up a missed instalment says so in the same sentence, or
        // names it by its date alone, rather than naming it twice.
        var thankedOneByOne: [Int] = []
        var thankedAlone: (order: Int, phrase: String)?
        // Money that replaced a payment our thank-you told them of, come back since unbeknown
        // to them, is news however old: the thanks say what it replaced.
        var replaced: [Int: PaymentReturn] = [:]
        if !story.returned.isEmpty {
            for p in story.payments(after: last) {
                replaced[p.order] = returnReplaced(by: p, paying: paidInvoices(p), story: story)
            }
        }
        // A payment of more than was open, the rest left on account: no letter since has told
        // them of it, and the client is owed that word, however old it is and whatever work it
        // paid, or the money is theirs with no one saying so (3.13, 4 rule 4).
        func overpaid(_ p: Payment) -> Int64 { sheet.overpayments[p.order] ?? 0 }
        let since = story.payments(after: last).filter { p in
            !(promiseNamed && counted.contains(p.order))
                && (((episodeStart.map { p.date >= $0 } ?? true)
                    && ((paysRelevant(p) && !oldNewsOfOtherWork(p)) || heldIn.contains(p.currency)))
                    || replaced[p.order] != nil || overpaid(p) > 0)
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
            // What they paid beyond what was open is said together too, as one by one.
            let beyond = Self.paidBeyond(since, invoices: settled.count + towards.count, sheet: sheet).map { ", " + $0 } ?? ""
            let what = "the \(since.count) payments you made \(when) (\(total) in all\(how)\(beyond))"
            v["payments.received"] = context.long(ago: since) ? "We received \(what)."
                : v["last.contact"] == nil ? "Thank you for \(what)." : "\(what.prefix(1).uppercased() + what.dropFirst()) also reached us, for which many thanks."
        } else if !since.isEmpty && stage != .thanks {
            let each = since.map { p -> String in
                let applied = paidInvoices(p)
                let settled = applied.filter { Self.settled($0, by: p, ledger: ledger, sheet: sheet) }
                let partly = applied.filter { !settled.contains($0) }
                let completing = settled.isEmpty ? "" : completedPlan(by: p, settled: settled, context).map { " and completed \($0)" } ?? ""
                let instead = replaced[p.order].map { "replaced your payment of \($0.paid!.date.longDescription), returned unpaid on \($0.date.longDescription), and " } ?? ""
                var how = settled.isEmpty ? (instead.isEmpty ? "" : "which \(instead)went ") + "towards \(invoicePhrase(partly))"
                    : partly.isEmpty ? "which \(instead)settled \(invoicePhrase(settled))\(completing)"
                    : "which \(instead)settled \(invoicePhrase(settled))\(completing)\(completing.isEmpty ? "" : ",") and went towards \(invoicePhrase(partly))"
                // What it paid beyond what was open: where that went, the sentences on money held
                // or set against an invoice say (`credit.on-account`, `credit.used`).
                let over = overpaid(p)
                if over > 0 {
                    let beyond = Self.paidBeyond(Money(minor: over, currency: p.currency), invoices: applied.count)
                    how = applied.isEmpty ? beyond : how + ", " + beyond
                }
                thankedOneByOne.append(p.order)
                if since.count == 1 {
                    // What it went towards is left to the sentence that says so, when one does;
                    // what it replaced is said here.
                    thankedAlone = (p.order, "\(Money(minor: p.minor, currency: p.currency)) on \(p.date.longDescription)" + (settled.isEmpty && instead.isEmpty && over == 0 ? "" : " (\(how))"))
                }
                return "\(Money(minor: p.minor, currency: p.currency)) on \(p.date.longDescription)" + (applied.isEmpty && over == 0 ? "" : " (\(how))")
            }
            let what = "\(since.count == 1 ? "payment" : "payments") of \(list(each))"
            // Beside a thank-you for their message, a second "Thank you" in a row would jar.
            v["payments.received"] = context.long(ago: since) ? "We received your \(what)."
                : v["last.contact"] == nil ? "Thank you for your \(what)." : "Your \(what) also reached us, for which many thanks."
        }
        return PaymentsThanked(since: since, oneByOne: thankedOneByOne, alone: thankedAlone)
    }

    /// What a payment paid beyond what was open, the rest left on account, in the words every
    /// letter that thanks for it uses: "paying 500.00 GBP more than it had open" (`invoices`:
    /// how many invoices it went to), or, when it went to none, "500.00 GBP more than you owed
    /// us then".
    static func paidBeyond(_ extra: Money, invoices: Int) -> String {
        invoices == 0 ? "\(extra) more than you owed us then" : "paying \(extra) more than \(invoices == 1 ? "it" : "they") had open"
    }

    /// `paidBeyond` for payments thanked for together: what they paid beyond what was open,
    /// per currency; nil when none did.
    static func paidBeyond(_ payments: [Payment], invoices: Int, sheet: BalanceSheet) -> String? {
        var extra: [Currency: Int64] = [:]
        for p in payments { if let over = sheet.overpayments[p.order], over > 0 { extra[p.currency, default: 0] += over } }
        guard !extra.isEmpty else { return nil }
        let sums = extra.keys.sorted().map { Money(minor: extra[$0]!, currency: $0) }
        return sums.count == 1 ? paidBeyond(sums[0], invoices: invoices)
            : invoices == 0 ? "\(list(sums.map(\.description))) more than you owed us then" : "paying \(list(sums.map(\.description))) more than they had open"
    }

    /// Whether letters of `stage` thank for the payments since our last letter
    /// (`payments.received`): all but a thank-you, which has its own words, and a statement.
    static func thanksForPayments(_ stage: LetterStage) -> Bool { stage != .thanks && stage != .statement }

    /// The payment plan over named invoices whose last open invoice payment `p` settled
    /// (`settled`): "the payment plan we agreed on 10 February 2026". A letter that thanks for
    /// that payment says so, as a thank-you would: the plan is behind us. Nil for a plan a
    /// letter already said had run out (`planEndSaid`): it was not kept to the end.
    static func completedPlan(by p: Payment, settled: [String], _ context: LetterContext) -> String? {
        let ledger = context.ledger, sheet = context.sheet, story = context.story
        let plan = story.plans.last { plan in
            !plan.invoices.isEmpty && plan.date < p.date && plan.invoices.contains(where: settled.contains)
                && plan.invoices.allSatisfy { n in
                    ledger.invoiceIndex[n].map { sheet.invoices[$0].open <= 0 && (sheet.invoices[$0].settled.map { $0 <= p.date } ?? false) } ?? false
                }
        }
        guard let plan, !planEndSaid(plan, story: story) else { return nil }
        return "the payment plan we agreed on \(plan.date.longDescription)"
    }
}
