import Testing
@testable import DueKit

/// The first final notice, and a demand after one, wait where the client's silence is not what
/// it seems (`FinalHold`, grammar 7.2): a new contact who never had the letters, a client that
/// always pays in full but late in its own pattern, a query of theirs we owe an answer.
@Suite struct EscalationHoldTests {
    static let settings = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        """

    /// A-1's reminder and two follow-ups went to Tom Old; letters go to Jane Doe now.
    static func newContact(to: String) -> String {
        settings + """
            client acme Acme Ltd
              contact Jane Doe
              terms net 30

            2026-01-05 invoice acme A-1
              total 1,200.00

            2026-02-09 letter acme reminder
              invoices A-1
              to \(to)
            2026-02-23 letter acme follow-up
              invoices A-1
              to \(to)
            2026-03-09 letter acme follow-up
              invoices A-1
              to \(to)

            """
    }

    /// each paid in full, 55, 56 and 57 days late, after final notices; Q-4 (due
    /// 4 November 2025) has had a reminder and two follow-ups.
    static let quarterly = settings + """
        client qtr Quarterly Ltd
          contact Ann Lee
          terms net 30

        2025-01-05 invoice qtr Q-1
          total 1,000.00
        2025-02-09 letter qtr reminder
          invoices Q-1
        2025-02-23 letter qtr follow-up
          invoices Q-1
        2025-03-09 letter qtr follow-up
          invoices Q-1
        2025-03-23 letter qtr final
          invoices Q-1
        2025-03-31 payment qtr 1,000.00
          apply Q-1
        2025-04-05 invoice qtr Q-2
          total 1,000.00
        2025-05-09 letter qtr reminder
          invoices Q-2
        2025-05-23 letter qtr follow-up
          invoices Q-2
        2025-06-06 letter qtr follow-up
          invoices Q-2
        2025-06-20 letter qtr final
          invoices Q-2
        2025-06-30 payment qtr 1,000.00
          apply Q-2
        2025-07-05 invoice qtr Q-3
          total 1,000.00
        2025-08-08 letter qtr reminder
          invoices Q-3
        2025-08-22 letter qtr follow-up
          invoices Q-3
        2025-09-05 letter qtr follow-up
          invoices Q-3
        2025-09-19 letter qtr final
          invoices Q-3
        2025-09-30 payment qtr 1,000.00
          apply Q-3
        2025-10-05 invoice qtr Q-4
          total 1,000.00
        2025-11-07 letter qtr reminder
          invoices Q-4
        2025-11-21 letter qtr follow-up
          invoices Q-4
        2025-12-05 letter qtr follow-up
          invoices Q-4

        """

    /// D-1 (5,000.00) queried on 10 January and acknowledged; S-1 (300.00, due 4 February) has
    /// had a reminder and two follow-ups.
    static let queried = settings + """
        client big Big Co Ltd
          contact Sam Hill
          terms net 30

        2025-12-01 invoice big D-1
          total 5,000.00
        2026-01-05 invoice big S-1
          total 300.00
        2026-01-10 note big email
          dispute D-1 Says the campaign missed the agreed launch date
        2026-01-12 letter big dispute
          invoices D-1
        2026-02-09 letter big reminder
          invoices S-1
        2026-02-23 letter big follow-up
          invoices S-1
        2026-03-09 letter big follow-up
          invoices S-1

        """

    struct Run {
        let choice: StageChoice
        let text: String
        let agenda: [Agenda.Item]
    }

    func run(_ text: String, asOf: String) throws -> Run {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let values = choice.stage.map { LetterFields.values(stage: $0, choice: choice, story: story, ledger: r.ledger, sheet: sheet) } ?? [:]
        let text = choice.stage.map { TemplateSet().template(for: $0).render(values) } ?? ""
        return Run(choice: choice, text: text, agenda: Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day).items)
    }

    /// Before: a final notice to Jane Doe, 'I have had no reply to my letters of 9 February
    /// 2026, 23 February 2026 and 9 March 2026 to Tom Old', threatening a formal demand in the
    /// first letter she ever had.
    @Test func aNewContactGetsAFollowUpSayingWhatWentBeforeFinalNotice() throws {
        let r = try run(Self.newContact(to: "Tom Old <tom@acme.example>"), asOf: "2026-03-24")
        #expect(r.choice.stage == .followUp)
        #expect(r.choice.reason == "A-1 is 48 days past due; last letter 2026-03-09, 3 unanswered; none of them went to the contact letters go to now (they went to Tom Old): a follow-up first, not a final notice")
        #expect(r.text.contains("Following my letter of 9 March 2026 to Tom Old, invoice A-1 still shows 1,200.00 GBP open, now 48 days past its due date."), "\(r.text)")
        #expect(r.text.contains("This is my fourth letter about this, counting from my letter of 9 February 2026 to Tom Old, and no payment towards invoice A-1 has come in that time. If I hear nothing and no payment comes, my next letter will be a final notice."), "\(r.text)")
        // That follow-up, to her, unanswered: the final notice follows.
        let after = Self.newContact(to: "Tom Old <tom@acme.example>") + """
            2026-03-24 letter acme follow-up
              invoices A-1
              to Jane Doe

            """
        // (The day after the date it gave, 3 April moved past Easter to 7 April.)
        #expect(try run(after, asOf: "2026-04-08").choice.stage == .final)
        // Letters that went to her: the final notice, as before.
        #expect(try run(Self.newContact(to: "Jane Doe"), asOf: "2026-03-24").choice.stage == .final)
    }

    /// Before: 'send a final notice (1,000.00 GBP)', '3 letters unanswered since 2025-11-07; Q-4
    /// is 45 days past due', to a client that paid in full, 56 days late on average.
    @Test func aClientPayingInFullAsLateAsUsualGetsNoFinalNoticeUntilLaterThanUsual() throws {
        let r = try run(Self.quarterly, asOf: "2025-12-19")
        #expect(r.choice.stage == .followUp)
        #expect(r.choice.reason == "Q-4 is 45 days past due; last letter 2025-12-05, 3 unanswered; all 3 earlier invoices were paid in full, 56.0 days late on average; no final notice before 2026-01-15, when it will be more than 15 days later than usual")
        // The next follow-up is due on 2 January, before then: no final notice is promised.
        #expect(r.text.contains("This is my fourth letter about this, counting from my letter of 7 November 2025, and no payment towards invoice Q-4 has come in that time.\n"), "\(r.text)")
        #expect(!r.text.contains("final notice"))
        let second = Self.quarterly + """
            2025-12-19 letter qtr follow-up
              invoices Q-4

            """
        let next = try run(second, asOf: "2026-01-02")
        #expect(next.choice.stage == .followUp)
        #expect(next.text.contains("If I hear nothing and no payment comes, my next letter will be a final notice."), "\(next.text)")
        let third = second + """
            2026-01-02 letter qtr follow-up
              invoices Q-4

            """
        let final = try run(third, asOf: "2026-01-16")
        #expect(final.choice.stage == .final)
        #expect(final.choice.reason == "5 letters unanswered since 2025-11-07; Q-4 is 73 days past due")
    }

    /// An earlier invoice still open, or fewer than three paid, shows no pattern to wait on.
    @Test func noUsualLatenessWithoutThreeEarlierInvoicesAllPaid() throws {
        let unpaidQ3 = Self.quarterly.replacingOccurrences(of: "2025-09-30 payment qtr 1,000.00\n  apply Q-3\n", with: "")
        #expect(unpaidQ3 != Self.quarterly)
        #expect(try run(unpaidQ3, asOf: "2025-12-19").choice.stage == .final)
        let lost = Self.quarterly.replacingOccurrences(of: "2025-09-30 payment qtr 1,000.00\n  apply Q-3\n", with: "2025-09-30 writeoff qtr Q-3 1,000.00\n")
        #expect(try run(lost, asOf: "2025-12-19").choice.stage == .final)
    }

    /// Before: 'send a final notice (300.00 GBP)' over S-1 and, on 5 April, a formal demand,
    /// while D-1's query had waited for our proposal since January.
    @Test func anOpenQueryHoldsTheFinalNoticeAndTheAgendaAsksForAProposalFirst() throws {
        let r = try run(Self.queried, asOf: "2026-03-23")
        #expect(r.choice.stage == .followUp)
        #expect(r.choice.reason == "S-1 is 47 days past due; last letter 2026-03-09, 3 unanswered; no final notice while our proposal on the query about D-1 is awaited: propose a way forward on it first")
        #expect(!r.text.contains("final notice"), "\(r.text)")
        let first = try #require(r.agenda.first)
        #expect(first.kind == .dispute)
        #expect(first.action == "propose a way forward on the dispute on D-1 first")
        #expect(first.why == "open for 72 days: Says the campaign missed the agreed launch date; no final notice about S-1 goes until it is resolved")
        // Once it is settled (in a note for the file: no reply), the ladder goes on.
        let settled = Self.queried + """
            2026-03-20 note big file
              resolved D-1 Agreed a credit of 500.00

            """
        #expect(try run(settled, asOf: "2026-03-23").choice.stage == .final)
    }

    /// A final notice sent before the query was raised: no demand follows while it is open.
    @Test func anOpenQueryHoldsTheDemandAfterAFinalNotice() throws {
        let text = Self.queried.replacingOccurrences(of: "2026-01-10 note big email\n  dispute D-1 Says the campaign missed the agreed launch date\n2026-01-12 letter big dispute\n  invoices D-1\n", with: "") + """
            2026-03-23 letter big final
              invoices S-1
            2026-03-25 note big email
              dispute D-1 Says the campaign missed the agreed launch date
            2026-03-26 letter big dispute
              invoices D-1

            """
        let r = try run(text, asOf: "2026-04-20")
        #expect(r.choice.stage == nil)
        #expect(r.choice.reason == "final notice of 2026-03-23 unanswered; no formal demand while our proposal on the query about D-1 is awaited: propose a way forward on it first")
        let first = try #require(r.agenda.first)
        #expect(first.action == "propose a way forward on the dispute on D-1 first")
        #expect(first.why == "open for 26 days: Says the campaign missed the agreed launch date; no formal demand about S-1 goes until it is resolved")
    }

    /// After a formal demand no letter asks for its money again, answered, part paid or not:
    /// the agenda gives the next step to the user, month after month.
    @Test func noDemandFollowsADemand() throws {
        let text = Self.newContact(to: "Jane Doe") + """
            2026-03-23 letter acme final
              invoices A-1
            2026-04-06 letter acme demand
              invoices A-1
            2026-04-15 payment acme 500.00
              apply A-1
            2026-04-20 note acme call
              said Will pay the rest when they can

            """
        for day in ["2026-04-21", "2026-06-01", "2026-09-01"] {
            let r = try run(text, asOf: day)
            #expect(r.choice.stage == nil, "\(day)")
            #expect(r.choice.demandUnanswered)
            #expect(r.choice.reason == "formal demand of 2026-04-06 answered since; decide the next step yourself")
            #expect(r.agenda.first?.action == "decide the next step (a claim, an agency, or a write-off)")
        }
    }
}
