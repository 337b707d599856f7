import Foundation
import Testing
@testable import DueKit

/// A report as JSON is written a piece at a time, its long arrays made row by row: the bytes
/// must be those of the whole text, however small the pieces.
@Suite struct JSONStreamTests {
    static func streamed(_ v: JSONValue, pretty: Bool, every: Int) -> (text: String, pieces: Int) {
        var bytes: [UInt8] = []
        var pieces = 0
        v.stream(pretty: pretty, newline: true, every: every) { piece in
            bytes.append(contentsOf: piece)
            pieces += 1
        }
        return (String(decoding: bytes, as: UTF8.self), pieces)
    }

    @Test func piecesJoinToTheWholeText() throws {
        let value = JSONValue.object([
            ("empty", .rows(count: 0) { _ in .null }),
            ("rows", .rows(count: 300) { k in
                .object([("k", .int(Int64(k))), ("text", .string("line \"\(k)\"\n")), ("nested", .rows(count: k % 3) { j in .array([.int(Int64(j)), .bool(j == 0)]) })])
            }),
            ("array", .array([.number("1.50"), .null, .object([])])),
        ])
        for pretty in [true, false] {
            let whole = value.render(pretty: pretty, newline: true)
            for every in [1, 7, 100, 1 << 20] {
                let (text, pieces) = Self.streamed(value, pretty: pretty, every: every)
                #expect(text == whole, "pretty \(pretty), every \(every)")
                // Small pieces are many; one piece when the whole fits.
                #expect(every > whole.utf8.count ? pieces == 1 : pieces > 1)
            }
            // Valid JSON, rows and all.
            let parsed = try JSONSerialization.jsonObject(with: Data(whole.utf8)) as? [String: Any]
            #expect((parsed?["rows"] as? [Any])?.count == 300 && (parsed?["empty"] as? [Any])?.isEmpty == true)
        }
    }

    /// The aging of a ledger, streamed in small pieces, is the text rendered whole.
    @Test func agingAsJSONStreamsTheTextItRenders() throws {
        let load = LedgerLoader.load(bytes: Array(try String(contentsOfFile: Repo.path("samples/studio.due"), encoding: .utf8).utf8), path: "studio.due")
        let asOf = Day.parse("2026-11-20")!
        let report = AgingReport(ledger: load.ledger, sheet: BalanceEngine.balances(load.ledger, asOf: asOf), options: AgingOptions())
        let renderer = AgingRenderer(report, color: false)
        var bytes: [UInt8] = []
        renderer.write(.json) { bytes.append(contentsOf: $0) }
        #expect(String(decoding: bytes, as: UTF8.self) == renderer.render(.json))
        #expect(report.lines.count > 3)
        var text: [UInt8] = []
        renderer.write(.text) { text.append(contentsOf: $0) }
        #expect(String(decoding: text, as: UTF8.self) == renderer.render(.text))
    }
}
