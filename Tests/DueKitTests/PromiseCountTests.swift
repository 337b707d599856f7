import Testing
@testable import DueKit

/// A follow-up sent while a promise is still short, which an earlier letter named: it counts
/// its letters as any follow-up does, and recalls what came of the promise.
@Suite struct PromiseCountTests {
    /// 1,000.00 promised on 2 March for 16 March, 400.00 paid on that day; the follow-up of
    /// 17 March named the promise; the client has written after each letter since, paying
    /// nothing.
    static let ledger = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client pike Pike Bakery
          contact Luke Pike
          terms net 30

        2026-01-05 invoice pike P-1
          for Menu design
          total 1,500.00
        2026-03-02 note pike call
          promise 2026-03-16 1,000.00
        2026-03-16 payment pike 400.00
        2026-03-19 note pike email
          said Will pay soon
        2026-04-05 note pike email
          said Still waiting on a client
        2026-04-22 note pike email
          said Next week

        2026-02-08 letter pike reminder
          invoices P-1
        2026-02-22 letter pike follow-up
          invoices P-1
        2026-03-17 letter pike follow-up
          invoices P-1
        2026-04-03 letter pike follow-up
          invoices P-1
        2026-04-20 letter pike follow-up
          invoices P-1

        """

    func letter(_ text: String, asOf: String) throws -> (StageChoice, String) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let stage = try #require(choice.stage)
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return (choice, TemplateSet().template(for: stage).render(values))
    }

    /// Before: no count and no word of the promise ("Thank you for your email of 22 April
    /// 2026. Following my letter of 20 April 2026, invoice P-1 still shows 1,100.00 GBP open"
    /// and nothing more), so the final notice two letters on came unannounced.
    @Test func aFollowUpAfterThePromiseWasNamedCountsAndRecallsIt() throws {
        let (choice, text) = try letter(Self.ledger, asOf: "2026-05-07")
        #expect(choice.stage == .followUp)
        #expect(text.contains("This is my fourth letter about this, counting from my letter of 17 March 2026; thank you for your replies, but no payment towards invoice P-1 has come in that time. Of the 1,000.00 GBP you told us on 2 March 2026 to expect by 16 March 2026, 400.00 GBP has arrived; the remaining 600.00 GBP has not."))
        // Named once in full, by the letter of 17 March: not again.
        #expect(!text.contains("Thank you for the 400.00 GBP that has arrived towards it"))
    }

    /// The letter that names the promise in full does not count beside it.
    @Test func theLetterThatNamesThePromiseDoesNotCount() throws {
        let first = Self.ledger.replacingOccurrences(of: "2026-03-17 letter pike follow-up\n  invoices P-1\n2026-04-03 letter pike follow-up\n  invoices P-1\n2026-04-20 letter pike follow-up\n  invoices P-1\n", with: "")
        let (choice, text) = try letter(first, asOf: "2026-03-17")
        #expect(choice.stage == .followUp)
        #expect(text.contains("On 2 March 2026 you told us to expect a payment of 1,000.00 GBP by 16 March 2026. Thank you for the 400.00 GBP that has arrived towards it; the remaining 600.00 GBP has not reached us."))
        #expect(!text.contains("letter about this"))
    }
}
