extension RandomAccessCollection {
    /// The first index whose element is not `before`, in a collection ordered so that every
    /// element that is comes first: where a binary search for the boundary ends.
    func partitionPoint(before: (Element) -> Bool) -> Index {
        var low = startIndex, count = self.count
        while count > 0 {
            let half = count / 2
            let mid = index(low, offsetBy: half)
            if before(self[mid]) {
                low = index(after: mid)
                count -= half + 1
            } else {
                count = half
            }
        }
        return low
    }
}

extension RandomAccessCollection where Element: Comparable {
    /// Whether the collection, in ascending order, holds `element`: a binary search.
    func sortedContains(_ element: Element) -> Bool {
        let k = partitionPoint(before: { $0 < element })
        return k != endIndex && self[k] == element
    }
}
