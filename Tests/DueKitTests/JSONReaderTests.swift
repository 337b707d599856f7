import Foundation
import Testing
@testable import DueKit

/// The language server reads its messages once, by hand (`JSONReader`); what it reads must be
/// what Foundation's decoder reads. It is strict JSON: it also refuses what Foundation lets
/// pass on this system (a trailing comma, a byte-order mark), and reads a lone surrogate as
/// U+FFFD where Foundation refuses the message.
@Suite struct JSONReaderTests {
    static func read(_ text: String) -> JSONValue? {
        Array(text.utf8).withUnsafeBufferPointer { try? JSONReader.read($0) }
    }

    @Test func valuesReadAsWritten() {
        #expect(Self.read(#"{"a": [1, -2, 3.5, 1e3, true, false, null, "x"], "b": {}}"#) == .object([
            ("a", .array([.int(1), .int(-2), .number("3.5"), .number("1e3"), .bool(true), .bool(false), .null, .string("x")])), ("b", .object([])),
        ]))
        #expect(Self.read("  [ ]  ") == .array([]))
        // Escapes, a surrogate pair, a lone surrogate, text beyond ASCII as it is.
        #expect(Self.read(#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00\ud800x é""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t\u{E9}\u{1F600}\u{FFFD}x é"))
    }

    @Test func whatIsNotJSONIsRefused() {
        for bad in ["", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "01", "1.", "-", "1e", "tru", "\"a", "\"a\u{1}\"", "\"\\x\"", "\"\\u12\"", "{} {}", "[1 2]", "{\"a\" 1}", "NaN"] {
            #expect(Self.read(bad) == nil, "\(bad.debugDescription)")
        }
        let invalidUTF8: [UInt8] = [0x22, 0xFF, 0x22]
        #expect(invalidUTF8.withUnsafeBufferPointer { try? JSONReader.read($0) } == nil)
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(Self.read(deep) == nil)
    }

    /// The messages that open and change a document give the params Foundation's decoder
    /// gives, and the envelope it gives.
    @Test func openAndChangeReadAsFoundationReadsThem() throws {
        let text = "settings\n  currency GBP\n\n; \"quoted\" \\ back\tslash é 😀 \u{1}\n"
        let open = try JSONSerialization.data(withJSONObject: ["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": "file:///l%20x.due", "languageId": "due", "version": 3, "text": text], "extra": [1, 2]]])
        let m = try IncomingMessage(body: open)
        // Taken as read, the params are not held twice: the bytes go.
        #expect(m.method == "textDocument/didOpen" && m.id == nil && m.taken != nil && m.body.isEmpty)
        let fast = try m.params(DidOpenParams.self)
        struct Wrapped<P: Decodable>: Decodable { var params: P }
        let slow = try JSONDecoder().decode(Wrapped<DidOpenParams>.self, from: open).params
        #expect(fast.textDocument.text == slow.textDocument.text && fast.textDocument.text == text)
        #expect(fast.textDocument.uri == slow.textDocument.uri && fast.textDocument.version == 3 && fast.textDocument.languageId == "due")

        let change = Data(#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///l.due","version":null},"contentChanges":[{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":3}},"text":"7"},{"text":"whole\n"}]}}"#.utf8)
        let c = try IncomingMessage(body: change).params(DidChangeParams.self)
        let cs = try JSONDecoder().decode(Wrapped<DidChangeParams>.self, from: change).params
        #expect(c.textDocument.version == nil && c.textDocument.uri == cs.textDocument.uri)
        #expect(c.contentChanges.map(\.text) == cs.contentChanges.map(\.text) && c.contentChanges.map(\.range) == cs.contentChanges.map(\.range))
        #expect(c.contentChanges[0].range == LSPRange(start: Position(line: 1, character: 2), end: Position(line: 1, character: 3)))

        // Ids as numbers or strings; a request's params other than these are left to Foundation.
        let hover = try IncomingMessage(body: Data(#"{"jsonrpc":"2.0","id":"a-7","method":"textDocument/hover","params":{"textDocument":{"uri":"file:///l.due"},"position":{"line":0,"character":1}}}"#.utf8))
        let position = try hover.params(PositionParams.self).position
        #expect(hover.id == .text("a-7") && hover.taken == nil && position.character == 1)
        #expect(try IncomingMessage(body: Data(#"{"id":12,"method":"shutdown"}"#.utf8)).id == .number(12))
        #expect(try IncomingMessage(body: Data(#"{"id":1e2,"method":"shutdown"}"#.utf8)).id == .number(100))
        // A repeated key counts as its first, as Foundation takes it.
        let twice = Data(#"{"id":1,"id":"two","method":"textDocument/didOpen","params":{"textDocument":{"uri":"u","text":"a","text":"b"}}}"#.utf8)
        let first = try IncomingMessage(body: twice)
        let firstText = try first.params(DidOpenParams.self).textDocument.text
        #expect(first.id == .number(1) && firstText == "a")
        #expect(try JSONDecoder().decode(Wrapped<DidOpenParams>.self, from: twice).params.textDocument.text == "a")
        // Params of the wrong shape are refused with Foundation's error (the bytes are kept for it).
        let wrong = try IncomingMessage(body: Data(#"{"method":"textDocument/didOpen","params":{"textDocument":{"uri":1}}}"#.utf8))
        #expect(throws: ResponseError.self) { try wrong.params(DidOpenParams.self) }
        // Not an object, or not JSON: not a message.
        for bad in ["[1]", "{\"id\": [1]}", "{\"method\": 3}", "{\"id\": 1.5}", "{"] {
            #expect(throws: (any Error).self) { try IncomingMessage(body: Data(bad.utf8)) }
        }
    }
}
