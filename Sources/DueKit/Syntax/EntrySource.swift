/// Where an entry is written: its file and the offset of its header line.
///
/// An entity keeps this and nothing more of its position. A diagnostic or an editor feature
/// that points inside the entry (the invoice number on the header, a detail line, an `apply`
/// line's invoice) reads the entry's lines again with `EntrySource`: that is rare, and it keeps
/// every entity of a large ledger small.
public struct EntryAnchor: Sendable, Hashable {
    public var file: Int32
    public var offset: UInt32

    public init(file: Int32, offset: Int) {
        self.file = file
        self.offset = UInt32(truncatingIfNeeded: offset)
    }

    /// An entry not read from any file (one a test makes): like `SourceRange.none`, it points
    /// nowhere, and diagnostics about it have no place.
    public static let none = EntryAnchor(file: -1, offset: 0)

    /// The empty range at the header's first byte: enough to say which file and line.
    public var start: SourceRange { SourceRange(file: file, start: Int(offset), end: Int(offset)) }
}

/// Where one detail line of an entry starts, in the entry's file (an item, an `apply`, a
/// promise…): what a diagnostic about that line needs to find it again.
public struct LineAnchor: Sendable, Hashable {
    public var offset: UInt32

    public init(offset: Int) {
        self.offset = UInt32(truncatingIfNeeded: offset)
    }
}

/// Something written as an entry of the ledger, which can be found again in its file.
public protocol Anchored {
    var anchor: EntryAnchor { get }
}

/// An entry's lines read again from its file by the one reader of line shapes
/// (`SyntaxBuilder`), to say where its parts stand. Built on demand, for diagnostics and the
/// editor; the parser keeps none of this.
public struct EntrySource {
    public struct Line {
        public var scanned: ScannedLine
        public var role: LineRole
        /// The detail's keyword; for a header, the word that names its kind.
        public var keyword: Keyword?
        public var words: [Word]
    }

    public let file: Int32
    let bytes: SourceBytes
    public let kind: EntryKind?
    /// The header line; nil only when the anchor names no file that is still held.
    public let header: Line?
    /// The entry's detail and instalment lines, in order (comments and blank lines left out).
    public let details: [Line]

    /// Reads the entry at `anchor`: its header and, when `details` is set, the lines under it.
    public init(_ anchor: EntryAnchor, in files: [SourceFile], details readDetails: Bool = true) {
        file = anchor.file
        guard anchor.file >= 0, Int(anchor.file) < files.count else {
            bytes = SourceBytes([])
            kind = nil
            header = nil
            details = []
            return
        }
        let bytes = files[Int(anchor.file)].bytes
        self.bytes = bytes
        var builder = SyntaxBuilder(bytes: bytes, from: Int(anchor.offset), to: bytes.count)
        var words = Words()
        var header: Line?
        var details: [Line] = []
        var kind: EntryKind?
        bytes.withUnsafeBufferPointer { b in
            while builder.next(b, words: &words) {
                let line = Line(scanned: builder.line, role: builder.role, keyword: builder.keyword, words: Array(words.all))
                switch builder.role {
                case .blank, .comment: continue
                case .header:
                    guard header == nil else { return }
                    header = line
                    kind = builder.entry
                    if !readDetails { return }
                case .detail, .instalment:
                    details.append(line)
                }
            }
        }
        self.kind = kind
        self.header = header
        self.details = details
    }

    func range(_ start: Int, _ end: Int) -> SourceRange { SourceRange(file: file, start: start, end: end) }

    /// The header's content, from its first word to the end (before any comment).
    public var range: SourceRange {
        guard let h = header, let first = h.words.first else { return .none }
        return range(first.start, h.scanned.contentEnd)
    }

    /// The header's `k`-th word (from 0); the whole header when it has fewer.
    public func word(_ k: Int) -> SourceRange {
        guard let h = header, k < h.words.count else { return range }
        return range(h.words[k].start, h.words[k].end)
    }

    /// The header's words `first` to `last`, or as many of them as are written.
    public func words(_ first: Int, through last: Int) -> SourceRange {
        guard let h = header, first < h.words.count else { return range }
        return range(h.words[first].start, h.words[min(last, h.words.count - 1)].end)
    }

    /// The content of the detail line `keyword` that the entry's value was read from: the first
    /// one the entry accepts, when it has a value. Nil when there is none.
    public func detail(_ keyword: Keyword) -> SourceRange? {
        guard let kind, kind.detailMask & keyword.bit != 0,
            let line = details.first(where: { $0.role == .detail && $0.keyword == keyword }), line.words.count > 1
        else { return nil }
        return range(line.scanned.contentStart, line.scanned.contentEnd)
    }

    /// The detail lines `keyword` the parser reads, in order: all of them for a repeatable
    /// detail, else the first.
    public func details(_ keyword: Keyword) -> [Line] {
        guard let kind, kind.detailMask & keyword.bit != 0 else { return [] }
        let lines = details.filter { $0.role == .detail && $0.keyword == keyword }
        return EntryKind.repeatableMask & keyword.bit != 0 ? lines : Array(lines.prefix(1))
    }

    /// Each valid id after `keyword` (a plan's or a letter's invoices), in the order the parser
    /// took them.
    public func invoiceWords(_ keyword: Keyword) -> [SourceRange] {
        bytes.withUnsafeBufferPointer { b in
            details(keyword).flatMap { line in
                line.words.dropFirst().filter { LedgerID.problem(in: UnsafeBufferPointer(rebasing: b[$0.start..<$0.end])) == nil }
                    .map { range($0.start, $0.end) }
            }
        }
    }

    /// The `k`-th word (from 0) of the detail line at `line`; the line's content when it has
    /// fewer words. For a caller that reads many details of one entry.
    public func word(_ k: Int, ofLine line: LineAnchor) -> SourceRange {
        guard let l = details.first(where: { $0.scanned.start == Int(line.offset) }) else { return .none }
        return k < l.words.count ? range(l.words[k].start, l.words[k].end) : range(l.scanned.contentStart, l.scanned.contentEnd)
    }

    /// The content of the line at `anchor`, and its words.
    public static func line(_ anchor: LineAnchor, file: Int32, in files: [SourceFile]) -> (range: SourceRange, words: [SourceRange]) {
        guard file >= 0, Int(file) < files.count else { return (.none, []) }
        let bytes = files[Int(file)].bytes
        var scanner = LineScanner(bytes: bytes, from: Int(anchor.offset), to: bytes.count)
        guard let l = scanner.next() else { return (.none, []) }
        var words = Words()
        bytes.withUnsafeBufferPointer { words.split($0, l.contentStart, l.contentEnd) }
        return (SourceRange(file: file, start: l.contentStart, end: l.contentEnd), words.all.map { SourceRange(file: file, start: $0.start, end: $0.end) })
    }
}

extension [SourceFile] {
    /// The entry at `anchor`, read again (only its header unless `details`).
    public func entry(_ anchor: EntryAnchor, details: Bool = false) -> EntrySource {
        EntrySource(anchor, in: self, details: details)
    }

    /// The content of an entry's header: where a diagnostic about the whole entry points.
    public func header(_ anchor: EntryAnchor) -> SourceRange { entry(anchor).range }

    /// The header's `k`-th word (from 0).
    public func word(_ k: Int, of anchor: EntryAnchor) -> SourceRange { entry(anchor).word(k) }

    /// The detail line `keyword` the entry's value was read from (see `EntrySource.detail`).
    public func detail(_ keyword: Keyword, of anchor: EntryAnchor) -> SourceRange? {
        entry(anchor, details: true).detail(keyword)
    }

    /// The content of the detail line at `line`, in the file of `anchor`.
    public func line(_ line: LineAnchor, of anchor: EntryAnchor) -> SourceRange {
        EntrySource.line(line, file: anchor.file, in: self).range
    }

    /// The `k`-th word (from 0) of the detail line at `line`; the whole line when it has fewer.
    public func word(_ k: Int, ofLine line: LineAnchor, of anchor: EntryAnchor) -> SourceRange {
        let l = EntrySource.line(line, file: anchor.file, in: self)
        return k < l.words.count ? l.words[k] : l.range
    }
}

extension EntrySource {
    /// For each of `keywords`, the value of the entry's first detail line that starts with it,
    /// as the parser reads a one-line value: from the word after the keyword to the end of the
    /// content. Nil when there is no such line or it has nothing after the keyword (the parser
    /// reads no later line either: a second is an error).
    static func values(_ keywords: [Keyword], of anchor: EntryAnchor, in files: [SourceFile]) -> [String?] {
        var found = [String?](repeating: nil, count: keywords.count)
        forEachValue(of: anchor, in: files, where: { keywords.contains($0) }) { keyword, value in
            found[keywords.firstIndex(of: keyword)!] = String(decoding: value, as: UTF8.self)
        }
        return found
    }

    /// Hands `body` the value of the entry's first detail line starting with each keyword that
    /// `wanted` accepts, as `values` reads it, while the bytes are at hand. Reads only the
    /// entry's lines and builds nothing: a journal export asks this of every payment.
    @inline(__always) static func forEachValue(
        of anchor: EntryAnchor, in files: [SourceFile], where wanted: (Keyword) -> Bool, _ body: (Keyword, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        guard anchor.file >= 0, Int(anchor.file) < files.count else { return }
        let bytes = files[Int(anchor.file)].bytes
        var scanner = LineScanner(bytes: bytes, from: Int(anchor.offset), to: bytes.count)
        guard scanner.next()?.kind == .header else { return }
        var seen: UInt64 = 0
        bytes.withUnsafeBufferPointer { b in
            while let l = scanner.next(), l.kind != .header {
                guard l.kind == .detail else { continue }
                var i = l.contentStart
                while i < l.contentEnd && !LineScanner.isBlank(b[i]) { i += 1 }
                guard let keyword = Keyword.match(b, l.contentStart, i), seen & keyword.bit == 0, wanted(keyword) else { continue }
                seen |= keyword.bit
                while i < l.contentEnd && LineScanner.isBlank(b[i]) { i += 1 }
                if i < l.contentEnd { body(keyword, UnsafeBufferPointer(rebasing: b[i..<l.contentEnd])) }
            }
        }
    }
}

extension [SourceFile] {
    /// Within `range` (a line's content, or some of its words), the last word written as a
    /// number: where a diagnostic about an amount points, not the keyword before it. `range`
    /// itself when no word is.
    public func amountWord(in range: SourceRange) -> SourceRange {
        lastWord(in: range) { w in
            guard let f = w.first else { return false }
            let lead = f == 0x2D || f == 0x2B || f == 0x2E ? w.dropFirst() : w[...]
            return lead.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false
        }
    }

    /// Within `range`, the last word that is a currency code (three capital letters); `range`
    /// itself when none is.
    public func currencyWord(in range: SourceRange) -> SourceRange {
        lastWord(in: range) { Currency.isCode($0[...]) }
    }

    /// The bytes `range` covers, as written; empty when its file is not held.
    func bytes(_ range: SourceRange) -> ArraySlice<UInt8> {
        guard range.file >= 0, Int(range.file) < count else { return [] }
        return self[Int(range.file)].bytes.withUnsafeBufferPointer { b in
            ArraySlice(b[Swift.min(Int(range.start), b.count)..<Swift.min(Int(range.end), b.count)])
        }
    }

    func lastWord(in range: SourceRange, where fits: (ArraySlice<UInt8>) -> Bool) -> SourceRange {
        guard range.file >= 0, Int(range.file) < count else { return range }
        let lower = Int(range.start)
        let line = self[Int(range.file)].bytes.withUnsafeBufferPointer { b in [UInt8](b[Swift.min(lower, b.count)..<Swift.min(Int(range.end), b.count)]) }
        var end = line.count
        while end > 0 {
            while end > 0 && (line[end - 1] == 0x20 || line[end - 1] == 0x09) { end -= 1 }
            var start = end
            while start > 0 && line[start - 1] != 0x20 && line[start - 1] != 0x09 { start -= 1 }
            if start < end && fits(line[start..<end]) { return SourceRange(file: range.file, start: lower + start, end: lower + end) }
            end = start
        }
        return range
    }
}
