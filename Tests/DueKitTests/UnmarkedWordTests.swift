import Testing
@testable import DueKit

/// A note's `said` text is for the reader; its `promise` and `dispute` lines make the letters
/// act (grammar.md §3.9). A `said` line that records the client's promise to pay with no
/// `promise` line is warned of (W431).
@Suite struct UnmarkedWordTests {
    static let header = """
        settings
          currency GBP

        client verity Verity Print Ltd
          contact Priya Nair
          terms net 30

        2026-04-20 invoice verity S-241
          item  Design hours  12 x 65.00

        2026-05-02 invoice verity S-260
          item  Logo refresh  1 x 850.00

        """

    private func check(_ text: String) -> [Diagnostic] {
        Checker.check(LedgerLoader.load(bytes: Array((Self.header + text).utf8), path: "t.due"), asOf: Day(year: 2026, month: 8, day: 1)!)
            .filter { $0.code == "W431" }
    }

    private func promise(_ said: String) -> String? {
        var text = SaidText()
        return promise(said, reading: &text)
    }

    /// Read as the rule reads it: over the text's bytes, in room kept from note to note.
    private func promise(_ said: String, reading text: inout SaidText) -> String? {
        Array(said.utf8).withUnsafeBufferPointer { b in
            text.read(b)
            return text.promise().map { text.text(of: $0, in: b) }
        }
    }

    /// Before: "spoke to Hana, will pay Fri" with no `promise` line passed, and no letter waited
    /// for the Friday nor named the promise when it was broken.
    @Test func aPromiseWrittenOnlyInWordsIsWarnedOf() throws {
        let d = check("2026-06-10 note verity call\n  said  spoke to Priya, will pay Fri\n")
        #expect(d.map(\.code) == ["W431"])
        let w = try #require(d.first)
        #expect(w.message == "this note says they will pay (\"will pay Fri\") but has no `promise` line")
        #expect(w.hint == "add `promise DATE [AMOUNT]` so letters wait for it and name it if it is broken")
        #expect(check("2026-06-10 note verity call\n  said  spoke to Priya, will pay Fri\n  promise 2026-06-12\n").isEmpty)
        // Our attempt no one answered records none of their word.
        #expect(check("2026-06-10 note verity call\n  said  will pay Fri\n  no-answer\n").isEmpty)
    }

    @Test func everydayWordingsOfAPromiseAreWarnedOf() {
        let said = [
            "spoke to Hana, will pay Fri", "promised 1.5k by end of month", "Gus cross abt delays, we agreed 100 off S-208, rest by end of nxt wk",
            "Promissed payment by the 28th", "says pmt on its way", "cheque in the post", "paying on the 28th", "will pay Friday", "pay fri",
            "she'll pay eom", "sending it today", "Ann says they're going to pay next week", "can pay £500 tomorrow", "AP will transfer by 15/7",
            "agreed to pay by end of the month", "pymt tmrw", "will settle up by eow", "promised to pay by Fri", "they'll be paying this wk",
            "it's in the post", "will be paid on 30th", "wil pay 2k tues", "£750 on 3 July",
            "pays on the 30th per Kim", "we'll transfer Monday", "Will Pay FRI", "she’ll pay EOM", "“cheque in the post”", "€1,200 by 15/07/2026",
        ]
        for s in said { #expect(promise(s) != nil, "\(s)") }
        #expect(promise("spoke to Hana, will pay Fri") == "will pay Fri")
        #expect(promise("Gus cross abt delays, we agreed 100 off S-208, rest by end of nxt wk") == "rest by end of nxt wk")
        #expect(promise("spoke to Kim — pays on the 30th per Kim.") == "pays on the 30th per Kim")
    }

    /// Before: "pays on the 30th per Kim" and "we'll transfer Monday" (the client's words as
    /// they said them) passed with no `promise` line: "pays" was no word of paying, and a
    /// clause starting with "we" was ours.
    @Test func aPromiseInTheClientsOwnWordsIsWarnedOf() throws {
        let d = check("2026-06-10 note verity call\n  said  we'll transfer Monday\n")
        #expect(d.first?.message == "this note says they will pay (\"we'll transfer Monday\") but has no `promise` line")
        #expect(check("2026-06-10 note verity call\n  said  pays on the 30th per Kim\n").first?.message == "this note says they will pay (\"pays on the 30th per Kim\") but has no `promise` line")
        // Ours all the same: a refund or a credit, what we asked, what we will do.
        #expect(promise("we'll transfer the credit to S-260") == nil)
        #expect(promise("I'll pay the refund Fri") == nil)
        #expect(promise("we asked them to transfer Monday") == nil)
    }

    /// Before: "transfer sent today apparently" was read as a promise (a transfer and a day);
    /// it says the money was sent. And paying in parts, "1/2 now 1/2 next month", is a
    /// promise of a plan, which a `plan` records: no `promise` line is asked for.
    @Test func moneySentAndPaymentInPartsAreNotWarnedOf() {
        for s in ["transfer sent today apparently", "paid by mistake to old account", "sent the payment Fri", "AP transferred it yesterday", "wired the rest on the 28th",
                  "1/2 now 1/2 next month", "will pay 1/2 now and 1/2 next month", "can pay 1/3 now, rest by eom"] {
            #expect(promise(s) == nil, "\(s)")
        }
        // Still a promise: money to be sent, and "1/2" as a day.
        #expect(promise("transfer will be sent Fri") == "transfer will be sent Fri")
        #expect(promise("will pay 1/2") == "will pay 1/2")
        #expect(check("2026-06-10 note verity call\n  said  transfer sent today apparently\n").isEmpty)
        #expect(check("2026-06-10 note verity call\n  said  1/2 now 1/2 next month\n").isEmpty)
    }

    /// The room the words are read into is kept from note to note: what one note said is not
    /// read into the next.
    @Test func eachNoteIsReadAfresh() {
        var text = SaidText()
        #expect(promise("spoke to Hana at length about the project and the invoices, will pay Fri", reading: &text) == "will pay Fri")
        #expect(promise("monthly", reading: &text) == nil)
        #expect(promise("will pay Fri", reading: &text) == "will pay Fri")
        #expect(promise("1/2 now", reading: &text) == nil)
        #expect(promise("pay Fri", reading: &text) == "pay Fri")
        #expect(promise("asked?", reading: &text) == nil)
        #expect(promise("", reading: &text) == nil)
    }

    @Test func whatIsNoPromiseOfTheirsIsNotWarnedOf() {
        let said = [
            "said they can't pay", "we promised to resend the invoice", "will not pay until fixed", "won't pay till the logo is redone",
            "chased, Gus says its approved", "Jon says AP run is 25th", "they pay in round sums monthly, dont allocate - ok",
            "cash tight over winter, can do monthly on the 1st", "asked them to pay by Fri", "told her we need pmt by eom", "might pay Fri",
            "will pay once the PO is approved", "says they paid last week", "already sent it", "promised to call back tomorrow",
            "will pay?", "pmt due fri", "broke their promise again", "will pay half now and the rest in early December",
            "Their accounts team pays us quarterly now, so 2025-011 will go with the next invoice in one transfer.", "I'll call Fri",
            "hoping to pay by end of month", "invoice approved, in next payment run", "no pmt until March", "discussed payment today", "sat down with Ann to go through the balance",
        ]
        for s in said { #expect(promise(s) == nil, "\(s)") }
        // With nothing open on the note's day, there is nothing to promise.
        #expect(check("2026-04-01 note verity call\n  said  will pay Fri\n").isEmpty)
    }
}
