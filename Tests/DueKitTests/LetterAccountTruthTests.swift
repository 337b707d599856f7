import Testing
@testable import DueKit

/// The letters of the one client `acme` of `extra`, on `asOf`: the stage chosen and the values
/// its template was given (a statement when `statement` is set, as `--statement` asks).
private func letter(_ extra: String, asOf: String, statement: Bool = false) -> (choice: StageChoice, values: [String: String], text: String)? {
    let text = """
        settings
          currency GBP
          cadence 7 14
          reminder-after 3
          final-after 3
          demand-after 60
          reply-days 10

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client acme Acme Ltd
          contact Jane Doe
          terms net 30
          methods bank transfer

        """ + extra
    let r = load(text)
    #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
    let day = Day.parse(asOf)!
    let sheet = BalanceEngine.balances(r.ledger, asOf: day)
    guard let story = ClientStory.all(r.ledger, sheet: sheet).first(where: { $0.client.id == "acme" }) else { return nil }
    var choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
    if statement {
        choice = StageChoice(client: "acme", stage: .statement, reason: "on request")
        choice.chased = story.open
    }
    guard let stage = choice.stage else { return nil }
    let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
    return (choice, values, TemplateSet().template(for: stage).render(values))
}

@Suite struct LetterAccountTruthTests {
    /// Money paid while an invoice is in query waits on account for it (4, rule 4): the
    /// statement says it will go to that invoice once the query is settled, not to the next one.
    @Test func aStatementSaysMoneyHeldForAQueryGoesToTheQueriedInvoice() throws {
        let ledger = """
            2026-01-05 invoice acme A-1
              total 1000.00
            2026-01-10 invoice acme A-2
              total 500.00
            2026-02-10 note acme email
              dispute A-2 Wrong rate
            2026-02-12 payment acme 1300.00

            """
        let d = try #require(letter(ledger, asOf: "2026-02-20", statement: true))
        #expect(d.values["credit.on-account"] == "We hold 300.00 GBP of yours on account while we settle the query about invoice A-2: once it is settled, the money will go towards what is agreed for that invoice, unless you would rather have it refunded.")
        #expect(!d.text.contains("next invoice"))
        // More than the invoice owes: the rest is for the next invoice, and said so.
        let more = try #require(letter(ledger.replacingOccurrences(of: "1300.00", with: "1700.00"), asOf: "2026-02-20", statement: true))
        #expect(more.values["credit.on-account"] == "We hold 700.00 GBP of yours on account while we settle the query about invoice A-2: once it is settled, the money will go towards what is agreed for that invoice, and what is left over towards your next invoice, unless you would rather have it refunded.")
        // And so it does: once the query is settled the money pays the invoice.
        let settled = try #require(letter(ledger + "2026-03-01 note acme email\n  resolved A-2 Rate confirmed\n", asOf: "2026-03-02", statement: true))
        #expect(settled.values["invoices.table"]?.contains("| A-2 | 10 January 2026 | 500.00 | 300.00 | 200.00 | 21 |") == true)
        #expect(settled.values["credit.on-account"] == nil)
    }
}
