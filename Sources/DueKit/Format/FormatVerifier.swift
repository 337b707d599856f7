/// Proves a formatted text means what the original meant: the same entries with the same
/// values in the same order, and the same comments. Source positions are the only thing
/// allowed to differ.
public enum FormatVerifier {
    /// nil when `formatted` means the same as the original; otherwise what differs.
    public static func difference(original: Ledger, originalBytes: [UInt8], formatted: [UInt8], path: String) -> String? {
        var diagnostics: [Diagnostic] = []
        let file = SourceFile(id: 0, path: path, bytes: formatted)
        let after = FileFormatter.parse(file, diagnostics: &diagnostics)
        if let d = diagnostics.first(where: { $0.severity == .error }) {
            return "the formatted text does not parse: \(d.code) \(d.message)"
        }
        if let what = modelDifference(original, after) { return "the \(what) would change" }
        // Reordering details may move a trailing comment with its line, so comments are
        // compared as a collection; each must survive byte for byte.
        let commentsBefore = comments(originalBytes), commentsAfter = comments(formatted)
        if commentsBefore != commentsAfter
            && commentsBefore.sorted(by: { $0.lexicographicallyPrecedes($1) }) != commentsAfter.sorted(by: { $0.lexicographicallyPrecedes($1) })
        {
            return "the comments would change"
        }
        return nil
    }

    /// Every comment's text (from its `;` or `#` to the end of the line, trailing blanks
    /// dropped), in the order written.
    public static func comments(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var scanner = LineScanner(bytes: bytes)
        while let l = scanner.next() {
            if let s = l.commentStart { result.append(bytes[s..<l.commentEnd]) }
        }
        return result
    }

    /// The name of the first part of the model that differs, ignoring source positions.
    public static func modelDifference(_ a: Ledger, _ b: Ledger) -> String? {
        if a.settings.positionless != b.settings.positionless { return "settings" }
        if a.sender?.positionless != b.sender?.positionless { return "sender" }
        if !same(a.clients, b.clients, \.positionless) { return "clients" }
        if !same(a.invoices, b.invoices, \.positionless) { return "invoices" }
        if !same(a.payments, b.payments, \.positionless) { return "payments and credits" }
        if !same(a.writeOffs, b.writeOffs, \.positionless) { return "write-offs" }
        if !same(a.notes, b.notes, \.positionless) { return "notes" }
        if !same(a.plans, b.plans, \.positionless) { return "plans" }
        if !same(a.letters, b.letters, \.positionless) { return "letters" }
        if !same(a.assertions, b.assertions, \.positionless) { return "balance assertions" }
        if a.includes.map(\.path) != b.includes.map(\.path) { return "includes" }
        return nil
    }

    /// Element by element, so a million entries are not copied into new arrays first.
    static func same<T: Equatable>(_ a: [T], _ b: [T], _ strip: (T) -> T) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices where strip(a[i]) != strip(b[i]) { return false }
        return true
    }
}

// Copies with every source position cleared, so two parses of differently laid out texts
// compare equal exactly when they mean the same.

extension Settings {
    var positionless: Settings { var x = self; x.range = .none; return x }
}

extension Sender {
    var positionless: Sender {
        var x = self
        x.range = .none
        for k in x.banks.indices { x.banks[k].range = .none }
        return x
    }
}

extension Client {
    var positionless: Client {
        var x = self
        x.range = .none
        x.idRange = .none
        x.detailRanges = DetailRanges()
        return x
    }
}

extension Invoice {
    var positionless: Invoice {
        var x = self
        x.range = .none
        x.numberRange = .none
        x.clientRange = .none
        x.detailRanges = DetailRanges()
        for i in x.items.indices { x.items[i].range = .none }
        x.tax?.range = .none
        return x
    }
}

extension Payment {
    var positionless: Payment {
        var x = self
        x.range = .none
        x.clientRange = .none
        x.amountRange = .none
        for i in x.allocations.indices {
            x.allocations[i].range = .none
            x.allocations[i].invoiceRange = .none
        }
        return x
    }
}

extension WriteOff {
    var positionless: WriteOff {
        var x = self
        x.range = .none
        x.clientRange = .none
        x.invoiceRange = .none
        return x
    }
}

extension ClientNote {
    var positionless: ClientNote {
        var x = self
        x.range = .none
        x.clientRange = .none
        x.promise?.range = .none
        for i in x.disputes.indices {
            x.disputes[i].range = .none
            x.disputes[i].invoiceRange = .none
        }
        for i in x.resolutions.indices {
            x.resolutions[i].range = .none
            x.resolutions[i].invoiceRange = .none
        }
        return x
    }
}

extension PaymentPlan {
    var positionless: PaymentPlan {
        var x = self
        x.range = .none
        x.clientRange = .none
        x.invoiceRanges = []
        for i in x.instalments.indices { x.instalments[i].range = .none }
        return x
    }
}

extension LetterSent {
    var positionless: LetterSent {
        var x = self
        x.range = .none
        x.clientRange = .none
        x.stageRange = .none
        x.invoiceRanges = []
        return x
    }
}

extension BalanceAssertion {
    var positionless: BalanceAssertion {
        var x = self
        x.range = .none
        x.clientRange = .none
        x.invoiceRange = nil
        x.amountRange = .none
        return x
    }
}
