import DueKit

struct BenchCommand: Command {
    static let name = "bench"
    static let abstract = "generate large ledgers and time how fast due reads and checks them"
    static let usage = "due bench --generate N -o FILE [--profile P] [--seed S] | due bench [--runs R] [--as-of DATE] [--editor] FILE"
    static let discussion = """
        With --generate, writes a deterministic ledger of N invoices to FILE. Profile `uniform`
        (the default) has one client per 150 invoices, each paid once or not at all; `realistic`
        has up to 10,000 clients, two currencies, per-invoice terms, about 1.1 payments per
        invoice, notes written from a few phrasings, promises, disputes, plans, letters, credit
        notes and write-offs; `adversarial` adds to it a note on every invoice whose texts differ
        only in the middle; `varied` writes a quarter of its client ids in letters beyond ASCII
        and bills hours at rates whose products must be rounded.
        Otherwise runs what `due check` runs on FILE R times and prints the median: loading
        (read, parse, resolve) and checking (balances, rules, rendering), wall and CPU time,
        entries and megabytes per second, and the first run's peak memory (what one `due check`
        holds) against the file's size. Build with
        `swift build -c release` first; Scripts/bench.sh runs the usual sizes and profiles.
        With --editor, runs `due lsp` behind pipes, opens FILE and types R keystrokes (default
        20) into its middle line, and prints how long each took to bring back diagnostics.
        """
    static let options: [OptionSpec] = [
        .number("generate", "N", "write a generated ledger of N invoices", atLeast: 1),
        .output("where --generate writes (also -o FILE)"),
        .flag("force", "overwrite the --output file if it exists"),
        .number("seed", "S", "seed for --generate (default 1)", atLeast: 0),
        .value("profile", "P", "shape for --generate: uniform (default), realistic, adversarial or varied", kind: .choice(LedgerGenerator.Profile.allCases.map(\.rawValue))),
        .number("runs", "R", "how many times to check the file (default 3)", atLeast: 1),
        .flag("editor", "time `due lsp`: diagnostics after opening FILE and after each keystroke"),
        .asOf("check as of this date (default 2026-11-20, the generator's last day)"),
    ]

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let generate: Int?, output: String?, seed: Int, runs: Int, asOf: Day, profile: LedgerGenerator.Profile
        do {
            generate = try args.number("generate", atLeast: 1)
            output = try args.output()
            seed = try args.number("seed", default: 1, atLeast: 0)
            profile = try args.choice("profile", default: .uniform)
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
            let bytes = LedgerGenerator(invoices: count, seed: UInt64(seed), profile: profile).generate()
            do { try SafeFileWriter.write(bytes, to: out) } catch {
                io.err("due bench: \(error.description)\n")
                return ExitCode.failure
            }
            io.out("wrote \(out): \(count) invoices (\(profile.rawValue)), \(bytes.count) bytes in \(MoneyFormat.format(Int64(((Benchmark.now() - t0) * 1000).rounded()), precision: 3, grouping: false)) s\n")
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
