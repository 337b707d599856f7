import Testing
@testable import DueKit

/// The diagnostics' line table counts lines from checkpoints instead of keeping every line's
/// start: it must give what a table of every start gives, in any order of asking.
@Suite struct LineTableTests {
    /// Line and column as a table of every line's start gives them (columns count characters,
    /// a BOM is not one).
    static func expected(_ bytes: [UInt8], _ offset: Int) -> (line: Int, column: Int, text: String) {
        let starts = bytes.withUnsafeBufferPointer { LineStarts.of($0) }
        let index = LineStarts.line(of: offset, in: starts)
        var from = starts[index]
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        var end = index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count
        if index == 0 && bom { from = min(3, end) }
        let column = 1 + bytes[from..<max(from, min(offset, bytes.count))].filter { $0 & 0xC0 != 0x80 }.count
        if end > from && bytes[end - 1] == 0x0D { end -= 1 }
        return (index + 1, column, String(decoding: bytes[from..<max(from, end)], as: UTF8.self))
    }

    @Test func checkpointsGiveWhatEveryLineStartGives() {
        var random = SplitMix(seed: 9)
        let lines = ["2026-01-02 invoice acme 1", "  total 10", "", "  said Grüße aus Köln", "; note\r", "x"]
        for bom in [false, true] {
            var bytes: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
            while bytes.count < 3 * LineTable.block + 123 {
                bytes += Array(lines.randomElement(using: &random)!.utf8) + [0x0A]
            }
            var table = LineTable(SourceFile(id: 0, path: "t.due", bytes: bytes))
            // Forward, then back and forth, and the very end.
            let offsets = stride(from: 0, to: bytes.count, by: 977).map { $0 }
                + (0..<300).map { _ in Int.random(in: 0...bytes.count, using: &random) } + [bytes.count]
            for o in offsets {
                let want = Self.expected(bytes, o)
                let got = table.position(of: o)
                #expect(got.line == want.line && got.column == want.column, "offset \(o)")
                #expect(table.lineText(holding: o) == want.text, "offset \(o)")
            }
        }
    }
    /// On a long line the text shown about an offset is a piece of the line, cut at whole
    /// characters, holding the offset at the column it says; a short line is given whole.
    @Test func aLongLineIsReadOnlyAboutTheOffset() {
        var random = SplitMix(seed: 77)
        let pieces = ["a", "é", "日", "😀", " ", "\t"]
        var line = ""
        while line.utf8.count < 200_000 { line += pieces[Int(random.next() % UInt64(pieces.count))] }
        let bytes = Array(("x\n" + line + "\r\ny\n").utf8)
        var table = LineTable(SourceFile(id: 0, path: "t.due", bytes: bytes))
        let whole = table.lineText(holding: 5)
        for _ in 0..<200 {
            // Offsets at the start of a character, as diagnostics have them.
            var o = 2 + Int(random.next() % UInt64(line.utf8.count))
            while bytes[o] & 0xC0 == 0x80 { o -= 1 }
            let piece = table.lineText(holding: o, within: 4096)
            #expect(piece.text.utf8.count <= 4096 && !piece.text.contains("\u{FFFD}"))
            #expect(whole.contains(piece.text))
            // The characters before the offset in the piece end where the line's do.
            let before = String(piece.text.unicodeScalars.prefix(piece.column - 1))
            let full = table.position(of: o).column - 1
            #expect(String(whole.unicodeScalars.prefix(full)).hasSuffix(before))
            #expect(piece.cutStart == !whole.hasPrefix(piece.text) && piece.cutEnd == !whole.hasSuffix(piece.text))
        }
        let short = table.lineText(holding: bytes.count - 1, within: 4096)
        #expect(short.text == "y" && short.column == 2 && !short.cutStart && !short.cutEnd)
    }
}

