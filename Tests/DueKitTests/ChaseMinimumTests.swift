import Testing
@testable import DueKit

/// A small sum left open (a bank's fee taken off a payment) is asked for once and taken no
/// further: no follow-ups, final notice or demand threaten over it, and the agenda asks the
/// user to write it off or ask once more (grammar 3.2, `chase-minimum`; 7.2; 7.5).
@Suite struct ChaseMinimumTests {
    /// Bay paid 1,187.50 of T-7's 1,200.00 on its due date: their bank took 12.50.
    static let ledger = """
        settings
          currency GBP

        sender Lena Park Translations
          contact Lena Park
          bank Sort code 20-11-22, account 12345678

        client bay Baywater Legal LLP
          contact  Ana Bay
          terms    net 30

        2026-03-02 invoice bay T-7
          total 1200.00
        2026-04-01 payment bay 1187.50
          apply T-7

        """

    struct Run {
        let choice: StageChoice
        let values: [String: String]?
        let agenda: [Agenda.Item]
    }

    func run(_ text: String, asOf: String) throws -> Run {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let values = choice.stage.map { LetterFields.values(stage: $0, choice: choice, story: story, ledger: r.ledger, sheet: sheet) }
        return Run(choice: choice, values: values, agenda: Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day).items)
    }

    /// The reminder asks for the 12.50 once; after its date no follow-up goes (before: a
    /// follow-up on 20 April, then two more, a final notice and a formal demand for 12.50).
    @Test func aSmallShortfallIsAskedForOnceThenLeftToTheUser() throws {
        #expect(try run(Self.ledger, asOf: "2026-04-06").choice.stage == .reminder)
        let reminded = Self.ledger + "2026-04-06 letter bay reminder\n  invoices T-7\n"
        let waiting = try run(reminded, asOf: "2026-04-13")
        #expect(waiting.choice.stage == nil)
        #expect(waiting.choice.reason == "only 12.50 GBP open on T-7, below the chase minimum of 25.00 GBP; our reminder of 2026-04-06 asked for it, and no further letter goes: the next step is yours from 2026-04-17")
        #expect(waiting.agenda.filter { $0.client == "bay" }.isEmpty, "\(waiting.agenda.map(\.action))")
        let decide = try run(reminded, asOf: "2026-04-20")
        #expect(decide.choice.stage == nil)
        #expect(decide.choice.belowChaseMinimum == Money(minor: 2500, currency: Currency("GBP")))
        #expect(decide.agenda.map(\.action) == ["write off the 12.50 GBP left on T-7, or ask for it once more yourself"])
        #expect(decide.agenda.first?.why == "only 12.50 GBP open on T-7, below the chase minimum of 25.00 GBP; our reminder of 2026-04-06 asked for it, and no further letter goes")
        // Months on, still no letter.
        #expect(try run(reminded, asOf: "2026-07-01").choice.stage == nil)
    }

    /// A shortfall left after our letters asked for the whole: the next letter asks for it once,
    /// a follow-up warning of no final notice, and nothing follows it.
    @Test func aShortfallLeftAfterLettersGetsOneFollowUp() throws {
        let text = Self.ledger.replacingOccurrences(of: "2026-04-01 payment", with: "2026-04-24 payment")
            + "2026-04-06 letter bay reminder\n  invoices T-7\n2026-04-20 letter bay follow-up\n  invoices T-7\n"
        let one = try run(text, asOf: "2026-05-11")
        #expect(one.choice.stage == .followUp, "\(one.choice.reason)")
        let note = one.values?["follow-up.note"] ?? ""
        #expect(!note.contains("final notice"), "\(note)")
        let after = text + "2026-05-11 letter bay follow-up\n  invoices T-7\n"
        #expect(try run(after, asOf: "2026-06-01").choice.belowChaseMinimum != nil)
        #expect(try run(after, asOf: "2026-06-01").choice.stage == nil)
    }

    /// Follows the ladder from `from` for `letters` letters, each sent on the first day one is due.
    func ladder(_ text: String, from: String, letters: Int) throws -> [String] {
        var text = text, day = Day.parse(from)!, sent: [String] = []
        for _ in 0..<letters {
            var waited = 0
            while try run(text, asOf: "\(day)").choice.stage == nil, waited < 60 { day = day.adding(days: 1); waited += 1 }
            guard let stage = try run(text, asOf: "\(day)").choice.stage else { break }
            sent.append("\(day) \(stage.rawValue)")
            text += "\(day) letter bay \(stage.rawValue)\n  invoices T-8\n"
            day = day.adding(days: 1)
        }
        return sent
    }

    /// The minimum is for shortfalls: a 20.00 invoice with nothing paid is a whole debt
    /// ignored, and climbs the ladder as before the setting (before: a reminder on 2026-04-06,
    /// then no letter and the agenda's 'write off the 20.00 GBP left on T-8').
    @Test func anInvoiceWithNothingPaidClimbsTheLadderHoweverSmall() throws {
        let unpaid = Self.ledger.replacingOccurrences(of: "2026-03-02 invoice bay T-7\n  total 1200.00\n2026-04-01 payment bay 1187.50\n  apply T-7\n",
                                                     with: "2026-03-02 invoice bay T-8\n  total 20.00\n")
        let sent = try ladder(unpaid, from: "2026-04-06", letters: 4)
        #expect(sent == ["2026-04-06 reminder", "2026-04-20 follow-up", "2026-05-04 follow-up", "2026-05-18 final"])
        let reminded = unpaid + "2026-04-06 letter bay reminder\n  invoices T-8\n"
        let next = try run(reminded, asOf: "2026-04-20")
        #expect(next.choice.stage == .followUp, "\(next.choice.reason)")
        #expect(next.choice.belowChaseMinimum == nil)
        #expect(!next.agenda.contains { $0.action.hasPrefix("write off") }, "\(next.agenda.map(\.action))")
        // A credit note is no payment: 20.00 less 5.00 credited is still money ignored.
        let credited = reminded + "2026-04-10 credit bay 5.00\n  apply T-8\n"
        #expect(try run(credited, asOf: "2026-04-20").choice.stage == .followUp)
    }

    /// `chase-minimum 0` chases every sum up the ladder, as before; a minimum below the sum, or
    /// one in another currency, leaves it chased too.
    @Test func theMinimumIsTheUsers() throws {
        let reminded = Self.ledger + "2026-04-06 letter bay reminder\n  invoices T-7\n"
        func with(_ line: String) -> String { reminded.replacingOccurrences(of: "  currency GBP\n", with: "  currency GBP\n  \(line)\n") }
        #expect(try run(with("chase-minimum 0"), asOf: "2026-04-20").choice.stage == .followUp)
        #expect(try run(with("chase-minimum 10.00"), asOf: "2026-04-20").choice.stage == .followUp)
        #expect(try run(with("chase-minimum 10.00 EUR"), asOf: "2026-04-20").choice.stage == nil)
        #expect(load(with("chase-minimum 10.00 GBP net")).diagnostics.map(\.code) == ["E106"])
    }

    /// Beside a formal demand about D-1 whose date is still to come, the write-off item for
    /// T-7's 12.50 is all the agenda says of Bay: it keeps the demand's date. Before, on
    /// 2026-04-20, its reason ended at the setting, and nothing said the demand of 2026-04-15
    /// waited for a reply until 2026-04-27; from 2026-04-28 the demand's own item says it.
    @Test func theWriteOffItemKeepsADemandsDateBesideIt() throws {
        let text = Self.ledger.replacingOccurrences(of: "2026-03-02 invoice bay T-7", with: "2026-01-05 invoice bay D-1\n  total 1,000.00\n2026-03-02 invoice bay T-7")
            + "2026-02-10 letter bay reminder\n  invoices D-1\n2026-02-24 letter bay follow-up\n  invoices D-1\n2026-03-10 letter bay follow-up\n  invoices D-1\n"
            + "2026-03-24 letter bay final\n  invoices D-1\n2026-04-06 letter bay reminder\n  invoices T-7\n2026-04-15 letter bay demand\n  invoices D-1\n"
        let waiting = try run(text, asOf: "2026-04-20")
        #expect(waiting.agenda.map(\.action) == ["write off the 12.50 GBP left on T-7, or ask for it once more yourself"])
        #expect(waiting.agenda.first?.why == "only 12.50 GBP open on T-7, below the chase minimum of 25.00 GBP; our reminder of 2026-04-06 asked for it, and no further letter goes; our formal demand of 2026-04-15 about invoice D-1 asked for a reply by 2026-04-27; the next step about it is yours from 2026-04-28")
        let passed = try run(text, asOf: "2026-04-30")
        #expect(passed.agenda.map(\.why) == ["formal demand of 2026-04-15 unanswered; decide the next step yourself", "only 12.50 GBP open on T-7, below the chase minimum of 25.00 GBP; our reminder of 2026-04-06 asked for it, and no further letter goes"])
    }

    /// Bramble paid 90.00 of BR-05's 96.00 on its due day, with courtesy notes on: the
    /// shortfall gets its one letter, the reminder, and no courtesy note before it. Before, a
    /// note went that day ("A quick note, not a chase: invoice BR-05, with 6.00 GBP still
    /// open, falls due today.") and the reminder a week later: two letters over 6.00.
    @Test func aShortfallGetsNoCourtesyNoteBeforeItsOneLetter() throws {
        let text = """
            settings
              currency  GBP
              courtesy  3

            sender Lena Park Translations
              contact Lena Park
              bank Sort code 20-11-22, account 12345678

            client bramble Bramble & Co
              contact  Sam Bramble
              terms    net 14

            2026-10-05 invoice bramble BR-05
              total 96.00
            2026-10-19 payment bramble 90.00
              ref BR-05

            """
        let due = try run(text, asOf: "2026-10-19")
        #expect(due.choice.stage == nil)
        #expect(due.choice.reason == "invoice BR-05 falls due on 2026-10-19; only 6.00 GBP open on it, below the chase minimum of 25.00 GBP: its one letter is the reminder, once it is past due")
        #expect(due.choice.nextDate == Day.parse("2026-10-22"))
        #expect(due.agenda.filter { $0.kind == .letter }.isEmpty, "\(due.agenda.map(\.action))")
        #expect(try run(text, asOf: "2026-10-26").choice.stage == .reminder)
        // Nothing paid yet, the whole invoice gets its note as ever.
        let unpaid = text.replacingOccurrences(of: "2026-10-19 payment bramble 90.00\n  ref BR-05\n", with: "")
        #expect(unpaid != text)
        #expect(try run(unpaid, asOf: "2026-10-16").choice.stage == .courtesy)
    }
}
