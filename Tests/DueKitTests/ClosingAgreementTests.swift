import Testing
@testable import DueKit

/// The closing of a final notice or formal demand says what happens if the money asked for
/// has not come: "it" for one amount, "they" for one per currency.
@Suite struct ClosingAgreementTests {
    static func ledger(_ invoices: String) -> String {
        """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678
          bank EUR IBAN GB11 TEST 1122 3312 3456 78, BIC TESTGB2L

        client acme Acme Ltd
          contact Jane Doe
          terms net 30

        2026-01-05 invoice acme A-1
          total 1,000.00
        2026-01-05 invoice acme E-1
          currency EUR
          total 2,000.00

        2026-02-09 letter acme reminder
          invoices \(invoices)
        2026-02-23 letter acme follow-up
          invoices \(invoices)
        2026-03-09 letter acme follow-up
          invoices \(invoices)
        2026-03-23 letter acme final
          invoices \(invoices)

        """
    }

    func demand(_ text: String) throws -> String {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse("2026-04-15")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .demand)
        let stage = try #require(choice.stage)
        return TemplateSet().template(for: stage).render(LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet))
    }

    @Test func aDemandForTwoCurrenciesSaysThey() throws {
        let text = try demand(Self.ledger("A-1 E-1"))
        #expect(text.contains("Please pay 1,000.00 GBP and 2,000.00 EUR by 27 April 2026. If they have not reached us by that date, we intend to take formal steps"), "\(text)")
    }

    @Test func aDemandForOneAmountSaysIt() throws {
        let one = Self.ledger("A-1").replacingOccurrences(of: "2026-01-05 invoice acme E-1\n  currency EUR\n  total 2,000.00\n", with: "")
        let text = try demand(one)
        #expect(text.contains("Please pay 1,000.00 GBP by 27 April 2026. If it has not reached us by that date, we intend to take formal steps"), "\(text)")
    }

    /// A demand template written before `claim.if` (the built-in one of then, copied and
    /// edited) still reads as it did: `claim.unless` keeps its words without the verb.
    @Test func aTemplateWrittenWithClaimUnlessStillReads() throws {
        let r = load(Self.ledger("A-1 E-1"))
        let day = Day.parse("2026-04-15")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let values = LetterFields.values(stage: .demand, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        #expect(values["claim.unless"] == "If it")
        #expect(values["claim.if"] == "If they have")
    }
}
