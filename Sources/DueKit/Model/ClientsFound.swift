extension LedgerResolver {
    /// What an entry takes from its client when it writes none: its currency and terms.
    struct ClientDefaults {
        let currency: Currency?
        let terms: Terms?

        init(_ client: Client) {
            currency = client.currency
            terms = client.terms
        }
    }

    /// An entry's client as the resolver finds it: its place in the client index, and what the
    /// entry takes from it.
    struct FoundClient {
        let number: Int
        let defaults: ClientDefaults
    }

    /// The clients a stretch of entries names. Found one entry at a time, as each entry was
    /// resolved, every lookup waited on memory for its slot, then for the id it holds, then for
    /// the client's defaults (clients come in no order, and a million entries pass through the
    /// cache between two of one client). Found a stretch at a time, in passes that do nothing
    /// else (`IDTable.lookUp`, then the defaults copied beside each entry), the waits overlap.
    struct ClientsFound {
        /// How many entries are looked up together: few enough that the entries read for their
        /// clients' ids are still in the cache when they are resolved.
        static let stretch = 1024
        private var found = [FoundClient?](repeating: nil, count: ClientsFound.stretch)

        /// Finds the clients of `count` entries (at most `stretch`), `id(k)` the client id of
        /// the `k`th, in `index`; `defaults`: parallel to the clients. `self[k]` is then the
        /// `k`th entry's client.
        mutating func find(_ count: Int, in index: IDTable, _ defaults: [ClientDefaults], id: (Int) -> String) {
            found.withUnsafeMutableBufferPointer { found in
                defaults.withUnsafeBufferPointer { defaults in
                    index.lookUp(count, id: id) { k, number in found[k] = number.map { FoundClient(number: $0, defaults: defaults[$0]) } }
                }
            }
        }

        /// The client of the `k`th entry of the stretch, as `IDTable.index` finds it.
        subscript(k: Int) -> FoundClient? { found[k] }
    }
}
