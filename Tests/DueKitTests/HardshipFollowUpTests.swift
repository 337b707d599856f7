import Testing
@testable import DueKit

/// A follow-up to a client who told us of hard times, or whose plan we offered or agreed, does
/// not ask about "a problem I do not know about": we know of one. It says so, by the contact's
/// date and channel alone, and asks what the client can pay and when (`follow-up.ask`).
@Suite struct HardshipFollowUpTests {
    /// H-1 fell due on 31 January; a reminder went, the client rang on 10 February to say cash
    /// was tight, and a plan was offered the same day, not taken up.
    static let ledger = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client acme Acme Ltd
          contact Jane Doe
          terms net 30

        2026-01-01 invoice acme H-1
          total 3000.00
        2026-02-04 letter acme reminder
          invoices H-1
        2026-02-10 note acme call
          hardship  Cash is tight until their grant comes
        2026-02-10 letter acme plan-offer
          invoices H-1

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

    /// Before: "Could you let me know by 16 March 2026 when we can expect payment of 3,000.00
    /// GBP? If there is a problem I do not know about, tell me and we can find a way through
    /// it together."
    @Test func theFollowUpAcknowledgesWhatTheClientToldUs() throws {
        let d = try letter(Self.ledger, asOf: "2026-03-04")
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.ask"] == "Could you let me know by 16 March 2026 when we can expect payment of 3,000.00 GBP? I have in mind what you told me when we spoke on 10 February 2026 about how things stand: if you cannot pay it all at once, tell me what you can pay and when, and we can find a way through it together.", "\(d.values["follow-up.ask"] ?? "")")
        #expect(d.text.contains("I have in mind what you told me when we spoke on 10 February 2026"))
        #expect(!d.text.contains("I do not know about"), "\(d.text)")
        // The private words stay in the ledger.
        #expect(!d.text.contains("grant"))
    }

    /// Later follow-ups, unanswered, still know what the client told us.
    @Test func soDoLaterFollowUps() throws {
        let d = try letter(Self.ledger + "2026-03-04 letter acme follow-up\n  invoices H-1\n2026-03-18 letter acme follow-up\n  invoices H-1\n", asOf: "2026-04-01")
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.ask"]?.hasSuffix("I have in mind what you told me when we spoke on 10 February 2026 about how things stand: if you cannot pay it all at once, tell me what you can pay and when, and we can find a way through it together.") == true, "\(d.values["follow-up.ask"] ?? "")")
        #expect(!d.text.contains("I do not know about"))
    }

    /// A difficulty noted for the file was not told us by the client: not named, but not
    /// denied either.
    @Test func aHardshipNotedForTheFileIsNotNamed() throws {
        let file = Self.ledger.replacingOccurrences(of: "2026-02-10 note acme call", with: "2026-02-10 note acme file")
        let d = try letter(file, asOf: "2026-03-04")
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.ask"] == "Could you let me know by 16 March 2026 when we can expect payment of 3,000.00 GBP? If you cannot pay it all at once, tell me what you can pay and when, and we can find a way through it together.", "\(d.values["follow-up.ask"] ?? "")")
        #expect(!d.text.contains("10 February 2026 about how things stand"))
        #expect(!d.text.contains("I do not know about"))
    }

    /// A plan offered with no difficulty recorded: the offer still stands, and the letter asks
    /// what the client can pay rather than about a problem unknown.
    @Test func aPlanOfferedAloneIsEnough() throws {
        let offered = Self.ledger.replacingOccurrences(of: "  hardship  Cash is tight until their grant comes\n", with: "")
        let d = try letter(offered, asOf: "2026-03-04")
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.ask"]?.hasSuffix("? If you cannot pay it all at once, tell me what you can pay and when, and we can find a way through it together.") == true, "\(d.values["follow-up.ask"] ?? "")")
        #expect(d.values["plan.offered"] == "The payment plan I offered on 10 February 2026 is still open to you, if spreading the payments would help.")
    }

    /// Under 100.00 left after a payment, with our plan offer still open: the ask agrees with
    /// the offer recalled after it, rather than ask for the sum at once, "when you can".
    @Test func aSmallSumBesideAnOpenPlanOfferAsksWhatTheClientCanPay() throws {
        let small = Self.ledger + "2026-02-20 payment acme 2920.00\n  apply H-1\n"
        let d = try letter(small, asOf: "2026-03-06")
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.ask"] == "Could you let me know by 16 March 2026 when we can expect payment of 80.00 GBP? I have in mind what you told me when we spoke on 10 February 2026 about how things stand: if you cannot pay it all at once, tell me what you can pay and when, and we can find a way through it together.", "\(d.values["follow-up.ask"] ?? "")")
        #expect(d.values["plan.offered"] == "The payment plan I offered on 10 February 2026 is still open to you, if spreading the payments would help.")
        #expect(!d.text.contains("tell me when you can"))
        // With no plan offered, a small sum is still asked for whole.
        let noOffer = small.replacingOccurrences(of: "2026-02-10 letter acme plan-offer\n  invoices H-1\n", with: "2026-02-10 letter acme follow-up\n  invoices H-1\n")
        let plain = try letter(noOffer, asOf: "2026-03-06")
        #expect(plain.values["follow-up.ask"]?.contains("if you cannot pay it now, tell me when you can") == true, "\(plain.values["follow-up.ask"] ?? "")")
    }

    /// Word of hard times about 85.00 calls for no plan offer: spreading it over months is out
    /// of proportion. Before: a plan offer on 10 February, "I can offer to split the 85.00 GBP
    /// into instalments …". The ladder's follow-up goes instead, asking when they can pay it.
    @Test func aSmallSumIsOfferedNoPlan() throws {
        let small = Self.ledger.replacingOccurrences(of: "total 3000.00", with: "total 85.00")
            .replacingOccurrences(of: "2026-02-10 letter acme plan-offer\n  invoices H-1\n", with: "")
        let r = load(small)
        for asOf in ["2026-02-10", "2026-02-17"] {
            let day = Day.parse(asOf)!
            let sheet = BalanceEngine.balances(r.ledger, asOf: day)
            let choice = StageChooser.choose(try #require(ClientStory.all(r.ledger, sheet: sheet).first), ledger: r.ledger, sheet: sheet)
            #expect(choice.stage != .planOffer, "\(asOf): \(choice.reason)")
        }
        let d = try letter(small, asOf: "2026-02-24")
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.ask"] == "Could you let me know by 6 March 2026 when we can expect payment of 85.00 GBP? I have in mind what you told me when we spoke on 10 February 2026 about how things stand: if you cannot pay it now, tell me when you can, and we can find a way through it together.", "\(d.values["follow-up.ask"] ?? "")")
        // From 100.00, the plan is offered as before.
        let hundred = Self.ledger.replacingOccurrences(of: "total 3000.00", with: "total 100.00")
            .replacingOccurrences(of: "2026-02-10 letter acme plan-offer\n  invoices H-1\n", with: "")
        #expect(try letter(hundred, asOf: "2026-02-10").choice.stage == .planOffer)
    }

    /// With nothing told us, the follow-up asks as before.
    @Test func withNothingToldTheOfferOfHelpIsAsBefore() throws {
        let plain = Self.ledger.components(separatedBy: "2026-02-10 note").first!
        let d = try letter(plain, asOf: "2026-02-18")
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.ask"] == "Could you let me know by 2 March 2026 when we can expect payment of 3,000.00 GBP? If there is a problem I do not know about, or paying it all at once is difficult, tell me and we can find a way through it together.", "\(d.values["follow-up.ask"] ?? "")")
    }
}
