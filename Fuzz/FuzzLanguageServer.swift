// libFuzzer target for `due lsp`: the server is sent what an editor sends, built from the
// input, and must answer every request once, with JSON, whatever the text and the positions.
// Built by Scripts/fuzz.sh with every file of Sources/DueKit, outside the Swift package.
//
// The input is up to three parts cut at 0xFF 0xFE markers: the ledger the editor opens, the
// text one edit puts in (at a range picked from the input), and a message body sent as it is,
// so the server's own JSON reader sees any bytes. Positions are picked by a generator seeded
// from the input: inside the text, at line ends, and far outside it. The document lives at a
// path in an empty folder made for this process (and removed at its exit); the server's input
// and output are files there removed as soon as they are open, so an `include` beside the
// document finds nothing. (One naming a path elsewhere reads it, as the server would.)

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLanguageServer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    var parts = split(bytes)
    while parts.count < 3 { parts.append([]) }
    let ledger = String(decoding: parts[0], as: UTF8.self)
    let inserted = String(decoding: parts[1], as: UTF8.self)
    let raw = parts[2]

    let folder = fuzzFolder
    let uri = "file://\(folder)/main.due"
    var random = SplitMix(seed: bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 })
    let lines = ledger.split(separator: "\n", omittingEmptySubsequences: false)
    func position() -> [String: Int] {
        switch random.next() % 4 {
        case 0: return ["line": Int(random.next() % 1_000_000), "character": Int(random.next() % 1_000_000)]
        case 1:
            let line = Int(random.next() % UInt64(lines.count))
            return ["line": line, "character": lines[line].utf16.count]
        default:
            let line = Int(random.next() % UInt64(lines.count))
            return ["line": line, "character": Int(random.next() % UInt64(lines[line].utf16.count + 2))]
        }
    }
    func range() -> [String: Any] {
        let a = position(), b = position()
        let ordered = (a["line"]!, a["character"]!) <= (b["line"]!, b["character"]!)
        return ["start": ordered ? a : b, "end": ordered ? b : a]
    }

    var frames: [Data] = []
    var asked = 0
    func send(_ method: String, _ params: [String: Any], request: Bool = true) {
        var message: [String: Any] = ["jsonrpc": "2.0", "method": method, "params": params]
        if request {
            asked += 1
            message["id"] = asked
        }
        frames.append(try! JSONSerialization.data(withJSONObject: message))
    }
    func askEverything() {
        let document: [String: Any] = ["uri": uri]
        for _ in 0..<3 {
            let at: [String: Any] = ["textDocument": document, "position": position()]
            for method in ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/references", "textDocument/prepareRename"] {
                send(method, at)
            }
            send("textDocument/rename", ["textDocument": document, "position": position(), "newName": inserted.isEmpty ? "renamed" : inserted])
            send("textDocument/codeAction", ["textDocument": document, "range": range(), "context": ["diagnostics": []]])
            send("textDocument/inlayHint", ["textDocument": document, "range": range()])
        }
        for method in ["textDocument/documentSymbol", "textDocument/formatting", "textDocument/foldingRange", "textDocument/semanticTokens/full", "textDocument/codeLens"] {
            send(method, ["textDocument": document])
        }
        send("workspace/symbol", ["query": String(inserted.prefix(8))])
    }

    send("initialize", ["processId": NSNull(), "capabilities": [:]])
    send("initialized", [:], request: false)
    send("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "due", "version": 1, "text": ledger]], request: false)
    askEverything()
    send("textDocument/didChange", ["textDocument": ["uri": uri, "version": 2], "contentChanges": [["range": range(), "text": inserted]]], request: false)
    askEverything()
    if !raw.isEmpty { frames.append(Data(raw)) }
    send("shutdown", [:])
    send("exit", [:], request: false)

    // The messages wait in a file the server reads as its input; its answers go to another.
    var stream = Data()
    for f in frames { stream.append(MessageFramer.frame(f)) }
    let inFD = unlinkedFile(in: folder), outFD = unlinkedFile(in: folder)
    stream.withUnsafeBytes { raw in
        var done = 0
        while done < raw.count {
            let n = write(inFD, raw.baseAddress! + done, raw.count - done)
            if n <= 0 { fatalError("cannot write the server's input: \(String(cString: strerror(errno)))") }
            done += n
        }
    }
    lseek(inFD, 0, SEEK_SET)
    let connection = Connection(input: inFD, output: outFD)
    let server = LanguageServer(connection: connection, asOf: Day(year: 2026, month: 6, day: 30)!)
    _ = server.run()
    connection.waitUntilReadingEnds()
    close(inFD)
    var written: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    lseek(outFD, 0, SEEK_SET)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(outFD, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        written += chunk[..<n]
    }
    close(outFD)

    // Every answer is a JSON object, and every request numbered here has exactly one answer
    // (the raw body may be a request too, answered or refused under its own id).
    var framer = MessageFramer()
    framer.append(written)
    var answered: [Int: Int] = [:]
    while let frame = framer.next() {
        guard case .message(let body) = frame else { fatalError("the server wrote a frame without a Content-Length") }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            fatalError("the server wrote a body that is not a JSON object: \(String(decoding: body.prefix(200), as: UTF8.self))")
        }
        if object["method"] == nil, let id = object["id"] as? Int, object["result"] != nil || object["error"] != nil {
            answered[id, default: 0] += 1
        }
    }
    let rawMayAnswer = !raw.isEmpty
    for id in 1...asked where answered[id] != 1 {
        // Only the raw body can add an answer, under an id it chose.
        if rawMayAnswer && answered[id] == 2 { continue }
        // The raw body may be an `exit`: nothing after it is read, and the shutdown goes unanswered.
        if rawMayAnswer && id == asked && answered[id] == nil { continue }
        fatalError("request \(id) was answered \(answered[id] ?? 0) times")
    }
    return 0
}

/// An empty folder for this process's documents, removed when it exits.
private let fuzzFolder: String = {
    var template = Array("/tmp/due-fuzz-lsp-XXXXXX".utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
        fatalError("cannot make a folder for the documents: \(String(cString: strerror(errno)))")
    }
    let folder = String(cString: made)
    atexit { if let path = fuzzFolderPath { rmdir(path) } }
    fuzzFolderPath = strdup(folder)
    return folder
}()

/// The folder's path for the exit handler, which cannot capture it.
nonisolated(unsafe) private var fuzzFolderPath: UnsafeMutablePointer<CChar>?

/// A new file in `folder`, open to read and write, its name removed at once.
private func unlinkedFile(in folder: String) -> Int32 {
    var template = Array("\(folder)/io-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    if fd < 0 { fatalError("cannot make a file in \(folder): \(String(cString: strerror(errno)))") }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    return fd
}

/// `bytes` cut at each 0xFF 0xFE, at most three parts.
private func split(_ bytes: [UInt8]) -> [[UInt8]] {
    var parts: [[UInt8]] = []
    var start = 0, k = 0
    while k + 1 < bytes.count && parts.count < 2 {
        if bytes[k] == 0xFF && bytes[k + 1] == 0xFE {
            parts.append(Array(bytes[start..<k]))
            start = k + 2
            k = start
        } else {
            k += 1
        }
    }
    parts.append(Array(bytes[start...]))
    return parts
}
