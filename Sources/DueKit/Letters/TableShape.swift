/// How a letter's table is laid out in HTML, worked out once from its cells: which column may
/// wrap (`wide`: the longest text that is not figures), which right-aligned columns hold words
/// rather than figures and may wrap too (`wordy`), and which rows' labels run across the empty
/// cells after them (`labelSpan`). The email, the printed letter and the printed letter's
/// estimate of its own length all read it, so they agree.
struct TableShape {
    let aligns: [LetterMarkdown.Alignment]
    /// Each column's longest cell, in columns (`DisplayWidth`), labels that run across others left out.
    let longest: [Int]
    let wide: Int?
    let wordy: Set<Int>

    init(aligns: [LetterMarkdown.Alignment], rows: [[[LetterMarkdown.Inline]]]) {
        self.aligns = aligns
        var longest = Array(repeating: 0, count: aligns.count)
        for r in rows {
            let from = Self.labelSpan(r) ?? 0
            for (k, c) in r.enumerated() where k >= from && k < longest.count { longest[k] = max(longest[k], LetterMarkdown.width(c)) }
        }
        self.longest = longest
        wide = longest.indices.filter { aligns[$0] != .right }.max { longest[$0] < longest[$1] }
        // A right-aligned column of words, not figures ("not yet due (22 February 2026)"),
        // may wrap too: kept on one line, it took the width the descriptions needed, and a
        // reminder of nine invoices ran onto a second page.
        wordy = Set(longest.indices.filter { aligns[$0] == .right && longest[$0] > 16 })
    }

    /// How many cells a row's first cell runs across: a label ("Past due", "**Total open in
    /// GBP**") with empty cells after it up to its figure. Laid out in its own column, the
    /// longest label set that column's width, and the descriptions beside it wrapped onto three
    /// lines where they needed one. nil for a row of cells each in its place.
    static func labelSpan(_ row: [[LetterMarkdown.Inline]]) -> Int? {
        guard row.count >= 3, LetterMarkdown.width(row[0]) > 0, LetterMarkdown.width(row[1]) == 0,
              let figure = row.indices.dropFirst(2).first(where: { LetterMarkdown.width(row[$0]) > 0 }) else { return nil }
        return figure
    }

    func wraps(_ k: Int) -> Bool { k == wide || wordy.contains(k) }
}
