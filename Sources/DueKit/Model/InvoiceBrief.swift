/// What a reference to an invoice reads of it, kept in an array of its own beside
/// `Ledger.invoices` (`Ledger.briefs`). A large ledger's `apply` lines name invoices in no order
/// the cache can follow: an invoice spans nearly 300 bytes, its brief 20, so the briefs of
/// the invoices a stretch of payments names stay in the cache where the invoices do not.
/// Filled by `LedgerResolver`; the resolver, the balance engine and the reference check read
/// them once for every `apply` line.
public struct InvoiceBrief: Sendable, Hashable {
    // In this order a brief takes 16 bytes: four to a cache line, none split across two. The
    // optional client number, with its one-byte tag, came second and made 20.
    public var issued: Day
    public var currency: Currency
    /// Index of the client in `Ledger.clients`; nil when no client has this id.
    public var clientNumber: Int32?
    /// Whether its terms give an early-payment discount (`Invoice.discountDeadline`).
    public var offersDiscount: Bool

    /// The brief of a resolved invoice.
    init(_ invoices: UnsafeBufferPointer<Invoice>, _ i: Int) {
        // Field by field: a copy of the invoice would retain all of its strings.
        issued = invoices[i].issued
        clientNumber = invoices[i].clientNumber
        currency = invoices[i].currency
        offersDiscount = invoices[i].resolvedTerms?.discountPercent != nil && invoices[i].resolvedTerms?.discountDays != nil
    }
}
