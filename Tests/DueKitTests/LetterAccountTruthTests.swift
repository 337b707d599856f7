import Testing
@testable import DueKit

/// The letters of the one client `acme` of `extra`, on `asOf`: the stage chosen and the values
/// its template was given (a statement when `statement` is set, as `--statement` asks); with
/// no letter due, the choice alone.
private func letter(_ extra: String, asOf: String, statement: Bool = false) -> (choice: StageChoice, values: [String: String], text: String)? {
    let text = """
        settings
          currency GBP
          cadence 7 14
          reminder-after 3
          final-after 3
          demand-after 60
          reply-days 10

        sender Test Studio Ltd
          contact Sam Lee
          bank Sort code 11-22-33, account 12345678

        client acme Acme Ltd
          contact Jane Doe
          terms net 30
          methods bank transfer

        """ + extra
    let r = load(text)
    #expect(!r.diagnostics.hasErrors, "\(r.diagnostics.map(\.message))")
    let day = Day.parse(asOf)!
    let sheet = BalanceEngine.balances(r.ledger, asOf: day)
    guard let story = ClientStory.all(r.ledger, sheet: sheet).first(where: { $0.client.id == "acme" }) else { return nil }
    var choice = StageChooser.choose(story, ledger: r.ledger, sheet: sheet)
    if statement {
        choice = StageChoice(client: "acme", stage: .statement, reason: "on request")
        choice.chased = story.open
    }
    guard let stage = choice.stage else { return (choice, [:], "") }
    let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: r.ledger, sheet: sheet)
    return (choice, values, TemplateSet().template(for: stage).render(values))
}

@Suite struct LetterAccountTruthTests {
    /// Money paid while an invoice is in query waits on account for it (4, rule 4): the
    /// statement says it will go to that invoice once the query is settled, not to the next one.
    @Test func aStatementSaysMoneyHeldForAQueryGoesToTheQueriedInvoice() throws {
        let ledger = """
            2026-01-05 invoice acme A-1
              total 1000.00
            2026-01-10 invoice acme A-2
              total 500.00
            2026-02-10 note acme email
              dispute A-2 Wrong rate
            2026-02-12 payment acme 1300.00

            """
        let d = try #require(letter(ledger, asOf: "2026-02-20", statement: true))
        #expect(d.values["credit.on-account"] == "We hold 300.00 GBP of yours on account while we settle the query about invoice A-2: once it is settled, the money will go towards what is agreed for that invoice, unless you would rather have it refunded.")
        #expect(!d.text.contains("next invoice"))
        // More than the invoice owes: the rest is for the next invoice, and said so.
        let more = try #require(letter(ledger.replacingOccurrences(of: "1300.00", with: "1700.00"), asOf: "2026-02-20", statement: true))
        #expect(more.values["credit.on-account"] == "We hold 700.00 GBP of yours on account while we settle the query about invoice A-2: once it is settled, the money will go towards what is agreed for that invoice, and what is left over towards your next invoice, unless you would rather have it refunded.")
        // And so it does: once the query is settled the money pays the invoice.
        let settled = try #require(letter(ledger + "2026-03-01 note acme email\n  resolved A-2 Rate confirmed\n", asOf: "2026-03-02", statement: true))
        #expect(settled.values["invoices.table"]?.contains("| A-2 | 10 January 2026 | 500.00 | 300.00 | 200.00 | 21 |") == true)
        #expect(settled.values["credit.on-account"] == nil)
    }

    /// A formal demand recites the letters about its invoices the client left unanswered, each
    /// by its kind and date, the instalment reminders of the plan that ran out among them, as
    /// its history lists them.
    @Test func aDemandRecitesEveryUnansweredLetterByItsKindAndDate() throws {
        let d = try #require(letter("""
            2026-01-01 invoice acme A-1
              total 1000.00
            2026-01-20 note acme call
              said Can we pay in two parts?
            2026-01-21 plan acme 1000.00
              for A-1
              2026-03-15 500.00
              2026-04-15 500.00
            2026-02-01 invoice acme B-1
              total 400.00
            2026-03-06 letter acme reminder
              invoices B-1
            2026-03-18 letter acme instalment
              invoices A-1 B-1
            2026-04-01 letter acme follow-up
              invoices B-1 A-1
            2026-04-15 letter acme follow-up
              invoices B-1 A-1
            2026-04-28 letter acme instalment
              invoices A-1 B-1
            2026-05-12 letter acme final
              invoices A-1 B-1

            """, asOf: "2026-05-23"))
        #expect(d.choice.stage == .demand)
        #expect(d.values["unanswered"] == "I have had no reply to my reminder of 6 March 2026, instalment reminder of 18 March 2026, follow-ups of 1 April 2026 and 15 April 2026, instalment reminder of 28 April 2026 or final notice of 12 May 2026, and no payment has arrived since.")
        // The history lists the same letters, each once.
        let history = try #require(d.values["history"])
        for line in ["- 18 March 2026: our instalment reminder about A-1 and B-1", "- 28 April 2026: our instalment reminder about A-1 and B-1", "- 12 May 2026: our final notice about A-1 and B-1"] {
            #expect(history.components(separatedBy: line).count == 2, "\(history)")
        }
        #expect(d.text.components(separatedBy: "12 May 2026").count == 3, "once in the sentence, once in the history")
    }

    /// A final notice that asked for a plan's missed instalments warned of a demand over them,
    /// not over an instalment that fell due after it: when the schedule ends with that one
    /// unpaid too, the day after its date brings no demand; the instalment reminder asks for it
    /// first, and once the date that reminder gave has passed the plan is over. As that notice
    /// warned of no demand over the last instalment, A-1 then gets a final notice of its own
    /// (the ladder does not step down), not a demand.
    @Test func aDemandDoesNotFollowAPlanWhoseLastInstalmentNoLetterAskedFor() throws {
        let ledger = """
            2026-01-01 invoice acme A-1
              total 1500.00
            2026-01-20 note acme call
              said Can we pay in parts?
            2026-01-21 plan acme 1500.00
              for A-1
              2026-03-15 500.00
              2026-04-15 500.00
              2026-06-15 500.00
            2026-02-01 invoice acme B-1
              total 400.00
            2026-03-06 letter acme reminder
              invoices B-1
            2026-03-18 letter acme instalment
              invoices A-1 B-1
            2026-03-20 note acme call
            2026-04-01 letter acme follow-up
              invoices B-1 A-1
            2026-04-15 letter acme follow-up
              invoices B-1 A-1
            2026-04-28 letter acme instalment
              invoices A-1 B-1
            2026-04-30 note acme call
            2026-05-12 letter acme final
              invoices B-1 A-1
            2026-05-23 letter acme demand
              invoices B-1

            """
        // (The client rang after each instalment reminder, so the plan ran on to its last date
        // rather than being in default, 3.10.)
        // The day after the last instalment date: the plan still runs, and no demand goes.
        let next = try #require(letter(ledger, asOf: "2026-06-16"))
        #expect(next.choice.stage != .demand)
        #expect(next.choice.stage == nil, "\(next.choice.reason)")
        #expect(next.choice.demandUnanswered, "the demand about B-1 is still the user's to follow up")
        // The instalment reminder asks for the last instalment with the others.
        let reminder = try #require(letter(ledger, asOf: "2026-06-18"))
        #expect(reminder.choice.stage == .instalment)
        #expect(reminder.choice.reason == "3 instalments (1,500.00 GBP) due 2026-03-15, 2026-04-15, 2026-06-15 have not arrived")
        let sent = ledger + "2026-06-18 letter acme instalment\n  invoices A-1 B-1\n"
        // Not before the day after the date it gave (29 June), nor `cadence` max days after it.
        for day in ["2026-06-29", "2026-06-30", "2026-07-01"] {
            #expect(letter(sent, asOf: day)?.choice.stage == nil, "\(day)")
        }
        let final = try #require(letter(sent, asOf: "2026-07-02"))
        #expect(final.choice.stage == .final)
        #expect(final.choice.chased.count == 1 && final.values["invoices.phrase"] == "invoice A-1")
        #expect(final.text.contains("My final notice of 12 May 2026 asked only for the instalments of our payment plan missed by then; this one is about all that is open on invoice A-1 now."))
    }

    /// Money paid while an invoice was in query waited on account; the invoice was written
    /// off as a loss, and when the query was settled the money paid it back (4, rule 5). The
    /// thank-you says where the money went, as it names the invoice a payment paid back
    /// directly, and never speaks of a loss.
    @Test func aThankYouSaysWhereMoneyHeldOnAccountThatPaidBackALossWent() throws {
        let held = """
            2026-01-05 invoice acme A-1
              total 1000.00
            2026-02-09 letter acme reminder
              invoices A-1
            2026-02-10 note acme email
              dispute A-1 Work not finished
            2026-02-12 letter acme dispute
              invoices A-1
            2026-02-16 payment acme 1000.00
            2026-02-20 writeoff acme A-1
              reason Client says they will not pay
            2026-03-02 note acme email
              resolved A-1 Agreed the work was done

            """
        let d = try #require(letter(held, asOf: "2026-03-05"))
        #expect(d.choice.stage == .thanks)
        #expect(d.values["settlement"] == "Your payment of 1,000.00 GBP on 16 February 2026 has arrived, and your account with us is now fully settled. The 1,000.00 GBP of yours that we held on account while your query was looked into went to invoice A-1 on 2 March 2026. Thank you for settling it, and for your patience while your query was sorted out.")
        #expect(!d.text.contains("written off") && !d.text.contains("loss") && !d.text.contains("waived"))
        // A loss written off before the query: what the settling released paid the rest
        // open and the loss, and the sentence gives all of it.
        let before = held.replacingOccurrences(of: "2026-02-20 writeoff acme A-1\n", with: "").replacingOccurrences(of: "  reason Client says they will not pay\n", with: "")
            .replacingOccurrences(of: "2026-02-10 note acme email", with: "2026-02-09 writeoff acme A-1 300.00\n2026-02-10 note acme email")
        let part = try #require(letter(before, asOf: "2026-03-05"))
        #expect(part.choice.stage == .thanks)
        #expect(part.values["settlement"]?.contains("The 1,000.00 GBP of yours that we held on account while your query was looked into went to invoice A-1 on 2 March 2026.") == true, "\(part.values["settlement"] ?? "")")
        // Money on account before the invoice was issued paid 200.00 of it then: that was never
        // held while the query was looked into. Only the 800.00 paid meanwhile went to it when
        // the query was settled (500.00 open, 300.00 written off).
        let early = before.replacingOccurrences(of: "2026-01-05 invoice acme A-1\n", with: "2026-01-02 payment acme 200.00\n2026-01-05 invoice acme A-1\n")
            .replacingOccurrences(of: "2026-02-16 payment acme 1000.00\n", with: "2026-02-16 payment acme 800.00\n")
        let issued = try #require(letter(early, asOf: "2026-03-05"))
        #expect(issued.choice.stage == .thanks)
        #expect(issued.values["settlement"] == "Your payment of 800.00 GBP on 16 February 2026 has arrived, and your account with us is now fully settled. The 800.00 GBP of yours that we held on account while your query was looked into went to invoice A-1 on 2 March 2026. Thank you for settling it, and for your patience while your query was sorted out.", "\(issued.values["settlement"] ?? "")")
    }

    /// Money paid while an invoice was in query waited on account, and went to it when the
    /// query was settled, with no loss written off: the thank-you says where it went, with the
    /// same sentence, as the payment alone names no invoice.
    @Test func aThankYouSaysWhereMoneyHeldOnAccountForAQueryWent() throws {
        let held = """
            2026-01-05 invoice acme A-1
              total 800.00
            2026-02-09 letter acme reminder
              invoices A-1
            2026-02-10 note acme email
              dispute A-1 Work not finished
            2026-02-12 letter acme dispute
              invoices A-1
            2026-02-16 payment acme 800.00
            2026-03-02 note acme email
              resolved A-1 Agreed the work was done

            """
        let d = try #require(letter(held, asOf: "2026-03-05"))
        #expect(d.choice.stage == .thanks)
        #expect(d.values["settlement"] == "Your payment of 800.00 GBP on 16 February 2026 has arrived, and your account with us is now fully settled. The 800.00 GBP of yours that we held on account while your query was looked into went to invoice A-1 on 2 March 2026. Thank you for settling it, and for your patience while your query was sorted out.", "\(d.values["settlement"] ?? "")")
        // Paid before our acknowledgement, which said we held it: no payment is thanked for
        // again, and the sentence says where it went.
        let earlier = held.replacingOccurrences(of: "2026-02-16 payment acme 800.00\n", with: "").replacingOccurrences(of: "2026-02-12 letter acme dispute", with: "2026-02-11 payment acme 800.00\n2026-02-12 letter acme dispute")
        let e = try #require(letter(earlier, asOf: "2026-03-05"))
        #expect(e.choice.stage == .thanks)
        #expect(e.values["settlement"] == "Your account with us is now fully settled. The 800.00 GBP of yours that we held on account while your query was looked into went to invoice A-1 on 2 March 2026. Thank you for your patience while your query was sorted out.", "\(e.values["settlement"] ?? "")")
        // Money on account before the invoice was issued paid 200.00 of it then, and was never
        // held for the query: only the 600.00 paid meanwhile is said to have gone to it.
        let early = held.replacingOccurrences(of: "2026-01-05 invoice acme A-1\n", with: "2026-01-02 payment acme 200.00\n2026-01-05 invoice acme A-1\n")
            .replacingOccurrences(of: "2026-02-16 payment acme 800.00\n", with: "2026-02-16 payment acme 600.00\n")
        let i = try #require(letter(early, asOf: "2026-03-05"))
        #expect(i.values["settlement"]?.contains("The 600.00 GBP of yours that we held on account while your query was looked into went to invoice A-1 on 2 March 2026.") == true, "\(i.values["settlement"] ?? "")")
    }
}
