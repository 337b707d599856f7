// The ledger's entries as values. Each entry that can occur many times keeps only where its
// header stands (`EntryAnchor`), and each detail that a diagnostic may point at the start of its
// line (`LineAnchor`); the parts inside are found again by reading the entry (`EntrySource`)
// when a diagnostic or the editor needs them. The entries written once (settings, sender,
// includes) keep their ranges. Amounts are kept as written (`DecimalValue`) until `LedgerResolver` knows
// their currency; resolved figures are filled in then.

/// A rate written with `%` (tax, interest, discount).
public typealias Percent = DecimalValue

public struct Settings: Sendable, Hashable {
    public var currency: Currency?
    /// Upper bounds of the past-due buckets, in days.
    public var buckets: [Int] = [30, 60, 90]
    public var agingByIssueDate = false
    public var cadenceMin = 7
    public var cadenceMax = 14
    /// Days before the due date to send a courtesy note; nil when off.
    public var courtesyDays: Int?
    /// The days `courtesy on` gives (grammar.md §3.2).
    public static let courtesyOnDays = 3
    public var reminderAfter = 3
    public var finalAfter = 3
    public var demandAfter = 60
    public var replyDays = 10
    /// The `demand-minimum` lines: below the sum a line gives in its currency, no formal
    /// demand goes; the ladder stops at the final notice and the next step is the user's.
    public var demandMinimums: [DemandMinimum] = []
    public struct DemandMinimum: Sendable, Hashable {
        public var amount: DecimalValue
        /// As written; nil: the settings' `currency`.
        public var currency: Currency?
    }
    /// The `chase-minimum` lines (the same form as `demand-minimum`): a shortfall (money left
    /// on invoices the client has paid towards) below the sum a line gives in its currency, or
    /// `defaultChaseMinimum` units where no line is, gets one letter and the ladder goes no
    /// further; the next step is the user's. An invoice nothing was paid of is not one.
    public var chaseMinimums: [DemandMinimum] = []
    /// Units of any currency below which, with no `chase-minimum` line, the ladder asks once:
    /// what a bank's fee takes off a payment from abroad, which a sole trader writes off
    /// rather than threaten a client over.
    public static let defaultChaseMinimum: Int64 = 25
    /// The days beside weekends a deadline never falls on: `holidays` and `closed`.
    public var holidays = Holidays.standard
    /// Where the `settings` entry stands; nil when the ledger has none.
    public var range: SourceRange?

    public init() {}

    /// The date a letter of `day` asks for a reply or payment by: `reply-days` on, moved to a
    /// working day (`workingDay`). Every letter, and every wait for one, reads it here.
    public func replyBy(_ day: Day) -> Day { workingDay(day.adding(days: replyDays)) }

    /// The least a formal demand asks for in `currency`, in its minor units; nil when no
    /// `demand-minimum` line is in it (one written without a currency is in the settings', or
    /// with none there, in any). The last line for a currency counts.
    public func demandMinimum(in currency: Currency) -> Money? {
        guard let m = demandMinimums.last(where: { ($0.currency ?? self.currency ?? currency) == currency }) else { return nil }
        return minimum(m, in: currency)
    }

    /// The least the ladder takes past one letter in `currency`, in its minor units: the last
    /// `chase-minimum` line for it, else `defaultChaseMinimum` units of it; nil with
    /// `chase-minimum 0`, which chases every sum up the ladder.
    public func chaseMinimum(in currency: Currency) -> Money? {
        guard let m = chaseMinimums.last(where: { ($0.currency ?? self.currency ?? currency) == currency }) else {
            return Money(minor: Settings.defaultChaseMinimum * Int64(MoneyFormat.pow10(currency.precision)), currency: currency)
        }
        let minimum = minimum(m, in: currency)
        return minimum.minor > 0 ? minimum : nil
    }

    /// A `demand-minimum` or `chase-minimum` line's amount in `currency`'s minor units.
    func minimum(_ m: DemandMinimum, in currency: Currency) -> Money {
        // More decimals than the currency has: the sum rounded up to its smallest unit.
        let minor = m.amount.minorUnits(precision: currency.precision) ?? (m.amount.minorUnits(precision: m.amount.scale).map { v in
            let d = MoneyFormat.pow10(m.amount.scale - currency.precision)
            return Int64((Int128(v) + d - 1) / d)
        } ?? Int64.max)
        return Money(minor: minor, currency: currency)
    }

    /// `day`, or the first day after it that is neither a weekend nor one of the `holidays`
    /// (grammar.md §3.2): a deadline a person can meet.
    public func workingDay(_ day: Day) -> Day { holidays.workingDay(from: day) }
}

public struct Sender: Sendable, Hashable {
    public var name: String
    public var contact: String?
    public var email: String?
    public var phone: String?
    public var address: [String] = []
    /// Bank details as written, in order: each for one currency, or (unlabelled) for the
    /// file's currency (grammar.md §3.3).
    public var banks: [BankDetails] = []
    public var taxID: String?
    public var website: String?
    public var range: SourceRange

    public init(name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }

    /// The details to print on a letter in `currency`: the lines labelled with it, else the
    /// unlabelled ones when they stand for that currency (the file's currency, or any currency
    /// when the file names none). Nil when none fit: a letter gives no details rather than
    /// wrong ones.
    public func bank(for currency: Currency, fileCurrency: Currency?) -> String? {
        let own = banks.filter { $0.currency == currency }
        let chosen = !own.isEmpty ? own : banks.filter { $0.currency == nil && (fileCurrency == nil || fileCurrency == currency) }
        return chosen.isEmpty ? nil : chosen.map(\.text).joined(separator: "; ")
    }
}

/// One `bank` line of the sender: where to pay, for one currency or (nil) the file's.
public struct BankDetails: Sendable, Hashable {
    public var currency: Currency?
    public var text: String
    public var range: SourceRange

    public init(currency: Currency?, text: String, range: SourceRange) {
        self.currency = currency
        self.text = text
        self.range = range
    }
}

public struct Client: Sendable, Hashable {
    public var id: String
    /// The name on the client line; nil when the line gives only the id.
    public var writtenName: String?
    public var contact: String?
    public var greeting: String?
    public var email: String?
    public var phone: String?
    public var address: [String] = []
    public var terms: Terms?
    public var currency: Currency?
    public var methods: [String] = []
    public var channel: String?
    public var interest: Percent?
    public var compensation: DecimalValue?
    /// The compensation's currency: written after its amount, or found by the resolver as an
    /// amount's is (`LedgerResolver`); it is claimed only on invoices in that currency, and on
    /// none while it is nil.
    public var compensationCurrency: Currency?
    /// `compensation statutory`: the banded sum of grammar.md §7.3 instead of a stated one.
    public var statutoryCompensation = false
    /// The header: `client ID [NAME]`.
    public var anchor: EntryAnchor

    public init(id: String, name: String?, anchor: EntryAnchor) {
        self.id = id
        self.writtenName = name
        self.anchor = anchor
    }

    /// What to call the client in a letter: its name, else its id.
    public var name: String { writtenName ?? id }

    /// The lines a letter is addressed with: the name the ledger gives (never the id, which is
    /// ours), the contact, the address.
    public var addressBlock: [String] {
        (writtenName.map { [$0] } ?? []) + (contact.map { ["For the attention of \($0)"] } ?? []) + address
    }

    /// The first line of `addressBlock`, by which a draft's address is found again.
    public var addressee: String { addressBlock.first ?? name }

    /// How a letter greets them. The id is ours, not theirs: with no name, contact or
    /// greeting, the letter greets nobody by it.
    public var salutation: String { greeting ?? contact ?? writtenName ?? "Sir or Madam" }

    /// Whether the client may pay by transfer, and so needs bank details: it writes no
    /// `methods`, or one that is not plainly another way to pay (a card, PayPal, a cheque,
    /// cash, a direct debit we collect). A transfer goes by many names (BACS, SEPA, wire,
    /// Faster Payments, ACH), so what is not known to be something else counts as one.
    public var mayPayByTransfer: Bool {
        methods.isEmpty || methods.contains(where: Client.isTransfer)
    }

    /// Whether a way to pay, as written in `methods`, is a transfer to our account: anything but
    /// what is plainly card, PayPal, cheque, cash, Stripe or direct debit (so `BACS`, `SEPA`,
    /// `wire` and `bank transfer` are).
    public static func isTransfer(_ method: String) -> Bool {
        // Searched as bytes: every letter asks this of every way its client pays, and the
        // string search it replaced was a tenth of a letter's time.
        let m = Array(method.lowercased().utf8)
        return !notTransfers.contains { word in
            word.count <= m.count && (0...(m.count - word.count)).contains { at in m[at..<(at + word.count)].elementsEqual(word) }
        }
    }

    /// Ways to pay that are plainly not a transfer to our account, as `isTransfer` finds them.
    static let notTransfers: [[UInt8]] = ["card", "paypal", "cheque", "check", "cash", "stripe", "direct debit", "apple pay", "google pay"].map { Array($0.utf8) }

    /// Transfer schemes often written by their name alone (`methods SEPA`).
    public static let transferSchemes: Set<String> = ["sepa", "bacs", "wire", "chaps", "ach", "swift", "faster payments"]
}

/// An invoice's `tax` line: its rate. The name written before the rate (`VAT`) is for the
/// reader of the ledger; nothing `due` writes repeats it, so it is not kept. Nor is where the
/// line stands: the one diagnostic that points at it finds it again (the first `tax` line; a
/// second is an error and not read).
public struct Tax: Sendable, Hashable {
    public var rate: Percent

    public init(rate: Percent) {
        self.rate = rate
    }

    /// The tax on `subtotal` minor units, rounded half away from zero to the same units: one
    /// rule for an invoice's items and an imported net alike.
    public func amount(on subtotal: Int128) -> Int128 {
        MoneyFormat.divideRounded(subtotal * Int128(rate.digits), 100 * MoneyFormat.pow10(rate.scale))
    }
}

/// The details that few invoices write: kept apart, on the heap, so the others hold one empty
/// pointer instead of room for them all (`Invoice.details`).
struct InvoiceDetails: Sendable, Hashable {
    var interest: Percent?
    var compensation: DecimalValue?
    var explicitDue: Day?
    var writtenCurrency: Currency?
    var writtenTotalCurrency: Currency?
    var compensationCurrency: Currency?
    var statutoryCompensation = false
    /// The resolved terms, only when the invoice writes terms and they are not the ones that
    /// apply (nothing resolves it so, but an invoice can hold it).
    var otherTerms: Terms?
    /// Figures too large for the 32 bits the invoice holds them in (`InvoiceWideFigures`).
    var wide: Boxed<InvoiceWideFigures>?

    static let none = InvoiceDetails()
}

/// An invoice's figures that nearly always fit the few bits the invoice holds them in, when
/// one does not: each is here, and the invoice holds zero in its place. A tax amount past 21
/// million (in minor units), a written total with more than nine digits, a tax rate with more
/// than four, more than 255 items: a few invoices at most, held apart so that a million others
/// take 20 bytes fewer each.
struct InvoiceWideFigures: Sendable, Hashable {
    var taxAmount: Int64?
    var taxRate: Percent?
    var writtenTotalDigits: Int64?
    var itemRange: Range<Int32>?

    static let none = InvoiceWideFigures()
}

/// A value kept on the heap, for what few entries of a large ledger have: an entry holds one
/// pointer (nil when it has none) instead of the room for it all. Still a value: the box is
/// never changed, only replaced.
enum Boxed<Value: Sendable & Hashable>: Sendable, Hashable {
    indirect case value(Value)

    var value: Value {
        switch self { case .value(let v): v }
    }

    /// nil for the empty value, so that equal entries hold equal fields.
    static func holding(_ v: Value, unless empty: Value) -> Boxed? { v == empty ? nil : .value(v) }

    /// `box` with `change` made to its value (`empty` when there is no box): nil again when
    /// that leaves the value empty.
    static func changing(_ box: Boxed?, unless empty: Value, _ change: (inout Value) -> Void) -> Boxed? {
        var v = box?.value ?? empty
        change(&v)
        return holding(v, unless: empty)
    }

    /// What one box takes on the heap: the object's header and the value (before the
    /// allocator rounds it up).
    static var bytes: Int { 16 + MemoryLayout<Value>.stride }
}

// A ledger holds a million invoices and payments, so how their fields are laid out counts: an
// invoice takes 104 bytes (296 five releases ago). Optional values are kept as the value and
// a flag, the flags together in one byte (`Flags`), declared so that the small fields fill the
// gaps the larger ones leave; the tax and a written total's digits in 32 bits, the tax rate
// in 16 and the count of items in 8, unless one needs more (`InvoiceWideFigures`); what few
// invoices write is kept apart (`InvoiceDetails`); the
// terms written and the terms that apply share one place, since nearly always one of them is
// the other; the total is the subtotal and tax, and the due date the terms' (or the `due`
// line's), which the resolver always makes them; and the
// reference (`ref`) and purpose (`for`), which only an invoice's summary reads, are read again
// from the file (`Ledger.reference(of:)`, `Ledger.purpose(of:)`).
public struct Invoice: Sendable, Hashable {
    /// The number, as few bytes as it can be held in (`InvoiceNumber`); read as `number`.
    var numberHeld: InvoiceNumber
    public var client: String
    // Resolved by LedgerResolver, as are `currency`, `clientNumber` and the terms that apply.
    public var subtotal: Int64 = 0
    private var details: Boxed<InvoiceDetails>?
    /// The terms written, or (`termsUse` says) the terms that apply when none are written.
    private var storedTerms: Terms?
    // What is not there is kept as zero, so equal invoices hold equal fields.
    private var writtenTotalScale: Int8 = 0
    private var flags: Flags = []
    private var itemCount8: UInt8 = 0
    /// The tax rate (`PackedRate`), unless it needs more (`InvoiceWideFigures`).
    private var taxRate16: UInt16 = 0
    // The tax and the written total's digits, in 32 bits unless they need more
    // (`InvoiceWideFigures`).
    private var taxAmount32: Int32 = 0
    private var writtenTotalDigits32: Int32 = 0
    public var issued: Day
    public var currency = Currency.unknown
    private var clientNumber32: Int32 = 0
    private var order32: Int32
    /// Where its items start in `Ledger.items` (`itemRange`).
    private var itemStart: Int32 = 0
    /// The header: `DATE invoice CLIENT NUMBER`.
    public var anchor: EntryAnchor

    /// The small facts an invoice holds, in one byte.
    private struct Flags: OptionSet, Sendable, Hashable {
        let rawValue: UInt8
        /// A second invoice with a number already used.
        static let duplicate = Flags(rawValue: 1)
        static let clientNumber = Flags(rawValue: 2)
        /// `figuresInOtherCurrency`.
        static let otherCurrency = Flags(rawValue: 4)
        static let tax = Flags(rawValue: 8)
        static let writtenTotal = Flags(rawValue: 16)
        /// `TermsUse.writtenAndResolved`.
        static let termsWrittenAndResolved = Flags(rawValue: 32)
        /// `TermsUse.resolved`.
        static let termsResolved = Flags(rawValue: 64)
        /// A `for` line, read again from the file (`Ledger.purpose(of:)`).
        static let purpose = Flags(rawValue: 128)
    }

    /// What `storedTerms` holds.
    private enum TermsUse: UInt8, Sendable, Hashable {
        /// The terms written (or nil); not yet resolved.
        case written
        /// The terms written, which are also the terms that apply (unless `otherTerms` says).
        case writtenAndResolved
        /// No terms written: the terms that apply.
        case resolved
    }

    public init(number: String, client: String, issued: Day, anchor: EntryAnchor, order: Int) {
        self.init(number: InvoiceNumber(number), client: client, issued: issued, anchor: anchor, order: order)
    }

    init(number: InvoiceNumber, client: String, issued: Day, anchor: EntryAnchor, order: Int) {
        numberHeld = number
        self.client = client
        self.issued = issued
        self.anchor = anchor
        self.order32 = Int32(clamping: order)
    }

    /// The number as written on the header.
    public var number: String {
        get { numberHeld.text }
        set { numberHeld = InvoiceNumber(newValue) }
    }

    /// Resolved: the subtotal and the tax.
    public var total: Int64 { subtotal + taxAmount }

    /// A second invoice with a number already used: reported, and carries no money.
    public var isDuplicate: Bool {
        get { flags.contains(.duplicate) }
        set { flags.set(.duplicate, newValue) }
    }

    /// Resolved: an item or the total is written in another currency than the invoice's
    /// (E304). Its figures cannot be trusted, so it is left out as one whose figures cannot be
    /// read (`Ledger.unreadInvoices`): it carries no money, what names it is not judged by it,
    /// and what its client owes is not known (`CheckContext.owingUnknown`).
    public var figuresInOtherCurrency: Bool {
        get { flags.contains(.otherCurrency) }
        set { flags.set(.otherCurrency, newValue) }
    }

    /// Resolved: the tax on the subtotal.
    public var taxAmount: Int64 {
        get { wide?.taxAmount ?? Int64(taxAmount32) }
        set { taxAmount32 = narrow(newValue, \.taxAmount) }
    }

    public var tax: Tax? {
        get {
            guard flags.contains(.tax) else { return nil }
            return Tax(rate: wide?.taxRate ?? PackedRate.rate(taxRate16))
        }
        set {
            flags.set(.tax, newValue != nil)
            let packed = newValue.flatMap { PackedRate.packed($0.rate) }
            taxRate16 = packed ?? 0
            // As `narrow` does: the box is touched only when something is, or was, held apart.
            let apart = packed == nil ? newValue?.rate : nil
            if apart != nil || wide?.taxRate != nil { changeWide { $0.taxRate = apart } }
        }
    }

    /// A tax rate in 16 bits: its digits, up to 4095, above four bits of scale (20% is 20 and
    /// 0, 8.25% 825 and 2).
    private enum PackedRate {
        static func packed(_ rate: Percent) -> UInt16? {
            guard (0...4095).contains(rate.digits), (0...15).contains(rate.scale) else { return nil }
            return UInt16(rate.digits) << 4 | UInt16(rate.scale)
        }

        static func rate(_ packed: UInt16) -> Percent { DecimalValue(digits: Int64(packed >> 4), scale: Int(packed & 15)) }
    }

    public var writtenTotal: DecimalValue? {
        get { flags.contains(.writtenTotal) ? DecimalValue(digits: wide?.writtenTotalDigits ?? Int64(writtenTotalDigits32), scale: Int(writtenTotalScale)) : nil }
        set {
            flags.set(.writtenTotal, newValue != nil)
            writtenTotalDigits32 = narrow(newValue?.digits ?? 0, \.writtenTotalDigits)
            writtenTotalScale = Int8(clamping: newValue?.scale ?? 0)
        }
    }

    /// Where its items stand in `Ledger.items`: a million invoices keep theirs in one array
    /// rather than a million small ones.
    public var itemRange: Range<Int32> {
        get {
            if let range = wide?.itemRange { return range }
            return itemStart..<itemStart &+ Int32(itemCount8)
        }
        set {
            let count = UInt8(exactly: newValue.count)
            itemStart = count == nil ? 0 : newValue.lowerBound
            itemCount8 = count ?? 0
            if count == nil || wide?.itemRange != nil { changeWide { $0.itemRange = count == nil ? newValue : nil } }
        }
    }

    /// Before it is resolved, in a ledger read without its items (`Ledger.itemsTallied`): what
    /// its items add up to. Held in the places of figures the resolver makes from it (the
    /// subtotal, the tax and the client's number) and in the start of its items' range, which
    /// it has none of, which nothing reads before, so that a million invoices grow by nothing;
    /// the resolver takes it before it sets them, and empties the range.
    var itemTally: ItemTally {
        get {
            let packed = UInt32(bitPattern: taxAmount32)
            return ItemTally(
                sum: subtotal, scale: Int8(truncatingIfNeeded: packed),
                currency: packed & Self.tallyWritesCurrency != 0 ? Currency(packed: UInt32(bitPattern: clientNumber32)) : nil,
                marks: ItemTally.Marks(rawValue: UInt8(truncatingIfNeeded: packed >> 8)),
                cents: itemStart)
        }
        set {
            subtotal = newValue.sum
            var packed = UInt32(UInt8(bitPattern: newValue.scale)) | UInt32(newValue.marks.rawValue) << 8
            if newValue.currency != nil { packed |= Self.tallyWritesCurrency }
            taxAmount32 = Int32(bitPattern: packed)
            clientNumber32 = Int32(bitPattern: newValue.currency?.packed ?? 0)
            // An invoice whose items are tallied keeps none: the start of their range is free.
            itemStart = newValue.cents
        }
    }

    /// In `itemTally`'s packing: the items wrote one currency (held in the client's number).
    private static var tallyWritesCurrency: UInt32 { 1 << 16 }

    /// The figures held apart, when one is too large for its place.
    private var wide: InvoiceWideFigures? { details?.value.wide?.value }

    /// `value` in 32 bits, for its place in the invoice; when it does not fit, zero, and the
    /// value held apart at `key` instead (which holds nil otherwise). The key is made only
    /// when something is held apart: the resolver sets the tax of every invoice.
    @inline(__always) private mutating func narrow(_ value: Int64, _ key: @autoclosure () -> WritableKeyPath<InvoiceWideFigures, Int64?>) -> Int32 {
        let small = Int32(exactly: value)
        if let small, details == nil { return small }
        let k = key()
        if small == nil || wide?[keyPath: k] != nil { changeWide { $0[keyPath: k] = small == nil ? value : nil } }
        return small ?? 0
    }

    private mutating func changeWide(_ change: (inout InvoiceWideFigures) -> Void) {
        let box = Boxed.changing(details?.value.wide, unless: .none, change)
        if box != details?.value.wide { changeDetails { $0.wide = box } }
    }

    private var termsUse: TermsUse {
        get { flags.contains(.termsResolved) ? .resolved : flags.contains(.termsWrittenAndResolved) ? .writtenAndResolved : .written }
        set {
            flags.set(.termsResolved, newValue == .resolved)
            flags.set(.termsWrittenAndResolved, newValue == .writtenAndResolved)
        }
    }

    /// Position among all entries as read, for stable ordering on equal dates.
    public var order: Int {
        get { Int(order32) }
        set { order32 = Int32(clamping: newValue) }
    }

    /// Index of the client in `Ledger.clients`; nil when no client has this id.
    public var clientNumber: Int32? {
        get { flags.contains(.clientNumber) ? clientNumber32 : nil }
        set {
            flags.set(.clientNumber, newValue != nil)
            clientNumber32 = newValue ?? 0
        }
    }

    /// The due date a `due` line gives, else the terms that apply, once the resolver has set
    /// them. Worked out when read rather than kept: four bytes of a million invoices, for a
    /// date found again with an addition (a month's end, for the few terms counted from it).
    /// Nothing reads an invoice before it is resolved, so there is no stand-in date.
    var resolvedDue: Day? {
        guard let terms = resolvedTerms else { return nil }
        return explicitDue ?? terms.dueDate(issued: issued)
    }

    public var terms: Terms? {
        get { termsUse == .resolved ? nil : storedTerms }
        set { setTerms(written: newValue, resolved: resolvedTerms) }
    }

    /// The terms that apply (the invoice's, else its client's, else net 30), once resolved.
    var resolvedTerms: Terms? {
        get {
            switch termsUse {
            case .written: nil
            case .writtenAndResolved: details?.value.otherTerms ?? storedTerms
            case .resolved: storedTerms
            }
        }
        set { setTerms(written: terms, resolved: newValue) }
    }

    /// Keeps one way of holding each pair, so that equal invoices hold equal fields.
    private mutating func setTerms(written: Terms?, resolved: Terms?) {
        var other: Terms?
        if let written {
            storedTerms = written
            termsUse = resolved == nil ? .written : .writtenAndResolved
            other = resolved == written ? nil : resolved
        } else if let resolved {
            storedTerms = resolved
            termsUse = .resolved
        } else {
            storedTerms = nil
            termsUse = .written
        }
        if other != details?.value.otherTerms { changeDetails { $0.otherTerms = other } }
    }

    private mutating func changeDetails(_ change: (inout InvoiceDetails) -> Void) {
        details = Boxed.changing(details, unless: .none, change)
    }

    /// Writes what it was for (a `for` line). The text is not kept but read again from the file
    /// (`Ledger.purpose(of:)`): one invoice in six writes one, and each held it in a box of
    /// its own, 16 MB at a million invoices, for what only a summary reads.
    public var writesPurpose: Bool {
        get { flags.contains(.purpose) }
        set { flags.set(.purpose, newValue) }
    }

    public var interest: Percent? {
        get { details?.value.interest }
        set { changeDetails { $0.interest = newValue } }
    }

    public var compensation: DecimalValue? {
        get { details?.value.compensation }
        set { changeDetails { $0.compensation = newValue } }
    }

    /// The currency written after the invoice's compensation amount, if any.
    public var compensationCurrency: Currency? {
        get { details?.value.compensationCurrency }
        set { changeDetails { $0.compensationCurrency = newValue } }
    }

    /// `compensation statutory` on the invoice.
    public var statutoryCompensation: Bool {
        get { details?.value.statutoryCompensation ?? false }
        set { changeDetails { $0.statutoryCompensation = newValue } }
    }

    public var explicitDue: Day? {
        get { details?.value.explicitDue }
        set { changeDetails { $0.explicitDue = newValue } }
    }

    public var writtenCurrency: Currency? {
        get { details?.value.writtenCurrency }
        set { changeDetails { $0.writtenCurrency = newValue } }
    }

    public var writtenTotalCurrency: Currency? {
        get { details?.value.writtenTotalCurrency }
        set { changeDetails { $0.writtenTotalCurrency = newValue } }
    }

    /// Holds details few invoices write (`InvoiceDetails`), kept apart: for `LedgerFootprint`.
    var hasDetails: Bool { details != nil }

    public var due: Day { resolvedDue! }
    public var effectiveTerms: Terms { resolvedTerms! }

    /// The last day the early-payment discount can be taken, if any.
    public var discountDeadline: Day? {
        guard let d = effectiveTerms.discountDays, effectiveTerms.discountPercent != nil else { return nil }
        return issued.adding(days: d)
    }
}

/// Part of a payment or credit applied to one invoice. It does not hold the invoice's number:
/// the resolver reads it from the `apply` line to find `target`, whose number it then is, and
/// the rare line naming no invoice is read again when a diagnostic or an export names it
/// (`Ledger.invoiceNumber(applied:of:)`). Nor does it hold its minor units: once resolved they
/// are its amount in the payment's currency, or zero (`resolve(minor:precision:)`). A million
/// payments hold a million of these, in 20 bytes each (48 with the number and minor units):
/// no field is 8-byte aligned, the digits being held in two halves and the target as its
/// place plus one, so a line does not round up to 24.
public struct Allocation: Sendable, Hashable {
    // What is not there is kept as zero, so equal lines compare equal.
    private var digitsLow: UInt32 = 0
    private var digitsHigh: Int32 = 0
    /// The `apply` line (its second word is the invoice).
    public var line: LineAnchor
    /// The invoice's place in `Ledger.invoices` plus one; zero when no invoice has the number.
    private var targetAfterOne: UInt32 = 0
    private var amountScale: Int8 = 0
    private var hasAmount = false
    private var minorHeld = MinorHeld.none
    /// The decimals of the currency whose minor units `minor` holds (`MinorHeld.amount`).
    private var precision: UInt8 = 0

    private var amountDigits: Int64 {
        get { Int64(digitsHigh) << 32 | Int64(digitsLow) }
        set {
            digitsLow = UInt32(truncatingIfNeeded: newValue)
            digitsHigh = Int32(truncatingIfNeeded: newValue >> 32)
        }
    }

    /// Index of the invoice in `Ledger.invoices`; nil when no invoice has this number. Set by
    /// the resolver so later stages need not look the number up again.
    public var target: Int32? {
        @inline(__always) get { targetAfterOne == 0 ? nil : Int32(truncatingIfNeeded: targetAfterOne &- 1) }
        set {
            precondition(newValue.map { $0 >= 0 && $0 < Int32.max } ?? true, "an invoice's place in the ledger")
            targetAfterOne = newValue.map { UInt32($0) + 1 } ?? 0
        }
    }

    /// How `minor` is held.
    private enum MinorHeld: UInt8, Sendable, Hashable {
        case none, zero
        /// The amount in minor units of a currency with `precision` decimals (never zero).
        case amount
    }

    public init(amount: DecimalValue?, line: LineAnchor) {
        self.line = line
        self.amount = amount
    }

    /// nil: as much as the invoice has open.
    public var amount: DecimalValue? {
        get { hasAmount ? DecimalValue(digits: amountDigits, scale: Int(amountScale)) : nil }
        set {
            hasAmount = newValue != nil
            amountDigits = newValue?.digits ?? 0
            amountScale = Int8(clamping: newValue?.scale ?? 0)
            // An amount without such minor units leaves zero, held one way.
            if minorHeld == .amount && held(precision: Int(precision)) == nil { resolve(minor: 0, precision: 0) }
        }
    }

    /// The amount in the currency's minor units, once resolved; nil for a line without an
    /// amount, and zero when the resolver found the amount has none (reported).
    public var minor: Int64? {
        switch minorHeld {
        case .none: nil
        case .zero: 0
        case .amount: held(precision: Int(precision))
        }
    }

    /// The amount in minor units of a currency with `precision` decimals, when it has such and
    /// they are not zero.
    private func held(precision: Int) -> Int64? {
        guard let m = amount?.minorUnits(precision: precision), m != 0 else { return nil }
        return m
    }

    /// Sets `minor`: nil, or the amount in minor units of a currency with `precision` decimals,
    /// or zero.
    mutating func resolve(minor m: Int64?, precision p: Int) {
        switch m {
        case nil, 0:
            minorHeld = m == nil ? .none : .zero
            precision = 0
        case let m?:
            precondition(m == held(precision: p), "an apply line's minor units are its amount's, or zero")
            minorHeld = .amount
            precision = UInt8(p)
        }
    }
}

/// A payment received, or (with `isCredit`) a credit note: both settle invoices the same way.
/// (Laid out as `Invoice` is: 56 bytes instead of 152.) Its `method` and `ref`, and a credit
/// note's number and reason, are read again from the file when wanted (`notes(in:)`): only an
/// export, a timeline or a letter shows them, and a million payments held them in 32 bytes
/// each, then in a pointer to a box that few filled. Its minor units are not kept either: once resolved
/// they are its amount in its currency's, or zero (`resolve(minor:)`), and a flag says which.
///
/// A currency it writes shares the place of the currency it has: the resolver gives it the one
/// written, and until then it has none (`Currency.unknown`), so the place holds the one written
/// and a flag says the payment has none yet. Its date, a day a ledger can write, takes 22 bits,
/// beside the amount's scale; its other facts sit in the bits no currency uses
/// (`Currency.spareBits`). A million payments take 8 bytes fewer each.
public struct Payment: Sendable, Hashable {
    public var client: String
    private var amountDigits: Int64
    /// The header: `DATE payment CLIENT AMOUNT [CURRENCY]`.
    public var anchor: EntryAnchor
    /// Where its `apply` lines stand in `Ledger.allocations`, as `Invoice.itemRange`.
    public var allocationRange: Range<Int32> = 0..<0
    private var order32: Int32
    // Resolved by LedgerResolver, as are `currency` and `minor`.
    private var clientNumber32: Int32 = 0
    /// The currency, or the one written while it has none yet (`Flags.unresolved`), with the
    /// flags in the bits no currency uses.
    private var currencyAndFlags: UInt32
    /// The date, as days from 0001-01-01, in the low 22 bits; the amount's scale in the eight
    /// above; `onAccount` in the next and `writesNumber` in the top bit.
    private var dayAndScale: UInt32

    /// The small facts a payment holds, in the bits of `currencyAndFlags` no currency uses.
    private struct Flags: OptionSet, Sendable, Hashable {
        let rawValue: UInt32
        static let credit = Flags(rawValue: 1 << 25)
        static let clientNumber = Flags(rawValue: 1 << 26)
        static let writtenCurrency = Flags(rawValue: 1 << 27)
        /// A currency is written and the payment has none yet: `currency` is `unknown`.
        static let unresolved = Flags(rawValue: 1 << 30)
        /// `minor` is the amount in the currency's minor units (else zero).
        static let minorHeld = Flags(rawValue: 1 << 31)
    }

    private var flags: Flags {
        get { Flags(rawValue: currencyAndFlags & Currency.spareBits) }
        set { currencyAndFlags = currencyAndFlags & ~Currency.spareBits | newValue.rawValue }
    }

    /// The currency `currencyAndFlags` holds: the payment's, or the one written.
    private var heldCurrency: Currency {
        get { Currency(word: currencyAndFlags & ~Currency.spareBits) }
        set { currencyAndFlags = currencyAndFlags & Currency.spareBits | newValue.word }
    }

    /// 0001-01-01, the first day a ledger can write, from which `dayAndScale` counts.
    static var firstOrdinal: Int32 { -719_162 }
    private static var dayBits: UInt32 { 0x3F_FFFF }
    private static var numberBit: UInt32 { 1 << 31 }
    private static var onAccountBit: UInt32 { 1 << 30 }

    /// The texts of a payment's `method` and `ref` lines, and of a credit note's `number` and
    /// `reason`.
    public struct Notes: Sendable, Hashable {
        public var method: String?
        public var ref: String?
        public var number: String?
        public var reason: String?

        public init(method: String? = nil, ref: String? = nil, number: String? = nil, reason: String? = nil) {
            self.method = method
            self.ref = ref
            self.number = number
            self.reason = reason
        }
    }

    public init(date: Day, client: String, amount: DecimalValue, anchor: EntryAnchor, order: Int) {
        self.client = client
        amountDigits = amount.digits
        self.anchor = anchor
        self.order32 = Int32(clamping: order)
        currencyAndFlags = Currency.unknown.word
        dayAndScale = 0
        self.date = date
        amountScale = Int8(clamping: amount.scale)
    }

    /// A day a ledger can write, 0001-01-01 to 9999-12-31 (`Day.last`): all the parser reads.
    public var date: Day {
        get { Day(ordinal: Int32(bitPattern: dayAndScale & Self.dayBits) &+ Self.firstOrdinal) }
        set {
            let days = Int(newValue.ordinal) - Int(Self.firstOrdinal)
            precondition(days >= 0 && newValue <= .last, "a payment's date is a day a ledger can write")
            dayAndScale = dayAndScale & ~Self.dayBits | UInt32(days)
        }
    }

    private var amountScale: Int8 {
        get { Int8(truncatingIfNeeded: dayAndScale >> 22) }
        set { dayAndScale = dayAndScale & ~(0xFF << 22) | UInt32(UInt8(bitPattern: newValue)) << 22 }
    }

    public var amount: DecimalValue {
        get { DecimalValue(digits: amountDigits, scale: Int(amountScale)) }
        set {
            amountDigits = newValue.digits
            amountScale = Int8(clamping: newValue.scale)
            keepMinorHeld()
        }
    }

    /// Resolved by LedgerResolver: the currency written, when one is, else the client's or the
    /// ledger's. `unknown` until then, and when none could be found (reported). A payment that
    /// writes a currency has that one or none.
    public var currency: Currency {
        get { flags.contains(.unresolved) ? .unknown : heldCurrency }
        set {
            if flags.contains(.writtenCurrency) {
                precondition(newValue == heldCurrency || newValue == .unknown, "a payment that writes its currency has that one, or none yet")
                flags.set(.unresolved, newValue != heldCurrency)
            } else {
                heldCurrency = newValue
            }
            keepMinorHeld()
        }
    }

    /// The amount in minor units of `currency`, once resolved; zero before, and when the
    /// resolver found it has none (more decimals than the currency has, or too large: reported).
    public var minor: Int64 { flags.contains(.minorHeld) ? heldMinor ?? 0 : 0 }

    /// The amount in minor units of `currency`, when it has such and they are not zero.
    private var heldMinor: Int64? {
        guard let m = amount.minorUnits(precision: currency.precision), m != 0 else { return nil }
        return m
    }

    /// Sets `minor`: `m` is the amount in minor units of `currency`, or zero.
    mutating func resolve(minor m: Int64) {
        precondition(m == 0 || m == heldMinor, "a payment's minor units are its amount's, or zero")
        flags.set(.minorHeld, m != 0)
    }

    /// A changed amount or currency that has no minor units leaves `minor` zero, held one way.
    private mutating func keepMinorHeld() {
        if flags.contains(.minorHeld) && heldMinor == nil { flags.remove(.minorHeld) }
    }

    public var isCredit: Bool {
        get { flags.contains(.credit) }
        set { flags.set(.credit, newValue) }
    }

    /// Written on the header; once resolved, also the payment's `currency`.
    public var writtenCurrency: Currency? {
        get { flags.contains(.writtenCurrency) ? heldCurrency : nil }
        set {
            let has = currency
            if let written = newValue {
                precondition(has == written || has == .unknown, "a payment that writes its currency has that one, or none yet")
                heldCurrency = written
                flags.insert(.writtenCurrency)
                flags.set(.unresolved, has != written)
            } else {
                heldCurrency = has
                flags.subtract([.writtenCurrency, .unresolved])
            }
        }
    }

    /// Position among all entries as read, for stable ordering on equal dates.
    public var order: Int {
        get { Int(order32) }
        set { order32 = Int32(clamping: newValue) }
    }

    /// Index of the client in `Ledger.clients`; nil when no client has this id.
    public var clientNumber: Int32? {
        get { flags.contains(.clientNumber) ? clientNumber32 : nil }
        set {
            flags.set(.clientNumber, newValue != nil)
            clientNumber32 = newValue ?? 0
        }
    }

    /// A payment marked `on-account` (3.6): what its `apply` lines leave (all of it, without
    /// any) is held on account for the work not yet invoiced, and pays the client's next
    /// invoices, not those already open.
    public var onAccount: Bool {
        get { dayAndScale & Self.onAccountBit != 0 }
        set { dayAndScale = newValue ? dayAndScale | Self.onAccountBit : dayAndScale & ~Self.onAccountBit }
    }

    /// A credit note that writes its number (a valid one: `notes(in:)` reads it).
    public var writesNumber: Bool {
        get { dayAndScale & Self.numberBit != 0 }
        set { dayAndScale = newValue ? dayAndScale | Self.numberBit : dayAndScale & ~Self.numberBit }
    }
}

public struct WriteOff: Sendable, Hashable {
    public var date: Day
    public var client: String
    public var invoice: String
    public var amount: DecimalValue?
    public var writtenCurrency: Currency?
    public var reason: String?
    /// Waived with the client's knowledge (a `waived` line): letters name it. Without it a
    /// write-off is the user's own loss, a bad debt, and no letter tells the client of it.
    public var waived = false
    /// The header: `DATE writeoff CLIENT INVOICE [AMOUNT [CURRENCY]]`.
    public var anchor: EntryAnchor
    public var order: Int
    public var minor: Int64? = nil
}

/// A payment that came back unpaid (3.6, `returned`): a cheque returned, a direct debit or card
/// payment reversed, a transfer recalled. Written as a detail of its payment; kept apart from
/// the payments, which are laid out small for millions, as few ever come back.
public struct PaymentReturn: Sendable, Hashable {
    /// The day the money came back.
    public var date: Day
    /// The payment's header, which finds it again among the payments.
    public var payment: EntryAnchor
    /// The `returned` line.
    public var line: LineAnchor
    public var reason: String?
    /// The payment's place in the file.
    public var order: Int
    /// The payment as it was read; set by `LedgerResolver`.
    public var paid: Payment?
    /// The invoices its money had gone to before it came back, as the books stood the day
    /// before; set when it is taken out of the payments (`Ledger.takeOutReturnedPayments`).
    public var reopened: [String] = []
    /// Of `reopened`, those the payment had not closed (money was still open on them the day
    /// before it came back), with what it had paid of each: a letter says that much of such an
    /// invoice is unpaid again, not that the invoice is open again. Set with `reopened`.
    public var leftOpen: [String: Int64] = [:]
    /// What it had paid of each of `reopened`, closed or not: unpaid again since it came back.
    /// Set with `reopened`.
    public var unpaidAgain: [String: Int64] = [:]
    /// For a client with a payment plan, what each of its invoices had open the day before the
    /// payment came back, as the letters ask for it (`InvoiceBalance.asked`), by the invoice's
    /// place in the ledger: which instalments its money had paid is read from these
    /// (`LetterFields.instalmentsPaid`), not from a run of the books for each letter. Set with
    /// `reopened`; empty for a client with no plan, and of an invoice with nothing open.
    public var askedBefore: [Int: Int64] = [:]
    /// Whether it is taken out of the payments: from its day a returned payment is no payment.
    public var takenOut = false

    public init(date: Day, payment: EntryAnchor, line: LineAnchor, reason: String?, order: Int) {
        self.date = date
        self.payment = payment
        self.line = line
        self.reason = reason
        self.order = order
    }

    /// Whether it undoes its payment: not one dated before the payment (E424).
    public var counts: Bool { paid.map { $0.date <= date } ?? false }
}

/// Money held on account paid back to the client (3.13): it takes that much of what the client
/// holds on account in its currency out, and touches no invoice. Few in any ledger, so its
/// texts are kept, as a write-off's reason is.
public struct Refund: Sendable, Hashable {
    public var date: Day
    public var client: String
    public var amount: DecimalValue
    public var writtenCurrency: Currency?
    public var method: String?
    public var ref: String?
    public var reason: String?
    /// The header: `DATE refund CLIENT AMOUNT [CURRENCY]`.
    public var anchor: EntryAnchor
    public var order: Int
    // Resolved by LedgerResolver.
    public var currency = Currency.unknown
    public var minor: Int64 = 0

    public init(date: Day, client: String, amount: DecimalValue, anchor: EntryAnchor, order: Int) {
        self.date = date
        self.client = client
        self.amount = amount
        self.anchor = anchor
        self.order = order
    }
}

public enum NoteChannel: String, Sendable, Hashable, CaseIterable {
    case call, email, meeting, letter, chat, other
    /// A note for the file: recorded or imported by the user, not a contact with the client.
    case file

    /// The channel a word a user may write for one means: `phone` is a call, `e-mail` an email.
    public static func synonym(_ word: String) -> NoteChannel? {
        switch word.lowercased() {
        case "phone", "phoned", "telephone", "tel", "rang", "voicemail": .call
        case "e-mail": .email
        case "visit", "zoom", "teams", "video": .meeting
        case "post", "letters": .letter
        case "sms", "text", "whatsapp", "slack", "message", "im": .chat
        case "note", "memo", "internal": .file
        default: nil
        }
    }

    /// What to write for `mail`, which may mean an email or a letter by post: it is read as
    /// neither, as a client's `channel mail` is not taken for email (W426), and the hint names
    /// both rather than guess (a note's channel is what a letter thanks the client for).
    public static func eitherHint(_ word: String) -> String? {
        ChannelWordRule.isAmbiguous(word) ? "`\(word)` may mean an email or a letter by post: write `email` or `letter`" : nil
    }
}

/// A promise to pay by a day, perhaps of an amount, in a currency. (Held in 22 bytes: its
/// amount in 32-bit halves, so nothing in it is 8-byte aligned, and its minor units worked out
/// from the amount when asked; every note of a large ledger that records a promise carries one.)
public struct Promise: Sendable, Hashable {
    /// The day as the client said it; letters state it so.
    public var by: Day
    public var line: LineAnchor
    // What is not there is kept as zero, so equal promises compare equal.
    private var amountLow: UInt32 = 0
    private var amountHigh: Int32 = 0
    /// The currency written after the amount until the promise is resolved; then the one it is
    /// in (`currency`).
    private var currencyWord: UInt32 = Currency.unknown.word
    private var amountScale: Int8 = 0
    private var held: Held = []

    private struct Held: OptionSet, Sendable, Hashable {
        let rawValue: UInt8
        static let amount = Held(rawValue: 1)
        static let writtenCurrency = Held(rawValue: 2)
        /// The bits above these hold `lastDay`'s days after `by`.
        static let flags: UInt8 = 3
    }

    /// The last day money can arrive and keep the promise: `by`, or the next working day when
    /// `by` is a weekend or a holiday (`Settings.workingDay`), on which a transfer cannot
    /// arrive. Set by `LedgerResolver`; every judgement of kept or broken reads this, and the
    /// letters state `by`. Held as days after `by` in `held`'s spare bits (a promise is laid
    /// out small for the language server's many ledgers), at most 63: no run of closed days
    /// is longer.
    public var lastDay: Day {
        get { by.adding(days: Int(held.rawValue >> 2)) }
        set { held = Held(rawValue: held.rawValue & Held.flags | UInt8(clamping: max(0, min(63, newValue.days(since: by)))) << 2) }
    }

    public init(by: Day, amount: DecimalValue?, line: LineAnchor, currency: Currency? = nil) {
        self.by = by
        self.line = line
        self.amount = amount
        if let currency { self.currency = currency }
    }

    /// The amount promised, as written; nil when the promise names none.
    public var amount: DecimalValue? {
        get { held.contains(.amount) ? DecimalValue(digits: Int64(amountHigh) << 32 | Int64(amountLow), scale: Int(amountScale)) : nil }
        set {
            held.set(.amount, newValue != nil)
            let digits = newValue?.digits ?? 0
            amountLow = UInt32(truncatingIfNeeded: digits)
            amountHigh = Int32(truncatingIfNeeded: digits >> 32)
            amountScale = Int8(clamping: newValue?.scale ?? 0)
        }
    }

    /// The currency written after the amount (`promise 2026-04-28 900.00 EUR`); nil when none is.
    /// A promise that writes one is in that one.
    public var writtenCurrency: Currency? {
        get { held.contains(.writtenCurrency) ? Currency(word: currencyWord) : nil }
        set {
            held.set(.writtenCurrency, newValue != nil)
            currencyWord = (newValue ?? .unknown).word
        }
    }

    /// The currency the promise is in, and the only one its payments are counted in: the one
    /// written; else the client's; else the one currency of the client's invoices issued by
    /// the note's day (what it is about), or, none issued by then, of all of them; else, for a
    /// client with no invoices, the settings' (`LedgerResolver`). `unknown` until resolved, and
    /// when it cannot be told (the client's invoices are in several): no currency the client
    /// did not write is put in their words, and the promise counts as one of no amount
    /// (`inAnyCurrency`).
    public var currency: Currency {
        get { Currency(word: currencyWord) }
        set {
            precondition(writtenCurrency.map { $0 == newValue } ?? true, "a promise that writes its currency is in that one")
            currencyWord = newValue.word
        }
    }

    /// Kept by money in any currency: a promise of no amount and no currency written ("we will
    /// pay by Friday"), or one whose currency cannot be told, which letters quote without its
    /// amount, as a promise of payment by its day.
    public var inAnyCurrency: Bool { writtenCurrency == nil && (amount == nil || !currency.isKnown) }

    /// The amount in `currency`'s minor units; nil when no amount is named, before the currency is
    /// known, and when the amount has more decimals than the currency (reported when resolved).
    public var minor: Int64? {
        guard let a = amount, currency.isKnown else { return nil }
        return a.minorUnits(precision: currency.precision)
    }
}

public struct DisputeMark: Sendable, Hashable {
    public var invoice: String
    public var text: String?
    /// The `dispute` or `resolved` line (its second word is the invoice).
    public var line: LineAnchor
}

/// What few notes write: a dispute or its resolution, hardship, feedback (`ClientNote.details`).
struct NoteDetails: Sendable, Hashable {
    var disputes: [DisputeMark] = []
    var resolutions: [DisputeMark] = []
    var hardship: String?
    var feedback: String?

    static let none = NoteDetails()
}

// A note takes 88 bytes (160 with every field in place): what few write is kept apart
// (`NoteDetails`), as an invoice's is, and its fields stand in an order that leaves no padding.
public struct ClientNote: Sendable, Hashable {
    public var client: String
    public var with: String?
    private var details: Boxed<NoteDetails>?
    /// The header: `DATE note CLIENT [CHANNEL]`.
    public var anchor: EntryAnchor
    public var date: Day
    private var order32: Int32
    /// Where `firstSaid` starts, plus one; zero when the note has no `said` line. (A line
    /// anchor holds offsets within 4 GB: a ledger larger than that has lost them already.)
    private var firstSaidAfterOne: UInt32 = 0
    public var promise: Promise?
    public var channel: NoteChannel
    /// Marked `no-answer` (3.9): a call, email or visit of ours that no one answered. A record
    /// of our trying, not a reply: letters never thank the client for it.
    public var noAnswer = false

    /// The first `said` line: what the note is remembered by (`gist(in:)`). Its text is read
    /// again from the file when wanted rather than kept, as a hundred thousand notes held
    /// theirs in megabytes; the `said` lines after it are for the reader of the ledger.
    public var firstSaid: LineAnchor? {
        get { firstSaidAfterOne == 0 ? nil : LineAnchor(offset: Int(firstSaidAfterOne - 1)) }
        set { firstSaidAfterOne = newValue.map { $0.offset &+ 1 } ?? 0 }
    }

    public init(
        date: Day, client: String, channel: NoteChannel, with: String? = nil, firstSaid: LineAnchor? = nil, promise: Promise? = nil,
        disputes: [DisputeMark] = [], resolutions: [DisputeMark] = [], hardship: String? = nil, feedback: String? = nil, anchor: EntryAnchor, order: Int
    ) {
        self.date = date
        self.client = client
        self.channel = channel
        self.with = with
        self.promise = promise
        self.anchor = anchor
        self.order32 = Int32(clamping: order)
        self.firstSaid = firstSaid
        details = .holding(NoteDetails(disputes: disputes, resolutions: resolutions, hardship: hardship, feedback: feedback), unless: .none)
    }

    /// Position among all entries as read, for stable ordering on equal dates.
    public var order: Int {
        get { Int(order32) }
        set { order32 = Int32(clamping: newValue) }
    }

    public var disputes: [DisputeMark] {
        get { details?.value.disputes ?? [] }
        set { changeDetails { $0.disputes = newValue } }
    }

    public var resolutions: [DisputeMark] {
        get { details?.value.resolutions ?? [] }
        set { changeDetails { $0.resolutions = newValue } }
    }

    public var hardship: String? {
        get { details?.value.hardship }
        set { changeDetails { $0.hardship = newValue } }
    }

    public var feedback: String? {
        get { details?.value.feedback }
        set { changeDetails { $0.feedback = newValue } }
    }

    private mutating func changeDetails(_ change: (inout NoteDetails) -> Void) {
        details = Boxed.changing(details, unless: .none, change)
    }

    /// The client was in touch (a call, an email…); a `file` note is the user's own record and
    /// is neither a contact nor a reply, nor is a `no-answer` note, our attempt that no one
    /// answered.
    public var isContact: Bool { channel != .file && !noAnswer }

    /// Our call, email or visit that no one answered (`no-answer`): named in a demand's history
    /// as ours, never as the client's word.
    public var isUnansweredAttempt: Bool { noAnswer && channel != .file }

    /// The text of every `said` line, in order, read again from the file.
    public func said(in files: [SourceFile]) -> [String] {
        files.entry(anchor, details: true).details(.said).compactMap { files.detailText(LineAnchor(offset: $0.scanned.start), of: anchor) }
    }

    /// A one-line account of what was said, for reports and letters.
    public func gist(in files: [SourceFile]) -> String {
        if let line = firstSaid, let s = files.detailText(line, of: anchor) { return s }
        if let h = hardship { return h }
        if let d = disputes.first { return "disputed \(d.invoice)" + (d.text.map { ": \($0)" } ?? "") }
        if let r = resolutions.first { return "resolved the dispute on \(r.invoice)" + (r.text.map { ": \($0)" } ?? "") }
        if let p = promise { return "promised to pay by \(p.by)" }
        if let f = feedback { return f }
        return channel.rawValue
    }
}

public struct Instalment: Sendable, Hashable {
    /// The day as the plan states it; letters and tables state it so.
    public var date: Day
    /// The last day its money can arrive and be on time: `date`, or the next working day when
    /// `date` is a weekend or a holiday (`Settings.workingDay`), on which a transfer cannot
    /// arrive, as for a promise (`Promise.lastDay`). Set by `LedgerResolver`; every judgement
    /// of an instalment missed, late or still to come reads this, and counts days late from it.
    /// (Beside `date`, it takes the padding before `amount`: an instalment stays 32 bytes.)
    public var lastDay: Day
    public var amount: DecimalValue
    public var line: LineAnchor
    public var minor: Int64 = 0

    public init(date: Day, amount: DecimalValue, line: LineAnchor) {
        self.date = date
        lastDay = date
        self.amount = amount
        self.line = line
    }
}

public struct PaymentPlan: Sendable, Hashable {
    public var date: Day
    public var client: String
    public var amount: DecimalValue
    public var writtenCurrency: Currency?
    /// Invoices it covers; empty = all the client's open invoices on that date.
    public var invoices: [String] = []
    public var instalments: [Instalment] = []
    /// An instalment line could not be read (reported): the sum of the others says nothing.
    public var hasUnreadInstalment = false
    /// The header: `DATE plan CLIENT AMOUNT [CURRENCY]`.
    public var anchor: EntryAnchor
    public var order: Int
    public var currency = Currency.unknown
    public var minor: Int64 = 0

    /// Whether the plan is about `invoice`: one it names, or, naming none, one issued by its
    /// date. (Which of those were still open that day is the balances' to say:
    /// `PlanProgress` reads it where it matters.)
    public func isAbout(_ invoice: Invoice) -> Bool {
        invoices.isEmpty ? invoice.issued <= date : invoices.contains(invoice.number)
    }
}

public enum LetterStage: String, Sendable, Hashable, CaseIterable, Comparable {
    case courtesy, reminder
    case followUp = "follow-up"
    case final, demand
    case planOffer = "plan-offer"
    case instalment, dispute, thanks, statement

    /// Position on the collections ladder; nil for stages outside it.
    public var rung: Int? {
        switch self {
        case .courtesy: 0
        case .reminder: 1
        case .followUp: 2
        case .final: 3
        case .demand: 4
        default: nil
        }
    }

    public static func < (a: LetterStage, b: LetterStage) -> Bool {
        (a.rung ?? 99, a.rawValue) < (b.rung ?? 99, b.rawValue)
    }
}

/// A letter sent. Laid out for a quarter of a million of them: the invoices it names in one
/// string (`NamedInvoices`), its order in 32 bits, the small fields last.
public struct LetterSent: Sendable, Hashable {
    public var client: String
    public var invoices: NamedInvoices
    /// The header: `DATE letter CLIENT STAGE`.
    public var anchor: EntryAnchor
    public var date: Day
    private var order32: Int32
    public var stage: LetterStage

    public init(date: Day, client: String, stage: LetterStage, invoices: NamedInvoices = [], anchor: EntryAnchor, order: Int) {
        self.date = date
        self.client = client
        self.stage = stage
        self.invoices = invoices
        self.anchor = anchor
        order32 = Int32(clamping: order)
    }

    /// How it was sent (its `channel` line), read again from its file: only a later letter's
    /// account of what was sent reads it, and a quarter of a million letters held it in 16
    /// bytes each. Nil when it writes none.
    public func channel(in files: [SourceFile]) -> String? {
        EntrySource.values([.channel], of: anchor, in: files)[0]
    }

    /// Who it went to (its `to` line, as `due sent` wrote it: `SentJob.recipient`), read again
    /// from its file as the channel is: only a demand's history asks, of the letters it lists.
    /// Nil when it writes none (a letter recorded before `due sent` wrote one).
    public func recipient(in files: [SourceFile]) -> String? {
        EntrySource.values([.to], of: anchor, in: files)[0]
    }

    /// Position among all entries as read, for stable ordering on equal dates.
    public var order: Int {
        get { Int(order32) }
        set { order32 = Int32(clamping: newValue) }
    }
}

public struct BalanceAssertion: Sendable, Hashable {
    public var date: Day
    public var client: String
    public var invoice: String?
    public var amount: DecimalValue
    public var writtenCurrency: Currency?
    /// The header: `DATE balance CLIENT [INVOICE] AMOUNT [CURRENCY]`.
    public var anchor: EntryAnchor
    public var order: Int
    public var currency = Currency.unknown
    public var minor: Int64 = 0
}

public struct Include: Sendable, Hashable {
    public var path: String
    public var range: SourceRange
}

// Where the parts of each entry are written, read again from its anchor. A dated entry's
// header is `DATE KIND CLIENT …`: its client is word 2.

extension Client: Anchored {
    public func idRange(in files: [SourceFile]) -> SourceRange { files.word(1, of: anchor) }
}

extension Invoice: Anchored {
    public func numberRange(in files: [SourceFile]) -> SourceRange { files.word(3, of: anchor) }
}

extension OptionSet {
    /// Inserts or removes `member`.
    mutating func set(_ member: Element, _ on: Bool) {
        if on { insert(member) } else { remove(member) }
    }
}

extension Payment: Anchored {
    /// The amount and the currency written after it.
    public func amountRange(in files: [SourceFile]) -> SourceRange { files.entry(anchor).words(3, through: 4) }

    /// Its `method` and `ref`, as the parser read them: the text after the keyword of the first
    /// such line (a second is an error and not read). A credit note takes no `method`. A ledger
    /// read without positions has no files to read them from, and sets them aside instead
    /// (`Ledger.setAside`).
    public func notes(in files: [SourceFile]) -> Notes {
        if isCredit {
            let values = EntrySource.values([.number, .reason, .ref], of: anchor, in: files)
            // The number is the line's first word; one that is not an id was reported, and is none.
            let number = writesNumber ? values[0].map { String($0.prefix { $0 != " " && $0 != "\t" }) } : nil
            return Notes(ref: values[2], number: number, reason: values[1])
        }
        let values = EntrySource.values([.method, .ref], of: anchor, in: files)
        return Notes(method: values[0], ref: values[1])
    }
}

extension WriteOff: Anchored {
    public func invoiceRange(in files: [SourceFile]) -> SourceRange { files.word(3, of: anchor) }
}

extension ClientNote: Anchored {}

extension PaymentPlan: Anchored {
    /// Where each of `invoices` is named, in order.
    public func invoiceRanges(in files: [SourceFile]) -> [SourceRange] { files.entry(anchor, details: true).invoiceWords(.purpose) }
}

extension LetterSent: Anchored {
    public func stageRange(in files: [SourceFile]) -> SourceRange { files.word(3, of: anchor) }
    /// Where each of `invoices` is named, in order.
    public func invoiceRanges(in files: [SourceFile]) -> [SourceRange] { files.entry(anchor, details: true).invoiceWords(.invoices) }
}

extension BalanceAssertion: Anchored {
    public func invoiceRange(in files: [SourceFile]) -> SourceRange? { invoice == nil ? nil : files.word(3, of: anchor) }
    /// The amount and the currency written after it.
    public func amountRange(in files: [SourceFile]) -> SourceRange {
        let at = invoice == nil ? 3 : 4
        return files.entry(anchor).words(at, through: at + 1)
    }

    public func currencyRange(in files: [SourceFile]) -> SourceRange { files.word(invoice == nil ? 4 : 5, of: anchor) }
}
