extension LetterFields {
    /// What the letter asks about and what is open: `invoices.*`, `total`, `total.asked`,
    /// `total.heading`, `total.open`, `total.overdue`, `total.not-yet-due`, `days.*`.
    static func invoiceFields(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, choice = context.choice, ledger = context.ledger, sheet = context.sheet,
            asOf = context.asOf, open = context.open, chased = context.chased, chasedSet = context.chasedSet,
            disputed = context.disputed, planned = context.planned, days = context.days
        // A plan offer spreads what it asks about, a plan's invoices among them: in its table
        // they are past due or not, not "in the payment plan".
        v["invoices.table"] = table(open, ledger: ledger, sheet: sheet, asOf: asOf, disputed: disputed, planned: stage == .planOffer ? planned.subtracting(chasedSet) : planned, chased: chasedSet, apart: Set(choice.askedApart), apartFrom: stage == .demand ? "demand" : "notice", demanded: Set(choice.underDemand.map(\.invoice)), leftovers: Set(choice.leftovers), discounts: Set(choice.discountsAside?.invoices ?? []))
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
    static func discountMissedField(_ v: inout [String: String], _ context: LetterContext) {
        let missedDiscounts = context.missedDiscounts
        v["discount.missed"] = missedDiscounts.explanations.joined(separator: " ")
    }
}
