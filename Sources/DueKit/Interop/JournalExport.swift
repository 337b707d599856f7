/// The plain-text accounting tools `due export` writes for.
public enum JournalFormat: String, Sendable, CaseIterable {
    case hledger, beancount
}

/// Writes a ledger's receivables as an hledger journal or a beancount file: same transactions,
/// each tool's spelling.
public enum JournalExport {
    /// `checked`: balances already computed (by the checker), used when they are as of the
    /// date the export needs.
    public static func render(_ ledger: Ledger, format: JournalFormat, sourceName: String, checked: BalanceSheet? = nil) -> String {
        let built = JournalBuilder.transactions(ledger, checked: checked)
        switch format {
        case .hledger: return hledger(built.transactions, ledger: ledger, sourceName: sourceName)
        case .beancount: return beancount(built.transactions, ledger: ledger, sourceName: sourceName)
        }
    }

    static func amount(_ p: JournalPosting) -> String {
        MoneyFormat.format(p.minor, precision: p.currency.precision, grouping: false) + " " + p.currency.code
    }

    /// Both tools read `;` as the start of a comment in places; text is kept to one clean line.
    static func clean(_ s: String) -> String {
        if IDText.isCleanText(s, also: 0x7C) { return s }
        return String(IDText.text(s).map { $0 == "|" ? "/" : $0 })
    }

    static func postings(_ t: JournalTransaction, indent: String, into out: inout String) {
        let width = (t.postings.map { $0.account.utf8.count }.max() ?? 0) + 2
        let amounts = t.postings.map(amount)
        let amountWidth = amounts.map { $0.utf8.count }.max() ?? 0
        for (p, a) in zip(t.postings, amounts) {
            out += indent + p.account + String(repeating: " ", count: width - p.account.utf8.count)
            out += String(repeating: " ", count: amountWidth - a.utf8.count) + a + "\n"
        }
    }

    static func hledger(_ transactions: [JournalTransaction], ledger: Ledger, sourceName: String) -> String {
        var out = "; Receivables exported by `due export hledger` from \(clean(sourceName)).\n"
        out += "; One transaction per invoice, payment, credit note, write-off and early-payment discount;\n"
        out += "; Assets:Receivable:<client> holds what each client owes.\n"
        out.reserveCapacity(transactions.count * 200)
        for t in transactions {
            out += "\n\(t.date)"
            // Only ids go in the code's parentheses: they never hold `)`.
            if let code = t.code, IDText.isValid(code) { out += " (\(code))" }
            out += " \(clean(t.payee)) | \(clean(t.narration))"
            var tags = ["client:\(t.client)"]
            if let due = t.due { tags.append("due:\(due)") }
            for n in t.invoices { tags.append("invoice:\(n)") }
            out += "  ; " + tags.joined(separator: ", ") + "\n"
            postings(t, indent: "    ", into: &out)
        }
        return out
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in clean(s) {
            if ch == "\\" || ch == "\"" { out.append("\\") }
            out.append(ch)
        }
        return out + "\""
    }

    /// A beancount link: letters, digits and `- _ / .` only.
    static func link(_ number: String) -> String {
        "^inv-" + String(number.unicodeScalars.map { u -> Character in
            let c = u.value
            let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F || c == 0x2F || c == 0x2E
            return ok ? Character(u) : "-"
        })
    }

    static func beancount(_ transactions: [JournalTransaction], ledger: Ledger, sourceName: String) -> String {
        var out = "; Receivables exported by `due export beancount` from \(clean(sourceName)).\n"
        out += "; One transaction per invoice, payment, credit note, write-off and early-payment discount;\n"
        out += "; Assets:Receivable:<client> holds what each client owes.\n\n"
        out.reserveCapacity(transactions.count * 220)
        var currencies = Set<String>()
        var accounts = Set<String>()
        for t in transactions {
            for p in t.postings {
                currencies.insert(p.currency.code)
                accounts.insert(p.account)
            }
        }
        let operating = ledger.settings.currency?.code ?? currencies.sorted().first ?? "USD"
        out += "option \"operating_currency\" \"\(operating)\"\n\n"
        if let first = transactions.first?.date {
            for a in accounts.sorted() { out += "\(first) open \(a)\n" }
        }
        for t in transactions {
            out += "\n\(t.date) * \(quoted(t.payee)) \(quoted(t.narration))"
            var seen = Set<String>()
            for n in t.invoices {
                let l = link(n)
                if seen.insert(l).inserted { out += " " + l }
            }
            out += "\n"
            out += "  client: \(quoted(t.client))\n"
            if let code = t.code { out += "  invoice: \(quoted(code))\n" }
            if let due = t.due { out += "  due: \(due)\n" }
            postings(t, indent: "  ", into: &out)
        }
        return out
    }
}
