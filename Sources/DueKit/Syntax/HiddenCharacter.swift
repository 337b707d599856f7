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
        // as replacement characters would.
        var scalars: [(offset: Int, length: Int, scalar: Unicode.Scalar)] = []
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var offset = 0
        decoding: while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded):
                scalars.append((offset, encoded.count, Unicode.UTF8.decode(encoded)))
                offset += encoded.count
            case .error(let length):
                offset += length
            case .emptyInput:
                break decoding
            }
        }
        for (k, s) in scalars.enumerated() where isHidden(s.scalar) {
            // A zero-width joiner between two pictographs makes one emoji (👩‍💻): visible.
            let joinsEmoji = s.scalar == "\u{200D}" && k > 0 && k + 1 < scalars.count && isPictograph(scalars[k - 1].scalar) && isPictograph(scalars[k + 1].scalar)
            if !joinsEmoji { return s }
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
