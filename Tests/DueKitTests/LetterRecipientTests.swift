import Testing
@testable import DueKit

/// A letter's `to` line (3.11), which `due sent` writes: who it went to, so a later change of
/// the client's contact or address leaves a trace, and a demand's history names the person
/// an earlier letter went to when it is not who letters go to now.
@Suite struct LetterRecipientTests {
    /// Jane Doe had the reminder and the follow-ups; the contact is now Sam Quinn, who had the
    /// final notice.
    static let ledger = """
        settings
          currency  GBP

        sender Test Studio Ltd
          contact  Sam Lee
          email    sam@studio.example
          bank     Sort code 11-22-33, account 12345678

        client acme Acme Ltd
          contact  Sam Quinn
          email    ap@acme.example
          terms    net 30

        2026-01-05 invoice acme D-1
          total  1200.00

        2026-02-10 letter acme reminder
          invoices  D-1
          channel   email
          to        Jane Doe <jane@acme.example>

        2026-02-24 letter acme follow-up
          invoices  D-1
          channel   email
          to        Jane Doe <jane@acme.example>

        2026-03-10 letter acme follow-up
          invoices  D-1
          channel   post
          to        Sam Quinn

        2026-03-24 letter acme final
          invoices  D-1
          channel   email
          to        Sam Quinn <ap@acme.example>

        """

    func demandHistory(_ text: String) throws -> String {
        let r = load(text)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let day = Day.parse("2026-04-08")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .demand)
        return LetterFields.values(stage: .demand, choice: choice, story: story, ledger: r.ledger, sheet: sheet)["history"] ?? ""
    }

    /// Before: every letter named by its date and channel alone, '(email)', whoever had it.
    @Test func theDemandsHistorySaysWhoHadALetterSentToSomeoneElse() throws {
        let history = try demandHistory(Self.ledger)
        #expect(history.contains("- 10 February 2026: our reminder about D-1 (email to Jane Doe)\n"), "\(history)")
        #expect(history.contains("- 24 February 2026: our follow-up about D-1 (email to Jane Doe)\n"))
        // To the contact as now: nothing added.
        #expect(history.contains("- 10 March 2026: our follow-up about D-1 (post)\n"))
        #expect(history.contains("- 24 March 2026: our final notice about D-1 (email)"))
    }

    /// The same person at another address is named with the address it went to.
    @Test func aChangedAddressIsNamedWithThePerson() throws {
        let moved = Self.ledger.replacingOccurrences(of: "Jane Doe <jane@acme.example>", with: "Sam Quinn <sam@old.example>")
        let history = try demandHistory(moved)
        #expect(history.contains("- 10 February 2026: our reminder about D-1 (email to Sam Quinn at sam@old.example)\n"), "\(history)")
    }

    /// A ledger written before `to` lines stays valid, and its history is as it was.
    @Test func aLetterWithoutAToLineIsAsBefore() throws {
        let old = Self.ledger.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("  to ") }.joined(separator: "\n")
        let history = try demandHistory(old)
        #expect(history.contains("- 10 February 2026: our reminder about D-1 (email)\n"), "\(history)")
        #expect(!history.contains(" to "))
    }

    /// The letter the ledger gives on `day`, and its fields.
    func letter(_ text: String, on day: String) throws -> (stage: LetterStage, values: [String: String]) {
        let r = load(text)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(day)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let stage = try #require(choice.stage)
        return (stage, LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet))
    }

    /// The ledger up to its `n`th letter.
    func lettersUpTo(_ n: Int) -> String {
        let parts = Self.ledger.components(separatedBy: "\n\n")
        let letters = parts.indices.filter { parts[$0].contains(" letter acme ") }
        return parts[...letters[n - 1]].joined(separator: "\n\n") + "\n\n"
    }

    /// Before: the follow-up to Sam Quinn said 'Following my letter of 10 February 2026,
    /// invoice D-1 still shows …', though that letter went to Jane Doe, who may have left; a
    /// letter to whom letters go now is cited by its date alone, as before.
    @Test func aFollowUpSaysWhoHadTheLetterItCites() throws {
        let followUp = try letter(lettersUpTo(1), on: "2026-02-24")
        #expect(followUp.stage == .followUp)
        #expect(followUp.values["again"] == "Following my letter of 10 February 2026 to Jane Doe, invoice D-1 still shows 1,200.00 GBP open, now 20 days past its due date.")
        let toSam = lettersUpTo(1).replacingOccurrences(of: "Jane Doe <jane@acme.example>", with: "Sam Quinn <ap@acme.example>")
        #expect(try letter(toSam, on: "2026-02-24").values["again"] == "Following my letter of 10 February 2026, invoice D-1 still shows 1,200.00 GBP open, now 20 days past its due date.")
    }

    /// Before: the final notice said 'I have had no reply to my letters of 10 February 2026,
    /// 24 February 2026 and 10 March 2026', to Sam Quinn, who had only the last.
    @Test func aFinalNoticeSaysWhoHadTheLettersUnanswered() throws {
        let final = try letter(lettersUpTo(3), on: "2026-03-24")
        #expect(final.stage == .final)
        #expect(final.values["unanswered"] == "I have had no reply to my letters of 10 February 2026 to Jane Doe, 24 February 2026 to Jane Doe and 10 March 2026, and no payment has arrived since.", "\(final.values["unanswered"] ?? "")")
    }

    /// Every letter to Jane Doe: the contact is Sam Quinn now.
    static let allToJane = ledger.replacingOccurrences(of: "to        Sam Quinn <ap@acme.example>", with: "to        Jane Doe <jane@acme.example>")
        .replacingOccurrences(of: "channel   post\n  to        Sam Quinn", with: "channel   email\n  to        Jane Doe <jane@acme.example>")

    /// The ledger of `allToJane` up to its `n`th letter, then `more`.
    func toJane(upTo n: Int, then more: String = "") -> String {
        let parts = Self.allToJane.components(separatedBy: "\n\n")
        let letters = parts.indices.filter { parts[$0].contains(" letter acme ") }
        return parts[...letters[n - 1]].joined(separator: "\n\n") + "\n\n" + more
    }

    /// Before: a dispute acknowledgement to Sam Quinn said 'I last wrote to you on 10 February
    /// 2026 (a reminder about invoice D-1).', a letter Sam never had.
    @Test func aDisputeAcknowledgementSaysWhoItLastWroteTo() throws {
        let query = "2026-02-14 note acme email\n  said     the hours look wrong\n  dispute  D-1 hours billed twice\n\n"
        let ack = try letter(toJane(upTo: 1, then: query), on: "2026-02-16")
        #expect(ack.stage == .dispute)
        #expect(ack.values["last.letter"] == "I last wrote to Jane Doe on 10 February 2026 (a reminder about invoice D-1).", "\(ack.values["last.letter"] ?? "")")
        // To whom letters go now: "to you", as before.
        let toSam = toJane(upTo: 1, then: query).replacingOccurrences(of: "Jane Doe <jane@acme.example>", with: "Sam Quinn <ap@acme.example>")
        #expect(try letter(toSam, on: "2026-02-16").values["last.letter"] == "I last wrote to you on 10 February 2026 (a reminder about invoice D-1).")
    }

    /// Before: a final notice restated after the client's call began 'My final notice of 24
    /// March 2026 still stands', to Sam Quinn, who had not had it.
    @Test func aFinalNoticeRestatedSaysWhoHadIt() throws {
        let call = "2026-03-27 note acme call\n  said  will check with finance\n\n"
        let final = try letter(toJane(upTo: 4, then: call), on: "2026-04-15")
        #expect(final.stage == .final)
        let said = final.values.values.filter { $0.contains("My final notice of") }
        #expect(said.contains { $0.contains("My final notice of 24 March 2026 to Jane Doe still stands: today 1,200.00 GBP remains to be paid on invoice D-1, 70 days past its due date.") }, "\(said)")
    }

    /// Before: a follow-up counting letters answered but unpaid said 'counting from my letter
    /// of 10 February 2026', to Sam Quinn, who had had none of them.
    @Test func aFollowUpCountingLettersSaysWhoHadTheFirst() throws {
        let text = toJane(upTo: 1) + """
            2026-02-12 note acme call
              said  will look into it

            2026-02-26 letter acme follow-up
              invoices  D-1
              channel   email
              to        Jane Doe <jane@acme.example>

            2026-02-28 note acme call
              said  checking with finance

            2026-03-26 letter acme follow-up
              invoices  D-1
              channel   email
              to        Jane Doe <jane@acme.example>

            """
        let followUp = try letter(text, on: "2026-04-09")
        #expect(followUp.stage == .followUp)
        #expect(followUp.values["follow-up.note"]?.hasPrefix("This is my fourth letter about this, counting from my letter of 10 February 2026 to Jane Doe, and no payment towards invoice D-1 has come in that time") == true, "\(followUp.values["follow-up.note"] ?? "")")
    }

    /// The line is read, kept in its place by `fmt`, and found again from the file.
    @Test func theLineIsReadAndFormatted() throws {
        let r = load(Self.ledger)
        #expect(r.diagnostics.isEmpty)
        #expect(r.ledger.letters.map { $0.recipient(in: r.ledger.files) } == ["Jane Doe <jane@acme.example>", "Jane Doe <jane@acme.example>", "Sam Quinn", "Sam Quinn <ap@acme.example>"])
        #expect(EntryKind.letter.details == [.invoices, .channel, .to])
        // Written out of order and unaligned, fmt puts it last and aligns it.
        let messy = Self.ledger.replacingOccurrences(of: "2026-03-24 letter acme final\n  invoices  D-1\n  channel   email\n  to        Sam Quinn <ap@acme.example>\n", with: "2026-03-24 letter acme final\n  to Sam Quinn <ap@acme.example>\n  invoices  D-1\n  channel   email\n")
        #expect(messy != Self.ledger)
        #expect(String(decoding: LedgerFormatter.format(Array(messy.utf8)), as: UTF8.self) == Self.ledger)
    }

    /// What `due sent` records: by email, the addresses with their names as the email's `To`
    /// has them; by post, the person it is for.
    @Test func theRecipientIsWhoTheLetterGoesTo() {
        var c = Client(id: "acme", name: "Acme Ltd", anchor: EntryAnchor(file: 0, offset: 0))
        #expect(SentJob.recipient(client: c, channel: "email") == "Acme Ltd")
        c.contact = "Sam Quinn"
        c.email = "ap@acme.example, Accounts <accounts@acme.example>"
        #expect(SentJob.recipient(client: c, channel: "email") == "Sam Quinn <ap@acme.example>, Accounts <accounts@acme.example>")
        #expect(SentJob.recipient(client: c, channel: "post") == "Sam Quinn")
    }

    /// Jane Doe, the contact then, promised the 1,200.00 after the reminder; the contact is now
    /// Sam Quinn.
    static func promised(with person: String) -> String {
        """
        settings
          currency  GBP

        sender Test Studio Ltd
          contact  Sam Lee
          email    sam@studio.example
          bank     Sort code 11-22-33, account 12345678

        client acme Acme Ltd
          contact   Sam Quinn
          greeting  Sam
          email     ap@acme.example
          terms     net 30

        2026-01-05 invoice acme D-1
          total  1200.00

        2026-02-10 letter acme reminder
          invoices  D-1
          channel   email
          to        Jane Doe <jane@acme.example>

        2026-02-12 note acme call
          with     \(person)
          promise  2026-02-20 1,200.00

        2026-02-23 payment acme 500.00

        """
    }

    func promiseSentences(with person: String) throws -> (broken: String?, recalled: String) {
        let r = load(Self.promised(with: person))
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-02-25")!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .followUp)
        let promise = try #require(choice.promise)
        let v = LetterFields.values(stage: .followUp, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return (v["promise.broken"], LetterFields.promiseRecalled(promise, returned: [], story: story, files: r.ledger.files))
    }

    /// What the old contact promised is theirs, not the new contact's word: before, Sam Quinn
    /// read "On 12 February 2026 you told us to expect …" of Jane Doe's call (and "Of the
    /// 1,200.00 GBP you told us on …" when a later letter recalled it).
    @Test func aPromiseTheOldContactMadeIsTheirs() throws {
        let s = try promiseSentences(with: "Jane Doe")
        #expect(s.broken == "On 12 February 2026 Jane Doe told us to expect a payment of 1,200.00 GBP by 20 February 2026. Nothing had reached us by then; thank you for the 500.00 GBP that has arrived since. The remaining 700.00 GBP has not reached us.")
        #expect(s.recalled == "Of the 1,200.00 GBP Jane Doe told us on 12 February 2026 to expect by 20 February 2026, 500.00 GBP has arrived; the remaining 700.00 GBP has not.")
    }

    /// The contact, by full name, part of it or the greeting, is `you`, as is a note with
    /// them and another; so is someone our letters never went to, whose name is known only
    /// from the note and stays private (7.3): their word is the client's.
    @Test func aPromiseTheContactMadeIsTheReadersOwn() throws {
        for person in ["Sam Quinn", "sam quinn", "Sam", "Jane Doe and Sam Quinn", "Daniel Okafor"] {
            let s = try promiseSentences(with: person)
            #expect(s.recalled == "Of the 1,200.00 GBP you told us on 12 February 2026 to expect by 20 February 2026, 500.00 GBP has arrived; the remaining 700.00 GBP has not.", "\(person)")
        }
    }
}
