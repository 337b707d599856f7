import Foundation
import Testing
@testable import DueKit

/// What `due check` does after parsing reads ahead and shares its work between two cores; none
/// of that may change what it finds or in which order it reports it.
@Suite struct CheckStageTests {
    /// The rules run in order on one thread, as `Checker.run` did before it shared them between
    /// the cores: the load's diagnostics, the rules that need no balances, then the rest.
    static func oneRuleAfterAnother(_ load: LoadResult, asOf: Day) -> [Diagnostic] {
        let ledger = load.ledger
        let through = max(asOf, Checker.latestDate(ledger))
        let ids = LedgerIDs(ledger)
        var found = Findings()
        let before = CheckContext(ledger: ledger, sheet: .empty(asOf: through), asOf: asOf, ids: ids)
        for rule in Checker.rules where !rule.needsBalances { rule.check(before, into: &found) }
        let sheet = BalanceEngine.balances(ledger, asOf: through, options: BalanceOptions(collectFacts: true))
        let after = CheckContext(ledger: ledger, sheet: sheet, asOf: asOf, ids: ids)
        for rule in Checker.rules where rule.needsBalances { rule.check(after, into: &found) }
        return (load.diagnostics + found.diagnostics).sortedForDisplay()
    }

    /// Every bad sample's entries in one ledger (without those that include other files): most
    /// rules find something in it, several on the same lines.
    static func everyBadSample() throws -> String {
        var text = ""
        for name in BadSamples.names where !name.hasPrefix("e00") {
            text += try String(contentsOfFile: Repo.path("\(BadSamples.folder)/\(name).due"), encoding: .utf8) + "\n\n"
        }
        return text
    }

    @Test func sharingTheRulesBetweenTheCoresReportsAsOneThreadWould() throws {
        let load = LedgerLoader.load(bytes: Array(try Self.everyBadSample().utf8), path: "all.due")
        let asOf = Day.parse("2026-11-20")!
        let expected = Self.oneRuleAfterAnother(load, asOf: asOf)
        // Rules of both kinds find something, so both halves of the sharing are joined.
        let codes = Set(expected.map(\.kind.code))
        for code in ["E203", "E204", "W414", "W901", "W401", "E406", "W409", "E413"] { #expect(codes.contains(code), "\(code)") }
        for _ in 0..<5 {
            let found = Checker.check(load, asOf: asOf)
            #expect(found == expected)
        }
    }

    /// Balances keyed by invoice number, so ledgers holding the same entries in other orders
    /// compare.
    static func balancesByNumber(_ l: Ledger, asOf: Day) -> [String: InvoiceBalance] {
        let sheet = BalanceEngine.balances(l, asOf: asOf, options: BalanceOptions(collectFacts: true))
        var byNumber: [String: InvoiceBalance] = [:]
        for i in l.invoices.indices { byNumber[l.invoices[i].number] = sheet.invoices[i] }
        return byNumber
    }

    /// The balance run reads the invoices of payments it will pay later (`Run.warm`), in the
    /// order it pays them: payments written out of date order are paid as when in order.
    @Test(arguments: [5, 17] as [UInt64])
    func balancesAreTheSameWhateverOrderThePaymentsAreWrittenIn(_ seed: UInt64) {
        let text = String(decoding: LedgerGenerator(invoices: 1_500, seed: seed, profile: .realistic).generate(), as: UTF8.self)
        let inOrder = LedgerLoader.load(bytes: Array(text.utf8), path: "r.due").ledger
        let shuffled = LedgerLoader.load(bytes: Array(EventOrderTests.shuffled(text, seed: seed).utf8), path: "s.due").ledger
        #expect(inOrder.payments.count > 10 * BalanceEngine.Run.paymentsWarmed)
        #expect(inOrder.payments.map(\.date) != shuffled.payments.map(\.date))
        for asOf in EventOrderTests.dates {
            let a = Self.balancesByNumber(inOrder, asOf: asOf), b = Self.balancesByNumber(shuffled, asOf: asOf)
            #expect(a == b, "\(asOf)")
            // Something was paid, so the comparison says something.
            #expect(asOf < Day.parse("2026-01-01")! || a.values.contains { $0.paid > 0 })
            let x = BalanceEngine.balances(inOrder, asOf: asOf), y = BalanceEngine.balances(shuffled, asOf: asOf)
            #expect(x.creditOnAccount == y.creditOnAccount && x.clientBalances == y.clientBalances, "\(asOf)")
        }
    }

    /// A payment that writes no currency takes that of the invoice its first line names; the
    /// resolver reads those currencies a group of payments at a time, on one thread or two.
    @Test(arguments: [1, 1_000_000])
    func paymentsWithoutACurrencyTakeTheirInvoicesInEveryGroup(parallelMinimum: Int) {
        var text = "client acme Acme Ltd\n\n"
        let currencies = ["GBP", "EUR", "USD"]
        for k in 0..<100 { text += "2026-01-01 invoice acme A-\(k)\n  currency  \(currencies[k % 3])\n  total  10.00\n\n" }
        // Lines name invoices in another order than theirs, and some payments name none.
        for k in 0..<100 {
            let target = (k * 37) % 100
            text += k % 9 == 4 ? "2026-02-01 payment acme 1.00 GBP\n\n" : "2026-02-01 payment acme 1.00\n  apply  A-\(target)\n\n"
        }
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "c.due")
        #expect(load.diagnostics.isEmpty)
        var ledger = load.ledger
        LedgerResolver.resolve(&ledger, parallelMinimum: parallelMinimum)
        #expect(ledger.payments.count == 100)
        for k in 0..<100 {
            let expected = k % 9 == 4 ? "GBP" : currencies[((k * 37) % 100) % 3]
            #expect(ledger.payments[k].currency.code == expected, "payment \(k)")
        }
    }

    /// E203 compares the bytes of an id with those of the client it names: ids laid out alike
    /// (short ones inline, long ones sharing storage) are the same bytes, and ids that are
    /// canonically equal but written in other Unicode forms are not.
    @Test func sameBytesWhateverTheLayout() {
        let short = "acme", long = String(repeating: "consolidated-", count: 4)
        #expect(IDTable.sameBytes(short, String("xacme".dropFirst())))
        #expect(IDTable.sameBytes(long, String(("x" + long).dropFirst())))
        #expect(IDTable.sameBytes(long, long))
        #expect(!IDTable.sameBytes("zo\u{E9}", "zoe\u{301}"))
        #expect(!IDTable.sameBytes(long + "\u{E9}", long + "e\u{301}"))
        #expect(!IDTable.sameBytes("\u{212A}elvin", "Kelvin"))
        #expect(!IDTable.sameBytes(short, short + "x"))
    }

    /// An entry naming its client in another Unicode form than the client's own is reported
    /// (E203) for invoices and payments as for the other entries, however many of them.
    @Test func unknownClientsInEitherFormAreReportedForInvoicesAndPayments() {
        var text = "client zo\u{E9} Zo\u{E9} SARL\n  currency EUR\n\n"
        for k in 0..<40 {
            let id = k % 4 == 1 ? "zoe\u{301}" : "zo\u{E9}"
            text += "2026-01-0\(1 + k % 9) invoice \(id) Z-\(k) 10.00\n\n2026-03-01 payment \(id) 10.00\n  apply  Z-\(k)\n\n"
        }
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "z.due")
        let found = Checker.check(load, asOf: Day.parse("2026-11-20")!).filter { $0.kind.code == "E203" }
        #expect(found.count == 20)
        #expect(found.allSatisfy { $0.hint?.contains("another Unicode form") == true })
    }

    /// The invoices letters name are found once for the rules (`LetterInvoices`), reading each
    /// letter's numbers in turn: letters naming none, one or several, and numbers no invoice
    /// has, find what the index finds.
    @Test func lettersFindTheInvoicesTheIndexFinds() {
        var text = "client acme Acme Ltd\n  currency GBP\n\n"
        for k in 0..<50 { text += "2026-01-01 invoice acme A-\(k)\n  total  10.00\n\n" }
        var named: [[String]] = []
        for m in 0..<60 {
            let numbers = (0..<(m % 4)).map { j in (m + j) % 7 == 3 ? "NOPE-\(m)" : "A-\((m * 13 + j * 7) % 50)" }
            named.append(numbers)
            text += "2026-02-01 letter acme reminder\n" + (numbers.isEmpty ? "" : "  invoices  \(numbers.joined(separator: " "))\n") + "\n"
        }
        var ledger = LedgerLoader.load(bytes: Array(text.utf8), path: "l.due").ledger
        LedgerResolver.resolve(&ledger)
        #expect(ledger.letters.map(\.invoices.array) == named)
        let ids = LedgerIDs(ledger)
        for m in named.indices {
            for (j, number) in named[m].enumerated() {
                #expect(ids.letters.invoice(j, of: m) == ledger.invoiceIndex[number], "letter \(m), \(number)")
            }
        }
        #expect(named.joined().contains { $0.hasPrefix("NOPE") })
    }
}
