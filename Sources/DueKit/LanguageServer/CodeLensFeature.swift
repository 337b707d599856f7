/// A lens over each client: what it owes today and the next step the collections ladder picks,
/// so the ledger shows the agenda where the client stands. Each part says one thing: a client
/// with nothing to chase reads "owes nothing", not "owes nothing · nothing owed".
enum CodeLensFeature {
    static func lenses(_ c: DocumentContext) -> [CodeLens] {
        let a = c.analysis
        var out: [CodeLens] = []
        for client in a.ledger.clients where a.isIn(client.anchor.start, file: c.file) && a.ledger.clientIndex[client.id] != nil {
            let owed = a.sheet.balances(of: client.id)
            var parts: [String] = []
            if owed.isEmpty { parts.append("owes nothing") }
            for (currency, v) in owed { parts.append(v < 0 ? "\(HoverFeature.money(-v, currency)) on account" : "owes \(HoverFeature.money(v, currency))") }
            if let choice = a.choices[client.id], let step = step(choice) { parts.append(step) }
            out.append(CodeLens(range: a.lspRange(client.idRange(in: a.ledger.files)), command: LSPCommand(title: parts.joined(separator: " · "), command: "")))
        }
        return out
    }

    /// The ladder's next step; nil when it has none to name and would only say again, as
    /// "nothing owed", what the balances before it say.
    static func step(_ choice: StageChoice) -> String? {
        if choice.stage == nil && choice.nextDate == nil && choice.reason == StageChooser.nothingOwed { return nil }
        if let stage = choice.stage { return "\(stage.title) due today" }
        if choice.demandUnanswered { return "formal demand unanswered: your decision" }
        if choice.discountsOnly { return "only early-payment discounts missed are open: your decision" }
        let reason = choice.reason.split(separator: ";").first.map(String.init) ?? ""
        if let next = choice.nextDate { return reason.isEmpty ? "next letter \(next)" : "\(reason); next letter \(next)" }
        return reason.isEmpty ? nil : reason
    }
}
