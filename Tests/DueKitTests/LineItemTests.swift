import Testing
@testable import DueKit

/// An item keeps quantity × price multiplied out and its line, nothing more: its amount must be
/// what rounding the two factors' product once gives, its description what the line says, and
/// a reading without positions must still tell items written differently apart.
@Suite struct LineItemTests {
    static let quantities: [DecimalValue] = [
        .zero, DecimalValue(digits: 1, scale: 0), DecimalValue(digits: 3, scale: 0), DecimalValue(digits: 15, scale: 1),
        DecimalValue(digits: 12_345, scale: 4), DecimalValue(digits: 5, scale: 3), DecimalValue(digits: 999_999_999_999_999_999, scale: 0),
        DecimalValue(digits: 999_999_999_999_999_999, scale: 4), DecimalValue(digits: 1_000_000, scale: 0),
    ]
    static let prices: [DecimalValue] = [
        .zero, DecimalValue(digits: 2_500, scale: 2), DecimalValue(digits: -1_999, scale: 2), DecimalValue(digits: 5, scale: 3),
        DecimalValue(digits: 125, scale: 3), DecimalValue(digits: -125, scale: 3), DecimalValue(digits: 7, scale: 0),
        DecimalValue(digits: 123_456_789_012_345_678, scale: 18), DecimalValue(digits: 999_999_999_999_999_999, scale: 2),
        DecimalValue(digits: 1_000_000_000_000, scale: 0), DecimalValue(digits: 1, scale: 1),
    ]
    static let currencies = [Currency("GBP"), Currency("JPY"), Currency("KWD")]

    /// The rule the amount keeps: the exact product, rounded once half away from zero, when it
    /// is within what a ledger holds.
    static func expected(_ q: DecimalValue, _ p: DecimalValue, _ c: Currency) -> Int64? {
        let digits = Int128(q.digits) * Int128(p.digits)
        let scale = q.scale + p.scale
        let m = scale >= c.precision
            ? MoneyFormat.divideRounded(digits, MoneyFormat.pow10(scale - c.precision))
            : digits * MoneyFormat.pow10(c.precision - scale)
        return m.magnitude <= UInt128(LedgerResolver.maxMinor) ? Int64(m) : nil
    }

    @Test func theAmountIsTheProductRoundedOnce() {
        for q in Self.quantities {
            for p in Self.prices {
                for c in Self.currencies {
                    let item = LineItem(quantity: q, unitPrice: p, currency: nil, line: LineAnchor(offset: 0))
                    #expect(item.amount(in: c) == Self.expected(q, p, c), "\(q) × \(p) in \(c)")
                }
            }
        }
        // Half a minor unit rounds away from zero, either way.
        let half = LineItem(quantity: DecimalValue(digits: 1, scale: 0), unitPrice: DecimalValue(digits: 5, scale: 3), currency: nil, line: LineAnchor(offset: 0))
        #expect(half.amount(in: Currency("GBP")) == 1)
        let minusHalf = LineItem(quantity: DecimalValue(digits: 1, scale: 0), unitPrice: DecimalValue(digits: -5, scale: 3), currency: nil, line: LineAnchor(offset: 0))
        #expect(minusHalf.amount(in: Currency("GBP")) == -1)
        // Past 64 bits before rounding, a small amount after it.
        let fine = LineItem(quantity: DecimalValue(digits: 12_345, scale: 4), unitPrice: DecimalValue(digits: 123_456_789_012_345_678, scale: 18), currency: nil, line: LineAnchor(offset: 0))
        #expect(fine.product.isWide && fine.amount(in: Currency("GBP")) == 15 && fine.amount(in: Currency("KWD")) == 152)
        // Past 128 bits once given the currency's decimals: far too large, not a crash.
        let huge = LineItem(quantity: DecimalValue(digits: 999_999_999_999_999_999, scale: 0), unitPrice: DecimalValue(digits: 999_999_999_999_999_999, scale: 0), currency: nil, line: LineAnchor(offset: 0))
        #expect(huge.amount(in: Currency("KWD")) == nil)
    }

    /// One product, one form: equal products give equal items, whichever factors made them.
    @Test func equalProductsAreHeldAlike() {
        for (q, p) in Self.quantities.flatMap({ q in Self.prices.map { (q, $0) } }) {
            let a = LineItem(quantity: q, unitPrice: p, currency: Currency("GBP"), line: LineAnchor(offset: 9))
            let product = Int128(q.digits) * Int128(p.digits)
            #expect(a.product.isWide == (Int64(exactly: product) == nil))
            let b = LineItem(quantity: DecimalValue(digits: 1, scale: 0), unitPrice: DecimalValue(digits: 1, scale: 0), currency: Currency("GBP"), line: LineAnchor(offset: 9))
            #expect((a == b) == (product == 1 && q.scale + p.scale == 0))
            var c = a
            c.currency = nil
            #expect(a != c)
        }
        func item(_ q: Int64, _ qs: Int, _ p: Int64, _ ps: Int) -> LineItem {
            LineItem(quantity: DecimalValue(digits: q, scale: qs), unitPrice: DecimalValue(digits: p, scale: ps), currency: nil, line: LineAnchor(offset: 3))
        }
        #expect(item(2, 0, 1_000, 2) == item(1, 0, 2_000, 2) && item(2, 0, 1_000, 2).hashValue == item(1, 0, 2_000, 2).hashValue)
        #expect(item(2, 0, 1_000, 2) != item(2, 0, 100, 1))
        let wide = item(999_999_999_999_999_999, 0, 20, 0), same = item(1_999_999_999_999_999_998, 0, 10, 0)
        #expect(wide.product.isWide && wide == same && wide.hashValue == same.hashValue && wide != item(999_999_999_999_999_999, 0, 21, 0))
        #expect(MemoryLayout<LineItem>.stride <= 24)
    }

    /// Two 18-digit factors in a currency with three decimals pass 128 bits before rounding:
    /// the item is reported as too large (this once stopped `due` with an overflow).
    @Test func anItemPast128BitsIsReportedAsTooLarge() {
        let r = load("settings\n  currency KWD\nclient a\n2026-01-02 invoice a 1\n  item Big 999999999999999999 x 999999999999999999\n")
        #expect(r.diagnostics.isEmpty && r.ledger.facts.count == 1)
        guard case .itemTooLarge(let range) = r.ledger.facts.first else {
            Issue.record("\(r.ledger.facts)")
            return
        }
        #expect(range.start == 58)  // the item line's content
        #expect(r.ledger.invoices[0].total == 0)
    }

    @Test func theDescriptionIsReadAgainFromItsLine() {
        let text = """
            settings
              currency GBP
            client a
            2026-01-02 invoice a 1
              item Design  work, phase 2   3 x 10.00  ; agreed on the phone
              item Café	visit 40.00 GBP
              item x 3 x 1
            2026-01-03 invoice a 2
              ref PO 7
              total 5.00
            2026-01-04 invoice a 3
              for Spring campaign
              item Hours 1 x 5.00

            """
        let r = load(text)
        let l = r.ledger
        let first = l.invoices[0]
        #expect(l.items(of: first).map { l.description(of: $0, in: first) } == ["Design  work, phase 2", "Café\tvisit", "x"])
        #expect(l.summary(of: first) == "Design  work, phase 2")
        #expect(l.summary(of: l.invoices[1]) == "PO 7")
        #expect(l.summary(of: l.invoices[2]) == "Spring campaign")
        #expect(first.total == 3_000 + 4_000 + 300)
    }

    /// `@` joins quantity and price as `x` does; a number ending a description without one
    /// stays in the description, one unit.
    @Test func anAtSignJoinsQuantityAndPrice() {
        let r = load("settings\n  currency GBP\nclient a\n2026-01-02 invoice a 1\n  item Banners 2 @ 50.00\n  item Phase 2 500.00\n")
        let l = r.ledger, inv = l.invoices[0]
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        #expect(l.items(of: inv).map { l.description(of: $0, in: inv) } == ["Banners", "Phase 2"])
        #expect(inv.total == 10_000 + 50_000)
    }

    /// A reading without positions (how `due fmt` proves its work) cannot read lines again, so
    /// it keeps each item's words: two texts whose items differ only in their words differ.
    @Test func aReadingWithoutPositionsTellsItemsApartByTheirWords() {
        func meaning(_ item: String) -> Ledger {
            var d: [Diagnostic] = []
            let text = "settings\n  currency GBP\nclient a\n2026-01-02 invoice a 1\n  item \(item)\n  item Other 1.00\n"
            let l = FormatVerifier.meaning(of: SourceFile(id: 0, path: "t.due", bytes: Array(text.utf8)), diagnostics: &d)
            #expect(d.isEmpty && l.items.count >= 2 && l.setAside.texts(.item).count == l.items.count && l.setAside.itemFigures.count == l.items.count)
            return l
        }
        let base = meaning("Work 2 x 10.00")
        #expect(FormatVerifier.modelDifference(base, meaning("Work   2   x   10.00")) == nil)
        // The same amount from other figures: the item holds only the amount.
        #expect(FormatVerifier.modelDifference(base, meaning("Work 1 x 20.00")) == "`item` values")
        #expect(FormatVerifier.modelDifference(base, meaning("Play 2 x 10.00")) == "`item` values")
        #expect(FormatVerifier.modelDifference(base, meaning("Work 2 x 10.00\n  item Third 1.00")) == "invoices")
        #expect(FormatVerifier.modelDifference(base, meaning("Work 2 x 10.00 EUR")) == "invoices")
        #expect(base.setAside.texts(.item) == ["Work", "Other"])
        #expect(base.setAside.itemFigures[0] == (DecimalValue(digits: 2, scale: 0), DecimalValue(digits: 1_000, scale: 2)))
        // A reading with positions keeps none.
        #expect(load("client a\n2026-01-02 invoice a 1\n  item Work 2 x 10.00\n").ledger.setAside.isEmpty)
    }
}
