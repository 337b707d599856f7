import Testing
@testable import DueKit

/// `Draft.fields` finds the `due-letter` line among the first eight lines of the draft's first
/// 4 KB that are not empty, with LF or CR LF line ends.
@Suite struct DraftFieldsTests {
    static let line = "<!-- due-letter: stage=reminder client=kiln as-of=2026-11-20 invoices=2026-027,2026-029 facts=fnv1a64:0123456789abcdef -->"

    static var fields: DraftFields? { DraftFields(line: Substring(line)) }

    /// The digest `compose` hands on with the draft is the digest of the draft it returns, footer
    /// and all, as an email form made from the text alone works it out, and the draft reads
    /// as untouched.
    @Test func composedDraftCarriesTheDigestOfItsWholeText() throws {
        let fields = try #require(Self.fields)
        for body in ["", "Dear Kiln,\n\nPlease pay.\n", "Zoë — café ☕\n| a | b |\n", String(repeating: "row |\n", count: 3000)] {
            for reason in ["overdue", "a --> b", ""] {
                let (text, digest) = Draft.composeDigested(fields: fields, reason: reason, body: body)
                #expect(text == Draft.compose(fields: fields, reason: reason, body: body))
                #expect(digest == Digest.fnv1a64(text))
                #expect(Draft.isUntouched(Array(text.utf8)))
                // Saved again with CR LF line ends, it says the same: still untouched.
                #expect(Draft.isUntouched(Array(text.replacingAll("\n", with: "\r\n").utf8)))
                // One word changed, in either line ending, is the user's edit.
                let edited = text.replacingAll("<!-- due: ", with: "<!-- due:  ")
                #expect(!Draft.isUntouched(Array(edited.utf8)))
                #expect(!Draft.isUntouched(Array(edited.replacingAll("\n", with: "\r\n").utf8)))
            }
        }
    }

    @Test func findsTheLineInTheHead() {
        let long = String(repeating: "x", count: 5000)
        let heads = [
            "<!-- due: Reminder for kiln on 2026-11-20. Why: overdue -->\n\(Self.line)\n\nKiln Ltd\n",
            "\n\n\n\(Self.line)\n",
            "1\n2\n3\n4\n5\n6\n7\n\(Self.line)\n",
            "1\n2\n3\n4\n5\n6\n7\n8\n\(Self.line)\n",
            "1\n\n2\n\n3\n\n4\n\n5\n\n6\n\n7\n\n\(Self.line)",
            "<!-- due: x -->\r\n\(Self.line)\r\n",
            "<!-- due: x -->\n\(Self.line)\r\nnext\n",
            "a\rb\n\(Self.line)\n",
            "<!-- due-letter: \u{0301}stage=reminder client=kiln as-of=2026-11-20 facts=fnv1a64:0 -->\n\(Self.line)\n",
            "<!-- due-letter: broken -->\n\(Self.line)\n",
            "Zoë — café\n\(Self.line.replacingAll("kiln", with: "zoé"))\n",
            "\(long)\n\(Self.line)\n",
            String(repeating: "é", count: 2030) + "\n" + Self.line + "\n",
            String(repeating: "y", count: 4096 - Self.line.utf8.count - 1) + "\n" + Self.line + "\n",
            String(repeating: "y", count: 4096 - Self.line.utf8.count) + "\n" + Self.line + "\n",
            "",
            "\n",
        ]
        // Which heads hold the line where it is looked for: not as the ninth line, nor past or
        // across 4 KB; the first line with the prefix is the one read, unless a mark joins its blank.
        let found = [true, true, true, false, true, true, true, true, true, false, nil, false, false, true, false, false, false]
        #expect(Self.fields != nil && found.count == heads.count)
        for (head, found) in zip(heads, found) {
            let bytes = Array(head.utf8)
            if let found {
                #expect(Draft.fields(bytes) == (found ? Self.fields : nil), "\(head.prefix(80).debugDescription)")
            }
            // The same head with CR LF line ends reads the same.
            if !head.contains("\r") && head.utf8.count < 3000 {
                let crlf = Array(head.replacingAll("\n", with: "\r\n").utf8)
                #expect(Draft.fields(crlf) == Draft.fields(bytes), "\(head.prefix(80).debugDescription)")
            }
        }
        #expect(Draft.fields(Array(heads[10].utf8))?.client == "zoé")
        #expect(Draft.fields(Array(heads[0].utf8))?.invoices == ["2026-027", "2026-029"])
        #expect(Draft.fields(Array(heads[3].utf8)) == nil)
        // A line cut in the middle of a character at 4 KB.
        var cut = Array(String(repeating: "é", count: 2047).utf8) + [0x0A]
        cut = Array(cut.prefix(4095)) + Array(Self.line.utf8)
        #expect(Draft.fields(cut) == nil)
    }
}
