import DueKit

struct BenchCommand: Command {
    static let name = "bench"
    static let abstract = "generate large ledgers and time how fast due reads and checks them"
    static let usage = "due bench --generate N -o FILE [--seed S] | due bench [--runs R] [--as-of DATE] [--editor] FILE"
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
        .number("generate", "N", "write a generated ledger of N invoices", atLeast: 1),
        .output("where --generate writes (also -o FILE)"),
        .flag("force", "overwrite the --output file if it exists"),
        .number("seed", "S", "seed for --generate (default 1)", atLeast: 0),
        .number("runs", "R", "how many times to read the file (default 3)", atLeast: 1),
        .flag("editor", "time `due lsp`: diagnostics after opening FILE and after each keystroke"),
        .asOf("check as of this date (default 2026-11-20, the generator's last day)"),
    ]

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let generate: Int?, output: String?, seed: Int, runs: Int, asOf: Day
        do {
            generate = try args.number("generate", atLeast: 1)
            output = try args.output()
            seed = try args.number("seed", default: 1, atLeast: 0)
            runs = try args.number("runs", default: 3, atLeast: 1)
            asOf = try args.asOf(default: LedgerGenerator.lastDay)
        } catch {
            return refuse(error, &io)
        }
        if let count = generate {
            guard let out = output else {
                return refuse(ArgumentError(message: "--generate needs -o FILE to write to"), &io)
            }
            let t0 = Benchmark.now()
            let bytes = LedgerGenerator(invoices: count, seed: UInt64(seed)).generate()
            do { try SafeFileWriter.write(bytes, to: out) } catch {
                io.err("due bench: \(error.description)\n")
                return ExitCode.failure
            }
            io.out("wrote \(out): \(count) invoices, \(bytes.count) bytes in \(MoneyFormat.format(Int64(((Benchmark.now() - t0) * 1000).rounded()), precision: 3, grouping: false)) s\n")
            return ExitCode.ok
        }
        guard args.positional.count == 1 else {
            io.err("due bench: give one ledger to time, or --generate N -o FILE\nusage: \(usage)\n")
            return ExitCode.failure
        }
        if args.flag("editor") {
            do {
                let keystrokes = args.value("runs") == nil ? 20 : runs
                io.out(try EditorLatencyBenchmark.run(path: args.positional[0], asOf: asOf, keystrokes: keystrokes).render())
            } catch {
                io.err("due bench: \(error.description)\n")
                return ExitCode.failure
            }
            return ExitCode.ok
        }
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
