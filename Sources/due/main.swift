#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the command and exits while `io` still holds the ledger it read: output is written
/// unbuffered, so nothing is left to flush, and the system takes the memory back at once
/// rather than the program freeing a large ledger entry by entry.
func main() -> Never {
    TruncatedFileGuard.install()
    var io = Output()
    let code = CommandLineTool.run(Array(CommandLine.arguments.dropFirst()), &io)
    withExtendedLifetime(io) { exit(code) }
}

main()
