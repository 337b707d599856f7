extension LetterFields {
    /// `sender.bank`, `methods` and `bank`: how to pay, for the letter's currencies only.
    static func paymentDetails(_ v: inout [String: String], _ context: LetterContext) {
        let choice = context.choice, ledger = context.ledger, client = context.client, sender = context.sender,
            open = context.open, chased = context.chased, s = context.settings
        // Bank details for the letter's currencies only: none rather than wrong ones. Those of
        // what it asks for beside its own invoices (a plan's missed instalments, invoices
        // outside the plan) are the letter's too.
        let fileCurrency = s.currency
        // In the order the table's rows give them, which lists every invoice asked for.
        let asked = Set(((chased.isEmpty ? open : chased) + choice.alsoAsked + choice.askedApart).map { ledger.invoices[$0].currency })
        let paidIn = currencyOrder(open + chased + choice.alsoAsked + choice.askedApart, ledger: ledger).filter(asked.contains)
        let banks = paidIn.compactMap { c in sender?.bank(for: c, fileCurrency: fileCurrency).map { (c, $0) } }
        v["sender.bank"] = banks.map(\.1).joined(separator: "; ")
        // A bare scheme's name reads as a way to pay once it says it is a transfer.
        var methods = client.methods.map { m in Client.transferSchemes.contains(m.lowercased()) ? m + " transfer" : m }
        if methods.isEmpty, !banks.isEmpty { methods = ["bank transfer"] }
        if !methods.isEmpty { v["methods"] = "You can pay by \(list(methods, or: true))." }
        // A transfer with no account to send it to: say how to get the details, not nothing.
        let missing = paidIn.filter { c in !banks.contains { $0.0 == c } }
        if !missing.isEmpty, let transfer = methods.first(where: Client.isTransfer) {
            let others = methods.filter { $0 != transfer }
            let ask = "\(transfer): reply and I will send our account details for \(list(missing.map(\.code)))"
            v["methods"] = others.isEmpty ? "You can pay by \(ask)." : "You can pay by \(list(others, or: true)), or by \(ask)."
        }
        // Only to a client who may pay by transfer (`Client.mayPayByTransfer`, as the check
        // reads it): a client who pays only by card is not sent a sort code.
        if !banks.isEmpty && client.mayPayByTransfer {
            let details = banks.count == 1 && paidIn.count == 1
                ? "Our bank details for payments in \(banks[0].0.code): \(banks[0].1)."
                : "Our bank details: " + banks.map { "for \($0.0.code), \($0.1)" }.joined(separator: "; ") + "."
            v["bank"] = details + " Please quote \(Set(chased + choice.alsoAsked + choice.askedApart).count == 1 ? "the invoice number" : "the invoice numbers") as the reference."
        }
    }
}
