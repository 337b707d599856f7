#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a JSON text into a `JSONValue`, for the messages of the language server whose size
/// matters: an editor opens a ledger by sending all of it as one JSON string, and Foundation's
/// decoder, which walks the message once to read its envelope and again to decode it, took
/// a third of the server's time to open a large ledger. Here the text is read once, and a
/// string is copied in runs between its escapes, or taken whole when it has none.
///
/// Strict as JSON is: anything else (a trailing comma, a control character in a string,
/// invalid UTF-8, text after the value) is an error. A lone UTF-16 surrogate in a `\u` escape
/// reads as U+FFFD.
enum JSONReader {
    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        let reason: String
        var description: String { "\(reason) at byte \(offset)" }
    }

    /// Deeper than this is refused rather than read by recursion that could run out of stack.
    static let maxDepth = 256

    static func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
        var r = Cursor(b: bytes)
        let v = try r.value(depth: 0)
        r.skipBlanks()
        guard r.at == bytes.count else { throw r.fail("text after the value") }
        return v
    }

    private struct Cursor {
        let b: UnsafeBufferPointer<UInt8>
        var at = 0

        func fail(_ reason: String) -> Failure { Failure(offset: at, reason: reason) }

        mutating func skipBlanks() {
            while at < b.count, b[at] == 0x20 || b[at] == 0x0A || b[at] == 0x0D || b[at] == 0x09 { at += 1 }
        }

        mutating func value(depth: Int) throws(Failure) -> JSONValue {
            guard depth < JSONReader.maxDepth else { throw fail("nested too deeply") }
            skipBlanks()
            guard at < b.count else { throw fail("a value was expected") }
            switch b[at] {
            case 0x7B: return try object(depth: depth)
            case 0x5B: return try array(depth: depth)
            case 0x22: return .string(try string())
            case 0x74: try word("true"); return .bool(true)
            case 0x66: try word("false"); return .bool(false)
            case 0x6E: try word("null"); return .null
            default: return try number()
            }
        }

        mutating func word(_ w: StaticString) throws(Failure) {
            let n = w.utf8CodeUnitCount
            guard at + n <= b.count, memcmp(b.baseAddress! + at, w.utf8Start, n) == 0 else { throw fail("a value was expected") }
            at += n
        }

        mutating func object(depth: Int) throws(Failure) -> JSONValue {
            at += 1
            var fields: [(String, JSONValue)] = []
            skipBlanks()
            if at < b.count, b[at] == 0x7D {
                at += 1
                return .object(fields)
            }
            while true {
                skipBlanks()
                guard at < b.count, b[at] == 0x22 else { throw fail("a key was expected") }
                let key = try string()
                skipBlanks()
                guard at < b.count, b[at] == 0x3A else { throw fail("':' was expected") }
                at += 1
                fields.append((key, try value(depth: depth + 1)))
                if try ended(by: 0x7D) { return .object(fields) }
            }
        }

        mutating func array(depth: Int) throws(Failure) -> JSONValue {
            at += 1
            var items: [JSONValue] = []
            skipBlanks()
            if at < b.count, b[at] == 0x5D {
                at += 1
                return .array(items)
            }
            while true {
                items.append(try value(depth: depth + 1))
                if try ended(by: 0x5D) { return .array(items) }
            }
        }

        /// After an element: true at `close` (passed), false at a comma (passed).
        mutating func ended(by close: UInt8) throws(Failure) -> Bool {
            skipBlanks()
            guard at < b.count, b[at] == 0x2C || b[at] == close else { throw fail("',' or '\(Character(Unicode.Scalar(close)))' was expected") }
            at += 1
            return b[at - 1] == close
        }

        /// A number as written: an integer that fits 64 bits as `.int`, any other as its text.
        mutating func number() throws(Failure) -> JSONValue {
            let start = at
            if at < b.count, b[at] == 0x2D { at += 1 }
            func digits() -> Int {
                let from = at
                while at < b.count, b[at] >= 0x30, b[at] <= 0x39 { at += 1 }
                return at - from
            }
            let whole = digits()
            guard whole > 0, !(whole > 1 && b[at - whole] == 0x30) else { throw fail("a value was expected") }
            var integer = true
            if at < b.count, b[at] == 0x2E {
                at += 1
                integer = false
                guard digits() > 0 else { throw fail("digits were expected after '.'") }
            }
            if at < b.count, b[at] == 0x65 || b[at] == 0x45 {
                at += 1
                integer = false
                if at < b.count, b[at] == 0x2B || b[at] == 0x2D { at += 1 }
                guard digits() > 0 else { throw fail("digits were expected in the exponent") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<at]), as: UTF8.self)
            if integer, let n = Int64(text) { return .int(n) }
            return .number(text)
        }

        /// The string that starts at `at` (its opening quote), unescaped.
        mutating func string() throws(Failure) -> String {
            at += 1
            let start = at
            // Most strings have no escape: found whole, they are made from their bytes at once.
            while at < b.count, b[at] != 0x22, b[at] != 0x5C, b[at] >= 0x20 { at += 1 }
            guard at < b.count else { throw fail("the string does not end") }
            if b[at] == 0x22 {
                at += 1
                return try text(UnsafeBufferPointer(rebasing: b[start..<(at - 1)]), from: start)
            }
            var out: [UInt8] = []
            out.reserveCapacity(at - start + 16)
            var run = start
            while true {
                guard at < b.count else { throw fail("the string does not end") }
                let c = b[at]
                if c == 0x22 { break }
                if c < 0x20 { throw fail("a control character in a string") }
                if c != 0x5C {
                    at += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<at]))
                at += 1
                guard at < b.count else { throw fail("the string does not end") }
                let e = b[at]
                at += 1
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75: append(scalar: try unicodeEscape(), to: &out)
                default: throw fail("an unknown escape")
                }
                run = at
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<at]))
            at += 1
            return try out.withUnsafeBufferPointer { (o: UnsafeBufferPointer<UInt8>) throws(Failure) in try text(o, from: start) }
        }

        /// `\uXXXX` after its `\u`, with the low half of a surrogate pair when one follows.
        mutating func unicodeEscape() throws(Failure) -> Unicode.Scalar {
            let high = try hex4()
            if (0xD800..<0xDC00).contains(high), at + 6 <= b.count, b[at] == 0x5C, b[at + 1] == 0x75 {
                let save = at
                at += 2
                let low = try hex4()
                if (0xDC00..<0xE000).contains(low) {
                    return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
                }
                at = save
            }
            return Unicode.Scalar(high) ?? "\u{FFFD}"
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard at + 4 <= b.count else { throw fail("four hex digits were expected") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = b[at]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw fail("four hex digits were expected")
                }
                v = v << 4 | d
                at += 1
            }
            return v
        }

        func append(scalar: Unicode.Scalar, to out: inout [UInt8]) {
            UTF8.encode(scalar) { out.append($0) }
        }

        func text(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(Failure) -> String {
            guard let s = String(validating: bytes, as: UTF8.self) else { throw Failure(offset: start, reason: "invalid UTF-8 in a string") }
            return s
        }
    }
}
