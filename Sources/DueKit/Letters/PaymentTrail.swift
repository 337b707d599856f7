/// Which invoices each of a client's payments and credit notes went to
/// (`LetterFields.invoicesPaid`), and from the other side which of them reached an invoice,
/// worked out once for a letter as it is first asked.
///
/// A letter asks both many times: of each payment it thanks for, and of each invoice it lists
/// (which payments reached it, and when). Asking every payment again for every invoice grew with
/// invoices × payments, and read each `apply` line's invoice number from the file each time: a
/// client with sixty open invoices and a hundred payments had the same six thousand answers
/// worked out again in one letter.
struct PaymentTrail {
    private let story: ClientStory
    private let ledger: Ledger
    private let sheet: BalanceSheet
    /// Invoice numbers by payment (`Payment.order`), as each was first asked.
    private var paid: [Int: [String]] = [:]
    /// The client's payments (not credit notes) by the invoice they went to (its index in
    /// `ledger.invoices`), in the story's order; made on the first question of that kind.
    private var paymentsTo: [Int: [Payment]]?
    private var creditsTo: [Int: [Payment]]?

    init(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) {
        self.story = story
        self.ledger = ledger
        self.sheet = sheet
    }

    /// The invoices `p` went to, as `LetterFields.invoicesPaid` gives them.
    mutating func invoices(paidBy p: Payment) -> [String] {
        if let known = paid[p.order] { return known }
        let numbers = LetterFields.invoicesPaid(by: p, ledger: ledger, sheet: sheet)
        paid[p.order] = numbers
        return numbers
    }

    /// The client's payments that went to invoice `number`, in the order of `story.payments`:
    /// `story.payments.filter { invoices(paidBy: $0).contains(number) }`.
    mutating func payments(to number: String) -> [Payment] {
        if paymentsTo == nil { paymentsTo = index(story.payments) }
        return ledger.invoiceIndex[number].flatMap { paymentsTo?[$0] } ?? []
    }

    /// The same of the client's credit notes (`story.credits`).
    mutating func credits(to number: String) -> [Payment] {
        if creditsTo == nil { creditsTo = index(story.credits) }
        return ledger.invoiceIndex[number].flatMap { creditsTo?[$0] } ?? []
    }

    /// By the invoices each went to, found as `LetterFields.invoicesPaid` finds them but by
    /// their places in the ledger: no number is read or compared for a line already resolved.
    private func index(_ selection: EntrySelection<Payment>) -> [Int: [Payment]] {
        var byInvoice: [Int: [Payment]] = [:]
        for p in selection {
            func add(_ i: Int) {
                if byInvoice[i]?.last?.order != p.order { byInvoice[i, default: []].append(p) }
            }
            for (k, a) in ledger.allocations(of: p).enumerated() {
                if let t = a.target.map(Int.init) {
                    // Settled before the money came, it took none of it (as `invoicesPaid`).
                    if let settled = sheet.invoices[t].settled, settled < p.date, sheet.invoices[t].writtenOff == 0 { continue }
                    add(t)
                } else if let i = ledger.invoiceIndex[ledger.invoiceNumber(applied: k, of: p)] {
                    add(i)
                }
            }
            for a in sheet.applied[p.order] ?? [] { add(a.invoice) }
        }
        return byInvoice
    }
}
