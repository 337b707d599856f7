import Testing
@testable import DueKit

@Suite struct UTF8CheckTests {
    func check(_ bytes: [UInt8]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        UTF8Check.diagnose(SourceFile(id: 0, path: "t.due", bytes: bytes), into: &out)
        return out
    }

    /// Each kind of byte is found where it stands whatever its place among the eight bytes the
    /// check reads at a time, and a valid character there is not reported.
    @Test func aByteIsFoundWhereverItFallsAmongTheWordsRead() {
        let cases: [(bytes: [UInt8], found: [(code: String, at: Int)])] = [
            ([0xFF], [("E005", 0)]),
            ([0xC3], [("E005", 0)]),  // a lead byte whose continuation is missing
            ([0x80], [("E005", 0)]),  // a continuation without its lead
            ([0xED, 0xA0, 0x80], [("E005", 0), ("E005", 1), ("E005", 2)]),  // a surrogate
            ([0xC0, 0xAF], [("E005", 0), ("E005", 1)]),  // an overlong form
            ([0x01], [("E006", 0)]),
            ([0x7F], [("E006", 0)]),
            ([0x0D], [("E006", 0)]),  // a lone CR
            ([0x0D, 0x0A], []),
            ([0x09], []),
            ([0xC3, 0xA9], []),
            ([0xE2, 0x82, 0xAC], []),
            ([0xF0, 0x9F, 0x98, 0x80], []),
        ]
        for c in cases {
            for before in 0..<20 {
                for after in [0, 1, 7, 8, 13] {
                    let bytes = Array(repeating: UInt8(ascii: "a"), count: before) + c.bytes + Array(repeating: UInt8(ascii: "b"), count: after)
                    let found = check(bytes)
                    #expect(found.map(\.code) == c.found.map(\.code), "\(c.bytes) after \(before) bytes")
                    #expect(found.map { Int($0.range.start) } == c.found.map { before + $0.at }, "\(c.bytes) after \(before) bytes")
                }
            }
        }
    }

    /// The quick test passes exactly printable ASCII, tab and LF, whatever the byte's place
    /// among the eight and whatever stands beside it.
    @Test func theQuickTestLetsThroughExactlyPrintableASCIITabAndLF() {
        for neighbour in [UInt8(ascii: "a"), 0x0A, 0x09, 0x20, 0x7E, 0xFF, 0x00, 0x7F, 0x80] {
            let neighbourPasses = (0x20...0x7E).contains(neighbour) || neighbour == 0x09 || neighbour == 0x0A
            for byte in 0...255 {
                for at in 0..<8 {
                    var bytes = [UInt8](repeating: neighbour, count: 8)
                    bytes[at] = UInt8(byte)
                    let x = bytes.withUnsafeBufferPointer { ByteRuns.load($0.baseAddress!, 0) }
                    let passes = (0x20...0x7E).contains(byte) || byte == 0x09 || byte == 0x0A
                    let lineEnds = ByteRuns.zeroBytes(x ^ 0x0A0A_0A0A_0A0A_0A0A)
                    #expect(UTF8Check.mayNeedCheck(x, lineEnds: lineEnds) == !(passes && neighbourPasses), "\(byte) at \(at) beside \(neighbour)")
                }
            }
        }
    }

    /// A text scanned in stretches, however it is cut, finds what one scan finds; and parts
    /// checked on their own and joined in order report what the whole file reports, the
    /// first twenty of each kind, the counts of the rest, and one lone CR for all.
    @Test func partsCheckedApartAndJoinedReportWhatOnePassReports() {
        var random = SplitMix(seed: 9)
        let pieces: [[UInt8]] = [
            Array("2026-01-02 invoice acme A-1\n".utf8), Array("  item Work 1 x 10\n".utf8), Array("caf\u{E9} \u{20AC}\n".utf8),
            [0xFF, 0x0A], [0x41, 0x01, 0x0A], [0x0D, 0x41, 0x0A], [0x41, 0x0D, 0x0A], [0xE2, 0x82, 0x0A], [0x7F, 0x0A],
            // Bad bytes deep in long words, in a trailing comment, and a clean line of words.
            Array("  item abcdefghij".utf8) + [0x7F] + Array("k 1\n".utf8), Array("abcdefghijklmnop".utf8) + [0xC3, 0x0A],
            Array("  said x ; ".utf8) + [0xFF, 0x0A], Array("  ref   PO 1  \r\n".utf8),
        ]
        for round in 0..<60 {
            // A byte order mark, which the reader skips, is text all the same.
            var bytes: [UInt8] = round % 4 == 0 ? [0xEF, 0xBB, 0xBF] : []
            var lineStarts = [0]
            for _ in 0..<Int.random(in: 0...120, using: &random) {
                bytes += pieces[Int.random(in: 0..<pieces.count, using: &random)]
                lineStarts.append(bytes.count)
            }
            // A last line without its line feed, ending in a lone CR.
            if round % 5 == 1 { bytes += [0x41, 0x0D] }
            let file = SourceFile(id: 0, path: "t.due", bytes: bytes)
            let whole = check(bytes)
            bytes.withUnsafeBufferPointer { b in
                // One scan, in stretches of any length.
                var stretched = UTF8Check.Findings()
                var i = 0
                while i < b.count { i = stretched.scan(b, from: i, to: min(b.count, i + Int.random(in: 1...20, using: &random)), end: b.count) }
                #expect(UTF8Check.report(stretched, in: file, from: 0) == whole, "round \(round)")
                // Parts between line starts, each scanned on its own, joined in order.
                var cuts = Set((0..<Int.random(in: 0...6, using: &random)).map { _ in lineStarts.randomElement(using: &random)! })
                cuts.formUnion([0, b.count])
                let bounds = cuts.sorted()
                var joined = UTF8Check.Findings()
                for (from, to) in zip(bounds, bounds.dropFirst()) {
                    var part = UTF8Check.Findings()
                    var i = from
                    while i < to { i = part.scan(b, from: i, to: to, end: to) }
                    joined.append(part)
                }
                #expect(UTF8Check.report(joined, in: file, from: 0) == whole, "round \(round)")
                // The same parts checked as their lines are read, eight bytes at a time.
                var read = UTF8Check.Findings()
                for (from, to) in zip(bounds, bounds.dropFirst()) {
                    var scanner = LineScanner(bytes: SourceBytes(bytes), from: from, to: to)
                    scanner.checkingText()
                    var words = Words()
                    while scanner.next(b, words: &words) != nil {}
                    read.append(scanner.text!.findings)
                }
                #expect(UTF8Check.report(read, in: file, from: 0) == whole, "round \(round)")
            }
        }
    }

    /// A large file, checked part by part as it is cut, reports its bad bytes exactly as when
    /// it is read on one thread: in the same order, with the same counts of those not shown.
    @Test func aLargeFileCheckedOnSeveralCoresReportsInTheSameOrder() {
        let generated = LedgerGenerator(invoices: 24_000, seed: 7).generate()
        var bytes: [UInt8] = []
        // Bad lines in every quarter: more than twenty of each kind in all, fewer in each part.
        let bad: [[UInt8]] = [[0x3B, 0x20, 0xFF, 0xFE, 0x0A], [0x3B, 0x01, 0x7F, 0x0A], [0x3B, 0x20, 0x0D, 0x20, 0x0A]]
        let lines = generated.split(separator: 0x0A, omittingEmptySubsequences: false)
        var next = 0, inserted = 0
        for (n, line) in lines.enumerated() {
            bytes += line
            bytes.append(0x0A)
            // After a blank line, between entries, from time to time.
            if n >= next && line.isEmpty {
                bytes += bad[inserted % 3]
                inserted += 1
                next = n + lines.count / 60
            }
        }
        #expect(bytes.count > ParallelParse.threshold)
        func read(_ bytes: [UInt8], parallel: Bool) -> [Diagnostic] {
            LedgerLoader.parse(source: SourceBytes(bytes), path: "big.due", parallel: parallel, parts: 4).diagnostics
        }
        let one = read(bytes, parallel: false)
        #expect(one.filter { $0.code == "E005" }.count == UTF8Check.shown + 1)
        #expect(one.filter { $0.code == "E006" }.count == UTF8Check.shown + 2)
        #expect(one == read(bytes, parallel: true))
        // A UTF-16 file is reported once, however it is read.
        let utf16 = [0xFF, 0xFE] + bytes
        let wide = read(utf16, parallel: false)
        #expect(wide.filter { $0.code == "E005" || $0.code == "E006" }.count == 1)
        #expect(wide == read(utf16, parallel: true))
    }
}
