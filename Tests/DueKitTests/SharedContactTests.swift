import Testing
@testable import DueKit

/// Two client companies with one contact, the same email address for both: the letters each
/// gets on one day reach one person, and the agenda says so beside each.
@Suite struct SharedContactTests {
    static let text = """
        settings
          currency GBP
          reminder-after 3

        sender Test Studio Ltd
          contact Sam Lee
          email accounts@test.example
          bank Sort code 11-22-33, account 12345678

        client north Northgate Foods Ltd
          contact Helen Ward
          email helen@northgate.example
          terms net 30

        client northbev Northgate Beverages Ltd
          contact Helen Ward
          email Helen Ward <Helen@Northgate.example>
          terms net 30

        client other Other Ltd
          contact Olga Berg
          email olga@other.example
          terms net 30

        2026-03-03 invoice north N-1
          total 1,500.00
        2026-03-03 invoice northbev NB-1
          total 900.00
        2026-03-03 invoice other O-1
          total 300.00

        """

    static func letterWhy(_ client: String, asOf: String) throws -> String {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
        return try #require(agenda.items.first { $0.kind == .letter && $0.client == client }).why
    }

    @Test func eachLetterToOneAddressNamesTheOther() throws {
        #expect(try Self.letterWhy("north", asOf: "2026-04-08") == "N-1 is 6 days past due and no reminder has gone yet; today's letter to northbev goes to the same address (helen@northgate.example)")
        #expect(try Self.letterWhy("northbev", asOf: "2026-04-08") == "NB-1 is 6 days past due and no reminder has gone yet; today's letter to north goes to the same address (helen@northgate.example)")
        #expect(try Self.letterWhy("other", asOf: "2026-04-08") == "O-1 is 6 days past due and no reminder has gone yet")
    }

    /// Only letters on the same day: with one of the two paid, the other's item says nothing.
    @Test func aLetterAloneThatDaySaysNothing() throws {
        let r = Self.text + """
            2026-04-01 payment north 1,500.00
              apply N-1

            """
        let day = Day.parse("2026-04-08")!
        let l = load(r)
        let agenda = Agenda.build(ledger: l.ledger, sheet: BalanceEngine.balances(l.ledger, asOf: day), asOf: day)
        #expect(agenda.items.first { $0.kind == .letter && $0.client == "northbev" }?.why == "NB-1 is 6 days past due and no reminder has gone yet")
    }
}
