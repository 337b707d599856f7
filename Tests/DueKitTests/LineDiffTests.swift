import Testing
@testable import DueKit

/// `due fmt --check` diffs a large file an entry at a time; on what `fmt` changes that must be
/// the diff of the whole text, byte for byte.
@Suite struct LineDiffTests {
    static func whole(_ a: [UInt8], _ b: [UInt8]) -> String { LineDiff.unified(old: a, new: b, oldLabel: "x", newLabel: "x (formatted)") }

    static func byEntry(_ a: [UInt8], _ b: [UInt8], stretch: Int = LineDiff.stretchLimit) -> String {
        var out: [UInt8] = []
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                let ops = LineDiff.byEntry(a, b, stretch: stretch)
                LineDiff.write(a, b, ops: ops, oldLabel: "x", newLabel: "x (formatted)") { out.append(contentsOf: $0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func formatted(_ input: [UInt8]) -> [UInt8]? {
        let outcome = FileFormatter.format(bytes: input, path: "x")
        return outcome.status == .changed ? Array(outcome.formatted) : nil
    }

    /// Large enough that the whole-text diff lines up at the lines found once in each text
    /// (a smaller one is diffed whole by `write`, which is what `--check` prints for it).
    static func expectSameAsWhole(_ input: [UInt8], _ output: [UInt8], hunks: Int = 10, sourceLocation: SourceLocation = #_sourceLocation) {
        let whole = Self.whole(input, output)
        let lines = whole.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("@@") }.count >= hunks, sourceLocation: sourceLocation)
        // Lines kept: the texts were lined up, not shown as one replacement.
        #expect(lines.filter { $0.hasPrefix(" ") }.count > 200, sourceLocation: sourceLocation)
        #expect(Self.byEntry(input, output) == whole, sourceLocation: sourceLocation)
    }

    @Test func messyLedgersDiffTheSameAnEntryAtATime() throws {
        var rng = SplitMix(seed: 1412)
        for _ in 0..<3 {
            // Many generated ledgers one after another: every kind of entry, comments moved
            // to other places, blank lines added and taken away.
            // Each with its own client, so that headers are found once, as in a real ledger.
            let ledgers = (0..<250).map { k in MessyLedgerGenerator.make(&rng).replacingOccurrences(of: "acme", with: "acme\(k)") }
            let input = Array(ledgers.joined(separator: "\n").replacingOccurrences(of: "\r\n", with: "\n").utf8)
            let output = try #require(Self.formatted(input))
            Self.expectSameAsWhole(input, output, hunks: 1)
        }
    }

    @Test func realisticLedgerDiffsTheSameAnEntryAtATime() throws {
        let canonical = LedgerGenerator(invoices: 1_000, seed: 7, profile: .realistic).generate()
        let text = String(decoding: canonical, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Only one line in fifty changes.
        for i in lines.indices where i % 50 == 7 && lines[i].hasPrefix("  ") { lines[i] = "    " + lines[i].drop { $0 == " " } }
        // Details moved and re-spaced, with the line endings kept.
        let moved = Messifier.mess(text).replacingOccurrences(of: "\r\n", with: "\n")
        for (messy, hunks) in [(lines.joined(separator: "\n"), 10), (moved, 1)] {
            let input = Array(messy.utf8)
            let output = try #require(Self.formatted(input))
            #expect(output == canonical)
            Self.expectSameAsWhole(input, output, hunks: hunks)
        }
    }

    /// Headers that change are no place to line up: the stretch goes on to the next header
    /// that is the same in both, or is cut when it grows long; either way a correct diff.
    @Test func changedHeadersJoinTheStretchAroundThem() throws {
        var old = "", new = ""
        for n in 0..<40 {
            old += "2026-01-01  invoice acme \(n)\n  total   \(n).00\n\n"
            new += "2026-01-01 invoice acme \(n)\n  total  \(n).00\n\n"
        }
        let a = Array(old.utf8), b = Array(new.utf8)
        #expect(Self.byEntry(a, b) == Self.whole(a, b))
        let cut = Self.byEntry(a, b, stretch: 10)
        #expect(try FormatterTests().apply(cut, to: old) == new)
    }

    /// A byte order mark before the first line (which `fmt` drops) does not make that line a
    /// header of its own: the texts still line up at every header after it.
    @Test func aByteOrderMarkDoesNotMisalignTheHeaders() throws {
        var body = "; a ledger\n\n"
        for n in 0..<200 { body += "2026-01-01 invoice acme \(n)\n  total  \(n).00\n\n" }
        let old = Array("\u{FEFF}".utf8) + Array(body.utf8)
        var changed = body
        changed = changed.replacingOccurrences(of: "invoice acme 100\n  total  100.00", with: "invoice acme 100\n  total  100.50")
        let new = Array(changed.utf8)
        let diff = Self.byEntry(old, new, stretch: 10)
        #expect(diff.split(separator: "\n").filter { $0.hasPrefix("@@") }.count == 2, "\(diff)")
        #expect(try FormatterTests().apply(diff, to: String(decoding: old, as: UTF8.self)) == changed)
    }

    @Test func lineEndingsAtTheEnd() {
        let cases: [(String, String)] = [
            ("a\nb\nc", "a\nb\nc\n"), ("a\nb\nc\n", "a\nb\nc"), ("x\n  y\nz", "x\n  y\nz"), ("2026 a\n  b\n", "2026 a\n  c"),
            ("", "a\n"), ("a\n", ""), ("h\n  1\n  2\n  3\n  4\n  5\n  6\n  7\n  8\n  9", "h\n  1\n  2\n  3\n  4\n  5\n  6\n  7\n  8\n  9\n"),
        ]
        for (x, y) in cases {
            let a = Array(x.utf8), b = Array(y.utf8)
            #expect(Self.byEntry(a, b) == Self.whole(a, b), "\(x.debugDescription) → \(y.debugDescription)")
        }
        #expect(Self.byEntry(Array("a\n".utf8), Array("a\n".utf8)) == "")
    }

    /// A large text goes by entry and its hunks reach the sink in pieces.
    @Test func largeTextsAreWrittenInPieces() {
        var old = "", new = ""
        let notes = String(repeating: "; " + String(repeating: "x", count: 60) + "\n", count: 8)
        for n in 0..<9_000 {
            old += "2026-01-01 invoice acme \(n)\n  total   \(n).00\n" + notes
            new += "2026-01-01 invoice acme \(n)\n  total  \(n).00\n" + notes
        }
        #expect(old.utf8.count > LineDiff.wholeLimit)
        var out: [UInt8] = []
        var pieces = 0
        LineDiff.write(old: SourceBytes(Array(old.utf8)), new: SourceBytes(Array(new.utf8)), oldLabel: "x", newLabel: "x (formatted)") {
            out.append(contentsOf: $0)
            pieces += 1
        }
        #expect(pieces > 3)
        let diff = String(decoding: out, as: UTF8.self)
        #expect(diff.hasPrefix("--- x\n+++ x (formatted)\n@@ -1,5 +1,5 @@\n 2026-01-01 invoice acme 0\n-  total   0.00\n+  total  0.00\n ; x"))
        #expect(diff.split(separator: "\n").filter { $0.hasPrefix("@@") }.count == 9_000)
        // One hunk as long as the file is written in pieces too.
        let long = Array(old.replacingOccurrences(of: "; x", with: ";  x").utf8)
        pieces = 0
        out = []
        LineDiff.write(old: SourceBytes(Array(old.utf8)), new: SourceBytes(long), oldLabel: "x", newLabel: "y") {
            out.append(contentsOf: $0)
            pieces += 1
        }
        #expect(pieces > 3)
        #expect(String(decoding: out, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("@@") } == ["@@ -1,90000 +1,90000 @@"])
        #expect(diff.hasSuffix("-  total   8999.00\n+  total  8999.00\n ; \(String(repeating: "x", count: 60))\n ; \(String(repeating: "x", count: 60))\n ; \(String(repeating: "x", count: 60))\n"))
    }
}
