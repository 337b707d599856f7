import Testing
@testable import DueKit

/// Each parser's cache of client ids is sized by the bytes it reads: the language server's
/// pieces of a large ledger get a small one, a whole file or a part of it the full size.
@Suite struct ShortTextCacheSizeTests {
    @Test func theCacheGrowsWithTheBytesReadWithinItsBounds() {
        #expect(ShortTextCache(forBytes: 0).capacity == 64)
        #expect(ShortTextCache(forBytes: 16 << 10).capacity == 64)
        #expect(ShortTextCache(forBytes: (16 << 10) + 1).capacity == 128)
        #expect(ShortTextCache(forBytes: 1 << 20).capacity == 4096)
        #expect(ShortTextCache(forBytes: 4 << 20).capacity == 1 << 14)
        #expect(ShortTextCache(forBytes: 1 << 30).capacity == 1 << 14)
    }

    @Test func aParserOfAFewBytesHasASmallCache() {
        let file = SourceFile(id: 0, path: "t.due", bytes: Array("client acme Acme\n".utf8))
        #expect(LedgerParser(file: file, order: 0).clientIDs.capacity == 64)
    }

    /// More distinct ids than a small cache holds: those it cannot keep are made each time, and
    /// every entry still names its own client.
    @Test func idsBeyondWhatTheCacheHoldsAreReadAsWritten() {
        let ids = (0..<300).map { "c\($0)" }
        var text = ids.map { "client \($0) Name\n" }.joined()
        for (k, id) in (ids + ids).enumerated() {
            text += "2026-01-\(k % 20 + 10) invoice \(id) INV-\(k)\n  total 10.00\n"
        }
        let r = load(text)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        #expect(r.ledger.invoices.map(\.client) == ids + ids)
    }
}
