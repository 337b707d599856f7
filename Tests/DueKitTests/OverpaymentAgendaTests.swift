import Testing
@testable import DueKit

/// The agenda's item for money of the client's held on account that no open invoice takes
/// (7.5) goes once the user has acted on it, and does not hang on a formal demand of long ago.
@Suite struct OverpaymentAgendaTests {
    static let header = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client acme Acme Ltd
          contact Jane Doe
          terms net 30

        """
    static let overpaid = """
        2026-03-02 invoice acme C-1
          total 1,000.00
        2026-04-06 letter acme reminder
          invoices C-1
        2026-04-10 payment acme 1,500.00
          apply C-1

        """
    static let item = "refund the 500.00 GBP held on account, or tell them it is kept for their next invoice"

    static func actions(_ text: String, on day: String) -> [String] {
        let r = load(header + text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let asOf = Day.parse(day)!
        return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: asOf), asOf: asOf).items.map(\.action)
    }

    @Test func itStandsUntilTheUserActs() {
        #expect(Self.actions(Self.overpaid, on: "2026-04-20").contains(Self.item))
    }

    /// Before, the thank-you of 15 April, which said "We hold 500.00 GBP of yours on account,
    /// which we will set against your next invoice unless you would rather have it refunded.",
    /// left the item on every day's agenda.
    @Test func aLetterSinceTheMoneyCameOfferedItBack() {
        #expect(!Self.actions(Self.overpaid + "2026-04-15 letter acme thanks\n", on: "2026-04-20").contains { $0.hasPrefix("refund") })
    }

    /// Part of it paid back: the user has acted (before, the item stayed for the 300.00 left).
    @Test func aRefundOfPartOfItIsActingOnIt() {
        #expect(!Self.actions(Self.overpaid + "2026-04-16 refund acme 200.00\n", on: "2026-04-20").contains { $0.hasPrefix("refund") })
    }

    /// A letter before the money came offered nothing.
    @Test func aLetterBeforeItDoesNotCount() {
        let text = Self.overpaid.replacingOccurrences(of: "2026-04-10 payment", with: "2026-04-08 letter acme follow-up\n  invoices C-1\n2026-04-10 payment")
        #expect(Self.actions(text, on: "2026-04-20").contains(Self.item))
    }

    /// A formal demand a year before, its invoice paid and claiming nothing: before, no item at
    /// all for this client, ever ("nor beside a formal demand").
    @Test func anOldDemandDoesNotHideIt() {
        let text = """
            2025-01-05 invoice acme A-1
              total 1,000.00
            2025-02-09 letter acme reminder
              invoices A-1
            2025-02-23 letter acme follow-up
              invoices A-1
            2025-03-09 letter acme follow-up
              invoices A-1
            2025-03-23 letter acme follow-up
              invoices A-1
            2025-04-06 letter acme final
              invoices A-1
            2025-04-20 letter acme demand
              invoices A-1
            2025-04-25 payment acme 1,000.00
              apply A-1
            2025-05-01 letter acme thanks

            """ + Self.overpaid
        #expect(Self.actions(text, on: "2026-04-12").contains(Self.item))
    }
}
