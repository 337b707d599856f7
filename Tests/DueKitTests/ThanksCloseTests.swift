import Testing
@testable import DueKit

/// A thank-you closes as if parting ("It has been good working with you.") only when the
/// client has nothing open and no work invoiced lately (grammar 7.4, `thanks.close`): a client
/// who pays each quarter in one lump, after our letters, keeps working with us.
@Suite struct ThanksCloseTests {
    /// Quarry is invoiced monthly and pays the quarter's invoices in one transfer, after a
    /// reminder and a follow-up.
    static let quarterly = """
        settings
          currency GBP

        sender Oak & Ash Design Ltd
          contact Sam Reed
          bank Sort code 20-11-22, account 12345678

        client quarry Quarry Press Ltd
          contact  Ola Quarry
          terms    net 14

        2026-01-05 invoice quarry Q-1
          total 400.00
        2026-02-02 invoice quarry Q-2
          total 400.00
        2026-02-24 letter quarry reminder
          invoices Q-1 Q-2
        2026-03-02 invoice quarry Q-3
          total 400.00
        2026-03-23 letter quarry follow-up
          invoices Q-1 Q-2 Q-3
        2026-04-08 payment quarry 1200.00

        """

    func thanks(_ text: String, asOf: String) throws -> String {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .thanks, "\(choice.reason)")
        let values = LetterFields.values(stage: .thanks, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return TemplateSet().template(for: .thanks).render(values)
    }

    /// Before: "It has been good working with you." each quarter, to a client who goes on
    /// sending work; now a close that does not part.
    @Test func aQuarterlyPayerIsNotBidFarewell() throws {
        let text = try thanks(Self.quarterly, asOf: "2026-04-09")
        #expect(text.contains("It is good to be working with you."), "\(text)")
        #expect(!text.contains("It has been good working with you."), "\(text)")
    }

    /// Nothing open and nothing invoiced for half a year: the work seems to have ended, and the
    /// farewell stays.
    @Test func aClientWithNoRecentWorkIsStillBidFarewell() throws {
        let old = Self.quarterly
            .replacingOccurrences(of: "2026-01-05 invoice", with: "2025-07-06 invoice")
            .replacingOccurrences(of: "2026-02-02 invoice", with: "2025-08-03 invoice")
            .replacingOccurrences(of: "2026-03-02 invoice", with: "2025-09-01 invoice")
        let text = try thanks(old, asOf: "2026-04-09")
        #expect(text.contains("It has been good working with you."), "\(text)")
    }
}
