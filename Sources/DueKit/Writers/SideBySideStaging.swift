#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

extension SafeFileWriter {
    /// What an output staged by `stageAll` holds.
    public enum Content: Sendable {
        /// Written piece after piece, never joined.
        case text([String])
        /// UTF-8 written piece after piece, never joined: a report's long texts, built as bytes.
        case pieces([[UInt8]])
        case bytes([UInt8])
    }

    /// One output for `stageAll`.
    public struct Output: Sendable {
        public var path: String
        public var content: Content
        public var durability: Durability

        public init(path: String, content: Content, durability: Durability = .synced) {
            self.path = path
            self.content = content
            self.durability = durability
        }

        /// How many bytes it holds.
        var size: Int {
            switch content {
            case .text(let pieces): pieces.reduce(0) { $0 + $1.utf8.count }
            case .pieces(let pieces): pieces.reduce(0) { $0 + $1.count }
            case .bytes(let bytes): bytes.count
            }
        }
    }

    /// How many outputs `stageAll` stages at once.
    static let sideBySide = 16

    /// `stage` of every output, several at a time; the staged files come back in the order
    /// given. Staging a file is mostly waiting for the disk to confirm its sync, not work for
    /// a core: a report's hundreds of drafts and letter forms synced one after another waited
    /// seconds, where syncs made side by side are confirmed together. The threads are the
    /// system's own, not the dispatch pool's, which runs no more at once than there are cores
    /// however long they wait. When any output cannot be staged, the others are discarded and
    /// the first failure in the given order is thrown.
    public static func stageAll(_ outputs: [Output]) throws(WriteError) -> [Staged] {
        let queue = StagingQueue(slots: outputs.count, width: min(sideBySide, outputs.count))
        for (k, output) in outputs.enumerated() { queue.submit(output, at: k) }
        return try queue.finish()
    }

    /// Outputs staged as they are handed in, while the caller goes on making the next: a
    /// report's thousands of letter forms are written as each is made and then let go, where
    /// holding all of them for one `stageAll` took hundreds of MB, and the disk waited for the
    /// last to be made. Each output has a slot, given by the caller; `finish` returns the staged
    /// files in slot order (slots never filled left out), or, when any output could not be
    /// staged, discards the others and throws the failure of the first slot that failed.
    final class StagingQueue: @unchecked Sendable {
        /// Condition 0: threads waiting for an output; 1: makers waiting for room.
        private let lock = Lock(conditions: 2)
        private var waiting: [(slot: Int, output: Output, size: Int)?] = []
        private var next = 0
        private var closed = false
        private var results: [Result<Staged, WriteError>?]
        private let finished = DispatchGroup()
        /// Bytes handed in and not yet staged. Outputs made faster than the disk takes them
        /// (a slow disk, or one busy finding room for thousands of new files) would pile up
        /// here: a report on a slow disk held a GB of letter forms. A caller waits to hand in
        /// more while `heldLimit` are held, unless none are.
        private var held = 0
        private let heldLimit: Int
        private let mask: mode_t

        init(slots: Int, width: Int = SafeFileWriter.sideBySide, heldLimit: Int = 64 << 20) {
            results = Array(repeating: nil, count: slots)
            self.heldLimit = heldLimit
            let mask = SafeFileWriter.currentUmask()
            self.mask = mask
            for _ in 0..<width {
                finished.enter()
                OwnThread.start { [self] in
                    // Each thread takes the next output handed in: a file of tens of MB, long to
                    // write and sync, holds up its own thread only.
                    while let (slot, output, size) = take() {
                        let result: Result<Staged, WriteError>
                        do throws(WriteError) { result = .success(try SafeFileWriter.stage(output, mask: mask)) } catch { result = .failure(error) }
                        lock.withLock {
                            results[slot] = result
                            held -= size
                            lock.broadcast(1)
                        }
                    }
                    finished.leave()
                }
            }
        }

        /// Hands `output` in, to be staged into `slot`.
        func submit(_ output: Output, at slot: Int) {
            let size = output.size
            lock.withLock {
                while held > 0 && held + size > heldLimit { lock.wait(1) }
                held += size
                waiting.append((slot, output, size))
                lock.signal(0)
            }
        }

        /// Stages `output` into `slot` on the caller's thread. For an output that is not synced
        /// (`Durability.remade`), which waits for no disk: handed to a thread, each of a
        /// report's thousands of letter forms cost two threads a wake-up, and the core that
        /// made it nothing. Each slot is filled once, by `submit` or here, and `finish` is called
        /// only after every `stageHere` has returned: a slot filled twice, or after `finish`
        /// read it, would leave a temporary file behind.
        func stageHere(_ output: Output, at slot: Int) {
            let result: Result<Staged, WriteError>
            do throws(WriteError) { result = .success(try SafeFileWriter.stage(output, mask: mask)) } catch { result = .failure(error) }
            lock.withLock { results[slot] = result }
        }

        /// The next output handed in and not yet taken, with its size, waiting for one; nil once
        /// the queue is closed and empty.
        private func take() -> (Int, Output, Int)? {
            lock.lock()
            defer { lock.unlock() }
            while next == waiting.count && !closed { lock.wait() }
            guard next < waiting.count else { return nil }
            let taken = waiting[next]!
            // Let go of the output's bytes once written, not when the queue goes.
            waiting[next] = nil
            next += 1
            return taken
        }

        /// Waits until everything handed in is staged.
        func finish() throws(WriteError) -> [Staged] {
            lock.withLock {
                closed = true
                lock.broadcast()
            }
            finished.wait()
            var staged: [Staged] = []
            var failure: WriteError?
            for result in results {
                switch result {
                case .success(let s)?: staged.append(s)
                case .failure(let e)?: failure = failure ?? e
                case nil: break
                }
            }
            if let failure {
                discard(staged)
                throw failure
            }
            return staged
        }
    }

    /// `stage` of one output, new files getting their permissions from `mask`, read when nil.
    static func stage(_ output: Output, mask: mode_t?) throws(WriteError) -> Staged {
        var stream = try Stream(path: output.path)
        defer { stream.close() }
        stream.mask = mask
        stream.durability = output.durability
        switch output.content {
        case .bytes(let bytes): try stream.write(bytes)
        case .text(let pieces): for piece in pieces { try stream.write(piece) }
        case .pieces(let pieces): for piece in pieces { try stream.write(piece) }
        }
        return try stream.finish()
    }
}
