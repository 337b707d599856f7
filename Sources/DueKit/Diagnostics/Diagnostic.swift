public enum Severity: String, Sendable, Comparable {
    case error, warning, note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A secondary place that explains a diagnostic ("first defined here").
public struct DiagnosticNote: Sendable, Hashable {
    public var message: String
    public var range: SourceRange

    public init(_ message: String, at range: SourceRange) {
        self.message = message
        self.range = range
    }
}

/// A problem found in a ledger: plain data. Deciding what is wrong never prints; the
/// `DiagnosticRenderer` and `DiagnosticJSON` do that.
public struct Diagnostic: Sendable, Hashable {
    /// Which problem this is, from the catalogue: its code and severity.
    public let kind: DiagnosticCode
    public var message: String
    public var range: SourceRange
    public var hint: String?
    public var notes: [DiagnosticNote]

    public init(
        _ kind: DiagnosticCode, _ message: String, at range: SourceRange, hint: String? = nil,
        notes: [DiagnosticNote] = []
    ) {
        self.kind = kind
        self.message = message
        self.range = range
        self.hint = hint
        self.notes = notes
    }

    /// A stable code such as `E104`, documented in grammar.md §6.
    public var code: String { kind.code }
    public var severity: Severity { kind.severity }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file (in the order files were read), then position, then code, so output is
    /// stable whatever order the checks ran in.
    public func sortedForDisplay() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let x = a.element.range, y = b.element.range
            if x.file != y.file { return x.file < y.file }
            if x.start != y.start { return x.start < y.start }
            if a.element.severity != b.element.severity { return a.element.severity < b.element.severity }
            return a.offset < b.offset
        }.map(\.element)
    }
}
