import Foundation
import Testing
@testable import DueKit

/// `due lsp` driven over pipes as an editor drives it.
@Suite(.serialized)
struct LanguageServerTests {
    static let clients = """
        client acme Acme Widgets Ltd
          currency GBP
          terms    net 30

        client bolt Bolt 🚀 Co
          currency GBP

        """

    static let main = """
        include clients.due

        2026-09-01 invoice acme 2026-001
          item  Design  1 x 1000.00

        2026-09-15 invoice acme 2026-002
          total  500.00

        2026-10-01 invoice bolt 2026-003
          total  200.00

        2026-10-05 payment acme 400.00
          apply  2026-001

        2026-11-01 note acme call
          said   paying soon

        """

    /// A folder with the two-file ledger above; returns the URIs of main.due and clients.due.
    static func fixture() throws -> (main: String, clients: String, dir: String) {
        let dir = FileSystem.canonical(try temporaryDirectory())
        try main.write(toFile: dir + "/main.due", atomically: true, encoding: .utf8)
        try clients.write(toFile: dir + "/clients.due", atomically: true, encoding: .utf8)
        return (DocumentURI.uri(dir + "/main.due"), DocumentURI.uri(dir + "/clients.due"), dir)
    }

    static func started() throws -> (LSPClient, main: String, clients: String) {
        let f = try fixture()
        let client = try LSPClient()
        client.initialize()
        client.open(f.main, text: main)
        return (client, f.main, f.clients)
    }

    static func result(_ response: [String: Any]?) -> Any? { response?["result"] }

    static func labels(_ response: [String: Any]?) -> [String] {
        let items = (result(response) as? [String: Any])?["items"] as? [[String: Any]] ?? []
        return items.compactMap { $0["label"] as? String }
    }

    static func codes(_ diagnostics: [[String: Any]]?) -> [String] {
        (diagnostics ?? []).compactMap { $0["code"] as? String }
    }

    // MARK: - Lifecycle and robustness

    @Test func initializeAnswersCapabilitiesAndShutdownExitsCleanly() throws {
        let client = try LSPClient()
        let early = client.request("textDocument/hover", ["textDocument": ["uri": "file:///x.due"], "position": position(0, 0)])
        #expect((early?["error"] as? [String: Any])?["code"] as? Int == ErrorCode.serverNotInitialized)
        let answer = client.request("initialize", ["capabilities": [:] as [String: Any]])
        let caps = (Self.result(answer) as? [String: Any])?["capabilities"] as? [String: Any]
        #expect((caps?["textDocumentSync"] as? [String: Any])?["change"] as? Int == 2)
        for key in ["hoverProvider", "definitionProvider", "referencesProvider", "documentFormattingProvider", "inlayHintProvider", "foldingRangeProvider"] {
            #expect(caps?[key] as? Bool == true, "\(key)")
        }
        #expect(caps?["semanticTokensProvider"] != nil && caps?["codeLensProvider"] != nil && caps?["renameProvider"] != nil)
        #expect(client.shutdown() == 0)
    }

    @Test func exitWithoutShutdownIsAnError() throws {
        let client = try LSPClient()
        client.initialize()
        client.notify("exit", [:])
        client.process.waitUntilExit()
        #expect(client.process.terminationStatus == 1)
    }

    @Test func malformedMessagesAndUnknownMethodsGetErrorsAndTheServerGoesOn() throws {
        let client = try LSPClient()
        client.initialize()
        client.sendRaw(MessageFramer.frame(Data("{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": ".utf8)))
        let parse = client.wait { $0["error"] != nil }
        #expect((parse?["error"] as? [String: Any])?["code"] as? Int == ErrorCode.parseError)
        client.sendRaw(Data("X-Nothing: here\r\n\r\n".utf8))
        let header = client.wait { $0["error"] != nil }
        #expect((header?["error"] as? [String: Any])?["code"] as? Int == ErrorCode.parseError)
        let unknown = client.request("textDocument/somethingNew", [:])
        #expect((unknown?["error"] as? [String: Any])?["code"] as? Int == ErrorCode.methodNotFound)
        // An unknown notification is ignored; bad params are an error answer.
        client.notify("workspace/somethingElse", [:])
        let bad = client.request("textDocument/hover", ["textDocument": 3])
        #expect((bad?["error"] as? [String: Any])?["code"] as? Int == ErrorCode.invalidParams)
        // Still serving.
        let f = try Self.fixture()
        client.open(f.main, text: Self.main)
        #expect(client.diagnostics(for: f.main) != nil)
        #expect(client.process.isRunning)
        #expect(client.shutdown() == 0)
    }

    // MARK: - Diagnostics

    @Test func diagnosticsMatchDueCheckOnEveryBadSample() throws {
        let client = try LSPClient()
        client.initialize()
        let folder = Repo.path("samples/bad")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".due") }.sorted()
        #expect(names.count > 40)
        var compared = 0
        for name in names {
            let path = folder + "/" + name
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            // The editor holds text; a file that is not UTF-8 reaches the server changed.
            guard let text = String(data: data, encoding: .utf8), Array(text.utf8) == Array(data) else { continue }
            let check = try DueRun.run(["check", "--json", "--as-of", "2026-11-20", path])
            let json = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
            let expected = (json?["diagnostics"] as? [[String: Any]] ?? []).filter { ($0["file"] as? String) == path }
            let uri = DocumentURI.uri(path)
            client.open(uri, text: text)
            let got = client.diagnostics(for: uri) ?? []
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            // `due check` counts lines by their `\n`; the editor ends one at a lone `\r` too
            // (LSP): its line for a place `due check` gives as line and column.
            let bytes = Array(text.utf8), editorLines = LineIndex(bytes)
            let checkLines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            func editorLine(_ line: Int, _ column: Int) -> Int {
                guard line < checkLines.count else { return line }
                let row = checkLines[line]
                let offset = row.startIndex + String(decoding: row, as: UTF8.self).unicodeScalars.prefix(column).reduce(0) { $0 + String($1).utf8.count }
                return editorLines.position(of: offset, in: bytes).line
            }
            #expect(Self.codes(got) == expected.compactMap { $0["code"] as? String }, "\(name)")
            for (g, e) in zip(got, expected) {
                let r = g["range"] as? [String: Any]
                let start = r?["start"] as? [String: Any], end = r?["end"] as? [String: Any]
                let line = (e["line"] as? Int ?? 1) - 1
                #expect(start?["line"] as? Int == editorLine(line, (e["column"] as? Int ?? 1) - 1), "\(name)")
                #expect(end?["line"] as? Int == editorLine((e["endLine"] as? Int ?? 1) - 1, (e["endColumn"] as? Int ?? 1) - 1), "\(name)")
                if line < lines.count, lines[line].allSatisfy(\.isASCII), !lines[line].contains("\r") {
                    #expect(start?["character"] as? Int == (e["column"] as? Int ?? 1) - 1, "\(name)")
                }
                let message = g["message"] as? String ?? ""
                #expect(message.hasPrefix(e["message"] as? String ?? "?"), "\(name)")
                if let hint = e["hint"] as? String { #expect(message.hasSuffix("hint: " + hint), "\(name)") }
                #expect(g["severity"] as? Int == ((e["severity"] as? String) == "error" ? 1 : 2))
            }
            client.notify("textDocument/didClose", ["textDocument": ["uri": uri]])
            compared += 1
        }
        #expect(compared > 40)
        #expect(client.shutdown() == 0)
    }

    @Test func diagnosticsFollowIncludesAndEditsThatBreakAndRepairTheLedger() throws {
        let (client, main, clients) = try Self.started()
        var published: [String: [[String: Any]]] = [:]
        for _ in 0..<2 {
            let note = client.wait { ($0["method"] as? String) == "textDocument/publishDiagnostics" }
            let p = note?["params"] as? [String: Any]
            published[p?["uri"] as? String ?? ""] = p?["diagnostics"] as? [[String: Any]]
        }
        #expect(published[main]?.isEmpty == true)
        #expect(published[clients]?.isEmpty == true)

        // Misspell the kind of the first invoice (line 2: `2026-09-01 invoice ...`): E102.
        client.change(main, version: 2, [["range": range(2, 11, 2, 18), "text": "invoce"]])
        var d = client.diagnostics(for: main)
        #expect(Self.codes(d).contains("E102"))
        let e102 = d?.first { ($0["code"] as? String) == "E102" }
        #expect((e102?["range"] as? [String: Any]).map { ($0["start"] as? [String: Any])?["character"] as? Int } == 11)

        // Code action: the hint's suggestion.
        let actions = client.request("textDocument/codeAction", ["textDocument": ["uri": main], "range": range(2, 12, 2, 12), "context": ["diagnostics": [] as [Any]]])
        let action = (Self.result(actions) as? [[String: Any]])?.first
        #expect(action?["title"] as? String == "Change to 'invoice'")
        let edits = ((action?["edit"] as? [String: Any])?["changes"] as? [String: Any])?[main] as? [[String: Any]]
        #expect(edits?.first?["newText"] as? String == "invoice")

        // Repair it, then type a payment one character at a time: half-typed lines never crash.
        client.change(main, version: 3, [["range": range(2, 11, 2, 17), "text": "invoice"]])
        #expect(client.diagnostics(for: main)?.isEmpty == true)
        let typed = "2026-11-10 payment acme 100.00"
        var version = 4
        for (k, ch) in typed.enumerated() {
            client.change(main, version: version, [["range": range(17, k, 17, k), "text": String(ch)]])
            version += 1
        }
        // All keystrokes have been applied once the latest version is published.
        var last: [String: Any]?
        repeat {
            last = client.wait { ($0["method"] as? String) == "textDocument/publishDiagnostics" && (($0["params"] as? [String: Any])?["uri"] as? String) == main }
        } while last != nil && ((last?["params"] as? [String: Any])?["version"] as? Int) != version - 1
        #expect(((last?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]])?.isEmpty == true)

        // A full-text change naming an unknown client.
        client.change(main, version: version, [["text": Self.main + "2026-11-12 payment acmee 5.00\n"]])
        d = client.diagnostics(for: main)
        #expect(Self.codes(d).contains("E203"))
        // Breaking the included file shows in that file, and clients named there become unknown.
        client.open(clients, text: Self.clients)
        _ = client.diagnostics(for: clients)
        _ = client.diagnostics(for: main)
        client.change(clients, version: 2, [["range": range(0, 7, 0, 11), "text": "acne"]])
        let inClients = client.diagnostics(for: clients)
        #expect(inClients?.isEmpty == true)
        d = client.diagnostics(for: main)
        #expect(Self.codes(d).filter { $0 == "E203" }.count >= 3)
        #expect(client.shutdown() == 0)
    }

    /// A ledger and a file it includes opened together (as an editor restoring a session
    /// does): the included file is read as part of its ledger, whatever order they are read in.
    @Test func aLedgerAndItsIncludedFileOpenedTogether() throws {
        let f = try Self.fixture()
        let invoices = "2026-09-01 invoice acme 2026-001\n  total  100.00\n"
        try invoices.write(toFile: f.dir + "/z-part.due", atomically: true, encoding: .utf8)
        let rootText = Self.clients + "include z-part.due\n"
        try rootText.write(toFile: f.dir + "/a-root.due", atomically: true, encoding: .utf8)
        let part = DocumentURI.uri(f.dir + "/z-part.due"), root = DocumentURI.uri(f.dir + "/a-root.due")
        let client = try LSPClient()
        client.initialize()
        func open(_ uri: String, _ text: String) -> Data {
            let message: [String: Any] = ["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "languageId": "due", "version": 1, "text": text]]]
            return MessageFramer.frame(try! JSONSerialization.data(withJSONObject: message))
        }
        // One write: both arrive before the server reads either.
        client.sendRaw(open(part, invoices) + open(root, rootText))
        var last: [[String: Any]]?
        while let next = client.diagnostics(for: part, timeout: 2) { last = next }
        #expect(last?.isEmpty == true, "\(last ?? [])")
        let hover = client.request("textDocument/hover", ["textDocument": ["uri": part], "position": position(0, 21)])
        #expect((((Self.result(hover) as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String)?.contains("Acme Widgets Ltd") == true)
        // Closing the ledger leaves the part on its own: its client is unknown again.
        client.notify("textDocument/didClose", ["textDocument": ["uri": root]])
        last = nil
        while let next = client.diagnostics(for: part, timeout: 2) { last = next }
        #expect(Self.codes(last).contains("E203"))
        #expect(client.shutdown() == 0)
    }

    @Test func columnsCountUTF16() throws {
        let f = try Self.fixture()
        let client = try LSPClient()
        client.initialize()
        let text = "client bolt Bolt 🚀 Co\n\n2026-10-01 note bolt 📞📞 x\n"
        let uri = DocumentURI.uri(f.dir + "/emoji.due")
        client.open(uri, text: text)
        let d = client.diagnostics(for: uri)?.first
        // `📞📞` starts after 21 ASCII characters; each emoji is two UTF-16 units.
        let r = d?["range"] as? [String: Any]
        #expect((r?["start"] as? [String: Any])?["character"] as? Int == 21)
        #expect((r?["end"] as? [String: Any])?["character"] as? Int == 25)
        // An edit after the emoji lands where the editor meant.
        client.change(uri, version: 2, [["range": range(2, 21, 2, 27), "text": "call"]])
        #expect(client.diagnostics(for: uri)?.isEmpty == true)
        #expect(client.shutdown() == 0)
    }

    /// The sample cut off anywhere (mid-date, mid-word, mid-amount, between a keyword and its
    /// value) and every request asked at random places: each gets an answer.
    @Test func everyRequestIsAnsweredOnHalfTypedText() throws {
        let f = try Self.fixture()
        let sample = try String(contentsOfFile: Repo.path("samples/studio.due"), encoding: .utf8)
        let uri = DocumentURI.uri(f.dir + "/studio.due")
        try String(contentsOfFile: Repo.path("samples/studio-clients.due"), encoding: .utf8).write(toFile: f.dir + "/studio-clients.due", atomically: true, encoding: .utf8)
        let client = try LSPClient()
        client.initialize()
        client.open(uri, text: sample)
        var random = SplitMix(seed: 16)
        let scalars = Array(sample.unicodeScalars)
        let methods = ["textDocument/completion", "textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/prepareRename"]
        for version in 2..<42 {
            let cut = random.below(scalars.count)
            var text = String(String.UnicodeScalarView(scalars[..<cut]))
            // Sometimes a keystroke's worth of junk at the end.
            if version % 3 == 0 { text += ["2026-1", " apply ", "  item  X 1 x", "\t;", "é", "2026-13-45 payment"][random.below(6)] }
            client.change(uri, version: version, [["text": text]])
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for _ in 0..<3 {
                let line = random.below(lines.count + 2)
                let character = random.below(line < lines.count ? lines[line].utf16.count + 3 : 5)
                let method = methods[random.below(methods.count)]
                let answer = client.request(method, ["textDocument": ["uri": uri], "position": position(line, character), "context": ["includeDeclaration": true]])
                #expect(answer != nil && (answer?["result"] != nil || answer?["error"] != nil), "\(method) at \(line):\(character) of a text cut at \(cut)")
            }
            for method in ["textDocument/semanticTokens/full", "textDocument/foldingRange", "textDocument/documentSymbol", "textDocument/codeLens", "textDocument/formatting"] {
                #expect(client.request(method, ["textDocument": ["uri": uri], "options": [:] as [String: Any]])?["result"] != nil, "\(method) of a text cut at \(cut)")
            }
            let view = ["textDocument": ["uri": uri], "range": range(0, 0, lines.count + 1, 0)] as [String: Any]
            #expect(client.request("textDocument/inlayHint", view)?["result"] != nil)
            #expect(client.request("textDocument/codeAction", view.merging(["context": ["diagnostics": [] as [Any]]]) { a, _ in a })?["result"] != nil)
        }
        #expect(client.shutdown() == 0)
    }

    // MARK: - Completion

    @Test func completesKindsClientsDetailsAndOpenInvoices() throws {
        let (client, main, _) = try Self.started()
        func complete(_ text: String, _ line: Int, _ character: Int, version: Int) -> [String] {
            client.change(main, version: version, [["text": Self.main + text]])
            return Self.labels(client.request("textDocument/completion", ["textDocument": ["uri": main], "position": position(line, character)]))
        }
        #expect(Set(complete("2026-11-10 ", 16, 11, version: 2)) == Set(LedgerParser.datedKinds))
        #expect(complete("2026-11-10 payment ", 16, 19, version: 3) == ["acme", "bolt"])
        #expect(complete("2026-11-10 payment a", 16, 20, version: 4).contains("acme"))
        // apply: the invoices of acme open on the payment's date, with what is open.
        client.change(main, version: 5, [["text": Self.main + "2026-11-10 payment acme 100.00\n  apply  \n"]])
        let apply = client.request("textDocument/completion", ["textDocument": ["uri": main], "position": position(17, 9)])
        let items = (Self.result(apply) as? [String: Any])?["items"] as? [[String: Any]] ?? []
        #expect(items.compactMap { $0["label"] as? String } == ["2026-001", "2026-002"])
        #expect((items.first?["detail"] as? String)?.hasPrefix("open 600.00 GBP") == true)
        // On the day of the payment that settled 2026-001 only the other remains.
        client.change(main, version: 6, [["text": Self.main + "2026-10-06 writeoff acme \n"]])
        let writeoff = Self.labels(client.request("textDocument/completion", ["textDocument": ["uri": main], "position": position(16, 25)]))
        #expect(writeoff == ["2026-001", "2026-002"])
        #expect(complete("2026-09-20 writeoff acme ", 16, 25, version: 7) == ["2026-001", "2026-002"])
        #expect(complete("2026-09-10 writeoff acme ", 16, 25, version: 8) == ["2026-001"])
        #expect(Set(complete("2026-11-10 note acme ", 16, 21, version: 9)) == Set(NoteChannel.allCases.map(\.rawValue)))
        #expect(complete("2026-11-10 letter acme ", 16, 23, version: 10) == LetterStage.allCases.map(\.rawValue))
        #expect(complete("2026-11-10 payment acme 5.00 ", 16, 29, version: 11).first == "GBP")
        #expect(complete("2026-11-10 invoice acme 2026-009\n  ", 17, 2, version: 12) == LedgerParser.detailOrder(for: "invoice"))
        #expect(complete("2026-11-10 note acme call\n  ", 17, 2, version: 13) == LedgerParser.detailOrder(for: "note"))
        #expect(complete("2026-11-10 letter acme reminder\n  invoices 2026-001 ", 17, 20, version: 14) == ["2026-001", "2026-002"])
        #expect(complete("2026-11-10 note bolt call\n  dispute ", 17, 10, version: 15) == ["2026-003"])
        #expect(complete("", 16, 0, version: 16).contains("client"))
        #expect(complete("; comment ", 16, 10, version: 17).isEmpty)
        // A `holidays` line offers the regions, after one already written too.
        #expect(complete("settings\n  holidays ", 17, 11, version: 18) == HolidayRegion.words)
        #expect(complete("settings\n  holidays scotland ", 17, 20, version: 19).contains("northern-ireland"))
        // A payment's `returned` line offers the day, as a dated entry does.
        let back = complete("2026-11-10 payment acme 5.00\n  returned ", 17, 11, version: 20)
        #expect(back.count == 1 && back.first.flatMap(Day.parse) != nil, "\(back)")
        // A letter's `to` line offers who it goes to now, as `due sent` writes it.
        #expect(complete("2026-11-10 letter acme reminder\n  to ", 17, 5, version: 21) == ["Acme Widgets Ltd"])
        #expect(client.shutdown() == 0)
    }

    // MARK: - Hover, navigation, rename

    @Test func hoverShowsClientAndInvoiceBalances() throws {
        let (client, main, _) = try Self.started()
        let onClient = client.request("textDocument/hover", ["textDocument": ["uri": main], "position": position(2, 21)])
        let clientText = ((Self.result(onClient) as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String ?? ""
        #expect(clientText.contains("Acme Widgets Ltd"))
        #expect(clientText.contains("owes 1,100.00 GBP"))
        #expect(clientText.contains("oldest overdue: 2026-001, 600.00 GBP open, 50 days past due"))
        #expect(clientText.contains("last contact: 2026-11-01, call: paying soon"))
        let onInvoice = client.request("textDocument/hover", ["textDocument": ["uri": main], "position": position(12, 10)])
        let invoiceText = ((Self.result(onInvoice) as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String ?? ""
        for part in ["total 1,000.00 GBP", "paid 400.00 GBP", "credited 0.00 GBP", "open 600.00 GBP", "due 2026-10-01", "50 days past due"] {
            #expect(invoiceText.contains(part), "\(part) in \(invoiceText)")
        }
        let onNothing = client.request("textDocument/hover", ["textDocument": ["uri": main], "position": position(13, 2)])
        #expect(onNothing?["result"] is NSNull)
        #expect(client.shutdown() == 0)
    }

    /// E118's hint names the channel meant: a quick fix writes it (`phone` → `call`, preferred);
    /// for `mail`, which may be an email or a letter by post, one fix for each, neither
    /// preferred. Before, E118 had no quick fix: its hint is not "did you mean".
    @Test func anUnknownNoteChannelIsFixedToTheChannelItsHintNames() throws {
        let text = """
            client acme Acme
              currency GBP

            2026-01-03 note acme phone
              said  hello

            2026-01-04 note acme mail
              said  hello

            """
        let dir = FileSystem.canonical(try temporaryDirectory())
        try text.write(toFile: dir + "/l.due", atomically: true, encoding: .utf8)
        let uri = DocumentURI.uri(dir + "/l.due")
        let client = try LSPClient()
        client.initialize()
        client.open(uri, text: text)
        #expect(Self.codes(client.diagnostics(for: uri)) == ["E118", "E118"])
        func fixes(line: Int) -> [String] {
            let actions = Self.result(client.request("textDocument/codeAction", ["textDocument": ["uri": uri], "range": range(line, 22, line, 22), "context": ["diagnostics": [] as [Any]]])) as? [[String: Any]] ?? []
            return actions.map { a in
                let edit = (((a["edit"] as? [String: Any])?["changes"] as? [String: Any])?[uri] as? [[String: Any]])?.first
                let start = ((edit?["range"] as? [String: Any])?["start"] as? [String: Any])?["character"] as? Int ?? -1
                return "\(a["title"] as? String ?? "") \(edit?["newText"] as? String ?? "")@\(start) \(a["isPreferred"] as? Bool == true ? "preferred" : "")"
            }
        }
        #expect(fixes(line: 3) == ["Change to 'call' call@21 preferred"])
        #expect(fixes(line: 6) == ["Change to 'email' email@21 ", "Change to 'letter' letter@21 "])
        #expect(client.shutdown() == 0)
    }

    /// On an `include` line's path, definition goes to the file it names and hover says what
    /// it holds; before, both answered nothing there.
    @Test func definitionAndHoverOnAnIncludePathOpenTheFile() throws {
        let (client, main, clients) = try Self.started()
        let def = Self.result(client.request("textDocument/definition", ["textDocument": ["uri": main], "position": position(0, 12)])) as? [String: Any]
        #expect(def?["uri"] as? String == clients)
        #expect(((def?["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int == 0)
        let hover = Self.result(client.request("textDocument/hover", ["textDocument": ["uri": main], "position": position(0, 12)])) as? [String: Any]
        let text = (hover?["contents"] as? [String: Any])?["value"] as? String
        #expect(text == "**Included file** `\(DocumentURI.path(clients))`\n\n- 2 clients, 0 invoices", "\(String(describing: text))")
        // On the word `include` itself, nothing.
        let onKeyword = client.request("textDocument/definition", ["textDocument": ["uri": main], "position": position(0, 2)])
        #expect(onKeyword?["result"] is NSNull)
        #expect(client.shutdown() == 0)
    }

    @Test func definitionReferencesAndRenameCrossIncludes() throws {
        let (client, main, clients) = try Self.started()
        let def = Self.result(client.request("textDocument/definition", ["textDocument": ["uri": main], "position": position(5, 22)])) as? [String: Any]
        #expect(def?["uri"] as? String == clients)
        #expect(((def?["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int == 0)
        let invoiceDef = Self.result(client.request("textDocument/definition", ["textDocument": ["uri": main], "position": position(12, 12)])) as? [String: Any]
        #expect(((invoiceDef?["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int == 2)

        let refs = Self.result(client.request("textDocument/references", ["textDocument": ["uri": main], "position": position(2, 20), "context": ["includeDeclaration": true]])) as? [[String: Any]] ?? []
        #expect(refs.count == 5)  // the client entry, two invoices, the payment, the note
        #expect(Set(refs.compactMap { $0["uri"] as? String }) == [main, clients])

        let rename = Self.result(client.request("textDocument/rename", ["textDocument": ["uri": main], "position": position(2, 20), "newName": "acme-ltd"])) as? [String: Any]
        let changes = rename?["changes"] as? [String: [[String: Any]]] ?? [:]
        #expect(changes[main]?.count == 4)
        #expect(changes[clients]?.count == 1)
        #expect(changes.values.joined().allSatisfy { $0["newText"] as? String == "acme-ltd" })
        let renameInvoice = Self.result(client.request("textDocument/rename", ["textDocument": ["uri": main], "position": position(2, 27), "newName": "2026-100"])) as? [String: Any]
        #expect((renameInvoice?["changes"] as? [String: [[String: Any]]])?[main]?.count == 2)
        let refused = client.request("textDocument/rename", ["textDocument": ["uri": main], "position": position(2, 20), "newName": "acme ltd"])
        #expect((refused?["error"] as? [String: Any])?["code"] as? Int == ErrorCode.invalidParams)
        #expect(client.shutdown() == 0)
    }

    /// A rename to a name another client or document has would merge the two (E201, E202,
    /// E206): it is refused, saying where that name is, and renaming to the name itself is not.
    @Test func renameRefusesANameAlreadyTaken() throws {
        let (client, main, _) = try Self.started()
        func refusal(_ at: [String: Any], _ name: String) -> String? {
            let r = client.request("textDocument/rename", ["textDocument": ["uri": main], "position": at, "newName": name])
            #expect(r?["result"] == nil || r?["result"] is NSNull, "\(name)")
            let error = r?["error"] as? [String: Any]
            #expect(error?["code"] as? Int == ErrorCode.invalidParams, "\(name)")
            return error?["message"] as? String
        }
        #expect(refusal(position(2, 20), "bolt") == "'bolt' is already a client (line 5 of clients.due): renaming to it would merge the two")
        #expect(refusal(position(2, 27), "2026-003") == "'2026-003' is already an invoice (line 9): renaming to it would merge the two")
        let same = Self.result(client.request("textDocument/rename", ["textDocument": ["uri": main], "position": position(2, 20), "newName": "acme"])) as? [String: Any]
        #expect((same?["changes"] as? [String: [[String: Any]]])?[main]?.count == 4)
        client.change(main, version: 2, [["text": Self.main + "2026-11-02 credit bolt 50.00\n  number CN-7\n  apply 2026-003\n"]])
        #expect(refusal(position(2, 27), "CN-7") == "'CN-7' is already a credit note (line 17): renaming to it would merge the two")
        #expect(client.shutdown() == 0)
    }

    // MARK: - Outline, formatting, folding, tokens

    @Test func symbolsFormattingAndFolding() throws {
        let (client, main, _) = try Self.started()
        let symbols = Self.result(client.request("textDocument/documentSymbol", ["textDocument": ["uri": main]])) as? [[String: Any]] ?? []
        #expect(symbols.compactMap { $0["name"] as? String } == ["2026-001", "2026-002", "2026-003"])
        let all = Self.result(client.request("workspace/symbol", ["query": "acme"])) as? [[String: Any]] ?? []
        #expect(all.compactMap { $0["name"] as? String } == ["acme", "2026-001", "2026-002"])

        let untidy = "include clients.due\n\n2026-09-01 invoice acme 2026-001\n    item Design 1 x 1000.00   ; the work\n   total 1,000.00\n"
        client.change(main, version: 2, [["text": untidy]])
        let edits = Self.result(client.request("textDocument/formatting", ["textDocument": ["uri": main], "options": ["tabSize": 2, "insertSpaces": true]])) as? [[String: Any]] ?? []
        let expected = String(decoding: LedgerFormatter.format(Array(untidy.utf8)), as: UTF8.self)
        #expect(edits.count == 1)
        #expect(edits.first?["newText"] as? String == expected)
        client.change(main, version: 3, [["text": expected]])
        let again = Self.result(client.request("textDocument/formatting", ["textDocument": ["uri": main], "options": [:] as [String: Any]])) as? [[String: Any]]
        #expect(again?.isEmpty == true)

        client.change(main, version: 4, [["text": Self.main]])
        let folds = Self.result(client.request("textDocument/foldingRange", ["textDocument": ["uri": main]])) as? [[String: Any]] ?? []
        #expect(folds.map { [$0["startLine"] as? Int ?? -1, $0["endLine"] as? Int ?? -1] } == [[2, 3], [5, 6], [8, 9], [11, 12], [14, 15]])
        #expect(client.shutdown() == 0)
    }

    @Test func semanticTokensMarkEveryWordOfAnEntry() throws {
        let (client, main, _) = try Self.started()
        let data = (Self.result(client.request("textDocument/semanticTokens/full", ["textDocument": ["uri": main]])) as? [String: Any])?["data"] as? [Int] ?? []
        #expect(data.count % 5 == 0)
        var tokens: [(line: Int, start: Int, length: Int, type: String)] = []
        var line = 0, start = 0
        for k in stride(from: 0, to: data.count, by: 5) {
            line += data[k]
            start = data[k] == 0 ? start + data[k + 1] : data[k + 1]
            tokens.append((line, start, data[k + 2], SemanticTokensFeature.tokenTypes[data[k + 4 - 1]]))
        }
        let header = tokens.filter { $0.line == 2 }.map { "\($0.start):\($0.length):\($0.type)" }
        #expect(header == ["0:10:number", "11:7:keyword", "19:4:variable", "24:8:property"])
        let item = tokens.filter { $0.line == 3 }.map { "\($0.start):\($0.length):\($0.type)" }
        #expect(item == ["2:4:keyword", "8:6:string", "16:1:number", "18:1:operator", "20:7:number"])
        #expect(tokens.filter { $0.line == 0 }.map(\.type) == ["keyword", "string"])
        #expect(client.shutdown() == 0)
    }

    /// A payment's `returned` line: the day it came back as a date, the bank's reason as text
    /// (not "NSF" as a currency and the rest as stages); a refund's header as any entry's.
    /// LSP ends a line at `\n`, `\r\n` or a lone `\r`: the server's positions count a lone
    /// `\r` as the editor does, so an edit after one lands where the editor put it, while the
    /// parser still reads it as a control character in its line (E006).
    @Test func aLoneCarriageReturnEndsALineForTheEditorsPositions() throws {
        let text = "client acme Acme\r  currency GBP\n2026-01-01 invoice acmee A-1\n  total 1.00\n"
        var doc = TextDocument(uri: "file:///cr.due", version: 1, text: text)
        #expect(doc.lines.lineCount == 5)
        #expect(doc.lines.lineRange(0, in: doc.bytes) == 0..<16)
        #expect(doc.lines.lineRange(1, in: doc.bytes) == 17..<31)
        let acmee = try #require(text.utf8.firstRange(of: "acmee".utf8)).lowerBound
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: acmee)
        #expect(doc.lines.position(of: offset, in: doc.bytes) == Position(line: 2, character: 19))
        #expect(doc.lines.offset(of: Position(line: 2, character: 19), in: doc.bytes) == offset)
        doc.apply(ContentChange(range: LSPRange(start: Position(line: 2, character: 19), end: Position(line: 2, character: 24)), text: "acme"))
        #expect(doc.text == "client acme Acme\r  currency GBP\n2026-01-01 invoice acme A-1\n  total 1.00\n")
        // The `\r` mended to a line end of the usual kind: one line end, not two.
        doc.apply(ContentChange(range: LSPRange(start: Position(line: 0, character: 16), end: Position(line: 1, character: 0)), text: "\n"))
        #expect(doc.text == "client acme Acme\n  currency GBP\n2026-01-01 invoice acme A-1\n  total 1.00\n")
        #expect(doc.lines.starts == [0, 17, 32, 60, 73])
        // A `\n` typed after a lone `\r` makes the two one line end.
        var crlf = TextDocument(uri: "file:///cr.due", version: 1, text: "a\rb\n")
        crlf.apply(ContentChange(range: LSPRange(start: Position(line: 1, character: 0), end: Position(line: 1, character: 0)), text: "\n"))
        #expect(crlf.lines.starts == [0, 3, 5])
        #expect(crlf.lines.starts == LineIndex(crlf.bytes).starts)
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "cr.due")
        #expect(Checker.check(load, asOf: Day(year: 2026, month: 2, day: 1)!).contains { $0.code == "E006" })
    }

    @Test func semanticTokensMarkAReturnedPaymentAndARefund() {
        let text = """
            2026-02-10 payment acme 1,200.00
              returned  2026-02-20 NSF refer to drawer ; bank letter
            2026-05-02 refund acme 200.00 GBP
              reason  Overpaid 2026-001

            """
        let data = SemanticTokensFeature.tokens(TextDocument(uri: "file:///r.due", version: 1, text: text)).data
        var tokens: [(line: Int, text: String)] = []
        var line = 0, start = 0
        for k in stride(from: 0, to: data.count, by: 5) {
            line += data[k]
            start = data[k] == 0 ? start + data[k + 1] : data[k + 1]
            tokens.append((line, "\(start):\(data[k + 2]):\(SemanticTokensFeature.tokenTypes[data[k + 3]])"))
        }
        #expect(tokens.filter { $0.line == 1 }.map(\.text) == ["2:8:keyword", "12:10:number", "23:19:string", "43:13:comment"])
        #expect(tokens.filter { $0.line == 2 }.map(\.text) == ["0:10:number", "11:6:keyword", "18:4:variable", "23:6:number", "30:3:type"])
        #expect(tokens.filter { $0.line == 3 }.map(\.text) == ["2:6:keyword", "10:17:string"])
    }

    // MARK: - Inlay hints and code lenses

    @Test func inlayHintsAndCodeLensesShowWhatIsOwed() throws {
        let (client, main, clients) = try Self.started()
        let hints = Self.result(client.request("textDocument/inlayHint", ["textDocument": ["uri": main], "range": range(0, 0, 20, 0)])) as? [[String: Any]] ?? []
        let labels = hints.compactMap { $0["label"] as? String }
        #expect(labels == [
            "open 600.00 GBP · 50 days past due",
            "open 500.00 GBP · 36 days past due",
            "open 200.00 GBP · 20 days past due",
            "→ 2026-001 still 600.00 GBP open",
        ])
        #expect((hints.first?["position"] as? [String: Any])?["character"] as? Int == 32)

        client.open(clients, text: Self.clients)
        let lenses = Self.result(client.request("textDocument/codeLens", ["textDocument": ["uri": clients]])) as? [[String: Any]] ?? []
        let titles = lenses.compactMap { ($0["command"] as? [String: Any])?["title"] as? String }
        #expect(titles.count == 2)
        #expect(titles.first?.hasPrefix("owes 1,100.00 GBP · ") == true)
        #expect(titles.first?.contains("due today") == true || titles.first?.contains("next letter") == true)
        #expect(titles.last?.hasPrefix("owes 200.00 GBP · reminder due today") == true)
        #expect(client.shutdown() == 0)
    }

    /// A client with nothing open has a lens that says so once: "owes nothing", where it read
    /// "owes nothing · nothing owed"; money held on account is named alone.
    @Test func aLensOverAClientWithNothingOpenSaysSoOnce() throws {
        let text = """
            settings
              currency GBP

            client quiet Quiet Ltd

            client settled Settled Ltd

            client ahead Ahead Ltd

            2026-09-01 invoice settled S-1
              total  100.00

            2026-09-20 payment settled 100.00
              apply  S-1

            2026-10-01 payment ahead 50.00

            """
        let dir = FileSystem.canonical(try temporaryDirectory())
        try text.write(toFile: dir + "/l.due", atomically: true, encoding: .utf8)
        let uri = DocumentURI.uri(dir + "/l.due")
        let client = try LSPClient()
        client.initialize()
        client.open(uri, text: text)
        let lenses = Self.result(client.request("textDocument/codeLens", ["textDocument": ["uri": uri]])) as? [[String: Any]] ?? []
        let titles = lenses.compactMap { ($0["command"] as? [String: Any])?["title"] as? String }
        #expect(titles == ["owes nothing", "owes nothing", "50.00 GBP on account"])
        #expect(client.shutdown() == 0)
    }
}
