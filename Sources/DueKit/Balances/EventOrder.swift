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
            invoices = ledger.invoices
            payments = ledger.payments
            writeOffs = ledger.writeOffs
            refunds = ledger.refunds
            assertions = []
            limit = asOf?.ordinal ?? Int32.max
            let l = ledger
            let picked: [[Int]] = [
                l.invoices.indices.filter { i in clients.contains(invoice: i, of: l) },
                l.payments.indices.filter { p in clients.contains(l.payments[p].clientNumber) { l.payments[p].client } },
                l.writeOffs.indices.filter { k in
                    l.invoiceIndex[l.writeOffs[k].invoice].map { i in clients.contains(invoice: i, of: l) } ?? false
                },
                l.refunds.indices.filter { k in clients.contains(nil) { l.refunds[k].client } },
                [],
            ]
            for (k, indexes) in picked.enumerated() {
                var lane = Lane(kind: EventKind(rawValue: UInt8(k))!, count: indexes.count)
                lane.sorted = indexes.sorted { precedes($0, $1, lane.kind) }.map { Int32($0) }
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
    /// entries out of a million without hashing a million ids.
    struct FewClients {
        private var numbered: [Bool]
        private var ids: Set<String> = []

        init(_ invoices: [Int], of ledger: Ledger) {
            numbered = [Bool](repeating: false, count: ledger.clients.count)
            for i in invoices {
                if let n = ledger.invoices[i].clientNumber.map(Int.init), n < numbered.count { numbered[n] = true } else { ids.insert(ledger.invoices[i].client) }
            }
        }

        /// The clients of `payments`.
        init(clientsOf payments: [Payment], of ledger: Ledger) {
            numbered = [Bool](repeating: false, count: ledger.clients.count)
            for p in payments {
                if let n = p.clientNumber.map(Int.init), n < numbered.count { numbered[n] = true } else { ids.insert(p.client) }
            }
        }

        func contains(_ number: Int32?, id: () -> String) -> Bool {
            if let n = number.map(Int.init), n < numbered.count { return numbered[n] }
            return !ids.isEmpty && ids.contains(id())
        }

        func contains(invoice i: Int, of ledger: Ledger) -> Bool {
            contains(ledger.invoices[i].clientNumber) { ledger.invoices[i].client }
        }
    }
}
