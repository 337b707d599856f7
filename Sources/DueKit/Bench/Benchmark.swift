#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Times each stage of reading a ledger, so a figure says where the time goes.
public struct BenchmarkResult: Sendable {
    public var path: String
    public var bytes: Int
    public var invoices: Int
    public var entries: Int
    /// Median seconds per stage over the runs.
    public var read: Double
    public var parse: Double
    public var resolve: Double
    public var balances: Double
    public var rules: Double
    public var diagnostics: Int
    public var peakResidentBytes: Int

    public var total: Double { read + parse + resolve + balances + rules }

    public func render() -> String {
        // Every stage in seconds with three decimals, right-aligned, so the column reads down.
        let width = MoneyFormat.format(Int64((total * 1000).rounded()), precision: 3, grouping: false).count
        func f(_ x: Double) -> String {
            let text = MoneyFormat.format(Int64((x * 1000).rounded()), precision: 3, grouping: false)
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        let mb = Double(bytes) / 1_048_576
        var s = "\(path): \(bytes) bytes (\(String((mb * 10).rounded() / 10)) MB), \(invoices) invoices, \(entries) entries, \(diagnostics) diagnostics\n"
        s += "  read      \(f(read)) s\n  parse     \(f(parse)) s\n  resolve   \(f(resolve)) s   (indexes, currencies, totals, due dates)\n"
        s += "  balances  \(f(balances)) s\n  rules     \(f(rules)) s\n  total     \(f(total)) s\n"
        s += "  \(Int(Double(entries) / max(total, 1e-9))) entries/s, \(String((mb / max(total, 1e-9) * 10).rounded() / 10)) MB/s, peak memory \(peakResidentBytes / 1_048_576) MB\n"
        return s
    }
}

public enum Benchmark {
    public static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Peak resident memory of this process so far.
    public static func peakResident() -> Int {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Int(u.ru_maxrss) * 1024
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? 0 : s[s.count / 2]
    }

    /// Reads, parses and checks `path` `runs` times and keeps the median of each stage.
    public static func run(path: String, asOf: Day, runs: Int) throws(FileError) -> BenchmarkResult {
        var read: [Double] = [], parse: [Double] = [], resolve: [Double] = [], balances: [Double] = [], rules: [Double] = []
        var result = BenchmarkResult(path: path, bytes: 0, invoices: 0, entries: 0, read: 0, parse: 0, resolve: 0, balances: 0, rules: 0, diagnostics: 0, peakResidentBytes: 0)
        for _ in 0..<max(1, runs) {
            let t0 = now()
            let bytes = try FileSystem.readFile(path)
            let t1 = now()
            var load = LedgerLoader.parse(bytes: bytes, path: path)
            let t15 = now()
            LedgerResolver.resolve(&load.ledger, diagnostics: &load.diagnostics)
            let t2 = now()
            let last = Checker.latestDate(load.ledger)
            let sheet = BalanceEngine.balances(load.ledger, asOf: max(asOf, last), options: BalanceOptions(collectFindings: true))
            let t3 = now()
            var diagnostics = load.diagnostics + sheet.findings
            let context = CheckContext(ledger: load.ledger, sheet: sheet, asOf: asOf)
            for rule in Checker.rules { rule.check(context, into: &diagnostics) }
            diagnostics = diagnostics.sortedForDisplay()
            let t4 = now()
            read.append(t1 - t0)
            parse.append(t15 - t1)
            resolve.append(t2 - t15)
            balances.append(t3 - t2)
            rules.append(t4 - t3)
            let l = load.ledger
            result.bytes = bytes.count
            result.invoices = l.invoices.count
            result.entries = l.clients.count + l.invoices.count + l.payments.count + l.writeOffs.count + l.notes.count + l.plans.count
                + l.letters.count + l.assertions.count
            result.diagnostics = diagnostics.count
        }
        result.read = median(read)
        result.parse = median(parse)
        result.resolve = median(resolve)
        result.balances = median(balances)
        result.rules = median(rules)
        result.peakResidentBytes = peakResident()
        return result
    }
}
