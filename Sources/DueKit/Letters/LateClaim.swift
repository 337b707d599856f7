/// Interest and fixed compensation on late invoices, computed only from what the ledger states:
/// the rate and amount written on the invoice or, failing that, on its client. `due` never
/// supplies a statutory rate of its own.
///
/// A claim is built only when every figure a letter prints fits: per currency, what is open plus
/// all interest and compensation stays within `LedgerResolver.maxCurrencyTotal`. Otherwise the
/// initializer throws, and the checker reports the invoice that passed the limit (E309).
public struct LateClaim: Sendable {
    public struct Line: Sendable, Hashable {
        public var invoice: Int
        public var number: String
        public var open: Int64
        public var due: Day
        public var days: Int
        public var rate: Percent?
        /// rate/100 × (what was unpaid each day from the due date on, added up)/365, rounded
        /// half away from zero to the currency's precision: money paid late bears interest until
        /// the day it came, and what is still open until the as-of date.
        public var interest: Int64
        /// Money paid (or credited) towards the invoice after its due date, on which interest
        /// ran until it came: the letter says so.
        public var paidLate = false
        /// Part of it was in a payment plan, whose money bore interest only once the last day
        /// of its instalment had passed unpaid (`plannedDays`): the letter says so.
        public var planned = false
        /// For a plan's invoice, its money bearing interest in parts, each from the day after
        /// the date it fell late (an instalment missed, `plannedDays`) to the as-of date: the
        /// table gives a row to each, so its days are those the interest is counted on. Empty
        /// when part of it was paid after it fell late (the plan's sentence explains that).
        public var lateParts: [LatePart] = []
        /// For a plan's invoice whose plan lapsed (in default, 3.10) before the as-of date: the
        /// day the plan was over from, when all of its money still to fall due fell due and
        /// bore interest from the day after (`plannedDays`): the letter says so.
        public var lapse: Day? = nil
        public var compensation: Int64
        /// The compensation is the statutory band (`compensation statutory`), not a stated sum.
        public var statutory = false
        public var currency: Currency
    }

    /// Money of a plan's invoice that fell late on the day after `from` and bore interest from
    /// then on, `days` days to the as-of date.
    public struct LatePart: Sendable, Hashable {
        public var open: Int64
        public var from: Day
        public var days: Int
        /// The date of the instalment whose last day `from` is (`Instalment.lastDay`), when
        /// it fell late as an instalment missed: the table names it by its own date.
        public var instalment: Day? = nil
        /// It fell due when the plan lapsed (`from` is the day the plan was over from): the
        /// table names the lapse, not an instalment.
        public var lapsed = false
    }

    /// The invoice whose claim carried the sum for its currency past what `due` handles.
    public struct TooLarge: Error, Sendable, Hashable {
        public var invoice: Int
        public var currency: Currency
        public var days: Int
    }

    public var lines: [Line]
    /// Interest plus compensation per currency, in currency order.
    public let totals: [(Currency, Int64)]
    /// A demand's claim weighed since its day (`asMade`): the totals as the demand stated
    /// them, when a credit note since has lowered them (`totals` being what they come to now);
    /// nil when they are the same.
    var stated: [(Currency, Int64)]? = nil

    /// What the claim holds, named for it: interest only where a rate gave some.
    public var what: String { what(in: nil) }

    /// What the claim holds in `currency` (all of it when nil): a currency in which only
    /// interest is claimed has its total called interest, not interest and compensation.
    func what(in currency: Currency?) -> String {
        let of = lines.filter { l in currency.map { l.currency == $0 } ?? true }
        let interest = of.contains { $0.interest > 0 }, compensation = of.contains { $0.compensation > 0 }
        return interest && compensation ? "interest and compensation" : interest ? "interest" : "compensation"
    }

    /// The claim on `invoices` as of the sheet's date, with what each has open there.
    /// What the formal demand `d` claimed (interest, compensation) on the invoices it names,
    /// as a bound on its date; nil when it claimed nothing. The ledger never records such a
    /// claim as paid, so a thank-you after it does not call the account settled.
    static func made(by d: LetterSent, ledger: Ledger) -> LateClaim? {
        let invoices = d.invoices.compactMap { ledger.invoiceIndex[$0] }
        guard let claim = try? LateClaim(invoices: invoices, ledger: ledger, asOf: d.date, open: { ledger.invoices[$0].total }), !claim.totals.isEmpty else { return nil }
        return claim
    }

    /// What the formal demand `d` claimed, to the cent, as it stood on its day: what its
    /// invoices had open then and the interest run to then. Nil when it claimed nothing.
    /// As the demand did, it claims only on the invoices earlier letters asked for
    /// (`LetterFields.askedBefore`), not on one that fell due since and it asked for alone.
    /// What a credit note took off its invoices bears none, whenever it came (7.3): a credit
    /// note since the demand lowers its claim as known on the sheet's date; `stated`, the claim
    /// as the demand stated it, known on its own day.
    /// Weighed since the demand, the claim carries the stated totals too (`stated`) when they
    /// differ from what it comes to now.
    static func asMade(by d: LetterSent, story: ClientStory, ledger: Ledger, sheet: BalanceSheet, stated: Bool = false) -> LateClaim? {
        let named = d.invoices.compactMap { ledger.invoiceIndex[$0] }
        let known = stated ? d.date : max(d.date, sheet.asOf)
        let history = Self.history(of: named, ledger: ledger, sheet: sheet, through: known)
        let open = named.filter { history.open($0, endOf: d.date) > 0 }
        let invoices = LetterFields.askedBefore(open, story: story, ledger: ledger, sheet: sheet, letter: d)
        guard var claim = try? LateClaim(invoices: invoices, ledger: ledger, asOf: d.date, open: { history.open($0, endOf: d.date) }, history: history, knownAt: known, story: story),
              !claim.totals.isEmpty else { return nil }
        if !stated, known > d.date, let then = asMade(by: d, story: story, ledger: ledger, sheet: sheet, stated: true), !Self.same(then.totals, claim.totals) {
            claim.stated = then.totals
        }
        return claim
    }

    /// Whether two sets of totals per currency are the same figures in the same currencies.
    static func same(_ a: [(Currency, Int64)], _ b: [(Currency, Int64)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    /// The sums in `currency` an invoice recording this claim may have: what it comes to now,
    /// or what the demand stated when a credit note has lowered it since (either agrees with
    /// a letter: the thank-you gives both).
    func sums(in currency: Currency) -> [Int64] {
        totals.filter { $0.0 == currency }.map(\.1) + (stated ?? []).filter { $0.0 == currency }.map(\.1)
    }

    /// Whether `i`, issued on or after `day` in `currency`, records this claim in that
    /// currency: an invoice of either of its sums (`sums`).
    func records(_ i: Int, in currency: Currency, since day: Day, ledger: Ledger) -> Bool {
        let inv = ledger.invoices[i]
        return inv.currency == currency && inv.issued >= day && sums(in: currency).contains(inv.total)
    }

    /// Of this claim (as a demand made it on `day`, to `client`), the sums per currency that
    /// are met: recorded as an invoice of that sum (or of the sum the demand stated, `records`)
    /// issued since, now paid (what the user is
    /// told to do), or held on account (`held`), which `due` cannot tell from other money; and
    /// those let go (`waived`): recorded so and written off, in part or whole, as `waived`,
    /// which no letter may call paid.
    /// `issued`: the client's invoices (`ClientStory.issued`).
    func met(client: String, issued: [Int], since day: Day, ledger: Ledger, sheet: BalanceSheet) -> (recorded: [(Currency, Int64)], held: [(Currency, Int64)], short: [(Currency, Int64)], waived: [(Currency, Int64)]) {
        var recorded: [(Currency, Int64)] = [], held: [(Currency, Int64)] = [], short: [(Currency, Int64)] = [], waived: [(Currency, Int64)] = []
        for (cur, m) in totals {
            let asInvoice = issued.filter { i in records(i, in: cur, since: day, ledger: ledger) && sheet.invoices[i].open == 0 }
            // Paid only when money paid it: one a credit note cancelled was let go, as one
            // written off `waived` was.
            if asInvoice.contains(where: { sheet.invoices[$0].writtenOff == 0 && sheet.invoices[$0].credited == 0 }) {
                recorded.append((cur, m))
            } else if asInvoice.contains(where: { sheet.invoices[$0].waived > 0 || sheet.invoices[$0].credited > 0 }) {
                waived.append((cur, m))
            } else if (sheet.creditOnAccount[ClientCurrency(client: client, currency: cur)] ?? 0) >= m {
                held.append((cur, m))
            } else {
                short.append((cur, m))
            }
        }
        return (recorded, held, short, waived)
    }

    /// Whether the claim the formal demand `d` made still stands as far as the ledger knows:
    /// in some currency it claimed in, no invoice of that sum recorded since has been paid or
    /// written off `waived` (`met`). Money held on account that meets it does not record it:
    /// the thank-you offers that money, and the agenda asks for the claim to be recorded.
    /// False for a demand that claimed nothing, and for one whose claim a thank-you told the
    /// client was covered by money of theirs held on account (`coveringThanks`): a later letter
    /// neither offers money against it again nor calls it uncovered, as the client was told
    /// it was settled; recording it is the user's (the agenda asks while `toRecord` weighs it).
    static func stands(by d: LetterSent, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> Bool {
        // Weighed only for a demand whose terms claimed something: the claim as made reads
        // the invoices' history, which the cheap check spares the rest.
        guard made(by: d, ledger: ledger) != nil, let claim = asMade(by: d, story: story, ledger: ledger, sheet: sheet) else { return false }
        let split = claim.met(client: story.client.id, issued: story.issued, since: d.date, ledger: ledger, sheet: sheet)
        guard !split.held.isEmpty || !split.short.isEmpty else { return false }
        return coveringThanks(d, claim: claim, story: story, ledger: ledger, sheet: sheet) == nil
    }

    /// The first thank-you sent since the invoices formal demand `d` named were all cleared
    /// that told the client its `claim` was covered: on its day, money of theirs held on account
    /// met it in every currency it claimed in. Nil when none did. What was held then is read
    /// from `sheet` when nothing has come or been invoiced since the thank-you, else from a run
    /// to its day (rare: a claim left unrecorded after such a letter).
    static func coveringThanks(_ d: LetterSent, claim: LateClaim, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> LetterSent? {
        let named = d.invoices.array.compactMap { ledger.invoiceIndex[$0] }
        guard !named.isEmpty, named.count == d.invoices.count, named.allSatisfy({ sheet.invoices[$0].open <= 0 }),
              let cleared = named.compactMap({ sheet.invoices[$0].settled }).max() else { return nil }
        let thanks = story.letters.filter { $0.stage == .thanks && ($0.date, $0.order) > (d.date, d.order) && $0.date >= cleared }
        for t in thanks {
            // What was held on its day was at most what is held now and what later work has
            // taken from it since: when that does not meet the claim, no run is needed to know.
            let couldMeet = claim.totals.allSatisfy { cur, m in
                let key = ClientCurrency(client: story.client.id, currency: cur)
                return (sheet.creditOnAccount[key] ?? 0) + takenFromAccount(story, in: cur, after: t.date, ledger: ledger, sheet: sheet).reduce(0, { $0 + $1.amount }) >= m
            }
            guard couldMeet else { continue }
            let moved = story.payments.contains { ($0.date, $0.order) > (t.date, t.order) } || story.credits.contains { ($0.date, $0.order) > (t.date, t.order) }
                || story.issued.contains { ledger.invoices[$0].issued > t.date }
            let then = moved ? BalanceEngine.balances(ledger, asOf: t.date) : sheet
            let met = claim.totals.allSatisfy { cur, m in (then.creditOnAccount[ClientCurrency(client: story.client.id, currency: cur)] ?? 0) >= m }
            if met { return t }
        }
        return nil
    }

    /// A formal demand's claim left unpaid: every invoice it demanded is paid (or otherwise
    /// cleared, not written off as a loss), the last of them on `cleared`, but the interest and
    /// compensation it claimed (`short`, per currency, as the demand stated them) were neither
    /// paid as an invoice of that sum recorded since, nor met by money held on account.
    struct Unpaid: Sendable {
        var demand: LetterSent
        var short: [(Currency, Int64)]
        var what: String
        var invoices: [String]
        var cleared: Day
        /// The claim as the demand stated it, when a credit note since has lowered it.
        var stated: [(Currency, Int64)]? = nil
        /// Money of the client's held on account now that would meet it, in each currency where
        /// it does, though our thank-you (`thanks`) told them the claim was not covered: it
        /// came since, and no letter has told them what it covers.
        var heldSince: [(Currency, Int64)] = []
        var thanks: LetterSent? = nil
    }

    /// The claims of the client's formal demands left unpaid, oldest demand first: the user
    /// decides whether to pursue one (record it as an invoice of that sum, 7.3) or let it go.
    /// Only for `StageChooser.thanksWindow` days after the demanded invoices were cleared, as
    /// a thank-you is; and not once an invoice of that sum has been recorded since the demand,
    /// paid or not (the ladder chases one left open; one written off `waived` was let go).
    /// A demand whose invoices a later demand named again is that one's to judge.
    static func unpaid(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> [Unpaid] {
        var out: [Unpaid] = []
        // A claim a thank-you called covered is the user's to record, not to weigh again,
        // though the money held has gone to later work since (`ToRecord.spent`).
        let recording = toRecord(story, ledger: ledger, sheet: sheet)
        for (d, _, cleared) in clearedDemands(story, ledger: ledger, sheet: sheet) {
            guard let made = asMade(by: d, story: story, ledger: ledger, sheet: sheet) else { continue }
            let split = made.met(client: story.client.id, issued: story.issued, since: d.date, ledger: ledger, sheet: sheet)
            func open(_ cur: Currency) -> Bool {
                !story.issued.contains { made.records($0, in: cur, since: d.date, ledger: ledger) }
                    && !recording.contains { $0.demand.order == d.order && $0.held.contains { $0.0 == cur } }
            }
            var short = split.short.filter { open($0.0) }
            // Met by money held now that came after a thank-you which said the claim was not
            // covered (`toRecord` leaves it): still the user's to pursue or waive, as that
            // letter left it, the money held named beside it.
            var heldSince: [(Currency, Int64)] = []
            let thanks = thankYou(after: d, cleared: cleared, story: story)
            if let thanks {
                for (cur, m) in split.held where open(cur) && !toldCovered(thanks, cur, m, story: story, ledger: ledger) {
                    short.append((cur, m))
                    heldSince.append((cur, sheet.creditOnAccount[ClientCurrency(client: story.client.id, currency: cur)] ?? 0))
                }
            }
            guard !short.isEmpty else { continue }
            out.append(Unpaid(demand: d, short: short.sorted { $0.0 < $1.0 }, what: made.what, invoices: made.lines.map(\.number), cleared: cleared, stated: made.stated,
                              heldSince: heldSince, thanks: heldSince.isEmpty ? nil : thanks))
        }
        return out
    }

    /// The currencies in which a formal demand's claim is still the user's to weigh or record,
    /// so that money of the client's held on account in them may be the claim's: a claim
    /// `unpaid` weighs (in its window, money held since among it), one met by money held while
    /// that window runs, or one a thank-you called covered and no entry records yet (`toRecord`,
    /// however old, whether later work has taken that money or not). The agenda offers no such
    /// money back: the claim's own items say what of it stays the client's. An old demand whose
    /// claim is behind us, or was never made, weighs in no currency.
    static func weighedIn(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> Set<Currency> {
        guard story.letters.contains(where: { $0.stage == .demand }) else { return [] }
        var out = Set(toRecord(story, ledger: ledger, sheet: sheet, anyAge: true).flatMap { $0.held.map(\.0) })
        for u in unpaid(story, ledger: ledger, sheet: sheet) { out.formUnion(u.short.map(\.0)) }
        for (d, _, _) in clearedDemands(story, ledger: ledger, sheet: sheet) {
            guard let made = asMade(by: d, story: story, ledger: ledger, sheet: sheet) else { continue }
            out.formUnion(made.met(client: story.client.id, issued: story.issued, since: d.date, ledger: ledger, sheet: sheet).held.map(\.0))
        }
        return out
    }

    /// The last thank-you sent after demand `d` once its invoices were cleared (on `cleared`).
    static func thankYou(after d: LetterSent, cleared: Day, story: ClientStory) -> LetterSent? {
        story.letters.last { $0.stage == .thanks && ($0.date, $0.order) > (d.date, d.order) && $0.date >= cleared }
    }

    /// Whether thank-you `thanks` told the client the claim (`m` in `currency`) was covered by
    /// money of theirs held on account: it did when that money met it on its day. Money come
    /// since (a payment or credit note) may be what meets it now; what was held that day is
    /// then found by a run to it (a rare case, worth a second run).
    static func toldCovered(_ thanks: LetterSent, _ currency: Currency, _ m: Int64, story: ClientStory, ledger: Ledger) -> Bool {
        let after = { (e: Payment) in (e.date, e.order) > (thanks.date, thanks.order) }
        guard story.payments.contains(where: after) || story.credits.contains(where: after) else { return true }
        let then = BalanceEngine.balances(ledger, asOf: thanks.date)
        return (then.creditOnAccount[ClientCurrency(client: story.client.id, currency: currency)] ?? 0) >= m
    }

    /// A formal demand's claim that a thank-you sent since its invoices were cleared told the
    /// client was covered: money of theirs held on account meets it (`met`'s `held`), but no
    /// invoice of that sum records it, so the books do not agree with the letter, and that
    /// money would pay their next invoice. `sinceThanks`: money came (a payment or credit
    /// note) after the thank-you, so what was held on its day is not known from the sheet.
    struct ToRecord: Sendable {
        var demand: LetterSent
        var held: [(Currency, Int64)]
        var what: String
        var thanks: LetterSent
        var sinceThanks: Bool
        /// The claim as the demand stated it, when a credit note since has lowered it.
        var stated: [(Currency, Int64)]? = nil
        /// The invoices that have taken, since the thank-you, money held on account it called
        /// the claim covered by, so what is held no longer meets it (`takenFromAccount`): the
        /// claim recorded as an invoice dated on the thank-you's day takes that money back, as
        /// the letter told the client; dated later, it is left for them to pay. Empty when
        /// what is held still meets it.
        var spent: [String] = []
    }

    /// The claims of the client's formal demands a thank-you called covered and the ledger does
    /// not yet record, oldest demand first: the user records each as an invoice of that sum
    /// (7.3). For as long as `unpaid` weighs a claim, `StageChooser.thanksWindow` days after
    /// the demanded invoices were cleared; not once an invoice of that sum has been recorded.
    /// `anyAge`: however long ago the demanded invoices were cleared, the claims a thank-you
    /// told the client were covered (`coveringThanks`) alone: a thank-you for later work that has
    /// taken that money waits for the claim to be recorded (`StageChooser.thanksOrNothing`),
    /// and the money held on account a letter speaks of is less what still meets it.
    static func toRecord(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet, anyAge: Bool = false) -> [ToRecord] {
        var out: [ToRecord] = []
        for (d, _, cleared) in clearedDemands(story, ledger: ledger, sheet: sheet, within: !anyAge) {
            if anyAge && !story.letters.contains(where: { $0.stage == .thanks && ($0.date, $0.order) > (d.date, d.order) && $0.date >= cleared }) { continue }
            // The thank-you that told the client it was covered, though another went since (for
            // later work): else the last, after which money held on account came to meet it.
            guard let made = asMade(by: d, story: story, ledger: ledger, sheet: sheet),
                  let thanks = coveringThanks(d, claim: made, story: story, ledger: ledger, sheet: sheet)
                    ?? (anyAge ? nil : thankYou(after: d, cleared: cleared, story: story)) else { continue }
            let split = made.met(client: story.client.id, issued: story.issued, since: d.date, ledger: ledger, sheet: sheet)
            // Only what the thank-you called covered: one that said the claim was not covered
            // left it to be pursued or waived (`unpaid`), whatever came since.
            var held = split.held.filter { cur, m in toldCovered(thanks, cur, m, story: story, ledger: ledger) }
            // Held then, and taken since by later work: the thank-you still said it was covered.
            var spent: [String] = []
            let since = story.payments.contains { ($0.date, $0.order) > (thanks.date, thanks.order) }
            let cameSince = since || story.credits.contains { ($0.date, $0.order) > (thanks.date, thanks.order) }
            var then: BalanceSheet?
            for (cur, m) in split.short {
                let taken = takenFromAccount(story, in: cur, after: thanks.date, ledger: ledger, sheet: sheet)
                let key = ClientCurrency(client: story.client.id, currency: cur)
                guard !taken.isEmpty, (sheet.creditOnAccount[key] ?? 0) + taken.reduce(0, { $0 + $1.amount }) >= m else { continue }
                // Money come since may be what later work took: what was held on the thank-you's
                // day says whether it called the claim covered (a rare case, worth a second run).
                if cameSince {
                    if then == nil { then = BalanceEngine.balances(ledger, asOf: thanks.date) }
                    guard (then?.creditOnAccount[key] ?? 0) >= m else { continue }
                }
                held.append((cur, m))
                spent += taken.map(\.number).filter { !spent.contains($0) }
            }
            held = held.filter { cur, _ in !story.issued.contains { made.records($0, in: cur, since: d.date, ledger: ledger) } }.sorted { $0.0 < $1.0 }
            guard !held.isEmpty else { continue }
            out.append(ToRecord(demand: d, held: held, what: made.what, thanks: thanks, sinceThanks: since, stated: made.stated, spent: spent))
        }
        return out
    }

    /// What money held on account paid, after `day`, of the client's invoices in `currency`:
    /// of one issued since, what that money paid of it when it was issued; of any, what a
    /// query settled since released to it (4, rule 4). Each invoice with what it took.
    static func takenFromAccount(_ story: ClientStory, in currency: Currency, after day: Day, ledger: Ledger, sheet: BalanceSheet) -> [(number: String, amount: Int64)] {
        story.issued.compactMap { i in
            let inv = ledger.invoices[i]
            guard inv.currency == currency, let all = sheet.fromAccount[i], all > 0 else { return nil }
            let releases = sheet.releasedByQuery[i] ?? []
            let atIssue = inv.issued > day ? all - releases.reduce(Int64(0)) { $0 + $1.amount } : 0
            let amount = atIssue + releases.filter { $0.date > day }.reduce(Int64(0)) { $0 + $1.amount }
            return amount > 0 ? (inv.number, amount) : nil
        }
    }

    /// The client's formal demands whose invoices were all cleared (paid, credited or waived,
    /// none left a loss) since the demand, the last of them within `StageChooser.thanksWindow`
    /// days: the claims `unpaid` weighs, found from the sheet alone, with the invoices' indexes
    /// and the day the last was cleared. A demand whose invoices a later one named again is
    /// that one's to judge.
    /// `within`: only those cleared within `StageChooser.thanksWindow` days.
    static func clearedDemands(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet, within: Bool = true) -> [(demand: LetterSent, invoices: [Int], cleared: Day)] {
        guard story.letters.contains(where: { $0.stage == .demand }) else { return [] }
        var out: [(demand: LetterSent, invoices: [Int], cleared: Day)] = []
        var namedLater: Set<String> = []
        for d in story.letters.reversed() where d.stage == .demand && !d.invoices.isEmpty {
            let named = d.invoices.array
            defer { namedLater.formUnion(named) }
            guard !named.contains(where: namedLater.contains) else { continue }
            let indices = named.compactMap { ledger.invoiceIndex[$0] }
            guard indices.count == named.count, indices.allSatisfy({ sheet.invoices[$0].open <= 0 && sheet.invoices[$0].lost == 0 }),
                  let cleared = indices.compactMap({ sheet.invoices[$0].settled }).max(), cleared >= d.date,
                  !within || story.asOf.days(since: cleared) <= StageChooser.thanksWindow else { continue }
            out.append((d, indices, cleared))
        }
        return out.reversed()
    }

    /// The sheet's history when it covers `invoices` (a letters job traces all it needs in
    /// one run), else a run over their clients' entries made for them.
    static func history(of invoices: [Int], ledger: Ledger, sheet: BalanceSheet, through day: Day) -> OpenHistory {
        sheet.history.covers(invoices, through: day) ? sheet.history : BalanceEngine.openHistory(ledger, of: invoices, through: max(day, sheet.asOf))
    }

    /// `sheet` with the history of every invoice the letters chosen (`choices`, one per story)
    /// will charge interest on, cite an earlier demand's claim on or read a payment plan's
    /// instalments from, from one run over their clients' entries: a letter that traced its
    /// own would make one run each, a run over every entry for each.
    public static func traced(_ sheet: BalanceSheet, ledger: Ledger, stories: [ClientStory], choices: [StageChoice]) -> BalanceSheet {
        let wanted = SideBySide.map(stories.count) { k in
            let (story, choice) = (stories[k], choices[k])
            var wanted: [Int] = []
            switch choice.stage {
            // A final notice works the claim out too, to say what the demand would add.
            case .demand?, .final?: wanted += tracedFor(choice.chased, ledger: ledger, asOf: sheet.asOf)
            case .thanks?:
                for l in story.letters where l.stage == .demand { wanted += l.invoices.compactMap { ledger.invoiceIndex[$0] } }
            default: break
            }
            // A demand's invoices cleared lately without its claim: the agenda weighs the
            // claim as the demand made it (`unpaid`), read from this one run too.
            for c in clearedDemands(story, ledger: ledger, sheet: sheet) { wanted += c.invoices }
            // A letter to a client with a payment plan may show its table or thank for it,
            // which read how each instalment was met day by day (`PlanProgress.howPaid`).
            if choice.stage != nil {
                for plan in story.plans { wanted += PlanProgress.covered(by: plan, story: story, ledger: ledger, sheet: sheet) }
            }
            return wanted
        }
        return sheet.tracing(Array(wanted.joined()), in: ledger)
    }

    /// The sum a client's terms state for a late invoice in `currency`: none when it is in
    /// another currency (E304), which the invoice's own money cannot be, or in none the
    /// resolver could find (W314).
    static func clientCompensation(_ client: Client, for currency: Currency) -> DecimalValue? {
        guard client.compensationCurrency == currency else { return nil }
        return client.compensation
    }

    /// The invoices of `invoices` whose claim on `asOf` reads how they stood day by day: past
    /// due, with a rate of interest, or with the statutory compensation, banded by the debt
    /// that was late.
    static func tracedFor(_ invoices: [Int], ledger: Ledger, asOf: Day) -> [Int] {
        invoices.filter { i in
            let inv = ledger.invoices[i]
            guard inv.due < asOf else { return false }
            let client = ledger.client(inv.client)
            let statutory = inv.statutoryCompensation || (inv.compensation == nil && client?.statutoryCompensation == true)
            return statutory || (inv.interest ?? client?.interest).map { $0.digits != 0 } ?? false
        }
    }

    /// `story`: the client's, whose payment plans' money bore interest only once its
    /// instalment's date had passed (`plannedDays`).
    public init(invoices: [Int], ledger: Ledger, sheet: BalanceSheet, story: ClientStory? = nil) throws(TooLarge) {
        let charged = LateClaim.tracedFor(invoices, ledger: ledger, asOf: sheet.asOf)
        let history = charged.isEmpty ? OpenHistory() : LateClaim.history(of: charged, ledger: ledger, sheet: sheet, through: sheet.asOf)
        // A loss written off is still claimed, with the interest it bore (3.8).
        try self.init(invoices: invoices, ledger: ledger, asOf: sheet.asOf, open: { sheet.invoices[$0].owed }, history: history, story: story)
    }

    /// Of invoice `i`'s open amount added up day by day after `from` through `to`, as
    /// `OpenHistory.openDays` counts it, what a payment plan among `plans` gave the client time
    /// for: the plan offered that nothing would be added to instalments paid on time, so its
    /// money bears interest only once the last day of its instalment (`Instalment.lastDay`: its
    /// date, or the next working day after a weekend or a holiday) has passed unpaid. On each
    /// day, what its invoices owed of the plan's money (beyond the part of them it left out,
    /// 3.10) up to what its instalments still to fall due come to is not late; it is taken, as
    /// what is paid last, from the invoices issued last. The latest plan about the invoice
    /// agreed by `to` is the one that counts. `story`: the invoice's client's. Also what of it
    /// was late in parts, each from the end of the day it rose by it (`LatePart`), when what
    /// was late only rose; empty when some of it was paid once late.
    /// A plan in default by `to` (3.10: its instalment reminder, sent while the schedule ran,
    /// went unanswered past the date it gave) no longer governs from the day after that date
    /// (`lapse`): all of its money still to fall due fell due that day, as the letter telling
    /// of the lapse says, and bears interest from the day after it, as money due on a date
    /// does; the instalments missed before it still bear interest from their own dates.
    static func plannedDays(_ i: Int, after from: Day, through to: Day, ledger: Ledger, history: OpenHistory, story: ClientStory, knownAt known: Day) -> (given: Int128, parts: [LatePart], lapse: Day?) {
        let inv = ledger.invoices[i]
        guard to > from, let plan = story.plans.last(where: { $0.date <= to && $0.currency == inv.currency && $0.isAbout(inv) }) else { return (0, [], nil) }
        let before = plan.date.adding(days: -1)
        let named = plan.invoices.isEmpty
            ? story.issued.filter { ledger.invoices[$0].currency == inv.currency && plan.isAbout(ledger.invoices[$0]) }
            : plan.invoices.compactMap { ledger.invoiceIndex[$0] }
        let all = named.contains(i) ? named : named + [i]
        let trace = history.covers(all, through: max(to, known)) ? history : BalanceEngine.openHistory(ledger, of: all, through: max(to, known))
        // Those open when the plan was agreed, last issued first: what is paid last.
        let covered = all.filter { plan.invoices.isEmpty ? trace.owed($0, endOf: before, knownAt: known) > 0 : true }
            .sorted { (ledger.invoices[$0].issued, ledger.invoices[$0].order) > (ledger.invoices[$1].issued, ledger.invoices[$1].order) }
        guard let place = covered.firstIndex(of: i) else { return (0, [], nil) }
        let leftOut = max(0, covered.reduce(Int64(0)) { $0 + trace.owed($1, endOf: before, knownAt: known) } - plan.minor)
        // The plan as the letters saw it on `to` (`PlanProgress.standing`): in default once the
        // date its reminder gave has passed, when that reminder went while the schedule ran.
        let progress = PlanProgress(plan: plan, covered: covered, openNow: covered.reduce(Int64(0)) { $0 + max(0, trace.asked($1, endOf: to)) }, notCovered: leftOut, asOf: to)
        let end = plan.instalments.last?.lastDay
        let lapse = progress.defaulting(in: story, ledger: ledger, history: { _ in trace }).flatMap { d in
            d.by < to && (end.map { d.letter.date <= $0 } ?? true) ? d.by.adding(days: 1) : nil
        }
        var total: Int128 = 0
        var parts: [LatePart] = [], late: Int64 = 0, rising = true
        var day = from
        while day < to {
            // Owed at the end of `day`, late on the day after it.
            let toCome = lapse.map { day >= $0 } == true ? 0 : plan.instalments.reduce(Int64(0)) { $0 + ($1.lastDay > day ? $1.minor : 0) }
            var given: Int64 = 0
            if toCome > 0 {
                let owed = covered.map { trace.owed($0, endOf: day, knownAt: known) }
                var notLate = min(toCome, max(0, owed.reduce(0, +) - leftOut))
                for k in 0..<place { notLate -= min(notLate, owed[k]) }
                given = min(notLate, owed[place])
                total += Int128(given)
            }
            let lateNow = trace.owed(i, endOf: day, knownAt: known) - given
            if lateNow > late {
                // Late from an instalment's last day: the table names the instalment's own date.
                // Or from the lapse, named as such.
                let missed = day == lapse ? nil : plan.instalments.first { $0.lastDay == day }
                parts.append(LatePart(open: lateNow - late, from: day, days: to.days(since: day), instalment: missed?.date, lapsed: day == lapse))
            }
            if lateNow < late { rising = false }
            late = lateNow
            day = day.adding(days: 1)
        }
        return (total, rising ? parts : [], lapse)
    }

    /// `open`: what invoice `i` has open on `asOf` (or a bound of it, for the checker).
    /// `history`: how the invoices stood day by day, for interest on what was unpaid each day;
    /// without it, interest on `interestOn` (else `open`) for every day since the due date: a
    /// bound, for the checker, when that is the invoice's total.
    /// `knownAt`: the day credit notes are known at, when later than `asOf` (a claim made on
    /// `asOf`, weighed since): what they took off bears no interest and was not late.
    /// `story`: the invoices' client's, whose payment plans' money bears interest only once its
    /// instalment's date has passed unpaid (`plannedDays`; read from `history`).
    init(invoices: [Int], ledger: Ledger, asOf: Day, open: (Int) -> Int64, history: OpenHistory? = nil, interestOn: ((Int) -> Int64)? = nil, knownAt: Day? = nil, story: ClientStory? = nil) throws(TooLarge) {
        let known = max(asOf, knownAt ?? asOf)
        var lines: [Line] = []
        // Open amounts, interest and compensation per currency, kept below the limit as they
        // are added: the sum so far is at most 10^18 and interest below 2^127 / 36,500, so the
        // Int128 sum cannot overflow before it is compared.
        var sums: [Currency: Int128] = [:]
        var extra: [Currency: Int128] = [:]
        let limit = Int128(LedgerResolver.maxCurrencyTotal)
        for i in invoices {
            let inv = ledger.invoices[i]
            let client = ledger.client(inv.client)
            // A rate of 0% (on the invoice, over the client's) says no interest is charged: the
            // claim names none rather than interest of 0.00 "that continues to run".
            let rate = (inv.interest ?? client?.interest).flatMap { $0.digits == 0 ? nil : $0 }
            // A sum stated on the invoice wins over the client's; `statutory` on either asks for the band.
            let statutory = inv.statutoryCompensation || (inv.compensation == nil && client?.statutoryCompensation == true)
            let comp = statutory ? nil : inv.compensation ?? client.flatMap { LateClaim.clientCompensation($0, for: inv.currency) }
            // Banded by the debt that was late, what was unpaid at the end of the due date (the
            // total, a bound of it, without a history): a part paid in time is not late.
            let band = statutory ? StatutoryCompensation.amount(total: history.map { $0.unpaid(i, endOf: inv.due, knownAt: known) } ?? inv.total, currency: inv.currency) : nil
            let days = asOf.days(since: inv.due)
            guard days > 0, rate != nil || comp != nil || band != nil else { continue }
            let owed = open(i)
            let tooLarge = TooLarge(invoice: i, currency: inv.currency, days: days)
            var interest: Int128 = 0
            var paidLate = false, planned = false
            var lateParts: [LatePart] = []
            var lapse: Day?
            if let rate {
                var openDays = history.map { $0.openDays(i, after: inv.due, through: asOf, knownAt: known) } ?? Int128(interestOn?(i) ?? owed) * Int128(days)
                if let history, let story, !story.plans.isEmpty {
                    let (given, parts, lapsed) = Self.plannedDays(i, after: inv.due, through: asOf, ledger: ledger, history: history, story: story, knownAt: known)
                    planned = given > 0
                    openDays = max(0, openDays - given)
                    if planned { lateParts = parts; lapse = lapsed }
                }
                // The plan's sentence says how its money bore interest, paid late or not.
                paidLate = !planned && openDays != Int128(owed) * Int128(days)
                guard let exact = LateClaim.exactInterest(openDays: openDays, rate: rate) else { throw tooLarge }
                interest = exact
            }
            let compensation = Int128(band ?? comp?.minorUnits(precision: inv.currency.precision) ?? 0)
            let sum = sums[inv.currency, default: 0] + Int128(owed) + interest + compensation
            guard sum <= limit else { throw tooLarge }
            sums[inv.currency] = sum
            extra[inv.currency, default: 0] += interest + compensation
            lines.append(Line(invoice: i, number: inv.number, open: owed, due: inv.due, days: days, rate: rate, interest: Int64(interest), paidLate: paidLate, planned: planned, lateParts: lateParts, lapse: lapse, compensation: Int64(compensation), statutory: band != nil, currency: inv.currency))
        }
        self.lines = lines
        totals = extra.sorted { $0.key < $1.key }.map { ($0.key, Int64($0.value)) }
    }

    /// Simple yearly interest on `open` minor units for `days` days, exact until the one
    /// rounding; nil when it is more than `due` handles.
    public static func interest(open: Int64, rate: Percent, days: Int) -> Int64? {
        let (openDays, over) = Int128(open).multipliedReportingOverflow(by: Int128(days))
        guard !over, let exact = exactInterest(openDays: openDays, rate: rate),
            exact.magnitude <= LedgerResolver.maxCurrencyTotal.magnitude
        else { return nil }
        return Int64(exact)
    }

    /// Simple yearly interest on `openDays`, minor units times days (what was open each day,
    /// added up). The parser keeps a rate to 7 digits and 4 decimals and days stay below
    /// 2^22, so the product is below 2^106 for any amount `due` accepts; checked all the
    /// same, since a `Percent` built in code has no such bound.
    static func exactInterest(openDays: Int128, rate: Percent) -> Int128? {
        let (numerator, o1) = openDays.multipliedReportingOverflow(by: Int128(rate.digits))
        guard !o1, (0...18).contains(rate.scale) else { return nil }
        let denominator = 100 * MoneyFormat.pow10(rate.scale) * 365
        return MoneyFormat.divideRounded(numerator, denominator)
    }

    private init() {
        lines = []
        totals = []
    }

    /// No claim at all.
    public static let empty = LateClaim()

    public var isEmpty: Bool { lines.isEmpty }
}

/// The fixed sum per late invoice that the law sets for business debts, for
/// `compensation statutory`. UK: the Late Payment of Commercial Debts Regulations 2002 (section
/// 5A of the 1998 Act) give GBP 40 for a debt under 1,000, 70 from 1,000 to 9,999.99 and 100 from
/// 10,000. EU: Directive 2011/7/EU, article 6, gives at least EUR 40. The debt is the invoice's
/// total. No other currency has a sum here: `due` does not guess the law.
public enum StatutoryCompensation {
    static let gbp = Currency("GBP"), eur = Currency("EUR")

    /// In minor units; nil for a currency without a statutory sum.
    public static func amount(total: Int64, currency: Currency) -> Int64? {
        if currency == gbp {
            if total < 1_000_00 { return 40_00 }
            if total < 10_000_00 { return 70_00 }
            return 100_00
        }
        if currency == eur { return 40_00 }
        return nil
    }
}
