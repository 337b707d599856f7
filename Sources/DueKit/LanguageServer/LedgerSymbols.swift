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

/// Every place the ledger names a client or an invoice, read from its entries' lines:
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
        let files = l.files
        /// A dated entry's header names its client in word 2.
        func clientWord(of anchor: EntryAnchor) -> SourceRange { files.word(2, of: anchor) }
        for c in l.clients { client(c.id, c.idRange(in: files), definition: true) }
        for i in l.invoices {
            let header = files.entry(i.anchor)
            client(i.client, header.word(2))
            invoice(i.number, header.word(3), definition: true)
        }
        for p in l.payments {
            // One reading of the entry for its header and all its `apply` lines.
            let entry = files.entry(p.anchor, details: !p.allocationRange.isEmpty)
            client(p.client, entry.word(2))
            for (k, a) in l.allocations(of: p).enumerated() { invoice(l.invoiceNumber(applied: k, of: p), entry.word(1, ofLine: a.line)) }
        }
        for w in l.writeOffs {
            let header = files.entry(w.anchor)
            client(w.client, header.word(2))
            invoice(w.invoice, header.word(3))
        }
        for r in l.refunds { client(r.client, clientWord(of: r.anchor)) }
        for n in l.notes {
            let entry = files.entry(n.anchor, details: !n.disputes.isEmpty || !n.resolutions.isEmpty)
            client(n.client, entry.word(2))
            for d in n.disputes + n.resolutions { invoice(d.invoice, entry.word(1, ofLine: d.line)) }
        }
        for p in l.plans {
            client(p.client, clientWord(of: p.anchor))
            for (n, r) in zip(p.invoices, p.invoiceRanges(in: files)) { invoice(n, r) }
        }
        for x in l.letters {
            client(x.client, clientWord(of: x.anchor))
            for (n, r) in zip(x.invoices, x.invoiceRanges(in: files)) { invoice(n, r) }
        }
        for a in l.assertions {
            client(a.client, clientWord(of: a.anchor))
            if let n = a.invoice { invoice(n, a.invoiceRange(in: files)) }
        }
        mentions = m
    }

    public func mentions(of symbol: LedgerSymbol) -> [Mention] {
        mentions.filter { $0.symbol == symbol }
    }

    /// Where a client or invoice is defined (its first definition).
    public static func definition(of symbol: LedgerSymbol, in l: Ledger) -> SourceRange? {
        switch symbol {
        case .client(let id): l.client(id)?.idRange(in: l.files)
        case .invoice(let n): l.invoice(n)?.numberRange(in: l.files)
        }
    }
}
