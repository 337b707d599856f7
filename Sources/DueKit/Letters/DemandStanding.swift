/// What a formal demand still claims on top of the money open on its invoices, once money has
/// come off what it asked for (a part payment, a credit note): the interest and compensation it
/// claimed, which paying the invoices does not meet (the ledger records a claim only as an
/// invoice of its own, 7.3). Said apart from the money open, so the client can put each figure
/// beside the demand's own: "1,400.00 GBP still open, plus the 55.07 GBP of interest and
/// compensation it claimed". The money open alone, as the demand's sum, would leave out what
/// it claimed; one figure for both would match no line of the demand.
struct DemandStanding {
    /// Per currency, in the claim's order: what the demand claimed (less what it claimed on
    /// money a credit note has taken off since, which bears none, 7.3), in each currency where
    /// no invoice recording the claim has been issued since (that invoice is asked for, paid or
    /// waived in its own right). Empty when it claimed nothing.
    var claim: [(Currency, Int64)] = []
    /// What the demand stated in those currencies, when a credit note has lowered it since.
    var stated: [(Currency, Int64)]?
    /// "interest and compensation", "interest" or "compensation".
    var what = ""

    init(_ demand: LetterSent, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) {
        // The cheap check first: most demands' terms claim nothing.
        guard LateClaim.made(by: demand, ledger: ledger) != nil,
              let made = LateClaim.asMade(by: demand, story: story, ledger: ledger, sheet: sheet) else { return }
        let recorded = Set(made.totals.map(\.0).filter { cur in story.issued.contains { made.records($0, in: cur, since: demand.date, ledger: ledger) } })
        claim = made.totals.filter { !recorded.contains($0.0) }
        guard let first = claim.first else { return }
        what = claim.count == 1 ? made.what(in: first.0) : made.what
        if let was = made.stated?.filter({ !recorded.contains($0.0) }), !LateClaim.same(was, claim) { stated = was }
    }

    /// Said after the money still open: ", plus the 55.07 GBP of interest and compensation it
    /// claimed", or, lowered by a credit note since, ", plus the 50.00 GBP of interest and
    /// compensation it claims now that a credit note has reduced its invoices, rather than the
    /// 65.00 GBP it set out"; empty when it claims nothing.
    var plus: String {
        guard !claim.isEmpty else { return "" }
        func amounts(_ t: [(Currency, Int64)]) -> String { LetterFields.list(t.map { Money(minor: $0.1, currency: $0.0).description }) }
        guard let stated else { return ", plus the \(amounts(claim)) of \(what) it claimed" }
        return ", plus the \(amounts(claim)) of \(what) it claims now that a credit note has reduced its invoices, rather than the \(amounts(stated)) it set out"
    }
}
