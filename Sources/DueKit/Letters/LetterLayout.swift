/// A draft read as a letter: the front matter (letterhead, date, address block), the heading
/// that names it, and the body. The email and the printed letter are both made from this, so
/// whatever the user changed in the draft reaches both.
///
/// The parts are found in the text, not assumed: the letterhead is the paragraph before the
/// heading whose first line is the sender's name, the address block the one whose first line is
/// the client's name, or else the last other paragraph there of more than one line; any other
/// paragraph there (the date) stays with them. The heading is the
/// first Markdown heading, or a paragraph that is bold throughout (as the built-in letters write
/// it). Without a heading, the whole draft is the body.
public struct LetterLayout: Sendable {
    public var letterhead: [String]?
    public var address: [String]?
    public var dateLines: [String] = []
    public var subject: String?
    public var body: [LetterMarkdown.Block]

    public init(_ markdown: LetterMarkdown, senderName: String?, clientName: String) {
        let blocks = markdown.blocks
        guard let h = blocks.firstIndex(where: { Self.heading($0) != nil }) else {
            body = blocks
            return
        }
        subject = Self.heading(blocks[h])
        body = Array(blocks[(h + 1)...])
        var others: [[String]] = []
        for b in blocks[..<h] {
            guard case .paragraph(let lines) = b else {
                body.insert(b, at: 0)
                continue
            }
            let text = lines.map { LetterMarkdown.plain($0.inlines) }
            if letterhead == nil, let s = senderName, text.first == s {
                letterhead = text
            } else if address == nil, text.first == clientName {
                address = text
            } else {
                others.append(text)
            }
        }
        // An address the user corrected, its first line too, is still the address: the last
        // other paragraph of more than one line (the date is one). Else it would print under
        // the date, and the window would show the ledger's address the user had replaced.
        if address == nil, let k = others.lastIndex(where: { $0.count > 1 }) {
            address = others.remove(at: k)
        }
        dateLines = others.flatMap { $0 }
    }

    static func heading(_ b: LetterMarkdown.Block) -> String? {
        switch b {
        case .heading(_, let inl): return LetterMarkdown.plain(inl)
        case .paragraph(let lines):
            guard lines.count == 1, lines[0].inlines.count == 1, case .strong(let inner) = lines[0].inlines[0] else { return nil }
            return LetterMarkdown.plain(inner)
        default: return nil
        }
    }
}
