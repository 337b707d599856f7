extension LetterFields {
    /// The letter's date, reply-by date and stage, and who writes to whom: `date`, `reply.by`,
    /// `stage`, `reason`, `sender.*`, `signature`, `client.*`.
    static func heading(_ v: inout [String: String], _ context: LetterContext) {
        let stage = context.stage, choice = context.choice, asOf = context.asOf, client = context.client,
            sender = context.sender, s = context.settings
        v["date"] = asOf.longDescription
        v["reply.by"] = s.replyBy(asOf).longDescription
        // A note before an instalment falls due is a courtesy note of it, not a reminder (7.1).
        let fallingDue = stage == .instalment && choice.instalmentFallingDue
        v["stage"] = fallingDue ? choice.title : stage.title
        v["instalment.title"] = fallingDue ? "instalment falling due" : "instalment reminder"
        v["reason"] = choice.reason

        // Names and addresses are the ledger's text, shown as written: a `*` in a name is not
        // emphasis in the draft (`asText`).
        let t = asText
        v["sender.name"] = t(sender?.name ?? "")
        v["sender.contact"] = t(sender?.contact ?? "")
        v["sender.email"] = sender?.email ?? ""
        v["sender.phone"] = sender?.phone ?? ""
        v["sender.address"] = sender?.address.map(t).joined(separator: lineBreak) ?? ""
        v["sender.website"] = sender?.website ?? ""
        v["sender.tax-id"] = sender?.taxID ?? ""
        if let sender {
            var block = [sender.name] + sender.address
            let reach = [sender.email, sender.phone].compactMap { $0 }
            if !reach.isEmpty { block.append(reach.joined(separator: " · ")) }
            v["sender.block"] = block.map(t).joined(separator: lineBreak)
            var sig = [sender.contact, sender.name].compactMap { $0 }
            if !reach.isEmpty { sig.append(reach.joined(separator: " · ")) }
            v["signature"] = sig.map(t).joined(separator: lineBreak)
        }

        v["client.id"] = client.id
        v["client.name"] = t(client.name)
        v["client.contact"] = t(client.contact ?? "")
        v["client.salutation"] = t(client.salutation)
        v["client.email"] = client.email ?? ""
        v["client.address"] = client.address.map(t).joined(separator: lineBreak)
        v["client.block"] = client.addressBlock.map(t).joined(separator: lineBreak)
    }
}
