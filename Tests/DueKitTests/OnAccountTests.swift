import Foundation
import Testing
@testable import DueKit

/// A payment marked `on-account` (grammar.md §3.6, §4 rule 4): money paid before the work is
/// invoiced, a deposit, is held on account rather than paying the invoices open that day, and
/// pays the next invoice issued, as money held on account does.
@Suite struct OnAccountTests {
    static let head = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client bistro Bistro Verde Ltd
          contact Jane Doe
          terms net 14
          methods bank transfer

        2026-03-02 invoice bistro Q-1
          for Menu design
          total 800.00

        2026-03-05 payment bistro 500.00
          method bank transfer
          ref DEPOSIT KITCHEN REFIT
          on-account

        """

    /// Q-1 paid on 25 March; D-1, the work the deposit was for, issued on 1 April, due 15 April.
    static let invoiced = head + """
        2026-03-25 payment bistro 800.00
          apply Q-1

        2026-04-01 invoice bistro D-1
          for Kitchen refit design
          total 1,500.00

        """

    static func draft(_ text: String, asOf: String) throws -> (stage: LetterStage, text: String) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "bistro" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let stage = try #require(choice.stage)
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return (stage, TemplateSet().template(for: stage).render(values))
    }

    private func check(_ text: String, asOf: String = "2026-04-20") -> [Diagnostic] {
        Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: Day.parse(asOf)!)
    }

    /// The deposit passes over Q-1, open that day: Q-1 still has all of its 800.00 open, and
    /// the 500.00 is held on account.
    @Test func theDepositPaysNoInvoiceOpenWhenItCame() throws {
        let r = load(Self.head)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-03-20")!)
        let q1 = try #require(r.ledger.invoiceIndex["Q-1"])
        #expect(sheet.invoices[q1].open == 800_00)
        let key = ClientCurrency(client: "bistro", currency: Currency("GBP"))
        #expect(sheet.creditOnAccount[key] == 500_00)
        #expect(sheet.paidOnAccount[key] == 500_00)
        #expect(sheet.clientBalances[key] == 300_00)
        #expect(check(Self.head, asOf: "2026-03-20").isEmpty)
    }

    /// The reminder for Q-1 asks for all of it and says the deposit is held as asked, not
    /// offered back as money we did not know what to do with.
    @Test func aReminderMeanwhileAsksForTheOpenInvoiceAndSaysTheDepositIsHeld() throws {
        let (stage, text) = try Self.draft(Self.head, asOf: "2026-03-20")
        #expect(stage == .reminder)
        #expect(text.contains("Our records show 800.00 GBP past due on invoice Q-1."))
        #expect(text.contains("We also hold the 500.00 GBP you paid on account, which we will set against your next invoice."))
        #expect(!text.contains("refunded"))
    }

    /// D-1 of 1,500.00 takes the 500.00 when it is issued: once it falls due, the reminder asks
    /// for 1,000.00 and says where the money held went.
    @Test func theDepositPaysTheNextInvoiceAndTheReminderAsksForTheRest() throws {
        let r = load(Self.invoiced)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-04-20")!)
        let d1 = try #require(r.ledger.invoiceIndex["D-1"])
        #expect(sheet.invoices[d1].open == 1_000_00)
        #expect(sheet.fromAccount[d1] == 500_00)
        #expect(sheet.paidOnAccount.isEmpty)
        let (stage, text) = try Self.draft(Self.invoiced, asOf: "2026-04-20")
        #expect(stage == .reminder)
        #expect(text.contains("Our records show 1,000.00 GBP past due on invoice D-1."))
        #expect(text.contains("We have set 500.00 GBP of yours that we held on account against invoice D-1."))
        #expect(text.contains("| D-1 | 1 April 2026 | Kitchen refit design | 1,500.00 | 500.00 | 1,000.00 | 5 |"))
        #expect(check(Self.invoiced).isEmpty)
    }

    /// D-1 of 400.00, issued after our reminder for Q-1, is paid in full from the deposit: the
    /// thank-you after Q-1 is paid says so, as the reminder had said we held all 500.00.
    @Test func theThankYouSaysTheDepositPaidTheInvoiceIssuedSinceOurLastLetter() throws {
        let text = Self.head + """
            2026-03-20 letter bistro reminder
              invoices Q-1

            2026-04-01 invoice bistro D-1
              for Kitchen refit design
              total 400.00

            2026-04-03 payment bistro 800.00
              apply Q-1

            """
        let (stage, letter) = try Self.draft(text, asOf: "2026-04-06")
        #expect(stage == .thanks)
        #expect(letter.contains("Invoice D-1 of 1 April 2026 (400.00 GBP) has been paid from the money of yours we held on account.\nWe hold 100.00 GBP of yours on account"), "\(letter)")
    }

    /// D-1 took the 500.00 when issued and a payment since paid the rest: the follow-up about
    /// Q-1 thanks for that payment and says where the deposit went, once.
    @Test func aLetterSaysTheDepositWentTowardsAnInvoiceAPaymentSinceSettled() throws {
        let text = Self.head + """
            2026-03-20 letter bistro reminder
              invoices Q-1

            2026-04-01 invoice bistro D-1
              for Kitchen refit design
              total 1,500.00

            2026-04-03 payment bistro 1,000.00
              apply D-1

            """
        let (stage, letter) = try Self.draft(text, asOf: "2026-04-10")
        #expect(stage == .followUp)
        #expect(letter.contains("500.00 GBP of yours that we held on account has gone towards invoice D-1 of 1 April 2026."), "\(letter)")
        let sent = text + "2026-04-10 letter bistro follow-up\n  invoices Q-1\n"
        let (_, next) = try Self.draft(sent, asOf: "2026-04-30")
        #expect(!next.contains("held on account has gone towards"), "\(next)")
    }

    /// A deposit paid after our reminder about Q-1 paid nothing of Q-1: it is not the client's
    /// answer to the reminder and does not put the follow-up off (7.2, a reply), which goes
    /// `cadence` max days after the reminder, counting it unanswered; it still thanks for the
    /// deposit and says it is held.
    @Test func aDepositIsNoAnswerToAReminderAboutOlderWork() throws {
        let text = """
            settings
              currency GBP

            sender Test Studio Ltd
              contact Sam Lee
              bank Sort code 11-22-33, account 12345678

            client bistro Bistro Verde Ltd
              contact Jane Doe
              terms net 14
              methods bank transfer

            2026-03-02 invoice bistro Q-1
              for Menu design
              total 800.00

            2026-03-20 letter bistro reminder
              invoices Q-1

            2026-03-25 payment bistro 500.00
              method bank transfer
              ref DEPOSIT KITCHEN REFIT
              on-account

            """
        let r = load(text)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-04-03")!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "bistro" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .followUp)
        #expect(choice.reason == "Q-1 is 18 days past due; last letter 2026-03-20, 1 unanswered")
        let (_, letter) = try Self.draft(text, asOf: "2026-04-03")
        #expect(letter.contains("Thank you for your payment of 500.00 GBP on 25 March 2026."))
        #expect(letter.contains("We also hold the 500.00 GBP you paid on account, which we will set against your next invoice."))
        // Its `apply` lines, when it has any, pay what they name: one to Q-1 answers for it.
        let applied = text.replacingOccurrences(of: "  on-account\n", with: "  apply Q-1 100.00\n  on-account\n")
        let a = load(applied)
        let aSheet = BalanceEngine.balances(a.ledger, asOf: Day.parse("2026-04-03")!)
        let aStory = try #require(ClientStory.all(a.ledger, sheet: aSheet).first { $0.client.id == "bistro" })
        #expect(StageChooser.choose(aStory, ledger: a.ledger, sheet: aSheet).stage == nil)
    }

    /// Held money may be refunded (the work called off), and a balance assertion counts it.
    @Test func aDepositCanBeRefundedAndIsCountedByAssertions() throws {
        let text = Self.head + """
            2026-03-10 balance bistro 300.00
            2026-03-12 refund bistro 500.00
              reason Kitchen refit called off
            2026-03-13 balance bistro 800.00
            2026-04-01 invoice bistro D-1
              total 1,500.00

            """
        #expect(check(text).isEmpty)
        let r = load(text)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-04-20")!)
        #expect(sheet.invoices[try #require(r.ledger.invoiceIndex["D-1"])].open == 1_500_00)
        #expect(sheet.refunded == [500_00])
    }

    /// A mark takes nothing after it, and a credit note takes none.
    @Test func theMarkIsAPaymentsAndTakesNothing() {
        let words = check(Self.head.replacingOccurrences(of: "  on-account\n", with: "  on-account please\n"), asOf: "2026-03-20")
        #expect(words.map(\.code) == ["E106"])
        #expect(words.first?.message == "'on-account' takes nothing after it")
        let credit = check("settings\n  currency GBP\nclient c C\n2026-01-02 invoice c I\n  total 10.00\n2026-01-03 credit c 5.00\n  on-account\n", asOf: "2026-03-20")
        #expect(credit.map(\.code) == ["E108"])
    }

    /// Without `apply`, a payment whose ref names an invoice is warned of (W425) unless marked:
    /// the mark says where the money goes.
    @Test func aMarkedPaymentNamingAnInvoiceIsNotWarnedOf() {
        let text = Self.head.replacingOccurrences(of: "DEPOSIT KITCHEN REFIT", with: "Q-2 DEPOSIT")
            .replacingOccurrences(of: "2026-03-05 payment", with: "2026-03-03 invoice bistro Q-2\n  total 100.00\n\n2026-03-05 payment")
        #expect(check(text, asOf: "2026-03-20").isEmpty)
        #expect(check(text.replacingOccurrences(of: "  on-account\n", with: ""), asOf: "2026-03-20").map(\.code) == ["W425"])
    }

    /// `fmt` keeps the mark in its place among the details, the editor offers it, and the
    /// exports name the payment as one on account.
    @Test func formatEditorAndExportsKnowTheMark() throws {
        let messy = "settings\n  currency GBP\nclient c C\n2026-01-03 payment c 5.00\n  on-account\n    ref  D\n"
        let formatted = String(decoding: LedgerFormatter.format(Array(messy.utf8)), as: UTF8.self)
        #expect(formatted.contains("  ref         D\n  on-account\n"))
        #expect(LedgerParser.detailOrder(for: "payment") == ["method", "ref", "apply", "on-account", "returned"])
        #expect(JournalNarration.payment(ref: "DEPOSIT", method: "bank transfer", onAccount: true).text == "Payment on account DEPOSIT (bank transfer)")
    }
}
