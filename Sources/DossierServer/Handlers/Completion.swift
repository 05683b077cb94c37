import DossierAnalysis
import DossierJSON

extension Handlers {
    static func completionKind(_ kind: CompletionKind) -> Int {
        switch kind {
        case .actor: 18  // Reference
        case .claim: 21  // Constant
        case .attribute: 10  // Property
        case .key: 5  // Field
        case .value: 12  // Value
        case .name: 1  // Text
        }
    }

    static let completion: RequestHandler = { context, params in
        guard let (document, offset) = try located(context, params, "textDocument/completion") else {
            return ["isIncomplete": false, "items": []]
        }
        let result = Features.completions(at: offset, in: document.id, snapshot: context.snapshot)
        // Most lists replace one range (the word at the cursor): sent once when the client allows. Items that
        // replace the typed word (names in prose) take no range at all, so never share one either.
        let ranged = result.items.filter { !$0.replacesTypedWord }
        let shared = ranged.first.map(\.replaceRange).flatMap { first in
            context.completionListEditRange && ranged.count == result.items.count && ranged.allSatisfy { $0.replaceRange == first }
                ? first : nil
        }
        let items: [JSONValue] = result.items.map { item in
            var o: JSONObject = ["label": .string(item.label), "kind": .int(completionKind(item.kind))]
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
                if context.resolvesCompletionDocumentation {
                    o["data"] = resolveData(card)
                } else if let markdown = Features.cardMarkdown(card, context.snapshot) {
                    o["documentation"] = ["kind": "markdown", "value": .string(markdown)]
                }
            } else if let documentation = item.documentation {
                o["documentation"] = ["kind": "markdown", "value": .string(documentation)]
            }
            if let filterText = item.filterText { o["filterText"] = .string(filterText) }
            return .object(o)
        }
        var list: JSONObject = ["isIncomplete": .bool(result.isIncomplete), "items": .array(items)]
        if let shared { list["itemDefaults"] = ["editRange": context.range(shared, in: document)] }
        return .object(list)
    }

    /// What `completionItem/resolve` needs to build an item's card.
    private static func resolveData(_ card: CompletionCard) -> JSONValue {
        switch card {
        case .actor(let id): ["actor": .string(id)]
        case .claim(let id): ["claim": .string(id)]
        }
    }

    /// `completionItem/resolve`: the item with its documentation, from the current snapshot.
    static let completionResolve: RequestHandler = { context, params in
        var item = try LSP.object(params, "completionItem/resolve")
        var card: CompletionCard?
        if let actor = item["data"]?["actor"]?.stringValue {
            card = .actor(actor)
        } else if let claim = item["data"]?["claim"]?.stringValue {
            card = .claim(claim)
        }
        let documentation = card.flatMap { Features.cardMarkdown($0, context.snapshot) }
        if let documentation { item["documentation"] = ["kind": "markdown", "value": .string(documentation)] }
        return .object(item)
    }
}
