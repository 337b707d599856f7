import Testing
@testable import DueKit

/// Words that read wrongly where they stand: a pronoun after a sentence about something else,
/// and a courtesy note asking after one invoice for a reason the client never saw.
@Suite struct PlainWordingTests {
    static let head = """
        settings
          currency GBP
          courtesy 7

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client acme Acme Ltd
          contact Jane Doe
          terms net 30
          methods bank transfer
          interest 11.75%
          compensation statutory

        """

    static func draft(_ text: String, asOf: String) throws -> (stage: LetterStage, text: String) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "acme" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let stage = try #require(choice.stage)
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return (stage, TemplateSet().template(for: stage).render(values))
    }

    /// After "Credit note CN-R1 … has been applied to invoice X-2.", "Thank you for paying
    /// them." read as thanks for paying the credit note.
    @Test func theThanksAfterACreditNoteNameTheInvoicesPaid() throws {
        let text = Self.head + """
            2026-09-01 invoice acme X-1
              total 6000.00
            2026-09-10 invoice acme X-2
              total 1200.00
            2026-10-08 letter acme reminder
              invoices X-1 X-2
            2026-10-22 letter acme follow-up
              invoices X-1 X-2
            2026-11-05 letter acme follow-up
              invoices X-1 X-2
            2026-11-19 letter acme final
              invoices X-1 X-2
            2026-12-01 letter acme demand
              invoices X-1 X-2
            2026-12-20 credit acme 600.00
              number CN-R1
              apply X-2
            2027-01-08 payment acme 6,600.00

            """
        let d = try Self.draft(text, asOf: "2027-01-08")
        #expect(d.stage == .thanks)
        #expect(d.text.contains("Credit note CN-R1 for 600.00 GBP has been applied to invoice X-2. Thank you for paying invoices X-1 and X-2."), "\(d.text)")
        #expect(!d.text.contains("Thank you for paying them."))
    }

    /// K-3 took 20.00 of money held on account when it was issued: that is no sign it reached
    /// the client, so the note asks after both invoices, not after K-4 alone.
    @Test func moneyHeldOnAccountIsNoSignAnInvoiceReachedTheClient() throws {
        let text = Self.head + """
            2026-10-01 invoice acme K-1
              total 600.00
            2026-10-28 payment acme 800.00
              apply K-1 800.00
            2026-11-10 invoice acme K-2
              total 180.00
            2026-11-18 invoice acme K-3
              total 300.00
            2026-11-20 invoice acme K-4
              total 120.00

            """
        let d = try Self.draft(text, asOf: "2026-12-13")
        #expect(d.stage == .courtesy)
        #expect(d.text.contains("and I wanted to make sure these invoices reached the right person."), "\(d.text)")
        #expect(!d.text.contains("make sure invoice K-4"))
    }
}
