import Foundation
import Testing
@testable import DueKit

/// The IBM receivables sample, read straight from its CSV with nothing of `due` but `Day`, so the
/// figures it gives are an independent account to compare the imported ledger against.
struct IBMRow {
    var client: String
    var number: String
    var issued: Day
    var due: Day
    var cents: Int64
    var disputed: Bool
    var settled: Day
    var daysLate: Int

    /// The data lives outside the repository (see its README for where it comes from): beside
    /// the main checkout, or beside the folder of worktrees.
    static let path: String = {
        let candidates = [ProcessInfo.processInfo.environment["DUE_IBM_CSV"], Repo.path("../shared/data/ibm-accounts-receivable.csv"), Repo.path("../../shared/data/ibm-accounts-receivable.csv")]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0) } ?? "ibm-accounts-receivable.csv"
    }()
    static var available: Bool { FileManager.default.fileExists(atPath: path) }

    /// Runs a test only when the data is there, and says why it was skipped when it is not.
    static var needed: ConditionTrait {
        .enabled(if: available, "the IBM data is missing: put ibm-accounts-receivable.csv in ../shared/data/ beside the checkout, or name it in DUE_IBM_CSV")
    }

    static func load() throws -> [IBMRow] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        func day(_ s: Substring) -> Day {
            let p = s.split(separator: "/").map { Int($0)! }
            return Day(year: p[2], month: p[0], day: p[1])!
        }
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let money = f[6].split(separator: ".", omittingEmptySubsequences: false)
            let cents = Int64(money[0])! * 100 + (money.count > 1 ? Int64(money[1].padding(toLength: 2, withPad: "0", startingAt: 0))! : 0)
            return IBMRow(client: String(f[1]), number: String(f[3]), issued: day(f[4]), due: day(f[5]), cents: cents, disputed: f[7] == "Yes", settled: day(f[8]), daysLate: Int(f[11])!)
        }
    }
}

func importCSV(_ text: String, _ configure: (inout CSVImportOptions) -> Void = { _ in }) -> Result<ImportResult, ImportError> {
    var options = CSVImportOptions()
    options.currency = Currency("USD")
    configure(&options)
    return CSVImporter.run(bytes: Array(text.utf8), options: options)
}

func records(_ text: String) -> [[String]] {
    var r = CSVReader(bytes: Array(text.utf8))
    var out: [[String]] = []
    while let rec = r.next() { out.append(rec.fields.map { r.text($0) }) }
    return out
}

@Suite struct ImportTests {
    // MARK: The IBM receivables history

    func importIBM() throws -> (LoadResult, [IBMRow]) {
        let bytes = try FileSystem.readFile(IBMRow.path)
        var options = CSVImportOptions()
        options.currency = Currency("USD")
        options.sourceName = "ibm-accounts-receivable.csv"
        let result = try CSVImporter.run(bytes: bytes, options: options).get()
        #expect(result.problems.isEmpty)
        return (LedgerLoader.load(bytes: Array(result.text.utf8), path: "ibm.due"), try IBMRow.load())
    }

    @Test(IBMRow.needed) func ibmImportPassesCheckCleanly() throws {
        let (load, rows) = try importIBM()
        let diagnostics = Checker.check(load, asOf: Day(year: 2014, month: 12, day: 31)!)
        #expect(diagnostics.isEmpty, "\(diagnostics.prefix(3).map(\.message))")
        #expect(load.ledger.invoices.count == 2466 && rows.count == 2466)
        #expect(load.ledger.clients.count == 100)
        // The CSV has ids only: no client line repeats its id as a name.
        #expect(load.ledger.clients.allSatisfy { $0.writtenName == nil })
        #expect(load.ledger.payments.count == 2466)
        #expect(load.ledger.notes.filter { !$0.disputes.isEmpty }.count == 561)
        #expect(load.ledger.notes.filter { !$0.resolutions.isEmpty }.count == 561)
        // Every due date is issue + 30: the terms sit on the clients, not on each invoice.
        #expect(load.ledger.clients.allSatisfy { $0.terms == Terms(netDays: 30) })
        #expect(load.ledger.invoices.allSatisfy { $0.explicitDue == nil })
        let total = load.ledger.invoices.reduce(Int64(0)) { $0 + $1.total }
        #expect(total == rows.reduce(0) { $0 + $1.cents })
        #expect(total == 14_770_318)
    }

    /// The README's IBM walkthrough shows what `due report --as-of 2013-06-30` prints: each line
    /// shown there is printed, in that order.
    @Test(IBMRow.needed) func readmeIBMReportIsWhatDuePrints() throws {
        let readme = try String(contentsOfFile: Repo.path("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let command = try #require(lines.firstIndex(of: "due report ibm.due --as-of 2013-06-30"))
        let open = try #require(lines[(command + 1)...].dropFirst().firstIndex { $0.hasPrefix("```") })
        let close = try #require(lines[(open + 1)...].firstIndex { $0.hasPrefix("```") })
        let shown = lines[(open + 1)..<close].filter { $0 != "…" }
        #expect(shown.count >= 5)
        let dir = try temporaryDirectory()
        let imported = try DueRun.run(["import", "csv", IBMRow.path, "--currency", "USD", "-o", dir + "/ibm.due"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let r = try DueRun.run(["report", "ibm.due", "--as-of", "2013-06-30"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let printed = r.stdout.split(separator: "\n").map(String.init)
        var at = 0
        for line in shown {
            guard let found = printed[at...].firstIndex(of: line) else {
                Issue.record("README shows a line due does not print: \(line)\n\(r.stdout)")
                return
            }
            at = found + 1
        }
    }

    /// Open at the end of day D: invoiced on or before D and settled after D (the payment dated
    /// on the settled day counts at the end of that day, as the engine's as-of dates do).
    @Test(IBMRow.needed, arguments: [Day(year: 2012, month: 12, day: 31)!, Day(year: 2013, month: 6, day: 30)!])
    func ibmAgingAtAPastDateMatchesTheCSV(_ date: Day) throws {
        let (load, rows) = try importIBM()
        let sheet = BalanceEngine.balances(load.ledger, asOf: date)
        let usd = Currency("USD")

        var expectedByClient: [String: Int64] = [:]
        var expectedBuckets = [Int64](repeating: 0, count: 5)
        for r in rows where r.issued <= date && date < r.settled {
            expectedByClient[r.client, default: 0] += r.cents
            expectedBuckets[bucket(date.days(since: r.due))] += r.cents
        }
        let actualByClient = sheet.clientBalances.filter { $0.value != 0 }
        #expect(actualByClient.count == expectedByClient.count)
        for (client, cents) in expectedByClient {
            #expect(actualByClient[ClientCurrency(client: client, currency: usd)] == cents, "client \(client) at \(date)")
        }

        var actualBuckets = [Int64](repeating: 0, count: 5)
        for (i, b) in sheet.invoices.enumerated() where b.issued && b.open != 0 {
            actualBuckets[bucket(date.days(since: load.ledger.invoices[i].due))] += b.open
        }
        #expect(actualBuckets == expectedBuckets)
        #expect(expectedBuckets.reduce(0, +) > 0)
    }

    /// Current, 1–30, 31–60, 61–90, over 90 days past due.
    func bucket(_ daysPastDue: Int) -> Int {
        switch daysPastDue {
        case ...0: 0
        case 1...30: 1
        case 31...60: 2
        case 61...90: 3
        default: 4
        }
    }

    @Test(IBMRow.needed) func ibmAverageDaysLatePerClientMatchesDaysLateColumn() throws {
        let (load, rows) = try importIBM()
        let sheet = BalanceEngine.balances(load.ledger, asOf: Checker.latestDate(load.ledger))
        // Means are equal when sums and counts are: compared exactly, no division.
        var expected: [String: (sum: Int, count: Int)] = [:]
        for r in rows { expected[r.client, default: (0, 0)].sum += r.daysLate; expected[r.client]!.count += 1 }
        var actual: [String: (sum: Int, count: Int)] = [:]
        for (i, b) in sheet.invoices.enumerated() {
            let inv = load.ledger.invoices[i]
            let settled = try #require(b.settled, "invoice \(inv.number) is settled in the data")
            actual[inv.client, default: (0, 0)].sum += max(0, settled.days(since: inv.due))
            actual[inv.client]!.count += 1
        }
        #expect(actual.count == 100)
        for (client, e) in expected {
            #expect(actual[client]?.sum == e.sum && actual[client]?.count == e.count, "client \(client)")
        }
    }

    // MARK: CSV reader

    @Test func csvReaderHandlesQuotesCommasAndEmbeddedNewlines() {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\n"
        #expect(records(text) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["last", "", ""]])
    }

    @Test func csvReaderSkipsByteOrderMarkAndBlankLinesAndNumbersLines() {
        var r = CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("h1,h2\n\n\"a\nb\",c\nd,e".utf8))
        let header = r.next()!
        #expect(r.text(header.fields[0]) == "h1" && header.line == 1)
        let second = r.next()!
        #expect(second.line == 3)
        #expect(second.fields[1].line == 4 && second.fields[1].column == 4)
        let third = r.next()!
        #expect(third.line == 5 && r.text(third.fields[1]) == "e")
        #expect(r.next() == nil)
    }

    @Test func csvReaderReportsUnclosedQuoteAndTextAfterQuote() {
        var r = CSVReader(bytes: Array("a,b\n\"x\"y,2\n3,\"open".utf8))
        _ = r.next()
        let bad = r.next()!
        #expect(bad.problem?.field == 0)
        #expect(r.text(bad.fields[1]) == "2")
        let unclosed = r.next()!
        #expect(unclosed.problem?.message.contains("never closed") == true)
        #expect(unclosed.problem?.field == 1)
    }

    @Test func csvReaderGuessesSemicolonDelimiter() {
        #expect(records("Rechnung;Kunde;Betrag\n1;\"a;b\";1.234,50\n") == [["Rechnung", "Kunde", "Betrag"], ["1", "a;b", "1.234,50"]])
    }

    // MARK: Mapping, dates and amounts

    @Test func headerNamesAreGuessedIgnoringCaseSpacesAndUnderscores() {
        let map = CSVColumnMap.guess(header: ["Invoice No.", "Customer", "invoice_date", "Due Date", "Amount", "Paid Date", "DISPUTED", "Notes"])
        #expect(map.columns[.invoice] == 0)
        #expect(map.columns[.client] == 1)
        #expect(map.columns[.issued] == 2)
        #expect(map.columns[.due] == 3)
        #expect(map.columns[.amount] == 4)
        #expect(map.columns[.paidDate] == 5)
        #expect(map.columns[.disputed] == 6)
        #expect(map.columns[.description] == nil)
    }

    @Test func mapOverridesTheGuessAndCanIgnoreAColumn() throws {
        let map = try CSVColumnMap.build(header: ["Ref", "Customer", "Date", "Amount", "Notes"], overrides: ["Ref=invoice", "notes=description", "Date=ignore"]).get()
        #expect(map.columns[.invoice] == 0)
        #expect(map.columns[.description] == 4)
        #expect(map.columns[.issued] == nil)
        #expect(map.explicit == [.invoice, .description])
        guard case .failure(let e) = CSVColumnMap.build(header: ["A"], overrides: ["B=client"]) else { Issue.record("expected failure"); return }
        #expect(e.message.contains("no column 'B'"))
    }

    @Test func dateFormatsParseAndGuessOnlyWhenUnambiguous() throws {
        #expect(CSVDateFormat(spec: "m/d/y")?.parse("1/26/2013") == Day(year: 2013, month: 1, day: 26))
        #expect(CSVDateFormat(spec: "D.M.YYYY")?.parse("26.01.2013") == Day(year: 2013, month: 1, day: 26))
        #expect(CSVDateFormat(spec: "y-m-d")?.parse("2013-01-26T00:00:00") == Day(year: 2013, month: 1, day: 26))
        #expect(CSVDateFormat(spec: "d/m/y")?.parse("31/2/2013") == nil)
        #expect(CSVDateFormat(spec: "q/m/y") == nil)

        let ambiguous = importCSV("invoice,client,date,amount\n1,a,3/4/2013,10\n")
        guard case .failure(let e) = ambiguous else { Issue.record("3/4/2013 should be ambiguous"); return }
        #expect(e.message.contains("--date-format"))
        let dayFirst = try importCSV("invoice,client,date,amount\n1,a,3/4/2013,10\n2,a,25/4/2013,10\n").get()
        #expect(dayFirst.dateFormat?.description == "d/m/y")
        #expect(dayFirst.text.contains("2013-04-03 invoice a 1"))
    }

    /// A month written as its English name, as spreadsheets often show dates (`05-Mar-2026`),
    /// is read where the format has the month, and only there.
    @Test func aMonthWrittenAsItsNameIsRead() throws {
        let f = try #require(CSVDateFormat(spec: "d-m-y"))
        #expect(f.parse("05-Mar-2026") == Day(year: 2026, month: 3, day: 5))
        #expect(f.parse("17-sept-2026") == Day(year: 2026, month: 9, day: 17))
        #expect(f.parse("1-December-2026") == Day(year: 2026, month: 12, day: 1))
        #expect(f.parse("05-Mrz-2026") == nil)
        #expect(f.parse("Mar-05-2026") == nil)
        #expect(f.read("31-Feb-2026") == .impossible("31 February 2026 does not exist"))
        let guessed = try importCSV("invoice,client,date,amount\n1,a,05-Mar-2026,10\n2,a,17-Sep-2026,10\n").get()
        #expect(guessed.dateFormat?.description == "d-m-y")
        #expect(guessed.text.contains("2026-09-17 invoice a 2"))
    }

    @Test func amountsAreReadInTheWaysSpreadsheetsWriteThem() {
        let usd = Currency("USD")
        func m(_ s: String) -> String {
            switch CSVImporter.money(s, usd) {
            case .success(let v): v.map(String.init) ?? "empty"
            case .failure: "unreadable"
            }
        }
        #expect(m("1,234.50") == "123450")
        #expect(m("1.234,50") == "123450")
        #expect(m("1234,5") == "123450")
        #expect(m("$ 1,234") == "123400")
        #expect(m("(12.00)") == "-1200")
        #expect(m("") == "empty")
        #expect(m("12.345") == "unreadable")
        #expect(m("N/A") == "unreadable")
        // Found by fuzzing: an amount of more than the 18 digits a ledger holds was written out
        // and the ledger then failed to read (E116).
        #expect(m("22,340,022,340,022,699.00") == "unreadable")
        #expect(m("99,999,999,999,999,999.99") == "unreadable")
        #expect(m("9,999,999,999,999,999.99") == "999999999999999999")
        #expect(m("-1,234.50 USD") == "-123450")
        #expect(m("USD 1 234,50") == "123450")
        #expect(m("1'234.50") == "123450")
        #expect(m("1,23,456.00") == "12345600")
        #expect(m(".50") == "50")
        #expect(m("$12") == "1200")
        // A sign of one currency is that currency, as a code is: `€12` is not 12 USD.
        #expect(m("€12") == "unreadable")
        // Found by reading what a careless cell became: each was once read as another number.
        for cell in ["1e3", "12abc", "12.3.4", "1,2,3", "--5", "1O0", "x7y", "1.5e2", "12,34,5", "(-5)", "1,,000", "5-5"] {
            #expect(m(cell) == "unreadable", "\(cell)")
        }
        // A code that is not the row's currency is refused, not booked in the row's.
        guard case .failure(let e) = CSVImporter.money("GBP 100", usd) else { Issue.record("GBP 100 read as USD"); return }
        #expect(e.message.contains("in GBP, not USD"))
    }

    /// An invoicing app's export names the client in a contact column and has no paid date:
    /// `ContactName` (Xero's) is taken as the client when no other column names one; another
    /// contact column is suggested; the messages say how to go on.
    @Test func anAppExportIsToldHowToGoOn() throws {
        let header = "ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,AmountPaid,Currency\n"
        let row = "Acme Ltd,INV-1,2026-03-01,2026-03-31,1200.00,100.00,GBP\n"
        let guessed = try importCSV(header + row).get()
        #expect(guessed.map.columns[.client] == 0)
        #expect(guessed.problems.first?.message.hasPrefix("an amount paid without a paid date: due needs the day the money came") == true)
        guard case .failure(let e) = importCSV("Attention,InvoiceNumber,InvoiceDate,Total\nAcme Ltd,INV-1,2026-03-01,1200.00\n", { _ in }) else { Issue.record("imported without a client column"); return }
        #expect(e.message.hasSuffix("e.g. --map 'Attention=client' if that column names the client"))
    }

    /// A problem's column counts characters, as ledger diagnostics do: `£` and `é` before the
    /// cell are one column each, not two.
    @Test func aProblemsColumnCountsCharacters() throws {
        let r = try importCSV("invoice,client,date,amount\nA1,Café,2026-02-01,£10.00,x\n") { $0.currency = Currency("GBP") }.get()
        #expect(r.problems.map(\.column) == [27])
    }

    /// More decimals than the currency has are refused even when they are zeros: under a
    /// decimal comma `1,000` is a thousand more often than one, and `1.000` under a point the
    /// same. Once read as 1.00 without a word.
    @Test func anAmountWithMoreDecimalsThanItsCurrencyIsRefusedEvenInZeros() throws {
        let comma = try importCSV("invoice,client,date,amount\nA1,a,2026-02-01,\"1,000\"\nA2,a,2026-02-02,\"1.500,50\"\n") { $0.currency = Currency("GBP") }.get()
        #expect(comma.problems.map(\.line) == [2])
        #expect(comma.problems.first?.message == "'1,000' has more decimals than GBP has (2): is it 1.00, or 1,000.00 with its thousands grouped? Write it with 2 decimals, so it reads one way only")
        #expect(!comma.text.contains("total  1.00\n"))
        let point = try importCSV("invoice,client,date,amount\nA1,a,2026-02-01,1.000\nA2,a,2026-02-02,12.5\n") { $0.currency = Currency("GBP") }.get()
        #expect(point.problems.map(\.line) == [2])
        // Two decimals in a currency of two read as ever.
        let fine = try importCSV("invoice,client,date,amount\nA1,a,2026-02-01,1.00\nA2,a,2026-02-02,\"1,000.00\"\n") { $0.currency = Currency("GBP") }.get()
        #expect(fine.problems.isEmpty)
        #expect(fine.text.contains("total  1,000.00"))
    }

    /// The first amount that shows its decimal mark sets it for the file: `1.500` beside
    /// `2.000,00` is fifteen hundred, and a cell written the other way is refused rather than
    /// read as a number a hundred or a thousand times off.
    @Test func aFileReadsEveryAmountWithTheDecimalMarkItsAmountsShow() throws {
        let comma = try importCSV("invoice,client,date,amount\n1,a,2026-01-02,\"2.000,00\"\n2,a,2026-01-03,1.500\n3,a,2026-01-04,\"12,50\"\n4,a,2026-01-05,\"1,234.50\"\n5,a,2026-01-06,1500\n") { $0.currency = Currency("EUR") }.get()
        #expect(comma.text.contains("2026-01-03 invoice a 2\n  total  1,500.00\n"), "\(comma.text)")
        #expect(comma.text.contains("2026-01-04 invoice a 3\n  total  12.50\n"))
        #expect(comma.problems.map(\.line) == [5])
        #expect(comma.problems.first?.message == "'1,234.50' does not write its decimals as this file's amounts do: they use a decimal comma, as '2.000,00' on line 2 does; correct the cell, or give the file one convention")
        // A point shown first: `12,50` is refused, `1,500` still groups.
        let point = try importCSV("invoice,client,date,amount\n1,a,2026-01-02,1234.5\n2,a,2026-01-03,\"1,500\"\n3,a,2026-01-04,\"12,50\"\n") { $0.currency = Currency("EUR") }.get()
        #expect(point.text.contains("total  1,500.00"))
        #expect(point.problems.map(\.line) == [4])
        #expect(point.problems.first?.message.contains("they use a decimal point, as '1234.5' on line 2 does") == true)
        // No amount shows its mark: each is read as before, a lone comma before three digits grouping.
        let neither = try importCSV("invoice,client,date,amount\n1,a,2026-01-02,\"1,500\"\n2,a,2026-01-03,1500\n") { $0.currency = Currency("EUR") }.get()
        #expect(neither.problems.isEmpty)
        #expect(!neither.text.contains("total  1.50"))
    }

    /// Dates with the month's name between spaces, as spreadsheets show them (`5 Jan 2026`,
    /// `January 5, 2026`), are read and guessed; `--date-format` names them as `d mon y` and
    /// `mon d, y`. A month in capitals is read whatever its letters (`05-OCT-2026`: its T
    /// once cut the date short, as the T before an ISO time does).
    @Test func datesWithTheMonthsNameBetweenSpacesAreRead() throws {
        let dmy = try #require(CSVDateFormat(spec: "d mon y"))
        #expect(dmy.description == "d mon y")
        #expect(dmy.parse("5 Jan 2026") == Day(year: 2026, month: 1, day: 5))
        #expect(dmy.parse("05  January 2026") == Day(year: 2026, month: 1, day: 5))
        #expect(dmy.parse("5 OCT 2026 10:30") == Day(year: 2026, month: 10, day: 5))
        #expect(dmy.parse("5 1 2026") == nil)
        #expect(dmy.parse("Jan 5 2026") == nil)
        #expect(dmy.read("30 Feb 2026") == .impossible("30 February 2026 does not exist"))
        let mdy = try #require(CSVDateFormat(spec: "mon d, y"))
        #expect(mdy.description == "mon d, y")
        #expect(CSVDateFormat(spec: "MMM D YYYY") == mdy)
        #expect(mdy.parse("January 5, 2026") == Day(year: 2026, month: 1, day: 5))
        #expect(mdy.parse("Sep 17 2026") == Day(year: 2026, month: 9, day: 17))
        #expect(mdy.parse("January, 5 2026") == nil)
        #expect(CSVDateFormat(spec: "d-m-y")?.parse("05-OCT-2026") == Day(year: 2026, month: 10, day: 5))
        #expect(CSVDateFormat(spec: "y-m-d")?.parse("2026-10-05T10:00:00") == Day(year: 2026, month: 10, day: 5))

        let guessed = try importCSV("invoice,client,date,amount\n1,a,5 Jan 2026,10\n2,a,\"17 September 2026\",10\n").get()
        #expect(guessed.dateFormat?.description == "d mon y")
        #expect(guessed.problems.isEmpty, "\(guessed.problems)")
        #expect(guessed.text.contains("2026-09-17 invoice a 2"))
        let american = try importCSV("invoice,client,date,amount\n1,a,\"January 5, 2026\",10\n2,a,\"Feb 28, 2026\",10\n").get()
        #expect(american.dateFormat?.description == "mon d, y")
        #expect(american.text.contains("2026-02-28 invoice a 2"))
        #expect(american.text.contains("; Dates were read as mon d, y."))
    }

    /// Dates in no format `due` reads are told so, with the formats it reads, rather than
    /// sent to a `--date-format` that cannot read them; two-digit years are told the format
    /// that would read them.
    @Test func datesInNoFormatItReadsAreToldSoPlainly() throws {
        guard case .failure(let none) = importCSV("invoice,client,date,amount\n1,a,5th January 2026,10\n") else { Issue.record("no format reads '5th January 2026'"); return }
        #expect(none.message.hasPrefix("the dates (such as '5th January 2026') are written in no format due reads, so no --date-format would read them; write them in one it reads: "), "\(none.message)")
        #expect(none.message.contains("d mon y: 5 Jan 2026"))
        guard case .failure(let short) = importCSV("invoice,client,date,amount\n1,a,05.01.26,10\n2,a,25.01.75,10\n") else { Issue.record("two-digit years are not guessed"); return }
        #expect(short.message == "the dates (such as '05.01.26') have two-digit years, which due reads only in a format you name: give it with --date-format 'd.m.y' (00–69 are read as 2000–2069, 70–99 as 1970–1999)")
    }

    /// A file with nothing under its header says so, not that it has no dates.
    @Test func aFileWithOnlyItsHeaderSaysItHasNoRows() {
        for csv in ["invoice,client,date,amount\n", "invoice,client,date,amount\n,,,\n\n"] {
            guard case .failure(let e) = importCSV(csv) else { Issue.record("imported \(csv)"); continue }
            #expect(e.message == "the file has no rows under its header line: no invoices to import")
        }
    }

    /// A date written otherwise than the file's others is told which format it is in, so a
    /// mix of formats is seen for what it is.
    @Test func aDateInAnotherFormatThanTheFilesSaysWhich() throws {
        let mixed = try importCSV("Invoice,Client,Date,Amount\nA1,Acme,15/01/2026,100.00\nA2,Acme,2026-01-20,100.00\n").get()
        #expect(mixed.problems.map(\.message) == ["'2026-01-20' is written y-m-d, not d/m/y, the format guessed from the file's other dates: write every date of the file one way (or name the format with --date-format)"])
        let nonsense = try importCSV("Invoice,Client,Date,Amount\nA1,Acme,15/01/2026,100.00\nA2,Acme,soon,100.00\n").get()
        #expect(nonsense.problems.map(\.message) == ["'soon' is not a date written as d/m/y"])
    }

    /// An amount naming another currency than the row's currency cell says that cell gave it,
    /// rather than asking for a currency column the row has.
    @Test func anAmountInAnotherCurrencyThanItsRowsCellSaysSo() throws {
        let result = try importCSV("Invoice,Client,Date,Amount,Currency\nA1,Acme,2026-01-06,€500.00,GBP\nA2,Acme,2026-01-06,€500.00,\n", { $0.currency = Currency("GBP") }).get()
        #expect(result.problems.map(\.message) == [
            "'€500.00' is in EUR, but the row's 'Currency' cell says GBP: correct whichever of the two is wrong",
            "'€500.00' is in EUR, not GBP: give the row's currency in a currency column",
        ])
    }

    /// An empty currency cell is never filled in unsaid: in a column that names one currency
    /// it is that one, and a note says so; in a column that names several it is a row that
    /// cannot be read; and the ledger's currency is never that of a row left out.
    @Test func anEmptyCurrencyCellIsSaidOrRefused() throws {
        let header = "Invoice,Client,Date,Amount,Currency\n"
        let one = try importCSV(header + "A2,Acme,2026-01-02,10.00,usd\nA3,Acme,2026-01-03,5,\n") { $0.currency = nil }.get()
        #expect(one.problems.isEmpty)
        #expect(one.notes == ["1 row with an empty 'Currency' cell was read as USD, the one currency the column names (line 3)"])
        #expect(one.text.contains("; 1 row with an empty 'Currency' cell was read as USD, the one currency the column names (line 3).\n"), "\(one.text)")
        let several = try importCSV(header + "A1,Acme,2026-01-01,10.00,EUR\nA2,Acme,2026-01-02,10.00,usd\nA3,Beta,2026-01-03,5,\n") { $0.currency = nil }.get()
        #expect(several.problems.map { "\($0.line):\($0.column) \($0.columnName ?? "") \($0.message)" } == [
            "4:22 Currency the currency is empty, and the column names more than one (EUR, USD): write the row's, or give --currency CODE for the rows with none",
        ])
        // What --skip-bad would write: the rows kept are in USD, and so is the ledger, not in
        // the EUR of the row left out.
        let skipped = try importCSV(header + "A1,Acme,2026-01-01,£10.00,EUR\nA2,Acme,2026-01-02,10.00,usd\nA3,Acme,2026-01-03,5,\n") { $0.currency = nil }.get()
        #expect(skipped.badLines == [2, 4])
        #expect(skipped.currency == Currency("USD"))
        #expect(skipped.text.contains("settings\n  currency  USD\n\nclient Acme\n\n2026-01-02 invoice Acme A2\n  total  10.00\n"), "\(skipped.text)")
        // The one currency named only on rows left out is no guide for the rest.
        let unnamed = importCSV(header + "A1,Acme,2026-01-01,£10.00,EUR\nA3,Acme,2026-01-03,5,\n") { $0.currency = nil }
        #expect(throws: ImportError.self) { try unnamed.get() }
        if case .failure(let e) = unnamed {
            #expect(e.message == "the column 'Currency' names EUR only on rows left out: say which currency the 1 row with an empty cell is in with --currency CODE")
        }
        // --currency says what an empty cell is in: no note.
        let given = try importCSV(header + "A1,Acme,2026-01-01,10.00,EUR\nA2,Acme,2026-01-02,10.00,usd\nA3,Beta,2026-01-03,5,\n") { $0.currency = Currency("GBP") }.get()
        #expect(given.problems.isEmpty && given.notes.isEmpty)
        #expect(given.text.contains("settings\n  currency  GBP\n"), "\(given.text)")
        #expect(given.text.contains("2026-01-03 invoice Beta A3\n  total  5.00\n"), "\(given.text)")
    }

    /// A column named just `Paid` is the paid date when it holds dates, beside `Paid Amount`
    /// or alone; holding amounts, it is the amount paid, as before.
    @Test func aPaidColumnOfDatesIsThePaidDate() throws {
        let beside = try importCSV("Invoice,Client,Issued,Amount,Paid,Paid Amount\nA1,Acme,2026-01-05,100.00,2026-02-10,40.00\n").get()
        #expect(beside.map.columns[.paidDate] == 4 && beside.map.columns[.paidAmount] == 5)
        #expect(beside.problems.isEmpty, "\(beside.problems)")
        #expect(beside.text.contains("2026-02-10 payment Acme 40.00"), "\(beside.text)")
        let alone = try importCSV("Invoice,Client,Issued,Amount,Paid\nA1,Acme,2026-01-05,100.00,\nA2,Acme,2026-01-06,50.00,2026-02-10\n").get()
        #expect(alone.map.columns[.paidDate] == 4 && alone.map.columns[.paidAmount] == nil)
        #expect(alone.text.contains("2026-02-10 payment Acme 50.00"), "\(alone.text)")
        let amounts = try importCSV("Invoice,Client,Issued,Amount,Paid,Paid On\nA1,Acme,2026-01-05,100.00,100.00,2026-02-01\n").get()
        #expect(amounts.map.columns[.paidAmount] == 4 && amounts.map.columns[.paidDate] == 5)
        let told = try importCSV("Invoice,Client,Issued,Amount,Paid\nA1,Acme,2026-01-05,100.00,2026-02-01\n", { $0.overrides = ["Paid=ignore"] }).get()
        #expect(told.map.columns[.paidDate] == nil && told.payments == 0)
    }

    /// `--map` with a field or column misspelt suggests the one meant, as the README promises.
    @Test func aMisspeltMapIsToldTheNearestName() {
        func refusal(_ map: String) -> String {
            guard case .failure(let e) = importCSV("Rechnungsnummer,Kunde,Datum,Betrag\nR1,a,2026-01-05,10.00\n", { $0.overrides = [map] }) else { return "" }
            return e.message
        }
        #expect(refusal("Rechnungsnummer=invoic").hasPrefix("--map: unknown field 'invoic' (did you mean 'invoice'?); fields are invoice, client,"))
        #expect(refusal("Kunde=customer").hasPrefix("--map: unknown field 'customer' (did you mean 'client'?)"))
        #expect(refusal("Rechnungsnumer=invoice") == "--map: no column 'Rechnungsnumer' in the header (Rechnungsnummer, Kunde, Datum, Betrag); did you mean 'Rechnungsnummer'?")
    }

    /// A row with more cells than the header, most likely `1,500.00` unquoted, is a problem
    /// (it would be read as 1.00); empty cells after the last column are not.
    @Test func aRowWithMoreCellsThanTheHeaderIsNotRead() throws {
        let split = try importCSV("invoice,client,issued,amount\n1,a,2026-01-01,1,500.00\n").get()
        #expect(split.problems.count == 1)
        #expect(split.problems.first?.message.contains("5 cells where the header names 4") == true, "\(split.problems)")
        // Pointed at the amount to quote.
        #expect(split.problems.first?.column == 16)
        #expect(split.problems.first?.columnName == "amount")
        let trailing = try importCSV("invoice,client,issued,amount\n1,a,2026-01-01,1500.00,,\n").get()
        #expect(trailing.problems.isEmpty, "\(trailing.problems)")
        #expect(trailing.text.contains("total  1,500.00"))
    }

    /// An unquoted `1,500.00` is never read as 1.00: not when its second part falls in a
    /// column left out, nor when the row's extra cells are empty ones after it, nor when the
    /// row is as wide as the header; where it lands in a column read (a paid date) the row is
    /// told to quote the amount, not that `500.00` is no date. Padding commas after a row
    /// whose amounts are whole, and two figures side by side, are still read.
    @Test func anAmountSplitAtAnUnquotedCommaIsNeverReadAsItsFirstPart() throws {
        func problems(_ csv: String) throws -> [ImportProblem] { try importCSV(csv).get().problems }
        // The stray cell in a column not imported, the row's last cells empty.
        let unmapped = try importCSV("Invoice,Client,Issued,Amount,Notes,Reference\nA1,Acme,2026-01-05,1,500.00,,\nA2,Acme,2026-01-06,200.00,,\n").get()
        #expect(unmapped.problems.map(\.line) == [2], "\(unmapped.problems)")
        #expect(unmapped.problems.first?.message == "this row has 7 cells where the header names 6: 1,500.00 written without quotes is split at its comma into '1' and '500.00' (the next read as column 'Notes'), so it would be read as 1: put the cell in quotes (\"1,500.00\")")
        #expect(unmapped.invoices == 1)
        #expect(!unmapped.text.contains("total  1.00"))
        // The stray cell in a column read: the quoting is what is wrong.
        let mapped = try problems("Invoice,Client,Issued,Amount,Paid Date,Terms\nA1,Acme,2026-01-05,1,500.00,,\nA2,Acme,2026-01-06,200.00,,\n")
        #expect(mapped.count == 1 && mapped[0].message.contains("put the cell in quotes (\"1,500.00\")"), "\(mapped)")
        #expect(!mapped.contains { $0.message.contains("not a date") })
        // As wide as the header: the `500.00` would stand in the notes.
        let asWide = try problems("Invoice,Client,Issued,Amount,Notes\nA1,Acme,2026-01-05,1,500.00\n")
        #expect(asWide.count == 1 && asWide[0].message.contains("split at its comma into '1' and '500.00'"), "\(asWide)")
        // Amid empty columns, as in a sheet with due dates and payments (the user's bad.csv).
        let amid = try problems("Invoice,Client,Issued,Due,Amount,Paid,Paid Amount,Terms\nA7,Beta,2026-01-09,,1,500.00,,,\n")
        #expect(amid.count == 1 && amid[0].columnName == "Amount", "\(amid)")
        // Groups of a million, and with a currency sign.
        let million = try problems("invoice,client,issued,amount,notes\n1,a,2026-01-01,$1,234,567.00,\n")
        #expect(million.first?.message.contains("$1,234,567.00 written without quotes") == true, "\(million)")
        // Still read: padding after whole amounts, and two figures side by side.
        #expect(try problems("invoice,client,issued,amount,notes\n1,a,2026-01-01,1500.00,,,\n").isEmpty)
        #expect(try problems("invoice,client,issued,amount,notes\n1,a,2026-01-01,500,100\n").isEmpty)
        #expect(try problems("invoice,client,issued,amount,paid date,paid amount\n1,a,2026-01-01,100,2026-01-05,100.00\n").isEmpty)
        #expect(try problems("invoice;client;issued;amount;notes\n1;a;2026-01-01;1;500.00\n").isEmpty)
    }

    /// A spreadsheet saved as Latin-1 is refused row by row, not read with each accented
    /// letter turned into U+FFFD (which made `Müller` and `Möller` one client).
    @Test func cellsThatAreNotUTF8AreNotRead() throws {
        var bytes = Array("invoice,client,issued,amount\n1,M".utf8) + [0xFC] + Array("ller,2026-01-01,10.00\n2,M".utf8) + [0xF6] + Array("ller,2026-01-02,20.00\n3,Muller,2026-01-03,30.00\n".utf8)
        var options = CSVImportOptions()
        options.currency = Currency("USD")
        let r = try CSVImporter.run(bytes: bytes, options: options).get()
        #expect(r.problems.map(\.line) == [2, 3])
        #expect(r.problems.allSatisfy { $0.message.contains("not UTF-8") && $0.column == 3 })
        bytes = Array("invoice,client,issued,amount\n1,Müller,2026-01-01,10.00\n".utf8)
        #expect(try CSVImporter.run(bytes: bytes, options: options).get().problems.isEmpty)
    }

    /// A client's email and contact columns reach its entry: the first a row gives for it, so
    /// its letters can go as email. The ledger written checks clean.
    @Test func emailAndContactColumnsReachTheClient() throws {
        let csv = """
            Invoice No,Customer,Contact Name,Email,Invoice Date,Due Date,Total
            A-1,Acme Ltd,,,2026-01-05,2026-02-04,100.00
            A-2,Acme Ltd,Jane Doe,ap@acme.example,2026-02-05,2026-03-07,200.00
            B-1,Beta Co,,beta@beta.example,2026-01-10,2026-02-09,50.00

            """
        let result = try importCSV(csv).get()
        #expect(result.map.columns[.email] == 3 && result.map.columns[.contact] == 2)
        #expect(result.text.contains("client acme-ltd Acme Ltd\n  contact  Jane Doe\n  email    ap@acme.example\n"))
        #expect(result.text.contains("client beta-co Beta Co\n  email  beta@beta.example\n"))
        let load = LedgerLoader.load(bytes: Array(result.text.utf8), path: "imported.due")
        #expect(Checker.check(load, asOf: Day.parse("2026-03-31")!).isEmpty)
        #expect(load.ledger.client("acme-ltd")?.email == "ap@acme.example")
    }

    // MARK: The ledger written

    @Test func importWritesCanonicalEntriesInDateOrder() throws {
        let csv = """
            Invoice #,Customer Name,Invoice Date,Due Date,Total,Currency,Paid Date,Amount Paid,Disputed,Description
            A-2,Acme Widgets Ltd,2026-03-05,2026-03-19,"1,200.00",GBP,2026-03-20,,yes,"Design; phase 2"
            A-1,Acme Widgets Ltd,2026-03-01,2026-03-15,80,GBP,,,no,
            B-1,Zeta & Co,2026-03-02,2026-04-01,99.5,EUR,2026-03-10,50,no,Hosting

            """
        let result = try importCSV(csv) { $0.currency = nil; $0.sourceName = "sales.csv" }.get()
        #expect(result.text == """
            ; Imported by `due import csv` from sales.csv:
            ; 3 invoices of 2 clients, 2 payments, 1 dispute.
            ; Columns: invoice <- Invoice #, client <- Customer Name, issued <- Invoice Date, due <- Due Date, amount <- Total, currency <- Currency, paid-date <- Paid Date, paid-amount <- Amount Paid, disputed <- Disputed, description <- Description.
            ; Dates were read as y-m-d.
            ; The spreadsheet says an invoice was disputed, not when: each dispute is dated on its
            ; invoice date and, once the invoice was paid in full, resolved on the day it was paid.

            settings
              currency  GBP

            client acme-widgets-ltd Acme Widgets Ltd
              terms  net 14

            client zeta-co Zeta & Co
              terms  net 30

            2026-03-01 invoice acme-widgets-ltd A-1
              total  80.00

            2026-03-02 invoice zeta-co B-1
              for       Hosting
              currency  EUR
              total     99.50

            2026-03-05 invoice acme-widgets-ltd A-2
              for    Design; phase 2
              total  1,200.00

            2026-03-05 note acme-widgets-ltd file
              dispute  A-2 marked disputed in the spreadsheet

            2026-03-10 payment zeta-co 50.00 EUR
              apply  B-1

            2026-03-20 payment acme-widgets-ltd 1,200.00
              apply  A-2

            2026-03-20 note acme-widgets-ltd file
              resolved  A-2 paid in full

            """)
        let load = LedgerLoader.load(bytes: Array(result.text.utf8), path: "sales.due")
        #expect(Checker.check(load, asOf: Day(year: 2026, month: 12, day: 31)!).isEmpty)
        let sheet = BalanceEngine.balances(load.ledger, asOf: Day(year: 2026, month: 12, day: 31)!)
        #expect(sheet.clientBalances[ClientCurrency(client: "zeta-co", currency: Currency("EUR"))] == 4950)
    }

    /// A large import is printed a piece at a time: the pieces, each ending after a whole
    /// entry, join to the text in one piece, which is already as `due fmt` prints it.
    @Test func theLedgerPrintedInPiecesIsTheWholeText() throws {
        var csv = "Invoice,Client,Invoice Date,Due Date,Amount,Currency,Paid Date,Amount Paid,Disputed,Description\n"
        for k in 1...300 {
            let day = String(format: "2026-%02d-%02d", k % 12 + 1, k % 28 + 1)
            let amount = k % 17 == 0 ? "-\(k),5" : "\(k * 3),\(k % 10)0"
            let paid = k % 3 == 0 && k % 17 != 0 ? "2027-01-\(String(format: "%02d", k % 28 + 1))" : ""
            let disputed = k % 5 == 0 && k % 17 != 0 ? "yes" : "no"
            csv += "N-\(k),Client \(k % 23),\(day),,\"\(amount)\",\(k % 7 == 0 ? "EUR" : "GBP"),\(paid),,\(disputed),Work \(k % 4 == 0 ? "" : "item \(k)")\n"
        }
        let result = try importCSV(csv) { $0.currency = Currency("GBP") }.get()
        #expect(result.problems.isEmpty)
        #expect(result.credits > 0 && result.payments > 0 && result.disputes > 0)
        var pieces: [[UInt8]] = []
        result.write(pieceSize: 150) { pieces.append($0) }
        #expect(pieces.count > 50)
        #expect(pieces.allSatisfy { $0.last == 0x0A })
        let joined = pieces.flatMap { $0 }
        #expect(String(decoding: joined, as: UTF8.self) == result.text)
        #expect(LedgerFormatter.format(joined) == joined)
        let load = LedgerLoader.load(bytes: joined, path: "pieces.due")
        #expect(result.invoices + result.credits == 300)
        #expect(load.ledger.invoices.count == result.invoices)
    }

    /// The guess reads on while the day and month could be either way round, and stops
    /// changing once one format has read every date: a later date in another is a problem of
    /// its row, not a reason to guess again.
    @Test func theDateGuessReadsOnUntilTheOrderIsSettled() throws {
        var csv = "invoice,client,date,amount\n"
        for k in 1...300 { csv += "\(k),a,\(k % 12 + 1)/\(k % 9 + 1)/2013,10\n" }
        let late = try importCSV(csv + "301,a,25/4/2013,10\n").get()
        #expect(late.dateFormat?.description == "d/m/y")
        #expect(late.problems.isEmpty)
        guard case .failure = importCSV(csv) else { Issue.record("300 dates with days of 12 or less should be ambiguous"); return }

        let settled = try importCSV("invoice,client,date,amount\n1,a,25/4/2013,10\n2,a,3/4/2013,10\n3,a,4/25/2013,10\n").get()
        #expect(settled.dateFormat?.description == "d/m/y")
        #expect(settled.problems.map { "\($0.line) \($0.columnName ?? "")" } == ["4 date"])
        #expect(settled.text.contains("2013-04-03 invoice a 2"))
    }

    /// A date the file's format does not read, which reads either way round (`05/03/2026`), is
    /// not said to be m/d/y, the first way tried: "'05/03/2026' is written m/d/y, not y-m-d as
    /// the file's dates are read" claimed what the date cannot tell. The problem names both
    /// readings, the format the file was read in and whether it was guessed or named, and the
    /// flag that chooses; a date only one way reads is still named in it.
    @Test func aDateEitherWayRoundIsNotSaidToBeOneOfThem() throws {
        let guessed = try importCSV("invoice,client,date,amount\n1,a,2026-03-01,10\n2,a,05/03/2026,10\n3,a,03/13/2026,10\n").get()
        #expect(guessed.problems.map(\.message) == [
            "'05/03/2026' is not written y-m-d, the format guessed from the file's other dates; it could be m/d/y (3 May 2026) or d/m/y (5 March 2026), as nothing in it tells the day from the month: write every date of the file one way (if all are written as this one is, say which way with --date-format m/d/y or d/m/y)",
            "'03/13/2026' is written m/d/y, not y-m-d, the format guessed from the file's other dates: write every date of the file one way (or name the format with --date-format)",
        ])
        let named = try importCSV("invoice,client,date,amount\n1,a,05/03/2026,10\n", { $0.dateFormat = CSVDateFormat(spec: "d.m.y") }).get()
        #expect(named.problems.map(\.message) == [
            "'05/03/2026' is not written d.m.y, the format --date-format names; it could be m/d/y (3 May 2026) or d/m/y (5 March 2026), as nothing in it tells the day from the month: write every date of the file one way, and name that one with --date-format m/d/y or d/m/y",
        ])
        // With no format named, dates that all read either way are refused, each reading shown.
        guard case .failure(let e) = importCSV("invoice,client,date,amount\n1,a,05/03/2026,10\n2,a,07/04/2026,10\n") else {
            Issue.record("dates with days and months of 12 or less should be ambiguous")
            return
        }
        #expect(e.message == "the dates could be read as m/d/y or d/m/y ('05/03/2026' is 3 May 2026 read as m/d/y, 5 March 2026 read as d/m/y), as no date in the file tells the day from the month; say which with --date-format m/d/y or d/m/y")
    }

    @Test func unreadableRowsAreReportedWithLineAndColumn() throws {
        let csv = "invoice,client,date,amount,paid date\n1,a,2026-01-02,10,\n2,a,2026-13-01,10,\n1,b,2026-01-03,5,\n3,,2026-01-04,5,\n4,a,2026-01-05,abc,\n5,a,2026-01-05,5,2026-01-01\n"
        let result = try importCSV(csv).get()
        #expect(result.problems.map { "\($0.line):\($0.column) \($0.columnName ?? "")" } == ["3:5 date", "4:1 invoice", "5:3 client", "6:16 amount", "7:18 paid date"])
        #expect(result.invoices == 1)
        #expect(result.text.contains("5 rows could not be read and were left out (lines 3, 4, 5, 6, 7)"))
    }

    /// Every problem of a row is listed, not only the first, and each row counts once.
    @Test func everyProblemOfARowIsListed() throws {
        let result = try importCSV("invoice,client,date,amount\n1,a,2026-01-02,10\n2,,nonsense,abc\n").get()
        #expect(result.problems.map { "\($0.line):\($0.column) \($0.columnName ?? "")" } == ["3:3 client", "3:4 date", "3:13 amount"])
        #expect(result.badLines == [3])
        #expect(result.text.contains("; 1 row could not be read and was left out (line 3).\n"))
    }

    /// A date in the right shape naming no real day says so, rather than "not a date".
    @Test func anImpossibleDayIsNamedAsSuch() throws {
        let result = try importCSV("invoice,client,date,amount\n1,a,31/02/2026,10\n2,a,1/13/2026,10\n", { $0.dateFormat = CSVDateFormat(spec: "d/m/y") }).get()
        #expect(result.problems.map(\.message) == ["'31/02/2026' is a d/m/y date, but 31 February 2026 does not exist", "'1/13/2026' is a d/m/y date, but there is no month 13"])
    }

    /// Terms typed with a space left out or a word too many (`net30`, `NET-30`, `2/10net30`,
    /// `net 30 days`) are written as the terms they plainly are, and the summary says how many
    /// were mended, with the first; terms in the format's own words in another case (`Net 30`)
    /// are read, not mended; what no mending reads is still a problem.
    @Test func termsTypedLooselyAreMendedAndCounted() throws {
        let result = try importCSV("""
            invoice,client,date,amount,terms
            1,a,2026-01-02,10,net30
            2,a,2026-01-03,10,Net 30
            3,a,2026-01-04,10,NET-30
            4,a,2026-01-05,10,2/10net30
            5,a,2026-01-06,10,net 30 days

            """).get()
        #expect(result.problems.isEmpty)
        #expect(result.termsMended == 4)
        #expect(result.summary == "5 invoices of 1 client, 0 payments, 0 disputes, terms mended on 4 invoices ('net30' read as net 30)")
        #expect(result.text.contains("; 5 invoices of 1 client, 0 payments, 0 disputes, terms mended on 4 invoices ('net30' read as net 30).\n"))
        let load = LedgerLoader.load(bytes: Array(result.text.utf8), path: "t.due")
        #expect(load.ledger.invoices.map { $0.terms?.description } == ["net 30", "net 30", "net 30", "2/10 net 30", "net 30"])
        let bad = try importCSV("invoice,client,date,amount,terms\n1,a,2026-01-02,10,net thirty\n").get()
        #expect(bad.problems.map(\.message) == ["'net thirty' is not terms such as net 30, 2/10 net 30 or eom"])
    }

    @Test func countsInTheSummaryAgreeWithTheirNouns() throws {
        let one = try importCSV("invoice,client,date,amount,paid date\n1,a,2026-01-02,10,2026-01-05\n").get()
        #expect(one.summary == "1 invoice of 1 client, 1 payment, 0 disputes")
        #expect(one.text.contains("; 1 invoice of 1 client, 1 payment, 0 disputes.\n"))
        let two = try importCSV("invoice,client,date,amount\n1,a,2026-01-02,10\n2,b,2026-01-02,10\n").get()
        #expect(two.summary == "2 invoices of 2 clients, 0 payments, 0 disputes")
    }

    /// A negative amount is a credit note: written as a `credit` with its number, which pays
    /// the client's open invoices like any credit.
    @Test func negativeAmountsAreCreditNotes() throws {
        let csv = "invoice,client,date,amount,description\nA-1,acme,2026-01-02,100.00,Design\nCN-1,acme,2026-01-10,(30.00),Refund for a late delivery\nCN-2,acme,2026-01-11,-20.00,\n"
        let result = try importCSV(csv).get()
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.invoices == 1 && result.credits == 2)
        #expect(result.text.contains("2026-01-10 credit acme 30.00\n  number  CN-1\n  reason  Refund for a late delivery\n"), "\(result.text)")
        #expect(result.text.contains("2026-01-11 credit acme 20.00\n  number  CN-2\n"))
        let load = LedgerLoader.load(bytes: Array(result.text.utf8), path: "t.due")
        let day = Day(year: 2026, month: 2, day: 1)!
        #expect(Checker.check(load, asOf: day).isEmpty)
        #expect(BalanceEngine.balances(load.ledger, asOf: day).clientBalances[ClientCurrency(client: "acme", currency: Currency("USD"))] == 5000)
        // A credit note is not paid or disputed: those would have to be guessed at.
        let paid = try importCSV("invoice,client,date,amount,paid date\nCN-1,acme,2026-01-10,-30.00,2026-01-12\n").get()
        #expect(paid.problems.map(\.message) == ["a credit note (negative amount) is not paid; leave its paid date empty"])
    }

    /// Two-digit years are read when the format is given (00–69 as 2000s), never guessed.
    @Test func twoDigitYearsWithADateFormat() throws {
        let csv = "invoice,client,date,amount\n1,a,15/03/26,10\n2,a,31/12/99,10\n"
        let given = try importCSV(csv, { $0.dateFormat = CSVDateFormat(spec: "d/m/y") }).get()
        #expect(given.problems.isEmpty, "\(given.problems)")
        #expect(given.text.contains("2026-03-15 invoice a 1\n"))
        #expect(given.text.contains("1999-12-31 invoice a 2\n"))
        guard case .failure(let e) = importCSV(csv) else {
            Issue.record("two-digit years were guessed")
            return
        }
        #expect(e.message.contains("'15/03/26'") && e.message.contains("--date-format"), "\(e.message)")
    }

    /// Values that clean up to one id but differ in more than case and spacing (`a-b`, `A B`)
    /// stay apart, and the import says so, since they may be one client.
    @Test func clientsThatCleanUpToTheSameIdStayApart() throws {
        let result = try importCSV("invoice,client,date,amount\n1,A B,2026-01-02,10\n2,a-b,2026-01-02,10\n3,a & b,2026-01-02,10\n").get()
        #expect(result.text.contains("client a-b\n"))
        #expect(result.text.contains("client a-b-2 A B\n"))
        #expect(result.text.contains("client a-b-3 a & b\n"))
        #expect(result.notes == [
            "clients 'A B' and 'a-b' differ in more than case or spacing: kept apart as a-b-2 and a-b; if they are one client, write them alike in the spreadsheet",
            "clients 'a & b' and 'a-b' differ in more than case or spacing: kept apart as a-b-3 and a-b; if they are one client, write them alike in the spreadsheet",
        ])
        #expect(result.text.contains("; Clients 'A B' and 'a-b' differ in more than case or spacing"))
        let load = LedgerLoader.load(bytes: Array(result.text.utf8), path: "t.due")
        #expect(load.diagnostics.isEmpty)
    }

    /// A client written with a space too many or in another case (`Acme  Ltd`, `ACME LTD`) is
    /// the client first written `Acme Ltd`, not a second `Acme Ltd` beside it; the import
    /// says which spellings it read as one. Its name, email and contact columns follow it.
    @Test func clientsWrittenInAnotherCaseOrSpacingAreOne() throws {
        let result = try importCSV("Invoice,Client,Date,Amount,Email\nA1,Acme Ltd,2026-01-05,10.00,\nA2,ACME LTD,2026-01-06,20.00,ap@acme.test\nA3,Acme Ltd ,2026-01-07,30.00,\nA4,Acme  Ltd,2026-01-08,40.00,\nA5,Beta,2026-01-09,50.00,\n").get()
        #expect(result.clients == 2)
        let clients = result.text.split(separator: "\n").filter { $0.hasPrefix("client ") }
        #expect(clients == ["client Beta", "client acme-ltd Acme Ltd"], "\(result.text)")
        #expect(result.text.contains("2026-01-08 invoice acme-ltd A4"))
        #expect(result.text.contains("  email  ap@acme.test"))
        #expect(result.notes == ["'Acme Ltd', 'ACME LTD' and 'Acme  Ltd' differ only in case or spacing: read as one client, acme-ltd"])
        let load = LedgerLoader.load(bytes: Array(result.text.utf8), path: "t.due")
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics.map(\.message))")
    }

    @Test func namesBeyondASCIIKeepTheirLettersInTheirIds() throws {
        // A decomposed ü (u and a combining diaeresis) keeps its mark; CJK and Greek letters are
        // letters too. Only the space and the punctuation become dashes.
        let result = try importCSV("invoice,client,date,amount\n1,Müller GmbH,2026-01-02,10\n2,Mu\u{0308}ller & Söhne,2026-01-02,10\n3,Ωmega Ltd.,2026-01-02,10\n4,株式会社 山田,2026-01-02,10\n").get()
        #expect(result.text.contains("client müller-gmbh Müller GmbH\n"), "\(result.text)")
        // Byte for byte, as ids compare: Swift's `contains` would match either spelling.
        let lines = result.text.utf8.split(separator: 0x0A).map { Array($0) }
        #expect(lines.contains(Array("client mu\u{0308}ller-s\u{00F6}hne Mu\u{0308}ller & S\u{00F6}hne".utf8)), "\(result.text)")
        #expect(result.text.contains("client ωmega-ltd Ωmega Ltd.\n"), "\(result.text)")
        #expect(result.text.contains("client 株式会社-山田 株式会社 山田\n"), "\(result.text)")
        let load = LedgerLoader.load(bytes: Array(result.text.utf8), path: "t.due")
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics.map(\.message))")
    }

    // MARK: The command

    @Test func importCommandWritesNothingWhenRowsAreBadUnlessSkipBad() throws {
        let dir = try temporaryDirectory()
        let csv = dir + "/in.csv", out = dir + "/out.due"
        try "invoice,client,date,amount\n1,a,2026-01-02,10\n2,a,bad,10\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let refused = try DueRun.run(["import", "csv", csv, "--currency", "GBP", "-o", out])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("in.csv:3:5: error (column 'date'): 'bad' is not a date written as y-m-d"))
        #expect(!FileManager.default.fileExists(atPath: out))

        let skipped = try DueRun.run(["import", "csv", csv, "--currency", "GBP", "-o", out, "--skip-bad"])
        #expect(skipped.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("2026-01-02 invoice a 1"))

        let again = try DueRun.run(["import", "csv", csv, "--currency", "GBP", "-o", out, "--skip-bad"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
        #expect(try DueRun.run(["import", "csv", csv, "--currency", "GBP", "-o", out, "--skip-bad", "--force"]).status == 0)
    }

    /// A header that names its currency in brackets is its field's (`Amount (GBP)` is the
    /// amount), and, with no currency column or `--currency`, gives the amounts' currency;
    /// `--currency` saying another is refused rather than either taken.
    @Test func aHeaderNamingItsCurrencyInBracketsIsItsField() throws {
        let map = CSVColumnMap.guess(header: ["Invoice", "Customer", "Date", "Amount (GBP)", "Amount paid [£]"])
        #expect(map.columns[.amount] == 3 && map.columns[.paidAmount] == 4)
        let csv = "Invoice,Customer,Date,Amount (GBP)\nA1,acme,2026-01-02,\"1,200.00\"\n"
        let r = try importCSV(csv) { $0.currency = nil }.get()
        #expect(r.currency == Currency("GBP") && r.currencyFrom == "the header 'Amount (GBP)'")
        #expect(r.text.contains("; Amounts are in GBP, from the header 'Amount (GBP)'.\n") && r.text.contains("  total  1,200.00\n"))
        #expect(try importCSV(csv.replacingOccurrences(of: "(GBP)", with: "(€)")) { $0.currency = nil }.get().currency == Currency("EUR"))
        guard case .failure(let e) = importCSV(csv) else { Issue.record("--currency USD taken over the header's GBP"); return }
        #expect(e.message == "the column 'Amount (GBP)' says its amounts are in GBP, not USD as --currency says: give the one they are in")
        // A currency column says each row's.
        let perRow = try importCSV("Invoice,Customer,Date,Amount (GBP),Currency\nA1,acme,2026-01-02,10.00,EUR\n") { $0.currency = nil }.get()
        #expect(perRow.currency == Currency("EUR") && perRow.currencyFrom == nil)
        // The command says where the currency came from, as it says how dates were read.
        let csvFile = try temporaryDirectory() + "/in.csv"
        try csv.write(toFile: csvFile, atomically: true, encoding: .utf8)
        let run = try DueRun.run(["import", "csv", csvFile])
        #expect(run.status == 0 && run.stderr.contains("  amounts read as GBP, from the header 'Amount (GBP)'\n"), "\(run.stderr)")
        #expect(try DueRun.run(["help", "import"]).stdout.contains("Amount (GBP)"))
    }

    /// With no currency column or `--currency`, amounts that all write one currency beside
    /// them give it; `$` (the sign of several), two currencies, or a currency beside only some
    /// amounts are asked about, naming what was found.
    @Test func amountsAllWrittenWithOneCurrencyGiveIt() throws {
        func currency(_ cells: [String]) -> Result<ImportResult, ImportError> {
            importCSV("Invoice,Customer,Date,Amount\n" + cells.enumerated().map { "A\($0.offset),acme,2026-01-02,\"\($0.element)\"\n" }.joined()) { $0.currency = nil }
        }
        let pounds = try currency(["£1,200.00", "£ 15.50", "(£3.00)", ""]).get()
        #expect(pounds.currency == Currency("GBP") && pounds.currencyFrom == "the £ every amount is written with")
        #expect(pounds.text.contains("  total  1,200.00\n"))
        #expect(try currency(["1.200,00 €", "12,50 €"]).get().currency == Currency("EUR"))
        #expect(try currency(["EUR 12.00", "€3.00"]).get().currency == Currency("EUR"))
        func refusal(_ cells: [String]) -> String {
            guard case .failure(let e) = currency(cells) else { return "imported" }
            return e.message
        }
        #expect(refusal(["$1,200.00", "$5.00"]) == "the amounts are written with $, which more than one currency writes: say which currency the amounts are in with --currency CODE (e.g. --currency USD)")
        #expect(refusal(["£1,200.00", "€5.00"]) == "the amounts are written with more than one currency (£, €): give each row's currency in a currency column, or say which currency the amounts are in with --currency CODE")
        #expect(refusal(["£1,200.00", "5.00"]) == "some amounts are written with £ ('£1,200.00' on line 2) and some with no currency ('5.00' on line 3): say which currency the amounts are in with --currency CODE (e.g. --currency GBP)")
        #expect(refusal(["1,200.00"]).hasPrefix("no currency column: say which currency the amounts are in with --currency CODE"))
    }

    /// A status column mapped to `disputed` reads the words a status says: disputed ones as
    /// disputed, open, sent, paid and the like as not; a word that says neither is refused with
    /// the words that are read, which `due help import` lists too.
    @Test func aStatusColumnIsReadForDisputes() throws {
        var csv = "Invoice,Customer,Date,Amount,Status\n"
        for (k, status) in ["Open", "Unpaid", "Disputed", "In Dispute", "in-dispute", "SENT", "", "Overdue", "resolved"].enumerated() { csv += "A\(k),acme,2026-01-02,10.00,\(status)\n" }
        let r = try importCSV(csv) { $0.overrides = ["Status=disputed"] }.get()
        #expect(r.problems.isEmpty && r.disputes == 3, "\(r.problems.map(\.message))")
        let odd = try importCSV("Invoice,Customer,Date,Amount,Status\nA1,acme,2026-01-02,10.00,Maybe\n") { $0.overrides = ["Status=disputed"] }.get()
        #expect(odd.problems.map(\.message) == ["'Maybe' is not yes or no: yes, y, true, 1, x, disputed, dispute, in dispute, under dispute, ja, strittig, bestritten mean disputed; no, n, false, 0, -, open, sent, unpaid, overdue, undisputed, not disputed, resolved, nein, offen, unbezahlt, überfällig, nicht strittig, unstrittig or an empty cell mean not"])
        // A word that says what is owed is for a status column, which reads it.
        let paid = try importCSV("Invoice,Customer,Date,Amount,Status\nA1,acme,2026-01-02,10.00,Paid\n") { $0.overrides = ["Status=disputed"] }.get()
        #expect(paid.problems.map(\.message) == ["'Paid' says more than whether the invoice is disputed: map the column as its status (--map 'Status=status')"])
        let help = try DueRun.run(["help", "import"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for word in CSVImporter.disputedYes + CSVImporter.disputedNo {
            #expect(help.contains(" \(word),") || help.contains(" \(word) "), "due help import does not name '\(word)'")
        }
    }

    @Test func importWithoutAnyCurrencyAsksForOne() throws {
        guard case .failure(let e) = importCSV("invoice,client,date,amount\n1,a,2026-01-02,10\n", { $0.currency = nil }) else {
            Issue.record("expected a request for --currency")
            return
        }
        #expect(e.message.contains("--currency"))
    }
}

/// A client's display name is the first name cell that says more than its key; the reading for
/// names stops once every client has one, so a name met only late must still be found.
@Suite struct ImportNameTests {
    @Test func theFirstNameThatSaysMoreThanTheKeyIsTheClientsWhereverItStands() throws {
        var csv = "Invoice,Client,Name,Date,Amount\n"
        csv += "1,acme,Acme Ltd,2026-01-02,10.00\n"
        csv += "2,Kiln Co,Kiln Co,2026-01-03,10.00\n"
        csv += "3,zeta,,2026-01-04,10.00\n"
        for k in 4..<200 { csv += "\(k),acme,Acme Limited,2026-01-05,10.00\n" }
        csv += "200,Kiln Co,Kiln & Co Pottery,2026-01-06,10.00\n"
        csv += "201,zeta,Zeta GmbH,2026-01-07,10.00\n"
        csv += "202,zeta,Zeta AG,2026-01-08,10.00\n"
        let text = try importCSV(csv) { $0.dateFormat = CSVDateFormat(spec: "y-m-d") }.get().text
        #expect(text.contains("client acme Acme Ltd\n"))
        #expect(text.contains("client kiln-co Kiln & Co Pottery\n"))
        #expect(text.contains("client zeta Zeta GmbH\n"))
    }
}

/// The currency column is counted from its bytes; a cell must count as the code a row reads it as.
@Suite struct ImportCurrencyCountTests {
    @Test func aCellIsTheCodeItsTextUpperCasedIs() {
        let pieces = ["gbp", "GBP", "Eur", " ", "\t", "us", "d", "1", "é", "Ü", "\u{FB00}", "-", "JPYX"]
        var random = SplitMix(seed: 8)
        for _ in 0..<5_000 {
            let cell = (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let bytes = Array(cell.utf8)
            guard let fast = bytes.withUnsafeBufferPointer({ CSVImporter.packedCode($0) }) else {
                #expect(bytes.contains { $0 >= 0x80 }, "\(cell.debugDescription)")
                continue
            }
            let text = Array(IDText.trim(cell).uppercased().utf8)
            let slow: UInt32? = Currency.isCode(text[...]) ? text.reduce(0) { $0 << 8 | UInt32($1) } : nil
            #expect(fast == slow, "\(cell.debugDescription)")
        }
    }
}
