/// Compensation for late payment as the law bands it (grammar.md §7.3). `compensation
/// statutory` needs a currency with a statutory sum (W311); a GBP sum stated on an invoice, or on
/// its client, that differs from the UK band for that invoice (by its total, nor by the debt
/// that was late) is a likely slip (W310) — checked for invoices open and past due, the ones a
/// demand could claim on. A client's sum in no currency the resolver could find is claimed on
/// none of its invoices (W314).
enum CompensationRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        let gbp = Currency("GBP")
        // A stated sum in another currency than the client pays in would be claimed on none of
        // its invoices (`LateClaim`): said, rather than left to look claimed.
        for client in l.clients {
            guard let written = client.compensationCurrency, let cur = client.currency ?? l.settings.currency, written != cur else { continue }
            let at = l.files.detail(.compensation, of: client.anchor) ?? l.files.header(client.anchor)
            d.append(Diagnostic(.E304, "the compensation is in \(written.code) but client '\(client.id)' pays in \(cur.code)", at: l.files.currencyWord(in: at), hint: "write the compensation in \(cur.code), or put it on the invoices in \(written.code)"))
        }
        // One written without a currency, for a client whose invoices are in several and who
        // has no currency of its own nor the file one, is in no currency the resolver could
        // choose: claimed on none of them, and said so.
        let unplaced = l.clients.indices.filter { l.clients[$0].compensation != nil && l.clients[$0].compensationCurrency == nil }
        if !unplaced.isEmpty {
            var billed = [Set<Currency>](repeating: [], count: l.clients.count)
            for i in l.invoices.indices {
                guard let k = l.invoices[i].clientNumber.map(Int.init), k < billed.count, l.invoices[i].currency.isKnown else { continue }
                billed[k].insert(l.invoices[i].currency)
            }
            for k in unplaced where billed[k].count > 1 {
                let client = l.clients[k], codes = billed[k].map(\.code).sorted()
                let amount = client.compensation!.description
                d.append(Diagnostic(.W314, "the compensation \(amount) of client '\(client.id)' names no currency, and its invoices are in \(LetterFields.list(codes)): it is claimed on none of them", at: l.files.detail(.compensation, of: client.anchor) ?? l.files.header(client.anchor), hint: "write the currency it is in, as in `compensation \(amount) \(codes[0])`, and put a compensation on the invoices in the other currency if they have one"))
            }
        }
        for client in l.clients where client.statutoryCompensation {
            guard let cur = client.currency ?? l.settings.currency, StatutoryCompensation.amount(total: 0, currency: cur) == nil else { continue }
            d.append(Diagnostic(.W311, "`compensation statutory` for '\(client.id)', whose currency \(cur.code) has no statutory sum `due` knows", at: l.files.detail(.compensation, of: client.anchor) ?? l.files.header(client.anchor), hint: "due knows the UK bands (GBP) and the EU minimum (EUR); state the amount your terms give, e.g. `compensation 40.00`"))
        }
        // A client's stated sum is reported once, at the client, naming its first invoice off the band.
        var reportedClients: Set<String> = []
        // Off the band for the invoice's total, and perhaps for the debt that was late (what
        // was unpaid at the end of the due date, which a demand bands by): those are traced in
        // one run after this pass, and only those off that band too are reported.
        var offBand: [(invoice: Int, stated: Int64, own: Bool)] = []
        // By index, reading fields first: a copy of every invoice would retain all its strings.
        for i in l.invoices.indices where i < c.sheet.invoices.count {
            let statutory = l.invoices[i].statutoryCompensation
            guard statutory || (l.invoices[i].currency == gbp && c.sheet.invoices[i].issued && c.sheet.invoices[i].open > 0 && l.invoices[i].due < c.asOf)
            else { continue }
            if statutory, StatutoryCompensation.amount(total: l.invoices[i].total, currency: l.invoices[i].currency) == nil {
                let inv = l.invoices[i]
                d.append(Diagnostic(.W311, "`compensation statutory` on invoice \(inv.number), in \(inv.currency.code), which has no statutory sum `due` knows", at: l.files.detail(.compensation, of: inv.anchor) ?? l.files.header(inv.anchor), hint: "due knows the UK bands (GBP) and the EU minimum (EUR); state the amount your terms give"))
            }
            guard !statutory, l.invoices[i].currency == gbp, c.sheet.invoices[i].issued, c.sheet.invoices[i].open > 0, l.invoices[i].due < c.asOf else { continue }
            // The sums are read in place; the invoice and its client are copied only to word a
            // warning.
            let number = l.invoices[i].clientNumber.map(Int.init)
            let own = l.invoices[i].compensation != nil
            // A sum in another currency is an error of its own (E304), not a sum off the band.
            guard !own || l.invoices[i].compensationCurrency.map({ $0 == gbp }) ?? true else { continue }
            guard let stated = (l.invoices[i].compensation ?? number.flatMap({ LateClaim.clientCompensation(l.clients[$0], for: gbp) }))?.minorUnits(precision: 2),
                let band = StatutoryCompensation.amount(total: l.invoices[i].total, currency: gbp),
                // The debt that was late is at most the total, its band at most the total's.
                stated != band || stated > StatutoryCompensation.amount(total: 0, currency: gbp)!
            else { continue }
            offBand.append((i, stated, own))
        }
        let history = offBand.isEmpty ? OpenHistory() : BalanceEngine.openHistory(l, of: offBand.map(\.invoice), through: c.asOf)
        for (i, stated, own) in offBand {
            let late = history.unpaid(i, endOf: l.invoices[i].due, knownAt: c.asOf)
            guard let band = StatutoryCompensation.amount(total: late, currency: gbp), band != stated else { continue }
            let number = l.invoices[i].clientNumber.map(Int.init)
            let inv = l.invoices[i]
            let client = number.map { l.clients[$0] }
            if !own {
                guard reportedClients.insert(inv.client).inserted else { continue }
            }
            let range = own ? l.files.detail(.compensation, of: inv.anchor) ?? l.files.header(inv.anchor) : client.flatMap { l.files.detail(.compensation, of: $0.anchor) } ?? inv.numberRange(in: l.files)
            let fmt = { (m: Int64) in MoneyFormat.format(m, precision: 2) }
            let debt = late == inv.total ? "total \(fmt(inv.total))" : "\(fmt(inv.total)), of which \(fmt(late)) was owed and unpaid on its due date"
            d.append(Diagnostic(.W310, "compensation of \(fmt(stated)) GBP on invoice \(inv.number) (\(debt)) differs from the UK statutory sum for that size of debt, \(fmt(band)) GBP", at: range, hint: "the Late Payment of Commercial Debts Regulations 2002 give 40.00 under 1,000, 70.00 from 1,000 to 9,999.99 and 100.00 from 10,000; write `compensation statutory` to use the band", notes: own ? [] : [DiagnosticNote("invoice \(inv.number) takes its client's compensation", at: inv.numberRange(in: l.files))]))
        }
    }
}
