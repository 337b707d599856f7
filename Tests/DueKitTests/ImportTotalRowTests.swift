import Testing
@testable import DueKit

/// A report's total row under its invoices (QuickBooks' `TOTAL`) is no invoice: it is left
/// out and said so, once its sums are what the rows above it add up to.
@Suite struct ImportTotalRowTests {
    /// QuickBooks' invoice list as it exports it: a blank row, the total, a blank row.
    func quickBooks(amount: String = "\"2,000.00\"", open: String = "\"2,000.00\"") -> String {
        """
        Date,Num,Customer,Due Date,Amount,Open Balance
        01/15/2026,1001,Acme Ltd,02/14/2026,"1,200.00","1,200.00"
        01/20/2026,1002,Birch Co,02/19/2026,800.00,800.00
        ,,,,,
        TOTAL,,,,\(amount),\(open)
        ,,,,,

        """
    }

    @Test func aTotalRowThatAddsUpIsLeftOutAndSaid() throws {
        let r = try importCSV(quickBooks()).get()
        #expect(r.problems.isEmpty, "\(r.problems.map(\.message))")
        #expect(r.invoices == 2 && r.rows == 2)
        #expect(r.summary == "2 invoices of 2 clients, 0 payments, 0 disputes, the 'TOTAL' row on line 5 left out")
        #expect(r.notes.contains("the 'TOTAL' row on line 5 is the sum of the rows above it ('Amount' and 'Open Balance' add up to it) and was left out, as no invoice"), "\(r.notes)")
        #expect(!r.text.contains("TOTAL") || r.text.contains("; The 'TOTAL' row"), "\(r.text)")
        #expect(r.text.contains("; 2 invoices of 2 clients, 0 payments, 0 disputes, the 'TOTAL' row on line 5 left out.\n"))
    }

    @Test func aTotalRowThatDiffersFromTheRowsIsARowItCannotRead() throws {
        let r = try importCSV(quickBooks(amount: "\"2,100.00\"")).get()
        #expect(r.problems.map(\.message) == ["this 'TOTAL' row says 2,100.00, but the 'Amount' of the rows above it adds up to 2,000.00: a row may be missing from the export or a figure mistyped; correct whichever is wrong"])
        #expect(r.problems.map(\.line) == [5] && r.problems.map(\.columnName) == ["Amount"])
        #expect(r.rows == 3 && r.invoices == 2 && r.totalRow == nil)
    }

    @Test func rowsInMoreThanOneCurrencyLeaveTheTotalUnchecked() throws {
        let csv = "Invoice,Client,Date,Currency,Amount\nA1,Acme,2026-01-01,USD,100.00\nA2,Acme,2026-01-02,EUR,50.00\nTotal,,,,150.00\n"
        let r = try importCSV(csv).get()
        #expect(r.problems.isEmpty, "\(r.problems.map(\.message))")
        #expect(r.invoices == 2)
        #expect(r.notes.contains("the 'Total' row on line 4 was left out, as no invoice; its 'Amount' could not be checked against the rows above it, as the rows are in more than one currency"), "\(r.notes)")
    }

    @Test func rowsOfBlankCellsAreSkippedWhereverTheyStand() throws {
        let r = try importCSV("Invoice,Client,Date,Amount\nA1,Acme,2026-01-01,100.00\n ,  ,\t, \nA2,Acme,2026-01-02,50.00\n , , , \n").get()
        #expect(r.problems.isEmpty, "\(r.problems.map(\.message))")
        #expect(r.invoices == 2 && r.rows == 2 && r.totalRow == nil)
    }

    @Test func aTotalWordAmongTheRowsIsNoTotalRow() throws {
        // Under the last row only: a `Total` above other rows is a row it cannot read, as before.
        let r = try importCSV("Invoice,Client,Date,Amount\nA1,Acme,2026-01-01,100.00\nTotal,,,100.00\nA2,Acme,2026-01-02,50.00\n").get()
        #expect(r.problems.map(\.line).contains(3))
        #expect(r.totalRow == nil)
    }
}
