import Foundation
import Testing
@testable import DueKit

/// Harlow (R9): a payment with no `apply` whose ref names M-113 went, oldest first, to M-112,
/// under a formal demand. Drafted, the next letter thanked them for paying M-112 and asked
/// again for M-113, and only `due check` said W425. Now the letter is held, not drafted, and
/// `due letters`, `due report` and `due sent` say why, with the `apply` line to write.
@Suite struct HeldLetterTests {
    static let ledger = """
        settings
          currency USD

        sender Meridian Structural Engineering BV
          contact Eva Lindqvist
          email   billing@meridian.example
          bank    USD Wire: Account 8837 2291 04, ABA 026009593

        client harlow Harlow Structures Inc
          contact Dana Whitfield
          email   payables@harlow.example
          terms   net 45

        2026-05-11 invoice harlow M-112
          total 9,900.00

        2026-07-20 payment harlow 5,000.00
          ref M-112 PART

        2026-09-07 invoice harlow M-113
          total 4,400.00

        2026-10-28 payment harlow 4,400.00
          method bank transfer
          ref PAYMENT INV M-113

        2026-07-06 letter harlow reminder
          invoices M-112

        2026-07-20 letter harlow follow-up
          invoices M-112

        2026-08-03 letter harlow follow-up
          invoices M-112

        2026-08-17 letter harlow follow-up
          invoices M-112

        2026-09-14 letter harlow final
          invoices M-112

        2026-09-28 letter harlow demand
          invoices M-112

        2026-10-26 letter harlow reminder
          invoices M-113

        """

    static let held = "the follow-up to harlow is not drafted: the payment of 4,400.00 USD on 2026-10-28 names invoice M-113 in its ref, but with no `apply` it went to invoice M-112 (4,400.00): drafted, the letter would ask again for invoice M-113; write `apply M-113` under the payment if that is what it paid (or `apply` lines for what it did pay, if the ref is wrong), then draft again (W425)"

    func write(_ text: String) throws -> String {
        let path = try temporaryDirectory() + "/harlow.due"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Before: "written …-harlow-follow-up.md", the draft saying "Thank you for your payment of
    /// 4,400.00 USD on 28 October 2026 (towards invoice M-112). Following my letter of 26
    /// October 2026, invoice M-113 still shows 4,400.00 USD open", and no word of W425.
    @Test func lettersHoldsTheDraftAndSaysWhy() throws {
        let ledger = try write(Self.ledger)
        let r = try DueRun.run(["letters", "--as-of", "2026-11-16", ledger])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "held \(Self.held)\n", "\(r.stdout)")
        #expect(r.stderr.contains("warning[W425]: this payment's ref names invoice M-113, which it does not pay: with no `apply`, its 4,400.00 USD went to invoice M-112 (4,400.00)"), "\(r.stderr)")
        #expect(r.stderr.contains("write `apply M-113` under the payment"))
        #expect(LetterFolder.drafts(in: FileSystem.directory(of: ledger) + "/harlow.letters").isEmpty)
    }

    @Test func reportSaysTheLetterIsHeld() throws {
        let ledger = try write(Self.ledger)
        let r = try DueRun.run(["report", "--as-of", "2026-11-16", ledger])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Held: \(Self.held)\n"), "\(r.stdout)")
        #expect(r.stderr.contains("warning[W425]"), "\(r.stderr)")
    }

    /// A draft made before the ref was entered as the bank gave it: `due sent --all` passes
    /// over it, saying why, and records nothing.
    @Test func sentWillNotRecordADraftOfTheHeldLetter() throws {
        let ledger = try write(Self.ledger.replacingOccurrences(of: "ref PAYMENT INV M-113", with: "ref PAYMENT"))
        #expect(try DueRun.run(["letters", "--as-of", "2026-11-16", ledger]).status == 0)
        try Self.ledger.write(toFile: ledger, atomically: true, encoding: .utf8)
        let r = try DueRun.run(["sent", "--all", "--as-of", "2026-11-16", ledger])
        #expect(r.stdout.contains("2026-11-16-harlow-follow-up.md: held: the payment of 4,400.00 USD on 2026-10-28 names invoice M-113 in its ref, but with no `apply` it went to invoice M-112 (4,400.00)"), "\(r.stdout)\(r.stderr)")
        #expect(try String(contentsOfFile: ledger, encoding: .utf8) == Self.ledger)
    }

    /// The agenda no longer says to send the letter that is held: before, "send a follow-up
    /// (4,400.00 USD)" because "M-113 is 25 days past due; last letter 2026-10-26, the client
    /// replied on 2026-10-28". One item asks to settle what the payment paid instead.
    @Test func theAgendaAsksToSettleWhatThePaymentPaid() throws {
        let r = load(Self.ledger)
        let day = Day.parse("2026-11-16")!
        let items = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.map { "\($0.action): \($0.why)" }
        #expect(items == [
            "decide the next step (a claim, an agency, or a write-off): formal demand of 2026-09-28 answered since; decide the next step yourself",
            "settle what their payment of 4,400.00 USD on 2026-10-28 paid: its ref names invoice M-113, but with no `apply` it went to invoice M-112: with no `apply`, its 4,400.00 USD went to invoice M-112 (4,400.00); write `apply M-113` under the payment if that is what it paid, or confirm with them which it was; until then the follow-up is not drafted (W425)",
        ], "\(items)")
        // The report's agenda is the same one: no letter counted among its items.
        let path = try write(Self.ledger)
        let report = try DueRun.run(["report", "--as-of", "2026-11-16", path])
        #expect(report.stdout.contains("Today: 2 things on the agenda\n"), "\(report.stdout)")
        let written = try String(contentsOfFile: FileSystem.directory(of: path) + "/harlow.agenda.md", encoding: .utf8)
        #expect(written.contains("| 2 | harlow | settle what their payment of 4,400.00 USD on 2026-10-28 paid: its ref names invoice M-113, but with no \\`apply\\` it went to invoice M-112 |") && !written.contains("send a follow-up"), "\(written)")
    }

    /// Before: `due sent --all` with no draft said only "No drafts to record.", though a
    /// letter was due and held; now it names it, as `due letters` and `due report` do.
    @Test func sentAllNamesAHeldLetterWithNoDraft() throws {
        let ledger = try write(Self.ledger)
        let r = try DueRun.run(["sent", "--all", "--as-of", "2026-11-16", ledger])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "Held: \(Self.held)\nNo drafts to record.\n", "\(r.stdout)")
        #expect(try String(contentsOfFile: ledger, encoding: .utf8) == Self.ledger)
        // With the `apply` line, nothing is held and nothing said of it.
        try Self.ledger.replacingOccurrences(of: "ref PAYMENT INV M-113", with: "ref PAYMENT INV M-113\n  apply M-113").write(toFile: ledger, atomically: true, encoding: .utf8)
        #expect(try DueRun.run(["sent", "--all", "--as-of", "2026-11-16", ledger]).stdout == "No drafts to record.\n")
    }

    /// Told which invoice it paid, the letter is drafted: with `apply M-113`, nothing of M-113
    /// is asked; with `apply M-112` (the money was for the demand after all), M-113 is.
    @Test func anApplyLineLetsTheLetterBeDrafted() throws {
        for apply in ["M-113", "M-112"] {
            let ledger = try write(Self.ledger.replacingOccurrences(of: "ref PAYMENT INV M-113", with: "ref PAYMENT INV M-113\n  apply \(apply)"))
            let r = try DueRun.run(["letters", "--as-of", "2026-11-16", ledger])
            #expect(r.status == 0 && !r.stdout.contains("held"), "\(r.stdout)")
        }
    }

    /// The demand of 28 September claimed the 4,900.00 then open on M-112; 4,400.00 has been
    /// paid since. Before: "My formal demand of 28 September 2026 about invoice M-112 still
    /// stands; this letter is about invoice M-113 alone."
    @Test func theDemandStandsForWhatIsOpenNow() throws {
        let r = load(Self.ledger.replacingOccurrences(of: "ref PAYMENT INV M-113", with: "ref PAYMENT INV M-113\n  apply M-112"))
        let day = Day.parse("2026-11-16")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .followUp)
        let values = LetterFields.values(stage: .followUp, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        #expect(values["on.hold"] == "My formal demand of 28 September 2026 about invoice M-112 still stands for the 500.00 USD still open on it; this letter is about invoice M-113 alone.", "\(values["on.hold"] ?? "")")
    }
}

/// Northbev paid 900.00 with "INV N-1" as its ref: N-1 is north's invoice (one contact, two
/// companies). With no `apply`, the money paid northbev's NB-1; `due check` warned (W425, whose
/// invoice it is), but north's follow-up of 28 April was drafted "Following my letter of 14 April
/// 2026, invoice N-1 still shows 900.00 GBP open", as if nothing had been said of it, and the
/// agenda said "send a follow-up (900.00 GBP)". Now that letter is held as a letter is for a
/// ref naming the client's own invoice.
@Suite struct HeldByAnotherClientsPaymentTests {
    static let ledger = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          email   sam@studio.example
          bank    Sort code 11-22-33, account 12345678

        client north North Ltd
          contact Helen Park
          email   helen@northgate.example
          terms   net 30

        client northbev Northgate Beverages Ltd
          contact Helen Park
          email   helen@northgate.example
          terms   net 30

        2026-03-02 invoice north N-1
          total 900.00

        2026-03-09 invoice northbev NB-1
          total 900.00

        2026-04-14 letter north reminder
          invoices N-1

        2026-04-20 payment northbev 900.00
          ref INV N-1

        """

    static let held = "the follow-up to north is not drafted: the payment of 900.00 GBP on 2026-04-20 from northbev names invoice N-1 of north in its ref, but with no `apply` it went to invoice NB-1 (900.00): drafted, the letter would ask for invoice N-1 as if nothing had been paid for it; if the money was for N-1, write it as north's payment (`payment north 900.00 GBP`) with `apply N-1`; if it was northbev's, write `apply NB-1` under it, then draft again (W425)"

    func write(_ text: String) throws -> String {
        let path = try temporaryDirectory() + "/north.due"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func lettersHoldTheNamedInvoicesClient() throws {
        let ledger = try write(Self.ledger)
        let r = try DueRun.run(["letters", "--as-of", "2026-04-28", ledger])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "held \(Self.held)\n", "\(r.stdout)")
        #expect(r.stderr.contains("warning[W425]: this payment's ref names invoice N-1, which belongs to client north, not to northbev"), "\(r.stderr)")
        #expect(LetterFolder.drafts(in: FileSystem.directory(of: ledger) + "/north.letters").isEmpty)
        let sent = try DueRun.run(["sent", "--all", "--as-of", "2026-04-28", ledger])
        #expect(sent.stdout == "Held: \(Self.held)\nNo drafts to record.\n", "\(sent.stdout)")
    }

    @Test func theAgendaAsksToSettleWhatThePaymentPaid() {
        let r = load(Self.ledger)
        let day = Day.parse("2026-04-28")!
        let items = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.map { "\($0.client): \($0.action): \($0.why)" }
        #expect(items == ["north: settle what northbev's payment of 900.00 GBP on 2026-04-20 paid: its ref names invoice N-1 of north, but with no `apply` it went to northbev's invoice NB-1: with no `apply`, its 900.00 GBP went to invoice NB-1 (900.00); if the money was for N-1, write it as north's payment (`payment north 900.00 GBP`) with `apply N-1`; if it was northbev's, write `apply NB-1` under it, or confirm with them which it was; until then the follow-up to north is not drafted (W425)"], "\(items)")
    }

    /// Either way the user settles it, north's letter is drafted: with `apply NB-1` the money
    /// was northbev's, and N-1 is asked for; written as north's payment, N-1 is paid.
    @Test func settledEitherWayTheLetterIsDrafted() throws {
        let confirmed = try write(Self.ledger.replacingOccurrences(of: "ref INV N-1", with: "ref INV N-1\n  apply NB-1"))
        let r = try DueRun.run(["letters", "--as-of", "2026-04-28", confirmed])
        #expect(r.stdout.hasPrefix("written ") && r.stdout.contains("north-follow-up.md"), "\(r.stdout)")
        let moved = try write(Self.ledger.replacingOccurrences(of: "payment northbev 900.00\n  ref INV N-1", with: "payment north 900.00\n  ref INV N-1\n  apply N-1"))
        #expect(try DueRun.run(["letters", "--as-of", "2026-04-28", moved]).stdout.contains("held") == false)
    }
}
