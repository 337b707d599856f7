#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hints to the system about large stretches of memory the parse fills: both only change how
/// fast or how much, never what is computed, and do nothing where the system lacks them.
enum MemoryPages {
    static let huge = 2 << 20
    static let small = 4096

    /// Back `bytes` from `start` with 2 MB pages rather than 4 KB ones: a million invoices
    /// fill some 300 MB, which in small pages is 75,000 page faults (each a trip into the
    /// kernel to clear and map 4 KB) and in large ones 150.
    static func preferHuge(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        inner(start, bytes, align: huge) { p, n in _ = madvise(p, n, MADV_HUGEPAGE) }
        #endif
    }

    /// Hand back the pages wholly inside `bytes` from `start`, whose contents are no longer
    /// needed; they read as zeros if touched again.
    static func release(_ start: UnsafeMutableRawPointer, bytes: Int) {
        inner(start, bytes, align: small) { p, n in _ = madvise(p, n, MADV_DONTNEED) }
    }

    private static func inner(_ start: UnsafeMutableRawPointer, _ bytes: Int, align: Int, _ body: (UnsafeMutableRawPointer, Int) -> Void) {
        let mask = UInt(align - 1)
        let first = (UInt(bitPattern: start) + mask) & ~mask
        let end = (UInt(bitPattern: start) + UInt(max(0, bytes))) & ~mask
        guard end > first, let p = UnsafeMutableRawPointer(bitPattern: first) else { return }
        body(p, Int(end - first))
    }
}
