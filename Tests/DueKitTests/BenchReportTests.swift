import Testing
@testable import DueKit

@Suite struct BenchReportTests {
    /// Every stage is printed in seconds with three decimals, a stage too quick to measure too
    /// ("0.000", not "0.0"), right-aligned so the column reads down.
    @Test func everyStageHasThreeDecimals() {
        let r = BenchmarkResult(path: "big.due", bytes: 2_097_152, invoices: 10, entries: 20, load: 0.0004, check: 10.2, cpu: 12.34567, diagnostics: 0, loadedPeakResidentBytes: 1_048_576, peakResidentBytes: 3_145_728)
        let lines = r.render().split(separator: "\n").map(String.init)
        let stages = lines.filter { $0.hasPrefix("  ") && $0.contains(" s") && !$0.contains("entries/s") && !$0.contains("peak") }
        #expect(stages.count == 3, "\(lines)")
        let values = stages.map { line -> String in
            let words = line.split(separator: " ")
            return String(words[1])
        }
        #expect(values == ["0.000", "10.200", "10.200"])
        #expect(lines.last == "  peak memory 3.0 MB = 1.50 × the file (1.0 MB once loaded)")
        let columns = Set(stages.map { $0.range(of: " s")!.lowerBound.utf16Offset(in: $0) })
        #expect(columns.count == 1, "\(stages)")
    }
}
