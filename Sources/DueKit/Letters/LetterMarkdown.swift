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

    /// Read as bytes when that reads it as its characters, as almost every letter is.
    public init(_ text: String) {
        blocks = LetterMarkdownBytes.blocks(text) ?? Self.blocksByCharacter(text)
    }

    /// The blocks read `Character` by `Character`: any text, such as one with a mark joined to
    /// a `*`, or with CR LF line ends.
    static func blocksByCharacter(_ text: String) -> [Block] {
        var reader = BlockReader(text)
        return reader.read()
    }
}

// MARK: - Reading blocks

private struct BlockReader {
    var lines: [Substring]
    var i = 0

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }

    mutating func read() -> [LetterMarkdown.Block] {
        var blocks: [LetterMarkdown.Block] = []
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.blanksTrimmed()
            if trimmed.isEmpty { i += 1; continue }
            if trimmed.hasPrefix("<!--") { skipComment(); continue }
            if let h = Self.heading(trimmed) { blocks.append(h); i += 1; continue }
            if Self.listMarker(line) != nil { blocks.append(readList()); continue }
            if trimmed.hasPrefix("|"), i + 1 < lines.count, let aligns = Self.delimiterRow(lines[i + 1]) {
                blocks.append(readTable(aligns)); continue
            }
            blocks.append(.paragraph(readParagraph()))
        }
        return blocks
    }

    /// An HTML comment is invisible in every form of the letter, as it is in a Markdown viewer.
    mutating func skipComment() {
        while i < lines.count {
            defer { i += 1 }
            if lines[i].contains("-->") { return }
        }
    }

    static func heading(_ t: Substring) -> LetterMarkdown.Block? {
        let level = t.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let rest = t.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.blanksTrimmed()
        // A closing run of #s is decoration.
        let closing = text.reversed().prefix { $0 == "#" }.count
        if closing > 0, closing == text.count || text.dropLast(closing).last == " " { text = text.dropLast(closing).blanksTrimmed() }
        return .heading(level: level, InlineReader.read(text))
    }

    /// The marker's length and whether it is numbered, for `- `, `* `, `+ ` and `1. ` / `1) `.
    static func listMarker(_ line: Substring) -> (length: Int, ordered: Bool)? {
        let indent = line.prefix { $0 == " " }.count
        guard indent < 4 else { return nil }
        let t = line.dropFirst(indent)
        if let c = t.first, c == "-" || c == "*" || c == "+" {
            let after = t.dropFirst()
            // `**bold**` at the start of a paragraph is not a list.
            guard after.first == " " || after.first == "\t" else { return nil }
            guard !(c != "+" && t.allSatisfy { $0 == c || $0 == " " } && t.filter { $0 == c }.count >= 3) else { return nil }
            return (indent + 2, false)
        }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count) else { return nil }
        let after = t.dropFirst(digits.count)
        guard let d = after.first, d == "." || d == ")", after.dropFirst().first == " " else { return nil }
        return (indent + digits.count + 2, true)
    }

    mutating func readList() -> LetterMarkdown.Block {
        let ordered = Self.listMarker(lines[i])!.ordered
        var items: [[LetterMarkdown.Line]] = []
        while i < lines.count, let m = Self.listMarker(lines[i]), m.ordered == ordered {
            var source = [lines[i].dropFirst(m.length)]
            i += 1
            // Continuation lines: indented, or lazily following without a blank line.
            while i < lines.count {
                let l = lines[i]
                let t = l.blanksTrimmed()
                if t.isEmpty || Self.listMarker(l) != nil || Self.heading(t) != nil || t.hasPrefix("|") { break }
                source.append(t[...])
                i += 1
            }
            items.append(Self.lines(source))
            // A blank line between items keeps the list going.
            var j = i
            while j < lines.count, lines[j].blanksTrimmed().isEmpty { j += 1 }
            if j < lines.count, let next = Self.listMarker(lines[j]), next.ordered == ordered { i = j }
        }
        return .list(ordered: ordered, items: items)
    }

    mutating func readParagraph() -> [LetterMarkdown.Line] {
        var source: [Substring] = []
        while i < lines.count {
            let l = lines[i]
            let t = l.blanksTrimmed()
            if t.isEmpty || (!source.isEmpty && (Self.heading(t) != nil || Self.listMarker(l) != nil || t.hasPrefix("<!--"))) { break }
            if !source.isEmpty, t.hasPrefix("|"), i + 1 < lines.count, Self.delimiterRow(lines[i + 1]) != nil { break }
            source.append(l.drop { $0 == " " || $0 == "\t" })
            i += 1
        }
        return Self.lines(source)
    }

    /// Lines of one paragraph or item, each knowing whether it ends in a hard break. The last
    /// line never does: a break must lead somewhere.
    static func lines(_ source: [Substring]) -> [LetterMarkdown.Line] {
        var out: [LetterMarkdown.Line] = []
        for (k, raw) in source.enumerated() {
            var text = raw
            var hard = raw.hasSuffix("  ")
            text = text.blanksTrimmed()
            if text.hasSuffix("\\") && !text.hasSuffix("\\\\") {
                text = text.dropLast()
                hard = true
            }
            out.append(LetterMarkdown.Line(inlines: InlineReader.read(text), hardBreak: hard && k < source.count - 1))
        }
        return out
    }

    static func cells(_ row: Substring) -> [Substring] {
        var t = row.blanksTrimmed()
        if t.hasPrefix("|") { t = t.dropFirst() }
        if t.hasSuffix("|") && !t.hasSuffix("\\|") { t = t.dropLast() }
        var cells: [Substring] = []
        var start = t.startIndex
        var k = t.startIndex
        while k < t.endIndex {
            if t[k] == "\\" {
                k = t.index(after: k)
                if k < t.endIndex { k = t.index(after: k) }
                continue
            }
            if t[k] == "|" {
                cells.append(t[start..<k].blanksTrimmed())
                start = t.index(after: k)
            }
            k = t.index(after: k)
        }
        cells.append(t[start...].blanksTrimmed())
        return cells
    }

    static func delimiterRow(_ line: Substring) -> [LetterMarkdown.Alignment]? {
        guard line.contains("-"), line.blanksTrimmed().hasPrefix("|") || line.contains("|") else { return nil }
        var out: [LetterMarkdown.Alignment] = []
        for c in cells(line) {
            let left = c.hasPrefix(":"), right = c.hasSuffix(":")
            let dashes = c.drop { $0 == ":" }.reversed().drop { $0 == ":" }
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            out.append(left && right ? .center : right ? .right : left ? .left : .none)
        }
        return out
    }

    mutating func readTable(_ aligns: [LetterMarkdown.Alignment]) -> LetterMarkdown.Block {
        let header = Self.cells(lines[i]).map { InlineReader.read($0) }
        i += 2
        var rows: [[[LetterMarkdown.Inline]]] = []
        while i < lines.count {
            let t = lines[i].blanksTrimmed()
            guard !t.isEmpty, t.contains("|") else { break }
            var row = Self.cells(lines[i]).map { InlineReader.read($0) }
            // Rows as wide as the header: extra cells are dropped, missing ones are empty.
            if row.count > aligns.count { row.removeLast(row.count - aligns.count) }
            while row.count < aligns.count { row.append([]) }
            rows.append(row)
            i += 1
        }
        var h = header
        if h.count > aligns.count { h.removeLast(h.count - aligns.count) }
        while h.count < aligns.count { h.append([]) }
        return .table(alignments: aligns, header: h, rows: rows)
    }
}

// MARK: - Reading inline text

private enum InlineReader {
    static func isPunctuation(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return (0x21...0x2F).contains(a) || (0x3A...0x40).contains(a) || (0x5B...0x60).contains(a) || (0x7B...0x7E).contains(a)
    }

    static func read(_ text: Substring) -> [LetterMarkdown.Inline] {
        read(Array(text)[...])
    }

    static func read(_ c: ArraySlice<Character>) -> [LetterMarkdown.Inline] {
        var out: [LetterMarkdown.Inline] = []
        var text = ""
        func flush() {
            if !text.isEmpty { out.append(.text(text)); text = "" }
        }
        var k = c.startIndex
        while k < c.endIndex {
            let ch = c[k]
            if ch == "\\", k + 1 < c.endIndex, isPunctuation(c[k + 1]) {
                text.append(c[k + 1])
                k += 2
                continue
            }
            if ch == "*" {
                let run = c[k...].prefix { $0 == "*" }.count
                let width = run >= 2 ? 2 : 1
                let inner = k + width
                if inner < c.endIndex, !c[inner].isWhitespace, let close = closer(c, from: inner, width: width) {
                    flush()
                    let inside = read(c[inner..<close])
                    out.append(width == 2 ? .strong(inside) : .emphasis(inside))
                    k = close + width
                    continue
                }
                text += String(repeating: "*", count: run)
                k += run
                continue
            }
            text.append(ch)
            k += 1
        }
        flush()
        return out
    }

    /// The start of the `*` run of `width` that closes an opener, skipping escaped stars and
    /// (for emphasis) bold pairs inside.
    static func closer(_ c: ArraySlice<Character>, from start: Int, width: Int) -> Int? {
        var k = start
        while k < c.endIndex {
            if c[k] == "\\" { k += 2; continue }
            if c[k] == "*" {
                let run = c[k...].prefix { $0 == "*" }.count
                if k > start, !c[k - 1].isWhitespace, run == width || (width == 2 && run > 2) { return k }
                k += run
                continue
            }
            k += 1
        }
        return nil
    }
}

extension Substring {
    func blanksTrimmed() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
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
