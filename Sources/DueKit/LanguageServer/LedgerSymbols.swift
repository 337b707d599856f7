/// What a word in the ledger names: a client or an invoice.
public enum LedgerSymbol: Sendable, Hashable {
    case client(String)
    case invoice(String)

    public var name: String {
        switch self {
        case .client(let id): id
        case .invoice(let number): number
        }
    }
}

/// Every place the ledger names a client or an invoice, from the ranges its entities carry:
/// the one index behind definition, references, rename and hover.
public struct SymbolIndex: Sendable {
    public struct Mention: Sendable, Hashable {
        public var symbol: LedgerSymbol
        public var range: SourceRange
        public var isDefinition: Bool
    }

    public let mentions: [Mention]

    public init(_ l: Ledger) {
        var m: [Mention] = []
        func client(_ id: String, _ r: SourceRange, definition: Bool = false) {
            if !r.isNone { m.append(Mention(symbol: .client(id), range: r, isDefinition: definition)) }
        }
        func invoice(_ n: String, _ r: SourceRange?, definition: Bool = false) {
            if let r, !r.isNone { m.append(Mention(symbol: .invoice(n), range: r, isDefinition: definition)) }
        }
        for c in l.clients { client(c.id, c.idRange, definition: true) }
        for i in l.invoices {
            client(i.client, i.clientRange)
            invoice(i.number, i.numberRange, definition: true)
        }
        for p in l.payments {
            client(p.client, p.clientRange)
            for a in p.allocations { invoice(a.invoice, a.invoiceRange) }
        }
        for w in l.writeOffs {
            client(w.client, w.clientRange)
            invoice(w.invoice, w.invoiceRange)
        }
        for n in l.notes {
            client(n.client, n.clientRange)
            for d in n.disputes { invoice(d.invoice, d.invoiceRange) }
            for d in n.resolutions { invoice(d.invoice, d.invoiceRange) }
        }
        for p in l.plans {
            client(p.client, p.clientRange)
            for (n, r) in zip(p.invoices, p.invoiceRanges) { invoice(n, r) }
        }
        for x in l.letters {
            client(x.client, x.clientRange)
            for (n, r) in zip(x.invoices, x.invoiceRanges) { invoice(n, r) }
        }
        for a in l.assertions {
            client(a.client, a.clientRange)
            if let n = a.invoice { invoice(n, a.invoiceRange) }
        }
        mentions = m
    }

    public func mentions(of symbol: LedgerSymbol) -> [Mention] {
        mentions.filter { $0.symbol == symbol }
    }

    /// Where a client or invoice is defined (its first definition).
    public static func definition(of symbol: LedgerSymbol, in l: Ledger) -> SourceRange? {
        switch symbol {
        case .client(let id): l.client(id)?.idRange
        case .invoice(let n): l.invoice(n)?.numberRange
        }
    }
}
