import Foundation
import Testing
@testable import DueKit

/// A mapped file's pages handed back to the system are read again from the file: what a
/// diagnostic shows of a line is the same before and after. And a ledger loaded for a reader of
/// no items checks the same.
@Suite struct ReleasedPagesTests {
    /// A generated ledger, large enough to be mapped and parsed in parts, with a mistake near its
    /// end, written to a file of its own.
    static func largeLedgerFile() throws -> (path: String, bytes: [UInt8]) {
        var bytes = LedgerGenerator(invoices: 24_000, seed: 3).generate()
        bytes += Array("2026-11-19 invoce c1 X-1\n  total 10\n".utf8)
        let path = NSTemporaryDirectory() + "released-pages-\(UUID().uuidString).due"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, bytes)
    }

    @Test func aLineReadAfterItsPagesAreHandedBackIsTheSameText() throws {
        let (path, bytes) = try Self.largeLedgerFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = try FileSystem.readSource(path)
        #expect(source.isMapped)
        let table = LineTable(SourceFile(id: 0, path: path, source: source))
        let starts = bytes.withUnsafeBufferPointer { LineStarts.of($0) }
        let offsets = starts.prefix(5) + [starts[starts.count - 3]]
        let before = offsets.map(table.lineText(holding:))
        source.release(0..<source.count)
        let after = offsets.map(table.lineText(holding:))
        #expect(after == before)
        #expect(after.last == "2026-11-19 invoce c1 X-1")
        #expect(source.withUnsafeBufferPointer { Array($0) } == bytes)
    }

    /// Told that its pages are read here and there (the parse's plan samples them), then front
    /// to back, and asked to read ahead ranges that reach past either end or hold nothing, a
    /// mapped file reads the same, and the plan made from it is the one made from its bytes
    /// in memory, where nothing is told or asked.
    @Test func aMappedFileReadsAlikeWhateverTheSystemIsToldOfHowItIsRead() throws {
        let (path, bytes) = try Self.largeLedgerFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = try FileSystem.readSource(path)
        #expect(source.isMapped)
        source.expect(.hereAndThere)
        for range in [0..<1, 5..<5, -10..<10, bytes.count - 3..<bytes.count + 4096, bytes.count + 1..<bytes.count + 2, 0..<bytes.count] {
            source.prefetch(range)
        }
        #expect(source.withUnsafeBufferPointer { Array($0) } == bytes)
        source.expect(.frontToBack)
        // The system takes the advice over the pages that hold the bytes, wherever in a page
        // they start or end, up to the mapping's last byte.
        let base = try #require(source.withUnsafeBufferPointer { $0.baseAddress })
        #expect(MemoryPages.advise(MADV_WILLNEED, base + 1, bytes: 10))
        #expect(MemoryPages.advise(MADV_WILLNEED, base + bytes.count - 1, bytes: 1))
        #expect(MemoryPages.advise(MADV_RANDOM, base + 4095, bytes: bytes.count - 4095))
        #expect(MemoryPages.advise(MADV_SEQUENTIAL, base, bytes: bytes.count))
        let mapped = SourceFile(id: 0, path: path, source: try FileSystem.readSource(path))
        let inMemory = SourceFile(id: 0, path: path, bytes: bytes)
        let sampling = ParallelParse.Sampling(windows: 16, windowBytes: 256)
        let a = try #require(ParallelParse.plan(for: mapped, parts: 3, sampling: sampling))
        let b = try #require(ParallelParse.plan(for: inMemory, parts: 3, sampling: sampling))
        #expect(a.cuts == b.cuts && a.room == b.room)
        // And it is an estimate of what the parts hold: within the sample's margin of a count
        // of every line.
        for k in 0..<a.room.count {
            let whole = try #require(bytes.withUnsafeBufferPointer { ParallelParse.count($0, from: a.cuts[k], to: a.cuts[k + 1]) })
            #expect(a.room[k].invoices >= whole.invoices / 2 && a.room[k].invoices <= whole.invoices * 2 + sampling.slack)
        }
        #expect(mapped.bytes.withUnsafeBufferPointer { Array($0) } == bytes)
    }

    /// A ledger kept as a file a year: a large included file is mapped as the file given is,
    /// not read whole into memory, and reads the same.
    @Test func aLargeIncludedFileIsMappedAndReadsAlike() throws {
        let (path, bytes) = try Self.largeLedgerFile()
        let root = NSTemporaryDirectory() + "released-pages-root-\(UUID().uuidString).due"
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: root)
        }
        try Data("; the years\ninclude \(FileSystem.fileName(of: path))\n".utf8).write(to: URL(fileURLWithPath: root))
        let mapped = try LedgerLoader.load(path: root)
        #expect(mapped.ledger.files.count == 2 && mapped.ledger.files[1].bytes.isMapped)
        let inMemory = LedgerLoader.load(bytes: bytes, path: path)
        #expect(mapped.ledger.invoices.map(\.number) == inMemory.ledger.invoices.map(\.number))
        #expect(mapped.diagnostics.map(\.message) == inMemory.diagnostics.map(\.message))
        // Read for a rewrite, nothing is mapped.
        #expect(try LedgerLoader.load(path: root, mapped: false).ledger.files.allSatisfy { !$0.bytes.isMapped })
    }

    @Test func aMappedLedgerReportsAsOneReadIntoMemory() throws {
        let (path, bytes) = try Self.largeLedgerFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Parsed in parts, its pages handed back before the parse and behind it: the
        // diagnostic's line is read again from the file.
        let mapped = try LedgerLoader.load(path: path)
        #expect(mapped.ledger.files[0].bytes.isMapped)
        let inMemory = LedgerLoader.load(bytes: bytes, path: path)
        #expect(mapped.diagnostics == inMemory.diagnostics)
        #expect(mapped.ledger.invoices == inMemory.ledger.invoices)
        var a = DiagnosticRenderer(files: mapped.ledger.files), b = DiagnosticRenderer(files: inMemory.ledger.files)
        let shown = a.render(mapped.diagnostics)
        #expect(shown == b.render(inMemory.diagnostics))
        #expect(shown.contains("2026-11-19 invoce c1 X-1"))
    }

    @Test func aLedgerLoadedWithoutItemsChecksTheSame() throws {
        let file = try Self.largeLedgerFile()
        let path = file.path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var bytes = file.bytes
        // Items whose sum disagrees with the written total, and a tax with no items: judged
        // from what the resolver found in them.
        bytes += Array("2026-11-19 invoice c1 X-2\n  item Work 2 x 10\n  total 25\n\n2026-11-19 invoice c1 X-3\n  tax VAT 20%\n  total 12\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let kept = try LedgerLoader.load(path: path)
        let released = try LedgerLoader.load(path: path, keepingItems: false)
        #expect(!kept.ledger.items.isEmpty)
        #expect(released.ledger.items.isEmpty)
        #expect(released.ledger.invoices.allSatisfy { released.ledger.items(of: $0).isEmpty })
        #expect(released.ledger.invoices.map(\.total) == kept.ledger.invoices.map(\.total))
        let asOf = Day(year: 2026, month: 11, day: 20)!
        let found = Checker.check(released, asOf: asOf)
        #expect(found == Checker.check(kept, asOf: asOf))
        #expect(Set(found.map(\.code)).isSuperset(of: ["E102", "E303", "W303"]))
    }
}
