import Testing
@testable import DueKit

func load(_ text: String, path: String = "t.due") -> LoadResult {
    LedgerLoader.load(bytes: Array(text.utf8), path: path)
}

@Suite struct ParserTests {
    @Test func invoiceWithItemsAndTaxResolvesItsTotal() {
        let r = load("""
            settings
              currency GBP
            client acme Acme Ltd
            2026-03-02 invoice acme 2026-014
              item  Landing page   1 x 1200.00
              item  Copy           6 x 85.00
              tax   VAT 20%
              total 2,052.00
            """)
        #expect(r.diagnostics.isEmpty)
        let inv = r.ledger.invoices[0]
        #expect(inv.total == 205_200)
        #expect(inv.taxAmount == 34_200)
        #expect(inv.due == Day(year: 2026, month: 4, day: 1))
    }

    @Test func impossibleDateIsReportedWithItsReason() {
        let r = load("2026-02-30 invoice acme 1\n  total 10\n")
        #expect(r.diagnostics.map(\.code) == ["E104"])
        #expect(r.diagnostics[0].message.contains("February 2026 has 28 days"))
    }
}

@Suite struct CommandLineTests {
    @Test func checkOnTheStudioSampleExitsZero() throws {
        let r = try DueRun.run(["check", "--as-of", "2026-11-20", Repo.path("samples/studio.due")])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }

    @Test func unknownCommandIsAUsageError() throws {
        let r = try DueRun.run(["chekc", "x.due"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("did you mean 'check'") || r.stderr.contains("Did you mean 'check'"))
    }
}
