import Testing
@testable import DueKit

/// One client, GBP, net 30, for the suites below.
private let header = """
    settings
      currency GBP

    sender Test Studio Ltd
      contact Sam Lee
      bank Sort code 11-22-33, account 12345678

    client acme Acme Ltd
      contact Jane Doe
      terms net 30

    """

private func letter(_ text: String, asOf: String) throws -> (choice: StageChoice, values: [String: String], text: String) {
    let r = load(header + text)
    #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
    let day = Day.parse(asOf)!
    let sheet = BalanceEngine.balances(r.ledger, asOf: day)
    let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
    let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
    let stage = try #require(choice.stage)
    let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
    return (choice, values, TemplateSet().template(for: stage).render(values))
}

/// A broken promise that an earlier letter named, part of whose money came late: the letter
/// that thanks for that money recalls the promise whatever its stage, or the thanks read as
/// if the promise were kept (DOMAIN: a broken promise is named whatever the stage).
@Suite struct PromiseRecallStagesTests {
    /// 6,400.00 promised by 30 April, named broken by the follow-up of 4 May.
    static let promised = """
        2026-03-02 invoice acme M-150
          total 6,400.00
        2026-04-06 letter acme reminder
          invoices M-150
        2026-04-14 note acme call
          said Will pay by end of month
          promise 2026-04-30 6400.00
        2026-05-04 letter acme follow-up
          invoices M-150
        2026-05-18 letter acme follow-up
          invoices M-150
        2026-06-01 letter acme follow-up
          invoices M-150

        """

    static let recall = "Of the 6,400.00 GBP you told us on 14 April 2026 to expect by 30 April 2026, 3,000.00 GBP has arrived; the remaining 3,400.00 GBP has not."

    /// The final notice restated after 3,000.00 came in answer to it. Before, it thanked for
    /// the payment and said nothing of the promise (`promise.broken` unset).
    @Test func theFinalNoticeRestatedRecallsIt() throws {
        let d = try letter(Self.promised + """
            2026-06-15 letter acme final
              invoices M-150
            2026-06-20 payment acme 3,000.00
              apply M-150

            """, asOf: "2026-07-06")
        #expect(d.choice.stage == .final)
        #expect(d.values["promise.broken"] == Self.recall, "\(d.values["promise.broken"] ?? "")")
        #expect(d.text.contains("Thank you for your payment of 3,000.00 GBP on 20 June 2026 (towards invoice M-150)."))
    }

    /// The demand after it, nothing paid since the final notice: its history says what came
    /// of the promise, by its day and since.
    @Test func theDemandsHistoryRecallsIt() throws {
        let d = try letter(Self.promised + """
            2026-06-10 payment acme 3,000.00
              apply M-150
            2026-06-29 letter acme follow-up
              invoices M-150
            2026-07-13 letter acme follow-up
              invoices M-150
            2026-07-27 letter acme follow-up
              invoices M-150
            2026-08-10 letter acme final
              invoices M-150

            """, asOf: "2026-08-31")
        #expect(d.choice.stage == .demand)
        #expect(d.values["history"]?.contains("- 14 April 2026: a call with you, in which you promised payment of 6,400.00 GBP by 30 April 2026 (nothing received by then; 3,000.00 GBP since, towards invoice M-150)") == true, "\(d.values["history"] ?? "")")
        // Named once, in the history: the payment came before the final notice.
        #expect(d.values["promise.broken"] == nil)
    }

    /// A formal demand for M-1 that named the promise broken, 800.00 paid towards M-1 since,
    /// and K-2 falling due beside it: the reminder about K-2 thanks for the 800.00 and, before,
    /// said nothing of the promise.
    static let besideDemand = """
        2026-01-05 invoice acme M-1
          total 2,000.00
        2026-02-09 letter acme reminder
          invoices M-1
        2026-02-23 letter acme follow-up
          invoices M-1
        2026-03-09 letter acme follow-up
          invoices M-1
        2026-03-23 letter acme follow-up
          invoices M-1
        2026-04-01 invoice acme K-2
          terms net 60
          total 900.00
        2026-04-06 letter acme final
          invoices M-1
        2026-04-14 note acme call
          said will pay by end of month
          promise 2026-04-30 2000.00
        2026-05-11 letter acme demand
          invoices M-1
        2026-05-20 payment acme 800.00
          apply M-1

        """

    @Test func theReminderBesideAPartPaidDemandRecallsIt() throws {
        let d = try letter(Self.besideDemand, asOf: "2026-06-08")
        #expect(d.choice.stage == .reminder)
        #expect(d.values["promise.broken"] == "Of the 2,000.00 GBP you told us on 14 April 2026 to expect by 30 April 2026, 800.00 GBP has arrived; the remaining 1,200.00 GBP has not.", "\(d.values["promise.broken"] ?? "")")
        #expect(d.text.contains("Thank you for your payment of 800.00 GBP on 20 May 2026 (towards invoice M-1)."))
    }

    /// Said once: the letter after the one that recalled it, with no money since, does not.
    @Test func theLetterAfterTheRecallDoesNotRepeatIt() throws {
        let d = try letter(Self.besideDemand + """
            2026-06-08 letter acme reminder
              invoices K-2

            """, asOf: "2026-06-22")
        #expect(d.choice.stage == .followUp)
        #expect(d.values["promise.broken"] == nil)
        #expect(!(d.values["follow-up.note"] ?? "").contains("you told us on 14 April 2026"), "\(d.values["follow-up.note"] ?? "")")
    }
}

/// Money towards the invoices a formal demand asked for, paid since it, is the client engaging
/// with the debt: the letters about their other invoices beside the demand count it as a reply
/// (7.2), so the next one neither calls them silent nor warns of a final notice.
@Suite struct PaymentUnderDemandAnswersTests {
    static let ledger = PromiseRecallStagesTests.besideDemand + """
        2026-06-08 letter acme reminder
          invoices K-2
        2026-06-22 letter acme follow-up
          invoices K-2
        2026-06-29 payment acme 500.00
          apply M-1

        """

    /// Before, on 6 July: a follow-up, "last letter 2026-06-22, 2 unanswered", whose note said
    /// "As nothing has come towards invoice K-2 since my letter of 8 June 2026, I would be
    /// grateful for a reply, even a short one. If I hear nothing and no payment comes, my next
    /// letter will be a final notice."
    @Test func itHoldsTheNextLetterAsAReplyDoes() throws {
        let r = load(header + Self.ledger)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-07-06")!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == nil)
        #expect(choice.nextDate == Day.parse("2026-07-13"))
    }

    @Test func theFollowUpAfterItIsNotFirmer() throws {
        let d = try letter(Self.ledger, asOf: "2026-07-13")
        #expect(d.choice.stage == .followUp)
        #expect(d.choice.unanswered == 0)
        #expect(d.choice.reason == "K-2 is 43 days past due; last letter 2026-06-22, the client replied on 2026-06-29")
        #expect(d.values["follow-up.note"] == "Of the 2,000.00 GBP you told us on 14 April 2026 to expect by 30 April 2026, 1,300.00 GBP has arrived; the remaining 700.00 GBP has not.", "\(d.values["follow-up.note"] ?? "")")
        #expect(d.text.contains("Thank you for your payment of 500.00 GBP on 29 June 2026 (towards invoice M-1)."))
    }

    /// A payment towards the demanded invoice made before the demand is no answer to it.
    @Test func moneyBeforeTheDemandIsNotCounted() throws {
        let text = Self.ledger.replacingOccurrences(of: "2026-05-11 letter acme demand", with: """
            2026-04-20 payment acme 100.00
              apply M-1
            2026-05-11 letter acme demand
            """)
        let r = load(header + text)
        let story = try #require(ClientStory.all(r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-07-13")!)).first)
        let demands = story.letters.filter { $0.stage == .demand }
        #expect(story.payments.map { story.paysDemanded($0, demands: demands, ledger: r.ledger) } == [false, true, true])
    }
}
