/// Definition, references and rename of client ids and invoice numbers, across every file the
/// ledger includes; definition on an `include` line's path opens the file it names.
enum NavigationFeature {
    static func definition(_ c: DocumentContext, at p: Position) -> Location? {
        // On an `include` line's path: the start of the file it names, when there is one.
        if let inc = c.analysis.include(file: c.file, offset: c.offset(p)) {
            guard inc.read != nil || FileSystem.exists(inc.target) else { return nil }
            return Location(uri: DocumentURI.uri(inc.target), range: LSPRange(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0)))
        }
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

    /// Every mention rewritten, grouped by file. Refuses a new name that is not an id, or that
    /// names another client or document already.
    static func rename(_ c: DocumentContext, at p: Position, to name: String) throws(ResponseError) -> WorkspaceEdit? {
        guard let m = c.analysis.mention(file: c.file, offset: c.offset(p)) else { return nil }
        guard LedgerID.isValid(name) else {
            throw ResponseError(ErrorCode.invalidParams, "'\(name)' is not an id: use letters, digits and - _ . / #, starting with a letter or digit")
        }
        if name != m.symbol.name, let (what, at) = holder(of: name, like: m.symbol, in: c.analysis) {
            let place = self.place(at, from: c).map { " (\($0))" } ?? ""
            throw ResponseError(ErrorCode.invalidParams, "'\(name)' is already \(what)\(place): renaming to it would merge the two")
        }
        var changes: [String: [TextEdit]] = [:]
        for mention in c.analysis.symbols.mentions(of: m.symbol) {
            let loc = c.analysis.location(mention.range)
            changes[loc.uri, default: []].append(TextEdit(range: loc.range, newText: name))
        }
        return WorkspaceEdit(changes: changes)
    }

    /// What already goes by `name` among the names a rename of `symbol` could take, and where:
    /// a client for a client id (a second `client` entry of that id is E201); an invoice, one
    /// left out for a mistake in it, or a credit note for an invoice number (E202, E206).
    static func holder(of name: String, like symbol: LedgerSymbol, in a: LedgerAnalysis) -> (what: String, at: SourceRange)? {
        let l = a.ledger
        switch symbol {
        case .client:
            return l.client(name).map { ("a client", $0.idRange(in: l.files)) }
        case .invoice:
            if let i = l.invoice(name) { return ("an invoice", i.numberRange(in: l.files)) }
            if let u = l.unreadInvoices.first(where: { $0.number == name }) { return ("an invoice", u.anchor.map { l.files.word(3, of: $0) } ?? .none) }
            let credit = l.payments.first { $0.isCredit && $0.writesNumber && $0.notes(in: l.files).number == name }
            return credit.map { ("a credit note", l.files.word(0, of: $0.anchor)) }
        }
    }

    /// `line 4`, with the file's name when it is not the one being edited.
    static func place(_ r: SourceRange, from c: DocumentContext) -> String? {
        guard let (file, _) = c.analysis.place(r) else { return nil }
        let line = "line \(c.analysis.lspRange(r).start.line + 1)"
        if file == c.file { return line }
        return line + " of " + (c.analysis.files[file].canonical.split(separator: "/").last.map(String.init) ?? c.analysis.files[file].canonical)
    }
}
