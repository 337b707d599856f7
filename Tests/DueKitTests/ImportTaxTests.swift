import Testing
@testable import DueKit

/// Spreadsheets that give an invoice's net and its tax, as invoicing apps export them: the
/// ledger's total is what the client owes, tax included, and is never the net alone.
@Suite struct ImportTaxTests {
    func gbp(_ csv: String, map: [String] = []) -> Result<ImportResult, ImportError> {
        importCSV(csv) { $0.currency = Currency("GBP"); $0.overrides = map }
    }

    /// The totals the ledger's invoices and credit notes are written with, in order.
    func totals(_ r: ImportResult) -> [String] {
        r.text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("  total") { return String(line.split(separator: " ").last!) }
            if line.first?.isNumber == true, line.contains(" credit ") { return "-" + String(line.split(separator: " ").last!) }
            return nil
        }
    }

    @Test func aNetAndItsTaxMakeTheTotal() throws {
        let r = try gbp("Invoice No,Customer,Date,Net Amount,VAT\nINV-1,acme,2026-01-05,1000.00,200.00\nINV-2,acme,2026-01-10,\"1,500.00\",0\nCN-1,acme,2026-01-12,-100.00,-20.00\n").get()
        #expect(r.map.columns[.net] == 3 && r.map.columns[.tax] == 4 && r.map.columns[.amount] == nil)
        #expect(totals(r) == ["1,200.00", "1,500.00", "-120.00"])
        #expect(r.text.contains("; Each total is 'Net Amount' plus 'VAT'."))
        // Before, the file had no column for the amount; mapped to `amount`, the net alone was
        // written as the total, each invoice short by its tax.
        #expect(try gbp("Invoice No,Customer,Date,Net,VAT\nINV-1,acme,2026-01-05,1000.00,200.00\n").get().invoices == 1)
    }

    @Test func aTaxRateIsTakenOfTheNetAsAnInvoicesTaxLineIs() throws {
        // 333.33 × 7.5% = 24.99975, rounded half away from zero to 25.00; -100.00 × 20% = -20.00.
        let r = try gbp("Invoice No,Customer,Date,Subtotal,Tax Rate\nINV-1,acme,2026-01-05,1000.00,20\nINV-2,acme,2026-01-05,333.33,7.5\nINV-3,acme,2026-01-05,-100.00,20%\nINV-4,acme,2026-01-05,10.00,\"7,5 %\"\n").get()
        #expect(totals(r) == ["1,200.00", "358.33", "-120.00", "10.75"])
        // A rate is read as a rate wherever a `%` follows it, whatever the header.
        #expect(totals(try gbp("Invoice No,Customer,Date,Net,VAT\nINV-1,acme,2026-01-05,80.00,20%\n").get()) == ["96.00"])
        let bad = try gbp("Invoice No,Customer,Date,Net,VAT\nINV-1,acme,2026-01-05,10.00,120%\nINV-2,acme,2026-01-05,10.00,abc%\nINV-3,acme,2026-01-05,10.00,20%\n").get()
        #expect(bad.problems.map(\.message) == [
            "'120%' is not a tax rate: a rate runs from 0% to 100%, with at most four decimals",
            "'abc%' is not a tax rate (such as 20% or 7.5%)",
        ])
        #expect(bad.problems.map(\.columnName) == ["VAT", "VAT"])
    }

    @Test func aTotalBesideItsNetAndTaxMustBeTheirSum() throws {
        let r = try gbp("Invoice No,Customer,Date,Net,VAT,Total\nINV-1,acme,2026-01-05,1000.00,200.00,1200.00\nINV-2,acme,2026-01-10,500.00,100.00,650.00\n").get()
        #expect(r.map.columns[.amount] == 5)
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.line == 3)
        #expect(r.problems.first?.columnName == "Total")
        #expect(r.problems.first?.message == "the amount 650.00 is not the net 500.00 plus the tax 100.00 (600.00); correct whichever is wrong")
        #expect(r.text.contains("; Each total is 'Total', checked against 'Net' plus 'VAT'."))
    }

    @Test func anAmountBesideTaxAndATotalIsTheNet() throws {
        let r = try gbp("Invoice No,Customer,Date,Amount,Tax,Total\nINV-1,acme,2026-01-05,1000.00,200.00,1200.00\n").get()
        #expect(r.map.columns[.amount] == 5 && r.map.columns[.net] == 3 && r.map.columns[.tax] == 4)
        #expect(totals(r) == ["1,200.00"])
        // Unless the user says the amount is the amount: then the total is not read.
        let said = try gbp("Invoice No,Customer,Date,Amount,Tax,Total\nINV-1,acme,2026-01-05,1200.00,200.00,1200.00\n", map: ["Amount=amount"]).get()
        #expect(said.map.columns[.amount] == 3 && said.map.columns[.net] == nil)
        #expect(totals(said) == ["1,200.00"])
    }

    @Test func anAmountBesideTaxAloneIsAskedAbout() throws {
        let csv = "Invoice No,Customer,Date,Amount,VAT\nINV-1,acme,2026-01-05,1000.00,200.00\n"
        guard case .failure(let e) = gbp(csv) else { Issue.record("an amount that may or may not include the tax was guessed at"); return }
        #expect(e.message == "the column 'Amount' may hold amounts with the tax in 'VAT' or without it: say --map 'Amount=amount' if they include it, or --map 'Amount=net' if it is to be added")
        #expect(totals(try gbp(csv, map: ["Amount=net"]).get()) == ["1,200.00"])
        #expect(totals(try gbp(csv, map: ["Amount=amount"]).get()) == ["1,000.00"])
        // A header that says the tax is in it is not asked about.
        let total = try gbp("Invoice No,Customer,Date,Total (GBP),VAT\nINV-1,acme,2026-01-05,1200.00,200.00\n").get()
        #expect(totals(total) == ["1,200.00"])
        #expect(total.text.contains("; The amounts in 'Total (GBP)' include the tax in 'VAT'."))
    }

    @Test func aTaxColumnBesideATotalAloneIsNotRead() throws {
        // The total holds the tax already: a cell there that is no amount leaves no row out.
        let r = try gbp("Invoice No,Customer,Date,Total,VAT\nINV-1,acme,2026-01-05,1200.00,200.00\nINV-2,acme,2026-01-06,500.00,Exempt\nINV-3,acme,2026-01-07,80.00,N/A\n").get()
        #expect(r.problems.isEmpty)
        #expect(totals(r) == ["1,200.00", "500.00", "80.00"])
    }

    @Test func aFractionUnderARatesHeaderIsAskedAbout() throws {
        let r = try gbp("Invoice No,Customer,Date,Net,Tax rate\nINV-1,acme,2026-01-05,1000.00,0.2\nINV-2,acme,2026-01-05,1000.00,0\n").get()
        #expect(r.problems.map(\.message) == ["'0.2' would be read as 0.2%: write the rate as a percentage with its sign (20% for 0.2)"])
        // A zero rate is zero, whichever way it is written.
        #expect(totals(r) == ["1,000.00"])
    }

    @Test func aTaxOfTheOtherSignThanItsNetIsARowItCannotRead() throws {
        let r = try gbp("Invoice No,Customer,Date,Subtotal,Tax\nINV-1,acme,2026-01-05,100.00,-20.00\n").get()
        #expect(r.problems.map(\.message) == ["the tax -20.00 and the net 100.00 have opposite signs: a credit note has both negative"])
    }

    @Test func aPaidRowWithoutAnAmountPaidIsPaidItsTotal() throws {
        let r = try gbp("Invoice No,Customer,Date,Net,VAT,Paid Date\nINV-1,acme,2026-01-05,1000.00,200.00,2026-02-01\n").get()
        #expect(r.payments == 1)
        #expect(r.text.contains("2026-02-01 payment acme 1,200.00"))
    }

    @Test func noColumnForAnAmountNamesTheNetToo() {
        guard case .failure(let e) = gbp("Invoice No,Customer,Date,VAT\nINV-1,acme,2026-01-05,200.00\n") else { Issue.record("imported with no amount"); return }
        #expect(e.message.hasPrefix("no column for amount (or net) (columns: Invoice No, Customer, Date, VAT)"))
    }

    @Test func theTaxRuleIsTheOneInvoicesUse() {
        // One rounding for an invoice's `tax` line and an imported rate: half away from zero.
        let tax = Tax(rate: DecimalValue(digits: 75, scale: 1))
        #expect(tax.amount(on: 33333) == 2500)
        #expect(tax.amount(on: -33333) == -2500)
        #expect(tax.amount(on: 20) == 2)
    }
}
