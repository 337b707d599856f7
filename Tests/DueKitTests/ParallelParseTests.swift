import Foundation
import Testing
@testable import DueKit

@Suite struct ParallelParseTests {
    @Test func aLargeFileParsedOnSeveralThreadsGivesTheSameLedgerAsOneThread() {
        // Large enough to pass the threshold for parallel parsing.
        var bytes = LedgerGenerator(invoices: 24_000, seed: 7).generate()
        #expect(bytes.count > ParallelParse.threshold)
        // A mistake in the second half must be reported at the same place either way.
        bytes += Array("2026-11-19 invoce c1 X-1\n  total 10\n".utf8)
        let one = LedgerLoader.load(bytes: bytes, path: "big.due", parallel: false)
        // Four parts whatever the machine: the parallel path runs on one core too.
        let many = LedgerLoader.load(bytes: bytes, path: "big.due", parts: 4)
        #expect(ParallelParse.cuts(for: many.ledger.files[0], parts: 4)?.count == 5)  // four parts, five boundaries
        #expect(one.ledger.invoices == many.ledger.invoices)
        #expect(one.ledger.items == many.ledger.items)
        #expect(one.ledger.payments == many.ledger.payments)
        #expect(one.ledger.allocations == many.ledger.allocations)
        #expect(one.ledger.notes == many.ledger.notes)
        #expect(one.ledger.clients == many.ledger.clients)
        #expect(one.diagnostics == many.diagnostics)
        #expect(one.diagnostics.map(\.code) == ["E102"])
    }

    /// A large file included after entries of its own: its parts land after them, their
    /// items, `apply` lines and order numbers moved on, as one thread reads them.
    @Test func aLargeIncludedFileTakesItsPlaceAfterTheEntriesBeforeIt() {
        let big = LedgerGenerator(invoices: 24_000, seed: 7).generate()
        #expect(big.count > ParallelParse.threshold)
        let main = Array("client early\n2020-01-02 invoice early E-1\n  item Work 2 x 10.00\n  item More 1 x 5.00\n2020-01-03 payment early 25.00 GBP\n  apply E-1\ninclude big.due\n2030-01-01 note early call\n  said later\n".utf8)
        let read: (String) -> Result<[UInt8], FileError> = { path in path.hasSuffix("big.due") ? .success(big) : .failure(.missing(path)) }
        let one = LedgerLoader.load(bytes: main, path: "main.due", readFile: read, parallel: false)
        let many = LedgerLoader.load(bytes: main, path: "main.due", readFile: read, parts: 4)
        #expect(one.ledger.invoices.count > 24_000)
        #expect(one.ledger.invoices == many.ledger.invoices && one.ledger.items == many.ledger.items)
        #expect(one.ledger.payments == many.ledger.payments && one.ledger.allocations == many.ledger.allocations)
        #expect(one.ledger.notes == many.ledger.notes && one.diagnostics == many.diagnostics)
        #expect(many.ledger.items(of: many.ledger.invoices[1]).first.flatMap { many.ledger.description(of: $0, in: many.ledger.invoices[1]) } != "Work")
        // Entries keep the order read: the main file's first, the included file's, then the last note.
        #expect(many.ledger.invoices[0].order < many.ledger.invoices[1].order)
        #expect(many.ledger.notes.last!.order > many.ledger.invoices.map(\.order).max()!)
    }

    @Test func aSecondSettingsOrSenderInALaterPartIsReportedAsOneThreadReportsIt() {
        // The generated ledger opens with its settings and sender.
        var bytes = LedgerGenerator(invoices: 24_000, seed: 7).generate()
        bytes += Array("\nsettings\n  currency GBP\n\nsender Other Ltd\n  email a@b.example\n".utf8)
        let one = LedgerLoader.load(bytes: bytes, path: "big.due", parallel: false)
        let many = LedgerLoader.load(bytes: bytes, path: "big.due", parts: 4)
        #expect(one.diagnostics.map(\.code) == ["E121", "E121"])
        #expect(one.diagnostics == many.diagnostics)
    }

    @Test func aFileWithIncludesIsParsedInOrderOnOneThread() {
        var bytes = LedgerGenerator(invoices: 24_000, seed: 7).generate()
        bytes += Array("include other.due\n".utf8)
        #expect(ParallelParse.cuts(for: SourceFile(id: 0, path: "x.due", bytes: bytes), parts: 4) == nil)
    }
}

@Suite struct ParallelPlanTests {
    /// Each part's invoices, payments, items, `apply` lines, notes and letters are counted by their words,
    /// wherever the cuts fall and however the words are spaced; an `include` at any line
    /// start, a part's first byte included, rules the file out.
    @Test func linesAreCountedPartByPartWhereverTheFileIsCut() {
        var random = SplitMix(seed: 5)
        for round in 0..<40 {
            var lines: [String] = []
            for _ in 0..<Int.random(in: 0...60, using: &random) {
                let gap = ["  ", " ", "\t", " \t "][Int.random(in: 0...3, using: &random)]
                switch Int.random(in: 0...12, using: &random) {
                case 0: lines.append("2026-01-0\(Int.random(in: 1...9, using: &random))\(gap)invoice c1 A-\(Int.random(in: 1...99, using: &random))")
                case 1: lines.append("\(gap)item Work 1 x 10")
                case 2: lines.append("")
                case 3: lines.append("client c\(Int.random(in: 1...9, using: &random))")
                case 4: lines.append("2026-02-01\(gap)payment c1 10.00")
                case 5: lines.append("2026-02-02 credit c1 5.00")
                case 6: lines.append("\(gap)apply A-1")
                case 7: lines.append("2026-03-01\(gap)note c1")
                case 8: lines.append("2026-03-02 letter c1 reminder A-1")
                // Words that only begin with a kind or keyword, and a date with blanks in it.
                case 9: lines.append(["2026-04-01 invoices c1", "  itemised list", "  applying", "2026-04-01 creditor c1 1"][Int.random(in: 0...3, using: &random)])
                case 10: lines.append("2026 04 01 invoice c1 A-2")
                case 11: lines.append(["  item", "2026-05-01 note", "  apply"][Int.random(in: 0...2, using: &random)])
                default: lines.append("; 1 note")
                }
            }
            let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
            // Cuts at random line starts.
            var cutLines = [0]
            for _ in 0..<Int.random(in: 0...5, using: &random) where !lines.isEmpty { cutLines.append(Int.random(in: 0...lines.count, using: &random)) }
            cutLines.append(lines.count)
            cutLines.sort()
            let offset = { (line: Int) in lines[..<line].reduce(0) { $0 + $1.utf8.count + 1 } }
            let cuts = cutLines.map(offset)
            let counted = bytes.withUnsafeBufferPointer { b in zip(cuts, cuts.dropFirst()).map { ParallelParse.count(b, from: $0, to: $1) } }
            let expected = zip(cutLines, cutLines.dropFirst()).map { a, b -> ParallelParse.EntryCount? in
                let words = lines[a..<b].map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }
                // A word that begins with a kind or keyword counts, which the parse then finds
                // to be no entry.
                return ParallelParse.EntryCount(
                    invoices: words.filter { $0.count > 1 && $0[1].hasPrefix("invoice") }.count,
                    payments: words.filter { $0.count > 1 && ($0[1].hasPrefix("payment") || $0[1].hasPrefix("credit")) }.count,
                    items: words.filter { $0.first?.hasPrefix("item") == true }.count,
                    allocations: words.filter { $0.first?.hasPrefix("apply") == true }.count,
                    notes: words.filter { $0.count > 1 && $0[1].hasPrefix("note") }.count,
                    letters: words.filter { $0.count > 1 && $0[1].hasPrefix("letter") }.count)
            }
            #expect(counted == expected, "round \(round)")
            let at = Int.random(in: 0...lines.count, using: &random)
            var withInclude = lines
            withInclude.insert("include other.due", at: at)
            let included = Array(withInclude.map { $0 + "\n" }.joined().utf8)
            let end = included.count
            #expect(included.withUnsafeBufferPointer { ParallelParse.count($0, from: 0, to: end) } == nil, "round \(round)")
            // The reader skips a byte order mark, so an `include` right after one is an include.
            let marked = [0xEF, 0xBB, 0xBF] + Array("include other.due\n".utf8) + bytes
            #expect(marked.withUnsafeBufferPointer { ParallelParse.count($0, from: 0, to: marked.count) } == nil, "round \(round)")
            #expect(PieceCache.hasInclude(marked))
        }
    }

    /// A part no larger than twice its sample is counted whole: on a clean ledger every part
    /// then fits its stretches exactly.
    @Test func aSmallPartIsCountedWhole() throws {
        let bytes = LedgerGenerator(invoices: 14_000, seed: 3, profile: .realistic).generate()
        let file = SourceFile(id: 0, path: "big.due", bytes: bytes)
        let plan = try #require(ParallelParse.plan(for: file, parts: 3, sampling: .init(windows: 4, windowBytes: 1 << 20)))
        let l = LedgerLoader.parse(bytes: bytes, path: "big.due", parallel: false).ledger
        #expect(plan.room.reduce(0) { $0 + $1.invoices } == l.invoices.count)
        #expect(plan.room.reduce(0) { $0 + $1.payments } == l.payments.count)
        #expect(plan.room.reduce(0) { $0 + $1.items } == l.items.count)
        #expect(plan.room.reduce(0) { $0 + $1.allocations } == l.allocations.count)
        #expect(plan.room.reduce(0) { $0 + $1.notes } == l.notes.count)
    }

    /// A larger part's entries are estimated from a sample of its lines, scaled to its size:
    /// close to what it holds, and with the margin more than it holds, on a generated ledger.
    @Test func aLargePartIsEstimatedFromASample() throws {
        let bytes = LedgerGenerator(invoices: 40_000, seed: 3, profile: .realistic).generate()
        let file = SourceFile(id: 0, path: "big.due", bytes: bytes)
        var bare = ParallelParse.Sampling.standard
        bare.margin = 0
        bare.slack = 0
        let estimated = try #require(ParallelParse.plan(for: file, parts: 2, sampling: bare))
        let standard = try #require(ParallelParse.plan(for: file, parts: 2))
        let cuts = estimated.cuts
        #expect(cuts[1] > 2 * bare.windows * bare.windowBytes)
        let counted = bytes.withUnsafeBufferPointer { b in (0..<2).map { ParallelParse.count(b, from: cuts[$0], to: cuts[$0 + 1])! } }
        for k in 0..<2 {
            for kind in [\ParallelParse.EntryCount.invoices, \.payments, \.items, \.allocations] {
                let guess = estimated.room[k][keyPath: kind], count = counted[k][keyPath: kind]
                #expect(count > 1_000)
                #expect(abs(guess - count) * 20 < count, "part \(k): \(guess) for \(count)")
                #expect(standard.room[k][keyPath: kind] > count, "part \(k)")
            }
        }
    }

    /// The ledger parsed in `parts` with room for what `room` says, or nil when the parse in
    /// parts gave up.
    func parsedInParts(_ bytes: [UInt8], parts: Int, talliesItems: Bool = false, room: (Int, ParallelParse.EntryCount) -> ParallelParse.EntryCount) throws -> LoadResult? {
        let file = SourceFile(id: 0, path: "big.due", bytes: bytes)
        // Every part counted whole, for `room` to work from.
        var plan = try #require(ParallelParse.plan(for: file, parts: parts, sampling: .init(windows: 1, windowBytes: 1 << 30)))
        plan.room = plan.room.enumerated().map { room($0.offset, $0.element) }
        var ledger = Ledger()
        ledger.files = [file]
        ledger.itemsTallied = talliesItems
        var diagnostics: [Diagnostic] = []
        var order = 0
        guard ParallelParse.parse(file, plan: plan, talliesItems: talliesItems, into: &ledger, diagnostics: &diagnostics, order: &order) else { return nil }
        return LoadResult(ledger: ledger, diagnostics: diagnostics)
    }

    func expectSame(_ one: LoadResult, _ many: LoadResult, _ comment: Comment) {
        #expect(one.ledger.invoices.map(\.order) == many.ledger.invoices.map(\.order), comment)
        #expect(one.ledger.invoices == many.ledger.invoices && one.ledger.items == many.ledger.items, comment)
        #expect(one.ledger.payments == many.ledger.payments && one.ledger.allocations == many.ledger.allocations, comment)
        #expect(one.ledger.notes == many.ledger.notes && one.ledger.letters == many.ledger.letters, comment)
        #expect(one.ledger.plans == many.ledger.plans && one.ledger.writeOffs == many.ledger.writeOffs, comment)
        #expect(one.ledger.assertions == many.ledger.assertions && one.ledger.clients == many.ledger.clients, comment)
        #expect(one.ledger.unreadInvoices == many.ledger.unreadInvoices, comment)
        #expect(one.diagnostics == many.diagnostics, comment)
    }

    /// A generated ledger with notes, letters, a plan, write-offs and mistakes: headers that
    /// cannot be read, bad items and `apply` lines, invalid UTF-8 and a control character, in
    /// every part.
    func ledgerWithMistakes() -> [UInt8] {
        let text = String(decoding: LedgerGenerator(invoices: 24_000, seed: 7, profile: .realistic).generate(), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var k = 0
        for at in stride(from: lines.count - 1, to: lines.count / 20, by: -lines.count / 9) {
            // At the next entry's header, so the lines form entries of their own.
            guard let header = lines[at...].firstIndex(where: { $0.first?.isNumber == true }) else { continue }
            k += 1
            lines.insert(contentsOf: [
                "2026-01-0x invoice c1 BAD-\(k)", "  item Work 1 x 10", "",
                "2026-01-02 invoce c1 BAD-\(k)", "",
                "2026-01-03 invoice quinn0 OK-\(k)", "  item Work one x 10", "  item Work 2 x 5.00", "  item \u{7}bell 1 x 1", "",
                // Left out after items were put down: they are taken back.
                "2026-01-03 invoice quinn0 LATE-\(k)", "  item Work 2 x 5.00", "  item Play 1 x 5.00", "  item Rest 1 x 1,0.00", "",
                "2026-01-04 payment quinn0 10.00", "  apply OK-\(k)", "  apply", "  apply OK-\(k) 1.0.0", "",
                "2026-01-05 note quinn0 call", "  said they will pay \u{FFFD}", "",
                "2026-01-06 letter quinn0 reminder OK-\(k)", "",
                "2026-01-07 writeoff quinn0 OK-\(k) 1.00", "",
            ], at: header)
        }
        var bytes = Array(lines.joined(separator: "\n").utf8)
        // Invalid UTF-8 in a comment near the end.
        bytes += Array("; end ".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        return bytes
    }

    /// Whatever room each part is given, from none to more than it needs, a part that holds
    /// more spills the rest, and the ledger, its entries' numbers, the places of their items
    /// and `apply` lines, and the diagnostics in their order are what one thread reads.
    @Test func aPartThatOutgrowsItsStretchesGivesWhatOneThreadReads() throws {
        let bytes = ledgerWithMistakes()
        let one = LedgerLoader.parse(bytes: bytes, path: "big.due", parallel: false)
        #expect(one.diagnostics.count > 20)
        var random = SplitMix(seed: 11)
        for round in 0..<6 {
            let parts = [2, 3, 4][round % 3]
            let many = try #require(try parsedInParts(bytes, parts: parts) { k, counted in
                switch round {
                case 0: return ParallelParse.EntryCount()
                case 1: return k == 1 ? ParallelParse.EntryCount(invoices: 10, payments: 10, items: 10, allocations: 10) : counted
                default:
                    func some(_ n: Int) -> Int { Int.random(in: 0...n + n / 2, using: &random) }
                    return ParallelParse.EntryCount(invoices: some(counted.invoices), payments: some(counted.payments), items: some(counted.items), allocations: some(counted.allocations), notes: some(counted.notes), letters: some(counted.letters))
                }
            })
            expectSame(one, many, "round \(round)")
        }
    }

    /// Items added up as they are read spill the same way: each invoice's tally and number as
    /// one thread reads them.
    @Test func talliedItemsOfAPartThatSpillsAreOneThreads() throws {
        let bytes = ledgerWithMistakes()
        let one = LedgerLoader.parse(source: SourceBytes(bytes), path: "big.due", parallel: false, keepingItems: false)
        for parts in [2, 3] {
            let many = try #require(try parsedInParts(bytes, parts: parts, talliesItems: true) { k, counted in
                var room = counted
                room.invoices = k == 0 ? counted.invoices / 2 : 0
                room.payments /= 3
                return room
            })
            expectSame(one, many, "\(parts) parts")
        }
    }

    /// A part that meets an `include` line adds nothing: the file is read on one thread,
    /// following the include where it stands.
    @Test func aPartMeetingAnIncludeAddsNothing() throws {
        let generated = LedgerGenerator(invoices: 24_000, seed: 7).generate()
        let lines = String(decoding: generated, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        // In the last part, between the lines its sample reads.
        let at = lines.count * 9 / 10
        let bytes = Array((lines[..<at] + ["include other.due"] + lines[at...]).joined(separator: "\n").utf8)
        let file = SourceFile(id: 0, path: "x.due", bytes: bytes)
        #expect(ParallelParse.plan(for: file, parts: 3) == nil)
        let plan = try #require(ParallelParse.plan(for: file, parts: 3, sampling: .init(windows: 2, windowBytes: 1 << 10)))
        var ledger = Ledger()
        var diagnostics: [Diagnostic] = []
        var order = 0
        #expect(!ParallelParse.parse(file, plan: plan, into: &ledger, diagnostics: &diagnostics, order: &order))
        #expect(ledger.invoices.isEmpty && ledger.notes.isEmpty && ledger.clients.isEmpty && diagnostics.isEmpty && order == 0)
    }

    /// An `include` that no sample read, in the middle of a part, is followed where it stands,
    /// as one thread follows it.
    @Test func anIncludeTheSampleMissedIsFollowedWhereItStands() throws {
        let generated = LedgerGenerator(invoices: 24_000, seed: 7).generate()
        var lines = String(decoding: generated, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let at = lines[(lines.count * 2 / 5)...].firstIndex(where: { $0.first?.isNumber == true })!
        lines.insert(contentsOf: ["include other.due", ""], at: at)
        let bytes = Array(lines.joined(separator: "\n").utf8)
        let other = Array("2026-01-02 invoice c1 OTHER-1\n  item Work 1 x 10.00\n\n2026-01-03 note c1 call\n".utf8)
        let read: (String) -> Result<[UInt8], FileError> = { path in path.hasSuffix("other.due") ? .success(other) : .failure(.missing(path)) }
        let sampling = ParallelParse.Sampling(windows: 2, windowBytes: 1 << 10)
        #expect(ParallelParse.plan(for: SourceFile(id: 0, path: "big.due", bytes: bytes), parts: 2, sampling: sampling) != nil)
        let one = LedgerLoader.load(bytes: bytes, path: "big.due", readFile: read, parallel: false)
        let many = LedgerLoader.load(bytes: bytes, path: "big.due", readFile: read, parts: 2, sampling: sampling)
        #expect(one.ledger.invoices.contains { $0.number == "OTHER-1" })
        expectSame(one, many, "include")
    }

    /// Closing up moves the elements down in order, overlapping or not, and changes each once.
    @Test func closingUpMovesEveryElementOnceInOrder() {
        for (from, to, count) in [(0, 0, 5), (10, 3, 5), (3, 2, 40_000), (100_000, 0, 70_000), (5, 0, 0)] {
            let size = from + count
            let buffer = UnsafeMutablePointer<String>.allocate(capacity: size)
            defer { buffer.deallocate() }
            for i in 0..<from { (buffer + i).initialize(to: "before \(i)") }
            for i in 0..<count { (buffer + from + i).initialize(to: "element \(i)") }
            // Everything below `to` stays; the places between are uninitialized when moving.
            let keep = to
            (buffer + keep).deinitialize(count: from - keep)
            ParallelParse.close(buffer, from: from, to: to, count: count) { $0 += "!" }
            let moved = (0..<count).map { buffer[to + $0] }
            #expect(moved == (0..<count).map { "element \($0)!" }, "\(from) → \(to)")
            #expect((0..<keep).allSatisfy { buffer[$0] == "before \($0)" })
            (buffer).deinitialize(count: to + count)
        }
    }
}

@Suite struct ParallelResolveTests {
    func judged(_ ledger: Ledger) -> [Diagnostic] { Checker.resolutionDiagnostics(ledger) }

    @Test func resolvingOnSeveralThreadsGivesTheSameLedgerAndDiagnostics() {
        var bytes = LedgerGenerator(invoices: 3_000, seed: 11).generate()
        // Mistakes the resolver reports, in both halves: a wrong total, excess precision, and an
        // invoice number used twice.
        bytes = Array("2024-01-02 invoice c3 A-1\n  total 10.001\n\n".utf8) + bytes
        bytes += Array("2026-11-19 invoice c1 X-1\n  item Work 1 x 10.00\n  total 11.00\n\n2026-11-19 payment c2 1.005\n\n2026-11-19 invoice c1 INV-5\n  total 1.00\n".utf8)
        let parsed = LedgerLoader.parse(bytes: bytes, path: "p.due", parallel: false)
        var one = parsed, many = parsed
        LedgerResolver.resolve(&one.ledger, parallelMinimum: .max)
        LedgerResolver.resolve(&many.ledger, parallelMinimum: 1)
        #expect(one.ledger.invoices == many.ledger.invoices)
        #expect(one.ledger.payments == many.ledger.payments)
        #expect(judged(one.ledger) == judged(many.ledger))
        #expect(judged(one.ledger).map(\.code).sorted() == ["E202", "E301", "E301", "E303"])
    }

    /// A client without a currency, and a currency whose invoices pass the largest total, are
    /// each reported once, where first met, however many entries and threads meet them.
    @Test func whatIsReportedOncePerClientOrCurrencyIsReportedOnceOnEveryCore() {
        var text = "client bare Bare Ltd\nclient big Big KK\n  currency JPY\n\n"
        for k in 1...1_100 {
            text += "2026-01-02 invoice big B-\(k)\n  total 1,000,000,000,000,000\n\n"
            if k % 100 == 0 { text += "2026-01-03 invoice bare N-\(k)\n  total 10\n\n2026-01-04 payment bare 10\n\n" }
        }
        let parsed = LedgerLoader.parse(bytes: Array(text.utf8), path: "once.due", parallel: false)
        var one = parsed, many = parsed
        LedgerResolver.resolve(&one.ledger, parallelMinimum: .max)
        LedgerResolver.resolve(&many.ledger, parallelMinimum: 1)
        #expect(judged(one.ledger) == judged(many.ledger))
        #expect(judged(one.ledger).map(\.code) == ["E308", "E302"])
        var renderer = DiagnosticRenderer(files: one.ledger.files)
        func line(of needle: String) -> Int { text[..<text.range(of: needle)!.lowerBound].filter { $0 == "\n" }.count + 1 }
        #expect(judged(one.ledger).map { renderer.location($0.range)!.start.line } == [line(of: "invoice bare N-100\n"), line(of: "invoice big B-1001\n")])
    }
}

@Suite struct ParallelCorpusTests {
    /// Every bad input of the corpus, placed in the middle of a ledger large enough to be parsed
    /// on several threads, is reported exactly as when the file is parsed on one.
    @Test func badInputInALargeFileIsReportedTheSameOnEveryCore() throws {
        let generated = LedgerGenerator(invoices: 10_000, seed: 3).generate()
        // Repeat a clean ledger body (without its settings and sender) to pass the threshold.
        let text = String(decoding: generated, as: UTF8.self)
        let body = Array(text[text.range(of: "client c0 ")!.lowerBound...].utf8)
        let folder = Repo.path("Tests/Corpus")
        let cases = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".due") }.sorted()
        #expect(cases.count > 50)
        var padding = [UInt8]()
        while padding.count < ParallelParse.threshold / 2 { padding += body }
        // A spread of cases keeps the test quick in a debug build.
        for name in stride(from: 0, to: cases.count, by: 9).map({ cases[$0] }) {
            let bad = try Array(Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            // The bad input goes between two halves, at the start of a line, near where the
            // file is cut.
            let bytes = Array(generated.prefix(200)) + [0x0A] + padding + [0x0A] + bad + [0x0A] + padding
            let one = LedgerLoader.load(bytes: bytes, path: "big.due", readFile: { _ in .failure(.missing("x")) }, parallel: false)
            let many = LedgerLoader.load(bytes: bytes, path: "big.due", readFile: { _ in .failure(.missing("x")) }, parts: 4)
            // Chunks report a second `settings` when they are joined, so the raw order may differ;
            // what `due check` shows (sorted for display) must not.
            let oneFound = one.diagnostics + Checker.resolutionDiagnostics(one.ledger)
            let manyFound = many.diagnostics + Checker.resolutionDiagnostics(many.ledger)
            #expect(oneFound.sortedForDisplay() == manyFound.sortedForDisplay(), "\(name)")
            #expect(one.ledger.invoices.count == many.ledger.invoices.count, "\(name)")
        }
    }
}
