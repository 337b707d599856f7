/// A payment's `apply` lines, in order. Nearly every payment applies to one invoice, so the
/// first line is kept in the payment itself and only the others in an array: a ledger of a
/// million payments then holds no million one-element arrays on the heap (each a separate
/// allocation, with its header, its reference count and its share of the copying).
public struct Allocations: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral, Sendable, Hashable {
    private var head: Allocation?
    private var rest: [Allocation] = []

    public init() {}

    public init(arrayLiteral elements: Allocation...) {
        for a in elements { append(a) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { head == nil ? 0 : 1 + rest.count }

    public subscript(position: Int) -> Allocation {
        get { position == 0 ? head! : rest[position - 1] }
        set {
            if position == 0 { head = newValue } else { rest[position - 1] = newValue }
        }
    }

    public mutating func append(_ allocation: Allocation) {
        if head == nil { head = allocation } else { rest.append(allocation) }
    }
}
