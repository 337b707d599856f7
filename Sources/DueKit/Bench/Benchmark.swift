#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `due bench FILE` measured: the time `due check` takes on the file, split where the
/// command itself splits (loading, then checking and rendering), and the memory it needed.
public struct BenchmarkResult: Sendable {
    public var path: String
    public var bytes: Int
    public var invoices: Int
    public var entries: Int
    /// Median seconds over the runs: reading, parsing and resolving the ledger (`LedgerLoader.load`)...
    public var load: Double
    /// ...and checking it and rendering the diagnostics (`Checker.check`, `DiagnosticRenderer`).
    public var check: Double
    /// Processor time (user and system, all threads) of the median run.
    public var cpu: Double
    public var diagnostics: Int
    /// The most memory the process held at once (`getrusage`'s maximum resident set): once
    /// the first run had loaded the ledger, and once it was done. Later runs start with the
    /// memory an earlier one left to the allocator, which one `due check` never has.
    public var loadedPeakResidentBytes: Int
    public var peakResidentBytes: Int
    /// Where the loaded ledger's memory goes.
    public var footprint = LedgerFootprint(Ledger())

    public var total: Double { load + check }

    public func render() -> String {
        // Fixed decimals (never an exponent), as MoneyFormat writes them.
        func f(_ x: Double, _ places: Int = 3) -> String {
            var scale = 1.0
            for _ in 0..<places { scale *= 10 }
            return MoneyFormat.format(Int64((x * scale).rounded()), precision: places, grouping: false)
        }
        // Seconds right-aligned, so the column reads down.
        let width = f(total).count
        func seconds(_ x: Double) -> String {
            let text = f(x)
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        let mb = Double(bytes) / 1_048_576
        let peak = Double(peakResidentBytes) / 1_048_576
        var s = "\(path): \(bytes) bytes (\(f(mb, 1)) MiB), \(invoices) invoices, \(entries) entries, \(diagnostics) diagnostics\n"
        s += "  load   \(seconds(load)) s   (read, parse, resolve)\n"
        s += "  check  \(seconds(check)) s   (balances, rules, rendering)\n"
        s += "  total  \(seconds(total)) s wall, \(f(cpu)) s CPU\n"
        s += "  \(Int(Double(entries) / max(total, 1e-9))) entries/s, \(f(mb / max(total, 1e-9), 1)) MiB/s\n"
        s += "  peak memory \(f(peak, 1)) MiB = \(f(peak / max(mb, 1e-9), 2)) × the file (\(f(Double(loadedPeakResidentBytes) / 1_048_576, 1)) MiB once loaded)\n"
        s += footprint.render()
        return s
    }
}

public enum Benchmark {
    public static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Processor seconds this process has used, on every thread.
    public static func cpuTime() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
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

    /// Runs what `due check` runs on `path`, `runs` times, and keeps the median run. The
    /// functions timed are the command's own, so a figure here is a figure for `due check`
    /// (less starting the process and printing).
    public static func run(path: String, asOf: Day, runs: Int) throws(FileError) -> BenchmarkResult {
        var loads: [Double] = [], checks: [Double] = [], cpus: [Double] = []
        var result = BenchmarkResult(path: path, bytes: 0, invoices: 0, entries: 0, load: 0, check: 0, cpu: 0, diagnostics: 0, loadedPeakResidentBytes: 0, peakResidentBytes: 0)
        for _ in 0..<max(1, runs) {
            let c0 = cpuTime()
            let t0 = now()
            // As `due check` loads it: without the items, which nothing reads once resolved.
            let load = try LedgerLoader.load(path: path, keepingItems: false)
            let t1 = now()
            if loads.isEmpty { result.loadedPeakResidentBytes = peakResident() }
            let diagnostics = Checker.check(load, asOf: asOf)
            var renderer = DiagnosticRenderer(files: load.ledger.files, color: false)
            _ = renderer.render(diagnostics)
            let t2 = now()
            let c1 = cpuTime()
            loads.append(t1 - t0)
            checks.append(t2 - t1)
            cpus.append(c1 - c0)
            if checks.count == 1 { result.peakResidentBytes = peakResident() }
            let l = load.ledger
            result.bytes = l.files.reduce(0) { $0 + $1.bytes.count }
            result.invoices = l.invoices.count
            result.entries = l.clients.count + l.invoices.count + l.payments.count + l.writeOffs.count + l.refunds.count + l.notes.count + l.plans.count
                + l.letters.count + l.assertions.count
            result.diagnostics = diagnostics.count
            result.footprint = LedgerFootprint(l)
        }
        result.load = median(loads)
        result.check = median(checks)
        result.cpu = median(cpus)
        return result
    }
}
