import Testing
@testable import DueKit

// Figures of the aging, the agenda and the client behaviour that a report audit found wrong,
// worked out by hand.

/// A promise as the reports count it: what has come since it was made counts against it, it
/// covers no more than is owed, and a client waiting on a promised day has not gone quiet.
@Suite struct PromiseInReportsTests {
    let text = """
        settings
          currency GBP
        client pa PA
          terms net 30
        client pc PC
          terms net 30
        client pb PB
          terms net 30
        2026-01-05 invoice pa A1
          total 900.00
        2026-01-05 invoice pc C1
          total 900.00
        2026-01-05 invoice pb B1
          total 500.00
        2026-03-01 note pa call
          promise 2026-04-10 900.00
        2026-03-01 note pc call
          promise 2026-04-10 600.00
        2026-03-15 payment pc 400.00
          apply C1
        2026-03-01 note pb call
          promise 2026-04-10 2000.00

        """

    @Test func aPartKeptPromiseCoversOnlyTheRestAndNoMoreThanIsOwed() {
        let r = load(text)
        let asOf = Day.parse("2026-04-05")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: asOf)
        let aging = AgingReport(ledger: r.ledger, sheet: sheet, options: AgingOptions(settings: r.ledger.settings))
        let promised = Dictionary(uniqueKeysWithValues: aging.lines.map { ($0.number, $0.status.promised) })
        #expect(promised == ["A1": 90_000, "C1": 20_000, "B1": 50_000])
        let agenda = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: asOf)
        // Waiting on a promised day is not silence.
        #expect(!agenda.items.contains { $0.kind == .quiet })
        let pb = agenda.items.first { $0.kind == .promise && $0.client == "pb" }
        #expect(pb?.action == "expect 500.00 GBP of the 2,000.00 GBP promised for 2026-04-10")
        let pc = agenda.items.first { $0.kind == .promise && $0.client == "pc" }
        #expect(pc?.action == "expect the remaining 200.00 GBP of the 600.00 GBP promised for 2026-04-10")
    }
}

@Suite struct OverdueByIssueAgingTests {
    /// With `aging issue` the buckets count days since issue, but what is overdue is still what
    /// is past its due date: an invoice not yet due is not called overdue, nor ranked so.
    @Test func overdueIsByTheDueDateWhateverTheBucketsCountFrom() {
        let r = load("""
            settings
              currency GBP
              aging issue
              buckets 15 45
            client yy YY
              terms net 30
            2026-01-05 invoice yy Y2
              total 1000.00
            2026-02-01 invoice yy Y3
              total 500.00
            2026-03-25 invoice yy Y4
              total 100.00

            """)
        let asOf = Day.parse("2026-03-31")!
        let aging = AgingReport(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: asOf), options: AgingOptions(settings: r.ledger.settings))
        #expect(aging.options.byIssueDate)
        #expect(aging.totals.map(\.overdue) == [150_000])
        #expect(aging.clients.map(\.overdue) == [150_000])
        // Y4, issued six days ago, stands in 1–15 days, past Current: the buckets alone would
        // have called all 1,600.00 overdue. Y3 (58 days) and Y2 are over 45.
        #expect(aging.totals[0].buckets == [0, 10_000, 0, 150_000])
    }
}

@Suite struct WaivedLatenessTests {
    /// A sum waived does not hide that the rest was paid late; a loss leaves the invoice out.
    @Test func aWaivedSumKeepsTheLatenessALossDoesNot() {
        func row(_ writeOff: String) -> ClientBehaviourRow? {
            let r = load("""
                settings
                  currency GBP
                client wv WV
                  terms net 30
                2026-01-05 invoice wv V1
                  total 1000.00
                \(writeOff)
                2026-03-20 payment wv 800.00
                  apply V1

                """)
            let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-04-01")!)
            return ClientBehaviour(ledger: r.ledger, sheet: sheet).rows.first
        }
        let waived = row("2026-03-01 writeoff wv V1 200.00\n  waived")
        #expect(waived?.paid == 1)
        #expect(waived?.averageDaysLate == Tenths(440))
        let lost = row("2026-03-01 writeoff wv V1 200.00")
        #expect(lost?.paid == 0)
    }
}
