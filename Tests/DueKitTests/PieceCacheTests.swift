import Foundation
import Testing
@testable import DueKit

/// A large ledger read in pieces by `due lsp` gives exactly what reading it whole gives, before
/// and after edits.
struct PieceCacheTests {
    static func text(_ a: LedgerAnalysis) -> [String] {
        a.lspDiagnostics().values.joined().map { "\($0.range.start.line):\($0.range.start.character)-\($0.range.end.line):\($0.range.end.character) \($0.code) \($0.message)" }.sorted()
    }

    static func compare(_ bytes: [UInt8], _ cache: PieceCache, sourceLocation: SourceLocation = #_sourceLocation) -> LedgerAnalysis {
        let asOf = Day(year: 2026, month: 11, day: 20)!
        let whole = LedgerAnalysis(root: "/nowhere/big.due", bytes: bytes, asOf: asOf, openBytes: { _ in nil })
        let pieces = LedgerAnalysis(root: "/nowhere/big.due", bytes: bytes, asOf: asOf, pieces: cache, openBytes: { _ in nil })
        #expect(pieces.ledger.files.count > 1, "read in pieces", sourceLocation: sourceLocation)
        #expect(whole.ledger.files.count == 1, sourceLocation: sourceLocation)
        #expect(text(pieces) == text(whole), sourceLocation: sourceLocation)
        #expect(pieces.ledger.invoices.count == whole.ledger.invoices.count, sourceLocation: sourceLocation)
        #expect(pieces.ledger.invoices.map(\.number) == whole.ledger.invoices.map(\.number), sourceLocation: sourceLocation)
        #expect(pieces.ledger.invoices.map(\.order) == whole.ledger.invoices.map(\.order), sourceLocation: sourceLocation)
        #expect(pieces.sheet.clientBalances == whole.sheet.clientBalances, sourceLocation: sourceLocation)
        // Every invoice number points at the same place either way.
        for k in stride(from: 0, to: whole.ledger.invoices.count, by: 97) {
            #expect(pieces.lspRange(pieces.ledger.invoices[k].numberRange) == whole.lspRange(whole.ledger.invoices[k].numberRange), sourceLocation: sourceLocation)
        }
        return pieces
    }

    @Test func piecesGiveWhatTheWholeFileGivesThroughEdits() throws {
        var bytes = LedgerGenerator(invoices: 6000, seed: 3).generate()
        #expect(bytes.count > PieceCache.threshold)
        let cache = PieceCache()
        let first = Self.compare(bytes, cache)
        #expect(Self.text(first).isEmpty)
        let pieces = Set(first.ledger.files.filter { !$0.bytes.isEmpty }.map(\.id))
        #expect(pieces.count > 20)

        // Break an invoice header in the middle: one new piece, the rest found again.
        let lines = LineIndex(bytes)
        let middle = (lines.lineCount / 2..<lines.lineCount).first { n in
            let r = lines.lineRange(n, in: bytes)
            return String(decoding: bytes[r], as: UTF8.self).contains(" invoice ")
        }!
        let start = lines.starts[middle]
        bytes.replaceSubrange(start + 11..<start + 18, with: Array("invoce".utf8))
        let broken = Self.compare(bytes, cache)
        #expect(Self.text(broken).contains { $0.contains("E102") })
        let after = Set(broken.ledger.files.filter { !$0.bytes.isEmpty }.map(\.id))
        #expect(after.subtracting(pieces).count <= 2, "only the edited piece is parsed again")

        // Repair it; add a payment for a client who does not exist at the very end.
        bytes.replaceSubrange(start + 11..<start + 17, with: Array("invoice".utf8))
        bytes += Array("\n2026-11-19 payment nobody-here 10.00 GBP\n".utf8)
        let repaired = Self.compare(bytes, cache)
        #expect(Self.text(repaired).contains { $0.contains("E203") })
        #expect(!Self.text(repaired).contains { $0.contains("E102") })
    }

    @Test func cutsDependOnlyOnNearbyText() {
        let bytes = LedgerGenerator(invoices: 3000, seed: 5).generate()
        let cuts = PieceCache.cuts(bytes)
        var edited = bytes
        edited.insert(contentsOf: Array("  ; typed\n".utf8), at: LineIndex(bytes).starts[200])
        let moved = PieceCache.cuts(edited).map { $0 - 10 }
        // Past the first piece the cuts are the same, shifted by what was typed.
        #expect(Array(cuts.dropFirst(2)) == Array(moved.dropFirst(2)))
        #expect(cuts.count > 10)
    }
}
