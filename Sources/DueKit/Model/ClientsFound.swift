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
    ///
    /// Most entries name a client met a little before, by an id laid out as that one was: the
    /// same bytes in place (an id of up to 15 bytes) or the same shared copy (a longer one,
    /// `LedgerParser.clientIDs`). Those are found by the id's two words, read where they lie
    /// (`recent`), without hashing its bytes or copying the string: a copy of a long id counts
    /// a reference on storage that both cores share, which made the lookup of long ids a
    /// tenth of a check.
    struct ClientsFound {
        /// How many entries are looked up together: few enough that the entries read for their
        /// clients' ids are still in the cache when they are resolved.
        static let stretch = 1024
        private var found = [FoundClient?](repeating: nil, count: ClientsFound.stretch)
        /// Ids met lately, each at a slot its words pick, with the place of its client (-1 for
        /// none). Words that no string has (`StringLayout.none`) mark a free slot.
        private var recent = [(id: StringLayout, client: Int32)](repeating: (.none, -1), count: ClientsFound.recentSlots)
        /// The entries of the stretch not found among `recent`.
        private var missed: [Int] = []
        /// How many entries were found among `recent` (for tests).
        private(set) var foundByWords = 0
        static let recentBits = 13
        static let recentSlots = 1 << recentBits

        /// Finds the clients of `count` entries (at most `stretch`), `ids[k]` the client id of
        /// the `k`th, in `index`; `defaults`: parallel to the clients. `self[k]` is then the
        /// `k`th entry's client.
        mutating func find(_ count: Int, in index: IDTable, _ defaults: [ClientDefaults], ids: IDKeys.View) {
            missed.removeAll(keepingCapacity: true)
            found.withUnsafeMutableBufferPointer { found in
              recent.withUnsafeMutableBufferPointer { recent in
                defaults.withUnsafeBufferPointer { defaults in
                    for k in 0..<count {
                        let id = ids.layout(k)
                        let r = recent[ClientsFound.slot(id)]
                        if r.id == id {
                            foundByWords += 1
                            found[k] = r.client < 0 ? nil : FoundClient(number: Int(r.client), defaults: defaults[Int(r.client)])
                        } else {
                            missed.append(k)
                        }
                    }
                    guard !missed.isEmpty else { return }
                    missed.withUnsafeBufferPointer { missed in
                        index.lookUp(missed.count, id: { ids[missed[$0]] }) { j, number in
                            let k = missed[j]
                            found[k] = number.map { FoundClient(number: $0, defaults: defaults[$0]) }
                            let id = ids.layout(k)
                            recent[ClientsFound.slot(id)] = (id, number.map { Int32($0) } ?? -1)
                        }
                    }
                }
              }
            }
        }

        /// The slot of `recent` an id's words pick.
        @inline(__always) static func slot(_ id: StringLayout) -> Int {
            let mixed = (id.low ^ (id.high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
            return Int(truncatingIfNeeded: mixed >> (64 - recentBits))
        }

        /// The client of the `k`th entry of the stretch, as `IDTable.index` finds it.
        subscript(k: Int) -> FoundClient? { found[k] }
    }
}
