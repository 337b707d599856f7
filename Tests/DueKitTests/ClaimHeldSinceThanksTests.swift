import Testing
@testable import DueKit

/// A thank-you told the client a formal demand's claim was not covered by their payment; money
/// they paid after it, held on account, would meet it. The agenda keeps the claim one to
/// pursue or waive (it does not say the thank-you called it covered), names that money and
/// what it would leave theirs, and asks for a letter telling them of it.
@Suite struct ClaimHeldSinceThanksTests {
    static let ledger = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client dune Dunes Surf Co
          contact Dee Une
          terms net 30
          methods bank transfer
          interest 8%
          compensation statutory

        2026-09-05 invoice dune U-1
          total 3000.00
        2026-10-08 letter dune reminder
          invoices U-1
        2026-10-22 letter dune follow-up
          invoices U-1
        2026-11-05 letter dune follow-up
          invoices U-1
        2026-11-19 letter dune final
          invoices U-1
        2026-12-04 letter dune demand
          invoices U-1
        2027-01-15 payment dune 3000.00
          apply U-1
        2027-01-15 letter dune thanks

        """

    static func claimItems(_ text: String, asOf: String) -> [Agenda.Item] {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.filter { $0.client == "dune" && $0.kind == .nextStep }
    }

    @Test func moneyPaidAfterAThankYouThatSaidTheClaimWasNotCoveredLeavesItToPursueOrWaive() throws {
        let before = Self.claimItems(Self.ledger, asOf: "2027-01-20")
        let claim = try #require(before.first?.action)
        #expect(claim == "decide whether to pursue or waive the 109.45 GBP of interest and compensation our formal demand of 2026-12-04 claimed")
        let items = Self.claimItems(Self.ledger + "2027-01-25 payment dune 150.00\n", asOf: "2027-01-25")
        #expect(items.count == 1)
        let item = try #require(items.first)
        #expect(item.action == claim)
        #expect(!item.action.hasPrefix("record as an invoice"))
        #expect(item.why == "invoice U-1 was settled on 2027-01-15 without it, as our thank-you of 2027-01-15 told them; the 150.00 GBP of theirs held on account, paid since, would meet it, leaving 40.55 GBP theirs; to pursue it, record it as an invoice of that sum; to waive it, record that invoice and write it off as waived; either way, write to thank them for that payment, saying what it covers and what stays theirs")
    }
}
