// `due check` reads no item once the totals are made, so a million invoices' items (some 60 MB)
// need not be held at all: each invoice's are added up as they are read, and the resolver makes
// the total from that sum. The sum is kept exact, at the most decimals any product needs, so
// that when the invoice's currency has at least that many no product needs rounding and the
// sum is the total of the priced items. Products to round (hours at a rate with pence) are
// common, so beside it each product rounded to hundredths is added up too, the total in a
// currency of two decimals. Anything else (a product to round in another currency, an item in
// another currency, a figure past 64 bits or past what a ledger holds) is rare, and is met by
// reading that invoice's items again from the file and pricing them one by one, as when they
// are kept.

/// What an invoice's items add up to, folded as they are read (`Ledger.itemsTallied`).
struct ItemTally: Sendable, Hashable {
    /// The sum of every quantity × unit price, exactly, in units of 10^-`scale`.
    private(set) var sum: Int64 = 0
    /// The most decimals any product needs (trailing zeros dropped).
    private(set) var scale: Int8 = 0
    /// The one currency the items wrote; nil when they wrote none, or several (`Marks`).
    private(set) var currency: Currency?
    private(set) var marks: Marks = []
    /// Every product rounded half away from zero to hundredths, added up: the subtotal in a
    /// currency of two decimals when products need rounding (hours billed at a rate with
    /// pence, 0.25 x 85.55), which the exact sum cannot give. Not kept past 32 bits (`Marks`).
    private(set) var cents: Int32 = 0

    struct Marks: OptionSet, Sendable, Hashable {
        let rawValue: UInt8
        /// The invoice has an item.
        static let items = Marks(rawValue: 1)
        /// Its items wrote more than one currency.
        static let severalCurrencies = Marks(rawValue: 2)
        /// A product, or the sum, does not fit 64 bits.
        static let tooWide = Marks(rawValue: 4)
        /// The products rounded to hundredths add up past 32 bits: `cents` is not kept.
        static let centsTooWide = Marks(rawValue: 8)
        /// A product needed more than two decimals: `cents` holds the items rounded.
        static let countsCents = Marks(rawValue: 16)
        /// A unit price reads as thousands written with a dot (`LineItem.looksGrouped`): the
        /// items are read again, so the resolver can say which.
        static let priceLooksGrouped = Marks(rawValue: 32)
    }

    init() {}

    /// The tally as packed into an invoice's places (`Invoice.itemTally`).
    init(sum: Int64, scale: Int8, currency: Currency?, marks: Marks, cents: Int32) {
        self.sum = sum
        self.scale = scale
        self.currency = currency
        self.marks = marks
        self.cents = cents
    }

    var hasItems: Bool { marks.contains(.items) }

    /// Adds an item of `quantity` × `unitPrice` (neither negative: the parser refuses a
    /// negative one) written in `currency`.
    mutating func add(_ quantity: DecimalValue, _ unitPrice: DecimalValue, currency written: Currency?) {
        marks.insert(.items)
        if LineItem.looksGrouped(unitPrice) { marks.insert(.priceLooksGrouped) }
        if let w = written, !marks.contains(.severalCurrencies) {
            if let c = currency, c != w {
                marks.insert(.severalCurrencies)
                currency = nil
            } else {
                currency = w
            }
        }
        let (sumBefore, scaleBefore) = (sum, scale)
        if !marks.contains(.tooWide) && !fold(Int128(quantity.digits) * Int128(unitPrice.digits), scale: quantity.scale + unitPrice.scale) {
            marks.insert(.tooWide)
        }
        // Counted from the first product with more than two decimals: until then the exact sum
        // holds the hundredths, and most invoices never meet one.
        guard scale > 2, !marks.contains(.centsTooWide), !marks.contains(.tooWide) else { return }
        var start = cents
        if !marks.contains(.countsCents) {
            marks.insert(.countsCents)
            guard let exact = ItemProduct.scaled(sumBefore, by: 2 - Int(scaleBefore)).flatMap({ Int32(exactly: $0) }) else {
                marks.insert(.centsTooWide)
                return
            }
            start = exact
        }
        // As the item is priced in a currency of two decimals (`LineItem.amount(in:)`).
        let rounded = ItemProduct(quantity, unitPrice).minor(precision: 2).flatMap { Int32(exactly: $0) }
        let (added, overflow) = start.addingReportingOverflow(rounded ?? 0)
        if rounded == nil || overflow { marks.insert(.centsTooWide) } else { cents = added }
    }

    /// Adds `digits × 10^-scale` to the sum; false when a figure does not fit 64 bits.
    private mutating func fold(_ product: Int128, scale s: Int) -> Bool {
        guard var digits = Int64(exactly: product) else { return false }
        var s = s
        while s > 0 && digits % 10 == 0 {
            digits /= 10
            s -= 1
        }
        if s > Int(scale) {
            guard let wider = ItemProduct.scaled(sum, by: s - Int(scale)) else { return false }
            sum = wider
            scale = Int8(s)
        } else {
            guard let wider = ItemProduct.scaled(digits, by: Int(scale) - s) else { return false }
            digits = wider
        }
        let (added, overflow) = sum.addingReportingOverflow(digits)
        if overflow { return false }
        sum = added
        return true
    }

    /// The items' subtotal in minor units of `invoiceCurrency`: what pricing each item in it
    /// (`LineItem.amount(in:)`) and adding them up gives, when that can be told from the sum
    /// alone, with nothing for the resolver to record about any item. Nil when the items must
    /// be read again to tell it: a product has more decimals than a currency of other than
    /// two decimals (in one of two, each product rounded as read gives it), an item wrote
    /// another known currency than the invoice's, a figure did not fit, or the subtotal passes
    /// `LedgerResolver.maxMinor` (every product is at most the sum, so below that none does).
    func subtotal(in invoiceCurrency: Currency) -> Int64? {
        if invoiceCurrency.isKnown {
            if marks.contains(.severalCurrencies) { return nil }
            if let c = currency, c != invoiceCurrency { return nil }
        }
        let precision = invoiceCurrency.precision
        guard !marks.contains(.tooWide), !(marks.contains(.priceLooksGrouped) && precision < 3) else { return nil }
        if Int(scale) > precision {
            // Products to round: each was rounded to hundredths as it was read.
            return precision == 2 && marks.contains(.countsCents) && !marks.contains(.centsTooWide) ? Int64(cents) : nil
        }
        guard let minor = ItemProduct.scaled(sum, by: precision - Int(scale)), minor <= LedgerResolver.maxMinor else { return nil }
        return minor
    }
}

extension [SourceFile] {
    /// The items of the invoice at `anchor`, read again from its file by the parser exactly as
    /// it read them the first time; none when the file is not held.
    func items(ofInvoiceAt anchor: EntryAnchor) -> [LineItem] {
        invoice(at: anchor, keepingReadableFigures: false)?.items ?? []
    }

    /// The invoice at `anchor`, left out for an `item`, `total` or `tax` that cannot be read,
    /// with those of its figures that can be: nil when its header cannot be read either.
    func readableFigures(ofInvoiceAt anchor: EntryAnchor) -> (invoice: Invoice, items: [LineItem])? {
        invoice(at: anchor, keepingReadableFigures: true)
    }

    private func invoice(at anchor: EntryAnchor, keepingReadableFigures: Bool) -> (invoice: Invoice, items: [LineItem])? {
        guard anchor.file >= 0, Int(anchor.file) < count else { return nil }
        let file = self[Int(anchor.file)]
        // The entry ends where the next header starts.
        var scanner = LineScanner(bytes: file.bytes, from: Int(anchor.offset), to: file.bytes.count)
        _ = scanner.next()
        var end = file.bytes.count
        while let l = scanner.next() {
            if l.kind == .header {
                end = l.start
                break
            }
        }
        var parser = LedgerParser(file: file, order: 0, from: Int(anchor.offset), to: end)
        parser.keepsReadableFigures = keepingReadableFigures
        var ledger = Ledger()
        var diagnostics: [Diagnostic] = []
        _ = parser.next(into: &ledger, diagnostics: &diagnostics)
        guard let invoice = ledger.invoices.first else { return nil }
        return (invoice, [LineItem](ledger.items(of: invoice)))
    }
}
