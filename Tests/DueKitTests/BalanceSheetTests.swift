import Testing
@testable import DueKit

private func day(_ s: String) -> Day { Day.parse(s)! }

/// Figures worked out by hand: acme pays 1,000.00 of A-1 (1,200.00), writes off 50.00 of it
/// and then the rest (150.00); A-2 (500.00) stays open, is disputed twice and resolved once,
/// and a write-off of 20.00 on it is dated after the as-of date. beta overpays B-1 (300.00) by
/// 50.00, which stays on account.
private let text = """
    settings
      currency GBP
    client acme Acme Widgets Ltd
    client beta Beta Bakeries
    2026-03-02 invoice acme A-1
      total 1,200.00
    2026-03-03 invoice acme A-2
      total 500.00
    2026-03-04 invoice beta B-1
      total 300.00
    2026-03-20 payment acme 1,000.00
      apply A-1
    2026-03-25 payment beta 350.00
    2026-04-01 writeoff acme A-1 50.00
    2026-04-05 writeoff acme A-1
    2026-12-01 writeoff acme A-2 20.00
    2026-04-01 note acme email
      dispute A-2 Not approved
    2026-04-10 note acme call
      dispute A-2 Still not approved
    2026-04-20 note acme call
      resolved A-2 Sorted
    2026-05-01 note acme call
      resolved A-2 Sorted again
    2026-05-02 note beta call
      resolved B-1 Nothing to resolve

    """

private func ledger() -> Ledger {
    let r = load(text)
    #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
    return r.ledger
}

@Suite struct BalanceSheetTests {
    /// Through the last entry: the sheet as of the later of the as-of date and the last entry,
    /// whether that entry is one the run applies (the write-off of 2026-12-01) or one it only
    /// reads for its date (a note), with the sheets on the way that a run as of that date
    /// hands out.
    @Test func throughTheLastEntryIsAsOfTheLaterOfTheDateAndTheLastEntry() {
        let noteLast = load(text + "2027-01-15 note beta call\n")
        #expect(noteLast.diagnostics.isEmpty, "\(noteLast.diagnostics.map(\.message))")
        let dates = [day("2026-03-31"), day("2026-11-30"), day("2026-12-31"), day("2027-01-31")]
        for (l, asOf, through) in [(ledger(), day("2026-11-20"), day("2026-12-01")), (noteLast.ledger, day("2026-11-20"), day("2027-01-15")), (ledger(), day("2027-02-01"), day("2027-02-01"))] {
            #expect(Checker.latestDate(l) <= through)
            var expectedSheets: [BalanceSheet] = [], sheets: [BalanceSheet] = []
            let options = BalanceOptions(collectFacts: true)
            let expected = BalanceEngine.balances(l, asOf: through, options: options, passing: dates) { expectedSheets.append($0) }
            let sheet = BalanceEngine.balancesThroughLastEntry(l, from: asOf, options: options, passing: dates) { sheets.append($0) }
            #expect(sheet.asOf == through)
            #expect(sheet.invoices == expected.invoices)
            #expect(sheet.clientBalances == expected.clientBalances)
            #expect(sheet.creditOnAccount == expected.creditOnAccount)
            #expect(sheet.writtenOff == expected.writtenOff)
            #expect(sheet.facts.count == expected.facts.count)
            #expect(sheets.map(\.asOf) == expectedSheets.map(\.asOf))
            #expect(sheets.map(\.invoices) == expectedSheets.map(\.invoices))
        }
    }

    @Test func clientBalancesAreOpenInvoicesLessCreditOnAccount() {
        let sheet = BalanceEngine.balances(ledger(), asOf: day("2026-11-20"))
        let gbp = Currency("GBP")
        #expect(sheet.clientBalances == [ClientCurrency(client: "acme", currency: gbp): 50_000, ClientCurrency(client: "beta", currency: gbp): -5_000])
        #expect(sheet.creditOnAccount == [ClientCurrency(client: "beta", currency: gbp): 5_000])
        // Before anything was paid: every invoice in full.
        let early = BalanceEngine.balances(ledger(), asOf: day("2026-03-04"))
        #expect(early.clientBalances == [ClientCurrency(client: "acme", currency: gbp): 170_000, ClientCurrency(client: "beta", currency: gbp): 30_000])
    }

    /// One client's money on account and balances, read currency by currency, are what the
    /// sheet's tables hold for that client: beta's 50.00 on account, acme's 500.00 owed, and
    /// euro's 30.00 overpaid in a second currency.
    @Test func oneClientsFiguresAreTheTablesRowsForThatClient() {
        let r = load(text + "client euro Euro GmbH\n  currency EUR\n2026-06-01 invoice euro E-1\n  total 100.00\n2026-06-02 payment euro 130.00\n")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: day("2026-11-20"))
        let gbp = Currency("GBP"), eur = Currency("EUR")
        #expect(sheet.currencies == [eur, gbp])
        #expect(sheet.heldOnAccount(by: "beta").map(\.currency) == [gbp] && sheet.heldOnAccount(by: "beta").map(\.amount) == [5_000])
        #expect(sheet.heldOnAccount(by: "euro").map(\.currency) == [eur] && sheet.heldOnAccount(by: "euro").map(\.amount) == [3_000])
        #expect(sheet.heldOnAccount(by: "acme").isEmpty)
        #expect(sheet.balances(of: "acme").map(\.currency) == [gbp] && sheet.balances(of: "acme").map(\.amount) == [50_000])
        #expect(sheet.balances(of: "euro").map(\.amount) == [-3_000])
        #expect(sheet.heldOnAccount(by: "nobody").isEmpty && sheet.balances(of: "nobody").isEmpty)
        for client in ["acme", "beta", "euro"] {
            let held = sheet.creditOnAccount.filter { $0.key.client == client && $0.value > 0 }.sorted { $0.key < $1.key }
            #expect(sheet.heldOnAccount(by: client).map(\.amount) == held.map(\.value))
            let owed = sheet.clientBalances.filter { $0.key.client == client }.sorted { $0.key < $1.key }
            #expect(sheet.balances(of: client).map(\.amount) == owed.map(\.value))
        }
    }

    /// Money not applied by `apply` pays the oldest open invoice first: it skips one an `apply`
    /// already settled, and an invoice issued after every earlier one was paid still gets it.
    /// Worked out by hand: C-2 is settled by name, then 150.00 unapplied pays C-1 (100.00) and
    /// C-3 (50.00); C-4 comes after all three are paid and takes the next 70.00.
    /// Money on account gives an invoice with a loss written off its discounted sum like any
    /// other (rule 6): one payment of both discounted sums settles both, as it does when the
    /// write-off is waived or a credit note.
    @Test func moneyOnAccountDiscountsAnInvoiceWithALossWrittenOff() {
        let r = load("""
            settings
              currency GBP
            client c C
              terms 2/10 net 30
            2026-01-01 invoice c A
              total 100.00
            2026-01-02 writeoff c A 50.00
            2026-01-03 invoice c B
              total 100.00
            2026-01-05 payment c 146.00

            """)
        let sheet = BalanceEngine.balances(r.ledger, asOf: day("2026-02-20"))
        #expect(sheet.invoices.map(\.open) == [0, 0])
        #expect(sheet.invoices.map(\.discount) == [200, 200])
        #expect(sheet.creditOnAccount.values.allSatisfy { $0 == 0 })
    }

    @Test func unappliedMoneyPaysTheOldestOpenInvoiceFirst() {
        let r = load("""
            settings
              currency GBP
            client cole Cole Ltd
            2026-01-01 invoice cole C-1
              total 100.00
            2026-01-02 invoice cole C-2
              total 200.00
            2026-01-03 invoice cole C-3
              total 50.00
            2026-01-10 payment cole 200.00
              apply C-2
            2026-01-11 payment cole 150.00
            2026-02-01 invoice cole C-4
              total 100.00
            2026-02-05 payment cole 70.00

            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: day("2026-03-01"))
        #expect(sheet.invoices.map(\.open) == [0, 0, 0, 3_000])
        #expect(sheet.invoices.map(\.settled) == [day("2026-01-11"), day("2026-01-10"), day("2026-01-11"), nil])
        #expect(sheet.invoices.map(\.lastPayment) == [day("2026-01-11"), day("2026-01-10"), day("2026-01-11"), day("2026-02-05")])
        #expect(sheet.invoices.map(\.issued) == [true, true, true, true])
        #expect(sheet.applied[r.ledger.payments[1].order] == [AppliedMoney(invoice: 0, amount: 10_000), AppliedMoney(invoice: 2, amount: 5_000)])
        #expect(sheet.applied[r.ledger.payments[2].order] == [AppliedMoney(invoice: 3, amount: 7_000)])
        // Before C-4 is issued it is not there, and nothing of it is open.
        let before = BalanceEngine.balances(r.ledger, asOf: day("2026-01-31"))
        #expect(before.invoices[3] == InvoiceBalance() && !before.invoices[3].issued)
    }

    /// A client who queries F-1 and pays, without saying what for, exactly what F-2 and F-3
    /// come to is paying those two: money paid passes over an invoice in dispute. Once the
    /// dispute is resolved, what is still held on account pays it that day. A credit note with
    /// no `apply` after the query was settled pays the oldest as ever.
    @Test func moneyPaidPassesOverAnInvoiceInDispute() {
        let r = load("""
            settings
              currency GBP
            client fir Fir Ltd
            2026-02-01 invoice fir F-1
              total 900.00
            2026-02-05 invoice fir F-2
              total 350.00
            2026-02-06 invoice fir F-3
              total 350.00
            2026-03-09 note fir email
              dispute F-1 hours
            2026-03-20 payment fir 800.00
            2026-03-30 note fir call
              resolved F-1 hours agreed
            2026-04-02 credit fir 150.00
            2026-04-03 invoice fir F-4
              total 100.00

            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let paid = BalanceEngine.balances(r.ledger, asOf: day("2026-03-25"))
        #expect(paid.invoices.map(\.open) == [90_000, 0, 0, 0])
        #expect(paid.applied[r.ledger.payments[0].order] == [AppliedMoney(invoice: 1, amount: 35_000), AppliedMoney(invoice: 2, amount: 35_000)])
        #expect(paid.clientBalances[ClientCurrency(client: "fir", currency: Currency("GBP"))] == 80_000)
        // Resolved on 30 March: the 100.00 held on account pays F-1 that day.
        let resolved = BalanceEngine.balances(r.ledger, asOf: day("2026-03-30"))
        #expect(resolved.invoices.map(\.open) == [80_000, 0, 0, 0])
        #expect(resolved.fromAccount[0] == 10_000)
        // The same figures when the 30th is one of several dates a run hands out.
        var handed: [Day: [Int64]] = [:]
        BalanceEngine.forEachSheet(r.ledger, at: [day("2026-03-29"), day("2026-03-30"), day("2026-04-10")]) { handed[$0.asOf] = $0.invoices.map(\.open) }
        #expect(handed[day("2026-03-29")] == [90_000, 0, 0, 0])
        #expect(handed[day("2026-03-30")] == [80_000, 0, 0, 0])
        // The credit note pays F-1, the oldest open; F-4 stays open.
        #expect(handed[day("2026-04-10")] == [65_000, 0, 0, 10_000])
    }

    /// A credit note with no `apply` goes first to the invoice in dispute that day, or whose
    /// query was resolved that day or in the 14 days before, though an older invoice is open;
    /// later it pays the oldest as ever.
    @Test func aCreditNoteWithNoApplyGoesFirstToTheInvoiceInDispute() {
        func opens(_ credits: String) -> [Int64] {
            let r = load("""
                settings
                  currency GBP
                client elm Elm Ltd
                2026-02-01 invoice elm E-1
                  total 500.00
                2026-02-05 invoice elm E-2
                  total 300.00
                2026-03-09 note elm email
                  dispute E-2 colours
                2026-03-20 note elm call
                  resolved E-2 credit agreed

                """ + credits)
            #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
            return BalanceEngine.balances(r.ledger, asOf: day("2026-04-30")).invoices.map(\.open)
        }
        #expect(opens("2026-03-15 credit elm 100.00\n") == [50_000, 20_000])
        #expect(opens("2026-03-20 credit elm 100.00\n") == [50_000, 20_000])
        // The credit note often follows the call that agreed it by a few days.
        #expect(opens("2026-03-21 credit elm 100.00\n") == [50_000, 20_000])
        #expect(opens("2026-04-03 credit elm 100.00\n") == [50_000, 20_000])
        #expect(opens("2026-04-04 credit elm 100.00\n") == [40_000, 30_000])
        // More than the disputed invoice has open: the rest pays the oldest.
        #expect(opens("2026-03-15 credit elm 400.00\n") == [40_000, 0])
    }

    /// Of two invoices in dispute, the credit note goes to the one whose query is resolved
    /// that day, though the other is older and still queried: it is the settlement agreed.
    @Test func aCreditNoteGoesToTheQueryResolvedThatDayBeforeAnOlderOneStillOpen() {
        let r = load("""
            settings
              currency GBP
            client elm Elm Ltd
            2026-02-01 invoice elm E-1
              total 500.00
            2026-02-05 invoice elm E-2
              total 300.00
            2026-03-09 note elm email
              dispute E-1 design
            2026-03-10 note elm email
              dispute E-2 copy
            2026-03-20 note elm call
              resolved E-2 100 off agreed
            2026-03-20 credit elm 100.00

            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        #expect(BalanceEngine.balances(r.ledger, asOf: day("2026-04-30")).invoices.map(\.open) == [50_000, 20_000])
    }

    /// Named without amounts inside their discount window, two invoices, one with a loss
    /// written off, get their discounted sums first; what is left gives the discounts back,
    /// and only then pays back the loss (rule 6, then rule 5). By hand: I1 and I2 of 100.00 on
    /// 10/10 terms, 25.00 of I1 written off as a loss, then one sum paid for both.
    @Test func aLossIsPaidBackOnlyAfterEveryNamedInvoiceHadItsDiscountedSum() {
        func figures(_ money: String, kind: String = "payment") -> (open: [Int64], discount: [Int64], writtenOff: [Int64]) {
            let r = load("""
                settings
                  currency GBP
                client a A Ltd
                  terms 10/10 net 30
                2026-01-01 invoice a I1
                  total 100.00
                2026-01-01 invoice a I2
                  total 100.00
                2026-01-02 writeoff a I1 25.00
                2026-01-03 \(kind) a \(money)
                  apply I1
                  apply I2

                """)
            #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
            let sheet = BalanceEngine.balances(r.ledger, asOf: day("2026-01-05"))
            return (sheet.invoices.map(\.open), sheet.invoices.map(\.discount), sheet.invoices.map(\.writtenOff))
        }
        // 65.00 + 90.00: both settled with their discounts; the loss stays written off.
        #expect(figures("155.00") == ([0, 0], [1_000, 1_000], [2_500, 0]))
        // 20.00 more gives both discounts back, and 5.00 pays back part of the loss.
        #expect(figures("180.00") == ([0, 0], [0, 0], [2_000, 0]))
        #expect(figures("200.00") == ([0, 0], [0, 0], [0, 0]))
        // A credit note pays back no loss, and earns no discount: it gives I1 its 75.00 open
        // and I2 the 80.00 left, which leaves I2 20.00 open.
        #expect(figures("155.00", kind: "credit") == ([0, 2_000], [0, 0], [2_500, 0]))
    }

    /// What a credit note's `apply` lines leave over is credit on account like any other: it
    /// pays the oldest open invoice, not the one in dispute or resolved that day (rule 4).
    /// Worked out by hand: CN-1 (60.00) gives E-1 10.00 by name and the 50.00 left to E-1 too.
    @Test func whatACreditNotesApplyLinesLeaveOverPaysTheOldest() {
        for resolution in ["2026-03-20 note elm call\n  resolved E-2 agreed\n", ""] {
            let r = load("""
                settings
                  currency GBP
                client elm Elm Ltd
                2026-02-01 invoice elm E-1
                  total 100.00
                2026-02-05 invoice elm E-2
                  total 100.00
                2026-03-09 note elm email
                  dispute E-2 colours
                \(resolution)2026-03-20 credit elm 60.00
                  number CN-1
                  apply E-1 10.00

                """)
            #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
            #expect(BalanceEngine.balances(r.ledger, asOf: day("2026-04-30")).invoices.map(\.open) == [4_000, 10_000])
        }
    }

    /// The discount is for paying early (rule 6): a credit note alone earns none, even inside
    /// the window, even one with no `apply` that goes first to an invoice in dispute. By hand:
    /// two invoices of 100.00 on 2/10 terms, one queried; a credit note of 196.00 gives the
    /// queried E-2 its 100.00 and E-1 the 96.00 left, so 4.00 stays open on E-1.
    @Test func aCreditNoteAloneEarnsNoDiscount() {
        let r = load("""
            settings
              currency GBP
            client elm Elm Ltd
              terms 2/10 net 30
            2026-01-01 invoice elm E-1
              total 100.00
            2026-01-01 invoice elm E-2
              total 100.00
            2026-01-02 note elm call
              dispute E-2 wrong
            2026-01-03 credit elm 196.00
              number CN-1

            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: day("2026-01-20"))
        #expect(sheet.invoices.map(\.open) == [400, 0])
        #expect(sheet.invoices.map(\.discount) == [0, 0])
        #expect(sheet.invoices.map(\.credited) == [9_600, 10_000])
    }

    /// The discount is a share of what the client was to pay: the total less the credit notes
    /// applied to it (rule 6). By hand: 1,000.00 on 2/10 terms, 500.00 credited; 2% of 500.00
    /// is 10.00, so 490.00 paid in the window settles it and 480.00 leaves 20.00 open. A
    /// payment first and a credit note after, inside the window, settles it too once what is
    /// open is within 2% of the total less the credit.
    @Test func theDiscountIsAShareOfTheTotalLessCredits() {
        func figures(_ entries: String) -> (open: Int64, discount: Int64) {
            let r = load("""
                settings
                  currency GBP
                client a A Ltd
                  terms 2/10 net 30
                2026-01-01 invoice a I1
                  total 1,000.00
                \(entries)
                """)
            #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
            let b = BalanceEngine.balances(r.ledger, asOf: day("2026-01-31")).invoices[0]
            return (b.open, b.discount)
        }
        let credit = "2026-01-02 credit a 500.00\n  number CN-1\n  apply I1\n"
        #expect(figures(credit + "2026-01-05 payment a 490.00\n  apply I1\n") == (0, 1_000))
        #expect(figures(credit + "2026-01-05 payment a 480.00\n  apply I1\n") == (2_000, 0))
        // Unapplied money, given each invoice only its discounted sum, works the same way.
        #expect(figures(credit + "2026-01-05 payment a 490.00\n") == (0, 1_000))
        // Paid first: 600.00, then 387.60 credited; 2% of 612.40 is 12.248, rounded 12.25,
        // and 12.40 is open, so not yet settled; 0.15 more settles it.
        let paidFirst = "2026-01-02 payment a 600.00\n  apply I1\n2026-01-05 credit a 387.60\n  number CN-1\n  apply I1\n"
        #expect(figures(paidFirst) == (1_240, 0))
        #expect(figures(paidFirst + "2026-01-06 payment a 0.15\n  apply I1\n") == (0, 1_225))
        // The discounted sum paid first and the credit note after, with no `apply`: the credit
        // note gives all it can, not what it would give money paid, and 10.00 is the discount.
        let paid = "2026-01-05 payment a 490.00\n  apply I1\n"
        #expect(figures(paid + "2026-01-08 credit a 500.00\n  number CN-1\n") == (0, 1_000))
        // After the window, to an invoice paid only inside it: as if it had come in time.
        #expect(figures(paid + "2026-01-20 credit a 500.00\n  number CN-1\n") == (0, 1_000))
        // Two credit notes after the window, the first no payment: still in time.
        #expect(figures(paid + "2026-01-15 credit a 300.00\n  number CN-1\n2026-01-20 credit a 200.00\n  number CN-2\n") == (0, 1_000))
        // Not when money came after the window too: 5.00 paid on 15 January, so 5.00 is open.
        #expect(figures(paid + "2026-01-15 payment a 5.00\n  apply I1\n2026-01-20 credit a 500.00\n  number CN-1\n") == (500, 0))
    }

    /// Money applied by name, written off, or left to pay the oldest open invoice reaches the
    /// invoice's own client, known or not: each invoice's client and currency are found again
    /// from its brief. Worked out by hand: ghost's G-1 (100.00) gets 60.00 by name, G-2 (50.00)
    /// loses 10.00 to a write-off, and 70.00 unapplied pays G-1's last 40.00 and 30.00 of G-2;
    /// acme's A-1 (80.00) gets 30.00.
    @Test func moneyReachesTheClientOfItsInvoiceKnownOrNot() {
        let r = load("""
            settings
              currency GBP
            client acme Acme Ltd
            2026-01-01 invoice ghost G-1
              total 100.00
            2026-01-02 invoice ghost G-2
              total 50.00
            2026-01-03 invoice acme A-1
              total 80.00
            2026-01-10 payment ghost 60.00
              apply G-1
            2026-01-11 payment acme 30.00
              apply A-1
            2026-01-12 writeoff ghost G-2 10.00
            2026-01-13 payment ghost 70.00

            """)
        let sheet = BalanceEngine.balances(r.ledger, asOf: day("2026-02-01"))
        #expect(sheet.invoices.map(\.open) == [0, 1_000, 5_000])
        #expect(sheet.invoices.map(\.paid) == [10_000, 3_000, 3_000])
        #expect(sheet.invoices.map(\.writtenOff) == [0, 1_000, 0])
        #expect(sheet.invoices.map(\.settled) == [day("2026-01-13"), nil, nil])
        let gbp = Currency("GBP")
        #expect(sheet.clientBalances == [ClientCurrency(client: "ghost", currency: gbp): 1_000, ClientCurrency(client: "acme", currency: gbp): 5_000])
        #expect(sheet.writtenOff == [1_000])
    }

    @Test func eachWriteOffKnowsWhatItTookOff() {
        let l = ledger()
        #expect(BalanceEngine.balances(l, asOf: day("2026-11-20")).writtenOff == [5_000, 15_000, 0])
        #expect(BalanceEngine.balances(l, asOf: day("2026-04-02")).writtenOff == [5_000, 0, 0])
        let later = BalanceEngine.balances(l, asOf: day("2026-12-31"))
        #expect(later.writtenOff == [5_000, 15_000, 2_000])
        #expect(later.invoices[l.invoiceIndex["A-1"]!].writtenOff == 20_000)
        // The sheets taken in one pass agree with those taken one at a time.
        let many = BalanceEngine.balances(l, at: [day("2026-04-02"), day("2026-12-31")])
        #expect(many.map(\.writtenOff) == [[5_000, 0, 0], [5_000, 15_000, 2_000]])
    }

    /// Money applied to an invoice written off as a loss takes the loss back, as far as it
    /// goes, newest figures first: the invoice shows it paid and settled on the payment's day,
    /// and nothing goes on account; beyond the loss, or to a sum waived, it is credit on account.
    @Test func aPaymentToALossTakesItBack() {
        let r = load("""
            settings
              currency GBP
            client acme
            2026-01-05 invoice acme L-1
              total 800.00
            2026-01-06 invoice acme W-1
              total 300.00
            2026-02-01 payment acme 100.00
              apply L-1
            2026-06-30 writeoff acme L-1
            2026-06-30 writeoff acme W-1 100.00
              waived
            2026-07-01 payment acme 200.00
              apply W-1
            2026-10-01 payment acme 500.00
              apply L-1 500.00
            2026-10-02 payment acme 300.00
              apply L-1 250.00
              apply W-1 50.00

            """)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let l = r.ledger, gbp = Currency("GBP")
        let first = BalanceEngine.balances(l, asOf: day("2026-10-01"))
        let lost = first.invoices[l.invoiceIndex["L-1"]!]
        #expect(lost.open == 0 && lost.paid == 60_000 && lost.writtenOff == 20_000)
        #expect(lost.settled == day("2026-06-30"))
        #expect(first.recoveries == [Recovery(.payment(2), invoice: 0, amount: 50_000, date: day("2026-10-01"))])
        #expect(first.creditOnAccount.isEmpty)
        // The write-off keeps what it took on its own day.
        #expect(first.writtenOff == [70_000, 10_000])
        let later = BalanceEngine.balances(l, asOf: day("2026-10-31"), options: BalanceOptions(collectFacts: true))
        let paidBack = later.invoices[l.invoiceIndex["L-1"]!]
        #expect(paidBack.open == 0 && paidBack.paid == 80_000 && paidBack.writtenOff == 0)
        #expect(paidBack.settled == day("2026-10-02"))
        #expect(later.recoveries.map(\.amount) == [50_000, 20_000])
        // 50.00 beyond the loss, and 50.00 to an invoice whose rest was waived: on account.
        #expect(later.creditOnAccount == [ClientCurrency(client: "acme", currency: gbp): 10_000])
        #expect(later.facts.count == 2)
    }

    @Test func aDisputeIsOpenFromItsNoteUntilItsResolution() {
        let l = ledger()
        let h = DisputeHistory(l)
        #expect(h.open("A-2", on: day("2026-03-31")) == nil)
        #expect(h.open("A-2", on: day("2026-04-01"))?.since == day("2026-04-01"))
        #expect(h.open("A-2", on: day("2026-04-09"))?.since == day("2026-04-01"))
        // Raised again while open: still one dispute, dated by the latest note.
        #expect(h.open("A-2", on: day("2026-04-10"))?.since == day("2026-04-10"))
        #expect(h.spans["A-2"]?.count == 1)
        #expect(h.open("A-2", on: day("2026-04-20")) == nil)
        #expect(h.open(on: day("2026-04-15")).keys.sorted() == ["A-2"])
        #expect(!h.wasDisputed("A-2", by: day("2026-03-31")))
        #expect(h.wasDisputed("A-2", by: day("2026-04-01")))
        #expect(h.wasDisputed("A-2", by: day("2026-11-20")), "a resolved dispute still explains a late payment")
        #expect(!h.wasDisputed("B-1", by: day("2026-11-20")))
    }

    @Test func resolutionsThatCloseNothingAreKept() {
        let l = ledger()
        let h = DisputeHistory(l)
        #expect(h.stray.map(\.invoice) == ["A-2", "B-1"])
        let resolvedOnce = h.stray[0].after?.resolvedBy
        #expect(resolvedOnce.map { l.notes[$0.note].date } == day("2026-04-20"))
        #expect(h.stray[1].after == nil)
        let codes = Checker.check(load(text), asOf: day("2026-11-20")).map(\.code)
        #expect(codes.filter { $0 == "E410" }.count == 2)
    }

    /// The aging, the client's story (letters, agenda) and the sheet answer the same.
    @Test func everyReaderSeesTheSameDispute() {
        let l = ledger()
        let asOf = day("2026-04-15")
        let sheet = BalanceEngine.balances(l, asOf: asOf)
        #expect(sheet.openDispute("A-2")?.since == day("2026-04-10"))
        let aging = AgingReport(ledger: l, sheet: sheet, options: AgingOptions())
        #expect(aging.lines.first { $0.number == "A-2" }?.status.disputedSince == day("2026-04-10"))
        #expect(aging.clients.first { $0.client == "acme" }?.disputed == 50_000)
        let story = ClientStory.all(l, sheet: sheet).first { $0.client.id == "acme" }!
        #expect(story.openDisputes.mapValues(\.date) == ["A-2": day("2026-04-10")])
        let after = BalanceEngine.balances(l, asOf: day("2026-04-20"))
        #expect(ClientStory.all(l, sheet: after).first { $0.client.id == "acme" }!.openDisputes.isEmpty)
        #expect(AgingReport(ledger: l, sheet: after, options: AgingOptions()).lines.allSatisfy { $0.status.disputedSince == nil })
    }

    @Test func unknownCurrencyIsNotACodeALedgerCanWrite() {
        let xxx = Currency("XXX")
        #expect(Currency.unknown != xxx)
        #expect(!Currency.unknown.isKnown && xxx.isKnown)
        #expect(Currency.unknown.code == "XXX" && Currency.unknown.precision == 2)
        // It sorts where XXX does, so reports keep their order.
        #expect([Currency("XXY"), .unknown, Currency("EUR"), xxx].sorted().map(\.isKnown) == [true, true, false, true])
        #expect([Currency("XXY"), .unknown, Currency("EUR")].sorted().map(\.code) == ["EUR", "XXX", "XXY"])
    }
}

/// Balances beyond 32 bits go through the run as any other. Worked out by hand, in minor
/// units: W-1 (30,000,000.00) gets 25,000,000.00 by name and loses 1,000,000.00 to a
/// write-off; W-2 (21,474,836.48, one more than 32 bits hold) is paid in full; S-1 (100.00)
/// gets 40.00; the last 60.00, naming nothing, goes to the oldest open invoice, W-1.
@Suite struct WideBalanceTests {
    @Test func figuresBeyond32BitsReadBackFromTheSheet() {
        let r = load("""
            settings
              currency GBP
            client acme Acme Ltd
            2026-01-01 invoice acme W-1
              total 30,000,000.00
            2026-01-02 invoice acme W-2
              total 21,474,836.48
            2026-01-03 invoice acme S-1
              total 100.00
            2026-01-10 payment acme 25,000,000.00
              apply W-1
            2026-01-11 payment acme 21,474,836.48
              apply W-2
            2026-01-12 payment acme 40.00
              apply S-1
            2026-01-13 writeoff acme W-1 1,000,000.00
            2026-01-14 payment acme 60.00

            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let sheet = BalanceEngine.balances(r.ledger, asOf: day("2026-02-01"))
        var w1 = InvoiceBalance()
        w1.total = 3_000_000_000
        w1.paid = 2_500_006_000
        w1.writtenOff = 100_000_000
        // Not marked `waived`: all of it the user's own loss (3.8).
        w1.lost = 100_000_000
        w1.lastPayment = day("2026-01-14")
        var w2 = InvoiceBalance()
        w2.total = 2_147_483_648
        w2.paid = 2_147_483_648
        w2.lastPayment = day("2026-01-11")
        w2.settled = day("2026-01-11")
        var s1 = InvoiceBalance()
        s1.total = 10_000
        s1.paid = 4_000
        s1.lastPayment = day("2026-01-12")
        #expect(Array(sheet.invoices) == [w1, w2, s1])
        #expect(sheet.invoices.map(\.open) == [399_994_000, 0, 6_000])
        #expect(sheet.invoices.apartCount == 2)
        #expect(sheet.clientBalances == [ClientCurrency(client: "acme", currency: Currency("GBP")): 400_000_000])
        #expect(sheet.writtenOff == [100_000_000])
    }

    /// Money that does not say how much each invoice gets gives each one in its discount window
    /// its discounted sum first (rule 6), and only what is left over goes back to them as
    /// payment: one payment of two discounted sums settles both, a payment in full takes no
    /// discount, and one in between takes only the part of the discount it did not pay.
    @Test(arguments: [
        // (the payment's lines, its amount, discounts of U-1 and U-2, open on U-2, on account)
        ("  apply U-1\n  apply U-2\n", "1,470.00", [2_000, 1_000] as [Int64], 0 as Int64, 0 as Int64),
        ("", "1,470.00", [2_000, 1_000], 0, 0),
        ("  apply U-1\n  apply U-2\n", "1,500.00", [0, 0], 0, 0),
        ("", "1,500.00", [0, 0], 0, 0),
        ("  apply U-1\n  apply U-2\n", "1,480.00", [1_000, 1_000], 0, 0),
        ("", "1,560.00", [0, 0], 0, 6_000),
        // Short of both discounted sums: the first is settled with its discount, the rest is
        // paid towards the second, which keeps its window.
        ("", "1,200.00", [2_000, 0], 28_000, 0),
    ])
    func moneyWithoutAmountsSettlesInvoicesAtTheirDiscount(lines: String, amount: String, discounts: [Int64], openOnSecond: Int64, onAccount: Int64) {
        let ledger = load("""
            settings
              currency GBP
            client tau Tau Ltd
              terms  2/10 net 30
            2026-01-05 invoice tau U-1
              total  1,000.00
            2026-01-06 invoice tau U-2
              total  500.00
            2026-01-14 payment tau \(amount)

            """ + lines)
        #expect(ledger.diagnostics.filter { $0.severity == .error }.isEmpty)
        let sheet = BalanceEngine.balances(ledger.ledger, asOf: day("2026-02-11"))
        #expect([sheet.invoices[0].discount, sheet.invoices[1].discount] == discounts)
        #expect(sheet.invoices[0].open == 0)
        #expect(sheet.invoices[1].open == openOnSecond)
        #expect(sheet.invoices[0].paid + sheet.invoices[1].paid + sheet.invoices[0].discount + sheet.invoices[1].discount == 150_000 - openOnSecond)
        #expect(sheet.creditOnAccount.values.reduce(0, +) == onAccount)
    }
}
