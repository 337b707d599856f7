/// Which invoices had part written off as a loss (a write-off without `waived`) by a sheet's
/// as-of date, by their place in `ledger.invoices`. A loss says nothing of how a client pays;
/// a sum waived with the client's knowledge does not hide that the rest was paid late, so the
/// payment habits and the client behaviour leave out only the first. Write-offs are few: looked
/// up once here, and asked only of an invoice with something written off.
struct LostInvoices {
    /// Empty when nothing was written off as a loss by the as-of date.
    private let marked: [Bool]

    init(ledger: Ledger, sheet: BalanceSheet) {
        var marked: [Bool] = []
        for (w, entry) in ledger.writeOffs.enumerated() where !entry.waived && w < sheet.writtenOff.count && sheet.writtenOff[w] > 0 {
            guard let i = ledger.invoiceIndex[entry.invoice] else { continue }
            if marked.isEmpty { marked = [Bool](repeating: false, count: ledger.invoices.count) }
            marked[i] = true
        }
        self.marked = marked
    }

    /// Whether invoice `invoice` (an index into `ledger.invoices`) had a loss written off it.
    func hasLoss(_ invoice: Int) -> Bool { !marked.isEmpty && marked[invoice] }
}
