#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a feature needs to answer about one open document: its text as the editor has it, and
/// the analysis of the ledger it belongs to (itself, or the ledger that includes it).
public struct DocumentContext {
    public let document: TextDocument
    public let text: LedgerText
    public let analysis: LedgerAnalysis
    /// Its index in `analysis.files`.
    public let file: Int

    public func offset(_ p: Position) -> Int { document.lines.offset(of: p, in: document.bytes) }
    public func range(_ r: Range<Int>) -> LSPRange { document.lines.range(r, in: document.bytes) }
}

/// `due lsp`: a Language Server Protocol 3.17 server for ledgers. It keeps the open documents'
/// text, reads each root ledger with its includes through the loader and checker `due check`
/// uses, and answers from that analysis.
public final class LanguageServer {
    private let connection: Connection
    private let asOf: Day
    private var documents: [String: TextDocument] = [:]
    private var canonicalOfURI: [String: String] = [:]
    private var analyses: [String: LedgerAnalysis] = [:]
    private var pieces: [String: PieceCache] = [:]
    private var dirty: Set<String> = []
    /// URIs each root last published diagnostics for, so they can be cleared when they go away.
    private var published: [String: Set<String>] = [:]
    private var initialized = false
    private var shuttingDown = false
    /// Called after each set of diagnostics goes out (the latency benchmark listens).
    public var onPublish: (() -> Void)?

    public init(connection: Connection, asOf: Day) {
        self.connection = connection
        self.asOf = asOf
    }

    /// Serves until `exit` or the end of the input; returns the process's exit status (0 after
    /// a `shutdown`, 1 otherwise, as LSP asks).
    public func run() -> Int32 {
        connection.start()
        while true {
            for event in connection.takeAll() {
                switch event {
                case .closed:
                    return shuttingDown ? 0 : 1
                case .malformed(let why):
                    respond(nil, Optional<Int>.none, error: ResponseError(ErrorCode.parseError, why))
                case .message(let message):
                    if message.method == "exit" { return shuttingDown ? 0 : 1 }
                    handle(message)
                }
            }
            // Every change that arrived together is read once.
            refresh()
        }
    }

    // MARK: - Dispatch

    private func handle(_ m: IncomingMessage) {
        guard let method = m.method else {
            // A response from the client: the server sends no requests, so there is nothing to match.
            return
        }
        guard let id = m.id else {
            notification(method, m)
            return
        }
        if !initialized && method != "initialize" {
            respond(id, Optional<Int>.none, error: ResponseError(ErrorCode.serverNotInitialized, "initialize first"))
            return
        }
        if shuttingDown {
            respond(id, Optional<Int>.none, error: ResponseError(ErrorCode.invalidRequest, "the server is shutting down"))
            return
        }
        do throws(ResponseError) {
            try request(method, id, m)
        } catch {
            respond(id, Optional<Int>.none, error: error)
        }
    }

    private func notification(_ method: String, _ m: IncomingMessage) {
        switch method {
        case "textDocument/didOpen":
            guard let p = try? m.params(DidOpenParams.self) else { return }
            let doc = TextDocument(uri: p.textDocument.uri, version: p.textDocument.version, text: p.textDocument.text)
            documents[doc.uri] = doc
            let canonical = FileSystem.canonical(DocumentURI.path(doc.uri))
            canonicalOfURI[doc.uri] = canonical
            touch(canonical)
        case "textDocument/didChange":
            // Taken out of the table while it changes, so its bytes are not copied.
            guard let p = try? m.params(DidChangeParams.self), var doc = documents.removeValue(forKey: p.textDocument.uri) else { return }
            // Every ledger reading this file is read again before any answer; until then none
            // may share the text, or the change below would copy all of it.
            if let c = canonicalOfURI[doc.uri] { for a in analyses.values { a.releaseText(of: c) } }
            for change in p.contentChanges { doc.apply(change) }
            doc.version = p.textDocument.version
            documents[doc.uri] = doc
            if let c = canonicalOfURI[doc.uri] { touch(c) }
        case "textDocument/didClose":
            guard let p = try? m.params(DocumentParams.self) else { return }
            documents[p.textDocument.uri] = nil
            if let c = canonicalOfURI.removeValue(forKey: p.textDocument.uri) { touch(c) }
        default:
            // `initialized`, `$/cancelRequest`, `$/setTrace`, `didSave` and anything unknown: a
            // notification gets no answer, and none of these changes what the server knows.
            break
        }
    }

    private func request(_ method: String, _ id: RequestID, _ m: IncomingMessage) throws(ResponseError) {
        switch method {
        case "initialize":
            initialized = true
            respond(id, ServerCapabilities.initializeResult)
        case "shutdown":
            shuttingDown = true
            respond(id, Optional<Int>.none)
        case "textDocument/completion":
            let p = try m.params(PositionParams.self)
            respond(id, context(p.textDocument.uri).map { CompletionFeature.complete($0, at: p.position) })
        case "textDocument/hover":
            let p = try m.params(PositionParams.self)
            respond(id, context(p.textDocument.uri).flatMap { HoverFeature.hover($0, at: p.position) })
        case "textDocument/definition":
            let p = try m.params(PositionParams.self)
            respond(id, context(p.textDocument.uri).flatMap { NavigationFeature.definition($0, at: p.position) })
        case "textDocument/references":
            let p = try m.params(PositionParams.self)
            respond(id, context(p.textDocument.uri).map { NavigationFeature.references($0, at: p.position) })
        case "textDocument/prepareRename":
            let p = try m.params(PositionParams.self)
            respond(id, context(p.textDocument.uri).flatMap { NavigationFeature.renameRange($0, at: p.position) })
        case "textDocument/rename":
            let p = try m.params(RenameParams.self)
            guard let c = context(p.textDocument.uri) else { return respond(id, Optional<Int>.none) }
            respond(id, try NavigationFeature.rename(c, at: p.position, to: p.newName))
        case "textDocument/documentSymbol":
            let p = try m.params(DocumentParams.self)
            respond(id, context(p.textDocument.uri).map { SymbolFeature.documentSymbols($0) })
        case "workspace/symbol":
            let p = try m.params(WorkspaceSymbolParams.self)
            refresh()
            respond(id, SymbolFeature.workspaceSymbols(Array(analyses.values), query: p.query))
        case "textDocument/formatting":
            let p = try m.params(DocumentParams.self)
            guard let doc = documents[p.textDocument.uri] else { return respond(id, Optional<Int>.none) }
            respond(id, FormattingFeature.format(doc))
        case "textDocument/foldingRange":
            let p = try m.params(DocumentParams.self)
            guard let doc = documents[p.textDocument.uri] else { return respond(id, Optional<Int>.none) }
            respond(id, FoldingFeature.ranges(LedgerText(doc)))
        case "textDocument/semanticTokens/full":
            let p = try m.params(DocumentParams.self)
            guard let doc = documents[p.textDocument.uri] else { return respond(id, Optional<Int>.none) }
            respond(id, SemanticTokensFeature.tokens(doc))
        case "textDocument/codeAction":
            let p = try m.params(CodeActionParams.self)
            respond(id, context(p.textDocument.uri).map { CodeActionFeature.actions($0, in: p.range) })
        case "textDocument/inlayHint":
            let p = try m.params(RangeParams.self)
            respond(id, context(p.textDocument.uri).map { InlayHintFeature.hints($0, in: p.range) })
        case "textDocument/codeLens":
            let p = try m.params(DocumentParams.self)
            respond(id, context(p.textDocument.uri).map { CodeLensFeature.lenses($0) })
        default:
            throw ResponseError(ErrorCode.methodNotFound, "due lsp does not handle '\(method)'")
        }
    }

    // MARK: - Documents and analyses

    /// Marks every ledger that reads this file (and the file itself, as a possible root) for
    /// reading again.
    private func touch(_ canonical: String) {
        dirty.insert(canonical)
        for (root, a) in analyses where a.canonicalPaths.contains(canonical) { dirty.insert(root) }
    }

    /// The root a document is read from: an analysed ledger that includes it, else itself.
    private func root(of canonical: String) -> String {
        for (root, a) in analyses.sorted(by: { $0.key < $1.key }) where root != canonical && a.canonicalPaths.contains(canonical) && documentOpen(root) {
            return root
        }
        return canonical
    }

    private func documentOpen(_ canonical: String) -> Bool { canonicalOfURI.values.contains(canonical) }

    private func openBytes(_ canonical: String) -> [UInt8]? {
        for (uri, c) in canonicalOfURI where c == canonical { return documents[uri]?.bytes }
        return nil
    }

    private func openLines(_ canonical: String) -> LineIndex? {
        for (uri, c) in canonicalOfURI where c == canonical { return documents[uri]?.lines }
        return nil
    }

    /// Reads again every root touched since the last time and publishes its diagnostics.
    private func refresh() {
        // Twice at most: reading a root can show that another open file is one of its includes.
        for _ in 0..<2 {
            let roots = Set(canonicalOfURI.values.map(root(of:)))
            let stale = analyses.keys.filter { !roots.contains($0) }
            var orphaned: Set<String> = []
            for r in stale {
                analyses[r] = nil
                pieces[r] = nil
                orphaned.formUnion(published[r] ?? [])
                clearPublished(root: r)
                dirty.remove(r)
            }
            // A file read alone until its includer opened: its includer's word stands again.
            for (r, a) in analyses.sorted(by: { $0.key < $1.key }) where !(published[r] ?? []).isDisjoint(with: orphaned) && !dirty.contains(r) {
                publish(a)
            }
            let todo = roots.filter { dirty.contains($0) || analyses[$0] == nil }.sorted()
            if todo.isEmpty { break }
            for r in todo {
                dirty.remove(r)
                guard let bytes = openBytes(r) else { continue }
                let cache = pieces[r] ?? PieceCache()
                pieces[r] = cache
                // The cache changes its ledger in place: the old analysis must not hold it.
                analyses[r] = nil
                let a = LedgerAnalysis(root: r, bytes: bytes, lines: openLines(r), asOf: asOf, pieces: cache, openBytes: { [self] in openBytes($0) })
                analyses[r] = a
                publish(a)
            }
        }
        dirty.removeAll()
    }

    private func publish(_ a: LedgerAnalysis) {
        let byURI = a.lspDiagnostics()
        let before = published[a.root] ?? []
        for (uri, list) in byURI.sorted(by: { $0.key < $1.key }) {
            notify("textDocument/publishDiagnostics", PublishDiagnosticsParams(uri: uri, version: documents[uri]?.version, diagnostics: list))
        }
        for uri in before.subtracting(byURI.keys).sorted() where !coveredElsewhere(uri, except: a.root) {
            notify("textDocument/publishDiagnostics", PublishDiagnosticsParams(uri: uri, version: nil, diagnostics: []))
        }
        published[a.root] = Set(byURI.keys)
        onPublish?()
    }

    private func clearPublished(root: String) {
        for uri in (published.removeValue(forKey: root) ?? []).sorted() where !coveredElsewhere(uri, except: root) {
            notify("textDocument/publishDiagnostics", PublishDiagnosticsParams(uri: uri, version: nil, diagnostics: []))
        }
    }

    private func coveredElsewhere(_ uri: String, except root: String) -> Bool {
        published.contains { $0.key != root && $0.value.contains(uri) }
    }

    private func context(_ uri: String) -> DocumentContext? {
        refresh()
        guard let doc = documents[uri], let canonical = canonicalOfURI[uri] else { return nil }
        guard let a = analyses[root(of: canonical)], let file = a.fileIndex(canonical: canonical) else { return nil }
        return DocumentContext(document: doc, text: LedgerText(doc), analysis: a, file: file)
    }

    // MARK: - Output

    private func respond<R: Encodable>(_ id: RequestID?, _ result: R?, error: ResponseError? = nil) {
        connection.send(OutgoingMessage.encode(OutgoingMessage.Response(id: id, result: result, error: error)))
    }

    private func notify<P: Encodable>(_ method: String, _ params: P) {
        connection.send(OutgoingMessage.encode(OutgoingMessage.Notification(method: method, params: params)))
    }
}
