/// Entries that `due` writes itself (an imported spreadsheet, a recorded letter), built as syntax
/// nodes: each line is put down with what it is (a comment, a header opening an entry of a
/// kind, a detail with its keyword), so the one printer, `LedgerFormatter`, lays them out from
/// that tree without reading the text back. What `due` writes is what `due fmt` would write.
///
/// Free text handed to it must already be one line, without a `;` after a blank (see
/// `IDText.text`): the node says it is content, and a reader must find it so.
struct EntryText {
    private(set) var bytes: [UInt8] = []
    /// The lines put down, as the tree will hold them.
    private var lines: [Line] = []
    /// The kind of the entry begun last.
    private var kind: EntryKind?
    /// A piece has been taken: the next one starts after a blank line.
    private var taken = false

    private struct Line {
        var start: Int
        var role: LineRole
        var content: Range<Int>
        var comment: Range<Int>?
        var keyword: Keyword?
        var entry: EntryKind?
    }

    /// A comment line: `; ` and `text`.
    mutating func comment(_ text: String) {
        let start = bytes.count
        bytes += "; ".utf8
        bytes += text.utf8
        lines.append(Line(start: start, role: .comment, content: start..<start, comment: start..<trimmedEnd(from: start)))
        bytes.append(0x0A)
    }

    /// Starts an entry of `kind` with its header line: the date (for a dated kind), the kind's
    /// word, then `rest`. A blank line keeps it apart from what comes before.
    mutating func entry(_ kind: EntryKind, on date: Day? = nil, _ rest: String = "") {
        if !bytes.isEmpty {
            lines.append(Line(start: bytes.count, role: .blank, content: bytes.count..<bytes.count))
            bytes.append(0x0A)
        }
        let start = bytes.count
        if let date {
            bytes += date.description.utf8
            bytes.append(0x20)
        }
        bytes += kind.text.utf8
        if !rest.isEmpty {
            bytes.append(0x20)
            bytes += rest.utf8
        }
        lines.append(Line(start: start, role: .header, content: start..<trimmedEnd(from: start), keyword: kind.keyword, entry: kind))
        bytes.append(0x0A)
        self.kind = kind
    }

    /// A detail of the entry begun last.
    mutating func detail(_ keyword: Keyword, _ value: String) {
        let start = bytes.count
        bytes += "  ".utf8
        bytes += keyword.text.utf8
        bytes.append(0x20)
        bytes += value.utf8
        lines.append(Line(start: start, role: .detail, content: start + 2..<trimmedEnd(from: start + 2), keyword: keyword, entry: kind))
        bytes.append(0x0A)
    }

    /// Where the line being written ends, trailing blanks left out.
    private func trimmedEnd(from start: Int) -> Int {
        var end = bytes.count
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return end
    }

    /// The lines put down, as a syntax tree over `bytes`.
    var tree: SyntaxTree {
        var tree = SyntaxTree(filling: SourceBytes(bytes), span: 0..<bytes.count)
        for l in lines { tree.add(lineAt: l.start, role: l.role, content: l.content, comment: l.comment, keyword: l.keyword, entry: l.entry) }
        tree.end()
        return tree
    }

    /// The text in canonical layout.
    func printed() -> [UInt8] { LedgerFormatter.format(tree) }

    /// What was put down since the last piece, in canonical layout, and a fresh start: a long
    /// text is printed a piece at a time. The printer lays out each entry by itself, so when
    /// comments come only before the first entry (as in an import) the pieces joined are what
    /// `printed()` of the whole would be.
    mutating func takePiece() -> [UInt8] {
        var piece: [UInt8] = taken ? [0x0A] : []
        piece += printed()
        taken = true
        bytes.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        return piece
    }
}
