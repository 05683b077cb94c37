import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax

/// The command a code lens runs: show the references of an actor. Shipped editor integrations run it on the client
/// side (Neovim: the quickfix list; VS Code: `editor.action.showReferences`); a client that forwards it to the
/// server gets the locations back.
enum ShowReferencesCommand {
    static let name = "dossier.showReferences"

    /// The lens command for `actorID`, whose references start at `position` of `uri`.
    static func command(title: String, uri: String, position: TextPosition, actorID: String) -> JSONValue {
        ["title": .string(title), "command": .string(name), "arguments": [.string(uri), LSPValues.position(position), .string(actorID)]]
    }
}

/// `textDocument/codeLens`: one lens per actor heading; the counts are filled in by `codeLens/resolve`, so only the
/// visible ones are counted.
enum CodeLensRequest: Request {
    static let method = "textDocument/codeLens"

    static func decode(_ params: JSONReader) throws(ResponseError) -> DocumentID {
        _ = try params.object()
        return try params["textDocument"].documentID()
    }

    static func handle(_ id: DocumentID, _ context: RequestContext) -> ([CodeLensItem], Document)? {
        guard let (document, snapshot) = context.document(id) else { return nil }
        return (Features.codeLenses(in: id, snapshot: snapshot), document)
    }

    static func encode(_ result: ([CodeLensItem], Document)?, _ context: RequestContext) -> JSONValue {
        guard let (lenses, document) = result else { return [] }
        return .array(lenses.map { item in
            ["range": context.range(item.range, in: document), "data": ["uri": .string(document.id.rawValue), "actor": .string(item.actorID)]]
        })
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        if client.codeLens { capabilities.set(["codeLensProvider", "resolveProvider"], true) }
    }
}

/// `codeLens/resolve`: "12 mentions · 3 claims", running `dossier.showReferences`.
enum CodeLensResolveRequest: Request {
    static let method = "codeLens/resolve"

    struct Params: Sendable {
        var lens: JSONObject
        var document: DocumentID
        var actor: String
    }

    static func decode(_ params: JSONReader) throws(ResponseError) -> Params {
        let lens = try params.object()
        _ = try params["range"].range()
        return Params(lens: lens, document: try params["data"].documentID(), actor: try params["data"]["actor"].string())
    }

    static func handle(_ params: Params, _ context: RequestContext) -> (JSONObject, JSONValue?) {
        guard let (document, snapshot) = context.document(params.document),
            let item = Features.codeLenses(in: params.document, snapshot: snapshot).first(where: { $0.actorID == params.actor })
        else { return (params.lens, nil) }
        let position = document.syntax.lines.position(of: item.referencePosition, in: context.encoding)
        return (params.lens, ShowReferencesCommand.command(title: item.title, uri: params.document.rawValue, position: position, actorID: item.actorID))
    }

    static func encode(_ result: (JSONObject, JSONValue?), _ context: RequestContext) -> JSONValue {
        var (lens, command) = result
        // A lens whose actor is gone since it was listed still gets a command: clients require one after resolve.
        lens["command"] = command ?? ["title": "no longer defined", "command": ""]
        return .object(lens)
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        if client.codeLens { capabilities.set(["codeLensProvider", "resolveProvider"], true) }
    }
}

/// `workspace/executeCommand` for `dossier.showReferences`: the actor's references, for clients that forward lens
/// commands to the server.
enum ExecuteCommandRequest: Request {
    static let method = "workspace/executeCommand"

    static func decode(_ params: JSONReader) throws(ResponseError) -> String {
        _ = try params.object()
        let command = try params["command"].string()
        guard command == ShowReferencesCommand.name else { throw params["command"].invalid("names no command of this server: \(command)") }
        let arguments = try params["arguments"].array()
        guard arguments.count == 3 else { throw params["arguments"].invalid("must hold a uri, a position and an actor id") }
        return try arguments[2].string()
    }

    static func handle(_ actor: String, _ context: RequestContext) -> [Location] {
        context.workspaces.flatMap { workspace in
            workspace.snapshot.actorSites[actor] == nil ? [] : Features.actorReferences(actor, workspace.snapshot, includeDeclaration: false)
        }
    }

    static func encode(_ result: [Location], _ context: RequestContext) -> JSONValue { LSPValues.locations(result, context) }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        capabilities.set(["executeCommandProvider", "commands"], [.string(ShowReferencesCommand.name)])
    }
}
