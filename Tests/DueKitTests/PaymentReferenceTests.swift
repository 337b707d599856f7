import Foundation
import Testing
@testable import DueKit

/// A payment with no `apply` whose `ref` names an invoice it leaves open (W425, grammar.md
/// §3.6 and §6.5): the bank reference says what the money was for, the default allocation
/// paid the oldest invoice instead, and the next letter would ask for the one named.
@Suite struct PaymentReferenceTests {
    private func check(_ text: String) -> [Diagnostic] {
        Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: Day(year: 2026, month: 4, day: 1)!)
    }

    private func words(_ r: SourceRange, in text: String) -> String {
        String(decoding: Array(text.utf8)[Int(r.start)..<Int(r.end)], as: UTF8.self)
    }

    private let head = """
        settings
          currency GBP
        client bistro Bistro Verde Ltd
        client other Other Ltd
        2026-03-02 invoice bistro Q-1
          total 500.00
        2026-03-09 invoice bistro Q-2
          total 300.00

        """

    private func payment(_ amount: String, ref: String, apply: String? = nil) -> String {
        "2026-03-20 payment bistro \(amount)\n  ref     \(ref)\n" + (apply.map { "  apply   \($0)\n" } ?? "")
    }

    @Test func aRefNamingAnInvoiceTheMoneyPassedOverIsWarnedOf() throws {
        let text = head + payment("300.00", ref: "Q-2 MENU PRICING")
        let d = check(text)
        #expect(d.map(\.code) == ["W425"])
        let w = try #require(d.first)
        #expect(w.message == "this payment's ref names invoice Q-2, which it does not pay: with no `apply`, its 300.00 GBP went to invoice Q-1 (300.00)")
        #expect(w.hint == "a payment with no `apply` pays the oldest open invoices first; if the money is for invoice Q-2, write `apply Q-2` under the payment")
        #expect(words(w.range, in: text) == "Q-2")
    }

    /// Money split between the oldest invoice and the one named pays that one only in part.
    @Test func anInvoicePaidOnlyInPartIsSaidSo() {
        let text = head + payment("600.00", ref: "Q-2")
        #expect(check(text).map(\.message) == ["this payment's ref names invoice Q-2, which it does not pay in full: with no `apply`, its 600.00 GBP went to invoices Q-1 (500.00) and Q-2 (100.00)"])
    }

    /// The ref followed: `apply` names it, the money went to it, or all of it went to
    /// invoices the ref names (a payment smaller than the invoice pays it in part).
    @Test func aRefTheMoneyFollowedIsFine() {
        #expect(check(head + payment("300.00", ref: "Q-2 MENU PRICING", apply: "Q-2")).isEmpty)
        #expect(check(head + payment("500.00", ref: "Q-1")).isEmpty)
        #expect(check(head + payment("200.00", ref: "Q-1")).isEmpty)
        #expect(check(head + payment("800.00", ref: "Q-1 Q-2")).isEmpty)
    }

    /// An invoice settled before the payment, or issued after it, was not open when it came.
    @Test func anInvoiceNotOpenWhenThePaymentCameIsNotNamed() {
        let settled = head + "2026-03-10 payment bistro 300.00\n  apply Q-2\n" + payment("100.00", ref: "Q-2 again")
        #expect(check(settled).isEmpty)
        let later = head + payment("100.00", ref: "Q-3") + "2026-03-25 invoice bistro Q-3\n  total 50.00\n"
        #expect(check(later).isEmpty)
    }

    /// A ref naming none of the client's invoices but another client's (two companies with one
    /// contact, one paying the other's invoice): the warning says whose it is, and the hint
    /// gives the payment to write under that client.
    @Test func aRefNamingAnotherClientsInvoiceSaysWhoseItIs() throws {
        let text = head + "2026-03-09 invoice other E-7\n  total 300.00\n" + "2026-03-20 payment bistro 300.00\n  ref     E-7 thank you\n"
        let d = check(text)
        #expect(d.map(\.code) == ["W425"])
        let w = try #require(d.first)
        #expect(w.message == "this payment's ref names invoice E-7, which belongs to client other, not to bistro: with no `apply`, its 300.00 GBP went to invoice Q-1 (300.00)")
        #expect(w.hint == "a payment pays only its own client's invoices; if the money is for invoice E-7, write it as other's payment (`payment other 300.00 GBP`) with `apply E-7`")
        #expect(words(w.range, in: text) == "E-7")
        // Beside one of its own, the ref is read as about that one (`Q-1` paid: nothing said).
        #expect(check(head + "2026-03-09 invoice other E-7\n  total 300.00\n" + "2026-03-20 payment bistro 300.00\n  ref     Q-1 E-7\n").isEmpty)
    }

    /// A number is matched whole, in capitals or small letters, with the punctuation of a
    /// sentence taken off; not inside a longer number, nor another client's.
    @Test func numbersAreMatchedWhole() {
        let text = """
            settings
              currency GBP
            client a A Ltd
            client b B Ltd
            2026-03-02 invoice a INV-1
              total 100.00
            2026-03-03 invoice a inv-7
              total 100.00
            2026-03-04 invoice b Z-9
              total 50.00
            2026-03-05 invoice a Q-12
              total 100.00

            """
        func warned(_ ref: String) -> [String] {
            check(text + "2026-03-10 payment a 50.00\n  ref  \(ref)\n").map { words($0.range, in: text + "2026-03-10 payment a 50.00\n  ref  \(ref)\n") }
        }
        #expect(warned("INV-12 Q-1 INV-1X").isEmpty)
        // Another client's is warned of as that client's (below).
        #expect(warned("INV-12 Q-1 Z-9 INV-1X") == ["Z-9"])
        #expect(warned("paid (INV-7).") == ["INV-7"])
        #expect(warned("q-12, thanks") == ["q-12"])
        #expect(warned("INV-7/Q-12") == ["INV-7"])
    }

    /// A number of digits alone names an invoice only after `#` or `invoice`: in a bank
    /// reference, `2` or `14` is as likely a date, an amount or a count.
    @Test func digitsAloneNeedToBeCalledAnInvoice() {
        let text = """
            settings
              currency GBP
            client a A Ltd
            2026-03-02 invoice a 1
              total 100.00
            2026-03-03 invoice a 2
              total 100.00
            2026-03-04 invoice a 14
              total 100.00

            """
        func warned(_ ref: String) -> [String] {
            let t = text + "2026-03-10 payment a 50.00\n  ref  \(ref)\n"
            return check(t).map { words($0.range, in: t) }
        }
        #expect(warned("BACS 2 14 50.00 20/03/2026 2026").isEmpty)
        #expect(warned("#2") == ["2"])
        #expect(warned("invoice 14") == ["14"])
        #expect(warned("Inv. 2, 14") == ["2"])
    }

    /// `no`, `nr` or `number` may stand between `invoice` and its number, and after
    /// `invoices` a list goes on through commas, `and` and `&`; after `invoice` it does not
    /// (`invoice 2, 14 March` is one invoice and a date).
    @Test func invoiceNumbersSaidInWordsAndListsAreRead() {
        let text = """
            settings
              currency GBP
            client a A Ltd
            2026-03-01 invoice a 1
              total 100.00
            2026-03-02 invoice a 8
              total 100.00
            2026-03-03 invoice a 42
              total 100.00
            2026-03-04 invoice a 43
              total 100.00
            2026-03-05 invoice a 44
              total 100.00

            """
        func named(_ ref: String) -> [String] {
            let t = text + "2026-03-10 payment a 50.00\n  ref  \(ref)\n"
            return check(t).map(\.message)
        }
        func names(_ numbers: String) -> [String] {
            ["this payment's ref names \(numbers), which it does not pay: with no `apply`, its 50.00 GBP went to invoice 1 (50.00)"]
        }
        #expect(named("Invoice no. 8") == names("invoice 8"))
        #expect(named("inv. no 8") == names("invoice 8"))
        #expect(named("INVOICE NUMBER 8") == names("invoice 8"))
        #expect(named("invoices 42 and 43") == names("invoices 42 and 43"))
        #expect(named("invoices 42, 43 & 44") == names("invoices 42, 43 and 44"))
        #expect(named("Invoice nos. 42, 43") == names("invoices 42 and 43"))
        #expect(named("invoice 8, 42 pallets") == names("invoice 8"))
        #expect(named("invoices 42 tel 43 8") == names("invoice 42"))
        #expect(named("invoices 1,042.00 paid 8 and 42").isEmpty)
        #expect(named("no. 8 and 42, 20/03/2026 +44 20 7946 0958").isEmpty)
    }

    /// An invoice numbered in capitals and small letters together is found in any case.
    @Test func numbersOfMixedCaseAreFound() {
        let text = """
            settings
              currency GBP
            client a A Ltd
            2026-03-01 invoice a A-1
              total 100.00
            2026-03-02 invoice a Inv-12
              total 100.00

            """
        let t = text + "2026-03-10 payment a 50.00\n  ref  INV-12 and inv-12/A-2\n"
        let d = check(t)
        #expect(d.map(\.message) == ["this payment's ref names invoice Inv-12, which it does not pay: with no `apply`, its 50.00 GBP went to invoice A-1 (50.00)"])
        #expect(d.map { words($0.range, in: t) } == ["INV-12"])
    }

    /// `due check` shows it, and as a warning it does not fail the check.
    @Test func dueCheckShowsItAndPasses() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("w425-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try (head + payment("300.00", ref: "Q-2 MENU PRICING")).write(to: folder.appendingPathComponent("l.due"), atomically: true, encoding: .utf8)
        let r = try DueRun.run(["check", "--as-of", "2026-04-01", "l.due"], in: folder.path)
        #expect(r.status == 0)
        #expect(r.stdout.contains("warning[W425]: this payment's ref names invoice Q-2"))
    }
}
