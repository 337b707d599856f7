import Foundation
import Testing
@testable import DueKit

/// A ledger read for a command that reads no item once resolved adds each invoice's items up as
/// it reads them (`Ledger.itemsTallied`) and keeps none; it must resolve to what a ledger read
/// with its items resolves to: the same invoices, facts and diagnostics, positions and all.
@Suite struct ItemTallyTests {
    /// What a resolved ledger says of its invoices and what the checks make of it.
    static func expectSame(_ kept: LoadResult, _ tallied: LoadResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(tallied.ledger.items.isEmpty, sourceLocation: sourceLocation)
        #expect(!tallied.ledger.itemsTallied, sourceLocation: sourceLocation)
        var released = kept
        released.ledger.releaseItems()
        #expect(released.ledger.invoices == tallied.ledger.invoices, sourceLocation: sourceLocation)
        #expect(kept.ledger.invoices.map(\.total) == tallied.ledger.invoices.map(\.total), sourceLocation: sourceLocation)
        #expect(kept.ledger.facts.map { "\($0)" } == tallied.ledger.facts.map { "\($0)" }, sourceLocation: sourceLocation)
        #expect(kept.diagnostics == tallied.diagnostics, sourceLocation: sourceLocation)
        let asOf = Day(year: 2026, month: 11, day: 20)!
        #expect(Checker.check(kept, asOf: asOf) == Checker.check(tallied, asOf: asOf), sourceLocation: sourceLocation)
    }

    static var samplePaths: [String] {
        let bad = BadSamples.names.map { Repo.path("\(BadSamples.folder)/\($0).due") }
        return [Repo.path("samples/studio.due"), Repo.path("samples/studio-clients.due")] + bad
    }

    @Test(arguments: samplePaths)
    func aSampleResolvesAlikeWithItemsOrTheirTally(path: String) throws {
        Self.expectSame(try LedgerLoader.load(path: path), try LedgerLoader.load(path: path, keepingItems: false))
    }

    /// Invoices whose items are awkward for a sum: quantities with three or four decimals,
    /// currencies of no and of three decimals, items writing a currency that disagrees (or
    /// several), products past 64 bits and past what a ledger holds, sums past it, written
    /// totals that differ from the items, taxes, items that could not be read, and clients
    /// with no currency at all.
    static func awkwardLedger(invoices: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &random)] }
        var text = "client aw-gbp Awkward GBP\n  currency GBP\n\nclient aw-jpy Awkward JPY\n  currency JPY\n\nclient aw-kwd Awkward KWD\n  currency KWD\n\nclient aw-none Awkward None\n\n"
        // Sums at the edge of what an invoice may hold, every item within it: exactly at it,
        // then past it.
        text += "2026-01-05 invoice aw-gbp AW-EDGE-1\n  item Half 2 x 5,000,000,000,000.00\n\n"
        text += "2026-01-05 invoice aw-gbp AW-EDGE-2\n  item Half 2 x 5,000,000,000,000.00\n  item More 1 x 0.01\n\n"
        text += "2026-01-05 invoice aw-kwd AW-EDGE-3\n  item Half 1 x 500,000,000,000.000\n  item Half 1 x 500,000,000,000.000\n  total 1,000,000,000,000.000\n\n"
        let clients = ["aw-gbp", "aw-jpy", "aw-kwd", "aw-none", "aw-unknown"]
        let quantities = ["1", "3", "0.5", "1.125", "2.3333", "0", "12", "1,000", "999999999999999999", "1.23456"]
        let prices = ["10.00", "0.01", "0.05", "850", "99.999", "101", "0.5", "1234.5678", "999999999999999999", "5,000.00"]
        let currencies = ["", "", "", "", " GBP", " JPY", " KWD", " EUR", " gbp"]
        for n in 0..<invoices {
            let client = pick(clients)
            text += "2026-0\(Int.random(in: 1...9, using: &random))-1\(Int.random(in: 0...9, using: &random)) invoice \(client) AW-\(n)\n"
            if Int.random(in: 0..<6, using: &random) == 0 { text += "  currency \(pick(["GBP", "JPY", "KWD", "EUR"]))\n" }
            let itemCount = pick([0, 1, 1, 2, 3, 5])
            for k in 0..<itemCount {
                let form = Int.random(in: 0..<4, using: &random)
                let price = form == 0 ? pick(["10.00", "25.50", "850"]) : pick(prices)
                if form == 1 {
                    text += "  item Part \(k) \(price)\(pick(currencies))\n"
                } else {
                    text += "  item Part \(k) \(form == 0 ? "2" : pick(quantities)) x \(price)\(pick(currencies))\n"
                }
            }
            if Int.random(in: 0..<4, using: &random) == 0 { text += "  tax VAT \(pick(["20", "7.5", "0"]))%\n" }
            if itemCount == 0 || Int.random(in: 0..<3, using: &random) == 0 {
                text += "  total \(pick(["20.00", "21.00", "0.125", "100", "1,000.50"]))\(pick(["", "", " GBP", " JPY"]))\n"
            }
            text += "\n"
        }
        return Array(text.utf8)
    }

    @Test func awkwardItemsResolveAlikeWithItemsOrTheirTally() {
        let bytes = Self.awkwardLedger(invoices: 3_000, seed: 11)
        let kept = LedgerLoader.load(bytes: bytes, path: "awkward.due", parallel: false)
        let tallied = LedgerLoader.load(bytes: bytes, path: "awkward.due", parallel: false, keepingItems: false)
        // The ledger holds what it is meant to: each kind of fact about items.
        let facts = kept.ledger.facts.map { "\($0)" }
        for kind in ["itemTooLarge", "invoiceTooLarge", "totalDiffers", "currencyDiffersFromInvoice", "noCurrency"] {
            #expect(facts.contains { $0.hasPrefix(kind) }, "no \(kind)")
        }
        #expect(Set(kept.diagnostics.map(\.code)).isSuperset(of: ["E115", "E117"]))
        Self.expectSame(kept, tallied)
    }

    /// A file large enough to be parsed in parts, awkward invoices in every part.
    @Test func aLedgerParsedInPartsResolvesAlikeWithItemsOrTheirTally() {
        var bytes = Self.awkwardLedger(invoices: 2_000, seed: 5)
        bytes += LedgerGenerator(invoices: 24_000, seed: 7).generate()
        bytes += Self.awkwardLedger(invoices: 2_000, seed: 6).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .dropFirst(12).joined(separator: [UInt8(ascii: "\n")])
        #expect(bytes.count > ParallelParse.threshold)
        let kept = LedgerLoader.load(bytes: bytes, path: "big.due", parallel: false)
        let tallied = LedgerLoader.load(bytes: bytes, path: "big.due", parts: 4, keepingItems: false)
        #expect(ParallelParse.cuts(for: tallied.ledger.files[0], parts: 4)?.count == 5)
        Self.expectSame(kept, tallied)
        Self.expectSame(kept, LedgerLoader.load(bytes: bytes, path: "big.due", parts: 3, keepingItems: false))
    }

    /// Two cores resolve the invoices; when the sums pass what a currency may total, the back
    /// part is resolved again after the front, its tallies already taken: its items are read
    /// from the file.
    @Test func invoicesResolvedAgainPastTheCurrencyLimitReadTheirItemsFromTheFile() {
        var text = "settings\n  currency GBP\n\nclient acme\n\n"
        let count = 2 * LedgerResolver.InvoiceSplit.block + 300
        for k in 0..<count {
            text += "2026-01-02 invoice acme N-\(k)\n  item Work 3 x 3,000,000,000,000.00\n\(k % 2 == 0 ? "  item Odd 1.5 x 0.01\n" : "")\n"
        }
        let bytes = Array(text.utf8)
        var kept = LedgerLoader.parse(bytes: bytes, path: "l.due", parallel: false)
        var tallied = LedgerLoader.parse(source: SourceBytes(bytes), path: "l.due", parallel: false, keepingItems: false)
        LedgerResolver.resolve(&kept.ledger, parallelMinimum: 1)
        LedgerResolver.resolve(&tallied.ledger, parallelMinimum: 1, keepingItems: false)
        #expect(kept.ledger.facts.contains { "\($0)".hasPrefix("currencyTotalPassed") })
        #expect(kept.ledger.invoices.contains { $0.total == 0 } && kept.ledger.invoices.contains { $0.total != 0 })
        Self.expectSame(kept, tallied)
    }

    @Test func aTallyIsTheExactSumAtTheMostDecimalsAProductNeeds() {
        var tally = ItemTally()
        #expect(!tally.hasItems)
        tally.add(DecimalValue(digits: 15, scale: 1), DecimalValue(digits: 10000, scale: 2), currency: nil)  // 1.5 × 100.00 = 150
        #expect(tally.scale == 0 && tally.sum == 150)
        tally.add(DecimalValue(digits: 1, scale: 0), DecimalValue(digits: 1, scale: 2), currency: nil)  // 0.01
        #expect(tally.scale == 2 && tally.sum == 15001)
        #expect(tally.subtotal(in: Currency("GBP")) == 15001)
        #expect(tally.subtotal(in: Currency("KWD")) == 150010)
        // Too few decimals to hold a product: read the items again.
        #expect(tally.subtotal(in: Currency("JPY")) == nil)
        tally.add(DecimalValue(digits: 2, scale: 0), DecimalValue(digits: 1, scale: 0), currency: Currency("GBP"))
        #expect(tally.subtotal(in: Currency("GBP")) == 15201)
        // Another currency than the one an item wrote: read the items again, for the fact
        // about that item.
        #expect(tally.subtotal(in: Currency("EUR")) == nil)
        tally.add(DecimalValue(digits: 1, scale: 0), DecimalValue(digits: 2, scale: 0), currency: Currency("EUR"))
        #expect(tally.currency == nil && tally.marks.contains(.severalCurrencies))
        #expect(tally.subtotal(in: Currency("GBP")) == nil)
        // Products to round, as hours billed at a rate with pence: in a currency of two
        // decimals each is rounded as it is read (21.3875 -> 21.39, 481.5125 -> 481.51); in
        // any other the items are read again.
        var hours = ItemTally()
        hours.add(DecimalValue(digits: 25, scale: 2), DecimalValue(digits: 8555, scale: 2), currency: nil)
        hours.add(DecimalValue(digits: 175, scale: 2), DecimalValue(digits: 27515, scale: 2), currency: nil)
        #expect(hours.scale == 4 && hours.cents == 50_290)
        #expect(hours.subtotal(in: Currency("GBP")) == 50_290 && hours.subtotal(in: Currency("EUR")) == 50_290)
        #expect(hours.subtotal(in: Currency("JPY")) == nil && hours.subtotal(in: Currency("KWD")) == nil)
        // Items in whole pence before the first to round are counted in it exactly.
        var mixed = ItemTally()
        mixed.add(DecimalValue(digits: 2, scale: 0), DecimalValue(digits: 1050, scale: 2), currency: nil)
        #expect(!mixed.marks.contains(.countsCents))
        mixed.add(DecimalValue(digits: 25, scale: 2), DecimalValue(digits: 8555, scale: 2), currency: nil)
        mixed.add(DecimalValue(digits: 3, scale: 0), DecimalValue(digits: 100, scale: 2), currency: nil)
        #expect(mixed.subtotal(in: Currency("GBP")) == Int64(4_539))  // 21.00 + 21.39 + 3.00
        var wide = ItemTally()
        wide.add(DecimalValue(digits: 999_999_999_999_999_999, scale: 0), DecimalValue(digits: 999_999_999_999_999_999, scale: 0), currency: nil)
        #expect(wide.marks.contains(.tooWide) && wide.subtotal(in: Currency("GBP")) == nil)
    }

    @Test func anInvoiceHoldsItsTallyInPlacesItsResolvedFiguresTakeLater() {
        var invoice = Invoice(number: "A-1", client: "c", issued: Day(year: 2026, month: 1, day: 1)!, anchor: .none, order: 0)
        var tally = ItemTally()
        tally.add(DecimalValue(digits: 3, scale: 0), DecimalValue(digits: 12345, scale: 3), currency: Currency("KWD"))
        tally.add(DecimalValue(digits: 25, scale: 2), DecimalValue(digits: 8555, scale: 2), currency: Currency("KWD"))
        #expect(tally.cents != 0)
        invoice.itemTally = tally
        #expect(invoice.itemTally == tally)
        #expect(invoice.clientNumber == nil)
        #expect(MemoryLayout<Invoice>.size <= 112)
    }
}

extension ItemTallyTests {
    /// `due aging`, `clients`, `agenda` and `forecast` read their ledgers without items (the
    /// totals made as the items are read): each report, in each form, must come out as it does
    /// from the ledger read with its items. A report that came to read an item (an invoice's
    /// summary, say) would show it here as a difference, not as a quietly emptier report.
    @Test func theReportsThatReadNoItemAreTheSameWithout() throws {
        let asOf = Day(year: 2026, month: 11, day: 20)!
        var ledgers = [try Self.samplePaths.prefix(2).map { try (Array(Data(contentsOf: URL(fileURLWithPath: $0))), $0) }].flatMap { $0 }
        ledgers.append((LedgerGenerator(invoices: 1_200, seed: 4, profile: .varied).generate(), "varied.due"))
        ledgers.append((LedgerGenerator(invoices: 800, seed: 9, profile: .realistic).generate(), "realistic.due"))
        for (bytes, path) in ledgers {
            func reports(keepingItems: Bool) -> [String] {
                let load = LedgerLoader.load(bytes: bytes, path: path, parallel: false, keepingItems: keepingItems)
                let sheet = Checker.run(load, asOf: asOf).sheet(asOf: asOf, ledger: load.ledger)
                let aging = AgingRenderer(AgingReport(ledger: load.ledger, sheet: sheet, options: AgingOptions(settings: load.ledger.settings)))
                let clients = ClientBehaviourRenderer(ClientBehaviour(ledger: load.ledger, sheet: sheet))
                let forecast = ForecastRenderer(CashForecast(ledger: load.ledger, sheet: sheet, weeks: CashForecast.defaultWeeks))
                let agenda = Agenda.build(ledger: load.ledger, sheet: sheet, asOf: asOf)
                let backtest = BacktestRenderer(ForecastBacktest(ledger: load.ledger, dates: ForecastBacktest.monthEnds(of: 2026), weeks: ForecastBacktest.defaultWeeks))
                return ReportFormat.allCases.flatMap { [aging.render($0), clients.render($0), forecast.render($0)] }
                    + ReportFormat.allCases.filter { $0 != .json }.map { backtest.render($0) }
                    + AgendaRenderer.Format.allCases.map { AgendaRenderer.render(agenda, format: $0, ledgerName: path) }
            }
            // What an item would change: the invoices' summaries read without items are not the same.
            let withItems = LedgerLoader.load(bytes: bytes, path: path, parallel: false)
            let without = LedgerLoader.load(bytes: bytes, path: path, parallel: false, keepingItems: false)
            if !withItems.ledger.invoices.isEmpty {
                #expect(withItems.ledger.invoices.map { withItems.ledger.summary(of: $0) } != without.ledger.invoices.map { without.ledger.summary(of: $0) }, "\(path)")
            }
            let kept = reports(keepingItems: true), tallied = reports(keepingItems: false)
            #expect(kept.count == tallied.count)
            for (k, (a, b)) in zip(kept, tallied).enumerated() { #expect(a == b, "\(path), report \(k)") }
            #expect(kept.contains { $0.contains("Aging as of") })
        }
    }
}
