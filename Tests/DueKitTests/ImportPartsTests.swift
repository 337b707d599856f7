import Foundation
import Testing
@testable import DueKit

/// `due import csv` reads a large file in parts on both cores, keeps rows as places in the file
/// and prints them in blocks: every way of cutting gives what one whole pass gives.
@Suite struct ImportPartsTests {
    /// Rows of every kind, out of date order, with quoted line breaks (LF, CRLF, CR), blank
    /// lines, unreadable rows and numbers used twice far apart.
    static let csv: String = {
        var csv = "Invoice,Client,Invoice Date,Due Date,Amount,Currency,Paid Date,Amount Paid,Disputed,Description\r\n"
        for k in 1...240 {
            let day = String(format: "2026-%02d-%02d", (k * 7) % 12 + 1, k % 28 + 1)
            let amount = k % 17 == 0 ? "-\(k).5" : k % 2 == 0 ? "\(k * 3).\(k % 10)0" : "\"\(k),\(k % 10)00.00\""
            let paid = k % 3 == 0 && k % 17 != 0 ? "2027-01-\(String(format: "%02d", k % 28 + 1))" : ""
            let disputed = k % 5 == 0 && k % 17 != 0 ? "yes" : "no"
            let description = k % 4 == 0 ? "\"two\nlines \(k)\"" : k % 9 == 0 ? "\"carriage\r\nreturn, \"\"quoted\"\"\"" : k % 11 == 0 ? "\"old\rmac\"" : "item \(k)"
            let number = k % 50 == 0 ? "N-\(k - 45)" : k == 77 ? "" : "N-\(k)"
            let due = k % 6 == 0 ? "2028-01-01" : ""
            csv += "\(number),\"Client \(k % 23)\",\(day),\(due),\(amount),\(k % 7 == 0 ? "EUR" : "GBP"),\(paid),,\(disputed),\(description)\r\n"
            if k % 13 == 0 { csv += "\r\n,,,,,,,,,\n\n" }
        }
        return csv
    }()

    func importCSV(partRows: Int) throws -> ImportResult {
        var options = CSVImportOptions()
        options.currency = Currency("GBP")
        options.partRows = partRows
        return try CSVImporter.run(bytes: Array(Self.csv.utf8), options: options).get()
    }

    @Test func partsOfAnySizeGiveTheWholeResult() throws {
        let whole = try importCSV(partRows: 1_000_000)
        #expect(whole.problems.count >= 5)
        #expect(whole.problems.contains { $0.message.contains("was already used on line") })
        #expect(whole.credits > 0 && whole.payments > 0 && whole.disputes > 0)
        #expect(whole.text.contains("two lines 4"))
        for size in [1, 2, 3, 5, 16, 239] {
            let parts = try importCSV(partRows: size)
            #expect(parts.text == whole.text, "parts of \(size)")
            #expect(parts.problems == whole.problems, "parts of \(size)")
            #expect(parts.summary == whole.summary && parts.rows == whole.rows, "parts of \(size)")
        }
    }

    @Test func blocksOfAnySizePrintTheWholeText() throws {
        var result = try importCSV(partRows: 7)
        let whole = result.text
        #expect(LedgerFormatter.format(Array(whole.utf8)) == Array(whole.utf8))
        for size in [1, 2, 3, 10, 100] {
            result.ledger.blockSize = size
            var pieces: [[UInt8]] = []
            result.write(pieceSize: 120) { pieces.append($0) }
            #expect(pieces.allSatisfy { $0.last == 0x0A })
            #expect(String(decoding: pieces.flatMap { $0 }, as: UTF8.self) == whole, "blocks of \(size)")
        }
    }

    @Test func aMappedFileImportsAsTheSameBytesInMemory() throws {
        // Large enough to be mapped rather than read.
        var csv = "Invoice,Client,Date,Amount,Description\n"
        let words = String(repeating: "design work, ", count: 20)
        var k = 0
        while csv.utf8.count < 9 << 17 {
            k += 1
            csv += "INV-\(k),\"client \(k % 97)\",2026-\(String(format: "%02d-%02d", k % 12 + 1, k % 28 + 1)),\(k % 1000).\(k % 100),\"\(words)\(k)\"\n"
        }
        let dir = try temporaryDirectory()
        let path = dir + "/big.csv"
        _ = try SafeFileWriter.write(Array(csv.utf8), to: path)
        let source = try FileSystem.readSource(path)
        #expect(source.isMapped)
        var options = CSVImportOptions()
        options.currency = Currency("USD")
        let mapped = try CSVImporter.run(source: source, options: options).get()
        let inMemory = try CSVImporter.run(bytes: Array(csv.utf8), options: options).get()
        #expect(mapped.invoices == k)
        #expect(mapped.text == inMemory.text)
    }

    @Test func pagesHandedBackAreReadAgainUnchanged() throws {
        let bytes = (0..<(5 << 18)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) }
        let dir = try temporaryDirectory()
        let path = dir + "/pages.bin"
        _ = try SafeFileWriter.write(bytes, to: path)
        let source = try FileSystem.readSource(path)
        #expect(source.isMapped)
        var behind = ReleaseBehind(source, step: 5000)
        var sum = 0
        for i in stride(from: 0, to: source.count, by: 1000) {
            sum &+= Int(source[i])
            behind.passed(i)
        }
        #expect(source.array == bytes)
        #expect(sum == stride(from: 0, to: bytes.count, by: 1000).reduce(0) { $0 &+ Int(bytes[$1]) })
    }

    @Test func theNumberIndexFindsTheFirstRowOfANumberAsADictionaryWould() {
        // "é" written as one scalar and as e + accent: one key to a `Dictionary`.
        let numbers = (0..<3000).map { k in k % 500 == 1 ? "N-caf\u{E9}" : k % 500 == 2 ? "N-cafe\u{301}" : "N-\(k % 1200)" }
        var index = NumberIndex(capacity: 1)
        var kept: [String] = []
        var dictionary: [String: Int] = [:]
        for n in numbers {
            let found = index.insert(n, row: kept.count) { kept[$0] }
            #expect(found == dictionary[n], "\(n)")
            if found == nil {
                dictionary[n] = kept.count
                kept.append(n)
            }
        }
        #expect(kept.count == dictionary.count)
        #expect(kept.count == Set(numbers).count)
        #expect(Set(numbers).count < numbers.count - 1000)
    }
}
