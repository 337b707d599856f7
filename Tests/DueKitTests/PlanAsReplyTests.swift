import Testing
@testable import DueKit

/// A payment plan agreed with the client is their answer to our letters, as a call would be
/// (7.2): the letters before it are not counted unanswered, the next one waits as after any
/// reply, and the agenda does not call a client who agreed it gone quiet.
@Suite struct PlanAsReplyTests {
    /// K-1 and K-2 asked for twice; on 22 April the client agrees a plan for K-1 alone, and
    /// K-2 is still chased on the ladder.
    static let text = """
        settings
          currency GBP
          cadence 7 14
          reminder-after 3
          final-after 3

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client kite Kite Events Ltd
          contact Sam Patel
          terms net 30
          methods bank transfer

        2026-03-02 invoice kite K-1
          total 1,000.00
        2026-03-02 invoice kite K-2
          total 600.00
        2026-04-04 letter kite reminder
          invoices K-1 K-2
        2026-04-18 letter kite follow-up
          invoices K-1 K-2
        2026-04-22 plan kite 1,000.00
          for K-1
          2026-05-29  500.00
          2026-06-29  500.00

        """

    static func choice(asOf: String) throws -> StageChoice {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "kite" })
        return StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
    }

    /// The plan holds the next letter `cadence` max days, as a call that day would.
    @Test func thePlanHoldsTheNextLetterAsAReply() throws {
        let held = try Self.choice(asOf: "2026-05-02")
        #expect(held.stage == nil)
        #expect(held.nextDate == Day.parse("2026-05-06"))
        let next = try Self.choice(asOf: "2026-05-06")
        #expect(next.stage == .followUp)
        #expect(next.chased.count == 1)
        // Both letters before the plan were answered by it.
        #expect(next.unanswered == 0)
        #expect(next.reason == "K-2 is 35 days past due; last letter 2026-04-18, the client replied on 2026-04-22")
    }

    /// Between two letters, with the last one's reply date passed, the silence is counted from
    /// the plan (27 days on 19 May), not from K-2's due date (48 days): no call is asked for.
    @Test func aClientWhoAgreedAPlanIsNotGoneQuiet() throws {
        let r = load(Self.text + "2026-05-06 letter kite follow-up\n  invoices K-2\n")
        let day = Day.parse("2026-05-19")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        #expect(StageChooser.chooseAll(r.ledger, sheet: sheet)[0].stage == nil)
        let agenda = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day)
        #expect(!agenda.items.contains { $0.kind == .quiet })
    }
}
