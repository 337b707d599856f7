/// Characters that change how an id looks, or whether it looks like anything, without being
/// seen: zero-width and other format characters (U+200B, U+00AD soft hyphen, U+FEFF),
/// bidirectional controls (U+202E), line and paragraph separators, spaces other than the ASCII
/// one, and control characters. `ab` and `a<U+200B>b` would be two clients that read the same.
/// A zero-width joiner inside an emoji sequence is part of a visible character and allowed.
public enum HiddenCharacter {
    /// The first such character in `bytes` (UTF-8): its byte offset, length and scalar.
    public static func first(in bytes: some Collection<UInt8>) -> (offset: Int, length: Int, scalar: Unicode.Scalar)? {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        // Decoded here, by byte offsets: invalid UTF-8 (reported as E005) must not shift them
        // as replacement characters would; it is stepped over, as if not there. One pass, with
        // nothing kept but the scalar before: an id is read on every line that names it.
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var offset = 0
        var before: Unicode.Scalar?
        // A zero-width joiner between two pictographs makes one emoji (👩‍💻): visible. One
        // waits here, with the scalar before it, until the scalar after it is read.
        var joiner: (offset: Int, length: Int, before: Unicode.Scalar?)?
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if let j = joiner {
                    guard let b = j.before, isPictograph(b), isPictograph(scalar) else { return (j.offset, j.length, "\u{200D}") }
                    joiner = nil
                }
                if isHidden(scalar) {
                    guard scalar == "\u{200D}" else { return (offset, encoded.count, scalar) }
                    joiner = (offset, encoded.count, before)
                }
                before = scalar
                offset += encoded.count
            case .error(let length):
                offset += length
            case .emptyInput:
                return joiner.map { ($0.offset, $0.length, "\u{200D}") }
            }
        }
    }

    static func isPictograph(_ u: Unicode.Scalar) -> Bool { u.value > 0x7F && u.properties.isEmoji }

    public static func isHidden(_ u: Unicode.Scalar) -> Bool {
        // Answered without the Unicode tables where they are known: ASCII (controls and the
        // space), then from U+00AE to U+05FF, the Latin, Greek, Cyrillic, Armenian and Hebrew
        // letters and marks of most names, where none is hidden (a test holds this to the
        // tables). U+0080 to U+00AD holds controls, the no-break space and the soft hyphen.
        if u.value < 0x80 { return u.value <= 0x20 || u.value == 0x7F }
        if u.value >= 0xAE && u.value < 0x600 { return false }
        return hiddenByCategory(u)
    }

    /// What the Unicode tables say: a format character, a separator or a control.
    static func hiddenByCategory(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .control: return true
        default: return false
        }
    }

    /// `U+200B ZERO WIDTH SPACE`
    public static func describe(_ u: Unicode.Scalar) -> String {
        var hex = String(u.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return "U+" + hex + (u.properties.name.map { " " + $0 } ?? "")
    }
}
