import Dispatch

/// The chunks of a journal between the cores that spell them and the thread that hands them on
/// in order. Each core takes the next chunk when it is free, so no core waits for another at
/// the end of a round; a core runs at most `room` chunks ahead of the one handed on last, and
/// the chunks in flight are spelled into a ring of that many buffers, each kept with its
/// capacity from one chunk to the next (a fresh buffer a chunk made the system clear new pages
/// and copy the text each time the buffer grew). The buffers are raw memory (`RawText`) that
/// each transaction is spelled into where it stays: copying two million short texts into an
/// array one by one cost more than spelling them.
final class JournalChunks: @unchecked Sendable {
    let working = DispatchGroup()
    let count: Int
    /// Chunk `k` is spelled into `ring[k % ring.count]`, by the one core that took it, and
    /// read by the handing-on thread after `done[k % ring.count]` is signalled.
    private let ring: UnsafeMutableBufferPointer<RawText>
    private let done: [DispatchSemaphore]
    private let room: DispatchSemaphore
    private let lock = DispatchQueue(label: "due.export.chunks")
    private var next = 0
    private var stopped = false

    init(_ count: Int, room: Int) {
        self.count = count
        ring = .allocate(capacity: room)
        for k in 0..<room { (ring.baseAddress! + k).initialize(to: RawText(capacity: 1 << 16)) }
        done = (0..<room).map { _ in DispatchSemaphore(value: 0) }
        self.room = DispatchSemaphore(value: room)
    }

    deinit {
        for text in ring { text.free() }
        ring.deinitialize()
        ring.deallocate()
    }

    /// The next chunk to spell, and the buffer (emptied) to spell it into; nil when every chunk
    /// is taken or handing on has stopped.
    func take() -> (chunk: Int, into: UnsafeMutablePointer<RawText>)? {
        room.wait()
        let k: Int? = lock.sync {
            guard next < count, !stopped else { return nil }
            next += 1
            return next - 1
        }
        guard let k else {
            room.signal()
            return nil
        }
        let slot = ring.baseAddress! + k % ring.count
        slot.pointee.count = 0
        return (k, slot)
    }

    /// Chunk `k` is spelled.
    func finish(_ k: Int) {
        done[k % ring.count].signal()
    }

    /// Waits for chunk `k` and lends its bytes to `body`; the buffer goes back to the ring.
    func handOn<E: Error>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> Void) throws(E) {
        done[k % ring.count].wait()
        defer { room.signal() }
        let text = ring[k % ring.count]
        try body(UnsafeBufferPointer(start: text.base, count: text.count))
    }

    /// No chunk is taken after this one; the cores waiting for room go on to find none.
    func stop() {
        lock.sync { stopped = true }
        for _ in 0..<ring.count { room.signal() }
    }
}
