import Testing
@testable import DueKit

/// A payment inside an early-payment discount window that falls short of the discounted sum by
/// less than one unit of its currency is a slip, not a discount declined (grammar §4 rule 6):
/// the discount stands, and the pence left are a remainder, not a missed discount chased.
@Suite struct DiscountSlipTests {
    /// F-1 offered 2% off by 12 March: 980.00 would have settled it; 979.20 came on 10 March.
    static let ledger = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client finch Finch Ltd
          contact Ed Finch
          terms net 30
          methods bank transfer

        2026-03-02 invoice finch F-1
          terms 2/10 net 30
          total 1000.00
        2026-03-10 payment finch 979.20
          apply F-1

        """

    func choose(_ text: String, asOf: String) throws -> (choice: StageChoice, values: [String: String]?, text: String?, agenda: [String]) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let agenda = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day).items.map(\.action)
        guard let stage = choice.stage else { return (choice, nil, nil, agenda) }
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return (choice, values, TemplateSet().template(for: stage).render(values), agenda)
    }

    @Test func theDiscountStandsAndThePenceStayOpen() throws {
        let r = load(Self.ledger)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-04-04")!)
        let b = sheet.invoices[0]
        #expect(b.discount == 2000 && b.paid == 97920 && b.open == 80)
        // The pence paid later, after the window, settle it; the discount still stands.
        let later = load(Self.ledger + "2026-04-10 payment finch 0.80\n  apply F-1\n")
        let settled = BalanceEngine.balances(later.ledger, asOf: Day.parse("2026-04-20")!).invoices[0]
        #expect(settled.discount == 2000 && settled.open == 0 && settled.settled == Day.parse("2026-04-10"))
    }

    /// Before: a reminder titled "Early-payment discount: 20.80 GBP past due", "…so the
    /// discount could not be applied and 20.80 GBP remains to pay.", asking "If you believe
    /// your payment was made in time, please tell me the date you sent it"; the agenda then
    /// asked to decide about "the 20.80 GBP still open of early-payment discounts missed".
    @Test func noLetterChasesTheSlipAsAMissedDiscount() throws {
        let alone = try choose(Self.ledger, asOf: "2026-04-04")
        #expect(alone.choice.stage == nil && alone.choice.remainder)
        #expect(alone.agenda == ["write off the 0.80 GBP left, or let it be"])
        // Beside other work the letter asks for that work, the pence set aside.
        let beside = try choose(Self.ledger + "2026-03-03 invoice finch F-2\n  total 500.00\n", asOf: "2026-04-06")
        #expect(beside.choice.stage == .reminder)
        #expect(beside.values?["total"] == "500.00 GBP")
        let text = try #require(beside.text)
        #expect(text.contains("0.80 | small balance, not asked for |"), "\(text)")
        #expect(!text.contains("could not be applied") && !text.contains("20.80"))
    }
}
