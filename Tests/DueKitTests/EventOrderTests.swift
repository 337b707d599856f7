import Foundation
import Testing
@testable import DueKit

/// The balance engine applies entries in one order (grammar.md §4): by date; on one date
/// invoices, then payments, then write-offs, then refunds, then assertions; then as written. `EventOrder`
/// merges the kinds as it goes instead of sorting a list of every entry: it must give what
/// that sort gave, whatever order the file holds its entries in.
@Suite struct EventOrderTests {
    /// Every entry on or before `asOf`, sorted as the engine sorted them before.
    static func sortedAll(_ l: Ledger, asOf: Day, assertions: Bool) -> [[Int32]] {
        var all: [[Int32]] = []
        for (i, x) in l.invoices.enumerated() where x.issued <= asOf { all.append([x.issued.ordinal, 0, Int32(x.order), Int32(i)]) }
        for (i, x) in l.payments.enumerated() where x.date <= asOf { all.append([x.date.ordinal, 1, Int32(x.order), Int32(i)]) }
        for (i, x) in l.writeOffs.enumerated() where x.date <= asOf { all.append([x.date.ordinal, 2, Int32(x.order), Int32(i)]) }
        for (i, x) in l.refunds.enumerated() where x.date <= asOf { all.append([x.date.ordinal, 3, Int32(x.order), Int32(i)]) }
        if assertions {
            for (i, x) in l.assertions.enumerated() where x.date <= asOf { all.append([x.date.ordinal, 4, Int32(x.order), Int32(i)]) }
        }
        return all.sorted { a, b in a[0] != b[0] ? a[0] < b[0] : a[1] != b[1] ? a[1] < b[1] : a[2] < b[2] }
    }

    static func merged(_ l: Ledger, asOf: Day, assertions: Bool) -> [[Int32]] {
        BalanceEngine.EventOrder(l, asOf: asOf, assertions: assertions).map { [$0.date, Int32($0.kind.rawValue), $0.order, $0.index] }
    }

    /// The entries of `text` in a shuffled order, the preamble (settings, sender, clients) first.
    static func shuffled(_ text: String, seed: UInt64) -> String {
        let blocks = text.components(separatedBy: "\n\n")
        var rng = SplitMix(seed: seed)
        let dated = blocks.filter { $0.first?.isNumber == true }.shuffled(using: &rng)
        return (blocks.filter { $0.first?.isNumber != true } + dated).joined(separator: "\n\n") + "\n"
    }

    static let dates = ["2026-11-20", "2026-03-15", "2030-01-01", "2020-01-01"].map { Day.parse($0)! }

    @Test(arguments: [3, 11] as [UInt64])
    func generatedInOrderAndShuffled(_ seed: UInt64) {
        let text = String(decoding: LedgerGenerator(invoices: 1_200, seed: seed, profile: .realistic).generate(), as: UTF8.self)
        for (name, t) in [("as generated", text), ("shuffled", Self.shuffled(text, seed: seed))] {
            let l = LedgerLoader.load(bytes: Array(t.utf8), path: "r.due").ledger
            #expect(l.invoices.count == 1_200)
            for asOf in Self.dates {
                #expect(Self.merged(l, asOf: asOf, assertions: false) == Self.sortedAll(l, asOf: asOf, assertions: false), "\(name) \(asOf)")
            }
        }
    }

    /// Every kind on one date, written in the reverse of the order applied, with assertions.
    @Test func oneDateEveryKind() throws {
        let text = """
        client acme Acme Ltd

        2026-05-01 balance acme 0.00

        2026-05-01 refund acme 1.00 GBP

        2026-05-01 writeoff acme A-2 5.00
          reason  Client ceased trading

        2026-05-01 payment acme 10.00 GBP
          apply  A-1

        2026-04-01 payment acme 5.00 GBP

        2026-05-01 invoice acme A-2
          item  Work  1  20.00 GBP

        2026-05-01 invoice acme A-1
          item  Work  1  10.00 GBP

        2026-05-01 balance acme 0.00

        """
        let l = LedgerLoader.load(bytes: Array(text.utf8), path: "t.due").ledger
        #expect(l.invoices.count == 2 && l.payments.count == 2 && l.writeOffs.count == 1 && l.refunds.count == 1 && l.assertions.count == 2)
        for assertions in [false, true] {
            for asOf in Self.dates + [Day.parse("2026-05-01")!, Day.parse("2026-04-30")!] {
                #expect(Self.merged(l, asOf: asOf, assertions: assertions) == Self.sortedAll(l, asOf: asOf, assertions: assertions), "\(asOf) \(assertions)")
            }
        }
        let all = Self.merged(l, asOf: Day.parse("2026-05-01")!, assertions: true)
        #expect(all.map { $0[1] } == [1, 0, 0, 1, 2, 3, 4, 4])
    }

    @Test func emptyLedger() {
        #expect(Self.merged(Ledger(), asOf: Self.dates[0], assertions: true).isEmpty)
    }
}
