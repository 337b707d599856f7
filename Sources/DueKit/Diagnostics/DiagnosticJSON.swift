/// Diagnostics as JSON for editors and scripts: one object per diagnostic, positions 1-based.
public enum DiagnosticJSON {
    public static func render(_ diagnostics: [Diagnostic], files: [SourceFile]) -> String {
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
        return JSONValue.object([
            ("errors", .int(Int64(errors))), ("warnings", .int(Int64(warnings))),
            ("diagnostics", .array(items)),
        ]).render() + "\n"
    }
}
