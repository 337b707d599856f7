/// A ledger as the server last read it from one root file: the loader's and checker's results
/// and what features derive from them, computed when first asked for. One per root document,
/// rebuilt on every change to any file it reads.
public final class LedgerAnalysis {
    public let root: String
    public let ledger: Ledger
    public let diagnostics: [Diagnostic]
    public let asOf: Day
    /// Canonical path of each file read, by file id.
    public let canonicalPaths: [String]
    public let uris: [String]
    private let outcome: CheckOutcome

    private var lineIndexes: [Int32: LineIndex] = [:]
    private var sheets: [Day: BalanceSheet] = [:]
    private var cachedAging: AgingReport?
    private var cachedSymbols: SymbolIndex?
    private var cachedChoices: [String: StageChoice]?

    /// Loads and checks `root`; `openBytes` gives the editor's text of files open in it, which
    /// win over what is on disk.
    public init(root: String, bytes: [UInt8], asOf: Day, openBytes: @escaping (String) -> [UInt8]?) {
        self.root = root
        self.asOf = asOf
        let read: (String) -> Result<[UInt8], FileError> = { path in
            if let b = openBytes(FileSystem.canonical(path)) { return .success(b) }
            return LedgerLoader.defaultRead(path)
        }
        let load = LedgerLoader.load(bytes: bytes, path: root, readFile: read)
        outcome = Checker.run(load, asOf: asOf)
        ledger = load.ledger
        diagnostics = outcome.diagnostics
        canonicalPaths = ledger.files.map { $0.id == 0 ? root : FileSystem.canonical($0.path) }
        uris = canonicalPaths.map(DocumentURI.uri)
    }

    public func fileID(canonical: String) -> Int32? {
        canonicalPaths.firstIndex(of: canonical).map { Int32($0) }
    }

    public func lineIndex(_ file: Int32) -> LineIndex {
        if let l = lineIndexes[file] { return l }
        let l = LineIndex(ledger.files[Int(file)].bytes)
        lineIndexes[file] = l
        return l
    }

    public func lspRange(_ r: SourceRange) -> LSPRange {
        guard !r.isNone, Int(r.file) < ledger.files.count else { return LSPRange(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0)) }
        return lineIndex(r.file).range(Int(r.start)..<Int(r.end), in: ledger.files[Int(r.file)].bytes)
    }

    public func location(_ r: SourceRange) -> Location {
        Location(uri: uris[r.isNone ? 0 : Int(r.file)], range: lspRange(r))
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
        for uri in uris { out[uri] = [] }
        for d in diagnostics {
            let severity = d.severity == .error ? 1 : d.severity == .warning ? 2 : 3
            // As `due check --json` words it: bounded, control characters made visible.
            let shown = DiagnosticRenderer.displayMessage(d.message)
            let message = d.hint.map { shown + "\nhint: " + $0 } ?? shown
            let related = d.notes.map { LSPDiagnostic.Related(location: location($0.range), message: DiagnosticRenderer.displayMessage($0.message)) }
            let lsp = LSPDiagnostic(range: lspRange(d.range), severity: severity, code: d.code, message: message, relatedInformation: related.isEmpty ? nil : related)
            out[uris[d.range.isNone ? 0 : Int(d.range.file)], default: []].append(lsp)
        }
        return out
    }
}
