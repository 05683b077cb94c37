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
        let items: [JSONValue] = result.items.map { item in
            var o: JSONObject = [
                "label": .string(item.label),
                "kind": .int(completionKind(item.kind)),
                "textEdit": ["range": context.range(item.replaceRange, in: document), "newText": .string(item.insertText)],
            ]
            if let detail = item.detail { o["detail"] = .string(detail) }
            if let documentation = item.documentation {
                if context.resolvesCompletionDocumentation, let data = resolveData(item) {
                    o["data"] = data
                } else {
                    o["documentation"] = ["kind": "markdown", "value": .string(documentation)]
                }
            }
            if let filterText = item.filterText { o["filterText"] = .string(filterText) }
            return .object(o)
        }
        return ["isIncomplete": .bool(result.isIncomplete), "items": .array(items)]
    }

    /// What `completionItem/resolve` needs to rebuild an item's documentation: actor and claim
    /// cards are the large ones (their id is the inserted text).
    private static func resolveData(_ item: CompletionItem) -> JSONValue? {
        switch item.kind {
        case .actor: ["actor": .string(item.insertText)]
        case .claim: ["claim": .string(item.insertText)]
        default: nil
        }
    }

    /// `completionItem/resolve`: the item with its documentation, from the current snapshot.
    static let completionResolve: RequestHandler = { context, params in
        var item = try LSP.object(params, "completionItem/resolve")
        let snapshot = context.snapshot
        var documentation: String?
        if let actor = item["data"]?["actor"]?.stringValue, snapshot.actor(actor) != nil {
            documentation = Features.actorMarkdown(actor, snapshot)
        } else if let claimID = item["data"]?["claim"]?.stringValue, let found = snapshot.claim(claimID) {
            documentation = Features.claimMarkdown(found.claim, in: found.site.document, snapshot)
        }
        if let documentation { item["documentation"] = ["kind": "markdown", "value": .string(documentation)] }
        return .object(item)
    }
}
