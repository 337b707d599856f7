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

    /// The report in `format`, handed to `out` a piece at a time: as JSON it is written as it is
    /// made (`JSONValue.stream`), never held whole; the other forms are made whole first.
    public func write(_ format: ReportFormat, to out: (UnsafeBufferPointer<UInt8>) -> Void) {
        if format == .json { return json().stream(newline: true, to: out) }
        var text = render(format)
        text.withUTF8 { out($0) }
    }

    /// An amount for people: grouped with commas.
    static func money(_ v: Int64, _ c: Currency) -> String { MoneyFormat.format(v, precision: c.precision) }
    /// An amount for programs (CSV, JSON): no grouping.
    static func plain(_ v: Int64, _ c: Currency) -> String { MoneyFormat.format(v, precision: c.precision, grouping: false) }
}
