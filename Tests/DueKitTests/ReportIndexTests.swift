import Testing
@testable import DueKit

/// The report's figures found through indexes (disputed invoices by place, clients by their
/// resolved number, month-end sales from one pass) are the figures the plain way gives: asking
/// the sheet about each invoice's number, grouping by client id, summing each month-end's sheet.
@Suite struct ReportIndexTests {
    static let asOf = ReportScaleTests.asOf

    /// Disputes on an invoice whose number is used twice, on one resolved before the date, on a
    /// number no invoice has, and on one raised after the date.
    static let disputed = """
        settings
          currency GBP
        client acme Acme Ltd
          terms net 30
        client bolt Bolt plc
          terms net 30
        2026-01-01 invoice acme A1
          total 1,000.00
        2026-01-02 invoice acme A1
          total 10.00
        2026-01-03 invoice acme A2
          total 500.00
        2026-01-04 invoice bolt B1
          total 700.00
        2026-01-05 invoice bolt B2
          total 70.00
        2026-02-01 note acme call
          dispute A1 Wrong rate
          dispute Z9 Not ours
        2026-02-02 note bolt email
          dispute B1 Late delivery
        2026-02-10 note bolt email
          resolved B1
        2026-04-01 note bolt call
          dispute B2 Missing items

        """

    @Test func disputedInvoicesByPlaceAreThoseTheSheetNames() {
        let l = LedgerLoader.load(bytes: Array(Self.disputed.utf8), path: "d.due").ledger
        #expect(l.invoices.filter(\.isDuplicate).count == 1)
        for date in ["2026-01-15", "2026-02-01", "2026-03-01", "2026-05-01"] {
            let sheet = BalanceEngine.balances(l, asOf: Day.parse(date)!)
            let disputed = DisputedInvoices(ledger: l, sheet: sheet)
            for i in l.invoices.indices where !l.invoices[i].isDuplicate {
                #expect(disputed.wasDisputed(i) == sheet.wasDisputed(l.invoices[i].number), "\(date) \(l.invoices[i].number)")
            }
        }
        let may = DisputedInvoices(ledger: l, sheet: BalanceEngine.balances(l, asOf: Day.parse("2026-05-01")!))
        #expect(l.invoices.indices.filter { may.wasDisputed($0) }.map { l.invoices[$0].number } == ["A1", "B1", "B2"])
    }

    @Test(arguments: [1, 9] as [UInt64])
    func disputedInvoicesOfAGeneratedLedger(_ seed: UInt64) {
        let l = ReportScaleTests.ledger(seed: seed)
        let sheet = BalanceEngine.balances(l, asOf: Self.asOf)
        let disputed = DisputedInvoices(ledger: l, sheet: sheet)
        let plain = l.invoices.indices.filter { !l.invoices[$0].isDuplicate && sheet.wasDisputed(l.invoices[$0].number) }
        #expect(plain.count > 5)
        #expect(l.invoices.indices.filter { disputed.wasDisputed($0) } == plain)
    }

    /// Each client's row as grouping the issued invoices by client id and currency, sorting
    /// each group by due date, and asking the sheet about each invoice gives it.
    static func plainRow(_ l: Ledger, _ sheet: BalanceSheet, client: String, currency: Currency) -> ClientBehaviourRow {
        var r = ClientBehaviourRow(client: client, name: l.client(client)?.writtenName ?? "", currency: currency)
        let asOf = sheet.asOf
        let indices = l.invoices.indices
            .filter { sheet.invoices[$0].issued && !l.invoices[$0].isDuplicate && l.invoices[$0].client == client && l.invoices[$0].currency == currency }
            .sorted { (l.invoices[$0].due, l.invoices[$0].issued, l.invoices[$0].order) < (l.invoices[$1].due, l.invoices[$1].issued, l.invoices[$1].order) }
        r.invoices = indices.count
        var settledLate: [Int] = [], lateness: [Int] = []
        for i in indices {
            // Late from the last day the money could arrive: the due date, or the next working day.
            let b = sheet.invoices[i], due = l.settings.workingDay(l.invoices[i].due)
            if l.invoices[i].issued >= asOf.adding(days: -(ClientBehaviour.dsoWindowDays - 1)) { r.sales90 += b.total }
            guard b.writtenOff == 0 else { continue }
            let counts = !sheet.wasDisputed(l.invoices[i].number)
            if let s = b.settled, b.total > 0 {
                settledLate.append(max(0, s.days(since: due)))
                if counts { lateness.append(max(0, s.days(since: due))) }
            } else if b.open > 0 && due < asOf && counts {
                lateness.append(asOf.days(since: due))
            }
        }
        r.paid = settledLate.count
        r.averageDaysLate = Tenths.mean(settledLate)
        r.medianDaysLate = Tenths.median(settledLate)
        if !settledLate.isEmpty { r.onTimePercent = (settledLate.filter { $0 == 0 }.count * 200 + settledLate.count) / (2 * settledLate.count) }
        r.receivable = sheet.clientBalances[ClientCurrency(client: client, currency: currency)] ?? 0
        r.dso = ClientBehaviour.dso(receivable: r.receivable, sales: r.sales90)
        r.recentDaysLate = Tenths.mean(Array(lateness.suffix(ClientBehaviour.recentCount)))
        r.historyDaysLate = Tenths.mean(Array(lateness.dropLast(ClientBehaviour.recentCount)))
        if let now = r.recentDaysLate, let before = r.historyDaysLate {
            let t = ClientBehaviour.trendThresholdDays * 10
            r.trend = now.value - before.value > t ? .worsening : before.value - now.value > t ? .improving : .steady
        }
        return r
    }

    @Test(arguments: [2, 8] as [UInt64])
    func behaviourRowsAreThePlainRows(_ seed: UInt64) {
        let l = ReportScaleTests.ledger(seed: seed)
        for asOf in [Self.asOf, Day(year: 2026, month: 3, day: 31)!] {
            let sheet = BalanceEngine.balances(l, asOf: asOf)
            let behaviour = ClientBehaviour(ledger: l, sheet: sheet)
            #expect(behaviour.rows.count > 50)
            #expect(behaviour.rows.contains { $0.trend == .worsening } || behaviour.rows.contains { $0.trend == .improving })
            for row in behaviour.rows {
                var plain = Self.plainRow(l, sheet, client: row.client, currency: row.currency)
                plain.lastContact = row.lastContact
                plain.lastSaid = row.lastSaid
                #expect(row == plain, "\(asOf) \(row.client) \(row.currency)")
            }
        }
    }

    /// The tally keeps what sorting every invoice's days late and splitting off the last
    /// `recentCount` gives: invoices met out of their order, ties on due and issue date broken
    /// by order, and ties on all three (only a hand-made ledger has them) kept in the order met.
    @Test func latenessTallyIsTheSortedListSplit() {
        #expect(LatenessTally.Latest.count == ClientBehaviour.recentCount)
        var rng = SplitMix(seed: 14)
        for round in 0..<400 {
            let n = Int(rng.next() % 12)
            var all: [LatenessTally.Late] = []
            var tally = LatenessTally()
            for k in 0..<n {
                // Few distinct dates and orders, so ties of every kind are common.
                let late = LatenessTally.Late(due: Int32(rng.next() % 4), issued: Int32(rng.next() % 3), order: round % 3 == 0 ? 0 : Int(rng.next() % 5), days: Int(rng.next() % 200) - (k == 0 ? 0 : 20))
                all.append(late)
                tally.add(late)
            }
            // Swift's sort is stable: equal places keep the order met.
            let sorted = all.sorted { ($0.due, $0.issued, $0.order) < ($1.due, $1.issued, $1.order) }.map(\.days)
            #expect(tally.recentDays == Array(sorted.suffix(ClientBehaviour.recentCount)), "round \(round)")
            #expect(tally.recentMean == Tenths.mean(Array(sorted.suffix(ClientBehaviour.recentCount))), "round \(round)")
            #expect(tally.historyMean == Tenths.mean(Array(sorted.dropLast(ClientBehaviour.recentCount))), "round \(round)")
        }
    }

    @Test func behaviourOfAHandWrittenLedgerWithDisputesAndAnUnknownClient() {
        let text = Self.disputed + """
            2026-01-06 invoice ghost G1
              total 40.00
            2026-03-20 payment acme 1,500.00
            2026-03-21 payment ghost 40.00

            """
        let l = LedgerLoader.load(bytes: Array(text.utf8), path: "d.due").ledger
        let sheet = BalanceEngine.balances(l, asOf: Day.parse("2026-05-01")!)
        let rows = ClientBehaviour(ledger: l, sheet: sheet).rows
        #expect(rows.map(\.client) == ["acme", "bolt", "ghost"])
        for row in rows {
            var plain = Self.plainRow(l, sheet, client: row.client, currency: row.currency)
            plain.lastContact = row.lastContact
            plain.lastSaid = row.lastSaid
            #expect(row == plain, "\(row.client)")
        }
    }

    /// Each client's habit as the settled invoices filtered by client id give it.
    @Test(arguments: [3, 9] as [UInt64])
    func paymentHabitsAreThePlainHabits(_ seed: UInt64) {
        let l = ReportScaleTests.ledger(seed: seed)
        let sheet = BalanceEngine.balances(l, asOf: Self.asOf)
        let habit = PaymentHabit(ledger: l, sheet: sheet)
        let settled = l.invoices.indices.filter { i in
            let b = sheet.invoices[i]
            return b.issued && b.total > 0 && b.writtenOff == 0 && b.settled != nil
        }
        func offset(_ i: Int) -> Int { sheet.invoices[i].settled!.days(since: l.invoices[i].due) }
        let counted = settled.filter { !sheet.wasDisputed(l.invoices[$0].number) }
        #expect(habit.ledgerMedian == PaymentHabit.median(counted.map(offset)))
        #expect(habit.disputedMedian == PaymentHabit.median(settled.filter { sheet.wasDisputed(l.invoices[$0].number) }.map(offset)))
        #expect(habit.disputedMedian != nil)
        for c in l.clients {
            let own = counted.filter { l.invoices[$0].client == c.id }
                .sorted { (sheet.invoices[$0].settled!, l.invoices[$0].order) < (sheet.invoices[$1].settled!, l.invoices[$1].order) }
                .suffix(PaymentHabit.recentCount).map(offset)
            let e = habit.estimate(client: c.id)
            if let m = PaymentHabit.median(own) {
                let k = PaymentHabit.prior
                #expect(e == PaymentHabit.Estimate(days: PaymentHabit.divideRounded(m * own.count + habit.ledgerMedian! * k, own.count + k), source: .client, samples: own.count), "\(c.id)")
            } else {
                #expect(e.source == .ledger, "\(c.id)")
            }
        }
    }

    /// Every client's story told for all at once (entries grouped by client in one pass) is the
    /// story told for that client alone (every list scanned for its id): on a generated ledger,
    /// and on one written out of date order whose entries name a client in the other Unicode
    /// form of its id, or a client it does not define.
    @Test func storiesToldTogetherAreEachClientsOwn() {
        let cafe = "caf\u{E9}", decomposed = "cafe\u{301}"
        let text = """
            settings
              currency GBP
            client \(cafe) Café Ltd
              terms net 30
            client bolt Bolt plc
              terms net 30
            2026-03-01 invoice \(decomposed) C2
              total 200.00
            2026-01-01 invoice \(cafe) C1
              total 100.00
            2026-02-01 invoice bolt B1
              total 70.00
            2026-01-15 invoice ghost G1
              total 40.00
            2026-03-05 payment \(decomposed) 50.00
              apply C1 50.00
            2026-02-05 payment \(cafe) 20.00
            2026-02-20 credit \(cafe) 10.00
              number  CN1
              apply   C2 10.00
            2026-04-01 letter \(decomposed) reminder
              invoices  C1
            2026-03-10 letter \(cafe) reminder
              invoices  C1
            2026-03-12 note \(decomposed) call
              said      Will pay soon.
            2026-03-11 note bolt email
              dispute B1 Wrong rate

            """
        let hand = LedgerLoader.load(bytes: Array(text.utf8), path: "d.due").ledger
        for l in [hand, ReportScaleTests.ledger(seed: 6)] {
            for asOf in [Self.asOf, Day(year: 2026, month: 3, day: 11)!] {
                let sheet = BalanceEngine.balances(l, asOf: asOf)
                let together = ClientStory.all(l, sheet: sheet)
                #expect(together.count == l.clients.count)
                for story in together {
                    let alone = ClientStory(client: story.client, ledger: l, sheet: sheet)
                    let id = story.client.id
                    #expect(story.issued == alone.issued && story.open == alone.open, "\(id)")
                    #expect(story.letters.indices32 == alone.letters.indices32 && story.notes.indices32 == alone.notes.indices32, "\(id)")
                    #expect(story.plans.indices32 == alone.plans.indices32 && story.writeOffs.indices32 == alone.writeOffs.indices32, "\(id)")
                    #expect(story.payments.indices32 == alone.payments.indices32 && story.credits.indices32 == alone.credits.indices32, "\(id)")
                    #expect(story.openDisputes.keys.sorted() == alone.openDisputes.keys.sorted(), "\(id)")
                }
            }
        }
        let cafeStory = ClientStory.all(hand, sheet: BalanceEngine.balances(hand, asOf: Self.asOf)).first { $0.client.id == cafe }!
        // The id in the other Unicode form (the resolver's E203, so no report is written from
        // this ledger) is the same id to the story, told either way: two invoices (oldest
        // first), both payments and the credit, both letters in date order, the note.
        #expect(cafeStory.issued.map { hand.invoices[$0].number } == ["C1", "C2"])
        #expect(cafeStory.payments.count == 2)
        #expect(cafeStory.credits.count == 1)
        #expect(cafeStory.notes.count == 1)
        #expect(cafeStory.letters.map(\.date) == [Day(year: 2026, month: 3, day: 10)!, Day(year: 2026, month: 4, day: 1)!])
    }

    /// The last letter and the last reply, found from the end of each list, are the last of
    /// the contact letters and of the contacts, payments and plans agreed.
    @Test func lastLetterAndReplyAreTheLastOfTheirLists() {
        // A statement sent after the last reminder, and a note for the file after the last call.
        let text = Self.disputed + """
            2026-03-01 letter acme reminder
              invoices  A2
            2026-03-05 letter acme statement
            2026-03-06 note acme file
              said      Asked for a statement.

            """
        let hand = LedgerLoader.load(bytes: Array(text.utf8), path: "d.due").ledger
        let generated = ReportScaleTests.ledger(seed: 5)
        var stories: [ClientStory] = []
        for l in [hand, generated] { stories += ClientStory.all(l, sheet: BalanceEngine.balances(l, asOf: Self.asOf)) }
        #expect(stories.contains { s in s.letters.last?.stage == .statement } && stories.contains { s in s.notes.last?.isContact == false })
        for s in stories {
            #expect(s.lastLetter == s.contactLetters.last, "\(s.client.id)")
            var reply: (Day, Int)? = s.contacts.last.map { ($0.date, $0.order) }
            if let p = s.payments.last, reply == nil || (p.date, p.order) > reply! { reply = (p.date, p.order) }
            // A plan agreed with the client is a reply too (7.2).
            if let p = s.plans.last, reply == nil || (p.date, p.order) > reply! { reply = (p.date, p.order) }
            #expect(s.lastReply.map { "\($0.date) \($0.order)" } == reply.map { "\($0.0) \($0.1)" }, "\(s.client.id)")
        }
    }

    /// Each month-end's DSO is the whole book's as the client behaviour of that day counts it.
    @Test(arguments: [1, 9] as [UInt64])
    func monthEndSalesAreTheBehavioursTotals(_ seed: UInt64) {
        let l = ReportScaleTests.ledger(seed: seed)
        let history = ReportHistory(ledger: l, asOf: Self.asOf, buckets: AgingOptions(settings: l.settings))
        #expect(history.months.contains { $0.dso.contains { $0.sales90 > 0 } })
        for m in history.months {
            #expect(m.dso == ClientBehaviour.build(l, asOf: m.end).totals, "\(m.end)")
        }
    }
}
