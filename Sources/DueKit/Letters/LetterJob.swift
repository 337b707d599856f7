#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

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
        // Every draft already there is read to be compared (or swept), and the forms of
        // today's unless nothing is written: asked for ahead (a statement reads one draft).
        let readAhead = options.statement == nil ? ReadAhead(lettersFolder: paths.lettersFolder, dated: asOf, forms: !options.dryRun) : nil
        defer { readAhead?.stop() }
        var result = prepare(ledger: ledger, sheet: sheet, asOf: asOf, paths: paths, options: options, stories: stories)
        if options.dryRun || result.diagnostics.hasErrors { return result }
        // Each draft's email and print forms are made from the draft as it will stand, known
        // before anything is written, and staged with the drafts: the drafts' syncs wait on the
        // disk together while the forms are written.
        let letters = try outputs(result, forms: forms(of: result.drafts, ledger: ledger), paths: paths)
        let staged = try SafeFileWriter.stageAll(letters.outputs)
        try SafeFileWriter.commit(staged)
        result.markWritten()
        try complete(&result, written: letters, staged: staged, ledger: ledger, sheet: sheet, asOf: asOf, paths: paths, options: options)
        return result
    }

    /// Every draft's email and print forms (`forms(of:ledger:)`), in the order of `drafts`,
    /// made on both cores.
    static func forms(of drafts: [DraftOutcome], ledger: Ledger) -> [LetterFolder.Forms?] {
        LetterFolder.Forms.sideBySide(drafts.count) { k in forms(of: drafts[k], ledger: ledger) }
    }

    /// After the drafts and their forms are in place (`staged`, ending with what `written`
    /// gave to stage): records where each draft's forms went, deletes email forms no email
    /// replaced, then clears out superseded drafts (`sweep`). `sheet`: the balances on `asOf`.
    static func complete(_ result: inout LetterJobResult, written: Outputs, staged: [SafeFileWriter.Staged], ledger: Ledger, sheet: BalanceSheet, asOf: Day, paths: OutputPaths, options: Options = Options()) throws(WriteError) {
        for k in result.drafts.indices { result.drafts[k].forms = [] }
        for (s, k) in zip(staged.suffix(written.owners.count), written.owners) { result.drafts[k].forms.append(s.path) }
        for path in written.staleEmails { try LetterFolder.removeIfPresent(path) }
        // A statement is asked for one client; it supersedes nothing else.
        if options.statement == nil {
            try sweep(folder: paths.lettersFolder, keeping: Set(result.drafts.map(\.path)), asOf: asOf, ledger: ledger, sheet: sheet, into: &result)
        }
    }

    /// A draft's email and print forms, made from the draft as it stands once written: the
    /// user's text when it was edited and kept, else the one generated. Nil when the ledger
    /// has no such client.
    static func forms(of draft: DraftOutcome, ledger: Ledger) -> LetterFolder.Forms? {
        if let edited = draft.edited {
            return LetterFolder.Forms(bytes: edited, fields: Draft.fields(edited) ?? draft.fields, ledger: ledger)
        }
        // The generated text as it is, not a copy of it as bytes; its `due-letter` line says
        // `draft.fields`, and its digest came with it (`Draft.composeDigested`), so neither
        // need be read back.
        return LetterFolder.Forms(text: draft.text, digest: draft.textDigest, fields: draft.fields, ledger: ledger)
    }

    /// Drafts from earlier runs (or today's, for a stage no longer due): an untouched one is
    /// out of date and moved with its forms to `superseded/` (it may have gone without being
    /// recorded: `due sent` takes it from there); an edited one is kept, its forms refreshed
    /// from the edited text, and named. Drafts dated after `asOf` belong to a later run, and
    /// statements to the user who asked for them: left alone. `sheet`: the balances on `asOf`.
    static func sweep(folder: String, keeping current: Set<String>, asOf: Day, ledger: Ledger, sheet: BalanceSheet, into result: inout LetterJobResult) throws(WriteError) {
        var dated: [Day: (ledger: Ledger, sheet: BalanceSheet, refs: HeldLetter.Refs)] = [:]
        let drafted = Set(result.drafts.map(\.client))
        for path in LetterFolder.drafts(in: folder) where !current.contains(path) {
            guard let bytes = try? FileSystem.readFile(path) else { continue }
            let fields = Draft.fields(bytes)
            // Drafts written before they carried their fields are dated by their name.
            guard let day = fields?.asOf ?? Day.parse(String(FileSystem.fileName(of: path).prefix(10))), day <= asOf else { continue }
            // A statement is made only when asked for (`--statement`), so no plain run's
            // letters supersede it: it stays until it is sent or deleted.
            if (fields?.stage ?? (FileSystem.fileName(of: path).hasSuffix("-statement.md") ? .statement : nil)) == .statement { continue }
            if Draft.isUntouched(bytes) {
                let moved = try LetterFolder.move(path, into: LetterFolder.supersededFolder(folder))
                // Offered to be recorded only as `due sent` would record it, and with what came
                // since its date, which `due sent` would note.
                let refused = fields.flatMap { f in staleness(f, ledger: ledger, dated: &dated).map(staleWords) }
                let since = fields.flatMap { f in refused == nil ? SentJob.overtaken(f, ledger: ledger, then: dated[f.asOf]!.sheet, now: sheet) : nil }
                result.superseded.append(SupersededDraft(path: path, movedTo: moved, fields: fields, refused: refused, since: since, ledger: ledger, drafted: drafted, asOf: asOf))
            } else {
                if let fields { _ = try LetterFolder.writeForms(draft: path, bytes: bytes, fields: fields, ledger: ledger) }
                // One `due sent` would refuse (the ledger no longer gives that letter on its
                // date) is not offered to be recorded: the user is told why it is out of date.
                if let fields, let why = staleness(fields, ledger: ledger, dated: &dated) {
                    result.editedOutOfDate.append((path, why))
                } else if let fields, let why = SentJob.overtaken(fields, ledger: ledger, then: dated[fields.asOf]!.sheet, now: sheet) {
                    // Still the letter of its date, but money or a query came since: sent now,
                    // it would ask for what was paid. Sent on its date, it is true and `due
                    // sent` records it; the user is told both.
                    result.editedOvertaken.append((path, why))
                } else if fields == nil {
                    result.editedUnrecordable.append(path)
                } else {
                    result.edited.append(path)
                }
            }
        }
        // Forms whose draft the user deleted: an unsent demand's email left beside the others
        // is too easily sent by mistake. Only forms `due` made are removed (an email with our
        // Message-ID, a page with our generator mark); anything else is the user's.
        for path in LetterFolder.orphanForms(in: folder) {
            try LetterFolder.removeIfPresent(path)
            result.orphansRemoved.append(path)
        }
    }

    /// Why a draft whose facts differ from today's letter's only by parts it lacks
    /// (`factsMissing`) cannot be compared with it: said by `due sent`, `due letters` and
    /// `due report` alike.
    public static func lackingWords(_ parts: [String]) -> String {
        "it was drafted by an earlier version of due, or before the ledger gave the letter what it now says in \(Plural.list(parts.map { "{{\($0)}}" })), so its facts cannot be compared with the letter's today"
    }

    /// What `due letters` and `due report` say of an edited draft that money or a query has
    /// overtaken since its date (`SentJob.overtaken`): only the user knows whether it went on
    /// its date, so both ways are said.
    public static func overtakenWords(_ why: String) -> String {
        "a draft you edited, now out of date: \(why), after this draft's date; if you sent it on its date, record it with 'due sent'; if not, do not send it: delete it to have the letter drafted anew"
    }

    /// What `due letters` says of an edited draft whose `due-letter` line is gone.
    public static let unrecordableWords = "'due sent' cannot record it: its '<!-- due-letter: … -->' line is gone; put it back from a fresh draft, or add the letter entry to the ledger by hand once it is sent"

    /// `due sent`'s reason for refusing a draft, as `due letters` says it of an edited one: no
    /// advice to run `due letters` again, which is what was just run.
    public static func staleWords(_ why: String) -> String {
        var w = Substring(why)
        for prefix in ["the ledger changed since the draft was made: ", "out of date: "] where w.hasPrefix(prefix) { w = w.dropFirst(prefix.count) }
        if w.hasSuffix("; run due letters again") { w = w.dropLast("; run due letters again".count) }
        return String(w)
    }

    /// Why an edited draft no longer stands for the letter the ledger gives on its date, as
    /// `due sent` would refuse it; nil when it still does. The ledger is read as it stood on
    /// the draft's date, as `due sent` reads it: a payment returned since counts as paid then
    /// (3.6). `dated`: that ledger and its balances by date, made once for the drafts of each
    /// date.
    static func staleness(_ fields: DraftFields, ledger whole: Ledger, dated: inout [Day: (ledger: Ledger, sheet: BalanceSheet, refs: HeldLetter.Refs)]) -> String? {
        if dated[fields.asOf] == nil {
            let stood = whole.asItStood(on: fields.asOf)
            let sheet = BalanceEngine.balances(stood, asOf: fields.asOf)
            dated[fields.asOf] = (stood, sheet, HeldLetter.Refs(ledger: stood, sheet: sheet))
        }
        let (ledger, sheet, refs) = dated[fields.asOf]!
        let story = ledger.client(fields.client).map { ClientStory(client: $0, ledger: ledger, sheet: sheet) }
        let later = ledger.letters.filter { $0.client == fields.client && $0.date >= fields.asOf }
        return SentJob.staleness(fields, ledger: ledger, sheet: sheet, refs: refs, story: story, later: later)
    }

    /// Which clients get a letter on the date, and every client's choice (none for a statement).
    /// `choices`: with `stories`, `StageChooser.chooseAll(stories, …)` when the caller has them.
    public static func decide(ledger: Ledger, sheet: BalanceSheet, statement: String?, stories: [ClientStory]? = nil, choices given: [StageChoice]? = nil) -> (letters: [(StageChoice, ClientStory)], choices: [StageChoice]) {
        if let id = statement {
            guard let client = ledger.client(id) else { return ([], []) }
            let story = ClientStory(client: client, ledger: ledger, sheet: sheet)
            return ([(statementChoice(story), story)], [])
        }
        let stories = stories ?? ClientStory.all(ledger, sheet: sheet)
        let choices = given ?? StageChooser.chooseAll(stories, ledger: ledger, sheet: sheet)
        return (zip(choices, stories).filter { $0.0.stage != nil }, choices)
    }

    /// A statement of account: asked for, never chosen by the ladder.
    public static func statementChoice(_ story: ClientStory) -> StageChoice {
        var c = StageChoice(client: story.client.id, stage: .statement, reason: "statement of account on request")
        c.chased = story.open
        return c
    }

    /// What the draft stands for. The facts digest covers the stage and every placeholder's
    /// value (amounts, dates, invoices, contacts): the letter's content as the ledger gives it,
    /// whatever template words surround it.
    public static func draftFields(stage: LetterStage, choice: StageChoice, values: [String: String], ledger: Ledger, asOf: Day) -> DraftFields {
        DraftFields(stage: stage, client: choice.client, asOf: asOf, invoices: (choice.chased + choice.alsoAsked).map { ledger.invoices[$0].number }, facts: facts(stage, values, factKeys(values)))
    }

    /// The placeholders whose values are facts, in order. A value that only restates another
    /// adds no fact; left out, a draft made before it was a placeholder still stands for the
    /// same letter (`due sent` takes it).
    static func factKeys(_ values: [String: String]) -> [String] {
        // Every letter's keys are among `factOrder`'s, sorted once: each key's place there is
        // looked up, beside its value, and the places sorted, rather than sorting each letter's
        // fifty keys as strings (a fiftieth of a report). Were one not, the letter's keys are
        // sorted as they are.
        var placed: [(place: Int, value: String)] = []
        placed.reserveCapacity(values.count)
        for (key, value) in values {
            guard let place = factPlace[key] else { return values.keys.sorted().filter { isFact($0, values) } }
            placed.append((place, value))
        }
        placed.sort { $0.place < $1.place }
        var keys: [String] = []
        keys.reserveCapacity(placed.count)
        for (place, value) in placed {
            let name = factOrder[place]
            if let of = name.restates, value == values[of] { continue }
            if let plain = name.plainly, value == plain { continue }
            keys.append(name.key)
        }
        return keys
    }

    /// Whether the value of `key` is a fact (`factKeys`): it does not restate another's, nor is
    /// it a wording that states none.
    static func isFact(_ key: String, _ values: [String: String]) -> Bool {
        if let of = restating[key], values[key] == values[of] { return false }
        if let plain = plainly[key], values[key] == plain { return false }
        return true
    }

    /// The names a letter's values are given under (the placeholders', and `total.heading`,
    /// which only restates), sorted, each with what `restating` and `plainly` say of it.
    static let factOrder: [(key: String, restates: String?, plainly: String?)] = Set(LetterFields.names + restating.keys).sorted().map { ($0, restating[$0], plainly[$0]) }

    /// Each name's place in `factOrder`.
    static let factPlace: [String: Int] = Dictionary(uniqueKeysWithValues: factOrder.enumerated().map { ($0.element.key, $0.offset) })

    /// `stage\n` then `key=value\u{1F}` for each of `keys` in order, digested as they come.
    static func facts(_ stage: LetterStage, _ values: [String: String], _ keys: [String]) -> String {
        var facts = Digest.FNV1a64()
        facts.add(stage.rawValue + "\n")
        for key in keys {
            facts.add(key + "=")
            facts.add(values[key]!)
            facts.add("\u{1F}")
        }
        return facts.hex
    }

    /// The placeholders, one or two, without which the letter's facts are `digest`: a draft
    /// whose digest differs from today's only by them says all the rest as today, and has no
    /// part the letter has now (one a later version of due added, or that the ledger has given
    /// it since). nil when no such one or two account for the difference: a fact changed.
    static func factsMissing(from digest: String, stage: LetterStage, values: [String: String]) -> [String]? {
        let keys = factKeys(values)
        for k in keys.indices where facts(stage, values, keys.enumerated().filter { $0.offset != k }.map(\.element)) == digest {
            return [keys[k]]
        }
        for k in keys.indices {
            for j in keys.indices where j > k && facts(stage, values, keys.enumerated().filter { $0.offset != k && $0.offset != j }.map(\.element)) == digest {
                return [keys[k], keys[j]]
            }
        }
        return nil
    }

    /// Placeholders that, unless the letter asks for more, say what another one says.
    static let restating = ["total.heading": "total", "claim.asked": "claim.amount"]

    /// Placeholders whose usual wording states no fact: only their other wordings count.
    static let plainly = ["instalment.title": "instalment reminder", "plan.title": LetterFields.planTitle, "plan.adjust": LetterFields.planAdjust, "claim.if": "If it has", "claim.unless": "If it"]

    /// `component`: the client id made safe for a file name (`SafeName.components`).
    public static func fileName(_ f: DraftFields, component: String) -> String {
        "\(f.asOf)-\(component)-\(f.stage.rawValue).md"
    }

    /// Decides and renders every draft and compares it with what is on disk, writing nothing:
    /// drafts to write are `.wouldWrite`.
    /// `refs`: `HeldLetter.Refs(ledger:sheet:)`, when the caller has it (the report reads it
    /// once for the agenda and the letters).
    public static func prepare(ledger: Ledger, sheet: BalanceSheet, asOf: Day, paths: OutputPaths, options: Options = Options(), stories: [ClientStory]? = nil, choices given: [StageChoice]? = nil, refs knownRefs: HeldLetter.Refs? = nil) -> LetterJobResult {
        var result = LetterJobResult()
        let (templates, files, diagnostics) = TemplateSet.load(folder: paths.templatesFolder, firstFileID: Int32(ledger.files.count))
        result.templateFiles = files
        result.diagnostics = diagnostics
        if diagnostics.hasErrors { return result }

        let (letters, choices) = decide(ledger: ledger, sheet: sheet, statement: options.statement, stories: stories, choices: given)
        result.choices = choices
        // The demands' interest day by day, and the claims thank-yous cite, traced in one run
        // for every letter (unless the caller's sheet has them already).
        let sheet = LateClaim.traced(sheet, ledger: ledger, stories: letters.map(\.1), choices: letters.map(\.0))
        let fileNames = SafeName.components(ledger.clients.map(\.id))
        // What the payments' refs say their money did not do, read once for every letter: one
        // may hold a letter of another client's (W425).
        let refs = knownRefs ?? (letters.isEmpty ? HeldLetter.Refs.none : HeldLetter.Refs(ledger: ledger, sheet: sheet))
        // Each letter is decided from the ledger alone, so they are rendered side by side, in
        // lanes that a free core takes in turn: on a large ledger this is most of the report's
        // work, and a core stood idle while one rendered them all.
        let lanes = min(letters.count, 16)
        var made = [Prepared?](repeating: nil, count: letters.count)
        made.withUnsafeMutableBufferPointer { slots in
            let slots = UnsafeSendable(slots)
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                for k in stride(from: lane, to: letters.count, by: lanes) {
                    let (choice, story) = letters[k]
                    slots.value[k] = prepare(choice: choice, story: story, ledger: ledger, sheet: sheet, asOf: asOf, paths: paths, templates: templates, fileNames: fileNames, refs: refs)
                }
            }
        }
        // The tables read invoices' lines from all over the file, which would otherwise stay
        // mapped through the rendering and writing that follow, the report's peak. Let go once
        // here, not every so many letters: a lane's release unmapped every lane's pages, and
        // on the uniform 1M ledger reading them again cost a seventh of the letters' time,
        // where keeping them raises the report's peak by 2 %.
        ledger.files.releasePages()
        for case let outcome? in made {
            switch outcome {
            case .draft(let draft): result.drafts.append(draft)
            case .held(let held): result.held.append(held)
            case .tooLarge(let diagnostic):
                result.diagnostics.append(diagnostic)
                result.drafts = []
                return result
            }
        }
        return result
    }

    /// One letter of `prepare`: its draft, or why it cannot be written.
    enum Prepared {
        case draft(DraftOutcome)
        /// Not drafted: the ledger leaves in doubt what a payment paid (W425).
        case held(HeldLetter)
        case tooLarge(Diagnostic)
    }

    static func prepare(choice: StageChoice, story: ClientStory, ledger: Ledger, sheet: BalanceSheet, asOf: Day, paths: OutputPaths, templates: TemplateSet, fileNames: [String: String], refs: HeldLetter.Refs) -> Prepared {
        let stage = choice.stage!
        if let held = HeldLetter.find(story, stage: stage, ledger: ledger, sheet: sheet, refs: refs) { return .held(held) }
        let values = LetterFields.values(stage: stage, choice: choice, story: story, ledger: ledger, sheet: sheet)
        let fields = draftFields(stage: stage, choice: choice, values: values, ledger: ledger, asOf: asOf)
        let template = templates.template(for: stage)
        let limit = template.letterLimit(for: values)
        guard let body = template.render(values, limit: limit) else {
            return .tooLarge(Diagnostic(.E506, "the \(stage.rawValue) letter to '\(choice.client)' from this template would be larger than \(limit / 1024 / 1024) MB", at: template.origin, hint: "use each table placeholder once"))
        }
        let (text, digest) = Draft.composeDigested(fields: fields, title: choice.title, reason: choice.reason, body: body)
        let path = FileSystem.join(paths.lettersFolder, fileName(fields, component: fileNames[choice.client] ?? SafeName.fileComponent(choice.client)))
        let outcome: DraftOutcome.Kind
        let existing = try? FileSystem.readFile(path)
        // Compared in place: most drafts are new, and a copy of each as bytes cost a report
        // of thousands of letters some hundred MB of fresh memory.
        let same = existing.map { Self.holds($0, text) } ?? false
        if let existing, !same, !Draft.isUntouched(existing) {
            outcome = .keptEdited
        } else {
            outcome = same ? .unchanged : .wouldWrite
        }
        var draft = DraftOutcome(path: path, client: choice.client, stage: stage, reason: choice.reason, kind: outcome, text: text, fields: fields)
        draft.title = choice.title
        draft.textDigest = digest
        if outcome == .keptEdited, let existing {
            draft.edited = existing
            // Kept as the user wrote it, but told apart when the ledger no longer gives the
            // facts it was drafted from (a payment since, say): it may ask for the wrong sum.
            let kept = Draft.fields(existing)
            draft.outOfDate = kept.map { $0.facts != fields.facts } ?? false
            if draft.outOfDate, let kept, kept.stage == stage, kept.invoices == fields.invoices {
                draft.lacking = factsMissing(from: kept.facts, stage: stage, values: values)
            }
            draft.unrecordable = kept == nil
        }
        return .draft(draft)
    }

    /// Whether `bytes` are `text`'s UTF-8, compared a block at a time: byte by byte, as a
    /// sequence, a report of thousands of drafts spent a tenth of a second on it.
    static func holds(_ bytes: [UInt8], _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { t in
            bytes.withUnsafeBufferPointer { b in t.count == b.count && (t.isEmpty || memcmp(t.baseAddress!, b.baseAddress!, t.count) == 0) }
        }
    }

    /// What the letters write, for the caller to stage with its own outputs and commit in
    /// this order: the drafts to write, then every draft's email and print forms, so that no
    /// form is put in place before its draft.
    struct Outputs {
        var outputs: [SafeFileWriter.Output] = []
        /// The draft of each form (an index into the result's drafts), the forms being the
        /// last `owners.count` outputs.
        var owners: [Int] = []
        /// Email forms left from before that no email replaces (the client's address since
        /// removed): deleted once the others are in place.
        var staleEmails: [String] = []
    }

    /// Makes the letters folder when a draft is to be written, and clears it of stale
    /// temporaries when there are drafts at all, before any of them is staged.
    static func readyFolder(for result: LetterJobResult, paths: OutputPaths) throws(WriteError) {
        guard !result.drafts.isEmpty else { return }
        if result.drafts.contains(where: { $0.kind == .wouldWrite }) { try SafeFileWriter.makeDirectory(paths.lettersFolder) }
        SafeFileWriter.removeStaleTemporaries(in: paths.lettersFolder)
    }

    /// The drafts to write and the forms made from them (`forms`, in the order of
    /// `result.drafts`). Creates the letters folder if a draft needs it and clears it of
    /// stale temporaries.
    static func outputs(_ result: LetterJobResult, forms: [LetterFolder.Forms?], paths: OutputPaths) throws(WriteError) -> Outputs {
        var out = Outputs()
        guard !result.drafts.isEmpty else { return out }
        try readyFolder(for: result, paths: paths)
        let pending = result.drafts.filter { $0.kind == .wouldWrite }
        out.outputs = pending.map { SafeFileWriter.Output(path: $0.path, content: .text([$0.text])) }
        for k in result.drafts.indices {
            let files = LetterFolder.files(forms[k], draft: result.drafts[k].path)
            for form in files.write {
                out.outputs.append(SafeFileWriter.Output(path: form.path, content: .bytes(form.bytes), durability: .remade))
                out.owners.append(k)
            }
            if let stale = files.stale { out.staleEmails.append(stale) }
        }
        return out
    }
}

public struct DraftOutcome: Sendable {
    public enum Kind: String, Sendable { case written, unchanged, keptEdited = "kept", wouldWrite = "would write" }
    public var path: String
    public var client: String
    public var stage: LetterStage
    /// How the letter is named (`StageChoice.title`): its stage's title, unless it is a
    /// courtesy note of an instalment falling due.
    public var title: String
    public var reason: String
    public var kind: Kind
    /// The draft as generated (what was or would be written).
    public var text: String {
        didSet { textDigest = nil }
    }
    /// What the draft stands for, as its `due-letter` line says.
    public var fields: DraftFields
    /// `Digest.fnv1a64(text)`, when the draft was composed here (and its text not changed
    /// since): the email form's identifiers use it, and thousands of drafts need not each be
    /// read through again for it.
    var textDigest: String?
    /// The draft as the user edited it (`.keptEdited` only): its forms are made from this.
    public var edited: [UInt8]?
    /// An edited draft whose facts the ledger no longer gives: what it says may be out of date.
    public var outOfDate = false
    /// An out-of-date edited draft that only lacks these parts of the letter today
    /// (`factsMissing`): drafted by an earlier version of due, most likely.
    public var lacking: [String]?
    /// An edited draft whose `due-letter` line is gone: `due sent` cannot tell what it is, so
    /// it would pass it over, and the letter, once sent, would never be recorded.
    public var unrecordable = false
    /// The email and print forms written beside it.
    public var forms: [String] = []

    public init(path: String, client: String, stage: LetterStage, reason: String, kind: Kind, text: String, fields: DraftFields) {
        title = stage.title
        self.path = path
        self.client = client
        self.stage = stage
        self.reason = reason
        self.kind = kind
        self.text = text
        self.fields = fields
    }
}

/// An untouched draft a run moved to `superseded/`: never recorded, which is all `due` knows
/// (the user may have sent its email and not yet said so).
public struct SupersededDraft: Sendable {
    public var path: String
    public var movedTo: String
    /// Why it is no longer current, and how to record it if it went: `Moved PATH to
    /// superseded/: …`.
    public var words: String

    /// `refused`: why `due sent` would not record it (a letter recorded since, the ledger no
    /// longer giving it on its date), which is then why it was superseded; `since`: what money
    /// or a query did to its invoices after its date (`SentJob.overtaken`), then why, though
    /// `due sent` records it all the same; `drafted`: the clients the run wrote a draft for;
    /// `ledger`: as the run read it, its main file the one to record in.
    init(path: String, movedTo: String, fields: DraftFields?, refused: String?, since: String?, ledger: Ledger, drafted: Set<String>, asOf: Day) {
        self.path = path
        self.movedTo = movedTo
        guard let fields else {
            words = "it has no '<!-- due-letter: … -->' line: if you sent it, add its letter entry to the ledger by hand"
            return
        }
        if let refused {
            words = refused
            return
        }
        let record = "record it with 'due sent \(ledger.mainPath ?? "FILE") \(movedTo)'"
        if let since {
            words = "\(since), after this draft's date; if you sent it on its date, \(record)"
            return
        }
        let why = drafted.contains(fields.client) ? "a newer draft replaces it" : "no letter to \(fields.client) is due on \(asOf)"
        words = "\(why); if you sent it, \(record)"
    }
}

public struct LetterJobResult: Sendable {
    public var drafts: [DraftOutcome] = []
    /// Letters due but not drafted, as the ledger leaves in doubt what a payment paid (W425).
    public var held: [HeldLetter] = []
    /// Every client's stage choice (empty for a statement run).
    public var choices: [StageChoice] = []
    /// Problems in the user's templates; when any is an error nothing is written.
    public var diagnostics: [Diagnostic] = []
    /// The template files read, so diagnostics can show their lines.
    public var templateFiles: [SourceFile] = []
    /// Untouched drafts from earlier runs (or today's of a stage no longer due), moved to
    /// `superseded/`.
    public var superseded: [SupersededDraft] = []
    /// Email and print forms removed because their draft had been deleted.
    public var orphansRemoved: [String] = []
    /// Edited drafts from earlier runs, kept (and still to send or delete).
    public var edited: [String] = []
    /// Edited drafts kept that the ledger no longer bears out on their date, with why: `due
    /// sent` would refuse them.
    public var editedOutOfDate: [(path: String, why: String)] = []
    /// Edited drafts kept that the ledger bears out on their date, but not since: money paid,
    /// credited or written off, or a query raised, on what they ask for, with what
    /// (`SentJob.overtaken`). `due sent` records one that went on its date, with a note.
    public var editedOvertaken: [(path: String, why: String)] = []
    /// Edited drafts kept whose `due-letter` line is gone (`DraftOutcome.unrecordable`).
    public var editedUnrecordable: [String] = []

    /// After the staged drafts were committed.
    mutating func markWritten() {
        for k in drafts.indices where drafts[k].kind == .wouldWrite { drafts[k].kind = .written }
    }
}

/// The built-in templates, each replaced by `<folder>/<stage>.txt` when that file exists.
public struct TemplateSet: Sendable {
    var custom: [LetterStage: LetterTemplate] = [:]
    /// Every built-in template, read once: thousands of letters of one stage are rendered
    /// from one parse.
    let builtIn: [LetterStage: LetterTemplate]

    /// The built-in templates alone.
    public init() {
        var builtIn: [LetterStage: LetterTemplate] = [:]
        for stage in LetterStage.allCases {
            let text = BuiltInTemplates.text(for: stage)
            builtIn[stage] = LetterTemplate.parse(SourceFile(id: -1, path: "<built-in \(stage.rawValue)>", bytes: Array(text.utf8))).0
        }
        self.builtIn = builtIn
    }

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
                diagnostics.append(Diagnostic(.E504, error.description, at: .none))
                continue
            }
            if file.bytes.count > LetterTemplate.maxTemplateBytes {
                diagnostics.append(Diagnostic(.E505, "'\(path)' is \(file.bytes.count / 1024) KB; a letter template may be at most \(LetterTemplate.maxTemplateBytes / 1024) KB", at: .none, hint: "a template is the text of one letter, with placeholders for the tables"))
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
        // Every stage has a built-in template (`init`).
        custom[stage] ?? builtIn[stage]!
    }
}
