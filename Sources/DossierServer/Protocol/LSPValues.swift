import DossierAnalysis
import DossierJSON
import DossierSyntax

/// LSP structures built from the analysis layer's values (the server's `to_proto`): positions, ranges, locations,
/// markup, workspace edits and diagnostics, shaped by what the client declared.
enum LSPValues {
    static func position(_ p: TextPosition) -> JSONValue {
        ["line": .int(p.line), "character": .int(p.character)]
    }

    static func range(_ r: TextRange) -> JSONValue {
        ["start": position(r.start), "end": position(r.end)]
    }

    /// Documentation or hover text: Markdown when the client renders it, else the plain-text rendering, as
    /// `MarkupContent` of a kind the client declared or as a bare string.
    static func markup(_ markdown: String, _ format: MarkupFormat) -> JSONValue {
        switch format {
        case .markdown: ["kind": .string(LSPVocabulary.markdown), "value": .string(markdown)]
        case .plaintext: ["kind": .string(LSPVocabulary.plaintext), "value": .string(PlainText.fromMarkdown(markdown))]
        case .string: .string(PlainText.fromMarkdown(markdown))
        }
    }

    /// Locations for analysis locations (unknown documents skipped).
    static func locations(_ list: [Location], _ context: RequestContext) -> JSONValue {
        .array(list.compactMap { context.location($0) })
    }

    /// A `WorkspaceEdit` from per-document byte edits: `documentChanges` with versions when the client takes them,
    /// else `changes`.
    static func workspaceEdit(_ edits: [DocumentID: [TextEdit]], _ context: RequestContext) -> JSONValue {
        var changes = JSONObject()
        var documentChanges: [JSONValue] = []
        for id in edits.keys.sorted() {
            guard let (document, _) = context.document(id) else { continue }
            let textEdits: JSONValue = .array(edits[id]!.map { edit in
                ["range": context.range(edit.range, in: document), "newText": .string(edit.newText)]
            })
            if context.client.documentChanges {
                let version: JSONValue = context.versions[id].map { .int($0) } ?? .null
                documentChanges.append(["textDocument": ["uri": .string(id.rawValue), "version": version], "edits": textEdits])
            } else {
                changes[id.rawValue] = textEdits
            }
        }
        return context.client.documentChanges ? ["documentChanges": .array(documentChanges)] : ["changes": .object(changes)]
    }

    /// A `Diagnostic`, with the optional fields the client declared.
    static func diagnostic(_ d: Diagnostic, in document: Document, _ context: RequestContext) -> JSONValue {
        var o: JSONObject = [
            "range": context.range(d.range, in: document),
            "severity": .int(LSPVocabulary.severity(d.severity)),
            "code": .string(d.code.rawValue),
            "source": "dossier",
            "message": .string(d.message),
        ]
        if d.code == .unusedActor, context.client.supportsDiagnosticTag(LSPVocabulary.unnecessaryTag) {
            o["tags"] = [.int(LSPVocabulary.unnecessaryTag)]
        }
        if context.client.relatedInformation, !d.related.isEmpty {
            let related: [JSONValue] = d.related.compactMap { r in
                guard let location = context.location(r.location) else { return nil }
                return ["location": location, "message": .string(r.message)]
            }
            if !related.isEmpty { o["relatedInformation"] = .array(related) }
        }
        return .object(o)
    }
}
