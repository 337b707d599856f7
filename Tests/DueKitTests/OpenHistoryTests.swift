import Testing
@testable import DueKit

/// `BalanceEngine.openHistory` runs over a few clients' entries alone; what it says an
/// invoice had open at the end of any day must be what a run over the whole ledger as of
/// that day gives.
@Suite struct OpenHistoryTests {
    @Test(arguments: [LedgerGenerator.Profile.realistic, .varied])
    func aFewClientsRunAloneStandAsInTheWholeLedger(_ profile: LedgerGenerator.Profile) {
        let load = LedgerLoader.load(bytes: LedgerGenerator(invoices: 3_000, seed: 11, profile: profile).generate(), path: "g.due")
        let l = load.ledger
        #expect(!load.diagnostics.hasErrors)
        // Every 97th invoice: clients of all kinds, payments with and without `apply`,
        // credit notes, write-offs, disputes and discounts among them.
        let picked = Array(stride(from: 0, to: l.invoices.count, by: 97))
        let last = Day.parse("2026-11-20")!
        let history = BalanceEngine.openHistory(l, of: picked, through: last)
        #expect(history.covers(picked, through: last))
        #expect(!history.covers([1], through: last) || picked.contains(1))
        var days: [Day] = []
        var d = Day.parse("2024-01-01")!
        while d <= last {
            days.append(d)
            d = d.adding(days: 23)
        }
        var compared = 0, changed = 0
        BalanceEngine.forEachSheet(l, at: days) { sheet in
            for i in picked {
                // As letters count it: a loss written off is still owed (3.8).
                #expect(history.open(i, endOf: sheet.asOf) == sheet.invoices[i].owed, "invoice \(l.invoices[i].number) on \(sheet.asOf)")
                compared += 1
            }
        }
        for i in picked where (history.changes[i]?.count ?? 0) > 1 { changed += 1 }
        #expect(compared == picked.count * days.count)
        // Not a history of invoices that never moved: most were paid in part or in full.
        #expect(changed > picked.count / 2)
    }

    /// Money open each day, added up: 1,200.00 for 15 days, 900.00 for 23, then 800.00.
    @Test func openDaysAddWhatWasOpenOnEachDay() {
        let load = LedgerLoader.load(bytes: Array("""
            settings
              currency GBP
            client acme Acme
            2025-01-01 invoice acme A-1
              total 1,200.00
              due 2025-01-31
            2025-02-15 payment acme 300.00
            2025-03-10 payment acme 100.00
              apply A-1

            """.utf8), path: "t.due")
        let h = BalanceEngine.openHistory(load.ledger, of: [0], through: Day.parse("2025-07-01")!)
        let due = Day.parse("2025-01-31")!, asOf = Day.parse("2025-07-01")!
        #expect(h.open(0, endOf: Day.parse("2024-12-31")!) == 0)
        #expect(h.open(0, endOf: Day.parse("2025-02-14")!) == 120_000)
        #expect(h.open(0, endOf: Day.parse("2025-02-15")!) == 90_000)
        #expect(h.openDays(0, after: due, through: asOf) == Int128(120_000 * 15 + 90_000 * 23 + 80_000 * 113))
        #expect(h.openDays(0, after: asOf, through: due) == 0)
    }
}
