/// How late a client that pays every invoice in full usually pays. A client who settles each
/// quarter in one sum, always in the end, is not a client gone quiet: a final notice every
/// quarter would harm the relationship for money that comes as it always does. The ladder
/// holds the final notice for it until its money is later than usual by a clear margin
/// (`FinalHold.habit`, 7.2).
public struct UsualLateness: Sendable {
    /// Days beyond the usual lateness that mark a change, not the pattern: the margin by which
    /// the clients report calls a client's recent lateness worsening.
    static let marginDays = ClientBehaviour.trendThresholdDays

    /// The earlier invoices paid, and their average days late, as the clients report counts
    /// days late (`ClientBehaviour.daysLate`, averaged to a tenth: `Tenths.mean`).
    public let paid: Int
    public let average: Tenths

    /// Nil unless every invoice the client was sent before `first` (issued earlier, or the same
    /// day and written above it) has been paid in full, with nothing written off as a loss,
    /// and there are at least `ClientBehaviour.recentCount` of them: fewer say nothing yet of
    /// a pattern. An invoice still open, or one lost, and the client is not one that always
    /// pays in the end.
    init?(before first: Int, _ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) {
        let start = (ledger.invoices[first].issued, ledger.invoices[first].order)
        var days: [Int] = []
        for i in story.issued where (ledger.invoices[i].issued, ledger.invoices[i].order) < start && sheet.invoices[i].total > 0 {
            guard let settled = sheet.invoices[i].paidUp, sheet.invoices[i].lost == 0 else { return nil }
            days.append(ClientBehaviour.daysLate(settled: settled, due: ledger.invoices[i].due, ledger.settings))
        }
        guard days.count >= ClientBehaviour.recentCount, let mean = Tenths.mean(days) else { return nil }
        paid = days.count
        average = mean
    }

    /// The first day an invoice due on `due` is later than usual by more than the margin.
    func beyond(due: Day) -> Day {
        due.adding(days: (average.value + 10 * Self.marginDays) / 10 + 1)
    }

    /// `all 3 earlier invoices were paid in full, 56.0 days late on average`
    var said: String {
        "all \(paid) earlier invoices were paid in full, \(average) days late on average"
    }
}
