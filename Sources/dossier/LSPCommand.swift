/// `dossier lsp`: the language server on stdin/stdout.
struct LSPCommand {
    var arguments: [String]

    func run() -> Int32 {
        printError("dossier: the language server is not built yet")
        return 2
    }
}
