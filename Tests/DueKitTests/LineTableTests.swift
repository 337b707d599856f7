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
}
