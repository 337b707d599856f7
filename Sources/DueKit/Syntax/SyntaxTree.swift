/// A ledger file as a lossless tree: every line with its parts, grouped into entries (a header
/// and the lines under it, up to the next header), with the lines before the first header as
/// the file's preamble. Every byte belongs to exactly one line (a byte order mark stands before
/// the first), so printing the lines back gives the file, byte for byte.
///
/// Nodes hold offsets, not text: each field is one array of 32-bit offsets with an element per
/// line (or per entry, or per item), so a tree costs a few dozen bytes a line whatever the
/// text. A file of 4 GiB or more has no tree; `due` streams those (`LedgerParser` reads
/// `SyntaxBuilder` line by line and keeps nothing).
public struct SyntaxTree: Sendable {
    public let bytes: SourceBytes
    /// The bytes the tree covers: the whole file, or one part of it.
    public let span: Range<Int>
    /// A UTF-8 byte order mark (3 bytes) or nothing.
    public let bomLength: Int

    // Lines. Line `i` spans `lineStarts[i]..<lineStarts[i + 1]`, its line ending included.
    var lineStarts: [UInt32] = []
    var contentStarts: [UInt32] = []
    var contentEnds: [UInt32] = []
    /// A comment spans `commentStarts[i]..<commentEnds[i]`; empty when the line has none.
    var commentStarts: [UInt32] = []
    var commentEnds: [UInt32] = []
    var roles: [LineRole] = []
    /// `Keyword.rawValue + 1`; 0 for a line that starts with none.
    var keywords: [UInt8] = []

    // Entries.
    var headerLines: [UInt32] = []
    /// `EntryKind.rawValue + 1`; 0 for a header whose kind is not known.
    var kinds: [UInt8] = []
    var datedHeaders: [Bool] = []

    // Items, in line order. Absent parts are empty ranges (a word is never empty).
    var itemLines: [UInt32] = []
    var itemParts: [UInt32] = []
    static let itemFields = 10

    public init(bytes: [UInt8]) {
        self.init(source: SourceBytes(bytes))
    }

    public init(source: SourceBytes) {
        self.init(source: source, span: 0..<source.count)
    }

    /// The tree of `source[span]` alone, which must start at the start of a line (a part of a
    /// large file cut at headers, see `FormatParts`). Offsets stay those of the whole file.
    public init(source: SourceBytes, span: Range<Int>) {
        self.init(filling: source, span: span)
        var builder = SyntaxBuilder(bytes: source, from: span.lowerBound, to: span.upperBound)
        var words = Words()
        source.withUnsafeBufferPointer { b in
            while builder.next(b, words: &words) {
                add(builder)
            }
        }
        end()
    }

    /// A tree of `source[span]` with no lines yet: a reader that goes through the lines anyway
    /// (`LedgerParser.tree`) adds each with `add`, then calls `end`, so the lines are read once.
    init(filling source: SourceBytes, span: Range<Int>) {
        precondition(source.count < Int(UInt32.max), "a syntax tree holds files under 4 GiB")
        bytes = source
        self.span = span
        bomLength = span.lowerBound == 0 && source.count >= 3 && source[0] == 0xEF && source[1] == 0xBB && source[2] == 0xBF ? 3 : 0
    }

    /// Closes a tree filled line by line: every line has been added.
    mutating func end() { lineStarts.append(UInt32(span.upperBound)) }

    /// Adds the line `s` has just read.
    mutating func add(_ s: SyntaxBuilder) {
        let l = s.line
        add(lineAt: l.start, role: s.role, content: l.contentStart..<l.contentEnd, comment: l.commentStart.map { $0..<l.commentEnd }, keyword: s.keyword, entry: s.entry, dated: s.dated)
        if let item = s.item {
            itemLines.append(UInt32(roles.count - 1))
            func add(_ r: Range<Int>?) {
                itemParts.append(UInt32(r?.lowerBound ?? 0))
                itemParts.append(UInt32(r?.upperBound ?? 0))
            }
            add(item.description)
            add(item.quantity.map { $0.start..<$0.end })
            add(item.times.map { $0.start..<$0.end })
            add(item.price.start..<item.price.end)
            add(item.currency.map { $0.start..<$0.end })
        }
    }

    /// Adds a line whose parts its writer knows rather than reads (`EntryText`, writing entries
    /// of its own): `content` after the indentation, `comment` a comment line's text, and for a
    /// header the kind of entry it opens and whether its first word is a date (by default, as
    /// the kind has it). Items are not written this way.
    mutating func add(lineAt start: Int, role: LineRole, content: Range<Int>, comment: Range<Int>? = nil, keyword: Keyword?, entry: EntryKind? = nil, dated: Bool? = nil) {
        let index = UInt32(roles.count)
        lineStarts.append(UInt32(start))
        contentStarts.append(UInt32(content.lowerBound))
        contentEnds.append(UInt32(content.upperBound))
        commentStarts.append(UInt32(comment?.lowerBound ?? content.upperBound))
        commentEnds.append(UInt32(comment?.upperBound ?? content.upperBound))
        roles.append(role)
        keywords.append(keyword.map { $0.rawValue + 1 } ?? 0)
        if role == .header {
            headerLines.append(index)
            kinds.append(entry.map { $0.rawValue + 1 } ?? 0)
            datedHeaders.append(dated ?? entry?.isDated ?? false)
        }
    }

    // MARK: - Lines

    /// One line's parts, as offsets into `bytes`.
    public struct Line: Sendable {
        public var index: Int
        public var role: LineRole
        /// The whole line, its line ending included.
        public var range: Range<Int>
        /// After the indentation, before any trailing comment and the blanks before it.
        public var content: Range<Int>
        /// A comment from its `;` or `#`, trailing blanks left out; nil when there is none.
        public var comment: Range<Int>?
        public var keyword: Keyword?

        public var isIndented: Bool { content.lowerBound > range.lowerBound }
        /// The line's text without its line ending and trailing blanks.
        public var end: Int { comment?.upperBound ?? content.upperBound }
    }

    public var lineCount: Int { roles.count }

    public func line(_ i: Int) -> Line {
        let cs = Int(commentStarts[i]), ce = Int(commentEnds[i])
        return Line(
            index: i, role: roles[i], range: Int(lineStarts[i])..<Int(lineStarts[i + 1]), content: Int(contentStarts[i])..<Int(contentEnds[i]),
            comment: cs < ce ? cs..<ce : nil, keyword: keywords[i] == 0 ? nil : Keyword(rawValue: keywords[i] - 1))
    }

    // MARK: - Entries

    /// An entry: its header line and every line up to the next header (details, and the
    /// comment and blank lines among and after them).
    public struct Entry: Sendable {
        public var kind: EntryKind?
        public var dated: Bool
        public var header: Int
        public var lines: Range<Int>
    }

    public var entryCount: Int { headerLines.count }

    public func entry(_ k: Int) -> Entry {
        let header = Int(headerLines[k])
        let end = k + 1 < headerLines.count ? Int(headerLines[k + 1]) : lineCount
        return Entry(kind: kinds[k] == 0 ? nil : EntryKind(rawValue: kinds[k] - 1), dated: datedHeaders[k], header: header, lines: header..<end)
    }

    /// The lines before the first header: comments, blanks, and (in a file with errors)
    /// indented lines with no entry above them.
    public var preamble: Range<Int> { 0..<(headerLines.first.map(Int.init) ?? lineCount) }

    // MARK: - Items

    /// The parts of item line `i`; nil when it is not an invoice's item.
    public func item(atLine i: Int) -> ItemSyntax? {
        let lo = itemLines.partitionPoint(before: { Int($0) < i })
        guard lo < itemLines.count, Int(itemLines[lo]) == i else { return nil }
        let base = lo * SyntaxTree.itemFields
        func range(_ f: Int) -> Range<Int>? {
            let s = Int(itemParts[base + 2 * f]), e = Int(itemParts[base + 2 * f + 1])
            return s < e ? s..<e : nil
        }
        func word(_ f: Int) -> Word? { range(f).map { Word(start: $0.lowerBound, end: $0.upperBound) } }
        return ItemSyntax(description: range(0), quantity: word(1), times: word(2), price: word(3)!, currency: word(4))
    }

    // MARK: - Words and printing

    /// The words of a line's content.
    public func words(ofLine i: Int) -> [Word] {
        var words = Words()
        bytes.withUnsafeBufferPointer { words.split($0, Int(contentStarts[i]), Int(contentEnds[i])) }
        return Array(words.all)
    }

    /// The file back from the tree's nodes: the byte order mark, then each line from its
    /// parts (indentation, content, the blanks before a comment, the comment, what follows).
    public func printed() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(span.count)
        bytes.withUnsafeBufferPointer { b in
            out.append(contentsOf: b[0..<bomLength])
            for i in 0..<lineCount {
                let l = line(i)
                let pieces = [l.range.lowerBound, l.content.lowerBound, l.content.upperBound, l.comment?.lowerBound ?? l.content.upperBound, l.end, l.range.upperBound]
                for k in 1..<pieces.count { out.append(contentsOf: b[pieces[k - 1]..<pieces[k]]) }
            }
        }
        return out
    }
}
