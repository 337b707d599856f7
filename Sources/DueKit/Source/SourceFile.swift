#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One ledger file as read from disk: its bytes and the name it is shown under.
///
/// Positions everywhere else are byte offsets into `bytes`; line and column are worked out only
/// when a diagnostic is shown, so the parser never pays for them.
public struct SourceFile: Sendable {
    public let id: Int32
    /// The path as the user should see it (relative when the user gave a relative path).
    public let path: String
    public let bytes: SourceBytes

    public init(id: Int32, path: String, bytes: [UInt8]) {
        self.init(id: id, path: path, source: SourceBytes(bytes))
    }

    public init(id: Int32, path: String, source: SourceBytes) {
        self.id = id
        self.path = path
        self.bytes = source
    }
}

/// Where the lines of a text start, for the editor's documents (`LineIndex`), which ask for
/// lines anywhere and often. (Diagnostics count lines from checkpoints instead: `LineTable`.)
enum LineStarts {
    /// 0, then one past every line feed. `memchr` keeps a large ledger's lines to a few
    /// milliseconds.
    static func of(_ b: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = [0]
        guard let base = b.baseAddress else { return starts }
        var i = 0
        while i < b.count, let p = memchr(base + i, 0x0A, b.count - i) {
            i = base.distance(to: p.assumingMemoryBound(to: UInt8.self)) + 1
            starts.append(i)
        }
        return starts
    }

    /// The line that holds `offset`: the last start at or before it.
    static func line(of offset: Int, in starts: [Int]) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}

/// A half-open byte range `start..<end` in one source file.
public struct SourceRange: Sendable, Hashable {
    public var file: Int32
    public var start: Int32
    public var end: Int32

    public init(file: Int32, start: Int, end: Int) {
        self.file = file
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: max(start, end))
    }

    /// A range for diagnostics about a whole run (no file position applies).
    public static let none = SourceRange(file: -1, start: 0, end: 0)
    public var isNone: Bool { file < 0 }
}

/// Line and column of a position, both counted from 1. Columns count Unicode scalars, so a
/// caret lines up under non-ASCII names.
public struct SourcePosition: Sendable, Hashable {
    public var line: Int
    public var column: Int
}

/// Lines and columns of one file, for showing diagnostics. A line's number is the count of
/// line feeds before it, counted from the nearest checkpoint (the count before every 4 KB
/// block, made as far as the furthest offset asked), and its start is found by reading back
/// to the feed before it: a table of every line's start took more memory than a large
/// ledger's entries, and read the whole file, for a single warning near its top. Diagnostics
/// come in file order, so the counting runs once through the file, handing back the pages it
/// has passed (`SourceBytes.release`).
public struct LineTable: Sendable {
    public let file: SourceFile
    /// Line feeds before each block of `block` bytes, as far as counted.
    private var feedsBefore: [Int] = [0]
    /// Where the pages behind the counting were last handed back.
    private var released = 0
    /// The last offset asked and the line feeds before it: the next is most often a little
    /// further in the same block (the end of a range, the next diagnostic), counted from here.
    private var last = (offset: 0, feeds: 0)
    static let block = 1 << 12

    public init(_ file: SourceFile) {
        self.file = file
    }

    /// The 0-based line that holds `offset`.
    public mutating func lineIndex(of offset: Int) -> Int {
        let offset = min(max(offset, 0), file.bytes.count)
        let k = offset / Self.block
        if feedsBefore.count <= k { count(through: k) }
        let from = k * Self.block
        let n = last.offset >= from && last.offset <= offset ? last.feeds + feeds(last.offset..<offset) : feedsBefore[k] + feeds(from..<offset)
        last = (offset, n)
        return n
    }

    public mutating func position(of offset: Int) -> SourcePosition {
        let index = lineIndex(of: offset)
        let stop = min(max(offset, 0), file.bytes.count)
        var i = lineStart(holding: stop)
        var column = 1
        file.bytes.withUnsafeBufferPointer { b in
            // The BOM is invisible to the user, so it does not count as a column.
            if i == 0, b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = min(3, stop) }
            while i < stop {
                if b[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
        }
        return SourcePosition(line: index + 1, column: column)
    }

    /// The text of the line that holds `offset` (without its line ending).
    public func lineText(holding offset: Int) -> String {
        lineText(holding: offset, within: .max).text
    }

    /// The line that holds `offset` as `lineText` gives it, or on a line longer than `within`
    /// bytes a piece of it about `offset` (a quarter before, the rest after), cut at whole
    /// characters: a file saved with CR line ends is one line of megabytes, and a diagnostic
    /// shows a few dozen characters of it. With the column of `offset` in the text given (1
    /// for its first character), and whether the line goes on before or after it.
    public func lineText(holding offset: Int, within: Int) -> (text: String, column: Int, cutStart: Bool, cutEnd: Bool) {
        file.bytes.withUnsafeBufferPointer { b in
            let o = min(max(offset, 0), b.count)
            var start = lineStart(holding: o)
            var end = b.count
            if let base = b.baseAddress, start < b.count, let p = memchr(base + start, 0x0A, b.count - start) {
                end = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            if start == 0, b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { start = min(3, end) }
            if end > start, b[end - 1] == 0x0D { end -= 1 }
            var cutStart = false, cutEnd = false
            if end - start > within {
                var from = max(start, min(o, end) - within / 4), to = min(end, max(o, from) + within - within / 4)
                while from > start, from < o, b[from] & 0xC0 == 0x80 { from += 1 }
                while to < end, to > o, b[to] & 0xC0 == 0x80 { to -= 1 }
                (cutStart, cutEnd) = (from > start, to < end)
                (start, end) = (from, to)
            }
            var column = 1
            if o > start { for i in start..<o where b[i] & 0xC0 != 0x80 { column += 1 } }
            return (String(decoding: UnsafeBufferPointer(rebasing: b[start..<max(start, end)]), as: UTF8.self), column, cutStart, cutEnd)
        }
    }

    /// Where the line that holds `offset` starts: one past the line feed before it, looked for
    /// eight bytes at a time, so a diagnostic far into a very long line (a file saved with CR
    /// line ends is one line) does not read it back byte by byte.
    func lineStart(holding offset: Int) -> Int {
        file.bytes.withUnsafeBufferPointer { b in
            var i = min(offset, b.count)
            guard let base = b.baseAddress else { return 0 }
            let raw = UnsafeRawPointer(base)
            while i >= 8 {
                // As in `feeds`: the high bit of each byte that is a line feed, and of no other.
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i - 8, as: UInt64.self)) ^ 0x0A0A_0A0A_0A0A_0A0A
                let feeds = ~(((w & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | w) & 0x8080_8080_8080_8080
                // The last of them in the text is the highest bit set.
                if feeds != 0 { return i - 8 + (63 - feeds.leadingZeroBitCount) / 8 + 1 }
                i -= 8
            }
            while i > 0 && b[i - 1] != 0x0A { i -= 1 }
            return i
        }
    }

    private func feeds(_ range: Range<Int>) -> Int {
        file.bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return 0 }
            let raw = UnsafeRawPointer(base)
            var n = 0, i = range.lowerBound
            // Eight bytes at a time: a byte of `w` is zero where the text has a line feed, and
            // adding 0x7F to its low seven bits sets the high bit of every byte that is not.
            while i + 8 <= range.upperBound {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
                let nonzero = ((w & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | w
                n &+= 8 - (nonzero & 0x8080_8080_8080_8080).nonzeroBitCount
                i += 8
            }
            while i < range.upperBound {
                if b[i] == 0x0A { n += 1 }
                i += 1
            }
            return n
        }
    }

    /// Counts the blocks up to block `k`, handing back the pages passed every 8 MB.
    private mutating func count(through k: Int) {
        while feedsBefore.count <= k {
            let from = (feedsBefore.count - 1) * Self.block
            feedsBefore.append(feedsBefore[feedsBefore.count - 1] + feeds(from..<min(from + Self.block, file.bytes.count)))
        }
        let counted = k * Self.block
        if counted - released >= 8 << 20 {
            file.bytes.release(released..<counted)
            released = counted
        }
    }
}
