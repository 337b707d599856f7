import Testing
@testable import DueKit

/// A letter about other work that thanks for the payment which completed a payment plan says
/// so (7.4 `payments.received`), as a thank-you would: the plan is behind us.
@Suite struct PlanCompletedInFollowUpTests {
    static let ledger = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client vela Vela Agency Ltd
          contact Priya Shah
          terms net 30
          methods bank transfer

        2025-12-01 invoice vela A-04
          total 3000.00
        2026-02-10 plan vela 3000.00
          for         A-04
          2026-02-27  1000.00
          2026-03-31  1000.00
          2026-04-30  1000.00
        2026-02-26 payment vela 1000.00
          apply A-04
        2026-03-30 payment vela 1000.00
          apply A-04
        2026-03-01 invoice vela A-07
          total 2400.00
        2026-04-08 letter vela reminder
          invoices A-07
        2026-04-29 payment vela 1000.00
          apply A-04

        """

    static func values(_ text: String, asOf: String) throws -> [String: String] {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "vela" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .followUp)
        return LetterFields.values(stage: .followUp, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
    }

    /// Before: "Thank you for your payment of 1,000.00 GBP on 29 April 2026 (which settled
    /// invoice A-04)." and not a word of the plan.
    @Test func thePaymentThatCompletedThePlanSaysSo() throws {
        let v = try Self.values(Self.ledger, asOf: "2026-05-06")
        #expect(v["invoices.list"] == "A-07")
        #expect(v["payments.received"] == "Thank you for your payment of 1,000.00 GBP on 29 April 2026 (which settled invoice A-04 and completed the payment plan we agreed on 10 February 2026).", "\(v["payments.received"] ?? "")")
    }

    /// A payment that left an instalment to come did not complete it.
    @Test func aPaymentBeforeTheLastInstalmentDoesNot() throws {
        let part = Self.ledger.replacingOccurrences(of: "2026-04-29 payment vela 1000.00", with: "2026-04-29 payment vela 600.00")
        let v = try Self.values(part, asOf: "2026-05-06")
        #expect(v["payments.received"] == "Thank you for your payment of 600.00 GBP on 29 April 2026 (towards invoice A-04).", "\(v["payments.received"] ?? "")")
    }
}
