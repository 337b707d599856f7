import Testing
@testable import DueKit

/// A plan offer promises "I will confirm a schedule in writing": once the plan is agreed, the
/// agenda asks for it until a letter sets the schedule out or the first instalment falls due
/// (grammar 7.5).
@Suite struct PlanConfirmationTests {
    static let ledger = """
        settings
          currency  GBP
          holidays  england
          courtesy  3

        client thistle Thistle Tea Rooms
          currency  GBP
          terms     net 14
          address   12 High Street
          channel   post

        2026-02-09 invoice thistle TT-401
          total  2,700.00

        2026-03-02 letter thistle reminder
          invoices  TT-401

        2026-03-04 note thistle call
          said      Moira asked if she could spread the cost.
          hardship  Cash is tight until Easter

        2026-03-09 letter thistle plan-offer
          invoices  TT-401

        2026-03-16 plan thistle 2,700.00
          for         TT-401
          2026-04-03  900.00
          2026-05-01  900.00
          2026-06-01  900.00

        """

    private func agenda(_ text: String, asOf: String) -> [Agenda.Item] {
        let r = load(text)
        let day = Day.parse(asOf)!
        return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.filter { $0.client == "thistle" }
    }

    /// Before: on the day the plan was agreed, "Nothing to do today."
    @Test func aPlanAgreedIsToBeConfirmedInWriting() {
        let items = agenda(Self.ledger, asOf: "2026-03-16")
        #expect(items.map(\.action) == ["confirm in writing the payment plan agreed on 2026-03-16: 2,700.00 GBP in 3 instalments, the first of 900.00 GBP on 2026-04-03"])
        #expect(items.first?.why == "our plan offer of 2026-03-09 said we would confirm a schedule in writing; `due letters --statement thistle` writes one with it, which `due sent` records")
        // Still asked a week on.
        #expect(agenda(Self.ledger, asOf: "2026-03-23").contains { $0.action.hasPrefix("confirm in writing") })
    }

    @Test func aStatementSinceThePlanConfirmsIt() {
        let confirmed = Self.ledger + "2026-03-17 letter thistle statement\n  invoices  TT-401\n"
        #expect(!agenda(confirmed, asOf: "2026-03-23").contains { $0.action.hasPrefix("confirm in writing") })
        // A statement before the plan set out no schedule.
        let before = Self.ledger.replacingOccurrences(of: "2026-03-16 plan", with: "2026-03-10 letter thistle statement\n  invoices  TT-401\n\n2026-03-16 plan")
        #expect(agenda(before, asOf: "2026-03-16").contains { $0.action.hasPrefix("confirm in writing") })
    }

    /// From the instalment note (due with `courtesy 3` on 31 March) the letters set the schedule
    /// out: the item is not asked beside it, nor once the first instalment's date has come.
    @Test func theInstalmentLettersTakeOverFromTheFirstNote() {
        let note = agenda(Self.ledger, asOf: "2026-03-31")
        #expect(note.contains { $0.action.hasPrefix("send a courtesy note of the instalment falling due") }, "\(note.map(\.action))")
        #expect(!note.contains { $0.action.hasPrefix("confirm in writing") })
        #expect(!agenda(Self.ledger, asOf: "2026-04-03").contains { $0.action.hasPrefix("confirm in writing") })
    }
}
