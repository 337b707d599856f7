/// `file://` URIs as LSP sends them, and the paths they name.
public enum DocumentURI {
    public static func path(_ uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        var rest = String(uri.dropFirst("file://".count))
        // `file://host/path`: only the local host is meaningful here.
        if !rest.hasPrefix("/"), let slash = rest.firstIndex(of: "/") { rest = String(rest[slash...]) }
        return decoded(rest) ?? rest
    }

    public static func uri(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileSystem.join(FileSystem.currentDirectory, path)
        return "file://" + encoded(absolute)
    }

    /// The bytes a path may hold as they are in a URI: RFC 3986's unreserved characters and
    /// sub-delimiters but `;`, with `:`, `@` and `/`, the set editors expect. Every other byte is
    /// written `%XX`, `#`, `?` and `%` too: they would end the path or start an escape.
    static func keepsAsIs(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: "-._~!$&'()*+,=:@/".utf8.contains(b)
        }
    }

    static func encoded(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for b in path.utf8 {
            if keepsAsIs(b) {
                out.append(b)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` with its `%XX` escapes read; nil when an escape is malformed or the bytes are not
    /// UTF-8.
    static func decoded(_ text: String) -> String? {
        func digit(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var k = 0
        while k < bytes.count {
            if bytes[k] == UInt8(ascii: "%") {
                guard k + 2 < bytes.count, let high = digit(bytes[k + 1]), let low = digit(bytes[k + 2]) else { return nil }
                out.append(high << 4 | low)
                k += 3
            } else {
                out.append(bytes[k])
                k += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}
