import Foundation
import Testing
@testable import DueKit

/// `refund` (grammar 3.13): money held on account paid back to the client. It takes money out
/// of what the client holds on account, never out of an invoice; more than is held is E423.
@Suite struct RefundTests {
    /// Acme pays 1,200.00 on an invoice of 1,000.00 after a reminder: 200.00 is held on account.
    static let overpaid = """
        settings
          currency GBP

        sender Brightline Studio Ltd
          email  accounts@brightline.example
          bank   Sort code 40-11-62, account 31926819

        client acme Acme Widgets Ltd
          contact  Jane Doe
          email    ap@acme.example
          terms    net 30

        2026-03-02 invoice acme A-1
          item  Design   1 x 1000.00

        2026-04-06 letter acme reminder
          invoices  A-1

        2026-04-10 payment acme 1,200.00
          apply  A-1 1,200.00

        """

    static func checked(_ text: String, asOf: String = "2026-12-31") -> [Diagnostic] {
        let r = load(text)
        return Checker.check(r, asOf: Day.parse(asOf)!)
    }

    // MARK: Parser

    @Test func aRefundIsReadWithItsAmountCurrencyAndDetails() {
        let r = load(Self.overpaid + """
            2026-05-02 refund acme 200.00 GBP
              method  bank transfer
              ref     BACS 40217
              reason  Overpaid A-1

            """)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        #expect(r.ledger.refunds.count == 1)
        let refund = r.ledger.refunds[0]
        #expect(refund.date == Day.parse("2026-05-02")!)
        #expect(refund.client == "acme")
        #expect(refund.minor == 20_000)
        #expect(refund.currency.code == "GBP")
        #expect(refund.method == "bank transfer")
        #expect(refund.ref == "BACS 40217")
        #expect(refund.reason == "Overpaid A-1")
        // Not a payment: nothing else of the ledger holds it.
        #expect(r.ledger.payments.count == 1)
    }

    @Test func aRefundWithoutAnAmountOrWithADetailItDoesNotTakeIsReported() {
        let r = load("settings\n  currency GBP\nclient a A\n2026-05-02 refund a\n2026-05-03 refund a 10.00\n  apply A-1\n2026-05-04 refund a 10.00 GBP extra\n")
        #expect(r.diagnostics.map(\.kind) == [.E105, .E108, .E106], "\(r.diagnostics.map(\.message))")
        #expect(r.diagnostics[0].message == "a refund needs an amount after the client id")
        #expect(r.diagnostics[1].hint == "refund details: method, ref, reason")
    }

    // MARK: Checker

    @Test func aRefundBeyondWhatIsHeldIsAnErrorWithWhatIsHeld() throws {
        let d = Self.checked(Self.overpaid + "2026-05-02 refund acme 250.00\n")
        let e = try #require(d.first { $0.kind == .E423 })
        #expect(e.message == "the refund of 250.00 GBP is more than 'acme' holds on account on 2026-05-02 (200.00 GBP): it is not counted")
        #expect(e.hint == "a refund pays back only money held on account, never an invoice: write at most 200.00")
        // Not counted at all: the 200.00 is still held.
        let sheet = BalanceEngine.balances(load(Self.overpaid + "2026-05-02 refund acme 250.00\n").ledger, asOf: Day.parse("2026-06-01")!)
        #expect(sheet.heldOnAccount(by: "acme").map(\.amount) == [20_000])
    }

    @Test func aRefundBeforeTheMoneyCameOrInACurrencyNothingIsHeldInIsAnError() throws {
        // Acme has no currency of its own and is invoiced in EUR too: a refund in EUR is not
        // E307, and nothing is held in EUR.
        let d = Self.checked(Self.overpaid + "2026-04-20 invoice acme EU-1\n  currency EUR\n  total 10.00\n2026-05-02 refund acme 200.00 EUR\n2026-04-01 refund acme 10.00\n")
        let e423 = d.filter { $0.kind == .E423 }
        #expect(e423.map(\.message) == [
            "'acme' holds nothing on account in EUR on 2026-05-02 for this refund to pay back: it is not counted",
            "'acme' holds nothing on account in GBP on 2026-04-01 for this refund to pay back: it is not counted",
        ], "\(d.map(\.message))")
        #expect(e423.first?.hint == "it holds 200.00 GBP on account that day; check the refund's currency")
    }

    @Test func aRefundForAnUnknownClientOrInAnotherCurrencyThanTheClientsIsReportedOnce() {
        let text = Self.overpaid.replacingOccurrences(of: "  terms    net 30\n", with: "  terms    net 30\n  currency GBP\n")
        let d = Self.checked(text + "2026-05-02 refund acmee 200.00\n2026-05-02 refund acme 200.00 EUR\n")
        #expect(d.filter { $0.kind == .E203 }.map(\.message) == ["this refund names client 'acmee', which is not defined"])
        #expect(d.filter { $0.kind == .E307 }.map(\.message) == ["this refund is in EUR but client 'acme' pays in GBP"])
        #expect(!d.contains { $0.kind == .E423 }, "\(d.map(\.message))")
    }

    @Test func aRefundOfWhatIsHeldChecksClean() {
        let d = Self.checked(Self.overpaid + "2026-05-02 refund acme 200.00\n")
        #expect(d.filter { $0.severity == .error }.isEmpty, "\(d.map(\.message))")
    }

    // MARK: Balances

    /// The refund takes the money on account back out: it is no longer held, and a later
    /// invoice is not paid from it; the invoice it overpaid stays paid as it was.
    @Test func aRefundTakesMoneyHeldOnAccountOutAndNeverAnInvoicesBalance() {
        let later = "2026-06-01 invoice acme A-2\n  total 300.00\n"
        let without = load(Self.overpaid + later).ledger
        let with = load(Self.overpaid + "2026-05-02 refund acme 150.00\n" + later).ledger
        let day = Day.parse("2026-06-10")!
        let a = BalanceEngine.balances(without, asOf: day), b = BalanceEngine.balances(with, asOf: day)
        // Without it, the 200.00 held pays A-2 when it is issued; with it, only the 50.00 left.
        #expect(a.invoices[1].open == 10_000)
        #expect(b.invoices[1].open == 25_000)
        #expect(b.fromAccount[1] == 5_000)
        #expect(a.invoices[0].paid == b.invoices[0].paid && b.invoices[0].open == 0)
        #expect(b.refunded == [15_000])
        let mid = BalanceEngine.balances(with, asOf: Day.parse("2026-05-02")!)
        #expect(mid.heldOnAccount(by: "acme").map(\.amount) == [5_000])
        #expect(mid.clientBalances[ClientCurrency(client: "acme", currency: mid.currencies[0])] == -5_000)
        // Before its day it takes nothing.
        #expect(BalanceEngine.balances(with, asOf: Day.parse("2026-05-01")!).heldOnAccount(by: "acme").map(\.amount) == [20_000])
    }

    // MARK: Formatting

    @Test func fmtPrintsARefundCanonicallyAndKeepsItsMeaning() {
        let messy = "settings\n  currency GBP\nclient acme A\n2026-05-02   refund   acme   200.00  GBP\n    reason   Overpaid A-1\n  ref BACS 40217\n method bank transfer\n"
        let out = FileFormatter.format(bytes: Array(messy.utf8), path: "r.due")
        #expect(out.status == .changed)
        let text = String(decoding: out.formatted, as: UTF8.self)
        #expect(text.hasSuffix("""
            2026-05-02 refund acme 200.00 GBP
              method  bank transfer
              ref     BACS 40217
              reason  Overpaid A-1

            """), "\(text)")
        #expect(FileFormatter.format(bytes: Array(out.formatted), path: "r.due").status == .unchanged)
        // The same refund, only its place in the file moved.
        var before = load(messy).ledger.refunds[0]
        let after = load(text).ledger.refunds[0]
        before.anchor = after.anchor
        #expect(before == after)
    }

    // MARK: Exports

    @Test func theExportsTakeARefundOutOfTheBankAndBackOntoTheReceivable() throws {
        let r = load(Self.overpaid + "2026-05-02 refund acme 200.00\n  ref RF-17\n  reason Overpaid A-1\n")
        #expect(!r.diagnostics.hasErrors)
        let text = JournalExport.render(r.ledger, format: .hledger, sourceName: "r.due")
        #expect(text.hasSuffix("""
            2026-05-02 Acme Widgets Ltd | Refund RF-17: Overpaid A-1  ; client:acme
                Assets:Receivable:Acme   200.00 GBP
                Assets:Bank             -200.00 GBP

            """), "\(text)")
        var perAccount: [String: Int64] = [:]
        for t in JournalBuilder.transactions(r.ledger).transactions {
            #expect(t.postings.reduce(0) { $0 + $1.minor } == 0, "\(t.narration)")
            for p in t.postings { perAccount[p.account, default: 0] += p.minor }
        }
        // The receivable is what `due` says acme owes: nothing, and no credit either.
        #expect(perAccount["Assets:Receivable:Acme"] == 0)
        #expect(perAccount["Assets:Bank"] == 100_000)
        #expect(perAccount["Income:Sales"] == -100_000)
        let bean = JournalExport.render(r.ledger, format: .beancount, sourceName: "r.due")
        #expect(bean.contains("2026-05-02 * \"Acme Widgets Ltd\" \"Refund RF-17: Overpaid A-1\""), "\(bean)")
    }

    /// hledger and beancount take the export, and hledger's receivable balances are `due`'s.
    @Test(.enabled(if: ExportTests.hledger != nil && ExportTests.beanCheck != nil)) func hledgerAndBeancountAgreeWithARefund() throws {
        let r = load(Self.overpaid + "2026-03-25 invoice acme A-2\n  total 50.00\n2026-05-02 refund acme 150.00\n")
        #expect(!r.diagnostics.hasErrors)
        let dir = try temporaryDirectory()
        let journal = dir + "/r.journal", bean = dir + "/r.beancount"
        try SafeFileWriter.write(JournalExport.render(r.ledger, format: .hledger, sourceName: "r.due"), to: journal)
        try SafeFileWriter.write(JournalExport.render(r.ledger, format: .beancount, sourceName: "r.due"), to: bean)
        #expect(try runTool(ExportTests.hledger!, ["-f", journal, "check"]).status == 0)
        let beanCheck = try runTool(ExportTests.beanCheck!, [bean])
        #expect(beanCheck.status == 0, "\(beanCheck.out)")
        // A-2 took 50.00 of the 200.00 held; 150.00 went back; acme owes nothing and holds nothing.
        let bal = try runTool(ExportTests.hledger!, ["-f", journal, "balance", "--flat", "-N", "--layout=bare", "-O", "csv"])
        #expect(bal.out.contains("\"Assets:Bank\",\"GBP\",\"1050.00\""), "\(bal.out)")
        #expect(!bal.out.contains("Assets:Receivable"), "\(bal.out)")
    }

    // MARK: Letters

    /// A thank-you that offered the money back no longer offers money that was refunded, and
    /// says it was.
    @Test func aThankYouAfterARefundSaysItWasRefundedAndOffersNothingBack() throws {
        let before = try #require(letter(Self.overpaid, asOf: "2026-04-11"))
        #expect(before.values["credit.on-account"] == "We hold 200.00 GBP of yours on account, which we will set against your next invoice unless you would rather have it refunded.")
        let after = try #require(letter(Self.overpaid + "2026-04-10 refund acme 200.00\n", asOf: "2026-04-11"))
        #expect(after.values["credit.on-account"] == "On 10 April 2026 we refunded the 200.00 GBP we held on account for you.")
        #expect(!after.text.contains("rather have it refunded"))
        let part = try #require(letter(Self.overpaid + "2026-04-10 refund acme 150.00\n", asOf: "2026-04-11"))
        #expect(part.values["credit.on-account"] == "On 10 April 2026 we refunded the 150.00 GBP we held on account for you. We hold 50.00 GBP of yours on account, which we will set against your next invoice unless you would rather have it refunded.")
    }

    /// A reminder after a thank-you that said we hold money on account says once that it was
    /// refunded since; the letter after it says nothing more of it.
    @Test func theNextLetterAfterARefundSaysItWasRefunded() throws {
        let text = Self.overpaid + """
            2026-04-11 letter acme thanks
            2026-04-20 refund acme 200.00
            2026-05-01 invoice acme A-2
              total 300.00

            """
        let reminder = try #require(letter(text, asOf: "2026-06-10", stage: .reminder))
        #expect(reminder.values["credit.on-account"] == "On 20 April 2026 we refunded the 200.00 GBP we held on account for you.")
        #expect(reminder.text.contains("On 20 April 2026 we refunded the 200.00 GBP we held on account for you."), "\(reminder.text)")
        let next = try #require(letter(text + "2026-06-10 letter acme reminder\n  invoices A-2\n", asOf: "2026-06-24", stage: .followUp))
        #expect(next.values["credit.on-account"] == nil)
        #expect(!next.text.contains("refunded"))
    }

    /// A courtesy note that tells of the overpayment says it was refunded, as a reminder does
    /// (3.13): greenway's of 9 November said only "We received your payment of 1,440.00 GBP on
    /// 5 May 2026 (which settled invoice GT-01, paying 240.00 GBP more than it had open)." of
    /// the 240.00 refunded on 19 May, as if we were raising it again.
    @Test func aCourtesyNoteAfterARefundSaysItWasRefunded() throws {
        let text = Self.overpaid.replacingOccurrences(of: "  currency GBP\n", with: "  currency GBP\n  courtesy 3\n") + """
            2026-04-20 refund acme 200.00
            2026-05-01 invoice acme A-2
              total 300.00

            """
        let note = try #require(letter(text, asOf: "2026-05-28", stage: .courtesy))
        #expect(note.values["payments.received"] == "Thank you for your payment of 1,200.00 GBP on 10 April 2026 (which settled invoice A-1, paying 200.00 GBP more than it had open).")
        #expect(note.values["credit.on-account"] == "On 20 April 2026 we refunded the 200.00 GBP we held on account for you.")
        #expect(note.text.contains("more than it had open).\n"), "\(note.text)")
        #expect(note.text.contains("\nOn 20 April 2026 we refunded the 200.00 GBP we held on account for you.\n"), "\(note.text)")
    }

    func letter(_ text: String, asOf: String, stage expected: LetterStage = .thanks) -> (values: [String: String], text: String)? {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = ClientStory.all(r.ledger, sheet: sheet)[0]
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        guard let stage = choice.stage else { return nil }
        #expect(stage == expected, "\(choice.reason)")
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return (values, TemplateSet().template(for: stage).render(values))
    }
}
