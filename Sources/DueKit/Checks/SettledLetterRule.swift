/// A letter chases only what is open: naming an invoice settled before the day it was sent is
/// an error (E413). A letter crossing a payment on the same day is no mistake, and `thanks`
/// and `statement` letters are about paid invoices by nature.
enum SettledLetterRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout [Diagnostic]) {
        let l = c.ledger
        for (m, x) in l.letters.enumerated() where x.stage != .thanks && x.stage != .statement {
            for (k, number) in x.invoices.enumerated() {
                guard let i = c.ids.letters.invoice(k, of: m), let settled = c.sheet.invoices[i].settled, settled < x.date,
                    c.sheet.invoices[i].issued
                else { continue }
                d.append(Diagnostic(.E413, "invoice \(number) was settled on \(settled), before this \(x.stage.rawValue) letter of \(x.date)", at: x.invoiceRanges(in: l.files)[k], hint: "drop it from `invoices`, or check the dates of the letter and of the payment"))
            }
        }
    }
}
