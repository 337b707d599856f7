import Foundation
import Testing
@testable import DueKit

/// A large ledger read in pieces by `due lsp` gives exactly what reading it whole gives, before
/// and after edits.
struct PieceCacheTests {
    static func text(_ a: LedgerAnalysis) -> [String] {
        func at(_ r: LSPRange) -> String { "\(r.start.line):\(r.start.character)-\(r.end.line):\(r.end.character)" }
        return a.lspDiagnostics().values.joined().map { d in
            let notes = (d.relatedInformation ?? []).map { " [\(at($0.location.range)) \($0.message)]" }.joined()
            return "\(at(d.range)) \(d.severity) \(d.code) \(d.message)\(notes)"
        }.sorted()
    }

    static func compare(_ bytes: [UInt8], _ cache: PieceCache, sourceLocation: SourceLocation = #_sourceLocation) -> LedgerAnalysis {
        let asOf = Day(year: 2026, month: 11, day: 20)!
        let whole = LedgerAnalysis(root: "/nowhere/big.due", bytes: bytes, asOf: asOf, openBytes: { _ in nil })
        let pieces = LedgerAnalysis(root: "/nowhere/big.due", bytes: bytes, asOf: asOf, pieces: cache, openBytes: { _ in nil })
        #expect(pieces.diagnostics.count == whole.diagnostics.count, sourceLocation: sourceLocation)
        #expect(pieces.ledger.files.count > 1, "read in pieces", sourceLocation: sourceLocation)
        #expect(whole.ledger.files.count == 1, sourceLocation: sourceLocation)
        #expect(text(pieces) == text(whole), sourceLocation: sourceLocation)
        #expect(pieces.ledger.invoices.count == whole.ledger.invoices.count, sourceLocation: sourceLocation)
        #expect(pieces.ledger.invoices.map(\.number) == whole.ledger.invoices.map(\.number), sourceLocation: sourceLocation)
        #expect(pieces.ledger.invoices.map(\.order) == whole.ledger.invoices.map(\.order), sourceLocation: sourceLocation)
        #expect(pieces.sheet.clientBalances == whole.sheet.clientBalances, sourceLocation: sourceLocation)
        // Every invoice number points at the same place either way.
        for k in stride(from: 0, to: whole.ledger.invoices.count, by: 97) {
            #expect(pieces.lspRange(pieces.ledger.invoices[k].numberRange(in: pieces.ledger.files)) == whole.lspRange(whole.ledger.invoices[k].numberRange(in: whole.ledger.files)), sourceLocation: sourceLocation)
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

    /// Random edits over a generated ledger cut into many small pieces: after every one, the
    /// diagnostics (codes, ranges, messages, hints, notes), the entries' order and the balances
    /// equal a fresh read of the whole text, as `due check` reads it.
    @Test func randomEditsGiveWhatAFreshCheckGives() throws {
        var bytes = LedgerGenerator(invoices: 220, seed: 11, profile: .realistic).generate()
        let cache = PieceCache(threshold: 0, minimumPiece: 600)
        #expect(PieceCache.cuts(bytes, minimumPiece: 600).count > 12)
        var random = SplitMix(seed: 16)
        var history: [[UInt8]] = []
        var broken = 0
        func lineStarts() -> [Int] { LineIndex(bytes).starts.filter { $0 < bytes.count } }
        for step in 0..<36 {
            let before = bytes
            var replaced = 0..<0
            var inserted: [UInt8] = []
            let at = random.below(bytes.count + 1)
            switch random.below(9) {
            case 0:  // a keystroke
                inserted = [Array("7a -:\n".utf8)[random.below(6)]]
                replaced = at..<at
            case 1:  // a few characters deleted
                replaced = at..<min(bytes.count, at + 1 + random.below(40))
            case 2:  // a large cut, across pieces
                replaced = at..<min(bytes.count, at + random.below(20_000))
            case 3:  // a line copied elsewhere: numbers, clients or settings used twice
                let starts = lineStarts(), from = starts[random.below(starts.count)]
                let end = bytes[from...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
                let to = starts[random.below(starts.count)]
                inserted = Array(bytes[from..<end])
                if inserted.last != 0x0A { inserted.append(0x0A) }
                replaced = to..<to
            case 4:  // a line deleted
                let starts = lineStarts(), from = starts[random.below(starts.count)]
                replaced = from..<(bytes[from...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count)
            case 5:  // an entry added at the start or the end
                let lines = ["2026-11-19 payment nobody-here 10.00 GBP\n", "settings\n  currency EUR\n", "client extra Extra Ltd\n  currency USD\n", "2025-01-02 invoice ZZ-1 extra\n  item Work 1 x 10.00\n"]
                inserted = Array(lines[random.below(lines.count)].utf8)
                let end = random.below(2) == 0
                replaced = end ? bytes.count..<bytes.count : 0..<0
                if end, bytes.last != 0x0A { inserted.insert(0x0A, at: 0) }
            case 6:  // a client's id changed where it is defined: every entry of it resolves anew
                let defs = lineStarts().filter { bytes[$0...].starts(with: Array("client ".utf8)) }
                guard let d = defs.isEmpty ? nil : defs[random.below(defs.count)] else { continue }
                replaced = d + 7..<d + 8
                inserted = Array("q".utf8)
            case 7:  // undone: an earlier text comes back, and its pieces with it
                guard let old = history.isEmpty ? nil : history[random.below(history.count)] else { continue }
                replaced = 0..<bytes.count
                inserted = old
            default:  // a character typed and taken back at once
                replaced = at..<min(bytes.count, at + 1)
                inserted = [0x39]
            }
            bytes.replaceSubrange(replaced, with: inserted)
            // The editor's line index follows the change without reading the whole text again.
            #expect(LineIndex(before).replacing(replaced, with: inserted, in: bytes).starts == LineIndex(bytes).starts, "step \(step)")
            history.append(before)
            let analysis = Self.compare(bytes, cache)
            if !analysis.diagnostics.isEmpty { broken += 1 }
        }
        #expect(broken > 5, "the edits broke the ledger often enough to test the diagnostics")
    }
}
