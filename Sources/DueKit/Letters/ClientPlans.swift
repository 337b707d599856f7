/// A client's payment plans still running on the as-of date, found once for what asks of them
/// (the stage chooser, a letter's facts, the agenda): which plan a letter speaks of, which
/// invoices the plans keep off the ladder, and which have missed instalments to ask for.
public struct ClientPlans: Sendable {
    /// Every plan still running, latest first (`PlanProgress.running`).
    public let running: [PlanProgress]
    /// The plan a letter speaks of. Of the running plans, one not on hold with a query comes
    /// first, then one with a missed instalment not yet chased, then the one whose next
    /// instalment comes first, the latest on a tie: a missed instalment of an older plan is
    /// not hidden by a newer plan on other invoices, nor one of the newer plan by the older
    /// one's, already chased (7.1).
    public let active: PlanProgress?
    /// The invoices of every running plan: none of them is chased on the ladder.
    public let covered: Set<Int>
    /// The running plans whose missed instalments a letter asks for (`asksMissed`), oldest
    /// plan first: not one whose open invoices are all in dispute, which waits with them.
    public let askingMissed: [PlanProgress]

    public init(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) {
        let live = PlanProgress.running(story, ledger: ledger, sheet: sheet)
        running = live
        guard !live.isEmpty else {
            active = nil
            covered = []
            askingMissed = []
            return
        }
        covered = Set(live.flatMap(\.covered))
        let disputed = Set(story.openDisputes.keys)
        // Nor one whose missed instalments a letter since asked for by a date still to come:
        // asked again sooner, and by a later date, the client would have two deadlines for one
        // sum (that letter is named instead, `on.hold`).
        askingMissed = live.reversed().filter {
            $0.asksMissed(reminderAfter: ledger.settings.reminderAfter) && !$0.heldByDispute(open: story.open, disputed: disputed, ledger: ledger)
                && $0.askedFor(in: story, ledger: ledger) == nil
        }
        guard live.count > 1 else {
            active = live.first
            return
        }
        func key(_ p: PlanProgress) -> (held: Bool, chased: Bool, next: Day?) {
            let latest = p.overdue.instalments.last?.lastDay
            let chased = latest.map { d in story.letters.contains { $0.stage == .instalment && $0.date > d && p.isAbout($0, ledger: ledger) } } ?? true
            return (p.heldByDispute(open: story.open, disputed: disputed, ledger: ledger), chased, p.next?.instalment.date)
        }
        active = live.enumerated().map { ($0.offset, $0.element, key($0.element)) }.min { a, b in
            // One on hold with a query waits; the other is the one to speak of.
            if a.2.held != b.2.held { return !a.2.held }
            if a.2.chased != b.2.chased { return !a.2.chased }
            switch (a.2.next, b.2.next) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.0 < b.0
            }
        }?.1
    }

    /// Whether more than one plan runs: each is then named by its date and invoices.
    public var several: Bool { running.count > 1 }
}
