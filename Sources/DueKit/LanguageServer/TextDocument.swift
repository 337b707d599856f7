#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of one open document as the editor has it, in UTF-8, with LSP's UTF-16 positions
/// converted to byte offsets and back.
public struct TextDocument: Sendable {
    public let uri: String
    public var version: Int?
    public private(set) var bytes: [UInt8]
    public private(set) var lines: LineIndex

    public init(uri: String, version: Int?, text: String) {
        self.uri = uri
        self.version = version
        self.bytes = Array(text.utf8)
        self.lines = LineIndex(bytes)
    }

    /// Applies one change: the whole text when `range` is nil, else that range replaced.
    public mutating func apply(_ change: ContentChange) {
        if let range = change.range {
            let start = lines.offset(of: range.start, in: bytes)
            let end = max(start, lines.offset(of: range.end, in: bytes))
            let inserted = Array(change.text.utf8)
            bytes.replaceSubrange(start..<end, with: inserted)
            lines = lines.replacing(start..<end, with: inserted, in: bytes)
        } else {
            bytes = Array(change.text.utf8)
            lines = LineIndex(bytes)
        }
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Where each line starts in a byte buffer, and the conversions between byte offsets and
/// LSP positions (line, UTF-16 column). A line ends as LSP has it end, at `\n`, `\r\n` or a
/// lone `\r`: the editor counts lines so, and a position after a lone `\r` would name another
/// place to it than to the server. The parser still reads a lone `\r` as a control character
/// in its line (E006); only the editor's positions count it as a line's end.
public struct LineIndex: Sendable {
    public let starts: [Int]
    let count: Int
    /// A UTF-8 byte order mark on the first line: editors do not show it, so it counts no column.
    let bom: Bool

    public init(_ bytes: [UInt8]) {
        self.starts = bytes.withUnsafeBufferPointer(Self.starts)
        self.count = bytes.count
        self.bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    init(starts: [Int], bytes: [UInt8]) {
        self.starts = starts
        self.count = bytes.count
        self.bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// 0, then one past every line's end: the parser's lines (`LineStarts`), and the lone `\r`s
    /// found by `memchr` as well (a file of `\r\n` lines has a `\r` on every line, and none
    /// that ends one).
    static func starts(_ b: UnsafeBufferPointer<UInt8>) -> [Int] {
        let starts = LineStarts.of(b)
        guard let base = b.baseAddress else { return starts }
        var lone: [Int] = []
        var i = 0
        while i < b.count, let p = memchr(base + i, 0x0D, b.count - i) {
            let at = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            if at + 1 == b.count || base[at + 1] != 0x0A { lone.append(at + 1) }
            i = at + 1
        }
        return lone.isEmpty ? starts : (starts + lone).sorted()
    }

    /// The index of `bytes`, which are the bytes this indexed with `old` replaced by `inserted`:
    /// lines before the change are kept and those after it moved, so a keystroke in a large
    /// document does not scan all of it again. A change that writes a `\r`, or comes just after
    /// one, may make it a line's end or no longer one: the text is indexed again.
    func replacing(_ old: Range<Int>, with inserted: [UInt8], in bytes: [UInt8]) -> LineIndex {
        if inserted.contains(0x0D) || (old.lowerBound > 0 && bytes[old.lowerBound - 1] == 0x0D) { return LineIndex(bytes) }
        // Lines starting up to the change stay; those starting inside what was replaced go;
        // those after it move by the change in length.
        var starts = Array(self.starts[...line(of: old.lowerBound)])
        for (k, b) in inserted.enumerated() where b == 0x0A { starts.append(old.lowerBound + k + 1) }
        let delta = inserted.count - old.count
        let after = line(of: old.upperBound) + 1
        starts.reserveCapacity(starts.count + self.starts.count - after)
        for k in after..<self.starts.count { starts.append(self.starts[k] + delta) }
        return LineIndex(starts: starts, bytes: bytes)
    }

    public var lineCount: Int { starts.count }

    public func line(of offset: Int) -> Int { LineStarts.line(of: offset, in: starts) }

    /// Bytes of line `n` without its line ending.
    public func lineRange(_ n: Int, in bytes: [UInt8]) -> Range<Int> {
        guard n >= 0, n < starts.count else { return bytes.count..<bytes.count }
        var start = starts[n]
        var end = n + 1 < starts.count ? starts[n + 1] - 1 : bytes.count
        if n == 0, bom { start = min(3, end) }
        // A `\r` before the `\n` ends the line with it; a lone one is the end itself.
        if end > start, end < bytes.count, bytes[end] == 0x0A, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    public func position(of offset: Int, in bytes: [UInt8]) -> Position {
        let offset = min(max(0, offset), bytes.count)
        let n = line(of: offset)
        var i = starts[n]
        if n == 0, bom { i = min(3, offset) }
        var units = 0
        while i < offset {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            units += length == 4 ? 2 : 1
            i += length
        }
        return Position(line: n, character: units)
    }

    /// The byte offset of a position; a column past the end of the line gives the line's end,
    /// and a line past the end of the text gives the end of the text, as LSP asks.
    public func offset(of p: Position, in bytes: [UInt8]) -> Int {
        guard p.line >= 0 else { return 0 }
        guard p.line < starts.count else { return bytes.count }
        let end = p.line + 1 < starts.count ? starts[p.line + 1] - 1 : bytes.count
        var i = starts[p.line]
        if p.line == 0, bom { i = min(3, end) }
        var units = 0
        while i < end, units < p.character {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            units += length == 4 ? 2 : 1
            i += length
        }
        return min(i, end)
    }

    public func range(_ r: Range<Int>, in bytes: [UInt8]) -> LSPRange {
        LSPRange(start: position(of: r.lowerBound, in: bytes), end: position(of: r.upperBound, in: bytes))
    }
}
