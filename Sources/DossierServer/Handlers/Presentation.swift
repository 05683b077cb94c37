import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax

/// Throws -32602 from handler closures.
enum ResponseErrorBridge {
    static func invalid(_ message: String) -> ResponseError { .invalidParams(message) }
}

extension Handlers {
    static func semanticTokens(_ context: RequestContext, _ document: Document, _ range: ByteRange?) -> JSONValue {
        let lines = document.syntax.lines
        var data: [JSONValue] = []
        var previousLine = 0
        var previousStart = 0
        for token in Features.semanticTokens(in: document.id, snapshot: context.snapshot, range: range) {
            let start = lines.position(of: token.range.start, in: context.encoding)
            let length = lines.units(from: token.range.start, to: token.range.end, in: context.encoding)
            guard length > 0 else { continue }
            let deltaLine = start.line - previousLine
            let deltaStart = deltaLine == 0 ? start.character - previousStart : start.character
            data += [.int(deltaLine), .int(deltaStart), .int(length), .int(token.type), .int(token.modifiers)]
            previousLine = start.line
            previousStart = start.character
        }
        return ["data": .array(data)]
    }

    static let semanticTokensFull: RequestHandler = { context, params in
        let id = try LSP.documentID(params, "textDocument/semanticTokens/full")
        guard let document = context.document(id) else { return ["data": []] }
        return semanticTokens(context, document, nil)
    }

    static let semanticTokensRange: RequestHandler = { context, params in
        let id = try LSP.documentID(params, "textDocument/semanticTokens/range")
        let (start, end) = try LSP.readRange(params?["range"], "range")
        guard let document = context.document(id) else { return ["data": []] }
        let a = context.offset(start, in: document)
        let b = max(a, context.offset(end, in: document))
        return semanticTokens(context, document, ByteRange(a, b))
    }

    static let foldingRange: RequestHandler = { context, params in
        let id = try LSP.documentID(params, "textDocument/foldingRange")
        guard context.document(id) != nil else { return [] }
        return .array(Features.foldingRanges(in: id, snapshot: context.snapshot).map { item in
            var o: JSONObject = ["startLine": .int(item.startLine), "endLine": .int(item.endLine)]
            if let kind = item.kind { o["kind"] = .string(kind) }
            return .object(o)
        })
    }

    static let documentLink: RequestHandler = { context, params in
        let id = try LSP.documentID(params, "textDocument/documentLink")
        guard let document = context.document(id) else { return [] }
        return .array(Features.documentLinks(in: id, snapshot: context.snapshot).map { item in
            var o: JSONObject = ["range": context.range(item.range, in: document), "target": .string(item.target)]
            if let tooltip = item.tooltip { o["tooltip"] = .string(tooltip) }
            return .object(o)
        })
    }

    static let codeLens: RequestHandler = { context, params in
        let id = try LSP.documentID(params, "textDocument/codeLens")
        guard let document = context.document(id) else { return [] }
        return .array(Features.codeLenses(in: id, snapshot: context.snapshot).map { item in
            let position = LSP.position(document.syntax.lines.position(of: item.referencePosition, in: context.encoding))
            return [
                "range": context.range(item.range, in: document),
                "command": [
                    "title": .string(item.title), "command": "dossier.showReferences",
                    "arguments": [.string(id.rawValue), position, .string(item.actorID)],
                ],
            ]
        })
    }

    static let codeAction: RequestHandler = { context, params in
        let id = try LSP.documentID(params, "textDocument/codeAction")
        let (start, end) = try LSP.readRange(params?["range"], "range")
        guard let document = context.document(id) else { return [] }
        let only = params?["context"]?["only"]?.arrayValue?.compactMap(\.stringValue)
        if let only, !only.contains(where: { $0 == "quickfix" || "quickfix".hasPrefix($0 + ".") || $0.isEmpty }) { return [] }
        let a = context.offset(start, in: document)
        let b = max(a, context.offset(end, in: document))
        let actions = Features.codeActions(for: ByteRange(a, b), in: id, snapshot: context.snapshot)
        return .array(actions.map { action in
            var o: JSONObject = [
                "title": .string(action.title),
                "kind": .string(action.kind),
                "diagnostics": [LSP.diagnostic(action.diagnostic, in: document, context: context)],
                "edit": workspaceEdit(context, action.edits),
            ]
            if action.isPreferred { o["isPreferred"] = true }
            return .object(o)
        })
    }
}
