extension LetterFields {
    /// `credit.used`: money of theirs we held on account, set against an invoice.
    static func creditUsedField(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, story = context.story, ledger = context.ledger, sheet = context.sheet,
            open = context.open, last = context.last
        // Money of theirs we held paid part of an invoice, when it was issued or when the query
        // that held it back was settled: said the first time a letter shows the invoice after
        // that day, so the Paid column is not a mystery.
        // An invoice issued since our last letter and paid in full from that money has left the
        // table: it is named beside the others, or the client, told what we held, would not
        // know where the rest went.
        // So is one that money held paid part of and a payment since paid the rest: the thanks
        // for that payment would leave the rest of it unexplained. (A thank-you says it in its
        // `settlement`.)
        let credited = open.filter { (sheet.fromAccount[$0] ?? 0) > 0 }
        let paidFromAccount = stage == .thanks ? [] : story.issued.filter { i in
            (sheet.fromAccount[i] ?? 0) > 0 && sheet.invoices[i].open <= 0 && !open.contains(i)
                && (last.map { ledger.invoices[i].issued >= $0.date } ?? false)
        }
        func settledByHeld(_ i: Int) -> Bool { sheet.fromAccount[i]! >= sheet.invoices[i].total }
        if (!credited.isEmpty || !paidFromAccount.isEmpty) && stage != .thanks {
            func resolvedOn(_ i: Int) -> Day? { querySettled(i, story: story, ledger: ledger) }
            let setAgainst = credited.filter { i in !context.shown(i, after: (resolvedOn(i) ?? ledger.invoices[i].issued, Int.min)) }
            func held(_ i: Int) -> Money { Money(minor: sheet.fromAccount[i]!, currency: ledger.invoices[i].currency) }
            let plain = (paidFromAccount + setAgainst.filter { resolvedOn($0) == nil }).sorted()
            var said: [String] = []
            let currencies = Set(plain.map { ledger.invoices[$0].currency })
            if plain.count > 1 && currencies.count == 1 {
                let all = Money(minor: plain.reduce(0) { $0 + sheet.fromAccount[$1]! }, currency: ledger.invoices[plain[0]].currency)
                let shares = plain.map { i in "\(ledger.invoices[i].number) (\(held(i))\(paidFromAccount.contains(i) && settledByHeld(i) ? ", which it settled" : ""))" }
                said.append("We have set \(all) of yours that we held on account against invoices \(list(shares)).")
            } else {
                said += plain.map { i in
                    paidFromAccount.contains(i) ? paidFromHeld(i, ledger: ledger, sheet: sheet)
                        : "We have set \(held(i)) of yours that we held on account against invoice \(ledger.invoices[i].number)."
                }
            }
            // Only what the query released: money held before the invoice was issued, which
            // paid part of it then, was not held because of the query.
            said += setAgainst.compactMap { i in
                guard let day = resolvedOn(i) else { return nil }
                let released = (sheet.releasedByQuery[i] ?? []).filter { $0.date == day }.reduce(Int64(0)) { $0 + $1.amount }
                let amount = released > 0 ? Money(minor: released, currency: ledger.invoices[i].currency) : held(i)
                return "Once your query about invoice \(ledger.invoices[i].number) was settled, we set against it the \(amount) of yours that we had held on account meanwhile."
            }
            if !said.isEmpty { v["credit.used"] = said.joined(separator: " ") }
        }
    }

    /// What money held on account did for invoice `i`, which nothing is open on now, said to a
    /// client no letter has shown it to: "Invoice L-1 of 15 May 2026 (1,500.00 GBP) has been
    /// paid from the money of yours we held on account.", or, when a payment paid the rest,
    /// "1,000.00 GBP of yours that we held on account has gone towards invoice L-1 of …".
    static func paidFromHeld(_ i: Int, ledger: Ledger, sheet: BalanceSheet) -> String {
        let inv = ledger.invoices[i], held = sheet.fromAccount[i]!
        return held >= sheet.invoices[i].total
            ? "Invoice \(inv.number) of \(inv.issued.longDescription) (\(Money(minor: held, currency: inv.currency))) has been paid from the money of yours we held on account."
            : "\(Money(minor: held, currency: inv.currency)) of yours that we held on account has gone towards invoice \(inv.number) of \(inv.issued.longDescription)."
    }

    /// `credits`: credit notes the client has not yet been told of.
    static func creditNotesField(_ v: inout [String: String], _ context: LetterContext, trail: inout PaymentTrail) {
        let story = context.story, ledger = context.ledger, sheet = context.sheet, last = context.last,
            listedNumbers = context.listedNumbers, episodeStart = context.workStart
        func paidInvoices(_ p: Payment) -> [String] { trail.invoices(paidBy: p) }
        // Credit notes by number: those since the last letter, and those applied to an invoice
        // listed that no letter since the credit note has shown (said once, not in every letter).
        let listed = listedNumbers
        func shownSince(_ c: Payment, _ number: String) -> Bool {
            ledger.invoiceIndex[number].map { context.shown($0, after: (c.date, c.order)) } ?? false
        }
        let credits = story.credits.filter { c in
            let applied = paidInvoices(c).filter { listed.contains($0) }
            // Since the last letter, as payments are: and, like them, not one from before the
            // oldest invoice still open, on work long paid (old news to a first letter).
            if last.map({ (c.date, c.order) > ($0.date, $0.order) }) ?? true {
                return !applied.isEmpty || (episodeStart.map { c.date >= $0 } ?? true)
            }
            return applied.contains { !shownSince(c, $0) }
        }
        if !credits.isEmpty {
            // A credit note that settled a query resolved since our last letter was agreed with
            // the client: it says so. Issued up to a fortnight before the message that settled
            // it (the client confirming the credit offered), it was part of the settlement too.
            let settledQueries = story.notes(after: last).filter(\.isContact).flatMap { n in n.resolutions.map { ($0.invoice, n.date) } }
            v["credits"] = credits.map { c in
                let applied = paidInvoices(c)
                let agreed = settledQueries.contains { q in applied.contains(q.0) && c.date >= q.1.adding(days: -14) }
                let number = c.notes(in: ledger.files).number
                let what = (agreed ? "As agreed, credit note " : "Credit note ") + "\(number ?? "of \(c.date.longDescription)") for \(Money(minor: c.minor, currency: c.currency))"
                return what + (number == nil ? "" : ", dated \(c.date.longDescription),") + creditApplied(c, to: applied, sheet: sheet, ledger: ledger) + "."
            }.joined(separator: " ")
        }
    }

    /// `credit.on-account`: money of theirs we hold on account.
    static func creditOnAccount(_ v: inout [String: String], _ context: LetterContext, claim: ClaimInThanks) {
        let claimOwed = claim.owed, claimMet = claim.met, claimShort = claim.short
        let stage = context.stage
        let story = context.story
        let ledger = context.ledger
        let sheet = context.sheet
        let client = context.client
        let chased = context.chased
        // Money of theirs we hold is part of the account's story: said in every letter that
        // shows the account, so a client in credit is never asked to pay.
        // Less what meets a demand's claim: that money is the claim paid, not the client's to have back.
        let held = sheet.heldOnAccount(by: client.id)
            .map { (key: ClientCurrency(client: client.id, currency: $0.currency), value: $0.amount - claimMet[$0.currency]) }.filter { $0.value > 0 }
        if !held.isEmpty {
            let amounts = list(held.map { Money(minor: $0.value, currency: $0.key.currency).description })
            let heldCurrencies = Set(held.map(\.key.currency))
            // Money held in one currency pays no invoice in another: said so where the client
            // is invoiced in both, so "your next invoice" is not read as one it cannot pay.
            let invoicedIn = Set(story.issued.map { ledger.invoices[$0].currency })
            func nextInvoice(for group: [(key: ClientCurrency, value: Int64)]) -> String {
                invoicedIn.subtracting(group.map(\.key.currency)).isEmpty ? "your next invoice"
                    : group.count == 1 ? "your next invoice in \(group[0].key.currency.code)" : "your next invoice in the same currency"
            }
            let next = nextInvoice(for: held)
            // Money held while an invoice of its currency is in query waits for that query (4,
            // rule 4): once it is settled, the money goes to that invoice, not to the next one.
            // Said of each currency it holds for (the client's open queries are few).
            var queriedIn: [Currency: [Int]] = [:]
            for number in story.openDisputes.keys.sorted() {
                guard let i = ledger.invoiceIndex[number], heldCurrencies.contains(ledger.invoices[i].currency), sheet.invoices[i].owed > 0 else { continue }
                queriedIn[ledger.invoices[i].currency, default: []].append(i)
            }
            queriedIn = queriedIn.mapValues { $0.sorted() }
            /// What is said of money held in a currency with an invoice in query: "We hold 300.00
            /// GBP of yours on account while we settle the query about invoice A-2: once it is
            /// settled, the money will go towards what is agreed for that invoice", and, when it
            /// is more than the invoice owes, the rest against the next invoice.
            func waiting(_ h: (key: ClientCurrency, value: Int64), opening: String) -> String {
                let queried = queriedIn[h.key.currency] ?? []
                let numbers = queried.map { ledger.invoices[$0].number }
                let owed = queried.reduce(Int64(0)) { $0 + sheet.invoices[$1].owed }
                let beyond = h.value > owed ? ", and what is left over towards \(nextInvoice(for: [h]))" : ""
                let one = numbers.count == 1
                return "\(opening) \(Money(minor: h.value, currency: h.key.currency)) of yours on account while we settle the \(one ? "query" : "queries") about \(invoicePhrase(numbers)): once \(one ? "it is" : "they are") settled, the money will go towards what is agreed for \(one ? "that invoice" : "those invoices")\(beyond), unless you would rather have it refunded."
            }
            let forQuery = held.filter { queriedIn[$0.key.currency] != nil }
            let free = held.filter { queriedIn[$0.key.currency] == nil }
            let freeAmounts = list(free.map { Money(minor: $0.value, currency: $0.key.currency).description })
            let freeNext = nextInvoice(for: free)
            if stage == .thanks, !claimShort.isEmpty {
                // Held money short of the claim in its currency: set against it, the rest is not
                // covered (not said to be owed: whether to pursue it is the user's to decide).
                // Money held in another currency is the client's, as after any letter.
                let shortCurrencies = Set(claimShort.map(\.0))
                let towards = held.filter { shortCurrencies.contains($0.key.currency) }, other = held.filter { !shortCurrencies.contains($0.key.currency) }
                var sentences: [String] = []
                if !towards.isEmpty {
                    let left = claimShort.map { cur, m in Money(minor: m - (towards.first { $0.key.currency == cur }?.value ?? 0), currency: cur).description }
                    sentences.append("We hold \(list(towards.map { Money(minor: $0.value, currency: $0.key.currency).description })) of yours on account, which we can set against it if you agree, leaving \(list(left)) of it uncovered.")
                }
                if !other.isEmpty {
                    sentences.append("We \(towards.isEmpty ? "" : "also ")hold \(list(other.map { Money(minor: $0.value, currency: $0.key.currency).description })) of yours on account, which we will set against \(next) unless you would rather have it refunded.")
                }
                if !sentences.isEmpty { v["credit.on-account"] = sentences.joined(separator: " ") }
            } else if stage == .thanks, let what = claimOwed {
                // Not offered back beside a claim not covered: it may meet that claim.
                v["credit.on-account"] = "We hold \(amounts) of yours on account, which we can set against the \(what), if you agree."
            } else if stage == .dispute, case let queried = story.openDisputes.keys.compactMap({ ledger.invoiceIndex[$0] }).filter({ heldCurrencies.contains(ledger.invoices[$0].currency) }), !queried.isEmpty {
                // Money on account passes over a queried invoice (4.4): it is held because of
                // the query, and goes to that invoice once it is settled.
                let numbers = queried.map { ledger.invoices[$0].number }.sorted()
                v["credit.on-account"] = "We hold \(amounts) of yours on account while we look into \(numbers.count == 1 ? "the query" : "the queries"): once \(numbers.count == 1 ? "it is" : "they are") settled, it will go towards what is agreed for \(invoicePhrase(numbers)), unless you would rather have it refunded."
            } else if stage == .thanks || stage == .statement || stage == .courtesy {
                // Money waiting for a query is said to wait for it: "your next invoice" would
                // promise it to work it will not pay.
                var sentences = forQuery.map { waiting($0, opening: "We hold") }
                if !free.isEmpty {
                    sentences.append("We \(forQuery.isEmpty ? "" : "also ")hold \(freeAmounts) of yours on account, which we will set against \(freeNext) unless you would rather have it refunded.")
                }
                v["credit.on-account"] = sentences.joined(separator: " ")
            } else {
                // A letter asking for money says what we hold, and why it is not set against
                // what is asked (the balance sheet sets money held against any invoice it can
                // pay, so what is still held is in another currency, or waits for a query).
                let asked = Array(Set(chased.map { ledger.invoices[$0].currency }).subtracting(heldCurrencies)).map(\.code).sorted()
                let cannot = asked.isEmpty ? "" : ", which cannot pay an invoice in \(asked.joined(separator: " or "))"
                var sentences = forQuery.map { waiting($0, opening: "We also hold") }
                // Money paid on account for work not yet invoiced (`on-account`, 3.6) is held as
                // the client asked: said so, not offered back as money we did not know what to do with.
                let ahead = free.map { (key: $0.key, value: min($0.value, sheet.paidOnAccount[$0.key] ?? 0)) }.filter { $0.value > 0 }
                let rest = free.map { h in (key: h.key, value: h.value - (ahead.first { $0.key == h.key }?.value ?? 0)) }.filter { $0.value > 0 }
                if !ahead.isEmpty {
                    sentences.append("We also hold the \(list(ahead.map { Money(minor: $0.value, currency: $0.key.currency).description })) you paid on account, which we will set against \(nextInvoice(for: ahead)).")
                }
                if !rest.isEmpty {
                    sentences.append("We also hold \(list(rest.map { Money(minor: $0.value, currency: $0.key.currency).description })) of yours on account\(cannot): tell me whether you would like it refunded or kept for \(nextInvoice(for: rest)).")
                }
                v["credit.on-account"] = sentences.joined(separator: " ")
            }
        }
        // A thank-you tells of money held on account paid back since the last letter (3.13), so
        // money once offered back is not left unaccounted for; so does any other letter after
        // one, which may have said we hold it. Refunds are few: read from the ledger.
        if stage == .thanks || story.lastLetter != nil {
            let since = story.lastLetter?.date
            let told = ledger.refunds.indices.filter { k in ledger.refunds[k].client == client.id && sheet.refunded[k] > 0 && ledger.refunds[k].date >= since ?? ledger.refunds[k].date }
                .map { "On \(ledger.refunds[$0].date.longDescription) we refunded the \(Money(minor: sheet.refunded[$0], currency: ledger.refunds[$0].currency)) we held on account for you." }
            if !told.isEmpty { v["credit.on-account"] = (told + [v["credit.on-account"] ?? ""].filter { !$0.isEmpty }).joined(separator: " ") }
        }
    }

    /// Where credit note `c`'s money went, to follow its name: " has been applied to invoice
    /// N", each share when it was split between invoices (an invoice it settled has left the
    /// table, and the client must see where the money went), and what was left over said to
    /// be credited to the account, not applied to an invoice that could not take it.
    /// `applied`: the invoices it reached, in order.
    static func creditApplied(_ c: Payment, to applied: [String], sheet: BalanceSheet, ledger: Ledger) -> String {
        guard !applied.isEmpty else { return " has been credited to your account" }
        var shares: [(String, Int64)] = []
        for a in sheet.applied[c.order] ?? [] {
            let n = ledger.invoices[a.invoice].number
            if let k = shares.firstIndex(where: { $0.0 == n }) { shares[k].1 += a.amount } else { shares.append((n, a.amount)) }
        }
        let left = creditLeftOver(c, sheet: sheet)
        let rest = left > 0 ? ", and the remaining \(Money(minor: left, currency: c.currency)) credited to your account" : ""
        if shares.count > 1 && shares.map(\.0) == applied {
            return " has been applied: " + list(shares.map { "\(Money(minor: $0.1, currency: c.currency)) to invoice \($0.0)" }) + rest
        }
        let share = left > 0 && shares.count == 1 ? " (\(Money(minor: shares[0].1, currency: c.currency)))" : ""
        return " has been applied to \(invoicePhrase(applied))\(share)\(rest)"
    }

    /// What of credit note `c` no invoice took: held on account for the client.
    static func creditLeftOver(_ c: Payment, sheet: BalanceSheet) -> Int64 {
        guard let shares = sheet.applied[c.order] else { return 0 }
        return max(0, c.minor - shares.reduce(0) { $0 + $1.amount })
    }
}
