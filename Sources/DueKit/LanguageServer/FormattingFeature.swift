/// Formatting: exactly what `due fmt` would write, as one edit replacing the text. A document
/// with errors, or one already canonical, gets no edit.
enum FormattingFeature {
    static func format(_ doc: TextDocument) -> [TextEdit] {
        let outcome = FileFormatter.format(bytes: doc.bytes, path: DocumentURI.path(doc.uri))
        guard outcome.status == .changed else { return [] }
        let whole = doc.lines.range(0..<doc.bytes.count, in: doc.bytes)
        return [TextEdit(range: whole, newText: outcome.formatted.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) })]
    }
}
