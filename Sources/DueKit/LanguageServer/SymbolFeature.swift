/// The outline: clients and invoices, for one document or every open ledger.
enum SymbolFeature {
    /// LSP SymbolKind values: clients read as classes, invoices as fields of them.
    static let clientKind = 5
    static let invoiceKind = 8

    static func documentSymbols(_ c: DocumentContext) -> [SymbolInformation] {
        symbols(c.analysis) { c.analysis.isIn($0, file: c.file) }
    }

    static func workspaceSymbols(_ analyses: [LedgerAnalysis], query: String) -> [SymbolInformation] {
        let q = query.lowercased()
        var seen = Set<String>()
        var out: [SymbolInformation] = []
        for a in analyses.sorted(by: { $0.root < $1.root }) {
            for s in symbols(a, where: { _ in true }) where q.isEmpty || s.name.lowercased().contains(q) || (s.containerName ?? "").lowercased().contains(q) {
                if seen.insert("\(s.location.uri)#\(s.location.range.start.line)#\(s.name)").inserted { out.append(s) }
            }
        }
        return out
    }

    static func symbols(_ a: LedgerAnalysis, where keep: (SourceRange) -> Bool) -> [SymbolInformation] {
        var out: [SymbolInformation] = []
        let files = a.ledger.files
        for client in a.ledger.clients where keep(client.anchor.start) {
            out.append(SymbolInformation(name: client.id, kind: clientKind, location: a.location(files.header(client.anchor)), containerName: client.name))
        }
        for inv in a.ledger.invoices where keep(inv.anchor.start) {
            out.append(SymbolInformation(name: inv.number, kind: invoiceKind, location: a.location(files.header(inv.anchor)), containerName: inv.client))
        }
        return out
    }
}
