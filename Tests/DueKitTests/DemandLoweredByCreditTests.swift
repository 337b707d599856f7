import Testing
@testable import DueKit

/// A formal demand asked for an invoice the client then queried, and a credit note settled the
/// query (grammar.md §7.5): the demand's sum no longer stands, no letter follows a demand to
/// say so, and the agenda asks the user to tell them until a letter does.
@Suite struct DemandLoweredByCreditTests {
    /// Beta: D-1 and D-2 chased up to a formal demand of 20 April for both (1,600.00); the
    /// client queried the hours on D-2 four days later, the query was settled by a call on 5
    /// May, and credit note CN-4 of 7 May took 200.00 off D-2.
    static let ledger = """
        settings
          currency GBP
        client beta Beta Ltd
          contact Ann Lee
          email   ann@beta.example
          terms   net 30
        2026-01-05 invoice beta D-1
          total 1,000.00
        2026-01-12 invoice beta D-2
          total 600.00
        2026-02-10 letter beta reminder
          invoices D-1 D-2
        2026-02-24 letter beta follow-up
          invoices D-1 D-2
        2026-03-10 letter beta follow-up
          invoices D-1 D-2
        2026-03-24 letter beta final
          invoices D-1 D-2
        2026-04-20 letter beta demand
          invoices D-1 D-2
        2026-04-24 note beta call
          with    Ann Lee
          dispute D-2 hours on phase 2 too high
        2026-05-05 note beta call
          with     Ann Lee
          resolved D-2 agreed a credit of 200.00
        2026-05-07 credit beta 200.00
          number CN-4
          reason 2 hours off phase 2
          apply  D-2

        """

    private func items(_ text: String, asOf: String) -> [Agenda.Item] {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items
    }

    /// Before: only "decide the next step (a claim, an agency, or a write-off)", the demand
    /// answered since; nothing said the client was to be told of CN-4 or the 1,400.00.
    @Test func theAgendaAsksToConfirmTheSettlementAndWhatTheDemandStandsAt() throws {
        let all = items(Self.ledger, asOf: "2026-05-08")
        let item = try #require(all.first { $0.action.hasPrefix("confirm") })
        #expect(item.action == "confirm to them that credit note CN-4 (200.00 GBP) settled their query about D-2 and that our formal demand of 2026-04-20 now stands at 1,400.00 GBP")
        #expect(item.why == "credit note CN-4 of 2026-05-07 took 200.00 GBP off invoice D-2, which our formal demand of 2026-04-20 asked for; no letter since has told them")
        #expect(all.contains { $0.action == "decide the next step (a claim, an agency, or a write-off)" })
        // Still so weeks later: no letter of the ladder follows the demand to say it.
        #expect(items(Self.ledger, asOf: "2026-06-01").contains(item))
    }

    /// Not before the credit note, and not once a letter since it has told them.
    @Test func itIsAskedOnlyFromTheCreditNoteUntilALetterTellsThem() {
        #expect(!items(Self.ledger, asOf: "2026-05-06").contains { $0.action.hasPrefix("confirm") })
        let told = Self.ledger + "2026-05-11 letter beta statement\n"
        #expect(!items(told, asOf: "2026-05-12").contains { $0.action.hasPrefix("confirm") })
    }

    /// A query on an invoice the demand did not ask for: its sum stands as it was.
    @Test func aDemandAboutOtherInvoicesIsNotLowered() {
        let other = Self.ledger.replacingOccurrences(of: "2026-04-20 letter beta demand\n  invoices D-1 D-2", with: "2026-04-20 letter beta demand\n  invoices D-1")
        #expect(!items(other, asOf: "2026-05-08").contains { $0.action.hasPrefix("confirm") })
    }
}
