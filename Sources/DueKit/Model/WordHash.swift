/// A hash of a short run of bytes, read eight at a time: an invoice number such as
/// `INV-0012345` is two words, where a byte-at-a-time hash chains eleven multiplications, one
/// waiting on the other. Every byte counts, so ids differing in any one land apart; the last
/// steps spread the bits over the low ones, which pick an `IDTable` slot.
struct WordHash {
    let value: Int
    /// Whether every byte is below 0x80.
    let isASCII: Bool

    @inline(__always) init(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        var high: UInt64 = 0
        var i = 0
        if n > 0 {
            let raw = UnsafeRawPointer(bytes.baseAddress!)
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                high |= w
                h = WordHash.mix(h ^ w)
                i += 8
            }
            if i < n {
                // The last one to seven bytes, as the low bytes of one word.
                var w: UInt64 = 0
                var shift: UInt64 = 0
                while i < n {
                    w |= UInt64(bytes[i]) &<< shift
                    shift += 8
                    i += 1
                }
                high |= w
                h = WordHash.mix(h ^ w)
            }
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        value = Int(truncatingIfNeeded: h)
        isASCII = high & 0x8080_8080_8080_8080 == 0
    }

    @inline(__always) private static func mix(_ x: UInt64) -> UInt64 {
        let m = x &* 0xFF51_AFD7_ED55_8CCD
        return m ^ (m >> 31)
    }
}
