import Testing
@testable import DueKit

/// The invoice, payment, terms, tax and currency keep their fields packed (flags beside values,
/// rare details boxed apart, written and resolved terms in one place). Each field must read back
/// what was put in, whatever else was set, and two entries must be equal, and hash alike, exactly
/// when all their fields are.
@Suite struct PackedEntityTests {
    static let decimals: [DecimalValue?] = [
        nil, .zero, DecimalValue(digits: 1, scale: 0), DecimalValue(digits: -1, scale: 2), DecimalValue(digits: 20, scale: 0),
        DecimalValue(digits: Int64.max, scale: 18), DecimalValue(digits: Int64.min, scale: 0), DecimalValue(digits: 999_999_999_999_999_999, scale: 3),
    ]
    static let days: [Day?] = [nil, Day(ordinal: 0), Day(ordinal: -1), Day(ordinal: Int32.min), Day(ordinal: Int32.max), Day(year: 1, month: 1, day: 1), .last]
    static let currencies: [Currency?] = [nil, Currency("GBP"), Currency("JPY"), Currency("KWD"), Currency("XXX"), .unknown]
    static let texts: [String?] = [nil, "", "PO 29592", "a note longer than fifteen bytes, kept on the heap", "é"]
    static let terms: [Terms?] = [
        nil, .net30, Terms(netDays: 0), Terms(netDays: Terms.maxDays, base: .endOfMonth),
        Terms(netDays: 30, discountPercent: DecimalValue(digits: 2, scale: 0), discountDays: 10),
        Terms(netDays: 45, discountPercent: DecimalValue(digits: 15, scale: 1), discountDays: 0),
        Terms(netDays: 30, discountPercent: nil, discountDays: Terms.maxDays),
        Terms(netDays: 0, base: .endOfMonth, discountPercent: DecimalValue(digits: 100_000_000_000_000_000, scale: 17), discountDays: 7),
    ]

    @Test func currencyKeepsItsCodeDecimalsAndOrder() {
        let all = Self.currencies.compactMap { $0 } + [Currency("EUR"), Currency("BHD"), Currency("AAA"), Currency("ZZZ")]
        for c in all {
            #expect(Currency(c.code).precision == (c.isKnown ? c.precision : 2))
            #expect(c.precision == Currency.precision(packed: c.packed))
            for d in all {
                let same = c.code == d.code && c.isKnown == d.isKnown
                #expect((c == d) == same, "\(c) \(d)")
                if same { #expect(c.hashValue == d.hashValue) }
                #expect((c < d) == ((c.code, c.isKnown ? 0 : 1) < (d.code, d.isKnown ? 0 : 1)), "\(c) < \(d)")
            }
        }
        #expect(Currency("JPY").precision == 0 && Currency("KWD").precision == 3 && Currency("GBP").precision == 2)
        #expect(Currency.unknown.code == "XXX" && !Currency.unknown.isKnown && Currency("XXX").isKnown)
        #expect(MemoryLayout<Currency>.size == 4)
    }

    @Test func termsKeepEveryDayCountTheyCanBeWrittenWith() {
        for net in [0, 1, 30, Terms.maxDays, -1] {
            for window in [nil, 0, 10, Terms.maxDays] as [Int?] {
                for base in [Terms.Base.issue, .endOfMonth] {
                    for p in Self.decimals {
                        let t = Terms(netDays: net, base: base, discountPercent: p, discountDays: window)
                        #expect(t.netDays == net && t.discountDays == window && t.base == base && t.discountPercent == p)
                        var u = Terms.net30
                        u.netDays = net
                        u.discountDays = window
                        u.base = base
                        u.discountPercent = p
                        #expect(u == t && u.hashValue == t.hashValue)
                    }
                }
            }
        }
        // A negative window is none, as it always was.
        #expect(Terms(netDays: 30, discountDays: -3).discountDays == nil)
        #expect(Terms(netDays: 30) != Terms(netDays: 31) && Terms(netDays: 30) != Terms(netDays: 30, base: .endOfMonth))
        #expect(Terms(netDays: 30, discountDays: 0) != Terms(netDays: 30))
    }

    @Test func taxKeepsItsRate() {
        for rate in Self.decimals.compactMap({ $0 }) {
            let t = Tax(rate: rate)
            #expect(t.rate == rate)
            var u = Tax(rate: .zero)
            u.rate = rate
            #expect(u == t && u.hashValue == t.hashValue)
        }
        #expect(Tax(rate: .zero) != Tax(rate: DecimalValue(digits: 0, scale: 2)))
    }

    /// The invoice's fields as they were kept before they were packed: the meaning its equality
    /// must keep.
    struct InvoiceFields: Hashable {
        var number, client: String
        var total, subtotal, taxAmount: Int64
        var issued: Day
        var currency: Currency
        var isDuplicate: Bool
        var clientNumber: Int32?
        var resolvedDue: Day?
        var itemRange: Range<Int32>
        var order: Int
        var writesPurpose: Bool
        var tax: Tax?
        var terms, resolvedTerms: Terms?
        var writtenTotal, interest, compensation: DecimalValue?
        var explicitDue: Day?
        var writtenCurrency, writtenTotalCurrency: Currency?
        var anchor: EntryAnchor
        var statutoryCompensation: Bool

        init(_ i: Invoice) {
            (number, client, total, subtotal, taxAmount, issued, currency) = (i.number, i.client, i.total, i.subtotal, i.taxAmount, i.issued, i.currency)
            (isDuplicate, clientNumber, resolvedDue, itemRange, order, writesPurpose) = (i.isDuplicate, i.clientNumber, i.resolvedDue, i.itemRange, i.order, i.writesPurpose)
            (tax, terms, resolvedTerms, writtenTotal, interest, compensation) = (i.tax, i.terms, i.resolvedTerms, i.writtenTotal, i.interest, i.compensation)
            (explicitDue, writtenCurrency, writtenTotalCurrency, anchor, statutoryCompensation) = (i.explicitDue, i.writtenCurrency, i.writtenTotalCurrency, i.anchor, i.statutoryCompensation)
        }
    }

    static func invoice() -> Invoice {
        Invoice(number: "INV-0000001", client: "quinn0", issued: Day(year: 2026, month: 3, day: 31)!, anchor: EntryAnchor(file: 0, offset: 120), order: 5)
    }

    /// Every field set to each value it can hold, alone and after the others were set, reads
    /// back; setting it back to what it was gives an invoice equal to the first.
    @Test func everyInvoiceFieldReadsBackWhatWasSet() {
        func check<T: Equatable>(_ key: WritableKeyPath<Invoice, T>, _ field: WritableKeyPath<InvoiceFields, T>, _ values: [T], sourceLocation: SourceLocation = #_sourceLocation) {
            var busy = Self.invoice()
            busy.writesPurpose = true
            busy.interest = DecimalValue(digits: 8, scale: 0)
            busy.explicitDue = .last
            busy.terms = Self.terms[4]
            busy.resolvedTerms = Self.terms[2]
            busy.clientNumber = 3
            busy.writtenCurrency = Currency("EUR")
            busy.statutoryCompensation = true
            busy.subtotal = 500
            for start in [Self.invoice(), busy] {
                for v in values {
                    var i = start
                    let before = InvoiceFields(i)
                    i[keyPath: key] = v
                    #expect(i[keyPath: key] == v, sourceLocation: sourceLocation)
                    // That field changed and no other.
                    var expected = before
                    expected[keyPath: field] = v
                    expected.total = expected.subtotal + expected.taxAmount
                    // The due date follows the `due` line, else the terms that apply.
                    expected.resolvedDue = expected.resolvedTerms.map { expected.explicitDue ?? $0.dueDate(issued: expected.issued) }
                    #expect(InvoiceFields(i) == expected, sourceLocation: sourceLocation)
                    i[keyPath: key] = start[keyPath: key]
                    #expect(i == start && i.hashValue == start.hashValue, sourceLocation: sourceLocation)
                }
            }
        }
        check(\.writesPurpose, \.writesPurpose, [false, true])
        let widths = [Int64(Int32.max), Int64(Int32.max) + 1, Int64(Int32.min) - 1].map { DecimalValue(digits: $0, scale: 2) }
        // A rate is held in 16 bits up to 4095 and a scale of 15.
        let rates = [(4095, 0), (4096, 0), (825, 2), (-1, 0), (1, 15), (1, 16), (4095, 15), (20, 18)].map { DecimalValue(digits: Int64($0.0), scale: $0.1) }
        check(\.tax, \.tax, [nil] + (Self.decimals.compactMap { $0 } + widths + rates).map { Tax(rate: $0) })
        check(\.writtenTotal, \.writtenTotal, Self.decimals + widths)
        check(\.interest, \.interest, Self.decimals)
        check(\.compensation, \.compensation, Self.decimals)
        check(\.explicitDue, \.explicitDue, Self.days)
        check(\.writtenCurrency, \.writtenCurrency, Self.currencies)
        check(\.writtenTotalCurrency, \.writtenTotalCurrency, Self.currencies)
        check(\.currency, \.currency, Self.currencies.compactMap { $0 })
        check(\.statutoryCompensation, \.statutoryCompensation, [false, true])
        check(\.isDuplicate, \.isDuplicate, [false, true])
        check(\.clientNumber, \.clientNumber, [nil, 0, 1, Int32.max, Int32.min])
        check(\.order, \.order, [0, 1, Int(Int32.max), Int(Int32.min)])
        // Around the widths they are held in, in place and apart.
        check(\.itemRange, \.itemRange, [0..<0, 3..<7, Int32.min..<Int32.max, 5..<260, 5..<261, 5..<65_540, 5..<65_541, Int32.max - 1..<Int32.max])
        check(\.subtotal, \.subtotal, [0, -1, LedgerResolver.maxMinor])
        check(\.taxAmount, \.taxAmount, [0, -1, LedgerResolver.maxMinor, Int64(Int32.max), Int64(Int32.max) + 1, Int64(Int32.min), Int64(Int32.min) - 1])
        check(\.terms, \.terms, Self.terms)
        check(\.resolvedTerms, \.resolvedTerms, Self.terms)
    }

    /// Written and resolved terms share one place: every pair, set in either order, reads back,
    /// and two invoices with the same pair are equal however they came by it.
    @Test func writtenAndResolvedTermsAreKeptAsAPair() {
        var seen: [InvoiceFields: Invoice] = [:]
        for written in Self.terms {
            for resolved in Self.terms {
                var a = Self.invoice(), b = Self.invoice()
                a.terms = written
                a.resolvedTerms = resolved
                b.resolvedTerms = resolved
                b.terms = written
                #expect(a.terms == written && a.resolvedTerms == resolved)
                #expect(b.terms == written && b.resolvedTerms == resolved)
                #expect(a == b && a.hashValue == b.hashValue)
                // Through another pair and back.
                var c = a
                c.terms = Self.terms[3]
                c.resolvedTerms = nil
                c.terms = nil
                c.resolvedTerms = resolved
                c.terms = written
                #expect(c == a && c.hashValue == a.hashValue)
                seen[InvoiceFields(a)] = a
                if resolved != nil { #expect(a.effectiveTerms == resolved) }
            }
        }
        #expect(seen.count == Self.terms.count * Self.terms.count)
        let all = Array(seen.values)
        for x in all {
            for y in all { #expect((x == y) == (InvoiceFields(x) == InvoiceFields(y))) }
        }
    }

    /// Invoices that differ in any one field are not equal; those with the same fields are
    /// equal and hash alike, however the fields were set.
    @Test func invoicesAreEqualExactlyWhenTheirFieldsAre() {
        var variants: [Invoice] = [Self.invoice()]
        func vary<T>(_ key: WritableKeyPath<Invoice, T>, _ values: [T]) {
            for v in values {
                var i = Self.invoice()
                i[keyPath: key] = v
                variants.append(i)
            }
        }
        vary(\.writesPurpose, [true])
        vary(\.interest, Self.decimals)
        vary(\.compensation, Self.decimals)
        vary(\.writtenTotal, Self.decimals)
        vary(\.explicitDue, Self.days)
        vary(\.writtenCurrency, Self.currencies)
        vary(\.writtenTotalCurrency, Self.currencies)
        vary(\.statutoryCompensation, [true])
        vary(\.isDuplicate, [true])
        vary(\.clientNumber, [nil, 0, 7])
        vary(\.order, [0, 6])
        vary(\.terms, Self.terms)
        vary(\.resolvedTerms, Self.terms)
        vary(\.subtotal, [1])
        vary(\.taxAmount, [1, Int64(Int32.max) + 1, -(Int64(Int32.max) + 1)])
        vary(\.itemRange, [0..<1, 1..<1, 0..<256, 1..<257, 0..<65_536, 1..<65_537])
        vary(\.tax, [Int64(Int32.max) + 1, 1 - Int64(Int32.max), 20, 4096].map { Tax(rate: DecimalValue(digits: $0, scale: 0)) } + [Tax(rate: DecimalValue(digits: 20, scale: 16))])
        for x in variants {
            for y in variants {
                let same = InvoiceFields(x) == InvoiceFields(y)
                #expect((x == y) == same)
                if same { #expect(x.hashValue == y.hashValue) }
            }
        }
        var i = Self.invoice()
        i.subtotal = 1000
        i.taxAmount = 200
        #expect(i.total == 1200)
        // A tax too large for its place is held apart, and added up the same.
        i.taxAmount = LedgerResolver.maxMinor - 1000
        #expect(i.total == LedgerResolver.maxMinor)
    }

    struct PaymentFields: Hashable {
        var client: String
        var writesNumber: Bool
        var onAccount: Bool
        var allocationRange: Range<Int32>
        var order: Int
        var minor: Int64
        var amount: DecimalValue
        var date: Day
        var anchor: EntryAnchor
        var writtenCurrency: Currency?
        var isCredit: Bool
        var currency: Currency
        var clientNumber: Int32?

        init(_ p: Payment) {
            (client, writesNumber, onAccount, allocationRange, order) = (p.client, p.writesNumber, p.onAccount, p.allocationRange, p.order)
            (minor, amount, date, anchor, writtenCurrency, isCredit, currency, clientNumber) = (p.minor, p.amount, p.date, p.anchor, p.writtenCurrency, p.isCredit, p.currency, p.clientNumber)
        }
    }

    @Test func everyPaymentFieldReadsBackAndEqualityFollowsTheFields() {
        let start = Payment(date: Day(year: 2026, month: 1, day: 2)!, client: "hale2", amount: DecimalValue(digits: 396000, scale: 2), anchor: EntryAnchor(file: 0, offset: 9), order: 3)
        var variants = [start]
        func check<T: Equatable>(_ key: WritableKeyPath<Payment, T>, _ values: [T], sourceLocation: SourceLocation = #_sourceLocation) {
            for v in values {
                var p = start
                p[keyPath: key] = v
                #expect(p[keyPath: key] == v, sourceLocation: sourceLocation)
                variants.append(p)
                var q = p
                q.writesNumber.toggle()
                q.writesNumber = p.writesNumber
                #expect(q == p && q.hashValue == p.hashValue, sourceLocation: sourceLocation)
                q[keyPath: key] = start[keyPath: key]
                #expect(q == start && PaymentFields(q) == PaymentFields(start), sourceLocation: sourceLocation)
            }
        }
        check(\.amount, Self.decimals.compactMap { $0 })
        check(\.writesNumber, [true])
        check(\.onAccount, [true])
        check(\.writtenCurrency, Self.currencies)
        check(\.currency, Self.currencies.compactMap { $0 })
        check(\.clientNumber, [nil, 0, Int32.max, Int32.min])
        check(\.order, [0, Int(Int32.max)])
        check(\.isCredit, [true])
        check(\.date, [Day(year: 1, month: 1, day: 1)!, .last, Day(ordinal: 0), Day(ordinal: -1)])
        check(\.allocationRange, [0..<0, 0..<1, 7..<70_007, 0..<Int32.max, Int32.max..<Int32.max, Int32.max - 1..<Int32.max, Int32.min..<Int32.max, -5..<3])
        check(\.anchor, [.none, EntryAnchor(file: Int32.max, offset: Int(UInt32.max))])
        // A currency written and the currency it resolves to share a place: each reads back
        // whichever is set first, and the other follows.
        for written in Self.currencies.compactMap({ $0 }) {
            var p = start
            p.writtenCurrency = written
            #expect(p.currency == .unknown && p.writtenCurrency == written)
            p.currency = written
            #expect(p.currency == written && p.writtenCurrency == written)
            variants.append(p)
            var q = p
            q.currency = .unknown
            #expect(q.currency == .unknown && q.writtenCurrency == written)
            q.writtenCurrency = nil
            #expect(q == start && PaymentFields(q) == PaymentFields(start))
            q = p
            q.writtenCurrency = nil
            #expect(q.currency == written && q.writtenCurrency == nil)
            var r = start
            r.currency = written
            r.writtenCurrency = written
            #expect(r == p && r.hashValue == p.hashValue)
            // Every other fact keeps its place beside the currency and the date.
            r.isCredit = true
            r.writesNumber = true
            r.onAccount = true
            r.clientNumber = Int32.max
            r.amount = DecimalValue(digits: Int64.min, scale: -128)
            r.date = .last
            #expect(r.currency == written && r.writtenCurrency == written && r.isCredit && r.writesNumber && r.onAccount)
            #expect(r.clientNumber == Int32.max && r.amount == DecimalValue(digits: Int64.min, scale: -128) && r.date == .last)
            variants.append(r)
        }
        // Resolved, the minor units are the amount's in the currency, or zero; zero is held as
        // a payment not yet resolved holds it.
        let amounts: [(DecimalValue, Currency)] = [
            (DecimalValue(digits: 396000, scale: 2), Currency("GBP")), (DecimalValue(digits: 3960, scale: 0), Currency("JPY")),
            (DecimalValue(digits: -1, scale: 3), Currency("KWD")), (DecimalValue(digits: 0, scale: 2), Currency("GBP")),
            (DecimalValue(digits: 1, scale: 3), Currency("GBP")), (DecimalValue(digits: Int64.max, scale: 0), Currency("GBP")),
        ]
        for (amount, currency) in amounts {
            var p = start
            p.amount = amount
            p.currency = currency
            let m = amount.minorUnits(precision: currency.precision) ?? 0
            var zero = p
            zero.resolve(minor: 0)
            #expect(zero.minor == 0 && zero == p && zero.hashValue == p.hashValue)
            p.resolve(minor: m)
            #expect(p.minor == m)
            #expect((p == zero) == (m == 0))
            variants.append(p)
            // An amount or a currency that has no such minor units leaves zero.
            var q = p
            q.amount = DecimalValue(digits: 1, scale: 4)
            var fresh = start
            fresh.amount = q.amount
            fresh.currency = currency
            #expect(q.minor == 0 && q == fresh)
            q = p
            q.currency = Currency("JPY")
            #expect(q.minor == (amount.minorUnits(precision: 0) ?? 0) || m == 0)
        }
        for x in variants {
            for y in variants {
                let same = PaymentFields(x) == PaymentFields(y)
                #expect((x == y) == same)
                if same { #expect(x.hashValue == y.hashValue) }
            }
        }
    }

    /// A payment does not hold its `method` and `ref`: they are read again from the file, and
    /// must be what the parser reads there, which a reading without positions keeps.
    @Test func paymentNotesReadFromTheFileAreWhatTheParserReads() {
        let text = """
            2026-01-05 payment hale2 100.00 GBP
              method  bank transfer   ; the usual
              ref     BACS 957206
              apply   INV-1

            2026-01-06 payment hale2 50.00
              ; a comment between details
              apply   INV-2 50.00
              ref\tPO  29592 a longer reference than fifteen bytes
              method  card
              method  cash

            2026-01-07 credit hale2 10.00
              number  CN-1
              ref     credit ref
              method  not a credit's detail

            2026-01-08 payment hale2 20.00
              ref
              ref     too late

            2026-01-09 payment hale2 30.00
            2026-01-10 payment hale2 40.00
              method  é

            """
        let file = SourceFile(id: 0, path: "notes.due", bytes: Array(text.utf8))
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "notes.due", parallel: false)
        var d: [Diagnostic] = []
        let aside = FormatVerifier.meaning(of: file, diagnostics: &d).setAside
        let read = load.ledger.payments.map { $0.notes(in: load.ledger.files) }
        #expect(load.ledger.setAside.isEmpty)
        #expect(aside.texts(.method) == read.compactMap(\.method))
        #expect(aside.texts(.ref) == read.compactMap(\.ref))
        #expect(aside.texts(.number) == read.compactMap(\.number))
        // So a text whose `method` or `ref` changed does not mean the same.
        let base = FormatVerifier.meaning(of: file, diagnostics: &d)
        for (from, to, what) in [("bank transfer", "bank  transfer", "`method` values"), ("BACS 957206", "BACS 957207", "`ref` values"), ("credit ref", "credit", "`ref` values"), ("CN-1", "CN-2", "`number` values")] {
            let changed = SourceFile(id: 0, path: "notes.due", bytes: Array(text.replacingOccurrences(of: from, with: to).utf8))
            #expect(FormatVerifier.modelDifference(base, FormatVerifier.meaning(of: changed, diagnostics: &d)) == what)
        }
        #expect(read == [
            Payment.Notes(method: "bank transfer", ref: "BACS 957206"),
            Payment.Notes(method: "card", ref: "PO  29592 a longer reference than fifteen bytes"),
            Payment.Notes(ref: "credit ref", number: "CN-1"),
            Payment.Notes(),
            Payment.Notes(),
            Payment.Notes(method: "é"),
        ])
    }

    /// An `apply` line keeps no invoice number: it is its invoice's once linked, else read again
    /// from the line, and must be what the parser read there (which a reading without
    /// positions keeps).
    @Test func appliedNumbersAreWhatTheLinesName() {
        let text = """
            2026-01-01 invoice hale2 INV-1
              total  100.00
            2026-01-01 invoice hale2 INV-1
              total  5.00
            2026-01-02 invoice hale2 inv-2.a/b#3
              total  100.00

            2026-01-05 payment hale2 100.00 GBP
              apply   INV-1   ; the first
              apply\tinv-2.a/b#3\t10.00
              apply   INV-404 1.00 GBP
              apply   bad;id
              apply   INV-1 2.00
            2026-01-06 credit hale2 10.00
              apply INV-405;not a comment

            """
        let bytes = Array(text.utf8)
        let file = SourceFile(id: 0, path: "apply.due", bytes: bytes)
        var d: [Diagnostic] = []
        let base = FormatVerifier.meaning(of: file, diagnostics: &d)
        let expected = [["INV-1", "inv-2.a/b#3", "INV-404", "INV-1"], []]
        #expect(base.setAside.texts(.apply) == expected.flatMap { $0 })
        // So a text whose `apply` line names another invoice does not mean the same.
        let changed = SourceFile(id: 0, path: "apply.due", bytes: Array(text.replacingOccurrences(of: "apply\tinv-2.a/b#3", with: "apply\tinv-2.a/b#4").utf8))
        #expect(FormatVerifier.modelDifference(base, FormatVerifier.meaning(of: changed, diagnostics: &d)) == "`apply` values")
        for parallel in [false, true] {
            var l = LedgerLoader.parse(bytes: bytes, path: "apply.due", parallel: parallel).ledger
            #expect(l.payments.map { l.invoiceNumbers(appliedBy: $0) } == expected)
            LedgerResolver.resolve(&l)
            #expect(l.payments.map { l.invoiceNumbers(appliedBy: $0) } == expected)
            #expect(l.allocations.map(\.target) == [0, 2, nil, 0])
            // Resolved again after the invoices moved, each line is linked afresh: INV-1 is now
            // first written where the second one was.
            l.invoices.swapAt(0, 2)
            LedgerResolver.resolve(&l)
            #expect(l.allocations.map(\.target) == [1, 0, nil, 1])
            #expect(l.payments.map { l.invoiceNumbers(appliedBy: $0) } == expected)
        }
    }

    /// An `apply` line holds its minor units as its amount at a precision, or zero: each field
    /// reads back, and two lines are equal, and hash alike, exactly when their fields are.
    @Test func applyLinesKeepTheirAmountAndMinorUnits() {
        let line = LineAnchor(offset: 40)
        let amounts: [DecimalValue?] = [nil, .zero, DecimalValue(digits: 100, scale: 2), DecimalValue(digits: 1, scale: 3), DecimalValue(digits: -25, scale: 1), DecimalValue(digits: Int64.max, scale: 0),
            DecimalValue(digits: Int64.min, scale: 0), DecimalValue(digits: -1, scale: 18), DecimalValue(digits: 1 << 32, scale: 2), DecimalValue(digits: -(1 << 32) - 1, scale: 2)]
        var variants: [Allocation] = []
        for a in amounts {
            for p in [0, 2, 3] {
                var x = Allocation(amount: a, line: line)
                let unresolved = x
                #expect(x.amount == a && x.minor == nil)
                x.resolve(minor: nil, precision: p)
                #expect(x == unresolved)
                // What the resolver gives: zero when the amount has no such minor units.
                let m = a?.minorUnits(precision: p) ?? 0
                x.resolve(minor: a == nil ? nil : m, precision: p)
                #expect(x.amount == a && x.minor == (a == nil ? nil : m))
                var zero = unresolved
                zero.resolve(minor: 0, precision: p)
                #expect(zero.minor == 0 && zero.amount == a)
                var linked = x
                linked.target = 7
                #expect(linked.minor == x.minor && linked.target == 7 && linked.amount == a)
                // The first and last places an invoice can have.
                var first = linked, last = linked
                first.target = 0
                last.target = Int32.max - 1
                #expect(first.target == 0 && last.target == Int32.max - 1 && last.amount == a)
                var unlinked = last
                unlinked.target = nil
                #expect(unlinked == x)
                variants += [x, zero, linked, first, last]
            }
        }
        for x in variants {
            for y in variants {
                let same = x.amount == y.amount && x.minor == y.minor && x.line == y.line && x.target == y.target
                #expect((x == y) == same)
                if same { #expect(x.hashValue == y.hashValue) }
            }
        }
        // A changed amount without those minor units leaves zero, held as a line resolved to zero.
        var x = Allocation(amount: DecimalValue(digits: 100, scale: 2), line: line)
        x.resolve(minor: 100, precision: 2)
        x.amount = DecimalValue(digits: 1, scale: 3)
        var y = Allocation(amount: DecimalValue(digits: 1, scale: 3), line: line)
        y.resolve(minor: 0, precision: 2)
        #expect(x.minor == 0 && x == y)
    }

    /// A note's fields, the rare ones kept apart among them, read back what was set, and
    /// setting one back gives a note equal to the first.
    @Test func everyNoteFieldReadsBackWhatWasSet() {
        let line = LineAnchor(offset: 40)
        let marks = [[], [DisputeMark(invoice: "INV-1", text: nil, line: line)], [DisputeMark(invoice: "INV-2", text: "a note longer than fifteen bytes", line: line)]]
        let plain = ClientNote(date: Day(ordinal: 9), client: "quinn0", channel: .call, anchor: EntryAnchor(file: 0, offset: 7), order: 3)
        var busy = plain
        busy.hardship = "lost a contract"
        busy.promise = Promise(by: Day(ordinal: 20), amount: nil, line: line)
        busy.with = "Sam"
        func check<T: Equatable>(_ key: WritableKeyPath<ClientNote, T>, _ values: [T], sourceLocation: SourceLocation = #_sourceLocation) {
            for start in [plain, busy] {
                for v in values {
                    var n = start
                    n[keyPath: key] = v
                    #expect(n[keyPath: key] == v, sourceLocation: sourceLocation)
                    #expect(n.date == start.date && n.client == start.client && n.anchor == start.anchor, sourceLocation: sourceLocation)
                    n[keyPath: key] = start[keyPath: key]
                    #expect(n == start && n.hashValue == start.hashValue, sourceLocation: sourceLocation)
                }
            }
        }
        check(\.disputes, marks)
        check(\.resolutions, marks)
        check(\.hardship, Self.texts)
        check(\.feedback, Self.texts)
        check(\.with, Self.texts)
        check(\.order, [0, 1, Int(Int32.max), Int(Int32.min)])
        check(\.channel, NoteChannel.allCases)
        check(\.firstSaid, [nil, line, LineAnchor(offset: 0), LineAnchor(offset: Int(UInt32.max) - 1)])
        let promises: [Promise?] = [nil, Promise(by: Day(ordinal: 20), amount: nil, line: line),
            Promise(by: Day(ordinal: -5), amount: DecimalValue(digits: 120_000, scale: 2), line: line, currency: Currency("EUR"))]
        check(\.promise, promises)
        // Made with its rare fields or given them after, a note is the same.
        var given = plain
        given.disputes = marks[1]
        given.feedback = "slow to answer"
        let made = ClientNote(date: plain.date, client: plain.client, channel: .call, disputes: marks[1], feedback: "slow to answer", anchor: plain.anchor, order: 3)
        #expect(given == made && given.hashValue == made.hashValue)
        #expect(made.disputes == marks[1] && made.resolutions.isEmpty && made.hardship == nil && made.feedback == "slow to answer")
    }

    /// A promise's amount and currency read back whatever was set, each apart from the other,
    /// at the extremes of 64 bits; its minor units follow from both; equal promises are those
    /// with equal fields.
    @Test func aPromiseKeepsItsFigures() {
        let line = LineAnchor(offset: 40)
        let amounts: [DecimalValue?] = [nil, .zero, DecimalValue(digits: 120_000, scale: 2), DecimalValue(digits: Int64.max, scale: 0),
            DecimalValue(digits: Int64.min, scale: 18), DecimalValue(digits: -(1 << 32), scale: 3), DecimalValue(digits: 1 << 32 - 1, scale: 1)]
        let currencies: [Currency?] = [nil, Currency("GBP"), Currency("JPY"), Currency("BHD")]
        var all: [Promise] = []
        for a in amounts {
            for c in currencies {
                var p = Promise(by: Day(ordinal: 3), amount: a, line: line, currency: c)
                #expect(p.amount == a && p.currency == c ?? .unknown && p.by == Day(ordinal: 3) && p.line == line)
                #expect(p.minor == c.flatMap { c in a.flatMap { $0.minorUnits(precision: c.precision) } })
                p.amount = nil
                #expect(p.amount == nil && p.minor == nil && p.currency == c ?? .unknown)
                #expect(p == Promise(by: Day(ordinal: 3), amount: nil, line: line, currency: c))
                p.writtenCurrency = c
                #expect(p.writtenCurrency == c && p.currency == c ?? .unknown)
                all.append(Promise(by: Day(ordinal: 3), amount: a, line: line, currency: c))
            }
        }
        for x in all {
            for y in all {
                let same = x.amount == y.amount && x.currency == y.currency
                #expect((x == y) == same)
                if same { #expect(x.hashValue == y.hashValue) }
            }
        }
    }

    /// What the footprint says a million of each take (`due bench`): a change that pads them
    /// again shows here first.
    @Test func invoicesAndPaymentsStaySmall() {
        #expect(MemoryLayout<Invoice>.stride <= 104)
        #expect(MemoryLayout<Payment>.stride <= 56)
        // A payment's date counts days from 0001-01-01 in 22 bits.
        #expect(Payment.firstOrdinal == Day(year: 1, month: 1, day: 1)!.ordinal)
        #expect(Day.last.ordinal - Payment.firstOrdinal < 1 << 22)
        #expect(MemoryLayout<Allocation>.stride <= 20)
        // Two and a half items an invoice: the product, the currency written and the line.
        #expect(MemoryLayout<LineItem>.stride <= 24)
        #expect(MemoryLayout<Terms>.size <= 15)
        // A quarter of a million in a large ledger, each naming its invoices in place.
        #expect(MemoryLayout<LetterSent>.stride <= 56)
        // A tenth of a million, most with a promise.
        #expect(MemoryLayout<ClientNote>.stride <= 88)
        #expect(MemoryLayout<Promise>.size <= 22)
        // Every sheet keeps one per invoice.
        #expect(MemoryLayout<InvoiceBalances.Place>.stride <= 16)
        // Read for every `apply` line, and held beside the balances.
        #expect(MemoryLayout<InvoiceBrief>.stride <= 12)
    }

    /// A brief's client and discount share one place: each reads back whatever the other holds.
    @Test func aBriefKeepsItsClientAndDiscount() {
        var invoice = Self.invoice()
        invoice.resolvedTerms = Terms(netDays: 30, discountPercent: DecimalValue(digits: 2, scale: 0), discountDays: 10)
        for client in [nil, 0, 1, 9_999, Int32.max - 1] as [Int32?] {
            for discount in [false, true] {
                var brief = [invoice].withUnsafeBufferPointer { InvoiceBrief($0, 0) }
                #expect(brief.offersDiscount && brief.clientNumber == nil && brief.currency == invoice.currency)
                brief.clientNumber = client
                brief.offersDiscount = discount
                #expect(brief.clientNumber == client && brief.offersDiscount == discount)
                brief.offersDiscount = !discount
                #expect(brief.clientNumber == client && brief.offersDiscount == !discount)
                brief.clientNumber = nil
                #expect(brief.clientNumber == nil && brief.offersDiscount == !discount)
            }
        }
        var plain = invoice
        plain.resolvedTerms = .net30
        plain.clientNumber = 7
        let brief = [plain].withUnsafeBufferPointer { InvoiceBrief($0, 0) }
        #expect(brief.clientNumber == 7 && !brief.offersDiscount)
    }

    /// A credit, a write-off and a discount are kept apart from the balance's place, and read
    /// back; set back to zero, the sheet equals, and holds the same as, one that never had them.
    @Test func aBalanceKeepsItsRareFiguresApart() {
        var sheet = InvoiceBalances(count: 3)
        var b = InvoiceBalance()
        b.total = 10_000
        b.paid = 1_000
        sheet[1] = b
        let plain = sheet
        b.credited = 2_000
        b.writtenOff = 300
        b.discount = 40
        sheet[1] = b
        #expect((sheet[1].credited, sheet[1].writtenOff, sheet[1].discount, sheet[1].open) == (2_000, 300, 40, 6_660))
        #expect(sheet[1] == b && sheet != plain && plain[1].open == 9_000 && sheet.apartCount == 1)
        sheet[1].credited = 0
        sheet[1].writtenOff = 0
        #expect(sheet[1].discount == 40 && sheet[1].open == 8_960 && sheet.apartCount == 1)
        sheet[1].discount = 0
        #expect(sheet == plain && sheet[1] == plain[1] && sheet.apartCount == 0)
        #expect(sheet[0] == InvoiceBalance() && sheet[2] == InvoiceBalance())
    }

    /// A total and a payment read back from the sheet whatever their size, with the days and
    /// beside other balances: those beyond 32 bits (and the smallest 32-bit total, which marks
    /// a place whose figures are apart) are kept apart, and brought back within 32 bits, the
    /// sheet equals one that never left them.
    @Test func aBalanceKeepsFiguresBeyond32BitsApart() {
        let limits: [Int64] = [0, 1, -1, Int64(Int32.max), Int64(Int32.max) + 1, Int64(Int32.min) + 1, Int64(Int32.min), Int64(Int32.min) - 1, Int64.max / 4, Int64.min / 4]
        var neighbour = InvoiceBalance()
        neighbour.total = 500
        neighbour.paid = 200
        neighbour.lastPayment = Day(ordinal: 19_000)
        for total in limits {
            for paid in limits {
                var sheet = InvoiceBalances(count: 3)
                sheet[2] = neighbour
                var b = InvoiceBalance()
                b.total = total
                b.paid = paid
                b.settled = Day(ordinal: 20_001)
                b.lastPayment = Day(ordinal: -20_000)
                sheet[1] = b
                #expect(sheet[1] == b && (sheet[1].total, sheet[1].paid, sheet[1].open) == (total, paid, total - paid), "\(total) \(paid)")
                #expect((sheet[1].credited, sheet[1].writtenOff, sheet[1].discount) == (0, 0, 0))
                #expect(sheet[1].settled == Day(ordinal: 20_001) && sheet[1].lastPayment == Day(ordinal: -20_000))
                let inPlace = total > Int64(Int32.min) && total <= Int64(Int32.max) && Int32(exactly: paid) != nil
                #expect(sheet.apartCount == (inPlace ? 0 : 1), "\(total) \(paid)")
                sheet[1].credited = 7
                #expect((sheet[1].total, sheet[1].paid, sheet[1].credited, sheet[1].open) == (total, paid, 7, total - paid - 7))
                #expect(sheet[0] == InvoiceBalance() && sheet[2] == neighbour)
                sheet[1].credited = 0
                sheet[1].total = 100
                sheet[1].paid = 40
                var plain = InvoiceBalances(count: 3)
                plain[2] = neighbour
                b.total = 100
                b.paid = 40
                plain[1] = b
                #expect(sheet == plain && sheet.apartCount == 0 && sheet[1].open == 60, "\(total) \(paid)")
            }
        }
        // Issued by its total or by being settled, whichever way the total is kept.
        var sheet = InvoiceBalances(count: 1)
        sheet[0].total = Int64(Int32.max) + 1
        #expect(sheet[0].issued && sheet[0].open == Int64(Int32.max) + 1)
        sheet[0].paid = Int64(Int32.max) + 1
        sheet[0].settled = Day(ordinal: 20_000)
        #expect(sheet[0].issued && sheet[0].open == 0 && sheet[0].settled == Day(ordinal: 20_000))
        #expect(!InvoiceBalance().issued && !InvoiceBalances(count: 1)[0].issued)
    }

    /// A letter's invoices read back in order, however many, and equal lists are equal.
    @Test func aLettersInvoicesReadBackInOrder() {
        var n = NamedInvoices()
        #expect(n.isEmpty && n.count == 0 && n.first == nil && n.array == [])
        n.append("INV-0000001")
        #expect(n.count == 1 && n[0] == "INV-0000001" && n == ["INV-0000001"])
        n.append("A/2")
        n.append("ünï-3")
        #expect(n.count == 3 && n.array == ["INV-0000001", "A/2", "ünï-3"] && n[2] == "ünï-3" && n.first == "INV-0000001")
        #expect(n == NamedInvoices(["INV-0000001", "A/2", "ünï-3"]) && n != ["INV-0000001", "A/2"])
    }

    /// What an invoice was for, a credit note's number and reason and a letter's channel are
    /// read again from the file, as the parser read them; a number that is not an id was reported and is none.
    @Test func purposeAndCreditNoteAreReadAgainFromTheFile() {
        let text = """
            client a
            2026-01-15 invoice a 1
              for    Spring campaign, phase 2   ; a comment
              item   Hours 2 x 10.00
            2026-01-16 invoice a 2
              item   Pages 1 x 10.00
            2026-01-20 credit a 5.00
              reason   Late delivery
              number   CN-1 
              apply    1
            2026-01-21 credit a 1.00
              number   -bad
              apply    2
            2026-02-01 letter a reminder
              invoices 1 2
              channel  post, then email  ; a comment
            2026-02-02 letter a reminder
              invoices 2

            """
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "r.due")
        let l = load.ledger
        #expect(load.diagnostics.map(\.code) == ["E112"])
        #expect(l.invoices.map { l.purpose(of: $0) } == ["Spring campaign, phase 2", nil])
        #expect(l.summary(of: l.invoices[0]) == "Spring campaign, phase 2")
        #expect(l.payments[0].notes(in: l.files) == Payment.Notes(number: "CN-1", reason: "Late delivery"))
        #expect(l.payments[1].notes(in: l.files) == Payment.Notes())
        #expect(l.letters.map { $0.channel(in: l.files) } == ["post, then email", nil])
        // A reading without positions sets them aside, so a text that changes them does not mean the same.
        let file = SourceFile(id: 0, path: "r.due", bytes: Array(text.utf8))
        var d: [Diagnostic] = []
        let base = FormatVerifier.meaning(of: file, diagnostics: &d)
        for (from, to, what) in [("phase 2", "phase 3", "`for` values"), ("Late delivery", "Late", "`reason` values"), ("then email", "then a call", "`channel` values")] {
            let changed = SourceFile(id: 0, path: "r.due", bytes: Array(text.replacingOccurrences(of: from, with: to).utf8))
            #expect(FormatVerifier.modelDifference(base, FormatVerifier.meaning(of: changed, diagnostics: &d)) == what)
        }
    }
}
