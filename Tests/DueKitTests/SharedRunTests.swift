import Foundation
import Testing
@testable import DueKit

/// `due report` takes its month-end history and its as-of sheet from the checker's run of the
/// balance engine instead of runs of their own. What it takes must be what those runs give:
/// the checker's run goes on to the last entry and collects facts, and neither may show.
@Suite struct SharedRunTests {
    static func generated(seed: UInt64) -> Ledger {
        LedgerLoader.load(bytes: LedgerGenerator(invoices: 1_500, seed: seed, profile: .realistic).generate(), path: "r.due").ledger
    }

    static func studio() throws -> Ledger {
        let load = try LedgerLoader.load(path: Repo.path("samples/studio.due"))
        #expect(load.diagnostics.isEmpty)
        return load.ledger
    }

    /// The history and the as-of sheet gathered while the checker runs.
    static func gathered(_ l: Ledger, asOf: Day) -> (ReportHistory, BalanceSheet?, CheckOutcome) {
        var history = ReportHistory.Gathering(ledger: l, asOf: asOf, buckets: AgingOptions(settings: l.settings))
        var atAsOf: BalanceSheet?
        let outcome = Checker.run(LoadResult(ledger: l, diagnostics: []), asOf: asOf, passing: history.ends + [asOf]) { sheet in
            history.take(sheet)
            if sheet.asOf == asOf { atAsOf = sheet }
        }
        return (history.history(), atAsOf, outcome)
    }

    static func expectSame(_ a: BalanceSheet, _ b: BalanceSheet, _ note: String) {
        #expect(a.asOf == b.asOf, "\(note)")
        #expect(a.invoices == b.invoices, "\(note)")
        #expect(a.creditOnAccount == b.creditOnAccount && a.clientBalances == b.clientBalances, "\(note)")
        #expect(a.applied == b.applied && a.fromAccount == b.fromAccount && a.writtenOff == b.writtenOff, "\(note)")
        #expect(a.facts.isEmpty && b.facts.isEmpty, "\(note)")
    }

    static let dates = ["2026-11-20", "2026-10-31", "2026-06-15", "2025-01-10"].map { Day.parse($0)! }

    @Test(arguments: [1, 7] as [UInt64])
    func generatedLedger(_ seed: UInt64) {
        let l = Self.generated(seed: seed)
        for asOf in Self.dates {
            let (history, sheet, outcome) = Self.gathered(l, asOf: asOf)
            #expect(history == ReportHistory(ledger: l, asOf: asOf, buckets: AgingOptions(settings: l.settings)), "\(asOf)")
            #expect(history.months.count == ReportHistory.months)
            let own = BalanceEngine.balances(l, asOf: asOf)
            guard let sheet else { Issue.record("no sheet as of \(asOf)"); continue }
            Self.expectSame(sheet, own, "\(asOf)")
            // Passing sheets on changes nothing the checker finds.
            #expect(outcome.diagnostics == Checker.run(LoadResult(ledger: l, diagnostics: []), asOf: asOf).diagnostics, "\(asOf)")
        }
    }

    /// The studio sample has balance assertions, so the checker's run collects facts.
    @Test func sampleWithAssertions() throws {
        let l = try Self.studio()
        #expect(!l.assertions.isEmpty)
        for asOf in Self.dates {
            let (history, sheet, _) = Self.gathered(l, asOf: asOf)
            #expect(history == ReportHistory(ledger: l, asOf: asOf, buckets: AgingOptions(settings: l.settings)), "\(asOf)")
            if let sheet { Self.expectSame(sheet, BalanceEngine.balances(l, asOf: asOf), "\(asOf)") } else { Issue.record("no sheet as of \(asOf)") }
        }
    }

    /// Dates after the run's end are not passed; the others come oldest first, each once.
    @Test func datesPassed() throws {
        let l = try Self.studio()
        let asOf = Day.parse("2026-11-20")!
        var seen: [Day] = []
        let asked = ["2026-12-31", "2026-03-31", "2026-01-31", "2026-03-31", "2027-05-01"].map { Day.parse($0)! }
        _ = BalanceEngine.balances(l, asOf: asOf, passing: asked) { seen.append($0.asOf) }
        #expect(seen == ["2026-01-31", "2026-03-31"].map { Day.parse($0)! })
    }
}
