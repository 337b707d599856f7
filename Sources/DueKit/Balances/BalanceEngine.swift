/// What one invoice owes on a date, and how it got there. A sheet keeps them in 16 bytes each
/// (`InvoiceBalances`); this is one read out of it, with every figure at full width.
public struct InvoiceBalance: Sendable, Hashable {
    var figures = Figures()
    // The two days as bare ordinals, `InvoiceBalance.noDay` for none, as the sheet keeps them
    // (an optional day takes 8 bytes with its padding; no ledger date comes near `Int32.min`:
    // years 1 to 9999 are about ±3 million days from 1970).
    var settledOrdinal = InvoiceBalance.noDay
    var lastPaymentOrdinal = InvoiceBalance.noDay
    static let noDay = Int32.min

    /// What reduced the total, with the total.
    struct Figures: Sendable, Hashable {
        var total: Int64 = 0
        var paid: Int64 = 0
        var credited: Int64 = 0
        var writtenOff: Int64 = 0
        /// Of `writtenOff`, what is the user's own loss, not paid back since: never more than
        /// `writtenOff`, so a balance with a loss keeps its figures apart.
        var lost: Int64 = 0
        var discount: Int64 = 0

        /// Whether the sheet keeps the figures in the balance's place: a total and a payment in
        /// 32 bits and nothing else. The smallest 32-bit total is left out: it marks a place
        /// whose figures are apart (`InvoiceBalances.apartMark`).
        var fitInPlace: Bool {
            credited == 0 && writtenOff == 0 && discount == 0 && total > Int64(InvoiceBalances.apartMark)
                && total <= Int64(Int32.max) && Int32(exactly: paid) != nil
        }
    }

    public var total: Int64 {
        get { figures.total }
        set { figures.total = newValue }
    }

    public var paid: Int64 {
        get { figures.paid }
        set { figures.paid = newValue }
    }

    public var credited: Int64 {
        get { figures.credited }
        set { figures.credited = newValue }
    }

    public var writtenOff: Int64 {
        get { figures.writtenOff }
        set { figures.writtenOff = newValue }
    }

    /// Of `writtenOff`, what was the user's own loss (a write-off without `waived`, 3.8) and
    /// has not been paid back since (4, rule 5): the books count it as gone, but the client
    /// was never told, so it still owes it.
    public var lost: Int64 {
        get { figures.lost }
        set { figures.lost = newValue }
    }

    /// Of `writtenOff`, what the client knows was taken off: sums waived (3.8).
    public var waived: Int64 { figures.writtenOff - figures.lost }

    /// What the client still owes on it, as a letter asks for it: what is open in the books and
    /// any loss written off it (3.8), which no letter forgives. Equal to `open` but for an
    /// invoice with a loss.
    public var owed: Int64 { open + figures.lost }

    /// What a letter asks for on it: `owed` while the books have something open; nothing once
    /// they have not, when the invoice has left the letters with any loss standing (3.8).
    public var asked: Int64 { open > 0 ? owed : 0 }

    /// What a letter shows as credited: credit notes, sums waived and the discount taken, all
    /// that came off with the client's knowledge; not a loss.
    public var creditedAsTold: Int64 { figures.credited + waived + figures.discount }

    /// Early-payment discount taken.
    public var discount: Int64 {
        get { figures.discount }
        set { figures.discount = newValue }
    }

    /// The early-payment discount `percent` allows (§4 rule 6): that share of what the client
    /// was to pay, the total less credit notes, which are money not owed rather than paid.
    func discountAllowed(_ percent: DecimalValue) -> Int128 {
        Self.share(percent, of: total - credited)
    }

    /// `percent` of `amount`, rounded as discounts are. In 128 bits: the parser keeps
    /// discounts to 100%, but a larger one must not trap here.
    static func share(_ percent: DecimalValue, of amount: Int64) -> Int128 {
        MoneyFormat.divideRounded(Int128(amount) * Int128(percent.digits), 100 * MoneyFormat.pow10(percent.scale))
    }

    /// The day the open amount reached zero.
    public var settled: Day? {
        get { settledOrdinal == Self.noDay ? nil : Day(ordinal: settledOrdinal) }
        set { settledOrdinal = newValue?.ordinal ?? Self.noDay }
    }

    /// The last day money paid was applied to it: a credit note is no payment.
    public var lastPayment: Day? {
        get { lastPaymentOrdinal == Self.noDay ? nil : Day(ordinal: lastPaymentOrdinal) }
        set { lastPaymentOrdinal = newValue?.ordinal ?? Self.noDay }
    }

    /// The day the client had paid all it owed on the invoice, which days late count to (§4
    /// rule 7): the day it was settled, or the day of its last payment when credit notes, sums
    /// waived or its discount closed what that payment left. Those took off money that was not
    /// owed; none of it was paid late. Nil while it is open, and for one no money was paid
    /// towards (credited or waived in full: nothing was owed, so it was neither late nor on
    /// time).
    public var paidUp: Day? {
        guard let s = settled, paid > 0 else { return nil }
        return lastPayment.map { min($0, s) } ?? s
    }

    /// False when the invoice is dated after the as-of date (it does not exist yet). Worked out
    /// rather than kept, so that nothing pads a balance: an issued invoice either has a
    /// positive total or was settled the day it was issued (nothing to pay), and one not
    /// issued has neither.
    public var issued: Bool { total > 0 || settledOrdinal != Self.noDay }

    /// What is left to pay: the total less all that reduced it. Worked out rather than kept,
    /// for the same reason. Nothing takes more than is open, so the sum taken never exceeds a
    /// positive total.
    public var open: Int64 {
        figures.total - (figures.paid + figures.credited + figures.writtenOff + figures.discount)
    }
}

/// A client's money in one currency: the unit balances are kept in, never mixing currencies.
public struct ClientCurrency: Sendable, Hashable, Comparable {
    public var client: String
    public var currency: Currency

    public init(client: String, currency: Currency) {
        self.client = client
        self.currency = currency
    }

    public static func < (a: ClientCurrency, b: ClientCurrency) -> Bool {
        (a.client, a.currency.code) < (b.client, b.currency.code)
    }
}

/// One application of money to an invoice, kept when tracing so a failed balance assertion can
/// list the entries behind it.
public struct Movement: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case invoiced, paid, credited, writtenOff, discount

        /// As a balance assertion's notes say it.
        public var words: String { self == .writtenOff ? "written off" : self == .discount ? "discount taken" : rawValue }
    }
    public var kind: Kind
    public var date: Day
    public var amount: Int64
    /// The entry behind it.
    public var anchor: EntryAnchor
}

/// Money a payment or credit note paid on one invoice without an `apply` naming it.
public struct AppliedMoney: Sendable, Hashable {
    /// Index into `ledger.invoices`.
    public var invoice: Int
    public var amount: Int64
}

/// Something the engine met while applying money, for a rule to judge (grammar.md §6.5): which
/// entries, and the amounts, in minor units of the entry's currency. Indexes point into the
/// ledger's arrays of payments, write-offs and assertions.
public enum BalanceFact: Sendable {
    /// From allocation `allocation` on, payment `payment`'s `apply` amounts asked for more than
    /// it had; `left` was left for that line (E402).
    case overAllocated(payment: Int, allocation: Int, left: Int64)
    /// Allocation `allocation` of payment `payment` asked `extra` more than the `open` its
    /// invoice had (W401).
    case overpaid(payment: Int, allocation: Int, extra: Int64, open: Int64)
    /// Payment `payment`, naming no invoice, met nothing of its client and currency open (W404).
    case nothingOpen(payment: Int)
    /// Payment `payment`, naming no invoice, paid all `open` its client had in its currency and
    /// left `extra` on account with nothing open to take it (W435).
    case moreThanOpen(payment: Int, extra: Int64, open: Int64)
    /// Payment `payment`'s amountless `apply` lines (the first is `allocation`) named invoices
    /// that had `surplus` less open than it brought; `paid` is what the surplus paid of other
    /// invoices, the rest went on account (W415).
    /// `took`: what those amountless lines gave their invoices, of which `recovered` paid back
    /// losses written off them.
    case surplus(payment: Int, allocation: Int, named: [String], surplus: Int64, paid: [AppliedMoney], took: Int64, recovered: Int64)
    /// Write-off `writeOff` of `amount` found only `open` on its invoice, `invoice` (E406): it
    /// was not counted.
    case writeOffBeyondOpen(writeOff: Int, invoice: Int, amount: Int64, open: Int64)
    /// Write-off `writeOff`, naming no amount, found nothing open on its invoice, `invoice`:
    /// it wrote off nothing (W422).
    /// `settled`: the day the invoice was settled, as it stood at the write-off.
    case writeOffOfNothing(writeOff: Int, invoice: Int, settled: Day?)
    /// Refund `refund` of `amount` found only `held` on account for its client in its currency
    /// on its day (E423): it was not counted. `elsewhere`: what the client held that day in
    /// other currencies, for the hint.
    case refundBeyondHeld(refund: Int, amount: Int64, held: Int64, elsewhere: [(currency: Currency, amount: Int64)])
    /// Assertion `assertion` found `actual` owed: for an invoice, the `movements` behind it; for
    /// a client, the invoices it had `open` and its `credit` on account (E405).
    case assertionFailed(assertion: Int, actual: Int64, movements: [Movement], open: [(invoice: Int, open: Int64)], credit: Int64)
}

/// Balances of every invoice and client as of a date: the one model of what is owed. The
/// checker, aging, letters and exports all read this; none computes balances its own way.
public struct BalanceSheet: Sendable {
    public let asOf: Day
    /// Parallel to `ledger.invoices`.
    public var invoices: InvoiceBalances
    /// Unapplied money per client and currency (positive: the client is in credit).
    public var creditOnAccount: [ClientCurrency: Int64] { didSet { currencies = Self.currencies(creditOnAccount, clientBalances) } }
    /// What the checker's rules judge (overpayments, allocations beyond a payment, failed
    /// assertions); filled only when asked for.
    public var facts: [BalanceFact]
    /// Where money not applied by `apply` went (oldest open invoice first), keyed by the
    /// payment's or credit note's `order`: a letter names the invoices it paid. For a credit
    /// note, every share, what its `apply` lines took first.
    public var applied: [Int: [AppliedMoney]] = [:]
    /// Invoice index → what money already held on account paid of it when it was issued.
    public var fromAccount: [Int: Int64] = [:]
    /// Payment `order` → what of it was left on account on its day with nothing of its client's
    /// open in its currency to take it: an overpayment, which a letter tells the client of
    /// (`payments.received`). Not money a query holds back (an invoice in query is open), nor a
    /// payment marked `on-account`, which the client meant to be held.
    public var overpayments: [Int: Int64] = [:]
    /// Of `creditOnAccount`, what payments marked `on-account` (3.6) brought for work not yet
    /// invoiced: held as the client asked, for the next invoices, without the zeros.
    public var paidOnAccount: [ClientCurrency: Int64] = [:]
    /// What each client owes per currency: open invoices less credit on account, without the
    /// zeros.
    public var clientBalances: [ClientCurrency: Int64] = [:] { didSet { currencies = Self.currencies(creditOnAccount, clientBalances) } }
    /// Every currency of `creditOnAccount` and `clientBalances`, in code order: a few, where
    /// clients are thousands, so one client's figures are looked up currency by currency
    /// rather than found by a pass over every client's (a letter for each of 10,000 clients
    /// read all 10,000 clients' money on account, three times).
    public private(set) var currencies: [Currency] = []

    private static func currencies(_ a: [ClientCurrency: Int64], _ b: [ClientCurrency: Int64]) -> [Currency] {
        Set(a.keys.map(\.currency)).union(b.keys.map(\.currency)).sorted()
    }
    /// Parallel to `ledger.writeOffs`: what each write-off took off its invoice (an entry
    /// without an amount takes what was open; one dated after the as-of date, or one of more
    /// than was open (E406), nothing).
    public var writtenOff: [Int64] = []
    /// Parallel to `ledger.refunds`: what each refund took out of the money its client held on
    /// account (one dated after the as-of date, or of more than was held (E423), nothing).
    public var refunded: [Int64] = []
    /// When each invoice was in dispute; ask `openDispute` and `wasDisputed` for the as-of date.
    public var disputes = DisputeHistory.none
    /// Money paid towards invoices written off as a loss, in the order paid: each took back
    /// that much of the write-off (4, rule 5). `writtenOff` keeps what each write-off took on
    /// its own day; an invoice's balance shows what is still written off.
    public var recoveries: [Recovery] = []
    /// Invoice index → the recoveries (`recoveries`) of its loss made with money the client
    /// already had on account, released by a write-off or by a query settled (not a payment's
    /// own money, which the payment's invoices name): a thank-you says where that money went.
    public var recoveredFromAccount: [Int: [Recovery]] = [:]
    /// Invoice index → what money held on account paid of what the invoice had open when a
    /// query settled released it to the invoice (4, rule 4), with the day, one for each query
    /// settled that released some. Part of `fromAccount`, which also counts what such money
    /// paid of it when it was issued; what paid back a loss is in `recoveredFromAccount`.
    public var releasedByQuery: [Int: [(date: Day, amount: Int64)]] = [:]
    /// The write-offs (indexes into `ledger.writeOffs`) that were the user's own loss, as judged
    /// on their day (3.8); the others took off a sum waived with the client's knowledge.
    public var lossWriteOffs: Set<Int> = []
    /// How the invoices that letters charge interest on, or cite an earlier demand's claim on,
    /// stood day by day: filled by a letters job before it drafts (`BalanceEngine.openHistory`),
    /// empty otherwise, when each claim traces its own invoices.
    public var history = OpenHistory()

    /// No balances at all: the stand-in a rule that never reads them is given.
    public static func empty(asOf: Day) -> BalanceSheet {
        BalanceSheet(asOf: asOf, invoices: InvoiceBalances(count: 0), creditOnAccount: [:], facts: [])
    }

    /// What `client` holds on account, currency by currency in code order, without the zeros.
    public func heldOnAccount(by client: String) -> [(currency: Currency, amount: Int64)] {
        currencies.compactMap { c in
            let m = creditOnAccount[ClientCurrency(client: client, currency: c)] ?? 0
            return m > 0 ? (c, m) : nil
        }
    }

    /// What `client` owes per currency (less money on account), in code order, without the zeros.
    public func balances(of client: String) -> [(currency: Currency, amount: Int64)] {
        currencies.compactMap { c in
            clientBalances[ClientCurrency(client: client, currency: c)].map { (c, $0) }
        }
    }

    /// The dispute open on invoice `number` on the as-of date.
    public func openDispute(_ number: String) -> DisputeHistory.Open? { disputes.open(number, on: asOf) }

    /// Whether invoice `number` had been disputed by the as-of date, resolved since or not.
    public func wasDisputed(_ number: String) -> Bool { disputes.wasDisputed(number, by: asOf) }

    /// The days money the client had paid earlier, held on account, went to invoice `i`: when
    /// a query about it was settled (4, rule 4), or to pay back a loss written off it (4,
    /// rule 5). That is money towards the invoice as much as a payment is, on the day it went
    /// to it (a payment held while the invoice was in query was not for it then): the engine
    /// moves it before the day's entries, so a letter that day comes after it.
    func heldMoneyReached(_ i: Int) -> [Day] {
        (releasedByQuery[i] ?? []).map(\.date) + (recoveredFromAccount[i] ?? []).map(\.date)
    }

    /// This sheet with the history of `invoices` (`history`), traced in one run over their
    /// clients' entries; itself when there are none, or its history covers them already.
    public func tracing(_ invoices: [Int], in ledger: Ledger) -> BalanceSheet {
        guard !invoices.isEmpty, !history.covers(invoices, through: asOf) else { return self }
        var traced = self
        traced.history = BalanceEngine.openHistory(ledger, of: invoices, through: asOf)
        return traced
    }
}

/// Part of a bad debt paid after all: `amount` went to invoice `invoice` (an index into
/// `ledger.invoices`), beyond what it had open, taking back that much of what was written off
/// as a loss, on `date`.
public struct Recovery: Sendable, Equatable {
    /// Whose money paid it back.
    public enum Source: Sendable, Equatable {
        /// Payment `p` (an index into `ledger.payments`), on its day, from its own money.
        case payment(Int)
        /// Money the client already had on account, released that day: by write-off `w`
        /// (an index into `ledger.writeOffs`), which made the loss, or by the resolution of a
        /// dispute in note `n` (an index into `ledger.notes`), which had held it back.
        case writeOff(Int)
        case resolution(Int)

        /// Money already on account (`writeOff`, `resolution`), not a payment's own.
        public var isAccount: Bool {
            if case .payment = self { return false }
            return true
        }
    }
    public var source: Source
    public var invoice: Int
    public var amount: Int64
    public var date: Day

    public init(_ source: Source, invoice: Int, amount: Int64, date: Day) {
        self.source = source
        self.invoice = invoice
        self.amount = amount
        self.date = date
    }

    /// The payment whose own money it was; nil for money already on account.
    public var payment: Int? {
        if case .payment(let p) = source { return p }
        return nil
    }

    /// The place in the file of the entry that moved the money: the export writes it there
    /// among the day's transactions.
    public func order(in ledger: Ledger) -> Int {
        switch source {
        case .payment(let p): ledger.payments[p].order
        case .writeOff(let w): ledger.writeOffs[w].order
        case .resolution(let n): ledger.notes[n].order
        }
    }
}

extension Recovery.Source {
    /// The entry that moved the money, where a movement traced for it points.
    func anchor(in ledger: Ledger) -> EntryAnchor {
        switch self {
        case .payment(let p): ledger.payments[p].anchor
        case .writeOff(let w): ledger.writeOffs[w].anchor
        case .resolution(let n): ledger.notes[n].anchor
        }
    }
}

public struct BalanceOptions: Sendable {
    /// Record overpayments, over-allocations and assertion failures as `BalanceFact`s.
    public var collectFacts = false

    public init(collectFacts: Bool = false) {
        self.collectFacts = collectFacts
    }
}

/// Applies every dated entry in order, following grammar.md §4.
public enum BalanceEngine {
    public static func balances(_ ledger: Ledger, asOf: Day, options: BalanceOptions = BalanceOptions()) -> BalanceSheet {
        var run = Run(ledger: ledger, asOf: asOf, options: options)
        run.go()
        return run.sheet(asOf: asOf)
    }

    /// The sheets as of several dates, in the order given, from one pass over the entries: the
    /// same as `balances(_:asOf:)` for each date, each taken once the run has applied everything
    /// dated on or before it. Reports that look at many past dates read the ledger once.
    public static func balances(_ ledger: Ledger, at dates: [Day]) -> [BalanceSheet] {
        var taken: [Day: BalanceSheet] = [:]
        forEachSheet(ledger, at: dates) { taken[$0.asOf] = $0 }
        return dates.map { taken[$0]! }
    }

    /// The sheets as of several dates, oldest first (each date once), handed to `body` as the
    /// one pass over the entries reaches them. A sheet `body` does not keep is gone before the
    /// run goes on, so the run updates its balances in place: a report of twelve month-ends
    /// holds one sheet at a time instead of copying every invoice's balance twelve times.
    public static func forEachSheet(_ ledger: Ledger, at dates: [Day], _ body: (BalanceSheet) -> Void) {
        guard let last = dates.max() else { return }
        _ = balances(ledger, asOf: last, passing: dates, body)
    }

    /// The sheet as of `asOf`, and on the way, as `forEachSheet` does, the sheets as of those
    /// of `dates` not after it: the checker's one run also gives a report its month-ends.
    /// Collecting facts changes no balance, and the sheets passed carry none: they are those of
    /// a plain run.
    public static func balances(_ ledger: Ledger, asOf: Day, options: BalanceOptions = BalanceOptions(), passing dates: [Day], _ body: (BalanceSheet) -> Void) -> BalanceSheet {
        let ordered = Array(Set(dates.filter { $0 <= asOf })).sorted()
        var run = Run(ledger: ledger, asOf: asOf, options: options)
        var next = 0
        _ = run.go(handingOut: ordered, &next, body)
        run.letGoOfLinks()
        while next < ordered.count {
            body(run.sheet(asOf: ordered[next], facts: false))
            next += 1
        }
        return run.sheet(asOf: asOf)
    }

    /// What the books held at the end of each of `days` of a few invoices of some clients:
    /// `read` is handed the place of the day in `days` (sorted, each once) and a view of the
    /// run that day, from one pass over `entries`, those clients' (money never passes between
    /// clients).
    /// For many days and a few invoices each, where a sheet a day would copy every invoice's
    /// balance for each.
    /// `disputes`: the ledger's, read once for many such runs.
    static func look(_ ledger: Ledger, at days: [Day], of entries: Picked, disputes: DisputeHistory, _ read: (Int, Books) -> Void) {
        guard let last = days.last else { return }
        var run = Run(ledger: ledger, asOf: last, options: BalanceOptions(), disputes: disputes)
        run.only = entries
        run.resolutions.removeAll { !entries.covers(invoice: Int($0.invoice), of: ledger) }
        var next = 0
        _ = run.go(stoppingAt: days, &next) { run, k in read(k, Books(run: run)) }
        while next < days.count {
            read(next, Books(run: run))
            next += 1
        }
    }

    /// A run's books as they stand, read one invoice or payment at a time (`look`).
    struct Books {
        fileprivate let run: Run
        subscript(invoice i: Int) -> InvoiceBalance { run.balances[i] }
        /// Where the money of the payment written `order`-th went.
        func applied(_ order: Int) -> [AppliedMoney] { run.applied[order] ?? [] }
    }

    /// The same as of the later of `asOf` and the ledger's last dated entry
    /// (`Checker.latestDate`), without a pass over every entry to find that date first: the
    /// run applies invoices, payments, write-offs and (collecting facts) assertions in date
    /// order, so the last it applies is the latest of those, and only the kinds it does not
    /// apply are read for their dates. Every entry is on or before that date, so the run
    /// applies them all, as it would as of that date.
    public static func balancesThroughLastEntry(_ ledger: Ledger, from asOf: Day, options: BalanceOptions = BalanceOptions(), passing dates: [Day], _ body: (BalanceSheet) -> Void) -> BalanceSheet {
        let ordered = Array(Set(dates)).sorted()
        var run = Run(ledger: ledger, asOf: nil, options: options)
        var next = 0
        var through = asOf
        if let last = run.go(handingOut: ordered, &next, body) { through = max(through, last) }
        run.letGoOfLinks()
        if let last = latestNotApplied(ledger, assertions: !options.collectFacts) { through = max(through, last) }
        while next < ordered.count && ordered[next] <= through {
            body(run.sheet(asOf: ordered[next], facts: false))
            next += 1
        }
        return run.sheet(asOf: through)
    }

    /// How each of `invoices` stood day by day through `asOf`, from a run over the entries of
    /// their clients alone: money never passes from one client to another, so each balance
    /// moves as in a run over the whole ledger. Every invoice's place is made ready as for
    /// that run, so one call for all the invoices a job needs costs about one pass over
    /// memory, not one per letter.
    public static func openHistory(_ ledger: Ledger, of invoices: some Sequence<Int>, through asOf: Day) -> OpenHistory {
        let wanted = Array(Set(invoices)).sorted()
        var history = OpenHistory()
        history.traced = Set(wanted)
        history.through = asOf
        guard !wanted.isEmpty else { return history }
        let clients = FewClients(wanted, of: ledger)
        var run = Run(ledger: ledger, asOf: asOf, options: BalanceOptions())
        run.resolutions.removeAll { !clients.contains(invoice: Int($0.invoice), of: ledger) }
        run.keepsHeld = true
        var seen = [(open: Int64, booked: Int64, credited: Int64)?](repeating: nil, count: wanted.count)
        // An invoice or payment moves the invoices of its own client alone: after one, only
        // theirs are looked at (by the number the resolver gave the client), not every invoice
        // wanted, which on a large ledger made this run's cost the events times the invoices.
        var ofClient: [Int32: [Int]] = [:]
        var unnumbered: [Int] = []
        for (k, i) in wanted.enumerated() {
            if let n = ledger.invoices[i].clientNumber { ofClient[n, default: []].append(k) } else { unnumbered.append(k) }
        }
        func note(_ day: Int32, _ places: some Sequence<Int>) {
            for k in places where run.balances[wanted[k]].issued {
                let i = wanted[k]
                // What a letter asks for (a loss written off is still owed, 3.8) is what bore
                // interest; what the books have open says whether a letter asks for it at all.
                let now = (open: run.balances[i].owed, booked: run.balances[i].open, credited: run.balances[i].credited)
                if seen[k].map({ $0 != now }) ?? true {
                    history.changes[i, default: []].append(OpenHistory.Change(day: Day(ordinal: day), open: now.open, booked: now.booked, credited: now.credited))
                    seen[k] = now
                }
            }
        }
        func note(_ day: Int32, after e: Event) {
            let client: Int32? = switch e.kind {
            case .invoice: ledger.invoices[Int(e.index)].clientNumber
            case .payment: ledger.payments[Int(e.index)].clientNumber
            // Write-offs and refunds are few: every invoice wanted is looked at.
            case .writeOff, .refund, .assertion: nil
            }
            guard let client else { return note(day, wanted.indices) }
            note(day, ofClient[client] ?? [])
            note(day, unnumbered)
        }
        var order = EventOrder(ledger, asOf: asOf, clients: clients)
        var none = 0
        func settle(through day: Int32) {
            while run.nextResolution < run.resolutions.count, run.resolutions[run.nextResolution].date <= day {
                let d = run.resolutions[run.nextResolution].date
                run.settleResolved(through: d, [], &none) { _, _ in }
                note(d, wanted.indices)
            }
        }
        while let e = order.next() {
            settle(through: e.date)
            run.step(e, readingAhead: order)
            note(e.date, after: e)
        }
        settle(through: asOf.ordinal)
        for h in run.heldPaid where history.traced.contains(h.invoice) {
            history.heldPaid[h.invoice, default: []].append(OpenHistory.HeldPaid(received: h.received, applied: h.applied, amount: h.amount))
        }
        return history
    }

    /// The latest date of the entries a run does not apply: notes, payments' `returned` lines
    /// (taken out before a run, 3.6), plans, letters, and
    /// balance assertions unless it checks them; nil when there are none.
    static func latestNotApplied(_ l: Ledger, assertions: Bool) -> Day? {
        var m: Day?
        func see(_ d: Day) { if m.map({ d > $0 }) ?? true { m = d } }
        for k in l.notes.indices { see(l.notes[k].date) }
        for k in l.returns.indices { see(l.returns[k].date) }
        for k in l.plans.indices { see(l.plans[k].date) }
        for k in l.letters.indices { see(l.letters[k].date) }
        if assertions { for k in l.assertions.indices { see(l.assertions[k].date) } }
        return m
    }

    struct Event {
        var date: Int32
        /// Also the order on one date: invoices, then payments, write-offs, refunds and assertions.
        var kind: EventKind
        var order: Int32
        var index: Int32
    }

    enum EventKind: UInt8 { case invoice, payment, writeOff, refund, assertion }

    struct Slot {
        var cash: Int64 = 0
        var credit: Int64 = 0
        /// Money paid on account for work not yet invoiced (a payment marked `on-account`,
        /// 3.6): held apart from `cash`, as it pays the invoices issued after it, not those
        /// open when it came, nor losses written off them.
        var deposit: Int64 = 0
        /// Sum of open invoices, so a client's balance is known at any moment.
        var open: Int64 = 0
        /// The slot's invoices in the order issued, from the oldest that may still be open to
        /// the newest, linked through `Run.nextInSlot` (`Run.none`: no invoice). Links instead
        /// of an array per slot: a slot holds no reference, so reading and changing one costs
        /// no reference counting, and a new invoice allocates nothing.
        var first = Run.none
        var last = Run.none

        /// All the money the client holds on account in the slot's currency.
        var held: Int64 { cash + credit + deposit }
    }

    /// A client's first slot with its currency, read together: nearly every entry is in its
    /// client's first currency, found with one read instead of two, one waiting on the other.
    struct FirstSlot {
        /// -1: none yet.
        var slot: Int32 = -1
        var currency = Currency.unknown
    }

    struct Run {
        let ledger: Ledger
        /// The last day applied; nil: every entry.
        let asOf: Day?
        let options: BalanceOptions
        var balances: InvoiceBalances
        /// Parallel to `ledger.invoices`: the next invoice issued in the same slot.
        var nextInSlot: [Int32]
        static let none: Int32 = -1
        var slots: [Slot] = []
        var slotKeys: [ClientCurrency] = []
        var slotIndex: [ClientCurrency: Int] = [:]
        var numberedSlots: [Int: Int] = [:]
        var firstSlot: [FirstSlot] = []
        var facts: [BalanceFact] = []
        /// Movements per traced invoice (those named by a balance assertion).
        var traced: [Int: [Movement]] = [:]
        /// Whether money paid on account is kept by the day it came (`heldSince`), to know when
        /// money held back from an invoice in dispute reached us: only the run that traces a
        /// demand's interest (`openHistory`) asks.
        var keepsHeld = false
        /// Per slot, the money paid on account and not yet used, by the day it came, oldest first.
        var heldSince: [Int: [(day: Day, amount: Int64)]] = [:]
        /// Money held on account that paid an invoice on a later day than it came (rule 4).
        var heldPaid: [(invoice: Int, received: Day, applied: Day, amount: Int64)] = []
        var applied: [Int: [AppliedMoney]] = [:]
        var fromAccount: [Int: Int64] = [:]
        var overpayments: [Int: Int64] = [:]
        var writtenOff: [Int64]
        var refunded: [Int64]
        /// Per slot, its invoices with a loss written off not yet paid back
        /// (`InvoiceBalance.lost`, `Recovery`): money left on account looks there
        /// (`recoverFromAccount`). Empty in most runs, which then look for nothing.
        var lossy: [Int: [Int]] = [:]
        var lossWriteOffs: Set<Int> = []
        var recoveries: [Recovery] = []
        var recoveredFromAccount: [Int: [Recovery]] = [:]
        var releasedByQuery: [Int: [(date: Day, amount: Int64)]] = [:]
        let disputes: DisputeHistory
        /// Invoices ever disputed: money on account passes over one while its dispute is open.
        var disputed: Set<Int32> = []
        /// The disputes resolved, in date order: on that day, money on account pays the invoice
        /// it passed over (4.4). `nextResolution`: the first not yet applied.
        var resolutions: [(date: Int32, invoice: Int32, note: Int)] = []
        var nextResolution = 0
        /// What `warm` read, summed: nothing reads it.
        var warmth: Int64 = 0
        /// The entries the run applies, when not every client's (`look`).
        var only: Picked?
        /// The payments before this place in the order applied were warmed.
        var warmedUpTo = 0
        /// The invoices before this place in the order applied had their slots warmed.
        var slotsWarmedUpTo = 0

        init(ledger: Ledger, asOf: Day?, options: BalanceOptions, disputes: DisputeHistory? = nil) {
            self.ledger = ledger
            self.asOf = asOf
            self.options = options
            balances = InvoiceBalances(count: ledger.invoices.count)
            nextInSlot = [Int32](repeating: Run.none, count: ledger.invoices.count)
            firstSlot = [FirstSlot](repeating: FirstSlot(), count: ledger.clients.count)
            writtenOff = [Int64](repeating: 0, count: ledger.writeOffs.count)
            refunded = [Int64](repeating: 0, count: ledger.refunds.count)
            self.disputes = disputes ?? DisputeHistory(ledger)
            for (number, spans) in self.disputes.spans {
                guard let i = ledger.invoiceIndex[number] else { continue }
                disputed.insert(Int32(i))
                for case let r? in spans.map(\.resolvedBy) { resolutions.append((self.disputes.day(r.note).ordinal, Int32(i), r.note)) }
            }
            resolutions.sort { ($0.date, $0.invoice, $0.note) < ($1.date, $1.invoice, $1.note) }
            if options.collectFacts {
                for a in ledger.assertions { if let n = a.invoice, let i = ledger.invoiceIndex[n] { traced[i] = [] } }
            }
        }

        mutating func slot(_ client: String, _ currency: Currency) -> Int {
            let key = ClientCurrency(client: client, currency: currency)
            if let s = slotIndex[key] { return s }
            slotIndex[key] = slots.count
            slots.append(Slot())
            slotKeys.append(key)
            return slots.count - 1
        }

        /// Whose client id a slot is found for, read only when the table is: a long id is
        /// shared by all its client's entries, and each copy of it is a count kept by every core.
        enum Entry { case invoice(Int), payment(Int) }

        func clientID(of entry: Entry) -> String {
            switch entry {
            case .invoice(let i): ledger.invoices[i].client
            case .payment(let p): ledger.payments[p].client
            }
        }

        /// The same, keyed by the client's index where the resolver found one: the client's
        /// first slot is read from an array, a second currency's from a table with an integer
        /// key, instead of hashing the client's id for every invoice and payment.
        mutating func slot(_ number: Int32?, of entry: Entry, _ currency: Currency) -> Int {
            guard let number else { return slot(clientID(of: entry), currency) }
            let n = Int(number)
            if n < firstSlot.count, firstSlot[n].slot >= 0, firstSlot[n].currency == currency { return Int(firstSlot[n].slot) }
            let key = n << 32 | Int(currency.packed)
            if let s = numberedSlots[key] { return s }
            let s = slot(clientID(of: entry), currency)
            numberedSlots[key] = s
            if n >= firstSlot.count { firstSlot += repeatElement(FirstSlot(), count: n + 1 - firstSlot.count) }
            if firstSlot[n].slot < 0 { firstSlot[n] = FirstSlot(slot: Int32(s), currency: currency) }
            return s
        }

        /// The slot issued invoice `i` stands in, found again as `issue` found it, from its
        /// brief: nearly always the client's first slot, read from a small array, where a list
        /// of every invoice's slot took four bytes an invoice.
        mutating func slot(ofInvoice i: Int) -> Int {
            let brief = ledger.briefs[i]
            // The client's first slot without reading the invoice, whose id the others need.
            if let n = brief.clientNumber.map(Int.init), n < firstSlot.count, firstSlot[n].slot >= 0, firstSlot[n].currency == brief.currency {
                return Int(firstSlot[n].slot)
            }
            return slot(brief.clientNumber, of: .invoice(i), brief.currency)
        }

        /// Once every entry is applied: the links between a slot's invoices are read no more,
        /// and go before the sheet is made (four bytes an invoice, at the check's peak).
        mutating func letGoOfLinks() { nextInSlot = [] }

        /// The entries to apply, in order.
        func events() -> EventOrder {
            only.map { EventOrder(ledger, asOf: asOf, picked: $0) } ?? EventOrder(ledger, asOf: asOf, assertions: options.collectFacts)
        }

        mutating func go() {
            var order = events()
            var next = 0
            while let e = order.next() {
                if nextResolution < resolutions.count { settleResolved(through: e.date, [], &next) { _, _ in } }
                step(e, readingAhead: order)
            }
            if nextResolution < resolutions.count { settleResolved(through: asOf?.ordinal ?? Int32.max, [], &next) { _, _ in } }
        }

        /// Applies the resolutions of disputes dated on or before `day` (before the entries of
        /// that day): money on account that passed over the invoice while it was disputed pays
        /// it now. Hands `look` the run as of those of `dates` before each.
        mutating func settleResolved(through day: Int32, _ dates: [Day], _ next: inout Int, _ look: (Run, Int) -> Void) {
            while nextResolution < resolutions.count && resolutions[nextResolution].date <= day {
                let r = resolutions[nextResolution]
                nextResolution += 1
                if next < dates.count && r.date > dates[next].ordinal { handOut(before: r.date, dates, &next, look) }
                let i = Int(r.invoice)
                guard balances[i].issued, balances[i].open > 0 || balances[i].lost > 0 else { continue }
                let s = slot(ofInvoice: i)
                guard slots[s].cash > 0 || slots[s].credit > 0 else { continue }
                let day = Day(ordinal: r.date)
                let before = balances[i].open
                if before > 0 { drain(s, day) }
                // A letter says that money held on account went to it (as for a new invoice).
                if balances[i].open < before {
                    fromAccount[i, default: 0] += before - balances[i].open
                    releasedByQuery[i, default: []].append((day, before - balances[i].open))
                }
                // Money held back from a loss while its invoice was in dispute pays it back now
                // (rule 5), as money held back from what it had open does.
                if slots[s].cash > 0 && !lossy.isEmpty { _ = recoverFromAccount(s, day, by: .resolution(r.note), payer: nil) }
            }
        }

        /// Applies every entry, handing `body` the sheets as of those of `dates` (sorted, each
        /// once), from `next` on, that the entries pass; returns the date of the last entry
        /// applied, nil when there was none.
        mutating func go(handingOut dates: [Day], _ next: inout Int, _ body: (BalanceSheet) -> Void) -> Day? {
            go(stoppingAt: dates, &next) { run, k in body(run.sheet(asOf: dates[k], facts: false)) }
        }

        /// Applies every entry, handing `look` the run itself as of those of `dates` (sorted,
        /// each once), from `next` on, with the place of the date in `dates`: for a reader of a
        /// few invoices' balances on many days, which a sheet for each day (every invoice's
        /// balance copied) would cost far more than the run.
        mutating func go(stoppingAt dates: [Day], _ next: inout Int, _ look: (Run, Int) -> Void) -> Day? {
            var order = events()
            var last: Int32?
            while let e = order.next() {
                if nextResolution < resolutions.count { settleResolved(through: e.date, dates, &next, look) }
                if next < dates.count && e.date > dates[next].ordinal { handOut(before: e.date, dates, &next, look) }
                step(e, readingAhead: order)
                last = e.date
            }
            if nextResolution < resolutions.count { settleResolved(through: asOf?.ordinal ?? Int32.max, dates, &next, look) }
            return last.map(Day.init(ordinal:))
        }

        /// Hands `look` the run as of those of `dates` before `day`, from `next` on. Mutating
        /// only so that it reads the run in place: called on the run from the loop over the
        /// entries, a non-mutating method had the whole run (nearly 600 bytes) copied for every
        /// entry, whether there was a sheet to hand out or not.
        mutating func handOut(before day: Int32, _ dates: [Day], _ next: inout Int, _ look: (Run, Int) -> Void) {
            while next < dates.count && day > dates[next].ordinal {
                look(self, next)
                next += 1
            }
        }

        /// How many payments `warm` reads together.
        static let paymentsWarmed = 16

        /// How many invoices `warmSlots` reads together.
        static let invoicesWarmed = 16

        /// Applies `e`; before a payment that was not warmed, warms it and the payments `order`
        /// will hand out after it, and likewise before an invoice.
        mutating func step(_ e: Event, readingAhead order: EventOrder) {
            if e.kind == .payment {
                let place = order.handedOut(.payment)
                if place >= warmedUpTo {
                    warm(order, from: place)
                    warmedUpTo = place + Run.paymentsWarmed
                }
            } else if e.kind == .invoice {
                let place = order.handedOut(.invoice)
                if place >= slotsWarmedUpTo {
                    warmSlots(order, from: place)
                    slotsWarmedUpTo = place + Run.invoicesWarmed
                }
            }
            step(e)
        }

        /// Reads what paying `paymentsWarmed` payments from `place` on (in the order applied)
        /// will read of the invoices their `apply` lines name: the balance and the brief.
        /// Those invoices lie anywhere in arrays far larger than the cache, and paying waited on
        /// memory for each in turn. Read together, in a loop that does nothing else, the waits
        /// overlap (as in `IDTable.lookUp`), and paying finds them in the cache. The sum kept is
        /// never used: it only keeps the reads from being left out.
        mutating func warm(_ order: EventOrder, from place: Int) {
            var sum: Int64 = 0
            for k in place..<place + Run.paymentsWarmed {
                guard let q = order.entry(.payment, at: k) else { break }
                let lines = ledger.payments[q].allocationRange
                for line in Int(lines.lowerBound)..<Int(lines.upperBound) {
                    guard let t = ledger.allocations[line].target.map(Int.init) else { continue }
                    // `open`, which reads the balance's place (and, for the few kept apart, the
                    // table beside it).
                    sum &+= balances[t].open &+ Int64(ledger.briefs[t].currency.packed)
                }
            }
            warmth &+= sum
        }

        /// Reads what issuing `invoicesWarmed` invoices from `place` on (in the order applied)
        /// will read of their clients' slots: the slot, and the link of the last invoice in it.
        /// Invoices come in no order of client, so each read a slot, then its last invoice's
        /// link, that had left the cache, one wait after another; read together, as `warm`
        /// reads the payments', the waits overlap. An invoice whose client's slot is not made
        /// yet, or not its first, is left to `issue`.
        mutating func warmSlots(_ order: EventOrder, from place: Int) {
            var sum: Int64 = 0
            for k in place..<place + Run.invoicesWarmed {
                guard let i = order.entry(.invoice, at: k), let n = ledger.invoices[i].clientNumber.map(Int.init), n < firstSlot.count else { continue }
                let s = Int(firstSlot[n].slot)
                guard s >= 0 else { continue }
                let last = Int(slots[s].last)
                sum &+= slots[s].open &+ (last >= 0 ? Int64(nextInSlot[last]) : 0)
            }
            warmth &+= sum
        }

        mutating func step(_ e: Event) {
            let day = Day(ordinal: e.date)
            switch e.kind {
            case .invoice: issue(Int(e.index), day)
            case .payment: pay(Int(e.index), day)
            case .writeOff: writeOff(Int(e.index), day)
            case .refund: refund(Int(e.index), day)
            case .assertion: check(Int(e.index))
            }
        }

        /// What is owed at this point of the run, with the facts collected so far or none.
        func sheet(asOf: Day, facts withFacts: Bool = true) -> BalanceSheet {
            var credit: [ClientCurrency: Int64] = [:]
            var owed: [ClientCurrency: Int64] = [:]
            var deposits: [ClientCurrency: Int64] = [:]
            for (k, s) in slotKeys.enumerated() {
                let held = slots[k].held
                if held != 0 { credit[s] = held }
                if slots[k].deposit != 0 { deposits[s] = slots[k].deposit }
                if slots[k].open - held != 0 { owed[s] = slots[k].open - held }
            }
            var sheet = BalanceSheet(asOf: asOf, invoices: balances, creditOnAccount: credit, facts: withFacts ? facts : [])
            sheet.applied = applied
            sheet.fromAccount = fromAccount
            sheet.overpayments = overpayments
            sheet.paidOnAccount = deposits
            sheet.clientBalances = owed
            sheet.writtenOff = writtenOff
            sheet.refunded = refunded
            sheet.disputes = disputes
            sheet.recoveries = recoveries
            sheet.recoveredFromAccount = recoveredFromAccount
            sheet.releasedByQuery = releasedByQuery
            sheet.lossWriteOffs = lossWriteOffs
            return sheet
        }

        mutating func issue(_ i: Int, _ day: Day) {
            // A duplicate number is reported by the resolver; only the first one carries money.
            // Nor does one whose figures are in another currency (E304): they cannot be trusted.
            guard !ledger.invoices[i].isDuplicate && !ledger.invoices[i].figuresInOtherCurrency else { return }
            let s = slot(ledger.invoices[i].clientNumber, of: .invoice(i), ledger.invoices[i].currency)
            let total = ledger.invoices[i].total
            balances[i].total = total
            slots[s].open += total
            if slots[s].last == Run.none { slots[s].first = Int32(i) } else { nextInSlot[Int(slots[s].last)] = Int32(i) }
            slots[s].last = Int32(i)
            if isTraced(i) { traced[i]!.append(Movement(kind: .invoiced, date: day, amount: total, anchor: ledger.invoices[i].anchor)) }
            if total <= 0 { balances[i].settled = day }
            drain(s, day)
            // Money paid on account for work not yet invoiced pays the new invoice: the work
            // it was paid for (the money on account above pays the oldest first, as ever).
            if slots[s].deposit > 0 && balances[i].open > 0 {
                let take = min(slots[s].deposit, balances[i].open)
                slots[s].deposit -= take
                apply(i, in: s, take, credit: false, day, ledger.invoices[i].anchor)
            }
            // Money already on account pays a new invoice at once; a letter says so.
            if total > 0 && balances[i].open < total { fromAccount[i] = total - balances[i].open }
        }

        /// Applies `amount` (no more than is open) to invoice `i`, which stands in slot `s`.
        mutating func apply(_ i: Int, in s: Int, _ amount: Int64, credit: Bool, _ day: Day, _ anchor: EntryAnchor) {
            guard amount > 0 else { return }
            // Changed on a copy and stored once: every write through the array asks the runtime
            // whether the array is shared, and this runs for every payment.
            var b = balances[i]
            if credit { b.credited += amount } else { b.paid += amount }
            slots[s].open -= amount
            let before = b.lastPayment
            if !credit { b.lastPayment = day }
            if isTraced(i) { traced[i]!.append(Movement(kind: credit ? .credited : .paid, date: day, amount: amount, anchor: anchor)) }
            // The brief says whether there is a discount at all; only then is the invoice read.
            // The discount is for paying early: a credit note alone earns none. A credit note
            // after the window, on an invoice whose last payment (`before`) came inside it, is
            // judged as if it had come then: the client paid in time what it turned out to owe.
            if b.open > 0, b.paid > 0, ledger.briefs[i].offersDiscount, let pct = ledger.invoices[i].effectiveTerms.discountPercent,
                let deadline = ledger.invoices[i].discountDeadline, day <= deadline || credit && before.map({ $0 <= deadline }) == true
            {
                let allowed = b.discountAllowed(pct)
                // Paid in time but short of the discounted sum by less than one unit of its
                // currency (979.20 where 980.00 would have settled it): a slip, not a discount
                // declined. The discount stands and the few pence stay open, a remainder.
                let slip = !credit && b.discount == 0 && Int128(b.open) > allowed
                    && Int128(b.open) - allowed < MoneyFormat.pow10(ledger.invoices[i].currency.precision)
                if Int128(b.open) <= allowed || slip {
                    let d = slip ? Int64(allowed) : b.open
                    b.discount += d
                    slots[s].open -= d
                    if isTraced(i) { traced[i]!.append(Movement(kind: .discount, date: day, amount: d, anchor: anchor)) }
                }
            }
            if b.open == 0 && b.settled == nil { b.settled = day }
            balances[i] = b
        }

        /// What invoice `i` needs on `day` to be settled with its early-payment discount (rule
        /// 6): all but the discount, when the day is inside its window and more than the
        /// discount is open; nil otherwise. Money that does not say how much it pays gives an
        /// invoice this first, so that one payment of two discounted sums settles both, instead
        /// of paying the first in full and leaving the second short of its discount. A loss
        /// written off the invoice (rule 5) is paid back only from what is left after that.
        /// `credit`: the money is a credit note's, which is no payment: it gives an invoice all
        /// it has open, and lowers the sum the discount is a share of (`discountAllowed`).
        func discountedNeed(_ i: Int, _ day: Day, credit: Bool) -> Int64? {
            let b = balances[i]
            guard b.open > 0, !credit, ledger.briefs[i].offersDiscount,
                let pct = ledger.invoices[i].effectiveTerms.discountPercent,
                let deadline = ledger.invoices[i].discountDeadline, day <= deadline
            else { return nil }
            let allowed = b.discountAllowed(pct)
            guard Int128(b.open) > allowed else { return nil }
            return b.open - Int64(allowed)
        }

        /// Money left over once every invoice had its discounted sum goes back to them, in the
        /// order they were given it, as payment in place of the discount: a client who paid in
        /// full took no discount. `given`: each invoice with the discount that money gave it;
        /// `payer`: the order of the entry whose shares `applied` keeps, each share grown by
        /// what it takes back. Returns what is still left.
        mutating func topUp(_ given: [(invoice: Int, discount: Int64)], _ money: Int64, credit: Bool, _ anchor: EntryAnchor?, payer: Int?) -> Int64 {
            var left = money
            for (i, d) in given where left > 0 {
                let x = min(left, d)
                var b = balances[i]
                b.discount -= x
                if credit { b.credited += x } else { b.paid += x }
                balances[i] = b
                left -= x
                if let payer, let k = applied[payer]?.lastIndex(where: { $0.invoice == i }) { applied[payer]![k].amount += x }
                if isTraced(i), let k = traced[i]!.lastIndex(where: { $0.kind == .discount }) {
                    traced[i]![k].amount -= x
                    let paid = Movement(kind: credit ? .credited : .paid, date: traced[i]![k].date, amount: x, anchor: anchor ?? traced[i]![k].anchor)
                    if traced[i]![k].amount == 0 { traced[i]![k] = paid } else { traced[i]!.insert(paid, at: k) }
                }
            }
            return left
        }

        /// Takes `amount` of slot `s`'s money on account, oldest first, as it goes to invoice `i`
        /// (nil: to invoices whose discount it replaces, on the day it came) on `day`; what came
        /// on an earlier day is noted in `heldPaid`.
        mutating func useHeld(_ s: Int, _ amount: Int64, paying i: Int?, _ day: Day) {
            guard var queue = heldSince[s] else { return }
            var left = amount, used = 0
            while left > 0 && used < queue.count {
                let x = min(left, queue[used].amount)
                if let i, queue[used].day < day { heldPaid.append((i, queue[used].day, day, x)) }
                queue[used].amount -= x
                left -= x
                if queue[used].amount == 0 { used += 1 }
            }
            queue.removeFirst(used)
            heldSince[s] = queue.isEmpty ? nil : queue
        }

        /// Whether invoice `i`'s movements are kept; most runs trace none, and then nothing is
        /// hashed for each payment.
        func isTraced(_ i: Int) -> Bool { !traced.isEmpty && traced[i] != nil }

        /// The invoices of slot `s` from the oldest that may still be open, in the order issued.
        func queued(_ s: Int) -> [Int] {
            var invoices: [Int] = []
            var k = slots[s].first
            while k != Run.none {
                invoices.append(Int(k))
                k = nextInSlot[Int(k)]
            }
            return invoices
        }

        /// Whether invoice `i` is in dispute at the end of `day`.
        func inDispute(_ i: Int, _ day: Day) -> Bool {
            !disputed.isEmpty && disputed.contains(Int32(i)) && disputes.open(ledger.invoices[i].number, on: day) != nil
        }

        /// Credit on account pays open invoices oldest first; money paid passes over those in
        /// dispute that day. `payer`: the order of the payment
        /// or credit note whose money this is, to record where it went. `from`: the entry whose
        /// arrival moved the money, where an invoice's trace points (a payment or credit note
        /// applied to no invoice); nil when a new invoice takes money held on account, which
        /// the trace shows at the invoice. `settlingQuery`: how much of the credit comes from a
        /// credit note with no `apply`, which goes first to invoices in query.
        mutating func drain(_ s: Int, _ day: Day, payer: Int? = nil, from entry: EntryAnchor? = nil, settlingQuery: Int64 = 0, settler: Int? = nil) {
            guard slots[s].cash > 0 || slots[s].credit > 0 else { return }
            // Discounts this money gave, to take back as payment should money be left (rule 6).
            var discounted: [(invoice: Int, discount: Int64, credit: Bool)] = []
            // A credit note with no `apply` is more likely ours settling a query than a
            // discount on work not queried: its credit goes first to the invoices whose query
            // was resolved in the days just before it or that day (the resolution is taken
            // before the day's entries), as the settlement agreed: the credit note often
            // follows the call that agreed it by a few days. Then to those still in dispute.
            // Credit that came otherwise (what `apply` lines left over, or held on account)
            // pays oldest first (rule 4).
            var preferred = min(settlingQuery, slots[s].credit)
            if preferred > 0 && !disputed.isEmpty {
                let settledFrom = day.adding(days: -DisputeHistory.creditFollowsWithin)
                for justResolved in [true, false] {
                    var k = slots[s].first
                    while k != Run.none && preferred > 0 {
                        let i = Int(k)
                        let chosen = justResolved
                            ? disputed.contains(Int32(i)) && !inDispute(i, day) && disputes.resolved(ledger.invoices[i].number, from: settledFrom, through: day)
                            : inDispute(i, day)
                        if balances[i].open > 0 && chosen {
                            let before = balances[i].discount
                            let take = min(preferred, discountedNeed(i, day, credit: true) ?? balances[i].open)
                            slots[s].credit -= take
                            preferred -= take
                            apply(i, in: s, take, credit: true, day, entry ?? ledger.invoices[i].anchor)
                            // This credit note's own money, even where other money is on account
                            // beside it: the letters name the invoice it went to.
                            if let who = payer ?? settler, take > 0 { applied[who, default: []].append(AppliedMoney(invoice: i, amount: take)) }
                            if balances[i].discount > before { discounted.append((i, balances[i].discount - before, true)) }
                        }
                        k = nextInSlot[i]
                    }
                }
            }
            var k = slots[s].first
            while k != Run.none && (slots[s].cash > 0 || slots[s].credit > 0) {
                let i = Int(k)
                if balances[i].open > 0 {
                    if slots[s].credit > 0 {
                        let before = balances[i].discount
                        let take = min(slots[s].credit, discountedNeed(i, day, credit: true) ?? balances[i].open)
                        slots[s].credit -= take
                        apply(i, in: s, take, credit: true, day, entry ?? ledger.invoices[i].anchor)
                        if let payer, take > 0 { applied[payer, default: []].append(AppliedMoney(invoice: i, amount: take)) }
                        if balances[i].discount > before { discounted.append((i, balances[i].discount - before, true)) }
                    }
                    // An invoice in dispute is not paid with money the client did not say was
                    // for it: they are more likely paying what they do not dispute. (A credit
                    // note with no `apply` is more likely ours settling the dispute.)
                    if slots[s].cash > 0 && balances[i].open > 0 && !inDispute(i, day) {
                        let before = balances[i].discount
                        let take = min(slots[s].cash, discountedNeed(i, day, credit: false) ?? balances[i].open)
                        slots[s].cash -= take
                        if keepsHeld { useHeld(s, take, paying: i, day) }
                        apply(i, in: s, take, credit: false, day, entry ?? ledger.invoices[i].anchor)
                        if let payer, take > 0 { applied[payer, default: []].append(AppliedMoney(invoice: i, amount: take)) }
                        if balances[i].discount > before { discounted.append((i, balances[i].discount - before, false)) }
                    }
                }
                k = nextInSlot[i]
                // Settled invoices leave from the front only, so the order of the rest stays.
                if balances[i].open <= 0 && Int32(i) == slots[s].first {
                    slots[s].first = k
                    if k == Run.none { slots[s].last = Run.none }
                }
            }
            if !discounted.isEmpty && (slots[s].cash > 0 || slots[s].credit > 0) {
                for credit in [true, false] {
                    let money = credit ? slots[s].credit : slots[s].cash
                    guard money > 0 else { continue }
                    let given = discounted.filter { $0.credit == credit }.map { (invoice: $0.invoice, discount: $0.discount) }
                    let left = topUp(given, money, credit: credit, entry, payer: payer)
                    if credit { slots[s].credit = left } else {
                        slots[s].cash = left
                        if keepsHeld { useHeld(s, money - left, paying: nil, day) }
                    }
                }
            }
        }

        mutating func pay(_ p: Int, _ day: Day) {
            // Fields are read in place: copying the payment retained every string it holds.
            let currency = ledger.payments[p].currency
            let isCredit = ledger.payments[p].isCredit, anchor = ledger.payments[p].anchor
            let s = slot(ledger.payments[p].clientNumber, of: .payment(p), currency)
            var remaining = ledger.payments[p].minor
            // The payment less what the lines above asked for: money one of them asked for
            // beyond what its invoice had open is not there for the next line (E402), though it
            // is left over, on account.
            var unwritten = remaining
            var overAllocated = false
            let lines = ledger.payments[p].allocationRange
            let count = lines.count
            // An `apply` without an amount says "this pays that invoice": money beyond what it
            // had open is more likely a mistyped amount than a deliberate prepayment.
            // The first such line; the invoices they name are listed only if there is a surplus.
            var amountless: Int? = nil
            // Discounts the amountless lines gave, taken back as payment should money be left.
            var discounted: [(invoice: Int, discount: Int64)] = []
            // What the amountless lines gave their invoices: W415 says they had that much open.
            var amountlessTook: Int64 = 0
            // Of that, what paid back losses written off them.
            var amountlessRecovered: Int64 = 0
            // Invoices named without an amount inside their discount window with a loss written off.
            var recoverLater: [Int] = []
            for k in 0..<count {
                // Two fields, not a copy of the line with its invoice number.
                let line = Int(lines.lowerBound) + k
                let target = ledger.allocations[line].target, minor = ledger.allocations[line].minor
                guard let target else { continue }  // unknown: the checker says so
                let i = Int(target)
                guard balances[i].issued else { continue }  // not yet issued: the checker says so (E403)
                guard ledger.briefs[i].currency == currency else { continue }  // reported by the checker
                // Named without an amount, a payment pays what the invoice has open and, of one
                // written off as a loss, the loss too: the debt paid after all (3.8).
                let recoverable = isCredit || lossy.isEmpty ? 0 : balances[i].lost
                let need = minor == nil ? discountedNeed(i, day, credit: isCredit) : nil
                // Inside its discount window, the loss is paid back from what is left once every
                // named invoice has had its discounted sum and its discount back (rule 6 first).
                if need != nil && recoverable > 0 { recoverLater.append(i) }
                var wanted = minor ?? min(unwritten, need ?? balances[i].open + recoverable)
                let discountBefore = balances[i].discount
                if wanted > unwritten {
                    if options.collectFacts && !overAllocated {
                        facts.append(.overAllocated(payment: p, allocation: k, left: unwritten))
                    }
                    overAllocated = true
                    wanted = unwritten
                }
                unwritten -= wanted
                let take = min(wanted, balances[i].open)
                apply(i, in: slot(ofInvoice: i), take, credit: isCredit, day, anchor)
                if need != nil && balances[i].discount > discountBefore { discounted.append((i, balances[i].discount - discountBefore)) }
                // A credit note's shares are kept whatever paid them (a letter names each, and a
                // credit note is rare beside payments, whose shares by name are not kept).
                if isCredit && take > 0 { applied[ledger.payments[p].order, default: []].append(AppliedMoney(invoice: i, amount: take)) }
                // Money paid to an invoice written off as a loss is the debt paid after all: it
                // takes back the write-off rather than going on account.
                let recovered = wanted > take && !isCredit && !lossy.isEmpty ? recover(i, wanted - take, by: .payment(p), day, anchor) : 0
                remaining -= take + recovered
                if minor == nil {
                    amountlessTook += take + recovered
                    amountlessRecovered += recovered
                }
                if minor == nil && options.collectFacts && amountless == nil { amountless = k }
                if wanted > take + recovered && options.collectFacts {
                    facts.append(.overpaid(payment: p, allocation: k, extra: wanted - take - recovered, open: take))
                }
            }
            if remaining > 0 && !discounted.isEmpty {
                // A credit note's shares are kept (`applied`), a payment's by name are not.
                let left = topUp(discounted, remaining, credit: isCredit, anchor, payer: isCredit ? ledger.payments[p].order : nil)
                // Given back to invoices named without an amount: what those lines took.
                amountlessTook += remaining - left
                remaining = left
            }
            for i in recoverLater where remaining > 0 {
                let r = recover(i, remaining, by: .payment(p), day, anchor)
                remaining -= r
                amountlessTook += r
                amountlessRecovered += r
            }
            if remaining > 0 && !isCredit && ledger.payments[p].onAccount {
                // Marked `on-account`: the rest is held for the next invoices, whatever is open.
                slots[s].deposit += remaining
                return
            }
            if remaining > 0 {
                let openBefore = slots[s].open
                // What each open invoice had been paid before the surplus pays them, to say where
                // it went (money, not a discount it settled with), in the order it goes: the open
                // invoices oldest first (rule 4), then those whose loss it may pay back, oldest
                // first (rule 5, `recoverFromAccount`). An invoice settled by a write-off may
                // still stand in the slot's queue: it is listed with the losses, where its money
                // goes, whether the queue has let go of it or not.
                let queue = amountless == nil ? [] : queued(s).filter { balances[$0].open > 0 }
                let losses = amountless == nil ? [] : (lossy[s] ?? []).filter { balances[$0].lost > 0 && !queue.contains($0) }
                    .sorted { (ledger.invoices[$0].issued, $0) < (ledger.invoices[$1].issued, $1) }
                let before: [(Int, Int64)] = (queue + losses).map { i in (i, balances[i].paid + balances[i].credited) }
                // Money already on account (cash or credit) drains first, so only a slot holding
                // nothing else can say which invoices this entry paid.
                let alone = slots[s].cash == 0 && slots[s].credit == 0
                if isCredit { slots[s].credit += remaining } else {
                    slots[s].cash += remaining
                    if keepsHeld { heldSince[s, default: []].append((day, remaining)) }
                }
                drain(s, day, payer: alone ? ledger.payments[p].order : nil, from: anchor, settlingQuery: isCredit && count == 0 ? remaining : 0,
                      settler: isCredit && count == 0 ? ledger.payments[p].order : nil)
                // Only this payment's money is on account to pay a loss back with: money held
                // before it would have paid back, when it came or was released, every loss not
                // in dispute (`writeOff`, `settleResolved`).
                let recovered = isCredit || lossy.isEmpty ? 0 : recoverFromAccount(s, day, by: .payment(p), payer: alone ? ledger.payments[p].order : nil)
                if let first = amountless {
                    surplus(p, remaining: remaining, from: first, took: amountlessTook, recovered: amountlessRecovered, before: before)
                }
                if options.collectFacts && count == 0 && openBefore == 0 && recovered == 0 {
                    facts.append(.nothingOpen(payment: p))
                }
                // What of it is still on account with nothing open to take it is more than the
                // client owed (money held before it went first): an overpayment. With an invoice
                // still open (one in query, which money passes over) it is held, not over.
                let over = isCredit || slots[s].open != 0 ? 0 : min(remaining, slots[s].cash)
                if over > 0 {
                    overpayments[ledger.payments[p].order] = over
                    if options.collectFacts && count == 0 && openBefore > 0 && recovered == 0 {
                        facts.append(.moreThanOpen(payment: p, extra: over, open: openBefore))
                    }
                }
            }
        }

        /// W415: a payment with an amountless `apply` was more than its invoices had open.
        /// `first`: the payment's first amountless `apply` that reached its invoice.
        mutating func surplus(_ p: Int, remaining: Int64, from first: Int, took: Int64, recovered: Int64, before: [(Int, Int64)]) {
            // The amountless lines that reached their invoices, as `pay` let them through.
            let currency = ledger.payments[p].currency
            var named: [String] = []
            for a in ledger.allocations(of: ledger.payments[p]).dropFirst(first) where a.minor == nil {
                guard let i = a.target.map(Int.init), balances[i].issued, ledger.invoices[i].currency == currency else { continue }
                named.append(ledger.invoices[i].number)
            }
            var paid: [AppliedMoney] = []
            for (i, had) in before where balances[i].paid + balances[i].credited > had {
                paid.append(AppliedMoney(invoice: i, amount: balances[i].paid + balances[i].credited - had))
            }
            facts.append(.surplus(payment: p, allocation: first, named: named, surplus: remaining, paid: paid, took: took, recovered: recovered))
        }

        /// Pays up to `amount` of the money `source` brought or released to invoice `i` against
        /// what it has written off as a loss; how much it took.
        mutating func recover(_ i: Int, _ amount: Int64, by source: Recovery.Source, _ day: Day, _ anchor: EntryAnchor) -> Int64 {
            var b = balances[i]
            let held = b.lost
            guard held > 0 else { return 0 }
            let r = min(amount, held)
            b.lost -= r
            b.writtenOff -= r
            b.paid += r
            b.lastPayment = day
            // Paid in full after all: settled by this payment, late as it is, not by the write-off.
            if held == r {
                b.settled = day
                let s = slot(ofInvoice: i)
                lossy[s]?.removeAll { $0 == i }
                if lossy[s]?.isEmpty == true { lossy[s] = nil }
            }
            balances[i] = b
            recoveries.append(Recovery(source, invoice: i, amount: r, date: day))
            if source.isAccount { recoveredFromAccount[i, default: []].append(recoveries[recoveries.count - 1]) }
            if isTraced(i) { traced[i]!.append(Movement(kind: .paid, date: day, amount: r, anchor: anchor)) }
            return r
        }

        /// Money left on account once slot `s`'s open invoices are paid: it pays back the losses
        /// written off the slot's invoices, oldest first, as an `apply` naming them would (rule
        /// 5). The client was never told of a loss, so money beyond what the books had open is
        /// more likely paying it than paying ahead; one in dispute that day is passed over, as
        /// money paid passes over an open invoice in dispute. `source`: the entry that brought
        /// the money (a payment) or released it (a loss written off, a dispute resolved), on
        /// `day`; `payer`: the order `applied` keeps its shares under. How much it took.
        mutating func recoverFromAccount(_ s: Int, _ day: Day, by source: Recovery.Source, payer: Int?) -> Int64 {
            guard let list = lossy[s] else { return 0 }
            let mine = list.filter { balances[$0].open == 0 && !inDispute($0, day) }.sorted { (ledger.invoices[$0].issued, $0) < (ledger.invoices[$1].issued, $1) }
            let anchor = source.anchor(in: ledger)
            var taken: Int64 = 0
            for i in mine where slots[s].cash > 0 {
                let r = recover(i, slots[s].cash, by: source, day, anchor)
                slots[s].cash -= r
                if keepsHeld { useHeld(s, r, paying: i, day) }
                taken += r
                if let payer, r > 0 { applied[payer, default: []].append(AppliedMoney(invoice: i, amount: r)) }
            }
            return taken
        }

        mutating func writeOff(_ w: Int, _ day: Day) {
            let entry = ledger.writeOffs[w]
            guard let i = ledger.invoiceIndex[entry.invoice] else { return }
            guard balances[i].issued else { return }  // not yet issued: the checker says so (E403)
            let open = balances[i].open
            let amount = entry.minor ?? open
            // More than is open is a mistake (E406), in the amount or the invoice named: the
            // write-off is not counted, rather than taken as writing off what was open.
            if amount > open {
                if options.collectFacts { facts.append(.writeOffBeyondOpen(writeOff: w, invoice: i, amount: amount, open: open)) }
                return
            }
            guard amount > 0 else {
                if options.collectFacts && entry.amount == nil { facts.append(.writeOffOfNothing(writeOff: w, invoice: i, settled: balances[i].settled)) }
                return
            }
            let s = slot(ofInvoice: i)
            writtenOff[w] = amount
            balances[i].writtenOff += amount
            slots[s].open -= amount
            // A loss may yet be paid (`recover`); a sum the client was told is waived, or part
            // of a disputed invoice written off to settle the query (3.8), is not owed.
            if !entry.waived && !(disputes.wasDisputed(entry.invoice, by: day) && balances[i].writtenOff < balances[i].total) {
                if balances[i].lost == 0 { lossy[s, default: []].append(i) }
                balances[i].lost += amount
                lossWriteOffs.insert(w)
            }
            if isTraced(i) { traced[i]!.append(Movement(kind: .writtenOff, date: day, amount: amount, anchor: entry.anchor)) }
            if balances[i].open == 0 && balances[i].settled == nil { balances[i].settled = day }
            // Money already on account pays the loss back at once (rule 5), unless the invoice
            // is in dispute that day: money held while it is, then, when it is resolved.
            if slots[s].cash > 0 && balances[i].lost > 0 { _ = recoverFromAccount(s, day, by: .writeOff(w), payer: nil) }
        }

        /// Money held on account paid back to the client (3.13): it comes out of what the client
        /// holds in its currency, money paid first (the client's own), then credit, and never
        /// out of an invoice. One of more than is held that day is a mistake (E423), in the
        /// amount or the client: it is not counted, as a write-off beyond what is open is not.
        mutating func refund(_ k: Int, _ day: Day) {
            let currency = ledger.refunds[k].currency, amount = ledger.refunds[k].minor
            guard currency.isKnown, amount > 0 else { return }
            let client = ledger.refunds[k].client
            let found = slotIndex[ClientCurrency(client: client, currency: currency)]
            let held = found.map { slots[$0].held } ?? 0
            guard let s = found, amount <= held else {
                if options.collectFacts {
                    let elsewhere = slotKeys.indices.filter { slotKeys[$0].client == client && slotKeys[$0].currency != currency && slots[$0].held > 0 }
                        .map { (currency: slotKeys[$0].currency, amount: slots[$0].held) }.sorted { $0.currency < $1.currency }
                    facts.append(.refundBeyondHeld(refund: k, amount: amount, held: held, elsewhere: elsewhere))
                }
                return
            }
            let cash = min(amount, slots[s].cash)
            slots[s].cash -= cash
            if keepsHeld && cash > 0 { useHeld(s, cash, paying: nil, day) }
            // A deposit given back (the work called off) is money paid too.
            let deposit = min(amount - cash, slots[s].deposit)
            slots[s].deposit -= deposit
            slots[s].credit -= amount - cash - deposit
            refunded[k] = amount
        }

        mutating func check(_ k: Int) {
            let a = ledger.assertions[k]
            if let n = a.invoice {
                guard let i = ledger.invoiceIndex[n], balances[i].issued else { return }  // the checker reports unknown or future invoices
                let actual = balances[i].open
                guard actual != a.minor else { return }
                facts.append(.assertionFailed(assertion: k, actual: actual, movements: traced[i] ?? [], open: [], credit: 0))
            } else {
                var actual: Int64 = 0
                var open: [(invoice: Int, open: Int64)] = []
                var credit: Int64 = 0
                if let s = slotIndex[ClientCurrency(client: a.client, currency: a.currency)] {
                    actual = slots[s].open - slots[s].held
                    guard actual != a.minor else { return }
                    for i in queued(s) where balances[i].open != 0 {
                        open.append((i, balances[i].open))
                    }
                    credit = slots[s].held
                }
                guard actual != a.minor else { return }
                facts.append(.assertionFailed(assertion: k, actual: actual, movements: [], open: open, credit: credit))
            }
        }
    }
}
