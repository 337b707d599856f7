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
}
