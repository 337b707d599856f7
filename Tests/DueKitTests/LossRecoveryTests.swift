import Testing
@testable import DueKit

/// A loss written off (a write-off without `waived`, grammar.md 3.8) is gone in the books but
/// still the client's debt: the engine keeps what of it is not paid back, and money left on
/// account once the open invoices are paid pays it back (§4 rule 5).
@Suite struct LossRecoveryTests {
    let gbp = Currency("GBP")

    func sheet(_ entries: String, asOf: String) -> (Ledger, BalanceSheet) {
        let r = load("""
            settings
              currency GBP
            client acme Acme Ltd
            2026-01-05 invoice acme L-1
              total 1,000.00
            2026-02-20 writeoff acme L-1 300.00
              reason unlikely to recover in full

            """ + entries)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        return (r.ledger, BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!, options: BalanceOptions(collectFacts: true)))
    }

    @Test func aLossIsKeptApartFromASumWaived() {
        let (_, lost) = sheet("", asOf: "2026-02-21")
        #expect(lost.invoices[0].open == 70_000)
        #expect(lost.invoices[0].lost == 30_000 && lost.invoices[0].waived == 0)
        #expect(lost.invoices[0].owed == 100_000 && lost.invoices[0].creditedAsTold == 0)
        #expect(lost.lossWriteOffs == [0])
        let r = load("""
            settings
              currency GBP
            client acme Acme Ltd
            2026-01-05 invoice acme L-1
              total 1,000.00
            2026-02-20 writeoff acme L-1 300.00
              waived

            """)
        let waived = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-02-21")!)
        #expect(waived.invoices[0].lost == 0 && waived.invoices[0].waived == 30_000)
        #expect(waived.invoices[0].owed == 70_000 && waived.invoices[0].creditedAsTold == 30_000)
        #expect(waived.lossWriteOffs.isEmpty)
    }

    /// Paid in full without an `apply`: 700.00 pays what was open, the other 300.00 the loss,
    /// as an `apply` naming the invoice would; nothing goes on account, and the payment met a
    /// debt, so no W404.
    @Test func aPaymentNamingNoInvoicePaysBackTheLoss() {
        let (_, s) = sheet("2026-02-25 payment acme 1,000.00\n", asOf: "2026-02-27")
        let b = s.invoices[0]
        #expect(b.paid == 100_000 && b.writtenOff == 0 && b.lost == 0 && b.open == 0)
        #expect(b.settled == Day.parse("2026-02-25"))
        #expect(s.creditOnAccount.isEmpty && s.clientBalances.isEmpty)
        #expect(s.recoveries == [Recovery(.payment(0), invoice: 0, amount: 30_000, date: Day.parse("2026-02-25")!)])
        #expect(s.applied[s.applied.keys.first ?? -1] == [AppliedMoney(invoice: 0, amount: 70_000), AppliedMoney(invoice: 0, amount: 30_000)])
        #expect(s.facts.isEmpty)
    }

    /// Open invoices are paid first, oldest first (rule 4); only what is left pays back losses,
    /// and what is left after that is on account.
    @Test func moneyOnAccountPaysOpenInvoicesBeforeALoss() {
        let (_, s) = sheet("""
            2026-02-01 invoice acme L-2
              total 500.00
            2026-02-25 payment acme 1,300.00

            """, asOf: "2026-02-27")
        #expect(s.invoices[1].paid == 50_000 && s.invoices[1].open == 0)
        #expect(s.invoices[0].paid == 80_000 && s.invoices[0].lost == 20_000 && s.invoices[0].writtenOff == 20_000)
        #expect(s.creditOnAccount.isEmpty)
        let (_, more) = sheet("2026-02-25 payment acme 1,100.00\n", asOf: "2026-02-27")
        #expect(more.invoices[0].lost == 0 && more.invoices[0].paid == 100_000)
        #expect(more.creditOnAccount == [ClientCurrency(client: "acme", currency: gbp): 10_000])
    }

    /// Money paid while the invoice was in dispute passes over it (rule 4) and over the loss
    /// written off it (rule 5); once the dispute is resolved, it pays the loss back on that
    /// day, from the money held, and a later payment pays back only what it brings.
    @Test func moneyHeldOnAccountPaysBackALossWhenTheDisputeIsResolved() {
        let r = load("""
            settings
              currency GBP
            client acme Acme Ltd
            2026-01-05 invoice acme A-1
              total 1,000.00
            2026-01-20 note acme call
              dispute A-1 Work not delivered
            2026-02-01 payment acme 300.00
            2026-02-10 writeoff acme A-1
              reason gave up
            2026-03-01 note acme call
              resolved A-1 agreed
            2026-03-10 payment acme 10.00

            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let key = ClientCurrency(client: "acme", currency: gbp)
        let held = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-02-28")!)
        #expect(held.invoices[0].lost == 100_000 && held.creditOnAccount == [key: 30_000])
        #expect(held.recoveries.isEmpty)
        let released = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-03-01")!)
        #expect(released.invoices[0].lost == 70_000 && released.invoices[0].paid == 30_000 && released.invoices[0].owed == 70_000)
        #expect(released.creditOnAccount.isEmpty)
        #expect(released.recoveries == [Recovery(.resolution(1), invoice: 0, amount: 30_000, date: Day.parse("2026-03-01")!)])
        let later = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-03-10")!)
        #expect(later.invoices[0].lost == 69_000 && later.invoices[0].paid == 31_000)
        #expect(later.recoveries.last == Recovery(.payment(1), invoice: 0, amount: 1_000, date: Day.parse("2026-03-10")!))
        #expect(later.creditOnAccount.isEmpty)
    }

    /// A credit note is no payment: it pays back no loss, as with an `apply`.
    @Test func aCreditNotePaysBackNoLoss() {
        let (_, s) = sheet("2026-02-25 credit acme 1,000.00\n  number CN-1\n", asOf: "2026-02-27")
        #expect(s.invoices[0].credited == 70_000 && s.invoices[0].lost == 30_000)
        #expect(s.creditOnAccount == [ClientCurrency(client: "acme", currency: gbp): 30_000])
    }
}

/// The agenda's letter line quotes what the letter asks for, a loss with the rest (3.8); its
/// own counts, like the aging, are the books'.
@Suite struct LossInAgendaTests {
    @Test func theLetterLineAsksWhatTheLetterDoes() throws {
        let r = load("""
            settings
              currency GBP
            client acme Acme Ltd
              terms net 30
            2026-01-05 invoice acme L-1
              total 1,000.00
            2026-02-09 letter acme reminder
              invoices L-1
            2026-02-20 writeoff acme L-1 300.00

            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let day = Day.parse("2026-02-23")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let agenda = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day)
        let letter = try #require(agenda.items.first { $0.kind == .letter })
        #expect(letter.action == "send a follow-up (1,000.00 GBP)")
    }

    /// A remainder is judged on what the letters ask for: after a loss of 300.00 and 699.50
    /// paid, the books have 0.50 open but the client owes 300.50, which the reminder asked
    /// for and the follow-up asks for again; no "write off the 0.50 left".
    @Test func aLossIsNoRemainderToWriteOff() throws {
        let r = load("""
            settings
              currency GBP
            client acme Acme Ltd
              terms net 30
            2026-01-05 invoice acme L-1
              total 1,000.00
            2026-02-09 letter acme reminder
              invoices L-1
            2026-02-20 writeoff acme L-1 300.00
            2026-02-25 payment acme 699.50
              apply L-1

            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let day = Day.parse("2026-03-12")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
        #expect(agenda.items.map(\.kind) == [.letter])
        #expect(agenda.items.first?.action == "send a follow-up (300.50 GBP)")
    }

    /// Before any reminder, a 999.50 loss on 1,000.00 leaves 0.50 in the books, but the
    /// reminder asks for 1,000.00: its reason does not call that a remainder, and the ladder
    /// goes on after it.
    @Test func aReminderForALossSaysNoRemainderAndTheLadderGoesOn() throws {
        let text = """
            settings
              currency GBP
            client acme Acme Ltd
              terms net 30
            2026-01-05 invoice acme A-1
              total 1,000.00
            2026-02-20 writeoff acme A-1 999.50

            """
        let first = load(text)
        #expect(first.diagnostics.isEmpty, "\(first.diagnostics.map(\.message))")
        let day = Day.parse("2026-02-23")!
        let reminder = try #require(Agenda.build(ledger: first.ledger, sheet: BalanceEngine.balances(first.ledger, asOf: day), asOf: day).items.first)
        #expect(reminder.action == "send a reminder (1,000.00 GBP)")
        #expect(reminder.why == "A-1 is 19 days past due and no reminder has gone yet")
        let r = load(text + "2026-02-23 letter acme reminder\n  invoices A-1\n")
        let later = Day.parse("2026-03-20")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: later), asOf: later)
        #expect(agenda.items.map(\.action) == ["send a follow-up (1,000.00 GBP)"])
    }

    /// A true remainder with a small loss in it: 0.50 owed, of which 0.20 written off. The
    /// reminder asked for 0.50; what is left to write off is the books' 0.30.
    @Test func aRemainderToWriteOffIsTheBooksFigure() throws {
        let r = load("""
            settings
              currency GBP
            client acme Acme Ltd
              terms net 30
            2026-01-05 invoice acme L-1
              total 1,000.00
            2026-02-09 letter acme reminder
              invoices L-1
            2026-02-20 writeoff acme L-1 0.20
            2026-02-25 payment acme 999.30
              apply L-1 999.30

            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let day = Day.parse("2026-03-12")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
        #expect(agenda.items.map(\.kind) == [.nextStep])
        #expect(agenda.items.first?.action == "write off the 0.50 GBP left, or let it be")
        #expect(agenda.items.first?.why == "only 0.70 GBP left on L-1, less than one unit of its currency, asked for on 2026-02-09")
    }
}

/// A payment plan and an early-payment discount missed meet a loss written off an invoice
/// still open as the letters do: the client still owes it (3.8), so it is neither an
/// instalment paid nor a discount missed.
@Suite struct LossInPlansAndDiscountsTests {
    func agenda(_ l: Ledger, _ asOf: String) -> [Agenda.Item] {
        let day = Day.parse(asOf)!
        return Agenda.build(ledger: l, sheet: BalanceEngine.balances(l, asOf: day), asOf: day).items
    }

    static let plan = """
        settings
          currency GBP
        client acme Acme Ltd
          terms net 30
        2026-01-05 invoice acme A-1
          total 1,000.00
        2026-02-01 plan acme 1,000.00
          for A-1
          2026-03-01 500.00
          2026-04-01 500.00

        """

    /// 500.00 paid of a plan of 1,000.00 and 400.00 written off: the second instalment has not
    /// arrived at all, where the books' 100.00 open made it 400.00 received.
    @Test func aLossIsNoInstalmentPaid() throws {
        let r = load(Self.plan + """
            2026-02-15 writeoff acme A-1 400.00
            2026-03-01 payment acme 500.00
              apply A-1 500.00

            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let day = Day.parse("2026-04-10")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let progress = try #require(PlanProgress.running(story, ledger: r.ledger, sheet: sheet).first)
        #expect(progress.paid == 50_000 && progress.nextShortfall == 50_000)
        let items = agenda(r.ledger, "2026-04-10")
        #expect(items.map(\.action) == ["send an instalment reminder (500.00 GBP)"])
        #expect(items.first?.why == "instalment of 500.00 GBP due 2026-04-01 has not arrived (9 days)")
    }

    /// Nothing paid and 600.00 written off: the first instalment is missed, in the letters and
    /// the aging alike, though the books have less open than the rest of the plan.
    @Test func aLossBeforeAnyPaymentLeavesTheFirstInstalmentMissed() throws {
        let r = load(Self.plan + "2026-02-15 writeoff acme A-1 600.00\n")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        #expect(agenda(r.ledger, "2026-03-10").map(\.action) == ["send an instalment reminder (500.00 GBP)"])
        let day = Day.parse("2026-03-10")!
        let aging = AgingReport(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), options: AgingOptions(settings: r.ledger.settings))
        #expect(aging.lines.first?.open == 40_000)
        #expect(aging.lines.first?.status.missedInstalment == Day.parse("2026-03-01"))
    }

    /// Early-payment discounts missed taken as far as the ladder goes, 15.00 of the 20.00
    /// written off as a loss since: the agenda's item gives one figure, the 5.00 the books
    /// still have open (what a write-off would take), and says the rest is written off, with
    /// no other figure beside it in its reason.
    @Test func aDiscountMissedItemGivesOneFigure() throws {
        let text = """
            settings
              currency GBP
            client acme Acme Ltd
            2026-01-05 invoice acme A-1
              terms 2/10 net 30
              total 1,000.00
            2026-01-25 payment acme 980.00
              apply A-1
            2026-02-09 letter acme reminder
              invoices A-1
            2026-02-23 letter acme follow-up
              invoices A-1
            2026-03-09 letter acme follow-up
              invoices A-1

            """
        let lost = load(text + "2026-03-10 writeoff acme A-1 15.00\n")
        #expect(lost.diagnostics.isEmpty, "\(lost.diagnostics.map(\.message))")
        let items = agenda(lost.ledger, "2026-03-30")
        #expect(items.map(\.action) == ["decide about the 5.00 GBP still open of early-payment discounts missed (the rest of them written off as a loss): write it off, or take it up with them yourself"])
        #expect(items.first?.why == "only early-payment discounts missed are open on A-1, asked for in 3 letters since 2026-02-09; no final notice goes for them")
        #expect(agenda(load(text).ledger, "2026-03-30").map(\.action) == ["decide about the 20.00 GBP still open of early-payment discounts missed: write it off, or take it up with them yourself"])
    }

    /// A plan for written off in full as a loss: it has left the letters, so
    /// the plan letters count the first instalment as met and the courtesy note of 29 May
    /// gave the second one's date, 1 June. The reminder waits for that date, as the note said
    /// it, not for the reply date it would have given had the plan been read by what the
    /// books' history counts owed (A-2's loss with the rest).
    @Test func aCourtesyNoteGaveTheDateThePlanLettersRead() throws {
        let text = """
            settings
              currency GBP
              courtesy on
            client acme Acme Ltd
              terms net 30
            2026-01-05 invoice acme A-1
              total 1,000.00
            2026-01-10 invoice acme A-2
              total 500.00
            2026-04-01 plan acme 1,500.00
              for A-1 A-2
              2026-05-01 500.00
              2026-06-01 500.00
              2026-07-01 500.00
            2026-04-25 writeoff acme A-2

            """
        let note = load(text)
        #expect(note.diagnostics.isEmpty, "\(note.diagnostics.map(\.message))")
        #expect(agenda(note.ledger, "2026-05-29").map(\.why) == ["instalment of 500.00 GBP falls due on 2026-06-01"])
        let r = load(text + "2026-05-29 letter acme instalment\n  invoices A-1\n")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let day = Day.parse("2026-06-05")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let progress = try #require(PlanProgress.running(story, ledger: r.ledger, sheet: sheet).first)
        let letter = try #require(story.letters.last)
        #expect(progress.dateGiven(by: letter, ledger: r.ledger, sheet: sheet) == Day.parse("2026-06-01"))
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .instalment, "\(choice.reason)")
        #expect(choice.reason == "instalment of 500.00 GBP due 2026-06-01 has not arrived (4 days)")
    }

    static let discounted = """
        settings
          currency GBP
        client acme Acme Ltd
        2026-01-05 invoice acme A-1
          terms 2/10 net 30
          total 1,000.00
        2026-02-10 payment acme 500.00
          apply A-1 500.00
        2026-02-20 writeoff acme A-1 480.00
        2026-02-23 letter acme reminder
          invoices A-1

        """

    /// 500.00 paid late and 480.00 written off leave the books 20.00 open, the discount's size,
    /// but the client owes 500.00: no "discount missed" explanation, and the ladder climbs to
    /// a final notice for it rather than stopping as for a difference over terms.
    @Test func aLossIsNoDiscountMissed() throws {
        let r = load(Self.discounted.replacingOccurrences(of: "  currency GBP\n", with: "  currency GBP\n  final-after 1\n"))
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        #expect(agenda(r.ledger, "2026-03-20").map(\.action) == ["send a final notice (500.00 GBP)"])
        let plain = load(Self.discounted)
        let day = Day.parse("2026-03-20")!
        let sheet = BalanceEngine.balances(plain.ledger, asOf: day)
        let story = try #require(ClientStory.all(plain.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: plain.ledger, sheet: sheet)
        #expect(choice.stage == .followUp && !choice.discountsOnly)
        #expect(MissedDiscounts(choice.chased, story: story, ledger: plain.ledger, sheet: sheet).explanations.isEmpty)
    }

    /// A discount missed with a small loss beside it is still one, explained by what the
    /// letter asks for: 980.00 paid late, 5.00 written off, 20.00 owed.
    @Test func aDiscountMissedIsExplainedByWhatIsOwed() throws {
        let r = load(Self.discounted.replacingOccurrences(of: "500.00", with: "980.00").replacingOccurrences(of: "480.00", with: "5.00"))
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let day = Day.parse("2026-03-20")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let missed = MissedDiscounts(choice.chased, story: story, ledger: r.ledger, sheet: sheet)
        #expect(missed.explanations == ["Invoice A-1 offered 2% off for payment within 10 days, that is by 15 January 2026. Your payment arrived on 10 February 2026, after that window had closed, so the discount could not be applied and 20.00 GBP remains to pay."])
    }
}
