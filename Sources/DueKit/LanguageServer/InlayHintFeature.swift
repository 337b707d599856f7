/// Hints at the end of header lines: on an invoice, what is open today and how late; after a
/// payment or credit, what it left open on the invoices it paid, or put on account.
enum InlayHintFeature {
    static func hints(_ c: DocumentContext, in range: LSPRange) -> [InlayHint] {
        let a = c.analysis
        let l = a.ledger
        let first = c.offset(Position(line: range.start.line, character: 0))
        let last = c.offset(Position(line: range.end.line + 1, character: 0))
        func inView(_ r: SourceRange) -> Bool {
            guard let (file, bytes) = a.place(r), file == c.file else { return false }
            return bytes.lowerBound >= first && bytes.lowerBound <= last
        }
        var out: [InlayHint] = []
        func money(_ minor: Int64, _ cur: Currency) -> String { HoverFeature.money(minor, cur) }
        /// Just past the last word of the header line (before any trailing comment).
        func end(of r: SourceRange) -> Position {
            let start = a.place(r)?.range.lowerBound ?? 0
            let words = c.text.line(c.document.lines.line(of: start)).words
            let at = words.last?.upperBound ?? start
            return c.document.lines.position(of: at, in: c.document.bytes)
        }

        for (k, inv) in l.invoices.enumerated() where inView(inv.anchor.start) && !inv.isDuplicate && k < a.sheet.invoices.count {
            let b = a.sheet.invoices[k]
            guard b.issued else { continue }
            let label: String
            if b.open > 0 {
                let days = a.asOf.days(since: inv.due)
                label = "open \(money(b.open, inv.currency))" + (days > 0 ? " · \(Plural.count(days, "day")) past due" : days == 0 ? " · due today" : " · due in \(Plural.count(-days, "day"))")
            } else if let settled = b.settled {
                label = "settled \(settled)"
            } else {
                continue
            }
            out.append(InlayHint(position: end(of: inv.anchor.start), label: label, paddingLeft: true))
        }

        for p in l.payments where inView(p.anchor.start) && p.currency.isKnown {
            let sheet = a.sheet(on: p.date)
            var parts: [String] = []
            for alloc in l.allocations(of: p) {
                guard let target = alloc.target.map(Int.init), target < sheet.invoices.count else { continue }
                let open = sheet.invoices[target].open
                let number = l.invoices[target].number
                parts.append(open > 0 ? "\(number) still \(money(open, p.currency)) open" : "\(number) settled")
            }
            let onAccount = sheet.creditOnAccount[ClientCurrency(client: p.client, currency: p.currency)] ?? 0
            if onAccount > 0 { parts.append("\(money(onAccount, p.currency)) on account") }
            if parts.isEmpty {
                let owed = sheet.clientBalances[ClientCurrency(client: p.client, currency: p.currency)] ?? 0
                parts.append(owed > 0 ? "\(p.client) still owes \(money(owed, p.currency))" : "\(p.client) owes nothing")
            }
            out.append(InlayHint(position: end(of: p.anchor.start), label: "→ " + parts.joined(separator: "; "), paddingLeft: true))
        }
        return out.sorted { $0.position < $1.position }
    }
}
