/// Values gathered in the ledger's order, each with the client it belongs to (a number below
/// `count`), held grouped by client: every value in one array, a client's values one run of
/// it, in the order they came. An array per client, appended to as a million invoices came,
/// reached a different client's array in memory for nearly every one; here the values are
/// gathered in one array and each placed once, its client's run found by counting.
struct ClientGroups<Value> {
    private let values: [Value]
    /// Where client `c`'s run starts; `starts[c + 1]` is where it ends.
    private let starts: [Int]

    /// `count`: how many clients there are.
    init(_ found: [(client: Int32, value: Value)], count: Int) {
        var starts = [Int](repeating: 0, count: count + 1)
        for f in found { starts[Int(f.client) + 1] += 1 }
        for c in 0..<count { starts[c + 1] += starts[c] }
        var next = starts
        values = [Value](unsafeUninitializedCapacity: found.count) { buffer, initialized in
            for f in found {
                (buffer.baseAddress! + next[Int(f.client)]).initialize(to: f.value)
                next[Int(f.client)] += 1
            }
            initialized = found.count
        }
        self.starts = starts
    }

    var count: Int { starts.count - 1 }

    /// Client `client`'s values, in the order they came.
    subscript(client: Int) -> ArraySlice<Value> { values[starts[client]..<starts[client + 1]] }
}
