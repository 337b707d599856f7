#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Asks the system, from a thread of its own, to start reading the files of a folder that a
/// run is about to read one at a time: a report run again reads every draft in its letters
/// folder to see whether it was edited, and each of today's forms to see whether it changed.
/// Where those files have left the page cache (a machine that hands idle memory back drops
/// them within minutes), each read waited on the disk in turn, on the cores that make the
/// letters; asked for all at once, they are read side by side while the cores work. Reading is
/// only asked for, never waited on, and nothing is kept open.
final class ReadAhead: @unchecked Sendable {
    private let lock = Lock()
    private var stopped = false
    private let finished = DispatchGroup()

    /// Starts on the regular files in `folder`: those whose names end with `first` before the
    /// others, and of the others only those whose names start with `then` (a report reads the
    /// forms of today's drafts only; yesterday's go unread with their drafts), each kind in
    /// name order. Does nothing when there is no such folder.
    init(folder: String, first: String, then prefix: String = "") {
        finished.enter()
        OwnThread.start(stackSize: 1 << 20) { [self] in
            defer { finished.leave() }
            let (firsts, others) = Self.files(in: folder, first: first, then: prefix)
            for path in firsts + others {
                if lock.withLock({ stopped }) { return }
                Self.ask(path)
            }
        }
    }

    /// Stops asking and waits until the thread has let go of everything.
    func stop() {
        lock.withLock { stopped = true }
        finished.wait()
    }

    /// The folder's regular files by name, those ending with `first` apart, the others only
    /// where their names start with `prefix`; names beginning with a dot (a run's temporary
    /// files) left out. Only what the directory entry says is a regular file: a letters folder
    /// holds thousands, and asking each what it is would cost much of what reading ahead saves
    /// (on a file system whose entries do not say, nothing is read ahead).
    static func files(in folder: String, first: String, then prefix: String = "") -> (first: [String], others: [String]) {
        guard let dir = opendir(folder) else { return ([], []) }
        defer { closedir(dir) }
        var firsts: [String] = [], others: [String] = []
        while let entry = readdir(dir) {
            guard Int32(entry.pointee.d_type) == Int32(DT_REG) else { continue }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            if name.hasSuffix(first) {
                firsts.append(FileSystem.join(folder, name))
            } else if name.hasPrefix(prefix) {
                others.append(FileSystem.join(folder, name))
            }
        }
        return (firsts.sorted(), others.sorted())
    }

    /// Asks for the whole of the file at `path` to be read into the page cache. Opened without
    /// waiting, so a file that changed into a pipe since it was listed does not hold the thread.
    static func ask(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return }
        #if canImport(Glibc)
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED)
        #endif
        close(fd)
    }
}
