import Testing
@testable import DueKit

/// Letters' Markdown is read as UTF-8 bytes. The readings of the samples and of seeded random
/// texts are kept in a golden file, written when a reader of `Character`s read them the same:
/// a change to the rules shows there as a diff to read.
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

    /// The blocks, plain text and HTML of `texts`, one after another.
    static func readings(_ texts: [String]) -> String {
        var out = ""
        for (n, text) in texts.enumerated() {
            let md = M(text)
            out += "=== \(n) \(text.debugDescription)\n\(md.blocks)\n--- plain\n\(md.plainText())--- html\n\(md.html())"
        }
        return out
    }

    /// Random texts from pieces that matter to the rules, with text around them.
    static func randomTexts(count: Int) -> [String] {
        let pieces = ["*", "**", "***", "\\", "|", "#", "# ", "## ", "- ", "* ", "+ ", "1. ", "2) ", ":", "-", "---", " ", "  ", "\t",
                      "\n", "\n", "\n\n", "<!--", "-->", "a", "word", "Zoë", "€", "—", "日本", "😀", "\u{00A0}", "\u{3000}", "x ", " y",
                      "\\*", "\\|", "\\\\", "| - |", "|:-:|", "\n| a | b |\n|---|--:|\n"]
        var rng = SplitMix(seed: 14)
        return (0..<count).map { _ in
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &rng) { text += pieces.randomElement(using: &rng)! }
            return text
        }
    }

    @Test func readsTheSamplesAndRandomTextsAsBefore() {
        Golden.check(Self.readings(Self.samples), against: Repo.path("Tests/DueKitTests/Goldens/markdown/samples.txt"))
        Golden.check(Self.readings(Self.randomTexts(count: 400)), against: Repo.path("Tests/DueKitTests/Goldens/markdown/random.txt"))
    }

    /// A draft saved by an editor that ends its lines in CR LF reads as the same draft with LF.
    @Test func crLFLinesReadAsLFLines() {
        for text in Self.samples + Self.randomTexts(count: 400) {
            let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
            #expect(M(crlf) == M(text), "\(crlf.debugDescription)")
        }
        #expect(M("line\r").blocks == M("line").blocks)
        // A CR not before a line's end is text, as any control character is.
        #expect(M("a\rb").plainText() == "a\rb\n")
    }

    /// Syntax is read by Unicode scalars: a mark after a `*` is the first character of the
    /// emphasised text, as CommonMark reads it, and characters of many scalars are text.
    @Test func marksAndCharactersOfManyScalars() {
        #expect(M("*\u{0301}a*").blocks == [.paragraph([M.Line(inlines: [.emphasis([.text("\u{0301}a")])], hardBreak: false)])])
        #expect(M("**bold\u{0301}**").plainText() == "bold\u{0301}\n")
        #expect(M("Emoji **👍🏽 bold** and flags 🇬🇧🇫🇷 *ok*\n").html() == "<p>Emoji <strong>👍🏽 bold</strong> and flags 🇬🇧🇫🇷 <em>ok</em></p>\n")
        #expect(M("e\u{0301}").plainText() == "e\u{0301}\n")
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
}
