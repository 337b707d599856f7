/// Quick fixes that apply a diagnostic's "did you mean 'X'?" hint, or the channel an E118 hint
/// says to write (`phone`: "write `call`"): the word it points at is replaced by the suggestion.
enum CodeActionFeature {
    static func actions(_ c: DocumentContext, in range: LSPRange) -> [CodeAction] {
        var out: [CodeAction] = []
        let uri = c.analysis.files[c.file].uri
        var published: [LSPDiagnostic]?
        for d in c.analysis.diagnostics where c.analysis.isIn(d.range, file: c.file) {
            guard let hint = d.hint else { continue }
            let suggestions = suggestion(in: hint).map { [$0] } ?? (d.kind == .E118 ? written(in: hint) : [])
            guard !suggestions.isEmpty else { continue }
            let r = c.analysis.lspRange(d.range)
            guard r.overlaps(range) else { continue }
            if published == nil { published = c.analysis.lspDiagnostics()[uri] ?? [] }
            let lsp = published?.first { $0.range == r && $0.code == d.code }
            // One word meant is the fix to take; of two (`mail`: an email or a letter by post)
            // neither is preferred, as the hint does not guess.
            for suggestion in suggestions {
                out.append(CodeAction(
                    title: "Change to '\(suggestion)'", kind: "quickfix", diagnostics: lsp.map { [$0] }, isPreferred: suggestions.count == 1,
                    edit: WorkspaceEdit(changes: [uri: [TextEdit(range: r, newText: suggestion)]])))
            }
        }
        return out
    }

    /// The words an E118 hint tells to write in place of the one it is about: `call` in
    /// "write `call`", `email` and `letter` in "`mail` may mean …: write `email` or `letter`".
    static func written(in hint: String) -> [String] {
        guard let start = hint.ranges(of: "write `").last?.lowerBound else { return [] }
        return hint[start...].split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 && !$0.element.isEmpty }.map { String($0.element) }
    }

    /// The word in `did you mean 'X'?`, the form `Suggestion.hint` writes.
    static func suggestion(in hint: String) -> String? {
        let marker = "did you mean '"
        guard let start = hint.firstRange(of: marker)?.upperBound, let end = hint[start...].firstRange(of: "'?")?.lowerBound else { return nil }
        let word = String(hint[start..<end])
        return word.isEmpty ? nil : word
    }
}
