import Testing
@testable import DueKit

/// Shared by the suites below: one client, GBP, net 30.
private let header = """
    settings
      currency GBP

    sender Test Studio Ltd
      contact Sam Lee
      bank Sort code 11-22-33, account 12345678

    client acme Acme Ltd
      contact Jane Doe
      terms net 30

    """

private func letter(_ text: String, asOf: String) throws -> (choice: StageChoice, values: [String: String], text: String) {
    let r = load(header + text)
    #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
    let day = Day.parse(asOf)!
    let sheet = BalanceEngine.balances(r.ledger, asOf: day)
    let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
    let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
    let stage = try #require(choice.stage)
    let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
    return (choice, values, TemplateSet().template(for: stage).render(values))
}

/// A count of letters the client can check against their inbox counts every letter about the
/// money, payment plan offers among them, and so agrees with the last letter it names.
@Suite struct LetterCountOffersTests {
    /// A reminder, two follow-ups answered with word of hard times, each answered by a plan
    /// offer: five letters about M-1 before the follow-up of 27 July.
    static let ledger = """
        2026-04-20 invoice acme M-1
          total 6,000.00
        2026-06-09 letter acme reminder
          invoices M-1
        2026-06-23 letter acme follow-up
          invoices M-1
        2026-06-25 note acme email
          said Cash is tight until our round closes
          hardship Funding round delayed
        2026-06-26 letter acme plan-offer
          invoices M-1
        2026-07-10 letter acme follow-up
          invoices M-1
        2026-07-12 note acme email
          said Cash is tight until our round closes
          hardship Funding round delayed
        2026-07-13 letter acme plan-offer
          invoices M-1

        """

    /// Before: "This is my fourth letter about this", the two plan offers left out.
    @Test func aFollowUpCountsThePlanOffers() throws {
        let d = try letter(Self.ledger, asOf: "2026-07-27")
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.note"]?.hasPrefix("This is my sixth letter about this, counting from my letter of 9 June 2026;") == true, "\(d.values["follow-up.note"] ?? "")")
    }

    /// The count with its plan offers, and the last of them named as the last letter.
    @Test func countedAsTheyAreCountedForTheLastLetter() throws {
        let r = load(header + Self.ledger)
        let day = Day.parse("2026-07-27")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let count = try #require(LetterCount(chased: story.open, story: story, ledger: r.ledger, sheet: sheet))
        #expect(count.ladder == 3 && count.aboutIt == 2 && count.letters == 5)
    }
}

/// A final notice after letters answered but unpaid thanks for the last reply before it counts
/// the letters, not after the count and the last letter.
@Suite struct FinalNoticeThanksOrderTests {
    static let ledger = """
        2026-03-02 invoice acme N-1
          total 9,500.00
        2026-04-04 letter acme reminder
          invoices N-1
        2026-04-07 note acme call
          said Will look into it
        2026-04-21 letter acme follow-up
          invoices N-1
        2026-04-24 note acme call
          said Will look into it
        2026-05-08 letter acme follow-up
          invoices N-1
        2026-05-11 note acme call
          said Will look into it
        2026-05-25 letter acme follow-up
          invoices N-1
        2026-05-28 note acme call
          said Will look into it
        2026-06-11 letter acme follow-up
          invoices N-1
        2026-06-14 note acme call
          said Will look into it
        2026-06-28 letter acme follow-up
          invoices N-1
        2026-07-01 note acme call
          said Will look into it

        """

    /// Before: "… I have written to you about it six times since 4 April 2026; you have
    /// answered, but no payment towards it has come." then "I last wrote to you on 28 June
    /// 2026 …" and only then "Thank you for taking the time to talk on 1 July 2026."
    @Test func theThanksComesBeforeTheCount() throws {
        let d = try letter(Self.ledger, asOf: "2026-07-15")
        #expect(d.choice.stage == .final && d.choice.stalled)
        #expect(d.values["final.opening"] == "Thank you for taking the time to talk on 1 July 2026. This is a final notice about invoice N-1: 9,500.00 GBP is still to pay, 105 days past its due date. I have written to you about it six times since 4 April 2026; you have answered, but no payment towards it has come.", "\(d.values["final.opening"] ?? "")")
        #expect(d.values["last.contact"] == nil)
        #expect(d.text.components(separatedBy: "Thank you for taking the time").count == 2)
    }
}

/// A payment for other work a few days ago is not named as the start of a silence.
@Suite struct RecentPaymentNotSilenceTests {
    /// Two letters about Q-2 unanswered; Q-3, never asked for, paid the day before.
    static let ledger = """
        2026-01-30 invoice acme Q-2
          total 800.00
        2026-03-30 invoice acme Q-3
          total 300.00
        2026-03-14 letter acme reminder
          invoices Q-2
        2026-03-28 letter acme follow-up
          invoices Q-2
        2026-04-10 payment acme 300.00
          apply Q-3

        """

    /// Before: "As I have not heard from you since your payment of 10 April 2026, I would be
    /// grateful for a reply, even a short one."; then "As my letters about this have gone
    /// unanswered, …", though the payment came since them: an answer of a kind.
    @Test func aPaymentYesterdayIsNoSilence() throws {
        let d = try letter(Self.ledger, asOf: "2026-04-11")
        #expect(d.choice.stage == .followUp && d.choice.unanswered == 2)
        #expect(d.values["follow-up.note"]?.hasPrefix("As nothing has come towards invoice Q-2 since my letter of 14 March 2026, I would be grateful for a reply, even a short one.") == true, "\(d.values["follow-up.note"] ?? "")")
    }

    /// More than `cadence` min days (7) after it, a payment made before our last letter is
    /// named as the last word heard: that letter has gone unanswered since.
    @Test func aPaymentBeforeOurLastLetterIsNamed() throws {
        let text = Self.ledger.replacingOccurrences(of: "2026-03-30 invoice acme Q-3", with: "2026-03-16 invoice acme Q-3")
            .replacingOccurrences(of: "2026-04-10 payment", with: "2026-03-20 payment")
        let d = try letter(text, asOf: "2026-04-11")
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.note"]?.hasPrefix("As I have not heard from you since your payment of 20 March 2026,") == true, "\(d.values["follow-up.note"] ?? "")")
    }

    /// Nordberg, 24 August: a payment made after our last letter, days before this one, is no
    /// silence however many days ago it came: no letter of ours has gone since.
    /// Before: "As I have not heard from you since your payment of 3 April 2026, I would be
    /// grateful for a reply, even a short one. If I hear nothing …"; now, as for a payment
    /// yesterday, what has not come since our first letter, not that the letters went unanswered.
    @Test func aPaymentSinceOurLastLetterIsNoSilence() throws {
        let text = Self.ledger.replacingOccurrences(of: "2026-04-10 payment", with: "2026-04-03 payment")
        let d = try letter(text, asOf: "2026-04-11")
        #expect(d.choice.stage == .followUp && d.choice.unanswered == 2)
        #expect(d.values["follow-up.note"] == "As nothing has come towards invoice Q-2 since my letter of 14 March 2026, I would be grateful for a reply, even a short one. If I hear nothing and no payment comes, my next letter will be a final notice.", "\(d.values["follow-up.note"] ?? "")")
    }
}

/// Dufour, 29 June: a promise of 6,400.00 by 30 April, named broken on 4 May, then 3,000.00
/// paid late on 10 June. The next follow-up thanks them for the 3,000.00 and must not leave
/// the promise unnamed, as if it were kept.
@Suite struct PromiseShortAfterPaymentTests {
    static let ledger = """
        2026-03-02 invoice acme M-150
          total 6,400.00
        2026-04-06 letter acme reminder
          invoices M-150
        2026-04-14 note acme call
          said Will pay by end of month
          promise 2026-04-30 6400.00
        2026-05-04 letter acme follow-up
          invoices M-150
        2026-05-18 letter acme follow-up
          invoices M-150
        2026-06-01 letter acme follow-up
          invoices M-150
        2026-06-10 payment acme 3,000.00
          apply M-150

        """

    /// Before: no word of the promise (`follow-up.note` empty), after "Thank you for your
    /// payment of 3,000.00 GBP on 10 June 2026 (towards invoice M-150)."
    @Test func theFollowUpAfterPartOfItNamesTheRest() throws {
        let d = try letter(Self.ledger, asOf: "2026-06-29")
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.note"] == "Of the 6,400.00 GBP you told us on 14 April 2026 to expect by 30 April 2026, 3,000.00 GBP has arrived; the remaining 3,400.00 GBP has not.", "\(d.values["follow-up.note"] ?? "")")
        #expect(d.text.contains("Thank you for your payment of 3,000.00 GBP on 10 June 2026 (towards invoice M-150)."))
    }

    /// Named once: the letter after it, with no money since, names it as before (the promise
    /// broken, and that letter unanswered), not twice.
    @Test func theLetterAfterThatNamesItOnce() throws {
        let text = Self.ledger + """
            2026-06-29 letter acme follow-up
              invoices M-150

            """
        let d = try letter(text, asOf: "2026-07-13")
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.note"] == "As the rest of the payment you promised has not come, and my letter of 29 June 2026 has gone unanswered, I would be grateful for a reply, even a short one.", "\(d.values["follow-up.note"] ?? "")")
    }
}
