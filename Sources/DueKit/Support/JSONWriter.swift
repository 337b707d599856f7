/// A small JSON writer with a fixed key order, so JSON output is byte-for-byte deterministic.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    /// A number already formatted (for exact decimal money).
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.render() == b.render() }

    public func render(indent: Int = 0, pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, indent: indent, pretty: pretty)
        return out
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        escape(s, into: &out)
        return out
    }

    /// `s` quoted and escaped, appended to `out`. Read as UTF-8 in place, the text between the
    /// bytes that need escaping copied in runs: an editor's document is sent as one string of
    /// tens of MB, which appended character by character took seconds.
    static func escape(_ s: String, into out: inout String) {
        var s = s
        var bytes: [UInt8] = []
        s.withUTF8 { b in
            bytes.reserveCapacity(b.count + 2)
            bytes.append(0x22)
            var run = 0
            for k in b.indices where b[k] < 0x20 || b[k] == 0x22 || b[k] == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<k]))
                run = k + 1
                switch b[k] {
                case 0x22: bytes += [0x5C, 0x22]
                case 0x5C: bytes += [0x5C, 0x5C]
                case 0x0A: bytes += [0x5C, 0x6E]
                case 0x0D: bytes += [0x5C, 0x72]
                case 0x09: bytes += [0x5C, 0x74]
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(b[k] >> 4)], hex[Int(b[k] & 15)]]
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[run...]))
            bytes.append(0x22)
        }
        out += String(decoding: bytes, as: UTF8.self)
    }

    private func write(into out: inout String, indent: Int, pretty: Bool) {
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let close = pretty ? String(repeating: "  ", count: indent) : ""
        let nl = pretty ? "\n" : ""
        switch self {
        case .string(let s): JSONValue.escape(s, into: &out)
        case .int(let i): out += String(i)
        case .number(let n): out += n
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + nl
            for (i, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 1, pretty: pretty)
                out += (i + 1 < items.count ? "," : "") + nl
            }
            out += close + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{" + nl
            for (i, (k, v)) in fields.enumerated() {
                out += pad
                JSONValue.escape(k, into: &out)
                out += pretty ? ": " : ":"
                v.write(into: &out, indent: indent + 1, pretty: pretty)
                out += (i + 1 < fields.count ? "," : "") + nl
            }
            out += close + "}"
        }
    }
}
