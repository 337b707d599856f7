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
