/// A draft letter as written to disk: a header comment saying why it was drafted, the letter,
/// and a footer holding a digest of everything above it. The digest is how `due` tells its own
/// untouched draft from one a person has edited, which it must never overwrite.
public enum Draft {
    static let footerPrefix = "<!-- due: generated fnv1a64:"
    static let fieldsPrefix = "<!-- due-letter: "

    /// `title`: how the letter is named in the header (`StageChoice.title`), when not by its
    /// stage's title.
    public static func compose(fields: DraftFields, title: String? = nil, reason: String, body: String) -> String {
        composeDigested(fields: fields, title: title, reason: reason, body: body).text
    }

    /// `compose`, with the digest of the whole draft, footer and all (`Digest.fnv1a64` of
    /// `text`), which the email form's identifiers use: taken on from the digest of what is
    /// above the footer, so a draft of several KB is not read through a second time.
    static func composeDigested(fields: DraftFields, title: String? = nil, reason: String, body: String) -> (text: String, digest: String) {
        let why = reason.replacingAll("-->", with: "->")
        let text = "<!-- due: \(title ?? fields.stage.title) for \(fields.client) on \(fields.asOf). Why: \(why) -->\n" + fields.line + "\n\n" + body
        var above = Digest.FNV1a64()
        above.add(text)
        let footer = "\n" + footerPrefix + above.hex + " — edit freely: due never overwrites a draft you have changed -->\n"
        var whole = above
        whole.add(footer)
        return (text + footer, whole.hex)
    }

    /// How far into a draft its `due-letter` line is looked for.
    static let fieldsWithin = 4096

    /// What a draft stands for, from its header; nil when it has no `due-letter` line.
    public static func fields(_ bytes: [UInt8]) -> DraftFields? {
        // The line is among the first eight that are not empty, in the first 4 KB: a long
        // letter need not be read to find it.
        let head = bytes.prefix(fieldsWithin)
        let prefix = fieldsPrefix.utf8
        var start = head.startIndex, seen = 0
        while start < head.endIndex, seen < 8 {
            let lineEnd = head[start...].firstIndex(of: 0x0A) ?? head.endIndex
            defer { start = lineEnd + 1 }
            // A draft saved with CR LF line ends reads as with LF.
            let end = lineEnd > start && head[lineEnd - 1] == 0x0D ? lineEnd - 1 : lineEnd
            guard end > start else { continue }
            seen += 1
            // Only the line that starts with the prefix is made text, and asked again as text.
            guard head[start..<end].starts(with: prefix) else { continue }
            let line = Substring(String(decoding: head[start..<end], as: UTF8.self))
            if line.hasPrefix(fieldsPrefix) { return DraftFields(line: line) }
        }
        return nil
    }

    /// True when `existing` is exactly as `due` wrote it (its digest still matches), or differs
    /// only in ending its lines in CR LF, as an editor on Windows saves it: nothing it says was
    /// changed, so it is not kept as the user's.
    public static func isUntouched(_ existing: [UInt8]) -> Bool {
        var text = String(decoding: existing, as: UTF8.self)
        if existing.contains(0x0D) { text = text.replacingAll("\r\n", with: "\n") }
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

/// What a draft stands for, written in its header so `due sent` can record it without guessing:
/// `<!-- due-letter: stage=reminder client=kiln as-of=2026-11-20 invoices=2026-027,2026-029 facts=fnv1a64:… -->`.
/// `facts` is a digest of everything the letter says that comes from the ledger; when the
/// ledger no longer gives the same facts on that date, the draft is out of date.
public struct DraftFields: Sendable, Equatable {
    public var stage: LetterStage
    public var client: String
    public var asOf: Day
    public var invoices: [String]
    public var facts: String

    public init(stage: LetterStage, client: String, asOf: Day, invoices: [String], facts: String) {
        self.stage = stage
        self.client = client
        self.asOf = asOf
        self.invoices = invoices
        self.facts = facts
    }

    /// Client ids and invoice numbers hold no spaces, commas or `=` (grammar.md §2), so the
    /// fields need no quoting.
    var line: String {
        var s = Draft.fieldsPrefix + "stage=\(stage.rawValue) client=\(client) as-of=\(asOf)"
        if !invoices.isEmpty { s += " invoices=" + invoices.joined(separator: ",") }
        return s + " facts=fnv1a64:\(facts) -->"
    }

    init?(line: Substring) {
        guard line.hasSuffix(" -->") else { return nil }
        var map: [Substring: Substring] = [:]
        for word in line.dropFirst(Draft.fieldsPrefix.count).dropLast(4).split(separator: " ") {
            guard let eq = word.firstIndex(of: "=") else { return nil }
            map[word[..<eq]] = word[word.index(after: eq)...]
        }
        guard let s = map["stage"].flatMap({ LetterStage(rawValue: String($0)) }),
              let c = map["client"], !c.isEmpty,
              let d = map["as-of"].flatMap({ Day.parse(String($0)) }),
              let f = map["facts"], f.hasPrefix("fnv1a64:") else { return nil }
        stage = s
        client = String(c)
        asOf = d
        invoices = map["invoices"].map { $0.split(separator: ",").map(String.init) } ?? []
        facts = String(f.dropFirst(8))
    }
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
