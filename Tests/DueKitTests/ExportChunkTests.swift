import Testing
@testable import DueKit

/// The export's fast paths: transactions spelled in chunks on several cores, and narrations,
/// links and amounts written as bytes from their parts, each give the text the plain way does.
@Suite struct ExportChunkTests {
    static let generated = LedgerLoader.load(bytes: LedgerGenerator(invoices: 300, seed: 11, profile: .realistic).generate(), path: "r.due")

    /// Chunks of any size, joined in order, are the text written in one piece: each chunk is one
    /// piece after the header, and ends after a whole transaction.
    @Test(arguments: JournalFormat.allCases) func chunksJoinedAreTheOnePieceText(_ format: JournalFormat) throws {
        for load in [Self.generated, try LedgerLoader.load(path: Repo.path("samples/studio.due"))] {
            let whole = JournalExport.render(load.ledger, format: format, sourceName: "r.due")
            let count = JournalBuilder.book(load.ledger).count
            #expect(count > 40)
            for chunk in [1, 7, 40, count - 1] {
                var pieces: [[UInt8]] = []
                JournalExport.write(load.ledger, format: format, sourceName: "r.due", chunk: chunk) { pieces.append($0) }
                #expect(pieces.count == 1 + (count + chunk - 1) / chunk, "chunk \(chunk)")
                #expect(pieces.allSatisfy { $0.last == 0x0A })
                #expect(pieces.dropFirst().allSatisfy { $0.first == 0x0A })
                #expect(String(decoding: pieces.flatMap { $0 }, as: UTF8.self) == whole, "chunk \(chunk)")
            }
            // A book no larger than a chunk is written here, in pieces of about `pieceSize`.
            var pieces: [[UInt8]] = []
            JournalExport.write(load.ledger, format: format, sourceName: "r.due", pieceSize: 300, chunk: count) { pieces.append($0) }
            #expect(pieces.count > count / 4)
            #expect(String(decoding: pieces.flatMap { $0 }, as: UTF8.self) == whole)
        }
    }

    struct Refused: Error, Equatable { let piece: Int }

    /// A piece that cannot be handed on stops the export with that error; no later piece is
    /// handed on.
    @Test func aFailedPieceStopsTheChunkedExport() {
        var handed = 0
        do throws(Refused) {
            try JournalExport.write(Self.generated.ledger, format: .hledger, sourceName: "r.due", chunk: 5) { (_: [UInt8]) throws(Refused) in
                if handed == 3 { throw Refused(piece: handed) }
                handed += 1
            }
            Issue.record("the export went on past a refused piece")
        } catch {
            #expect(error == Refused(piece: 3))
        }
        #expect(handed == 3)
    }

    /// Narrations whose own text needs cleaning or escaping (spaces, `;`, `|`, quotes,
    /// backslashes, accents, an empty part) are written as the joined text cleaned and quoted.
    @Test func narrationsFromPartsEqualTheJoinedTextCleanedAndQuoted() {
        let texts = ["PO 5531", "", "a  b", " lead", "trail ", "x; y", "a | b", "say \"hi\"", "back\\slash", "café", "e\u{301}", "\u{301}start", "tab\there", "line\nbreak", ";first"]
        var narrations: [JournalNarration] = []
        for a in texts {
            narrations.append(.invoice(number: a, summary: "Design"))
            narrations.append(.discount(invoice: a))
            narrations.append(.writeOff(invoice: "INV-1", reason: a))
            narrations.append(.writeOff(invoice: a, reason: nil))
            narrations.append(.credit(number: nil, reason: a))
            narrations.append(.payment(ref: nil, method: a))
            for b in texts {
                narrations.append(.invoice(number: a, summary: b))
                narrations.append(.credit(number: a, reason: b))
                narrations.append(.payment(ref: a, method: b))
            }
        }
        narrations.append(.credit(number: nil, reason: nil))
        narrations.append(.payment(ref: nil, method: nil))
        for n in narrations {
            var cleaned = ByteText(), quoted = ByteText()
            JournalExport.clean(n, into: &cleaned)
            JournalExport.quoted(n, into: &quoted)
            #expect(cleaned.string == JournalExport.clean(n.text), "\(n.text)")
            #expect(quoted.string == JournalExport.quoted(n.text), "\(n.text)")
        }
        #expect(JournalNarration.payment(ref: "R 1", method: "card").text == "Payment R 1 (card)")
        #expect(JournalNarration.credit(number: "CN-2", reason: "damaged").text == "Credit note CN-2: damaged")
    }

    /// A link keeps letters, digits and `- _ / .` and turns every other Unicode scalar into one `-`.
    @Test func linksReplaceEachOtherScalarWithADash() {
        let cases = ["INV-0012", "2025/001.a_b", "inv 7", "café", "e\u{301}x", "😀", "a+b=c", ""]
        for n in cases {
            let expected = "^inv-" + String(n.unicodeScalars.map { u -> Character in
                let ok = (u.value < 0x80 && (u.properties.isAlphabetic || (0x30...0x39).contains(u.value))) || "-_/.".unicodeScalars.contains(u)
                return ok ? Character(u) : "-"
            })
            #expect(JournalExport.link(n) == expected, "\(n)")
        }
    }

    /// Amounts written as bytes are `MoneyFormat.format`'s text, grouped or not.
    @Test func amountsAsBytesAreTheFormattedText() {
        for minor: Int64 in [0, 5, -5, 99, 100, -100, 123_456_789, -1_000_000, .max, .min] {
            for precision in [0, 2, 3] {
                for grouping in [true, false] {
                    var out = ByteText()
                    out.money(minor, precision: precision, grouping: grouping)
                    #expect(out.string == MoneyFormat.format(minor, precision: precision, grouping: grouping))
                }
            }
        }
        #expect(MoneyFormat.format(-123_456, precision: 2) == "-1,234.56")
    }
}
