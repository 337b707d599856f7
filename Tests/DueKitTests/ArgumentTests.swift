import Foundation
import Testing
import DueKit

/// Every command reads its options one way: a bad value exits 2 before anything runs, names the
/// bad word, and suggests the nearest right one when there is a choice.
@Suite struct ArgumentTests {
    let ledger = Repo.samples + "/studio.due"

    @Test(arguments: [
        (["bench", "--runs", "abc", "x.due"], "--runs takes a whole number of 1 or more, not 'abc'"),
        (["bench", "--runs", "0", "x.due"], "--runs takes a whole number of 1 or more, not '0'"),
        (["bench", "--as-of", "nonsense", "x.due"], "--as-of takes a date as YYYY-MM-DD, not 'nonsense'"),
        (["bench", "--generate", "-3", "-o", "x.due"], "--generate takes a whole number of 1 or more, not '-3'"),
        (["check", "--as-of", "2026-02-30", "x.due"], "--as-of takes a real date: '2026-02-30' is not one (February 2026 has 28 days)"),
        (["check", "--as-of", "2026-2-3", "x.due"], "--as-of takes a date as YYYY-MM-DD, not '2026-2-3'"),
        (["agenda", "--format", "mardown", "x.due"], "--format takes text, markdown or json, not 'mardown' (did you mean 'markdown'?)"),
        (["aging", "--format", "jsn", "x.due"], "--format takes text, markdown, csv or json, not 'jsn' (did you mean 'json'?)"),
        (["clients", "--format", "cvs", "x.due"], "(did you mean 'csv'?)"),
        (["aging", "--by", "isue", "x.due"], "--by takes due or issue, not 'isue' (did you mean 'issue'?)"),
        (["export", "ledger", "x.due"], "'ledger' is not a tool to export for: say hledger or beancount (did you mean 'hledger'?)"),
        (["export"], "say which tool to export for: hledger or beancount"),
        (["import", "foo", "x.csv"], "'foo' is not a source to import from: say csv"),
        (["import", "cvs", "x.csv"], "(did you mean 'csv'?)"),
        (["fmt", "--as-of", "2026-11-20", "x.due"], "unknown option '--as-of' (this command takes no date)"),
        // `sent` takes the day the drafts go (7.7), a date like any other.
        (["sent", "--as-of", "2026-11-31", "x.due", "--all"], "--as-of takes a real date: '2026-11-31' is not one (November 2026 has 30 days)"),
    ])
    func badValuesExitTwoNamingTheWord(arguments: [String], message: String) throws {
        let r = try DueRun.run(arguments)
        #expect(r.status == 2, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains("due \(arguments[0]): " + message) || r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.contains("usage: due \(arguments[0])"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// A bad `--buckets` is a usage error like a bad `--format` or `--by`: exit 2 naming it, not
    /// exit 1 with the errors of a ledger that has them.
    @Test func badBucketsExitTwoBeforeTheLedgersErrors() throws {
        let dir = try temporaryDirectory()
        try "client acme Acme\n  currency GBP\n\n2026-01-05 invoice acme A-1\n  total 100.00\n\n2026-01-21 balance acme 500.00\n".write(toFile: dir + "/l.due", atomically: true, encoding: .utf8)
        let r = try DueRun.run(["aging", "--as-of", "2026-02-01", dir + "/l.due", "--buckets", "30,20"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("--buckets takes increasing whole numbers of days such as 15,30,60, not '30,20'"), "\(r.stderr)")
        #expect(!r.stderr.contains("E405"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func benchWritesWithOutputAsWithO() throws {
        let dir = try temporaryDirectory()
        for flag in ["--output", "-o"] {
            let path = dir + "/gen\(flag).due"
            let r = try DueRun.run(["bench", "--generate", "5", flag, path])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(FileManager.default.fileExists(atPath: path))
        }
        let same = try String(contentsOfFile: dir + "/gen--output.due", encoding: .utf8)
        #expect(same == (try String(contentsOfFile: dir + "/gen-o.due", encoding: .utf8)))
        // An existing file is kept unless --force, as `import` and `export` do.
        let again = try DueRun.run(["bench", "--generate", "5", "--output", dir + "/gen-o.due"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists; give --force"), "\(again.stderr)")
        #expect(try DueRun.run(["bench", "--generate", "5", "--force", "-o", dir + "/gen-o.due"]).status == 0)
    }

    /// `--force` replaces an export's old output, never the ledger it reads or a file that
    /// ledger includes: both are refused, and left as they were.
    @Test func anExportNeverReplacesTheLedgerItReads() throws {
        let dir = try temporaryDirectory()
        let clients = "client acme Acme Ltd\n  currency GBP\n"
        let ledger = "include clients.due\n\n2026-01-05 invoice acme A-1\n  total 100.00\n"
        try clients.write(toFile: dir + "/clients.due", atomically: true, encoding: .utf8)
        try ledger.write(toFile: dir + "/l.due", atomically: true, encoding: .utf8)
        for (target, what) in [("l.due", "the ledger being exported"), ("clients.due", "a file the ledger includes")] {
            let r = try DueRun.run(["export", "hledger", "--force", "-o", dir + "/" + target, dir + "/l.due"])
            #expect(r.status == 2, "\(r.stderr)")
            #expect(r.stderr.contains(what), "\(r.stderr)")
        }
        #expect(try String(contentsOfFile: dir + "/l.due", encoding: .utf8) == ledger)
        #expect(try String(contentsOfFile: dir + "/clients.due", encoding: .utf8) == clients)
        #expect(try DueRun.run(["export", "hledger", "--force", "-o", dir + "/l.journal", dir + "/l.due"]).status == 0)
    }

    /// The reports write to `-o FILE` what they print: the same bytes, with no colour; an
    /// existing file only with --force, and never the ledger or a file it includes.
    @Test(arguments: [
        ["aging"], ["aging", "--format", "csv"], ["agenda"], ["agenda", "--format", "json"], ["clients"], ["clients", "--format", "markdown"],
        ["forecast"], ["forecast", "--format", "json"], ["forecast", "--backtest", "2026", "--weeks", "2"],
    ])
    func aReportWritesToOutputWhatItPrints(_ command: [String]) throws {
        let dir = try temporaryDirectory()
        let clients = "client acme Acme Ltd\n  currency GBP\n  terms net 14\n"
        let ledger = "include clients.due\n\n2026-01-05 invoice acme A-1\n  total 100.00\n"
        try clients.write(toFile: dir + "/clients.due", atomically: true, encoding: .utf8)
        try ledger.write(toFile: dir + "/l.due", atomically: true, encoding: .utf8)
        let args = command + ["--as-of", "2026-03-01"]
        let printed = try DueRun.run(args + [dir + "/l.due"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(!printed.stdout.isEmpty)
        let out = dir + "/report.out"
        let r = try DueRun.run(args + ["-o", out, dir + "/l.due"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == printed.stdout)
        let again = try DueRun.run(args + ["--output", out, dir + "/l.due"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists; give --force"), "\(again.stderr)")
        #expect(try DueRun.run(args + ["--force", "-o", out, dir + "/l.due"]).status == 0)
        for (target, what) in [("l.due", "the ledger being read"), ("clients.due", "a file the ledger includes")] {
            let refused = try DueRun.run(args + ["--force", "-o", dir + "/" + target, dir + "/l.due"])
            #expect(refused.status == 2, "\(refused.stderr)")
            #expect(refused.stderr.contains("due \(command[0]): '\(dir)/\(target)' is \(what)"), "\(refused.stderr)")
        }
        #expect(try String(contentsOfFile: dir + "/l.due", encoding: .utf8) == ledger)
        #expect(try String(contentsOfFile: dir + "/clients.due", encoding: .utf8) == clients)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["clients.due", "l.due", "report.out"])
    }

    /// `-o -` writes to standard output, as most tools read it, and leaves no file named `-`.
    @Test func outputDashIsStandardOutput() throws {
        let dir = try temporaryDirectory()
        try "client acme\n  currency GBP\n\n2026-01-05 invoice acme A-1\n  total 100.00\n".write(toFile: dir + "/l.due", atomically: true, encoding: .utf8)
        let r = try DueRun.run(["export", "hledger", "-o", "-", "l.due"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Assets:Receivable:"), "\(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/-"))
    }

    /// A report as of the first year a date can name has fewer month-ends behind it, not a crash.
    @Test func aReportInTheFirstYearHasTheMonthEndsThereAre() throws {
        #expect(ReportHistory.monthEnds(before: Day.parse("0001-01-15")!) == [])
        #expect(ReportHistory.monthEnds(before: Day.parse("0001-03-31")!) == ["0001-01-31", "0001-02-28", "0001-03-31"].map { Day.parse($0)! })
        #expect(ReportHistory.monthEnds(before: Day.parse("2026-11-20")!).count == ReportHistory.months)
        let dir = try temporaryDirectory()
        try "client acme\n  currency GBP\n\n0001-01-02 invoice acme A-1\n  total 100.00\n".write(toFile: dir + "/l.due", atomically: true, encoding: .utf8)
        let r = try DueRun.run(["report", "--as-of", "0001-06-30", dir + "/l.due"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/l.report.html"))
    }

    @Test func benchGenerateWithoutOutputSaysSo() throws {
        let r = try DueRun.run(["bench", "--generate", "5"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--generate needs -o FILE"), "\(r.stderr)")
    }

    @Test func helpListsVersion() throws {
        let r = try DueRun.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("--version"), "\(r.stdout)")
        let v = try DueRun.run(["--version"])
        #expect(v.stdout.hasPrefix("due "))
    }

    /// `fmt` colours its diagnostics on a terminal; --no-color turns that off as for every command.
    @Test func fmtHonoursNoColor() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            print("skipped fmtHonoursNoColor: /usr/bin/script (util-linux) is missing, so no terminal to test colour on")
            return
        }
        let dir = try temporaryDirectory()
        try "x\n".write(toFile: dir + "/bad.due", atomically: true, encoding: .utf8)
        func onTerminal(_ extra: String) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            p.arguments = ["-qec", "'\(DueRun.binary)' fmt \(extra) bad.due", "/dev/null"]
            p.currentDirectoryURL = URL(fileURLWithPath: dir)
            var env = ProcessInfo.processInfo.environment
            env.removeValue(forKey: "NO_COLOR")
            p.environment = env
            let out = Pipe()
            p.standardOutput = out
            p.standardInput = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let coloured = try onTerminal("")
        #expect(coloured.contains("\u{1B}["), "no colour on a terminal: \(coloured)")
        let plain = try onTerminal("--no-color")
        #expect(plain.contains("error[E101]"), "\(plain)")
        #expect(!plain.contains("\u{1B}["), "\(plain)")
    }
}
