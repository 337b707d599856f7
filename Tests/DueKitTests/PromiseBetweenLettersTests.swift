import Testing
@testable import DueKit

/// A promise made after a reminder, whose invoice the letters about other work listed as
/// promised until its day passed (7.2): the follow-up after it cites the letters that went,
/// and the agenda keeps the broken promise in sight until that follow-up.
@Suite struct PromiseBetweenLettersTests {
    /// K-1 and K-2 reminded on 10 April; on 14 April Kim promised K-1's 4,200.00 by 15 May;
    /// the follow-ups of 30 April and 14 May asked for K-2 and K-3, listing K-1 as promised.
    static let kite = """
        settings
          currency  GBP
          holidays  england

        sender Harbour Lane Studio Ltd
          contact  Ana Reyes
          email    accounts@harbourlane.example
          bank     Sort code 20-30-40, account 11223344

        client kite Kite Consulting Ltd
          contact  Kim Kite
          email    kim@kite.example
          terms    net 30
          methods  bank transfer

        2026-03-02 invoice kite K-1
          item  Strategy workshop   1 x 4200.00

        2026-03-09 invoice kite K-2
          item  Follow-up report   1 x 900.00

        2026-03-16 invoice kite K-3
          item  Slides   1 x 350.00

        2026-04-10 letter kite reminder
          invoices  K-1 K-2

        2026-04-14 note kite call
          with     Kim Kite
          said     K-1 will be paid mid May once the grant lands
          promise  2026-05-15 4,200.00

        2026-04-30 letter kite follow-up
          invoices  K-2 K-3

        2026-05-14 letter kite follow-up
          invoices  K-2 K-3

        """

    static func values(_ text: String, asOf: String) throws -> (choice: StageChoice, values: [String: String]) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let stage = try #require(choice.stage)
        return (choice, LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet))
    }

    /// Before: "Following my letters of 10 April 2026 and 14 May 2026, …", as if the follow-up
    /// of 30 April, which asked for K-2 and K-3 and listed K-1 as promised, had never gone.
    /// After: every letter between the first and the last cited is named.
    @Test func theFollowUpCitesEveryLetterSinceTheFirstItNames() throws {
        let d = try Self.values(Self.kite, asOf: "2026-05-28")
        #expect(d.choice.stage == .followUp)
        #expect(d.values["again"] == "Following my letters of 10 April 2026, 30 April 2026 and 14 May 2026, invoices K-1, K-2 and K-3 still show 5,450.00 GBP open, the oldest 57 days past its due date.")
    }

    /// The agenda's item to check on the broken promise, as of each day from `from` to `to`.
    static func brokenItems(_ text: String, from: String, to: String) -> [(day: String, item: String?)] {
        let r = load(text)
        var out: [(day: String, item: String?)] = []
        var day = Day.parse(from)!
        while day <= Day.parse(to)! {
            let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
            out.append((day.description, agenda.items.first { $0.kind == .promise }.map { "\($0.action) | \($0.why)" }))
            day = day.adding(days: 1)
        }
        return out
    }

    /// K-1's promise was broken on 16 May; the follow-up of 14 May gave until 26 May (the 24th
    /// a Sunday, the 25th a bank holiday), so the next letter is due on 27 May. Before: the
    /// item went on 23 May, seven days after the promised day, and the agenda read "Nothing to
    /// do today." until the 27th. After: it stays until the follow-up that names the broken
    /// promise is due, and goes once that letter has gone or the client is heard from.
    @Test func theBrokenPromiseStaysOnTheAgendaUntilTheLetterThatNamesIt() throws {
        let item = "check on the payment of 4,200.00 GBP promised for 2026-05-15: it has not arrived | promised on 2026-04-14; the next letter is due on 2026-05-27"
        let days = Self.brokenItems(Self.kite, from: "2026-05-16", to: "2026-05-26")
        #expect(days.count == 11)
        for (day, found) in days { #expect(found == item, "\(day)") }
        #expect(Self.brokenItems(Self.kite, from: "2026-05-27", to: "2026-05-27").map(\.item) == [nil])
        let sent = Self.kite + "2026-05-28 letter kite follow-up\n  invoices  K-1 K-2 K-3\n"
        for (day, found) in Self.brokenItems(sent, from: "2026-05-29", to: "2026-06-10") { #expect(found == nil, "\(day)") }
        let heard = Self.kite + "2026-05-24 note kite email\n  said  Grant delayed again.\n"
        #expect(Self.brokenItems(heard, from: "2026-05-24", to: "2026-05-24").map(\.item) == [nil])
    }
}
