/// The reader of `LetterMarkdown`, working on the text's UTF-8 bytes. Its syntax is ASCII, so
/// it is read byte by byte, and a character beyond ASCII is only ever text: its bytes are all
/// 0x80 and up, never taken for syntax. Syntax is read by Unicode scalars, as CommonMark reads
/// it (a mark after a `*` is the first character of the text it opens); whitespace is
/// `Character.isWhitespace` of the scalar. A line ends at LF, a CR before it dropped, so a draft
/// saved with CR LF line ends reads as it did with LF.
struct LetterMarkdownBytes {
    typealias Block = LetterMarkdown.Block
    typealias Inline = LetterMarkdown.Inline

    let b: UnsafeBufferPointer<UInt8>
    var lines: [Range<Int>] = []
    var i = 0
    /// Text of the inline run being read, reused from one run to the next.
    var text: [UInt8] = []

    /// The blocks of `text`.
    static func blocks(_ text: String) -> [Block] {
        var text = text
        return text.withUTF8 { bytes in
            var reader = LetterMarkdownBytes(bytes)
            return reader.read()
        }
    }

    /// The scalar whose UTF-8 starts at `k` and its length in bytes; the bytes come from a
    /// `String`, so they are well formed.
    static func decode(_ b: UnsafeBufferPointer<UInt8>, at k: Int) -> (UInt32, Int) {
        let lead = UInt32(b[k])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(b[k + 1] & 0x3F), 2) }
        if lead < 0xF0 { return ((lead & 0x0F) << 12 | UInt32(b[k + 1] & 0x3F) << 6 | UInt32(b[k + 2] & 0x3F), 3) }
        return ((lead & 0x07) << 18 | UInt32(b[k + 1] & 0x3F) << 12 | UInt32(b[k + 2] & 0x3F) << 6 | UInt32(b[k + 3] & 0x3F), 4)
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        b = bytes
        // A line's end drops the CR of a CR LF, and a CR that ends the text.
        func line(_ start: Int, _ end: Int) -> Range<Int> {
            end > start && bytes[end - 1] == 0x0D ? start..<(end - 1) : start..<end
        }
        var start = 0
        for k in 0..<bytes.count where bytes[k] == 0x0A {
            lines.append(line(start, k))
            start = k + 1
        }
        lines.append(line(start, bytes.count))
    }

    // MARK: Bytes

    static let hash: UInt8 = 0x23, space: UInt8 = 0x20, tab: UInt8 = 0x09, pipe: UInt8 = 0x7C
    static let star: UInt8 = 0x2A, backslash: UInt8 = 0x5C, colon: UInt8 = 0x3A, dash: UInt8 = 0x2D

    func isBlank(_ c: UInt8) -> Bool { c == Self.space || c == Self.tab }

    func trimmed(_ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, isBlank(b[lo]) { lo += 1 }
        while hi > lo, isBlank(b[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    func hasPrefix(_ r: Range<Int>, _ p: StaticString) -> Bool {
        guard r.count >= p.utf8CodeUnitCount else { return false }
        for k in 0..<p.utf8CodeUnitCount where b[r.lowerBound + k] != p.utf8Start[k] { return false }
        return true
    }

    func hasSuffix(_ r: Range<Int>, _ p: StaticString) -> Bool {
        guard r.count >= p.utf8CodeUnitCount else { return false }
        return hasPrefix((r.upperBound - p.utf8CodeUnitCount)..<r.upperBound, p)
    }

    func contains(_ r: Range<Int>, _ p: StaticString) -> Bool {
        var lo = r.lowerBound
        while lo + p.utf8CodeUnitCount <= r.upperBound {
            if hasPrefix(lo..<r.upperBound, p) { return true }
            lo += 1
        }
        return false
    }

    func contains(_ r: Range<Int>, _ c: UInt8) -> Bool {
        r.contains { b[$0] == c }
    }

    /// `Character.isWhitespace` of the scalar starting at `k`.
    func isWhitespace(at k: Int) -> Bool {
        let c = b[k]
        if c < 0x80 { return (0x09...0x0D).contains(c) || c == Self.space }
        return Unicode.Scalar(Self.decode(b, at: k).0).map { $0.properties.isWhitespace } ?? false
    }

    /// `Character.isWhitespace` of the scalar ending just before `k`.
    func isWhitespace(before k: Int) -> Bool {
        var s = k - 1
        while b[s] & 0xC0 == 0x80 { s -= 1 }
        return isWhitespace(at: s)
    }

    static func isPunctuation(_ a: UInt8) -> Bool {
        (0x21...0x2F).contains(a) || (0x3A...0x40).contains(a) || (0x5B...0x60).contains(a) || (0x7B...0x7E).contains(a)
    }

    // MARK: Blocks

    mutating func read() -> [Block] {
        var blocks: [Block] = []
        while i < lines.count {
            let line = lines[i]
            let t = trimmed(line)
            if t.isEmpty { i += 1; continue }
            if hasPrefix(t, "<!--") { skipComment(); continue }
            if let h = heading(t) { blocks.append(h); i += 1; continue }
            if listMarker(line) != nil { blocks.append(readList()); continue }
            if b[t.lowerBound] == Self.pipe, i + 1 < lines.count, let aligns = delimiterRow(lines[i + 1]) {
                blocks.append(readTable(aligns)); continue
            }
            blocks.append(.paragraph(readParagraph()))
        }
        return blocks
    }

    /// Skips a comment, through the line that closes it. One never closed before another
    /// comment opens (the draft's own footer, say, whose `-->` would close it) ends at the
    /// first blank line instead: a forgotten `-->` on a note the user added hides that note,
    /// not the rest of the letter.
    mutating func skipComment() {
        let start = i
        while i < lines.count {
            defer { i += 1 }
            if i > start && hasPrefix(trimmed(lines[i]), "<!--") { break }
            if contains(lines[i], "-->") { return }
        }
        i = start
        while i < lines.count && !trimmed(lines[i]).isEmpty { i += 1 }
    }

    /// The level of an ATX heading, and where its text starts.
    func headingStart(_ t: Range<Int>) -> (level: Int, rest: Int)? {
        var k = t.lowerBound
        while k < t.upperBound, b[k] == Self.hash { k += 1 }
        let level = k - t.lowerBound
        guard (1...6).contains(level), k == t.upperBound || isBlank(b[k]) else { return nil }
        return (level, k)
    }

    mutating func heading(_ t: Range<Int>) -> Block? {
        guard let (level, rest) = headingStart(t) else { return nil }
        var text = trimmed(rest..<t.upperBound)
        // A closing run of #s is decoration.
        var closing = 0
        while closing < text.count, b[text.upperBound - 1 - closing] == Self.hash { closing += 1 }
        if closing > 0, closing == text.count || b[text.upperBound - closing - 1] == Self.space {
            text = trimmed(text.lowerBound..<(text.upperBound - closing))
        }
        return .heading(level: level, inlines(text))
    }

    func listMarker(_ line: Range<Int>) -> (length: Int, ordered: Bool)? {
        var k = line.lowerBound
        while k < line.upperBound, b[k] == Self.space { k += 1 }
        let indent = k - line.lowerBound
        guard indent < 4, k < line.upperBound else { return nil }
        let c = b[k]
        if c == Self.dash || c == Self.star || c == 0x2B {
            // `**bold**` at the start of a paragraph is not a list.
            guard k + 1 < line.upperBound, isBlank(b[k + 1]) else { return nil }
            if c != 0x2B {
                var marks = 0
                var rule = true
                for j in k..<line.upperBound {
                    if b[j] == c { marks += 1 } else if b[j] != Self.space { rule = false; break }
                }
                if rule && marks >= 3 { return nil }
            }
            return (indent + 2, false)
        }
        var d = k
        while d < line.upperBound, (0x30...0x39).contains(b[d]) { d += 1 }
        let digits = d - k
        guard (1...9).contains(digits), d + 1 < line.upperBound, b[d] == 0x2E || b[d] == 0x29, b[d + 1] == Self.space else { return nil }
        return (indent + digits + 2, true)
    }

    mutating func readList() -> Block {
        let ordered = listMarker(lines[i])!.ordered
        var items: [[LetterMarkdown.Line]] = []
        while i < lines.count, let m = listMarker(lines[i]), m.ordered == ordered {
            var source = [(lines[i].lowerBound + m.length)..<lines[i].upperBound]
            i += 1
            // Continuation lines: indented, or lazily following without a blank line.
            while i < lines.count {
                let l = lines[i]
                let t = trimmed(l)
                if t.isEmpty || listMarker(l) != nil || headingStart(t) != nil || b[t.lowerBound] == Self.pipe { break }
                source.append(t)
                i += 1
            }
            items.append(self.lines(source))
            // A blank line between items keeps the list going.
            var j = i
            while j < lines.count, trimmed(lines[j]).isEmpty { j += 1 }
            if j < lines.count, let next = listMarker(lines[j]), next.ordered == ordered { i = j }
        }
        return .list(ordered: ordered, items: items)
    }

    mutating func readParagraph() -> [LetterMarkdown.Line] {
        var source: [Range<Int>] = []
        while i < lines.count {
            let l = lines[i]
            let t = trimmed(l)
            if t.isEmpty || (!source.isEmpty && (headingStart(t) != nil || listMarker(l) != nil || hasPrefix(t, "<!--"))) { break }
            if !source.isEmpty, b[t.lowerBound] == Self.pipe, i + 1 < lines.count, delimiterRow(lines[i + 1]) != nil { break }
            var lo = l.lowerBound
            while lo < l.upperBound, isBlank(b[lo]) { lo += 1 }
            source.append(lo..<l.upperBound)
            i += 1
        }
        return lines(source)
    }

    /// Lines of one paragraph or item, each knowing whether it ends in a hard break. The last
    /// line never does: a break must lead somewhere.
    mutating func lines(_ source: [Range<Int>]) -> [LetterMarkdown.Line] {
        var out: [LetterMarkdown.Line] = []
        out.reserveCapacity(source.count)
        for (k, raw) in source.enumerated() {
            var hard = hasSuffix(raw, "  ")
            var t = trimmed(raw)
            if hasSuffix(t, "\\"), !hasSuffix(t, "\\\\") {
                t = t.lowerBound..<(t.upperBound - 1)
                hard = true
            }
            out.append(LetterMarkdown.Line(inlines: inlines(t), hardBreak: hard && k < source.count - 1))
        }
        return out
    }

    func cells(_ row: Range<Int>) -> [Range<Int>] {
        var t = trimmed(row)
        if hasPrefix(t, "|") { t = (t.lowerBound + 1)..<t.upperBound }
        if hasSuffix(t, "|"), !hasSuffix(t, "\\|") { t = t.lowerBound..<(t.upperBound - 1) }
        var cells: [Range<Int>] = []
        var start = t.lowerBound
        var k = t.lowerBound
        while k < t.upperBound {
            // The escaped character may be longer than a byte: its other bytes are never `|`.
            if b[k] == Self.backslash { k += 2; continue }
            if b[k] == Self.pipe {
                cells.append(trimmed(start..<k))
                start = k + 1
            }
            k += 1
        }
        cells.append(trimmed(start..<t.upperBound))
        return cells
    }

    func delimiterRow(_ line: Range<Int>) -> [LetterMarkdown.Alignment]? {
        guard contains(line, Self.dash), contains(line, Self.pipe) else { return nil }
        var out: [LetterMarkdown.Alignment] = []
        for c in cells(line) {
            let left = hasPrefix(c, ":"), right = hasSuffix(c, ":")
            var lo = c.lowerBound, hi = c.upperBound
            while lo < hi, b[lo] == Self.colon { lo += 1 }
            while hi > lo, b[hi - 1] == Self.colon { hi -= 1 }
            guard lo < hi, (lo..<hi).allSatisfy({ b[$0] == Self.dash }) else { return nil }
            out.append(left && right ? .center : right ? .right : left ? .left : .none)
        }
        return out
    }

    mutating func readTable(_ aligns: [LetterMarkdown.Alignment]) -> Block {
        var header = cells(lines[i]).map { inlines($0) }
        i += 2
        var rows: [[[Inline]]] = []
        while i < lines.count {
            let t = trimmed(lines[i])
            guard !t.isEmpty, contains(t, Self.pipe) else { break }
            var row = cells(lines[i]).map { inlines($0) }
            // Rows as wide as the header: missing cells are empty, and extra ones (a `|` typed
            // into a cell of an edited draft) are kept in the last cell, after a `|`, rather
            // than dropped from the email and the printed letter without a word.
            if row.count > aligns.count, !aligns.isEmpty {
                let extra = row[aligns.count...].filter { !$0.isEmpty }
                row.removeLast(row.count - aligns.count)
                for cell in extra {
                    let last = aligns.count - 1
                    if !row[last].isEmpty { Self.append(.text(" | "), to: &row[last]) }
                    for inline in cell { Self.append(inline, to: &row[last]) }
                }
            }
            while row.count < aligns.count { row.append([]) }
            rows.append(row)
            i += 1
        }
        if header.count > aligns.count { header.removeLast(header.count - aligns.count) }
        while header.count < aligns.count { header.append([]) }
        return .table(alignments: aligns, header: header, rows: rows)
    }

    /// Adds `inline` at the end of `cell`, as one text with the text before it.
    static func append(_ inline: LetterMarkdown.Inline, to cell: inout [LetterMarkdown.Inline]) {
        if case .text(let more) = inline, case .text(let before)? = cell.last {
            cell[cell.count - 1] = .text(before + more)
        } else {
            cell.append(inline)
        }
    }

    // MARK: Inline text

    mutating func inlines(_ r: Range<Int>) -> [Inline] {
        // Most cells and many lines hold no marker at all: their text as it stands.
        if !b[r].contains(where: { $0 == Self.backslash || $0 == Self.star }) {
            return r.isEmpty ? [] : [.text(String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self))]
        }
        var out: [Inline] = []
        text.removeAll(keepingCapacity: true)
        var k = r.lowerBound
        let end = r.upperBound
        while k < end {
            // Text up to the next `\` or `*`, copied in one piece.
            var plain = k
            while plain < end, b[plain] != Self.backslash, b[plain] != Self.star { plain += 1 }
            if plain > k {
                text.append(contentsOf: UnsafeBufferPointer(rebasing: b[k..<plain]))
                k = plain
                continue
            }
            let c = b[k]
            if c == Self.backslash, k + 1 < end, Self.isPunctuation(b[k + 1]) {
                text.append(b[k + 1])
                k += 2
                continue
            }
            if c == Self.star {
                var run = 1
                while k + run < end, b[k + run] == Self.star { run += 1 }
                let width = run >= 2 ? 2 : 1
                let inner = k + width
                if inner < end, !isWhitespace(at: inner), let close = closer(from: inner, to: end, width: width) {
                    flush(into: &out)
                    let inside = inlines(inner..<close)
                    out.append(width == 2 ? .strong(inside) : .emphasis(inside))
                    k = close + width
                    continue
                }
                for _ in 0..<run { text.append(Self.star) }
                k += run
                continue
            }
            text.append(c)
            k += 1
        }
        flush(into: &out)
        return out
    }

    /// Ends the text run, if any, as one `.text`. A nested run starts after its opener's text
    /// was flushed, so the one buffer serves every level.
    mutating func flush(into out: inout [Inline]) {
        guard !text.isEmpty else { return }
        out.append(.text(String(decoding: text, as: UTF8.self)))
        text.removeAll(keepingCapacity: true)
    }

    /// The start of the `*` run of `width` that closes an opener, skipping escaped characters
    /// and (for emphasis) bold pairs inside.
    func closer(from start: Int, to end: Int, width: Int) -> Int? {
        var k = start
        while k < end {
            if b[k] == Self.backslash { k += 2; continue }
            if b[k] == Self.star {
                var run = 1
                while k + run < end, b[k + run] == Self.star { run += 1 }
                if k > start, !isWhitespace(before: k), run == width || (width == 2 && run > 2) { return k }
                k += run
                continue
            }
            k += 1
        }
        return nil
    }
}
