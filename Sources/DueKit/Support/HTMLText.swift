/// Text made safe to place in HTML or SVG, in element content and in quoted attributes.
public enum HTMLText {
    public static func escape(_ s: String) -> String {
        // Most ledger text has nothing to escape: it is handed back as it is, not rebuilt.
        if !s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) { return s }
        var out = ByteText()
        appendEscaped(s, to: &out)
        return out.string
    }

    /// `s` with the five characters HTML reads specially (`& < > " '`) written as entities,
    /// appended to `out`: the one escaping, which `escape` also uses. Byte by byte: the five are
    /// ASCII, and no byte of a longer UTF-8 sequence is ASCII.
    public static func appendEscaped(_ s: String, to out: inout ByteText) {
        var s = s
        s.withUTF8 { bytes in
            // Runs with nothing to escape, most ledger text, go in as one copy.
            var run = 0
            for (k, b) in bytes.enumerated() {
                let entity: StaticString
                switch b {
                case 0x26: entity = "&amp;"
                case 0x3C: entity = "&lt;"
                case 0x3E: entity = "&gt;"
                case 0x22: entity = "&quot;"
                case 0x27: entity = "&#39;"
                default: continue
                }
                out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<k]))
                out.words(entity)
                run = k + 1
            }
            out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
    }
}
