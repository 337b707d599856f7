/// The words `SaidText` knows, each with a number and its kinds, looked up by their bytes in
/// small letters (a curly apostrophe read as a straight one) packed into two machine words: no
/// text is made of a word to look it up.
final class SaidVocabulary: Sendable {
    static let shared = SaidVocabulary()

    /// One slot of the table: a word's bytes (zero past its end), its number and kinds.
    struct Slot {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var id: UInt16 = 0
        var kinds: SaidKinds = []
    }

    private let slots: [Slot]
    private let mask: Int
    private let ids: [String: UInt16]

    // Words the tests name one by one.
    let to: UInt16, it: UInt16, told: UInt16, me: UInt16, us: UInt16, end: UInt16, of: UInt16, paid: UInt16, sent: UInt16, now: UInt16, agreed: UInt16
    let commitPhrases: [[UInt16]], onTheWay: [[UInt16]]
    let tooMuch: [[UInt16]], chargedTwice: [[UInt16]], unhappy: [[UInt16]], notReceived: [[UInt16]], refusesToPay: [[UInt16]], wontPay: [[UInt16]]
    let settledPhrases: [[UInt16]], resentPhrases: [[UInt16]]

    /// The lists, by kind. A word may be in more than one.
    static let lists: [(SaidKinds, [String])] = [
        (.we, ["we", "i", "we'll", "we'd", "we've", "we're", "i'll", "i'd", "i've", "i'm", "weve", "ive", "im", "us", "our", "my", "me"]),
        (.weAsked, ["asked", "asking", "ask", "requested", "request", "requesting", "chased", "chasing", "reminded", "reminding", "told", "need", "needs", "needed", "want", "wants", "wanted", "demanded", "please", "pls", "plz"]),
        (.denied, ["not", "no", "never", "can't", "cant", "cannot", "won't", "wont", "don't", "dont", "didn't", "didnt", "couldn't", "couldnt", "wouldn't", "wouldnt", "isn't", "isnt", "unable", "refuse", "refuses", "refused", "refusing", "broke", "broken", "missed", "nothing"]),
        (.hedged, ["if", "once", "when", "unless", "provided", "assuming", "whether", "maybe", "might", "perhaps", "possibly", "hope", "hopes", "hoping", "hopefully", "try", "tries", "trying", "should", "could", "probably"]),
        (.planned, ["monthly", "weekly", "fortnightly", "quarterly", "instalment", "instalments", "installment", "installments", "plan", "half", "halves", "parts", "stages", "tranches"]),
        (.determiner, ["a", "an", "one", "the", "this", "that", "their", "bank"]),
        // "pmt due fri" is the invoice's due day, not their word.
        (.dueDay, ["due", "overdue"]),
        (.promised, ["promised", "promissed", "promsied", "promisd", "promied", "promiced", "promisses", "promises", "promise", "promising"]),
        (.pays, ["pay", "pays", "paying", "payin", "py", "settle", "settles", "settling", "transfer", "transfers", "transferring", "wire", "wires", "wiring", "remit"]),
        (.sends, ["send", "sends", "sending", "sendin", "post", "posting"]),
        (.commits, ["will", "wil", "wll", "she'll", "he'll", "they'll", "theyll", "gonna", "can", "promise", "agreed", "agree", "agrees", "confirmed", "confirms"]),
        (.money, ["payment", "payments", "pmt", "pmts", "pymt", "pymnt", "pmnt", "paymt", "paymnt", "paymet", "payemnt", "pyment", "money", "funds", "cheque", "chq", "bacs", "balance", "rest", "remainder"]),
        (.day, ["mon", "monday", "tue", "tues", "tuesday", "wed", "weds", "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday", "saturday", "sunday",
                "today", "tonight", "tomorrow", "tmrw", "tmw", "tmrow", "tomoz", "eom", "eow", "eod", "month-end", "week-end"]),
        // Money and "today" is as often what was talked of today ("discussed payment today"):
        // for money with no word of paying, a day still to come.
        (.today, ["today", "tonight", "eod"]),
        (.month, ["jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug", "august",
                  "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december"]),
        (.period, ["week", "wk", "month", "mth", "mnth", "wks", "weeks"]),
        (.beforePaid, ["be", "get", "gets", "getting"]),
        (.nextLike, ["next", "this", "end", "nxt"]),
        (.dayPrep, ["on", "by", "the"]),
        (.itWord, ["it", "it's", "its"]),
        (.done, ["already", "paid", "sent", "transferred", "wired", "remitted"]),
        (.moneyNoun, ["transfer", "wire"]),
        (.wayEnd, ["way", "post", "mail"]),
        (.ourMoney, ["refund", "refunds", "refunded", "credit", "rebate"]),
        (.disputes, ["dispute", "disputes", "disputed", "disputing", "dispte", "dispted", "disputs", "dipsute", "disupte", "disptue", "dispue", "contests", "contested", "contesting"]),
        (.queries, ["query", "queries", "queried", "querying", "qry", "querried", "quried", "queired", "questioned", "questioning", "questions", "challenged", "challenging"]),
        (.wrong, ["wrong", "incorrect", "inaccurate", "mistake", "error", "errors", "wrongly"]),
        (.overcharged, ["overcharged", "over-charged", "overcharging", "overbilled", "over-billed", "overcharge"]),
        (.holding, ["holding", "withholding", "hold"]),
        (.fixed, ["fixed", "corrected", "sorted", "amended", "reissued", "re-issued", "credit", "credited", "redone", "changed", "finished", "completed", "delivered", "resolved", "fix", "correct", "amend", "reissue"]),
        (.invoicePart, ["invoice", "invoices", "inv", "invs", "bill", "hours", "hrs", "hour", "hr", "amount", "amounts", "total", "totals", "charge", "charges", "charged", "rate", "rates",
                        "price", "prices", "pricing", "fee", "fees", "vat", "line", "lines", "items", "item", "days", "expenses", "mileage", "extras", "quote", "figures", "po"]),
        (.settled, ["resolved", "sorted", "explained", "clarified", "withdrawn", "withdrew", "dropped", "accepted", "accepts", "credited"]),
        (.resent, ["resent", "re-sent", "resending", "re-sending", "resend", "re-emailed", "reemailed", "forwarded", "reissued", "re-issued"]),
        (.notTheInvoice, ["reminder", "reminders", "letter", "letters", "statement", "email", "emails", "po", "remittance", "message", "voicemail"]),
        (.until, ["once", "when", "after", "until", "till", "til"]),
        (.unhappy, ["happy", "unhappy", "satisfied", "dissatisfied", "pleased", "complained", "complaining", "complaint", "complains"]),
        (.refuses, ["refuse", "refuses", "refused", "refusing"]),
        (.twice, ["twice", "double", "double-charged", "billed", "invoiced", "charged"]),
        (.tooMuch, ["too", "right"]),
        (.received, ["received", "recieved", "got", "arrived", "receive", "get", "record", "find"]),
        ([], ["to", "of", "now", "going", "about", "planning", "intend", "aim", "aiming", "able", "in", "with", "high", "much", "many", "hasn't", "hasnt", "haven't", "havent",
              "cleared", "up", "ok", "fine", "all", "good", "longer", "again", "copy", "emailed", "another"]),
    ]

    static let commitPhrases = ["going to", "about to", "plan to", "planning to", "intend to", "aim to", "aiming to", "able to"]
    static let onTheWay = ["on its way", "on it's way", "on the way", "in the post", "in post", "in the mail", "in mail"]
    static let tooMuch = ["too high", "too much", "too many", "not right"]
    static let chargedTwice = ["charged twice", "double charged", "double-charged", "billed twice", "invoiced twice", "double billed", "charged too much"]
    static let unhappy = [
        "not happy with", "unhappy with", "not happy about", "unhappy about", "not satisfied with", "dissatisfied with",
        "not pleased with", "complained about", "complaining about", "complaint about", "complains about",
    ]
    static let notReceived = [
        "never received", "never recieved", "never got", "never arrived", "not received", "not recieved",
        "didn't receive", "didnt receive", "didn't get", "didnt get", "hasn't received", "hasnt received",
        "haven't received", "havent received", "no record of", "can't find", "cant find",
    ]
    static let refusesToPay = ["refuse to pay", "refuses to pay", "refused to pay", "refusing to pay"]
    static let wontPay = ["won't pay", "wont pay", "will not pay", "not paying", "not going to pay"]
    static let settledPhrases = ["cleared up", "happy now", "ok now", "fine now", "now happy", "all good", "no longer"]
    static let resentPhrases = ["sent again", "sent a copy", "sent copy", "sent it again", "emailed a copy", "emailed copy", "emailed it again", "another copy"]

    init() {
        var ids: [String: UInt16] = [:]
        var kinds: [String: SaidKinds] = [:]
        var order: [String] = []
        for (kind, words) in Self.lists {
            for w in words {
                precondition(w.utf8.count <= 16, "a word longer than the key holds")
                if ids[w] == nil { ids[w] = UInt16(order.count + 1); order.append(w) }
                kinds[w, default: []].formUnion(kind)
            }
        }
        var size = 64
        while size < 4 * order.count { size *= 2 }
        var slots = [Slot](repeating: Slot(), count: size)
        for w in order {
            let (low, high) = Self.key(Array(w.utf8))
            var k = Self.hash(low, high) & (size - 1)
            while slots[k].low != 0 { k = (k + 1) & (size - 1) }
            slots[k] = Slot(low: low, high: high, id: ids[w]!, kinds: kinds[w]!)
        }
        self.slots = slots
        mask = size - 1
        self.ids = ids
        func id(_ w: String) -> UInt16 { ids[w]! }
        func phrase(_ p: String) -> [UInt16] { p.split(separator: " ").map { id(String($0)) } }
        to = id("to"); it = id("it"); told = id("told"); me = id("me"); us = id("us"); end = id("end"); of = id("of"); paid = id("paid"); sent = id("sent"); now = id("now")
        agreed = id("agreed")
        commitPhrases = Self.commitPhrases.map(phrase)
        onTheWay = Self.onTheWay.map(phrase)
        tooMuch = Self.tooMuch.map(phrase)
        chargedTwice = Self.chargedTwice.map(phrase)
        unhappy = Self.unhappy.map(phrase)
        notReceived = Self.notReceived.map(phrase)
        refusesToPay = Self.refusesToPay.map(phrase)
        wontPay = Self.wontPay.map(phrase)
        settledPhrases = Self.settledPhrases.map(phrase)
        resentPhrases = Self.resentPhrases.map(phrase)
    }

    /// A byte in small letters.
    @inline(__always) static func small(_ ch: UInt8) -> UInt8 { ch >= 0x41 && ch <= 0x5A ? ch | 0x20 : ch }

    static func key(_ bytes: [UInt8]) -> (UInt64, UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0
        for (k, ch) in bytes.enumerated() {
            if k < 8 { low |= UInt64(ch) << (8 * k) } else { high |= UInt64(ch) << (8 * (k - 8)) }
        }
        return (low, high)
    }

    @inline(__always) static func hash(_ low: UInt64, _ high: UInt64) -> Int {
        Int(truncatingIfNeeded: ((low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F)) >> 40)
    }

    /// The word at `b[s..<e]`, in any case; nil for a word it does not hold (or longer than any).
    @inline(__always) func lookUp(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Slot? {
        var low: UInt64 = 0, high: UInt64 = 0
        var k = 0, i = s
        while i < e {
            var ch = b[i]
            // "’" (E2 80 99) is read as "'".
            if ch == 0xE2, i + 2 < e, b[i + 1] == 0x80, b[i + 2] == 0x99 {
                ch = UInt8(ascii: "'")
                i += 2
            } else if ch >= 0x80 {
                return nil
            }
            guard k < 16 else { return nil }
            ch = Self.small(ch)
            if k < 8 { low |= UInt64(ch) << (8 * k) } else { high |= UInt64(ch) << (8 * (k - 8)) }
            k += 1
            i += 1
        }
        var slot = Self.hash(low, high) & mask
        while true {
            let found = slots[slot]
            if found.low == 0 { return nil }
            if found.low == low && found.high == high { return found }
            slot = (slot + 1) & mask
        }
    }
}
