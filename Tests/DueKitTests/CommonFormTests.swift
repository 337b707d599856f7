import Testing
@testable import DueKit

/// The parser reads the common forms of values by short paths (`readsCommonFormsDirectly`):
/// over every kind of line, odd ones included, it must give the ledger and the diagnostics the
/// general readers give, to the byte and the position.
@Suite struct CommonFormTests {
    /// The ledger and diagnostics of `text`, read with or without the short paths.
    private func read(_ text: [UInt8], direct: Bool) -> (ledger: String, diagnostics: [Diagnostic]) {
        let file = SourceFile(id: 0, path: "forms.due", bytes: text)
        var ledger = Ledger()
        var diagnostics: [Diagnostic] = []
        var parser = LedgerParser(file: file, order: 0)
        parser.readsCommonFormsDirectly = direct
        parser.checkingText()
        while parser.next(into: &ledger, diagnostics: &diagnostics) != nil {}
        ledger.files = []
        diagnostics += UTF8Check.report(parser.textFindings ?? UTF8Check.Findings(), in: file, from: 0)
        return (String(reflecting: ledger), diagnostics)
    }

    private func expectSameReading(_ text: String, _ context: String = "") {
        for ending in ["\n", "\r\n"] {
            let bytes = Array(text.replacingOccurrences(of: "\n", with: ending).utf8)
            let direct = read(bytes, direct: true), general = read(bytes, direct: false)
            #expect(direct.ledger == general.ledger, "\(context) \(text)")
            #expect(direct.diagnostics == general.diagnostics, "\(context) \(text)")
        }
    }

    /// Values in the places the short paths read them, each alone in a small ledger.
    static let amounts = [
        "1200.00", "0", "00", "007", "1,200.00", "1,20.00", "-5", "+5", ".5", "5.", ".", "1.2.3", "12a", "1e5",
        "123456789012345678", "1234567890123456789", "12345678901234567.8", "0000000000000000001", "١٢", "12é", "1\u{7F}",
    ]
    static let ids = ["INV-1", "acme", "a_b.c/d#1", "-a", "a-", "émile", "a\u{200B}b", "ab\u{00AD}", "x!", "1", "a;b", "ÀÉ"]
    static let dates = ["2026-03-02", "2026-03-02", "2026-02-29", "2024-02-29", "0000-01-01", "2026-13-01", "2026-3-2", "2026/03/02", "20260302xx", "2026-03-0x"]
    static let terms = [
        "net 30", "net 0", "net 3650", "net 3651", "net 30000", "NET 30", "Net 7", "net 30 eom", "2/10 net 30", "net", "net x",
        "net 3a", "net -1", "net 30 30", "receipt", "due on receipt", "eom", "net\t30", "net  30", "net 30 ; a note",
    ]
    static let methods = [
        "bank transfer, card", " card ,  cash ,", ",,", "a,,b", "card;x", "card ; comment", "\tcard\t,\tcash\t", "carte bancaire, espèces",
        "x,\u{301}y", "a , \u{301}b", "cash", "bank transfer,card,cheque",
    ]

    @Test func everyValueIsReadAsTheGeneralReadersReadIt() {
        for a in Self.amounts {
            expectSameReading("2026-03-02 invoice acme INV-1\n  item Work 1 x \(a)\n  item Work \(a) x 2.00\n  total \(a)\n  tax VAT \(a)%\n", "amount")
            expectSameReading("2026-03-02 payment acme \(a)\n  apply INV-1 \(a)\n", "amount")
            expectSameReading("client acme Acme\n  interest \(a)%\n  compensation \(a)\n", "amount")
        }
        for id in Self.ids {
            expectSameReading("client \(id) Name\n2026-03-02 invoice \(id) \(id)\n  total 1.00\n2026-03-03 payment \(id) 1.00\n  apply \(id) 1.00\n", "id")
            expectSameReading("2026-03-02 letter acme reminder\n  invoices \(id) INV-2 \(id)\n", "id")
        }
        var text = ""
        for (k, d) in Self.dates.enumerated() {
            text += "\(d) invoice acme INV-\(k)\n  due \(Self.dates[(k + 3) % Self.dates.count])\n  total 1.00\n"
            text += "\(d) note acme call\n  promise \(d) 10.00\n"
        }
        expectSameReading(text, "dates")
        for t in Self.terms {
            expectSameReading("client acme Acme\n  terms \(t)\n2026-03-02 invoice acme INV-1\n  terms \(t)\n  total 1.00\n", "terms")
        }
        for m in Self.methods {
            expectSameReading("client acme Acme\n  methods \(m)\n", "methods")
        }
    }

    /// Lines built at random from the words and bytes that decide how a line reads.
    @Test func randomLedgersAreReadAsTheGeneralReadersReadThem() {
        let heads = [
            "2026-03-02 invoice acme INV-1", "2026-03-02 payment acme 10.00", "2026-03-02 note acme call", "client acme Acme", "2026-03-02 plan acme 100.00",
            "2026-03-02 credit acme 5.00", "2026-03-02 letter acme reminder", "2026-03-02 writeoff acme INV-1", "sender Studio", "2026-03-02 balance acme 0.00",
        ]
        let keywords = [
            "item", "item", "apply", "total", "tax", "tax", "terms", "due", "promise", "methods", "interest", "ref", "method", "said", "2026-04-01",
            "for", "reason", "with", "channel", "contact", "email", "address", "bank", "invoices", "hardship", "number", "itemx",
        ]
        let pieces = Self.amounts + Self.ids + Self.dates + [
            "x", "x", "×", "*", "net", "30", "VAT", "20%", "GBP", "eur", ";", "; c", ";x", "a;b", "\t", "  ", "\u{0}", "\u{0C}", "\r", "\u{7F}", "Design sprint", "3", "850.00",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(n))
        }
        for _ in 0..<600 {
            var text = heads[next(heads.count)] + "\n"
            for _ in 0..<5 {
                var line = (next(4) == 0 ? "\t" : "  ") + keywords[next(keywords.count)]
                for _ in 0..<next(9) { line += (next(5) == 0 ? "\t" : String(repeating: " ", count: 1 + next(3))) + pieces[next(pieces.count)] }
                text += line + (next(6) == 0 ? " " : "") + "\n"
            }
            expectSameReading(text, "random")
        }
    }

    /// A short text is made in place; it must be the text the general decoder makes, repairs
    /// of bytes that are not UTF-8 included.
    @Test func shortTextsAreTheTextsTheDecoderMakes() {
        let alphabet: [UInt8] = [0x61, 0x20, 0x00, 0x7F, 0x80, 0xC3, 0xA9, 0xE2, 0x80, 0x8B, 0xF0, 0x9F, 0xFF]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<3000 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            let count = Int(state % 16)
            let bytes = (0..<count).map { k in alphabet[Int((state >> (k * 4)) % UInt64(alphabet.count))] }
            bytes.withUnsafeBufferPointer { b in
                let made = TextInterner.short(b), decoded = String(decoding: b, as: UTF8.self)
                #expect(made == decoded && Array(made.utf8) == Array(decoded.utf8), "\(bytes)")
            }
        }
    }

    /// The day before is taken again only for the same ten bytes.
    @Test func aDateIsReadAgainUnlessItsBytesAreTheSame() {
        var recent = RecentDay()
        for text in Self.dates + Self.dates.reversed() + ["2026-03-02", "2026-03-03", "2026-03-02"] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                let expected: Day? = if case .valid(let d) = DayParser.parse(b) { d } else { nil }
                #expect(recent.read(b) == expected, "\(text)")
            }
        }
    }
}
