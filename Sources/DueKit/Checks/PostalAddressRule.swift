/// A client who asks for letters by post (its `channel` names no email) needs somewhere for
/// them to go: with no `address`, its printed letters would have an empty window (W418). A
/// client that states no channel is not warned about: many ledgers keep no addresses and
/// send no letters.
enum PostalAddressRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        for client in l.clients where client.address.isEmpty && client.channel != nil {
            guard SentJob.channel(client: client, emailMade: true) == "post" else { continue }
            d.append(Diagnostic(.W418, "'\(client.id)' takes letters by post, but it has no `address`", at: l.files.word(1, of: client.anchor), hint: "add its postal address on `address` lines; until then its printed letters have no address block"))
        }
    }
}
