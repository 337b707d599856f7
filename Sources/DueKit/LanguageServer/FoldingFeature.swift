/// One fold per entry that has details: from its header to its last detail.
enum FoldingFeature {
    static func ranges(_ text: LedgerText) -> [FoldingRange] {
        text.entries().filter { $0.last > $0.header }.map { FoldingRange(startLine: $0.header, endLine: $0.last, kind: "region") }
    }
}
