import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax

/// `textDocument/documentSymbol`: the outline (headings, actors, claims); nested `DocumentSymbol`s for clients that
/// take them, else a flat `SymbolInformation` list.
enum DocumentSymbolRequest: Request {
    static let method = "textDocument/documentSymbol"
    static let needsIndex = false

    static func decode(_ params: JSONReader) throws(ResponseError) -> DocumentID {
        _ = try params.object()
        return try params["textDocument"].documentID()
    }

    static func handle(_ id: DocumentID, _ context: RequestContext) -> ([DocumentSymbolItem], Document)? {
        guard let (document, snapshot) = context.document(id) else { return nil }
        return (Features.documentSymbols(in: id, snapshot: snapshot), document)
    }

    static func encode(_ result: ([DocumentSymbolItem], Document)?, _ context: RequestContext) -> JSONValue {
        guard let (items, document) = result else { return [] }
        let kinds = context.client.documentSymbolKinds
        if context.client.hierarchicalDocumentSymbols {
            func convert(_ item: DocumentSymbolItem) -> JSONValue {
                var o: JSONObject = [
                    "name": .string(item.name.isEmpty ? " " : item.name),
                    "kind": .int(LSPVocabulary.symbolKind(item.category, supported: kinds)),
                    "range": context.range(item.range, in: document),
                    "selectionRange": context.range(item.selectionRange, in: document),
                ]
                if let detail = item.detail { o["detail"] = .string(detail) }
                if !item.children.isEmpty { o["children"] = .array(item.children.map(convert)) }
                return .object(o)
            }
            return .array(items.map(convert))
        }
        var flat: [JSONValue] = []
        func flatten(_ item: DocumentSymbolItem, container: String?) {
            var o: JSONObject = [
                "name": .string(item.name.isEmpty ? " " : item.name),
                "kind": .int(LSPVocabulary.symbolKind(item.category, supported: kinds)),
                "location": ["uri": .string(document.id.rawValue), "range": context.range(item.range, in: document)],
            ]
            if let container { o["containerName"] = .string(container) }
            flat.append(.object(o))
            for child in item.children { flatten(child, container: item.name) }
        }
        for item in items { flatten(item, container: nil) }
        return .array(flat)
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        capabilities.set(["documentSymbolProvider"], true)
    }
}

/// `workspace/symbol`: actors, claims and documents of every workspace, fuzzily matched.
enum WorkspaceSymbolRequest: Request {
    static let method = "workspace/symbol"

    static func decode(_ params: JSONReader) throws(ResponseError) -> String {
        _ = try params.object()
        return try params["query"].string()
    }

    static func handle(_ query: String, _ context: RequestContext) throws -> [WorkspaceSymbolItem] {
        var items: [WorkspaceSymbolItem] = []
        for workspace in context.workspaces {
            try Task.checkCancellation()
            items += Features.workspaceSymbols(query: query, snapshot: workspace.snapshot)
        }
        // Best first across workspaces, in a stable order.
        return items.sorted { ($1.score, $0.name, $0.location.document) < ($0.score, $1.name, $1.location.document) }
    }

    static func encode(_ result: [WorkspaceSymbolItem], _ context: RequestContext) -> JSONValue {
        .array(result.prefix(200).compactMap { item in
            guard let location = context.location(item.location) else { return nil }
            var o: JSONObject = [
                "name": .string(item.name),
                "kind": .int(LSPVocabulary.symbolKind(item.category, supported: context.client.workspaceSymbolKinds)),
                "location": location,
            ]
            if let container = item.containerName { o["containerName"] = .string(container) }
            return .object(o)
        })
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        capabilities.set(["workspaceSymbolProvider"], true)
    }
}
