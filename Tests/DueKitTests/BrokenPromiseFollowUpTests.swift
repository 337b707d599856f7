import Testing
@testable import DueKit

/// A follow-up after a broken promise that our last letter named, and that letter left
/// unanswered, is firmer than the one before (7.4 `follow-up.note`).
@Suite struct BrokenPromiseFollowUpTests {
    static let ledger = """
        settings
          currency GBP

        sender Oak & Ash Design Ltd
          contact Sam Reed
          bank Sort code 20-11-22, account 12345678

        client halden Halden Logistics Ltd
          contact Priya Nair
          terms net 30

        2026-07-01 invoice halden C-107
          total 3,600.00
        2026-08-05 letter halden reminder
          invoices C-107
        2026-08-14 note halden call
          said they will pay C-107 this month
          promise 2026-08-31 3,600.00
        2026-09-01 letter halden follow-up
          invoices C-107

        """

    private func values(_ text: String, asOf: String) throws -> [String: String] {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .followUp)
        return LetterFields.values(stage: try #require(choice.stage), choice: choice, story: story, ledger: r.ledger, sheet: sheet)
    }

    /// Before: no `follow-up.note`, the letter closing as the one before it did.
    @Test func theLetterAfterTheOneThatNamedTheBrokenPromiseIsFirmer() throws {
        let v = try values(Self.ledger, asOf: "2026-09-15")
        #expect(v["follow-up.note"] == "As the payment you promised has not come, and my letter of 1 September 2026 has gone unanswered, I would be grateful for a reply, even a short one.")
    }

    @Test func aPromisePartlyKeptAsksForTheRest() throws {
        let v = try values(Self.ledger + "2026-08-28 payment halden 1,000.00\n", asOf: "2026-09-15")
        #expect(!(v["follow-up.note"] ?? "").contains("31 August"))
        #expect(v["follow-up.note"] == "As the rest of the payment you promised has not come, and my letter of 1 September 2026 has gone unanswered, I would be grateful for a reply, even a short one.")
    }

    /// The letter that names the promise says so itself, and adds nothing.
    @Test func theLetterThatNamesThePromiseAddsNoNote() throws {
        let first = Self.ledger.replacingOccurrences(of: "2026-09-01 letter halden follow-up\n  invoices C-107\n", with: "")
        let v = try values(first, asOf: "2026-09-01")
        #expect(v["promise.broken"] != nil)
        #expect(v["follow-up.note"] ?? "" == "")
    }
}
