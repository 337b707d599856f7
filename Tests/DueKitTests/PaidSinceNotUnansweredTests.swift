import Testing
@testable import DueKit

/// A payment is an answer of a kind: a letter that thanks the client for money received since
/// our letters does not say those letters went unanswered, or that we had no reply; it says
/// nothing has come towards the work it asks for (grammar 7.4, `follow-up.note`, `unanswered`).
@Suite struct PaidSinceNotUnansweredTests {
    /// Ash was reminded of A-1 and followed up, our letters listing B-1 as not yet due; on 28
    /// March it paid B-1, nothing towards A-1.
    static let ledger = """
        settings
          currency GBP

        sender Oak & Ash Design Ltd
          contact Sam Reed
          bank Sort code 20-11-22, account 12345678

        client ash Ash Lane Books
          contact  Kit Ash
          terms    net 14

        2026-02-02 invoice ash A-1
          total 1200.00
        2026-02-25 invoice ash B-1
          due   2026-04-30
          total 300.00
        2026-03-02 letter ash reminder
          invoices A-1
        2026-03-16 letter ash follow-up
          invoices A-1
        2026-03-28 payment ash 300.00
          apply B-1

        """

    func draft(_ text: String, asOf: String) throws -> (choice: StageChoice, values: [String: String], text: String) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let stage = try #require(choice.stage, "\(choice.reason)")
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return (choice, values, TemplateSet().template(for: stage).render(values))
    }

    /// Before: "As my letters about this have gone unanswered, …" above "Thank you for your
    /// payment of 300.00 GBP on 28 March 2026 (which settled invoice B-1)."
    @Test func aFollowUpThankingForMoneySinceDoesNotCallTheLettersUnanswered() throws {
        let d = try draft(Self.ledger, asOf: "2026-03-31")
        #expect(d.choice.stage == .followUp)
        #expect(d.text.contains("Thank you for your payment of 300.00 GBP on 28 March 2026"), "\(d.text)")
        #expect(d.values["follow-up.note"] == "As nothing has come towards invoice A-1 since my letter of 2 March 2026, I would be grateful for a reply, even a short one. If I hear nothing and no payment comes, my next letter will be a final notice.", "\(d.values["follow-up.note"] ?? "")")
        #expect(!d.text.contains("unanswered"), "\(d.text)")
        #expect(!d.text.contains("no reply"), "\(d.text)")
    }

    /// The final notice after a third letter with nothing towards A-1, the payment for B-1
    /// since the first of them: "My letters of … have brought no payment towards invoice
    /// A-1." Before: "I have had no reply to my letters of …".
    @Test func aFinalNoticeSaysNoPaymentCameNotNoReply() throws {
        let text = Self.ledger + "2026-03-31 letter ash follow-up\n  invoices A-1\n"
        let d = try draft(text, asOf: "2026-04-14")
        #expect(d.choice.stage == .final, "\(d.choice.reason)")
        #expect(d.values["unanswered"] == "My letters of 2 March 2026, 16 March 2026 and 31 March 2026 have brought no payment towards invoice A-1.", "\(d.values["unanswered"] ?? "")")
        #expect(!d.text.contains("no reply"), "\(d.text)")
    }

    /// With no money since the letters, they went unanswered, and the letters say so as before.
    @Test func withNoMoneySinceTheLettersAreUnanswered() throws {
        let unpaid = Self.ledger.replacingOccurrences(of: "2026-03-28 payment ash 300.00\n  apply B-1\n", with: "")
        let d = try draft(unpaid, asOf: "2026-03-31")
        #expect(d.values["follow-up.note"]?.hasPrefix("As I have not heard back, I would be grateful for a reply this time, even a short one.") == true, "\(d.values["follow-up.note"] ?? "")")
    }
}
