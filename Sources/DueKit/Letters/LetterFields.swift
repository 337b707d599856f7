/// The values a template's placeholders take for one letter. Every name here is documented in
/// grammar.md §7.4; a template naming anything else is an error (E501).
public enum LetterFields {
    public static let names: [String] = [
        "date", "reply.by", "stage", "reason",
        "sender.name", "sender.contact", "sender.email", "sender.phone", "sender.address",
        "sender.bank", "sender.website", "sender.tax-id", "sender.block", "signature",
        "client.id", "client.name", "client.contact", "client.salutation", "client.email",
        "client.address", "client.block",
        "invoices.table", "invoices.list", "invoices.phrase", "invoices.count", "total", "total.open", "days.overdue",
        "on.hold", "last.contact", "last.letter", "promise.broken", "follow-up.note",
        "methods", "bank", "plan.table", "plan.next", "dispute.list",
        "claim.terms", "claim.table", "claim.total", "history",
    ]

    public static func values(stage: LetterStage, choice: StageChoice, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> [String: String] {
        let asOf = story.asOf
        let client = story.client
        let sender = ledger.sender
        let s = ledger.settings
        var v: [String: String] = [:]
        v["date"] = asOf.longDescription
        v["reply.by"] = asOf.adding(days: s.replyDays).longDescription
        v["stage"] = stage.title
        v["reason"] = choice.reason

        v["sender.name"] = sender?.name ?? ""
        v["sender.contact"] = sender?.contact ?? ""
        v["sender.email"] = sender?.email ?? ""
        v["sender.phone"] = sender?.phone ?? ""
        v["sender.address"] = sender?.address.joined(separator: "\n") ?? ""
        v["sender.bank"] = sender?.bank ?? ""
        v["sender.website"] = sender?.website ?? ""
        v["sender.tax-id"] = sender?.taxID ?? ""
        if let sender {
            var block = [sender.name] + sender.address
            let reach = [sender.email, sender.phone].compactMap { $0 }
            if !reach.isEmpty { block.append(reach.joined(separator: " · ")) }
            v["sender.block"] = block.joined(separator: "\n")
            var sig = [sender.contact, sender.name].compactMap { $0 }
            if !reach.isEmpty { sig.append(reach.joined(separator: " · ")) }
            v["signature"] = sig.joined(separator: "\n")
        }

        v["client.id"] = client.id
        v["client.name"] = client.name
        v["client.contact"] = client.contact ?? ""
        v["client.salutation"] = client.salutation
        v["client.email"] = client.email ?? ""
        v["client.address"] = client.address.joined(separator: "\n")
        v["client.block"] = ([client.name] + (client.contact.map { ["For the attention of \($0)"] } ?? []) + client.address).joined(separator: "\n")

        let open = story.open
        let chased = choice.chased.isEmpty ? open : choice.chased
        let disputed = Set(story.openDisputes.keys)
        let plan = PlanProgress.active(story, ledger: ledger, sheet: sheet)
        let planned = Set(plan?.covered ?? [])
        v["invoices.table"] = table(open, ledger: ledger, sheet: sheet, asOf: asOf, disputed: disputed, planned: planned, chased: Set(chased), stage: stage)
        v["invoices.list"] = list(chased.map { ledger.invoices[$0].number })
        v["invoices.count"] = String(chased.count)
        v["invoices.phrase"] = (chased.count == 1 ? "invoice " : "invoices ") + list(chased.map { ledger.invoices[$0].number })
        v["total"] = totals(chased, ledger: ledger, sheet: sheet)
        v["total.open"] = totals(open, ledger: ledger, sheet: sheet)
        v["days.overdue"] = String(max(0, chased.map { asOf.days(since: ledger.invoices[$0].due) }.max() ?? 0))

        let onHold = open.filter { !chased.contains($0) }
        if !onHold.isEmpty && stage != .statement && stage != .dispute {
            let held = onHold.map { ledger.invoices[$0].number }
            let why = onHold.allSatisfy({ disputed.contains(ledger.invoices[$0].number) }) ? "while we settle your query about \(held.count == 1 ? "it" : "them")"
                : onHold.allSatisfy({ planned.contains($0) }) ? "as \(held.count == 1 ? "it is" : "they are") covered by our payment plan"
                : "for now"
            v["on.hold"] = "The table also lists \(held.count == 1 ? "invoice" : "invoices") \(list(held)) for completeness; we are not asking for \(held.count == 1 ? "it" : "them") here, \(why)."
        }

        if let n = story.notes.last { v["last.contact"] = lastContact(n) }
        if let l = story.lastLetter { v["last.letter"] = "We last wrote to you on \(l.date.longDescription) (\(l.stage.title)\(l.invoices.isEmpty ? "" : ", about \(list(l.invoices))"))." }
        if let pn = choice.brokenPromise, let p = pn.promise {
            let cur = chased.first.map { ledger.invoices[$0].currency } ?? Currency("XXX")
            let what = p.minor.map { "payment of \(Money(minor: $0, currency: cur))" } ?? "payment"
            v["promise.broken"] = "On \(pn.date.longDescription) you told us to expect \(what) by \(p.by.longDescription). It has not reached us yet."
        }
        if stage == .followUp {
            let n = story.letters.filter { $0.stage == .followUp && $0.invoices.contains(where: Set(chased.map { ledger.invoices[$0].number }).contains) }.count + 1
            let ordinals = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
            let nth = n < ordinals.count ? ordinals[n] : "\(n)th"
            switch n {
            case 1: v["follow-up.note"] = ""
            case 2: v["follow-up.note"] = "This is my second follow-up, so I would be grateful for a reply this time, even a short one."
            default: v["follow-up.note"] = "This is my \(nth) follow-up about the same amount, so I need a payment date from you within the next few days."
            }
        }

        var methods = client.methods
        if methods.isEmpty, sender?.bank != nil { methods = ["bank transfer"] }
        if !methods.isEmpty { v["methods"] = "You can pay by \(list(methods, or: true))." }
        if let bank = sender?.bank { v["bank"] = "Our bank details: \(bank). Please quote \(chased.count == 1 ? "the invoice number" : "the invoice numbers") as the reference." }

        if let plan {
            var rows = ["| Instalment | Date | Amount | Status |", "| ---: | --- | ---: | --- |"]
            // Int128: the checker holds the instalments to the plan's amount (E407), but a
            // letter must not trap on a ledger that was not checked.
            var running: Int128 = 0
            for (k, i) in plan.plan.instalments.enumerated() {
                running += Int128(i.minor)
                let status = running <= Int128(plan.paid) ? "paid" : (i.date < asOf ? "not received" : "to come")
                rows.append("| \(k + 1) | \(i.date.longDescription) | \(Money(minor: i.minor, currency: plan.plan.currency)) | \(status) |")
            }
            v["plan.table"] = rows.joined(separator: "\n")
            if let next = plan.next {
                let amount = Money(minor: plan.nextShortfall, currency: plan.plan.currency)
                v["plan.next"] = next.instalment.date < asOf
                    ? "The instalment of \(amount) that was due on \(next.instalment.date.longDescription) has not reached us yet."
                    : "The next instalment, \(amount), falls due on \(next.instalment.date.longDescription)."
            }
        }
        let disputes = story.openDisputes.sorted { $0.key < $1.key }
        if !disputes.isEmpty {
            v["dispute.list"] = disputes.map { number, note in
                let text = note.disputes.last { $0.invoice == number }?.text
                return "- Invoice \(number), raised on \(note.date.longDescription)" + (text.map { ": \($0)" } ?? "")
            }.joined(separator: "\n")
        }

        if stage == .demand {
            // The checker reports a claim too large to count (E309) before any letter is
            // written; a caller that skipped it gets a sentence rather than a wrong figure.
            let claim: LateClaim
            do { claim = try LateClaim(invoices: chased, ledger: ledger, sheet: sheet) } catch {
                claim = .empty
                v["claim.terms"] = "The interest and compensation our terms provide for on invoice \(ledger.invoices[error.invoice].number) are more than can be counted here; we will state them separately."
            }
            if !claim.isEmpty {
                var terms: [String] = []
                let rates = Set(claim.lines.compactMap { $0.rate?.description })
                if !rates.isEmpty { terms.append("simple interest at \(rates.sorted().map { $0 + "%" }.joined(separator: " or ")) a year from the due date") }
                if claim.lines.contains(where: { $0.compensation > 0 }) { terms.append("a fixed sum for each late invoice to cover the cost of recovering it") }
                v["claim.terms"] = "Our terms provide for late payment to carry \(terms.joined(separator: ", and ")). Counted to \(asOf.longDescription), this comes to:"
                var rows = ["| Invoice | Open | Due | Days late | Interest | Compensation |", "| --- | ---: | --- | ---: | ---: | ---: |"]
                for l in claim.lines {
                    let interest = l.rate.map { "\(Money(minor: l.interest, currency: l.currency).formatted) (\($0)%)" } ?? "—"
                    rows.append("| \(l.number) | \(Money(minor: l.open, currency: l.currency).formatted) | \(l.due.longDescription) | \(l.days) | \(interest) | \(Money(minor: l.compensation, currency: l.currency).formatted) |")
                }
                v["claim.table"] = rows.joined(separator: "\n")
                var owed: [Currency: Int64] = [:]
                for i in chased { owed[ledger.invoices[i].currency, default: 0] += sheet.invoices[i].open }
                v["claim.total"] = claim.totals.map { cur, extra in
                    "Interest and compensation: \(Money(minor: extra, currency: cur)). With the \(Money(minor: owed[cur] ?? 0, currency: cur)) open, the amount now claimed is \(Money(minor: extra + (owed[cur] ?? 0), currency: cur))."
                }.joined(separator: "\n")
            }
            v["history"] = history(story, since: chased.map { ledger.invoices[$0].due }.min() ?? asOf)
        }
        return v
    }

    /// A reference to the last conversation. What the note says stays in the ledger: it is the
    /// user's own record, often in the third person or blunt, and not written to be sent.
    static func lastContact(_ n: ClientNote) -> String {
        let when = n.date.longDescription
        switch n.channel {
        case .call: return "Thank you for taking the time to talk on \(when)."
        case .email: return "Thank you for your email of \(when)."
        case .meeting: return "Thank you for meeting on \(when)."
        case .letter: return "Thank you for your letter of \(when)."
        case .chat: return "Thank you for the chat on \(when)."
        case .other: return "Thank you for being in touch on \(when)."
        }
    }

    /// A Markdown table of the open invoices, with a total per currency.
    static func table(_ invoices: [Int], ledger: Ledger, sheet: BalanceSheet, asOf: Day, disputed: Set<String>, planned: Set<Int>, chased: Set<Int>, stage: LetterStage) -> String {
        guard !invoices.isEmpty else { return "" }
        var sums: [Currency: Int64] = [:]
        for i in invoices { sums[ledger.invoices[i].currency, default: 0] += sheet.invoices[i].open }
        let showCode = sums.count > 1
        // A row per open invoice, appended to one buffer; amounts as `Money` writes them.
        var out = ByteText(capacity: 128 * (invoices.count + 3))
        func money(_ m: Int64, _ c: Currency) {
            out.money(m, precision: c.precision)
            if showCode {
                out.byte(0x20)
                out.append(c.code)
            }
        }
        out.append("| Invoice | Date | For | Amount | Paid | Open | Days past due |\n| --- | --- | --- | ---: | ---: | ---: | ---: |")
        for i in invoices {
            let number = ledger.invoices[i].number, due = ledger.invoices[i].due, cur = ledger.invoices[i].currency
            let b = sheet.invoices[i]
            let late = asOf.days(since: due)
            out.append("\n| ")
            out.append(number)
            out.append(" | ")
            out.append(ledger.invoices[i].issued.longDescription)
            out.append(" | ")
            out.append(ledger.invoices[i].summary)
            if disputed.contains(number) { out.append(" (disputed, on hold)") } else if planned.contains(i) { out.append(" (in the payment plan)") }
            out.append(" | ")
            money(b.total, cur)
            out.append(" | ")
            money(b.total - b.open, cur)
            out.append(" | ")
            money(b.open, cur)
            out.append(" | ")
            if late > 0 { out.int(late) } else if late == 0 { out.append("due today") } else { out.append("due \(due.longDescription)") }
            out.append(" |")
        }
        for cur in sums.keys.sorted() {
            out.append("\n| **Total open** | | | | | **\(Money(minor: sums[cur]!, currency: cur))** | |")
        }
        return out.string
    }

    static func totals(_ invoices: [Int], ledger: Ledger, sheet: BalanceSheet) -> String {
        var t: [Currency: Int64] = [:]
        for i in invoices { t[ledger.invoices[i].currency, default: 0] += sheet.invoices[i].open }
        return list(t.sorted { $0.key < $1.key }.map { Money(minor: $0.value, currency: $0.key).description })
    }

    /// Letters and notes since `since`, one bullet each, oldest first.
    static func history(_ story: ClientStory, since: Day) -> String {
        var items: [(Day, Int, String)] = []
        for l in story.letters where l.date >= since {
            items.append((l.date, l.order, "- \(l.date.longDescription): our \(l.stage.title)" + (l.invoices.isEmpty ? "" : " about \(list(l.invoices))") + (l.channel.map { " (\($0))" } ?? "")))
        }
        for n in story.notes where n.date >= since {
            var line = "- \(n.date.longDescription): \(n.channel.rawValue)" + (n.with.map { " with \($0)" } ?? "") + ": \(n.gist)"
            if let p = n.promise { line += " (promised payment by \(p.by.longDescription))" }
            items.append((n.date, n.order, line))
        }
        for p in story.payments where p.date >= since {
            items.append((p.date, p.order, "- \(p.date.longDescription): payment of \(Money(minor: p.minor, currency: p.currency)) received"))
        }
        return items.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2).joined(separator: "\n")
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String], or: Bool = false) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + items.last!
        }
    }
}
