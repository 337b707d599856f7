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

    /// Whether `b` is an id of ASCII bytes alone, one test a byte: the parser's question for the
    /// ids on nearly every header. False says only that `problem(in:)` must be asked.
    @inline(__always) static func isASCIIID(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = b.first, first < 0x80, allowed(first, low: startLow, high: startHigh) else { return false }
        var k = 1
        while k < b.count {
            let c = b[k]
            guard c < 0x80, allowed(c, low: startLow | marksLow, high: startHigh | marksHigh) else { return false }
            k += 1
        }
        return true
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
