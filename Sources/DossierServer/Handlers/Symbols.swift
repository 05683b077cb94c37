import DossierAnalysis
import DossierJSON

extension Handlers {
    static let documentSymbol: RequestHandler = { context, params in
        let id = try LSP.documentID(params, "textDocument/documentSymbol")
        guard let document = context.document(id) else { return [] }
        func convert(_ item: DocumentSymbolItem) -> JSONValue {
            var o: JSONObject = [
                "name": .string(item.name.isEmpty ? " " : item.name),
                "kind": .int(item.category.lspKind),
                "range": context.range(item.range, in: document),
                "selectionRange": context.range(item.selectionRange, in: document),
            ]
            if let detail = item.detail { o["detail"] = .string(detail) }
            if !item.children.isEmpty { o["children"] = .array(item.children.map(convert)) }
            return .object(o)
        }
        return .array(Features.documentSymbols(in: id, snapshot: context.snapshot).map(convert))
    }

    static let workspaceSymbol: RequestHandler = { context, params in
        let object = try LSP.object(params, "workspace/symbol")
        guard let query = object["query"]?.stringValue else {
            throw ResponseErrorBridge.invalid("workspace/symbol: query must be a string")
        }
        let items = Features.workspaceSymbols(query: query, snapshot: context.snapshot)
        return .array(items.compactMap { item in
            guard let location = context.location(item.location.document, item.location.range) else { return nil }
            var o: JSONObject = ["name": .string(item.name), "kind": .int(item.category.lspKind), "location": location]
            if let container = item.containerName { o["containerName"] = .string(container) }
            return .object(o)
        })
    }
}
