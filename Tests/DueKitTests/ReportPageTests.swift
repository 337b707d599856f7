import Foundation
import Testing
@testable import DueKit

private func day(_ s: String) -> Day { Day.parse(s)! }

/// The SVG elements of a page or file, by their title.
private func charts(in html: String) -> [String: String] {
    var out: [String: String] = [:]
    for part in html.components(separatedBy: "<svg ").dropFirst() where part.hasPrefix("xmlns") {
        let svg = part.components(separatedBy: "</svg>")[0]
        guard let t = svg.range(of: "<title>"), let e = svg.range(of: "</title>") else { continue }
        out[String(svg[t.upperBound..<e.lowerBound])] = svg
    }
    return out
}

private func bars(_ svg: String?) -> Int { (svg ?? "").components(separatedBy: "<rect class=\"bar ").count - 1 }

@Suite struct ReportPageTests {
    func copySample() throws -> String {
        let dir = try temporaryDirectory()
        for f in ["studio.due", "studio-clients.due"] {
            try FileManager.default.copyItem(atPath: Repo.path("samples/\(f)"), toPath: dir + "/" + f)
        }
        return dir
    }

    func report(_ dir: String) throws -> String {
        let r = try DueRun.run(["report", "--as-of", "2026-11-20", dir + "/studio.due"])
        #expect(r.status == 0, "\(r.stderr)")
        return try String(contentsOfFile: dir + "/studio.report.html", encoding: .utf8)
    }

    @Test func studioPageMatchesItsGoldenAndIsTheSameOnASecondRun() throws {
        let dir = try copySample()
        let html = try report(dir)
        Golden.check(html, against: Repo.path("Tests/DueKitTests/Goldens/report/studio-2026-11-20.html"))
        let again = try DueRun.run(["report", "--as-of", "2026-11-20", dir + "/studio.due"])
        #expect(again.stdout.contains("Unchanged \(dir)/studio.report.html"))
        #expect(again.stdout.contains("Unchanged \(dir)/studio.report/aging-gbp.svg"))
    }

    @Test func pageIsSelfContained() throws {
        let html = try report(try copySample())
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") })
        #expect(!html.contains("https://"))
        #expect(!html.contains("<link") && !html.contains("<img") && !html.contains("url("))
        #expect(html.contains("@media (prefers-color-scheme: dark)") && html.contains("@media print"))
    }

    /// Every chart has a bar for each amount above zero, and none for the others.
    @Test func chartsHaveABarPerAmount() throws {
        let l = try LedgerLoader.load(path: Repo.path("samples/studio.due")).ledger
        let asOf = day("2026-11-20")
        let sheet = BalanceEngine.balances(l, asOf: asOf)
        let aging = AgingReport(ledger: l, sheet: sheet, options: AgingOptions(settings: l.settings))
        let forecast = CashForecast(ledger: l, sheet: sheet)
        let history = ReportHistory(ledger: l, asOf: asOf, buckets: aging.options)
        #expect(history.months.map(\.end) == ReportHistory.monthEnds(before: asOf))
        #expect(history.months.first?.end == day("2025-11-30") && history.months.last?.end == day("2026-10-31"))
        for m in history.months {
            // The month's DSO is the clients table's, as of that month-end.
            #expect(m.dso.map(\.dso) == ClientBehaviour.build(l, asOf: m.end).totals.map(\.dso), "\(m.end)")
            let full = AgingReport.build(l, asOf: m.end).totals
            #expect(m.aging.map(\.currency) == full.map(\.currency))
            #expect(m.aging.map(\.buckets) == full.map(\.buckets) && m.aging.map(\.total) == full.map(\.total))
            #expect(m.aging.map(\.creditOnAccount) == full.map(\.creditOnAccount) && m.aging.map(\.openInvoices) == full.map(\.openInvoices))
        }
        let html = try report(try copySample())
        let svgs = charts(in: html)
        #expect(svgs.count == 7)
        for t in aging.totals {
            let svg = svgs["Aging, \(t.currency.code), as of 2026-11-20"]
            #expect(bars(svg) == t.buckets.filter { $0 > 0 }.count)
        }
        // GBP: 5 buckets, all with money; EUR: nothing over 90.
        #expect(bars(svgs["Aging, GBP, as of 2026-11-20"]) == 5 && bars(svgs["Aging, EUR, as of 2026-11-20"]) == 4)
        for c in history.currencies {
            let expected = history.months.reduce(0) { n, m in n + (m.aging.first { $0.currency == c }?.buckets.filter { $0 > 0 }.count ?? 0) }
            #expect(bars(svgs["Aging at each month-end, \(c.code)"]) == expected)
        }
        for t in forecast.totals {
            let expected = (t.weeks + [t.later, t.atRisk]).filter { $0 > 0 }.count
            #expect(bars(svgs["Cash expected, \(t.currency.code), weeks from 2026-11-21"]) == expected)
        }
        // The line chart: a dot per month with a figure.
        let dots = (svgs["DSO and average days late, by month"] ?? "").components(separatedBy: "<circle class=\"dot ").count - 1
        let expectedDots = history.months.reduce(0) { n, m in n + m.dso.filter { $0.dso != nil }.count + (m.averageDaysLate == nil ? 0 : 1) }
        #expect(dots == expectedDots)
        // Each client card's small chart: a bar per invoice past its due date, the last 12.
        // harbour: 2025-004, 2025-015 and 2026-005 settled, 2026-010 still open and overdue.
        let harbour = html.components(separatedBy: "id=\"client-harbour\"")[1].components(separatedBy: "</article>")[0]
        #expect(harbour.components(separatedBy: "<rect class=\"spark").count - 1 == 4)
        #expect(harbour.components(separatedBy: "<rect class=\"spark open\"").count - 1 == 1)
    }

    @Test func markdownReportShowsTheChartFilesWrittenBesideIt() throws {
        let dir = try copySample()
        _ = try report(dir)
        let md = try String(contentsOfFile: dir + "/studio.aging.md", encoding: .utf8)
        let links = md.components(separatedBy: "](studio.report/").dropFirst().map { String($0.prefix { $0 != ")" }) }
        #expect(links.sorted() == ["aging-eur.svg", "aging-gbp.svg", "dso.svg", "forecast-eur.svg", "forecast-gbp.svg", "history-eur.svg", "history-gbp.svg"])
        for f in links {
            let svg = try String(contentsOfFile: dir + "/studio.report/" + f, encoding: .utf8)
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.contains("<style>"))
        }
        let page = charts(in: try String(contentsOfFile: dir + "/studio.report.html", encoding: .utf8))
        let file = charts(in: "<svg " + (try String(contentsOfFile: dir + "/studio.report/aging-gbp.svg", encoding: .utf8)))
        // The same bars in the file as on the page.
        #expect(bars(file["Aging, GBP, as of 2026-11-20"]) == bars(page["Aging, GBP, as of 2026-11-20"]))
    }

    @Test func ledgerTextIsEscaped() throws {
        let dir = try temporaryDirectory()
        let text = """
            settings
              currency  GBP

            client evil <script>alert("x")</script> & Co
              terms  net 30

            2026-01-01 invoice evil A1
              for    <img src=x onerror=alert(1)>
              total  10.00

            2026-02-10 note evil call
              said  "Paid" <i>soon</i> & 'later'

            """
        try text.write(toFile: dir + "/evil.due", atomically: true, encoding: .utf8)
        let r = try DueRun.run(["report", "--as-of", "2026-03-01", dir + "/evil.due"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: dir + "/evil.report.html", encoding: .utf8)
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<i>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"))
        #expect(html.contains("&quot;Paid&quot; &lt;i&gt;soon&lt;/i&gt; &amp; &#39;later&#39;"))
    }

    @Test func escapingIntoBytesGivesWhatEscapingAStringGives() {
        for s in ["", "plain", "&", "<a href='x'>\"Ré\" & ünïcode — 10 €</a>", "ends with &", "<<>>", "日本語 'quoted'"] {
            var out = ByteText()
            out.append("[")
            HTMLText.appendEscaped(s, to: &out)
            out.append("]")
            #expect(out.string == "[" + HTMLText.escape(s) + "]")
        }
    }

    @Test func sparklineWorkedOutByHand() {
        let svg = ReportPage.sparkline([(number: "A<1", days: 1, open: false), (number: "A2", days: 180, open: true)])
        #expect(svg == """
            <svg class="spark" viewBox="0 0 24 28" width="24" height="28" role="img" aria-label="days late of the last 2 invoices">\
            <rect class="spark" x="0" y="27" width="10" height="1"><title>A&lt;1: 1 day late</title></rect>\
            <rect class="spark open" x="12" y="2" width="10" height="26"><title>A2: 180 days late, still open</title></rect>\
            </svg> <span class="muted">last 2, oldest first</span>
            """)
    }

    /// Headless Chromium loads the page, draws it to a PNG and prints it to a PDF.
    @Test func chromiumRendersThePage() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("skipped: chromium is not installed (apt-get install chromium)")
            return
        }
        let dir = try copySample()
        _ = try report(dir)
        let page = "file://" + dir + "/studio.report.html"
        func run(_ args: [String]) throws -> (Int32, String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: chromium)
            p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(dir)/chromium"] + args + [page]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let (status, dom) = try run(["--dump-dom"])
        #expect(status == 0)
        // The DOM as the browser built it: every section and chart is there.
        #expect(dom.contains("Receivables of studio.due as of 2026-11-20"))
        #expect(dom.components(separatedBy: "class=\"chart\"").count - 1 == 7)
        #expect(dom.contains("id=\"client-pellucid\""))
        let (s1, _) = try run(["--window-size=1200,2400", "--screenshot=\(dir)/page.png"])
        let (s2, _) = try run(["--print-to-pdf=\(dir)/page.pdf", "--no-pdf-header-footer"])
        #expect(s1 == 0 && s2 == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/page.png"))
        let pdf = try Data(contentsOf: URL(fileURLWithPath: dir + "/page.pdf"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 50_000)
        #expect(pdf.starts(with: Array("%PDF".utf8)) && pdf.count > 20_000)
    }
}
