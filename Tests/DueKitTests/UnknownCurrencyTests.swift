import Foundation
import Testing
@testable import DueKit

/// A client for whom no currency is known gets E308 alone (grammar.md §6.4): its money is in
/// no currency, so nothing about its balance is judged, and no message names the placeholder
/// XXX, which the user never wrote.
@Suite struct UnknownCurrencyTests {
    private func check(_ text: String) -> [Diagnostic] {
        Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: Day(year: 2026, month: 4, day: 1)!)
    }

    private func line(_ d: Diagnostic, in text: String) -> Int {
        text.utf8.prefix(Int(d.range.start)).filter { $0 == 0x0A }.count + 1
    }

    private func mentionsPlaceholder(_ d: [Diagnostic]) -> Bool {
        d.contains { x in ([x.message, x.hint ?? ""] + x.notes.map(\.message)).contains { $0.contains("XXX") } }
    }

    @Test func aPaymentOfAClientWithNoCurrencyIsToldOnlyThat() {
        let d = check("""
            client acme Acme
            2026-03-06 payment acme 50.00

            """)
        #expect(d.map(\.code) == ["E308"])
    }

    /// A misspelt client is told only that (E203, with the id it is like): that no currency is
    /// known for an id no `client` entry defines follows from it.
    @Test func aClientNotDefinedIsToldOnlyThat() {
        let d = check("""
            client acme Acme
              currency GBP
            2026-01-01 invoice acme A-1
              total 10.00
            2026-01-02 payment acmee 5.00

            """)
        #expect(d.map(\.code) == ["E203"])
        #expect(d.first?.hint == "did you mean 'acme'?")
    }

    /// The balance line in no currency is not judged (E405 said the client owed 0.00 XXX): the
    /// want of a currency is reported once, at the first entry the check met needing one.
    @Test func aBalanceLineInNoCurrencyIsNotJudged() {
        let text = """
            client acme Acme
            2026-03-06 balance acme 50.00
            2026-03-07 credit acme 5.00
              number C

            """
        let d = check(text)
        #expect(d.map(\.code) == ["E308"])
    }

    /// The figures that are still wrong without a currency are said without naming one.
    @Test func noFindingNamesThePlaceholder() {
        let d = check("""
            client acme Acme
            2026-03-01 invoice acme A
              item Work 1 x 10.00
              total 12.00
            2026-03-06 payment acme 50.00
              apply A 20.00
              apply A 40.00
            2026-03-07 plan acme 10.00
              for A
              2026-04-01 5.00
            2026-03-10 balance acme A 3.00

            """)
        #expect(d.first?.code == "E308")
        #expect(!d.contains { $0.code == "W404" || $0.code == "E405" })
        #expect(!mentionsPlaceholder(d))
        #expect(d.contains { $0.message == "the amounts applied add up to more than the payment of 50.00" })
        #expect(d.contains { $0.message == "the instalments add up to 5.00, not the 10.00 planned" })
        #expect(d.contains { $0.code == "E303" && $0.hint == "items come to 10.00; correct the total or the items" })
    }

    /// `total 100.00 EUR` is that amount's currency, not its invoice's (§2): the hint says
    /// where `currency EUR` goes rather than suggesting GBP.
    @Test func theHintNamesTheCurrencyTheFiguresWrite() {
        let d = check("""
            client acme Acme
            2026-03-04 invoice acme A-2
              total  100.00 EUR

            """)
        #expect(d.map(\.code) == ["E308"])
        #expect(d.first?.hint == "the figures are written in EUR, but that makes them no invoice's currency: add `currency EUR` to the invoice, to the client or to the settings")
        let items = check("""
            client acme Acme
            2026-03-04 invoice acme A-2
              item  Work  1 x 5.00 USD

            """)
        #expect(items.first?.hint?.hasPrefix("the figures are written in USD") == true)
    }
}

/// E308 stands at the earliest line that makes the client's currency needed, wherever the
/// resolver met its first entry (invoices are resolved before payments, plans and refunds).
@Suite struct UnknownCurrencyPlaceTests {
    private func lines(_ text: String) -> [Int] {
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "t.due")
        var renderer = DiagnosticRenderer(files: load.ledger.files)
        return Checker.check(load, asOf: Day(year: 2026, month: 4, day: 1)!).filter { $0.code == "E308" }.map { renderer.location($0.range)!.start.line }
    }

    @Test func aPaymentAboveTheInvoiceIsWhereTheCurrencyIsFirstNeeded() {
        let text = """
            client acme Acme Ltd

            2026-01-05 payment acme 100.00

            2026-01-10 invoice acme A-1
              total  100.00

            """
        #expect(lines(text) == [3])
    }

    @Test func eachClientIsPlacedAtItsOwnEarliestEntry() {
        let text = """
            client acme Acme Ltd
            client birch Birch Ltd

            2026-01-02 plan birch 100.00
              2026-02-01  100.00
            2026-01-03 refund acme 5.00
            2026-01-04 invoice birch B-1
              total  100.00
            2026-01-05 invoice acme A-1
              total  100.00

            """
        #expect(lines(text).sorted() == [4, 6])
    }
}
