import Testing
@testable import DueKit

/// An early-payment discount missed asked for beside unpaid work that fell due later: once its
/// own letters have run their course it is set aside for good, and the work goes to its final
/// notice and demand alone, counted by the letters that asked for it (grammar 7.2).
@Suite struct DiscountBesideWorkTests {
    /// W-1 (2/10 net 30) paid at its discounted sum after the window, 40.00 open; W-2 due
    /// 15 April, unpaid. The reminder asked for W-1 alone, two follow-ups for both, the third
    /// for W-2 alone (W-1's discount set aside).
    static let ledger = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client wren Wren Foods Ltd
          contact Ada Wren
          methods bank transfer
          interest 10.00%
          compensation statutory

        2026-03-02 invoice wren W-1
          terms 2/10 net 30
          total 2000.00
        2026-03-16 invoice wren W-2
          terms net 30
          total 1200.00
        2026-03-20 payment wren 1,960.00
          apply W-1 1,960.00
        2026-04-04 letter wren reminder
          invoices W-1
        2026-04-18 letter wren follow-up
          invoices W-1 W-2

        """
    static let thirdLetters = ledger + "2026-05-02 letter wren follow-up\n  invoices W-1 W-2\n2026-05-16 letter wren follow-up\n  invoices W-2\n"

    func letter(_ text: String, asOf: String) throws -> (choice: StageChoice, values: [String: String], text: String) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let stage = try #require(choice.stage)
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return (choice, values, TemplateSet().template(for: stage).render(values))
    }

    /// Before: the follow-up of 2 May said "If I hear nothing and no payment comes, my next
    /// letter will be a final notice.", counting the reminder about W-1's discount alone, and
    /// the next letter was a follow-up about W-2.
    @Test func aFollowUpPromisesNoFinalNoticeOnTheDiscountsLetters() throws {
        let d = try letter(Self.ledger, asOf: "2026-05-02")
        #expect(d.choice.stage == .followUp && d.values["invoices.list"] == "W-1 and W-2")
        #expect(!d.text.contains("final notice"), "\(d.text)")
    }

    /// Before: the final notice of 30 May asked for 1,240.00 GBP on W-1 and W-2, its reason
    /// "4 letters unanswered since 2026-04-04; W-1 is 59 days past due", and "I have had no
    /// reply to my letters of 4 April 2026, 18 April 2026, 2 May 2026 and 16 May 2026", though
    /// the follow-up of 16 May had listed W-1 as "discount missed, not asked for".
    @Test func theFinalNoticeIsAboutTheWorkAloneCountedByItsLetters() throws {
        let d = try letter(Self.thirdLetters, asOf: "2026-05-30")
        #expect(d.choice.stage == .final)
        #expect(d.choice.reason == "3 letters unanswered since 2026-04-18; W-2 is 45 days past due")
        #expect(d.values["total"] == "1,200.00 GBP")
        #expect(d.text.contains("I have had no reply to my letters of 18 April 2026, 2 May 2026 and 16 May 2026, and no payment has arrived since."), "\(d.text)")
        #expect(d.text.contains("| W-1 | 2 March 2026 | 2,000.00 | 1,960.00 | 40.00 | discount missed, not asked for |"), "\(d.text)")
        #expect(!d.text.contains("Invoice W-1 offered 2% off"))
    }

    /// Before: the demand claimed 1,369.18 GBP, with 0.77 of interest and 40.00 of
    /// compensation on W-1's 40.00 discount missed; now the final notice's history says it
    /// asked for W-2 alone, not that it "also asked for W-1 to be paid by 9 June 2026".
    @Test func theDemandClaimsNothingOnTheDiscount() throws {
        let d = try letter(Self.thirdLetters + "2026-05-30 letter wren final\n  invoices W-2\n", asOf: "2026-06-14")
        #expect(d.choice.stage == .demand)
        #expect(d.choice.reason == "final notice of 2026-05-30 unanswered after 15 days; W-2 is 60 days past due")
        #expect(d.text.contains("This letter is a formal demand for payment of 1,289.73 GBP, that is, 1,200.00 GBP open on invoice W-2 and 89.73 GBP of interest and compensation"), "\(d.text)")
        #expect(d.text.contains("- 30 May 2026: our final notice about W-2\n"), "\(d.text)")
        #expect(!d.text.contains("also asked for W-1"))
    }

    /// Between the letters the agenda says the same: the discount is the user's to decide,
    /// and the client gone quiet owes the work. Before, on 27 May: "while 1,240.00 GBP is
    /// overdue" since "2026-04-01", where on 15 May it had said 1,200.00 GBP since 2026-04-15.
    @Test func theAgendaBeforeTheFinalNoticeSetsTheDiscountAside() throws {
        let r = load(Self.thirdLetters)
        let day = Day.parse("2026-05-27")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let agenda = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day)
        #expect(agenda.items.map(\.action) == ["call them: gone quiet", "decide about the 40.00 GBP still open of early-payment discounts missed: write it off, or take it up with them yourself"])
        #expect(agenda.items.first?.why.hasPrefix("no word or payment since the money fell due on 2026-04-15, 42 days ago (last payment on 2026-03-20) while 1,200.00 GBP is overdue") == true, "\(agenda.items.map(\.why))")
    }

    /// The letter of 16 May, the first about W-2 alone, says once why W-1's 40.00 is no longer
    /// asked for. Before: the table's "discount missed, not asked for" was the only word of it.
    @Test func theFirstLetterThatSetsTheDiscountAsideSaysSo() throws {
        let d = try letter(Self.ledger + "2026-05-02 letter wren follow-up\n  invoices W-1 W-2\n", asOf: "2026-05-16")
        #expect(d.choice.stage == .followUp && d.values["invoices.list"] == "W-2")
        #expect(d.values["discount.missed"] == "I am no longer asking for the 40.00 GBP of the early-payment discount missed on invoice W-1: it is listed below, but it is not part of what I am asking you to pay.")
    }

    /// Set aside by the letter of 16 May, W-1's discount stays aside after a payment towards
    /// W-2 on 20 May (an answer, which once made the discount's own letters no longer bring a
    /// final notice). Before, on 3 June: "Following my letters of 2 May 2026 and 16 May 2026,
    /// 1,040.00 GBP remains open on invoices W-1 and W-2", the discount explained again; now
    /// the follow-up asks for W-2 alone, lists W-1 as not asked for, and does not say again
    /// that it no longer asks for it; the agenda gives the reason it stays aside.
    @Test func aDiscountSetAsideStaysAsideAfterAPaymentTowardsTheWork() throws {
        let paid = Self.thirdLetters + "2026-05-20 payment wren 200.00\n  apply W-2\n"
        let d = try letter(paid, asOf: "2026-06-03")
        #expect(d.choice.stage == .followUp && d.values["invoices.list"] == "W-2")
        #expect(d.values["total"] == "1,000.00 GBP")
        #expect(d.text.contains("Following my letter of 16 May 2026, 1,000.00 GBP remains open on invoice W-2, now 49 days past its due date."), "\(d.text)")
        #expect(d.text.contains("| W-1 | 2 March 2026 | 2,000.00 | 1,960.00 | 40.00 | discount missed, not asked for |"), "\(d.text)")
        #expect(d.values["discount.missed"] == "")
        #expect(d.choice.discountsAside?.reason == "only an early-payment discount missed is open on W-1, asked for in 3 letters since 2026-04-04 and set aside by our follow-up of 2026-05-16; no letter asks for it again")
        // Once W-2 is paid, W-1's discount alone brings no letter: it is the user's to decide.
        let r = load(paid + "2026-06-05 payment wren 1,000.00\n  apply W-2\n")
        let day = Day.parse("2026-06-19")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let alone = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(alone.stage == nil && alone.discountsOnly, "\(alone.reason)")
    }
}
