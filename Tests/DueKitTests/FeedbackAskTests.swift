import Testing
@testable import DueKit

/// A thank-you asks how the work went at most once a year (7.4 `feedback.ask`): a client who
/// pays often is not asked with every payment.
@Suite struct FeedbackAskTests {
    static let head = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client acme Acme Ltd
          contact Jane Doe
          terms net 30
          methods bank transfer

        2026-01-05 invoice acme A-1
          total 500.00
        2026-02-10 letter acme reminder
          invoices A-1
        2026-02-20 payment acme 500.00
          apply A-1
        2026-02-22 letter acme thanks

        """

    /// A second episode: B-1 reminded of and paid.
    static func later(_ year: Int) -> String {
        """
        \(year)-04-01 invoice acme B-1
          total 700.00
        \(year)-05-10 letter acme reminder
          invoices B-1
        \(year)-05-20 payment acme 700.00
          apply B-1

        """
    }

    static func thanks(_ text: String, asOf: String) throws -> [String: String] {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "acme" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .thanks)
        return LetterFields.values(stage: .thanks, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
    }

    static let ask = "If you have a moment, I would welcome a line on how the work went for you and anything we could do better next time."

    /// The first thank-you asks.
    @Test func theFirstThankYouAsks() throws {
        let first = Self.head.replacingOccurrences(of: "2026-02-22 letter acme thanks\n", with: "")
        #expect(try Self.thanks(first, asOf: "2026-02-22")["feedback.ask"] == Self.ask)
    }

    /// Before: the thank-you of 22 May asked again, three months after that of 22 February.
    @Test func aThankYouWithinAYearOfAnotherDoesNotAskAgain() throws {
        let v = try Self.thanks(Self.head + Self.later(2026), asOf: "2026-05-22")
        #expect(v["feedback.ask"] == nil)
        #expect(v["settlement"]?.contains("invoice B-1") == true)
    }

    /// A year on, the client may be asked again.
    @Test func aYearLaterItAsksAgain() throws {
        #expect(try Self.thanks(Self.head + Self.later(2027), asOf: "2027-05-22")["feedback.ask"] == Self.ask)
    }

    /// Before: a client who paid only after our formal demand of 7 April 2026 (one that claimed
    /// no interest or compensation) was asked "how the work went" in the thank-you for paying.
    /// A year after the demand, a thank-you for later work may ask again.
    @Test func aThankYouAfterAFormalDemandDoesNotAsk() throws {
        let demanded = Self.head.replacingOccurrences(of: "2026-02-20 payment acme 500.00\n  apply A-1\n2026-02-22 letter acme thanks\n", with: """
            2026-02-24 letter acme follow-up
              invoices A-1
            2026-03-10 letter acme follow-up
              invoices A-1
            2026-03-24 letter acme final
              invoices A-1
            2026-04-07 letter acme demand
              invoices A-1
            2026-04-20 payment acme 500.00
              apply A-1

            """)
        let v = try Self.thanks(demanded, asOf: "2026-04-22")
        #expect(v["settlement"] == "Your payment of 500.00 GBP on 20 April 2026 (invoice A-1) has arrived, and your account with us is now fully settled. Thank you for sorting it out.", "\(v["settlement"] ?? "")")
        #expect(v["feedback.ask"] == nil)
        let thanked = demanded + "2026-04-22 letter acme thanks\n\n"
        #expect(try Self.thanks(thanked + Self.later(2027), asOf: "2027-05-22")["feedback.ask"] == Self.ask)
    }
}
