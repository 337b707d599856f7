import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What formatting one file came to.
public struct FormatOutcome: Sendable {
    public enum Status: Sendable, Equatable {
        /// Already canonical: nothing to write.
        case unchanged
        /// `formatted` differs from the input and has been checked to mean the same.
        case changed
        /// The input has errors (in `diagnostics`); it is left alone.
        case invalid
        /// The formatted text would not mean the same as the input: a bug in the formatter,
        /// reported rather than written.
        case unsafe(String)
    }

    public var status: Status
    public var file: SourceFile
    public var diagnostics: [Diagnostic]
    /// The canonical text; the input itself when it is unchanged, invalid or unsafe.
    public var formatted: SourceBytes
}

/// What rewriting one file in place came to (`FileFormatter.rewrite`): as `FormatOutcome`,
/// without the text, which went to the file part by part as each was proved.
public struct RewriteOutcome: Sendable {
    public var status: FormatOutcome.Status
    public var file: SourceFile
    public var diagnostics: [Diagnostic]
}

/// Formats one file end to end: refuses a file with errors, formats it, and proves the result
/// means what the input meant before anyone writes it.
///
/// The file is cut into parts (`FormatParts`) that are checked, printed and proved on every
/// core at once, each on its own: memory holds a few parts' trees and ledgers, not the whole
/// file's. A part printed back to its own bytes needs no proof (nothing in it changes). The
/// parts are handed on in file order as they are done: joined into one text (`format`), or
/// written to the file's temporary copy (`rewrite`), which replaces the file only once every
/// part is proved.
public enum FileFormatter {
    /// What `formatted` changes of `source` that a diff would show as lines alike: the byte
    /// order mark at the start dropped, line endings changed from CRLF to LF.
    public struct UnseenChanges: Sendable, Equatable {
        /// The source starts with a byte order mark, which the formatted text drops.
        public var byteOrderMark: Bool
        /// How many line endings change from CRLF to LF.
        public var lineEndings: Int
    }

    /// What `formatted` changes of `source`, when it changes nothing but a byte order mark at
    /// the start and line endings from CRLF to LF; nil when it changes anything else, or nothing.
    public static func onlyUnseenChanges(_ source: SourceBytes, _ formatted: SourceBytes) -> UnseenChanges? {
        let mark = startsWithByteOrderMark(source)
        return source.withUnsafeBufferPointer { a in
            formatted.withUnsafeBufferPointer { b -> UnseenChanges? in
                var i = mark ? 3 : 0, j = 0, changed = 0
                while i < a.count && j < b.count {
                    if a[i] == b[j] { i += 1; j += 1; continue }
                    // A carriage return before a line feed, dropped.
                    guard a[i] == 0x0D, i + 1 < a.count, a[i + 1] == 0x0A, b[j] == 0x0A else { return nil }
                    i += 1
                    changed += 1
                }
                return i == a.count && j == b.count && (changed > 0 || mark) ? UnseenChanges(byteOrderMark: mark, lineEndings: changed) : nil
            }
        }
    }

    /// Whether the text starts with a UTF-8 byte order mark (U+FEFF), which `fmt` drops.
    public static func startsWithByteOrderMark(_ source: SourceBytes) -> Bool {
        source.withUnsafeBufferPointer { $0.count >= 3 && $0[0] == 0xEF && $0[1] == 0xBB && $0[2] == 0xBF }
    }

    public static func format(bytes: [UInt8], path: String) -> FormatOutcome {
        format(source: SourceBytes(bytes), path: path)
    }

    public static func format(source: SourceBytes, path: String) -> FormatOutcome {
        format(source: source, path: path, cuts: FormatParts.cuts(source))
    }

    /// Formats the parts between `cuts` (`0`, places `FormatParts` may cut, the end) at once.
    static func format(source: SourceBytes, path: String, cuts: [Int]) -> FormatOutcome {
        let file = SourceFile(id: 0, path: path, source: source)
        var texts = [[UInt8]?](repeating: nil, count: cuts.count - 1)
        let parts = formatParts(file, cuts: cuts) { k, part in texts[k] = part.text }
        let status = verdict(parts)
        switch status {
        case .invalid: return invalid(file)
        case .changed: return FormatOutcome(status: status, file: file, diagnostics: [], formatted: SourceBytes(join(&texts, cuts: cuts, source: source)))
        case .unchanged, .unsafe: return FormatOutcome(status: status, file: file, diagnostics: [], formatted: source)
        }
    }

    /// `due fmt FILE`: formats `source`, the bytes of the file at `path`, and replaces that file
    /// with the result (through `SafeFileWriter`, keeping its mode and links). Each part's text
    /// is written to the temporary file once it and the parts before it are proved, so the new
    /// text is never held whole and the writing overlaps the work on later parts; the rename
    /// waits for the last part. A file with errors, or a result that would mean something
    /// else, leaves the file as it is and its temporary copy removed.
    public static func rewrite(source: SourceBytes, path: String) throws(WriteError) -> RewriteOutcome {
        try rewrite(source: source, path: path, cuts: FormatParts.cuts(source))
    }

    /// `misprint`: what a printer with a bug would do to part `k`'s printing, for tests that
    /// the proof refuses it wherever it is.
    static func rewrite(source: SourceBytes, path: String, cuts: [Int], misprint: Misprint? = nil) throws(WriteError) -> RewriteOutcome {
        let file = SourceFile(id: 0, path: path, source: source)
        var writer = PartWriter(path: path, source: source)
        let parts = formatParts(file, cuts: cuts, misprint: misprint) { k, part in writer.take(part, cuts[k]..<cuts[k + 1]) }
        let status = verdict(parts)
        switch status {
        case .invalid:
            writer.abandon()
            let outcome = invalid(file)
            return RewriteOutcome(status: .invalid, file: file, diagnostics: outcome.diagnostics)
        case .unsafe, .unchanged:
            writer.abandon()
        case .changed:
            try writer.finish()
        }
        return RewriteOutcome(status: status, file: file, diagnostics: [])
    }

    /// The outcome the parts come to, whatever was done with their texts: errors in any part
    /// (a second `settings` or `sender` in another part is E121, as in one part) before a
    /// difference in the first part that has one.
    static func verdict(_ parts: [Part]) -> FormatOutcome.Status {
        if parts.contains(where: \.hasErrors) || parts.count(where: \.hasSettings) > 1 || parts.count(where: \.hasSender) > 1 {
            return .invalid
        }
        if let difference = parts.lazy.compactMap(\.difference).first { return .unsafe(difference) }
        return parts.contains(where: \.changes) ? .changed : .unchanged
    }

    /// Checks, prints and proves the parts between `cuts`, one worker a core, and hands each
    /// part, with its canonical text, to `take` in file order, on the calling thread, as soon
    /// as that part and every part before it are done. Returns what each part came to,
    /// without its text.
    static func formatParts(_ file: SourceFile, cuts: [Int], cores: Int = ParallelParse.cores, misprint: Misprint? = nil, take: (Int, Part) -> Void) -> [Part] {
        let n = cuts.count - 1
        let workers = min(n, cores)
        let handOff = PartHandOff(n, ahead: 2 * workers + 2)
        // A part that changes much is proved whole, against the whole meaning of the part:
        // what the printing pass reads, when it sets aside what entries do not keep, else a
        // reading of the part again. Setting aside costs a part that prints as it is (most
        // of a file kept in shape) a little time for nothing, and the parts of one file tend
        // to be alike, so a worker sets aside after a part that changed much, and for its
        // first part: a file far from its shape then reads no part twice, and a file in shape
        // pays little on one part a worker. A part expected to change much is printed whole
        // (`formatPart`), except a worker's first: a file in shape would hold its copy for
        // nothing, and a file far from it joins one part a worker.
        //
        // Each worker takes the next part when it is free (a core busy with another program
        // then takes fewer parts rather than holding up the end) and reads them all into one
        // ledger emptied in between: a fresh ledger a part made the system clear new pages for
        // its arrays every few megabytes. `done`: called after each part.
        @Sendable func work(_ done: (Int) -> Void) {
            var scratch = Ledger()
            // What a part's text reads back to, emptied for each part as `scratch` is.
            var readBack = Ledger()
            // Nil before the worker's first part.
            var changedMuch: Bool?
            while let k = handOff.take() {
                let part = formatPart(
                    file, cuts[k]..<cuts[k + 1], followsText: k > 0, headerFollows: k < n - 1, setsAside: changedMuch ?? true, printsWhole: changedMuch ?? false,
                    into: &scratch, readingBackInto: &readBack, misprint: misprint.map { m in { m(k, &$0) } })
                changedMuch = part.changedMuch
                handOff.finish(k, part)
                done(k)
            }
        }
        if workers <= 1 {
            // One worker, this thread: each part is handed on as soon as it is done, or the
            // worker would wait for room that only handing on makes.
            work { k in take(k, handOff.handOn(k)) }
            return handOff.parts
        }
        for _ in 0..<workers { DispatchQueue.global().async(group: handOff.working) { work { _ in } } }
        for k in 0..<n { take(k, handOff.handOn(k)) }
        handOff.working.wait()
        return handOff.parts
    }

    /// Changes part `k`'s printing (`rewrite`'s `misprint`).
    typealias Misprint = @Sendable (_ k: Int, _ printing: inout FormatChanges) -> Void

    /// What one part came to.
    struct Part {
        var hasErrors = false
        var hasSettings = false
        var hasSender = false
        /// The part prints otherwise than its bytes.
        var changes = false
        /// The part's canonical text, until it is handed on; nil when it is its own bytes.
        var text: [UInt8]?
        /// What the part's text would change, when it would.
        var difference: String?
        /// A third or more of it printed otherwise (`FormatChanges.changeMuch`).
        var changedMuch = false
        /// Nothing in it stops the file being written: no errors, and its text proved.
        var proved: Bool { !hasErrors && difference == nil }
    }

    /// The parts between the workers and the thread that hands them on: which part a worker
    /// takes next, and each part once done. Workers run at most `ahead` parts ahead of the part
    /// handed on last, so that the texts waiting for a slow part stay a few.
    final class PartHandOff: @unchecked Sendable {
        let working = DispatchGroup()
        /// One slot a part, written by the one worker that took it and read after its `done`.
        private let slots: UnsafeMutableBufferPointer<Part>
        private var next = 0
        private let lock = DispatchQueue(label: "due.fmt.parts")
        private let done: [DispatchSemaphore]
        private let room: DispatchSemaphore

        init(_ count: Int, ahead: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: Part())
            done = (0..<count).map { _ in DispatchSemaphore(value: 0) }
            room = DispatchSemaphore(value: ahead)
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }

        /// What every part came to, once all are done.
        var parts: [Part] { Array(slots) }

        /// The number of the next part to format, nil when all are taken.
        func take() -> Int? {
            room.wait()
            let k: Int? = lock.sync {
                guard next < slots.count else { return nil }
                next += 1
                return next - 1
            }
            if k == nil { room.signal() }
            return k
        }

        /// Part `k` is done.
        func finish(_ k: Int, _ part: Part) {
            slots[k] = part
            done[k].signal()
        }

        /// Part `k` once it is done, with its text, which the slot gives up.
        func handOn(_ k: Int) -> Part {
            done[k].wait()
            let part = slots[k]
            slots[k].text = nil
            room.signal()
            return part
        }
    }

    /// `original`: where the part's entries are read (emptied first). `setsAside`: whether the
    /// printing pass sets aside what entries do not keep (`FormatVerifier.readPrinting`).
    /// `printsWhole`: whether the printing keeps every stretch (for a part expected to change
    /// much), so that the text of a part that does change much is the printing itself rather
    /// than a copy joined from its changed stretches and its bytes.
    static func formatPart(
        _ file: SourceFile, _ span: Range<Int>, followsText: Bool, headerFollows: Bool, setsAside: Bool, printsWhole: Bool = false, into original: inout Ledger,
        readingBackInto readBack: inout Ledger, misprint: ((inout FormatChanges) -> Void)? = nil
    ) -> Part {
        var part = Part()
        // A mapped file's pages of this part leave memory once it is done with (they are read
        // back from the page cache if the part is copied into the result).
        defer { file.bytes.release(span) }
        var diagnostics: [Diagnostic] = []
        UTF8Check.diagnose(file, in: span, into: &diagnostics)
        var changes = FormatVerifier.readPrinting(
            file, span, followsText: followsText, headerFollows: headerFollows, setsAside: setsAside, keepingSame: printsWhole, into: &original, diagnostics: &diagnostics)
        misprint?(&changes)
        part.hasSettings = original.settings.range != nil
        part.hasSender = original.sender != nil
        part.hasErrors = diagnostics.contains { $0.severity == .error }
        guard !part.hasErrors, !changes.stretches.isEmpty else { return part }
        part.changes = true
        part.changedMuch = changes.changeMuch
        // Printed whole, the printing is the text when the proof reads all of it back (as it
        // does when much changes); when little changes only the changed stretches are proved,
        // so the rest of the text is taken from the bytes, as when the printing kept only those.
        let text = printsWhole && part.changedMuch ? changes.text : file.bytes.withUnsafeBufferPointer { changes.joined(with: $0) }
        part.difference = prove(changes, of: file, original: {
            if setsAside { return original }
            var d: [Diagnostic] = []
            return FormatVerifier.meaning(of: file, in: span, diagnostics: &d)
        }, text: text, readingBackInto: &readBack)
        part.text = text
        return part
    }

    /// What the part's canonical `text` would change, nil when nothing. Where little changes,
    /// only the changed stretches are read again, each beside its own bytes; where much does,
    /// the whole text is read once and compared with the whole part, read again.
    /// `original`: the part's whole meaning, wanted only when much changes.
    static func prove(_ changes: FormatChanges, of file: SourceFile, original: () -> Ledger, text: [UInt8]) -> String? {
        var readBack = Ledger()
        return prove(changes, of: file, original: original, text: text, readingBackInto: &readBack)
    }

    /// The same, the whole text read into `readBack` (emptied first, keeping its arrays'
    /// storage: a fresh ledger a part made the system clear new pages for it).
    static func prove(_ changes: FormatChanges, of file: SourceFile, original: () -> Ledger, text: [UInt8], readingBackInto readBack: inout Ledger) -> String? {
        guard !changes.changeMuch else {
            let comments = changes.comments ?? CommentTexts(file.bytes, changes.span)
            return FormatVerifier.difference(original: original(), originalComments: comments, formatted: text, path: file.path, readingInto: &readBack)
        }
        // Neighbouring stretches are read as one.
        var k = 0
        let stretches = changes.stretches
        while k < stretches.count {
            var j = k
            while j + 1 < stretches.count && stretches[j + 1].source.lowerBound == stretches[j].source.upperBound { j += 1 }
            let printed = Array(changes.text[stretches[k].printed.lowerBound..<stretches[j].printed.upperBound])
            if let d = FormatVerifier.difference(of: file, stretches[k].source.lowerBound..<stretches[j].source.upperBound, formatted: printed) { return d }
            k = j + 1
        }
        return nil
    }

    /// The parts' texts in order, each part's given up as soon as it is copied.
    static func join(_ texts: inout [[UInt8]?], cuts: [Int], source: SourceBytes) -> [UInt8] {
        // A freed text goes back to the C allocator's pools, which keep it: handed back to the
        // system (glibc's `malloc_trim`, looked up as Swift does not import it), the parts and
        // the whole are not held at once.
        #if canImport(Glibc)
        let trim = dlsym(nil, "malloc_trim").map { unsafeBitCast($0, to: (@convention(c) (Int) -> Int32).self) }
        #else
        let trim: ((Int) -> Int32)? = nil
        #endif
        var total = 0
        for k in texts.indices { total += texts[k]?.count ?? cuts[k + 1] - cuts[k] }
        return [UInt8](unsafeUninitializedCapacity: total) { out, written in
            var at = 0
            for k in texts.indices {
                if let text = texts[k] {
                    texts[k] = nil
                    text.withUnsafeBufferPointer { t in
                        guard let p = t.baseAddress else { return }
                        (out.baseAddress! + at).update(from: p, count: t.count)
                    }
                    at += text.count
                    _ = trim?(0)
                } else {
                    let span = cuts[k]..<cuts[k + 1]
                    source.withUnsafeBufferPointer { b in
                        guard !span.isEmpty else { return }
                        (out.baseAddress! + at).update(from: b.baseAddress! + span.lowerBound, count: span.count)
                    }
                    at += span.count
                }
            }
            written = at
        }
    }

    /// The outcome for a file with errors: read again whole, with positions, to say where.
    static func invalid(_ file: SourceFile) -> FormatOutcome {
        var diagnostics: [Diagnostic] = []
        UTF8Check.diagnose(file, into: &diagnostics)
        _ = parse(file, diagnostics: &diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }
        return FormatOutcome(status: .invalid, file: file, diagnostics: errors.sortedForDisplay(), formatted: file.bytes)
    }

    /// The file's own entries; its includes are not followed (each file is formatted alone).
    static func parse(_ file: SourceFile, diagnostics: inout [Diagnostic]) -> Ledger {
        var ledger = Ledger()
        var order = 0
        LedgerParser.parse(file, into: &ledger, diagnostics: &diagnostics, order: &order)
        return ledger
    }
}
