import Foundation
import Testing
@testable import DueKit

/// Every `.due` file under `folder`, recursively.
private func ledgerFiles(under folder: String) -> [String] {
    let root = Repo.path(folder)
    guard let walk = FileManager.default.enumerator(atPath: root) else { return [] }
    return walk.compactMap { $0 as? String }.filter { $0.hasSuffix(".due") }.sorted().map { "\(root)/\($0)" }
}

/// Printing the tree must give the bytes back, and its nodes must be where the text says.
private func expectRoundTrip(_ bytes: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let tree = SyntaxTree(bytes: bytes)
    #expect(tree.printed() == bytes, "\(name) does not come back byte for byte", sourceLocation: sourceLocation)
    // Lines tile the file after the byte order mark; entries tile the lines after the preamble.
    var at = tree.bomLength
    for i in 0..<tree.lineCount {
        let l = tree.line(i)
        #expect(l.range.lowerBound == at, "\(name): line \(i + 1) does not start where the one before ended", sourceLocation: sourceLocation)
        at = l.range.upperBound
    }
    #expect(at == bytes.count, sourceLocation: sourceLocation)
    var next = tree.preamble.upperBound
    for k in 0..<tree.entryCount {
        let e = tree.entry(k)
        #expect(e.lines.lowerBound == next && tree.line(e.header).role == .header, sourceLocation: sourceLocation)
        next = e.lines.upperBound
    }
    #expect(next == tree.lineCount, sourceLocation: sourceLocation)
}

@Suite struct SyntaxTreeTests {
    @Test func everySampleAndCorpusFileComesBackByteForByte() throws {
        let files = ledgerFiles(under: "samples") + ledgerFiles(under: "Tests/Corpus") + ledgerFiles(under: "Tests/DueKitTests/Goldens")
        #expect(files.count > 100)
        for path in files {
            expectRoundTrip(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path)
        }
    }

    @Test(arguments: [LedgerGenerator.Profile.uniform, .realistic])
    func generatedLedgersComeBackByteForByte(profile: LedgerGenerator.Profile) {
        let g = LedgerGenerator(invoices: 2_000, seed: 5, profile: profile)
        expectRoundTrip(g.generate(), "\(profile)")
        expectRoundTrip(g.draft(), "\(profile) draft")
    }

    @Test func awkwardTextComesBackByteForByte() {
        let texts = [
            "", "\n", "\r\n", "\u{FEFF}", "\u{FEFF}settings\n", "no final newline", "2026-01-02 invoice acme 1\r\n  total 10\r\n",
            "\t2026-01-02 invoice acme 1 \t\n\ttotal\t10 ; tabs\t\n\n  \n", "client acme  Acme ; who\n  ; inside\n  email a@b.c   \n;end",
            "2026-01-02 invoice acme 1\n  item Design × 3 x 10.00 GBP ;c\r", "\r\r\n\n  stray\n", "\0\u{7F}\u{FF}",
        ]
        for t in texts { expectRoundTrip(Array(t.utf8), t.debugDescription) }
        expectRoundTrip([0xFF, 0xFE, 0x0A, 0xC3], "invalid UTF-8")
    }

    @Test func nodesKnowWhatTheyAre() throws {
        let text = """
            ; preamble

            client acme Acme Ltd   ; a client
              terms  net 30
            2026-03-02 invoice acme 2026-001
              item   Design sprint   3 x 850.00 GBP
              item   Hosting  25.00
              total  2,575.00
            2026-03-20 plan acme 100
              for x
              2026-04-01  50
            2026-03-21 invioce acme 2

            """
        let tree = SyntaxTree(bytes: Array(text.utf8))
        let b = Array(text.utf8)
        func s(_ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }
        #expect(tree.preamble == 0..<2)
        #expect((0..<tree.entryCount).map { tree.entry($0).kind } == [.client, .invoice, .plan, nil])
        #expect((0..<tree.entryCount).map { tree.entry($0).dated } == [false, true, true, true])
        let client = tree.line(tree.entry(0).header)
        #expect(s(client.content) == "client acme Acme Ltd" && client.comment.map(s) == "; a client")
        #expect(tree.line(3).keyword == .terms)
        #expect(tree.words(ofLine: 3).map { s($0.start..<$0.end) } == ["terms", "net", "30"])
        let item = try #require(tree.item(atLine: 5))
        #expect(item.description.map(s) == "Design sprint")
        #expect(item.quantity.map { s($0.start..<$0.end) } == "3")
        #expect(item.times.map { s($0.start..<$0.end) } == "x")
        #expect(s(item.price.start..<item.price.end) == "850.00")
        #expect(item.currency.map { s($0.start..<$0.end) } == "GBP")
        let one = try #require(tree.item(atLine: 6))
        #expect(one.quantity == nil && one.description.map(s) == "Hosting" && one.isComplete)
        #expect(tree.item(atLine: 7) == nil)
        #expect(tree.line(9).keyword == .purpose && tree.line(10).role == .instalment)
    }
}

@Suite struct EntryKindTests {
    @Test func eachKindIsNamedByTheWordThatStartsIt() {
        for kind in EntryKind.allCases {
            let word = Array(kind.text.utf8)
            let keyword = word.withUnsafeBufferPointer { Keyword.match($0, 0, $0.count) }
            #expect(keyword.flatMap { EntryKind($0, dated: kind.isDated) } == kind, "\(kind)")
            #expect(kind.text == "\(kind)")
        }
    }
}
