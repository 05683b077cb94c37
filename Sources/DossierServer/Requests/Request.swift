import DossierJSON
import DossierProtocol

/// One LSP request the server answers, declared once: its method, its params and result types, whether it needs
/// the whole workspace indexed, the capability it advertises, and the handler (a pure function of the params and
/// a `RequestContext`). The method string is written here and nowhere else.
protocol Request: SendableMetatype {
    associatedtype Params: Sendable
    associatedtype Result: Sendable

    /// The LSP method.
    static var method: String { get }
    /// Whether an answer needs every file indexed: such requests wait for indexing to end.
    static var needsIndex: Bool { get }
    /// Reads the params; a mismatch throws -32602 naming the field.
    static func decode(_ params: JSONReader) throws(ResponseError) -> Params
    /// The answer, from the snapshot in `context` (pure: no I/O, no shared state).
    static func handle(_ params: Params, _ context: RequestContext) throws -> Result
    /// The answer as JSON, shaped for what the client declared.
    static func encode(_ result: Result, _ context: RequestContext) -> JSONValue
    /// What the server advertises for this request to this client (nothing when the client cannot use it).
    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile)
}

extension Request {
    static var needsIndex: Bool { true }

    /// Decodes, handles and encodes one request.
    static func respond(to params: JSONValue?, in context: RequestContext) throws -> JSONValue {
        let decoded = try decode(JSONReader(params, method: method))
        try Task.checkCancellation()
        return encode(try handle(decoded, context), context)
    }
}

/// Every request the server answers besides `initialize` and `shutdown`, which the lifecycle handles itself.
enum RequestTable {
    static let requests: [any Request.Type] = [
        HoverRequest.self, DefinitionRequest.self, ReferencesRequest.self, PrepareRenameRequest.self, RenameRequest.self,
        CompletionRequest.self, CompletionResolveRequest.self, DocumentSymbolRequest.self, WorkspaceSymbolRequest.self,
        SemanticTokensFullRequest.self, SemanticTokensRangeRequest.self, FoldingRangeRequest.self, DocumentLinkRequest.self,
        CodeLensRequest.self, CodeLensResolveRequest.self, CodeActionRequest.self, CodeActionResolveRequest.self,
        ExecuteCommandRequest.self, DocumentDiagnosticRequest.self, WorkspaceDiagnosticRequest.self, InlayHintRequest.self,
    ]

    /// The requests by method.
    static let byMethod: [String: any Request.Type] = Dictionary(uniqueKeysWithValues: requests.map { ($0.method, $0) })
}

/// The `capabilities` of the `initialize` result, built from what each request and notification advertises.
struct ServerCapabilities {
    private(set) var json = JSONObject()

    /// Sets the value at `path` (`["completionProvider", "resolveProvider"]`), creating the objects on the way.
    mutating func set(_ path: [String], _ value: JSONValue) {
        json = Self.setting(json, path[...], value)
    }

    private static func setting(_ object: JSONObject, _ path: ArraySlice<String>, _ value: JSONValue) -> JSONObject {
        var object = object
        guard let key = path.first else { return object }
        if path.count == 1 {
            object[key] = value
        } else {
            object[key] = .object(setting(object[key]?.objectValue ?? JSONObject(), path.dropFirst(), value))
        }
        return object
    }
}
