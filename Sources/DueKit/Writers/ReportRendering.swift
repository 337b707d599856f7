/// A report that can be written in each of `ReportFormat`'s forms. The choice of form, and the
/// way a report writes its amounts, are made here once for every report.
public protocol ReportRendering: Sendable {
    func text() -> String
    func markdown(level: Int) -> String
    func csv() -> String
    func json() -> JSONValue
}

extension ReportRendering {
    public func render(_ format: ReportFormat) -> String {
        switch format {
        case .text: text()
        case .markdown: markdown(level: 1)
        case .csv: csv()
        case .json: json().render(newline: true)
        }
    }

    /// An amount for people: grouped with commas.
    static func money(_ v: Int64, _ c: Currency) -> String { MoneyFormat.format(v, precision: c.precision) }
    /// An amount for programs (CSV, JSON): no grouping.
    static func plain(_ v: Int64, _ c: Currency) -> String { MoneyFormat.format(v, precision: c.precision, grouping: false) }
}
