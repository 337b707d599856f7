import Testing
@testable import DueKit

/// A promise whose day is still ahead holds the letters about the invoices it covers, not
/// those about the client's other past-due money (7.2): that goes on up the ladder, and its
/// letter says what was promised.
@Suite struct PartialPromiseTests {
    static let head = """
        settings
          currency GBP
          cadence 7 14
          reminder-after 3

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client kite Kite Events Ltd
          contact Sam Patel
          terms net 30
          methods bank transfer

        2026-03-02 invoice kite K-1
          for Spring launch event
          total 4,200.00
        2026-03-16 invoice kite K-2
          for Venue styling
          total 860.00
        2026-04-04 letter kite reminder
          invoices K-1

        """

    /// On 6 April only K-1 is past due, and the client promises its 4,200.00 by 15 May; K-2
    /// falls due on 15 April.
    static let promisedK1 = head + """
        2026-04-06 note kite call
          said Will pay the launch invoice mid May
          promise 2026-05-15 4,200.00

        """

    static func values(_ text: String, asOf: String) throws -> (choice: StageChoice, values: [String: String]?) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "kite" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        return (choice, choice.stage.map { LetterFields.values(stage: $0, choice: choice, story: story, ledger: r.ledger, sheet: sheet) })
    }

    @Test func anInvoiceThePromiseDoesNotCoverIsChasedBeforeItsDay() throws {
        let d = try Self.values(Self.promisedK1, asOf: "2026-04-21")
        #expect(d.choice.stage == .reminder)
        let v = try #require(d.values)
        #expect(v["total"] == "860.00 GBP")
        #expect(v["invoices.phrase"] == "invoice K-2")
        #expect(v["on.hold"] == "On 6 April 2026 you told us to expect a payment of 4,200.00 GBP by 15 May 2026 towards invoice K-1; this letter is about invoice K-2, which is past due as well.")
        let table = try #require(v["invoices.table"])
        #expect(table.contains("| K-1 | 2 March 2026 | Spring launch event | 4,200.00 | 0.00 | 4,200.00 | promised by 15 May 2026 |"))
        #expect(table.contains("| Past due, promised by 15 May 2026 | | | | | 4,200.00 GBP | |"))
        #expect(table.contains("| Past due | | | | | 860.00 GBP | |"))
    }

    /// The promise still holds the letters about what it covers: before its day no letter asks
    /// for K-1, and with K-2 paid nothing goes at all.
    @Test func whatThePromiseCoversWaitsForItsDay() throws {
        let paid = Self.promisedK1 + """
            2026-04-17 payment kite 860.00
              apply K-2

            """
        let d = try Self.values(paid, asOf: "2026-04-21")
        #expect(d.choice.stage == nil)
        #expect(d.choice.reason == "promised on 2026-04-06 to pay by 2026-05-15; wait until then")
    }

    /// A promise of no amount is about all that was past due on its day: it holds it all.
    @Test func aPromiseOfNoAmountCoversAllItIsAbout() throws {
        let text = Self.head + """
            2026-04-16 note kite call
              promise 2026-05-15

            """
        let d = try Self.values(text, asOf: "2026-04-21")
        #expect(d.choice.stage == nil)
    }
}
