/// The new text of a file that `due fmt` rewrites in place, written to the file's temporary
/// copy (`SafeFileWriter.Stream`) a part at a time, in file order, as `FileFormatter.rewrite`
/// hands the parts on: the new text is never held whole, and the kernel copies one part while
/// the cores work on later ones.
///
/// Nothing replaces the file before `finish`, which `rewrite` calls only when every part is
/// proved; a part with errors or a difference stops the writing and removes the copy.
struct PartWriter {
    let path: String
    let source: SourceBytes
    /// Opened at the first part that prints otherwise: a file already in shape is not written.
    private var stream: SafeFileWriter.Stream?
    /// The source bytes from here to the part being handed on print as they are and are not
    /// written yet: only a later part that changes needs them written before it.
    private var unwritten = 0
    private var failure: WriteError?
    private var stopped = false

    init(path: String, source: SourceBytes) {
        self.path = path
        self.source = source
    }

    /// Takes the next part, which covers `span` of the source.
    mutating func take(_ part: FileFormatter.Part, _ span: Range<Int>) {
        guard !stopped else { return }
        guard part.proved else {
            abandon()
            return
        }
        guard let text = part.text else { return }
        do throws(WriteError) {
            if stream == nil {
                // What a killed run left beside the file goes first, as `SafeFileWriter.write` does.
                if let target = try? SafeFileWriter.resolveLinks(path) { SafeFileWriter.removeStaleTemporaries(in: FileSystem.directory(of: target)) }
                stream = try SafeFileWriter.Stream(path: path)
            }
            try writeSource(upTo: span.lowerBound)
            try text.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(WriteError) in try stream!.write(b) }
            unwritten = span.upperBound
            // The disk takes the text as it comes rather than all of it at the rename.
            stream!.startWriteBack()
        } catch {
            failure = error
            abandon()
        }
    }

    /// The source from `unwritten` to `end`, which prints as it is.
    private mutating func writeSource(upTo end: Int) throws(WriteError) {
        guard end > unwritten else { return }
        let from = unwritten
        var failure: WriteError?
        source.withUnsafeBufferPointer { b in
            do throws(WriteError) { try stream!.write(UnsafeBufferPointer(rebasing: b[from..<end])) } catch { failure = error }
        }
        if let failure { throw failure }
        unwritten = end
    }

    /// Writes the rest and puts the new file in place of the old: called when every part is
    /// proved and at least one changes. Throws the first write that failed.
    mutating func finish() throws(WriteError) {
        defer { abandon() }
        if let failure { throw failure }
        guard stream != nil else { return }
        try writeSource(upTo: source.count)
        let staged = try stream!.finish()
        try SafeFileWriter.commit([staged])
    }

    /// Stops writing; the temporary copy, unless `finish` put it in place, is removed.
    mutating func abandon() {
        stopped = true
        stream?.close()
        stream = nil
    }
}
