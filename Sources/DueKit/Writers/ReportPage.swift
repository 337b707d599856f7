/// The weekly report as one self-contained HTML page: totals, today's agenda, the charts with
/// their tables, the cash forecast and a card per client. Inline CSS and SVG only (no script,
/// no fonts or images fetched), every piece of ledger text escaped, and nothing in it but the
/// ledger's figures as of the date, so the same ledger and date give the same bytes.
public struct ReportPage: Sendable {
    public var ledgerName: String
    public var aging: AgingReport
    public var behaviour: ClientBehaviour
    public var forecast: CashForecast
    public var charts: ReportCharts
    public var agenda: Agenda?

    /// How many of a client's latest events its card lists.
    public static let timelineLength = 24

    public init(ledgerName: String, aging: AgingReport, behaviour: ClientBehaviour, forecast: CashForecast, charts: ReportCharts, agenda: Agenda?) {
        self.ledgerName = ledgerName
        self.aging = aging
        self.behaviour = behaviour
        self.forecast = forecast
        self.charts = charts
        self.agenda = agenda
    }

    static func e(_ s: String) -> String { HTMLText.escape(s) }
    static func money(_ v: Int64, _ c: Currency) -> String { MoneyFormat.format(v, precision: c.precision) }

    /// `sheet`: the balances the aging was made from.
    public func render(ledger: Ledger, sheet: BalanceSheet) -> String {
        head() + Self.cards(ledger: ledger, sheet: sheet, aging: aging, behaviour: behaviour) + foot()
    }

    /// The page up to the client cards: `head() + cards(…) + foot()` is the page, for a caller
    /// that renders the cards on another core or writes the page piece by piece.
    public func head() -> String {
        let title = "Receivables of \(ledgerName) as of \(aging.asOf)"
        var out = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>\(Self.e(title))</title>
            <style>
            \(SVGChart.style)
            \(ReportPage.css)
            </style>
            </head>
            <body>
            <header>
            <h1>Receivables <span class="muted">of \(Self.e(ledgerName))</span></h1>
            <p class="muted">As of \(aging.asOf.longDescription). Written by <code>due report</code>; re-run it rather than editing this page.</p>
            <nav><a href="#totals">Totals</a> <a href="#agenda">Today</a> <a href="#aging">Aging</a> <a href="#history">By month</a> <a href="#forecast">Cash forecast</a> <a href="#clients">Clients</a></nav>
            </header>
            <main>

            """
        out += totals()
        out += agendaSection()
        // The buckets count from the issue date with `aging issue`: the heading says so.
        out += aging.options.byIssueDate
            ? section(id: "aging", title: "What is owed, by days since issue", charts.aging, intro: "Open amounts by how long ago they were invoiced. Credit on account stands as a negative amount in Current.")
            : section(id: "aging", title: "What is owed, by days past due", charts.aging, intro: "Open amounts by how far past their due date they are. Credit on account stands as a negative amount in Current.")
        out += section(id: "history", title: "How it moved, month by month", charts.history + (charts.lateness.map { [$0] } ?? []), intro: "The aging at each of the last \(ReportHistory.months) month-ends; DSO at each month-end and the average days late of the invoices settled in each month.")
        out += section(id: "forecast", title: "Cash forecast", charts.forecast, intro: "When the money owed should come in, week by week, from promises, plans and how each client pays. Disputed and demanded amounts are at risk, in no week.")
        return out
    }

    /// The page after the client cards.
    public func foot() -> String {
        "</main>\n<footer class=\"muted\">\(Self.e(ledgerName)) · \(aging.asOf)</footer>\n</body>\n</html>\n"
    }


    // MARK: - Sections

    func totals() -> String {
        var out = "<section id=\"totals\">\n<h2>Totals</h2>\n"
        if aging.totals.isEmpty { return out + "<p>Nothing is owed.</p>\n</section>\n" }
        out += "<div class=\"tiles\">\n"
        for t in aging.totals {
            let c = t.currency
            let overdue = t.overdue
            let dso = behaviour.totals.first { $0.currency == c }?.dso
            let soon = forecast.totals.first { $0.currency == c }.map { $0.weeks.prefix(4).reduce(0, +) }
            out += "<div class=\"tile\">\n<p class=\"label\">Owed, \(c.code)</p>\n<p class=\"big\">\(Self.money(t.total, c))</p>\n<dl>\n"
            out += "<dt>Overdue</dt><dd>\(Self.money(overdue, c))</dd>\n"
            out += "<dt>Disputed</dt><dd>\(Self.money(t.disputed, c))</dd>\n"
            out += "<dt>Promised</dt><dd>\(Self.money(t.promised, c))</dd>\n"
            if let soon { out += "<dt>Expected in 4 weeks</dt><dd>\(Self.money(soon, c))</dd>\n" }
            out += "<dt>DSO</dt><dd>\(dso.map { "\($0) days" } ?? "–")</dd>\n"
            out += "<dt>Open invoices</dt><dd>\(t.openInvoices)</dd>\n</dl>\n</div>\n"
        }
        return out + "</div>\n</section>\n"
    }

    func agendaSection() -> String {
        var out = "<section id=\"agenda\">\n<h2>Today’s agenda</h2>\n"
        guard let agenda, !agenda.items.isEmpty else { return out + "<p>Nothing to do today.</p>\n</section>\n" }
        out += "<ol class=\"agenda\">\n"
        for item in agenda.items {
            out += "<li class=\"\(item.kind.rawValue)\"><strong>\(Self.e(item.client))</strong> — \(Self.e(item.action))<br><span class=\"muted\">\(Self.e(item.why))</span></li>\n"
        }
        return out + "</ol>\n</section>\n"
    }

    func section(id: String, title: String, _ charts: [ReportChart], intro: String) -> String {
        var out = "<section id=\"\(id)\">\n<h2>\(Self.e(title))</h2>\n<p class=\"muted\">\(Self.e(intro))</p>\n"
        if charts.isEmpty { return out + "<p>Nothing to show.</p>\n</section>\n" }
        for c in charts {
            out += "<figure>\n" + c.inline
            out += "<div class=\"numbers\">\n" + c.table.html(caption: "In numbers") + "</div>\n</figure>\n"
        }
        return out + "</section>\n"
    }

    /// The section of client cards. It reads only the aging and the behaviour, so it can be
    /// rendered before the charts, the forecast and the agenda are known.
    public static func cards(ledger: Ledger, sheet: BalanceSheet, aging: AgingReport, behaviour: ClientBehaviour) -> String {
        let ids = cardOrder(aging: aging, behaviour: behaviour)
        let bytes = cards(of: ids[...], ledger: ledger, aging: aging, behaviour: behaviour, past: CardHistory(ledger: ledger, sheet: sheet), runs: CardRuns(aging: aging, behaviour: behaviour))
        return cardsOpen + String(decoding: bytes, as: UTF8.self) + cardsClose
    }

    static let cardsOpen = "<section id=\"clients\">\n<h2>Clients</h2>\n<div class=\"cards\">\n"
    static let cardsClose = "</div>\n</section>\n"

    /// What the cards show of each client's past: the latest entries and the lateness of the
    /// latest invoices. Gathered apart from the rendering, so it can be gathered before the
    /// aging and the behaviour are known.
    struct CardHistory: Sendable {
        let timeline: ClientTimeline
        let lateness: LatestPerClient<Lateness>

        /// `sheet`: the balances the report's aging is made from.
        init(ledger: Ledger, sheet: BalanceSheet) {
            timeline = ClientTimeline(ledger: ledger, asOf: sheet.asOf, keep: ReportPage.timelineLength)
            lateness = ReportPage.lateness(ledger: ledger, sheet: sheet)
        }
    }

    /// The clients with a card, in the page's order: clients with money overdue first, then
    /// those owing anything, then the rest; by id within.
    static func cardOrder(aging: AgingReport, behaviour: ClientBehaviour) -> [String] {
        var rank: [String: Int] = [:]
        for id in behaviour.rows.map(\.client) { rank[id] = 2 }
        for r in aging.clients { rank[r.client] = min(rank[r.client] ?? 2, r.overdue > 0 ? 0 : r.total != 0 ? 1 : 2) }
        return rank.keys.sorted { (rank[$0]!, $0) < (rank[$1]!, $1) }
    }

    /// Where each client's rows stand in the behaviour and the aging, both sorted by client:
    /// each client's rows are one run, found once for all the parts of the cards.
    struct CardRuns: Sendable {
        let rows: [String: Range<Int>]
        let owing: [String: Range<Int>]

        init(aging: AgingReport, behaviour: ClientBehaviour) {
            rows = ReportPage.runs(behaviour.rows.map(\.client))
            owing = ReportPage.runs(aging.clients.map(\.client))
        }
    }

    /// The cards of `ids`, one after another, as UTF-8: the cards of consecutive parts of
    /// `cardOrder`, joined, are the section's cards. Bytes, not a `String`, because they go to
    /// the file as they are: making a `String` of them copied the page's tens of MB.
    /// `runs`: `CardRuns` of the same aging and behaviour.
    static func cards(of ids: ArraySlice<String>, ledger: Ledger, aging: AgingReport, behaviour: ClientBehaviour, past: CardHistory, runs: CardRuns) -> [UInt8] {
        // Written as bytes into one buffer with room for a full card each (4–6 KB on the
        // benchmark's ledgers): building each piece as a `String` and regrowing the text cost
        // a large ledger more than gathering what the cards show, and a buffer regrown to
        // twice its size held more than the text.
        var out = ByteText(capacity: ids.count * 6144)
        let timeline = past.timeline, lateness = past.lateness
        let rowsOf = runs.rows, owingOf = runs.owing
        for id in ids {
            let name = ledger.client(id)?.name ?? id
            let rows = rowsOf[id].map { behaviour.rows[$0] } ?? []
            let owing = owingOf[id].map { aging.clients[$0] } ?? []
            let worsening = rows.contains { $0.trend == .worsening }
            out.words("<article class=\"card")
            if worsening { out.words(" worsening") }
            out.words("\" id=\"client-")
            HTMLText.appendEscaped(SafeName.component(id), to: &out)
            out.words("\">\n<h3>")
            HTMLText.appendEscaped(name, to: &out)
            if name != id {
                out.words(" <span class=\"muted\">")
                HTMLText.appendEscaped(id, to: &out)
                out.words("</span>")
            }
            out.words("</h3>\n<dl>\n")
            if owing.isEmpty { out.words("<dt>Owes</dt><dd>nothing</dd>\n") }
            for r in owing {
                let c = r.currency
                let overdue = r.overdue
                var extra: [String] = []
                if overdue != 0 { extra.append("\(Self.money(overdue, c)) overdue") }
                if r.disputed != 0 { extra.append("\(Self.money(r.disputed, c)) disputed") }
                if r.promised != 0 { extra.append("\(Self.money(r.promised, c)) promised") }
                if r.creditOnAccount != 0 { extra.append("\(Self.money(r.creditOnAccount, c)) credit on account") }
                out.words("<dt>Owes</dt><dd><strong>")
                out.money(r.total, precision: c.precision)
                out.byte(0x20)
                out.currency(c)
                out.words("</strong>")
                if !extra.isEmpty {
                    out.words(" (")
                    out.append(extra.joined(separator: ", "))
                    out.words(")")
                }
                out.words("</dd>\n")
            }
            for r in rows {
                var how = "\(r.paid) of \(r.invoices) invoice\(r.invoices == 1 ? "" : "s") paid"
                if let a = r.averageDaysLate { how += ", on average \(a) days late" }
                if let m = r.medianDaysLate { how += " (median \(m))" }
                if let p = r.onTimePercent { how += ", \(p)% on time" }
                if let d = r.dso { how += ", DSO \(d)" }
                out.words("<dt>Pays (")
                out.currency(r.currency)
                out.words(")</dt><dd>")
                HTMLText.appendEscaped(how, to: &out)
                out.words("</dd>\n")
                var trend = r.trend.rawValue
                if let now = r.recentDaysLate, let before = r.historyDaysLate { trend += ": lately \(now) days late, before \(before)" }
                out.words("<dt>Trend</dt><dd class=\"trend-")
                out.append(r.trend == .new ? "new" : r.trend.rawValue)
                out.words("\">")
                HTMLText.appendEscaped(trend, to: &out)
                out.words("</dd>\n")
            }
            let late = lateness.latest(id).items
            if !late.isEmpty {
                out.words("<dt>Days late</dt><dd>")
                ReportPage.sparkline(late.map { (number: ledger.invoices[Int($0.index)].number, days: $0.days, open: $0.open) }, into: &out)
                out.words("</dd>\n")
            }
            if let said = rows.first?.lastSaid {
                out.words("<dt>Last said</dt><dd>")
                out.day(said.date)
                out.words(": ")
                HTMLText.appendEscaped(said.gist, to: &out)
                out.words("</dd>\n")
            }
            out.words("</dl>\n")
            let (shown, count) = timeline.entries(of: id)
            if count > 0 {
                out.words("<ol class=\"timeline\">\n")
                if count > shown.count {
                    out.words("<li class=\"more muted\">")
                    out.int(count - shown.count)
                    out.words(" earlier not shown</li>\n")
                }
                for entry in shown {
                    let kind = ClientTimeline.kind(of: entry, in: ledger)
                    out.words("<li class=\"")
                    out.words(kind)
                    out.words("\"><time>")
                    out.day(entry.date)
                    out.words("</time> <span class=\"kind\">")
                    out.words(kind)
                    out.words("</span> ")
                    ClientTimeline.write(entry, in: ledger, into: &out, escapingHTML: true)
                    out.words("</li>\n")
                }
                out.words("</ol>\n")
            }
            out.words("</article>\n")
        }
        return out.bytes
    }

    /// Days late of each of a client's invoices past their due date (final when settled, so
    /// far when still open), by due date: the last `sparkCount`.
    static let sparkCount = 12

    struct Lateness: Sendable {
        var due: Day
        var order: Int
        /// Index into `ledger.invoices`.
        var index: Int32
        var days: Int
        var open: Bool
    }

    static func lateness(ledger: Ledger, sheet: BalanceSheet) -> LatestPerClient<Lateness> {
        let asOf = sheet.asOf
        var out = LatestPerClient<Lateness>(ledger, keep: sparkCount) { a, b in (a.due, a.order, a.index) < (b.due, b.order, b.index) }
        // By index, reading the fields it needs: copying every invoice would cost more. Latest
        // first, so that once a client has the invoices shown, each earlier one is passed over
        // after one comparison.
        for i in sheet.invoices.indices.reversed() where sheet.invoices[i].issued && sheet.invoices[i].total > 0 && sheet.invoices[i].writtenOff == 0 {
            let b = sheet.invoices[i]
            let due = ledger.invoices[i].due
            let days: Int, open: Bool
            if let s = b.paidUp {
                (days, open) = (max(0, s.days(since: due)), false)
            } else if b.open > 0 && due < asOf {
                (days, open) = (asOf.days(since: due), true)
            } else {
                continue
            }
            out.add(Lateness(due: due, order: ledger.invoices[i].order, index: Int32(i), days: days, open: open), client: ledger.invoices[i].client, number: ledger.invoices[i].clientNumber)
        }
        return out
    }

    /// A small bar per invoice, height by days late (capped at 90), red while still unpaid.
    static func sparkline(_ late: [(number: String, days: Int, open: Bool)]) -> String {
        var out = ByteText()
        sparkline(late, into: &out)
        return out.string
    }

    static func sparkline(_ late: [(number: String, days: Int, open: Bool)], into out: inout ByteText) {
        let w = 10, gap = 2, h = 28
        out.words("<svg class=\"spark\" viewBox=\"0 0 ")
        out.int(late.count * (w + gap))
        out.byte(0x20)
        out.int(h)
        out.words("\" width=\"")
        out.int(late.count * (w + gap))
        out.words("\" height=\"")
        out.int(h)
        out.words("\" role=\"img\" aria-label=\"days late of the last ")
        out.int(late.count)
        out.words(" invoices\">")
        for (k, l) in late.enumerated() {
            let bar = max(1, min(90, l.days) * (h - 2) / 90)
            out.words("<rect class=\"spark")
            if l.open { out.words(" open") }
            out.words("\" x=\"")
            out.int(k * (w + gap))
            out.words("\" y=\"")
            out.int(h - bar)
            out.words("\" width=\"")
            out.int(w)
            out.words("\" height=\"")
            out.int(bar)
            out.words("\"><title>")
            // The tip, escaped as a whole: only the invoice's number can hold a character to escape.
            HTMLText.appendEscaped(l.number, to: &out)
            out.words(": ")
            out.int(l.days)
            out.words(l.days == 1 ? " day late" : " days late")
            if l.open { out.words(", still open") }
            out.words("</title></rect>")
        }
        out.words("</svg> <span class=\"muted\">last ")
        out.int(late.count)
        out.words(", oldest first</span>")
    }

    /// Where each id's run starts and ends in a list sorted by id.
    static func runs(_ ids: [String]) -> [String: Range<Int>] {
        var out: [String: Range<Int>] = [:]
        var start = 0
        for k in ids.indices where k + 1 == ids.count || ids[k + 1] != ids[k] {
            out[ids[k]] = start..<(k + 1)
            start = k + 1
        }
        return out
    }

    static let css = """
        :root{--bg:#f6f8fa;--fg:#1f2328;--card:#ffffff;--rule:#d0d7de;--muted:#59636e;--accent:#3f7fd0;--warn:#cf4336}
        @media (prefers-color-scheme: dark){:root{--bg:#0d1117;--fg:#e6edf3;--card:#161b22;--rule:#30363d;--muted:#9198a1;--accent:#6ea8fe;--warn:#ff7b72}}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif}
        header,main,footer{max-width:1080px;margin:0 auto;padding:0 20px}
        header{padding-top:24px}
        h1{font-size:28px;margin:0 0 4px}
        h2{font-size:20px;margin:36px 0 8px;border-bottom:1px solid var(--rule);padding-bottom:4px}
        h3{font-size:16px;margin:0 0 8px}
        .muted{color:var(--muted);font-weight:normal}
        nav a{color:var(--accent);margin-right:14px;text-decoration:none}
        code{font-size:90%}
        .tiles{display:flex;flex-wrap:wrap;gap:16px}
        .tile,.card,figure{background:var(--card);border:1px solid var(--rule);border-radius:8px;padding:14px 16px}
        .tile{flex:1 1 280px}
        .tile .label{margin:0;color:var(--muted)}
        .tile .big{font-size:30px;font-weight:600;margin:0 0 8px;font-variant-numeric:tabular-nums}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}
        dt{color:var(--muted)}
        dd{margin:0;font-variant-numeric:tabular-nums}
        figure{margin:0 0 16px;display:flex;flex-wrap:wrap;gap:8px 24px;align-items:flex-start}
        svg.chart{display:block;flex:1 1 520px;max-width:640px;height:auto}
        text{fill:var(--fg)}
        .grid{stroke:var(--rule)}
        .numbers{overflow-x:auto;flex:0 1 auto;font-size:13px}
        table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
        caption{text-align:left;color:var(--muted);padding-bottom:4px}
        th,td{padding:3px 10px;border-bottom:1px solid var(--rule);text-align:left}
        .n{text-align:right}
        tr.total td{font-weight:600}
        ol.agenda{padding-left:24px}
        ol.agenda li{margin-bottom:8px}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:16px;align-items:start}
        .card.worsening{border-color:var(--warn)}
        svg.spark{vertical-align:middle}
        rect.spark{fill:var(--muted)}
        rect.spark.open{fill:var(--warn)}
        .trend-worsening{color:var(--warn);font-weight:600}
        ol.timeline{list-style:none;padding:0;margin:12px 0 0;border-left:2px solid var(--rule)}
        ol.timeline li{padding:1px 0 3px 10px;font-size:13px}
        ol.timeline time{color:var(--muted);font-variant-numeric:tabular-nums}
        ol.timeline .kind{display:inline-block;min-width:56px;font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
        ol.timeline li.payment .kind,ol.timeline li.credit .kind{color:#4c9f70}
        ol.timeline li.letter .kind{color:var(--accent)}
        ol.timeline li.note .kind{color:#b07c00}
        footer{margin:40px auto 24px}
        @media print{
        :root{--bg:#fff;--fg:#000;--card:#fff;--rule:#bbb;--muted:#444;--accent:#000}
        body{font-size:11pt}
        nav{display:none}
        .tile,.card,figure{break-inside:avoid}
        figure{padding:8px}
        svg.chart{flex:1 1 55%}
        .numbers{font-size:9pt;overflow:visible}
        h2{break-after:avoid}
        text{fill:#000}
        .grid{stroke:#ccc}
        }
        """
}
