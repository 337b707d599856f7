/// Renders an `AgingReport` as text, Markdown, CSV or JSON. Every amount is formatted with
/// `MoneyFormat`; grouped with commas for people, plain for CSV and JSON.
public struct AgingRenderer: ReportRendering {
    public let report: AgingReport
    public var color = false

    public init(_ report: AgingReport, color: Bool = false) {
        self.report = report
        self.color = color
    }

    var basis: String { report.options.byIssueDate ? "days since the invoice date" : "days past the due date" }

    public var title: String { "Aging as of \(report.asOf)" }

    public var legend: [String] {
        var l = [
            "Aged by \(basis); buckets \(report.bucketLabels.joined(separator: ", ")).",
            "Credited = credit notes + write-offs + early-payment discounts taken.",
            "Credit on account (money received but not yet used) stands as a negative amount in Current, so the buckets add up to what is owed.",
            "Disputed and promised amounts are part of the totals and are also shown apart.",
        ]
        l.append(report.options.byIssueDate
            ? "Days: days since the invoice date (Current: issued on the as-of date)."
            : "Days: days past the due date; negative while not yet due.")
        return l
    }

    /// One summary table per currency: a row per client, then the currency's total.
    public func summaryTables() -> [(Currency, ReportTable)] {
        report.totals.map { t in
            var cols = [ReportTable.Column("Client"), ReportTable.Column("Name")]
            cols += report.bucketLabels.map { ReportTable.Column($0, .right) }
            cols += [ReportTable.Column("Total", .right), ReportTable.Column("Disputed", .right), ReportTable.Column("Promised", .right)]
            var table = ReportTable(cols)
            let c = t.currency
            for r in report.clients where r.currency == c {
                let overdue = r.buckets.dropFirst().contains { $0 != 0 }
                table.add([r.client, r.name] + r.buckets.map { Self.money($0, c) } + [Self.money(r.total, c), Self.money(r.disputed, c), Self.money(r.promised, c)],
                    color: r.buckets.last != 0 ? ANSI.red : overdue ? nil : ANSI.dim)
            }
            table.add(["Total \(c.code)", ""] + t.buckets.map { Self.money($0, c) } + [Self.money(t.total, c), Self.money(t.disputed, c), Self.money(t.promised, c)], total: true)
            return (c, table)
        }
    }

    static let detailColumns = [
        ReportTable.Column("Client"), ReportTable.Column("Invoice"), ReportTable.Column("Cur."),
        ReportTable.Column("Issued"), ReportTable.Column("Due"), ReportTable.Column("Days", .right),
        ReportTable.Column("Total", .right), ReportTable.Column("Paid", .right), ReportTable.Column("Credited", .right),
        ReportTable.Column("Open", .right), ReportTable.Column("Bucket"), ReportTable.Column("Status"),
    ]

    public func detailTable() -> ReportTable {
        var table = ReportTable(Self.detailColumns)
        let labels = report.bucketLabels
        table.rows = report.lines.indices.map { detailRow($0, labels: labels) }
        return table
    }

    /// The detail's row of the `k`th open invoice; `labels`, the report's bucket labels, made
    /// once for all the rows.
    func detailRow(_ k: Int, labels: [String]) -> ReportTable.Row {
        let l = report.lines[k], c = l.currency
        return ReportTable.Row(
            cells: [
                l.client, l.number, c.code, l.issued.description, l.due.description, String(l.age),
                Self.money(l.total, c), Self.money(l.paid, c), Self.money(l.credited, c), Self.money(l.open, c),
                labels[l.bucket], l.status.summary,
            ],
            isTotal: false, color: l.status.isDisputed ? ANSI.yellow : l.bucket == labels.count - 1 ? ANSI.red : nil)
    }

    public func text() -> String {
        var out = (color ? ANSI.bold : "") + title + (color ? ANSI.reset : "") + "\n"
        if report.totals.isEmpty { return out + "\nNothing is owed.\n" }
        for (c, t) in summaryTables() {
            out += "\nSummary, \(c.code)\n\n" + t.text(color: color)
        }
        // Each row made as it is written (twice: for the widths, then the line), not all held.
        let labels = report.bucketLabels
        out += "\nOpen invoices\n\n" + ReportTable.text(columns: Self.detailColumns, count: report.lines.count, color: color) { detailRow($0, labels: labels) }
        out += "\n" + legend.map { "* " + $0 + "\n" }.joined()
        return out
    }

    /// The summary and detail as one Markdown document section, headed at `level`.
    public func markdown(level: Int = 1) -> String {
        var out = ByteText()
        markdown(level: level, into: &out)
        return out.string
    }

    /// `markdown(level:)` written into `out`. The detail's rows, one per open invoice, go
    /// straight into it as `detailTable().markdown()` would write them: gathering a large
    /// ledger's rows as a table of strings first, and joining the texts, cost more than
    /// the aging itself.
    func markdown(level: Int, into out: inout ByteText) {
        let h = String(repeating: "#", count: level)
        out.append("\(h) \(title)\n\n")
        if report.totals.isEmpty {
            out.append("Nothing is owed.\n")
            return
        }
        for l in legend { out.append("- " + l + "\n") }
        out.byte(0x0A)
        for (c, t) in summaryTables() {
            out.append("\(h)# Summary, \(c.code)\n\n")
            out.append(t.markdown())
            out.byte(0x0A)
        }
        out.append("\(h)# Open invoices\n\n")
        ReportTable(Self.detailColumns).markdownHeader(into: &out)
        let labels = report.bucketLabels
        // Only ids, numbers, bucket labels and statuses can hold what a cell escapes; dates,
        // days, currency codes and amounts never do.
        for l in report.lines {
            let p = l.currency.precision
            ReportTable.markdownInvoiceCells(client: l.client, number: l.number, currency: l.currency, into: &out)
            out.append(" | ")
            out.day(l.issued)
            out.append(" | ")
            out.day(l.due)
            out.append(" | ")
            out.int(l.age)
            for v in [l.total, l.paid, l.credited, l.open] {
                out.append(" | ")
                out.money(v, precision: p)
            }
            out.append(" | ")
            ReportTable.markdownCell(labels[l.bucket], into: &out)
            out.append(" | ")
            ReportTable.markdownCell(l.status.summary, into: &out)
            out.append(" |\n")
        }
    }

    /// One row per open invoice, and one per credit on account (kind `credit`, a negative
    /// open amount in the Current bucket). Amounts are plain decimals without grouping.
    public func csv() -> String {
        var out = ByteText(capacity: report.lines.count * 160)
        ReportTable.csvLine([
            "kind", "client", "name", "currency", "invoice", "issued", "due", "days_past_due", "age", "bucket",
            "total", "paid", "credited", "written_off", "discount", "open", "disputed_since", "promised_until", "promised",
            "next_instalment", "letters", "last_letter", "last_letter_stage", "missed_instalment",
        ], into: &out)
        let keys = report.options.buckets.keys
        var names: [String: String] = [:]
        for r in report.clients { names[r.client] = r.name }
        // Rows are written field by field into one buffer; ids and names still go through
        // the CSV quoting, dates and amounts never need it.
        var name = (client: "", name: "")
        var code: (currency: Currency, code: String)? = nil
        for l in report.lines {
            let c = l.currency, s = l.status, p = c.precision
            if l.client != name.client { name = (l.client, names[l.client] ?? l.client) }
            out.append("invoice,")
            ReportTable.csvField(l.client, into: &out)
            out.byte(0x2C)
            ReportTable.csvField(name.name, into: &out)
            out.byte(0x2C)
            if c != code?.currency { code = (c, c.code) }
            out.append(code!.code)
            out.byte(0x2C)
            ReportTable.csvField(l.number, into: &out)
            out.byte(0x2C)
            out.day(l.issued)
            out.byte(0x2C)
            out.day(l.due)
            out.byte(0x2C)
            out.int(l.daysPastDue)
            out.byte(0x2C)
            out.int(l.age)
            out.byte(0x2C)
            ReportTable.csvField(keys[l.bucket], into: &out)
            for v in [l.total, l.paid, l.credited, l.writtenOff, l.discount, l.open] {
                out.byte(0x2C)
                out.money(v, precision: p, grouping: false)
            }
            out.byte(0x2C)
            if let d = s.disputedSince { out.day(d) }
            out.byte(0x2C)
            if let d = s.promisedUntil { out.day(d) }
            out.byte(0x2C)
            out.money(s.promised, precision: p, grouping: false)
            out.byte(0x2C)
            if let d = s.nextInstalment { out.day(d) }
            out.byte(0x2C)
            out.int(s.letters.count)
            out.byte(0x2C)
            if let d = s.letters.last { out.day(d) }
            out.byte(0x2C)
            if let stage = s.letters.lastStage { ReportTable.csvField(stage.rawValue, into: &out) }
            // Last, so that a script reading the columns before it by place still reads them.
            out.byte(0x2C)
            if let d = s.missedInstalment { out.day(d) }
            out.append("\r\n")
        }
        for r in report.clients where r.creditOnAccount != 0 {
            let c = r.currency
            ReportTable.csvLine([
                "credit", r.client, r.name, c.code, "", "", "", "", "", keys[0],
                "", "", "", "", "", Self.plain(-r.creditOnAccount, c), "", "", "", "", "", "", "", "",
            ], into: &out)
        }
        return out.string
    }

    public func json() -> JSONValue {
        let keys = report.options.buckets.keys
        let labels = report.bucketLabels
        let bounds = report.options.buckets.bounds
        var buckets: [JSONValue] = []
        for k in 0..<keys.count {
            let from: JSONValue = k == 0 ? .null : .int(Int64(k == 1 ? 1 : bounds[k - 2] + 1))
            let to: JSONValue = k == 0 ? .int(0) : k <= bounds.count ? .int(Int64(bounds[k - 1])) : .null
            buckets.append(.object([("key", .string(keys[k])), ("label", .string(labels[k])), ("fromDays", from), ("toDays", to)]))
        }
        @Sendable func amounts(_ v: [Int64], _ c: Currency) -> JSONValue {
            .object(zip(keys, v).map { ($0.0, .number(Self.plain($0.1, c))) })
        }
        @Sendable func day(_ d: Day?) -> JSONValue { d.map { .string("\($0)") } ?? .null }
        let totals: [JSONValue] = report.totals.map { t in
            let c = t.currency
            return .object([
                ("currency", .string(c.code)), ("buckets", amounts(t.buckets, c)), ("total", .number(Self.plain(t.total, c))),
                ("disputed", .number(Self.plain(t.disputed, c))), ("promised", .number(Self.plain(t.promised, c))),
                ("creditOnAccount", .number(Self.plain(t.creditOnAccount, c))), ("openInvoices", .int(Int64(t.openInvoices))),
            ])
        }
        let report = report
        let clients = JSONValue.rows(count: report.clients.count) { k in
            let r = report.clients[k]
            let c = r.currency
            return .object([
                ("client", .string(r.client)), ("name", .string(r.name)), ("currency", .string(c.code)),
                ("buckets", amounts(r.buckets, c)), ("total", .number(Self.plain(r.total, c))),
                ("disputed", .number(Self.plain(r.disputed, c))), ("promised", .number(Self.plain(r.promised, c))),
                ("creditOnAccount", .number(Self.plain(r.creditOnAccount, c))), ("openInvoices", .int(Int64(r.openInvoices))),
            ])
        }
        let invoices = JSONValue.rows(count: report.lines.count) { k in
            let l = report.lines[k]
            let c = l.currency, s = l.status
            let plan: JSONValue = s.onPlan ? .object([("nextInstalment", day(s.nextInstalment)), ("lastInstalment", day(s.lastInstalment)), ("missedInstalment", day(s.missedInstalment)), ("missedInstalments", .int(Int64(s.missedInstalments)))]) : .null
            return .object([
                ("invoice", .string(l.number)), ("client", .string(l.client)), ("currency", .string(c.code)),
                ("issued", .string("\(l.issued)")), ("due", .string("\(l.due)")),
                ("daysPastDue", .int(Int64(l.daysPastDue))), ("age", .int(Int64(l.age))), ("bucket", .string(keys[l.bucket])),
                ("total", .number(Self.plain(l.total, c))), ("paid", .number(Self.plain(l.paid, c))),
                ("credited", .number(Self.plain(l.credited, c))), ("writtenOff", .number(Self.plain(l.writtenOff, c))),
                ("discount", .number(Self.plain(l.discount, c))), ("open", .number(Self.plain(l.open, c))),
                ("status", .object([
                    ("disputedSince", day(s.disputedSince)), ("promisedUntil", day(s.promisedUntil)),
                    ("promised", .number(Self.plain(s.promised, c))), ("plan", plan),
                    ("letters", .object([("count", .int(Int64(s.letters.count))), ("last", day(s.letters.last)), ("lastStage", s.letters.lastStage.map { .string($0.rawValue) } ?? .null)])),
                    ("summary", .string(s.summary)),
                ])),
            ])
        }
        return .object([
            ("asOf", .string("\(report.asOf)")),
            ("agingBy", .string(report.options.byIssueDate ? "issue" : "due")),
            ("buckets", .array(buckets)),
            ("totals", .array(totals)),
            ("clients", clients),
            ("invoices", invoices),
        ])
    }
}
