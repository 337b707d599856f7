/// "1 invoice", "2 invoices", "1,000 invoices": a count with its noun in the right number.
public enum Plural {
    public static func count(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        MoneyFormat.format(Int64(n), precision: 0) + " " + (n == 1 ? one : many ?? one + "s")
    }

    /// "once", "twice", "six times", "21 times": how often, in words while it reads well.
    public static func times(_ n: Int) -> String {
        n == 1 ? "once" : n == 2 ? "twice" : cardinal(n) + " times"
    }

    /// "three", "twelve", "21": how many, in words while it reads well.
    public static func cardinal(_ n: Int) -> String {
        let words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        return n >= 1 && n <= words.count ? words[n - 1] : MoneyFormat.format(Int64(n), precision: 0)
    }

    /// "fourth", "twelfth", "21st": a place in a series, in words while it reads well.
    public static func ordinal(_ n: Int) -> String {
        let words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"]
        if n >= 1 && n <= words.count { return words[n - 1] }
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return MoneyFormat.format(Int64(n), precision: 0) + suffix
    }

    /// "A-1", "A-1 and A-2", "A-1, A-2 or A-3": items joined as a sentence lists them.
    public static func list(_ items: [String], or: Bool = false) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + items.last!
        }
    }
}
