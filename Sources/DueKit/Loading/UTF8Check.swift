/// Invalid UTF-8 is reported where it stands; the parser then reads it as U+FFFD.
/// So are bytes that have no place in a text file (E006): control characters such as NUL, and
/// a carriage return not followed by a line feed — in a file with old Mac line endings the
/// whole file would otherwise read as one line and its entries would silently vanish.
///
/// The check is made in stretches (`Findings.scan`) whose findings join in file order
/// (`Findings.append`), so that a large file is checked part by part, as each part is parsed
/// (`Progress`, `ParallelParse.parse`), and reports exactly what one pass over the whole file
/// reports.
enum UTF8Check {
    /// Of invalid bytes, and of control characters, at most this many are reported one by one;
    /// the rest are counted.
    static let shown = 20

    /// `span`: only these bytes, which start and end at line starts (a part of a large file
    /// checked on its own; no character's bytes cross a line end).
    static func diagnose(_ file: SourceFile, in span: Range<Int>? = nil, into diagnostics: inout [Diagnostic]) {
        let start = span?.lowerBound ?? 0
        var found = Findings()
        if !isUTF16(file, at: start) {
            file.bytes.withUnsafeBufferPointer { b in
                let end = span?.upperBound ?? b.count
                var i = start
                while i < end { i = found.scan(b, from: i, to: end, end: end) }
            }
        }
        diagnostics += report(found, in: file, from: start)
    }

    /// The check of a stretch made line by line as it is read (`LineScanner.checkingText`):
    /// what is found is what one pass over the stretch finds, since no character's bytes cross
    /// a line end.
    struct Progress {
        private(set) var findings = Findings()
        /// Where the stretch ends: a character or CR LF is not read past it.
        private let end: Int

        init(to end: Int) { self.end = end }

        /// Checks the line `start..<stop` (its line feed included). The reader passes over a
        /// line it has found to hold nothing to check (`OneLine.Result.mayHoldHigh`).
        mutating func check(_ b: UnsafeBufferPointer<UInt8>, line start: Int, to stop: Int) {
            var i = start
            while i < stop { i = findings.scan(b, from: i, to: stop, end: end) }
        }
    }

    /// How far into a file a NUL byte marks it as binary: text never holds one, and the start
    /// of any binary format does.
    static let binaryProbe = 1 << 16

    /// The one error for a file that is not text, nil for one that is: UTF-16 (its byte order
    /// mark), or a NUL byte near the start. The file is then not parsed.
    static func notText(_ file: SourceFile) -> Diagnostic? {
        if isUTF16(file, at: 0) { return report(Findings(), in: file, from: 0).first }
        let nul: Int? = file.bytes.withUnsafeBufferPointer { b in
            b.prefix(binaryProbe).firstIndex(of: 0)
        }
        guard let at = nul else { return nil }
        return Diagnostic(.E006, "this is a binary file, not a ledger: it holds a NUL byte", at: SourceRange(file: file.id, start: at, end: at + 1), hint: "name the ledger's text file; nothing else in this file was read")
    }

    /// A UTF-16 file (as some Windows editors save) would give an error for every other byte:
    /// it is reported once, and nothing else is.
    static func isUTF16(_ file: SourceFile, at start: Int) -> Bool {
        start == 0 && file.bytes.count >= 2 && ((file.bytes[0] == 0xFF && file.bytes[1] == 0xFE) || (file.bytes[0] == 0xFE && file.bytes[1] == 0xFF))
    }

    /// What is reported of `found`, the findings of `file` from `start` on.
    static func report(_ found: Findings, in file: SourceFile, from start: Int) -> [Diagnostic] {
        if isUTF16(file, at: start) {
            return [Diagnostic(.E005, "this file is UTF-16, not UTF-8", at: SourceRange(file: file.id, start: 0, end: 2), hint: "save the file as UTF-8")]
        }
        return found.diagnostics(file: file.id)
    }

    /// Whether the eight bytes of `x` hold anything but printable ASCII, tabs and line feeds,
    /// which `Findings.scan` must then read; `lineEnds` flags the LFs (`ByteRuns.zeroBytes`),
    /// which a caller counting lines has at hand. Exact per byte: no carry crosses a byte.
    @inline(__always) static func mayNeedCheck(_ x: UInt64, lineEnds: UInt64) -> Bool {
        let seven = x & 0x7F7F_7F7F_7F7F_7F7F
        // 0x7F and above: the high bit, or seven low bits that carry into it.
        let top = (x | (seven &+ 0x0101_0101_0101_0101)) & 0x8080_8080_8080_8080
        // Below 0x20: seven low bits that do not reach the high bit with 0x60 added.
        let controls = ~(seven &+ 0x6060_6060_6060_6060) & 0x8080_8080_8080_8080
        let tabs = ByteRuns.zeroBytes(x ^ 0x0909_0909_0909_0909)
        return top | (controls & ~(lineEnds | tabs)) != 0
    }

    /// What the check found in the bytes scanned so far: the first of them in file order, and
    /// how many there were.
    struct Findings: Equatable {
        enum Kind: Equatable {
            /// A byte that does not begin, or is not part of, a valid UTF-8 character (E005).
            case invalid
            /// A control character other than tab, LF and the CR of a CR LF (E006).
            case control
        }

        struct Finding: Equatable {
            var kind: Kind
            var offset: Int
            var byte: UInt8
        }

        /// The first `UTF8Check.shown` findings of each kind, in file order.
        private(set) var first: [Finding] = []
        private(set) var invalid = 0
        private(set) var controls = 0
        /// Carriage returns not followed by a line feed, reported once for the whole file.
        private(set) var loneCRs = 0
        private(set) var firstLoneCR: Int?

        private mutating func found(_ kind: Kind, at offset: Int, _ byte: UInt8) {
            let before = kind == .invalid ? invalid : controls
            if before < UTF8Check.shown { first.append(Finding(kind: kind, offset: offset, byte: byte)) }
            if kind == .invalid { invalid += 1 } else { controls += 1 }
        }

        /// Adds what was found in the bytes after those these findings cover.
        mutating func append(_ later: Findings) {
            var invalidShown = min(invalid, UTF8Check.shown), controlsShown = min(controls, UTF8Check.shown)
            for f in later.first {
                if f.kind == .invalid {
                    if invalidShown < UTF8Check.shown { first.append(f) }
                    invalidShown += 1
                } else {
                    if controlsShown < UTF8Check.shown { first.append(f) }
                    controlsShown += 1
                }
            }
            invalid += later.invalid
            controls += later.controls
            if firstLoneCR == nil { firstLoneCR = later.firstLoneCR }
            loneCRs += later.loneCRs
        }

        /// Checks `b[from..<to]` and returns where it stopped: at `to`, or up to three bytes
        /// after it when a character's bytes cross it. `end` (at least `to`) is where the text
        /// ends: a character or CR LF is not read past it.
        mutating func scan(_ b: UnsafeBufferPointer<UInt8>, from: Int, to limit: Int, end n: Int) -> Int {
            var i = from
            let base = b.baseAddress!
            while i < limit {
                // Printable ASCII, tabs and line feeds eight bytes at a time: almost every
                // ledger is nearly all of them (the test `ByteRuns.lineEnd` makes too).
                while i + 8 <= limit {
                    let x = ByteRuns.load(base, i)
                    if UTF8Check.mayNeedCheck(x, lineEnds: ByteRuns.zeroBytes(x ^ 0x0A0A_0A0A_0A0A_0A0A)) { break }
                    i += 8
                }
                if i >= limit { break }
                let c = b[i]
                if c < 0x80 {
                    if c == 0x0D {
                        if i + 1 < n && b[i + 1] == 0x0A { i += 2; continue }
                        if firstLoneCR == nil { firstLoneCR = i }
                        loneCRs += 1
                    } else if (c < 0x20 && c != 0x09 && c != 0x0A) || c == 0x7F {
                        found(.control, at: i, c)
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
                var ok = need > 0 && i + need < n
                if ok {
                    for k in 1...need {
                        if b[i + k] & 0xC0 != 0x80 { ok = false; break }
                        cp = cp << 6 | UInt32(b[i + k] & 0x3F)
                    }
                }
                if ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { ok = false }
                if ok { i += need + 1; continue }
                found(.invalid, at: i, c)
                i += 1
            }
            return i
        }

        /// The diagnostics of these findings in `file`, as one pass over it reports them.
        func diagnostics(file: Int32) -> [Diagnostic] {
            var out: [Diagnostic] = []
            for f in first {
                let at = SourceRange(file: file, start: f.offset, end: f.offset + 1)
                let hex = String(f.byte, radix: 16, uppercase: true)
                switch f.kind {
                case .invalid:
                    out.append(Diagnostic(.E005, "invalid UTF-8 (byte 0x\(hex))", at: at, hint: "save the file as UTF-8"))
                case .control:
                    out.append(Diagnostic(.E006, "control character U+\(hex.count == 1 ? "000" : "00")\(hex) in the text", at: at, hint: "a ledger is plain text: remove it (is this a binary file?)"))
                }
            }
            if let cr = firstLoneCR {
                let more = loneCRs > 1 ? " (\(loneCRs - 1) more in this file)" : ""
                out.append(Diagnostic(.E006, "a carriage return without a line feed\(more): lines must end in LF or CRLF, so what follows is read as part of this line", at: SourceRange(file: file, start: cr, end: cr + 1), hint: "convert the file's line endings to LF (or CRLF)"))
            }
            if controls > UTF8Check.shown {
                out.append(Diagnostic(.E006, "\(controls - UTF8Check.shown) more control characters not shown", at: SourceRange(file: file, start: 0, end: 0)))
            }
            if invalid > UTF8Check.shown {
                out.append(Diagnostic(.E005, "\(invalid - UTF8Check.shown) more invalid UTF-8 bytes not shown", at: SourceRange(file: file, start: 0, end: 0)))
            }
            return out
        }
    }
}
