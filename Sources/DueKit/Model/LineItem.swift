// A large ledger holds millions of items, so an item keeps only what the resolver needs to
// price it: quantity × unit price, multiplied out exactly, the currency written, and where its
// line starts. Its description, which only a letter or report about the invoice reads (and
// then only the first item's), is read again from that line (`Ledger.description(of:in:)`).
// An item takes 24 bytes (56 with the description and both factors).

/// One `item` line of an invoice.
public struct LineItem: Sendable, Hashable {
    /// quantity × unit price, exactly.
    let product: ItemProduct
    /// The currency written after the price; nil when none is.
    public var currency: Currency?
    /// The unit price reads as thousands written with a dot (`LineItem.looksGrouped`). Beside
    /// the currency's tag, in room the item has anyway: it stays 24 bytes.
    public var priceLooksGrouped: Bool
    public var line: LineAnchor

    public init(quantity: DecimalValue, unitPrice: DecimalValue, currency: Currency?, line: LineAnchor) {
        product = ItemProduct(quantity, unitPrice)
        self.currency = currency
        self.line = line
        priceLooksGrouped = Self.looksGrouped(unitPrice)
    }

    /// A unit price may carry more decimals than its currency (`0.125`), so `1.500` is no
    /// error; but three decimals ending in a zero after one to three digits are as likely a
    /// thousand written the continental way (1.500 for 1,500) as a price of 1.50, and the
    /// invoice would come to a thousandth of what was meant. The resolver warns of it in a
    /// currency of fewer than three decimals (W313).
    static func looksGrouped(_ price: DecimalValue) -> Bool {
        price.readsAsThousands && price.digits % 10 == 0
    }

    /// quantity × unit price in minor units of `currency`, rounded once (half away from zero);
    /// nil when that is more than a ledger can hold (`LedgerResolver.maxMinor`).
    public func amount(in currency: Currency) -> Int64? {
        guard let m = product.minor(precision: currency.precision), m.magnitude <= UInt128(LedgerResolver.maxMinor) else { return nil }
        return Int64(m)
    }
}

/// A quantity times a price, exactly: `digits × 10^-scale`. Each factor has at most 18 digits,
/// so the product has at most 36: nearly always it fits 64 bits and is held in place; the
/// rest are held on the heap, so that the others stay small. One product has one form.
enum ItemProduct: Sendable, Hashable {
    case narrow(digits: Int64, scale: Int8)
    indirect case wide(digits: Int128, scale: Int8)

    init(_ quantity: DecimalValue, _ unitPrice: DecimalValue) {
        let digits = Int128(quantity.digits) * Int128(unitPrice.digits)
        // A quantity has at most 4 decimals and a price at most 18.
        let scale = Int8(clamping: quantity.scale + unitPrice.scale)
        if let narrow = Int64(exactly: digits) {
            self = .narrow(digits: narrow, scale: scale)
        } else {
            self = .wide(digits: digits, scale: scale)
        }
    }

    var isWide: Bool {
        if case .wide = self { return true }
        return false
    }

    /// The product in minor units of a currency with `precision` decimals, rounded once; nil
    /// when it is past 128 bits, far more than any amount a ledger holds.
    func minor(precision: Int) -> Int128? {
        let digits: Int128, scale: Int
        switch self {
        case .narrow(let d, let s):
            // The common item, a price in the currency's decimals: no rounding, and no 128-bit
            // arithmetic unless the amount passes 64 bits.
            if Int(s) <= precision, let exact = Self.scaled(d, by: precision - Int(s)) { return Int128(exact) }
            (digits, scale) = (Int128(d), Int(s))
        case .wide(let d, let s):
            (digits, scale) = (d, Int(s))
        }
        if scale >= precision { return MoneyFormat.divideRounded(digits, MoneyFormat.pow10(scale - precision)) }
        let (m, overflow) = digits.multipliedReportingOverflow(by: MoneyFormat.pow10(precision - scale))
        return overflow ? nil : m
    }

    /// `d × 10^n`, or nil past 64 bits (also how `ItemTally` brings its sum to a scale).
    static func scaled(_ d: Int64, by n: Int) -> Int64? {
        var d = d
        for _ in 0..<n {
            let (r, o) = d.multipliedReportingOverflow(by: 10)
            if o { return nil }
            d = r
        }
        return d
    }

    /// What one wide product takes on the heap: the box's header and the value.
    static var wideBytes: Int { 16 + MemoryLayout<(Int128, Int8)>.stride }
}

extension Ledger {
    /// The item's description, read again from its line in the file of `invoice`, whose item
    /// it is. Nil when that file is no longer held (an editor's copy let go of).
    public func description(of item: LineItem, in invoice: Invoice) -> String? {
        files.itemDescription(item.line, of: invoice.anchor)
    }
}

extension [SourceFile] {
    /// Lets go of every page of the mapped files that reading descriptions brought back into
    /// memory (see `SourceBytes.release`); a page read again comes back from the page cache.
    /// Another thread may be reading them meanwhile: the mapping is read-only, so a page holds
    /// nothing but the file's bytes, and that thread reads the same bytes again.
    func releasePages() {
        for f in self { f.bytes.release(0..<f.bytes.count) }
    }

    /// The description of the item line at `line` in the file of `anchor`, split as the parser
    /// splits it (`SyntaxBuilder.item`).
    func itemDescription(_ line: LineAnchor, of anchor: EntryAnchor) -> String? {
        var words = Words()
        return itemDescription(line, of: anchor, words: &words)
    }

    /// The same, splitting the line into `words`, a buffer the caller reuses.
    func itemDescription(_ line: LineAnchor, of anchor: EntryAnchor, words: inout Words) -> String? {
        withItemDescription(line, of: anchor, words: &words) { String(decoding: $0, as: UTF8.self) }
    }

    /// The same description handed to `body` as the file's bytes, read in place: a letter's
    /// table of a client's hundred invoices makes no text of each.
    func withItemDescription<R>(_ line: LineAnchor, of anchor: EntryAnchor, words: inout Words, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        reading(line, of: anchor, words: &words) { b, _, words in
            guard words.count > 1, let d = SyntaxBuilder.item(b, words).description else { return nil }
            return body(UnsafeBufferPointer(rebasing: b[d]))
        }
    }

    /// The text after the keyword of the detail line at `line`, in the file of `anchor`, as
    /// the parser reads it: from the line's second word to the end of its content.
    func detailText(_ line: LineAnchor, of anchor: EntryAnchor) -> String? {
        var words = Words()
        return withDetailText(line, of: anchor, words: &words) { String(decoding: $0, as: UTF8.self) }
    }

    /// The same text handed to `body` as the file's bytes, read in place, splitting the line
    /// into `words`, a buffer the caller reuses: a rule reading every note's `said` line makes
    /// no text of each.
    func withDetailText<R>(_ line: LineAnchor, of anchor: EntryAnchor, words: inout Words, _ body: (UnsafeBufferPointer<UInt8>) -> R?) -> R? {
        reading(line, of: anchor, words: &words) { b, l, words in
            words.count > 1 ? body(UnsafeBufferPointer(rebasing: b[words[1].start..<l.contentEnd])) : nil
        }
    }

    /// Reads the line at `line` in the file of `anchor` again, split into `words` as the
    /// parser splits it; nil when the file or the line is not there.
    @inline(__always) private func reading<R>(
        _ line: LineAnchor, of anchor: EntryAnchor, words: inout Words, _ read: (UnsafeBufferPointer<UInt8>, ScannedLine, Words) -> R?
    ) -> R? {
        guard anchor.file >= 0, Int(anchor.file) < count else { return nil }
        let bytes = self[Int(anchor.file)].bytes
        guard Int(line.offset) < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { b -> R? in
            var scanner = LineScanner(bytes: bytes, from: Int(line.offset), to: bytes.count)
            guard let l = scanner.next(b, words: &words) else { return nil }
            return read(b, l, words)
        }
    }
}
