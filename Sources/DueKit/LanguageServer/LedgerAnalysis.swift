/// A ledger as the server last read it from one root file: the loader's and checker's results
/// and what features derive from them, computed when first asked for. One per root document,
/// rebuilt on every change to any file it reads.
public final class LedgerAnalysis {
    /// A file the ledger was read from, as the editor knows it.
    public struct File {
        public var canonical: String
        public var uri: String
        public var bytes: [UInt8]
    }

    public let root: String
    public let ledger: Ledger
    public let diagnostics: [Diagnostic]
    public let asOf: Day
    public private(set) var files: [File]
    /// For each file id ranges carry: the file it is part of, and where in it that part starts
    /// (a large root is parsed in pieces, each with its own id; see `PieceCache`).
    private let partOf: [Int]
    private let partStart: [Int]
    private let outcome: CheckOutcome

    private var lineIndexes: [Int: LineIndex] = [:]
    private var sheets: [Day: BalanceSheet] = [:]
    private var cachedAging: AgingReport?
    private var cachedSymbols: SymbolIndex?
    private var cachedChoices: [String: StageChoice]?

    /// Loads and checks `root`; `openBytes` gives the editor's text of files open in it, which
    /// win over what is on disk; `pieces` keeps a large root's parse between changes.
    /// `lines`, when given, indexes `bytes` (the editor's document keeps one).
    public init(root: String, bytes: [UInt8], lines: LineIndex? = nil, asOf: Day, pieces: PieceCache? = nil, openBytes: @escaping (String) -> [UInt8]?) {
        self.root = root
        self.asOf = asOf
        var load: LoadResult
        if let (resolved, starts) = pieces?.analyse(bytes: bytes, path: root) {
            load = resolved
            files = [File(canonical: root, uri: DocumentURI.uri(root), bytes: bytes)]
            partOf = [Int](repeating: 0, count: load.ledger.files.count)
            partStart = load.ledger.files.indices.map { starts[Int32($0)] ?? 0 }
        } else {
            let read: (String) -> Result<[UInt8], FileError> = { path in
                if let b = openBytes(FileSystem.canonical(path)) { return .success(b) }
                return LedgerLoader.defaultRead(path)
            }
            load = LedgerLoader.load(bytes: bytes, path: root, readFile: read)
            files = load.ledger.files.map { f in
                let canonical = f.id == 0 ? root : FileSystem.canonical(f.path)
                return File(canonical: canonical, uri: DocumentURI.uri(canonical), bytes: f.bytes.array)
            }
            partOf = Array(files.indices)
            partStart = [Int](repeating: 0, count: files.count)
        }
        // As the command line reads it: a payment returned by today is no payment (grammar 3.6).
        load.ledger.takeOutReturnedPayments(by: asOf)
        outcome = Checker.run(load, asOf: asOf)
        ledger = load.ledger
        diagnostics = outcome.diagnostics
        if let lines { lineIndexes[0] = lines }
    }

    public var canonicalPaths: [String] { files.map(\.canonical) }

    /// Lets go of a file's text before the editor's copy of it changes, so that change is made
    /// in place rather than on a copy of the whole text. The analysis is stale from then on:
    /// the server reads the ledger again before it answers anything from it.
    public func releaseText(of canonical: String) {
        for k in files.indices where files[k].canonical == canonical { files[k].bytes = [] }
        lineIndexes = [:]
    }

    public func fileIndex(canonical: String) -> Int? { files.firstIndex { $0.canonical == canonical } }

    /// The file a range stands in and its bytes there; nil for a range with no place.
    public func place(_ r: SourceRange) -> (file: Int, range: Range<Int>)? {
        guard !r.isNone, Int(r.file) < partOf.count else { return nil }
        let base = partStart[Int(r.file)]
        return (partOf[Int(r.file)], base + Int(r.start)..<base + Int(r.end))
    }

    public func lineIndex(_ file: Int) -> LineIndex {
        if let l = lineIndexes[file] { return l }
        let l = LineIndex(files[file].bytes)
        lineIndexes[file] = l
        return l
    }

    public func lspRange(_ r: SourceRange) -> LSPRange {
        guard let (file, range) = place(r) else { return LSPRange(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0)) }
        return lineIndex(file).range(range, in: files[file].bytes)
    }

    public func location(_ r: SourceRange) -> Location {
        Location(uri: files[place(r)?.file ?? 0].uri, range: lspRange(r))
    }

    /// Whether a range stands in file `file` (an index into `files`).
    public func isIn(_ r: SourceRange, file: Int) -> Bool { place(r)?.file == file }

    /// The client or invoice named at a byte offset of a file.
    public func mention(file: Int, offset: Int) -> SymbolIndex.Mention? {
        symbols.mentions.first { m in
            guard let (f, range) = place(m.range), f == file else { return false }
            return range.lowerBound <= offset && offset <= range.upperBound
        }
    }

    /// The `include` line whose path stands at a byte offset of a file, with the file it names
    /// (its path joined to the including file's folder, as the loader reads it) and, when that
    /// file was read, its index in `files`.
    public func include(file: Int, offset: Int) -> (range: SourceRange, target: String, read: Int?)? {
        for inc in ledger.includes {
            guard let (f, range) = place(inc.range), f == file, range.lowerBound <= offset && offset <= range.upperBound else { continue }
            let includer = file < ledger.files.count ? ledger.files[file].path : root
            let target = FileSystem.canonical(FileSystem.join(FileSystem.directory(of: includer), inc.path))
            return (inc.range, target, fileIndex(canonical: target))
        }
        return nil
    }

    /// Balances as of the analysis date (today, or `--as-of`).
    public var sheet: BalanceSheet { sheet(on: asOf) }

    /// Balances at the end of `day`, kept for the next question about the same day.
    public func sheet(on day: Day) -> BalanceSheet {
        if let s = sheets[day] { return s }
        let s = outcome.sheet(asOf: day, ledger: ledger)
        sheets[day] = s
        return s
    }

    public var aging: AgingReport {
        if let a = cachedAging { return a }
        let a = AgingReport(ledger: ledger, sheet: sheet, options: AgingOptions(settings: ledger.settings))
        cachedAging = a
        return a
    }

    public var symbols: SymbolIndex {
        if let s = cachedSymbols { return s }
        let s = SymbolIndex(ledger)
        cachedSymbols = s
        return s
    }

    /// What the collections ladder picks today for each client.
    public var choices: [String: StageChoice] {
        if let c = cachedChoices { return c }
        var c: [String: StageChoice] = [:]
        for choice in StageChooser.chooseAll(ledger, sheet: sheet) { c[choice.client] = choice }
        cachedChoices = c
        return c
    }

    /// The diagnostics in LSP's form, by the URI of the file they stand in.
    public func lspDiagnostics() -> [String: [LSPDiagnostic]] {
        var out: [String: [LSPDiagnostic]] = [:]
        for f in files { out[f.uri] = [] }
        for d in diagnostics {
            let severity = d.severity == .error ? 1 : d.severity == .warning ? 2 : 3
            // As `due check --json` words it: bounded, control characters made visible.
            let shown = DiagnosticRenderer.displayMessage(d.message)
            let message = d.hint.map { shown + "\nhint: " + $0 } ?? shown
            let related = d.notes.map { LSPDiagnostic.Related(location: location($0.range), message: DiagnosticRenderer.displayMessage($0.message)) }
            let lsp = LSPDiagnostic(range: lspRange(d.range), severity: severity, code: d.code, message: message, relatedInformation: related.isEmpty ? nil : related)
            out[files[place(d.range)?.file ?? 0].uri, default: []].append(lsp)
        }
        // In the order of the text (pieces of a large file carry ids in the order they were parsed).
        for (uri, list) in out {
            out[uri] = list.enumerated().sorted { ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset) }.map(\.element)
        }
        return out
    }
}
