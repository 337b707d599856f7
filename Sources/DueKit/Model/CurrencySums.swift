/// Amounts summed per currency, in a short list searched in order: a ledger has a handful of
/// currencies, and a dictionary hashed the currency of every invoice, payment or table row
/// added in. A currency counts as met once anything is added in it, even nothing.
struct CurrencySums {
    /// The currencies met, in the order met, and each one's sum.
    private(set) var currencies: [Currency] = []
    private var sums: [Int64] = []

    mutating func add(_ minor: Int64, in currency: Currency) {
        self[currency] += minor
    }

    /// The sum in `currency`: 0 when none was met. Setting it meets the currency.
    subscript(currency: Currency) -> Int64 {
        get { currencies.firstIndex(of: currency).map { sums[$0] } ?? 0 }
        set {
            if let k = currencies.firstIndex(of: currency) {
                sums[k] = newValue
            } else {
                currencies.append(currency)
                sums.append(newValue)
            }
        }
    }

    /// How many currencies were met.
    var count: Int { currencies.count }

    /// Each currency met, with its sum, in the currencies' order.
    var sorted: [(currency: Currency, minor: Int64)] {
        zip(currencies, sums).map { (currency: $0, minor: $1) }.sorted { $0.currency < $1.currency }
    }
}
