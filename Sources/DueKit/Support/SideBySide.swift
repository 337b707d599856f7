import Dispatch

/// Per-client work made on every core. The report reads each client's story, stage and agenda
/// items from the ledger alone, and on a large ledger one core did it all while the other
/// stood idle.
enum SideBySide {
    /// `make(k)` for each `k` in `0..<count`, in that order. The indices are taken in `lanes`
    /// interleaved lanes that a free core takes in turn, so a stretch of heavy clients (the
    /// ledger's oldest, with the most history) is shared rather than left to one core.
    static func map<T>(_ count: Int, lanes: Int = 16, _ make: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(make) }
        let lanes = min(lanes, count)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = UnsafeSendable(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                for k in stride(from: lane, to: count, by: lanes) { (slots.value + k).initialize(to: make(k)) }
            }
            initialized = count
        }
    }
}
