#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ledger of a megabyte or more is mapped rather than copied (`SourceBytes`). If another
/// program cuts the file short while `due` reads it, the pages past the new end are gone and
/// touching them raises SIGBUS, which would end `due` with a crash and a core dump. This handler
/// says what happened instead and exits with the code for a file that cannot be read. It may
/// only make async-signal-safe calls: `write` of a static message, then `_exit`.
enum TruncatedFileGuard {
    static func install() {
        signal(SIGBUS) { _ in
            let message: StaticString = """
                due: a file shrank while due was reading it (is another program writing the ledger?); \
                due stopped; run the command again once the file is saved

                """
            _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
            _exit(2)
        }
    }
}
