import Testing
@testable import DueKit

/// A second payment of the same sum naming an invoice already paid in full (W434, grammar.md
/// §3.6 and §6.5): the money went to older invoices or on account and nothing said so.
@Suite struct RepeatPaymentTests {
    private func check(_ text: String, asOf: String = "2026-06-01") -> [Diagnostic] {
        var r = LedgerLoader.load(bytes: Array(text.utf8), path: "t.due")
        r.ledger.takeOutReturnedPayments(by: Day.parse(asOf)!)
        return Checker.check(r, asOf: Day.parse(asOf)!)
    }

    private func words(_ r: SourceRange, in text: String) -> String {
        String(decoding: Array(text.utf8)[Int(r.start)..<Int(r.end)], as: UTF8.self)
    }

    private let head = """
        settings
          currency GBP
        client acme Acme Ltd
        2026-04-01 invoice acme X-7
          total 1,200.00
        2026-04-10 invoice acme X-8
          total 800.00
        2026-05-02 payment acme 1,200.00
          ref   BACS X-7
          apply X-7

        """

    /// Before: nothing; the 1,200.00 paid X-8 and went on account unsaid.
    @Test func aRefNamingAnInvoicePaidByTheSameSumIsWarnedOf() throws {
        let text = head + "2026-05-20 payment acme 1,200.00\n  ref   X-7 ACME LTD\n"
        let d = check(text)
        #expect(d.map(\.code) == ["W434"])
        let w = try #require(d.first)
        #expect(w.message == "this payment of 1,200.00 GBP names invoice X-7, which was paid in full on 2026-05-02 by a payment of the same amount: paid twice?")
        #expect(w.hint == "with X-7 paid, its money went to invoice X-8 (800.00) and 400.00 was held on account; if they paid twice, pay it back (a `refund` entry) or `apply` it to another of their invoices, and note it with the client")
        #expect(words(w.range, in: text) == "X-7")
    }

    /// Before: W415, "the payment of 1,200.00 GBP is 1,200.00 more than invoice X-7 had open
    /// (0.00)", hinting at a mistyped amount; and W401 for an `apply` with the amount.
    @Test func anApplyLineNamingItIsToldAsPaidTwiceInPlaceOfW415AndW401() {
        let bare = check(head + "2026-05-20 payment acme 1,200.00\n  apply X-7\n")
        #expect(bare.map(\.code) == ["W434"])
        #expect(bare.first?.hint == "with X-7 paid, its money went to invoice X-8 (800.00) and 400.00 was held on account; if they paid twice, pay it back (a `refund` entry) or `apply` it to another of their invoices, and note it with the client")
        let written = check(head + "2026-05-20 payment acme 1,200.00\n  apply X-7 1,200.00\n")
        #expect(written.map(\.code) == ["W434"])
    }

    /// The first payment came back: the second paid the invoice again, as it should.
    @Test func aReturnedFirstPaymentIsNoFirstPayment() {
        let text = head.replacingOccurrences(of: "  apply X-7\n", with: "  apply X-7\n  returned 2026-05-10 refer to drawer\n")
            + "2026-05-20 payment acme 1,200.00\n  ref   X-7 again\n"
        #expect(check(text).isEmpty)
    }

    /// Other amounts, a credit note on the invoice, a refund made, or the money going to an
    /// invoice the ref also names: no sum paid twice to tell of.
    @Test func otherStoriesAreLeftAlone() {
        #expect(check(head + "2026-05-20 payment acme 800.00\n  ref   X-7\n").isEmpty)
        // X-7 cancelled by a credit note once paid, to be issued again.
        let cancelled = head + "2026-05-10 credit acme 1,200.00\n  number CN-1\n  reason X-7 issued in error\n  apply X-7\n" + "2026-05-20 payment acme 1,200.00\n  ref   X-7\n"
        #expect(!check(cancelled).map(\.code).contains("W434"))
        // A retainer's next month, named by last month's number: the money paid it exactly.
        let retainer = head.replacingOccurrences(of: "total 800.00", with: "total 1,200.00") + "2026-05-20 payment acme 1,200.00\n  ref   X-7\n"
        #expect(check(retainer).isEmpty)
        // The money paid X-8, which the ref names: no sum paid twice, but 400.00 more than
        // was open, left on account (W435).
        #expect(check(head + "2026-05-20 payment acme 1,200.00\n  ref   X-7 X-8\n").map(\.code) == ["W435"])
        let paidBack = head + "2026-05-20 payment acme 1,200.00\n  ref   X-7\n" + "2026-05-25 refund acme 400.00\n"
        #expect(check(paidBack).isEmpty)
    }

    /// Two on one day, the repeat written first: X-8 (2,000.00, older) took the repeat's money,
    /// and the payment written after it paid X-7. Before: nothing (only a payment written
    /// before the repeat was taken for the first); now W434, as with the other order.
    @Test func theOrderOfTwoPaymentsOnOneDayDoesNotMatter() throws {
        let older = """
            settings
              currency GBP
            client acme Acme Ltd
            2026-03-20 invoice acme X-8
              total 2,000.00
            2026-04-01 invoice acme X-7
              total 1,200.00

            """
        let repeatLine = "2026-05-02 payment acme 1,200.00\n  ref   X-7 ACME LTD\n"
        let paidLine = "2026-05-02 payment acme 1,200.00\n  ref   BACS X-7\n  apply X-7\n"
        for text in [older + paidLine + repeatLine, older + repeatLine + paidLine] {
            let d = check(text)
            #expect(d.map(\.code) == ["W434"], "\(d.map(\.message))")
            let w = try #require(d.first)
            #expect(w.message == "this payment of 1,200.00 GBP names invoice X-7, which was paid in full on 2026-05-02 by a payment of the same amount: paid twice?")
            #expect(w.hint == "with X-7 paid, its money went to invoice X-8 (1,200.00); if they paid twice, pay it back (a `refund` entry) or `apply` it to another of their invoices, and note it with the client")
        }
    }

    /// A refund silences W434 only when it returns that money: to the client, in its currency,
    /// on or after the repeat, of at least what it left on account (400.00 here, the 800.00
    /// having paid X-8). Before: any refund since did, a 50.00 one for other money too.
    @Test func onlyARefundOfThatMoneySilencesIt() {
        let repeated = head + "2026-05-20 payment acme 1,200.00\n  ref   X-7\n"
        #expect(check(repeated + "2026-05-25 refund acme 50.00\n").map(\.code) == ["W434"])
        #expect(check(repeated + "2026-05-25 refund acme 399.99\n").map(\.code) == ["W434"])
        #expect(check(repeated + "2026-05-25 refund acme 400.00\n").isEmpty)
        // Refunded before the repeat came: it returned other money.
        let before = head + "2026-05-10 payment acme 50.00\n  on-account\n2026-05-12 refund acme 50.00\n" + "2026-05-20 payment acme 1,200.00\n  ref   X-7\n"
        #expect(check(before).map(\.code) == ["W434"], "\(check(before).map(\.message))")
    }
}
