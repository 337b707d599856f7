/// The output formats of the reports.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, markdown, csv, json
}

/// A table of already-formatted cells that renders as aligned text, Markdown or CSV, so every
/// report lays out its columns one way whatever the format.
public struct ReportTable: Sendable {
    public enum Align: Sendable { case left, right }

    public struct Column: Sendable {
        public var title: String
        public var align: Align
        public init(_ title: String, _ align: Align = .left) {
            self.title = title
            self.align = align
        }
    }

    /// A row, and whether it is a total (drawn bold in Markdown, set off by a rule in text).
    public struct Row: Sendable {
        public var cells: [String]
        public var isTotal: Bool
        /// ANSI colour for the whole row in text, when colour is on.
        public var color: String?
    }

    public var columns: [Column]
    public var rows: [Row] = []

    public init(_ columns: [Column]) { self.columns = columns }

    public mutating func add(_ cells: [String], total: Bool = false, color: String? = nil) {
        rows.append(Row(cells: cells, isTotal: total, color: color))
    }

    /// Display width: one per Unicode scalar, which is right for the text reports hold.
    static func width(_ s: String) -> Int { s.unicodeScalars.count }

    static func pad(_ s: String, _ width: Int, _ align: Align) -> String {
        let fill = String(repeating: " ", count: max(0, width - ReportTable.width(s)))
        return align == .right ? fill + s : s + fill
    }

    /// Columns separated by two spaces, amounts right-aligned, a rule under the header and
    /// above the first total. Trailing spaces are trimmed.
    public func text(color: Bool = false) -> String {
        var widths = columns.map { ReportTable.width($0.title) }
        for r in rows { for (k, c) in r.cells.enumerated() where k < widths.count { widths[k] = max(widths[k], ReportTable.width(c)) } }
        func line(_ cells: [String]) -> String {
            var s = ""
            for (k, col) in columns.enumerated() {
                if k > 0 { s += "  " }
                s += ReportTable.pad(k < cells.count ? cells[k] : "", widths[k], col.align)
            }
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var out = (color ? ANSI.bold : "") + line(columns.map(\.title)) + (color ? ANSI.reset : "") + "\n" + rule + "\n"
        var ruled = false
        for r in rows {
            if r.isTotal && !ruled {
                out += rule + "\n"
                ruled = true
            }
            let body = line(r.cells)
            if color, let c = r.color { out += c + body + ANSI.reset + "\n" } else if color && r.isTotal { out += ANSI.bold + body + ANSI.reset + "\n" } else { out += body + "\n" }
        }
        return out
    }

    /// A GitHub-flavoured Markdown table; total rows in bold.
    public func markdown() -> String {
        func cell(_ s: String) -> String {
            var o = ""
            for ch in s {
                if ch == "|" || ch == "\\" || ch == "*" || ch == "_" || ch == "`" { o.append("\\") }
                o.append(ch == "\n" ? " " : ch)
            }
            return o
        }
        var out = "| " + columns.map { cell($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.align == .right ? " ---: |" : " --- |" }.joined() + "\n"
        for r in rows {
            let cells = columns.indices.map { k -> String in
                let c = cell(k < r.cells.count ? r.cells[k] : "")
                return r.isTotal && !c.isEmpty ? "**" + c + "**" : c
            }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
    public func csv() -> String {
        var out = ReportTable.csvLine(columns.map(\.title))
        for r in rows { out += ReportTable.csvLine(r.cells) }
        return out
    }

    public static func csvLine(_ cells: [String]) -> String {
        cells.map { c -> String in
            guard c.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return c }
            var q = "\""
            for ch in c {
                if ch == "\"" { q += "\"\"" } else { q.append(ch) }
            }
            return q + "\""
        }.joined(separator: ",") + "\r\n"
    }
}

/// Terminal colours, used only when the command says colour is wanted.
public enum ANSI {
    public static let reset = "\u{1B}[0m"
    public static let bold = "\u{1B}[1m"
    public static let red = "\u{1B}[31m"
    public static let yellow = "\u{1B}[33m"
    public static let dim = "\u{1B}[2m"
}
