/// Which invoices had been disputed by a sheet's as-of date, by their place in
/// `ledger.invoices`: the client behaviour and the payment habits ask it of every settled
/// invoice, and hashing each one's number to ask the sheet cost a large ledger's report a
/// second and more. Disputes are few; they are looked up once here, by number.
///
/// Answers as `BalanceSheet.wasDisputed(_:)` does for the invoice's number, for every invoice
/// that is not a duplicate: the resolver's index finds the first invoice of a number (as Swift
/// compares strings), and duplicates are never issued, so no report asks about one.
struct DisputedInvoices {
    /// Empty when nothing was disputed by the as-of date.
    private let marked: [Bool]

    init(ledger: Ledger, sheet: BalanceSheet) {
        var marked: [Bool] = []
        for number in sheet.disputes.spans.keys where sheet.wasDisputed(number) {
            guard let i = ledger.invoiceIndex[number] else { continue }
            if marked.isEmpty { marked = [Bool](repeating: false, count: ledger.invoices.count) }
            marked[i] = true
        }
        self.marked = marked
    }

    /// Whether invoice `invoice` (an index into `ledger.invoices`) had been disputed by the
    /// as-of date, resolved since or not.
    func wasDisputed(_ invoice: Int) -> Bool { !marked.isEmpty && marked[invoice] }
}
