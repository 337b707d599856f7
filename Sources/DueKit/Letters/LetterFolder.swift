import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The letters folder beside a ledger: today's drafts with their email and print forms, drafts
/// the user edited, `sent/` for the ones recorded with `due sent`, and `superseded/` for
/// untouched ones a later run replaced, never recorded (they may have gone all the same).
public enum LetterFolder {
    /// The forms made from a draft, beside it: `NAME.eml` and `NAME.html` for `NAME.md`.
    public static func forms(of draft: String) -> [String] {
        let stem = draft.hasSuffix(".md") ? String(draft.dropLast(3)) : draft
        return [stem + ".eml", stem + ".html"]
    }

    public static func sentFolder(_ letters: String) -> String { FileSystem.join(letters, "sent") }

    public static func supersededFolder(_ letters: String) -> String { FileSystem.join(letters, "superseded") }

    /// The drafts (`*.md`) directly in `folder`, by name; none when it does not exist.
    public static func drafts(in folder: String) -> [String] {
        var names: [String] = []
        for entry in FileSystem.entries(in: folder) where entry.name.hasSuffix(".md") && !entry.name.hasPrefix(".") {
            let path = FileSystem.join(folder, entry.name)
            // The entry says what it is on most file systems; asked of the file only where it
            // does not (or is a link, which may lead to a folder): a report's folder holds
            // thousands of drafts.
            switch entry.kind {
            case .regular: names.append(path)
            case .folder: break
            case .other, .unsaid: if !FileSystem.isDirectory(path) { names.append(path) }
            }
        }
        return names.sorted()
    }

    /// Email and print forms in `folder` that `due` made for a draft no longer beside them, by
    /// name. A form is known as ours by what we write at its head: an email's Message-ID
    /// `<due.…>`, a page's `<meta name="generator" content="due">`.
    static func orphanForms(in folder: String) -> [String] {
        var names: Set<String> = []
        var forms: [String] = []
        for entry in FileSystem.entries(in: folder) where !entry.name.hasPrefix(".") {
            names.insert(entry.name)
            if entry.kind != .folder && (entry.name.hasSuffix(".eml") || entry.name.hasSuffix(".html")) { forms.append(entry.name) }
        }
        return forms.filter { name in
            let stem = name.hasSuffix(".eml") ? name.dropLast(4) : name.dropLast(5)
            guard !names.contains(stem + ".md") else { return false }
            guard let bytes = try? FileSystem.readFile(FileSystem.join(folder, name)) else { return false }
            guard name.hasSuffix(".eml") else { return String(decoding: bytes.prefix(2048), as: UTF8.self).contains("<meta name=\"generator\" content=\"due\">") }
            // Read as bytes: the lines end in CRLF, and the header may be folded onto the next
            // line when the id is long.
            let b = Array(bytes.prefix(2048)), key = Array("\nMessage-ID:".utf8), mark = Array("<due.".utf8)
            guard let at = (0...max(0, b.count - key.count)).first(where: { b[$0...].starts(with: key) }) else { return false }
            return b[(at + key.count)...].drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }.starts(with: mark)
        }.sorted().map { FileSystem.join(folder, $0) }
    }

    /// Moves a draft and its forms into `folder` (`sent/` or `superseded/` of the letters
    /// folder); returns the draft's new path.
    @discardableResult
    public static func move(_ draft: String, into folder: String) throws(WriteError) -> String {
        try SafeFileWriter.makeDirectory(folder)
        var moved = draft
        for path in [draft] + forms(of: draft) where FileSystem.exists(path) {
            let target = FileSystem.join(folder, FileSystem.fileName(of: path))
            if rename(path, target) != 0 { throw WriteError(path: target, reason: String(cString: strerror(errno))) }
            if path == draft { moved = target }
        }
        return moved
    }

    /// Writes the email (when both sides have an address) and the print letter for a draft,
    /// from the draft's bytes as they stand; returns the forms written or already up to date.
    /// An email form left from before (the client's address since removed) is deleted. The
    /// caller removes the folder's stale temporaries first (`SafeFileWriter.removeStaleTemporaries`),
    /// once for all the drafts whose forms it writes.
    public static func writeForms(draft path: String, bytes: [UInt8], fields: DraftFields, ledger: Ledger) throws(WriteError) -> [String] {
        try write(Forms(bytes: bytes, fields: fields, ledger: ledger), draft: path)
    }

    /// A draft's email and print forms, made and not yet written: many drafts' forms can be
    /// made side by side and then written one after another.
    struct Forms: Sendable {
        /// Nil when the message cannot be addressed.
        var email: [UInt8]?
        var print: [UInt8]

        /// Nil when the ledger has no such client.
        init?(bytes: [UInt8], fields: DraftFields, ledger: Ledger) {
            self.init(text: String(decoding: bytes, as: UTF8.self), fields: fields, ledger: ledger)
        }

        /// `digest`: `Digest.fnv1a64(text)` when the caller has it.
        init?(text: String, digest: String? = nil, fields: DraftFields, ledger: Ledger) {
            guard let client = ledger.client(fields.client) else { return nil }
            // Read once for both forms, and the body written as HTML once when it has no
            // heading (the email's start at h1, the printed letter's at h2, under its subject).
            let layout = LetterLayout(LetterMarkdown(text), senderName: ledger.sender?.name, clientName: client.addressee)
            var body: [UInt8]?
            if !layout.body.contains(where: { if case .heading = $0 { true } else { false } }) {
                var html = ByteText()
                LetterMarkdown(blocks: layout.body).html(letter: true, into: &html)
                body = html.bytes
            }
            email = LetterEmail.message(draft: text, digest: digest, layout: layout, bodyHTML: body, fields: fields, sender: ledger.sender, client: client)
            print = PrintLetter.bytes(layout: layout, bodyHTML: body, fields: fields, sender: ledger.sender, client: client)
        }

        /// The forms of `count` drafts, the `k`th as `make(k)` makes it, made on both cores.
        static func sideBySide(_ count: Int, _ make: @Sendable (Int) -> Forms?) -> [Forms?] {
            var made = [Forms?](repeating: nil, count: count)
            made.withUnsafeMutableBufferPointer { slots in
                let slots = UnsafeSendable(slots)
                DispatchQueue.concurrentPerform(iterations: min(2, count)) { lane in
                    for k in stride(from: lane, to: count, by: 2) { slots.value[k] = make(k) }
                }
            }
            return made
        }
    }

    /// Makes again, from each draft's bytes and synced, those of its forms that are beside the
    /// draft: before `due sent` moves them into `sent/` for good. A form that already holds
    /// these bytes is left as it is. The forms are made on both cores, a batch at a time, so
    /// recording thousands of drafts neither waits on one core nor holds all their forms.
    static func refreshForms(_ drafts: [(path: String, bytes: [UInt8], fields: DraftFields)], ledger: Ledger) throws(WriteError) {
        for start in stride(from: 0, to: drafts.count, by: 128) {
            let batch = Array(drafts[start..<min(start + 128, drafts.count)])
            let made = Forms.sideBySide(batch.count) { k in Forms(bytes: batch[k].bytes, fields: batch[k].fields, ledger: ledger) }
            for (k, d) in batch.enumerated() {
                for f in files(made[k], draft: d.path).write where FileSystem.exists(f.path) {
                    try SafeFileWriter.replace(f.bytes, at: f.path)
                }
            }
        }
    }

    /// Writes forms made by `Forms` beside the draft at `path` (none when `forms` is nil).
    static func write(_ forms: Forms?, draft path: String) throws(WriteError) -> [String] {
        let files = self.files(forms, draft: path)
        for f in files.write { try SafeFileWriter.replace(f.bytes, at: f.path, durability: .remade) }
        if let stale = files.stale { try removeIfPresent(stale) }
        return files.write.map(\.path)
    }

    /// The files of forms made by `Forms` beside the draft at `path`, email first, for the
    /// caller to write, and an email form left from before that no email replaces (the
    /// client's address since removed), for the caller to delete once the others are written.
    static func files(_ forms: Forms?, draft path: String) -> (write: [(path: String, bytes: [UInt8])], stale: String?) {
        guard let forms else { return ([], nil) }
        let paths = self.forms(of: path)
        guard let eml = forms.email else { return ([(paths[1], forms.print)], paths[0]) }
        return ([(paths[0], eml), (paths[1], forms.print)], nil)
    }

    /// Deletes the file at `path` if there is one.
    static func removeIfPresent(_ path: String) throws(WriteError) {
        if FileSystem.exists(path), unlink(path) != 0 {
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
