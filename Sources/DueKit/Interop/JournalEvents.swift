/// The transactions a ledger makes (`JournalBook.Event`), gathered in file order before they
/// are sorted, with the client slot of each and what beancount must open for them. Gathering
/// two million is a value's mutating methods rather than nested functions sharing variables,
/// whose every access the runtime checked. The invoices' and the payments' transactions are
/// gathered apart, on a core each, and joined (`join`) as if gathered one after the other.
struct JournalEvents {
    let sheet: BalanceSheet
    let asOf: Day
    var events: [JournalBook.Event] = []
    /// Client ids by slot: each client entry's (ids that differ in bytes keep apart: `zoé` as
    /// one character and as e + accent; the checker reports the second, E203), then ids no
    /// client entry has (a ledger with errors), in the order met.
    var known: [String] = []
    let table: IDTable
    /// The slot of each client entry, for an entry the resolver tied to its client
    /// (`clientNumber`): found without hashing.
    let clientSlot: [Int32]
    var unknown: [String: Int32] = [:]
    var last = (id: "", slot: Int32(0))
    /// Which slots some transaction posts to.
    var postedSlots: [Bool]
    /// Every currency posted in, in the order met: a few, looked through rather than hashed
    /// for each of two million transactions.
    var currencies: [Currency] = []
    var lastCurrency: Currency?
    /// Which of the fixed accounts some transaction posts to.
    var invoiced = false, taxed = false, discounted = false, paid = false, credited = false, waived = false, wroteOff = false

    init(_ ledger: Ledger, sheet: BalanceSheet, asOf: Day) {
        self.sheet = sheet
        self.asOf = asOf
        var seen = Set<[UInt8]>()
        for c in ledger.clients where seen.insert(Array(c.id.utf8)).inserted { known.append(c.id) }
        let table = IDTable(known)
        self.table = table
        clientSlot = ledger.clients.map { Int32(table.index($0.id)!) }
        postedSlots = [Bool](repeating: false, count: known.count)
    }

    /// The same clients and nothing gathered, with room for `capacity` transactions at once:
    /// an array that outgrows its room is copied into one twice its size, both held for a
    /// moment.
    func empty(capacity: Int) -> JournalEvents {
        var e = self
        e.events = []
        e.events.reserveCapacity(capacity)
        return e
    }

    /// Adds what `later` gathered as if it had been gathered here after what this holds: the
    /// ids no client entry has that `later` met first take the next slots, in the order it met
    /// them, and its transactions move to those slots. The transactions are left as they are.
    mutating func join(_ later: inout JournalEvents) {
        let clients = later.known.count - later.unknown.count
        var moved = Array(0..<Int32(later.known.count))
        for id in later.known[clients...] {
            let from = later.unknown[id]!
            if let s = unknown[id] {
                moved[Int(from)] = s
            } else {
                moved[Int(from)] = Int32(known.count)
                unknown[id] = Int32(known.count)
                known.append(id)
                postedSlots.append(false)
            }
        }
        if later.known.count > clients {
            for k in later.events.indices { later.events[k].slot = moved[Int(later.events[k].slot)] }
        }
        for (s, used) in later.postedSlots.enumerated() where used { postedSlots[Int(moved[s])] = true }
        for c in later.currencies where !currencies.contains(c) { currencies.append(c) }
        invoiced = invoiced || later.invoiced
        taxed = taxed || later.taxed
        discounted = discounted || later.discounted
        paid = paid || later.paid
        credited = credited || later.credited
        waived = waived || later.waived
        wroteOff = wroteOff || later.wroteOff
    }

    mutating func slot(_ client: String, _ number: Int32?) -> Int32 {
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

    mutating func add(_ date: Day, _ kind: JournalBook.Kind, _ client: String, _ number: Int32?, _ entry: Int, _ order: Int, _ currency: Currency) {
        let s = slot(client, number)
        if Int(s) >= postedSlots.count { postedSlots.append(false) }
        postedSlots[Int(s)] = true
        if currency != lastCurrency {
            if !currencies.contains(currency) { currencies.append(currency) }
            lastCurrency = currency
        }
        events.append(JournalBook.Event(date: date.ordinal, slot: s, entry: Int32(entry), order: Int32(clamping: order), kind: kind))
    }

    // Entries are read where they lie (`borrowing`): a copy of each would retain and release
    // every one of its fields.

    mutating func invoice(_ inv: borrowing Invoice, at i: Int) {
        // A duplicate number carries no money in the engine (it is never issued there); the
        // checker reports it.
        guard !inv.isDuplicate, sheet.invoices[i].issued, inv.total != 0 else { return }
        add(inv.issued, .invoice, inv.client, inv.clientNumber, i, inv.order, inv.currency)
        invoiced = true
        if inv.taxAmount != 0 { taxed = true }
        let b = sheet.invoices[i]
        if b.discount != 0, let day = b.settled {
            add(day, .discount, inv.client, inv.clientNumber, i, inv.order, inv.currency)
            discounted = true
        }
    }

    mutating func payment(_ p: borrowing Payment, at i: Int) {
        guard p.date <= asOf && p.minor != 0 else { return }
        add(p.date, .payment, p.client, p.clientNumber, i, p.order, p.currency)
        if p.isCredit { credited = true } else { paid = true }
    }

    /// What the `k`th write-off took off its invoice is the engine's figure, and so is whether
    /// it was a loss or a sum waived.
    mutating func writeOff(_ k: Int, in ledger: Ledger) {
        let w = ledger.writeOffs[k]
        guard w.date <= asOf, sheet.writtenOff[k] != 0, let i = ledger.invoiceIndex[w.invoice] else { return }
        ledger.invoices.withUnsafeBufferPointer { all in
            add(w.date, .writeOff, all[i].client, all[i].clientNumber, k, w.order, all[i].currency)
        }
        if sheet.lossWriteOffs.contains(k) { wroteOff = true } else { waived = true }
    }

    /// The `k`th refund, as much as the engine let it take out of money held on account.
    mutating func refund(_ k: Int, in ledger: Ledger) {
        let r = ledger.refunds[k]
        guard r.date <= asOf, sheet.refunded[k] != 0 else { return }
        add(r.date, .refund, r.client, nil, k, r.order, r.currency)
        paid = true
    }

    /// The `k`th payment that came back (3.6), once taken out of the payments: as it was made,
    /// and undone on the day it came back, both as of the export's date.
    mutating func returned(_ k: Int, in ledger: Ledger) {
        let r = ledger.returns[k]
        guard r.takenOut, let p = r.paid, p.date <= asOf, p.minor != 0 else { return }
        add(p.date, .returnedPayment, p.client, p.clientNumber, k, p.order, p.currency)
        paid = true
        guard r.date <= asOf else { return }
        add(r.date, .paymentReturned, p.client, p.clientNumber, k, r.order, p.currency)
    }

    /// The `k`th bad debt paid after all (`BalanceSheet.recoveries`), on the day it was paid
    /// back: a payment's, or the day money held on account was released to it, placed among
    /// that day's transactions by the entry that moved the money.
    mutating func recovery(_ k: Int, in ledger: Ledger) {
        let r = sheet.recoveries[k]
        guard r.date <= asOf else { return }
        let order = r.order(in: ledger)
        ledger.invoices.withUnsafeBufferPointer { all in
            add(r.date, .recovery, all[r.invoice].client, all[r.invoice].clientNumber, k, order, all[r.invoice].currency)
        }
        wroteOff = true
    }

    /// Every account some transaction posts to, given each slot's receivable account.
    func postedAccounts(receivables: [String]) -> Set<String> {
        var posted: Set<String> = []
        if invoiced { posted.insert(JournalAccounts.sales) }
        if taxed { posted.insert(JournalAccounts.tax) }
        if discounted { posted.insert(JournalAccounts.discounts) }
        if paid { posted.insert(JournalAccounts.bank) }
        if credited { posted.insert(JournalAccounts.creditNotes) }
        if waived { posted.insert(JournalAccounts.allowances) }
        if wroteOff { posted.insert(JournalAccounts.badDebt) }
        for (s, used) in postedSlots.enumerated() where used { posted.insert(receivables[s]) }
        return posted
    }
}
