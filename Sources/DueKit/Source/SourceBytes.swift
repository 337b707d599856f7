#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one source file: a large file is mapped from disk rather than copied into
/// memory, so reading it costs no copy and its pages can be handed back once parsed; anything
/// else (a small file, a pipe, bytes made in memory) is an ordinary array.
public struct SourceBytes: RandomAccessCollection, Sendable {
    /// A read-only private mapping of a whole file, unmapped when the last copy goes; or bytes
    /// copied into memory of their own (`init(copying:)`), freed then. Either way they stand
    /// at one address for as long as any copy lives (`stableBuffer`).
    final class Mapping: @unchecked Sendable {
        let base: UnsafePointer<UInt8>
        let count: Int
        let owned: Bool

        init(base: UnsafePointer<UInt8>, count: Int, owned: Bool = false) {
            self.base = base
            self.count = count
            self.owned = owned
        }

        deinit {
            if owned { UnsafeMutablePointer(mutating: base).deallocate() } else { munmap(UnsafeMutableRawPointer(mutating: base), count) }
        }
    }

    private let stored: [UInt8]
    private let mapping: Mapping?

    public init(_ array: [UInt8]) {
        self.stored = array
        mapping = nil
    }

    init(mapping: Mapping) {
        stored = []
        self.mapping = mapping
    }

    /// A copy of `bytes` at an address of its own: a reader may hold its buffer for as long as
    /// it holds this value (`stableBuffer`), as the language server's thousands of pieces of
    /// one large ledger are read together.
    public init(copying bytes: ArraySlice<UInt8>) {
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: Swift.max(1, bytes.count))
        _ = UnsafeMutableBufferPointer(start: memory, count: bytes.count).initialize(from: bytes)
        self.init(mapping: Mapping(base: UnsafePointer(memory), count: bytes.count, owned: true))
    }

    /// The bytes where they stay for as long as this value (or a copy) lives: a mapped or copied
    /// file's, or nothing for an empty one; nil for bytes in an array, which are read in place
    /// only inside `withUnsafeBufferPointer`.
    var stableBuffer: UnsafeBufferPointer<UInt8>? {
        if let m = mapping { return UnsafeBufferPointer(start: m.base, count: m.count) }
        return stored.isEmpty ? UnsafeBufferPointer(start: nil, count: 0) : nil
    }

    /// Maps `size` bytes of the open file `fd`; nil when the system will not.
    static func map(_ fd: Int32, size: Int) -> SourceBytes? {
        guard size > 0, let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
        // The parser reads front to back: ask for pages ahead of it.
        _ = madvise(p, size, MADV_SEQUENTIAL)
        return SourceBytes(mapping: Mapping(base: UnsafePointer(p.assumingMemoryBound(to: UInt8.self)), count: size))
    }

    /// Mapped from a file: its pages are the file's, handed back by `release`.
    public var isMapped: Bool { mapping.map { !$0.owned } ?? false }

    /// The bytes as an array: the array itself for bytes in memory, a copy of a mapped file.
    public var array: [UInt8] { mapping == nil ? stored : withUnsafeBufferPointer { Array($0) } }
    public var startIndex: Int { 0 }
    public var endIndex: Int { mapping?.count ?? stored.count }

    public subscript(i: Int) -> UInt8 {
        guard let m = mapping else { return stored[i] }
        precondition(i >= 0 && i < m.count, "index out of range")
        return m.base[i]
    }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let m = mapping { return try body(UnsafeBufferPointer(start: m.base, count: m.count)) }
        return try stored.withUnsafeBufferPointer(body)
    }

    /// How a mapped file's pages are read next: front to back, as the parse reads them (the
    /// system reads ahead of each page asked for, as far as the disk's read-ahead goes:
    /// megabytes on some machines), or here and there, as the parse's
    /// plan samples them (each page alone, so a thousand small windows do not read the whole
    /// file before the parse starts, on one core and waiting on every read).
    public enum Reading: Sendable { case frontToBack, hereAndThere }

    /// Tells the system how the pages will be read (`Reading`). Does nothing for bytes in memory.
    public func expect(_ reading: Reading) {
        guard let m = mapping, !m.owned else { return }
        MemoryPages.advise(reading == .frontToBack ? MADV_SEQUENTIAL : MADV_RANDOM, m.base, bytes: m.count)
    }

    /// Asks the system to start reading the pages that hold `range` now, without waiting for
    /// them: a sample's windows asked for all at once are read side by side. Does nothing for
    /// bytes in memory.
    public func prefetch(_ range: Range<Int>) {
        guard let m = mapping, !m.owned else { return }
        let start = Swift.max(0, range.lowerBound), end = Swift.min(range.upperBound, m.count)
        guard end > start else { return }
        MemoryPages.advise(MADV_WILLNEED, m.base + start, bytes: end - start)
    }

    /// Tells the system the pages wholly inside `range` will not be read again soon: a mapped
    /// file's pages leave this process's memory (they are read back from the page cache if a
    /// diagnostic needs them). Does nothing for bytes in memory.
    public func release(_ range: Range<Int>) {
        guard let m = mapping, !m.owned else { return }
        let start = Swift.max(0, range.lowerBound), end = Swift.min(range.upperBound, m.count)
        guard end > start else { return }
        MemoryPages.release(UnsafeMutableRawPointer(mutating: m.base + start), bytes: end - start)
    }
}
