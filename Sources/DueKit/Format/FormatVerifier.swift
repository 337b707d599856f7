/// Proves a formatted text means what the original meant: the same entries with the same
/// values in the same order, and the same comments. Only where things are written may differ.
///
/// Both texts are parsed without positions (every anchor and range is the start of the file), so
/// their ledgers are compared as they are: equal exactly when they mean the same.
///
/// A large file is proved part by part (`FormatParts`): each part of the original beside what
/// it formatted to. The parser reads each entry on its own (only a second `settings` or
/// `sender` looks across entries, and `FileFormatter` checks that over the parts), and every
/// part starts at a header, so the whole text means what its parts mean in order.
public enum FormatVerifier {
    /// nil when `formatted` means what `original` (a ledger read by `meaning`) means; otherwise
    /// what differs.
    public static func difference(original: Ledger, originalTree: SyntaxTree, formatted: [UInt8], path: String) -> String? {
        var after = Ledger()
        return difference(original: original, originalComments: CommentTexts(originalTree), formatted: formatted, path: path, readingInto: &after)
    }

    /// The same, given the original's comments, `formatted` read into `after` (emptied first,
    /// keeping its arrays' storage).
    static func difference(original: Ledger, originalComments: CommentTexts, formatted: [UInt8], path: String, readingInto after: inout Ledger) -> String? {
        var diagnostics: [Diagnostic] = []
        let commentsAfter = readKeepingComments(SourceFile(id: 0, path: path, bytes: formatted), 0..<formatted.count, into: &after, diagnostics: &diagnostics)
        if let d = diagnostics.first(where: { $0.severity == .error }) {
            return "the formatted text does not parse: \(d.code) \(d.message)"
        }
        if let what = modelDifference(original, after) { return "the \(what) would change" }
        if !originalComments.same(as: commentsAfter) { return "the comments would change" }
        return nil
    }

    /// nil when `formatted` means what the stretch `span` of `file` means, read on its own;
    /// otherwise what differs. `span` must start where `FormatParts` may cut and end at such
    /// a place or the end of a part: then the stretches that change, each proved so, and the
    /// rest, unchanged, mean in order what the whole meant.
    static func difference(of file: SourceFile, _ span: Range<Int>, formatted: [UInt8]) -> String? {
        var diagnostics: [Diagnostic] = []
        let before = meaning(of: file, in: span, diagnostics: &diagnostics)
        // The part these bytes belong to read without errors; a stretch alone reads the same.
        if let d = diagnostics.first(where: { $0.severity == .error }) {
            return "the original text does not parse alone: \(d.code) \(d.message)"
        }
        let after = meaning(of: SourceFile(id: 0, path: file.path, bytes: formatted), diagnostics: &diagnostics)
        if let d = diagnostics.first(where: { $0.severity == .error }) {
            return "the formatted text does not parse: \(d.code) \(d.message)"
        }
        if let what = modelDifference(before, after) { return "the \(what) would change" }
        if !CommentTexts(file.bytes, span).same(as: CommentTexts(SourceBytes(formatted), 0..<formatted.count)) { return "the comments would change" }
        return nil
    }

    /// The file's own entries without their positions; includes are not followed. `span`: only
    /// the entries of these bytes (a part of the file cut at a header, see `FormatParts`).
    public static func meaning(of file: SourceFile, in span: Range<Int>? = nil, diagnostics: inout [Diagnostic]) -> Ledger {
        read(file, span ?? 0..<file.bytes.count, tree: false, diagnostics: &diagnostics).0
    }

    /// The meaning of `file[span]` and, with `tree`, its syntax tree from the same reading.
    static func read(_ file: SourceFile, _ span: Range<Int>, tree: Bool, diagnostics: inout [Diagnostic]) -> (Ledger, SyntaxTree?) {
        var ledger = Ledger()
        let read = read(file, span, tree: tree, into: &ledger, diagnostics: &diagnostics)
        return (ledger, read)
    }

    /// The same into `ledger`, emptied first but keeping its arrays' storage.
    static func read(_ file: SourceFile, _ span: Range<Int>, tree: Bool, into ledger: inout Ledger, diagnostics: inout [Diagnostic]) -> SyntaxTree? {
        ledger.empty()
        var parser = LedgerParser(file: file, order: 0, from: span.lowerBound, to: span.upperBound)
        parser.keepsPositions = false
        if tree { parser.tree = SyntaxTree(filling: file.bytes, span: span) }
        while parser.next(into: &ledger, diagnostics: &diagnostics) != nil {}
        parser.tree?.end()
        return parser.tree
    }

    /// The same into `ledger`, and the comments read.
    static func readKeepingComments(_ file: SourceFile, _ span: Range<Int>, into ledger: inout Ledger, diagnostics: inout [Diagnostic]) -> CommentTexts {
        ledger.empty()
        var parser = LedgerParser(file: file, order: 0, from: span.lowerBound, to: span.upperBound)
        parser.keepsPositions = false
        parser.comments = CommentTexts()
        while parser.next(into: &ledger, diagnostics: &diagnostics) != nil {}
        return parser.comments!
    }

    /// The meaning of `file[span]`, read into `ledger` (emptied first, keeping its arrays'
    /// storage), and what printing those bytes changes, printed as they are read: one reading
    /// of the part, and no syntax tree. `followsText` and `headerFollows` are as for
    /// `LedgerFormatter.format(_:followsText:headerFollows:)`. `setsAside`: whether what the
    /// entries do not keep is set aside too, so that the ledger is the part's whole meaning.
    /// `keepingSame`: the printing keeps the stretches that print as they are too, so that it
    /// is the whole text of the part (`LinePrinter.keepingSame`).
    static func readPrinting(
        _ file: SourceFile, _ span: Range<Int>, followsText: Bool, headerFollows: Bool, setsAside: Bool, keepingSame: Bool = false, into ledger: inout Ledger,
        diagnostics: inout [Diagnostic]
    ) -> FormatChanges {
        ledger.empty()
        var parser = LedgerParser(file: file, order: 0, from: span.lowerBound, to: span.upperBound)
        parser.keepsPositions = false
        parser.setsAsideUnkept = setsAside
        // The printer is handed the bytes again with every line (`LinePrinter.take`).
        parser.printer = file.bytes.withUnsafeBufferPointer { LinePrinter($0, span: span, followsText: followsText, keepingSame: keepingSame) }
        parser.comments = CommentTexts()
        while parser.next(into: &ledger, diagnostics: &diagnostics) != nil {}
        var changes = file.bytes.withUnsafeBufferPointer { parser.printer!.finish(headerFollows: headerFollows, $0) }
        changes.comments = parser.comments
        return changes
    }

    /// Every comment's text (from its `;` or `#` to the end of the line, trailing blanks
    /// dropped), in the order written.
    public static func comments(_ bytes: [UInt8]) -> [[UInt8]] {
        CommentTexts(SourceBytes(bytes), 0..<bytes.count).list
    }

    /// The name of the first part of two position-free ledgers that differs.
    public static func modelDifference(_ a: Ledger, _ b: Ledger) -> String? {
        if a.settings != b.settings { return "settings" }
        if a.sender != b.sender { return "sender" }
        if a.clients != b.clients { return "clients" }
        if a.invoices != b.invoices || a.items != b.items { return "invoices" }
        if a.payments != b.payments || a.allocations != b.allocations { return "payments and credits" }
        if a.writeOffs != b.writeOffs { return "write-offs" }
        if a.refunds != b.refunds { return "refunds" }
        if a.returns != b.returns { return "payments returned" }
        if a.notes != b.notes { return "notes" }
        if a.plans != b.plans { return "plans" }
        if a.letters != b.letters { return "letters" }
        if a.assertions != b.assertions { return "balance assertions" }
        if a.includes != b.includes { return "includes" }
        // What the entries do not keep is named by its keyword: "`ref` values".
        if let k = a.setAside.firstDifference(from: b.setAside) { return "`\(k.text)` values" }
        return nil
    }
}
