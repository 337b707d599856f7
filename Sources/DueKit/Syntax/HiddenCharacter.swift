/// Characters that change how an id looks, or whether it looks like anything, without being
/// seen: zero-width and other format characters (U+200B, U+00AD soft hyphen, U+FEFF),
/// bidirectional controls (U+202E), line and paragraph separators, spaces other than the ASCII
/// one, and control characters. `ab` and `a<U+200B>b` would be two clients that read the same.
/// A zero-width joiner inside an emoji sequence is part of a visible character and allowed.
public enum HiddenCharacter {
    /// The first such character in `bytes` (UTF-8): its byte offset, length and scalar.
    public static func first(in bytes: some Collection<UInt8>) -> (offset: Int, length: Int, scalar: Unicode.Scalar)? {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        var offset = 0
        for (k, scalar) in scalars.enumerated() {
            let length = UTF8.width(scalar)
            // A zero-width joiner between two pictographs makes one emoji (👩‍💻): visible.
            let joinsEmoji = scalar == "\u{200D}" && k > 0 && k + 1 < scalars.count && isPictograph(scalars[k - 1]) && isPictograph(scalars[k + 1])
            if isHidden(scalar) && !joinsEmoji { return (offset, length, scalar) }
            offset += length
        }
        return nil
    }

    static func isPictograph(_ u: Unicode.Scalar) -> Bool { u.value > 0x7F && u.properties.isEmoji }

    public static func isHidden(_ u: Unicode.Scalar) -> Bool {
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
