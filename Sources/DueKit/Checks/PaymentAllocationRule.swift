/// Where a payment's or credit's money went, as the balance engine met it: `apply` amounts
/// beyond the payment (E402), an invoice paid more than it had open (W401), money with nothing
/// open to pay (W404; not for a client whose balance is not known), money with no `apply` that
/// paid all that was open and left the rest on account (W435), and amountless `apply` lines
/// that were less than the money (W415). An `apply` line, the payment's only one, that names an
/// invoice paid in full before by a payment of the same sum is told as that (W434,
/// `RepeatPayment`) in place of W415 or W401.
enum PaymentAllocationRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        // Those that may be a sum paid twice, each with the warning it has if it is not.
        var suspects: [RepeatPayment.Suspect] = []
        var otherwise: [Diagnostic] = []
        // Overpayments whose `ref` may name an invoice paid twice, each with its W435, said
        // only when it is not (W434 is said instead); the reader of refs, made for the first.
        var repeats: [RepeatPayment.Suspect] = []
        var overpaid: [Diagnostic] = []
        var mentions: InvoiceMention?
        func paidTwice(_ p: Int, _ k: Int, else diagnostic: @autoclosure () -> Diagnostic) -> Bool {
            let payment = l.payments[p]
            guard payment.allocationRange.count == 1, let t = l.allocation(k, of: payment).target.map(Int.init),
                  RepeatPayment.suspect(p, names: t, c) else { return false }
            suspects.append(.init(payment: p, invoice: t, range: l.files.line(l.allocation(k, of: payment).line, of: payment.anchor)))
            otherwise.append(diagnostic())
            return true
        }
        for fact in c.sheet.facts {
            switch fact {
            case .overAllocated(let p, let k, let left):
                let payment = l.payments[p]
                func fmt(_ v: Int64) -> String { MoneyFormat.format(v, precision: payment.currency.precision) }
                // An amountless line before this one took what its invoice had open: the amounts
                // written may add up to less than the payment, and the message says what did it.
                let lines = l.allocations(of: payment)
                let taker = lines.prefix(k).enumerated().first { $0.element.minor == nil }?.offset
                let message = taker == nil
                    ? "the amounts applied add up to more than the \(what(payment)) of \(fmt(payment.minor))\(payment.currency.afterAmount)"
                    : "the lines above leave \(fmt(left)) of the \(what(payment)) of \(fmt(payment.minor))\(payment.currency.afterAmount) for this one"
                let hint = taker.map { t in "`apply \(l.invoiceNumber(applied: t, of: payment))` has no amount, so it took all its invoice had open; write its amount, or put the lines with amounts first" }
                    ?? "only \(fmt(left)) was left for this line"
                d.append(Diagnostic(.E402, message, at: l.files.line(l.allocation(k, of: payment).line, of: payment.anchor), hint: hint))
            case .overpaid(let p, let k, let extra, let open):
                let payment = l.payments[p]
                func fmt(_ v: Int64) -> String { MoneyFormat.format(v, precision: payment.currency.precision) }
                let a = l.allocation(k, of: payment)
                let w401 = Diagnostic(.W401, "invoice \(l.invoiceNumber(applied: k, of: payment)) is paid \(fmt(extra)) more than it had open (\(fmt(open)))", at: l.files.line(a.line, of: payment.anchor), hint: "the \(fmt(extra))\(payment.currency.afterAmount) becomes credit on account for '\(payment.client)'")
                if open == 0 && extra == payment.minor && paidTwice(p, k, else: w401) { continue }
                d.append(w401)
            case .nothingOpen(let p):
                let payment = l.payments[p]
                if c.owingUnknown(payment.client, resolved: payment.clientNumber) { continue }
                // In a currency its client does not pay in (E307): that is the mistake, not
                // that nothing is open in it.
                if CurrencyRule.conflictsWithClient(payment.writtenCurrency, payment.client, resolved: payment.clientNumber, c) { continue }
                d.append(Diagnostic(.W404, "nothing of '\(payment.client)' is open in \(payment.currency.code) on \(payment.date) for this \(what(payment)) to pay", at: payment.amountRange(in: l.files), hint: "it becomes credit on account and pays the client's next invoice"))
            case .moreThanOpen(let p, let extra, let open):
                let payment = l.payments[p]
                if c.owingUnknown(payment.client, resolved: payment.clientNumber) { continue }
                if CurrencyRule.conflictsWithClient(payment.writtenCurrency, payment.client, resolved: payment.clientNumber, c) { continue }
                func fmt(_ v: Int64) -> String { MoneyFormat.format(v, precision: payment.currency.precision) }
                // An overpayment no one notices sits on account for months: the client is owed
                // a word, and a refund or their say that it is kept for the next invoice. Paid
                // back since, it is dealt with.
                if RepeatPayment.refunded(p, c) { continue }
                let w435 = Diagnostic(.W435, "this payment is \(fmt(extra)) more than the \(fmt(open)) '\(payment.client)' had open in \(payment.currency.code) on \(payment.date)", at: payment.amountRange(in: l.files),
                                      hint: "the \(fmt(extra))\(payment.currency.afterAmount) becomes credit on account: refund it (`refund`), or keep it for their next invoice; if the amount is mistyped, correct it")
                // One whose `ref` names an invoice paid before by the same sum is told of as a
                // sum paid twice (W434, by the reference check), which says where the money went.
                if mentions == nil { mentions = InvoiceMention(ledger: l) }
                if let again = PaymentReferenceRule.read(payment, ledger: l, sheet: c.sheet, mentions: &mentions!, paidBefore: { RepeatPayment.suspect(p, names: $0, c) }).paidAgain {
                    repeats.append(.init(payment: p, invoice: again.invoice, range: again.range))
                    overpaid.append(w435)
                } else {
                    d.append(w435)
                }
            case .surplus(let p, let k, let named, let remaining, let paidOthers, let took, let recovered):
                // An `apply` line that is itself wrong is the mistake to mend: what the money
                // left over did follows from it (as for W404).
                if appliesAmiss(l.payments[p], c) { continue }
                let w415 = surplus(l, l.payments[p], at: l.files.line(l.allocation(k, of: l.payments[p]).line, of: l.payments[p].anchor), named: named, remaining: remaining, paidOthers: paidOthers, took: took, recovered: recovered, fromAccount: heldBefore(l.payments[p], c))
                if took == 0 && paidTwice(p, k, else: w415) { continue }
                d.append(w415)
            case .writeOffBeyondOpen, .writeOffOfNothing, .refundBeyondHeld, .assertionFailed:
                break
            }
        }
        let found = RepeatPayment.find(suspects, c)
        for (s, other) in zip(suspects, otherwise) {
            if let f = found.first(where: { $0.suspect.payment == s.payment }) { d.append(RepeatPayment.diagnostic(f, c)) } else { d.append(other) }
        }
        let repeated = Set(RepeatPayment.find(repeats, c).map(\.suspect.payment))
        for (s, w435) in zip(repeats, overpaid) where !repeated.contains(s.payment) { d.append(w435) }
    }

    static func what(_ payment: Payment) -> String { payment.isCredit ? "credit" : "payment" }

    /// Whether an `apply` line of the payment is an error of its own (`InvoiceReferenceRule`):
    /// it names no invoice (E204), another client's (E205), one in another currency (E307) or
    /// one issued after the payment (E403).
    static func appliesAmiss(_ payment: Payment, _ c: CheckContext) -> Bool {
        let l = c.ledger
        return l.allocations(of: payment).contains { a in
            guard let t = a.target.map(Int.init) else { return true }
            let brief = l.briefs[t]
            // One client when the resolver found the same for both, as the reference rule reads it.
            let sameClient = brief.clientNumber.flatMap { own in payment.clientNumber.map { own == $0 } } ?? (l.invoices[t].client == payment.client)
            let sameCurrency = brief.currency == payment.currency || !brief.currency.isKnown || !payment.currency.isKnown
            return !sameClient || !sameCurrency || brief.issued > payment.date
        }
    }

    /// What money held on account had paid of the invoices the payment's amountless `apply`
    /// lines name, when they were issued (or when a query settled released it to them): the
    /// client who pays such an invoice's whole total pays that part twice.
    static func heldBefore(_ payment: Payment, _ c: CheckContext) -> Int64 {
        guard !c.sheet.fromAccount.isEmpty else { return 0 }
        var held: Int64 = 0
        for a in c.ledger.allocations(of: payment) where a.minor == nil {
            if let t = a.target.map(Int.init) { held += c.sheet.fromAccount[t] ?? 0 }
        }
        return held
    }

    /// W415: says how much was left over and where it went (other invoices, or the account).
    /// `took`: what the amountless lines gave the invoices they name (the lines with amounts
    /// are not part of what those invoices had open), of which `recovered` paid back losses
    /// written off them, said apart: it was not open.
    /// `fromAccount`: what money held on account had paid of those invoices before (`heldBefore`):
    /// a surplus no larger is the client paying a total in full, not a mistyped amount.
    static func surplus(_ l: Ledger, _ payment: Payment, at range: SourceRange, named: [String], remaining: Int64, paidOthers: [AppliedMoney], took: Int64, recovered: Int64, fromAccount: Int64) -> Diagnostic {
        func fmt(_ v: Int64) -> String { MoneyFormat.format(v, precision: payment.currency.precision) }
        let applied = took
        let invoices = (named.count == 1 ? "invoice " : "invoices ") + named.joined(separator: ", ")
        let paid = paidOthers.map { "\(l.invoices[$0.invoice].number) (\(fmt($0.amount)))" }
        var went: [String] = []
        if !paid.isEmpty {
            went.append("paid " + (paid.count == 1 ? "invoice " : "invoices ") + Plural.list(paid))
        }
        let kept = remaining - paidOthers.reduce(0) { $0 + $1.amount }
        if kept > 0 { went.append("\(went.isEmpty ? "" : "\(fmt(kept)) ")became credit on account for '\(payment.client)'") }
        // Lines with amounts took their own: said apart, so the figure in brackets is what the
        // named invoices had open, not that and the amounts written beside it.
        let written = payment.minor - remaining - applied
        let open = applied - recovered
        let had = recovered > 0 ? "had open and written off as a loss" : "had open"
        let figures = recovered > 0 ? "\(fmt(open)) open and \(fmt(recovered)) written off" : fmt(applied)
        let message = written > 0
            ? "the \(what(payment)) of \(fmt(payment.minor))\(payment.currency.afterAmount) is \(fmt(remaining)) more than its `apply` lines took: \(fmt(written)) written on them, and the \(recovered > 0 ? "\(figures) that" : fmt(applied)) \(invoices) \(had)"
            : "the \(what(payment)) of \(fmt(payment.minor))\(payment.currency.afterAmount) is \(fmt(remaining)) more than \(invoices) \(had) (\(figures))"
        let why = fromAccount >= remaining && written == 0
            ? "; money of theirs held on account had paid \(fmt(fromAccount)) of \(invoices), so paying the whole total paid that part twice"
            : "; if the amount is mistyped, correct it, or write the amount on `apply`"
        return Diagnostic(.W415, message, at: range, hint: "the \(fmt(remaining)) " + went.joined(separator: "; ") + why)
    }
}
