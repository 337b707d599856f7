/// A letter chases only what is open: naming an invoice settled before the day it was sent is
/// an error (E413). A letter crossing a payment on the same day is no mistake, and `thanks`
/// and `statement` letters are about paid invoices by nature.
enum SettledLetterRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        // By index: a copy of each letter would retain all of its strings.
        for m in l.letters.indices where l.letters[m].stage != .thanks && l.letters[m].stage != .statement {
            let x = (date: l.letters[m].date, stage: l.letters[m].stage)
            for (k, number) in l.letters[m].invoices.enumerated() {
                guard let i = c.ids.letters.invoice(k, of: m), let settled = c.sheet.invoices[i].settled, settled < x.date,
                    c.sheet.invoices[i].issued
                else { continue }
                d.append(Diagnostic(.E413, "invoice \(number) was settled on \(settled), before this \(x.stage.rawValue) letter of \(x.date)", at: l.letters[m].invoiceRanges(in: l.files)[k], hint: "drop it from `invoices`, or check the dates of the letter and of the payment"))
            }
        }
    }
}
