/// Amounts `due` cannot hold exactly: more decimals than the currency has (E301), or beyond the
/// largest amount or total it handles (E302). The resolver counts each such amount as zero and
/// records where it met it.
enum AmountRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        for fact in c.ledger.facts {
            switch fact {
            case .amountNotHeld(let v, let cur, let range):
                if v.significantScale > cur.precision {
                    d.append(Diagnostic(.E301, "\(v) has more decimals than \(cur.code) allows (\(cur.precision))", at: range, hint: cur.precision == 0 ? "\(cur.code) amounts are whole numbers" : "round it to \(cur.precision) decimals"))
                } else {
                    d.append(Diagnostic(.E302, "\(v) \(cur.code) is larger than the largest amount due handles (\(MoneyFormat.format(LedgerResolver.maxMinor, precision: cur.precision)))", at: range))
                }
            case .itemTooLarge(let range):
                d.append(Diagnostic(.E302, "this item comes to more than the largest amount due handles", at: range))
            case .invoiceTooLarge(let number, let range):
                d.append(Diagnostic(.E302, "invoice \(number) comes to more than the largest amount due handles", at: range))
            case .currencyTotalPassed(let what, let cur, let range):
                d.append(Diagnostic(.E302, "the \(what) in \(cur.code) add up to more than the largest total due handles (\(MoneyFormat.format(LedgerResolver.maxCurrencyTotal, precision: cur.precision)))", at: range, hint: "this and any later ones count as zero"))
            default:
                continue
            }
        }
    }
}
