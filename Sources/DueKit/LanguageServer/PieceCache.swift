#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps a large ledger parsed in pieces, and joined and resolved, between keystrokes, so a
/// keystroke re-parses only the piece it falls in and patches only that piece's entries.
///
/// The text is cut before dated headers chosen by their own content (a hash of the header line,
/// once a piece has reached a minimum size), so an edit moves no cut but the ones next to it:
/// the pieces before the edit are found again by comparing bytes, the cuts after it by scanning
/// on until a cut falls where an old piece begins. Each piece is parsed as a file of its own: its
/// ranges never need shifting, and `LedgerAnalysis.place` maps them back into the whole text.
///
/// The joined ledger is kept resolved and changed in place: its arrays are replaced only in the
/// span of the pieces that changed, and the resolver runs over it again (it sets every resolved
/// field, so a second run over a resolved ledger equals a first over a fresh one). For that to
/// cost no copy, nothing else may hold the ledger when the next text comes: the server drops
/// its analysis of the old text first.
public final class PieceCache {
    /// Below `threshold` bytes the whole file is parsed at each change: it takes a few
    /// milliseconds. Tests give small sizes to cut a small ledger into many pieces.
    public init(threshold: Int = PieceCache.threshold, minimumPiece: Int = PieceCache.minimumPiece) {
        self.threshold = threshold
        self.minimumPiece = minimumPiece
    }

    public static let threshold = 1 << 20
    public static let minimumPiece = 16 << 10
    let threshold: Int
    let minimumPiece: Int
    /// One dated header in this many ends a piece (past the minimum size).
    static let cutEvery = 32

    struct Piece {
        var file: SourceFile
        var ledger: Ledger
        var diagnostics: [Diagnostic]
        var entries: Int
        var hasInclude: Bool
        var size: Int { file.bytes.count }
    }

    /// The pieces of the text last read, in order.
    private var current: [Piece] = []
    /// Their entries, joined in order and resolved.
    private var joined = Ledger()
    private var diagnostics: [Diagnostic] = []
    private var nextID: Int32 = 0

    /// The resolved ledger of a file without includes, with where each of its pieces starts in
    /// the file by piece file id; nil for a file it does not take.
    func analyse(bytes: [UInt8], path: String) -> (result: LoadResult, starts: [Int32: Int])? {
        guard bytes.count >= threshold else { return nil }
        // Piece ids only grow; start afresh before the ledger's sparse file table grows large.
        if nextID > 1 << 14 || current.first?.file.path != path { reset() }
        if current.isEmpty && Self.hasInclude(bytes) { return nil }
        if !update(bytes, path: path) {
            reset()
            return nil
        }
        var starts: [Int32: Int] = [:]
        var at = 0
        for p in current {
            starts[p.file.id] = at
            at += p.size
        }
        return (LoadResult(ledger: joined, diagnostics: diagnostics), starts)
    }

    private func reset() {
        current = []
        joined = Ledger()
        diagnostics = []
        nextID = 0
    }

    /// Brings the pieces and the joined ledger up to `bytes`; false when the text has an
    /// `include` (its entries would need the loader's place in the order).
    private func update(_ bytes: [UInt8], path: String) -> Bool {
        // Old pieces found again from the start of the text. The last of them may end where a
        // cut no longer falls (the cut depends on the first line after it), so it is scanned again.
        var found = 0, offset = 0
        while found < current.count, Self.same(current[found].file.bytes, bytes, at: offset) {
            offset += current[found].size
            found += 1
        }
        if found == current.count && offset == bytes.count && !current.isEmpty { return true }
        let keep = max(0, found - 1)
        let scanStart = current[..<keep].reduce(0) { $0 + $1.size }
        // Old pieces found again at the end of the text, after those kept.
        var suffix = current.count, tail = bytes.count
        while suffix > keep, tail - current[suffix - 1].size >= scanStart, Self.same(current[suffix - 1].file.bytes, bytes, at: tail - current[suffix - 1].size) {
            tail -= current[suffix - 1].size
            suffix -= 1
        }
        var suffixStarts: [Int] = []
        var s = tail
        for p in current[suffix...] {
            suffixStarts.append(s)
            s += p.size
        }
        // New cuts from the first piece not kept, until one falls where an old piece of the end
        // begins: from there on the text, and so every cut, is as before.
        var cuts = [scanStart]
        var resync = current.count
        var next = 0
        Self.scan(bytes, from: scanStart, minimumPiece: minimumPiece) { cut in
            while next < suffixStarts.count && suffixStarts[next] < cut { next += 1 }
            if next < suffixStarts.count && suffixStarts[next] == cut {
                resync = suffix + next
                return true
            }
            cuts.append(cut)
            return false
        }
        cuts.append(resync < current.count ? suffixStarts[resync - suffix] : bytes.count)

        // The pieces between, found among the old ones they replace or parsed.
        let removed = current[keep..<resync]
        var old: [Int: [Piece]] = [:]
        for p in removed { old[Self.fingerprint(p.file.bytes, 0..<p.size), default: []].append(p) }
        var middle: [Piece] = []
        for k in 0..<cuts.count - 1 {
            let range = cuts[k]..<cuts[k + 1]
            let key = Self.fingerprint(bytes, range)
            if let p = old[key]?.first(where: { Self.same($0.file.bytes, bytes, at: range.lowerBound) && $0.size == range.count }) {
                middle.append(p)
            } else {
                let p = parsePiece(bytes[range], path: path)
                if p.hasInclude { return false }
                middle.append(p)
            }
        }
        patch(keep: keep, removed: removed, middle: middle, path: path)
        current.replaceSubrange(keep..<resync, with: middle)
        join()
        return true
    }

    /// Replaces the entries of `removed` (the pieces from `keep` on) with those of `middle`,
    /// numbering them on from the entries before, and moves the later entries' numbers on by
    /// the difference.
    private func patch(keep: Int, removed: ArraySlice<Piece>, middle: [Piece], path: String) {
        let prefix = current[..<keep]
        let base = prefix.reduce(0) { $0 + $1.entries }
        let delta = middle.reduce(0) { $0 + $1.entries } - removed.reduce(0) { $0 + $1.entries }
        // The invoice index finds the numbers in the invoices about to change: it goes first,
        // or they would be copied whole for it (the resolution after makes it again).
        joined.invoiceIndex = IDTable([])
        func patch<T>(_ all: inout [T], _ list: (Ledger) -> [T], _ order: WritableKeyPath<T, Int>?) {
            let lo = prefix.reduce(0) { $0 + list($1.ledger).count }
            let hi = lo + removed.reduce(0) { $0 + list($1.ledger).count }
            var fresh: [T] = []
            fresh.reserveCapacity(middle.reduce(0) { $0 + list($1.ledger).count })
            var b = base
            for p in middle {
                let first = fresh.count
                fresh += list(p.ledger)
                if let order, b != 0 { for i in first..<fresh.count { fresh[i][keyPath: order] += b } }
                b += p.entries
            }
            let end = lo + fresh.count
            all.replaceSubrange(lo..<hi, with: fresh)
            if let order, delta != 0 { for i in end..<all.count { all[i][keyPath: order] += delta } }
        }
        patch(&joined.clients, { $0.clients }, nil)
        // Each piece's invoices and payments name their items and `apply` lines by place in that
        // piece's arrays: in the whole they are moved on by those of the pieces before them.
        func lines<T, Line>(_ all: WritableKeyPath<Ledger, [T]>, _ range: WritableKeyPath<T, Range<Int32>>, _ lines: WritableKeyPath<Ledger, [Line]>, _ order: WritableKeyPath<T, Int>) {
            let before = prefix.reduce(0) { $0 + $1.ledger[keyPath: lines].count }
            let delta = middle.reduce(0) { $0 + $1.ledger[keyPath: lines].count } - removed.reduce(0) { $0 + $1.ledger[keyPath: lines].count }
            let entriesBefore = prefix.reduce(0) { $0 + $1.ledger[keyPath: all].count }
            patch(&joined[keyPath: lines], { $0[keyPath: lines] }, nil)
            patch(&joined[keyPath: all], { $0[keyPath: all] }, order)
            func move(_ i: Int, by shift: Int) {
                joined[keyPath: all][i][keyPath: range] = joined[keyPath: all][i][keyPath: range].shifted(by: Int32(shift))
            }
            var at = entriesBefore, shift = before
            for p in middle {
                if shift != 0 { for i in at..<at + p.ledger[keyPath: all].count { move(i, by: shift) } }
                at += p.ledger[keyPath: all].count
                shift += p.ledger[keyPath: lines].count
            }
            if delta != 0 { for i in at..<joined[keyPath: all].count { move(i, by: delta) } }
        }
        lines(\.invoices, \.itemRange, \.items, \.order)
        lines(\.payments, \.allocationRange, \.allocations, \.order)
        patch(&joined.writeOffs, { $0.writeOffs }, \.order)
        patch(&joined.refunds, { $0.refunds }, \.order)
        patch(&joined.returns, { $0.returns }, \.order)
        patch(&joined.notes, { $0.notes }, \.order)
        patch(&joined.plans, { $0.plans }, \.order)
        patch(&joined.letters, { $0.letters }, \.order)
        patch(&joined.assertions, { $0.assertions }, \.order)
        patch(&joined.unreadInvoices, { $0.unreadInvoices }, nil)
        // Every id a range may name has its file, so checks that read words from the source
        // (`SourceWords`) find them; ids of pieces gone hold nothing and are never named.
        if joined.files.count < Int(nextID) {
            joined.files += (Int32(joined.files.count)..<nextID).map { SourceFile(id: $0, path: path, bytes: []) }
        }
        for p in removed { joined.files[Int(p.file.id)] = SourceFile(id: p.file.id, path: path, bytes: []) }
        for p in middle { joined.files[Int(p.file.id)] = p.file }
    }

    /// The entries every piece gives the whole (settings, sender, with E121 for a second one),
    /// the diagnostics in the order a join of all pieces gives them, and the resolution.
    private func join() {
        var head = Ledger()
        var found: [Diagnostic] = []
        for p in current {
            if p.ledger.settings.range != nil || p.ledger.sender != nil {
                var h = Ledger()
                h.settings = p.ledger.settings
                h.sender = p.ledger.sender
                head.append(&h, diagnostics: &found)
            }
            found += p.diagnostics
        }
        joined.settings = head.settings
        joined.sender = head.sender
        LedgerResolver.resolve(&joined)
        diagnostics = found
    }

    private func parsePiece(_ bytes: ArraySlice<UInt8>, path: String) -> Piece {
        // Copied to an address of its own: the resolver reads every piece at once.
        let file = SourceFile(id: nextID, path: path, source: SourceBytes(copying: bytes))
        nextID += 1
        var ledger = Ledger()
        var diagnostics: [Diagnostic] = []
        UTF8Check.diagnose(file, into: &diagnostics)
        var parser = LedgerParser(file: file, order: 0)
        while parser.next(into: &ledger, diagnostics: &diagnostics) != nil {}
        return Piece(file: file, ledger: ledger, diagnostics: diagnostics, entries: parser.order, hasInclude: file.bytes.withUnsafeBufferPointer { Self.hasInclude($0) })
    }

    /// An `include` line: its entries would need the loader's place in the order.
    static func hasInclude(_ b: [UInt8]) -> Bool { b.withUnsafeBufferPointer { hasInclude($0) } }

    static func hasInclude(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var found = false
        lines(b) { start, _ in
            // A byte order mark before the first line is not part of it.
            let i = start == 0 && b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : start
            if b.count - i >= 7, b[i] == 0x69, b[i..<i + 7].elementsEqual("include".utf8) { found = true }
        }
        return found
    }

    /// Calls `body` with the start and end (before the line feed) of every line.
    static func lines(_ buf: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
        guard let base = buf.baseAddress else { return }
        let n = buf.count
        var i = 0
        while i < n {
            let end = memchr(base + i, 0x0A, n - i).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n
            body(i, end)
            i = end + 1
        }
    }

    /// Ends of the pieces: before a dated header whose line hashes to a multiple of `cutEvery`,
    /// once the piece holds `minimumPiece` bytes; the last ends the file.
    static func cuts(_ b: [UInt8], minimumPiece: Int = PieceCache.minimumPiece) -> [Int] {
        var cuts: [Int] = []
        scan(b, from: 0, minimumPiece: minimumPiece) { cuts.append($0); return false }
        cuts.append(b.count)
        return cuts
    }

    /// Calls `found` with each cut after `start` (the file's start or a cut), in order, until
    /// it returns true. A cut depends only on the one before and the text from there to it.
    static func scan(_ b: [UInt8], from start: Int, minimumPiece: Int, _ found: (Int) -> Bool) {
        b.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            let n = buf.count
            var last = start
            while true {
                // The first line starting at least `minimumPiece` after the last cut.
                var i = last + minimumPiece
                guard i < n else { return }
                if base[i - 1] != 0x0A {
                    guard let p = memchr(base + i, 0x0A, n - i) else { return }
                    i = base.distance(to: p.assumingMemoryBound(to: UInt8.self)) + 1
                }
                while i < n {
                    let end = memchr(base + i, 0x0A, n - i).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n
                    if base[i] >= 0x30 && base[i] <= 0x39 {
                        var h: UInt32 = 2_166_136_261
                        for k in i..<end { h = (h ^ UInt32(base[k])) &* 16_777_619 }
                        if h % UInt32(cutEvery) == 0 { break }
                    }
                    i = end + 1
                }
                guard i < n else { return }
                last = i
                if found(i) { return }
            }
        }
    }

    /// Whether `piece` is the text of `b` from `offset`.
    static func same(_ piece: SourceBytes, _ b: [UInt8], at offset: Int) -> Bool {
        let count = piece.count
        guard offset >= 0, offset + count <= b.count else { return false }
        return piece.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in count == 0 || memcmp(x.baseAddress!, y.baseAddress! + offset, count) == 0 }
        }
    }

    static func fingerprint<C: RandomAccessCollection>(_ s: C, _ range: Range<Int>) -> Int where C.Element == UInt8, C.Index == Int {
        var h = Hasher()
        h.combine(range.count)
        for i in range.prefix(64) { h.combine(s[i]) }
        for i in range.suffix(64) { h.combine(s[i]) }
        return h.finalize()
    }
}
