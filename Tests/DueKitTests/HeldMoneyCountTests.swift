import Testing
@testable import DueKit

/// Money the client paid while an invoice was in query, held on account and set against the
/// invoice when the query was settled, is money towards it: the letters counted since money
/// last came towards it (`LetterCount`, `StageChooser.lastPaidTowards`) start after that day.
@Suite struct HeldMoneyCountTests {
    static let ledger = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client held Heldon Print Ltd
          contact Hal Don
          terms net 30
          methods bank transfer

        2026-09-01 invoice held HD-1
          for Print campaign
          total 2000.00
        2026-10-04 letter held reminder
          invoices HD-1
        2026-10-05 note held email
          dispute HD-1 Colours off on half the run
        2026-10-05 letter held dispute
          invoices HD-1
        2026-10-10 payment held 1000.00
        2026-11-20 note held call
          resolved HD-1 10% off agreed
        2026-11-24 credit held 200.00
          number CN-H1
        2026-12-04 letter held follow-up
          invoices HD-1
        2026-12-18 letter held follow-up
          invoices HD-1

        """

    static func followUp(_ text: String, asOf: String) throws -> (choice: StageChoice, values: [String: String]) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "held" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let stage = try #require(choice.stage)
        return (choice, LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet))
    }

    /// The 1,000.00 paid on 10 October went to HD-1 on 20 November: the count starts with the
    /// follow-up of 4 December, two letters, and no letter says no payment came since October.
    @Test func moneyHeldForAQueryStartsTheCountAgainWhenSetAgainstTheInvoice() throws {
        let d = try Self.followUp(Self.ledger, asOf: "2027-01-01")
        #expect(d.choice.stage == .followUp)
        #expect(d.choice.unpaidLetters == 2 && d.choice.unpaidSince == Day.parse("2026-12-04"))
        let note = d.values["follow-up.note"] ?? ""
        #expect(!note.contains("counting from my letter of 4 October 2026"), "\(note)")
        #expect(!note.contains("no payment towards"), "\(note)")
        #expect(note.hasPrefix("As I have not heard from you since our call of 20 November 2026"), "\(note)")
    }

    /// Counted from the follow-up of 4 December, the fourth letter since then says so.
    @Test func theCountRunsFromTheFirstLetterAfterTheMoneyWasSetAgainstIt() throws {
        let text = Self.ledger + """
            2027-01-01 letter held follow-up
              invoices HD-1
            2027-01-15 note held call
              said Will look at it
            2027-01-15 letter held follow-up
              invoices HD-1

            """
        let d = try Self.followUp(text, asOf: "2027-01-29")
        #expect(d.choice.stage == .followUp)
        let note = d.values["follow-up.note"] ?? ""
        #expect(note.hasPrefix("This is my fifth letter about this, counting from my letter of 4 December 2026, and no payment towards invoice HD-1 has come in that time"), "\(note)")
    }
}
