/// What one rule finds, as it finds it. Placing a diagnostic reads its line from the file, and a
/// rule that finds thousands (an overpaid invoice on every other page of a large ledger) would
/// bring back a page of the mapped file for each, tens of MB held until the rule ends: every
/// so many findings the pages are let go of, read again from the page cache if needed.
public struct Findings {
    public private(set) var diagnostics: [Diagnostic] = []
    private var pages: ReleaseEvery?

    /// `files`: the mapped files the rule reads to place what it finds (none for a rule run on
    /// a ledger in memory, or by a test that keeps every page).
    init(releasing files: [SourceFile]) {
        pages = files.isEmpty ? nil : ReleaseEvery(files, steps: Findings.releaseEvery)
    }

    public init() { self.init(releasing: []) }

    /// How many findings let the pages go: a few hundred lines placed, a few MB of pages.
    static let releaseEvery = 256

    /// One entry read from the file whether or not anything is found in it (each credit note's
    /// `number`, E206): such reads bring pages back as placing findings does, and are let go
    /// of as often.
    mutating func readEntry() { pages?.step() }

    public mutating func append(_ d: Diagnostic) {
        diagnostics.append(d)
        pages?.step()
    }
}
