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
public enum SafeFileWriter {
    public enum Outcome: Sendable, Equatable { case written, unchanged }

    /// Writes `bytes` to `path` atomically. When the file already holds exactly these bytes it
    /// is not touched at all (same modification time), so re-running changes nothing.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) -> Outcome {
        if let existing = try? FileSystem.readFile(path), existing == bytes { return .unchanged }
        if FileSystem.isDirectory(path) { throw WriteError(path: path, reason: "a folder is in the way") }
        let dir = FileSystem.directory(of: path)
        var template = Array((dir + "/." + FileSystem.fileName(of: path) + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        var done = 0
        let failure: String? = bytes.withUnsafeBufferPointer { b -> String? in
            while done < b.count {
                let n = Glibc.write(fd, b.baseAddress! + done, b.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                done += n
            }
            return nil
        }
        if let failure {
            close(fd)
            throw WriteError(path: path, reason: failure)
        }
        // Outputs are meant to be read by people and git: ordinary permissions, not mkstemp's 0600.
        fchmod(fd, 0o644)
        if fsync(fd) != 0 {
            let why = String(cString: strerror(errno))
            close(fd)
            throw WriteError(path: path, reason: why)
        }
        close(fd)
        if rename(tmp, path) != 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        ok = true
        return .written
    }

    @discardableResult
    public static func write(_ text: String, to path: String) throws(WriteError) -> Outcome {
        try write(Array(text.utf8), to: path)
    }

    /// Creates a folder (and its parents) if missing.
    public static func makeDirectory(_ path: String) throws(WriteError) {
        if FileSystem.isDirectory(path) { return }
        let parent = FileSystem.directory(of: path)
        if parent != path && parent != "." && parent != "/" && !FileSystem.exists(parent) { try makeDirectory(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        if !FileSystem.isDirectory(path) { throw WriteError(path: path, reason: "a file is in the way") }
    }
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
/// folder, hide, or collide with a reserved name: ASCII letters of one case, digits, `-`, `_`.
///
/// A text that is already such a name (`acme`, `2026-014`, `0688-XNJRO`) is used as it is. Any
/// other gets a tidied lower-case form, `--`, and a 64-bit digest of the original (`Acme Ltd` →
/// `acme-ltd--…`). Names used as they are never contain `--`, so a changed name cannot equal an
/// unchanged one, and two changed names are equal only if their digests collide.
public enum SafeName {
    public static func component(_ text: String, maxLength: Int = 48) -> String {
        isSafe(text, maxLength: maxLength) ? text : hashed(text, maxLength: maxLength)
    }

    /// Components for all of a ledger's ids at once: as `component` gives them, except that ids
    /// equal but for case (`ACME`, `acme`), which a case-insensitive file system (macOS,
    /// Windows) would put in one file, all get the digest.
    public static func components<S: Sequence>(_ ids: S, maxLength: Int = 48) -> [String: String] where S.Element == String {
        var byFold: [String: [String]] = [:]
        for id in Set(ids) { byFold[component(id, maxLength: maxLength).lowercased(), default: []].append(id) }
        var out: [String: String] = [:]
        for group in byFold.values {
            for id in group { out[id] = group.count == 1 ? component(id, maxLength: maxLength) : hashed(id, maxLength: maxLength) }
        }
        return out
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
