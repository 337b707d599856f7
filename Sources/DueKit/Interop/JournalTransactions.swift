import Dispatch

/// One leg of a double-entry transaction: positive debits the account, negative credits it.
public struct JournalPosting: Sendable, Hashable {
    public var account: String
    public var minor: Int64
    public var currency: Currency
}

/// What a transaction says, as fixed words and the entry's own text in turn: the writers put
/// the parts down one after another without joining them into a `String` first, and `text`
/// joins the very same parts.
public enum JournalNarration: Sendable {
    case invoice(number: String, summary: String)
    case discount(invoice: String)
    case writeOff(invoice: String, reason: String?)
    /// A write-off the client knows of (3.8): a reduction agreed, not a loss.
    case waived(invoice: String, reason: String?)
    /// `fromAccount`: paid back with money the client already had on account, released by a
    /// loss written off or a dispute resolved that day, not by a payment of that day.
    case recovery(invoice: String, fromAccount: Bool)
    case credit(number: String?, reason: String?)
    /// `onAccount`: marked `on-account` (3.6), money held for work not yet invoiced.
    case payment(ref: String?, method: String?, onAccount: Bool = false)
    /// Money held on account paid back to the client.
    case refund(ref: String?, method: String?, reason: String?)
    /// A payment that came back unpaid (3.6): its `ref` and `method`, and why it came back.
    case returned(ref: String?, method: String?, reason: String?)

    public enum Part {
        case words(StaticString)
        case text(String)
    }

    /// Hands each part to `body`, in order.
    @inline(__always) public func forEachPart(_ body: (Part) -> Void) {
        switch self {
        case .invoice(let number, let summary):
            body(.words("Invoice "))
            body(.text(number))
            if !summary.isEmpty {
                body(.words(": "))
                body(.text(summary))
            }
        case .discount(let number):
            body(.words("Early-payment discount on invoice "))
            body(.text(number))
        case .writeOff(let number, let reason), .waived(let number, let reason):
            if case .waived = self { body(.words("Sum waived on invoice ")) } else { body(.words("Write-off of invoice ")) }
            body(.text(number))
            if let reason {
                body(.words(": "))
                body(.text(reason))
            }
        case .recovery(let number, let fromAccount):
            body(.words(fromAccount ? "Bad debt recovered from money on account: invoice " : "Bad debt recovered: invoice "))
            body(.text(number))
        case .credit(let number, let reason):
            body(.words("Credit note"))
            if let number {
                body(.words(" "))
                body(.text(number))
            }
            if let reason {
                body(.words(": "))
                body(.text(reason))
            }
        case .payment(let ref, let method, _), .refund(let ref, let method, _), .returned(let ref, let method, _):
            switch self {
            case .refund: body(.words("Refund"))
            case .returned: body(.words("Payment returned unpaid"))
            case .payment(_, _, true): body(.words("Payment on account"))
            default: body(.words("Payment"))
            }
            if let ref {
                body(.words(" "))
                body(.text(ref))
            }
            if let method {
                body(.words(" ("))
                body(.text(method))
                body(.words(")"))
            }
            if case .refund(_, _, let reason?) = self {
                body(.words(": "))
                body(.text(reason))
            }
            if case .returned(_, _, let reason?) = self {
                body(.words(": "))
                body(.text(reason))
            }
        }
    }

    /// Whether every part of the entry's own text passes `test`. The fixed words start and end
    /// with a letter or punctuation and hold single spaces, so when each non-empty text part is
    /// clean (no control characters, single-spaced, trimmed), so is the whole narration.
    func everyText(_ test: (String) -> Bool) -> Bool {
        var ok = true
        forEachPart { part in
            if ok, case .text(let t) = part { ok = !t.isEmpty && test(t) }
        }
        return ok
    }

    public var text: String {
        var out = ""
        forEachPart { part in
            switch part {
            case .words(let w): out += w.description
            case .text(let t): out += t
            }
        }
        return out
    }
}

/// A transaction as both hledger and beancount see it; each writer only spells it. Made for
/// each of two million transactions, it holds the entry's strings as they are (a retain each)
/// and allocates nothing of its own: narration, invoices and postings are put together only
/// when asked for as a whole. The client's payee and receivable account are not copied in
/// for the writers, which spell them from the book's per-client bytes (`slot`).
public struct JournalTransaction: Sendable {
    /// Where a leg posts: one of the fixed accounts, or the client's receivable.
    enum Account: Sendable {
        case bank, sales, tax, creditNotes, discounts, allowances, badDebt, receivable

        /// The fixed account's name; nil for the receivable, which is the client's.
        var fixedName: StaticString? {
            switch self {
            case .bank: "Assets:Bank"
            case .sales: "Income:Sales"
            case .tax: "Liabilities:Tax"
            case .creditNotes: "Income:CreditNotes"
            case .discounts: "Income:Discounts"
            case .allowances: "Income:Allowances"
            case .badDebt: "Expenses:BadDebt"
            case .receivable: nil
            }
        }
    }

    /// A posting that holds no string: spelled without a retain.
    struct Leg: Sendable {
        var account: Account
        var minor: Int64
        var currency: Currency
    }

    /// The invoices a transaction concerns: one, or those a payment is applied to (a payment
    /// applied to one invoice is kept as `one`: the writers spell both alike).
    enum Invoices: Sendable {
        case one(String)
        /// The numbers its `apply` lines name, in order.
        case applied([String])
    }

    public var date: Day
    /// Where the client's receivable account and payee are kept in its `JournalBook`.
    var slot: Int32
    public var client: String
    /// The client's name, and its receivable account: filled in by `JournalBook.transaction(at:)`.
    public var payee = ""
    var receivable = ""
    public var words: JournalNarration
    /// The invoice (or credit note) number the transaction is about: hledger's code.
    public var code: String?
    var about: Invoices
    public var due: Day?
    /// Two legs, or three for an invoice with tax, or anything that takes tax back or makes
    /// it owed again (`JournalBook.offReceivable`, a loss paid after all).
    var legs: (Leg, Leg, Leg?)

    init(date: Day, slot: Int32, client: String, words: JournalNarration, code: String?, about: Invoices, due: Day?, legs: (Leg, Leg, Leg?)) {
        self.date = date
        self.slot = slot
        self.client = client
        self.words = words
        self.code = code
        self.about = about
        self.due = due
        self.legs = legs
    }

    public var narration: String { words.text }

    /// Invoices it concerns: beancount links, hledger `invoice:` tags.
    public var invoices: [String] {
        switch about {
        case .one(let n): [n]
        case .applied(let a): a
        }
    }

    @inline(__always) func forEachInvoice(_ body: (String) -> Void) {
        switch about {
        case .one(let n): body(n)
        case .applied(let a): for x in a { body(x) }
        }
    }

    public var postings: [JournalPosting] { (legs.2.map { [legs.0, legs.1, $0] } ?? [legs.0, legs.1]).map(posting) }

    func posting(_ leg: Leg) -> JournalPosting {
        JournalPosting(account: leg.account.fixedName?.description ?? receivable, minor: leg.minor, currency: leg.currency)
    }

    @inline(__always) func forEachLeg(_ body: (Leg) -> Void) {
        body(legs.0)
        body(legs.1)
        if let third = legs.2 { body(third) }
    }
}

/// The chart of accounts the exports use. Names are valid in hledger and beancount alike:
/// capitalised components of letters, digits and `-`.
public enum JournalAccounts {
    public static let bank = JournalTransaction.Account.bank.fixedName!.description
    public static let sales = JournalTransaction.Account.sales.fixedName!.description
    public static let tax = JournalTransaction.Account.tax.fixedName!.description
    public static let creditNotes = JournalTransaction.Account.creditNotes.fixedName!.description
    public static let discounts = JournalTransaction.Account.discounts.fixedName!.description
    public static let allowances = JournalTransaction.Account.allowances.fixedName!.description
    public static let badDebt = JournalTransaction.Account.badDebt.fixedName!.description

    public static func receivable(_ component: String) -> String { "Assets:Receivable:" + component }

    /// An account component per client id, stable across runs. What both tools accept in a
    /// component (beancount's rule, the stricter: a capital letter or a digit, then letters,
    /// digits and `-`; letters of any script, hledger taking any text without two spaces):
    /// letters and digits kept, in NFC (`müller` → `Müller`, `dvořák` → `Dvořák`), every other
    /// run of characters becomes `-`, the first letter is capitalised; a first letter without a
    /// capital (`北京`) is put after `Client-`. When that changes more than the first letter, or
    /// two ids would meet, a digest of the id keeps them apart.
    public static func clientComponents(_ ids: [String]) -> [String: String] {
        var base: [String: String] = [:]
        var count: [String: Int] = [:]
        for id in Set(ids) {
            var name = component(id)
            if name.lowercased() != id.lowercased() { name += "-" + SafeName.digest(id) }
            base[id] = name
            count[name, default: 0] += 1
        }
        var result: [String: String] = [:]
        for (id, name) in base {
            result[id] = count[name]! > 1 ? name + "-" + SafeName.digest(id) : name
        }
        return result
    }

    /// `id`'s letters and digits (NFC), other runs as `-`, the first letter a capital.
    static func component(_ id: String) -> String {
        var ascii = true
        var out: [UInt8] = []
        var dash = false
        for c in id.utf8 {
            if c >= 0x80 {
                ascii = false
                break
            }
            if IDText.isIDByte(c) {
                if dash && !out.isEmpty { out.append(0x2D) }
                dash = false
                out.append(c)
            } else {
                dash = true
            }
        }
        if ascii {
            if out.isEmpty { return "Client" }
            if out[0] >= 0x61 && out[0] <= 0x7A { out[0] -= 32 }
            return String(decoding: out, as: UTF8.self)
        }
        var name = String.UnicodeScalarView()
        dash = false
        for u in SafeName.nfc(id).unicodeScalars {
            if u.value < 0x80 ? IDText.isIDByte(UInt8(u.value)) : isLetterOrDigit(u) {
                if dash && !name.isEmpty { name.append("-") }
                dash = false
                name.append(u)
            } else {
                dash = true
            }
        }
        guard let first = name.first else { return "Client" }
        if first.properties.generalCategory == .uppercaseLetter || first.properties.generalCategory == .decimalNumber { return String(name) }
        let capital = String(first).uppercased().unicodeScalars
        if let c = capital.first, c.properties.generalCategory == .uppercaseLetter, capital.allSatisfy({ $0.value < 0x80 ? IDText.isIDByte(UInt8($0.value)) : isLetterOrDigit($0) }) {
            return String(capital) + String(name.dropFirst())
        }
        return "Client-" + String(name)
    }

    /// A letter of any script or a decimal digit: what beancount takes in an account name
    /// after its first character.
    static func isLetterOrDigit(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: true
        default: false
        }
    }
}

/// The ledger's double-entry transactions in the order the exports write them, each made
/// when it is asked for: a million-invoice ledger is written without holding two million
/// transactions and their text at once. Every figure the engine worked out (amounts written
/// off, discounts taken) comes from its `BalanceSheet`, so the books agree with `due`.
public struct JournalBook: Sendable {
    /// What a transaction is about; also its place among same-day transactions (invoices, then
    /// credits and payments, write-offs, refunds, bad debts paid after all, discounts).
    /// A payment that came back (3.6) is two: as it was made, on its day (`returnedPayment`),
    /// and undone on the day it came back (`paymentReturned`).
    enum Kind: UInt8 { case invoice, payment, returnedPayment, writeOff, refund, paymentReturned, recovery, discount }

    /// One transaction to make: the entry it comes from (an index into the ledger's invoices,
    /// payments or write-offs) and the client whose receivable it moves. 16 bytes: a
    /// million-invoice ledger makes two million of them.
    struct Event {
        var date: Int32
        var slot: Int32
        var entry: Int32
        /// The entry's place in the file (entries are counted in 32 bits, as in `Invoice`).
        var order: Int32
        var kind: Kind

        /// The order the book writes transactions in: by date, then kind, then place in the
        /// file, then the entry it is about: one write-off or one query settled may pay back
        /// several losses, each a transaction of its own from the same line, so the place
        /// alone does not tell them apart.
        @inline(__always) static func precedes(_ a: Event, _ b: Event) -> Bool {
            if a.date != b.date { return a.date < b.date }
            if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
            if a.order != b.order { return a.order < b.order }
            return a.entry < b.entry
        }

        /// Two runs sorted by `precedes`, merged into one.
        static func merged(_ a: [Event], _ b: [Event]) -> [Event] {
            var out: [Event] = []
            out.reserveCapacity(a.count + b.count)
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    var i = 0, j = 0
                    while i < a.count && j < b.count {
                        if precedes(b[j], a[i]) {
                            out.append(b[j])
                            j += 1
                        } else {
                            out.append(a[i])
                            i += 1
                        }
                    }
                    out.append(contentsOf: a[i...])
                    out.append(contentsOf: b[j...])
                }
            }
            return out
        }
    }

    let ledger: Ledger
    public let sheet: BalanceSheet
    let events: [Event]
    /// Per client slot: its id, receivable account and payee.
    let clients: [String]
    let receivables: [String]
    let payees: [String]
    /// Client id → the component of its receivable account.
    public let accounts: [String: String]
    /// Every account and currency some transaction posts to: beancount opens them first.
    public let postedAccounts: [String]
    public let currencies: Set<Currency>

    public var count: Int { events.count }
    public var firstDate: Day? { events.first.map { Day(ordinal: $0.date) } }

    public func transaction(at k: Int) -> JournalTransaction {
        var words = Words()
        var t = draft(at: k, words: &words)
        t.payee = payees[Int(t.slot)]
        t.receivable = receivables[Int(t.slot)]
        return t
    }

    /// The `k`th transaction without the client's payee and receivable account, which the
    /// writers take from the book by `slot`. What entries do not keep (an invoice's first
    /// item's description, a payment's `method` and `ref`) is read again from the file here,
    /// splitting lines into `words`, a buffer each writer reuses. Transactions come in date
    /// order, which is about the order written, so the pages read are near one another; the
    /// writer hands them back after each run of transactions (`JournalExport.inChunks`).
    func draft(at k: Int, words: inout Words, applied: String? = nil) -> JournalTransaction {
        let e = events[k]
        let i = Int(e.entry)
        let slot = e.slot
        switch e.kind {
        case .invoice:
            // Read in place: `ledger.invoices[i]` handed to a function is copied, with a retain of each field.
            return ledger.invoices.withUnsafeBufferPointer { Self.invoice($0[i], summary: ledger.summary(of: $0[i], words: &words), slot: slot) }
        case .discount:
            return ledger.invoices.withUnsafeBufferPointer { Self.discount($0[i], sheet.invoices[i].discount, on: Day(ordinal: e.date), slot: slot) }
        case .payment:
            return ledger.payments.withUnsafeBufferPointer { payments in
                let tax = payments[i].isCredit ? taxCredited(byOrder: payments[i].order, amount: payments[i].minor) : 0
                return Self.payment(payments[i], slot: slot, applied: applied, taxCredited: tax, in: ledger)
            }
        case .writeOff:
            let w = ledger.writeOffs[i]
            let inv = ledger.invoices[ledger.invoiceIndex[w.invoice]!]
            let amount = sheet.writtenOff[i]
            // A loss is an expense; a sum waived with the client's knowledge (3.8) is income
            // given up, as a discount is, and no bad debt.
            let lost = sheet.lossWriteOffs.contains(i)
            // Either way the invoice's tax on what was never paid goes back: a sum waived lowers
            // the price, and a bad debt's tax may be reclaimed (grammar 3.8).
            let words: JournalNarration = lost ? .writeOff(invoice: inv.number, reason: w.reason) : .waived(invoice: inv.number, reason: w.reason)
            return JournalTransaction(date: w.date, slot: slot, client: inv.client, words: words, code: inv.number, about: .one(inv.number), due: nil,
                                      legs: Self.offReceivable(amount, to: lost ? .badDebt : .allowances, tax: Self.taxShare(amount, of: inv), currency: inv.currency))
        case .returnedPayment:
            return Self.payment(ledger.returns[i].paid!, slot: slot, in: ledger)
        case .paymentReturned:
            // The bank takes the money back; the receivable, which the payment brought down,
            // comes back up by as much, so it matches what `due aging` says is open again.
            let r = ledger.returns[i], p = r.paid!
            let notes = Self.notes(at: p.anchor, in: ledger.files)
            return JournalTransaction(date: r.date, slot: slot, client: p.client, words: .returned(ref: notes.ref, method: notes.method, reason: r.reason), code: nil, about: .applied(r.reopened), due: nil, legs: (
                .init(account: .receivable, minor: p.minor, currency: p.currency),
                .init(account: .bank, minor: -p.minor, currency: p.currency), nil
            ))
        case .refund:
            // Money held on account goes back out of the bank; the receivable, which held it as
            // a credit, comes back up by as much.
            let r = ledger.refunds[i]
            return JournalTransaction(date: r.date, slot: slot, client: r.client, words: .refund(ref: r.ref, method: r.method, reason: r.reason), code: nil, about: .applied([]), due: nil, legs: (
                .init(account: .receivable, minor: sheet.refunded[i], currency: r.currency),
                .init(account: .bank, minor: -sheet.refunded[i], currency: r.currency), nil
            ))
        case .recovery:
            // The payment left the receivable whole (`payment`), as money on account did when it
            // came; what it paid of a loss, on the day it did, comes back onto it from the
            // write-off's account.
            // The tax the write-off took back on that much is owed again, now that it is paid.
            let r = sheet.recoveries[i]
            let inv = ledger.invoices[r.invoice]
            let tax = Self.taxShare(r.amount, of: inv)
            return JournalTransaction(date: Day(ordinal: e.date), slot: slot, client: inv.client, words: .recovery(invoice: inv.number, fromAccount: r.payment == nil), code: inv.number, about: .one(inv.number), due: nil, legs: (
                .init(account: .receivable, minor: r.amount, currency: inv.currency),
                .init(account: .badDebt, minor: -(r.amount - tax), currency: inv.currency),
                tax == 0 ? nil : .init(account: .tax, minor: -tax, currency: inv.currency)
            ))
        }
    }

    // Entries are borrowed where they lie in the ledger: copying one out costs a retain and a
    // release of each of its fields, for each of two million transactions.

    static func invoice(_ inv: borrowing Invoice, summary: String, slot: Int32) -> JournalTransaction {
        let tax = inv.taxAmount == 0 ? nil : JournalTransaction.Leg(account: .tax, minor: -inv.taxAmount, currency: inv.currency)
        return JournalTransaction(date: inv.issued, slot: slot, client: inv.client, words: .invoice(number: inv.number, summary: summary), code: inv.number, about: .one(inv.number), due: inv.due, legs: (
            .init(account: .receivable, minor: inv.total, currency: inv.currency),
            .init(account: .sales, minor: -(inv.total - inv.taxAmount), currency: inv.currency), tax
        ))
    }

    /// A discount for paying early lowers the price, and so the tax charged on it: the
    /// invoice's tax on the discount goes back to the tax account (`taxShare`).
    static func discount(_ inv: borrowing Invoice, _ discount: Int64, on day: Day, slot: Int32) -> JournalTransaction {
        JournalTransaction(date: day, slot: slot, client: inv.client, words: .discount(invoice: inv.number), code: inv.number, about: .one(inv.number), due: nil,
                           legs: offReceivable(discount, to: .discounts, tax: taxShare(discount, of: inv), currency: inv.currency))
    }

    /// The legs that take `amount` off the client's receivable into `account`, less `tax`,
    /// which goes back to the tax account: what a credit note, a discount taken, a sum waived
    /// or a loss written off takes off was never paid, so its tax is not owed. A payment's
    /// `tax` is 0.
    static func offReceivable(_ amount: Int64, to account: JournalTransaction.Account, tax: Int64, currency: Currency) -> (JournalTransaction.Leg, JournalTransaction.Leg, JournalTransaction.Leg?) {
        let receivable = JournalTransaction.Leg(account: .receivable, minor: -amount, currency: currency)
        guard tax != 0 else { return (.init(account: account, minor: amount, currency: currency), receivable, nil) }
        return (.init(account: account, minor: amount - tax, currency: currency), .init(account: .tax, minor: tax, currency: currency), receivable)
    }

    /// The tax an invoice charged on `amount` of its total, in its proportion (its tax ×
    /// `amount` ÷ its total, rounded half away from zero to the currency's minor unit): what
    /// goes back to the tax account when that much of it is never paid, and owed again when
    /// a loss is paid after all. Taking off a whole invoice takes back exactly its tax.
    static func taxShare(_ amount: Int64, of inv: borrowing Invoice) -> Int64 {
        guard inv.taxAmount != 0, inv.total != 0 else { return 0 }
        return Int64(MoneyFormat.divideRounded(Int128(amount) * Int128(inv.taxAmount), Int128(inv.total)))
    }

    /// Of the credit note whose `order` is `order`, the tax it takes back: a credit note
    /// against a taxed invoice gives back the tax charged on what it credits, or the tax
    /// account would still hold tax on sales that were cancelled. Each share the engine
    /// applied to an invoice carries that invoice's tax in proportion (`taxShare`); what was
    /// left on account, against no invoice, has no tax to go by.
    /// The shares are counted up to the credit note's `amount`: money on account beside it
    /// that went with it is not its own.
    func taxCredited(byOrder order: Int, amount: Int64) -> Int64 {
        var tax: Int64 = 0, left = amount
        ledger.invoices.withUnsafeBufferPointer { invoices in
            for share in sheet.applied[order] ?? [] where left > 0 {
                let credited = min(share.amount, left)
                left -= credited
                tax += Self.taxShare(credited, of: invoices[share.invoice])
            }
        }
        return tax
    }

    /// The whole amount leaves the client's receivable: what the engine applied to invoices
    /// and any credit on account alike, so the client's balance stays right. A credit note
    /// is booked to credit notes less `taxCredited`, which goes back to the tax account.
    /// `ledger`: where its `apply` lines, `method` and `ref` are read. `applied`: the number of
    /// the one invoice it is applied to, when already looked up (`appliedNumbers`).
    static func payment(_ p: borrowing Payment, slot: Int32, applied number: String? = nil, taxCredited tax: Int64 = 0, in ledger: Ledger) -> JournalTransaction {
        // Most payments name one invoice: it is kept as one, without an array of its own.
        let applied: JournalTransaction.Invoices = p.allocationRange.count == 1 ? .one(number ?? ledger.invoiceNumber(applied: 0, of: copy p)) : .applied(ledger.invoiceNumbers(appliedBy: copy p))
        let words: JournalNarration
        var code: String?
        if p.isCredit {
            let notes = p.notes(in: ledger.files)
            words = .credit(number: notes.number, reason: notes.reason)
            code = notes.number
        } else {
            let notes = Self.notes(at: p.anchor, in: ledger.files)
            words = .payment(ref: notes.ref, method: notes.method, onAccount: p.onAccount)
        }
        return JournalTransaction(date: p.date, slot: slot, client: p.client, words: words, code: code, about: applied, due: nil,
                                  legs: offReceivable(p.minor, to: p.isCredit ? .creditNotes : .bank, tax: tax, currency: p.currency))
    }

    /// For each of the transactions `range` that is a payment applied to one linked invoice,
    /// that invoice's number (`numbers[k - range.lowerBound]`); nil for the others. Those
    /// invoices lie anywhere among a million: looked up one after another in a short loop,
    /// the processor fetches many of them from memory at once, where spelling a transaction
    /// between two lookups made each wait for its own.
    func appliedNumbers(_ range: Range<Int>, into numbers: inout [String?]) {
        numbers.removeAll(keepingCapacity: true)
        events.withUnsafeBufferPointer { events in
            ledger.payments.withUnsafeBufferPointer { payments in
                ledger.allocations.withUnsafeBufferPointer { allocations in
                    ledger.invoices.withUnsafeBufferPointer { invoices in
                        for k in range {
                            var number: String?
                            if events[k].kind == .payment {
                                let lines = payments[Int(events[k].entry)].allocationRange
                                if lines.count == 1, let t = allocations[Int(lines.lowerBound)].target { number = invoices[Int(t)].number }
                            }
                            numbers.append(number)
                        }
                    }
                }
            }
        }
    }

    /// A payment's `method` and `ref` as `Payment.notes(in:)` reads them (the first line of
    /// each, from the word after the keyword to the end of its content), read in one pass over
    /// its lines into two values: a million payments make no arrays for them.
    static func notes(at anchor: EntryAnchor, in files: [SourceFile]) -> (method: String?, ref: String?) {
        var method: String?, ref: String?
        EntrySource.forEachValue(of: anchor, in: files, where: { $0 == .method || $0 == .ref }) { keyword, value in
            let text = String(decoding: value, as: UTF8.self)
            if keyword == .method { method = text } else { ref = text }
        }
        return (method, ref)
    }

    /// Every transaction at once: for tests and small ledgers.
    public var transactions: [JournalTransaction] { events.indices.map(transaction(at:)) }
}

/// Works out which transactions a ledger makes and in what order (`JournalBook`).
public enum JournalBuilder {
    /// Only what happened on or before `asOf` is turned into transactions (default: everything).
    public static func book(_ ledger: Ledger, checked: BalanceSheet? = nil, asOf requested: Day? = nil) -> JournalBook {
        let asOf = requested ?? (ledger.invoices.isEmpty && ledger.payments.isEmpty && ledger.writeOffs.isEmpty ? Day(ordinal: 0) : Checker.latestDate(ledger))
        let sheet = checked.flatMap { $0.asOf == asOf ? $0 : nil } ?? BalanceEngine.balances(ledger, asOf: asOf)
        // Each client's receivable account and payee are worked out once, in a slot of its own.
        // The invoices' transactions are gathered and sorted on one core while the payments'
        // and write-offs' are on the other, then the two runs are merged.
        let clients = JournalEvents(ledger, sheet: sheet, asOf: asOf)
        let lanes = Lanes(invoices: clients.empty(capacity: ledger.invoices.count + discounts(sheet)), payments: clients.empty(capacity: ledger.payments.count + ledger.writeOffs.count + ledger.refunds.count + 2 * ledger.returns.count + sheet.recoveries.count))
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            if lane == 0 {
                ledger.invoices.withUnsafeBufferPointer { all in
                    for i in all.indices { lanes.invoices.invoice(all[i], at: i) }
                }
                lanes.invoices.events.sort(by: JournalBook.Event.precedes)
            } else {
                ledger.payments.withUnsafeBufferPointer { all in
                    for i in all.indices { lanes.payments.payment(all[i], at: i) }
                }
                for k in ledger.writeOffs.indices { lanes.payments.writeOff(k, in: ledger) }
                for k in ledger.refunds.indices { lanes.payments.refund(k, in: ledger) }
                for k in ledger.returns.indices { lanes.payments.returned(k, in: ledger) }
                for k in sheet.recoveries.indices { lanes.payments.recovery(k, in: ledger) }
                lanes.payments.events.sort(by: JournalBook.Event.precedes)
            }
        }
        var gathered = lanes.invoices, later = lanes.payments
        lanes.invoices = clients
        lanes.payments = clients
        gathered.join(&later)
        let events = JournalBook.Event.merged(gathered.events, later.events)
        gathered.events = []
        later.events = []
        let known = gathered.known
        let components = JournalAccounts.clientComponents(known)
        let receivables = known.map { JournalAccounts.receivable(components[$0]!) }
        let payees = known.map { ledger.client($0)?.name ?? $0 }
        let posted = gathered.postedAccounts(receivables: receivables)
        return JournalBook(ledger: ledger, sheet: sheet, events: events, clients: known, receivables: receivables, payees: payees, accounts: components, postedAccounts: posted.sorted(), currencies: Set(gathered.currencies))
    }

    /// What the two cores of `book` gather into, each its own field, read only once both
    /// are done.
    final class Lanes: @unchecked Sendable {
        var invoices: JournalEvents
        var payments: JournalEvents

        init(invoices: JournalEvents, payments: JournalEvents) {
            self.invoices = invoices
            self.payments = payments
        }
    }

    /// How many invoices had an early-payment discount taken: each is a transaction of its own.
    static func discounts(_ sheet: BalanceSheet) -> Int {
        sheet.invoices.reduce(0) { $0 + ($1.discount != 0 && $1.settled != nil ? 1 : 0) }
    }

    /// Every transaction at once, with the account components and the balances they came from.
    public static func transactions(_ ledger: Ledger, checked: BalanceSheet? = nil, asOf: Day? = nil) -> (transactions: [JournalTransaction], accounts: [String: String], sheet: BalanceSheet) {
        let book = book(ledger, checked: checked, asOf: asOf)
        return (book.transactions, book.accounts, book.sheet)
    }
}
