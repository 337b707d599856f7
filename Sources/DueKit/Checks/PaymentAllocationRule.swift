/// Where a payment's or credit's money went, as the balance engine met it: `apply` amounts
/// beyond the payment (E402), an invoice paid more than it had open (W401), money with nothing
/// open to pay (W404; not for a client whose balance is not known), and amountless `apply`
/// lines that were less than the money (W415).
enum PaymentAllocationRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        // Made at the first W415, as few ledgers have one.
        var payers: InvoicePayers?
        var mentions = InvoiceMention(ledger: l)
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
                d.append(Diagnostic(.W401, "invoice \(l.invoiceNumber(applied: k, of: payment)) is paid \(fmt(extra)) more than it had open (\(fmt(open)))", at: l.files.line(a.line, of: payment.anchor), hint: "the \(fmt(extra))\(payment.currency.afterAmount) becomes credit on account for '\(payment.client)'"))
            case .nothingOpen(let p):
                let payment = l.payments[p]
                if c.owingUnknown(payment.client, resolved: payment.clientNumber) { continue }
                // In a currency its client does not pay in (E307): that is the mistake, not
                // that nothing is open in it.
                if CurrencyRule.conflictsWithClient(payment.writtenCurrency, payment.client, resolved: payment.clientNumber, c) { continue }
                d.append(Diagnostic(.W404, "nothing of '\(payment.client)' is open in \(payment.currency.code) on \(payment.date) for this \(what(payment)) to pay", at: payment.amountRange(in: l.files), hint: "it becomes credit on account and pays the client's next invoice"))
            case .surplus(let p, let k, let named, let remaining, let paidOthers, let took, let recovered):
                if payers == nil { payers = InvoicePayers(c) }
                let slips = payers!.slips(before: p, from: k, c, &mentions)
                d.append(surplus(l, l.payments[p], at: l.files.line(l.allocation(k, of: l.payments[p]).line, of: l.payments[p].anchor), named: named, remaining: remaining, paidOthers: paidOthers, took: took, recovered: recovered, slips: slips))
            case .writeOffBeyondOpen, .writeOffOfNothing, .refundBeyondHeld, .assertionFailed:
                break
            }
        }
    }

    static func what(_ payment: Payment) -> String { payment.isCredit ? "credit" : "payment" }

    /// W415: says how much was left over and where it went (other invoices, or the account).
    /// `took`: what the amountless lines gave the invoices they name (the lines with amounts
    /// are not part of what those invoices had open), of which `recovered` paid back losses
    /// written off them, said apart: it was not open.
    /// `slips`: earlier payments that paid the invoices named while their refs name others
    /// (W425, W429): the amount is then right, and the hint points at them.
    static func surplus(_ l: Ledger, _ payment: Payment, at range: SourceRange, named: [String], remaining: Int64, paidOthers: [AppliedMoney], took: Int64, recovered: Int64, slips: [InvoicePayers.Slip] = []) -> Diagnostic {
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
        guard let slip = slips.first else {
            return Diagnostic(.W415, message, at: range, hint: "the \(fmt(remaining)) " + went.joined(separator: "; ") + "; if the amount is mistyped, correct it, or write the amount on `apply`")
        }
        let taken = l.invoices[slip.invoice].number
        let meant = slip.meant.map { l.invoices[$0].number }
        let which = (meant.count == 1 ? "invoice " : "invoices ") + Plural.list(meant)
        let fix = Plural.list(meant.map { "`apply \($0)`" })
        let notes = slips.map { s in
            let earlier = l.payments[s.payment]
            let named = s.meant.map { l.invoices[$0].number }
            return DiagnosticNote("this payment of \(MoneyFormat.format(earlier.minor, precision: earlier.currency.precision))\(earlier.currency.afterAmount) on \(earlier.date) went to invoice \(l.invoices[s.invoice].number), though its ref names \(named.count == 1 ? "invoice " : "invoices ")\(Plural.list(named)) (\(s.code.code))", at: s.range)
        }
        return Diagnostic(.W415, message, at: range, hint: "the \(fmt(remaining)) " + went.joined(separator: "; ") + "; the amount is likely right: invoice \(taken) was paid by the earlier payment in the note, whose ref names \(which); if that money was for \(which), give that payment \(fix), and \(taken) is left open for this one", notes: notes)
    }
}

/// Which payments paid each invoice, to tell a W415 whose invoice had been paid by an earlier
/// payment whose ref names another (W425, W429): the later payment's amount is not mistyped,
/// the earlier one went to the wrong invoice, and correcting it clears both warnings.
struct InvoicePayers {
    /// An earlier payment that paid `invoice` while its ref names `meant`.
    struct Slip {
        var payment: Int
        var invoice: Int
        var meant: [Int]
        var code: DiagnosticCode
        /// Where its ref names the first of `meant`.
        var range: SourceRange
    }

    /// Invoice → the payments whose money went to it, by `apply` or by the default allocation.
    private var paidBy: [Int: [Int]] = [:]

    init(_ c: CheckContext) {
        let l = c.ledger
        for q in l.payments.indices where !l.payments[q].isCredit && !l.payments[q].onAccount {
            var invoices = Set((c.sheet.applied[l.payments[q].order] ?? []).map(\.invoice))
            for a in l.allocations(of: l.payments[q]) { if let t = a.target { invoices.insert(Int(t)) } }
            for i in invoices { paidBy[i, default: []].append(q) }
        }
    }

    /// The slips before payment `p` that paid the invoices its amountless `apply` lines name,
    /// from line `first` on.
    func slips(before p: Int, from first: Int, _ c: CheckContext, _ mentions: inout InvoiceMention) -> [Slip] {
        let l = c.ledger
        let payment = l.payments[p]
        var found: [Slip] = []
        for a in l.allocations(of: payment).dropFirst(first) where a.minor == nil {
            guard let i = a.target.map(Int.init) else { continue }
            for q in paidBy[i] ?? [] where q != p && !found.contains(where: { $0.payment == q }) {
                let earlier = l.payments[q]
                guard earlier.client == payment.client, earlier.date < payment.date || (earlier.date == payment.date && earlier.order < payment.order),
                      let m = PaymentReferenceRule.misdirection(q, c, &mentions), !m.unpaid.contains(i) else { continue }
                found.append(Slip(payment: q, invoice: i, meant: m.unpaid, code: earlier.allocationRange.isEmpty ? .W425 : .W429, range: m.range))
            }
        }
        return found
    }
}
