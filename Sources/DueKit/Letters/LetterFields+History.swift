extension LetterFields {
    /// A demand's `history` and `history.about`.
    static func historyFields(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, story = context.story, ledger = context.ledger, sheet = context.sheet,
            asOf = context.asOf, open = context.open, chased = context.chased
        if stage == .demand {
                let history = history(story, about: Set((open + chased).map { ledger.invoices[$0].number }), asking: chased, since: chased.map { ledger.invoices[$0].due }.min() ?? asOf, ledger: ledger, sheet: sheet)
                v["history"] = history
                // A history that names other open invoices (one queried, say) is not headed as
                // about the claimed ones alone. (A number inside another only widens the heading.)
                let claimed = Set(chased.map { ledger.invoices[$0].number })
                let others = open.map { ledger.invoices[$0].number }.filter { !claimed.contains($0) && history.contains($0) }
                v["history.about"] = !others.isEmpty ? "your account" : chased.count == 1 ? "this invoice" : "these invoices"
        }
    }

    /// `to Sam Quinn`: who a letter went to, as its `to` line recorded it, when that is not who
    /// it would go to now (`SentJob.recipient`, by the same channel): after a change of contact
    /// the history says who had each letter. The person by name; their address too only when
    /// the name is the same and the address changed. Nil when the line is missing or the same.
    static func sentTo(_ recorded: String?, channel: String?, client: Client) -> String? {
        guard let recorded, !recorded.isEmpty else { return nil }
        let now = SentJob.recipient(client: client, channel: channel ?? "post")
        guard recorded != now else { return nil }
        // The first recipient's name and address (`Sam Quinn <ap@quinn.example>`).
        func parts(_ t: String) -> (name: String, address: String?) {
            let first = t.split(separator: ",", maxSplits: 1).first ?? Substring(t)
            guard first.last == ">", let open = first.lastIndex(of: "<") else { return (String(first), nil) }
            var name = first[..<open]
            while name.last == " " { name = name.dropLast() }
            return (String(name), String(first[first.index(after: open)...].dropLast()))
        }
        let was = parts(recorded), current = parts(now)
        return "to " + (was.name != current.name ? was.name : was.address.map { "\(was.name) at \($0)" } ?? was.name)
    }

    /// `my letter of 4 May 2026`, or `my letters of 20 April 2026 and 4 May 2026`, citing
    /// `cited` (oldest first) by date, each with whom it went to when that is not who letters
    /// go to now (`sentTo`): after a change of contact the new one is not told of a letter as
    /// if they had had it (`my letter of 4 May 2026 to Martin Shaw`). Letters that all went
    /// to the one other person name them once, after the dates.
    static func myLetters(_ cited: [LetterSent], client: Client, files: [SourceFile]) -> String {
        let to = cited.map { recipient(of: $0, client: client, files: files) }
        let noun = cited.count == 1 ? "my letter of " : "my letters of "
        if let first = to.first, let whom = first, to.allSatisfy({ $0 == whom }) {
            return noun + list(cited.map(\.date.longDescription)) + " " + whom
        }
        return noun + list(zip(cited, to).map { l, whom in l.date.longDescription + (whom.map { " " + $0 } ?? "") })
    }

    /// `to Martin Shaw`: whom our letter `l` went to, as its `to` line recorded it, when that
    /// is not who letters go to now (`sentTo`); nil when it is, or no line says.
    static func recipient(of l: LetterSent, client: Client, files: [SourceFile]) -> String? {
        let sent = EntrySource.values([.channel, .to], of: l.anchor, in: files)
        return sentTo(sent[1], channel: sent[0], client: client)
    }

    /// `4 May 2026`, or `4 May 2026 to Martin Shaw` (`recipient`): our letter `l` as a later
    /// letter cites it by its date ("My final notice of …"), so a new contact is not told of
    /// a letter as if they had had it.
    static func dated(_ l: LetterSent, client: Client, files: [SourceFile]) -> String {
        l.date.longDescription + (recipient(of: l, client: client, files: files).map { " " + $0 } ?? "")
    }

    /// Letters, contacts, payments and credit notes since `since` that concern the invoices
    /// `about` (those the letter shows), one bullet each, oldest first. A contact is named by its date and channel; its
    /// words stay private. What concerned only other invoices is left out: a client who pays
    /// every month would otherwise find a demand's history filled with payments for work that
    /// has nothing to do with it, under a heading that says they are about these invoices.
    /// Money not tied to an invoice, a plan for the whole balance, and a contact that names no
    /// invoice are kept: they may concern these. An invoice that one of our letters asked for
    /// together with these is not among them: its own letters before are not listed, so its
    /// payments are not either, and the list is about what its heading says. A promise kept
    /// with money that went to such an invoice says where it went.
    /// `asking`: the invoices the letter asks for, of which an earlier letter about others
    /// may have asked for a plan's missed instalments.
    /// A payment for these that came back since `since` is history from the day it was made,
    /// though that was earlier (paid before they fell due): its return is why they are open,
    /// and what followed it, the thank-you it earned, is part of why the client thought them paid.
    static func history(_ story: ClientStory, about chased: Set<String>, asking: [Int], since dueSince: Day, ledger: Ledger, sheet: BalanceSheet) -> String {
        let about = chased
        func concerns(_ numbers: [String]) -> Bool { numbers.isEmpty || numbers.contains { about.contains($0) } }
        let since = story.returned.filter { $0.date >= dueSince && concerns($0.reopened) }.map { $0.paid!.date }.reduce(dueSince, min)
        var items: [(Day, Int, String)] = []
        // A final notice or formal demand about other invoices that asked for some of these
        // apart, by its date, is part of their history: the client was asked for them then.
        // In the order issued, not the set's: the line must read the same on every run.
        let shown = chased.compactMap { ledger.invoiceIndex[$0] }.sorted()
        // So is one that asked for the missed instalments of their plan beside its own money.
        let ended = story.plans.isEmpty ? [] : PlanProgress.allEnded(story, ledger: ledger, sheet: sheet)
        // Made once, not for each letter: a demand may ask for thousands of invoices.
        let askingSet = Set(asking), askingNumbers = Set(asking.map { ledger.invoices[$0].number })
        for l in story.letters where l.date >= since {
            // What it asked on its day, though a plan agreed since gave those invoices dates
            // of its own: the plan follows in the history.
            let apart = StageChooser.askedApart(by: l, among: shown, story: story, ledger: ledger, sheet: sheet, asWritten: true).map { ledger.invoices[$0].number }
            guard concerns(l.invoices.array) || !apart.isEmpty else { continue }
            let plans = l.invoices.array.contains(where: askingNumbers.contains) ? ""
                : instalmentsAskedBeside(by: l, among: askingSet, ended: ended, story: story, ledger: ledger)
            let also = (apart.isEmpty ? [] : [list(apart)]) + (plans.isEmpty ? [] : [plans])
            let asked = also.isEmpty ? "" : ", which also asked for \(list(also)) to be paid by \(ledger.settings.replyBy(l.date).longDescription)"
            // Its channel and recipient read from its lines at once.
            let sent = EntrySource.values([.channel, .to], of: l.anchor, in: ledger.files)
            let how = [sent[0], sentTo(sent[1], channel: sent[0], client: story.client)].compactMap { $0 }.joined(separator: " ")
            items.append((l.date, l.order, "- \(l.date.longDescription): our \(l.stage.title)" + (l.invoices.isEmpty ? "" : " about \(list(l.invoices.array))") + asked + (how.isEmpty ? "" : " (\(how))")))
        }
        // A promise made before the oldest invoice fell due, for a day after, is history too:
        // what came of it is part of why the demand is sent.
        for n in story.contacts where n.date >= since || (n.promise.map { $0.lastDay >= since } ?? false) {
            // A contact that only queried, or settled a query about, other invoices is theirs.
            let named = n.disputes.map(\.invoice) + n.resolutions.map(\.invoice)
            if n.promise == nil && !concerns(named) { continue }
            var line = "- \(n.date.longDescription): " + contactKind(n.channel)
            if let p = n.promise {
                let who = whoSaid(n, in: story, files: ledger.files)
                line += p.minor.map { ", in which \(who) promised payment of \(Money(minor: $0, currency: p.currency)) by \(p.by.longDescription)" } ?? ", in which \(who) promised payment by \(p.by.longDescription)"
                // What came of it: the payments that kept it may have been for other work and
                // so not listed, and a promise left bare reads as broken. A plan agreed before
                // its day took its place (7.2): its money was not due by that day any more.
                let outcome = PromiseOutcome(note: n, promise: p, payments: story.payments, asOf: story.asOf, ledger: ledger, owing: (story, sheet))
                if outcome.state != .kept, let plan = story.plans.first(where: { $0.date <= p.lastDay && $0.replaces(n, ledger: ledger) }) {
                    line += " (replaced by the payment plan agreed on \(plan.date.longDescription))"
                } else {
                    // What came after the day, and where it went: money for another invoice
                    // would otherwise read as paid towards these.
                    let late = story.payments.filter { q in q.date > p.lastDay && q.date <= story.asOf && q.currency == outcome.currency }
                    var towards: [String] = []
                    for q in late where PromiseOutcome.towardsPromise(q, outcome.scope, ledger: ledger) > 0 {
                        for number in invoicesPaid(by: q, ledger: ledger, sheet: sheet) where !towards.contains(number) { towards.append(number) }
                    }
                    // Money that kept it by its day but went to other work: named, as it is
                    // not listed below.
                    var went: [String] = []
                    for q in story.payments where q.date >= n.date && q.date <= p.lastDay && q.currency == outcome.currency && PromiseOutcome.towardsPromise(q, outcome.scope, ledger: ledger) > 0 {
                        for number in invoicesPaid(by: q, ledger: ledger, sheet: sheet) where !went.contains(number) { went.append(number) }
                    }
                    // Money sent by the day that came back: the client did pay, and "nothing
                    // received" would say they never sent it (3.6).
                    line += promiseKept(outcome, since: towards, went: went.contains(where: { !about.contains($0) }) ? went : [], returned: returnedBack(outcome, story: story, ledger: ledger))
                }
            }
            // One "in which" to a contact: a query raised or settled in it is added after it.
            let queried = n.disputes.isEmpty ? nil : "queried \(list(n.disputes.map { "invoice \($0.invoice)" }))"
            let settled = n.resolutions.isEmpty ? nil : "we settled your query about \(list(n.resolutions.map { "invoice \($0.invoice)" }))"
            switch (n.promise != nil, queried, settled) {
            case (false, let q?, let r?): line += ", in which you \(q) and \(r)"
            case (false, let q?, nil): line += ", in which you \(q)"
            // "your email, in which we settled …" would have us write their email.
            case (false, nil, _?): line += ", settling your query about \(list(n.resolutions.map { "invoice \($0.invoice)" }))"
            case (true, let q?, let r?): line += "; you also \(q), and \(r)"
            case (true, let q?, nil): line += "; you also \(q)"
            case (true, nil, let r?): line += "; \(r)"
            default: break
            }
            items.append((n.date, n.order, line))
        }
        // Our calls and emails that no one answered (`no-answer`, 3.9) are ours to list: they
        // show we tried, and are never put as the client's word.
        for n in story.notes where n.isUnansweredAttempt && n.date >= since {
            items.append((n.date, n.order, "- \(n.date.longDescription): " + attemptKind(n.channel) + ", unanswered"))
        }
        // What each payment paid, so one for another invoice is not read as paying these.
        // Those of these ever in query, in the order issued: money that named no invoice passed
        // over them while they were (4, rule 4). Found once, not for every payment.
        let everQueried = shown.filter { sheet.wasDisputed(ledger.invoices[$0].number) }.map { ledger.invoices[$0].number }
        for p in story.payments where p.date >= since {
            let to = invoicesPaid(by: p, ledger: ledger, sheet: sheet)
            // The client, who may have meant such money for them, is told where it went.
            let passedOver = everQueried.isEmpty || !ledger.allocations(of: p).isEmpty ? []
                : everQueried.filter { !to.contains($0) && sheet.disputes.open($0, on: p.date) != nil }
            guard concerns(to) || !passedOver.isEmpty else { continue }
            // One that paid an invoice off is not said to have gone "towards" it.
            let settled = to.filter { Self.settled($0, by: p, ledger: ledger, sheet: sheet) }
            let partly = to.filter { !settled.contains($0) }
            var what = to.isEmpty ? "" : settled.isEmpty ? "towards \(invoicePhrase(partly))"
                : partly.isEmpty ? "settling \(invoicePhrase(settled))"
                : "settling \(invoicePhrase(settled)), and towards \(invoicePhrase(partly))"
            if !passedOver.isEmpty {
                let queried = "\(invoicePhrase(passedOver)) \(passedOver.count == 1 ? "was" : "were") in query then"
                what = what.isEmpty ? "held on account: \(queried)" : "\(what); \(queried)"
            }
            items.append((p.date, p.order, "- \(p.date.longDescription): payment of \(Money(minor: p.minor, currency: p.currency)) received" + (what.isEmpty ? "" : " (\(what))")))
        }
        // A payment that came back (3.6) is no payment, but the thank-you it earned is in the
        // list: the line says what the client sent and that it came back.
        for r in story.returned {
            guard let p = r.paid, p.date >= since, concerns(r.reopened) else { continue }
            items.append((p.date, p.order, "- \(p.date.longDescription): payment of \(Money(minor: p.minor, currency: p.currency)) received" + (r.reopened.isEmpty ? "" : " for \(invoicePhrase(r.reopened))") + ", returned unpaid on \(r.date.longDescription)"))
        }
        // Every figure of a demand must be traceable: what we credited or waived is history too.
        for c in story.credits where c.date >= since {
            let to = invoicesPaid(by: c, ledger: ledger, sheet: sheet)
            guard concerns(to) else { continue }
            items.append((c.date, c.order, "- \(c.date.longDescription): our credit note \(c.notes(in: ledger.files).number.map { "\($0), " } ?? "")\(Money(minor: c.minor, currency: c.currency))" + (to.isEmpty ? "" : ", applied to \(list(to))")))
        }
        // A plan agreed is the client's promise to pay by its dates; the reminders of the
        // instalments it missed are among our letters above.
        for p in story.plans where p.date >= since && concerns(p.invoices) {
            let count = p.instalments.count
            let last = p.instalments.last.map { ", the last due on \($0.date.longDescription)" } ?? ""
            let what = p.invoices.isEmpty ? "" : " for \(list(p.invoices))"
            items.append((p.date, p.order, "- \(p.date.longDescription): the payment plan we agreed\(what), \(Money(minor: p.minor, currency: p.currency)) in \(count) instalment\(count == 1 ? "" : "s")\(last)"))
        }
        // One in default lapsed on its day (3.10), when all that was open on it fell due: said
        // on that day, before our letters of it, or the plan reads as still running, or as
        // broken without a word from us, and the claim counts from a day the history never names.
        for e in ended where e.plan.date >= since && concerns(e.plan.invoices) {
            guard let day = e.lapsedOn, let l = e.defaultedBy else { continue }
            items.append((day, Int.min, "- \(day.longDescription): the payment plan we agreed on \(e.plan.date.longDescription) lapsed, our \(l.stage.title) of \(l.date.longDescription) having gone unanswered"))
        }
        // Money of theirs held on account that paid part of an invoice shown, on the day it
        // did: else the table's Paid column has no payment to trace it to.
        // What paid it when it was issued and what each settled query released are said apart,
        // each on its own day.
        for number in about.sorted() {
            guard let i = ledger.invoiceIndex[number], let held = sheet.fromAccount[i], held > 0 else { continue }
            let releases = sheet.releasedByQuery[i] ?? []
            let atIssue = held - releases.reduce(Int64(0)) { $0 + $1.amount }
            var parts = releases.map { (day: $0.date, amount: $0.amount) }
            if atIssue > 0 { parts.insert((ledger.invoices[i].issued, atIssue), at: 0) }
            for (k, part) in parts.enumerated() where part.day >= since {
                // After the message that settled the query, before a letter of that day.
                let order = story.notes.last { $0.date == part.day && $0.resolutions.contains { $0.invoice == number } }.map { $0.order } ?? Int.min
                let what = sheet.invoices[i].owed <= 0 && k == parts.count - 1 ? "paid invoice \(number)" : "went towards invoice \(number)"
                items.append((part.day, order, "- \(part.day.longDescription): \(Money(minor: part.amount, currency: ledger.invoices[i].currency)) of yours that we held on account \(what)"))
            }
        }
        // A sum waived is history the client knows; a loss written off is ours alone.
        for k in story.writeOffs.indices32.map(Int.init) where ClientStory.isWaived(k, sheet: sheet) {
            let w = ledger.writeOffs[k]
            guard w.date >= since && about.contains(w.invoice), let i = ledger.invoiceIndex[w.invoice], let m = w.minor ?? Optional(sheet.invoices[i].writtenOff) else { continue }
            items.append((w.date, w.order, "- \(w.date.longDescription): we waived \(Money(minor: m, currency: ledger.invoices[i].currency)) of \(w.invoice)"))
        }
        return items.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2).joined(separator: "\n")
    }

    /// What came of a promise, for a demand's history: " (received by then)", " (300.00 GBP
    /// of it received by then)", " (nothing received by then)", with what came after the day
    /// and the invoices it went to (`towards`); nothing while its day is ahead. Of one broken
    /// because what was sent by the day came back (`returned`), that payment and its return:
    /// " (a payment of 1,500.00 GBP came on 18 February 2026 and was returned unpaid on 27
    /// February 2026)".
    static func promiseKept(_ o: PromiseOutcome, since towards: [String] = [], went: [String] = [], returned: [(payment: Payment, back: Day)] = []) -> String {
        let late = o.receivedToDate - o.received
        let since = late > 0 ? "; \(Money(minor: late, currency: o.currency)) since" + (towards.isEmpty ? "" : ", towards \(invoicePhrase(towards))") : ""
        // `went`: the invoices the money received by then went to, when it is not listed.
        let to = went.isEmpty ? "" : ", towards \(invoicePhrase(went))"
        switch o.state {
        case .pending: return ""
        case .kept: return o.promise.minor == nil ? " (a payment of \(Money(minor: o.received, currency: o.currency)) received by then\(to))" : " (received by then\(to))"
        case .partlyKept: return " (\(Money(minor: o.received, currency: o.currency)) of it received by then\(to)\(since))"
        case .broken where !returned.isEmpty:
            let came = returned.map { "a payment of \(Money(minor: $0.payment.minor, currency: $0.payment.currency)) came on \($0.payment.date.longDescription) and was returned unpaid on \($0.back.longDescription)" }
            return " (\(came.joined(separator: "; "))\(since))"
        case .broken: return " (nothing received by then\(since))"
        }
    }
}
