import Testing
@testable import DueKit

/// The parser's fast paths for the common forms of amounts and ids must say exactly what the
/// general readers say, for every input: the same value, or the same complaint.
@Suite struct ValueFastPathTests {
    private func describe(_ p: DecimalParse) -> String {
        switch p {
        case .valid(let v): "valid \(v.digits) \(v.scale)"
        case .invalid(let why): "invalid \(why)"
        case .overflow: "overflow"
        case .notANumber: "not a number"
        }
    }

    @Test func plainAmountsReadAsTheGeneralReaderReadsThem() {
        var texts = [
            "0", "00", "1", "150.00", "1234.56", ".5", "5.", ".", "..", "1.2.3", "007", "0.000", "1,200.00", "-5", "+5",
            "123456789012345678", "1234567890123456789", "12345678901234567.8", "1234567890123456.78", "0000000000000000001",
            "00000000000000000001", "999999999999999999.", "9999999999999999999", "1e5", "12a", "", "١٢", "12 ",
        ]
        // Every short string over the bytes that matter.
        let alphabet = ["0", "7", ".", ",", "-", "x"]
        for a in alphabet { for b in alphabet { for c in alphabet { texts.append(a + b + c) } } }
        for text in texts {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                for (negative, grouping) in [(true, true), (false, false), (false, true)] {
                    let fast = describe(DecimalValue.parse(b, allowNegative: negative, allowGrouping: grouping))
                    let general = describe(DecimalValue.parseAnyForm(b, allowNegative: negative, allowGrouping: grouping))
                    #expect(fast == general, "'\(text)'")
                }
            }
        }
    }

    /// The rule of grammar.md §2 written out plainly, one character at a time.
    private func reference(_ bytes: [UInt8]) -> LedgerID.Problem? {
        guard !bytes.isEmpty else { return .character }
        for (k, c) in bytes.enumerated() {
            let letterOrDigit = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c >= 0x80
            let mark = c == 0x2D || c == 0x5F || c == 0x2E || c == 0x2F || c == 0x23
            guard letterOrDigit || (mark && k > 0) else { return .character }
        }
        return HiddenCharacter.first(in: bytes).map { .hidden(offset: $0.offset, length: $0.length, scalar: $0.scalar) }
    }

    @Test func everyByteIsJudgedInAnIdAsTheRuleSays() {
        for c in UInt8.min...UInt8.max {
            for id in [[c], [c, 0x61], [0x61, c], [0x31, c, 0x32]] {
                #expect(LedgerID.problem(in: id) == reference(id), "\(id)")
            }
        }
        for text in ["INV-0000001", "acme", "émile", "a\u{200B}b", "x_y.z/1#2", "-a", "a-", "👩‍💻", "ab\u{00AD}", ""] {
            let id = Array(text.utf8)
            #expect(LedgerID.problem(in: id) == reference(id), "'\(text)'")
        }
    }
}

@Suite struct ClientIDTests {
    /// An id written on many entries is read as written on each, and a wrong one is reported
    /// each time it is written.
    @Test func clientIDsReadManyTimesGiveTheSameLedger() {
        var text = "client acme Acme\nclient émile Émile\n"
        for k in 0..<300 {
            let client = ["acme", "émile", "bad!", "a\u{200B}b", "averyveryverylongclientid"][k % 5]
            text += "2026-01-\(k % 20 + 10) invoice \(client) INV-\(k)\n  total 10.00\n"
        }
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "ids.due", parallel: false)
        #expect(load.ledger.invoices.map(\.client) == (0..<300).compactMap { k -> String? in [0: "acme", 1: "émile", 4: "averyveryverylongclientid"][k % 5] })
        #expect(load.diagnostics.filter { $0.code == "E112" }.count == 120)
    }

    /// Many distinct ids, each named twice: every entry names its own client.
    @Test func manyDistinctIDsAreReadAsWritten() {
        let ids = (0..<300).map { "c\($0)" }
        var text = ids.map { "client \($0) Name\n" }.joined()
        for (k, id) in (ids + ids).enumerated() {
            text += "2026-01-\(k % 20 + 10) invoice \(id) INV-\(k)\n  total 10.00\n"
        }
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "ids.due", parallel: false)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics.map(\.message))")
        #expect(load.ledger.invoices.map(\.client) == ids + ids)
    }
}

@Suite struct KeywordMatchTests {
    private func match(_ text: String, padded: Bool) -> Keyword? {
        // With bytes after the word (read eight at a time) and without (read one by one).
        let bytes = Array(text.utf8) + (padded ? Array("  rest of the line".utf8) : [])
        return bytes.withUnsafeBufferPointer { Keyword.match($0, 0, text.utf8.count) }
    }

    @Test func everyKeywordAndNothingElseIsRecognised() {
        func named(_ text: String) -> Keyword? { Keyword.allCases.first { $0.text == text } }
        for k in Keyword.allCases {
            let variants = [k.text, String(k.text.dropLast()), k.text + "s", k.text.uppercased(), String(k.text.dropLast()) + "\u{0}", k.text + "\u{0}", "x" + k.text.dropFirst()]
            for text in variants {
                for padded in [true, false] {
                    #expect(match(text, padded: padded) == named(text), "\(text)")
                }
            }
        }
    }
}
