/// The Markdown that letters are written in, read into blocks so one draft can become a plain
/// text email, an HTML email and a printed letter. Only the subset the letters use is known:
/// ATX headings, paragraphs, `**bold**` and `*emphasis*`, lists, pipe tables, hard line breaks
/// (two trailing spaces or a trailing backslash) and backslash escapes. Anything else is text,
/// so a user's edit can never inject markup: every character of text is escaped in HTML.
public struct LetterMarkdown: Sendable, Equatable {
    /// Not `indirect`: strong and emphasis hold their inlines in arrays, already apart from
    /// the value, so a letter's thousands of table cells are each one value in place rather
    /// than a box of its own on the heap.
    public enum Inline: Sendable, Equatable {
        case text(String)
        case strong([Inline])
        case emphasis([Inline])
    }

    /// One source line of a paragraph or list item; `hardBreak` when it ends in a hard break.
    public struct Line: Sendable, Equatable {
        public var inlines: [Inline]
        public var hardBreak: Bool
    }

    public enum Alignment: Sendable, Equatable { case left, right, center, none }

    public enum Block: Sendable, Equatable {
        case heading(level: Int, [Inline])
        case paragraph([Line])
        case list(ordered: Bool, items: [[Line]])
        case table(alignments: [Alignment], header: [[Inline]], rows: [[[Inline]]])
    }

    public var blocks: [Block]

    public init(blocks: [Block]) { self.blocks = blocks }

    /// Reads `text` as UTF-8 bytes (`LetterMarkdownBytes`); a line may end in LF or CR LF.
    public init(_ text: String) {
        blocks = LetterMarkdownBytes.blocks(text)
    }
}

// MARK: - Plain text and HTML

extension LetterMarkdown {
    /// The text a person reads: markup gone, line breaks kept as written, tables in aligned
    /// columns, blocks separated by a blank line.
    public func plainText() -> String {
        var out = ByteText()
        plainText(into: &out)
        return out.string
    }

    /// `plainText`, appended to `out` as bytes: a report renders megabytes of letters, and
    /// strings built per line and joined cost several times the writing.
    func plainText(into out: inout ByteText) {
        for (n, b) in blocks.enumerated() {
            if n > 0 { out.words("\n\n") }
            switch b {
            case .heading(_, let inl): Self.plain(inl, into: &out)
            case .paragraph(let lines):
                for (k, l) in lines.enumerated() {
                    if k > 0 { out.byte(0x0A) }
                    Self.plain(l.inlines, into: &out)
                }
            case .list(let ordered, let items):
                for (n, item) in items.enumerated() {
                    if n > 0 { out.byte(0x0A) }
                    // "- " or "N. ", and as many spaces before an item's further lines.
                    let marker = ordered ? Self.digits(n + 1) + 2 : 2
                    for (k, line) in item.enumerated() {
                        if k > 0 { out.byte(0x0A) }
                        if k > 0 {
                            out.spaces(marker)
                        } else if ordered {
                            out.int(n + 1)
                            out.words(". ")
                        } else {
                            out.words("- ")
                        }
                        Self.plain(line.inlines, into: &out)
                    }
                }
            case .table(let aligns, let header, let rows):
                Self.plainTable(aligns, header, rows, into: &out)
            }
        }
        if !blocks.isEmpty { out.byte(0x0A) }
    }

    static func digits(_ v: Int) -> Int {
        var n = 1, x = v
        while x >= 10 {
            x /= 10
            n += 1
        }
        return n
    }

    public static func plain(_ inlines: [Inline]) -> String {
        var out = ByteText()
        plain(inlines, into: &out)
        return out.string
    }

    static func plain(_ inlines: [Inline], into out: inout ByteText) {
        for i in inlines {
            switch i {
            case .text(let t): out.append(t)
            case .strong(let inner), .emphasis(let inner): plain(inner, into: &out)
            }
        }
    }

    /// How many columns the text of `inlines` takes as a terminal draws it (`DisplayWidth`, as
    /// the reports' tables pad: a character of Chinese or an emoji takes two): one a byte when
    /// every byte is ASCII and none is a CR (which a following LF would join).
    static func width(_ inlines: [Inline]) -> Int {
        var n = 0
        return asciiWidth(inlines, &n) ? n : DisplayWidth.of(plain(inlines))
    }

    /// Adds the bytes of `inlines`' text to `n`; false at the first byte that could start or
    /// join a character of more than one byte.
    private static func asciiWidth(_ inlines: [Inline], _ n: inout Int) -> Bool {
        for i in inlines {
            switch i {
            case .text(let t):
                // Read in place: a table's cells are asked for their width twice each.
                let ascii = t.utf8.withContiguousStorageIfAvailable { b in
                    var seen: UInt8 = 0, cr = false
                    for x in b {
                        seen |= x
                        cr = cr || x == 0x0D
                    }
                    return seen < 0x80 && !cr
                } ?? !t.utf8.contains { $0 >= 0x80 || $0 == 0x0D }
                if !ascii { return false }
                n += t.utf8.count
            case .strong(let inner), .emphasis(let inner):
                if !asciiWidth(inner, &n) { return false }
            }
        }
        return true
    }

    static func plainTable(_ aligns: [Alignment], _ header: [[Inline]], _ rows: [[[Inline]]], into out: inout ByteText) {
        var cellWidths = [header.map(width)]
        cellWidths.reserveCapacity(rows.count + 1)
        for r in rows { cellWidths.append(r.map(width)) }
        var widths = Array(repeating: 0, count: aligns.count)
        for r in cellWidths { for (k, w) in r.enumerated() { widths[k] = max(widths[k], w) } }
        func line(_ cells: [[Inline]], _ cellWidth: [Int]) {
            let start = out.bytes.count
            for (k, c) in cells.enumerated() {
                if k > 0 { out.words("  ") }
                let gap = widths[k] - cellWidth[k]
                if aligns[k] == .right { out.spaces(gap) }
                plain(c, into: &out)
                if aligns[k] != .right { out.spaces(gap) }
            }
            trimTrailingSpaces(&out, from: start)
        }
        line(header, cellWidths[0])
        out.byte(0x0A)
        for (k, w) in widths.enumerated() {
            if k > 0 { out.words("  ") }
            for _ in 0..<w { out.byte(0x2D) }
        }
        for (r, row) in rows.enumerated() {
            out.byte(0x0A)
            line(row, cellWidths[r + 1])
        }
    }

    /// Drops the spaces ending the line written since `start`, as `String.hasSuffix(" ")` sees
    /// them: byte by byte when the line is ASCII, else by its characters.
    static func trimTrailingSpaces(_ out: inout ByteText, from start: Int) {
        // A line that does not end in a space byte does not end in a space character either.
        if out.bytes.count == start || out.bytes.last != 0x20 { return }
        if out.bytes[start...].allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            while out.bytes.count > start, out.bytes.last == 0x20 { out.bytes.removeLast() }
            return
        }
        var text = String(decoding: out.bytes[start...], as: UTF8.self)
        while text.hasSuffix(" ") { text.removeLast() }
        out.bytes.removeSubrange(start...)
        out.append(text)
    }

    /// HTML for the blocks, one element per line; headings start at `headingBase` (h1 for 1).
    public func html(headingBase: Int = 1) -> String {
        var out = ByteText()
        html(headingBase: headingBase, into: &out)
        return out.string
    }

    /// `letter`: the text is a letter's body, whose last two paragraphs are its closing and
    /// its signature: they are held in one block (`close`), so that a printed letter never
    /// leaves the signature alone on a page.
    func html(headingBase: Int = 1, letter: Bool = false, into out: inout ByteText) {
        let closing = letter && blocks.count >= 3 && blocks.suffix(2).allSatisfy { if case .paragraph = $0 { true } else { false } } ? blocks.count - 2 : blocks.count
        for (k, b) in blocks.enumerated() {
            if k == closing { out.words("<div class=\"close\">\n") }
            Self.html(b, headingBase: headingBase, into: &out)
        }
        if closing < blocks.count { out.words("</div>\n") }
    }

    public static func html(_ b: Block, headingBase: Int = 1) -> String {
        var out = ByteText()
        html(b, headingBase: headingBase, into: &out)
        return out.string
    }

    static func html(_ b: Block, headingBase: Int, into out: inout ByteText) {
        switch b {
        case .heading(let level, let inl):
            let h = min(6, level + headingBase - 1)
            out.words("<h")
            out.int(h)
            out.byte(0x3E)
            html(inl, into: &out)
            out.words("</h")
            out.int(h)
            out.words(">\n")
        case .paragraph(let lines):
            out.words("<p>")
            html(lines, into: &out)
            out.words("</p>\n")
        case .list(let ordered, let items):
            out.words(ordered ? "<ol>\n" : "<ul>\n")
            for item in items {
                out.words("<li>")
                html(item, into: &out)
                out.words("</li>\n")
            }
            out.words(ordered ? "</ol>\n" : "</ul>\n")
        case .table(let aligns, let header, let rows):
            // The column with the longest text may wrap (class `wide`); styles keep the others
            // (numbers, dates, ids) on one line.
            let shape = TableShape(aligns: aligns, rows: rows)
            func cell(_ head: Bool, _ k: Int, _ inl: [Inline]) {
                out.words(head ? "<th" : "<td")
                switch aligns[k] {
                case .right: out.words(shape.wordy.contains(k) ? " class=\"num free\"" : " class=\"num\"")
                case .center: out.words(" class=\"mid\"")
                case .left, .none: if k == shape.wide { out.words(" class=\"wide\"") }
                }
                out.byte(0x3E)
                html(inl, into: &out)
                out.words(head ? "</th>" : "</td>")
            }
            out.words("<table>\n<thead><tr>")
            for (k, c) in header.enumerated() { cell(true, k, c) }
            out.words("</tr></thead>\n<tbody>\n")
            for r in rows {
                out.words("<tr>")
                if let span = TableShape.labelSpan(r) {
                    out.words("<td colspan=\"")
                    out.int(span)
                    out.words("\">")
                    html(r[0], into: &out)
                    out.words("</td>")
                    for k in span..<r.count { cell(false, k, r[k]) }
                } else {
                    for (k, c) in r.enumerated() { cell(false, k, c) }
                }
                out.words("</tr>\n")
            }
            out.words("</tbody>\n</table>\n")
        }
    }

    /// Lines joined as Markdown would: a soft break is a newline (shown as a space), a hard
    /// break is `<br>`.
    public static func html(_ lines: [Line]) -> String {
        var out = ByteText()
        html(lines, into: &out)
        return out.string
    }

    static func html(_ lines: [Line], into out: inout ByteText) {
        for (k, l) in lines.enumerated() {
            html(l.inlines, into: &out)
            if k < lines.count - 1 { out.words(l.hardBreak ? "<br>\n" : "\n") }
        }
    }

    public static func html(_ inlines: [Inline]) -> String {
        var out = ByteText()
        html(inlines, into: &out)
        return out.string
    }

    static func html(_ inlines: [Inline], into out: inout ByteText) {
        for i in inlines {
            switch i {
            case .text(let t): HTMLText.appendEscaped(t, to: &out)
            case .strong(let inner):
                out.words("<strong>")
                html(inner, into: &out)
                out.words("</strong>")
            case .emphasis(let inner):
                out.words("<em>")
                html(inner, into: &out)
                out.words("</em>")
            }
        }
    }
}
