#if canImport(Glibc)
import Glibc
#endif

/// Asks the system to back a large array's storage with 2 MB pages instead of 4 KB ones. A
/// million invoices fill some 300 MB, which in small pages is 75,000 page faults, each a trip
/// into the kernel to clear and map 4 KB; in large pages it is 150. Only a hint: where the
/// system does not take it (or on systems without it) nothing changes but the time.
enum HugePages {
    static let size = 2 << 20

    /// For the storage `array` has reserved, from its first whole large page to its last.
    static func prefer<T>(_ array: inout [T]) {
        #if os(Linux)
        let bytes = array.capacity * MemoryLayout<T>.stride
        guard bytes >= 2 * size else { return }
        array.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress else { return }
            let mask = UInt(size - 1)
            let first = (UInt(bitPattern: base) + mask) & ~mask
            let end = (UInt(bitPattern: base) + UInt(bytes)) & ~mask
            guard end > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
            _ = madvise(start, Int(end - first), MADV_HUGEPAGE)
        }
        #endif
    }
}
