import Testing
@testable import DueKit

/// A reminder that asks for a plan's missed instalments beside a new invoice speaks of all
/// it asks for: the hardship that led to the plan, and more than one invoice.
@Suite struct ReminderBesidePlanTests {
    static let ledger = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client planny Plane Tree Nurseries Ltd
          contact Pat Lane
          terms net 30
          methods bank transfer

        2026-08-03 invoice planny P-1
          total 2400.00
        2026-08-20 invoice planny P-2
          total 1200.00
        2026-09-06 letter planny reminder
          invoices P-1
        2026-09-20 letter planny follow-up
          invoices P-1 P-2
        2026-09-22 note planny call
          hardship Poor season; cash tight until spring
        2026-09-23 letter planny plan-offer
          invoices P-1 P-2
        2026-10-05 plan planny 3,600.00
          for P-1 P-2
          2026-10-30 1,200.00
          2026-11-30 1,200.00
          2026-12-31 1,200.00
        2026-10-29 payment planny 1,200.00
        2026-11-16 invoice planny P-3
          total 420.00
        2026-12-04 letter planny instalment
          invoices P-1 P-2

        """

    @Test func aReminderAskingForMissedInstalmentsTooKeepsTheHardshipInMind() throws {
        let r = load(Self.ledger)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2027-01-17")!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "planny" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .reminder)
        #expect(choice.chased.map { r.ledger.invoices[$0].number } == ["P-3"])
        #expect(!choice.alsoAsked.isEmpty)
        let values = LetterFields.values(stage: .reminder, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        let text = TemplateSet().template(for: .reminder).render(values)
        #expect(values["reminder.opening"] == "")
        #expect(!text.contains("I hope all is well."))
        #expect(text.contains("If something about these invoices is holding them up, let me know"), "\(text)")
    }
}
