/// What a note's `said` line records is for the reader; only its `promise` and `dispute` lines
/// make the letters act (3.9). A note that writes the client's promise ("spoke to Hana, will pay
/// Fri") with no `promise` line holds no letter and names no broken promise (W431); one that
/// writes their dispute ("disputes hours on S-241") with no `dispute` line has the next letter
/// chase the invoice and thank them for the call (W432). The first `said` line is read, as
/// W427 reads it, clause by clause (`SaidText`); a clause that is ours ("we promised to
/// resend"), denied ("said they can't pay"), hedged ("might pay Fri") or a question is passed
/// over, as are notes marked `no-answer` (the client said nothing).
///
/// A large ledger has a note for every ten invoices: each `said` line is read over the file's
/// bytes in place, into room kept from note to note, and text is made only for a warning. Read
/// as Strings, clause by clause and word by word, it made `due check` on a million invoices
/// nearly four times as slow.
enum UnmarkedWordRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        var words = Words()
        var said = SaidText()
        var open = OpenInvoices(c)
        var mentions = InvoiceMention(ledger: l)
        for n in l.notes where !n.noAnswer {
            let unmarked = (promise: n.promise == nil, dispute: n.disputes.isEmpty && n.resolutions.isEmpty)
            guard unmarked.promise || unmarked.dispute, let line = n.firstSaid else { continue }
            // Reading each note's line brings its page of the mapped file back: let go of as often.
            d.readEntry()
            guard let heard = l.files.withDetailText(line, of: n.anchor, words: &words, { b in said.heard(in: b, promise: unmarked.promise, dispute: unmarked.dispute) }) else { continue }
            // Read again only for a warning: most notes have none.
            func at() -> SourceRange { l.files.detail(.said, of: n.anchor) ?? l.files.word(1, of: n.anchor) }
            if let promise = heard.promise, open.any(of: n.client, on: n.date) {
                d.append(Diagnostic(.W431, "this note says they will pay (\"\(promise)\") but has no `promise` line", at: at(),
                                    hint: "add `promise DATE [AMOUNT]` so letters wait for it and name it if it is broken"))
            }
            guard let dispute = heard.dispute else { continue }
            let named = mentions.find(in: heard.words, client: n.client).map(\.invoice).reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
            let numbers: [String]
            if named.isEmpty {
                // No invoice named: the note may be about one already marked, or about nothing open.
                guard open.any(of: n.client, on: n.date), !open.anyDisputed(of: n.client, on: n.date) else { continue }
                numbers = []
            } else {
                // A complaint about a paid invoice is feedback (W412); one already disputed is marked.
                numbers = named.filter { open.isOpen($0, on: n.date) && c.sheet.disputes.open(l.invoices[$0].number, on: n.date) == nil }.map { l.invoices[$0].number }
                guard !numbers.isEmpty else { continue }
            }
            let which = numbers.isEmpty ? "an invoice" : Plural.list(numbers)
            let lines = numbers.isEmpty ? ["`dispute INVOICE REASON`"] : numbers.map { "`dispute \($0) REASON`" }
            d.append(Diagnostic(.W432, "this note says they dispute \(which) (\"\(dispute)\") but has no `dispute` line", at: at(),
                                hint: "add \(Plural.list(lines)) so letters stop chasing \(numbers.count > 1 ? "them while they are" : "it while it is") open"))
        }
    }

    /// What a note's `said` text records of the client's word with no line of its own: the
    /// clauses to quote, and for a dispute the text's words (split at blanks, with the offset of
    /// each) for `InvoiceMention` to find the invoices it names.
    struct Heard {
        var promise: String?
        var dispute: String?
        var words: [(text: String, start: Int)] = []
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

        mutating func anyDisputed(of client: String, on day: Day) -> Bool {
            invoices(of: client).contains { c.sheet.disputes.open(c.ledger.invoices[$0].number, on: day) != nil }
        }

        private mutating func invoices(of client: String) -> [Int] {
            if byClient == nil { byClient = Dictionary(grouping: c.ledger.invoices.indices) { c.ledger.invoices[$0].client } }
            return byClient?[client] ?? []
        }
    }
}

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
