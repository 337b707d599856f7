/// A `said` line read over its bytes: its words, each known by what it may say (`SaidKinds`),
/// and its clauses (between stops, commas, semicolons, brackets and dashes). Each test reads
/// whole words, so "paying" is not "pay" and "S-241" stays one word. The words and clauses are
/// written in room kept from note to note; a line none of whose words could say the client's
/// word (`SaidKinds.cues`) costs one pass over its bytes.
struct SaidText {
    struct Word {
        /// Offsets in the text, without what a sentence puts around a word (quotes, a stop).
        var start: Int
        var end: Int
        /// The word's number in the vocabulary, 0 for one it does not hold.
        var id: UInt16
        var kinds: SaidKinds
    }

    struct Clause {
        var words: Range<Int>
        /// Offsets of the clause in the text, as written, for a warning to quote.
        var start: Int
        var end: Int
        /// It ended with a question mark: a question, not what they said.
        var asked: Bool
        /// What its words may say, together.
        var kinds: SaidKinds
    }

    private(set) var words: [Word] = []
    private(set) var clauses: [Clause] = []
    /// What the words of the whole text may say.
    private(set) var kinds: SaidKinds = []
    /// How many of its words are a part ("1/2", "1/3"), and whether one is followed by "now".
    private var parts = 0
    private var partNow = false
    let v = SaidVocabulary.shared

    /// Reads `b`, the text of a `said` line, cut into clauses at the marks that end one: `;:!?()`
    /// and long dashes anywhere, a stop or a comma before a blank or the end (not inside `1.5k`
    /// or `1,500.00`), a hyphen standing alone ("Called Ann - no reply").
    mutating func read(_ b: UnsafeBufferPointer<UInt8>) {
        words.removeAll(keepingCapacity: true)
        clauses.removeAll(keepingCapacity: true)
        kinds = []
        parts = 0
        partNow = false
        let n = b.count
        var clause = Clause(words: 0..<0, start: -1, end: 0, asked: false, kinds: [])
        var i = 0
        while i < n {
            let ch = b[i]
            if ch == 0x20 || ch == 0x09 { i += 1; continue }
            let cut = Self.cut(b, at: i)
            if cut > 0 {
                endClause(&clause, asked: ch == UInt8(ascii: "?"))
                i += cut
                continue
            }
            // A word: to the next blank or mark that ends a clause.
            let start = i
            while i < n, b[i] != 0x20, b[i] != 0x09, Self.cut(b, at: i) == 0 { i += 1 }
            if clause.start < 0 { clause.start = start }
            clause.end = i
            if let word = word(b, start, i) {
                words.append(word)
                clause.kinds.formUnion(word.kinds)
            }
        }
        endClause(&clause, asked: false)
    }

    private mutating func endClause(_ clause: inout Clause, asked: Bool) {
        clause.words = clause.words.lowerBound..<words.count
        if !clause.words.isEmpty {
            clause.asked = asked
            clauses.append(clause)
            kinds.formUnion(clause.kinds)
        }
        clause = Clause(words: words.count..<words.count, start: -1, end: 0, asked: false, kinds: [])
    }

    /// How many bytes at `i` end a clause (a long dash is three), or 0.
    @inline(__always) static func cut(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let ch = b[i]
        func blankOrEnd(_ k: Int) -> Bool { k < 0 || k >= b.count || b[k] == 0x20 || b[k] == 0x09 }
        switch ch {
        case UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "("), UInt8(ascii: ")"): return 1
        case UInt8(ascii: "."), UInt8(ascii: ","): return blankOrEnd(i + 1) ? 1 : 0
        case UInt8(ascii: "-"): return blankOrEnd(i - 1) && blankOrEnd(i + 1) ? 1 : 0
        // "—" and "–": E2 80 94, E2 80 93.
        case 0xE2: return i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0x94 || b[i + 2] == 0x93) ? 3 : 0
        default: return 0
        }
    }

    /// How many bytes at `i` are what a sentence puts around a word: quotes, brackets, a
    /// trailing stop (`"'<>[]{}.,*`, and curly quotes, E2 80 98 to 9D), or 0.
    @inline(__always) static func around(_ b: UnsafeBufferPointer<UInt8>, at i: Int, before end: Int) -> Int {
        switch b[i] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "*"): return 1
        case 0xE2: return i + 2 < end && b[i + 1] == 0x80 && (0x98...0x9D).contains(b[i + 2]) ? 3 : 0
        default: return 0
        }
    }

    /// The word written at `start..<end`, without what is around it; nil when nothing is left.
    private mutating func word(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Word? {
        var s = start, e = end
        while s < e { let k = Self.around(b, at: s, before: e); if k == 0 { break }; s += k }
        // From the end: a one-byte mark, or the last three bytes of a curly quote.
        while s < e {
            if Self.around(b, at: e - 1, before: e) == 1 { e -= 1; continue }
            if e - s >= 3, Self.around(b, at: e - 3, before: e) == 3 { e -= 3; continue }
            break
        }
        guard s < e else { return nil }
        var word = Word(start: s, end: e, id: 0, kinds: [])
        if let known = v.lookUp(b, s, e) {
            word.id = known.id
            word.kinds = known.kinds
        }
        word.kinds.formUnion(Self.numberKinds(b, s, e))
        if word.kinds.contains(.part) {
            parts += 1
        } else if word.id == v.now, let last = words.last, last.kinds.contains(.part) {
            partNow = true
        }
        return word
    }

    // MARK: Numbers, read over bytes

    static func isDigit(_ ch: UInt8) -> Bool { ch >= 0x30 && ch <= 0x39 }

    /// What a word with a digit in it may be: money, a day, an invoice's number, a part.
    static func numberKinds(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> SaidKinds {
        var digits = false
        for k in s..<e where isDigit(b[k]) { digits = true; break }
        guard digits else { return [] }
        let w = UnsafeBufferPointer(rebasing: b[s..<e])
        var kinds: SaidKinds = []
        if isAmount(w) { kinds.insert(.amount) }
        let value = number(w)
        if isOrdinal(w) { kinds.formUnion([.ordinal, .dayNumber]) }
        if let value, (1...31).contains(value) { kinds.formUnion([.dayNumber, .smallNumber]) }
        if isDayAndMonth(w) { kinds.insert(.dayAndMonth) }
        if w.contains(UInt8(ascii: "-")) || (w[0] == UInt8(ascii: "#") && w.count > 1) { kinds.insert(.invoiceLike) }
        // "1/2 now": a half, a third or a quarter, not the 1st of February.
        if w.count == 3, w[1] == UInt8(ascii: "/"), isDigit(w[0]), isDigit(w[2]), (2...4).contains(w[2] - 0x30), w[0] > 0x30, w[0] < w[2] { kinds.insert(.part) }
        return kinds
    }

    /// The word as a whole number of digits alone, when it is one of at most nine.
    static func number(_ w: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !w.isEmpty, w.count <= 9, w.allSatisfy(isDigit) else { return nil }
        return w.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// "1.5k", "£500", "1,500.00", "500gbp", "750": a number that is no day, count or hour.
    static func isAmount(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = 0, e = w.count
        // "£" (C2 A3), "$", "€" (E2 82 AC).
        if w.count >= 2, w[0] == 0xC2, w[1] == 0xA3 { s = 2 } else if w[0] == UInt8(ascii: "$") { s = 1 } else if w.count >= 3, w[0] == 0xE2, w[1] == 0x82, w[2] == 0xAC { s = 3 }
        if endsWith(w, e, "k") { e -= 1 } else if endsWith(w, e, "gbp") || endsWith(w, e, "eur") || endsWith(w, e, "usd") { e -= 3 }
        guard s < e, isDigit(w[s]) else { return false }
        var marked = false
        for k in s..<e {
            let ch = w[k]
            if ch == UInt8(ascii: ",") || ch == UInt8(ascii: ".") { marked = true } else if !isDigit(ch) { return false }
        }
        // A bare small number is a day or a count ("on 28", "2 invoices"); money is written bigger or marked.
        return marked || s > 0 || e < w.count || (number(UnsafeBufferPointer(rebasing: w[s..<e])) ?? Int.max) >= 50
    }

    /// Whether `w[..<e]` ends with `suffix`, in small or capital letters.
    static func endsWith(_ w: UnsafeBufferPointer<UInt8>, _ e: Int, _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard e >= count else { return false }
        let p = suffix.utf8Start
        for k in 0..<count where SaidVocabulary.small(w[e - count + k]) != p[k] { return false }
        return true
    }

    static func isOrdinal(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        guard w.count > 2, endsWith(w, w.count, "st") || endsWith(w, w.count, "nd") || endsWith(w, w.count, "rd") || endsWith(w, w.count, "th") else { return false }
        return w[..<(w.count - 2)].allSatisfy(isDigit)
    }

    /// "15/7", "15/07/2026", "2026-07-15".
    static func isDayAndMonth(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        var parts = 1, length = 0
        for ch in w {
            if ch == UInt8(ascii: "/") {
                guard length > 0 else { return false }
                parts += 1
                length = 0
            } else {
                guard isDigit(ch), length < 4 else { return dayParses(w) }
                length += 1
            }
        }
        return (parts == 2 || parts == 3) && length > 0
    }

    static func dayParses(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        if case .valid = DayParser.parse(w) { return true }
        return false
    }

    /// Reads `b` and says what it records of the client's word: a promise to pay (looked for when
    /// `promise`) or a dispute (when `dispute`); nil, having made no text, when it records neither.
    mutating func heard(in b: UnsafeBufferPointer<UInt8>, promise: Bool, dispute: Bool) -> UnmarkedWordRule.Heard? {
        read(b)
        let promised = promise ? self.promise() : nil
        let disputed = dispute ? self.dispute() : nil
        guard promised != nil || disputed != nil else { return nil }
        var heard = UnmarkedWordRule.Heard(promise: promised.map { text(of: $0, in: b) }, dispute: disputed.map { text(of: $0, in: b) })
        if disputed != nil {
            var k = 0
            while k < b.count {
                while k < b.count, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
                let start = k
                while k < b.count, b[k] != 0x20, b[k] != 0x09 { k += 1 }
                if start < k { heard.words.append((String(decoding: UnsafeBufferPointer(rebasing: b[start..<k]), as: UTF8.self), start)) }
            }
        }
        return heard
    }

    /// The clause's text as written, for a warning to quote.
    func text(of clause: Clause, in b: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[clause.start..<clause.end]), as: UTF8.self)
    }

    // MARK: Reading a clause

    func has(_ phrase: [UInt16], in c: Clause) -> Bool {
        guard phrase.count <= c.words.count else { return false }
        return (c.words.lowerBound...(c.words.upperBound - phrase.count)).contains { k in
            phrase.indices.allSatisfy { words[k + $0].id == phrase[$0] }
        }
    }

    func hasAny(_ phrases: [[UInt16]], in c: Clause) -> Bool { phrases.contains { has($0, in: c) } }

    /// Ours, by its first word ("we promised to resend", "I'll call Fri"), or what we asked of
    /// them ("asked them to pay by Fri", "told her we need it Fri"); "told me" is theirs. A
    /// word of paying in our words is the client's, written as they said it ("we'll transfer
    /// Monday"): we do not pay the client, short of a refund or a credit. Sending is not:
    /// "we'll send a payment reminder Fri" is ours.
    func isOurs(_ c: Clause) -> Bool {
        if words[c.words.lowerBound].kinds.contains(.we), !paysInOurWords(c) { return true }
        guard c.kinds.contains(.weAsked) else { return false }
        return c.words.contains { k in
            words[k].kinds.contains(.weAsked) && !(words[k].id == v.told && k + 1 < c.words.upperBound && (words[k + 1].id == v.me || words[k + 1].id == v.us))
        }
    }

    func paysInOurWords(_ c: Clause) -> Bool {
        c.kinds.contains(.pays) && !c.kinds.contains(.ourMoney) && c.words.contains { words[$0].kinds.contains(.pays) && isPayment(at: $0, in: c) }
    }

    // MARK: A promise to pay (W431)

    /// The clause that records the client's promise to pay, unless the text says they will pay
    /// in parts (a plan's business).
    func promise() -> Clause? {
        guard !kinds.isDisjoint(with: .promiseCues), !arrangesParts else { return nil }
        return clauses.first(where: promisesToPay)
    }

    /// Paying in parts ("monthly", "half now and the rest in December", "in two parts", "1/2
    /// now 1/2 next month") is an arrangement a `plan` records, not one promise: a note that
    /// says so anywhere is passed over.
    var arrangesParts: Bool { kinds.contains(.planned) || parts > 1 || partNow }

    /// Whether the clause records the client's promise to pay: a word of promising ("promised
    /// 1.5k by end of month"); a payment with a word that commits to it ("will pay", "can
    /// pay", "agreed to pay") or a day ("paying on the 28th", "pay Fri", "sending it today");
    /// money on its way ("cheque in the post"); or money and a day ("rest by end of nxt wk").
    /// Not when it is ours, denied, hedged, a question, or about money already paid or the
    /// invoice's due day.
    func promisesToPay(_ c: Clause) -> Bool {
        // "Will pay after K-3 is corrected" holds the money back: a dispute's words (W432).
        guard !c.asked, c.kinds.isDisjoint(with: [.denied, .hedged, .dueDay]), !c.kinds.isDisjoint(with: .promiseCues), !isOurs(c), !saysPaid(c), !withholdsUntilFixed(c) else { return false }
        return hasPromiseWord(c) || (paysMoney(c) && (c.kinds.contains(.commits) || hasAny(v.commitPhrases, in: c) || namesADay(c, later: false)))
            || onItsWay(c) || (hasMoney(c) && namesADay(c, later: true))
    }

    /// "promised", "promissed", "promise to pay": not "promised to call back".
    func hasPromiseWord(_ c: Clause) -> Bool {
        guard c.kinds.contains(.promised) else { return false }
        return c.words.contains { k in
            guard words[k].kinds.contains(.promised) else { return false }
            guard k + 1 < c.words.upperBound, words[k + 1].id == v.to else { return true }
            return k + 2 < c.words.upperBound && isPayment(at: k + 2, in: c)
        }
    }

    /// A word of paying ("pay", "settle", "transfer"), or of sending money ("send it", "sending
    /// the rest", "send pmt").
    func paysMoney(_ c: Clause) -> Bool {
        guard !c.kinds.isDisjoint(with: [.pays, .sends, .done]) else { return false }
        return c.words.contains { isPayment(at: $0, in: c) }
    }

    func isPayment(at k: Int, in c: Clause) -> Bool {
        let w = words[k]
        // "in one transfer", "a wire": the thing, not the act.
        if w.kinds.contains(.pays) { return k == c.words.lowerBound || !words[k - 1].kinds.contains(.determiner) }
        if w.id == v.paid { return isToBe(at: k, in: c) }
        guard w.kinds.contains(.sends) else { return false }
        return (k + 1..<min(k + 4, c.words.upperBound)).contains { !words[$0].kinds.isDisjoint(with: [.money, .amount]) || words[$0].id == v.it }
    }

    /// "will be paid Fri", "gets sent": paying still to come.
    func isToBe(at k: Int, in c: Clause) -> Bool {
        k > c.words.lowerBound && words[k - 1].kinds.contains(.beforePaid)
    }

    /// "already sent", "paid last week", "transfer sent today": money they say is paid, not
    /// promised. "Sent" is money only beside money ("sent the transfer", "sent it"); a sent
    /// copy of the invoice is not.
    func saysPaid(_ c: Clause) -> Bool {
        guard c.kinds.contains(.done) else { return false }
        return c.words.contains { k in
            let w = words[k]
            guard w.kinds.contains(.done), !isToBe(at: k, in: c) else { return false }
            guard w.id == v.sent else { return true }
            return !c.kinds.isDisjoint(with: [.money, .amount, .moneyNoun]) || c.words.contains { words[$0].id == v.it }
        }
    }

    /// "payment on its way", "cheque in the post", "it's in the post".
    func onItsWay(_ c: Clause) -> Bool {
        c.kinds.contains(.wayEnd) && hasAny(v.onTheWay, in: c) && (hasMoney(c) || c.kinds.contains(.itWord))
    }

    func hasMoney(_ c: Clause) -> Bool { !c.kinds.isDisjoint(with: [.money, .amount]) }

    /// A day the money is to come by: a weekday, "today", "tomorrow", "next week", "end of
    /// month", "eom", "the 28th", "15/7", a month's name after a number. `later`: a day still
    /// to come, not "today".
    func namesADay(_ c: Clause, later: Bool) -> Bool {
        guard !c.kinds.isDisjoint(with: [.day, .nextLike, .ordinal, .dayAndMonth, .month, .smallNumber]) else { return false }
        let end = c.words.upperBound
        return c.words.contains { k in
            let w = words[k]
            if w.kinds.contains(.day), !(later && w.kinds.contains(.today)) { return true }
            if w.kinds.contains(.nextLike), k + 1 < end, !words[k + 1].kinds.isDisjoint(with: [.period, .day]) { return true }
            if w.id == v.end, k + 1 < end, words[k + 1].id == v.of { return true }
            if !w.kinds.isDisjoint(with: [.ordinal, .dayAndMonth]) { return true }
            // "3 July", "July 3rd"
            if w.kinds.contains(.month), (k > c.words.lowerBound && words[k - 1].kinds.contains(.dayNumber)) || (k + 1 < end && words[k + 1].kinds.contains(.dayNumber)) { return true }
            // "on 28", "by the 5"
            return w.kinds.contains(.smallNumber) && k > c.words.lowerBound && words[k - 1].kinds.contains(.dayPrep)
        }
    }

    // MARK: A dispute or a query about an invoice (W432)

    /// The clause that records their dispute or query about an invoice, unless another says it
    /// was settled there and then ("explained, happy now"), or the invoice they never received,
    /// or had wrong, was sent again ("wrong PO, resent w/ right PO").
    func dispute() -> Clause? {
        guard !kinds.isDisjoint(with: .disputeCues), let dispute = clauses.first(where: disputesAnInvoice), !clauses.contains(where: settlesAQuery) else { return nil }
        if saysNotReceived(dispute) || dispute.kinds.contains(.wrong), clauses.contains(where: resends) { return nil }
        return dispute
    }

    /// Whether the clause records their dispute or query about an invoice: "disputes hours on
    /// S-241", "queried the hours", "says invoice wrong", "not happy with the logo", "never
    /// received the invoice", "overcharged", "won't pay until fixed", "will pay once K-3 is
    /// corrected". Not when it is ours ("we queried their remittance"), denied ("no dispute"),
    /// a question, a query about something else ("query re bank details") or about money paid
    /// ("paid by mistake to old account").
    func disputesAnInvoice(_ c: Clause) -> Bool {
        guard !c.asked, !c.kinds.isDisjoint(with: .disputeCues), !isOurs(c) else { return false }
        if c.kinds.contains(.unhappy), hasAny(v.unhappy, in: c) { return true }
        if withholdsUntilFixed(c) { return true }
        let notReceived = saysNotReceived(c)
        guard !c.kinds.contains(.denied) || notReceived else { return false }
        if !c.kinds.isDisjoint(with: [.disputes, .overcharged]) { return true }
        if c.kinds.contains(.twice), hasAny(v.chargedTwice, in: c) { return true }
        if !c.kinds.isDisjoint(with: [.queries, .wrong]) || (c.kinds.contains(.tooMuch) && hasAny(v.tooMuch, in: c)), aboutTheInvoice(c), !saysPaid(c) { return true }
        return notReceived
    }

    /// "never received (the invoice)", not "never received our email" nor "we never received payment".
    func saysNotReceived(_ c: Clause) -> Bool {
        c.kinds.contains(.received) && hasAny(v.notReceived, in: c) && !hasMoney(c) && !c.kinds.contains(.notTheInvoice)
    }

    /// "won't pay until fixed", "refuses to pay", "holding payment until the logo is redone",
    /// "will pay once K-3 is corrected": paying held until the invoice or the work is put right.
    func withholdsUntilFixed(_ c: Clause) -> Bool {
        if c.kinds.contains(.refuses), hasAny(v.refusesToPay, in: c) { return true }
        guard c.kinds.contains(.fixed) else { return false }
        return c.kinds.contains(.holding) || hasAny(v.wontPay, in: c) || (c.kinds.contains(.until) && paysMoney(c))
    }

    /// The clause names what an invoice charges: the invoice, its hours, amount, rate, PO…, or a
    /// number of one ("S-241", "#12").
    func aboutTheInvoice(_ c: Clause) -> Bool { !c.kinds.isDisjoint(with: [.invoicePart, .invoiceLike]) }

    /// In another clause of the note: the query was answered there. Not paying held until it
    /// is ("will pay once K-3 is sorted").
    func settlesAQuery(_ c: Clause) -> Bool {
        guard !withholdsUntilFixed(c) else { return false }
        return c.kinds.contains(.settled) || hasAny(v.settledPhrases, in: c)
            || c.words.contains { k in words[k].id == v.agreed && (k + 1 == c.words.upperBound || words[k + 1].id != v.to) }
    }

    /// In another clause: the invoice was sent again ("resent", "emailed a copy", "reissued").
    func resends(_ c: Clause) -> Bool { c.kinds.contains(.resent) || hasAny(v.resentPhrases, in: c) }
}
