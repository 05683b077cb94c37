import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax

/// Request handlers by method. Each feature lives in its own file in this folder.
enum Handlers {
    static let table: [String: RequestHandler] = {
        var table: [String: RequestHandler] = [
            "textDocument/hover": hover,
            "textDocument/definition": definition,
            "textDocument/references": references,
            "textDocument/prepareRename": prepareRename,
            "textDocument/rename": rename,
            "textDocument/diagnostic": documentDiagnostic,
            "workspace/diagnostic": workspaceDiagnostic,
        ]
        for (method, handler) in extra { table[method] = handler }
        return table
    }()

    /// The document and byte offset of a `TextDocumentPositionParams`; nil document when unknown.
    static func located(_ context: RequestContext, _ params: JSONValue?, _ method: String) throws -> (Document, Int)? {
        let (id, position) = try LSP.textDocumentPosition(params, method)
        guard let document = context.document(id) else { return nil }
        return (document, context.offset(position, in: document))
    }

    /// LSP Locations for analysis locations (unknown documents skipped).
    static func locations(_ context: RequestContext, _ list: [Location]) -> JSONValue {
        .array(list.compactMap { context.location($0.document, $0.range) })
    }

    /// A WorkspaceEdit from per-document byte edits.
    static func workspaceEdit(_ context: RequestContext, _ edits: [DocumentID: [TextEdit]]) -> JSONValue {
        var changes = JSONObject()
        for id in edits.keys.sorted() {
            guard let document = context.document(id) else { continue }
            changes[id.rawValue] = .array(edits[id]!.map { edit in
                ["range": context.range(edit.range, in: document), "newText": .string(edit.newText)]
            })
        }
        return ["changes": .object(changes)]
    }
}
