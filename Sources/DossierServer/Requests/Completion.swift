import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax

/// `textDocument/completion`: actors after `@`, claim ids after `cite=#`, attributes, front matter, names in prose.
enum CompletionRequest: Request {
    static let method = "textDocument/completion"

    static func decode(_ params: JSONReader) throws(ResponseError) -> DocumentPosition { try DocumentPosition(params) }

    static func handle(_ params: DocumentPosition, _ context: RequestContext) -> (CompletionResult, Document, WorkspaceSnapshot)? {
        guard let (document, snapshot, offset) = params.locate(in: context) else { return nil }
        return (Features.completions(at: offset, in: document.id, snapshot: snapshot), document, snapshot)
    }

    static func encode(_ result: (CompletionResult, Document, WorkspaceSnapshot)?, _ context: RequestContext) -> JSONValue {
        guard let (completions, document, snapshot) = result else { return ["isIncomplete": false, "items": []] }
        let client = context.client
        // Most lists replace one range (the word at the cursor): sent once when the client allows. Items that
        // replace the typed word (names in prose) take no range at all, so never share one either.
        let ranged = completions.items.filter { !$0.replacesTypedWord }
        let shared = ranged.first.map(\.replaceRange).flatMap { first in
            client.itemDefaultsEditRange && ranged.count == completions.items.count && ranged.allSatisfy { $0.replaceRange == first }
                ? first : nil
        }
        let items: [JSONValue] = completions.items.map { item in
            var o: JSONObject = [
                "label": .string(item.label),
                "kind": .int(LSPVocabulary.completionKind(item.kind, supported: client.completionKinds)),
            ]
            if item.replacesTypedWord {
                // A plain insertText and no textEdit: the client replaces the word before the cursor, which is
                // the item's range. Neovim cuts a textEdit's newText at its first space ("[Lloyd") and inserts
                // a snippet's label; this is the one form that lands whole in Neovim 0.12 (omnifunc and
                // vim.lsp.completion), Eglot and VS Code.
                o["insertText"] = .string(item.insertText)
            } else if shared == nil {
                o["textEdit"] = ["range": context.range(item.replaceRange, in: document), "newText": .string(item.insertText)]
            } else if item.insertText != item.label {
                o["textEditText"] = .string(item.insertText)
            }
            if let detail = item.detail { o["detail"] = .string(detail) }
            if let card = item.card {
                if client.completionResolvesDocumentation {
                    o["data"] = CompletionResolveRequest.data(for: card)
                } else if let markdown = Features.cardMarkdown(card, snapshot) {
                    o["documentation"] = LSPValues.markup(markdown, client.completionDocumentationMarkup)
                }
            } else if let documentation = item.documentation {
                o["documentation"] = LSPValues.markup(documentation, client.completionDocumentationMarkup)
            }
            if let filterText = item.filterText { o["filterText"] = .string(filterText) }
            return .object(o)
        }
        var list: JSONObject = ["isIncomplete": .bool(completions.isIncomplete), "items": .array(items)]
        if let shared { list["itemDefaults"] = ["editRange": context.range(shared, in: document)] }
        return .object(list)
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        capabilities.set(["completionProvider", "triggerCharacters"], .array(LSPVocabulary.completionTriggers.map { .string($0) }))
    }
}

/// `completionItem/resolve`: an actor's or claim's card, built only for the item the user looks at.
enum CompletionResolveRequest: Request {
    static let method = "completionItem/resolve"

    struct Params: Sendable {
        var item: JSONObject
        var card: CompletionCard?
    }

    /// What the item carries for its resolution.
    static func data(for card: CompletionCard) -> JSONValue {
        switch card {
        case .actor(let id): ["actor": .string(id)]
        case .claim(let id): ["claim": .string(id)]
        }
    }

    static func decode(_ params: JSONReader) throws(ResponseError) -> Params {
        let item = try params.object()
        _ = try params["label"].string()
        var card: CompletionCard?
        if let actor = item["data"]?["actor"]?.stringValue {
            card = .actor(actor)
        } else if let claim = item["data"]?["claim"]?.stringValue {
            card = .claim(claim)
        }
        return Params(item: item, card: card)
    }

    static func handle(_ params: Params, _ context: RequestContext) -> (JSONObject, String?) {
        // Cards read the whole workspace; the actor or claim lives in one of them.
        let markdown = params.card.flatMap { card in context.workspaces.lazy.compactMap { Features.cardMarkdown(card, $0.snapshot) }.first }
        return (params.item, markdown)
    }

    static func encode(_ result: (JSONObject, String?), _ context: RequestContext) -> JSONValue {
        var (item, markdown) = result
        if let markdown { item["documentation"] = LSPValues.markup(markdown, context.client.completionDocumentationMarkup) }
        return .object(item)
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        capabilities.set(["completionProvider", "resolveProvider"], true)
    }
}
