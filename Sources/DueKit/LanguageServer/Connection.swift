import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The server's end of the pipe: a thread reads and frames messages from the input descriptor
/// into a queue, so that while the server works on one change the next keystrokes pile up and
/// are handled together; answers are written from the server's own thread.
public final class Connection: @unchecked Sendable {
    public enum Event: Sendable {
        case message(IncomingMessage)
        /// A frame whose body is not JSON-RPC: answered with a parse error.
        case malformed(String)
        case closed
    }

    private let input: Int32
    private let output: Int32
    private let lock = Lock()
    private var queue: [Event] = []
    /// Left by the reading thread when it has read the input to its end.
    private let reading = DispatchGroup()

    public init(input: Int32, output: Int32) {
        self.input = input
        self.output = output
    }

    /// Starts the reading thread.
    public func start() {
        reading.enter()
        OwnThread.start(stackSize: 1 << 20) { [self] in
            readLoop()
            reading.leave()
        }
    }

    /// Waits until the reading thread has read the input to its end. `LanguageServer.run`
    /// returns on `exit` while the thread may still be reading: a caller that closes the input
    /// then, and opens another file, could have the thread read from that one (the number is
    /// reused).
    public func waitUntilReadingEnds() {
        reading.wait()
    }

    private func readLoop() {
        var framer = MessageFramer()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            framer.append(chunk[0..<n])
            var events: [Event] = []
            while let frame = framer.next() {
                switch frame {
                case .message(let body):
                    do { events.append(.message(try IncomingMessage(body: body))) } catch {
                        events.append(.malformed("the message is not a JSON-RPC object"))
                    }
                case .badHeader(let header):
                    events.append(.malformed("a message header without a Content-Length: \(header.debugDescription)"))
                }
            }
            if !events.isEmpty { push(events) }
        }
        push([.closed])
    }

    private func push(_ events: [Event]) {
        lock.lock()
        queue.append(contentsOf: events)
        lock.signal()
        lock.unlock()
    }

    /// Everything that has arrived, waiting until at least one event has.
    public func takeAll() -> [Event] {
        lock.lock()
        while queue.isEmpty { lock.wait() }
        let events = queue
        queue.removeAll()
        lock.unlock()
        return events
    }

    public func send(_ body: Data) {
        let framed = MessageFramer.frame(body)
        framed.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(output, raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                done += n
            }
        }
    }
}
