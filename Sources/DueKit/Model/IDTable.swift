/// Finds client ids and invoice numbers by name: the resolver, the balance engine and the
/// rules look up millions of references on a large ledger, and an open-addressing table with a
/// cheap byte hash does that about five times faster than `Dictionary<String, Int>`, whose
/// seeded hashing is built to resist attacks a local ledger does not face. The hash reads every
/// byte, so ids that differ anywhere land apart.
public struct IDTable: Sendable {
    private let keys: [String]
    private var slots: [Int32]
    private let mask: Int

    /// `ids[k]` is found as `k`; a repeated id finds its first place.
    public init(_ ids: [String]) {
        var repeats: [(Int, Int)] = []
        self.init(ids, repeats: &repeats)
    }

    /// The table, and every id met again as (its position, its first position), in order.
    public static func firsts(_ ids: [String]) -> (table: IDTable, repeats: [(Int, Int)]) {
        var repeats: [(Int, Int)] = []
        let table = IDTable(ids, repeats: &repeats)
        return (table, repeats)
    }

    private init(_ ids: [String], repeats: inout [(Int, Int)]) {
        keys = ids
        var capacity = 16
        while capacity < ids.count * 2 { capacity *= 2 }
        mask = capacity - 1
        slots = [Int32](repeating: -1, count: capacity)
        for (k, id) in ids.enumerated() {
            var s = IDTable.hash(id) & mask
            while slots[s] >= 0 {
                if keys[Int(slots[s])] == id { break }
                s = (s + 1) & mask
            }
            if slots[s] < 0 { slots[s] = Int32(k) } else { repeats.append((k, Int(slots[s]))) }
        }
    }

    @inline(__always) static func hash(_ s: String) -> Int {
        // Over contiguous bytes (short ids are copied to the stack for this), which a loop
        // over the UTF-8 view does at several times the cost.
        if let h = s.utf8.withContiguousStorageIfAvailable({ hash($0) }) { return h }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    public subscript(_ id: String) -> Int? { index(id) }

    public func index(_ id: String) -> Int? {
        var s = IDTable.hash(id) & mask
        while true {
            let v = slots[s]
            if v < 0 { return nil }
            if keys[Int(v)] == id { return Int(v) }
            s = (s + 1) & mask
        }
    }
}

/// The ledger's ids, indexed once for all the rules.
public struct LedgerIDs: Sendable {
    public let clients: IDTable
    public let invoices: InvoiceNumbers

    public init(_ ledger: Ledger) {
        clients = IDTable(ledger.clients.map(\.id))
        invoices = InvoiceNumbers(index: ledger.invoiceIndex)
    }
}

/// Invoice numbers through the index the resolver already built. The references met by the
/// million (payments' `apply` lines) carry their invoice in `Allocation.target`; the few
/// others (write-offs, disputes, plans, letters, assertions) are looked up here, which costs
/// less than building a second table of every number.
public struct InvoiceNumbers: Sendable {
    let index: IDTable

    /// The first invoice with this number, as `Ledger.invoiceIndex`.
    public func index(_ number: String) -> Int? { index.index(number) }
}
