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

/// How long an editor waits for `due lsp`: the server runs on its own thread behind real pipes,
/// and a client opens the ledger, then types into the middle of it (one character in, one out,
/// as a keystroke and its undo), timing each change until its diagnostics arrive.
public struct EditorLatency: Sendable {
    public var path: String
    public var bytes: Int
    /// Seconds from `didOpen` to the first diagnostics.
    public var open: Double
    /// Seconds from each `didChange` to the diagnostics of that version.
    public var keystrokes: [Double]
    /// Processor seconds the whole process (server and client, every thread) spent on each
    /// keystroke: on a busy machine the wall time says more about the neighbours than about `due`.
    public var processor: [Double] = []

    public var median: Double { keystrokes.sorted()[keystrokes.count / 2] }
    public var worst: Double { keystrokes.max() ?? 0 }
    public var processorMedian: Double { processor.isEmpty ? 0 : processor.sorted()[processor.count / 2] }

    public func render() -> String {
        func ms(_ x: Double) -> String { String((x * 10_000).rounded() / 10) + " ms" }
        return "\(path): \(bytes) bytes\n  open to diagnostics       \(ms(open))\n  keystroke to diagnostics  median \(ms(median)), worst \(ms(worst)) over \(keystrokes.count) keystrokes\n  processor per keystroke   median \(ms(processorMedian)) (all threads)\n"
    }
}

public enum EditorLatencyBenchmark {
    public static func run(path: String, asOf: Day, keystrokes: Int) throws(FileError) -> EditorLatency {
        let bytes = try FileSystem.readFile(path)
        var toServer: [Int32] = [0, 0], fromServer: [Int32] = [0, 0]
        guard pipe(&toServer) == 0, pipe(&fromServer) == 0 else { throw .other(path, "cannot make a pipe") }
        let server = LanguageServer(connection: Connection(input: toServer[0], output: fromServer[1]), asOf: asOf)
        let done = DispatchSemaphore(value: 0)
        let box = ServerBox(server)
        OwnThread.start { _ = box.server.run(); done.signal() }
        var client = PipeClient(output: toServer[1], input: fromServer[0])

        let uri = DocumentURI.uri(FileSystem.canonical(path))
        client.send(id: 1, "initialize", .object([]))
        _ = client.next { $0.id == .number(1) }
        let text = String(decoding: bytes, as: UTF8.self)
        // The message is made before the clock starts: an editor's own encoding of the text is
        // not the server's time.
        let opening = PipeClient.frame(nil, "textDocument/didOpen", .object([("textDocument", .object([("uri", .string(uri)), ("languageId", .string("due")), ("version", .int(1)), ("text", .string(text))]))]))
        var t0 = Benchmark.now()
        client.deliver(opening)
        _ = client.diagnostics(uri: uri, version: 1)
        let open = Benchmark.now() - t0

        // A line in the middle, typed at its end.
        let lines = LineIndex(bytes)
        let middle = lines.lineCount / 2
        let end = lines.position(of: lines.lineRange(middle, in: bytes).upperBound, in: bytes)
        var times: [Double] = []
        var processor: [Double] = []
        for k in 0..<keystrokes {
            let version = k + 2
            let typed = k % 2 == 0
            let range = JSONValue.object([
                ("start", .object([("line", .int(Int64(end.line))), ("character", .int(Int64(end.character)))])),
                ("end", .object([("line", .int(Int64(end.line))), ("character", .int(Int64(end.character + (typed ? 0 : 1))))])),
            ])
            t0 = Benchmark.now()
            let c0 = Benchmark.cpuTime()
            client.send("textDocument/didChange", .object([("textDocument", .object([("uri", .string(uri)), ("version", .int(Int64(version)))])), ("contentChanges", .array([.object([("range", range), ("text", .string(typed ? "7" : ""))])]))]))
            _ = client.diagnostics(uri: uri, version: version)
            times.append(Benchmark.now() - t0)
            processor.append(Benchmark.cpuTime() - c0)
        }
        client.send(id: 2, "shutdown", nil)
        _ = client.next { $0.id == .number(2) }
        client.send("exit", nil)
        done.wait()
        for fd in toServer + fromServer { close(fd) }
        return EditorLatency(path: path, bytes: bytes.count, open: open, keystrokes: times, processor: processor)
    }

    /// Hands the server to its thread.
    final class ServerBox: @unchecked Sendable {
        let server: LanguageServer
        init(_ server: LanguageServer) { self.server = server }
    }

    /// The editor's end of the pipes.
    struct PipeClient {
        let output: Int32
        let input: Int32
        var framer = MessageFramer()

        /// What the benchmark reads of a message from the server: which request it answers, or
        /// which document and version its diagnostics are for.
        struct Heard: Decodable {
            struct Params: Decodable {
                var uri: String?
                var version: Int?
            }
            var id: RequestID?
            var method: String?
            var params: Params?
        }

        /// Sends a request (with `id`) or a notification.
        func send(id: Int? = nil, _ method: String, _ params: JSONValue?) {
            deliver(Self.frame(id, method, params))
        }

        /// A request (with `id`) or a notification, framed to send.
        static func frame(_ id: Int?, _ method: String, _ params: JSONValue?) -> Data {
            var fields: [(String, JSONValue)] = [("jsonrpc", .string("2.0"))]
            if let id { fields.append(("id", .int(Int64(id)))) }
            fields.append(("method", .string(method)))
            if let params { fields.append(("params", params)) }
            return MessageFramer.frame(Data(JSONValue.object(fields).render(pretty: false).utf8))
        }

        /// Sends a framed message.
        func deliver(_ framed: Data) {
            framed.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = write(output, raw.baseAddress! + done, raw.count - done)
                    if n <= 0 { return }
                    done += n
                }
            }
        }

        /// The next message that matches, skipping the others; nil when the server has gone.
        mutating func next(_ matches: (Heard) -> Bool) -> Heard? {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                while let frame = framer.next() {
                    if case .message(let body) = frame, let heard = try? JSONDecoder().decode(Heard.self, from: body), matches(heard) {
                        return heard
                    }
                }
                let n = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                if n <= 0 { return nil }
                framer.append(chunk[0..<n])
            }
        }

        mutating func diagnostics(uri: String, version: Int) -> Heard? {
            next { $0.method == "textDocument/publishDiagnostics" && $0.params?.uri == uri && $0.params?.version == version }
        }
    }
}
