/// Interest and fixed compensation on late invoices, computed only from what the ledger states:
/// the rate and amount written on the invoice or, failing that, on its client. `due` never
/// supplies a statutory rate of its own.
public struct LateClaim: Sendable {
    public struct Line: Sendable, Hashable {
        public var invoice: Int
        public var number: String
        public var open: Int64
        public var due: Day
        public var days: Int
        public var rate: Percent?
        /// open × rate/100 × days/365, rounded half away from zero to the currency's precision.
        public var interest: Int64
        public var compensation: Int64
        /// The compensation is the statutory band (`compensation statutory`), not a stated sum.
        public var statutory = false
        public var currency: Currency
    }

    public var lines: [Line]

    public init(invoices: [Int], ledger: Ledger, sheet: BalanceSheet) {
        let asOf = sheet.asOf
        var lines: [Line] = []
        for i in invoices {
            let inv = ledger.invoices[i]
            let client = ledger.client(inv.client)
            let rate = inv.interest ?? client?.interest
            // A sum stated on the invoice wins over the client's; `statutory` on either asks for the band.
            let statutory = inv.statutoryCompensation || (inv.compensation == nil && client?.statutoryCompensation == true)
            let comp = statutory ? nil : inv.compensation ?? client?.compensation
            let band = statutory ? StatutoryCompensation.amount(total: inv.total, currency: inv.currency) : nil
            let days = asOf.days(since: inv.due)
            guard days > 0, rate != nil || comp != nil || band != nil else { continue }
            let open = sheet.invoices[i].open
            let interest = rate.map { LateClaim.interest(open: open, rate: $0, days: days) } ?? 0
            let compensation = band ?? comp?.minorUnits(precision: inv.currency.precision) ?? 0
            lines.append(Line(invoice: i, number: inv.number, open: open, due: inv.due, days: days, rate: rate, interest: interest, compensation: compensation, statutory: band != nil, currency: inv.currency))
        }
        self.lines = lines
    }

    /// Simple yearly interest on `open` minor units for `days` days, exact until the one rounding.
    public static func interest(open: Int64, rate: Percent, days: Int) -> Int64 {
        let numerator = Int128(open) * Int128(rate.digits) * Int128(days)
        let denominator = 100 * MoneyFormat.pow10(rate.scale) * 365
        return Int64(MoneyFormat.divideRounded(numerator, denominator))
    }

    public var isEmpty: Bool { lines.isEmpty }

    /// Interest plus compensation per currency, in currency order.
    public var totals: [(Currency, Int64)] {
        var t: [Currency: Int64] = [:]
        for l in lines { t[l.currency, default: 0] += l.interest + l.compensation }
        return t.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// The fixed sum per late invoice that the law sets for business debts, for
/// `compensation statutory`. UK: the Late Payment of Commercial Debts Regulations 2002 (section
/// 5A of the 1998 Act) give GBP 40 for a debt under 1,000, 70 from 1,000 to 9,999.99 and 100 from
/// 10,000. EU: Directive 2011/7/EU, article 6, gives at least EUR 40. The debt is the invoice's
/// total. No other currency has a sum here: `due` does not guess the law.
public enum StatutoryCompensation {
    static let gbp = Currency("GBP"), eur = Currency("EUR")

    /// In minor units; nil for a currency without a statutory sum.
    public static func amount(total: Int64, currency: Currency) -> Int64? {
        if currency == gbp {
            if total < 1_000_00 { return 40_00 }
            if total < 10_000_00 { return 70_00 }
            return 100_00
        }
        if currency == eur { return 40_00 }
        return nil
    }
}
