#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Asks the system, from a thread of its own, to start reading the drafts and forms of a
/// letters folder that a run is about to read one at a time: a report run again reads every
/// draft to see whether it was edited (or to sweep it), and each of today's forms to see
/// whether it changed. Where those files have left the page cache (a machine that hands idle
/// memory back drops them within minutes), each read waited on the disk in turn, on the cores
/// that make the letters; asked for all at once, they are read side by side while the cores
/// work. Reading is only asked for, never waited on, and nothing is kept open. (Where the
/// system has no way to be asked, as on Darwin here, no thread is started.)
final class ReadAhead: @unchecked Sendable {
    private let lock = Lock()
    private var stopped = false
    private let finished = DispatchGroup()

    /// Starts on the drafts in `folder`, those dated `day` first (all alike when nil), and,
    /// with `forms`, on the email and print forms of those drafts (of every draft when `day`
    /// is nil) before the other drafts: the order in which a run reads them.
    init(lettersFolder folder: String, dated day: Day?, forms: Bool) {
        #if canImport(Glibc)
        finished.enter()
        OwnThread.start(stackSize: 1 << 20) { [self] in
            defer { finished.leave() }
            for path in Self.files(in: folder, dated: day, forms: forms) {
                if lock.withLock({ stopped }) { return }
                Self.ask(path)
            }
        }
        #endif
    }

    /// Stops asking and waits until the thread has let go of everything.
    func stop() {
        lock.withLock { stopped = true }
        finished.wait()
    }

    /// The files `init` asks for, in its order, each kind in name order. Only what a
    /// directory entry says is a regular file: a letters folder holds thousands, and asking
    /// each what it is would cost much of what reading ahead saves (on a file system whose
    /// entries do not say, nothing is asked for).
    static func files(in folder: String, dated day: Day?, forms: Bool) -> [String] {
        let today = day.map { "\($0)-" } ?? ""
        var others: Set<String> = []
        var dated: [String] = [], older: [String] = []
        // Names beginning with a dot are a run's temporary files.
        for entry in FileSystem.entries(in: folder) where entry.kind == .regular && !entry.name.hasPrefix(".") {
            let name = entry.name
            if name.hasSuffix(".md") {
                if name.hasPrefix(today) { dated.append(name) } else { older.append(name) }
            } else {
                others.insert(name)
            }
        }
        dated.sort()
        older.sort()
        let formsOf = forms ? dated.flatMap { LetterFolder.forms(of: $0) }.filter(others.contains) : []
        return (dated + formsOf + older).map { FileSystem.join(folder, $0) }
    }

    /// Asks for the whole of the file at `path` to be read into the page cache. Opened without
    /// waiting, so a file that changed into a pipe since it was listed does not hold the thread.
    static func ask(_ path: String) {
        #if canImport(Glibc)
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return }
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED)
        close(fd)
        #endif
    }
}
