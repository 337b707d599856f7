/// Points at one word inside a range the parser kept whole (a header or a detail line), so a
/// diagnostic can underline the offending word. Only called when a diagnostic is made.
enum SourceWords {
    /// The `k`-th word (from 0) of `range`, or `range` itself when it has fewer words.
    static func word(_ k: Int, of range: SourceRange, in files: [SourceFile]) -> SourceRange {
        guard !range.isNone, Int(range.file) < files.count else { return range }
        return files[Int(range.file)].bytes.withUnsafeBufferPointer { bytes in
            var i = Int(range.start)
            let end = min(Int(range.end), bytes.count)
            var index = 0
            while i < end {
                while i < end && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
                guard i < end else { break }
                let start = i
                while i < end && bytes[i] != 0x20 && bytes[i] != 0x09 { i += 1 }
                if index == k { return SourceRange(file: range.file, start: start, end: i) }
                index += 1
            }
            return range
        }
    }
}
