/// Hover on a client id (its name, balance per currency, oldest overdue invoice and last
/// contact) or an invoice number (its money, due date, days past due and status), as of the
/// analysis date.
enum HoverFeature {
    static func hover(_ c: DocumentContext, at p: Position) -> Hover? {
        if let inc = c.analysis.include(file: c.file, offset: c.offset(p)) {
            return Hover(contents: MarkupContent(value: included(inc.target, read: inc.read, c.analysis)), range: c.analysis.lspRange(inc.range))
        }
        guard let mention = c.analysis.mention(file: c.file, offset: c.offset(p)) else { return nil }
        let text: String?
        switch mention.symbol {
        case .client(let id): text = client(id, c.analysis)
        case .invoice(let number): text = invoice(number, c.analysis)
        }
        guard let text else { return nil }
        return Hover(contents: MarkupContent(value: text), range: c.analysis.lspRange(mention.range))
    }

    /// An `include` line's file: where it is and what of the ledger it holds, or that it was
    /// not read (its diagnostic says why).
    static func included(_ target: String, read: Int?, _ a: LedgerAnalysis) -> String {
        var lines = ["**Included file** `\(target)`", ""]
        guard let file = read else {
            lines.append("- not read")
            return lines.joined(separator: "\n")
        }
        let clients = a.ledger.clients.filter { a.isIn($0.anchor.start, file: file) }.count
        let invoices = a.ledger.invoices.filter { a.isIn($0.anchor.start, file: file) }.count
        lines.append("- \(Plural.count(clients, "client")), \(Plural.count(invoices, "invoice"))")
        return lines.joined(separator: "\n")
    }

    static func money(_ minor: Int64, _ currency: Currency) -> String {
        MoneyFormat.format(minor, precision: currency.precision) + " " + currency.code
    }

    static func client(_ id: String, _ a: LedgerAnalysis) -> String? {
        guard let client = a.ledger.client(id) else { return nil }
        var lines = ["**\(client.name)** (`\(id)`)", ""]
        let balances = a.sheet.balances(of: id)
        if balances.isEmpty {
            lines.append("- owes nothing on \(a.asOf)")
        } else {
            for (currency, v) in balances {
                lines.append(v < 0 ? "- \(money(-v, currency)) on account" : "- owes \(money(v, currency)) on \(a.asOf)")
            }
        }
        let overdue = a.aging.lines.filter { $0.client == id && $0.daysPastDue > 0 }.max { $0.daysPastDue < $1.daysPastDue }
        if let o = overdue {
            lines.append("- oldest overdue: \(o.number), \(money(o.open, o.currency)) open, \(Plural.count(o.daysPastDue, "day")) past due")
        }
        if let note = a.ledger.notes.filter({ $0.client == id && $0.isContact && $0.date <= a.asOf }).max(by: { ($0.date, $0.order) < ($1.date, $1.order) }) {
            lines.append("- last contact: \(note.date), \(note.channel.rawValue): \(note.gist(in: a.ledger.files))")
        } else {
            lines.append("- no contact recorded")
        }
        return lines.joined(separator: "\n")
    }

    static func invoice(_ number: String, _ a: LedgerAnalysis) -> String? {
        guard let k = a.ledger.invoiceIndex[number] else { return nil }
        let inv = a.ledger.invoices[k]
        let cur = inv.currency
        var lines = ["**Invoice \(number)** — \(inv.client), issued \(inv.issued)" + (a.ledger.summary(of: inv).isEmpty ? "" : ": \(a.ledger.summary(of: inv))"), ""]
        guard k < a.sheet.invoices.count, a.sheet.invoices[k].issued else {
            lines.append("- dated after \(a.asOf): not issued yet")
            return lines.joined(separator: "\n")
        }
        let b = a.sheet.invoices[k]
        lines.append("- total \(money(b.total, cur))")
        lines.append("- paid \(money(b.paid, cur))")
        lines.append("- credited \(money(b.credited + b.writtenOff + b.discount, cur))" + (b.writtenOff > 0 ? " (written off \(money(b.writtenOff, cur)))" : ""))
        lines.append("- open \(money(b.open, cur))")
        lines.append("- due \(inv.due)")
        if b.open > 0 {
            let days = a.asOf.days(since: inv.due)
            lines.append(days > 0 ? "- \(Plural.count(days, "day")) past due" : days == 0 ? "- due today" : "- due in \(Plural.count(-days, "day"))")
            if let line = a.aging.lines.first(where: { $0.number == number }), !line.status.summary.isEmpty {
                lines.append("- status: \(line.status.summary)")
            }
        } else if let settled = b.settled {
            // Counted as the reports count it; a loss written off was not paid at all.
            let late = b.writtenOff > 0 && LostInvoices(ledger: a.ledger, sheet: a.sheet).hasLoss(k) ? settled.days(since: inv.due) : b.paidUp.map { $0.days(since: inv.due) } ?? 0
            lines.append("- status: settled \(settled)" + (late > 0 ? ", \(Plural.count(late, "day")) late" : ""))
        }
        return lines.joined(separator: "\n")
    }
}
