import DueKit

struct BenchCommand: Command {
    static let name = "bench"
    static let abstract = "generate large ledgers and time how fast due reads and checks them"
    static let usage = "due bench --generate N [--profile P] -o FILE | due bench [--runs R] FILE"
    static let discussion = """
        With --generate, writes a deterministic ledger of N invoices to FILE. Profile `uniform`
        (the default) has one client per 150 invoices, each paid once or not at all; `realistic`
        has up to 10,000 clients, two currencies, per-invoice terms, about 1.1 payments per
        invoice, notes written from a few phrasings, promises, disputes, plans, letters, credit
        notes and write-offs; `adversarial` adds to it a note on every invoice whose texts differ
        only in the middle.
        Otherwise runs what `due check` runs on FILE R times and prints the median: loading
        (read, parse, resolve) and checking (balances, rules, rendering), wall and CPU time,
        entries and megabytes per second, and peak memory against the file's size. Build with
        `swift build -c release` first; Scripts/bench.sh runs the usual sizes and profiles.
        """
    static let options: [OptionSpec] = [
        .value("generate", "N", "write a generated ledger of N invoices"),
        .value("o", "FILE", "where --generate writes"),
        .value("seed", "S", "seed for --generate (default 1)"),
        .value("profile", "P", "shape for --generate: uniform (default), realistic or adversarial"),
        .value("runs", "R", "how many times to check the file (default 3)"),
        .value("as-of", "DATE", "check as of this date (default 2026-11-20, the generator's last day)"),
    ]

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        if let n = args.value("generate") {
            guard let count = Int(n), count > 0, let out = args.value("o") else {
                io.err("due bench: --generate takes a positive number of invoices and -o FILE\nusage: \(usage)\n")
                return ExitCode.failure
            }
            let seed = UInt64(args.value("seed") ?? "1") ?? 1
            let name = args.value("profile") ?? LedgerGenerator.Profile.uniform.rawValue
            guard let profile = LedgerGenerator.Profile(rawValue: name) else {
                let names = LedgerGenerator.Profile.allCases.map(\.rawValue)
                io.err("due bench: unknown profile '\(name)'; \(Suggestion.hint(for: name, in: names) ?? "use one of: " + names.joined(separator: ", "))\n")
                return ExitCode.failure
            }
            let t0 = Benchmark.now()
            let bytes = LedgerGenerator(invoices: count, seed: seed, profile: profile).generate()
            do { try SafeFileWriter.write(bytes, to: out) } catch {
                io.err("due bench: \(error.description)\n")
                return ExitCode.failure
            }
            io.out("wrote \(out): \(count) invoices (\(profile.rawValue)), \(bytes.count) bytes in \(String(((Benchmark.now() - t0) * 100).rounded() / 100)) s\n")
            return ExitCode.ok
        }
        guard args.positional.count == 1 else {
            io.err("due bench: give one ledger to time, or --generate N -o FILE\nusage: \(usage)\n")
            return ExitCode.failure
        }
        let runs = Int(args.value("runs") ?? "3") ?? 3
        let asOf = args.value("as-of").flatMap(Day.parse) ?? Day(year: 2026, month: 11, day: 20)!
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
