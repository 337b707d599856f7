extension BalanceEngine {
    /// The entries a run applies, in the order it applies them: by date; on one date invoices,
    /// then payments and credit notes, then write-offs, then refunds, then balance assertions; on the same
    /// date and kind, as written. Only those dated on or before the run's as-of date.
    ///
    /// Each kind is read in place when the ledger already holds it in that order, as a file
    /// written day by day does, and else through its indexes sorted; the kinds are merged as
    /// the run goes. No list of every entry is made: at a million invoices that list took
    /// 34 MB and a sort.
    struct EventOrder: Sequence, IteratorProtocol {
        /// One kind of entry, in the order applied.
        struct Lane {
            let kind: EventKind
            let count: Int
            /// Indexes in the order applied; nil when the entries are in that order already.
            var sorted: [Int32]?
            var next = 0
        }

        // The five arrays it reads, not the whole ledger: `next` hands a copy of this iterator to
        // `head` for every entry, and with a ledger inside that copy was 464 bytes, a call to
        // memcpy per entry (1% of a large ledger's check).
        let invoices: [Invoice]
        let payments: [Payment]
        let writeOffs: [WriteOff]
        let refunds: [Refund]
        let assertions: [BalanceAssertion]
        let limit: Int32
        var lanes: [Lane] = []
        /// The entry each lane gives next, nil once it has none left on or before `limit`.
        var heads: [Event?] = []

        /// `asOf`: the last day applied; nil: every entry.
        init(_ ledger: Ledger, asOf: Day?, assertions: Bool) {
            invoices = ledger.invoices
            payments = ledger.payments
            writeOffs = ledger.writeOffs
            refunds = ledger.refunds
            self.assertions = ledger.assertions
            limit = asOf?.ordinal ?? Int32.max
            let counts = [ledger.invoices.count, ledger.payments.count, ledger.writeOffs.count, ledger.refunds.count, assertions ? ledger.assertions.count : 0]
            for (k, count) in counts.enumerated() {
                var lane = Lane(kind: EventKind(rawValue: UInt8(k))!, count: count)
                let inOrder = (1..<Swift.max(1, count)).allSatisfy { !precedes($0, $0 - 1, lane.kind) }
                if !inOrder { lane.sorted = (0..<count).sorted { precedes($0, $1, lane.kind) }.map { Int32($0) } }
                lanes.append(lane)
                heads.append(nil)
                heads[k] = head(k)
            }
        }

        /// The same over the invoices, payments and write-offs of `clients` alone, for a run
        /// that follows a few clients (`BalanceEngine.openHistory`).
        init(_ ledger: Ledger, asOf: Day?, clients: FewClients) {
            self.init(ledger, asOf: asOf, picked: Picked.grouped(ledger, by: clients)[0])
        }

        /// The same over the entries `picked`.
        init(_ ledger: Ledger, asOf: Day?, picked: Picked) {
            invoices = ledger.invoices
            payments = ledger.payments
            writeOffs = ledger.writeOffs
            refunds = ledger.refunds
            assertions = []
            limit = asOf?.ordinal ?? Int32.max
            for (k, indexes) in (picked.lists + [[]]).enumerated() {
                var lane = Lane(kind: EventKind(rawValue: UInt8(k))!, count: indexes.count)
                lane.sorted = indexes
                lanes.append(lane)
                heads.append(nil)
                heads[k] = head(k)
            }
        }

        /// Date and position as written of entry `i` of a kind: by index, reading two fields,
        /// since a copy of each invoice or payment would retain all of its strings.
        func key(_ i: Int, _ kind: EventKind) -> (date: Int32, order: Int32) {
            switch kind {
            case .invoice: (invoices[i].issued.ordinal, Int32(truncatingIfNeeded: invoices[i].order))
            case .payment: (payments[i].date.ordinal, Int32(truncatingIfNeeded: payments[i].order))
            case .writeOff: (writeOffs[i].date.ordinal, Int32(truncatingIfNeeded: writeOffs[i].order))
            case .refund: (refunds[i].date.ordinal, Int32(truncatingIfNeeded: refunds[i].order))
            case .assertion: (assertions[i].date.ordinal, Int32(truncatingIfNeeded: assertions[i].order))
            }
        }

        func precedes(_ a: Int, _ b: Int, _ kind: EventKind) -> Bool {
            let x = key(a, kind), y = key(b, kind)
            return x.date != y.date ? x.date < y.date : x.order < y.order
        }

        func head(_ k: Int) -> Event? {
            let lane = lanes[k]
            guard lane.next < lane.count else { return nil }
            let i = lane.sorted.map { Int($0[lane.next]) } ?? lane.next
            let (date, order) = key(i, lane.kind)
            guard date <= limit else { return nil }
            return Event(date: date, kind: lane.kind, order: order, index: Int32(i))
        }

        /// Where the entry of `kind` handed out last stands among the entries of its kind, in
        /// the order applied (-1 before the first).
        func handedOut(_ kind: EventKind) -> Int { lanes[Int(kind.rawValue)].next - 1 }

        /// The entry of `kind` that stands at `place` in the order applied, if there is one
        /// (dated after the as-of date or not): a run reads ahead with it.
        func entry(_ kind: EventKind, at place: Int) -> Int? {
            let lane = lanes[Int(kind.rawValue)]
            guard place >= 0 && place < lane.count else { return nil }
            return lane.sorted.map { Int($0[place]) } ?? place
        }

        mutating func next() -> Event? {
            var from = -1
            // Lanes are in the order of their kinds: on the same date the earlier lane's entry goes first.
            for k in heads.indices {
                guard let e = heads[k] else { continue }
                if from < 0 || e.date < heads[from]!.date { from = k }
            }
            guard from >= 0 else { return nil }
            let e = heads[from]
            lanes[from].next += 1
            heads[from] = head(from)
            return e
        }
    }
}

extension BalanceEngine {
    /// Some clients, found for each entry by the number the resolver gave its client (an
    /// entry's id is hashed only when it has none): a run that follows them picks their
    /// entries out of a million without hashing a million ids. Each client is in one of
    /// `groups` groups, for work shared out between cores by client (money never passes
    /// between clients).
    struct FewClients: Sendable {
        /// The group of each numbered client, -1 for one not among them.
        private var numbered: [Int8]
        private var ids: [String: Int8] = [:]
        let groups: Int

        init(_ invoices: [Int], of ledger: Ledger) {
            numbered = [Int8](repeating: -1, count: ledger.clients.count)
            groups = 1
            for i in invoices { add(ledger.invoices[i].clientNumber, ledger.invoices[i].client, group: 0) }
        }

        /// The clients of `payments`, dealt into `groups` groups in the order they first come.
        init(clientsOf payments: [Payment], of ledger: Ledger, groups: Int = 1) {
            numbered = [Int8](repeating: -1, count: ledger.clients.count)
            self.groups = max(1, min(groups, Int(Int8.max)))
            var dealt = 0
            for p in payments where group(p.clientNumber, id: { p.client }) == nil {
                add(p.clientNumber, p.client, group: Int8(dealt % self.groups))
                dealt += 1
            }
        }

        private mutating func add(_ number: Int32?, _ id: String, group: Int8) {
            if let n = number.map(Int.init), n < numbered.count { numbered[n] = group } else { ids[id] = group }
        }

        /// The group of the client numbered `number` (with id `id`), nil for one not among them.
        func group(_ number: Int32?, id: () -> String) -> Int? {
            if let n = number.map(Int.init), n < numbered.count { return numbered[n] < 0 ? nil : Int(numbered[n]) }
            return ids.isEmpty ? nil : ids[id()].map(Int.init)
        }

        func contains(_ number: Int32?, id: () -> String) -> Bool {
            group(number, id: id) != nil
        }

        func contains(invoice i: Int, of ledger: Ledger) -> Bool {
            contains(ledger.invoices[i].clientNumber) { ledger.invoices[i].client }
        }

        func group(ofInvoice i: Int, of ledger: Ledger) -> Int? {
            group(ledger.invoices[i].clientNumber) { ledger.invoices[i].client }
        }
    }

    /// The entries of some clients, kind by kind (invoices, payments, write-offs, refunds),
    /// each kind in the order a run applies it: what a run over those clients alone applies
    /// (`look`). Picked from the whole ledger once and narrowed from there: runs that each
    /// picked their clients out of a million entries cost a pass over all of them apiece.
    struct Picked: Sendable {
        /// Indexes into the ledger's invoices, payments, write-offs and refunds.
        private(set) var lists: [[Int32]]
        /// Whose they are: the clients of group `group` of `clients`.
        private var clients: FewClients
        private var group: Int

        /// Whether invoice `i` is among them.
        func covers(invoice i: Int, of ledger: Ledger) -> Bool {
            clients.group(ofInvoice: i, of: ledger) == group
        }

        /// The entries of each group of `clients`, in one pass over the ledger.
        static func grouped(_ ledger: Ledger, by clients: FewClients) -> [Picked] {
            var out = (0..<clients.groups).map { Picked(lists: [[], [], [], []], clients: clients, group: $0) }
            let counts = [ledger.invoices.count, ledger.payments.count, ledger.writeOffs.count, ledger.refunds.count]
            for (kind, count) in counts.enumerated() {
                for k in 0..<count {
                    if let g = group(of: k, kind: kind, in: clients, ledger) { out[g].lists[kind].append(Int32(k)) }
                }
            }
            for g in out.indices { out[g].sort(ledger) }
            return out
        }

        /// The group among `clients` of entry `k` of a kind (in the order of `lists`), nil for
        /// one not theirs: an invoice's or a payment's client by the number the resolver gave
        /// it, a write-off's by its invoice, a refund's by its client's place.
        private static func group(of k: Int, kind: Int, in clients: FewClients, _ ledger: Ledger) -> Int? {
            switch kind {
            case 0: return clients.group(ofInvoice: k, of: ledger)
            case 1: return clients.group(ledger.payments[k].clientNumber) { ledger.payments[k].client }
            case 2: return ledger.invoiceIndex[ledger.writeOffs[k].invoice].flatMap { clients.group(ofInvoice: $0, of: ledger) }
            default:
                let client = ledger.refunds[k].client
                return clients.group(ledger.clientIndex[client].map(Int32.init)) { client }
            }
        }

        /// Each kind in the order applied: by date, then as written.
        private mutating func sort(_ ledger: Ledger) {
            func key(_ kind: Int, _ i: Int) -> (Int32, Int) {
                switch kind {
                case 0: (ledger.invoices[i].issued.ordinal, ledger.invoices[i].order)
                case 1: (ledger.payments[i].date.ordinal, ledger.payments[i].order)
                case 2: (ledger.writeOffs[i].date.ordinal, ledger.writeOffs[i].order)
                default: (ledger.refunds[i].date.ordinal, ledger.refunds[i].order)
                }
            }
            for kind in lists.indices {
                let inOrder = (1..<max(1, lists[kind].count)).allSatisfy { j in key(kind, Int(lists[kind][j - 1])) < key(kind, Int(lists[kind][j])) }
                if !inOrder { lists[kind].sort { key(kind, Int($0)) < key(kind, Int($1)) } }
            }
        }

        /// Those of `clients` alone, in the same order.
        func narrowed(to clients: FewClients, of ledger: Ledger) -> Picked {
            var out = self
            out.clients = clients
            out.group = 0
            for kind in out.lists.indices { out.lists[kind].removeAll { Self.group(of: Int($0), kind: kind, in: clients, ledger) == nil } }
            return out
        }

        /// The same without the payments `gone` (indexes into the ledger's payments).
        func leaving(out gone: Set<Int32>) -> Picked {
            var out = self
            out.lists[1].removeAll { gone.contains($0) }
            return out
        }
    }
}
