import Testing
@testable import DueKit

/// A note's `said` text is for the reader; its `promise` and `dispute` lines make the letters
/// act (grammar.md §3.9). A `said` line that records the client's promise to pay with no
/// `promise` line is warned of (W431), and one that records their dispute or query about an
/// invoice with no `dispute` line (W432).
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
            .filter { $0.code == "W431" || $0.code == "W432" }
    }

    private func promise(_ said: String) -> String? {
        var text = SaidText()
        return promise(said, reading: &text)
    }

    private func dispute(_ said: String) -> String? {
        var text = SaidText()
        return Array(said.utf8).withUnsafeBufferPointer { b in
            text.read(b)
            return text.dispute().map { text.text(of: $0, in: b) }
        }
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
        #expect(promise("we will send a payment reminder Fri") == nil)
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

    /// Before: "disputes hours on S-241" with no `dispute` line passed, and the follow-up of
    /// 14 June chased S-241 and opened "Thank you for taking the time to talk on 28 May 2026."
    @Test func aDisputeWrittenOnlyInWordsIsWarnedOfNamingTheInvoice() throws {
        let d = check("2026-05-28 note verity call\n  said  disputes hours on S-241\n")
        #expect(d.map(\.code) == ["W432"])
        let w = try #require(d.first)
        #expect(w.message == "this note says they dispute S-241 (\"disputes hours on S-241\") but has no `dispute` line")
        #expect(w.hint == "add `dispute S-241 REASON` so letters stop chasing it while it is open")
        #expect(check("2026-05-28 note verity call\n  said  disputes hours on S-241\n  dispute S-241 hours\n").isEmpty)
        // Naming none, the hint says to name it; naming two, both.
        #expect(check("2026-05-28 note verity email\n  said  Priya not happy with the logo\n").first?.message == "this note says they dispute an invoice (\"Priya not happy with the logo\") but has no `dispute` line")
        #expect(check("2026-05-28 note verity email\n  said  Priya not happy with the logo\n").first?.hint == "add `dispute INVOICE REASON` so letters stop chasing it while it is open")
        #expect(check("2026-05-28 note verity email\n  said  queried s-241 and S-260\n").first?.hint == "add `dispute S-241 REASON` and `dispute S-260 REASON` so letters stop chasing them while they are open")
    }

    @Test func aDisputeAlreadyMarkedOrAboutAPaidInvoiceIsNotWarnedOf() {
        // Still disputed: the earlier note's `dispute` line stands.
        #expect(check("2026-05-20 note verity email\n  dispute S-241 hours\n2026-05-28 note verity email\n  said  Priya disputes hours on S-241 still, sent timesheets\n").isEmpty)
        #expect(check("2026-05-20 note verity email\n  dispute S-241 hours\n2026-05-28 note verity email\n  said  still not happy with the hours\n").isEmpty)
        // Paid before the note: a complaint, not a dispute (W412).
        #expect(check("2026-05-10 payment verity 780.00\n  apply S-241\n2026-05-28 note verity email\n  said  queried hours on S-241\n").isEmpty)
    }

    @Test func everydayWordingsOfADisputeAreWarnedOf() {
        let said = [
            "disputes hours on S-241", "Priya queried the hours on S-241", "querying the rate", "says invoice wrong", "not happy with the logo",
            "never received the invoice", "says wrong amount", "says they were overcharged", "will not pay until fixed", "Dev dispted the hours on S-241",
            "inv total incorrect", "says hrs too high on S-241", "charged twice for the logo", "refuses to pay", "holding pmt until logo corrected",
            "unhappy with the work", "says never got inv", "complained about the fee", "qry re VAT on S-241", "wont pay till the amount is corrected",
        ]
        for s in said { #expect(dispute(s) != nil, "\(s)") }
        #expect(dispute("spoke to Dev, disputes hours on S-241") == "disputes hours on S-241")
    }

    @Test func whatIsNoDisputeOfTheirsIsNotWarnedOf() {
        let said = [
            "no dispute, will pay Fri", "we queried their remittance", "quick query re bank details", "says invoice never arrived, resent",
            "queried the hours, explained, happy now", "disputed hours, agreed 2hrs off", "we sent the wrong invoice", "sent to wrong email",
            "never received our reminder", "we never received payment", "I'm not happy with their delays", "said they can't pay",
            "will pay Fri", "asked if the invoice was wrong?", "invoice approved", "Dev happy with the work", "not disputing the hours",
            "query resolved", "can't pay until next month", "chased, Gus says its approved",
            "emailed a copy of INV-0000012 again, they had not received it; payment within 7 days",
        ]
        for s in said { #expect(dispute(s) == nil, "\(s)") }
    }

    /// Before: "will pay once K-3 is corrected" passed with no `dispute` line (and "once" kept
    /// it from being a promise): the next letter chased K-3, which the client holds back
    /// until it is put right. Now it is their query about K-3, named.
    @Test func payingHeldUntilAnInvoiceIsCorrectedIsADispute() throws {
        let k3 = "2026-05-10 invoice verity K-3\n  item  Prints  1 x 300.00\n\n"
        let d = check(k3 + "2026-06-10 note verity call\n  said  will pay once K-3 is corrected\n")
        #expect(d.map(\.code) == ["W432"])
        let w = try #require(d.first)
        #expect(w.message == "this note says they dispute K-3 (\"will pay once K-3 is corrected\") but has no `dispute` line")
        #expect(w.hint == "add `dispute K-3 REASON` so letters stop chasing it while it is open")
        // Not a promise as well, however it is put; "sorted" here is what they wait for, not the query answered.
        #expect(check(k3 + "2026-06-10 note verity call\n  said  will pay after K-3 is corrected\n").map(\.code) == ["W432"])
        #expect(dispute("will pay once K-3 is sorted") == "will pay once K-3 is sorted")
        #expect(dispute("will pay once the PO is approved") == nil)
    }

    /// Before (the first version): these were read as disputes. An invoice sent again with
    /// what was wrong put right is no query left open, and money paid by mistake is no query
    /// about an invoice.
    @Test func aCorrectedInvoiceResentOrMoneyPaidIsNoDispute() {
        #expect(dispute("wrong PO, resent w/ right PO") == nil)
        #expect(dispute("wrong PO on S-241, reissued") == nil)
        #expect(dispute("paid by mistake to old account") == nil)
        #expect(dispute("says they paid the wrong invoice") == nil)
        #expect(check("2026-06-10 note verity email\n  said  wrong PO, resent w/ right PO\n").isEmpty)
        #expect(check("2026-06-10 note verity email\n  said  paid by mistake to old account\n").isEmpty)
        // Not resent: the wrong PO holds the invoice.
        #expect(dispute("AP says wrong PO on S-241") == "AP says wrong PO on S-241")
    }
}
