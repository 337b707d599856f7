/// The missed instalments of a plan a ladder letter asks for beside its own amount
/// (`LetterFields.missedInstalmentsField`), for the sentences after the claim is known.
struct MissedInstalmentsAsked {
    /// "that instalment" or "those instalments", said with the letter's amount once it is
    /// known (a demand's includes its claim).
    let sendWith: String?
    /// For a demand's closing, which states what its body asks for (`claim.asked`): their sum
    /// in words, and in one figure when all is in one currency.
    let asked: (words: String, minor: Int64?, currency: Currency)?
}

extension LetterFields {
    /// The sentence that says `invoices` (on hold) are listed but not asked for, and why.
    static func notAskedFor(_ invoices: [Int], _ context: LetterContext) -> String {
        let story = context.story, ledger = context.ledger, disputed = context.disputed, planned = context.planned
        let held = invoices.map { ledger.invoices[$0].number }
        // A query the client raised is theirs; one only noted for the file is not said to be.
        let theirs = held.allSatisfy { story.openDisputes[$0]?.isContact ?? true }
        let query = theirs ? "your query" : "the query"
        let why = invoices.allSatisfy({ disputed.contains(ledger.invoices[$0].number) }) ? "while we settle \(theirs || held.count == 1 ? query : "the queries") about \(held.count == 1 ? "it" : "them")"
            : invoices.allSatisfy({ planned.contains($0) }) ? "as \(held.count == 1 ? "it is" : "they are") covered by our payment plan\(context.plans.several && held.count > 1 ? "s" : "")"
            : "while \(query) is settled or the payment plan runs"
        return "The table also lists \(invoicePhrase(held)); we are not asking for \(held.count == 1 ? "it" : "them") here, \(why)."
    }

    /// `on.hold`: invoices the table shows that are not asked for, as they are in query or in a plan.
    static func onHoldField(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, onHold = context.onHold
        if !onHold.isEmpty && stage != .statement && stage != .dispute && stage != .instalment {
            v["on.hold"] = notAskedFor(onHold, context)
        }
    }

    /// `on.hold` with a plan's missed instalments (and then `total.asked`, `total.heading` and
    /// `invoices.table`). Returns what it asks to be sent beside the letter's own amount.
    static func missedInstalmentsField(_ v: inout [String: String], _ context: LetterContext, heldAhead: String?) -> MissedInstalmentsAsked {
        let stage = context.stage, choice = context.choice, story = context.story, ledger = context.ledger,
            sheet = context.sheet, asOf = context.asOf, open = context.open, chased = context.chased,
            chasedSet = context.chasedSet, currencies = context.currencies, disputed = context.disputed,
            plans = context.plans, plan = context.plan, planned = context.planned, onHold = context.onHold
        // A letter about other invoices that says the plan's invoices are not asked for must
        // not pass over instalments the client has missed: it says which, as the instalment
        // reminder would.
        // Not before the instalment reminder itself would go (`reminder-after` days late): an
        // instalment due on a Sunday is not chased on the Monday.
        // Of every running plan: with two, each is named with what it has fallen behind on.
        // The missed instalments a ladder letter asks for beside its own amount: "that
        // instalment" or "those instalments", said with that amount once it is known (a
        // demand's includes its claim).
        var sendMissedWith: String?
        // The missed instalments asked for beside the letter's own amount, for a demand's
        // closing, which states what its body asks for (`claim.asked`): their sum in words, and
        // in one figure when all is in one currency.
        var missedAsked: (words: String, minor: Int64?, currency: Currency)?
        let asking = stage == .instalment ? [] : plans.askingMissed
        let severalPlans = plans.several
        let missedText: String? = asking.isEmpty ? nil
            : severalPlans ? asking.map { p in "Under \(p.named(in: ledger)), \(p.missedClause())." }.joined(separator: " ")
            : v["plan.next"]
        if let missed = missedText, v["on.hold"] != nil, onHold.contains(where: { planned.contains($0) }) {
            v["on.hold"]! += " " + missed
            // Named, it is asked for: the ladder letter stands in for the instalment reminder
            // (StageChooser, which records the plan's invoices with the letter), so the client
            // gets one letter, not two a week apart.
            if [.reminder, .followUp, .final, .demand].contains(stage) {
                let count = asking.reduce(0) { $0 + $1.overdue.instalments.count }
                let it = count > 1 ? "those instalments" : "that instalment"
                // Not "we are not asking for it here" of the plan's invoices, and then their
                // instalments asked for: they are covered by the plan, and what it has fallen
                // behind on is asked for.
                let inPlan = onHold.filter { planned.contains($0) }, others = onHold.filter { !planned.contains($0) }
                let numbers = inPlan.map { ledger.invoices[$0].number }
                v["on.hold"] = (others.isEmpty ? "" : notAskedFor(others, context) + " ")
                    + "\(numbers.count == 1 ? "Invoice" : "Invoices") \(list(numbers)) \(numbers.count == 1 ? "is" : "are") covered by our payment plan\(severalPlans ? "s" : ""). \(missed)"
                sendMissedWith = it
                // The closing and the heading ask for both, so the client is not left to wonder
                // which is wanted.
                let shortfalls = asking.map { (minor: $0.overdue.shortfall, currency: $0.plan.currency) }
                let curs = Set(shortfalls.map(\.currency))
                let cur = shortfalls[0].currency, shortfall = shortfalls.reduce(Int64(0)) { $0 + $1.minor }
                let sameCurrency = curs == [cur]
                let one = sameCurrency && currencies == [cur] ? chased.reduce(Int64(0)) { $0 + sheet.invoices[$1].owed } : nil
                let owedThere = sameCurrency ? Money(minor: shortfall, currency: cur).description : list(shortfalls.map { Money(minor: $0.minor, currency: $0.currency).description })
                v["total.asked"] = "\(v["total"] ?? "") and the \(owedThere) of \(it)"
                    + (one.map { " (\(Money(minor: $0 + shortfall, currency: cur)) in all)" } ?? "")
                missedAsked = ("the \(owedThere) of \(it)", one.map { $0 + shortfall }, cur)
                v["total.heading"] = totals(chased, ledger: ledger, sheet: sheet, adding: shortfalls)
                v["invoices.table"] = table(open, ledger: ledger, sheet: sheet, asOf: asOf, disputed: disputed, planned: planned, chased: chasedSet, missed: shortfalls, demanded: Set(choice.underDemand.map(\.invoice)), leftovers: Set(choice.leftovers), discounts: Set(choice.discountsAside?.invoices ?? []), promised: context.promised)
            }
        } else if stage == .dispute, let plan, plan.heldByDispute(open: open, disputed: disputed, ledger: ledger) {
            // The plan's invoices now queried are on hold, instalments and all, whether one was
            // missed or the next is still to come: the client is told not to send them.
            let inPlan = open.filter { Set(plan.covered).contains($0) }.map { ledger.invoices[$0].number }
            v["on.hold"] = "While we look into \(inPlan.count == 1 ? "the query" : "the queries"), the instalments of our payment plan for \(invoicePhrase(inPlan)) are on hold too."
        } else if stage == .dispute, let plan, plan.overdue.shortfall > 0 || heldAhead != nil, let missed = v["plan.next"] {
            // A dispute acknowledgement asks for nothing, but it sets out the facts of the
            // account: an instalment missed is one of them, and so is what of the plan now
            // waits with the query, beside what still falls due.
            let inPlan = open.filter { planned.contains($0) }.map { ledger.invoices[$0].number }
            if !inPlan.isEmpty {
                v["on.hold"] = "\(inPlan.count == 1 ? "Invoice" : "Invoices") \(list(inPlan)) \(inPlan.count == 1 ? "is" : "are") covered by our payment plan. " + missed
                    + (heldAhead.map { " " + $0 } ?? "")
            }
        }
        // A plan whose missed instalments a letter since asked for by a date still to come is
        // not asked again (`ClientPlans.askingMissed`), but not passed over as if on track
        // either: that letter is named, with its date.
        if [.reminder, .followUp, .final, .demand].contains(stage), v["on.hold"] != nil {
            for p in plans.running where !asking.contains(where: { $0.plan.order == p.plan.order }) {
                guard p.overdue.shortfall > 0, let l = p.askedFor(in: story, ledger: ledger) else { continue }
                let what = p.overdue.instalments.count > 1 ? "the missed instalments" : "the missed instalment"
                let under = severalPlans ? " of \(p.named(in: ledger))" : ""
                v["on.hold"]! += " My letter of \(context.dated(l)) asked for \(what)\(under), to be sent by \(ledger.settings.replyBy(l.date).longDescription)."
            }
        }
        return MissedInstalmentsAsked(sendWith: sendMissedWith, asked: missedAsked)
    }

    /// `on.hold`: the missed instalments to send with the one amount the letter asks for.
    static func sendMissedWithField(_ v: inout [String: String], _ context: LetterContext, missed: MissedInstalmentsAsked) {
        let sendMissedWith = missed.sendWith
        let stage = context.stage
        // With the one amount the letter asks for: a demand's claim included, not what is open alone.
        if let it = sendMissedWith {
            v["on.hold"]! += " Please send \(it) with the \((stage == .demand ? v["claim.amount"] : nil) ?? v["total"] ?? "") asked for here."
        }
    }

    /// `on.hold`: a promise to pay covers other past-due invoices than those the letter asks
    /// for (`StageChoice.promised`): the letter says what was promised and that it is about
    /// the rest, so the client does not read it as a chase of the money promised.
    static func promisedField(_ v: inout [String: String], _ context: LetterContext) {
        guard let promised = context.choice.promised, let p = promised.note.promise, !promised.invoices.isEmpty else { return }
        let ledger = context.ledger
        let what = p.inAnyCurrency ? "payment" : p.minor.map { "a payment of \(Money(minor: $0, currency: p.currency))" } ?? "payment"
        let towards = "towards \(invoicePhrase(promised.invoices.map { ledger.invoices[$0].number }))"
        // A promise passed on to us (a note for the file) is not the client's word to quote.
        let told = promised.note.isContact
            ? "On \(promised.note.date.longDescription) \(whoSaid(promised.note, in: context.story, files: ledger.files)) told us to expect \(what) by \(p.by.longDescription) \(towards)"
            : "We are expecting \(what) by \(p.by.longDescription) \(towards)"
        let about = context.chased.map { ledger.invoices[$0].number }
        let said = told + "; this letter is about \(invoicePhrase(about)), which \(about.count == 1 ? "is" : "are") past due as well."
        v["on.hold"] = v["on.hold"].map { $0 + " " + said } ?? said
    }

    /// `on.hold`: a formal demand about other invoices still stands.
    static func underDemandField(_ v: inout [String: String], _ context: LetterContext) {
        let choice = context.choice, ledger = context.ledger, chased = context.chased
        // A letter about the client's other invoices after a formal demand says the demand
        // stands for what it demanded, rather than ask for that again as if it had not gone.
        // Each demand for the invoices it named.
        if !choice.underDemand.isEmpty {
            var byDemand: [(day: Day, numbers: [String])] = []
            for u in choice.underDemand {
                let n = ledger.invoices[u.invoice].number
                if let k = byDemand.firstIndex(where: { $0.day == u.demand }) { byDemand[k].numbers.append(n) } else { byDemand.append((u.demand, [n])) }
            }
            byDemand.sort { $0.day < $1.day }
            // Money paid towards what a demand claimed since it went: it stands for what is
            // open now, said with the figure, not for the sum it demanded, and for the interest
            // and compensation it claimed on top, said apart (`DemandStanding`).
            func standing(_ d: (day: Day, numbers: [String])) -> String? {
                let demanded = Set(d.numbers.compactMap { ledger.invoiceIndex[$0] })
                // By its `apply` lines, or by what of it the engine spread oldest first.
                func towards(_ q: Payment) -> Bool {
                    q.date > d.day && (ledger.allocations(of: q).contains { $0.target.map { demanded.contains(Int($0)) } ?? false }
                        || (context.sheet.applied[q.order] ?? []).contains { demanded.contains($0.invoice) })
                }
                let paidSince = context.story.payments.contains(where: towards) || context.story.credits.contains(where: towards)
                guard paidSince else { return nil }
                let sums = Dictionary(grouping: demanded, by: { ledger.invoices[$0].currency }).sorted { $0.key.code < $1.key.code }
                    .map { cur, ids in Money(minor: ids.reduce(Int64(0)) { $0 + context.sheet.invoices[$1].owed }, currency: cur).description }
                let letter = context.story.letters.last { l in l.stage == .demand && l.date == d.day && (l.invoices.isEmpty || d.numbers.contains { l.invoices.contains($0) }) }
                let claim = letter.map { DemandStanding($0, story: context.story, ledger: ledger, sheet: context.sheet).plus } ?? ""
                return "the \(list(sums)) still open on \(d.numbers.count == 1 ? "it" : "them")\(claim)"
            }
            let demands = byDemand.count == 1
                ? "My formal demand of \(byDemand[0].day.longDescription) about \(invoicePhrase(byDemand[0].numbers)) still stands" + (standing(byDemand[0]).map { " for \($0)" } ?? "")
                : "My formal demands of " + list(byDemand.map { d in "\(d.day.longDescription) about \(invoicePhrase(d.numbers))" + (standing(d).map { " (for \($0))" } ?? "") }) + " still stand"
            let said = demands + "; this letter is about \(invoicePhrase(chased.map { ledger.invoices[$0].number })) alone."
            v["on.hold"] = v["on.hold"].map { $0 + " " + said } ?? said
        }
    }
}
