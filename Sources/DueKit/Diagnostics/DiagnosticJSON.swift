/// Diagnostics as JSON for editors and scripts: one object per diagnostic, positions 1-based.
public enum DiagnosticJSON {
    /// The object printed when the check could not run at all (exit 2): `failure` says why,
    /// and a file that could not be read is also an E001 diagnostic with no place.
    public static func failure(_ message: String, unreadable: Bool) -> String {
        let diagnostics: [Diagnostic] = unreadable ? [Diagnostic(.E001, message, at: .none)] : []
        return JSONValue.object(fields(diagnostics, files: []) + [("failure", .string(message))]).render(newline: true)
    }

    public static func render(_ diagnostics: [Diagnostic], files: [SourceFile]) -> String {
        JSONValue.object(fields(diagnostics, files: files)).render(newline: true)
    }

    static func fields(_ diagnostics: [Diagnostic], files: [SourceFile]) -> [(String, JSONValue)] {
        var renderer = DiagnosticRenderer(files: files)
        func place(_ r: SourceRange) -> [(String, JSONValue)] {
            guard let loc = renderer.location(r) else { return [("file", .null)] }
            return [
                ("file", .string(loc.path)), ("line", .int(Int64(loc.start.line))),
                ("column", .int(Int64(loc.start.column))), ("endLine", .int(Int64(loc.end.line))),
                ("endColumn", .int(Int64(loc.end.column))),
            ]
        }
        let items: [JSONValue] = diagnostics.map { d in
            var fields = place(d.range)
            fields += [
                ("severity", .string(d.severity.rawValue)), ("code", .string(d.code)),
                ("message", .string(DiagnosticRenderer.displayMessage(d.message))), ("hint", d.hint.map { .string($0) } ?? .null),
            ]
            fields.append(("notes", .array(d.notes.map { n in .object(place(n.range) + [("message", .string(DiagnosticRenderer.displayMessage(n.message)))]) })))
            return .object(fields)
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        return [
            ("errors", .int(Int64(errors))), ("warnings", .int(Int64(warnings))),
            ("diagnostics", .array(items)),
        ]
    }
}
