import Foundation
import Testing
@testable import DueKit

@Suite struct SentTests {
    /// The lines added end as the ledger's own do: CR LF after a file saved on Windows, LF
    /// otherwise; the bytes already there are not touched.
    @Test func appendedLinesEndAsTheLedgersDo() {
        let entry = "2026-11-20 letter acme reminder\n  invoices A-1\n"
        let windows = Array("client acme\r\n\r\n2026-01-05 invoice acme A-1\r\n  total 10.00\r\n".utf8)
        let out = SentJob.appended(windows, [entry])
        #expect(Array(out.prefix(windows.count)) == windows)
        #expect(String(decoding: out.dropFirst(windows.count), as: UTF8.self) == "\r\n2026-11-20 letter acme reminder\r\n  invoices A-1\r\n")
        let unix = Array("client acme\n".utf8)
        #expect(String(decoding: SentJob.appended(unix, [entry]), as: UTF8.self) == "client acme\n\n" + entry)
        // No line end at all: the file's last line is ended with LF, as before.
        #expect(String(decoding: SentJob.appended(Array("client acme".utf8), [entry]), as: UTF8.self) == "client acme\n\n" + entry)
    }

    func read(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    func draftLedger() throws -> (ledger: String, letters: String) {
        let ledger = try LoopLedger.make()
        let r = try DueRun.run(["letters", "--as-of", "2026-11-10", ledger])
        #expect(r.status == 0, "\(r.stderr)")
        return (ledger, FileSystem.directory(of: ledger) + "/loop.letters/")
    }

    @Test func sentAppendsTheLetterEntriesAndMovesTheDrafts() throws {
        let (ledger, letters) = try draftLedger()
        let before = try read(ledger)
        let r = try DueRun.run(["sent", ledger, letters + "2026-11-10-zoe-reminder.md", letters + "2026-11-10-kiln-reminder.md"])
        #expect(r.status == 0, "\(r.stderr)")
        let after = try read(ledger)
        #expect(Array(after.prefix(before.count)) == before, "the bytes already there must stay as they were")
        #expect(String(decoding: after.dropFirst(before.count), as: UTF8.self) == """

            2026-11-10 letter zoe reminder
              invoices  Z-1
              channel   email
              to        Zoë Müller <zoe@mueller.example>

            2026-11-10 letter kiln reminder
              invoices  K-1
              channel   post
              to        Priya Shah

            """)
        let left = try FileManager.default.contentsOfDirectory(atPath: letters).sorted()
        #expect(left == ["2026-11-10-quiet-reminder.html", "2026-11-10-quiet-reminder.md", "sent"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: letters + "sent").sorted() == [
            "2026-11-10-kiln-reminder.eml", "2026-11-10-kiln-reminder.html", "2026-11-10-kiln-reminder.md",
            "2026-11-10-zoe-reminder.eml", "2026-11-10-zoe-reminder.html", "2026-11-10-zoe-reminder.md",
        ])
        // Clean, canonical, and the ladder now counts the letters as sent.
        #expect(try DueRun.run(["check", "--as-of", "2026-11-10", ledger]).status == 0)
        #expect(try DueRun.run(["fmt", "--check", ledger]).status == 0)
        let again = try DueRun.run(["letters", "--as-of", "2026-11-10", ledger])
        #expect(!again.stdout.contains("zoe") && !again.stdout.contains("kiln"))
    }

    /// A draft sent days after its date is recorded with its date (7.7), as before, but when
    /// the date it asks payment by is three working days off or fewer, or past, the user is
    /// told, and the letter is recorded all the same (exit 0). Before: nothing was said.
    @Test func aDraftSentLateWithItsPayByDateNearIsNoted() throws {
        for (today, note) in [
            ("2026-11-17", "This draft asks for payment by 20 November 2026, 3 days from today: if you send it now, consider `due letters` for a fresh draft."),
            ("2026-11-23", "This draft asks for payment by 20 November 2026, 3 days ago: if you send it now, consider `due letters` for a fresh draft."),
            ("2026-11-20", "This draft asks for payment by 20 November 2026, today: if you send it now, consider `due letters` for a fresh draft."),
            // Four working days left, or sent on its own day: nothing to say.
            ("2026-11-16", nil), ("2026-11-10", nil),
        ] {
            let (ledger, letters) = try draftLedger()
            let draft = try String(contentsOfFile: letters + "2026-11-10-kiln-reminder.md", encoding: .utf8)
            #expect(draft.contains("by 20 November 2026"), "\(draft)")
            let r = try DueRun.run(["sent", "--as-of", today, ledger, letters + "2026-11-10-kiln-reminder.md"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("  2026-11-10 letter kiln reminder (post)\n"), "\(r.stdout)")
            if let note {
                #expect(r.stdout.contains("  2026-11-10 letter kiln reminder (post)\n    Note: \(note)\n"), "\(today): \(r.stdout)")
            } else {
                #expect(!r.stdout.contains("Note:"), "\(today): \(r.stdout)")
            }
            #expect(try String(contentsOfFile: ledger, encoding: .utf8).hasSuffix("2026-11-10 letter kiln reminder\n  invoices  K-1\n  channel   post\n  to        Priya Shah\n"))
        }
    }

    /// A client id beyond ASCII keeps its letters in the draft's name (`müller`, not
    /// `m-ller--…`), and `due sent` records the draft by that name.
    @Test func aDraftOfAnIdBeyondASCIIIsNamedByItAndRecorded() throws {
        let ledger = try LoopLedger.make()
        let text = LoopLedger.text.replacingOccurrences(of: "client zoe ", with: "client müller ").replacingOccurrences(of: "invoice zoe ", with: "invoice müller ")
        try text.write(toFile: ledger, atomically: true, encoding: .utf8)
        let letters = FileSystem.directory(of: ledger) + "/loop.letters/"
        let r = try DueRun.run(["letters", "--as-of", "2026-11-10", ledger])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2026-11-10-müller-reminder.md"), "\(r.stdout)")
        let names = try FileManager.default.contentsOfDirectory(atPath: letters).sorted()
        #expect(names.contains("2026-11-10-müller-reminder.md") && names.contains("2026-11-10-müller-reminder.eml"), "\(names)")
        #expect(names.contains("2026-11-10-kiln-reminder.md"))
        let sent = try DueRun.run(["sent", ledger, letters + "2026-11-10-müller-reminder.md"])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(try String(contentsOfFile: ledger, encoding: .utf8).hasSuffix("2026-11-10 letter müller reminder\n  invoices  Z-1\n  channel   email\n  to        Zoë Müller <zoe@mueller.example>\n"))
        #expect(FileSystem.exists(letters + "sent/2026-11-10-müller-reminder.md"))
        // Drafted again on the same day, nothing more is asked of müller, and the name is the same.
        let again = try DueRun.run(["letters", "--as-of", "2026-11-10", ledger])
        #expect(!again.stdout.contains("müller"), "\(again.stdout)")
    }

    /// A report writes the forms without waiting for the disk, so a crash may leave one cut
    /// short; what goes into `sent/` is made again from the draft. A form the user removed is
    /// not brought back.
    @Test func formsCutShortAreMadeAgainBeforeTheyAreKept() throws {
        let (ledger, letters) = try draftLedger()
        let zoe = letters + "2026-11-10-zoe-reminder", kiln = letters + "2026-11-10-kiln-reminder"
        let email = try read(zoe + ".eml"), page = try read(zoe + ".html")
        try Data().write(to: URL(fileURLWithPath: zoe + ".eml"))
        try Data(page.prefix(page.count / 2)).write(to: URL(fileURLWithPath: zoe + ".html"))
        try FileManager.default.removeItem(atPath: kiln + ".html")
        let r = try DueRun.run(["sent", ledger, zoe + ".md", kiln + ".md"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try read(letters + "sent/2026-11-10-zoe-reminder.eml") == email)
        #expect(try read(letters + "sent/2026-11-10-zoe-reminder.html") == page)
        #expect(!FileSystem.exists(letters + "sent/2026-11-10-kiln-reminder.html"))
        #expect(FileSystem.exists(letters + "sent/2026-11-10-kiln-reminder.md"))
    }

    @Test func aSecondSentOfTheSameDraftIsRefused() throws {
        let (ledger, letters) = try draftLedger()
        let draft = letters + "2026-11-10-zoe-reminder.md"
        #expect(try DueRun.run(["sent", ledger, draft]).status == 0)
        let once = try read(ledger)
        let moved = try DueRun.run(["sent", ledger, draft])
        #expect(moved.status == 1)
        #expect(moved.stderr.contains("already recorded"))
        let fromSent = try DueRun.run(["sent", ledger, letters + "sent/2026-11-10-zoe-reminder.md"])
        #expect(fromSent.status == 1)
        #expect(fromSent.stderr.contains("already recorded"))
        #expect(try read(ledger) == once)
    }

    @Test func aDraftPutBackAfterRecordingIsRefusedAsRecorded() throws {
        let (ledger, letters) = try draftLedger()
        let draft = letters + "2026-11-10-zoe-reminder.md"
        let copy = try read(draft)
        #expect(try DueRun.run(["sent", ledger, draft]).status == 0)
        try Data(copy).write(to: URL(fileURLWithPath: draft))
        let once = try read(ledger)
        let r = try DueRun.run(["sent", ledger, draft])
        #expect(r.status == 1)
        #expect(r.stderr.contains("already recorded: the ledger has '2026-11-10 letter zoe reminder'"))
        #expect(try read(ledger) == once)
    }

    @Test func refusesWithErrorsInTheLedger() throws {
        let (ledger, letters) = try draftLedger()
        let broken = try read(ledger) + Array("\n2026-11-11 payment nobody 10.00\n".utf8)
        try Data(broken).write(to: URL(fileURLWithPath: ledger))
        let r = try DueRun.run(["sent", ledger, "--all"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("nothing recorded"))
        #expect(try read(ledger) == broken)
        #expect(FileManager.default.fileExists(atPath: letters + "2026-11-10-zoe-reminder.md"))
    }

    @Test func refusesUnknownDraftsAndWritesNothingForTheOthers() throws {
        let (ledger, letters) = try draftLedger()
        let before = try read(ledger)
        let missing = try DueRun.run(["sent", ledger, letters + "2026-11-10-zoe-reminder.md", letters + "2026-11-10-nobody-reminder.md"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such draft"))
        // A file without the due-letter line cannot say what it stands for.
        let stray = letters + "2026-11-10-notes.md"
        try "Dear Zoë,\n".write(toFile: stray, atomically: true, encoding: .utf8)
        let r = try DueRun.run(["sent", ledger, stray])
        #expect(r.status == 1)
        #expect(r.stderr.contains("due-letter"))
        // A draft of another ledger's folder.
        let elsewhere = try temporaryDirectory() + "/2026-11-10-zoe-reminder.md"
        try FileManager.default.copyItem(atPath: letters + "2026-11-10-zoe-reminder.md", toPath: elsewhere)
        #expect(try DueRun.run(["sent", ledger, elsewhere]).status == 1)
        #expect(try read(ledger) == before)
        #expect(FileManager.default.fileExists(atPath: letters + "2026-11-10-zoe-reminder.md"))
    }

    /// A draft made by an earlier version of due, whose letter had a part fewer: its facts
    /// digest differs only by that part, which is said, not that the ledger changed.
    @Test func aDraftOfAnEarlierVersionIsToldSoAndDraftedAgain() throws {
        let (ledger, letters) = try draftLedger()
        let path = letters + "2026-11-10-zoe-reminder.md"
        let draft = String(decoding: try read(path), as: UTF8.self)
        let fields = try #require(Draft.fields(Array(draft.utf8)))
        // The letter today, as `due sent` reads it again; the earlier version had no
        // `client.name` among its facts.
        let r = try LedgerLoader.load(path: ledger)
        let sheet = BalanceEngine.balances(r.ledger, asOf: fields.asOf)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "zoe" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let values = LetterFields.values(stage: fields.stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        #expect(LetterJob.draftFields(stage: fields.stage, choice: choice, values: values, ledger: r.ledger, asOf: fields.asOf).facts == fields.facts)
        let older = LetterJob.facts(fields.stage, values, LetterJob.factKeys(values).filter { $0 != "client.name" })
        // As that version wrote it: its footer's digest is of what is above it, so it is no
        // edited draft.
        let body = draft.replacingOccurrences(of: "facts=fnv1a64:\(fields.facts)", with: "facts=fnv1a64:\(older)")
        let above = try #require(body.range(of: "\n" + Draft.footerPrefix))
        let earlier = body[..<above.lowerBound] + "\n" + Draft.footerPrefix + Draft.digest(String(body[..<above.lowerBound])) + " — edit freely: due never overwrites a draft you have changed -->\n"
        try String(earlier).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(Draft.isUntouched(Array(earlier.utf8)))
        let sent = try DueRun.run(["sent", ledger, path])
        #expect(sent.status == 1)
        #expect(sent.stderr.contains("it was drafted by an earlier version of due, or before the ledger gave the letter what it now says in {{client.name}}, so its facts cannot be compared with the letter's today; run due letters (or due report) again to draft it anew"), "\(sent.stderr)")
        #expect(!sent.stderr.contains("ledger changed since"))
        // Edited, it is kept by `due letters`, which says the same of it.
        try (String(earlier) + "PS: thank you\n").write(toFile: path, atomically: true, encoding: .utf8)
        let kept = try DueRun.run(["letters", "--as-of", "2026-11-10", ledger])
        #expect(kept.stdout.contains("not ready to send: it was drafted by an earlier version of due, or before the ledger gave the letter what it now says in {{client.name}}, so its facts cannot be compared with the letter's today; check it, or delete it to have it drafted again"), "\(kept.stdout)")
        try String(earlier).write(toFile: path, atomically: true, encoding: .utf8)
        // Drafted again, it is recorded.
        let again = try DueRun.run(["letters", "--as-of", "2026-11-10", ledger])
        #expect(again.status == 0)
        let recorded = try DueRun.run(["sent", ledger, path])
        #expect(recorded.status == 0, "\(again.stdout) \(again.stderr) \(recorded.stderr)")
    }

    @Test func refusesWhenTheLedgerChangedInAWayThatChangesTheLetter() throws {
        let (ledger, letters) = try draftLedger()
        // A part payment on the draft's date: the amount the letter asks for is wrong now.
        let changed = try read(ledger) + Array("\n2026-11-10 payment zoe 200.00\n  apply  Z-1\n".utf8)
        try Data(changed).write(to: URL(fileURLWithPath: ledger))
        let r = try DueRun.run(["sent", ledger, letters + "2026-11-10-zoe-reminder.md"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("ledger changed since the draft was made"))
        #expect(try read(ledger) == changed)
        // Named with another draft of its date (the clients' stories then told together): the
        // same refusal, for that draft alone, and nothing recorded.
        let both = try DueRun.run(["sent", ledger, letters + "2026-11-10-quiet-reminder.md", letters + "2026-11-10-zoe-reminder.md"])
        #expect(both.status == 1)
        #expect(both.stderr.contains("2026-11-10-zoe-reminder.md") && both.stderr.contains("ledger changed since the draft was made"))
        #expect(!both.stderr.contains("quiet-reminder.md:"), "\(both.stderr)")
        #expect(try read(ledger) == changed)
        // A change that leaves the letter as it is (another client's note) does not stop it.
        let other = changed + Array("\n2026-11-10 note kiln call\n  said  Paying Friday.\n".utf8)
        try Data(other).write(to: URL(fileURLWithPath: ledger))
        let q = try DueRun.run(["sent", ledger, letters + "2026-11-10-quiet-reminder.md"])
        #expect(q.status == 0, "\(q.stderr)")
        #expect(String(decoding: try read(ledger).dropFirst(other.count), as: UTF8.self) == "\n2026-11-10 letter quiet reminder\n  invoices  Q-1\n  channel   post\n  to        Quiet Ltd\n")
    }

    /// An edited draft that a payment since has made wrong: `due letters` says it is out of
    /// date (not "record it"), and `due sent --all` passes over it, naming why, and records
    /// the others.
    @Test func anEditedDraftMadeWrongIsSaidOutOfDateAndAllRecordsTheOthers() throws {
        let (ledger, letters) = try draftLedger()
        let draft = letters + "2026-11-10-zoe-reminder.md"
        let text = try String(contentsOfFile: draft, encoding: .utf8).replacingOccurrences(of: "Dear Zoë,", with: "Dear Zoë, hello,")
        try text.write(toFile: draft, atomically: true, encoding: .utf8)
        let changed = try read(ledger) + Array("\n2026-11-09 payment zoe 1234.50\n  apply  Z-1\n".utf8)
        try Data(changed).write(to: URL(fileURLWithPath: ledger))
        let l = try DueRun.run(["letters", "--as-of", "2026-11-10", ledger])
        #expect(l.status == 0, "\(l.stderr)")
        #expect(l.stdout.contains("2026-11-10-zoe-reminder.md: a draft you edited, which the ledger no longer bears out (on 2026-11-10 zoe no longer gets a reminder); check it, or delete it to have due draft again"), "\(l.stdout)")
        #expect(!l.stdout.contains("zoe-reminder.md: an earlier draft you edited; record it"))
        let r = try DueRun.run(["sent", ledger, "--all"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect((r.stdout + r.stderr).contains("Skipped " + draft))
        let added = String(decoding: try read(ledger).dropFirst(changed.count), as: UTF8.self)
        #expect(added.contains("letter kiln reminder") && added.contains("letter quiet reminder") && !added.contains("letter zoe"))
    }

    /// An edited draft the ledger still bears out on its date, whose invoice was paid after
    /// it: a later run said "record it with 'due sent'" (and later "check it before you send
    /// it, or delete it", while `due sent` refused it, to be entered by hand). The letter may
    /// have gone on its date, when it was true; now the run says what changed and both ways,
    /// `due sent` records it with a note, and an untouched one moved aside says the same.
    @Test func anEditedDraftOvertakenByAPaymentSinceSaysBothWaysAndIsRecordedWithANote() throws {
        let (ledger, letters) = try draftLedger()
        let draft = letters + "2026-11-10-zoe-reminder.md"
        let text = try String(contentsOfFile: draft, encoding: .utf8).replacingOccurrences(of: "Dear Zoë,", with: "Dear Zoë, hello,")
        try text.write(toFile: draft, atomically: true, encoding: .utf8)
        let paid = try read(ledger) + Array("\n2026-11-12 payment zoe 1234.50\n  apply  Z-1\n\n2026-11-12 payment kiln 480.00\n  apply  K-1\n".utf8)
        try Data(paid).write(to: URL(fileURLWithPath: ledger))
        let why = "Z-1 was paid in full on 2026-11-12"
        let both = "a draft you edited, now out of date: \(why), after this draft's date; if you sent it on its date, record it with 'due sent'; if not, do not send it: delete it to have the letter drafted anew"
        let l = try DueRun.run(["letters", "--as-of", "2026-11-12", ledger])
        #expect(l.status == 0, "\(l.stderr)")
        #expect(l.stdout.contains("kept \(draft): \(both)\n"), "\(l.stdout)")
        #expect(!l.stdout.contains("zoe-reminder.md: an earlier draft you edited; record it"), "\(l.stdout)")
        // The untouched one of kiln, whose invoice was paid too, is moved aside saying so.
        let aside = letters + "superseded/2026-11-10-kiln-reminder.md"
        #expect(l.stdout.contains("moved \(letters)2026-11-10-kiln-reminder.md to superseded/: K-1 was paid in full on 2026-11-12, after this draft's date; if you sent it on its date, record it with 'due sent \(ledger) \(aside)'\n"), "\(l.stdout)")
        let report = try DueRun.run(["report", "--as-of", "2026-11-12", ledger])
        #expect(report.stdout.contains("Kept \(draft): \(both)\n"), "\(report.stdout)")
        let named = try DueRun.run(["sent", "--as-of", "2026-11-12", ledger, draft, aside])
        #expect(named.status == 0, "\(named.stderr)")
        let note = "if the letter has not gone yet, do not send it: take its entry out of the ledger and run 'due letters' for one that fits today"
        #expect(named.stdout.contains("""
              2026-11-10 letter zoe reminder (email)
                Note: \(why), after this letter's date; \(note)
              2026-11-10 letter kiln reminder (post)
                Note: K-1 was paid in full on 2026-11-12, after this letter's date; \(note)

            """), "\(named.stdout)")
        let added = String(decoding: try read(ledger).dropFirst(paid.count), as: UTF8.self)
        #expect(added.contains("\n2026-11-10 letter zoe reminder\n  invoices  Z-1\n") && added.contains("\n2026-11-10 letter kiln reminder\n  invoices  K-1\n"), "\(added)")
        #expect(FileSystem.exists(letters + "sent/2026-11-10-zoe-reminder.md") && FileSystem.exists(letters + "sent/2026-11-10-kiln-reminder.md"))
        // Part paid, it says how much and what is left.
        let part = LoopLedger.text + "\n2026-11-12 payment zoe 234.50\n  apply  Z-1\n"
        let then = try #require(LedgerLoader.load(bytes: Array(LoopLedger.text.utf8), path: "loop.due").ledger as Ledger?)
        let now = LedgerLoader.load(bytes: Array(part.utf8), path: "loop.due").ledger
        let fields = try #require(Draft.fields(Array(text.utf8)))
        #expect(SentJob.overtaken(fields, ledger: now, then: BalanceEngine.balances(then, asOf: fields.asOf), now: BalanceEngine.balances(now, asOf: Day.parse("2026-11-12")!))
            == "234.50 EUR of Z-1 was paid (1,000.00 EUR is still open)")
    }

    /// The everyday loop of 7.7: the letters drafted on 10 November went that day (zoë's in
    /// the user's words), the client's payments of 12 November were entered, then `due sent
    /// --all` was run. It refused zoë's and skipped kiln's ("Z-1 was paid in full on
    /// 2026-11-12, after this draft's date: if the letter went before that, add its letter
    /// entry to the ledger by hand …"), though both were true when they went; now all three
    /// are recorded, as of their date, with a note beside each one paid since.
    @Test func lettersSentOnTheirDateAreRecordedAfterPaymentsEnteredSince() throws {
        let (ledger, letters) = try draftLedger()
        let zoe = letters + "2026-11-10-zoe-reminder.md"
        let text = try String(contentsOfFile: zoe, encoding: .utf8).replacingOccurrences(of: "Dear Zoë,", with: "Dear Zoë, hello,")
        try text.write(toFile: zoe, atomically: true, encoding: .utf8)
        let paid = try read(ledger) + Array("\n2026-11-12 payment zoe 1234.50\n  apply  Z-1\n\n2026-11-12 payment kiln 200.00\n  apply  K-1\n".utf8)
        try Data(paid).write(to: URL(fileURLWithPath: ledger))
        let all = try DueRun.run(["sent", "--as-of", "2026-11-12", ledger, "--all"])
        #expect(all.status == 0, "\(all.stderr)")
        let note = "if the letter has not gone yet, do not send it: take its entry out of the ledger and run 'due letters' for one that fits today"
        #expect(all.stdout == """
            Recorded in \(ledger):
              2026-11-10 letter kiln reminder (post)
                Note: 200.00 GBP of K-1 was paid (280.00 GBP is still open), after this letter's date; \(note)
              2026-11-10 letter quiet reminder (post)
              2026-11-10 letter zoe reminder (email)
                Note: Z-1 was paid in full on 2026-11-12, after this letter's date; \(note)
            Moved 3 drafts to \(letters)sent/

            """, "\(all.stdout)")
        #expect(String(decoding: try read(ledger).dropFirst(paid.count), as: UTF8.self) == """

            2026-11-10 letter kiln reminder
              invoices  K-1
              channel   post
              to        Priya Shah

            2026-11-10 letter quiet reminder
              invoices  Q-1
              channel   post
              to        Quiet Ltd

            2026-11-10 letter zoe reminder
              invoices  Z-1
              channel   email
              to        Zoë Müller <zoe@mueller.example>

            """)
        #expect(try DueRun.run(["check", "--as-of", "2026-11-12", ledger]).status == 0)
    }

    /// A statement asked for on the day of a reminder: both drafts are current, and `--all`
    /// does not guess which went (by name, "statement" after "reminder", it took the
    /// statement and called the reminder older); it records neither, and says so.
    @Test func allRecordsNeitherOfTwoDraftsOfOneDayForAClient() throws {
        let (ledger, letters) = try draftLedger()
        let statement = try DueRun.run(["letters", "--as-of", "2026-11-10", "--statement", "kiln", ledger])
        #expect(statement.status == 0, "\(statement.stderr)")
        #expect(FileManager.default.fileExists(atPath: letters + "2026-11-10-kiln-statement.md"))
        let before = try read(ledger)
        let r = try DueRun.run(["sent", ledger, "--all"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Skipped \(letters)2026-11-10-kiln-reminder.md: kiln has 2 drafts of 2026-11-10 (reminder, statement of account): record the ones you sent by name"), "\(r.stdout)")
        #expect(r.stdout.contains("Skipped \(letters)2026-11-10-kiln-statement.md: kiln has 2 drafts"))
        let added = String(decoding: try read(ledger).dropFirst(before.count), as: UTF8.self)
        #expect(added.contains("letter zoe reminder") && !added.contains("letter kiln"))
        // Named, each is recorded.
        let named = try DueRun.run(["sent", ledger, letters + "2026-11-10-kiln-reminder.md"])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(try String(contentsOfFile: ledger, encoding: .utf8).contains("2026-11-10 letter kiln reminder"))
    }

    /// A client with an older draft the user edited and a newer one due wrote beside it: the
    /// owner most likely sent their own words. `--all` took the newer ("Skipped …-10-kiln-…:
    /// a newer draft for kiln, of 2026-11-11, is recorded instead"); now it records neither of
    /// kiln's, says why, and records the other clients' drafts, exiting 0.
    @Test func allRecordsNeitherDraftOfAClientWithAnOlderEditedOne() throws {
        let (ledger, letters) = try draftLedger()
        let edited = letters + "2026-11-10-kiln-reminder.md"
        let text = try String(contentsOfFile: edited, encoding: .utf8).replacingOccurrences(of: "Dear ", with: "Hello again, ")
        try text.write(toFile: edited, atomically: true, encoding: .utf8)
        #expect(try DueRun.run(["letters", "--as-of", "2026-11-11", ledger]).status == 0)
        let before = try read(ledger)
        let all = try DueRun.run(["sent", ledger, "--all"])
        #expect(all.status == 0, "\(all.stderr)")
        let why = "kiln has a draft you edited (2026-11-10) and a newer one (2026-11-11): record the one you sent by name ('due sent FILE DRAFT')"
        #expect(all.stdout.contains("Skipped \(edited): \(why)"), "\(all.stdout)")
        #expect(all.stdout.contains("Skipped \(letters)2026-11-11-kiln-reminder.md: \(why)"), "\(all.stdout)")
        let added = String(decoding: try read(ledger).dropFirst(before.count), as: UTF8.self)
        #expect(added.contains("2026-11-11 letter zoe reminder") && added.contains("2026-11-11 letter quiet reminder") && !added.contains("letter kiln"), "\(added)")
        #expect(FileSystem.exists(edited) && FileSystem.exists(letters + "2026-11-11-kiln-reminder.md"))
        // Named, the edited one is recorded; the newer, drafted without it, is no longer the
        // letter of its date: should it have gone too, its entry is to be added by hand.
        let named = try DueRun.run(["sent", ledger, edited])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(try String(contentsOfFile: ledger, encoding: .utf8).hasSuffix("2026-11-10 letter kiln reminder\n  invoices  K-1\n  channel   post\n  to        Priya Shah\n"))
        let after = try DueRun.run(["sent", ledger, "--all"])
        #expect(after.stdout.contains("Skipped \(letters)2026-11-11-kiln-reminder.md: drafted before the reminder of 2026-11-10 to kiln was recorded: with it in the ledger, on 2026-11-11 kiln no longer gets a reminder, so due cannot check this draft against the ledger; if it went as drafted, add its entry to \(ledger) by hand:\n2026-11-11 letter kiln reminder\n"), "\(after.stdout)")
    }

    /// A draft held back (its email sent, say, but not yet recorded) that a later run
    /// superseded: the run deleted it as "superseded, never sent or edited", and `due sent`
    /// of it then said "no such draft". Now the run moves it, with its forms, to
    /// `superseded/` and says how to record it; `due sent` records it from there, or, named
    /// where it was, says where it went.
    @Test func aSupersededDraftIsMovedAsideAndRecordedFromThere() throws {
        let (ledger, letters) = try draftLedger()
        let held = letters + "2026-11-10-zoe-reminder.md", aside = letters + "superseded/2026-11-10-zoe-reminder.md"
        let email = try read(letters + "2026-11-10-zoe-reminder.eml")
        let r = try DueRun.run(["report", "--as-of", "2026-11-12", ledger])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Moved \(held) to superseded/: a newer draft replaces it; if you sent it, record it with 'due sent \(ledger) \(aside)'"), "\(r.stdout)")
        #expect(!r.stdout.contains("never sent"), "\(r.stdout)")
        #expect(!FileSystem.exists(held))
        #expect(try FileManager.default.contentsOfDirectory(atPath: letters + "superseded").sorted().filter { $0.hasPrefix("2026-11-10-zoe") } == [
            "2026-11-10-zoe-reminder.eml", "2026-11-10-zoe-reminder.html", "2026-11-10-zoe-reminder.md",
        ])
        #expect(try read(aside.replacingOccurrences(of: ".md", with: ".eml")) == email)
        let before = try read(ledger)
        let old = try DueRun.run(["sent", ledger, held])
        #expect(old.status == 1)
        #expect(old.stderr.contains("\(held): a later run moved it to \(aside), never recorded; if you sent it, name it there"), "\(old.stderr)")
        let sent = try DueRun.run(["sent", ledger, aside])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(String(decoding: try read(ledger).dropFirst(before.count), as: UTF8.self) == "\n2026-11-10 letter zoe reminder\n  invoices  Z-1\n  channel   email\n  to        Zoë Müller <zoe@mueller.example>\n")
        #expect(FileSystem.exists(letters + "sent/2026-11-10-zoe-reminder.md") && FileSystem.exists(letters + "sent/2026-11-10-zoe-reminder.eml"))
        #expect(!FileSystem.exists(aside))
        // The newer draft is no longer the letter of its date: the next run moves it aside
        // too, saying why, and does not offer to record it.
        let next = try DueRun.run(["letters", "--as-of", "2026-11-12", ledger])
        #expect(next.stdout.contains("moved \(letters)2026-11-12-zoe-reminder.md to superseded/: on 2026-11-12 zoe no longer gets a reminder\n"), "\(next.stdout)")
    }

    /// Drafts made on the 10th and the 16th, none recorded for a week; on the 18th the 10th's
    /// reminder to kiln (which went) is recorded. The 16th's, which went too, was refused with
    /// "the ledger changed since the draft was made: on 2026-11-16 kiln no longer gets a
    /// reminder; run due letters again", which drafts today's letter, not the one that went.
    /// Now `due sent` gives the entry to add by hand and why it cannot add it, exit 1, writing
    /// nothing; `--all` skips it with the same words. The entry, added, checks and is canonical.
    @Test func aDraftOvertakenByAnOlderLetterRecordedSinceGivesItsEntryToAddByHand() throws {
        let (ledger, letters) = try draftLedger()
        #expect(try DueRun.run(["letters", "--as-of", "2026-11-16", ledger]).status == 0)
        let first = try DueRun.run(["sent", "--as-of", "2026-11-18", ledger, letters + "superseded/2026-11-10-kiln-reminder.md"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try read(ledger)
        let draft = letters + "2026-11-16-kiln-reminder.md"
        let entry = "2026-11-16 letter kiln reminder\n  invoices  K-1\n  channel   post\n  to        Priya Shah\n"
        let why = "drafted before the reminder of 2026-11-10 to kiln was recorded: with it in the ledger, on 2026-11-16 kiln no longer gets a reminder, so due cannot check this draft against the ledger; if it went as drafted, add its entry to \(ledger) by hand:\n" + entry
        let named = try DueRun.run(["sent", "--as-of", "2026-11-18", ledger, draft])
        #expect(named.status == 1)
        #expect(named.stderr == "due sent: \(draft): \(why)due sent: nothing recorded\n", "\(named.stderr)")
        #expect(try read(ledger) == before && FileSystem.exists(draft))
        let all = try DueRun.run(["sent", "--as-of", "2026-11-18", ledger, "--all"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("Skipped \(draft): \(why)"), "\(all.stdout)")
        #expect(!String(decoding: try read(ledger).dropFirst(before.count), as: UTF8.self).contains("letter kiln"))
        // Added as given, the entry checks and is canonical, and the draft is then recorded.
        try (String(decoding: try read(ledger), as: UTF8.self) + "\n" + entry).write(toFile: ledger, atomically: true, encoding: .utf8)
        #expect(try DueRun.run(["check", "--as-of", "2026-11-18", ledger]).status == 0)
        #expect(try DueRun.run(["fmt", "--check", ledger]).status == 0)
        let again = try DueRun.run(["sent", "--as-of", "2026-11-18", ledger, draft])
        #expect(again.stderr.contains("already recorded: the ledger has '2026-11-16 letter kiln reminder'"), "\(again.stderr)")
    }

    /// A week's drafts: the 16th's run moved those of the 10th to `superseded/`, and `--all`
    /// passed over them in silence, so one that went was never recorded. Now it names each that
    /// no letter stands for, after what it recorded, with what `due sent` would do with it:
    /// record it (quiet's: paid on the 12th, it gets no letter on the 16th), or give the entry
    /// to add by hand (kiln's and zoe's, their letters of the 16th now recorded).
    @Test func allNamesTheDraftsSetAsideAndHowToRecordEachIfItWent() throws {
        let (ledger, letters) = try draftLedger()
        try (String(decoding: try read(ledger), as: UTF8.self) + "\n2026-11-12 payment quiet 90.00\n  apply  Q-1\n").write(toFile: ledger, atomically: true, encoding: .utf8)
        #expect(try DueRun.run(["letters", "--as-of", "2026-11-16", ledger]).status == 0)
        let aside = letters + "superseded/"
        func byHand(_ client: String, _ entry: String) -> String {
            "Not recorded: \(aside)2026-11-10-\(client)-reminder.md, the reminder of 2026-11-10 to \(client), moved aside by a later run, never recorded; the ledger has a reminder to \(client) on 2026-11-16, after this draft's date: due records a letter only while none after it is recorded, as a draft a later letter replaced seldom went; if this one went too, add its entry to \(ledger) by hand (if not, delete the draft):\n2026-11-10 letter \(client) reminder\n" + entry
        }
        let kiln = byHand("kiln", "  invoices  K-1\n  channel   post\n  to        Priya Shah\n")
        let zoe = byHand("zoe", "  invoices  Z-1\n  channel   email\n  to        Zoë Müller <zoe@mueller.example>\n")
        let quiet = "Not recorded: \(aside)2026-11-10-quiet-reminder.md, the reminder of 2026-11-10 to quiet, moved aside by a later run, never recorded; if it went, record it with 'due sent \(ledger) \(aside)2026-11-10-quiet-reminder.md'\n"
        let all = try DueRun.run(["sent", "--as-of", "2026-11-16", ledger, "--all"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.hasPrefix("Recorded in \(ledger):\n  2026-11-16 letter kiln reminder (post)\n  2026-11-16 letter zoe reminder (email)\nMoved 2 drafts to "), "\(all.stdout)")
        #expect(all.stdout.hasSuffix("sent/\n" + kiln + quiet + zoe), "\(all.stdout)")
        // Named, quiet's is recorded, and is named no more.
        let named = try DueRun.run(["sent", "--as-of", "2026-11-16", ledger, aside + "2026-11-10-quiet-reminder.md"])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(try String(contentsOfFile: ledger, encoding: .utf8).hasSuffix("2026-11-10 letter quiet reminder\n  invoices  Q-1\n  channel   post\n  to        Quiet Ltd\n"))
        let again = try DueRun.run(["sent", "--as-of", "2026-11-16", ledger, "--all"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == "No drafts to record.\n" + kiln + zoe, "\(again.stdout)")
    }

    @Test func aLedgerWithoutALastLineEndGetsOneAndNothingElseChanges() throws {
        let (ledger, letters) = try draftLedger()
        var bytes = try read(ledger)
        while bytes.last == 0x0A { bytes.removeLast() }
        try Data(bytes).write(to: URL(fileURLWithPath: ledger))
        #expect(try DueRun.run(["sent", ledger, letters + "2026-11-10-quiet-reminder.md"]).status == 0)
        let after = try read(ledger)
        #expect(Array(after.prefix(bytes.count)) == bytes)
        #expect(String(decoding: after.dropFirst(bytes.count), as: UTF8.self).hasPrefix("\n\n2026-11-10 letter quiet reminder\n"))
    }

    /// A draft edited so that its `due-letter` line is gone cannot be recorded by `due sent`:
    /// `due letters` says so instead of calling it ready to send, today and on later runs.
    @Test func anEditedDraftWithoutItsDueLetterLineIsSaidNotRecordable() throws {
        let (ledger, letters) = try draftLedger()
        let edited = letters + "2026-11-10-kiln-reminder.md"
        let text = try String(contentsOfFile: edited, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("<!-- due-letter:") }.joined(separator: "\n").replacingOccurrences(of: "Dear ", with: "Hello, ")
        try text.write(toFile: edited, atomically: true, encoding: .utf8)
        let today = try DueRun.run(["letters", "--as-of", "2026-11-10", ledger])
        #expect(today.status == 0, "\(today.stderr)")
        #expect(today.stdout.contains("'due sent' cannot record it: its '<!-- due-letter: … -->' line is gone"), "\(today.stdout)")
        #expect(!today.stdout.contains("to send: 2026-11-10-kiln-reminder"), "\(today.stdout)")
        let later = try DueRun.run(["letters", "--as-of", "2026-11-11", ledger])
        #expect(later.stdout.contains("kept \(edited): an earlier draft you edited; 'due sent' cannot record it"), "\(later.stdout)")
    }

    @Test func laterRunsRemoveUntouchedDraftsAndKeepEditedOnes() throws {
        let (ledger, letters) = try draftLedger()
        let edited = letters + "2026-11-10-kiln-reminder.md"
        let text = try String(contentsOfFile: edited, encoding: .utf8).replacingOccurrences(of: "Dear ", with: "Hello again, ")
        try text.write(toFile: edited, atomically: true, encoding: .utf8)
        let r = try DueRun.run(["letters", "--as-of", "2026-11-11", ledger])
        #expect(r.status == 0)
        #expect(r.stdout.contains("moved \(letters)2026-11-10-zoe-reminder.md to superseded/: a newer draft replaces it; if you sent it, record it with 'due sent \(ledger) \(letters)superseded/2026-11-10-zoe-reminder.md'"), "\(r.stdout)")
        #expect(r.stdout.contains("kept \(letters)2026-11-10-kiln-reminder.md"))
        let names = try FileManager.default.contentsOfDirectory(atPath: letters).sorted()
        #expect(!names.contains { $0.hasPrefix("2026-11-10-zoe") || $0.hasPrefix("2026-11-10-quiet") })
        #expect(names.contains("2026-11-10-kiln-reminder.md") && names.contains("2026-11-10-kiln-reminder.html"))
        #expect(try String(contentsOfFile: letters + "2026-11-10-kiln-reminder.html", encoding: .utf8).contains("Hello again, Priya"))
        // The newest draft of kiln's, recorded by name, overtakes the edited one.
        let newest = try DueRun.run(["sent", ledger, letters + "2026-11-11-kiln-reminder.md"])
        #expect(newest.status == 0, "\(newest.stderr)")
        #expect(newest.stdout.contains("2026-11-11 letter kiln reminder"))
        // The edited draft has a letter after it now: named, it is refused, with the entry to
        // add by hand should it have gone too; --all passes over it with the same words.
        let before = try read(ledger)
        let named = try DueRun.run(["sent", ledger, edited])
        #expect(named.status == 1)
        let why = "the ledger has a reminder to kiln on 2026-11-11, after this draft's date: due records a letter only while none after it is recorded, as a draft a later letter replaced seldom went; if this one went too, add its entry to \(ledger) by hand (if not, delete the draft):\n2026-11-10 letter kiln reminder\n  invoices  K-1\n  channel   post\n  to        Priya Shah\n"
        #expect(named.stderr == "due sent: \(edited): \(why)due sent: nothing recorded\n", "\(named.stderr)")
        #expect(try read(ledger) == before)
        let later = try DueRun.run(["sent", ledger, "--all"])
        #expect(later.status == 0, "\(later.stderr)")
        #expect(later.stdout.contains("Skipped \(edited): \(why)"), "\(later.stdout)")
    }

    /// An earlier draft recorded after a later one was made (the edited reminder of the 10th,
    /// sent, beside the untouched one of the 11th): the next run has no letter to write, and
    /// says that it removed the later one rather than removing it silently.
    @Test func aRunWithNoLetterDueSaysWhatItRemoved() throws {
        let (ledger, letters) = try draftLedger()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: ledger))
        handle.seekToEndOfFile()
        handle.write(Data("""

            2026-11-10 letter zoe reminder
              invoices Z-1
            2026-11-10 letter kiln reminder
              invoices K-1
            2026-11-10 letter quiet reminder
              invoices Q-1

            """.utf8))
        try handle.close()
        let r = try DueRun.run(["letters", "--as-of", "2026-11-10", ledger])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("No letters due on 2026-11-10.\n"), "\(r.stdout)")
        #expect(r.stdout.contains("moved \(letters)2026-11-10-zoe-reminder.md to superseded/: already recorded: the ledger has '2026-11-10 letter zoe reminder'\n"), "\(r.stdout)")
        #expect(r.stdout.contains("moved \(letters)2026-11-10-kiln-reminder.md to superseded/: already recorded: the ledger has '2026-11-10 letter kiln reminder'\n"), "\(r.stdout)")
        #expect(!r.stdout.contains("never sent"))
        #expect(!FileManager.default.fileExists(atPath: letters + "2026-11-10-zoe-reminder.md"))
        #expect(FileManager.default.fileExists(atPath: letters + "superseded/2026-11-10-zoe-reminder.md"))
    }

    /// The README's loop on the studio sample for three days: report, then `sent --all`.
    @Test func threeDaysOfTheLoopOnTheStudioSample() throws {
        let dir = try temporaryDirectory()
        for f in ["studio.due", "studio-clients.due"] {
            try FileManager.default.copyItem(atPath: Repo.path("samples/\(f)"), toPath: dir + "/" + f)
        }
        let ledger = dir + "/studio.due"
        let original = try read(ledger)
        var recorded = 0
        for day in ["2026-11-20", "2026-11-21", "2026-11-22"] {
            #expect(try DueRun.run(["report", "--as-of", day, ledger]).status == 0)
            let s = try DueRun.run(["sent", ledger, "--all"])
            #expect(s.status == 0, "\(day): \(s.stderr)")
            recorded += s.stdout.components(separatedBy: " letter ").count - 1
            #expect(try DueRun.run(["check", "--as-of", day, ledger]).status == 0)
            // Nothing left to send: every draft was recorded and moved.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/studio.letters") == ["sent"])
        }
        #expect(recorded == 5)
        let after = try read(ledger)
        #expect(Array(after.prefix(original.count)) == original)
        // What was added is letter entries and nothing else.
        let added = String(decoding: after.dropFirst(original.count), as: UTF8.self)
        for line in added.split(separator: "\n") {
            #expect(line.contains(" letter ") || line.hasPrefix("  invoices  ") || line.hasPrefix("  channel  ") || line.hasPrefix("  to  "), "\(line)")
        }
        #expect(added.components(separatedBy: " letter ").count - 1 == 5)
        #expect(try DueRun.run(["fmt", "--check", ledger]).status == 0)
    }

    @Test func channelFollowsTheEmailAndTheClientsPreference() {
        var c = Client(id: "a", name: "A", anchor: .none)
        #expect(SentJob.channel(client: c, emailMade: false) == "post")
        #expect(SentJob.channel(client: c, emailMade: true) == "email")
        c.channel = "post"
        #expect(SentJob.channel(client: c, emailMade: true) == "post")
        c.channel = "Email, then a call"
        #expect(SentJob.channel(client: c, emailMade: true) == "email")
    }
}

@Suite struct SentFileTests {
    @Test func aPrivateLedgerStaysPrivateAndASymlinkStaysALink() throws {
        let ledger = try LoopLedger.make()
        let dir = FileSystem.directory(of: ledger)
        // The ledger lives elsewhere; the folder holds a link to it.
        let real = try temporaryDirectory() + "/real.due"
        try FileManager.default.moveItem(atPath: ledger, toPath: real)
        try FileManager.default.createSymbolicLink(atPath: ledger, withDestinationPath: real)
        chmod(real, 0o600)
        #expect(try DueRun.run(["letters", "--as-of", "2026-11-10", ledger]).status == 0)
        let r = try DueRun.run(["sent", ledger, dir + "/loop.letters/2026-11-10-quiet-reminder.md"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: ledger) == real)
        #expect(try String(contentsOfFile: real, encoding: .utf8).hasSuffix("2026-11-10 letter quiet reminder\n  invoices  Q-1\n  channel   post\n  to        Quiet Ltd\n"))
        var st = stat()
        #expect(stat(real, &st) == 0 && st.st_mode & 0o777 == 0o600)
    }
}
