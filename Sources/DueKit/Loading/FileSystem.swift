#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read, in words a user can act on.
public enum FileError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(String)
    case isDirectory(String)
    case permission(String)
    case tooLarge(String)
    case other(String, String)

    public var description: String {
        switch self {
        case .missing(let p): "cannot read '\(p)': no such file"
        case .isDirectory(let p): "cannot read '\(p)': it is a folder, not a ledger file"
        case .permission(let p): "cannot read '\(p)': permission denied"
        case .tooLarge(let p): "cannot read '\(p)': larger than 2 GiB"
        case .other(let p, let why): "cannot read '\(p)': \(why)"
        }
    }
}

/// Reading files without Foundation's surprises: opened read-only, never written.
public enum FileSystem {
    public static func readFile(_ path: String) throws(FileError) -> [UInt8] {
        let (fd, size, _) = try openToRead(path)
        defer { close(fd) }
        return try readAll(fd, size: size, path: path)
    }

    /// Files at least this large are mapped rather than read.
    static let mapThreshold = 1 << 20

    /// A ledger's bytes: a large regular file mapped from disk (no copy, and its pages can be
    /// handed back once parsed), anything else read into memory.
    public static func readSource(_ path: String) throws(FileError) -> SourceBytes {
        let (fd, size, regular) = try openToRead(path)
        defer { close(fd) }
        if regular && size >= mapThreshold, let mapped = SourceBytes.map(fd, size: size) { return mapped }
        return SourceBytes(try readAll(fd, size: size, path: path))
    }

    /// Opens `path` to read and gives its size and whether it is a regular file; refuses what
    /// is not a ledger. The caller closes the descriptor.
    private static func openToRead(_ path: String) throws(FileError) -> (Int32, Int, Bool) {
        // Non-blocking, so opening a named pipe nobody writes to returns at once instead of
        // waiting forever; the type is checked before anything is read.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            let e = errno
            switch e {
            case ENOENT, ENOTDIR: throw .missing(path)
            case EACCES, EPERM: throw .permission(path)
            case EISDIR: throw .isDirectory(path)
            case ENXIO: throw .other(path, "it is a socket or a device, not a ledger file")
            default: throw .other(path, reason(e))
            }
        }
        do throws(FileError) {
            var st = stat()
            guard fstat(fd, &st) == 0 else { throw .other(path, reason(errno)) }
            switch st.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw .isDirectory(path)
            // A device (`/dev/zero`, a terminal) would be read forever or wait for input.
            case S_IFCHR, S_IFBLK: throw .other(path, "it is a device, not a ledger file")
            case S_IFSOCK: throw .other(path, "it is a socket, not a ledger file")
            case S_IFIFO:
                // A named pipe (mkfifo) may never see a writer. An unnamed one, as the shell makes
                // for `due check <(git show HEAD:ledger.due)`, has one: it is read to its end.
                guard isUnnamedPipe(fd) else { throw .other(path, "it is a named pipe (FIFO), not a ledger file") }
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            default: throw .other(path, "it is not a regular file")
            }
            let size = Int(st.st_size)
            if size >= Int(Int32.max) { throw .tooLarge(path) }
            return (fd, size, st.st_mode & S_IFMT == S_IFREG)
        } catch {
            close(fd)
            throw error
        }
    }

    private static func readAll(_ fd: Int32, size: Int, path: String) throws(FileError) -> [UInt8] {
        var bytes = [UInt8]()
        var capacity = max(size, 4096)
        bytes.reserveCapacity(capacity)
        var count = 0
        // Read until EOF rather than trusting st_size: pipes and /proc files report 0.
        while true {
            if count == capacity {
                capacity *= 2
                if capacity >= Int(Int32.max) { throw .tooLarge(path) }
            }
            let wanted = capacity - count
            var chunk = [UInt8](repeating: 0, count: 0)
            if count == 0 && bytes.isEmpty {
                bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buf, initialized in
                    initialized = 0
                    while initialized < capacity {
                        let n = read(fd, buf.baseAddress! + initialized, capacity - initialized)
                        if n <= 0 { break }
                        initialized += n
                    }
                }
                count = bytes.count
                if count < capacity { return bytes }
                continue
            }
            chunk = [UInt8](unsafeUninitializedCapacity: wanted) { buf, initialized in
                let n = read(fd, buf.baseAddress!, wanted)
                initialized = max(0, n)
            }
            if chunk.isEmpty { return bytes }
            bytes.append(contentsOf: chunk)
            count = bytes.count
        }
    }

    /// Linux names an unnamed pipe's descriptor `pipe:[inode]`; a named one, by its path.
    static func isUnnamedPipe(_ fd: Int32) -> Bool {
        var buffer = [CChar](repeating: 0, count: 64)
        let n = readlink("/proc/self/fd/\(fd)", &buffer, buffer.count - 1)
        guard n > 0 else { return false }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self).hasPrefix("pipe:")
    }

    /// The system's words for an error number.
    static func reason(_ code: Int32) -> String {
        guard let s = strerror(code) else { return "error \(code)" }
        return String(decoding: UnsafeRawBufferPointer(start: s, count: strlen(s)).bindMemory(to: UInt8.self), as: UTF8.self)
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Both paths name one existing file (through links, `..`, or hard links).
    public static func isSameFile(_ a: String, _ b: String) -> Bool {
        var x = stat(), y = stat()
        return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// An entry of a folder: its name, and what the directory entry says it is, where the file
    /// system says (asking each file costs a call, and a letters folder holds thousands).
    struct FolderEntry {
        enum Kind { case regular, folder, other, unsaid }
        var name: String
        var kind: Kind
    }

    /// The entries of `folder` (but `.` and `..`), in the order the system lists them; none
    /// when it cannot be read.
    static func entries(in folder: String) -> [FolderEntry] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var found: [FolderEntry] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let kind: FolderEntry.Kind = switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): .regular
            case Int32(DT_DIR): .folder
            case Int32(DT_UNKNOWN), Int32(DT_LNK): .unsaid
            default: .other
            }
            found.append(FolderEntry(name: name, kind: kind))
        }
        return found
    }

    /// The canonical path, to recognise one file reached by two routes.
    public static func canonical(_ path: String) -> String {
        guard let p = realpath(path, nil) else { return path }
        defer { free(p) }
        return String(decoding: UnsafeRawBufferPointer(start: p, count: strlen(p)).bindMemory(to: UInt8.self), as: UTF8.self)
    }

    /// The working directory; "." when it cannot be read.
    public static var currentDirectory: String {
        guard let p = getcwd(nil, 0) else { return "." }
        defer { free(p) }
        return String(decoding: UnsafeRawBufferPointer(start: p, count: strlen(p)).bindMemory(to: UInt8.self), as: UTF8.self)
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    public static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `base/relative`, tidied of `./` so paths in messages read naturally.
    public static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return relative }
        // A file's name in a folder, as a report names thousands of letters and their forms:
        // nothing to resolve, so the base is kept as it is, not cut up and joined again.
        if !relative.isEmpty, relative != ".", relative != "..", !relative.utf8.contains(0x2F) {
            return base == "." ? relative : base + "/" + relative
        }
        var parts = base == "." ? [] : base.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != "..", last != "" { parts.removeLast(); continue }
            parts.append(String(part))
        }
        let joined = parts.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }
}
