extension LetterFields {
    /// What the letter asks about and what is open: `invoices.*`, `total`, `total.asked`,
    /// `total.heading`, `total.open`, `total.overdue`, `total.not-yet-due`, `days.*`.
    static func invoiceFields(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, choice = context.choice, ledger = context.ledger, sheet = context.sheet,
            asOf = context.asOf, open = context.open, chased = context.chased, chasedSet = context.chasedSet,
            disputed = context.disputed, planned = context.planned, days = context.days
        // A plan offer spreads what it asks about, a plan's invoices among them: in its table
        // they are past due or not, not "in the payment plan".
        v["invoices.table"] = table(open, ledger: ledger, sheet: sheet, asOf: asOf, disputed: disputed, planned: stage == .planOffer ? planned.subtracting(chasedSet) : planned, chased: chasedSet, apart: Set(choice.askedApart), apartFrom: stage == .demand ? "demand" : "notice", demanded: Set(choice.underDemand.map(\.invoice)), leftovers: Set(choice.leftovers), discounts: Set(choice.discountsAside?.invoices ?? []), promised: context.promised)
        v["invoices.list"] = list(chased.map { ledger.invoices[$0].number })
        v["invoices.count"] = String(chased.count)
        // Of all the letter asks to be paid: a plan's missed instalments asked for beside the
        // chased invoice are money on other invoices ("these invoices", not "the invoice").
        let askedCount = Set(chased + choice.alsoAsked).count
        v["invoices.the"] = askedCount == 1 ? "the invoice" : "these invoices"
        v["invoices.it"] = askedCount == 1 ? "it" : "them"
        v["invoices.phrase"] = invoicePhrase(chased.map { ledger.invoices[$0].number })
        v["total"] = totals(chased, ledger: ledger, sheet: sheet)
        v["total.asked"] = v["total"]
        v["total.heading"] = v["total"]
        v["total.open"] = totals(open, ledger: ledger, sheet: sheet)
        v["total.overdue"] = totals(open.filter { ledger.invoices[$0].due < asOf }, ledger: ledger, sheet: sheet)
        v["total.not-yet-due"] = totals(open.filter { ledger.invoices[$0].due >= asOf }, ledger: ledger, sheet: sheet)
        v["days.overdue"] = String(days)
        v["days.phrase"] = (chased.count > 1 ? "the oldest " : "") + "\(Plural.count(days, "day")) past its due date"
    }

    /// `not-yet-due`: invoices the table shows that are not asked for, as they are not yet due.
    static func notYetDueField(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, ledger = context.ledger, sheet = context.sheet, asOf = context.asOf,
            notYetDue = context.notYetDue
        let asks = stage != .statement && stage != .dispute && stage != .courtesy && stage != .thanks
        if asks && !notYetDue.isEmpty {
            // Money due today is neither overdue nor "not yet due": it is said as it is.
            let today = notYetDue.filter { ledger.invoices[$0].due == asOf }
            let later = notYetDue.filter { ledger.invoices[$0].due > asOf }
            var said: [String] = []
            if !today.isEmpty {
                let items = today.map { invoiceItem($0, due: false, ledger: ledger, sheet: sheet) }
                said.append(today.count == 1
                    ? "Invoice \(items[0]) falls due today; it is not part of what I am asking for now."
                    : "Invoices \(list(items)) fall due today; they are not part of what I am asking for now.")
            }
            if !later.isEmpty {
                let items = later.map { invoiceItem($0, due: true, ledger: ledger, sheet: sheet) }
                // Beside money due today, which was said not to be asked for, that is not said twice.
                let asked = today.isEmpty ? (later.count == 1 ? ", and it is not part of what I am asking for now" : ", and they are not part of what I am asking for now") : ""
                said.append(later.count == 1
                    ? "Invoice \(items[0]) is listed for completeness only: it is not yet due\(asked)."
                    : "Invoices \(list(items)) are listed for completeness only: they are not yet due\(asked).")
            }
            v["not-yet-due"] = said.joined(separator: " ")
        }
    }

    /// `discount.missed`: early-payment discounts taken after their date.
    /// The first letter to set discounts missed aside after letters that asked for them says so
    /// once (`StageChoice.DiscountsAside.newly`): the client is not left to work out from the
    /// table why the money is no longer asked for, nor asked for it again later.
    static func discountMissedField(_ v: inout [String: String], _ context: LetterContext) {
        let missedDiscounts = context.missedDiscounts, ledger = context.ledger, sheet = context.sheet
        var said = missedDiscounts.explanations
        if (context.stage.rung ?? 0) >= 1, let newly = context.choice.discountsAside?.newly, !newly.isEmpty {
            let one = newly.count == 1
            let numbers = newly.map { ledger.invoices[$0].number }
            said.append("I am no longer asking for the \(totals(newly, ledger: ledger, sheet: sheet)) of the early-payment \(one ? "discount" : "discounts") missed on \(invoicePhrase(numbers)): \(one ? "it is" : "they are") listed below, but \(one ? "it is" : "they are") not part of what I am asking you to pay.")
        }
        v["discount.missed"] = said.joined(separator: " ")
    }

    /// A Markdown table of the open invoices, each marked past due, not yet due, disputed or
    /// in the plan, with what was paid and what was credited (credit notes, write-offs and
    /// discounts) in columns of their own, and totals per currency.
    /// `missed`: plans' missed instalments the letter asks for, per currency; the plan's row
    /// is split into them and the rest, so the rows add up to the heading's past-due figure.
    /// `apart`: past-due invoices a final notice or demand leaves out (`StageChoice.askedApart`),
    /// totalled apart from the past-due money it asks for (`Past due, not part of this …`, the
    /// letter named by `apartFrom`). `demanded`: open invoices an earlier formal demand stands
    /// for, which a letter about other invoices does not ask for (`StageChoice.underDemand`),
    /// totalled apart as under it. `leftovers`: past-due invoices with less than one unit of
    /// their currency left, set aside from the chase (`StageChoice.leftovers`): listed, so the
    /// total open is the client's, but marked and totalled as not asked for. `discounts`:
    /// past-due invoices owing only early-payment discounts missed, set aside from a letter
    /// about unpaid work for the user to decide (`StageChoice.discountsAside`): marked and
    /// totalled as not asked for too. `promised`: past-due invoices a promise to pay whose day
    /// is still ahead covers, set aside from a letter about other money
    /// (`StageChoice.promised`): marked and totalled as promised by the day the client gave.
    static func table(_ invoices: [Int], ledger: Ledger, sheet: BalanceSheet, asOf: Day, disputed: Set<String>, planned: Set<Int>, chased: Set<Int>, missed: [(minor: Int64, currency: Currency)] = [], apart: Set<Int> = [], apartFrom: String = "demand", demanded: Set<Int> = [], leftovers: Set<Int> = [], discounts: Set<Int> = [], promised: (invoices: Set<Int>, by: Day)? = nil) -> String {
        guard !invoices.isEmpty else { return "" }
        // The totals split as the rows are marked: an invoice on hold or in the plan is past
        // due or not, but it is not part of the past-due money a letter asks for, and a
        // subtotal that counted it would contradict the amount asked for.
        var sums = CurrencySums(), pastDue = CurrencySums(), notDue = CurrencySums(), onHold = CurrencySums(), inPlan = CurrencySums(), apartSums = CurrencySums(), underDemand = CurrencySums(), small = CurrencySums(), discountSums = CurrencySums(), promisedSums = CurrencySums()
        for i in invoices {
            let cur = ledger.invoices[i].currency, open = sheet.invoices[i].owed
            sums.add(open, in: cur)
            if !apart.isEmpty && apart.contains(i) {
                apartSums.add(open, in: cur)
            } else if !demanded.isEmpty && demanded.contains(i) {
                underDemand.add(open, in: cur)
            } else if !disputed.isEmpty && disputed.contains(ledger.invoices[i].number) {
                onHold.add(open, in: cur)
            } else if !planned.isEmpty && planned.contains(i) {
                inPlan.add(open, in: cur)
            } else if !leftovers.isEmpty && leftovers.contains(i) {
                small.add(open, in: cur)
            } else if !discounts.isEmpty && discounts.contains(i) {
                discountSums.add(open, in: cur)
            } else if promised?.invoices.contains(i) == true {
                promisedSums.add(open, in: cur)
            } else if ledger.invoices[i].due < asOf {
                pastDue.add(open, in: cur)
            } else {
                notDue.add(open, in: cur)
            }
        }
        let showCode = sums.count > 1
        // A loss written off is neither credited nor taken off what is open (3.8).
        let credited = invoices.contains { sheet.invoices[$0].creditedAsTold > 0 }
        // A row per open invoice, appended to one buffer; amounts as `Money` writes them.
        var out = ByteText(capacity: 128 * (invoices.count + 3))
        // One buffer for splitting every item line read for its description.
        var words = Words()
        func money(_ m: Int64, _ c: Currency) {
            out.money(m, precision: c.precision)
            if showCode {
                out.byte(0x20)
                out.append(c.code)
            }
        }
        // A column of blanks reads as something left out: "For" only when some invoice says
        // what it was for (a `for` line, an item or a `ref`), not for one written as a total alone.
        let described = invoices.contains { i in ledger.withSummary(of: ledger.invoices[i], words: &words) { !$0.isEmpty } }
        let forColumn = described ? " For |" : "", forRule = described ? " --- |" : ""
        if credited {
            out.append("| Invoice | Date |\(forColumn) Amount | Paid | Credited | Open | Days past due |\n| --- | --- |\(forRule) ---: | ---: | ---: | ---: | ---: |")
        } else {
            out.append("| Invoice | Date |\(forColumn) Amount | Paid | Open | Days past due |\n| --- | --- |\(forRule) ---: | ---: | ---: | ---: |")
        }
        for i in invoices {
            let number = ledger.invoices[i].number, due = ledger.invoices[i].due, cur = ledger.invoices[i].currency
            let b = sheet.invoices[i]
            let late = asOf.days(since: due)
            out.words("\n| ")
            ReportTable.markdownCell(number, into: &out)
            out.words(" | ")
            out.longDay(ledger.invoices[i].issued)
            out.words(" | ")
            if described {
                ledger.withSummary(of: ledger.invoices[i], words: &words) { ReportTable.markdownCell(bytes: $0, into: &out) }
                out.words(" | ")
            }
            money(b.total, cur)
            out.append(" | ")
            money(b.paid, cur)
            if credited {
                out.append(" | ")
                money(b.creditedAsTold, cur)
            }
            out.append(" | ")
            money(b.owed, cur)
            out.append(" | ")
            // An invoice on hold or in the plan shows its state in place of days late: counting
            // days against money the client is paying as agreed would read as a reproach.
            if !disputed.isEmpty && disputed.contains(number) { out.append("disputed, on hold") } else if !planned.isEmpty && planned.contains(i) { out.append("in the payment plan") } else if !leftovers.isEmpty && leftovers.contains(i) { out.append("small balance, not asked for") } else if !discounts.isEmpty && discounts.contains(i) { out.append("discount missed, not asked for") } else if let p = promised, p.invoices.contains(i) { out.append("promised by \(p.by.longDescription)") } else if late > 999 { out.append(MoneyFormat.format(Int64(late), precision: 0)) } else if late > 0 { out.int(late) } else if late == 0 { out.append("due today") } else { out.append("not yet due (\(due.longDescription))") }
            out.append(" |")
        }
        let blanks = String(repeating: "| ", count: 3 + (credited ? 1 : 0) + (described ? 1 : 0)) + "|"
        // Split by state when some currency's open money is in more than one; then every
        // currency is split, so a total standing alone is not read as not past due.
        var missedSums = CurrencySums()
        for m in missed { missedSums.add(m.minor, in: m.currency) }
        // So it is when a currency's money is all left out of what the letter asks for (asked
        // for apart, or under an earlier demand) beside another currency's asked for: its total
        // alone would read as part of the amount asked for.
        let split = !missed.isEmpty || sums.sorted.contains { cur, _ in [pastDue[cur], apartSums[cur], underDemand[cur], onHold[cur], inPlan[cur], small[cur], discountSums[cur], promisedSums[cur], notDue[cur]].filter { $0 > 0 }.count > 1 }
            || sums.count > 1 && sums.sorted.contains { cur, _ in apartSums[cur] > 0 || underDemand[cur] > 0 }
        // Currencies in the order their rows come, as the letter's sentences name them
        // (`totals`): a heading of GBP then EUR over totals of EUR then GBP reads as a mismatch.
        var order: [Currency] = []
        for i in invoices where !order.contains(ledger.invoices[i].currency) { order.append(ledger.invoices[i].currency) }
        for (cur, sum) in sums.sorted.sorted(by: { order.firstIndex(of: $0.currency)! < order.firstIndex(of: $1.currency)! }) {
            let p = pastDue[cur], h = onHold[cur], l = inPlan[cur], n = notDue[cur]
            let m = min(missedSums[cur], l)
            if split {
                if p > 0 { out.append("\n| Past due \(blanks) \(Money(minor: p, currency: cur)) | |") }
                if apartSums[cur] > 0 { out.append("\n| Past due, not part of this \(apartFrom) \(blanks) \(Money(minor: apartSums[cur], currency: cur)) | |") }
                if underDemand[cur] > 0 { out.append("\n| Past due, under our formal demand \(blanks) \(Money(minor: underDemand[cur], currency: cur)) | |") }
                if m > 0 { out.append("\n| Plan instalments past due \(blanks) \(Money(minor: m, currency: cur)) | |") }
                if h > 0 { out.append("\n| Disputed, on hold \(blanks) \(Money(minor: h, currency: cur)) | |") }
                if l > m { out.append("\n| \(m > 0 ? "Rest of the payment plan" : "In the payment plan") \(blanks) \(Money(minor: l - m, currency: cur)) | |") }
                if small[cur] > 0 { out.append("\n| Small balance, not asked for \(blanks) \(Money(minor: small[cur], currency: cur)) | |") }
                if discountSums[cur] > 0 { out.append("\n| Discounts missed, not asked for \(blanks) \(Money(minor: discountSums[cur], currency: cur)) | |") }
                if let p = promised, promisedSums[cur] > 0 { out.append("\n| Past due, promised by \(p.by.longDescription) \(blanks) \(Money(minor: promisedSums[cur], currency: cur)) | |") }
                if n > 0 {
                    let today = invoices.contains { ledger.invoices[$0].currency == cur && ledger.invoices[$0].due == asOf && sheet.invoices[$0].open > 0 && !disputed.contains(ledger.invoices[$0].number) && !planned.contains($0) }
                    out.append("\n| \(today ? "Not yet overdue" : "Not yet due") \(blanks) \(Money(minor: n, currency: cur)) | |")
                }
            }
            // Two totals in a column read as a sum left unadded unless each says what it totals.
            let total = order.count > 1 ? "Total open in \(cur.code)" : "Total open"
            out.append("\n| **\(total)** \(blanks) **\(Money(minor: sum, currency: cur))** | |")
        }
        return out.string
    }
}
