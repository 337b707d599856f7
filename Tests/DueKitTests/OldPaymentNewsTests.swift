import Testing
@testable import DueKit

/// A follow-up tells of a payment since our last letter that bears on what it asks (7.4
/// `payments.received`); a payment of months ago that only settled work our last letter showed
/// as not yet due is old news of other work, and is not picked out from the client's payments
/// for work invoiced since, which go untold.
@Suite struct OldPaymentNewsTests {
    /// Acme was reminded of A-1 on 25 February, with A-2 listed as not yet due; A-2 was paid on
    /// time on 10 March, and new work, A-3, was invoiced and paid since.
    static let ledger = """
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
          total 500.00
        2026-02-20 invoice acme A-2
          total 800.00
        2026-02-25 letter acme reminder
          invoices A-1
        2026-03-10 payment acme 800.00
          apply A-2
        2026-05-04 invoice acme A-3
          total 300.00
        2026-05-20 payment acme 300.00
          apply A-3

        """

    static func draft(_ text: String, asOf: String) throws -> (stage: LetterStage?, values: [String: String]) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "acme" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        guard let stage = choice.stage else { return (nil, [:]) }
        return (stage, LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet))
    }

    /// Before: "We received your payment of 800.00 GBP on 10 March 2026 (which settled invoice
    /// A-2)." in a follow-up about A-1 alone, months later.
    @Test func anOldPaymentForOtherWorkIsNotToldOf() throws {
        let d = try Self.draft(Self.ledger, asOf: "2026-07-01")
        #expect(d.stage == .followUp)
        #expect(d.values["invoices.list"] == "A-1")
        #expect(d.values["payments.received"] == nil, "\(d.values["payments.received"] ?? "")")
    }

    /// Still news while recent: the client is thanked for it, as for any payment since.
    @Test func aRecentPaymentForOtherWorkIsThanked() throws {
        let d = try Self.draft(Self.ledger, asOf: "2026-03-20")
        #expect(d.stage == .followUp)
        #expect(d.values["payments.received"] == "Thank you for your payment of 800.00 GBP on 10 March 2026 (which settled invoice A-2).")
    }

    /// An old payment towards what the letter asks for is still stated.
    @Test func anOldPaymentTowardsWhatIsAskedIsStated() throws {
        let part = Self.ledger.replacingOccurrences(of: "2026-03-10 payment acme 800.00\n  apply A-2", with: "2026-03-10 payment acme 200.00\n  apply A-1\n2026-03-12 payment acme 800.00\n  apply A-2")
        let d = try Self.draft(part, asOf: "2026-07-01")
        #expect(d.stage == .followUp)
        #expect(d.values["payments.received"] == "We received your payment of 200.00 GBP on 10 March 2026 (towards invoice A-1).")
    }
}
