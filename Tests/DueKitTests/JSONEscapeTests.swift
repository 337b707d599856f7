import Foundation
import Testing
@testable import DueKit

@Suite struct JSONEscapeTests {
    /// The escaping as JSON defines it, a character at a time.
    static func reference(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// Escaped in runs, a text is what the character-at-a-time escaping gives, and reads back
    /// as itself.
    @Test func escapingInRunsGivesWhatEscapingEachCharacterGives() throws {
        var rng = SplitMix(seed: 404)
        let pieces = ["a", "\"", "\\", "\n", "\r\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "日本", "😀", "/", " ", "\u{202E}"]
        for _ in 0..<500 {
            let n = Int(rng.next() % 60)
            let s = (0..<n).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let escaped = JSONValue.escape(s)
            #expect(escaped == Self.reference(s))
            #expect(try JSONDecoder().decode(String.self, from: Data(escaped.utf8)) == s)
        }
    }
}
