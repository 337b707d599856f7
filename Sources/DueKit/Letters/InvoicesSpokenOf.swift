/// What some letters spoke of: the invoices they named, and the day of the latest that named
/// none, which spoke of every invoice it could (issued, or overdue, by its day). Gathered once
/// for a client's letters, so asking of each of its invoices does not read every letter again.
struct InvoicesSpokenOf {
    private var named: Set<String> = []
    private var lastUnnamed: Day?

    init(_ letters: some Sequence<LetterSent>) {
        for l in letters {
            if l.invoices.isEmpty { lastUnnamed = max(lastUnnamed ?? l.date, l.date) } else { named.formUnion(l.invoices) }
        }
    }

    /// Whether a letter named `number`, or named none and was sent on or after `day`.
    func spoke(of number: String, orOnOrAfter day: Day) -> Bool {
        named.contains(number) || lastUnnamed.map { $0 >= day } ?? false
    }
}
