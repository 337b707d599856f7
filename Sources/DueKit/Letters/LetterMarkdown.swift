/// The Markdown that letters are written in, read into blocks so one draft can become a plain
/// text email, an HTML email and a printed letter. Only the subset the letters use is known:
/// ATX headings, paragraphs, `**bold**` and `*emphasis*`, lists, pipe tables, hard line breaks
/// (two trailing spaces or a trailing backslash) and backslash escapes. Anything else is text,
/// so a user's edit can never inject markup: every character of text is escaped in HTML.
public struct LetterMarkdown: Sendable, Equatable {
    public indirect enum Inline: Sendable, Equatable {
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
        var parts: [String] = []
        for b in blocks {
            switch b {
            case .heading(_, let inl): parts.append(Self.plain(inl))
            case .paragraph(let lines): parts.append(lines.map { Self.plain($0.inlines) }.joined(separator: "\n"))
            case .list(let ordered, let items):
                parts.append(items.enumerated().map { n, item in
                    let marker = ordered ? "\(n + 1). " : "- "
                    let pad = String(repeating: " ", count: marker.count)
                    return item.enumerated().map { ($0.offset == 0 ? marker : pad) + Self.plain($0.element.inlines) }.joined(separator: "\n")
                }.joined(separator: "\n"))
            case .table(let aligns, let header, let rows):
                parts.append(Self.plainTable(aligns, header, rows))
            }
        }
        return parts.joined(separator: "\n\n") + (parts.isEmpty ? "" : "\n")
    }

    public static func plain(_ inlines: [Inline]) -> String {
        var s = ""
        for i in inlines {
            switch i {
            case .text(let t): s += t
            case .strong(let inner), .emphasis(let inner): s += plain(inner)
            }
        }
        return s
    }

    static func plainTable(_ aligns: [Alignment], _ header: [[Inline]], _ rows: [[[Inline]]]) -> String {
        let all = [header.map { plain($0) }] + rows.map { $0.map { plain($0) } }
        var widths = Array(repeating: 0, count: aligns.count)
        for r in all { for (k, c) in r.enumerated() { widths[k] = max(widths[k], c.count) } }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (k, c) in cells.enumerated() {
                let gap = String(repeating: " ", count: widths[k] - c.count)
                let cell = aligns[k] == .right ? gap + c : c + gap
                out += (k == 0 ? "" : "  ") + cell
            }
            while out.hasSuffix(" ") { out.removeLast() }
            return out
        }
        var lines = [line(all[0]), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        for r in all.dropFirst() { lines.append(line(r)) }
        return lines.joined(separator: "\n")
    }

    /// HTML for the blocks, one element per line; headings start at `headingBase` (h1 for 1).
    public func html(headingBase: Int = 1) -> String {
        blocks.map { Self.html($0, headingBase: headingBase) }.joined()
    }

    public static func html(_ b: Block, headingBase: Int = 1) -> String {
        switch b {
        case .heading(let level, let inl):
            let h = min(6, level + headingBase - 1)
            return "<h\(h)>\(html(inl))</h\(h)>\n"
        case .paragraph(let lines): return "<p>\(html(lines))</p>\n"
        case .list(let ordered, let items):
            let tag = ordered ? "ol" : "ul"
            return "<\(tag)>\n" + items.map { "<li>\(html($0))</li>\n" }.joined() + "</\(tag)>\n"
        case .table(let aligns, let header, let rows):
            // The column with the longest text may wrap (class `wide`); styles keep the others
            // (numbers, dates, ids) on one line.
            var longest = Array(repeating: 0, count: aligns.count)
            for r in rows { for (k, c) in r.enumerated() { longest[k] = max(longest[k], plain(c).count) } }
            let wide = longest.indices.filter { aligns[$0] != .right }.max { longest[$0] < longest[$1] }
            func cell(_ tag: String, _ k: Int, _ inl: [Inline]) -> String {
                let style: String
                switch aligns[k] {
                case .right: style = " class=\"num\""
                case .center: style = " class=\"mid\""
                case .left, .none: style = k == wide ? " class=\"wide\"" : ""
                }
                return "<\(tag)\(style)>\(html(inl))</\(tag)>"
            }
            var s = "<table>\n<thead><tr>" + header.enumerated().map { cell("th", $0.offset, $0.element) }.joined() + "</tr></thead>\n<tbody>\n"
            for r in rows { s += "<tr>" + r.enumerated().map { cell("td", $0.offset, $0.element) }.joined() + "</tr>\n" }
            return s + "</tbody>\n</table>\n"
        }
    }

    /// Lines joined as Markdown would: a soft break is a newline (shown as a space), a hard
    /// break is `<br>`.
    public static func html(_ lines: [Line]) -> String {
        var s = ""
        for (k, l) in lines.enumerated() {
            s += html(l.inlines)
            if k < lines.count - 1 { s += l.hardBreak ? "<br>\n" : "\n" }
        }
        return s
    }

    public static func html(_ inlines: [Inline]) -> String {
        var s = ""
        for i in inlines {
            switch i {
            case .text(let t): s += HTMLText.escape(t)
            case .strong(let inner): s += "<strong>" + html(inner) + "</strong>"
            case .emphasis(let inner): s += "<em>" + html(inner) + "</em>"
            }
        }
        return s
    }
}
