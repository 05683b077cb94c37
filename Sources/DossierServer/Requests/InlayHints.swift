import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax

/// `textDocument/inlayHint`: `— Lloyd Austin` after each unannotated quotation whose source inference finds
/// (SPEC 7); none when `dossier.json` turns them off.
enum InlayHintRequest: Request {
    static let method = "textDocument/inlayHint"

    static func decode(_ params: JSONReader) throws(ResponseError) -> (DocumentID, TextRange) {
        _ = try params.object()
        return (try params["textDocument"].documentID(), try params["range"].range())
    }

    static func handle(_ params: (DocumentID, TextRange), _ context: RequestContext) -> ([InlayHintItem], Document)? {
        guard let (document, snapshot) = context.document(params.0) else { return nil }
        let start = context.offset(params.1.start, in: document)
        let range = ByteRange(start, max(start, context.offset(params.1.end, in: document)))
        return (Features.inlayHints(in: params.0, range: range, snapshot: snapshot), document)
    }

    static func encode(_ result: ([InlayHintItem], Document)?, _ context: RequestContext) -> JSONValue {
        guard let (hints, document) = result else { return [] }
        let lines = document.syntax.lines
        return .array(hints.map { hint in
            [
                "position": LSPValues.position(lines.position(of: hint.offset, in: context.encoding)),
                "label": .string(hint.label), "tooltip": .string(hint.tooltip), "paddingLeft": true,
            ]
        })
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        if client.inlayHints { capabilities.set(["inlayHintProvider"], true) }
    }
}
