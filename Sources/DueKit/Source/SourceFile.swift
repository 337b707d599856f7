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

    /// Offsets at which each line starts; computed on demand, once per rendering.
    public func lineStarts() -> [Int] {
        bytes.withUnsafeBufferPointer { LineStarts.of($0) }
    }
}

/// Where the lines of a text start, for the diagnostics renderer (`LineTable`) and the
/// editor's documents (`LineIndex`) alike.
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

/// Converts offsets to line/column for one file.
public struct LineTable: Sendable {
    public let file: SourceFile
    public let starts: [Int]

    public init(_ file: SourceFile) {
        self.file = file
        self.starts = file.lineStarts()
    }

    public func lineIndex(of offset: Int) -> Int { LineStarts.line(of: offset, in: starts) }

    public func position(of offset: Int) -> SourcePosition {
        let index = lineIndex(of: offset)
        var column = 1
        var i = starts[index]
        let bytes = file.bytes
        let stop = min(offset, bytes.count)
        // The BOM is invisible to the user, so it does not count as a column.
        if index == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = min(3, stop) }
        bytes.withUnsafeBufferPointer { b in
            while i < stop {
                if b[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
        }
        return SourcePosition(line: index + 1, column: column)
    }

    /// The text of a line (without its line ending), for showing under a diagnostic.
    public func lineText(_ index: Int) -> String {
        guard index < starts.count else { return "" }
        var start = starts[index]
        var end = index + 1 < starts.count ? starts[index + 1] - 1 : file.bytes.count
        if index == 0, file.bytes.count >= 3, file.bytes[0] == 0xEF, file.bytes[1] == 0xBB, file.bytes[2] == 0xBF {
            start = min(3, end)
        }
        if end > start, file.bytes[end - 1] == 0x0D { end -= 1 }
        return file.bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<max(start, end)]), as: UTF8.self) }
    }
}
