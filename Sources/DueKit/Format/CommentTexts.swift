/// Every comment of a text (from its `;` or `#` to the end of the line, trailing blanks
/// dropped), in the order written, in one run of bytes: `fmt`'s proof compares a part's
/// comments with its printing's without an array for each, and takes them from the readings
/// it makes anyway (`LedgerParser.comments`) rather than scanning both texts again.
struct CommentTexts: Equatable {
    private(set) var bytes: [UInt8] = []
    /// Where each comment ends in `bytes`; each starts where the one before ends.
    private(set) var ends: [Int] = []

    init() {}

    /// The comments of a syntax tree's lines.
    init(_ tree: SyntaxTree) {
        tree.bytes.withUnsafeBufferPointer { b in
            for i in 0..<tree.lineCount { if let c = tree.line(i).comment { append(b, c) } }
        }
    }

    /// The comments of `bytes[span]`, found by the line scanner alone.
    init(_ bytes: SourceBytes, _ span: Range<Int>) {
        var scanner = LineScanner(bytes: bytes, from: span.lowerBound, to: span.upperBound)
        bytes.withUnsafeBufferPointer { b in
            while let l = scanner.next() {
                if let s = l.commentStart { append(b, s..<l.commentEnd) }
            }
        }
    }

    mutating func append(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[range]))
        ends.append(bytes.count)
    }

    /// Each comment's text, in order.
    var list: [[UInt8]] {
        var start = 0
        return ends.map { end in
            defer { start = end }
            return Array(bytes[start..<end])
        }
    }

    /// The same comments, byte for byte, in any order: reordering details may move a trailing
    /// comment with its line.
    func same(as other: CommentTexts) -> Bool {
        if self == other { return true }
        guard ends.count == other.ends.count, bytes.count == other.bytes.count else { return false }
        return list.sorted { $0.lexicographicallyPrecedes($1) } == other.list.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
