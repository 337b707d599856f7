/// Ledger text that `due` writes itself (an imported spreadsheet, a recorded letter): entries
/// are put down word by word, without caring for layout, and `printed()` lays them out with
/// the one printer, `LedgerFormatter`, over their syntax tree, so what `due` writes is what
/// `due fmt` would write.
struct EntryText {
    private(set) var bytes: [UInt8] = []
    /// A piece has been taken: the next one starts after a blank line.
    private var taken = false

    /// A comment line: `; ` and `text`.
    mutating func comment(_ text: String) {
        bytes += "; ".utf8
        bytes += text.utf8
        bytes.append(0x0A)
    }

    /// Starts an entry with its header line; a blank line keeps it apart from what comes before.
    mutating func entry(_ header: String) {
        if !bytes.isEmpty { bytes.append(0x0A) }
        bytes += header.utf8
        bytes.append(0x0A)
    }

    /// A detail of the entry begun last.
    mutating func detail(_ keyword: Keyword, _ value: String) {
        bytes += "  ".utf8
        bytes += keyword.text.utf8
        bytes.append(0x20)
        bytes += value.utf8
        bytes.append(0x0A)
    }

    /// The text in canonical layout.
    func printed() -> [UInt8] { LedgerFormatter.format(bytes) }

    /// What was put down since the last piece, in canonical layout, and a fresh start: a long
    /// text is printed a piece at a time. The printer lays out each entry by itself, so when
    /// comments come only before the first entry (as in an import) the pieces joined are what
    /// `printed()` of the whole would be.
    mutating func takePiece() -> [UInt8] {
        var piece: [UInt8] = taken ? [0x0A] : []
        piece += LedgerFormatter.format(bytes)
        taken = true
        bytes.removeAll(keepingCapacity: true)
        return piece
    }
}
