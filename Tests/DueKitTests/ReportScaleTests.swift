import Foundation
import Testing
@testable import DueKit

/// The paths `due report` takes so that a large ledger stays fast and small (sheets handed over
/// one at a time, timelines described only where shown, rows found by client once) give what
/// the plain way of computing the same thing gives, on generated ledgers with every kind of
/// entry, two currencies and many clients.
@Suite struct ReportScaleTests {
    static let asOf = Day(year: 2026, month: 11, day: 20)!

    static func ledger(seed: UInt64) -> Ledger {
        LedgerLoader.load(bytes: LedgerGenerator(invoices: 2_000, seed: seed, profile: .realistic).generate(), path: "r.due").ledger
    }

    @Test(arguments: [1, 9] as [UInt64])
    func sheetsHandedOverOneAtATimeAreTheSheetsOfOneRunPerDate(_ seed: UInt64) {
        let l = Self.ledger(seed: seed)
        let dates = ReportHistory.monthEnds(before: Self.asOf)
        var seen: [Day] = []
        BalanceEngine.forEachSheet(l, at: dates.reversed() + [dates[3]]) { sheet in
            seen.append(sheet.asOf)
            let one = BalanceEngine.balances(l, asOf: sheet.asOf)
            #expect(sheet.invoices == one.invoices, "\(sheet.asOf)")
            #expect(sheet.creditOnAccount == one.creditOnAccount && sheet.clientBalances == one.clientBalances, "\(sheet.asOf)")
        }
        // Oldest first, each date once, whatever order they were asked in.
        #expect(seen == dates)
    }

    @Test(arguments: [1, 9] as [UInt64])
    func monthEndTotalsAreTheAgingsTotals(_ seed: UInt64) {
        let l = Self.ledger(seed: seed)
        let history = ReportHistory(ledger: l, asOf: Self.asOf, buckets: AgingOptions(settings: l.settings))
        #expect(history.currencies.count == 2)
        for m in history.months {
            let full = AgingReport.build(l, asOf: m.end).totals
            #expect(m.aging.map(\.currency) == full.map(\.currency), "\(m.end)")
            #expect(m.aging.map(\.buckets) == full.map(\.buckets) && m.aging.map(\.total) == full.map(\.total), "\(m.end)")
            #expect(m.aging.map(\.openInvoices) == full.map(\.openInvoices) && m.aging.map(\.creditOnAccount) == full.map(\.creditOnAccount), "\(m.end)")
        }
    }

    /// Every entry of a client up to the date, described, sorted by date then as written: the
    /// timeline as it was made before entries were kept by place.
    static func describedTimeline(_ l: Ledger, client: String, asOf: Day) -> [(Day, Int, String, String)] {
        var out: [(Day, Int, String, String)] = []
        for inv in l.invoices where inv.client == client && inv.issued <= asOf && !inv.isDuplicate {
            let what = l.summary(of: inv).isEmpty ? "" : " — " + l.summary(of: inv)
            out.append((inv.issued, inv.order, "invoice", "\(inv.number), \(MoneyFormat.format(inv.total, precision: inv.currency.precision)) \(inv.currency.code), due \(inv.due)\(what)"))
        }
        for p in l.payments where p.client == client && p.date <= asOf {
            let to = p.allocationRange.isEmpty ? "" : " for " + l.invoiceNumbers(appliedBy: p).joined(separator: ", ")
            let amount = "\(MoneyFormat.format(p.minor, precision: p.currency.precision)) \(p.currency.code)"
            out.append(p.isCredit
                ? (p.date, p.order, "credit", "credit note \(p.notes(in: l.files).number ?? "") \(amount)\(to)" + (p.notes(in: l.files).reason.map { ": " + $0 } ?? ""))
                : (p.date, p.order, "payment", amount + to))
        }
        for w in l.writeOffs where w.client == client && w.date <= asOf {
            out.append((w.date, w.order, "write-off", w.invoice + (w.reason.map { ": " + $0 } ?? "")))
        }
        for n in l.notes where n.client == client && n.date <= asOf {
            let gist = n.gist(in: l.files)
            var text = n.channel.rawValue + ": " + gist
            if let p = n.promise, !gist.hasPrefix("promised") { text += "; promised to pay by \(p.by)" }
            out.append((n.date, n.order, "note", text))
        }
        for p in l.plans where p.client == client && p.date <= asOf {
            let range = p.instalments.first.map { "\(p.instalments.count) instalment\(p.instalments.count == 1 ? "" : "s") from \($0.date) to \(p.instalments.last!.date)" } ?? "no instalments"
            out.append((p.date, p.order, "plan", "\(MoneyFormat.format(p.minor, precision: p.currency.precision)) \(p.currency.code) in \(range)"))
        }
        for x in l.letters where x.client == client && x.date <= asOf {
            out.append((x.date, x.order, "letter", x.stage.rawValue + (x.invoices.isEmpty ? "" : " about " + x.invoices.joined(separator: ", "))))
        }
        return out.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }

    @Test func timelinesKeptByPlaceDescribeWhatDescribingEveryEntryGives() {
        let l = Self.ledger(seed: 3)
        // Fewer than a card's 24, so that most clients here have more than twice as many.
        let keep = 8
        let timeline = ClientTimeline(ledger: l, asOf: Self.asOf, keep: keep)
        var kinds: Set<String> = []
        var trimmed = 0
        for c in l.clients.prefix(80) {
            let all = Self.describedTimeline(l, client: c.id, asOf: Self.asOf)
            let expected = all.suffix(keep)
            let (latest, count) = timeline.entries(of: c.id)
            let got = latest.map { ClientTimeline.event($0, in: l) }
            #expect(count == all.count, "\(c.id)")
            #expect(got.map(\.date) == expected.map(\.0) && got.map(\.kind) == expected.map(\.2) && got.map(\.text) == expected.map(\.3), "\(c.id)")
            kinds.formUnion(got.map(\.kind))
            if all.count > 2 * keep { trimmed += 1 }
        }
        // Clients with more than twice the entries kept, whose lists were cut while gathering.
        #expect(trimmed > 10)
        #expect(kinds.isSuperset(of: ["invoice", "payment", "note", "letter"]))
        #expect(timeline.entries(of: "no-such-client").count == 0)
        // An earlier date leaves later entries out.
        let before = Day(year: 2025, month: 1, day: 31)!
        let early = ClientTimeline(ledger: l, asOf: before, keep: keep)
        let id = l.clients[0].id
        #expect(early.entries(of: id).count == Self.describedTimeline(l, client: id, asOf: before).count)
    }

    /// A card writes each entry's text as bytes, escaped for HTML part by part: it reads as
    /// the entry's described text escaped whole, for entries of every kind and for texts that
    /// hold what HTML escapes.
    @Test func timelineTextsWrittenForTheCardsAreTheEscapedDescriptions() {
        var bytes = LedgerGenerator(invoices: 600, seed: 4, profile: .realistic).generate()
        bytes += Array("""

            client ampco <A & "B"> 'Co'
              terms  net 30

            2026-01-01 invoice ampco Q-1
              item   Design & <build> "x" 'y'   1 x 10.00
              total  10.00

            2026-01-02 invoice ampco Q-2
              total  20.00

            2026-02-01 payment ampco 5.00
              apply  Q-1 2.00
              apply  Q-2 3.00

            2026-02-02 credit ampco 1.00
              number  CN-1
              reason  "sorry" & <thanks>
              apply   Q-1

            2026-02-03 writeoff ampco Q-2 2.00
              reason  <gone> & 'lost'

            2026-02-04 note ampco call
              said  "Paid" <i>soon</i> & 'later'
              promise  2026-03-01

            2026-02-05 letter ampco reminder
              invoices  Q-1 Q-2

            """.utf8)
        let l = LedgerLoader.load(bytes: bytes, path: "r.due").ledger
        let timeline = ClientTimeline(ledger: l, asOf: Self.asOf, keep: 30)
        var kinds: Set<String> = []
        for c in l.clients.map(\.id) {
            for entry in timeline.entries(of: c).latest {
                let event = ClientTimeline.event(entry, in: l)
                var out = ByteText()
                ClientTimeline.write(entry, in: l, into: &out, escapingHTML: true)
                #expect(out.string == HTMLText.escape(event.text), "\(c) \(event.kind)")
                #expect(ClientTimeline.kind(of: entry, in: l).description == event.kind)
                kinds.insert(event.kind)
            }
        }
        #expect(kinds.isSuperset(of: ["invoice", "payment", "credit", "write-off", "note", "letter"]))
        #expect(timeline.entries(of: "ampco").count == 7)
    }

    /// The latest few of each client, whatever order the items come in.
    @Test func theLatestPerClientAreTheLastOfEachClientsSortedItems() {
        let l = Self.ledger(seed: 6)
        var rng = SystemRandomNumberGenerator()
        var items: [(client: String, value: Int)] = []
        for (k, c) in l.clients.prefix(30).enumerated() { for v in 0..<(k * 7) { items.append((c.id, v)) } }
        items.append(contentsOf: (0..<40).map { ("not-a-client", $0) })
        items.shuffle(using: &rng)
        var latest = LatestPerClient<Int>(l, keep: 5, before: <)
        for i in items { latest.add(i.value, client: i.client) }
        for c in l.clients.prefix(30).map(\.id) + ["not-a-client"] {
            let all = items.filter { $0.client == c }.map(\.value).sorted()
            #expect(Array(latest.latest(c).items) == Array(all.suffix(5)) && latest.latest(c).count == all.count, "\(c)")
        }
        #expect(latest.latest("nobody").count == 0)
    }

    @Test func eachClientsRowsAreTheRowsFilteredByClient() {
        let l = Self.ledger(seed: 4)
        let sheet = BalanceEngine.balances(l, asOf: Self.asOf)
        let aging = AgingReport(ledger: l, sheet: sheet, options: AgingOptions())
        let behaviour = ClientBehaviour(ledger: l, sheet: sheet)
        let rowsOf = ReportPage.runs(behaviour.rows.map(\.client))
        let owingOf = ReportPage.runs(aging.clients.map(\.client))
        // Clients with nothing owed have behaviour rows and no aging row.
        #expect(aging.clients.count > 50 && behaviour.rows.count > aging.clients.count)
        for c in l.clients {
            #expect((rowsOf[c.id].map { Array(behaviour.rows[$0]) } ?? []) == behaviour.rows.filter { $0.client == c.id }, "\(c.id)")
            #expect((owingOf[c.id].map { Array(aging.clients[$0]) } ?? []) == aging.clients.filter { $0.client == c.id }, "\(c.id)")
        }
        #expect(ReportPage.runs([]).isEmpty)
    }

    /// The forecast made from the report's aging (its buckets from the ledger's settings) is the
    /// one that ages the ledger itself.
    @Test func theForecastFromTheReportsAgingIsTheForecast() {
        let l = Self.ledger(seed: 5)
        let sheet = BalanceEngine.balances(l, asOf: Self.asOf)
        let aging = AgingReport(ledger: l, sheet: sheet, options: AgingOptions(buckets: AgingBuckets(bounds: [15, 45])!, byIssueDate: true))
        let shared = CashForecast(ledger: l, sheet: sheet, aging: aging)
        let own = CashForecast(ledger: l, sheet: sheet)
        #expect(shared.lines == own.lines && shared.totals == own.totals)
        #expect(own.lines.contains { $0.parts.contains { $0.basis == .plan } } && own.lines.contains { $0.risk != nil })
    }

    /// The stages chosen once and handed to both the agenda and the letters are the ones each
    /// would choose itself.
    @Test func stagesChosenOnceGiveTheSameAgendaAndLetters() {
        let l = Self.ledger(seed: 7)
        let sheet = BalanceEngine.balances(l, asOf: Self.asOf)
        let stories = ClientStory.all(l, sheet: sheet)
        let choices = StageChooser.chooseAll(stories, ledger: l, sheet: sheet)
        #expect(choices.contains { $0.stage != nil })
        let shared = Agenda.build(ledger: l, sheet: sheet, asOf: Self.asOf, stories: stories, choices: choices)
        let own = Agenda.build(ledger: l, sheet: sheet, asOf: Self.asOf)
        #expect(!own.items.isEmpty && shared.items == own.items)
        let decided = LetterJob.decide(ledger: l, sheet: sheet, statement: nil, stories: stories, choices: choices)
        let alone = LetterJob.decide(ledger: l, sheet: sheet, statement: nil)
        func told(_ c: StageChoice) -> String {
            "\(c.client)|\(c.stage?.rawValue ?? "-")|\(c.reason)|\(c.chased)|\(c.nextDate.map(\.description) ?? "-")|\(c.unanswered)|\(c.daysPastDue)|\(c.demandUnanswered)"
        }
        #expect(decided.choices.map(told) == alone.choices.map(told) && decided.choices.map(told) == choices.map(told))
        #expect(decided.letters.map { told($0.0) } == alone.letters.map { told($0.0) } && decided.letters.map(\.1.client.id) == alone.letters.map(\.1.client.id))
    }

    /// Forms of many letters are written with the folder read once: a temporary left by a
    /// killed run is still cleared away.
    @Test func aReportClearsAKilledRunsTemporaryFromTheLettersFolder() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/r.due"
        try Data(LedgerGenerator(invoices: 400, seed: 2, profile: .realistic).generate()).write(to: URL(fileURLWithPath: path))
        try FileManager.default.createDirectory(atPath: dir + "/r.letters", withIntermediateDirectories: true)
        let stale = dir + "/r.letters/.2026-11-20-x-final.html.tmp-Ab12Cd"
        try Data("half".utf8).write(to: URL(fileURLWithPath: stale))
        // Left an hour ago: a recent one may be another run's, waiting for its rename.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: stale)
        let r = try DueRun.run(["report", "--as-of", "2026-11-20", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/r.letters")
        #expect(names.contains { $0.hasSuffix(".html") } && names.contains { $0.hasSuffix(".eml") })
        #expect(!names.contains { $0.contains(".tmp-") })
    }

    /// Each client's story names, in date order, exactly the entries a filter of the ledger
    /// finds, whether the ledger lists them in date order or not, and telling every story at
    /// once gives what telling one story gives.
    @Test func storiesNameTheEntriesAFilterOfTheLedgerFinds() {
        let l = Self.ledger(seed: 8)
        var shuffled = l
        var rng = SplitMix(seed: 8)
        shuffled.payments.shuffle(using: &rng)
        shuffled.notes.shuffle(using: &rng)
        shuffled.letters.shuffle(using: &rng)
        shuffled.plans.shuffle(using: &rng)
        for ledger in [l, shuffled] {
            let sheet = BalanceEngine.balances(ledger, asOf: Self.asOf)
            let stories = ClientStory.all(ledger, sheet: sheet)
            #expect(stories.count == l.clients.count && stories.contains { !$0.payments.isEmpty && !$0.letters.isEmpty && !$0.notes.isEmpty })
            for story in stories {
                let id = story.client.id
                func inOrder<T>(_ all: [T], _ keep: (T) -> Bool, _ date: (T) -> Day, _ order: (T) -> Int) -> [Int] {
                    all.filter { keep($0) && date($0) <= Self.asOf }.sorted { (date($0), order($0)) < (date($1), order($1)) }.map(order)
                }
                #expect(story.payments.map(\.order) == inOrder(ledger.payments, { $0.client == id && !$0.isCredit }, \.date, \.order), "\(id)")
                #expect(story.credits.map(\.order) == inOrder(ledger.payments, { $0.client == id && $0.isCredit }, \.date, \.order), "\(id)")
                #expect(story.letters.map(\.order) == inOrder(ledger.letters, { $0.client == id }, \.date, \.order), "\(id)")
                #expect(story.notes.map(\.order) == inOrder(ledger.notes, { $0.client == id }, \.date, \.order), "\(id)")
                #expect(story.plans.map(\.order) == inOrder(ledger.plans, { $0.client == id }, \.date, \.order), "\(id)")
                let alone = ClientStory(client: story.client, ledger: ledger, sheet: sheet)
                #expect(alone.payments.map(\.order) == story.payments.map(\.order) && alone.letters.map(\.order) == story.letters.map(\.order), "\(id)")
                #expect(alone.issued == story.issued && alone.open == story.open && alone.openDisputes.keys.sorted() == story.openDisputes.keys.sorted(), "\(id)")
            }
        }
    }

    /// Text with nothing to escape comes back as it is; any other is escaped character by
    /// character, as the page always did.
    @Test func htmlEscapingEqualsEscapingEachCharacter() {
        func plain(_ s: String) -> String {
            s.unicodeScalars.map { c -> String in
                switch c {
                case "&": "&amp;"
                case "<": "&lt;"
                case ">": "&gt;"
                case "\"": "&quot;"
                case "'": "&#39;"
                default: String(c)
                }
            }.joined()
        }
        var rng = SplitMix(seed: 4)
        let pieces = ["a", "Café", "ß", "€", " ", "&", "<", ">", "\"", "'", "O'Brien", "–", "日本", "\u{1F600}", "x&y", ""]
        for _ in 0..<2_000 {
            let s = (0..<rng.below(8)).map { _ in pieces[rng.below(pieces.count)] }.joined()
            #expect(HTMLText.escape(s) == plain(s), "\(s)")
        }
        #expect(HTMLText.escape("Reyes & Co <b>") == "Reyes &amp; Co &lt;b&gt;")
    }

    /// A draft's two forms made from one reading of its Markdown are what each form made on its
    /// own gives.
    @Test func formsMadeFromOneReadingAreEachFormsOwn() throws {
        let l = Self.ledger(seed: 7)
        let sheet = BalanceEngine.balances(l, asOf: Self.asOf)
        let dir = try temporaryDirectory()
        let job = LetterJob.prepare(ledger: l, sheet: sheet, asOf: Self.asOf, paths: OutputPaths(ledger: dir + "/r.due"))
        #expect(job.drafts.count > 5)
        for d in job.drafts {
            let client = try #require(l.client(d.client))
            let forms = try #require(LetterFolder.Forms(bytes: Array(d.text.utf8), fields: d.fields, ledger: l))
            let email = try #require(LetterEmail.message(draft: d.text, fields: d.fields, sender: l.sender, client: client))
            #expect(forms.email == email, "\(d.path)")
            #expect(forms.print == Array(PrintLetter.html(draft: d.text, fields: d.fields, sender: l.sender, client: client).utf8), "\(d.path)")
        }
    }

    /// The report's two lanes and its page written in pieces give what each part computed on
    /// its own, one after another, gives.
    @Test func theReportInTwoLanesIsEachPartComputedAlone() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/r.due"
        try Data(LedgerGenerator(invoices: 1_500, seed: 12, profile: .realistic).generate()).write(to: URL(fileURLWithPath: path))
        let load = try LedgerLoader.load(path: path)
        let result = try ReportJob.run(load: load, asOf: Self.asOf)
        #expect(!result.hasErrors)
        let l = load.ledger
        let sheet = BalanceEngine.balances(l, asOf: Self.asOf)
        let aging = AgingReport(ledger: l, sheet: sheet, options: AgingOptions(settings: l.settings))
        let behaviour = ClientBehaviour(ledger: l, sheet: sheet)
        let forecast = CashForecast(ledger: l, sheet: sheet, aging: aging)
        let agenda = Agenda.build(ledger: l, sheet: sheet, asOf: Self.asOf)
        #expect(result.aging?.clients == aging.clients && result.aging?.totals == aging.totals)
        #expect(result.behaviour?.rows == behaviour.rows && result.forecast?.lines == forecast.lines)
        #expect(result.agenda?.items == agenda.items && !agenda.items.isEmpty)
        let charts = ReportCharts(aging: aging, history: ReportHistory(ledger: l, asOf: Self.asOf, buckets: aging.options), forecast: forecast)
        let page = ReportPage(ledgerName: "r.due", aging: aging, behaviour: behaviour, forecast: forecast, charts: charts, agenda: agenda)
        let paths = OutputPaths(ledger: path)
        #expect(try FileSystem.readFile(paths.page) == Array(page.render(ledger: l, sheet: sheet).utf8))
        let markdown = ReportJob.document(ledgerName: "r.due", aging: aging, behaviour: behaviour, forecast: forecast, charts: charts, chartsLink: paths.chartsLink)
        #expect(try FileSystem.readFile(paths.agingReport) == Array(markdown.utf8))
        let letters = LetterJob.prepare(ledger: l, sheet: sheet, asOf: Self.asOf, paths: paths)
        #expect(result.letters?.drafts.map(\.path) == letters.drafts.map(\.path) && result.letters?.drafts.map(\.text) == letters.drafts.map(\.text))
        #expect(!letters.drafts.isEmpty)
    }
}
