extension LetterFields {
    /// A courtesy note's `courtesy.title`, `courtesy.due`, `courtesy.before` and `courtesy.check`.
    static func courtesyFields(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, ledger = context.ledger, sheet = context.sheet, asOf = context.asOf,
            chased = context.chased
        if stage == .courtesy {
            // On the due date itself the date is not "close": the note says it is today.
            let today = chased.filter { ledger.invoices[$0].due == asOf }.map { ledger.invoices[$0].number }
            let later = chased.filter { ledger.invoices[$0].due != asOf }
            // Once part is paid the sum is what is still open, not what the invoice was for.
            let partPaid = chased.contains { sheet.invoices[$0].owed < sheet.invoices[$0].total }
            if today.isEmpty {
                v["courtesy.title"] = chased.count == 1 ? "Invoice falling due soon" : "Invoices falling due soon"
                // The date and the sum in the sentence itself: "is close" alone sent the reader
                // to the table for both.
                let amount = v["total"].map { partPaid ? ", with \($0) still open," : chased.count == 1 ? ", for \($0)," : ", for \($0) in all," } ?? ""
                let dates = chased.map { "\(ledger.invoices[$0].number) on \(ledger.invoices[$0].due.longDescription)" }
                v["courtesy.due"] = chased.count == 1
                    ? "\(v["invoices.phrase"] ?? "")\(amount) falls due on \(ledger.invoices[chased[0]].due.longDescription)"
                    : "\(v["invoices.phrase"] ?? "")\(amount) fall due soon (\(list(dates)))"
                v["courtesy.before"] = " before the due date"
            } else {
                v["courtesy.title"] = !later.isEmpty ? "Invoices falling due" : today.count == 1 ? "Invoice falling due today" : "Invoices falling due today"
                let dates = later.map { "\(ledger.invoices[$0].number) on \(ledger.invoices[$0].due.longDescription)" }
                if later.isEmpty {
                    let amount = v["total"].map { partPaid ? ", with \($0) still open," : today.count == 1 ? ", for \($0)," : ", for \($0) in all," } ?? ""
                    v["courtesy.due"] = invoicePhrase(today) + amount + (today.count == 1 ? " falls" : " fall") + " due today"
                } else {
                    let amount = v["total"].map { partPaid ? " (\($0) still open in all)" : " (\($0) in all)" } ?? ""
                    v["courtesy.due"] = invoicePhrase(today) + (today.count == 1 ? " falls" : " fall") + " due today and \(later.count == 1 ? "invoice" : "invoices") \(list(dates))" + amount
                }
                v["courtesy.before"] = ""
            }
            // Money already sent towards every invoice says they reached the client: asking
            // whether they did would read as unread.
            // Of some only: the others are named.
            // Money already held on account that went to one when it was issued is no sign
            // that it reached them: they sent it for other work.
            let unpaid = chased.filter { sheet.invoices[$0].paid + sheet.invoices[$0].credited <= (sheet.fromAccount[$0] ?? 0) }
            v["courtesy.check"] = unpaid.isEmpty ? ""
                : unpaid.count == chased.count ? ", and I wanted to make sure \(v["invoices.the"] ?? "the invoice") reached the right person"
                : ", and I wanted to make sure \(invoicePhrase(unpaid.map { ledger.invoices[$0].number })) reached the right person"
        }
    }
}
