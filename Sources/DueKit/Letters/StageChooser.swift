/// Decides, for each client on the as-of date, whether a letter is due and which stage, following
/// the collections ladder in grammar.md §7. Pure: the same ledger and date give the same choice.
public enum StageChooser {
    /// Thanks are offered only this many days after the last invoice was settled.
    public static let thanksWindow = 30

    /// One choice per client, in client-id order.
    public static func chooseAll(_ ledger: Ledger, sheet: BalanceSheet) -> [StageChoice] {
        chooseAll(ClientStory.all(ledger, sheet: sheet), ledger: ledger, sheet: sheet)
    }

    /// One choice per story, in the stories' order.
    public static func chooseAll(_ stories: [ClientStory], ledger: Ledger, sheet: BalanceSheet) -> [StageChoice] {
        let sheet = withPlanLettersTraced(stories, ledger: ledger, sheet: sheet)
        return SideBySide.map(stories.count) { choose(stories[$0], ledger: ledger, sheet: sheet) }
    }

    /// `sheet` with the history of the invoices of every client with an instalment letter
    /// that may have given an instalment's own date (`PlanProgress.dateGiven`, which reads how
    /// the plan stood on the letter's day), traced in one run: each such client read the
    /// whole ledger again for itself.
    static func withPlanLettersTraced(_ stories: [ClientStory], ledger: Ledger, sheet: BalanceSheet) -> BalanceSheet {
        let s = ledger.settings
        var wanted: [Int] = []
        for story in stories where !story.plans.isEmpty {
            let courtesy = story.letters.contains { l in story.plans.contains { PlanProgress.mayGiveInstalmentDate(l, plan: $0, s) } }
            if courtesy { wanted += story.issued }
        }
        return sheet.tracing(wanted, in: ledger)
    }

    public static func choose(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> StageChoice {
        let id = story.client.id
        let asOf = story.asOf
        // One letter a day: a second drafted on the day one was recorded could not be recorded
        // after it (`due sent` takes only letters later than the last), and what happened that
        // day is answered by the next.
        if let last = story.lastLetter, last.date >= asOf {
            var c = StageChoice(client: id, stage: nil, reason: "our \(last.stage.title) went on \(last.date)")
            // A formal demand left unanswered is still the user's to take further that day:
            // its next step stays on the agenda whatever letter went about other work.
            if story.letters.contains(where: { $0.stage == .demand && $0.date < asOf }) {
                let standing = chooseAnyDay(story, ledger: ledger, sheet: sheet)
                if standing.demandUnanswered {
                    c.demandUnanswered = true
                    c.nextSteps = standing.nextSteps.isEmpty ? [standing.reason] : standing.nextSteps
                    c.promiseInNextStep = standing.promiseInNextStep
                }
            }
            return c
        }
        return chooseAnyDay(story, ledger: ledger, sheet: sheet)
    }

    /// `choose` but for the rule of one letter a day.
    private static func chooseAnyDay(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> StageChoice {
        let id = story.client.id
        let s = ledger.settings
        let asOf = story.asOf
        if story.open.isEmpty { return thanksOrNothing(story, ledger: ledger, sheet: sheet) }
        // Everything our letters asked for paid, and only work invoiced since and not yet due
        // open: the thanks go as promptly as with nothing open. A thank-you asks for nothing,
        // so an invoice issued the day after the payment does not take them away (7.1).
        if story.openDisputes.isEmpty, story.open.allSatisfy({ ledger.invoices[$0].due >= asOf }) {
            let thanks = thanksOrNothing(story, ledger: ledger, sheet: sheet)
            if thanks.stage == .thanks { return thanks }
        }

        // An open dispute is acknowledged once, before anything else is said.
        let disputes = story.openDisputes.sorted { ($0.value.date, $0.value.order, $0.key) < ($1.value.date, $1.value.order, $1.key) }
        // The last letter acknowledging a dispute, found once for all of them.
        let lastDisputeLetter = story.letters.last { $0.stage == .dispute }.map { ($0.date, $0.order) }
        for (number, note) in disputes {
            let acknowledged = lastDisputeLetter.map { $0 > (note.date, note.order) } ?? false
            if !acknowledged {
                var c = StageChoice(client: id, stage: .dispute, reason: "disputed invoice \(number) on \(note.date); acknowledge it and set out the facts")
                // The letter is about the disputed invoices: those are what `due sent` records it
                // as naming, and what later letters and a demand's history say it was about.
                let held = Set(story.openDisputes.keys)
                let about = story.open.filter { held.contains(ledger.invoices[$0].number) }
                c.chased = about.isEmpty ? story.open : about
                return c
            }
        }
        let disputed = Set(disputes.map(\.key))

        // A cash-flow difficulty since the last letter calls for a plan, unless one was offered or
        // agreed. A dispute acknowledgement sent since does not answer it: a client who raised
        // both in one call is still offered the plan.
        // A plan offered for this same money and not taken up is still open (the letters say
        // so, `plan.offered`): word of hard times since does not bring the same offer again, but
        // the ladder's next letter, which recalls it, and the agenda says it awaits an answer.
        // A plan is offered for money past due now, so only word of hard times since the oldest
        // of it was issued calls for one (as the letters read it, `hardshipNotes`): not word
        // about work since paid, with nothing past due or only work invoiced after it.
        var offerAwaited: (offer: LetterSent, told: String)?
        let pastDue = story.open.filter { ledger.invoices[$0].due < asOf && !disputed.contains(ledger.invoices[$0].number) }
        if let oldest = pastDue.map({ ledger.invoices[$0].issued }).min(),
           let h = story.notes(after: story.letters.last { $0.stage != .dispute }).last(where: { $0.hardship != nil && $0.date >= oldest })
        {
            let told = h.isContact ? "told us of a cash-flow difficulty on \(h.date)" : "a cash-flow difficulty noted for the file on \(h.date)"
            offerAwaited = openOffer(story, covering: pastDue, ledger: ledger).map { ($0, told) }
            // Nor for a small sum (`LetterFields.isSmallSum`): spreading 85.00 over months is out
            // of proportion; the ladder's next letter asks when they can pay it instead.
            let offered = story.open.filter { !disputed.contains(ledger.invoices[$0].number) }
            let answered = story.letters.contains { $0.stage == .planOffer && ($0.date, $0.order) > (h.date, h.order) }
                || story.plans.contains { $0.date >= h.date } || offerAwaited != nil
                || LetterFields.isSmallSum(offered, ledger: ledger, sheet: sheet)
            // After a dispute acknowledgement sent since, the offer keeps the fewest days
            // between two letters.
            if !answered, let l = story.lastLetter, (l.date, l.order) > (h.date, h.order), asOf < l.date.adding(days: s.cadenceMin) {
                var c = StageChoice(client: id, stage: nil, reason: "\(told); plan offer from \(l.date.adding(days: s.cadenceMin))")
                c.nextDate = l.date.adding(days: s.cadenceMin)
                return c
            }
            if !answered {
                var c = StageChoice(client: id, stage: .planOffer, reason: "\(told); offer a payment plan")
                c.chased = offered
                c.daysPastDue = maxDaysPast(c.chased, ledger, asOf)
                return c
            }
        }

        let plans = ClientPlans(story, ledger: ledger, sheet: sheet)
        let plan = plans.active
        // Invoices of a plan beside the one spoken of are not chased either.
        let planned = plans.covered
        var chased = story.open.filter { !disputed.contains(ledger.invoices[$0].number) && !planned.contains($0) }
        // A remainder of less than one unit of its currency beside other past-due money is set
        // aside: a letter about the rest does not carry it up the ladder to a final notice, or
        // to a demand claiming compensation on 0.50. Not one a formal demand stands for, which
        // is the user's already; all of them alone are the ladder's to judge (`remainder`).
        let leftovers = chased.filter { i in
            ledger.invoices[i].due < asOf && isRemainder(i, ledger: ledger, sheet: sheet) && !story.letters.contains { l in
                l.stage == .demand && (l.invoices.isEmpty ? l.date > ledger.invoices[i].due : l.invoices.contains(ledger.invoices[i].number))
            }
        }
        if !leftovers.isEmpty, chased.contains(where: { ledger.invoices[$0].due < asOf && !leftovers.contains($0) }) {
            chased.removeAll { leftovers.contains($0) }
        }
        let setAside = chased.contains(where: leftovers.contains) ? [] : leftovers
        // A promise whose day is still ahead holds only the invoices it covers: the client's
        // other past-due money goes on up the ladder as usual, and its letter says what was
        // promised, so the client does not read it as a chase of the promised money (7.2).
        var promised: StageChoice.Promised?
        if let held = pendingPromise(story, chased: chased, ledger: ledger, sheet: sheet),
           chased.contains(where: { ledger.invoices[$0].due < asOf && !held.covered.contains($0) }) {
            chased.removeAll { held.covered.contains($0) }
            promised = StageChoice.Promised(note: held.note, invoices: held.covered.filter { ledger.invoices[$0].due < asOf })
        }
        func withLeftovers(_ c: StageChoice) -> StageChoice {
            var c = c
            c.leftovers = setAside
            if let stage = c.stage, [.reminder, .followUp, .final, .demand].contains(stage) { c.promised = promised }
            if let (offer, told) = offerAwaited {
                c.reason += "; \(told), and the payment plan offered on \(offer.date) still awaits their answer"
                c.offerAwaited = offer.date
            }
            return c
        }
        var waiting: StageChoice?
        // A plan whose open invoices are all in dispute is on hold with them: no instalment is
        // chased while we look into the query (DOMAIN: stop chasing a disputed invoice).
        let planHeld = plan?.heldByDispute(open: story.open, disputed: disputed, ledger: ledger) ?? false
        if !chased.isEmpty {
            var choice = ladder(story, chased: chased, ledger: ledger, sheet: sheet)
            // A final notice over less than the demand minimum warns of no demand: none follows.
            if choice.stage == .final { choice.belowDemandMinimum = belowDemandMinimum(choice.chased, ledger: ledger, sheet: sheet)?.minimum }
            // A courtesy note is no chase: on a day an instalment reminder is due, the reminder
            // goes instead (its table lists the invoice falling due), rather than a note that
            // speaks of the plan as if nothing were missed.
            let givesWay = choice.stage == .courtesy && plan.map { p in
                !planHeld && instalment(story, plan: p, ledger: ledger, sheet: sheet)?.stage == .instalment
            } == true
            if let stage = choice.stage, !givesWay {
                // A letter on the ladder that asks for the plan's missed instalments too
                // (`on.hold`) is recorded with the plan's invoices, so the next letter about
                // them follows on from it. Not a demand: what it claims is on its own invoices,
                // and the plan's are not demanded by asking for an instalment beside them.
                if [.reminder, .followUp, .final].contains(stage) {
                    let its = Set(plans.askingMissed.flatMap(\.covered))
                    choice.alsoAsked = story.open.filter { its.contains($0) && !disputed.contains(ledger.invoices[$0].number) }
                }
                if [.reminder, .followUp].contains(stage) && choice.alsoAsked.isEmpty { asksOnlyDiscounts(&choice, story: story, ledger: ledger, sheet: sheet) }
                if (stage.rung ?? 0) >= 1, let why = inDefault(story, chased: choice.chased, ledger: ledger, sheet: sheet) { choice.reason = why + "; " + choice.reason }
                return withLeftovers(choice)
            }
            if !givesWay { waiting = withLeftovers(choice) }
        }
        if let plan, !planHeld, var choice = instalment(story, plan: plan, ledger: ledger, sheet: sheet) {
            // An instalment reminder that must wait does not hide what the ladder is waiting on
            // (an unanswered formal demand above all).
            if choice.stage == nil, let waiting { return waiting }
            // It asks for the past-due invoices outside the plan too (`plan.outside`).
            choice.alsoAsked = chased.filter { ledger.invoices[$0].due < story.asOf }
            // And another plan's missed instalments (`plan.others`): recorded with its invoices.
            if choice.stage == .instalment {
                let others = Set(plans.askingMissed.filter { $0.plan.order != plan.plan.order }.flatMap(\.covered))
                choice.alsoAsked += story.open.filter { others.contains($0) && !choice.chased.contains($0) }
            }
            return withLeftovers(choice)
        }
        if let waiting { return waiting }
        var parts: [String] = []
        if !disputed.isEmpty { parts.append("invoice\(disputed.count == 1 ? "" : "s") \(disputed.sorted().joined(separator: ", ")) on hold while disputed") }
        if let plan {
            if plan.next != nil, plan.nextShortfall == 0 {
                parts.append("on a payment plan; what is left to pay of it is on hold with a query")
            } else if let next = plan.next {
                let i = next.instalment
                parts.append("on a payment plan; next instalment \(Money(minor: plan.nextShortfall, currency: plan.plan.currency)) on \(i.date)" + (i.lastDay == i.date ? "" : " (no working day: it can arrive until \(i.lastDay))"))
            } else {
                parts.append("on a payment plan")
            }
        }
        var c = StageChoice(client: id, stage: nil, reason: parts.isEmpty ? "nothing to chase" : parts.joined(separator: "; "))
        if let plan, let next = plan.next, !plan.missed { c.nextDate = next.instalment.lastDay.adding(days: s.reminderAfter) }
        return withLeftovers(c)
    }

    /// What a formal demand about `invoices` would ask for (their `owed`, as the letters ask
    /// for it) and the `demand-minimum` it falls below, when it falls below the minimum of
    /// each of its currencies; nil when no minimum is set for one of them, or one is reached.
    static func belowDemandMinimum(_ invoices: [Int], ledger: Ledger, sheet: BalanceSheet) -> (asked: Money, minimum: Money)? {
        let s = ledger.settings
        guard !s.demandMinimums.isEmpty else { return nil }
        return below(s.demandMinimum(in:), invoices, ledger: ledger, sheet: sheet)
    }

    /// What the letters ask for of `invoices` (their `owed`) and the `chase-minimum` it falls
    /// below, when every one of them has had money paid towards it and the sum falls below the
    /// minimum of each of its currencies; nil when one reaches its own, or has none
    /// (`chase-minimum 0`), or when any invoice has had nothing paid towards it. The minimum is
    /// for shortfalls (a bank's fee, a rounding): an invoice the client has paid nothing of,
    /// however small, is a whole debt ignored, and the ladder runs for it as ever (only the
    /// `demand-minimum` stops a demand for it). A credit note or a sum waived is no payment.
    static func belowChaseMinimum(_ invoices: [Int], ledger: Ledger, sheet: BalanceSheet) -> (asked: Money, minimum: Money)? {
        guard invoices.allSatisfy({ sheet.invoices[$0].paid > 0 }) else { return nil }
        return below(ledger.settings.chaseMinimum(in:), invoices, ledger: ledger, sheet: sheet)
    }

    /// What the letters ask for of `invoices` (their `owed`, the first currency's) and its
    /// `minimum`, when the sum in each currency falls below that currency's; nil when there are
    /// none, or one has no minimum or reaches it.
    private static func below(_ minimum: (Currency) -> Money?, _ invoices: [Int], ledger: Ledger, sheet: BalanceSheet) -> (asked: Money, minimum: Money)? {
        guard !invoices.isEmpty else { return nil }
        var sums: [Currency: Int128] = [:]
        for i in invoices { sums[ledger.invoices[i].currency, default: 0] += Int128(sheet.invoices[i].owed) }
        var first: (asked: Money, minimum: Money)?
        for (currency, sum) in sums.sorted(by: { $0.key < $1.key }) {
            guard let least = minimum(currency), sum < Int128(least.minor) else { return nil }
            if first == nil { first = (Money(minor: Int64(sum), currency: currency), least) }
        }
        return first
    }

    /// The invoices among `invoices` in a currency whose sum (their `owed`, as the letters ask
    /// for it) is below that currency's `demand-minimum`, when another currency's reaches its
    /// own or has none: a demand goes about the others and asks for these apart. Empty when
    /// none is below, or every one is (`belowDemandMinimum`: then no demand goes at all).
    static func shortOfDemandMinimum(_ invoices: [Int], ledger: Ledger, sheet: BalanceSheet) -> [Int] {
        let s = ledger.settings
        guard !s.demandMinimums.isEmpty, !invoices.isEmpty else { return [] }
        var sums: [Currency: Int128] = [:]
        for i in invoices { sums[ledger.invoices[i].currency, default: 0] += Int128(sheet.invoices[i].owed) }
        let short = Set(sums.compactMap { currency, sum in s.demandMinimum(in: currency).flatMap { sum < Int128($0.minor) ? currency : nil } })
        guard !short.isEmpty, short.count < sums.count else { return [] }
        return invoices.filter { short.contains(ledger.invoices[$0].currency) }
    }

    /// How many of a client's latest invoices paid, all by their due date, leave out the
    /// courtesy note: three in a row show the invoices reach someone who pays them.
    public static let paysOnTimeCount = 3

    /// Whether the client paid each of its last `paysOnTimeCount` invoices settled with money
    /// (the latest by issue) by its due date. One closed by a credit note alone says nothing
    /// of how the client pays.
    static func paysOnTime(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> Bool {
        let paid = story.issued.filter { sheet.invoices[$0].paidUp != nil }
            .sorted { (ledger.invoices[$0].issued, ledger.invoices[$0].order) < (ledger.invoices[$1].issued, ledger.invoices[$1].order) }
            .suffix(paysOnTimeCount)
        return paid.count == paysOnTimeCount && paid.allSatisfy { sheet.invoices[$0].paidUp! <= ledger.invoices[$0].due }
    }

    /// Days a formal demand keeps a later reminder plain though a thank-you closed its
    /// episode: a client who paid only once a demand had gone, within the last year, is not
    /// greeted as if it had not.
    public static let demandRemembered = 365

    /// The final notice or formal demand a reminder follows on from: the last letter on the
    /// ladder we sent the client, when it was one, unless a thank-you since closed its episode
    /// (everything settled, and said so), a formal demand sent within `demandRemembered` days
    /// aside. A reminder after it is plain: not friendly, not hoping all is well (grammar 7.2).
    public static func firmLetterBefore(_ story: ClientStory) -> LetterSent? {
        guard let firm = story.letters.last(where: { ($0.stage.rung ?? 0) >= 1 }), firm.stage == .final || firm.stage == .demand else { return nil }
        let thanked = story.letters.contains { $0.stage == .thanks && ($0.date, $0.order) > (firm.date, firm.order) }
        let remembered = firm.stage == .demand && story.asOf < firm.date.adding(days: demandRemembered)
        return thanked && !remembered ? nil : firm
    }

    /// The final notice or formal demand, the last letter on the ladder we sent the client
    /// (`firmLetterBefore`), that asked for some of `chased` apart (`askedApart`), and those
    /// invoices. The client has been asked for them, firmly and by a date: the next letter
    /// about them continues from that letter with a follow-up, as a reminder starting the
    /// chase again would ask, more kindly, for money already asked for (grammar 7.2).
    static func continued(_ chased: [Int], story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> (letter: LetterSent, apart: [Int])? {
        guard let firm = firmLetterBefore(story) else { return nil }
        let apart = askedApart(by: firm, among: chased, story: story, ledger: ledger, sheet: sheet)
        return apart.isEmpty ? nil : (firm, apart)
    }

    /// The last plan offer, when no plan was agreed since it and it named every invoice in
    /// `invoices`, the past-due ones (one naming none, every invoice issued by its day): an
    /// offer of that same money the client has not taken up. Work not yet due does not make
    /// it another offer: it is not asked for.
    static func openOffer(_ story: ClientStory, covering invoices: [Int], ledger: Ledger) -> LetterSent? {
        guard !invoices.isEmpty, let offer = story.letters.last(where: { $0.stage == .planOffer }),
              !story.plans.contains(where: { $0.date >= offer.date }) else { return nil }
        let covered = invoices.allSatisfy { i in
            offer.invoices.isEmpty ? ledger.invoices[i].issued <= offer.date : offer.invoices.contains(ledger.invoices[i].number)
        }
        return covered ? offer : nil
    }

    /// Marks a reminder or follow-up whose every chased invoice owes only an early-payment
    /// discount missed (`StageChoice.asksOnlyDiscountsMissed`), and says so in its reason: the
    /// user sees before sending that the letter asks for a difference over terms, not for
    /// work unpaid.
    /// Beside unpaid work, notes the work's own letters (`StageChoice.workLetters`): the
    /// discounts go to no final notice, so the letters that asked for them alone do not bring
    /// the work one sooner.
    static func asksOnlyDiscounts(_ c: inout StageChoice, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) {
        // Most clients are offered no discount: their payments are not traced for one.
        guard c.chased.contains(where: { ledger.invoices[$0].effectiveTerms.discountPercent != nil }) else { return }
        let missed = MissedDiscounts(c.chased, story: story, ledger: ledger, sheet: sheet)
        guard missed.explainAll(c.chased) else {
            let work = c.chased.filter { !missed.invoices.contains($0) }
            if work.count < c.chased.count {
                let alone = ladder(story, chased: work, ledger: ledger, sheet: sheet)
                c.workLetters = (alone.unanswered, alone.unpaidLetters)
            }
            return
        }
        c.asksOnlyDiscountsMissed = true
        let numbers = LetterFields.list(c.chased.map { ledger.invoices[$0].number })
        c.reason += c.chased.count == 1 ? "; only an early-payment discount missed is open on \(numbers)" : "; only early-payment discounts missed are open on \(numbers)"
    }

    /// Whether invoice `i` owed as little on `day` as it does now, less than one unit of its
    /// currency: a remainder then, which a letter that day set aside (`StageChoice.leftovers`)
    /// and did not ask for. Read from today's figure and the money that came towards it since.
    static func wasRemainder(_ i: Int, on day: Day, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> Bool {
        guard isRemainder(i, ledger: ledger, sheet: sheet) else { return false }
        let number = ledger.invoices[i].number
        func since(_ p: Payment) -> Bool { p.date > day && LetterFields.paidAny(by: p, ledger: ledger, sheet: sheet) { $0 == number } }
        return !story.payments.contains(where: since) && !story.credits.contains(where: since)
    }

    /// Whether invoice `i` owes less than one unit of its currency, as the letters ask for it
    /// (a loss written off with what is open, 3.8): the 0.50 GBP a rounded payment left.
    static func isRemainder(_ i: Int, ledger: Ledger, sheet: BalanceSheet) -> Bool {
        sheet.invoices[i].owed < Int64(MoneyFormat.pow10(ledger.invoices[i].currency.precision))
    }

    /// Whether final notice `last` was about invoices an earlier final notice among `letters`
    /// had named already (one naming none names all): a restatement, not a first final notice.
    static func restatesAnEarlierFinal(_ last: LetterSent, among letters: [LetterSent]) -> Bool {
        let earlier = letters.filter { $0.stage == .final && ($0.date, $0.order) < (last.date, last.order) }
        guard !earlier.isEmpty else { return false }
        if earlier.contains(where: { $0.invoices.isEmpty }) { return true }
        let named = Set(earlier.flatMap { $0.invoices.array })
        return !last.invoices.isEmpty && last.invoices.array.allSatisfy(named.contains)
    }

    /// The last payment towards the money the ladder letters `episode` ask for: the letters
    /// since it are counted to a final notice (7.2, twice `final-after` of them, answered or
    /// not), and a follow-up says when the next will be one. It went towards an invoice chased
    /// today, or towards one the letter it answered, or a later one, asked for. So an invoice
    /// paid off (or put on hold) since leaves the chase without the count going back past its
    /// payment: the letters counted from that payment told the client how far off a final
    /// notice was, and the next one comes only after a letter that said so. Money for work no
    /// such letter asked for (a plan's instalments, agreed after its invoice was last chased)
    /// is not money towards what the letters ask for.
    /// Money held on account that went to such an invoice once its query was settled counts
    /// on that day, as a payment (`BalanceSheet.heldMoneyReached`): the moment returned is a
    /// payment's date and order, or such a day before any entry of it.
    static func lastPaidTowards(_ numbers: Set<String>, episode: [LetterSent], story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> (date: Day, order: Int)? {
        // The latest letter to ask for each invoice, found in one pass (a letter may name
        // thousands). One naming no invoice asked for what was past due on its day (7.2).
        var lastAsked: [String: LetterSent] = [:]
        for l in episode { for n in l.invoices.array { lastAsked[n] = l } }
        let bare = episode.last { $0.invoices.isEmpty }
        // Read only for a letter naming no invoice: made then, as hashing every invoice the
        // client was ever sent, for each choice, was a tenth of choosing.
        let due = bare == nil ? [:] : Dictionary(story.issued.map { (ledger.invoices[$0].number, ledger.invoices[$0].due) }, uniquingKeysWith: { a, _ in a })
        func asked(_ n: String, since answered: LetterSent?) -> Bool {
            let named = lastAsked[n], bareOne = bare.flatMap { b in due[n].map { b.date > $0 } == true ? b : nil }
            let latest: LetterSent
            switch (named, bareOne) {
            case (nil, nil): return false
            case let (one?, nil), let (nil, one?): latest = one
            case let (a?, b?): latest = (a.date, a.order) < (b.date, b.order) ? b : a
            }
            return answered.map { (latest.date, latest.order) >= ($0.date, $0.order) } ?? true
        }
        let paid = story.payments.last { p in
            let answered = episode.last { ($0.date, $0.order) < (p.date, p.order) }
            return LetterFields.paidAny(by: p, ledger: ledger, sheet: sheet) { numbers.contains($0) || asked($0, since: answered) }
        }
        var last = paid.map { (date: $0.date, order: $0.order) }
        // Most ledgers hold no such money: no invoice is looked up for it then.
        let anyHeld = !sheet.releasedByQuery.isEmpty || !sheet.recoveredFromAccount.isEmpty
        for i in anyHeld ? story.issued : [] {
            for day in sheet.heldMoneyReached(i) where last.map({ ($0.date, $0.order) < (day, Int.min) }) ?? true {
                let n = ledger.invoices[i].number
                let answered = episode.last { $0.date < day }
                if numbers.contains(n) || asked(n, since: answered) { last = (day, Int.min) }
            }
        }
        return last
    }

    /// Splits what a final notice or formal demand asks for (`c.chased`) into what it holds
    /// over the client and what it asks for apart (`StageChoice.askedApart`). A final notice
    /// (`final` nil: the letter chosen today) threatens a demand only over invoices a letter
    /// asked for before it, since each fell due (`LetterFields.asked`); a demand is only about
    /// the invoices its final notice `final` threatened over: named by it, and asked for
    /// before it. One fallen due since, come off hold since, or that the final notice itself
    /// asked for apart, has had no letter of its own warning of what comes next. When that
    /// leaves nothing (a final notice recorded before this rule, about an invoice no letter
    /// had asked for), the letter is about all it asks for, as before. A plan's invoice a final
    /// notice was recorded with asked for its missed instalments: once the plan has run out,
    /// the demand after that notice is about it too (7.1), as the notice warned.
    static func setApart(_ c: inout StageChoice, final: LetterSent?, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) {
        var asked = Set(LetterFields.asked(c.chased, story: story, ledger: ledger, sheet: sheet, letter: final))
        var notWarned: Set<Int> = []
        if let f = final {
            let ended = PlanProgress.allEnded(story, ledger: ledger, sheet: sheet).filter { $0.plan.date < f.date }
            asked.formUnion(ended.flatMap(\.covered))
            notWarned = unwarned(by: f, ended: ended)
        }
        // Names gathered once: a final notice may name thousands of invoices.
        let named = final.map { Set($0.invoices.array) } ?? []
        let held = c.chased.filter { i in
            guard asked.contains(i), !notWarned.contains(i) else { return false }
            guard let f = final else { return true }
            let inv = ledger.invoices[i]
            return f.invoices.isEmpty ? f.date > inv.due : named.contains(inv.number)
        }
        guard !held.isEmpty else { return }
        let kept = Set(held)
        c.askedApart = c.chased.filter { !kept.contains($0) }
        c.chased = held
    }

    /// The invoices of the plans among `ended` (run out, agreed before final notice `f`) that
    /// `f` did not warn a demand over in full: an instalment of the plan still unpaid fell due
    /// on or after its day, so the notice asked for no part of it, and a letter that asked for
    /// it since (an instalment reminder, or a letter about other invoices beside them) warned of
    /// nothing. No demand follows that notice for them: as the ladder does not step down, a
    /// final notice of their own warns of the demand first (7.2).
    /// Not a plan over before `f` went (one in default, 3.10, whose later dates pass
    /// unpaid after the notice): its invoices were back on the ladder, and the notice asked
    /// for all that was open on them, not for instalments.
    static func unwarned(by f: LetterSent, ended: [PlanProgress]) -> Set<Int> {
        Set(ended.filter { p in
            guard p.overSince.map({ $0 < f.date }) != true else { return false }
            return p.overdue.instalments.last.map { $0.lastDay >= f.date } ?? false
        }.flatMap(\.covered))
    }

    /// The plan, agreed after final notice `f` and over since (run out, or lapsed in default),
    /// that put every invoice among `chased` the notice stood for (named by it, or past due on
    /// its day when it named none) into its schedule: the notice no longer stands for them (its
    /// date was replaced by the plan's, and what it asked for apart is not asked for apart,
    /// `askedApart`), and the final notice now rests on the plan's end (`plan.ended`), not on
    /// the client's answer to it.
    static func planReplacing(_ f: LetterSent, chased: [Int], story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> PlanProgress? {
        guard !story.plans.isEmpty else { return nil }
        let named = Set(f.invoices.array)
        let stood = chased.filter { i in f.invoices.isEmpty ? ledger.invoices[i].due < f.date : named.contains(ledger.invoices[i].number) }
        guard !stood.isEmpty else { return nil }
        return PlanProgress.allEnded(story, ledger: ledger, sheet: sheet).first { p in
            (p.plan.date, p.plan.order) > (f.date, f.order) && stood.allSatisfy(p.covered.contains)
        }
    }

    /// The client's latest promise while its day is still ahead, with the invoices of
    /// `chased` it covers (`PromiseScope.covered`), when it covers any: it holds the letters
    /// about those until its day, not those about the client's other money (7.2).
    static func pendingPromise(_ story: ClientStory, chased: [Int], ledger: Ledger, sheet: BalanceSheet) -> (note: ClientNote, covered: [Int])? {
        guard let pn = story.latestPromise, let p = pn.promise, story.asOf <= p.lastDay else { return nil }
        let scope = PromiseScope(pn, p, issued: story.issued, money: [story.payments, story.credits].joined(), ledger: ledger, sheet: sheet)
        // Spread over all the client owes, then read among `chased`: the promise reaches past
        // the invoices it covers to none of those a letter about the rest is left with.
        let among = Set(chased)
        let covered = scope.covered(by: p, open: story.open, disputed: Set(story.openDisputes.keys), ledger: ledger, sheet: sheet).filter(among.contains)
        return covered.isEmpty ? nil : (pn, covered)
    }

    /// Why the first ladder letter about the invoices of a plan in default goes (3.10): "instalment
    /// reminder of 2026-07-04 unanswered: the plan of 2026-05-20 is in default". Nil once a
    /// ladder letter about them has gone since, or when no such plan covers `chased`.
    static func inDefault(_ story: ClientStory, chased: [Int], ledger: Ledger, sheet: BalanceSheet) -> String? {
        guard !story.plans.isEmpty else { return nil }
        let plans = PlanProgress.allEnded(story, ledger: ledger, sheet: sheet).filter { p in
            guard p.defaultedBy != nil, let over = p.overSince, p.covered.contains(where: chased.contains) else { return false }
            return !story.letters.contains { l in (l.stage.rung ?? 0) >= 1 && l.date > over && p.askedForPlan(in: l, ledger: ledger) }
        }
        guard let p = plans.last, let l = p.defaultedBy else { return nil }
        return "\(l.stage.title) of \(l.date) unanswered: the plan of \(p.plan.date) is in default"
    }

    /// Letters that ask for no money: a promise made before one of them still holds (7.2).
    static let leavesPromiseStanding: Set<LetterStage> = [.dispute, .statement, .thanks, .planOffer]

    /// The day after the date letter `l` asked for a reply or payment by (`reply-days` on,
    /// moved to a working day, as the letter says it): the next letter waits for it, as the
    /// client has the whole of that day. Nil for a letter that asks for nothing.
    /// Why no letter goes while a promise's day has not passed: until that day, or, when the
    /// client named a weekend or a holiday, until the next working day, the first a transfer
    /// sent for it can arrive.
    static func waitsFor(_ p: Promise, madeOn day: Day) -> String {
        "promised on \(day) to pay by \(p.by); wait until " + (p.lastDay == p.by ? "then" : "\(p.lastDay), the next working day")
    }

    static func dayAfterReply(to l: LetterSent, _ s: Settings) -> Day? {
        l.stage == .courtesy || l.stage == .thanks || l.stage == .statement ? nil : s.replyBy(l.date).adding(days: 1)
    }

    /// The invoices among `invoices` that final notice or formal demand `l` asked for apart, by
    /// its date (`StageChoice.askedApart`): past due on its day, open at its end, neither named
    /// by it nor in dispute then, nor in a payment plan agreed by then, nor put into one agreed
    /// after it by the date it gave. The letters (what that letter asked and was not paid, the
    /// history, the demand that names what its final notice asked for apart), the reminder
    /// that waits for that date, and the stage's reason read them alike.
    /// `asWritten`: what the letter asked for apart on its day, for the history that records
    /// it, before a plan agreed since replaced the date it gave.
    static func askedApart(by l: LetterSent, among invoices: [Int], story: ClientStory, ledger: Ledger, sheet: BalanceSheet, asWritten: Bool = false) -> [Int] {
        guard l.stage == .demand || l.stage == .final, !l.invoices.isEmpty else { return [] }
        let ended = story.plans.isEmpty ? [] : PlanProgress.allEnded(story, ledger: ledger, sheet: sheet)
        let named = Set(l.invoices.array), by = ledger.settings.replyBy(l.date)
        // One under an earlier formal demand was not asked for apart either: the letter said
        // that demand stands for it (`StageChoice.underDemand`).
        let demands = story.letters.filter { $0.stage == .demand && ($0.date, $0.order) < (l.date, l.order) }
        let demanded = Set(demands.flatMap { $0.invoices.array })
        let bare = demands.filter { $0.invoices.isEmpty }.map(\.date).max()
        let apart = invoices.filter { i in
            let inv = ledger.invoices[i]
            guard inv.due < l.date, !named.contains(inv.number), sheet.invoices[i].settled.map({ $0 > l.date }) ?? true,
                  sheet.disputes.open(inv.number, on: l.date) == nil,
                  !demanded.contains(inv.number), bare.map({ inv.due >= $0 }) ?? true,
                  !wasRemainder(i, on: l.date, story: story, ledger: ledger, sheet: sheet) else { return false }
            // One in a plan agreed by then and still running was not asked for apart: the
            // letter spoke of its plan's instalments, not of it. One whose plan was over by then
            // was (`setApart`). Nor one put into a plan agreed after the letter (by date and
            // order, as `LetterFields.planAgreed(after:)` reads it) by the date it gave: the
            // plan's dates replaced the letter's, and the client was never late on it; once the
            // plan has run out, its end is what makes the money due (`plan.ended`).
            return !story.plans.contains { p in
                guard p.date <= by, p.isAbout(inv) else { return false }
                if (p.date, p.order) > (l.date, l.order) { return !asWritten }
                return !ended.contains { $0.plan.order == p.order && ($0.overSince.map { $0 <= l.date } ?? false) }
            }
        }
        return apart.filter { !discountSetAside($0, by: l, story: story, ledger: ledger, sheet: sheet) }
    }

    /// Whether invoice `i`, owing only an early-payment discount missed, was set aside by
    /// final notice or formal demand `l` (`StageChoice.discountsAside`), not asked for apart:
    /// the payment that left the discount open came before `l`, and a ladder letter since that
    /// payment asked for it. A letter about work leaves out a discount an earlier letter asked
    /// for only once its own letters have run their course; one no letter asked for yet it
    /// asks for apart.
    static func discountSetAside(_ i: Int, by l: LetterSent, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> Bool {
        let inv = ledger.invoices[i]
        guard inv.effectiveTerms.discountPercent != nil else { return false }
        let missed = MissedDiscounts([i], story: story, ledger: ledger, sheet: sheet)
        guard missed.explainAll([i]), let arose = missed.arose([i]), arose < (l.date, l.order) else { return false }
        return story.letters.contains { e in
            guard let r = e.stage.rung, r >= 1, (e.date, e.order) > arose, (e.date, e.order) < (l.date, l.order) else { return false }
            return e.invoices.isEmpty ? e.date > inv.due : e.invoices.contains(inv.number)
        }
    }

    /// The past-due invoices of `chased` owing only an early-payment discount missed that a
    /// ladder letter sent has set aside (`StageChoice.discountsAside`): after one or more ladder
    /// letters since the payment that left the discount asked for it, a later one, recorded
    /// with other invoices, left it out while it was past due and nothing else held it (no
    /// query open, no payment plan about it, no promise whose day had not passed, not a
    /// remainder). With the reason the agenda gives. Nil when there are none.
    static func discountsSetAside(_ story: ClientStory, chased: [Int], ledger: Ledger, sheet: BalanceSheet) -> StageChoice.DiscountsAside? {
        // Most clients are offered no discount: their payments are not traced for one.
        guard !story.letters.isEmpty, chased.contains(where: { ledger.invoices[$0].effectiveTerms.discountPercent != nil }) else { return nil }
        let missed = MissedDiscounts(chased, story: story, ledger: ledger, sheet: sheet)
        var aside: [Int] = []
        var asked: [LetterSent] = [], by: [LetterSent] = []
        for i in chased where missed.invoices.contains(i) && !isRemainder(i, ledger: ledger, sheet: sheet) {
            let inv = ledger.invoices[i]
            guard let arose = missed.arose([i]) else { continue }
            var askedFor: [LetterSent] = []
            for l in story.letters where (l.date, l.order) > arose && (l.stage.rung ?? 0) >= 1 {
                if l.invoices.isEmpty ? l.date > inv.due : l.invoices.contains(inv.number) {
                    askedFor.append(l)
                    continue
                }
                guard !askedFor.isEmpty, inv.due < l.date, sheet.disputes.open(inv.number, on: l.date) == nil,
                      !story.plans.contains(where: { $0.date <= l.date && $0.isAbout(inv) }),
                      !story.notes.contains(where: { n in n.promise.map { (n.date, n.order) < (l.date, l.order) && $0.lastDay >= l.date } ?? false })
                else { continue }
                aside.append(i)
                asked += askedFor
                by.append(l)
                break
            }
        }
        guard !aside.isEmpty else { return nil }
        let first = asked.min { ($0.date, $0.order) < ($1.date, $1.order) }!
        let setBy = by.min { ($0.date, $0.order) < ($1.date, $1.order) }!
        let count = Set(asked.map(\.order)).count
        let numbers = LetterFields.list(aside.map { ledger.invoices[$0].number })
        let what = aside.count == 1 ? "only an early-payment discount missed is open on \(numbers)" : "only early-payment discounts missed are open on \(numbers)"
        return StageChoice.DiscountsAside(invoices: aside, reason: "\(what), asked for in \(Plural.count(count, "letter")) since \(first.date) and set aside by our \(setBy.stage.title) of \(setBy.date); no letter asks for \(aside.count == 1 ? "it" : "them") again")
    }

    /// The chased invoices whose query was settled in the last `cadence` min days with no
    /// credit note recorded for them on or after that day, nor in the 14 days before it (the
    /// credit note often follows the call that agreed it by a few days, 4 rule 4, and may come
    /// before the message that settles the query), and the day the wait ends: the settling's
    /// latest day plus `cadence` min days. A reminder for the whole invoice sooner would ask
    /// for money just agreed to be credited. Nil when none is waited on.
    static func creditAwaited(_ chased: [Int], story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> (invoices: [Int], from: Day)? {
        let s = ledger.settings
        let earliest = story.asOf.adding(days: -s.cadenceMin)
        let settled = story.notes.filter { $0.date > earliest && !$0.resolutions.isEmpty }
        guard !settled.isEmpty else { return nil }
        var waiting: [Int] = []
        var last: Day?
        for i in chased {
            let number = ledger.invoices[i].number
            guard let day = settled.last(where: { $0.resolutions.contains { $0.invoice == number } })?.date else { continue }
            let credited = story.credits.contains { c in
                c.date >= day.adding(days: -14) && LetterFields.paidAny(by: c, ledger: ledger, sheet: sheet) { $0 == number }
            }
            if credited { continue }
            waiting.append(i)
            last = max(last ?? day, day)
        }
        return last.map { (waiting, $0.adding(days: s.cadenceMin)) }
    }

    /// The rule every note keeps (a courtesy note, or an instalment's before it is missed): none
    /// goes fewer than `cadence` min days after letter `l` to the client (7.1), the fewest days
    /// between two letters from us. The wait, or nil when that many days have passed since it
    /// (or there is no letter). Each caller says which letter it waits after and why.
    static func noteWaits(after l: LetterSent?, asOf: Day, _ s: Settings) -> NoteWait? {
        guard let l, asOf < l.date.adding(days: s.cadenceMin) else { return nil }
        return NoteWait(letter: l, until: l.date.adding(days: s.cadenceMin))
    }

    /// A note held back by `noteWaits`.
    struct NoteWait {
        /// The letter it waits after.
        let letter: LetterSent
        /// The first day it may go.
        let until: Day

        /// Whether it still goes once the wait is over: money falling due on `due` is not due
        /// by then. Else none goes: the reminder follows once the money is past due.
        func noteGoes(fallingDue due: Day) -> Bool { until <= due }

        /// The next day a letter may go: the note's, when it still goes; else the reminder's,
        /// once the money is `reminder-after` days late (counted from `lastDay`, the last day
        /// it is on time, when that is later than `due`: an instalment due on a weekend or a
        /// holiday), never before the wait is over (a reminder keeps `cadence` min days too)
        /// nor before `notBefore` (the day after the date a letter about the same money gave).
        func nextDate(fallingDue due: Day, lastDay: Day? = nil, _ s: Settings, notBefore: Day? = nil) -> Day {
            noteGoes(fallingDue: due) ? until : max((lastDay ?? due).adding(days: s.reminderAfter), until, notBefore ?? until)
        }

        /// Why, after a letter about other work: "we wrote on …, so a note waits until …", or
        /// "… so no note goes before it".
        func said(fallingDue due: Day) -> String {
            "we wrote on \(letter.date), so " + (noteGoes(fallingDue: due) ? "a note waits until \(until)" : "no note goes before it")
        }
    }

    static func maxDaysPast(_ invoices: [Int], _ ledger: Ledger, _ asOf: Day) -> Int {
        invoices.map { asOf.days(since: ledger.invoices[$0].due) }.max().map { max(0, $0) } ?? 0
    }

    /// The ladder for invoices that are neither disputed nor in a plan. Only money past due is
    /// chased; the letter lists invoices not yet due beside it without asking for them.
    static func ladder(_ story: ClientStory, chased open: [Int], ledger: Ledger, sheet: BalanceSheet) -> StageChoice {
        let s = ledger.settings
        let asOf = story.asOf
        let id = story.client.id
        var c = StageChoice(client: id, stage: nil, reason: "")
        let chased = open.filter { ledger.invoices[$0].due < asOf }
        c.chased = chased.isEmpty ? open : chased

        if chased.isEmpty {
            let earliestDue = open.map { ledger.invoices[$0].due }.min()!
            // Nothing overdue yet: at most a courtesy note, when the user asked for them.
            guard let before = s.courtesyDays else {
                c.reason = "nothing overdue yet; next due \(earliestDue)"
                return c
            }
            let noted = InvoicesSpokenOf(story.letters.filter { $0.stage == .courtesy })
            // A letter asking for money fewer than `cadence` min days ago listed the invoices
            // it found issued as not yet due, with their dates: a note about them days later
            // would be a second letter in a week with nothing new in it.
            let listedBy = noteWaits(after: story.lastLetter, asOf: asOf, s).flatMap { $0.letter.stage.asksForMoney ? $0 : nil }
            let soon = open.filter {
                let inv = ledger.invoices[$0]
                let left = inv.due.days(since: asOf)
                return left >= 0 && left <= before && !noted.spoke(of: inv.number, orOnOrAfter: inv.issued)
                    && listedBy.map { inv.issued > $0.letter.date } ?? true
            }
            if soon.isEmpty, let wait = listedBy, open.contains(where: { ledger.invoices[$0].issued <= wait.letter.date && ledger.invoices[$0].due.days(since: asOf) <= before }) {
                c.reason = "nothing overdue yet; next due \(earliestDue), listed in our \(wait.letter.stage.title) of \(wait.letter.date)"
                c.nextDate = wait.nextDate(fallingDue: earliestDue, s)
                return c
            }
            if soon.isEmpty {
                c.reason = "nothing overdue yet; next due \(earliestDue)"
                c.nextDate = earliestDue.adding(days: -before)
                return c
            }
            let first = soon.map { ledger.invoices[$0] }.min { $0.due < $1.due }!
            // A shortfall below the chase minimum (money left on invoices the client has paid
            // towards) gets one letter, the reminder once it is past due: a note that it falls
            // due, days before, would be a second letter about a sum the client believes paid.
            if let small = belowChaseMinimum(soon, ledger: ledger, sheet: sheet) {
                c.reason = "invoice \(first.number) falls due on \(first.due); only \(small.asked) open on \(soon.count == 1 ? "it" : "them"), below the chase minimum of \(small.minimum): \(soon.count == 1 ? "its" : "their") one letter is the reminder, once it is past due"
                c.nextDate = first.due.adding(days: s.reminderAfter)
                return c
            }
            // Nor fewer than `cadence` min days after any other letter to the client (one about
            // other invoices, a dispute acknowledgement): the contact cadence is the client's,
            // as for an instalment note (`instalment`).
            if let wait = noteWaits(after: story.lastLetter, asOf: asOf, s) {
                c.reason = "invoice \(first.number) falls due on \(first.due); \(wait.said(fallingDue: first.due))"
                c.nextDate = wait.nextDate(fallingDue: first.due, s)
                return c
            }
            // A courtesy note asks whether the invoice reached the right person: a client
            // whose last invoices were all paid by their due date has shown that it does.
            if paysOnTime(story, ledger: ledger, sheet: sheet) {
                c.reason = "invoice \(first.number) falls due on \(first.due); the last \(paysOnTimeCount) invoices were all paid by their due date"
                c.courtesyNotNeeded = true
                c.nextDate = first.due.adding(days: s.reminderAfter)
                return c
            }
            c.stage = .courtesy
            // The note is about the invoices falling due within the window, and those falling
            // due within `cadence` min days after it: a second note a few days after the first
            // would be one too many. One due later gets a note of its own when its day comes near.
            c.chased = open.filter {
                let inv = ledger.invoices[$0]
                let left = inv.due.days(since: asOf)
                return left >= 0 && left <= before + s.cadenceMin && !noted.spoke(of: inv.number, orOnOrAfter: inv.issued)
            }
            c.reason = "invoice \(first.number) falls due on \(first.due)"
            return c
        }

        // Discounts missed that a letter sent has set aside stay aside for good (7.2): once
        // their own letters had brought a final notice, a payment or a reply since towards the
        // work does not bring them back into the letters, to be dropped again later. The work
        // goes down its own ladder; alone, they are the user's to decide.
        if let aside = discountsSetAside(story, chased: chased, ledger: ledger, sheet: sheet) {
            let rest = open.filter { !aside.invoices.contains($0) }
            guard !rest.isEmpty else {
                var d = c
                d.chased = aside.invoices
                d.discountsOnly = true
                d.reason = aside.reason
                return d
            }
            var work = ladder(story, chased: rest, ledger: ledger, sheet: sheet)
            work.discountsAside = StageChoice.DiscountsAside(invoices: (aside.invoices + (work.discountsAside?.invoices ?? [])).sorted(), reason: aside.reason,
                                                             newly: work.discountsAside?.newly ?? [])
            return work
        }

        let days = maxDaysPast(chased, ledger, asOf)
        c.daysPastDue = days
        let oldest = chased.min { (ledger.invoices[$0].due, ledger.invoices[$0].order) < (ledger.invoices[$1].due, ledger.invoices[$1].order) }!
        let oldestNumber = ledger.invoices[oldest].number
        let earliestDue = ledger.invoices[oldest].due

        let numbers = Set(chased.map { ledger.invoices[$0].number })
        let episode = story.letters.filter { l in
            guard let r = l.stage.rung, r >= 1 else { return false }
            // One naming no invoice asked for what was past due on its day (7.2).
            return l.invoices.contains(where: numbers.contains) || (l.invoices.isEmpty && l.date > earliestDue)
        }
        // The ladder never steps down for an invoice (the checker's W414): after a final
        // notice the next letter is another final notice or the demand.
        let highest = episode.compactMap(\.stage.rung).max() ?? 0
        func atLeastHighest(_ stage: LetterStage) -> LetterStage {
            highest >= LetterStage.final.rung! && stage.rung! < LetterStage.final.rung! ? .final : stage
        }
        // Money left only by early-payment discounts missed is a difference over terms, not work
        // unpaid: reminders and follow-ups ask for it and explain it, but a final notice (which
        // promises a demand) or a demand (which threatens court) would be out of all proportion
        // to it. Where one would come, no letter goes: the user decides (`discountsOnly`).
        func discountsOnly(_ next: LetterStage) -> StageChoice? {
            guard next.rung! >= LetterStage.final.rung! else { return nil }
            let missed = MissedDiscounts(chased, story: story, ledger: ledger, sheet: sheet)
            guard missed.explainAll(chased) else { return besideUnpaidWork(missed) }
            var d = c
            d.discountsOnly = true
            // Only the letters since the payment that left them asked for the discounts: one
            // before it asked for the whole invoice.
            let arose = missed.arose(chased)
            let asked = episode.filter { l in arose.map { (l.date, l.order) > $0 } ?? true }
            let final = asked.last { $0.stage == .final }.map { " (a final notice on \($0.date))" } ?? ""
            let numbers = LetterFields.list(chased.map { ledger.invoices[$0].number })
            // No figure here: the agenda's item gives the one it is about (what is still open),
            // which a loss written off part of them leaves below what the letters asked for.
            d.reason = asked.isEmpty
                ? "only early-payment discounts missed are open on \(numbers), not asked for since the payment of \(arose!.date) left them; no \(next.title) goes for them"
                : "only early-payment discounts missed are open on \(numbers), asked for in \(Plural.count(asked.count, "letter")) since \(asked.first!.date)\(final); no \(next.title) goes for them"
            return d
        }
        // Beside unpaid work, a final notice or demand is about that work alone: the shortfalls
        // would carry a threat of court, and a demand's compensation, over a difference about
        // terms. So once the shortfalls' own letters would bring a final notice or a demand,
        // they are the user's to decide (`discountsAside`), and stay so in every letter after,
        // and the work goes down its own ladder, counted by its own letters: the letters that
        // asked only for the shortfalls are none of its unanswered letters.
        func besideUnpaidWork(_ missed: MissedDiscounts) -> StageChoice? {
            let shortfalls = chased.filter(missed.invoices.contains)
            guard !shortfalls.isEmpty else { return nil }
            let alone = ladder(story, chased: shortfalls, ledger: ledger, sheet: sheet)
            guard alone.discountsOnly else { return nil }
            let aside = Set(shortfalls)
            var work = ladder(story, chased: open.filter { !aside.contains($0) }, ledger: ledger, sheet: sheet)
            work.discountsAside = StageChoice.DiscountsAside(invoices: shortfalls + (work.discountsAside?.invoices ?? []), reason: alone.reason,
                                                             newly: shortfalls + (work.discountsAside?.newly ?? []))
            return work
        }
        let last = story.lastLetter
        // A contact note or a payment is the client answering: it softens and postpones the next
        // step. A note for the file is not the client speaking.
        // A query answers the letters that asked for the invoice it is about (one since
        // credited or put on hold among them), not letters about other work alone.
        let askedAbout = episode.contains { $0.invoices.isEmpty } ? nil : numbers.union(episode.flatMap(\.invoices))
        // A cheque that came back still answered the letters before it; a plan's instalment
        // on other work did not.
        let lastReply = story.lastAnswer(to: episode, chased: numbers, about: askedAbout, ledger: ledger)
        let unanswered = episode.filter { l in lastReply.map { (l.date, l.order) > $0 } ?? true }
        c.unanswered = unanswered.count
        c.lastReply = lastReply
        // The reminders of a plan that ran out over these invoices went unanswered too: a
        // follow-up's tone counts them as ours (`follow-up.note`), and so does its reason.
        // So did letters about other invoices alone that asked for its missed instalments beside
        // their own money (a formal demand among them, never recorded with the plan's
        // invoices): a formal demand recites them too.
        let ended = story.plans.isEmpty ? [] : PlanProgress.allEnded(story, ledger: ledger, sheet: sheet).filter { $0.covered.contains(where: chased.contains) }
        if !ended.isEmpty {
            let anyReply = story.lastReply
            let sinceReply = story.letters.filter { l in anyReply.map { (l.date, l.order) > $0 } ?? true }
            c.unansweredReminders = sinceReply.filter { l in
                l.stage == .instalment && l.invoices.contains(where: numbers.contains)
                    // A courtesy note, sent before the instalment it spoke of fell due,
                    // reminded the client of nothing missed: it gave the instalment's own
                    // date, sooner than a reply date.
                    && !ended.contains { $0.isAbout(l, ledger: ledger) && $0.dateGiven(by: l, ledger: ledger, sheet: sheet) < s.replyBy(l.date) }
            }
            c.unansweredBeside = sinceReply.filter { l in ended.contains { $0.askedMissed(by: l, in: story, ledger: ledger) } }
        }
        let repliedSinceLast: Day? = {
            guard let r = lastReply else { return nil }
            guard let l = last else { return r.date }
            return (r.date, r.order) > (l.date, l.order) ? r.date : nil
        }()
        c.repliedSinceLastLetter = repliedSinceLast != nil && last != nil

        // The latest promise about this money, once its day has passed, is named in the letter
        // whatever the stage: kept, partly kept or broken.
        if let pn = story.latestPromise, pn.date >= ledger.invoices[oldest].issued, let p = pn.promise {
            let outcome = PromiseOutcome(note: pn, promise: p, payments: story.payments, asOf: asOf, ledger: ledger, owing: (story, sheet))
            if outcome.state != .pending { c.promise = outcome }
        }

        // A promise made since the last letter holds everything until its date has passed. A
        // letter that asked for nothing since (an acknowledgement of a query on other work, a
        // statement) leaves the promise standing: the client is waiting for its date as agreed.
        // One whose day has not come holds the next letter even when a letter went after it
        // (drafted before the call, sent after it): the client is waiting for that date, and
        // the agenda expects the money then.
        // It holds the letters about the invoices it covers alone (`pendingPromise`).
        let promiseHolds = pendingPromise(story, chased: chased, ledger: ledger, sheet: sheet)
        if let pn = story.latestPromise, let p = pn.promise, asOf <= p.lastDay, pn.date >= ledger.invoices[oldest].issued, promiseHolds != nil {
            c.reason = waitsFor(p, madeOn: pn.date)
            c.nextDate = p.lastDay.adding(days: 1)
            return c
        }
        let lastAsking = story.letters.last { !leavesPromiseStanding.contains($0.stage) }
        // A promise broken after a formal demand: why the next step about it is the user's.
        // What came of it, by its day and since, is said after the demand it followed.
        var brokenAfterDemand: (promise: String, came: String)?
        // One made before that letter whose day came after it was not ended by it: once its day
        // has passed it is kept or broken like one made since.
        // Only a promise about money chased here: one about invoices under a formal demand
        // says nothing of work invoiced after it, whose letters follow the ladder's days.
        if let pn = story.promise(standingAfter: lastAsking), pn.date >= ledger.invoices[oldest].issued || lastAsking.map({ (pn.date, pn.order) > ($0.date, $0.order) }) ?? true,
           chased.contains(where: { ledger.invoices[$0].issued <= pn.date }), let p = pn.promise, asOf > p.lastDay || promiseHolds != nil {
            if asOf <= p.lastDay {
                c.reason = waitsFor(p, madeOn: pn.date)
                c.nextDate = p.lastDay.adding(days: 1)
                return c
            }
            let outcome = PromiseOutcome(note: pn, promise: p, payments: story.payments, asOf: asOf, ledger: ledger, owing: (story, sheet))
            if outcome.isOutstanding {
                c.promise = outcome
                // Nor before the day after the date our last letter gave: a final notice's date
                // stands, promise or not. After a formal demand no letter follows: the next step
                // is the user's from the day the promise is broken (a cheque for it coming back
                // a few days after a thank-you), not a letter's `cadence` later.
                let afterDemand = highest >= LetterStage.demand.rung!
                let cadence = afterDemand ? nil : last.map { $0.date.adding(days: s.cadenceMin) }
                let earliest = max(cadence ?? asOf, p.lastDay.adding(days: 1), last.flatMap { dayAfterReply(to: $0, s) } ?? asOf)
                if asOf < earliest {
                    c.reason = "promise of \(pn.date) to pay by \(p.by) not kept; next letter from \(earliest)"
                    c.nextDate = earliest
                    return c
                }
                // After a formal demand the promise is the user's to weigh with it; the
                // client's other invoices go on up the ladder as after any demand (below).
                if afterDemand {
                    let amount = p.minor.map { " \(Money(minor: $0, currency: outcome.currency))" } ?? ""
                    let back = LetterFields.returnedBack(outcome, story: story, ledger: ledger)
                    // Our last letter thanked them for a payment that then came back: they
                    // believe nothing is owed, and hear of the return before anything else.
                    let thanked = last.flatMap { l in
                        l.stage == .thanks && back.contains { l.date >= $0.payment.date && l.date <= $0.back } ? l : nil
                    }
                    let tell = thanked.map { "; our thank-you of \($0.date) told them it was paid: tell them it came back" } ?? ""
                    brokenAfterDemand = ("promise of \(pn.date) to pay\(amount) by \(p.by) not kept after our formal demand", outcome.arrivals(returned: back) + tell)
                } else {
                let from = episode.isEmpty ? continued(chased, story: story, ledger: ledger, sheet: sheet) : nil
                let next = atLeastHighest(episode.isEmpty && from == nil ? .reminder : .followUp)
                if let d = discountsOnly(next) { return d }
                c.stage = next
                c.continuesFrom = from?.letter
                if next == .final { setApart(&c, final: nil, story: story, ledger: ledger, sheet: sheet) }
                let what = outcome.state == .partlyKept ? "only part of the money has arrived"
                    : outcome.receivedToDate > 0 ? "nothing arrived by then, only part since"
                    : LetterFields.returnedWords(outcome, story: story, ledger: ledger) ?? "the money has not arrived"
                c.reason = "promised on \(pn.date) to pay by \(p.by) and \(what); \(oldestNumber) is \(Plural.count(days, "day")) past due"
                return c
                }
            }
        }

        // Judged on what the letters ask for, a loss written off with the rest (3.8): after a
        // loss of 999.50 on an invoice of 1,000.00, the 0.50 the books have open is no
        // remainder, as the reminder asked for 1,000.00.
        let remainder = chased.allSatisfy { isRemainder($0, ledger: ledger, sheet: sheet) }
        // A remainder of less than one unit of its currency (0.50 GBP left by a rounded
        // payment) is not chased: a letter of any kind for it would cost the client's goodwill
        // for nothing. The agenda asks the user to write it off or let it be.
        // A promise broken after a formal demand is still the user's to follow up, however
        // little is left: the demand's next step names it, and what is left.
        if remainder && brokenAfterDemand == nil {
            c.remainder = true
            c.reason = "only \(LetterFields.totals(chased, ledger: ledger, sheet: sheet)) left on \(oldestNumber), less than one unit of its currency" + (episode.last.map { ", asked for on \($0.date)" } ?? "")
            return c
        }
        guard let lastLadder = episode.last else {
            if days < s.reminderAfter {
                c.reason = "\(oldestNumber) is \(Plural.count(days, "day")) past due; a reminder goes after \(s.reminderAfter)"
                c.nextDate = ledger.invoices[oldest].due.adding(days: s.reminderAfter)
                return c
            }
            // A plan offer asked what the client could pay by a date: a reminder for all of it
            // before that date has passed would take the offer back.
            // So would one asking again for invoices an instalment reminder asked for (outside
            // its plan) before the date it gave.
            // Whichever such letter it was, not only the last: a dispute acknowledgement about
            // another invoice since does not take the date back.
            let chasedNumbers = Set(chased.map { ledger.invoices[$0].number })
            // And a final notice or formal demand about other invoices, which asked for these
            // apart by its date (`StageChoice.askedApart`): those past due on its day. A
            // reminder before that date has passed would give the client a second date for the
            // same money, and a friendlier one.
            let holding = story.letters.last { l in
                (l.stage == .planOffer || l.stage == .instalment && l.invoices.array.contains(where: chasedNumbers.contains)
                    || (l.stage == .demand || l.stage == .final) && !askedApart(by: l, among: chased, story: story, ledger: ledger, sheet: sheet).isEmpty)
                    && dayAfterReply(to: l, s).map { asOf < $0 } == true
            }
            if let h = holding, let from = dayAfterReply(to: h, s).map({ max($0, last.map { $0.date.adding(days: s.cadenceMin) } ?? $0) }) {
                let what = h.stage == .planOffer ? "offering a plan" : "asking for it by \(s.replyBy(h.date))"
                c.reason = "\(oldestNumber) is \(Plural.count(days, "day")) past due, but we wrote on \(h.date) \(what); reminder from \(from)"
                c.nextDate = from
                return c
            }
            if let (settled, from) = creditAwaited(chased, story: story, ledger: ledger, sheet: sheet), asOf < from {
                let numbers = settled.map { ledger.invoices[$0].number }
                c.creditAwaited = settled
                c.reason = "\(oldestNumber) is \(Plural.count(days, "day")) past due, but the query about \(LetterFields.list(numbers)) was settled on \(from.adding(days: -s.cadenceMin)); reminder from \(from), or once a credit note agreed is recorded"
                c.nextDate = from
                return c
            }
            if let l = last, asOf < l.date.adding(days: s.cadenceMin) {
                c.reason = "\(oldestNumber) is \(Plural.count(days, "day")) past due, but we wrote on \(l.date); reminder from \(l.date.adding(days: s.cadenceMin))"
                c.nextDate = l.date.adding(days: s.cadenceMin)
                return c
            }
            // Asked for apart by a final notice or formal demand whose date has passed: the
            // ladder goes on from that letter, not from the first, friendly reminder.
            if let from = continued(chased, story: story, ledger: ledger, sheet: sheet) {
                c.stage = .followUp
                c.continuesFrom = from.letter
                let numbers = LetterFields.list(from.apart.map { ledger.invoices[$0].number })
                c.reason = "\(oldestNumber) is \(Plural.count(days, "day")) past due; our \(from.letter.stage.title) of \(from.letter.date) asked for \(numbers) by \(s.replyBy(from.letter.date)), and that payment has not come"
                return c
            }
            c.stage = .reminder
            c.reason = "\(oldestNumber) is \(Plural.count(days, "day")) past due and no reminder has gone yet"
            return c
        }
        // A promise broken after a formal demand with only a remainder left: said in its next step.
        let leftOnly = remainder ? "; only \(LetterFields.totals(chased, ledger: ledger, sheet: sheet)) is left on \(LetterFields.list(chased.map { ledger.invoices[$0].number }))" : ""

        if highest >= LetterStage.demand.rung! {
            // Nothing on the ladder comes after a formal demand, answered or not, for what it
            // demanded. (Names gathered once: a demand may name thousands of invoices.) One
            // recorded with no invoices was about all that was due by its day.
            let demands = episode.filter { $0.stage == .demand }
            var demandOf: [String: LetterSent] = [:]
            for d in demands { for n in d.invoices.array { demandOf[n] = d } }
            let bare = demands.filter { $0.invoices.isEmpty }.map(\.date).max()
            func standing(_ i: Int) -> LetterSent? {
                let inv = ledger.invoices[i]
                if let d = demandOf[inv.number] { return d }
                return bare.flatMap { day in inv.due < day ? demands.last { $0.invoices.isEmpty } : nil }
            }
            // Every demand that still stands for an open invoice, oldest first: a second demand
            // about other invoices does not take the first one's next step away.
            var stand: [LetterSent] = []
            for i in chased {
                if let d = standing(i), !stand.contains(where: { $0.order == d.order }) { stand.append(d) }
            }
            stand.sort { ($0.date, $0.order) < ($1.date, $1.order) }
            if stand.isEmpty { stand = [demands.last!] }
            var own = c
            var steps: [String] = []
            var pending: Day?
            for (k, demand) in stand.enumerated() {
                // Named by its invoices when several stand, so each next step says which it is.
                let which = stand.count == 1 ? "" : " about " + (demand.invoices.isEmpty ? "what was past due on \(demand.date)" : LetterFields.invoicePhrase(demand.invoices.array))
                // The promise broken since is the user's to weigh with the latest demand.
                if k == stand.count - 1, let broken = brokenAfterDemand {
                    steps.append((stand.count == 1 ? broken.promise : "\(broken.promise) of \(demand.date)\(which)") + ": \(broken.came)\(leftOnly); decide the next step yourself")
                    own.promiseInNextStep = true
                    continue
                }
                // Not before the date the demand gave has passed: until then it is not unanswered.
                if let after = dayAfterReply(to: demand, s), asOf < after {
                    pending = min(pending ?? after, after)
                    if steps.isEmpty && pending == after {
                        own.reason = "formal demand of \(demand.date)\(which) asked for a reply by \(after.adding(days: -1)); the next step is yours from \(after)"
                        // Beside other money, named by its invoices whatever stands beside it.
                        let about = demand.invoices.isEmpty ? "what was past due on \(demand.date)" : LetterFields.invoicePhrase(demand.invoices.array)
                        own.demandAwaited = "our formal demand of \(demand.date) about \(about) asked for a reply by \(after.adding(days: -1)); the next step about it is yours from \(after)"
                    }
                    continue
                }
                // Answered by a word from the client, or a payment towards what it demanded:
                // with several standing, one paying another demand's invoice answers that one.
                let about: Set<String>? = demand.invoices.isEmpty ? nil : Set(demand.invoices.array)
                let answered = stand.count == 1 ? !unanswered.contains(demand)
                    : story.lastReply(about: about, ledger: ledger).map { $0 > (demand.date, demand.order) } ?? false
                steps.append("formal demand of \(demand.date)\(which) \(answered ? "answered since" : "unanswered"); decide the next step yourself")
            }
            if !steps.isEmpty {
                own.demandUnanswered = true
                own.nextSteps = steps
                own.reason = steps.joined(separator: "; ")
            }
            own.nextDate = pending
            // The client's other invoices (one the demand asked for apart, one fallen due since,
            // one whose plan ran out) are not part of it: the ladder goes on for them as it
            // would without it, from the reminder, and the letter says the demand stands for
            // the rest (`underDemand`).
            let rest = open.filter { standing($0) == nil }
            guard rest.contains(where: { ledger.invoices[$0].due < asOf }) else { return own }
            var other = ladder(story, chased: rest, ledger: ledger, sheet: sheet)
            // Money the demand left out as below its currency's minimum (3.2) stops at the final
            // notice that asked for it, and a shortfall below the chase minimum at the one letter
            // that asked for it: the user decides about it, beside the demand's next step.
            guard other.stage != nil || other.demandUnanswered || other.remainder || other.discountsOnly || other.belowDemandMinimum != nil || other.belowChaseMinimum != nil else {
                if let next = other.nextDate { own.nextDate = min(own.nextDate ?? next, next) }
                return own
            }
            if other.stage != nil {
                other.underDemand = chased.compactMap { i in standing(i).map { StageChoice.UnderDemand(invoice: i, demand: $0.date) } }
            }
            if own.demandUnanswered && !other.demandUnanswered {
                other.demandUnanswered = true
                other.nextSteps = own.nextSteps
                other.promiseInNextStep = own.promiseInNextStep
            } else if !own.demandUnanswered, other.stage == nil {
                // The agenda's item about the other money is all it says of the client: the
                // demand's own date goes with it.
                other.demandAwaited = own.demandAwaited
            }
            return other
        }
        // A reply postpones the final notice; it does not put it off for ever. The ladder
        // letters about this money since any of it was last paid (`lastPaidTowards`): twice
        // `final-after` of them, answered or not, and the next is a final notice, one that says
        // payment, not a reply, is what stops the demand (`stalled`).
        let paidLast = lastPaidTowards(numbers, episode: episode, story: story, ledger: ledger, sheet: sheet)
        let unpaid = episode.filter { l in paidLast.map { (l.date, l.order) > ($0.date, $0.order) } ?? true }
        c.unpaidLetters = unpaid.count
        c.unpaidSince = unpaid.first?.date
        // A small shortfall (a bank's fee taken off a payment, say: every invoice chased has had
        // money towards it, `belowChaseMinimum`) is asked for once, by the first
        // letter since money last came towards it, and no more: a firm writes it off rather
        // than send follow-ups, a final notice and a demand over it. After a final notice,
        // the next letter would be another, so none goes at all. The next step is the user's.
        // Early-payment discounts missed alone have their own end (`discountsOnly`): the
        // letters explain them, and none goes where a final notice would.
        let small = belowChaseMinimum(chased, ledger: ledger, sheet: sheet).flatMap { small in
            MissedDiscounts(chased, story: story, ledger: ledger, sheet: sheet).explainAll(chased) ? nil : small
        }
        if let small, let asked = unpaid.last ?? (highest >= LetterStage.final.rung! ? lastLadder : nil) {
            let numbers = LetterFields.list(chased.map { ledger.invoices[$0].number })
            let from = max(asked.date.adding(days: s.cadenceMin), dayAfterReply(to: asked, s) ?? asked.date)
            let what = "only \(small.asked) open on \(numbers), below the chase minimum of \(small.minimum)"
            if asOf < from {
                c.reason = "\(what); our \(asked.stage.title) of \(asked.date) asked for it, and no further letter goes: the next step is yours from \(from)"
                c.nextDate = from
                return c
            }
            c.belowChaseMinimum = small.minimum
            c.reason = "\(what); our \(asked.stage.title) of \(asked.date) asked for it, and no further letter goes"
            return c
        }
        // A final notice restated after the client answered an earlier one, with nothing paid
        // since that one, said only payment would hold the demand back: another reply does not.
        let finalStalled = lastLadder.stage == .final && unpaid.last.map { ($0.date, $0.order) == (lastLadder.date, lastLadder.order) } == true
            && (unpaid.count - 1 >= 2 * s.finalAfter || restatesAnEarlierFinal(lastLadder, among: unpaid))
        // A final notice that did not warn of all a plan's invoices now owe, about those
        // invoices alone: their own final notice comes first (`unwarned`).
        let notWarned: Bool = lastLadder.stage == .final && !ended.isEmpty && {
            let left = unwarned(by: lastLadder, ended: ended.filter { $0.plan.date < lastLadder.date })
            return chased.allSatisfy(left.contains)
        }()
        if notWarned { c.notWarnedBy = lastLadder }
        if lastLadder.stage == .final && (unanswered.contains(lastLadder) || finalStalled) && !notWarned {
            if let d = discountsOnly(.demand) { return d }
            // The demand is about what the final notice threatened over alone; the invoice it is
            // counted from, and named by, is the oldest of those.
            var demand = c
            setApart(&demand, final: lastLadder, story: story, ledger: ledger, sheet: sheet)
            // Money in a currency below its own minimum, beside money in one that reaches its
            // own, is not worth the demand's threat either: it is asked for apart (3.2).
            let short = shortOfDemandMinimum(demand.chased, ledger: ledger, sheet: sheet)
            if !short.isEmpty {
                let apart = Set(short)
                demand.chased.removeAll(where: apart.contains)
                demand.askedApart = (demand.askedApart + short).sorted()
            }
            let demanded = demand.chased.min { (ledger.invoices[$0].due, ledger.invoices[$0].order) < (ledger.invoices[$1].due, ledger.invoices[$1].order) } ?? oldest
            let oldestNumber = ledger.invoices[demanded].number, days = maxDaysPast([demanded], ledger, asOf)
            // Not until the day after the date the final notice gave (moved off a weekend, as the
            // letter says it): the client has the whole of that day to pay or reply.
            // A letter of another kind since (an instalment reminder) has its date waited for too.
            var earliest = max(lastLadder.date.adding(days: s.cadenceMin), dayAfterReply(to: lastLadder, s)!, ledger.invoices[demanded].due.adding(days: s.demandAfter))
            if let l = last, (l.date, l.order) > (lastLadder.date, lastLadder.order) {
                earliest = max(earliest, l.date.adding(days: s.cadenceMin), dayAfterReply(to: l, s) ?? earliest)
            }
            // A sum below the ledger's `demand-minimum` is not worth a formal demand's threat of
            // court: the ladder stops at the final notice, which threatened none, and the user
            // decides whether to pursue it or write it off.
            let below = belowDemandMinimum(demand.chased, ledger: ledger, sheet: sheet)
            if asOf < earliest {
                c.nextStage = .demand
                c.reason = "final notice of \(lastLadder.date) awaiting a reply; " + (below.map { "\($0.asked) is below the demand minimum of \($0.minimum): the next step is yours from \(earliest)" } ?? "a formal demand may follow from \(earliest)")
                c.nextDate = earliest
                return c
            }
            if let (asked, minimum) = below {
                var stop = demand
                stop.belowDemandMinimum = minimum
                stop.reason = "final notice of \(lastLadder.date) " + (unanswered.contains(lastLadder) ? "unanswered" : "answered, but nothing paid by the date it gave")
                    + "; \(asked) is below the demand minimum of \(minimum), so no formal demand follows"
                return stop
            }
            // While we owe the client our proposal on a query about other work, no threat of
            // court goes over the rest: the dispute is answered first (`FinalHold.query`).
            if let hold = queryHold(story, ledger: ledger) {
                c.held = hold
                c.nextStage = .demand
                c.reason = "final notice of \(lastLadder.date) " + (unanswered.contains(lastLadder) ? "unanswered" : "answered, but nothing paid by the date it gave") + "; " + hold.said(.demand)
                return c
            }
            c = demand
            c.stage = .demand
            c.daysPastDue = maxDaysPast(c.chased, ledger, asOf)
            c.stalled = !unanswered.contains(lastLadder)
            c.reason = unanswered.contains(lastLadder)
                ? "final notice of \(lastLadder.date) unanswered after \(Plural.count(asOf.days(since: lastLadder.date), "day")); \(oldestNumber) is \(Plural.count(days, "day")) past due"
                : "final notice of \(lastLadder.date) answered, but nothing paid by the date it gave; \(oldestNumber) is \(Plural.count(days, "day")) past due"
            return c
        }

        var earliest = (last ?? lastLadder).date.adding(days: s.cadenceMax)
        // Nor before the client has had the date the last letter gave: over Christmas, or with
        // a short cadence, that date may come after the cadence's days.
        if let after = dayAfterReply(to: last ?? lastLadder, s) { earliest = max(earliest, after) }
        // A reply holds the next letter once per letter (and money that came since, again):
        // replies with neither payment nor promise do not hold it for ever.
        let holding = repliedSinceLast == nil ? nil : story.replyHolding(after: last, about: askedAbout, ledger: ledger)
        if let r = holding { earliest = max(earliest, r.adding(days: s.cadenceMax)) }
        let stalled = unpaid.count >= 2 * s.finalAfter
        // A small sum's one letter is a follow-up: it warns of no final notice, as none follows.
        var stage: LetterStage = small != nil ? .followUp : atLeastHighest(unanswered.count >= s.finalAfter || stalled ? .final : .followUp)
        if let d = discountsOnly(stage) { return d }
        // The first final notice waits where the silence it answers is not what it seems: a
        // query of theirs we owe an answer, letters the contact now never had, a client paying
        // as late as it always does and always in full (`FinalHold`). A follow-up goes instead.
        if stage == .final && highest < LetterStage.final.rung! {
            let counted = unanswered.count >= s.finalAfter ? unanswered : unpaid
            let first = chased.min { (ledger.invoices[$0].issued, ledger.invoices[$0].order) < (ledger.invoices[$1].issued, ledger.invoices[$1].order) }!
            c.held = queryHold(story, ledger: ledger) ?? newContactHold(counted, story: story, ledger: ledger)
                ?? UsualLateness(before: first, story, ledger: ledger, sheet: sheet).flatMap { usual in
                    let from = usual.beyond(due: earliestDue)
                    return asOf < from ? .habit(usual, from: from) : nil
                }
            if c.held != nil { stage = .followUp }
        }
        if asOf < earliest {
            c.reason = (holding.map { "replied on \($0); next \(stage.title) from \(earliest)" } ?? "last letter \((last ?? lastLadder).date); next \(stage.title) from \(earliest)")
                + (c.held.map { "; " + $0.said(.final) } ?? "")
            c.nextDate = earliest
            c.nextStage = stage
            return c
        }
        c.stage = stage
        c.belowChaseMinimum = small?.minimum
        // A final notice is counted from, and named by, the oldest invoice it threatens over.
        var leadNumber = oldestNumber, leadDays = days
        if stage == .final {
            setApart(&c, final: nil, story: story, ledger: ledger, sheet: sheet)
            c.daysPastDue = maxDaysPast(c.chased, ledger, asOf)
            if let o = c.chased.min(by: { (ledger.invoices[$0].due, ledger.invoices[$0].order) < (ledger.invoices[$1].due, ledger.invoices[$1].order) }) {
                (leadNumber, leadDays) = (ledger.invoices[o].number, c.daysPastDue)
            }
        }
        if stage == .final, let f = c.notWarnedBy {
            let plans = LetterFields.invoicePhrase(chased.map { ledger.invoices[$0].number })
            c.reason = "the payment plan for \(plans) ran out with an instalment our final notice of \(f.date) did not warn of; \(leadNumber) is \(Plural.count(leadDays, "day")) past due"
        } else if stage == .final && unanswered.count >= s.finalAfter {
            c.reason = "\(Plural.count(unanswered.count, "letter")) unanswered since \(unanswered.first!.date); \(leadNumber) is \(Plural.count(leadDays, "day")) past due"
        } else if stage == .final && highest < LetterStage.final.rung! {
            c.stalled = true
            c.reason = "\(Plural.count(unpaid.count, "letter")) since \(unpaid.first!.date) answered, but nothing paid; \(leadNumber) is \(Plural.count(leadDays, "day")) past due"
        } else if stage == .final {
            c.stalled = stalled
            c.finalAnswered = true
            let f = episode.last { $0.stage == .final }!
            if let plan = planReplacing(f, chased: c.chased, story: story, ledger: ledger, sheet: sheet) {
                // One in default lapsed on its day (3.10): it did not run its course.
                let end = plan.lapsedOn.map { "lapsed on \($0)" } ?? "has run out"
                c.reason = "\(leadNumber) is \(Plural.count(leadDays, "day")) past due; the payment plan agreed on \(plan.plan.date), after our final notice of \(f.date), \(end), so the notice is restated on the plan's end"
            } else {
                c.reason = "\(leadNumber) is \(Plural.count(leadDays, "day")) past due; the client answered our final notice of \(f.date), so it is restated rather than followed by a demand"
            }
        } else {
            let n = unanswered.count
            // The reply is dated: it answered our ladder letters, and may be older than a
            // letter off the ladder (a plan's, a dispute's) sent since.
            // Several replies since it, none of which held this letter back again, are counted:
            // the user sees why a client in touch so often gets the next letter.
            let since = (last ?? lastLadder).date
            let words = story.notes(after: last ?? lastLadder).filter { ClientStory.answers($0, about: askedAbout) }
            let askedIndices = ClientStory.indices(of: askedAbout, ledger: ledger)
            let paidSince = story.payments.contains { ($0.date, $0.order) > (since, (last ?? lastLadder).order) && ClientStory.answers($0, about: askedIndices, ledger: ledger) }
            let replies = words.count > 1
                ? ", the client replied \(Plural.times(words.count)) since, the last on \(words.last!.date)\(paidSince ? "" : ", with no payment")"
                : lastReply.map { $0.date < since ? ", the client last replied on \($0.date)" : ", the client replied on \($0.date)" } ?? ""
            let reminders = c.remindersUnanswered
            let count = reminders == 0 ? "\(n) unanswered"
                : n == 0 ? "\(Plural.count(reminders, "instalment reminder")) unanswered"
                : "\(n + reminders) unanswered, \(reminders) of them \(reminders == 1 ? "an instalment reminder" : "instalment reminders")"
            c.reason = "\(oldestNumber) is \(Plural.count(days, "day")) past due; last letter \(since)" + (n + reminders > 0 ? ", \(count)" : replies)
                + (c.held.map { "; " + $0.said(.final) } ?? "")
        }
        return c
    }

    /// An open query about any of the client's invoices (those chased are never among them):
    /// we owe the client our proposal, and no final notice or demand goes meanwhile (7.2).
    static func queryHold(_ story: ClientStory, ledger: Ledger) -> FinalHold? {
        story.openDisputes.isEmpty ? nil : .query(story.openDisputes.keys.sorted())
    }

    /// The letters that would bring a final notice, when every one of them went to another
    /// than whom letters go now (its `to` line says so, 3.11): whom they went to.
    static func newContactHold(_ letters: [LetterSent], story: ClientStory, ledger: Ledger) -> FinalHold? {
        var whom: [String] = []
        for l in letters {
            guard let to = LetterFields.recipient(of: l, client: story.client, files: ledger.files) else { return nil }
            if !whom.contains(to) { whom.append(to) }
        }
        return whom.isEmpty ? nil : .newContact(LetterFields.list(whom))
    }

    /// A missed instalment gets a reminder; an instalment falling due gets one only when the user
    /// asked for courtesy notes (within that many days).
    static func instalment(_ story: ClientStory, plan: PlanProgress, ledger: Ledger, sheet: BalanceSheet) -> StageChoice? {
        let s = ledger.settings
        // Nothing to ask for when all that is left to pay waits with a query (7.2).
        guard let next = plan.next, plan.nextShortfall > 0 else { return nil }
        let asOf = story.asOf
        // The instalment's own date, as the reasons state it; whether it is missed, and how
        // late, is read from the last day its money could arrive (`Instalment.lastDay`).
        let d = next.instalment.date
        let amount = Money(minor: plan.nextShortfall, currency: plan.plan.currency)
        var c = StageChoice(client: story.client.id, stage: .instalment, reason: "")
        let open = Set(story.open)
        c.chased = plan.covered.filter { open.contains($0) }
        if plan.missed {
            // Each missed instalment is chased: the latest one decides when, so a letter about
            // the first does not silence the second.
            let overdue = plan.overdue
            let latestMissed = overdue.instalments.last ?? next.instalment
            let latest = latestMissed.date, latestLast = latestMissed.lastDay
            guard asOf >= latestLast.adding(days: s.reminderAfter) else { return nil }
            // A letter on the ladder about other invoices since then asked for it too: one
            // recorded with the plan's invoices did (it is recorded so because it asked for
            // them); one recorded with other invoices alone, once the first missed instalment
            // was `reminder-after` days late, when such a letter asks for every one missed
            // (`PlanProgress.asksMissed`): a formal demand is never recorded with the plan's
            // invoices, and a reminder after it would give a second date for the same money.
            let firstMissed = overdue.instalments.first?.lastDay ?? latestLast
            // An instalment paid on time by a payment that came back since (3.6) did arrive: the
            // reasons say what became of it, as the agenda does, not that it never arrived.
            let back = LetterFields.instalmentsUnpaidAgain(of: plan, story: story, ledger: ledger)
            let latestSaid = back[latest].map { "instalment due \(latest) paid on \($0.paid), returned unpaid on \($0.back)" } ?? "instalment due \(latest) has not arrived"
            guard !story.letters.contains(where: {
                ($0.stage == .instalment && $0.date > latestLast && plan.isAbout($0, ledger: ledger))
                    || (($0.stage.rung ?? 0) >= 1 && $0.date > latestLast
                        && ($0.date >= firstMissed.adding(days: s.reminderAfter) || !$0.invoices.isEmpty && plan.isAbout($0, ledger: ledger)))
            }) else { return nil }
            // Not hard on the heels of another letter (a dispute acknowledgement, say).
            if let l = story.lastLetter, asOf < l.date.adding(days: s.cadenceMin) {
                var wait = StageChoice(client: story.client.id, stage: nil, reason: "\(latestSaid); we wrote on \(l.date), so the reminder goes from \(l.date.adding(days: s.cadenceMin))")
                wait.nextDate = l.date.adding(days: s.cadenceMin)
                return wait
            }
            // Nor before the date our last letter about the plan gave has passed: an instalment
            // fallen due since is asked for then, with the one that letter asked for, rather
            // than giving the client a second date for that one. A note sent before the
            // instalment fell due (`courtesy` on) gave the instalment's own date: that is the
            // date waited for, not the reply date it did not give.
            if let l = story.letters.last(where: { ($0.stage == .instalment || ($0.stage.rung ?? 0) >= 1 && !$0.invoices.isEmpty) && plan.isAbout($0, ledger: ledger) }),
               let replyAfter = dayAfterReply(to: l, s), asOf < replyAfter {
                let by = plan.dateGiven(by: l, ledger: ledger, sheet: sheet)
                let after = by.adding(days: 1)
                if asOf < after {
                    let what = by < s.replyBy(l.date) ? "asked for the instalment by \(by)" : "asked for what was missed by \(by)"
                    var wait = StageChoice(client: story.client.id, stage: nil, reason: "\(latestSaid); our letter of \(l.date) \(what), so the reminder goes from \(after)")
                    wait.nextDate = after
                    return wait
                }
            }
            // A promise made since our last letter that asked for money holds the reminder until
            // its day; after it, the reminder names it when it was not kept in full (7.2).
            // One whose day has not come holds it though a letter went after it, as on the ladder.
            if let pn = story.notes.last(where: { $0.promise != nil }), let p = pn.promise, asOf <= p.lastDay, pn.date >= plan.plan.date {
                var wait = StageChoice(client: story.client.id, stage: nil, reason: waitsFor(p, madeOn: pn.date))
                wait.nextDate = p.lastDay.adding(days: 1)
                return wait
            }
            let lastAsking = story.letters.last { !leavesPromiseStanding.contains($0.stage) }
            if let pn = story.notes(after: lastAsking).last(where: { $0.promise != nil && $0.date >= plan.plan.date }), let p = pn.promise {
                if asOf <= p.lastDay {
                    var wait = StageChoice(client: story.client.id, stage: nil, reason: waitsFor(p, madeOn: pn.date))
                    wait.nextDate = p.lastDay.adding(days: 1)
                    return wait
                }
                let outcome = PromiseOutcome(note: pn, promise: p, payments: story.payments, asOf: asOf, ledger: ledger, owing: (story, sheet))
                if outcome.state != .pending { c.promise = outcome }
            }
            let several = "\(overdue.instalments.count) instalments (\(Money(minor: overdue.shortfall, currency: plan.plan.currency))) due \(overdue.instalments.map { "\($0.date)" }.joined(separator: ", "))"
            c.reason = overdue.instalments.contains(where: { back[$0.date] != nil })
                ? (overdue.instalments.count > 1 ? several : "instalment of \(Money(minor: next.instalment.minor, currency: plan.plan.currency)) due \(d)") + ": "
                    + PlanProgress.notReceived(overdue.instalments, returned: back, currency: plan.plan.currency, asOf: asOf)
                : overdue.instalments.count > 1
                ? several + " have not arrived"
                : plan.nextShortfall < next.instalment.minor
                    ? "\(amount) of the instalment due \(d) still to come (\(Plural.count(asOf.days(since: next.instalment.lastDay), "day")))"
                    : "instalment of \(amount) due \(d) has not arrived (\(Plural.count(asOf.days(since: next.instalment.lastDay), "day")))"
            // What waits with a query is not asked for, and the reason says so.
            let inQuery = plan.heldInstalments.reduce(Int64(0)) { $0 + $1.held }
            if inQuery > 0 { c.reason += "; \(Money(minor: inQuery, currency: plan.plan.currency)) more is on hold with a query" }
            c.daysPastDue = asOf.days(since: next.instalment.lastDay)
            // Those that fell due while a query held the plan, settled since, were not missed:
            // they are now to be paid (the letter says so, `plan.next`).
            // Part of them may have waited with a query beside money out of it: the reason says
            // how much of what it asks for is such money, not missed.
            let held = plan.heldByQuery(open: story.open, sheet: sheet, ledger: ledger)
            let heldSum = held.reduce(Int64(0)) { $0 + $1.unpaid }
            if heldSum > 0, let released = held.map(\.released).max(),
               !story.letters.contains(where: { $0.date >= released && ($0.stage == .instalment || ($0.stage.rung ?? 0) >= 1 && !$0.invoices.isEmpty) && plan.isAbout($0, ledger: ledger) }) {
                if heldSum == overdue.shortfall {
                    let due = held.map { "\($0.instalment.date)" }.joined(separator: ", ")
                    c.reason = "the query that held the plan was settled on \(released); \(held.count == 1 ? "the instalment" : "the instalments") of \(Money(minor: overdue.shortfall, currency: plan.plan.currency)) due \(due), on hold until then, \(held.count == 1 ? "is" : "are") now to be paid"
                    c.daysPastDue = asOf.days(since: released)
                } else {
                    c.reason += "; \(Money(minor: heldSum, currency: plan.plan.currency)) of it was on hold with a query until \(released) and is now to be paid"
                }
            }
            return c
        }
        // A note goes before the instalment's date, not on it (a note read that day asks for
        // money the client must already have sent), nor in the days after a date on a weekend
        // or a holiday, before it is missed: the reminder, once it is, counts from its last day
        // (`Instalment.lastDay`).
        guard let before = s.courtesyDays, d > asOf, d.days(since: asOf) <= before else { return nil }
        // A note held back goes only if its wait is over by the day before the instalment's.
        let lastNoteDay = d.adding(days: -1)
        guard !story.letters.contains(where: { $0.stage == .instalment && $0.date >= d.adding(days: -before) }) else { return nil }
        // Not fewer than `cadence` min days after a letter that asked for the plan's money (an
        // instalment reminder, or a letter on the ladder recorded with the plan's invoices,
        // which asked for its missed instalments and showed the rest of it): a note days later
        // would be a second letter in a week about the same money, as a courtesy note is not
        // sent after a letter that listed its invoice (`ladder`).
        let planLetter = story.letters.last { ($0.stage == .instalment || ($0.stage.rung ?? 0) >= 1 && !$0.invoices.isEmpty) && plan.isAbout($0, ledger: ledger) }
        if let l = planLetter, let held = noteWaits(after: l, asOf: asOf, s) {
            var wait = StageChoice(client: story.client.id, stage: nil, reason: "instalment of \(amount) falls due on \(d); our \(l.stage.title) of \(l.date) asked for the plan's money")
            // Once missed, the reminder goes no sooner than the day after the date that letter gave.
            wait.nextDate = held.nextDate(fallingDue: lastNoteDay, lastDay: next.instalment.lastDay, s, notBefore: plan.dateGiven(by: l, ledger: ledger, sheet: sheet).adding(days: 1))
            return wait
        }
        // Nor fewer than `cadence` min days after any other letter to the client (one about
        // other invoices, a dispute acknowledgement): the contact cadence is the client's, and
        // a note a few days after a follow-up would be a second letter from us in a week.
        if let held = noteWaits(after: story.lastLetter, asOf: asOf, s) {
            var wait = StageChoice(client: story.client.id, stage: nil, reason: "instalment of \(amount) falls due on \(d); \(held.said(fallingDue: lastNoteDay))")
            wait.nextDate = held.nextDate(fallingDue: lastNoteDay, lastDay: next.instalment.lastDay, s)
            return wait
        }
        c.reason = "instalment of \(amount) falls due on \(d)"
        c.instalmentFallingDue = true
        return c
    }

    /// The reason of a client with nothing to chase and no thanks to give: the editor's lens,
    /// which says what the client owes beside it, leaves it out rather than say it twice.
    static let nothingOwed = "nothing owed"

    static func thanksOrNothing(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> StageChoice {
        let id = story.client.id
        let nothing = StageChoice(client: id, stage: nil, reason: nothingOwed)
        guard let last = story.lastLetter, last.stage.isChase else { return nothing }
        // Everything issued by the letter's day is paid: work invoiced since, not yet due, may
        // be open (the caller sees to it that nothing else is).
        guard !story.open.contains(where: { ledger.invoices[$0].issued <= last.date }) else { return nothing }
        // A dispute acknowledgement names the disputed invoices only, but set out the whole
        // account: the thanks are for every invoice open when it went.
        let named = last.stage == .dispute ? story.shown(by: last, ledger: ledger, sheet: sheet) : last.invoices.compactMap { ledger.invoiceIndex[$0] }
        let relevant = named.isEmpty ? story.issued : named
        // Money written off as a loss was not paid: no thanks for that. A sum waived with the
        // client's knowledge, the rest paid, is an agreed reduction, as a credit note would be.
        guard !relevant.contains(where: { story.writtenOff($0, ledger: ledger, sheet: sheet).lost > 0 }) else { return nothing }
        // Nothing is open: what the letter showed was cleared by the last settlement of an
        // invoice issued by its date, whichever it named (one it listed as not yet due may have
        // been paid last). Work invoiced since and paid on time is not what the thanks are for.
        guard relevant.contains(where: { sheet.invoices[$0].settled != nil }),
              let cleared = story.issued.filter({ ledger.invoices[$0].issued <= last.date }).compactMap({ sheet.invoices[$0].settled }).max() else { return nothing }
        guard story.asOf.days(since: cleared) <= thanksWindow else { return nothing }
        // Nor when any debt our letters asked for was written off as a loss, though a letter
        // about other work went since: "your account is settled" would give up the claim.
        let lostAsked = story.issued.contains { i in
            guard sheet.invoices[i].writtenOff > 0, story.writtenOff(i, ledger: ledger, sheet: sheet).lost > 0 else { return false }
            let inv = ledger.invoices[i]
            return story.letters.contains { $0.stage.isChase && ($0.invoices.isEmpty ? $0.date > inv.due : $0.invoices.contains(inv.number)) }
        }
        guard !lostAsked else { return nothing }
        // A claim an earlier thank-you told the client was covered by money of theirs held on
        // account, which later work has taken since, unrecorded: the books count that money
        // twice, and a thank-you now would call the account settled, or offer money back, by
        // figures the earlier one contradicts. The claim is recorded first (the agenda asks).
        if let r = LateClaim.toRecord(story, ledger: ledger, sheet: sheet, anyAge: true).first(where: { !$0.spent.isEmpty }) {
            var wait = nothing
            wait.reason = "invoices paid by \(cleared), but the claim of our formal demand of \(r.demand.date), which our thank-you of \(r.thanks.date) called covered, is not recorded; no thank-you until it is"
            wait.claimToRecord = r
            return wait
        }
        // After a demand that claimed interest or compensation, the invoices are paid but the
        // claim is not recorded as paid: the reason does not call it all settled. One recorded
        // as an invoice of that sum and paid, or written off `waived`, is settled with the rest.
        let claiming = story.letters.last { $0.stage == .demand && LateClaim.stands(by: $0, story: story, ledger: ledger, sheet: sheet) }
        var note = claiming == nil ? "" : "; the demand's claim is not recorded as paid"
        // Money held on account that meets the claim stays on account in the ledger, and would
        // pay the next invoice: the user is told to record the claim.
        if let d = claiming, let made = LateClaim.asMade(by: d, story: story, ledger: ledger, sheet: sheet) {
            let met = made.met(client: id, issued: story.issued, since: d.date, ledger: ledger, sheet: sheet).held
            if !met.isEmpty {
                func amounts(_ t: [(Currency, Int64)]) -> String { t.map { Money(minor: $0.1, currency: $0.0).description }.joined(separator: " and ") }
                // Lowered by a credit note since: what it comes to now is not what it stated.
                let figure = made.stated.map { "\(amounts(met)) now; it stated \(amounts($0)), which a credit note has since reduced" } ?? amounts(met)
                note = "; the money held on account meets the claim of the demand of \(d.date) (\(figure)): record it as an invoice, or it will pay later work"
            }
        }
        let notDue = story.open.map { ledger.invoices[$0].number }
        let paid = claiming != nil ? "invoices paid by \(cleared)" : notDue.isEmpty ? "all settled on \(cleared)" : "all past due paid by \(cleared)"
        let waiting = notDue.isEmpty ? "" : "; \(LetterFields.invoicePhrase(notDue)) not yet due"
        return StageChoice(client: id, stage: .thanks, reason: paid + " after our \(last.stage.title) of \(last.date)" + waiting + note)
    }
}
