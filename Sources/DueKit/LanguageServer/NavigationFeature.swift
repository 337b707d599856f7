/// Definition, references and rename of client ids and invoice numbers, across every file the
/// ledger includes.
enum NavigationFeature {
    static func definition(_ c: DocumentContext, at p: Position) -> Location? {
        guard let m = c.analysis.mention(file: c.file, offset: c.offset(p)),
            let r = SymbolIndex.definition(of: m.symbol, in: c.analysis.ledger)
        else { return nil }
        return c.analysis.location(r)
    }

    static func references(_ c: DocumentContext, at p: Position) -> [Location] {
        guard let m = c.analysis.mention(file: c.file, offset: c.offset(p)) else { return [] }
        return c.analysis.symbols.mentions(of: m.symbol).map { c.analysis.location($0.range) }
    }

    static func renameRange(_ c: DocumentContext, at p: Position) -> LSPRange? {
        c.analysis.mention(file: c.file, offset: c.offset(p)).map { c.analysis.lspRange($0.range) }
    }

    /// Every mention rewritten, grouped by file. Refuses a new name that is not an id.
    static func rename(_ c: DocumentContext, at p: Position, to name: String) throws(ResponseError) -> WorkspaceEdit? {
        guard let m = c.analysis.mention(file: c.file, offset: c.offset(p)) else { return nil }
        guard LedgerID.isValid(name) else {
            throw ResponseError(ErrorCode.invalidParams, "'\(name)' is not an id: use letters, digits and - _ . / #, starting with a letter or digit")
        }
        var changes: [String: [TextEdit]] = [:]
        for mention in c.analysis.symbols.mentions(of: m.symbol) {
            let loc = c.analysis.location(mention.range)
            changes[loc.uri, default: []].append(TextEdit(range: loc.range, newText: name))
        }
        return WorkspaceEdit(changes: changes)
    }
}
