import DueKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and error, and whether to colour them.
struct Output {
    /// Colour for what goes to standard output.
    var color = false
    /// Colour for diagnostics sent to standard error, which may be a terminal when standard
    /// output is not (or the other way round).
    var errorColor = false
    /// The ledger the command read. It lives as long as the output it was read for, and the
    /// process exits with it still held (see main.swift): freeing a large ledger entry by
    /// entry costs a noticeable part of a second, for memory the system takes back at exit.
    var ledger: LoadResult?

    func out(_ s: String) { Output.write(1, s) }
    func out(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { Output.write(1, $0) } }
    func out(_ bytes: UnsafeBufferPointer<UInt8>) { Output.write(1, bytes) }
    func err(_ s: String) { Output.write(2, s) }

    static func write(_ fd: Int32, _ s: String) {
        var s = s
        s.withUTF8 { write(fd, $0) }
    }

    static func write(_ fd: Int32, _ b: UnsafeBufferPointer<UInt8>) {
        var done = 0
        while done < b.count {
            let n = Glibc.write(fd, b.baseAddress! + done, b.count - done)
            if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
            done += n
        }
    }

    /// Colour only on a terminal, never when NO_COLOR is set (https://no-color.org).
    static func wantsColor(flag: Bool?) -> Bool {
        if flag == false { return false }
        if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
        return isatty(1) != 0
    }

    static func stderrIsTerminal() -> Bool {
        if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
        return isatty(2) != 0
    }
}

/// Loads the ledger named on the command line, or explains why it cannot.
enum LedgerInput {
    /// `keepingItems: false` for a command that reads no item once the ledger is resolved
    /// (the totals are made as the items are read, and the items let go).
    static func load(_ args: ParsedArguments, command: String, keepingItems: Bool = true, _ io: inout Output) -> LoadResult? {
        switch read(args, command: command, keepingItems: keepingItems, &io) {
        case .success(let load): return load
        case .failure(let problem):
            io.err("due \(command): \(problem.message)\n")
            return nil
        }
    }

    /// Why there is no ledger to work on: wrong arguments, or a file that cannot be read.
    struct Problem: Error {
        var message: String
        var unreadable: Bool
    }

    /// `keepingItems: false` for a command that reads no item once the ledger is resolved.
    static func read(_ args: ParsedArguments, command: String, keepingItems: Bool = true, _ io: inout Output) -> Result<LoadResult, Problem> {
        guard args.positional.count == 1 else {
            let message = args.positional.isEmpty ? "which ledger? Give the path of a .due file.\nusage: due \(command) FILE" : "one ledger at a time (got \(args.positional.count) paths)"
            return .failure(Problem(message: message, unreadable: false))
        }
        do {
            var load = try LedgerLoader.load(path: args.positional[0], keepingItems: keepingItems)
            // A payment returned by the command's date is no payment from then on (grammar 3.6);
            // a command with no `--as-of` works as of today, or, an export, through every entry.
            if !load.ledger.returns.isEmpty {
                let exportsAll = command.hasPrefix("export") && args.value("as-of") == nil
                if exportsAll { load.ledger.takeOutReturnedPayments() } else if let day = try? args.asOf() { load.ledger.takeOutReturnedPayments(by: day) }
            }
            io.ledger = load
            return .success(load)
        } catch {
            return .failure(Problem(message: error.description, unreadable: true))
        }
    }
}
