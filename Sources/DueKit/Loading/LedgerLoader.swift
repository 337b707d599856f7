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
    public static func load(path: String, mapped: Bool = true) throws(FileError) -> LoadResult {
        let source = mapped ? try FileSystem.readSource(path) : SourceBytes(try FileSystem.readFile(path))
        var result = parse(source: source, path: path)
        LedgerResolver.resolve(&result.ledger)
        return result
    }

    /// Loads a ledger from bytes already in memory (`path` names it and anchors includes).
    /// `parallel: false` keeps parsing on one thread (to compare the two in tests).
    public static func load(bytes: [UInt8], path: String, readFile: ((String) -> Result<[UInt8], FileError>)? = nil, parallel: Bool = true) -> LoadResult {
        var result = parse(bytes: bytes, path: path, readFile: readFile, parallel: parallel)
        LedgerResolver.resolve(&result.ledger)
        return result
    }

    /// Loads with a large file cut into `parts` whatever the number of cores, so tests exercise
    /// the parallel path on a one-core machine too.
    static func load(bytes: [UInt8], path: String, readFile: ((String) -> Result<[UInt8], FileError>)? = nil, parts: Int) -> LoadResult {
        var result = parse(source: SourceBytes(bytes), path: path, readFile: readFile, parallel: true, parts: parts)
        LedgerResolver.resolve(&result.ledger)
        return result
    }

    /// Reads and parses without resolving.
    public static func parse(bytes: [UInt8], path: String, readFile: ((String) -> Result<[UInt8], FileError>)? = nil, parallel: Bool = true) -> LoadResult {
        parse(source: SourceBytes(bytes), path: path, readFile: readFile, parallel: parallel)
    }

    /// `parts`: how many pieces a large file is cut into; nil for one per core.
    static func parse(source: SourceBytes, path: String, readFile: ((String) -> Result<[UInt8], FileError>)? = nil, parallel: Bool = true, parts: Int? = nil) -> LoadResult {
        var state = State(readFile: readFile ?? defaultRead, parallel: parallel, parts: parts)
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

    struct State {
        var ledger = Ledger()
        var diagnostics: [Diagnostic] = []
        var order = 0
        var stack: [String] = []
        var done: Set<String> = []
        let readFile: (String) -> Result<[UInt8], FileError>
        var parallel = true
        var parts: Int?

        mutating func parse(source: SourceBytes, path: String, canonical: String, depth: Int) {
            let file = SourceFile(id: Int32(ledger.files.count), path: path, source: source)
            ledger.files.append(file)
            stack.append(canonical)
            done.insert(canonical)
            if parallel, let plan = ParallelParse.plan(for: file, parts: parts ?? ParallelParse.cores) {
                // The text check runs beside the parts (see `ParallelParse.parse`).
                ParallelParse.parse(file, plan: plan, into: &ledger, diagnostics: &diagnostics, order: &order)
                stack.removeLast()
                return
            }
            UTF8Check.diagnose(file, into: &diagnostics)
            var parser = LedgerParser(file: file, order: order)
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
            let bytes: [UInt8]
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
            parse(source: SourceBytes(bytes), path: path, canonical: canonical, depth: depth + 1)
        }
    }
}

/// Invalid UTF-8 is reported where it stands; the parser then reads it as U+FFFD.
/// So are bytes that have no place in a text file (E006): control characters such as NUL, and
/// a carriage return not followed by a line feed — in a file with old Mac line endings the
/// whole file would otherwise read as one line and its entries would silently vanish.
enum UTF8Check {
    /// `releasingBehind`: hand the pages of a mapped file back as they are passed (see
    /// `LedgerParser.releasingBehind`).
    /// `span`: only these bytes, which start and end at line starts (a part of a large file
    /// checked on its own; no character's bytes cross a line end).
    static func diagnose(_ file: SourceFile, in span: Range<Int>? = nil, into diagnostics: inout [Diagnostic], releasingBehind: Bool = false) {
        // A UTF-16 file (as some Windows editors save) would give an error for every other byte.
        if span?.lowerBound ?? 0 == 0, file.bytes.count >= 2, (file.bytes[0] == 0xFF && file.bytes[1] == 0xFE) || (file.bytes[0] == 0xFE && file.bytes[1] == 0xFF) {
            diagnostics.append(Diagnostic(.E005, "this file is UTF-16, not UTF-8", at: SourceRange(file: file.id, start: 0, end: 2), hint: "save the file as UTF-8"))
            return
        }
        var reported = 0
        var controls = 0
        var loneCR = 0
        var firstCR = 0
        file.bytes.withUnsafeBufferPointer { b in
            var i = span?.lowerBound ?? 0
            let n = span?.upperBound ?? b.count
            var released = i
            while i < n {
                if releasingBehind && i - released >= LedgerParser.releaseChunk {
                    file.bytes.release(released..<i)
                    released = i
                }
                // Printable ASCII, tabs and line feeds eight bytes at a time: almost every ledger
                // is nearly all of them. A word takes the slow path below when any byte is
                // >= 0x80, 0x7F, or a control character other than tab and LF. The masks are
                // exact per byte (no borrows between bytes), so tab and LF can be let through.
                let high: UInt64 = 0x8080_8080_8080_8080
                let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
                @inline(__always) func zeroBytes(_ y: UInt64) -> UInt64 { ~(((y & low) &+ low) | y) & high }
                // At most a chunk at a time, so pages are handed back as the check goes.
                let limit = Swift.min(n, i + LedgerParser.releaseChunk)
                while i + 8 <= limit {
                    let x = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    let below20 = ~(((x & low) &+ 0x6060_6060_6060_6060) | x) & high
                    let allowed = zeroBytes(x ^ 0x0A0A_0A0A_0A0A_0A0A) | zeroBytes(x ^ 0x0909_0909_0909_0909)
                    let del = zeroBytes(x ^ low)
                    if (x & high) | (below20 & ~allowed) | del != 0 { break }
                    i += 8
                }
                if i >= n { break }
                let c = b[i]
                if c < 0x80 {
                    if c == 0x0D {
                        if i + 1 < n && b[i + 1] == 0x0A { i += 2; continue }
                        if loneCR == 0 { firstCR = i }
                        loneCR += 1
                    } else if (c < 0x20 && c != 0x09 && c != 0x0A) || c == 0x7F {
                        if controls < 20 {
                            let hex = String(c, radix: 16, uppercase: true)
                            diagnostics.append(Diagnostic(.E006, "control character U+\(hex.count == 1 ? "000" : "00")\(hex) in the text", at: SourceRange(file: file.id, start: i, end: i + 1), hint: "a ledger is plain text: remove it (is this a binary file?)"))
                        }
                        controls += 1
                    }
                    i += 1
                    continue
                }
                var need = 0
                var min: UInt32 = 0
                var cp: UInt32 = 0
                if c & 0xE0 == 0xC0 { need = 1; cp = UInt32(c & 0x1F); min = 0x80 }
                else if c & 0xF0 == 0xE0 { need = 2; cp = UInt32(c & 0x0F); min = 0x800 }
                else if c & 0xF8 == 0xF0 { need = 3; cp = UInt32(c & 0x07); min = 0x10000 }
                var ok = need > 0 && i + need < n + 0 && i + need <= n - 0
                if ok {
                    for k in 1...need {
                        if i + k >= n || b[i + k] & 0xC0 != 0x80 { ok = false; break }
                        cp = cp << 6 | UInt32(b[i + k] & 0x3F)
                    }
                }
                if ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { ok = false }
                if ok { i += need + 1; continue }
                if reported < 20 {
                    diagnostics.append(Diagnostic(.E005, "invalid UTF-8 (byte 0x\(String(c, radix: 16, uppercase: true)))", at: SourceRange(file: file.id, start: i, end: i + 1), hint: "save the file as UTF-8"))
                }
                reported += 1
                i += 1
            }
            if releasingBehind { file.bytes.release(released..<n) }
        }
        if loneCR > 0 {
            let more = loneCR > 1 ? " (\(loneCR - 1) more in this file)" : ""
            diagnostics.append(Diagnostic(.E006, "a carriage return without a line feed\(more): lines must end in LF or CRLF, so what follows is read as part of this line", at: SourceRange(file: file.id, start: firstCR, end: firstCR + 1), hint: "convert the file's line endings to LF (or CRLF)"))
        }
        if controls > 20 {
            diagnostics.append(Diagnostic(.E006, "\(controls - 20) more control characters not shown", at: SourceRange(file: file.id, start: 0, end: 0)))
        }
        if reported > 20 {
            diagnostics.append(Diagnostic(.E005, "\(reported - 20) more invalid UTF-8 bytes not shown", at: SourceRange(file: file.id, start: 0, end: 0)))
        }
    }
}
