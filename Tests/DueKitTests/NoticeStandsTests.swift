import Testing
@testable import DueKit

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

/// A final notice about J-1 (29 April, pay by 11 May) was followed by a plan agreed on 7 May
/// over J-1 and J-2; the plan ran out unpaid. The new final notice rests on the plan's end:
/// the old notice no longer stands, and J-2 was never late on 11 May.
@Suite struct FinalNoticeAfterPlanTests {
    static let ledger = """
        2026-02-09 invoice acme J-1
          total 3,720.00
        2026-03-23 invoice acme J-2
          total 720.00
        2026-03-15 letter acme reminder
          invoices J-1
        2026-03-29 letter acme follow-up
          invoices J-1
        2026-04-12 letter acme follow-up
          invoices J-1
        2026-04-29 letter acme final
          invoices J-1
        2026-05-01 note acme call
          said Lost wholesale customer
          hardship Cash tight
        2026-05-02 letter acme plan-offer
          invoices J-1 J-2
        2026-05-07 note acme email
          said Three monthly payments please
        2026-05-07 plan acme 4,440.00
          2026-06-01 1,480.00
          2026-07-01 1,480.00
          2026-07-31 1,480.00
        2026-06-01 payment acme 1,480.00
        2026-07-06 letter acme instalment
          invoices J-1 J-2
        2026-07-16 payment acme 500.00
        2026-08-04 letter acme instalment
          invoices J-1 J-2

        """

    /// Before: "… My final notice of 29 April 2026 about invoice J-1 still stands." and "My
    /// final notice of 29 April 2026 also asked you to pay invoice J-2 by 11 May 2026, and that
    /// payment has not reached us."
    @Test func theNoticeRestsOnThePlansEnd() throws {
        let d = try letter(Self.ledger, asOf: "2026-08-19")
        #expect(d.choice.stage == .final)
        #expect(d.values["final.opening"] == "This is a final notice about invoices J-1 and J-2: 2,460.00 GBP is still to pay, the oldest 161 days past its due date.", "\(d.values["final.opening"] ?? "")")
        #expect(!d.text.contains("also asked you to pay"), "\(d.text)")
        #expect(d.values["plan.ended"]?.hasPrefix("The payment plan we agreed on 7 May 2026 has come to an end") == true)
    }

    /// A plan agreed after the notice's date had passed: J-2 was late on it, and is said so.
    @Test func aPlanAgreedAfterTheNoticesDateLeavesItsAsk() throws {
        let late = Self.ledger.replacingOccurrences(of: "2026-05-07 plan", with: "2026-05-14 plan")
        let d = try letter(late, asOf: "2026-08-19")
        #expect(d.choice.stage == .final)
        #expect(d.values["previous.letter"] == "My final notice of 29 April 2026 also asked you to pay invoice J-2 by 11 May 2026, and that payment has not reached us.", "\(d.values["previous.letter"] ?? "")")
        #expect(d.choice.reason == "J-1 is 161 days past due; the payment plan agreed on 2026-05-14, after our final notice of 2026-04-29, has run out, so the notice is restated on the plan's end", "\(d.choice.reason)")
    }

    /// Before: "J-1 is 161 days past due; the client answered our final notice of 2026-04-29,
    /// so it is restated rather than followed by a demand": the notice is not restated, the
    /// letter rests on the plan's end. Which letter goes is unchanged: a final notice.
    @Test func theReasonRestsOnThePlansEnd() throws {
        let d = try letter(Self.ledger, asOf: "2026-08-19")
        #expect(d.choice.stage == .final)
        #expect(d.choice.reason == "J-1 is 161 days past due; the payment plan agreed on 2026-05-07, after our final notice of 2026-04-29, has run out, so the notice is restated on the plan's end", "\(d.choice.reason)")
        #expect(d.choice.chased.count == 2 && d.choice.askedApart.isEmpty)
    }

    /// A plan in default, not run out: the instalment reminder of 6 July went unanswered past
    /// 16 July, so the plan lapsed on 17 July. Before, the reason said both "the plan of
    /// 2026-05-07 is in default" and "the payment plan agreed on 2026-05-07, after our final
    /// notice of 2026-04-29, has run out"; now it says when it lapsed.
    @Test func theReasonSaysWhenALapsedPlanLapsed() throws {
        let lapsed = Self.ledger.replacingOccurrences(of: "2026-07-16 payment acme 500.00\n", with: "")
            .replacingOccurrences(of: "2026-08-04 letter acme instalment\n  invoices J-1 J-2\n", with: "")
        let d = try letter(lapsed, asOf: "2026-07-20")
        #expect(d.choice.stage == .final)
        #expect(d.choice.reason == "instalment reminder of 2026-07-06 unanswered: the plan of 2026-05-07 is in default; J-1 is 131 days past due; the payment plan agreed on 2026-05-07, after our final notice of 2026-04-29, lapsed on 2026-07-17, so the notice is restated on the plan's end", "\(d.choice.reason)")
        let r = load(header + lapsed)
        let day = Day.parse("2026-07-20")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.map(\.why)
        #expect(agenda == [d.choice.reason])
    }

    /// The rule is the stage chooser's own (`StageChooser.askedApart`): the notice of 29 April
    /// asked for J-2 apart only when the plan came after the date it gave.
    @Test func theNoticeAskedForJ2ApartOnlyWhenThePlanCameLate() throws {
        func apart(_ text: String) throws -> [String] {
            let r = load(header + text)
            let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-08-19")!)
            let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
            let notice = try #require(story.letters.first { $0.stage == .final })
            return StageChooser.askedApart(by: notice, among: story.issued, story: story, ledger: r.ledger, sheet: sheet).map { r.ledger.invoices[$0].number }
        }
        #expect(try apart(Self.ledger) == [])
        #expect(try apart(Self.ledger.replacingOccurrences(of: "2026-05-07 plan", with: "2026-05-14 plan")) == ["J-2"])
    }

    /// The demand after that notice lists the notice of 29 April for what it asked of J-1
    /// alone. Before: "- 29 April 2026: our final notice about J-1, which also asked for J-2
    /// to be paid by 11 May 2026", a date the plan agreed on 7 May had replaced.
    /// The history records what the notice asked on its day, then the plan that replaced it.
    @Test func theDemandsHistorySaysWhatTheNoticeAskedOnItsDay() throws {
        let d = try letter(Self.ledger + "2026-08-19 letter acme final\n  invoices J-1 J-2\n", asOf: "2026-09-02")
        #expect(d.choice.stage == .demand)
        let history = d.values["history"] ?? ""
        #expect(history.contains("- 29 April 2026: our final notice about J-1, which also asked for J-2 to be paid by 11 May 2026"), "\(history)")
        #expect(history.contains("7 May 2026"), "\(history)")
    }
}

/// A final notice about Q-1 and Q-2, then a dispute acknowledgement about Q-2: the new final
/// notice about Q-1 cites the earlier one for what it named.
@Suite struct FinalNoticeCitedForWhatItNamedTests {
    static let ledger = """
        2026-08-01 invoice acme Q-1
          total 500.00
        2026-08-01 invoice acme Q-2
          total 800.00
        2026-09-14 letter acme reminder
          invoices Q-1 Q-2
        2026-09-28 letter acme follow-up
          invoices Q-1 Q-2
        2026-10-12 letter acme follow-up
          invoices Q-1 Q-2
        2026-11-15 letter acme final
          invoices Q-1 Q-2
        2026-11-18 note acme email
          dispute Q-2 Says the second phase was never delivered
        2026-11-19 letter acme dispute
          invoices Q-2

        """

    /// Before: "My final notice of 15 November 2026 about invoice Q-1 still stands: …".
    @Test func theNoticeIsNamedForBothInvoices() throws {
        let d = try letter(Self.ledger, asOf: "2026-12-03")
        #expect(d.choice.stage == .final)
        #expect(d.values["final.opening"] == "My final notice of 15 November 2026 about invoices Q-1 and Q-2 still stands for invoice Q-1: 500.00 GBP is still to pay, 94 days past its due date.", "\(d.values["final.opening"] ?? "")")
    }
}

/// A demand about Q-2 lists only what concerned Q-2: not the payment that settled Q-1, asked
/// for with it once, whose own reminders it does not list either.
@Suite struct DemandHistoryScopeTests {
    static let ledger = """
        2026-01-05 invoice acme Q-1
          total 500.00
        2026-02-20 invoice acme Q-2
          total 800.00
        2026-02-20 letter acme reminder
          invoices Q-1
        2026-03-06 letter acme follow-up
          invoices Q-1
        2026-03-25 letter acme follow-up
          invoices Q-1 Q-2
        2026-03-27 note acme call
          promise 2026-04-03 500.00
        2026-04-02 payment acme 500.00
          apply Q-1
        2026-04-08 letter acme follow-up
          invoices Q-2
        2026-04-22 letter acme final
          invoices Q-2

        """

    /// Before: "- 2 April 2026: payment of 500.00 GBP received (settling invoice Q-1)" among
    /// "Our contacts with you about this invoice", Q-1's reminder of 20 February not.
    @Test func anotherInvoicesPaymentIsNotListed() throws {
        let d = try letter(Self.ledger, asOf: "2026-05-21")
        #expect(d.choice.stage == .demand)
        #expect(d.values["history.about"] == "this invoice")
        #expect(d.values["history"] == """
            - 25 March 2026: our follow-up about Q-1 and Q-2
            - 27 March 2026: a call with you, in which you promised payment of 500.00 GBP by 3 April 2026 (received by then, towards invoice Q-1)
            - 8 April 2026: our follow-up about Q-2
            - 22 April 2026: our final notice about Q-2
            """, "\(d.values["history"] ?? "")")
    }
}
