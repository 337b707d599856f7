#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one source file: a large file is mapped from disk rather than copied into
/// memory, so reading it costs no copy and its pages can be handed back once parsed; anything
/// else (a small file, a pipe, bytes made in memory) is an ordinary array.
public struct SourceBytes: RandomAccessCollection, Sendable {
    /// A read-only private mapping of a whole file, unmapped when the last copy goes.
    final class Mapping: @unchecked Sendable {
        let base: UnsafePointer<UInt8>
        let count: Int

        init(base: UnsafePointer<UInt8>, count: Int) {
            self.base = base
            self.count = count
        }

        deinit { munmap(UnsafeMutableRawPointer(mutating: base), count) }
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

    /// Maps `size` bytes of the open file `fd`; nil when the system will not.
    static func map(_ fd: Int32, size: Int) -> SourceBytes? {
        guard size > 0, let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
        // The parser reads front to back: ask for pages ahead of it.
        _ = madvise(p, size, MADV_SEQUENTIAL)
        return SourceBytes(mapping: Mapping(base: UnsafePointer(p.assumingMemoryBound(to: UInt8.self)), count: size))
    }

    public var isMapped: Bool { mapping != nil }

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

    /// Tells the system the pages wholly inside `range` will not be read again soon: a mapped
    /// file's pages leave this process's memory (they are read back from the page cache if a
    /// diagnostic needs them). Does nothing for bytes in memory.
    public func release(_ range: Range<Int>) {
        guard let m = mapping else { return }
        let start = Swift.max(0, range.lowerBound), end = Swift.min(range.upperBound, m.count)
        guard end > start else { return }
        MemoryPages.release(UnsafeMutableRawPointer(mutating: m.base + start), bytes: end - start)
    }
}
