/// A number of days kept in tenths, so averages stay exact enough without floating point.
public struct Tenths: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var value: Int

    public init(_ value: Int) { self.value = value }

    /// The mean of whole days, rounded half up to a tenth.
    public static func mean(_ days: [Int]) -> Tenths? {
        mean(sum: days.reduce(0, +), count: days.count)
    }

    /// The mean of `count` whole days adding up to `sum`, as `mean(_:)` gives it for them.
    static func mean(sum days: Int, count n: Int) -> Tenths? {
        guard n > 0 else { return nil }
        let sum = days * 10
        let q = sum >= 0 ? (sum * 2 + n) / (2 * n) : -((-sum * 2 + n) / (2 * n))
        return Tenths(q)
    }

    /// The median of whole days: the middle one, or the mean of the two middle ones.
    public static func median(_ days: [Int]) -> Tenths? {
        guard !days.isEmpty else { return nil }
        let s = days.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? Tenths(s[m] * 10) : Tenths((s[m - 1] + s[m]) * 5)
    }

    public var description: String {
        let sign = value < 0 ? "-" : ""
        let v = value.magnitude
        return "\(sign)\(v / 10).\(v % 10)"
    }

    public static func < (a: Tenths, b: Tenths) -> Bool { a.value < b.value }
}

/// A client's recent lateness against its own history.
public enum Trend: String, Sendable, Hashable {
    /// Recent invoices are later than the history by more than the threshold.
    case worsening
    /// Recent invoices are earlier than the history by more than the threshold.
    case improving
    case steady
    /// Too few invoices past their due date to compare.
    case new = "too few"
}

/// The latest contact with a client: a note (what they said) or a letter (what we sent).
public struct Contact: Sendable, Hashable {
    public var date: Day
    /// `call`, `email`, … for a note; `sent reminder letter` for a letter.
    public var kind: String
    /// What was said (`ClientNote.gist`), or the invoices a letter was about.
    public var gist: String
}

/// How one client pays, in one currency.
public struct ClientBehaviourRow: Sendable, Hashable {
    public var client: String
    public var name: String
    public var currency: Currency
    /// Invoices issued by the as-of date.
    public var invoices = 0
    /// Invoices settled by the as-of date by payment or credit (not written off).
    public var paid = 0
    public var averageDaysLate: Tenths?
    public var medianDaysLate: Tenths?
    /// Share of paid invoices settled on or before their due date, in whole percent.
    public var onTimePercent: Int?
    /// What the client owes at the as-of date (open invoices less credit on account).
    public var receivable: Int64 = 0
    /// Invoiced in the 90 days ending on the as-of date.
    public var sales90: Int64 = 0
    /// Days sales outstanding: receivable ÷ sales90 × 90, rounded; nil without sales.
    public var dso: Int?
    public var trend = Trend.new
    public var recentDaysLate: Tenths?
    public var historyDaysLate: Tenths?
    public var lastContact: Contact?
    /// The latest note: what the client last said.
    public var lastSaid: Contact?
}

/// Receivables and 90-day sales of one currency, for the whole book's DSO.
public struct ClientBehaviourTotals: Sendable, Hashable {
    public var currency: Currency
    public var receivable: Int64 = 0
    public var sales90: Int64 = 0
    public var dso: Int?
}

/// Payment behaviour of every client as of a date, read from the balance sheet.
public struct ClientBehaviour: Sendable {
    /// How many of a client's latest invoices past their due date count as "recent".
    public static let recentCount = 3
    /// Days by which the recent average must exceed the history (strictly) to flag "worsening".
    public static let trendThresholdDays = 15
    public static let dsoWindowDays = 90

    public let asOf: Day
    /// Sorted by client, then currency.
    public var rows: [ClientBehaviourRow]
    /// Sorted by currency.
    public var totals: [ClientBehaviourTotals]

    public init(ledger: Ledger, sheet: BalanceSheet) {
        let asOf = sheet.asOf
        self.asOf = asOf
        let windowStart = asOf.adding(days: -(ClientBehaviour.dsoWindowDays - 1))
        let disputed = DisputedInvoices(ledger: ledger, sheet: sheet)
        // Invoices grouped by client and currency in one pass, each read once for what its row
        // needs. Clients are numbered as met: by the index the resolver found (the last one
        // remembered, as entries of a client often follow each other), by id otherwise, so the
        // grouping hashes a small key instead of a string per invoice.
        var slotOfNumber = [Int32](repeating: -1, count: ledger.clients.count)
        var idOf: [String: Int] = [:]
        var ids: [String] = []
        var last = (id: "", slot: -1)
        func slot(_ id: String, _ number: Int32?) -> Int {
            if let number, slotOfNumber[Int(number)] >= 0 { return Int(slotOfNumber[Int(number)]) }
            if id == last.id && last.slot >= 0 { return last.slot }
            let s: Int
            if let k = idOf[id] {
                s = k
            } else {
                s = ids.count
                idOf[id] = s
                ids.append(id)
            }
            if let number { slotOfNumber[Int(number)] = Int32(s) }
            last = (id, s)
            return s
        }
        struct GroupKey: Hashable {
            var client: Int
            var currency: Currency
        }
        struct Group {
            var key: ClientCurrency
            var invoices = 0
            var sales90: Int64 = 0
            /// How many invoices are settled, and where their days late start in `settledLate`
            /// once gathered there.
            var settled = 0
            var settledStart = 0
            /// Days late of every invoice past its due date that speaks for the trend: final
            /// when settled, so far when open.
            var lateness = LatenessTally()
        }
        // A client's first group is found by its number, a second currency's through a table:
        // invoices of one client seldom follow each other in a ledger kept by date.
        var firstGroup: [Int32] = []
        var groupOf: [GroupKey: Int] = [:]
        var groups: [Group] = []
        func group(_ client: Int, _ currency: Currency) -> Int {
            if client < firstGroup.count, firstGroup[client] >= 0, groups[Int(firstGroup[client])].key.currency == currency { return Int(firstGroup[client]) }
            let key = GroupKey(client: client, currency: currency)
            if let g = groupOf[key] { return g }
            let g = groups.count
            groupOf[key] = g
            groups.append(Group(key: ClientCurrency(client: ids[client], currency: currency)))
            if client >= firstGroup.count { firstGroup += repeatElement(-1, count: client + 1 - firstGroup.count) }
            if firstGroup[client] < 0 { firstGroup[client] = Int32(g) }
            return g
        }
        // Days late of settled invoices (the median needs them all) go into one list with their
        // group, and are sorted into runs by group afterwards: an array per group, appended to
        // in ledger order, cost a cache miss on a different array for nearly every invoice.
        var settledDays: [(group: Int32, days: Int32)] = []
        var lastGroup: (client: Int, currency: Currency, group: Int)? = nil
        let lost = LostInvoices(ledger: ledger, sheet: sheet)
        let settings = ledger.settings
        for i in sheet.invoices.indices where sheet.invoices[i].issued {
            // Duplicates are never issued by the engine; the check keeps the rule visible.
            guard !ledger.invoices[i].isDuplicate else { continue }
            let c = slot(ledger.invoices[i].client, ledger.invoices[i].clientNumber), cur = ledger.invoices[i].currency
            if c != lastGroup?.client || cur != lastGroup?.currency { lastGroup = (c, cur, group(c, cur)) }
            let g = lastGroup!.group
            let b = sheet.invoices[i]
            let due = ledger.invoices[i].due, issued = ledger.invoices[i].issued
            groups[g].invoices += 1
            if issued >= windowStart { groups[g].sales90 += b.total }
            guard b.writtenOff == 0 || !lost.hasLoss(i) else { continue }  // a loss says nothing about paying habits
            // A disputed invoice is late because of the dispute, not the client's paying habits.
            let trendCounts = !disputed.wasDisputed(i)
            var late: Int? = nil
            // Late from the invoice's last day: its due date, or the next working day.
            if let s = b.paidUp, b.total > 0 {
                let days = ClientBehaviour.daysLate(settled: s, due: due, settings)
                groups[g].settled += 1
                settledDays.append((Int32(g), Int32(clamping: days)))
                late = days
            } else if b.open > 0 {
                let soFar = ClientBehaviour.daysLate(settled: asOf, due: due, settings)
                if soFar > 0 { late = soFar }
            }
            if let late, trendCounts {
                groups[g].lateness.add(LatenessTally.Late(due: due.ordinal, issued: issued.ordinal, order: ledger.invoices[i].order, days: late))
            }
        }
        // Each group's settled days as one run, in ledger order within it.
        var start = 0
        for g in groups.indices {
            groups[g].settledStart = start
            start += groups[g].settled
        }
        var settledLate = [Int](repeating: 0, count: settledDays.count)
        var next = groups.map(\.settledStart)
        for (g, days) in settledDays {
            settledLate[next[Int(g)]] = Int(days)
            next[Int(g)] += 1
        }
        settledDays = []
        // A client holding only credit on account has a row too.
        for k in sheet.creditOnAccount.keys where groupOf[GroupKey(client: slot(k.client, nil), currency: k.currency)] == nil {
            _ = group(slot(k.client, nil), k.currency)
        }
        let contacts = ClientBehaviour.contacts(ledger, asOf: asOf)

        var rows: [ClientBehaviourRow] = []
        rows.reserveCapacity(groups.count)
        for g in groups.indices.sorted(by: { groups[$0].key < groups[$1].key }) {
            let key = groups[g].key
            var r = ClientBehaviourRow(client: key.client, name: ledger.clientIndex[key.client].flatMap { ledger.clients[$0].writtenName } ?? "", currency: key.currency)
            r.invoices = groups[g].invoices
            r.sales90 = groups[g].sales90
            let settled = Array(settledLate[groups[g].settledStart..<(groups[g].settledStart + groups[g].settled)])
            r.paid = settled.count
            r.averageDaysLate = Tenths.mean(settled)
            r.medianDaysLate = Tenths.median(settled)
            if !settled.isEmpty {
                let onTime = settled.filter { $0 == 0 }.count
                r.onTimePercent = (onTime * 200 + settled.count) / (2 * settled.count)
            }
            r.receivable = sheet.clientBalances[key] ?? 0
            r.dso = ClientBehaviour.dso(receivable: r.receivable, sales: r.sales90)
            r.recentDaysLate = groups[g].lateness.recentMean
            r.historyDaysLate = groups[g].lateness.historyMean
            if let now = r.recentDaysLate, let before = r.historyDaysLate {
                let t = ClientBehaviour.trendThresholdDays * 10
                r.trend = now.value - before.value > t ? .worsening : before.value - now.value > t ? .improving : .steady
            }
            r.lastContact = contacts[key.client]?.any
            r.lastSaid = contacts[key.client]?.note
            rows.append(r)
        }
        self.rows = rows

        var totals: [Currency: ClientBehaviourTotals] = [:]
        for r in rows {
            var t = totals[r.currency] ?? ClientBehaviourTotals(currency: r.currency)
            t.receivable += r.receivable
            t.sales90 += r.sales90
            totals[r.currency] = t
        }
        self.totals = totals.keys.sorted().map { c in
            var t = totals[c]!
            t.dso = ClientBehaviour.dso(receivable: t.receivable, sales: t.sales90)
            return t
        }
    }

    public static func build(_ ledger: Ledger, asOf: Day) -> ClientBehaviour {
        ClientBehaviour(ledger: ledger, sheet: BalanceEngine.balances(ledger, asOf: asOf))
    }

    /// How many days after its due date an invoice paid up on `settled` was paid: none when it
    /// was paid on time or early. A due date on a weekend or a holiday runs to the next working
    /// day (`Settings.workingDay`), as a promise's and an instalment's do (3.9, 3.10): money
    /// sent by bank transfer cannot arrive before, so an invoice due on a bank holiday and paid
    /// the day after was paid on time, and one paid two days after it, one day late. The one
    /// measure of lateness the client table, its trend, the report's monthly chart and a
    /// reminder's `reminder.habit` read (§4 rule 7).
    static func daysLate(settled: Day, due: Day, _ settings: Settings) -> Int { max(0, settled.days(since: settings.workingDay(due))) }

    /// receivable ÷ sales × 90, rounded half up; nil when nothing was sold in the window.
    static func dso(receivable: Int64, sales: Int64) -> Int? {
        guard sales > 0 else { return nil }
        let r = Int128(max(0, receivable)) * Int128(dsoWindowDays)
        return Int((r * 2 + Int128(sales)) / (2 * Int128(sales)))
    }

    /// The latest note and the latest note or letter of each client, by date then as written.
    static func contacts(_ ledger: Ledger, asOf: Day) -> [String: (any: Contact, note: Contact?)] {
        // Clients are found by their place in `ledger.clients` (an id the ledger does not define
        // gets a place after them): the resolver's index hashes an id at a fraction of the cost
        // of a dictionary, and a large ledger has hundreds of thousands of notes and letters.
        var ids = ledger.clients.map(\.id)
        var others: [String: Int] = [:]
        // The winners are found by index; a contact (and a note's gist) is built only for them.
        var best = [(date: Day, order: Int, note: Int?, letter: Int?)?](repeating: nil, count: ids.count)
        var notes = [(date: Day, order: Int, note: Int)?](repeating: nil, count: ids.count)
        func place(_ client: String) -> Int {
            if let k = ledger.clientIndex[client] ?? others[client] { return k }
            others[client] = ids.count
            ids.append(client)
            best.append(nil)
            notes.append(nil)
            return ids.count - 1
        }
        // Read in place: a note copied to ask whether it is a contact would copy all its text.
        ledger.notes.withUnsafeBufferPointer { all in
            // A note for the file is the user's record, not a contact with the client.
            for k in all.indices where all[k].date <= asOf && all[k].isContact {
                let c = place(all[k].client), date = all[k].date, order = all[k].order
                if let b = notes[c], (b.date, b.order) > (date, order) {} else { notes[c] = (date, order, k) }
                if let b = best[c], (b.date, b.order) > (date, order) {} else { best[c] = (date, order, k, nil) }
            }
        }
        for k in ledger.letters.indices where ledger.letters[k].date <= asOf {
            let c = place(ledger.letters[k].client), date = ledger.letters[k].date, order = ledger.letters[k].order
            if let b = best[c], (b.date, b.order) > (date, order) {} else { best[c] = (date, order, nil, k) }
        }
        func note(_ k: Int) -> Contact {
            let n = ledger.notes[k]
            return Contact(date: n.date, kind: n.channel.rawValue, gist: n.gist(in: ledger.files))
        }
        func letter(_ k: Int) -> Contact {
            let l = ledger.letters[k]
            return Contact(date: l.date, kind: "sent " + l.stage.rawValue + " letter", gist: l.invoices.joined(separator: " "))
        }
        var out: [String: (any: Contact, note: Contact?)] = [:]
        for (c, v) in best.enumerated() {
            guard let v else { continue }
            out[ids[c]] = (v.note.map(note) ?? letter(v.letter!), notes[c].map { note($0.note) })
        }
        return out
    }
}

/// The days late that speak for a client's trend, kept as the trend reads them: the latest
/// `ClientBehaviour.recentCount` invoices (by due date, then issue date, then as written) in
/// full, and of the earlier ones only their sum and count. Keeping every invoice's days in an
/// array per client, to sort them once at the end, cost a cache miss on another client's array
/// for nearly every invoice of a ledger kept by date.
struct LatenessTally {
    /// One invoice's days late, with where it stands in the client's list.
    struct Late {
        var due: Int32
        var issued: Int32
        var order: Int
        var days: Int

        /// Later in the client's list.
        func isAfter(_ other: Late) -> Bool {
            (due, issued, order) > (other.due, other.issued, other.order)
        }
    }

    /// Room for the latest, held in place rather than in an array of their own; a test holds
    /// its size to `ClientBehaviour.recentCount`.
    typealias Latest = InlineArray<3, Late>

    /// The latest `kept`, earliest first.
    private var latest = Latest(repeating: Late(due: 0, issued: 0, order: 0, days: 0))
    private(set) var kept = 0
    private var earlierSum = 0
    private(set) var earlierCount = 0

    /// Adds an invoice met after every one added so far in the ledger: of two in the same place
    /// in the list, the one met later counts as the later, as a stable sort in ledger order has it.
    mutating func add(_ late: Late) {
        // Where `late` goes among those kept: after every one not later than it.
        var k = kept
        while k > 0 && latest[k - 1].isAfter(late) { k -= 1 }
        if kept < Latest.count {
            var j = kept
            while j > k {
                latest[j] = latest[j - 1]
                j -= 1
            }
            latest[k] = late
            kept += 1
        } else if k == 0 {
            earlierSum += late.days
            earlierCount += 1
        } else {
            // The earliest kept becomes history, and the rest move down to make room.
            earlierSum += latest[0].days
            earlierCount += 1
            for j in 0..<(k - 1) { latest[j] = latest[j + 1] }
            latest[k - 1] = late
        }
    }

    /// The days late of the latest, earliest first.
    var recentDays: [Int] { (0..<kept).map { latest[$0].days } }
    var recentMean: Tenths? { Tenths.mean(sum: (0..<kept).reduce(0) { $0 + latest[$1].days }, count: kept) }
    var historyMean: Tenths? { Tenths.mean(sum: earlierSum, count: earlierCount) }
}
