/// Renders `ClientBehaviour` as text, Markdown, CSV or JSON.
public struct ClientBehaviourRenderer: ReportRendering {
    public let behaviour: ClientBehaviour
    public var color = false

    public init(_ behaviour: ClientBehaviour, color: Bool = false) {
        self.behaviour = behaviour
        self.color = color
    }

    public var title: String { "Client payment behaviour as of \(behaviour.asOf)" }

    public static var legend: [String] {
        [
            "Paid: invoices settled by payment or credit by the as-of date (invoices with part written off as a loss are left out of the lateness figures; a sum waived is not).",
            "Days late: the day an invoice was paid up − its due date, 0 when paid on time (credit notes and sums waived after the last payment do not make it late). On time: share of paid invoices paid up by their due date.",
            "DSO (days sales outstanding): what the client owes at the as-of date ÷ what was invoiced to them in the \(ClientBehaviour.dsoWindowDays) days ending on it × \(ClientBehaviour.dsoWindowDays); blank when nothing was invoiced in that window.",
            "Trend: average days late of the client's last \(ClientBehaviour.recentCount) invoices past their due date (an unpaid one counts as late as it is so far; disputed invoices are left out) against the average of all earlier ones; worsening when the recent average is more than \(ClientBehaviour.trendThresholdDays) days later, improving when more than \(ClientBehaviour.trendThresholdDays) days earlier; too few without earlier invoices to compare.",
        ]
    }

    static func trendCell(_ r: ClientBehaviourRow) -> String {
        guard let now = r.recentDaysLate, let before = r.historyDaysLate else { return r.trend.rawValue }
        return "\(r.trend.rawValue) (\(now) vs \(before))"
    }

    public func behaviourTable() -> ReportTable {
        var t = ReportTable([
            ReportTable.Column("Client"), ReportTable.Column("Name"), ReportTable.Column("Cur."),
            ReportTable.Column("Invoices", .right), ReportTable.Column("Paid", .right),
            ReportTable.Column("Avg late", .right), ReportTable.Column("Median late", .right), ReportTable.Column("On time", .right),
            ReportTable.Column("Owed", .right), ReportTable.Column("Sales 90d", .right), ReportTable.Column("DSO", .right),
            ReportTable.Column("Trend (recent vs before)"),
        ])
        for r in behaviour.rows {
            let c = r.currency
            t.add([
                r.client, r.name, c.code, String(r.invoices), String(r.paid),
                r.averageDaysLate?.description ?? "", r.medianDaysLate?.description ?? "", r.onTimePercent.map { "\($0)%" } ?? "",
                Self.money(r.receivable, c), Self.money(r.sales90, c), r.dso.map(String.init) ?? "",
                Self.trendCell(r),
            ], color: r.trend == .worsening ? ANSI.red : nil)
        }
        for x in behaviour.totals {
            let c = x.currency
            t.add(["Total \(c.code)", "", "", "", "", "", "", "", Self.money(x.receivable, c), Self.money(x.sales90, c), x.dso.map(String.init) ?? "", ""], total: true)
        }
        return t
    }

    public func contactTable() -> ReportTable {
        var t = ReportTable([ReportTable.Column("Client"), ReportTable.Column("Last contact"), ReportTable.Column("Last said")])
        var seen: Set<String> = []
        for r in behaviour.rows where seen.insert(r.client).inserted {
            let contact = r.lastContact.map { "\($0.date) \($0.kind)" } ?? ""
            let said = r.lastSaid.map { "\($0.date) (\($0.kind)): \($0.gist)" } ?? ""
            t.add([r.client, contact, said])
        }
        return t
    }

    public var worsening: [ClientBehaviourRow] { behaviour.rows.filter { $0.trend == .worsening } }

    public func text() -> String {
        var out = (color ? ANSI.bold : "") + title + (color ? ANSI.reset : "") + "\n\n"
        if behaviour.rows.isEmpty { return out + "No invoices yet.\n" }
        out += behaviourTable().text(color: color)
        let w = worsening.map(\.client)
        out += "\nWorsening: " + (w.isEmpty ? "none" : w.joined(separator: ", ")) + "\n"
        out += "\n" + contactTable().text(color: color)
        out += "\n" + Self.legend.map { "* " + $0 + "\n" }.joined()
        return out
    }

    public func markdown(level: Int = 1) -> String {
        let h = String(repeating: "#", count: level)
        var out = "\(h) \(title)\n\n"
        if behaviour.rows.isEmpty { return out + "No invoices yet.\n" }
        out += Self.legend.map { "- " + $0 + "\n" }.joined() + "\n"
        out += behaviourTable().markdown()
        let w = worsening.map(\.client)
        out += "\n**Worsening:** " + (w.isEmpty ? "none" : w.joined(separator: ", ")) + "\n"
        out += "\n\(h)# Last contact\n\n" + contactTable().markdown()
        return out
    }

    public func csv() -> String {
        var out = ReportTable.csvLine([
            "client", "name", "currency", "invoices", "paid", "average_days_late", "median_days_late", "on_time_percent",
            "receivable", "sales_90_days", "dso", "trend", "recent_days_late", "history_days_late",
            "last_contact", "last_contact_kind", "last_said_date", "last_said",
        ])
        for r in behaviour.rows {
            let c = r.currency
            out += ReportTable.csvLine([
                r.client, r.name, c.code, String(r.invoices), String(r.paid),
                r.averageDaysLate?.description ?? "", r.medianDaysLate?.description ?? "", r.onTimePercent.map(String.init) ?? "",
                Self.plain(r.receivable, c), Self.plain(r.sales90, c), r.dso.map(String.init) ?? "",
                r.trend.rawValue, r.recentDaysLate?.description ?? "", r.historyDaysLate?.description ?? "",
                r.lastContact.map { "\($0.date)" } ?? "", r.lastContact?.kind ?? "",
                r.lastSaid.map { "\($0.date)" } ?? "", r.lastSaid?.gist ?? "",
            ])
        }
        return out
    }

    public func json() -> JSONValue {
        func tenths(_ t: Tenths?) -> JSONValue { t.map { .number($0.description) } ?? .null }
        func contact(_ c: Contact?) -> JSONValue {
            c.map { .object([("date", .string("\($0.date)")), ("kind", .string($0.kind)), ("gist", .string($0.gist))]) } ?? .null
        }
        let rows: [JSONValue] = behaviour.rows.map { r in
            let c = r.currency
            return .object([
                ("client", .string(r.client)), ("name", .string(r.name)), ("currency", .string(c.code)),
                ("invoices", .int(Int64(r.invoices))), ("paid", .int(Int64(r.paid))),
                ("averageDaysLate", tenths(r.averageDaysLate)), ("medianDaysLate", tenths(r.medianDaysLate)),
                ("onTimePercent", r.onTimePercent.map { .int(Int64($0)) } ?? .null),
                ("receivable", .number(Self.plain(r.receivable, c))), ("sales90Days", .number(Self.plain(r.sales90, c))),
                ("dso", r.dso.map { .int(Int64($0)) } ?? .null),
                ("trend", .string(r.trend.rawValue)), ("recentDaysLate", tenths(r.recentDaysLate)), ("historyDaysLate", tenths(r.historyDaysLate)),
                ("lastContact", contact(r.lastContact)), ("lastSaid", contact(r.lastSaid)),
            ])
        }
        let totals: [JSONValue] = behaviour.totals.map { t in
            .object([
                ("currency", .string(t.currency.code)), ("receivable", .number(Self.plain(t.receivable, t.currency))),
                ("sales90Days", .number(Self.plain(t.sales90, t.currency))), ("dso", t.dso.map { .int(Int64($0)) } ?? .null),
            ])
        }
        return .object([
            ("asOf", .string("\(behaviour.asOf)")),
            ("trendThresholdDays", .int(Int64(ClientBehaviour.trendThresholdDays))),
            ("recentInvoices", .int(Int64(ClientBehaviour.recentCount))),
            ("clients", .array(rows)),
            ("totals", .array(totals)),
        ])
    }
}
