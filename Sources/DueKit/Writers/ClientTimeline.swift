/// Each client's entries up to the as-of date — invoices, payments, credit notes, write-offs, refunds,
/// notes, plans and letters — oldest first, as the report page's cards list them: the latest
/// `keep` of each client, and how many there were.
///
/// An entry is kept as its place in the ledger and described only when a card shows it:
/// describing every entry of a large ledger cost more than the rest of the page.
struct ClientTimeline: Sendable {
    /// A payment that came back (3.6) is two: the payment as it was made (`returnedPayment`)
    /// and its return on its own day (`paymentReturned`).
    enum Kind: UInt8 { case invoice, payment, returnedPayment, paymentReturned, writeOff, refund, note, plan, letter }

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
        for k in ledger.returns.indices.reversed() where ledger.returns[k].takenOut {
            let r = ledger.returns[k], p = r.paid!
            if r.date <= asOf { latest.add(Entry(date: r.date, order: r.order, kind: .paymentReturned, index: Int32(k)), client: p.client, number: p.clientNumber) }
            if p.date <= asOf { latest.add(Entry(date: p.date, order: p.order, kind: .returnedPayment, index: Int32(k)), client: p.client, number: p.clientNumber) }
        }
        for k in ledger.writeOffs.indices.reversed() where ledger.writeOffs[k].date <= asOf {
            latest.add(Entry(date: ledger.writeOffs[k].date, order: ledger.writeOffs[k].order, kind: .writeOff, index: Int32(k)), client: ledger.writeOffs[k].client)
        }
        for k in ledger.refunds.indices.reversed() where ledger.refunds[k].date <= asOf {
            latest.add(Entry(date: ledger.refunds[k].date, order: ledger.refunds[k].order, kind: .refund, index: Int32(k)), client: ledger.refunds[k].client)
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
        var text = ByteText()
        write(entry, in: ledger, into: &text, escapingHTML: false)
        return Event(date: entry.date, kind: kind(of: entry, in: ledger).description, text: text.string)
    }

    /// What the card calls the entry.
    static func kind(of entry: Entry, in ledger: Ledger) -> StaticString {
        switch entry.kind {
        case .invoice: "invoice"
        case .payment: ledger.payments[Int(entry.index)].isCredit ? "credit" : "payment"
        case .returnedPayment: "payment"
        case .paymentReturned: "returned"
        case .writeOff: "write-off"
        case .refund: "refund"
        case .note: "note"
        case .plan: "plan"
        case .letter: "letter"
        }
    }

    /// The entry's text as `event` gives it, written at the end of `out`: the ledger's own
    /// texts escaped for HTML when `escapingHTML` (the fixed words, figures and dates hold
    /// nothing to escape, so the whole reads as the escaped text), and no `String` made for the
    /// whole. A page of ten thousand cards describes a quarter of a million entries, and
    /// building each text as a `String` cost the page more than the rest of its cards.
    static func write(_ entry: Entry, in ledger: Ledger, into out: inout ByteText, escapingHTML: Bool) {
        let k = Int(entry.index)
        func text(_ s: String) {
            if escapingHTML { HTMLText.appendEscaped(s, to: &out) } else { out.append(s) }
        }
        func money(_ v: Int64, _ c: Currency) {
            out.money(v, precision: c.precision)
            out.byte(0x20)
            out.currency(c)
        }
        /// ` for ` and the invoices its `apply` lines name, when it names any.
        func applied(_ p: Payment) {
            for n in 0..<p.allocationRange.count {
                out.words(n == 0 ? " for " : ", ")
                text(ledger.invoiceNumber(applied: n, of: p))
            }
        }
        switch entry.kind {
        case .invoice:
            let inv = ledger.invoices[k]
            text(inv.number)
            out.words(", ")
            money(inv.total, inv.currency)
            out.words(", due ")
            out.day(inv.due)
            let summary = ledger.summary(of: inv)
            if !summary.isEmpty {
                out.words(" — ")
                text(summary)
            }
        case .payment:
            let p = ledger.payments[k]
            if p.isCredit {
                let note = p.notes(in: ledger.files)
                out.words("credit note ")
                if let number = note.number { text(number) }
                out.byte(0x20)
                money(p.minor, p.currency)
                applied(p)
                if let reason = note.reason {
                    out.words(": ")
                    text(reason)
                }
            } else {
                money(p.minor, p.currency)
                applied(p)
            }
        case .returnedPayment:
            let r = ledger.returns[k], p = r.paid!
            money(p.minor, p.currency)
            applied(p)
            out.words(", returned unpaid on ")
            out.day(r.date)
        case .paymentReturned:
            let r = ledger.returns[k], p = r.paid!
            out.words("payment of ")
            money(p.minor, p.currency)
            out.words(" on ")
            out.day(p.date)
            out.words(" returned unpaid")
            if let reason = r.reason {
                out.words(": ")
                text(reason)
            }
        case .writeOff:
            let w = ledger.writeOffs[k]
            text(w.invoice)
            if let reason = w.reason {
                out.words(": ")
                text(reason)
            }
        case .refund:
            let r = ledger.refunds[k]
            money(r.minor, r.currency)
            out.words(" paid back from money held on account")
            if let reason = r.reason {
                out.words(": ")
                text(reason)
            }
        case .note:
            let n = ledger.notes[k]
            let gist = n.gist(in: ledger.files)
            text(n.channel.rawValue)
            out.words(": ")
            text(gist)
            if let p = n.promise, !gist.hasPrefix("promised") {
                out.words("; promised to pay by ")
                out.day(p.by)
            }
        case .plan:
            let p = ledger.plans[k]
            money(p.minor, p.currency)
            out.words(" in ")
            if let first = p.instalments.first {
                out.int(p.instalments.count)
                out.words(p.instalments.count == 1 ? " instalment from " : " instalments from ")
                out.day(first.date)
                out.words(" to ")
                out.day(p.instalments.last!.date)
            } else {
                out.words("no instalments")
            }
        case .letter:
            let l = ledger.letters[k]
            text(l.stage.rawValue)
            for (n, number) in l.invoices.enumerated() {
                out.words(n == 0 ? " about " : ", ")
                text(number)
            }
        }
    }
}
