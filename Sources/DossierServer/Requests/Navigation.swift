import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax

/// `TextDocumentPositionParams`: a document and a position in it.
struct DocumentPosition: Sendable {
    var document: DocumentID
    var position: TextPosition

    init(_ params: JSONReader) throws(ResponseError) {
        _ = try params.object()
        document = try params["textDocument"].documentID()
        position = try params["position"].position()
    }

    /// The document, its workspace snapshot and the byte offset of the position; nil when the document is unknown.
    func locate(in context: RequestContext) -> (document: Document, snapshot: WorkspaceSnapshot, offset: Int)? {
        guard let (document, snapshot) = context.document(self.document) else { return nil }
        return (document, snapshot, context.offset(position, in: document))
    }
}

/// `textDocument/hover`: who an actor is, what a claim says and who is on record for it.
enum HoverRequest: Request {
    static let method = "textDocument/hover"

    static func decode(_ params: JSONReader) throws(ResponseError) -> DocumentPosition { try DocumentPosition(params) }

    static func handle(_ params: DocumentPosition, _ context: RequestContext) -> (HoverResult, Document)? {
        guard let (document, snapshot, offset) = params.locate(in: context),
            let result = Features.hover(at: offset, in: document.id, snapshot: snapshot)
        else { return nil }
        return (result, document)
    }

    static func encode(_ result: (HoverResult, Document)?, _ context: RequestContext) -> JSONValue {
        guard let (hover, document) = result else { return .null }
        return [
            "contents": LSPValues.markup(hover.markdown, context.client.hoverMarkup),
            "range": context.range(hover.range, in: document),
        ]
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        capabilities.set(["hoverProvider"], true)
    }
}

/// `textDocument/definition`: actor references → the actor heading, `cite=#x` → claim `x`.
enum DefinitionRequest: Request {
    static let method = "textDocument/definition"

    static func decode(_ params: JSONReader) throws(ResponseError) -> DocumentPosition { try DocumentPosition(params) }

    static func handle(_ params: DocumentPosition, _ context: RequestContext) -> [Location] {
        guard let (document, snapshot, offset) = params.locate(in: context) else { return [] }
        return Features.definition(at: offset, in: document.id, snapshot: snapshot)
    }

    static func encode(_ result: [Location], _ context: RequestContext) -> JSONValue {
        result.isEmpty ? .null : LSPValues.locations(result, context)
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        capabilities.set(["definitionProvider"], true)
    }
}

/// `textDocument/references`: every reference to the actor or claim under the cursor, workspace-wide.
enum ReferencesRequest: Request {
    static let method = "textDocument/references"

    struct Params: Sendable {
        var at: DocumentPosition
        var includeDeclaration: Bool
    }

    static func decode(_ params: JSONReader) throws(ResponseError) -> Params {
        Params(at: try DocumentPosition(params), includeDeclaration: try params["context"]["includeDeclaration"].optional { r throws(ResponseError) in try r.bool() } ?? false)
    }

    static func handle(_ params: Params, _ context: RequestContext) -> [Location] {
        guard let (document, snapshot, offset) = params.at.locate(in: context) else { return [] }
        return Features.references(at: offset, in: document.id, snapshot: snapshot, includeDeclaration: params.includeDeclaration)
    }

    static func encode(_ result: [Location], _ context: RequestContext) -> JSONValue { LSPValues.locations(result, context) }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        capabilities.set(["referencesProvider"], true)
    }
}

/// `textDocument/prepareRename`: the id under the cursor, or null when nothing there can be renamed.
enum PrepareRenameRequest: Request {
    static let method = "textDocument/prepareRename"

    static func decode(_ params: JSONReader) throws(ResponseError) -> DocumentPosition { try DocumentPosition(params) }

    static func handle(_ params: DocumentPosition, _ context: RequestContext) -> (range: ByteRange, placeholder: String, document: Document)? {
        guard let (document, snapshot, offset) = params.locate(in: context),
            let found = Features.prepareRename(at: offset, in: document.id, snapshot: snapshot)
        else { return nil }
        return (found.range, found.placeholder, document)
    }

    static func encode(_ result: (range: ByteRange, placeholder: String, document: Document)?, _ context: RequestContext) -> JSONValue {
        guard let result else { return .null }
        return ["range": context.range(result.range, in: result.document), "placeholder": .string(result.placeholder)]
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        // Part of the rename capability; `prepareProvider` only for clients that send it.
        if client.prepareRename { capabilities.set(["renameProvider", "prepareProvider"], true) }
    }
}

/// `textDocument/rename`: actor and claim ids across the workspace, as one `WorkspaceEdit`.
enum RenameRequest: Request {
    static let method = "textDocument/rename"

    struct Params: Sendable {
        var at: DocumentPosition
        var newName: String
    }

    static func decode(_ params: JSONReader) throws(ResponseError) -> Params {
        Params(at: try DocumentPosition(params), newName: try params["newName"].string())
    }

    static func handle(_ params: Params, _ context: RequestContext) throws -> [DocumentID: [TextEdit]] {
        guard let (document, snapshot, offset) = params.at.locate(in: context) else {
            throw ResponseError.requestFailed("the document is not known to the server")
        }
        switch Features.rename(at: offset, in: document.id, newName: params.newName, snapshot: snapshot) {
        case .success(let edits): return edits
        case .failure(let error): throw ResponseError.requestFailed(error.message)
        }
    }

    static func encode(_ result: [DocumentID: [TextEdit]], _ context: RequestContext) -> JSONValue {
        LSPValues.workspaceEdit(result, context)
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        if client.rename, !client.prepareRename { capabilities.set(["renameProvider"], true) }
        if client.rename, client.prepareRename { capabilities.set(["renameProvider", "prepareProvider"], true) }
    }
}
