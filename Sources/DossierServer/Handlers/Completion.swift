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
            if let documentation = item.documentation { o["documentation"] = ["kind": "markdown", "value": .string(documentation)] }
            if let filterText = item.filterText { o["filterText"] = .string(filterText) }
            return .object(o)
        }
        return ["isIncomplete": .bool(result.isIncomplete), "items": .array(items)]
    }
}
