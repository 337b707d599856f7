import Testing
@testable import DueKit

/// The first final notice, and a demand after one, wait where the client's silence is not what
/// it seems (`FinalHold`, grammar 7.2): a new contact who never had the letters, a query of
/// theirs we owe an answer.
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
}
