import Testing
@testable import DueKit

/// `HiddenCharacter` answers the common scripts without the Unicode tables and reads an id in
/// one pass; both must say what the tables and a plain reading of every scalar say.
@Suite struct HiddenCharacterTests {
    @Test func shortcutAgreesWithTheUnicodeTables() {
        for v in UInt32(0)..<0x3100 {
            guard let u = Unicode.Scalar(v) else { continue }
            #expect(HiddenCharacter.isHidden(u) == HiddenCharacter.hiddenByCategory(u), "U+\(String(v, radix: 16))")
        }
    }

    /// What `first(in:)` must find: every scalar decoded (invalid bytes skipped), then the first
    /// hidden one that is not a joiner between two pictographs; nothing in plain ASCII, whose
    /// ids the parser's own test of id bytes answers.
    static func reference(_ bytes: [UInt8]) -> (offset: Int, length: Int, scalar: Unicode.Scalar)? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return nil }
        var scalars: [(offset: Int, length: Int, scalar: Unicode.Scalar)] = []
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var offset = 0
        decoding: while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let e):
                scalars.append((offset, e.count, Unicode.UTF8.decode(e)))
                offset += e.count
            case .error(let length): offset += length
            case .emptyInput: break decoding
            }
        }
        for (k, s) in scalars.enumerated() where HiddenCharacter.hiddenByCategory(s.scalar) {
            let joins = s.scalar == "\u{200D}" && k > 0 && k + 1 < scalars.count
                && HiddenCharacter.isPictograph(scalars[k - 1].scalar) && HiddenCharacter.isPictograph(scalars[k + 1].scalar)
            if !joins { return s }
        }
        return nil
    }

    @Test func onePassFindsWhatEveryScalarReadFinds() {
        let pieces: [[UInt8]] = ["a", "7", "-", "é", "Ж", "ß", "ü", "👩", "💻", "\u{200D}", "\u{200B}", "\u{00A0}", "\u{00AD}", "\u{202E}", "\u{FEFF}", "中", " ", "\u{0301}"].map { Array($0.utf8) }
            + [[0xFF], [0xC3], [0xE2, 0x80]]
        var random = SplitMix(seed: 42)
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 1...7, using: &random) { bytes += pieces.randomElement(using: &random)! }
            let found = HiddenCharacter.first(in: bytes), expected = Self.reference(bytes)
            #expect(found?.offset == expected?.offset && found?.length == expected?.length && found?.scalar == expected?.scalar, "\(bytes) \(String(describing: found)) \(String(describing: expected))")
        }
        #expect(HiddenCharacter.first(in: Array("👩\u{200D}💻".utf8)) == nil)
        #expect(HiddenCharacter.first(in: Array("Müller\u{200D}".utf8))?.offset == 7)
    }
}
