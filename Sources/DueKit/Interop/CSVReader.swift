/// One field of a CSV record: where it stands in the bytes, so its text is made only when asked
/// for and a problem can name its line and column.
public struct CSVField: Sendable, Hashable {
    /// Byte range of the field's content (inside the quotes, for a quoted field).
    public var start: Int
    public var end: Int
    /// Quoted fields may hold `""`, which reads as one `"`.
    public var quoted: Bool
    /// 1-based line and column (in bytes) where the field begins (`CSVReader.characterColumn`
    /// gives it in characters).
    public var line: Int
    public var column: Int
}

/// A record as read: its first line, and what was wrong with its shape, if anything.
public struct CSVRecord: Sendable {
    public var line: Int
    /// Where the record's first field begins: a reader put there reads it again.
    public var start = 0
    public var fields: [CSVField] = []
    /// A quote never closed, or text after a closing quote; the field it concerns.
    public var problem: (message: String, field: Int)?
    /// A quote opened in this record is never closed: the rest of the file is one field.
    public var unclosedQuote = false

    public init(line: Int) { self.line = line }
}

/// Reads RFC 4180 CSV from bytes: quoted fields with embedded delimiters, quotes (`""`) and line
/// breaks; records ending in CRLF, LF or CR; a UTF-8 byte order mark at the start is skipped.
/// Blank lines are skipped. It never throws: a malformed record is returned with `problem` set,
/// so the caller can report it by line and carry on.
public struct CSVReader: Sendable {
    public let source: SourceBytes
    public let delimiter: UInt8
    var position: Int
    var lineNumber = 1
    var lineStart: Int
    /// Where the rows end: a report's total row (`CSVImporter.footer`) and what follows it are
    /// not read as rows.
    var end = Int.max

    public init(bytes: [UInt8], delimiter: UInt8? = nil) {
        self.init(source: SourceBytes(bytes), delimiter: delimiter)
    }

    /// Reads `source`, which may be a file mapped from disk: records are then read without a
    /// copy of the file.
    public init(source: SourceBytes, delimiter: UInt8? = nil) {
        self.source = source
        let bom = source.count >= 3 && source[0] == 0xEF && source[1] == 0xBB && source[2] == 0xBF
        position = bom ? 3 : 0
        let named = source.withUnsafeBufferPointer { CSVReader.namedSeparator($0, from: bom ? 3 : 0) }
        if let named {
            position = named.next
            lineNumber = 2
        }
        lineStart = position
        let from = position
        self.delimiter = delimiter ?? named?.separator ?? source.withUnsafeBufferPointer { CSVReader.guessDelimiter($0, from: from) }
    }

    /// The separator a first line `sep=;` names (as Excel writes it, and reads it), and where
    /// the line after it begins; nil when the file starts otherwise.
    static func namedSeparator(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (separator: UInt8, next: Int)? {
        let n = bytes.count
        guard n >= start + 5, Array(bytes[start..<start + 4]) == Array("sep=".utf8) || Array(bytes[start..<start + 4]) == Array("SEP=".utf8) else { return nil }
        let separator = bytes[start + 4]
        guard separator != 0x0A && separator != 0x0D && separator != 0x22 else { return nil }
        var k = start + 5
        guard k == n || bytes[k] == 0x0A || bytes[k] == 0x0D else { return nil }
        if k < n && bytes[k] == 0x0D { k += 1 }
        if k < n && bytes[k] == 0x0A { k += 1 }
        return (separator, k)
    }

    /// A reader of the same bytes that reads next the record beginning at `start` (a record's
    /// `start`), on line `line`.
    public func reading(from start: Int, line: Int) -> CSVReader {
        var r = self
        r.position = start
        r.lineStart = start
        r.lineNumber = line
        return r
    }

    /// Where the next record (or the blank lines before it) begins.
    public var offset: Int { position }

    public static func guessDelimiter(_ bytes: [UInt8], from start: Int) -> UInt8 {
        bytes.withUnsafeBufferPointer { guessDelimiter($0, from: start) }
    }

    /// The most frequent separator outside quotes among `,` `;` and tab on the first line that
    /// has one (of the first 20: a report's title lines above its header have none); `,` when
    /// none appears. Spreadsheets in locales with a decimal comma write `;`.
    static func guessDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
        var inQuotes = false
        var i = start
        var lines = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 { inQuotes.toggle() }
            else if !inQuotes && (c == 0x0A || c == 0x0D) {
                lines += 1
                if lines >= 20 || counts.values.contains(where: { $0 > 0 }) { break }
            }
            else if !inQuotes && counts[c] != nil { counts[c]! += 1 }
            i += 1
        }
        let best = [UInt8(0x2C), 0x3B, 0x09].max { counts[$0]! < counts[$1]! }!
        return counts[best]! > 0 ? best : 0x2C
    }

    /// The text of a field.
    public func text(_ f: CSVField) -> String {
        source.withUnsafeBufferPointer { bytes in
            guard f.quoted else { return String(decoding: UnsafeBufferPointer(rebasing: bytes[f.start..<f.end]), as: UTF8.self) }
            let field = UnsafeBufferPointer(rebasing: bytes[f.start..<f.end])
            // Without a doubled quote inside, the text is the bytes as they stand.
            guard field.contains(0x22) else { return String(decoding: field, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(f.end - f.start)
            var i = f.start
            while i < f.end {
                out.append(bytes[i])
                i += bytes[i] == 0x22 && i + 1 < f.end && bytes[i + 1] == 0x22 ? 2 : 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The first of `fields` whose bytes are not UTF-8 text (a spreadsheet saved as Latin-1 or
    /// Windows-1252), nil when all are: read as text, each such byte would become U+FFFD, and
    /// `Müller` and `Möller` one client. The row is checked in one pass as a ledger's lines are
    /// (`UTF8Check`), and only a row with invalid bytes field by field: no character's bytes
    /// cross the ASCII marks between fields.
    /// The 1-based column of `f` in characters, as an editor counts it and as ledger
    /// diagnostics give it: `column` counts bytes, and a `£` or `é` before the field is two.
    /// Worked out only for a field a problem names.
    public func characterColumn(_ f: CSVField) -> Int {
        let begin = f.quoted ? f.start - 1 : f.start
        let lineStart = begin - (f.column - 1)
        guard lineStart >= 0, begin <= source.count else { return f.column }
        return source.withUnsafeBufferPointer { bytes in
            var n = 1
            for k in lineStart..<begin where bytes[k] & 0xC0 != 0x80 { n += 1 }
            return n
        }
    }

    public func firstNotUTF8(_ fields: [CSVField]) -> CSVField? {
        guard let first = fields.first, let last = fields.last, first.start < last.end else { return nil }
        return source.withUnsafeBufferPointer { bytes -> CSVField? in
            func invalid(_ from: Int, _ to: Int) -> Bool {
                var found = UTF8Check.Findings()
                _ = found.scan(bytes, from: from, to: to, end: to)
                return found.invalid > 0
            }
            guard invalid(first.start, last.end) else { return nil }
            return fields.first { invalid($0.start, $0.end) }
        }
    }

    /// The next non-blank record, or nil at the end.
    public mutating func next() -> CSVRecord? {
        var record = CSVRecord(line: 0)
        return next(into: &record) ? record : nil
    }

    /// Reads the next non-blank record into `record`, reusing its storage (a file of a million
    /// rows is read without an array made per row); false at the end.
    public mutating func next(into record: inout CSVRecord) -> Bool {
        source.withUnsafeBufferPointer { read($0, into: &record) }
    }

    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, into record: inout CSVRecord) -> Bool {
        let n = bytes.count
        while position < Swift.min(n, end) {
            // Skip blank lines.
            let c = bytes[position]
            if c == 0x0A || c == 0x0D {
                endLine(bytes)
                continue
            }
            record.line = lineNumber
            record.start = position
            record.fields.removeAll(keepingCapacity: true)
            record.problem = nil
            record.unclosedQuote = false
            while true {
                let field = readField(bytes, &record)
                record.fields.append(field)
                guard position < n else { break }
                let d = bytes[position]
                if d == delimiter {
                    position += 1
                    if position == n { record.fields.append(emptyField()); break }
                    continue
                }
                // A line ending ends the record.
                endLine(bytes)
                break
            }
            return true
        }
        return false
    }

    func emptyField() -> CSVField {
        CSVField(start: position, end: position, quoted: false, line: lineNumber, column: position - lineStart + 1)
    }

    /// Consumes one line ending (CRLF, LF or CR) at `position`.
    mutating func endLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes[position] == 0x0D && position + 1 < bytes.count && bytes[position + 1] == 0x0A { position += 1 }
        position += 1
        lineNumber += 1
        lineStart = position
    }

    /// Reads one field and leaves `position` at the delimiter, line ending or end of input after it.
    mutating func readField(_ bytes: UnsafeBufferPointer<UInt8>, _ record: inout CSVRecord) -> CSVField {
        let n = bytes.count
        let line = lineNumber, column = position - lineStart + 1
        guard position < n, bytes[position] == 0x22 else {
            // In locals, not in `self`: the loop runs for every byte of the file.
            let start = position, delimiter = delimiter
            var p = start
            while p < n {
                let c = bytes[p]
                if c == delimiter || c == 0x0A || c == 0x0D { break }
                p += 1
            }
            position = p
            return CSVField(start: start, end: p, quoted: false, line: line, column: column)
        }
        let start = position + 1
        var end = -1
        var p = start
        while p < n {
            let c = bytes[p]
            if c == 0x22 {
                if p + 1 < n && bytes[p + 1] == 0x22 {
                    p += 2
                    continue
                }
                end = p
                p += 1
                break
            }
            if c == 0x0A || (c == 0x0D && !(p + 1 < n && bytes[p + 1] == 0x0A)) {
                lineNumber += 1
                lineStart = p + 1
            }
            p += 1
        }
        position = p
        let index = record.fields.count
        if end < 0 {
            if record.problem == nil { record.problem = ("a quoted field is never closed", index) }
            record.unclosedQuote = true
            return CSVField(start: start, end: n, quoted: true, line: line, column: column)
        }
        // Spaces after the closing quote are harmless; anything else means the quoting is broken.
        var k = position
        while k < n && (bytes[k] == 0x20 || bytes[k] == 0x09) { k += 1 }
        if k < n && bytes[k] != delimiter && bytes[k] != 0x0A && bytes[k] != 0x0D {
            if record.problem == nil { record.problem = ("text after the closing quote of a field (a quote inside a quoted field is written \"\")", index) }
            while k < n && bytes[k] != delimiter && bytes[k] != 0x0A && bytes[k] != 0x0D { k += 1 }
        }
        position = k
        return CSVField(start: start, end: end, quoted: true, line: line, column: column)
    }
}
