import Testing
@testable import DueKit

/// A reminder or follow-up asking only for an early-payment discount missed
/// (`StageChoice.asksOnlyDiscountsMissed`) asks for a difference over terms the client may
/// believe they do not owe: it is named for what it is, and asks when they sent the payment
/// if they think it was in time, rather than reading as a chase for an invoice left unpaid.
@Suite struct DiscountOnlyWordingTests {
    /// A1 offered 2% off for payment by 11 January; 980.00 came on 12 January.
    static let ledger = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client acme Acme Ltd
          contact Jane Doe
          terms net 30

        2026-01-01 invoice acme A1
          terms 2/10 net 30
          total 1000.00
        2026-01-12 payment acme 980.00
          apply A1 980.00

        """

    func letter(_ text: String, asOf: String) throws -> (choice: StageChoice, values: [String: String], text: String) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse(asOf)!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let stage = try #require(choice.stage)
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        return (choice, values, TemplateSet().template(for: stage).render(values))
    }

    /// Before: "**Friendly reminder: 20.00 GBP past due**" and "If payment is already on its
    /// way, thank you, and please disregard this note."
    @Test func theReminderIsTitledForTheDiscountAndAsksWhenTheyPaid() throws {
        let d = try letter(Self.ledger, asOf: "2026-02-04")
        #expect(d.choice.stage == .reminder && d.choice.asksOnlyDiscountsMissed)
        #expect(d.text.contains("**Early-payment discount: 20.00 GBP past due**"), "\(d.text)")
        #expect(d.values["reminder.close"] == "If you believe your payment was made in time, please tell me the date you sent it and I will look into it.")
        #expect(!d.text.contains("disregard"))
    }

    /// Before: "… I will look into it. If something about the invoice is holding it up, let me
    /// know and I will help put it right. Otherwise, could you arrange payment of 20.00 GBP by
    /// 16 February 2026?": a discount missed holds nothing up.
    @Test func theReminderAsksForTheSumAlone() throws {
        let d = try letter(Self.ledger, asOf: "2026-02-04")
        #expect(d.text.contains("If you believe your payment was made in time, please tell me the date you sent it and I will look into it. Otherwise, could you arrange payment of 20.00 GBP by 16 February 2026?\n"), "\(d.text)")
        #expect(!d.text.contains("holding it up"))
    }

    /// Before: "Could you let me know by 2 March 2026 when we can expect payment of 20.00 GBP?
    /// If there is a problem I do not know about, tell me and we can find a way through it
    /// together.", and the question about the date sent in a paragraph of its own.
    @Test func theFollowUpAsksForTheSumOrTheDateSent() throws {
        let d = try letter(Self.ledger + "2026-02-04 letter acme reminder\n  invoices A1\n", asOf: "2026-02-18")
        #expect(d.choice.stage == .followUp && d.choice.asksOnlyDiscountsMissed)
        #expect(d.values["follow-up.ask"] == "If you believe your payment was made in time, please tell me the date you sent it and I will look into it. Otherwise, could you arrange payment of 20.00 GBP by 2 March 2026?", "\(d.values["follow-up.ask"] ?? "")")
        #expect(!d.text.contains("when we can expect payment"))
        #expect(!d.text.contains("I do not know about"))
        // Asked once.
        #expect(d.text.components(separatedBy: "If you believe your payment was made in time").count == 2, "\(d.text)")
    }

    /// Once the client has answered a letter about it, the sum alone is asked for.
    @Test func afterAnAnswerTheFollowUpAsksForTheSumAlone() throws {
        let d = try letter(Self.ledger + "2026-02-04 letter acme reminder\n  invoices A1\n2026-02-06 note acme call\n", asOf: "2026-02-20")
        #expect(d.choice.stage == .followUp && d.choice.asksOnlyDiscountsMissed)
        #expect(d.values["follow-up.ask"] == "Could you arrange payment of 20.00 GBP by 2 March 2026?", "\(d.values["follow-up.ask"] ?? "")")
    }

    /// Before: "Following my letter of 4 February 2026, invoice A1 still shows 20.00 GBP open,
    /// now 18 days past its due date.", and no word for a client who thinks they paid in time.
    @Test func theFollowUpSpeaksOfTheDiscountNotOfAnUnpaidInvoice() throws {
        let d = try letter(Self.ledger + "2026-02-04 letter acme reminder\n  invoices A1\n", asOf: "2026-02-18")
        #expect(d.choice.stage == .followUp && d.choice.asksOnlyDiscountsMissed)
        #expect(d.values["again"] == "Following my letter of 4 February 2026 about the early-payment discount missed on invoice A1, 20.00 GBP remains open on it.", "\(d.values["again"] ?? "")")
        #expect((d.values["follow-up.note"] ?? "").isEmpty)
        #expect(!d.text.contains("past its due date"))
    }

    /// The reminder of 4 February went before the 980.00 of 10 February, which left the
    /// discount missed: it asked for the whole 1,000.00, not for a discount. Before: "Following
    /// my letter of 4 February 2026 about the early-payment discount missed on invoice A2,
    /// 20.00 GBP remains open on it."
    static let paidAfterTheReminder = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee

        client acme Acme Ltd
          contact Jane Doe
          terms 2/10 net 30

        2026-01-01 invoice acme A2
          total 1000.00
        2026-02-04 letter acme reminder
          invoices A2
        2026-02-10 payment acme 980.00
          apply A2

        """

    @Test func aLetterBeforeThePaymentWasNotAboutTheDiscount() throws {
        let d = try letter(Self.paidAfterTheReminder, asOf: "2026-03-04")
        #expect(d.choice.stage == .followUp && d.choice.asksOnlyDiscountsMissed)
        #expect(d.values["again"] == "Following my letter of 4 February 2026, 20.00 GBP remains open on invoice A2.", "\(d.text)")
    }

    /// Once the ladder has gone as far as it goes, the agenda counts the letters that asked for
    /// the discount: those since the payment. Before: "asked for in 4 letters since 2026-02-04".
    @Test func theAgendaCountsOnlyTheLettersAboutTheDiscount() throws {
        var text = Self.paidAfterTheReminder
        for day in ["2026-03-04", "2026-03-21", "2026-04-07"] { text += "\(day) letter acme follow-up\n  invoices A2\n" }
        let r = load(text)
        let day = Day.parse("2026-04-30")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.discountsOnly)
        #expect(choice.reason == "only early-payment discounts missed are open on A2, asked for in 3 letters since 2026-03-04; no final notice goes for them", "\(choice.reason)")
    }

    /// A promise about the difference, not kept: the client has owned it, and is not asked
    /// whether they paid in time.
    @Test func notAfterAPromiseBroken() throws {
        let d = try letter(Self.ledger + "2026-01-20 note acme call\n  promise 2026-01-31 20.00\n", asOf: "2026-02-04")
        #expect(d.choice.stage == .reminder && d.choice.asksOnlyDiscountsMissed)
        #expect(d.values["reminder.title"] == "Reminder")
        #expect(d.values["reminder.close"] == "If the payment is already on its way, thank you.")
    }

    /// Beside unpaid work the reminder is the usual one.
    @Test func notBesideUnpaidWork() throws {
        let d = try letter(Self.ledger + "2026-01-02 invoice acme A2\n  total 500.00\n", asOf: "2026-02-04")
        #expect(d.choice.stage == .reminder && !d.choice.asksOnlyDiscountsMissed)
        #expect(d.values["reminder.title"] == "Friendly reminder")
        #expect(d.values["reminder.close"] == "If payment is already on its way, thank you, and please disregard this note.")
    }

    /// B1 offered 2% off by 12 March: 980.00 would have settled it; 975.00 came on 10 March,
    /// in time but 5.00 short, which is no slip (grammar §4 rule 6): 25.00 is owed.
    static let shortInTime = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client acme Acme Ltd
          contact Jane Doe
          terms net 30

        2026-03-02 invoice acme B1
          terms 2/10 net 30
          total 1000.00
        2026-03-10 payment acme 975.00
          apply B1

        """

    /// Before: "You paid 975.00 GBP towards it by 10 March 2026, 5.00 GBP short, …" and "If you
    /// believe your payment was made in time, please tell me the date you sent it and I will
    /// look into it.", in the reminder and again in the follow-up, of money that came in time.
    @Test func aPaymentInTimeButShortIsAskedAboutTheFiguresNotTheDate() throws {
        let r = try letter(Self.shortInTime, asOf: "2026-04-04")
        #expect(r.choice.stage == .reminder && r.choice.asksOnlyDiscountsMissed)
        #expect(r.values["discount.missed"] == "Invoice B1 offered 2% off for payment within 10 days, that is by 12 March 2026: 980.00 GBP paid by then would have settled it. You paid 975.00 GBP towards it by 10 March 2026, in time but 5.00 GBP short of 980.00 GBP, so the discount could not be applied and 25.00 GBP remains to pay.")
        #expect(r.text.contains("If your figures differ from these, please tell me and I will look into it. Otherwise, could you arrange payment of 25.00 GBP by 14 April 2026?\n"), "\(r.text)")
        #expect(!r.text.contains("made in time") && !r.text.contains("date you sent"))
        let f = try letter(Self.shortInTime + "2026-04-04 letter acme reminder\n  invoices B1\n", asOf: "2026-04-18")
        #expect(f.choice.stage == .followUp)
        #expect(f.values["follow-up.ask"] == "If your figures differ from these, please tell me and I will look into it. Otherwise, could you arrange payment of 25.00 GBP by 28 April 2026?", "\(f.values["follow-up.ask"] ?? "")")
        // A payment after its window still has its date asked for.
        let late = try letter(Self.shortInTime.replacingOccurrences(of: "2026-03-10 payment acme 975.00", with: "2026-03-13 payment acme 980.00"), asOf: "2026-04-04")
        #expect(late.values["reminder.close"] == "If you believe your payment was made in time, please tell me the date you sent it and I will look into it.")
    }
}
