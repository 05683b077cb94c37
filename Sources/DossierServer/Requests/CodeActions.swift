import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax

/// `textDocument/codeAction`: quick fixes for the findings under the cursor, then the annotation actions for the
/// quotations, statements, names or selection there. For a client that resolves edits lazily, the list carries
/// titles only and `codeAction/resolve` computes the chosen edit.
enum CodeActionRequest: Request {
    static let method = "textDocument/codeAction"

    struct Params: Sendable {
        var document: DocumentID
        var range: TextRange
        /// The kinds the client asks for, when it filters.
        var only: [String]?
    }

    static func decode(_ params: JSONReader) throws(ResponseError) -> Params {
        _ = try params.object()
        let only = try params["context"]["only"].optional { r throws(ResponseError) in try r.elements { item throws(ResponseError) in try item.string() } }
        return Params(document: try params["textDocument"].documentID(), range: try params["range"].range(), only: only)
    }

    /// Whether the client's `only` filter lets actions of `kind` through (a filter names a kind or a prefix).
    static func wants(_ kind: String, _ only: [String]?) -> Bool {
        guard let only else { return true }
        return only.contains { $0.isEmpty || $0 == kind || kind.hasPrefix($0 + ".") }
    }

    static func handle(_ params: Params, _ context: RequestContext) -> ([CodeActionItem], Document, ByteRange)? {
        guard let (document, snapshot) = context.document(params.document) else { return nil }
        let start = context.offset(params.range.start, in: document)
        let range = ByteRange(start, max(start, context.offset(params.range.end, in: document)))
        let actions = Features.actions(for: range, in: params.document, snapshot: snapshot)
        return (actions.filter { wants(LSPVocabulary.codeActionKind($0.category), params.only) }, document, range)
    }

    static func encode(_ result: ([CodeActionItem], Document, ByteRange)?, _ context: RequestContext) -> JSONValue {
        guard let (actions, document, range) = result else { return [] }
        let lazy = context.client.codeActionResolvesEdit && context.client.codeActionData
        return .array(actions.enumerated().map { index, action in
            var o: JSONObject = ["title": .string(action.title), "kind": .string(LSPVocabulary.codeActionKind(action.category))]
            if let diagnostic = action.diagnostic { o["diagnostics"] = [LSPValues.diagnostic(diagnostic, in: document, context)] }
            if lazy {
                o["data"] = [
                    "uri": .string(document.id.rawValue), "start": .int(range.start), "end": .int(range.end), "index": .int(index),
                    "title": .string(action.title),
                ]
            } else {
                o["edit"] = LSPValues.workspaceEdit(action.edits, context)
            }
            if action.isPreferred, context.client.codeActionIsPreferred { o["isPreferred"] = true }
            return .object(o)
        })
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        // Without literal support a client takes only commands, which would apply nothing.
        guard client.codeActionLiterals else { return }
        capabilities.set(["codeActionProvider", "codeActionKinds"], [.string(LSPVocabulary.quickFix), .string(LSPVocabulary.rewrite)])
    }
}

/// `codeAction/resolve`: the edit of the action the user picked, recomputed on the current snapshot.
enum CodeActionResolveRequest: Request {
    static let method = "codeAction/resolve"

    struct Params: Sendable {
        var action: JSONObject
        var document: DocumentID
        var range: ByteRange
        var index: Int
        var title: String
    }

    static func decode(_ params: JSONReader) throws(ResponseError) -> Params {
        let action = try params.object()
        let data = params["data"]
        let start = try data["start"].int(), end = try data["end"].int()
        return Params(
            action: action, document: try data.documentID(), range: ByteRange(max(0, start), max(start, end)), index: try data["index"].int(),
            title: try data["title"].string())
    }

    static func handle(_ params: Params, _ context: RequestContext) throws -> (JSONObject, [DocumentID: [TextEdit]]) {
        guard let (_, snapshot) = context.document(params.document) else {
            throw ResponseError.requestFailed("the document is no longer known to the server")
        }
        let actions = Features.actions(for: params.range, in: params.document, snapshot: snapshot)
        // The same action if the document is unchanged; else the one with the same title, if it still applies.
        let action = actions.indices.contains(params.index) && actions[params.index].title == params.title
            ? actions[params.index] : actions.first { $0.title == params.title }
        guard let action else { throw ResponseError.contentModified }
        return (params.action, action.edits)
    }

    static func encode(_ result: (JSONObject, [DocumentID: [TextEdit]]), _ context: RequestContext) -> JSONValue {
        var (action, edits) = result
        action["edit"] = LSPValues.workspaceEdit(edits, context)
        return .object(action)
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        guard client.codeActionLiterals, client.codeActionResolvesEdit, client.codeActionData else { return }
        capabilities.set(["codeActionProvider", "resolveProvider"], true)
    }
}
