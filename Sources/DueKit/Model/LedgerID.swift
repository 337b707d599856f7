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
        var first = true
        for c in bytes {
            let letterOrDigit = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c >= 0x80
            let mark = c == 0x2D || c == 0x5F || c == 0x2E || c == 0x2F || c == 0x23
            guard letterOrDigit || (mark && !first) else { return .character }
            first = false
        }
        if first { return .character }
        return HiddenCharacter.first(in: bytes).map { .hidden(offset: $0.offset, length: $0.length, scalar: $0.scalar) }
    }

    public static func isValid(_ text: String) -> Bool { problem(in: text.utf8) == nil }
}
