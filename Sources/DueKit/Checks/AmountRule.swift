/// Amounts `due` cannot hold exactly: more decimals than the currency has (E301), or beyond the
/// largest amount or total it handles (E302); and a unit price that may be thousands written
/// with a dot (W313). The resolver counts each amount it cannot hold as zero and
/// records where it met it.
enum AmountRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        for fact in c.ledger.facts {
            switch fact {
            case .amountNotHeld(let v, let cur, let whole):
                // The amount itself, not the keyword before it.
                let range = c.ledger.files.amountWord(in: whole)
                // With no currency found (reported on its own), the number of decimals is the
                // common two's, and no code is named for it.
                let name = cur.isKnown ? cur.code : "its currency"
                if v.significantScale > cur.precision {
                    // Three digits after the dot read as thousands as well (1.234 for 1,234):
                    // "round it" alone would invite 1.23.
                    if let thousands = v.asThousands(precision: cur.precision).map({ MoneyFormat.format($0, precision: cur.precision) }) {
                        d.append(Diagnostic(.E301, "\(v) has more decimals than \(name) allows (\(cur.precision)): is it \(thousands) written with a dot between the thousands?", at: range,
                                            hint: "write \(thousands), or round it to \(cur.precision) decimals: thousands are grouped with commas, and a dot starts the decimals"))
                        continue
                    }
                    d.append(Diagnostic(.E301, "\(v) has more decimals than \(name) allows (\(cur.precision))", at: range, hint: cur.precision == 0 ? "\(cur.code) amounts are whole numbers" : "round it to \(cur.precision) decimals"))
                } else if v.scale > cur.precision {
                    // Only zeros beyond: held as written, but it may be a thousands separator.
                    let plain = MoneyFormat.format(v.minorUnits(precision: cur.precision) ?? 0, precision: cur.precision)
                    // Three digits after the dot read as thousands: 1.200 as 1,200.
                    let thousands = v.asThousands(precision: cur.precision).map { MoneyFormat.format($0, precision: cur.precision) }
                    d.append(Diagnostic(.E301, "\(v) has more decimals than \(name) allows (\(cur.precision))" + (thousands.map { ": is it \(plain), or \($0) written with a dot between the thousands?" } ?? ""), at: range,
                                        hint: thousands.map { "write \(plain), or \($0): thousands are grouped with commas, and a dot starts the decimals" } ?? "write \(plain)"))
                } else {
                    d.append(Diagnostic(.E302, "\(v)\(cur.afterAmount) is larger than the largest amount due handles (\(MoneyFormat.format(LedgerResolver.maxMinor, precision: cur.precision)))", at: range))
                }
            case .priceLooksGrouped(let cur, let line):
                let range = c.ledger.files.amountWord(in: line)
                let written = c.ledger.files.bytes(range), text = String(decoding: written, as: UTF8.self)
                guard case .valid(let v) = DecimalValue.parse(written, allowNegative: false, allowGrouping: true), let thousands = v.asThousands(precision: cur.precision) else { continue }
                let p = max(cur.precision, v.significantScale)
                let plain = MoneyFormat.format(v.minorUnits(precision: p) ?? 0, precision: p)
                let grouped = MoneyFormat.format(thousands, precision: cur.precision)
                d.append(Diagnostic(.W313, "unit price \(text) has three decimals: is it \(plain), or \(grouped) written with a dot between the thousands?", at: range,
                                    hint: "write \(plain), or \(grouped): thousands are grouped with commas, and a dot starts the decimals"))
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
