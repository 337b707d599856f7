/// What to do today and why: letters due, promises and instalments coming up or missed, open
/// disputes, and clients gone quiet while owing, most urgent first.
public struct Agenda: Sendable {
    public struct Item: Sendable, Hashable {
        public enum Kind: String, Sendable { case letter, nextStep = "next-step", instalment, promise, dispute, quiet }
        public var kind: Kind
        public var client: String
        /// Higher first.
        public var urgency: Int
        /// The day it concerns (promise date, instalment date…), for ordering equal urgencies.
        public var date: Day
        public var action: String
        public var why: String
    }

    public let asOf: Day
    public let items: [Item]
    /// Days without a note from a client who owes overdue money before they count as gone quiet.
    public static let quietDays = 30
    /// How far ahead promises and instalments are shown.
    public static let horizon = 7

    /// Whether a letter that names promises (7.2) has gone since promise `p`'s day, which named
    /// it broken, or the client has been heard from since (a contact, not a note for the file).
    static func brokenPromiseAnswered(_ p: Promise, story: ClientStory) -> Bool {
        story.contactLetters.contains { $0.date > p.lastDay && LetterFields.namesPromises($0.stage) }
            || story.contacts.contains { $0.date > p.lastDay }
    }

    /// For each story (by index) with a letter today, the other clients with a letter today
    /// to one of its email addresses, and that address: two client companies with one contact
    /// (the same person at both) get two letters from us that day, each about its own account,
    /// which the user may want to say to them, or send together.
    static func lettersToOneAddress(_ stories: [ClientStory], choices: [StageChoice]) -> [Int: (clients: [String], address: String)] {
        var byAddress: [String: [Int]] = [:]
        for k in stories.indices where choices[k].stage != nil {
            let addresses = stories[k].client.email.flatMap(LetterEmail.recipients) ?? []
            for a in Set(addresses.map { $0.address.lowercased() }) { byAddress[a, default: []].append(k) }
        }
        var out: [Int: (clients: [String], address: String)] = [:]
        for (address, ks) in byAddress.sorted(by: { $0.key < $1.key }) where ks.count > 1 {
            for k in ks where out[k] == nil {
                out[k] = (ks.filter { $0 != k }.map { stories[$0].client.id }, address)
            }
        }
        return out
    }

    /// `stories`: `ClientStory.all(ledger, sheet: sheet)` when the caller has them already;
    /// `choices`: with them, `StageChooser.chooseAll(stories, …)`, when the caller has those too;
    /// `refs`: `HeldLetter.Refs(ledger:sheet:)`, when the caller has it.
    public static func build(ledger: Ledger, sheet: BalanceSheet, asOf: Day, quietDays: Int = Agenda.quietDays, stories: [ClientStory]? = nil, choices: [StageChoice]? = nil, refs given: HeldLetter.Refs? = nil) -> Agenda {
        let soon = asOf.adding(days: horizon)
        let stories = stories ?? ClientStory.all(ledger, sheet: sheet)
        let choices = choices ?? StageChooser.chooseAll(stories, ledger: ledger, sheet: sheet)
        // The demands' interest is on what was unpaid each day: traced in one run for all.
        let sheet = LateClaim.traced(sheet, ledger: ledger, stories: stories, choices: choices)
        let sharing = lettersToOneAddress(stories, choices: choices)
        // A letter held for a payment whose ref names an invoice its money did not pay (W425)
        // is not to be sent: read once for all, as a client's may be held by another's payment.
        let refs = given ?? (choices.contains { $0.stage != nil } ? HeldLetter.Refs(ledger: ledger, sheet: sheet) : .none)
        // Each client's items are read from the ledger and that client's story alone: made
        // on every core, in the stories' order.
        @Sendable func itemsOf(_ k: Int) -> [Item] {
            var items: [Item] = []
            let story = stories[k]
            let client = story.client
            let choice = choices[k]
            let plans = ClientPlans(story, ledger: ledger, sheet: sheet)
            let heldBy = choice.stage == nil ? [] : HeldLetter.misdirected(story, ledger: ledger, sheet: sheet, refs: refs)
            if let stage = choice.stage, !heldBy.isEmpty {
                // Held: no letter goes until the user says what the payment paid. The item asks
                // for that, where the letter would have stood.
                for (action, why) in HeldLetter.settling(heldBy, stage: stage, client: client.id, ledger: ledger, sheet: sheet) {
                    items.append(Item(kind: .nextStep, client: client.id, urgency: choice.urgency * 10, date: asOf, action: action, why: why))
                }
            } else if let stage = choice.stage {
                var owed = LetterFields.totals(choice.chased, ledger: ledger, sheet: sheet)
                // A plan offer covers money not yet due as well: the figure says how much is past
                // due (some is: an offer is made only then, 7.2).
                if stage == .planOffer {
                    let past = choice.chased.filter { ledger.invoices[$0].due < asOf }
                    if past.count < choice.chased.count { owed += ", of which " + LetterFields.totals(past, ledger: ledger, sheet: sheet) + " past due" }
                }
                // A letter that asks for a plan's missed instalments too gives the sum of both, as
                // its heading does.
                if [.reminder, .followUp, .final].contains(stage), !choice.alsoAsked.isEmpty {
                    let asking = plans.askingMissed
                    if !asking.isEmpty {
                        let count = asking.reduce(0) { $0 + $1.overdue.instalments.count }
                        owed = LetterFields.totals(choice.chased, ledger: ledger, sheet: sheet, adding: asking.map { (minor: $0.overdue.shortfall, currency: $0.plan.currency) })
                            + " with the plan\(asking.count > 1 ? "s'" : "'s") missed instalment" + (count > 1 ? "s" : "")
                    }
                }
                // A demand claims interest or compensation on top: the figure is what it asks
                // for, as the letter works it out.
                if stage == .demand, let claim = try? LateClaim(invoices: LetterFields.askedBefore(choice.chased, story: story, ledger: ledger, sheet: sheet), ledger: ledger, sheet: sheet, story: story),
                   claim.totals.contains(where: { $0.1 > 0 })
                {
                    owed = LetterFields.totals(choice.chased, ledger: ledger, sheet: sheet, adding: claim.totals.map { (minor: $0.1, currency: $0.0) }) + ", of which \(owed) open"
                }
                // A dispute acknowledgement asks for nothing: the figure is the money on hold.
                if stage == .dispute {
                    let held = story.openDisputes.keys.compactMap { ledger.invoiceIndex[$0] }
                    owed = held.isEmpty ? "" : LetterFields.totals(held, ledger: ledger, sheet: sheet) + " disputed"
                }
                // An instalment reminder asks for the missed instalments, not the plan's balance.
                if stage == .instalment, let plan = plans.active {
                    let missed = plan.overdue.shortfall > 0 ? plan.overdue.shortfall : plan.nextShortfall
                    owed = Money(minor: missed, currency: plan.plan.currency).description
                    // With another plan's missed instalments, asked for in the same letter.
                    let others = plans.askingMissed.filter { $0.plan.order != plan.plan.order }
                    if !others.isEmpty {
                        owed = LetterFields.totals([], ledger: ledger, sheet: sheet, adding: [(minor: missed, currency: plan.plan.currency)] + others.map { (minor: $0.overdue.shortfall, currency: $0.plan.currency) })
                            + " with the other plan's missed instalment" + (others.reduce(0) { $0 + $1.overdue.instalments.count } > 1 ? "s" : "")
                    }
                }
                // A note for the file never moves the ladder, but it may say the letter should
                // not go (the client is in liquidation, a call is planned): point the user to it.
                var why = choice.reason
                if let n = story.notes(after: story.lastLetter).last(where: { $0.channel == .file }) {
                    why += "; read your note for the file of \(n.date) before sending"
                }
                if let shared = sharing[k] {
                    why += "; today's letter to \(LetterFields.list(shared.clients)) goes to the same address (\(shared.address))"
                }
                items.append(Item(kind: .letter, client: client.id, urgency: choice.urgency * 10, date: asOf, action: "send \(choice.article) \(choice.title)" + (owed.isEmpty || stage == .thanks ? "" : " (\(owed))"), why: why))
            }
            // A formal demand whose date has passed is the user's to take further, though a
            // letter about the client's other invoices is due beside it; each such demand
            // standing for open invoices has its own item.
            if choice.demandUnanswered {
                for why in choice.nextSteps.isEmpty ? [choice.reason] : choice.nextSteps {
                    items.append(Item(kind: .nextStep, client: client.id, urgency: 80, date: asOf, action: "decide the next step (a claim, an agency, or a write-off)", why: why))
                }
            }
            // Below the demand minimum the ladder stops at the final notice: what next is yours.
            if choice.stage == nil, choice.belowDemandMinimum != nil {
                items.append(Item(kind: .nextStep, client: client.id, urgency: 80, date: asOf, action: "decide the next step (pursue it yourself, or write it off)", why: choice.reason + (choice.demandAwaited.map { "; \($0)" } ?? "")))
            }
            // A small sum asked for once, and that letter's date passed: no letter threatens over
            // it, and the user writes it off or asks once more. The books' figure, as for a
            // remainder. The reason names the minimum and stops there: the item comes back every
            // day until the user acts, and what the setting does is grammar 3.2's to explain.
            if choice.stage == nil, choice.belowChaseMinimum != nil {
                let numbers = choice.chased.map { ledger.invoices[$0].number }
                items.append(Item(kind: .nextStep, client: client.id, urgency: 15, date: asOf, action: "write off the \(LetterFields.totals(choice.chased, ledger: ledger, sheet: sheet, figure: \.open)) left on \(LetterFields.list(numbers)), or ask for it once more yourself",
                                  why: choice.reason + (choice.demandAwaited.map { "; \($0)" } ?? "")))
            }
            // Word of hard times while our plan offer is still open: no second offer goes, and
            // until the next letter is due the user knows what the ladder is waiting for.
            if choice.stage == nil, let offer = choice.offerAwaited {
                items.append(Item(kind: .nextStep, client: client.id, urgency: 20, date: asOf, action: "await their answer to the payment plan offered on \(offer)", why: choice.reason))
            }
            // Our thank-you told them a payment was made that has come back since, and no letter
            // goes today to say so: the user may tell them before the next one does. Once what
            // it paid is closed again no letter asks for it: money that paid it again is thanked
            // for in the next letter, whenever it goes, which says what it replaced
            // (`payments.received`), a letter today included; when it closed by a credit note or
            // a write-off, no letter will mention it. The item says which, with the next
            // letter's day when one is due, and leaves it to the user.
            if !choice.demandUnanswered, let untold = LetterFields.returnUntold(story, ledger: ledger, sheet: sheet) {
                let amount = Money(minor: untold.payment.minor, currency: untold.payment.currency)
                let told = "payment of \(amount) on \(untold.payment.date) returned unpaid on \(untold.back); our thank-you of \(untold.thanks.date) told them it was paid"
                if let again = untold.paidAgain {
                    let closed = again.invoices.isEmpty ? "" : "; \(LetterFields.invoicePhrase(again.invoices)) \(again.invoices.count > 1 ? "were" : "was") \(again.byPayment ? "paid again" : "settled") \(again.invoices.count > 1 ? "by" : "on") \(again.day)"
                    let thanking = { (stage: LetterStage?) in again.byPayment && (stage.map(LetterFields.thanksForPayments) ?? true) }
                    let next = choice.stage == nil ? choice.nextDate.flatMap { day in thanking(choice.nextStage) ? day : nil } : nil
                    if choice.stage == nil || !thanking(choice.stage) {
                        let telling: ReplacementTelling = next.map(ReplacementTelling.nextLetter) ?? (again.byPayment ? .noLetterDue : .noLetterWill)
                        items.append(Item(kind: .nextStep, client: client.id, urgency: 15, date: asOf, action: "tell them their payment of \(amount) came back, if you wish",
                                          why: told + closed + telling.words))
                    }
                } else if choice.stage == nil {
                    // Only a letter that asks for money says it: not a courtesy note before it.
                    let next = choice.nextDate.flatMap { day in choice.nextStage.map(LetterFields.tellsOfReturns) ?? true ? day : nil }
                    items.append(Item(kind: .nextStep, client: client.id, urgency: 30, date: asOf, action: "tell them their payment of \(amount) came back",
                                      why: told + ": tell them it came back" + (next.map { "; the next letter, from \($0), will say so" } ?? "")))
                }
            }
            // A query about an invoice under a formal demand, settled since by a credit note: the
            // demand's sum no longer stands, and no letter follows a demand to say so (a letter
            // due today names the credit note itself, 7.3).
            if choice.stage == nil {
                for lowered in DemandLoweredByCredit.untold(story, ledger: ledger, sheet: sheet) {
                    let (action, why) = lowered.item(ledger: ledger, sheet: sheet)
                    items.append(Item(kind: .nextStep, client: client.id, urgency: 30, date: lowered.credit.date, action: action, why: why))
                }
            }
            // What is left to write off is what the books have open: a loss of it is written
            // off already (the choice judged the remainder on what the letters asked for).
            if choice.stage == nil && choice.remainder {
                items.append(Item(kind: .nextStep, client: client.id, urgency: 15, date: asOf, action: "write off the \(LetterFields.totals(choice.chased, ledger: ledger, sheet: sheet, figure: \.open)) left, or let it be", why: choice.reason))
            } else if !choice.leftovers.isEmpty {
                // Set aside beside other money chased: no letter asks for it, so the user decides.
                let numbers = choice.leftovers.map { ledger.invoices[$0].number }
                items.append(Item(kind: .nextStep, client: client.id, urgency: 15, date: asOf, action: "write off the \(LetterFields.totals(choice.leftovers, ledger: ledger, sheet: sheet, figure: \.open)) left on \(LetterFields.list(numbers)), or let it be",
                                  why: "less than one unit of its currency left on \(LetterFields.invoicePhrase(numbers)); no letter asks for it"))
            }
            // A query settled days ago whose credit note may still be coming: the reminder
            // waits for it (`StageChoice.creditAwaited`), and recording it is the user's part.
            if choice.stage == nil && !choice.creditAwaited.isEmpty, let from = choice.nextDate {
                let numbers = choice.creditAwaited.map { ledger.invoices[$0].number }
                let settled = from.adding(days: -ledger.settings.cadenceMin)
                items.append(Item(kind: .nextStep, client: client.id, urgency: 30, date: asOf, action: "record any credit note agreed for \(LetterFields.list(numbers))",
                                  why: "the query about \(LetterFields.list(numbers)) was settled on \(settled); a reminder follows from \(from), or once the credit note is recorded"))
            }
            // One figure, the books' as for a remainder: what is still open of the discounts
            // missed, which is what a write-off would take. Part of them written off as a loss
            // already is said, not added beside it. Alone, or set aside from a letter about
            // the client's unpaid work.
            let discounts = choice.stage == nil && choice.discountsOnly ? (choice.chased, choice.reason) : choice.discountsAside.map { ($0.invoices, $0.reason) }
            if let (missed, why) = discounts {
                let lost = missed.contains { sheet.invoices[$0].lost > 0 }
                let what = "the \(LetterFields.totals(missed, ledger: ledger, sheet: sheet, figure: \.open)) still open of early-payment discounts missed" + (lost ? " (the rest of them written off as a loss)" : "")
                items.append(Item(kind: .nextStep, client: client.id, urgency: 15, date: asOf, action: "decide about \(what): write it off, or take it up with them yourself", why: why))
            }
            // Money of theirs on account that no open invoice can take (an overpayment, or a
            // credit note beyond what was open): it is theirs, and sits there unseen until the
            // next invoice, which may never come. Not what they paid on account for work to come
            // (`on-account`, 3.6), held as they asked; nor in a currency in which a formal
            // demand's claim that money may meet is still weighed (`LateClaim.weighedIn`: its
            // own items say what stays theirs). Once the user has acted on it, the
            // item goes: a letter recorded since the money came offered it back (every letter
            // that shows the account says what we hold, `credit.on-account`, but an instalment
            // reminder), or a `refund` since paid some of it back.
            let claimed = LateClaim.weighedIn(story, ledger: ledger, sheet: sheet)
            for (currency, held) in sheet.heldOnAccount(by: client.id) where !claimed.contains(currency) {
                let free = held - (sheet.paidOnAccount[ClientCurrency(client: client.id, currency: currency)] ?? 0)
                guard free > 0, !story.open.contains(where: { ledger.invoices[$0].currency == currency }) else { continue }
                let amount = Money(minor: free, currency: currency)
                let over = story.payments.last { $0.currency == currency && (sheet.overpayments[$0.order] ?? 0) > 0 }
                let beyond = story.credits.last { $0.currency == currency && LetterFields.creditLeftOver($0, sheet: sheet) > 0 }
                if let came = [over, beyond].compactMap({ $0 }).max(by: { ($0.date, $0.order) < ($1.date, $1.order) }) {
                    let offered = story.letters.contains { ($0.date, $0.order) > (came.date, came.order) && $0.stage != .instalment }
                    let refunded = ledger.refunds.contains { $0.client == client.id && $0.currency == currency && ($0.date, $0.order) > (came.date, came.order) }
                    if offered || refunded { continue }
                }
                let came = over.map { p in "their payment of \(Money(minor: p.minor, currency: p.currency)) on \(p.date) was \(Money(minor: sheet.overpayments[p.order]!, currency: currency)) more than they owed" }
                    ?? "money of theirs is held on account"
                items.append(Item(kind: .nextStep, client: client.id, urgency: 15, date: over?.date ?? asOf, action: "refund the \(amount) held on account, or tell them it is kept for their next invoice",
                                  why: "\(came); no open invoice in \(currency.code) takes it"))
            }
            // A demand's invoices paid without the interest or compensation it claimed: the
            // ledger holds no entry for the claim, so whether to pursue it is the user's call.
            // Lowered by a credit note since (what a credit note took off bears none, 7.3): the
            // figure it comes to now, with the one the demand stated, which it did not claim.
            func claim(_ sums: [(Currency, Int64)], of what: String, by demand: LetterSent, stated: [(Currency, Int64)]?) -> String {
                func amounts(_ t: [(Currency, Int64)]) -> String { LetterFields.list(t.map { Money(minor: $0.1, currency: $0.0).description }) }
                guard let stated else { return "the \(amounts(sums)) of \(what) our formal demand of \(demand.date) claimed" }
                return "the \(amounts(sums)) of \(what) that our formal demand of \(demand.date) comes to now (it stated \(amounts(stated)); a credit note has since reduced its invoices)"
            }
            for u in LateClaim.unpaid(story, ledger: ledger, sheet: sheet) {
                var paid = "\(LetterFields.invoicePhrase(u.invoices)) \(u.invoices.count == 1 ? "was" : "were") settled on \(u.cleared) without it"
                var either = ""
                // Money come since a thank-you that said the claim was not covered: it would
                // meet it, but that is for the user to decide, and the client, whom no letter
                // has told of that money, to be told what it covers and what stays theirs.
                if let thanks = u.thanks, !u.heldSince.isEmpty {
                    func amounts(_ t: [(Currency, Int64)]) -> String { LetterFields.list(t.map { Money(minor: $0.1, currency: $0.0).description }) }
                    let left = u.heldSince.compactMap { cur, held in u.short.first { $0.0 == cur }.map { (cur, held - $0.1) } }.filter { $0.1 > 0 }
                    paid += ", as our thank-you of \(thanks.date) told them; the \(amounts(u.heldSince)) of theirs held on account, paid since, would meet it"
                        + (left.isEmpty ? "" : ", leaving \(amounts(left)) theirs")
                    either = "; either way, write to thank them for that payment, saying what it covers and what stays theirs"
                }
                // Above the thank-you due for the same payment: decided first, the thank-you
                // names the claim as the user decided it (recorded, or waived); undecided, it
                // tells the client we will write about it, which this item then says.
                if let thanks = LateClaim.thankYou(after: u.demand, cleared: u.cleared, story: story), u.heldSince.isEmpty {
                    paid += "; our thank-you of \(thanks.date) told them you would write to them about it"
                }
                items.append(Item(kind: .nextStep, client: client.id, urgency: 25, date: u.cleared, action: "decide whether to pursue or waive \(claim(u.short, of: u.what, by: u.demand, stated: u.stated))",
                                  why: "\(paid); to pursue it, record it as an invoice of that sum; to waive it, record that invoice and write it off as waived" + either))
            }
            // A claim a thank-you called covered by money held on account, which no entry
            // records: the books say that money is the client's, and it would pay their next
            // invoice. The user records the claim as an invoice of that sum (7.3).
            // Once later work has taken that money, the claim is still the user's to record, not
            // to pursue or waive as if never paid: the client was told it was covered. Dated on
            // the thank-you's day, the invoice takes that money back, as the letter said.
            // One a thank-you waits for is asked for whenever its invoices were cleared.
            var recording = LateClaim.toRecord(story, ledger: ledger, sheet: sheet)
            if let r = choice.claimToRecord, !recording.contains(where: { $0.demand.order == r.demand.order }) { recording.append(r) }
            for r in recording {
                let action = "record as an invoice\(r.spent.isEmpty ? "" : " dated \(r.thanks.date)") \(claim(r.held, of: r.what, by: r.demand, stated: r.stated))"
                guard r.spent.isEmpty else {
                    let to = LetterFields.invoicePhrase(r.spent)
                    items.append(Item(kind: .nextStep, client: client.id, urgency: 15, date: r.thanks.date, action: action,
                                      why: "our thank-you of \(r.thanks.date) told them it was covered by money of theirs held on account, which has since gone to \(to); dated \(r.thanks.date), the claim takes that money back, as the thank-you told them, and \(to) \(r.spent.count == 1 ? "has" : "have") that much more open; dated later, the claim is left for them to pay"))
                    continue
                }
                let told = r.sinceThanks ? "our thank-you of \(r.thanks.date) went after the invoices were paid, and money of theirs held on account meets it"
                    : "our thank-you of \(r.thanks.date) told them it was covered by what they paid"
                items.append(Item(kind: .nextStep, client: client.id, urgency: 15, date: r.thanks.date, action: action,
                                  why: "\(told); until it is recorded, the books hold that money on account, and it would pay their next invoice"))
            }
            // A plan agreed whose schedule no letter has set out since: the plan offer promised
            // to confirm one in writing, and no letter of the ladder does before the first
            // instalment note (an instalment letter, or a statement, sets out its table). Asked
            // of the user until then, or until the first instalment's date, from which the
            // instalment letters say it; not on a day such a letter goes.
            if choice.stage != .instalment {
                for plan in story.plans {
                    guard let first = plan.instalments.first, asOf < first.date,
                          !story.letters.contains(where: { $0.date >= plan.date && [.instalment, .statement].contains($0.stage) }),
                          PlanProgress.covered(by: plan, story: story, ledger: ledger, sheet: sheet).contains(where: { sheet.invoices[$0].open > 0 }) else { continue }
                    let offer = story.letters.last { $0.stage == .planOffer && $0.date <= plan.date }
                    let schedule = "\(Money(minor: plan.minor, currency: plan.currency)) in \(Plural.count(plan.instalments.count, "instalment")), the first of \(Money(minor: first.minor, currency: plan.currency)) on \(first.date)"
                    items.append(Item(kind: .nextStep, client: client.id, urgency: 30, date: plan.date, action: "confirm in writing the payment plan agreed on \(plan.date): \(schedule)",
                                      why: (offer.map { "our plan offer of \($0.date) said we would confirm a schedule in writing" } ?? "no letter has set out its schedule")
                                          + "; `due letters --statement \(client.id)` writes one with it, which `due sent` records"))
                }
            }
            guard !story.open.isEmpty else { return items }
            // Each plan still running, but the one an instalment reminder today is about.
            // An instalment still to come (not missed before its last day, 3.10).
            func expected(_ i: Instalment, _ amount: Money, of plan: PlanProgress) -> Item {
                Item(kind: .instalment, client: client.id, urgency: 35, date: i.date, action: "expect an instalment of \(amount) on \(i.date)" + (i.lastDay == i.date ? "" : " (no working day: it can arrive until \(i.lastDay))"), why: "payment plan of \(plan.plan.date)")
            }
            let spoken = choice.stage == .instalment ? plans.active?.plan.order : nil
            for plan in plans.running where plan.plan.order != spoken {
                // A plan whose open invoices are all in dispute waits on the dispute, listed below.
                // So does what is left of one partly in dispute, once only money in query is left
                // to meet its instalments (7.2).
                guard !plan.heldByDispute(open: story.open, disputed: Set(story.openDisputes.keys), ledger: ledger), let next = plan.next, plan.nextShortfall > 0 else { continue }
                let amount = Money(minor: plan.nextShortfall, currency: plan.plan.currency)
                // The plan's own date is said; missed and late are read from the last day its
                // money could arrive (`Instalment.lastDay`), as for a promise.
                let d = next.instalment.date
                let overdue = plan.overdue
                // A plan whose every date has passed unpaid runs out as the stage chooser judges
                // it (`PlanProgress.ending`): once the date of the letter that chased it since has
                // passed, its invoices go back to the ladder, or, after a final notice that asked
                // for its instalments, to the formal demand. Until then it is still running, and
                // what follows is said as the letters will take it, not left to the user.
                // Money a query held, settled since, was not missed (7.2): said apart, as the
                // letters say it, released by the query and to be paid by the date the letter
                // about the plan since gave, or not yet asked for; once that date has passed
                // unpaid, late from it, not from the instalments' own dates.
                let cur = plan.plan.currency
                var released = ""
                var releasedOn: Day?
                var missedSum = overdue.shortfall
                let held = plan.heldByQuery(open: story.open, sheet: sheet, ledger: ledger)
                let heldSum = held.reduce(Int64(0)) { $0 + $1.unpaid }
                if heldSum > 0, let day = held.map(\.released).max() {
                    // The first letter about the plan since: the date it gave is the one the
                    // money was asked for by.
                    let asker = story.letters.first { l in
                        l.date >= day && plan.askedForPlan(in: l, ledger: ledger)
                    }
                    missedSum -= heldSum
                    releasedOn = day
                    released = "\(Money(minor: heldSum, currency: cur)) released from the query on \(day), " + (asker.map { l in
                        let by = plan.dateGiven(by: l, ledger: ledger, sheet: sheet)
                        return "\(asOf <= by ? "now to be paid" : "not received") by \(by), the date our \(l.stage.title) of \(l.date) gave"
                    } ?? "not yet asked for")
                }
                var then = ""
                if plan.lapsed, let e = plan.ending {
                    let numbers = plan.covered.filter { story.open.contains($0) }.map { ledger.invoices[$0].number }
                    // A letter before the query was settled asked only for what was missed.
                    let what = releasedOn.map { e.letter.date < $0 } == true ? "the \(Money(minor: missedSum, currency: cur))" : overdue.instalments.count > 1 ? "them" : "it"
                    then = "; every date of the plan has passed, and our \(e.letter.stage.title) of \(e.letter.date) asked for \(what) by \(e.from.adding(days: -1)): unpaid by then, "
                        + (e.warned ? "the formal demand that may follow takes in \(LetterFields.invoicePhrase(numbers))" : "the next letter asks for \(LetterFields.invoicePhrase(numbers)) \(numbers.count == 1 ? "itself" : "themselves")")
                } else if plan.lapsed {
                    then = "; every date of the plan has passed"
                }
                // What was missed, with how long since the first of the instalments it is of:
                // none of it when all was held.
                let missedOf = overdue.instalments.filter { i in
                    (plan.owedInstalments.first { $0.instalment.date == i.date }?.unpaid ?? 0) > (held.first { $0.instalment.date == i.date }?.unpaid ?? 0)
                }
                let late = Plural.count(asOf.days(since: released.isEmpty ? next.instalment.lastDay : missedOf.first?.lastDay ?? next.instalment.lastDay), "day")
                // A letter since the first missed date that asked for it by a day still to come
                // (an instalment reminder) is running: the item says so, and waits on it, rather
                // than calling the money late while the letter gives the client until then. (A
                // plan run out says what the letter asked in `then`.)
                let chasing = released.isEmpty && !plan.lapsed ? overdue.instalments.first.flatMap { first in
                    story.letters.last { l in
                        l.date > first.lastDay && plan.askedForPlan(in: l, ledger: ledger)
                    }.map { l in (letter: l, by: plan.dateGiven(by: l, ledger: ledger, sheet: sheet)) }.flatMap { asOf <= $0.by ? $0 : nil }
                } : nil
                // The letter that puts the plan in default if nothing comes (3.10) says so.
                let numbers = plan.covered.filter { story.open.contains($0) && story.openDisputes[ledger.invoices[$0].number] == nil }.map { ledger.invoices[$0].number }
                let defaults = plan.ending.map { e in !plan.lapsed && chasing?.letter.order == e.letter.order } == true && !numbers.isEmpty
                    ? ": unpaid by then, with no word from them, the plan is in default, and the next letter asks for \(LetterFields.invoicePhrase(numbers)) \(numbers.count == 1 ? "itself" : "themselves")" : ""
                let running = chasing.map { "our \($0.letter.stage.title) of \($0.letter.date) asks for \(overdue.instalments.count > 1 ? "them" : "it") by \($0.by)" + defaults }
                let part = released.isEmpty || missedSum <= 0 ? ""
                    : missedOf.count > 1 ? "\(Money(minor: missedSum, currency: cur)) of \(missedOf.count) instalments not received, the first after \(late)"
                    : "\(Money(minor: missedSum, currency: cur)) of the instalment due \(missedOf.first.map { "\($0.date)" } ?? "") not received after \(late)"
                // Instalments paid on time by a payment that came back since (3.6) did arrive:
                // said as what became of them, not as never received, with what of them has
                // been paid since; money a query held is said as above.
                let back = released.isEmpty ? LetterFields.instalmentsUnpaidAgain(of: plan, story: story, ledger: ledger) : [:]
                let notReceived = PlanProgress.notReceived(overdue.instalments, returned: back, currency: cur, asOf: asOf)
                if overdue.instalments.count > 1 {
                    let total = Money(minor: overdue.shortfall, currency: plan.plan.currency)
                    let action = "check for \(total) of instalments due \(overdue.instalments.map { "\($0.date)" }.joined(separator: " and "))"
                    let missedSaid = running ?? (released.isEmpty ? notReceived : part)
                    items.append(Item(kind: .instalment, client: client.id, urgency: running == nil ? 55 : 35, date: d, action: action, why: [missedSaid, released].filter { !$0.isEmpty }.joined(separator: "; ") + then))
                } else if plan.missed {
                    let missedSaid = running ?? (released.isEmpty ? notReceived : part)
                    items.append(Item(kind: .instalment, client: client.id, urgency: running == nil ? 55 : 35, date: d, action: "check for the instalment of \(amount) due \(d)", why: [missedSaid, released].filter { !$0.isEmpty }.joined(separator: "; ") + then))
                } else if d <= soon {
                    items.append(expected(next.instalment, amount, of: plan))
                }
                // One falling due within the days ahead is expected beside those missed: the
                // client may send both, and the user looks for both.
                if plan.missed, !plan.lapsed, let coming = plan.upcoming, coming.instalment.date <= soon {
                    items.append(expected(coming.instalment, Money(minor: coming.unpaid, currency: cur), of: plan))
                }
            }
            // A promise still to be kept: not one whose money has all arrived, nor one made by a
            // client who owes nothing now; for one part paid, what is still to come.
            if let n = story.latestPromise, let p = n.promise, p.lastDay >= asOf, p.lastDay <= soon, !story.open.isEmpty {
                let outcome = PromiseOutcome(note: n, promise: p, payments: story.payments, asOf: asOf, ledger: ledger, owing: (story, sheet))
                let currency = outcome.currency
                if !outcome.isMet {
                    // No more than is owed in that currency, out of dispute, of the work it is
                    // about (as the aging and the forecast count it): a promise of more is not
                    // expected in full.
                    let owed = story.open.filter { ledger.invoices[$0].currency == currency && story.openDisputes[ledger.invoices[$0].number] == nil && outcome.scope.contains($0, ledger: ledger) }
                        .reduce(Int64(0)) { $0 + sheet.invoices[$1].open }
                    // The promise is named by the amount the client gave, as the letters and the
                    // item that checks on it after its day name it; when that is more than is
                    // open, what is expected of it is said apart.
                    let what: String
                    if let wanted = p.minor, owed > 0, owed < wanted - outcome.received {
                        what = "\(Money(minor: owed, currency: currency)) of the \(Money(minor: wanted, currency: currency))"
                    } else if let wanted = p.minor, outcome.received > 0 {
                        what = "the remaining \(Money(minor: wanted - outcome.received, currency: currency)) of the \(Money(minor: wanted, currency: currency))"
                    } else {
                        what = "the payment" + (p.minor.map { " of \(Money(minor: $0, currency: currency))" } ?? "")
                    }
                    items.append(Item(kind: .promise, client: client.id, urgency: 35, date: p.by, action: "expect \(what) promised for \(p.by)" + (p.lastDay == p.by ? "" : " (no working day: it can arrive until \(p.lastDay))"), why: "promised on \(n.date)" + (n.firstSaid == nil ? "" : ": \(n.gist(in: ledger.files))")))
                }
            }
            // A promise broken, with no letter to send yet (the ladder waits its days): the
            // user may want to ring rather than wait for the follow-up. Shown until the letter
            // that names it goes, or the client is heard from, however long the ladder waits
            // (a final notice's date, a bank holiday), so no day between reads "nothing to do";
            // with no letter to come, for the days after it alone. One broken after a formal
            // demand is named in the demand's next step, and only there.
            if choice.stage == nil, !choice.promiseInNextStep, let n = story.latestPromise, let p = n.promise, p.lastDay < asOf, !story.open.isEmpty,
               asOf.days(since: p.lastDay) <= horizon || (choice.nextDate != nil && !Self.brokenPromiseAnswered(p, story: story)) {
                let outcome = PromiseOutcome(note: n, promise: p, payments: story.payments, asOf: asOf, ledger: ledger, owing: (story, sheet))
                if outcome.isOutstanding {
                    let what = p.minor.map { "the payment of \(Money(minor: $0, currency: outcome.currency))" } ?? "the payment"
                    let next = choice.nextDate.map { "; the next letter is due on \($0)" } ?? ""
                    // Part of it may have come, by the day or since: what came by the day and
                    // what came after it, each apart, and what is still to come, not "it has not
                    // arrived".
                    let state = outcome.receivedToDate == 0 ? LetterFields.returnedWords(outcome, story: story, ledger: ledger) ?? "it has not arrived"
                        : outcome.shortfall.map { "\(outcome.arrivals(returned: LetterFields.returnedBack(outcome, story: story, ledger: ledger))), \(Money(minor: $0, currency: outcome.currency)) still to come" } ?? "it has not arrived"
                    items.append(Item(kind: .promise, client: client.id, urgency: 40, date: p.by, action: "check on \(what) promised for \(p.by): \(state)", why: "promised on \(n.date)" + next))
                }
            }
            for (number, note) in story.openDisputes.sorted(by: { $0.key < $1.key }) where choice.stage != .dispute {
                let text = note.disputes.last { $0.invoice == number }?.text
                let why = "open for \(asOf.days(since: note.date)) days" + (text.map { ": \($0)" } ?? "")
                // Holding the ladder for the client's other money, it comes first: we owe them
                // our proposal before any final notice or demand (7.2, `FinalHold.query`).
                if case .query = choice.held {
                    let next = choice.stage == nil && choice.nextStage == .demand ? "formal demand" : "final notice"
                    let others = LetterFields.list(choice.chased.map { ledger.invoices[$0].number })
                    items.append(Item(kind: .dispute, client: client.id, urgency: 55, date: note.date, action: "propose a way forward on the dispute on \(number) first",
                                      why: why + "; no \(next) about \(others) goes until it is resolved"))
                } else {
                    items.append(Item(kind: .dispute, client: client.id, urgency: 45, date: note.date, action: "resolve the dispute on \(number)", why: why))
                }
            }
            // Gone quiet: overdue money we are not already writing about, and no word or payment
            // from them for a while (counted from the due date when that is later).
            let held = plans.covered.union(story.open.filter { story.openDisputes[ledger.invoices[$0].number] != nil })
            let overdue = story.open.filter { ledger.invoices[$0].due < asOf && !held.contains($0) && !choice.leftovers.contains($0) && !(choice.discountsAside?.invoices.contains($0) ?? false) }
            // Not while a promise they made is still to come due: they have spoken, and we wait.
            let promiseLive = story.latestPromise.map { n in
                n.promise!.lastDay >= asOf && !PromiseOutcome(note: n, promise: n.promise!, payments: story.payments, asOf: asOf, ledger: ledger, owing: (story, sheet)).isMet
            } ?? false
            // Nor while the date our last letter asked for a reply by is still to come: we have
            // spoken, and a call now would undercut the letter.
            let letterLive = story.letters.last.flatMap { StageChooser.dayAfterReply(to: $0, ledger.settings) }.map { asOf < $0 } ?? false
            if !overdue.isEmpty, choice.stage == nil, !choice.demandUnanswered, choice.belowDemandMinimum == nil, choice.belowChaseMinimum == nil, !choice.remainder, !choice.discountsOnly, !promiseLive, !letterLive {
                var since = overdue.map { ledger.invoices[$0].due }.min()!
                let fellDue = since
                // What the count starts from, said as it is: the last thing heard from them, a
                // word or a payment, as the letters name it (`ClientStory.lastHeard`: of a call
                // and a payment on one day, the one written last), or the day the money fell due
                // when they have said and paid nothing since.
                var from = "since the money fell due on \(since)"
                if let heard = story.lastHeard, heard.date > since {
                    since = heard.date
                    switch heard {
                    case .contact: from = "since their last word on \(since)"
                    case .plan: from = "since the payment plan agreed on \(since)"
                    case .payment, .returned: from = "since their \(Self.lastPaymentWords(heard))"
                    }
                }
                let silent = asOf.days(since: since)
                if silent >= quietDays {
                    // The books' figure, as the aging beside it counts it.
                    let owed = LetterFields.totals(overdue, ledger: ledger, sheet: sheet, figure: \.open)
                    // Counted from the day the money fell due, a word or payment before it is
                    // named: "no word or payment for 36 days" would read as a payment 36 days ago.
                    let before = since == fellDue
                        ? [story.contacts.last.map { "last word on \($0.date)" }, story.lastPaid.map(Self.lastPaymentWords)].compactMap { $0 } : []
                    let quiet = before.isEmpty ? "no word or payment for \(silent) days (\(from))"
                        : "no word or payment \(from), \(silent) days ago (\(before.joined(separator: ", ")))"
                    // What comes next, and when, as the stage chooser has it: the call is beside
                    // it, not instead of it.
                    let next = choice.nextDate == nil ? "" : "; \(choice.reason)"
                    items.append(Item(kind: .quiet, client: client.id, urgency: 40, date: since, action: "call them: gone quiet", why: "\(quiet) while \(owed) is overdue\(next)"))
                }
            }
            return items
        }
        var items = Array(SideBySide.map(stories.count, itemsOf).joined())
        items.sort { ($1.urgency, $0.date, $0.client, $0.kind.rawValue) < ($0.urgency, $1.date, $1.client, $1.kind.rawValue) }
        return Agenda(asOf: asOf, items: items)
    }

    /// A payment as the gone-quiet item names it: "last payment on 2026-05-05", with ",
    /// returned unpaid on 2026-05-19" when it came back (3.6): the client acted then, but no
    /// money came of it.
    static func lastPaymentWords(_ paid: ClientStory.Reply) -> String {
        switch paid {
        case .returned(let p, let back): "last payment on \(p.date), returned unpaid on \(back)"
        case .payment(let p): "last payment on \(p.date)"
        case .contact(let n): "last word on \(n.date)"
        case .plan(let p): "payment plan agreed on \(p.date)"
        }
    }
}

/// Renders an agenda as plain text (for the terminal) or Markdown (for `studio.agenda.md`).
public enum AgendaRenderer {
    public enum Format: String, Sendable, CaseIterable { case text, markdown, json }

    public static func render(_ agenda: Agenda, format: Format, ledgerName: String) -> String {
        switch format {
        case .text:
            var s = "Agenda for \(agenda.asOf.longDescription) (\(ledgerName))\n\n"
            if agenda.items.isEmpty { return s + "Nothing to do today.\n" }
            let width = (agenda.items.map { DisplayWidth.of($0.client) }.max() ?? 0) + 2
            let number = String(agenda.items.count).count
            for (k, item) in agenda.items.enumerated() {
                let n = String(k + 1)
                let lead = String(repeating: " ", count: number - n.count) + n + ". "
                s += lead + item.client.padded(width) + item.action + "\n"
                s += String(repeating: " ", count: lead.count + width) + item.why + "\n"
            }
            return s
        case .markdown:
            var s = "# Agenda for \(agenda.asOf.longDescription)\n\n"
            if agenda.items.isEmpty { return s + "Nothing to do today.\n" }
            s += "| # | Client | What to do | Why |\n| ---: | --- | --- | --- |\n"
            for (k, item) in agenda.items.enumerated() {
                s += "| \(k + 1) | \(cell(item.client)) | \(cell(item.action)) | \(cell(item.why)) |\n"
            }
            return s
        case .json:
            // For scripts and dashboards: the same items in the same order, each with its kind
            // and the day it concerns.
            return JSONValue.object([
                ("asOf", .string("\(agenda.asOf)")),
                ("ledger", .string(ledgerName)),
                ("items", .array(agenda.items.map { item in
                    .object([
                        ("kind", .string(item.kind.rawValue)), ("client", .string(item.client)), ("urgency", .int(Int64(item.urgency))),
                        ("date", .string("\(item.date)")), ("action", .string(item.action)), ("why", .string(item.why)),
                    ])
                })),
            ]).render(newline: true)
        }
    }

    static func cell(_ text: String) -> String { ReportTable.markdownCell(text) }
}

/// Which letter, if any, will tell the client of the money that replaced a payment that came
/// back: the agenda's item ends by saying so, so the user knows whether to tell them first.
private enum ReplacementTelling {
    /// The next letter, due from that day, thanks them for the money that replaced it.
    case nextLetter(Day)
    /// Money paid it again, but no letter is due that would thank them for it.
    case noLetterDue
    /// A credit note or a write-off closed it: no letter thanks anyone for that.
    case noLetterWill

    var words: String {
        switch self {
        case .nextLetter(let day): ": the next letter, from \(day), will say so when it thanks them for the payment that replaced it"
        case .noLetterDue: ": no letter is due to mention it; tell them yourself if you wish"
        case .noLetterWill: ": no letter will mention it; tell them yourself if you wish"
        }
    }
}

extension String {
    /// The text and the spaces that bring it to `width` columns as a terminal draws it (at
    /// least one).
    func padded(_ width: Int) -> String { self + String(repeating: " ", count: max(1, width - DisplayWidth.of(self))) }
}
