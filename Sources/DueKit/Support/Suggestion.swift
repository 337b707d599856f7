/// "Did you mean …?" for misspelt keywords and ids.
public enum Suggestion {
    /// Edit distance (insertions, deletions, substitutions, adjacent swaps), giving up above
    /// `limit` so a search over many candidates stays cheap.
    public static func distance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prevPrev = [Int](repeating: 0, count: y.count + 1)
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { v = min(v, prevPrev[j - 2] + 1) }
                cur[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            (prevPrev, prev, cur) = (prev, cur, prevPrev)
        }
        return prev[y.count]
    }

    /// The closest candidate within a distance that still reads as a typo, ties broken by
    /// the candidates' order so the hint is stable.
    public static func nearest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        let limit = max(1, min(3, word.count / 3 + 1))
        var best: (String, Int)? = nil
        let lower = word.lowercased()
        for c in candidates {
            if c.lowercased() == lower && c != word { return c }
            let d = distance(lower, c.lowercased(), limit: best.map { min($0.1, limit) } ?? limit)
            if d <= limit && d > 0 && (best == nil || d < best!.1) { best = (c, d) }
        }
        return best?.0
    }

    public static func hint(for word: String, in candidates: [String]) -> String? {
        nearest(to: word, in: candidates).map(didYouMean)
    }

    /// The one wording of a suggestion: the editor's quick fix reads the suggestion back out
    /// of it (`CodeActionFeature.suggestion(in:)`) and puts it in place of what is underlined.
    public static func didYouMean(_ text: String) -> String { "did you mean '\(text)'?" }
}
