import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax

/// Reads a request's `textDocument` only.
private func documentID(_ params: JSONReader) throws(ResponseError) -> DocumentID {
    _ = try params.object()
    return try params["textDocument"].documentID()
}

/// Semantic tokens of a document (or of a range of it), delta-encoded in the negotiated encoding.
private func semanticTokens(_ id: DocumentID, _ range: TextRange?, _ context: RequestContext) -> JSONValue {
    guard let (document, snapshot) = context.document(id) else { return ["data": []] }
    let lines = document.syntax.lines
    let bytes = range.map { r in
        let start = context.offset(r.start, in: document)
        return ByteRange(start, max(start, context.offset(r.end, in: document)))
    }
    let legend = context.client.tokenLegend
    var data: [JSONValue] = []
    var previousLine = 0
    var previousStart = 0
    for token in Features.semanticTokens(in: id, snapshot: snapshot, range: bytes) {
        guard let type = legend.index(of: token.type) else { continue }
        let start = lines.position(of: token.range.start, in: context.encoding)
        let length = lines.units(from: token.range.start, to: token.range.end, in: context.encoding)
        guard length > 0 else { continue }
        let deltaLine = start.line - previousLine
        let deltaStart = deltaLine == 0 ? start.character - previousStart : start.character
        data += [
            .int(deltaLine), .int(deltaStart), .int(length), .int(type), .int(legend.bits(token.modifiers)),
        ]
        previousLine = start.line
        previousStart = start.character
    }
    return ["data": .array(data)]
}

/// `textDocument/semanticTokens/full`: mentions typed by actor kind, claims and quotes.
enum SemanticTokensFullRequest: Request {
    static let method = "textDocument/semanticTokens/full"

    static func decode(_ params: JSONReader) throws(ResponseError) -> DocumentID { try documentID(params) }

    static func handle(_ id: DocumentID, _ context: RequestContext) -> JSONValue { semanticTokens(id, nil, context) }

    static func encode(_ result: JSONValue, _ context: RequestContext) -> JSONValue { result }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        guard client.semanticTokens else { return }
        capabilities.set(["semanticTokensProvider", "legend"], [
            "tokenTypes": .array(client.tokenLegend.types.map { .string($0) }),
            "tokenModifiers": .array(client.tokenLegend.modifiers.map { .string($0) }),
        ])
        capabilities.set(["semanticTokensProvider", "full"], true)
    }
}

/// `textDocument/semanticTokens/range`: the tokens of the visible part.
enum SemanticTokensRangeRequest: Request {
    static let method = "textDocument/semanticTokens/range"

    static func decode(_ params: JSONReader) throws(ResponseError) -> (DocumentID, TextRange) {
        (try documentID(params), try params["range"].range())
    }

    static func handle(_ params: (DocumentID, TextRange), _ context: RequestContext) -> JSONValue {
        semanticTokens(params.0, params.1, context)
    }

    static func encode(_ result: JSONValue, _ context: RequestContext) -> JSONValue { result }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        if client.semanticTokensRange { capabilities.set(["semanticTokensProvider", "range"], true) }
    }
}

/// `textDocument/foldingRange`: front matter, sections, multi-line claims, code blocks and comments.
enum FoldingRangeRequest: Request {
    static let method = "textDocument/foldingRange"
    static let needsIndex = false

    static func decode(_ params: JSONReader) throws(ResponseError) -> DocumentID { try documentID(params) }

    static func handle(_ id: DocumentID, _ context: RequestContext) -> [FoldingItem] {
        guard let (_, snapshot) = context.document(id) else { return [] }
        return Features.foldingRanges(in: id, snapshot: snapshot)
    }

    static func encode(_ result: [FoldingItem], _ context: RequestContext) -> JSONValue {
        .array(result.map { item in
            var o: JSONObject = ["startLine": .int(item.startLine), "endLine": .int(item.endLine)]
            if let kind = item.kind.map(LSPVocabulary.foldingKind), context.client.foldingKinds?.contains(kind) ?? true {
                o["kind"] = .string(kind)
            }
            return .object(o)
        })
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        if client.foldingRanges { capabilities.set(["foldingRangeProvider"], true) }
    }
}

/// `textDocument/documentLink`: `url` and `wikidata` values.
enum DocumentLinkRequest: Request {
    static let method = "textDocument/documentLink"
    static let needsIndex = false

    static func decode(_ params: JSONReader) throws(ResponseError) -> DocumentID { try documentID(params) }

    static func handle(_ id: DocumentID, _ context: RequestContext) -> ([DocumentLinkItem], Document)? {
        guard let (document, snapshot) = context.document(id) else { return nil }
        return (Features.documentLinks(in: id, snapshot: snapshot), document)
    }

    static func encode(_ result: ([DocumentLinkItem], Document)?, _ context: RequestContext) -> JSONValue {
        guard let (links, document) = result else { return [] }
        return .array(links.map { item in
            var o: JSONObject = ["range": context.range(item.range, in: document), "target": .string(item.target)]
            if context.client.documentLinkTooltip, let tooltip = item.tooltip { o["tooltip"] = .string(tooltip) }
            return .object(o)
        })
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        // Targets are known when the links are: nothing is left to resolve.
        if client.documentLinks { capabilities.set(["documentLinkProvider", "resolveProvider"], false) }
    }
}
