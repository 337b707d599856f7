#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A request's id: JSON-RPC allows a number or a string, and the answer must carry it back as sent.
public enum RequestID: Codable, Sendable, Hashable {
    case number(Int)
    case text(String)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) { self = .number(n) } else { self = .text(try c.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let n): try c.encode(n)
        case .text(let s): try c.encode(s)
        }
    }
}

/// The error codes JSON-RPC and LSP define that `due lsp` answers with.
public enum ErrorCode {
    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    public static let serverNotInitialized = -32002
    public static let invalidRequestAfterShutdown = -32600
}

public struct ResponseError: Codable, Sendable, Error {
    public var code: Int
    public var message: String

    public init(_ code: Int, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// One message read from the client, once (`JSONReader`): its envelope, and the params of the
/// messages that carry a document's text, which are then not held twice (as bytes and as
/// text) while the message waits its turn. The others are kept as bytes, which Foundation's
/// decoder reads when their method says what their params are.
public struct IncomingMessage: Sendable {
    public var id: RequestID?
    public var method: String?
    /// The message's bytes; empty when its params were taken as read (`taken`).
    public let body: Data
    /// The params of a `didOpen` or `didChange`, taken from the message as read.
    let taken: Taken?

    enum Taken: Sendable {
        case open(DidOpenParams)
        case change(DidChangeParams)
    }

    private struct Params<P: Decodable>: Decodable {
        var params: P
    }

    struct NotAnObject: Error {}

    /// Reads the envelope; throws when the body is not a JSON object of the JSON-RPC shape.
    public init(body: Data) throws {
        let value = try body.withUnsafeBytes { raw in try JSONReader.read(raw.bindMemory(to: UInt8.self)) }
        guard case .object = value else { throw NotAnObject() }
        switch value.field("id") {
        case nil, .null?: id = nil
        case .int(let n)?:
            guard let n = Int(exactly: n) else { throw NotAnObject() }
            id = .number(n)
        case .number(let text)?:
            // `1.0` or `1e2`, which Foundation's decoder takes as a whole number.
            guard let d = Double(text), d.rounded() == d, let n = Int(exactly: d) else { throw NotAnObject() }
            id = .number(n)
        case .string(let s)?: id = .text(s)
        default: throw NotAnObject()
        }
        switch value.field("method") {
        case nil, .null?: method = nil
        case .string(let s)?: method = s
        default: throw NotAnObject()
        }
        let params = value.field("params") ?? .null
        switch method {
        case "textDocument/didOpen"?: taken = DidOpenParams(params).map(Taken.open)
        case "textDocument/didChange"?: taken = DidChangeParams(params).map(Taken.change)
        default: taken = nil
        }
        // Params of another shape are left to Foundation's decoder, which says what is wrong.
        self.body = taken == nil ? body : Data()
    }

    public func params<P: Decodable>(_ type: P.Type) throws(ResponseError) -> P {
        switch taken {
        case .open(let p)?: if let p = p as? P { return p }
        case .change(let p)?: if let p = p as? P { return p }
        case nil: break
        }
        do { return try JSONDecoder().decode(Params<P>.self, from: body).params } catch {
            throw ResponseError(ErrorCode.invalidParams, "invalid params for \(method ?? "request"): \(error)")
        }
    }
}

/// What the server sends: a response (with a result that may be null, or an error) or a notification.
enum OutgoingMessage {
    struct Response<R: Encodable>: Encodable {
        var id: RequestID?
        var result: R?
        var error: ResponseError?

        enum CodingKeys: String, CodingKey { case jsonrpc, id, result, error }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode("2.0", forKey: .jsonrpc)
            // A response to a request whose id could not be read carries a null id.
            if let id { try c.encode(id, forKey: .id) } else { try c.encodeNil(forKey: .id) }
            if let error { try c.encode(error, forKey: .error) } else if let result { try c.encode(result, forKey: .result) } else { try c.encodeNil(forKey: .result) }
        }
    }

    struct Notification<P: Encodable>: Encodable {
        var jsonrpc = "2.0"
        var method: String
        var params: P
    }

    static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // Every type sent is built from strings, numbers and arrays; encoding cannot fail.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}

/// Splits the byte stream into messages by their `Content-Length` headers (LSP's base protocol).
public struct MessageFramer: Sendable {
    private var buffer: [UInt8] = []

    public enum Frame: Sendable, Equatable {
        case message(Data)
        /// A header block without a usable Content-Length: skipped, and answered with an error.
        case badHeader(String)
    }

    public init() {}

    public mutating func append(_ bytes: some Sequence<UInt8>) { buffer.append(contentsOf: bytes) }

    /// `s` without the spaces and tabs around it.
    private func trimmed(_ s: Substring) -> Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = s.firstIndex(where: { !blank($0) }), let last = s.lastIndex(where: { !blank($0) }) else { return "" }
        return s[first...last]
    }

    /// The next complete frame, or nil when more bytes are needed.
    public mutating func next() -> Frame? {
        guard let end = headerEnd() else { return nil }
        let header = String(decoding: buffer[..<end], as: UTF8.self)
        var length: Int?
        for line in header.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" }) {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, trimmed(parts[0]).lowercased() == "content-length" {
                length = Int(trimmed(parts[1]))
            }
        }
        let bodyStart = end + 4
        guard let length, length >= 0 else {
            buffer.removeSubrange(..<bodyStart)
            return .badHeader(header)
        }
        guard buffer.count >= bodyStart + length else { return nil }
        let body = Data(buffer[bodyStart..<bodyStart + length])
        buffer.removeSubrange(..<(bodyStart + length))
        return .message(body)
    }

    private func headerEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4) where buffer[i] == 0x0D && buffer[i + 1] == 0x0A && buffer[i + 2] == 0x0D && buffer[i + 3] == 0x0A {
            return i
        }
        return nil
    }

    /// One message framed for sending.
    public static func frame(_ body: Data) -> Data {
        var out = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        out.append(body)
        return out
    }
}
