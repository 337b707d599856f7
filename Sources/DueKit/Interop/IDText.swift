/// Turns spreadsheet text into ids the ledger accepts (`LedgerID`), keeping text that is
/// already an id as it is.
public enum IDText {
    /// An ASCII letter or digit: what an id made from other text keeps.
    static func isIDByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// `text` when it is an id; otherwise its ASCII letters and digits joined by `-` (`Acme
    /// Widgets Ltd` → `acme-widgets-ltd` when `lowercase`), or "" when nothing is left.
    public static func make(_ text: String, lowercase: Bool) -> String {
        let trimmed = trim(text)
        if LedgerID.isValid(trimmed) { return trimmed }
        if trimmed.utf8.contains(where: { $0 >= 0x80 }), let kept = letters(of: trimmed, lowercase: lowercase) { return kept }
        var out: [UInt8] = []
        var pendingDash = false
        for c in trimmed.utf8 {
            if isIDByte(c) {
                if pendingDash && !out.isEmpty { out.append(0x2D) }
                pendingDash = false
                out.append(lowercase && c >= 0x41 && c <= 0x5A ? c + 32 : c)
            } else {
                pendingDash = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The id `make` gives text beyond ASCII: letters and digits of any script are kept, as
    /// ids allow them (`Müller GmbH` → `müller-gmbh`, not `m-ller-gmbh`), with the marks that
    /// follow a kept letter (a decomposed `ü`). Nil when what is left is not an id.
    static func letters(of text: String, lowercase: Bool) -> String? {
        var out = ""
        var pendingDash = false, afterKept = false
        for u in text.unicodeScalars {
            let p = u.properties
            let mark = p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark || p.generalCategory == .enclosingMark
            if u.isASCII ? isIDByte(UInt8(u.value)) : (p.isAlphabetic || p.numericType != nil) && !mark {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                afterKept = true
                if lowercase { out.append(contentsOf: p.lowercaseMapping) } else { out.unicodeScalars.append(u) }
            } else if mark && afterKept && !pendingDash {
                out.unicodeScalars.append(u)
            } else {
                pendingDash = true
                afterKept = false
            }
        }
        return !out.isEmpty && LedgerID.isValid(out) ? out : nil
    }

    /// `text` with each character that shows nothing, or turns the text around it (a control
    /// or format character: U+202E), written as its code (`<U+202E>`), so a note that quotes a
    /// cell shows what was in it.
    static func visible(_ text: String) -> String {
        var out = ""
        for u in text.unicodeScalars {
            let category = u.properties.generalCategory
            if category == .control || category == .format {
                let hex = String(u.value, radix: 16, uppercase: true)
                out += "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)>"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func trim(_ text: String) -> String {
        // Most cells have nothing to trim: a space or tab ends a text only where its first or
        // last byte is one.
        var text = text
        let ends = text.withUTF8 { u in u.isEmpty ? nil : (u[0], u[u.count - 1]) }
        guard let (first, last) = ends else { return text }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return text }
        var s = Substring(text)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }

    /// Already one line, single-spaced, trimmed and free of `;` (most text is): kept as it is.
    /// `ascii`: every byte must also be ASCII (what beancount's quoting asks), found in the
    /// same pass.
    static func isCleanText(_ text: String, also forbidden: UInt8 = 0x3B, ascii: Bool = false) -> Bool {
        // Exports ask this of every narration: over the contiguous bytes when the string has them.
        if let clean = text.utf8.withContiguousStorageIfAvailable({ isCleanText($0, also: forbidden, ascii: ascii) }) { return clean }
        let limit: UInt8 = ascii ? 0x7F : 0xFF
        var previous: UInt8 = 0x20
        for c in text.utf8 {
            if c < 0x20 || c > limit || c == 0x3B || c == forbidden || (c == 0x20 && previous == 0x20) { return false }
            previous = c
        }
        return previous != 0x20 || text.isEmpty
    }

    static func isCleanText(_ bytes: UnsafeBufferPointer<UInt8>, also forbidden: UInt8, ascii: Bool = false) -> Bool {
        let limit: UInt8 = ascii ? 0x7F : 0xFF
        var previous: UInt8 = 0x20
        for c in bytes {
            if c < 0x20 || c > limit || c == 0x3B || c == forbidden || (c == 0x20 && previous == 0x20) { return false }
            previous = c
        }
        return previous != 0x20 || bytes.isEmpty
    }

    /// Free text made safe for the end of a ledger line: one line, single-spaced. A `;` starts
    /// a trailing comment only after a space (grammar.md §1), so `Design; phase 2` is kept as it
    /// is and `a ; b` loses the space before its `;` (`a; b`). A text that would start with `;`
    /// cannot be written at all; the importer refuses a cell that does. Control
    /// characters, which a ledger may not hold, are left out.
    public static func text(_ text: String) -> String {
        // Most text is kept as it is: told in one pass over its bytes, whatever its letters.
        isKeptAsIs(text) ? text : tidied(text)
    }

    /// `text` made one line, single-spaced, with no `;` starting a comment, character by character.
    static func tidied(_ text: String) -> String {
        var out = ""
        var space = false
        for ch in text {
            if ch == "\n" || ch == "\r" || ch == "\t" || ch == " " || ch == "\r\n" {
                space = true
                continue
            }
            if ch == ";" && out.isEmpty { continue }
            // A ledger holds no control characters (E006); in a spreadsheet they are noise.
            if ch.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) { continue }
            if space && !out.isEmpty && ch != ";" { out.append(" ") }
            space = false
            out.append(ch)
        }
        return out
    }

    /// One line, single-spaced, trimmed, with no control character and no `;` that would start
    /// a comment (first, or after a space): what `text` gives back unchanged.
    static func isKeptAsIs(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            var previous: UInt8 = 0x20
            for c in b {
                if c < 0x20 || c == 0x7F || (c == 0x20 && previous == 0x20) || (c == 0x3B && previous == 0x20) { return false }
                previous = c
            }
            return previous != 0x20 || b.isEmpty
        }
    }
}
