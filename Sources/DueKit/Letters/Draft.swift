/// A draft letter as written to disk: a header comment saying why it was drafted, the letter,
/// and a footer holding a digest of everything above it. The digest is how `due` tells its own
/// untouched draft from one a person has edited, which it must never overwrite.
public enum Draft {
    static let footerPrefix = "<!-- due: generated fnv1a64:"

    public static func compose(stage: LetterStage, client: String, asOf: Day, reason: String, body: String) -> String {
        let why = reason.replacingAll("-->", with: "->")
        let text = "<!-- due: \(stage.title) for \(client) on \(asOf). Why: \(why) -->\n\n" + body
        return text + "\n" + footerPrefix + digest(text) + " — edit freely: due never overwrites a draft you have changed -->\n"
    }

    /// True when `existing` is exactly as `due` wrote it (its digest still matches).
    public static func isUntouched(_ existing: [UInt8]) -> Bool {
        let text = String(decoding: existing, as: UTF8.self)
        guard text.hasSuffix("\n"), let footerStart = text.dropLast().lastIndex(of: "\n").map({ text.index(after: $0) }) else { return false }
        let footer = text[footerStart...]
        guard footer.hasPrefix(footerPrefix) else { return false }
        let hex = footer.dropFirst(footerPrefix.count).prefix(16)
        // The body ends with the blank line before the footer.
        let body = text[..<footerStart].dropLast()
        return digest(String(body)) == hex
    }

    /// 64-bit FNV-1a as 16 hex digits: stable on every machine and run.
    public static func digest(_ text: String) -> String { Digest.fnv1a64(text) }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target.utf8)
        let u = self.utf8
        var i = u.startIndex
        while i != u.endIndex {
            var j = i
            var k = 0
            while k < t.count, j != u.endIndex, u[j] == t[k] { j = u.index(after: j); k += 1 }
            if k == t.count { return i..<j }
            i = u.index(after: i)
        }
        return nil
    }
}
