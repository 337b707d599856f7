import Dispatch

/// What every check sees: the resolved ledger, balances as of the check date, and that date.
public struct CheckContext: Sendable {
    public let ledger: Ledger
    public let sheet: BalanceSheet
    public let asOf: Day
    /// Client ids and invoice numbers, indexed once for every rule.
    public let ids: LedgerIDs
    /// The clients of invoices whose figures are in another currency (E304), left out as
    /// unread ones are (`Invoice.figuresInOtherCurrency`); found once, as few invoices have one.
    let otherCurrencyClients: Set<String>
    /// The clients none of whose entries, nor the settings, give a currency (E308): their money
    /// is in no currency, and a finding about it would print the placeholder's XXX.
    let noCurrencyClients: Set<String>
    /// The currencies other than the settings' that clients are invoiced in, by client (with a
    /// `currency` written on the invoice): a client with no currency of its own pays in those
    /// and the settings' (`CurrencyRule.conflict`). Empty without a `currency` setting.
    let invoicedApart: Set<ClientCurrency>

    /// A client, by its place in `Ledger.clients`, and a currency.
    struct ClientCurrency: Hashable {
        var client: Int32
        var currency: Currency
    }

    public init(ledger: Ledger, sheet: BalanceSheet, asOf: Day) {
        self.init(ledger: ledger, sheet: sheet, asOf: asOf, ids: LedgerIDs(ledger))
    }

    init(ledger: Ledger, sheet: BalanceSheet, asOf: Day, ids: LedgerIDs) {
        self.ledger = ledger
        self.sheet = sheet
        self.asOf = asOf
        self.ids = ids
        otherCurrencyClients = Set(ledger.invoices.lazy.filter(\.figuresInOtherCurrency).map(\.client))
        noCurrencyClients = Set(ledger.facts.lazy.compactMap { if case .noCurrency(let client, _, _) = $0 { client } else { nil } })
        if let settled = ledger.settings.currency {
            invoicedApart = Set(ledger.invoices.lazy.filter { $0.currency != settled && $0.currency.isKnown && $0.clientNumber != nil }.map { ClientCurrency(client: $0.clientNumber!, currency: $0.currency) })
        } else {
            invoicedApart = []
        }
    }
}

extension CheckContext {
    /// The client defined with the very bytes of `id`, as `ids.clients` finds it. `resolved`
    /// is the client the resolver found for the entry (the first whose id is canonically
    /// equal): when its id has these bytes, no earlier client can, so it is the one, without
    /// hashing `id`.
    func client(_ id: String, resolved: Int32?) -> Int? {
        if let k = resolved.map(Int.init), IDTable.sameBytes(ledger.clients[k].id, id) { return k }
        return ids.clients.index(id)
    }

    /// Whether what client `id` owes cannot be known: no `client` entry defines it (E203 says
    /// so), one of its invoices was left out for a mistake in it (`Ledger.unreadInvoices`,
    /// `Invoice.figuresInOtherCurrency`), or no currency is known for it (E308).
    /// A finding about its balance (nothing open to pay, an assertion that fails) would follow
    /// from that one mistake and send the reader after another.
    func owingUnknown(_ id: String, resolved: Int32?) -> Bool {
        if !ledger.unreadInvoices.isEmpty && ledger.unreadInvoices.contains(where: { $0.client == id }) { return true }
        if !otherCurrencyClients.isEmpty && otherCurrencyClients.contains(id) { return true }
        if !noCurrencyClients.isEmpty && noCurrencyClients.contains(id) { return true }
        return client(id, resolved: resolved) == nil
    }
}

/// What `Checker.run` found, and the balances it found it with.
public struct CheckOutcome: Sendable {
    public var diagnostics: [Diagnostic]
    /// Balances through the later of the as-of date and the last entry, without the facts the
    /// rules judged.
    public var sheet: BalanceSheet

    /// Balances as of `asOf` for a report: the checker's own when they were computed for that
    /// very day (the as-of date is on or after the last entry; finding diagnostics changes no
    /// balance), else a fresh run of the engine.
    public func sheet(asOf: Day, ledger: Ledger) -> BalanceSheet {
        sheet.asOf == asOf ? sheet : BalanceEngine.balances(ledger, asOf: asOf)
    }
}

/// One check over the whole ledger. Adding a check is adding a type in `Checks/` and naming it
/// in `Checker.rules`.
public protocol LedgerRule: Sendable {
    static func check(_ context: CheckContext, into findings: inout Findings)
    /// False for a rule that never reads `context.sheet`: it then runs while the balances are
    /// still being computed.
    static var needsBalances: Bool { get }
}

extension LedgerRule {
    public static var needsBalances: Bool { true }
}

/// Runs every rule. Balances are computed once, by `BalanceEngine`, for all of them.
public enum Checker {
    /// The rules judging what the resolver met (`ledger.facts`), first, in the order it met
    /// them: on one spot a duplicate or a currency is reported before an amount, an amount
    /// before a total.
    static let resolutionRules: [any LedgerRule.Type] = [
        DuplicateRule.self,
        InvoiceCurrencyRule.self,
        AmountRule.self,
        InvoiceTotalRule.self,
    ]

    public static let rules: [any LedgerRule.Type] = resolutionRules + [
        PaymentAllocationRule.self,
        PaymentReferenceRule.self,
        WriteOffRule.self,
        RefundRule.self,
        ReturnedPaymentRule.self,
        BalanceAssertionRule.self,
        DueDateRule.self,
        UnknownClientRule.self,
        InvoiceReferenceRule.self,
        CreditNoteNumberRule.self,
        CurrencyRule.self,
        PaymentPlanRule.self,
        DisputeRule.self,
        PromiseRule.self,
        PromiseAmountRule.self,
        LateClaimRule.self,
        SettledLetterRule.self,
        LetterLadderRule.self,
        CompensationRule.self,
        SenderBankRule.self,
        PostalAddressRule.self,
        ChannelWordRule.self,
        UnansweredNoteRule.self,
        UnmarkedWordRule.self,
        EmailAddressRule.self,
        FutureEntriesRule.self,
    ]

    /// What the resolver met in `ledger`, worded by the rules that judge it.
    static func resolutionDiagnostics(_ ledger: Ledger) -> [Diagnostic] {
        let context = CheckContext(ledger: ledger, sheet: .empty(asOf: Day(ordinal: 0)), asOf: Day(ordinal: 0))
        var found = Findings(releasing: ledger.files)
        for rule in resolutionRules { rule.check(context, into: &found) }
        return found.diagnostics
    }

    /// Everything wrong with a loaded ledger, sorted by file and line.
    public static func check(_ load: LoadResult, asOf: Day) -> [Diagnostic] {
        run(load, asOf: asOf).diagnostics
    }

    /// The diagnostics, and the balances the checker computed for them, which a report for the
    /// same date can use instead of running the engine again. On the way, the run of the engine
    /// hands `body` the sheets as of `dates` (those up to the last entry or the as-of date), as
    /// `BalanceEngine.forEachSheet` would: a report's month-ends come from the same run.
    public static func run(_ load: LoadResult, asOf: Day, passing dates: [Day] = [], _ body: (BalanceSheet) -> Void = { _ in }) -> CheckOutcome {
        withoutActuallyEscaping(body) { body in
            run(load, asOf: asOf, passing: dates, UnsafeSendable(body))
        }
    }

    private static func run(_ load: LoadResult, asOf: Day, passing dates: [Day], _ body: UnsafeSendable<(BalanceSheet) -> Void>) -> CheckOutcome {
        let ledger = load.ledger
        // The pages of the file that loading read last (the `apply` lines' invoice numbers) are
        // let go of before the balances are made beside them, as each rule's are after it.
        ledger.files.releasePages()
        // Two cores share the work. One computes the balances, the other indexes the ids; then
        // each takes the next rule not yet taken, those that do not read balances first. So the
        // rules that need no balances run while the balances are computed, and whichever core
        // finishes first goes on with the rest instead of waiting for the other.
        let early = rules.filter { !$0.needsBalances }, late = rules.filter { $0.needsBalances }
        let work = SharedWork(rules: early.count + late.count)
        // Each rule fills its own slot; they are joined in the order of `rules` (those that need
        // no balances first), as one thread would have found them.
        var found = [Findings](repeating: Findings(releasing: ledger.files), count: early.count + late.count)
        found.withUnsafeMutableBufferPointer { slots in
            let slots = UnsafeSendable(slots)
            DispatchQueue.concurrentPerform(iterations: 2) { lane in
                if lane == 0 {
                    // Balances through the last entry, so assertions and overpayments dated after
                    // the as-of date are still checked (those entries are warned about
                    // separately), while the other core indexes the ids.
                    work.sheet = BalanceEngine.balancesThroughLastEntry(ledger, from: asOf, options: BalanceOptions(collectFacts: true), passing: dates, body.value)
                    BalanceAssertionRule.judgeAsTheyStood(ledger, facts: &work.sheet!.facts)
                    work.sheetDone.leave()
                } else {
                    work.ids = LedgerIDs(ledger)
                    work.idsDone.leave()
                }
                var beforeBalances: CheckContext?, withBalances: CheckContext?
                while let k = work.take() {
                    if k < early.count {
                        work.idsDone.wait()
                        // These rules never read the sheet: an empty one stands in.
                        if beforeBalances == nil { beforeBalances = CheckContext(ledger: ledger, sheet: BalanceSheet.empty(asOf: asOf), asOf: asOf, ids: work.ids!) }
                        early[k].check(beforeBalances!, into: &slots.value[k])
                    } else {
                        work.idsDone.wait()
                        work.sheetDone.wait()
                        if withBalances == nil { withBalances = CheckContext(ledger: ledger, sheet: work.sheet!, asOf: asOf, ids: work.ids!) }
                        late[k - early.count].check(withBalances!, into: &slots.value[k])
                    }
                    // What a rule read of the file (texts read again, the places its diagnostics
                    // point at) is let go of when it ends, rather than held to the end of the
                    // check beside the balances: read again, a page comes from the page cache.
                    ledger.files.releasePages()
                }
            }
        }
        var sheet = work.sheet!
        var diagnostics = load.diagnostics
        for own in found { diagnostics += own.diagnostics }
        sheet.facts = []
        return CheckOutcome(diagnostics: diagnostics.sortedForDisplay(), sheet: sheet)
    }

    /// What the two cores of `run` share: the balances and the ids, each written by one core
    /// before its group is left and read by either only after waiting on that group, and the
    /// rules, taken one at a time in order.
    final class SharedWork: @unchecked Sendable {
        var sheet: BalanceSheet?
        var ids: LedgerIDs?
        let sheetDone = DispatchGroup()
        let idsDone = DispatchGroup()
        private let rules: Int
        private var next = 0
        private let lock = Lock()

        init(rules: Int) {
            self.rules = rules
            sheetDone.enter()
            idsDone.enter()
        }

        /// The next rule to run, nil when every rule is taken.
        func take() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < rules else { return nil }
            next += 1
            return next - 1
        }
    }

    public static func latestDate(_ l: Ledger) -> Day {
        // By index, reading the date alone: no copy of each entry.
        var m = Day(ordinal: Int32.min)
        for k in l.invoices.indices where l.invoices[k].issued > m { m = l.invoices[k].issued }
        for k in l.payments.indices where l.payments[k].date > m { m = l.payments[k].date }
        for k in l.writeOffs.indices where l.writeOffs[k].date > m { m = l.writeOffs[k].date }
        for k in l.refunds.indices where l.refunds[k].date > m { m = l.refunds[k].date }
        // A payment's `returned` line is dated too (3.6), after the payment it may have taken out.
        for k in l.returns.indices where l.returns[k].date > m { m = l.returns[k].date }
        for k in l.notes.indices where l.notes[k].date > m { m = l.notes[k].date }
        for k in l.plans.indices where l.plans[k].date > m { m = l.plans[k].date }
        for k in l.letters.indices where l.letters[k].date > m { m = l.letters[k].date }
        for k in l.assertions.indices where l.assertions[k].date > m { m = l.assertions[k].date }
        return m
    }
}

/// Entries dated after the as-of date are probably typos in the year.
enum FutureEntriesRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        func warn(_ date: Day, _ range: @autoclosure () -> SourceRange) {
            if date > c.asOf {
                d.append(Diagnostic(.W901, "this entry is dated \(date), after \(c.asOf)", at: range(), hint: "a typo in the date? Use --as-of to check as of a later day"))
            }
        }
        let l = c.ledger
        for k in l.invoices.indices { warn(l.invoices[k].issued, l.files.header(l.invoices[k].anchor)) }
        for k in l.payments.indices { warn(l.payments[k].date, l.files.header(l.payments[k].anchor)) }
        for k in l.writeOffs.indices { warn(l.writeOffs[k].date, l.files.header(l.writeOffs[k].anchor)) }
        for k in l.refunds.indices { warn(l.refunds[k].date, l.files.header(l.refunds[k].anchor)) }
        for k in l.notes.indices { warn(l.notes[k].date, l.files.header(l.notes[k].anchor)) }
        for k in l.plans.indices { warn(l.plans[k].date, l.files.header(l.plans[k].anchor)) }
        for k in l.letters.indices { warn(l.letters[k].date, l.files.header(l.letters[k].anchor)) }
        for k in l.assertions.indices { warn(l.assertions[k].date, l.files.header(l.assertions[k].anchor)) }
    }
}
