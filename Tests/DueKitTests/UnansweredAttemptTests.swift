import Testing
@testable import DueKit

/// A call no one answered is our attempt, not the client's reply (grammar.md §3.9): a note
/// marked `no-answer` is never thanked for, does not answer a letter, and a demand's history
/// lists it as ours. A plain contact note whose `said` line says no one answered is warned of
/// (W427), and a `no-answer` note that records the client's word (W428).
@Suite struct UnansweredAttemptTests {
    static let header = """
        settings
          currency GBP
          courtesy off

        sender Oak & Ash Design Ltd
          contact Sam Reed
          bank Sort code 20-11-22, account 12345678

        client acorn Acorn Dental Ltd
          contact Ann Acornson
          greeting Ann
          terms net 30

        2026-04-14 invoice acorn INV-0002
          total 1,500.00

        """

    private func letter(_ text: String, asOf: String) throws -> (choice: StageChoice, values: [String: String], text: String) {
        let r = load(Self.header + text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let stage = try #require(choice.stage)
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return (choice, values, TemplateSet().template(for: stage).render(values))
    }

    private func check(_ text: String) -> [Diagnostic] {
        Checker.check(LedgerLoader.load(bytes: Array((Self.header + text).utf8), path: "t.due"), asOf: Day(year: 2026, month: 8, day: 1)!)
    }

    /// Before: "Thank you for taking the time to talk on 5 July 2026." for a voicemail.
    @Test func aCallNoOneAnsweredIsNotThankedFor() throws {
        let d = try letter("""
            2026-07-05 note acorn call
              said left voicemail for Ann
              no-answer

            """, asOf: "2026-08-01")
        #expect(d.choice.stage == .reminder)
        #expect(d.values["last.contact"] == nil)
        #expect(!d.text.contains("Thank you"), "\(d.text)")
        // Answered, the same call is thanked for.
        let answered = try letter("2026-07-05 note acorn call\n  said Ann will look into it\n", asOf: "2026-08-01")
        #expect(answered.values["last.contact"] == "Thank you for taking the time to talk on 5 July 2026.")
    }

    /// Before: the call after the follow-up was the client's reply, and the final notice waited
    /// on it; now the follow-up stands unanswered, and the demand's history lists our attempts.
    @Test func anAttemptDoesNotAnswerALetterAndTheDemandListsIt() throws {
        let ladder = """
            2026-05-20 letter acorn reminder
              invoices INV-0002
            2026-06-03 letter acorn follow-up
              invoices INV-0002
            2026-06-10 note acorn call
              said left voicemail for Ann
              no-answer
            2026-06-17 letter acorn follow-up
              invoices INV-0002
            2026-06-20 note acorn email
              said chased again
              no-answer
            2026-07-01 letter acorn final
              invoices INV-0002

            """
        let d = try letter(ladder, asOf: "2026-07-20")
        #expect(d.choice.stage == .demand)
        #expect(d.values["unanswered"]?.hasPrefix("I have had no reply to my reminder of 20 May 2026, follow-ups of 3 June 2026 and 17 June 2026 or final notice of 1 July 2026") == true, "\(d.values["unanswered"] ?? "")")
        #expect(d.values["history"] == """
            - 20 May 2026: our reminder about INV-0002
            - 3 June 2026: our follow-up about INV-0002
            - 10 June 2026: a call to you, unanswered
            - 17 June 2026: our follow-up about INV-0002
            - 20 June 2026: an email to you, unanswered
            - 1 July 2026: our final notice about INV-0002
            """)
    }

    @Test func aVoicemailWrittenAsAReplyIsWarnedOf() throws {
        let d = check("2026-07-05 note acorn call\n  said left voicemail, no answer\n")
        #expect(d.map(\.code) == ["W427"])
        let w = try #require(d.first)
        #expect(w.message == "this note says no one answered, but a note records the client's reply: letters would thank them for it")
        #expect(w.hint == "add a `no-answer` line to the note: it then records our attempt, not a reply")
        // Marked, it is not.
        #expect(check("2026-07-05 note acorn call\n  said left voicemail, no answer\n  no-answer\n").isEmpty)
    }

    @Test func onlyWhatPlainlySaysNoOneAnsweredIsWarnedOf() {
        for said in ["left voicemail, no answer", "No answer", "Called Ann - no reply", "went to voicemail", "Left a message with reception.", "rang twice; not answered", "left vm"] {
            #expect(UnansweredNoteRule.saysNoOneAnswered(said), "\(said)")
        }
        for said in ["they said they'd leave a message", "No answer from their bank yet", "Ann left a message: paying Friday", "left a message saying she'd pay on Friday",
                     "Voicemail from Ann: paying Friday", "Invoice is with their finance team", "no answer yet on the PO from finance"] {
            #expect(!UnansweredNoteRule.saysNoOneAnswered(said), "\(said)")
        }
        // The client's word in the note shows someone answered.
        #expect(check("2026-07-05 note acorn call\n  said left voicemail, no answer\n  promise 2026-07-20\n").isEmpty)
    }

    /// Before: these everyday wordings were not warned of, and the next letter thanked the
    /// client "for taking the time to talk on 21 September 2026" after "left msg w/ reception".
    @Test func everydayWordingsForNoOneAnsweredAreWarnedOf() {
        for said in ["left msg w/ reception", "left msg", "left a msg", "no reply to email", "no reply to my email", "no response to email",
                     "called, went to vm", "voicemail again", "no-one answered", "no one answered", "no answer x2", "didnt answer", "didn't answer",
                     "Didn’t answer", "rang, nobody picked up", "phone rang out", "emailed twice, nothing back", "no reply yet", "No answer 3x"] {
            #expect(UnansweredNoteRule.saysNoOneAnswered(said), "\(said)")
        }
        for said in ["no answer from their bank yet, Ann says they sent it", "Ann will leave a message w/ AP", "Ann - no reply needed, all fine",
                     "Ann not answering emails but replied on LinkedIn, will pay fri", "AP on holiday til 3rd", "says cheque in post", "pls resend inv 1043",
                     "left a message saying she'd pay", "no reply to email from their bank yet", "x2", "again"] {
            #expect(!UnansweredNoteRule.saysNoOneAnswered(said), "\(said)")
        }
        #expect(check("2026-07-05 note acorn call\n  said left msg w/ reception\n").map(\.code) == ["W427"])
    }

    /// Before: these shorthands were not warned of, and the next letter thanked the client "for
    /// taking the time to talk" after "lft vm" or "line engaged", or for their email after "OOO".
    @Test func shorthandForNoOneAnsweredIsWarnedOf() {
        for said in ["lft vm", "Lft VM for Ann", "lft msg w/ reception", "LVM", "tried again, no joy", "No joy x2",
                     "line engaged", "called twice - engaged tone", "got the engaged tone again", "rang, engaged",
                     "OOO", "emailed, got OOO", "out of office reply", "got an out of office reply", "Out-of-office reply", "got an automatic reply",
                     "email bounced back", "bounced back", "My email bounced", "emails bounced"] {
            #expect(UnansweredNoteRule.saysNoOneAnswered(said), "\(said)")
        }
        // Someone answered: a promise, the client's news, a payment come back, a colleague's word.
        for said in ["no joy with the bank yet, will pay Friday", "Ann says no joy from their bank", "cheque bounced back, Ann will send a transfer", "payment bounced",
                     "Ann OOO til Monday, AP will pay Friday", "reception said Ann is out of office until the 3rd", "engaged a new bookkeeper, invoices going out Friday",
                     "lft vm saying she'd pay Friday"] {
            #expect(!UnansweredNoteRule.saysNoOneAnswered(said), "\(said)")
        }
        #expect(check("2026-07-05 note acorn call\n  said lft vm\n").map(\.code) == ["W427"])
        #expect(check("2026-07-05 note acorn email\n  said out of office reply\n").map(\.code) == ["W427"])
        // Not W427: the client answered. Their word to pay, with no `promise` line, is W431's.
        #expect(check("2026-07-05 note acorn call\n  said no joy with the bank yet, will pay Friday\n").map(\.code) == ["W431"])
    }

    /// Before: "left a message saying we'd resend the invoice" was read as perhaps the client's
    /// words, and passed: it is our message, and the client said nothing.
    @Test func aMessageWeLeftSayingWhatWeWillDoIsWarnedOf() {
        for said in ["left a message saying we'd resend the invoice", "Left msg saying I'll call back tomorrow", "left a voicemail saying that we will send a statement",
                     "left vm saying I’d ring again on Monday"] {
            #expect(UnansweredNoteRule.saysNoOneAnswered(said), "\(said)")
        }
        for said in ["left a message saying she'd pay", "left a message saying they will pay on Friday", "left a message saying the invoice was approved", "left a message saying"] {
            #expect(!UnansweredNoteRule.saysNoOneAnswered(said), "\(said)")
        }
        #expect(check("2026-07-05 note acorn call\n  said left a message saying we'd resend the invoice\n").map(\.code) == ["W427"])
    }

    @Test func aNoAnswerNoteWithTheClientsWordIsWarnedOf() throws {
        let d = check("2026-07-05 note acorn call\n  no-answer\n  promise 2026-07-20\n")
        #expect(d.map(\.code) == ["W428"])
        #expect(d.first?.message == "a note marked `no-answer` records a call no one answered, but also the client's `promise`")
        #expect(d.first?.hint == "if the client answered, take out `no-answer`; if you learned this elsewhere, write it in a note for the file (`note acorn file`)")
        let mark = check("2026-07-05 note acorn call\n  no-answer please\n")
        #expect(mark.map(\.code) == ["E106"])
    }
}
