/// What a client id or invoice number may hold (grammar.md §2): letters and digits, of any
/// script, and `- _ . / #` after the first character; but no character that cannot be seen or
/// that changes how the text around it reads (`HiddenCharacter`), since two ids that look the
/// same must be the same. The one definition for the parser (E112), the CSV import and the
/// editor's rename.
public enum LedgerID {
    public enum Problem: Sendable, Equatable {
        /// A character ids may not hold, or may not start with (ASCII punctuation, a space).
        case character
        /// A hidden character at this byte offset, of this length in bytes.
        case hidden(offset: Int, length: Int, scalar: Unicode.Scalar)
    }

    /// Why `bytes` (UTF-8) is not an id, or nil when it is one.
    public static func problem(in bytes: some Collection<UInt8>) -> Problem? {
        guard let first = bytes.first else { return .character }
        guard first >= 0x80 || Self.allowed(first, low: Self.startLow, high: Self.startHigh) else { return .character }
        var ascii = first < 0x80
        for c in bytes.dropFirst() {
            if c >= 0x80 {
                ascii = false
            } else if !Self.allowed(c, low: Self.startLow | Self.marksLow, high: Self.startHigh | Self.marksHigh) {
                return .character
            }
        }
        // Hidden characters are all outside ASCII: an ASCII id, nearly every id, has none.
        if ascii { return nil }
        return HiddenCharacter.first(in: bytes).map { .hidden(offset: $0.offset, length: $0.length, scalar: $0.scalar) }
    }

    /// Whether `b` is an id of ASCII bytes alone: the parser's question for the ids on nearly
    /// every header. False says only that `problem(in:)` must be asked. An id of eight bytes or
    /// more is read eight at a time (the last load ending at its end), a shorter one a byte at a
    /// time, one test a byte.
    @inline(__always) static func isASCIIID(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = b.first, first < 0x80, allowed(first, low: startLow, high: startHigh) else { return false }
        let n = b.count
        if n >= 8 {
            let p = UnsafeRawPointer(b.baseAddress!)
            var k = 0
            while k + 8 < n {
                guard idBytes(p.loadUnaligned(fromByteOffset: k, as: UInt64.self)) else { return false }
                k += 8
            }
            return idBytes(p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
        }
        var k = 1
        while k < n {
            let c = b[k]
            guard c < 0x80, allowed(c, low: startLow | marksLow, high: startHigh | marksHigh) else { return false }
            k += 1
        }
        return true
    }

    /// Whether every byte of `x` is an ASCII letter, digit or one of `# - . / _`, each test on
    /// all eight bytes at once (the bytes below 0x80, no sum carries from one byte to the next).
    @inline(__always) static func idBytes(_ x: UInt64) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080
        guard x & high == 0 else { return false }
        // The high bit of each byte from `lo` through `hi`.
        @inline(__always) func within(_ x: UInt64, _ lo: UInt64, _ hi: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101
            return (x &+ ones &* (0x80 - lo)) & ~(x &+ ones &* (0x7F - hi)) & high
        }
        // A letter of either case, as its small letter.
        let letters = within(x | 0x2020_2020_2020_2020, 0x61, 0x7A)
        let found = letters | within(x, 0x30, 0x39) | within(x, 0x2D, 0x2F) | within(x, 0x23, 0x23) | within(x, 0x5F, 0x5F)
        return found == high
    }

    /// Whether ASCII byte `c` is in the set given by its bits over bytes 0–63 and 64–127.
    @inline(__always) static func allowed(_ c: UInt8, low: UInt64, high: UInt64) -> Bool {
        (c < 64 ? low : high) & (1 << (c & 63)) != 0
    }

    // The ASCII bytes an id may start with (letters and digits) and the marks it may hold after,
    // as bit sets over bytes 0–63 and 64–127, so that each byte is one test.
    /// `0`–`9`.
    static let startLow: UInt64 = 0x03FF_0000_0000_0000
    /// `A`–`Z`, `a`–`z`.
    static let startHigh: UInt64 = 0x07FF_FFFE_07FF_FFFE
    /// `#`, `-`, `.`, `/`.
    static let marksLow: UInt64 = 1 << 0x23 | 1 << 0x2D | 1 << 0x2E | 1 << 0x2F
    /// `_`.
    static let marksHigh: UInt64 = 1 << (0x5F - 64)

    public static func isValid(_ text: String) -> Bool { problem(in: text.utf8) == nil }
}
