import Foundation
import Testing
@testable import DueKit

/// A small ledger with two clients owing money on 2026-11-10: a reminder each. Zoë's names are
/// not ASCII, an item holds markup, and Kiln's name holds `&`, so escaping shows.
enum LoopLedger {
    static let text = """
        sender Brightline Studio Ltd
          contact  Isla Whitaker
          email    accounts@brightline.example
          address  3rd Floor, Dyehouse Mill
          address  Leeds LS11 9ZQ

        client zoe Zoë Müller Gestaltung GmbH
          contact   Zoë Müller
          greeting  Zoë
          email     zoe@mueller.example
          address   Hauptstraße 5
          address   10115 Berlin
          terms     net 30
          currency  EUR
          channel   email

        client kiln Kiln & Kettle <Ceramics> Ltd
          contact   Priya Shah
          email     hello@kiln.example
          address   Unit 3, Cutlers Yard
          address   Sheffield S1 9ZX
          terms     net 14
          currency  GBP
          channel   post

        client quiet Quiet Ltd
          address   1 Lane
          terms     net 14
          currency  GBP

        2026-10-01 invoice zoe Z-1
          item  Logo <b>design</b> & type   1 x 1234.50

        2026-10-01 invoice kiln K-1
          item  Photos   1 x 480.00

        2026-10-01 invoice quiet Q-1
          item  Copy   1 x 90.00

        """

    /// A temporary folder holding `loop.due`; returns the ledger's path.
    static func make() throws -> String {
        let dir = try temporaryDirectory()
        let path = dir + "/loop.due"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// A Debian tool the test needs; nil, with a message saying the test is skipped, when missing.
func externalTool(_ name: String) -> String? {
    if let path = executableOnPath(name) { return path }
    print("skipped: \(name) is not installed")
    return nil
}

@Suite struct SendFormsTests {
    static let asOf = "2026-11-10"

    func letters(_ ledger: String) throws -> DueRun {
        let r = try DueRun.run(["letters", "--as-of", Self.asOf, ledger])
        #expect(r.status == 0, "\(r.stderr)")
        return r
    }

    @Test func everyDraftGetsAPrintLetterAndAnEmailWhenBothSidesHaveAnAddress() throws {
        let ledger = try LoopLedger.make()
        _ = try letters(ledger)
        let folder = FileSystem.directory(of: ledger) + "/loop.letters/"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == [
            "2026-11-10-kiln-reminder.eml", "2026-11-10-kiln-reminder.html", "2026-11-10-kiln-reminder.md",
            "2026-11-10-quiet-reminder.html", "2026-11-10-quiet-reminder.md",
            "2026-11-10-zoe-reminder.eml", "2026-11-10-zoe-reminder.html", "2026-11-10-zoe-reminder.md",
        ])
        let html = try String(contentsOfFile: folder + "2026-11-10-kiln-reminder.html", encoding: .utf8)
        #expect(html.contains("Kiln &amp; Kettle &lt;Ceramics&gt; Ltd"))
        #expect(!html.contains("<Ceramics>"))
        #expect(html.contains("@page { size: A4;") && html.contains("break-inside: avoid"))
        let zoe = try String(contentsOfFile: folder + "2026-11-10-zoe-reminder.html", encoding: .utf8)
        #expect(zoe.contains("Logo &lt;b&gt;design&lt;/b&gt; &amp; type"))
        #expect(zoe.contains("<div class=\"address\">\n<div>Zoë Müller Gestaltung GmbH</div>"))
    }

    /// The forms are written with the drafts; an email form a draft no longer has (its client's
    /// address removed) is deleted once they are in place, by `letters` and `report` alike.
    @Test(arguments: ["letters", "report"])
    func anEmailFormGoesWhenTheClientHasNoAddressAnyMore(command: String) throws {
        let ledger = try LoopLedger.make()
        let run = { try DueRun.run([command, "--as-of", Self.asOf, ledger]) }
        #expect(try run().status == 0)
        let folder = FileSystem.directory(of: ledger) + "/loop.letters/"
        #expect(FileSystem.exists(folder + "2026-11-10-zoe-reminder.eml"))
        let text = try String(contentsOfFile: ledger, encoding: .utf8)
        try text.replacingOccurrences(of: "  email     zoe@mueller.example\n", with: "").write(toFile: ledger, atomically: true, encoding: .utf8)
        let again = try run()
        #expect(again.status == 0, "\(again.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("zoe") }.sorted()
        #expect(names == ["2026-11-10-zoe-reminder.html", "2026-11-10-zoe-reminder.md"])
        #expect(FileSystem.exists(folder + "2026-11-10-kiln-reminder.eml"))
    }

    @Test func formsAreTheSameBytesOnEveryRun() throws {
        let ledger = try LoopLedger.make()
        _ = try letters(ledger)
        let path = FileSystem.directory(of: ledger) + "/loop.letters/2026-11-10-zoe-reminder.eml"
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = try letters(ledger)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == first)
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains("\r\nDate: Tue, 10 Nov 2026 09:00:00 +0000\r\n"))
        #expect(text.contains("\r\nX-Unsent: 1\r\n"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(line)") }
    }

    @Test func editsToTheDraftReachTheEmailAndThePrintLetter() throws {
        let ledger = try LoopLedger.make()
        _ = try letters(ledger)
        let folder = FileSystem.directory(of: ledger) + "/loop.letters/"
        let draft = folder + "2026-11-10-zoe-reminder.md"
        var text = try String(contentsOfFile: draft, encoding: .utf8)
        text = text.replacingOccurrences(of: "**Friendly reminder", with: "**Erinnerung für Zoë — friendly reminder")
        text = text.replacingOccurrences(of: "Dear Zoë,", with: "Dear Zoë,\n\nThank you for the lovely lunch in Köln.")
        // The address corrected, its first line too: the window shows the correction.
        text = text.replacingOccurrences(of: "Zoë Müller Gestaltung GmbH  \n", with: "Buchhaltung, Zoë Müller Gestaltung GmbH  \n")
        text = text.replacingOccurrences(of: "Hauptstraße 5", with: "Hauptstraße 7")
        try text.write(toFile: draft, atomically: true, encoding: .utf8)
        let r = try letters(ledger)
        #expect(r.stdout.contains("kept"))
        let eml = try String(contentsOfFile: folder + "2026-11-10-zoe-reminder.eml", encoding: .utf8)
        #expect(eml.contains("Subject: =?UTF-8?B?"))
        let html = try String(contentsOfFile: folder + "2026-11-10-zoe-reminder.html", encoding: .utf8)
        #expect(html.contains("lovely lunch in Köln"))
        #expect(html.contains("<h1>Erinnerung für Zoë — friendly reminder"))
        #expect(html.contains("<div class=\"address\">\n<div>Buchhaltung, Zoë Müller Gestaltung GmbH</div>"))
        #expect(html.contains("<div>Hauptstraße 7</div>") && !html.contains("Hauptstraße 5"))
        #expect(html.contains("<div class=\"date\">10 November 2026</div>"))
        guard let python = externalTool("python3") else { return }
        let parsed = try MailCheck.parse(python, folder + "2026-11-10-zoe-reminder.eml")
        #expect((parsed["subject"] as? String)?.hasPrefix("Erinnerung für Zoë — friendly reminder: 1,234.50 EUR") == true)
        #expect((parsed["plain"] as? String)?.contains("lovely lunch in Köln") == true)
        #expect((parsed["html"] as? String)?.contains("lovely lunch in Köln") == true)
    }

    /// An editor that saves with CR LF line ends changes every line of the draft and nothing it
    /// says: its email and print letter say what the LF draft's say.
    @Test func aDraftSavedWithCRLFMakesTheFormsItsLFTextMakes() throws {
        let ledger = try LoopLedger.make()
        _ = try letters(ledger)
        let folder = FileSystem.directory(of: ledger) + "/loop.letters/"
        let draft = folder + "2026-11-10-kiln-reminder.md"
        let text = try String(contentsOfFile: draft, encoding: .utf8)
            .replacingOccurrences(of: "Dear ", with: "Dear dear ")
        try text.write(toFile: draft, atomically: true, encoding: .utf8)
        _ = try letters(ledger)
        let lf = try String(contentsOfFile: folder + "2026-11-10-kiln-reminder.eml", encoding: .utf8)
        let lfPrint = try String(contentsOfFile: folder + "2026-11-10-kiln-reminder.html", encoding: .utf8)
        #expect(lf.contains("Dear dear "))
        try text.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: draft, atomically: true, encoding: .utf8)
        _ = try letters(ledger)
        let crlf = try String(contentsOfFile: folder + "2026-11-10-kiln-reminder.eml", encoding: .utf8)
        // The digest in the Message-ID and boundary is of the draft's bytes; all else is the same.
        func withoutDigest(_ s: String) -> String {
            s.components(separatedBy: "\r\n").filter { !$0.contains("_due_") && !$0.hasPrefix("Message-ID:") }.joined(separator: "\r\n")
        }
        #expect(withoutDigest(crlf) == withoutDigest(lf))
        #expect(try String(contentsOfFile: folder + "2026-11-10-kiln-reminder.html", encoding: .utf8) == lfPrint)
    }

    @Test func pythonsMailParserReadsEveryMessageWithoutDefects() throws {
        guard let python = externalTool("python3") else { return }
        // The small ledger (non-ASCII names) and the studio sample (every stage it drafts).
        let small = try LoopLedger.make()
        _ = try letters(small)
        let dir = try temporaryDirectory()
        for f in ["studio.due", "studio-clients.due"] {
            try FileManager.default.copyItem(atPath: Repo.path("samples/\(f)"), toPath: dir + "/" + f)
        }
        let r = try DueRun.run(["letters", "--as-of", "2026-11-20", dir + "/studio.due"])
        #expect(r.status == 0)
        var checked = 0
        for folder in [FileSystem.directory(of: small) + "/loop.letters", dir + "/studio.letters"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".eml") {
                let path = folder + "/" + name
                // Every line keeps to the 78 characters RFC 5322 asks for, headers too.
                let long = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\r\n").filter { $0.count > 78 }
                #expect(long.isEmpty, "\(name): \(long)")
                let m = try MailCheck.parse(python, path)
                #expect(m["defects"] as? [String] == [], "\(name): \(m["defects"] ?? "")")
                #expect(m["multipart"] as? String == "multipart/alternative")
                #expect(m["unsent"] as? String == "1")
                #expect((m["from"] as? String)?.contains("<accounts@brightline.example>") == true)
                #expect((m["to"] as? String)?.contains("@") == true)
                #expect((m["date"] as? String)?.isEmpty == false)
                let plain = m["plain"] as? String ?? "", html = m["html"] as? String ?? ""
                // The amount the subject names is in both parts.
                let subject = m["subject"] as? String ?? ""
                let amount = subject.split(separator: " ").first { $0.contains(".") && $0.first?.isNumber == true }
                for a in [amount.map(String.init)].compactMap({ $0 }) {
                    #expect(plain.contains(a), "\(name): \(a) not in the text part")
                    #expect(html.contains(a), "\(name): \(a) not in the HTML part")
                }
                #expect(plain.contains("Dear ") && html.contains("<p>Dear "))
                checked += 1
            }
        }
        #expect(checked >= 6)
        let zoe = try MailCheck.parse(python, FileSystem.directory(of: small) + "/loop.letters/2026-11-10-zoe-reminder.eml")
        #expect(zoe["to"] as? String == "Zoë Müller <zoe@mueller.example>")
        #expect((zoe["plain"] as? String)?.contains("1,234.50") == true)
        #expect((zoe["html"] as? String)?.contains("1,234.50") == true)
    }

    @Test func aReminderPrintsOnOnePageWithItsTotal() throws {
        guard let chromium = externalTool("chromium"), let pdftotext = externalTool("pdftotext") else { return }
        let ledger = try LoopLedger.make()
        _ = try letters(ledger)
        let folder = FileSystem.directory(of: ledger) + "/loop.letters/"
        let pdf = folder + "zoe.pdf"
        let r = try runTool(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://" + folder + "2026-11-10-zoe-reminder.html"])
        #expect(r.status == 0)
        let text = try runTool(pdftotext, ["-layout", pdf, "-"]).out
        #expect(text.contains("1,234.50 EUR"))
        #expect(text.contains("Hauptstraße 5"))
        // pdftotext ends every page with a form feed.
        #expect(text.filter { $0 == "\u{0C}" }.count == 1, "\(text)")
    }

    /// A client with a long address and four invoices with long descriptions: the address is
    /// set smaller to fit the window, never cut off, the description column is given the room,
    /// and the reminder stays on one page with its closing and signature.
    static let longLedger = """
        sender Brightline Studio Ltd
          contact  Maya Ortiz
          email    accounts@brightline.example
          address  14 Canal Wharf
          address  Leeds LS11 5PS
          bank     Sort code 40-11-62, account 31926819

        client acme Acme Widgets Ltd
          contact  Jane Doe
          email    ap@acme.example
          address  Accounts Payable, Floor 2
          address  Riverside Business Park
          address  Station Road
          address  Little Snoring
          address  Fakenham
          address  NR21 0AA
          address  United Kingdom
          terms    net 30
          currency GBP

        2026-03-02 invoice acme A-001
          item  Monthly retainer for the spring and summer campaign work, phase 1   1 x 100.00
        2026-03-07 invoice acme A-002
          item  Monthly retainer for the spring and summer campaign work, phase 2   1 x 107.00
        2026-03-12 invoice acme A-003
          item  Monthly retainer for the spring and summer campaign work, phase 3   1 x 114.00
        2026-03-17 invoice acme A-004
          item  Monthly retainer for the spring and summer campaign work, phase 4   1 x 121.00

        """

    @Test func aLongAddressFitsTheWindowAndTheSignatureStaysWithTheLetter() throws {
        let dir = try temporaryDirectory()
        let ledger = dir + "/long.due"
        try Self.longLedger.write(toFile: ledger, atomically: true, encoding: .utf8)
        _ = try letters(ledger)
        let html = dir + "/long.letters/2026-11-10-acme-reminder.html"
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<div class=\"address long\">"))
        #expect(!page.contains("overflow: hidden"))
        #expect(page.contains("<div class=\"close\">\n<p>Kind regards,</p>\n<p>Maya Ortiz<br>"))
        guard let chromium = externalTool("chromium"), let pdftotext = externalTool("pdftotext") else { return }
        let pdf = dir + "/long.pdf"
        let r = try runTool(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://" + html])
        #expect(r.status == 0)
        let text = try runTool(pdftotext, ["-layout", pdf, "-"]).out
        #expect(text.contains("United Kingdom") && text.contains("NR21 0AA"))
        #expect(text.contains("Maya Ortiz"))
        #expect(text.filter { $0 == "\u{0C}" }.count == 1, "\(text)")
    }
}

/// Python's `email` package with the default policy: the reference reader for the `.eml` files.
enum MailCheck {
    static let script = """
        import email, email.policy, json, sys
        m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
        defects = [repr(d) for part in m.walk() for d in part.defects]
        plain = m.get_body(('plain',))
        html = m.get_body(('html',))
        print(json.dumps({
            'defects': defects, 'multipart': m.get_content_type(),
            'from': str(m['From']), 'to': str(m['To']), 'subject': str(m['Subject']),
            'date': str(m['Date']), 'unsent': str(m['X-Unsent']),
            'plain': plain.get_content() if plain else None, 'html': html.get_content() if html else None,
        }))
        """

    static func parse(_ python: String, _ path: String) throws -> [String: Any] {
        let r = try runTool(python, ["-c", script, path])
        #expect(r.status == 0, "python could not read \(path)")
        // The JSON is the last line; anything before it went to stderr.
        let line = r.out.split(separator: "\n").last.map(String.init) ?? ""
        return (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
    }
}

@Suite struct LetterEmailTests {
    @Test func displayNamesAreQuotedOrEncoded() {
        #expect(LetterEmail.mailbox("Jonas Albers", "j@x.example") == "Jonas Albers <j@x.example>")
        #expect(LetterEmail.mailbox("Kiln & Kettle <Ceramics> Ltd.", "k@x.example") == "\"Kiln & Kettle <Ceramics> Ltd.\" <k@x.example>")
        #expect(LetterEmail.mailbox("Say \"hi\" \\o/", "s@x.example") == "\"Say \\\"hi\\\" \\\\o/\" <s@x.example>")
        #expect(LetterEmail.mailbox("Zoë", "z@x.example") == "=?UTF-8?B?Wm/Dqw==?= <z@x.example>")
        // Long text: several words, none over 64 characters, no character split between two.
        let words = LetterEmail.encodedWords(String(repeating: "Müller ", count: 12)).split(separator: " ")
        #expect(words.count > 1)
        for w in words { #expect(w.count <= 64 && w.hasPrefix("=?UTF-8?B?") && w.hasSuffix("?=")) }
        #expect(LetterEmail.base64(Array("any carnal pleas".utf8)) == "YW55IGNhcm5hbCBwbGVhcw==")
    }

    @Test func addressesThatWouldNeedGuessingAreRefused() {
        #expect(LetterEmail.address(" ap@acme.example ") == "ap@acme.example")
        for bad in ["ap@acme", "a b@acme.example", "a@b@c.example", "Jane <j@x.example>", "zoë@x.example", "a@x.example, b@x.example", "jürgen@müller.example"] {
            #expect(LetterEmail.address(bad) == nil, "\(bad)")
        }
    }

    /// A client's `email` may name several addresses, each bare or with a name; one that is
    /// not plain ASCII, or not an address, refuses the whole line (and the check warns, W419).
    @Test func aClientsEmailMayListAddressesWithNames() {
        let r = LetterEmail.recipients("Accounts <ap@acme.example>, b@acme.example; \"Doe, Jane\" <jane@acme.example>")
        #expect(r == nil)  // "Doe, Jane" is split at its comma: not an address
        #expect(LetterEmail.recipients("Accounts <ap@acme.example>, b@acme.example")?.map(\.address) == ["ap@acme.example", "b@acme.example"])
        #expect(LetterEmail.recipients("\"Acme AP\" <ap@acme.example>")?.first?.name == "Acme AP")
        // Blanks and tabs around each part, a name beyond ASCII, an empty part after a separator.
        let named = LetterEmail.recipients(" \t\"Zoë Ødegaard\"\t<zoe@ødegaard.example> ;\tap@acme.example ,")
        #expect(named?.map(\.name) == ["Zoë Ødegaard", nil])
        #expect(named?.map(\.address) == ["zoe@xn--degaard-p1a.example", "ap@acme.example"])
        #expect(LetterEmail.recipients("Zoë <zoe@acme.example>")?.first?.name == "Zoë")
        // A domain beyond ASCII is written as IDNA does (the labels as Python's punycode codec
        // encodes them, RFC 3492).
        #expect(LetterEmail.address("ap@Bücher.example") == "ap@xn--bcher-kva.example")
        #expect(LetterEmail.address("ap@ødegaard3.example") == "ap@xn--degaard3-44a.example")
        #expect(Punycode.encode(Array("münchen".unicodeScalars)) == "mnchen-3ya")
        #expect(Punycode.encode(Array("他们为什么不说中文".unicodeScalars)) == "ihqwcrb4cv8a8dqg056pqjye")
        for bad in ["jürgen@müller.example", "ap@acme.example, zoë@x.example", "Jane <j@x>", "", " , "] {
            #expect(LetterEmail.recipients(bad) == nil, "\(bad)")
        }
    }

    /// A ledger with no sender (one `due import` made) drafts unsigned letters: `due letters`
    /// says so; one with a sender is not told.
    @Test func lettersWithoutASenderAreSaidToBeUnsigned() throws {
        let dir = try temporaryDirectory()
        let ledger = dir + "/nosender.due"
        let text = LoopLedger.text.replacingOccurrences(of: "sender Brightline Studio Ltd\n  contact  Isla Whitaker\n  email    accounts@brightline.example\n  address  3rd Floor, Dyehouse Mill\n  address  Leeds LS11 9ZQ\n", with: "")
        #expect(!text.contains("sender"))
        try text.write(toFile: ledger, atomically: true, encoding: .utf8)
        let r = try DueRun.run(["letters", "--as-of", "2026-11-10", "--dry-run", ledger])
        #expect(r.status == 0)
        #expect(r.stdout.contains("note: the ledger has no `sender` entry, so the drafts have no letterhead, signature or bank details"))
        let signed = try DueRun.run(["letters", "--as-of", "2026-11-10", "--dry-run", try LoopLedger.make()])
        #expect(!signed.stdout.contains("no `sender`"))
    }

    /// Names and addresses are the ledger's text: markup characters in them are escaped in
    /// the draft, so the forms show them as written and the address block is still found.
    @Test func markupInANameIsShownAsWritten() throws {
        #expect(LetterFields.asText("*Star* Widgets \\ Co") == "\\*Star\\* Widgets \\\\ Co")
        #expect(LetterFields.asText("# 1 Harbour Road") == "\\# 1 Harbour Road")
        #expect(LetterFields.asText("12. Harbour Road") == "12\\. Harbour Road")
        #expect(LetterFields.asText("3rd Floor, Dyehouse Mill") == "3rd Floor, Dyehouse Mill")
        let dir = try temporaryDirectory()
        let ledger = dir + "/star.due"
        try LoopLedger.text.replacingOccurrences(of: "client kiln Kiln & Kettle <Ceramics> Ltd\n  contact   Priya Shah", with: "client kiln *Star* Kiln Ltd\n  contact   Priya **Bold** Shah").write(toFile: ledger, atomically: true, encoding: .utf8)
        #expect(try DueRun.run(["letters", "--as-of", "2026-11-10", ledger]).status == 0)
        let page = try String(contentsOfFile: dir + "/star.letters/2026-11-10-kiln-reminder.html", encoding: .utf8)
        #expect(page.contains("<div class=\"address\">\n<div>*Star* Kiln Ltd</div>\n<div>For the attention of Priya **Bold** Shah</div>"))
        #expect(page.contains("<p>Dear Priya **Bold** Shah,</p>"))
        #expect(page.contains("<div class=\"date\">10 November 2026</div>"))
    }

    /// Written into the message, each address keeps the name given beside it, and the first
    /// bare one is the contact's; Python's mail reader finds them all, without defects.
    @Test func aMessageGoesToEveryAddressTheClientGives() throws {
        let dir = try temporaryDirectory()
        let ledger = dir + "/two.due"
        try LoopLedger.text.replacingOccurrences(of: "  email     hello@kiln.example\n", with: "  email     hello@kiln.example, Accounts <ap@kiln.example>\n").replacingOccurrences(of: "  channel   post\n", with: "").write(toFile: ledger, atomically: true, encoding: .utf8)
        #expect(try DueRun.run(["letters", "--as-of", "2026-11-10", ledger]).status == 0)
        let eml = dir + "/two.letters/2026-11-10-kiln-reminder.eml"
        let bytes = try String(contentsOfFile: eml, encoding: .utf8)
        #expect(bytes.contains("To: Priya Shah <hello@kiln.example>, Accounts <ap@kiln.example>\r\n"))
        guard let python = externalTool("python3") else { return }
        let m = try MailCheck.parse(python, eml)
        #expect((m["defects"] as? [String])?.isEmpty == true)
        #expect(m["to"] as? String == "Priya Shah <hello@kiln.example>, Accounts <ap@kiln.example>")
    }

    @Test func quotedPrintableKeepsLinesShortAndEncodesWhatItMust() {
        let qp = LetterEmail.quotedPrintable(String(repeating: "é=", count: 40) + " \nend \n")
        let lines = qp.components(separatedBy: "\r\n")
        for l in lines { #expect(l.count <= 76, "\(l)") }
        #expect(lines.first?.hasPrefix("=C3=A9=3D") == true)
        #expect(lines.contains("end=20"))
        #expect(!qp.contains("é"))
    }

    @Test func quotedPrintableLinesWorkedOutByHand() {
        // Lines are split at each newline; a final newline adds no empty line, blank lines stay.
        #expect(LetterEmail.quotedPrintable("") == "")
        #expect(LetterEmail.quotedPrintable("\n") == "")
        #expect(LetterEmail.quotedPrintable("a\n\nb") == "a\r\n\r\nb")
        #expect(LetterEmail.quotedPrintable("a\nb\n") == "a\r\nb")
        // A space or tab ending a line is encoded; inside a line it stays.
        #expect(LetterEmail.quotedPrintable("a b \nc\t") == "a b=20\r\nc=09")
        // A CR LF already in the text is one character, not a line end: both bytes encoded.
        #expect(LetterEmail.quotedPrintable("a\r\nb\n") == "a=0D=0Ab")
        // 76 characters fit on a last line; a 77th needs a soft break after 75.
        let x75 = String(repeating: "x", count: 75)
        #expect(LetterEmail.quotedPrintable(x75 + "x") == x75 + "x")
        #expect(LetterEmail.quotedPrintable(x75 + "xx") == x75 + "=\r\nxx")
        // An encoded byte is never split by a soft break.
        #expect(LetterEmail.quotedPrintable(String(repeating: "x", count: 73) + "éy") == String(repeating: "x", count: 73) + "=\r\n=C3=A9y")
    }

    /// The encoding as RFC 2045 describes it, line by line, slowly: what the one-pass encoder
    /// must give for any text.
    static func referenceQuotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var lines: [[UInt8]] = [[]]
        for (k, b) in bytes.enumerated() {
            if b == 0x0A && (k == 0 || bytes[k - 1] != 0x0D) { lines.append([]) } else { lines[lines.count - 1].append(b) }
        }
        if lines.count > 1 && lines.last!.isEmpty { lines.removeLast() }
        if bytes.isEmpty { lines = [] }
        var out: [[UInt8]] = []
        for line in lines {
            var tokens: [[UInt8]] = []
            for (k, b) in line.enumerated() {
                let last = k == line.count - 1
                let literal = (b >= 0x21 && b <= 0x7E && b != 0x3D) || ((b == 0x20 || b == 0x09) && !last)
                let hex = Array("0123456789ABCDEF".utf8)
                tokens.append(literal ? [b] : [0x3D, hex[Int(b >> 4)], hex[Int(b & 15)]])
            }
            var encoded: [UInt8] = [], width = 0
            for (k, t) in tokens.enumerated() {
                if width + t.count > (k == tokens.count - 1 ? 76 : 75) {
                    encoded += Array("=\r\n".utf8)
                    width = 0
                }
                encoded += t
                width += t.count
            }
            out.append(encoded)
        }
        return Array(out.joined(separator: Array("\r\n".utf8)))
    }

    @Test func quotedPrintableAgreesWithTheRFCReadLineByLine() {
        var rng = SplitMix(seed: 2045)
        let alphabet: [UInt8] = [0x61, 0x20, 0x09, 0x3D, 0xC3, 0xA9, 0x0A, 0x0D, 0x78, 0x7E, 0x7F, 0x80, 0x1F, 0x21, 0x00]
        for _ in 0..<1000 {
            let n = Int(rng.next() % 400)
            // Long runs of one byte too, so lines pass 76 characters in every way.
            let run = rng.next() % 4 == 0
            let one = alphabet[Int(rng.next() % UInt64(alphabet.count))]
            let text = (0..<n).map { _ in run ? one : alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            var out = ByteText()
            LetterEmail.quotedPrintable(text, into: &out)
            #expect(out.bytes == Self.referenceQuotedPrintable(text), "\(text)")
            #expect(out.bytes.count <= LetterEmail.quotedPrintableBound(text.count))
        }
    }

    @Test func theDateIsTheAsOfDateNeverTheClock() {
        #expect(LetterEmail.dateHeader(Day(year: 2026, month: 11, day: 20)!) == "Fri, 20 Nov 2026 09:00:00 +0000")
        #expect(LetterEmail.dateHeader(Day(year: 2024, month: 2, day: 29)!) == "Thu, 29 Feb 2024 09:00:00 +0000")
        #expect(LetterEmail.dateHeader(Day(year: 1969, month: 12, day: 31)!) == "Wed, 31 Dec 1969 09:00:00 +0000")
    }

    @Test func longSubjectsFoldAtSpaces() {
        let h = LetterEmail.header("Subject", String(repeating: "overdue ", count: 20) + "end")
        for l in h.components(separatedBy: "\r\n") { #expect(l.count <= 78) }
        #expect(h.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + String(repeating: "overdue ", count: 20) + "end")
    }
}
