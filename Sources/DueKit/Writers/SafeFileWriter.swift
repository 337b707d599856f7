#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output could not be written: the path and the system's reason.
public struct WriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write '\(path)': \(reason)" }
}

/// Writes every output through a temporary file in the same folder and a rename, so a reader
/// (or a crash, or a full disk) sees the old file or the new one, never half of one.
///
/// The file keeps its identity: a symbolic link is followed and its target replaced (the link
/// stays a link); the new file gets the old one's permissions, and its owner and group where
/// the system allows. A read-only file, or one with other hard links (which a rename would
/// silently cut off), is refused with a message rather than replaced. Temporary files left by
/// a run that was killed (`.NAME.tmp-XXXXXX`) are removed by a later write into that folder,
/// once they are ten minutes old.
public enum SafeFileWriter {
    public enum Outcome: Sendable, Equatable { case written, unchanged }

    /// Whether an output waits for the disk before it is put in place. Either way a reader
    /// sees the old file or the whole new one; the two differ after a crash of the machine.
    public enum Durability: Sendable, Equatable {
        /// Synced before the rename: after a crash the file is the old one or the whole new
        /// one. The default, for what must come through a crash whole: the ledger, imports and
        /// exports, a draft, whose digest tells due's own text from the user's (a draft cut
        /// short would read as edited and be kept), and the forms `due sent` keeps in `sent/`.
        case synced
        /// Renamed into place without waiting for the disk: after a crash the file may be
        /// empty or short. For what every run makes again and compares byte for byte with the
        /// file, so the next run replaces whatever a crash left: the report's texts and a
        /// draft's email and print forms. A large report writes thousands of these, and a sync
        /// each was a round trip to the disk each.
        case remade
    }

    /// An output written to its temporary file (and synced, unless `remade`), waiting for
    /// `commit` to rename it into place; `temporary` is nil when the file already holds these
    /// bytes.
    public struct Staged: Sendable {
        public var path: String
        /// Where the rename lands: `path`, or the file a symbolic link at `path` points to.
        var target: String
        var temporary: String?
        public var outcome: Outcome { temporary == nil ? .unchanged : .written }
    }

    /// Writes `bytes` to `path` atomically. When the file already holds exactly these bytes it
    /// is not touched at all (same modification time), so re-running changes nothing.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) -> Outcome {
        try write(to: path) { (s: inout Stream) throws(WriteError) in try s.write(bytes) }
    }

    /// `write` for a caller that has removed its folder's stale temporaries already
    /// (`removeStaleTemporaries`): writing many files into one folder reads the folder once,
    /// where `write` reads it for every file.
    @discardableResult
    public static func replace(_ bytes: [UInt8], at path: String, durability: Durability = .synced) throws(WriteError) -> Outcome {
        let staged = try stage(Output(path: path, content: .bytes(bytes), durability: durability), mask: nil)
        try commit([staged])
        return staged.outcome
    }

    @discardableResult
    public static func write(_ text: String, to path: String) throws(WriteError) -> Outcome {
        // Straight from the string's own bytes: a large output is not copied first.
        var text = text
        return try write(to: path) { (s: inout Stream) throws(WriteError) in
            try text.withUTF8 { b in Result { () throws(WriteError) in try s.write(b) } }.get()
        }
    }

    /// Writes to `path` atomically what `produce` hands the stream, piece by piece: a large
    /// output is never held whole, and is compared with the file it replaces as it comes.
    @discardableResult
    public static func write(to path: String, _ produce: (inout Stream) throws(WriteError) -> Void) throws(WriteError) -> Outcome {
        if let target = try? resolveLinks(path) { removeStaleTemporaries(in: FileSystem.directory(of: target)) }
        let staged = try stage(to: path, produce)
        try commit([staged])
        return staged.outcome
    }

    /// Everything up to the rename: checks that `path` may be replaced, writes and syncs the
    /// temporary file. Several outputs staged first and committed together leave all of them
    /// old or all new when one cannot be written (`discard` the others). Call
    /// `removeStaleTemporaries` on their folders before staging the first: a temporary is
    /// locked only while it is being written, so a cleanup between stage and commit would take
    /// it for a dead run's.
    public static func stage(_ bytes: [UInt8], to path: String) throws(WriteError) -> Staged {
        try stage(to: path) { (s: inout Stream) throws(WriteError) in try s.write(bytes) }
    }

    /// `stage` of what `produce` writes to the stream.
    public static func stage(to path: String, _ produce: (inout Stream) throws(WriteError) -> Void) throws(WriteError) -> Staged {
        var stream = try Stream(path: path)
        defer { stream.close() }
        try produce(&stream)
        return try stream.finish()
    }

    /// An output on its way to a temporary file. While every byte so far equals the start of
    /// the file it replaces, nothing is written: a file that ends up holding these very bytes
    /// is not touched at all (same modification time), read-only or not. At the first
    /// difference the temporary file is made and the equal start copied into it.
    public struct Stream {
        let path: String
        let target: String
        /// The file being replaced, open for comparing, and what `stat` said of it.
        var existing: (fd: Int32, st: stat)?
        /// Bytes handed to the stream so far.
        var count = 0
        /// Every byte so far equals the existing file's.
        var same: Bool
        var temporary: (fd: Int32, path: String)?
        /// How many bytes the disk was last asked to take (`startWriteBack`).
        var askedToTake = 0
        var finished = false
        /// The process's file mode mask, when read before several streams were staged side by
        /// side: reading it means setting it for a moment, which threads must not do at once.
        var mask: mode_t?
        var durability = Durability.synced

        init(path: String) throws(WriteError) {
            self.path = path
            let found = try SafeFileWriter.locate(path)
            target = found.target
            if let st = found.status {
                try SafeFileWriter.checkType(path: path, st)
                let fd = open(target, O_RDONLY | O_CLOEXEC)
                existing = fd < 0 ? nil : (fd, st)
                if fd < 0 { try SafeFileWriter.checkReplaceable(path: path, target: target, st) }
            }
            same = existing != nil
        }

        public mutating func write(_ bytes: [UInt8]) throws(WriteError) {
            try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(WriteError) in try write(b) }
        }

        /// The text's UTF-8 bytes, read in place rather than copied out.
        public mutating func write(_ text: String) throws(WriteError) {
            var text = text
            var failure: WriteError?
            text.withUTF8 { b in
                do throws(WriteError) { try write(b) } catch { failure = error }
            }
            if let failure { throw failure }
        }

        public mutating func write(_ b: UnsafeBufferPointer<UInt8>) throws(WriteError) {
            if b.isEmpty { return }
            if same, let e = existing {
                if SafeFileWriter.fileHolds(e.fd, at: count, b) {
                    count += b.count
                    return
                }
                same = false
            }
            let fd = try openTemporary()
            try SafeFileWriter.writeAll(fd, b, path: path)
            count += b.count
            // A long output is handed to the disk as it grows: its pages would otherwise all
            // wait in memory for `finish`'s sync, which then waited for the disk to take
            // hundreds of MB while every core stood idle.
            if count - askedToTake >= Stream.writeBackEvery { startWriteBack() }
        }

        /// How many bytes written make the disk be asked to take them.
        static let writeBackEvery = 8 << 20

        /// Asks the system to start putting what has been written so far on the disk, without
        /// waiting for it: a long output written in pieces then leaves `finish`'s sync only its
        /// last pieces to wait for, not the whole file. Nothing is promised before `finish`.
        public mutating func startWriteBack() {
            let from = askedToTake
            askedToTake = count
            #if canImport(Glibc)
            // `sync_file_range` (Linux), looked up as Swift does not import it; 2 is
            // SYNC_FILE_RANGE_WRITE: start writing the dirty pages, wait for none.
            guard let fd = temporary?.fd, let f = dlsym(nil, "sync_file_range") else { return }
            let syncRange = unsafeBitCast(f, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
            // From where it was last asked: what was handed over before is on its way already.
            _ = syncRange(fd, Int64(from), Int64(count - from), 2)
            #endif
        }

        /// The temporary file, made (with the equal start of the old file) when first needed.
        mutating func openTemporary() throws(WriteError) -> Int32 {
            if let t = temporary { return t.fd }
            if let e = existing { try SafeFileWriter.checkReplaceable(path: path, target: target, e.st) }
            let (fd, tmp) = try SafeFileWriter.makeTemporary(for: target, reportedAs: path)
            temporary = (fd, tmp)
            if count > 0, let e = existing { try SafeFileWriter.copy(e.fd, count, to: fd, path: path) }
            return fd
        }

        mutating func finish() throws(WriteError) -> Staged {
            if same, let e = existing, Int(e.st.st_size) == count, temporary == nil {
                return Staged(path: path, target: target, temporary: nil)
            }
            let fd = try openTemporary()
            if let e = existing {
                // The owner can be kept only by root or, for the group, a member of it: best effort.
                _ = fchown(fd, e.st.st_uid, e.st.st_gid)
                fchmod(fd, e.st.st_mode & 0o7777)
            } else {
                fchmod(fd, 0o666 & ~(mask ?? SafeFileWriter.currentUmask()))
            }
            if durability == .synced, fsync(fd) != 0 { throw WriteError(path: path, reason: SafeFileWriter.reason(errno)) }
            finished = true
            return Staged(path: path, target: target, temporary: temporary!.path)
        }

        /// Closes what is open; the temporary file goes unless `finish` handed it on.
        mutating func close() {
            if let e = existing { _ = Glibc.close(e.fd) }
            existing = nil
            if let t = temporary {
                _ = Glibc.close(t.fd)
                if !finished { unlink(t.path) }
            }
            temporary = nil
        }
    }

    /// Whether the file open at `fd` holds `b` at `offset`.
    static func fileHolds(_ fd: Int32, at offset: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: min(b.count, 1 << 16)) { buf in
            var done = 0
            while done < b.count {
                let n = pread(fd, buf.baseAddress!, min(buf.count, b.count - done), off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 || memcmp(buf.baseAddress!, b.baseAddress! + done, n) != 0 { return false }
                done += n
            }
            return true
        }
    }

    /// Copies the first `count` bytes of the file open at `from` to `to`.
    static func copy(_ from: Int32, _ count: Int, to: Int32, path: String) throws(WriteError) {
        let failure: String? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 << 16) { buf -> String? in
            var done = 0
            while done < count {
                let n = pread(from, buf.baseAddress!, min(buf.count, count - done), off_t(done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return n == 0 ? "the file changed while it was being replaced" : reason(errno) }
                if let why = writeAll(to, UnsafeBufferPointer(rebasing: buf[..<n])) { return why }
                done += n
            }
            return nil
        }
        if let failure { throw WriteError(path: path, reason: failure) }
    }

    static func writeAll(_ fd: Int32, _ b: UnsafeBufferPointer<UInt8>, path: String) throws(WriteError) {
        if let why = writeAll(fd, b) { throw WriteError(path: path, reason: why) }
    }

    /// Why writing all of `b` failed, if it did.
    static func writeAll(_ fd: Int32, _ b: UnsafeBufferPointer<UInt8>) -> String? {
        var done = 0
        while done < b.count {
            let n = Glibc.write(fd, b.baseAddress! + done, b.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return reason(errno)
            }
            done += n
        }
        return nil
    }

    /// Renames every staged file into place. A rename within one folder does not fail for want
    /// of space; should one fail anyway, the files not yet renamed are discarded.
    public static func commit(_ staged: [Staged]) throws(WriteError) {
        for (k, s) in staged.enumerated() {
            guard let tmp = s.temporary else { continue }
            if rename(tmp, s.target) != 0 {
                let why = reason(errno)
                discard(Array(staged[k...]))
                throw WriteError(path: s.path, reason: why)
            }
        }
    }

    /// Removes the temporary files of outputs that will not be written after all.
    public static func discard(_ staged: [Staged]) {
        for s in staged { if let tmp = s.temporary { unlink(tmp) } }
    }

    /// Creates a folder (and its parents) if missing.
    public static func makeDirectory(_ path: String) throws(WriteError) {
        if FileSystem.isDirectory(path) { return }
        let parent = FileSystem.directory(of: path)
        if parent != path && parent != "." && parent != "/" && !FileSystem.exists(parent) { try makeDirectory(parent) }
        if mkdir(path, 0o777) != 0 && errno != EEXIST { throw WriteError(path: path, reason: reason(errno)) }
        if !FileSystem.isDirectory(path) { throw WriteError(path: path, reason: "a file is in the way") }
    }

    /// Throws unless a file could be created or replaced at `path` (its folder exists and is
    /// writable, or could be created; the file itself may be replaced), without writing
    /// anything: `due report` asks before it writes its first output.
    public static func checkWritable(_ path: String) throws(WriteError) {
        var checked: Set<String> = []
        try checkWritable(path, foldersChecked: &checked)
    }

    /// `checkWritable` of each path in turn: each folder is asked once, not once for each of
    /// the thousands of drafts a report may write into it.
    public static func checkWritable(_ paths: [String]) throws(WriteError) {
        var checked: Set<String> = []
        for path in paths { try checkWritable(path, foldersChecked: &checked) }
    }

    /// `checkWritable`, passing over a folder in `checked`, and adding the one it asks.
    static func checkWritable(_ path: String, foldersChecked checked: inout Set<String>) throws(WriteError) {
        let (target, status) = try locate(path)
        if let st = status { try checkReplaceable(path: path, target: target, st) }
        var dir = FileSystem.directory(of: target)
        guard checked.insert(dir).inserted else { return }
        // The nearest folder that exists must let us create entries.
        while !FileSystem.exists(dir) {
            let parent = FileSystem.directory(of: dir)
            if parent == dir { break }
            dir = parent
        }
        if !FileSystem.isDirectory(dir) { throw WriteError(path: path, reason: "'\(dir)' is a file, not a folder") }
        if access(dir, W_OK | X_OK) != 0 { throw WriteError(path: path, reason: "the folder '\(dir)' is not writable (\(reason(errno)))") }
    }

    /// Why a file that exists must not be replaced, if it must not.
    static func checkReplaceable(path: String, target: String, _ st: stat) throws(WriteError) {
        try checkType(path: path, st)
        // Mode bits, not access(2): root may write anything, but a file marked read-only says
        // its owner does not want it changed.
        if st.st_mode & 0o222 == 0 || access(target, W_OK) != 0 {
            throw WriteError(path: path, reason: "it is read-only; make it writable (chmod u+w) if due should replace it")
        }
        if st.st_nlink > 1 {
            throw WriteError(path: path, reason: "it has \(st.st_nlink - 1) other hard link\(st.st_nlink == 2 ? "" : "s"), which replacing it would cut off; write to a copy, or remove the other links")
        }
    }

    static func checkType(path: String, _ st: stat) throws(WriteError) {
        let type = st.st_mode & S_IFMT
        if type == S_IFDIR { throw WriteError(path: path, reason: "a folder is in the way") }
        if type != S_IFREG { throw WriteError(path: path, reason: "it is not a regular file (a pipe, socket or device)") }
    }

    /// The file a chain of symbolic links at `path` ends at (which may not exist yet), or
    /// `path` itself.
    static func resolveLinks(_ path: String) throws(WriteError) -> String { try locate(path).target }

    /// `resolveLinks`, with what the system says of the file it ends at when there is one:
    /// the name looked up once, where a `stat` after it looked it up again, for each of a
    /// report's thousands of files in a folder of thousands.
    static func locate(_ path: String) throws(WriteError) -> (target: String, status: stat?) {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(current, &st) == 0 else { return (current, nil) }
            guard st.st_mode & S_IFMT == S_IFLNK else { return (current, st) }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            if n < 0 { throw WriteError(path: path, reason: reason(errno)) }
            let destination = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = FileSystem.join(FileSystem.directory(of: current), destination)
        }
        throw WriteError(path: path, reason: "too many levels of symbolic links")
    }

    /// Temporary names are `.NAME.tmp-XXXXXX`: hidden, beside the target, and recognisable.
    static let temporaryMarker = ".tmp-"

    /// A new temporary file for `target`, locked while it is written so another run's cleanup
    /// can tell it from one left by a killed run.
    static func makeTemporary(for target: String, reportedAs path: String) throws(WriteError) -> (Int32, String) {
        let dir = FileSystem.directory(of: target)
        for _ in 0..<8 {
            var template = Array((dir + "/." + FileSystem.fileName(of: target) + temporaryMarker + "XXXXXX").utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            if fd < 0 { throw WriteError(path: path, reason: reason(errno)) }
            let tmp = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            _ = flock(fd, LOCK_EX)
            // Another run's cleanup may have removed it between mkstemp and flock: try again.
            var st = stat()
            if fstat(fd, &st) == 0 && st.st_nlink > 0 { return (fd, tmp) }
            close(fd)
        }
        throw WriteError(path: path, reason: "could not keep a temporary file in '\(dir)'")
    }

    /// Removes `.NAME.tmp-XXXXXX` files in `dir` that no live process holds (their lock is free)
    /// and that were last written more than `staleAfter` seconds ago: what a run killed while
    /// writing left behind. A temporary another run has finished writing is unlocked until
    /// its rename, which for a report comes after thousands of others; one that recent is
    /// taken for that run's, not a dead one's.
    public static func removeStaleTemporaries(in dir: String, now: time_t = time(nil)) {
        for entry in FileSystem.entries(in: dir) where isTemporaryName(entry.name) {
            let path = FileSystem.join(dir, entry.name)
            let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            if fd < 0 { continue }
            var st = stat()
            if fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, now - st.st_mtim.tv_sec > staleAfter, flock(fd, LOCK_EX | LOCK_NB) == 0 {
                unlink(path)
            }
            close(fd)
        }
    }

    /// How old an unlocked temporary must be to be taken for a dead run's.
    static let staleAfter: time_t = 600

    /// `.NAME.tmp-` and six characters of mkstemp's alphabet.
    static func isTemporaryName(_ name: String) -> Bool {
        let b = Array(name.utf8)
        let marker = Array(temporaryMarker.utf8)
        guard b.count > 1 + marker.count + 6, b[0] == UInt8(ascii: "."), Array(b[(b.count - 6 - marker.count)..<(b.count - 6)]) == marker else { return false }
        return b.suffix(6).allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
    }

    static func currentUmask() -> mode_t {
        // The only way to read the mask is to set it: called from one thread at a time (staging
        // side by side reads it once, before its threads start).
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    static func reason(_ code: Int32) -> String { FileSystem.reason(code) }
}

/// Where outputs go: beside the ledger, named after it, so `studio.due` gets `studio.aging.md`
/// and a `studio.letters/` folder.
public struct OutputPaths: Sendable {
    public let directory: String
    public let stem: String

    public init(ledger path: String) {
        directory = FileSystem.directory(of: path)
        var name = FileSystem.fileName(of: path)
        if name.hasSuffix(".due") { name.removeLast(4) }
        stem = name.isEmpty ? "ledger" : name
    }

    func file(_ suffix: String) -> String { FileSystem.join(directory, stem + suffix) }

    public var agingReport: String { file(".aging.md") }
    public var agenda: String { file(".agenda.md") }
    /// The report as one page for a browser.
    public var page: String { file(".report.html") }
    /// The report's charts as SVG files, which the Markdown report shows.
    public var chartsFolder: String { file(".report") }
    /// The charts folder as the Markdown report beside it links to it.
    public var chartsLink: String { (stem + ".report").replacingAll(" ", with: "%20") }
    public var lettersFolder: String { file(".letters") }
    /// Users' own letter templates, one file per stage (`reminder.txt`, …).
    public var templatesFolder: String { file(".templates") }
}

/// Turns any text (a client id, a name) into a file-name component that cannot leave its
/// folder, hide, or collide with a reserved name.
///
/// `component` gives ASCII alone (ASCII letters of one case, digits, `-`, `_`), for what must
/// stay ASCII: an email's Message-ID, an anchor in a page. A text that is already such a name
/// (`acme`, `2026-014`, `0688-XNJRO`) is used as it is. Any other gets a tidied lower-case
/// form, `--`, and a 64-bit digest of the original (`Acme Ltd` → `acme-ltd--…`). Names used as
/// they are never contain `--`, so a changed name cannot equal an unchanged one, and two
/// changed names are equal only if their digests collide.
///
/// `fileComponent`, for the letters' file names, is `component` for an ASCII text, and keeps
/// letters and digits beyond ASCII, in NFC and lower case, so the name stays readable: `müller`
/// and `dvořák` are used as they are, `Müller` becomes `müller--…`, and what is no letter,
/// mark or digit (a slash, a control or format character, a symbol) is a `-` of the tidied form.
public enum SafeName {
    public static func component(_ text: String, maxLength: Int = 48) -> String {
        isSafe(text, maxLength: maxLength) ? text : hashed(text, maxLength: maxLength)
    }

    /// A file-name component for `text` that keeps its letters beyond ASCII: as `component` for
    /// an ASCII text (so those names are what they always were); for another, the text as it
    /// is when it is already NFC and lower case, of letters, marks, digits, `-` and `_`,
    /// starting with a letter or digit, with no `--`; else its NFC lower-case letters and digits,
    /// other runs as `-`, then `--` and the digest.
    public static func fileComponent(_ text: String, maxLength: Int = 48) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return component(text, maxLength: maxLength) }
        return isSafeBeyondASCII(text, maxLength: maxLength) ? text : hashedBeyondASCII(text, maxLength: maxLength)
    }

    /// File-name components for all of a ledger's ids at once: as `fileComponent` gives them,
    /// except that ids equal but for case (`ACME`, `acme`; `ǆ`, `Ǆ`), which a case-insensitive
    /// file system (macOS, Windows) would put in one file, get the digest: all of them, or, when
    /// one of them is ASCII, the others (an ASCII id keeps the name it always had).
    public static func components<S: Sequence>(_ ids: S, maxLength: Int = 48) -> [String: String] where S.Element == String {
        var byFold: [String: [String]] = [:]
        for id in Set(ids) { byFold[caseFolded(fileComponent(id, maxLength: maxLength)), default: []].append(id) }
        var out: [String: String] = [:]
        for group in byFold.values {
            let ascii = group.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
            for id in group {
                if group.count == 1 || (ascii.count == 1 && ascii[0] == id) {
                    out[id] = fileComponent(id, maxLength: maxLength)
                } else {
                    out[id] = id.utf8.allSatisfy { $0 < 0x80 } ? hashed(id, maxLength: maxLength) : hashedBeyondASCII(id, maxLength: maxLength)
                }
            }
        }
        return out
    }

    /// The form two names take when a file system that ignores case would take them for one:
    /// lower case of upper case (`ſ` and `s`, `ß` and `ss` meet), in NFC. More names meet here
    /// than on any one file system, which only costs them the digest.
    static func caseFolded(_ name: String) -> String {
        name.utf8.allSatisfy { $0 < 0x80 } ? name.lowercased() : nfc(name.uppercased().lowercased())
    }

    /// The text in Unicode's composed normal form (NFC): `e` and a combining accent as `é`.
    static func nfc(_ text: String) -> String { String(decoding: text._nfcCodeUnits, as: UTF8.self) }

    /// How many bytes a component beyond ASCII may take, its digest included: a file name
    /// holds 255 bytes, and the date, stage, extension and a temporary file's `.` and
    /// `.tmp-XXXXXX` take up to 44 of them.
    static func byteLimit(_ maxLength: Int) -> Int { maxLength * 4 }

    /// Whether `c` is a letter or digit, with any marks on it: what a name beyond ASCII keeps.
    static func isLetterOrDigit(_ c: Character) -> Bool {
        var scalars = c.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return false }
        if first.value < 0x80 {
            let v = first.value
            guard (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) else { return false }
        } else if !isLetterOrNumber(first) {
            return false
        }
        while let u = scalars.next() {
            if !(isMark(u) || isLetterOrNumber(u)) || u.value < 0x80 { return false }
        }
        return true
    }

    static func isLetterOrNumber(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber, .letterNumber, .otherNumber: true
        default: false
        }
    }

    static func isMark(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// Names beyond ASCII that Windows reserves for devices (`COM¹` is `COM1`).
    static let reservedBeyondASCII: Set<String> = Set(["com", "lpt"].flatMap { d in ["¹", "²", "³"].map { d + $0 } })

    /// An NFC, lower-case text of letters, marks, digits, `-` and `_` (a letter or digit first,
    /// no `--`), short enough, and no device name.
    static func isSafeBeyondASCII(_ text: String, maxLength: Int) -> Bool {
        guard text.utf8.count <= byteLimit(maxLength), text.count <= maxLength, !reservedBeyondASCII.contains(text),
            text.utf8.elementsEqual(nfc(text.lowercased()).utf8), let first = text.first, isLetterOrDigit(first)
        else { return false }
        var dash = false
        for c in text {
            if c == "-" {
                if dash { return false }
                dash = true
            } else {
                dash = false
                if c != "_" && !isLetterOrDigit(c) { return false }
            }
        }
        return true
    }

    /// `hashed` keeping letters beyond ASCII: the text's NFC lower-case letters and digits, each
    /// other run as `-`, then `--` and the digest.
    static func hashedBeyondASCII(_ text: String, maxLength: Int) -> String {
        var out = ""
        var lastDash = true
        var count = 0
        let room = byteLimit(maxLength) - 18
        for c in nfc(text.lowercased()) {
            if isLetterOrDigit(c) {
                if out.utf8.count + c.utf8.count > room { break }
                out.append(c)
                lastDash = false
            } else if !lastDash {
                out.append("-")
                lastDash = true
            } else {
                continue
            }
            count += 1
            if count >= maxLength { break }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.isEmpty { out = "x" }
        return out + "--" + digest(text)
    }

    static func hashed(_ text: String, maxLength: Int) -> String {
        var out = ""
        var lastDash = true
        for u in text.unicodeScalars {
            let c = u.value
            if (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) {
                out.unicodeScalars.append(u)
                lastDash = false
            } else if c >= 0x41 && c <= 0x5A {
                out.unicodeScalars.append(Unicode.Scalar(c + 32)!)
                lastDash = false
            } else if !lastDash {
                out.append("-")
                lastDash = true
            }
            if out.count >= maxLength { break }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.isEmpty { out = "x" }
        return out + "--" + digest(text)
    }

    /// Names Windows reserves for devices, whatever the extension.
    static let reserved: Set<String> = Set(["con", "prn", "aux", "nul"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] })

    /// Letters of one case only: an id in capitals (`0688-XNJRO`, as exported from accounting
    /// systems) reads best as it is, and cannot meet a lower-case twin unless the ledger holds
    /// both (which `components` handles).
    static func isSafe(_ text: String, maxLength: Int) -> Bool {
        let b = Array(text.utf8)
        guard let first = b.first, b.count <= maxLength, first != 0x2D, !reserved.contains(text.lowercased()) else { return false }
        var lower = false, upper = false
        for (k, c) in b.enumerated() {
            if c >= 0x61 && c <= 0x7A { lower = true } else if c >= 0x41 && c <= 0x5A { upper = true }
            let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x2D || c == 0x5F
            if !ok || (c == 0x2D && k > 0 && b[k - 1] == 0x2D) { return false }
        }
        return !(lower && upper)
    }

    /// Sixteen hex digits of FNV-1a: stable across runs and machines (unlike `hashValue`).
    public static func digest(_ text: String) -> String { Digest.fnv1a64(text) }
}
