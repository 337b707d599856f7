#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

TruncatedFileGuard.install()
exit(CommandLineTool.run(Array(CommandLine.arguments.dropFirst())))
