import Testing
@testable import DueKit

/// Parsing gives the same model however the ledger's text repeats: texts that share a
/// beginning and an end, texts built to land in one slot of the parser's table of shared
/// texts, and texts that are all different.
@Suite struct RepeatedTextTests {
    /// Notes whose `said` lines differ only in the middle, each written twice so some are
    /// shared, followed by the same number of unrelated texts.
    static func saidTexts(_ n: Int) -> [String] {
        var texts: [String] = []
        for k in 0..<n {
            let number = String(repeating: "0", count: 7 - String(k).count) + String(k)
            texts.append("called accounts payable about INV-\(number), promised payment within 7 days")
            texts.append("called accounts payable about INV-\(number), promised payment within 7 days")
            texts.append("note \(k * 7_919 % 10_007) of a ledger whose texts share nothing in particular")
        }
        return texts
    }

    static func ledger(_ texts: [String]) -> [UInt8] {
        var s = "settings\n  currency GBP\n\nclient c1 Client One\n\n"
        for (k, t) in texts.enumerated() {
            s += "2026-0\(1 + k % 9)-1\(k % 10) note c1 call\n  said  \(t)\n  said  \(t.uppercased())\n\n"
        }
        return Array(s.utf8)
    }

    @Test func notesSharingPrefixesAndSuffixesParseAsIfEachWereAlone() {
        let texts = Self.saidTexts(3_000)
        let whole = LedgerLoader.load(bytes: Self.ledger(texts), path: "l.due", parallel: false)
        #expect(whole.diagnostics.isEmpty)
        #expect(whole.ledger.notes.count == texts.count)
        let said = whole.ledger.notes.map { $0.said(in: whole.ledger.files) }
        #expect(said == texts.map { [$0, $0.uppercased()] })
        #expect(whole.ledger.notes.map { $0.gist(in: whole.ledger.files) } == texts)
        // Each note on its own in a ledger of one note: nothing to share with.
        for k in stride(from: 0, to: texts.count, by: 97) {
            let alone = LedgerLoader.load(bytes: Self.ledger([texts[k]]), path: "l.due").ledger
            #expect(alone.notes[0].said(in: alone.files) == said[k])
        }
        // The same notes in reverse order give the same notes.
        let reversed = LedgerLoader.load(bytes: Self.ledger(texts.reversed()), path: "l.due", parallel: false)
        #expect(reversed.ledger.notes.map { $0.said(in: reversed.ledger.files) }.reversed() == said)
    }

    @Test func theInternerHashesEveryByte() {
        let a = Array("called accounts payable about INV-0000001, promised payment within 7 days".utf8)
        var b = a
        b[40] = UInt8(ascii: "9")
        let hashes = [a, b].map { bytes in bytes.withUnsafeBufferPointer { TextInterner.hash($0) } }
        #expect(hashes[0] != hashes[1])
        // Texts that differ only in their last bytes pick slots apart: the table reads the low
        // bits (once, all the ids `client-with-a-long-id-10` to `-99` picked one slot).
        for length in [16, 23, 24, 31, 40] {
            let slots = Set((0..<100).map { k in
                let text = Array((String(repeating: "x", count: length - 2) + String(100 + k).suffix(2)).utf8)
                return text.withUnsafeBufferPointer { TextInterner.hash($0) } & 1023
            })
            #expect(slots.count > 90, "length \(length): \(slots.count) slots")
        }
    }

    @Test func textsThatCollideAreStillReadExactlyAndRepeatsAreShared() {
        var interner = TextInterner()
        // Texts of one length, beginning and end (which a hash of the ends could not tell
        // apart) must come back exactly, each time.
        var texts: [[UInt8]] = []
        for k in 10_000..<15_000 { texts.append(Array("a long text, number \(k), that is written out".utf8)) }
        for round in 0..<2 {
            for t in texts {
                let s = t.withUnsafeBufferPointer { interner.text($0, 0, $0.count) }
                #expect(Array(s.utf8) == t, "round \(round)")
            }
        }
        // A text met twice is one string: both copies share their bytes.
        let t = Array("payment by bank transfer with reference".utf8)
        var first = t.withUnsafeBufferPointer { interner.text($0, 0, $0.count) }
        var second = t.withUnsafeBufferPointer { interner.text($0, 0, $0.count) }
        let p1 = first.withUTF8 { $0.baseAddress }
        let p2 = second.withUTF8 { $0.baseAddress }
        #expect(p1 == p2)
    }
}

extension RepeatedTextTests {
    /// A client id longer than a string holds in itself, named by thousands of entries, is one
    /// string that they all share, and the ledger reads as it does with short ids.
    @Test func longClientIdsAreSharedByTheirEntries() {
        func ledger(_ ids: [String]) -> [UInt8] {
            var s = "settings\n  currency GBP\n\n"
            for id in ids { s += "client \(id) Client \(id)\n\n" }
            // Over `ParallelParse.threshold`, so that the parse in parts is a parse in parts.
            for k in 0..<32_000 {
                let id = ids[k * 7 % ids.count]
                s += "2026-0\(1 + k % 9)-1\(k % 10) invoice \(id) N-\(k)\n  item  work  \(k % 50 + 1).00\n\n"
                s += "2026-10-2\(k % 10) payment \(id) \(k % 50 + 1).00\n  apply  N-\(k)\n\n"
            }
            return Array(s.utf8)
        }
        let long = (0..<40).map { "client-with-a-long-id-\($0)" }
        let short = (0..<40).map { "c\($0)" }
        let longBytes = ledger(long), shortBytes = ledger(short)
        #expect(ParallelParse.plan(for: SourceFile(id: 0, path: "l.due", bytes: longBytes), parts: 4) != nil)
        for parallel in [false, true] {
            let a = LedgerLoader.load(longBytes, inParts: parallel), b = LedgerLoader.load(shortBytes, inParts: parallel)
            #expect(a.diagnostics.isEmpty && b.diagnostics.isEmpty)
            #expect(a.ledger.invoices.map(\.clientNumber) == b.ledger.invoices.map(\.clientNumber))
            #expect(a.ledger.payments.map(\.clientNumber) == b.ledger.payments.map(\.clientNumber))
            #expect(a.ledger.invoices.map { long.firstIndex(of: $0.client) } == b.ledger.invoices.map { short.firstIndex(of: $0.client) })
            // The entries of one client read by one part of the parse hold one string: at most
            // one string per client and part beyond the first.
            var first: [String: String] = [:]
            var shared = 0
            for inv in a.ledger.invoices {
                if let f = first[inv.client], IDTable.sameLayout(f, inv.client) { shared += 1 } else { first[inv.client] = inv.client }
            }
            #expect(shared >= a.ledger.invoices.count - 40 * (parallel ? 4 : 1), "parallel: \(parallel)")
        }
    }
}

@Suite struct IDTableTests {
    /// Ids are equal as Swift compares strings, by canonical equivalence, as a dictionary
    /// found them: `é` written as one character or as `e` and an accent is one id.
    @Test func canonicallyEquivalentIdsAreOneId() {
        let ids = ["zo\u{E9}", "acme", "zoe\u{301}", "\u{212A}elvin", "Kelvin", "\u{5BA2}\u{6237}-7"]
        let (table, repeats) = IDTable.firsts(ids)
        #expect(repeats.map { [$0.0, $0.1] } == [[2, 0], [4, 3]])
        #expect(table["zoe\u{301}"] == 0 && table["zo\u{E9}"] == 0)
        #expect(table["Kelvin"] == 3 && table["acme"] == 1 && table["\u{5BA2}\u{6237}-7"] == 5)
        #expect(table["zoe"] == nil && table["acm"] == nil)
    }

    @Test func idsThatDifferOnlyInTheMiddleAreFoundEachAtItsPlace() {
        let ids = (0..<20_000).map { "INV-\(100_000 + $0)-2026" } + (0..<2_000).map { "\u{C9}tude-\($0)" }
        let table = IDTable(ids)
        for (k, id) in ids.enumerated() { #expect(table[id] == k) }
    }
}

extension IDTableTests {
    @Test func anExactTableMatchesBytes() {
        let table = IDTable(["zo\u{E9}", "\u{212A}elvin"], exact: true)
        #expect(table["zo\u{E9}"] == 0 && table["zoe\u{301}"] == nil)
        #expect(table["\u{212A}elvin"] == 1 && table["Kelvin"] == nil)
    }
}

extension LedgerLoader {
    /// `bytes` read on one thread, or in four parts (when the file is large enough to be cut).
    static func load(_ bytes: [UInt8], inParts: Bool) -> LoadResult {
        inParts ? load(bytes: bytes, path: "l.due", parts: 4) : load(bytes: bytes, path: "l.due", parallel: false)
    }
}
