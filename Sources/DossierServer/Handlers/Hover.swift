import DossierAnalysis
import DossierJSON

extension Handlers {
    static let hover: RequestHandler = { context, params in
        guard let (document, offset) = try located(context, params, "textDocument/hover"),
              let result = Features.hover(at: offset, in: document.id, snapshot: context.snapshot)
        else { return .null }
        return [
            "contents": ["kind": "markdown", "value": .string(result.markdown)],
            "range": context.range(result.range, in: document),
        ]
    }
}
