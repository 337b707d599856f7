/// A stable digest of text: 64-bit FNV-1a as 16 hex digits, the same on every machine and run
/// (unlike `hashValue`). Used to recognise a draft the user edited and to tell file names apart.
public enum Digest {
    public static func fnv1a64(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        // Read in place: a letter's draft is digested three times, a few KB each.
        var text = text
        text.withUTF8 { bytes in
            for b in bytes {
                h ^= UInt64(b)
                h = h &* 0x100_0000_01b3
            }
        }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
