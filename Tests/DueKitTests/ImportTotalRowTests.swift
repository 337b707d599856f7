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
        // Under the last row only: a `Total` above other rows is a subtotal, left out only when
        // it is the sum of the rows above it, else a row it cannot read.
        let r = try importCSV("Invoice,Client,Date,Amount\nA1,Acme,2026-01-01,100.00\nTotal,,,90.00\nA2,Acme,2026-01-02,50.00\n").get()
        #expect(r.problems.map(\.line).contains(3))
        #expect(r.totalRow == nil && r.subtotalRows.isEmpty)
        let sum = try importCSV("Invoice,Client,Date,Amount\nA1,Acme,2026-01-01,100.00\nTotal,,,100.00\nA2,Acme,2026-01-02,50.00\n").get()
        #expect(sum.problems.isEmpty && sum.totalRow == nil && sum.subtotalRows == [3])
    }

    /// An export grouped by client, a subtotal under each client's rows and the total under all.
    func byClient(acme: String = "\"1,500.00\"", birch: String = "800.00") -> String {
        """
        Date,Num,Customer,Description,Due Date,Amount
        01/15/2026,1001,Acme Ltd,Design,02/14/2026,"1,200.00"
        01/20/2026,1003,Acme Ltd,Build,02/19/2026,300.00
        ,,Acme Ltd,Total,,\(acme)
        01/20/2026,1002,Birch Co,Copy,02/19/2026,800.00
        ,,Birch Co,Total,,\(birch)
        ,,,,,
        TOTAL,,,,,"2,300.00"

        """
    }

    @Test func subtotalRowsThatAddUpAreLeftOutAndSaid() throws {
        let r = try importCSV(byClient()).get()
        #expect(r.problems.isEmpty, "\(r.problems.map(\.message))")
        #expect(r.invoices == 3 && r.rows == 3 && r.subtotalRows == [4, 6])
        #expect(r.summary == "3 invoices of 2 clients, 0 payments, 0 disputes, 2 subtotal rows left out, the 'TOTAL' row on line 8 left out")
        #expect(r.notes.contains("the 2 subtotal rows on lines 4 and 6 are each the sum of its client's rows above it and were left out, as no invoice"), "\(r.notes)")
        // Read in parts of two rows on both cores, the same.
        #expect(try importCSV(byClient()) { $0.partRows = 2 }.get().subtotalRows == [4, 6])
        // The subtotals are named in the first cell, the invoice number's column, too.
        let named = try importCSV("Invoice,Client,Date,Amount\nA1,Acme,2026-01-01,100.00\nA2,Acme,2026-01-02,50.00\nSubtotal Acme:,,,150.00\nB1,Birch,2026-01-03,70.00\nTotal for Birch,,,70.00\n").get()
        #expect(named.problems.isEmpty, "\(named.problems.map(\.message))")
        #expect(named.invoices == 3 && named.subtotalRows == [4, 6])
    }

    @Test func aSubtotalThatDiffersIsARowItCannotRead() throws {
        let first = try importCSV(byClient(acme: "\"1,600.00\"")).get()
        #expect(first.problems.map(\.message) == ["this 'Total' row says 1,600.00, but the 'Amount' of the rows above it adds up to 1,500.00: a row may be missing from the export or a figure mistyped; correct whichever is wrong"])
        #expect(first.problems.map(\.line) == [4] && first.subtotalRows == [6] && first.invoices == 3)
        let second = try importCSV(byClient(birch: "900.00")).get()
        #expect(second.problems.map(\.message) == ["this 'Total' row says 900.00, but the 'Amount' of the rows between it and the subtotal on line 4 adds up to 800.00: a row may be missing from the export or a figure mistyped; correct whichever is wrong"])
        #expect(second.problems.map(\.line) == [6])
    }
}
