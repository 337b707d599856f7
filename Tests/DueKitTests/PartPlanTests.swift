import Testing
@testable import DueKit

/// A payment plan for part of an invoice: K-1 (1,000.00) with a plan of 600.00 in two
/// instalments, the other 400.00 to be paid otherwise (3.10).
private let base = """
    settings
      currency GBP
    client kiln Kiln Pottery
      contact Ann Kiln
      terms net 30
    2026-01-05 invoice kiln K-1
      total 1,000.00
    2026-03-02 plan kiln 600.00
      for K-1
      2026-03-31 300.00
      2026-04-30 300.00

    """

private func sheet(_ extra: String, asOf: String) -> (Ledger, BalanceSheet, Day) {
    let r = load(base + extra)
    #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
    let day = Day.parse(asOf)!
    return (r.ledger, BalanceEngine.balances(r.ledger, asOf: day), day)
}

@Suite struct PartPlanTests {
    /// Its first instalment paid the day before its date: the plan is kept, not short by the
    /// 400.00 it never covered. No instalment reminder, no missed instalment in the aging, and
    /// the plan's next instalment is the second, all of it still to come.
    @Test func aPlanForPartOfAnInvoicePaidOnTimeIsKept() throws {
        let (ledger, sheet, day) = sheet("""
            2026-03-30 payment kiln 300.00
              apply K-1

            """, asOf: "2026-04-10")
        let story = ClientStory.all(ledger, sheet: sheet)[0]
        let plan = try #require(PlanProgress.running(story, ledger: ledger, sheet: sheet).first)
        #expect(plan.paid == 30000)
        #expect(plan.next?.instalment.date == Day.parse("2026-04-30"))
        #expect(!plan.missed)
        let choice = StageChooser.choose(story, ledger: ledger, sheet: sheet)
        #expect(choice.stage == nil)
        #expect(choice.reason == "on a payment plan; next instalment 300.00 GBP on 2026-04-30")
        let agenda = Agenda.build(ledger: ledger, sheet: sheet, asOf: day)
        #expect(!agenda.items.contains { $0.kind == .letter })
        let aging = AgingReport(ledger: ledger, sheet: sheet, options: AgingOptions(settings: ledger.settings))
        #expect(aging.lines.first?.status.missedInstalment == nil)
    }

    /// Paid in full on schedule: the plan is done, and the 400.00 it did not cover is chased as
    /// the rest of the invoice, from a reminder, not as the plan's shortfall.
    @Test func oncePaidInFullTheRestIsChasedAsTheInvoicesOwn() throws {
        let (ledger, sheet, _) = sheet("""
            2026-03-30 payment kiln 300.00
              apply K-1
            2026-04-29 payment kiln 300.00
              apply K-1

            """, asOf: "2026-05-06")
        let story = ClientStory.all(ledger, sheet: sheet)[0]
        #expect(PlanProgress.running(story, ledger: ledger, sheet: sheet).isEmpty)
        #expect(PlanProgress.allEnded(story, ledger: ledger, sheet: sheet).isEmpty)
        let choice = StageChooser.choose(story, ledger: ledger, sheet: sheet)
        #expect(choice.stage == .reminder)
        let values = LetterFields.values(stage: .reminder, choice: choice, story: story, ledger: ledger, sheet: sheet)
        #expect(values["total"] == "400.00 GBP")
        #expect(values["plan.ended"] == nil)
    }

    /// A missed instalment of such a plan is asked for as itself: 300.00, not the 300.00 with
    /// the 400.00 the plan left out.
    @Test func aMissedInstalmentOfAPartPlanIsOnlyItsOwn() throws {
        let (ledger, sheet, _) = sheet("""
            2026-03-30 payment kiln 300.00
              apply K-1

            """, asOf: "2026-05-06")
        let story = ClientStory.all(ledger, sheet: sheet)[0]
        let plan = try #require(PlanProgress.running(story, ledger: ledger, sheet: sheet).first)
        #expect(plan.overdue.shortfall == 30000)
        #expect(plan.overdue.instalments.map(\.date) == [Day.parse("2026-04-30")!])
        #expect(StageChooser.choose(story, ledger: ledger, sheet: sheet).stage == .instalment)
    }

    /// The 400.00 left out credited after the plan was agreed: that part was never owed, so the
    /// credit note is no instalment paid, and the first instalment, unpaid, is missed.
    @Test func aCreditNoteForThePartLeftOutIsNoInstalment() throws {
        let (ledger, sheet, _) = sheet("""
            2026-03-10 credit kiln 400.00
              number CN-1
              apply K-1

            """, asOf: "2026-04-10")
        let story = ClientStory.all(ledger, sheet: sheet)[0]
        let plan = try #require(PlanProgress.running(story, ledger: ledger, sheet: sheet).first)
        #expect(plan.paid == 0)
        #expect(plan.overdue.shortfall == 30000)
    }

    /// A credit note after the plan takes away the part it left out first: with the first
    /// instalment paid, a credit note of 400.00 for that part meets no instalment, and the
    /// letter shows the instalment paid, not met by the credit note; one of 500.00 meets
    /// 100.00 of the second, after what was paid.
    @Test func aCreditNoteForThePartLeftOutIsNotSaidToMeetAnInstalment() throws {
        func letter(credit: String) throws -> (values: [String: String], text: String) {
            let (ledger, sheet, _) = sheet("""
                2026-03-30 payment kiln 300.00
                  apply K-1
                2026-04-10 credit kiln \(credit)
                  number CN-1
                  apply K-1

                """, asOf: "2026-05-06")
            let story = ClientStory.all(ledger, sheet: sheet)[0]
            let choice = StageChooser.choose(story, ledger: ledger, sheet: sheet)
            #expect(choice.stage == .instalment)
            let values = LetterFields.values(stage: .instalment, choice: choice, story: story, ledger: ledger, sheet: sheet)
            return (values, TemplateSet().template(for: .instalment).render(values))
        }
        let leftOut = try letter(credit: "400.00")
        #expect(leftOut.text.contains("| 1 | 31 March 2026 | 300.00 GBP | paid |"))
        #expect(leftOut.text.contains("| 2 | 30 April 2026 | 300.00 GBP | not received |"))
        #expect(!(leftOut.values["plan.table"] ?? "").contains("CN-1"))
        let beyond = try letter(credit: "500.00")
        #expect(beyond.text.contains("| 1 | 31 March 2026 | 300.00 GBP | paid |"))
        #expect(beyond.text.contains("| 2 | 30 April 2026 | 300.00 GBP | 100.00 GBP met by credit note CN-1, 200.00 GBP still open |"))
        #expect(beyond.values["plan.next"]?.hasPrefix("Of the instalment of 300.00 GBP that was due on 30 April 2026, 100.00 GBP is met by credit note CN-1; 200.00 GBP of it is still to come.") == true)
    }
}
