/// Reads a ledger and everything it includes, then resolves it: the one entry point every
/// command uses to get from a path to a checked-for-syntax `Ledger`.
public struct LoadResult: Sendable {
    public var ledger: Ledger
    public var diagnostics: [Diagnostic]
}

public enum LedgerLoader {
    /// Includes nested deeper than this are almost certainly a mistake, and would exhaust the
    /// stack long before they exhausted patience.
    public static let maxIncludeDepth = 64

    /// Loads `path`. Throws only when the main file itself cannot be read; problems with
    /// included files are diagnostics.
    /// `mapped: false` reads even a large file into memory: for a command that will write the
    /// ledger and must compare the file on disk with exactly what it read.
    /// `keepingItems: false` is for a command that reads no item once the ledger is resolved:
    /// the items are added up as they are read and never held (`Ledger.itemsTallied`).
    public static func load(path: String, mapped: Bool = true, keepingItems: Bool = true) throws(FileError) -> LoadResult {
        let source = mapped ? try FileSystem.readSource(path) : SourceBytes(try FileSystem.readFile(path))
        var result = parse(source: source, path: path, mapsIncludes: mapped, keepingItems: keepingItems)
        LedgerResolver.resolve(&result.ledger, keepingItems: keepingItems)
        return result
    }

    /// Loads a ledger from bytes already in memory (`path` names it and anchors includes).
    /// `parallel: false` keeps parsing on one thread (to compare the two in tests).
    public static func load(bytes: [UInt8], path: String, readFile: ((String) -> Result<[UInt8], FileError>)? = nil, parallel: Bool = true, keepingItems: Bool = true) -> LoadResult {
        var result = parse(source: SourceBytes(bytes), path: path, readFile: readFile, parallel: parallel, keepingItems: keepingItems)
        LedgerResolver.resolve(&result.ledger, keepingItems: keepingItems)
        return result
    }

    /// Loads with a large file cut into `parts` whatever the number of cores, so tests exercise
    /// the parallel path on a one-core machine too.
    /// `sampling`: how each part's entries are estimated (`ParallelParse.Sampling`).
    static func load(bytes: [UInt8], path: String, readFile: ((String) -> Result<[UInt8], FileError>)? = nil, parts: Int, sampling: ParallelParse.Sampling = .standard, keepingItems: Bool = true) -> LoadResult {
        var result = parse(source: SourceBytes(bytes), path: path, readFile: readFile, parallel: true, parts: parts, sampling: sampling, keepingItems: keepingItems)
        LedgerResolver.resolve(&result.ledger, keepingItems: keepingItems)
        return result
    }

    /// Reads and parses without resolving.
    public static func parse(bytes: [UInt8], path: String, readFile: ((String) -> Result<[UInt8], FileError>)? = nil, parallel: Bool = true) -> LoadResult {
        parse(source: SourceBytes(bytes), path: path, readFile: readFile, parallel: parallel)
    }

    /// `parts`: how many pieces a large file is cut into; nil for one per core.
    /// `mapsIncludes`: a large included file is mapped, as the file given is, rather than read
    /// into memory: a ledger kept as a year a file was held whole, twice the memory of one file.
    /// `keepingItems: false`: each invoice's items are added up as they are read, not kept.
    static func parse(source: SourceBytes, path: String, readFile: ((String) -> Result<[UInt8], FileError>)? = nil, parallel: Bool = true, parts: Int? = nil, sampling: ParallelParse.Sampling = .standard, mapsIncludes: Bool = false, keepingItems: Bool = true) -> LoadResult {
        let read: (String) -> Result<SourceBytes, FileError>
        if let readFile {
            read = { path in readFile(path).map { SourceBytes($0) } }
        } else if mapsIncludes {
            read = defaultMap
        } else {
            read = { path in defaultRead(path).map { SourceBytes($0) } }
        }
        var state = State(readFile: read, parallel: parallel, parts: parts, sampling: sampling)
        state.ledger.itemsTallied = !keepingItems
        state.parse(source: source, path: path, canonical: FileSystem.canonical(path), depth: 0)
        // Moved out, not copied: while `state` still held the arrays, resolving would copy every
        // invoice and payment before changing it.
        var result = LoadResult(ledger: Ledger(), diagnostics: [])
        swap(&result.ledger, &state.ledger)
        swap(&result.diagnostics, &state.diagnostics)
        return result
    }

    static func defaultRead(_ path: String) -> Result<[UInt8], FileError> {
        do { return .success(try FileSystem.readFile(path)) } catch { return .failure(error) }
    }

    static func defaultMap(_ path: String) -> Result<SourceBytes, FileError> {
        do { return .success(try FileSystem.readSource(path)) } catch { return .failure(error) }
    }

    struct State {
        var ledger = Ledger()
        var diagnostics: [Diagnostic] = []
        var order = 0
        var stack: [String] = []
        var done: Set<String> = []
        let readFile: (String) -> Result<SourceBytes, FileError>
        var parallel = true
        var parts: Int?
        var sampling = ParallelParse.Sampling.standard

        mutating func parse(source: SourceBytes, path: String, canonical: String, depth: Int) {
            let file = SourceFile(id: Int32(ledger.files.count), path: path, source: source)
            ledger.files.append(file)
            stack.append(canonical)
            done.insert(canonical)
            // Not text at all (a binary file named by mistake, a UTF-16 export): one error,
            // rather than one for every byte the parser would stumble on.
            if let notText = UTF8Check.notText(file) {
                diagnostics.append(notText)
                stack.removeLast()
                return
            }
            // The parts' text is checked as they are parsed; a file with includes is read below
            // (a part that meets one adds nothing).
            if parallel, let plan = ParallelParse.plan(for: file, parts: parts ?? ParallelParse.cores, sampling: sampling),
                ParallelParse.parse(file, plan: plan, talliesItems: ledger.itemsTallied, into: &ledger, diagnostics: &diagnostics, order: &order)
            {
                stack.removeLast()
                return
            }
            UTF8Check.diagnose(file, into: &diagnostics)
            var parser = LedgerParser(file: file, order: order)
            parser.talliesItems = ledger.itemsTallied
            // Includes are read where they stand so their entries keep that place in the order.
            while let inc = parser.next(into: &ledger, diagnostics: &diagnostics) {
                order = parser.order
                include(inc.path, at: inc.range, from: path, depth: depth)
                parser.resume(order: order)
            }
            order = parser.order
            stack.removeLast()
        }

        mutating func include(_ relative: String, at range: SourceRange, from includer: String, depth: Int) {
            let path = FileSystem.join(FileSystem.directory(of: includer), relative)
            let canonical = FileSystem.canonical(path)
            if stack.contains(canonical) {
                let chain = (stack.map { FileSystem.fileName(of: $0) } + [FileSystem.fileName(of: canonical)]).joined(separator: " → ")
                diagnostics.append(Diagnostic(.E004, "'\(relative)' includes itself: \(chain)", at: range, hint: "remove one of the include lines in that cycle"))
                return
            }
            if done.contains(canonical) { return }
            if depth + 1 > LedgerLoader.maxIncludeDepth {
                diagnostics.append(Diagnostic(.E008, "includes are nested more than \(LedgerLoader.maxIncludeDepth) deep", at: range))
                return
            }
            let bytes: SourceBytes
            switch readFile(path) {
            case .success(let b): bytes = b
            case .failure(let error):
                switch error {
                case .missing: diagnostics.append(Diagnostic(.E002, "included file '\(path)' does not exist", at: range, hint: "include paths are relative to the folder of the file that includes them"))
                case .isDirectory: diagnostics.append(Diagnostic(.E003, "'\(path)' is a folder; include names a file", at: range))
                default: diagnostics.append(Diagnostic(.E001, error.description, at: range))
                }
                return
            }
            parse(source: bytes, path: path, canonical: canonical, depth: depth + 1)
        }
    }
}
