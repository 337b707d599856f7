/// What a word of a `said` line may say, one flag for each list of `SaidVocabulary` it is in
/// and for each shape of number it has.
struct SaidKinds: OptionSet {
    let rawValue: UInt64

    static let we = SaidKinds(rawValue: 1 << 0)
    static let weAsked = SaidKinds(rawValue: 1 << 1)
    static let denied = SaidKinds(rawValue: 1 << 2)
    static let hedged = SaidKinds(rawValue: 1 << 3)
    static let planned = SaidKinds(rawValue: 1 << 4)
    static let determiner = SaidKinds(rawValue: 1 << 5)
    static let dueDay = SaidKinds(rawValue: 1 << 6)
    static let promised = SaidKinds(rawValue: 1 << 7)
    static let pays = SaidKinds(rawValue: 1 << 8)
    static let sends = SaidKinds(rawValue: 1 << 9)
    static let commits = SaidKinds(rawValue: 1 << 10)
    static let money = SaidKinds(rawValue: 1 << 11)
    static let day = SaidKinds(rawValue: 1 << 12)
    /// "today", "tonight", "eod": a day, but not one still to come.
    static let today = SaidKinds(rawValue: 1 << 13)
    static let month = SaidKinds(rawValue: 1 << 14)
    static let period = SaidKinds(rawValue: 1 << 15)
    static let beforePaid = SaidKinds(rawValue: 1 << 16)
    static let nextLike = SaidKinds(rawValue: 1 << 17)
    static let dayPrep = SaidKinds(rawValue: 1 << 18)
    static let itWord = SaidKinds(rawValue: 1 << 19)
    /// Money gone: "paid", "already", "sent", "transferred".
    static let done = SaidKinds(rawValue: 1 << 20)
    static let moneyNoun = SaidKinds(rawValue: 1 << 21)
    static let wayEnd = SaidKinds(rawValue: 1 << 22)
    static let ourMoney = SaidKinds(rawValue: 1 << 23)

    static let disputes = SaidKinds(rawValue: 1 << 24)
    static let queries = SaidKinds(rawValue: 1 << 25)
    static let wrong = SaidKinds(rawValue: 1 << 26)
    static let overcharged = SaidKinds(rawValue: 1 << 27)
    static let holding = SaidKinds(rawValue: 1 << 28)
    static let fixed = SaidKinds(rawValue: 1 << 29)
    static let invoicePart = SaidKinds(rawValue: 1 << 30)
    static let settled = SaidKinds(rawValue: 1 << 31)
    static let resent = SaidKinds(rawValue: 1 << 32)
    static let notTheInvoice = SaidKinds(rawValue: 1 << 33)
    /// "once", "until": paying held on something.
    static let until = SaidKinds(rawValue: 1 << 34)
    // Words without which a phrase of their kind cannot stand: "happy" ("not happy with"),
    // "refuses" ("refuses to pay"), "twice" ("charged twice"), "too" ("too high"), "received"
    // ("never received").
    static let unhappy = SaidKinds(rawValue: 1 << 35)
    static let refuses = SaidKinds(rawValue: 1 << 36)
    static let twice = SaidKinds(rawValue: 1 << 37)
    static let tooMuch = SaidKinds(rawValue: 1 << 38)
    static let received = SaidKinds(rawValue: 1 << 39)

    static let amount = SaidKinds(rawValue: 1 << 40)
    static let dayNumber = SaidKinds(rawValue: 1 << 41)
    static let ordinal = SaidKinds(rawValue: 1 << 42)
    static let dayAndMonth = SaidKinds(rawValue: 1 << 43)
    static let smallNumber = SaidKinds(rawValue: 1 << 44)
    static let invoiceLike = SaidKinds(rawValue: 1 << 45)
    static let part = SaidKinds(rawValue: 1 << 46)

    /// The words without one of which no clause promises to pay.
    static let promiseCues: SaidKinds = [.promised, .pays, .sends, .done, .money, .amount, .wayEnd]
    /// The words without one of which no clause disputes an invoice.
    static let disputeCues: SaidKinds = [.unhappy, .refuses, .pays, .holding, .disputes, .overcharged, .twice, .queries, .wrong, .tooMuch, .received]
}
