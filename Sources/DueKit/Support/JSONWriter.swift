/// A small JSON writer with a fixed key order, so JSON output is byte-for-byte deterministic.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    /// A number already formatted (for exact decimal money).
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// An array whose `count` elements are made one at a time as they are written and let go
    /// after: an aging of a million open invoices held as one tree of values took a GB.
    case rows(count: Int, row: @Sendable (Int) -> JSONValue)
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.render() == b.render() }

    /// `newline`: the text ends with one, added before the bytes become a string: a large
    /// report's JSON is not copied once more to add it.
    public func render(indent: Int = 0, pretty: Bool = true, newline: Bool = false) -> String {
        var out = ByteText()
        var sink = Sink(out: { _ in }, every: .max)
        write(into: &out, indent: indent, pretty: pretty, sink: &sink)
        if newline { out.byte(0x0A) }
        return out.string
    }

    /// The text `render` gives, handed to `out` a piece at a time (of about `every` bytes, cut
    /// between elements of arrays) rather than made whole: with `rows`, a report of a million
    /// invoices is never held, as values or as text.
    public func stream(pretty: Bool = true, newline: Bool = false, every: Int = 1 << 20, to out: (UnsafeBufferPointer<UInt8>) -> Void) {
        withoutActuallyEscaping(out) { out in
            var text = ByteText(capacity: min(every, 1 << 20) + 4096)
            var sink = Sink(out: out, every: every)
            write(into: &text, indent: 0, pretty: pretty, sink: &sink)
            if newline { text.byte(0x0A) }
            sink.flush(&text)
        }
    }

    /// Where `stream` hands its pieces.
    struct Sink {
        let out: (UnsafeBufferPointer<UInt8>) -> Void
        let every: Int

        /// Hands on what `text` holds when it has grown to a piece.
        @inline(__always) mutating func offer(_ text: inout ByteText) {
            if text.bytes.count >= every { flush(&text) }
        }

        mutating func flush(_ text: inout ByteText) {
            guard !text.bytes.isEmpty else { return }
            text.bytes.withUnsafeBufferPointer { out($0) }
            text.bytes.removeAll(keepingCapacity: true)
        }
    }

    public static func escape(_ s: String) -> String {
        var out = ByteText()
        escape(s, into: &out)
        return out.string
    }

    /// `s` quoted and escaped, appended to `out`. Read as UTF-8 in place, the text between the
    /// bytes that need escaping copied in runs: an editor's document is sent as one string of
    /// tens of MB, which appended character by character took seconds.
    static func escape(_ s: String, into out: inout ByteText) {
        var s = s
        s.withUTF8 { b in
            out.bytes.reserveCapacity(out.bytes.count + b.count + 2)
            out.byte(0x22)
            var run = 0
            for k in b.indices where b[k] < 0x20 || b[k] == 0x22 || b[k] == 0x5C {
                out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<k]))
                run = k + 1
                switch b[k] {
                case 0x22: out.words("\\\"")
                case 0x5C: out.words("\\\\")
                case 0x0A: out.words("\\n")
                case 0x0D: out.words("\\r")
                case 0x09: out.words("\\t")
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.words("\\u00")
                    out.byte(hex[Int(b[k] >> 4)])
                    out.byte(hex[Int(b[k] & 15)])
                }
            }
            out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[run...]))
            out.byte(0x22)
        }
    }

    /// Written as bytes, indentation as runs of spaces: a large ledger's aging as JSON is a
    /// million objects, and a `String` made for every indentation and appended piece by piece
    /// took half the command's time.
    private func write(into out: inout ByteText, indent: Int, pretty: Bool, sink: inout Sink) {
        switch self {
        case .string(let s): JSONValue.escape(s, into: &out)
        case .int(let i): out.int(Int(i))
        case .number(let n): out.append(n)
        case .bool(let b): b ? out.words("true") : out.words("false")
        case .null: out.words("null")
        case .array(let items):
            JSONValue.writeArray(items.count, into: &out, indent: indent, pretty: pretty, sink: &sink) { items[$0] }
        case .rows(let count, let row):
            JSONValue.writeArray(count, into: &out, indent: indent, pretty: pretty, sink: &sink, row)
        case .object(let fields):
            if fields.isEmpty { return out.words("{}") }
            out.byte(0x7B)
            for (i, (k, v)) in fields.enumerated() {
                if pretty {
                    out.byte(0x0A)
                    out.spaces(2 * (indent + 1))
                }
                JSONValue.escape(k, into: &out)
                pretty ? out.words(": ") : out.byte(0x3A)
                v.write(into: &out, indent: indent + 1, pretty: pretty, sink: &sink)
                if i + 1 < fields.count { out.byte(0x2C) }
            }
            if pretty {
                out.byte(0x0A)
                out.spaces(2 * indent)
            }
            out.byte(0x7D)
        }
    }

    /// `count` elements, each made by `element` as it is written; between two, what is written
    /// so far may be handed to `sink`.
    private static func writeArray(_ count: Int, into out: inout ByteText, indent: Int, pretty: Bool, sink: inout Sink, _ element: (Int) -> JSONValue) {
        if count == 0 { return out.words("[]") }
        out.byte(0x5B)
        for i in 0..<count {
            if pretty {
                out.byte(0x0A)
                out.spaces(2 * (indent + 1))
            }
            element(i).write(into: &out, indent: indent + 1, pretty: pretty, sink: &sink)
            if i + 1 < count { out.byte(0x2C) }
            sink.offer(&out)
        }
        if pretty {
            out.byte(0x0A)
            out.spaces(2 * indent)
        }
        out.byte(0x5D)
    }
}

