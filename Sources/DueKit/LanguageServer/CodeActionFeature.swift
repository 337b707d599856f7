/// Quick fixes that apply a diagnostic's "did you mean 'X'?" hint: the word it points at is
/// replaced by the suggestion.
enum CodeActionFeature {
    static func actions(_ c: DocumentContext, in range: LSPRange) -> [CodeAction] {
        var out: [CodeAction] = []
        let uri = c.analysis.files[c.file].uri
        var published: [LSPDiagnostic]?
        for d in c.analysis.diagnostics where c.analysis.isIn(d.range, file: c.file) {
            guard let hint = d.hint, let suggestion = suggestion(in: hint) else { continue }
            let r = c.analysis.lspRange(d.range)
            guard r.overlaps(range) else { continue }
            if published == nil { published = c.analysis.lspDiagnostics()[uri] ?? [] }
            let lsp = published?.first { $0.range == r && $0.code == d.code }
            out.append(CodeAction(
                title: "Change to '\(suggestion)'", kind: "quickfix", diagnostics: lsp.map { [$0] }, isPreferred: true,
                edit: WorkspaceEdit(changes: [uri: [TextEdit(range: r, newText: suggestion)]])))
        }
        return out
    }

    /// The word in `did you mean 'X'?`, the form `Suggestion.hint` writes.
    static func suggestion(in hint: String) -> String? {
        let marker = "did you mean '"
        guard let start = hint.firstRange(of: marker)?.upperBound, let end = hint[start...].firstRange(of: "'?")?.lowerBound else { return nil }
        let word = String(hint[start..<end])
        return word.isEmpty ? nil : word
    }
}
