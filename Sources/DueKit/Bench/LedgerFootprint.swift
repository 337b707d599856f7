/// How many bytes the loaded ledger's arrays take, array by array: where the memory of a large
/// ledger goes, for `due bench`. Counted are the elements in place (count × stride) and the
/// details the few invoices that write them keep apart (each box's header and
/// value); text longer than a string holds inline, and the few lists an entry keeps apart (a
/// note's `said` lines, a plan's instalments), are not.
public struct LedgerFootprint: Sendable {
    public struct Part: Sendable {
        public var name: String
        public var count: Int
        public var stride: Int
        public var bytes: Int { count * stride }
    }

    public var parts: [Part]

    public init(_ l: Ledger) {
        func part<T>(_ name: String, _ a: [T]) -> Part { Part(name: name, count: a.count, stride: MemoryLayout<T>.stride) }
        parts = [
            part("invoices", l.invoices),
            Part(name: "invoice details", count: l.invoices.reduce(0) { $0 + ($1.hasDetails ? 1 : 0) }, stride: Boxed<InvoiceDetails>.bytes),
            part("items", l.items),
            Part(name: "wide item products", count: l.items.reduce(0) { $0 + ($1.product.isWide ? 1 : 0) }, stride: ItemProduct.wideBytes),
            part("payments", l.payments),
            part("apply lines", l.allocations),
            part("clients", l.clients), part("notes", l.notes), part("write-offs", l.writeOffs), part("refunds", l.refunds),
            part("plans", l.plans), part("letters", l.letters), part("assertions", l.assertions),
        ].filter { $0.count > 0 }
    }

    public var bytes: Int { parts.reduce(0) { $0 + $1.bytes } }

    public func render() -> String {
        func mb(_ b: Int) -> String { MoneyFormat.format(Int64((Double(b) * 10 / 1_048_576).rounded()), precision: 1, grouping: false) }
        guard !parts.isEmpty else { return "" }
        var s = "  entries in place: \(mb(bytes)) MiB\n"
        for p in parts {
            s += "    \(p.name): \(p.count) × \(p.stride) B = \(mb(p.bytes)) MiB\n"
        }
        return s
    }
}
