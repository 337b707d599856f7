/// Rewrites a ledger's text in the canonical layout of grammar.md §8, working on lines and
/// words, never on the resolved model, so nothing the model does not hold (comments, the
/// spelling of an amount, the order entries are written in) can be lost.
///
/// Only whitespace and the order of an entry's details change: every word is copied byte for
/// byte, and free text (names, descriptions, what a client said) is copied whole, inner
/// spaces included. The input must parse without errors (`FileFormatter` makes sure); the
/// result is then checked against the input's model before anything is written.
///
/// One pass, O(n), over bytes: the text is read line by line and written entry by entry.
public struct LedgerFormatter {
    public static func format(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buffer in
            var f = LedgerFormatter(buffer)
            f.out.reserveCapacity(bytes.count + bytes.count / 8)
            var scanner = LineScanner(bytes: bytes)
            while let line = scanner.next() {
                switch line.kind {
                case .blank, .comment: f.pending.append(line)
                case .header:
                    f.closeEntry(headerFollows: true)
                    f.startEntry(line)
                case .detail: f.addDetail(line)
                }
            }
            f.closeEntry(headerFollows: false)
            return f.out
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

    struct DetailLayout {
        var keyword: [UInt8]
        var form: ValueForm
    }

    static let include = Array("include".utf8), sender = Array("sender".utf8), client = Array("client".utf8), plan = Array("plan".utf8)

    static let textDetails: Set<String> = [
        "contact", "greeting", "email", "phone", "address", "methods", "channel", "ref", "bank", "tax-id", "website",
        "method", "reason", "with", "said", "hardship", "feedback",
    ]

    /// Per kind of entry, its details in canonical order with the form of each value.
    static let layouts: [String: [DetailLayout]] = {
        var all: [String: [DetailLayout]] = [:]
        for kind in ["settings", "sender", "client", "invoice", "payment", "credit", "writeoff", "note", "plan", "letter"] {
            all[kind] = LedgerParser.detailOrder(for: kind).map { keyword in
                let form: ValueForm
                switch keyword {
                case "item": form = .item
                case "tax": form = .tax
                case "dispute", "resolved": form = .tokenThenText
                case "for": form = kind == "invoice" ? .text : .tokens
                default: form = textDetails.contains(keyword) ? .text : .tokens
                }
                return DetailLayout(keyword: Array(keyword.utf8), form: form)
            }
        }
        return all
    }()

    /// Spaces between the widest detail's content and its trailing comment, and between a
    /// header and its comment.
    static let commentGap = 3
    /// Spaces after the widest keyword, and after the widest item description.
    static let columnGap = 2
    static let descriptionGap = 3

    struct Detail {
        var line: ScannedLine
        var rank: Int
        var sequence: Int
        var form: ValueForm
        var words: Range<Int>
        /// Whole-line comments written above this detail.
        var comments: Range<Int>
        var rendered: Range<Int> = 0..<0
        var width = 0
    }

    let b: UnsafeBufferPointer<UInt8>
    var out: [UInt8] = []
    /// Whether a block has been written (the next one needs a blank line before it).
    var started = false
    /// Blank and comment lines not yet placed.
    var pending: [ScannedLine] = []
    var header: ScannedLine?
    var layout: [DetailLayout] = []
    var layoutKind: [UInt8] = []
    var leading: [ScannedLine] = []
    var details: [Detail] = []
    var attached: [ScannedLine] = []
    var words: [Word] = []
    var lineWords: [Word] = []
    var scratch: [UInt8] = []
    var order: [Int] = []

    init(_ b: UnsafeBufferPointer<UInt8>) {
        self.b = b
        lineWords.reserveCapacity(16)
    }

    // MARK: - Collecting

    mutating func addDetail(_ line: ScannedLine) {
        guard header != nil else {
            // Not valid input (an indented line before any entry); keep it, as text, where it is.
            pending.append(line)
            return
        }
        let commentsStart = attached.count
        for p in pending where p.kind != .blank { attached.append(p) }
        pending.removeAll(keepingCapacity: true)
        lineWords.split(b, line.contentStart, line.contentEnd)
        let wordsStart = words.count
        words.append(contentsOf: lineWords)
        let key = lineWords[0]
        var rank = layout.count + 1
        var form = ValueForm.text
        if b[key.start] >= 0x30 && b[key.start] <= 0x39 && layoutKind == LedgerFormatter.plan {
            rank = layout.count
            form = .instalment
        } else {
            for (i, l) in layout.enumerated() where equals(key, l.keyword) {
                rank = i
                form = l.form
                break
            }
        }
        details.append(
            Detail(line: line, rank: rank, sequence: details.count, form: form, words: wordsStart..<words.count, comments: commentsStart..<attached.count))
    }

    func equals(_ w: Word, _ s: [UInt8]) -> Bool {
        guard w.end - w.start == s.count else { return false }
        for k in 0..<s.count where b[w.start + k] != s[k] { return false }
        return true
    }

    /// Writes the open entry, then places the comments that followed it: an indented run right
    /// after it stays with it, a run right before the next header leads that entry, and any
    /// other run stands alone between entries.
    mutating func closeEntry(headerFollows: Bool) {
        if header != nil { writeEntry() }
        leading.removeAll(keepingCapacity: true)
        var i = 0
        var sawBlank = false
        var first = true
        let hadEntry = header != nil
        while i < pending.count {
            if pending[i].kind == .blank {
                sawBlank = true
                i += 1
                continue
            }
            let s = i
            while i < pending.count && pending[i].kind != .blank { i += 1 }
            let blankAfter = i < pending.count
            let run = pending[s..<i]
            if first && hadEntry && !sawBlank && run.first!.contentStart > run.first!.start {
                for c in run { writeComment(c, indent: 2) }
            } else if !blankAfter && headerFollows {
                leading.append(contentsOf: run)
            } else {
                beginBlock()
                for c in run { writeComment(c, indent: 0) }
            }
            first = false
        }
        pending.removeAll(keepingCapacity: true)
        header = nil
        details.removeAll(keepingCapacity: true)
        attached.removeAll(keepingCapacity: true)
        words.removeAll(keepingCapacity: true)
    }

    // MARK: - Writing

    mutating func beginBlock() {
        if started { out.append(0x0A) }
        started = true
    }

    mutating func spaces(_ n: Int) {
        for _ in 0..<max(0, n) { out.append(0x20) }
    }

    mutating func copy(_ s: Int, _ e: Int) {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[s..<e]))
    }

    /// A whole-line comment (or, in invalid input, a stray line) from its first character on.
    mutating func writeComment(_ l: ScannedLine, indent: Int) {
        spaces(indent)
        copy(l.contentStart, max(l.contentEnd, l.commentEnd))
        out.append(0x0A)
    }

    /// Columns a run of UTF-8 takes: one per code point.
    static func width(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        var n = 0
        for k in s..<e where p[k] & 0xC0 != 0x80 { n += 1 }
        return n
    }
    func width(_ w: Word) -> Int { LedgerFormatter.width(b, w.start, w.end) }

    mutating func writeEntry() {
        let h = header!
        beginBlock()
        for c in leading { writeComment(c, indent: 0) }
        writeHeader(h)
        if !details.isEmpty { writeDetails() }
    }

    mutating func writeHeader(_ h: ScannedLine) {
        lineWords.split(b, h.contentStart, h.contentEnd)
        let w = lineWords
        let first = w[0]
        let c = b[first.start]
        if c >= 0x30 && c <= 0x39 {
            for (i, word) in w.enumerated() {
                if i > 0 { out.append(0x20) }
                copy(word.start, word.end)
            }
        } else if w.count > 1 && (equals(first, LedgerFormatter.include) || equals(first, LedgerFormatter.sender)) {
            copy(first.start, first.end)
            out.append(0x20)
            copy(w[1].start, h.contentEnd)
        } else if w.count > 1 && equals(first, LedgerFormatter.client) {
            copy(first.start, first.end)
            out.append(0x20)
            copy(w[1].start, w[1].end)
            if w.count > 2 {
                out.append(0x20)
                copy(w[2].start, h.contentEnd)
            }
        } else {
            for (i, word) in w.enumerated() {
                if i > 0 { out.append(0x20) }
                copy(word.start, word.end)
            }
        }
        if let cs = h.commentStart {
            spaces(LedgerFormatter.commentGap)
            copy(cs, h.commentEnd)
        }
        out.append(0x0A)
    }

    /// Opens an entry; its kind decides the order and the form of its details.
    mutating func startEntry(_ h: ScannedLine) {
        header = h
        lineWords.split(b, h.contentStart, h.contentEnd)
        let first = lineWords[0]
        let dated = b[first.start] >= 0x30 && b[first.start] <= 0x39
        if dated && lineWords.count < 2 { return }
        let kind = dated ? lineWords[1] : first
        if !equals(kind, layoutKind) {
            layoutKind = Array(UnsafeBufferPointer(rebasing: b[kind.start..<kind.end]))
            layout = LedgerFormatter.layouts[String(decoding: layoutKind, as: UTF8.self)] ?? []
        }
    }

    /// The parts of an item line, as word indices (mirrors `LedgerParser.item`).
    struct ItemParts {
        var descriptionEnd: Int  // end offset of the description
        var quantity: Int?
        var times: Int?
        var price: Int
        var currency: Int?
    }

    func looksLikeCurrency(_ w: Word) -> Bool {
        guard w.end - w.start == 3 else { return false }
        for k in w.start..<w.end where !(b[k] >= 0x41 && b[k] <= 0x5A) && !(b[k] >= 0x61 && b[k] <= 0x7A) { return false }
        return true
    }

    func isTimes(_ w: Word) -> Bool {
        let n = w.end - w.start
        if n == 1 { return b[w.start] == 0x78 || b[w.start] == 0x58 || b[w.start] == 0x2A }
        return n == 2 && b[w.start] == 0xC3 && b[w.start + 1] == 0x97
    }

    func itemParts(_ r: Range<Int>) -> ItemParts? {
        let n = r.count
        guard n >= 3 else { return nil }
        var last = n - 1
        var currency: Int?
        if last >= 2, looksLikeCurrency(words[r.lowerBound + last]) {
            currency = r.lowerBound + last
            last -= 1
        }
        var descEnd = last
        var quantity: Int?
        var times: Int?
        if last >= 3, isTimes(words[r.lowerBound + last - 1]) {
            quantity = r.lowerBound + last - 2
            times = r.lowerBound + last - 1
            descEnd = last - 2
        }
        guard descEnd >= 2 else { return nil }
        return ItemParts(descriptionEnd: words[r.lowerBound + descEnd - 1].end, quantity: quantity, times: times, price: r.lowerBound + last, currency: currency)
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
                guard let p = itemParts(d.words) else { continue }
                descWidth = max(descWidth, LedgerFormatter.width(b, words[d.words.lowerBound + 1].start, p.descriptionEnd))
                if let q = p.quantity {
                    anyQuantity = true
                    quantityWidth = max(quantityWidth, width(words[q]))
                }
                priceWidth = max(priceWidth, width(words[p.price]))
            case .instalment:
                if d.words.count > 1 { amountWidth = max(amountWidth, width(words[d.words.lowerBound + 1])) }
            default: break
            }
        }

        // Each detail's content, rendered into `scratch`.
        scratch.removeAll(keepingCapacity: true)
        var commentColumn = 0
        for i in details.indices {
            let d = details[i]
            // Rendered with the same writers as everything else, into the scratch buffer.
            swap(&out, &scratch)
            let start = out.count
            renderDetail(d, keyWidth: keyWidth, descWidth: descWidth, quantityWidth: anyQuantity ? quantityWidth : -1, priceWidth: priceWidth, amountWidth: amountWidth)
            details[i].rendered = start..<out.count
            swap(&out, &scratch)
            let w = scratch.withUnsafeBufferPointer { LedgerFormatter.width($0, start, scratch.count) }
            details[i].width = w
            if d.line.commentStart != nil { commentColumn = max(commentColumn, w + LedgerFormatter.commentGap) }
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
            out.append(contentsOf: scratch[d.rendered])
            if let cs = d.line.commentStart {
                spaces(commentColumn - d.width)
                copy(cs, d.line.commentEnd)
            }
            out.append(0x0A)
        }
    }

    /// Writes one detail's content (no comment, no line ending) to `out`.
    mutating func renderDetail(_ d: Detail, keyWidth: Int, descWidth: Int, quantityWidth: Int, priceWidth: Int, amountWidth: Int) {
        let r = d.words
        let key = words[r.lowerBound]
        spaces(2)
        copy(key.start, key.end)
        guard r.count > 1 else { return }
        spaces(keyWidth - width(key) + LedgerFormatter.columnGap)
        let first = words[r.lowerBound + 1]
        let end = d.line.contentEnd
        switch d.form {
        case .text:
            copy(first.start, end)
        case .tokens:
            joinWords(r.lowerBound + 1..<r.upperBound)
        case .tokenThenText:
            copy(first.start, first.end)
            if r.count > 2 {
                out.append(0x20)
                copy(words[r.lowerBound + 2].start, end)
            }
        case .tax:
            let rate = words[r.upperBound - 1]
            if r.count > 2 {
                copy(first.start, words[r.upperBound - 2].end)
                out.append(0x20)
            }
            copy(rate.start, rate.end)
        case .instalment:
            spaces(amountWidth - width(first))
            copy(first.start, first.end)
            if r.count > 2 {
                out.append(0x20)
                joinWords(r.lowerBound + 2..<r.upperBound)
            }
        case .item:
            guard let p = itemParts(r) else {
                copy(first.start, end)
                return
            }
            copy(first.start, p.descriptionEnd)
            spaces(descWidth - LedgerFormatter.width(b, first.start, p.descriptionEnd) + LedgerFormatter.descriptionGap)
            if quantityWidth >= 0 {
                if let q = p.quantity, let t = p.times {
                    spaces(quantityWidth - width(words[q]))
                    copy(words[q].start, words[q].end)
                    out.append(0x20)
                    copy(words[t].start, words[t].end)
                    out.append(0x20)
                } else {
                    spaces(quantityWidth + 3)
                }
            }
            let price = words[p.price]
            spaces(priceWidth - width(price))
            copy(price.start, price.end)
            if let c = p.currency {
                out.append(0x20)
                copy(words[c].start, words[c].end)
            }
        }
    }

    mutating func joinWords(_ r: Range<Int>) {
        for i in r {
            if i > r.lowerBound { out.append(0x20) }
            copy(words[i].start, words[i].end)
        }
    }
}
