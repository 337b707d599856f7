import Testing
@testable import DueKit

/// `due fmt` prints each line as the parser reads it (`FormatVerifier.readPrinting`, words as
/// the parser split them); printing a syntax tree (`LedgerFormatter.changes`, words split again)
/// is the definition. Both must find the same changed stretches and print the same text, on
/// any bytes, valid or not, whole or cut into parts.
@Suite struct LinePrinterTests {
    /// The two printings of each part of `input` cut every `size` bytes or so.
    static func expectSame(_ input: [UInt8], size: Int, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let source = SourceBytes(input)
        let file = SourceFile(id: 0, path: "p.due", source: source)
        let cuts = FormatParts.cuts(source, size: size)
        let n = cuts.count - 1
        for k in 0..<n {
            let span = cuts[k]..<cuts[k + 1]
            let followsText = k > 0, headerFollows = k < n - 1
            var ledger = Ledger()
            var d: [Diagnostic] = []
            // Every other part sets aside what entries do not keep: its reading is then the
            // part's whole meaning, which a part that changes much is proved against.
            let setsAside = k % 2 == 0
            let streamed = FormatVerifier.readPrinting(file, span, followsText: followsText, headerFollows: headerFollows, setsAside: setsAside, into: &ledger, diagnostics: &d)
            if setsAside {
                let meaning = FormatVerifier.meaning(of: file, in: span, diagnostics: &d)
                #expect(FormatVerifier.modelDifference(ledger, meaning) == nil && ledger.setAside == meaning.setAside, "\(label): part \(k) of \(n), meaning", sourceLocation: sourceLocation)
            }
            let tree = SyntaxTree(source: source, span: span)
            let printed = LedgerFormatter.changes(tree, followsText: followsText, headerFollows: headerFollows)
            let a = streamed.stretches.map { [$0.source.lowerBound, $0.source.upperBound, $0.printed.lowerBound, $0.printed.upperBound] }
            let b = printed.stretches.map { [$0.source.lowerBound, $0.source.upperBound, $0.printed.lowerBound, $0.printed.upperBound] }
            #expect(a == b, "\(label): part \(k) of \(n), stretches", sourceLocation: sourceLocation)
            #expect(streamed.text == printed.text, "\(label): part \(k) of \(n), text", sourceLocation: sourceLocation)
            #expect(streamed.span == span, sourceLocation: sourceLocation)
            // Stretches begin and end only where a part may begin (the tree's own reckoning).
            var places: Set<Int> = [span.lowerBound, span.upperBound]
            for e in 0..<tree.entryCount {
                if let cut = FormatParts.cut(above: tree.entry(e).header, in: tree) { places.insert(cut) }
            }
            for s in streamed.stretches {
                #expect(places.contains(s.source.lowerBound) && places.contains(s.source.upperBound), "\(label): part \(k), stretch \(s.source)", sourceLocation: sourceLocation)
            }
        }
    }

    /// `text` with about one line in `every` changed in one of the ways a hand-edited (or
    /// broken) ledger differs from a canonical one.
    static func mutated(_ text: [UInt8], every: Int, _ rng: inout SplitMix) -> [UInt8] {
        var lines = String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let forty = (1...40).map { "w\($0)" }.joined(separator: " ")
        for i in lines.indices where rng.next() % UInt64(every) == 0 {
            var l = lines[i]
            switch rng.next() % 14 {
            case 0: l = l.replacingOccurrences(of: " ", with: "\t")
            case 1: l = l.replacingOccurrences(of: " ", with: "   ")
            case 2: l += "   ; a comment ; with ; more"
            case 3: l += " Grüße — ×"
            case 4: l = "  " + l
            case 5: l = String(l.drop { $0 == " " || $0 == "\t" })
            case 6: l += "\r"
            case 7: l = "  said " + forty
            case 8: l = l.replacingOccurrences(of: " ", with: " \u{0C} ")
            case 9: l = "# " + l
            case 10: l = ""
            case 11: l = "include other.due"
            case 12: l += "\r\r"
            default: l = "\t" + l + "\t "
            }
            lines[i] = l
        }
        var out = Array(lines.joined(separator: "\n").utf8)
        if rng.next() % 3 == 0, out.last == 0x0A { out.removeLast() }
        return out
    }

    @Test func messyLedgersPrintAlikeWholeAndInParts() {
        var rng = SplitMix(seed: 1414)
        for round in 0..<120 {
            let input = Array(MessyLedgerGenerator.make(&rng).utf8)
            for size in [1 << 20, 300, 60] {
                Self.expectSame(input, size: size, "messy \(round) / \(size)")
                Self.expectSame(LedgerFormatter.format(input), size: size, "canonical \(round) / \(size)")
            }
            Self.expectSame(Self.mutated(input, every: 3, &rng), size: 200, "mutated messy \(round)")
        }
    }

    @Test func generatedLedgersPrintAlikeTouchedAndBroken() {
        var rng = SplitMix(seed: 7)
        let canonical = LedgerGenerator(invoices: 400, seed: 5, profile: .realistic).generate()
        Self.expectSame(canonical, size: 4_000, "canonical")
        Self.expectSame(Array(Messifier.mess(String(decoding: canonical, as: UTF8.self)).utf8), size: 4_000, "messified")
        for every in [2, 7, 40] {
            Self.expectSame(Self.mutated(canonical, every: every, &rng), size: 3_000, "mutated 1 in \(every)")
        }
        // A byte order mark, a preamble of stray lines, and no final newline.
        let odd = Array("\u{FEFF}; top\n  stray detail\n\n\n2026-01-01 note acme\n  said hi ;c\n\n\n; tail\n2026-01-02 note acme\n  said x".utf8)
        Self.expectSame(odd, size: 1 << 20, "odd")
        Self.expectSame(odd, size: 10, "odd in parts")
    }

    /// The outcome `fmt` gives is the tree printer's text (valid input) or a refusal (errors).
    @Test func formattingAFileGivesTheTreePrintersText() {
        var rng = SplitMix(seed: 31)
        for round in 0..<60 {
            let input = Array(MessyLedgerGenerator.make(&rng).utf8)
            let outcome = FileFormatter.format(source: SourceBytes(input), path: "p.due", cuts: FormatParts.cuts(SourceBytes(input), size: 250))
            switch outcome.status {
            case .changed, .unchanged:
                #expect(outcome.formatted.array == LedgerFormatter.format(input), "round \(round)")
                #expect((outcome.status == .unchanged) == (LedgerFormatter.format(input) == input), "round \(round)")
            case .invalid:
                #expect(!outcome.diagnostics.isEmpty, "round \(round)")
            case .unsafe(let why):
                Issue.record("round \(round): \(why)")
            }
        }
    }
}
