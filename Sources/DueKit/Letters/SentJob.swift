/// What `due sent` does: records the letters that went out as `letter` entries appended to the
/// ledger, then moves their drafts to `sent/`. It is all or nothing: one draft that cannot be
/// recorded stops every one, and the ledger is not touched.
///
/// Each draft says what it stands for (`DraftFields`). Before recording, the letter is decided
/// again from the ledger as it is now, read as of the draft's date (a payment returned after
/// that date still counts as paid on it): when the stage or the facts differ,
/// the ledger changed since the draft was made in a way that changes that letter, and the
/// draft is refused rather than recorded as something it no longer is. One whose invoices
/// money or a query reached after its date (`overtaken`) is still the letter that went on that
/// date, and is recorded; beside it goes a note of what changed, for sent now it would ask for
/// what is no longer owed, and only the user knows whether it went.
public enum SentJob {
    public struct Refusal: Sendable, Equatable {
        public var draft: String
        public var reason: String
        /// The `letter` entry to add by hand, in canonical layout, when `due sent` will not
        /// record a draft that may have gone as written (`judge`); nil otherwise.
        public var handEntry: String? = nil
    }

    public struct Recorded: Sendable {
        public var draft: String
        public var movedTo: String
        public var fields: DraftFields
        public var channel: String
        /// The entry as appended, in canonical layout.
        public var entry: String
        /// A word for the user about a draft older than the day it is recorded whose pay-by
        /// date is near or past (`staleDeadline`); nil otherwise.
        public var note: String?
        /// What reached its invoices after its date (`overtaken`), to be said beside it; nil
        /// when nothing did.
        public var since: String?
    }

    public struct Outcome: Sendable {
        /// Errors in the ledger: nothing was recorded.
        public var errors: [Diagnostic] = []
        public var refusals: [Refusal] = []
        public var recorded: [Recorded] = []
        /// Drafts `--all` passed over: an older draft for a client with a newer one, or a file
        /// without a `due-letter` line.
        public var skipped: [Refusal] = []
        /// Drafts in `superseded/` that no letter in the ledger stands for, with how to record
        /// each if it went (`--all`, `leftAside`).
        public var aside: [Refusal] = []
        /// Letters due on the day `--all` runs that are held (W425), to clients with no draft in
        /// the letters folder: named, as `due letters` names them, or they would pass unsaid.
        public var held: [HeldLetter] = []
        /// The clients with a draft `--all` read, recorded or passed over.
        var drafted: Set<String> = []

        public var refused: Bool { !errors.isEmpty || !refusals.isEmpty }
    }

    /// `drafts`: the paths given, or nil for every current draft in the letters folder.
    /// `today`: the day the letters are sent, which only the note about a pay-by date near or
    /// past reads (the entries bear the drafts' dates).
    public static func run(load: LoadResult, ledgerPath: String, drafts: [String]?, today: Day) throws(WriteError) -> Outcome {
        var written: LoadResult?
        var out = try record(load: load, ledgerPath: ledgerPath, drafts: drafts, today: today, written: &written)
        // Told against the ledger as this run leaves it: a letter it recorded may stand
        // after a draft set aside.
        if drafts == nil, !out.refused {
            out.aside = leftAside(load: written ?? load, lettersFolder: OutputPaths(ledger: ledgerPath).lettersFolder, ledgerPath: ledgerPath)
            out.held = heldUndrafted(load: written ?? load, today: today, drafted: out.drafted)
        }
        return out
    }

    /// All `run` does but name the drafts set aside; `written`: the ledger as written, read
    /// again, when entries were added.
    static func record(load: LoadResult, ledgerPath: String, drafts: [String]?, today: Day, written: inout LoadResult?) throws(WriteError) -> Outcome {
        var out = Outcome()
        let whole = load.ledger
        let paths = OutputPaths(ledger: ledgerPath)
        let folder = FileSystem.canonical(paths.lettersFolder)
        let sentFolder = FileSystem.canonical(LetterFolder.sentFolder(paths.lettersFolder))
        let supersededFolder = FileSystem.canonical(LetterFolder.supersededFolder(paths.lettersFolder))
        // With --all, every draft is read (to record the newest of each client's), and the
        // forms of those recorded compared: asked for ahead.
        let readAhead = drafts == nil ? ReadAhead(lettersFolder: paths.lettersFolder, dated: nil, forms: true) : nil
        defer { readAhead?.stop() }

        var chosen: [(path: String, bytes: [UInt8], fields: DraftFields)] = []
        if let drafts {
            var seen: Set<String> = []
            for path in drafts where seen.insert(FileSystem.canonical(path)).inserted {
                let dir = FileSystem.canonical(FileSystem.directory(of: path))
                let inSent = FileSystem.join(LetterFolder.sentFolder(paths.lettersFolder), FileSystem.fileName(of: path))
                let inSuperseded = FileSystem.join(LetterFolder.supersededFolder(paths.lettersFolder), FileSystem.fileName(of: path))
                guard FileSystem.exists(path) else {
                    let reason = FileSystem.exists(inSent) ? "already recorded: it was moved to \(inSent)"
                        : FileSystem.exists(inSuperseded) && dir != supersededFolder ? "a later run moved it to \(inSuperseded), never recorded; if you sent it, name it there"
                        : "no such draft"
                    out.refusals.append(Refusal(draft: path, reason: reason))
                    continue
                }
                if dir == sentFolder {
                    out.refusals.append(Refusal(draft: path, reason: "already recorded: it is in the sent folder"))
                    continue
                }
                // A draft a later run superseded may have gone all the same: it is recorded from
                // `superseded/` as from the folder itself.
                guard dir == folder || dir == supersededFolder else {
                    out.refusals.append(Refusal(draft: path, reason: "not a draft of this ledger: its drafts are in \(paths.lettersFolder)"))
                    continue
                }
                guard let bytes = try? FileSystem.readFile(path), let fields = Draft.fields(bytes) else {
                    out.refusals.append(Refusal(draft: path, reason: "not a draft due can record: its '<!-- due-letter: ... -->' line is missing; record the letter by hand"))
                    continue
                }
                chosen.append((path, bytes, fields))
            }
        } else {
            // Each client's drafts of its latest date: an older one was superseded. Two of one
            // date (a statement asked for beside the day's reminder) are both current, and only
            // the user knows which went: neither is guessed at.
            var read: [(path: String, bytes: [UInt8], fields: DraftFields)] = []
            var latest: [String: Day] = [:]
            for path in LetterFolder.drafts(in: paths.lettersFolder) {
                guard let bytes = try? FileSystem.readFile(path), let fields = Draft.fields(bytes) else {
                    out.skipped.append(Refusal(draft: path, reason: "no '<!-- due-letter: ... -->' line"))
                    continue
                }
                read.append((path, bytes, fields))
                out.drafted.insert(fields.client)
                latest[fields.client] = max(latest[fields.client] ?? fields.asOf, fields.asOf)
            }
            let current = Dictionary(grouping: read.filter { latest[$0.fields.client] == $0.fields.asOf }, by: \.fields.client)
            // An older draft the user edited, with no letter recorded since its date, is most
            // likely the one that went, in their words: which went is theirs to say, so none of
            // that client's drafts is guessed at.
            var editedOlder: [String: [Day]] = [:]
            for d in read where d.fields.asOf < latest[d.fields.client]! && !Draft.isUntouched(d.bytes)
                && !whole.letters.contains(where: { $0.client == d.fields.client && $0.date >= d.fields.asOf }) {
                editedOlder[d.fields.client, default: []].append(d.fields.asOf)
            }
            for d in read {
                let mine = current[d.fields.client] ?? []
                if let edited = editedOlder[d.fields.client] {
                    let days = Set(edited).sorted().map(\.description).joined(separator: ", ")
                    out.skipped.append(Refusal(draft: d.path, reason: "\(d.fields.client) has \(edited.count == 1 ? "a draft" : "drafts") you edited (\(days)) and a newer one (\(latest[d.fields.client]!)): record the one you sent by name ('due sent FILE DRAFT')"))
                } else if d.fields.asOf < latest[d.fields.client]! {
                    out.skipped.append(Refusal(draft: d.path, reason: "a newer draft for \(d.fields.client), of \(latest[d.fields.client]!), is recorded instead"))
                } else if mine.count > 1 {
                    let stages = mine.map { $0.fields.stage.title }
                    out.skipped.append(Refusal(draft: d.path, reason: "\(d.fields.client) has \(mine.count) drafts of \(d.fields.asOf) (\(stages.joined(separator: ", "))): record the ones you sent by name ('due sent FILE DRAFT...')"))
                } else {
                    chosen.append(d)
                }
            }
        }
        guard let asOf = chosen.map(\.fields.asOf).max() else { return out }

        // A draft was made with the payments returned by its date taken out, and only those
        // (grammar 3.6: before the day it came back a payment counts as paid), so it is judged
        // with the ledger as it read on that date. Dates with the same returns behind them
        // share one ledger.
        var ledgers: [Int: Ledger] = [:]
        func ledgerAsOf(_ day: Day) -> Ledger {
            let key = whole.returns.count(where: { $0.counts && $0.date <= day })
            if let known = ledgers[key] { return known }
            var dated = whole
            dated.takeOutReturnedPayments(by: day)
            ledgers[key] = dated
            return dated
        }
        var checkedLoad = load
        checkedLoad.ledger = ledgerAsOf(asOf)
        let checked = Checker.run(checkedLoad, asOf: asOf)
        out.errors = checked.diagnostics.filter { $0.severity == .error }
        if !out.errors.isEmpty { return out }

        // The balances as the ledger stands after its last entry, every return taken out: what
        // came since a draft's date (`overtaken`). Made once, when a draft recorded first asks.
        var standing: BalanceSheet?
        func latest() -> BalanceSheet {
            if let standing { return standing }
            var all = whole
            all.takeOutReturnedPayments()
            standing = BalanceEngine.balances(all, asOf: .last)
            return standing!
        }

        // Each client's letters, found once: searched for every draft, all the ledger's letters
        // were read drafts × letters times.
        let lettersOf = Dictionary(grouping: whole.letters, by: \.client)
        var clients: Set<String> = []
        var entries: [String] = []
        var records: [Recorded] = []
        var sheets: [Day: (sheet: BalanceSheet, refs: HeldLetter.Refs)] = [:]
        // The clients' stories on a date, told together for all its drafts (`ClientStory.all`):
        // told for each draft alone, each read the whole ledger, drafts × entries in all.
        var stories: [Day: [String: ClientStory]] = [:]
        // How many drafts of each date are still to be read: a date's stories go after its last.
        var draftsOn = Dictionary(grouping: chosen, by: \.fields.asOf).mapValues(\.count)
        func story(_ fields: DraftFields, _ ledger: Ledger, _ sheet: BalanceSheet) -> ClientStory? {
            let day = fields.asOf
            let alone = draftsOn[day, default: 0] < 2 && stories[day] == nil
            draftsOn[day, default: 1] -= 1
            defer { if draftsOn[day] == 0 { stories[day] = nil } }
            guard let client = ledger.client(fields.client) else { return nil }
            if alone { return ClientStory(client: client, ledger: ledger, sheet: sheet) }
            if stories[day] == nil {
                stories[day] = Dictionary(ClientStory.all(ledger, sheet: sheet).map { ($0.client.id, $0) }, uniquingKeysWith: { first, _ in first })
            }
            return stories[day]?[client.id]
        }
        // The drafts recorded, as read, for their forms to be made again.
        var recordedDrafts: [(path: String, bytes: [UInt8], fields: DraftFields)] = []
        for (path, draftBytes, fields) in chosen {
            guard clients.insert(fields.client).inserted else {
                out.refusals.append(Refusal(draft: path, reason: "another draft for \(fields.client) is recorded too: one letter per client"))
                continue
            }
            let ledger = ledgerAsOf(fields.asOf)
            if sheets[fields.asOf] == nil {
                let sheet = checked.sheet(asOf: fields.asOf, ledger: ledger)
                sheets[fields.asOf] = (sheet, HeldLetter.Refs(ledger: ledger, sheet: sheet))
            }
            let (sheet, refs) = sheets[fields.asOf]!
            let mine = lettersOf[fields.client] ?? []
            let emailMade = FileSystem.exists(LetterFolder.forms(of: path)[0])
            let letterEntry = { ledger.client(fields.client).map { entryText(fields, client: $0, emailMade: emailMade) } }
            if var refusal = judge(fields, ledger: ledger, sheet: sheet, refs: refs, story: story(fields, ledger, sheet), letters: mine, ledgerPath: ledgerPath, entry: { letterEntry()?.text }) {
                // With --all, a draft the ledger no longer bears out is passed over, named, and
                // the others recorded; named on the command line, it is refused.
                refusal.draft = path
                if drafts == nil { out.skipped.append(refusal) } else { out.refusals.append(refusal) }
                continue
            }
            let (text, channel) = letterEntry()!
            entries.append(text)
            let note = staleDeadline(fields, draft: draftBytes, settings: ledger.settings, today: today)
            // The ledger bears the letter out on its date, when it went: what came since does
            // not make it less true, but the user is told, in case it has not gone yet.
            let since = overtaken(fields, ledger: ledger, then: sheet, now: latest())
            records.append(Recorded(draft: path, movedTo: path, fields: fields, channel: channel, entry: text, note: note, since: since))
            recordedDrafts.append((path, draftBytes, fields))
        }
        // Nothing to add (every draft passed over): the ledger is not written again.
        if !out.refusals.isEmpty || records.isEmpty { return out }

        guard let main = whole.files.first else { return out }
        let bytes = appended(main.bytes.array, entries)
        // What will be written must check as cleanly as what was read.
        let appendedLoad = LedgerLoader.load(bytes: bytes, path: ledgerPath)
        var reread = appendedLoad
        reread.ledger.takeOutReturnedPayments(by: asOf)
        let after = Checker.run(reread, asOf: asOf)
        if let e = after.diagnostics.first(where: { $0.severity == .error }) {
            out.refusals.append(Refusal(draft: ledgerPath, reason: "the new entries would not check: \(e.message)"))
            return out
        }
        // Another program may have written the ledger since it was read.
        guard (try? FileSystem.readFile(ledgerPath)) == main.bytes.array else {
            out.refusals.append(Refusal(draft: ledgerPath, reason: "the ledger changed on disk while due sent ran; run it again"))
            return out
        }
        // The forms are kept in `sent/` for good, so they go there as the draft gives them, and
        // synced: a report writes them unsynced (`Durability.remade`), and one a crash cut short
        // is made again here rather than kept. Only the forms there are: one the user removed
        // stays removed.
        try LetterFolder.refreshForms(recordedDrafts, ledger: whole)
        try SafeFileWriter.write(bytes, to: ledgerPath)
        for k in records.indices {
            records[k].movedTo = try LetterFolder.move(records[k].draft, into: LetterFolder.sentFolder(paths.lettersFolder))
        }
        out.recorded = records
        written = appendedLoad
        return out
    }

    /// The `letter` entry that stands for a draft, in canonical layout, and the channel it
    /// names: the draft's date, client, stage and invoices, how it went and to whom.
    /// `emailMade`: whether an `.eml` was made beside the draft.
    static func entryText(_ fields: DraftFields, client: Client, emailMade: Bool) -> (text: String, channel: String) {
        let channel = channel(client: client, emailMade: emailMade)
        var entry = EntryText()
        entry.entry(.letter, on: fields.asOf, "\(fields.client) \(fields.stage.rawValue)")
        if !fields.invoices.isEmpty { entry.detail(.invoices, fields.invoices.joined(separator: " ")) }
        entry.detail(.channel, channel)
        entry.detail(.to, recipient(client: client, channel: channel))
        return (String(decoding: entry.printed(), as: UTF8.self), channel)
    }

    /// How few working days before the pay-by date a draft sent late is worth a word.
    static let nearDeadline = 3

    /// A draft is recorded with its own date (the date the letter bears), however late it
    /// goes; one that asks for payment by a date (`reply-days` after its own, as it says) that
    /// is `nearDeadline` working days or fewer from `today`, or past, would give the client
    /// next to no time, or a day gone: the user is told so, and the letter is still recorded.
    /// Nil for a draft of `today` or later, one that asks for no money, or one whose text no
    /// longer gives that date (edited).
    static func staleDeadline(_ fields: DraftFields, draft: [UInt8], settings: Settings, today: Day) -> String? {
        guard fields.asOf < today, fields.stage.asksForMoney else { return nil }
        let payBy = settings.replyBy(fields.asOf), said = payBy.longDescription
        guard String(decoding: draft, as: UTF8.self).contains("by \(said)") else { return nil }
        var working = 0
        var day = today
        while day < payBy && working <= nearDeadline {
            day = day.adding(days: 1)
            if settings.workingDay(day) == day { working += 1 }
        }
        guard working <= nearDeadline else { return nil }
        let days = payBy.days(since: today)
        let when = days > 0 ? "\(Plural.count(days, "day")) from today" : days == 0 ? "today" : "\(Plural.count(-days, "day")) ago"
        return "This draft asks for payment by \(said), \(when): if you send it now, consider `due letters` for a fresh draft."
    }

    /// Why the draft no longer stands for the letter the ledger gives on its date, if it does not.
    /// `story`: the client's on that date (nil when the ledger has no such client); `later`:
    /// the client's letters on or after it, in the ledger's order.
    /// `refs`: what the payments' refs say on the draft's date (`HeldLetter.Refs`).
    static func staleness(_ fields: DraftFields, ledger: Ledger, sheet: BalanceSheet, refs: HeldLetter.Refs, story: ClientStory?, later: [LetterSent]) -> String? {
        guard let story else { return "the ledger has no client '\(fields.client)'" }
        if let same = later.first(where: { $0.date == fields.asOf && $0.stage == fields.stage }) {
            return "already recorded: the ledger has '\(same.date) letter \(same.client) \(same.stage.rawValue)'"
        }
        if let l = later.first {
            return "out of date: the ledger has a \(l.stage.title) to \(l.client) on \(l.date), on or after this draft's date"
        }
        // Only this client's story is read again: the others' do not change its letter.
        let choice = fields.stage == .statement ? LetterJob.statementChoice(story) : StageChooser.choose(story, ledger: ledger, sheet: sheet)
        guard choice.stage == fields.stage else {
            return "the ledger changed since the draft was made: on \(fields.asOf) \(fields.client) no longer gets a \(fields.stage.title); run due letters again"
        }
        // A draft that asks for what a payment's ref says it paid is not recorded as if it
        // had gone right: the ledger must say what the payment paid first (W425).
        if let why = HeldLetter.why(story, ledger: ledger, sheet: sheet, refs: refs) { return "held: \(why)" }
        let values = LetterFields.values(stage: fields.stage, choice: choice, story: story, ledger: ledger, sheet: sheet)
        let now = LetterJob.draftFields(stage: fields.stage, choice: choice, values: values, ledger: ledger, asOf: fields.asOf)
        // One digest of all the facts cannot say which differs; but when the letter today,
        // less a part or two, gives the draft's, the draft only lacks those parts: most often
        // added by a later version of due than the one that drafted it.
        if now.facts != fields.facts, now.invoices == fields.invoices, let missing = LetterJob.factsMissing(from: fields.facts, stage: fields.stage, values: values) {
            return LetterJob.lackingWords(missing) + "; run due letters (or due report) again to draft it anew"
        }
        if now.facts != fields.facts || now.invoices != fields.invoices {
            return "the ledger changed since the draft was made: amounts, invoices or contacts in the letter no longer match; run due letters again"
        }
        return nil
    }

    /// What came after the draft's date to the invoices it asks for: money paid, credited or
    /// written off, a dispute raised (`F26-074 was paid in full on 2026-07-03`; the callers say
    /// after what). Nil when nothing did. A draft is the letter of its date, and the ledger
    /// still bears it out on that date; but sent now it would ask for money paid since, and
    /// recorded now it may be one that never went: `due` cannot tell, so it says what changed.
    /// `then`: the balances on the draft's date, the ledger as it stood then; `now`: later ones.
    public static func overtaken(_ fields: DraftFields, ledger: Ledger, then: BalanceSheet, now: BalanceSheet) -> String? {
        var said: [String] = []
        for number in fields.invoices {
            guard let i = ledger.invoiceIndex[number] else { continue }
            let was = then.invoices[i], stands = now.invoices[i]
            func money(_ minor: Int64) -> String { Money(minor: minor, currency: ledger.invoices[i].currency).description }
            let how = [(stands.paid > was.paid, "paid"), (stands.credited > was.credited, "credited"), (stands.writtenOff > was.writtenOff, "written off")].filter(\.0).map(\.1)
            if was.asked > 0, stands.asked == 0, !how.isEmpty {
                said.append("\(number) was \(Plural.list(how)) in full" + (stands.settled.map { " on \($0)" } ?? ""))
            } else if stands.asked < was.asked, !how.isEmpty {
                said.append("\(money(was.asked - stands.asked)) of \(number) was \(Plural.list(how)) (\(money(stands.asked)) is still open)")
            }
            if then.openDispute(number) == nil, let query = now.openDispute(number) {
                said.append("\(number) was disputed on \(query.since)")
            }
        }
        return said.isEmpty ? nil : Plural.list(said)
    }

    /// `due sent`'s note beside a letter it recorded whose invoices money or a query reached
    /// after its date (`overtaken`): recorded, it stands for a letter that went on its date; if
    /// none did, the entry is untrue and the draft asks for what is no longer owed.
    public static func overtakenNote(_ why: String) -> String {
        "Note: \(why), after this letter's date; if the letter has not gone yet, do not send it: take its entry out of the ledger and run 'due letters' for one that fits today"
    }

    /// Who a letter sent by `channel` goes to, as its `to` line records it: by email, the
    /// addresses of the client's `email` line with their names, as the email's `To` header has
    /// them (`Sam Quinn <ap@quinn.example>`); by post, or with no address an email can take,
    /// the person it is for the attention of (the contact, else the client's name). A later
    /// change of contact or address then leaves a trace of who had each letter.
    public static func recipient(client: Client, channel: String) -> String {
        let person = client.contact ?? client.name
        guard channel == "email", let to = client.email.flatMap(LetterEmail.recipients) else { return person }
        return to.enumerated().map { k, r in (r.name ?? (k == 0 ? person : nil)).map { "\($0) <\(r.address)>" } ?? r.address }.joined(separator: ", ")
    }

    /// `email` when an email was made for the draft and the client takes email (its `channel`
    /// says so, or it names none); otherwise `post`.
    public static func channel(client: Client, emailMade: Bool) -> String {
        guard emailMade else { return "post" }
        guard let stated = client.channel else { return "email" }
        return namesEmail(stated) ? "email" : "post"
    }

    /// Whether a client's `channel` names email (`email`, `e-mail`, in any case).
    static func namesEmail(_ channel: String) -> Bool {
        let stated = channel.lowercased()
        return stated.contains("email") || stated.contains("e-mail")
    }

    /// The ledger's bytes with the entries after them, one blank line before each; the bytes
    /// already there are kept as they are (a missing last line end is added). The lines added
    /// end as the file's last line does: CR LF in a file saved on Windows, so that one file
    /// does not end in two kinds of line.
    static func appended(_ original: [UInt8], _ entries: [String]) -> [UInt8] {
        var out = original
        let crlf = original.lastIndex(of: 0x0A).map { $0 > 0 && original[$0 - 1] == 0x0D } ?? false
        let lineEnd: [UInt8] = crlf ? [0x0D, 0x0A] : [0x0A]
        for e in entries {
            if !out.isEmpty {
                if out.last != 0x0A { out += lineEnd }
                if !out.hasBlankLineAtEnd { out += lineEnd }
            }
            for byte in e.utf8 {
                if byte == 0x0A { out += lineEnd } else { out.append(byte) }
            }
        }
        return out
    }
}

extension Array where Element == UInt8 {
    /// True when the text ends in an empty line (or one of spaces and tabs).
    var hasBlankLineAtEnd: Bool {
        guard last == 0x0A else { return false }
        var k = count - 2
        while k >= 0, self[k] == 0x20 || self[k] == 0x09 || self[k] == 0x0D { k -= 1 }
        return k < 0 || self[k] == 0x0A
    }
}
