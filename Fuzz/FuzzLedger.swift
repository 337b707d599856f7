// libFuzzer target for `due`: parse + include resolution + resolve + balances + checks, the
// rendering of whatever diagnostics come out, the formatter, and everything the commands build
// from a ledger: aging and client reports in every format, the agenda, the cash forecast, the
// report's Markdown, page and charts, every letter (built-in templates and one made from the
// input), and both journal exports. Built by Scripts/fuzz.sh
// together with every file of Sources/DueKit in one module, so this file is not part of the
// Swift package.
//
// Includes are served from a tiny in-memory map (and anything else fails as "missing"), so
// fuzzing never touches the disk and can still explore include cycles and missing files.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLedger(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    // The second half of the input (after a 0xFF 0xFE marker, if any) becomes an included file,
    // so include handling sees arbitrary content too.
    var main = bytes
    var included: [UInt8] = Array("2026-01-01 invoice acme X-1\n  total 10\ninclude main.due\n".utf8)
    if let cut = findMarker(bytes) {
        main = Array(bytes[..<cut])
        included = Array(bytes[(cut + 2)...])
    }
    let files: [String: [UInt8]] = ["fz/inc.due": included, "fz/main.due": main, "fz/empty.due": []]
    let read: (String) -> Result<[UInt8], FileError> = { path in
        if let b = files[path] { return .success(b) }
        if path == "fz/dir" || path == "fz/dir/" { return .failure(.isDirectory(path)) }
        if path.hasSuffix("denied.due") { return .failure(.permission(path)) }
        return .failure(.missing(path))
    }
    let load = LedgerLoader.load(bytes: main, path: "fz/main.due", readFile: read)
    let asOf = Day(year: 2026, month: 6, day: 30)!
    let diagnostics = Checker.check(load, asOf: asOf)
    // Balances as of an early day and the far future, as reports would ask.
    _ = BalanceEngine.balances(load.ledger, asOf: Day(year: 2000, month: 1, day: 1)!)
    _ = BalanceEngine.balances(load.ledger, asOf: Day(year: 9999, month: 12, day: 31)!)
    var renderer = DiagnosticRenderer(files: load.ledger.files, color: (size & 1) == 1)
    let text = renderer.render(diagnostics)
    let json = DiagnosticJSON.render(diagnostics, files: load.ledger.files)
    if text.isEmpty && !diagnostics.isEmpty { fatalError("diagnostics rendered to nothing") }
    // The formatter (`due fmt`): it never crashes on any bytes, never finds its own output
    // means something else (that would be a formatter bug it refuses to write), and formatting
    // twice changes nothing more.
    _ = LedgerFormatter.format(main)
    let formatted = FileFormatter.format(bytes: main, path: "fz/main.due")
    if case .unsafe(let why) = formatted.status { fatalError("formatter changed the meaning: \(why)") }
    if formatted.status == .changed {
        let again = FileFormatter.format(source: formatted.formatted, path: "fz/main.due")
        if again.status != .unchanged { fatalError("formatting is not idempotent: \(again.status)") }
    }
    // A large file is formatted in parts cut at headers: cut this one into small parts and the
    // outcome must be the whole file's.
    if formatted.status == .changed || formatted.status == .unchanged {
        let source = SourceBytes(main)
        let parted = FileFormatter.format(source: source, path: "fz/main.due", cuts: FormatParts.cuts(source, size: 200))
        if parted.status != formatted.status || !parted.formatted.elementsEqual(formatted.formatted) { fatalError("formatting in parts differs: \(parted.status)") }
    }
    // Every diagnostic points inside a file that was read.
    for d in diagnostics {
        let ranges = [d.range] + d.notes.map(\.range)
        for r in ranges where !r.isNone {
            guard let file = load.ledger.files.first(where: { $0.id == r.file }) else { fatalError("\(d.code): range in no file") }
            if r.start < 0 || r.start > r.end || Int(r.end) > file.bytes.count { fatalError("\(d.code): range \(r.start)..<\(r.end) outside \(file.bytes.count) bytes") }
        }
    }
    if json.isEmpty { fatalError("empty JSON") }
    // The commands run only on ledgers without errors; the harness runs them on every ledger,
    // so library code never relies on the checker to stay in range.
    for day in [asOf, Day(year: 9999, month: 12, day: 31)!] {
        reports(load.ledger, asOf: day, template: included)
    }
    return 0
}

/// What `due report`, `aging`, `clients`, `agenda`, `letters` and `export` build, without disk.
private func reports(_ ledger: Ledger, asOf: Day, template: [UInt8]) {
    let sheet = BalanceEngine.balances(ledger, asOf: asOf)
    for byIssue in [false, true] {
        let aging = AgingReport(ledger: ledger, sheet: sheet, options: AgingOptions(buckets: AgingBuckets(bounds: ledger.settings.buckets) ?? .standard, byIssueDate: byIssue))
        for format in ReportFormat.allCases { _ = AgingRenderer(aging, color: byIssue).render(format) }
        _ = ReportJob.mostOverdue(aging, limit: 3)
    }
    let behaviour = ClientBehaviour(ledger: ledger, sheet: sheet)
    for format in ReportFormat.allCases { _ = ClientBehaviourRenderer(behaviour).render(format) }
    let stories = ClientStory.all(ledger, sheet: sheet)
    let agenda = Agenda.build(ledger: ledger, sheet: sheet, asOf: asOf, stories: stories)
    _ = AgendaRenderer.render(agenda, format: .text, ledgerName: "main.due")
    _ = AgendaRenderer.render(agenda, format: .markdown, ledgerName: "main.due")
    // `due forecast` and the report's page, charts and Markdown (three month-ends of history
    // rather than twelve: the same code, at a quarter of the cost per input).
    let aging = AgingReport(ledger: ledger, sheet: sheet, options: AgingOptions(settings: ledger.settings))
    for method in [CashForecast.Method.expected, .dueDate] {
        let forecast = CashForecast(ledger: ledger, sheet: sheet, method: method)
        for format in ReportFormat.allCases { _ = ForecastRenderer(forecast).render(format) }
    }
    let forecast = CashForecast(ledger: ledger, sheet: sheet)
    let charts = ReportCharts(aging: aging, history: ReportHistory(ledger: ledger, asOf: asOf, buckets: aging.options, count: 3), forecast: forecast)
    _ = ReportJob.document(ledgerName: "main.due", aging: aging, behaviour: behaviour, forecast: forecast, charts: charts, chartsLink: "main.report")
    _ = ReportPage(ledgerName: "main.due", aging: aging, behaviour: behaviour, forecast: forecast, charts: charts, agenda: agenda).render(ledger: ledger, sheet: sheet)
    for c in charts.all { _ = c.standalone }
    // The user's template: the included half of the input, as a file of its own.
    let (custom, _) = LetterTemplate.parse(SourceFile(id: Int32(ledger.files.count), path: "fz/main.templates/reminder.txt", bytes: template))
    let templates = TemplateSet()
    for story in stories.prefix(50) {
        let choice = StageChooser.choose(story, ledger: ledger, sheet: sheet)
        var letters: [(LetterStage, StageChoice)] = choice.stage.map { [($0, choice)] } ?? []
        var statement = StageChoice(client: story.client.id, stage: .statement, reason: "statement of account on request")
        statement.chased = story.open
        letters.append((.statement, statement))
        for (stage, c) in letters {
            let values = LetterFields.values(stage: stage, choice: c, story: story, ledger: ledger, sheet: sheet)
            let body = templates.template(for: stage).render(values)
            let fields = LetterJob.draftFields(stage: stage, choice: c, values: values, ledger: ledger, asOf: asOf)
            let text = Draft.compose(fields: fields, reason: c.reason, body: body)
            if !Draft.isUntouched(Array(text.utf8)) { fatalError("a fresh draft does not pass as untouched") }
            _ = custom.render(values)
        }
    }
    _ = JournalExport.render(ledger, format: .hledger, sourceName: "main.due", checked: sheet)
    _ = JournalExport.render(ledger, format: .beancount, sourceName: "main.due")
}

private func findMarker(_ b: [UInt8]) -> Int? {
    var i = 0
    while i + 1 < b.count {
        if b[i] == 0xFF && b[i + 1] == 0xFE { return i }
        i += 1
    }
    return nil
}
