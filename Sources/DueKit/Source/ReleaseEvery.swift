/// Lets go of the pages of mapped files every so many steps of a pass that reads their lines
/// here and there rather than front to back (for those, `ReleaseBehind`): a rule that places
/// thousands of findings reads each one's line again, all over the file, and would hold every
/// page it touched to the end. A page read again comes back from the page cache.
struct ReleaseEvery {
    private let files: [SourceFile]
    private let steps: Int
    private var taken = 0

    init(_ files: [SourceFile], steps: Int) {
        self.files = files
        self.steps = steps
    }

    /// One more step taken; every `steps`th lets the pages go.
    mutating func step() {
        taken += 1
        guard taken == steps else { return }
        taken = 0
        files.releasePages()
    }
}
