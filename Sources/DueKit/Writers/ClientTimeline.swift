/// Each client's entries up to the as-of date — invoices, payments, credit notes, write-offs,
/// notes, plans and letters — oldest first, as the report page's cards list them: the latest
/// `keep` of each client, and how many there were.
///
/// An entry is kept as its place in the ledger and described only when a card shows it:
/// describing every entry of a large ledger cost more than the rest of the page.
struct ClientTimeline: Sendable {
    enum Kind: UInt8 { case invoice, payment, writeOff, note, plan, letter }

    struct Entry {
        var date: Day
        var order: Int
        var kind: Kind
        /// Index into the ledger's array of that kind.
        var index: Int32
    }

    /// One entry as the card shows it.
    struct Event {
        var date: Day
        var kind: String
        var text: String
    }

    private var latest: LatestPerClient<Entry>

    init(ledger: Ledger, asOf: Day, keep: Int) {
        // By date, then as written; entries read in the same place (which a ledger does not
        // have) by kind and index, so the order never depends on how they were gathered.
        latest = LatestPerClient(ledger, keep: keep) { a, b in
            (a.date, a.order, a.kind.rawValue, a.index) < (b.date, b.order, b.kind.rawValue, b.index)
        }
        // By index: a loop over the entries themselves would copy each one. Latest first: a
        // ledger is written mostly in date order, so once a client has the entries shown, each
        // earlier one is passed over after one comparison.
        for k in ledger.invoices.indices.reversed() where ledger.invoices[k].issued <= asOf && !ledger.invoices[k].isDuplicate {
            latest.add(Entry(date: ledger.invoices[k].issued, order: ledger.invoices[k].order, kind: .invoice, index: Int32(k)), client: ledger.invoices[k].client, number: ledger.invoices[k].clientNumber)
        }
        for k in ledger.payments.indices.reversed() where ledger.payments[k].date <= asOf {
            latest.add(Entry(date: ledger.payments[k].date, order: ledger.payments[k].order, kind: .payment, index: Int32(k)), client: ledger.payments[k].client, number: ledger.payments[k].clientNumber)
        }
        for k in ledger.writeOffs.indices.reversed() where ledger.writeOffs[k].date <= asOf {
            latest.add(Entry(date: ledger.writeOffs[k].date, order: ledger.writeOffs[k].order, kind: .writeOff, index: Int32(k)), client: ledger.writeOffs[k].client)
        }
        for k in ledger.notes.indices.reversed() where ledger.notes[k].date <= asOf {
            latest.add(Entry(date: ledger.notes[k].date, order: ledger.notes[k].order, kind: .note, index: Int32(k)), client: ledger.notes[k].client)
        }
        for k in ledger.plans.indices.reversed() where ledger.plans[k].date <= asOf {
            latest.add(Entry(date: ledger.plans[k].date, order: ledger.plans[k].order, kind: .plan, index: Int32(k)), client: ledger.plans[k].client)
        }
        for k in ledger.letters.indices.reversed() where ledger.letters[k].date <= asOf {
            latest.add(Entry(date: ledger.letters[k].date, order: ledger.letters[k].order, kind: .letter, index: Int32(k)), client: ledger.letters[k].client)
        }
    }

    /// The client's latest entries, oldest first, and how many it has in all.
    func entries(of client: String) -> (latest: ArraySlice<Entry>, count: Int) {
        let l = latest.latest(client)
        return (l.items, l.count)
    }

    static func event(_ entry: Entry, in ledger: Ledger) -> Event {
        let k = Int(entry.index)
        func money(_ v: Int64, _ c: Currency) -> String { MoneyFormat.format(v, precision: c.precision) }
        switch entry.kind {
        case .invoice:
            let inv = ledger.invoices[k]
            let summary = ledger.summary(of: inv)
            let what = summary.isEmpty ? "" : " — " + summary
            return Event(date: inv.issued, kind: "invoice", text: "\(inv.number), \(money(inv.total, inv.currency)) \(inv.currency.code), due \(inv.due)\(what)")
        case .payment:
            let p = ledger.payments[k]
            let applied = ledger.invoiceNumbers(appliedBy: p)
            let to = applied.isEmpty ? "" : " for " + applied.joined(separator: ", ")
            if p.isCredit {
                let note = p.notes(in: ledger.files)
                let reason = note.reason.map { ": " + $0 } ?? ""
                return Event(date: p.date, kind: "credit", text: "credit note \(note.number ?? "") \(money(p.minor, p.currency)) \(p.currency.code)\(to)\(reason)")
            }
            return Event(date: p.date, kind: "payment", text: "\(money(p.minor, p.currency)) \(p.currency.code)\(to)")
        case .writeOff:
            let w = ledger.writeOffs[k]
            return Event(date: w.date, kind: "write-off", text: w.invoice + (w.reason.map { ": " + $0 } ?? ""))
        case .note:
            let n = ledger.notes[k]
            let gist = n.gist(in: ledger.files)
            var text = n.channel.rawValue + ": " + gist
            if let p = n.promise, !gist.hasPrefix("promised") { text += "; promised to pay by \(p.by)" }
            return Event(date: n.date, kind: "note", text: text)
        case .plan:
            let p = ledger.plans[k]
            let range = p.instalments.first.map { f in "\(p.instalments.count) instalment\(p.instalments.count == 1 ? "" : "s") from \(f.date) to \(p.instalments.last!.date)" } ?? "no instalments"
            return Event(date: p.date, kind: "plan", text: "\(money(p.minor, p.currency)) \(p.currency.code) in \(range)")
        case .letter:
            let l = ledger.letters[k]
            return Event(date: l.date, kind: "letter", text: l.stage.rawValue + (l.invoices.isEmpty ? "" : " about " + l.invoices.joined(separator: ", ")))
        }
    }
}
