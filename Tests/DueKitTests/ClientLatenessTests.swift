import Testing
@testable import DueKit

/// How late `due clients` counts a client: from the last day the money could arrive, and, for
/// invoices a payment plan covered, by the plan's dates (grammar §4 rule 7).
@Suite struct ClientLatenessTests {
    private func row(_ text: String, asOf: String) throws -> ClientBehaviourRow {
        let r = load(text)
        #expect(r.diagnostics.filter { $0.severity == .error }.isEmpty, "\(r.diagnostics)")
        return try #require(ClientBehaviour.build(r.ledger, asOf: Day.parse(asOf)!).rows.first)
    }

    /// BR-04 falls due on Monday 31 August 2026, the Summer bank holiday, and is paid on the
    /// Tuesday: on time, as a promise or an instalment due that day would be. BR-05, due on
    /// Monday 21 September and paid on the Wednesday, is 2 days late. Before: 1.5 days late on
    /// average and 0% on time.
    @Test func anInvoiceDueOnABankHolidayAndPaidTheNextWorkingDayIsOnTime() throws {
        let text = """
            settings
              currency  GBP
              holidays  england

            client bramble Bramble & Co
              currency  GBP
              terms     net 14

            2026-08-17 invoice bramble BR-04
              total  114.00

            2026-09-01 payment bramble 114.00
              apply  BR-04

            2026-09-07 invoice bramble BR-05
              total  100.00

            2026-09-23 payment bramble 100.00
              apply  BR-05

            """
        let r = try row(text, asOf: "2026-11-30")
        #expect(r.averageDaysLate?.description == "1.0")
        #expect(r.medianDaysLate?.description == "1.0")
        #expect(r.onTimePercent == 50)
        // Paid on the Wednesday, a day after the last day: 1 day late, not 2.
        let later = try row(text.replacingOccurrences(of: "2026-09-01 payment", with: "2026-09-02 payment"), asOf: "2026-11-30")
        #expect(later.averageDaysLate?.description == "1.5")
    }

    static let thistle = """
        settings
          currency  GBP
          holidays  england

        client thistle Thistle Tea Rooms
          currency  GBP
          terms     net 14

        2026-02-09 invoice thistle TT-401
          total  2,700.00

        2026-03-16 plan thistle 2,700.00
          for         TT-401
          2026-04-03  900.00
          2026-05-01  900.00
          2026-06-01  900.00

        2026-04-07 payment thistle 900.00
          apply  TT-401

        2026-05-01 payment thistle 900.00
          apply  TT-401

        2026-06-03 payment thistle 900.00
          apply  TT-401

        """

    /// TT-401 fell due on 23 February 2026; a plan agreed on 16 March split it into three
    /// instalments. The first (Good Friday, so until Tuesday 7 April) and the second came on
    /// time, the last two days after Monday 1 June. Before: 100 days late (3 June against 23
    /// February), 0% on time; now 2 days late, as the plan was kept but for its last two days.
    @Test func anInvoiceUnderAPaymentPlanIsLateOnlyAsThePlanWasKept() throws {
        let r = try row(Self.thistle, asOf: "2026-11-30")
        #expect(r.averageDaysLate?.description == "2.0")
        #expect(r.onTimePercent == 0)
        // Every instalment by its day: on time.
        let kept = try row(Self.thistle.replacingOccurrences(of: "2026-06-03 payment", with: "2026-06-01 payment"), asOf: "2026-11-30")
        #expect(kept.averageDaysLate?.description == "0.0")
        #expect(kept.onTimePercent == 100)
        // The second instalment made up ten days late, the last on time: 10 days late.
        let slip = try row(Self.thistle.replacingOccurrences(of: "2026-05-01 payment", with: "2026-05-11 payment").replacingOccurrences(of: "2026-06-03 payment", with: "2026-06-01 payment"), asOf: "2026-11-30")
        #expect(slip.averageDaysLate?.description == "10.0")
    }

    /// While the plan runs, the trend counts the invoice as late only by an instalment missed:
    /// on 20 May, with the first two paid on time, it is not late at all (before, 86 days).
    @Test func anOpenInvoiceUnderAPlanKeptSoFarIsNotLateForTheTrend() throws {
        let r = load(Self.thistle)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-05-20")!)
        #expect(PlanLateness(ledger: r.ledger, sheet: sheet).daysLate(0) == 0)
        let missed = load(Self.thistle.replacingOccurrences(of: "2026-05-01 payment", with: "2026-07-01 payment"))
        let then = BalanceEngine.balances(missed.ledger, asOf: Day.parse("2026-05-20")!)
        #expect(PlanLateness(ledger: missed.ledger, sheet: then).daysLate(0) == 19)
    }
}
