/// A letter template: text with `{{name}}` placeholders (grammar.md §7.4). Parsed once from a
/// `SourceFile`, so a bad placeholder in a user's template is reported at its file:line:column.
public struct LetterTemplate: Sendable {
    public enum Part: Sendable, Hashable {
        case text(String)
        case field(String)
    }

    /// The template's lines, each a run of text and fields.
    public let lines: [[Part]]
    /// The start of the template's file, for a problem with the template as a whole.
    public var origin: SourceRange = .none

    /// A letter is a page or two: a template larger than this is a mistake (E505).
    public static let maxTemplateBytes = 256 * 1024
    /// And a letter larger than this, and than `letterLimit` allows, is not written (E506).
    public static let maxLetterBytes = 4 * 1024 * 1024
    /// Problems reported per template file; the last of them says how many more there are.
    public static let maxDiagnostics = 20

    /// The most a letter from this template may hold with these values: 4 MB, or, for a client
    /// whose tables are longer than that, the template's text and every value once. A template
    /// that names each placeholder once (as the built-in ones do) never passes it, so a client
    /// with many thousands of open invoices gets its letter; only one that repeats a table
    /// over and over, growing faster than the ledger, is stopped.
    public func letterLimit(for values: [String: String]) -> Int {
        var size = textBytes
        for v in values.values { size += v.utf8.count }
        return Swift.max(Self.maxLetterBytes, size)
    }

    /// What `render` asks of each line whatever the values, worked out once at the parse: a
    /// template renders thousands of letters, and with every text part's characters read again
    /// for each, and the lines kept, tidied and joined, the rendering took half as long again.
    struct LineShape: Sendable {
        /// The line names a placeholder.
        var hasField = false
        /// Its text parts are spaces and tabs alone: with every placeholder empty, it is dropped.
        var blankText = true
        /// The bytes of its text parts.
        var textBytes = 0
    }
    let shapes: [LineShape]
    /// The bytes of every text part, and a line end for each line: what `letterLimit` adds the
    /// values to.
    let textBytes: Int

    init(lines: [[Part]]) {
        self.lines = lines
        shapes = lines.map { line in
            var shape = LineShape()
            for part in line {
                switch part {
                case .text(let t):
                    shape.textBytes += t.utf8.count
                    if !t.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { shape.blankText = false }
                case .field:
                    shape.hasField = true
                }
            }
            return shape
        }
        textBytes = shapes.reduce(0) { $0 + $1.textBytes + 1 }
    }

    /// Parses `file`. Every unknown or malformed placeholder is reported, not just the first,
    /// up to `maxDiagnostics`.
    public static func parse(_ file: SourceFile) -> (LetterTemplate, [Diagnostic]) {
        var (template, diagnostics) = parseAll(file)
        template.origin = SourceRange(file: file.id, start: 0, end: 0)
        if diagnostics.count > maxDiagnostics {
            let more = diagnostics.count - maxDiagnostics
            diagnostics.removeLast(more)
            let k = maxDiagnostics - 1
            diagnostics[k].hint = (diagnostics[k].hint.map { $0 + "; " } ?? "") + "\(more) more problem\(more == 1 ? "" : "s") in this template not shown"
        }
        return (template, diagnostics)
    }

    static func parseAll(_ file: SourceFile) -> (LetterTemplate, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var lines: [[Part]] = []
        let b = Array(file.bytes)
        var start = 0
        // Skip a byte order mark, as the ledger parser does.
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { start = 3 }
        while start <= b.count {
            var end = start
            while end < b.count && b[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > start && b[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            lines.append(parseLine(b, start, lineEnd, file: file.id, into: &diagnostics))
            if end >= b.count { break }
            start = end + 1
        }
        // A final newline does not make an extra empty line.
        if let last = lines.last, last.isEmpty, b.last == 0x0A { lines.removeLast() }
        return (LetterTemplate(lines: lines), diagnostics)
    }

    static func parseLine(_ b: [UInt8], _ start: Int, _ end: Int, file: Int32, into diagnostics: inout [Diagnostic]) -> [Part] {
        var parts: [Part] = []
        var text: [UInt8] = []
        var i = start
        while i < end {
            if b[i] == 0x7B, i + 1 < end, b[i + 1] == 0x7B {
                var j = i + 2
                while j + 1 < end && !(b[j] == 0x7D && b[j + 1] == 0x7D) { j += 1 }
                guard j + 1 < end else {
                    diagnostics.append(Diagnostic(.E502, "'{{' opens a placeholder that is not closed on this line", at: SourceRange(file: file, start: i, end: end), hint: "write the placeholder as {{name}} on one line"))
                    text.append(contentsOf: b[i..<end])
                    i = end
                    break
                }
                let raw = String(decoding: b[(i + 2)..<j], as: UTF8.self)
                let name = raw.trimmingSpaces()
                let range = SourceRange(file: file, start: i, end: j + 2)
                if name.isEmpty {
                    diagnostics.append(Diagnostic(.E503, "empty placeholder '{{}}'", at: range, hint: "name a value, e.g. {{client.name}}"))
                } else if !LetterFields.names.contains(name) {
                    let hint = Suggestion.nearest(to: name, in: LetterFields.names).map { "did you mean {{\($0)}}? " } ?? ""
                    diagnostics.append(Diagnostic(.E501, "unknown placeholder '{{\(name)}}'", at: range, hint: hint + "grammar.md §7.4 lists every placeholder"))
                }
                if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))); text = [] }
                parts.append(.field(name))
                i = j + 2
                continue
            }
            text.append(b[i])
            i += 1
        }
        if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
        return parts
    }

    /// Fills in the placeholders. A line made only of placeholders (and spaces) that all come
    /// out empty is dropped, so optional sentences vanish without leaving a blank line.
    public func render(_ values: [String: String]) -> String {
        render(values, limit: Int.max) ?? ""
    }

    /// As `render`, or nil as soon as the letter passes `limit` bytes: a template that repeats
    /// a long table thousands of times stops there instead of filling memory.
    public func render(_ values: [String: String], limit: Int) -> String? {
        // Written into one text as it goes, not kept as lines to be tidied and joined.
        var out = ""
        var size = 0
        // Dropped lines can leave blank lines in a row: one of a run is written, once a line
        // with text follows it (none at the end). The letter may begin with one.
        var blankOwed = false
        for (line, shape) in zip(lines, shapes) {
            var s = ""
            var anyValue = false
            for part in line {
                switch part {
                case .text(let t):
                    s += t
                case .field(let name):
                    let v = values[name] ?? ""
                    if !v.isEmpty { anyValue = true }
                    s += v
                    if size + s.utf8.count > limit { return nil }
                }
            }
            if shape.hasField && shape.blankText && !anyValue { continue }
            size += s.utf8.count + 1
            if size > limit { return nil }
            if s.isEmpty {
                blankOwed = true
                continue
            }
            if blankOwed { out += "\n" }
            blankOwed = false
            out += s
            out += "\n"
        }
        return out.isEmpty ? "\n" : out
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
