/// Hands back the pages of a mapped file that a pass reading it front to back has left
/// behind, several megabytes at a time: an import's memory then does not grow with the size of
/// the CSV it reads. A page read again later comes back from the page cache.
struct ReleaseBehind {
    private let source: SourceBytes
    private var done = 0
    /// How far a pass moves on between two hand-backs.
    private let step: Int

    /// `from`: where the pass begins; nothing before it is handed back, so that passes over
    /// different parts of one file, side by side, each hand back only their own part's pages.
    init(_ source: SourceBytes, step: Int = 2 << 20, from: Int = 0) {
        self.source = source
        self.step = step
        done = from
    }

    /// The pass has read everything before `offset`. An offset behind the last one (a pass
    /// that goes back) hands back nothing.
    mutating func passed(_ offset: Int) {
        guard offset - done >= step else { return }
        source.release(done..<offset)
        done = offset
    }
}
