import Foundation
import Testing
@testable import DueKit

/// The files a run asks to have read ahead of it: a letters folder's drafts first, then today's
/// forms, never a folder, a run's temporary file or a pipe's reader left waiting.
@Suite struct ReadAheadTests {
    static func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "read-ahead-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func draftsComeFirstThenTheOtherFilesEachInNameOrder() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in ["b-reminder.md", "a-demand.md", "b-reminder.eml", "a-demand.html", ".due-tmp-1.md", "notes.txt"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
        }
        try FileManager.default.createDirectory(atPath: dir + "/sent.md", withIntermediateDirectories: true)
        #expect(mkfifo(dir + "/pipe.md", 0o644) == 0)
        let (drafts, others) = ReadAhead.files(in: dir, first: ".md")
        #expect(drafts == [dir + "/a-demand.md", dir + "/b-reminder.md"])
        #expect(others == [dir + "/a-demand.html", dir + "/b-reminder.eml", dir + "/notes.txt"])
        // Of the others, only today's forms: yesterday's drafts are read (to be swept), their
        // forms not.
        #expect(ReadAhead.files(in: dir, first: ".md", then: "b-").others == [dir + "/b-reminder.eml"])
        #expect(ReadAhead.files(in: dir, first: ".md", then: "b-").first == drafts)
        // Asked of a pipe (as if it had been a file when listed), the thread does not wait for
        // a writer; asked of nothing, it does nothing.
        ReadAhead.ask(dir + "/pipe.md")
        ReadAhead.ask(dir + "/missing.md")
        let ahead = ReadAhead(folder: dir, first: ".md")
        ahead.stop()
        // The files are as they were.
        #expect(try String(contentsOfFile: dir + "/a-demand.md", encoding: .utf8) == "x")
    }

    @Test func aFolderThatIsNotThereHasNothingToReadAhead() {
        let missing = NSTemporaryDirectory() + "read-ahead-missing-\(UUID().uuidString)"
        let (drafts, others) = ReadAhead.files(in: missing, first: ".md")
        #expect(drafts.isEmpty && others.isEmpty)
        ReadAhead(folder: missing, first: ".md").stop()
    }
}
