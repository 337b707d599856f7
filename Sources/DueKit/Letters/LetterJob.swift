/// What `due letters` does, as a library call so `due report` can run it too: choose a stage
/// per client, render each letter from its template, and write the drafts beside the ledger
/// without ever overwriting one the user edited.
public enum LetterJob {
    public struct Options: Sendable {
        /// Write only a statement of account for this client, whatever the ladder says.
        public var statement: String?
        /// Decide and render, but write nothing.
        public var dryRun = false

        public init(statement: String? = nil, dryRun: Bool = false) {
            self.statement = statement
            self.dryRun = dryRun
        }
    }

    /// `stories`: `ClientStory.all(ledger, sheet: sheet)` when the caller has them already.
    public static func run(ledger: Ledger, sheet: BalanceSheet, asOf: Day, paths: OutputPaths, options: Options = Options(), stories: [ClientStory]? = nil) throws(WriteError) -> LetterJobResult {
        var result = prepare(ledger: ledger, sheet: sheet, asOf: asOf, paths: paths, options: options, stories: stories)
        if options.dryRun || result.diagnostics.hasErrors { return result }
        let staged = try stage(result, paths: paths)
        try SafeFileWriter.commit(staged)
        result.markWritten()
        return result
    }

    /// Decides and renders every draft and compares it with what is on disk, writing nothing:
    /// drafts to write are `.wouldWrite`.
    public static func prepare(ledger: Ledger, sheet: BalanceSheet, asOf: Day, paths: OutputPaths, options: Options = Options(), stories: [ClientStory]? = nil) -> LetterJobResult {
        var result = LetterJobResult()
        let (templates, files, diagnostics) = TemplateSet.load(folder: paths.templatesFolder, firstFileID: Int32(ledger.files.count))
        result.templateFiles = files
        result.diagnostics = diagnostics
        if diagnostics.hasErrors { return result }

        var letters: [(StageChoice, ClientStory)] = []
        if let id = options.statement {
            guard let client = ledger.client(id) else { return result }
            let story = ClientStory(client: client, ledger: ledger, sheet: sheet)
            var c = StageChoice(client: id, stage: .statement, reason: "statement of account on request")
            c.chased = story.open
            letters.append((c, story))
        } else {
            for story in stories ?? ClientStory.all(ledger, sheet: sheet) {
                let choice = StageChooser.choose(story, ledger: ledger, sheet: sheet)
                result.choices.append(choice)
                guard choice.stage != nil else { continue }
                letters.append((choice, story))
            }
        }
        guard !letters.isEmpty else { return result }
        let fileNames = SafeName.components(ledger.clients.map(\.id))
        for (choice, story) in letters {
            let stage = choice.stage!
            let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: ledger, sheet: sheet)
            let body = templates.template(for: stage).render(values)
            let text = Draft.compose(stage: stage, client: choice.client, asOf: asOf, reason: choice.reason, body: body)
            let name = "\(asOf)-\(fileNames[choice.client] ?? SafeName.component(choice.client))-\(stage.rawValue).md"
            let path = FileSystem.join(paths.lettersFolder, name)
            let outcome: DraftOutcome.Kind
            let existing = try? FileSystem.readFile(path)
            let bytes = Array(text.utf8)
            if let existing, existing != bytes, !Draft.isUntouched(existing) {
                outcome = .keptEdited
            } else {
                outcome = existing == bytes ? .unchanged : .wouldWrite
            }
            result.drafts.append(DraftOutcome(path: path, client: choice.client, stage: stage, reason: choice.reason, kind: outcome, text: text))
        }
        return result
    }

    /// Creates the letters folder if a draft needs it and stages every draft to write; nothing
    /// is in place until the caller commits.
    public static func stage(_ result: LetterJobResult, paths: OutputPaths) throws(WriteError) -> [SafeFileWriter.Staged] {
        let pending = result.drafts.filter { $0.kind == .wouldWrite }
        guard !pending.isEmpty else { return [] }
        try SafeFileWriter.makeDirectory(paths.lettersFolder)
        SafeFileWriter.removeStaleTemporaries(in: paths.lettersFolder)
        var staged: [SafeFileWriter.Staged] = []
        for d in pending {
            do { staged.append(try SafeFileWriter.stage(Array(d.text.utf8), to: d.path)) } catch {
                SafeFileWriter.discard(staged)
                throw error
            }
        }
        return staged
    }
}

public struct DraftOutcome: Sendable {
    public enum Kind: String, Sendable { case written, unchanged, keptEdited = "kept", wouldWrite = "would write" }
    public var path: String
    public var client: String
    public var stage: LetterStage
    public var reason: String
    public var kind: Kind
    /// The draft as generated (what was or would be written).
    public var text: String
}

public struct LetterJobResult: Sendable {
    public var drafts: [DraftOutcome] = []
    /// Every client's stage choice (empty for a statement run).
    public var choices: [StageChoice] = []
    /// Problems in the user's templates; when any is an error nothing is written.
    public var diagnostics: [Diagnostic] = []
    /// The template files read, so diagnostics can show their lines.
    public var templateFiles: [SourceFile] = []

    /// After the staged drafts were committed.
    mutating func markWritten() {
        for k in drafts.indices where drafts[k].kind == .wouldWrite { drafts[k].kind = .written }
    }
}

/// The built-in templates, each replaced by `<folder>/<stage>.txt` when that file exists.
public struct TemplateSet: Sendable {
    var custom: [LetterStage: LetterTemplate] = [:]

    public static func load(folder: String, firstFileID: Int32) -> (TemplateSet, [SourceFile], [Diagnostic]) {
        var set = TemplateSet()
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        for stage in LetterStage.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
            let path = FileSystem.join(folder, stage.rawValue + ".txt")
            guard FileSystem.exists(path) else { continue }
            let file: SourceFile
            do {
                file = SourceFile(id: firstFileID + Int32(files.count), path: path, bytes: try FileSystem.readFile(path))
            } catch {
                diagnostics.append(.error("E504", error.description, at: .none))
                continue
            }
            files.append(file)
            let (template, found) = LetterTemplate.parse(file)
            diagnostics += found
            set.custom[stage] = template
        }
        return (set, files, diagnostics)
    }

    public func template(for stage: LetterStage) -> LetterTemplate {
        if let t = custom[stage] { return t }
        let text = BuiltInTemplates.text(for: stage)
        return LetterTemplate.parse(SourceFile(id: -1, path: "<built-in \(stage.rawValue)>", bytes: Array(text.utf8))).0
    }
}
