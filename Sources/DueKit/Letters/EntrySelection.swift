/// Some of the ledger's entries of one kind, in a chosen order, read in place: a client's
/// story names its payments, notes and letters by index instead of copying them, so telling
/// every client's story of a large ledger costs four bytes per entry, not a copy of each one.
public struct EntrySelection<Element: Sendable>: RandomAccessCollection, Sendable {
    /// The ledger's list (shared, not copied).
    let all: [Element]
    /// Indices into `all`, in the selection's order.
    public let indices32: [Int32]

    init(_ all: [Element], _ picked: [Int32]) {
        self.all = all
        indices32 = picked
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { indices32.count }
    public subscript(position: Int) -> Element { all[Int(indices32[position])] }
}
