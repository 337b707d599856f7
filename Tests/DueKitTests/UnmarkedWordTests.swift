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

    private func promise(_ said: String) -> String? { UnmarkedWordRule.promise(in: SaidClause.clauses(said)).map { String($0.text) } }

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
        ]
        for s in said { #expect(promise(s) != nil, "\(s)") }
        #expect(promise("spoke to Hana, will pay Fri") == "will pay Fri")
        #expect(promise("Gus cross abt delays, we agreed 100 off S-208, rest by end of nxt wk") == "rest by end of nxt wk")
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
