import DossierAnalysis
import DossierJSON
import DossierProtocol

extension Handlers {
    static let documentDiagnostic: RequestHandler = { context, params in
        let id = try LSP.documentID(params, "textDocument/diagnostic")
        guard let document = context.document(id) else { return ["kind": "full", "items": []] }
        let items = Checker.diagnostics(for: id, in: context.snapshot).map { LSP.diagnostic($0, in: document, context: context) }
        return ["kind": "full", "resultId": .string(resultID(context, id)), "items": .array(items)]
    }

    static let workspaceDiagnostic: RequestHandler = { context, params in
        var reports: [JSONValue] = []
        for id in context.snapshot.sortedDocumentIDs {
            try Task.checkCancellation()
            guard let document = context.document(id) else { continue }
            let items = Checker.diagnostics(for: id, in: context.snapshot).map { LSP.diagnostic($0, in: document, context: context) }
            reports.append([
                "kind": "full", "uri": .string(id.rawValue), "version": context.versions[id].map { .int($0) } ?? .null,
                "resultId": .string(resultID(context, id)), "items": .array(items),
            ])
        }
        return ["items": .array(reports)]
    }

    static func resultID(_ context: RequestContext, _ id: DocumentID) -> String {
        "\(ObjectIdentifier(context.snapshot).hashValue)-\(context.versions[id] ?? 0)"
    }
}
