/// A stable digest of text: 64-bit FNV-1a as 16 hex digits, the same on every machine and run
/// (unlike `hashValue`). Used to recognise a draft the user edited and to tell file names apart.
public enum Digest {
    /// 64-bit FNV-1a of the text's UTF-8 bytes, as 16 hex digits.
    public static func fnv1a64(_ text: String) -> String {
        var h = FNV1a64()
        h.add(text)
        return h.hex
    }

    /// FNV-1a fed piece by piece: the digest of the pieces is the digest of their joining, with
    /// no joined text made (a letter's facts are its tables, several KB).
    public struct FNV1a64: Sendable {
        public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        public init() {}

        public mutating func add(_ text: String) {
            var text = text
            // Read in place.
            text.withUTF8 { add($0) }
        }

        public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
            var h = value
            for b in bytes {
                h ^= UInt64(b)
                h = h &* 0x100_0000_01b3
            }
            value = h
        }

        public var hex: String {
            let s = String(value, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
    }
}
