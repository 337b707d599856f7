/// One line of a ledger cut into words by the parser's scanner (grammar.md §1), for features
/// that work from the text as typed: completion and semantic tokens. Never fails, so a
/// half-typed line is just fewer words.
public struct LedgerLine: Sendable {
    public enum Shape: Sendable, Equatable { case blank, comment, header, detail }

    public let number: Int
    public let shape: Shape
    /// Byte ranges of the words, before any trailing comment.
    public let words: [Range<Int>]
    /// The trailing comment (or the whole comment line), if any.
    public let comment: Range<Int>?

    /// Reads line `number`, at `range` of `bytes`, with the parser's own scanner, so a line
    /// means the same to the editor as to `due check`.
    public init(number: Int, range: Range<Int>, bytes: [UInt8]) {
        self.number = number
        var scanner = LineScanner(bytes: SourceBytes(bytes), from: range.lowerBound, to: range.upperBound)
        let line = scanner.next()
        switch line?.kind {
        case nil, .blank:
            shape = .blank
        case .comment:
            shape = .comment
        case .header:
            shape = .header
        case .detail:
            shape = .detail
        }
        guard let line, shape == .header || shape == .detail else {
            words = []
            comment = line.flatMap { l in l.commentStart.map { $0..<l.commentEnd } }
            return
        }
        var split = Words()
        bytes.withUnsafeBufferPointer { split.split($0, line.contentStart, line.contentEnd) }
        words = split.all.map { $0.start..<$0.end }
        comment = line.commentStart.map { $0..<line.commentEnd }
    }

    public func word(_ k: Int, in bytes: [UInt8]) -> String? {
        k < words.count ? String(decoding: bytes[words[k]], as: UTF8.self) : nil
    }

    /// The index of the word an offset touches (its start through its end), or of the gap
    /// it stands in: the number of words wholly before it.
    public func wordIndex(at offset: Int) -> (index: Int, inside: Bool) {
        for (k, w) in words.enumerated() {
            if offset < w.lowerBound { return (k, false) }
            if offset <= w.upperBound { return (k, true) }
        }
        return (words.count, false)
    }
}

/// A document's lines, with the way from any line to the header of its entry.
public struct LedgerText: Sendable {
    public let bytes: [UInt8]
    public let index: LineIndex

    public init(bytes: [UInt8], index: LineIndex) {
        self.bytes = bytes
        self.index = index
    }

    public init(_ document: TextDocument) {
        self.init(bytes: document.bytes, index: document.lines)
    }

    public func line(_ n: Int) -> LedgerLine {
        LedgerLine(number: n, range: index.lineRange(n, in: bytes), bytes: bytes)
    }

    /// The header above a detail line (or the line itself when it is a header); nil when
    /// nothing but comments and blanks stand above it.
    public func header(for n: Int) -> LedgerLine? {
        var k = n
        while k >= 0 {
            let l = line(k)
            if l.shape == .header { return l }
            k -= 1
        }
        return nil
    }

    /// The entries of the file, as the syntax tree groups them: each header line and the last
    /// detail or indented comment that belongs to it (trailing blanks and a comment standing
    /// apart are not folded in).
    public func entries() -> [(header: Int, last: Int)] {
        let tree = SyntaxTree(bytes: bytes)
        return (0..<tree.entryCount).map { k in
            let entry = tree.entry(k)
            var last = entry.header
            for n in entry.lines.dropFirst() {
                let line = tree.line(n)
                switch line.role {
                case .detail, .instalment: last = n
                // An indented comment right under an entry stays with it.
                case .comment where line.isIndented && last == n - 1: last = n
                default: break
                }
            }
            return (entry.header, last)
        }
    }

    public func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
}
