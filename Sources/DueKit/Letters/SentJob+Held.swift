extension SentJob {
    /// The letters due on `today` that are held (W425, `HeldLetter`) to clients with no draft
    /// in the letters folder (`drafted`: those with one, which `--all` judged already): `due
    /// letters` drafted nothing for them, and `--all`, finding no draft, would otherwise say
    /// nothing of a letter due that did not go. Read only for the clients a payment's ref
    /// holds, and not in a ledger with errors, of which `due sent` judges nothing.
    static func heldUndrafted(load: LoadResult, today: Day, drafted: Set<String>) -> [HeldLetter] {
        var ledger = load.ledger
        ledger.takeOutReturnedPayments(by: today)
        let sheet = BalanceEngine.balances(ledger, asOf: today)
        let refs = HeldLetter.Refs(ledger: ledger, sheet: sheet)
        let clients = refs.clients.subtracting(drafted).sorted()
        guard !clients.isEmpty else { return [] }
        var checkedLoad = load
        checkedLoad.ledger = ledger
        guard !Checker.run(checkedLoad, asOf: today).diagnostics.contains(where: { $0.severity == .error }) else { return [] }
        return clients.compactMap { id in
            guard let client = ledger.client(id) else { return nil }
            let story = ClientStory(client: client, ledger: ledger, sheet: sheet)
            guard let stage = StageChooser.choose(story, ledger: ledger, sheet: sheet).stage else { return nil }
            return HeldLetter.find(story, stage: stage, ledger: ledger, sheet: sheet, refs: refs)
        }
    }
}
