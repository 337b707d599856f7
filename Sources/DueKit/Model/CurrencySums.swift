/// Amounts summed per currency over the few currencies one client's invoices use, in a short
/// list searched in place: a letter adds up each of its hundred rows into several such sums,
/// and a dictionary hashed the currency of every one.
struct CurrencySums {
    private var sums: [(currency: Currency, minor: Int64)] = []

    mutating func add(_ minor: Int64, in currency: Currency) {
        if let k = sums.firstIndex(where: { $0.currency == currency }) {
            sums[k].minor += minor
        } else {
            sums.append((currency, minor))
        }
    }

    /// The sum in `currency`, nil when nothing in it was added (not even zero).
    subscript(currency: Currency) -> Int64? { sums.first { $0.currency == currency }?.minor }

    /// How many currencies were met.
    var count: Int { sums.count }

    /// Each currency met, with its sum, in the currencies' order.
    var sorted: [(currency: Currency, minor: Int64)] { sums.sorted { $0.currency < $1.currency } }
}
