import Testing
@testable import DueKit

/// A first reminder to a client whose latest invoices were each paid well after their due
/// dates does not assume an oversight (`LatePaymentPattern`, `reminder.habit`): it is titled
/// `Reminder`, does not ask to be disregarded, and names the pattern with its figures.
@Suite struct LatePayerReminderTests {
    static let head = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client quinn Quinn Ltd
          contact Sam Quinn
          terms net 30

        """

    /// Q-1 due 4 February, paid 16 February: 12 days late. Q-2 due 4 March, paid 24 March: 20
    /// days. Q-3 due 1 April, paid 2 May: 31 days. Q-4, due 6 May, is open.
    static let threeLate = head + """
        2026-01-05 invoice quinn Q-1
          total 500.00
        2026-02-02 invoice quinn Q-2
          total 600.00
        2026-02-16 payment quinn 500.00
          apply Q-1 500.00
        2026-03-02 invoice quinn Q-3
          total 700.00
        2026-03-24 payment quinn 600.00
          apply Q-2 600.00
        2026-04-06 invoice quinn Q-4
          total 800.00
        2026-05-02 payment quinn 700.00
          apply Q-3 700.00

        """

    func reminder(_ text: String, asOf: String = "2026-05-13") throws -> (values: [String: String], text: String) {
        var r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        // As every command does once it knows its date (3.6).
        r.ledger.takeOutReturnedPayments(by: day)
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .reminder)
        let values = LetterFields.values(stage: .reminder, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return (values, TemplateSet().template(for: .reminder).render(values))
    }

    static let habit = "The last three invoices you paid were each paid 12 to 31 days after their due dates. If our payment terms do not fit how your accounts are run, tell me and we can look at them together."

    /// Before: "**Friendly reminder: 800.00 GBP past due**", "I hope all is well." and "If payment
    /// is already on its way, thank you, and please disregard this note."
    @Test func aClientWhoAlwaysPaysLateIsToldWhatWeHaveSeen() throws {
        let d = try reminder(Self.threeLate)
        #expect(d.text.contains("**Reminder: 800.00 GBP past due**"), "\(d.text)")
        #expect(d.values["reminder.habit"] == Self.habit)
        #expect(d.text.contains("\n\n" + Self.habit + "\n\nIf the payment is already on its way, thank you. If something about the invoice is holding it up"), "\(d.text)")
        #expect(!d.text.contains("disregard"))
        #expect(!d.text.contains("Friendly"))
    }

    /// An older invoice paid on time does not stop the run of the latest three; the count is of
    /// the run, and a fourth late one is counted.
    @Test func theRunIsCountedFromTheLatest() throws {
        let onTimeFirst = Self.head + """
            2025-12-01 invoice quinn Q-0
              total 400.00
            2025-12-20 payment quinn 400.00
              apply Q-0 400.00

            """ + Self.threeLate.dropFirst(Self.head.count)
        #expect(try reminder(onTimeFirst).values["reminder.habit"] == Self.habit)
        // Q-0 due 31 December, paid 9 January: 9 days late, a fourth in the run.
        let fourLate = onTimeFirst.replacingOccurrences(of: "2025-12-20 payment", with: "2026-01-09 payment")
        #expect(try reminder(fourLate).values["reminder.habit"] == "The last four invoices you paid were each paid 9 to 31 days after their due dates. If our payment terms do not fit how your accounts are run, tell me and we can look at them together.")
    }

    /// The latest paid on time, or seven days late (a slip, not a habit): a friendly reminder.
    @Test func aRecentInvoicePaidNearlyOnTimeKeepsTheFriendlyReminder() throws {
        for day in ["2026-04-01", "2026-04-08"] {
            let d = try reminder(Self.threeLate.replacingOccurrences(of: "2026-05-02 payment", with: "\(day) payment"))
            #expect(d.values["reminder.habit"] == "")
            #expect(d.text.contains("**Friendly reminder: 800.00 GBP past due**"))
            #expect(d.text.contains("please disregard this note"))
        }
        // Eight days late is late: 8 to 20.
        let eight = try reminder(Self.threeLate.replacingOccurrences(of: "2026-05-02 payment", with: "2026-04-09 payment"))
        #expect(eight.values["reminder.habit"]?.hasPrefix("The last three invoices you paid were each paid 8 to 20 days after their due dates.") == true)
    }

    /// Lateness that a dispute or a payment plan explains is no habit.
    @Test func lateForAReasonIsNoHabit() throws {
        let disputed = Self.threeLate + "2026-04-03 note quinn email\n  dispute Q-3 Hours on the May report\n2026-04-30 note quinn email\n  resolved Q-3 Hours confirmed\n"
        #expect(try reminder(disputed).values["reminder.habit"] == "")
        let planned = Self.threeLate + "2026-04-10 plan quinn 700.00\n  for Q-3\n  2026-05-02 700.00\n"
        #expect(try reminder(planned).values["reminder.habit"] == "")
    }

    /// The same client on `2/10 net 30`: the net due dates are the same (Q-1 due 4 February, 20
    /// days after the discount's last day, 15 January), and so are the days late, counted from
    /// them. Before: "**Friendly reminder: 800.00 GBP past due**" and "please disregard this
    /// note", and no habit paragraph, whatever the terms of one invoice of the run.
    @Test func discountTermsDoNotHideTheHabit() throws {
        let discount = Self.threeLate.replacingOccurrences(of: "  terms net 30\n", with: "  terms 2/10 net 30\n")
        let d = try reminder(discount)
        #expect(d.values["reminder.habit"] == Self.habit)
        #expect(d.text.contains("**Reminder: 800.00 GBP past due**"), "\(d.text)")
        #expect(!d.text.contains("disregard"))
        // One invoice of the run on discount terms is counted too.
        let one = Self.threeLate.replacingOccurrences(of: "2026-03-02 invoice quinn Q-3\n", with: "2026-03-02 invoice quinn Q-3\n  terms 2/10 net 30\n")
        #expect(try reminder(one).values["reminder.habit"] == Self.habit)
    }

    /// Q-3 (700.00, `2/10 net 30`, due 1 April) paid 686.00 on 25 March, after the discount's
    /// window but before its due date, and the 14.00 the discount would have taken on 2 May:
    /// paid up 31 days late, but all that came late was a discount taken after its window. It
    /// is no habit, and ends the run.
    @Test func aDiscountSettledLateIsNoHabit() throws {
        func ledger(bulkPaid day: String) -> String {
            Self.head.replacingOccurrences(of: "  terms net 30\n", with: "  terms 2/10 net 30\n") + """
                2026-01-05 invoice quinn Q-1
                  total 500.00
                2026-02-02 invoice quinn Q-2
                  total 600.00
                2026-02-16 payment quinn 500.00
                  apply Q-1 500.00
                2026-03-02 invoice quinn Q-3
                  total 700.00
                2026-03-24 payment quinn 600.00
                  apply Q-2 600.00
                \(day) payment quinn 686.00
                  apply Q-3 686.00
                2026-04-10 invoice quinn Q-4
                  total 800.00
                2026-05-02 payment quinn 14.00
                  apply Q-3 14.00

                """
        }
        #expect(try reminder(ledger(bulkPaid: "2026-03-25"), asOf: "2026-05-17").values["reminder.habit"] == "")
        // The 686.00 seven days after Q-3's due date, 14.00 owed the day after: no habit either.
        #expect(try reminder(ledger(bulkPaid: "2026-04-08"), asOf: "2026-05-17").values["reminder.habit"] == "")
        // A day later, the work itself came late: Q-3 counts, paid up 31 days after its due date.
        #expect(try reminder(ledger(bulkPaid: "2026-04-09"), asOf: "2026-05-17").values["reminder.habit"] == Self.habit)
    }

    /// A payment that came back paid nothing: Q-3 is open again, and only two invoices were paid.
    @Test func aReturnedPaymentIsNotCountedAsPaid() throws {
        let returned = Self.threeLate.replacingOccurrences(of: "  apply Q-3 700.00\n", with: "  apply Q-3 700.00\n  returned 2026-05-06 refer to drawer\n")
        let d = try reminder(returned)
        #expect(d.values["reminder.habit"] == "")
    }

    /// A first reminder when the money is more than 30 days past due assumes no oversight, as
    /// for a late payer, but says nothing of a habit: at 30 days it is still the friendly one.
    /// Before, only past 90 days was it titled `Reminder`, and it asked to be disregarded then too.
    @Test func aFirstReminderLongAfterTheDueDateIsPlain() throws {
        let text = Self.head + """
            2026-04-01 invoice quinn Q-1
              for Brochure design
              total 800.00

            """
        // Q-1 falls due on 1 May.
        let month = try reminder(text, asOf: "2026-05-31")
        #expect(month.values["reminder.title"] == "Friendly reminder")
        #expect(month.text.contains("If payment is already on its way, thank you, and please disregard this note."))
        let late = try reminder(text, asOf: "2026-06-01")
        #expect(late.text.contains("**Reminder: 800.00 GBP past due**"))
        #expect(late.text.contains("If the payment is already on its way, thank you. If something about the invoice is holding it up"))
        #expect(!late.text.contains("disregard"))
        #expect(late.values["reminder.habit"] == "")
    }
}
