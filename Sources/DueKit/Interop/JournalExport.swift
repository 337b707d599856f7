/// The plain-text accounting tools `due export` writes for.
public enum JournalFormat: String, Sendable, CaseIterable {
    case hledger, beancount
}

/// Writes a ledger's receivables as an hledger journal or a beancount file: same transactions,
/// each tool's spelling.
public enum JournalExport {
    /// `checked`: balances already computed (by the checker), used when they are as of the
    /// date the export needs. `asOf`: entries dated after it are left out (default: none are).
    public static func render(_ ledger: Ledger, format: JournalFormat, sourceName: String, checked: BalanceSheet? = nil, asOf: Day? = nil) -> String {
        var all: [UInt8] = []
        write(ledger, format: format, sourceName: sourceName, checked: checked, asOf: asOf, pieceSize: .max) { all += $0 }
        return String(decoding: all, as: UTF8.self)
    }

    /// Writes the export in pieces of about `pieceSize` bytes, handing each to `emit` as soon as
    /// it is full: the whole text of a large ledger is never held at once.
    public static func write<E: Error>(_ ledger: Ledger, format: JournalFormat, sourceName: String, checked: BalanceSheet? = nil, asOf: Day? = nil, pieceSize: Int = 1 << 20, to emit: ([UInt8]) throws(E) -> Void) throws(E) {
        let book = JournalBuilder.book(ledger, checked: checked, asOf: asOf)
        var out = ByteText(capacity: pieceSize == .max ? 0 : pieceSize + 4096)
        switch format {
        case .hledger: try hledger(book, sourceName: sourceName, pieceSize: pieceSize, into: &out, emit: emit)
        case .beancount: try beancount(book, ledger: ledger, sourceName: sourceName, pieceSize: pieceSize, into: &out, emit: emit)
        }
        if !out.bytes.isEmpty { try emit(out.bytes) }
    }

    /// Hands on what `out` holds once it reaches `size`: called between transactions, so every
    /// piece ends with a whole line.
    static func handOn<E: Error>(_ out: inout ByteText, ifOver size: Int, to emit: ([UInt8]) throws(E) -> Void) throws(E) {
        guard out.bytes.count >= size else { return }
        try emit(out.bytes)
        out.bytes.removeAll(keepingCapacity: true)
    }

    /// The figure of an amount; its currency code follows after a space.
    static func figure(_ p: JournalPosting) -> String {
        MoneyFormat.format(p.minor, precision: p.currency.precision, grouping: false)
    }

    /// Both tools read `;` as the start of a comment in places; text is kept to one clean line.
    static func clean(_ s: String) -> String {
        if IDText.isCleanText(s, also: 0x7C) { return s }
        return String(IDText.text(s).map { $0 == "|" ? "/" : $0 })
    }

    /// Account and amount columns aligned within the transaction. Figures are short: each fits
    /// in a `String` without an allocation, so it is made again rather than kept.
    static func postings(_ t: JournalTransaction, indent: String, into out: inout ByteText) {
        var width = 0, amountWidth = 0
        for p in t.postings {
            width = max(width, p.account.utf8.count)
            amountWidth = max(amountWidth, figure(p).utf8.count + 4)
        }
        width += 2
        for p in t.postings {
            let f = figure(p)
            out.append(indent)
            out.append(p.account)
            out.spaces(width - p.account.utf8.count + amountWidth - f.utf8.count - 4)
            out.append(f)
            out.byte(0x20)
            out.currency(p.currency)
            out.byte(0x0A)
        }
    }

    static func hledger<E: Error>(_ book: JournalBook, sourceName: String, pieceSize: Int, into out: inout ByteText, emit: ([UInt8]) throws(E) -> Void) throws(E) {
        out.append("; Receivables exported by `due export hledger` from \(clean(sourceName)).\n")
        out.append("; One transaction per invoice, payment, credit note, write-off and early-payment discount;\n")
        out.append("; Assets:Receivable:<client> holds what each client owes.\n")
        // Payees repeat once per transaction of their client: cleaned once each.
        var payee = (raw: "", clean: "")
        for k in 0..<book.count {
            let t = book.transaction(at: k)
            try handOn(&out, ifOver: pieceSize, to: emit)
            out.byte(0x0A)
            out.day(t.date)
            // Only ids go in the code's parentheses: they never hold `)`.
            if let code = t.code, LedgerID.isValid(code) {
                out.append(" (")
                out.append(code)
                out.byte(0x29)
            }
            if t.payee != payee.raw { payee = (t.payee, clean(t.payee)) }
            out.byte(0x20)
            out.append(payee.clean)
            out.append(" | ")
            out.append(clean(t.narration))
            out.append("  ; client:")
            out.append(t.client)
            if let due = t.due {
                out.append(", due:")
                out.day(due)
            }
            for n in t.invoices {
                out.append(", invoice:")
                out.append(n)
            }
            out.byte(0x0A)
            postings(t, indent: "    ", into: &out)
        }
    }

    static func quoted(_ s: String) -> String {
        var out = ByteText()
        quoted(s, into: &out)
        return out.string
    }

    static func quoted(_ s: String, into out: inout ByteText) {
        let c = clean(s)
        out.byte(0x22)
        if c.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: each byte is a character, escaped as it stands.
            for b in c.utf8 {
                if b == 0x5C || b == 0x22 { out.byte(0x5C) }
                out.byte(b)
            }
        } else {
            var o = ""
            for ch in c {
                if ch == "\\" || ch == "\"" { o.append("\\") }
                o.append(ch)
            }
            out.append(o)
        }
        out.byte(0x22)
    }

    /// A beancount link: letters, digits and `- _ / .` only.
    static func link(_ number: String) -> String {
        "^inv-" + String(number.unicodeScalars.map { u -> Character in
            let c = u.value
            let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F || c == 0x2F || c == 0x2E
            return ok ? Character(u) : "-"
        })
    }

    static func beancount<E: Error>(_ book: JournalBook, ledger: Ledger, sourceName: String, pieceSize: Int, into out: inout ByteText, emit: ([UInt8]) throws(E) -> Void) throws(E) {
        out.append("; Receivables exported by `due export beancount` from \(clean(sourceName)).\n")
        out.append("; One transaction per invoice, payment, credit note, write-off and early-payment discount;\n")
        out.append("; Assets:Receivable:<client> holds what each client owes.\n\n")
        let operating = ledger.settings.currency?.code ?? book.currencies.map(\.code).sorted().first ?? "USD"
        out.append("option \"operating_currency\" \"\(operating)\"\n\n")
        if let first = book.firstDate {
            for a in book.postedAccounts {
                out.day(first)
                out.append(" open \(a)\n")
            }
        }
        var payee = (raw: "", quoted: ByteText())
        var client = (raw: "", quoted: ByteText())
        for k in 0..<book.count {
            let t = book.transaction(at: k)
            try handOn(&out, ifOver: pieceSize, to: emit)
            out.byte(0x0A)
            out.day(t.date)
            out.append(" * ")
            if t.payee != payee.raw {
                payee.raw = t.payee
                payee.quoted = ByteText()
                quoted(t.payee, into: &payee.quoted)
            }
            out.bytes.append(contentsOf: payee.quoted.bytes)
            out.byte(0x20)
            quoted(t.narration, into: &out)
            if t.invoices.count == 1 {
                out.byte(0x20)
                out.append(link(t.invoices[0]))
            } else {
                var seen = Set<String>()
                for n in t.invoices {
                    let l = link(n)
                    if seen.insert(l).inserted {
                        out.byte(0x20)
                        out.append(l)
                    }
                }
            }
            out.append("\n  client: ")
            if t.client != client.raw {
                client.raw = t.client
                client.quoted = ByteText()
                quoted(t.client, into: &client.quoted)
            }
            out.bytes.append(contentsOf: client.quoted.bytes)
            out.byte(0x0A)
            if let code = t.code {
                out.append("  invoice: ")
                quoted(code, into: &out)
                out.byte(0x0A)
            }
            if let due = t.due {
                out.append("  due: ")
                out.day(due)
                out.byte(0x0A)
            }
            postings(t, indent: "  ", into: &out)
        }
    }
}
