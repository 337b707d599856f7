import DueKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct LspCommand: Command {
    static let name = "lsp"
    static let abstract = "serve editors: a language server over stdin and stdout"
    static let usage = "due lsp [--as-of DATE]"
    static let discussion = """
        Speaks the Language Server Protocol on stdin and stdout, for editors (the editors/
        folder has VS Code, Neovim, Vim, Emacs and Helix setups). It reports what `due check`
        reports as you type, completes clients, invoices, stages and channels, shows balances
        on hover, and formats as `due fmt` does. Balances and the agenda are as of --as-of
        (default today).
        """
    static let options: [OptionSpec] = [
        .asOf("balances, hints and warnings as of this date (default today)"),
    ]

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let asOf: Day
        do { asOf = try args.asOf() } catch {
            return refuse(error, &io)
        }
        // An editor that goes away closes the pipe; the server then ends on its own.
        signal(SIGPIPE, SIG_IGN)
        let server = LanguageServer(connection: Connection(input: 0, output: 1), asOf: asOf)
        return server.run()
    }
}
