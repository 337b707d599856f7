import Testing
@testable import DueKit

/// The thank-you that completes a payment plan says how it was paid (7.4 `settlement`): a plan
/// paid off before its last instalment's date, or one whose missed instalment was made up,
/// is not thanked as if every instalment came on its day.
@Suite struct PlanThanksTests {
    static let head = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client acme Acme Ltd
          contact Jane Doe
          terms net 30
          methods bank transfer

        2026-01-05 invoice acme A-1
          total 1500.00
        2026-02-10 letter acme reminder
          invoices A-1
        2026-03-01 plan acme 1500.00
          for A-1
          2026-04-01 500.00
          2026-05-01 500.00
          2026-06-01 500.00

        """

    static func settlement(_ payments: String, asOf: String) throws -> String {
        let r = load(head + payments)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "acme" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .thanks)
        let values = LetterFields.values(stage: .thanks, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return try #require(values["settlement"])
    }

    @Test func aPlanPaidOffEarlySaysSo() throws {
        let text = try Self.settlement("""
            2026-04-01 payment acme 500.00
              apply A-1
            2026-04-20 payment acme 1000.00
              apply A-1

            """, asOf: "2026-04-22")
        #expect(text.hasSuffix("That completes the payment plan we agreed on 1 March 2026, which you paid off on 20 April 2026, ahead of its last instalment due on 1 June 2026: thank you."), "\(text)")
    }

    @Test func anInstalmentMadeUpBeforeTheEndIsNamed() throws {
        let text = try Self.settlement("""
            2026-05-01 payment acme 1000.00
              apply A-1
            2026-06-01 payment acme 500.00
              apply A-1

            """, asOf: "2026-06-03")
        #expect(text.hasSuffix("That completes the payment plan we agreed on 1 March 2026, with the instalment due on 1 April 2026 made up on 1 May 2026: thank you for seeing it through."), "\(text)")
    }

    /// Made up and paid off early in one payment: both, the day named once.
    @Test func aMissedInstalmentMadeUpWithTheRestAheadOfTime() throws {
        let text = try Self.settlement("""
            2026-05-12 payment acme 1500.00
              apply A-1

            """, asOf: "2026-05-14")
        #expect(text.hasSuffix("That completes the payment plan we agreed on 1 March 2026, with the instalments due on 1 April 2026 and 1 May 2026 made up on 12 May 2026 and the plan paid off that day, ahead of its last instalment due on 1 June 2026: thank you for seeing it through."), "\(text)")
    }

    /// Every instalment on its day: kept to.
    @Test func aPlanKeptToIsThankedForKeepingToIt() throws {
        let text = try Self.settlement("""
            2026-04-01 payment acme 500.00
              apply A-1
            2026-05-01 payment acme 500.00
              apply A-1
            2026-06-01 payment acme 500.00
              apply A-1

            """, asOf: "2026-06-03")
        #expect(text.hasSuffix("That completes the payment plan we agreed on 1 March 2026: thank you for keeping to it."), "\(text)")
    }
}
