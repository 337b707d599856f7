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
                let overdue = r.overdue
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
                case .keptEdited where d.lacking != nil: out += "Kept \(d.path): you edited it, so it was left alone, but \(LetterJob.lackingWords(d.lacking ?? [])); check it before sending it, or delete it to have it drafted again\n"
                case .keptEdited where d.outOfDate: out += "Kept \(d.path): you edited it, so it was left alone, but the ledger has changed since it was drafted; check its figures before sending it, or delete it to have it drafted again\n"
                case .keptEdited: out += "Kept \(d.path): you edited it, so it was left alone\n"
                }
            }
            for h in letters.held { out += "Held: \(h.words)\n" }
            for s in letters.superseded { out += "Moved \(s.path) to superseded/: \(s.words)\n" }
            for path in letters.orphansRemoved { out += "Removed \(path): its draft was deleted\n" }
            for path in letters.edited { out += "Kept \(path): an earlier draft you edited; record it with 'due sent' or delete it\n" }
            for (path, why) in letters.editedOvertaken { out += "Kept \(path): \(LetterJob.overtakenWords(why))\n" }
            for (path, why) in letters.editedOutOfDate { out += "Kept \(path): a draft you edited, which the ledger no longer bears out (\(LetterJob.staleWords(why))); check it, or delete it to have due draft again\n" }
        }
        return out
    }
}

/// The main job: ages the ledger, measures client behaviour, and writes both as Markdown beside
/// the ledger. Nothing is written when the ledger has errors.
public enum ReportJob {
    public static func run(load: LoadResult, asOf: Day) throws(WriteError) -> ReportJobResult {
        var result = ReportJobResult()
        let ledger = load.ledger
        let path = ledger.mainPath ?? "ledger.due"
        let paths = OutputPaths(ledger: path)
        // The drafts already in the letters folder are each read to be compared with today's
        // (or swept), and then the forms of today's: asked for from the start, read while the
        // ledger is checked.
        let readAhead = ReadAhead(lettersFolder: paths.lettersFolder, dated: asOf, forms: true)
        defer { readAhead.stop() }
        let options = AgingOptions(settings: ledger.settings)
        let (checked, history, sheet) = check(load, asOf: asOf, buckets: options)
        result.errors = checked.diagnostics.filter { $0.severity == .error }
        if result.hasErrors { return result }

        // Tasks that share nothing but the ledger and its sheet: the aging with the forecast
        // made from it, the client behaviour, and what the client cards show of each client's
        // past, taken by whichever core is free; and here, meanwhile, the client stories with
        // what is told from them (the stage choices, the agenda, the letters). The letters are
        // most of the work on a large ledger and are rendered on every core
        // (`LetterJob.prepare`), which they could not be from inside the others' tasks:
        // Dispatch runs work started from such a task on that task's thread alone.
        let lanes = Lanes()
        let others = DispatchGroup()
        DispatchQueue.global().async(group: others) {
            DispatchQueue.concurrentPerform(iterations: 3) { k in
                switch k {
                case 0:
                    let aging = AgingReport(ledger: ledger, sheet: sheet, options: options)
                    lanes.forecast = CashForecast(ledger: ledger, sheet: sheet, aging: aging)
                    lanes.aging = aging
                case 1:
                    lanes.behaviour = ClientBehaviour(ledger: ledger, sheet: sheet)
                default:
                    lanes.past = ReportPage.CardHistory(ledger: ledger, sheet: sheet)
                }
            }
        }
        // Both the agenda and the letters read every client's story and its stage: told and
        // chosen once.
        let stories = ClientStory.all(ledger, sheet: sheet)
        let choices = StageChooser.chooseAll(stories, ledger: ledger, sheet: sheet)
        // The demands' interest day by day, and the claims thank-yous cite, traced once for both.
        let traced = LateClaim.traced(sheet, ledger: ledger, stories: stories, choices: choices)
        // What the payments' refs say their money did not do, which holds letters (W425): read
        // once for both.
        let refs = choices.contains { $0.stage != nil } ? HeldLetter.Refs(ledger: ledger, sheet: traced) : .none
        lanes.agenda = Agenda.build(ledger: ledger, sheet: traced, asOf: asOf, stories: stories, choices: choices, refs: refs)
        lanes.letters = LetterJob.prepare(ledger: ledger, sheet: traced, asOf: asOf, paths: paths, stories: stories, choices: choices, refs: refs)
        others.wait()
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
        let (staged, files, written) = try stage(
            ledger: ledger, aging: aging, behaviour: behaviour, forecast: forecast, agenda: agenda, history: history,
            past: lanes.past!, letters: letters, paths: paths, name: FileSystem.fileName(of: path))
        try SafeFileWriter.commit(staged)
        letters.markWritten()
        try LetterJob.complete(&letters, written: written, staged: staged, ledger: ledger, sheet: sheet, asOf: asOf, paths: paths)
        result.written = staged.prefix(files).map { WrittenFile(path: $0.path, outcome: $0.outcome) }
        result.letters = letters
        return result
    }

    /// Renders every file but the drafts and stages them with the drafts and the drafts' email
    /// and print forms, the files first, in the order the summary lists them; `files` says how
    /// many of `staged` they are, and `letters` what the rest are. `name`: the ledger's file
    /// name, as the texts' titles give it. Everything that will be replaced is checked before
    /// anything is staged; then the drafts are staged while the texts and the forms are made,
    /// each form written as soon as it is made, by the core that made it (`stageHere`), so a
    /// large report's thousands of forms are never all held at once. Only the drafts are synced
    /// one by one; the texts and the forms are made again by every run (`Durability`). Taken
    /// in a function of its own so the texts, tens of MB on a large ledger, are let go once
    /// staged.
    static func stage(ledger: Ledger, aging: AgingReport, behaviour: ClientBehaviour, forecast: CashForecast, agenda: Agenda, history: ReportHistory, past: ReportPage.CardHistory, letters: LetterJobResult, paths: OutputPaths, name: String) throws(WriteError) -> (staged: [SafeFileWriter.Staged], files: Int, letters: LetterJob.Outputs) {
        let charts = ReportCharts(aging: aging, history: history, forecast: forecast)
        let page = ReportPage(ledgerName: name, aging: aging, behaviour: behaviour, forecast: forecast, charts: charts, agenda: agenda)
        let ids = ReportPage.cardOrder(aging: aging, behaviour: behaviour)
        // Every file but the drafts, in the order the summary lists them.
        let chartFiles = charts.all.map { (path: FileSystem.join(paths.chartsFolder, $0.file), text: $0.standalone) }
        let filePaths = [paths.agingReport] + chartFiles.map(\.path) + [paths.agenda, paths.page]
        let drafts = letters.drafts
        let pending = drafts.filter { $0.kind == .wouldWrite }
        try SafeFileWriter.checkWritable(filePaths + pending.map(\.path))
        try SafeFileWriter.makeDirectory(paths.chartsFolder)
        SafeFileWriter.removeStaleTemporaries(in: paths.directory)
        SafeFileWriter.removeStaleTemporaries(in: paths.chartsFolder)
        try LetterJob.readyFolder(for: letters, paths: paths)

        // Slots in the order of committing: the files, the drafts to write, then each draft's
        // forms (email, then print), so no form is put in place before its draft.
        let files = filePaths.count, formsFrom = files + pending.count
        let queue = SafeFileWriter.StagingQueue(slots: formsFrom + 2 * drafts.count)
        for (k, d) in pending.enumerated() { queue.submit(SafeFileWriter.Output(path: d.path, content: .text([d.text])), at: files + k) }

        // Every text of the Markdown report, the agenda and the page, rendered as pieces side
        // by side, whichever core is free taking the next: the Markdown report's sections and
        // the cards in eighths are each a few MB on a large ledger, so the two cores finish
        // together and no text is regrown into one string of tens of MB.
        let markdown = documentSections(ledgerName: name, aging: aging, behaviour: behaviour, forecast: forecast, charts: charts, chartsLink: paths.chartsLink)
        let runs = ReportPage.CardRuns(aging: aging, behaviour: behaviour)
        let cards: [@Sendable () -> [UInt8]] = ReportJob.parts(of: ids, count: 8).map { part in
            { ReportPage.cards(of: part, ledger: ledger, aging: aging, behaviour: behaviour, past: past, runs: runs) }
        }
        // The letters' forms are made from the drafts as they will stand on disk, known already,
        // and written as each is made: small pieces, taken last, which even out the cores'
        // ends. What each draft's forms were, for `LetterJob.complete`.
        var made = [(forms: Int, stale: String?)](repeating: (0, nil), count: drafts.count)
        let texts = made.withUnsafeMutableBufferPointer { madeSlots in
            let madeSlots = UnsafeSendable(madeSlots)
            let formParts: [@Sendable () -> Void] = ReportJob.parts(of: Array(drafts.indices), count: 8).map { part in
                {
                    for k in part {
                        let written = LetterFolder.files(LetterJob.forms(of: drafts[k], ledger: ledger), draft: drafts[k].path)
                        for (j, form) in written.write.enumerated() {
                            queue.stageHere(SafeFileWriter.Output(path: form.path, content: .bytes(form.bytes), durability: .remade), at: formsFrom + 2 * k + j)
                        }
                        madeSlots.value[k] = (written.write.count, written.stale)
                    }
                }
            }
            return ReportJob.render(markdown + cards + [
                { Array(AgendaRenderer.render(agenda, format: .markdown, ledgerName: name).utf8) },
                { Array(page.head().utf8) },
            ], alongside: formParts)
        }
        let markdownTexts = Array(texts[..<markdown.count])
        let cardTexts = Array(texts[markdown.count..<(markdown.count + cards.count)])
        let agendaText = texts[markdown.count + cards.count], head = texts[markdown.count + cards.count + 1]
        // Each file is a list of pieces streamed to it in turn, so no file is joined into one text.
        var pieces: [[[UInt8]]] = [markdownTexts]
        pieces += chartFiles.map { [Array($0.text.utf8)] }
        pieces += [[agendaText], [head, Array(ReportPage.cardsOpen.utf8)] + cardTexts + [Array(ReportPage.cardsClose.utf8), Array(page.foot().utf8)]]
        for (k, path) in filePaths.enumerated() { queue.submit(SafeFileWriter.Output(path: path, content: .pieces(pieces[k]), durability: .remade), at: k) }
        let staged = try queue.finish()

        var written = LetterJob.Outputs()
        for (k, m) in made.enumerated() {
            written.owners += Array(repeating: k, count: m.forms)
            if let stale = m.stale { written.staleEmails.append(stale) }
        }
        return (staged, files, written)
    }

    /// The checker's outcome, and from its run of the balance engine, which passes them on its
    /// way, the month-end history and the sheet as of `asOf`. Taken in a function of their own:
    /// what the run's closure gathers into is let go on return, so the sheet is gone once the
    /// report has read it, before the texts are rendered (a million invoices' balances kept a
    /// moment longer raise the peak by tens of MB).
    static func check(_ load: LoadResult, asOf: Day, buckets: AgingOptions) -> (CheckOutcome, ReportHistory, BalanceSheet) {
        var gathering = ReportHistory.Gathering(ledger: load.ledger, asOf: asOf, buckets: buckets)
        gathering.takeBeforeReturns()
        var atAsOf: BalanceSheet?
        let checked = Checker.run(load, asOf: asOf, passing: gathering.fromRun + [asOf]) { sheet in
            gathering.take(sheet)
            if sheet.asOf == asOf { atAsOf = sheet }
        }
        return (checked, gathering.history(), atAsOf ?? checked.sheet(asOf: asOf, ledger: load.ledger))
    }

    /// Where the tasks of `run` leave their results; each task writes its own fields, and they
    /// are read only after all have finished.
    final class Lanes: @unchecked Sendable {
        var aging: AgingReport?
        var behaviour: ClientBehaviour?
        var forecast: CashForecast?
        var past: ReportPage.CardHistory?
        var agenda: Agenda?
        var letters: LetterJobResult?
    }

    /// The Markdown written beside the ledger. It depends only on the ledger and the as-of
    /// date (no clock, no paths), so a committed report changes only when the figures do.
    /// With `charts`, the charts are shown from the SVG files in the folder `chartsLink`
    /// (relative to the document), so a git host draws them.
    public static func document(ledgerName: String, aging: AgingReport, behaviour: ClientBehaviour, forecast: CashForecast? = nil, charts: ReportCharts? = nil, chartsLink: String = "") -> String {
        String(decoding: documentSections(ledgerName: ledgerName, aging: aging, behaviour: behaviour, forecast: forecast, charts: charts, chartsLink: chartsLink).flatMap { $0() }, as: UTF8.self)
    }

    /// `document` as its sections in order, each to be rendered on its own: the aging and the
    /// forecast each list every open invoice. Each gives its UTF-8 bytes, which go to the file
    /// as they are: the two long sections are written as bytes, and making a `String` of them
    /// copied tens of MB into fresh memory.
    static func documentSections(ledgerName: String, aging: AgingReport, behaviour: ClientBehaviour, forecast: CashForecast?, charts: ReportCharts?, chartsLink: String) -> [@Sendable () -> [UInt8]] {
        @Sendable func images(_ list: [ReportChart]) -> String {
            list.map { "![\($0.title)](\(chartsLink)/\($0.file))\n" }.joined(separator: "\n")
        }
        var sections: [@Sendable () -> [UInt8]] = [
            {
                var out = "# Receivables of \(ledgerName) as of \(aging.asOf)\n\n"
                out += "Written by `due report`; re-run it rather than editing this file.\n\n"
                if let charts, !charts.aging.isEmpty { out += images(charts.aging) + "\n" }
                return Array(out.utf8)
            },
            {
                // Written into one buffer made about large enough at once: the aging lists every
                // open invoice, tens of MB on a large ledger.
                var out = ByteText(capacity: 256 * (aging.lines.count + aging.clients.count) + 4096)
                AgingRenderer(aging).markdown(level: 2, into: &out)
                out.byte(0x0A)
                return out.bytes
            },
        ]
        if let charts, !charts.history.isEmpty || charts.lateness != nil {
            sections.append { Array(("## Month by month\n\n" + images(charts.history + (charts.lateness.map { [$0] } ?? [])) + "\n").utf8) }
        }
        if let forecast {
            sections.append {
                let lead = charts.map { $0.forecast.isEmpty ? "" : images($0.forecast) + "\n" } ?? ""
                // As the aging's section: one buffer, made about large enough at once.
                var out = ByteText(capacity: 160 * forecast.lines.count + 4096)
                ForecastRenderer(forecast).markdown(level: 2, lead: lead, into: &out)
                out.byte(0x0A)
                return out.bytes
            }
        }
        sections.append { Array(ClientBehaviourRenderer(behaviour).markdown(level: 2).utf8) }
        return sections
    }

    /// `ids` in `count` runs of nearly equal length, in order.
    static func parts<ID>(of ids: [ID], count: Int) -> [ArraySlice<ID>] {
        (0..<count).map { k in ids[(ids.count * k / count)..<(ids.count * (k + 1) / count)] }
    }

    /// The texts of `pieces`, in their order, rendered on as many cores as there are, and the
    /// work of `alongside` done after them by whichever core is free.
    static func render(_ pieces: [@Sendable () -> [UInt8]], alongside: [@Sendable () -> Void] = []) -> [[UInt8]] {
        var texts = [[UInt8]](repeating: [], count: pieces.count)
        texts.withUnsafeMutableBufferPointer { slots in
            let slots = UnsafeSendable(slots)
            DispatchQueue.concurrentPerform(iterations: pieces.count + alongside.count) { k in
                if k < pieces.count { slots.value[k] = pieces[k]() } else { alongside[k - pieces.count]() }
            }
        }
        return texts
    }

    /// Clients with money past due, the oldest and largest first.
    public static func mostOverdue(_ aging: AgingReport, limit: Int) -> [AgingClientRow] {
        // Overdue by the due date, whatever the buckets count from; ranked by the buckets.
        let late = aging.clients.filter { $0.overdue > 0 }
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
