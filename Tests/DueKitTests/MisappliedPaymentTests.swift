import Foundation
import Testing
@testable import DueKit

/// A payment whose `apply` lines name none of the invoices its `ref` names, one of them open
/// and left open (W429, grammar.md §3.6 and §6.5): the client paid F-2, the user applied the
/// money to F-3, and a letter would then demand F-2 of a client holding its remittance.
@Suite struct MisappliedPaymentTests {
    private func check(_ text: String) -> [Diagnostic] {
        Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: Day(year: 2026, month: 8, day: 1)!)
    }

    private func words(_ r: SourceRange, in text: String) -> String {
        String(decoding: Array(text.utf8)[Int(r.start)..<Int(r.end)], as: UTF8.self)
    }

    private let head = """
        settings
          currency GBP
        client fenwick Fenwick Architects LLP
        2026-03-02 invoice fenwick F-1
          total 1,200.00
        2026-04-01 invoice fenwick F-2
          total 800.00
        2026-05-01 invoice fenwick F-3
          total 950.00

        """

    private func payment(_ amount: String, ref: String, apply: [String]) -> String {
        "2026-05-20 payment fenwick \(amount)\n  ref     \(ref)\n" + apply.map { "  apply   \($0)\n" }.joined()
    }

    @Test func anApplyAwayFromTheInvoiceTheRefNamesIsWarnedOf() throws {
        let text = head + payment("800.00", ref: "FENWICK F-2", apply: ["F-3"])
        let d = check(text)
        #expect(d.map(\.code) == ["W429"])
        let w = try #require(d.first)
        #expect(w.message == "this payment's ref names invoice F-2, open that day, but its `apply` line puts it on invoice F-3: F-2 is left open")
        #expect(w.hint == "the bank reference says what the money is for, and the next letter would ask for invoice F-2 again; check the `apply` line: if the money is for invoice F-2, write `apply F-2`")
        #expect(words(w.range, in: text) == "F-2")
    }

    /// F-2, left open by the slip, was paid since: the letters no longer ask for it, and the
    /// slip is not warned of (nor the payment's ref read).
    @Test func aSlipOverAnInvoicePaidSinceIsNotWarnedOf() {
        let paidSince = head + payment("800.00", ref: "FENWICK F-2", apply: ["F-3"]) + "2026-06-10 payment fenwick 800.00\n  apply F-2\n"
        #expect(!check(paidSince).contains { $0.code == "W429" })
    }

    @Test func severalLinesAreNamed() {
        let text = head + payment("1,000.00", ref: "F-2", apply: ["F-3 500.00", "F-1 500.00"])
        #expect(check(text).map(\.message) == ["this payment's ref names invoice F-2, open that day, but its `apply` lines put it on invoices F-3 and F-1: F-2 is left open"])
    }

    /// Lines naming the invoice, or one of several the ref names (a part payment split on
    /// purpose), follow the ref; a ref naming an invoice settled before the payment is an old
    /// one; an `apply` naming no invoice is its own error.
    @Test func anApplyTheRefAllowsIsFine() {
        #expect(check(head + payment("800.00", ref: "FENWICK F-2", apply: ["F-2"])).isEmpty)
        #expect(check(head + payment("800.00", ref: "F-1 F-2", apply: ["F-1"])).isEmpty)
        #expect(check(head + payment("800.00", ref: "F-2 and F-3", apply: ["F-3"])).isEmpty)
        let settled = head.replacingOccurrences(of: "2026-05-01 invoice", with: "2026-04-20 payment fenwick 800.00\n  apply F-2\n2026-05-01 invoice")
        #expect(check(settled + payment("800.00", ref: "F-2 again", apply: ["F-3"])).isEmpty)
        #expect(check(head + payment("800.00", ref: "F-2", apply: ["F-9"])).map(\.code) == ["E204"])
    }

    /// A payment marked `on-account` says where its money goes.
    @Test func aPaymentOnAccountIsNotRead() {
        #expect(check(head + payment("800.00", ref: "F-2", apply: ["F-3 100.00"]) + "  on-account\n").isEmpty)
    }

    /// A later payment finding its invoice paid by an earlier one whose ref names another
    /// invoice: its amount is not mistyped, and W415 points at the earlier payment.
    @Test func aSurplusAfterASlipPointsAtTheSlip() throws {
        let text = """
            settings
              currency GBP
            client bramble Bramble Ltd
            2026-03-02 invoice bramble INV-0006
              total 500.00
            2026-03-09 invoice bramble INV-0007
              total 900.00
            2026-03-20 payment bramble 900.00
              ref     BRAMBLE INV-0007
            2026-03-25 payment bramble 900.00
              apply   INV-0006

            """
        let d = check(text)
        #expect(d.map(\.code) == ["W425", "W415"])
        let w = try #require(d.last)
        #expect(w.message == "the payment of 900.00 GBP is 900.00 more than invoice INV-0006 had open (0.00)")
        #expect(w.hint == "the 900.00 paid invoice INV-0007 (500.00); 400.00 became credit on account for 'bramble'; the amount is likely right: invoice INV-0006 was paid by the earlier payment in the note, whose ref names invoice INV-0007; if that money was for invoice INV-0007, give that payment `apply INV-0007`, and INV-0006 is left open for this one")
        #expect(w.notes.map(\.message) == ["this payment of 900.00 GBP on 2026-03-20 went to invoice INV-0006, though its ref names invoice INV-0007 (W425)"])
        #expect(w.notes.map { words($0.range, in: text) } == ["INV-0007"])
    }

    /// The same after an `apply` away from the ref (W429); a surplus with no slip before it
    /// keeps the hint about a mistyped amount.
    @Test func aSurplusAfterAMisappliedPaymentPointsAtItAndOtherwiseNot() throws {
        let slip = head + payment("800.00", ref: "FENWICK F-2", apply: ["F-3"]) + "2026-06-01 payment fenwick 950.00\n  apply F-3\n"
        let w = try #require(check(slip).first { $0.code == "W415" })
        #expect(w.notes.map(\.message) == ["this payment of 800.00 GBP on 2026-05-20 went to invoice F-3, though its ref names invoice F-2 (W429)"])
        #expect(w.hint?.hasSuffix("give that payment `apply F-2`, and F-3 is left open for this one") == true)
        let plain = head + "2026-06-01 payment fenwick 1,000.00\n  apply F-3\n"
        let v = try #require(check(plain).first { $0.code == "W415" })
        #expect(v.notes.isEmpty)
        #expect(v.hint == "the 50.00 paid invoice F-1 (50.00); if the amount is mistyped, correct it, or write the amount on `apply`")
    }
}
