/// The latest few items of each client, in order, and how many the client had in all: what a
/// report card shows of a history (the last entries of its timeline, the last invoices of its
/// lateness chart). A large ledger has millions of entries and a card shows a dozen or two, so
/// each client keeps no more than that many at any time.
struct LatestPerClient<Item: Sendable>: Sendable {
    let keep: Int
    /// Sorts items oldest first; no two items may be equal under it.
    private let before: @Sendable (Item, Item) -> Bool
    /// Clients the ledger defines are found by their index in `ledger.clients`; any other id
    /// gets a slot after them.
    private let clientIndex: IDTable
    private var otherSlots: [String: Int] = [:]
    private var lists: [[Item]]
    /// The oldest item of each full list, beside the others in one small array: most items are
    /// older than all a full list keeps, and are turned away here without reading the list,
    /// which lies elsewhere on the heap (on a large ledger, reading each client's list for
    /// that one comparison was a miss of the processor's caches per entry).
    private var oldestKept: [Item?]
    private var counts: [Int]
    private var last = (id: "", slot: -1)

    init(_ ledger: Ledger, keep: Int, before: @escaping @Sendable (Item, Item) -> Bool) {
        self.keep = keep
        self.before = before
        clientIndex = ledger.clientIndex
        lists = [[Item]](repeating: [], count: ledger.clients.count)
        oldestKept = [Item?](repeating: nil, count: ledger.clients.count)
        counts = [Int](repeating: 0, count: ledger.clients.count)
    }

    /// `number`: the client's index in `ledger.clients` when the resolver found it already.
    mutating func add(_ item: Item, client: String, number: Int32? = nil) {
        let s = number.map(Int.init) ?? slot(client)
        counts[s] += 1
        guard keep > 0 else { return }
        // Each list is kept sorted and no longer than `keep`: an item older than everything
        // kept in a full list goes after one comparison. Handed the items latest first, as a
        // ledger written mostly in date order read backwards does, nearly all go that way;
        // sorting each list every few dozen items cost more than the rest of the gathering.
        if let oldest = oldestKept[s] {
            guard before(oldest, item) else { return }
            lists[s].removeFirst()
        }
        var at = lists[s].count
        while at > 0 && before(item, lists[s][at - 1]) { at -= 1 }
        lists[s].insert(item, at: at)
        if lists[s].count == keep { oldestKept[s] = lists[s][0] }
    }

    private mutating func slot(_ client: String) -> Int {
        if client == last.id && last.slot >= 0 { return last.slot }
        let s: Int
        if let k = clientIndex[client] {
            s = k
        } else if let k = otherSlots[client] {
            s = k
        } else {
            s = lists.count
            otherSlots[client] = s
            lists.append([])
            oldestKept.append(nil)
            counts.append(0)
        }
        last = (client, s)
        return s
    }

    private func find(_ client: String) -> Int? {
        clientIndex[client] ?? otherSlots[client]
    }

    /// The client's latest `keep` items, oldest first, and how many it had in all.
    func latest(_ client: String) -> (items: ArraySlice<Item>, count: Int) {
        guard let s = find(client) else { return ([], 0) }
        return (lists[s][...], counts[s])
    }
}
