/// What a note's `said` line records is for the reader; only its `promise` and `dispute` lines
/// make the letters act (3.9). A note that writes the client's promise ("spoke to Hana, will pay
/// Fri") with no `promise` line holds no letter and names no broken promise (W431). The first
/// `said` line is read, as W427 reads it, clause by clause (`SaidClause`); a clause that is ours
/// ("we promised to resend"), denied ("said they can't pay"), hedged ("might pay Fri") or a
/// question is passed over, as are notes marked `no-answer` (the client said nothing).
enum UnmarkedWordRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        var open = OpenInvoices(c)
        for n in l.notes where !n.noAnswer && n.promise == nil {
            guard let line = n.firstSaid, let said = l.files.detailText(line, of: n.anchor) else { continue }
            let clauses = SaidClause.clauses(said)
            // Read again only for a warning: most notes have none.
            func at() -> SourceRange { l.files.detail(.said, of: n.anchor) ?? l.files.word(1, of: n.anchor) }
            if let promise = promise(in: clauses), open.any(of: n.client, on: n.date) {
                d.append(Diagnostic(.W431, "this note says they will pay (\"\(promise.text)\") but has no `promise` line", at: at(),
                                    hint: "add `promise DATE [AMOUNT]` so letters wait for it and name it if it is broken"))
            }
        }
    }

    /// The clause that records the client's promise to pay, unless another says they will pay
    /// in parts (a plan's business).
    static func promise(in clauses: [SaidClause]) -> SaidClause? {
        clauses.contains(where: \.arrangesParts) ? nil : clauses.first(where: \.promisesToPay)
    }

    /// Which invoices were open on a note's day: issued by then and not settled by its end. The
    /// client's invoices are gathered the first time a note's text calls for it, as few do.
    struct OpenInvoices {
        let c: CheckContext
        private var byClient: [String: [Int]]?

        init(_ c: CheckContext) { self.c = c }

        func isOpen(_ i: Int, on day: Day) -> Bool {
            guard i < c.sheet.invoices.count, c.ledger.invoices[i].issued <= day else { return false }
            return c.sheet.invoices[i].settled.map { $0 > day } ?? true
        }

        mutating func any(of client: String, on day: Day) -> Bool {
            invoices(of: client).contains { isOpen($0, on: day) }
        }

        private mutating func invoices(of client: String) -> [Int] {
            if byClient == nil { byClient = Dictionary(grouping: c.ledger.invoices.indices) { c.ledger.invoices[$0].client } }
            return byClient?[client] ?? []
        }
    }
}

/// One clause of a `said` line (between stops, commas, semicolons, brackets and dashes), as
/// written and as words in small letters, and what it says of the client's word. Each test
/// reads whole words, so "paying" is not "pay" and "S-241" stays one word.
struct SaidClause {
    /// As written, for the warning to quote.
    let text: Substring
    let words: [Substring]
    /// It ended with a question mark: a question, not what they said.
    let asked: Bool

    /// `text` cut at the marks that end a clause: `;:!?()` and long dashes anywhere, a stop or
    /// a comma before a blank or the end (not inside `1.5k` or `1,500.00`), a hyphen standing
    /// alone ("Called Ann - no reply").
    static func clauses(_ text: String) -> [SaidClause] {
        var clauses: [SaidClause] = []
        var start = text.startIndex
        var k = text.startIndex
        func cut(at end: String.Index, asked: Bool) {
            let part = text[start..<end].drop(while: \.isWhitespace)
            let trimmed = part[..<(part.lastIndex { !$0.isWhitespace }.map { part.index(after: $0) } ?? part.startIndex)]
            if !trimmed.isEmpty { clauses.append(SaidClause(trimmed, asked: asked)) }
        }
        while k < text.endIndex {
            let ch = text[k], next = text.index(after: k)
            let endsHere = ";:!?()—–".contains(ch)
                || ((ch == "." || ch == ",") && (next == text.endIndex || text[next].isWhitespace))
                || (ch == "-" && (k == text.startIndex || text[text.index(before: k)].isWhitespace) && (next == text.endIndex || text[next].isWhitespace))
            if endsHere {
                cut(at: k, asked: ch == "?")
                start = next
            }
            k = next
        }
        cut(at: text.endIndex, asked: false)
        return clauses
    }

    init(_ text: Substring, asked: Bool) {
        self.text = text
        self.asked = asked
        let small = String(text.lowercased().map { $0 == "’" ? "'" : $0 })
        words = small.split(whereSeparator: \.isWhitespace).map { word in
            let inner = word.drop { Self.around.contains($0) }
            return inner[..<(inner.lastIndex { !Self.around.contains($0) }.map { inner.index(after: $0) } ?? inner.startIndex)]
        }.filter { !$0.isEmpty }
    }

    /// What a word may have around it in a sentence: quotes, brackets, a trailing stop.
    static let around: Set<Character> = ["\"", "'", "“", "”", "‘", "<", ">", "[", "]", "{", "}", ".", ",", "*"]

    func has(_ set: Set<Substring>) -> Bool { words.contains { set.contains($0) } }

    /// Whether `phrase` (words in small letters, one blank apart) stands in the clause.
    func has(_ phrase: [Substring]) -> Bool {
        guard phrase.count <= words.count else { return false }
        return (0...(words.count - phrase.count)).contains { k in words[k..<(k + phrase.count)].elementsEqual(phrase) }
    }

    func hasAny(_ phrases: [[Substring]]) -> Bool { phrases.contains(where: has) }

    /// Ours, by its first word ("we promised to resend", "I'll call Fri"), or what we asked of
    /// them ("asked them to pay by Fri", "told her we need it Fri"); "told me" is theirs.
    var isOurs: Bool {
        guard let first = words.first else { return false }
        if Self.we.contains(first) { return true }
        return words.indices.contains { k in
            Self.weAsked.contains(words[k]) && !(words[k] == "told" && k + 1 < words.count && ["me", "us"].contains(words[k + 1]))
        }
    }

    // MARK: A promise to pay (W431)

    /// Whether the clause records the client's promise to pay: a word of promising ("promised
    /// 1.5k by end of month"); a payment with a word that commits to it ("will pay", "can
    /// pay", "agreed to pay") or a day ("paying on the 28th", "pay Fri", "sending it today");
    /// money on its way ("cheque in the post"); or money and a day ("rest by end of nxt wk").
    /// Not when it is ours, denied, hedged, a question, a plan (monthly, instalments), or about
    /// money already paid.
    var promisesToPay: Bool {
        guard !asked, !isOurs, !has(Self.denied), !has(Self.hedged), !saysPaid, !has(Self.dueDay) else { return false }
        return hasPromiseWord || (paysMoney && (has(Self.commits) || hasAny(Self.commitPhrases) || namesADay)) || onItsWay || (hasMoney && namesADay(Self.laterDays))
    }

    /// "promised", "promissed", "promise to pay": not "promised to call back".
    var hasPromiseWord: Bool {
        words.indices.contains { k in
            guard Self.promised.contains(words[k]) else { return false }
            guard k + 1 < words.count, words[k + 1] == "to" else { return true }
            return k + 2 < words.count && isPayment(at: k + 2)
        }
    }

    /// A word of paying ("pay", "settle", "transfer"), or of sending money ("send it", "sending
    /// the rest", "send pmt").
    var paysMoney: Bool { words.indices.contains(where: isPayment) }

    func isPayment(at k: Int) -> Bool {
        // "in one transfer", "a wire": the thing, not the act.
        if Self.pays.contains(words[k]) { return k == 0 || !Self.determiners.contains(words[k - 1]) }
        if isToBePaid(at: k) { return true }
        guard Self.sends.contains(words[k]) else { return false }
        return words[(k + 1)...].prefix(3).contains { Self.money.contains($0) || $0 == "it" || Self.isAmount($0) }
    }

    /// "will be paid Fri": paying still to come.
    func isToBePaid(at k: Int) -> Bool {
        words[k] == "paid" && k > 0 && ["be", "get", "gets", "getting"].contains(words[k - 1])
    }

    /// "already sent", "paid last week": money they say is paid, not promised.
    var saysPaid: Bool { words.indices.contains { words[$0] == "already" || (words[$0] == "paid" && !isToBePaid(at: $0)) } }

    /// "payment on its way", "cheque in the post", "it's in the post".
    var onItsWay: Bool {
        hasAny(Self.onTheWay) && (hasMoney || words.contains { ["it", "it's", "its"].contains($0) })
    }

    var hasMoney: Bool { words.contains { Self.money.contains($0) || Self.isAmount($0) } }

    /// A day the money is to come by: a weekday, "today", "tomorrow", "next week", "end of
    /// month", "eom", "the 28th", "15/7", a month's name after a number.
    var namesADay: Bool { namesADay(Self.days) }

    func namesADay(_ days: Set<Substring>) -> Bool {
        words.indices.contains { k in
            let w = words[k]
            if days.contains(w) { return true }
            if ["next", "this", "end", "nxt"].contains(w), k + 1 < words.count, Self.periods.contains(words[k + 1]) || Self.days.contains(words[k + 1]) { return true }
            if w == "end", k + 1 < words.count, words[k + 1] == "of" { return true }
            if Self.isOrdinal(w) || Self.isDayAndMonth(w) { return true }
            // "3 July", "July 3rd"
            if Self.months.contains(w), (k > 0 && Self.isDayNumber(words[k - 1])) || (k + 1 < words.count && Self.isDayNumber(words[k + 1])) { return true }
            // "on 28", "by the 5"
            if let n = Int(w), (1...31).contains(n), k > 0, ["on", "by", "the"].contains(words[k - 1]) { return true }
            return false
        }
    }

    /// "1.5k", "£500", "1,500.00", "500gbp", "750": a number that is no day, count or hour.
    static func isAmount(_ w: Substring) -> Bool {
        var s = w
        if let f = s.first, "£$€".contains(f) { s = s.dropFirst() }
        for unit in ["k", "gbp", "eur", "usd"] where s.hasSuffix(unit) { s = s.dropLast(unit.count); break }
        guard let f = s.first, f.isNumber, s.allSatisfy({ $0.isNumber || $0 == "," || $0 == "." }) else { return false }
        // A bare small number is a day or a count ("on 28", "2 invoices"); money is written bigger or marked.
        return s != w || s.contains(",") || s.contains(".") || (Int(s) ?? 0) >= 50
    }

    static func isDayNumber(_ w: Substring) -> Bool { isOrdinal(w) || Int(w).map { (1...31).contains($0) } ?? false }

    static func isOrdinal(_ w: Substring) -> Bool {
        ["st", "nd", "rd", "th"].contains { w.hasSuffix($0) && w.count > 2 && w.dropLast(2).allSatisfy(\.isNumber) }
    }

    /// "15/7", "15/07/2026", "2026-07-15".
    static func isDayAndMonth(_ w: Substring) -> Bool {
        let parts = w.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count >= 2, parts.count <= 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isNumber) }) { return true }
        return Day.parse(String(w)) != nil
    }

    static let we: Set<Substring> = ["we", "i", "we'll", "we'd", "we've", "we're", "i'll", "i'd", "i've", "i'm", "weve", "ive", "im", "us", "our", "my", "me"]
    static let weAsked: Set<Substring> = ["asked", "asking", "ask", "requested", "request", "requesting", "chased", "chasing", "reminded", "reminding", "told", "need", "needs", "needed", "want", "wants", "wanted", "demanded", "please", "pls", "plz"]
    static let denied: Set<Substring> = ["not", "no", "never", "can't", "cant", "cannot", "won't", "wont", "don't", "dont", "didn't", "didnt", "couldn't", "couldnt", "wouldn't", "wouldnt", "isn't", "isnt", "unable", "refuse", "refuses", "refused", "refusing", "broke", "broken", "missed", "nothing"]
    static let hedged: Set<Substring> = ["if", "once", "when", "unless", "provided", "assuming", "whether", "maybe", "might", "perhaps", "possibly", "hope", "hopes", "hoping", "hopefully", "try", "tries", "trying", "should", "could", "probably"]
    /// Paying in parts ("monthly", "half now and the rest in December", "in two parts") is an
    /// arrangement a `plan` records, not one promise: a note that says so anywhere is passed over.
    var arrangesParts: Bool { has(Self.planned) }
    static let planned: Set<Substring> = [
        "monthly", "weekly", "fortnightly", "quarterly", "instalment", "instalments", "installment", "installments", "plan", "half", "halves", "parts", "stages", "tranches",
    ]
    static let determiners: Set<Substring> = ["a", "an", "one", "the", "this", "that", "their", "bank"]
    /// "pmt due fri" is the invoice's due day, not their word.
    static let dueDay: Set<Substring> = ["due", "overdue"]
    static let promised: Set<Substring> = ["promised", "promissed", "promsied", "promisd", "promied", "promiced", "promisses", "promises", "promise", "promising"]
    static let pays: Set<Substring> = ["pay", "paying", "payin", "py", "settle", "settling", "transfer", "transferring", "wire", "wiring", "remit"]
    static let sends: Set<Substring> = ["send", "sending", "sendin", "post", "posting"]
    static let commits: Set<Substring> = ["will", "wil", "wll", "she'll", "he'll", "they'll", "theyll", "gonna", "can", "promise", "agreed", "agree", "agrees", "confirmed", "confirms"]
    static let commitPhrases: [[Substring]] = [["going", "to"], ["about", "to"], ["plan", "to"], ["planning", "to"], ["intend", "to"], ["aim", "to"], ["aiming", "to"], ["able", "to"]]
    static let onTheWay: [[Substring]] = [["on", "its", "way"], ["on", "it's", "way"], ["on", "the", "way"], ["in", "the", "post"], ["in", "post"], ["in", "the", "mail"], ["in", "mail"]]
    static let money: Set<Substring> = ["payment", "payments", "pmt", "pmts", "pymt", "pymnt", "pmnt", "paymt", "paymnt", "paymet", "payemnt", "pyment", "money", "funds", "cheque", "chq", "bacs", "balance", "rest", "remainder"]
    static let days: Set<Substring> = [
        "mon", "monday", "tue", "tues", "tuesday", "wed", "weds", "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday", "saturday", "sunday",
        "today", "tonight", "tomorrow", "tmrw", "tmw", "tmrow", "tomoz", "eom", "eow", "eod", "month-end", "week-end",
    ]
    /// Money and "today" is as often what was talked of today ("discussed payment today"): for
    /// money with no word of paying, a day still to come.
    static let laterDays = days.subtracting(["today", "tonight", "eod"])
    static let months: Set<Substring> = [
        "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug", "august",
        "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
    ]
    static let periods: Set<Substring> = ["week", "wk", "month", "mth", "mnth", "wks", "weeks"]
}
