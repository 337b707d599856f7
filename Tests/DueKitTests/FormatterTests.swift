import Foundation
import Testing
@testable import DueKit

private func bytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

private func parsed(_ b: [UInt8]) -> (Ledger, [Diagnostic]) {
    var d: [Diagnostic] = []
    let l = FormatVerifier.meaning(of: SourceFile(id: 0, path: "t.due", bytes: b), diagnostics: &d)
    return (l, d)
}

/// Formatting `input` must keep its meaning and every comment, and be a fixed point.
private func expectLossless(_ input: [UInt8], commentsInOrder: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
    let out = LedgerFormatter.format(input)
    let (before, d1) = parsed(input)
    let (after, d2) = parsed(out)
    #expect(d1.filter { $0.severity == .error }.isEmpty, "input has errors: \(d1.map(\.message))", sourceLocation: sourceLocation)
    #expect(d2.filter { $0.severity == .error }.isEmpty, "output has errors: \(d2.map(\.message))", sourceLocation: sourceLocation)
    #expect(FormatVerifier.modelDifference(before, after) == nil, "model changed: \(FormatVerifier.modelDifference(before, after) ?? "")", sourceLocation: sourceLocation)
    let c1 = FormatVerifier.comments(input), c2 = FormatVerifier.comments(out)
    if commentsInOrder {
        #expect(c1 == c2, sourceLocation: sourceLocation)
    } else {
        #expect(c1.sorted { $0.lexicographicallyPrecedes($1) } == c2.sorted { $0.lexicographicallyPrecedes($1) }, sourceLocation: sourceLocation)
    }
    #expect(LedgerFormatter.format(out) == out, "not idempotent", sourceLocation: sourceLocation)
    return out
}

@Suite struct FormatterTests {
    static let goldens = ["forms", "comments", "whitespace"]

    /// An indented comment after an entry stays with it, but a column-1 comment right after it
    /// and right above the next header leads that header (§8): it was once indented into the
    /// entry above.
    @Test func aColumnOneCommentAfterAnIndentedOneLeadsTheNextEntry() {
        let input = Array("""
            client acme Acme
              currency  GBP

            2026-04-10 payment acme 100.00
              apply  A-1
              ; about the payment
            ; about the plan
            2026-05-01 plan acme 100.00
              2026-06-01  100.00

            """.utf8)
        let out = String(decoding: expectLossless(input, commentsInOrder: true), as: UTF8.self)
        #expect(out.contains("  apply  A-1\n  ; about the payment\n\n; about the plan\n2026-05-01 plan acme 100.00\n"), "\(out)")
    }

    /// A tab inside an item's description is kept, as free text is copied byte for byte (§8)
    /// and a contact's or an address's tab is: it was made a space. It counts as one column.
    @Test func aTabInsideAnItemsDescriptionIsKept() {
        let input = Array("client acme Acme\n  currency GBP\n\n2026-01-10 invoice acme A-1\n  item  Design\twork  2 x 100.00\n  item  Copy  1 x 50.00\n".utf8)
        let out = String(decoding: expectLossless(input), as: UTF8.self)
        #expect(out.contains("  item  Design\twork   2 x 100.00\n  item  Copy          1 x  50.00\n"), "\(out)")
    }

    /// `include` lines written one under another stay one under another: they were pulled
    /// apart by blank lines. A blank line or a comment between two still parts them.
    @Test func aRunOfIncludesStaysTogether() {
        let input = Array("include a.due\ninclude   b.due\n\ninclude c.due\n; the rest\ninclude d.due\nsettings\n  currency GBP\n".utf8)
        let out = String(decoding: expectLossless(input, commentsInOrder: true), as: UTF8.self)
        #expect(out == "include a.due\ninclude b.due\n\ninclude c.due\n\n; the rest\ninclude d.due\n\nsettings\n  currency  GBP\n", "\(out)")
    }

    @Test func noOrphanFormatGoldens() {
        Golden.checkNoOrphans(in: Repo.path("Tests/DueKitTests/Goldens/fmt"), produced: Set(Self.goldens.flatMap { ["\($0).input.due", "\($0).canonical.due"] }))
    }

    @Test(arguments: goldens)
    func messyInputComesBackInTheCanonicalLayout(name: String) throws {
        let dir = Repo.path("Tests/DueKitTests/Goldens/fmt")
        let input = try bytes("\(dir)/\(name).input.due")
        let out = expectLossless(input)
        Golden.check(String(decoding: out, as: UTF8.self), against: "\(dir)/\(name).canonical.due")
        #expect(FileFormatter.format(bytes: input, path: "\(name).due").status == .changed)
    }

    @Test func whitespaceGoldenReallyHoldsCRLFTabsAndABOM() throws {
        let input = try bytes(Repo.path("Tests/DueKitTests/Goldens/fmt/whitespace.input.due"))
        #expect(Array(input.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(input.contains(0x0D) && input.contains(0x09))
        let out = LedgerFormatter.format(input)
        #expect(!out.contains(0x0D) && !out.contains(0x09) && out.first != 0xEF)
        #expect(out.last == 0x0A)
    }

    @Test(arguments: ["studio.due", "studio-clients.due"])
    func committedSamplesAreAlreadyCanonical(sample: String) throws {
        let input = try bytes(Repo.path("samples/\(sample)"))
        let out = expectLossless(input, commentsInOrder: true)
        #expect(out == input)
        #expect(FileFormatter.format(bytes: input, path: sample).status == .unchanged)
    }

    /// The README's first example is what `due fmt` writes, so a newcomer who copies it and runs
    /// `due fmt --check` sees no diff; and it checks clean.
    @Test func readmeFormatInTenLinesIsCanonical() throws {
        let readme = try String(contentsOfFile: Repo.path("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false)
        let heading = try #require(lines.firstIndex { $0.hasPrefix("## The format in ten lines") })
        let open = try #require(lines[heading...].firstIndex { $0.hasPrefix("```") })
        let close = try #require(lines[(open + 1)...].firstIndex { $0.hasPrefix("```") })
        let example = lines[(open + 1)..<close].joined(separator: "\n") + "\n"
        #expect(lines[(open + 1)..<close].filter { !$0.isEmpty }.count == 10)
        let outcome = FileFormatter.format(bytes: Array(example.utf8), path: "README.md")
        #expect(outcome.status == .unchanged, "README example is not canonical:\n\(String(decoding: outcome.formatted, as: UTF8.self))")
        let load = LedgerLoader.load(bytes: Array(example.utf8), path: "README.md")
        #expect(Checker.check(load, asOf: Day(year: 2026, month: 4, day: 30)!).isEmpty)
    }

    @Test func messyCopyOfTheStudioSampleComesBackExactlyWithEveryComment() throws {
        let original = try bytes(Repo.path("samples/studio.due"))
        let messy = Messifier.mess(String(decoding: original, as: UTF8.self))
        #expect(Array(messy.utf8) != original)
        let outcome = FileFormatter.format(bytes: Array(messy.utf8), path: "studio.due")
        #expect(outcome.status == .changed)
        let out = expectLossless(Array(messy.utf8))
        #expect(FormatVerifier.comments(out) == FormatVerifier.comments(original))
        #expect(String(decoding: out, as: UTF8.self) == String(decoding: original, as: UTF8.self))
    }

    @Test func generatedLedgersFormatLosslesslyAndIdempotently() {
        var rng = SplitMix(seed: 20260302)
        for _ in 0..<40 {
            let text = MessyLedgerGenerator.make(&rng)
            let input = Array(text.utf8)
            let outcome = FileFormatter.format(bytes: input, path: "g.due")
            #expect(outcome.status == .changed || outcome.status == .unchanged, "\(outcome.status) \(outcome.diagnostics.map(\.message))\n\(text)")
            _ = expectLossless(input)
        }
    }

    @Test func benchmarkGeneratorLedgerFormatsLosslessly() {
        let input = LedgerGenerator(invoices: 2_000, seed: 11).generate()
        let outcome = FileFormatter.format(bytes: input, path: "bench.due")
        #expect(outcome.status == .changed || outcome.status == .unchanged, "\(outcome.status)")
        _ = expectLossless(input, commentsInOrder: true)
    }

    @Test func detailsAreReorderedStablyWithTheirComments() {
        let input = Array("""
            2026-03-02 invoice acme 1
              total 30.00
              ; about B
              item B 1 x 10.00
              item A 1 x 20.00 ; a
              ref R

            """.utf8)
        let out = String(decoding: LedgerFormatter.format(input), as: UTF8.self)
        #expect(out == """
            2026-03-02 invoice acme 1
              ref    R
              ; about B
              item   B   1 x 10.00
              item   A   1 x 20.00   ; a
              total  30.00

            """)
    }

    @Test func fileWithErrorsIsNotFormatted() {
        let outcome = FileFormatter.format(bytes: Array("2026-02-30 invoice acme 1\n  total   10\n".utf8), path: "bad.due")
        #expect(outcome.status == .invalid)
        #expect(outcome.diagnostics.map(\.code) == ["E104"])
    }

    @Test func verifierSeesMeaningNotLayout() {
        let original = Array("client acme   Acme Ltd ; who\n  terms net  30\n\n2026-01-02 invoice acme 1\n  total 10.00\n  for Design\n".utf8)
        let tree = SyntaxTree(bytes: original)
        var d: [Diagnostic] = []
        let meaning = FormatVerifier.meaning(of: SourceFile(id: 0, path: "a.due", bytes: original), diagnostics: &d)
        #expect(d.isEmpty)
        func verdict(_ text: String) -> String? { FormatVerifier.difference(original: meaning, originalTree: tree, formatted: Array(text.utf8), path: "a.due") }
        #expect(verdict("client acme Acme Ltd   ; who\n  terms  net 30\n\n2026-01-02 invoice acme 1\n  for    Design\n  total  10.00\n") == nil)
        #expect(verdict("client acme Acme Ltd   ; who\n  terms  net 30\n\n2026-01-02 invoice acme 1\n  for    Design\n  total  10.01\n") == "the invoices would change")
        #expect(verdict("client acme Acme Ltd\n  terms  net 30\n\n2026-01-02 invoice acme 1\n  for    Design\n  total  10.00\n") == "the comments would change")
        #expect(verdict("client acme Acme Ltd   ; who\n  terms  net 31\n\n2026-01-02 invoice acme 1\n  for    Design\n  total  10.00\n") == "the clients would change")
        #expect(verdict("client acme Acme Ltd\n  trems  net 30\n")?.hasPrefix("the formatted text does not parse: E108") == true)
    }

    @Test func emptyAndBlankFilesFormatToNothing() {
        #expect(LedgerFormatter.format([]) == [])
        #expect(LedgerFormatter.format(Array(" \n\t\r\n\n".utf8)) == [])
    }

    @Test func unifiedDiffMatchesDiffUShape() {
        let old = Array("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n".utf8)
        let new = Array("a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk".utf8)
        let diff = LineDiff.unified(old: old, new: new, oldLabel: "x", newLabel: "y")
        #expect(diff == """
            --- x
            +++ y
            @@ -1,5 +1,5 @@
             a
            -b
            +B
             c
             d
             e
            @@ -8,3 +8,4 @@
             h
             i
             j
            +k
            \\ No newline at end of file

            """)
        #expect(LineDiff.unified(old: old, new: old, oldLabel: "x", newLabel: "y") == "")
    }

    /// More than 2,000 differing lines, far apart: still one small hunk per change, and the
    /// diff turns the old text into the new one exactly.
    @Test func manyScatteredChangesGiveManySmallHunks() throws {
        var old = "", new = ""
        // 1,200 changed lines each way: 2,400 differing lines.
        for n in 0..<1_200 {
            old += "2026-01-01 invoice acme \(n)\n  total   \(n).00\n"
            new += "2026-01-01 invoice acme \(n)\n  total  \(n).00\n"
            for k in 0..<8 {
                old += "; note \(n)-\(k)\n"
                new += "; note \(n)-\(k)\n"
            }
            old += "\n"
            new += "\n"
        }
        let diff = LineDiff.unified(old: Array(old.utf8), new: Array(new.utf8), oldLabel: "x", newLabel: "y")
        let hunks = diff.split(separator: "\n").filter { $0.hasPrefix("@@") }
        #expect(hunks.count == 1_200)
        #expect(hunks.first == "@@ -1,5 +1,5 @@")
        #expect(hunks.dropFirst().allSatisfy { $0.hasSuffix(",7 @@") }, "\(hunks.prefix(3))")
        #expect(try apply(diff, to: old) == new)
    }

    /// Applies a unified diff as `patch` would, checking every context and removed line.
    func apply(_ diff: String, to text: String) throws -> String {
        let old = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        var out: [String] = []
        var at = 0
        for line in diff.split(separator: "\n").dropFirst(2) {
            if line.hasPrefix("@@") {
                let start = Int(line.dropFirst(4).prefix { $0 != "," && $0 != " " })! - 1
                out += old[at..<start]
                at = start
            } else if line.hasPrefix("+") {
                out.append(String(line.dropFirst()))
            } else {
                try #require(old[at] == String(line.dropFirst()), "line \(at + 1): '\(old[at])' vs '\(line)'")
                if line.hasPrefix(" ") { out.append(old[at]) }
                at += 1
            }
        }
        out += old[at...]
        return out.map { $0 + "\n" }.joined()
    }
}

@Suite struct FmtCommandTests {
    @Test func checkPassesOnTheCommittedSamples() throws {
        let r = try DueRun.run(["fmt", "--check", Repo.path("samples/studio.due"), Repo.path("samples/studio-clients.due")])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func canonicalFileIsNotTouchedAndMessyOneIsRewritten() throws {
        let dir = try temporaryDirectory()
        let canonical = dir + "/clients.due"
        let messy = dir + "/messy.due"
        try FileManager.default.copyItem(atPath: Repo.path("samples/studio-clients.due"), toPath: canonical)
        try FileManager.default.copyItem(atPath: Repo.path("Tests/DueKitTests/Goldens/fmt/forms.input.due"), toPath: messy)
        let past = Date(timeIntervalSince1970: 1_600_000_000)
        for p in [canonical, messy] { try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: p) }
        let before = try bytes(canonical)

        let check = try DueRun.run(["fmt", "--check", canonical, messy])
        #expect(check.status == 1)
        #expect(check.stdout.contains("--- \(messy)\n+++ \(messy) (formatted)\n@@ -1"))
        #expect(!check.stdout.contains(canonical + "\n"))

        let r = try DueRun.run(["fmt", canonical, messy])
        #expect(r.status == 0, "\(r.stderr)")
        let mtime = try FileManager.default.attributesOfItem(atPath: canonical)[.modificationDate] as? Date
        #expect(mtime == past)
        #expect(try bytes(canonical) == before)
        #expect(try bytes(messy) == bytes(Repo.path("Tests/DueKitTests/Goldens/fmt/forms.canonical.due")))
        #expect(try DueRun.run(["fmt", "--check", messy]).status == 0)
    }

    @Test func fileWithErrorsIsLeftAloneAndExitsOne() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/bad.due"
        let text = "2026-02-30 invoice   acme 1\n  total 10\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try DueRun.run(["fmt", path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("E104"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func stdoutPrintsTheFormattedTextAndWritesNothing() throws {
        let input = Repo.path("Tests/DueKitTests/Goldens/fmt/comments.input.due")
        let r = try DueRun.run(["fmt", "--stdout", input])
        #expect(r.status == 0)
        #expect(r.stdout == (try String(contentsOfFile: Repo.path("Tests/DueKitTests/Goldens/fmt/comments.canonical.due"), encoding: .utf8)))
        #expect(try DueRun.run(["fmt", "--stdout", "--check", input]).status == 2)
    }
}

/// Undoes the layout of a canonical ledger without changing what it says: tabs and odd
/// indentation, collapsed columns, trailing blanks, CRLF, blank lines inside entries and
/// `ref`/`for`/`method` moved to the end of their entry.
enum Messifier {
    static func mess(_ text: String) -> String {
        var out: [String] = []
        var entry: [String] = []
        var moved: [String] = []
        func flush() {
            out += entry + moved
            entry = []
            moved = []
        }
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var l = String(line)
            if l.hasPrefix("  ") && !l.hasPrefix("  ;") {
                let body = l.dropFirst(2)
                let key = body.prefix { $0 != " " }
                var value = body.dropFirst(key.count).drop { $0 == " " }
                var comment = ""
                if let r = value.range(of: "   ;") ?? value.range(of: "  ;") {
                    comment = " ;" + value[r.upperBound...]
                    value = value[..<r.lowerBound]
                    while value.hasSuffix(" ") { value = value.dropLast() }
                }
                var v = String(value)
                if key == "item" || key.first!.isNumber {
                    while v.contains("  ") { v = v.replacingOccurrences(of: "  ", with: " ") }
                }
                l = (n % 2 == 0 ? "\t" : "    ") + key + (n % 3 == 0 ? "\t" : " ") + v + comment + (n % 4 == 0 ? " \t" : "")
                if ["ref", "for", "method"].contains(String(key)) && entry.count > 1 {
                    moved.append(l)
                    continue
                }
                entry.append(l)
                if entry.count == 2 && n % 5 == 0 { entry.append("  ") }
            } else {
                flush()
                if let r = l.range(of: "   ;"), !l.hasPrefix(";") { l.replaceSubrange(r, with: "\t;") }
                entry.append(l.isEmpty ? (n % 2 == 0 ? "\t" : "") : l.replacingOccurrences(of: " ", with: n % 2 == 0 ? " " : "  ", options: [], range: l.startIndex..<(l.firstIndex(of: ";") ?? l.startIndex)))
            }
        }
        flush()
        return out.joined(separator: "\r\n")
    }
}


/// Random valid ledgers in random layouts: every kind of entry, details in any order,
/// comments of every kind, odd spacing.
enum MessyLedgerGenerator {
    static func make(_ rng: inout SplitMix) -> String {
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func chance(_ p: Int) -> Bool { Int(rng.next() % 100) < p }
        func gap() -> String { pick([" ", "  ", "\t", " \t ", "     "]) }
        func comment() -> String { pick(["; why", ";", "; a;b  c", "# hash", ";\tpadded\t text"]) }
        // `#` starts a comment only at the start of a line.
        func trailing() -> String { pick(["; why", ";", "; a;b  c", ";\tpadded\t text"]) }
        var lines: [String] = []
        func detail(_ k: String, _ v: String) {
            if chance(15) { lines.append(pick(["  ", "", "\t"]) + comment()) }
            if chance(10) { lines.append("") }
            lines.append(pick(["  ", "\t", "    ", " "]) + k + gap() + v + (chance(20) ? gap() + trailing() : "") + (chance(10) ? " " : ""))
        }
        func shuffled(_ ds: [(String, String)]) -> [(String, String)] {
            var d = ds
            for i in d.indices.reversed() where i > 0 {
                let j = Int(rng.next() % UInt64(i + 1))
                // Repeated keywords keep their order (that order is meaning).
                if d[i].0 != d[j].0 && !d[(min(i, j))...max(i, j)].contains(where: { $0.0 == d[i].0 || $0.0 == d[j].0 } as ((String, String)) -> Bool) {
                    d.swapAt(i, j)
                }
            }
            return d
        }
        func entry(_ header: String, _ ds: [(String, String)]) {
            if chance(20) { lines.append(comment()) }
            if chance(70) { lines.append("") }
            lines.append(header + (chance(20) ? gap() + trailing() : ""))
            for (k, v) in shuffled(ds) { detail(k, v) }
        }
        entry("client\(gap())acme\(gap())Acme  Ltd", [("currency", "GBP"), ("email", "a@b.example"), ("address", "1 Road"), ("address", "Town"), ("terms", "net\(gap())30")])
        for i in 0..<Int(rng.next() % 8 + 1) {
            let day = "2026-0\(i % 9 + 1)-1\(i % 9)"
            switch rng.next() % 7 {
            case 0:
                var ds: [(String, String)] = [("ref", "PO \(i)"), ("item", "Design\(gap())work \(gap())\(i + 1)\(gap())x\(gap())1\(String(repeating: "0", count: i % 4)).50")]
                if chance(50) { ds.append(("item", "Extra   thing\(gap())25.00")) }
                if chance(50) { ds.append(("tax", pick(["VAT  20%", "20%"]))) }
                if chance(50) { ds.append(("due", "2026-12-31")) }
                entry("\(day)\(gap())invoice\(gap())acme\(gap())INV-\(i)", ds)
            case 1:
                entry("\(day) payment acme\(gap())1,000.00\(chance(50) ? " GBP" : "")", [("method", "bank  transfer"), ("apply", "INV-\(i)\(gap())10.00"), ("apply", "INV-x")])
            case 2:
                entry("\(day) note acme\(chance(50) ? " call" : "")", [("with", "Jo"), ("said", "one"), ("said", "two  spaced"), ("promise", "2026-12-01\(gap())5.00"), ("dispute", "INV-\(i)\(gap())no good"), ("hardship", "tight")])
            case 3:
                entry("\(day) plan acme 300.00", [("for", "INV-\(i)\(gap())INV-y")])
                for (d, a) in [("2026-10-01", "100.00"), ("2026-11-01", "50.00"), ("2026-12-01", "150.00")] { detail(d, a) }
            case 4:
                entry("\(day) letter acme reminder", [("invoices", "A\(gap())B"), ("channel", "email")])
            case 5:
                entry("\(day) credit acme 5.00", [("number", "CN-\(i)"), ("reason", "late"), ("apply", "INV-\(i)")])
            default:
                entry("\(day)\(gap())balance acme\(gap())-5.00", [])
            }
        }
        if chance(50) { lines.append(comment()) }
        return lines.joined(separator: chance(30) ? "\r\n" : "\n") + (chance(50) ? "\n" : "")
    }
}

@Suite struct LineEndingChangeTests {
    /// `fmt --check` says a file whose only change is CRLF to LF in a sentence, not a diff of
    /// lines that look the same: the count is of line endings changed, and any other change
    /// gives none.
    @Test func onlyLineEndingsDifferIsCountedExactly() {
        func bytes(_ s: String) -> SourceBytes { SourceBytes(Array(s.utf8)) }
        #expect(FileFormatter.onlyUnseenChanges(bytes("a\r\nb\r\nc\n"), bytes("a\nb\nc\n")) == .init(byteOrderMark: false, lineEndings: 2))
        #expect(FileFormatter.onlyUnseenChanges(bytes("a\r\nb\r\n"), bytes("a\nB\n")) == nil)
        #expect(FileFormatter.onlyUnseenChanges(bytes("a\nb\n"), bytes("a\nb\n")) == nil)
        #expect(FileFormatter.onlyUnseenChanges(bytes("a\r\nb"), bytes("a\nb\n")) == nil)
        // A byte order mark dropped, alone or with line endings; with anything else, nil.
        #expect(FileFormatter.onlyUnseenChanges(bytes("\u{FEFF}a\nb\n"), bytes("a\nb\n")) == .init(byteOrderMark: true, lineEndings: 0))
        #expect(FileFormatter.onlyUnseenChanges(bytes("\u{FEFF}a\r\nb\n"), bytes("a\nb\n")) == .init(byteOrderMark: true, lineEndings: 1))
        #expect(FileFormatter.onlyUnseenChanges(bytes("\u{FEFF}a\nb\n"), bytes("a\nB\n")) == nil)
    }

    /// A file whose only change is the byte order mark at its start is said to be so in a
    /// sentence, not shown as a diff of two first lines that look alike; with other changes
    /// the diff is shown, and the mark named before it.
    @Test func aByteOrderMarkDroppedIsSaidPlainly() throws {
        let dir = try temporaryDirectory()
        let ledger = "client acme Acme Ltd\n  currency  GBP\n"
        let path = dir + "/bom.due"
        try SafeFileWriter.write(Array("\u{FEFF}\(ledger)".utf8), to: path)
        let r = try DueRun.run(["fmt", "--check", path])
        #expect(r.status == 1)
        #expect(r.stdout == "\(path): the file starts with a byte order mark (U+FEFF, unseen in most editors), which fmt removes; nothing else would change\n", "\(r.stdout)")
        try SafeFileWriter.write(Array("\u{FEFF}\(ledger)".replacingOccurrences(of: "\n", with: "\r\n").utf8), to: path)
        let crlf = try DueRun.run(["fmt", "--check", path])
        #expect(crlf.stdout == "\(path): the file starts with a byte order mark (U+FEFF, unseen in most editors), which fmt removes, and the line endings would change, CRLF to LF (2 lines); nothing else would change\n", "\(crlf.stdout)")
        try SafeFileWriter.write(Array("\u{FEFF}client acme Acme Ltd\n  currency GBP\n".utf8), to: path)
        let more = try DueRun.run(["fmt", "--check", path])
        #expect(more.status == 1)
        #expect(more.stdout.hasPrefix("\(path): the file starts with a byte order mark (U+FEFF, unseen in most editors), which fmt removes: line 1 below differs by it too\n--- \(path)\n"), "\(more.stdout)")
        #expect(more.stdout.contains("+  currency  GBP\n"))
        // fmt itself removes it, and then there is nothing to say.
        #expect(try DueRun.run(["fmt", path]).status == 0)
        #expect(try FileSystem.readFile(path) == Array(ledger.utf8))
        #expect(try DueRun.run(["fmt", "--check", path]).stdout.isEmpty)
    }
}
