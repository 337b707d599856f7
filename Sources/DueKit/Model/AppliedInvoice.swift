// Which invoice an `apply` line names. An `Allocation` keeps no number: once the resolver has
// linked the line (`Allocation.target`) the number is its invoice's, and otherwise it is read
// again from the line. A million payments would hold a million numbers only to repeat their
// invoices'.

extension Ledger {
    /// The invoice number the `k`-th `apply` line of `payment` names. The ledger must be
    /// resolved (or not yet linked at all): a target is trusted to be the invoice named.
    public func invoiceNumber(applied k: Int, of payment: Payment) -> String {
        let a = allocation(k, of: payment)
        if let t = a.target { return invoices[Int(t)].number }
        return payment.appliedNumber(k, line: a.line, in: files)
    }

    /// The invoice numbers its `apply` lines name, in order.
    public func invoiceNumbers(appliedBy payment: Payment) -> [String] {
        (0..<payment.allocationRange.count).map { invoiceNumber(applied: $0, of: payment) }
    }
}

extension Payment {
    /// The number its `k`-th `apply` line (at `line`) names, read from the file. A ledger read
    /// without positions has no files, and sets the numbers aside instead (`Ledger.setAside`).
    func appliedNumber(_ k: Int, line: LineAnchor, in files: [SourceFile]) -> String {
        precondition(anchor.file >= 0 && Int(anchor.file) < files.count, "an apply line is read from its file")
        return files[Int(anchor.file)].bytes.withUnsafeBufferPointer { Allocation.number(in: $0, line: line) }
    }
}

extension Allocation {
    /// The second word of the `apply` line starting at `line`: the invoice number the parser
    /// checked there (an id holds no blank, and a comment starts after one).
    @inline(__always)
    static func number(in b: UnsafeBufferPointer<UInt8>, line: LineAnchor) -> String {
        String(decoding: numberBytes(in: b, line: line), as: UTF8.self)
    }

    /// The bytes of that number, where they lie in `b`.
    @inline(__always)
    static func numberBytes(in b: UnsafeBufferPointer<UInt8>, line: LineAnchor) -> UnsafeBufferPointer<UInt8> {
        let n = b.count
        // A file let go of (the editor's copy, about to change) reads as no number, not past its end.
        var i = min(Int(line.offset), n)
        while i < n && LineScanner.isBlank(b[i]) { i += 1 }
        while i < n && !LineScanner.isBlank(b[i]) { i += 1 }
        while i < n && LineScanner.isBlank(b[i]) { i += 1 }
        let start = i
        while i < n && !LineScanner.isBlank(b[i]) && b[i] != 0x0A && b[i] != 0x0D { i += 1 }
        return UnsafeBufferPointer(rebasing: b[start..<i])
    }
}
