import Foundation
import Testing
@testable import DueKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A copy of the studio sample in a fresh folder.
private func studioCopy() throws -> String {
    let dir = try temporaryDirectory()
    for name in ["studio.due", "studio-clients.due"] {
        try FileManager.default.copyItem(atPath: Repo.path("samples/\(name)"), toPath: dir + "/" + name)
    }
    return dir
}

/// Whole commands against files that are not what they seem: nothing half-written, nothing
/// hanging, and a JSON object whenever one was asked for.
@Suite struct ReliabilityTests {
    @Test func reportWithATemplateErrorWritesNothing() throws {
        let dir = try studioCopy()
        try FileManager.default.createDirectory(atPath: dir + "/studio.templates", withIntermediateDirectories: false)
        try "Dear {{client.nmae}},\n".write(toFile: dir + "/studio.templates/demand.txt", atomically: false, encoding: .utf8)
        let r = try DueRun.run(["report", "--as-of", "2026-11-20", "studio.due"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("E501"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["studio-clients.due", "studio.due", "studio.templates"])
    }

    @Test func reportWithTheLettersFolderBlockedWritesNothing() throws {
        let dir = try studioCopy()
        try "in the way".write(toFile: dir + "/studio.letters", atomically: false, encoding: .utf8)
        let r = try DueRun.run(["report", "--as-of", "2026-11-20", "studio.due"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("studio.letters"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["studio-clients.due", "studio.due", "studio.letters"])
    }

    /// The letters' forms are staged as they are made, while other texts are still being
    /// rendered: one that cannot be written still leaves every output as it was.
    @Test func reportWithALetterFormBlockedWritesNothing() throws {
        let dir = try studioCopy()
        try FileManager.default.createDirectory(atPath: dir + "/studio.letters/2026-11-20-tidewater-thanks.html", withIntermediateDirectories: true)
        let r = try DueRun.run(["report", "--as-of", "2026-11-20", "studio.due"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("2026-11-20-tidewater-thanks.html"), "\(r.stderr)")
        // The charts' folder is made before anything is staged; it stays empty.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["studio-clients.due", "studio.due", "studio.letters", "studio.report"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/studio.report").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/studio.letters") == ["2026-11-20-tidewater-thanks.html"])
    }

    @Test func reportWithAReadOnlyAgendaWritesNothing() throws {
        let dir = try studioCopy()
        try "old agenda\n".write(toFile: dir + "/studio.agenda.md", atomically: false, encoding: .utf8)
        chmod(dir + "/studio.agenda.md", 0o444)
        let r = try DueRun.run(["report", "--as-of", "2026-11-20", "studio.due"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("read-only"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/studio.aging.md"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/studio.letters"))
        // Made writable again, the same run writes all of it, keeping the agenda's mode.
        chmod(dir + "/studio.agenda.md", 0o600)
        let again = try DueRun.run(["report", "--as-of", "2026-11-20", "studio.due"], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/studio.aging.md"))
        var st = stat()
        #expect(stat(dir + "/studio.agenda.md", &st) == 0 && st.st_mode & 0o777 == 0o600)
    }

    @Test func fmtOnASymlinkedLedgerFormatsTheRealFile() throws {
        let dir = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/books", withIntermediateDirectories: false)
        try "settings\n    currency   GBP\n".write(toFile: dir + "/books/real.due", atomically: false, encoding: .utf8)
        chmod(dir + "/books/real.due", 0o600)
        #expect(symlink("books/real.due", dir + "/ledger.due") == 0)
        let r = try DueRun.run(["fmt", "ledger.due"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/ledger.due") == "books/real.due")
        #expect(try String(contentsOfFile: dir + "/books/real.due", encoding: .utf8) == "settings\n  currency  GBP\n")
        var st = stat()
        #expect(stat(dir + "/books/real.due", &st) == 0 && st.st_mode & 0o777 == 0o600)
    }

    // MARK: files that are not regular files

    /// A named pipe nobody writes to once made every command wait forever.
    @Test func aNamedPipeIsRefusedAtOnceAsLedgerIncludeAndForFmt() throws {
        let dir = try temporaryDirectory()
        #expect(mkfifo(dir + "/pipe.due", 0o644) == 0)
        try "settings\n  currency GBP\ninclude pipe.due\n".write(toFile: dir + "/main.due", atomically: false, encoding: .utf8)
        let ledger = try DueRun.run(["check", "pipe.due"], in: dir)
        #expect(ledger.status == 2)
        #expect(ledger.stderr.contains("named pipe"), "\(ledger.stderr)")
        let include = try DueRun.run(["check", "main.due"], in: dir)
        #expect(include.status == 1)
        #expect(include.stdout.contains("main.due:3:9: error[E001]: cannot read 'pipe.due': it is a named pipe"), "\(include.stdout)")
        let fmt = try DueRun.run(["fmt", "pipe.due"], in: dir)
        #expect(fmt.status == 2)
        #expect(fmt.stderr.contains("named pipe"))
        // The library says the same, for an include of a socket or a device too.
        #expect(throws: FileError.self) { try FileSystem.readFile(dir + "/pipe.due") }
        #expect(throws: FileError.self) { try FileSystem.readFile("/dev/null") }
    }

    @Test func jsonIsAnObjectEvenWhenTheFileCannotBeRead() throws {
        let dir = try temporaryDirectory()
        #expect(mkfifo(dir + "/pipe.due", 0o644) == 0)
        for (args, unreadable) in [(["check", "--json", "missing.due"], true), (["check", "--json", "pipe.due"], true), (["check", "--json", "--as-of", "soon", "x.due"], false)] {
            let r = try DueRun.run(args, in: dir)
            #expect(r.status == 2)
            let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            #expect(object?["failure"] is String, "\(args): \(r.stdout)")
            let diagnostics = object?["diagnostics"] as? [[String: Any]]
            #expect(diagnostics?.first?["code"] as? String == (unreadable ? "E001" : nil), "\(args)")
            #expect(object?["errors"] as? Int == (unreadable ? 1 : 0))
        }
    }

    // MARK: import csv

    static func importCSV(_ text: String) -> Result<ImportResult, ImportError> {
        var options = CSVImportOptions()
        options.currency = Currency("GBP")
        return CSVImporter.run(bytes: Array(text.utf8), options: options)
    }

    @Test func aSemicolonInAFieldIsKeptAndReadsBack() throws {
        let csv = "invoice,client,issued,amount,description\n1,a,2026-01-05,10.00,\"Design; phase \"\"one\"\"\"\n2,b,2026-01-06,5.00,x ; y\n"
        guard case .success(let result) = Self.importCSV(csv) else { Issue.record("import failed"); return }
        let load = LedgerLoader.load(bytes: Array(result.text.utf8), path: "i.due")
        #expect(load.diagnostics.isEmpty)
        // A `;` after a space would start a comment: the space goes, the `;` stays.
        #expect(load.ledger.invoices.map { load.ledger.purpose(of: $0) } == ["Design; phase \"one\"", "x; y"])
        #expect(!result.text.contains(","  + " phase"))
        // A description that starts with `;` cannot be written: the row is reported.
        guard case .success(let bad) = Self.importCSV("invoice,client,issued,amount,description\n1,a,2026-01-05,10.00,;odd\n") else { Issue.record("import failed"); return }
        #expect(bad.problems.map(\.line) == [2])
        #expect(bad.problems.first?.message.contains("starts with ';'") == true)
    }

    @Test func anUnclosedQuoteIsReportedFirst() {
        let csv = "invoice,client,issued,amount,description\n1,a,2026-01-05,10.00,\"Design\n2,b,2026-01-06,5.00,x\n"
        guard case .failure(let e) = Self.importCSV(csv) else { Issue.record("an unclosed quote was imported"); return }
        #expect(e.line == 2 && e.column == 22 && e.message.hasPrefix("a quoted field is never closed"), "\(e)")
        #expect(e.description.hasPrefix("line 2, column 22: a quoted field is never closed"))
    }

    /// A number used twice is reported whichever of its rows has problems of its own: fixing
    /// the first row's date must not reveal a second problem only then; and the later row is
    /// not imported (with `--skip-bad`) as if it were the only one of its number.
    @Test func aNumberUsedTwiceIsReportedThoughTheFirstRowHasOtherProblems() {
        let csv = "invoice,client,issued,amount,paid-date\nI1,acme,2026-01-05,100.00,2026-01-01\nI1,acme,2026-01-06,50,\nI2,acme,2026-02-30,10.00,\nI2,acme,2026-02-03,10.00,\n"
        guard case .success(let result) = Self.importCSV(csv) else { Issue.record("import failed"); return }
        // Each clash is said at both rows, and the whole row after the bad one is left out
        // too: which of the two is the invoice is not the import's to guess.
        #expect(result.problems.map(\.line) == [2, 2, 3, 4, 4, 5])
        #expect(result.problems.filter { $0.message.contains("used again") }.map(\.message) == ["invoice number I1 is used again on line 3", "invoice number I2 is used again on line 5"])
        #expect(result.problems.filter { $0.message.contains("already used") }.map(\.message) == ["invoice number I1 was already used on line 2", "invoice number I2 was already used on line 4"])
        #expect(result.invoices == 0)
        // A bad row after a kept one with its number says so too.
        guard case .success(let later) = Self.importCSV("invoice,client,issued,amount\nX3,acme,2026-01-06,70.00\nX3,acme,bad,abc\n") else { Issue.record("import failed"); return }
        #expect(later.problems.contains { $0.line == 3 && $0.message == "invoice number X3 was already used on line 2" })
        #expect(later.invoices == 1)
    }

    /// An unclosed quote is a problem in the data: reported with its place, exit status 1.
    @Test func anUnclosedQuoteExitsAsAProblemInTheData() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/bad.csv"
        try "invoice,client,issued,amount\nI1,acme,2026-01-05,100.00\nI4,\"bob,2026-01-01,5\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try DueRun.run(["import", "csv", "--currency", "GBP", "-o", dir + "/out.due", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(path):3:4: error: a quoted field is never closed"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.due"))
    }

    @Test func importNeverWritesOverItsOwnInput() throws {
        let dir = try temporaryDirectory()
        let csv = "invoice,client,issued,amount\n1,a,2026-01-05,10.00\n"
        try csv.write(toFile: dir + "/in.csv", atomically: false, encoding: .utf8)
        #expect(symlink("in.csv", dir + "/link.csv") == 0)
        for target in ["in.csv", "./in.csv", "link.csv"] {
            let r = try DueRun.run(["import", "csv", "in.csv", "--currency", "GBP", "-o", target, "--force"], in: dir)
            #expect(r.status == 2, "\(target)")
            #expect(r.stderr.contains("is the spreadsheet being imported"), "\(r.stderr)")
        }
        #expect(try String(contentsOfFile: dir + "/in.csv", encoding: .utf8) == csv)
    }

    // MARK: Markdown tables

    /// Unescaped `|` in a Markdown table line: the cells it makes.
    static func columns(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for ch in line {
            if ch == "|" && !escaped { count += 1 }
            escaped = ch == "\\" && !escaped
        }
        return count
    }

    /// An invoice's `for` text with `|` (and other Markdown) once added columns to letter tables.
    @Test func ledgerTextCannotAddColumnsToATable() throws {
        let text = """
            settings
              currency GBP
            client acme Acme | Co
            2026-01-05 invoice acme INV_1
              for Design | phase *two* | `code`
              total 100.00
            2026-03-01 letter acme reminder
              invoices INV_1

            """
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "t.due")
        let day = Day.parse("2026-04-20")!
        #expect(Checker.check(load, asOf: day).filter { $0.severity == .error }.isEmpty)
        let sheet = BalanceEngine.balances(load.ledger, asOf: day)
        let dir = try temporaryDirectory()
        let letters = try LetterJob.run(ledger: load.ledger, sheet: sheet, asOf: day, paths: OutputPaths(ledger: dir + "/t.due"), options: .init(statement: "acme", dryRun: true))
        let draft = try #require(letters.drafts.first).text
        var checked = 0
        var width = 0
        for line in draft.split(separator: "\n") where line.hasPrefix("|") {
            if line.hasPrefix("| Invoice") { width = Self.columns(line) }
            if line.contains("INV") {
                #expect(Self.columns(line) == width, "\(line)")
                #expect(line.contains("Design \\| phase \\*two\\* \\| \\`code\\`"), "\(line)")
                checked += 1
            }
        }
        #expect(checked == 1)
        // The agenda's Markdown table goes through the same escape.
        let agenda = Agenda.build(ledger: load.ledger, sheet: sheet, asOf: day)
        for line in AgendaRenderer.render(agenda, format: .markdown, ledgerName: "t.due").split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| #") {
            #expect(Self.columns(line) == 5, "\(line)")
        }
    }

    /// A statement asked for is not swept away by the next plain run as superseded: no plain
    /// run makes one, so none takes its place.
    @Test func aStatementAskedForOutlivesThePlainRun() throws {
        let dir = try studioCopy()
        let load = try LedgerLoader.load(path: dir + "/studio.due")
        let day = Day.parse("2026-11-20")!
        let sheet = BalanceEngine.balances(load.ledger, asOf: day)
        let paths = OutputPaths(ledger: dir + "/studio.due")
        let asked = try LetterJob.run(ledger: load.ledger, sheet: sheet, asOf: day, paths: paths, options: .init(statement: "kiln"))
        let statement = try #require(asked.drafts.first?.path)
        #expect(statement.hasSuffix("-kiln-statement.md"))
        let plain = try LetterJob.run(ledger: load.ledger, sheet: sheet, asOf: day, paths: paths)
        #expect(!plain.drafts.isEmpty)
        #expect(!plain.superseded.map(\.path).contains(statement))
        #expect(FileManager.default.fileExists(atPath: statement))
    }

    // MARK: template limits

    func lettersWithTemplate(_ template: String, stage: String = "statement") throws -> LetterJobResult {
        let dir = try studioCopy()
        try FileManager.default.createDirectory(atPath: dir + "/studio.templates", withIntermediateDirectories: false)
        try template.write(toFile: dir + "/studio.templates/\(stage).txt", atomically: false, encoding: .utf8)
        let load = try LedgerLoader.load(path: dir + "/studio.due")
        let day = Day.parse("2026-11-20")!
        let sheet = BalanceEngine.balances(load.ledger, asOf: day)
        return try LetterJob.run(ledger: load.ledger, sheet: sheet, asOf: day, paths: OutputPaths(ledger: dir + "/studio.due"), options: .init(statement: "kiln"))
    }

    @Test func anOversizedTemplateIsRefused() throws {
        let result = try lettersWithTemplate(String(repeating: "Dear {{client.name}}, this line is long.\n", count: 8_000))
        #expect(result.diagnostics.map(\.code) == ["E505"])
        #expect(result.drafts.isEmpty)
    }

    /// 11 MB of `{{invoices.table}}` once made a 221 MB letter and used 1 GB of memory.
    @Test func aTemplateThatWouldMakeAHugeLetterStops() throws {
        let result = try lettersWithTemplate(String(repeating: String(repeating: "{{invoices.table}}", count: 10) + "\n", count: 1_400))
        #expect(result.diagnostics.map(\.code) == ["E506"])
        #expect(result.drafts.isEmpty)
    }

    /// A client with tens of thousands of open invoices has a table longer than 4 MB: the
    /// built-in templates name it once, so the letter is written; a template that repeats it
    /// is still stopped.
    @Test func aLetterLongerThanFourMBFromAOnceOnlyTemplateIsWritten() {
        let table = String(repeating: "| INV-0001234 | 2 March 2026 | Design | 1,200.00 | 0.00 | 1,200.00 | 40 |\n", count: 60_000)
        #expect(table.utf8.count > LetterTemplate.maxLetterBytes)
        let values = ["invoices.table": table, "client.name": "Acme"]
        for stage in [LetterStage.reminder, .dispute, .demand] {
            let builtIn = LetterTemplate.parse(SourceFile(id: 0, path: "built-in", bytes: Array(BuiltInTemplates.text(for: stage).utf8))).0
            let letter = builtIn.render(values, limit: builtIn.letterLimit(for: values))
            #expect(letter?.utf8.count ?? 0 > LetterTemplate.maxLetterBytes, "\(stage)")
        }
        let repeating = LetterTemplate.parse(SourceFile(id: 0, path: "t.txt", bytes: Array("{{invoices.table}}\n{{invoices.table}}\n".utf8))).0
        #expect(repeating.render(values, limit: repeating.letterLimit(for: values)) == nil)
    }

    @Test func templateErrorsAreCappedAtTwentyPerFile() throws {
        let result = try lettersWithTemplate(String(repeating: "{{nope}}\n", count: 500))
        #expect(result.diagnostics.count == 20)
        #expect(result.diagnostics.allSatisfy { $0.code == "E501" })
        #expect(result.diagnostics.last?.hint?.contains("480 more problems") == true)
    }

    // MARK: found by fuzzing

    /// A header holding NUL and U+0001 reached the ledger's opening comment, which the ledger
    /// then refused (E006): what the importer writes must always read back.
    @Test func importedTextHoldsNoControlCharacters() throws {
        let bytes = [UInt8](Data(base64Encoded: "aW52b2n/////////////////////////////////////////////////////////AQBQmmNlO2NsaWVudDtpc3N1ZWQ7YW1vdW50DQoxO2E7MjYuMS4yMDEzOzEuMjM0LDUwDQoyO2I7MjcuMS4yMDEzOyI1OzUiDQo=")!)
        var options = CSVImportOptions()
        options.currency = Currency("EUR")
        options.overrides = ["1=invoice", "2=client"]
        options.dateFormat = CSVDateFormat(spec: "d.m.y")
        let result = try CSVImporter.run(bytes: bytes, options: options).get()
        let load = LedgerLoader.load(bytes: Array(result.text.utf8), path: "i.due")
        #expect(load.diagnostics.filter { $0.code.hasPrefix("E0") || $0.code.hasPrefix("E1") }.isEmpty, "\(load.diagnostics.map(\.message))")
        #expect(IDText.text("a\u{1}b\u{7F}c\u{0}") == "abc")
        // What is kept as it is is exactly what tidying would not change.
        var random = SplitMix(seed: 4)
        let pieces = ["a", "Müller", " ", "  ", ";", " ;", "\t", "\r\n", "\u{1}", "é", "\u{301}", "x;y", "\u{85}"]
        for _ in 0..<5_000 {
            let s = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(IDText.text(s) == IDText.tidied(s), "\(s.debugDescription)")
            if IDText.isKeptAsIs(s) { #expect(IDText.tidied(s) == s, "\(s.debugDescription)") }
        }
    }

    /// `zoé` defined with one character and used as e + accent once trapped the journal export
    /// of an unchecked ledger (its byte-keyed table missed the second form).
    @Test func exportSurvivesIdsInTwoUnicodeForms() {
        let text = "settings\n  currency GBP\nclient zo\u{E9} Zoe Ltd\n2026-03-02 invoice zoe\u{301} 1\n  total 10\n"
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "t.due")
        let found = Checker.check(load, asOf: Day.parse("2026-11-20")!)
        #expect(found.map(\.code) == ["E203"])
        #expect(found.first?.hint?.contains("another Unicode form") == true)
        for format in JournalFormat.allCases {
            #expect(JournalExport.render(load.ledger, format: format, sourceName: "t.due").contains("2026-03-02"))
        }
    }

    /// Every invoice of a client due 14,640 days after issue once became `terms net 14640`,
    /// which the ledger refuses (terms run to 3650 days): such dates stay explicit.
    @Test func importedTermsStayWithinWhatTheLedgerReads() throws {
        let result = try Self.importCSV("invoice,client,issued,due,amount\n1,a,2000-01-01,2040-01-30,10.00\n2,a,2000-02-01,2040-03-01,10.00\n").get()
        let load = LedgerLoader.load(bytes: Array(result.text.utf8), path: "i.due")
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics.map(\.message))")
        #expect(!result.text.contains("terms"))
        #expect(load.ledger.invoices.map(\.due.description) == ["2040-01-30", "2040-03-01"])
    }
}

/// What `due check` prints cannot be reordered by the ledger it quotes.
@Suite struct DiagnosticDisplayTests {
    @Test func bidirectionalControlsAreShownAsReplacementsAndTheCaretStaysPut() throws {
        // A right-to-left override inside a client id on an invoice line.
        let text = "client acme Acme Ltd\n\n2026-03-01 invoice ac\u{202E}me INV-1\n  item Work 100.00\n"
        let file = SourceFile(id: 0, path: "bidi.due", bytes: Array(text.utf8))
        var ledger = Ledger()
        var diagnostics: [Diagnostic] = []
        var order = 0
        LedgerParser.parse(file, into: &ledger, diagnostics: &diagnostics, order: &order)
        let e112 = try #require(diagnostics.first { $0.code == "E112" })
        var renderer = DiagnosticRenderer(files: [file])
        let shown = renderer.render(e112)
        for control in ["\u{202E}", "\u{202A}", "\u{2066}", "\u{200F}"] { #expect(!shown.contains(control)) }
        let lines = shown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let source = try #require(lines.first { $0.contains("invoice") })
        #expect(source.contains("ac\u{FFFD}me"))
        // The caret stands under the replacement character, which is where the range starts.
        let caretLine = try #require(lines.first { $0.contains("^") })
        let caretColumn = caretLine.unicodeScalars.firstIndex(of: "^").map { caretLine.unicodeScalars.distance(from: caretLine.unicodeScalars.startIndex, to: $0) }
        let markColumn = source.unicodeScalars.firstIndex(of: "\u{FFFD}").map { source.unicodeScalars.distance(from: source.unicodeScalars.startIndex, to: $0) }
        #expect(caretColumn == markColumn)
        #expect(DiagnosticRenderer.displayMessage("id \u{2067}x\u{2069}") == "id \u{FFFD}x\u{FFFD}")
    }
}

/// A mapped ledger cut short by another program raises SIGBUS when `due` touches a page past the
/// new end; `due` then says so and exits 2 instead of crashing.
@Suite struct TruncatedFileTests {
    @Test func aBusErrorEndsDueWithAMessageNotACrash() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: DueRun.binary)
        p.arguments = ["lsp"]
        let input = Pipe(), output = Pipe()
        let errFile = try temporaryDirectory() + "/stderr"
        #expect(FileManager.default.createFile(atPath: errFile, contents: nil))
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errFile))
        p.standardInput = input
        p.standardOutput = output
        p.standardError = errHandle
        try p.run()
        // Once the server has answered its editor, it is running with its handlers in place
        // however slowly it started; the signal then arrives while it waits, as a bus error would.
        let hello = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#
        input.fileHandleForWriting.write(Data("Content-Length: \(hello.utf8.count)\r\n\r\n\(hello)".utf8))
        #expect(!output.fileHandleForReading.availableData.isEmpty)
        kill(p.processIdentifier, SIGBUS)
        p.waitUntilExit()
        try? errHandle.close()
        try? input.fileHandleForWriting.close()
        #expect(p.terminationReason == .exit)
        #expect(p.terminationStatus == 2)
        let stderr = try String(contentsOfFile: errFile, encoding: .utf8)
        #expect(stderr.contains("a file shrank while due was reading it"))
    }
}
