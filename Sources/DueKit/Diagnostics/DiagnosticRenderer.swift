/// Renders diagnostics for a person: `file:line:column`, the source line, a caret under the
/// range, the hint and any notes. Colour is the caller's choice (only on a terminal).
public struct DiagnosticRenderer {
    public var files: [SourceFile]
    public var color: Bool
    private var tables: [Int32: LineTable] = [:]

    public init(files: [SourceFile], color: Bool = false) {
        self.files = files
        self.color = color
    }

    /// Reads and moves on the line table of file `id`, made the first time it is asked for.
    private mutating func withTable<R>(_ id: Int32, _ body: (inout LineTable) -> R) -> R? {
        if tables[id] == nil {
            guard let file = files.first(where: { $0.id == id }) else { return nil }
            tables[id] = LineTable(file)
        }
        return body(&tables[id]!)
    }

    private func paint(_ s: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    /// `path:line:column` of a range, or nil when it has no place in a file.
    public mutating func location(_ range: SourceRange) -> (path: String, start: SourcePosition, end: SourcePosition)? {
        guard !range.isNone else { return nil }
        return withTable(range.file) { t in (t.file.path, t.position(of: Int(range.start)), t.position(of: Int(range.end))) }
    }

    public mutating func render(_ d: Diagnostic) -> String {
        var out = ""
        let label: String
        switch d.severity {
        case .error: label = paint("error[\(d.code)]", "1;31")
        case .warning: label = paint("warning[\(d.code)]", "1;33")
        case .note: label = paint("note[\(d.code)]", "1;36")
        }
        if let loc = location(d.range) {
            out += paint("\(loc.path):\(loc.start.line):\(loc.start.column):", "1") + " \(label): \(DiagnosticRenderer.displayMessage(d.message))\n"
            out += snippet(d.range)
        } else {
            out += "\(label): \(DiagnosticRenderer.displayMessage(d.message))\n"
        }
        if let hint = d.hint {
            out += "      " + paint("= hint:", "1;36") + " \(hint)\n"
        }
        for note in d.notes {
            if let loc = location(note.range) {
                out += "      " + paint("= note:", "1;36") + " \(loc.path):\(loc.start.line):\(loc.start.column): \(DiagnosticRenderer.displayMessage(note.message))\n"
                out += snippet(note.range)
            } else {
                out += "      " + paint("= note:", "1;36") + " \(DiagnosticRenderer.displayMessage(note.message))\n"
            }
        }
        return out
    }

    /// `s` with tabs as spaces, other control characters as their visible symbols, and
    /// bidirectional controls as `�`, for text quoted from a ledger. A right-to-left override
    /// in a ledger line would otherwise reorder the line on the terminal, so the text shown
    /// under a caret would not be the text the caret points at. Each character stands for one,
    /// so columns stay where they were.
    static func visible(_ s: String) -> String {
        // 0xE2 and 0xD8 lead the UTF-8 of every bidirectional control.
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xE2 || $0 == 0xD8 }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { u -> Unicode.Scalar in
            if u == "\t" { return " " }
            if u.value < 0x20 { return Unicode.Scalar(0x2400 + u.value)! }
            if u.value == 0x7F { return "\u{2421}" }
            if isBidiControl(u) { return "\u{FFFD}" }
            return u
        }))
    }

    /// Marks and embeddings, overrides and isolates: the characters that change the order
    /// in which the text around them is displayed.
    static func isBidiControl(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// A message as shown: bounded in length, since it may quote a 10 MB word from a ledger
    /// (the start and the end are kept, so it still says what is wrong), and with control
    /// characters made visible.
    public static func displayMessage(_ s: String, limit: Int = 400) -> String {
        let scalars = s.unicodeScalars
        guard scalars.count > limit else { return visible(s) }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars.prefix(limit / 2))
        out.append("…")
        out.append(contentsOf: scalars.suffix(limit / 4))
        return visible(String(out))
    }

    public mutating func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { render($0) }.joined()
    }

    /// The source line with a caret under the start of the range and `~` under the rest of it
    /// (on that line).
    private mutating func snippet(_ range: SourceRange) -> String {
        // A 10 MB line helps nobody: a few KB about the range are read, and a window of them
        // shown.
        guard let (start, endPos, piece) = withTable(range.file, { t in
            (t.position(of: Int(range.start)), t.position(of: Int(range.end)), t.lineText(holding: Int(range.start), within: 4096))
        }) else { return "" }
        // Tabs become spaces so the caret lines up whatever the terminal's tab width; other
        // control characters (a stray CR, NUL, ESC) become their visible symbols (␍, ␀, ␛) so a
        // ledger cannot move the cursor or colour the terminal.
        let text = DiagnosticRenderer.visible(piece.text)
        var caretColumn = piece.column
        var shown = text
        let scalars = Array(text.unicodeScalars)
        if scalars.count > 160 || piece.cutStart || piece.cutEnd {
            let from = max(0, caretColumn - 1 - 60)
            let to = min(scalars.count, from + 160)
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[from..<to])
            let before = from > 0 || piece.cutStart
            shown = (before ? "…" : "") + String(s) + (to < scalars.count || piece.cutEnd ? "…" : "")
            caretColumn = caretColumn - from + (before ? 1 : 0)
        }
        // How far the range reaches on this line, from its first character.
        let span = endPos.line == start.line ? max(1, endPos.column - start.column) : scalars.count + 2 - piece.column
        let width = max(1, min(span, max(1, shown.unicodeScalars.count - caretColumn + 2)))
        // Columns count scalars; a terminal draws a wide character (CJK, an emoji) in two
        // columns and a combining mark in none: the caret goes under what it points at.
        let drawn = Array(shown.unicodeScalars)
        let lead = min(max(0, caretColumn - 1), drawn.count)
        let under = drawn[lead..<min(drawn.count, lead + width)]
        // A range reaching past the line's end (a value missing at it) takes a column there.
        let marked = max(1, DisplayWidth.of(under) + (lead + width - lead - under.count))
        let number = String(start.line)
        let gutter = String(repeating: " ", count: max(number.count, 4) - number.count) + number
        let blank = String(repeating: " ", count: gutter.count)
        let marker = "^" + String(repeating: "~", count: marked - 1)
        return "\(paint(gutter + " |", "1;34")) \(shown)\n\(paint(blank + " |", "1;34")) "
            + String(repeating: " ", count: DisplayWidth.of(drawn[..<lead])) + paint(marker, "1;32") + "\n"
    }
}
