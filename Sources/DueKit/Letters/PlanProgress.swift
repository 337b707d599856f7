/// How a client's payment plan stands on the as-of date: what it covers, what has been paid
/// under it, and the first instalment not yet met.
public struct PlanProgress: Sendable {
    public let plan: PaymentPlan
    /// Indices into `ledger.invoices` of the invoices the plan covers.
    public let covered: [Int]
    /// Paid towards the plan so far: the planned amount less what its invoices still owe, as
    /// the letters ask for it (a loss written off one still open included, 3.8), beyond what
    /// the plan did not cover (`notCovered`).
    public let paid: Int64
    /// What the plan's invoices owed when it was agreed beyond the amount planned: the part of
    /// them it did not cover (the rest of an invoice to be paid otherwise), which money still
    /// owed on them is first taken to be, so a plan paid on schedule is kept (3.10).
    public let notCovered: Int64
    /// The first instalment whose running total is not yet paid, with that running total.
    public let next: (instalment: Instalment, cumulative: Int64)?
    public let asOf: Day
    /// What of the plan's money is on hold with a query on the as-of date: what its invoices
    /// in dispute then still owe, as the letters ask for it. It waits at the end of the
    /// schedule: the instalments are met, first to last, from the rest of the plan's money, and
    /// an instalment (or the part of one) that only money in query would meet is on hold with
    /// it, not missed (7.2). All of what is still to pay when every open invoice is in dispute.
    public var held: Int64 = 0
    /// For a plan that has run out or is in default (`ended`): the day it ended, when the reply
    /// date of the letter that chased its missed instalments passed.
    public var overSince: Day?
    /// For a plan whose schedule has ended unpaid and that a letter has chased since, but that
    /// has not run out yet (`ended`): that letter, whether it was a final notice that warned of
    /// a formal demand, and the day the plan is over from (the day after the date it gave).
    /// The agenda says what follows from it as the stage chooser will take it.
    public var ending: (letter: LetterSent, warned: Bool, from: Day)?
    /// For a plan in default (3.10), whose reminder went before its schedule ended: the letter
    /// that asked for its missed instalments and went unanswered, by money or word, until the
    /// date it gave had passed; the plan stays over past its last date. While that date is
    /// still ahead and nothing has come, `ending` names it too.
    public var defaultedBy: LetterSent?

    /// For a plan in default (`defaultedBy`): the day it lapsed, the day after the date that
    /// letter gave, when all that was open on it fell due (3.10), as a formal demand counts its
    /// interest (`LateClaim`); nil for a plan that is running or ran out.
    public var lapsedOn: Day? { defaultedBy == nil ? nil : overSince?.adding(days: 1) }

    /// Whether every invoice of the plan still open is in dispute (`disputed`: numbers of the
    /// invoices with an open dispute): the plan is then on hold with them, and no instalment
    /// is chased (7.2).
    public func heldByDispute(open: [Int], disputed: Set<String>, ledger: Ledger) -> Bool {
        let still = covered.filter { open.contains($0) }
        return !still.isEmpty && still.allSatisfy { disputed.contains(ledger.invoices[$0].number) }
    }

    /// Every plan of the story that has money open and has not run out, latest first. A plan
    /// whose open invoices a later plan all covers was replaced by it; one on other invoices
    /// runs beside it, and its invoices stay off the ladder as well.
    public static func running(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> [PlanProgress] {
        guard !story.plans.isEmpty else { return [] }
        return standing(story, ledger: ledger, sheet: sheet).filter { !$0.over }.map(\.progress)
    }

    /// What a letter says of this plan's missed instalments, as a clause: "the instalment of
    /// 400.00 GBP due on 15 April 2026 has not reached us", "250.00 GBP of the 400.00 GBP
    /// instalment due on … is still to come", "the instalments due on … have not reached us
    /// (600.00 GBP in all)". `either`: said after another plan's ("has not reached us either").
    public func missedClause(either: Bool = false) -> String {
        let o = overdue, cur = plan.currency
        let short = Money(minor: o.shortfall, currency: cur)
        let due = o.instalments.reduce(Int64(0)) { $0 + $1.minor }
        let dates = LetterFields.list(o.instalments.map { $0.date.longDescription })
        let notReached = "not reached us" + (either ? " either" : "")
        // Part of them may wait with a query (`held`): not missed, and said apart.
        let inQuery = heldInstalments.filter { h in o.instalments.contains { $0.date == h.instalment.date } }.reduce(Int64(0)) { $0 + $1.held }
        if inQuery > 0 {
            let rest = due - o.shortfall - inQuery
            let what = o.instalments.count == 1 ? "the \(Money(minor: due, currency: cur)) instalment due on \(dates)" : "the instalments due on \(dates) (\(Money(minor: due, currency: cur)) in all)"
            return "of \(what), \(short) \(rest > 0 ? "is still to come" : "has " + notReached), and \(Money(minor: inQuery, currency: cur)) is on hold with the query"
        }
        if o.instalments.count == 1 {
            return o.shortfall < due
                ? "\(short) of the \(Money(minor: due, currency: cur)) instalment due on \(dates) is still to come"
                : "the instalment of \(short) due on \(dates) has \(notReached)"
        }
        return o.shortfall < due
            ? "the instalments due on \(dates) are not yet paid in full (\(short) of them is still to come)"
            : "the instalments due on \(dates) have \(notReached) (\(short) in all)"
    }

    /// The plan named for a client with more than one: "the plan we agreed on 1 March 2026
    /// for invoice A-1".
    public func named(in ledger: Ledger) -> String {
        "the plan we agreed on \(plan.date.longDescription) for \(LetterFields.invoicePhrase(covered.map { ledger.invoices[$0].number }))"
    }

    /// The plans with money open that have run out, latest first: their schedule ended unpaid
    /// and their missed instalments were chased since, so their invoices are back on the
    /// ladder, and the ladder's letters say each plan failed rather than offer one again (two
    /// may run out together).
    public static func allEnded(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> [PlanProgress] {
        guard !story.plans.isEmpty else { return [] }
        return standing(story, ledger: ledger, sheet: sheet).filter(\.over).map(\.progress)
    }

    /// The plans with money open that no later plan replaced, latest first, each with whether
    /// it has run out.
    private static func standing(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> [(progress: PlanProgress, over: Bool)] {
        var found: [(progress: PlanProgress, over: Bool)] = []
        var replaced = Set<Int>()
        for plan in story.plans.reversed() {
            let covered = Self.covered(by: plan, story: story, ledger: ledger, sheet: sheet)
            let stillOpen = covered.reduce(Int64(0)) { $0 + max(0, sheet.invoices[$1].open) }
            guard stillOpen > 0 else { continue }
            // What was paid under it is judged on what the client owes, as the letters ask for
            // it: a loss written off an invoice still open is not money received (3.8).
            let owedNow = covered.reduce(Int64(0)) { $0 + sheet.invoices[$1].asked }
            // Agreed again in a later plan: that plan is the one that runs for this money.
            let openOnes = covered.filter { sheet.invoices[$0].open > 0 }
            if openOnes.allSatisfy(replaced.contains) { continue }
            replaced.formUnion(covered)
            var progress = PlanProgress(plan: plan, covered: covered, openNow: owedNow, notCovered: notCovered(plan, covered: covered, ledger: ledger, sheet: sheet), asOf: sheet.asOf)
            // Paid in full, with part of its invoices left that it did not cover: the plan is
            // kept, and that part is chased (or not) as the rest of the invoices, on the ladder.
            if progress.next == nil { continue }
            if !story.openDisputes.isEmpty {
                progress.held = covered.reduce(Int64(0)) { sum, i in
                    story.openDisputes[ledger.invoices[i].number] == nil ? sum : sum + max(0, sheet.invoices[i].asked)
                }
            }
            // A plan whose schedule has ended unpaid, and whose missed instalments we have
            // already chased since, is over once the date that letter gave has passed: its
            // invoices go back to the ladder. A letter on the ladder about other invoices asked
            // for the missed instalments too (`on.hold`).
            // The last day the schedule's last instalment could arrive on time (`lastDay`).
            let end = plan.instalments.last?.lastDay
            let after = ledger.settings.reminderAfter
            let overSince = end.flatMap { end -> Day? in
                guard end < sheet.asOf else { return nil }
                // A ladder letter recorded with the plan's invoices asked for its missed
                // instalments (the last among them, if it came after it) whatever its date; one
                // recorded with other invoices alone did once the first of them was
                // `reminder-after` days late, as such a letter asks for them all then (`asksMissed`).
                let firstMissed = progress.overdue.instalments.first?.lastDay ?? end
                let chasedSince = story.letters.filter {
                    $0.stage == .instalment ? $0.date > end && progress.isAbout($0, ledger: ledger)
                        : ($0.stage.rung ?? 0) >= 1 && $0.date > end
                            && ($0.date >= firstMissed.adding(days: after) || !$0.invoices.isEmpty && progress.isAbout($0, ledger: ledger))
                }.map { (letter: $0, warned: false, day: ledger.settings.replyBy($0.date)) }
                // A final notice recorded with the plan's invoices asked for the instalments
                // missed by then and warned that a formal demand would follow: once the schedule
                // has ended with those still unpaid, and the date it gave has passed, the plan is
                // over whatever day the notice went. The next step is the demand, which asks
                // for what is open on the plan's invoices with the rest; no letter comes after
                // it to be "about the invoice itself". Only when it asked for all the money the
                // plan is short of: an instalment fallen due after it and still unpaid (the last
                // one missed, or what the client left of it) was asked for by no letter, and a
                // demand must not be the first to ask for it. That one is chased first as any
                // missed instalment is (`instalment`), and the plan is over once the date that
                // reminder gave has passed.
                let lastMissed = progress.overdue.instalments.last?.lastDay
                let warned = story.letters.filter { l in
                    l.stage == .final && !l.invoices.isEmpty && progress.isAbout(l, ledger: ledger) && lastMissed.map { $0 < l.date } == true
                }.map { (letter: $0, warned: true, day: max(ledger.settings.replyBy($0.date), end)) }
                // A final notice found both ways is the one that warned (its demand follows).
                let first = (chasedSince + warned).min { ($0.day, $0.letter.date, $0.letter.order, $0.warned ? 0 : 1) < ($1.day, $1.letter.date, $1.letter.order, $1.warned ? 0 : 1) }
                if let first, sheet.asOf <= first.day { progress.ending = (first.letter, first.warned, first.day.adding(days: 1)) }
                return first.map(\.day).flatMap { sheet.asOf > $0 ? $0 : nil }
            }
            // A plan in default is over too, before its schedule has ended: the letter that
            // asked for its missed instalments went unanswered until the date it gave had passed
            // (3.10). Its invoices go back to the ladder, as a plan run out does, and stay there
            // once the schedule's last date has passed as well: that reminder, sent while the
            // schedule ran, told the client the plan would lapse and the next letter would be
            // about the invoices, and the ladder's letters since have said it lapsed. It is over
            // from its default, not from a later letter's date, so those letters do not say a
            // second time that it ended. An instalment reminder first sent after the last date
            // warned of no lapse: that plan runs out (`overSince`).
            var over = overSince
            if !progress.heldByDispute(open: story.open, disputed: Set(story.openDisputes.keys), ledger: ledger),
               let d = progress.defaulting(in: story, ledger: ledger, sheet: sheet), end.map({ d.letter.date <= $0 }) ?? true {
                if sheet.asOf > d.by {
                    over = d.by
                    progress.defaultedBy = d.letter
                    progress.ending = nil
                } else if progress.ending == nil {
                    progress.ending = (d.letter, false, d.by.adding(days: 1))
                }
            }
            progress.overSince = over
            found.append((progress, over != nil))
        }
        return found
    }

    /// The invoices `plan` covers (indices into `ledger.invoices`): those it names, or, naming
    /// none, the client's invoices open at the end of its day.
    static func covered(by plan: PaymentPlan, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> [Int] {
        guard plan.invoices.isEmpty else { return plan.invoices.compactMap { ledger.invoiceIndex[$0] } }
        // "All open invoices on the plan's date". The engine only ever lowers what an invoice
        // has open and records the day it reached zero (`settled`), so today's sheet tells how
        // each stood at the end of that day without a second run.
        let day = plan.date
        return story.issued.filter { i in
            ledger.invoices[i].issued <= day && sheet.invoices[i].total > 0 && (sheet.invoices[i].settled.map { $0 > day } ?? true)
        }
    }

    /// How a plan now paid in full was paid, for the thank-you that completes it: each
    /// instalment whose money came after its date (moved off a weekend or a holiday), with the
    /// day it was made up, and the day the last instalment was met when that was before its
    /// date (paid off early). Read from its invoices' history at the end of each day the
    /// client's money went to them, as the letters read the plan (what they asked for, 3.10);
    /// an instalment met only by a credit note is neither: the client did not pay it late or
    /// early.
    static func howPaid(_ plan: PaymentPlan, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> (late: [(due: Day, madeUp: Day)], paidOff: Day?) {
        let covered = Self.covered(by: plan, story: story, ledger: ledger, sheet: sheet)
        let numbers = Set(covered.map { ledger.invoices[$0].number })
        func towards(_ p: Payment) -> Bool {
            p.date >= plan.date && LetterFields.paidAny(by: p, ledger: ledger, sheet: sheet, where: numbers.contains)
        }
        let paymentDays = Set(story.payments.filter(towards).map(\.date))
        let days = paymentDays.union(story.credits.filter(towards).map(\.date)).sorted()
        guard !days.isEmpty, !plan.instalments.isEmpty else { return ([], nil) }
        let notCovered = Self.notCovered(plan, covered: covered, ledger: ledger, sheet: sheet)
        let history = LateClaim.history(of: covered, ledger: ledger, sheet: sheet, through: sheet.asOf)
        let paidBy = days.map { d in
            Self.paid(plan, openNow: covered.reduce(Int64(0)) { $0 + max(0, history.asked($1, endOf: d)) }, notCovered: notCovered)
        }
        // The day each instalment was met and stayed met (a payment that came back is no
        // payment, 3.6: the one that met it again is when it was paid).
        var running: Int64 = 0
        var met: [(instalment: Instalment, day: Day?)] = []
        for i in plan.instalments {
            running += i.minor
            var day: Day?
            for (k, d) in days.enumerated() {
                if paidBy[k] >= running { day = day ?? d } else { day = nil }
            }
            met.append((i, day.flatMap { paymentDays.contains($0) ? $0 : nil }))
        }
        let late = met.compactMap { m in m.day.flatMap { $0 > m.instalment.lastDay ? (m.instalment.date, $0) : nil } }
        let paidOff = met.last.flatMap { m in m.day.flatMap { $0 < m.instalment.date ? $0 : nil } }
        return (late, paidOff)
    }

    /// What became of the instalments `overdue`, due by `asOf`, in the agenda and the stage
    /// chooser's reasons: "not received after 13 days", counted from the first one's last day
    /// (`Instalment.lastDay`) ("2 instalments not received, the first after 32 days"), or, of one a payment that came
    /// back had paid, "paid on 2026-04-14, returned unpaid on 2026-04-24, not paid again since"
    /// ("…; 300.00 GBP of it paid since", `currency` the plan's); of some of each, both, each
    /// naming its instalments.
    static func notReceived(_ overdue: [Instalment], returned: [Day: InstalmentUnpaidAgain], currency: Currency, asOf: Day) -> String {
        // One payment may have paid several: named once for them all.
        var groups: [(dates: [Instalment], back: InstalmentUnpaidAgain?)] = []
        for i in overdue {
            let r = returned[i.date]
            if let k = groups.firstIndex(where: { $0.back == r }) { groups[k].dates.append(i) } else { groups.append(([i], r)) }
        }
        // In date order, each named by its instalments when there is more than one kind to say.
        return groups.map { g in
            let who = groups.count == 1 ? "" : (g.dates.count == 1 ? "the one due " : "those due ") + g.dates.map { "\($0.date)" }.joined(separator: " and ") + " "
            if let r = g.back {
                // Whether anything has come towards it since: the user checks for the rest.
                let since = r.since > 0 ? "; \(Money(minor: r.since, currency: currency)) of it paid since" : ", not paid again since"
                return who + "paid on \(r.paid), returned unpaid on \(r.back)" + since
            }
            let late = Plural.count(asOf.days(since: g.dates[0].lastDay), "day")
            if g.dates.count == 1 { return who + "not received after \(late)" }
            return who.isEmpty ? "\(g.dates.count) instalments not received, the first after \(late)" : who + "not received, the first after \(late)"
        }.joined(separator: "; ")
    }

    init(plan: PaymentPlan, covered: [Int], openNow: Int64, notCovered: Int64 = 0, asOf: Day) {
        self.plan = plan
        self.covered = covered
        self.asOf = asOf
        self.notCovered = notCovered
        self.paid = Self.paid(plan, openNow: openNow, notCovered: notCovered)
        self.next = Self.firstUnpaid(plan, paid: paid)
    }

    /// Paid under `plan` when its invoices owe `openNow` (as the letters ask for it) and owed
    /// `notCovered` beyond the amount planned when it was agreed: what they owe is the part
    /// the plan did not cover first, then what is left of the plan.
    static func paid(_ plan: PaymentPlan, openNow: Int64, notCovered: Int64) -> Int64 {
        min(plan.minor, max(0, plan.minor + notCovered - openNow))
    }

    /// What `covered`, the invoices of `plan`, owed at the start of its day beyond the amount
    /// planned (`notCovered`): what they had open then as the letters count it, less what
    /// credit notes have taken off them since, which was never owed (a part credited after the
    /// plan was agreed is no part it left out). Zero for a plan of all they owed, found without
    /// reading their history when their totals come to no more than the amount planned.
    static func notCovered(_ plan: PaymentPlan, covered: [Int], ledger: Ledger, sheet: BalanceSheet) -> Int64 {
        let totals = covered.reduce(Int64(0)) { $0 + sheet.invoices[$1].total }
        guard totals > plan.minor else { return 0 }
        let before = plan.date.adding(days: -1)
        let history = LateClaim.history(of: covered, ledger: ledger, sheet: sheet, through: sheet.asOf)
        let owed = covered.reduce(Int64(0)) { $0 + max(0, history.owed($1, endOf: before, knownAt: sheet.asOf)) }
        return max(0, owed - plan.minor)
    }

    /// The first instalment that `paid` under the plan does not cover, with the instalments'
    /// running total to it; nil when all are covered.
    static func firstUnpaid(_ plan: PaymentPlan, paid: Int64) -> (instalment: Instalment, cumulative: Int64)? {
        var running: Int64 = 0
        for i in plan.instalments {
            running += i.minor
            if running > paid { return (i, running) }
        }
        return nil
    }

    /// Our letter since the first missed instalment that asked for the missed instalments by a
    /// date still to come: an instalment reminder about this plan, or a ladder letter recorded
    /// with its invoices. Nil when there is none.
    func askedFor(in story: ClientStory, ledger: Ledger) -> LetterSent? {
        guard let first = overdue.instalments.first?.lastDay else { return nil }
        return story.letters.last { l in
            l.date > first && askedForPlan(in: l, ledger: ledger)
                && StageChooser.dayAfterReply(to: l, ledger.settings).map { story.asOf < $0 } == true
        }
    }

    /// The letter that puts the plan in default if nothing comes (3.10): the first since the
    /// first missed instalment's last day that was an instalment reminder about the plan and
    /// that no payment and no word from the client (a contact note, not one for the file) has
    /// answered since, by the as-of date or by the date it gave, whichever is sooner; with that
    /// date. Nil when none went, or the client answered each: a reply holds the plan, as it
    /// holds a letter. A ladder letter about other work that asked for the missed instalments
    /// beside it does not: a final notice so recorded warned of a demand over them alone, and
    /// the demand takes them in only once the schedule has ended (`ending`).
    func defaulting(in story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> (letter: LetterSent, by: Day)? {
        defaulting(in: story, ledger: ledger) { LateClaim.history(of: covered, ledger: ledger, sheet: sheet, through: $0) }
    }

    /// `defaulting`, reading how the plan's invoices stood on a letter's day from `history`
    /// (a claim has their history already, and no sheet of that day).
    func defaulting(in story: ClientStory, ledger: Ledger, history: (Day) -> OpenHistory) -> (letter: LetterSent, by: Day)? {
        guard let first = overdue.instalments.first?.lastDay else { return nil }
        for l in story.letters where l.date > first && l.stage == .instalment && isAbout(l, ledger: ledger) {
            let by = dateGiven(by: l, ledger: ledger, history: history), until = min(by, asOf)
            func since(_ d: Day, _ o: Int) -> Bool { (d, o) > (l.date, l.order) && d <= until }
            let word = story.notes.contains { since($0.date, $0.order) && $0.isContact }
            // A payment that came back since still answered it (3.6): the client acted on it.
            let money = story.payments.contains { since($0.date, $0.order) } || story.returned.contains { r in r.paid.map { since($0.date, $0.order) } ?? false }
            if !word && !money { return (l, by) }
        }
        return nil
    }

    /// The date our letter `l` about this plan gave the client to pay by, as it said it
    /// (`plan.by`): the reply date (`reply-days` on, moved off a weekend or a holiday), but for
    /// an instalment note sent before the instalment it spoke of fell due (a courtesy note, with
    /// nothing missed by its day), that instalment's own date, moved off a weekend or a holiday,
    /// when that came sooner. A reminder about the instalment, once it is missed, waits for
    /// that date, not for the reply date such a letter would have given.
    func dateGiven(by l: LetterSent, ledger: Ledger, sheet: BalanceSheet) -> Day {
        dateGiven(by: l, ledger: ledger) { LateClaim.history(of: covered, ledger: ledger, sheet: sheet, through: $0) }
    }

    /// `dateGiven`, the plan's invoices' history through a day read from `history`.
    func dateGiven(by l: LetterSent, ledger: Ledger, history read: (Day) -> OpenHistory) -> Day {
        let s = ledger.settings
        let reply = s.replyBy(l.date)
        // Only an instalment letter with an instalment falling due between its day and its reply
        // date can have given a sooner date: the plan's money as it stood that day is read
        // only then.
        guard Self.mayGiveInstalmentDate(l, plan: plan, s) else { return reply }
        // Read as the plan letters read it (`standing`): on what the letters asked for that
        // day, so an invoice that had left the letters with a loss standing counts as the
        // letter counted it, and the date is the one the letter gave.
        let history = read(l.date)
        let askedThen = covered.reduce(Int64(0)) { $0 + max(0, history.asked($1, endOf: l.date)) }
        guard let then = Self.firstUnpaid(plan, paid: Self.paid(plan, openNow: askedThen, notCovered: notCovered)), then.instalment.lastDay >= l.date else { return reply }
        return min(then.instalment.lastDay, reply)
    }

    /// Whether `l` may have given an instalment's own date (`dateGiven`): it is an instalment
    /// letter, and an instalment of `plan` not yet missed on its day has its last day
    /// (`Instalment.lastDay`) before the reply date the letter would otherwise give.
    static func mayGiveInstalmentDate(_ l: LetterSent, plan: PaymentPlan, _ s: Settings) -> Bool {
        let reply = s.replyBy(l.date)
        return l.stage == .instalment && plan.instalments.contains { $0.lastDay >= l.date && $0.lastDay < reply }
    }

    /// Whether `l` asked for this plan's money: an instalment letter about it, or a letter on
    /// the ladder recorded with its invoices (it is recorded so because it asked for them).
    func askedForPlan(in l: LetterSent, ledger: Ledger) -> Bool {
        (l.stage == .instalment || (l.stage.rung ?? 0) >= 1 && !l.invoices.isEmpty) && isAbout(l, ledger: ledger)
    }

    /// Whether an instalment letter was about this plan: it names one of its invoices, or
    /// none (a letter of an older version, about the client's plan).
    func isAbout(_ letter: LetterSent, ledger: Ledger) -> Bool {
        letter.invoices.isEmpty || letter.invoices.contains { n in covered.contains { ledger.invoices[$0].number == n } }
    }

    /// The next instalment is past its last day (`Instalment.lastDay`) and not paid.
    public var missed: Bool { next.map { $0.instalment.lastDay < asOf } ?? false }

    /// What is still to pay of the next instalment (less when part of it arrived, or waits
    /// with a query, `held`).
    public var nextShortfall: Int64 { next.map { max(0, min($0.cumulative, reach) - paid) } ?? 0 }

    /// The first instalment whose last day has not passed, with what is still to pay of it,
    /// when a missed one comes before it (`next` is then the missed one): the agenda expects
    /// it beside those missed. Nil when all of it has arrived early or waits with a query.
    public var upcoming: (instalment: Instalment, unpaid: Int64)? {
        var running: Int64 = 0
        for i in plan.instalments {
            let before = running
            running += i.minor
            guard i.lastDay >= asOf else { continue }
            let unpaid = min(running, reach) - max(before, paid)
            return unpaid > 0 ? (i, unpaid) : nil
        }
        return nil
    }

    /// What of the next instalment has arrived (or was met by a credit note or a sum waived).
    public var nextReceived: Int64 { next.map { max(0, paid - ($0.cumulative - $0.instalment.minor)) } ?? 0 }

    /// Every instalment whose last day (`Instalment.lastDay`: its date, or the next working
    /// day after a weekend or a holiday) has passed and whose money has not all arrived, oldest
    /// first, with what is still to pay of them together: a second missed instalment is
    /// chased as well as the first.
    public var overdue: (instalments: [Instalment], shortfall: Int64) {
        let owed = owedInstalments
        return (owed.map(\.instalment), owed.reduce(0) { $0 + $1.unpaid })
    }

    /// Every instalment whose date has passed and whose money has not all arrived, oldest
    /// first, each with what is still to pay of it (`overdue`, one by one).
    /// What money in query leaves on hold (`held`) is not among them: an instalment all of
    /// which waits with a query is not missed, and one part of which does is owed the rest.
    public var owedInstalments: [(instalment: Instalment, unpaid: Int64)] {
        Self.owed(plan, paid: paid, reach: reach, asOf: asOf)
    }

    /// `owedInstalments` of `plan` with `paid` paid under it and the schedule met up to
    /// `reach` (the rest waits with a query), without a whole progress: the aging's status.
    static func owed(_ plan: PaymentPlan, paid: Int64, reach: Int64, asOf: Day) -> [(instalment: Instalment, unpaid: Int64)] {
        var out: [(instalment: Instalment, unpaid: Int64)] = []
        var running: Int64 = 0
        for i in plan.instalments {
            let before = running
            running += i.minor
            guard i.lastDay < asOf else { break }
            let top = min(running, reach)
            if top > max(before, paid) { out.append((i, top - max(before, paid))) }
        }
        return out
    }

    /// The running total of the schedule that money not in query meets: the instalments past
    /// it wait with the query (`held`).
    var reach: Int64 { plan.minor - held }

    /// What credit notes have taken off the plan's invoices since the day before it was
    /// agreed (`since`), and how much of that took away the part the plan left out
    /// (`leftOut`, 3.10): what the invoices owe is that part first, so a credit note reduces
    /// it first, and only what it takes off beyond it meets instalments, without having been
    /// paid. A credit note for the part left out meets none.
    public func credited(ledger: Ledger, sheet: BalanceSheet) -> (since: Int64, leftOut: Int64) {
        let history = LateClaim.history(of: covered, ledger: ledger, sheet: sheet, through: sheet.asOf)
        let before = plan.date.adding(days: -1)
        let since = covered.reduce(Int64(0)) { sum, i in
            sum + max(0, (history.change(i, endOf: sheet.asOf)?.credited ?? 0) - (history.change(i, endOf: before)?.credited ?? 0))
        }
        // The part left out as it stood when the plan was agreed, before any credit note since
        // took some of it away (`notCovered` is what is left of it).
        let openThen = covered.reduce(Int64(0)) { $0 + max(0, history.open($1, endOf: before)) }
        let leftOut = min(since, max(0, max(0, openThen - plan.minor) - notCovered))
        return (since, leftOut)
    }

    /// What of `instalment` (the schedule's running total to it, `cumulative`) is on hold with a query:
    /// the part past `reach` not yet paid.
    public func heldPart(of instalment: Instalment, cumulative: Int64) -> Int64 {
        guard held > 0 else { return 0 }
        let before = cumulative - instalment.minor
        return max(0, cumulative - max(before, reach, paid))
    }

    /// The instalments whose date has passed and part or all of which waits with a query
    /// (`held`), oldest first, each with that part.
    public var heldInstalments: [(instalment: Instalment, held: Int64)] {
        guard held > 0 else { return [] }
        var out: [(instalment: Instalment, held: Int64)] = []
        var running: Int64 = 0
        for i in plan.instalments {
            running += i.minor
            guard i.lastDay < asOf else { break }
            let h = heldPart(of: i, cumulative: running)
            if h > 0 { out.append((i, h)) }
        }
        return out
    }

    /// The missed instalments whose money, or part of it, waited with a query open on their
    /// date and settled since (7.2), each with that part still to pay, the day the hold ended
    /// (the first of those queries settled) and the invoices queried. Our letters told the
    /// client such money waits: it was not missed, and is asked for as now to be paid. All of
    /// an instalment when every invoice of the plan still open was in query then (the plan was
    /// on hold); beside money out of query, the part that only the money in query would have
    /// met, as `held` counted it while the query was open. Empty while the hold lasts.
    public func heldByQuery(open: [Int], sheet: BalanceSheet, ledger: Ledger) -> [(instalment: Instalment, unpaid: Int64, released: Day, queried: [String])] {
        let still = covered.filter { open.contains($0) }
        guard !still.isEmpty, !sheet.disputes.isEmpty else { return [] }
        var out: [(instalment: Instalment, unpaid: Int64, released: Day, queried: [String])] = []
        var running: Int64 = 0
        for i in plan.instalments {
            let before = running
            running += i.minor
            guard i.lastDay < asOf else { break }
            // The invoices whose query was open on its date and has been settled by the as-of
            // date, with what they still owe and the day each was settled.
            var released: Int64 = 0
            var ends: [Day] = []
            var queried: [String] = []
            for k in still {
                let n = ledger.invoices[k].number
                guard sheet.disputes.open(n, on: i.date) != nil,
                      let span = sheet.disputes.spans[n]?.last(where: { s in s.raisedBy.first.map { sheet.disputes.day($0) <= i.date } ?? false }),
                      let r = span.resolvedBy, sheet.disputes.day(r.note) <= asOf else { continue }
                released += max(0, sheet.invoices[k].asked)
                ends.append(sheet.disputes.day(r.note))
                queried.append(n)
            }
            guard released > 0, let day = ends.min() else { continue }
            // What is owed of it now, less what would be owed had that money still waited at
            // the end of the schedule: the part only it would have met.
            let owed = max(0, min(running, reach) - max(before, paid))
            let missed = max(0, min(running, reach - released) - max(before, paid))
            if owed > missed { out.append((i, owed - missed, day, queried)) }
        }
        return out
    }

    /// Whether `l`, a letter on the ladder recorded with other invoices alone, asked for this
    /// plan's missed instalments beside its own money (`on.hold`): it went while the plan ran,
    /// once the first instalment missed was `reminder-after` days late (`asksMissed`), and not
    /// while an earlier letter about the plan gave a date for them still to come (it named
    /// that letter instead).
    func askedMissed(by l: LetterSent, in story: ClientStory, ledger: Ledger) -> Bool {
        guard (l.stage.rung ?? 0) >= 1, l.date > plan.date, !isAbout(l, ledger: ledger) else { return false }
        guard let first = overdue.instalments.first?.lastDay, l.date >= first.adding(days: ledger.settings.reminderAfter),
              overSince.map({ l.date <= $0 }) ?? true else { return false }
        return !story.letters.contains { k in
            (k.date, k.order) < (l.date, l.order) && k.date > first
                && (k.stage == .instalment || (k.stage.rung ?? 0) >= 1 && !k.invoices.isEmpty) && isAbout(k, ledger: ledger)
                && StageChooser.dayAfterReply(to: k, ledger.settings).map { l.date < $0 } == true
        }
    }

    /// Whether a letter on the ladder about other invoices asks for the missed instalments
    /// too: some money of them is unpaid, and the first missed has been late as long as an
    /// instalment reminder waits (`reminder-after` days after its last day): one due on a
    /// Thursday is not chased on the Friday.
    public func asksMissed(reminderAfter: Int) -> Bool {
        let o = overdue
        guard o.shortfall > 0, let first = o.instalments.first else { return false }
        // Once the first missed has been late that long, all missed are asked for with it: a
        // second just fallen due does not hold back the first, a month late.
        return asOf >= first.lastDay.adding(days: reminderAfter)
    }

    /// Every instalment's last day has passed and money is still open: the plan has run out.
    public var lapsed: Bool { (plan.instalments.last.map { $0.lastDay < asOf } ?? false) && next != nil }
}
