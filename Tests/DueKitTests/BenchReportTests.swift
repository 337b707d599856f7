import Testing
@testable import DueKit

@Suite struct BenchReportTests {
    /// Every stage is printed in seconds with three decimals, a stage too quick to measure too
    /// ("0.000", not "0.0"), right-aligned so the column reads down.
    @Test func everyStageHasThreeDecimals() {
        let r = BenchmarkResult(path: "big.due", bytes: 2_097_152, invoices: 10, entries: 20, read: 0, parse: 1.23456, resolve: 0.05, balances: 10.2, rules: 0.0004, diagnostics: 0, peakResidentBytes: 0)
        let lines = r.render().split(separator: "\n").map(String.init)
        let stages = lines.filter { $0.hasPrefix("  ") && $0.contains(" s") && !$0.contains("entries/s") }
        #expect(stages.count == 6, "\(lines)")
        let values = stages.map { line -> String in
            let words = line.split(separator: " ")
            return String(words[1])
        }
        #expect(values == ["0.000", "1.235", "0.050", "10.200", "0.000", "11.485"])
        let columns = Set(stages.map { $0.range(of: " s")!.lowerBound.utf16Offset(in: $0) })
        #expect(columns.count == 1, "\(stages)")
    }
}
