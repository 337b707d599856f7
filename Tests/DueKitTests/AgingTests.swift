import Foundation
import Testing
@testable import DueKit

private func day(_ s: String) -> Day { Day.parse(s)! }

private func aging(_ text: String, asOf: String, options: AgingOptions? = nil) -> AgingReport {
    let r = load(text)
    #expect(r.diagnostics.filter { $0.severity == .error }.isEmpty, "\(r.diagnostics.map(\.message))")
    return AgingReport.build(r.ledger, asOf: day(asOf), options: options)
}

private let studio = Repo.path("samples/studio.due")

private func studioLoad() throws -> LoadResult { try LedgerLoader.load(path: studio) }

@Suite struct AgingStudioTests {
    /// Figures worked out by hand from the sample, independently of the code.
    @Test func studioBucketsMatchTheFiguresWorkedOutByHand() throws {
        let l = try studioLoad().ledger
        let nov = AgingReport.build(l, asOf: day("2026-11-20"))
        let gbp = nov.totals.first { $0.currency.code == "GBP" }!
        let eur = nov.totals.first { $0.currency.code == "EUR" }!
        #expect(gbp.total == 2_041_080)
        #expect(gbp.buckets == [265_200, 202_680, 312_000, 250_800, 1_010_400])
        #expect(eur.total == 797_000)
        #expect(eur.buckets == [216_000, 93_000, 343_000, 145_000, 0])
        #expect(gbp.disputed == 312_000)  // oakridge 2026-022, disputed on 2026-10-08
        let jun = AgingReport.build(l, asOf: day("2026-06-30"))
        #expect(jun.totals.map(\.currency.code) == ["GBP"])
        #expect(jun.totals[0].total == 1_522_800)
        #expect(jun.totals[0].buckets == [627_600, 578_400, 0, 234_000, 82_800])
    }

    @Test func studioInvoicesCheckedByHand() throws {
        let l = try studioLoad().ledger
        let r = AgingReport.build(l, asOf: day("2026-11-20"))
        func line(_ n: String) -> AgingLine { r.lines.first { $0.number == n }! }
        // oakridge 2026-022: 5,424.00, net 30 eom → due 2026-09-30; 2,304.00 paid; 51 days late.
        let oak = line("2026-022")
        #expect((oak.total, oak.paid, oak.open, oak.daysPastDue, oak.bucket) == (542_400, 230_400, 312_000, 51, 2))
        #expect(oak.status.disputedSince == day("2026-10-08"))
        // harbour 2026-010: 2,340.00; 228.00 of instalment 2 and 1,056.00 of instalment 3 → 1,056.00 open.
        let h = line("2026-010")
        #expect((h.paid, h.open, h.daysPastDue, h.bucket) == (128_400, 105_600, 218, 4))
        #expect(h.status.nextInstalment == day("2026-11-30"))
        // solenne 2026-021: 2,450.00 EUR, unallocated 1,000.00 on 2026-09-25 paid it (oldest open).
        let s = line("2026-021")
        #expect((s.paid, s.open, s.daysPastDue, s.bucket) == (100_000, 145_000, 83, 3))
        // saltmarsh promised 13 November: passed by the 20th, so no longer promised.
        #expect(line("2026-020").status.promisedUntil == nil)
    }

    @Test func promiseBeforeItsDateCoversTheOldestInvoicesUpToItsAmount() throws {
        let l = try studioLoad().ledger
        let r = AgingReport.build(l, asOf: day("2026-08-15"))
        let pellucid = r.lines.filter { $0.client == "pellucid" }
        // Promise of 8,220.00 by 2026-08-31 made on 2026-07-02: 2026-015 and 2026-017, not 2026-019.
        #expect(pellucid.map(\.number) == ["2026-015", "2026-017", "2026-019"])
        #expect(pellucid.map(\.status.promised) == [578_400, 243_600, 0])
        #expect(pellucid[0].status.promisedUntil == day("2026-08-31"))
        #expect(r.clients.first { $0.client == "pellucid" }!.promised == 822_000)
    }

    /// Money in dispute is not what a promise covers: the aging, the agenda and the forecast
    /// agree that a promise of more than is owed covers only the undisputed invoices.
    @Test func aPromiseDoesNotCoverADisputedInvoice() throws {
        let text = """
            settings
              currency GBP
            client beta Beta
              terms net 30
            2026-05-01 invoice beta B-1
              total 2000.00
            2026-05-02 invoice beta B-2
              total 800.00
            2026-06-20 note beta call
              dispute B-2 wrong hours
              promise 2026-07-05 5,000.00

            """
        let r = aging(text, asOf: "2026-06-25")
        #expect(r.lines.map(\.status.promised) == [200_000, 0])
        #expect(r.clients.first!.promised == 200_000)
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "t.due")
        let asOf = day("2026-07-01")
        let agenda = Agenda.build(ledger: load.ledger, sheet: BalanceEngine.balances(load.ledger, asOf: asOf), asOf: asOf)
        // 5 July 2026 is a Sunday: the money can come on the Monday (3.9).
        #expect(agenda.items.first { $0.kind == .promise }?.action == "expect 2,000.00 GBP of the 5,000.00 GBP promised for 2026-07-05 (no working day: it can arrive until 2026-07-06)")
    }

    /// The agenda as JSON holds the same items, in the same order, as the text.
    @Test func agendaAsJSONListsWhatTheTextLists() throws {
        let json = try DueRun.run(["agenda", "--as-of", "2026-11-20", "--json", studio])
        let text = try DueRun.run(["agenda", "--as-of", "2026-11-20", studio])
        #expect(json.status == 0 && text.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        let l = try studioLoad().ledger
        let asOf = day("2026-11-20")
        let agenda = Agenda.build(ledger: l, sheet: BalanceEngine.balances(l, asOf: asOf), asOf: asOf)
        #expect(!items.isEmpty && items.count == agenda.items.count)
        #expect(items.map { $0["action"] as? String } == agenda.items.map(\.action))
        #expect(items.map { $0["kind"] as? String } == agenda.items.map(\.kind.rawValue))
        #expect(agenda.items.allSatisfy { text.stdout.contains($0.action) })
        #expect(object["asOf"] as? String == "2026-11-20")
    }

    /// A promise broken days ago, while the ladder waits before its next letter, is on the
    /// agenda: the user may ring rather than wait.
    @Test func aBrokenPromiseIsOnTheAgendaWhileNoLetterIsDue() {
        let text = """
            settings
              currency GBP
            client salt Saltmarsh
              terms net 30
            2026-02-01 invoice salt S-1
              total 3780.00
            2026-04-09 note salt call
              promise 2026-04-17 3,780.00
            2026-04-14 letter salt reminder
              invoices S-1

            """
        let r = load(text)
        let asOf = day("2026-04-18")
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: asOf), asOf: asOf)
        #expect(!agenda.items.contains { $0.kind == .letter })
        #expect(agenda.items.first { $0.kind == .promise }?.action == "check on the payment of 3,780.00 GBP promised for 2026-04-17: it has not arrived")
        // Kept, or long past: not listed.
        let kept = load(text + "2026-04-16 payment salt 3780.00\n")
        #expect(!Agenda.build(ledger: kept.ledger, sheet: BalanceEngine.balances(kept.ledger, asOf: asOf), asOf: asOf).items.contains { $0.kind == .promise })
        let later = day("2026-04-30")
        #expect(!Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: later), asOf: later).items.contains { $0.kind == .promise })
        // Part of it by the day, or all or part of it since: what came and what is still to come.
        func action(_ extra: String) -> String? {
            let l = load(text + extra).ledger
            return Agenda.build(ledger: l, sheet: BalanceEngine.balances(l, asOf: asOf), asOf: asOf).items.first { $0.kind == .promise }?.action
        }
        #expect(action("2026-04-16 payment salt 1,000.00\n") == "check on the payment of 3,780.00 GBP promised for 2026-04-17: 1,000.00 GBP of it received by that day and nothing since, 2,780.00 GBP still to come")
        #expect(action("2026-04-18 payment salt 780.00\n") == "check on the payment of 3,780.00 GBP promised for 2026-04-17: nothing received by that day and 780.00 GBP since, 3,000.00 GBP still to come")
        // Part by the day and part since: each said apart, not lumped together.
        #expect(action("2026-04-16 payment salt 1,000.00\n2026-04-18 payment salt 780.00\n") == "check on the payment of 3,780.00 GBP promised for 2026-04-17: 1,000.00 GBP of it received by that day and 780.00 GBP since, 2,000.00 GBP still to come")
        // Kept in full a day late, with other work still open: nothing to check on.
        #expect(action("2026-04-10 invoice salt S-2\n  total 500.00\n2026-04-18 payment salt 3,780.00\n  apply S-1\n") == nil)
    }

    static let goldenDates = ["2026-06-30", "2026-11-20"]
    static let reportGolden = "studio-report-2026-11-20.md"
    static let goldenFormats: [(ReportFormat, String)] = [(.text, "txt"), (.markdown, "md"), (.csv, "csv"), (.json, "json")]

    @Test(arguments: goldenDates)
    func agingGoldens(asOf: String) throws {
        let l = try studioLoad().ledger
        let report = AgingReport.build(l, asOf: day(asOf))
        let renderer = AgingRenderer(report)
        for (format, ext) in Self.goldenFormats {
            Golden.check(renderer.render(format), against: Repo.path("Tests/DueKitTests/Goldens/aging/studio-\(asOf).\(ext)"))
        }
    }

    @Test(arguments: goldenDates)
    func clientGoldens(asOf: String) throws {
        let l = try studioLoad().ledger
        let renderer = ClientBehaviourRenderer(ClientBehaviour.build(l, asOf: day(asOf)))
        for (format, ext) in Self.goldenFormats {
            Golden.check(renderer.render(format), against: Repo.path("Tests/DueKitTests/Goldens/clients/studio-\(asOf).\(ext)"))
        }
    }

    @Test func customBucketsAndIssueDateAgingStillAddUpToTheBalance() throws {
        let l = try studioLoad().ledger
        let r = AgingReport.build(l, asOf: day("2026-11-20"), options: AgingOptions(buckets: AgingBuckets.parse("15,30,60")!, byIssueDate: true))
        #expect(r.bucketLabels == ["Current", "1–15", "16–30", "31–60", "over 60"])
        let gbp = r.totals.first { $0.currency.code == "GBP" }!
        #expect(gbp.buckets.reduce(0, +) == 2_041_080)
        // fernhill 2026-028, issued 2026-11-03: 17 days since issue.
        let f = r.lines.first { $0.number == "2026-028" }!
        #expect((f.age, f.bucket) == (17, 2))
    }

    @Test func noOrphanReportGoldens() {
        let names = Self.goldenDates.flatMap { d in Self.goldenFormats.map { "studio-\(d).\($0.1)" } }
        Golden.checkNoOrphans(in: Repo.path("Tests/DueKitTests/Goldens/clients"), produced: Set(names))
        Golden.checkNoOrphans(in: Repo.path("Tests/DueKitTests/Goldens/aging"), produced: Set(names + [Self.reportGolden]))
    }
}

@Suite struct AgingHandCheckedTests {
    static let head = """
        settings
          currency GBP
        client acme Acme Ltd
          terms net 30
        2026-01-01 invoice acme A1
          total 1,000.00
        2026-02-01 invoice acme A2
          total 500.00

        """

    /// A client line without a name leaves the name column empty in the reports, rather than
    /// repeating the id beside itself (as the IBM import's clients showed).
    @Test func aClientWithoutANameHasAnEmptyNameColumn() throws {
        let r = load("client 0187-ERLSR\n  currency USD\nclient acme Acme Ltd\n  currency USD\n2026-01-02 invoice 0187-ERLSR 1\n  total 10.00\n2026-01-02 invoice acme 2\n  total 10.00\n")
        #expect(r.diagnostics.isEmpty)
        #expect(r.ledger.client("0187-ERLSR")?.writtenName == nil)
        #expect(r.ledger.client("0187-ERLSR")?.name == "0187-ERLSR")  // letters still call it something
        let asOf = day("2026-03-01")
        let aging = AgingReport.build(r.ledger, asOf: asOf)
        #expect(aging.clients.map(\.name) == ["", "Acme Ltd"])
        let behaviour = ClientBehaviour(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: asOf))
        #expect(behaviour.rows.map(\.name) == ["", "Acme Ltd"])
        let text = ClientBehaviourRenderer(behaviour, color: false).render(.text)
        #expect(!text.contains("0187-ERLSR  0187-ERLSR"), "\(text)")
    }

    /// A plan half of whose money is in query: that half waits at the end of the schedule, so
    /// the second instalment, which only it would meet, is on hold, not missed, as the
    /// instalment reminder says; the first is missed.
    @Test func anInstalmentOnlyMoneyInQueryWouldMeetIsNotMissedInTheStatus() throws {
        let r = load("""
            settings
              currency GBP
            client mint Mint Yoga
              terms net 30
            2026-01-05 invoice mint M-1
              total 1,000.00
            2026-01-06 invoice mint M-2
              total 1,000.00
            2026-02-20 plan mint 2,000.00
              2026-03-10 1,000.00
              2026-04-10 1,000.00
            2026-03-01 note mint email
              dispute M-2 photos blurry

            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        let lines = AgingReport.build(r.ledger, asOf: day("2026-04-13")).lines
        let m1 = try #require(lines.first { $0.number == "M-1" })
        #expect(m1.status.missedInstalment == day("2026-03-10") && m1.status.missedInstalments == 1, "\(m1.status.summary)")
    }

    /// An invoice on a plan whose instalment was not paid says so: "next instalment" alone
    /// would read as a client on track.
    @Test func aMissedInstalmentShowsInTheStatus() throws {
        let r = load("""
            settings
              currency GBP
            client g Grove
            2026-08-01 invoice g G-1
              total 1,500.00
            2026-09-20 plan g 1,500.00
              for G-1
              2026-10-15 500.00
              2026-11-15 500.00
              2026-12-15 500.00
            2026-10-14 payment g 500.00
              apply G-1

            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        func status(_ d: String) -> String { AgingReport.build(r.ledger, asOf: day(d)).lines[0].status.summary }
        #expect(status("2026-11-10") == "plan, next instalment 2026-11-15")
        #expect(status("2026-12-06") == "plan, instalment of 2026-11-15 missed, next instalment 2026-12-15")
        #expect(status("2026-12-20") == "plan ended 2026-12-15, 2 instalments missed since 2026-11-15")
        let csv = AgingRenderer(AgingReport.build(r.ledger, asOf: day("2026-12-06"))).csv()
        #expect(csv.split(separator: "\r\n").first?.hasSuffix(",missed_instalment") == true)
        #expect(csv.split(separator: "\r\n").dropFirst().first?.hasSuffix(",2026-11-15") == true, "\(csv)")
    }

    /// Days late count to the day the client had paid what it owed (§4 rule 7): a credit note
    /// or a sum waived weeks later closes an invoice, but takes off money that was not owed.
    @Test func aCreditNoteLateDoesNotMakeTheClientLate() throws {
        let text = """
            settings
              currency GBP
            client acme Acme Ltd
              terms net 30
            client bolt Bolt plc
              terms net 30
            2026-01-01 invoice acme A1
              total 1,000.00
            2026-01-01 invoice bolt B1
              total 1,000.00
            2026-01-25 payment acme 900.00
              apply A1
            2026-01-25 payment bolt 900.00
              apply B1
            2026-04-20 credit acme 100.00
              number CN1
              apply A1
            2026-04-20 payment bolt 100.00
              apply B1

            """
        let r = load(text)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        let sheet = BalanceEngine.balances(r.ledger, asOf: day("2026-05-01"))
        let a1 = try #require(r.ledger.invoiceIndex["A1"])
        #expect(sheet.invoices[a1].settled == day("2026-04-20"))
        #expect(sheet.invoices[a1].paidUp == day("2026-01-25"))
        // Credited in full with nothing paid: nothing was owed, so no lateness to count.
        let none = load("client acme Acme\n  currency GBP\n2026-01-01 invoice acme C1\n  total 100.00\n2026-04-20 credit acme 100.00\n  apply C1\n")
        let creditedSheet = BalanceEngine.balances(none.ledger, asOf: day("2026-05-01"))
        #expect(creditedSheet.invoices[0].settled == day("2026-04-20") && creditedSheet.invoices[0].paidUp == nil)
        let rows = ClientBehaviour(ledger: r.ledger, sheet: sheet).rows
        // Bolt paid its last 100.00 on 20 April, 77 days after the last day (due on Saturday 31
        // January, so Monday 2 February, §4 rule 7); Acme paid all it owed early.
        #expect(rows.first { $0.client == "acme" }?.averageDaysLate?.value == 0)
        #expect(rows.first { $0.client == "bolt" }?.averageDaysLate?.value == 770)
    }

    /// The Markdown section writes the detail's rows straight into its buffer: they must be
    /// the rows the detail table writes, escapes and all.
    @Test func markdownDetailIsTheDetailTableAsMarkdown() {
        let text = """
            settings
              currency GBP
            client acme_ltd Acme *Ltd*
              terms net 30
            client zed Zed
              currency EUR
            2026-01-01 invoice acme_ltd A_1
              total 1,234,567.89
            2026-02-01 invoice acme_ltd A2
              total 500.00
            2026-03-01 invoice zed Z1
              total 70.00
            2026-03-05 payment zed 100.00
            2026-03-10 note acme_ltd call
              promise  2026-04-30
            2026-03-12 letter acme_ltd reminder
              invoices  A_1

            """
        let report = aging(text, asOf: "2026-03-20")
        let renderer = AgingRenderer(report)
        let md = renderer.markdown(level: 2)
        let detail = renderer.detailTable().markdown()
        #expect(md.hasSuffix("### Open invoices\n\n" + detail))
        #expect(detail.contains("| acme\\_ltd | A\\_1 | GBP | 2026-01-01 | 2026-01-31 | 48 | 1,234,567.89 | 0.00 | 0.00 | 1,234,567.89 | 31–60 | promised until 2026-04-30; 1 letter (last: reminder, 2026-03-12) |"), "\(detail)")
        // The whole section is what it was when each part was a string joined to the next.
        var joined = "## \(renderer.title)\n\n" + renderer.legend.map { "- " + $0 + "\n" }.joined() + "\n"
        for (c, t) in renderer.summaryTables() { joined += "### Summary, \(c.code)\n\n" + t.markdown() + "\n" }
        #expect(md == joined + "### Open invoices\n\n" + detail)
    }

    @Test func partialPaymentLeavesTheRestOpenInItsBucket() {
        let r = aging(Self.head + """
            2026-02-10 payment acme 400.00
              apply A1 400.00
            """, asOf: "2026-03-15")
        let a1 = r.lines.first { $0.number == "A1" }!
        // due 2026-01-31, 43 days past due on 2026-03-15: 31–60.
        #expect((a1.paid, a1.open, a1.daysPastDue, a1.bucket) == (40_000, 60_000, 43, 2))
        let a2 = r.lines.first { $0.number == "A2" }!
        // due 2026-03-03: 12 days past due.
        #expect((a2.open, a2.bucket) == (50_000, 1))
        #expect(r.totals[0].total == 110_000)
    }

    @Test func creditNoteShowsAsCreditedNotPaid() {
        let r = aging(Self.head + """
            2026-02-05 credit acme 200.00
              number CN-1
              apply A1
            2026-02-06 writeoff acme A2 50.00
            """, asOf: "2026-02-20")
        let a1 = r.lines.first { $0.number == "A1" }!
        #expect((a1.paid, a1.credited, a1.open) == (0, 20_000, 80_000))
        let a2 = r.lines.first { $0.number == "A2" }!
        #expect((a2.credited, a2.writtenOff, a2.open) == (5_000, 5_000, 45_000))
    }

    @Test func unallocatedPaymentPaysTheOldestInvoiceFirst() {
        let r = aging(Self.head + """
            2026-02-10 payment acme 1,200.00
            """, asOf: "2026-02-20")
        #expect(r.lines.map(\.number) == ["A2"])
        let a2 = r.lines[0]
        #expect((a2.paid, a2.open, a2.bucket) == (20_000, 30_000, 0))
    }

    @Test func overpaymentIsANegativeAmountInCurrent() {
        let r = aging(Self.head + """
            2026-02-10 payment acme 1,600.00
            """, asOf: "2026-04-30")
        #expect(r.lines.isEmpty)
        let row = r.clients[0]
        #expect(row.creditOnAccount == 10_000)
        #expect(row.buckets == [-10_000, 0, 0, 0, 0])
        #expect(r.totals[0].total == -10_000)
        #expect(AgingRenderer(r).csv().contains("credit,acme,Acme Ltd,GBP,,,,,,current,,,,,,-100.00"))
    }

    @Test func invoicePaidAfterTheAsOfDateIsStillOpenOnThatDate() {
        let text = Self.head + """
            2026-03-20 payment acme 1,000.00
              apply A1
            2026-03-01 note acme call
              dispute A1 Wrong rate
            2026-03-25 note acme call
              resolved A1
            """
        let before = aging(text, asOf: "2026-03-10")
        let a1 = before.lines.first { $0.number == "A1" }!
        #expect((a1.paid, a1.open, a1.daysPastDue) == (0, 100_000, 38))
        #expect(a1.status.isDisputed)
        let after = aging(text, asOf: "2026-03-31")
        #expect(after.lines.map(\.number) == ["A2"])
    }
}

/// A small seeded generator, so the property below runs on the same ledgers every time.
struct RandomLedger {
    var state: UInt64

    mutating func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
    }

    mutating func ledger() -> String {
        let clients = ["a", "b", "c", "d"]
        var s = "settings\n  currency GBP\n"
        for (k, c) in clients.enumerated() { s += "client \(c) Client \(c)\n  currency \(k == 3 ? "EUR" : "GBP")\n  terms net \([7, 14, 30, 45][k])\n" }
        var d = Day.parse("2025-01-01")!
        var invoices: [(String, String)] = []
        for n in 0..<60 {
            d = d.adding(days: next(6))
            let c = clients[next(4)]
            switch next(5) {
            case 0, 1:
                let number = "I\(n)"
                invoices.append((number, c))
                s += "\(d) invoice \(c) \(number)\n  total \(next(5000) + 1).\(next(90) + 10)\n"
            case 2:
                s += "\(d) payment \(c) \(next(3000) + 1).00\n"
                if let inv = invoices.last(where: { $0.1 == c }), next(2) == 0 { s += "  apply \(inv.0)\n" }
            case 3:
                if let inv = invoices.last(where: { $0.1 == c }) { s += "\(d) credit \(c) \(next(300) + 1).00\n  apply \(inv.0)\n" }
            default:
                if let inv = invoices.first(where: { $0.1 == c }), next(3) == 0 { s += "\(d) writeoff \(c) \(inv.0) 1.00\n" }
            }
        }
        return s
    }
}

@Suite struct AgingPropertyTests {
    @Test func bucketTotalsEqualTheSumOfOpenBalances() {
        var gen = RandomLedger(state: 20_261_120)
        var linesSeen = 0, creditsSeen = 0, currenciesSeen: Set<String> = []
        for _ in 0..<25 {
            let ledger = load(gen.ledger()).ledger
            for asOf in ["2025-03-01", "2025-06-15", "2026-01-01"] {
                let sheet = BalanceEngine.balances(ledger, asOf: day(asOf))
                let buckets = AgingBuckets(bounds: [[30, 60, 90], [15, 30], [10]][gen.next(3)])!
                let r = AgingReport(ledger: ledger, sheet: sheet, options: AgingOptions(buckets: buckets, byIssueDate: gen.next(2) == 0))
                var expected: [Currency: Int64] = [:]
                for (k, v) in sheet.clientBalances { expected[k.currency, default: 0] += v }
                var open: [Currency: Int64] = [:]
                for (i, b) in sheet.invoices.enumerated() where b.issued { open[ledger.invoices[i].currency, default: 0] += b.open }
                for (k, v) in sheet.creditOnAccount { open[k.currency, default: 0] -= v }
                for t in r.totals {
                    #expect(t.buckets.reduce(0, +) == t.total)
                    #expect(t.total == expected[t.currency] ?? 0)
                    #expect(t.total == open[t.currency] ?? 0)
                }
                for (c, v) in expected where v != 0 { #expect(r.totals.contains { $0.currency == c }) }
                let detail: Int64 = r.lines.reduce(0) { $0 + $1.open }
                let sheetOpen: Int64 = sheet.invoices.reduce(0) { $0 + ($1.issued ? $1.open : 0) }
                #expect(detail == sheetOpen)
                linesSeen += r.lines.count
                creditsSeen += r.clients.filter { $0.creditOnAccount != 0 }.count
                currenciesSeen.formUnion(r.totals.map(\.currency.code))
            }
        }
        // The generator must exercise what the property is about.
        #expect(linesSeen > 100)
        #expect(creditsSeen > 5)
        #expect(currenciesSeen == ["EUR", "GBP"])
    }
}

@Suite struct ReportCommandTests {
    func copySample() throws -> String {
        let dir = try temporaryDirectory()
        for f in ["studio.due", "studio-clients.due"] {
            try FileManager.default.copyItem(atPath: Repo.path("samples/\(f)"), toPath: dir + "/" + f)
        }
        return dir
    }

    @Test func reportIsDeterministicAndASecondRunLeavesItUnchanged() throws {
        let dir = try copySample()
        let first = try DueRun.run(["report", "--as-of", "2026-11-20", dir + "/studio.due"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Wrote \(dir)/studio.aging.md"))
        #expect(first.stdout.contains("GBP 20,410.80 = Current 2,652.00 | 1–30 2,026.80 | 31–60 3,120.00 | 61–90 2,508.00 | over 90 10,104.00"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/studio.aging.md"))
        let second = try DueRun.run(["report", "--as-of", "2026-11-20", dir + "/studio.due"])
        #expect(second.status == 0)
        #expect(second.stdout.contains("Unchanged \(dir)/studio.aging.md"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/studio.aging.md")) == bytes)
        let l = try LedgerLoader.load(path: studio).ledger
        let sheet = BalanceEngine.balances(l, asOf: day("2026-11-20"))
        let aging = AgingReport(ledger: l, sheet: sheet, options: AgingOptions(settings: l.settings))
        let forecast = CashForecast(ledger: l, sheet: sheet)
        let charts = ReportCharts(aging: aging, history: ReportHistory(ledger: l, asOf: day("2026-11-20"), buckets: aging.options), forecast: forecast)
        let doc = ReportJob.document(ledgerName: "studio.due", aging: aging, behaviour: ClientBehaviour(ledger: l, sheet: sheet), forecast: forecast, charts: charts, chartsLink: "studio.report")
        #expect(Array(doc.utf8) == Array(bytes))
        Golden.check(doc, against: Repo.path("Tests/DueKitTests/Goldens/aging/\(AgingStudioTests.reportGolden)"))
    }

    @Test func ledgerWithErrorsIsReportedAndNothingIsWritten() throws {
        let dir = try temporaryDirectory()
        try "2026-01-01 invoice acme A1\n  total 10.00\n".write(toFile: dir + "/bad.due", atomically: true, encoding: .utf8)
        for cmd in ["report", "aging"] {
            let r = try DueRun.run([cmd, "--as-of", "2026-02-01", dir + "/bad.due"])
            #expect(r.status == 1)
            #expect(r.stderr.contains("error["))
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/bad.aging.md"))
    }

    @Test func unwritableReportExitsTwoWithThePath() throws {
        let dir = try copySample()
        try FileManager.default.createDirectory(atPath: dir + "/studio.aging.md", withIntermediateDirectories: true)
        let r = try DueRun.run(["report", "--as-of", "2026-11-20", dir + "/studio.due"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(dir)/studio.aging.md"))
    }

    @Test func agingFlagsAreCheckedAndApplied() throws {
        let bad = try DueRun.run(["aging", "--format", "yaml", studio])
        #expect(bad.status == 2)
        let badBuckets = try DueRun.run(["aging", "--buckets", "30,10", "--as-of", "2026-11-20", studio])
        #expect(badBuckets.status == 2)
        let ok = try DueRun.run(["aging", "--as-of", "2026-11-20", "--buckets", "15,30,60", "--by", "issue", "--format", "csv", studio])
        #expect(ok.status == 0)
        #expect(ok.stdout.hasPrefix("kind,client,name,currency,invoice"))
        #expect(ok.stdout.contains(",over-60,"))
        // `--json` is `--format json`, as `check` spells it; given with `--format`, it is twice.
        let json = try DueRun.run(["aging", "--as-of", "2026-11-20", "--json", studio])
        let formatJSON = try DueRun.run(["aging", "--as-of", "2026-11-20", "--format", "json", studio])
        #expect(json.status == 0 && json.stdout == formatJSON.stdout)
        let both = try DueRun.run(["aging", "--json", "--format", "csv", studio])
        #expect(both.status == 2 && both.stderr.contains("'--format' is given twice"))
        // A command without that choice still refuses it.
        #expect(try DueRun.run(["fmt", "--json", studio]).status == 2)
    }
}
