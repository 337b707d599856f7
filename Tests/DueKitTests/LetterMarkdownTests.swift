import Testing
@testable import DueKit

@Suite struct LetterMarkdownTests {
    typealias M = LetterMarkdown

    @Test func headingsParagraphsAndBold() {
        let md = M("# Owed **now**\n\nDear Jane,\nsecond line\n\n**Friendly reminder**\n")
        #expect(md.blocks == [
            .heading(level: 1, [.text("Owed "), .strong([.text("now")])]),
            .paragraph([M.Line(inlines: [.text("Dear Jane,")], hardBreak: false), M.Line(inlines: [.text("second line")], hardBreak: false)]),
            .paragraph([M.Line(inlines: [.strong([.text("Friendly reminder")])], hardBreak: false)]),
        ])
        #expect(md.html() == "<h1>Owed <strong>now</strong></h1>\n<p>Dear Jane,\nsecond line</p>\n<p><strong>Friendly reminder</strong></p>\n")
        #expect(md.plainText() == "Owed now\n\nDear Jane,\nsecond line\n\nFriendly reminder\n")
    }

    /// A note the user added to a draft and forgot to close hides itself, not the rest of the
    /// letter up to the footer's `-->`; a closed comment of several paragraphs is still one.
    @Test func aCommentLeftOpenEndsAtItsParagraph() {
        let draft = "Dear Jane,\n\n<!-- check with Jane\n\nPlease pay 100.00 GBP.\n\nKind regards,\n\n<!-- due: generated fnv1a64:0 -->\n"
        #expect(M(draft).plainText() == "Dear Jane,\n\nPlease pay 100.00 GBP.\n\nKind regards,\n")
        #expect(M("a\n\n<!-- one\n\ntwo -->\n\nb\n").plainText() == "a\n\nb\n")
    }

    @Test func hardBreaksByTwoSpacesOrBackslash() {
        let md = M("1 Harbour Road  \nBristol\\\nBS1 5TT\n")
        #expect(md.html() == "<p>1 Harbour Road<br>\nBristol<br>\nBS1 5TT</p>\n")
        #expect(md.plainText() == "1 Harbour Road\nBristol\nBS1 5TT\n")
        // The last line of a paragraph has nowhere to break to; an escaped backslash is text.
        #expect(M("end  \n").html() == "<p>end</p>\n")
        #expect(M("C:\\\\\nnext").html() == "<p>C:\\\nnext</p>\n")
    }

    @Test func textIsEscapedAndMarkupInTextStaysText() {
        let md = M("<script>alert(\"x\")</script> & Kiln's **<b>**")
        #expect(md.html() == "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Kiln&#39;s <strong>&lt;b&gt;</strong></p>\n")
        #expect(md.plainText() == "<script>alert(\"x\")</script> & Kiln's <b>\n")
    }

    @Test func backslashEscapesAndStarsThatAreNotMarkup() {
        #expect(M("\\*not bold\\* and \\# and 3 * 4 and ** open").plainText() == "*not bold* and # and 3 * 4 and ** open\n")
        #expect(M("*quiet* and **loud** and *a **b** c*").html() == "<p><em>quiet</em> and <strong>loud</strong> and <em>a <strong>b</strong> c</em></p>\n")
        // A backslash before a letter is kept.
        #expect(M("C:\\dir").plainText() == "C:\\dir\n")
    }

    @Test func lists() {
        let md = M("Intro\n- one\n- two\n  continued\n\n1. first\n2) second\n")
        #expect(md.blocks.count == 3)
        #expect(md.html() == "<p>Intro</p>\n<ul>\n<li>one</li>\n<li>two\ncontinued</li>\n</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n")
        #expect(md.plainText() == "Intro\n\n- one\n- two\n  continued\n\n1. first\n2. second\n")
        // A bold line and a horizontal rule are not list items.
        #expect(M("**Total**").blocks == [.paragraph([M.Line(inlines: [.strong([.text("Total")])], hardBreak: false)])])
        #expect(M("- - -").blocks.count == 1)
    }

    /// A right-aligned column of words may wrap where one of figures may not: kept on one line,
    /// "not yet due (22 February 2026)" took the width the descriptions needed.
    @Test func aRightAlignedColumnOfWordsMayWrap() {
        let md = M("| Invoice | For | Open | Days past due |\n| --- | --- | ---: | ---: |\n| A-1 | Menu translation | 120.00 | 3 |\n| A-2 | Table talkers | 95.50 | not yet due (8 February 2026) |\n")
        let html = md.html()
        #expect(html.contains("<td class=\"num\">95.50</td><td class=\"num free\">not yet due (8 February 2026)</td>"))
        #expect(html.contains("<td class=\"num\">120.00</td><td class=\"num free\">3</td>"))
    }

    /// A row with more cells than the header (a `|` typed into an edited draft's cell) keeps
    /// its words in the last cell, in the email and the printed letter alike.
    @Test func aRowWiderThanItsHeaderKeepsItsWords() {
        let md = M("| Invoice | Note |\n| --- | --- |\n| A-1 | paid | see call of 3 May |\n")
        #expect(md.plainText().contains("paid | see call of 3 May"), "\(md.plainText())")
        #expect(md.html().contains(">paid | see call of 3 May</td>"), "\(md.html())")
    }

    @Test func tablesWithAlignmentAndEscapedPipes() {
        let md = M("| Invoice | For | Open |\n| --- | --- | ---: |\n| 2026-014 | Cups \\| saucers | 1,200.00 |\n| **Total** | | **1,200.00 GBP** |\n")
        guard case .table(let aligns, _, let rows) = md.blocks.first else {
            Issue.record("no table: \(md.blocks)")
            return
        }
        #expect(aligns == [.none, .none, .right])
        #expect(rows.count == 2)
        #expect(md.html() == """
            <table>
            <thead><tr><th>Invoice</th><th class="wide">For</th><th class="num">Open</th></tr></thead>
            <tbody>
            <tr><td>2026-014</td><td class="wide">Cups | saucers</td><td class="num">1,200.00</td></tr>
            <tr><td colspan="2"><strong>Total</strong></td><td class="num"><strong>1,200.00 GBP</strong></td></tr>
            </tbody>
            </table>

            """)
        #expect(md.plainText() == """
            Invoice   For                     Open
            --------  --------------  ------------
            2026-014  Cups | saucers      1,200.00
            Total                     1,200.00 GBP

            """)
    }

    /// Columns are as wide as their characters, not their bytes: accented and combined
    /// letters, and a cell whose text starts with a mark that joins the text before it in the
    /// same cell, line up with plain ASCII ones; the widest free-text column is the one that
    /// may wrap in HTML.
    @Test func tableColumnsCountCharactersNotBytes() {
        let md = M("""
            | Who | For | Open |
            | --- | --- | ---: |
            | Zoë | Café **cre\u{0301}me** | 1.00 |
            | Ann | Tea | 12,345.00 |

            """)
        #expect(md.plainText() == """
            Who  For              Open
            ---  ----------  ---------
            Zoë  Café cre\u{0301}me       1.00
            Ann  Tea         12,345.00

            """)
        #expect(md.html().contains("<td class=\"wide\">Café <strong>cre\u{0301}me</strong></td>"))
    }

    @Test func commentsAreInvisible() {
        let md = M("<!-- due: reminder -->\n<!-- a comment\nover lines -->\n\nDear Jane,\n\n<!-- due: generated -->\n")
        #expect(md.plainText() == "Dear Jane,\n")
    }

    @Test func layoutFindsLetterheadAddressDateAndSubject() {
        let draft = "<!-- due: x -->\n\nBrightline Studio Ltd\nLeeds\n\n20 November 2026\n\nAcme Ltd\n1 Road\n\n**Friendly reminder: 10.00 GBP now due**\n\nDear Jane,\n"
        let l = LetterLayout(M(draft), senderName: "Brightline Studio Ltd", clientName: "Acme Ltd")
        #expect(l.letterhead == ["Brightline Studio Ltd", "Leeds"])
        #expect(l.address == ["Acme Ltd", "1 Road"])
        #expect(l.dateLines == ["20 November 2026"])
        #expect(l.subject == "Friendly reminder: 10.00 GBP now due")
        #expect(M(blocks: l.body).plainText() == "Dear Jane,\n")
        // Without a heading everything is body.
        let plain = LetterLayout(M("Dear Jane,\n\nPay."), senderName: nil, clientName: "Acme Ltd")
        #expect(plain.subject == nil && plain.body.count == 2)
    }
}
