/// When each invoice was in dispute, read once from the notes: the one answer to "is this invoice
/// disputed on day D" that the aging, the client behaviour, the forecast, the letters, the
/// agenda and the dispute check all give.
///
/// Notes count in date order, then as written; within one note its `dispute` lines before its
/// `resolved` lines. A dispute raised again while it is open stays one dispute, dated by the
/// latest note that raised it (what the reports print as "disputed since").
public struct DisputeHistory: Sendable {
    /// One dispute, from the first note that raised it until the note that resolved it.
    public struct Span: Sendable, Hashable {
        /// Indices into `ledger.notes` of the notes that raised it, in order.
        public var raisedBy: [Int]
        /// The `resolved` line that ended it.
        public var resolvedBy: Line?
    }

    /// One `dispute` or `resolved` line: index into `ledger.notes`, and its position among the
    /// note's disputes or resolutions.
    public struct Line: Sendable, Hashable {
        public var note: Int
        public var mark: Int
    }

    /// A dispute open on a day: the latest note that raised it by then.
    public struct Open: Sendable, Hashable {
        public var since: Day
        /// Index into `ledger.notes`.
        public var note: Int
    }

    /// A `resolved` line that closed nothing: no dispute was open on the invoice on its date.
    public struct StrayResolution: Sendable, Hashable {
        public var invoice: String
        public var line: Line
        /// The resolution that had already closed the invoice's last dispute, if any.
        public var after: Span?
    }

    /// Invoice number → its disputes in order. Numbers no invoice has are kept too: the
    /// reference check reports them, readers only ask about invoices they hold.
    public private(set) var spans: [String: [Span]] = [:]
    /// Day of each note that raised or resolved a dispute, by note index.
    private var dates: [Int: Day] = [:]
    public private(set) var stray: [StrayResolution] = []

    public static let none = DisputeHistory()

    /// How many days after a query is resolved a credit note with no `apply` is still taken to
    /// settle it (grammar.md §4 rule 4).
    public static let creditFollowsWithin = 14

    private init() {}

    public init(_ ledger: Ledger) {
        // Notes that dispute or resolve are few: sorting them is cheap.
        let marked = ledger.notes.indices.filter { !ledger.notes[$0].disputes.isEmpty || !ledger.notes[$0].resolutions.isEmpty }
            .sorted { (ledger.notes[$0].date, ledger.notes[$0].order) < (ledger.notes[$1].date, ledger.notes[$1].order) }
        for k in marked {
            let note = ledger.notes[k]
            dates[k] = note.date
            for m in note.disputes {
                if var list = spans[m.invoice], list[list.count - 1].resolvedBy == nil {
                    list[list.count - 1].raisedBy.append(k)
                    spans[m.invoice] = list
                } else {
                    spans[m.invoice, default: []].append(Span(raisedBy: [k]))
                }
            }
            for (j, m) in note.resolutions.enumerated() {
                if var list = spans[m.invoice], list[list.count - 1].resolvedBy == nil {
                    list[list.count - 1].resolvedBy = Line(note: k, mark: j)
                    spans[m.invoice] = list
                } else {
                    stray.append(StrayResolution(invoice: m.invoice, line: Line(note: k, mark: j), after: spans[m.invoice]?.last))
                }
            }
        }
    }

    /// The day a note in a span was written.
    public func day(_ note: Int) -> Day { dates[note]! }

    /// The dispute open on invoice `number` at the end of `day`, if any.
    public func open(_ number: String, on day: Day) -> Open? {
        guard !spans.isEmpty, let list = spans[number] else { return nil }
        for span in list.reversed() {
            guard let first = span.raisedBy.first, dates[first]! <= day else { continue }
            if let r = span.resolvedBy, dates[r.note]! <= day { return nil }
            let latest = span.raisedBy.last { dates[$0]! <= day }!
            return Open(since: dates[latest]!, note: latest)
        }
        return nil
    }

    /// Whether the latest dispute on invoice `number` resolved by the end of `through` was
    /// resolved on `from` or later.
    public func resolved(_ number: String, from: Day, through: Day) -> Bool {
        guard !spans.isEmpty, let list = spans[number] else { return false }
        for span in list.reversed() {
            guard let r = span.resolvedBy, dates[r.note]! <= through else { continue }
            return dates[r.note]! >= from
        }
        return false
    }

    /// Every dispute open at the end of `day`, by invoice number.
    public func open(on day: Day) -> [String: Open] {
        var out: [String: Open] = [:]
        for number in spans.keys { if let o = open(number, on: day) { out[number] = o } }
        return out
    }

    /// Whether invoice `number` had been disputed by the end of `day`, resolved or not: a
    /// dispute explains a late payment even once it is settled.
    public func wasDisputed(_ number: String, by day: Day) -> Bool {
        guard !spans.isEmpty, let first = spans[number]?.first?.raisedBy.first else { return false }
        return dates[first]! <= day
    }

    public var isEmpty: Bool { spans.isEmpty }
}
