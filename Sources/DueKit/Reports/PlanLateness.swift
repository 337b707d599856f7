/// How late a client paid the invoices a payment plan covers, judged by the plan's dates and
/// not the invoices' own (grammar §4 rule 7): once a plan is agreed, the money is due as it
/// says, so a client who kept every instalment paid on time, however long ago the invoice fell
/// due. An invoice is judged by the latest plan about it agreed by the day it was paid up
/// (by the as-of date while it is open); the few clients with a plan have their story read,
/// the rest of the ledger nothing.
struct PlanLateness {
    /// Days late of each invoice (by index) a plan covered.
    private var days: [Int: Int] = [:]

    init(ledger: Ledger, sheet: BalanceSheet) {
        let asOf = sheet.asOf
        let clients = Set(ledger.plans.filter { $0.date <= asOf }.map(\.client))
        guard !clients.isEmpty else { return }
        for id in clients.sorted() {
            guard let k = ledger.clientIndex[id] else { continue }
            let story = ClientStory(client: ledger.clients[k], ledger: ledger, sheet: sheet)
            // Each plan with its instalments as they were met, read once.
            let plans = story.plans.map { plan in
                (plan: plan, covered: Set(PlanProgress.covered(by: plan, story: story, ledger: ledger, sheet: sheet)),
                 met: PlanProgress.howPaid(plan, story: story, ledger: ledger, sheet: sheet).met)
            }
            for i in story.issued {
                let b = sheet.invoices[i]
                guard b.total > 0 else { continue }
                let end = b.paidUp ?? asOf
                guard let p = plans.last(where: { $0.plan.date <= end && $0.covered.contains(i) }) else { continue }
                days[i] = PlanLateness.daysLate(p.met, through: end, settled: b.paidUp != nil)
            }
        }
    }

    /// The days late of invoice `i` by the plan that covered it; nil when none did.
    func daysLate(_ i: Int) -> Int? { days[i] }

    /// The most days any instalment met by `end` came after its last day (`Instalment.lastDay`:
    /// its date, or the next working day, 3.10), one met by a credit note alone being no
    /// lateness of the client's; an instalment whose last day has passed unmet by `end` is as
    /// late as it is then. `settled`: the invoice was paid up on `end`, so money after the
    /// last instalment's last day (what the plan left out, paid late) is late by as much.
    static func daysLate(_ met: [(instalment: Instalment, day: Day?, paid: Bool)], through end: Day, settled: Bool) -> Int {
        var worst = 0
        for m in met {
            let last = m.instalment.lastDay
            if let d = m.day, d <= end {
                if m.paid { worst = max(worst, d.days(since: last)) }
            } else if last < end {
                worst = max(worst, end.days(since: last))
            }
        }
        if settled, let last = met.last?.instalment.lastDay { worst = max(worst, end.days(since: last)) }
        return worst
    }
}
