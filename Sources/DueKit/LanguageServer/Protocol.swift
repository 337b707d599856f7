// The LSP 3.17 values `due lsp` reads and writes, as small Codable types. Only the fields the
// server uses are declared; JSONDecoder ignores the rest.

public struct Position: Codable, Sendable, Hashable, Comparable {
    public var line: Int
    /// UTF-16 code units from the start of the line, as LSP counts them.
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (a: Position, b: Position) -> Bool { (a.line, a.character) < (b.line, b.character) }
}

public struct LSPRange: Codable, Sendable, Hashable {
    public var start: Position
    public var end: Position

    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }

    public func contains(_ p: Position) -> Bool { start <= p && p <= end }
    public func overlaps(_ r: LSPRange) -> Bool { start <= r.end && r.start <= end }
}

public struct Location: Codable, Sendable, Hashable {
    public var uri: String
    public var range: LSPRange
}

public struct TextEdit: Codable, Sendable, Hashable {
    public var range: LSPRange
    public var newText: String
}

public struct TextDocumentIdentifier: Codable, Sendable {
    public var uri: String
}

public struct TextDocumentItem: Codable, Sendable {
    public var uri: String
    public var languageId: String?
    public var version: Int?
    public var text: String
}

public struct DidOpenParams: Codable, Sendable {
    public var textDocument: TextDocumentItem
}

public struct VersionedTextDocumentIdentifier: Codable, Sendable {
    public var uri: String
    public var version: Int?
}

public struct ContentChange: Codable, Sendable {
    /// Absent for a full-text change.
    public var range: LSPRange?
    public var text: String
}

public struct DidChangeParams: Codable, Sendable {
    public var textDocument: VersionedTextDocumentIdentifier
    public var contentChanges: [ContentChange]
}

public struct DocumentParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
}

public struct PositionParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var position: Position
}

public struct RangeParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var range: LSPRange
}

public struct RenameParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var position: Position
    public var newName: String
}

public struct WorkspaceSymbolParams: Codable, Sendable {
    public var query: String
}

public struct LSPDiagnostic: Codable, Sendable, Hashable {
    public struct Related: Codable, Sendable, Hashable {
        public var location: Location
        public var message: String
    }

    public var range: LSPRange
    /// 1 error, 2 warning, 3 information.
    public var severity: Int
    public var code: String
    public var source = "due"
    public var message: String
    public var relatedInformation: [Related]?
}

public struct PublishDiagnosticsParams: Codable, Sendable {
    public var uri: String
    public var version: Int?
    public var diagnostics: [LSPDiagnostic]
}

public struct CodeActionParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var range: LSPRange
}

public struct WorkspaceEdit: Codable, Sendable {
    public var changes: [String: [TextEdit]]
}

public struct CodeAction: Codable, Sendable {
    public var title: String
    public var kind: String
    public var diagnostics: [LSPDiagnostic]?
    public var isPreferred: Bool?
    public var edit: WorkspaceEdit
}

public struct MarkupContent: Codable, Sendable {
    public var kind = "markdown"
    public var value: String
}

public struct Hover: Codable, Sendable {
    public var contents: MarkupContent
    public var range: LSPRange?
}

public struct CompletionItem: Codable, Sendable, Hashable {
    public var label: String
    /// LSP's CompletionItemKind: 14 keyword, 6 variable, 18 reference, 20 enum member, 12 value.
    public var kind: Int?
    public var detail: String?
    public var sortText: String?
    public var textEdit: TextEdit?
}

public struct CompletionList: Codable, Sendable {
    public var isIncomplete = false
    public var items: [CompletionItem]
}

public struct SymbolInformation: Codable, Sendable {
    public var name: String
    /// LSP's SymbolKind: 5 class for clients, 8 field... see `LanguageServer` for the choice.
    public var kind: Int
    public var location: Location
    public var containerName: String?
}

public struct FoldingRange: Codable, Sendable, Hashable {
    public var startLine: Int
    public var endLine: Int
    public var kind: String?
}

public struct SemanticTokens: Codable, Sendable {
    public var data: [Int]
}

public struct InlayHint: Codable, Sendable {
    public var position: Position
    public var label: String
    public var paddingLeft: Bool?
}

public struct LSPCommand: Codable, Sendable {
    public var title: String
    public var command: String
}

public struct CodeLens: Codable, Sendable {
    public var range: LSPRange
    public var command: LSPCommand
}

// The params that carry a document's text, taken from the message as `JSONReader` read it
// (`IncomingMessage.params`): nil where Foundation's decoder would fail, which is then asked,
// and gives the error.

extension JSONValue {
    /// An object's field; nil when there is none, or this is not an object. A repeated key
    /// counts as its first, as Foundation's decoder takes it.
    func field(_ name: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.0 == name }?.1
    }

    fileprivate var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    fileprivate var int: Int? {
        if case .int(let n) = self { return Int(exactly: n) }
        return nil
    }

    /// A field that may be absent or null; nil for one of another type.
    fileprivate func optional<T>(_ name: String, _ read: (JSONValue) -> T?) -> T?? {
        switch field(name) {
        case nil, .null?: return .some(nil)
        case let v?: return read(v).map { .some($0) }
        }
    }
}

extension DidOpenParams {
    init?(_ params: JSONValue) {
        guard let doc = params.field("textDocument"), let uri = doc.field("uri")?.string, let text = doc.field("text")?.string,
              let language = doc.optional("languageId", \.string), let version = doc.optional("version", \.int) else { return nil }
        self.init(textDocument: TextDocumentItem(uri: uri, languageId: language, version: version, text: text))
    }
}

extension DidChangeParams {
    init?(_ params: JSONValue) {
        guard let doc = params.field("textDocument"), let uri = doc.field("uri")?.string, let version = doc.optional("version", \.int),
              case .array(let items)? = params.field("contentChanges") else { return nil }
        var changes: [ContentChange] = []
        for item in items {
            guard let text = item.field("text")?.string, let range = item.optional("range", LSPRange.init) else { return nil }
            changes.append(ContentChange(range: range, text: text))
        }
        self.init(textDocument: VersionedTextDocumentIdentifier(uri: uri, version: version), contentChanges: changes)
    }
}

extension LSPRange {
    fileprivate init?(_ v: JSONValue) {
        guard let start = v.field("start").flatMap(Position.init), let end = v.field("end").flatMap(Position.init) else { return nil }
        self.init(start: start, end: end)
    }
}

extension Position {
    fileprivate init?(_ v: JSONValue) {
        guard let line = v.field("line")?.int, let character = v.field("character")?.int else { return nil }
        self.init(line: line, character: character)
    }
}
