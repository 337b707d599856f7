/// Renders a `CashForecast` as text, Markdown, CSV or JSON, and a `ForecastBacktest` as text
/// or Markdown.
public struct ForecastRenderer: ReportRendering {
    public let forecast: CashForecast
    public var color = false

    public init(_ forecast: CashForecast, color: Bool = false) {
        self.forecast = forecast
        self.color = color
    }

    public var title: String { "Cash forecast as of \(forecast.asOf), \(forecast.weeks) week\(forecast.weeks == 1 ? "" : "s")" }

    public static var legend: [String] {
        [
            "Week 1 runs from the day after the as-of date; an expected date already past counts in week 1.",
            "Expected date: a live promise's date for what it covers, a payment plan's instalment dates, otherwise the due date shifted by how the client pays: the median days between due date and payment of its last \(PaymentHabit.recentCount) settled invoices, blended with the ledger-wide median as if that were \(PaymentHabit.prior) more invoices (the ledger median alone for a client with none settled; the due date when nothing in the ledger is settled).",
            "At risk: disputed invoices and those a formal demand was sent about; not counted in any week. Their date is when they would come if paid after all: the due date shifted by the median lateness of the ledger's settled disputed invoices (after a demand, or without such history, by the client's habit).",
            "Weeks + later + at risk − credit on account = owed, as in the aging. Credit on account is money already received: it pays the client's next invoices, so no cash is expected for it.",
        ]
    }

    /// "2026-11-21 – 2026-11-27"
    func weekLabel(_ k: Int) -> String { "\(forecast.weekStart(k)) – \(forecast.weekEnd(k))" }

    public func summaryTable(_ t: CashForecast.Totals) -> ReportTable {
        var table = ReportTable([ReportTable.Column("Week"), ReportTable.Column("Dates"), ReportTable.Column("Expected \(t.currency.code)", .right)])
        let c = t.currency
        for k in 0..<forecast.weeks { table.add(["\(k + 1)", weekLabel(k), Self.money(t.weeks[k], c)]) }
        table.add(["later", "after \(forecast.weekEnd(forecast.weeks - 1))", Self.money(t.later, c)])
        var risk: [String] = []
        if t.disputed != 0 { risk.append("disputed \(Self.money(t.disputed, c))") }
        if t.demanded != 0 { risk.append("demand sent \(Self.money(t.demanded, c))") }
        table.add(["at risk", risk.joined(separator: ", "), Self.money(t.atRisk, c)])
        if t.creditOnAccount != 0 { table.add(["credit", "on account, already received", Self.money(-t.creditOnAccount, c)]) }
        table.add(["Owed", "", Self.money(t.owed, c)], total: true)
        return table
    }

    static let detailColumns = [
        ReportTable.Column("Client"), ReportTable.Column("Invoice"), ReportTable.Column("Cur."), ReportTable.Column("Due"),
        ReportTable.Column("Open", .right), ReportTable.Column("Expected"), ReportTable.Column("Amount", .right),
        ReportTable.Column("Week"), ReportTable.Column("Why"),
    ]

    public func detailTable() -> ReportTable {
        var table = ReportTable(Self.detailColumns)
        for l in forecast.lines {
            let c = l.currency
            if let r = l.risk {
                table.add([l.client, l.number, c.code, "\(l.due)", Self.money(l.open, c), l.ifPaid.map { "\($0)" } ?? "", Self.money(l.open, c), "at risk", r.rawValue + (l.ifPaid == nil ? "" : "; the date if paid after all")])
                continue
            }
            for (n, p) in l.parts.enumerated() {
                let w = forecast.week(of: p.date)
                table.add([
                    n == 0 ? l.client : "", n == 0 ? l.number : "", c.code, n == 0 ? "\(l.due)" : "", n == 0 ? Self.money(l.open, c) : "",
                    "\(p.date)", Self.money(p.amount, c), w < forecast.weeks ? "\(w + 1)" : "later", Self.why(p),
                ])
            }
        }
        return table
    }

    static func why(_ p: CashForecast.Part) -> String {
        switch p.basis {
        case .promise, .plan: p.basis.rawValue
        case .client, .ledger:
            p.shift == 0 ? "\(p.basis.rawValue): on the due date" : "\(p.basis.rawValue): \(p.shift.magnitude) day\(p.shift.magnitude == 1 ? "" : "s") \(p.shift > 0 ? "late" : "early")"
        case .dueDate: p.basis.rawValue
        }
    }

    public func text() -> String {
        var out = (color ? ANSI.bold : "") + title + (color ? ANSI.reset : "") + "\n"
        if forecast.totals.isEmpty { return out + "\nNothing is owed.\n" }
        for t in forecast.totals { out += "\n\(t.currency.code)\n\n" + summaryTable(t).text(color: color) }
        out += "\nOpen invoices\n\n" + detailTable().text(color: color)
        out += "\n" + Self.legend.map { "* " + $0 + "\n" }.joined()
        return out
    }

    /// `lead`: Markdown placed under the title (the report's charts).
    public func markdown(level: Int = 1) -> String { markdown(level: level, lead: "") }

    public func markdown(level: Int = 1, lead: String) -> String {
        var out = ByteText()
        markdown(level: level, lead: lead, into: &out)
        return out.string
    }

    /// `markdown(level:lead:)` written into `out`. The detail's rows, one or more per open
    /// invoice, go straight into it as `detailTable().markdown()` would write them, rather
    /// than gathered as a table of strings and joined.
    func markdown(level: Int, lead: String, into out: inout ByteText) {
        let h = String(repeating: "#", count: level)
        out.append("\(h) \(title)\n\n")
        out.append(lead)
        if forecast.totals.isEmpty {
            out.append("Nothing is owed.\n")
            return
        }
        for l in Self.legend { out.append("- " + l + "\n") }
        for t in forecast.totals {
            out.append("\n\(h)# \(t.currency.code)\n\n")
            out.append(summaryTable(t).markdown())
        }
        out.append("\n\(h)# Open invoices\n\n")
        ReportTable(Self.detailColumns).markdownHeader(into: &out)
        // Ids and numbers can hold what a cell escapes; dates, codes, amounts, weeks and the
        // fixed words of the last two columns never do.
        for l in forecast.lines {
            let p = l.currency.precision
            if let r = l.risk {
                ReportTable.markdownInvoiceCells(client: l.client, number: l.number, currency: l.currency, into: &out)
                out.append(" | ")
                out.day(l.due)
                out.append(" | ")
                out.money(l.open, precision: p)
                out.append(" | ")
                if let d = l.ifPaid { out.day(d) }
                out.append(" | ")
                out.money(l.open, precision: p)
                out.append(" | at risk | ")
                out.append(r.rawValue)
                if l.ifPaid != nil { out.append("; the date if paid after all") }
                out.append(" |\n")
                continue
            }
            for (n, part) in l.parts.enumerated() {
                ReportTable.markdownInvoiceCells(client: l.client, number: l.number, currency: l.currency, named: n == 0, into: &out)
                out.append(" | ")
                if n == 0 { out.day(l.due) }
                out.append(" | ")
                if n == 0 { out.money(l.open, precision: p) }
                out.append(" | ")
                out.day(part.date)
                out.append(" | ")
                out.money(part.amount, precision: p)
                out.append(" | ")
                let w = forecast.week(of: part.date)
                if w < forecast.weeks { out.int(w + 1) } else { out.append("later") }
                out.append(" | ")
                out.append(Self.why(part))
                out.append(" |\n")
            }
        }
    }

    /// One row per week, later, at risk and credit per currency (kind `week`, …), then one
    /// row per expected part of an invoice (kind `invoice`). Plain decimal amounts.
    public func csv() -> String {
        var out = ByteText()
        ReportTable.csvLine(["kind", "currency", "week", "from", "to", "client", "invoice", "due", "open", "expected", "amount", "basis"], into: &out)
        for t in forecast.totals {
            let c = t.currency
            for k in 0..<forecast.weeks {
                ReportTable.csvLine(["week", c.code, "\(k + 1)", "\(forecast.weekStart(k))", "\(forecast.weekEnd(k))", "", "", "", "", "", Self.plain(t.weeks[k], c), ""], into: &out)
            }
            ReportTable.csvLine(["later", c.code, "", "\(forecast.weekEnd(forecast.weeks - 1).adding(days: 1))", "", "", "", "", "", "", Self.plain(t.later, c), ""], into: &out)
            ReportTable.csvLine(["at-risk", c.code, "", "", "", "", "", "", "", "", Self.plain(t.atRisk, c), ""], into: &out)
            ReportTable.csvLine(["credit", c.code, "", "", "", "", "", "", "", "", Self.plain(-t.creditOnAccount, c), ""], into: &out)
            ReportTable.csvLine(["owed", c.code, "", "", "", "", "", "", "", "", Self.plain(t.owed, c), ""], into: &out)
        }
        for l in forecast.lines {
            let c = l.currency
            if let r = l.risk {
                ReportTable.csvLine(["invoice", c.code, "at-risk", "", "", l.client, l.number, "\(l.due)", Self.plain(l.open, c), l.ifPaid.map { "\($0)" } ?? "", Self.plain(l.open, c), r.rawValue], into: &out)
            }
            for p in l.parts {
                let w = forecast.week(of: p.date)
                ReportTable.csvLine(["invoice", c.code, w < forecast.weeks ? "\(w + 1)" : "later", "", "", l.client, l.number, "\(l.due)", Self.plain(l.open, c), "\(p.date)", Self.plain(p.amount, c), p.basis.rawValue], into: &out)
            }
        }
        return out.string
    }

    public func json() -> JSONValue {
        let totals: [JSONValue] = forecast.totals.map { t in
            let c = t.currency
            let weeks: [JSONValue] = (0..<forecast.weeks).map { k in
                .object([("week", .int(Int64(k + 1))), ("from", .string("\(forecast.weekStart(k))")), ("to", .string("\(forecast.weekEnd(k))")), ("amount", .number(Self.plain(t.weeks[k], c)))])
            }
            return .object([
                ("currency", .string(c.code)), ("weeks", .array(weeks)), ("later", .number(Self.plain(t.later, c))),
                ("atRisk", .number(Self.plain(t.atRisk, c))), ("disputed", .number(Self.plain(t.disputed, c))),
                ("demandSent", .number(Self.plain(t.demanded, c))), ("creditOnAccount", .number(Self.plain(t.creditOnAccount, c))),
                ("owed", .number(Self.plain(t.owed, c))),
            ])
        }
        let invoices: [JSONValue] = forecast.lines.map { l in
            let c = l.currency
            let parts: [JSONValue] = l.parts.map { p in
                let w = forecast.week(of: p.date)
                return .object([
                    ("date", .string("\(p.date)")), ("amount", .number(Self.plain(p.amount, c))), ("basis", .string(p.basis.rawValue)),
                    ("shiftDays", .int(Int64(p.shift))), ("week", w < forecast.weeks ? .int(Int64(w + 1)) : .null),
                ])
            }
            return .object([
                ("invoice", .string(l.number)), ("client", .string(l.client)), ("currency", .string(c.code)),
                ("due", .string("\(l.due)")), ("open", .number(Self.plain(l.open, c))),
                ("atRisk", l.risk.map { .string($0.rawValue) } ?? .null), ("ifPaid", l.ifPaid.map { .string("\($0)") } ?? .null), ("expected", .array(parts)),
            ])
        }
        return .object([
            ("asOf", .string("\(forecast.asOf)")), ("weeks", .int(Int64(forecast.weeks))),
            ("totals", .array(totals)), ("invoices", .array(invoices)),
        ])
    }
}

/// The backtest as a table: a row per month-end and currency, and the totals over all.
public struct BacktestRenderer: Sendable {
    public let backtest: ForecastBacktest

    public init(_ backtest: ForecastBacktest) { self.backtest = backtest }

    public var title: String { "Cash forecast backtest: the next \(backtest.weeks) weeks after each month-end" }

    public static var legend: [String] {
        [
            "Received: money paid in those weeks to the invoices open at the month-end (later invoices left out: neither forecast knew them).",
            "Forecast: `due forecast` as of the month-end, its weeks plus the amounts at risk in the week they would come if paid after all. Sure: its weeks alone (at risk left out). Naive: every open invoice paid on its due date, a past due date in week 1.",
            "Abs. error: the sum over the weeks of |forecast − received|. MAPE: the mean over the weeks with money received of |forecast − received| ÷ received.",
        ]
    }

    static func pct(_ t: Tenths?) -> String { t.map { "\($0)%" } ?? "" }

    public func table() -> ReportTable {
        var table = ReportTable([
            ReportTable.Column("Month-end"), ReportTable.Column("Cur."), ReportTable.Column("Received", .right),
            ReportTable.Column("Forecast", .right), ReportTable.Column("Naive", .right),
            ReportTable.Column("Abs. error", .right), ReportTable.Column("Naive abs. error", .right),
            ReportTable.Column("MAPE", .right), ReportTable.Column("Naive MAPE", .right),
            ReportTable.Column("Sure", .right), ReportTable.Column("Sure abs. error", .right), ReportTable.Column("Sure MAPE", .right),
        ])
        func m(_ v: Int64, _ c: Currency) -> String { MoneyFormat.format(v, precision: c.precision) }
        func sum(_ w: [ForecastBacktest.Week], _ f: (ForecastBacktest.Week) -> Int64) -> Int64 { w.reduce(0) { $0 + f($1) } }
        for r in backtest.rows {
            let c = r.currency
            table.add([
                "\(r.asOf)", c.code, m(sum(r.weeks, \.actual), c), m(sum(r.weeks, \.forecast), c), m(sum(r.weeks, \.naive), c),
                m(r.forecastError, c), m(r.naiveError, c), Self.pct(r.forecastMAPE), Self.pct(r.naiveMAPE),
                m(sum(r.weeks, \.sure), c), m(r.sureError, c), Self.pct(r.sureMAPE),
            ])
        }
        for c in backtest.currencies {
            let w = backtest.rows.filter { $0.currency == c }.flatMap(\.weeks)
            let o = backtest.overall(c)
            table.add([
                "All", c.code, m(sum(w, \.actual), c), m(sum(w, \.forecast), c), m(sum(w, \.naive), c),
                m(o.forecastError, c), m(o.naiveError, c), Self.pct(o.forecastMAPE), Self.pct(o.naiveMAPE),
                m(sum(w, \.sure), c), m(o.sureError, c), Self.pct(o.sureMAPE),
            ], total: true)
        }
        return table
    }

    public func render(_ format: ReportFormat) -> String {
        switch format {
        case .markdown:
            "# \(title)\n\n" + Self.legend.map { "- " + $0 + "\n" }.joined() + "\n" + table().markdown()
        case .csv: table().csv()
        case .text, .json:
            title + "\n\n" + table().text() + "\n" + Self.legend.map { "* " + $0 + "\n" }.joined()
        }
    }
}
