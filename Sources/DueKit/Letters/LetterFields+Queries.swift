extension LetterFields {
    /// `dispute.resolved`, and the thanks in `last.contact`, for queries the client settled with
    /// us. Returns whether there were any, which a thank-you's `settlement` reads.
    static func settledQueryFields(_ v: inout [String: String], _ context: LetterContext) -> Bool {
        let stage = context.stage, story = context.story, ledger = context.ledger, chased = context.chased,
            last = context.last, workStart = context.workStart
        // Only queries the client settled with us: a resolution in a note for the file (an
        // import's mark of an invoice paid) is never named. With no letter yet, only those of
        // the work still open: an old settled query is not news.
        let resolvedBy = story.notes(after: last).filter { n in n.isContact && (last != nil || workStart.map { n.date >= $0 } ?? false) && !n.resolutions.isEmpty }
        let resolved = resolvedBy.flatMap { n in n.resolutions.map { ($0.invoice, n.date) } }
        if !resolved.isEmpty {
            func queries(_ numbers: [String]) -> String {
                numbers.count == 1 ? "your query about invoice \(numbers[0])" : "your queries about invoices \(list(numbers))"
            }
            // The message that settled it is thanked for once, with the settling; a query
            // settled in an earlier message is not credited to the last one.
            if stage == .thanks {
                // A thank-you says it once, in its settlement (`settlement`).
            } else if let n = story.contacts.last, !n.resolutions.isEmpty, let thanks = v["last.contact"], thanks.hasPrefix("Thank you for "), thanks.hasSuffix("."), stage != .planOffer {
                let here = n.resolutions.map(\.invoice)
                v["last.contact"] = String(thanks.dropLast()) + " and for working through \(queries(here)) with us."
                // Each earlier message thanked for the queries it settled.
                let earlier = resolvedBy.filter { $0 != n }.map { e -> String in
                    let numbers = e.resolutions.map(\.invoice).filter { !here.contains($0) }
                    // "Thank you for your email of …." becomes "Thank you too for your email of … and …".
                    let thanks = lastContact(e, stage: stage).dropFirst("Thank you for ".count).dropLast()
                    return numbers.isEmpty ? "" : "Thank you too for \(thanks) and for working through \(queries(numbers)) with us."
                }.filter { !$0.isEmpty }
                if !earlier.isEmpty { v["dispute.resolved"] = earlier.joined(separator: " ") }
            } else {
                v["dispute.resolved"] = "I am glad we were able to settle \(queries(resolved.map(\.0))) together."
            }
            // After a settled query, what is left is stated, not "still" owed for so many days.
            if stage == .followUp, let l = last {
                let settledNumbers = Set(resolved.map(\.0))
                let concerned = chased.filter { settledNumbers.contains(ledger.invoices[$0].number) }
                if !concerned.isEmpty && concerned.count == chased.count {
                    v["again"] = "Since my letter of \(context.dated(l)) we have settled \(Set(resolved.map(\.0)).count == 1 ? "your query" : "your queries"), and \(v["invoices.phrase"] ?? "") now \(chased.count == 1 ? "shows" : "show") \(v["total"] ?? "") to pay."
                    v["newly.due"] = nil
                }
            }
        }
        return !resolved.isEmpty
    }

    /// `dispute.resolved` for a query a note for the file marks resolved: the hold has ended.
    static func holdEndedField(_ v: inout [String: String], _ context: LetterContext, fresh freshSinceLast: [Int]) {
        let stage = context.stage, ledger = context.ledger, chased = context.chased
        // A query we acknowledged by letter and the user marked resolved in a note for the file:
        // the client was told the invoice was on hold, and is told the hold has ended before
        // it is asked for, without words put in their mouth about how it was settled.
        if v["dispute.resolved"] == nil && stage != .thanks && stage != .dispute {
            // One said newly due (`newly.due`) is said there.
            let held = chased.filter { !freshSinceLast.contains($0) }.compactMap { i in
                context.holdEndedByFile(ledger.invoices[i].number).map { (number: ledger.invoices[i].number, letter: $0) }
            }
            if !held.isEmpty {
                let letters = Set(held.map(\.letter)).sorted { ($0.date, $0.order) < ($1.date, $1.order) }
                let since = "since " + myLetters(letters, client: context.client, files: ledger.files)
                v["dispute.resolved"] = held.count == 1
                    ? "Invoice \(held[0].number), on hold \(since) while we looked into the query about it, is no longer on hold."
                    : "Invoices \(list(held.map(\.number))), on hold \(since) while we looked into the queries about them, are no longer on hold."
            }
        }
    }

    /// `dispute.list`, `dispute.opening`, `dispute.title` and `dispute.plan`.
    static func disputeFields(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, story = context.story, ledger = context.ledger, sheet = context.sheet,
            plan = context.plan, disputes = context.disputes
        // Disputes by invoice: when it was issued and when it was queried. The query's words are
        // the user's record of it and stay private.
        // A dispute marked in a note for the file (an import's mark, something heard elsewhere)
        // was not raised with us by the client on that date: its invoice is listed without a
        // date of query, and the letter thanks them only for what they told us.
        if !disputes.isEmpty {
            v["dispute.list"] = disputes.map { number, note in
                let queried = note.isContact ? ", which you queried on \(note.date.longDescription)" : ""
                guard let i = ledger.invoiceIndex[number] else { return "- Invoice \(number)" + (note.isContact ? ", queried on \(note.date.longDescription)" : "") }
                let inv = ledger.invoices[i]
                let summary = ledger.summary(of: inv)
                let what = summary.isEmpty ? "" : "\(summary), "
                return "- Invoice \(number) of \(inv.issued.longDescription) (\(what)\(Money(minor: sheet.invoices[i].owed, currency: inv.currency)) open, due \(inv.due.longDescription))\(queried)"
            }.joined(separator: "\n")
            // A query our last acknowledgement answered is not greeted as new: the opening is
            // about the new ones, and says the earlier ones stay on hold.
            let lastAck = story.letters.last { $0.stage == .dispute }
            let earlier = disputes.filter { _, note in lastAck.map { ($0.date, $0.order) > (note.date, note.order) } ?? false }
            let fresh = disputes.filter { number, _ in !earlier.contains { $0.key == number } }
            let named = !earlier.isEmpty && !fresh.isEmpty
            let one = fresh.count == 1
            let the = named ? (one ? "invoice " : "invoices ") + list(fresh.map(\.key)) : one ? "the invoice" : "the invoices"
            let it = one ? "it" : "them"
            var opening = fresh.contains { $0.value.isContact }
                ? "Thank you for telling me about your concern\(named ? " with " + the : ""). I have put \(named ? it : the) on hold while we look into \(it), and we will not chase \(it) until we have agreed what is fair."
                : "I understand you have a question about \(named ? the : the + " below"). I have put \(it) on hold while we look into \(it), and we will not chase \(it) until we have agreed what is fair."
            if named, let lastAck {
                let stay = earlier.count == 1 ? "Invoice \(earlier[0].key) stays" : "Invoices \(list(earlier.map(\.key))) stay"
                opening += " \(stay) on hold as well, as I wrote \(context.recipient(lastAck).map { $0 + " " } ?? "")on \(lastAck.date.longDescription)."
                // That acknowledgement is cited here; the letter does not cite it twice.
                if stage == .dispute, let l = story.lastLetter, (l.date, l.order) == (lastAck.date, lastAck.order) { v["last.letter"] = nil }
            }
            // A final notice about other work still open stands: the acknowledgement does not
            // leave the client thinking the whole account is on hold.
            if stage == .dispute, let f = story.letters.last(where: { $0.stage == .final }),
               !story.letters.contains(where: { $0.stage == .demand && ($0.date, $0.order) > (f.date, f.order) }) {
                let still = f.invoices.filter { n in
                    story.openDisputes[n] == nil && ledger.invoiceIndex[n].map { sheet.invoices[$0].open > 0 } == true
                }
                if !still.isEmpty {
                    opening += " My final notice of \(context.dated(f)) about \(still.count == 1 ? "invoice" : "invoices") \(list(Array(still))) still stands."
                    // Cited here, it is not cited again as the last letter.
                    if let l = story.lastLetter, (l.date, l.order) == (f.date, f.order) { v["last.letter"] = nil }
                }
            }
            v["dispute.opening"] = opening
            v["dispute.title"] = disputes.count == 1 ? "Your query about our invoice" : "Your queries about our invoices"
            // A client already on a plan is offered a change to it, not a plan.
            v["dispute.plan"] = plan == nil ? "a plan" : "a change to our payment plan"
        }
    }
}
