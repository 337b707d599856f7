/// What a reference to an invoice reads of it, kept in an array of its own beside
/// `Ledger.invoices` (`Ledger.briefs`). A large ledger's `apply` lines name invoices in no order
/// the cache can follow: an invoice spans more than 100 bytes, its brief 12, so the briefs of
/// the invoices a stretch of payments names stay in the cache where the invoices do not.
/// Filled by `LedgerResolver`; the resolver, the balance engine and the reference check read
/// them once for every `apply` line.
public struct InvoiceBrief: Sendable, Hashable {
    // Twelve bytes: a million briefs are held through the whole check, beside the balances.
    // The optional client number with its tag and the discount's flag took eight, and made 20;
    // a client's place is never near 2^31, so its place plus one and the flag share four. The
    // issue date, which the reference check compares for every `apply` line, is here too: read
    // from the invoice, each line waited on a second cache miss (realistic 1M check 1.03 s ->
    // 1.00 s, varied 1.23 -> 1.20 s, for 4 MB more).
    public var currency: Currency
    public var issued: Day
    /// The client's place plus one (zero: no client has its id) in the low 31 bits; the top
    /// bit says whether its terms give an early-payment discount.
    private var clientAndDiscount: UInt32

    private static var discountBit: UInt32 { 1 << 31 }

    /// Index of the client in `Ledger.clients`; nil when no client has this id.
    public var clientNumber: Int32? {
        get {
            let place = clientAndDiscount & ~Self.discountBit
            return place == 0 ? nil : Int32(place - 1)
        }
        set {
            precondition(newValue.map { $0 >= 0 && $0 < Int32.max } ?? true, "a client's place in the ledger")
            clientAndDiscount = clientAndDiscount & Self.discountBit | (newValue.map { UInt32($0) + 1 } ?? 0)
        }
    }

    /// Whether its terms give an early-payment discount (`Invoice.discountDeadline`).
    public var offersDiscount: Bool {
        get { clientAndDiscount & Self.discountBit != 0 }
        set { clientAndDiscount = newValue ? clientAndDiscount | Self.discountBit : clientAndDiscount & ~Self.discountBit }
    }

    /// The brief of a resolved invoice.
    init(_ invoices: UnsafeBufferPointer<Invoice>, _ i: Int) {
        // Field by field: a copy of the invoice would retain all of its strings.
        currency = invoices[i].currency
        issued = invoices[i].issued
        clientAndDiscount = 0
        clientNumber = invoices[i].clientNumber
        offersDiscount = invoices[i].resolvedTerms?.discountPercent != nil && invoices[i].resolvedTerms?.discountDays != nil
    }
}
