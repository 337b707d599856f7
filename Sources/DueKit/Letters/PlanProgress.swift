/// How a client's payment plan stands on the as-of date: what it covers, what has been paid
/// under it, and the first instalment not yet met.
public struct PlanProgress: Sendable {
    public let plan: PaymentPlan
    /// Indices into `ledger.invoices` of the invoices the plan covers.
    public let covered: [Int]
    /// Paid towards the plan so far: the planned amount less what its invoices still have open.
    public let paid: Int64
    /// The first instalment whose running total is not yet paid, with that running total.
    public let next: (instalment: Instalment, cumulative: Int64)?
    public let asOf: Day
    /// For a plan that has run out (`ended`): the day it ended, when the reply date of the
    /// letter that chased its missed instalments passed.
    public var overSince: Day?

    /// Whether every invoice of the plan still open is in dispute (`disputed`: numbers of the
    /// invoices with an open dispute): the plan is then on hold with them, and no instalment
    /// is chased (7.2).
    public func heldByDispute(open: [Int], disputed: Set<String>, ledger: Ledger) -> Bool {
        let still = covered.filter { open.contains($0) }
        return !still.isEmpty && still.allSatisfy { disputed.contains(ledger.invoices[$0].number) }
    }

    /// The latest plan of the story that still has money open, if any, unless it has run out
    /// (7.1).
    public static func active(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> PlanProgress? {
        latest(story, ledger: ledger, sheet: sheet).flatMap { $0.over ? nil : $0.progress }
    }

    /// The latest plan with money open when it has run out: its schedule ended unpaid and its
    /// missed instalments were chased since, so its invoices are back on the ladder, and the
    /// ladder's letters say the plan failed rather than offer one again.
    public static func ended(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> PlanProgress? {
        latest(story, ledger: ledger, sheet: sheet).flatMap { $0.over ? $0.progress : nil }
    }

    private static func latest(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> (progress: PlanProgress, over: Bool)? {
        for plan in story.plans.reversed() {
            var covered: [Int] = []
            if plan.invoices.isEmpty {
                // "All open invoices on the plan's date". The engine only ever lowers what an
                // invoice has open and records the day it reached zero (`settled`), so today's
                // sheet tells how each stood at the end of that day without a second run.
                let day = plan.date
                covered = story.issued.filter { i in
                    ledger.invoices[i].issued <= day && sheet.invoices[i].total > 0 && (sheet.invoices[i].settled.map { $0 > day } ?? true)
                }
            } else {
                covered = plan.invoices.compactMap { ledger.invoiceIndex[$0] }
            }
            let stillOpen = covered.reduce(Int64(0)) { $0 + max(0, sheet.invoices[$1].open) }
            guard stillOpen > 0 else { continue }
            var progress = PlanProgress(plan: plan, covered: covered, openNow: stillOpen, asOf: sheet.asOf)
            // A plan whose schedule has ended unpaid, and whose missed instalments we have
            // already chased since, is over once the date that letter gave has passed: its
            // invoices go back to the ladder. A letter on the ladder about other invoices asked
            // for the missed instalments too (`on.hold`).
            let end = plan.instalments.last?.date
            let replyDays = ledger.settings.replyDays, after = ledger.settings.reminderAfter
            let overSince = end.flatMap { end -> Day? in
                guard end < sheet.asOf else { return nil }
                return story.letters.filter {
                    $0.stage == .instalment ? $0.date > end : ($0.stage.rung ?? 0) >= 1 && $0.date >= end.adding(days: after)
                }.map { $0.date.adding(days: replyDays).workingDay }.filter { sheet.asOf > $0 }.min()
            }
            progress.overSince = overSince
            return (progress, overSince != nil)
        }
        return nil
    }

    init(plan: PaymentPlan, covered: [Int], openNow: Int64, asOf: Day) {
        self.plan = plan
        self.covered = covered
        self.asOf = asOf
        let paid = max(0, plan.minor - openNow)
        self.paid = paid
        var running: Int64 = 0
        var next: (Instalment, Int64)?
        for i in plan.instalments {
            running += i.minor
            if running > paid {
                next = (i, running)
                break
            }
        }
        self.next = next
    }

    /// The next instalment is past its date and not paid.
    public var missed: Bool { next.map { $0.instalment.date < asOf } ?? false }

    /// What is still to pay of the next instalment (less when part of it arrived).
    public var nextShortfall: Int64 { next.map { $0.cumulative - paid } ?? 0 }

    /// Every instalment whose date has passed and whose money has not all arrived, oldest
    /// first, with what is still to pay of them together: a second missed instalment is
    /// chased as well as the first.
    public var overdue: (instalments: [Instalment], shortfall: Int64) {
        var running: Int64 = 0
        var missed: [Instalment] = []
        var through: Int64 = paid
        for i in plan.instalments {
            running += i.minor
            guard i.date < asOf else { break }
            if running > paid {
                missed.append(i)
                through = running
            }
        }
        return (missed, through - paid)
    }

    /// Whether a letter on the ladder about other invoices asks for the missed instalments
    /// too: some money of them is unpaid, and the latest missed has been late as long as an
    /// instalment reminder waits (`reminder-after`): one due on a Sunday is not chased on the
    /// Monday.
    public func asksMissed(reminderAfter: Int) -> Bool {
        let o = overdue
        guard o.shortfall > 0, let latest = o.instalments.last else { return false }
        return asOf >= latest.date.adding(days: reminderAfter)
    }

    /// Every instalment date has passed and money is still open: the plan has run out.
    public var lapsed: Bool { (plan.instalments.last.map { $0.date < asOf } ?? false) && next != nil }
}
