import DueKit

struct BenchCommand: Command {
    static let name = "bench"
    static let abstract = "generate large ledgers and time how fast due reads and checks them"
    static let usage = "due bench --generate N -o FILE | due bench [--runs R] FILE | due bench --editor [--runs R] FILE"
    static let discussion = """
        With --generate, writes a deterministic ledger of N invoices (1–4 items each, mixed
        terms, payments in full, late, in part or not at all, notes and promises) to FILE.
        Otherwise reads FILE R times and prints the median time of each stage (read, parse,
        balances, rules), entries and megabytes per second, and peak memory. Build with
        `swift build -c release` first; Scripts/bench.sh runs the usual sizes.
        With --editor, runs `due lsp` behind pipes, opens FILE and types R keystrokes (default
        20) into its middle line, and prints how long each took to bring back diagnostics.
        """
    static let options: [OptionSpec] = [
        .value("generate", "N", "write a generated ledger of N invoices"),
        .value("o", "FILE", "where --generate writes"),
        .value("seed", "S", "seed for --generate (default 1)"),
        .value("runs", "R", "how many times to read the file (default 3)"),
        .flag("editor", "time `due lsp`: diagnostics after opening FILE and after each keystroke"),
        .value("as-of", "DATE", "check as of this date (default 2026-11-20, the generator's last day)"),
    ]

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        if let n = args.value("generate") {
            guard let count = Int(n), count > 0, let out = args.value("o") else {
                io.err("due bench: --generate takes a positive number of invoices and -o FILE\nusage: \(usage)\n")
                return ExitCode.failure
            }
            let seed = UInt64(args.value("seed") ?? "1") ?? 1
            let t0 = Benchmark.now()
            let bytes = LedgerGenerator(invoices: count, seed: seed).generate()
            do { try SafeFileWriter.write(bytes, to: out) } catch {
                io.err("due bench: \(error.description)\n")
                return ExitCode.failure
            }
            io.out("wrote \(out): \(count) invoices, \(bytes.count) bytes in \(String(((Benchmark.now() - t0) * 100).rounded() / 100)) s\n")
            return ExitCode.ok
        }
        guard args.positional.count == 1 else {
            io.err("due bench: give one ledger to time, or --generate N -o FILE\nusage: \(usage)\n")
            return ExitCode.failure
        }
        let asOf = args.value("as-of").flatMap(Day.parse) ?? Day(year: 2026, month: 11, day: 20)!
        if args.flag("editor") {
            do {
                io.out(try EditorLatencyBenchmark.run(path: args.positional[0], asOf: asOf, keystrokes: Int(args.value("runs") ?? "20") ?? 20).render())
            } catch {
                io.err("due bench: \(error.description)\n")
                return ExitCode.failure
            }
            return ExitCode.ok
        }
        let runs = Int(args.value("runs") ?? "3") ?? 3
        do {
            let r = try Benchmark.run(path: args.positional[0], asOf: asOf, runs: runs)
            io.out(r.render())
        } catch {
            io.err("due bench: \(error.description)\n")
            return ExitCode.failure
        }
        return ExitCode.ok
    }
}
