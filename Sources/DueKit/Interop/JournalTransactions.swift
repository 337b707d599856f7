/// One leg of a double-entry transaction: positive debits the account, negative credits it.
public struct JournalPosting: Sendable, Hashable {
    public var account: String
    public var minor: Int64
    public var currency: Currency
}

/// A transaction as both hledger and beancount see it; each writer only spells it.
public struct JournalTransaction: Sendable {
    public var date: Day
    public var client: String
    public var payee: String
    public var narration: String
    /// The invoice (or credit note) number the transaction is about: hledger's code.
    public var code: String?
    /// Invoices it concerns: beancount links, hledger `invoice:` tags.
    public var invoices: [String]
    public var due: Day?
    public var postings: [JournalPosting]
}

/// The chart of accounts the exports use. Names are valid in hledger and beancount alike:
/// capitalised components of letters, digits and `-`.
public enum JournalAccounts {
    public static let bank = "Assets:Bank"
    public static let sales = "Income:Sales"
    public static let tax = "Liabilities:Tax"
    public static let creditNotes = "Income:CreditNotes"
    public static let discounts = "Income:Discounts"
    public static let badDebt = "Expenses:BadDebt"

    public static func receivable(_ component: String) -> String { "Assets:Receivable:" + component }

    /// An account component per client id, stable across runs: letters and digits kept, every
    /// other run of characters becomes `-`, the first letter is capitalised. When that changes
    /// more than the first letter, or two ids would meet, a digest of the id keeps them apart.
    public static func clientComponents(_ ids: [String]) -> [String: String] {
        var base: [String: String] = [:]
        var count: [String: Int] = [:]
        for id in Set(ids) {
            var out: [UInt8] = []
            var dash = false
            for c in id.utf8 {
                if IDText.isIDByte(c) {
                    if dash && !out.isEmpty { out.append(0x2D) }
                    dash = false
                    out.append(c)
                } else {
                    dash = true
                }
            }
            if out.isEmpty { out = Array("Client".utf8) }
            if out[0] >= 0x61 && out[0] <= 0x7A { out[0] -= 32 }
            var name = String(decoding: out, as: UTF8.self)
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
}

/// The ledger's double-entry transactions in the order the exports write them, each made
/// when it is asked for: a million-invoice ledger is written without holding two million
/// transactions and their text at once. Every figure the engine worked out (amounts written
/// off, discounts taken) comes from its `BalanceSheet`, so the books agree with `due`.
public struct JournalBook: Sendable {
    /// What a transaction is about; also its place among same-day transactions (invoices, then
    /// credits and payments, write-offs, discounts).
    enum Kind: UInt8 { case invoice, payment, writeOff, discount }

    /// One transaction to make: the entry it comes from (an index into the ledger's invoices,
    /// payments or write-offs) and the client whose receivable it moves.
    struct Event {
        var date: Int32
        var kind: Kind
        var slot: Int32
        var entry: Int32
        var order: Int
    }

    let ledger: Ledger
    public let sheet: BalanceSheet
    let events: [Event]
    /// Per client slot: its receivable account and payee.
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
        let e = events[k]
        let i = Int(e.entry)
        let receivable = receivables[Int(e.slot)], payee = payees[Int(e.slot)]
        switch e.kind {
        case .invoice:
            return Self.invoice(ledger.invoices[i], summary: ledger.summary(of: ledger.invoices[i]), receivable: receivable, payee: payee)
        case .discount:
            return Self.discount(ledger.invoices[i], sheet.invoices[i].discount, on: Day(ordinal: e.date), receivable: receivable, payee: payee)
        case .payment:
            return Self.payment(ledger.payments[i], applied: ledger.allocations(of: ledger.payments[i]).map(\.invoice), receivable: receivable, payee: payee)
        case .writeOff:
            let w = ledger.writeOffs[i]
            let inv = ledger.invoices[ledger.invoiceIndex[w.invoice]!]
            let amount = sheet.writtenOff[i]
            return JournalTransaction(date: w.date, client: inv.client, payee: payee, narration: "Write-off of invoice \(inv.number)" + (w.reason.map { ": \($0)" } ?? ""), code: inv.number, invoices: [inv.number], due: nil, postings: [
                JournalPosting(account: JournalAccounts.badDebt, minor: amount, currency: inv.currency),
                JournalPosting(account: receivable, minor: -amount, currency: inv.currency),
            ])
        }
    }

    // Entries are borrowed where they lie in the ledger: copying one out costs a retain and a
    // release of each of its fields, for each of two million transactions.

    static func invoice(_ inv: borrowing Invoice, summary: String, receivable: String, payee: String) -> JournalTransaction {
        var postings = [JournalPosting(account: receivable, minor: inv.total, currency: inv.currency)]
        postings.append(JournalPosting(account: JournalAccounts.sales, minor: -(inv.total - inv.taxAmount), currency: inv.currency))
        if inv.taxAmount != 0 { postings.append(JournalPosting(account: JournalAccounts.tax, minor: -inv.taxAmount, currency: inv.currency)) }
        return JournalTransaction(date: inv.issued, client: inv.client, payee: payee, narration: "Invoice \(inv.number)" + (summary.isEmpty ? "" : ": \(summary)"), code: inv.number, invoices: [inv.number], due: inv.due, postings: postings)
    }

    static func discount(_ inv: borrowing Invoice, _ discount: Int64, on day: Day, receivable: String, payee: String) -> JournalTransaction {
        JournalTransaction(date: day, client: inv.client, payee: payee, narration: "Early-payment discount on invoice \(inv.number)", code: inv.number, invoices: [inv.number], due: nil, postings: [
            JournalPosting(account: JournalAccounts.discounts, minor: discount, currency: inv.currency),
            JournalPosting(account: receivable, minor: -discount, currency: inv.currency),
        ])
    }

    /// The whole amount leaves the client's receivable: what the engine applied to invoices
    /// and any credit on account alike, so the client's balance stays right.
    /// `applied`: the invoices its `apply` lines name.
    static func payment(_ p: borrowing Payment, applied: [String], receivable: String, payee: String) -> JournalTransaction {
        let narration: String
        let debit: String
        if p.isCredit {
            debit = JournalAccounts.creditNotes
            narration = "Credit note" + (p.number.map { " \($0)" } ?? "") + (p.reason.map { ": \($0)" } ?? "")
        } else {
            debit = JournalAccounts.bank
            narration = "Payment" + (p.ref.map { " \($0)" } ?? "") + (p.method.map { " (\($0))" } ?? "")
        }
        return JournalTransaction(date: p.date, client: p.client, payee: payee, narration: narration, code: p.isCredit ? p.number : nil, invoices: applied, due: nil, postings: [
            JournalPosting(account: debit, minor: p.minor, currency: p.currency),
            JournalPosting(account: receivable, minor: -p.minor, currency: p.currency),
        ])
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
        // Each client's receivable account and payee are worked out once, in a slot found
        // without hashing for an entry the resolver tied to its client (`clientNumber`).
        // Client entries whose ids differ in bytes keep apart (`zoé` as one character and as
        // e + accent; the checker reports the second, E203).
        var seen = Set<[UInt8]>()
        var known: [String] = []
        for c in ledger.clients where seen.insert(Array(c.id.utf8)).inserted { known.append(c.id) }
        let table = IDTable(known)
        let clientSlot = ledger.clients.map { Int32(table.index($0.id)!) }
        // Ids no client entry has (a ledger with errors), met in order.
        var unknown: [String: Int32] = [:]
        var last = (id: "", slot: Int32(0))
        func slot(_ client: String, _ number: Int32?) -> Int32 {
            if let number { return clientSlot[Int(number)] }
            if client == last.id && !client.isEmpty { return last.slot }
            let s: Int32
            if let k = table.index(client) {
                s = Int32(k)
            } else if let k = unknown[client] {
                s = k
            } else {
                s = Int32(known.count)
                unknown[client] = s
                known.append(client)
            }
            last = (client, s)
            return s
        }
        var events: [JournalBook.Event] = []
        events.reserveCapacity(ledger.invoices.count + ledger.payments.count)
        // What beancount must open before the first transaction.
        var postedSlots = [Bool](repeating: false, count: known.count)
        var posted: Set<String> = []
        var currencies = Set<Currency>()
        var lastCurrency: Currency?
        func add(_ date: Day, _ kind: JournalBook.Kind, _ client: String, _ number: Int32?, _ entry: Int, _ order: Int, _ currency: Currency) {
            let s = slot(client, number)
            if Int(s) >= postedSlots.count { postedSlots.append(false) }
            postedSlots[Int(s)] = true
            if currency != lastCurrency {
                currencies.insert(currency)
                lastCurrency = currency
            }
            events.append(JournalBook.Event(date: date.ordinal, kind: kind, slot: s, entry: Int32(entry), order: order))
        }

        var taxed = false
        for (i, inv) in ledger.invoices.enumerated() {
            // A duplicate number carries no money in the engine (it is never issued there); the
            // checker reports it.
            guard !inv.isDuplicate, sheet.invoices[i].issued, inv.total != 0 else { continue }
            add(inv.issued, .invoice, inv.client, inv.clientNumber, i, inv.order, inv.currency)
            if inv.taxAmount != 0 { taxed = true }
            let b = sheet.invoices[i]
            if b.discount != 0, let day = b.settled {
                add(day, .discount, inv.client, inv.clientNumber, i, inv.order, inv.currency)
                posted.insert(JournalAccounts.discounts)
            }
        }
        if events.contains(where: { $0.kind == .invoice }) { posted.insert(JournalAccounts.sales) }
        if taxed { posted.insert(JournalAccounts.tax) }
        var paid = false, credited = false
        for i in ledger.payments.indices where ledger.payments[i].date <= asOf && ledger.payments[i].minor != 0 {
            let p = ledger.payments[i]
            add(p.date, .payment, p.client, p.clientNumber, i, p.order, p.currency)
            if p.isCredit { credited = true } else { paid = true }
        }
        if paid { posted.insert(JournalAccounts.bank) }
        if credited { posted.insert(JournalAccounts.creditNotes) }
        // Write-offs: what each took off its invoice is the engine's figure.
        for (k, w) in ledger.writeOffs.enumerated() where w.date <= asOf {
            guard sheet.writtenOff[k] != 0, let i = ledger.invoiceIndex[w.invoice] else { continue }
            let inv = ledger.invoices[i]
            add(w.date, .writeOff, inv.client, inv.clientNumber, k, w.order, inv.currency)
            posted.insert(JournalAccounts.badDebt)
        }
        events.sort { a, b in
            if a.date != b.date { return a.date < b.date }
            if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
            return a.order < b.order
        }
        let components = JournalAccounts.clientComponents(known)
        let receivables = known.map { JournalAccounts.receivable(components[$0]!) }
        let payees = known.map { ledger.client($0)?.name ?? $0 }
        for (s, used) in postedSlots.enumerated() where used { posted.insert(receivables[s]) }
        return JournalBook(ledger: ledger, sheet: sheet, events: events, receivables: receivables, payees: payees, accounts: components, postedAccounts: posted.sorted(), currencies: currencies)
    }

    /// Every transaction at once, with the account components and the balances they came from.
    public static func transactions(_ ledger: Ledger, checked: BalanceSheet? = nil, asOf: Day? = nil) -> (transactions: [JournalTransaction], accounts: [String: String], sheet: BalanceSheet) {
        let book = book(ledger, checked: checked, asOf: asOf)
        return (book.transactions, book.accounts, book.sheet)
    }
}
