/// Completion from where the cursor stands on the line: the entry kind after a date, the details
/// the entry at hand takes, client ids, the invoices of that client open on the entry's date,
/// channels, stages and currencies.
enum CompletionFeature {
    static let currencies = ["GBP", "EUR", "USD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "CAD", "AUD", "NZD", "JPY"]

    static let kindDetails: [String: String] = [
        "invoice": "DATE invoice CLIENT NUMBER",
        "payment": "DATE payment CLIENT AMOUNT [CURRENCY]",
        "credit": "DATE credit CLIENT AMOUNT [CURRENCY]",
        "writeoff": "DATE writeoff CLIENT INVOICE [AMOUNT]",
        "refund": "DATE refund CLIENT AMOUNT [CURRENCY]",
        "note": "DATE note CLIENT [CHANNEL]",
        "plan": "DATE plan CLIENT AMOUNT [CURRENCY]",
        "letter": "DATE letter CLIENT STAGE",
        "balance": "DATE balance CLIENT [INVOICE] AMOUNT",
    ]

    static func complete(_ c: DocumentContext, at p: Position) -> CompletionList {
        let offset = c.offset(p)
        let line = c.text.line(p.line)
        let lineRange = c.document.lines.lineRange(p.line, in: c.document.bytes)
        if line.shape == .comment { return CompletionList(items: []) }
        if let comment = line.comment, offset > comment.lowerBound { return CompletionList(items: []) }
        let (k, inside) = line.wordIndex(at: offset)
        let replace = inside ? line.words[k].lowerBound..<offset : offset..<offset
        let edit = c.range(replace)
        let isDetail = line.shape == .detail || (line.shape == .blank && offset > lineRange.lowerBound)

        var items: [CompletionItem] = []
        func add(_ label: String, _ kind: Int, _ detail: String? = nil, sort: String? = nil) {
            items.append(CompletionItem(label: label, kind: kind, detail: detail, sortText: sort, textEdit: TextEdit(range: edit, newText: label)))
        }

        if !isDetail {
            let first = line.word(0, in: c.text.bytes)
            if k == 0 {
                add(c.analysis.asOf.description, 12, "today's date: starts a dated entry", sort: "0")
                for w in LedgerParser.topKeywords { add(w, 14, "entry", sort: "1" + w) }
            } else if let first, let date = Day.parse(first) {
                let kind = line.word(1, in: c.text.bytes) ?? ""
                switch k {
                case 1: for w in LedgerParser.datedKinds { add(w, 14, kindDetails[w]) }
                case 2: clients(c) { add($0, 6, $1) }
                case 3 where kind == "note": for ch in NoteChannel.allCases { add(ch.rawValue, 20, "channel") }
                case 3 where kind == "letter": for s in LetterStage.allCases { add(s.rawValue, 20, s.title) }
                case 3 where kind == "writeoff" || kind == "balance":
                    openInvoices(c, client: line.word(2, in: c.text.bytes), on: date) { add($0, 18, $1, sort: $2) }
                case 4 where ["payment", "credit", "refund", "plan", "balance", "writeoff"].contains(kind), 5 where kind == "balance" || kind == "writeoff":
                    for cur in currencyCodes(c) { add(cur, 21, "currency") }
                default: break
                }
            } else if first == "client", k == 1 {
                return CompletionList(items: [])
            }
            return CompletionList(items: items)
        }

        guard let header = c.text.header(for: p.line) else { return CompletionList(items: []) }
        let b = c.text.bytes
        let dated = header.word(0, in: b).flatMap(Day.parse)
        let kind = (dated != nil ? header.word(1, in: b) : header.word(0, in: b)) ?? ""
        if k == 0 {
            for (n, w) in LedgerParser.detailOrder(for: kind).enumerated() {
                add(w, 14, "detail of \(kind)", sort: n < 10 ? "0\(n)" : "\(n)")
            }
            return CompletionList(items: items)
        }
        let keyword = line.word(0, in: b) ?? ""
        let client = dated != nil ? header.word(2, in: b) : nil
        switch (kind, keyword) {
        case ("payment", "apply"), ("credit", "apply"), ("note", "dispute"), ("note", "resolved"):
            if k == 1, let dated { openInvoices(c, client: client, on: dated) { add($0, 18, $1, sort: $2) } }
        case ("payment", "returned"):
            if k == 1 { add(c.analysis.asOf.description, 12, "the day the payment came back") }
        case ("plan", "for"), ("letter", "invoices"):
            if let dated { openInvoices(c, client: client, on: dated) { add($0, 18, $1, sort: $2) } }
        case ("letter", "to"):
            // Who the letter goes to now, as `due sent` records it, by email and by post.
            if k == 1, let id = client, let found = c.analysis.ledger.client(id) {
                for channel in ["email", "post"] {
                    let to = SentJob.recipient(client: found, channel: channel)
                    if !items.contains(where: { $0.label == to }) { add(to, 12, "recipient by \(channel)") }
                }
            }
        case (_, "channel"):
            if k == 1 { for ch in NoteChannel.allCases { add(ch.rawValue, 20, "channel") } }
        case (_, "currency"):
            if k == 1 { for cur in currencyCodes(c) { add(cur, 21, "currency") } }
        case (_, "terms"):
            if k == 1 { for t in ["net 30", "net 14", "net 7", "eom", "net 30 eom", "receipt", "2/10 net 30"] { add(t, 12, "terms") } }
        case ("settings", "aging"):
            if k == 1 { for w in ["due", "issue"] { add(w, 20, "aging by") } }
        case ("settings", "courtesy"):
            if k == 1 { for w in ["off", "on"] { add(w, 20, "courtesy notes") } }
        case ("settings", "holidays"):
            for w in HolidayRegion.words { add(w, 20, "public holidays") }
        default:
            break
        }
        return CompletionList(items: items)
    }

    static func clients(_ c: DocumentContext, _ add: (String, String) -> Void) {
        for client in c.analysis.ledger.clients where c.analysis.ledger.clientIndex[client.id] != nil {
            add(client.id, client.name)
        }
    }

    /// The client's invoices open when the entry is made: issued before its date and still open
    /// at the end of the day before, or issued that very day.
    static func openInvoices(_ c: DocumentContext, client: String?, on date: Day, _ add: (String, String, String) -> Void) {
        guard let client else { return }
        let l = c.analysis.ledger
        let sheet = c.analysis.sheet(on: date.adding(days: -1))
        for (i, inv) in l.invoices.enumerated() where inv.client == client && !inv.isDuplicate && inv.issued <= date {
            let open = inv.issued == date ? inv.total : sheet.invoices[i].open
            guard open > 0 else { continue }
            let money = MoneyFormat.format(open, precision: inv.currency.precision) + " " + inv.currency.code
            add(inv.number, "open \(money) · due \(inv.due)", "\(inv.issued) \(inv.number)")
        }
    }

    static func currencyCodes(_ c: DocumentContext) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        let l = c.analysis.ledger
        for code in [l.settings.currency?.code].compactMap({ $0 }) + l.clients.compactMap({ $0.currency?.code }) + currencies where seen.insert(code).inserted {
            out.append(code)
        }
        return out
    }
}
