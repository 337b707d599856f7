import Foundation
import Testing
@testable import DueKit

/// Generated ledgers with the variety a real one has — several clients in GBP and EUR, part
/// payments, unallocated payments, credit notes, write-offs, missed early-payment discounts,
/// promises kept, partly kept and broken, disputes, hardship and plans, replies and notes for the
/// file — run through time: every few days the ladder is asked what to send, the letter is
/// rendered and checked, and recorded as sent. The checks are facts, not wording.
private struct LedgerMaker {
    var rng: SplitMix
    var text = ""
    /// Every private word written into a note; none may reach a letter.
    var secrets: [String] = []
    var secret = 0
    var creditNumber = 0
    let withEURBank: Bool

    init(seed: UInt64) {
        rng = SplitMix(seed: seed)
        withEURBank = seed % 4 != 0
    }

    mutating func privateText(_ kind: String) -> String {
        secret += 1
        let s = "Private \(kind) \(secret) zq\(rng.below(100_000))"
        secrets.append(s)
        return s
    }

    mutating func amount(_ lo: Int, _ hi: Int) -> Int64 { Int64(lo + rng.below(hi - lo)) * 100 + Int64(rng.below(100)) }

    static func money(_ m: Int64) -> String { MoneyFormat.format(m, precision: 2, grouping: false) }

    mutating func make() -> String {
        text = "settings\n  currency GBP\n  cadence 7 14\n\nsender Test Studio Ltd\n  contact Sam Lee\n  address 1 Mill Lane\n  address Leeds LS1 1AA\n  bank Sort code 11-22-33, account 12345678\n"
        if withEURBank { text += "  bank EUR IBAN GB11 TEST 1122 3312 3456 78, BIC TESTGB2L\n" }
        text += "\n"
        let clients = 3 + rng.below(4)
        for c in 0..<clients { client(c) }
        return text
    }

    mutating func client(_ c: Int) {
        let id = "c\(c)"
        let eur = rng.below(10) < 4
        let cur = eur ? "EUR" : "GBP"
        let terms = ["net 30", "net 14", "2/10 net 30"][rng.below(3)]
        text += "client \(id) Client \(c) Ltd\n  contact Pat \(c)\n  address \(c) High Street\n  address Town T\(c) 1AA\n  currency \(cur)\n  terms \(terms)\n  methods bank transfer, card\n"
        switch rng.below(4) {
        case 0: text += "  interest 11.75%\n  compensation statutory\n"
        case 1: text += "  compensation 40.00\n"
        default: break
        }
        text += "\n"
        let invoices = 2 + rng.below(4)
        var issued = Day.parse("2026-01-05")!.adding(days: rng.below(20))
        for k in 0..<invoices {
            let number = "\(id.uppercased())-\(k + 1)"
            let total = amount(200, 12_000)
            text += "\(issued) invoice \(id) \(number)\n  for Work package \(k + 1)\n  total \(Self.money(total))\n\n"
            story(id: id, number: number, total: total, issued: issued, discount: terms.hasPrefix("2/"))
            issued = issued.adding(days: 10 + rng.below(40))
        }
    }

    /// What happens to one invoice after it is issued.
    mutating func story(id: String, number: String, total: Int64, issued: Day, discount: Bool) {
        let due = issued.adding(days: 30)
        func note(_ day: Day, _ channel: String, _ details: String) {
            text += "\(day) note \(id) \(channel)\n  with \(privateText("name"))\n  said \(privateText("words"))\n" + details + "\n"
        }
        switch rng.below(11) {
        case 0:  // paid on time
            text += "\(due.adding(days: -rng.below(10))) payment \(id) \(Self.money(total))\n  apply \(number)\n\n"
        case 1:  // a part payment, then silence
            let part = total / Int64(2 + rng.below(3))
            text += "\(due.adding(days: 5 + rng.below(30))) payment \(id) \(Self.money(part))\n  apply \(number) \(Self.money(part))\n\n"
        case 2:  // a credit note, then the rest late
            creditNumber += 1
            let credit = total / 5
            let d = due.adding(days: rng.below(40))
            text += "\(d) credit \(id) \(Self.money(credit))\n  number CN-\(creditNumber)\n  reason \(privateText("reason"))\n  apply \(number)\n\n"
            if rng.below(2) == 0 { text += "\(d.adding(days: 20 + rng.below(30))) payment \(id) \(Self.money(total - credit))\n  apply \(number)\n\n" }
        case 3:  // part paid, part written off
            let part = total / 2
            let d = due.adding(days: 10 + rng.below(30))
            text += "\(d) payment \(id) \(Self.money(part))\n  apply \(number) \(Self.money(part))\n\n"
            text += "\(d.adding(days: 5)) writeoff \(id) \(number) \(Self.money(total / 10))\n  reason \(privateText("reason"))\n\n"
        case 4:  // a promise kept, partly kept or broken
            let d = due.adding(days: 5 + rng.below(20))
            let by = d.adding(days: 7 + rng.below(14))
            note(d, "call", "  promise \(by) \(Self.money(total))\n")
            switch rng.below(3) {
            case 0: text += "\(by.adding(days: -1)) payment \(id) \(Self.money(total))\n  apply \(number)\n\n"
            case 1:
                let part = total / 3
                text += "\(by.adding(days: -2)) payment \(id) \(Self.money(part))\n  apply \(number) \(Self.money(part))\n\n"
            default: break
            }
        case 5:  // a dispute, sometimes resolved with a credit
            let d = issued.adding(days: 10 + rng.below(40))
            let channel = rng.below(3) == 0 ? "file" : "email"
            note(d, channel, "  dispute \(number) \(privateText("dispute"))\n")
            if rng.below(2) == 0 {
                let r = d.adding(days: 20 + rng.below(20))
                creditNumber += 1
                note(r, "email", "  resolved \(number) \(privateText("resolution"))\n")
                text += "\(r) credit \(id) \(Self.money(total / 4))\n  number CN-\(creditNumber)\n  apply \(number)\n\n"
            }
        case 6:  // hardship, then a plan
            let d = due.adding(days: 5 + rng.below(20))
            note(d, "call", "  hardship \(privateText("hardship"))\n")
            if rng.below(2) == 0 {
                let p = d.adding(days: 10)
                let half = total / 2
                text += "\(p) plan \(id) \(Self.money(total))\n  for \(number)\n  \(p.adding(days: 30)) \(Self.money(half))\n  \(p.adding(days: 60)) \(Self.money(total - half))\n\n"
                if rng.below(2) == 0 { text += "\(p.adding(days: 29)) payment \(id) \(Self.money(half))\n  apply \(number)\n\n" }
            }
        case 7:  // the discounted sum, paid after the window
            if discount {
                let paid = total - total * 2 / 100
                text += "\(issued.adding(days: 11 + rng.below(10))) payment \(id) \(Self.money(paid))\n  apply \(number) \(Self.money(paid))\n\n"
            }
        case 8:  // a reply, then payment
            note(due.adding(days: 10 + rng.below(20)), "email", "")
            if rng.below(2) == 0 { text += "\(due.adding(days: 40 + rng.below(20))) payment \(id) \(Self.money(total))\n  apply \(number)\n\n" }
        case 9:  // money without a remittance
            text += "\(due.adding(days: 10 + rng.below(30))) payment \(id) \(Self.money(total / 3))\n\n"
        default:  // a note for the file only, and silence
            note(due.adding(days: rng.below(30)), "file", "")
        }
    }
}

/// Invoice numbers as the generator writes them (`C2-3`): every token of that shape in a letter.
private func invoiceNumbers(in text: String) -> Set<String> {
    var out = Set<String>()
    for word in text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }) {
        let parts = word.split(separator: "-")
        if parts.count == 2, parts[0].count >= 2, parts[0].first == "C", parts[0].dropFirst().allSatisfy(\.isNumber), parts[1].allSatisfy(\.isNumber) {
            out.insert(String(word))
        }
    }
    return out
}

@Suite struct LetterContentTests {
    static let asking: Set<LetterStage> = [.reminder, .followUp, .final, .demand]

    @Test(arguments: Array(UInt64(1)...UInt64(16)))
    func lettersOverGeneratedLedgersStateOnlyFacts(seed: UInt64) throws {
        var maker = LedgerMaker(seed: seed &* 7919)
        let text = maker.make()
        let loaded = load(text)
        #expect(!loaded.diagnostics.hasErrors, "seed \(seed): \(loaded.diagnostics.filter { $0.severity == .error }.map(\.message))")
        var ledger = loaded.ledger
        var order = 1_000_000
        var stagesSeen = Set<LetterStage>()
        var day = Day.parse("2026-02-01")!
        let end = Day.parse("2026-10-31")!
        let templates = TemplateSet()
        while day <= end {
            let sheet = BalanceEngine.balances(ledger, asOf: day)
            let aging = AgingReport(ledger: ledger, sheet: sheet, options: AgingOptions(settings: ledger.settings))
            let stories = ClientStory.all(ledger, sheet: sheet)
            let agenda = Agenda.build(ledger: ledger, sheet: sheet, asOf: day, stories: stories)
            for story in stories {
                let choice = StageChooser.choose(story, ledger: ledger, sheet: sheet)
                guard let stage = choice.stage else { continue }
                stagesSeen.insert(stage)
                let v = LetterFields.values(stage: stage, choice: choice, story: story, ledger: ledger, sheet: sheet)
                let letter = templates.template(for: stage).render(v)
                let context = "seed \(seed), \(story.client.id) on \(day), \(stage.rawValue):\n\(letter)"
                let lines = aging.lines.filter { $0.client == story.client.id }
                let byNumber = Dictionary(lines.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
                // A letter asks for a loss written off as still owed (3.8); the aging, the
                // books' view, counts it as gone.
                func lost(_ number: String) -> Int64 { ledger.invoiceIndex[number].map { sheet.invoices[$0].lost } ?? 0 }

                // The amount asked for is the past-due open amount of the invoices chased, and
                // the agenda and heading say the same.
                if Self.asking.contains(stage) {
                    for i in choice.chased {
                        let line = byNumber[ledger.invoices[i].number]
                        #expect(line != nil && line!.open > 0 && line!.daysPastDue > 0, "chases an invoice not open and past due: \(context)")
                    }
                    var sums: [Currency: Int64] = [:]
                    for i in choice.chased { sums[ledger.invoices[i].currency, default: 0] += (byNumber[ledger.invoices[i].number]?.open ?? 0) + sheet.invoices[i].lost }
                    let expected = LetterFields.list(sums.sorted { $0.key < $1.key }.map { Money(minor: $0.value, currency: $0.key).description })
                    #expect(v["total"] == expected, "\(context)")
                    var agendaFigure = expected
                    let heading = letter.split(separator: "\n").first { $0.hasPrefix("**") }.map(String.init) ?? ""
                    // A demand asks for one amount: what is open plus the interest and compensation it
                    // claims, on the invoices an earlier letter asked for (one no letter asked for is
                    // asked for without a claim).
                    if stage == .demand {
                        let asked = choice.chased.filter { i in
                            let inv = ledger.invoices[i]
                            return story.letters.contains { l in l.stage.asksForMoney && (l.invoices.contains(inv.number) || (l.invoices.isEmpty && inv.due < l.date)) }
                        }
                        let claim = try LateClaim(invoices: asked.isEmpty ? choice.chased : asked, ledger: ledger, sheet: sheet, story: story)
                        var claimed = sums
                        for (cur, extra) in claim.totals { claimed[cur, default: 0] += extra }
                        let amount = LetterFields.list(claimed.sorted { $0.key < $1.key }.map { Money(minor: $0.value, currency: $0.key).description })
                        // Its closing asks for that amount, and for a plan's missed instalments
                        // when its body asks for them too.
                        let closing = v["claim.asked"] ?? ""
                        #expect(letter.contains("formal demand for payment of \(amount)") && closing.hasPrefix(amount) && letter.contains("Please pay \(closing) by"), "demand amount: \(context)")
                        #expect((closing == amount) == !(v["on.hold"] ?? "").contains("Please send "), "demand closing: \(context)")
                        // The agenda gives the amount claimed, and of it what is open.
                        if !claim.totals.isEmpty { agendaFigure = amount + ", of which " + agendaFigure + " open" }
                    } else if !choice.alsoAsked.isEmpty, case let asking = ClientPlans(story, ledger: ledger, sheet: sheet).askingMissed, let plan = asking.first {
                        // A letter that asks for plans' missed instalments too heads with both,
                        // and the agenda gives the same figure.
                        let cur = plan.plan.currency
                        let oneCurrency = sums.keys.elementsEqual([cur]) && asking.allSatisfy { $0.plan.currency == cur }
                        let whole = oneCurrency ? Money(minor: sums[cur]! + asking.reduce(0) { $0 + $1.overdue.shortfall }, currency: cur).description : nil
                        #expect(whole.map { heading.contains($0) } ?? heading.contains(expected), "heading: \(context)")
                        if let whole { agendaFigure = whole + " with the plan\(asking.count > 1 ? "s'" : "'s") missed instalment" }
                        #expect(letter.contains("covered by our payment plan") && !letter.contains("we are not asking for it here, as it is covered"), "instalments asked: \(context)")
                    } else {
                        #expect(heading.contains(expected), "heading: \(context)")
                    }
                    let item = agenda.items.first { $0.kind == .letter && $0.client == story.client.id }
                    #expect(item?.action.contains("(\(agendaFigure)") == true, "agenda: \(item?.action ?? "none") vs \(agendaFigure)")
                }
                // The overdue figure is aging's, with the losses.
                var overdue: [Currency: Int64] = [:]
                for l in lines where l.open > 0 && l.daysPastDue > 0 { overdue[l.currency, default: 0] += l.open + lost(l.number) }
                #expect(v["total.overdue"] == LetterFields.list(overdue.sorted { $0.key < $1.key }.map { Money(minor: $0.value, currency: $0.key).description }), "\(context)")

                // Every table row is an open invoice of this client, with aging's figures (a loss
                // open, not credited), and
                // marked not yet due exactly when it is not.
                for row in (v["invoices.table"] ?? "").split(separator: "\n") {
                    let cells = row.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard cells.count > 3, let line = byNumber[cells[1]] else { continue }
                    #expect(line.open > 0, "row for a settled invoice: \(context)")
                    let owed = line.open + lost(line.number)
                    #expect(cells[cells.count - 3] == MoneyFormat.format(owed, precision: 2) || cells[cells.count - 3].hasPrefix(MoneyFormat.format(owed, precision: 2) + " "), "open cell: \(row)")
                    #expect(cells[5] == MoneyFormat.format(line.paid, precision: 2) || cells[5].hasPrefix(MoneyFormat.format(line.paid, precision: 2) + " "), "paid cell: \(row)")
                    let state = cells[cells.count - 2]
                    if state != "disputed, on hold" && state != "in the payment plan" {
                        #expect(state.hasPrefix("not yet due") == (line.daysPastDue < 0), "due cell: \(row)")
                    }
                    // Aging's `credited` already holds write-offs and discounts, as the letter's column does.
                    let credited = line.credited - lost(line.number)
                    if credited > 0 {
                        #expect(cells[6] == MoneyFormat.format(credited, precision: 2) || cells[6].hasPrefix(MoneyFormat.format(credited, precision: 2) + " "), "credited cell: \(row)")
                    }
                }
                // Every invoice it names exists and is this client's.
                for n in invoiceNumbers(in: letter) {
                    let i = ledger.invoiceIndex[n]
                    #expect(i != nil && ledger.invoices[i!].client == story.client.id, "names \(n): \(context)")
                }
                // Payments towards what it lists, and credit notes, since the last letter are named.
                let last = story.lastLetter
                if stage != .courtesy && stage != .thanks && stage != .statement {
                    let listed = Set(story.open.map { ledger.invoices[$0].number })
                    for p in story.payments(after: last) where ledger.invoiceNumbers(appliedBy: p).contains(where: { listed.contains($0) }) {
                        let named = letter.contains(Money(minor: p.minor, currency: p.currency).description)
                            || (choice.promise?.isOutstanding == true && letter.contains(Money(minor: choice.promise!.receivedToDate, currency: p.currency).description))
                        #expect(named, "payment of \(p.minor) on \(p.date) not thanked for: \(context)")
                    }
                }
                for c in ledger.payments where c.isCredit && c.client == story.client.id && c.date <= day && (last.map { (c.date, c.order) > ($0.date, $0.order) } ?? true) {
                    let number = c.notes(in: ledger.files).number!
                    #expect(letter.contains(number), "credit note \(number) not named: \(context)")
                }
                // No private word, ever.
                for s in maker.secrets { #expect(!letter.contains(s), "private text '\(s)': \(context)") }
                // Bank details for the letter's currency only.
                let currencies = Set((choice.chased.isEmpty ? story.open : choice.chased).map { ledger.invoices[$0].currency.code })
                if letter.contains("11-22-33") { #expect(currencies.contains("GBP"), "sort code in a letter without GBP: \(context)") }
                if letter.contains("IBAN") { #expect(currencies.contains("EUR") && maker.withEURBank, "IBAN in a letter without EUR: \(context)") }
                let showsBank: Set<LetterStage> = [.courtesy, .reminder, .followUp, .final, .demand, .instalment, .statement]
                if showsBank.contains(stage) && currencies == ["EUR"] {
                    #expect(letter.contains("IBAN") == maker.withEURBank, "EUR details missing or given without being stated: \(context)")
                }
                // A broken promise is named, and never followed by thanks for that conversation.
                // Named in the first letter after its day, and not repeated after that.
                if let p = choice.promise, p.isOutstanding, Self.asking.contains(stage) {
                    let namedBefore = story.contactLetters.contains { $0.date > p.promise.by }
                    #expect((v["promise.broken"] != nil) == !namedBefore, "broken promise named \(namedBefore ? "again" : "never"): \(context)")
                    if !namedBefore { #expect(letter.contains(p.promise.by.longDescription), "broken promise not named: \(context)") }
                    #expect(!(v["last.contact"] ?? "").contains(p.note.date.longDescription), "thanks for a broken promise: \(context)")
                }
                // Follow-ups, finals and demands cite the previous letter's date; a follow-up, the
                // last letter that asked for money (not a dispute acknowledgement or plan offer)
                // for what it chases: a final notice or demand that asked for it apart among them.
                if stage == .final || stage == .demand, let l = last {
                    #expect(letter.contains(l.date.longDescription), "previous letter not cited: \(context)")
                }
                let chasedNumbers = Set(choice.chased.map { ledger.invoices[$0].number })
                // After a query settled since, the letter that acknowledged it is the one cited.
                let settledSince = last.map { (v["again"] ?? "").hasPrefix("Since my letter of \($0.date.longDescription) we have settled your query") } ?? false
                if stage == .followUp, !settledSince, let l = choice.continuesFrom ?? story.letters.last(where: { $0.stage.asksForMoney && ($0.invoices.isEmpty || $0.invoices.contains(where: chasedNumbers.contains)) }) ?? last {
                    #expect(letter.contains(l.date.longDescription), "previous asking letter not cited: \(context)")
                }
                // Recovery costs only where compensation is provided.
                if stage == .demand || stage == .final {
                    let compensation = try LateClaim(invoices: choice.chased, ledger: ledger, sheet: sheet).lines.contains { $0.compensation > 0 }
                    if stage == .final { #expect(letter.contains("compensation") == compensation, "\(context)") }
                    // A demand claims the compensation in its table; it never threatens it again as a cost to come.
                    if stage == .demand { #expect(!letter.contains("may be added"), "\(context)") }
                }
                order += 1
                ledger.letters.append(LetterSent(date: day, client: story.client.id, stage: stage, invoices: NamedInvoices(choice.chased.map { ledger.invoices[$0].number }), anchor: .none, order: order))
            }
            day = day.adding(days: 3)
        }
        // What the ladder sent, the checker accepts: it never steps down (W414).
        let finalSheet = BalanceEngine.balances(ledger, asOf: end)
        var found = Findings()
        LetterLadderRule.check(CheckContext(ledger: ledger, sheet: finalSheet, asOf: end), into: &found)
        #expect(found.diagnostics.isEmpty, "seed \(seed): \(found.diagnostics.map(\.message))")
        #expect(stagesSeen.contains(.reminder), "seed \(seed) never reached a reminder")
    }

    /// Across the seeds, every stage of the ladder and beside it is exercised.
    @Test func generatedLedgersReachEveryStage() throws {
        var seen = Set<LetterStage>()
        for seed in UInt64(1)...UInt64(16) {
            var maker = LedgerMaker(seed: seed &* 7919)
            var ledger = load(maker.make()).ledger
            var day = Day.parse("2026-02-01")!
            var order = 1_000_000
            while day <= Day.parse("2026-10-31")! {
                let sheet = BalanceEngine.balances(ledger, asOf: day)
                for story in ClientStory.all(ledger, sheet: sheet) {
                    let c = StageChooser.choose(story, ledger: ledger, sheet: sheet)
                    guard let stage = c.stage else { continue }
                    seen.insert(stage)
                    order += 1
                    ledger.letters.append(LetterSent(date: day, client: story.client.id, stage: stage, invoices: NamedInvoices(c.chased.map { ledger.invoices[$0].number }), anchor: .none, order: order))
                }
                day = day.adding(days: 3)
            }
        }
        let expected: Set<LetterStage> = [.reminder, .followUp, .final, .demand, .planOffer, .instalment, .dispute, .thanks]
        #expect(expected.isSubset(of: seen), "missing: \(expected.subtracting(seen))")
    }
}
