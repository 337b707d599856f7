#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints a ledger's syntax tree in the canonical layout of grammar.md §8. It reads the tree,
/// never the resolved model, so nothing the model does not hold (comments, the spelling of an
/// amount, the order entries are written in) can be lost; what each line is (its entry's kind,
/// its keyword, an item's parts) is what `SyntaxBuilder` said.
///
/// Only whitespace and the order of an entry's details change: every word is copied byte for
/// byte, and free text (names, descriptions, what a client said) is copied whole, inner
/// spaces included. It is the one printer of ledger text: `due fmt` (through `FileFormatter`,
/// which refuses input with errors and checks the result means the same), `due import csv`
/// and `due sent` (through `EntryText`), and the benchmark generator.
///
/// One pass, O(n), over the tree, entry by entry.
public struct LedgerFormatter {
    public static func format(_ bytes: [UInt8]) -> [UInt8] { format(SyntaxTree(bytes: bytes)) }

    /// A part of a file cut at a header (see `FormatParts`) prints alone: `followsText` when an
    /// earlier part printed something (this part's first block then needs its blank line), and
    /// `headerFollows` when a later part starts with a header (this part's last comments are
    /// then placed as they would be before it).
    public static func format(_ tree: SyntaxTree, followsText: Bool = false, headerFollows: Bool = false) -> [UInt8] {
        let printed = changes(tree, followsText: followsText, headerFollows: headerFollows, keepingSame: true)
        return printed.text
    }

    /// What printing `tree` changes: the stretches of its bytes that print otherwise, each with
    /// what it prints to. A stretch that prints back to its own bytes is compared as it is
    /// printed and let go, so an unchanged part costs no output.
    ///
    /// Stretches end where `FormatParts` may cut (above a dated header's blank lines, with no
    /// comment above them), so each prints what the whole text prints for its lines and means
    /// on its own what it meant in the whole (see `FormatVerifier.difference(of:_:formatted:)`).
    static func changes(_ tree: SyntaxTree, followsText: Bool = false, headerFollows: Bool = false, keepingSame: Bool = false) -> FormatChanges {
        tree.bytes.withUnsafeBufferPointer { buffer in
            var printer = LinePrinter(buffer, span: tree.span, followsText: followsText, keepingSame: keepingSame)
            var words = Words()
            // Before the first header only comments and blanks are valid; anything else there
            // (an indented line, in invalid input) is kept as text where it is.
            for i in tree.preamble { printer.take(tree.line(i), words: words, buffer) }
            for k in 0..<tree.entryCount {
                let entry = tree.entry(k)
                for i in entry.lines {
                    let line = tree.line(i)
                    if line.role == .header || line.role == .detail || line.role == .instalment {
                        words.split(buffer, line.content.lowerBound, line.content.upperBound)
                    }
                    let item = line.role != .header && line.keyword == .item ? tree.item(atLine: i) : nil
                    printer.take(line, kind: entry.kind, dated: entry.dated, item: item, words: words, buffer)
                }
            }
            return printer.finish(headerFollows: headerFollows, buffer)
        }
    }

    /// How a detail's value is written.
    enum ValueForm {
        /// Free text: copied whole from its first word to the end of the content.
        case text
        /// Words: joined by one space.
        case tokens
        /// One word, then free text (`dispute INVOICE TEXT`).
        case tokenThenText
        /// `[NAME] RATE`: the name is free text.
        case tax
        /// `DESCRIPTION [QUANTITY x] PRICE [CURRENCY]`, in aligned columns.
        case item
        /// A plan's `DATE AMOUNT [CURRENCY]`: the date stands in the keyword column.
        case instalment
    }

    /// How the value of `keyword` is written in an entry of `kind`.
    static func form(_ keyword: Keyword, in kind: EntryKind) -> ValueForm {
        switch keyword {
        case .item: .item
        case .tax: .tax
        case .dispute, .resolved: .tokenThenText
        case .purpose: kind == .invoice ? .text : .tokens
        case .contact, .greeting, .email, .phone, .address, .methods, .channel, .ref, .bank, .taxID, .website, .method, .reason, .with, .said,
            .hardship, .feedback:
            .text
        default: .tokens
        }
    }

    /// Each kind's `details`, made once rather than for every detail line printed.
    static let detailOrders: [[Keyword]] = EntryKind.allCases.map(\.details)

    /// The rank of each keyword among each kind's details, in one flat table (kind by keyword):
    /// its place in `detailOrders`, or the kind's number of details when it has no place.
    static let detailRanks: [Int] = EntryKind.allCases.flatMap { kind in
        let order = detailOrders[Int(kind.rawValue)]
        return Keyword.allCases.map { order.firstIndex(of: $0) ?? order.count }
    }
    static let detailCounts: [Int] = detailOrders.map(\.count)
    static let keywordCount = Keyword.allCases.count

    /// Spaces between the widest detail's content and its trailing comment, and between a
    /// header and its comment.
    static let commentGap = 3
    /// Spaces after the widest keyword, and after the widest item description.
    static let columnGap = 2
    static let descriptionGap = 3

    struct Detail {
        var line: SyntaxTree.Line
        var rank: Int
        var sequence: Int
        var form: ValueForm
        var words: Range<Int>
        var item: ItemSyntax?
        /// Whole-line comments written above this detail.
        var comments: Range<Int>
        var rendered: Range<Int> = 0..<0
        var width = 0
    }

    /// The bytes being printed; a printer fed by the parser is handed them again for each
    /// stretch of lines (see `LinePrinter`).
    var b: UnsafeBufferPointer<UInt8>
    /// What has been printed, but for `copied`: read it after `flush`.
    var out: [UInt8] = []
    /// The bytes printed last and not yet added to `out`, when they are the source's own bytes
    /// (a word, or a blank or line end that stands in the source right after what came before):
    /// a line already in its layout is then added as the run of bytes it is, not word by word.
    var copied = 0..<0
    /// Whether a block has been written (the next one needs a blank line before it).
    var started = false
    /// Whether the last thing written is an `include` with nothing after it in the source
    /// before the next header: an `include` there joins it, as a run of includes is one list.
    var includeRunOpen = false
    /// Blank and comment lines not yet placed.
    var pending: [SyntaxTree.Line] = []
    /// The open entry's kind (nil when not known) and whether its header is dated.
    var kind: EntryKind?
    var dated = false
    var header: SyntaxTree.Line?
    var headerWords: [Word] = []
    var leading: [SyntaxTree.Line] = []
    var details: [Detail] = []
    var attached: [SyntaxTree.Line] = []
    var words: [Word] = []
    var scratch: [UInt8] = []
    var order: [Int] = []

    init(_ b: UnsafeBufferPointer<UInt8>) {
        self.b = b
    }

    // MARK: - Collecting

    mutating func addDetail(_ line: SyntaxTree.Line, item: ItemSyntax?, words lineWords: borrowing Words) {
        let commentsStart = attached.count
        if !pending.isEmpty {
            for p in pending where p.role != .blank { attached.append(p) }
            pending.removeAll(keepingCapacity: true)
        }
        let wordsStart = words.count
        // A word at a time: a slice of the words would hold (retain) their storage a line.
        for k in 0..<lineWords.count { words.append(lineWords[k]) }
        // A detail with no place in its kind's order goes after the instalments, which go
        // after every detail with one.
        var rank = 1
        var form = ValueForm.text
        if let kind {
            let count = LedgerFormatter.detailCounts[Int(kind.rawValue)]
            rank = count + 1
            if line.role == .instalment {
                rank = count
                form = .instalment
            } else if let keyword = line.keyword {
                let r = LedgerFormatter.detailRanks[Int(kind.rawValue) * LedgerFormatter.keywordCount + Int(keyword.rawValue)]
                if r < count {
                    rank = r
                    form = LedgerFormatter.form(keyword, in: kind)
                }
            }
        } else if line.role == .instalment {
            rank = 0
            form = .instalment
        }
        details.append(
            Detail(line: line, rank: rank, sequence: details.count, form: form, words: wordsStart..<words.count, item: item, comments: commentsStart..<attached.count))
    }

    /// Writes the open entry, then places the comments that followed it: an indented run right
    /// after it stays with it, a run right before the next header leads that entry, and any
    /// other run stands alone between entries.
    mutating func closeEntry(headerFollows: Bool) {
        if header != nil { writeEntry() }
        // A blank or comment line after it ends the run.
        includeRunOpen = header != nil && !dated && kind == .include && pending.isEmpty
        if !leading.isEmpty { leading.removeAll(keepingCapacity: true) }
        var i = 0
        var sawBlank = false
        var first = true
        let hadEntry = header != nil
        while i < pending.count {
            if pending[i].role == .blank {
                sawBlank = true
                i += 1
                continue
            }
            let s = i
            while i < pending.count && pending[i].role != .blank { i += 1 }
            let blankAfter = i < pending.count
            let run = pending[s..<i]
            if first && hadEntry && !sawBlank && run.first!.isIndented {
                // The indented lines stay with the entry; a line in column 1 after them starts
                // a run of its own, which leads the next entry when it stands right above it.
                let cut = run.firstIndex { !$0.isIndented } ?? run.endIndex
                for c in run[..<cut] { writeComment(c, indent: 2) }
                let rest = run[cut...]
                if rest.isEmpty {
                } else if !blankAfter && headerFollows {
                    leading.append(contentsOf: rest)
                } else {
                    beginBlock()
                    for c in rest { writeComment(c, indent: 0) }
                }
            } else if !blankAfter && headerFollows {
                leading.append(contentsOf: run)
            } else {
                beginBlock()
                for c in run { writeComment(c, indent: 0) }
            }
            first = false
        }
        // Emptied only when not empty: emptying an empty array still costs a call a line.
        if !pending.isEmpty { pending.removeAll(keepingCapacity: true) }
        header = nil
        kind = nil
        dated = false
        if !details.isEmpty { details.removeAll(keepingCapacity: true) }
        if !attached.isEmpty { attached.removeAll(keepingCapacity: true) }
        if !words.isEmpty { words.removeAll(keepingCapacity: true) }
    }

    // MARK: - Writing

    mutating func beginBlock() {
        if started { put(0x0A) }
        started = true
    }

    /// Blanks to copy from: padding is copied as a run, not added a byte at a time.
    static var blankRun: StaticString { "                                                                " }

    mutating func spaces(_ n: Int) {
        guard n > 0 else { return }
        let run = LedgerFormatter.blankRun
        let u = copied.upperBound
        if n <= run.utf8CodeUnitCount {
            if u + n <= b.count && memcmp(b.baseAddress! + u, run.utf8Start, n) == 0 {
                copied = copied.lowerBound..<u + n
                return
            }
            flush()
            out.append(contentsOf: UnsafeBufferPointer(start: run.utf8Start, count: n))
        } else {
            flush()
            out.append(contentsOf: repeatElement(0x20, count: n))
        }
    }

    mutating func copy(_ s: Int, _ e: Int) {
        if s == copied.upperBound {
            copied = copied.lowerBound..<e
        } else {
            flush()
            copied = s..<e
        }
    }

    /// One byte (a blank or a line end).
    @inline(__always)
    mutating func put(_ byte: UInt8) {
        let u = copied.upperBound
        if u < b.count && b[u] == byte {
            copied = copied.lowerBound..<u + 1
        } else {
            flush()
            out.append(byte)
        }
    }

    /// Adds the bytes printed last (`copied`) to `out`.
    mutating func flush() {
        guard !copied.isEmpty else { return }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied]))
        copied = copied.upperBound..<copied.upperBound
    }

    mutating func copy(_ w: Word) { copy(w.start, w.end) }

    /// A whole-line comment (or, in invalid input, a stray line) from its first character on.
    mutating func writeComment(_ l: SyntaxTree.Line, indent: Int) {
        spaces(indent)
        copy(l.content.lowerBound, l.end)
        put(0x0A)
    }

    /// Columns a run of UTF-8 takes: one per code point.
    static func width(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        var n = 0
        for k in s..<e where p[k] & 0xC0 != 0x80 { n += 1 }
        return n
    }
    func width(_ w: Word) -> Int { LedgerFormatter.width(b, w.start, w.end) }

    mutating func writeEntry() {
        if includeRunOpen && !dated && kind == .include && leading.isEmpty {
            started = true
        } else {
            beginBlock()
        }
        for c in leading { writeComment(c, indent: 0) }
        writeHeader(header!)
        if !details.isEmpty { writeDetails() }
    }

    /// Words single-spaced; `sender` and `include` keep their text as written, `client` its
    /// display name.
    mutating func writeHeader(_ h: SyntaxTree.Line) {
        let w = headerWords
        let kind = dated ? nil : kind
        if w.count > 1 && (kind == .include || kind == .sender) {
            copy(w[0])
            put(0x20)
            copy(w[1].start, h.content.upperBound)
        } else if w.count > 1 && kind == .client {
            copy(w[0])
            put(0x20)
            copy(w[1])
            if w.count > 2 {
                put(0x20)
                copy(w[2].start, h.content.upperBound)
            }
        } else {
            for i in 0..<w.count {
                if i > 0 { put(0x20) }
                copy(w[i])
            }
        }
        if let c = h.comment {
            spaces(LedgerFormatter.commentGap)
            copy(c.lowerBound, c.upperBound)
        }
        put(0x0A)
    }

    mutating func writeDetails() {
        // Column widths over the entry.
        var keyWidth = 0
        var descWidth = 0, quantityWidth = 0, priceWidth = 0, amountWidth = 0
        var anyQuantity = false
        for d in details {
            keyWidth = max(keyWidth, width(words[d.words.lowerBound]))
            switch d.form {
            case .item:
                guard let p = d.item, p.isComplete, let description = p.description else { continue }
                descWidth = max(descWidth, LedgerFormatter.width(b, description.lowerBound, description.upperBound))
                if let q = p.quantity {
                    anyQuantity = true
                    quantityWidth = max(quantityWidth, width(q))
                }
                priceWidth = max(priceWidth, width(p.price))
            case .instalment:
                if d.words.count > 1 { amountWidth = max(amountWidth, width(words[d.words.lowerBound + 1])) }
            default: break
            }
        }

        let quantityColumn = anyQuantity ? quantityWidth : -1
        // The common entry, its details in order and none with a trailing comment (whose column
        // depends on every line's width), is printed straight out.
        var plain = true
        for i in 1..<details.count where details[i].rank < details[i - 1].rank {
            plain = false
            break
        }
        if plain {
            for i in details.indices where details[i].line.comment != nil {
                plain = false
                break
            }
        }
        if plain {
            for i in details.indices {
                for c in attached[details[i].comments] { writeComment(c, indent: 2) }
                renderDetail(details[i], keyWidth: keyWidth, descWidth: descWidth, quantityWidth: quantityColumn, priceWidth: priceWidth, amountWidth: amountWidth)
                put(0x0A)
            }
            return
        }

        // Each detail's content, rendered into `scratch`.
        scratch.removeAll(keepingCapacity: true)
        var commentColumn = 0
        for i in details.indices {
            let d = details[i]
            // Rendered with the same writers as everything else, into the scratch buffer.
            flush()
            swap(&out, &scratch)
            let start = out.count
            renderDetail(d, keyWidth: keyWidth, descWidth: descWidth, quantityWidth: anyQuantity ? quantityWidth : -1, priceWidth: priceWidth, amountWidth: amountWidth)
            flush()
            details[i].rendered = start..<out.count
            swap(&out, &scratch)
            let w = scratch.withUnsafeBufferPointer { LedgerFormatter.width($0, start, scratch.count) }
            details[i].width = w
            if d.line.comment != nil { commentColumn = max(commentColumn, w + LedgerFormatter.commentGap) }
        }

        // Canonical order: by keyword, stable for repeated ones.
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: details.indices)
        var sorted = true
        for i in 1..<details.count where details[i].rank < details[i - 1].rank { sorted = false; break }
        if !sorted {
            order.sort { (details[$0].rank, details[$0].sequence) < (details[$1].rank, details[$1].sequence) }
        }
        for i in order {
            let d = details[i]
            for c in attached[d.comments] { writeComment(c, indent: 2) }
            flush()
            out.append(contentsOf: scratch[d.rendered])
            if let c = d.line.comment {
                spaces(commentColumn - d.width)
                copy(c.lowerBound, c.upperBound)
            }
            put(0x0A)
        }
    }

    /// Writes one detail's content (no comment, no line ending) to `out`.
    mutating func renderDetail(_ d: Detail, keyWidth: Int, descWidth: Int, quantityWidth: Int, priceWidth: Int, amountWidth: Int) {
        let r = d.words
        let key = words[r.lowerBound]
        spaces(2)
        copy(key)
        guard r.count > 1 else { return }
        spaces(keyWidth - width(key) + LedgerFormatter.columnGap)
        let first = words[r.lowerBound + 1]
        let end = d.line.content.upperBound
        switch d.form {
        case .text:
            copy(first.start, end)
        case .tokens:
            joinWords(r.lowerBound + 1..<r.upperBound, in: words)
        case .tokenThenText:
            copy(first)
            if r.count > 2 {
                put(0x20)
                copy(words[r.lowerBound + 2].start, end)
            }
        case .tax:
            let rate = words[r.upperBound - 1]
            if r.count > 2 {
                copy(first.start, words[r.upperBound - 2].end)
                put(0x20)
            }
            copy(rate)
        case .instalment:
            spaces(amountWidth - width(first))
            copy(first)
            if r.count > 2 {
                put(0x20)
                joinWords(r.lowerBound + 2..<r.upperBound, in: words)
            }
        case .item:
            guard let p = d.item, p.isComplete, let description = p.description else {
                copy(first.start, end)
                return
            }
            // Free text, copied byte for byte: a tab in it is the user's (§8), though an
            // editor's tab stop may throw the columns after it out.
            copy(description.lowerBound, description.upperBound)
            spaces(descWidth - LedgerFormatter.width(b, description.lowerBound, description.upperBound) + LedgerFormatter.descriptionGap)
            if quantityWidth >= 0 {
                if let q = p.quantity, let t = p.times {
                    spaces(quantityWidth - width(q))
                    copy(q)
                    put(0x20)
                    copy(t)
                    put(0x20)
                } else {
                    spaces(quantityWidth + 3)
                }
            }
            spaces(priceWidth - width(p.price))
            copy(p.price)
            if let c = p.currency {
                put(0x20)
                copy(c)
            }
        }
    }

    mutating func joinWords(_ r: Range<Int>, in list: [Word]) {
        for i in r {
            if i > r.lowerBound { put(0x20) }
            copy(list[i])
        }
    }
}

/// What printing a tree changes (`LedgerFormatter.changes`).
struct FormatChanges {
    /// A stretch of the source and what it prints to, in `text`.
    struct Stretch {
        var source: Range<Int>
        var printed: Range<Int>
    }

    /// The bytes the tree covers.
    var span: Range<Int>
    /// The stretches that print otherwise, in order; none when the bytes are canonical.
    var stretches: [Stretch] = []
    /// What the changed stretches print to (with `keepingSame`, everything printed).
    var text: [UInt8] = []
    /// Every comment of the span, as the parser that fed the printer read them
    /// (`FormatVerifier.readPrinting`); nil for a tree's printing, whose comments are found
    /// when wanted.
    var comments: CommentTexts?

    /// A third or more of the span prints otherwise: it is proved whole, not stretch by stretch
    /// (`FileFormatter.prove`).
    var changeMuch: Bool { stretches.reduce(0) { $0 + $1.source.count } * 3 >= span.count }

    /// The canonical text of the whole span: the changed stretches' printing, the rest as it is.
    func joined(with source: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var total = span.count
        for s in stretches { total += s.printed.count - s.source.count }
        return [UInt8](unsafeUninitializedCapacity: total) { out, written in
            var at = 0
            var from = span.lowerBound
            text.withUnsafeBufferPointer { t in
                func put(_ p: UnsafePointer<UInt8>?, _ n: Int) {
                    guard n > 0, let p else { return }
                    (out.baseAddress! + at).update(from: p, count: n)
                    at += n
                }
                for s in stretches {
                    put(source.baseAddress.map { $0 + from }, s.source.lowerBound - from)
                    put(t.baseAddress.map { $0 + s.printed.lowerBound }, s.printed.count)
                    from = s.source.upperBound
                }
                put(source.baseAddress.map { $0 + from }, span.upperBound - from)
            }
            written = at
        }
    }
}
