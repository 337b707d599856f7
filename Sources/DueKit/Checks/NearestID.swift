/// "Did you mean …?" for unknown client ids and invoice numbers. The search runs only for ids
/// that are unknown, once per id, and for a bounded number of them: a file full of bad
/// references must not turn a fast check into millions of edit-distance computations.
struct NearestID {
    private var memo: [String: String?] = [:]
    private var budget = 64

    mutating func nearest(_ key: String, to word: String, in candidates: () -> [String]) -> String? {
        if let known = memo[key] { return known }
        guard budget > 0 else { return nil }
        budget -= 1
        let found = Suggestion.nearest(to: word, in: candidates())
        memo[key] = found
        return found
    }
}
