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
        // The client rang after the instalment reminder of 4 December, so the plan runs on past
        // its last date rather than being in default (3.10).
        let r = load(Self.ledger + "2026-12-07 note planny call\n")
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

    /// Before: a plan client who had an instalment reminder on 4 June 2026, and paid it, was
    /// greeted "I hope all is well." on 23 June 2026 by the reminder about new work outside the
    /// plan, as if it were our first word to them. Past 60 days since our last letter it is.
    @Test func aReminderSoonAfterAnInstalmentReminderDoesNotOpenAsAFirstContact() throws {
        let ledger = """
            settings
              currency GBP
              courtesy off

            sender Oak & Ash Design Ltd
              contact Sam Reed
              bank Sort code 20-11-22, account 12345678

            client acorn Acorn Dental Ltd
              contact Ann Acornson
              greeting Ann
              terms net 30

            2026-03-01 invoice acorn INV-0001
              total 3,000.00
            2026-04-20 plan acorn 3,000.00
              for INV-0001
              2026-05-01  1,000.00
              2026-06-01  1,000.00
              2026-07-01  1,000.00
            2026-05-02 payment acorn 1,000.00
              apply INV-0001
            2026-05-15 invoice acorn INV-0002
              total 600.00
            2026-06-04 letter acorn instalment
              invoices INV-0001
            2026-06-09 payment acorn 1,000.00
              apply INV-0001

            """
        func reminder(_ text: String, asOf: String) throws -> (values: [String: String], text: String) {
            let r = load(text)
            #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
            let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
            let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
            let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
            #expect(choice.stage == .reminder, "\(choice.reason)")
            let values = LetterFields.values(stage: .reminder, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
            return (values, TemplateSet().template(for: .reminder).render(values))
        }
        let soon = try reminder(ledger, asOf: "2026-06-23")
        #expect(soon.values["reminder.opening"] == "")
        #expect(soon.text.contains("Dear Ann,\n\nThank you for your payment of 1,000.00 GBP on 9 June 2026 (towards invoice INV-0001).\nOur records show 600.00 GBP past due on invoice INV-0002."), "\(soon.text)")
        // Our last letter 67 days before: the reminder opens as a first contact again.
        let later = ledger.replacingOccurrences(of: "2026-05-15 invoice acorn INV-0002\n  total 600.00\n", with: "") + "2026-07-01 payment acorn 1,000.00\n  apply INV-0001\n2026-07-06 invoice acorn INV-0002\n  total 600.00\n"
        #expect(try reminder(later, asOf: "2026-08-10").values["reminder.opening"] == "I hope all is well.")
    }
}
