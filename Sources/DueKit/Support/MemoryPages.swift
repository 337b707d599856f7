#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands back to the system memory whose contents are no longer needed, and tells it how a
/// mapped file's pages will be read. (Asking for 2 MB pages
/// for the parse's large arrays was tried too: on this kind of machine the kernel spent more
/// time gathering them than the fewer page faults saved.)
enum MemoryPages {
    /// The pages wholly inside `bytes` from `start`; they read as zeros if touched again.
    /// (Pages are 4 KB on most machines and larger on some: a release rounded to a smaller page
    /// than the system's would reach past `bytes`.)
    static func release(_ start: UnsafeMutableRawPointer, bytes: Int) {
        let mask = UInt(Int(sysconf(Int32(_SC_PAGESIZE))) - 1)
        let first = (UInt(bitPattern: start) + mask) & ~mask
        let end = (UInt(bitPattern: start) + UInt(max(0, bytes))) & ~mask
        guard end > first, let p = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(p, Int(end - first), MADV_DONTNEED)
    }

    /// Tells the system how a mapped file's pages at `start` will be read (`advice`: one of
    /// `madvise`'s, such as `MADV_SEQUENTIAL`), over the pages that hold any of `bytes`;
    /// whether the system took it.
    @discardableResult
    static func advise(_ advice: Int32, _ start: UnsafeRawPointer, bytes: Int) -> Bool {
        guard bytes > 0 else { return true }
        let mask = UInt(Int(sysconf(Int32(_SC_PAGESIZE))) - 1)
        let first = UInt(bitPattern: start) & ~mask
        let end = UInt(bitPattern: start) + UInt(bytes)
        guard let p = UnsafeMutableRawPointer(bitPattern: first) else { return false }
        return madvise(p, Int(end - first), advice) == 0
    }
}
