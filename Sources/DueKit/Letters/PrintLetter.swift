/// A draft as a letter to print (`.html`): A4, the sender's details as a letterhead at the top
/// right, the address block where the window of a DL or C5 envelope shows it when the sheet is
/// folded in three, and table rows that a page break never splits. A browser's "Print to PDF"
/// (or `chromium --headless --print-to-pdf`) gives the PDF.
///
/// Geometry (DIN 5008 form B, which fits the usual UK and EU window envelopes): the address
/// block starts 20 mm from the left and 45 mm from the top of the sheet, 85 × 40 mm.
public enum PrintLetter {
    public static func html(draft: String, fields: DraftFields, sender: Sender?, client: Client) -> String {
        html(markdown: LetterMarkdown(draft), fields: fields, sender: sender, client: client)
    }

    /// `markdown`: the draft as read.
    static func html(markdown: LetterMarkdown, fields: DraftFields, sender: Sender?, client: Client) -> String {
        String(decoding: bytes(markdown: markdown, fields: fields, sender: sender, client: client), as: UTF8.self)
    }

    /// The letter's UTF-8 bytes: a report prints thousands, and its body, tables of every
    /// invoice, is written straight into them.
    static func bytes(markdown: LetterMarkdown, fields: DraftFields, sender: Sender?, client: Client) -> [UInt8] {
        bytes(layout: LetterLayout(markdown, senderName: sender?.name, clientName: client.addressee), bodyHTML: nil, fields: fields, sender: sender, client: client)
    }

    /// `layout`: the draft read as a letter; `bodyHTML`: its body as `LetterMarkdown.html`
    /// writes it with headings from h2, when the caller has it (the email's, when the body
    /// has no heading for the two to differ in).
    static func bytes(layout: LetterLayout, bodyHTML: [UInt8]?, fields: DraftFields, sender: Sender?, client: Client) -> [UInt8] {
        let e = HTMLText.escape

        var head = layout.letterhead ?? sender.map { s in
            [s.name] + s.address + [[s.email, s.phone].compactMap { $0 }.joined(separator: " · ")].filter { !$0.isEmpty }
        } ?? []
        // Details a letterhead carries that the letter's own block leaves out.
        for extra in [sender?.website, sender?.taxID.map { "Tax no. " + $0 }] {
            if let x = extra, !head.contains(where: { $0.contains(x) }) { head.append(x) }
        }
        let address = layout.address ?? client.addressBlock
        let date = layout.dateLines.isEmpty ? [fields.asOf.longDescription] : layout.dateLines
        let title = layout.subject ?? fields.stage.title

        var s = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="generator" content="due">
            <title>\(e(title))</title>
            <style>
            @page { size: A4; margin: 18mm 20mm 20mm 20mm; }
            html { font-family: "DejaVu Serif", Georgia, "Times New Roman", serif; font-size: 10.5pt; line-height: 1.4; color: #111; }
            body { margin: 0; }
            .front { position: relative; height: 80mm; }
            .letterhead { position: absolute; top: 0; right: 0; width: 90mm; text-align: right; font-size: 8.5pt; line-height: 1.35; color: #333; }
            .letterhead .name { font-size: 12pt; font-weight: bold; color: #111; }
            .address { position: absolute; top: 27mm; left: 0; width: 85mm; height: 40mm; }
            .address.long { font-size: 9pt; line-height: 1.25; }
            .address.longer { font-size: 7.5pt; line-height: 1.2; }
            .close { break-inside: avoid; page-break-inside: avoid; break-before: avoid; page-break-before: avoid; }
            tbody tr:last-child { break-before: avoid; page-break-before: avoid; }
            .date { position: absolute; top: 72mm; right: 0; text-align: right; }
            h1 { font-size: 11.5pt; margin: 0 0 4mm; }
            h2, h3, h4, h5, h6 { font-size: 10.5pt; margin: 4mm 0 2mm; }
            p { margin: 0 0 3mm; orphans: 3; widows: 3; }
            ul, ol { margin: 0 0 3mm; padding-left: 6mm; }
            table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 1mm 0 4mm; }
            thead { display: table-header-group; }
            tr { break-inside: avoid; page-break-inside: avoid; }
            th, td { padding: 1mm 1.5mm; border-bottom: 0.2mm solid #999; text-align: left; vertical-align: top; white-space: nowrap; }
            th { border-bottom: 0.35mm solid #333; white-space: normal; }
            .num { text-align: right; white-space: nowrap; }
            .mid { text-align: center; }
            .wide, .free { white-space: normal; }
            th.num { white-space: normal; }
            body.snug { font-size: 9.5pt; line-height: 1.3; }
            body.snug h1 { margin-bottom: 3mm; }
            body.snug p, body.snug ul, body.snug ol { margin-bottom: 2mm; }
            body.snug table { font-size: 8.5pt; margin-bottom: 3mm; }
            body.snug th, body.snug td { padding: 0.6mm 1.5mm; }
            </style>
            </head>
            <body\(Self.fitsSnug(layout.body) ? " class=\"snug\"" : "")>
            <div class="front">
            <div class="letterhead">

            """
        for (k, line) in head.enumerated() {
            s += k == 0 ? "<div class=\"name\">\(e(line))</div>\n" : "<div>\(e(line))</div>\n"
        }
        // The window holds about seven lines of the letter's type: a longer address is set
        // smaller to fit, never cut off (a letter without its postcode may not arrive).
        let lines = address.reduce(0) { $0 + max(1, ($1.count + 43) / 44) }
        s += "</div>\n<div class=\"address\(lines > 9 ? " longer" : lines > 7 ? " long" : "")\">\n"
        for line in address { s += "<div>\(e(line))</div>\n" }
        s += "</div>\n<div class=\"date\">" + date.map(e).joined(separator: "<br>") + "</div>\n</div>\n"
        if let subject = layout.subject { s += "<h1>\(e(subject))</h1>\n" }
        // The body first, so the letter is written into one buffer of its size.
        let body = bodyHTML ?? {
            var body = ByteText()
            LetterMarkdown(blocks: layout.body).html(headingBase: 2, letter: true, into: &body)
            return body.bytes
        }()
        var out = ByteText(capacity: s.utf8.count + body.count + 16)
        out.append(s)
        out.bytes.append(contentsOf: body)
        out.words("</body>\n</html>\n")
        return out.bytes
    }

    /// Whether the body runs past the first page in the letter's usual type but would fit it
    /// set a little smaller (`snug`): a reminder of a few invoices whose table and totals ran
    /// its last lines and signature onto a second sheet. Longer letters keep their type and
    /// run on; `.close` keeps the signature with the paragraph before it either way.
    ///
    /// Measured, not rendered: an estimate in mm of the body's height, in the usual type, from
    /// its lines at about 92 characters to the line (10.5 pt serif across 170 mm), 5.2 mm each,
    /// and its table rows, 2.2 mm of padding and 4.4 mm for each line their cells wrap to
    /// (9 pt). A page holds 179 mm below the 80 mm of letterhead, address and date; the snug
    /// type takes about 22% less.
    static func fitsSnug(_ body: [LetterMarkdown.Block]) -> Bool {
        let height = estimatedHeight(body, upTo: pageRoom / snugRatio)
        return height > pageRoom && height * snugRatio <= pageRoom
    }

    static let pageRoom = 179.0
    static let snugRatio = 0.78

    /// The estimate, given up once past `limit`: a report prints thousands of letters, most of
    /// them long tables nowhere near one page.
    static func estimatedHeight(_ body: [LetterMarkdown.Block], upTo limit: Double = .infinity) -> Double {
        func lines(_ text: Int, perLine: Int) -> Double { Double(max(1, (text + perLine - 1) / perLine)) }
        // Characters, as the table's columns count them (`TableShape`).
        let length = LetterMarkdown.width
        var mm = 9.0  // the heading
        for block in body where mm <= limit {
            switch block {
            case .heading: mm += 11
            case .paragraph(let source):
                // A hard break starts a line of its own; soft-broken lines run on.
                var run = 0, count = 0.0
                for l in source {
                    run += length(l.inlines) + 1
                    if l.hardBreak { count += lines(run, perLine: 92); run = 0 }
                }
                if run > 0 || count == 0 { count += lines(run, perLine: 92) }
                mm += count * 5.2 + 3
            case .list(_, let items):
                for item in items { mm += lines(item.reduce(0) { $0 + length($1.inlines) + 1 }, perLine: 88) * 5.2 }
                mm += 3
            case .table(let aligns, let header, let rows):
                // Columns that keep to one line take their longest cell's width; those that
                // wrap share what is left, by their longest cells, of about 1.6 mm a character
                // (9 pt) across 170 mm less each cell's 3 mm of padding.
                let shape = TableShape(aligns: aligns, rows: rows)
                let columns = shape.longest.indices
                let line = max(columns.count * 8, (170 - 3 * columns.count) * 10 / 16)
                let fixed = columns.filter { !shape.wraps($0) }.reduce(0) { $0 + max(1, shape.longest[$1]) }
                let wrapping = columns.filter(shape.wraps).reduce(0) { $0 + max(1, shape.longest[$1]) }
                let room = max(8, line - fixed)
                let width = columns.map { shape.wraps($0) ? max(8, room * max(1, shape.longest[$0]) / max(1, wrapping)) : max(1, shape.longest[$0]) }
                func height(_ row: [[LetterMarkdown.Inline]], head: Bool) -> Double {
                    if TableShape.labelSpan(row) != nil { return 6.6 }
                    let most = row.indices.reduce(1.0) { m, k in
                        k < width.count && (head || shape.wraps(k)) ? max(m, lines(length(row[k]), perLine: width[k])) : m
                    }
                    return most * 4.4 + 2.2
                }
                mm += height(header, head: true)
                for row in rows where mm <= limit { mm += height(row, head: false) }
                mm += 5
            }
        }
        return mm
    }
}
