import Testing
@testable import DueKit

/// How a large ledger's invoices are shared between the two cores that resolve them.
@Suite struct InvoiceSplitTests {
    /// The front's blocks and the back part cover every invoice once, the front's in order and
    /// before the back's, whenever the back part is asked for.
    @Test func theFrontAndTheBackCoverEveryInvoiceOnce() {
        let block = LedgerResolver.InvoiceSplit.block
        for count in [0, 1, block - 1, block, 3 * block + 17] {
            for frontFirst in 0...4 {
                let split = LedgerResolver.InvoiceSplit(count: count)
                var front: [Range<Int>] = []
                for _ in 0..<frontFirst {
                    if let r = split.front() { front.append(r) }
                }
                let back = split.back()
                while let r = split.front() { front.append(r) }
                let covered = front.flatMap { Array($0) } + Array(back)
                #expect(covered == Array(0..<count), "count \(count), \(frontFirst) blocks first")
                #expect(front.allSatisfy { $0.count <= block && !$0.isEmpty })
            }
        }
    }

    /// Resolved on two cores, with the invoices in several blocks, a ledger resolves as on one:
    /// the same invoices, briefs, links and facts, in the same order.
    @Test func twoCoresResolveAsOne() {
        var text = "settings\n  currency GBP\nclient acme Acme\nclient euro Euro\n  currency EUR\n"
        let count = 2 * LedgerResolver.InvoiceSplit.block + 300
        for k in 0..<count {
            let client = k % 3 == 0 ? "euro" : k % 5 == 0 ? "ghost" : "acme"
            // Repeated numbers, totals that disagree with their items and currencies that
            // are not the client's, all along.
            let number = k % 997 == 0 ? "N-1" : "N-\(k)"
            text += "2026-01-02 invoice \(client) \(number)\n\(k % 401 == 0 ? "  currency GBP\n" : "")  item Work 1 x 10.00\n  total \(k % 613 == 0 ? "11.00" : "10.00")\n"
            text += "2026-01-03 payment \(client) 5.00\n  apply N-\((k * 7) % count)\n"
        }
        let parsed = LedgerLoader.parse(bytes: Array(text.utf8), path: "l.due", parallel: false)
        var one = parsed.ledger, two = parsed.ledger
        LedgerResolver.resolve(&one, parallelMinimum: .max)
        LedgerResolver.resolve(&two, parallelMinimum: 1)
        #expect(one.invoices == two.invoices)
        #expect(one.briefs == two.briefs)
        #expect(one.allocations == two.allocations)
        // Invoice 1 is N-1 too: every invoice numbered N-1 for a multiple of 997 repeats it.
        #expect(one.invoices.filter(\.isDuplicate).count == (count - 1) / 997 + 1)
        #expect("\(one.facts)" == "\(two.facts)")
        #expect(one.facts.count > 20)
    }
}
