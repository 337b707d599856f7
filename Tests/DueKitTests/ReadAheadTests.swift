import Foundation
import Testing
@testable import DueKit

/// The files a run asks to have read ahead of it, in the order it reads them: today's drafts,
/// their forms, then older drafts; never a form of an older draft, a file of the user's own, a
/// folder, a run's temporary file or a pipe.
@Suite(.timeLimit(.minutes(1))) struct ReadAheadTests {
    static func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "read-ahead-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func todaysDraftsComeFirstThenTheirFormsThenOlderDrafts() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let today = try #require(Day.parse("2026-11-20"))
        for name in [
            "2026-11-20-b-reminder.md", "2026-11-20-a-demand.md", "2026-11-20-b-reminder.eml", "2026-11-20-a-demand.html",
            "2026-11-19-a-reminder.md", "2026-11-19-a-reminder.eml", ".due-tmp-1.md", "2026-11-20-notes.txt",
        ] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
        }
        try FileManager.default.createDirectory(atPath: dir + "/2026-11-20-sent.md", withIntermediateDirectories: true)
        #expect(mkfifo(dir + "/2026-11-20-pipe.md", 0o644) == 0)
        let names = { (paths: [String]) in paths.map { FileSystem.fileName(of: $0) } }
        #expect(names(ReadAhead.files(in: dir, dated: today, forms: true)) == [
            "2026-11-20-a-demand.md", "2026-11-20-b-reminder.md", "2026-11-20-a-demand.html", "2026-11-20-b-reminder.eml",
            "2026-11-19-a-reminder.md",
        ])
        // Nothing written: the drafts only.
        #expect(names(ReadAhead.files(in: dir, dated: today, forms: false)) == ["2026-11-20-a-demand.md", "2026-11-20-b-reminder.md", "2026-11-19-a-reminder.md"])
        // Every draft and every draft's forms, as `due sent --all` reads them.
        #expect(names(ReadAhead.files(in: dir, dated: nil, forms: true)) == [
            "2026-11-19-a-reminder.md", "2026-11-20-a-demand.md", "2026-11-20-b-reminder.md",
            "2026-11-19-a-reminder.eml", "2026-11-20-a-demand.html", "2026-11-20-b-reminder.eml",
        ])
        // Asked of a pipe (as if it had been a file when listed), it does not wait for a writer
        // (the suite's time limit would end a wait); asked of nothing, it does nothing.
        ReadAhead.ask(dir + "/2026-11-20-pipe.md")
        ReadAhead.ask(dir + "/missing.md")
        ReadAhead(lettersFolder: dir, dated: today, forms: true).stop()
    }

    @Test func aFolderThatIsNotThereHasNothingToReadAhead() {
        let missing = NSTemporaryDirectory() + "read-ahead-missing-\(UUID().uuidString)"
        #expect(ReadAhead.files(in: missing, dated: nil, forms: true).isEmpty)
        ReadAhead(lettersFolder: missing, dated: nil, forms: true).stop()
    }
}
