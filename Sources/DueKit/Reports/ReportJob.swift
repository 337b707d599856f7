import Dispatch

/// A file the report job wrote, or found already up to date.
public struct WrittenFile: Sendable, Hashable {
    public var path: String
    public var outcome: SafeFileWriter.Outcome
}

/// What `due report` did.
public struct ReportJobResult: Sendable {
    /// Errors in the ledger; when there are any, nothing was written.
    public var errors: [Diagnostic] = []
    public var aging: AgingReport?
    public var behaviour: ClientBehaviour?
    public var written: [WrittenFile] = []
    /// The drafts written (or left alone) and the agenda, when the report got that far.
    public var letters: LetterJobResult?
    public var agenda: Agenda?
    /// When the money should come in, as the page and the Markdown report show it.
    public var forecast: CashForecast?
    /// Files besides the ledger's that `errors` point into (the user's letter templates).
    public var extraFiles: [SourceFile] = []

    public var hasErrors: Bool { !errors.isEmpty }

    /// A few lines for the terminal: totals per currency, the clients most overdue, the
    /// worsening ones, and where the files went.
    public var summary: String {
        guard let aging else { return "" }
        var out = "Owed as of \(aging.asOf):\n"
        let labels = aging.bucketLabels
        if aging.totals.isEmpty { out += "  nothing\n" }
        for t in aging.totals {
            let c = t.currency
            let parts = zip(labels, t.buckets).map { "\($0.0) \(MoneyFormat.format($0.1, precision: c.precision))" }
            out += "  \(c.code) \(MoneyFormat.format(t.total, precision: c.precision)) = " + parts.joined(separator: " | ") + "\n"
            var apart: [String] = []
            if t.disputed != 0 { apart.append("disputed \(MoneyFormat.format(t.disputed, precision: c.precision))") }
            if t.promised != 0 { apart.append("promised \(MoneyFormat.format(t.promised, precision: c.precision))") }
            if !apart.isEmpty { out += "      of which " + apart.joined(separator: ", ") + "\n" }
        }
        let worst = ReportJob.mostOverdue(aging, limit: 3)
        if !worst.isEmpty {
            out += "Most overdue: " + worst.map { r in
                let overdue = r.buckets.dropFirst().reduce(0, +)
                let oldest = r.buckets.lastIndex { $0 != 0 } ?? 0
                return "\(r.client) \(MoneyFormat.format(overdue, precision: r.currency.precision)) \(r.currency.code) (oldest \(labels[oldest]))"
            }.joined(separator: "; ") + "\n"
        }
        if let forecast, !forecast.totals.isEmpty {
            let soon = forecast.totals.map { t in "\(t.currency.code) \(MoneyFormat.format(t.weeks.prefix(4).reduce(0, +), precision: t.currency.precision))" }
            out += "Expected in the next 4 weeks: " + soon.joined(separator: ", ") + "\n"
        }
        if let behaviour {
            let w = behaviour.rows.filter { $0.trend == .worsening }.map(\.client)
            if !w.isEmpty { out += "Worsening: " + w.joined(separator: ", ") + "\n" }
        }
        if let agenda, !agenda.items.isEmpty {
            out += "Today: \(agenda.items.count) thing\(agenda.items.count == 1 ? "" : "s") on the agenda"
            let letters = agenda.items.filter { $0.kind == .letter }.count
            out += letters > 0 ? ", \(letters) letter\(letters == 1 ? "" : "s") to send\n" : "\n"
        }
        for f in written { out += (f.outcome == .written ? "Wrote " : "Unchanged ") + f.path + "\n" }
        if let letters {
            for d in letters.drafts {
                switch d.kind {
                case .written: out += "Wrote \(d.path) (\(d.stage.rawValue))\n"
                case .unchanged, .wouldWrite: out += "Unchanged \(d.path) (\(d.stage.rawValue))\n"
                case .keptEdited: out += "Kept \(d.path): you edited it, so it was left alone\n"
                }
            }
            for path in letters.removed { out += "Removed \(path): superseded, never sent or edited\n" }
            for path in letters.edited { out += "Kept \(path): an earlier draft you edited; record it with 'due sent' or delete it\n" }
        }
        return out
    }
}

/// The main job: ages the ledger, measures client behaviour, and writes both as Markdown beside
/// the ledger. Nothing is written when the ledger has errors.
public enum ReportJob {
    public static func run(load: LoadResult, asOf: Day) throws(WriteError) -> ReportJobResult {
        var result = ReportJobResult()
        let checked = Checker.run(load, asOf: asOf)
        result.errors = checked.diagnostics.filter { $0.severity == .error }
        if result.hasErrors { return result }
        let ledger = load.ledger
        let sheet = checked.sheet(asOf: asOf, ledger: ledger)
        let options = AgingOptions(settings: ledger.settings)
        let path = ledger.mainPath ?? "ledger.due"
        let paths = OutputPaths(ledger: path)

        // Two lanes that share nothing but the ledger and its sheet, one per core, each about
        // half the work on a large ledger: the month-end history (a second run of the balance
        // engine, the largest piece), the aging and the forecast from it on one; the client
        // stories, the stage choices, the agenda, the letters, the client behaviour and what
        // the client cards show of each client's past on the other.
        let lanes = Lanes()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 {
                lanes.history = ReportHistory(ledger: ledger, asOf: asOf, buckets: options)
                let aging = AgingReport(ledger: ledger, sheet: sheet, options: options)
                lanes.forecast = CashForecast(ledger: ledger, sheet: sheet, aging: aging)
                lanes.aging = aging
            } else {
                // Both the agenda and the letters read every client's story and its stage: told
                // and chosen once.
                let stories = ClientStory.all(ledger, sheet: sheet)
                let choices = StageChooser.chooseAll(stories, ledger: ledger, sheet: sheet)
                lanes.agenda = Agenda.build(ledger: ledger, sheet: sheet, asOf: asOf, stories: stories, choices: choices)
                lanes.letters = LetterJob.prepare(ledger: ledger, sheet: sheet, asOf: asOf, paths: paths, stories: stories, choices: choices)
                lanes.behaviour = ClientBehaviour(ledger: ledger, sheet: sheet)
                lanes.past = ReportPage.CardHistory(ledger: ledger, sheet: sheet)
            }
        }
        let aging = lanes.aging!, behaviour = lanes.behaviour!, forecast = lanes.forecast!, agenda = lanes.agenda!
        var letters = lanes.letters!
        result.aging = aging
        result.behaviour = behaviour
        result.forecast = forecast
        result.agenda = agenda
        if letters.diagnostics.hasErrors {
            // Everything is decided, rendered and checked before the first byte is written: a
            // template error or a blocked folder leaves every output as it was.
            result.letters = letters
            result.errors = letters.diagnostics.filter { $0.severity == .error }
            result.extraFiles = letters.templateFiles
            return result
        }
        let charts = ReportCharts(aging: aging, history: lanes.history!, forecast: forecast)
        // Then the Markdown report and the client cards, the cards in two halves: three pieces
        // of work on whichever core is free.
        let ids = ReportPage.cardOrder(aging: aging, behaviour: behaviour)
        let halves = [ids[..<(ids.count / 2)], ids[(ids.count / 2)...]]
        DispatchQueue.concurrentPerform(iterations: 3) { k in
            switch k {
            case 0: lanes.markdown = document(ledgerName: FileSystem.fileName(of: path), aging: aging, behaviour: behaviour, forecast: forecast, charts: charts, chartsLink: paths.chartsLink)
            case 1: lanes.firstCards = ReportPage.cards(of: halves[0], ledger: ledger, aging: aging, behaviour: behaviour, past: lanes.past!)
            default: lanes.lastCards = ReportPage.cards(of: halves[1], ledger: ledger, aging: aging, behaviour: behaviour, past: lanes.past!)
            }
        }
        let agendaText = AgendaRenderer.render(agenda, format: .markdown, ledgerName: FileSystem.fileName(of: path))
        let page = ReportPage(ledgerName: FileSystem.fileName(of: path), aging: aging, behaviour: behaviour, forecast: forecast, charts: charts, agenda: agenda)
        // Every file but the drafts, in the order the summary lists them; each is a list of
        // pieces streamed to its file in turn, so the page is never joined into one string.
        var outputs: [(path: String, pieces: [String])] = [(paths.agingReport, [lanes.markdown!])]
        outputs += charts.all.map { (FileSystem.join(paths.chartsFolder, $0.file), [$0.standalone]) }
        outputs += [(paths.agenda, [agendaText]), (paths.page, [page.head(), ReportPage.cardsOpen, lanes.firstCards!, lanes.lastCards!, ReportPage.cardsClose, page.foot()])]
        let drafts = letters.drafts.filter { $0.kind == .wouldWrite }.map(\.path)
        for p in outputs.map(\.path) + drafts { try SafeFileWriter.checkWritable(p) }

        try SafeFileWriter.makeDirectory(paths.chartsFolder)
        SafeFileWriter.removeStaleTemporaries(in: paths.directory)
        SafeFileWriter.removeStaleTemporaries(in: paths.chartsFolder)
        // The outputs and the drafts staged side by side: most of it is waiting for the disk.
        let staged = try SafeFileWriter.stageAll(outputs.map { SafeFileWriter.Output(path: $0.path, content: .text($0.pieces)) } + LetterJob.outputs(letters, paths: paths))
        try SafeFileWriter.commit(staged)
        letters.markWritten()
        try LetterJob.complete(&letters, ledger: ledger, asOf: asOf, paths: paths)
        result.written = staged.prefix(outputs.count).map { WrittenFile(path: $0.path, outcome: $0.outcome) }
        result.letters = letters
        return result
    }

    /// Where the lanes of `run` leave their results; each lane writes its own fields, and they
    /// are read only after all have finished.
    final class Lanes: @unchecked Sendable {
        var aging: AgingReport?
        var behaviour: ClientBehaviour?
        var forecast: CashForecast?
        var past: ReportPage.CardHistory?
        var markdown: String?
        var firstCards: String?
        var lastCards: String?
        var history: ReportHistory?
        var agenda: Agenda?
        var letters: LetterJobResult?
    }

    /// The Markdown written beside the ledger. It depends only on the ledger and the as-of
    /// date (no clock, no paths), so a committed report changes only when the figures do.
    /// With `charts`, the charts are shown from the SVG files in the folder `chartsLink`
    /// (relative to the document), so a git host draws them.
    public static func document(ledgerName: String, aging: AgingReport, behaviour: ClientBehaviour, forecast: CashForecast? = nil, charts: ReportCharts? = nil, chartsLink: String = "") -> String {
        var out = "# Receivables of \(ledgerName) as of \(aging.asOf)\n\n"
        out += "Written by `due report`; re-run it rather than editing this file.\n\n"
        func images(_ list: [ReportChart]) -> String {
            list.map { "![\($0.title)](\(chartsLink)/\($0.file))\n" }.joined(separator: "\n")
        }
        if let charts, !charts.aging.isEmpty { out += images(charts.aging) + "\n" }
        out += AgingRenderer(aging).markdown(level: 2) + "\n"
        if let charts, !charts.history.isEmpty || charts.lateness != nil {
            out += "## Month by month\n\n" + images(charts.history + (charts.lateness.map { [$0] } ?? [])) + "\n"
        }
        if let forecast {
            let lead = charts.map { $0.forecast.isEmpty ? "" : images($0.forecast) + "\n" } ?? ""
            out += ForecastRenderer(forecast).markdown(level: 2, lead: lead) + "\n"
        }
        out += ClientBehaviourRenderer(behaviour).markdown(level: 2)
        return out
    }

    /// Clients with money past due, the oldest and largest first.
    public static func mostOverdue(_ aging: AgingReport, limit: Int) -> [AgingClientRow] {
        let late = aging.clients.filter { $0.buckets.dropFirst().contains { $0 > 0 } }
        let sorted = late.sorted { a, b in
            // Compare from the oldest bucket down: more money older ranks first.
            for k in stride(from: a.buckets.count - 1, through: 1, by: -1) where a.buckets[k] != b.buckets[k] {
                return a.buckets[k] > b.buckets[k]
            }
            return (a.client, a.currency.code) < (b.client, b.currency.code)
        }
        return Array(sorted.prefix(limit))
    }
}
