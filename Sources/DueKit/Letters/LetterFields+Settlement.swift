/// What a thank-you said of a formal demand's claim (`LetterFields.settlementFields`), which
/// the sentence about money held on account must agree with.
struct ClaimInThanks {
    /// What a demand claimed and the ledger does not record as paid, named by the demand that
    /// set it out; never said to be owed (7.3).
    let owed: String?
    /// What of the money held on account meets the demand's claim, per currency.
    let met: CurrencySums
    /// The claim as it stood, when held money does not meet all of it.
    let short: [(Currency, Int64)]
}

extension LetterFields {
    /// A thank-you's `settlement`, `thanks.close` and `feedback.ask`. Returns what it said of a
    /// formal demand's claim, which the sentence about money held on account must agree with.
    static func settlementFields(_ v: inout [String: String], _ context: LetterContext, queriesSettled: Bool, trail: inout PaymentTrail) -> ClaimInThanks {
        let stage = context.stage, story = context.story, ledger = context.ledger, sheet = context.sheet,
            asOf = context.asOf, client = context.client, last = context.last
        func paidInvoices(_ p: Payment) -> [String] { trail.invoices(paidBy: p) }
        // What a demand claimed and the ledger does not record as paid, in a thank-you, named
        // by the demand that set it out; never said to be owed (7.3).
        var claimOwed: String?
        // What of the money held on account meets the demand's claim, per currency; and the
        // claim as it stood, when held money does not meet all of it.
        var claimMet = CurrencySums()
        var claimShort: [(Currency, Int64)] = []
        // Claims an earlier thank-you told the client were covered by money of theirs held on
        // account, not recorded since: that money is not theirs to have back, as that letter
        // said, and the claim is not raised again (`LateClaim.stands`).
        let toldCovered = LateClaim.toRecord(story, ledger: ledger, sheet: sheet, anyAge: true)
        for r in toldCovered where r.spent.isEmpty { for (cur, m) in r.held { claimMet.add(m, in: cur) } }
        if stage == .thanks {
            // After a formal demand that claimed interest or compensation, paying the invoices
            // did not pay the claim: the letter does not call the account settled without a word
            // on it, and neither asks how the work went nor says it was good working together.
            let start = story.issued.map { ledger.invoices[$0].issued }.min() ?? asOf
            // This episode's demand: one sent since the oldest invoice our last letter named was issued.
            let namedSince = last.map { l in l.invoices.compactMap { ledger.invoiceIndex[$0] }.map { ledger.invoices[$0].issued }.min() ?? l.date } ?? asOf
            let demanded = story.letters.last { $0.stage == .demand && $0.date >= namedSince }.flatMap { d in toldCovered.contains { $0.demand.order == d.order } ? nil : d }
            func claim(of d: LetterSent) -> String? { LateClaim.made(by: d, ledger: ledger)?.what }
            let claimed = demanded.flatMap(claim(of:))
            // A claim of an earlier demand is not paid by paying later invoices either: until the
            // ledger records it paid (an invoice of that sum, paid) or let go (written off
            // `waived`), no thank-you calls the account settled after it. Once it does, the claim
            // is behind us: not offered against, nor said to be uncovered.
            let claimant = claimed != nil ? demanded
                : story.letters.last { $0.stage == .demand && LateClaim.stands(by: $0, story: story, ledger: ledger, sheet: sheet) }
            // A query settled with the client about an invoice this payment pays earns its warm
            // word after payment too, though a letter between told of the settling: that letter
            // asked for the money, this one thanks for it.
            let paidNow = Set(story.payments(after: last).flatMap(paidInvoices))
            let queryPaid = story.contacts.contains { n in n.resolutions.contains { paidNow.contains($0.invoice) } }
            v["settlement"] = settlement(story, last: last, paid: story.payments(after: last), credits: story.credits.filter { c in last.map { (c.date, c.order) > ($0.date, $0.order) } ?? true },
                                         describe: paidInvoices, resolved: queriesSettled || queryPaid, kept: v["promise.kept"] ?? "", claimOpen: claimant != nil, ledger: ledger, sheet: sheet)
            claimOwed = claimant.map { d in "\(claim(of: d) ?? "interest and compensation") set out in my demand of \(d.date.longDescription)" }
            if let d = demanded, let what = claimed {
                // The ledger holds no entry for the claim: money beyond the invoices stays on
                // account. When what is held meets the claim as the demand stated it, the client
                // paid what was asked, and is thanked for it; else what is still owed is said
                // plainly, with its figure, and no letter nothing will prompt is promised.
                let these = story.payments(after: last).count > 1 ? "these payments" : "this payment"
                var held = CurrencySums()
                for (c, m) in sheet.heldOnAccount(by: client.id) { held.add(m, in: c) }
                if let made = LateClaim.asMade(by: d, story: story, ledger: ledger, sheet: sheet) {
                    // Currency by currency: money held in one meets no claim in another. A claim
                    // recorded as an invoice and paid is met, and nothing of it is held.
                    let split = made.met(client: client.id, issued: story.issued, since: d.date, ledger: ledger, sheet: sheet)
                    let met = split.recorded + split.held, short = split.short
                    func amounts(_ t: [(Currency, Int64)]) -> String { list(t.map { Money(minor: $0.1, currency: $0.0).description }) }
                    for (cur, m) in split.held { claimMet.add(m, in: cur) }
                    // A credit note since the demand lowered its claim (what it took off bears
                    // none, 7.3): the figure the demand stated, and why it is lower now, so no
                    // figure is said to be what the demand set out that it did not.
                    let claimedOn = Set(made.lines.map(\.number))
                    let since = story.credits.filter { c in c.date > d.date && invoicesPaid(by: c, ledger: ledger, sheet: sheet).contains(where: claimedOn.contains) }
                    var lowered: String?
                    if let stated = made.stated, !since.isEmpty {
                        let numbers = since.compactMap { $0.notes(in: ledger.files).number }
                        let notes = numbers.count == since.count ? (numbers.count == 1 ? "credit note " : "credit notes ") + list(numbers) : since.count == 1 ? "our credit note" : "our credit notes"
                        let reduced = Set(since.flatMap { invoicesPaid(by: $0, ledger: ledger, sheet: sheet) }).intersection(claimedOn).sorted()
                        lowered = " My demand of \(d.date.longDescription) set out \(amounts(stated)) of \(what); as \(notes) has since reduced \(invoicePhrase(reduced)), and nothing is claimed on what a credit note takes off, that comes to \(amounts(made.totals)) now"
                    }
                    let cover = these == "this payment" ? "covers" : "cover"
                    if !met.isEmpty {
                        if let lowered {
                            v["settlement"] = (v["settlement"] ?? "") + lowered + (short.isEmpty ? ", which \(these) also \(cover)." : ", of which \(these) also \(cover) \(amounts(met)).")
                        } else {
                            v["settlement"] = (v["settlement"] ?? "") + " \(these.prefix(1).uppercased() + these.dropFirst()) also \(cover) the \(amounts(met)) of \(what) set out in my demand of \(d.date.longDescription)."
                        }
                    }
                    if short.isEmpty {
                        claimOwed = nil
                    } else {
                        claimOwed = "\(amounts(short)) of \(what)"
                        claimShort = short
                        // "Not fully" when money held may go towards it (offered below).
                        let towards = short.contains { held[$0.0] > 0 }
                        let rest: String
                        if met.isEmpty, let lowered {
                            v["settlement"] = (v["settlement"] ?? "") + lowered + "."
                            rest = "It"
                        } else {
                            rest = met.isEmpty ? "The \(amounts(short)) of \(what) set out in my demand of \(d.date.longDescription)" : "The \(amounts(short)) of it"
                        }
                        // Not said to be owed: whether to pursue it or let it go is the user's
                        // to decide (the agenda asks), and the letter does not decide it for them.
                        v["settlement"] = (v["settlement"] ?? "") + " \(rest) \(short.count > 1 && rest != "It" ? "are" : "is") \(towards ? "not fully" : "not") covered by \(these)."
                    }
                } else {
                    let one = what == "compensation" || what == "interest"
                    v["settlement"] = (v["settlement"] ?? "") + " The \(what) set out in my demand of \(d.date.longDescription) \(one ? "is" : "are") not covered by \(these)."
                }
            } else {
                v["thanks.close"] = "It has been good working with you."
                // They told us how the work went already: do not ask again.
                if !story.notes.contains(where: { $0.feedback != nil && $0.date >= start }) {
                    v["feedback.ask"] = "If you have a moment, I would welcome a line on how the work went for you and anything we could do better next time."
                }
            }
        }
        return ClaimInThanks(owed: claimOwed, met: claimMet, short: claimShort)
    }
}
