import Testing
@testable import DueKit

/// A promise is about the money past due on its day (7.2): money the client applied to
/// another invoice does not meet it, in the letter that names it nor in the agenda.
@Suite struct PromiseScopeTests {
    static let head = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client twice Twice Told Books
          contact Tom Wice
          terms net 30
          methods bank transfer

        """

    /// T-1 past due, T-2 not yet due when the client promised T-1's 750.00.
    static let twice = head + """
        2026-10-05 invoice twice T-1
          total 750.00
        2026-10-28 invoice twice T-2
          total 600.00
        2026-11-07 letter twice reminder
          invoices T-1
        2026-11-12 note twice call
          said Will pay T-1 on the 20th, T-2 when due
          promise 2026-11-20 750.00

        """

    static func values(_ text: String, asOf: String) throws -> (choice: StageChoice, values: [String: String]) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "twice" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let stage = try #require(choice.stage)
        return (choice, LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet))
    }

    static func promiseItem(_ text: String, asOf: String) -> String? {
        let r = load(text)
        let day = Day.parse(asOf)!
        return Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day).items.first { $0.kind == .promise }?.action
    }

    @Test func aPaymentAppliedToAnInvoiceNotYetDueDoesNotMeetThePromise() throws {
        let text = Self.twice + """
            2026-11-19 payment twice 600.00
              apply T-2

            """
        let d = try Self.values(text, asOf: "2026-11-21")
        #expect(d.choice.stage == .followUp)
        #expect(d.choice.promise?.state == .broken)
        #expect(d.values["total"] == "750.00 GBP")
        #expect(d.values["promise.broken"] == "On 12 November 2026 you told us to expect a payment of 750.00 GBP by 20 November 2026. It has not reached us. Thank you for your payment of 600.00 GBP on 19 November 2026, which settled invoice T-2; it does not go towards what is asked for here.")
    }

    /// A promise of more than the past-due invoices' totals reaches further: the money for the
    /// invoice not yet due counts towards it.
    @Test func aPromiseOfMoreThanWasPastDueCountsTheOtherWorkToo() throws {
        let text = Self.head + """
            2026-10-05 invoice twice T-1
              total 750.00
            2026-10-28 invoice twice T-2
              total 600.00
            2026-11-07 letter twice reminder
              invoices T-1
            2026-11-12 note twice call
              promise 2026-11-20 1,350.00
            2026-11-19 payment twice 600.00
              apply T-2

            """
        let d = try Self.values(text, asOf: "2026-11-21")
        #expect(d.choice.promise?.state == .partlyKept)
        #expect(d.values["promise.broken"]?.contains("Thank you for the 600.00 GBP that has arrived towards it") == true, "\(d.values["promise.broken"] ?? "")")
    }

    /// The agenda counts what came towards the promise alone: 420.00 applied to an invoice not
    /// yet due on the promise's day is not "received since".
    @Test func theAgendaDoesNotCountMoneyAppliedToOtherWork() throws {
        let text = Self.head + """
            2026-08-03 invoice twice P-1
              total 2400.00
            2026-11-16 invoice twice P-3
              total 420.00
            2026-12-08 note twice email
              promise 2027-01-15 1,700.00
            2026-12-08 payment twice 700.00
              apply P-1
            2027-01-17 letter twice reminder
              invoices P-1 P-3
            2027-01-20 payment twice 420.00
              apply P-3

            """
        #expect(Self.promiseItem(text, asOf: "2027-01-20") == "check on the payment of 1,700.00 GBP promised for 2027-01-15: 700.00 GBP of it received by that day and nothing since, 1,000.00 GBP still to come")
    }

    /// What the reports expect of a promise, by what each invoice's line says is promised.
    static func promisedByInvoice(_ text: String, asOf: String) -> (aging: [String: Int64], forecast: [String: Int64], activity: Int64?) {
        let r = load(text)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
        let aging = AgingReport(ledger: r.ledger, sheet: sheet, options: AgingOptions(settings: r.ledger.settings))
        let forecast = CashForecast(ledger: r.ledger, sheet: sheet, aging: aging)
        let promised = Dictionary(uniqueKeysWithValues: aging.lines.map { ($0.number, $0.status.promised) })
        let expected = Dictionary(uniqueKeysWithValues: forecast.lines.map { l in (l.number, l.parts.filter { $0.basis == .promise }.reduce(Int64(0)) { $0 + $1.amount }) })
        return (promised, expected, aging.activity.promises["twice"]?.amount)
    }

    /// The aging, the forecast and the client activity read a promise as the letters do: 600.00
    /// applied to T-2, not yet due when the client promised T-1's 750.00, keeps nothing of it,
    /// so all 750.00 is still promised on T-1 (it was 150.00), and T-2 is not promised.
    @Test func theAgingDoesNotCountMoneyAppliedToOtherWorkTowardsAPromise() throws {
        let text = Self.twice + """
            2026-11-13 payment twice 600.00
              apply T-2

            """
        let before = Self.promisedByInvoice(text, asOf: "2026-11-14")
        #expect(before.aging == ["T-1": 75_000])
        #expect(before.forecast["T-1"] == 75_000)
        #expect(before.activity == 75_000)
        // The letters agree: nothing of it has arrived.
        let d = try Self.values(text, asOf: "2026-11-21")
        #expect(d.choice.promise?.received == 0)
        // Money towards T-1 counts: 500.00 of it leaves 250.00 promised.
        let part = Self.promisedByInvoice(text + "2026-11-16 payment twice 500.00\n  apply T-1\n", asOf: "2026-11-17")
        #expect(part.aging == ["T-1": 25_000])
        #expect(part.activity == 25_000)
    }

    /// A promise of no amount is about the invoices past due on its day: T-1, not T-2, which
    /// was not yet due (the aging marked both promised); and a payment for T-2 alone does not
    /// keep it (the aging marked nothing promised once it came).
    @Test func aPromiseOfNoAmountCoversOnlyWhatWasPastDue() {
        let text = Self.twice.replacingAll("promise 2026-11-20 750.00", with: "promise 2026-11-20")
        #expect(Self.promisedByInvoice(text, asOf: "2026-11-14").aging == ["T-1": 75_000, "T-2": 0])
        let paidT2 = text + "2026-11-13 payment twice 300.00\n  apply T-2\n"
        #expect(Self.promisedByInvoice(paidT2, asOf: "2026-11-14").aging == ["T-1": 75_000, "T-2": 0])
    }

    /// The agenda expects no more of a promise than is open on the work it is about: a credit
    /// note of 300.00 on T-1 leaves 450.00 of the 750.00 promised to come (it said 750.00,
    /// counting T-2, which the promise is not about), as the aging says.
    @Test func theAgendaExpectsNoMoreThanIsOpenOnTheWorkPromised() {
        let text = Self.twice + """
            2026-11-13 credit twice 300.00
              apply T-1

            """
        #expect(Self.promiseItem(text, asOf: "2026-11-14") == "expect 450.00 GBP of the 750.00 GBP promised for 2026-11-20")
        #expect(Self.promisedByInvoice(text, asOf: "2026-11-14").aging == ["T-1": 45_000, "T-2": 0])
    }

    /// A payment written above the note on the note's day came before the promise: the client
    /// promised what it left open. With T-1 paid that morning and T-2 past due, a promise of
    /// payment by 20 November is broken when nothing more came, in the letters, the agenda and
    /// the aging alike; the same payment written below the note keeps it.
    static let paidThenPromised = head + """
        2026-09-20 invoice twice T-1
          total 750.00
        2026-10-05 invoice twice T-2
          total 600.00
        2026-11-07 letter twice reminder
          invoices T-1 T-2
        2026-11-12 payment twice 750.00
          apply T-1
        2026-11-12 note twice email
          said Finance will pay the rest on the 20th
          promise 2026-11-20

        """

    @Test func aPaymentWrittenAboveThePromiseOnItsDayDoesNotKeepIt() throws {
        let text = Self.paidThenPromised
        #expect(Self.promiseItem(text, asOf: "2026-11-16") == "expect the payment promised for 2026-11-20")
        #expect(Self.promisedByInvoice(text, asOf: "2026-11-16").aging == ["T-2": 60_000])
        let d = try Self.values(text, asOf: "2026-11-21")
        #expect(d.choice.promise?.state == .broken)
        #expect(d.values["promise.broken"] == "On 12 November 2026 you told us to expect payment by 20 November 2026. It has not reached us.")
        // Not thanked for the very email whose promise was broken; the payment is thanked for.
        #expect(d.values["last.contact"] == nil)
        #expect(d.values["payments.received"] == "Thank you for your payment of 750.00 GBP on 12 November 2026 (which settled invoice T-1).")
    }

    /// An invoice that payment settled is not part of what was promised either. A promise of
    /// 1,100.00 after T-1 was paid off that morning, with T-2 (600.00) past due and T-3
    /// (500.00) not yet due, reaches past T-2 to T-3: before, T-1's 750.00 counted among the
    /// work it was about (1,350.00 past due), so it was read as about T-1 and T-2 alone: the
    /// agenda expected 600.00, the aging marked 600.00 promised, and the follow-up told the
    /// client their 500.00 for T-3 "does not go towards what is asked for here".
    static let paidThenPromisedMore = paidThenPromised
        .replacingAll("2026-11-07 letter twice reminder", with: "2026-11-01 invoice twice T-3\n  total 500.00\n2026-11-07 letter twice reminder")
        .replacingAll("promise 2026-11-20", with: "promise 2026-11-20 1,100.00")

    @Test func anInvoicePaidOffAboveThePromiseIsNotPartOfIt() throws {
        let text = Self.paidThenPromisedMore
        #expect(Self.promiseItem(text, asOf: "2026-11-16") == "expect the payment of 1,100.00 GBP promised for 2026-11-20")
        #expect(Self.promisedByInvoice(text, asOf: "2026-11-16").aging == ["T-2": 60_000, "T-3": 50_000])
        let d = try Self.values(text + "2026-11-18 payment twice 500.00\n  apply T-3\n", asOf: "2026-11-21")
        #expect(d.choice.promise?.state == .partlyKept)
        #expect(d.values["promise.broken"] == "On 12 November 2026 you told us to expect a payment of 1,100.00 GBP by 20 November 2026. Thank you for the 500.00 GBP that has arrived towards it (which settled invoice T-3); the remaining 600.00 GBP has not reached us.", "\(d.values["promise.broken"] ?? "")")
        // Written below the note, the same payment came after the promise, which was about
        // T-1 and T-2 then (1,350.00 past due): it is read so still.
        let below = text.replacingAll("""
            2026-11-12 payment twice 750.00
              apply T-1
            2026-11-12 note twice email
              said Finance will pay the rest on the 20th
              promise 2026-11-20 1,100.00

            """, with: """
            2026-11-12 note twice email
              said Finance will pay the rest on the 20th
              promise 2026-11-20 1,100.00
            2026-11-12 payment twice 750.00
              apply T-1

            """)
        #expect(below != text)
        #expect(Self.promisedByInvoice(below, asOf: "2026-11-16").aging == ["T-2": 35_000, "T-3": 0])
    }

    @Test func aPaymentWrittenBelowThePromiseOnItsDayKeepsIt() throws {
        let text = Self.head + """
            2026-09-20 invoice twice T-1
              total 750.00
            2026-10-05 invoice twice T-2
              total 600.00
            2026-11-07 letter twice reminder
              invoices T-1 T-2
            2026-11-12 note twice email
              promise 2026-11-20
            2026-11-12 payment twice 750.00
              apply T-1

            """
        #expect(Self.promiseItem(text, asOf: "2026-11-16") == nil)
        let r = load(text)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-11-21")!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "twice" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.promise?.state == .kept)
        #expect(choice.stage == nil)
    }

    /// T-1 (6,000.00) past due with 4,000.00 left open after a payment, T-2 (900.00) not yet
    /// due, when the client promised 4,900.00: all they had open, the two together.
    static let reaching = head + """
        2026-02-23 invoice twice T-1
          total 6000.00
        2026-04-20 invoice twice T-2
          total 900.00
        2026-04-27 letter twice reminder
          invoices T-1
        2026-05-04 payment twice 2000.00
        2026-05-06 note twice email
          said the balance will follow by the end of May.
          promise 2026-05-29 4,900.00

        """

    /// A promise of more than the past-due invoices had open on its day reaches further, though
    /// it is less than their totals (7.2): before, 4,900.00 was read as part of T-1's 6,000.00,
    /// so T-2 got a reminder on 25 May ("On 6 May 2026 you told us to expect a payment of
    /// 4,900.00 GBP by 29 May 2026 towards invoice T-1; this letter is about invoice T-2, which
    /// is past due as well."), the aging promised 4,000.00 of it and the agenda expected
    /// "4,000.00 GBP of the 4,900.00 GBP promised".
    @Test func aPromiseOfMoreThanWasOpenOnThePastDueInvoicesCoversTheRest() throws {
        let r = load(Self.reaching)
        let day = Day.parse("2026-05-25")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "twice" })
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == nil)
        #expect(choice.reason == "promised on 2026-05-06 to pay by 2026-05-29; wait until then")
        #expect(Self.promiseItem(Self.reaching, asOf: "2026-05-25") == "expect the payment of 4,900.00 GBP promised for 2026-05-29")
        let promised = Self.promisedByInvoice(Self.reaching, asOf: "2026-05-25")
        #expect(promised.aging == ["T-1": 400_000, "T-2": 90_000])
        #expect(promised.activity == 490_000)
    }

    /// What is still missing of it is counted over both invoices: with 1,000.00 come since,
    /// 3,900.00 (before: "the remaining 3,000.00 GBP", what was left of T-1 alone).
    @Test func whatIsMissingOfAPromiseThatReachedFurtherCountsAllItCovered() throws {
        let text = Self.reaching + """
            2026-06-15 payment twice 1000.00

            """
        let d = try Self.values(text, asOf: "2026-06-16")
        #expect(d.choice.stage == .followUp)
        #expect(d.choice.promise?.shortfall == 390_000)
        #expect(d.values["promise.broken"] == "On 6 May 2026 you told us to expect a payment of 4,900.00 GBP by 29 May 2026. Nothing had reached us by then; thank you for the 1,000.00 GBP that has arrived since. The remaining 3,900.00 GBP has not reached us.")
        let r = load(text)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-06-16")!)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first { $0.client.id == "twice" })
        let recalled = try #require(d.choice.promise.map { LetterFields.promiseRecalled($0, returned: [], story: story, files: r.ledger.files) })
        #expect(recalled == "Of the 4,900.00 GBP you told us on 6 May 2026 to expect by 29 May 2026, 1,000.00 GBP has arrived; the remaining 3,900.00 GBP has not.")
    }
}
