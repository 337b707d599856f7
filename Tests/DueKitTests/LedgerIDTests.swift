import Foundation
import Testing
@testable import DueKit

/// One definition of an id (grammar.md §2) for the parser, the import and the editor's rename.
@Suite struct LedgerIDTests {
    static let ids = ["acme", "0379-NEVHP", "INV/88", "a.b_c#1", "Müller", "日本-1", "👩‍💻"]
    static let notIDs = ["", "-acme", "#1", "a b", "a,b", "a\u{200B}b", "a\u{00AD}b", "a\u{202E}b", "a\u{00A0}b"]

    @Test func lettersOfAnyScriptAreIdsAndHiddenCharactersAreNot() {
        for id in Self.ids { #expect(LedgerID.isValid(id), "\(id)") }
        for text in Self.notIDs { #expect(!LedgerID.isValid(text), "\(text.unicodeScalars.map { $0.value })") }
        #expect(LedgerID.problem(in: Array("ab\u{200B}c".utf8)) == .hidden(offset: 2, length: 3, scalar: "\u{200B}"))
        #expect(LedgerID.problem(in: Array("a b".utf8)) == .character)
    }

    /// What the parser accepts as a client id is what `LedgerID` accepts, and the other way round.
    @Test func theParserAcceptsExactlyTheIds() {
        for text in Self.ids + Self.notIDs where !text.isEmpty && !text.contains(" ") {
            let load = LedgerLoader.load(bytes: Array("client \(text) Someone\n".utf8), path: "t.due")
            let e112 = load.diagnostics.filter { $0.kind == .E112 }
            #expect(e112.isEmpty == LedgerID.isValid(text), "\(text.unicodeScalars.map { $0.value }): \(load.diagnostics.map(\.message))")
        }
    }

    /// The parser's short test for an ASCII id says yes exactly when the general reading finds
    /// an id of ASCII bytes: every byte value at every place of ids of every length, read a
    /// byte or eight bytes at a time.
    @Test func theShortTestForAnASCIIIdAgreesWithTheGeneralReading() {
        for length in 1...20 {
            for at in 0..<length {
                for byte in 0...255 {
                    var id = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
                    id[at] = UInt8(byte)
                    let general = LedgerID.problem(in: id) == nil && id.allSatisfy { $0 < 0x80 }
                    let short = id.withUnsafeBufferPointer { LedgerID.isASCIIID($0) }
                    #expect(short == general, "\(id)")
                }
            }
        }
    }

    /// A spreadsheet's client that already is an id, in any script, keeps it.
    @Test func importKeepsAClientThatIsAlreadyAnId() throws {
        let result = try importCSV("invoice,client,date,amount\n1,Müller,2026-01-02,10\n2,A B,2026-01-02,10\n").get()
        #expect(result.text.contains("client Müller\n"), "\(result.text)")
        #expect(result.text.contains("client a-b A B\n"), "\(result.text)")
        #expect(LedgerLoader.load(bytes: Array(result.text.utf8), path: "t.due").diagnostics.isEmpty)
    }
}
