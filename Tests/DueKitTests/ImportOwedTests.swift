import Testing
@testable import DueKit

/// What an invoicing tool's export says is still owed, or of each invoice's status, is what
/// the imported ledger owes: never a balance that disagrees with a column that says it.
@Suite struct ImportOwedTests {
    /// What the ledger an import writes has open on each invoice, as `due aging` adds it up.
    func open(_ result: ImportResult, asOf day: Day) -> [String: Int64] {
        let load = LedgerLoader.load(bytes: Array(result.text.utf8), path: "imported.due")
        let sheet = BalanceEngine.balances(load.ledger, asOf: day)
        var out: [String: Int64] = [:]
        for (i, inv) in load.ledger.invoices.enumerated() { out[inv.number] = sheet.invoices[i].open }
        return out
    }

    @Test func whatIsStillOwedIsWhatTheLedgerOwes() throws {
        let wave = """
            Invoice Number,Customer,Invoice Date,Due Date,Currency,Total,Amount Due,Status,Last Payment Date
            00042,Acme Widgets,2026-11-01,2026-12-01,CAD,"1,130.00",0.00,Paid,2026-11-20
            00043,Acme Widgets,2026-11-05,2026-12-05,CAD,565.00,265.00,Partial,2026-11-25
            00044,Beta,2026-11-07,2026-12-07,CAD,100.00,100.00,Overdue,

            """
        let r = try importCSV(wave) { $0.currency = nil }.get()
        #expect(r.problems.isEmpty, "\(r.problems.map(\.message))")
        #expect(r.map.columns[.open] == 6 && r.map.columns[.status] == 7 && r.map.columns[.paidDate] == 8)
        #expect(r.text.contains("2026-11-20 payment acme-widgets 1,130.00\n  apply  00042\n"), "\(r.text)")
        #expect(r.text.contains("2026-11-25 payment acme-widgets 300.00\n  apply  00043\n"), "\(r.text)")
        #expect(r.text.contains("; What was paid is each total less 'Amount Due', paid on 'Last Payment Date'."))
        #expect(open(r, asOf: Day(year: 2026, month: 12, day: 31)!) == ["00042": 0, "00043": 26500, "00044": 10000])
    }

    @Test func moneyPaidWithNoDayItCameIsAskedFor() throws {
        // QuickBooks' invoice list gives the open balance and no paid date.
        let qb = try importCSV("Num,Name,Date,Amount,Open Balance\n1001,Acme,03/02/2026,\"1,200.00\",\"1,200.00\"\n1003,Acme,03/20/2026,\"2,400.50\",400.50\n").get()
        #expect(qb.problems.map(\.message) == ["'Open Balance' says 2,000.00 of 2,400.50 was paid, but no paid date says when: due needs the day the money came to age the invoice; name the column that holds it (--map COLUMN=paid-date), or add one"])
        #expect(qb.problems.map(\.line) == [3])
        let status = try importCSV("Invoice,Client,Date,Amount,Status\nZ1,Acme,2026-01-01,120.00,Paid\n").get()
        #expect(status.problems.map(\.message) == ["'Status' says Paid, but no paid date says when: due needs the day the money came to age the invoice; name the column that holds it (--map COLUMN=paid-date), or add one"])
    }

    @Test func columnsThatDisagreeOnWhatIsOwedAreNotImported() throws {
        let csv = """
            Invoice,Client,Date,Amount,Amount Paid,Balance,Status,Paid Date
            1,Acme,2026-01-01,100.00,40.00,50.00,Partial,2026-01-10
            2,Acme,2026-01-01,100.00,,30.00,Paid,2026-01-10
            3,Acme,2026-01-01,100.00,,0.00,Overdue,2026-01-10
            4,Acme,2026-01-01,100.00,,100.00,Sent,2026-01-10
            5,Acme,2026-01-01,100.00,,120.00,Sent,
            6,Acme,2026-01-01,100.00,,100.00,Partial,
            7,Acme,2026-01-01,100.00,40.00,60.00,Partial,2026-01-10

            """
        let r = try importCSV(csv).get()
        #expect(r.problems.map(\.message) == [
            "the amount paid 40.00 and the 50.00 'Balance' says is still owed do not add up to the total 100.00; correct whichever is wrong",
            "'Status' says Paid, but 30.00 of 100.00 is still owed by the amounts; correct whichever is wrong",
            "'Status' says Overdue, but the amounts say it was paid in full; correct whichever is wrong",
            "paid on 2026-01-10, but 'Balance' says all 100.00 is still owed; correct whichever is wrong",
            "'Balance' says 120.00 is still owed on an invoice of 100.00: it runs from 0 to the total",
            "'Status' says Partial, but the amounts say nothing was paid; correct whichever is wrong",
        ])
        #expect(r.problems.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(r.text.contains("2026-01-10 payment Acme 40.00\n  apply  7\n"), "\(r.text)")
        let partial = try importCSV("Invoice,Client,Date,Amount,Status\n1,Acme,2026-01-01,100.00,Partially paid\n").get()
        #expect(partial.problems.map(\.message) == ["'Status' says Partially paid, but no column says how much was paid: name the column of what is still owed (--map COLUMN=open) or of the amount paid (--map COLUMN=paid-amount)"])
    }

    @Test func voidAndDraftRowsAreLeftOutAndSaid() throws {
        let csv = "Invoice,Client,Date,Amount,Invoice Status\n1,Acme,2026-01-01,100.00,Void\n2,Acme,2026-01-02,50.00,Sent\n3,Acme,2026-01-03,70.00,DRAFT\n4,Acme,2026-01-04,70.00,Disputed\n"
        let r = try importCSV(csv).get()
        #expect(r.problems.isEmpty, "\(r.problems.map(\.message))")
        #expect(r.invoices == 2 && r.disputes == 1 && r.rows == 4)
        #expect(!r.text.contains("invoice Acme 1\n") && !r.text.contains("invoice Acme 3\n"))
        #expect(r.notes == ["2 rows whose 'Invoice Status' says 'Void' or 'DRAFT' were left out, as no invoice to chase (lines 2, 4)"])
        #expect(r.text.contains("; 2 rows whose 'Invoice Status' says 'Void' or 'DRAFT' were left out, as no invoice to chase (lines 2, 4).\n"))
        let odd = try importCSV("Invoice,Client,Date,Amount,Status\n1,Acme,2026-01-01,100.00,Written off\n").get()
        #expect(odd.problems.first?.message.hasPrefix("'Written off' is no status due reads: paid, paid in full") == true, "\(odd.problems)")
    }

    /// `due help import` names every status word the import reads.
    @Test func helpNamesEveryStatusWord() throws {
        let help = try DueRun.run(["help", "import"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for word in CSVImporter.InvoiceStatus.allCases.flatMap(\.words) {
            #expect(help.contains(" \(word),") || help.contains(" \(word) ") || help.contains(" \(word);"), "due help import does not name '\(word)'")
        }
    }
}

/// Of two columns that may each be the invoice's total, the import never keeps one and drops
/// the other by their headers' wording.
@Suite struct ImportTwoTotalsTests {
    @Test func twoColumnsThatMayEachBeTheTotalAreAskedAbout() throws {
        for csv in ["Invoice,Client,Date,Amount,Total\n1,Acme,2026-01-01,100.00,120.00\n", "Invoice,Client,Date,Total,Amount\n1,Acme,2026-01-01,120.00,100.00\n"] {
            guard case .failure(let e) = importCSV(csv) else {
                Issue.record("expected a question, not an import")
                continue
            }
            #expect(e.message.hasPrefix("the columns '"), "\(e.message)")
            #expect(e.message.contains("may each be the invoice's total, and they differ"))
        }
        guard case .failure(let e) = importCSV("Invoice,Client,Date,Amount,Invoice Total\n1,Acme,2026-01-01,100.00,120.00\n") else {
            Issue.record("expected a question")
            return
        }
        #expect(e.message == "the columns 'Invoice Total' and 'Amount' may each be the invoice's total, and they differ ('120.00' and '100.00' on line 2): say which is with --map 'Invoice Total=amount' or --map 'Amount=amount' (and --map COLUMN=net for an amount the tax is added to)")
        // Told, it imports the one named.
        let told = try importCSV("Invoice,Client,Date,Amount,Total\n1,Acme,2026-01-01,100.00,120.00\n") { $0.overrides = ["Total=amount"] }.get()
        #expect(told.text.contains("total  120.00"))
        // The same figure in both is no question; a tax column beside them makes Amount the net.
        let same = try importCSV("Invoice,Client,Date,Amount,Total\n1,Acme,2026-01-01,120.00,120\n").get()
        #expect(same.problems.isEmpty && same.text.contains("total  120.00"))
        let taxed = try importCSV("Invoice,Client,Date,Amount,VAT,Total\n1,Acme,2026-01-01,100.00,20.00,120.00\n").get()
        #expect(taxed.problems.isEmpty && taxed.text.contains("total  120.00"))
    }
}

/// An invoice number the ledger cannot hold as written is rewritten, and said so: in the
/// notes, and in a message on a number used twice, which quotes each row as written.
@Suite struct ImportNumberRewriteTests {
    @Test func rewrittenNumbersAreNoted() throws {
        let r = try importCSV("Invoice,Client,Date,Amount\nINV 001,Acme,2026-01-01,10.00\n#123,Acme,2026-01-02,20.00\nINV:7,Acme,2026-01-03,1.00\n\u{202E}evil,Acme,2026-01-04,2.00\nA-1,Acme,2026-01-05,3.00\n").get()
        #expect(r.problems.isEmpty)
        let note = "4 invoice numbers are not written as a ledger writes one and were rewritten: 'INV 001' as INV-001, '#123' as 123, 'INV:7' as INV-7, '<U+202E>evil' as evil"
        #expect(r.notes == [note])
        #expect(r.text.contains("; \(note).\n"), "\(r.text)")
    }

    @Test func aNumberUsedTwiceIsQuotedAsEachRowWritesIt() throws {
        let r = try importCSV("Invoice,Client,Date,Amount\nINV 001,Acme,2026-01-01,10.00\nINV-001,Acme,2026-01-02,20.00\n#5,Acme,2026-01-03,1.00\n5,Acme,2026-01-04,2.00\nB7,Acme,2026-01-05,3.00\nB7,Acme,2026-01-06,4.00\n").get()
        #expect(r.problems.map(\.message) == [
            "invoice number INV-001 was already used on line 2 as 'INV 001': both are INV-001 in the ledger",
            "invoice number 5 was already used on line 4 as '#5': both are 5 in the ledger",
            "invoice number B7 was already used on line 6",
        ])
        #expect(r.problems.map(\.line) == [3, 5, 7])
    }
}

/// A CSV saved as UTF-16 (Excel's "Unicode Text") is told to be saved as UTF-8, not read as
/// dates "in no format".
@Suite struct ImportUTF16Tests {
    @Test func aUTF16FileIsToldToBeSavedAsUTF8() {
        let text = "Invoice,Client,Date,Amount\n1,Müller,2026-01-01,10.00\n"
        let little = Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big = Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for bytes in [[0xFF, 0xFE] + little, [0xFE, 0xFF] + big, little, big] {
            guard case .failure(let e) = CSVImporter.run(bytes: bytes, options: CSVImportOptions()) else {
                Issue.record("a UTF-16 file was imported")
                continue
            }
            #expect(e.message == "this file is UTF-16, not UTF-8 (as Excel's \"Unicode Text\" saves it): save it as UTF-8 (\"CSV UTF-8\") and import that")
        }
    }
}

/// A row one cell over (an amount split at an unquoted comma) is said first, not what follows
/// from it for the whole file.
@Suite struct ImportShapeFirstTests {
    @Test func aRowWithMoreCellsThanTheHeaderIsSaidBeforeTheCurrency() {
        let csv = "Client Name,Invoice #,Date Issued,Due Date,Amount,Paid,Currency,Status\nAcme Widgets,0000012,2026-11-01,2026-12-01,$1,200.00,$0.00,USD,sent\n"
        guard case .failure(let e) = importCSV(csv, { $0.currency = nil }) else {
            Issue.record("expected the split row to be reported")
            return
        }
        #expect(e.line == 2 && e.column == 44, "\(e)")
        #expect(e.message == "this row has 9 cells where the header names 8: $1,200.00 written without quotes is split at its comma into '$1' and '200.00' (the next read as column 'Paid'), so it would be read as $1: put the cell in quotes (\"$1,200.00\")")
        // A currency column with no code in it is named as such, not as missing.
        guard case .failure(let none) = importCSV("Invoice,Client,Date,Amount,Currency\n1,Acme,2026-01-01,10.00,\n", { $0.currency = nil }) else {
            Issue.record("expected a request for the currency")
            return
        }
        #expect(none.message == "the column 'Currency' holds no currency code (three letters, e.g. USD): write each row's there, or say which currency the amounts are in with --currency CODE")
    }
}

/// A header that is not on line 1: a report's title lines above it, or Excel's `sep=;`.
@Suite struct ImportHeaderRowTests {
    @Test func titleLinesAboveTheHeaderAreSkippedAndSaid() throws {
        let qb = "Brightline Studio\nInvoice List\nAll Dates\n\n,Date,Transaction Type,Num,Name,Memo/Description,Due Date,Amount,Open Balance\n,03/15/2026,Invoice,1001,Acme Widgets,\"Design, phase 1\",04/14/2026,\"1,200.00\",\"1,200.00\"\n"
        let r = try importCSV(qb).get()
        #expect(r.problems.isEmpty, "\(r.problems.map(\.message))")
        #expect(r.map.columns[.invoice] == 3 && r.map.columns[.client] == 4 && r.map.columns[.amount] == 7)
        #expect(r.notes == ["lines 1–4 above the header (line 5) were skipped: 'Brightline Studio', 'Invoice List', 'All Dates'"])
        #expect(r.text.contains("2026-03-15 invoice acme-widgets 1001\n"), "\(r.text)")
        // A row of data is no header, though it holds a field's name (`Paid`, `No`).
        let plain = try importCSV("Rechnung,Kunde,Datum,Betrag,Status,Strittig\nR1,a,2026-01-05,10.00,Paid,No\n") { $0.overrides = ["Rechnung=invoice", "Kunde=client", "Datum=issued", "Betrag=amount", "Status=ignore", "Strittig=ignore"] }.get()
        #expect(plain.problems.isEmpty && plain.invoices == 1 && plain.notes.isEmpty)
    }

    @Test func excelsSeparatorLineNamesTheSeparator() throws {
        let r = try importCSV("sep=;\nInvoice;Client;Date;Amount\n1;Acme;2026-01-01;10,00\n") { $0.currency = Currency("EUR") }.get()
        #expect(r.problems.isEmpty, "\(r.problems.map(\.message))")
        #expect(r.text.contains("2026-01-01 invoice Acme 1\n  total  10.00"), "\(r.text)")
        var reader = CSVReader(bytes: Array("sep=|\r\na|b\n1|2\n".utf8))
        #expect(reader.delimiter == 0x7C)
        #expect(reader.next()?.line == 2)
    }
}

/// Money paid beyond an invoice is written as the ledger wants it: the invoice's total applied
/// and the rest held on account, so the imported ledger checks clean.
@Suite struct ImportOverpaidTests {
    @Test func moneyBeyondTheInvoiceIsHeldOnAccountAndSaid() throws {
        let r = try importCSV("Invoice,Client,Date,Amount,Paid Amount,Paid Date,Currency\n1,Acme,2026-01-01,100.00,40.00,2026-01-10,GBP\n2,Acme,2026-01-01,100.00,140.00,2026-01-10,GBP\n3,Beta,2026-01-01,100.00,,2026-01-10,EUR\n") { $0.currency = nil }.get()
        #expect(r.problems.isEmpty)
        #expect(r.text.contains("2026-01-10 payment Acme 140.00\n  apply  2 100.00\n"), "\(r.text)")
        #expect(r.text.contains("2026-01-10 payment Acme 40.00\n  apply  1\n"))
        #expect(r.notes == ["1 payment is more than its invoice, and what is beyond it is held on account for the client: 40.00 GBP beyond invoice 2 of 100.00"])
        let load = LedgerLoader.load(bytes: Array(r.text.utf8), path: "imported.due")
        let found = Checker.check(load, asOf: Day(year: 2026, month: 2, day: 1)!)
        #expect(found.isEmpty, "\(found.map { "\($0.code): \($0.message)" })")
    }
}

/// A credit note whose text names an invoice of the file is applied to it, not to the oldest.
@Suite struct ImportCreditNamesInvoiceTests {
    @Test func aCreditNamingAnInvoiceIsAppliedThere() throws {
        let csv = """
            Invoice,Client,Date,Amount,Description
            INV-1,Acme,2026-01-01,100.00,Design
            INV-2,Acme,2026-01-05,200.00,Trade show prep
            CN-1,Acme,2026-01-10,-50.00,Credit for INV-2 (trade show prep)
            CN-2,Acme,2026-01-11,-10.00,Credit for 2 hours
            CN-3,Acme,2026-01-12,-5.00,re #INV-9

            """
        let r = try importCSV(csv).get()
        #expect(r.problems.isEmpty)
        #expect(r.text.contains("2026-01-10 credit Acme 50.00\n  number  CN-1\n  reason  Credit for INV-2 (trade show prep)\n  apply   INV-2\n"), "\(r.text)")
        #expect(r.text.contains("2026-01-11 credit Acme 10.00\n  number  CN-2\n  reason  Credit for 2 hours\n\n"), "\(r.text)")
        #expect(r.text.contains("  reason  re #INV-9\n\n") || r.text.hasSuffix("  reason  re #INV-9\n"), "\(r.text)")
        let load = LedgerLoader.load(bytes: Array(r.text.utf8), path: "imported.due")
        let sheet = BalanceEngine.balances(load.ledger, asOf: Day(year: 2026, month: 2, day: 1)!)
        #expect(load.ledger.invoices.map(\.number) == ["INV-1", "INV-2"])
        #expect(sheet.invoices[1].open == 15000, "the credit named INV-2")
    }
}

/// Xero's export: one row per line of an invoice, its number and own fields repeated, the
/// client in `*ContactName`.
@Suite struct ImportLineRowsTests {
    static let xero = """
        *ContactName,EmailAddress,*InvoiceNumber,*InvoiceDate,*DueDate,Total,TaxTotal,InvoiceAmountPaid,InvoiceAmountDue,Description,*Quantity,*UnitAmount,LineAmount,TaxAmount,Currency,Status
        Acme Widgets Ltd,ap@acme.example,INV-0001,07/12/2026,06/01/2027,1440.00,240.00,0.00,1440.00,Design,1.0000,1000.00,1000.00,200.00,GBP,Awaiting Payment
        Acme Widgets Ltd,ap@acme.example,INV-0001,07/12/2026,06/01/2027,1440.00,240.00,0.00,1440.00,Copy,2.0000,100.00,200.00,40.00,GBP,Awaiting Payment
        Müller GmbH,buch@mueller.example,INV-0002,13/11/2026,13/12/2026,500.00,0.00,0.00,500.00,Beratung,1.0000,500.00,500.00,0.00,EUR,Awaiting Payment

        """

    @Test func rowsOfOneInvoicesLinesAreOneInvoice() throws {
        let r = try importCSV(Self.xero) { $0.currency = nil }.get()
        #expect(r.problems.isEmpty, "\(r.problems.map(\.message))")
        #expect(r.map.columns[.client] == 0 && r.map.columns[.contact] == nil)
        #expect(r.invoices == 2)
        #expect(r.text.contains("2026-12-07 invoice acme-widgets-ltd INV-0001\n  for    Design\n  terms  net 30\n  item   Design 1 x 1000.00\n  item   Copy 2 x 100.00\n  tax    20%\n  total  1,440.00\n") || r.text.contains("  item   Design 1 x 1000.00\n  item   Copy 2 x 100.00\n  tax    20%\n  total  1,440.00\n"), "\(r.text)")
        let load = LedgerLoader.load(bytes: Array(r.text.utf8), path: "xero.due")
        let found = Checker.check(load, asOf: Day(year: 2027, month: 1, day: 1)!)
        #expect(found.isEmpty, "\(found.map(\.message))")
    }

    @Test func rowsThatRepeatANumberAsLinesAddUpOrAreAskedAbout() throws {
        // Each line's own amount, no quantities: the total is their sum.
        let summed = try importCSV("Invoice,Client,Date,Amount,Description\nA1,Acme,2026-01-01,100.00,Design\nA1,Acme,2026-01-01,50.00,Copy\n").get()
        #expect(summed.problems.isEmpty && summed.invoices == 1)
        #expect(summed.text.contains("total  150.00"), "\(summed.text)")
        // The same amount on each row, with nothing to tell a total from a line's: asked.
        let same = try importCSV("Invoice,Client,Date,Amount\nA1,Acme,2026-01-01,100.00\nA1,Acme,2026-01-01,100.00\n").get()
        #expect(same.problems.map(\.message) == ["this row repeats invoice A1 of line 2 with the same amount, 100.00: whether that is the invoice's total or each line's cannot be told; give each line's quantity and unit price (--map COLUMN=quantity, --map COLUMN=unit-price) or one row per invoice"])
        // Another client or date under the same number is still a number used twice.
        let clash = try importCSV("Invoice,Client,Date,Amount\nA1,Acme,2026-01-01,100.00\nA1,Beta,2026-01-01,50.00\n").get()
        #expect(clash.problems.map(\.message) == ["invoice number A1 was already used on line 2"])
    }
}

extension ImportOwedTests {
    /// Money paid shown by two columns asks for its day once.
    @Test func thePaidDateIsAskedForOnce() throws {
        let r = try importCSV("Invoice,Client,Date,Amount,InvoiceAmountPaid,InvoiceAmountDue\n1,Acme,2026-01-01,500.00,200.00,300.00\n").get()
        #expect(r.problems.map(\.message) == ["an amount paid without a paid date: due needs the day the money came to age the invoice; name the column that holds it (--map COLUMN=paid-date), or add one"])
    }
}
