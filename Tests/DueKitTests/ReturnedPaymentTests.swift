import Foundation
import Testing
@testable import DueKit

/// A payment that came back unpaid (grammar 3.6, `returned`): from its day it is no payment.
@Suite struct ReturnedPaymentTests {
    /// Pond is reminded of P-1, pays by cheque, is thanked; the cheque comes back on 20 February.
    static let bounced = """
        settings
          currency GBP

        sender Northgate Advisory Ltd
          contact  Priya Nair
          email    accounts@northgate.example

        client pond Pondside Nursery
          contact  Wendy Pond
          email    wendy@pondside.example
          terms    net 30
          methods  cheque, bank transfer

        2026-01-05 invoice pond P-1
          for   Cash-flow model
          item  Model   1 x 1000.00
          tax   VAT 20%

        2026-02-09 letter pond reminder
          invoices  P-1

        2026-02-10 payment pond 1,200.00
          method    cheque
          ref       Chq 000871
          returned  2026-02-20 refer to drawer

        2026-02-13 letter pond thanks

        """

    static func loaded(_ text: String, asOf: String) -> LoadResult {
        var r = load(text)
        r.ledger.takeOutReturnedPayments(by: Day.parse(asOf)!)
        return r
    }

    // MARK: Parser and checks

    @Test func aReturnedLineIsReadOnItsPayment() throws {
        let r = load(Self.bounced)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let back = try #require(r.ledger.returns.first)
        #expect(back.date == Day.parse("2026-02-20")!)
        #expect(back.reason == "refer to drawer")
        #expect(back.paid?.minor == 120_000)
        #expect(back.paid?.date == Day.parse("2026-02-10")!)
        #expect(Checker.check(r, asOf: Day.parse("2026-03-02")!).filter { $0.severity == .error }.isEmpty)
    }

    /// Checked as of a day before a cheque came back, a letter sent after it came back is
    /// judged on the books of its own day: sable's S-1 was open again from 30 April and paid
    /// only on 10 June, so the follow-up of 29 May naming it is no error (E413), whatever day
    /// the check is run as of; a letter sent before a payment came back still is, when that
    /// payment had settled the invoice.
    @Test func aLetterAfterAReturnIsJudgedOnTheBooksOfItsDay() {
        let text = """
            settings
              currency GBP

            client sable Sable Print Co
              email  mia@sable.example
              terms  net 30

            2026-03-02 invoice sable S-1
              total  2,000.00

            2026-04-20 payment sable 1,200.00
              method    cheque
              apply     S-1 1,200.00
              returned  2026-04-30 refer to drawer

            2026-05-15 payment sable 800.00

            2026-05-29 letter sable follow-up
              invoices  S-1

            2026-06-10 payment sable 1,200.00

            """
        for asOf in ["2026-04-25", "2026-04-29", "2026-05-20", "2026-06-30"] {
            var r = load(text)
            r.ledger.takeOutReturnedPayments(by: Day.parse(asOf)!)
            #expect(Checker.check(r, asOf: Day.parse(asOf)!).filter { $0.kind == .E413 }.isEmpty, "as of \(asOf)")
        }
        // A reminder sent while the cheque still stood, after it had settled the invoice.
        let early = text.replacingOccurrences(of: "apply     S-1 1,200.00", with: "apply     S-1 2,000.00")
            .replacingOccurrences(of: "payment sable 1,200.00\n  method    cheque", with: "payment sable 2,000.00\n  method    cheque")
            .replacingOccurrences(of: "2026-05-15 payment sable 800.00\n", with: "2026-04-25 letter sable reminder\n  invoices  S-1\n")
            .replacingOccurrences(of: "2026-06-10 payment sable 1,200.00\n", with: "2026-06-10 payment sable 2,000.00\n")
        var r = load(early)
        r.ledger.takeOutReturnedPayments(by: Day.parse("2026-04-27")!)
        #expect(Checker.check(r, asOf: Day.parse("2026-04-27")!).map(\.kind).contains(.E413))
    }

    @Test func aSecondReturnOrOneOnACreditNoteIsReported() {
        let twice = load(Self.bounced.replacingOccurrences(of: "refer to drawer", with: "refer to drawer\n  returned  2026-02-21"))
        #expect(twice.diagnostics.map(\.kind) == [.E109], "\(twice.diagnostics.map(\.message))")
        let credit = load(Self.bounced + "2026-02-15 credit pond 10.00\n  returned 2026-02-16\n")
        #expect(credit.diagnostics.map(\.kind) == [.E108], "\(credit.diagnostics.map(\.message))")
    }

    @Test func aReturnBeforeItsPaymentIsAnErrorAndNotCounted() throws {
        let text = Self.bounced.replacingOccurrences(of: "returned  2026-02-20", with: "returned  2026-02-01")
        let r = Self.loaded(text, asOf: "2026-03-02")
        let e = try #require(Checker.check(r, asOf: Day.parse("2026-03-02")!).first { $0.kind == .E424 })
        #expect(e.message == "the payment of 1,200.00 GBP made on 2026-02-10 cannot have come back on 2026-02-01, before it was made: the return is not counted")
        #expect(e.hint == "write the day the bank returned it, on or after 2026-02-10")
        // The payment stands as paid.
        #expect(r.ledger.payments.count == 1)
        #expect(BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-03-02")!).invoices[0].open == 0)
    }

    // MARK: Balances

    @Test func theInvoiceIsPaidUntilTheReturnAndNeverPaidFromIt() {
        let before = Self.loaded(Self.bounced, asOf: "2026-02-19")
        #expect(BalanceEngine.balances(before.ledger, asOf: Day.parse("2026-02-19")!).invoices[0].open == 0)
        let after = Self.loaded(Self.bounced, asOf: "2026-02-20")
        let sheet = BalanceEngine.balances(after.ledger, asOf: Day.parse("2026-02-20")!)
        #expect(sheet.invoices[0].open == 120_000)
        #expect(sheet.invoices[0].settled == nil)
        #expect(after.ledger.payments.isEmpty)
        #expect(after.ledger.returns[0].reopened == ["P-1"])
    }

    // MARK: Letters

    /// The follow-up after the return says once why P-1 is open again, and the ladder goes on
    /// from the reminder: the thank-you sent in between is no new start.
    @Test func theNextLetterExplainsTheReturnOnceAndTheLadderResumes() throws {
        let first = try #require(letter(Self.bounced, asOf: "2026-03-02"))
        #expect(first.stage == .followUp)
        #expect(first.values["payment.returned"] == "Your payment of 1,200.00 GBP on 10 February 2026 was returned unpaid on 20 February 2026, so invoice P-1 is open again, and my letter of 13 February 2026 thanking you for it no longer stands.")
        #expect(first.text.contains("Your payment of 1,200.00 GBP on 10 February 2026 was returned unpaid on 20 February 2026, so invoice P-1 is open again, and my letter of 13 February 2026 thanking you for it no longer stands.\nFollowing my letter of 9 February 2026, invoice P-1 still shows 1,200.00 GBP open"), "\(first.text)")
        #expect(!first.text.contains("since your payment"))
        let later = try #require(letter(Self.bounced + "2026-03-02 letter pond follow-up\n  invoices P-1\n", asOf: "2026-03-19"))
        #expect(later.values["payment.returned"] == nil)
        #expect(!later.text.contains("returned unpaid"))
        #expect(!later.text.contains("your payment of"))
    }

    /// The thank-you for the cheque went on the day it came back, as the ledger was before the
    /// bank said so: it asked for nothing, so the follow-up after it still says why P-1 is open
    /// again. A reminder about other work since the return says nothing of it either.
    @Test func aThankYouOnTheReturnsDayLeavesItToTheNextLetter() throws {
        let sameDay = Self.bounced.replacingOccurrences(of: "2026-02-13 letter pond thanks", with: "2026-02-20 letter pond thanks")
        let first = try #require(letter(sameDay, asOf: "2026-03-09"))
        #expect(first.stage == .followUp)
        #expect(first.values["payment.returned"] == "Your payment of 1,200.00 GBP on 10 February 2026 was returned unpaid on 20 February 2026, so invoice P-1 is open again.")
        let otherWork = Self.bounced + """
            2026-01-10 invoice pond P-2
              for   Board pack
              total  300.00

            2026-02-24 letter pond reminder
              invoices  P-2

            """
        let next = try #require(letter(otherWork, asOf: "2026-03-19"))
        #expect(next.stage.asksForMoney)
        #expect(next.values["payment.returned"] == "Your payment of 1,200.00 GBP on 10 February 2026 was returned unpaid on 20 February 2026, so invoice P-1 is open again, and my letter of 13 February 2026 thanking you for it no longer stands.", "\(next.text)")
    }

    /// Our thank-you of 13 February told Pond the cheque had paid P-1; it came back on 20
    /// February. Before: nothing on the agenda until the follow-up of 2 March ("Nothing to do
    /// today."), which never said the thank-you no longer stood. After: an item from the
    /// return's day until a letter or a word with them tells them.
    @Test func theAgendaSaysToTellThemFromTheDayAPaymentThankedForCameBack() throws {
        func told(_ text: String, asOf: String) -> [Agenda.Item] {
            let r = Self.loaded(text, asOf: asOf)
            let day = Day.parse(asOf)!
            return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.filter { $0.action.hasPrefix("tell them") }
        }
        #expect(told(Self.bounced, asOf: "2026-02-19").isEmpty)
        let item = try #require(told(Self.bounced, asOf: "2026-02-20").first)
        #expect(item.kind == .nextStep)
        #expect(item.action == "tell them their payment of 1,200.00 GBP came back")
        #expect(item.why.hasPrefix("payment of 1,200.00 GBP on 2026-02-10 returned unpaid on 2026-02-20; our thank-you of 2026-02-13 told them it was paid: tell them it came back; the next letter, from "), "\(item.why)")
        #expect(told(Self.bounced, asOf: "2026-02-24").count == 1)
        #expect(told(Self.bounced + "2026-02-23 note pond call\n  said  Cheque bounced; paying by transfer.\n", asOf: "2026-02-24").isEmpty)
        #expect(told(Self.bounced + "2026-03-02 letter pond follow-up\n  invoices P-1\n", asOf: "2026-03-05").isEmpty)
    }

    /// Pond's cheque came back on 20 February and a transfer paid P-1 again on 25 February, so
    /// no letter lists P-1 again to say the cheque came back: the next letter, the courtesy
    /// note about P-2 of 28 March or the reminder about it of 6 April, thanks for the transfer
    /// and says it replaced the cheque. Until then the agenda says so, for as long as a
    /// thank-you would be due (30 days), with the next letter's day once one is due.
    @Test func theAgendaSaysTheNextLetterWillTellOfAReturnOnceItsInvoiceIsPaidAgain() throws {
        let text = Self.bounced + """
            2026-02-25 payment pond 1,200.00
              method  bank transfer
              ref     replacement

            2026-03-01 invoice pond P-2
              for    Board pack
              total  300.00

            """
        let courteous = text.replacingOccurrences(of: "currency GBP", with: "currency GBP\n  courtesy on")
        func told(_ asOf: String, _ text: String = text) -> [Agenda.Item] {
            let r = Self.loaded(text, asOf: asOf)
            let day = Day.parse(asOf)!
            return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.filter { $0.action.hasPrefix("tell them") }
        }
        let paidAgain = "payment of 1,200.00 GBP on 2026-02-10 returned unpaid on 2026-02-20; our thank-you of 2026-02-13 told them it was paid; invoice P-1 was paid again on 2026-02-25"
        #expect(try #require(told("2026-02-24").first).why.hasSuffix("; the next letter, from 2026-02-27, will say so"))
        for day in ["2026-02-25", "2026-03-10", "2026-03-27"] {
            let item = try #require(told(day).first)
            #expect(item.action == "tell them their payment of 1,200.00 GBP came back, if you wish")
            #expect(item.why == paidAgain + ": no letter is due to mention it; tell them yourself if you wish", "\(day): \(item.why)")
        }
        #expect(try #require(told("2026-03-10", courteous).first).why == paidAgain + ": the next letter, from 2026-03-28, will say so when it thanks them for the payment that replaced it")
        #expect(told("2026-03-28").isEmpty)
        #expect(told("2026-03-28", courteous).isEmpty)
        let thanks = "Thank you for your payment of 1,200.00 GBP on 25 February 2026 (which replaced your payment of 10 February 2026, returned unpaid on 20 February 2026, and settled invoice P-1)."
        let courtesy = try #require(letter(courteous, asOf: "2026-03-28"))
        #expect(courtesy.stage == .courtesy)
        #expect(courtesy.values["payments.received"] == thanks)
        let reminder = try #require(letter(text, asOf: "2026-04-06"))
        #expect(reminder.stage == .reminder)
        #expect(reminder.values["payment.returned"] == nil)
        #expect(reminder.values["payments.received"] == thanks)
        // Once a letter has thanked for it, the agenda lets it go.
        #expect(told("2026-03-29", courteous + "2026-03-28 letter pond courtesy\n  invoices P-2\n").isEmpty)
    }

    /// Nook's cheque for N-1 came back on 24 April, after our thank-you of 10 April, and a
    /// transfer paid N-1 again on 26 April before any letter told of the return. Before: the
    /// reminder about N-2 of 25 May thanked them "for your payment of 2,100.00 GBP on 26 April
    /// 2026 (which settled invoice N-1)", a second thanks for settling N-1 with no word of why,
    /// while the agenda that day said no letter would mention the return. After: the reminder
    /// says the transfer replaced the cheque that came back, and the agenda, which said until
    /// then that the next letter would, has nothing more to tell.
    @Test func theThanksForMoneyThatReplacedAReturnedPaymentSaySo() throws {
        let text = """
            settings
              currency GBP
              holidays england

            sender Harbour Lane Studio Ltd
              contact  Ana Reyes
              email    accounts@harbourlane.example
              bank     Sort code 20-30-40, account 11223344

            client nook Nook Cafe
              contact  Nia Nook
              email    nia@nook.example
              terms    net 30
              methods  bank transfer, cheque

            2026-03-01 invoice nook N-1
              item  Menu design   1 x 2100.00

            2026-04-03 letter nook reminder
              invoices  N-1

            2026-04-10 payment nook 2,100.00
              method    cheque
              apply     N-1
              returned  2026-04-24 refer to drawer

            2026-04-10 letter nook thanks
              invoices  N-1

            2026-04-20 invoice nook N-2
              item  Signage   1 x 800.00

            2026-04-26 payment nook 2,100.00
              method  bank transfer
              apply   N-1

            """
        let reminder = try #require(letter(text, asOf: "2026-05-25"))
        #expect(reminder.stage == .reminder)
        #expect(reminder.values["payments.received"] == "Thank you for your payment of 2,100.00 GBP on 26 April 2026 (which replaced your payment of 10 April 2026, returned unpaid on 24 April 2026, and settled invoice N-1).")
        #expect(!reminder.text.contains("(which settled invoice N-1)"))
        func told(_ asOf: String, _ text: String = text) -> [String] {
            let r = Self.loaded(text, asOf: asOf)
            let day = Day.parse(asOf)!
            return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.filter { $0.action.hasPrefix("tell them") }.map(\.why)
        }
        #expect(told("2026-05-22") == ["payment of 2,100.00 GBP on 2026-04-10 returned unpaid on 2026-04-24; our thank-you of 2026-04-10 told them it was paid; invoice N-1 was paid again on 2026-04-26: the next letter, from 2026-05-23, will say so when it thanks them for the payment that replaced it"])
        #expect(told("2026-05-25").isEmpty)
        #expect(told("2026-05-26", text + "2026-05-25 letter nook reminder\n  invoices  N-2\n").isEmpty)
    }

    /// Nook's cheque for S-384, sent before any letter, came back on 20 September, and the
    /// first reminder went that day. Before: "Friendly reminder", "I hope all is well." and
    /// "please disregard this note" right after "Your payment … was returned unpaid". After:
    /// the plain reminder, as after a promise not kept.
    @Test func aReminderThatTellsOfAReturnIsPlain() throws {
        let text = """
            settings
              currency GBP

            sender Fennick & Rowe Design Ltd
              contact  Hattie Rowe
              email    accounts@fennickrowe.example

            client nook Nook Interiors Ltd
              contact   Gus Amos
              greeting  Gus
              email     gus@nook.example
              terms     net 30
              methods   cheque

            2026-08-11 invoice nook S-384
              for   Logo refresh
              total  1,020.00

            2026-09-14 payment nook 1,020.00
              method    cheque
              ref       Chq 527978
              apply     S-384
              returned  2026-09-20 refer to drawer

            """
        let reminder = try #require(letter(text, asOf: "2026-09-20"))
        #expect(reminder.stage == .reminder)
        #expect(reminder.values["payment.returned"] == "Your payment of 1,020.00 GBP on 14 September 2026 was returned unpaid on 20 September 2026, so invoice S-384 is open again.")
        #expect(reminder.values["reminder.title"] == "Reminder")
        #expect(reminder.values["reminder.opening"] == "")
        #expect(reminder.values["reminder.close"] == "If the payment is already on its way, thank you.")
        #expect(!reminder.text.contains("Friendly"))
        #expect(!reminder.text.contains("I hope all is well"))
        #expect(!reminder.text.contains("disregard"))
        // Without the return, the same first reminder is the friendly one.
        let unpaid = try #require(letter(text.replacingOccurrences(of: "  returned  2026-09-20 refer to drawer\n", with: "").replacingOccurrences(of: "2026-09-14 payment nook 1,020.00", with: "2026-09-14 payment nook 1.00"), asOf: "2026-09-20"))
        #expect(unpaid.stage == .reminder)
        #expect(unpaid.values["reminder.title"] == "Friendly reminder")
    }

    /// A letter asking for P-1 on the return's own day, written below the payment in the
    /// ledger, was drafted knowing of the return and said it: the next letter does not again.
    /// One written above the payment was recorded before it was, and said nothing of it.
    @Test func aLetterOnTheReturnsDayIsAfterItWhenWrittenBelowThePayment() throws {
        let below = Self.bounced + "2026-02-20 letter pond follow-up\n  invoices P-1\n"
        let after = try #require(letter(below, asOf: "2026-03-19"))
        #expect(after.stage.asksForMoney)
        #expect(after.values["payment.returned"] == nil)
        let above = Self.bounced.replacingOccurrences(of: "2026-02-10 payment pond", with: "2026-02-20 letter pond follow-up\n  invoices P-1\n\n2026-02-10 payment pond")
        let before = try #require(letter(above, asOf: "2026-03-19"))
        #expect(before.stage.asksForMoney)
        #expect(before.values["payment.returned"] == "Your payment of 1,200.00 GBP on 10 February 2026 was returned unpaid on 20 February 2026, so invoice P-1 is open again, and my letter of 13 February 2026 thanking you for it no longer stands.")
    }

    /// A payment that paid only part of an invoice never closed it: the letter says what of it
    /// is unpaid again, and "open again" only of the invoice it had settled.
    @Test func aReturnedPartPaymentLeavesItsShareUnpaidAgain() throws {
        let text = Self.bounced
            .replacingOccurrences(of: "2026-02-13 letter pond thanks\n", with: "")
            .replacingOccurrences(of: "  ref       Chq 000871\n", with: "  ref       Chq 000871\n  apply     P-2\n  apply     P-1 900.00\n") + """
            2026-01-04 invoice pond P-2
              for   Board pack
              total  300.00

            """
        let next = try #require(letter(text, asOf: "2026-03-02"))
        #expect(next.stage.asksForMoney)
        #expect(next.values["payment.returned"] == "Your payment of 1,200.00 GBP on 10 February 2026 was returned unpaid on 20 February 2026, so invoice P-2 is open again and 900.00 GBP of invoice P-1 is unpaid again.", "\(next.text)")
    }

    /// What a returned payment had paid is read as the books stood the day before it came
    /// back, whatever other returns the ledger holds: pond's cheque of 700.00 left 500.00 open
    /// on P-1 when it came back on 20 February, though the 500.00 pond paid on 1 March would
    /// have closed P-1 with the cheque still in, as the books stood before another client's
    /// cheque came back in June.
    @Test func aReturnIsReadOnItsOwnEveNotAnotherClients() throws {
        let text = Self.bounced
            .replacingOccurrences(of: "2026-02-13 letter pond thanks\n", with: "")
            .replacingOccurrences(of: "payment pond 1,200.00", with: "payment pond 700.00") + """
            2026-03-01 payment pond 500.00
              method  bank transfer

            client reed Reedbed Ltd
              email  ap@reedbed.example

            2026-04-01 invoice reed R-1
              total  400.00

            2026-05-20 payment reed 400.00
              method    cheque
              returned  2026-06-01 refer to drawer

            """
        let r = Self.loaded(text, asOf: "2026-06-10")
        let pond = try #require(r.ledger.returns.first { $0.paid?.client == "pond" })
        #expect(pond.leftOpen == ["P-1": 70_000])
        let next = try #require(letter(text, asOf: "2026-06-10"))
        #expect(next.values["payment.returned"] == "Your payment of 700.00 GBP on 10 February 2026 was returned unpaid on 20 February 2026, so 700.00 GBP of invoice P-1 is unpaid again.", "\(next.text)")
    }

    /// Parkbench's plan for P-1: three instalments of 500.00 from 1 March 2026; a cheque of
    /// 27 February 2026 paid the first and came back on 9 March 2026.
    static let planBounced = """
        settings
          currency GBP

        sender Northgate Advisory Ltd
          contact  Priya Nair
          email    accounts@northgate.example

        client pb Parkbench Ltd
          contact   Pia Bench
          email     pia@bench.example
          terms     net 30

        2026-01-05 invoice pb P-1
          for    Garden plan
          total  1,500.00

        2026-02-10 plan pb 1,500.00
          for  P-1
          2026-03-01  500.00
          2026-04-01  500.00
          2026-05-01  500.00

        2026-02-27 payment pb 500.00
          method    cheque
          apply     P-1
          returned  2026-03-09 refer to drawer

        """

    /// An instalment paid on time by a cheque that came back: the reminder says that instalment
    /// is unpaid again, neither that the invoice (never closed) is open again nor that the
    /// instalment has not reached us.
    @Test func aReturnedInstalmentIsUnpaidAgainNotMissing() throws {
        let reminder = try #require(letter(Self.planBounced, asOf: "2026-03-10"))
        #expect(reminder.stage == .instalment)
        #expect(reminder.values["payment.returned"] == "Your payment of 500.00 GBP on 27 February 2026 was returned unpaid on 9 March 2026, so the instalment due on 1 March 2026, which it paid, is unpaid again.")
        #expect(!reminder.text.contains("open again"))
        #expect(!reminder.text.contains("has not reached us"), "\(reminder.text)")
    }

    /// The plan's table agrees with that sentence: the instalment was paid, and the payment
    /// came back; it is not "not received".
    @Test func thePlansTableShowsTheInstalmentPaidAndReturned() throws {
        let reminder = try #require(letter(Self.planBounced, asOf: "2026-03-10"))
        let table = try #require(reminder.values["plan.table"])
        #expect(table.contains("| 1 | 1 March 2026 | 500.00 GBP | paid on 27 February 2026, returned unpaid on 9 March 2026 |"), "\(table)")
        #expect(table.contains("| 2 | 1 April 2026 | 500.00 GBP | to come |"))
        #expect(!table.contains("not received"))
    }

    /// One payment of 1,000.00 on 1 April 2026 paid the first two instalments, and came back:
    /// the reminder says they were paid and are unpaid again, not that they have not reached us.
    @Test func twoInstalmentsOneReturnedPaymentPaidAreUnpaidAgainNotMissing() throws {
        let text = Self.planBounced.replacingOccurrences(of: "2026-02-27 payment pb 500.00", with: "2026-04-01 payment pb 1,000.00")
            .replacingOccurrences(of: "returned  2026-03-09", with: "returned  2026-04-09")
        let reminder = try #require(letter(text, asOf: "2026-04-10"))
        #expect(reminder.stage == .instalment)
        #expect(reminder.values["payment.returned"] == "Your payment of 1,000.00 GBP on 1 April 2026 was returned unpaid on 9 April 2026, so the instalments due on 1 March 2026 and 1 April 2026, which it paid, are unpaid again.")
        #expect(reminder.values["plan.next"] == nil, "\(reminder.text)")
        #expect(!reminder.text.contains("have not reached us"))
        #expect(reminder.values["plan.table"]?.contains("| 2 | 1 April 2026 | 500.00 GBP | paid on 1 April 2026, returned unpaid on 9 April 2026 |") == true)
    }

    /// One payment of 1,500.00 paid the whole invoice, all three instalments at once, and came
    /// back after the last instalment's date: it was the instalments it paid that are unpaid
    /// again, not "invoice P-1 is open again" beside "have not reached us" and "not received".
    @Test func aReturnedPaymentThatPaidEveryInstalmentSaysTheyAreUnpaidAgain() throws {
        let text = Self.planBounced.replacingOccurrences(of: "2026-02-27 payment pb 500.00", with: "2026-02-27 payment pb 1,500.00")
            .replacingOccurrences(of: "returned  2026-03-09", with: "returned  2026-05-05")
        let reminder = try #require(letter(text, asOf: "2026-05-06"))
        #expect(reminder.stage == .instalment)
        #expect(reminder.values["payment.returned"] == "Your payment of 1,500.00 GBP on 27 February 2026 was returned unpaid on 5 May 2026, so the instalments due on 1 March 2026, 1 April 2026 and 1 May 2026, which it paid, are unpaid again.")
        #expect(reminder.values["plan.next"] == "That was the end of the plan's schedule: if they are not paid again, my next letter will be about the invoice itself.", "\(reminder.text)")
        #expect(!reminder.text.contains("open again") && !reminder.text.contains("have not reached us"))
        let table = try #require(reminder.values["plan.table"])
        #expect(table.contains("| 3 | 1 May 2026 | 500.00 GBP | paid on 27 February 2026, returned unpaid on 5 May 2026 |"), "\(table)")
        #expect(!table.contains("not received"))
    }

    /// The first cheque, for the first instalment, came back on 9 March and a reminder went;
    /// a second cheque of 1,000.00 on 5 April paid the first two instalments and came back on
    /// 15 April. Before: "…was returned unpaid on 15 April 2026, so invoice P-1 is open again."
    /// (P-1 was never closed: the books of 14 April still counted the first cheque), the table
    /// marking both instalments "not received".
    /// The reminder gives 30 days (to 9 April), so the cheque of 5 April answers it and the
    /// plan runs on: a reminder unanswered by its date puts the plan in default (3.10).
    static let bouncedTwice = planBounced.replacingOccurrences(of: "currency GBP", with: "currency GBP\n  reply-days 30") + """
        2026-03-10 letter pb instalment
          invoices  P-1

        2026-04-05 payment pb 1,000.00
          method    cheque
          apply     P-1
          returned  2026-04-15 refer to drawer

        """

    @Test func aSecondReturnedPaymentUndoesTheInstalmentsItPaid() throws {
        let reminder = try #require(letter(Self.bouncedTwice, asOf: "2026-04-16"))
        #expect(reminder.stage == .instalment)
        #expect(reminder.values["payment.returned"] == "Your payment of 1,000.00 GBP on 5 April 2026 was returned unpaid on 15 April 2026, so the instalments due on 1 March 2026 and 1 April 2026, which it paid, are unpaid again.", "\(reminder.text)")
        let table = try #require(reminder.values["plan.table"])
        #expect(table.contains("| 1 | 1 March 2026 | 500.00 GBP | paid on 5 April 2026, returned unpaid on 15 April 2026 |"), "\(table)")
        #expect(table.contains("| 2 | 1 April 2026 | 500.00 GBP | paid on 5 April 2026, returned unpaid on 15 April 2026 |"), "\(table)")
        #expect(!reminder.text.contains("open again"))
    }

    /// The second cheque answered the reminder of 10 March, though it came back. Before: "I
    /// wrote to you about the plan on 10 March 2026 and have not heard back."
    @Test func aReturnedPaymentAnsweredTheEarlierInstalmentReminder() throws {
        let reminder = try #require(letter(Self.bouncedTwice, asOf: "2026-04-16"))
        #expect(reminder.values["plan.reminded"] == "This follows my letter about the plan of 10 March 2026.", "\(reminder.text)")
        #expect(!reminder.text.contains("have not heard back"))
    }

    /// The first instalment paid by a cheque that came back, the second never paid: only the
    /// second has not reached us, and the sum past due counts both.
    @Test func anInstalmentMissedBesideOneUnpaidAgainIsSaidApart() throws {
        let reminder = try #require(letter(Self.planBounced, asOf: "2026-04-10"))
        #expect(reminder.stage == .instalment)
        #expect(reminder.values["plan.next"] == "The instalment of 500.00 GBP that was due on 1 April 2026 has not reached us yet; with the instalment unpaid again, 1,000.00 GBP of the plan is past due.", "\(reminder.text)")
    }

    /// One cheque of 1,000.00 on 3 March paid the instalment due on 1 March and, early, the
    /// one due on 1 April; it came back on 14 March. Before: "Please send it by 24 March 2026."
    /// after a sentence naming both instalments, the second not due yet and its row reading
    /// as owed now. After: what is asked for is named, and the other is said not to be due.
    @Test func anInstalmentPaidEarlyByAReturnedPaymentIsNotAskedForBeforeItsDate() throws {
        let text = Self.planBounced.replacingOccurrences(of: "2026-02-27 payment pb 500.00", with: "2026-03-03 payment pb 1,000.00")
            .replacingOccurrences(of: "returned  2026-03-09", with: "returned  2026-03-14")
        let reminder = try #require(letter(text, asOf: "2026-03-14"))
        #expect(reminder.stage == .instalment)
        #expect(reminder.values["payment.returned"] == "Your payment of 1,000.00 GBP on 3 March 2026 was returned unpaid on 14 March 2026, so the instalments due on 1 March 2026 and 1 April 2026, which it paid, are unpaid again.")
        #expect(reminder.values["plan.next"] == "The instalment of 500.00 GBP due on 1 April 2026 is not due yet, and I am not asking for it now.", "\(reminder.text)")
        #expect(reminder.text.contains("Please send the instalment of 500.00 GBP due on 1 March 2026 by 24 March 2026."), "\(reminder.text)")
        let table = try #require(reminder.values["plan.table"])
        #expect(table.contains("| 1 | 1 March 2026 | 500.00 GBP | paid on 3 March 2026, returned unpaid on 14 March 2026 |"), "\(table)")
        #expect(table.contains("| 2 | 1 April 2026 | 500.00 GBP | paid early on 3 March 2026, returned unpaid on 14 March 2026; due 1 April 2026 |"), "\(table)")
    }

    /// The cheque for the first instalment came back on 9 March and a reminder said so; a
    /// transfer on 3 April made it up. Before: "…it made up the instalment due on 1 March
    /// 2026, which had not reached us." and the row `paid on 3 April 2026`, though the client
    /// paid it on time and was told the cheque came back.
    @Test func anInstalmentMadeUpAfterItsPaymentCameBackKeepsItsHistory() throws {
        let text = Self.planBounced + """
            2026-03-10 letter pb instalment
              invoices  P-1

            2026-04-03 payment pb 500.00
              method  bank transfer

            """
        let reminder = try #require(letter(text, asOf: "2026-04-04"))
        #expect(reminder.stage == .instalment)
        #expect(reminder.values["payments.received"] == nil)
        #expect(reminder.values["plan.next"] == "Thank you for your payment of 500.00 GBP on 3 April 2026: it made up the instalment due on 1 March 2026, which your payment of 27 February 2026 had paid before it was returned. The instalment of 500.00 GBP that was due on 1 April 2026 has not reached us yet.", "\(reminder.text)")
        #expect(!reminder.text.contains("had not reached us"))
        let table = try #require(reminder.values["plan.table"])
        #expect(table.contains("| 1 | 1 March 2026 | 500.00 GBP | paid on 27 February 2026, returned unpaid on 9 March 2026; paid again on 3 April 2026 |"), "\(table)")
    }

    /// The agenda agrees: the instalment of 1 March was paid on time and came back, and says
    /// so once the reminder about it has had its day. Before: "not received after 24 days"; and
    /// beside the one of 1 April, missed: "2 instalments not received, the first after 32 days".
    @Test func theAgendaSaysAnInstalmentWasPaidAndReturnedNotMissed() throws {
        // The client rang after the reminder, so the plan is not in default (3.10) and runs on.
        let text = Self.planBounced + "2026-03-10 letter pb instalment\n  invoices P-1\n2026-03-12 note pb call\n"
        func check(_ asOf: String) -> String? {
            let r = Self.loaded(text, asOf: asOf)
            #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
            let day = Day.parse(asOf)!
            return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.first { $0.kind == .instalment }.map { "\($0.action): \($0.why)" }
        }
        #expect(check("2026-03-25") == "check for the instalment of 500.00 GBP due 2026-03-01: paid on 2026-02-27, returned unpaid on 2026-03-09, not paid again since")
        #expect(check("2026-04-03") == "check for 1,000.00 GBP of instalments due 2026-03-01 and 2026-04-01: the one due 2026-03-01 paid on 2026-02-27, returned unpaid on 2026-03-09, not paid again since; the one due 2026-04-01 not received after 2 days")
        // Before it came back, paid: nothing to check.
        #expect(check("2026-03-05") == nil)
    }

    /// Part of the instalment paid again since it came back: how much, not "not received after
    /// 24 days" as if nothing had ever come.
    @Test func theAgendaSaysWhatOfAReturnedInstalmentWasPaidSince() throws {
        let text = Self.planBounced + "2026-03-10 letter pb instalment\n  invoices P-1\n2026-03-15 payment pb 300.00\n  apply P-1\n"
        let r = Self.loaded(text, asOf: "2026-03-25")
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse("2026-03-25")!
        let item = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.first { $0.kind == .instalment }
        #expect(item.map { "\($0.action): \($0.why)" } == "check for the instalment of 200.00 GBP due 2026-03-01: paid on 2026-02-27, returned unpaid on 2026-03-09; 300.00 GBP of it paid since")
    }

    /// The reason an instalment reminder is due agrees with the letter and the agenda: the
    /// instalment was paid and came back. Before: "instalment of 500.00 GBP due 2026-03-01 has
    /// not arrived (9 days)"; beside one missed, "2 instalments (1,000.00 GBP) due 2026-03-01,
    /// 2026-04-01 have not arrived".
    @Test func theReminderReasonSaysTheInstalmentWasPaidAndReturned() throws {
        func reason(_ asOf: String) throws -> (reason: String, agenda: String?) {
            let r = Self.loaded(Self.planBounced, asOf: asOf)
            let day = Day.parse(asOf)!
            let sheet = BalanceEngine.balances(r.ledger, asOf: day)
            let choice = StageChooser.choose(ClientStory.all(r.ledger, sheet: sheet)[0], ledger: r.ledger, sheet: sheet)
            #expect(choice.stage == .instalment)
            return (choice.reason, Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day).items.first { $0.kind == .letter }?.why)
        }
        let one = try reason("2026-03-10")
        #expect(one.reason == "instalment of 500.00 GBP due 2026-03-01: paid on 2026-02-27, returned unpaid on 2026-03-09, not paid again since")
        #expect(one.agenda == one.reason)
        let two = try reason("2026-04-10")
        #expect(two.reason == "2 instalments (1,000.00 GBP) due 2026-03-01, 2026-04-01: the one due 2026-03-01 paid on 2026-02-27, returned unpaid on 2026-03-09, not paid again since; the one due 2026-04-01 not received after 9 days")
    }

    @Test func aReturnedPaymentStillAnsweredTheLettersBeforeIt() throws {
        let text = Self.bounced + """
            2026-03-02 letter pond follow-up
              invoices P-1
            2026-03-19 letter pond follow-up
              invoices P-1

            """
        let next = try #require(letter(text, asOf: "2026-04-05"))
        #expect(next.stage == .followUp)
        #expect(next.values["unanswered"] == "I have had no reply to my letters of 2 March 2026 and 19 March 2026, and no payment has arrived since.", "\(next.text)")
    }

    /// The count of letters starts again after the cheque that came back, as after any
    /// payment: the client paid on 10 February and was thanked on the 13th. Before: "This is my
    /// fourth letter about this, counting from my letter of 9 February 2026, and no payment
    /// towards invoice P-1 has come in that time.", which counted across the payment and the
    /// thank-you, and left the thank-you out of a count of every letter about it.
    @Test func theLetterCountStartsAfterAPaymentThatCameBack() throws {
        let text = Self.bounced + """
            2026-03-02 letter pond follow-up
              invoices P-1
            2026-03-19 letter pond follow-up
              invoices P-1

            """
        let next = try #require(letter(text, asOf: "2026-04-05"))
        #expect(next.stage == .followUp)
        // Two letters since the payment, both unanswered: the firmer sentence, as `unanswered`
        // counts them, not a count of four reaching back past the payment.
        // The cheque is the last thing heard from them, named with its return.
        #expect(next.values["follow-up.note"] == "As I have not heard from you since your payment of 10 February 2026, which was returned unpaid on 20 February 2026, I would be grateful for a reply, even a short one. If I hear nothing and no payment comes, my next letter will be a final notice.", "\(next.values["follow-up.note"] ?? "")")
    }

    /// The cheque sent the day after a call is the last thing heard from the client, though it
    /// came back: it answered the letters before it for the ladder's count, and the letter says
    /// the same. Before: "As I have not heard from you since our call of 9 February 2026", which
    /// denied the cheque they sent after it.
    @Test func aLetterNamesThePaymentThatCameBackAsTheLastThingHeard() throws {
        let text = Self.bounced.replacingOccurrences(of: "2026-02-10 payment pond", with: "2026-02-09 note pond call\n  said  Will post a cheque tomorrow.\n\n2026-02-10 payment pond") + """
            2026-03-02 letter pond follow-up
              invoices P-1
            2026-03-19 letter pond follow-up
              invoices P-1

            """
        let next = try #require(letter(text, asOf: "2026-04-05"))
        #expect(next.stage == .followUp)
        #expect(next.values["follow-up.note"] == "As I have not heard from you since your payment of 10 February 2026, which was returned unpaid on 20 February 2026, I would be grateful for a reply, even a short one. If I hear nothing and no payment comes, my next letter will be a final notice.", "\(next.text)")
    }

    /// Wren paid W-1 by direct debit on 5 May; it was reversed on 19 May. The agenda's gone-quiet
    /// item counts from the payment, named with its return. Before, on 31 May: "no word or
    /// payment for 60 days (since the money fell due on 2026-04-01)".
    static let reversed = """
        settings
          currency GBP

        sender Oak & Ash Design Ltd
          contact  Sam Reed
          email    accounts@oakash.example

        client wren Wren & Co Ltd
          contact  Li Wren
          email    li@wren.example
          terms    net 30
          methods  bank transfer, direct debit

        2026-03-02 invoice wren W-1
          item Brand refresh 1 x 1800.00
        2026-03-16 invoice wren W-2
          item Signage 1 x 450.00
        2026-05-05 payment wren 1800.00
          method direct debit
          apply W-1
          returned 2026-05-19 insufficient funds

        2026-04-04 letter wren reminder
          invoices  W-1
        2026-04-18 letter wren follow-up
          invoices  W-1 W-2
        2026-05-02 letter wren follow-up
          invoices  W-1 W-2
        2026-05-19 letter wren follow-up
          invoices  W-1 W-2

        """

    func quiet(_ text: String, asOf: String, quietDays: Int = Agenda.quietDays) -> [String] {
        let r = Self.loaded(text, asOf: asOf)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day, quietDays: quietDays).items.filter { $0.kind == .quiet }.map(\.why)
    }

    @Test func goneQuietCountsFromAPaymentThatCameBack() {
        // 26 days since the payment: not yet quiet.
        #expect(quiet(Self.reversed, asOf: "2026-05-31").isEmpty)
        #expect(quiet(Self.reversed, asOf: "2026-05-31", quietDays: 20) == ["no word or payment for 26 days (since their last payment on 2026-05-05, returned unpaid on 2026-05-19) while 2,250.00 GBP is overdue; last letter 2026-05-19; next follow-up from 2026-06-02"])
        // Paid before the money fell due, and reversed: counted from the due day, the payment
        // named as what came before it.
        let early = Self.reversed.replacingOccurrences(of: "2026-05-05 payment", with: "2026-03-25 payment").replacingOccurrences(of: "returned 2026-05-19", with: "returned 2026-03-30")
        #expect(quiet(early, asOf: "2026-05-31") == ["no word or payment since the money fell due on 2026-04-01, 60 days ago (last payment on 2026-03-25, returned unpaid on 2026-03-30) while 2,250.00 GBP is overdue; last letter 2026-05-19; next final notice from 2026-06-02"])
    }

    /// A promise made after the formal demand, kept with a cheque that came back: the demand's
    /// next step says so. Before: "…: nothing of it received, by that day or since; decide the
    /// next step yourself".
    @Test func aPromiseBrokenAfterADemandByAPaymentThatCameBackSaysSo() throws {
        let text = Self.bounced.replacingOccurrences(of: "2026-02-10 payment pond 1,200.00\n  method    cheque\n  ref       Chq 000871\n  returned  2026-02-20 refer to drawer\n\n2026-02-13 letter pond thanks\n", with: "") + """
            2026-02-23 letter pond follow-up
              invoices P-1
            2026-03-09 letter pond follow-up
              invoices P-1
            2026-03-23 letter pond final
              invoices P-1
            2026-04-15 letter pond demand
              invoices P-1
            2026-04-20 note pond call
              promise 2026-05-01 1,200.00
            2026-04-28 payment pond 1,200.00
              method    cheque
              returned  2026-05-06 refer to drawer

            """
        func nextStep(_ text: String, asOf: String) -> String? {
            let r = Self.loaded(text, asOf: asOf)
            #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
            let day = Day.parse(asOf)!
            return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.first { $0.kind == .nextStep }?.why
        }
        let head = "promise of 2026-04-20 to pay 1,200.00 GBP by 2026-05-01 not kept after our formal demand: "
        #expect(nextStep(text, asOf: "2026-05-08") == head + "a payment of 1,200.00 GBP came on 2026-04-28 and was returned unpaid on 2026-05-06, and nothing since; decide the next step yourself")
        let since = text + "2026-05-07 payment pond 200.00\n  apply P-1\n"
        #expect(nextStep(since, asOf: "2026-05-08") == head + "a payment of 1,200.00 GBP came on 2026-04-28 and was returned unpaid on 2026-05-06, and 200.00 GBP since; decide the next step yourself")
        // Before it came back, the promise was kept: no next step names it.
        #expect(nextStep(text, asOf: "2026-05-05")?.hasPrefix("promise") != true)
    }

    /// The same, the cheque thanked for on 1 May before it came back on 6 May: from that day
    /// the demand's next step names the promise. Before: the thank-you held it as a letter
    /// would be held, until 8 May (`cadence` min after it), the agenda saying nothing to do
    /// with 1,200.00 open after a demand and a cheque that bounced.
    @Test func aPromiseBrokenAfterADemandIsTheNextStepFromTheDayThePaymentCameBack() throws {
        let text = Self.bounced.replacingOccurrences(of: "2026-02-10 payment pond 1,200.00\n  method    cheque\n  ref       Chq 000871\n  returned  2026-02-20 refer to drawer\n\n2026-02-13 letter pond thanks\n", with: "") + """
            2026-02-23 letter pond follow-up
              invoices P-1
            2026-03-09 letter pond follow-up
              invoices P-1
            2026-03-23 letter pond final
              invoices P-1
            2026-04-15 letter pond demand
              invoices P-1
            2026-04-20 note pond call
              promise 2026-05-01 1,200.00
            2026-04-28 payment pond 1,200.00
              method    cheque
              returned  2026-05-06 refer to drawer
            2026-05-01 letter pond thanks

            """
        let r = Self.loaded(text, asOf: "2026-05-06")
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse("2026-05-06")!
        let items = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items
        let step = try #require(items.first { $0.kind == .nextStep }, "\(items.map(\.action))")
        #expect(step.why.hasPrefix("promise of 2026-04-20 to pay 1,200.00 GBP by 2026-05-01 not kept after our formal demand: a payment of 1,200.00 GBP came on 2026-04-28 and was returned unpaid on 2026-05-06"), "\(step.why)")
        #expect(items.count == 1, "\(items.map(\.action))")
    }

    /// Our last letter, the thank-you, told them the money was paid: the next step says to
    /// tell them the cheque came back. Before: "…and nothing since; decide the next step
    /// yourself", with no word that the client believes the debt paid.
    @Test func aNextStepAfterAThankYouForTheReturnedPaymentSaysToTellThem() throws {
        let text = Self.bounced.replacingOccurrences(of: "2026-02-10 payment pond 1,200.00\n  method    cheque\n  ref       Chq 000871\n  returned  2026-02-20 refer to drawer\n\n2026-02-13 letter pond thanks\n", with: "") + """
            2026-04-15 letter pond demand
              invoices P-1
            2026-04-20 note pond call
              promise 2026-05-01 1,200.00
            2026-04-28 payment pond 1,200.00
              method    cheque
              returned  2026-05-06 refer to drawer
            2026-05-01 letter pond thanks

            """
        let day = Day.parse("2026-05-12")!
        let r = Self.loaded(text, asOf: "2026-05-12")
        let items = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items
        let step = try #require(items.first { $0.kind == .nextStep }, "\(items.map(\.action))")
        #expect(step.why == "promise of 2026-04-20 to pay 1,200.00 GBP by 2026-05-01 not kept after our formal demand: a payment of 1,200.00 GBP came on 2026-04-28 and was returned unpaid on 2026-05-06, and nothing since; our thank-you of 2026-05-01 told them it was paid: tell them it came back; decide the next step yourself", "\(step.why)")
    }

    /// A demand's list of contacts says what became of the payment the thank-you was for.
    @Test func aDemandsHistoryTellsOfThePaymentThatCameBack() throws {
        let text = Self.bounced + """
            2026-03-02 letter pond follow-up
              invoices P-1
            2026-03-19 letter pond final
              invoices P-1

            """
        let demand = try #require(letter(text, asOf: "2026-04-05"))
        #expect(demand.stage == .demand)
        #expect(demand.values["history"]?.contains("- 10 February 2026: payment of 1,200.00 GBP received for invoice P-1, returned unpaid on 20 February 2026\n- 13 February 2026: our thank-you") == true, "\(demand.values["history"] ?? "")")
    }

    /// A cheque sent before P-1 fell due that came back after is why the demand is sent: the
    /// history starts with it, and the thank-you it earned, though both came before the due day.
    @Test func aDemandsHistoryTellsOfAReturnedPaymentMadeBeforeTheDueDay() throws {
        let text = Self.bounced
            .replacingOccurrences(of: "2026-02-09 letter pond reminder\n  invoices  P-1\n\n", with: "")
            .replacingOccurrences(of: "2026-02-10 payment pond", with: "2026-01-20 payment pond")
            .replacingOccurrences(of: "2026-02-13 letter pond thanks", with: "2026-01-22 letter pond thanks") + """
            2026-02-25 letter pond follow-up
              invoices P-1
            2026-03-10 letter pond follow-up
              invoices P-1
            2026-03-24 letter pond follow-up
              invoices P-1
            2026-04-07 letter pond final
              invoices P-1

            """
        let demand = try #require(letter(text, asOf: "2026-04-20"))
        #expect(demand.stage == .demand)
        #expect(demand.values["history"]?.hasPrefix("""
            - 20 January 2026: payment of 1,200.00 GBP received for invoice P-1, returned unpaid on 20 February 2026
            - 22 January 2026: our thank-you
            - 25 February 2026: our follow-up about P-1
            """) == true, "\(demand.values["history"] ?? "")")
    }

    /// A promise the client kept with a payment that came back is not said to have brought
    /// nothing: the payment was made, and returned. The letter that tells of the return above
    /// refers to it there rather than telling it twice.
    @Test func aPromiseKeptWithAPaymentThatCameBackSaysSo() throws {
        let text = Self.bounced
            .replacingOccurrences(of: "2026-02-13 letter pond thanks\n", with: "")
            .replacingOccurrences(of: "2026-02-10 payment pond", with: "2026-02-09 note pond call\n  promise  2026-02-12 1,200.00\n\n2026-02-10 payment pond")
        let followUp = try #require(letter(text, asOf: "2026-03-02"))
        #expect(followUp.stage == .followUp)
        #expect(followUp.values["payment.returned"] == "Your payment of 1,200.00 GBP on 10 February 2026 was returned unpaid on 20 February 2026, so invoice P-1 is open again.")
        #expect(followUp.values["promise.broken"] == "On 9 February 2026 you told us to expect a payment of 1,200.00 GBP by 12 February 2026; that is the payment that was returned.")
        #expect(!followUp.text.contains("It has not reached us"), "\(followUp.text)")
    }

    /// A demand's history says what came of a promise kept with a payment that came back,
    /// not that nothing was received.
    @Test func aDemandsHistoryTellsOfAPromiseKeptWithAPaymentThatCameBack() throws {
        let text = Self.bounced
            .replacingOccurrences(of: "2026-02-13 letter pond thanks\n", with: "")
            .replacingOccurrences(of: "2026-02-10 payment pond", with: "2026-02-09 note pond call\n  promise  2026-02-12 1,200.00\n\n2026-02-10 payment pond") + """
            2026-03-02 letter pond follow-up
              invoices P-1
            2026-03-19 letter pond final
              invoices P-1

            """
        let demand = try #require(letter(text, asOf: "2026-04-05"))
        #expect(demand.stage == .demand)
        let history = demand.values["history"] ?? ""
        #expect(history.contains("- 9 February 2026: a call with you, in which you promised payment of 1,200.00 GBP by 12 February 2026 (a payment of 1,200.00 GBP came on 10 February 2026 and was returned unpaid on 20 February 2026)\n"), "\(history)")
        #expect(!history.contains("nothing received"))
    }

    func letter(_ text: String, asOf: String) -> (stage: LetterStage, values: [String: String], text: String)? {
        let r = Self.loaded(text, asOf: asOf)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = ClientStory.all(r.ledger, sheet: sheet)[0]
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        guard let stage = choice.stage else { return nil }
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return (stage, values, TemplateSet().template(for: stage).render(values))
    }

    // MARK: Reports and check

    /// The cheque came back on 20 March: the month-end charts count it as paid at the end of
    /// February, as the books stood then (P-1 settled 6 days late, nothing owed), and P-1 open
    /// again at the end of March.
    @Test func theMonthEndChartsCountThePaymentUntilItCameBack() throws {
        let text = Self.bounced.replacingOccurrences(of: "returned  2026-02-20", with: "returned  2026-03-20")
        let r = Self.loaded(text, asOf: "2026-04-05")
        let asOf = Day.parse("2026-04-05")!
        let buckets = AgingOptions(settings: r.ledger.settings)
        let history = ReportHistory(ledger: r.ledger, asOf: asOf, buckets: buckets)
        let feb = try #require(history.months.first { $0.end == Day.parse("2026-02-28")! })
        #expect(feb.aging.map(\.total) == [])
        #expect(feb.dso.map(\.dso) == [0])
        #expect(feb.settled == 1)
        #expect(feb.averageDaysLate == Tenths.mean([6]))
        let mar = try #require(history.months.first { $0.end == Day.parse("2026-03-31")! })
        #expect(mar.aging.map(\.buckets) == [[0, 0, 120_000, 0, 0]])
        #expect(mar.settled == 0)
        // The report's own run, shared with the checker, gives the same months.
        #expect(ReportJob.check(r, asOf: asOf, buckets: buckets).1 == history)
        #expect(r.ledger.payments.isEmpty)
    }

    /// `due check` counts the payments written, a returned one too, and says how many came
    /// back, so the count does not drop when the date passes the return.
    @Test func theChecksSummaryCountsAReturnedPayment() throws {
        let path = try temporaryDirectory() + "/pond.due"
        try Self.bounced.write(toFile: path, atomically: true, encoding: .utf8)
        let after = try DueRun.run(["check", "--as-of", "2026-03-02", path])
        #expect(after.status == 0)
        #expect(after.stderr.hasSuffix("ok — 1 client, 1 invoice, 1 payment or credit (1 returned), 1 file\n"), "\(after.stderr)")
        let before = try DueRun.run(["check", "--as-of", "2026-02-19", path])
        #expect(before.stderr.hasSuffix("ok — 1 client, 1 invoice, 1 payment or credit, 1 file\n"), "\(before.stderr)")
    }

    /// Bustle's cheque of 2 February paid B-1 and came back on 12 February: on 5 February the
    /// books stood at nothing owed.
    static let assertedBeforeTheReturn = """
        settings
          currency GBP

        sender Northgate Advisory Ltd
          contact  Priya Nair
          email    accounts@northgate.example

        client bust Bustle Cafe
          contact  Ann Bustle
          email    ann@bustle.example
          terms    net 30
          methods  cheque, bank transfer

        2026-01-05 invoice bust B-1
          for   Menu design
          item  Design   1 x 2000.00
          tax   VAT 20%

        2026-02-02 payment bust 2,400.00
          method    cheque
          apply     B-1
          returned  2026-02-12 refer to drawer

        2026-02-05 balance bust 0.00

        """

    /// A balance assertion dated before a payment came back is judged with the payment paid,
    /// however late the check; one that is wrong on its day is still found.
    @Test func anAssertionBeforeTheReturnCountsThePaymentAsPaid() {
        for day in ["2026-02-08", "2026-02-20"] {
            let r = Self.loaded(Self.assertedBeforeTheReturn, asOf: day)
            let errors = Checker.check(r, asOf: Day.parse(day)!).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(day): \(errors.map(\.message))")
        }
        let wrong = Self.assertedBeforeTheReturn.replacingOccurrences(of: "balance bust 0.00", with: "balance bust 2,400.00")
        let r = Self.loaded(wrong + "2026-02-13 balance bust 2,400.00\n", asOf: "2026-02-20")
        let found = Checker.check(r, asOf: Day.parse("2026-02-20")!).filter { $0.kind == .E405 }
        #expect(found.map(\.message) == ["'bust' owes 0.00 GBP at the end of 2026-02-05, not 2,400.00 as asserted (difference -2,400.00)"])
    }

    // MARK: Recording

    /// A reminder drafted after the return, on a ledger whose assertion before it holds, is
    /// recorded: the check `due sent` runs first finds nothing wrong.
    @Test func aDraftAfterTheReturnIsRecordedBesideAnEarlierAssertion() throws {
        let ledger = try temporaryDirectory() + "/bust.due"
        try Self.assertedBeforeTheReturn.write(toFile: ledger, atomically: true, encoding: .utf8)
        let drafted = try DueRun.run(["letters", "--as-of", "2026-02-20", ledger])
        #expect(drafted.status == 0, "\(drafted.stdout)\(drafted.stderr)")
        let sent = try DueRun.run(["sent", ledger, "--all"])
        #expect(sent.status == 0, "\(sent.stdout)\(sent.stderr)")
        #expect(sent.stdout.contains("2026-02-20 letter bust reminder (email)"), "\(sent.stdout)")
    }

    /// A thank-you drafted before the cheque came back is recorded by `due sent`, named or with
    /// `--all`: it is judged with the ledger as of its date, when the payment still counted.
    @Test func aThankYouDraftedBeforeTheReturnIsRecorded() throws {
        let text = Self.bounced.replacingOccurrences(of: "2026-02-13 letter pond thanks\n", with: "")
        for all in [false, true] {
            let ledger = try temporaryDirectory() + "/pond.due"
            try text.write(toFile: ledger, atomically: true, encoding: .utf8)
            let drafted = try DueRun.run(["letters", "--as-of", "2026-02-13", ledger])
            #expect(drafted.stdout.contains("pond.letters/2026-02-13-pond-thanks.md"), "\(drafted.stdout)\(drafted.stderr)")
            let draft = FileSystem.directory(of: ledger) + "/pond.letters/2026-02-13-pond-thanks.md"
            let sent = try DueRun.run(["sent", ledger] + (all ? ["--all"] : [draft]))
            #expect(sent.status == 0, "\(sent.stdout)\(sent.stderr)")
            #expect(sent.stdout.contains("2026-02-13 letter pond thanks (email)"), "\(sent.stdout)")
            #expect(try String(contentsOfFile: ledger, encoding: .utf8).hasSuffix("\n\n2026-02-13 letter pond thanks\n  channel  email\n  to       Wendy Pond <wendy@pondside.example>\n"))
        }
    }

    /// An edited thank-you of 13 February, kept when `due letters` runs on 25 February after the
    /// cheque came back on the 20th, is judged as of its date, as `due sent` judges it: the
    /// payment counted then, so the draft is still the letter it was and ready to record.
    @Test func anEditedDraftBeforeTheReturnIsJudgedAsOfItsDate() throws {
        let text = Self.bounced.replacingOccurrences(of: "2026-02-13 letter pond thanks\n", with: "")
        let ledger = try temporaryDirectory() + "/pond.due"
        try text.write(toFile: ledger, atomically: true, encoding: .utf8)
        _ = try DueRun.run(["letters", "--as-of", "2026-02-13", ledger])
        let draft = FileSystem.directory(of: ledger) + "/pond.letters/2026-02-13-pond-thanks.md"
        try (String(contentsOfFile: draft, encoding: .utf8) + "\nWith best wishes to the whole team.\n").write(toFile: draft, atomically: true, encoding: .utf8)
        let later = try DueRun.run(["letters", "--as-of", "2026-02-25", ledger])
        #expect(later.stdout.contains("/pond.letters/2026-02-13-pond-thanks.md: an earlier draft you edited; record it with 'due sent' or delete it\n"), "\(later.stdout)")
        #expect(!later.stdout.contains("no longer bears out"), "\(later.stdout)")
    }

    /// The promise of 9 February was kept with the cheque of the 10th, which came back: the
    /// agenda, the follow-up's reason and a later follow-up that recalls the promise say the
    /// payment was returned, not that the money never arrived.
    @Test func aPromiseKeptWithAPaymentThatCameBackIsRecalledAsReturned() throws {
        let text = Self.bounced
            .replacingOccurrences(of: "2026-02-13 letter pond thanks\n", with: "")
            .replacingOccurrences(of: "2026-02-10 payment pond", with: "2026-02-09 note pond call\n  promise  2026-02-12 1,200.00\n\n2026-02-10 payment pond")
        let r = Self.loaded(text, asOf: "2026-02-21")
        let day = Day.parse("2026-02-21")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = ClientStory.all(r.ledger, sheet: sheet)[0]
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .followUp)
        #expect(choice.reason.hasPrefix("promised on 2026-02-09 to pay by 2026-02-12 and the payment made on 2026-02-10 was returned unpaid; P-1 is"), "\(choice.reason)")

        // A thank-you since holds the next letter: the agenda asks the user to check on it.
        let waiting = Self.bounced
            .replacingOccurrences(of: "2026-02-13 letter pond thanks\n", with: "2026-02-19 letter pond thanks\n")
            .replacingOccurrences(of: "2026-02-10 payment pond", with: "2026-02-12 note pond call\n  promise  2026-02-20 1,200.00\n\n2026-02-18 payment pond")
            .replacingOccurrences(of: "returned  2026-02-20", with: "returned  2026-02-22")
        let held = Self.loaded(waiting, asOf: "2026-02-23")
        let then = Day.parse("2026-02-23")!
        let agenda = Agenda.build(ledger: held.ledger, sheet: BalanceEngine.balances(held.ledger, asOf: then), asOf: then)
        #expect(agenda.items.first { $0.kind == .promise }?.action == "check on the payment of 1,200.00 GBP promised for 2026-02-20: the payment made on 2026-02-18 was returned unpaid", "\(agenda.items.map(\.action))")

        // The count runs from the first letter after the cheque (it came, and answered the
        // reminder): once it is shown, a reply keeping the ladder on follow-ups, it recalls
        // the promise.
        let followedUp = text + "2026-02-21 letter pond follow-up\n  invoices  P-1\n\n2026-03-02 letter pond follow-up\n  invoices  P-1\n\n"
            + "2026-03-10 note pond call\n\n2026-03-16 letter pond follow-up\n  invoices  P-1\n\n"
        let third = try #require(letter(followedUp, asOf: "2026-04-01"))
        #expect(third.values["follow-up.note"]?.contains("The payment you made on 10 February 2026 towards the 1,200.00 GBP you told us on 9 February 2026 to expect by 12 February 2026 was returned unpaid.") == true, "\(third.values["follow-up.note"] ?? "")")
        #expect(!third.text.contains("has not reached us"), "\(third.text)")
    }

    /// The backtest reads each month-end as the books stood then: the cheque of 10 February,
    /// returned on 20 March, came in in the weeks after the end of January, and at the end of
    /// February P-1 was paid, so nothing was forecast for it.
    @Test func theBacktestReadsEachMonthEndAsTheBooksStoodThen() {
        let text = Self.bounced.replacingOccurrences(of: "returned  2026-02-20", with: "returned  2026-03-20")
        let r = Self.loaded(text, asOf: "2026-12-31")
        let january = Day.parse("2026-01-31")!, february = Day.parse("2026-02-28")!
        let b = ForecastBacktest(ledger: r.ledger, dates: [january, february])
        #expect(b.rows.filter { $0.asOf == january }.flatMap(\.weeks).map(\.actual) == [0, 120_000, 0, 0])
        #expect(b.rows.filter { $0.asOf == february }.flatMap(\.weeks).map(\.forecast).reduce(0, +) == 0)
    }

    // MARK: Exports

    /// The payment on its day and its return on its own, so the receivable is what `due aging`
    /// says is owed.
    @Test func theExportsBookThePaymentAndItsReturn() {
        let r = Self.loaded(Self.bounced, asOf: "2026-03-02")
        let text = JournalExport.render(r.ledger, format: .hledger, sourceName: "r.due")
        #expect(text.contains("""
            2026-02-20 Pondside Nursery | Payment returned unpaid Chq 000871 (cheque): refer to drawer  ; client:pond, invoice:P-1
                Assets:Receivable:Pond   1200.00 GBP
                Assets:Bank             -1200.00 GBP
            """), "\(text)")
        #expect(text.contains("2026-02-10 Pondside Nursery | Payment Chq 000871 (cheque)"), "\(text)")
        var perAccount: [String: Int64] = [:]
        for t in JournalBuilder.transactions(r.ledger).transactions {
            #expect(t.postings.reduce(0) { $0 + $1.minor } == 0, "\(t.narration)")
            for p in t.postings { perAccount[p.account, default: 0] += p.minor }
        }
        #expect(perAccount["Assets:Receivable:Pond"] == 120_000)
        #expect(perAccount["Assets:Bank"] == 0)
    }
}
