import Testing
@testable import DueKit

/// An instalment reminder asks for past-due work outside the plan that no letter asked for by
/// its own date (7.4 `plan.outside`), as it gives a date for the work an earlier letter asked
/// for: "as usual" gave none, and read oddly to a client paying late.
@Suite struct PlanOutsideDateTests {
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

        2026-01-05 invoice acme M-1
          total 900.00
        2026-02-20 plan acme 900.00
          for M-1
          2026-03-01 300.00
          2026-04-01 300.00
          2026-05-01 300.00
        2026-03-01 payment acme 300.00
          apply M-1
        2026-03-08 invoice acme M-2
          total 650.00

        """

    static func books(_ text: String, asOf: String) throws -> (ledger: Ledger, story: ClientStory, sheet: BalanceSheet) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "acme" })
        return (r.ledger, story, sheet)
    }

    /// Before: "…, which is not part of the plan, is past due as well; please pay it as usual."
    @Test func workNoLetterAskedForIsAskedForByTheLettersDate() throws {
        let (ledger, story, sheet) = try Self.books(Self.ledger, asOf: "2026-04-08")
        let choice = StageChooser.choose(story, ledger: ledger, sheet: sheet)
        #expect(choice.stage == .instalment)
        let v = LetterFields.values(stage: .instalment, choice: choice, story: story, ledger: ledger, sheet: sheet)
        #expect(v["reply.by"] == "20 April 2026")
        #expect(v["plan.outside"] == "Invoice M-2 (650.00 GBP, due 7 April 2026), which is not part of the plan, is past due as well; please pay it by 20 April 2026.")
    }

    /// That reminder gave a date of its own: a later one cites it, not "nothing asked".
    @Test func theInstalmentReminderThatAskedIsTheOneCitedLater() throws {
        let sent = Self.ledger + """
            2026-04-08 letter acme instalment
              invoices M-1 M-2

            """
        let (ledger, story, _) = try Self.books(sent, asOf: "2026-04-15")
        let m2 = try #require(ledger.invoiceIndex["M-2"])
        let said = LetterFields.OutsideSaid(ledger.invoices[m2], letters: story.letters, replyBy: ledger.settings.replyBy)
        guard case .asked(let l) = said else {
            Issue.record("expected the instalment reminder of 8 April 2026 to count as asking, got \(said)")
            return
        }
        #expect(l.date == Day.parse("2026-04-08"))
        #expect(l.stage == .instalment)
    }
}
