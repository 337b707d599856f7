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

    /// A note before an instalment falls due is a courtesy note of it, not a reminder: the
    /// agenda and the letter's heading said "send an instalment reminder (1,200.00 GBP)" and
    /// "Your payment plan: instalment reminder" of quayside's instalment due the next day.
    @Test func aNoteBeforeTheInstalmentFallsDueIsNotCalledAReminder() throws {
        let text = Self.ledger.replacingOccurrences(of: "  currency  GBP\n", with: "  currency  GBP\n  courtesy  3\n")
            .replacingOccurrences(of: "2026-07-05 letter brook instalment\n  invoices  B-1\n", with: "")
        #expect(!text.contains("letter brook"))
        func letter(asOf: String) throws -> (choice: StageChoice, action: String?, text: String) {
            let r = load(text)
            #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
            let day = Day.parse(asOf)!
            let sheet = BalanceEngine.balances(r.ledger, asOf: day)
            let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
            let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
            let stage = try #require(choice.stage)
            let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
            let action = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day).items.first { $0.kind == .letter }?.action
            return (choice, action, TemplateSet().template(for: stage).render(values))
        }
        let before = try letter(asOf: "2026-06-29")
        #expect(before.choice.stage == .instalment)
        #expect(before.choice.reason == "instalment of 1,200.00 GBP falls due on 2026-06-30")
        #expect(before.choice.title == "courtesy note of the instalment falling due")
        #expect(before.action == "send a courtesy note of the instalment falling due (1,200.00 GBP)")
        #expect(before.text.contains("\n**Your payment plan: instalment falling due**\n"), "\(before.text)")
        let missed = try letter(asOf: "2026-07-05")
        #expect(missed.choice.title == "instalment reminder")
        #expect(missed.action == "send an instalment reminder (1,200.00 GBP)")
        #expect(missed.text.contains("\n**Your payment plan: instalment reminder**\n"), "\(missed.text)")
    }
}
