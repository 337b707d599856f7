#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `due fmt` cuts a file so that each part is checked, printed and proved on its own, on
/// every core, and the parts' texts joined in order are the text of the whole.
///
/// A part starts with the blank lines right above a dated header (a line starting with a
/// digit), or at the header when there are none, and the line above is not a comment. The
/// printer places a comment run by what surrounds it (a run right above a header leads that
/// entry), and writes the blank line between two entries with the second: with no comment at
/// the cut, each part prints what the whole file prints for its lines. The parser reads each
/// entry on its own, so a part parses to its share of the file's entries. Above a cut there
/// is always a line with something on it, so every part but the first prints after text.
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
            if b[i] >= 0x30 && b[i] <= 0x39 {
                let s = blanksAbove(i, b)
                if s >= from && !isComment(lineAbove: s, b) { return s }
            }
            guard let p = memchr(base + i, 0x0A, count - i) else { return nil }
            i = base.distance(to: p.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return nil
    }

    /// The start of the blank lines right above the line starting at `i`; `i` when there are none.
    static func blanksAbove(_ i: Int, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        var s = i
        while s > 0 {
            var p = s - 1
            var blank = true
            while p > 0 && b[p - 1] != 0x0A {
                p -= 1
                let c = b[p]
                if c != 0x20 && c != 0x09 && c != 0x0D { blank = false }
            }
            guard blank else { break }
            s = p
        }
        return s
    }

    /// Whether the line above the one starting at `i` is a comment line (`;` or `#` after any
    /// indentation).
    static func isComment(lineAbove i: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard i > 0 else { return false }
        var s = i - 1
        while s > 0 && b[s - 1] != 0x0A { s -= 1 }
        while s < i - 1 && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
        return b[s] == 0x3B || b[s] == 0x23
    }

    /// The same place in a syntax tree: where the blank lines right above header line `h`
    /// start (or the header, when there are none); nil when a comment line stands above them,
    /// or nothing but blank lines does.
    static func cut(above h: Int, in tree: SyntaxTree) -> Int? {
        var i = h - 1
        while i >= 0 && tree.roles[i] == .blank { i -= 1 }
        guard i >= 0, tree.roles[i] != .comment else { return nil }
        return Int(tree.lineStarts[i + 1])
    }
}
