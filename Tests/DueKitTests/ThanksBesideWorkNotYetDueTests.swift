import Testing
@testable import DueKit

/// A client who paid what our letters asked for is thanked promptly, though an invoice for new
/// work, not yet due, was issued before the thank-you went (grammar 7.1): a thank-you asks for
/// nothing, and it does not call the account settled while that invoice is open.
@Suite struct ThanksBesideWorkNotYetDueTests {
    /// Cedar was reminded of C-1, told us cash was tight, was offered a plan, and paid C-1 in
    /// full on 27 February; C-2, for new work, was issued on 2 March.
    static let ledger = """
        settings
          currency GBP

        sender Oak & Ash Design Ltd
          contact Sam Reed
          bank Sort code 20-11-22, account 12345678

        client cedar Cedar Florists Ltd
          contact  Mia Cedar
          terms    net 30

        2026-01-05 invoice cedar C-1
          total 2000.00
        2026-02-09 letter cedar reminder
          invoices C-1
        2026-02-12 note cedar call
          hardship  Quiet January
        2026-02-13 letter cedar plan-offer
          invoices C-1
        2026-02-27 payment cedar 2000.00
          apply C-1
        2026-03-02 invoice cedar C-2
          total 1500.00

        """

    func choose(_ text: String, asOf: String) throws -> (choice: StageChoice, text: String?) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        guard let stage = choice.stage else { return (choice, nil) }
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return (choice, TemplateSet().template(for: stage).render(values))
    }

    /// Before: nothing on 2 March ("nothing owed" never came: C-2 was open), and no thank-you
    /// ever went for the 2,000.00.
    @Test func theThanksGoWithOnlyNewWorkNotYetDueOpen() throws {
        let d = try choose(Self.ledger, asOf: "2026-03-02")
        #expect(d.choice.stage == .thanks)
        #expect(d.choice.reason == "all past due paid by 2026-02-27 after our payment plan offer of 2026-02-13; invoice C-2 not yet due")
        let text = try #require(d.text)
        #expect(text.contains("Your payment of 2,000.00 GBP on 27 February 2026 (invoice C-1) has arrived, and nothing is past due on your invoices now."), "\(text)")
        #expect(!text.contains("settled"))
        #expect(!text.contains("C-2"))
        // The work goes on: no close that reads as a farewell.
        #expect(text.contains("It is good to be working with you."), "\(text)")
        #expect(!text.contains("It has been good working with you."))
        // Thanked, the ladder starts afresh for C-2 once it is past due.
        let thanked = Self.ledger + "2026-03-02 letter cedar thanks\n"
        #expect(try choose(thanked, asOf: "2026-03-20").choice.stage == nil)
        #expect(try choose(thanked, asOf: "2026-04-05").choice.stage == .reminder)
    }

    /// Work past due still open, or the invoice the letters asked for only part paid: no thanks.
    @Test func noThanksWhileAnythingIsPastDue() throws {
        let part = Self.ledger.replacingOccurrences(of: "2026-02-27 payment cedar 2000.00", with: "2026-02-27 payment cedar 1500.00")
        #expect(try choose(part, asOf: "2026-03-02").choice.stage != .thanks)
        // C-2 past due and unpaid: its reminder, not thanks.
        let late = Self.ledger.replacingOccurrences(of: "2026-03-02 invoice cedar C-2\n  total 1500.00", with: "2026-01-20 invoice cedar C-2\n  total 1500.00")
        #expect(try choose(late, asOf: "2026-03-02").choice.stage != .thanks)
    }
}
