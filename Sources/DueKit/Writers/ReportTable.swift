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

    /// Columns separated by two spaces, amounts right-aligned, a rule under the header and
    /// above the first total, each cell padded to the columns a terminal draws it in
    /// (`DisplayWidth`: a name in Chinese or with an emoji takes two a character). Trailing
    /// spaces are trimmed.
    public func text(color: Bool = false) -> String {
        ReportTable.text(columns: columns, count: rows.count, color: color) { rows[$0] }
    }

    /// `text(color:)` of a table whose `count` rows are made when asked (`row(n)`, asked twice:
    /// once for the columns' widths, once to write it) rather than held: the aging of a large
    /// ledger lists hundreds of thousands of invoices, each a row of twelve strings that was
    /// held until the last was written.
    static func text(columns: [Column], count: Int, color: Bool, row: (Int) -> Row) -> String {
        var widths = columns.map { DisplayWidth.of($0.title) }
        for n in 0..<count {
            let cells = row(n).cells
            for k in columns.indices where k < cells.count { widths[k] = max(widths[k], DisplayWidth.of(cells[k])) }
        }
        let lineWidth = widths.reduce(0, +) + 2 * max(0, widths.count - 1) + 1
        var out = ByteText(capacity: (count + 4) * (lineWidth + (color ? 10 : 0)))
        // Rows go straight into one buffer: no padded copy of each cell, no string per line.
        func line(_ cells: [String]) {
            let start = out.bytes.count
            for (k, col) in columns.enumerated() {
                if k > 0 { out.spaces(2) }
                let cell = k < cells.count ? cells[k] : ""
                let fill = widths[k] - DisplayWidth.of(cell)
                if col.align == .right {
                    out.spaces(fill)
                    out.append(cell)
                } else {
                    out.append(cell)
                    out.spaces(fill)
                }
            }
            while out.bytes.count > start && out.bytes[out.bytes.count - 1] == 0x20 { out.bytes.removeLast() }
        }
        func rule() {
            for (k, w) in widths.enumerated() {
                if k > 0 { out.spaces(2) }
                for _ in 0..<w { out.byte(0x2D) }
            }
            out.byte(0x0A)
        }
        if color { out.append(ANSI.bold) }
        line(columns.map(\.title))
        if color { out.append(ANSI.reset) }
        out.byte(0x0A)
        rule()
        var ruled = false
        for n in 0..<count {
            let r = row(n)
            if r.isTotal && !ruled {
                rule()
                ruled = true
            }
            if color, let c = r.color {
                out.append(c)
                line(r.cells)
                out.append(ANSI.reset)
            } else if color && r.isTotal {
                out.append(ANSI.bold)
                line(r.cells)
                out.append(ANSI.reset)
            } else {
                line(r.cells)
            }
            out.byte(0x0A)
        }
        return out.string
    }

    /// `s` as one Markdown table cell: the one escape every table of ledger text goes through
    /// (reports, agenda, letters), so a `|` in a description cannot add a column.
    public static func markdownCell(_ s: String) -> String {
        var out = ByteText()
        markdownCell(s, into: &out)
        return out.string
    }

    /// The cells that open a row about one invoice: its client, number and currency. A row
    /// that goes on with the invoice of the row above (`named: false`) leaves the first two
    /// blank.
    static func markdownInvoiceCells(client: String, number: String, currency: Currency, named: Bool = true, into out: inout ByteText) {
        out.append("| ")
        if named { markdownCell(client, into: &out) }
        out.append(" | ")
        if named { markdownCell(number, into: &out) }
        out.append(" | ")
        out.currency(currency)
    }

    /// A Markdown table cell: characters Markdown would read escaped, line breaks as spaces.
    static func markdownCell(_ s: String, into out: inout ByteText) {
        if let done = s.utf8.withContiguousStorageIfAvailable({ markdownASCII($0, into: &out) }), done { return }
        // ASCII text, by far the most common, is escaped byte by byte; other text by character,
        // where a combining mark after `|` makes a character that needs no escape.
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            var previous: UInt8 = 0
            for b in s.utf8 {
                if b == 0x7C || b == 0x5C || b == 0x2A || b == 0x5F || b == 0x60 { out.byte(0x5C) }
                // `\r\n` is one character, not a line feed: kept as it is.
                out.byte(b == 0x0A && previous != 0x0D ? 0x20 : b)
                previous = b
            }
            return
        }
        var o = ""
        for ch in s {
            if ch == "|" || ch == "\\" || ch == "*" || ch == "_" || ch == "`" { o.append("\\") }
            o.append(ch == "\n" ? " " : ch)
        }
        out.append(o)
    }

    /// `markdownCell` of UTF-8 bytes, escaped in place when they are ASCII.
    static func markdownCell(bytes: UnsafeBufferPointer<UInt8>, into out: inout ByteText) {
        if !markdownASCII(bytes, into: &out) { markdownCell(String(decoding: bytes, as: UTF8.self), into: &out) }
    }

    /// Escapes ASCII bytes as `markdownCell` does; false (nothing written) for other text.
    static func markdownASCII(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout ByteText) -> Bool {
        var plain = true
        for b in bytes {
            if b >= 0x80 { return false }
            if b == 0x7C || b == 0x5C || b == 0x2A || b == 0x5F || b == 0x60 || b == 0x0A { plain = false }
        }
        if plain {
            out.bytes.append(contentsOf: bytes)
            return true
        }
        var previous: UInt8 = 0
        for b in bytes {
            if b == 0x7C || b == 0x5C || b == 0x2A || b == 0x5F || b == 0x60 { out.byte(0x5C) }
            out.byte(b == 0x0A && previous != 0x0D ? 0x20 : b)
            previous = b
        }
        return true
    }

    /// A GitHub-flavoured Markdown table; total rows in bold.
    public func markdown() -> String {
        var out = ByteText(capacity: (rows.count + 2) * (columns.count * 12 + 4))
        markdownHeader(into: &out)
        for r in rows {
            out.append("| ")
            for k in columns.indices {
                if k > 0 { out.append(" | ") }
                let cell = k < r.cells.count ? r.cells[k] : ""
                if r.isTotal && !cell.isEmpty {
                    out.append("**")
                    ReportTable.markdownCell(cell, into: &out)
                    out.append("**")
                } else {
                    ReportTable.markdownCell(cell, into: &out)
                }
            }
            out.append(" |\n")
        }
        return out.string
    }

    /// The header of `markdown()`: the titles and the line that aligns the columns. A writer of
    /// a table of many rows writes them after it straight into `out`, as `markdown()` would.
    func markdownHeader(into out: inout ByteText) {
        out.append("| ")
        for (k, c) in columns.enumerated() {
            if k > 0 { out.append(" | ") }
            ReportTable.markdownCell(c.title, into: &out)
        }
        out.append(" |\n|")
        for c in columns { out.append(c.align == .right ? " ---: |" : " --- |") }
        out.byte(0x0A)
    }

    /// RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
    public func csv() -> String {
        var out = ByteText()
        ReportTable.csvLine(columns.map(\.title), into: &out)
        for r in rows { ReportTable.csvLine(r.cells, into: &out) }
        return out.string
    }

    public static func csvLine(_ cells: [String]) -> String {
        var out = ByteText()
        csvLine(cells, into: &out)
        return out.string
    }

    public static func csvLine(_ cells: [String], into out: inout ByteText) {
        for (k, c) in cells.enumerated() {
            if k > 0 { out.byte(0x2C) }
            csvField(c, into: &out)
        }
        out.append("\r\n")
    }

    public static func csvField(_ c: String, into out: inout ByteText) {
        // In ASCII without a carriage return every byte is one character, so the bytes can be
        // tested and copied as they are; other text is judged by character (CR LF is one).
        if !c.utf8.contains(where: { $0 >= 0x80 || $0 == 0x0D }) {
            guard c.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A }) else { return out.append(c) }
            out.byte(0x22)
            for b in c.utf8 {
                if b == 0x22 { out.byte(0x22) }
                out.byte(b)
            }
            out.byte(0x22)
            return
        }
        guard c.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return out.append(c) }
        var q = "\""
        for ch in c {
            if ch == "\"" { q += "\"\"" } else { q.append(ch) }
        }
        out.append(q + "\"")
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
