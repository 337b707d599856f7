/// One physical line of a ledger, as byte offsets into its file.
///
/// The scanner finds the parts every later stage needs — indentation, content, trailing
/// comment — without allocating, so the parser and the formatter share one notion of a line.
public struct ScannedLine: Sendable {
    public enum Kind: Sendable { case blank, comment, header, detail }

    public var kind: Kind
    /// Offset of the first byte of the line and of its line ending (or the end of file).
    public var start: Int
    public var end: Int
    /// Content: after indentation, before any trailing comment and trailing blanks.
    public var contentStart: Int
    public var contentEnd: Int
    /// Offset of a trailing comment's `;` (or of the comment line's marker), if any.
    public var commentStart: Int?
    /// End of the comment text, trailing blanks removed.
    public var commentEnd: Int
    /// 1-based line number.
    public var number: Int
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct LineScanner {
    public let bytes: SourceBytes
    fileprivate var offset: Int
    fileprivate let limit: Int
    fileprivate var lineNumber = 0
    /// The check of the text read so far, when the scanner makes it (`checkingText`).
    private(set) var text: UTF8Check.Progress?

    public init(bytes: [UInt8]) {
        self.init(bytes: SourceBytes(bytes), from: 0, to: bytes.count)
    }

    /// Scans only `bytes[from..<to]`; `from` must be the start of a line. Lets two threads
    /// parse two halves of a large file.
    public init(bytes: SourceBytes, from: Int, to: Int) {
        self.bytes = bytes
        limit = to
        // A UTF-8 byte order mark is not content.
        offset = from == 0 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : from
    }

    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    /// Where the next line starts.
    public var position: Int { offset }

    /// Checks the text of the lines read by `next(_:words:)` as they are read (`UTF8Check`),
    /// where the check would otherwise be a pass over the file of its own. (A byte order mark
    /// skipped is a valid character: there is nothing in it to find.)
    mutating func checkingText() {
        text = UTF8Check.Progress(to: limit)
    }

    public mutating func next() -> ScannedLine? {
        let count = limit
        guard offset < count else { return nil }
        lineNumber += 1
        return bytes.withUnsafeBufferPointer { b -> ScannedLine in
            let start = offset
            // memchr finds line ends and `;` many bytes at a time.
            let base = b.baseAddress!
            var end = count
            if let p = memchr(base + start, 0x0A, count - start) {
                end = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            offset = end + 1
            var stop = end
            if stop > start && b[stop - 1] == 0x0D { stop -= 1 }
            var i = start
            while i < stop && LineScanner.isBlank(b[i]) { i += 1 }
            let indented = i > start
            var trimmed = stop
            while trimmed > i && (LineScanner.isBlank(b[trimmed - 1]) || b[trimmed - 1] == 0x0D) { trimmed -= 1 }
            if i == trimmed {
                return ScannedLine(kind: .blank, start: start, end: end, contentStart: i, contentEnd: i, commentStart: nil, commentEnd: i, number: lineNumber)
            }
            if b[i] == 0x3B || b[i] == 0x23 {
                return ScannedLine(kind: .comment, start: start, end: end, contentStart: i, contentEnd: i, commentStart: i, commentEnd: trimmed, number: lineNumber)
            }
            // A trailing comment is `;` after a blank.
            var commentStart: Int? = nil
            var j = i + 1
            while j < trimmed, let p = memchr(base + j, 0x3B, trimmed - j) {
                let k = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                if LineScanner.isBlank(b[k - 1]) {
                    commentStart = k
                    break
                }
                j = k + 1
            }
            var contentEnd = commentStart ?? trimmed
            while contentEnd > i && LineScanner.isBlank(b[contentEnd - 1]) { contentEnd -= 1 }
            return ScannedLine(
                kind: indented ? .detail : .header, start: start, end: end, contentStart: i, contentEnd: contentEnd,
                commentStart: commentStart, commentEnd: trimmed, number: lineNumber)
        }
    }
}

extension LineScanner {
    /// Reads the next line into `line`, its content split into `words` in the same pass over
    /// its bytes; false at the end. The common line (words of printable bytes, blanks between,
    /// an optional `;` comment, LF or CRLF at the end) is read once, where `next()` and
    /// `Words.split` read it three times. Any other line (a control character, a lone CR, more
    /// words than `words` has room for) is read by `next()` and `split`, the definition this
    /// must agree with. `b` must be `bytes`.
    /// Inlined into the parser's loop, writing into the builder's line in place: a line
    /// returned, or a reading lent a closure for the words' room, went through memory on every
    /// line, and a copy read back whole what was just written field by field stalled on it.
    @inline(__always)
    mutating func next(_ b: UnsafeBufferPointer<UInt8>, words: inout Words, into line: inout ScannedLine) -> Bool {
        guard offset < limit else { return false }
        let start = offset
        guard let scanned = OneLine.read(b.baseAddress!, from: start, limit: limit, into: words.room()) else {
            // Read the plain way; `next()` counts the line itself.
            guard let plain = next() else { return false }
            if plain.kind == .header || plain.kind == .detail { words.split(b, plain.contentStart, plain.contentEnd) }
            if text != nil { text!.check(b, line: start, to: min(offset, limit)) }
            line = plain
            return true
        }
        lineNumber += 1
        offset = scanned.end + 1
        words.count = scanned.words
        // A line of words without a byte from 0x7F up, blanks, and an LF or CR LF (a CR that
        // ends the part is a lone CR) holds nothing the text check could find.
        if text != nil && (scanned.mayHoldHigh || scanned.commentStart != nil || scanned.end == limit) {
            text!.check(b, line: start, to: min(offset, limit))
        }
        line.kind = scanned.kind
        line.start = start
        line.end = scanned.end
        line.contentStart = scanned.contentStart
        line.contentEnd = scanned.contentEnd
        line.commentStart = scanned.commentStart
        line.commentEnd = scanned.commentEnd
        line.number = lineNumber
        return true
    }

    /// The next line and its words, as `next(_:words:into:)` reads them; nil at the end.
    mutating func next(_ b: UnsafeBufferPointer<UInt8>, words: inout Words) -> ScannedLine? {
        var line = ScannedLine(kind: .blank, start: 0, end: 0, contentStart: 0, contentEnd: 0, commentStart: nil, commentEnd: 0, number: 0)
        return next(b, words: &words, into: &line) ? line : nil
    }
}

/// The one pass over a common line behind `LineScanner.next(_:words:into:)`. Every byte a word can
/// hold is above 0x20, so a word is read by one comparison a byte; the few bytes at or below
/// it (blank, LF, CR, controls) are sorted out where a word stops.
enum OneLine {
    struct Result {
        var kind: ScannedLine.Kind
        var end: Int
        var contentStart: Int
        var contentEnd: Int
        var commentStart: Int?
        var commentEnd: Int
        var words: Int
        /// A word may hold a byte from 0x7F up (DEL, or a character beyond ASCII), which the
        /// text check must read; false when none does.
        var mayHoldHigh = false
    }

    /// A space or a tab, by one bit test (bits 0x09 and 0x20 of a mask).
    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c <= 0x20 && (1 as UInt64) << c & 0x1_0000_0200 != 0 }

    /// Reads the line at `start`; nil when it is not a common line.
    @inline(__always)
    static func read(_ p: UnsafePointer<UInt8>, from start: Int, limit: Int, into slots: UnsafeMutableBufferPointer<Word>) -> Result? {
        var i = start
        while i < limit && isBlank(p[i]) { i += 1 }
        let contentStart = i
        // Where the line ends when byte `i` ends it (an LF, the end of the part, or a CR just
        // before either); nil for any other byte.
        @inline(__always) func lineEnd(_ i: Int) -> Int? {
            if i == limit || p[i] == 0x0A { return i }
            if p[i] == 0x0D && (i + 1 == limit || p[i + 1] == 0x0A) { return i + 1 }
            return nil
        }
        if let end = lineEnd(i) {
            return Result(kind: .blank, end: end, contentStart: i, contentEnd: i, commentStart: nil, commentEnd: i, words: 0)
        }
        let first = p[i]
        if first == 0x3B || first == 0x23 {
            return comment(p, at: i, limit: limit, kind: .comment, contentStart: i, contentEnd: i, words: 0)
        }
        if first <= 0x20 { return nil }  // a control character or a lone CR: the plain reader's
        let kind: ScannedLine.Kind = i > start ? .detail : .header
        var n = 0
        // The bytes of the words from 0x7F up, flagged as the words are read (and perhaps
        // bytes beside them, read in the same loads).
        var high: UInt64 = 0
        // The common case is tested first at each step, and by comparisons, not a switch: a
        // jump table on the byte after a word was a tenth of this pass.
        while true {
            // `i` is at a word's first byte, above 0x20.
            if p[i] == 0x3B && n > 0 {
                return comment(p, at: i, limit: limit, kind: kind, contentStart: contentStart, contentEnd: slots[n - 1].end, words: n)
            }
            if n == slots.count { return nil }
            let s = i
            // From the word's first byte, so that the loads flag it too.
            i = ByteRuns.wordEnd(p, from: i, limit: limit, high: &high)
            slots[n] = Word(start: s, end: i)
            n += 1
            if i < limit && isBlank(p[i]) {
                i = ByteRuns.blanksEnd(p, from: i + 1, limit: limit)
                if i < limit && p[i] > 0x20 { continue }
                guard let end = lineEnd(i) else { return nil }
                let last = slots[n - 1].end
                return Result(kind: kind, end: end, contentStart: contentStart, contentEnd: last, commentStart: nil, commentEnd: last, words: n, mayHoldHigh: high & ByteRuns.high != 0)
            }
            guard let end = lineEnd(i) else { return nil }
            return Result(kind: kind, end: end, contentStart: contentStart, contentEnd: i, commentStart: nil, commentEnd: i, words: n, mayHoldHigh: high & ByteRuns.high != 0)
        }
    }

    /// A comment from `at` to the line's end, which may hold any bytes; its end is trimmed of
    /// blanks and CRs as `LineScanner.next()` trims it.
    static func comment(_ p: UnsafePointer<UInt8>, at: Int, limit: Int, kind: ScannedLine.Kind, contentStart: Int, contentEnd: Int, words: Int) -> Result {
        var end = limit
        if let f = memchr(p + at, 0x0A, limit - at) { end = UnsafeRawPointer(p).distance(to: UnsafeRawPointer(f)) }
        var trimmed = end
        if trimmed > at && p[trimmed - 1] == 0x0D { trimmed -= 1 }
        while trimmed > at && (isBlank(p[trimmed - 1]) || p[trimmed - 1] == 0x0D) { trimmed -= 1 }
        return Result(kind: kind, end: end, contentStart: contentStart, contentEnd: contentEnd, commentStart: at, commentEnd: trimmed, words: words)
    }
}

/// Where a run of word bytes or of blanks ends, eight bytes at a time: the columns of a ledger
/// are padded with blanks, and its words are a few bytes long, so a byte at a time costs a
/// comparison and a branch for every byte of the file.
enum ByteRuns {
    @inline(__always) static func load(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
    }

    static let high: UInt64 = 0x8080_8080_8080_8080
    static let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The high bit of each byte of `x` that is zero, exactly (no carries between bytes).
    @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & low) &+ low) | x) & high }

    /// The first offset from `i` that holds an LF, or `limit`.
    @inline(__always) static func lineEnd(_ p: UnsafePointer<UInt8>, from i: Int, limit: Int) -> Int {
        var i = i
        while i + 8 <= limit {
            let ends = zeroBytes(load(p, i) ^ 0x0A0A_0A0A_0A0A_0A0A)
            if ends != 0 { return i + ends.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < limit && p[i] != 0x0A { i += 1 }
        return i
    }

    /// The first offset from `i` whose byte is at or below 0x20 (a blank, a line end, a
    /// control character), or `limit`.
    @inline(__always) static func wordEnd(_ p: UnsafePointer<UInt8>, from i: Int, limit: Int) -> Int {
        var unread: UInt64 = 0
        return wordEnd(p, from: i, limit: limit, high: &unread)
    }

    /// The same, flagging in `high` (its 0x80 bits) any byte of the word from 0x7F up: every
    /// byte of the word is read by a load or in the last loop, and a flag may also come from
    /// a byte after the word read in the same load.
    @inline(__always) static func wordEnd(_ p: UnsafePointer<UInt8>, from i: Int, limit: Int, high flagged: inout UInt64) -> Int {
        var i = i
        while i + 8 <= limit {
            // Flags bytes below 0x21. A byte of 0x80 or more is never flagged (`~x`), and a
            // borrow can only wrongly flag a byte above one truly flagged: the lowest flag is exact.
            let x = load(p, i)
            flagged |= x | ((x & low) &+ 0x0101_0101_0101_0101)
            let stops = (x &- 0x2121_2121_2121_2121) & ~x & high
            if stops != 0 { return i + stops.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < limit && p[i] > 0x20 {
            if p[i] >= 0x7F { flagged |= high }
            i += 1
        }
        return i
    }

    /// The first offset from `i` whose byte is not a blank (space or tab), or `limit`.
    @inline(__always) static func blanksEnd(_ p: UnsafePointer<UInt8>, from i: Int, limit: Int) -> Int {
        var i = i
        // Most words are one blank apart.
        if i < limit && !OneLine.isBlank(p[i]) { return i }
        while i + 8 <= limit {
            let x = load(p, i)
            let others = ~(zeroBytes(x ^ 0x2020_2020_2020_2020) | zeroBytes(x ^ 0x0909_0909_0909_0909)) & high
            if others != 0 { return i + others.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < limit && OneLine.isBlank(p[i]) { i += 1 }
        return i
    }
}

/// A word on a line: a run of non-blank bytes.
public struct Word: Sendable {
    public var start: Int
    public var end: Int
}

/// The words of the current line, written in room kept from line to line and overwritten in
/// place: clearing and appending to an array for every line of a large ledger was a tenth of
/// parsing. The room is held by a class of its own so the scanner writes into it through a
/// pointer (`room()`), where an array lends its storage only to a closure, which the compiler
/// left as a call on every line; a copy of `Words` shares the room until one of them writes.
struct Words {
    private var storage = Room(capacity: 32)
    fileprivate(set) var count = 0

    final class Room {
        let slots: UnsafeMutableBufferPointer<Word>

        init(capacity: Int) {
            slots = .allocate(capacity: capacity)
            slots.initialize(repeating: Word(start: 0, end: 0))
        }

        /// Room for `capacity` words holding `count` of these.
        init(capacity: Int, copying count: Int, of other: Room) {
            slots = .allocate(capacity: capacity)
            slots.initialize(repeating: Word(start: 0, end: 0))
            _ = slots.update(fromContentsOf: other.slots[0..<count])
        }

        deinit { slots.deallocate() }
    }

    subscript(i: Int) -> Word {
        precondition(i >= 0 && i < storage.slots.count, "a word beyond the room")
        return storage.slots[i]
    }

    /// The words of the line, in order.
    var all: [Word] { Array(storage.slots[0..<count]) }

    /// The room to write the words of a line in, this value's alone; valid while it is not
    /// written again.
    @inline(__always)
    fileprivate mutating func room() -> UnsafeMutableBufferPointer<Word> {
        if !isKnownUniquelyReferenced(&storage) { storage = Room(capacity: storage.slots.count, copying: count, of: storage) }
        return storage.slots
    }

    /// Splits `bytes[start..<end]` into words.
    mutating func split(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        count = 0
        guard let p = bytes.baseAddress else { return }
        var slots = room()
        var n = 0
        var i = start
        while i < end {
            var c = p[i]
            while c == 0x20 || c == 0x09 {
                i += 1
                if i == end { break }
                c = p[i]
            }
            if i == end { break }
            let s = i
            repeat { i += 1 } while i < end && p[i] != 0x20 && p[i] != 0x09
            // A line with more words than there is room for (long free text): more room.
            if n == slots.count {
                storage = Room(capacity: 2 * n, copying: n, of: storage)
                slots = storage.slots
            }
            slots[n] = Word(start: s, end: i)
            n += 1
        }
        count = n
    }
}
