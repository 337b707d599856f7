#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps a large ledger parsed in pieces, so a keystroke re-parses only the piece it falls in.
///
/// The text is cut before dated headers chosen by their own content (a hash of the header line,
/// once a piece has reached a minimum size), so an edit moves no cut but the ones next to it
/// and every other piece is found again unchanged. Each piece is parsed as a file of its own:
/// its ranges never need shifting, and `place` maps them back into the whole text.
public final class PieceCache {
    public init() {}

    /// Below this size the whole file is parsed at each change: it takes a few milliseconds.
    static let threshold = 1 << 20
    static let minimumPiece = 16 << 10
    /// One dated header in this many ends a piece (past the minimum size).
    static let cutEvery = 32

    struct Piece {
        var file: SourceFile
        var ledger: Ledger
        var diagnostics: [Diagnostic]
        var entries: Int
    }

    private var pieces: [Int: [Piece]] = [:]
    private var nextID: Int32 = 0

    /// The parsed (not yet resolved) ledger of a file without includes, with where each of its
    /// pieces starts in the file by piece file id; nil for a file it does not take.
    func parse(bytes: [UInt8], path: String) -> (result: LoadResult, starts: [Int32: Int])? {
        guard bytes.count >= Self.threshold, !Self.hasInclude(bytes) else { return nil }
        // Ids only grow; start afresh before the ledger's sparse file table grows large.
        if nextID > 1 << 14 {
            pieces = [:]
            nextID = 0
        }
        var ledger = Ledger()
        var diagnostics: [Diagnostic] = []
        var order = 0
        var starts: [Int32: Int] = [:]
        var kept: [Int: [Piece]] = [:]
        var start = 0
        var found: [Piece] = []
        for end in Self.cuts(bytes) {
            let slice = bytes[start..<end]
            let key = Self.fingerprint(slice)
            let piece = pieces[key]?.first { Self.same($0.file.bytes.array, slice) } ?? parsePiece(Array(slice), path: path)
            kept[key, default: []].append(piece)
            starts[piece.file.id] = start
            found.append(piece)
            start = end
        }
        func total<T>(_ list: (Ledger) -> [T]) -> Int { found.reduce(0) { $0 + list($1.ledger).count } }
        ledger.invoices.reserveCapacity(total(\.invoices))
        ledger.payments.reserveCapacity(total(\.payments))
        ledger.notes.reserveCapacity(total(\.notes))
        for piece in found {
            ledger.add(piece.ledger, orderBase: order, diagnostics: &diagnostics)
            order += piece.entries
            diagnostics += piece.diagnostics
        }
        pieces = kept
        // Every id the ranges may name has its file, so checks that read words from the source
        // (`SourceWords`) find them; ids of pieces gone hold nothing and are never named.
        var files = (0..<nextID).map { SourceFile(id: $0, path: path, bytes: []) }
        for list in kept.values { for p in list { files[Int(p.file.id)] = p.file } }
        ledger.files = files
        return (LoadResult(ledger: ledger, diagnostics: diagnostics), starts)
    }

    private func parsePiece(_ bytes: [UInt8], path: String) -> Piece {
        let file = SourceFile(id: nextID, path: path, bytes: bytes)
        nextID += 1
        var ledger = Ledger()
        var diagnostics: [Diagnostic] = []
        UTF8Check.diagnose(file, into: &diagnostics)
        var parser = LedgerParser(file: file, order: 0)
        while parser.next(into: &ledger, diagnostics: &diagnostics) != nil {}
        return Piece(file: file, ledger: ledger, diagnostics: diagnostics, entries: parser.order)
    }

    /// An `include` line: its entries would need the loader's place in the order.
    static func hasInclude(_ b: [UInt8]) -> Bool {
        var found = false
        lines(b) { i, _ in
            if b.count - i >= 7, b[i] == 0x69, b[i..<i + 7].elementsEqual("include".utf8) { found = true }
        }
        return found
    }

    /// Calls `body` with the start and end (before the line feed) of every line.
    static func lines(_ b: [UInt8], _ body: (Int, Int) -> Void) {
        b.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            let n = buf.count
            var i = 0
            while i < n {
                let end = memchr(base + i, 0x0A, n - i).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n
                body(i, end)
                i = end + 1
            }
        }
    }

    /// Ends of the pieces: before a dated header whose line hashes to a multiple of `cutEvery`,
    /// once the piece holds `minimumPiece` bytes; the last ends the file.
    static func cuts(_ b: [UInt8]) -> [Int] {
        var cuts: [Int] = []
        var last = 0
        lines(b) { i, end in
            guard i - last >= minimumPiece, b[i] >= 0x30, b[i] <= 0x39 else { return }
            var h: UInt32 = 2_166_136_261
            for k in i..<end { h = (h ^ UInt32(b[k])) &* 16_777_619 }
            if h % UInt32(cutEvery) == 0 {
                cuts.append(i)
                last = i
            }
        }
        cuts.append(b.count)
        return cuts
    }

    static func same(_ a: [UInt8], _ b: ArraySlice<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }

    static func fingerprint(_ s: ArraySlice<UInt8>) -> Int {
        var h = Hasher()
        h.combine(s.count)
        for b in s.prefix(64) { h.combine(b) }
        for b in s.suffix(64) { h.combine(b) }
        return h.finalize()
    }
}

extension Ledger {
    /// Copies the entries of a piece after these, numbering them from `orderBase`: one copy,
    /// renumbered in place, the piece itself kept as parsed for the next change.
    fileprivate mutating func add(_ piece: Ledger, orderBase base: Int, diagnostics: inout [Diagnostic]) {
        func copy<T>(_ mine: inout [T], _ theirs: [T], _ order: WritableKeyPath<T, Int>) {
            let first = mine.count
            mine += theirs
            if base != 0 { for i in first..<mine.count { mine[i][keyPath: order] += base } }
        }
        var head = Ledger()
        head.settings = piece.settings
        head.sender = piece.sender
        append(&head, diagnostics: &diagnostics)
        clients += piece.clients
        includes += piece.includes
        copy(&invoices, piece.invoices, \.order)
        copy(&payments, piece.payments, \.order)
        copy(&writeOffs, piece.writeOffs, \.order)
        copy(&notes, piece.notes, \.order)
        copy(&plans, piece.plans, \.order)
        copy(&letters, piece.letters, \.order)
        copy(&assertions, piece.assertions, \.order)
    }
}
