/// Every invoice number an entry names exists (E204), belongs to that entry's client (E205)
/// and was issued by the entry's date (E403, for every kind of entry: the balance engine only
/// leaves money aimed at an invoice not yet issued unapplied); money applied to it is in its
/// currency (E307, checked here rather than in `CurrencyRule` so each of a million allocations
/// is looked up once).
enum InvoiceReferenceRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        var nearest = NearestID()
        var byClient: [String: [String]]? = nil

        /// The client as the resolver finds it (`Payment.clientNumber`), for the entries it
        /// does not record it on.
        func clientNumber(of client: String) -> Int32? { l.clientIndex[client].map(Int32.init) }

        /// The hint for a number no invoice has: the nearest number among the client's own
        /// invoices (grammar.md §6.3), as following a suggestion of another client's would only
        /// trade this error for E205. When none of its own is near but another client's is,
        /// the hint says whose that is, as the client may be what is wrong; a large ledger's
        /// other invoices are not searched.
        func hint(_ number: String, client: String) -> String {
            func invoicesByClient() -> [String: [String]] {
                if let byClient { return byClient }
                var map: [String: [String]] = [:]
                for inv in l.invoices { map[inv.client, default: []].append(inv.number) }
                byClient = map
                return map
            }
            if let own = nearest.nearest(client + "\u{0}" + number, to: number, in: { invoicesByClient()[client] ?? [] }) {
                return Suggestion.didYouMean(own)
            }
            let absent = "no invoice has this number; check it against the invoice entry"
            guard l.invoices.count <= 20_000,
                let other = nearest.nearest("\u{1}" + client + "\u{0}" + number, to: number, in: { l.invoices.filter { $0.client != client }.map(\.number) }),
                let owner = c.ids.invoices.index(other).map({ l.invoices[$0].client })
            else { return absent }
            return "no invoice of '\(client)' has a number like it; \(other) is an invoice of '\(owner)': check the number, or the client"
        }

        /// `what` names the entry for messages; `dated` words the issue-date check.
        /// `found`: the invoice, when it was found already (by the resolver for `apply` lines,
        /// by `LedgerIDs` for letters); nil when it is still to be looked up.
        /// `clientNumber`: the entry's client in `ledger.clients`, as the resolver finds it.
        /// `seen`: the found invoice's brief and issue date, when they were read already.
        /// `currency`: the money's, checked against the invoice's unless `currencyIsClients`
        /// finds it one its client does not pay in (one mistake, which `CurrencyRule` reports);
        /// asked only of money in another currency than the invoice's, a line in a thousand.
        /// `client` is read only when the resolver found no client to compare by: a long id is
        /// shared by all its client's entries, and each copy of it is a count kept by every core.
        func check(_ number: @autoclosure () -> String, _ range: @autoclosure () -> SourceRange, client: @autoclosure () -> String, clientNumber: Int32?, date: Day, dated: Dated, currency: Currency? = nil, currencyIsClients: @autoclosure () -> Bool = true, found: Int?? = nil, seen: Seen? = nil, _ what: @autoclosure () -> String) {
            guard let i = found ?? c.ids.invoices.index(number()) else {
                let number = number()
                // Its header is wrong, and reported: not missing as well.
                if !l.unreadInvoices.isEmpty && l.unreadInvoices.contains(where: { $0.number == number }) { return }
                d.append(Diagnostic(.E204, "\(what()) names invoice \(number), which does not exist", at: range(), hint: hint(number, client: client())))
                return
            }
            // Its figures are in another currency, and reported: it is left out as an unread
            // one is, and nothing is judged by it.
            if !c.otherCurrencyClients.isEmpty && l.invoices[i].figuresInOtherCurrency { return }
            // The brief, not the invoice: this runs once per reference.
            let brief = seen?.brief ?? l.briefs[i]
            let invCurrency = brief.currency, issued = seen?.issued ?? l.invoices[i].issued
            // Two ids name one client when the resolver found the same client for both; an id
            // no client has is compared with the other.
            let sameClient: Bool
            if let own = brief.clientNumber, let clientNumber {
                sameClient = own == clientNumber
            } else {
                sameClient = l.invoices[i].client == client()
            }
            if issued > date {
                let inv = l.invoices[i]
                let notes = [DiagnosticNote("invoice \(number()) is here", at: inv.numberRange(in: l.files))]
                switch dated {
                case .names: d.append(Diagnostic(.E403, "\(what()) dated \(date) names invoice \(number()), issued later on \(inv.issued)", at: range(), hint: "check the date of this entry or of the invoice", notes: notes))
                case .applies(let credit):
                    let kind = credit ? "credit" : "payment"
                    d.append(Diagnostic(.E403, "\(kind) dated \(date) applies to invoice \(inv.number), issued later on \(inv.issued)", at: range(), hint: "check the date of the \(kind) or of the invoice", notes: notes))
                case .writesOff: d.append(Diagnostic(.E403, "write-off dated \(date) is for invoice \(number()), issued later on \(inv.issued)", at: range()))
                }
            }
            if !sameClient && c.client(client(), resolved: clientNumber) != nil {
                let inv = l.invoices[i]
                d.append(Diagnostic(.E205, "invoice \(number()) belongs to '\(inv.client)', not to '\(client())'", at: range(), hint: "an entry concerns only its own client's invoices; check the invoice number or the client", notes: [DiagnosticNote("invoice \(number()) is issued to '\(inv.client)' here", at: l.files.word(2, of: inv.anchor))]))
            }
            if let cur = currency, cur != invCurrency, cur.isKnown, invCurrency.isKnown, currencyIsClients() {
                let inv = l.invoices[i]
                d.append(Diagnostic(.E307, "\(what()) is in \(cur.code) but invoice \(number()) is in \(inv.currency.code)", at: range(), hint: "money in one currency never pays an invoice in another; record it in \(inv.currency.code)", notes: [DiagnosticNote("invoice \(number()) is here", at: inv.numberRange(in: l.files))]))
            }
        }

        // By index, reading the fields needed: a copy of each payment would retain every one of
        // its strings.
        l.allocations.withUnsafeBufferPointer { allocations in
            // The invoices that `apply` lines name lie anywhere in the briefs, an array far larger
            // than the cache: the briefs of a group of payments' lines are read first, in a pass
            // that does nothing else, so that their waits on memory overlap (as in
            // `IDTable.lookUp`), then the lines are checked.
            var briefs: [Seen?] = []
            var base = 0
            while base < l.payments.count {
                let end = min(base + 32, l.payments.count)
                briefs.removeAll(keepingCapacity: true)
                for k in base..<end {
                    for m in Int(l.payments[k].allocationRange.lowerBound)..<Int(l.payments[k].allocationRange.upperBound) {
                        briefs.append(allocations[m].target.map { Seen(brief: l.briefs[Int($0)], issued: l.briefs[Int($0)].issued) })
                    }
                }
                var read = 0
                for k in base..<end {
                    let clientNumber = l.payments[k].clientNumber
                    let currency = l.payments[k].currency, written = l.payments[k].writtenCurrency
                    let date = l.payments[k].date, isCredit = l.payments[k].isCredit, anchor = l.payments[k].anchor
                    // The resolver linked every `apply` line to its invoice (`Allocation.target`).
                    let first = Int(l.payments[k].allocationRange.lowerBound)
                    for m in first..<Int(l.payments[k].allocationRange.upperBound) {
                        // The number only for a message: the line's invoice's, else read again.
                        check(l.invoiceNumber(applied: m - first, of: l.payments[k]), l.files.word(1, ofLine: allocations[m].line, of: anchor), client: l.payments[k].client, clientNumber: clientNumber, date: date, dated: .applies(credit: isCredit), currency: currency, currencyIsClients: !CurrencyRule.conflictsWithClient(written, l.payments[k].client, resolved: clientNumber, c), found: .some(allocations[m].target.map(Int.init)), seen: briefs[read], isCredit ? "this credit" : "this payment")
                        read += 1
                    }
                }
                base = end
            }
        }
        for w in l.writeOffs { check(w.invoice, w.invoiceRange(in: l.files), client: w.client, clientNumber: clientNumber(of: w.client), date: w.date, dated: .writesOff, "this write-off") }
        for k in l.notes.indices where !l.notes[k].disputes.isEmpty || !l.notes[k].resolutions.isEmpty {
            let n = l.notes[k]
            for m in n.disputes { check(m.invoice, l.files.word(1, ofLine: m.line, of: n.anchor), client: n.client, clientNumber: clientNumber(of: n.client), date: n.date, dated: .names, "this dispute") }
            for m in n.resolutions { check(m.invoice, l.files.word(1, ofLine: m.line, of: n.anchor), client: n.client, clientNumber: clientNumber(of: n.client), date: n.date, dated: .names, "this resolution") }
        }
        for p in l.plans {
            for (k, number) in p.invoices.enumerated() { check(number, p.invoiceRanges(in: l.files)[k], client: p.client, clientNumber: clientNumber(of: p.client), date: p.date, dated: .names, "this plan") }
        }
        // The letters' invoices lie anywhere in the briefs too: read a group of letters' first,
        // as the payments' are.
        var letterBriefs: [Seen?] = []
        var first = 0
        while first < l.letters.count {
            let end = min(first + 16, l.letters.count)
            letterBriefs.removeAll(keepingCapacity: true)
            for m in first..<end {
                for k in 0..<l.letters[m].invoices.count { letterBriefs.append(c.ids.letters.invoice(k, of: m).map { Seen(brief: l.briefs[$0], issued: l.briefs[$0].issued) }) }
            }
            var read = 0
            for m in first..<end {
                let x = l.letters[m]
                let clientNumber = clientNumber(of: x.client)
                for (k, number) in x.invoices.enumerated() {
                    check(number, x.invoiceRanges(in: l.files)[k], client: x.client, clientNumber: clientNumber, date: x.date, dated: .names, found: c.ids.letters.invoice(k, of: m), seen: letterBriefs[read], "this \(x.stage.rawValue) letter")
                    read += 1
                }
            }
            first = end
        }
        for a in l.assertions {
            if let number = a.invoice { check(number, a.invoiceRange(in: l.files) ?? l.files.header(a.anchor), client: a.client, clientNumber: clientNumber(of: a.client), date: a.date, dated: .names, "this balance assertion") }
        }
    }

    /// How an entry dated before the invoice it names is worded: payments, credits and
    /// write-offs say what they do to the invoice.
    /// What the check reads of an invoice, read ahead for a group of `apply` lines.
    struct Seen {
        var brief: InvoiceBrief
        var issued: Day
    }

    enum Dated {
        case names
        case applies(credit: Bool)
        case writesOff
    }
}
