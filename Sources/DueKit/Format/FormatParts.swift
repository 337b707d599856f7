#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `due fmt` cuts a file so that each part is checked, printed and proved on its own, on
/// every core, and the parts' texts joined in order are the text of the whole.
///
/// A part starts at a dated header (a line starting with a digit) whose line above is not a
/// comment. The printer places a comment run by what surrounds it (a run right above a header
/// leads that entry); with no comment right above the cut, everything before the cut prints
/// the same whether or not the header follows in the same part. The parser reads each entry
/// on its own, so a part parses to its share of the file's entries.
enum FormatParts {
    /// About this many bytes a part: small enough that a part's tree, text and two ledgers
    /// stay a few dozen megabytes, large enough that the parts cost nothing to arrange.
    static let size = 4 << 20

    /// `0`, the cuts, and the end of the file: the parts are the ranges between neighbours. A
    /// file under `size`, or one with nowhere to cut, is one part.
    static func cuts(_ bytes: SourceBytes, size: Int = size) -> [Int] {
        let count = bytes.count
        guard count > size else { return [0, count] }
        return bytes.withUnsafeBufferPointer { b in
            var cuts = [0]
            var target = size
            while target < count {
                guard let cut = cut(at: max(target, cuts.last! + 1), b) else { break }
                cuts.append(cut)
                target = cut + size
            }
            // A last part much smaller than the others is joined to the one before.
            if cuts.count > 1, count - cuts.last! < size / 4 { cuts.removeLast() }
            cuts.append(count)
            return cuts
        }
    }

    /// The first place to cut at or after `from`, nil when there is none.
    static func cut(at from: Int, _ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let base = b.baseAddress!
        let count = b.count
        var i = from
        // To the start of a line.
        if i > 0 && b[i - 1] != 0x0A {
            guard let p = memchr(base + i, 0x0A, count - i) else { return nil }
            i = base.distance(to: p.assumingMemoryBound(to: UInt8.self)) + 1
        }
        while i < count {
            if b[i] >= 0x30 && b[i] <= 0x39 && !followsComment(i, b) { return i }
            guard let p = memchr(base + i, 0x0A, count - i) else { return nil }
            i = base.distance(to: p.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return nil
    }

    /// Whether the line above the one starting at `i` is a comment line (`;` or `#` after any
    /// indentation).
    static func followsComment(_ i: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard i > 0 else { return false }
        var s = i - 1
        while s > 0 && b[s - 1] != 0x0A { s -= 1 }
        while s < i - 1 && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
        return b[s] == 0x3B || b[s] == 0x23
    }

    /// Whether `bytes[range]` holds a line with something on it (after a byte order mark): the
    /// printer writes something for it, so a part after it starts with a blank line.
    static func hasText(_ bytes: SourceBytes, _ range: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            var i = range.lowerBound
            if i == 0 && range.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
            while i < range.upperBound {
                let c = b[i]
                if c != 0x20 && c != 0x09 && c != 0x0D && c != 0x0A { return true }
                i += 1
            }
            return false
        }
    }
}
