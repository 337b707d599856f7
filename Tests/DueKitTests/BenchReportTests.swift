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
        #expect(lines.last == "  peak memory 3.0 MiB = 1.50 × the file (1.0 MiB once loaded)")
        let columns = Set(stages.map { $0.range(of: " s")!.lowerBound.utf16Offset(in: $0) })
        #expect(columns.count == 1, "\(stages)")
    }

    /// The footprint names each kind of entry the ledger holds, with its count and the bytes
    /// its array takes, and adds them up.
    @Test func footprintCountsEachArrayOfTheLedger() throws {
        let text = "client a\n2026-01-15 invoice a 1\n  item Hours 2 x 10.00\n  item Pages 1 x 5.00\n2026-01-20 payment a 25.00 GBP\n  apply 1\n"
        let l = LedgerLoader.load(bytes: Array(text.utf8), path: "f.due").ledger
        let f = LedgerFootprint(l)
        #expect(f.parts.map(\.name) == ["invoices", "items", "payments", "apply lines", "clients"])
        #expect(f.parts.map(\.count) == [1, 2, 1, 1, 1])
        #expect(f.parts[1].bytes == 2 * MemoryLayout<LineItem>.stride)
        #expect(f.bytes == f.parts.reduce(0) { $0 + $1.bytes })
        let lines = f.render().split(separator: "\n")
        #expect(lines.count == 6 && lines[2] == "    items: 2 × \(MemoryLayout<LineItem>.stride) B = 0.0 MiB")
        #expect(LedgerFootprint(Ledger()).render().isEmpty)
        // The details few invoices write are counted apart, box by box; a purpose, or a credit
        // note's number, is read again from the file and takes no box.
        let rare = "client a\n2026-01-15 invoice a 1\n  for Spring campaign\n  due 2026-02-01\n  item Hours 2 x 10.00\n2026-01-16 invoice a 2\n  item Hours 1 x 10.00\n2026-01-20 credit a 5.00\n  number CN-1\n  apply 1\n"
        let g = LedgerFootprint(LedgerLoader.load(bytes: Array(rare.utf8), path: "f.due").ledger)
        #expect(g.parts.map(\.name) == ["invoices", "invoice details", "items", "payments", "apply lines", "clients"])
        #expect(g.parts.map(\.count) == [2, 1, 2, 1, 1, 1])
        #expect(g.parts[1].stride > MemoryLayout<InvoiceDetails>.stride)
    }
}
