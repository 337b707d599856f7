import Testing
@testable import DueKit

/// A promise is about the money past due on its day (7.2): money the client applied to
/// another invoice does not meet it, in the letter that names it nor in the agenda.
@Suite struct PromiseScopeTests {
    static let head = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client twice Twice Told Books
          contact Tom Wice
          terms net 30
          methods bank transfer

        """

    /// T-1 past due, T-2 not yet due when the client promised T-1's 750.00.
    static let twice = head + """
        2026-10-05 invoice twice T-1
          total 750.00
        2026-10-28 invoice twice T-2
          total 600.00
        2026-11-07 letter twice reminder
          invoices T-1
        2026-11-12 note twice call
          said Will pay T-1 on the 20th, T-2 when due
          promise 2026-11-20 750.00

        """

    static func values(_ text: String, asOf: String) throws -> (choice: StageChoice, values: [String: String]) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "twice" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let stage = try #require(choice.stage)
        return (choice, LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet))
    }

    static func promiseItem(_ text: String, asOf: String) -> String? {
        let r = load(text)
        let day = Day.parse(asOf)!
        return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.first { $0.kind == .promise }?.action
    }

    @Test func aPaymentAppliedToAnInvoiceNotYetDueDoesNotMeetThePromise() throws {
        let text = Self.twice + """
            2026-11-19 payment twice 600.00
              apply T-2

            """
        let d = try Self.values(text, asOf: "2026-11-21")
        #expect(d.choice.stage == .followUp)
        #expect(d.choice.promise?.state == .broken)
        #expect(d.values["total"] == "750.00 GBP")
        #expect(d.values["promise.broken"] == "On 12 November 2026 you told us to expect a payment of 750.00 GBP by 20 November 2026. It has not reached us. Thank you for your payment of 600.00 GBP on 19 November 2026, which settled invoice T-2; it does not go towards what is asked for here.")
    }

    /// A promise of more than the past-due invoices' totals reaches further: the money for the
    /// invoice not yet due counts towards it.
    @Test func aPromiseOfMoreThanWasPastDueCountsTheOtherWorkToo() throws {
        let text = Self.head + """
            2026-10-05 invoice twice T-1
              total 750.00
            2026-10-28 invoice twice T-2
              total 600.00
            2026-11-07 letter twice reminder
              invoices T-1
            2026-11-12 note twice call
              promise 2026-11-20 1,350.00
            2026-11-19 payment twice 600.00
              apply T-2

            """
        let d = try Self.values(text, asOf: "2026-11-21")
        #expect(d.choice.promise?.state == .partlyKept)
        #expect(d.values["promise.broken"]?.contains("Thank you for the 600.00 GBP that has arrived towards it") == true, "\(d.values["promise.broken"] ?? "")")
    }

    /// The agenda counts what came towards the promise alone: 420.00 applied to an invoice not
    /// yet due on the promise's day is not "received since".
    @Test func theAgendaDoesNotCountMoneyAppliedToOtherWork() throws {
        let text = Self.head + """
            2026-08-03 invoice twice P-1
              total 2400.00
            2026-11-16 invoice twice P-3
              total 420.00
            2026-12-08 note twice email
              promise 2027-01-15 1,700.00
            2026-12-08 payment twice 700.00
              apply P-1
            2027-01-17 letter twice reminder
              invoices P-1 P-3
            2027-01-20 payment twice 420.00
              apply P-3

            """
        #expect(Self.promiseItem(text, asOf: "2027-01-20") == "check on the payment of 1,700.00 GBP promised for 2027-01-15: 700.00 GBP of it received by that day and nothing since, 1,000.00 GBP still to come")
    }
}
