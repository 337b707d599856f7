import Testing
@testable import DueKit

/// The parser reads each common line in one pass (`LineScanner.next(_:words:)`); the formatter's
/// and editor's plain reading (`next()`, then `Words.split`) is the definition it must match,
/// line for line, on every text.
@Suite struct OneLineScanTests {
    /// Every line of `text`, as both readers see it.
    private func readings(_ bytes: [UInt8], to: Int? = nil) -> (fused: [String], plain: [String]) {
        let to = to ?? bytes.count
        func describe(_ l: ScannedLine, _ words: Words) -> String {
            let ws = (l.kind == .header || l.kind == .detail) ? words.all.map { "\($0.start)-\($0.end)" }.joined(separator: ",") : ""
            return "\(l.number) \(l.kind) \(l.start)..\(l.end) content \(l.contentStart)..\(l.contentEnd) comment \(String(describing: l.commentStart))..\(l.commentEnd) words \(ws)"
        }
        let source = SourceBytes(bytes)
        var fused: [String] = [], plain: [String] = []
        source.withUnsafeBufferPointer { b in
            var one = LineScanner(bytes: source, from: 0, to: to)
            var words = Words()
            while let l = one.next(b, words: &words) { fused.append(describe(l, words)) }
            var two = LineScanner(bytes: source, from: 0, to: to)
            var split = Words()
            while let l = two.next() {
                if l.kind == .header || l.kind == .detail { split.split(b, l.contentStart, l.contentEnd) }
                plain.append(describe(l, split))
            }
        }
        return (fused, plain)
    }

    @Test func awkwardLinesAreReadAsThePlainReaderReadsThem() {
        let manyWords = (1...40).map { "w\($0)" }.joined(separator: " ")
        let lines = [
            "2026-03-02 invoice acme 2026-014", "  item Design sprint 3 x 850.00", "\titem\tTabs\t1 x 2.00\t",
            "  total 10 ; a comment", "  total 10 ;no blank after", "  total 10;not a comment", "; a whole-line comment",
            "# another", "   ; indented comment", "", "   ", "\t \t", "  ref PO 70558   ", "2026-03-02 invoice acme X ;",
            "  said Grüße aus Köln — ça va?", "client émile Émile & Fils", "  apply INV-1 100.00 ; part ; twice",
            manyWords, "  " + manyWords + " ; after forty words", "\u{FEFF}2026-01-01 note acme",
            "  note a\u{0C}b form feed", "  nul \u{0}inside", "  bell at end\u{07}", "  del \u{7F} byte", "x",
        ]
        for ending in ["\n", "\r\n"] {
            let text = lines.joined(separator: ending) + ending
            let r = readings(Array(text.utf8))
            #expect(r.fused == r.plain, "line ending \(ending.utf8.map { $0 })")
        }
        // No line end after the last line, and carriage returns out of place.
        for text in ["  total 10", "  total 10\r", "a\rb\n", "a \r\n", "a\r\r\n", " \r \n", "\r\n", "\r", "a ;b\r\r\n", "a ; b \r \n", "\t\r\n;\r"] {
            let r = readings(Array(text.utf8))
            #expect(r.fused == r.plain, "\(Array(text.utf8))")
        }
    }

    /// Long words and long runs of blanks are read eight bytes at a time: a byte that ends
    /// either must be found at every place in such a run.
    @Test func aByteEndingALongRunIsFoundWhereverItStands() {
        let stops: [UInt8] = [0x20, 0x09, 0x0D, 0x0A, 0x00, 0x1F, 0x21, 0x3B, 0x7F, 0x80, 0xC3, 0xFF]
        for stop in stops {
            for at in 0..<20 {
                var word = [UInt8](repeating: 0x61, count: 24)
                word[at] = stop
                var blanks = [UInt8](repeating: 0x20, count: 24)
                blanks[at] = stop
                blanks[23 - at] = 0x09
                for line in [[0x20, 0x20] + word, [0x62] + blanks + [0x63], [0x20, 0x62] + blanks + [0x3B, 0x20] + word] {
                    for ending: [UInt8] in [[0x0A], [0x0D, 0x0A], []] {
                        let r = readings(line + ending + [0x78, 0x0A])
                        #expect(r.fused == r.plain, "\(line + ending)")
                    }
                }
            }
        }
    }

    /// Lines built at random from the bytes that decide where words, comments and lines end.
    @Test func randomLinesAreReadAsThePlainReaderReadsThem() {
        let alphabet: [UInt8] = [0x20, 0x09, 0x0A, 0x0D, 0x3B, 0x23, 0x61, 0x31, 0x2E, 0x00, 0x0C, 0xC3, 0xA9, 0x7F]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<40 {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                // Mostly letters, so lines have words.
                let pick = Int(state % 24)
                bytes.append(pick < alphabet.count ? alphabet[pick] : 0x62)
            }
            let r = readings(bytes)
            #expect(r.fused == r.plain, "\(bytes)")
        }
    }

    @Test func aPartEndingMidFileStopsWhereThePlainReaderStops() {
        let bytes = Array("2026-01-01 note acme\n  said hello\r\n2026-01-02 note acme\n".utf8)
        let source = SourceBytes(bytes)
        let cut = bytes.firstIndex(of: 0x0A)! + 1
        source.withUnsafeBufferPointer { b in
            var fused = LineScanner(bytes: source, from: 0, to: cut)
            var words = Words()
            var n = 0
            while fused.next(b, words: &words) != nil { n += 1 }
            #expect(n == 1 && fused.position == cut)
        }
    }

    /// Words of every length at every place among the eight bytes read at a time, one or more
    /// blanks apart: each start and end must be found whether it falls in the load that found
    /// the word's start or in a later one.
    @Test func wordsAreFoundAcrossEveryPlaceAmongTheBytesReadAtATime() {
        for length in 1...19 {
            for indent in 0...17 {
                for gap in [" ", "  ", "\t", " \t   "] {
                    let word = String(repeating: "w", count: length)
                    let line = String(repeating: " ", count: indent) + [word, "a", word, word + "é", "b"].joined(separator: gap)
                    for ending in ["\n", "\r\n", "", " ", "\r", gap + "; c\n"] {
                        let bytes = Array((line + ending + "x\n").utf8)
                        let r = readings(bytes)
                        #expect(r.fused == r.plain, "\(bytes)")
                        // The part ending at each byte of the line.
                        for to in stride(from: indent, through: bytes.count, by: 3) {
                            let cut = readings(bytes, to: to)
                            #expect(cut.fused == cut.plain, "\(bytes) to \(to)")
                        }
                    }
                }
            }
        }
    }

    /// The words are written into room for 32: a line with more is the plain reader's, and one
    /// with exactly that many, or more before a comment, is read in the one pass alike.
    @Test func linesOfAboutThirtyTwoWordsAreReadAsThePlainReaderReadsThem() {
        for count in [31, 32, 33, 34, 40, 64, 65] {
            for width in [1, 2, 7, 8, 9] {
                let words = (0..<count).map { String(repeating: "\(($0 % 9) + 1)", count: width) }
                for line in [words.joined(separator: " "), "  " + words.joined(separator: "\t"), words.joined(separator: " ") + " ; after",
                             words.prefix(32).joined(separator: " ") + " ;" + words.dropFirst(32).joined(separator: " ")] {
                    let r = readings(Array((line + "\nz q\n").utf8))
                    #expect(r.fused == r.plain, "\(count) words of \(width)")
                }
            }
        }
    }

    /// The words are written in room kept from line to line: a copy taken of them keeps its
    /// words while the reader goes on, and a line that needs more room gets it, copy or not.
    @Test func aCopyOfTheWordsKeepsThemWhileTheReaderGoesOn() {
        let many = (1...40).map { "w\($0)" }.joined(separator: " ")
        let bytes = Array("a bb ccc\n  dddd e\n\(many)\n".utf8)
        let source = SourceBytes(bytes)
        source.withUnsafeBufferPointer { b in
            var scanner = LineScanner(bytes: source, from: 0, to: bytes.count)
            var words = Words()
            _ = scanner.next(b, words: &words)
            let first = words
            _ = scanner.next(b, words: &words)
            let second = words
            _ = scanner.next(b, words: &words)
            #expect(first.all.map(\.start) == [0, 2, 5])
            #expect(second.all.map(\.start) == [11, 16])
            #expect(words.count == 40 && words[39].end == bytes.count - 1)
            var split = second
            split.split(b, 18, bytes.count - 1)
            #expect(split.count == 40 && second.count == 2 && second[1].start == 16)
        }
    }

    /// Random bytes of every value, read to parts ending anywhere (mid-line, mid-word, on a CR).
    @Test func randomBytesToAnyPartEndAreReadAsThePlainReaderReadsThem() {
        // Weighted towards the bytes that decide where words, comments and lines end.
        let deciding: [UInt8] = [0x20, 0x20, 0x20, 0x09, 0x0A, 0x0A, 0x0D, 0x0D, 0x3B, 0x3B, 0x23, 0x00, 0x0B, 0x0C, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xFF]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        for _ in 0..<3000 {
            let length = Int(next() % 90)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                let r = next()
                switch r % 4 {
                case 0: bytes.append(deciding[Int((r >> 8) % UInt64(deciding.count))])
                case 1: bytes.append(UInt8(truncatingIfNeeded: r >> 16))
                default: bytes.append(0x61 + UInt8((r >> 8) % 26))
                }
            }
            let r = readings(bytes)
            #expect(r.fused == r.plain, "\(bytes)")
            let to = bytes.isEmpty ? 0 : Int(next() % UInt64(bytes.count + 1))
            let cut = readings(bytes, to: to)
            #expect(cut.fused == cut.plain, "\(bytes) to \(to)")
        }
    }

    /// The one pass says whether a line's words hold a byte the text check must read; a word
    /// that starts with one, at any place among the eight bytes read at a time, is checked as
    /// the whole file is.
    @Test func aWordStartingWithAByteToCheckIsChecked() {
        for first: [UInt8] in [[0x7F], [0x80], [0xFF], [0xC3], [0xC3, 0xA9], [0xE2, 0x82]] {
            for indent in 0..<10 {
                for ending: [UInt8] in [[0x0A], [0x0D, 0x0A], []] {
                    let line = [UInt8](repeating: 0x20, count: indent) + Array("ab ".utf8) + first + Array("cd e".utf8) + ending
                    let bytes = line + Array("x y\n".utf8)
                    var whole: [Diagnostic] = []
                    let file = SourceFile(id: 0, path: "t.due", bytes: bytes)
                    UTF8Check.diagnose(file, into: &whole)
                    var scanner = LineScanner(bytes: SourceBytes(bytes), from: 0, to: bytes.count)
                    scanner.checkingText()
                    var words = Words()
                    bytes.withUnsafeBufferPointer { b in
                        while scanner.next(b, words: &words) != nil {}
                    }
                    #expect(UTF8Check.report(scanner.text!.findings, in: file, from: 0) == whole, "\(line)")
                }
            }
        }
    }
}
