/// What `due lsp` tells the editor it can do, answered to `initialize`.
struct ServerCapabilities: Encodable {
    struct Sync: Encodable {
        var openClose = true
        /// 2: incremental changes.
        var change = 2
    }

    struct Completion: Encodable {
        var triggerCharacters = [" "]
    }

    struct Legend: Encodable {
        var tokenTypes = SemanticTokensFeature.tokenTypes
        var tokenModifiers: [String] = []
    }

    struct SemanticTokensOptions: Encodable {
        var legend = Legend()
        var full = true
    }

    struct Rename: Encodable {
        var prepareProvider = true
    }

    struct CodeActions: Encodable {
        var codeActionKinds = ["quickfix"]
    }

    struct CodeLensOptions: Encodable {
        var resolveProvider = false
    }

    var textDocumentSync = Sync()
    var completionProvider = Completion()
    var hoverProvider = true
    var definitionProvider = true
    var referencesProvider = true
    var documentSymbolProvider = true
    var workspaceSymbolProvider = true
    var documentFormattingProvider = true
    var foldingRangeProvider = true
    var semanticTokensProvider = SemanticTokensOptions()
    var codeActionProvider = CodeActions()
    var renameProvider = Rename()
    var inlayHintProvider = true
    var codeLensProvider = CodeLensOptions()

    struct ServerInfo: Encodable {
        var name = "due"
        var version = "0.1.0"
    }

    struct InitializeResult: Encodable {
        var capabilities = ServerCapabilities()
        var serverInfo = ServerInfo()
    }

    static let initializeResult = InitializeResult()
}
