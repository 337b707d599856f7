import Foundation
import Testing
@testable import DueKit

func load(_ text: String, path: String = "t.due") -> LoadResult {
    LedgerLoader.load(bytes: Array(text.utf8), path: path)
}

@Suite struct ParserTests {
    /// `+5`, `.50` and `100.` read as numbers but are not forms of an amount (grammar.md §2):
    /// each is refused with the form to write instead, on the fast path for plain amounts and
    /// the general one alike.
    @Test func amountsOutsideTheGrammarAreRefusedWithTheFormToWrite() {
        let r = load("settings\n  currency GBP\nclient a A\n2026-01-01 invoice a 1\n  total 100.\n2026-01-02 payment a +5\n2026-01-03 payment a .50\n2026-01-04 payment a -.5\n2026-01-05 payment a 1,000.\n2026-01-06 payment a 0.50\n")
        let e107 = r.diagnostics.filter { $0.kind == .E107 }
        #expect(e107.map(\.message) == [
            "'100.' is not an amount: a decimal point needs its decimals after it",
            "'+5' is not an amount: an amount takes no plus sign",
            "'.50' is not an amount: a decimal point needs a digit before it",
            "'-.5' is not an amount: a decimal point needs a digit before it",
            "'1,000.' is not an amount: a decimal point needs its decimals after it",
        ])
        #expect(e107.map(\.hint) == ["write 100 or 100.00", "write 5", "write 0.50", "write -0.5", "write 1,000 or 1,000.00"])
        #expect(r.diagnostics.count == 5, "\(r.diagnostics.map(\.message))")
    }

    /// An entry whose header cannot be read (an unknown kind, E102; a line that starts no
    /// entry, E101) is passed over with its details: its one diagnostic says how many detail
    /// lines went with it, rather than one finding per line or none.
    @Test func anUnreadHeaderSaysItsDetailsWereSkipped() {
        let r = load("""
            client a A
              currency GBP

            2026-01-01 invoise a 1
              item  Work   1 x 10.00
              ; a comment is no detail
              tax   VAT 20%
              due   2026-02-01

            2026-01-02 paymnet a 5.00
              apply 1

            2026-01-03 notte a

            clinet b B
              currency GBP
              terms net 30

            2026-01-04 invoice a 2
              total 10.00

            """)
        #expect(r.diagnostics.map(\.message) == [
            "'invoise' is not a kind of entry; the 3 detail lines under it were skipped too",
            "'paymnet' is not a kind of entry; the detail line under it was skipped too",
            "'notte' is not a kind of entry",
            "'clinet' does not start an entry; the 2 detail lines under it were skipped too",
        ])
        #expect(r.diagnostics.map(\.kind) == [.E102, .E102, .E102, .E101])
        #expect(r.ledger.invoices.map(\.number) == ["2"])
    }

    /// A line that says what is wrong once: a currency written before its amount, words after
    /// an item's price, or a word after a balance assertion's currency is one mistake, at the
    /// words that make it, not two about the words around them.
    @Test func aMistakeOnALineIsReportedOnceWhereItIs() {
        let text = """
            settings
              currency GBP
            client acme Acme
              compensation GBP 40.00
            2026-01-05 invoice acme A-1
              item Design 4 x 100.00 per day
              item Hosting 1 x 20.00 GBP a month
              total EUR 100.00
            2026-01-06 payment acme GBP 100.00
            2026-02-01 balance acme 40.00 GBP ok
            2026-02-02 balance acme 1001 40.00

            """
        let r = load(text)
        #expect(r.diagnostics.map(\.message) == [
            "expected an amount, found the currency 'GBP': the amount comes first",
            "unexpected 'per day' after the item's price `4 x 100.00`",
            "unexpected 'a month' after the item's price `1 x 20.00 GBP`",
            "expected an amount, found the currency 'EUR': the amount comes first",
            "expected an amount, found the currency 'GBP': the amount comes first",
            "unexpected 'ok' after the balance",
        ])
        #expect(r.diagnostics.map(\.hint) == [
            "write `compensation 40.00 GBP`",
            "an item ends with its price and, when not the ledger's, its currency: put 'per day' in the description, e.g. `item Design, per day 4 x 100.00`",
            "an item ends with its price and, when not the ledger's, its currency: put 'a month' in the description, e.g. `item Hosting, a month 1 x 20.00 GBP`",
            "write `total 100.00 EUR`",
            "write `2026-01-06 payment acme 100.00 GBP`",
            "the form is: DATE balance CLIENT [INVOICE] AMOUNT [CURRENCY]",
        ])
        // The caret is on the words that make the mistake.
        let bytes = Array(text.utf8)
        #expect(r.diagnostics.map { String(decoding: bytes[Int($0.range.start)..<Int($0.range.end)], as: UTF8.self) } == ["GBP 40.00", "per day", "a month", "EUR 100.00", "GBP 100.00", "ok"])
        // The balance with an invoice still names it.
        #expect(r.ledger.assertions.map(\.invoice) == [nil, "1001"])
        // With no description before the quantity, the line is one that needs a description.
        let bare = load("settings\n  currency GBP\nclient acme Acme\n2026-01-05 invoice acme A-1\n  item 4 x 100.00 per day\n")
        #expect(bare.diagnostics.map(\.code) == ["E115", "E107"], "\(bare.diagnostics.map(\.message))")
    }

    /// A promise's amount is in the currency written after it, else the client's; a word after
    /// the currency is refused rather than silently ignored (grammar.md §3.9).
    @Test func promiseAmountIsInItsOwnCurrencyElseTheClients() {
        let ok = load("client acme Acme\n  currency GBP\n2026-04-02 note acme call\n  promise 2026-04-28 2,052.00\n")
        #expect(ok.diagnostics.isEmpty)
        #expect(ok.ledger.notes[0].promise?.minor == 205_200)
        #expect(ok.ledger.notes[0].promise?.currency == Currency("GBP"))
        let eur = load("client acme Acme\n  currency GBP\n2026-04-02 note acme call\n  promise 2026-04-28 2,052.00 EUR\n")
        #expect(eur.diagnostics.isEmpty)
        #expect(eur.ledger.notes[0].promise?.currency == Currency("EUR"))
        #expect(eur.ledger.notes[0].promise?.minor == 205_200)
        let yen = load("client acme Acme\n  currency GBP\n2026-04-02 note acme call\n  promise 2026-04-28 52000 JPY\n")
        #expect(yen.ledger.notes[0].promise?.minor == 52_000)
        let extra = load("client acme Acme\n  currency GBP\n2026-04-02 note acme call\n  promise 2026-04-28 2,052.00 EUR soon\n")
        #expect(extra.diagnostics.map(\.code) == ["E106"])
        let bad = load("client acme Acme\n  currency GBP\n2026-04-02 note acme call\n  promise 2026-04-28 2,052.00 euros\n")
        #expect(bad.diagnostics.map(\.code) == ["E115"])
    }

    /// A client with no currency of its own, invoiced in one currency only by the promise's day,
    /// is promising money in that one, whatever it was invoiced in since; invoiced in two by
    /// then, in neither (not the settings', which the client did not say), and its amount is
    /// then in no currency (unless the promise says).
    @Test func aPromiseWithoutACurrencyIsInTheOneItsClientIsInvoicedIn() {
        let text = "settings\n  currency GBP\nclient acme Acme\n2026-03-01 invoice acme A-1\n  currency EUR\n  total 100.00\n2026-04-02 note acme call\n  promise 2026-04-28 50.00\n"
        #expect(load(text).ledger.notes[0].promise?.currency == Currency("EUR"))
        let two = text.replacingOccurrences(of: "2026-04-02 note", with: "2026-03-02 invoice acme A-2\n  total 10.00\n2026-04-02 note")
        let promise = load(two).ledger.notes[0].promise
        #expect(promise?.currency == Currency.unknown)
        #expect(promise?.minor == nil)
        #expect(promise?.inAnyCurrency == true)
        let later = text + "2026-04-10 invoice acme A-2\n  total 10.00\n"
        #expect(load(later).ledger.notes[0].promise?.currency == Currency("EUR"))
    }

    /// Without `greeting`, letters address the contact by full name, then the client's name.
    @Test func salutationFallsBackToTheContactsFullName() {
        let r = load("client a Acme Ltd\n  contact Jane Doe\nclient b Beta Ltd\nclient c Cee\n  contact Jane Doe\n  greeting Jane\n")
        #expect(r.ledger.clients.map(\.salutation) == ["Jane Doe", "Beta Ltd", "Jane"])
    }

    /// An invoice keeps no copy of its `ref`: what the summary of an invoice without items says
    /// is read again from the file, as the parser took it — the first `ref` line, whole, and
    /// nothing when that line has no value (a second one is refused, not read).
    @Test func theReferenceIsReadAgainAsTheParserTookIt() {
        let r = load("""
            client acme Acme Ltd
            2026-03-02 invoice acme A-1
              ref    PO  70558 / east   ; the buyer's order
              total  100.00 GBP
            2026-03-02 invoice acme A-2
              ref
              ref    PO 2
              total  100.00 GBP
            2026-03-02 invoice acme A-3
              for      Spring campaign
              ref      PO 3
              item     Design  1 x 100.00 GBP
            2026-03-02 invoice acme A-4
              ref      PO 4
              item     Design day  1 x 100.00 GBP
            2026-03-02 invoice acme A-5
              total  100.00 GBP

            """)
        #expect(r.diagnostics.map(\.code).contains("E109"))
        let l = r.ledger
        #expect(l.invoices.map { l.reference(of: $0) } == ["PO  70558 / east", nil, "PO 3", "PO 4", nil])
        #expect(l.invoices.map { l.summary(of: $0) } == ["PO  70558 / east", "", "Spring campaign", "Design day", ""])
    }

    /// `fmt`'s proof reads without positions, where no value can be read again: there the
    /// values the invoice does not keep (its `ref`, its tax's name) are set aside, so a text
    /// that changes one of them does not mean the same.
    @Test func aReadingWithoutPositionsTellsRefsAndTaxNamesApart() {
        func meaning(_ ref: String, _ tax: String) -> Ledger {
            var d: [Diagnostic] = []
            let text = "client a\n2026-01-02 invoice a 1\n  ref \(ref)\n  item Work 2 x 10.00 GBP\n  tax \(tax)\n"
            let l = FormatVerifier.meaning(of: SourceFile(id: 0, path: "t.due", bytes: Array(text.utf8)), diagnostics: &d)
            #expect(d.isEmpty)
            return l
        }
        let base = meaning("PO 1", "VAT 20%")
        #expect(base.setAside.keywords == [.ref, .item, .tax] && base.setAside.texts(.ref) == ["PO 1"] && base.setAside.texts(.tax) == ["VAT"])
        #expect(FormatVerifier.modelDifference(base, meaning("PO 1", "VAT   20%")) == nil)
        // The details in another order mean the same.
        var d: [Diagnostic] = []
        let moved = "client a\n2026-01-02 invoice a 1\n  tax VAT 20%\n  item Work 2 x 10.00 GBP\n  ref PO 1\n"
        #expect(FormatVerifier.modelDifference(base, FormatVerifier.meaning(of: SourceFile(id: 0, path: "t.due", bytes: Array(moved.utf8)), diagnostics: &d)) == nil)
        #expect(FormatVerifier.modelDifference(base, meaning("PO  1", "VAT 20%")) == "`ref` values")
        #expect(FormatVerifier.modelDifference(base, meaning("PO 1", "GST 20%")) == "`tax` values")
        #expect(FormatVerifier.modelDifference(base, meaning("PO 1", "20%")) == "`tax` values")
        // A reading with positions sets none aside.
        #expect(load("client a\n2026-01-02 invoice a 1\n  ref PO 1\n  item Work 2 x 10.00 GBP\n  tax VAT 20%\n").ledger.setAside.isEmpty)
    }

    /// Each entry's set-aside values are put in the order of their keywords on their own: an
    /// entry read after others, its details in another order, means what it meant in order,
    /// while lines of one keyword keep their order.
    @Test func setAsideValuesAreOrderedWithinEachEntry() {
        func meaning(_ text: String) -> Ledger {
            var d: [Diagnostic] = []
            return FormatVerifier.meaning(of: SourceFile(id: 0, path: "t.due", bytes: Array(text.utf8)), diagnostics: &d)
        }
        let inOrder = "client a\n2026-01-02 invoice a 1\n  ref PO 1\n  item Work 2 x 10.00 GBP\n  item Play 1.00 GBP\n\n2026-01-03 payment a 1.00 GBP\n  method card\n  ref R 1\n  apply 1\n  apply 2\n"
        let moved = "client a\n2026-01-02 invoice a 1\n  item Work 2 x 10.00 GBP\n  ref PO 1\n  item Play 1.00 GBP\n\n2026-01-03 payment a 1.00 GBP\n  apply 1\n  ref R 1\n  apply 2\n  method card\n"
        let a = meaning(inOrder), b = meaning(moved)
        #expect(FormatVerifier.modelDifference(a, b) == nil)
        #expect(b.setAside.texts(.item) == ["Work", "Play"] && b.setAside.texts(.apply) == ["1", "2"] && b.setAside.texts(.method) == ["card"])
        let swapped = moved.replacingOccurrences(of: "apply 1\n  ref R 1\n  apply 2", with: "apply 2\n  ref R 1\n  apply 1")
        #expect(FormatVerifier.modelDifference(a, meaning(swapped)) == "`apply` values")
    }

    /// An invoice an item, total or tax of which cannot be read is left out, noted with its
    /// client; what its lines set aside before that is taken back, so the next entry's values
    /// are its own.
    @Test func anInvoiceWhoseFiguresCannotBeReadIsLeftOut() {
        let text = "client a\n2026-01-02 invoice a 1\n  ref PO 1\n  item Work 2 x 10.00\n  item Play 1,0.00\n2026-01-03 invoice a 2\n  ref PO 2\n  item Rest 1 x 5.00\n"
        let r = load(text)
        #expect(r.ledger.invoices.map(\.number) == ["2"])
        #expect(r.ledger.unreadInvoices.map { [$0.number, $0.client] } == [["1", "a"]])
        #expect(r.ledger.unreadInvoices.first?.anchor == EntryAnchor(file: 0, offset: 9))
        #expect(r.ledger.items(of: r.ledger.invoices[0]).count == 1)
        var d: [Diagnostic] = []
        let aside = FormatVerifier.meaning(of: SourceFile(id: 0, path: "t.due", bytes: Array(text.utf8)), diagnostics: &d).setAside
        #expect(aside.texts(.ref) == ["PO 2"] && aside.texts(.item) == ["Rest"])
    }

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

    /// `courtesy on` sends the note the days grammar.md §3.2 says, which the reader of the
    /// settings otherwise has to find in the code.
    @Test func courtesyOnIsTheDaysTheGrammarGives() throws {
        let r = load("settings\n  courtesy on\n")
        #expect(r.ledger.settings.courtesyDays == Settings.courtesyOnDays)
        let grammar = try String(contentsOfFile: Repo.path("grammar.md"), encoding: .utf8)
        let line = try #require(grammar.split(separator: "\n").first { $0.hasPrefix("  courtesy ") })
        #expect(line.contains("`on`: a courtesy note \(Settings.courtesyOnDays) days before the due date"), "\(line)")
    }

    /// A date written as a spreadsheet or a letter writes it is given in the ledger's form when
    /// it can be only one day; when day and month could swap, both days are named, and nothing
    /// is guessed (grammar.md §6, E103).
    @Test func aDateWrittenAnotherWayIsGivenInTheLedgersForm() {
        let written = ["15/11/2026", "02/11/2026", "11/15/2026", "05/05/2026", "2026/11/15", "15.11.2026", "15-Nov-2026", "2026-2-3", "2/11/26", "31/02/2026", "soon"]
        let text = "settings\n  currency GBP\nclient a A\n" + written.map { "2026-01-01 note a\n  promise \($0)\n" }.joined()
        let r = load(text)
        #expect(r.diagnostics.map(\.code) == Array(repeating: "E103", count: written.count))
        #expect(r.diagnostics.map(\.hint) == [
            "dates are written year-month-day: write 2026-11-15",
            "dates are written year-month-day: write 2026-02-11 (11 February) or 2026-11-02 (2 November)",
            "dates are written year-month-day: write 2026-11-15",
            "dates are written year-month-day: write 2026-05-05",
            "dates are written year-month-day: write 2026-11-15",
            "dates are written year-month-day: write 2026-11-15",
            "dates are written year-month-day: write 2026-11-15",
            "month and day take two digits each: write 2026-02-03",
            "dates are written year-month-day, e.g. 2026-03-31",
            "dates are written year-month-day, e.g. 2026-03-31",
            "dates are written year-month-day, e.g. 2026-03-31",
        ])
    }

    /// Digits grouped otherwise than in threes are told the rule and the amount their digits
    /// make, offered on that condition: which comma or digit is astray is not known.
    @Test func misgroupedDigitsAreGivenTheAmountTheyMake() {
        let r = load("settings\n  currency GBP\nclient a A\n2026-01-01 payment a 1,2000.00\n2026-01-02 payment a 1,44.00\n2026-01-03 payment a 12,34,567\n2026-01-04 payment a 1,20.\n")
        #expect(r.diagnostics.map(\.code) == ["E107", "E107", "E107", "E107"])
        #expect(r.diagnostics.map(\.hint) == [
            "a comma must have exactly three digits after it: if the amount is 12000.00, write 12000.00 or 12,000.00",
            "a comma must have exactly three digits after it: if the amount is 144.00, write 144.00",
            "a comma must have exactly three digits after it: if the amount is 1234567, write 1234567 or 1,234,567",
            nil,
        ])
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

@Suite struct TermsTests {
    func terms(_ text: String) -> (Terms?, [String]) {
        let r = load("settings\n  currency GBP\nclient a\n  terms \(text)\n")
        return (r.ledger.clients.first?.terms, r.diagnostics.map(\.code))
    }

    @Test func everyFormOfTermsIsRead() {
        #expect(terms("net 30").0 == Terms(netDays: 30))
        #expect(terms("2/10 net 30").0 == Terms(netDays: 30, discountPercent: DecimalValue(digits: 2, scale: 0), discountDays: 10))
        #expect(terms("1.5/7 net 45").0 == Terms(netDays: 45, discountPercent: DecimalValue(digits: 15, scale: 1), discountDays: 7))
        #expect(terms("net 30 eom").0 == Terms(netDays: 30, base: .endOfMonth))
        #expect(terms("eom").0 == Terms(netDays: 0, base: .endOfMonth))
        #expect(terms("receipt").0 == Terms(netDays: 0))
        #expect(terms("due on receipt").0 == Terms(netDays: 0))
        #expect(terms("NET 14").0 == Terms(netDays: 14))
    }

    @Test func unknownTermsAreAnError() {
        #expect(terms("net thirty").1 == ["E113"])
        #expect(terms("2/ten net 30").1 == ["E113"])
        #expect(terms("net 30 days").1 == ["E113"])
    }

    /// Terms with a space left out, a joining mark or a word too many are asked about in the
    /// form the editor's quick fix puts in their place (`did you mean '…'?`); terms that no
    /// mending reads are shown the forms there are.
    @Test func termsAMendingReadsAreAskedAbout() {
        func hint(_ text: String) -> String? {
            load("settings\n  currency GBP\nclient a\n  terms \(text)\n").diagnostics.first { $0.code == "E113" }?.hint
        }
        #expect(hint("net30") == "did you mean 'net 30'?")
        #expect(hint("Net30") == "did you mean 'net 30'?")
        #expect(hint("2/10net30") == "did you mean '2/10 net 30'?")
        #expect(hint("2/10 net30") == "did you mean '2/10 net 30'?")
        #expect(hint("net30eom") == "did you mean 'net 30 eom'?")
        #expect(hint("net-30") == "did you mean 'net 30'?")
        #expect(hint("net 30 days") == "did you mean 'net 30'?")
        #expect(hint("30 days") == "did you mean 'net 30'?")
        #expect(hint("net 60 end of month") == "did you mean 'net 60 eom'?")
        #expect(hint("net thirty") == "e.g. `terms net 30`, `terms 2/10 net 30`, `terms net 30 eom`, `terms receipt`")
        #expect(hint("net 4000") == "e.g. `terms net 30`, `terms 2/10 net 30`, `terms net 30 eom`, `terms receipt`")
        #expect(CodeActionFeature.suggestion(in: hint("net30")!) == "net 30")
    }

    @Test func eomTermsFallDueFromTheEndOfTheMonth() {
        let r = load("settings\n  currency GBP\nclient a\n2026-01-15 invoice a 1\n  terms net 30 eom\n  total 10\n2026-02-15 invoice a 2\n  terms eom\n  total 10\n")
        #expect(r.ledger.invoices[0].due == Day(year: 2026, month: 3, day: 2))
        #expect(r.ledger.invoices[1].due == Day(year: 2026, month: 2, day: 28))
    }

    @Test func fractionalQuantitiesAndPricesRoundOnceHalfAwayFromZero() {
        let r = load("settings\n  currency GBP\nclient a\n2026-01-15 invoice a 1\n  item Hours 7.5 x 85.00\n  item Words 1,234 x 0.125\n  item Pages 3 x 19.99\n  tax VAT 20%\n")
        #expect(r.diagnostics.isEmpty)
        let inv = r.ledger.invoices[0]
        #expect(r.ledger.items(of: inv).map { $0.amount(in: inv.currency) } == [63_750, 15_425, 5_997])
        #expect(inv.subtotal == 85_172)
        #expect(inv.taxAmount == 17_034)
        #expect(inv.total == 102_206)
    }
}

@Suite struct TextCheckTests {
    /// The eight-bytes-at-a-time scan must see a bad byte wherever it falls in a word.
    @Test func aControlCharacterIsFoundAtEveryPositionOfAWord() {
        for bad: UInt8 in [0x01, 0x1B, 0x7F, 0x00] {
            for at in 0..<17 {
                var bytes = Array("; a comment line long enough for two words\tand a tab\n".utf8)
                bytes[at] = bad
                let r = LedgerLoader.load(bytes: bytes, path: "c.due")
                let e006 = r.diagnostics.filter { $0.code == "E006" }
                #expect(e006.count == 1 && e006.first?.range.start == Int32(at), "byte \(bad) at \(at): \(r.diagnostics.map(\.code))")
            }
        }
    }

    @Test func tabsAndLineFeedsAreNotControlCharactersToComplainAbout() {
        let r = LedgerLoader.load(bytes: Array("\t; x\n\n\n\t\t\n; 12345678\t\t\t\t\t\t\t\t\n".utf8), path: "c.due")
        #expect(r.diagnostics.isEmpty)
    }
}

@Suite struct LongLineTests {
    @Test func linesWithManyWordsKeepEveryWord() {
        let many = (1...70).map { "w\($0)" }.joined(separator: " ")
        let r = load("settings\n  currency GBP\nclient a\n2026-01-02 invoice a 1\n  item \(many)  3 x 10.00\n2026-01-03 note a call\n  said \(many)\n")
        #expect(r.diagnostics.isEmpty)
        #expect(r.ledger.items(of: r.ledger.invoices[0]).first.flatMap { r.ledger.description(of: $0, in: r.ledger.invoices[0]) } == many)
        #expect(r.ledger.invoices[0].total == 3000)
        #expect(r.ledger.notes[0].said(in: r.ledger.files) == [many])
        let bad = load("settings\n  currency GBP\nclient a\n2026-01-02 invoice a 1 \(many)\n  total 1\n")
        #expect(bad.diagnostics.map(\.code) == ["E106"])
    }
}

/// Terms are read by one reader, in any case, up to ten years, for ledger and import alike.
@Suite struct TermsReaderTests {
    @Test func everySpellingOfOneTermsReadsTheSame() throws {
        let forms: [(String, String)] = [
            ("net 30", "NET 30"), ("net 30 eom", "Net 30 EOM"), ("2/10 net 30", "2/10 NET 30"),
            ("receipt", "Due On Receipt"), ("eom", "EOM"), ("1.5/7 net 45 eom", "1.5/7 Net 45 Eom"),
        ]
        for (plain, other) in forms {
            let a = load("client a A\n  currency GBP\n  terms \(plain)\n"), b = load("client a A\n  currency GBP\n  terms \(other)\n")
            #expect(a.diagnostics.isEmpty && b.diagnostics.isEmpty, "\(plain) / \(other)")
            let ta = try #require(a.ledger.clients.first?.terms), tb = try #require(b.ledger.clients.first?.terms)
            #expect(ta == tb, "\(plain) / \(other)")
            #expect(Terms.parse(other.split(separator: " ").map(String.init)) == ta)
        }
        let discounted = try #require(load("client a A\n  terms 2/10 net 30\n").ledger.clients.first?.terms)
        #expect(discounted.netDays == 30 && discounted.discountDays == 10 && discounted.base == .issue && discounted.discountPercent != nil)
    }

    @Test func termsRunToTenYearsWhateverTheirCase() {
        for text in ["net 3650", "NET 3650", "2/3650 net 3650"] {
            #expect(load("client a A\n  terms \(text)\n").diagnostics.isEmpty, "\(text)")
        }
        for text in ["net 3651", "NET 5000", "net 9999", "2/3651 net 30", "net 30 days", "net -1", "101/10 net 30", "receipt eom"] {
            #expect(load("client a A\n  terms \(text)\n").diagnostics.map(\.code) == ["E113"], "\(text)")
        }
    }
}
