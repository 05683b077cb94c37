import DossierAnalysis
import DossierJSON

extension Handlers {
    /// Features beyond the core: completion, symbols, tokens, folding, links, lenses, code actions.
    static let extra: [String: RequestHandler] = [
        "textDocument/completion": completion,
        "completionItem/resolve": completionResolve,
        "textDocument/documentSymbol": documentSymbol,
        "workspace/symbol": workspaceSymbol,
        "textDocument/semanticTokens/full": semanticTokensFull,
        "textDocument/semanticTokens/range": semanticTokensRange,
        "textDocument/foldingRange": foldingRange,
        "textDocument/documentLink": documentLink,
        "textDocument/codeLens": codeLens,
        "textDocument/codeAction": codeAction,
        "workspace/executeCommand": executeCommand,
    ]

    /// `dossier.showReferences` (the code lens command): answers the actor's references, for clients that
    /// forward lens commands to the server.
    static let executeCommand: RequestHandler = { context, params in
        let object = try LSP.object(params, "workspace/executeCommand")
        guard let command = object["command"]?.stringValue else {
            throw ResponseErrorBridge.invalid("workspace/executeCommand: command must be a string")
        }
        guard command == "dossier.showReferences" else { throw ResponseErrorBridge.invalid("unknown command \(command)") }
        guard let actor = object["arguments"]?[2]?.stringValue else { return .null }
        return locations(context, Features.actorReferences(actor, context.snapshot, includeDeclaration: false))
    }
}
