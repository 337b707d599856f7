/// Something the resolver met while giving entries their meaning, for a rule to judge
/// (grammar.md §6.2 and §6.3). The resolver decides what an entry means (a duplicate carries no
/// money, an amount it cannot hold counts as zero); the rules say what is wrong with it.
/// Indexes point into the ledger's arrays of clients and invoices.
public enum ResolutionFact: Sendable {
    /// Client `client` has the id of the earlier client `first` (E201).
    case clientDefinedTwice(client: Int, first: Int)
    /// Invoice `invoice` has the number of the earlier invoice `first` (E202).
    case invoiceNumberUsedTwice(invoice: Int, first: Int)
    /// An amount written at `range` that is not a whole number of its currency's minor units,
    /// or is beyond `LedgerResolver.maxMinor` (E301 or E302). It counts as zero.
    case amountNotHeld(DecimalValue, Currency, at: SourceRange)
    /// An item at `range` whose unit price may be thousands written with a dot (`1.500`), in
    /// an invoice in `Currency` (W313). It is priced as written.
    case priceLooksGrouped(Currency, at: SourceRange)
    /// An item whose quantity × price passes `maxMinor` (E302).
    case itemTooLarge(at: SourceRange)
    /// Invoice `number`, whose items plus tax pass `maxMinor` (E302).
    case invoiceTooLarge(number: String, at: SourceRange)
    /// The running sum of invoices (or of money received) in a currency passed
    /// `maxCurrencyTotal` at `range`, first met there (E302).
    case currencyTotalPassed(what: String, Currency, at: SourceRange)
    /// `what` written in `written` on an invoice in `expected` (E304).
    case currencyDiffersFromInvoice(what: String, written: Currency, expected: Currency, at: SourceRange)
    /// Invoice `number` written in `written` for client `client`, who pays in `clientCurrency` (E304).
    case invoiceCurrencyDiffersFromClient(number: String, written: Currency, client: String, clientCurrency: Currency, at: SourceRange)
    /// Invoice `number` has a tax rate (at `range`) and no items (W303).
    case taxWithoutItems(number: String, at: SourceRange)
    /// Invoice `number`'s written total (`written`, minor units) differs from its items plus
    /// tax (E303).
    case totalDiffers(number: String, written: Int64, subtotal: Int64, tax: Int64?, total: Int64, Currency, at: SourceRange)
    /// No entry of client `client`, nor the settings, gives a currency; first met at `range`
    /// (E308). `figures`: a currency an invoice's total or items write, for the hint.
    case noCurrency(client: String, figures: Currency?, at: SourceRange)
}
