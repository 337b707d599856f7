/// The promise's sentence for when the one payment that arrived towards it is thanked for
/// where the plan's sentence, above it, says what it made up (`LetterFields.promiseFields`):
/// that payment's order, and the promise's sentence that refers to it there.
typealias PromiseThanks = (payment: Int, sentence: String)

extension LetterFields {
    /// `promise.status`, `promise.date`, `promise.by`, `promise.amount`, `promise.received` and
    /// `promise.broken`. Returns the promise's sentence for when the plan's sentence thanks for
    /// the one payment towards it (`planScheduleFields`).
    static func promiseFields(_ v: inout [String: String], _ context: LetterContext, payments thanks: PaymentsThanked, returned: ReturnsTold, trail: inout PaymentTrail) -> PromiseThanks? {
        let story = context.story, ledger = context.ledger, sheet = context.sheet, promise = context.promise,
            promiseNamed = context.promiseNamed
        func paidInvoices(_ p: Payment) -> [String] { trail.invoices(paidBy: p) }
        // The promise's sentence for when the one payment that arrived towards it is thanked
        // for where the plan's sentence, above it, says what it made up: it refers to it there,
        // so the payment is thanked for once (with that payment).
        var promiseThankedAbove: (payment: Int, sentence: String)?
        if let p = promise {
            let cur = p.currency
            v["promise.status"] = p.state.rawValue
            v["promise.date"] = p.note.date.longDescription
            v["promise.by"] = p.promise.by.longDescription
            v["promise.amount"] = p.promise.minor.map { Money(minor: $0, currency: cur).description } ?? ""
            v["promise.received"] = Money(minor: p.receivedToDate, currency: cur).description
            let what = p.promise.minor.map { "a payment of \(Money(minor: $0, currency: cur))" } ?? "payment"
            // A promise passed on to us (a note for the file) is not the client's word to quote.
            let told = p.note.isContact ? "On \(p.note.date.longDescription) \(whoSaid(p.note, in: story, files: ledger.files)) told us to expect \(what) by \(p.promise.by.longDescription)." : "We had expected \(what) by \(p.promise.by.longDescription)."
            // Money that came by the day but went to work the promise was not about (invoiced
            // since, or not yet due when it was made): the client may take it for the promised
            // payment, so the letter says where it went.
            let thanked = Set(thanks.since.map(\.order))
            let after = p.note.date.longDescription
            let elsewhere = story.payments.filter { q in
                PromiseOutcome.came(q, after: p.note) && q.date <= p.promise.lastDay && q.currency == cur && !thanked.contains(q.order)
            }.compactMap { q -> String? in
                let other = PromiseOutcome.towardsOtherWork(q, p.scope, ledger: ledger)
                guard other > 0 else { return nil }
                let to = paidInvoices(q).filter { n in ledger.invoiceIndex[n].map { !p.scope.contains($0, ledger: ledger) } ?? false }
                let issuedSince = to.allSatisfy { n in ledger.invoiceIndex[n].map { ledger.invoices[$0].issued > p.note.date } ?? false }
                let which = invoicePhrase(to) + (issuedSince ? ", issued after \(after)" : "")
                if other == q.minor {
                    let how = to.allSatisfy { Self.settled($0, by: q, ledger: ledger, sheet: sheet) } ? "which settled" : "which went towards"
                    return " Thank you for your payment of \(Money(minor: q.minor, currency: q.currency)) on \(q.date.longDescription), \(how) \(which); it does not go towards what is asked for here."
                }
                return " Of your payment of \(Money(minor: q.minor, currency: q.currency)) on \(q.date.longDescription), \(Money(minor: other, currency: q.currency)) went to \(which), so only the rest counts towards it."
            }.joined()
            // The one payment that brought what has arrived of it, if one did.
            let arrived = story.payments.filter { q in
                PromiseOutcome.came(q, after: p.note) && q.currency == cur && PromiseOutcome.towardsPromise(q, p.scope, ledger: ledger) > 0
            }
            let arrivedAlone = arrived.count == 1 && p.receivedToDate > 0 ? arrived[0].order : nil
            // An invoice the money that arrived settled is gone from the table: the thanks say
            // so, as a payment's thanks do (`payments.received`).
            func settling(_ payments: [Payment]) -> String {
                var numbers: [String] = []
                for q in payments {
                    for n in paidInvoices(q) where !numbers.contains(n) && Self.settled(n, by: q, ledger: ledger, sheet: sheet)
                        && (ledger.invoiceIndex[n].map { p.scope.contains($0, ledger: ledger) } ?? false) {
                        numbers.append(n)
                    }
                }
                return numbers.isEmpty ? "" : " (which settled \(invoicePhrase(numbers)))"
            }
            let onTime = arrived.filter { $0.date <= p.promise.lastDay }, afterDay = arrived.filter { $0.date > p.promise.lastDay }
            // Named only while the money is still short: what arrived late counts, so the
            // sentence stays true on the day it is sent.
            if promiseNamed {
                if p.receivedToDate == 0 {
                    let bounced = returnedTowards(p, story: story, ledger: ledger)
                    // The client did pay by the day, and the money came back (3.6): "it has not
                    // reached us" would say they never sent it. Told of in `payment.returned`
                    // above, it is referred to there rather than told again.
                    let toldAbove = !bounced.isEmpty && bounced.allSatisfy { returned.payments.contains($0.order) }
                    let what = bounced.isEmpty ? " It has not reached us."
                        : toldAbove ? (bounced.count == 1 ? "; that is the payment that was returned." : "; those are the payments that were returned.")
                        : "; the \(bounced.count == 1 ? "payment" : "payments") you made on \(list(bounced.map(\.date.longDescription))) \(bounced.count == 1 ? "was" : "were") returned unpaid."
                    v["promise.broken"] = (bounced.isEmpty ? told : String(told.dropLast())) + what + elsewhere
                } else if p.received == 0 {
                    // Nothing by the day, something since: both are true, and both are said.
                    let rest = p.shortfall.map { " The remaining \(Money(minor: $0, currency: cur)) has not reached us." } ?? ""
                    v["promise.broken"] = told + " Nothing had reached us by then; thank you for the \(Money(minor: p.receivedToDate, currency: cur)) that has arrived since\(settling(arrived))." + rest + elsewhere
                    promiseThankedAbove = arrivedAlone.map { ($0, told + " Nothing had reached us by then; the \(Money(minor: p.receivedToDate, currency: cur)) above has arrived since." + rest + elsewhere) }
                } else {
                    let rest = p.shortfall.map { "the remaining \(Money(minor: $0, currency: cur)) has not reached us" } ?? "the rest has not reached us"
                    // Part by the day and more after it: each said as it came, so the sum that
                    // was on time is not made to look larger than it was.
                    let late = p.receivedToDate - p.received
                    v["promise.broken"] = told + (late > 0
                        ? " Thank you for the \(Money(minor: p.received, currency: cur)) that reached us by then\(settling(onTime)), and the \(Money(minor: late, currency: cur)) that has arrived since\(settling(afterDay)); \(rest)."
                        : " Thank you for the \(Money(minor: p.receivedToDate, currency: cur)) that has arrived towards it\(settling(arrived)); \(rest).") + elsewhere
                    if late == 0 {
                        promiseThankedAbove = arrivedAlone.map { ($0, told + " The \(Money(minor: p.receivedToDate, currency: cur)) above has arrived towards it; \(rest)." + elsewhere) }
                    }
                }
            } else if context.stage != .followUp, let recalled = promiseShortAfterPayment(context) {
                // Named by an earlier letter, and money towards it thanked for in this one: a
                // final notice or a reminder recalls it where a broken promise stands in it (a
                // follow-up, in the note that counts its letters, `follow-up.note`).
                v["promise.broken"] = recalled
            }
        }
        return promiseThankedAbove
    }

    /// The client's payments towards the promise, made from its note to its day, that came back
    /// unpaid by the letter's date, in the order written.
    static func returnedTowards(_ p: PromiseOutcome, story: ClientStory, ledger: Ledger) -> [Payment] {
        returnedBack(p, story: story, ledger: ledger).map(\.payment)
    }

    /// `returnedTowards`, each with the day it came back.
    static func returnedBack(_ p: PromiseOutcome, story: ClientStory, ledger: Ledger) -> [(payment: Payment, back: Day)] {
        story.returned.compactMap { r in
            guard let q = r.paid else { return nil }
            let inTime = PromiseOutcome.came(q, after: p.note) && q.date <= p.promise.lastDay && q.currency == p.currency
            return inTime && PromiseOutcome.towardsPromise(q, p.scope, ledger: ledger) > 0 ? (payment: q, back: r.date) : nil
        }
    }

    /// What came of a promise nothing has arrived towards when the payment made for it came
    /// back (3.6), for the agenda and a letter's reason: "the payment made on 2026-02-18 was
    /// returned unpaid"; nil when none did, and the money has simply not arrived.
    static func returnedWords(_ p: PromiseOutcome, story: ClientStory, ledger: Ledger) -> String? {
        guard p.receivedToDate == 0 else { return nil }
        let bounced = returnedTowards(p, story: story, ledger: ledger)
        guard !bounced.isEmpty else { return nil }
        return "the \(bounced.count == 1 ? "payment" : "payments") made on \(list(bounced.map(\.date.description))) \(bounced.count == 1 ? "was" : "were") returned unpaid"
    }

    /// `promise.kept`: a thank-you for a promise kept.
    static func promiseKeptField(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, story = context.story, ledger = context.ledger, sheet = context.sheet,
            asOf = context.asOf, last = context.last
        // Settled as promised: the thank-you says so.
        if stage == .thanks, let pn = story.promise(standingAfter: last), let p = pn.promise {
            let outcome = PromiseOutcome(note: pn, promise: p, payments: story.payments, asOf: asOf, ledger: ledger, owing: (story, sheet))
            // Only the client's own word is thanked for keeping: a promise passed on to us (a
            // note for the file) was not given by them.
            if outcome.isMet && pn.isContact {
                v["promise.status"] = PromiseOutcome.State.kept.rawValue
                v["promise.kept"] = ", and for keeping to the date \(whoSaid(pn, in: story, files: ledger.files)) gave us"
            }
        }
    }

    /// A promise still short that an earlier letter named (`promise.broken`), recalled in one
    /// sentence by a later one that counts its letters: what was promised, by when, and what
    /// came of it. Not the client's word when it was passed on to us (a note for the file).
    /// `returned`: the payments made for it that came back (`returnedTowards`): the client did
    /// pay, so it is not said that nothing reached us.
    static func promiseRecalled(_ p: PromiseOutcome, returned: [Payment], story: ClientStory, files: [SourceFile]) -> String {
        let cur = p.currency, by = p.promise.by.longDescription
        let promised = p.promise.minor.map { Money(minor: $0, currency: cur).description }
        let what = p.note.isContact
            ? "\(promised.map { "the \($0)" } ?? "the payment") \(whoSaid(p.note, in: story, files: files)) told us on \(p.note.date.longDescription) to expect by \(by)"
            : "\(promised.map { "the \($0)" } ?? "the payment") we had expected by \(by)"
        if p.receivedToDate == 0 && !returned.isEmpty {
            let one = returned.count == 1
            return "The \(one ? "payment" : "payments") you made on \(list(returned.map(\.date.longDescription))) towards \(what) \(one ? "was" : "were") returned unpaid."
        }
        guard p.receivedToDate > 0, let short = p.shortfall else { return what.prefix(1).uppercased() + what.dropFirst() + " has not reached us." }
        return "Of \(what), \(Money(minor: p.receivedToDate, currency: cur)) has arrived; the remaining \(Money(minor: short, currency: cur)) has not."
    }

    /// Who gave the client's word in note `n` (a promise to pay), as a letter to the client's
    /// contact now names them: the person the note was `with` when our letters went to them
    /// before (a `to` line names them, 3.11) and they are not who letters go to now (by name,
    /// part of it, or the greeting); else `you`. After a change of contact the new one is not
    /// told of what the old one said as if they had said it: "On 27 May 2026 Ben Carter told us
    /// to expect …", as a letter cited names whom it went to (`sentTo`). A name known only from
    /// the note (someone else at the client's) stays private: their word is the client's.
    static func whoSaid(_ n: ClientNote, in story: ClientStory, files: [SourceFile]) -> String {
        guard let with = n.with else { return "you" }
        func words(_ s: some StringProtocol) -> [String] {
            s.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        }
        // A note with several people ("Ben Carter and Rachel Hollis") was the contact's word
        // too when they were one of them.
        var people: [[String]] = []
        for part in with.split(whereSeparator: { $0 == "," || $0 == "&" || $0 == "/" }) {
            people.append([])
            for w in words(part) {
                if w == "and" { people.append([]) } else { people[people.count - 1].append(w) }
            }
        }
        people.removeAll { $0.isEmpty }
        let client = story.client
        let reader = Set(words(client.contact ?? client.name)), greeting = client.greeting.map { words($0) }
        guard people.count == 1, !people.contains(where: { $0.allSatisfy(reader.contains) || $0 == greeting }) else { return "you" }
        // The names our letters went to, as their `to` lines give them (`Ben Carter <…>`).
        for l in story.letters.reversed() {
            guard let to = EntrySource.values([.to], of: l.anchor, in: files)[0] else { continue }
            for recipient in to.split(separator: ",") {
                let name = recipient.split(separator: "<", maxSplits: 1).first ?? recipient
                if !name.contains("@"), words(name) == people[0] {
                    var written = name[...]
                    while written.first == " " { written = written.dropFirst() }
                    while written.last == " " { written = written.dropLast() }
                    return String(written)
                }
            }
        }
        return "you"
    }
}
