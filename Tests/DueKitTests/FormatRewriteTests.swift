import Foundation
import Testing
@testable import DueKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `due fmt FILE` writes each part to the file's temporary copy once it and the parts before it
/// are proved (`FileFormatter.rewrite`): the file must end up as the whole text formatted at
/// once would make it, and be left alone whenever any part is refused.
@Suite struct FormatRewriteTests {
    static let canonical = LedgerGenerator(invoices: 300, seed: 17, profile: .realistic).generate()
    static let messy = Array(Messifier.mess(String(decoding: canonical, as: UTF8.self)).utf8)

    /// Rewrites `bytes` written at `path` in parts of about `size` bytes.
    static func rewrite(_ bytes: [UInt8], at path: String, size: Int, misprint: FileFormatter.Misprint? = nil) throws -> RewriteOutcome {
        let source = SourceBytes(bytes)
        let cuts = FormatParts.cuts(source, size: size)
        return try FileFormatter.rewrite(source: source, path: path, cuts: cuts, misprint: misprint)
    }

    static func contents(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// A changed ledger comes out as the one-part text, whatever the parts; one already in
    /// shape is not written at all.
    @Test func partsWrittenAsTheyAreProvedMakeTheWholeText() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/ledger.due"
        // Only a late stretch changes: the parts before it are written when it comes.
        var lateChange = Self.canonical
        let at = try #require(lateChange.lastRange(of: Array("\n  total".utf8)))
        lateChange.insert(contentsOf: Array("  ".utf8), at: at.lowerBound + 1)
        for input in [Self.messy, lateChange] {
            let whole = FileFormatter.format(source: SourceBytes(input), path: path, cuts: [0, input.count])
            #expect(whole.status == .changed)
            #expect(Array(whole.formatted) == Self.canonical)
            for size in [1_500, 20_000, input.count] {
                try Data(input).write(to: URL(fileURLWithPath: path))
                let outcome = try Self.rewrite(input, at: path, size: size)
                #expect(outcome.status == .changed, "parts of \(size)")
                #expect(try Self.contents(path) == Array(whole.formatted), "parts of \(size)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["ledger.due"])
            }
        }
        // In shape: not even opened for writing (the time it was last changed stays).
        try Data(Self.canonical).write(to: URL(fileURLWithPath: path))
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, path, &times, 0)
        #expect(try Self.rewrite(Self.canonical, at: path, size: 1_500).status == .unchanged)
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mtim.tv_sec == 1_000_000_000)
    }

    /// Parts are handed on in file order however many workers format them; a lone worker (one
    /// core) hands each on as it finishes, however many parts there are.
    @Test func partsAreHandedOnInOrderByAnyNumberOfWorkers() {
        let file = SourceFile(id: 0, path: "p.due", bytes: Self.messy)
        let cuts = FormatParts.cuts(file.bytes, size: 1_000)
        #expect(cuts.count > 40)
        for cores in [1, 2, 3] {
            var handed: [Int] = []
            var text: [UInt8] = []
            let parts = FileFormatter.formatParts(file, cuts: cuts, cores: cores) { k, part in
                handed.append(k)
                text += part.text ?? Array(Self.messy[cuts[k]..<cuts[k + 1]])
            }
            #expect(handed == Array(0..<cuts.count - 1), "\(cores) workers")
            #expect(text == Self.canonical, "\(cores) workers")
            #expect(parts.allSatisfy { $0.text == nil && $0.proved }, "texts given up once handed on")
            #expect(FileFormatter.verdict(parts) == .changed)
        }
    }

    /// A printer that got one part wrong, after earlier parts were written already: the proof
    /// names what would change, and the file and its folder are as they were.
    @Test func aMisprintedLaterPartLeavesTheFileAsItWas() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/ledger.due"
        let cuts = FormatParts.cuts(SourceBytes(Self.messy), size: 1_500)
        #expect(cuts.count > 20)
        // Parts whose printing has an invoice's total, far from the first.
        let withTotals = (1..<cuts.count - 1).filter { k in
            let file = SourceFile(id: 0, path: path, bytes: Self.messy)
            var ledger = Ledger(), d: [Diagnostic] = []
            let printing = FormatVerifier.readPrinting(file, cuts[k]..<cuts[k + 1], followsText: true, headerFollows: true, setsAside: false, into: &ledger, diagnostics: &d)
            return printing.text.firstRange(of: Array("  total".utf8)) != nil
        }
        #expect(withTotals.count > 10)
        for k in [withTotals[withTotals.count / 2], withTotals.last!] {
            try Data(Self.messy).write(to: URL(fileURLWithPath: path))
            // The first amount after `total` in the part's printing one higher in its last digit.
            let outcome = try Self.rewrite(Self.messy, at: path, size: 1_500) { part, printing in
                guard part == k, let total = printing.text.firstRange(of: Array("  total".utf8)) else { return }
                var i = total.upperBound
                while printing.text[i] != 0x0A { i += 1 }
                printing.text[i - 1] = printing.text[i - 1] == 0x39 ? 0x38 : printing.text[i - 1] + 1
            }
            #expect(outcome.status == .unsafe("the invoices would change"), "part \(k)")
            #expect(try Self.contents(path) == Self.messy, "part \(k)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["ledger.due"])
        }
        // The same parts unchanged are written.
        #expect(try Self.rewrite(Self.messy, at: path, size: 1_500).status == .changed)
        #expect(try Self.contents(path) == Self.canonical)
    }

    /// The proof takes a part's comments from the readings it makes anyway: they must be what
    /// the line scanner finds, in every part, and a comment lost or changed is still refused.
    @Test func commentsReadWithThePartAreTheScannersComments() throws {
        var rng = SplitMix(seed: 41)
        var seen = 0
        for _ in 0..<30 {
            let input = Array(MessyLedgerGenerator.make(&rng).utf8)
            let file = SourceFile(id: 0, path: "p.due", bytes: input)
            let cuts = FormatParts.cuts(SourceBytes(input), size: 200)
            for k in 0..<cuts.count - 1 {
                let span = cuts[k]..<cuts[k + 1]
                var ledger = Ledger(), d: [Diagnostic] = []
                let printing = FormatVerifier.readPrinting(file, span, followsText: k > 0, headerFollows: k < cuts.count - 2, setsAside: true, into: &ledger, diagnostics: &d)
                let scanned = CommentTexts(file.bytes, span)
                #expect(printing.comments == scanned)
                #expect(FormatVerifier.readKeepingComments(file, span, into: &ledger, diagnostics: &d) == scanned)
                seen += scanned.list.count
            }
        }
        #expect(seen > 50)
        let text = Array("2026-01-02 invoice acme 1 ; one\n  total 10.00   ; two\n".utf8)
        let file = SourceFile(id: 0, path: "p.due", bytes: text)
        var d: [Diagnostic] = []
        let original = FormatVerifier.meaning(of: file, diagnostics: &d)
        let tree = SyntaxTree(bytes: text)
        func verdict(_ s: String) -> String? { FormatVerifier.difference(original: original, originalTree: tree, formatted: Array(s.utf8), path: "p.due") }
        #expect(verdict("2026-01-02 invoice acme 1   ; one\n  total  10.00  ; two\n") == nil)
        #expect(verdict("2026-01-02 invoice acme 1   ; two\n  total  10.00  ; one\n") == nil, "moved with its line")
        #expect(verdict("2026-01-02 invoice acme 1   ; one\n  total  10.00  ; tw0\n") == "the comments would change")
        #expect(verdict("2026-01-02 invoice acme 1   ; one\n  total  10.00\n") == "the comments would change")
    }

    /// A part expected to change much (after one that did) is printed whole, and its printing,
    /// the stretches that print as they are included, is the text written: a printer wrong in
    /// such a stretch is refused as well, the proof reading back every byte it would write.
    @Test func aMisprintWhereAPartPrintsAsItIsIsRefusedWhenThePrintingIsTheText() throws {
        // Messy up to an invoice with a total, a third of the way in; that invoice in shape;
        // messy after it. The second part starts at the invoice.
        let c = Self.canonical
        let total = try #require(c[(c.count / 3)...].firstRange(of: Array("\n  total".utf8)))
        let header = try #require(c[..<total.lowerBound].lastRange(of: Array("\n\n2".utf8)))
        let end = try #require(c[total.upperBound...].firstRange(of: Array("\n\n".utf8)))
        let head = Array((Messifier.mess(String(decoding: c[..<header.lowerBound], as: UTF8.self)) + "\n").utf8)
        let inShape = Array(c[(header.lowerBound + 1)..<(end.lowerBound + 1)])
        let input = head + inShape + Array(Messifier.mess(String(decoding: c[(end.lowerBound + 1)...], as: UTF8.self)).utf8)
        let file = SourceFile(id: 0, path: "p.due", bytes: input)
        let cut = try #require(input.withUnsafeBufferPointer { FormatParts.cut(at: head.count, $0) })
        #expect(cut == head.count)
        let cuts = [0, cut, input.count]
        // Where the total's line stands in the second part's text.
        let at = total.lowerBound + 1 - (header.lowerBound + 1)

        // Printed right, both parts change much and the whole is the canonical text.
        var text: [UInt8] = []
        let parts = FileFormatter.formatParts(file, cuts: cuts, cores: 1) { k, part in text += part.text ?? Array(input[cuts[k]..<cuts[k + 1]]) }
        #expect(parts.allSatisfy { $0.changedMuch })
        #expect(FileFormatter.verdict(parts) == .changed)
        #expect(text == c)

        // The total's last digit one higher, in a stretch the printer found unchanged.
        let misprinted = FileFormatter.formatParts(file, cuts: cuts, cores: 1, misprint: { k, printing in
            guard k == 1 else { return }
            #expect(Array(printing.text[..<inShape.count]) == inShape, "printed whole")
            #expect(!printing.stretches.contains { $0.printed.contains(at) }, "the total's line prints as it is")
            var i = at
            while printing.text[i] != 0x0A { i += 1 }
            printing.text[i - 1] = printing.text[i - 1] == 0x39 ? 0x38 : printing.text[i - 1] + 1
        }) { _, _ in }
        #expect(FileFormatter.verdict(misprinted) == .unsafe("the invoices would change"))
    }

    /// A ledger reached through a symbolic link keeps the link, and the file its mode; a
    /// read-only one is refused with the reason and left alone.
    @Test func theLinkAndTheModeAreKeptAndAReadOnlyFileIsRefused() throws {
        let dir = try temporaryDirectory()
        let real = dir + "/real.due", link = dir + "/ledger.due"
        try Data(Self.messy).write(to: URL(fileURLWithPath: real))
        #expect(chmod(real, 0o640) == 0)
        #expect(symlink("real.due", link) == 0)
        #expect(try Self.rewrite(Self.messy, at: link, size: 1_500).status == .changed)
        var st = stat()
        #expect(lstat(link, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)
        #expect(stat(real, &st) == 0 && st.st_mode & 0o777 == 0o640)
        #expect(try Self.contents(real) == Self.canonical)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir)) == ["real.due", "ledger.due"])

        try Data(Self.messy).write(to: URL(fileURLWithPath: real))
        #expect(chmod(real, 0o444) == 0)
        #expect(throws: WriteError.self) { try Self.rewrite(Self.messy, at: link, size: 1_500) }
        #expect(try Self.contents(real) == Self.messy)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir)) == ["real.due", "ledger.due"])
    }
}

extension ArraySlice where Element == UInt8 {
    fileprivate func lastRange(of needle: [UInt8]) -> Range<Int>? {
        var i = endIndex - needle.count
        while i >= startIndex {
            if self[i..<i + needle.count].elementsEqual(needle) { return i..<i + needle.count }
            i -= 1
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    fileprivate func lastRange(of needle: [UInt8]) -> Range<Int>? {
        var i = count - needle.count
        while i >= 0 {
            if self[i..<i + needle.count].elementsEqual(needle) { return i..<i + needle.count }
            i -= 1
        }
        return nil
    }
}
