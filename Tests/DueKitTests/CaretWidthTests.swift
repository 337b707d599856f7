import Testing
@testable import DueKit

/// The caret under a diagnostic stands under the words it points at as a terminal draws the
/// line: a wide character (Chinese, Japanese, Korean, an emoji) takes two columns, a combining
/// mark none, where each counted one.
@Suite struct CaretWidthTests {
    /// The source line and the caret line `due check` prints for the E301 on `payment`.
    private func shown(payment client: String) throws -> (source: String, caret: String) {
        let text = "settings\n  currency GBP\nclient \(client) Someone\n2026-03-05 payment \(client) 10.005\n"
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "w.due")
        let d = try #require(Checker.check(load, asOf: Day(year: 2026, month: 4, day: 1)!).first { $0.code == "E301" })
        var renderer = DiagnosticRenderer(files: load.ledger.files)
        let lines = renderer.render(d).split(separator: "\n").map(String.init)
        return (try #require(lines.first { $0.contains("payment") }), try #require(lines.first { $0.contains("^") }))
    }

    @Test(arguments: [
        // client as written, columns it takes on a terminal
        ("山田", 4), ("\u{1F469}\u{200D}\u{1F4BB}dev", 5), ("cafe\u{301}", 4), ("ｔｅａ", 6), ("acme", 4),
    ])
    func theCaretStandsUnderTheAmount(client: String, columns: Int) throws {
        let (source, caret) = try shown(payment: client)
        // `   4 | 2026-03-05 payment ` is 25 columns before the client.
        #expect(source.hasPrefix("   4 | 2026-03-05 payment \(client) 10.005"))
        #expect(caret == "     | " + String(repeating: " ", count: 19 + columns + 1) + "^~~~~~", "\(source)\n\(caret)")
    }
}
