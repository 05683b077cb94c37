import DossierAnalysis
import DossierJSON
import DossierProtocol

extension Handlers {
    static let definition: RequestHandler = { context, params in
        guard let (document, offset) = try located(context, params, "textDocument/definition") else { return .null }
        let found = Features.definition(at: offset, in: document.id, snapshot: context.snapshot)
        if found.isEmpty { return .null }
        return locations(context, found)
    }

    static let references: RequestHandler = { context, params in
        guard let (document, offset) = try located(context, params, "textDocument/references") else { return [] }
        let include = params?["context"]?["includeDeclaration"]?.boolValue ?? false
        try Task.checkCancellation()
        let found = Features.references(at: offset, in: document.id, snapshot: context.snapshot, includeDeclaration: include)
        return locations(context, found)
    }

    static let prepareRename: RequestHandler = { context, params in
        guard let (document, offset) = try located(context, params, "textDocument/prepareRename"),
              let found = Features.prepareRename(at: offset, in: document.id, snapshot: context.snapshot)
        else { return .null }
        return ["range": context.range(found.range, in: document), "placeholder": .string(found.placeholder)]
    }

    static let rename: RequestHandler = { context, params in
        guard let newName = params?["newName"]?.stringValue else {
            throw ResponseError.invalidParams("textDocument/rename: newName must be a string")
        }
        guard let (document, offset) = try located(context, params, "textDocument/rename") else {
            throw ResponseError.requestFailed("the document is not known to the server")
        }
        switch Features.rename(at: offset, in: document.id, newName: newName, snapshot: context.snapshot) {
        case .success(let edits): return workspaceEdit(context, edits)
        case .failure(let error): throw ResponseError.requestFailed(error.message)
        }
    }
}
