/// One line of a ledger cut into words the way the parser sees it (grammar.md §1), for features
/// that work from the text as typed: completion, semantic tokens, folding. Never fails, so a
/// half-typed line is just fewer words.
public struct LedgerLine: Sendable {
    public enum Shape: Sendable, Equatable { case blank, comment, header, detail }

    public let number: Int
    public let shape: Shape
    /// Byte ranges of the words, before any trailing comment.
    public let words: [Range<Int>]
    /// The trailing comment (or the whole comment line), if any.
    public let comment: Range<Int>?

    public init(number: Int, range: Range<Int>, bytes: [UInt8]) {
        self.number = number
        var i = range.lowerBound
        let end = range.upperBound
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        let indented = i > range.lowerBound
        if i == end {
            shape = .blank
            words = []
            comment = nil
            return
        }
        if bytes[i] == UInt8(ascii: ";") || bytes[i] == UInt8(ascii: "#") {
            shape = .comment
            words = []
            comment = i..<end
            return
        }
        shape = indented ? .detail : .header
        var words: [Range<Int>] = []
        var comment: Range<Int>?
        while i < end {
            if bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1; continue }
            // `;` starts a comment only after a space or tab.
            if bytes[i] == UInt8(ascii: ";"), i > range.lowerBound, bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09 {
                comment = i..<end
                break
            }
            let start = i
            while i < end, bytes[i] != 0x20, bytes[i] != 0x09 { i += 1 }
            words.append(start..<i)
        }
        self.words = words
        self.comment = comment
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

    /// The entries of the file: each header line and the last detail or indented comment
    /// that belongs to it.
    public func entries() -> [(header: Int, last: Int)] {
        var out: [(Int, Int)] = []
        var current: (Int, Int)?
        for n in 0..<index.lineCount {
            let l = line(n)
            switch l.shape {
            case .header:
                if let c = current { out.append(c) }
                current = (n, n)
            case .detail:
                if current != nil { current!.1 = n }
            case .comment:
                // An indented comment right under an entry stays with it.
                if current != nil, index.lineRange(n, in: bytes).first.map({ bytes[$0] == 0x20 || bytes[$0] == 0x09 }) == true, current!.1 == n - 1 {
                    current!.1 = n
                }
            case .blank:
                break
            }
        }
        if let c = current { out.append(c) }
        return out
    }

    public func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
}
