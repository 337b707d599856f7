import Testing
@testable import DueKit

/// The byte reader must read every text it accepts exactly as the `Character` reader does, and
/// leave to that reader every text it could read otherwise.
@Suite struct LetterMarkdownBytesTests {
    typealias M = LetterMarkdown

    static let samples: [String] = [
        "# Owed **now**\n\nDear Jane,\nsecond line\n\n**Friendly reminder**\n",
        "## Heading ##\n### closing # run #\n#### only ####\n####### seven\n#nospace\n# \n#\n##   #\n# a#\n",
        "1 Harbour Road  \nBristol\\\nBS1 5TT\nend  \n",
        "C:\\\\\nnext\\\\\\\nlast\\",
        "<script>alert(\"x\")</script> & Kiln's **<b>**",
        "\\*not bold\\* and \\# and 3 * 4 and ** open\n\\!\\\"\\#\\$\\%\\&\\'\\(\\)\\*\\+\\,\\-\\.\\/\\:\\;\\<\\=\\>\\?\\@\\[\\\\\\]\\^\\_\\`\\{\\|\\}\\~ \\a \\1 \\é",
        "*quiet* and **loud** and *a **b** c* and ***both*** and ****four**** *open **x* y** z*",
        "* a\n* b\n\n  * c\n+ plus\n- - -\n* * *\n***\n- -\n-\n-x\n-\ttab\n    - four spaces\n   - three\n",
        "Intro\n- one\n- two\n  continued\n\n1. first\n2) second\n10. ten\n1234567890. long\n3.x\n4.\n5)\ttab\n",
        "- item\n# heading after\n- item\n| not a table\n- item\n\n\n- again\n\ntext\n1. switch\n- kind\n",
        "| Invoice | For | Open |\n| --- | --- | ---: |\n| 2026-014 | Cups \\| saucers | 1,200.00 |\n| **Total** | | **1,200.00 GBP** |\n",
        "|a|b|c|\n|:-|:-:|-:|\n|1|2|3|4|\n|1|\n| x \\\n\nafter\n",
        "| a | b\n|---|:---:|:\n| c | d\n",
        "para\n| a | b |\n| - | - |\n| c | d |\n",
        "| a |\n| -x- |\n",
        "a | b\n--|--\nc | d\n",
        "<!-- due: reminder -->\n<!-- a comment\nover lines -->\n\nDear Jane,\n\n<!-- due: generated fnv1a64:0123 — edit freely -->\n",
        "text\n<!-- comment starts\nstill -->\nafter\n<!-- never closed\nlost\n",
        "Brightline Studio Ltd\nLeeds — Yorkshire\n\n20 November 2026\n\nAcme Ltd\n1 Road\n\n**Friendly reminder: 10.00 GBP now due**\n\nDear Jane,\n",
        "Café Ünïcödé: **€1.200,00** — “quoted” ‘single’ … £5 ¥7 ₹9\n\n# Überschrift ✓\n\n- naïve item\n- 日本語のテキスト **太字** *斜体*\n",
        "Emoji 😀 **👍 bold** and *ok* ✓\n\n| név | összeg |\n| --- | ---: |\n| Ödön | 12 € |\n",
        "Spaces:\u{00A0}**\u{00A0}nbsp**\u{00A0}and *\u{3000}ideo* and **x\u{2003}** and *y\u{00A0}* and *z*\u{2028}w\n",
        "line\u{2028}sep and \u{0085} nel and \u{00AD}soft *a\u{200B}*\n",
        "\u{0301}lone mark at start\n\u{0301}* not a list\n",
        "stars: * ** *** **** ***** \\** *\\** **\\*\\*** *a\\*b* *\\\n",
        "tabs\t**\tx**\t*\ty*\tend\t\n\t\tindented\n   \t mixed\n",
        "",
        "\n\n\n",
        "no newline at end",
        "*",
        "**",
        "\\",
        "# ",
        "|",
        "|\n|-|\n",
        "- \n- x\n",
        "1. \n",
    ]

    @Test func readsTheSamplesAsTheCharacterReaderDoes() {
        for text in Self.samples {
            guard let bytes = LetterMarkdownBytes.blocks(text) else {
                Issue.record("read by characters: \(text.debugDescription)")
                continue
            }
            #expect(bytes == M.blocksByCharacter(text), "\(text.debugDescription)")
            #expect(M(text).html() == M(blocks: M.blocksByCharacter(text)).html())
            #expect(M(text).plainText() == M(blocks: M.blocksByCharacter(text)).plainText())
        }
    }

    @Test func textsWhoseCharactersAreNotOneScalarAreReadByCharacter() {
        let joined = [
            "a\r\nb\r\n",
            "line\r",
            "*\u{0301}a*",
            "**bold\u{0301}**",
            "|a\u{0301}|b|\n|-\u{0301}|-|\n",
            "e\u{0301}",
            "👍🏽",
            "🇬🇧",
            "\u{0600}*x*",
            "Emoji **👍🏽 bold** and flags 🇬🇧🇫🇷 *ok*\n",
            "a \u{200D}zwj",
        ]
        for text in joined {
            #expect(LetterMarkdownBytes.blocks(text) == nil, "\(text.debugDescription)")
            #expect(M(text).blocks == M.blocksByCharacter(text))
        }
        // A mark joined to a star makes it another character: no emphasis.
        #expect(M("*\u{0301}a*").plainText() == "*\u{0301}a*\n")
        // The joining characters outside the fast range are measured, not refused.
        #expect(LetterMarkdownBytes.blocks("Emoji 😀 and 日本") != nil)
    }

    @Test func whitespaceIsTheCharacters() {
        for v in UInt32(0)..<0x3100 {
            guard let s = Unicode.Scalar(v), v != 0x0D else { continue }
            let text = String(Character(s))
            guard text.unicodeScalars.count == 1 else { continue }
            var copy = text
            let byBytes = copy.withUTF8 { LetterMarkdownBytes($0).isWhitespace(at: 0) }
            #expect(byBytes == Character(s).isWhitespace, "U+\(String(v, radix: 16))")
        }
    }

    /// Random texts from pieces that matter to the rules, with text around them.
    @Test func readsRandomTextsAsTheCharacterReaderDoes() {
        let pieces = ["*", "**", "***", "\\", "|", "#", "# ", "## ", "- ", "* ", "+ ", "1. ", "2) ", ":", "-", "---", " ", "  ", "\t",
                      "\n", "\n", "\n\n", "<!--", "-->", "a", "word", "Zoë", "€", "—", "日本", "😀", "\u{00A0}", "\u{3000}", "x ", " y",
                      "\\*", "\\|", "\\\\", "| - |", "|:-:|", "\n| a | b |\n|---|--:|\n"]
        var rng = SplitMix(seed: 14)
        var read = 0
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &rng) { text += pieces.randomElement(using: &rng)! }
            guard let bytes = LetterMarkdownBytes.blocks(text) else { continue }
            read += 1
            #expect(bytes == M.blocksByCharacter(text), "\(text.debugDescription)")
        }
        #expect(read > 2500)
    }

    @Test func builtInDraftsAreReadAsBytes() {
        let draft = Draft.compose(fields: DraftFields(stage: .reminder, client: "kiln", asOf: Day(year: 2026, month: 11, day: 20)!, invoices: ["2026-027"], facts: "0"),
                                  reason: "overdue", body: "Kiln Ltd\n\n**Friendly reminder**\n\nDear Jane,\n\n| Invoice | Open |\n| --- | ---: |\n| 2026-027 | 1,200.00 |\n")
        #expect(LetterMarkdownBytes.blocks(draft) == M.blocksByCharacter(draft))
        #expect(LetterMarkdownBytes.blocks(draft) != nil)
    }
}
