import Foundation
import Testing
@testable import DueKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The small parts a letter is drafted with answer as the general ways they stand in for.
@Suite struct LetterPartsTests {
    /// A table cell escaped from bytes read in place is the cell escaped from their text: ASCII
    /// with every character Markdown reads, line ends of both kinds, text beyond ASCII
    /// (combining marks after `|` among it), and bytes that are not UTF-8.
    @Test func cellFromBytesIsTheCellFromText() {
        var samples: [[UInt8]] = [
            [], Array("Brand workshop".utf8), Array("a|b\\c*d_e`f".utf8), Array("two\nlines\r\nand\rmore".utf8),
            Array("Café — crème brûlée".utf8), Array("|\u{0301}x".utf8), Array("日本語 | テスト".utf8),
            [0x41, 0xFF, 0x7C, 0xC3], [0xE2, 0x82], Array("tab\there".utf8),
        ]
        var random = SplitMix(seed: 23)
        let alphabet = Array("ab |\\*_`\n\r".utf8) + [0xC3, 0xA9, 0xFF, 0xCC, 0x81]
        for _ in 0..<500 { samples.append((0..<Int(random.next() % 12)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }) }
        for bytes in samples {
            var fromBytes = ByteText(), fromText = ByteText()
            bytes.withUnsafeBufferPointer { ReportTable.markdownCell(bytes: $0, into: &fromBytes) }
            ReportTable.markdownCell(String(decoding: bytes, as: UTF8.self), into: &fromText)
            #expect(fromBytes.bytes == fromText.bytes, "\(bytes)")
        }
    }

    /// Sums per currency: a currency added nothing is still met, each keeps its own sum, and
    /// they come out in the currencies' order.
    @Test func currencySumsKeepEveryCurrencyMet() {
        let gbp = Currency("GBP"), eur = Currency("EUR"), usd = Currency("USD")
        var sums = CurrencySums()
        #expect(sums.count == 0 && sums[gbp] == 0 && sums.sorted.isEmpty)
        sums.add(500, in: usd)
        sums.add(0, in: gbp)
        sums.add(-200, in: eur)
        sums.add(250, in: usd)
        #expect(sums.count == 3)
        #expect(sums.sorted.map(\.currency) == [eur, gbp, usd])
        #expect(sums.sorted.map(\.minor) == [-200, 0, 750])
        #expect(sums[usd] == 750 && sums[gbp] == 0)
        var other = CurrencySums()
        other[usd] = LedgerResolver.maxCurrencyTotal - 750
        #expect(sums.fitsWith(other))
        other[usd] += 1
        #expect(!sums.fitsWith(other))
    }

    /// The binary search finds what a look through the whole array finds.
    @Test func sortedSearchAgreesWithLookingThrough() {
        var random = SplitMix(seed: 7)
        for count in [0, 1, 2, 3, 8, 31, 100] {
            let values = (0..<count).map { _ in Int(random.next() % 40) }.sorted()
            for probe in -1...41 {
                #expect(values.sortedContains(probe) == values.contains(probe))
                #expect(values.partitionPoint(before: { $0 < probe }) == (values.firstIndex { $0 >= probe } ?? values.count))
            }
        }
    }

    /// The drafts of a letters folder are its `.md` files and links to files, whatever the file
    /// system says of each entry: never a folder, or a link to one, named like a draft.
    @Test func draftsAreFilesNamedLikeDrafts() throws {
        let dir = try temporaryDirectory()
        for name in ["2026-11-20-kiln-reminder.md", "notes.txt", ".hidden.md", "b.md"] {
            try "x\n".write(toFile: dir + "/" + name, atomically: false, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: dir + "/folder.md", withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: dir + "/sent", withIntermediateDirectories: false)
        #expect(symlink("folder.md", dir + "/to-folder.md") == 0)
        #expect(symlink("b.md", dir + "/to-file.md") == 0)
        #expect(symlink("missing.md", dir + "/dangling.md") == 0)
        let names = LetterFolder.drafts(in: dir).map { FileSystem.fileName(of: $0) }
        #expect(names == ["2026-11-20-kiln-reminder.md", "b.md", "dangling.md", "to-file.md"])
        #expect(LetterFolder.drafts(in: dir + "/none").isEmpty)
    }
}
