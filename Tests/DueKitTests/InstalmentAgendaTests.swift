import Testing
@testable import DueKit

/// The agenda's item for a missed instalment while a letter about it still gives the client
/// time (7.5): it says what the letter asks, not that the money is late.
@Suite struct InstalmentAgendaTests {
    /// Brook: a plan of four instalments of 1,200.00, the first paid, the second (due 30 June)
    /// missed and asked for by the instalment reminder of 5 July, by 15 July.
    static let ledger = """
        settings
          currency  GBP
        client brook Brook & Daughters Bakery
          contact  Tom Brook
          email    tom@brook.example
          terms    net 30

        2026-03-02 invoice brook B-1
          total  4,800.00
        2026-05-01 plan brook 4,800.00
          for         B-1
          2026-05-29  1,200.00
          2026-06-30  1,200.00
          2026-07-31  1,200.00
          2026-08-28  1,200.00
        2026-05-29 payment brook 1,200.00
        2026-07-05 letter brook instalment
          invoices  B-1

        """

    private func items(asOf: String) -> [Agenda.Item] {
        let r = load(Self.ledger)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.filter { $0.kind == .instalment }
    }

    /// Before: "not received after 8 days", while the reminder gave until 15 July.
    @Test func whileTheReminderRunsTheItemSaysWhatItAsks() throws {
        let item = try #require(items(asOf: "2026-07-08").first)
        #expect(item.action == "check for the instalment of 1,200.00 GBP due 2026-06-30")
        let running = "our instalment reminder of 2026-07-05 asks for it by 2026-07-15: unpaid by then, with no word from them, the plan is in default, and the next letter asks for invoice B-1 itself"
        #expect(item.why == running)
        #expect(try #require(items(asOf: "2026-07-15").first).why == running)
    }

    /// Once that date has passed with no word from them, the plan is in default (3.10): no
    /// longer an instalment to check, but the invoice back on the ladder. With a call since
    /// the reminder, the plan runs on and the instalment is late.
    @Test func afterTheDateTheReminderGaveItIsLate() throws {
        #expect(items(asOf: "2026-07-16").isEmpty)
        let r = load(Self.ledger + "2026-07-09 note brook call\n")
        let day = Day.parse("2026-07-16")!
        let answered = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.filter { $0.kind == .instalment }
        #expect(try #require(answered.first).why == "not received after 16 days")
    }
}
