import Testing
@testable import DueKit

/// The letter `due` drafts for the one client of `extra` on `asOf`, with its stage choice and
/// the values its template was given. `settings`: lines added to the settings (`courtesy on`).
private func draft(_ extra: String, asOf: String, client: String = "acme", settings: [String] = []) -> (choice: StageChoice, values: [String: String], text: String)? {
    let text = "settings\n  currency GBP\n" + settings.map { "  \($0)\n" }.joined() + """

        sender Test Studio Ltd
          contact Sam Lee
          address 1 Mill Lane
          address Leeds LS1 1AA
          bank Sort code 11-22-33, account 12345678
          bank EUR IBAN GB11 TEST 1122 3312 3456 78, BIC TESTGB2L

        client acme Acme Ltd
          contact Jane Doe
          address 1 Harbour Road
          address Bristol BS1 5TT
          terms net 30
          methods bank transfer

        """ + extra
    let r = load(text)
    #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
    let day = Day.parse(asOf)!
    let sheet = BalanceEngine.balances(r.ledger, asOf: day)
    guard let story = ClientStory.all(r.ledger, sheet: sheet).first(where: { $0.client.id == client }) else { return nil }
    let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
    guard let stage = choice.stage else { return nil }
    let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
    return (choice, values, TemplateSet().template(for: stage).render(values))
}

@Suite struct LetterScenarioTests {
    @Test func moneyNotYetDueIsListedButNotAskedFor() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme A1
              total 840.00
            2026-01-05 invoice acme A2
              total 600.00
            2026-02-01 invoice acme A3
              total 1500.00
            """, asOf: "2026-02-10"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["total"] == "1,440.00 GBP")
        #expect(d.text.contains("**Friendly reminder: 1,440.00 GBP past due**"))
        #expect(d.text.contains("could you arrange payment of 1,440.00 GBP"))
        #expect(d.text.contains("| A3 | 1 February 2026 |") && d.text.contains("not yet due (3 March 2026)"))
        #expect(d.text.contains("Invoice A3 (1,500.00 GBP, due 3 March 2026) is listed for completeness only"))
        #expect(!d.values["invoices.list"]!.contains("A3"))
        #expect(d.values["total.not-yet-due"] == "1,500.00 GBP" && d.values["total.open"] == "2,940.00 GBP")
    }

    @Test func partPaymentIsThankedForAndNotCalledUnpaid() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme A1
              total 2400.00
            2026-02-03 letter acme reminder
              invoices A1
            2026-02-10 payment acme 1000.00
              apply A1 1000.00
            """, asOf: "2026-02-24"))
        #expect(d.choice.stage == .followUp)
        #expect(d.text.contains("Thank you for your payment of 1,000.00 GBP on 10 February 2026 (towards invoice A1)."))
        #expect(d.text.contains("| A1 | 1 January 2026 | A1 | 2,400.00 | 1,000.00 | 1,400.00 | 24 |") || d.text.contains("| 2,400.00 | 1,000.00 | 1,400.00 |"))
        // The letter asked for 2,400.00: what remains is said, not that it "still shows" it.
        #expect(d.text.contains("Following my letter of 3 February 2026, 1,400.00 GBP remains open on invoice A1, now 24 days past its due date."))
        #expect(!d.text.contains("unpaid"))
    }

    /// A first letter about work years old does not thank the client, as for news, for a
    /// payment made long ago: it says the money came.
    @Test func aPaymentLongAgoIsStatedNotThankedFor() throws {
        let ledger = """
            2023-03-14 invoice acme OG-7
              total 420.00
            2023-09-01 invoice acme OG-19
              total 380.00
            2023-10-15 payment acme 100.00

            """
        let d = try #require(draft(ledger, asOf: "2026-03-02"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["payments.received"] == "We received your payment of 100.00 GBP on 15 October 2023 (towards invoice OG-7).")
        // Within the last 90 days it is still thanked for.
        let recent = try #require(draft(ledger.replacingOccurrences(of: "2023-10-15 payment", with: "2026-01-15 payment"), asOf: "2026-03-02"))
        #expect(recent.values["payments.received"] == "Thank you for your payment of 100.00 GBP on 15 January 2026 (towards invoice OG-7).")
    }

    /// The payment that made up a missed instalment, spoken of in one sentence, is stated
    /// rather than thanked for when it came long ago, like any other.
    @Test func aPaymentLongAgoThatMadeUpAnInstalmentIsStated() throws {
        let d = try #require(draft("""
            2026-01-02 invoice acme IV-1
              total 1,500.00
            2026-01-20 plan acme 1,500.00
              2026-01-31 500.00
              2026-02-28 500.00
              2026-06-30 500.00
            2026-02-10 letter acme instalment
              invoices IV-1
            2026-02-20 payment acme 600.00

            """, asOf: "2026-06-05"))
        #expect(d.choice.stage == .instalment)
        #expect(d.values["plan.next"]?.hasPrefix("We received your payment of 600.00 GBP on 20 February 2026: it made up the instalment due on 31 January 2026") == true, "\(d.text)")
    }

    @Test func creditNotesAndWriteOffsAreNotPayments() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme A1
              for Design
              total 1500.00
            2026-01-02 invoice acme A2
              for Build
              total 2000.00
            2026-02-03 letter acme reminder
              invoices A1 A2
            2026-02-05 credit acme 300.00
              number CN-7
              reason Late delivery
              apply A1
            2026-02-06 payment acme 1000.00
              apply A2 1000.00
            2026-02-07 writeoff acme A2 200.00
              waived
            """, asOf: "2026-02-24"))
        #expect(d.text.contains("| Invoice | Date | For | Amount | Paid | Credited | Open | Days past due |"))
        #expect(d.text.contains("| A1 | 1 January 2026 | Design | 1,500.00 | 0.00 | 300.00 | 1,200.00 |"))
        #expect(d.text.contains("| A2 | 2 January 2026 | Build | 2,000.00 | 1,000.00 | 200.00 | 800.00 |"))
        #expect(d.text.contains("Credit note CN-7 for 300.00 GBP, dated 5 February 2026, has been applied to invoice A1."))
        #expect(d.text.contains("We have waived 200.00 GBP of invoice A2, so that sum is not part of what we ask."))
        #expect(!d.text.contains("Late delivery"))
        // Said once: the letter after one that showed A1 with the credit does not repeat it.
        let later = try #require(draft("""
            2026-01-01 invoice acme A1
              for Design
              total 1500.00
            2026-02-03 letter acme reminder
              invoices A1
            2026-02-05 credit acme 300.00
              number CN-7
              apply A1
            2026-02-24 letter acme follow-up
              invoices A1
            """, asOf: "2026-03-10"))
        #expect(later.values["credits"] == nil)
        #expect(later.text.contains("| A1 | 1 January 2026 | Design | 1,500.00 | 0.00 | 300.00 | 1,200.00 |"))
    }

    @Test func partlyKeptPromiseThanksForWhatArrived() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme A1
              total 3000.00
            2026-02-03 letter acme reminder
              invoices A1
            2026-02-10 note acme call
              said They will pay most of it this month.
              promise 2026-03-01 2000.00
            2026-02-27 payment acme 800.00
              apply A1 800.00
            """, asOf: "2026-03-09"))
        #expect(d.choice.stage == .followUp)
        #expect(d.choice.promise?.state == .partlyKept)
        #expect(d.text.contains("On 10 February 2026 you told us to expect a payment of 2,000.00 GBP by 1 March 2026. Thank you for the 800.00 GBP that has arrived towards it; the remaining 1,200.00 GBP has not reached us."))
        #expect(!d.text.contains("Thank you for taking the time"))
        #expect(!d.text.contains("They will pay"))
        // More came after the day: what was on time and what was late are said apart.
        let late = try #require(draft("""
            2026-01-01 invoice acme A1
              total 3000.00
            2026-02-03 letter acme reminder
              invoices A1
            2026-02-10 note acme call
              promise 2026-03-01 2000.00
            2026-02-27 payment acme 800.00
              apply A1 800.00
            2026-03-04 payment acme 500.00
              apply A1 500.00
            """, asOf: "2026-03-09"))
        #expect(late.values["promise.broken"] == "On 10 February 2026 you told us to expect a payment of 2,000.00 GBP by 1 March 2026. Thank you for the 800.00 GBP that reached us by then, and the 500.00 GBP that has arrived since; the remaining 700.00 GBP has not reached us.", "\(late.values["promise.broken"] ?? "")")
        #expect(d.values["promise.status"] == "partly kept")
    }

    /// A credit note since the promise took part of what was owed off: what is missing of the
    /// promise is no more than is still owed. 1,000.00 owed and promised; CN-7 took 200.00 off
    /// and 300.00 came, so 500.00 is missing, not 700.00; and once all that is owed has come,
    /// no broken promise is named at all.
    @Test func aCreditNoteSinceThePromiseLeavesLessOfItMissing() throws {
        let text = """
            2026-01-01 invoice acme A1
              total 1000.00
            2026-02-03 letter acme reminder
              invoices A1
            2026-02-10 note acme call
              promise 2026-03-01 1000.00
            2026-02-20 credit acme 200.00
              number CN-7
              apply A1
            2026-02-27 payment acme 300.00
              apply A1 300.00

            """
        let d = try #require(draft(text, asOf: "2026-03-09"))
        #expect(d.values["promise.broken"] == "On 10 February 2026 you told us to expect a payment of 1,000.00 GBP by 1 March 2026. Thank you for the 300.00 GBP that has arrived towards it; the remaining 500.00 GBP has not reached us.", "\(d.values["promise.broken"] ?? "")")
        #expect(d.choice.promise?.shortfall == 50_000)
        let paid = draft(text + "2026-03-05 payment acme 500.00\n  apply A1 500.00\n", asOf: "2026-03-09")
        #expect(paid?.values["promise.broken"] == nil)
    }

    @Test func missedEarlyPaymentDiscountIsExplained() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme A1
              terms 2/10 net 30
              total 1000.00
            2026-01-12 payment acme 980.00
              apply A1 980.00
            """, asOf: "2026-02-04"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["total"] == "20.00 GBP")
        #expect(d.text.contains("Invoice A1 offered 2% off for payment within 10 days, that is by 11 January 2026. Your payment arrived on 12 January 2026, after that window had closed, so the discount could not be applied and 20.00 GBP remains to pay."))
        #expect(!d.text.contains("slipped"))
        // Paid in two parts, the first in time: the late one is named as the last.
        let parts = try #require(draft("""
            2026-01-01 invoice acme A1
              terms 2/10 net 30
              total 1000.00
            2026-01-07 payment acme 500.00
              apply A1
            2026-01-17 payment acme 480.00
              apply A1
            """, asOf: "2026-02-04"))
        #expect(parts.text.contains("The last of your payments towards it arrived on 17 January 2026, after that window had closed"))
    }

    /// A reminder asking only for a discount missed is marked so (`asksOnlyDiscountsMissed`),
    /// and its reason says so in `due letters` and the agenda: the user sees it asks for a
    /// difference over terms, not an invoice left unpaid. Not beside unpaid work.
    @Test func aReminderForADiscountMissedAloneSaysSo() throws {
        let base = """
            2026-01-01 invoice acme A1
              terms 2/10 net 30
              total 1000.00
            2026-01-12 payment acme 980.00
              apply A1 980.00

            """
        let d = try #require(draft(base, asOf: "2026-02-04"))
        #expect(d.choice.stage == .reminder)
        #expect(d.choice.asksOnlyDiscountsMissed)
        #expect(d.choice.reason == "A1 is 4 days past due and no reminder has gone yet; only an early-payment discount missed is open on A1")
        let followUp = try #require(draft(base + "2026-02-04 letter acme reminder\n  invoices A1\n", asOf: "2026-02-18"))
        #expect(followUp.choice.stage == .followUp && followUp.choice.asksOnlyDiscountsMissed)
        #expect(followUp.choice.reason.hasSuffix("; only an early-payment discount missed is open on A1"), "\(followUp.choice.reason)")
        let beside = try #require(draft(base + "2026-01-02 invoice acme A2\n  total 300.00\n", asOf: "2026-02-04"))
        #expect(beside.choice.stage == .reminder && !beside.choice.asksOnlyDiscountsMissed)
        #expect(!beside.choice.reason.contains("discount"))
    }

    @Test func brokenPromiseIsNamedInAFirstReminderWithoutIrony() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme A1
              total 1000.00
            2026-01-28 note acme call
              said Will pay on the due date.
              promise 2026-02-05 1000.00
            """, asOf: "2026-02-12"))
        #expect(d.choice.stage == .reminder)
        #expect(d.text.contains("On 28 January 2026 you told us to expect a payment of 1,000.00 GBP by 5 February 2026. It has not reached us."))
        #expect(!d.text.contains("Thank you for taking the time"))
        #expect(d.values["promise.status"] == "broken")
        // Not "friendly", and not "please disregard this note": the promise was not kept.
        #expect(d.text.contains("**Reminder: 1,000.00 GBP past due**"))
        #expect(d.text.contains("If the payment is already on its way, thank you. If something"))
        #expect(!d.text.contains("disregard"))
    }

    @Test func aReminderIsFriendlyOnlyWhileAnOversightIsLikely() throws {
        let invoice = """
            2026-01-01 invoice acme A1
              total 1000.00
            """
        let soon = try #require(draft(invoice, asOf: "2026-02-05"))
        #expect(soon.choice.stage == .reminder)
        #expect(soon.text.contains("**Friendly reminder: 1,000.00 GBP past due**"))
        #expect(soon.text.contains("please disregard this note"))
        // A first letter for a debt 120 days past due drops "friendly" from its title.
        let late = try #require(draft(invoice, asOf: "2026-05-31"))
        #expect(late.choice.stage == .reminder)
        #expect(late.text.contains("**Reminder: 1,000.00 GBP past due**"))
    }

    @Test func aPromiseMetLateIsNotCalledBroken() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme A1
              total 1000.00
            2026-01-10 invoice acme A2
              total 500.00
            2026-01-28 note acme call
              promise 2026-02-05 1000.00
            2026-02-20 payment acme 1000.00
              apply A1
            """, asOf: "2026-03-10"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["promise.status"] == "broken")
        #expect(d.values["promise.broken"] == nil)
        #expect(!d.text.contains("has not reached us"))
    }

    @Test func aKeptPromiseIsThankedForInTheThankYou() throws {
        let text = """
            2026-01-01 invoice acme A1
              total 1000.00
            2026-02-03 letter acme reminder
              invoices A1
            2026-02-05 note acme call
              promise 2026-02-20 1000.00

            """
        let kept = try #require(draft(text + "2026-02-19 payment acme 1000.00\n  apply A1\n", asOf: "2026-02-21"))
        #expect(kept.choice.stage == .thanks)
        #expect(kept.text.contains("Thank you for sorting it out, and for keeping to the date you gave us."))
        let late = try #require(draft(text + "2026-02-25 payment acme 1000.00\n  apply A1\n", asOf: "2026-02-26"))
        #expect(late.choice.stage == .thanks)
        #expect(late.text.contains("Thank you for sorting it out.\n"))
        // Kept on the day itself, the thank-you drafted that day says so.
        let onTheDay = try #require(draft(text + "2026-02-20 payment acme 1000.00\n  apply A1\n", asOf: "2026-02-20"))
        #expect(onTheDay.text.contains("and for keeping to the date you gave us."))
        // A promise passed on to us in a note for the file was not the client's word.
        let filed = try #require(draft(text.replacingOccurrences(of: "note acme call", with: "note acme file") + "2026-02-19 payment acme 1000.00\n  apply A1\n", asOf: "2026-02-21"))
        #expect(filed.choice.stage == .thanks)
        #expect(!filed.text.contains("the date you gave us"))
        // The agenda does not expect money that has arrived, and for a part of it, only the rest.
        let r = load(Self.header + text + "2026-02-10 payment acme 400.00\n  apply A1\n")
        let day = Day.parse("2026-02-15")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
        #expect(agenda.items.contains { $0.kind == .promise && $0.action == "expect the remaining 600.00 GBP of the 1,000.00 GBP promised for 2026-02-20" })
        let paid = load(Self.header + text + "2026-02-10 payment acme 1000.00\n  apply A1\n")
        let paidAgenda = Agenda.build(ledger: paid.ledger, sheet: BalanceEngine.balances(paid.ledger, asOf: day), asOf: day)
        #expect(!paidAgenda.items.contains { $0.kind == .promise })
    }

    @Test func aReplySoftensTheNextFollowUp() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme A1
              total 1000.00
            2026-02-03 letter acme reminder
              invoices A1
            2026-02-17 letter acme follow-up
              invoices A1
            2026-03-10 note acme email
              said Checking with finance.
            """, asOf: "2026-03-24"))
        #expect(d.choice.stage == .followUp)
        #expect(d.text.contains("Thank you for your email of 10 March 2026."))
        #expect(d.text.contains("Following my letter of 17 February 2026"))
        #expect(d.values["follow-up.note"] == nil || d.values["follow-up.note"] == "")
        #expect(!d.text.contains("Checking with finance"))
    }

    @Test func disputeAcknowledgementSeparatesIssueAndQueryDates() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme I-901
              for Brochure
              total 1000.00
            2026-02-10 note acme email
              dispute I-901 Says page 3 was never approved
            """, asOf: "2026-02-11"))
        #expect(d.choice.stage == .dispute)
        #expect(d.text.contains("- Invoice I-901 of 5 January 2026 (Brochure, 1,000.00 GBP open, due 4 February 2026), which you queried on 10 February 2026"))
        #expect(!d.text.contains("never approved"))
    }

    @Test func aResolvedDisputeAndItsCreditAreNamedInTheNextLetter() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme I-901
              total 1000.00
            2026-02-10 note acme email
              dispute I-901 Says page 3 was never approved
            2026-02-11 letter acme dispute
              invoices I-901
            2026-02-20 note acme call
              resolved I-901 Agreed 200.00 off
            2026-02-20 credit acme 200.00
              number CN-12
              apply I-901
            """, asOf: "2026-03-10"))
        #expect(d.choice.stage == .reminder)
        #expect(d.text.contains("Thank you for taking the time to talk on 20 February 2026 and for working through your query about invoice I-901 with us."))
        #expect(d.text.contains("As agreed, credit note CN-12 for 200.00 GBP, dated 20 February 2026, has been applied to invoice I-901."))
        #expect(d.values["total"] == "800.00 GBP")
        #expect(!d.text.contains("Agreed 200.00 off") && !d.text.contains("never approved"))
    }

    @Test func eachCurrencyGetsItsOwnBankDetailsAndNoneRatherThanWrongOnes() throws {
        let eur = """
            client berlin Berlin GmbH
              currency EUR
              methods bank transfer (SEPA)
            2026-01-01 invoice berlin B1
              total 1000.00
            """
        let d = try #require(draft(eur, asOf: "2026-02-04", client: "berlin"))
        #expect(d.text.contains("Our bank details for payments in EUR: IBAN GB11 TEST 1122 3312 3456 78, BIC TESTGB2L."))
        #expect(!d.text.contains("Sort code"))
        let gbp = try #require(draft("2026-01-01 invoice acme A1\n  total 1000.00\n", asOf: "2026-02-04"))
        #expect(gbp.text.contains("Sort code 11-22-33") && !gbp.text.contains("IBAN"))
        // Only the unlabelled (GBP) line: a EUR letter gives none, and the checker warns.
        let text = "settings\n  currency GBP\nsender S\n  bank Sort code 11-22-33\n" + eur
        let r = load(text)
        let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-02-04")!)
        let story = ClientStory.all(r.ledger, sheet: sheet)[0]
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let v = LetterFields.values(stage: choice.stage!, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        #expect(v["bank"] == nil && v["sender.bank"] == "")
        let outcome = Checker.run(r, asOf: Day.parse("2026-02-04")!)
        #expect(outcome.diagnostics.contains { $0.code == "W416" })
    }

    /// A demand's history says what came of each promise: one kept by a payment for other
    /// work (not listed, as it concerns none of these invoices) is not left to read as broken.
    @Test func aDemandsHistorySaysWhetherEachPromiseWasKept() throws {
        let ladder = """
            2026-01-01 invoice acme A1
              total 1,000.00
            2026-01-05 invoice acme B1
              total 400.00
            2026-02-03 letter acme reminder
              invoices A1
            2026-02-10 note acme call
              promise 2026-02-20 400.00
            2026-02-18 payment acme 400.00
              apply B1
            2026-02-25 note acme email
              promise 2026-03-05 1,000.00
            2026-03-09 payment acme 250.00
              apply A1
            2026-03-10 letter acme follow-up
              invoices A1
            2026-03-24 letter acme follow-up
              invoices A1
            2026-04-07 letter acme final
              invoices A1

            """
        let d = try #require(draft(ladder, asOf: "2026-04-21"))
        #expect(d.choice.stage == .demand)
        #expect(d.text.contains("- 10 February 2026: a call with you, in which you promised payment of 400.00 GBP by 20 February 2026 (received by then, towards invoice B1)"))
        #expect(d.text.contains("- 25 February 2026: your email, in which you promised payment of 1,000.00 GBP by 5 March 2026 (nothing received by then; 250.00 GBP since, towards invoice A1)"))
    }

    /// A payment that paid only new work is no answer to a final notice about old work: a
    /// client who pays new invoices promptly while leaving the one asked for gets the demand.
    @Test func payingNewWorkDoesNotAnswerAFinalNotice() throws {
        let ledger = """
            2026-06-01 invoice acme A-1
              total 2,000.00
            2026-07-06 letter acme reminder
              invoices A-1
            2026-07-20 letter acme follow-up
              invoices A-1
            2026-08-03 letter acme follow-up
              invoices A-1
            2026-08-17 letter acme follow-up
              invoices A-1
            2026-08-31 letter acme final
              invoices A-1
            2026-09-01 invoice acme B-1
              total 300.00
            2026-09-05 payment acme 300.00
              apply B-1
            """
        let d = try #require(draft(ledger, asOf: "2026-09-14"))
        #expect(d.choice.stage == .demand, "\(d.choice.reason)")
        // A payment towards A-1 is an answer: no demand follows it at once.
        #expect(draft(ledger.replacingOccurrences(of: "  apply B-1", with: "  apply A-1"), asOf: "2026-09-14")?.choice.stage != .demand)
    }

    /// An instalment reminder that asked for an invoice outside the plan too gave both a date:
    /// no reminder asks for either again, by a later date, before that one has passed.
    @Test func noReminderAsksAgainBeforeAnInstalmentRemindersDate() throws {
        let ledger = """
            2026-03-01 invoice acme P1
              total 3,000.00
            2026-04-01 plan acme 3,000.00
              for P1
              2026-05-01 1,000.00
              2026-06-01 1,000.00
              2026-07-01 1,000.00
            2026-05-01 payment acme 1,000.00
              apply P1
            2026-05-05 invoice acme P2
              total 400.00
            2026-06-05 letter acme instalment
              invoices P1 P2
            """
        // The letter of 5 June asked for both by 15 June.
        #expect(draft(ledger, asOf: "2026-06-12") == nil)
        #expect(draft(ledger, asOf: "2026-06-15") == nil)
        let d = try #require(draft(ledger, asOf: "2026-06-16"))
        #expect(d.choice.stage == .reminder)
        // Unanswered by then, the plan is in default (3.10): P1 is back on the ladder in full.
        #expect(d.values["total.asked"] == "2,400.00 GBP")
    }

    /// Money that came by a promise's day but paid only work invoiced since does not keep it
    /// (7.2); the letter naming the promise says where that money went, or the client, who
    /// sent the promised sum, reads "It has not reached us" as untrue.
    @Test func aBrokenPromiseSaysWhereAPaymentForNewWorkWent() throws {
        let d = try #require(draft("""
            2026-03-01 invoice acme Q1
              total 500.00
            2026-04-05 letter acme reminder
              invoices Q1
            2026-05-01 note acme call
              promise 2026-05-15 500.00
            2026-05-05 invoice acme Q2
              total 500.00
              terms receipt
            2026-05-10 payment acme 500.00
              apply Q2
            """, asOf: "2026-05-16"))
        #expect(d.values["promise.broken"] == "On 1 May 2026 you told us to expect a payment of 500.00 GBP by 15 May 2026. It has not reached us. Thank you for your payment of 500.00 GBP on 10 May 2026, which settled invoice Q2, issued after 1 May 2026; it does not go towards what is asked for here.")
        // A payment split between old work and new keeps the promise by its old part only.
        let split = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 1000.00
            2026-02-10 letter acme reminder
              invoices A-1
            2026-02-15 note acme call
              promise 2026-03-01 1000.00
            2026-02-16 invoice acme A-2
              total 500.00
              due 2026-04-30
            2026-02-25 payment acme 500.00
              apply A-1 200.00
              apply A-2 300.00
            """, asOf: "2026-03-03"))  // 1 March 2026 is a Sunday: the promise ran to Monday 2 (3.9)
        #expect(split.values["promise.broken"] == "On 15 February 2026 you told us to expect a payment of 1,000.00 GBP by 1 March 2026. Thank you for the 200.00 GBP that has arrived towards it; the remaining 800.00 GBP has not reached us. Of your payment of 500.00 GBP on 25 February 2026, 300.00 GBP went to invoice A-2, issued after 15 February 2026, so only the rest counts towards it.")
    }

    /// A plan agreed before a promise's day took its place (7.2): the history says so rather
    /// than calling the promise unkept, as the letters before it never did.
    @Test func aDemandsHistorySaysAPlanReplacedAPromise() throws {
        let d = try #require(draft("""
            2026-06-01 invoice acme O-1
              total 900.00
            2026-07-06 letter acme reminder
              invoices O-1
            2026-07-14 note acme call
              promise 2026-07-31 900.00
            2026-07-20 plan acme 900.00
              2026-08-15 450.00
              2026-09-15 450.00
            2026-08-14 payment acme 450.00
            2026-09-20 letter acme instalment
              invoices O-1
            2026-10-05 letter acme follow-up
              invoices O-1
            2026-10-19 letter acme follow-up
              invoices O-1
            2026-11-02 letter acme follow-up
              invoices O-1
            2026-11-16 letter acme final
              invoices O-1
            """, asOf: "2026-11-30"))
        #expect(d.choice.stage == .demand)
        #expect(d.text.contains("- 14 July 2026: a call with you, in which you promised payment of 900.00 GBP by 31 July 2026 (replaced by the payment plan agreed on 20 July 2026)"), "\(d.text)")
        // A promise kept before the plan was agreed was kept: the plan replaced nothing.
        let kept = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 1000.00
            2026-02-10 letter acme reminder
              invoices A-1
            2026-02-15 note acme call
              promise 2026-03-01 400.00
            2026-02-20 payment acme 400.00
              apply A-1
            2026-02-25 plan acme 600.00
              for A-1
              2026-03-15 600.00
            2026-03-18 letter acme instalment
              invoices A-1
            2026-04-01 letter acme follow-up
              invoices A-1
            2026-04-15 letter acme follow-up
              invoices A-1
            2026-04-29 letter acme final
              invoices A-1
            """, asOf: "2026-05-13"))
        #expect(kept.choice.stage == .demand)
        #expect(kept.text.contains("in which you promised payment of 400.00 GBP by 1 March 2026 (received by then)"), "\(kept.text)")
    }

    @Test func demandKeepsNotesPrivateAndMentionsCostsOnlyWithCompensation() throws {
        let ladder = """
            2026-01-01 invoice acme A1
              total 828.00
            2026-01-02 invoice acme A2
              total 2436.00
            2026-02-03 letter acme reminder
              invoices A1 A2
            2026-02-10 note acme call
              with Daniel Okafor
              said They are moving to a new finance system.
              promise 2026-02-28 3264.00
            2026-03-10 letter acme follow-up
              invoices A1 A2
            2026-03-24 letter acme follow-up
              invoices A1 A2
            2026-04-07 letter acme final
              invoices A1 A2

            """
        let plain = try #require(draft(ladder, asOf: "2026-04-21"))
        #expect(plain.choice.stage == .demand)
        #expect(!plain.text.contains("finance system") && !plain.text.contains("Daniel Okafor"))
        #expect(plain.text.contains("- 10 February 2026: a call with you, in which you promised payment of 3,264.00 GBP by 28 February 2026 (nothing received by then)"))
        #expect(!plain.text.contains("costs"))
        let statutory = try #require(draft(ladder.replacingAll("  total 828.00", with: "  compensation statutory\n  total 828.00").replacingAll("  total 2436.00", with: "  compensation statutory\n  total 2436.00"), asOf: "2026-04-21"))
        #expect(statutory.text.contains("| A1 | 828.00 | 31 January 2026 | 80 | — | 40.00 |"))
        #expect(statutory.text.contains("| A2 | 2,436.00 | 1 February 2026 | 79 | — | 70.00 |"))
        // The compensation is claimed in the table: the demand does not threaten it again as a
        // cost still to come, and it asks for one amount.
        #expect(!statutory.text.contains("may be added"))
        #expect(statutory.text.contains("(the statutory sum for commercial debts)"))
        #expect(statutory.text.contains("This letter is a formal demand for payment of 3,374.00 GBP, that is, 3,264.00 GBP open on invoices A1 and A2 and 110.00 GBP of compensation"))
        #expect(statutory.text.contains("Please pay 3,374.00 GBP by"))
        #expect(!statutory.text.contains("the full amount"))
        #expect(plain.text.contains("This letter is a formal demand for payment of 3,264.00 GBP, owed on invoices A1 and A2."))
        #expect(plain.text.contains("Please pay 3,264.00 GBP by"))
        // A stated sum is not called statutory; a mixed claim marks the statutory rows.
        let stated = try #require(draft(ladder.replacingAll("  total 828.00", with: "  compensation 55.00\n  total 828.00").replacingAll("  total 2436.00", with: "  compensation statutory\n  total 2436.00"), asOf: "2026-04-21"))
        #expect(stated.text.contains("| A1 | 828.00 | 31 January 2026 | 80 | — | 55.00 |"))
        #expect(stated.text.contains("| A2 | 2,436.00 | 1 February 2026 | 79 | — | 70.00 (statutory) |"))
        #expect(!stated.text.contains("(the statutory sum for commercial debts)."))
        let ownSum = try #require(draft(ladder.replacingAll("  total 828.00", with: "  compensation 55.00\n  total 828.00"), asOf: "2026-04-21"))
        #expect(ownSum.text.contains("(the sum our terms state)") && !ownSum.text.contains("statutory"))
        let interest = try #require(draft(ladder.replacingAll("  total 828.00", with: "  interest 8%\n  compensation 40.00\n  total 828.00"), asOf: "2026-04-21"))
        #expect(interest.text.contains("in which we would also ask for the interest that continues to run at 8% a year"))
    }

    @Test func statutoryBandsFollowTheRegulations() {
        let gbp = Currency("GBP"), eur = Currency("EUR")
        #expect(StatutoryCompensation.amount(total: 999_99, currency: gbp) == 40_00)
        #expect(StatutoryCompensation.amount(total: 1_000_00, currency: gbp) == 70_00)
        #expect(StatutoryCompensation.amount(total: 9_999_99, currency: gbp) == 70_00)
        #expect(StatutoryCompensation.amount(total: 10_000_00, currency: gbp) == 100_00)
        #expect(StatutoryCompensation.amount(total: 50_000_00, currency: eur) == 40_00)
        #expect(StatutoryCompensation.amount(total: 500_00, currency: Currency("USD")) == nil)
    }

    @Test func addressesKeepTheirLinesInMarkdown() throws {
        let d = try #require(draft("2026-01-01 invoice acme A1\n  total 1000.00\n", asOf: "2026-02-04"))
        #expect(d.text.contains("Acme Ltd  \nFor the attention of Jane Doe  \n1 Harbour Road  \nBristol BS1 5TT\n"))
        #expect(d.text.contains("Test Studio Ltd  \n1 Mill Lane  \nLeeds LS1 1AA\n"))
    }

    @Test func aNoteForTheFileIsNotAReplyNorTheLastContact() throws {
        let base = """
            2026-01-01 invoice acme A1
              total 1000.00
            2026-02-03 letter acme reminder
              invoices A1

            """
        let filed = try #require(draft(base + "2026-02-10 note acme file\n  said Imported from the old system.\n", asOf: "2026-02-17"))
        #expect(filed.choice.stage == .followUp)
        #expect(filed.values["last.contact"] == nil)
        #expect(!filed.text.contains("Imported from"))
        // The same note as an email is a reply: it postpones the follow-up and is thanked for.
        #expect(draft(base + "2026-02-10 note acme email\n  said Imported from the old system.\n", asOf: "2026-02-17") == nil)
    }

    @Test func afterAnAnsweredFinalTheLadderRestatesTheFinalNotice() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme A1
              total 1000.00
            2026-02-03 letter acme reminder
              invoices A1
            2026-02-17 letter acme follow-up
              invoices A1
            2026-03-03 letter acme follow-up
              invoices A1
            2026-03-17 letter acme final
              invoices A1
            2026-03-20 note acme email
              said Will look at it next week.
            """, asOf: "2026-04-03"))
        #expect(d.choice.stage == .final)
        #expect(d.text.contains("Thank you for your email of 20 March 2026."))
        #expect(d.values["unanswered"] == nil)
    }

    @Test func aPaymentThatSettledAChasedInvoiceIsThankedForWithTheInvoice() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 400.00
            2026-02-08 letter acme reminder
              invoices A-1
            2026-02-15 invoice acme A-2
              total 100.00
            2026-02-16 payment acme 400.00
              apply A-1
            """, asOf: "2026-03-20"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["payments.received"]?.contains("400.00 GBP on 16 February 2026 (which settled invoice A-1)") == true)
    }

    /// Four payments are named one by one; a fifth makes them one sentence with their sum in
    /// each currency, as a list of eighteen payments would be read by no one.
    @Test func manyPaymentsAreThankedForTogether() throws {
        func ledger(payments: Int) -> String {
            var text = "2026-01-01 invoice acme A1\n  total 5000.00\n2026-02-03 letter acme reminder\n  invoices A1\n"
            for k in 0..<payments { text += "2026-02-\(10 + k) payment acme 100.00\n  apply A1\n" }
            return text
        }
        let four = try #require(draft(ledger(payments: 4), asOf: "2026-03-10"))
        #expect(four.values["payments.received"] == "Thank you for your payments of 100.00 GBP on 10 February 2026 (towards invoice A1), 100.00 GBP on 11 February 2026 (towards invoice A1), 100.00 GBP on 12 February 2026 (towards invoice A1) and 100.00 GBP on 13 February 2026 (towards invoice A1).")
        let five = try #require(draft(ledger(payments: 5), asOf: "2026-03-10"))
        #expect(five.values["payments.received"] == "Thank you for the 5 payments you made from 10 February 2026 to 14 February 2026 (500.00 GBP in all, towards invoice A1).")
        #expect(five.text.contains("| A1 | 1 January 2026 | "), "\(five.text)")
        #expect(five.text.contains("| 5,000.00 | 500.00 | 4,500.00 |"), "\(five.text)")
        // An invoice they settled is gone from the table: it is named.
        var two = "2026-01-01 invoice acme R-1\n  total 250.00\n2026-01-02 invoice acme R-2\n  total 5000.00\n2026-02-03 letter acme reminder\n  invoices R-1 R-2\n"
        for k in 0..<5 { two += "2026-02-\(10 + k) payment acme 100.00\n" }
        let settled = try #require(draft(two, asOf: "2026-03-10"))
        #expect(settled.values["payments.received"] == "Thank you for the 5 payments you made from 10 February 2026 to 14 February 2026 (500.00 GBP in all, which settled invoice R-1 and went towards invoice R-2).")
        #expect(!settled.text.contains("| R-1 |"))
        // Invoices they went towards that a credit note closed since are named: not "below".
        var closed = "2026-01-01 invoice acme I1\n  total 1000.00\n2026-01-01 invoice acme I2\n  total 1000.00\n2026-01-01 invoice acme I3\n  total 1000.00\n2026-01-01 invoice acme I4\n  total 1000.00\n2026-02-10 letter acme reminder\n  invoices I1 I2 I3 I4\n"
        for (k, n) in ["I1", "I2", "I3", "I4", "I4"].enumerated() { closed += "2026-02-\(11 + k) payment acme 100.00\n  apply \(n)\n" }
        closed += "2026-02-16 credit acme 900.00\n  number CN1\n  apply I1\n"
        let named = try #require(draft(closed, asOf: "2026-03-10"))
        #expect(named.values["payments.received"]?.contains("(500.00 GBP in all, towards invoices I1, I2, I3 and I4)") == true, "\(named.values["payments.received"] ?? "")")
        // A thank-you groups them too.
        var paidUp = "2026-01-01 invoice acme T-1\n  total 1000.00\n2026-02-03 letter acme reminder\n  invoices T-1\n"
        for k in 0..<5 { paidUp += "2026-02-\(10 + k) payment acme 200.00\n" }
        let thanks = try #require(draft(paidUp, asOf: "2026-02-20"))
        #expect(thanks.choice.stage == .thanks)
        #expect(thanks.values["settlement"]?.hasPrefix("Your 5 payments made from 10 February 2026 to 14 February 2026 (1,000.00 GBP in all, for invoice T-1) have arrived, and your account with us is now fully settled.") == true, "\(thanks.values["settlement"] ?? "")")
    }

    /// One payment of two discounted sums, a day late for the first: the first takes its whole
    /// amount, so the second, reached inside its window, is short of its discounted sum. Both
    /// are explained together, and only the first window is said to have closed. By hand: I-1
    /// 1,000.00 less a 100.00 credit note (2% of 900.00 is 18.00), I-2 500.00 (10.00); 882.00 +
    /// 490.00 = 1,372.00 paid on 16 January: 900.00 to I-1, 472.00 to I-2, 28.00 open.
    @Test func aDiscountLostOnOneInvoiceExplainsTheShortfallOnTheNext() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme I-1
              terms 2/10 net 30
              total 1000.00
            2026-01-06 invoice acme I-2
              terms 2/10 net 30
              total 500.00
            2026-01-07 credit acme 100.00
              number CN-5
              apply I-1
            2026-01-16 payment acme 1372.00
            """, asOf: "2026-02-20"))
        #expect(d.values["discount.missed"] == "Invoices I-1 and I-2 offered 2% off for payment within 10 days, that is by 15 January 2026 for I-1 and 16 January 2026 for I-2. Your payment of 1,372.00 GBP arrived on 16 January 2026, after the window for I-1 had closed: I-1 took its whole amount, and what was left for I-2 fell short of its discounted sum, so neither discount could be applied and 28.00 GBP remains to pay.")
    }

    /// A client who works the discount out on the total before a credit note pays too little
    /// inside the window: the letter says what the discount came to and by how much the
    /// payment fell short. By hand: 1,000.00 less CN1's 500.00 leaves 500.00; 2% of it is
    /// 10.00, so 490.00 would have settled it; 480.00 paid is 10.00 short and leaves 20.00.
    /// Without a credit note, 970.00 paid of 1,000.00 is 10.00 short of 980.00.
    @Test func aDiscountWorkedOutOnTheTotalBeforeACreditNoteIsExplained() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme I1
              terms 2/10 net 30
              total 1000.00
            2026-01-08 credit acme 500.00
              number CN1
              apply I1
            2026-01-12 payment acme 480.00
              apply I1
            """, asOf: "2026-02-20"))
        #expect(d.values["discount.missed"] == "Invoice I1 offered 2% off for payment within 10 days, that is by 15 January 2026. After credit note CN1, 500.00 GBP was left to pay on it, so the discount came to 10.00 GBP and 490.00 GBP paid by then would have settled it. You paid 480.00 GBP towards it by 12 January 2026, in time but 10.00 GBP short of 490.00 GBP, so the discount could not be applied and 20.00 GBP remains to pay.")
        let plain = try #require(draft("2026-01-05 invoice acme I1\n  terms 2/10 net 30\n  total 1000.00\n2026-01-12 payment acme 970.00\n  apply I1\n", asOf: "2026-02-20"))
        #expect(plain.values["discount.missed"] == "Invoice I1 offered 2% off for payment within 10 days, that is by 15 January 2026: 980.00 GBP paid by then would have settled it. You paid 970.00 GBP towards it by 12 January 2026, in time but 10.00 GBP short of 980.00 GBP, so the discount could not be applied and 30.00 GBP remains to pay.")
        // While the window is open, what is short may still come in time: nothing is said lost.
        // (The 20.00 left is below the chase minimum, whose one letter is the reminder: with the
        // minimum off, the courtesy note goes.)
        let open = load("""
            settings
              currency GBP
              courtesy on
              chase-minimum 0
            client acme Acme Ltd
            2026-03-02 invoice acme D1
              terms 2/10 net 12
              total 1000.00
            2026-03-04 credit acme 500.00
              number CN-1
              apply D1
            2026-03-05 payment acme 480.00
              apply D1

            """)
        let day = Day.parse("2026-03-11")!
        let sheet = BalanceEngine.balances(open.ledger, asOf: day)
        let story = try #require(ClientStory.all(open.ledger, sheet: sheet).first)
        let courtesy = StageChooser.choose(story, ledger: open.ledger, sheet: sheet)
        #expect(courtesy.stage == .courtesy)
        #expect(LetterFields.values(stage: .courtesy, choice: courtesy, story: story, ledger: open.ledger, sheet: sheet)["discount.missed"] == "")
        // Half the total unpaid is no discount taken wrongly: nothing to explain.
        let half = try #require(draft("2026-01-05 invoice acme I1\n  terms 2/10 net 30\n  total 1000.00\n2026-01-12 payment acme 500.00\n  apply I1\n", asOf: "2026-02-20"))
        #expect(half.values["discount.missed"] == "")
    }

    /// A credit note after the window lets a payment made inside it count as the discounted
    /// sum (§4 rule 6): the thank-you says so, or the 10.00 between the reminder's 510.00 and
    /// the credit note's 500.00 is never accounted for.
    @Test func aThankYouSaysWhenALateCreditNoteLetTheDiscountStand() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme I1
              terms 2/10 net 30
              total 1000.00
            2026-01-05 payment acme 490.00
              apply I1
            2026-02-03 letter acme reminder
              invoices I1
            2026-02-10 credit acme 500.00
              number CN1
              apply I1
            """, asOf: "2026-02-12"))
        #expect(d.choice.stage == .thanks)
        #expect(d.values["settlement"] == "Credit note CN1 for 500.00 GBP has been applied to invoice I1. Your payment of 490.00 GBP on 5 January 2026 came within invoice I1's early-payment window (by 11 January 2026), and the 10.00 GBP the credit note leaves is within its 2% discount, so it is allowed. Nothing is now open on your account.")
    }

    /// A promise broken before a dispute acknowledgement about other work is still named in the
    /// next letter: the acknowledgement names no promise.
    @Test func aBrokenPromiseIsNamedAfterADisputeAcknowledgement() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 500.00
            2026-01-06 invoice acme A-2
              total 300.00
            2026-02-10 letter acme reminder
              invoices A-1 A-2
            2026-02-12 note acme call
              promise 2026-02-20
            2026-02-25 note acme email
              dispute A-2 hours not agreed
            2026-02-26 letter acme dispute
              invoices A-2
            """, asOf: "2026-03-10"))
        #expect(d.choice.stage == .followUp, "\(d.choice.reason)")
        #expect(d.values["promise.broken"] == "On 12 February 2026 you told us to expect payment by 20 February 2026. It has not reached us.", "\(d.text)")
    }

    /// A missed early-payment discount is dated by the payment that came late, not by a credit
    /// note after it: a credit note is no payment. By hand: 1,000.00 on 2/10 net 30 from 5
    /// January, window to 15 January; 490.00 paid on 20 January, 500.00 credited on 25 January:
    /// 10.00 open, no discount.
    @Test func aMissedDiscountIsDatedByThePaymentNotALaterCreditNote() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme D-1
              terms 2/10 net 30
              total 1000.00
            2026-01-20 payment acme 490.00
              apply D-1
            2026-01-25 credit acme 500.00
              number CN-1
              apply D-1
            """, asOf: "2026-02-20"))
        #expect(d.values["discount.missed"] == "Invoice D-1 offered 2% off for payment within 10 days, that is by 15 January 2026. Your payment arrived on 20 January 2026, after that window had closed, so the discount could not be applied and 10.00 GBP remains to pay.")
    }

    @Test func aPaymentWithoutApplyNamesTheInvoiceItPaid() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme A1
              total 1000.00
            2026-01-10 invoice acme A2
              total 800.00
            2026-02-03 letter acme reminder
              invoices A1 A2
            2026-02-10 payment acme 1000.00
            """, asOf: "2026-02-24"))
        #expect(d.values["payments.received"]?.contains("1,000.00 GBP on 10 February 2026 (which settled invoice A1)") == true)
        // One that settled an invoice and paid part of the next says both.
        let split = try #require(draft("""
            2026-01-01 invoice acme A1
              total 600.00
            2026-01-10 invoice acme A2
              total 800.00
            2026-02-03 letter acme reminder
              invoices A1 A2
            2026-02-10 payment acme 700.00
            """, asOf: "2026-02-24"))
        #expect(split.values["payments.received"] == "Thank you for your payment of 700.00 GBP on 10 February 2026 (which settled invoice A1 and went towards invoice A2).")
    }

    @Test func aChasedInvoiceWrittenOffInFullIsSaidToBeWaivedAndACreditNamesItsInvoice() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 800.00
            2026-01-06 invoice acme A-2
              total 300.00
            2026-02-08 letter acme reminder
              invoices A-1 A-2
            2026-02-10 credit acme 50.00
              number CN-12
            2026-02-12 writeoff acme A-2
              waived
            """, asOf: "2026-02-23"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["writeoffs"] == "You need not pay invoice A-2 (300.00 GBP): we have waived it.")
        #expect(d.values["credits"]?.contains("has been applied to invoice A-1") == true)
        #expect(d.values["total"] == "750.00 GBP")
        // Written off as a loss, not waived: the client is not told the debt is given up.
        let lost = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 800.00
            2026-01-06 invoice acme A-2
              total 300.00
            2026-02-08 letter acme reminder
              invoices A-1 A-2
            2026-02-12 writeoff acme A-2
              reason unlikely to recover
            """, asOf: "2026-02-23"))
        #expect(lost.choice.stage == .followUp)
        #expect(lost.values["writeoffs"] == nil)
        #expect(!lost.text.contains("waive"))
    }

    @Test func aThankYouAfterACreditNoteThanksForNoPaymentAndNamesTheCredit() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 400.00
            2026-02-08 letter acme reminder
              invoices A-1
            2026-02-10 note acme email
              dispute A-1 Never received the brochure files
            2026-02-11 letter acme dispute
              invoices A-1
            2026-02-20 note acme email
              resolved A-1 Cancelled: files were never delivered
            2026-02-20 credit acme 400.00
              number CN-20
              apply A-1
            """, asOf: "2026-02-25"))
        #expect(d.choice.stage == .thanks)
        #expect(!d.text.contains("payment"))
        #expect(!d.text.contains("sorting it out"))
        #expect(d.values["settlement"]?.contains("As agreed, credit note CN-20 for 400.00 GBP has been applied to invoice A-1, so nothing is open") == true)
        #expect(!d.text.contains("never delivered") && !d.text.contains("brochure files"))
    }

    @Test func aThankYouNamesThePaymentAndAKeptPlanAndAsksForFeedbackOnlyOnce() throws {
        let base = """
            2026-01-05 invoice acme A-1
              total 1400.00
            2026-02-10 letter acme reminder
              invoices A-1
            2026-03-01 plan acme 1400.00
              for A-1
              2026-03-31 700.00
              2026-04-30 700.00
            2026-03-31 payment acme 700.00
              apply A-1
            2026-04-30 payment acme 700.00
              apply A-1

            """
        let d = try #require(draft(base, asOf: "2026-05-02"))
        #expect(d.choice.stage == .thanks)
        #expect(d.values["settlement"]?.contains("700.00 GBP on 30 April 2026 (invoice A-1)") == true)
        #expect(d.values["settlement"]?.contains("completes the payment plan we agreed on 1 March 2026: thank you for keeping to it.") == true)
        #expect(d.values["feedback.ask"] != nil)
        // An instalment that had to be chased: the plan was seen through, not kept to.
        let late = try #require(draft(base.replacingOccurrences(of: "2026-03-31 payment acme 700.00", with: "2026-04-04 letter acme instalment\n  invoices A-1\n2026-04-08 payment acme 700.00"), asOf: "2026-05-02"))
        #expect(late.choice.stage == .thanks)
        #expect(late.values["settlement"]?.contains("completes the payment plan we agreed on 1 March 2026, with the instalment due on 31 March 2026 made up on 8 April 2026: thank you for seeing it through.") == true)
        // Chased in a reminder about other work, sent while the instalment was behind: the same.
        let other = try #require(draft(base.replacingOccurrences(of: "2026-03-31 payment acme 700.00", with: "2026-03-02 invoice acme A-2\n  total 350.00\n2026-04-06 letter acme reminder\n  invoices A-2\n2026-04-10 payment acme 700.00") + "2026-04-30 payment acme 350.00\n  apply A-2\n", asOf: "2026-05-02"))
        #expect(other.choice.stage == .thanks)
        #expect(other.values["settlement"]?.contains("completes the payment plan we agreed on 1 March 2026, with the instalment due on 31 March 2026 made up on 10 April 2026: thank you for seeing it through.") == true)
        let told = try #require(draft(base + "2026-05-01 note acme email\n  feedback Loved the work.\n", asOf: "2026-05-02"))
        #expect(told.values["feedback.ask"] == nil)
        #expect(!told.text.contains("Loved the work"))
    }

    /// A client who keeps trading while one invoice goes unpaid: the demand's history is of
    /// that invoice, not of every payment and letter about other work since it fell due.
    @Test func aDemandHistoryLeavesOutWhatConcernedOnlyOtherInvoices() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 800.00
            2026-01-06 invoice acme A-2
              total 300.00
            2026-01-20 invoice acme A-3
              total 450.00
            2026-02-08 letter acme reminder
              invoices A-1 A-2
            2026-02-12 payment acme 300.00
              apply A-2 300.00
            2026-02-15 payment acme 100.00
              apply A-1 100.00
            2026-02-22 letter acme follow-up
              invoices A-1 A-3
            2026-02-25 payment acme 450.00
              apply A-3 450.00
            2026-01-25 invoice acme A-4
              total 200.00
            2026-03-01 letter acme reminder
              invoices A-4
            2026-03-03 note acme email
              said the A-4 hours look high
              dispute A-4 hours
            2026-03-05 note acme call
              resolved A-4 hours were right after all
            2026-03-05 payment acme 200.00
              apply A-4 200.00
            2026-03-08 letter acme follow-up
              invoices A-1
            2026-03-10 note acme call
              said asked for more time
            2026-03-22 letter acme final
              invoices A-1
            """, asOf: "2026-04-20"))
        #expect(d.choice.stage == .demand)
        let history = try #require(d.values["history"])
        // The chase of A-1; not the payments of A-2 and A-3, which our letters asked for with
        // it: the list is about this invoice, as its heading says, and their own letters
        // before it fell due are not listed either.
        #expect(history.contains("- 8 February 2026: our reminder about A-1 and A-2"))
        #expect(!history.contains("12 February 2026"))
        #expect(history.contains("- 15 February 2026: payment of 100.00 GBP received (towards invoice A-1)"))
        #expect(!history.contains("25 February 2026"))
        #expect(history.contains("- 22 March 2026: our final notice about A-1"))
        // A contact that names no invoice may concern this one.
        #expect(history.contains("- 10 March 2026: a call with you"))
        // A-4 was asked for, paid and queried on its own.
        #expect(!history.contains("A-4"))
        #expect(!history.contains("1 March 2026"))
        #expect(!history.contains("3 March 2026"))
        #expect(!history.contains("5 March 2026"))
    }

    @Test func aDemandHistoryNamesCreditNotesAndWaivers() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 800.00
            2026-01-06 invoice acme A-2
              total 300.00
            2026-02-08 letter acme reminder
              invoices A-1 A-2
            2026-02-10 credit acme 50.00
              number CN-12
            2026-02-11 payment acme 300.00
              apply A-2
            2026-02-12 writeoff acme A-1 30.00
              waived
            2026-02-22 letter acme follow-up
              invoices A-1
            2026-03-08 letter acme follow-up
              invoices A-1
            2026-03-22 letter acme final
              invoices A-1
            """, asOf: "2026-04-20"))
        #expect(d.choice.stage == .demand)
        #expect(d.values["history"]?.contains("- 10 February 2026: our credit note CN-12, 50.00 GBP, applied to A-1") == true)
        #expect(d.values["history"]?.contains("- 12 February 2026: we waived 30.00 GBP of A-1") == true, "\(d.values["history"] ?? "")")
        #expect(d.text.contains("Our contacts with you about this invoice:"))
        // A payment in the history says what it paid; a missed discount is set aside, not
        // demanded with the work (7.2), and its row says so.
        let paid = try #require(draft("""
            2026-01-05 invoice acme A-1
              terms 2/10 net 30
              total 1000.00
            2026-01-06 invoice acme A-2
              total 300.00
            2026-01-25 payment acme 980.00
              apply A-1
            2026-02-08 letter acme reminder
              invoices A-1 A-2
            2026-02-10 payment acme 100.00
              apply A-2
            2026-02-22 letter acme follow-up
              invoices A-1 A-2
            2026-03-08 letter acme follow-up
              invoices A-1 A-2
            2026-03-22 letter acme final
              invoices A-1 A-2
            """, asOf: "2026-04-20"))
        #expect(paid.choice.stage == .demand)
        #expect(paid.values["history"]?.contains("- 10 February 2026: payment of 100.00 GBP received (towards invoice A-2)") == true)
        #expect(!paid.text.contains("Invoice A-1 offered 2% off for payment within 10 days"))
        #expect(paid.text.contains("| A-1 | 5 January 2026 | 1,000.00 | 980.00 | 20.00 | discount missed, not asked for |"), "\(paid.text)")
    }

    @Test func aFollowUpIntroducesAnInvoiceNoLetterAskedForAsNewlyDue() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme K-27
              total 358.80
            2026-01-20 invoice acme K-29
              total 624.00
            2026-02-06 letter acme reminder
              invoices K-27
            """, asOf: "2026-02-28"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["again"] == "Following my letter of 6 February 2026, invoice K-27 still shows 358.80 GBP open, now 28 days past its due date.")
        #expect(d.values["newly.due"] == "Invoice K-29 (624.00 GBP, due 19 February 2026) has also fallen due since my last letter, so the total now due is 982.80 GBP.")
        #expect(!d.text.contains("again about invoices K-27 and K-29"))
        #expect(d.text.components(separatedBy: "6 February 2026").count == 2, "the last letter is cited once")
        // An invoice the last letter said falls due that day has not "fallen due since".
        let sameDay = try #require(draft("""
            2026-01-01 invoice acme K-27
              total 358.80
            2026-01-07 invoice acme K-28
              total 100.00
            2026-01-20 invoice acme K-29
              total 624.00
            2026-02-06 letter acme reminder
              invoices K-27
            """, asOf: "2026-02-28"))
        #expect(sameDay.values["newly.due"] == "Invoice K-28 (100.00 GBP), which fell due on the day of my last letter, is now past due as well, and invoice K-29 (624.00 GBP, due 19 February 2026) has also fallen due since my last letter, so the total now due is 1,082.80 GBP.")
    }

    @Test func aFinalNoticeListsTheLastLetterOnceAmongTheUnanswered() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme A1
              total 1000.00
            2026-02-03 letter acme reminder
              invoices A1
            2026-02-17 letter acme follow-up
              invoices A1
            2026-03-03 letter acme follow-up
              invoices A1
            """, asOf: "2026-03-17"))
        #expect(d.choice.stage == .final)
        #expect(d.values["previous.letter"] == nil)
        #expect(d.text.components(separatedBy: "3 March 2026").count == 2)
        #expect(d.text.contains("I have had no reply to my letters of 3 February 2026, 17 February 2026 and 3 March 2026"))
    }

    @Test func anInvoiceDueTodayIsSaidToFallDueTodayAndIsNotAskedFor() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme A1
              total 500.00
            2026-02-01 invoice acme A2
              total 930.00
            """, asOf: "2026-03-03"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["total"] == "500.00 GBP")
        #expect(d.values["not-yet-due"] == "Invoice A2 (930.00 GBP) falls due today; it is not part of what I am asking for now.")
        #expect(!d.text.contains("not yet due"))
        #expect(d.text.contains("| Not yet overdue |"))
    }

    @Test func aStatementWithNothingOpenShowsCreditOnAccountAndAsksForNothing() throws {
        let text = """
            settings
              currency GBP
            sender S
              bank Sort code 11-22-33
            client kiln Kiln Ltd
              methods bank transfer, card
            2025-11-01 invoice kiln K1
              total 100.00
            2025-12-15 payment kiln 124.00
              apply K1 100.00
            """
        let r = load(text)
        let day = Day.parse("2026-01-15")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = ClientStory(client: r.ledger.clients[0], ledger: r.ledger, sheet: sheet)
        var c = StageChoice(client: "kiln", stage: .statement, reason: "on request")
        c.chased = story.open
        let v = LetterFields.values(stage: .statement, choice: c, story: story, ledger: r.ledger, sheet: sheet)
        let letter = TemplateSet().template(for: .statement).render(v)
        #expect(v["statement.intro"] == "Nothing is open on your account as of 15 January 2026.")
        #expect(v["credit.on-account"] == "We hold 24.00 GBP of yours on account, which we will set against your next invoice unless you would rather have it refunded.")
        #expect(!letter.contains("You can pay") && !letter.contains("11-22-33"))
        #expect(!letter.contains("As requested"))
    }

    @Test func aSecondMissedInstalmentIsChasedWithTheFirst() throws {
        let base = """
            2026-01-05 invoice acme H-1
              total 1200.00
            2026-01-20 invoice acme H-2
              total 900.00
            2026-03-01 plan acme 2100.00
              for H-1 H-2
              2026-03-31 700.00
              2026-04-30 700.00
              2026-05-31 700.00
            2026-03-31 payment acme 700.00
              apply H-1
            2026-05-04 letter acme instalment
              invoices H-1 H-2

            """
        // The client rang after the reminder of 4 May, so the plan runs on past its last date
        // (3.10), and the reminder after it asks for both instalments.
        let answered = base + "2026-05-06 note acme call\n"
        let d = try #require(draft(answered, asOf: "2026-06-10"))
        #expect(d.choice.stage == .instalment)
        #expect(d.values["plan.next"]?.hasPrefix("The instalments due on 30 April 2026 and 31 May 2026 have not reached us: 1,400.00 GBP in all.") == true)
        #expect(d.text.contains("Please send them by"))
        // Unanswered, that reminder put the plan in default on 15 May, before its last date, and
        // it stays over (3.10): the ladder asks for both invoices, saying the plan lapsed.
        let lapsed = try #require(draft(base, asOf: "2026-06-10"))
        #expect(lapsed.choice.stage == .reminder)
        #expect(lapsed.values["plan.ended"] == "The payment plan we agreed on 1 March 2026 has lapsed: my reminder of 4 May 2026 went unanswered, and the instalments due on 30 April 2026 and 31 May 2026 have not reached us (1,400.00 GBP), so what is open on invoices H-1 and H-2 is due now.")
        let r = load(Self.header + answered)
        let day = Day.parse("2026-06-10")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let agenda = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day)
        #expect(agenda.items.contains { $0.kind == .letter && $0.action.contains("(1,400.00 GBP)") })
        // Before that letter is due, the agenda says every date has passed, not that the plan
        // has run out and is the user's to decide: the instalment reminder comes next.
        let early = Day.parse("2026-06-02")!
        let earlyAgenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: early), asOf: early)
        #expect(earlyAgenda.items.map(\.action) == ["check for 1,400.00 GBP of instalments due 2026-04-30 and 2026-05-31"])
        #expect(earlyAgenda.items.first?.why == "2 instalments not received, the first after 33 days; every date of the plan has passed")
        // Once it went, the plan is over and the ladder takes the invoices back.
        let after = try #require(draft(answered + "2026-06-10 letter acme instalment\n  invoices H-1 H-2\n", asOf: "2026-07-15"))
        #expect(after.choice.stage == .reminder)
        #expect(after.values["total"] == "1,400.00 GBP")
        #expect(!after.text.contains("in the payment plan"))
    }

    static let header = "settings\n  currency GBP\nclient acme Acme Ltd\n  contact Jane Doe\n\n"

    @Test func aPromiseMissedThenPartPaidLateSaysBothAndIsNamedOnlyOnce() throws {
        let base = """
            2026-01-01 invoice acme A-1
              total 2000.00
            2026-02-08 letter acme reminder
              invoices A-1
            2026-02-12 note acme call
              promise 2026-03-01 2000.00
            2026-03-03 payment acme 800.00
              apply A-1

            """
        let d = try #require(draft(base, asOf: "2026-03-10"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["promise.broken"] == "On 12 February 2026 you told us to expect a payment of 2,000.00 GBP by 1 March 2026. Nothing had reached us by then; thank you for the 800.00 GBP that has arrived since. The remaining 1,200.00 GBP has not reached us.")
        #expect(!d.choice.reason.contains("has not arrived"))
        // The next letter does not bring the old promise up again.
        let next = try #require(draft(base + "2026-03-10 letter acme follow-up\n  invoices A-1\n", asOf: "2026-03-30"))
        #expect(next.choice.stage == .followUp || next.choice.stage == .final)
        #expect(next.values["promise.broken"] == nil)
        #expect(!next.text.contains("1 March 2026"))
    }

    @Test func aPlanOfferSaysWhatOfItsTotalIsPastDue() throws {
        let base = """
            2026-01-01 invoice acme A1
              total 1884.00
            2026-03-17 invoice acme A2
              total 2340.00
            2026-04-08 note acme call
              hardship Asked for time on both invoices.

            """
        let d = try #require(draft(base, asOf: "2026-04-09"))
        #expect(d.choice.stage == .planOffer)
        #expect(d.values["total"] == "4,224.00 GBP")
        #expect(d.values["total.split"] == "Of the 4,224.00 GBP to spread, 1,884.00 GBP is past due and 2,340.00 GBP falls due on 16 April 2026.")
        #expect(!d.text.contains("Asked for time"))
        // Two more, in two currencies and on two dates: each date with what falls due on it.
        let two = try #require(draft(base + "2026-03-20 invoice acme A3\n  currency EUR\n  total 500.00\n", asOf: "2026-04-09"))
        // The sums come in the order of their invoices, as the table lists them.
        #expect(two.values["total.split"] == "Of the 4,224.00 GBP and 500.00 EUR to spread, 1,884.00 GBP is past due and 2,340.00 GBP falls due on 16 April 2026 and 500.00 EUR on 19 April 2026.")
        let r = load(Self.header + base)
        let day = Day.parse("2026-04-09")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
        #expect(agenda.items.contains { $0.action == "send a payment plan offer (4,224.00 GBP, of which 1,884.00 GBP past due)" })
    }

    @Test func thanksForAContactOlderThanTheWorkAreNotGiven() throws {
        let d = try #require(draft("""
            2025-10-01 invoice acme A0
              total 100.00
            2025-10-09 note acme email
              feedback Lovely work.
            2025-10-20 payment acme 100.00
              apply A0
            2026-01-01 invoice acme A1
              total 500.00
            """, asOf: "2026-02-10"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["last.contact"] == nil)
        #expect(d.values["payments.received"] == nil)
    }

    @Test func aFollowUpAfterASettledQueryThanksOnceAndStatesWhatIsLeft() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme A-1
              total 2400.00
            2026-02-08 letter acme reminder
              invoices A-1
            2026-02-26 note acme email
              dispute A-1 Wrong rate
            2026-02-27 letter acme dispute
              invoices A-1
            2026-03-20 note acme email
              resolved A-1 Agreed 400 off
            2026-03-20 credit acme 400.00
              number CN-9
              apply A-1
            """, asOf: "2026-04-06"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["last.contact"] == "Thank you for your email of 20 March 2026 and for working through your query about invoice A-1 with us.")
        #expect(d.values["dispute.resolved"] == nil)
        #expect(d.values["credits"] == "As agreed, credit note CN-9 for 400.00 GBP, dated 20 March 2026, has been applied to invoice A-1.")
        #expect(d.values["again"] == "Since my letter of 27 February 2026 we have settled your query, and invoice A-1 now shows 2,000.00 GBP to pay.")
        #expect(d.text.components(separatedBy: "Thank you").count == 2)
        // Issued the day before the email that settled the query: agreed just the same.
        let before = try #require(draft("""
            2026-01-01 invoice acme A-1
              total 2400.00
            2026-02-08 letter acme reminder
              invoices A-1
            2026-02-26 note acme email
              dispute A-1 Wrong rate
            2026-02-27 letter acme dispute
              invoices A-1
            2026-03-19 credit acme 400.00
              number CN-9
              apply A-1
            2026-03-20 note acme email
              resolved A-1 Agreed 400 off
            """, asOf: "2026-04-06"))
        #expect(before.values["credits"] == "As agreed, credit note CN-9 for 400.00 GBP, dated 19 March 2026, has been applied to invoice A-1.")
    }

    @Test func anAnsweredFinalNoticeIsRestatedWithoutAskingThemToGetInTouch() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme P-1
              total 500.00
            2026-02-03 letter acme reminder
              invoices P-1
            2026-02-17 letter acme follow-up
              invoices P-1
            2026-03-03 letter acme follow-up
              invoices P-1
            2026-03-23 letter acme final
              invoices P-1
            2026-03-25 note acme email
            """, asOf: "2026-04-10"))
        #expect(d.choice.stage == .final)
        #expect(d.values["final.opening"] == "Thank you for your email of 25 March 2026. My final notice of 23 March 2026 still stands: today 500.00 GBP remains to be paid on invoice P-1, 69 days past its due date.")
        #expect(!d.text.contains("This is a final notice") && !d.text.contains("please do get in touch"))
        #expect(!d.text.contains("contact me before then"))
        #expect(d.text.components(separatedBy: "23 March 2026").count == 2)
    }

    @Test func aTransferWithNoAccountForTheCurrencySaysHowToGetOne() throws {
        let d = try #require(draft("""
            client yank Yank Inc
              currency USD
              methods bank transfer, card
            2026-01-01 invoice yank Y1
              total 1000.00
            """, asOf: "2026-02-10", client: "yank"))
        #expect(d.values["methods"] == "You can pay by card, or by bank transfer: reply and I will send our account details for USD.")
        #expect(d.values["bank"] == nil)
    }

    @Test func aLetterAboutSeveralInvoicesSpeaksOfThemInThePlural() throws {
        let d = try #require(draft("2026-01-01 invoice acme A1\n  total 100.00\n2026-01-02 invoice acme A2\n  total 200.00\n", asOf: "2026-02-10"))
        #expect(d.choice.stage == .reminder)
        #expect(d.text.contains("If something about these invoices is holding them up"))
        let one = try #require(draft("2026-01-01 invoice acme A1\n  total 100.00\n", asOf: "2026-02-10"))
        #expect(one.text.contains("If something about the invoice is holding it up"))
    }

    @Test func aStatementExplainsADisputedInvoiceAndPlanRowsShowTheirState() throws {
        let text = """
            settings
              currency GBP
            client oak Oakridge Ltd
              contact Ann
              methods bank transfer
            2026-08-11 invoice oak O-22
              for Portal
              total 3120.00
            2026-10-08 note oak email
              dispute O-22 Not what we asked for
            """
        let r = load(text)
        let day = Day.parse("2026-11-20")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = ClientStory(client: r.ledger.clients[0], ledger: r.ledger, sheet: sheet)
        var c = StageChoice(client: "oak", stage: .statement, reason: "on request")
        c.chased = story.open
        let v = LetterFields.values(stage: .statement, choice: c, story: story, ledger: r.ledger, sheet: sheet)
        #expect(v["on.hold"] == "We are not asking for invoice O-22 (3,120.00 GBP open) while we settle the query you raised on 8 October 2026.")
        #expect(v["invoices.table"]?.contains("| O-22 | 11 August 2026 | Portal | 3,120.00 | 0.00 | 3,120.00 | disputed, on hold |") == true)
        #expect(!TemplateSet().template(for: .statement).render(v).contains("- Invoice"))
        // All that is open is on hold: no invitation to pay it.
        #expect(v["methods"] == nil && v["bank"] == nil)
    }

    @Test func aClientWithNoNameIsNotGreetedByItsIdAndDeadlinesAvoidWeekends() throws {
        let d = try #require(draft("client mix\n  methods bank transfer\n2026-01-05 invoice mix M-1\n  total 100.00\n", asOf: "2026-03-03", client: "mix"))
        #expect(d.text.contains("Dear Sir or Madam,"))
        // 3 March 2026 + 10 days is Friday 13 March; + 11 would be a Saturday.
        #expect(d.values["reply.by"] == "13 March 2026")
        let weekend = try #require(draft("client mix\n  methods bank transfer\n2026-01-05 invoice mix M-1\n  total 100.00\n", asOf: "2026-03-04", client: "mix"))
        #expect(weekend.values["reply.by"] == "16 March 2026")
        #expect(Day.parse("2026-12-13")!.weekday == 7 && Day.parse("2026-12-14")!.weekday == 1)
    }

    @Test func creditHeldOnAccountThatPaidPartOfANewInvoiceIsExplained() throws {
        let base = """
            2025-12-01 invoice acme K-1
              total 100.00
            2026-01-10 payment acme 200.00
              apply K-1 100.00
            2026-01-12 invoice acme K-2
              total 240.00

            """
        let d = try #require(draft(base, asOf: "2026-02-20"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["credit.used"] == "We have set 100.00 GBP of yours that we held on account against invoice K-2.")
        #expect(d.values["total"] == "140.00 GBP")
        // Said once: a later letter about the same invoice does not repeat it.
        let later = try #require(draft(base + "2026-02-20 letter acme reminder\n  invoices K-2\n", asOf: "2026-03-10"))
        #expect(later.values["credit.used"] == nil)
        // Nor after a letter about another invoice whose table showed it, not yet due.
        let other = base + "2026-01-25 invoice acme K-0\n  total 50.00\n  due 2026-02-01\n2026-02-05 letter acme reminder\n  invoices K-0\n"
        let next = try #require(draft(other, asOf: "2026-02-20"))
        #expect(next.values["credit.used"] == nil, "\(next.values["credit.used"] ?? "")")
    }

    @Test func theAgendaPointsToANoteForTheFileBeforeALetterGoes() throws {
        let r = load(Self.header + """
            2026-01-01 invoice acme A1
              total 1000.00
            2026-02-03 letter acme reminder
              invoices A1
            2026-02-10 note acme file
              said In liquidation, claim via the administrator.
            """)
        let day = Day.parse("2026-02-20")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
        let item = try #require(agenda.items.first { $0.kind == .letter })
        #expect(item.why.hasSuffix("; read your note for the file of 2026-02-10 before sending"))
        #expect(!item.why.contains("liquidation"))
    }

    /// The final notice gives the client until its reply date; the demand comes the day after.
    @Test func aDemandWaitsUntilTheDayAfterTheFinalNoticesDate() throws {
        let ledger = """
            2025-12-01 invoice acme A-1
              total 600.00
            2026-02-08 letter acme reminder
              invoices A-1
            2026-02-22 letter acme follow-up
              invoices A-1
            2026-03-09 letter acme follow-up
              invoices A-1
            2026-03-23 letter acme final
              invoices A-1
            """
        let final = try #require(draft(String(ledger.split(separator: "\n").dropLast(2).joined(separator: "\n")), asOf: "2026-03-23"))
        #expect(final.choice.stage == .final)
        #expect(final.text.contains("by 2 April 2026"))
        #expect(draft(ledger, asOf: "2026-04-02")?.choice.stage == nil)
        #expect(draft(ledger, asOf: "2026-04-03")?.choice.stage == .demand)
    }

    /// A restated final notice does not put today's figures in the earlier notice's mouth.
    @Test func aRestatedFinalNoticeGivesTodaysFiguresAsTodays() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 600.00
            2026-02-08 letter acme reminder
              invoices A-1
            2026-02-22 letter acme follow-up
              invoices A-1
            2026-03-08 letter acme follow-up
              invoices A-1
            2026-03-22 letter acme final
              invoices A-1
            2026-03-25 payment acme 200.00
              apply A-1
            """, asOf: "2026-04-08"))
        #expect(d.choice.stage == .final)
        #expect(!d.text.contains("said, 400.00"))
        // Thanks for the payment first, then the notice restated, "still" said once.
        #expect(d.values["final.opening"] == "Thank you for your payment of 200.00 GBP on 25 March 2026 (towards invoice A-1). My final notice of 22 March 2026 still stands: today 400.00 GBP remains to be paid on invoice A-1, 63 days past its due date.")
        #expect(d.values["payments.received"] == nil)
    }

    /// Part of an instalment arrived: the letter, its plan table and the reason say so.
    @Test func aPartPaidInstalmentIsNotCalledUnpaid() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 900.00
            2026-01-06 invoice acme A-2
              total 300.00
            2026-02-15 plan acme 1,200.00
              2026-03-01 400.00
              2026-04-01 400.00
              2026-05-01 400.00
            2026-03-02 payment acme 400.00
            2026-04-01 payment acme 150.00
            """, asOf: "2026-04-06"))
        #expect(d.choice.stage == .instalment)
        #expect(d.text.contains("Of the instalment of 400.00 GBP that was due on 1 April 2026, 150.00 GBP has reached us"))
        #expect(d.text.contains("250.00 GBP of it is still to come"))
        #expect(!d.text.contains("| 2 | 1 April 2026 | 400.00 GBP | not received |"))
        #expect(d.text.contains("| 2 | 1 April 2026 | 400.00 GBP | 150.00 GBP received, 250.00 GBP still open |"))
        #expect(!d.choice.reason.contains("has not arrived"))
    }

    /// A dispute marked in a note for the file (an import's mark) was not raised with us on
    /// that date: the acknowledgement neither thanks the client for raising it nor gives a date
    /// they queried it; one they raised in a call is thanked for, with its date.
    @Test func aDisputeMarkedForTheFileIsNotThankedForNorDated() throws {
        let marked = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 100.00
            2026-01-05 note acme file
              dispute A-1 marked disputed in the spreadsheet
            """, asOf: "2026-03-01"))
        #expect(marked.choice.stage == .dispute)
        #expect(!marked.text.contains("Thank you for telling me"))
        #expect(!marked.text.contains("queried"))
        #expect(marked.text.contains("I understand you have a question about the invoice below. I have put it on hold"))
        #expect(marked.text.contains("- Invoice A-1 of 5 January 2026 (100.00 GBP open, due 4 February 2026)\n"))
        let raised = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 100.00
            2026-01-06 invoice acme A-2
              total 50.00
            2026-02-10 note acme call
              dispute A-1 hours
              dispute A-2 hours
            """, asOf: "2026-03-01"))
        #expect(raised.text.contains("Thank you for telling me about your concern. I have put the invoices on hold while we look into them, and we will not chase them"))
        #expect(raised.text.contains("(100.00 GBP open, due 4 February 2026), which you queried on 10 February 2026"))
    }

    /// A payment after a dispute acknowledgement that settled what our reminder before it asked
    /// for is thanked for, though the acknowledgement named only the disputed invoice.
    @Test func aPaymentAfterADisputeAcknowledgementIsThankedFor() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 1000.00
            2026-01-06 invoice acme A-2
              total 500.00
            2026-02-10 letter acme reminder
              invoices A-1 A-2
            2026-02-12 note acme email
              dispute A-2 wrong
            2026-02-14 letter acme dispute
              invoices A-2
            2026-02-20 payment acme 1000
              apply A-1
            2026-03-01 note acme call
              resolved A-2 agreed 100 off
            2026-03-02 credit acme 100
              number CN-5
              apply A-2
            """, asOf: "2026-03-20"))
        #expect(d.choice.stage == .followUp)
        #expect(d.text.contains("payment of 1,000.00 GBP on 20 February 2026 (which settled invoice A-1)"))
    }

    /// The table's subtotals follow the rows' states: money on hold or in the plan is not in
    /// the past-due subtotal, which is the amount asked for.
    @Test func theTablesPastDueSubtotalLeavesOutMoneyOnHold() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme D-1
              total 1000.00
            2026-01-10 invoice acme D-2
              total 2000.00
            2026-03-01 invoice acme D-3
              total 100.00
            2026-02-20 letter acme reminder
              invoices D-1 D-2
            2026-02-25 note acme email
              dispute D-2 wrong hours
            2026-03-02 letter acme dispute
              invoices D-2
            """, asOf: "2026-03-20"))
        #expect(d.values["total"] == "1,000.00 GBP")
        #expect(d.text.contains("| Past due | | | | 1,000.00 GBP | |\n| Disputed, on hold | | | | 2,000.00 GBP | |\n| Not yet due | | | | 100.00 GBP | |\n| **Total open** | | | | **3,100.00 GBP** | |"))
        // The agenda's figure for the acknowledgement is the money disputed, not the account.
        let r = load(Self.header + """
            2026-01-05 invoice acme D-1
              total 1000.00
            2026-01-10 invoice acme D-2
              total 2000.00
            2026-02-25 note acme email
              dispute D-2 wrong hours
            """)
        let day = Day.parse("2026-02-27")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
        #expect(agenda.items.first { $0.kind == .letter }?.action == "send a dispute acknowledgement (2,000.00 GBP disputed)")
    }

    /// A reminder about an invoice outside the plan does not pass over missed instalments when
    /// it says the plan's invoice is not asked for.
    @Test func aReminderBesideAPlanNamesTheMissedInstalments() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme H-1
              total 900.00
            2026-03-05 plan acme 900.00
              for H-1
              2026-03-31 300.00
              2026-04-30 300.00
              2026-05-31 300.00
            2026-03-31 payment acme 300.00
              apply H-1
            2026-04-05 invoice acme H-2
              total 300.00
            """, asOf: "2026-05-10"))
        #expect(d.choice.stage == .reminder)
        // The plan's invoice is not said to be "not asked for" when its instalment is.
        #expect(d.text.contains("Invoice H-1 is covered by our payment plan. The instalment of 300.00 GBP that was due on 30 April 2026 has not reached us yet. Please send that instalment with the 300.00 GBP asked for here."))
        #expect(!d.text.contains("not asking for"))
        // The table's rows add up to the heading: the missed instalment is past due money.
        #expect(d.text.contains("| Past due | | | | 300.00 GBP | |\n| Plan instalments past due | | | | 300.00 GBP | |\n| Rest of the payment plan | | | | 300.00 GBP | |\n| **Total open** | | | | **900.00 GBP** | |"))
        // The heading and the closing ask for both; the letter is recorded with the plan's invoice.
        #expect(d.values["total.heading"] == "600.00 GBP")
        #expect(d.text.contains("**Friendly reminder: 600.00 GBP past due**"))
        #expect(d.values["total.asked"] == "300.00 GBP and the 300.00 GBP of that instalment (600.00 GBP in all)")
        #expect(d.choice.alsoAsked.count == 1)
    }

    /// A follow-up about another invoice that asks for a plan's missed instalment is recorded
    /// with the plan's invoice: once the plan has run out, the next letter follows on from it
    /// (not from a reminder months before the plan) and says the plan has ended.
    @Test func aLetterThatAskedForAMissedInstalmentIsTheOneTheNextFollowsOn() throws {
        let base = """
            2026-01-05 invoice acme T-1
              total 2000.00
            2026-02-09 letter acme reminder
              invoices T-1
            2026-02-20 plan acme 2,000.00
              for T-1
              2026-03-20 1,000.00
              2026-04-20 1,000.00
            2026-03-02 invoice acme T-2
              total 600.00
            2026-03-20 payment acme 1,000.00
              apply T-1
            2026-04-06 letter acme reminder
              invoices T-2

            """
        let april = try #require(draft(base, asOf: "2026-04-23"))
        #expect(april.choice.stage == .followUp)
        #expect(april.text.contains("**Following up: 1,600.00 GBP past due**"))
        #expect(!april.text.contains("we are not asking for it here"))
        #expect(!april.text.contains("paying it all at once is difficult"))
        let fields = LetterJob.draftFields(stage: .followUp, choice: april.choice, values: april.values, ledger: load(base).ledger, asOf: Day.parse("2026-04-23")!)
        #expect(fields.invoices == ["T-2", "T-1"])
        let may = try #require(draft(base + """
            2026-04-23 letter acme follow-up
              invoices T-2 T-1
            2026-04-30 payment acme 600.00
              apply T-2

            """, asOf: "2026-05-14"))
        #expect(may.text.contains("Following my letter of 23 April 2026, invoice T-1"), "\(may.text)")
        #expect(may.text.contains("The payment plan we agreed on 20 February 2026 has come to an end"))
        // The agenda's figure is the heading's.
        let r = load(Self.header + base)
        let day = Day.parse("2026-04-23")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
        #expect(agenda.items.first { $0.kind == .letter }?.action == "send a follow-up (1,600.00 GBP with the plan's missed instalment)")
    }

    /// A final notice that also asks for a plan's missed instalments asks for both in its
    /// closing, as its heading does. Recorded with the plan's invoices the day after the last
    /// instalment fell due, it chased that instalment: once its reply date passes the plan is
    /// over, and the demand claims all the plan's invoices, not only the one outside it.
    @Test func aFinalNoticeAskingForMissedInstalmentsEndsThePlanForTheDemand() throws {
        let base = """
            2026-01-10 invoice acme H-1
              total 1,200.00
            2026-01-20 invoice acme H-2
              total 960.00
            2026-02-20 plan acme 2,160.00
              for         H-1 H-2
              2026-03-15  720.00
              2026-04-15  720.00
              2026-05-15  720.00
            2026-03-01 invoice acme H-3
              total 480.00
            2026-03-14 payment acme 720.00
            2026-04-03 letter acme reminder
              invoices  H-3
            2026-04-18 letter acme follow-up
              invoices  H-3 H-1 H-2
            2026-05-02 letter acme follow-up
              invoices  H-3 H-1 H-2

            """
        let final = try #require(draft(base, asOf: "2026-05-16"))
        #expect(final.choice.stage == .final)
        #expect(final.text.contains("**Final notice: 1,920.00 GBP overdue**"))
        #expect(final.text.contains("Please pay 480.00 GBP and the 1,440.00 GBP of those instalments (1,920.00 GBP in all) by 26 May 2026"), "\(final.text)")
        let demand = try #require(draft(base + """
            2026-05-16 letter acme final
              invoices  H-3 H-1 H-2

            """, asOf: "2026-05-30"))
        #expect(demand.choice.stage == .demand)
        #expect(demand.text.contains("This letter is a formal demand for payment of 1,920.00 GBP, owed on invoices H-1, H-2 and H-3."), "\(demand.text)")
        #expect(!demand.text.contains("in the payment plan"))
        #expect(!demand.text.contains("my next letter"))
    }

    /// Interest is on what was unpaid each day: the 1,000.00 paid 49 days late bore interest
    /// until it came, and the letter says so beside a table whose open amount alone would not
    /// give the figure. A thank-you after the demand cites the claim as it stood that day.
    @Test func aDemandChargesInterestOnWhatWasUnpaidEachDay() throws {
        let base = """
            2026-01-05 invoice acme A-101
              total 2,400.00
              interest 12%
            2026-01-20 invoice acme A-102
              total 600.00
              interest 12%
            2026-02-07 letter acme reminder
              invoices A-101
            2026-02-21 letter acme follow-up
              invoices A-101 A-102
            2026-03-07 letter acme follow-up
              invoices A-101 A-102
            2026-03-21 letter acme final
              invoices A-101 A-102
            2026-03-25 payment acme 1,000.00
            2026-04-08 letter acme final
              invoices A-101 A-102

            """
        let d = try #require(draft(base, asOf: "2026-04-21"))
        #expect(d.choice.stage == .demand)
        // A-101: 2,400.00 × 12% × 49/365 = 38.66, and 1,400.00 × 12% × 27/365 = 12.43.
        #expect(d.text.contains("| A-101 | 1,400.00 | 4 February 2026 | 76 | 51.09 (12%) | — |"), "\(d.text)")
        // A-102: 600.00 × 12% × 61/365 = 12.03, nothing paid.
        #expect(d.text.contains("| A-102 | 600.00 | 19 February 2026 | 61 | 12.03 (12%) | — |"))
        #expect(d.text.contains("Interest also runs on any part paid after the due date, until the day it was paid (invoice A-101)."))
        #expect(d.values["claim.amount"] == "2,063.12 GBP")
        // The agenda asks for the letter's figure.
        let r = load(Self.header + base)
        let day = Day.parse("2026-04-21")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
        #expect(agenda.items.first { $0.kind == .letter }?.action.contains("2,063.12 GBP") == true)
        let paid = try #require(draft(base + """
            2026-04-21 letter acme demand
              invoices A-101 A-102
            2026-04-28 payment acme 2,063.12

            """, asOf: "2026-04-30"))
        #expect(paid.values["settlement"]?.hasSuffix("This payment also covers the 63.12 GBP of interest set out in my demand of 21 April 2026.") == true, "\(paid.values["settlement"] ?? "")")
        #expect(paid.values["credit.on-account"] == nil)
        // A credit note after the due date corrects the invoice: what it took off was never
        // owed and bears no interest. 400.00 credited to A-101 on 25 March in place of the
        // payment: 2,000.00 × 12% × 76/365 = 49.97, and no sentence about parts paid late.
        let credited = try #require(draft(base.replacingOccurrences(of: "2026-03-25 payment acme 1,000.00", with: "2026-03-25 credit acme 400.00\n  number CN-1\n  apply A-101"), asOf: "2026-04-21"))
        #expect(credited.choice.stage == .demand)
        #expect(credited.text.contains("| A-101 | 2,000.00 | 4 February 2026 | 76 | 49.97 (12%) | — |"), "\(credited.text)")
        #expect(!credited.text.contains("Interest also runs"))
    }

    /// The statutory sum is banded by the debt that was late: 1,200.00 less 300.00 paid before
    /// the due date is a debt of 900.00, which the band puts at 40.00, not 70.00.
    @Test func statutoryCompensationIsBandedByWhatWasLate() throws {
        let base = """
            2026-01-05 invoice acme B-1
              total 1,200.00
              compensation statutory
            2026-01-20 payment acme 300.00
              apply B-1
            2026-02-08 letter acme reminder
              invoices B-1
            2026-02-22 letter acme follow-up
              invoices B-1
            2026-03-08 letter acme follow-up
              invoices B-1
            2026-03-22 letter acme final
              invoices B-1

            """
        let d = try #require(draft(base, asOf: "2026-04-21"))
        #expect(d.choice.stage == .demand)
        #expect(d.text.contains("| B-1 | 900.00 | 4 February 2026 | 76 | — | 40.00 |"), "\(d.text)")
        // Paid in part after the due date, the whole 1,200.00 was late: 70.00.
        let late = try #require(draft(base.replacingOccurrences(of: "2026-01-20 payment", with: "2026-02-20 payment"), asOf: "2026-04-21"))
        #expect(late.text.contains("| B-1 | 900.00 | 4 February 2026 | 76 | — | 70.00 |"), "\(late.text)")
    }

    /// A dispute acknowledgement says what is held on account: money passed over the queried
    /// invoice, which goes to it once the query is settled.
    @Test func aDisputeAcknowledgementSaysWhatIsHeldOnAccount() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme O-1
              total 5,424.00
            2026-01-12 invoice acme O-2
              total 864.00
            2026-02-07 letter acme reminder
              invoices O-1
            2026-02-09 note acme email
              dispute O-1 Fixed price
            2026-02-12 payment acme 2,000.00

            """, asOf: "2026-02-13"))
        #expect(d.choice.stage == .dispute)
        #expect(d.text.contains("We hold 1,136.00 GBP of yours on account while we look into the query: once it is settled, it will go towards what is agreed for invoice O-1, unless you would rather have it refunded."), "\(d.text)")
    }

    /// A payment of two invoices' discounted sums, sent late, that first paid what a third
    /// invoice's own late payment had left: that third invoice did not lose its discount to it,
    /// and the letter does not say so, but tells what its own payment left and what the later
    /// one cleared first.
    @Test func aMissedDiscountIsNotBlamedOnAPaymentThatDidNotLoseIt() throws {
        let d = try #require(draft("""
            2026-03-02 invoice acme F-1
              total 1,000.00
              terms 2/10 net 30
            2026-03-02 invoice acme F-2
              total 600.00
              terms 2/10 net 30
            2026-03-12 payment acme 980.00
              apply F-1 980.00
            2026-03-13 payment acme 588.00
              apply F-2 588.00
            2026-03-03 invoice acme F-3
              total 300.00
              terms 2/10 net 30
            2026-03-03 invoice acme F-4
              total 200.00
              terms 2/10 net 30
            2026-03-20 payment acme 490.00

            """, asOf: "2026-04-06"))
        #expect(d.text.contains("22.00 GBP past due on invoice F-4"))
        #expect(d.values["discount.missed"] == "Invoices F-2, F-3 and F-4 offered 2% off for payment within 10 days, that is by 12 March 2026 for F-2, 13 March 2026 for F-3 and 13 March 2026 for F-4. Your payment towards invoice F-2 came after its window had closed, which left 12.00 GBP open on it. Your payment of 490.00 GBP on 20 March 2026 went first to that 12.00 GBP, and what was left reached invoices F-3 and F-4 after their windows had closed, so their discounts could not be applied either: 22.00 GBP remains to pay, the discounts missed on F-2 (12.00 GBP), F-3 (6.00 GBP) and F-4 (4.00 GBP).", "\(d.text)")
        #expect(!d.text.contains("after those windows had closed"))
    }

    /// A follow-up offers to help with paying "all at once" only when the sum is large
    /// enough for that to be a difficulty.
    @Test func aFollowUpForASmallSumOffersNoPlan() throws {
        let base = """
            2026-01-05 invoice acme S-1
              total 60.00
            2026-02-08 letter acme reminder
              invoices S-1

            """
        let small = try #require(draft(base, asOf: "2026-02-25"))
        #expect(small.choice.stage == .followUp)
        #expect(!small.text.contains("paying it all at once"), "\(small.text)")
        let large = try #require(draft(base.replacingOccurrences(of: "total 60.00", with: "total 600.00"), asOf: "2026-02-25"))
        #expect(large.text.contains("paying it all at once"))
    }

    /// A demand's claim in two currencies is met or not currency by currency; recorded as an
    /// invoice and paid, it is met; met by money held, the agenda says to record it.
    @Test func aThankYouAfterADemandInTwoCurrenciesTellsEachApart() throws {
        let base = """
            2026-01-05 invoice acme G1
              total 2,000.00
              compensation statutory
            2026-01-05 invoice acme E1
              currency EUR
              total 3,000.00
              interest 9%
            2026-02-15 payment acme 1,000.00 EUR
              apply E1
            2026-03-02 letter acme reminder
              invoices G1 E1
            2026-03-16 letter acme follow-up
              invoices G1 E1
            2026-03-30 letter acme follow-up
              invoices G1 E1
            2026-04-13 letter acme final
              invoices G1 E1
            2026-04-24 letter acme demand
              invoices G1 E1

            """
        let paid = base + "2026-04-28 payment acme 2,070.00\n2026-04-28 payment acme 2,000.00 EUR\n"
        let d = try #require(draft(paid, asOf: "2026-04-30"))
        #expect(d.choice.stage == .thanks)
        // EUR: 3,000.00 × 9% × 11/365 + 2,000.00 × 9% × 68/365 = 8.14 + 33.53.
        #expect(d.values["settlement"]?.contains("These payments also cover the 70.00 GBP of interest and compensation set out in my demand of 24 April 2026. The 41.67 EUR of it is not covered by these payments; I will write to you about it separately.") == true, "\(d.values["settlement"] ?? "")")
        #expect(d.choice.reason.hasSuffix("record it as an invoice, or it will pay later work"))
        let recorded = try #require(draft(base + "2026-04-28 invoice acme G1-LATE\n  total 70.00\n" + "2026-04-28 payment acme 2,070.00\n2026-04-28 payment acme 2,000.00 EUR\n", asOf: "2026-04-30"))
        #expect(recorded.values["settlement"]?.contains("(invoices G1 and G1-LATE)") == true)
        #expect(recorded.values["settlement"]?.contains("also cover the 70.00 GBP") == true)
        #expect(!recorded.choice.reason.contains("record it"))
        #expect(recorded.values["credit.on-account"] == nil)
    }

    /// A plan whose last instalment fell due on 30 April, missed, and a final notice the day
    /// after recorded with the plan's invoice (it asked for the instalments).
    static let finalAfterAPlansLastInstalment = """
            2026-01-01 invoice acme P1
              total 3,000.00
            2026-02-05 plan acme 3,000.00
              for P1
              2026-02-28 1,000.00
              2026-03-31 1,000.00
              2026-04-30 1,000.00
            2026-02-15 invoice acme O1
              total 800.00
            2026-02-27 payment acme 1,000.00
              apply P1
            2026-03-20 letter acme reminder
              invoices O1
            2026-04-03 letter acme follow-up
              invoices O1 P1
            2026-04-17 letter acme follow-up
              invoices O1 P1
            2026-05-01 letter acme final
              invoices O1 P1

            """

    /// A final notice recorded with a plan's invoices, after its last instalment fell due,
    /// asked for that instalment: no instalment reminder follows it.
    @Test func noInstalmentReminderFollowsAFinalNoticeThatAskedForThem() throws {
        let d = draft(Self.finalAfterAPlansLastInstalment, asOf: "2026-05-08")
        #expect(d?.choice.stage == nil, "\(d?.text ?? "")")
    }

    /// The claim a thank-you cites is the one the demand made: not on an invoice that fell due
    /// since the final notice, which the demand asked for alone. Paid to the cent, it is met.
    @Test func aThankYouCitesTheClaimAsTheDemandMadeIt() throws {
        let base = """
            2026-01-05 invoice acme A-1
              total 1,000.00
              interest 8%
            2026-02-08 letter acme reminder
              invoices A-1
            2026-02-22 letter acme follow-up
              invoices A-1
            2026-03-08 letter acme follow-up
              invoices A-1
            2026-03-22 letter acme final
              invoices A-1
            2026-03-01 invoice acme B-1
              total 500.00
              interest 8%

            """
        let demand = try #require(draft(base, asOf: "2026-04-05"))
        #expect(demand.choice.stage == .demand)
        // A-1: 1,000.00 × 8% × 60/365 = 13.15; B-1, due 31 March, asked for apart, not demanded.
        #expect(demand.values["claim.amount"] == "1,013.15 GBP", "\(demand.text)")
        let thanks = try #require(draft(base + """
            2026-04-05 letter acme demand
              invoices A-1
            2026-04-10 payment acme 1,513.15

            """, asOf: "2026-04-12"))
        #expect(thanks.values["settlement"]?.hasSuffix("This payment also covers the 13.15 GBP of interest set out in my demand of 5 April 2026.") == true, "\(thanks.values["settlement"] ?? "")")
    }

    /// Money the client paid while its only invoice was in query, which we held on account and
    /// put to the invoice when the query was settled, was paid on the day it came: a demand's
    /// interest stops running on it then, not on the day we moved it.
    @Test func interestStopsOnMoneyWeHeldOnAccountOnTheDayItCame() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 1,000.00
              interest 8%
            2026-02-10 letter acme reminder
              invoices A-1
            2026-02-12 note acme email
              dispute A-1 says the second page was not delivered
            2026-02-20 payment acme 600.00
            2026-03-18 note acme call
              resolved A-1 page was delivered; rest due
            2026-03-20 letter acme follow-up
              invoices A-1
            2026-04-03 letter acme follow-up
              invoices A-1
            2026-04-17 letter acme final
              invoices A-1

            """, asOf: "2026-05-05"))
        #expect(d.choice.stage == .demand)
        // 1,000.00 from 4 to 20 February (16 days) and 400.00 to 5 May (74 days), at 8%:
        // (100,000 × 16 + 40,000 × 74) × 8 / 100 / 365 = 999.45 pence, 9.99 GBP. Counted to
        // 18 March, the day the query was settled, it would be 13.41 GBP.
        #expect(d.values["claim.amount"] == "409.99 GBP", "\(d.text)")
        #expect(d.text.contains("- 18 March 2026: 600.00 GBP of yours that we held on account went towards invoice A-1"))
        #expect(d.text.contains("- 20 February 2026: payment of 600.00 GBP received (held on account: invoice A-1 was in query then)"))
        // With 200.00 already on account when A-1 was issued, which paid part of it then: each
        // sum on its own day, not 800.00 on the day the query was settled.
        let early = try #require(draft("2025-12-20 payment acme 200.00\n" + """
            2026-01-05 invoice acme A-1
              total 1,000.00
              interest 8%
            2026-02-10 letter acme reminder
              invoices A-1
            2026-02-12 note acme email
              dispute A-1 says the second page was not delivered
            2026-02-20 payment acme 600.00
            2026-03-18 note acme call
              resolved A-1 page was delivered; rest due
            2026-03-20 letter acme follow-up
              invoices A-1
            2026-04-03 letter acme follow-up
              invoices A-1
            2026-04-17 letter acme final
              invoices A-1

            """, asOf: "2026-05-05"))
        #expect(early.choice.stage == .demand)
        #expect(early.text.contains("- 18 March 2026: 600.00 GBP of yours that we held on account went towards invoice A-1"), "\(early.text)")
        #expect(!early.text.contains("800.00 GBP of yours"))
    }

    /// Money paid before the due date while the invoice was in query, held on account until
    /// the query was settled, was not late: the statutory sum is banded by what was unpaid at
    /// the end of the due date less that money (900.00: 40.00), not by the books' 1,500.00.
    @Test func statutoryCompensationIsBandedWithoutMoneyWeHeldOnAccount() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme T-1
              total 1,500.00
              interest 8%
              compensation statutory
            2026-01-25 note acme email
              dispute T-1 pages missing
            2026-01-30 payment acme 600.00
            2026-03-10 note acme call
              resolved T-1 pages delivered
            2026-01-25 letter acme dispute
              invoices T-1
            2026-03-10 letter acme reminder
              invoices T-1
            2026-03-24 letter acme follow-up
              invoices T-1
            2026-04-08 letter acme follow-up
              invoices T-1
            2026-04-22 letter acme final
              invoices T-1

            """, asOf: "2026-05-06"))
        #expect(d.choice.stage == .demand)
        // Interest: 900.00 × 8% × 91 / 365 = 17.95; the 600.00 came before the due date.
        #expect(d.text.contains("| T-1 | 900.00 | 4 February 2026 | 91 | 17.95 (8%) | 40.00 |"), "\(d.text)")
        #expect(d.values["claim.amount"] == "957.95 GBP")
    }

    /// A credit note with no `apply`, issued while its invoice was in query and money of the
    /// client's sat on account beside it, went to that invoice (4, rule 4): the letter names
    /// the invoice, not "credited to your account".
    @Test func aCreditNoteBesideMoneyOnAccountIsNamedWithItsInvoice() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme R-1
              total 2,000.00
            2026-01-20 invoice acme R-2
              total 500.00
            2026-02-10 note acme email
              dispute R-1 runtime short
            2026-02-12 payment acme 800.00
            2026-03-01 credit acme 400.00
              number CN-7
            2026-03-05 note acme call
              resolved R-1 credit agreed
            2026-02-07 letter acme reminder
              invoices R-1
            2026-02-10 letter acme dispute
              invoices R-1

            """, asOf: "2026-03-19"))
        #expect(d.values["credits"] == "As agreed, credit note CN-7 for 400.00 GBP, dated 1 March 2026, has been applied to invoice R-1.", "\(d.text)")
    }

    /// A payment that named no invoice, made while the invoice a demand is about was in query,
    /// went to the client's other invoices (4, rule 4): the demand's history says so, and why
    /// none of it went to this one.
    @Test func aDemandsHistoryNamesAPaymentThatPassedOverItsInvoiceInQuery() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme D-1
              total 800.00
            2026-01-12 invoice acme D-2
              total 1,500.00
            2026-02-02 invoice acme D-3
              total 400.00
            2026-02-13 note acme call
              dispute D-2 two renders show the old colour scheme
            2026-02-25 payment acme 1,200.00
            2026-03-10 note acme email
              resolved D-2 we re-render two views
            2026-03-10 letter acme reminder
              invoices D-2
            2026-03-24 letter acme follow-up
              invoices D-2
            2026-04-08 letter acme follow-up
              invoices D-2
            2026-04-22 letter acme final
              invoices D-2

            """, asOf: "2026-05-06"))
        #expect(d.choice.stage == .demand)
        #expect(d.text.contains("- 25 February 2026: payment of 1,200.00 GBP received (settling invoices D-1 and D-3; invoice D-2 was in query then)"), "\(d.text)")
    }

    /// A demand that also asks for a plan's missed instalment asks for it with the one amount
    /// it demands, its claim included.
    @Test func aDemandAsksForAMissedInstalmentWithTheWholeAmountDemanded() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme P1
              total 3,000.00
            2026-02-05 plan acme 3,000.00
              for P1
              2026-03-31 1,000.00
              2026-06-30 1,000.00
              2026-09-30 1,000.00
            2026-01-10 invoice acme O1
              total 800.00
              interest 8%
            2026-02-14 letter acme reminder
              invoices O1
            2026-02-28 letter acme follow-up
              invoices O1
            2026-03-14 letter acme follow-up
              invoices O1
            2026-03-28 letter acme final
              invoices O1

            """, asOf: "2026-04-20"))
        #expect(d.choice.stage == .demand)
        let amount = try #require(d.values["claim.amount"])
        #expect(amount != "800.00 GBP")
        #expect(d.text.contains("Please send that instalment with the \(amount) asked for here."), "\(d.text)")
    }

    /// A payment of June's instalment that first made up May's, missed, is said to have done
    /// so: not "0.02 GBP of June's instalment has reached us".
    @Test func aPaymentThatMadeUpAMissedInstalmentIsSaidToHaveDoneSo() throws {
        let d = try #require(draft("""
            2026-03-01 invoice acme Q-1
              total 740.81
            2026-03-20 plan acme 740.81
              for Q-1
              2026-04-11 246.93
              2026-05-11 246.93
              2026-06-10 246.95
            2026-04-11 payment acme 246.93
              apply Q-1
            2026-06-10 payment acme 246.95
              apply Q-1

            """, asOf: "2026-06-22"))
        #expect(d.choice.stage == .instalment)
        // Thanked for with the April payment: named then by its date alone.
        #expect(d.values["payments.received"] == "Thank you for your payments of 246.93 GBP on 11 April 2026 (towards invoice Q-1) and 246.95 GBP on 10 June 2026 (towards invoice Q-1).")
        #expect(d.values["plan.next"]?.hasPrefix("The payment on 10 June 2026 made up the instalment due on 11 May 2026, and 0.02 GBP went towards the instalment of 246.95 GBP that was due on 10 June 2026, of which 246.93 GBP is still to come.") == true, "\(d.values["plan.next"] ?? "")")
        #expect(d.text.contains("| 2 | 11 May 2026 | 246.93 GBP | paid on 10 June 2026 |"), "\(d.text)")
    }

    /// An instalment paid a few days late, which no letter chased, is not said to have "not
    /// reached us", and once a letter since the payment (a reminder about other work) has
    /// thanked for it, it is not told again as news. The table marks every instalment paid
    /// after its day with the day it came, the first (a day late) as the second. Before, on
    /// 22 October: "Your payment of 163.50 GBP on 22 September 2026 made up the instalment due
    /// on 18 September 2026, which had not reached us.", and instalment 1 marked `paid`.
    @Test func anInstalmentMadeUpUnchasedIsToldOnceAndNotAsMissing() throws {
        let plan = """
            2026-06-01 invoice acme P-1
              total 654.00
            2026-07-20 plan acme 654.00
              for P-1
              2026-08-19 163.50
              2026-09-18 163.50
              2026-10-19 163.50
              2026-11-17 163.50
            2026-08-20 payment acme 163.50
              apply P-1
            2026-09-22 payment acme 163.50
              apply P-1

            """
        let unchased = try #require(draft(plan, asOf: "2026-10-22"))
        #expect(unchased.choice.stage == .instalment)
        #expect(unchased.values["plan.next"] == "The payment on 22 September 2026 made up the instalment due on 18 September 2026. The instalment of 163.50 GBP that was due on 19 October 2026 has not reached us yet.", "\(unchased.values["plan.next"] ?? "")")
        #expect(unchased.text.contains("| 1 | 19 August 2026 | 163.50 GBP | paid on 20 August 2026 |"), "\(unchased.text)")
        #expect(unchased.text.contains("| 2 | 18 September 2026 | 163.50 GBP | paid on 22 September 2026 |"))
        let told = try #require(draft(plan + """
            2026-09-01 invoice acme P-2
              total 100.00
            2026-10-08 letter acme reminder
              invoices P-2
            2026-10-10 payment acme 100.00
              apply P-2

            """, asOf: "2026-10-22"))
        #expect(told.choice.stage == .instalment)
        #expect(told.values["plan.next"] == "The instalment of 163.50 GBP that was due on 19 October 2026 has not reached us yet.", "\(told.values["plan.next"] ?? "")")
    }

    /// The payment that made up a missed instalment, thanked for since our last letter, is
    /// spoken of once: one sentence thanks the client for it and says where it went, rather
    /// than a thank-you followed by "Your payment of … on …" about the same money.
    @Test func aPaymentThatMadeUpAMissedInstalmentIsThankedForInTheSameSentence() throws {
        let plan = """
            2026-02-02 invoice acme PP-1
              total 2,700.00
            2026-03-10 plan acme 2,700.00
              for PP-1
              2026-04-03 900.00
              2026-05-04 900.00
              2026-05-25 900.00
            2026-04-02 payment acme 900.00
            2026-05-20 payment acme 1,000.00
            2026-03-07 letter acme reminder
              invoices PP-1

            """
        let d = try #require(draft(plan + "2026-05-07 letter acme instalment\n  invoices PP-1\n", asOf: "2026-05-28"))
        #expect(d.choice.stage == .instalment)
        #expect(d.values["payments.received"] == nil)
        #expect(d.text.contains("""
            Dear Jane Doe,

            Thank you for your payment of 1,000.00 GBP on 20 May 2026: it made up the instalment due on 4 May 2026, which had not reached us, and 100.00 GBP went towards the instalment of 900.00 GBP that was due on 25 May 2026, of which 800.00 GBP is still to come. That instalment was the last of the plan's schedule: if the rest does not arrive, my next letter will be about the invoice itself.

            """), "\(d.text)")
        #expect(d.text.components(separatedBy: "20 May 2026").count == 3, "the payment once, and the table's row for the instalment it made up: \(d.text)")
        // After a word from the client, whose thanks come first: "also reached us".
        let call = try #require(draft(plan + "2026-05-07 letter acme instalment\n  invoices PP-1\n2026-05-21 note acme call\n  said The rest follows\n", asOf: "2026-05-28"))
        #expect(call.values["payments.received"] == nil)
        #expect(call.values["plan.next"]?.hasPrefix("Your payment of 1,000.00 GBP on 20 May 2026 also reached us, for which many thanks: it made up the instalment due on 4 May 2026, which had not reached us, and 100.00 GBP went towards") == true, "\(call.text)")
        // Our note of 22 May, sent after it, told the client of it already: this letter counts
        // it (the table marks the instalment it made up) but does not announce it again.
        let later = try #require(draft(plan + "2026-05-22 letter acme instalment\n  invoices PP-1\n", asOf: "2026-06-03"))
        #expect(later.values["payments.received"] == nil)
        #expect(later.values["plan.next"]?.hasPrefix("Of the instalment of 900.00 GBP that was due on 25 May 2026, 100.00 GBP has reached us; 800.00 GBP of it is still to come.") == true, "\(later.values["plan.next"] ?? "")")
        #expect(later.text.components(separatedBy: "20 May 2026").count == 2, "only the table's row for the instalment it made up: \(later.text)")
    }

    /// A courtesy note a few days before the next instalment thanks the client for the payment
    /// that made up the one missed before it; the reminder a week later, that instalment
    /// being short, counts that payment in its figures but neither thanks the client for it
    /// again nor tells them of it as news.
    @Test func aPaymentThatMadeUpAMissedInstalmentIsNotAnnouncedTwice() throws {
        let plan = """
            2026-01-05 invoice acme A-1
              total 1,500.00
            2026-04-01 plan acme 1,500.00
              for A-1
              2026-05-01 500.00
              2026-06-01 500.00
              2026-07-01 500.00
            2026-05-05 letter acme instalment
              invoices A-1
            2026-05-20 payment acme 600.00
              apply A-1

            """
        // The note of 29 May (drafted with `courtesy` on) thanked the client for it.
        let r = try #require(draft(plan + "2026-05-29 letter acme instalment\n  invoices A-1\n", asOf: "2026-06-05"))
        #expect(r.choice.stage == .instalment)
        #expect(r.values["payments.received"] == nil)
        #expect(r.values["plan.next"] == "Of the instalment of 500.00 GBP that was due on 1 June 2026, 100.00 GBP has reached us; 400.00 GBP of it is still to come.")
        #expect(!r.text.contains("Your payment of") && !r.text.contains("made up") && !r.text.contains("thank you"), "\(r.text)")
        #expect(r.text.contains("| 1 | 1 May 2026 | 500.00 GBP | paid on 20 May 2026 |"), "\(r.text)")
    }

    /// A thank-you names a credit note that settled a query agreed with the client as agreed,
    /// as the other letters do.
    @Test func aThankYouNamesAnAgreedCreditNoteAsAgreed() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme D-1
              total 1,000.00
            2026-02-08 letter acme reminder
              invoices D-1
            2026-02-10 note acme email
              dispute D-1 Two days not agreed
            2026-02-12 letter acme dispute
              invoices D-1
            2026-02-20 note acme call
              resolved D-1 Credit for two days
            2026-02-20 credit acme 200.00
              number CN-2
              apply D-1
            2026-02-25 payment acme 800.00
              apply D-1

            """, asOf: "2026-02-27"))
        #expect(d.choice.stage == .thanks)
        #expect(d.values["settlement"]?.contains("As agreed, credit note CN-2 for 200.00 GBP") == true, "\(d.values["settlement"] ?? "")")
    }

    /// A demand that is the first letter after a plan ran out says the plan came to an end.
    @Test func aDemandAfterAPlanRanOutSaysSo() throws {
        let d = try #require(draft(Self.finalAfterAPlansLastInstalment, asOf: "2026-05-12"))
        #expect(d.choice.stage == .demand)
        #expect(d.text.contains("The payment plan we agreed on 5 February 2026 has come to an end, and the instalments due on 31 March 2026 and 30 April 2026 have not reached us (2,000.00 GBP), so what is open on invoice P1 is due now."), "\(d.text)")
    }

    /// A rate of 0% charges no interest: a demand claims none and names no rate.
    @Test func aDemandNamesNoInterestAtZeroPercent() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme G-4
              total 999.99
              interest 0%
              compensation statutory
            2026-03-01 letter acme reminder
              invoices G-4
            2026-03-15 letter acme follow-up
              invoices G-4
            2026-03-29 letter acme final
              invoices G-4

            """, asOf: "2026-05-01"))
        #expect(d.choice.stage == .demand)
        #expect(!d.text.contains("0%"), "\(d.text)")
        #expect(!d.text.contains("interest that continues to run"))
        #expect(d.text.contains("40.00"))
    }

    /// After a demand that claimed compensation, the invoices paid are not "all settled": the
    /// thank-you's reason says the claim is not recorded as paid.
    @Test func aThankYouAfterAClaimingDemandIsNotAllSettled() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme G-4
              total 999.99
              compensation statutory
            2026-03-01 letter acme reminder
              invoices G-4
            2026-03-15 letter acme follow-up
              invoices G-4
            2026-03-29 letter acme final
              invoices G-4
            2026-05-01 letter acme demand
              invoices G-4
            2026-05-08 payment acme 999.99
              apply G-4

            """, asOf: "2026-05-12"))
        #expect(d.choice.stage == .thanks)
        #expect(d.choice.reason == "invoices paid by 2026-05-08 after our formal demand of 2026-05-01; the demand's claim is not recorded as paid", "\(d.choice.reason)")
        #expect(!d.text.contains("fully settled"))
    }

    /// A first letter does not bring up a credit note of a year before, on work long paid:
    /// credit notes, like payments, are news only from the oldest invoice still open.
    @Test func aFirstLetterLeavesOutOldCreditNotesOnWorkLongPaid() throws {
        let d = try #require(draft("""
            2025-08-01 invoice acme OLD-1
              total 500.00
            2025-08-21 credit acme 50.00
              number CN-6
              apply OLD-1
            2025-08-29 payment acme 450.00
              apply OLD-1
            2026-05-01 invoice acme NEW-1
              total 800.00
            2026-05-20 credit acme 100.00
              number CN-9
              apply NEW-1

            """, asOf: "2026-06-10"))
        #expect(d.choice.stage == .reminder)
        #expect(!d.text.contains("CN-6"), "\(d.text)")
        #expect(d.text.contains("CN-9"))
    }

    /// A courtesy note names the invoices falling due within its window, not one due later.
    @Test func aCourtesyNoteNamesOnlyWhatFallsDueSoon() throws {
        let r = load("settings\n  currency GBP\n  courtesy 5\nclient acme Acme Ltd\n  contact Jane Doe\n  terms net 30\n\n" + """
            2026-01-05 invoice acme A-1
              total 100.00
            2026-01-20 invoice acme A-2
              total 200.00
            """)
        let day = Day.parse("2026-01-30")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .courtesy)
        #expect(choice.chased.map { r.ledger.invoices[$0].number } == ["A-1"])
        let text = TemplateSet().template(for: .courtesy).render(LetterFields.values(stage: .courtesy, choice: choice, story: story, ledger: r.ledger, sheet: sheet))
        #expect(text.contains("A quick note, not a chase: invoice A-1, for 100.00 GBP, falls due on 4 February 2026, and I wanted"))
        #expect(text.contains("we will sort it out before the due date."))
        // On the due date itself, it falls due today.
        let due = Day.parse("2026-02-04")!
        let dueSheet = BalanceEngine.balances(r.ledger, asOf: due)
        let dueStory = try #require(ClientStory.all(r.ledger, sheet: dueSheet).first)
        let dueChoice = StageChooser.choose(dueStory, ledger: r.ledger, sheet: dueSheet)
        #expect(dueChoice.stage == .courtesy)
        let onTheDay = TemplateSet().template(for: .courtesy).render(LetterFields.values(stage: .courtesy, choice: dueChoice, story: dueStory, ledger: r.ledger, sheet: dueSheet))
        #expect(onTheDay.contains("**Invoice falling due today**"))
        #expect(onTheDay.contains("A quick note, not a chase: invoice A-1, for 100.00 GBP, falls due today, and I wanted"))
        #expect(onTheDay.contains("we will sort it out.") && !onTheDay.contains("is close") && !onTheDay.contains("before the due date"))
        // Two falling due within the window: the heading and the sentence speak of both.
        let twoLedger = load("settings\n  currency GBP\n  courtesy 5\nclient acme Acme Ltd\n  contact Jane Doe\n  terms net 30\n\n" + """
            2026-01-05 invoice acme A-1
              total 100.00
            2026-01-06 invoice acme A-2
              total 200.00
            """)
        let twoDay = Day.parse("2026-01-31")!
        let twoSheet = BalanceEngine.balances(twoLedger.ledger, asOf: twoDay)
        let twoStory = try #require(ClientStory.all(twoLedger.ledger, sheet: twoSheet).first)
        let twoChoice = StageChooser.choose(twoStory, ledger: twoLedger.ledger, sheet: twoSheet)
        #expect(twoChoice.chased.count == 2)
        let two = TemplateSet().template(for: .courtesy).render(LetterFields.values(stage: .courtesy, choice: twoChoice, story: twoStory, ledger: twoLedger.ledger, sheet: twoSheet))
        #expect(two.contains("**Invoices falling due soon**"))
        #expect(two.contains("invoices A-1 and A-2, for 300.00 GBP in all, fall due soon (A-1 on 4 February 2026 and A-2 on 5 February 2026), and I wanted"))
    }

    /// A resolution marked in a note for the file (an import's "paid in full") is never named,
    /// and with no letter yet a query settled before the open work is not news.
    @Test func aResolutionForTheFileOrLongAgoIsNotCalledSettledTogether() throws {
        let d = try #require(draft("""
            2025-01-05 invoice acme OLD-1
              total 100.00
            2025-01-06 note acme call
              dispute OLD-1 wrong
            2025-01-20 note acme call
              resolved OLD-1 agreed
            2025-01-21 payment acme 100.00
              apply OLD-1
            2026-01-05 invoice acme A-1
              total 500.00
            2026-01-05 note acme file
              dispute A-1 marked disputed in the spreadsheet
            2026-01-20 note acme file
              resolved A-1 paid in full
            2026-01-06 invoice acme A-2
              total 300.00
            """, asOf: "2026-02-20"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["dispute.resolved"] == nil)
        #expect(!d.text.contains("settle your query"))
    }

    /// Part of an invoice written off and the rest paid after: the letter says what was waived,
    /// not that the whole invoice need not be paid.
    @Test func aPartWriteOffIsNotCalledTheWholeInvoice() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme L-1
              total 900.00
            2026-01-20 invoice acme L-2
              total 300.00
            2026-02-09 letter acme reminder
              invoices L-1
            2026-02-20 writeoff acme L-1 200.00
              waived
            2026-02-22 payment acme 700.00
              apply L-1
            """, asOf: "2026-03-11"))
        #expect(d.text.contains("We have waived 200.00 GBP of invoice L-1."))
        #expect(!d.text.contains("You need not pay invoice L-1"))
    }

    /// A sum waived as a goodwill gesture, the rest paid: a thank-you that names the waiver. A
    /// sum written off as lost earns none: the client did not settle it.
    @Test func aWaivedSumTheRestPaidIsThankedForAndALossIsNot() throws {
        let base = """
            2026-01-05 invoice acme D-1
              total 845.50
            2026-02-09 letter acme reminder
              invoices D-1
            2026-03-12 writeoff acme D-1 45.50
              reason goodwill for the late delivery
              waived
            2026-04-02 payment acme 800.00
              apply D-1

            """
        let d = try #require(draft(base, asOf: "2026-04-03"))
        #expect(d.choice.stage == .thanks)
        #expect(d.values["writeoffs"] == "As agreed, we have waived 45.50 GBP of invoice D-1.")
        #expect(!d.text.contains("goodwill"))
        #expect(draft(base.replacingOccurrences(of: "  waived\n", with: ""), asOf: "2026-04-03") == nil)
    }

    /// A bad debt paid after all: the payment named the invoice written off as a loss, so it
    /// settles that invoice (and earns the thanks) rather than sitting on account and paying
    /// the next; a payment for part of the loss leaves no thanks and no money on account.
    @Test func aLossPaidAfterAllSettlesItsInvoice() throws {
        let base = """
            2026-01-05 invoice acme D-1
              total 800.00
            2026-02-09 letter acme reminder
              invoices D-1
            2026-06-30 writeoff acme D-1
              reason ceased trading
            2026-11-10 payment acme 800.00
              apply D-1 800.00

            """
        let d = try #require(draft(base, asOf: "2026-11-20"))
        #expect(d.choice.stage == .thanks)
        #expect(d.choice.reason.contains("all settled on 2026-11-10"))
        #expect(!d.text.contains("on account"))
        #expect(!d.text.contains("waived"))
        #expect(draft(base.replacingOccurrences(of: "800.00\n  apply D-1 800.00", with: "200.00\n  apply D-1 200.00"), asOf: "2026-11-20") == nil)
        // Named without an amount, the payment pays the loss just the same.
        let amountless = try #require(draft(base.replacingOccurrences(of: "apply D-1 800.00", with: "apply D-1"), asOf: "2026-11-20"))
        #expect(amountless.choice.stage == .thanks)
        #expect(!amountless.text.contains("on account"))
        // A later invoice is not paid by the money meant for the loss: it is still asked for.
        let next = try #require(draft(base + """
            2026-08-01 invoice acme D-2
              total 500.00

            """, asOf: "2026-11-20"))
        #expect(next.choice.stage != .thanks)
        #expect(next.values["invoices.list"] == "D-2")
        #expect(next.values["total"] == "500.00 GBP")
    }

    /// Part of a loss paid back: the invoice is closed in the books, but what is still written
    /// off is still owed, so the letter says the payment went towards it, not that it settled it.
    @Test func aPaymentLeavingPartOfALossWrittenOffDidNotSettleTheInvoice() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme G-1
              total 1,000.00
            2026-01-20 invoice acme G-2
              total 200.00
            2026-02-09 letter acme reminder
              invoices G-1
            2026-02-23 letter acme follow-up
              invoices G-1 G-2
            2026-03-02 writeoff acme G-1 400.00
              reason probably never recovered
            2026-03-05 payment acme 700.00
              apply G-1

            """, asOf: "2026-03-19"))
        #expect(d.text.contains("Thank you for your payment of 700.00 GBP on 5 March 2026 (towards invoice G-1)."))
        #expect(!d.text.contains("settled invoice G-1"))
    }

    /// A payment that left an invoice open, closed days later by a credit note, went towards
    /// it: the letter does not say the payment settled it, beside the credit note that did.
    @Test func aPaymentThatACreditNoteCompletedWentTowardsTheInvoice() throws {
        let d = try #require(draft("""
            2026-04-01 invoice acme G-1
              total 900.00
            2026-04-02 invoice acme G-2
              total 300.00
            2026-05-06 letter acme reminder
              invoices G-1 G-2
            2026-05-15 payment acme 600.00
              apply G-1
            2026-05-18 credit acme 300.00
              number CN-4
              apply G-1
            2026-05-20 payment acme 100.00
              apply G-2

            """, asOf: "2026-06-10"))
        #expect(d.text.contains("600.00 GBP on 15 May 2026 (towards invoice G-1)"), "\(d.text)")
        #expect(!d.text.contains("which settled invoice G-1"))
        #expect(d.text.contains("100.00 GBP on 20 May 2026 (towards invoice G-2)"))
    }

    /// A promise for the undisputed invoice, made in the call that raised a query on the other,
    /// still holds after we acknowledge the query: no letter chases the promised money before
    /// its day, and once the day has passed the broken promise is named.
    @Test func aPromiseOutlivesTheAcknowledgementOfAQueryOnOtherWork() throws {
        let base = """
            2026-03-01 invoice acme T-1
              total 1,800.00
            2026-03-10 invoice acme T-2
              total 400.00
            2026-04-06 letter acme reminder
              invoices T-1
            2026-04-15 note acme call
              dispute T-1 one blend misprinted
              promise 2026-04-30 400.00
            2026-04-16 letter acme dispute
              invoices T-1

            """
        #expect(draft(base, asOf: "2026-04-23") == nil)
        let after = try #require(draft(base, asOf: "2026-05-04"))
        #expect(after.choice.reason.contains("promised on 2026-04-15 to pay by 2026-04-30"), "\(after.choice.reason)")
        #expect(after.values["invoices.list"] == "T-2")
    }

    /// A thank-you to a client who paid more than was owed says we hold the rest on account.
    @Test func aThankYouSaysWhatWeHoldOnAccount() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme D-1
              total 1,000.00
            2026-02-09 letter acme reminder
              invoices D-1
            2026-02-20 payment acme 1,100.00
            """, asOf: "2026-02-27"))
        #expect(d.choice.stage == .thanks)
        #expect(d.text.contains("We hold 100.00 GBP of yours on account"))
    }

    /// A client who pays only by card is not given a sort code to pay into.
    @Test func aCardOnlyClientIsNotGivenBankDetails() throws {
        let r = load("settings\n  currency GBP\nsender S\n  bank Sort code 11-22-33, account 1\nclient acme Acme Ltd\n  contact Jane Doe\n  terms net 30\n  methods card\n\n2026-01-05 invoice acme A-1\n  total 100.00\n")
        let day = Day.parse("2026-02-20")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        let v = LetterFields.values(stage: try #require(choice.stage), choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        #expect(v["methods"] == "You can pay by card.")
        #expect(v["bank"] == nil)
    }

    /// A dispute acknowledgement is about the disputed invoices alone: that is what it records,
    /// and a later follow-up cites the reminder that asked for the rest, not the acknowledgement.
    @Test func aDisputeAcknowledgementIsAboutTheDisputedInvoicesAlone() throws {
        let base = """
            2026-01-05 invoice acme B-1
              total 300.00
            2026-01-06 invoice acme B-2
              total 200.00
            2026-02-10 letter acme reminder
              invoices B-1 B-2
            2026-02-20 note acme email
              dispute B-2 wrong
            """
        let ack = try #require(draft(base, asOf: "2026-02-24"))
        #expect(ack.choice.stage == .dispute)
        #expect(ack.choice.chased.count == 1)
        let d = try #require(draft(base + "\n2026-02-24 letter acme dispute\n  invoices B-2\n", asOf: "2026-03-20"))
        #expect(d.choice.stage == .followUp)
        #expect(d.text.contains("Following my letter of 10 February 2026, invoice B-1 still shows 300.00 GBP open"))
    }

    /// A follow-up after a query is settled cites, for each invoice, the letter that last asked
    /// for it: a reminder about other work that came while the query was open asked for none of it.
    @Test func aFollowUpCitesTheLettersThatAskedForEachInvoice() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 800.00
            2026-01-06 invoice acme A-2
              total 500.00
            2026-01-20 invoice acme A-3
              total 300.00
            2026-02-09 letter acme reminder
              invoices A-1 A-2
            2026-02-11 note acme email
              dispute A-1 design not as briefed
            2026-02-13 letter acme dispute
              invoices A-1
            2026-02-16 payment acme 600.00
            2026-03-01 letter acme reminder
              invoices A-3
            2026-03-05 note acme call
              resolved A-1 agreed 300 credit
            2026-03-05 credit acme 300.00
              number CN-4

            """, asOf: "2026-03-20"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["again"] == "Following my letters of 9 February 2026 and 1 March 2026, 700.00 GBP remains open on invoices A-1 and A-3, the oldest 44 days past its due date.")
    }

    /// An invoice that fell due after the final notice, and before a dispute acknowledgement
    /// about other work, has fallen due since the notice: it was never on hold.
    @Test func anInvoiceFallenDueBeforeADisputeLetterHasFallenDueSinceTheLastAsking() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 1000.00
            2026-03-01 invoice acme A-2
              total 500.00
            2026-03-10 invoice acme A-3
              total 300.00
            2026-02-09 letter acme reminder
              invoices A-1
            2026-02-23 letter acme follow-up
              invoices A-1
            2026-03-09 letter acme follow-up
              invoices A-1
            2026-03-23 letter acme final
              invoices A-1
            2026-03-25 note acme email
              dispute A-3 wrong photos
            2026-04-06 letter acme dispute
              invoices A-3
            2026-04-15 note acme file
              resolved A-3 photos replaced
            2026-04-15 credit acme 300.00
              apply A-3

            """, asOf: "2026-04-20"))
        // The query about A-3 did not answer the final notice about A-1: once it is settled
        // (no demand goes while it is open: 7.2, held escalation), the demand follows.
        #expect(d.choice.stage == .demand)
        #expect(d.values["newly.due"] == "Invoice A-2 (500.00 GBP, due 31 March 2026) has also fallen due since my letter of 23 March 2026. It is not part of this demand; please pay it by 30 April 2026 as well.")
    }

    /// A query we acknowledged, marked resolved in a note for the file: the next letter says
    /// the hold has ended before asking for the invoice, and says nothing of how it was settled.
    @Test func aHoldWeWroteOfAndTheFileEndsIsSaidToHaveEnded() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 1000.00
            2026-01-10 invoice acme A-2
              total 500.00
            2026-02-09 letter acme reminder
              invoices A-1 A-2
            2026-02-12 note acme file
              dispute A-2 marked in spreadsheet
            2026-02-14 letter acme dispute
              invoices A-2
            2026-02-20 note acme file
              resolved A-2 settled per spreadsheet

            """, asOf: "2026-03-01"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["dispute.resolved"] == "Invoice A-2, on hold since my letter of 14 February 2026 while we looked into the query about it, is no longer on hold.")
        #expect(!d.text.contains("settle your query"))
        // Said once: not in the letter after that.
        let later = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 1000.00
            2026-01-10 invoice acme A-2
              total 500.00
            2026-02-09 letter acme reminder
              invoices A-1 A-2
            2026-02-12 note acme file
              dispute A-2 marked in spreadsheet
            2026-02-14 letter acme dispute
              invoices A-2
            2026-02-20 note acme file
              resolved A-2 settled per spreadsheet
            2026-03-01 letter acme follow-up
              invoices A-1 A-2

            """, asOf: "2026-03-16"))
        #expect(later.values["dispute.resolved"] == nil)
    }

    /// Money held on account while a query was open, set against the invoice when it was
    /// settled, is explained in the first letter after: the Paid column is not a mystery.
    @Test func moneyHeldDuringAQuerySetAgainstItAfterIsExplained() throws {
        let base = """
            2026-01-05 invoice acme A-1
              total 1000.00
            2026-01-06 invoice acme A-2
              total 500.00
            2026-02-09 letter acme reminder
              invoices A-1 A-2
            2026-02-10 note acme email
              dispute A-1 design
            2026-02-12 letter acme dispute
              invoices A-1
            2026-02-16 payment acme 1200.00
            2026-02-25 note acme call
              resolved A-1 agreed to pay in full

            """
        let d = try #require(draft(base, asOf: "2026-03-11"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["credit.used"] == "Once your query about invoice A-1 was settled, we set against it the 700.00 GBP of yours that we had held on account meanwhile.")
        let next = try #require(draft(base + "2026-03-11 letter acme follow-up\n  invoices A-1\n", asOf: "2026-03-27"))
        #expect(next.values["credit.used"] == nil)
        // 200.00 on account before A-1 was issued paid part of it then: the query released
        // only the 500.00 paid while it was open.
        let before = try #require(draft("""
            2025-12-20 payment acme 200.00
            2026-01-05 invoice acme A-1
              total 1,000.00
            2026-02-09 letter acme reminder
              invoices A-1
            2026-02-10 note acme email
              dispute A-1 Wrong rate
            2026-02-11 letter acme dispute
              invoices A-1
            2026-02-12 payment acme 500.00
            2026-03-02 note acme call
              resolved A-1 Rate confirmed

            """, asOf: "2026-03-16"))
        #expect(before.values["credit.used"] == "Once your query about invoice A-1 was settled, we set against it the 500.00 GBP of yours that we had held on account meanwhile.", "\(before.values["credit.used"] ?? "")")
    }

    /// One payment of two invoices' discounted sums, sent after the window: the shortfall of
    /// both sits on the second, and the letter explains it of the two together.
    @Test func aDiscountMissedAcrossTwoInvoicesIsExplainedOfBoth() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              terms 2/10 net 30
              total 1000.00
            2026-01-06 invoice acme A-2
              terms 2/10 net 30
              total 500.00
            2026-01-25 payment acme 1470.00

            """, asOf: "2026-02-16"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["discount.missed"] == "Invoices A-1 and A-2 offered 2% off for payment within 10 days, that is by 15 January 2026 for A-1 and 16 January 2026 for A-2. Your payment of 1,470.00 GBP arrived on 25 January 2026, after those windows had closed, so the discounts could not be applied and 30.00 GBP remains to pay.")
        // A follow-up about the discount alone does not offer to spread 30.00 GBP.
        let f = try #require(draft("""
            2026-01-05 invoice acme A-1
              terms 2/10 net 30
              total 1000.00
            2026-01-06 invoice acme A-2
              terms 2/10 net 30
              total 500.00
            2026-01-25 payment acme 1470.00
            2026-02-16 letter acme reminder
              invoices A-2

            """, asOf: "2026-03-02"))
        #expect(f.choice.stage == .followUp)
        #expect(f.values["follow-up.difficulty"] == nil)
        #expect(!f.text.contains("all at once"))
    }

    /// A payment of a later invoice's discounted sum, sent after its window, applied oldest
    /// first, clears the discounts left open on two invoices paid late before it: what is left
    /// on the later one is the three discounts missed, explained together, and no final notice
    /// or demand goes for it.
    @Test func aPaymentThatClearedEarlierMissedDiscountsLeavesThemAllOnTheLastInvoice() throws {
        let base = """
            2026-03-09 invoice acme D-2
              terms 2/10 net 30
              total 2,500.00
            2026-03-25 payment acme 2,450.00
              apply D-2
            2026-04-01 invoice acme D-4
              terms 2/10 net 30
              total 1,500.00
            2026-04-14 payment acme 1,470.00
              apply D-4
            2026-05-04 invoice acme D-6
              terms 2/10 net 30
              total 1,200.00
            2026-06-15 payment acme 1,176.00

            """
        let explained = "Invoices D-2, D-4 and D-6 offered 2% off for payment within 10 days, that is by 19 March 2026 for D-2, 11 April 2026 for D-4 and 14 May 2026 for D-6. Your payments towards invoices D-2 and D-4 came after their windows had closed, which left 80.00 GBP open on them. Your payment of 1,176.00 GBP on 15 June 2026 went first to those 80.00 GBP, and what was left reached invoice D-6 after its window had closed, so its discount could not be applied either: 104.00 GBP remains to pay, the discounts missed on D-2 (50.00 GBP), D-4 (30.00 GBP) and D-6 (24.00 GBP)."
        let reminder = try #require(draft(base, asOf: "2026-06-15"))
        #expect(reminder.choice.stage == .reminder)
        #expect(reminder.values["discount.missed"] == explained)
        let letters = base + "2026-06-15 letter acme reminder\n  invoices D-6\n"
        let followUp = try #require(draft(letters, asOf: "2026-06-29"))
        #expect(followUp.choice.stage == .followUp)
        #expect(followUp.values["discount.missed"] == explained)
        #expect(!followUp.text.contains("all at once"))
        let three = letters + "2026-06-29 letter acme follow-up\n  invoices D-6\n2026-07-13 letter acme follow-up\n  invoices D-6\n"
        #expect(draft(three, asOf: "2026-07-27") == nil)
        let r = load("settings\n  currency GBP\nclient acme Acme Ltd\n" + three)
        let day = Day.parse("2026-07-27")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let agenda = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day)
        #expect(agenda.items.map(\.action) == ["decide about the 104.00 GBP still open of early-payment discounts missed: write it off, or take it up with them yourself"])
    }

    /// A thank-you for a payment beyond the invoice it named says where the rest went: to a
    /// new invoice, paid from it on the day it was issued, that no letter has shown.
    @Test func aThankYouSaysAHeldSumPaidANewInvoice() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 1000.00
            2026-02-09 letter acme reminder
              invoices A-1
            2026-02-12 payment acme 1500.00
              apply A-1 1500.00
            2026-02-15 invoice acme A-2
              total 400.00

            """, asOf: "2026-02-20"))
        #expect(d.choice.stage == .thanks)
        #expect(d.values["settlement"]?.contains("Invoice A-2 of 15 February 2026 (400.00 GBP) has been paid from the money of yours we held on account.") == true)
        #expect(d.values["credit.on-account"] == "We hold 100.00 GBP of yours on account, which we will set against your next invoice unless you would rather have it refunded.")
    }

    /// A demand for one invoice whose history also tells of a query about another is not
    /// headed as about "this invoice".
    @Test func aDemandHistoryNamingAnotherInvoiceIsAboutTheAccount() throws {
        let base = """
            2025-11-03 invoice acme FS-1
              total 5600.00
            2025-11-17 invoice acme FS-2
              total 980.00
            2025-12-08 letter acme reminder
              invoices FS-1
            2025-12-22 letter acme follow-up
              invoices FS-1 FS-2
            2026-01-05 letter acme follow-up
              invoices FS-1 FS-2
            2026-01-19 letter acme final
              invoices FS-1 FS-2
            2026-01-23 note acme email
              dispute FS-2 photos unusable
            2026-01-26 letter acme dispute
              invoices FS-2
            2026-02-09 letter acme final
              invoices FS-1
            2026-02-20 note acme file
              resolved FS-2 photos reshot

            """
        let d = try #require(draft(base, asOf: "2026-02-23"))
        #expect(d.choice.stage == .demand)
        #expect(d.values["history"]?.contains("queried invoice FS-2") == true)
        #expect(d.text.contains("Our contacts with you about your account:"))
    }

    /// Two queries settled in two messages: each message is thanked for the query it settled.
    @Test func eachMessageIsThankedForTheQueryItSettled() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme BR-1
              total 900.00
            2026-01-19 invoice acme BR-2
              total 2300.00
            2026-02-09 letter acme reminder
              invoices BR-1
            2026-02-11 note acme email
              dispute BR-1 wrong sizes
              dispute BR-2 late delivery
            2026-02-13 letter acme dispute
              invoices BR-1 BR-2
            2026-03-04 note acme email
              resolved BR-1 sizes agreed
            2026-03-11 note acme call
              resolved BR-2 delivery accepted

            """, asOf: "2026-03-25"))
        #expect(d.values["last.contact"] == "Thank you for taking the time to talk on 11 March 2026 and for working through your query about invoice BR-2 with us.")
        #expect(d.values["dispute.resolved"] == "Thank you too for your email of 4 March 2026 and for working through your query about invoice BR-1 with us.")
        #expect(!d.text.contains("on hold then"))
    }

    /// A call a payment plan answered is not thanked for again in a letter about later work.
    @Test func aContactAPlanAnsweredIsNotThankedAgain() throws {
        let d = try #require(draft("""
            2025-12-01 invoice acme HM-1
              total 2000.00
            2026-01-05 note acme call
              said cash is short this quarter
            2026-01-06 plan acme 2000.00
              for HM-1
              2026-01-31 500.00
              2026-02-28 500.00
              2026-03-31 500.00
              2026-04-30 500.00
            2026-01-30 payment acme 500.00
              apply HM-1
            2026-02-27 payment acme 500.00
              apply HM-1
            2026-01-20 invoice acme HM-2
              total 380.00

            """, asOf: "2026-03-06"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["invoices.list"] == "HM-2")
        #expect(d.values["last.contact"] == nil)
        #expect(!d.text.contains("5 January"))
    }

    /// Money held on account is not a puzzle: the payment it came from is thanked for, though
    /// it paid an invoice the letter does not list.
    @Test func thePaymentThatLeftMoneyOnAccountIsThanked() throws {
        let d = try #require(draft("""
            2026-01-10 invoice acme N-1
              total 1000.00
            2026-01-12 invoice acme N-2
              currency EUR
              total 600.00
            2026-02-05 payment acme 1600.00 GBP
              apply N-1 1600.00

            """, asOf: "2026-02-20"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["payments.received"] == "Thank you for your payment of 1,600.00 GBP on 5 February 2026 (which settled invoice N-1, paying 600.00 GBP more than it had open).")
        #expect(d.values["credit.on-account"]?.hasPrefix("We also hold 600.00 GBP of yours on account") == true)
    }

    /// A query about another invoice does not answer a final notice: the demand follows when
    /// the date the notice gave has passed, once the query is settled (while it is open, none
    /// goes: 7.2, held escalation).
    @Test func aQueryAboutOtherWorkDoesNotAnswerAFinalNotice() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme J-1
              total 2000.00
            2026-01-06 invoice acme J-2
              total 1200.00
            2026-02-09 letter acme reminder
              invoices J-1 J-2
            2026-02-23 letter acme follow-up
              invoices J-1 J-2
            2026-03-09 letter acme follow-up
              invoices J-1 J-2
            2026-03-23 letter acme final
              invoices J-1 J-2
            2026-03-01 invoice acme J-3
              total 400.00
            2026-03-25 note acme email
              dispute J-3 wrong quantities
            2026-03-27 letter acme dispute
              invoices J-3
            2026-04-15 note acme file
              resolved J-3 quantities corrected
            2026-04-15 credit acme 400.00
              apply J-3

            """, asOf: "2026-04-20"))
        #expect(d.choice.stage == .demand)
        #expect(d.values["invoices.list"] == "J-1 and J-2")
    }

    /// A promise made about missed instalments holds the instalment reminder until its day, and
    /// the reminder then names it, part kept; the ladder does not take the plan's invoices back
    /// before the date that reminder gave.
    @Test func anInstalmentReminderWaitsForAPromiseNamesItAndItsDateIsKept() throws {
        let base = """
            2026-01-05 invoice acme I-1
              total 1200.00
            2026-01-06 invoice acme I-2
              total 600.00
            2026-01-20 plan acme 1800.00
              2026-02-28 600.00
              2026-03-31 600.00
              2026-04-30 600.00
            2026-02-27 payment acme 600.00
            2026-04-06 letter acme instalment
              invoices I-1 I-2
            2026-04-14 note acme email
              promise 2026-04-24 600.00
            2026-04-22 payment acme 400.00

            """
        // Before the promised day, nothing goes.
        #expect(draft(base, asOf: "2026-04-20") == nil)
        let d = try #require(draft(base, asOf: "2026-05-04"))
        #expect(d.choice.stage == .instalment)
        #expect(d.values["promise.broken"] == "On 14 April 2026 you told us to expect a payment of 600.00 GBP by 24 April 2026. Thank you for the 400.00 GBP that has arrived towards it; the remaining 200.00 GBP has not reached us.")
        #expect(d.text.contains("On 14 April 2026 you told us"))
        // That reminder asked for the instalments by 14 May: no letter takes the invoices back before then.
        let sent = base + "2026-05-04 letter acme instalment\n  invoices I-1 I-2\n"
        #expect(draft(sent, asOf: "2026-05-11") == nil)
        #expect(try #require(draft(sent, asOf: "2026-05-18")).values["plan.ended"] != nil)
        // Paid after a letter said the plan had come to an end: not "completed", but paid.
        let paid = sent + "2026-05-18 letter acme reminder\n  invoices I-1 I-2\n2026-05-20 payment acme 800.00\n"
        let thanks = try #require(draft(paid, asOf: "2026-05-22"))
        #expect(thanks.choice.stage == .thanks)
        // Nor thanked for seeing it through: it ran out unpaid.
        #expect(thanks.values["settlement"]?.hasSuffix("With this, everything the payment plan we agreed on 20 January 2026 covered is paid.") == true)
    }

    /// An invoice first put on hold before any letter asked for it, its hold ended in a note for
    /// the file: said once, as newly due and no longer on hold.
    @Test func aHoldEndedOnAnInvoiceNeverAskedForIsSaidOnce() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme G-1
              total 50.00
            2026-01-10 invoice acme G-2
              total 500.00
            2026-02-09 letter acme reminder
              invoices G-1
            2026-02-12 note acme file
              dispute G-2 marked in spreadsheet
            2026-02-16 letter acme dispute
              invoices G-2
            2026-03-02 note acme file
              resolved G-2 settled per spreadsheet

            """, asOf: "2026-03-16"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["dispute.resolved"] == nil)
        #expect(d.values["newly.due"] == "Invoice G-2 (500.00 GBP, due 9 February 2026), on hold since my letter of 16 February 2026 while we looked into the query about it, is no longer on hold, so the total now due is 550.00 GBP.")
        #expect(!d.text.contains("settled the query"))
    }

    /// Money due today and money due later, neither asked for: said once, not twice.
    @Test func moneyDueTodayAndLaterIsSaidNotAskedForOnce() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme G-1
              total 100.00
            2026-01-10 invoice acme G-2
              total 200.00
            2026-01-20 invoice acme G-3
              total 300.00

            """, asOf: "2026-02-09"))
        #expect(d.values["not-yet-due"] == "Invoice G-2 (200.00 GBP) falls due today; it is not part of what I am asking for now. Invoice G-3 (300.00 GBP, due 19 February 2026) is listed for completeness only: it is not yet due.")
    }

    /// A query about an invoice our letters asked for answers them, though that invoice has
    /// since been credited in full and is no longer chased: no "I have not heard back".
    @Test func aQueryAboutAnInvoiceTheLettersAskedForAnswersThem() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme K-1
              total 700.00
            2026-01-06 invoice acme K-2
              total 300.00
            2026-01-07 invoice acme K-3
              total 500.00
            2026-02-09 letter acme reminder
              invoices K-1 K-2 K-3
            2026-02-23 letter acme follow-up
              invoices K-1 K-2 K-3
            2026-03-05 note acme call
              dispute K-2 not what we ordered
            2026-03-09 letter acme dispute
              invoices K-2
            2026-03-20 note acme email
              resolved K-2 credited in full
            2026-03-20 credit acme 300.00
              apply K-2

            """, asOf: "2026-04-06"))
        #expect(d.choice.stage == .followUp)
        #expect(d.choice.unanswered == 0)
        #expect(d.values["follow-up.note"] ?? "" == "")
        #expect(!d.text.contains("not heard back"))
    }

    /// A demand in two currencies names them in one order throughout: that of the invoices.
    @Test func aDemandInTwoCurrenciesNamesThemInOneOrder() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme G-1
              compensation statutory
              total 900.00
            2026-01-06 invoice acme E-1
              currency EUR
              compensation statutory
              total 2,000.00
            2026-02-09 letter acme reminder
              invoices G-1 E-1
            2026-02-23 letter acme follow-up
              invoices G-1 E-1
            2026-03-09 letter acme follow-up
              invoices G-1 E-1
            2026-03-23 letter acme final
              invoices G-1 E-1

            """, asOf: "2026-04-07"))
        #expect(d.choice.stage == .demand)
        #expect(d.text.contains("This letter is a formal demand for payment of 940.00 GBP and 2,040.00 EUR, that is, 900.00 GBP and 2,000.00 EUR open on invoices G-1 and E-1 and 40.00 GBP and 40.00 EUR of compensation"))
    }

    /// An answered final notice restated cites each notice for what it named: A-1 had its
    /// own final notice before the one about B-1.
    @Test func aRestatedFinalCitesEachNoticeForItsOwnInvoices() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 500.00
            2026-03-01 invoice acme B-1
              total 1,000.00
            2026-02-09 letter acme reminder
              invoices A-1
            2026-02-23 letter acme follow-up
              invoices A-1
            2026-03-09 letter acme follow-up
              invoices A-1
            2026-03-23 letter acme final
              invoices A-1
            2026-03-25 note acme email
            2026-04-06 letter acme follow-up
              invoices A-1 B-1
            2026-04-20 letter acme final
              invoices B-1
            2026-04-24 note acme call

            """, asOf: "2026-05-12"))
        #expect(d.choice.stage == .final)
        #expect(d.text.contains("My final notices of 23 March 2026 (about invoice A-1) and 20 April 2026 (about invoice B-1) still stand: today 1,500.00 GBP remains to be paid on invoices A-1 and B-1"))
    }

    /// A letter about GBP work that also asks for a EUR plan's missed instalment gives the
    /// bank details for both currencies: the client is asked to pay in each.
    @Test func aLetterAskingForAnInstalmentInAnotherCurrencyGivesThatBankToo() throws {
        let d = try #require(draft("""
            2026-02-01 invoice acme PG
              total 1,000.00
            2026-02-01 invoice acme PE
              currency EUR
              total 3,000.00
            2026-03-01 plan acme 3,000.00 EUR
              for PE
              2026-03-15 1,500.00
              2026-04-15 1,500.00
            2026-03-06 letter acme reminder
              invoices PG

            """, asOf: "2026-03-25"))
        #expect(d.choice.stage == .followUp)
        #expect(d.text.contains("1,000.00 GBP and the 1,500.00 EUR of that instalment"))
        #expect(d.text.contains("Our bank details: for GBP, Sort code 11-22-33, account 12345678; for EUR, IBAN GB11 TEST 1122 3312 3456 78, BIC TESTGB2L. Please quote the invoice numbers as the reference."))
    }

    /// A promise made on a call before a follow-up drafted earlier went out, and kept: the
    /// thank-you thanks the client for keeping to their date.
    @Test func aThankYouThanksForAPromiseKeptAcrossALetter() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme P-1
              total 1,000.00
            2026-02-07 letter acme reminder
              invoices P-1
            2026-02-20 note acme call
              promise 2026-03-06 1,000.00
            2026-02-21 letter acme follow-up
              invoices P-1
            2026-03-06 payment acme 1,000.00

            """, asOf: "2026-03-07"))
        #expect(d.choice.stage == .thanks)
        #expect(d.text.contains("and for keeping to the date you gave us"))
    }

    /// Money that went towards both a missed instalment and a promise is thanked for once, in
    /// the promise's sentence.
    @Test func anInstalmentReminderThanksForAPaymentOnce() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 1,200.00
            2026-03-01 plan acme 1,200.00
              for A-1
              2026-03-15 400.00
              2026-04-15 400.00
              2026-05-15 400.00
            2026-03-17 note acme call
              promise 2026-03-25 400.00
            2026-03-24 payment acme 150.00

            """, asOf: "2026-03-27"))
        #expect(d.choice.stage == .instalment)
        #expect(d.text.contains("Of the instalment of 400.00 GBP that was due on 15 March 2026, 150.00 GBP has reached us; 250.00 GBP of it is still to come."))
        #expect(d.text.contains("Thank you for the 150.00 GBP that has arrived towards it"))
        #expect(d.text.components(separatedBy: "hank you").count == 2)
    }

    /// A query on the only invoice of a plan, before any instalment is missed: the
    /// acknowledgement tells the client the instalments wait too (§7.2), so they do not
    /// wonder whether to pay the next one.
    @Test func aDisputeOnAPlansOnlyInvoiceSaysTheInstalmentsWait() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 1,200.00
            2026-03-01 plan acme 1,200.00
              for A-1
              2026-03-15 400.00
              2026-04-15 400.00
              2026-05-15 400.00
            2026-03-14 payment acme 400.00
              apply A-1
            2026-03-25 note acme email
              dispute A-1 contact form broken

            """, asOf: "2026-03-26"))
        #expect(d.choice.stage == .dispute)
        #expect(d.text.contains("While we look into the query, the instalments of our payment plan for invoice A-1 are on hold too."))
    }

    /// A query raised after a final notice is acknowledged, and the notice is said to stand for
    /// the invoices not queried: the demand that may follow is no surprise.
    @Test func aDisputeAcknowledgementAfterAFinalNoticeSaysItStands() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme X-1
              total 1100.00
            2026-01-06 invoice acme X-2
              total 400.00
            2026-02-09 letter acme reminder
              invoices X-1 X-2
            2026-02-23 letter acme follow-up
              invoices X-1 X-2
            2026-03-09 letter acme follow-up
              invoices X-1 X-2
            2026-03-23 letter acme final
              invoices X-1 X-2
            2026-03-26 note acme email
              dispute X-2 wrong size

            """, asOf: "2026-03-30"))
        #expect(d.choice.stage == .dispute)
        #expect(d.values["dispute.opening"]?.hasSuffix(" My final notice of 23 March 2026 about invoice X-1 still stands.") == true)
        // Cited there, the final notice is not cited again as the last letter.
        #expect(d.values["last.letter"] == nil)
        #expect(!d.text.contains("I last wrote to you on 23 March 2026"))
    }

    /// A debt our letters asked for and then wrote off as a loss holds back the thank-you,
    /// though a letter about the other invoice went since: "settled" would give up the claim.
    @Test func noThankYouAfterALossThoughALetterAboutOtherWorkWentSince() throws {
        let base = """
            2026-01-05 invoice acme D-1
              total 500.00
            2026-01-06 invoice acme D-2
              total 250.00
            2026-02-09 letter acme reminder
              invoices D-1 D-2
            2026-03-01 writeoff acme D-1
              reason ceased to answer
            2026-03-05 letter acme follow-up
              invoices D-2
            2026-03-10 payment acme 250.00
              apply D-2

            """
        #expect(draft(base, asOf: "2026-03-12") == nil)
        // Waived, it is a reduction agreed: the thanks go.
        #expect(try #require(draft(base.replacingOccurrences(of: "  reason ceased to answer", with: "  waived"), asOf: "2026-03-12")).choice.stage == .thanks)
    }

    /// A promise made before a plan offer still holds: the client is not chased the day before
    /// the date they gave.
    @Test func aPlanOfferLeavesAPromiseStanding() throws {
        let d = draft("""
            2026-01-05 invoice acme E-1
              total 1790.00
            2026-02-09 letter acme reminder
              invoices E-1
            2026-03-09 letter acme follow-up
              invoices E-1
            2026-03-11 note acme email
              promise 2026-03-31 900.00
            2026-03-16 letter acme plan-offer
              invoices E-1

            """, asOf: "2026-03-30")
        #expect(d == nil)
    }

    /// A payment naming an invoice already settled went on account and on to the next: the
    /// letter says where it went, not that it went towards the settled one.
    @Test func aPaymentNamingASettledInvoiceWentWhereTheMoneyWent() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme D-1
              total 100.00
            2026-03-05 payment acme 100.00
              apply D-1
            2026-04-01 invoice acme D-4
              total 300.00
            2026-05-04 letter acme reminder
              invoices D-4
            2026-05-27 payment acme 40.00
              apply D-1

            """, asOf: "2026-06-15"))
        #expect(d.values["payments.received"] == "Thank you for your payment of 40.00 GBP on 27 May 2026 (towards invoice D-4).")
    }

    /// A credit note that fell on an invoice in a plan is named once: the letter after it showed
    /// that invoice in its table, though it asked for other work.
    @Test func aCreditNoteOnAPlannedInvoiceIsNamedOnce() throws {
        let base = """
            2026-01-06 invoice acme B-1
              total 3600.00
            2026-01-27 invoice acme B-3
              total 780.00
            2026-03-02 plan acme 3600.00
              for B-1
              2026-03-31 1200.00
              2026-04-30 1200.00
              2026-05-29 1200.00
            2026-03-31 payment acme 1200.00
              apply B-1
            2026-04-22 credit acme 130.00
              number CN-3
            2026-04-30 payment acme 1070.00
              apply B-1

            """
        let first = try #require(draft(base, asOf: "2026-04-27"))
        #expect(first.values["credits"]?.contains("CN-3") == true)
        let next = try #require(draft(base + "2026-04-27 letter acme \(first.choice.stage!.rawValue)\n  invoices B-3\n", asOf: "2026-05-18"))
        #expect(next.values["credits"] == nil)
    }

    /// Three invoices newly asked for, each for its own reason: one sentence each, the total
    /// last, not one sentence run on.
    @Test func threeNewlyDueInvoicesAreSaidOneSentenceEach() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme A-1
              total 100.00
            2026-01-05 invoice acme A-2
              total 200.00
            2026-01-10 invoice acme A-3
              total 300.00
            2026-01-20 invoice acme A-4
              total 400.00
            2026-02-09 letter acme reminder
              invoices A-1

            """, asOf: "2026-02-23"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["newly.due"] == "Invoice A-3 (300.00 GBP), which fell due on the day of my last letter, is now past due as well. Invoice A-2 (200.00 GBP, due 4 February 2026), which my last letter did not ask for, is now to be paid too. Invoice A-4 (400.00 GBP, due 19 February 2026) has also fallen due since my last letter. The total now due is 1,000.00 GBP.")
    }

    /// A credit note that fell on a plan's invoice counts towards the instalment: the letter
    /// says so, rather than that the money "reached us".
    @Test func aCreditNoteCountedTowardsAnInstalmentIsSaidToBe() throws {
        let d = try #require(draft("""
            2026-01-06 invoice acme B-1
              total 3600.00
            2026-03-02 plan acme 3600.00
              for B-1
              2026-03-31 1200.00
              2026-04-30 1200.00
              2026-05-29 1200.00
            2026-03-31 payment acme 1200.00
              apply B-1
            2026-04-22 credit acme 130.00
              number CN-3
            2026-05-08 payment acme 1000.00
              apply B-1

            """, asOf: "2026-05-11"))
        #expect(d.choice.stage == .instalment)
        // The payment met it first; the credit note, what was left: each said for what it is.
        #expect(d.values["plan.next"] == "Of the instalment of 1,200.00 GBP that was due on 30 April 2026, 1,000.00 GBP has reached us and 130.00 GBP is met by credit note CN-3; 70.00 GBP of it is still to come.")
        #expect(d.text.contains("| 2 | 30 April 2026 | 1,200.00 GBP | 1,000.00 GBP received, 130.00 GBP met by credit note CN-3, 70.00 GBP still open |"))
    }

    /// The count of letters is of those about what the first of them asked for: an invoice
    /// asked for only lately is not said to have had six letters.
    @Test func theLetterCountIsAboutWhatTheFirstLetterAskedFor() throws {
        var ledger = """
            2026-01-05 invoice acme X-1
              total 3600.00
            2026-03-01 invoice acme X-2
              total 500.00

            """
        for (letter, call, invoices) in [("2026-02-09 letter acme reminder", "2026-02-11", "X-1"), ("2026-02-25 letter acme follow-up", "2026-02-27", "X-1"),
                                         ("2026-03-13 letter acme follow-up", "2026-03-15", "X-1"), ("2026-03-29 letter acme follow-up", "2026-03-31", "X-1"),
                                         ("2026-04-14 letter acme follow-up", "2026-04-16", "X-1 X-2")] {
            ledger += "\(letter)\n  invoices \(invoices)\n\(call) note acme call\n  said checking with finance\n"
        }
        let d = try #require(draft(ledger, asOf: "2026-04-30"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.note"]?.hasPrefix("This is my sixth letter about invoice X-1, counting from my letter of 9 February 2026; thank you for your replies, but no payment towards it has come in that time.") == true)
    }

    /// One reply since the count began is thanked for as one.
    @Test func oneReplyIsThankedForAsOne() throws {
        var ledger = """
            2026-01-05 invoice acme X-1
              total 3600.00

            """
        for letter in ["2026-02-09 letter acme reminder", "2026-02-25 letter acme follow-up", "2026-03-13 letter acme follow-up", "2026-03-29 letter acme follow-up", "2026-04-14 letter acme follow-up"] {
            ledger += "\(letter)\n  invoices X-1\n"
        }
        ledger += "2026-04-16 note acme call\n  said checking with finance\n"
        let d = try #require(draft(ledger, asOf: "2026-04-30"))
        #expect(d.values["follow-up.note"]?.contains("; thank you for your reply, but no payment towards invoice X-1 has come in that time.") == true, "\(d.values["follow-up.note"] ?? "") \(d.choice.reason)")
    }

    /// When one currency's open money is split into past due and not yet due, so is every
    /// other's: a total standing alone under a split would read as not past due. Each total
    /// names its currency, so two are not read as a sum left unadded.
    @Test func everyCurrencyIsSplitWhenOneIs() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme G-1
              total 1000.00
            2026-01-06 invoice acme E-1
              currency EUR
              total 800.00
            2026-02-20 invoice acme E-2
              currency EUR
              total 300.00

            """, asOf: "2026-02-20"))
        let rows = d.text.split(separator: "\n").filter { $0.hasPrefix("| Past due") || $0.hasPrefix("| Not yet") || $0.hasPrefix("| **Total") }
        // In the order the rows and the heading name them: GBP's invoice comes first.
        #expect(rows == [
            "| Past due | | | | 1,000.00 GBP | |", "| **Total open in GBP** | | | | **1,000.00 GBP** | |",
            "| Past due | | | | 800.00 EUR | |", "| Not yet due | | | | 300.00 EUR | |", "| **Total open in EUR** | | | | **1,100.00 EUR** | |",
        ])
        #expect(d.values["total"] == "1,000.00 GBP and 800.00 EUR")
    }

    /// A cash-flow difficulty raised in the call that also raised a dispute is answered with a
    /// plan offer once the acknowledgement has had its days, not lost.
    @Test func aHardshipRaisedWithADisputeIsStillOfferedAPlan() throws {
        let base = """
            2026-01-05 invoice acme W-1
              total 1,000.00
            2026-01-20 invoice acme W-2
              total 600.00
            2026-02-09 letter acme reminder
              invoices W-1
            2026-02-20 note acme call
              dispute W-2 labels misprinted
              hardship lost a big customer
            2026-02-25 letter acme dispute
              invoices W-2
            """
        #expect(draft(base, asOf: "2026-02-27") == nil)
        let d = try #require(draft(base, asOf: "2026-03-11"))
        #expect(d.choice.stage == .planOffer)
        #expect(d.text.contains("The table also lists invoice W-2"))
    }

    /// A demand's history says in one sentence what a contact held: a promise, and a query raised.
    @Test func aDemandHistoryJoinsAPromiseAndAQueryInOneContact() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 800.00
            2026-01-06 invoice acme A-2
              total 300.00
            2026-02-08 letter acme reminder
              invoices A-1 A-2
            2026-02-12 note acme call
              promise 2026-02-20 800.00
              dispute A-2 wrong
            2026-02-14 letter acme dispute
              invoices A-2
            2026-02-22 letter acme follow-up
              invoices A-1
            2026-03-08 letter acme follow-up
              invoices A-1
            2026-03-22 letter acme final
              invoices A-1
            2026-04-15 note acme file
              resolved A-2 corrected
            """, asOf: "2026-04-20"))
        #expect(d.choice.stage == .demand)
        #expect(d.values["history"]?.contains("in which you promised payment of 800.00 GBP by 20 February 2026 (nothing received by then); you also queried invoice A-2") == true)
    }

    /// The agenda says where the count of a quiet client's silence starts.
    @Test func theAgendaSaysWhenAQuietClientLastSpoke() throws {
        let r = load(Self.header + """
            2026-01-01 invoice acme A1
              total 1000.00
            2026-01-05 invoice acme A2
              total 500.00
            2026-02-03 letter acme reminder
              invoices A1
            2026-02-10 note acme call
              promise 2026-02-14
            2026-02-13 payment acme 10.00
              apply A1
            2026-03-15 letter acme follow-up
              invoices A1 A2
            """)
        // Not while the date our letter of 15 March asked for a reply by (25 March) is to come.
        let waiting = Day.parse("2026-03-25")!
        #expect(!Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: waiting), asOf: waiting).items.contains { $0.kind == .quiet })
        let day = Day.parse("2026-03-26")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
        let quiet = try #require(agenda.items.first { $0.kind == .quiet }, "\(agenda.items.map(\.action))")
        #expect(quiet.why.contains("(since their last payment on 2026-02-13)"), "\(quiet.why)")
        // With no word or payment at all, the count starts when the money fell due.
        let silent = load(Self.header + "2026-01-01 invoice acme A1\n  total 1000.00\n2026-03-15 letter acme reminder\n  invoices A1\n")
        let never = Agenda.build(ledger: silent.ledger, sheet: BalanceEngine.balances(silent.ledger, asOf: day), asOf: day)
        #expect(try #require(never.items.first { $0.kind == .quiet }).why.contains("(since the money fell due on 2026-01-31)"))
    }

    /// Counted from the day the money fell due, the agenda names the last payment before it
    /// rather than saying "no word or payment for 36 days" of a client who last paid 58 days
    /// ago; and it says what comes next, and when: a formal demand after a final notice.
    @Test func aQuietClientsItemSaysTheLastPaymentBeforeTheDueDateAndWhatComesNext() throws {
        let r = load(Self.header + """
            2026-10-15 invoice acme A-1
              total 500.00
            2026-10-21 invoice acme A-2
              total 2,500.00
            2026-11-14 payment acme 500.00
              apply A-1
            2026-11-20 letter acme final
              invoices A-2
            """)
        let day = Day.parse("2026-12-26")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
        let quiet = try #require(agenda.items.first { $0.kind == .quiet }, "\(agenda.items.map(\.action))")
        #expect(quiet.why == "no word or payment since the money fell due on 2026-11-20, 36 days ago (last payment on 2026-11-14) while 2,500.00 GBP is overdue; final notice of 2026-11-20 awaiting a reply; a formal demand may follow from 2027-01-19")
    }

    /// A call and a payment on one day, the payment written below the call: the follow-up says
    /// it has not heard from the client since their payment, and the agenda's quiet item
    /// counts from the same payment (`ClientStory.lastHeard`), not from "their last word".
    @Test func aQuietClientsItemNamesWhatTheLettersNameAsLastHeard() throws {
        let base = """
            2026-01-05 invoice acme Q-1
              total 1,000.00
            2026-02-10 letter acme reminder
              invoices Q-1
            2026-02-24 letter acme follow-up
              invoices Q-1
            2026-03-02 note acme call
              said Looking into it
            2026-03-02 payment acme 200.00
              apply Q-1
            2026-03-16 letter acme follow-up
              invoices Q-1
            2026-03-30 letter acme follow-up
              invoices Q-1

            """
        let d = try #require(draft(base, asOf: "2026-04-13"))
        #expect(d.choice.stage == .followUp)
        #expect(d.text.contains("As I have not heard from you since your payment of 2 March 2026, I would be grateful for a reply, even a short one."))
        let r = load(Self.header + base + "2026-04-13 letter acme follow-up\n  invoices Q-1\n")
        let day = Day.parse("2026-04-24")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
        let quiet = try #require(agenda.items.first { $0.kind == .quiet }, "\(agenda.items.map(\.action))")
        #expect(quiet.why == "no word or payment for 53 days (since their last payment on 2026-03-02) while 800.00 GBP is overdue; last letter 2026-04-13; next final notice from 2026-04-27")
    }

    /// A plan offer asks the client what they could pay by a date: no reminder for the whole
    /// sum goes before that date has passed, and the one that goes does not open with "I hope
    /// all is well" to a client who told us of hard times.
    @Test func aReminderWaitsForThePlanOffersDate() throws {
        let ledger = """
            2026-08-03 invoice acme E-1
              total 2,400.00
            2026-11-02 note acme call
              hardship flooded
            2026-12-04 letter acme plan-offer
              invoices E-1
            """
        // The offer asked for word by 14 December (ten days on, a Monday).
        #expect(draft(ledger, asOf: "2026-12-14") == nil)
        let r = load(Self.header + ledger), day = Day.parse("2026-12-14")!
        let early = StageChooser.chooseAll(r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day))[0]
        #expect(early.stage == nil && early.nextDate == Day.parse("2026-12-15"), "\(early.reason)")
        let d = try #require(draft(ledger, asOf: "2026-12-15"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["reminder.opening"] == "")
        #expect(!d.text.contains("I hope all is well"))
        // A dispute acknowledgement about another invoice since does not take the date back.
        let disputed = ledger.replacingOccurrences(of: "2026-12-04 letter acme plan-offer\n  invoices E-1", with: "2026-12-01 invoice acme E-2\n  total 200.00\n  due 2026-12-02\n2026-12-04 letter acme plan-offer\n  invoices E-1\n2026-12-05 note acme email\n  dispute E-2 not delivered\n2026-12-07 letter acme dispute\n  invoices E-2")
        #expect(draft(disputed, asOf: "2026-12-14") == nil)
        #expect(try #require(draft(disputed, asOf: "2026-12-15")).choice.stage == .reminder)
        // Without the hardship or the offer, the reminder opens as it always has.
        let plain = try #require(draft("2026-08-03 invoice acme E-1\n  total 2,400.00\n", asOf: "2026-12-15"))
        #expect(plain.values["reminder.opening"] == "I hope all is well.")
    }

    /// A thank-you after a query was settled says so, though the settling call was the
    /// client's last word (which a thank-you does not otherwise thank for).
    @Test func aThankYouKeepsItsWarmWordForASettledQuery() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme W-1
              total 600.00
            2026-02-10 letter acme reminder
              invoices W-1
            2026-02-12 note acme call
              dispute W-1 labels
            2026-02-14 letter acme dispute
              invoices W-1
            2026-03-01 note acme call
              resolved W-1 reprinted
            2026-03-05 payment acme 600.00
              apply W-1
            """, asOf: "2026-03-10"))
        #expect(d.choice.stage == .thanks)
        #expect(d.text.contains("Thank you for settling it, and for your patience while your query was sorted out."))
        // Said once: not again as a warm word of its own.
        #expect(!d.text.contains("I am glad we were able to settle your query"))
    }

    /// A missed instalment's reminder keeps the fewest days after the last letter, a dispute
    /// acknowledgement sent two days before.
    @Test func anInstalmentReminderDoesNotFollowAnotherLetterTooSoon() throws {
        let base = """
            2026-01-05 invoice acme J-1
              total 900.00
            2026-01-06 invoice acme J-2
              total 200.00
            2026-01-20 plan acme 900.00
              for J-1
              2026-02-15 450.00
              2026-03-15 450.00
            2026-02-22 note acme call
              dispute J-2 wrong
            2026-02-24 letter acme dispute
              invoices J-2
            """
        #expect(draft(base, asOf: "2026-02-26") == nil)
        #expect(try #require(draft(base, asOf: "2026-03-03")).choice.stage == .instalment)
    }

    /// After a dispute acknowledgement (which names the disputed invoice only) a thank-you is
    /// for the whole account it showed: none when an invoice of it was written off.
    @Test func noThanksAfterADisputeAcknowledgementWhenAnInvoiceWasWrittenOff() throws {
        let base = """
            2026-01-01 invoice acme A1
              total 100.00
            2026-01-05 invoice acme A2
              total 200.00
            2026-02-05 letter acme reminder
              invoices A1 A2
            2026-02-10 note acme email
              dispute A2 wrong pages
            2026-02-11 letter acme dispute
              invoices A2
            2026-02-13 note acme call
              resolved A2 agreed
            2026-02-13 payment acme 200.00
              apply A2
            """
        #expect(draft(base + "\n2026-02-20 writeoff acme A1\n", asOf: "2026-02-21") == nil)
        // Paid rather than written off: thanked, the 30 days counted from the last settlement.
        #expect(try #require(draft(base + "\n2026-02-24 payment acme 100.00\n", asOf: "2026-03-16")).choice.stage == .thanks)
    }

    /// A plan offer spreads a plan's invoices too: its table shows them past due or not.
    @Test func aPlanOffersTableDoesNotCallWhatItSpreadsInThePlan() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme P1
              total 600.00
            2026-01-06 invoice acme D1
              total 1000.00
            2026-01-10 plan acme 600.00
              for P1
              2026-02-01 300.00
              2026-03-01 300.00
            2026-02-01 payment acme 300.00
              apply P1
            2026-03-05 letter acme reminder
              invoices D1
            2026-03-09 note acme call
              hardship lost a customer
            """, asOf: "2026-03-10"))
        #expect(d.choice.stage == .planOffer)
        #expect(!d.text.contains("in the payment plan"))
        #expect(d.text.contains("| Past due | | | | 1,300.00 GBP | |") || d.text.contains("| **Total open** | | | | **1,300.00 GBP** | |"))
    }

    /// An instalment reminder that must wait does not hide an unanswered formal demand.
    @Test func aWaitingInstalmentReminderDoesNotHideAnUnansweredDemand() throws {
        let r = load(Self.header + """
            2025-11-01 invoice acme D1
              total 1000.00
            2025-12-01 invoice acme P1
              total 600.00
            2025-12-10 letter acme reminder
              invoices D1
            2026-01-10 letter acme follow-up
              invoices D1
            2026-01-25 letter acme follow-up
              invoices D1
            2026-02-05 letter acme final
              invoices D1
            2026-01-15 plan acme 600.00
              for P1
              2026-02-01 300.00
              2026-02-20 300.00
            2026-02-01 payment acme 300.00
              apply P1
            2026-03-02 letter acme demand
              invoices D1
            2026-03-10 letter acme instalment
              invoices P1
            """)
        // The demand asked for a reply by 12 March; on the 13th it is unanswered, while the
        // instalment reminder waits for the cadence after the one of 10 March.
        let day = Day.parse("2026-03-13")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == nil)
        #expect(choice.demandUnanswered, "\(choice.reason)")
        // Before that date the demand is not yet unanswered, and nothing is to decide.
        let early = BalanceEngine.balances(r.ledger, asOf: Day.parse("2026-03-12")!)
        let waiting = StageChooser.choose(try #require(ClientStory.all(r.ledger, sheet: early).first), ledger: r.ledger, sheet: early)
        #expect(!waiting.demandUnanswered && waiting.stage == nil, "\(waiting.reason)")
    }

    /// A dispute acknowledgement does not cite a letter about work long settled.
    @Test func aDisputeAcknowledgementDoesNotCiteALetterAboutSettledWork() throws {
        let d = try #require(draft("""
            2025-07-01 invoice acme OLD
              total 100.00
            2025-08-04 letter acme reminder
              invoices OLD
            2025-08-06 payment acme 100.00
              apply OLD
            2026-01-05 invoice acme NEW
              total 500.00
            2026-01-10 note acme email
              dispute NEW hours
            """, asOf: "2026-01-12"))
        #expect(d.choice.stage == .dispute)
        #expect(!d.text.contains("I last wrote to you"))
    }

    /// Money held on account that paid part of an invoice is explained once: a dispute
    /// acknowledgement that showed the invoice in its table counts as having said it.
    @Test func moneyHeldOnAccountIsExplainedOnceAcrossADisputeAcknowledgement() throws {
        let base = """
            2026-01-02 payment acme 50.00
            2026-01-05 invoice acme B1
              total 300.00
            2026-01-06 invoice acme B2
              total 200.00
            2026-02-08 note acme email
              dispute B2 wrong
            """
        let ack = try #require(draft(base, asOf: "2026-02-11"))
        #expect(ack.text.contains("against invoice B1"))
        let d = try #require(draft(base + "\n2026-02-11 letter acme dispute\n  invoices B2\n", asOf: "2026-02-25"))
        #expect(d.choice.stage == .reminder)
        #expect(!d.text.contains("against invoice B1"))
    }

    /// A transfer goes by many names: a client paying by BACS or SEPA gets the bank details.
    @Test func aTransferByAnotherNameStillGetsBankDetails() {
        for methods in ["BACS", "SEPA transfer", "wire", "Faster Payments"] {
            var c = Client(id: "a", name: nil, anchor: .none)
            c.methods = [methods]
            #expect(c.mayPayByTransfer, "\(methods)")
        }
        for methods in [["card"], ["PayPal", "credit card"], ["cheque"]] {
            var c = Client(id: "a", name: nil, anchor: .none)
            c.methods = methods
            #expect(!c.mayPayByTransfer, "\(methods)")
        }
    }

    /// The account is cleared by its last settlement, whichever invoice our letter named: the
    /// thank-you says that date and is due for 30 days from it.
    @Test func aThankYouCountsFromTheLastSettlement() throws {
        let base = """
            2026-01-01 invoice acme X1
              total 100.00
            2026-01-25 invoice acme X2
              total 200.00
            2026-02-05 letter acme reminder
              invoices X1
            2026-02-10 payment acme 100.00
              apply X1
            2026-03-05 payment acme 200.00
              apply X2
            """
        let d = try #require(draft(base, asOf: "2026-03-20"))
        #expect(d.choice.stage == .thanks)
        #expect(d.choice.reason.hasPrefix("all settled on 2026-03-05"))
    }

    /// A promise passed on to us in a note for the file is not quoted back as the client's word.
    @Test func aPromiseNotedForTheFileIsNotQuotedAsTheClients() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme R1
              total 1000.00
            2026-02-05 letter acme reminder
              invoices R1
            2026-02-12 note acme file
              promise 2026-02-20 1,000.00
            """, asOf: "2026-02-24"))
        #expect(!d.text.contains("you told us"))
        #expect(!d.text.contains("12 February 2026"))
        #expect(d.text.contains("We had expected a payment of 1,000.00 GBP by 20 February 2026."))
    }

    /// After a plan, the follow-up cites the last letter that asked for money: an instalment
    /// reminder is one.
    @Test func aFollowUpAfterAPlanCitesTheLastInstalmentReminder() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme C1
              total 900.00
            2026-02-09 letter acme reminder
              invoices C1
            2026-02-20 plan acme 900.00
              for C1
              2026-03-01 300.00
              2026-04-01 300.00
              2026-05-01 300.00
            2026-03-01 payment acme 200.00
              apply C1
            2026-04-06 letter acme instalment
              invoices C1
            2026-05-05 letter acme instalment
              invoices C1
            """, asOf: "2026-05-25"))
        #expect(d.choice.stage == .followUp, "\(d.choice.reason)")
        #expect(d.text.contains("Following my letter of 5 May 2026"))
    }

    /// A payment for an invoice an earlier letter listed as not yet due is thanked for.
    @Test func aPaymentForAnInvoiceListedAsNotYetDueIsThankedFor() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme X1
              total 100.00
            2026-01-25 invoice acme X2
              total 200.00
            2026-02-05 letter acme reminder
              invoices X1
            2026-02-20 payment acme 200.00
              apply X2
            """, asOf: "2026-03-06"))
        #expect(d.text.contains("payment of 200.00 GBP on 20 February 2026 (which settled invoice X2)"))
    }

    /// A demand that claims compensation only does not call it interest.
    @Test func aDemandClaimingCompensationOnlyCallsItSo() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 800.00
              compensation 70.00
            2026-02-08 letter acme reminder
              invoices A-1
            2026-02-22 letter acme follow-up
              invoices A-1
            2026-03-08 letter acme follow-up
              invoices A-1
            2026-03-22 letter acme final
              invoices A-1
            """, asOf: "2026-04-20"))
        #expect(d.choice.stage == .demand)
        #expect(d.text.contains("and 70.00 GBP of compensation, set out below"))
        #expect(d.text.contains("Compensation: 70.00 GBP."))
        #expect(!d.text.contains("interest and compensation, set out"))
    }

    /// A courtesy note thanks for a payment since the last letter, as every letter does.
    @Test func aCourtesyNoteThanksForAPaymentSinceTheLastLetter() throws {
        let r = load("settings\n  currency GBP\n  courtesy 5\nclient acme Acme Ltd\n  contact Jane Doe\n  terms net 30\n\n" + """
            2026-01-05 invoice acme O1
              total 700.00
            2026-01-14 invoice acme O2
              total 300.00
            2026-02-01 letter acme courtesy
              invoices O1
            2026-02-03 payment acme 700.00
              apply O1
            """)
        let day = Day.parse("2026-02-10")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .courtesy)
        let text = TemplateSet().template(for: .courtesy).render(LetterFields.values(stage: .courtesy, choice: choice, story: story, ledger: r.ledger, sheet: sheet))
        #expect(text.contains("payment of 700.00 GBP on 3 February 2026 (which settled invoice O1)"))
    }

    /// Of two invoices falling due, money came towards one: the note asks whether the other
    /// reached the right person, not both.
    @Test func aCourtesyNoteAsksOnlyAfterTheInvoiceNothingCameTowards() throws {
        let r = load("settings\n  currency GBP\n  courtesy 5\nclient acme Acme Ltd\n  contact Jane Doe\n  terms net 30\n\n" + """
            2026-03-09 invoice acme K-35
              total 2,500.00
            2026-03-09 invoice acme K-36
              total 300.00
            2026-03-27 payment acme 1,000.00
              apply K-35 1,000.00
            """)
        let day = Day.parse("2026-04-06")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .courtesy)
        let values = LetterFields.values(stage: .courtesy, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        #expect(values["courtesy.check"] == ", and I wanted to make sure invoice K-36 reached the right person")
    }

    /// Money already came towards the invoice, short by a discount taken too late: the note
    /// explains the shortfall and does not ask whether the invoice reached the right person.
    @Test func aCourtesyNoteAfterAPartPaymentExplainsAMissedDiscount() throws {
        let r = load("settings\n  currency GBP\n  courtesy 5\nclient acme Acme Ltd\n  contact Jane Doe\n  terms 2/10 net 30\n\n" + """
            2026-03-09 invoice acme K-35
              total 2,500.00
            2026-03-27 payment acme 2,450.00
              apply K-35 2,450.00
            """)
        let day = Day.parse("2026-04-06")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .courtesy)
        let text = TemplateSet().template(for: .courtesy).render(LetterFields.values(stage: .courtesy, choice: choice, story: story, ledger: r.ledger, sheet: sheet))
        #expect(text.contains("A quick note, not a chase: invoice K-35, with 50.00 GBP still open, falls due on 8 April 2026.\n"))
        #expect(!text.contains("reached the right person"))
        #expect(text.contains("Invoice K-35 offered 2% off for payment within 10 days, that is by 19 March 2026. Your payment arrived on 27 March 2026, after that window had closed, so the discount could not be applied and 50.00 GBP remains to pay."))
    }

    /// A credit note larger than its invoice is not said to be applied to it in full: what
    /// the invoice took is named, and the rest is credit on account.
    @Test func aCreditNoteLargerThanItsInvoiceSaysWhatWasLeftOver() throws {
        let base = """
            2026-01-05 invoice acme P-1
              total 500.00
            2026-02-09 letter acme reminder
              invoices P-1
            2026-02-12 credit acme 600.00
              number CN-P
              apply P-1 600.00

            """
        let d = try #require(draft(base, asOf: "2026-02-16"))
        #expect(d.choice.stage == .thanks)
        #expect(d.values["settlement"] == "Credit note CN-P for 600.00 GBP has been applied to invoice P-1 (500.00 GBP), and the remaining 100.00 GBP credited to your account, so nothing is open on your invoices.")
        // With another invoice open, the rest went to it, and each share is named.
        let later = try #require(draft(base.replacingOccurrences(of: "2026-02-09 letter acme reminder\n  invoices P-1\n", with: "") + "2026-01-10 invoice acme P-2\n  total 900.00\n", asOf: "2026-02-16"))
        #expect(later.values["credits"] == "Credit note CN-P for 600.00 GBP, dated 12 February 2026, has been applied: 500.00 GBP to invoice P-1 and 100.00 GBP to invoice P-2.")
    }

    /// An instalment note goes before the instalment's day, not on it (grammar 7.1). Before: a
    /// note on 13 April said "falls due today, 13 April 2026" and asked for it "by 13 April
    /// 2026", money the client had to have sent already; and on Sunday 1 February one said
    /// "falls due today" of an instalment that could arrive until Monday. After: the note of
    /// 10 April (within `courtesy` 5 days) says it falls due on 13 April; on the day, and on
    /// the weekend before its last day, none goes, and the agenda expects the money.
    @Test func anInstalmentNoteGoesBeforeTheInstalmentsDayNotOnIt() throws {
        let text = "settings\n  currency GBP\n  courtesy 5\nclient acme Acme Ltd\n  contact Jane Doe\n  terms net 30\n\n" + """
            2026-01-19 invoice acme B-6
              total 3,000.00
            2026-01-20 plan acme 3,000.00
              for B-6
              2026-02-01 1,000.00
              2026-04-13 1,000.00
              2026-05-13 1,000.00
            2026-02-02 payment acme 1,000.00
              apply B-6 1,000.00
            """
        let r = load(text)
        func choice(_ asOf: String) throws -> (StageChoice, ClientStory, BalanceSheet) {
            let sheet = BalanceEngine.balances(r.ledger, asOf: Day.parse(asOf)!)
            let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
            return (StageChooser.choose(story, ledger: r.ledger, sheet: sheet), story, sheet)
        }
        // Sunday 1 February and its Monday: no note; the agenda expects it until the Monday.
        #expect(try choice("2026-02-01").0.stage == nil)
        let sunday = Day.parse("2026-02-01")!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: sunday), asOf: sunday)
        #expect(agenda.items.map(\.action) == ["expect an instalment of 1,000.00 GBP on 2026-02-01 (no working day: it can arrive until 2026-02-02)"])
        #expect(try choice("2026-01-30").0.stage == .instalment)
        // 13 April: a note three days before, none on the day.
        #expect(try choice("2026-04-13").0.stage == nil)
        let (c, story, sheet) = try choice("2026-04-10")
        #expect(c.stage == .instalment)
        #expect(c.reason == "instalment of 1,000.00 GBP falls due on 2026-04-13")
        let note = TemplateSet().template(for: .instalment).render(LetterFields.values(stage: .instalment, choice: c, story: story, ledger: r.ledger, sheet: sheet))
        #expect(note.contains("Thank you for your payment of 1,000.00 GBP on 2 February 2026 (towards invoice B-6).\nThe next instalment, 1,000.00 GBP, falls due on 13 April 2026.\n"), "\(note)")
        #expect(!note.contains("falls due today"))
    }

    /// Money held on account that paid one new invoice in full and part of another is said
    /// of both: the client, told what we held, sees where all of it went.
    @Test func moneyHeldThatSettledANewInvoiceIsNamedBesideThePartSetAgainstAnother() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme K-1
              total 1,000.00
            2026-02-09 letter acme reminder
              invoices K-1
            2026-02-27 payment acme 1,150.00
              apply K-1 1,150.00
            2026-03-02 letter acme thanks
            2026-03-10 invoice acme K-3
              total 100.00
            2026-03-12 invoice acme K-4
              total 300.00

            """, asOf: "2026-04-15"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["credit.used"] == "We have set 150.00 GBP of yours that we held on account against invoices K-3 (100.00 GBP, which it settled) and K-4 (50.00 GBP).")
    }

    /// An invoice fallen due since the final notice, which no letter asked for, is asked for
    /// with the rest in a demand, but no interest or compensation is claimed on it.
    @Test func aDemandLeavesOutAnInvoiceNoLetterAskedFor() throws {
        let d = try #require(draft("""
            2026-06-01 invoice acme A-1
              interest 11.75%
              compensation statutory
              total 2,000.00
            2026-07-06 letter acme reminder
              invoices A-1
            2026-07-20 letter acme follow-up
              invoices A-1
            2026-08-03 letter acme follow-up
              invoices A-1
            2026-08-17 letter acme follow-up
              invoices A-1
            2026-08-31 letter acme final
              invoices A-1
            2026-10-05 invoice acme A-2
              interest 11.75%
              compensation statutory
              total 500.00

            """, asOf: "2026-11-10"))
        #expect(d.choice.stage == .demand)
        // The demand is about A-1 alone, and is recorded so: A-2 is asked for apart, with none
        // of the demand's consequences, and listed apart in the table's totals.
        #expect(d.values["invoices.list"] == "A-1")
        #expect(d.choice.chased.count == 1 && d.choice.askedApart.count == 1)
        #expect(d.values["newly.due"] == "Invoice A-2 (500.00 GBP, due 4 November 2026) has also fallen due since my last letter. It is not part of this demand; please pay it by 20 November 2026 as well.")
        #expect(d.values["invoices.table"]?.contains("| Past due | | | | 2,000.00 GBP | |\n| Past due, not part of this demand | | | | 500.00 GBP | |") == true, "\(d.values["invoices.table"] ?? "")")
        #expect(d.values["claim.table"]?.contains("| A-2 |") == false)
        // Neither invoice says what it was for: no column of blanks.
        #expect(d.values["invoices.table"]?.hasPrefix("| Invoice | Date | Amount | Paid | Open | Days past due |\n") == true)
        #expect(d.values["claim.terms"]?.hasSuffix("Counted to 10 November 2026 on invoice A-1, this comes to:") == true)
        // 2,000.00 × 11.75% × 132 / 365 = 84.99, and 70.00 for an invoice of 1,000 to 9,999.99.
        #expect(d.values["claim.amount"] == "2,154.99 GBP")
        #expect(d.text.contains("Please pay 2,154.99 GBP by 20 November 2026. If it has not reached us by that date, we intend to take formal steps"))
    }

    /// After a demand that asked for a newly due invoice apart, and was paid, that invoice has
    /// a ladder of its own: its reminder waits for the date the demand gave it.
    @Test func anInvoiceADemandAskedForApartIsRemindedOfAfterTheDemandsDate() throws {
        let base = """
            2026-01-05 invoice acme P-1
              total 4,680.00
            2026-02-09 letter acme reminder
              invoices P-1
            2026-02-23 letter acme follow-up
              invoices P-1
            2026-03-09 letter acme follow-up
              invoices P-1
            2026-03-23 letter acme final
              invoices P-1
            2026-03-07 invoice acme P-2
              total 960.00
            2026-04-09 letter acme demand
              invoices P-1
            2026-04-15 payment acme 4,680.00
              apply P-1

            """
        // The demand asked for P-2 by Monday 20 April.
        #expect(draft(base, asOf: "2026-04-20") == nil)
        let d = try #require(draft(base, asOf: "2026-04-21"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["total"] == "960.00 GBP")
    }

    /// A plan whose invoice is in dispute is on hold with it: no instalment reminder, and the
    /// acknowledgement says the instalments wait too and offers a change to the plan.
    @Test func aDisputedPlanInvoiceHoldsItsInstalments() throws {
        let base = """
            2026-01-05 invoice acme H-1
              total 3,000.00
            2026-02-20 plan acme 3,000.00
              for H-1
              2026-03-02 1,000.00
              2026-04-01 2,000.00
            2026-02-27 payment acme 1,000.00
              apply H-1
            2026-03-10 note acme email
              dispute H-1 vector files missing

            """
        let ack = try #require(draft(base, asOf: "2026-03-12"))
        #expect(ack.choice.stage == .dispute)
        #expect(ack.text.contains("a correction, a partial credit or a change to our payment plan, whichever fits"))
        let later = base + "2026-03-16 letter acme dispute\n  invoices H-1\n"
        let held = draft(later, asOf: "2026-04-06")
        #expect(held == nil || held?.choice.stage != .instalment)
        // With the query over, the instalment is chased again.
        let resolved = try #require(draft(later + "2026-04-08 note acme call\n  resolved H-1 files sent\n", asOf: "2026-04-13"))
        #expect(resolved.choice.stage == .instalment)
    }

    /// A sum waived on a plan's invoice counts towards its instalments, but was not received:
    /// the plan table says "met", and the letter names the waiver.
    @Test func aSumWaivedOnAPlanInvoiceIsNotCalledReceived() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme H-1
              total 3,000.00
            2026-02-20 plan acme 3,000.00
              for H-1
              2026-03-02 1,000.00
              2026-04-01 1,000.00
              2026-05-01 1,000.00
            2026-02-27 payment acme 1,000.00
              apply H-1
            2026-04-03 payment acme 500.00
              apply H-1
            2026-04-06 letter acme instalment
              invoices H-1
            2026-04-08 note acme email
              dispute H-1 vector files missing
            2026-04-13 letter acme dispute
              invoices H-1
            2026-04-20 note acme call
              resolved H-1 agreed to waive 300
            2026-04-20 writeoff acme H-1 300.00
              waived

            """, asOf: "2026-05-06"))
        #expect(d.choice.stage == .instalment)
        #expect(d.text.contains("| 2 | 1 April 2026 | 1,000.00 GBP | 500.00 GBP received, 300.00 GBP met by the sum we waived, 200.00 GBP still open |"))
        #expect(!d.text.contains("800.00 GBP received") && !d.text.contains("800.00 GBP has reached us"))
        #expect(d.text.contains("We have waived 300.00 GBP of invoice H-1, so that sum is not part of what we ask."))
    }

    /// An instalment reminder that also asks for past-due invoices outside the plan records
    /// them with the letter: a later letter does not say they were not asked for.
    @Test func anInstalmentReminderRecordsTheInvoicesOutsideThePlanItAskedFor() throws {
        let base = """
            2026-01-05 invoice acme H-1
              total 2,000.00
            2026-01-20 invoice acme H-2
              total 800.00
            2026-02-10 plan acme 2,000.00
              for H-1
              2026-03-01 1,000.00
              2026-04-01 1,000.00
            2026-02-27 payment acme 1,000.00
              apply H-1
            2026-04-01 letter acme reminder
              invoices H-2

            """
        let r = load(Self.header + base)
        let day = Day.parse("2026-04-09")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == .instalment)
        let values = LetterFields.values(stage: .instalment, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
        #expect(values["plan.outside"]?.contains("H-2") == true)
        #expect(LetterJob.draftFields(stage: .instalment, choice: choice, values: values, ledger: r.ledger, asOf: day).invoices == ["H-1", "H-2"])
    }

    /// A promise of no amount and no currency ("we will pay by the 20th") from a client
    /// invoiced in two currencies is kept by money in either: it is not called broken beside
    /// the thanks for the payment that kept it.
    @Test func aPromiseOfNoAmountIsKeptByMoneyInAnyCurrency() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme N-1
              currency EUR
              total 2,000.00
            2026-01-10 invoice acme N-2
              total 500.00
            2026-02-16 letter acme reminder
              invoices N-1 N-2
            2026-02-25 payment acme 500.00
              apply N-2
            2026-03-04 note acme email
              promise 2026-03-20
            2026-03-06 payment acme 1,000.00 EUR
              apply N-1

            """, asOf: "2026-03-23"))
        #expect(d.values["promise.broken"] == nil)
        #expect(!d.text.contains("It has not reached us"))
        #expect(d.text.contains("1,000.00 EUR on 6 March 2026"))
    }

    /// A demand's claim table in two currencies gives each figure its code, and the letter
    /// names the currencies in one order.
    @Test func aDemandsClaimTableInTwoCurrenciesNamesThem() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 800.00
              compensation 70.00
            2026-01-06 invoice acme A-2
              currency EUR
              total 500.00
              compensation 40.00
            2026-02-08 letter acme reminder
              invoices A-1 A-2
            2026-02-22 letter acme follow-up
              invoices A-1 A-2
            2026-03-08 letter acme follow-up
              invoices A-1 A-2
            2026-03-22 letter acme final
              invoices A-1 A-2
            """, asOf: "2026-04-20"))
        #expect(d.choice.stage == .demand)
        #expect(d.values["claim.table"]?.contains("| A-1 | 800.00 GBP |") == true, "\(d.values["claim.table"] ?? "")")
        #expect(d.values["claim.table"]?.contains("| 40.00 EUR |") == true)
        // One order throughout: the amount, the claim's totals and the bank details follow its
        // invoices (GBP's A-1, then EUR's A-2), not the alphabet.
        #expect(d.text.contains("formal demand for payment of 870.00 GBP and 540.00 EUR"), "\(d.text)")
        #expect(d.values["claim.total"] == """
            Compensation: 70.00 GBP. With the 800.00 GBP open, the amount now claimed is 870.00 GBP.
            Compensation: 40.00 EUR. With the 500.00 EUR open, the amount now claimed is 540.00 EUR.
            """)
        #expect(d.values["bank"]?.hasPrefix("Our bank details: for GBP, Sort code 11-22-33, account 12345678; for EUR, IBAN") == true, "\(d.values["bank"] ?? "")")
    }

    /// Each currency's claim total is named for what it holds there: interest alone in EUR,
    /// where the compensation is GBP's only, is "Interest", not "Interest and compensation".
    @Test func aDemandsClaimTotalInACurrencyWithInterestAloneIsCalledInterest() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 800.00
              compensation 40.00
              interest 8%
            2026-01-06 invoice acme A-2
              currency EUR
              total 500.00
              interest 8%
            2026-02-08 letter acme reminder
              invoices A-1 A-2
            2026-02-22 letter acme follow-up
              invoices A-1 A-2
            2026-03-08 letter acme follow-up
              invoices A-1 A-2
            2026-03-22 letter acme final
              invoices A-1 A-2
            """, asOf: "2026-04-20"))
        #expect(d.choice.stage == .demand)
        let lines = d.values["claim.total"]?.split(separator: "\n").map(String.init) ?? []
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("Interest and compensation: ") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("Interest: ") == true && lines.last?.contains("EUR") == true, "\(lines)")
    }

    /// A final notice after a payment for other work still says which letters went unanswered:
    /// the payment, thanked for, settled B-1 and said nothing about A-1, which three letters
    /// asked for; nor is it denied by "no payment has arrived since".
    @Test func aFinalNoticeAfterAPaymentForOtherWorkNamesTheLettersUnanswered() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A-1
              total 800.00
            2026-02-01 invoice acme B-1
              total 300.00
            2026-02-08 letter acme reminder
              invoices A-1
            2026-02-22 letter acme follow-up
              invoices A-1
            2026-03-08 letter acme follow-up
              invoices A-1
            2026-03-12 payment acme 300.00
              apply B-1
            """, asOf: "2026-03-23"))
        #expect(d.choice.stage == .final)
        // The payment is an answer of a kind: not "I have had no reply to my letters of …".
        #expect(d.text.contains("My letters of 8 February 2026, 22 February 2026 and 8 March 2026 have brought no payment towards invoice A-1."), "\(d.text)")
        #expect(d.text.contains("Thank you for your payment of 300.00 GBP on 12 March 2026 (which settled invoice B-1)."))
        #expect(!d.text.contains("I last wrote to you on"))
    }

    /// An instalment reminder that quoted an earlier letter's date for an invoice outside the
    /// plan did not ask for it by a date of its own: the next one cites what the follow-up of
    /// 6 April asked, not the 13 April reminder's date for its instalment.
    @Test func anInstalmentReminderQuotingAnEarlierAskIsNotCitedAsAsking() throws {
        let ledger = """
            2026-01-05 invoice acme N1
              total 1,000.00
            2026-01-06 invoice acme N2
              total 600.00
            2026-01-07 invoice acme N3
              total 900.00
            2026-02-10 plan acme 1,000.00
              for N1
              2026-03-10 500.00
              2026-04-10 500.00
            2026-02-11 plan acme 600.00
              for N2
              2026-03-20 300.00
              2026-04-20 300.00
            2026-02-07 letter acme reminder
              invoices N1 N2 N3
            2026-02-21 letter acme follow-up
              invoices N1 N2 N3
            2026-03-07 letter acme follow-up
              invoices N3
            2026-03-10 payment acme 500.00
              apply N1
            2026-03-23 letter acme instalment
              invoices N2 N3
            2026-03-25 note acme call
            2026-04-06 letter acme follow-up
              invoices N3 N2
            2026-04-13 letter acme instalment
              invoices N1 N3

            """
        let d = try #require(draft(ledger, asOf: "2026-04-23"))
        #expect(d.choice.stage == .instalment)
        #expect(d.values["plan.outside"] == "Invoice N3 (900.00 GBP, due 6 February 2026), which is not part of the plan, is past due as well, and I wrote to you about it on 6 April 2026; please pay it by 4 May 2026.", "\(d.values["plan.outside"] ?? "")")
        // After that sentence the instalment is named, not "it", which would read as N3.
        #expect(d.text.contains("please pay it by 4 May 2026.\n\nPlease send the instalment"), "\(d.text)")
        // The 13 April reminder itself quoted the follow-up's date, still to come then.
        let earlier = try #require(draft(ledger.replacingOccurrences(of: "2026-04-13 letter acme instalment\n  invoices N1 N3\n", with: ""), asOf: "2026-04-13"))
        // N2's plan runs on, the client having rung after the reminder of 23 March (3.10).
        #expect(earlier.values["plan.outside"]?.hasSuffix("my letter of 6 April 2026 asked you to tell me by 16 April 2026 when you would pay it.") == true, "\(earlier.values["plan.outside"] ?? "")")
    }

    /// A demand's history traces the Paid column: 200.00 of the 900.00 paid on 12 February,
    /// held on account while L1 was queried, went to L1 when the query was settled.
    @Test func aDemandsHistoryNamesMoneyHeldOnAccountThatWentToItsInvoice() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme L1
              total 500.00
            2026-01-10 invoice acme L2
              total 700.00
            2026-02-06 note acme call
              dispute L1 frame rate wrong
            2026-02-06 letter acme dispute
              invoices L1
            2026-02-12 payment acme 900.00
            2026-02-25 note acme email
              resolved L1 fixed
            2026-02-25 letter acme reminder
              invoices L1
            2026-03-11 letter acme follow-up
              invoices L1
            2026-03-25 letter acme follow-up
              invoices L1
            2026-04-08 letter acme final
              invoices L1
            """, asOf: "2026-04-21"))
        #expect(d.choice.stage == .demand)
        #expect(d.text.contains("| L1 | 5 January 2026 | 500.00 | 200.00 | 300.00 | 76 |"), "\(d.text)")
        #expect(d.values["history"]?.contains("""
            - 25 February 2026: your email, settling your query about invoice L1
            - 25 February 2026: 200.00 GBP of yours that we held on account went towards invoice L1
            - 25 February 2026: our reminder about L1
            """) == true, "\(d.values["history"] ?? "")")
    }

    /// The agenda counts unanswered letters as the follow-up's tone does: the reminders of a
    /// plan that ran out among them, and a reply older than the last letter is called the last.
    @Test func theReasonCountsAFailedPlansRemindersAsTheLetterDoes() throws {
        var ledger = """
            2026-01-05 invoice acme O1
              total 3,000.00
            2026-02-07 letter acme reminder
              invoices O1
            2026-02-12 plan acme 3,000.00
              2026-03-01 1,000.00
              2026-04-01 1,000.00
              2026-05-01 1,000.00
            2026-02-27 payment acme 1,500.00
            2026-04-04 letter acme instalment
              invoices O1
            2026-05-04 letter acme instalment
              invoices O1

            """
        let first = try #require(draft(ledger, asOf: "2026-05-18"))
        #expect(first.choice.stage == .followUp)
        // The reminder of 4 April went unanswered by 14 April: the plan is in default (3.10).
        #expect(first.choice.reason == "instalment reminder of 2026-04-04 unanswered: the plan of 2026-02-12 is in default; O1 is 103 days past due; last letter 2026-05-04, 2 instalment reminders unanswered")
        #expect(first.values["follow-up.note"]?.hasPrefix("As I have not heard from you since your payment of 27 February 2026") == true, "\(first.values["follow-up.note"] ?? "")")
        ledger += "2026-05-18 letter acme follow-up\n  invoices O1\n"
        let second = try #require(draft(ledger, asOf: "2026-06-01"))
        #expect(second.choice.reason == "O1 is 117 days past due; last letter 2026-05-18, 3 unanswered, 2 of them instalment reminders")
        #expect(second.values["follow-up.note"]?.hasPrefix("As several letters have gone unanswered") == true)
        // A reply older than our last letter (a dispute acknowledgement, off the ladder) is
        // called the client's last, not a reply to it.
        let plain = try #require(draft("""
            2026-01-05 invoice acme P1
              total 3,000.00
            2026-01-06 invoice acme P2
              total 100.00
            2026-02-07 letter acme reminder
              invoices P1 P2
            2026-02-11 note acme email
              dispute P2 wrong rate
            2026-02-12 letter acme dispute
              invoices P2

            """, asOf: "2026-03-01"))
        #expect(plain.choice.stage == .followUp)
        #expect(plain.choice.reason == "P1 is 25 days past due; last letter 2026-02-12, the client last replied on 2026-02-11")
    }

    /// A promise made before the invoice fell due, for a day after, and broken, is in the
    /// demand's history with what came of it.
    @Test func aDemandsHistoryNamesAPromiseMadeBeforeTheDueDate() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A1
              total 900.00
            2026-02-02 note acme email
              promise 2026-02-16
            2026-02-17 letter acme reminder
              invoices A1
            2026-02-20 payment acme 100.00
            2026-03-06 letter acme follow-up
              invoices A1
            2026-03-20 letter acme follow-up
              invoices A1
            2026-04-03 letter acme follow-up
              invoices A1
            2026-04-17 letter acme final
              invoices A1
            """, asOf: "2026-04-28"))
        #expect(d.choice.stage == .demand)
        #expect(d.values["history"]?.hasPrefix("- 2 February 2026: your email, in which you promised payment by 16 February 2026 (nothing received by then; 100.00 GBP since, towards invoice A1)\n- 17 February 2026: our reminder about A1") == true, "\(d.values["history"] ?? "")")
    }

    /// An invoice a final notice asked for apart, once its query was settled, is named so by
    /// the demand that follows, not presented as newly off hold.
    @Test func aDemandNamesAnInvoiceItsFinalNoticeAskedForApartAfterAQuery() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A1
              total 1,000.00
            2026-01-05 invoice acme A2
              total 400.00
            2026-01-06 note acme file
              dispute A2 marked disputed
            2026-02-01 letter acme dispute
              invoices A2
            2026-02-08 letter acme reminder
              invoices A1
            2026-02-22 letter acme follow-up
              invoices A1
            2026-03-08 letter acme follow-up
              invoices A1
            2026-03-21 note acme file
              resolved A2 fixed
            2026-03-22 letter acme final
              invoices A1
            """, asOf: "2026-04-05"))
        #expect(d.choice.stage == .demand)
        #expect(d.text.contains("Invoice A2 (400.00 GBP, due 4 February 2026), which my final notice of 22 March 2026 asked you to pay by 1 April 2026, is still to be paid. It is not part of this demand; please pay it by 15 April 2026 as well."), "\(d.text)")
        #expect(!d.text.contains("on hold while we settled"))
    }

    /// A later demand's history says the final notice about other work asked for its invoice
    /// apart, by that notice's date: the client was first asked for A2 then.
    @Test func aDemandsHistoryNamesAFinalNoticeThatAskedForItsInvoiceApart() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme A1
              total 1,000.00
            2026-02-18 invoice acme A2
              total 200.00
            2026-04-01 invoice acme A3
              total 300.00
            2026-02-07 letter acme reminder
              invoices A1
            2026-02-21 letter acme follow-up
              invoices A1
            2026-03-07 letter acme follow-up
              invoices A1
            2026-03-21 letter acme final
              invoices A1
            2026-04-05 letter acme demand
              invoices A1
            2026-04-16 letter acme reminder
              invoices A2
            2026-04-30 letter acme follow-up
              invoices A2
            2026-05-14 letter acme follow-up
              invoices A2 A3
            2026-05-28 letter acme final
              invoices A2 A3
            """, asOf: "2026-06-09"))
        #expect(d.choice.stage == .demand)
        #expect(d.values["history"]?.contains("- 21 March 2026: our final notice about A1, which also asked for A2 to be paid by 31 March 2026") == true, "\(d.values["history"] ?? "")")
    }

    /// An instalment reminder warns that the plan's schedule has ended though a formal demand
    /// about other work stands: that demand does not hold back the plan's invoices.
    @Test func anInstalmentReminderWarnsOfThePlansEndBesideADemandAboutOtherWork() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme P1
              total 1,200.00
            2026-02-01 invoice acme Q1
              total 500.00
            2026-02-10 plan acme 1,200.00
              for P1
              2026-03-01 400.00
              2026-04-20 400.00
              2026-05-20 400.00
            2026-03-01 payment acme 400.00
              apply P1
            2026-02-07 letter acme reminder
              invoices P1
            2026-03-06 letter acme reminder
              invoices Q1
            2026-03-20 letter acme follow-up
              invoices Q1
            2026-04-03 letter acme follow-up
              invoices Q1
            2026-04-17 letter acme final
              invoices Q1
            2026-04-24 letter acme instalment
              invoices P1 Q1
            2026-04-27 note acme call
            2026-05-05 letter acme demand
              invoices Q1
            """, asOf: "2026-05-23"))
        #expect(d.choice.stage == .instalment)
        #expect(d.text.contains("That was the end of the plan's schedule: if they do not arrive, my next letter will be about the invoice itself."), "\(d.text)")
    }

    /// Bank details follow the table's order of currencies when the invoice in the first is
    /// asked for apart.
    @Test func bankDetailsFollowTheTablesCurrenciesWhenOneIsAskedForApart() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme Y1
              due 2026-04-16
              total 1,000.00
            2026-01-10 invoice acme Y2
              currency EUR
              total 2,000.00
            2026-02-20 payment acme 500.00 EUR
            2026-02-12 letter acme reminder
              invoices Y2
            2026-03-06 letter acme follow-up
              invoices Y2
            2026-03-20 letter acme follow-up
              invoices Y2
            2026-04-03 letter acme follow-up
              invoices Y2
            """, asOf: "2026-04-17"))
        #expect(d.choice.stage == .final)
        #expect(d.values["bank"]?.hasPrefix("Our bank details: for GBP, Sort code 11-22-33, account 12345678; for EUR, IBAN") == true, "\(d.values["bank"] ?? "")")
    }

    /// A demand says interest ran on a part until it was waived only when a sum was waived
    /// after the due date; a loss of ours is not said to end it, nor named.
    @Test func aDemandSaysInterestRanUntilWaivedOnlyWhenASumWasWaived() throws {
        let base = """
            2026-01-05 invoice acme A-1
              total 1,000.00
              interest 8%
            2026-02-07 letter acme reminder
              invoices A-1
            2026-02-21 letter acme follow-up
              invoices A-1
            2026-03-07 letter acme follow-up
              invoices A-1
            2026-03-21 letter acme final
              invoices A-1

            """
        let waived = try #require(draft(base + "2026-02-25 writeoff acme A-1 200.00\n  waived\n", asOf: "2026-04-06"))
        #expect(waived.choice.stage == .demand)
        #expect(waived.text.contains("Interest also runs on any part paid or waived after the due date, until the day it was paid or waived (invoice A-1)."), "\(waived.text)")
        let lost = try #require(draft(base + "2026-02-25 writeoff acme A-1 200.00\n", asOf: "2026-04-06"))
        #expect(lost.choice.stage == .demand)
        #expect(!lost.text.contains("written off"))
        #expect(!lost.text.contains("waived"))
        // The loss is owed and bears interest to the day: 1,000.00 × 8% × 61/365 = 13.37.
        #expect(lost.text.contains("| A-1 | 1,000.00 | 4 February 2026 | 61 | 13.37 (8%) | — |"), "\(lost.text)")
        #expect(!lost.text.contains("Interest also runs on any part"))
    }

    /// A dispute acknowledgement sets out a missed instalment of the client's plan among the
    /// facts of the account.
    @Test func aDisputeAcknowledgementNamesAMissedInstalment() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme J-1
              total 900.00
            2026-01-06 invoice acme J-2
              total 200.00
            2026-01-20 plan acme 900.00
              for J-1
              2026-02-15 450.00
              2026-03-15 450.00
            2026-02-22 note acme call
              dispute J-2 wrong
            """, asOf: "2026-02-24"))
        #expect(d.choice.stage == .dispute)
        #expect(d.text.contains("Invoice J-1 is covered by our payment plan. The instalment of 450.00 GBP that was due on 15 February 2026 has not reached us yet."))
    }

    /// A client who answered the early letters and then fell silent: once the letters counted
    /// call for a final notice next, the follow-up says so, with when they last wrote or
    /// spoke, rather than softening into a plea for "a reply this time".
    @Test func aCountedFollowUpOutranksAPleaForAReplyAndNamesTheLastContact() throws {
        let base = """
            2026-02-16 invoice acme B-14
              total 8,000.00
            2026-03-23 letter acme reminder
              invoices B-14
            2026-03-25 note acme email
            2026-04-13 letter acme follow-up
              invoices B-14
            2026-04-15 note acme email
            2026-05-04 letter acme follow-up
              invoices B-14
            2026-05-06 note acme call
            2026-05-25 letter acme follow-up
              invoices B-14
            2026-06-08 letter acme follow-up
              invoices B-14

            """
        let d = try #require(draft(base, asOf: "2026-06-22"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.note"] == "This is my sixth letter about this, counting from my letter of 23 March 2026, and no payment towards invoice B-14 has come in that time; I have not heard from you since our call of 6 May 2026. If no payment comes, my next letter will be a final notice.")
        #expect(!d.text.contains("this time"))
    }

    /// An instalment reminder that asked for the invoice beside its plan is one of the letters
    /// the count takes in: the client has had five about it, not four.
    @Test func aCountedFollowUpCountsTheInstalmentRemindersThatAskedForTheInvoice() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme M-2
              total 650.00
            2026-01-20 invoice acme M-1
              total 900.00
            2026-02-01 plan acme 900.00
              for M-1
              2026-02-12 450.00
              2026-05-12 450.00
            2026-02-08 letter acme reminder
              invoices M-2
            2026-02-10 note acme call
            2026-02-16 letter acme instalment
              invoices M-1 M-2
            2026-03-02 letter acme follow-up
              invoices M-2
            2026-03-04 note acme call
            2026-03-18 letter acme follow-up
              invoices M-2
            2026-03-20 note acme call

            """, asOf: "2026-04-03"))
        #expect(d.choice.stage == .followUp)
        // M-1's plan is in default since the reminder of 16 February went unanswered (3.10), so
        // the follow-up asks for M-1 too, and counts its letters about M-2 by name.
        #expect(d.values["follow-up.note"] == "This is my fifth letter about invoice M-2, counting from my letter of 8 February 2026; thank you for your replies, but no payment towards it has come in that time.")
    }

    @Test func aLetterAfterAFailedPlanSaysSoOnceAndOffersNoNewSpreading() throws {
        let base = """
            2026-03-01 invoice acme A-1
              total 3000.00
            2026-04-15 letter acme reminder
              invoices A-1
            2026-04-25 note acme call
              said Cash is tight; could we pay in instalments?
            2026-04-28 plan acme 3000.00
              for A-1
              2026-05-15 1000.00
              2026-06-15 1000.00
              2026-07-15 1000.00
            2026-05-15 payment acme 1000.00
              apply A-1
            2026-06-20 letter acme instalment
              invoices A-1
            2026-07-20 letter acme instalment
              invoices A-1

            """
        let d = try #require(draft(base, asOf: "2026-08-05"))
        #expect(d.choice.stage == .followUp)
        // The reminder of 20 June went unanswered by 30 June, before the last instalment date:
        // the plan lapsed then (3.10), as that reminder warned, and the letter says so.
        #expect(d.values["plan.ended"] == "The payment plan we agreed on 28 April 2026 has lapsed: my reminder of 20 June 2026 went unanswered, and the instalments due on 15 June 2026 and 15 July 2026 have not reached us (2,000.00 GBP), so what is open on invoice A-1 is due now.")
        #expect(d.text.contains("The payment plan we agreed on 28 April 2026 has lapsed"))
        // Part of the missed instalment came: the letter does not say none did.
        let partly = try #require(draft(base.replacingOccurrences(of: "2026-07-20 letter acme instalment", with: "2026-07-18 payment acme 400.00\n  apply A-1\n2026-07-20 letter acme instalment"), asOf: "2026-08-05"))
        #expect(partly.values["plan.ended"] == "The payment plan we agreed on 28 April 2026 has lapsed: my reminder of 20 June 2026 went unanswered, and of the instalments due on 15 June 2026 and 15 July 2026 (2,000.00 GBP in all), 1,600.00 GBP is still unpaid, so what is open on invoice A-1 is due now.")
        #expect(!d.text.contains("paying it all at once is difficult"))
        // The plan is over: the client is asked what kept them from it, not told of "our
        // payment plan" as if it ran ("If something has changed since we agreed our payment
        // plan, …" before).
        #expect(d.text.contains("If something stopped you from keeping to the plan, tell me and we can find a way through it together."))
        #expect(!d.text.contains("I do not know about"))
        // Two instalment reminders went unanswered: the follow-up is firmer than a first one.
        // The client's last word was the payment of 15 May, after the call: that is named.
        #expect(d.values["follow-up.note"] == "As I have not heard from you since your payment of 15 May 2026, I would be grateful for a reply, even a short one.")
        // Said once: the next follow-up does not repeat it, and still offers no new spreading.
        let next = try #require(draft(base + "2026-08-05 letter acme follow-up\n  invoices A-1\n", asOf: "2026-08-25"))
        #expect(next.choice.stage == .followUp)
        #expect(next.values["plan.ended"] == nil)
        // Three letters unanswered: firmer still, and the date asked for is the letter's own.
        #expect(next.values["follow-up.note"] == "As several letters have gone unanswered, I must have a reply from you by that date.")
        #expect(next.text.contains("Could you let me know by 4 September 2026 when we can expect payment of 2,000.00 GBP? If something is holding up the payment, tell me and we can find a way through it together."), "\(next.text)")
        #expect(!next.text.contains("paying it all at once is difficult"))
        // The demand's history has the plan among the client's promises.
        let demand = try #require(draft(base + """
            2026-08-05 letter acme follow-up
              invoices A-1
            2026-08-25 letter acme follow-up
              invoices A-1
            2026-09-10 letter acme follow-up
              invoices A-1
            2026-09-30 letter acme final
              invoices A-1

            """, asOf: "2026-10-20"))
        #expect(demand.choice.stage == .demand)
        #expect(demand.values["history"]?.contains("- 28 April 2026: the payment plan we agreed for A-1, 3,000.00 GBP in 3 instalments, the last due on 15 July 2026\n- 15 May 2026: payment of 1,000.00 GBP received") == true)
        // A plan that ran out before any ladder letter: the reminder names it too.
        let first = try #require(draft(base.replacingOccurrences(of: "2026-04-15 letter acme reminder\n  invoices A-1\n", with: ""), asOf: "2026-08-05"))
        #expect(first.choice.stage == .reminder)
        #expect(first.text.contains("The payment plan we agreed on 28 April 2026 has lapsed"))
        // A follow-up with no plan behind it still offers to help with paying in one go.
        let plain = try #require(draft("""
            2026-03-01 invoice acme B-1
              total 500.00
            2026-04-15 letter acme reminder
              invoices B-1

            """, asOf: "2026-05-01"))
        #expect(plain.choice.stage == .followUp)
        #expect(plain.text.contains("If there is a problem I do not know about, or paying it all at once is difficult, tell me"))
    }

    /// A final notice restated after the client answered one that asked for P-2 apart says
    /// that notice asked for it, by its date: not "which my last letter did not ask for".
    @Test func aRestatedFinalNoticeSaysTheNoticeBeforeItAskedForAnInvoiceApart() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme P-1
              total 1,800.00
            2026-02-14 invoice acme P-2
              total 650.00
            2026-02-19 letter acme reminder
              invoices P-1
            2026-03-05 letter acme follow-up
              invoices P-1
            2026-03-22 letter acme final
              invoices P-1
            2026-04-14 note acme call
              said Dispute with landlord, will pay soon

            """, asOf: "2026-04-28"))
        #expect(d.choice.stage == .final)
        #expect(d.values["invoices.list"] == "P-1" && d.choice.askedApart.count == 1)
        #expect(d.values["newly.due"] == "Invoice P-2 (650.00 GBP, due 16 March 2026), which my final notice of 22 March 2026 asked you to pay by 1 April 2026, is still to be paid. It is not part of this notice; please pay it by 8 May 2026 as well.")
    }

    /// The letter after letters answered but unpaid counts them as the follow-up before it did,
    /// instalment reminders asking for N-1 beside their plan among them: "ninth" a month after
    /// "seventh", not "six times". (A payment towards N-2, which the last follow-up asked for,
    /// answered that letter: it is a follow-up, not yet a final notice. So did the one of 20
    /// March the follow-up of 14 March, which asked for N-2 too: an instalment on work only a
    /// letter before the plan asked for would answer nothing, 7.2.)
    @Test func aFinalNoticeCountsTheLettersAsTheFollowUpBeforeItDid() throws {
        let base = """
            2026-01-05 invoice acme N-1
              total 1,000.00
            2026-01-10 invoice acme N-2
              total 2,000.00
            2026-02-28 note acme call
              said Can pay the website in four parts, the sign next month
            2026-03-01 plan acme 2,000.00
              for N-2
              2026-03-20 500.00
              2026-04-20 500.00
              2026-05-20 500.00
              2026-06-20 500.00
            2026-03-20 payment acme 500.00
              apply N-2
            2026-05-22 payment acme 500.00
              apply N-2
            2026-02-08 letter acme reminder
              invoices N-1
            2026-02-22 letter acme follow-up
              invoices N-1 N-2
            2026-03-14 letter acme follow-up
              invoices N-1 N-2
            2026-04-03 letter acme follow-up
              invoices N-1
            2026-04-17 letter acme follow-up
              invoices N-1
            2026-04-24 letter acme instalment
              invoices N-2 N-1

            """
        let followUp = try #require(draft(base, asOf: "2026-05-11"))
        #expect(followUp.values["follow-up.note"]?.hasPrefix("This is my seventh letter about invoice N-1, counting from my letter of 8 February 2026") == true, "\(followUp.values["follow-up.note"] ?? "")")
        let final = try #require(draft(base + """
            2026-05-11 letter acme follow-up
              invoices N-1 N-2
            2026-05-24 letter acme instalment
              invoices N-2 N-1

            """, asOf: "2026-06-07"))
        // The 500.00 GBP paid on 22 May towards N-2, which the follow-up of 11 May asked for,
        // answered that letter: no final notice yet, and the count goes on from 8 February.
        #expect(final.choice.stage == .followUp)
        #expect(final.values["follow-up.note"]?.hasPrefix("This is my ninth letter about invoice N-1, counting from my letter of 8 February 2026") == true, "\(final.values["follow-up.note"] ?? "")")
    }

    /// A follow-up counts only letters that asked for money past due: not the courtesy notes
    /// of 14 April and 14 May, sent before their instalments fell due and met on time. And the
    /// 2,880.00 GBP paid under the plan for F-1 and F-2 since the count began went to F-1: the
    /// letter says so, not that no payment came.
    @Test func aFollowUpCountsNoCourtesyNoteAndSaysWhereThePlansMoneyWent() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme F-1
              total 2,880.00
            2026-02-02 invoice acme F-2
              total 960.00
            2026-03-01 note acme call
              hardship Flood in the shop, closed for two weeks
            2026-03-20 plan acme 3,840.00
              for F-1 F-2
              2026-04-15 1,280.00
              2026-05-15 1,280.00
              2026-06-15 1,280.00
            2026-04-15 payment acme 1,280.00
            2026-05-29 payment acme 600.00
            2026-06-12 note acme email
              said Will pay what is left soon
            2026-06-26 payment acme 1,000.00
            2026-02-15 letter acme reminder
              invoices F-1
            2026-03-01 letter acme plan-offer
              invoices F-1 F-2
            2026-03-18 letter acme follow-up
              invoices F-1 F-2
            2026-04-14 letter acme instalment
              invoices F-1 F-2
            2026-05-14 letter acme instalment
              invoices F-1 F-2
            2026-05-25 letter acme instalment
              invoices F-1 F-2
            2026-06-28 letter acme instalment
              invoices F-2
            2026-07-15 letter acme follow-up
              invoices F-2
            2026-08-01 letter acme follow-up
              invoices F-2

            """, asOf: "2026-08-18"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.note"]?.hasPrefix("This is my sixth letter about this, counting from my letter of 18 March 2026, and the 2,880.00 GBP paid under our payment plan in that time went to invoice F-1, none of it to invoice F-2;") == true, "\(d.values["follow-up.note"] ?? "")")
    }

    @Test func aRestatedFinalNoticeStandsOnlyForWhatItCoveredAndNamesWhatFellDueSince() throws {
        let base = """
            2026-01-01 invoice acme P-1
              total 500.00
            2026-02-03 letter acme reminder
              invoices P-1
            2026-02-17 letter acme follow-up
              invoices P-1
            2026-03-03 letter acme follow-up
              invoices P-1
            2026-03-05 invoice acme P-2
              total 300.00
            2026-03-23 letter acme final
              invoices P-1
            2026-03-25 note acme email

            """
        let d = try #require(draft(base, asOf: "2026-04-10"))
        #expect(d.choice.stage == .final)
        #expect(d.values["final.opening"] == "Thank you for your email of 25 March 2026. My final notice of 23 March 2026 still stands: today 500.00 GBP remains to be paid on invoice P-1, 69 days past its due date.")
        // P-2, which no letter has asked for, is not threatened over: it is asked for apart.
        #expect(d.values["newly.due"] == "Invoice P-2 (300.00 GBP, due 4 April 2026) has also fallen due since my last letter. It is not part of this notice; please pay it by 20 April 2026 as well.")
        #expect(d.text.contains("Please pay 500.00 GBP by 20 April 2026"))
        #expect(d.values["invoices.table"]?.contains("| Past due | | | | 500.00 GBP | |\n| Past due, not part of this notice | | | | 300.00 GBP | |") == true, "\(d.values["invoices.table"] ?? "")")
        // A first final notice does not take in an invoice no letter asked for either.
        let first = try #require(draft(base.replacingOccurrences(of: "2026-03-23 letter acme final\n  invoices P-1\n2026-03-25 note acme email\n", with: ""), asOf: "2026-04-10"))
        #expect(first.choice.stage == .final)
        #expect(first.values["invoices.list"] == "P-1" && first.choice.askedApart.count == 1)
        #expect(first.values["newly.due"] == "Invoice P-2 (300.00 GBP, due 4 April 2026) has also fallen due since my last letter. It is not part of this notice; please pay it by 20 April 2026 as well.")
    }

    /// An invoice that fell due the day before a final notice had no reminder of its own: the
    /// notice asks for it apart, and the demand after it is not about it either.
    @Test func anInvoiceFallenDueJustBeforeAFinalNoticeIsNeitherThreatenedNorDemanded() throws {
        let base = """
            2026-01-01 invoice acme P-1
              interest 8%
              total 500.00
            2026-02-03 letter acme reminder
              invoices P-1
            2026-02-17 letter acme follow-up
              invoices P-1
            2026-03-03 letter acme follow-up
              invoices P-1
            2026-03-05 invoice acme P-2
              interest 8%
              total 300.00

            """
        let final = try #require(draft(base, asOf: "2026-04-05"))
        #expect(final.choice.stage == .final)
        #expect(final.choice.reason == "3 letters unanswered since 2026-02-03; P-1 is 64 days past due")
        #expect(final.values["newly.due"] == "Invoice P-2 (300.00 GBP, due 4 April 2026) has also fallen due since my last letter. It is not part of this notice; please pay it by 15 April 2026 as well.")
        #expect(final.text.contains("Please pay 500.00 GBP by 15 April 2026"))
        // Recorded with P-1 alone, as `due sent` would: the demand is about P-1 alone.
        let demand = try #require(draft(base + "2026-04-05 letter acme final\n  invoices P-1\n", asOf: "2026-04-16"))
        #expect(demand.choice.stage == .demand)
        #expect(demand.values["invoices.list"] == "P-1" && demand.choice.askedApart.count == 1)
        #expect(demand.values["claim.amount"] == "508.22 GBP")
        #expect(demand.values["newly.due"] == "Invoice P-2 (300.00 GBP, due 4 April 2026), which my final notice of 5 April 2026 asked you to pay by 15 April 2026, is still to be paid. It is not part of this demand; please pay it by 27 April 2026 as well.")
        #expect(demand.values["claim.table"]?.contains("| P-2 |") == false)
        // A final notice recorded with both before this rule (it said it covered P-2) does not
        // make P-2 part of the demand: no letter asked for it before that notice.
        let old = try #require(draft(base + "2026-04-05 letter acme final\n  invoices P-1 P-2\n", asOf: "2026-04-16"))
        #expect(old.choice.stage == .demand)
        #expect(old.values["invoices.list"] == "P-1" && old.values["claim.amount"] == "508.22 GBP")
    }

    /// A final notice about one invoice while another was on hold for a query, settled since
    /// with a credit note: the demand after it is about the first alone. No letter asked for
    /// the other since the query put it on hold (our final notice said so), so it is asked for
    /// apart, by the demand's date, and claimed nothing on.
    @Test func aDemandLeavesOutAnInvoiceTheFinalNoticeHeldBackForAQuery() throws {
        let ledger = """
            2026-01-05 invoice acme K1
              interest 8%
              total 3,000.00
            2026-01-10 invoice acme K2
              interest 8%
              total 400.00
            2026-03-21 letter acme final
              invoices K1 K2
            2026-03-25 note acme call
              dispute K1 music licence missing
            2026-03-25 letter acme dispute
              invoices K1
            2026-04-08 letter acme final
              invoices K2
            2026-04-09 note acme email
              resolved K1 credit 300 agreed
            2026-04-10 credit acme 300.00
              number CN-K
              apply K1

            """
        // Until the final notice's date has passed, nothing goes.
        #expect(draft(ledger, asOf: "2026-04-20") == nil)
        let d = try #require(draft(ledger, asOf: "2026-04-21"))
        #expect(d.choice.stage == .demand)
        #expect(d.choice.reason == "final notice of 2026-04-08 answered, but nothing paid by the date it gave; K2 is 71 days past due")
        #expect(d.values["invoices.list"] == "K2" && d.choice.askedApart.count == 1)
        #expect(d.text.contains("This letter is a formal demand for payment of 406.22 GBP, that is, 400.00 GBP open on invoice K2 and 6.22 GBP of interest, set out below."))
        #expect(d.values["newly.due"] == "Invoice K1 (2,700.00 GBP, due 4 February 2026), which was on hold while we settled the query about it, is now to be paid too. It is not part of this demand; please pay it by 1 May 2026 as well.")
        #expect(d.text.contains("My final notice of 8 April 2026 asked for payment by 20 April 2026."))
        #expect(d.values["invoices.table"]?.contains("| Past due | | | | | 400.00 GBP | |\n| Past due, not part of this demand | | | | | 2,700.00 GBP | |") == true, "\(d.values["invoices.table"] ?? "")")
        #expect(d.values["claim.table"]?.contains("| K1 |") == false)
        #expect(d.text.contains("Please pay 406.22 GBP by 1 May 2026."))
    }

    @Test func aFollowUpAfterAPlanDoesNotCallItsInvoicesNewlyDue() throws {
        let d = try #require(draft("""
            2026-01-01 invoice acme B-1
              total 1000.00
            2026-02-02 invoice acme B-2
              total 600.00
            2026-02-10 letter acme reminder
              invoices B-1
            2026-02-20 plan acme 1600.00
              for B-1 B-2
              2026-03-15 800.00
              2026-04-15 800.00
            2026-04-18 letter acme instalment
              invoices B-1 B-2
            2026-05-18 letter acme instalment
              invoices B-1 B-2

            """, asOf: "2026-06-01"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["newly.due"] == nil)
        #expect(d.values["again"] == "Following my letter of 18 May 2026, invoices B-1 and B-2 still show 1,600.00 GBP open, the oldest 121 days past its due date.")
        #expect(!d.text.contains("fallen due since"))
    }

    @Test func moneyHeldInOneCurrencyIsNotPromisedAgainstAnInvoiceInAnother() throws {
        let base = """
            2026-01-10 invoice acme DS-1
              total 500.00
            2026-02-15 letter acme reminder
              invoices DS-1
            2026-02-20 payment acme 650.00
              apply DS-1 650.00
            2026-03-16 invoice acme DS-2
              currency EUR
              total 400.00

            """
        let d = try #require(draft(base, asOf: "2026-04-20"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["total"] == "400.00 EUR")
        #expect(d.values["credit.on-account"] == "We also hold 150.00 GBP of yours on account, which cannot pay an invoice in EUR: tell me whether you would like it refunded or kept for your next invoice in GBP.")
        #expect(d.text.contains("We also hold 150.00 GBP of yours on account"))
        // Once the EUR invoice is paid, the thank-you says which invoice the money waits for.
        let paid = try #require(draft(base + "2026-04-20 letter acme reminder\n  invoices DS-2\n2026-04-25 payment acme 400.00 EUR\n  apply DS-2\n", asOf: "2026-04-28"))
        #expect(paid.choice.stage == .thanks)
        #expect(paid.values["credit.on-account"] == "We hold 150.00 GBP of yours on account, which we will set against your next invoice in GBP unless you would rather have it refunded.")
    }

    @Test func aDisputeSettledByWaivingPartAndPayingTheRestIsThanked() throws {
        let base = """
            2026-01-05 invoice acme G-2
              total 1000.00
            2026-02-10 note acme call
              dispute G-2 Says the second round of edits was never done
            2026-02-12 letter acme dispute
              invoices G-2
            2026-03-02 note acme call
              resolved G-2 Agreed to take 300.00 off
            2026-03-02 writeoff acme G-2 300.00

            """
        let d = try #require(draft(base + "2026-03-20 payment acme 700.00\n  apply G-2\n", asOf: "2026-03-24"))
        #expect(d.choice.stage == .thanks)
        #expect(d.values["writeoffs"] == "As agreed, we have waived 300.00 GBP of invoice G-2.")
        #expect(d.text.contains("700.00 GBP on 20 March 2026"))
        // A debt written off in full, or part of one never disputed, is not thanked for.
        #expect(draft(base.replacingOccurrences(of: "writeoff acme G-2 300.00", with: "writeoff acme G-2 1000.00"), asOf: "2026-03-24") == nil)
        let undisputed = """
            2026-01-05 invoice acme G-3
              total 1000.00
            2026-02-12 letter acme reminder
              invoices G-3
            2026-03-02 writeoff acme G-3 300.00
            2026-03-20 payment acme 700.00
              apply G-3

            """
        #expect(draft(undisputed, asOf: "2026-03-24") == nil)
    }

    @Test func aPlanOfferNotTakenUpIsRecalledInsteadOfOfferingHelpAsIfNew() throws {
        let base = """
            2026-01-05 invoice acme R-1
              total 1200.00
            2026-02-07 letter acme reminder
              invoices R-1
            2026-02-08 note acme call
              hardship Cash is short until the spring
            2026-02-10 letter acme plan-offer
              invoices R-1

            """
        let d = try #require(draft(base, asOf: "2026-02-24"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["plan.offered"] == "The payment plan I offered on 10 February 2026 is still open to you, if spreading the payments would help.")
        #expect(!d.text.contains("paying it all at once is difficult"))
        #expect(d.text.contains("The payment plan I offered on 10 February 2026 is still open to you"))
        // Once a plan is agreed, the offer is not recalled.
        let other = base.replacingOccurrences(of: "2026-02-07 letter", with: "2026-01-20 invoice acme R-0\n  total 100.00\n2026-02-07 letter")
        let pending = try #require(draft(other, asOf: "2026-03-10"))
        #expect(pending.values["plan.offered"] != nil)
        let agreed = try #require(draft(other + "2026-02-20 plan acme 1200.00\n  for R-1\n  2026-03-31 600.00\n  2026-04-30 600.00\n", asOf: "2026-03-10"))
        #expect(agreed.choice.chased.map { agreed.values["invoices.list"] ?? "\($0)" } == ["R-0"])
        #expect(agreed.values["plan.offered"] == nil)
    }

    @Test func anInstalmentPartlyPaidIsThankedForOnce() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme JS-1
              total 1000.00
            2026-02-20 plan acme 1000.00
              for JS-1
              2026-03-01 500.00
              2026-04-01 500.00
            2026-03-02 payment acme 500.00
              apply JS-1
            2026-04-01 payment acme 300.00
              apply JS-1

            """, asOf: "2026-04-10"))
        #expect(d.choice.stage == .instalment)
        #expect(d.values["plan.next"] == "Of the instalment of 500.00 GBP that was due on 1 April 2026, 300.00 GBP has reached us; 200.00 GBP of it is still to come. It was the last of the plan's schedule: if the rest does not arrive, my next letter will be about the invoice itself.")
        #expect(d.values["payments.received"]?.contains("300.00 GBP on 1 April 2026") == true)
        #expect(d.text.components(separatedBy: "thank").count + d.text.components(separatedBy: "Thank").count - 2 == 1)
    }

    @Test func noSecondLetterIsDraftedOnTheDayOneWasRecorded() throws {
        let base = """
            2026-01-05 invoice acme J-1
              total 720.00
            2026-03-09 letter acme reminder
              invoices J-1
            2026-03-09 payment acme 720.00
              apply J-1

            """
        // `due sent` could not record a thank-you dated the day of the reminder: it comes the next day.
        #expect(draft(base, asOf: "2026-03-09") == nil)
        let next = try #require(draft(base, asOf: "2026-03-10"))
        #expect(next.choice.stage == .thanks)
    }

    @Test func aPlanOfferFromANoteForTheFileSaysWhyItIsMade() throws {
        let base = """
            2026-01-05 invoice acme R-1
              total 1200.00
            2026-02-07 letter acme reminder
              invoices R-1

            """
        let filed = try #require(draft(base + "2026-02-09 note acme file\n  hardship Their bookkeeper says cash is short\n", asOf: "2026-02-16"))
        #expect(filed.choice.stage == .planOffer)
        #expect(filed.values["last.contact"] == nil)
        // Said once: the template's own "I would like to make this manageable" follows it.
        #expect(filed.text.contains("Should paying everything at once be difficult at the moment, there is another way.\n"))
        #expect(filed.text.components(separatedBy: "I would like").count == 2, "\(filed.text)")
        #expect(!filed.text.contains("bookkeeper"))
        let told = try #require(draft(base + "2026-02-09 note acme call\n  hardship Cash is short\n", asOf: "2026-02-16"))
        #expect(told.values["last.contact"]?.hasPrefix("Thank you for being open with me") == true)
        #expect(told.values["plan.opening"] == nil)
    }

    @Test func aTransferSchemeIsNamedAsATransferAndOffersDetailsItHasNot() throws {
        let r = load("""
            settings
              currency GBP
            sender Test Studio Ltd
              bank Sort code 11-22-33, account 12345678
            client zeph Zeph Inc
              contact Ann Lee
              terms net 30
              currency USD
              methods wire
            client xenon Xenon GmbH
              contact Max Roth
              terms net 30
              currency GBP
              methods SEPA

            2026-01-05 invoice zeph Z-1
              total 1000.00
            2026-01-05 invoice xenon X-1
              total 500.00
            """)
        #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
        let day = Day.parse("2026-02-20")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        for story in ClientStory.all(r.ledger, sheet: sheet) {
            let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
            let v = LetterFields.values(stage: try #require(choice.stage), choice: choice, story: story, ledger: r.ledger, sheet: sheet)
            if story.client.id == "zeph" {
                #expect(v["methods"] == "You can pay by wire transfer: reply and I will send our account details for USD.")
            } else {
                #expect(v["methods"] == "You can pay by SEPA transfer.")
                #expect(v["bank"]?.contains("Sort code 11-22-33") == true)
            }
        }
    }

    @Test func aQueryNotedForTheFileIsNotCalledTheClients() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme O-1
              total 300.00
            2026-01-06 invoice acme O-2
              total 400.00
            2026-02-10 note acme file
              dispute O-1 Their PM says the copy was late
            2026-02-11 letter acme dispute
              invoices O-1

            """, asOf: "2026-02-20"))
        #expect(d.values["on.hold"] == "The table also lists invoice O-1; we are not asking for it here, while we settle the query about it.")
    }

    @Test func aThankYouAfterADemandSaysItsClaimIsNotCoveredAndAsksNoFeedback() throws {
        let base = """
            2026-01-05 invoice acme N-1
              compensation statutory
              total 3000.00
            2026-02-08 letter acme reminder
              invoices N-1
            2026-02-22 letter acme follow-up
              invoices N-1
            2026-03-08 letter acme follow-up
              invoices N-1
            2026-03-22 letter acme final
              invoices N-1
            2026-04-12 letter acme demand
              invoices N-1
            2026-04-20 payment acme 3000.00
              apply N-1

            """
        let d = try #require(draft(base, asOf: "2026-04-21"))
        #expect(d.choice.stage == .thanks)
        #expect(d.values["settlement"] == "Your payment of 3,000.00 GBP on 20 April 2026 (invoice N-1) has arrived, and nothing is open on your invoice now. Thank you for paying it. The 70.00 GBP of compensation set out in my demand of 12 April 2026 is not covered by this payment; I will write to you about it separately.")
        #expect(!d.text.contains("fully settled") && !d.text.contains("good working with you"))
        #expect(d.values["feedback.ask"] == nil)
        // Paid more than the invoice, and more than the claim: the claim as the demand stated it
        // is paid, and only the rest is held for the client.
        let over = try #require(draft(base.replacingOccurrences(of: "payment acme 3000.00", with: "payment acme 3100.00"), asOf: "2026-04-21"))
        #expect(over.values["settlement"]?.hasSuffix("Thank you for paying it. This payment also covers the 70.00 GBP of compensation set out in my demand of 12 April 2026.") == true)
        #expect(over.values["credit.on-account"] == "We hold 30.00 GBP of yours on account, which we will set against your next invoice unless you would rather have it refunded.")
        // Paid more than the invoice, less than the claim: what is held may meet part of it.
        let part = try #require(draft(base.replacingOccurrences(of: "payment acme 3000.00", with: "payment acme 3050.00"), asOf: "2026-04-21"))
        #expect(part.values["settlement"]?.hasSuffix("The 70.00 GBP of compensation set out in my demand of 12 April 2026 is not fully covered by this payment.") == true)
        #expect(part.values["credit.on-account"] == "We hold 50.00 GBP of yours on account, which we can set against it if you agree, leaving 20.00 GBP of it uncovered.")
        // With no claim in the terms, the thanks are as after any letter.
        let plain = try #require(draft(base.replacingOccurrences(of: "  compensation statutory\n", with: ""), asOf: "2026-04-21"))
        // Invoiced this year, the client still works with us: no farewell (`thanks.close`).
        #expect(plain.text.contains("your account with us is now fully settled") && plain.text.contains("It is good to be working with you."))
        // A later invoice, chased and paid after the thank-you that said the claim remains owed:
        // its thank-you does not call the account settled either, nor repeat the claim.
        let later = try #require(draft(base + """
            2026-04-21 letter acme thanks
            2026-05-01 invoice acme N-2
              total 300.00
            2026-06-05 letter acme reminder
              invoices N-2
            2026-06-10 payment acme 300.00
              apply N-2

            """, asOf: "2026-06-12"))
        #expect(later.choice.stage == .thanks)
        #expect(later.values["settlement"] == "Your payment of 300.00 GBP on 10 June 2026 (invoice N-2) has arrived, and nothing is open on your invoices now. Thank you for paying it.")
        #expect(!later.text.contains("fully settled") && !later.text.contains("remains owed"))
    }

    @Test func anInvoiceReleasedFromAQueryIsNotSaidToHaveFallenDueSince() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme R-1
              total 800.00
            2026-02-12 invoice acme R-2
              total 600.00
            2026-02-20 letter acme reminder
              invoices R-1
            2026-03-10 note acme email
              dispute R-2 Two pages were missing
            2026-03-19 letter acme dispute
              invoices R-2
            2026-04-01 note acme email
              resolved R-2 Agreed 150.00 off
            2026-04-01 credit acme 150.00
              number CN-8
              apply R-2

            """, asOf: "2026-04-16"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["newly.due"] == "Invoice R-2 (450.00 GBP, due 14 March 2026), which was on hold while we settled the query about it, is now to be paid too, so the total now due is 1,250.00 GBP.")
        #expect(!d.text.contains("fallen due since"))
    }

    @Test func aDemandWithTwoRatesSaysWhichIsWhoseAndMarksNoCompensationWithADash() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme I-1
              interest 10.15%
              total 1000.00
            2026-01-06 invoice acme I-2
              interest 9.00%
              total 500.00
            2026-01-07 invoice acme I-3
              interest 10.15%
              total 200.00
            2026-02-08 letter acme reminder
              invoices I-1 I-2 I-3
            2026-02-22 letter acme follow-up
              invoices I-1 I-2 I-3
            2026-03-08 letter acme follow-up
              invoices I-1 I-2 I-3
            2026-03-22 letter acme final
              invoices I-1 I-2 I-3

            """, asOf: "2026-04-20"))
        #expect(d.choice.stage == .demand)
        // Invoices sharing a rate are named under it once.
        #expect(d.values["claim.terms"]?.contains("simple interest from the due date at 10.15% a year on invoices I-1 and I-3, and 9.00% a year on invoice I-2.") == true)
        #expect(!d.text.contains("% or "))
        #expect(d.values["claim.table"]?.split(separator: "\n").dropFirst(2).allSatisfy { $0.hasSuffix("| — |") } == true)
    }

    /// Days late in a demand's table group their thousands, as every other count in a letter does.
    @Test func aDemandsDaysLateGroupThousands() throws {
        let d = try #require(draft("""
            2023-01-05 invoice acme I-1
              interest 8%
              total 1000.00
            2026-02-08 letter acme reminder
              invoices I-1
            2026-02-22 letter acme follow-up
              invoices I-1
            2026-03-08 letter acme follow-up
              invoices I-1
            2026-03-22 letter acme final
              invoices I-1

            """, asOf: "2026-04-20"))
        #expect(d.choice.stage == .demand)
        // Due 4 February 2023 (net 30), 1,171 days before 20 April 2026.
        let row = try #require(d.values["claim.table"]?.split(separator: "\n").last.map(String.init))
        #expect(row.contains("| 4 February 2023 | 1,171 |"), "\(row)")
    }

    @Test func aDemandSaysWhichInvoicesCarryInterestWhenNotAllDo() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme I-1
              interest 8%
              compensation statutory
              total 1000.00
            2026-01-06 invoice acme I-2
              total 500.00
            2026-01-07 invoice acme I-3
              compensation statutory
              total 300.00
            2026-02-08 letter acme reminder
              invoices I-1 I-2 I-3
            2026-02-22 letter acme follow-up
              invoices I-1 I-2 I-3
            2026-03-08 letter acme follow-up
              invoices I-1 I-2 I-3
            2026-03-22 letter acme final
              invoices I-1 I-2 I-3

            """, asOf: "2026-04-20"))
        #expect(d.choice.stage == .demand)
        #expect(d.values["claim.terms"]?.hasPrefix("Our terms provide for late payment to carry simple interest at 8% a year from the due date on invoice I-1, and a fixed sum for each of invoices I-1 and I-3 to cover the cost of recovering it (the statutory sum for commercial debts).") == true)
        #expect(d.text.contains("in which we would also ask for the interest that continues to run at 8% a year on invoice I-1."))
        #expect(!d.text.contains("each late invoice"))
    }

    @Test func aSecondQueryIsAcknowledgedAsNewAndTheFirstAsStillOnHold() throws {
        let d = try #require(draft("""
            2026-08-01 invoice acme A-1
              for Website build
              total 1200.00
            2026-08-15 invoice acme A-2
              for Logo
              total 400.00
            2026-09-10 note acme email
              said The contact form does not send.
              dispute A-1 Contact form broken
            2026-09-11 letter acme dispute
              invoices A-1
            2026-09-20 note acme email
              said The logo colours are not the ones we chose.
              dispute A-2 Wrong colours

            """, asOf: "2026-09-22"))
        #expect(d.choice.stage == .dispute)
        #expect(d.values["dispute.opening"] == "Thank you for telling me about your concern with invoice A-2. I have put it on hold while we look into it, and we will not chase it until we have agreed what is fair. Invoice A-1 stays on hold as well, as I wrote on 11 September 2026.")
        #expect(d.values["last.letter"] == nil)
        #expect(d.values["dispute.list"]?.contains("Invoice A-1 of 1 August 2026 (Website build, 1,200.00 GBP open, due 31 August 2026), which you queried on 10 September 2026") == true)
    }

    @Test func aLetterAboutOtherWorkAsksForAMissedInstalmentAndStandsInForItsReminder() throws {
        let ledger = """
            2026-05-01 invoice acme A-1
              total 1200.00
            2026-08-01 invoice acme A-2
              total 300.00
            2026-06-10 plan acme 1200.00
              for A-1
              2026-07-01 400.00
              2026-08-01 400.00
              2026-09-01 400.00
            2026-07-01 payment acme 400.00
              apply A-1
            2026-08-01 payment acme 400.00
              apply A-1

            """
        // Two days after the instalment's date it is not yet chased (`reminder-after`, 3 days),
        // and a reminder sent then does not stand in for the instalment's own.
        let early = try #require(draft(ledger, asOf: "2026-09-03"))
        #expect(early.choice.stage == .reminder)
        #expect(early.values["on.hold"]?.contains("has not reached us") == false)
        #expect(early.values["total.asked"] == "300.00 GBP")
        let afterEarly = try #require(draft(ledger + "2026-09-03 letter acme reminder\n  invoices A-2\n", asOf: "2026-09-10"))
        #expect(afterEarly.choice.stage == .instalment)
        let first = try #require(draft(ledger, asOf: "2026-09-04"))
        #expect(first.choice.stage == .reminder)
        #expect(first.values["on.hold"]?.hasSuffix("The instalment of 400.00 GBP that was due on 1 September 2026 has not reached us yet. It was the last of the plan's schedule: if it does not arrive, my next letter will be about the invoice itself. Please send that instalment with the 300.00 GBP asked for here.") == true)
        // The closing asks for both.
        #expect(first.text.contains("could you arrange payment of 300.00 GBP and the 400.00 GBP of that instalment (700.00 GBP in all) by"))
        // With that letter sent, no separate instalment reminder follows. That was the plan's
        // last instalment: the follow-up on the ladder's own cadence finds the plan over and
        // asks for all of both invoices.
        let sent = ledger + """
            2026-09-04 letter acme reminder
              invoices A-2

            """
        #expect(draft(sent, asOf: "2026-09-11")?.choice.stage == nil)
        let next = try #require(draft(sent, asOf: "2026-09-18"))
        #expect(next.choice.stage == .followUp)
        #expect(next.values["total"] == "700.00 GBP")
        #expect(next.values["newly.due"] == "Invoice A-1 (400.00 GBP, due 31 May 2026), which our payment plan covered until now, is now to be paid too, so the total now due is 700.00 GBP.")
        #expect(next.values["plan.ended"] == "The payment plan we agreed on 10 June 2026 has come to an end, and the instalment due on 1 September 2026 has not reached us (400.00 GBP), so what is open on invoice A-1 is due now.")
    }

    @Test func aMissedInstalmentMidPlanIsAskedForByEachLadderLetter() throws {
        let ledger = """
            2026-05-01 invoice acme A-1
              total 1200.00
            2026-08-01 invoice acme A-2
              total 300.00
            2026-06-10 plan acme 1200.00
              for A-1
              2026-08-01 600.00
              2026-09-01 300.00
              2026-11-01 300.00
            2026-08-01 payment acme 600.00
              apply A-1
            2026-09-04 letter acme reminder
              invoices A-2

            """
        #expect(draft(ledger, asOf: "2026-09-11")?.choice.stage == nil)
        let next = try #require(draft(ledger, asOf: "2026-09-18"))
        #expect(next.choice.stage == .followUp)
        #expect(next.values["total"] == "300.00 GBP")
        #expect(next.values["on.hold"] == "Invoice A-1 is covered by our payment plan. The instalment of 300.00 GBP that was due on 1 September 2026 has not reached us yet. Please send that instalment with the 300.00 GBP asked for here.")
    }

    @Test func aCreditNoteWithNoApplyThatSettlesAQueryCreditsTheQueriedInvoice() throws {
        let d = try #require(draft("""
            2026-08-01 invoice acme A-1
              total 1200.00
            2026-08-15 invoice acme A-2
              total 400.00
            2026-09-10 note acme email
              said The logo colours are not the ones we chose.
              dispute A-2 Wrong colours
            2026-09-11 letter acme dispute
              invoices A-2
            2026-09-25 credit acme 150.00
              number CN-1
            2026-09-25 note acme call
              said Happy with a credit of 150.
              resolved A-2 Agreed a credit of 150.00

            """, asOf: "2026-10-05"))
        #expect(d.choice.stage == .reminder)
        #expect(d.values["credits"] == "As agreed, credit note CN-1 for 150.00 GBP, dated 25 September 2026, has been applied to invoice A-2.")
        #expect(d.text.contains("| A-1 | 1 August 2026 | 1,200.00 | 0.00 | 0.00 | 1,200.00 | 35 |"))
        #expect(d.text.contains("| A-2 | 15 August 2026 | 400.00 | 0.00 | 150.00 | 250.00 | 21 |"))
    }

    @Test func aClientWithNoNameIsNotAddressedByItsID() throws {
        let r = load("""
            settings
              currency GBP
            sender Studio Ltd
              email accounts@studio.example
            client jade
              email accounts@jade.example
              terms net 30

            2026-01-05 invoice jade J-1
              total 100.00
            """)
        let day = Day.parse("2026-02-20")!
        let dir = try temporaryDirectory()
        let job = LetterJob.prepare(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day, paths: OutputPaths(ledger: dir + "/l.due"))
        let d = try #require(job.drafts.first)
        #expect(d.text.contains("Dear Sir or Madam,"))
        #expect(!d.text.split(separator: "\n").contains("jade"))
        let client = try #require(r.ledger.client("jade"))
        let email = String(decoding: try #require(LetterEmail.message(draft: d.text, fields: d.fields, sender: r.ledger.sender, client: client)), as: UTF8.self)
        #expect(email.contains("To: accounts@jade.example\r\n"))
    }

    /// A final notice answered with a query about another invoice and a word about this one,
    /// which we acknowledged: the next final notice is the earlier one restated, though our
    /// last letter was about the query. A query about the other invoice alone does not answer
    /// the notice: the demand follows once its time has come.
    @Test func aFinalNoticeAfterALetterAboutSomethingElseSaysTheEarlierOneStands() throws {
        let base = """
            2026-01-05 invoice acme A-1
              total 800.00
            2026-02-01 invoice acme A-2
              total 300.00
            2026-02-08 letter acme reminder
              invoices A-1
            2026-02-22 letter acme final
              invoices A-1
            2026-02-26 note acme email
              said the rate on A-2 is not what we agreed; A-1 is with finance
              dispute A-2 rate
            2026-02-27 letter acme dispute
              invoices A-2
            2026-03-02 note acme call
              said A-1 is with finance

            """
        let d = try #require(draft(base, asOf: "2026-03-20"))
        #expect(d.choice.stage == .final)
        // About the same invoice: "final notice" once, not in two sentences in a row.
        #expect(d.values["final.opening"] == "My final notice of 22 February 2026 about invoice A-1 still stands: 800.00 GBP is still to pay, 44 days past its due date.")
        let queryOnly = base.replacingOccurrences(of: "2026-03-02 note acme call\n  said A-1 is with finance\n", with: "")
        #expect(draft(queryOnly, asOf: "2026-03-20") == nil)
        // No demand while the query waits for our proposal (7.2, held escalation); settled
        // with A-2 credited (in a note for the file, no word from them), the demand follows.
        #expect(draft(queryOnly, asOf: "2026-04-06") == nil)
        let settled = queryOnly + """
            2026-03-30 note acme file
              resolved A-2 rate corrected
            2026-03-30 credit acme 300.00
              apply A-2

            """
        #expect(try #require(draft(settled, asOf: "2026-04-06")).choice.stage == .demand)
    }

    /// A client invoiced in two currencies promises euros: the euros it pays keep the promise,
    /// whatever else is open. Written without its currency, by a client invoiced in both by
    /// then, the promise is in neither: the euros it pays keep it all the same (no pounds are
    /// awaited that the client never named), and the checker says so.
    @Test func aPromiseIsCountedInItsOwnCurrency() throws {
        let base = """
            2026-01-05 invoice acme E-1
              currency EUR
              total 800.00
            2026-01-06 invoice acme G-1
              total 300.00
            2026-02-08 letter acme reminder
              invoices E-1 G-1
            2026-02-10 note acme call
              said will pay the euro invoice next week
              promise 2026-02-20 800.00 EUR
            2026-02-19 payment acme 800.00 EUR
              apply E-1

            """
        let d = try #require(draft(base, asOf: "2026-03-06"))
        #expect(d.choice.stage == .followUp)
        #expect(d.choice.promise?.state == .kept)
        #expect(d.values["promise.broken"] == nil)
        let head = "settings\n  currency GBP\nsender S\n  bank Sort code 11-22-33\n  bank EUR IBAN GB11 TEST\nclient acme Acme Ltd\n  methods bank transfer\n"
        #expect(Checker.run(load(head + base), asOf: Day.parse("2026-03-06")!).diagnostics.isEmpty)
        // No currency written: not the settings' pounds, which never came, but any payment.
        let unsaid = base.replacingOccurrences(of: "promise 2026-02-20 800.00 EUR", with: "promise 2026-02-20 800.00")
        let u = try #require(draft(unsaid, asOf: "2026-03-06"))
        #expect(u.choice.promise?.state == .kept)
        #expect(u.values["promise.broken"] == nil)
        #expect(Checker.run(load(head + unsaid), asOf: Day.parse("2026-03-06")!).diagnostics.map(\.code) == ["W417"])
    }

    /// A client who answers every letter and never pays: the follow-ups say how many letters
    /// have gone since money last came, and once twice `final-after` have, the next is a final
    /// notice. A payment towards the invoice starts the count again.
    @Test func repliesWithoutPaymentPostponeTheFinalNoticeButDoNotCancelIt() throws {
        var ledger = """
            2026-01-05 invoice acme X-1
              total 3,600.00

            """
        for (letter, call) in [("2026-02-09 letter acme reminder", "2026-02-11"), ("2026-02-25 letter acme follow-up", "2026-02-27"),
                               ("2026-03-13 letter acme follow-up", "2026-03-15"), ("2026-03-29 letter acme follow-up", "2026-03-31"),
                               ("2026-04-14 letter acme follow-up", "2026-04-16")] {
            ledger += "\(letter)\n  invoices X-1\n\(call) note acme call\n  said checking with finance\n"
        }
        // Five letters gone: this draft is the sixth, and says so.
        let fifth = try #require(draft(ledger, asOf: "2026-04-30"))
        #expect(fifth.choice.stage == .followUp)
        #expect(fifth.values["follow-up.note"] == "This is my sixth letter about this, counting from my letter of 9 February 2026; thank you for your replies, but no payment towards invoice X-1 has come in that time. If no payment comes, my next letter will be a final notice.")
        ledger += "2026-04-30 letter acme follow-up\n  invoices X-1\n2026-05-02 note acme call\n  said still checking\n"
        let beforeFinal = ledger
        let sixth = try #require(draft(ledger, asOf: "2026-05-16"))
        #expect(sixth.choice.stage == .final)
        #expect(sixth.choice.reason.hasPrefix("6 letters since 2026-02-09 answered, but nothing paid"))
        #expect(sixth.values["final.opening"]?.hasSuffix(" I have written to you about it six times since 9 February 2026; you have answered, but no payment towards it has come.") == true)
        #expect(sixth.text.contains("Please pay 3,600.00 GBP by 26 May 2026. If it has not reached us by then, I will send a formal demand"))
        // Answered again, and still nothing paid by the date it gave: the demand.
        ledger += "2026-05-16 letter acme final\n  invoices X-1\n2026-05-18 note acme call\n  said still checking\n"
        let demand = try #require(draft(ledger, asOf: "2026-05-27"))
        #expect(demand.choice.stage == .demand)
        #expect(demand.values["unanswered"] == "My final notice of 16 May 2026 asked for payment by 26 May 2026. You have answered since, but no payment has arrived.")
        // Some money on the way starts the count again.
        let paid = beforeFinal.replacingOccurrences(of: "2026-04-16 note acme call\n", with: "2026-04-16 payment acme 100.00\n  apply X-1\n2026-04-16 note acme call\n")
        let after = try #require(draft(paid, asOf: "2026-05-16"))
        #expect(after.choice.stage == .followUp)
        #expect((after.values["follow-up.note"] ?? "").isEmpty)
    }

    /// Fifty pence left by a rounded payment is not chased: no reminder, follow-up, final
    /// notice or demand, and the agenda asks whether to write it off. A pound or more is chased.
    @Test func aRemainderOfLessThanOneUnitIsNotChased() throws {
        let base = """
            2026-01-05 invoice acme R-1
              total 1,200.00
            2026-02-02 payment acme 1,199.50
              apply R-1

            """
        for day in ["2026-02-10", "2026-03-10", "2026-06-10"] {
            #expect(draft(base, asOf: day) == nil)
            let r = load("settings\n  currency GBP\nclient acme Acme Ltd\n" + base)
            let d = Day.parse(day)!
            let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: d), asOf: d)
            #expect(agenda.items.map(\.action) == ["write off the 0.50 GBP left, or let it be"])
            #expect(agenda.items.first?.why == "only 0.50 GBP left on R-1, less than one unit of its currency")
        }
        // 1.50 left is chased as any money is.
        let more = base.replacingOccurrences(of: "payment acme 1,199.50", with: "payment acme 1,198.50")
        #expect(draft(more, asOf: "2026-02-10")?.choice.stage == .reminder)
    }

    /// Fifty pence left on one invoice beside another unpaid is set aside: the letters about the
    /// other list it as not asked for, and it does not ride up the ladder with it, so the final
    /// notice does not threaten over it, nor the demand claim 40.00 of compensation on it. The
    /// aging still shows it, and the agenda asks whether to write it off.
    @Test func aRemainderBesideOtherMoneyIsSetAsideAndNeverDemanded() throws {
        var ledger = """
            2026-01-05 invoice acme R-1
              total 1,000.00
              compensation statutory
            2026-01-12 invoice acme R-2
              total 2,000.00
              compensation statutory
            2026-02-02 payment acme 999.50
              apply R-1

            """
        let reminder = try #require(draft(ledger, asOf: "2026-02-16"))
        #expect(reminder.choice.stage == .reminder)
        #expect(reminder.choice.chased.count == 1)
        #expect(reminder.values["total"] == "2,000.00 GBP")
        #expect(reminder.text.contains("| R-1 | 5 January 2026 | 1,000.00 | 999.50 | 0.50 | small balance, not asked for |"))
        #expect(reminder.text.contains("| Small balance, not asked for | | | | 0.50 GBP | |"))
        let r = load("settings\n  currency GBP\nclient acme Acme Ltd\n  terms net 30\n" + ledger)
        let day = Day.parse("2026-02-16")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let agenda = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day)
        #expect(agenda.items.map(\.action) == ["send a reminder (2,000.00 GBP)", "write off the 0.50 GBP left on R-1, or let it be"])
        let aging = AgingReport(ledger: r.ledger, sheet: sheet, options: AgingOptions(settings: r.ledger.settings))
        #expect(aging.lines.map(\.open) == [50, 200000])
        for (letter, next) in [("2026-02-16 letter acme reminder", "2026-03-02"), ("2026-03-02 letter acme follow-up", "2026-03-16"), ("2026-03-16 letter acme follow-up", "2026-03-30")] {
            ledger += "\(letter)\n  invoices R-2\n"
            #expect(draft(ledger, asOf: next)?.choice.chased.count == 1)
        }
        let final = try #require(draft(ledger, asOf: "2026-03-30"))
        #expect(final.choice.stage == .final)
        #expect(final.choice.askedApart.isEmpty)
        ledger += "2026-03-30 letter acme final\n  invoices R-2\n"
        let demand = try #require(draft(ledger, asOf: "2026-04-14"))
        #expect(demand.choice.stage == .demand)
        #expect(demand.choice.chased.count == 1 && demand.choice.askedApart.isEmpty)
        #expect(demand.values["total"] == "2,000.00 GBP")
        #expect(!demand.text.contains("| R-1 | 0.50 |"))
        #expect(demand.text.contains("- 30 March 2026: our final notice about R-2\n") || demand.text.contains("- 30 March 2026: our final notice about R-2 ("))
    }

    /// A balance made only of an early-payment discount taken too late is asked for and
    /// explained by reminder and follow-ups, but never taken to a final notice or a formal
    /// demand (which would threaten court over 30.00): the agenda asks the user to decide. Work
    /// unpaid beside it is chased to the end as usual.
    @Test func aMissedDiscountAloneIsNotTakenToAFinalNoticeOrDemand() throws {
        let base = """
            2026-01-05 invoice acme D-1
              terms 2/10 net 30
              total 1,500.00
            2026-01-20 payment acme 1,470.00
              apply D-1
            2026-02-08 letter acme reminder
              invoices D-1
            2026-02-22 letter acme follow-up
              invoices D-1

            """
        let followUp = try #require(draft(base, asOf: "2026-03-08"))
        #expect(followUp.choice.stage == .followUp)
        #expect(followUp.values["discount.missed"]?.hasPrefix("Invoice D-1 offered 2% off for payment within 10 days") == true)
        let three = base + "2026-03-08 letter acme follow-up\n  invoices D-1\n"
        #expect(draft(three, asOf: "2026-03-22") == nil)
        let r = load("settings\n  currency GBP\nclient acme Acme Ltd\n" + three)
        let day = Day.parse("2026-03-22")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.discountsOnly)
        #expect(choice.reason == "only early-payment discounts missed are open on D-1, asked for in 3 letters since 2026-02-08; no final notice goes for them")
        let agenda = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day)
        #expect(agenda.items.map(\.action) == ["decide about the 30.00 GBP still open of early-payment discounts missed: write it off, or take it up with them yourself"])
        // A final notice that went already is not followed by a demand.
        let final = three + "2026-03-22 letter acme final\n  invoices D-1\n"
        #expect(draft(final, asOf: "2026-04-06") == nil)
        // Unpaid work beside the discount is chased to the demand.
        let unpaid = final.replacingOccurrences(of: "2026-01-20 payment", with: "2026-01-06 invoice acme D-2\n  total 200.00\n2026-01-20 payment")
            .replacingOccurrences(of: "invoices D-1", with: "invoices D-1 D-2")
        #expect(draft(unpaid, asOf: "2026-04-06")?.choice.stage == .demand)
        // Answered letters climb by their count, but the sixth does not promise a final notice.
        var answered = base.replacingOccurrences(of: "2026-02-22 letter acme follow-up\n  invoices D-1\n", with: "")
        for (sent, call) in [("2026-02-08", "2026-02-10"), ("2026-02-26", "2026-02-28"), ("2026-03-16", "2026-03-18"), ("2026-04-03", "2026-04-05"), ("2026-04-21", "2026-04-23")] {
            if sent != "2026-02-08" { answered += "\(sent) letter acme follow-up\n  invoices D-1\n" }
            answered += "\(call) note acme call\n"
        }
        let sixth = try #require(draft(answered, asOf: "2026-05-09"))
        #expect(sixth.choice.stage == .followUp)
        #expect(sixth.values["follow-up.note"] == "This is my sixth letter about this, counting from my letter of 8 February 2026; thank you for your replies, but no payment towards invoice D-1 has come in that time.")
    }

    /// Beside unpaid work its letters asked for with them, early-payment discounts missed go
    /// into no final notice: the one those letters bring is about the work alone, and on the
    /// days before it the agenda asks the user to decide about the discounts and calls only
    /// the work overdue. Before, on 22 March, a final notice asking for 230.00 GBP, threatening
    /// a demand (and its compensation) over the 30.00 GBP discount too.
    @Test func missedDiscountsAskedForWithWorkAreLeftOutOfItsFinalNotice() throws {
        let base = """
            2026-01-05 invoice acme D-1
              terms 2/10 net 30
              total 1,500.00
            2026-01-06 invoice acme D-2
              total 200.00
            2026-01-20 payment acme 1,470.00
              apply D-1
            2026-02-08 letter acme reminder
              invoices D-1 D-2
            2026-02-22 letter acme follow-up
              invoices D-1 D-2
            2026-03-08 letter acme follow-up
              invoices D-1 D-2

            """
        let r = load("settings\n  currency GBP\nclient acme Acme Ltd\n  terms net 30\n" + base)
        let day = Day.parse("2026-03-20")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let story = try #require(ClientStory.all(r.ledger, sheet: sheet).first)
        let choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
        #expect(choice.stage == nil && choice.discountsAside?.invoices.map { r.ledger.invoices[$0].number } == ["D-1"])
        #expect(choice.reason == "last letter 2026-03-08; next final notice from 2026-03-22")
        let agenda = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day)
        #expect(agenda.items.map(\.action) == ["call them: gone quiet", "decide about the 30.00 GBP still open of early-payment discounts missed: write it off, or take it up with them yourself"])
        #expect(agenda.items.first?.why.contains("while 200.00 GBP is overdue") == true, "\(agenda.items.map(\.why))")
        let final = try #require(draft(base, asOf: "2026-03-22"))
        #expect(final.choice.stage == .final)
        #expect(final.values["total"] == "200.00 GBP")
        #expect(final.text.contains("| D-1 | 5 January 2026 | 1,500.00 | 1,470.00 | 30.00 | discount missed, not asked for |"), "\(final.text)")
    }

    /// Beside unpaid work no letter has asked for yet, early-payment discounts missed that have
    /// had their reminder and follow-ups do not become the subject of a final notice (nor, after
    /// one, of a formal demand) with the work asked for apart: the work goes down its own ladder
    /// from the reminder, its table marks the shortfalls as not asked for, and the agenda asks
    /// the user to decide about them beside the letter.
    @Test func missedDiscountsBesideNewWorkAreNotThreatenedOverAlone() throws {
        let base = """
            2026-01-05 invoice acme D-1
              terms 2/10 net 30
              total 1,500.00
            2026-01-20 payment acme 1,470.00
              apply D-1
            2026-02-08 letter acme reminder
              invoices D-1
            2026-02-10 invoice acme D-3
              total 600.00
            2026-02-22 letter acme follow-up
              invoices D-1
            2026-03-08 letter acme follow-up
              invoices D-1

            """
        let reminder = try #require(draft(base, asOf: "2026-03-22"))
        #expect(reminder.choice.stage == .reminder)
        #expect(reminder.values["invoices.list"] == "D-3")
        #expect(reminder.values["total"] == "600.00 GBP")
        #expect(reminder.text.contains("| D-1 | 5 January 2026 | 1,500.00 | 1,470.00 | 30.00 | discount missed, not asked for |"))
        #expect(reminder.text.contains("| Discounts missed, not asked for | | | | 30.00 GBP | |"))
        let r = load("settings\n  currency GBP\nclient acme Acme Ltd\n  terms net 30\n" + base)
        let day = Day.parse("2026-03-22")!
        let sheet = BalanceEngine.balances(r.ledger, asOf: day)
        let agenda = Agenda.build(ledger: r.ledger, sheet: sheet, asOf: day)
        #expect(agenda.items.map(\.action) == ["send a reminder (600.00 GBP)", "decide about the 30.00 GBP still open of early-payment discounts missed: write it off, or take it up with them yourself"])
        #expect(agenda.items.last?.why == "only early-payment discounts missed are open on D-1, asked for in 3 letters since 2026-02-08; no final notice goes for them")
        // The reminder's letters are the work's own: the next is a follow-up about it alone.
        let followUp = try #require(draft(base + "2026-03-22 letter acme reminder\n  invoices D-3\n", asOf: "2026-04-05"))
        #expect(followUp.choice.stage == .followUp)
        #expect(followUp.values["invoices.list"] == "D-3")
        // A final notice that went about the shortfall alone, the work asked for apart, is
        // followed by no formal demand: the work gets its follow-up, the notice having asked
        // for it already (7.2).
        let afterFinal = try #require(draft(base + "2026-03-22 letter acme final\n  invoices D-1\n", asOf: "2026-04-06"))
        #expect(afterFinal.choice.stage == .followUp)
        #expect(afterFinal.values["invoices.list"] == "D-3")
    }

    /// A credit note shared between two invoices names each share: the one it settled has left
    /// the table, and the client must see where the money went.
    @Test func aCreditNoteSharedBetweenInvoicesNamesEachShare() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme H-1
              total 1,250.00
            2026-02-20 invoice acme H-2
              total 400.00
            2026-02-09 letter acme reminder
              invoices H-1
            2026-03-12 credit acme 500.00
              number CN-41
              apply H-2 500.00

            """, asOf: "2026-03-23"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["credits"] == "Credit note CN-41 for 500.00 GBP, dated 12 March 2026, has been applied: 400.00 GBP to invoice H-2 and 100.00 GBP to invoice H-1.")
        #expect(d.values["total"] == "1,150.00 GBP")
    }

    /// A plan's last instalment arrives with the payment of other work our last letter asked
    /// for: the thank-you still says the plan is complete.
    @Test func aPlanCompletedAfterALetterAboutOtherWorkIsThankedFor() throws {
        let base = """
            2026-01-05 invoice acme M-1
              total 900.00
            2026-02-20 plan acme 900.00
              for M-1
              2026-03-01 300.00
              2026-04-01 300.00
              2026-05-01 300.00
            2026-03-01 payment acme 300.00
              apply M-1
            2026-04-01 payment acme 300.00
              apply M-1
            2026-04-01 invoice acme M-2
              total 200.00
            2026-05-06 letter acme reminder
              invoices M-2
            2026-05-08 payment acme 300.00
              apply M-1
            2026-05-08 payment acme 200.00
              apply M-2

            """
        let d = try #require(draft(base, asOf: "2026-05-09"))
        #expect(d.choice.stage == .thanks)
        // The last instalment was behind when the reminder of 6 May went, which asked for it:
        // the plan was seen through, not kept to.
        #expect(d.values["settlement"]?.contains("That completes the payment plan we agreed on 20 February 2026, with the instalment due on 1 May 2026 made up on 8 May 2026: thank you for seeing it through.") == true)
        // A plan paid off before the letter is not thanked for again.
        let earlier = base.replacingOccurrences(of: "2026-05-08 payment acme 300.00", with: "2026-04-20 payment acme 300.00")
        let e = try #require(draft(earlier, asOf: "2026-05-09"))
        #expect(e.values["settlement"]?.contains("payment plan") == false)
    }

    /// An instalment reminder whose table shows past-due work outside the plan asks for it in so
    /// many words, and says which listed invoices are not yet due.
    @Test func anInstalmentReminderNamesPastDueWorkOutsideThePlan() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme M-1
              total 900.00
            2026-02-20 plan acme 900.00
              for M-1
              2026-03-01 300.00
              2026-04-01 300.00
              2026-05-01 300.00
            2026-03-01 payment acme 300.00
              apply M-1
            2026-03-08 invoice acme M-2
              total 650.00
            2026-03-10 invoice acme M-3
              total 120.00

            """, asOf: "2026-04-08"))
        #expect(d.choice.stage == .instalment)
        #expect(d.values["plan.outside"] == "Invoice M-2 (650.00 GBP, due 7 April 2026), which is not part of the plan, is past due as well; please pay it by 20 April 2026.")
        #expect(d.values["not-yet-due"] == "Invoice M-3 (120.00 GBP, due 9 April 2026) is listed for completeness only: it is not yet due, and it is not part of what I am asking for now.")
        #expect(d.text.contains("which is not part of the plan"))
        #expect(d.text.contains("Please send the instalment by ") && !d.text.contains("Please send it by "))
    }

    /// Work outside the plan that a final notice or a formal demand was about is not given a
    /// new date: that letter still stands, with its date while the date is still to come.
    @Test func anInstalmentReminderLetsAFinalNoticeOrDemandAboutOtherWorkStand() throws {
        let ladder = """
            2026-01-05 invoice acme M-2
              total 650.00
            2026-02-01 invoice acme M-1
              total 900.00
            2026-02-08 letter acme reminder
              invoices M-2
            2026-02-22 letter acme follow-up
              invoices M-2
            2026-03-08 letter acme follow-up
              invoices M-2
            2026-03-10 plan acme 900.00
              for M-1
              2026-04-08 450.00
              2026-05-08 450.00
            2026-04-06 letter acme final
              invoices M-2

            """
        let f = try #require(draft(ladder, asOf: "2026-04-13"))
        #expect(f.choice.stage == .instalment)
        #expect(f.values["plan.outside"] == "Invoice M-2 (650.00 GBP, due 4 February 2026), which is not part of the plan, is past due as well, and my final notice of 6 April 2026 about it still stands: please pay it by 16 April 2026, the date it gave.")
        let demanded = ladder + """
            2026-04-24 letter acme demand
              invoices M-2
            2026-05-08 invoice acme M-3
              total 120.00

            """
        let d = try #require(draft(demanded, asOf: "2026-06-09"))
        #expect(d.choice.stage == .instalment)
        // Work no letter asked for yet is asked for by this letter's date, beside it.
        #expect(d.values["plan.outside"] == "Invoice M-2 (650.00 GBP, due 4 February 2026), which is not part of the plan, is past due as well, and my formal demand of 24 April 2026 about it still stands. Invoice M-3 (120.00 GBP, due 7 June 2026), which is not part of the plan, is past due as well; please pay it by \(d.values["reply.by"] ?? "").")
        #expect(!d.text.contains("M-2 (650.00 GBP, due 4 February 2026), which is not part of the plan, is past due as well; please pay it by"))
        // Once M-3 is as late as a reminder waits, the ladder goes on for it beside the demand,
        // and its reminder asks for the missed instalment too, as it would without a demand.
        let m = try #require(draft(demanded, asOf: "2026-06-12"))
        #expect(m.choice.stage == .reminder)
        #expect(m.values["invoices.list"] == "M-3")
        // The demand about M-2 does not hold back M-1, whose plan has run out: the next letter
        // about it will be about the invoice itself.
        #expect(m.values["on.hold"] == "Invoice M-1 is covered by our payment plan. The instalments due on 8 April 2026 and 8 May 2026 have not reached us: 900.00 GBP in all. That was the end of the plan's schedule: if they do not arrive, my next letter will be about the invoice itself. Please send those instalments with the 120.00 GBP asked for here. My formal demand of 24 April 2026 about invoice M-2 still stands; this letter is about invoice M-3 alone.")
        #expect(m.values["total.asked"] == "120.00 GBP and the 900.00 GBP of those instalments (1,020.00 GBP in all)")
    }

    /// Work outside the plan a reminder or follow-up asked for: the date that letter gave stands
    /// while it is still to come; once it has passed, the letter is cited and a new date given.
    @Test func anInstalmentReminderCitesTheFollowUpAboutOtherWork() throws {
        let base = """
            2026-01-05 invoice acme M-2
              total 650.00
            2026-02-01 invoice acme M-1
              total 900.00
            2026-03-10 plan acme 900.00
              for M-1
              2026-04-08 450.00
              2026-05-08 450.00
            2026-03-20 letter acme reminder
              invoices M-2
            2026-04-06 letter acme follow-up
              invoices M-2

            """
        let ahead = try #require(draft(base, asOf: "2026-04-13"))
        #expect(ahead.choice.stage == .instalment)
        #expect(ahead.values["plan.outside"] == "Invoice M-2 (650.00 GBP, due 4 February 2026), which is not part of the plan, is past due as well; my letter of 6 April 2026 asked you to tell me by 16 April 2026 when you would pay it.")
        let passed = try #require(draft(base.replacingOccurrences(of: "2026-04-08 450.00", with: "2026-04-12 450.00"), asOf: "2026-04-18"))
        #expect(passed.choice.stage == .instalment)
        #expect(passed.values["plan.outside"] == "Invoice M-2 (650.00 GBP, due 4 February 2026), which is not part of the plan, is past due as well, and I wrote to you about it on 6 April 2026; please pay it by 28 April 2026.")
    }

    @Test func aLongOverdueInvoiceCountsItsDaysWithASeparator() throws {
        let d = try #require(draft("""
            2020-03-01 invoice acme V-1
              total 500.00
            2026-02-08 letter acme reminder
              invoices V-1

            """, asOf: "2026-02-24"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["again"] == "Following my letter of 8 February 2026, invoice V-1 still shows 500.00 GBP open, now 2,156 days past its due date.")
        #expect(d.choice.reason.hasPrefix("V-1 is 2,156 days past due"))
        // The table counts them alike.
        #expect(d.text.contains("| 500.00 | 2,156 |"))
    }
}

/// What a follow-up says of the letters before it: the final notice it leads to, and the
/// replies it thanks for.
@Suite struct FollowUpNoteTests {
    /// Left unanswered like the two before it, this follow-up makes the next letter a final
    /// notice (`final-after` 3): it says so, as a warning the client can act on.
    @Test func aFollowUpSaysTheNextLetterWillBeAFinalNoticeWhenSilenceWouldMakeItOne() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme O-1
              total 2,400.00
            2026-02-09 letter acme reminder
              invoices O-1
            2026-02-11 note acme call
            2026-02-25 letter acme follow-up
              invoices O-1
            2026-03-11 letter acme follow-up
              invoices O-1

            """, asOf: "2026-03-25"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.note"]?.hasSuffix("I have not heard from you since our call of 11 February 2026. If I hear nothing and no payment comes, my next letter will be a final notice.") == true, "\(d.values["follow-up.note"] ?? "")")
        // And it does: recorded, and left unanswered, the next letter is the final notice.
        let next = try #require(draft("""
            2026-01-05 invoice acme O-1
              total 2,400.00
            2026-02-09 letter acme reminder
              invoices O-1
            2026-02-11 note acme call
            2026-02-25 letter acme follow-up
              invoices O-1
            2026-03-11 letter acme follow-up
              invoices O-1
            2026-03-25 letter acme follow-up
              invoices O-1

            """, asOf: "2026-04-08"))
        #expect(next.choice.stage == .final)
    }

    /// A payment for other work since the letters is thanked for once, as a payment: the count
    /// of letters does not thank the client for "replies" they never made.
    @Test func aPaymentForOtherWorkIsNotThankedForAsReplies() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme D-1
              total 1,000.00
            2026-01-12 invoice acme D-2
              total 500.00
            2026-02-09 letter acme reminder
              invoices D-1
            2026-02-23 letter acme follow-up
              invoices D-1 D-2
            2026-03-09 letter acme follow-up
              invoices D-1 D-2
            2026-03-10 payment acme 500.00
              apply D-2

            """, asOf: "2026-03-24"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.note"] == "This is my fourth letter about this, counting from my letter of 9 February 2026, and no payment towards invoice D-1 has come in that time.")
        #expect(!d.text.contains("thank you for your replies"))
    }

    /// The count follows the money still unpaid: a payment towards one of the chased invoices,
    /// or a new one falling due and joining the chase, does not start it again for the rest.
    /// A client told of a fifth letter is told of a sixth about X-1 a fortnight later, and of a
    /// seventh after that, counting from the same letter, not of a first or second counting
    /// from the payment.
    @Test func theLetterCountGoesOnForTheInvoiceUnpaidWhenTheChasedInvoicesChange() throws {
        var ledger = """
            2026-01-05 invoice acme X-1
              total 3,600.00
            2026-01-05 invoice acme X-2
              total 500.00
            2026-04-01 invoice acme X-3
              total 800.00
            2026-04-20 payment acme 100.00
              apply X-3

            """
        for (letter, call) in [("2026-02-09 letter acme reminder", "2026-02-11"), ("2026-02-25 letter acme follow-up", "2026-02-27"),
                               ("2026-03-13 letter acme follow-up", "2026-03-15"), ("2026-03-29 letter acme follow-up", "2026-03-31")] {
            ledger += "\(letter)\n  invoices X-1 X-2\n\(call) note acme call\n  said checking with finance\n"
        }
        let before = try #require(draft(ledger, asOf: "2026-04-14"))
        #expect(before.choice.stage == .followUp)
        #expect(before.values["follow-up.note"] == "This is my fifth letter about this, counting from my letter of 9 February 2026; thank you for your replies, but no payment towards invoices X-1 and X-2 has come in that time.")
        // Sent; then part of X-2 is paid.
        ledger += "2026-04-14 letter acme follow-up\n  invoices X-1 X-2\n2026-04-16 payment acme 200.00\n  apply X-2\n2026-04-17 note acme call\n  said rest soon\n"
        let after = try #require(draft(ledger, asOf: "2026-05-01"))
        #expect(after.choice.stage == .followUp)
        #expect(after.values["follow-up.note"] == "This is my sixth letter about invoice X-1, counting from my letter of 9 February 2026; thank you for your replies, but no payment towards it has come in that time.")
        // Sent; then X-3, part paid before it fell due, joins the chase.
        ledger += "2026-05-01 letter acme follow-up\n  invoices X-1 X-2\n2026-05-04 note acme call\n  said next week\n"
        let joined = try #require(draft(ledger, asOf: "2026-05-18"))
        #expect(joined.choice.stage == .followUp)
        #expect(joined.choice.chased.count == 3)
        #expect(joined.values["follow-up.note"] == "This is my seventh letter about invoice X-1, counting from my letter of 9 February 2026; thank you for your replies, but no payment towards it has come in that time.")
    }
}

/// A final notice comes only after a follow-up that said one would follow if no payment came.
/// Paying off one of two chased invoices ends the chase of it, but not the money it was:
/// the letters were counted from money towards it, and the count does not jump back past it.
@Suite struct AnnouncedFinalNoticeTests {
    @Test func payingOffOneChasedInvoiceDoesNotBringAnUnannouncedFinalNotice() throws {
        var ledger = """
            2026-01-01 invoice acme A-1
              total 1,000.00
            2026-01-01 invoice acme B-1
              total 500.00

            """
        func sent(_ day: String, _ stage: String) {
            let call = Day.parse(day)!.adding(days: 2)
            ledger += "\(day) letter acme \(stage)\n  invoices A-1 B-1\n\(call) note acme call\n  said looking into it\n"
        }
        sent("2026-02-03", "reminder")
        for day in ["2026-02-19", "2026-03-07", "2026-03-23"] { sent(day, "follow-up") }
        ledger += "2026-04-08 payment acme 100.00\n  apply B-1 100.00\n"
        for day in ["2026-04-22", "2026-05-08", "2026-05-24"] { sent(day, "follow-up") }
        // The follow-up of 24 May counted two letters since the payment towards B-1: it did not
        // say a final notice would come next.
        ledger += "2026-05-25 payment acme 400.00\n  apply B-1\n"
        let after = try #require(draft(ledger, asOf: "2026-06-09"))
        #expect(after.choice.stage == .followUp)
        #expect(after.choice.unpaidLetters == 0)
        #expect(!after.text.contains("final notice"))
        for day in ["2026-06-09", "2026-06-25", "2026-07-11", "2026-07-27"] { sent(day, "follow-up") }
        let quiet = try #require(draft(ledger, asOf: "2026-08-12"))
        #expect(quiet.choice.stage == .followUp)
        #expect(!quiet.text.contains("final notice"))
        sent("2026-08-12", "follow-up")
        let warning = try #require(draft(ledger, asOf: "2026-08-28"))
        #expect(warning.choice.stage == .followUp)
        #expect(warning.values["follow-up.note"]?.hasSuffix("If no payment comes, my next letter will be a final notice.") == true)
        sent("2026-08-28", "follow-up")
        let final = try #require(draft(ledger, asOf: "2026-09-13"))
        #expect(final.choice.stage == .final)
        #expect(final.choice.reason.hasPrefix("6 letters since 2026-06-09 answered, but nothing paid"))
    }
}

/// A final notice restated after the client answered says only payment holds the demand back:
/// another call with nothing paid does not bring a third final notice.
@Suite struct RestatedFinalTests {
    @Test func aCallAfterARestatedFinalDoesNotHoldTheDemandBack() throws {
        let base = """
            2026-01-05 invoice acme F-1
              total 2,400.00
            2026-01-15 invoice acme F-2
              total 800.00
            2026-02-07 letter acme reminder
              invoices F-1
            2026-02-21 letter acme follow-up
              invoices F-1 F-2
            2026-03-07 letter acme follow-up
              invoices F-1 F-2
            2026-03-21 letter acme final
              invoices F-1 F-2
            2026-03-25 note acme call

            """
        let restated = try #require(draft(base, asOf: "2026-04-08"))
        #expect(restated.choice.stage == .final)
        #expect(restated.text.contains("If it has not reached us by then, I will send a formal demand"))
        let after = base + "2026-04-08 letter acme final\n  invoices F-1 F-2\n2026-04-12 note acme call\n"
        // The restatement's date (18 April, a Saturday) moves to Monday 20 April.
        #expect(draft(after, asOf: "2026-04-20") == nil)
        let demand = try #require(draft(after, asOf: "2026-04-21"))
        #expect(demand.choice.stage == .demand)
        #expect(demand.values["total"] == "3,200.00 GBP")
    }
}

/// A write-off without `waived` is the user's own loss (3.8): the books count it as gone, but
/// the client was never told, so a letter still asks for it, and money the client sends for it
/// without naming the invoice pays it back rather than sitting on account.
@Suite struct LossInLettersTests {
    let base = """
        2026-01-05 invoice acme D-1
          for Wetsuit shoot
          total 1000.00
        2026-02-09 letter acme reminder
          invoices D-1
        2026-02-20 writeoff acme D-1 300.00
          reason Unlikely to recover in full

        """

    @Test func aFollowUpAsksForThePartWrittenOffAsALoss() throws {
        let d = try #require(draft(base, asOf: "2026-02-23"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["total"] == "1,000.00 GBP")
        #expect(d.text.contains("**Following up: 1,000.00 GBP past due**"))
        // The loss changed nothing the letter asked for: the figure "still" stands.
        #expect(d.values["again"] == "Following my letter of 9 February 2026, invoice D-1 still shows 1,000.00 GBP open, now 19 days past its due date.")
        // No Credited column: nothing was credited, waived or discounted.
        #expect(d.text.contains("| Invoice | Date | For | Amount | Paid | Open | Days past due |"))
        #expect(d.text.contains("| D-1 | 5 January 2026 | Wetsuit shoot | 1,000.00 | 0.00 | 1,000.00 | 19 |"))
        #expect(!d.text.contains("Credited") && !d.text.contains("300.00") && !d.text.contains("700.00"))
        #expect(d.values["writeoffs"] == nil)
    }

    @Test func aSumWaivedIsStillCreditedAndNamed() throws {
        let d = try #require(draft(base + "  waived\n", asOf: "2026-02-23"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["total"] == "700.00 GBP")
        #expect(d.text.contains("| D-1 | 5 January 2026 | Wetsuit shoot | 1,000.00 | 0.00 | 300.00 | 700.00 | 19 |"))
        #expect(d.values["writeoffs"] == "We have waived 300.00 GBP of invoice D-1, so that sum is not part of what we ask.")
    }

    /// The client pays what the letter asked for without naming the invoice: the books had
    /// 700.00 open, and the other 300.00 pays back the loss, not money on account.
    @Test func aPaymentNamingNoInvoicePaysBackTheLoss() throws {
        let d = try #require(draft(base + "2026-02-25 payment acme 1000.00\n", asOf: "2026-02-27"))
        #expect(d.choice.stage == .thanks)
        #expect(d.text.contains("Your payment of 1,000.00 GBP on 25 February 2026 (invoice D-1) has arrived, and your account with us is now fully settled."))
        #expect(!d.text.contains("on account") && !d.text.contains("waived"))
    }

    /// Paid what the books had open, the invoice is closed with the loss standing: the user gave
    /// that part up when writing it off, so no letter chases it, and none calls it settled.
    @Test func payingWhatTheBooksHadOpenEndsTheChaseWithoutThanks() throws {
        let ledger = base + "2026-02-25 payment acme 700.00\n  apply D-1\n"
        #expect(draft(ledger, asOf: "2026-02-27") == nil)
        #expect(draft(ledger, asOf: "2026-03-20") == nil)
    }

    /// Part paid after the loss: the letter asks for the rest and the loss, thanking for the payment.
    @Test func aPartPaymentAfterTheLossLeavesBothAskedFor() throws {
        let d = try #require(draft(base + "2026-02-25 payment acme 400.00\n  apply D-1\n", asOf: "2026-03-12"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["total"] == "600.00 GBP")
        #expect(d.text.contains("Thank you for your payment of 400.00 GBP on 25 February 2026 (towards invoice D-1)."))
        #expect(d.text.contains("| D-1 | 5 January 2026 | Wetsuit shoot | 1,000.00 | 400.00 | 600.00 | 36 |"))
    }

    @Test func aDemandClaimsInterestOnTheLossToo() throws {
        let d = try #require(draft(base.replacingOccurrences(of: "  total 1000.00", with: "  total 1000.00\n  interest 10%") + """
            2026-02-23 letter acme follow-up
              invoices D-1
            2026-03-09 letter acme follow-up
              invoices D-1
            2026-03-23 letter acme final
              invoices D-1

            """, asOf: "2026-04-20"))
        #expect(d.choice.stage == .demand)
        // 1,000.00 × 10% × 75 / 365, the loss bearing interest like the rest.
        #expect(d.text.contains("a formal demand for payment of 1,020.55 GBP, that is, 1,000.00 GBP open on invoice D-1 and 20.55 GBP of interest"))
        #expect(!d.text.contains("waived") && !d.text.contains("written off"))
    }

    @Test func anInvoiceWrittenOffInFullAsALossStaysOutOfLetters() throws {
        let full = base.replacingOccurrences(of: "writeoff acme D-1 300.00", with: "writeoff acme D-1")
        #expect(draft(full, asOf: "2026-02-23") == nil)
        #expect(draft(full, asOf: "2026-03-20") == nil)
        // Part lost, then the rest: given up too.
        #expect(draft(base + "2026-02-21 writeoff acme D-1\n", asOf: "2026-03-20") == nil)
    }
}

/// Letters beside a payment plan: which contact they thank for, and which instalment a
/// payment met.
@Suite struct PlanLetterTruthTests {
    /// A call that answered a letter about two invoices, one of which a plan then took up, is
    /// thanked for in the next letter about the other: the plan answered only for its own.
    @Test func aCallIsThankedForBesideAPlanForOtherWork() throws {
        let base = """
            2026-01-05 invoice acme N-1
              total 1000.00
            2026-01-10 invoice acme N-2
              total 2000.00
            2026-02-08 letter acme reminder
              invoices N-1
            2026-02-22 letter acme follow-up
              invoices N-1 N-2
            2026-02-28 note acme call
              said Can pay N-2 in four parts
            2026-03-01 plan acme 2,000.00
              for N-2
              2026-03-20 500.00
              2026-04-20 500.00
              2026-05-20 500.00
              2026-06-20 500.00

            """
        let d = try #require(draft(base, asOf: "2026-03-14"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["last.contact"] == "Thank you for taking the time to talk on 28 February 2026.")
        #expect(d.text.contains("Thank you for taking the time to talk on 28 February 2026.\nFollowing my letter of 22 February 2026"))
        // A letter about the plan's invoice alone: the plan was the reply to the call.
        let alone = try #require(draft(base + "2026-03-02 payment acme 1000.00\n  apply N-1\n", asOf: "2026-03-30"))
        #expect(alone.choice.stage == .instalment)
        #expect(alone.values["last.contact"] == nil)
    }

    /// A payment a few days after an instalment's date, with an earlier instalment missed,
    /// made up that earlier one (payments meet instalments in order, 3.10): the letter says so,
    /// and the table marks when, rather than thank for it and call the later one missed beside
    /// a table that shows it paid all along.
    @Test func aLatePaymentThatMadeUpAMissedInstalmentIsExplained() throws {
        let base = """
            2026-01-10 invoice acme N-2
              total 2000.00
            2026-03-01 plan acme 2,000.00
              for N-2
              2026-03-20 500.00
              2026-04-20 500.00
              2026-05-20 500.00
              2026-06-20 500.00
            2026-03-20 payment acme 500.00
              apply N-2
            2026-04-24 letter acme instalment
              invoices N-2
            2026-05-22 payment acme 500.00
              apply N-2

            """
        let d = try #require(draft(base, asOf: "2026-05-26"))
        #expect(d.choice.stage == .instalment)
        #expect(d.values["plan.next"] == "Thank you for your payment of 500.00 GBP on 22 May 2026: it made up the instalment due on 20 April 2026, which had not reached us. The instalment of 500.00 GBP that was due on 20 May 2026 has not reached us yet.")
        #expect(d.values["payments.received"] == nil)
        #expect(d.text.contains("| 2 | 20 April 2026 | 500.00 GBP | paid on 22 May 2026 |"))
        #expect(d.text.contains("| 3 | 20 May 2026 | 500.00 GBP | not received |"))
        #expect(!d.text.contains("(towards invoice N-2)"))
    }

    /// A payment that made up one of several missed instalments is explained as for one
    /// missed, and the table marks when it was paid, rather than show it "paid" all along
    /// beside a sentence that thanks for the payment and names only the later ones.
    @Test func aPaymentThatMadeUpOneOfSeveralMissedInstalmentsIsExplained() throws {
        func base(_ paid: String) -> String {
            """
            2026-01-10 invoice acme N-2
              total 2000.00
            2026-03-01 plan acme 2,000.00
              for N-2
              2026-03-20 500.00
              2026-04-20 500.00
              2026-05-20 500.00
              2026-06-20 500.00
            2026-03-31 letter acme instalment
              invoices N-2
            2026-05-22 payment acme \(paid)
              apply N-2

            """
        }
        let d = try #require(draft(base("500.00"), asOf: "2026-05-26"))
        #expect(d.choice.stage == .instalment)
        #expect(d.values["plan.next"] == "Thank you for your payment of 500.00 GBP on 22 May 2026: it made up the instalment due on 20 March 2026, which had not reached us. The instalments due on 20 April 2026 and 20 May 2026 have not reached us: 1,000.00 GBP in all.")
        #expect(d.values["payments.received"] == nil)
        #expect(d.text.contains("| 1 | 20 March 2026 | 500.00 GBP | paid on 22 May 2026 |"))
        #expect(d.text.contains("| 2 | 20 April 2026 | 500.00 GBP | not received |"))
        // Part of it went on to the first of those still missed: said, as for one missed.
        let more = try #require(draft(base("700.00"), asOf: "2026-05-26"))
        #expect(more.values["plan.next"] == "Thank you for your payment of 700.00 GBP on 22 May 2026: it made up the instalment due on 20 March 2026, which had not reached us, and 200.00 GBP went towards the instalment of 500.00 GBP that was due on 20 April 2026. The instalments due on 20 April 2026 and 20 May 2026 are not yet paid in full: 800.00 GBP of them is still to come.")
        #expect(more.text.contains("| 1 | 20 March 2026 | 500.00 GBP | paid on 22 May 2026 |"))
        #expect(more.text.contains("| 2 | 20 April 2026 | 500.00 GBP | 200.00 GBP received, 300.00 GBP still open |"))
        // Told once: the reminder after the one that told of it still marks the table.
        // (The client rang after it, so the plan runs on past its last date, 3.10.)
        let later = try #require(draft(base("500.00") + """
            2026-05-26 letter acme instalment
              invoices N-2
            2026-05-28 note acme call

            """, asOf: "2026-06-25"))
        #expect(later.values["plan.next"]?.hasPrefix("The instalments due on 20 April 2026, 20 May 2026 and 20 June 2026 have not reached us: 1,500.00 GBP in all.") == true)
        #expect(later.text.contains("| 1 | 20 March 2026 | 500.00 GBP | paid on 22 May 2026 |"))
    }

    /// An instalment the client paid only part of, the rest met by a credit note, is not
    /// "paid": the table and the sentence say what was received and what the credit note met.
    @Test func anInstalmentPartMetByACreditNoteIsNotCalledPaid() throws {
        let d = try #require(draft("""
            2026-01-12 invoice acme O-1
              total 1500.00
            2026-01-26 invoice acme O-2
              total 900.00
            2026-03-05 plan acme 2,400.00
              2026-03-31 800.00
              2026-04-30 800.00
              2026-05-29 800.00
            2026-03-31 payment acme 800.00
            2026-04-30 payment acme 700.00
            2026-05-15 credit acme 450.00
              number CN-12

            """, asOf: "2026-06-03"))
        #expect(d.choice.stage == .instalment)
        #expect(d.text.contains("| 1 | 31 March 2026 | 800.00 GBP | paid |"))
        #expect(d.text.contains("| 2 | 30 April 2026 | 800.00 GBP | 700.00 GBP received, 100.00 GBP met by credit note CN-12 |"))
        #expect(d.text.contains("| 3 | 29 May 2026 | 800.00 GBP | 350.00 GBP met by credit note CN-12, 450.00 GBP still open |"))
        #expect(d.values["plan.next"]?.hasPrefix("Of the instalment of 800.00 GBP that was due on 29 May 2026, 350.00 GBP is met by credit note CN-12; 450.00 GBP of it is still to come.") == true)
        #expect(!d.text.contains("counted towards it"))
    }

    /// An instalment not yet due, part of it met by a credit note: the note before its date
    /// says the credit note met that part, not that it "has already reached us", and says
    /// what the client paid of it apart.
    @Test func anInstalmentNotYetDuePartMetByACreditNoteIsNotSaidToHaveReachedUs() throws {
        func note(paid: String) throws -> (choice: StageChoice, values: [String: String], text: String) {
            try #require(draft("""
                2026-01-05 invoice acme K-1
                  total 900.00
                2026-03-02 plan acme 900.00
                  for K-1
                  2026-03-31 300.00
                  2026-04-30 300.00
                  2026-05-29 300.00
                2026-03-30 payment acme \(paid)
                  apply K-1
                2026-04-10 credit acme 100.00
                  number CN-1
                  apply K-1

                """, asOf: "2026-04-27", settings: ["courtesy on"]))
        }
        let credited = try note(paid: "300.00")
        #expect(credited.choice.stage == .instalment)
        #expect(credited.values["plan.next"] == "Of the next instalment, 300.00 GBP due on 30 April 2026, 100.00 GBP is met by credit note CN-1; 200.00 GBP is still to come.")
        #expect(!credited.text.contains("has already reached us"))
        let both = try note(paid: "350.00")
        #expect(both.values["plan.next"] == "Of the next instalment, 300.00 GBP due on 30 April 2026, 50.00 GBP has already reached us and 100.00 GBP is met by credit note CN-1; 150.00 GBP is still to come.")
    }

    /// A query on one of a plan's two invoices, nothing missed: the acknowledgement says what of
    /// the plan now waits with the query (the last 600.00 GBP of the schedule, money in query
    /// waiting at its end) and what still falls due, not only the table.
    @Test func aDisputeOnOneOfAPlansInvoicesSaysWhatOfThePlanIsOnHold() throws {
        func ack(_ plan: String, asOf: String = "2027-01-10") throws -> (choice: StageChoice, values: [String: String], text: String) {
            try #require(draft("""
                2026-11-02 invoice acme I-1
                  total 3,600.00
                2026-11-05 invoice acme I-2
                  total 600.00
                2026-11-20 plan acme 4,200.00
                  for I-1 I-2
                \(plan)
                2026-12-15 letter acme instalment
                  invoices I-1 I-2
                2026-12-17 payment acme 1,400.00
                2027-01-10 note acme email
                  dispute I-2 Wrong colour

                """, asOf: asOf))
        }
        let d = try ack("  2026-12-18 1,400.00\n  2027-01-18 1,400.00\n  2027-02-18 1,400.00")
        #expect(d.choice.stage == .dispute)
        #expect(d.values["on.hold"] == "Invoices I-1 and I-2 are covered by our payment plan. The next instalment, 1,400.00 GBP, falls due on 18 January 2027. While we look into the query about invoice I-2, 600.00 GBP of the plan's last instalment, 1,400.00 GBP due on 18 February 2027, is on hold too; the other 800.00 GBP of it falls due on that date as agreed.")
        // The query holds back more than the last instalment: each one it reaches is named.
        let whole = try ack("  2026-12-18 1,400.00\n  2027-01-18 2,200.00\n  2027-02-18 300.00\n  2027-03-18 300.00")
        #expect(whole.values["on.hold"] == "Invoices I-1 and I-2 are covered by our payment plan. The next instalment, 2,200.00 GBP, falls due on 18 January 2027. While we look into the query about invoice I-2, the instalments due on 18 February 2027 and 18 March 2027 (600.00 GBP in all) are on hold too.")
    }

    /// Before: on Sunday 10 January 2027 the acknowledgement said of the instalment due on
    /// Saturday 9 January "800.00 GBP falls due then", a day already past; it fell due then, and
    /// is on time until the Monday.
    @Test func aDisputeAcknowledgementSpeaksOfAnInstalmentDueOnAPastWeekendInThePast() throws {
        let d = try #require(draft("""
            2026-11-02 invoice acme I-1
              total 2,200.00
            2026-11-05 invoice acme I-2
              total 2,000.00
            2026-11-20 plan acme 4,200.00
              for I-1 I-2
              2026-12-18 1,400.00
              2027-01-09 1,400.00
              2027-02-18 1,400.00
            2026-12-15 letter acme instalment
              invoices I-1 I-2
            2026-12-17 payment acme 1,400.00
            2027-01-10 note acme email
              dispute I-2 Wrong colour

            """, asOf: "2027-01-10"))
        #expect(d.choice.stage == .dispute)
        #expect(d.values["on.hold"]?.hasPrefix("Invoices I-1 and I-2 are covered by our payment plan. Of the next instalment, 1,400.00 GBP due on 9 January 2027, 800.00 GBP fell due then; as that was not a working day, it is on time if it reaches us by 11 January 2027.") == true, "\(d.values["on.hold"] ?? "")")
        #expect(!d.text.contains("falls due"), "\(d.text)")
    }

    /// A payment that made up a missed instalment is explained when the rest of the plan was on
    /// hold with a query, settled since, as it is beside instalments missed: the reminder says
    /// what it made up before what the query released, and the table marks when.
    @Test func aPaymentThatMadeUpAnInstalmentIsExplainedBesideMoneyAQueryReleased() throws {
        let d = try #require(draft("""
            2026-01-10 invoice acme A-1
              total 500.00
            2026-01-12 invoice acme A-2
              total 1,000.00
            2026-02-20 plan acme 1,500.00
              for A-1 A-2
              2026-03-20 500.00
              2026-04-20 500.00
              2026-05-20 500.00
            2026-03-01 note acme email
              dispute A-2 Wrong size
            2026-03-02 letter acme dispute
              invoices A-2
            2026-03-24 letter acme instalment
              invoices A-1 A-2
            2026-05-25 note acme call
              resolved A-2 Agreed as invoiced
            2026-05-27 payment acme 500.00

            """, asOf: "2026-05-28"))
        #expect(d.choice.stage == .instalment)
        #expect(d.values["plan.next"] == "Your payment of 500.00 GBP on 27 May 2026 (which settled invoice A-1) also reached us, for which many thanks: it made up the instalment due on 20 March 2026, which had not reached us. With the query settled, the instalments due on 20 April 2026 and 20 May 2026, which were on hold in the meantime, are now to be paid: 1,000.00 GBP in all. No further instalments fall due under the plan.")
        #expect(d.values["payments.received"] == nil)
        #expect(d.text.contains("| 1 | 20 March 2026 | 500.00 GBP | paid on 27 May 2026 |"))
    }
}

/// What a letter says it last heard from the client is what the stage choice counted as their
/// last reply: a payment after their last message is named, in every letter alike.
@Suite struct LastHeardTests {
    static let ledger = """
        2026-01-05 invoice acme A-1
          total 1,000.00
        2026-01-05 invoice acme B-1
          total 500.00
        2026-02-09 letter acme reminder
          invoices A-1 B-1
        2026-02-23 letter acme follow-up
          invoices A-1 B-1
        2026-02-25 note acme email
          said looking into it
        2026-03-09 letter acme follow-up
          invoices A-1 B-1
        2026-03-12 payment acme 1,000.00
          apply A-1
        2026-03-26 letter acme follow-up
          invoices B-1

        """

    /// The count of letters names the payment of 12 March, not the email of 25 February before it.
    @Test func theLetterCountNamesAPaymentAfterTheLastMessage() throws {
        let d = try #require(draft(Self.ledger, asOf: "2026-04-09"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.note"] == "This is my fifth letter about this, counting from my letter of 9 February 2026, and no payment towards invoice B-1 has come in that time; I have not heard from you since your payment of 12 March 2026.")
    }

    /// Two letters unanswered since a message: the plea for a reply names what was last heard
    /// in the same words as the count does ("heard from you since"), and a payment after it
    /// in its place.
    @Test func thePleaForAReplyNamesWhatWasLastHeardAsTheCountDoes() throws {
        let base = """
            2026-01-05 invoice acme O-1
              total 2,400.00
            2026-02-09 letter acme reminder
              invoices O-1
            2026-02-12 payment acme 100.00
            2026-02-14 note acme email
            2026-02-26 letter acme follow-up
              invoices O-1
            2026-03-12 letter acme follow-up
              invoices O-1

            """
        let d = try #require(draft(base, asOf: "2026-03-26"))
        #expect(d.choice.stage == .followUp)
        #expect(d.values["follow-up.note"]?.hasPrefix("As I have not heard from you since your email of 14 February 2026, I would be grateful for a reply, even a short one.") == true, "\(d.values["follow-up.note"] ?? "")")
        let paid = try #require(draft(base.replacingOccurrences(of: "2026-02-12 payment", with: "2026-02-16 payment"), asOf: "2026-03-26"))
        #expect(paid.values["follow-up.note"]?.hasPrefix("As I have not heard from you since your payment of 16 February 2026, I would be grateful for a reply, even a short one.") == true, "\(paid.values["follow-up.note"] ?? "")")
    }
}

/// A promise written without its currency is in the currency of the invoices it is about, and
/// in none when those are in several: no letter puts a currency in the client's words that
/// they did not say.
@Suite struct PromiseCurrencyTests {
    static let ledger = """
        2026-01-12 invoice acme V-1
          currency EUR
          total 2,500.00
        2026-01-19 invoice acme V-2
          total 1,200.00
        2026-02-14 letter acme reminder
          invoices V-1 V-2
        2026-03-02 note acme email
          promise 2026-03-16 2,500.00

        """

    /// Invoiced in euros and pounds by then: the promise is quoted without its amount, and the
    /// checker says so.
    @Test func aPromiseAboutInvoicesInSeveralCurrenciesIsQuotedWithoutAnAmount() throws {
        let d = try #require(draft(Self.ledger, asOf: "2026-03-20"))
        #expect(d.choice.promise?.state == .broken)
        #expect(d.values["promise.broken"] == "On 2 March 2026 you told us to expect payment by 16 March 2026. It has not reached us.")
        #expect(!d.text.contains("2,500.00 GBP"))
        let r = load("settings\n  currency GBP\nclient acme Acme Ltd\n" + Self.ledger)
        let w = Checker.run(r, asOf: Day.parse("2026-03-20")!).diagnostics
        #expect(w.map(\.message) == ["the promise of 2,500.00 names no currency, and 'acme' is invoiced in more than one; its invoices by then are in several, so letters leave the amount out and a payment by 2026-03-16 towards the work it is about keeps it"])
    }

    /// Only the euro invoice was issued when the promise was made: it is in euros, though the
    /// client was invoiced in pounds since.
    @Test func aPromiseIsInTheCurrencyOfTheInvoicesIssuedByItsDay() throws {
        let ledger = Self.ledger.replacingOccurrences(of: "2026-01-19 invoice acme V-2", with: "2026-03-05 invoice acme V-2")
            .replacingOccurrences(of: "invoices V-1 V-2", with: "invoices V-1")
        let d = try #require(draft(ledger, asOf: "2026-03-20"))
        #expect(d.values["promise.broken"] == "On 2 March 2026 you told us to expect a payment of 2,500.00 EUR by 16 March 2026. It has not reached us.")
        let r = load("settings\n  currency GBP\nclient acme Acme Ltd\n" + ledger)
        #expect(Checker.run(r, asOf: Day.parse("2026-03-20")!).diagnostics.map(\.message) == ["the promise of 2,500.00 names no currency, and 'acme' is invoiced in more than one; it is read as EUR, the currency of the invoices it is about"])
    }
}

/// A payment that a promise counted and that made up a plan's instalment is thanked for once.
@Suite struct PromiseAndPlanThanksTests {
    @Test func aPaymentBothForAPromiseAndAPlanIsThankedForOnce() throws {
        let d = try #require(draft("""
            2026-01-05 invoice acme F-1
              total 2,880.00
            2026-02-02 invoice acme F-2
              total 960.00
            2026-03-20 plan acme 3,840.00
              for F-1 F-2
              2026-04-15 1,280.00
              2026-05-15 1,280.00
              2026-06-15 1,280.00
            2026-04-14 letter acme instalment
              invoices F-1 F-2
            2026-04-15 payment acme 1,280.00
            2026-05-14 letter acme instalment
              invoices F-1 F-2
            2026-05-25 letter acme instalment
              invoices F-1 F-2
            2026-05-29 payment acme 600.00
            2026-06-12 note acme email
              promise 2026-06-26 1,960.00
            2026-06-26 payment acme 1,000.00

            """, asOf: "2026-06-28"))
        #expect(d.choice.stage == .instalment)
        #expect(d.values["plan.next"]?.hasPrefix("Your payment of 1,000.00 GBP on 26 June 2026 also reached us, for which many thanks: it made up the instalment due on 15 May 2026, which had not reached us, and 320.00 GBP went towards") == true, "\(d.values["plan.next"] ?? "")")
        #expect(d.values["promise.broken"] == "On 12 June 2026 you told us to expect a payment of 1,960.00 GBP by 26 June 2026. The 1,000.00 GBP above has arrived towards it; the remaining 960.00 GBP has not reached us.")
        #expect(d.text.components(separatedBy: "1,000.00 GBP that has arrived").count == 1)
    }
}

/// The request at the end of an instalment reminder names what is to be sent when part of the
/// instalment is met already, rather than "it" after a sentence about a credit note.
@Suite struct InstalmentRequestTests {
    @Test func theRequestNamesTheSumStillToCome() throws {
        let d = try #require(draft("""
            2026-02-02 invoice acme LK-1
              total 1,800.00
            2026-02-09 invoice acme LK-2
              total 600.00
            2026-03-10 plan acme 2,400.00
              2026-03-31 800.00
              2026-04-30 800.00
              2026-05-29 800.00
            2026-03-25 note acme email
              dispute LK-2 Props never arrived
            2026-03-25 letter acme dispute
              invoices LK-2
            2026-03-31 payment acme 800.00
            2026-05-04 letter acme instalment
              invoices LK-1 LK-2
            2026-05-06 note acme call
              resolved LK-2 cancelled
            2026-05-08 credit acme 600.00
              number CN-3
              apply LK-2
            2026-05-15 payment acme 500.00

            """, asOf: "2026-06-01"))
        #expect(d.choice.stage == .instalment)
        #expect(d.values["credits"]?.contains("credit note CN-3") == true)
        #expect(d.values["plan.missed"] == "the 500.00 GBP still to come")
        #expect(d.text.contains("Please send the 500.00 GBP still to come by 11 June 2026."))
    }
}
