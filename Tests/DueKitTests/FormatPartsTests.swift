import Testing
@testable import DueKit

/// `due fmt` cuts a large file into parts checked, printed and proved on their own; whatever
/// the cuts, the outcome must be the one-part outcome.
@Suite struct FormatPartsTests {
    /// Every place `FormatParts` may cut `bytes`.
    static func places(_ bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBufferPointer { b in
            var places: [Int] = []
            var at = 1
            while at < b.count, let c = FormatParts.cut(at: at, b) {
                places.append(c)
                at = c + 1
            }
            return places
        }
    }

    static func outcome(_ bytes: [UInt8], cuts inner: [Int]) -> FormatOutcome {
        FileFormatter.format(source: SourceBytes(bytes), path: "p.due", cuts: [0] + inner + [bytes.count])
    }

    static func expectSame(_ a: FormatOutcome, _ b: FormatOutcome, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.status == b.status, "\(what): \(a.status) vs \(b.status)", sourceLocation: sourceLocation)
        #expect(Array(a.formatted) == Array(b.formatted), "\(what): texts differ", sourceLocation: sourceLocation)
        #expect(a.diagnostics.map(\.code) == b.diagnostics.map(\.code), "\(what)", sourceLocation: sourceLocation)
        #expect(a.diagnostics.map(\.range) == b.diagnostics.map(\.range), "\(what)", sourceLocation: sourceLocation)
    }

    @Test func messyLedgersFormatTheSameCutAtEveryPlaceAndAtAllOfThem() {
        var rng = SplitMix(seed: 20261201)
        var cutsTried = 0
        for _ in 0..<40 {
            let input = Array(MessyLedgerGenerator.make(&rng).utf8)
            let whole = Self.outcome(input, cuts: [])
            #expect(whole.status == .changed || whole.status == .unchanged)
            let places = Self.places(input)
            for c in places {
                Self.expectSame(Self.outcome(input, cuts: [c]), whole, "cut at \(c)")
            }
            Self.expectSame(Self.outcome(input, cuts: places), whole, "cut at \(places)")
            cutsTried += places.count
        }
        #expect(cutsTried > 100)
    }

    @Test func realisticLedgerFormatsTheSameInManyParts() {
        let canonical = LedgerGenerator(invoices: 300, seed: 5, profile: .realistic).generate()
        let messy = Array(Messifier.mess(String(decoding: canonical, as: UTF8.self)).utf8)
        for input in [canonical, messy] {
            let cuts = FormatParts.cuts(SourceBytes(input), size: 2_000)
            #expect(cuts.count > 20, "\(cuts.count)")
            let whole = Self.outcome(input, cuts: [])
            let parts = FileFormatter.format(source: SourceBytes(input), path: "p.due", cuts: cuts)
            Self.expectSame(parts, whole, "\(cuts.count - 1) parts")
        }
        #expect(Self.outcome(canonical, cuts: []).status == .unchanged)
        let fixed = Self.outcome(messy, cuts: [])
        #expect(fixed.status == .changed)
        #expect(Array(fixed.formatted) == canonical)
    }

    @Test func cutsStartAtDatedHeadersThatNoCommentLeads() {
        let text = Array("""
            client acme Acme
              terms net 30

            ; about the invoice below
            2026-01-02 invoice acme 1
              total 10.00
            2026-01-03 invoice acme 2
              total 10.00
              ; trailing
            2026-01-04 invoice acme 3
              total 10.00

            2026-01-05 payment acme 10.00

            """.utf8)
        let places = Self.places(text)
        // What each part starts with: a header, or the blank line above one.
        let lines = places.map { String(decoding: text[$0...].prefix { $0 != 0x0A }, as: UTF8.self) }
        #expect(lines == ["2026-01-03 invoice acme 2", ""])
        #expect(text[(places[1] + 1)...].starts(with: "2026-01-05".utf8))
        // Parts of about 30 bytes: one at every place there is.
        #expect(FormatParts.cuts(SourceBytes(text), size: 30) == [0] + places + [text.count])
        #expect(FormatParts.cuts(SourceBytes(text), size: text.count) == [0, text.count])
    }

    /// Only blank lines above the first header: no cut there, as the first part would print
    /// nothing and the second would start with a blank line.
    @Test func noCutBelowOnlyBlankLines() {
        let text = Array("\n\n  \n2026-01-02 invoice acme 1\n  total 10.00\n2026-01-03 invoice acme 2\n  total 10.00\n".utf8)
        let places = Self.places(text)
        #expect(places.count == 1 && text[places[0]...].starts(with: "2026-01-03".utf8))
        let whole = Self.outcome(text, cuts: [])
        #expect(String(decoding: Array(whole.formatted), as: UTF8.self).hasPrefix("2026-01-02"))
        for c in places { Self.expectSame(Self.outcome(text, cuts: [c]), whole, "cut at \(c)") }
    }

    @Test func aSecondSettingsInAnotherPartIsAnError() {
        let text = Array("settings\n  currency EUR\n\n2026-01-02 invoice acme 1\n  total 10.00\n\nsettings\n  currency GBP\n".utf8)
        let places = Self.places(text)
        #expect(places.count == 1)
        let parts = Self.outcome(text, cuts: places)
        #expect(parts.status == .invalid)
        #expect(parts.diagnostics.map(\.code) == ["E121"])
        Self.expectSame(parts, Self.outcome(text, cuts: []), "E121")
    }

    @Test func anErrorInALaterPartIsShownWhereItIs() {
        let text = Array("2026-01-02 invoice acme 1\n  total 10.00\n\n2026-02-30 invoice acme 2\n  total   10\n".utf8)
        let parts = Self.outcome(text, cuts: Self.places(text))
        #expect(parts.status == .invalid)
        #expect(parts.diagnostics.map(\.code) == ["E104"])
        #expect(parts.diagnostics.first?.range.start == 41)
        #expect(parts.formatted.elementsEqual(text))
    }

    /// Each part is proved on its own: a part's ledger and comments beside what the part
    /// printed to, so a change of meaning in any one part is refused.
    @Test func aPartIsProvedOnItsOwn() {
        let text = Array("2026-01-02 invoice acme 1 ; one\n  total 10.00\n\n2026-01-03 invoice acme 2\n  total   20.00\n  for Design\n".utf8)
        let file = SourceFile(id: 0, path: "p.due", bytes: text)
        let second = Self.places(text)[0]..<text.count
        let tree = SyntaxTree(source: file.bytes, span: second)
        var d: [Diagnostic] = []
        let meaning = FormatVerifier.meaning(of: file, in: second, diagnostics: &d)
        #expect(d.isEmpty && meaning.invoices.count == 1)
        let printed = LedgerFormatter.format(tree, followsText: true)
        #expect(String(decoding: printed, as: UTF8.self) == "\n2026-01-03 invoice acme 2\n  for    Design\n  total  20.00\n")
        func verdict(_ s: String) -> String? { FormatVerifier.difference(original: meaning, originalTree: tree, formatted: Array(s.utf8), path: "p.due") }
        #expect(verdict(String(decoding: printed, as: UTF8.self)) == nil)
        #expect(verdict("\n2026-01-03 invoice acme 2\n  for    Design\n  total  20.01\n") == "the invoices would change")
        #expect(verdict("\n2026-01-03 invoice acme 2\n  for    Design\n  total  20.00\n; new\n") == "the comments would change")
        // The first part's comment is not the second part's to keep.
        #expect(verdict("\n2026-01-03 invoice acme 2 ; one\n  for    Design\n  total  20.00\n") == "the comments would change")
    }

    /// The tree the parser fills as it reads is the tree read on its own.
    @Test func treeFilledByTheParserIsTheTreeReadAlone() {
        var rng = SplitMix(seed: 7)
        for _ in 0..<10 {
            let input = Array(MessyLedgerGenerator.make(&rng).utf8)
            let file = SourceFile(id: 0, path: "p.due", bytes: input)
            for span in [0..<input.count, (Self.places(input).first ?? 0)..<input.count] {
                var d: [Diagnostic] = []
                let (_, filled) = FormatVerifier.read(file, span, tree: true, diagnostics: &d)
                let alone = SyntaxTree(source: file.bytes, span: span)
                #expect(filled?.printed() == alone.printed())
                #expect(filled?.lineCount == alone.lineCount && filled?.entryCount == alone.entryCount)
                #expect(filled.map { LedgerFormatter.format($0) } == LedgerFormatter.format(alone))
            }
        }
    }
}
