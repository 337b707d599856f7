/// A payment with no `apply` pays the client's oldest open invoices (4, rule 4), whatever its
/// `ref` says. A bank reference that names an invoice ("Q-2 MENU PRICING") is the client saying
/// what the money is for: when the default allocation left that invoice unpaid, or paid only
/// part of it, the next letter asks for money the client has paid (W425). The user means
/// `apply Q-2`, and the warning says so.
///
/// Only payments with no `apply` (and no `on-account` mark, which says where the money goes)
/// are read, each `ref` again from the file; every word is looked up in the invoice index, never
/// by a pass over the invoices.
enum PaymentReferenceRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        for p in l.payments.indices where !l.payments[p].isCredit && l.payments[p].allocationRange.isEmpty && !l.payments[p].onAccount {
            d.readEntry()
            let payment = l.payments[p]
            let entry = l.files.entry(payment.anchor, details: true)
            guard let line = entry.details(.ref).first, line.words.count > 1 else { continue }
            let words = line.words.dropFirst().map { (text: String(decoding: l.files.bytes(entry.range($0.start, $0.end)), as: UTF8.self), start: $0.start) }
            // The invoices it names that were open when it came, and of those the ones it left open.
            var named: [Int] = []
            var unpaid: [(invoice: Int, range: SourceRange)] = []
            for m in InvoiceMention.find(in: words, client: payment.client, ledger: l) where !named.contains(m.invoice) {
                guard let settled = openWhenPaid(m.invoice, by: payment, c) else { continue }
                named.append(m.invoice)
                if settled.map({ $0 > payment.date }) ?? true { unpaid.append((m.invoice, entry.range(m.start, m.end))) }
            }
            // All the money went to the invoices it names (one too large for it is paid in
            // part, as it would be with `apply`): the ref was followed.
            let toNamed = (c.sheet.applied[payment.order] ?? []).reduce(Int64(0)) { named.contains($1.invoice) ? $0 + $1.amount : $0 }
            guard let first = unpaid.first, toNamed < payment.minor else { continue }
            d.append(diagnostic(payment, named: unpaid.map(\.invoice), at: first.range, c))
        }
    }

    /// Whether invoice `i`, of the payment's client and currency, was open when the payment
    /// came: issued on or before its day and not settled before it. Gives the day it was
    /// settled (nil inside: not yet), or nil when it was not open.
    static func openWhenPaid(_ i: Int, by payment: Payment, _ c: CheckContext) -> Day?? {
        let inv = c.ledger.invoices[i]
        guard inv.client == payment.client, inv.currency == payment.currency, inv.issued <= payment.date, i < c.sheet.invoices.count else { return nil }
        let settled = c.sheet.invoices[i].settled
        if let settled, settled < payment.date { return nil }
        return .some(settled)
    }

    static func diagnostic(_ payment: Payment, named: [Int], at range: SourceRange, _ c: CheckContext) -> Diagnostic {
        let l = c.ledger
        func fmt(_ v: Int64) -> String { MoneyFormat.format(v, precision: payment.currency.precision) }
        let shares = c.sheet.applied[payment.order] ?? []
        var paid: [(number: String, amount: Int64)] = []
        for s in shares {
            let n = l.invoices[s.invoice].number
            if let k = paid.firstIndex(where: { $0.number == n }) { paid[k].amount += s.amount } else { paid.append((n, s.amount)) }
        }
        let numbers = named.map { l.invoices[$0].number }
        let inPart = named.contains { i in shares.contains { $0.invoice == i } }
        var went: [String] = []
        if !paid.isEmpty {
            let list = paid.map { "\($0.number) (\(fmt($0.amount)))" }
            went.append("went to " + (list.count == 1 ? "invoice " : "invoices ") + Plural.list(list))
        }
        let held = payment.minor - paid.reduce(0) { $0 + $1.amount }
        if held > 0 { went.append("\(paid.isEmpty ? "was" : "\(fmt(held)) was") held on account") }
        let which = (numbers.count == 1 ? "invoice " : "invoices ") + Plural.list(numbers)
        let message = "this payment's ref names \(which), which it does not pay\(inPart ? " in full" : ""): with no `apply`, its \(fmt(payment.minor))\(payment.currency.afterAmount) \(went.joined(separator: " and "))"
        let lines = numbers.map { "`apply \($0)`" }
        return Diagnostic(.W425, message, at: range,
                          hint: "a payment with no `apply` pays the oldest open invoices first; if the money is for \(which), write \(Plural.list(lines)) under the payment")
    }

}

/// Where a text written by people (a payment's `ref`) names one of a client's invoices, found
/// word by word in the invoice index. A word names an invoice when it is that invoice's number
/// as a whole, as written, in capitals or in small letters (`q-2` is `Q-2`; `INV-12` is not
/// `INV-1`), once the punctuation a
/// sentence puts around it is taken off (`(Q-2),`). A number of digits alone (`2`, `1042`) is
/// as likely a date, an amount or a count, so it names an invoice only where the text says it
/// does: `#2`, or after `invoice` or `inv` (`invoice 2`, `Inv. 2`).
enum InvoiceMention {
    struct Found: Equatable {
        var invoice: Int
        /// Byte offsets of the number in the file.
        var start: Int
        var end: Int
    }

    /// The invoices of `client` that `words` (each with the offset of its first byte) name, in
    /// the order written.
    static func find(in words: [(text: String, start: Int)], client: String, ledger: Ledger) -> [Found] {
        var found: [Found] = []
        var previous = ""
        for w in words {
            defer { previous = w.text }
            let bytes = Array(w.text.utf8)
            var lo = 0, hi = bytes.count
            while lo < hi, opening.contains(bytes[lo]) { lo += 1 }
            while hi > lo, closing.contains(bytes[hi - 1]) { hi -= 1 }
            guard lo < hi else { continue }
            let hashed = bytes[..<lo].contains(UInt8(ascii: "#")) || previous == "#"
            let said = hashed || markers.contains(String(previous.lowercased().filter { $0 != "." && $0 != ":" }))
            // `Q-1/Q-2` or `Q-1,Q-2`: each part, when the whole is no number.
            var parts = [lo..<hi]
            if number(bytes[lo..<hi], client, ledger) == nil { parts = split(bytes, lo..<hi) }
            for r in parts {
                let part = bytes[r]
                if part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) && !(said && parts.count == 1) { continue }
                if let i = number(part, client, ledger) { found.append(Found(invoice: i, start: w.start + r.lowerBound, end: w.start + r.upperBound)) }
            }
        }
        return found
    }

    /// Words after which a number of digits alone is an invoice's.
    static let markers: Set<String> = ["invoice", "invoices", "inv", "#"]
    /// What may stand before a number and is not part of it (ids start with a letter or digit).
    static let opening = Set("#([{\"'<".utf8)
    /// What may follow a number in a sentence: ids may hold `.`, `-`, `/` and `#` inside, not at the end.
    static let closing = Set(".,;:!?)]}\"'>-/#_".utf8)

    /// `bytes[r]` cut at the characters no id holds or a list puts between numbers.
    static func split(_ bytes: [UInt8], _ r: Range<Int>) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = r.lowerBound
        for k in r where separators.contains(bytes[k]) {
            if k > start { parts.append(start..<k) }
            start = k + 1
        }
        if start < r.upperBound { parts.append(start..<r.upperBound) }
        return parts.count > 1 ? parts : []
    }

    static let separators = Set(",;/+&".utf8)

    /// The invoice of `client` numbered `bytes`, in any case: as written, then in capitals, then
    /// in small letters (numbers are written in one case, bank references often in capitals).
    static func number(_ bytes: ArraySlice<UInt8>, _ client: String, _ ledger: Ledger) -> Int? {
        let text = String(decoding: bytes, as: UTF8.self)
        for candidate in [text, text.uppercased(), text.lowercased()] {
            if let i = ledger.invoiceIndex[candidate], ledger.invoices[i].client == client { return i }
        }
        return nil
    }
}
