import Testing
@testable import DueKit

/// A client's story puts its invoices in date order whatever order the ledger writes them in:
/// the invoices a letter chases, its table and its `invoices=` header follow that order, and so
/// does the fingerprint that tells a draft due wrote from one the user edited.
@Suite struct StoryOrderTests {
    private let text = """
        settings
          currency GBP

        client acme Acme Ltd
          contact Jo Bloggs

        2026-03-01 invoice acme INV-3
          total 100.00

        2026-01-01 invoice acme INV-1
          total 200.00

        2026-02-01 invoice acme INV-2
          total 300.00

        """

    @Test func openInvoicesAreInDateOrderWhenWrittenOutOfIt() {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-11-20")!)
        let numbers = { (story: ClientStory) in story.open.map { r.ledger.invoices[$0].number } }
        let one = ClientStory(client: r.ledger.clients[0], ledger: r.ledger, sheet: sheet)
        #expect(numbers(one) == ["INV-1", "INV-2", "INV-3"])
        #expect(one.issued.map { r.ledger.invoices[$0].number } == ["INV-1", "INV-2", "INV-3"])
        let all = ClientStory.all(r.ledger, sheet: sheet)
        #expect(all.map(numbers) == [["INV-1", "INV-2", "INV-3"]])
    }

    @Test func theLetterChasesThemInDateOrder() throws {
        let r = load(text)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-11-20")!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.chased.map { r.ledger.invoices[$0].number } == ["INV-1", "INV-2", "INV-3"])
        let stage = try #require(choice.stage)
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        #expect(values["invoices.list"] == "INV-1, INV-2 and INV-3")
    }
}
