extension LetterFields {
    /// `claim.terms`, `claim.note`, `claim.costs`, `claim.table`, `claim.amount`, `claim.breakdown`,
    /// `claim.total`, and a final notice's `final.next`, of a final notice or demand. Returns a demand's claim.
    static func claimFields(_ v: inout [String: String], _ context: LetterContext) -> LateClaim {
        let stage = context.stage, choice = context.choice, story = context.story, ledger = context.ledger,
            sheet = context.sheet, asOf = context.asOf, chased = context.chased
        // What a demand claims on top of what is open, for its closing (`claim.asked`).
        var demandClaim = LateClaim.empty
        if stage == .final || stage == .demand {
            // The checker reports a claim too large to count (E309) before any letter is
            // written; a caller that skipped it gets a sentence rather than a wrong figure.
            let claim: LateClaim
            do { claim = try LateClaim(invoices: chased, ledger: ledger, sheet: sheet, story: story) } catch {
                claim = .empty
                if stage == .demand {
                    v["claim.terms"] = "The interest and compensation our terms provide for on invoice \(ledger.invoices[error.invoice].number) are more than can be counted here; we will state them separately."
                }
            }
            demandClaim = claim
            let interest = claim.lines.contains { $0.rate != nil }
            let compensation = claim.lines.contains { $0.compensation > 0 }
            switch (interest, compensation) {
            case (true, true): v["claim.note"] = ", adding the interest and compensation our terms provide for"
            case (true, false): v["claim.note"] = ", adding the interest our terms provide for"
            case (false, true): v["claim.note"] = ", adding the compensation our terms provide for"
            case (false, false): break
            }
            // Over less than the demand minimum no demand follows (`StageChoice.belowDemandMinimum`);
            // money in a currency below its own minimum is left out of the demand (3.2).
            if stage == .final {
                let short = StageChooser.shortOfDemandMinimum(chased, ledger: ledger, sheet: sheet)
                let shortSet = Set(short)
                let demanded = chased.filter { !shortSet.contains($0) }
                v["final.next"] = choice.belowDemandMinimum != nil ? "I will consider what further steps to take to recover it"
                    : short.isEmpty ? "I will send a formal demand for the full amount\(v["claim.note"] ?? ""), and then consider further steps to recover it"
                    : "I will send a formal demand for the \(totals(demanded, ledger: ledger, sheet: sheet))\(v["claim.note"] ?? ""), and then consider further steps to recover it; for the \(totals(short, ledger: ledger, sheet: sheet)), I will consider what further steps to take"
            }
            // A final notice warns of recovery costs still to come; a demand has claimed them
            // (they are the compensation in its table), so it only says interest keeps running.
            // A rate that only some of the invoices carry is said with the invoices it is on;
            // several are each said with their invoices ("10.15% a year on invoice I-1, and 9.00% a
            // year on invoices I-2 and I-3").
            let rates = Set(claim.lines.compactMap { $0.rate?.description }).sorted()
            let withRate = claim.lines.filter { $0.rate != nil }.map(\.number)
            let onSome = withRate.count < chased.count ? " on \(invoicePhrase(withRate))" : ""
            // Invoices sharing a rate are named together under it, rates in the order the table shows them.
            var byRate: [(rate: String, numbers: [String])] = []
            for l in claim.lines {
                guard let r = l.rate?.description else { continue }
                if let k = byRate.firstIndex(where: { $0.rate == r }) { byRate[k].numbers.append(l.number) } else { byRate.append((r, [l.number])) }
            }
            let groups = byRate.map { "\($0.rate)% a year on \($0.numbers.count == 1 ? "invoice" : "invoices") \(list($0.numbers))" }
            let yearly = rates.count > 1
                ? (groups.count == 2 ? groups.joined(separator: ", and ") : groups.dropLast().joined(separator: ", ") + ", and " + groups.last!)
                : rates.map { $0 + "% a year" }.joined() + onSome
            if stage == .final {
                if compensation { v["claim.costs"] = ", and the recovery costs our terms provide for may be added" }
            } else if interest && !claim.isEmpty {
                v["claim.costs"] = ", in which we would also ask for the interest that continues to run at \(yearly)"
            }
            if stage == .demand && !claim.isEmpty {
                var terms: [String] = []
                if interest {
                    terms.append(rates.count > 1 ? "simple interest from the due date at \(yearly)"
                        : "simple interest at \(rates.joined())% a year from the due date\(onSome)")
                }
                let compensated = claim.lines.filter { $0.compensation > 0 }
                let statutory = compensated.filter(\.statutory).count
                if compensation {
                    // "Statutory" only for sums that are the band, never for the user's own figure.
                    let which = statutory == compensated.count ? " (the statutory sum for commercial debts)"
                        : statutory == 0 ? " (the sum our terms state)"
                        : " (the statutory sum for commercial debts where the table says so, otherwise the sum our terms state)"
                    let each = compensated.count < chased.count
                        ? (compensated.count == 1 ? "for invoice " : "for each of invoices ") + list(compensated.map(\.number)) : "for each late invoice"
                    terms.append("a fixed sum \(each) to cover the cost of recovering it" + which)
                }
                let counted = stage == .demand && !choice.askedApart.isEmpty ? " on \(invoicePhrase(chased.map { ledger.invoices[$0].number }))" : ""
                // The table's open amount times its days is not the interest of an invoice paid
                // in part after its due date: the money paid late bore interest until it came.
                let paidLate = claim.lines.filter(\.paidLate).map(\.number)
                // Waived only where a sum was (a credit note bore no interest at all): a loss of
                // ours is still owed, bears interest still, and is never named.
                let waived = paidLate.contains { n in ledger.invoiceIndex[n].map { sheet.invoices[$0].waived > 0 } ?? false }
                let ways = waived ? "paid or waived" : "paid"
                let late = paidLate.isEmpty ? "" : " Interest also runs on any part \(ways) after the due date, until the day it was \(ways) (\(invoicePhrase(paidLate)))."
                // Nothing added to the instalments paid on time, as the plan's offer said.
                // A plan that lapsed no longer governs: said apart, with the day it was over
                // from, when what was still to fall due under it fell due (`Line.lapse`).
                let running = claim.lines.filter { $0.planned && $0.lapse == nil }
                // An instalment due on a weekend or a holiday was on time until the next working
                // day (`Instalment.lastDay`): said when one of the rows counts from such a day.
                func moved(_ lines: [LateClaim.Line]) -> Bool { lines.contains { $0.lateParts.contains { p in p.instalment.map { $0 != p.from } ?? false } } }
                let byDate = moved(running) ? "by its date (or by the next working day, when that date is a weekend or a holiday), from the day after that" : "by its date, from the day after it"
                var plan = running.isEmpty ? "" : " On \(invoicePhrase(running.map(\.number))), in our payment plan, interest runs only on an instalment not paid \(byDate) until it is paid: nothing is added to the instalments paid on time."
                var lapses: [(day: Day, lines: [LateClaim.Line])] = []
                for l in claim.lines where l.planned {
                    guard let day = l.lapse else { continue }
                    if let k = lapses.firstIndex(where: { $0.day == day }) { lapses[k].lines.append(l) } else { lapses.append((day, [l])) }
                }
                for (day, lines) in lapses {
                    let after = moved(lines) ? "from the day after its date (or after the next working day, when that date is a weekend or a holiday)" : "from the day after its date"
                    plan += " On \(invoicePhrase(lines.map(\.number))), our payment plan lapsed on \(day.longDescription), when all that was open on it fell due: interest runs on each instalment missed before then \(after), and on the rest from \(day.adding(days: 1).longDescription); nothing is added to the instalments paid on time."
                }
                v["claim.terms"] = "Our terms provide for late payment to carry \(terms.joined(separator: ", and ")).\(late)\(plan) Counted to \(asOf.longDescription)\(counted), this comes to:"
                var rows = ["| Invoice | Open | Due | Days late | Interest | Compensation |", "| --- | ---: | --- | ---: | ---: | ---: |"]
                // Figures in two currencies are never set side by side without their codes.
                let coded = Set(claim.lines.map(\.currency)).count > 1
                func figure(_ minor: Int64, _ currency: Currency) -> String {
                    coded ? Money(minor: minor, currency: currency).description : Money(minor: minor, currency: currency).formatted
                }
                for l in claim.lines {
                    let interest = l.rate.map { "\(figure(l.interest, l.currency)) (\($0)%)" } ?? "—"
                    let mark = statutory > 0 && statutory < compensated.count && l.statutory ? " (statutory)" : ""
                    // A plan's invoice bore interest only from the day after each instalment
                    // missed: a row for each, its days and interest those it is counted on, the
                    // compensation on the first; the last row's interest is what rounding left
                    // of the invoice's, so the rows add up to it.
                    if let rate = l.rate, !l.lateParts.isEmpty {
                        var left = l.interest
                        for (k, part) in l.lateParts.enumerated() {
                            let share = k == l.lateParts.count - 1 ? left : LateClaim.interest(open: part.open, rate: rate, days: part.days) ?? 0
                            left -= share
                            // An instalment named by its own date; its days count from the day
                            // after its last (`Instalment.lastDay`), which is said when later.
                            let from: String
                            if part.lapsed {
                                from = "\(part.from.longDescription) (plan lapsed)"
                            } else if part.from == l.due {
                                from = part.from.longDescription
                            } else if let date = part.instalment, date != part.from {
                                from = "\(date.longDescription) (instalment; on time until \(part.from.longDescription))"
                            } else {
                                from = "\(part.from.longDescription) (instalment)"
                            }
                            let comp = k == 0 && l.compensation > 0 ? figure(l.compensation, l.currency) + mark : "—"
                            rows.append("| \(ReportTable.markdownCell(l.number)) | \(figure(part.open, l.currency)) | \(from) | \(MoneyFormat.format(Int64(part.days), precision: 0)) | \(figure(share, l.currency)) (\(rate)%) | \(comp) |")
                        }
                        continue
                    }
                    rows.append("| \(ReportTable.markdownCell(l.number)) | \(figure(l.open, l.currency)) | \(l.due.longDescription) | \(MoneyFormat.format(Int64(l.days), precision: 0)) | \(interest) | \(l.compensation > 0 ? figure(l.compensation, l.currency) + mark : "—") |")
                }
                v["claim.table"] = rows.joined(separator: "\n")
                var owed = CurrencySums()
                for i in chased { owed.add(sheet.invoices[i].owed, in: ledger.invoices[i].currency) }
                // One amount to pay: what is open plus what the claim adds, per currency, in
                // the order of their invoices, as `total` gives them, so one sentence does not
                // name them in two orders.
                v["claim.amount"] = totals(chased, ledger: ledger, sheet: sheet, adding: claim.totals.map { (minor: $0.1, currency: $0.0) })
                let order = chased.map { ledger.invoices[$0].currency }
                let extras = list(claim.totals.sorted { (order.firstIndex(of: $0.0) ?? .max) < (order.firstIndex(of: $1.0) ?? .max) }.map { Money(minor: $0.1, currency: $0.0).description })
                let what = claim.what
                v["claim.breakdown"] = "that is, \(v["total"] ?? "") open on \(v["invoices.phrase"] ?? "") and \(extras) of \(what), set out below"
                v["claim.total"] = claim.totals.sorted { (order.firstIndex(of: $0.0) ?? .max) < (order.firstIndex(of: $1.0) ?? .max) }.map { cur, extra in
                    let what = claim.what(in: cur), What = what.prefix(1).uppercased() + what.dropFirst()
                    return "\(What): \(Money(minor: extra, currency: cur)). With the \(Money(minor: owed[cur], currency: cur)) open, the amount now claimed is \(Money(minor: extra + owed[cur], currency: cur))."
                }.joined(separator: "\n")
            }
            if stage == .demand {
                if v["claim.amount"] == nil {
                    v["claim.amount"] = v["total"]
                    v["claim.breakdown"] = "owed on \(v["invoices.phrase"] ?? "")"
                }
            }
        }
        return demandClaim
    }

    /// A demand's `claim.asked`, `claim.if` and `claim.unless`.
    static func claimAskedFields(_ v: inout [String: String], _ context: LetterContext, missed: MissedInstalmentsAsked, claim demandClaim: LateClaim) {
        let missedAsked = missed.asked
        let stage = context.stage
        let ledger = context.ledger
        let chased = context.chased
        // A demand closes by asking for what its body asked for: its amount, and the plan's
        // missed instalments it asked to be sent with it (the sum of both in one figure when
        // all is in one currency). The claim is on its own invoices alone.
        // What it threatens formal steps over is its own amount: the plan's invoices are not
        // demanded, and go back to the ladder once the plan has run out.
        if stage == .demand {
            v["claim.asked"] = v["claim.amount"]
            let several = severalAmounts(chased, ledger: ledger)
            // `claim.if` carries its verb, which agrees with what is asked; `claim.unless` is
            // the same words without it, as templates written before `claim.if` read it
            // ("{{claim.unless}} has not reached us").
            v["claim.if"] = several ? "If they have" : "If it has"
            v["claim.unless"] = "If it"
            if let m = missedAsked, let amount = v["claim.amount"] {
                v["claim.if"] = "If the \(amount) of this demand \(several ? "have" : "has")"
                v["claim.unless"] = "If the \(amount) of this demand"
                let inAll = m.minor.map { open -> String in
                    let extra = demandClaim.totals.first { $0.0 == m.currency }?.1 ?? 0
                    return " (\(Money(minor: open + extra, currency: m.currency)) in all)"
                } ?? ""
                v["claim.asked"] = "\(amount) and \(m.words)\(inAll)"
            }
        }
    }
}
