#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands back to the system memory whose contents are no longer needed. (Asking for 2 MB pages
/// for the parse's large arrays was tried too: on this kind of machine the kernel spent more
/// time gathering them than the fewer page faults saved.)
enum MemoryPages {
    static let size = 4096

    /// The pages wholly inside `bytes` from `start`; they read as zeros if touched again.
    static func release(_ start: UnsafeMutableRawPointer, bytes: Int) {
        let mask = UInt(size - 1)
        let first = (UInt(bitPattern: start) + mask) & ~mask
        let end = (UInt(bitPattern: start) + UInt(max(0, bytes))) & ~mask
        guard end > first, let p = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(p, Int(end - first), MADV_DONTNEED)
    }
}
