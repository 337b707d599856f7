/// A draft as an email message file (`.eml`) that a mail program opens as a draft ready to send:
/// RFC 5322 headers, MIME `multipart/alternative` with the plain text and an HTML part, both
/// UTF-8 in quoted-printable, and `X-Unsent: 1`. The bytes depend only on the draft, the
/// ledger's sender and client, and the as-of date (never the clock), so re-runs change nothing.
public enum LetterEmail {
    /// The message, or nil when it cannot be addressed (no sender or client email address).
    public static func message(draft: String, fields: DraftFields, sender: Sender?, client: Client) -> [UInt8]? {
        message(draft: draft, markdown: LetterMarkdown(draft), fields: fields, sender: sender, client: client)
    }

    /// `markdown`: the draft as read.
    static func message(draft: String, markdown: LetterMarkdown, fields: DraftFields, sender: Sender?, client: Client) -> [UInt8]? {
        let layout = LetterLayout(markdown, senderName: sender?.name, clientName: client.addressee)
        return message(draft: draft, digest: nil, layout: layout, bodyHTML: nil, fields: fields, sender: sender, client: client)
    }

    /// `layout`: the draft read as a letter, which the print form reads too; `bodyHTML`: its
    /// body as `LetterMarkdown.html` writes it with headings from h1, when the caller has it;
    /// `digest`: `Digest.fnv1a64(draft)`, when the caller has it.
    static func message(draft: String, digest known: String?, layout: LetterLayout, bodyHTML: [UInt8]?, fields: DraftFields, sender: Sender?, client: Client) -> [UInt8]? {
        guard let from = sender?.email.flatMap(address), let recipients = client.email.flatMap(recipients), let sender else { return nil }
        let body = LetterMarkdown(blocks: layout.body)
        let subject = layout.subject ?? "\(fields.stage.title.prefix(1).uppercased())\(fields.stage.title.dropFirst()) from \(sender.name)"
        let digest = known ?? Digest.fnv1a64(draft)
        let boundary = "=_due_" + digest
        let domain = from.split(separator: "@").last.map(String.init) ?? "due.invalid"

        var h: [String] = []
        h.append(header("From", mailbox(sender.name, from)))
        // A name the ledger writes with an address is the one the client gave it; else the
        // first address is the contact's.
        let to = recipients.enumerated().map { k, r in
            (r.name ?? (k == 0 ? client.contact ?? client.writtenName : nil)).map { mailbox($0, r.address) } ?? r.address
        }
        h.append(header("To", to.joined(separator: ", ")))
        h.append(header("Subject", phrase(subject, quoted: false)))
        h.append("Date: " + dateHeader(fields.asOf))
        // The digest makes it unique; the client's id, cut short, only helps a person reading
        // it (a long id made the header longer than the 78 characters a line should keep to).
        h.append(header("Message-ID", "<due.\(fields.asOf).\(SafeName.component(fields.client).prefix(20)).\(fields.stage.rawValue).\(digest)@\(domain)>"))
        h.append("MIME-Version: 1.0")
        h.append("X-Unsent: 1")
        h.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")

        // Both parts are made and encoded first, so the message is written into one buffer of
        // its size: it waits in memory for the disk with thousands of others, and a buffer
        // sized for the encoding's bound would hold three times its bytes.
        var plain = ByteText(), page = ByteText()
        body.plainText(into: &plain)
        html(body, subject: subject, bodyHTML: bodyHTML, into: &page)
        var plainQP = ByteText(), pageQP = ByteText()
        quotedPrintable(plain.bytes, into: &plainQP)
        quotedPrintable(page.bytes, into: &pageQP)
        let head = h.joined(separator: "\r\n")
        var out = ByteText(capacity: head.utf8.count + 3 * boundary.utf8.count + 400 + plainQP.bytes.count + pageQP.bytes.count)
        out.append(head)
        out.words("\r\n\r\nThis message has a plain text and an HTML version.\r\n\r\n")
        out.append("--\(boundary)\r\n")
        out.words("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
        out.bytes.append(contentsOf: plainQP.bytes)
        out.words("\r\n")
        out.append("--\(boundary)\r\n")
        out.words("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
        out.bytes.append(contentsOf: pageQP.bytes)
        out.words("\r\n")
        out.append("--\(boundary)--\r\n")
        return out.bytes
    }

    static func html(_ body: LetterMarkdown, subject: String) -> String {
        var out = ByteText()
        html(body, subject: subject, into: &out)
        return out.string
    }

    static func html(_ body: LetterMarkdown, subject: String, bodyHTML: [UInt8]? = nil, into out: inout ByteText) {
        out.words("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        HTMLText.appendEscaped(subject, to: &out)
        out.words("""
            </title>
            <style>
            body { font-family: Georgia, serif; font-size: 15px; line-height: 1.45; color: #111; max-width: 40em; }
            table { border-collapse: collapse; margin: 0.5em 0; font-size: 14px; }
            th, td { padding: 3px 8px; border-bottom: 1px solid #bbb; text-align: left; vertical-align: top; white-space: nowrap; }
            .num { text-align: right; white-space: nowrap; }
            .mid { text-align: center; }
            .wide, .free { white-space: normal; }
            </style></head>
            <body>

            """)
        if let bodyHTML { out.bytes.append(contentsOf: bodyHTML) } else { body.html(letter: true, into: &out) }
        out.words("</body></html>\n")
    }

    /// An address usable in a header: ASCII, one `@`, nothing that would need quoting; a
    /// domain beyond ASCII is written in Punycode (`Punycode.domain`), but a name before the
    /// `@` beyond ASCII cannot be written at all. Anything else is not guessed at.
    static func address(_ text: String) -> String? { address(Substring(text)) }

    static func address(_ text: Substring) -> String? {
        var t = text.blanksTrimmed()
        if !t.utf8.allSatisfy({ $0 < 0x80 }), let at = t.firstIndex(of: "@"), !t[t.index(after: at)...].unicodeScalars.allSatisfy(\.isASCII) {
            t = Substring(String(t[...at]) + Punycode.domain(t[t.index(after: at)...]))
        }
        // Byte by byte: the check runs for every client's address.
        var ats = 0, beforeAt = 0, dotAfterAt = false
        for b in t.utf8 {
            guard b > 0x20 && b < 0x7F else { return nil }
            switch b {
            case 0x3C, 0x3E, 0x28, 0x29, 0x5B, 0x5D, 0x5C, 0x2C, 0x3B, 0x3A, 0x22: return nil  // < > ( ) [ ] \ , ; : "
            case 0x40: ats += 1
            case 0x2E where ats == 1: dotAfterAt = true
            default: if ats == 0 { beforeAt += 1 }
            }
        }
        guard ats == 1, beforeAt > 0, dotAfterAt else { return nil }
        return String(t)
    }

    /// The addresses a client's `email` line gives: one or more, separated by commas or
    /// semicolons, each bare (`ap@acme.example`) or with a name (`Accounts <ap@acme.example>`);
    /// nil when any of them is not an address `address` takes.
    static func recipients(_ text: String) -> [(name: String?, address: String)]? {
        // Cut and trimmed at ASCII bytes, not characters: the check reads every client's
        // `email`, and every cut falls between characters.
        var out: [(name: String?, address: String)] = []
        var rest = Substring(text)
        while true {
            let cut = rest.utf8.firstIndex { $0 == 0x2C || $0 == 0x3B }  // , ;
            let t = rest[..<(cut ?? rest.endIndex)].blanksTrimmed()
            if !t.isEmpty {
                if t.utf8.last == 0x3E, let open = t.utf8.lastIndex(of: 0x3C) {  // > <
                    var name = t[..<open].blanksTrimmed()
                    if name.utf8.count >= 2 && name.utf8.first == 0x22 && name.utf8.last == 0x22 {  // "
                        name = name[name.utf8.index(after: name.startIndex)..<name.utf8.index(before: name.endIndex)]
                    }
                    guard let a = address(t[t.utf8.index(after: open)..<t.utf8.index(before: t.endIndex)]) else { return nil }
                    out.append((name.isEmpty ? nil : String(name), a))
                } else {
                    guard let a = address(t) else { return nil }
                    out.append((nil, a))
                }
            }
            guard let cut else { break }
            rest = rest[rest.utf8.index(after: cut)...]
        }
        return out.isEmpty ? nil : out
    }

    static func mailbox(_ name: String, _ address: String) -> String {
        phrase(name, quoted: true) + " <" + address + ">"
    }

    /// A display name or subject: as it is when plain ASCII (quoted for a display name when it
    /// holds anything but letters, digits and spaces), else RFC 2047 encoded words.
    static func phrase(_ text: String, quoted: Bool) -> String {
        let ascii = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        guard ascii else { return encodedWords(text) }
        guard quoted else { return text }
        let atom = text.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == " ") && $0.isASCII }
        if atom { return text }
        var s = "\""
        for c in text.unicodeScalars {
            if c == "\"" || c == "\\" { s += "\\" }
            s.unicodeScalars.append(c)
        }
        return s + "\""
    }

    /// `=?UTF-8?B?…?=` words of 64 characters at most (so one fits a folded line beside the
    /// header's name), never splitting a character, separated by spaces, which a reader drops
    /// between encoded words.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for ch in text {
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > 39 {
                words.append("=?UTF-8?B?" + base64(chunk) + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + base64(chunk) + "?=") }
        return words.joined(separator: " ")
    }

    /// `Name: value`, folded at spaces so no line passes 78 characters where it can be helped.
    /// Unfolding gives the value back, spaces included.
    static func header(_ name: String, _ value: String) -> String {
        var out = name + ":"
        let start = out.count
        var width = start
        func put(_ word: Substring, width w: Int) {
            // A first word too long for the header's own line (a long Message-ID) starts on
            // the next, where it fits: a line keeps to 78 characters wherever it can.
            if width + 1 + w > 78 && (width > start || 1 + w <= 78) {
                out += "\r\n"
                width = 0
            }
            out += " "
            out += word
            width += 1 + w
        }
        // Nearly every value is printable ASCII (a name or subject beyond it comes encoded),
        // where a byte is a character: cut at its spaces and measured as bytes. Read character
        // by character, the headers were a fortieth of a report.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for word in value.utf8.split(separator: 0x20, omittingEmptySubsequences: false) { put(Substring(word), width: word.count) }
        } else {
            for word in value.split(separator: " ", omittingEmptySubsequences: false) { put(word, width: word.count) }
        }
        return out
    }

    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Nine in the morning, UTC, of the as-of date: the date the letter bears. The mail program
    /// sets its own when the message is sent.
    static func dateHeader(_ day: Day) -> String {
        let (y, m, d) = day.components
        // Day 0 (1970-01-01) was a Thursday.
        let w = ((Int(day.ordinal) % 7) + 7 + 4) % 7
        return "\(weekdays[w]), \(d) \(months[m - 1]) \(y) 09:00:00 +0000"
    }

    static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var k = 0
        while k < bytes.count {
            let n = min(3, bytes.count - k)
            let b0 = UInt32(bytes[k]), b1 = n > 1 ? UInt32(bytes[k + 1]) : 0, b2 = n > 2 ? UInt32(bytes[k + 2]) : 0
            let v = b0 << 16 | b1 << 8 | b2
            out.append(base64Alphabet[Int(v >> 18 & 63)])
            out.append(base64Alphabet[Int(v >> 12 & 63)])
            out.append(n > 1 ? base64Alphabet[Int(v >> 6 & 63)] : 0x3D)
            out.append(n > 2 ? base64Alphabet[Int(v & 63)] : 0x3D)
            k += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let hex = Array("0123456789ABCDEF".utf8)

    /// RFC 2045 quoted-printable with CRLF line ends and lines of at most 76 characters. The
    /// text's lines are those between its newlines, less the empty one after a final newline;
    /// a CR LF in the text (one `Character`, not a newline) is encoded as its two bytes.
    static func quotedPrintable(_ text: String) -> String {
        var out = ByteText()
        quotedPrintable(Array(text.utf8), into: &out)
        return out.string
    }

    /// The most bytes `quotedPrintable` can write for `count` bytes: three for each, and a
    /// soft break (`=` CR LF) for every 25 encoded bytes, the fewest a line of 75 can hold.
    static func quotedPrintableBound(_ count: Int) -> Int { 3 * count + 3 * (count / 25 + 1) }

    /// Writes the encoding straight into `out`'s storage, grown once to the most it can take
    /// (`quotedPrintableBound`) and cut back to what was written: a report encodes hundreds of
    /// MB of letters, and an array's checks on every byte appended, or a second pass to count
    /// the encoding first, cost more than the encoding.
    static func quotedPrintable(_ text: [UInt8], into out: inout ByteText) {
        let start = out.bytes.count, bound = quotedPrintableBound(text.count)
        out.bytes.append(contentsOf: repeatElement(0, count: bound))
        let written = text.withUnsafeBufferPointer { all in
            out.bytes.withUnsafeMutableBufferPointer { whole in encode(all, into: whole.baseAddress! + start) }
        }
        precondition(written <= bound, "quoted-printable stays within its bound")
        out.bytes.removeSubrange((start + written)...)
    }

    /// Whether each of the eight bytes of `w` is printable ASCII (0x20–0x7E) other than `=`:
    /// bit tricks on the word, no byte read alone.
    @inline(__always) static func isPlain(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // A byte below 0x20, at 0x80 or above, equal to 0x7F, or equal to `=` sets its high bit.
        let below = (w &- ones &* 0x20) & ~w
        let del = w ^ (ones &* 0x7F), eq = w ^ (ones &* 0x3D)
        let zeroes = ((del &- ones) & ~del) | ((eq &- ones) & ~eq)
        return (below | w | zeroes) & highs == 0
    }

    /// Writes the encoding of `all` to `o`; returns its length. One pass: a line ends at an LF
    /// that no CR precedes, and a byte is the last of its line when such an LF, or the end of
    /// the text, follows it.
    private static func encode(_ all: UnsafeBufferPointer<UInt8>, into o: UnsafeMutablePointer<UInt8>) -> Int {
        let hex = Self.hex
        let count = all.count
        var n = 0, width = 0, k = 0
        while k < count {
            // Most of a letter: eight bytes at a time of printable ASCII but `=`, with room on
            // the line, none the last of it (no LF follows), copied as they are.
            if width <= 75 - 8, k + 8 < count, all[k + 8] != 0x0A {
                let word = UnsafeRawPointer(all.baseAddress! + k).loadUnaligned(as: UInt64.self)
                if isPlain(word) {
                    UnsafeMutableRawPointer(o + n).storeBytes(of: word, as: UInt64.self)
                    n += 8
                    width += 8
                    k += 8
                    continue
                }
            }
            let b = all[k]
            // Such a byte alone.
            if b >= 0x20 && b <= 0x7E && b != 0x3D && width < 75 && k + 1 < count && all[k + 1] != 0x0A {
                o[n] = b
                n += 1
                width += 1
                k += 1
                continue
            }
            if b == 0x0A && (k == 0 || all[k - 1] != 0x0D) {
                k += 1
                // The empty line after a final newline is not a line.
                if k == count { break }
                o[n] = 0x0D
                o[n + 1] = 0x0A
                n += 2
                width = 0
                continue
            }
            let last = k + 1 == count || (all[k + 1] == 0x0A && b != 0x0D)
            let literal = (b >= 0x21 && b <= 0x7E && b != 0x3D) || ((b == 0x20 || b == 0x09) && !last)
            let size = literal ? 1 : 3
            // Room for the byte and, unless the line ends here, a soft break's `=`.
            if width + size > (last ? 76 : 75) {
                o[n] = 0x3D
                o[n + 1] = 0x0D
                o[n + 2] = 0x0A
                n += 3
                width = 0
            }
            if literal {
                o[n] = b
            } else {
                o[n] = 0x3D
                o[n + 1] = hex[Int(b >> 4)]
                o[n + 2] = hex[Int(b & 15)]
            }
            n += size
            width += size
            k += 1
        }
        return n
    }
}

private extension Substring {
    func blanksTrimmed() -> Substring {
        let u = utf8
        var lo = u.startIndex, hi = u.endIndex
        while lo < hi, u[lo] == 0x20 || u[lo] == 0x09 { lo = u.index(after: lo) }
        while lo < hi {
            let last = u.index(before: hi)
            guard u[last] == 0x20 || u[last] == 0x09 else { break }
            hi = last
        }
        return self[lo..<hi]
    }
}
