import Foundation
@testable import DueKit

/// Drives the built `due lsp` over pipes as an editor would: frames requests, reads framed
/// answers and notifications on a background thread, and waits for the ones a test asks for.
final class LSPClient: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSCondition()
    private var messages: [[String: Any]] = []
    private var nextID = 1

    init(arguments: [String] = ["lsp", "--as-of", "2026-11-20"]) throws {
        process.executableURL = URL(fileURLWithPath: DueRun.binary)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = output.fileHandleForReading
        Thread { [self] in
            var framer = MessageFramer()
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                framer.append(data)
                while let frame = framer.next() {
                    guard case .message(let body) = frame,
                        let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
                    else { continue }
                    lock.lock()
                    messages.append(object)
                    lock.broadcast()
                    lock.unlock()
                }
            }
        }.start()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    func sendRaw(_ bytes: Data) {
        input.fileHandleForWriting.write(bytes)
    }

    func send(_ object: [String: Any]) {
        let body = try! JSONSerialization.data(withJSONObject: object)
        sendRaw(MessageFramer.frame(body))
    }

    func notify(_ method: String, _ params: [String: Any]) {
        send(["jsonrpc": "2.0", "method": method, "params": params])
    }

    /// Sends a request and waits for its answer (the whole response object).
    @discardableResult
    func request(_ method: String, _ params: [String: Any] = [:], timeout: Double = 20) -> [String: Any]? {
        let id = nextID
        nextID += 1
        send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
        return wait(timeout: timeout) { ($0["id"] as? Int) == id && $0["method"] == nil }
    }

    /// The first message received (and not yet taken) that matches, waiting for it.
    func wait(timeout: Double = 20, _ matches: ([String: Any]) -> Bool) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let k = messages.firstIndex(where: matches) { return messages.remove(at: k) }
            if !lock.wait(until: deadline) { return nil }
        }
    }

    /// The next diagnostics published for `uri`.
    func diagnostics(for uri: String, timeout: Double = 20) -> [[String: Any]]? {
        let note = wait(timeout: timeout) {
            ($0["method"] as? String) == "textDocument/publishDiagnostics" && (($0["params"] as? [String: Any])?["uri"] as? String) == uri
        }
        return (note?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]]
    }

    func initialize() {
        _ = request("initialize", ["processId": NSNull(), "rootUri": NSNull(), "capabilities": [:] as [String: Any]])
        notify("initialized", [:])
    }

    func open(_ uri: String, text: String) {
        notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "due", "version": 1, "text": text]])
    }

    func change(_ uri: String, version: Int, _ changes: [[String: Any]]) {
        notify("textDocument/didChange", ["textDocument": ["uri": uri, "version": version], "contentChanges": changes])
    }

    /// Ends the session as an editor does; returns the exit status.
    func shutdown() -> Int32 {
        _ = request("shutdown")
        notify("exit", [:])
        process.waitUntilExit()
        return process.terminationStatus
    }
}

func position(_ line: Int, _ character: Int) -> [String: Any] { ["line": line, "character": character] }

func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> [String: Any] { ["start": position(l1, c1), "end": position(l2, c2)] }
