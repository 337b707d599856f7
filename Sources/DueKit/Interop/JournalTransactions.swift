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
    /// Same-day order: invoices, then credits and payments, write-offs, discounts; then as written.
    var phase: Int
    var order: Int
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

/// Turns a ledger into double-entry transactions, taking every figure the engine worked out
/// (amounts written off, discounts taken) from `BalanceEngine` so the books agree with `due`.
public enum JournalBuilder {
    /// Only what happened on or before `asOf` is turned into transactions (default: everything).
    public static func transactions(_ ledger: Ledger, checked: BalanceSheet? = nil, asOf requested: Day? = nil) -> (transactions: [JournalTransaction], accounts: [String: String], sheet: BalanceSheet) {
        let asOf = requested ?? (ledger.invoices.isEmpty && ledger.payments.isEmpty && ledger.writeOffs.isEmpty ? Day(ordinal: 0) : Checker.latestDate(ledger))
        let sheet = checked.flatMap { $0.asOf == asOf ? $0 : nil } ?? BalanceEngine.balances(ledger, asOf: asOf)
        // Every client id met, once: its receivable account and payee are worked out once and
        // found by a cheap table lookup for each of a million transactions.
        var ids = ledger.clients.map { $0.id }
        var lastID = ""
        for k in ledger.invoices.indices where ledger.invoices[k].client != lastID {
            lastID = ledger.invoices[k].client
            ids.append(lastID)
        }
        for k in ledger.payments.indices where ledger.payments[k].client != lastID {
            lastID = ledger.payments[k].client
            ids.append(lastID)
        }
        let components = JournalAccounts.clientComponents(ids)
        // The lookup table compares bytes, `String` compares canonically: `zoé` written as one
        // character and as e + accent are one key of `components` but two ids met here, and
        // each must find its slot (the checker reports the second as unknown, E203).
        var seen = Set<[UInt8]>()
        var known: [String] = []
        for id in ids where seen.insert(Array(id.utf8)).inserted { known.append(id) }
        let table = IDTable(known)
        let accounts = known.map { JournalAccounts.receivable(components[$0]!) }
        let payees = known.map { ledger.client($0)?.name ?? $0 }
        var last = (id: "", slot: 0)
        func slot(_ client: String) -> Int {
            if client != last.id || last.id.isEmpty { last = (client, table.index(client)!) }
            return last.slot
        }
        func receivable(_ client: String) -> String { accounts[slot(client)] }
        func payee(_ client: String) -> String { payees[slot(client)] }
        var out: [JournalTransaction] = []
        out.reserveCapacity(ledger.invoices.count + ledger.payments.count)

        for (i, inv) in ledger.invoices.enumerated() {
            // A duplicate number carries no money in the engine (it is never issued there); the
            // checker reports it.
            guard !inv.isDuplicate, sheet.invoices[i].issued, inv.total != 0 else { continue }
            var postings = [JournalPosting(account: receivable(inv.client), minor: inv.total, currency: inv.currency)]
            postings.append(JournalPosting(account: JournalAccounts.sales, minor: -(inv.total - inv.taxAmount), currency: inv.currency))
            if inv.taxAmount != 0 { postings.append(JournalPosting(account: JournalAccounts.tax, minor: -inv.taxAmount, currency: inv.currency)) }
            let summary = inv.summary
            out.append(JournalTransaction(date: inv.issued, client: inv.client, payee: payee(inv.client), narration: "Invoice \(inv.number)" + (summary.isEmpty ? "" : ": \(summary)"), code: inv.number, invoices: [inv.number], due: inv.due, postings: postings, phase: 0, order: inv.order))
            let b = sheet.invoices[i]
            if b.discount != 0, let day = b.settled {
                out.append(JournalTransaction(date: day, client: inv.client, payee: payee(inv.client), narration: "Early-payment discount on invoice \(inv.number)", code: inv.number, invoices: [inv.number], due: nil, postings: [
                    JournalPosting(account: JournalAccounts.discounts, minor: b.discount, currency: inv.currency),
                    JournalPosting(account: receivable(inv.client), minor: -b.discount, currency: inv.currency),
                ], phase: 3, order: inv.order))
            }
        }

        for p in ledger.payments where p.date <= asOf && p.minor != 0 {
            // The whole amount leaves the client's receivable: what the engine applied to
            // invoices and any credit on account alike, so the client's balance stays right.
            let invoices = p.allocations.map { $0.invoice }
            let narration: String
            let debit: String
            if p.isCredit {
                debit = JournalAccounts.creditNotes
                narration = "Credit note" + (p.number.map { " \($0)" } ?? "") + (p.reason.map { ": \($0)" } ?? "")
            } else {
                debit = JournalAccounts.bank
                narration = "Payment" + (p.ref.map { " \($0)" } ?? "") + (p.method.map { " (\($0))" } ?? "")
            }
            out.append(JournalTransaction(date: p.date, client: p.client, payee: payee(p.client), narration: narration, code: p.isCredit ? p.number : nil, invoices: invoices, due: nil, postings: [
                JournalPosting(account: debit, minor: p.minor, currency: p.currency),
                JournalPosting(account: receivable(p.client), minor: -p.minor, currency: p.currency),
            ], phase: 1, order: p.order))
        }

        // Write-offs: what each took off its invoice is the engine's figure.
        for (k, w) in ledger.writeOffs.enumerated() where w.date <= asOf {
            let amount = sheet.writtenOff[k]
            guard amount != 0, let i = ledger.invoiceIndex[w.invoice] else { continue }
            let inv = ledger.invoices[i]
            out.append(JournalTransaction(date: w.date, client: inv.client, payee: payee(inv.client), narration: "Write-off of invoice \(inv.number)" + (w.reason.map { ": \($0)" } ?? ""), code: inv.number, invoices: [inv.number], due: nil, postings: [
                JournalPosting(account: JournalAccounts.badDebt, minor: amount, currency: inv.currency),
                JournalPosting(account: receivable(inv.client), minor: -amount, currency: inv.currency),
            ], phase: 2, order: w.order))
        }

        // Sorting small keys and moving each transaction once beats moving transactions
        // around in the sort.
        struct Key {
            var date: Int32
            var phase: Int32
            var order: Int
            var index: Int
        }
        var keys = out.indices.map { Key(date: out[$0].date.ordinal, phase: Int32(out[$0].phase), order: out[$0].order, index: $0) }
        keys.sort { a, b in
            if a.date != b.date { return a.date < b.date }
            if a.phase != b.phase { return a.phase < b.phase }
            return a.order < b.order
        }
        let sorted = keys.map { out[$0.index] }
        return (sorted, components, sheet)
    }
}
