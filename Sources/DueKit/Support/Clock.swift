#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Today's date in UTC, read once by the command line; everything else takes the date as input
/// so results depend on the as-of date alone.
public enum Clock {
    public static func today() -> Day {
        let seconds = time(nil)
        return Day(ordinal: Int32(seconds / 86_400))
    }
}
