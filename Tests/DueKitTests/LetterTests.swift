import Foundation
import Testing
@testable import DueKit

private func studio(asOf: String, before: Bool = false, courtesy: Int? = nil, statement: String? = nil) throws -> LetterJobResult {
    let day = Day.parse(asOf)!
    var ledger = try LedgerLoader.load(path: Repo.path("samples/studio.due")).ledger
    // "The morning of": letters the sample records on that very day are not sent yet.
    if before { ledger.letters.removeAll { $0.date >= day } }
    if let courtesy { ledger.settings.courtesyDays = courtesy }
    let sheet = BalanceEngine.balances(ledger, asOf: day)
    let dir = try temporaryDirectory()
    return try LetterJob.run(ledger: ledger, sheet: sheet, asOf: day, paths: OutputPaths(ledger: dir + "/studio.due"), options: .init(statement: statement, dryRun: true))
}

@Suite struct LetterTests {
    /// Dates chosen so every stage appears at least once across the goldens.
    static let runs: [(label: String, asOf: String, before: Bool, courtesy: Int?, statement: String?)] = [
        ("2026-11-20", "2026-11-20", false, nil, nil),  // demand, follow-ups (one after a broken promise), thanks
        ("2026-10-12", "2026-10-12", false, nil, nil),  // friendly reminder
        ("2026-10-11", "2026-10-11", false, nil, nil),  // dispute acknowledgement
        ("2026-10-29-morning", "2026-10-29", true, nil, nil),  // final notice
        ("2026-04-09", "2026-04-09", false, nil, nil),  // payment plan offer
        ("2026-12-03", "2026-12-03", false, nil, nil),  // missed instalment
        ("2026-11-28-courtesy", "2026-11-28", false, 7, nil),  // courtesy note
        ("2026-11-20-statement", "2026-11-20", false, nil, "kiln"),  // statement on request
    ]

    @Test func studioGoldensCoverEveryStage() throws {
        var stages = Set<LetterStage>()
        let root = Repo.path("Tests/DueKitTests/Goldens/letters")
        for run in Self.runs {
            let result = try studio(asOf: run.asOf, before: run.before, courtesy: run.courtesy, statement: run.statement)
            #expect(result.diagnostics.isEmpty)
            for d in result.drafts {
                stages.insert(d.stage)
                Golden.check(d.text, against: "\(root)/\(run.label)/\(FileSystem.fileName(of: d.path))")
            }
            Golden.checkNoOrphans(in: "\(root)/\(run.label)", produced: Set(result.drafts.map { FileSystem.fileName(of: $0.path) }))
        }
        Golden.checkNoOrphans(in: root, produced: Set(Self.runs.map(\.label) + [Self.agendaGolden]))
        #expect(stages == Set(LetterStage.allCases), "missing: \(Set(LetterStage.allCases).subtracting(stages))")
    }

    static let agendaGolden = "agenda-2026-11-20.txt"

    @Test func studioAgendaGolden() throws {
        let day = Day.parse("2026-11-20")!
        let ledger = try LedgerLoader.load(path: Repo.path("samples/studio.due")).ledger
        let agenda = Agenda.build(ledger: ledger, sheet: BalanceEngine.balances(ledger, asOf: day), asOf: day)
        Golden.check(AgendaRenderer.render(agenda, format: .text, ledgerName: "studio.due"), against: Repo.path("Tests/DueKitTests/Goldens/letters/\(Self.agendaGolden)"))
        #expect(agenda.items.first?.client == "pellucid")
    }

    @Test func demandInterestIsExactFromTheWrittenRate() {
        // 5,784.00 × 11.75% × 162/365 = 301.6374… → 301.64
        #expect(LateClaim.interest(open: 578_400, rate: DecimalValue(digits: 1175, scale: 2), days: 162) == 30_164)
        // Half away from zero: 100.00 × 3.65% × 5/365 = 0.05 exactly.
        #expect(LateClaim.interest(open: 10_000, rate: DecimalValue(digits: 365, scale: 2), days: 5) == 5)
    }

    @Test func editedDraftSurvivesARerun() throws {
        let dir = try temporaryDirectory()
        for name in ["studio.due", "studio-clients.due"] {
            try FileManager.default.copyItem(atPath: Repo.path("samples/\(name)"), toPath: dir + "/" + name)
        }
        let day = Day.parse("2026-11-20")!
        let ledger = try LedgerLoader.load(path: dir + "/studio.due").ledger
        let sheet = BalanceEngine.balances(ledger, asOf: day)
        let paths = OutputPaths(ledger: dir + "/studio.due")
        let first = try LetterJob.run(ledger: ledger, sheet: sheet, asOf: day, paths: paths)
        #expect(!first.drafts.isEmpty && first.drafts.allSatisfy { $0.kind == .written })
        let again = try LetterJob.run(ledger: ledger, sheet: sheet, asOf: day, paths: paths)
        #expect(again.drafts.allSatisfy { $0.kind == .unchanged })

        let target = first.drafts.first { $0.client == "pellucid" }!.path
        let edited = try String(contentsOfFile: target, encoding: .utf8).replacingOccurrences(of: "Dear Daniel,", with: "Dear Mr Okafor,")
        try edited.write(toFile: target, atomically: true, encoding: .utf8)
        let third = try LetterJob.run(ledger: ledger, sheet: sheet, asOf: day, paths: paths)
        #expect(third.drafts.first { $0.path == target }?.kind == .keptEdited)
        #expect(third.drafts.filter { $0.path != target }.allSatisfy { $0.kind == .unchanged })
        #expect(try String(contentsOfFile: target, encoding: .utf8) == edited)
        #expect(third.drafts.first { $0.path == target }?.outOfDate == false)

        // The ledger changed what the letter says (the contact's name): the edited draft is
        // still kept, but told apart as out of date.
        let clients = try String(contentsOfFile: dir + "/studio-clients.due", encoding: .utf8).replacingOccurrences(of: "Daniel Okafor", with: "Daniel Okafor-Reed")
        try clients.write(toFile: dir + "/studio-clients.due", atomically: true, encoding: .utf8)
        let later = try LedgerLoader.load(path: dir + "/studio.due").ledger
        let fourth = try LetterJob.run(ledger: later, sheet: BalanceEngine.balances(later, asOf: day), asOf: day, paths: paths)
        let kept = try #require(fourth.drafts.first { $0.path == target })
        #expect(kept.kind == .keptEdited && kept.outOfDate)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == edited)
        let r = try DueRun.run(["letters", "--as-of", "2026-11-20", dir + "/studio.due"])
        #expect(r.stdout.contains("(you edited it: left alone; out of date)\n"), "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("not ready to send: the ledger has changed since it was drafted"))
    }

    /// A draft the user deleted takes its email and print forms with it at the next run: an
    /// unsent demand's email left in the folder is too easily sent. A page the user made there
    /// is theirs and stays.
    @Test func formsOfADeletedDraftGoAtTheNextRun() throws {
        let dir = try temporaryDirectory()
        for name in ["studio.due", "studio-clients.due"] {
            try FileManager.default.copyItem(atPath: Repo.path("samples/\(name)"), toPath: dir + "/" + name)
        }
        let first = try DueRun.run(["letters", "--as-of", "2026-11-20", dir + "/studio.due"])
        #expect(first.status == 0, "\(first.stderr)")
        let folder = dir + "/studio.letters"
        let demand = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix("-demand.md") })
        let stem = folder + "/" + demand.dropLast(3)
        #expect(FileManager.default.fileExists(atPath: stem + ".html"))
        try FileManager.default.removeItem(atPath: folder + "/" + demand)
        try "<html><body>my own notes</body></html>\n".write(toFile: folder + "/notes.html", atomically: true, encoding: .utf8)
        // The next day's run drafts the letters of that day; the deleted draft's forms go.
        let next = try DueRun.run(["letters", "--as-of", "2026-11-21", dir + "/studio.due"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("removed \(stem).eml (its draft was deleted)"), "\(next.stdout)")
        #expect(!FileManager.default.fileExists(atPath: stem + ".html") && !FileManager.default.fileExists(atPath: stem + ".eml"))
        #expect(FileManager.default.fileExists(atPath: folder + "/notes.html"))
    }

    @Test func unknownPlaceholderIsReportedAtFileLineColumn() throws {
        let dir = try temporaryDirectory()
        for name in ["studio.due", "studio-clients.due"] {
            try FileManager.default.copyItem(atPath: Repo.path("samples/\(name)"), toPath: dir + "/" + name)
        }
        try FileManager.default.createDirectory(atPath: dir + "/studio.templates", withIntermediateDirectories: true)
        try "Dear {{client.salutation}},\nPlease pay {{totl}} soon.\n".write(toFile: dir + "/studio.templates/follow-up.txt", atomically: true, encoding: .utf8)
        let r = try DueRun.run(["letters", "--as-of", "2026-11-20", dir + "/studio.due"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("studio.templates/follow-up.txt:2:12: error[E501]: unknown placeholder '{{totl}}'"), "\(r.stderr)")
        #expect(r.stderr.contains("did you mean {{total}}"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/studio.letters"))
    }

    @Test func userTemplateReplacesTheBuiltInLetter() throws {
        let dir = try temporaryDirectory()
        for name in ["studio.due", "studio-clients.due"] {
            try FileManager.default.copyItem(atPath: Repo.path("samples/\(name)"), toPath: dir + "/" + name)
        }
        try FileManager.default.createDirectory(atPath: dir + "/studio.templates", withIntermediateDirectories: true)
        try "Hi {{client.salutation}},\n{{promise.broken}}\nStill open: {{total}}.\n".write(toFile: dir + "/studio.templates/follow-up.txt", atomically: true, encoding: .utf8)
        let r = try DueRun.run(["letters", "--as-of", "2026-11-20", dir + "/studio.due"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: dir + "/studio.letters/2026-11-20-solenne-follow-up.md", encoding: .utf8)
        // The empty {{promise.broken}} line vanishes.
        #expect(text.contains("Hi Claire,\nStill open: 2,380.00 EUR.\n"))
    }

    @Test func statementForAnUnknownClientIsAUsageError() throws {
        let r = try DueRun.run(["letters", "--dry-run", "--statement", "kilm", "--as-of", "2026-11-20", Repo.path("samples/studio.due")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("did you mean 'kiln'"))
    }
}
