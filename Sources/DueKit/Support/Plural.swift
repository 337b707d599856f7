/// "1 invoice", "2 invoices", "1,000 invoices": a count with its noun in the right number.
public enum Plural {
    public static func count(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        MoneyFormat.format(Int64(n), precision: 0) + " " + (n == 1 ? one : many ?? one + "s")
    }
}
