/// An invoice's written `total` against its items plus tax (E303), and a tax rate on an invoice
/// with no items to apply it to (W303), as the resolver worked them out.
enum InvoiceTotalRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        for fact in c.ledger.facts {
            switch fact {
            case .totalDiffers(let number, let written, let subtotal, let tax, let total, let cur, let range):
                func money(_ v: Int64) -> String { MoneyFormat.format(v, precision: cur.precision) }
                // The sum is spelt out only when tax makes it one.
                let hint = tax.map { "items come to \(money(subtotal)) + tax \(money($0)) = \(money(total))\(cur.afterAmount)" } ?? "items come to \(money(total))\(cur.afterAmount)"
                d.append(Diagnostic(.E303, "invoice \(number) says its total is \(money(written)) but its items add up to \(money(total))", at: c.ledger.files.amountWord(in: range), hint: hint + "; correct the total or the items"))
            case .taxWithoutItems(let number, let range):
                d.append(Diagnostic(.W303, "invoice \(number) has a tax rate but no items: the total is taken as written, tax included", at: range))
            default:
                continue
            }
        }
    }
}
