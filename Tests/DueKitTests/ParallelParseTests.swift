import Testing
@testable import DueKit

@Suite struct ParallelParseTests {
    @Test func aLargeFileParsedOnSeveralThreadsGivesTheSameLedgerAsOneThread() {
        // Large enough to pass the threshold for parallel parsing.
        var bytes = LedgerGenerator(invoices: 24_000, seed: 7).generate()
        #expect(bytes.count > ParallelParse.threshold)
        // A mistake in the second half must be reported at the same place either way.
        bytes += Array("2026-11-19 invoce c1 X-1\n  total 10\n".utf8)
        let one = LedgerLoader.load(bytes: bytes, path: "big.due", parallel: false)
        let many = LedgerLoader.load(bytes: bytes, path: "big.due", parallel: true)
        #expect(ParallelParse.cuts(for: many.ledger.files[0]) != nil)
        #expect(one.ledger.invoices == many.ledger.invoices)
        #expect(one.ledger.payments == many.ledger.payments)
        #expect(one.ledger.notes == many.ledger.notes)
        #expect(one.ledger.clients == many.ledger.clients)
        #expect(one.diagnostics == many.diagnostics)
        #expect(one.diagnostics.map(\.code) == ["E102"])
    }

    @Test func aFileWithIncludesIsParsedInOrderOnOneThread() {
        var bytes = LedgerGenerator(invoices: 24_000, seed: 7).generate()
        bytes += Array("include other.due\n".utf8)
        #expect(ParallelParse.cuts(for: SourceFile(id: 0, path: "x.due", bytes: bytes)) == nil)
    }
}
