/// How many days after its due date each client usually pays, learned from the invoices it
/// settled by the as-of date. The cash forecast shifts due dates by it.
///
/// A client's figure is the median of its most recent settled invoices (days between due date
/// and settlement, negative when paid early), shrunk toward the ledger-wide median by
/// `prior` invoices' weight, so one odd payment does not decide a new client's forecast. A
/// client with no settled invoice gets the ledger-wide median; a ledger with none gets 0.
public struct PaymentHabit: Sendable {
    /// How many of a client's latest settled invoices speak for its habit now.
    public static let recentCount = 6
    /// Weight of the ledger-wide median, in invoices, when a client's own median is blended in.
    public static let prior = 2

    public enum Source: String, Sendable, Hashable {
        /// The client's own recent invoices (blended with the ledger median).
        case client = "client history"
        /// No settled invoice of the client: the median of all clients'.
        case ledger = "ledger median"
        /// Nothing settled in the whole ledger: the due date as it stands.
        case dueDate = "due date"
    }

    public struct Estimate: Sendable, Hashable {
        /// Days after the due date (negative: before).
        public var days: Int
        public var source: Source
        /// Settled invoices of the client that went into it.
        public var samples: Int
    }

    public let asOf: Day
    /// Median days after due over every settled invoice; nil when none is settled.
    public let ledgerMedian: Int?
    /// Median days after due over the settled invoices that had been disputed: how long a
    /// dispute has held payment up in this ledger; nil when none is settled.
    public let disputedMedian: Int?
    private let clients: [String: (median: Int, samples: Int)]

    public init(ledger: Ledger, sheet: BalanceSheet) {
        asOf = sheet.asOf
        // A disputed invoice is paid late because of the dispute, and one written off as a
        // loss not at all: neither says how the client pays (a sum waived does not hide that
        // the rest came late).
        // Each client's settled invoices, found by the index the resolver gave the client (by
        // id only for a client the ledger does not define): a string hashed per invoice cost
        // more than the rest of the habits together; grouped by client once all are found
        // (`ClientGroups`).
        typealias Settled = (settled: Day, order: Int, offset: Int)
        var found: [(client: Int32, value: Settled)] = []
        var undefined: [String: Int32] = [:]
        var undefinedIDs: [String] = []
        var all: [Int] = []
        var wasDisputed: [Int] = []
        let disputed = DisputedInvoices(ledger: ledger, sheet: sheet)
        let lost = LostInvoices(ledger: ledger, sheet: sheet)
        for (i, b) in sheet.invoices.enumerated() where b.issued && b.total > 0 && (b.writtenOff == 0 || !lost.hasLoss(i)) {
            guard let day = b.paidUp else { continue }
            let offset = day.days(since: ledger.invoices[i].due)
            guard !disputed.wasDisputed(i) else {
                wasDisputed.append(offset)
                continue
            }
            // A client the ledger does not define is numbered after those it does.
            let client: Int32
            if let n = ledger.invoices[i].clientNumber {
                client = n
            } else if let u = undefined[ledger.invoices[i].client] {
                client = u
            } else {
                client = Int32(ledger.clients.count + undefinedIDs.count)
                undefined[ledger.invoices[i].client] = client
                undefinedIDs.append(ledger.invoices[i].client)
            }
            found.append((client, (day, ledger.invoices[i].order, offset)))
            all.append(offset)
        }
        ledgerMedian = PaymentHabit.median(all)
        disputedMedian = PaymentHabit.median(wasDisputed)
        let settled = ClientGroups(found, count: ledger.clients.count + undefinedIDs.count)
        var clients: [String: (Int, Int)] = [:]
        for c in 0..<settled.count where !settled[c].isEmpty {
            let recent = settled[c].sorted { ($0.settled, $0.order) < ($1.settled, $1.order) }.suffix(PaymentHabit.recentCount).map(\.offset)
            let id = c < ledger.clients.count ? ledger.clients[c].id : undefinedIDs[c - ledger.clients.count]
            if let m = PaymentHabit.median(recent) { clients[id] = (m, recent.count) }
        }
        self.clients = clients
    }

    public func estimate(client: String) -> Estimate {
        guard let global = ledgerMedian else { return Estimate(days: 0, source: .dueDate, samples: 0) }
        guard let own = clients[client] else { return Estimate(days: global, source: .ledger, samples: 0) }
        let n = own.samples, k = PaymentHabit.prior
        return Estimate(days: PaymentHabit.divideRounded(own.median * n + global * k, n + k), source: .client, samples: n)
    }

    /// The middle value, or the mean of the two middle ones rounded to a whole day (half away
    /// from zero): the median the client table prints, so a report does not give one client two
    /// habits.
    static func median(_ values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : divideRounded(s[m - 1] + s[m], 2)
    }

    /// Rounded half away from zero, the same for early and late payers.
    static func divideRounded(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? (2 * a + b) / (2 * b) : -((-2 * a + b) / (2 * b))
    }
}
