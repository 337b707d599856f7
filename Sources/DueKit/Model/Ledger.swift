/// Everything read from a ledger and the files it includes, in the order written.
public struct Ledger: Sendable {
    public var files: [SourceFile] = []
    public var settings = Settings()
    public var sender: Sender?
    public var clients: [Client] = []
    public var invoices: [Invoice] = []
    /// The items of every invoice, each invoice's together and in order (`Invoice.itemRange`).
    public var items: [LineItem] = []
    /// Whether the invoices hold, in place of their items, what those add up to
    /// (`Invoice.itemTally`): a ledger read for a command that reads no item once it is
    /// resolved (`due check`) keeps none. The resolver makes each total from it and clears
    /// this; every invoice then has no items, as after `releaseItems`.
    public internal(set) var itemsTallied = false
    /// Only in a reading without positions (`FormatVerifier`): what the entries do not keep,
    /// which such a ledger cannot read again from its lines. Empty otherwise.
    public var setAside = SetAside()
    /// Payments and credit notes (`isCredit`), which settle invoices the same way.
    public var payments: [Payment] = []
    /// The `apply` lines of every payment and credit, each one's together and in order
    /// (`Payment.allocationRange`).
    public var allocations: [Allocation] = []
    public var writeOffs: [WriteOff] = []
    /// Money held on account paid back to clients (`refund` entries).
    public var refunds: [Refund] = []
    /// Payments that came back unpaid (`returned` lines), in the order written. Once a command
    /// knows its date, those returned by then are taken out of `payments`
    /// (`takeOutReturnedPayments`).
    public var returns: [PaymentReturn] = []
    public var notes: [ClientNote] = []
    public var plans: [PaymentPlan] = []
    public var letters: [LetterSent] = []
    public var assertions: [BalanceAssertion] = []
    public var includes: [Include] = []
    /// Invoices left out for a mistake in them (reported): a header with a date that is not
    /// one, or an `item`, `total` or `tax` that cannot be read. Entries that name one are not
    /// told it does not exist, and what its client owes is not known (`CheckContext.owingUnknown`).
    public var unreadInvoices: [UnreadInvoice] = []

    /// Parallel to `invoices`: what references to each read of it; filled by `LedgerResolver`.
    public internal(set) var briefs: [InvoiceBrief] = []
    /// First definition of each client id and invoice number; filled by `LedgerResolver`.
    public var clientIndex = IDTable([])
    public var invoiceIndex = IDTable([])
    /// What the resolver met for the rules to judge (duplicates, amounts it cannot hold,
    /// currencies that disagree); set by `LedgerResolver`.
    public var facts: [ResolutionFact] = []

    public init() {}

    public func client(_ id: String) -> Client? { clientIndex[id].map { clients[$0] } }
    public func invoice(_ number: String) -> Invoice? { invoiceIndex[number].map { invoices[$0] } }

    /// The invoice's items, in the order written.
    public func items(of invoice: Invoice) -> ArraySlice<LineItem> {
        items[Int(invoice.itemRange.lowerBound)..<Int(invoice.itemRange.upperBound)]
    }

    /// The payment's or credit's `apply` lines, in the order written.
    public func allocations(of payment: Payment) -> ArraySlice<Allocation> {
        allocations[Int(payment.allocationRange.lowerBound)..<Int(payment.allocationRange.upperBound)]
    }

    /// The `k`th `apply` line of the payment or credit.
    public func allocation(_ k: Int, of payment: Payment) -> Allocation {
        allocations[Int(payment.allocationRange.lowerBound) + k]
    }

    /// What the invoice was for, for letters and reports: its purpose, else its first item's
    /// description (read again from its line), else its reference.
    public func summary(of invoice: Invoice) -> String {
        var words = Words()
        return summary(of: invoice, words: &words)
    }

    /// The same, splitting the item's line into `words`: a reader of every invoice's summary
    /// (the journal export) splits a million lines into one buffer.
    func summary(of invoice: Invoice, words: inout Words) -> String {
        withSummary(of: invoice, words: &words) { String(decoding: $0, as: UTF8.self) }
    }

    /// The summary's UTF-8 bytes handed to `body`: an item's description read in place from
    /// the file, so a table row written from it makes no text of its own.
    func withSummary<R>(of invoice: Invoice, words: inout Words, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if var purpose = purpose(of: invoice) { return purpose.withUTF8(body) }
        if let first = items(of: invoice).first, let r = files.withItemDescription(first.line, of: invoice.anchor, words: &words, body) { return r }
        var reference = reference(of: invoice) ?? ""
        return reference.withUTF8(body)
    }

    /// What the invoice says it was for (its `for` line), read again from its file; nil when it
    /// writes none.
    public func purpose(of invoice: Invoice) -> String? {
        invoice.writesPurpose ? EntrySource.values([.purpose], of: invoice.anchor, in: files)[0] : nil
    }

    /// The invoice's `ref`, read again from its file: a million invoices need not each keep a
    /// text that only the summary of one without items reads.
    public func reference(of invoice: Invoice) -> String? {
        EntrySource.values([.ref], of: invoice.anchor, in: files)[0]
    }

    /// The currency an entry of this client uses when none is written.
    public func defaultCurrency(for client: String) -> Currency? {
        self.client(client)?.currency ?? settings.currency
    }

    /// Lets go of every item, for a reader that reads none once the ledger is resolved
    /// (`due check`: the resolver has multiplied them into each invoice's total and recorded
    /// what it found wrong with them, and no rule or balance reads one again). At a million
    /// invoices they hold some 60 MB, beside the balances at the check's peak. Every invoice is
    /// left with no items, so `items(of:)` stays true to the array.
    public mutating func releaseItems() {
        items = []
        invoices.withUnsafeMutableBufferPointer { all in
            for i in all.indices { all[i].itemRange = 0..<0 }
        }
    }

    /// Empties the ledger but keeps the storage of its large arrays, for a reader that fills one
    /// ledger after another.
    mutating func empty() {
        var invoices: [Invoice] = [], items: [LineItem] = [], payments: [Payment] = [], allocations: [Allocation] = []
        var setAside = SetAside()
        swap(&setAside, &self.setAside)
        swap(&invoices, &self.invoices)
        swap(&items, &self.items)
        swap(&payments, &self.payments)
        swap(&allocations, &self.allocations)
        self = Ledger()
        invoices.removeAll(keepingCapacity: true)
        items.removeAll(keepingCapacity: true)
        payments.removeAll(keepingCapacity: true)
        allocations.removeAll(keepingCapacity: true)
        setAside.removeAll(keepingCapacity: true)
        swap(&setAside, &self.setAside)
        swap(&invoices, &self.invoices)
        swap(&items, &self.items)
        swap(&payments, &self.payments)
        swap(&allocations, &self.allocations)
    }

    /// The main file's path (the first one read).
    public var mainPath: String? { files.first?.path }
}

extension Array {
    /// Moves the elements into storage of their own size when more than an eighth of it is
    /// room never used, as an array grown by doubling leaves.
    mutating func releaseSpareCapacity() {
        guard capacity - count > count / 8 else { return }
        self = withUnsafeBufferPointer { Array($0) }
    }
}

extension Range<Int32> {
    /// The same count of places, `offset` further on: where an entry's items or `apply` lines
    /// stand once the arrays they were read into are joined after others.
    func shifted(by offset: Int32) -> Range<Int32> { lowerBound + offset..<upperBound + offset }
}

/// An invoice left out for a mistake in it: its number and its client, as written, and where
/// it stands, for the figures of it that can be read (`LedgerResolver.Resolution.unreadInvoice`).
public struct UnreadInvoice: Sendable, Hashable {
    public var number: String
    public var client: String
    public var anchor: EntryAnchor? = nil
}
