import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax
import DossierWorkspace

/// Conversions between LSP JSON and the analysis types, and parameter validation (-32602).
enum LSP {
    static func position(_ p: TextPosition) -> JSONValue {
        ["line": .int(p.line), "character": .int(p.character)]
    }

    static func range(_ r: TextRange) -> JSONValue {
        ["start": position(r.start), "end": position(r.end)]
    }

    /// The params object, or -32602.
    static func object(_ params: JSONValue?, _ method: String) throws(ResponseError) -> JSONObject {
        guard let object = params?.objectValue else {
            throw .invalidParams("\(method): params must be an object")
        }
        return object
    }

    /// `textDocument.uri`, normalised, or -32602.
    static func documentID(_ params: JSONValue?, _ method: String) throws(ResponseError) -> DocumentID {
        let object = try object(params, method)
        guard let textDocument = object["textDocument"]?.objectValue else {
            throw .invalidParams("\(method): missing textDocument")
        }
        guard let uri = textDocument["uri"]?.stringValue else {
            throw .invalidParams("\(method): textDocument.uri must be a string")
        }
        return DocumentID(FileURI.normalized(uri))
    }

    /// Reads a Position value, or -32602; negative numbers clamp to 0.
    static func readPosition(_ value: JSONValue?, _ what: String) throws(ResponseError) -> TextPosition {
        guard let object = value?.objectValue else { throw .invalidParams("\(what) must be a Position object") }
        guard let line = object["line"]?.intValue, let character = object["character"]?.intValue else {
            throw .invalidParams("\(what).line and \(what).character must be integers")
        }
        return TextPosition(line: max(0, line), character: max(0, character))
    }

    static func readRange(_ value: JSONValue?, _ what: String) throws(ResponseError) -> (TextPosition, TextPosition) {
        guard let object = value?.objectValue else { throw .invalidParams("\(what) must be a Range object") }
        return (try readPosition(object["start"], "\(what).start"), try readPosition(object["end"], "\(what).end"))
    }

    /// `textDocument` + `position`.
    static func textDocumentPosition(_ params: JSONValue?, _ method: String) throws(ResponseError) -> (DocumentID, TextPosition) {
        let id = try documentID(params, method)
        return (id, try readPosition(params?["position"], "position"))
    }

    static func severity(_ s: Severity) -> JSONValue { .int(s.rawValue) }
}

extension LSP {
    /// A diagnostic as LSP JSON, ranges in `encoding`.
    static func diagnostic(_ d: Diagnostic, in document: Document, context: RequestContext) -> JSONValue {
        var o: JSONObject = [
            "range": context.range(d.range, in: document),
            "severity": severity(d.severity),
            "code": .string(d.code.rawValue),
            "source": "dossier",
            "message": .string(d.message),
        ]
        if !d.related.isEmpty {
            let related: [JSONValue] = d.related.compactMap { r in
                guard let location = context.location(r.location.document, r.location.range) else { return nil }
                return ["location": location, "message": .string(r.message)]
            }
            if !related.isEmpty { o["relatedInformation"] = .array(related) }
        }
        if !d.fixes.isEmpty {
            o["data"] = ["fixes": .array(d.fixes.map(fix))]
        }
        return .object(o)
    }

    static func fix(_ f: DiagnosticFix) -> JSONValue {
        switch f {
        case .replaceID(let id): return ["kind": "replaceID", "id": .string(id)]
        case .createActor(let id): return ["kind": "createActor", "id": .string(id)]
        case .linkMention(let id): return ["kind": "linkMention", "id": .string(id)]
        case .attribute(let id): return ["kind": "attribute", "id": .string(id)]
        case .wrapSentence(let r): return ["kind": "wrapSentence", "start": .int(r.start), "end": .int(r.end)]
        case .wrapQuote(let r, let actor):
            return ["kind": "wrapQuote", "start": .int(r.start), "end": .int(r.end), "actor": .optional(actor)]
        }
    }

    /// Problems of dossier.json as diagnostics on its own text.
    static func configurationDiagnostics(_ problems: [ConfigurationProblem], bytes: [UInt8]?, encoding: PositionEncoding) -> [JSONValue] {
        let bytes = bytes ?? []
        let lines = LineTable(bytes)
        return problems.map { p in
            let r = bytes.isEmpty ? ByteRange(0, 0) : ConfigurationParser.range(of: p, in: bytes)
            return [
                "range": range(lines.range(of: r, in: encoding)),
                "severity": severity(p.severity),
                "code": "configuration",
                "source": "dossier",
                "message": .string(p.path.isEmpty ? p.message : "\(p.path): \(p.message)"),
            ]
        }
    }
}
