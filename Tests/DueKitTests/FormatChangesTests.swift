import Testing
@testable import DueKit

/// The printer keeps only the stretches of a part that print otherwise, and `fmt` proves each
/// such stretch on its own; both must come to what printing and proving the whole part does.
@Suite struct FormatChangesTests {
    static func changes(_ input: [UInt8]) -> (FormatChanges, SyntaxTree) {
        let tree = SyntaxTree(bytes: input)
        return (LedgerFormatter.changes(tree), tree)
    }

    static func expectJoinedIsPrinted(_ input: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let (changes, tree) = Self.changes(input)
        let joined = input.withUnsafeBufferPointer { changes.joined(with: $0) }
        #expect(joined == LedgerFormatter.format(tree), sourceLocation: sourceLocation)
        #expect(changes.stretches.isEmpty == (joined == input), sourceLocation: sourceLocation)
        for s in changes.stretches {
            #expect(Array(changes.text[s.printed]) != Array(input[s.source]), sourceLocation: sourceLocation)
            // Each begins where a part may begin.
            #expect(s.source.lowerBound == 0 || FormatPartsTests.places(input).contains(s.source.lowerBound), sourceLocation: sourceLocation)
        }
        // The unchanged stretches are not held.
        #expect(changes.text.count == changes.stretches.reduce(0) { $0 + $1.printed.count }, sourceLocation: sourceLocation)
    }

    @Test func changedStretchesJoinToThePrintedText() {
        var rng = SplitMix(seed: 99)
        for _ in 0..<40 {
            let input = Array(MessyLedgerGenerator.make(&rng).utf8)
            Self.expectJoinedIsPrinted(input)
            Self.expectJoinedIsPrinted(LedgerFormatter.format(input))
        }
        let canonical = LedgerGenerator(invoices: 200, seed: 3, profile: .realistic).generate()
        #expect(Self.changes(canonical).0.stretches.isEmpty)
        #expect(Self.changes(canonical).0.text.isEmpty)
        Self.expectJoinedIsPrinted(Array(Messifier.mess(String(decoding: canonical, as: UTF8.self)).utf8))
        Self.expectJoinedIsPrinted(Self.touched(canonical))
    }

    /// The canonical ledger with one detail line in about forty re-indented.
    static func touched(_ canonical: [UInt8]) -> [UInt8] {
        var lines = String(decoding: canonical, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices where i % 40 == 9 && lines[i].hasPrefix("  ") { lines[i] = "    " + lines[i].drop { $0 == " " } }
        return Array(lines.joined(separator: "\n").utf8)
    }

    /// Few changes: only the changed stretches are read again, and the outcome, whatever the
    /// parts, is the one-part outcome.
    @Test func fewChangesAreProvedStretchByStretch() throws {
        let canonical = LedgerGenerator(invoices: 300, seed: 11, profile: .realistic).generate()
        let input = Self.touched(canonical)
        let file = SourceFile(id: 0, path: "p.due", bytes: input)
        var d: [Diagnostic] = []
        let (original, read) = FormatVerifier.read(file, 0..<input.count, tree: true, diagnostics: &d)
        let tree = try #require(read)
        let changes = LedgerFormatter.changes(tree)
        #expect(changes.stretches.count > 10)
        #expect(changes.stretches.reduce(0) { $0 + $1.source.count } * 3 < input.count, "the stretch-by-stretch proof is the one taken")
        let text = changes.joined(with: input.withUnsafeBufferPointer { $0 })
        #expect(text == canonical)
        #expect(FileFormatter.prove(changes, of: file, original: { original }, text: text) == nil)

        // A stretch that would mean something else is refused, as the whole-part proof does.
        for (from, to, why) in [("  total  ", "  total  1", "the invoices would change"), ("  tax    VAT", "  ; VAT\n  tax    VAT", "the comments would change")] {
            var bad = changes
            let s = try #require(bad.stretches.firstIndex { String(decoding: bad.text[$0.printed], as: UTF8.self).contains(from) })
            let stretch = bad.stretches[s]
            let printed = String(decoding: bad.text[stretch.printed], as: UTF8.self)
            let wrong = Array(printed.replacingOccurrences(of: from, with: to).utf8)
            bad.text.replaceSubrange(stretch.printed, with: wrong)
            let shift = wrong.count - stretch.printed.count
            bad.stretches[s].printed = stretch.printed.lowerBound..<stretch.printed.upperBound + shift
            for k in (s + 1)..<bad.stretches.count {
                bad.stretches[k].printed = bad.stretches[k].printed.lowerBound + shift..<bad.stretches[k].printed.upperBound + shift
            }
            let badText = bad.joined(with: input.withUnsafeBufferPointer { $0 })
            #expect(FileFormatter.prove(bad, of: file, original: { original }, text: badText) == why)
            #expect(FormatVerifier.difference(original: original, originalTree: tree, formatted: badText, path: "p.due") == why)
        }

        let whole = FormatPartsTests.outcome(input, cuts: [])
        #expect(whole.status == .changed && Array(whole.formatted) == canonical)
        let cuts = FormatParts.cuts(SourceBytes(input), size: 3_000)
        #expect(cuts.count > 10)
        FormatPartsTests.expectSame(FileFormatter.format(source: SourceBytes(input), path: "p.due", cuts: cuts), whole, "\(cuts.count - 1) parts")
    }

    /// A stretch is proved beside its own bytes only.
    @Test func aStretchIsProvedOnItsOwn() {
        let text = Array("2026-01-02 invoice acme 1 ; one\n  total 10.00\n\n2026-01-03 invoice acme 2\n  total   20.00\n  for Design\n".utf8)
        let file = SourceFile(id: 0, path: "p.due", bytes: text)
        let second = FormatPartsTests.places(text)[0]..<text.count
        func verdict(_ s: String) -> String? { FormatVerifier.difference(of: file, second, formatted: Array(s.utf8)) }
        #expect(verdict("\n2026-01-03 invoice acme 2\n  for    Design\n  total  20.00\n") == nil)
        #expect(verdict("\n2026-01-03 invoice acme 2\n  for    Design\n  total  20.01\n") == "the invoices would change")
        #expect(verdict("\n2026-01-03 invoice acme 2\n  for    Design\n  total  20.00\n; new\n") == "the comments would change")
        #expect(verdict("\n2026-01-03 invoice acme 2 ; one\n  for    Design\n  total  20.00\n") == "the comments would change")
        #expect(verdict("\n2026-01-03 invoice acme 2\n  for    Design\n  total  20.00\n\n2026-01-04 payment acme 1.00\n") == "the payments and credits would change")
        #expect(verdict("\n2026-01-03 invoice acme 2\n  total  twenty\n")?.hasPrefix("the formatted text does not parse") == true)
    }
}
