/// What a line is in the ledger's grammar, as far as its shape tells.
public enum LineRole: UInt8, Sendable {
    case blank, comment, header, detail
    /// A plan's `DATE AMOUNT [CURRENCY]` line.
    case instalment
}

/// The parts of an `item` line: `item DESCRIPTION [QUANTITY x] PRICE [CURRENCY]`.
///
/// Only the shape is read here (which word is the price, which the quantity); whether the words
/// are numbers is for the parser to say.
public struct ItemSyntax: Sendable {
    /// From the first word after `item` to the end of the last word of the description; nil
    /// when the line has no words left for one.
    public var description: Range<Int>?
    public var quantity: Word?
    /// The joining `x`, `X`, `*`, `×` or `@`. Present without a quantity when nothing stands
    /// before it (`item x 40`).
    public var times: Word?
    public var price: Word
    /// A three-letter word after the price.
    public var currency: Word?

    /// An item the printer can lay out in columns (what a valid ledger holds).
    public var isComplete: Bool { description != nil && (times == nil) == (quantity == nil) }
}

/// Reads a ledger line by line and says what each line is: its role, the keyword it starts
/// with, the kind of entry it opens or belongs to, and an item's parts. It is the one reader of
/// the grammar's shapes: `LedgerParser` takes its lines one at a time (nothing is kept, so a
/// large file streams), and `SyntaxTree` keeps them all for the printer and the editor.
public struct SyntaxBuilder {
    var scanner: LineScanner

    /// The current line's offsets.
    public private(set) var line = ScannedLine(kind: .blank, start: 0, end: 0, contentStart: 0, contentEnd: 0, commentStart: nil, commentEnd: 0, number: 0)
    public private(set) var role = LineRole.blank
    /// A header's first word is a date.
    public private(set) var dated = false
    /// The kind of the entry the current line opens (a header) or belongs to; nil before the
    /// first header and under a header whose kind is not known.
    public private(set) var entry: EntryKind?
    /// The keyword a detail starts with; for a header, the word that names its kind.
    public private(set) var keyword: Keyword?
    /// The parts of an invoice's `item` line.
    public private(set) var item: ItemSyntax?

    public init(bytes: SourceBytes, from: Int, to: Int) {
        scanner = LineScanner(bytes: bytes, from: from, to: to)
    }

    /// Where the next line starts.
    public var position: Int { scanner.position }

    /// See `LineScanner.checkingText`.
    mutating func checkingText() { scanner.checkingText() }
    var textFindings: UTF8Check.Findings? { scanner.text?.findings }

    /// Moves to the next line, splitting a header's or detail's content into `words`; false at
    /// the end. `b` must be the scanner's bytes.
    @inline(__always)
    mutating func next(_ b: UnsafeBufferPointer<UInt8>, words: inout Words) -> Bool {
        guard scanner.next(b, words: &words, into: &line) else { return false }
        keyword = nil
        item = nil
        switch line.kind {
        case .blank: role = .blank
        case .comment: role = .comment
        case .header:
            role = .header
            let first = words[0]
            let c = b[first.start]
            dated = c >= 0x30 && c <= 0x39
            if dated {
                keyword = words.count > 1 ? Keyword.match(b, words[1].start, words[1].end) : nil
            } else {
                keyword = Keyword.match(b, first.start, first.end)
            }
            entry = keyword.flatMap { EntryKind($0, dated: dated) }
        case .detail:
            let first = words[0]
            if entry == .plan, b[first.start] >= 0x30 && b[first.start] <= 0x39 {
                role = .instalment
                return true
            }
            role = .detail
            keyword = Keyword.match(b, first.start, first.end)
            if keyword == .item && entry == .invoice && words.count > 1 {
                item = SyntaxBuilder.item(b, words)
            }
        }
        return true
    }

    @inline(__always) static func isTimes(_ b: UnsafeBufferPointer<UInt8>, _ w: Word) -> Bool {
        let n = w.end - w.start
        if n == 1 { return b[w.start] == 0x78 || b[w.start] == 0x58 || b[w.start] == 0x2A || b[w.start] == 0x40 }
        // ×, U+00D7
        return n == 2 && b[w.start] == 0xC3 && b[w.start + 1] == 0x97
    }

    /// Three ASCII letters: where a currency code stands, whether or not it is one.
    @inline(__always) static func looksLikeCurrency(_ b: UnsafeBufferPointer<UInt8>, _ w: Word) -> Bool {
        guard w.end - w.start == 3 else { return false }
        for k in w.start..<w.end where !(b[k] >= 0x41 && b[k] <= 0x5A) && !(b[k] >= 0x61 && b[k] <= 0x7A) { return false }
        return true
    }

    /// Splits an item line from its end: an optional currency, the price, then `QUANTITY x`
    /// if the word before the price joins them; the rest is the description.
    static func item(_ b: UnsafeBufferPointer<UInt8>, _ words: Words) -> ItemSyntax {
        var last = words.count - 1
        var currency: Word?
        if last >= 2, looksLikeCurrency(b, words[last]) {
            currency = words[last]
            last -= 1
        }
        var descriptionEnd = last
        var quantity: Word?
        var times: Word?
        if last >= 3, isTimes(b, words[last - 1]) {
            quantity = words[last - 2]
            times = words[last - 1]
            descriptionEnd = last - 2
        } else if last >= 2, isTimes(b, words[last - 1]) {
            times = words[last - 1]
        }
        let description = descriptionEnd >= 2 && (quantity != nil || times == nil) ? words[1].start..<words[descriptionEnd - 1].end : nil
        return ItemSyntax(description: description, quantity: quantity, times: times, price: words[last], currency: currency)
    }
}
