/// What formatting one file came to.
public struct FormatOutcome: Sendable {
    public enum Status: Sendable, Equatable {
        /// Already canonical: nothing to write.
        case unchanged
        /// `formatted` differs from the input and has been checked to mean the same.
        case changed
        /// The input has errors (in `diagnostics`); it is left alone.
        case invalid
        /// The formatted text would not mean the same as the input: a bug in the formatter,
        /// reported rather than written.
        case unsafe(String)
    }

    public var status: Status
    public var file: SourceFile
    public var diagnostics: [Diagnostic]
    public var formatted: [UInt8]
}

/// Formats one file end to end: refuses a file with errors, formats it, and proves the result
/// means what the input meant before anyone writes it.
public enum FileFormatter {
    public static func format(bytes: [UInt8], path: String) -> FormatOutcome {
        let file = SourceFile(id: 0, path: path, bytes: bytes)
        var diagnostics: [Diagnostic] = []
        UTF8Check.diagnose(file, into: &diagnostics)
        let original = FormatVerifier.meaning(of: file, diagnostics: &diagnostics)
        if diagnostics.contains(where: { $0.severity == .error }) {
            // Read again with positions, to say where the errors are.
            diagnostics = []
            UTF8Check.diagnose(file, into: &diagnostics)
            _ = parse(file, diagnostics: &diagnostics)
            let errors = diagnostics.filter { $0.severity == .error }
            return FormatOutcome(status: .invalid, file: file, diagnostics: errors.sortedForDisplay(), formatted: bytes)
        }
        let tree = SyntaxTree(source: file.bytes)
        let formatted = LedgerFormatter.format(tree)
        if formatted == bytes {
            return FormatOutcome(status: .unchanged, file: file, diagnostics: [], formatted: formatted)
        }
        if let difference = FormatVerifier.difference(original: original, originalTree: tree, formatted: formatted, path: path) {
            return FormatOutcome(status: .unsafe(difference), file: file, diagnostics: [], formatted: bytes)
        }
        return FormatOutcome(status: .changed, file: file, diagnostics: [], formatted: formatted)
    }

    /// The file's own entries; its includes are not followed (each file is formatted alone).
    static func parse(_ file: SourceFile, diagnostics: inout [Diagnostic]) -> Ledger {
        var ledger = Ledger()
        var order = 0
        LedgerParser.parse(file, into: &ledger, diagnostics: &diagnostics, order: &order)
        return ledger
    }
}
