/// A payment with no `apply` pays the client's oldest open invoices (4, rule 4), whatever its
/// `ref` says. A bank reference that names an invoice ("Q-2 MENU PRICING") is the client saying
/// what the money is for: when the default allocation left that invoice unpaid, or paid only
/// part of it, the next letter asks for money the client has paid (W425). The user means
/// `apply Q-2`, and the warning says so. A `ref` that names none of the client's invoices but
/// another client's is warned of too, saying whose it is: the money may be that client's, paid
/// from the wrong account or recorded under the wrong client.
///
/// Only payments with no `apply` (and no `on-account` mark, which says where the money goes)
/// are read, each `ref` again from the file; every word is looked up in the invoice index, never
/// by a pass over the invoices.
enum PaymentReferenceRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        var mentions = InvoiceMention(ledger: l)
        // Payments whose ref names an invoice settled before they came (W434): rare, so kept
        // in one list, looked into once all are read.
        var suspects: [RepeatPayment.Suspect] = []
        for p in l.payments.indices where !l.payments[p].isCredit && l.payments[p].allocationRange.isEmpty && !l.payments[p].onAccount {
            d.readEntry()
            let payment = l.payments[p]
            let reading = read(payment, ledger: l, sheet: c.sheet, mentions: &mentions) { RepeatPayment.suspect(p, names: $0, c) }
            switch reading.misdirection {
            case .leftOpen(let named, let range)?: d.append(diagnostic(payment, named: named, at: range, ledger: l, sheet: c.sheet))
            case .othersInvoice(let i, let range)?: d.append(diagnostic(payment, namesInvoiceOf: i, at: range, ledger: l, sheet: c.sheet))
            case nil: break
            }
            if let again = reading.paidAgain { suspects.append(.init(payment: p, invoice: again.invoice, range: again.range)) }
        }
        for f in RepeatPayment.find(suspects, c) { d.append(RepeatPayment.diagnostic(f, c)) }
    }

    /// What a payment's `ref` says that its money, with no `apply`, did not do.
    enum Misdirection {
        /// It names these invoices of its client, open when it came, and left them open, or
        /// paid only part of them, while some of its money went elsewhere; `range`: where the
        /// first is named.
        case leftOpen(named: [Int], range: SourceRange)
        /// It names none of its client's invoices but this one of another client's.
        case othersInvoice(Int, range: SourceRange)
    }

    /// W425's reading of one payment with no `apply` (nor `on-account` mark): its `ref`, read
    /// again from the file, each word looked up in the invoice index. Also read by the letters,
    /// which hold a letter that would ask again for money paid (`HeldLetter`).
    static func misdirection(of payment: Payment, ledger l: Ledger, sheet: BalanceSheet, mentions: inout InvoiceMention) -> Misdirection? {
        read(payment, ledger: l, sheet: sheet, mentions: &mentions, paidBefore: nil).misdirection
    }

    /// What `due check` reads of a payment's `ref`: W425's misdirection, and, when
    /// `paidBefore` says an invoice it names that was settled before it came (or that day, by
    /// another payment) was paid by an earlier payment like it, the first such invoice, unless
    /// the money went to an invoice it names or it left one open (W434, `RepeatPayment`).
    static func read(_ payment: Payment, ledger l: Ledger, sheet: BalanceSheet, mentions: inout InvoiceMention,
                     paidBefore: ((Int) -> Bool)?) -> (misdirection: Misdirection?, paidAgain: (invoice: Int, range: SourceRange)?) {
        let entry = l.files.entry(payment.anchor, details: true)
        guard let line = entry.details(.ref).first, line.words.count > 1 else { return (nil, nil) }
        let words = line.words.dropFirst().map { (text: String(decoding: l.files.bytes(entry.range($0.start, $0.end)), as: UTF8.self), start: $0.start) }
        // The invoices it names that were open when it came, and of those the ones it left open.
        var named: [Int] = []
        var unpaid: [(invoice: Int, range: SourceRange)] = []
        let found = mentions.find(in: words, client: payment.client)
        // A ref that names none of the client's invoices but another client's: the money
        // may be for that one, paid from the wrong account or recorded under the wrong
        // client, and no `apply` here can send it there (E205). Said with whose it is.
        if found.isEmpty, let other = mentions.find(in: words, client: nil).first(where: { l.invoices[$0.invoice].client != payment.client }) {
            return (.othersInvoice(other.invoice, range: entry.range(other.start, other.end)), nil)
        }
        var paidAgain: (invoice: Int, range: SourceRange)?
        for m in found where !named.contains(m.invoice) {
            let open = openWhenPaid(m.invoice, by: payment, ledger: l, sheet: sheet)
            // Settled before it came, or by another payment that day: perhaps paid a second
            // time (W434), one warning a payment.
            if let paidBefore, open.map({ $0 == payment.date }) ?? true, paidBefore(m.invoice) {
                if paidAgain == nil { paidAgain = (m.invoice, entry.range(m.start, m.end)) }
                continue
            }
            guard let settled = open else { continue }
            named.append(m.invoice)
            if settled.map({ $0 > payment.date }) ?? true { unpaid.append((m.invoice, entry.range(m.start, m.end))) }
        }
        // All the money went to the invoices it names (one too large for it is paid in
        // part, as it would be with `apply`): the ref was followed.
        let toNamed = (sheet.applied[payment.order] ?? []).reduce(Int64(0)) { named.contains($1.invoice) ? $0 + $1.amount : $0 }
        // A payment that went to an invoice its ref names, or is told of for one it left
        // open (W425), is not paying the settled one again.
        if toNamed > 0 || !unpaid.isEmpty { paidAgain = nil }
        guard let first = unpaid.first, toNamed < payment.minor else { return (nil, paidAgain) }
        return (.leftOpen(named: unpaid.map(\.invoice), range: first.range), paidAgain)
    }

    /// Whether invoice `i`, of the payment's client and currency, was open when the payment
    /// came: issued on or before its day and not settled before it. Gives the day it was
    /// settled (nil inside: not yet), or nil when it was not open.
    static func openWhenPaid(_ i: Int, by payment: Payment, ledger: Ledger, sheet: BalanceSheet) -> Day?? {
        let inv = ledger.invoices[i]
        guard inv.client == payment.client, inv.currency == payment.currency, inv.issued <= payment.date, i < sheet.invoices.count else { return nil }
        let settled = sheet.invoices[i].settled
        if let settled, settled < payment.date { return nil }
        return .some(settled)
    }

    /// Where the payment's money went with no `apply`: "went to invoice A-1 (500.00) and
    /// 200.00 was held on account".
    static func went(_ payment: Payment, ledger l: Ledger, sheet: BalanceSheet) -> String {
        func fmt(_ v: Int64) -> String { MoneyFormat.format(v, precision: payment.currency.precision) }
        let shares = sheet.applied[payment.order] ?? []
        var paid: [(number: String, amount: Int64)] = []
        for s in shares {
            let n = l.invoices[s.invoice].number
            if let k = paid.firstIndex(where: { $0.number == n }) { paid[k].amount += s.amount } else { paid.append((n, s.amount)) }
        }
        var went: [String] = []
        if !paid.isEmpty {
            let list = paid.map { "\($0.number) (\(fmt($0.amount)))" }
            went.append("went to " + (list.count == 1 ? "invoice " : "invoices ") + Plural.list(list))
        }
        let held = payment.minor - paid.reduce(0) { $0 + $1.amount }
        if held > 0 { went.append("\(paid.isEmpty ? "was" : "\(fmt(held)) was") held on account") }
        return went.joined(separator: " and ")
    }

    /// W425 for a ref that names invoice `i` of another client, and none of the payment's own.
    static func diagnostic(_ payment: Payment, namesInvoiceOf i: Int, at range: SourceRange, ledger: Ledger, sheet: BalanceSheet) -> Diagnostic {
        let invoice = ledger.invoices[i]
        let amount = MoneyFormat.format(payment.minor, precision: payment.currency.precision) + payment.currency.afterAmount
        let message = "this payment's ref names invoice \(invoice.number), which belongs to client \(invoice.client), not to \(payment.client): with no `apply`, its \(amount) \(went(payment, ledger: ledger, sheet: sheet))"
        return Diagnostic(.W425, message, at: range,
                          hint: "a payment pays only its own client's invoices; if the money is for invoice \(invoice.number), write it as \(invoice.client)'s payment (`payment \(invoice.client) \(amount)`) with `apply \(invoice.number)`")
    }

    static func diagnostic(_ payment: Payment, named: [Int], at range: SourceRange, ledger l: Ledger, sheet: BalanceSheet) -> Diagnostic {
        func fmt(_ v: Int64) -> String { MoneyFormat.format(v, precision: payment.currency.precision) }
        let shares = sheet.applied[payment.order] ?? []
        let numbers = named.map { l.invoices[$0].number }
        let inPart = named.contains { i in shares.contains { $0.invoice == i } }
        let which = (numbers.count == 1 ? "invoice " : "invoices ") + Plural.list(numbers)
        let message = "this payment's ref names \(which), which it does not pay\(inPart ? " in full" : ""): with no `apply`, its \(fmt(payment.minor))\(payment.currency.afterAmount) \(went(payment, ledger: l, sheet: sheet))"
        let lines = numbers.map { "`apply \($0)`" }
        return Diagnostic(.W425, message, at: range,
                          hint: "a payment with no `apply` pays the oldest open invoices first; if the money is for \(which), write \(Plural.list(lines)) under the payment")
    }

}

/// Where a text written by people (a payment's `ref`) names one of a client's invoices, found
/// word by word in the invoice index. A word names an invoice when it is that invoice's number
/// as a whole, in any case (`q-2` is `Q-2`, `inv-12` is `Inv-12`; `INV-12` is not `INV-1`),
/// once the punctuation a sentence puts around it is taken off (`(Q-2),`). A number of digits
/// alone (`2`, `1042`) is as likely a date, an amount or a count, so it names an invoice only
/// where the text says it does: `#2`, or after `invoice` or `inv` (`invoice 2`, `Inv. 2`), with
/// `no`, `nr` or `number` between (`Invoice no. 8`). After `invoices` (or `nos`) a list goes on
/// through commas, `and`, `or` and `&` (`invoices 42, 43 & 44`); after `invoice` it does not, as
/// `invoice 2, 14 March` names one invoice and a date.
struct InvoiceMention {
    struct Found: Equatable {
        var invoice: Int
        /// Byte offsets of the number in the file.
        var start: Int
        var end: Int
    }

    let ledger: Ledger
    /// Invoices whose numbers mix capitals and small letters (`Inv-12`), by their numbers in
    /// small letters; made the first time a word is not found otherwise, as few ledgers have any.
    private var mixedCase: [String: [Int]]?

    init(ledger: Ledger) { self.ledger = ledger }

    /// What the words so far say of the next number of digits alone.
    private enum Called {
        /// Nothing: it is no invoice's.
        case no
        /// It is an invoice's (after `invoice`, or `invoices` and a comma or `and`).
        case invoice(list: Bool)
        /// A number of a list was just read without a comma: `and`, `or` or `&` goes on.
        case listed
    }

    /// The invoices of `client` (of any client, when nil) that `words` (each with the offset of
    /// its first byte) name, in the order written.
    mutating func find(in words: [(text: String, start: Int)], client: String?) -> [Found] {
        var found: [Found] = []
        var called = Called.no
        for w in words {
            let word = String(w.text.lowercased().filter { $0 != "." && $0 != ":" })
            if Self.markers.contains(word) { called = .invoice(list: false); continue }
            if Self.listMarkers.contains(word) { called = .invoice(list: true); continue }
            if case .invoice(let list) = called, Self.numberWords.contains(word) { called = .invoice(list: list || Self.listMarkers.contains(word)); continue }
            if case .listed = called, Self.listWords.contains(word) { called = .invoice(list: true); continue }
            let bytes = Array(w.text.utf8)
            var lo = 0, hi = bytes.count
            while lo < hi, Self.opening.contains(bytes[lo]) { lo += 1 }
            while hi > lo, Self.closing.contains(bytes[hi - 1]) { hi -= 1 }
            let list: Bool
            if case .invoice(list: true) = called { list = true } else { list = false }
            defer {
                // A list goes on past a number followed by a comma, or by `and` in the next word.
                called = list && lo < hi ? (bytes[hi...].contains(UInt8(ascii: ",")) ? .invoice(list: true) : .listed) : .no
            }
            guard lo < hi else { continue }
            let said: Bool
            if case .invoice = called { said = true } else { said = bytes[..<lo].contains(UInt8(ascii: "#")) }
            // `Q-1/Q-2` or `Q-1,Q-2`: each part, when the whole is no number.
            var parts = [lo..<hi]
            if number(bytes[lo..<hi], client) == nil { parts = Self.split(bytes, lo..<hi) }
            for r in parts {
                let part = bytes[r]
                if part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) && !(said && parts.count == 1) { continue }
                if let i = number(part, client) { found.append(Found(invoice: i, start: w.start + r.lowerBound, end: w.start + r.upperBound)) }
            }
        }
        return found
    }

    /// Words after which a number of digits alone is an invoice's (`#` standing alone too).
    static let markers: Set<String> = ["invoice", "inv", "#"]
    /// Words after which a list of them is.
    static let listMarkers: Set<String> = ["invoices", "invs", "nos", "nrs", "numbers"]
    /// What may stand between `invoice` and its number.
    static let numberWords: Set<String> = ["no", "nr", "number", "nos", "nrs", "numbers"]
    /// What joins the numbers of a list.
    static let listWords: Set<String> = ["and", "or", "&", ","]
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

    /// The invoice of `client` (of any client, when nil) numbered `bytes`, in any case: as
    /// written, then in capitals, then in small letters (numbers are mostly written in one
    /// case, bank references often in capitals), then among the numbers that mix the two.
    mutating func number(_ bytes: ArraySlice<UInt8>, _ client: String?) -> Int? {
        let text = String(decoding: bytes, as: UTF8.self)
        let lower = text.lowercased()
        func theirs(_ i: Int) -> Bool { client.map { ledger.invoices[i].client == $0 } ?? true }
        for candidate in [text, text.uppercased(), lower] {
            if let i = ledger.invoiceIndex[candidate], theirs(i) { return i }
        }
        guard lower != text.uppercased() else { return nil }  // no letters: no case to fold
        if mixedCase == nil { mixedCase = Self.mixedCase(ledger.invoices) }
        return mixedCase?[lower]?.first(where: theirs)
    }

    /// One pass over the numbers' bytes; only those with both an ASCII capital and a small
    /// letter are folded, so a ledger with none costs no string made.
    private static func mixedCase(_ invoices: [Invoice]) -> [String: [Int]] {
        var numbers: [String: [Int]] = [:]
        for (i, inv) in invoices.enumerated() {
            var upper = false, lower = false
            for b in inv.number.utf8 {
                if b >= 0x41 && b <= 0x5A { upper = true } else if b >= 0x61 && b <= 0x7A { lower = true }
            }
            if upper && lower { numbers[inv.number.lowercased(), default: []].append(i) }
        }
        return numbers
    }
}
