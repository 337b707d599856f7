import Testing
@testable import DueKit

/// `EntryText` builds its syntax nodes as it writes; a reader of the same bytes must find the
/// same tree, or the printer would lay out something other than what the text says.
@Suite struct EntryTextTests {
    func sameTree(_ built: SyntaxTree, _ read: SyntaxTree) -> Bool {
        guard built.lineCount == read.lineCount, built.entryCount == read.entryCount else { return false }
        for i in 0..<built.lineCount {
            let a = built.line(i), b = read.line(i)
            guard a.role == b.role, a.range == b.range, a.content == b.content, a.comment == b.comment, a.keyword == b.keyword else { return false }
        }
        for k in 0..<built.entryCount {
            let a = built.entry(k), b = read.entry(k)
            guard a.kind == b.kind, a.dated == b.dated, a.header == b.header, a.lines == b.lines else { return false }
        }
        return true
    }

    @Test func nodesBuiltWhileWritingAreTheNodesAReaderFinds() {
        var random = SplitMix(seed: 21)
        let texts = ["Design work", "Design; phase 2", "ünïcode wörds", "x", "a  b", "total 12.00 GBP", "100.00", "INV-7 paid in full"]
        for round in 0..<30 {
            var out = EntryText()
            for _ in 0..<random.below(3) { out.comment(IDText.text(texts[random.below(texts.count)])) }
            if random.below(2) == 0 {
                out.entry(.settings)
                out.detail(.currency, "GBP")
            }
            for n in 0..<random.below(12) {
                let day = Day(year: 2026, month: 1 + random.below(12), day: 1 + random.below(28))!
                switch random.below(6) {
                case 0:
                    out.entry(.client, random.below(2) == 0 ? "c\(n)" : "c\(n) \(texts[random.below(texts.count)])")
                    if random.below(2) == 0 { out.detail(.terms, "net 30") }
                case 1:
                    out.entry(.invoice, on: day, "c\(n) INV-\(n)")
                    out.detail(.purpose, IDText.text(texts[random.below(texts.count)]))
                    out.detail(.total, "1,200.00")
                    if random.below(2) == 0 { out.detail(.due, day.description) }
                case 2:
                    out.entry(.payment, on: day, "c\(n) 10.00" + (random.below(2) == 0 ? " EUR" : ""))
                    out.detail(.apply, "INV-\(n)")
                case 3:
                    out.entry(.credit, on: day, "c\(n) 5.00")
                    out.detail(.number, "CN-\(n)")
                    out.detail(.reason, IDText.text(texts[random.below(texts.count)]))
                case 4:
                    out.entry(.note, on: day, "c\(n) file")
                    out.detail(random.below(2) == 0 ? .dispute : .resolved, "INV-\(n) \(IDText.text(texts[random.below(texts.count)]))")
                default:
                    out.entry(.letter, on: day, "c\(n) reminder")
                    out.detail(.invoices, "INV-\(n) INV-\(n + 1)")
                    out.detail(.channel, "email")
                }
            }
            let read = SyntaxTree(bytes: out.bytes)
            #expect(sameTree(out.tree, read), "round \(round)")
            #expect(out.printed() == LedgerFormatter.format(read), "round \(round)")
        }
    }

    /// The comparison is not blind: a tree that calls a detail by another keyword differs.
    @Test func aWrongNodeIsNotTheTreeAReaderFinds() {
        var out = EntryText()
        out.entry(.invoice, on: Day(year: 2026, month: 3, day: 2)!, "acme A-1")
        out.detail(.purpose, "Design")
        var wrong = SyntaxTree(filling: SourceBytes(out.bytes), span: 0..<out.bytes.count)
        let read = SyntaxTree(bytes: out.bytes)
        for i in 0..<read.lineCount {
            let l = read.line(i)
            wrong.add(lineAt: l.range.lowerBound, role: l.role, content: l.content, comment: l.comment, keyword: l.keyword == .purpose ? .ref : l.keyword, entry: .invoice)
        }
        wrong.end()
        #expect(sameTree(out.tree, read))
        #expect(!sameTree(wrong, read))
    }
}
