/// A letter chases only what is open: naming an invoice settled before the day it was sent is
/// an error (E413). A letter crossing a payment on the same day is no mistake, and `thanks`
/// and `statement` letters are about paid invoices by nature.
enum SettledLetterRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        // A payment returned after the command's day is still in the books the check reads
        // (3.6), but not for a letter sent after it came back: such a letter is judged on the
        // books of its own day, with what had come back by then left out. Returns are few, and
        // so are the letters naming an invoice the books call settled: the books are read
        // again only for those, once a day.
        let pending = l.returns.filter { $0.counts && !$0.takenOut }.map(\.date)
        var asThen: [Day: BalanceSheet] = [:]
        // By index: a copy of each letter would retain all of its strings.
        for m in l.letters.indices where l.letters[m].stage != .thanks && l.letters[m].stage != .statement {
            let x = (date: l.letters[m].date, stage: l.letters[m].stage)
            for (k, number) in l.letters[m].invoices.enumerated() {
                guard let i = c.ids.letters.invoice(k, of: m), var settled = c.sheet.invoices[i].settled, settled < x.date,
                    c.sheet.invoices[i].issued
                else { continue }
                if pending.contains(where: { $0 <= x.date }) {
                    let then = asThen[x.date] ?? books(of: l, on: x.date)
                    asThen[x.date] = then
                    guard let s = then.invoices[i].settled, s < x.date else { continue }
                    settled = s
                }
                d.append(Diagnostic(.E413, "invoice \(number) was settled on \(settled), before this \(x.stage.rawValue) letter of \(x.date)", at: l.letters[m].invoiceRanges(in: l.files)[k], hint: "drop it from `invoices`, or check the dates of the letter and of the payment"))
            }
        }
    }

    /// The books of `day` with every payment that had come back by then taken out.
    static func books(of ledger: Ledger, on day: Day) -> BalanceSheet {
        var then = ledger
        then.takeOutReturnedPayments(by: day)
        return BalanceEngine.balances(then, asOf: day)
    }
}
