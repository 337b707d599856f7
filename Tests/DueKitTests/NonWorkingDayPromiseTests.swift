import Testing
@testable import DueKit

/// A promise to pay by a weekend or a holiday runs to the next working day, as a letter's
/// pay-by date does (grammar.md §3.9): a bank transfer cannot arrive on Good Friday, so a
/// promise "by 3 April 2026" is not broken until Tuesday 7 April has passed. The letters keep
/// the day the client gave.
@Suite struct NonWorkingDayPromiseTests {
    private let text = """
        settings
          currency  GBP
          holidays  england
        client fenwick Fenwick Architects LLP
          terms     net 30
        2026-02-01 invoice fenwick F-1
          total 1,200.00
        2026-03-20 letter fenwick reminder
          invoices F-1
        2026-03-25 note fenwick email
          promise  2026-04-03 1,200.00

        """

    private func choice(_ text: String, _ day: String) throws -> StageChoice {
        let r = load(text)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(day)!)
        return StageChooser.choose(try #require(ClientStory.all(r.ledger, sheet: sheet).first), ledger: r.ledger, sheet: sheet)
    }

    @Test func theResolverMovesThePromisesLastDayOffTheHolidays() throws {
        let r = load(text)
        let p = try #require(r.ledger.notes.first?.promise)
        #expect(p.by == Day.parse("2026-04-03"))
        #expect(p.lastDay == Day.parse("2026-04-07"))
    }

    /// Over Easter no follow-up goes: it waits for Tuesday 7 April to pass.
    @Test func theFollowUpWaitsForTheNextWorkingDay() throws {
        let waiting = try choice(text, "2026-04-07")
        #expect(waiting.stage == nil)
        #expect(waiting.reason == "promised on 2026-03-25 to pay by 2026-04-03; wait until 2026-04-07, the next working day")
        #expect(waiting.nextDate == Day.parse("2026-04-08"))
        #expect(try choice(text, "2026-04-08").stage == .followUp)
    }

    /// Money that arrives on the first working day after keeps it.
    @Test func moneyOnTheNextWorkingDayKeepsIt() throws {
        let kept = text + "2026-04-07 payment fenwick 1,200.00\n  apply F-1\n"
        let r = load(kept)
        let asOf = Day.parse("2026-04-08")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: asOf)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let n = try #require(story.latestPromise)
        let outcome = PromiseOutcome(note: n, promise: n.promise!, payments: story.payments, asOf: asOf, ledger: r.ledger, owing: (story, sheet))
        #expect(outcome.state == .kept)
        #expect(try choice(kept, "2026-04-08").stage == .thanks)
    }

    /// The agenda expects it over the holidays, not a follow-up, and the aging counts it
    /// promised until the day it can arrive.
    @Test func theAgendaAndTheAgingHoldItOverTheHolidays() throws {
        let r = load(text)
        let asOf = Day.parse("2026-04-06")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: asOf), asOf: asOf)
        #expect(!agenda.items.contains { $0.kind == .letter })
        #expect(agenda.items.first { $0.kind == .promise }?.action == "expect the payment of 1,200.00 GBP promised for 2026-04-03 (no working day: it can arrive until 2026-04-07)")
        let aging = AgingReport.build(r.ledger, asOf: asOf)
        let line = try #require(aging.lines.first { $0.number == "F-1" })
        #expect(line.status.promised == 120_000)
        #expect(line.status.promisedUntil == Day.parse("2026-04-07"))
    }

    /// The follow-up after it names the day the client gave.
    @Test func theLetterStatesTheDayTheClientGave() throws {
        let r = load(text)
        let asOf = Day.parse("2026-04-08")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: asOf)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let values = LetterFields.values(stage: .followUp, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        #expect(values["promise.broken"] == "On 25 March 2026 you told us to expect a payment of 1,200.00 GBP by 3 April 2026. It has not reached us.")
    }
}
