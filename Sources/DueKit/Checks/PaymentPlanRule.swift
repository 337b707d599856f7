/// A payment plan's instalments add up to the amount planned (E407) and fall on increasing
/// dates from the plan's date on (E408); a plan covers invoices still open (W409), and does not
/// share an invoice with an earlier plan it does not replace (W421).
enum PaymentPlanRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        for plan in l.plans {
            let p = plan.currency.precision
            func fmt(_ v: Int64) -> String { MoneyFormat.format(v, precision: p) }
            // Found only for a diagnostic: reading the entry again brings its page of the file
            // back into memory, for each of thousands of plans.
            func amountRange() -> SourceRange { l.files.word(3, of: plan.anchor) }

            // Amounts that could not be read as money were reported by the resolver; a sum over
            // them would only add noise.
            let unreadable = plan.hasUnreadInstalment || (plan.minor == 0 && plan.amount.digits != 0) || plan.instalments.contains { $0.minor == 0 && $0.amount.digits != 0 }
            if plan.instalments.isEmpty && !plan.hasUnreadInstalment {
                d.append(Diagnostic(.E407, "this plan of \(fmt(plan.minor))\(plan.currency.afterAmount) has no instalments", at: amountRange(), hint: "add one indented line per instalment: `DATE AMOUNT`"))
            } else if !unreadable {
                // Each instalment is at most 10^15 minor units; ten thousand of them pass Int64.
                var wide: Int128 = 0
                for k in plan.instalments { wide += Int128(k.minor) }
                if wide.magnitude > LedgerResolver.maxCurrencyTotal.magnitude {
                    d.append(Diagnostic(.E407, "the instalments add up to more than the largest total due handles, not the \(fmt(plan.minor)) planned", at: amountRange(), hint: "correct the instalments"))
                } else if case let sum = Int64(wide), sum != plan.minor {
                    d.append(Diagnostic(.E407, "the instalments add up to \(fmt(sum))\(plan.currency.afterAmount), not the \(fmt(plan.minor)) planned", at: amountRange(), hint: "planned \(fmt(plan.minor)), instalments \(fmt(sum)), difference \(fmt(plan.minor - sum)); correct the amount or an instalment"))
                }
            }

            var previous: Instalment? = nil
            for k in plan.instalments {
                // An instalment line starts with its date, always ten characters.
                func dateRange(_ k: Instalment) -> SourceRange {
                    let line = l.files.line(k.line, of: plan.anchor)
                    return SourceRange(file: line.file, start: Int(line.start), end: Int(line.start) + 10)
                }
                if k.date < plan.date {
                    d.append(Diagnostic(.E408, "the instalment of \(k.date) falls before the plan was agreed on \(plan.date)", at: dateRange(k), hint: "instalments fall on or after the plan's date"))
                } else if let prev = previous, k.date <= prev.date {
                    d.append(Diagnostic(.E408, "the instalment of \(k.date) does not come after the one of \(prev.date)", at: dateRange(k), hint: "write instalments in date order, one per date", notes: [DiagnosticNote("the instalment of \(prev.date)", at: dateRange(prev))]))
                }
                previous = k
            }

            for (k, number) in plan.invoices.enumerated() {
                guard let i = c.ids.invoices.index(number), let settled = c.sheet.invoices[i].settled, settled <= plan.date else { continue }
                d.append(Diagnostic(.W409, "invoice \(number) was settled on \(settled), before this plan of \(plan.date)", at: plan.invoiceRanges(in: l.files)[k], hint: "a plan covers what is still open; drop it from `for`"))
            }
        }
        overlapping(c, into: &d)
    }

    /// W421: a plan that names an invoice of an earlier plan still running without replacing
    /// it (the earlier one covers other invoices still open that this one leaves out). Both
    /// plans would run, each counting that invoice's payments towards its instalments.
    static func overlapping(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        let named = l.plans.indices.filter { !l.plans[$0].invoices.isEmpty }
        guard named.count > 1 else { return }
        let inOrder = named.sorted { (l.plans[$0].date, l.plans[$0].order) < (l.plans[$1].date, l.plans[$1].order) }
        var earlier: [String: [Int]] = [:]
        for k in inOrder {
            let plan = l.plans[k]
            let mine = Set(plan.invoices)
            for q in earlier[plan.client] ?? [] {
                let other = l.plans[q]
                // Left out by this plan, and still open on its date: the other plan runs on.
                let left = other.invoices.filter { n in
                    !mine.contains(n) && (c.ids.invoices.index(n).map { i in c.sheet.invoices[i].settled.map { $0 > plan.date } ?? true } ?? false)
                }
                guard !left.isEmpty, let shared = plan.invoices.firstIndex(where: { Set(other.invoices).contains($0) }) else { continue }
                let number = plan.invoices[shared]
                d.append(Diagnostic(.W421, "invoice \(number) is also in the plan of \(other.date), which this plan does not replace: that plan covers \(LetterFields.invoicePhrase(left)) as well", at: plan.invoiceRanges(in: l.files)[shared],
                                    hint: "both plans would count \(number)'s payments; name all of that plan's open invoices here to replace it, or leave \(number) to one plan"))
            }
            earlier[plan.client, default: []].append(k)
        }
    }
}
