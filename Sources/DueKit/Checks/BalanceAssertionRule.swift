/// A `balance` assertion that does not hold at the end of its day (E405): asserted, actual and
/// the difference, with the entries behind the balance (an invoice's movements, or a client's
/// open invoices and credit on account). A client whose balance is not known
/// (`CheckContext.owingUnknown`), or an assertion in no known currency, is not said to owe
/// another sum. A write-off refused for
/// writing off more than was open (E406) is not counted, and is named first among the notes.
enum BalanceAssertionRule: LedgerRule {
    /// Open invoices listed for a client before the rest are counted.
    static let shownInvoices = 12

    /// An assertion dated between a payment of its client and the day that payment came back
    /// is judged with the payment paid, as the books stood on its day (3.6), where the
    /// checker's run reads the ledger with the payment taken out. Those assertions alone are
    /// judged again, by a run over the ledger as it stood then, through the last of them (one
    /// run for those with the same returns behind them): a ledger with no such assertion pays
    /// for nothing more.
    static func judgeAsTheyStood(_ ledger: Ledger, facts: inout [BalanceFact]) {
        let returned = ledger.returnedPayments
        guard !returned.isEmpty else { return }
        let again = ledger.assertions.indices.filter { k in
            let a = ledger.assertions[k]
            return returned.contains { r in r.date > a.date && r.paid!.date <= a.date && r.paid!.client == a.client }
        }
        guard !again.isEmpty else { return }
        func failure(_ fact: BalanceFact, of assertions: Set<Int>) -> Bool {
            if case .assertionFailed(let k, _, _, _, _) = fact { assertions.contains(k) } else { false }
        }
        facts.removeAll { failure($0, of: Set(again)) }
        let groups = Dictionary(grouping: again) { k in returned.count { $0.date <= ledger.assertions[k].date } }
        for known in groups.keys.sorted() {
            let group = groups[known]!
            let last = group.map { ledger.assertions[$0].date }.max()!
            let sheet = BalanceEngine.balances(ledger.asItStood(on: last), asOf: last, options: BalanceOptions(collectFacts: true))
            facts += sheet.facts.filter { failure($0, of: Set(group)) }
        }
    }

    static func check(_ c: CheckContext, into d: inout Findings) {
        // The write-offs refused for writing off more than was open (E406), by client: not
        // counted, which an assertion they would have changed says.
        var refused: [String: [(writeOff: Int, invoice: Int, amount: Int64)]] = [:]
        for fact in c.sheet.facts {
            if case .writeOffBeyondOpen(let w, let i, let amount, _) = fact { refused[c.ledger.writeOffs[w].client, default: []].append((w, i, amount)) }
        }
        for fact in c.sheet.facts {
            guard case .assertionFailed(let k, let actual, let movements, let open, let credit) = fact else { continue }
            let a = c.ledger.assertions[k]
            if a.invoice == nil && c.owingUnknown(a.client, resolved: nil) { continue }
            // In no currency (E308 says so), the line asserts nothing that can be judged.
            if !a.currency.isKnown { continue }
            // Nor does one in a currency its client does not pay in (E307 says so).
            if CurrencyRule.conflictsWithClient(a.writtenCurrency, a.client, resolved: nil, c) { continue }
            func fmt(_ v: Int64) -> String { MoneyFormat.format(v, precision: a.currency.precision) }
            let owner = a.invoice.map { "invoice \($0)" } ?? "'\(a.client)'"
            var notes: [DiagnosticNote]
            if a.invoice != nil {
                notes = movements.map { DiagnosticNote("\($0.date) \($0.kind.words) \(fmt($0.amount))", at: c.ledger.files.header($0.anchor)) }
            } else {
                notes = open.map { x in
                    let inv = c.ledger.invoices[x.invoice]
                    return DiagnosticNote("invoice \(inv.number) of \(inv.issued) has \(fmt(x.open)) open", at: inv.numberRange(in: c.ledger.files))
                }
                if credit > 0 { notes.append(DiagnosticNote("credit on account: \(fmt(credit))", at: .none)) }
                if notes.count > shownInvoices {
                    let more = notes.count - shownInvoices
                    notes = Array(notes.prefix(shownInvoices)) + [DiagnosticNote("and \(more) more open invoices", at: .none)]
                }
            }
            // An assertion is judged at the end of its day, after that day's write-offs.
            let invoice = a.invoice.flatMap { c.ledger.invoiceIndex[$0] }
            let uncounted = (refused[a.client] ?? []).filter { r in
                c.ledger.writeOffs[r.writeOff].date <= a.date && (a.invoice == nil ? c.ledger.invoices[r.invoice].currency == a.currency : r.invoice == invoice)
            }
            notes = uncounted.map { r in
                let w = c.ledger.writeOffs[r.writeOff]
                return DiagnosticNote("not counted: the write-off of \(fmt(r.amount)) on \(w.date) of invoice \(w.invoice), more than it had open (E406)", at: c.ledger.files.amountWord(in: c.ledger.files.header(w.anchor)))
            } + notes
            d.append(Diagnostic(.E405, "\(owner) owes \(fmt(actual)) \(a.currency.code) at the end of \(a.date), not \(fmt(a.minor)) as asserted (difference \(fmt(actual - a.minor)))", at: a.amountRange(in: c.ledger.files), hint: "asserted \(fmt(a.minor)), actual \(fmt(actual)), difference \(fmt(actual - a.minor))", notes: notes))
        }
    }
}
