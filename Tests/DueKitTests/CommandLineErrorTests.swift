import Foundation
import Testing
@testable import DueKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a user sees when `due` cannot do what was asked: a message naming the path and the
/// reason, and exit 2 for usage errors and unreadable files.
@Suite struct CommandLineErrorTests {
    @Test func missingFileNamesThePathAndExitsTwo() throws {
        let dir = try temporaryDirectory()
        let r = try DueRun.run(["check", dir + "/nowhere.due"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot read '\(dir)/nowhere.due': no such file"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func directoryIsNotALedger() throws {
        let dir = try temporaryDirectory()
        let r = try DueRun.run(["check", dir])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot read '\(dir)': it is a folder, not a ledger file"), "\(r.stderr)")
    }

    @Test func unreadableFileSaysPermissionDenied() throws {
        // root reads any file whatever its mode, so there is nothing to test.
        guard getuid() != 0 else { return }
        let dir = try temporaryDirectory()
        let path = dir + "/secret.due"
        try "client acme Acme\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0)
        defer { chmod(path, 0o644) }
        let r = try DueRun.run(["check", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot read '\(path)': permission denied"), "\(r.stderr)")
    }

    @Test func aDeviceIsNotReadForever() throws {
        let r = try DueRun.run(["check", "/dev/zero"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot read '/dev/zero': it is a device"), "\(r.stderr)")
    }

    /// An empty file is an empty ledger (grammar.md §1): valid, and the summary says it is empty.
    @Test func emptyFileIsAnEmptyLedger() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/new.due"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let r = try DueRun.run(["check", path])
        #expect(r.status == 0)
        #expect(r.stderr.contains("ok — 0 clients, 0 invoices"), "\(r.stderr)")
    }

    @Test func unknownCommandSuggestsTheNearestAndExitsTwo() throws {
        let r = try DueRun.run(["chekc", "x.due"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown command 'chekc'"))
        #expect(r.stderr.contains("Did you mean 'check'?"))
    }

    @Test func optionsBeforeTheCommandAreShownAfterIt() throws {
        let r = try DueRun.run(["--as-of", "2026-11-20", "report", "my ledger.due"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("due: options follow the command: due report --as-of 2026-11-20 'my ledger.due'\n"), "\(r.stderr)")
        let alone = try DueRun.run(["--strict", "x.due"])
        #expect(alone.status == 2)
        #expect(alone.stderr.hasPrefix("due: '--strict' is an option; a command comes first."), "\(alone.stderr)")
    }

    @Test func unknownFlagSuggestsTheNearestAndExitsTwo() throws {
        let r = try DueRun.run(["check", "--strct", Repo.path("samples/studio.due")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown option '--strct' (did you mean '--strict'?)"), "\(r.stderr)")
        #expect(r.stderr.contains("usage: due check"))
    }

    @Test func noLedgerGivenIsAUsageError() throws {
        let r = try DueRun.run(["check"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("which ledger?"))
    }

    /// The worst of the corpus through the real binary: it exits 0 or 1 with diagnostics, never
    /// dies of a signal.
    @Test(arguments: ["binary-garbage", "nul-only", "line-endings-cr-only", "utf16le-with-bom", "include-cycle-two-files", "discount-huge", "empty"])
    func corpusCaseThroughTheBinary(_ name: String) throws {
        let expect = try String(contentsOfFile: Corpus.directory + "/\(name).expect", encoding: .utf8)
        for extra in [[], ["--json"]] {
            let r = try DueRun.run(["check", "--as-of", "2026-12-31"] + extra + [Corpus.directory + "/\(name).due"])
            #expect(expect.hasPrefix("exit \(r.status)\n"), "\(name): exit \(r.status)\n\(r.stderr)")
            #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("crashed"))
        }
    }

    /// `due check` only reads: the ledger and its folder are exactly as they were.
    /// With `--strict`, warnings alone exit 1, and the summary says why: "0 errors" beside a
    /// failing exit would read as a fault.
    @Test func strictSummarySaysWarningsFail() throws {
        let dir = try temporaryDirectory()
        try "settings\n  currency GBP\nclient a A\n2026-01-01 payment a 5.00\n".write(toFile: dir + "/w.due", atomically: true, encoding: .utf8)
        let strict = try DueRun.run(["check", "--strict", "--as-of", "2026-11-20", dir + "/w.due"])
        #expect(strict.status == 1)
        #expect(strict.stderr == "0 errors, 1 warning (--strict: warnings fail the check)\n", "\(strict.stderr)")
        let plain = try DueRun.run(["check", "--as-of", "2026-11-20", dir + "/w.due"])
        #expect(plain.status == 0)
        #expect(plain.stderr == "0 errors, 1 warning\n", "\(plain.stderr)")
    }

    /// "1 error in the ledger; fix it first", not "fix them".
    @Test func exportRefusalAgreesInNumber() throws {
        let dir = try temporaryDirectory()
        try "client acme Acme\n  currency GBP\n\n2026-01-05 invoice acme A-1\n  total 100.00\n\n2026-01-21 balance acme 500.00\n".write(toFile: dir + "/l.due", atomically: true, encoding: .utf8)
        let r = try DueRun.run(["export", "hledger", "--as-of", "2026-02-01", dir + "/l.due"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("due export: 1 error in the ledger; fix it first (see 'due check')"), "\(r.stderr)")
    }

    @Test func checkNeverModifiesTheLedger() throws {
        let dir = try temporaryDirectory()
        for name in ["studio.due", "studio-clients.due"] {
            try FileManager.default.copyItem(atPath: Repo.path("samples/\(name)"), toPath: dir + "/\(name)")
        }
        let path = dir + "/studio.due"
        // Read-only, and dated in the past so any write would show in the modification time.
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        chmod(path, 0o444)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let listing = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        for args in [["check", path], ["check", "--json", path], ["check", "--strict", "--as-of", "2026-11-20", path]] {
            let r = try DueRun.run(args)
            #expect(r.status == 0 || r.status == 1)
        }
        var st = stat()
        #expect(stat(path, &st) == 0)
        #expect(st.st_mtim.tv_sec == 1_000_000_000)
        #expect(st.st_mode & 0o777 == 0o444)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == listing)
    }
}
