/// The report's charts, each with the table of its numbers: drawn once and used by the HTML
/// page (inline) and by the Markdown report (as SVG files beside it).
public struct ReportChart: Sendable {
    /// File name in the charts folder: `aging-gbp.svg`.
    public var file: String
    public var title: String
    /// For the page, styled by the page's CSS.
    public var inline: String
    /// For a file, carrying its own style.
    public var standalone: String
    public var table: ReportTable
}

public struct ReportCharts: Sendable {
    public var aging: [ReportChart] = []
    public var history: [ReportChart] = []
    public var lateness: ReportChart?
    public var forecast: [ReportChart] = []

    public var all: [ReportChart] { aging + history + (lateness.map { [$0] } ?? []) + forecast }

    static func bucketStyles(_ n: Int) -> [String] { (0..<n).map { "b\(min($0, 5))" } }

    public init(aging: AgingReport, history: ReportHistory, forecast: CashForecast) {
        let labels = aging.bucketLabels
        let styles = ReportCharts.bucketStyles(labels.count)
        func money(_ v: Int64, _ c: Currency) -> String { MoneyFormat.format(v, precision: c.precision) }

        for t in aging.totals {
            let c = t.currency
            let title = "Aging, \(c.code), as of \(aging.asOf)"
            var table = ReportTable([ReportTable.Column("Bucket"), ReportTable.Column(c.code, .right)])
            for (l, v) in zip(labels, t.buckets) { table.add([l, money(v, c)]) }
            table.add(["Total", money(t.total, c)], total: true)
            func draw(_ standalone: Bool) -> String {
                SVGChart.bars(title: title, labels: labels, values: t.buckets, styles: styles, unit: .money(c), standalone: standalone)
            }
            self.aging.append(ReportChart(file: "aging-\(c.code.lowercased()).svg", title: title, inline: draw(false), standalone: draw(true), table: table))
        }

        let months = history.months.map { Self.monthLabel($0.end) }
        for c in history.currencies {
            let title = "Aging at each month-end, \(c.code)"
            let rows = history.months.map { m in m.aging.first { $0.currency == c } }
            let series = labels.indices.map { k in
                SVGChart.Series(name: labels[k], style: styles[k], values: rows.map { $0.map { $0.buckets[k] } ?? 0 })
            }
            var table = ReportTable([ReportTable.Column("Month-end")] + labels.map { ReportTable.Column($0, .right) } + [ReportTable.Column("Total", .right)])
            for (m, r) in zip(history.months, rows) {
                table.add(["\(m.end)"] + labels.indices.map { money(r?.buckets[$0] ?? 0, c) } + [money(r?.total ?? 0, c)])
            }
            func draw(_ standalone: Bool) -> String { SVGChart.stacked(title: title, labels: months, series: series, unit: .money(c), standalone: standalone) }
            self.history.append(ReportChart(file: "history-\(c.code.lowercased()).svg", title: title, inline: draw(false), standalone: draw(true), table: table))
        }

        if !history.months.isEmpty {
            let title = "DSO and average days late, by month"
            var series: [SVGChart.Series] = []
            for (k, c) in history.currencies.enumerated() {
                series.append(SVGChart.Series(name: "DSO \(c.code)", style: "s\(k % 3)", values: history.months.map { m in
                    m.dso.first { $0.currency == c }?.dso.map { Int64($0) * 10 }
                }))
            }
            series.append(SVGChart.Series(name: "Average days late", style: "s3", values: history.months.map { $0.averageDaysLate.map { Int64($0.value) } }))
            var table = ReportTable([ReportTable.Column("Month-end")] + history.currencies.map { ReportTable.Column("DSO \($0.code)", .right) } + [ReportTable.Column("Average days late", .right), ReportTable.Column("Invoices settled", .right)])
            for m in history.months {
                table.add(["\(m.end)"] + history.currencies.map { c in m.dso.first { $0.currency == c }?.dso.map(String.init) ?? "" } + [m.averageDaysLate?.description ?? "", "\(m.settled)"])
            }
            func draw(_ standalone: Bool) -> String { SVGChart.lines(title: title, labels: months, series: series, unit: .tenthsOfDays, standalone: standalone) }
            lateness = ReportChart(file: "dso.svg", title: title, inline: draw(false), standalone: draw(true), table: table)
        }

        for t in forecast.totals {
            let c = t.currency
            let title = "Cash expected, \(c.code), weeks from \(forecast.weekStart(0))"
            let weekLabels = (0..<forecast.weeks).map { k -> String in
                let d = forecast.weekStart(k).components
                return "\(d.day) \(Self.monthNames[d.month - 1])"
            }
            let values = t.weeks + [t.later, t.atRisk]
            let styles = [String](repeating: "fw", count: forecast.weeks) + ["fl", "fr"]
            var table = ReportTable([ReportTable.Column("Week"), ReportTable.Column("Dates"), ReportTable.Column("Expected \(c.code)", .right)])
            for k in 0..<forecast.weeks { table.add(["\(k + 1)", "\(forecast.weekStart(k)) – \(forecast.weekEnd(k))", money(t.weeks[k], c)]) }
            table.add(["later", "after \(forecast.weekEnd(forecast.weeks - 1))", money(t.later, c)])
            table.add(["at risk", "disputed or demanded", money(t.atRisk, c)])
            if t.creditOnAccount != 0 { table.add(["credit", "on account", money(-t.creditOnAccount, c)]) }
            table.add(["Owed", "", money(t.owed, c)], total: true)
            func draw(_ standalone: Bool) -> String {
                SVGChart.bars(title: title, labels: weekLabels + ["later", "at risk"], values: values, styles: styles, unit: .money(c), standalone: standalone)
            }
            self.forecast.append(ReportChart(file: "forecast-\(c.code.lowercased()).svg", title: title, inline: draw(false), standalone: draw(true), table: table))
        }
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Nov 25"
    static func monthLabel(_ d: Day) -> String {
        let c = d.components
        let y = String(c.year % 100)
        return "\(monthNames[c.month - 1]) \(y.count == 1 ? "0" + y : y)"
    }
}

extension ReportTable {
    /// An HTML table, every cell escaped; amounts (right-aligned columns) get `class="n"`.
    public func html(caption: String? = nil) -> String {
        var out = "<table>\n"
        if let caption { out += "<caption>\(HTMLText.escape(caption))</caption>\n" }
        out += "<thead><tr>"
        for c in columns { out += c.align == .right ? "<th class=\"n\">" : "<th>"; out += HTMLText.escape(c.title) + "</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for r in rows {
            out += r.isTotal ? "<tr class=\"total\">" : "<tr>"
            for (k, c) in columns.enumerated() {
                let cell = k < r.cells.count ? r.cells[k] : ""
                out += (c.align == .right ? "<td class=\"n\">" : "<td>") + HTMLText.escape(cell) + "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
