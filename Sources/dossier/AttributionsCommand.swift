import DossierAnalysis
import DossierJSON
import DossierSyntax
import DossierWorkspace
import Foundation

/// `dossier attributions PATH… [--json]`: every quotation and reported statement in prose, with the
/// source attribution inference finds for it (SPEC 5 and 7).
struct AttributionsCommand {
    var paths: [String] = []
    var json = false

    /// The command for its parsed arguments (the command table checks the flags and that a PATH is given).
    init(_ arguments: ParsedArguments) {
        paths = arguments.operands
        json = arguments.has("--json")
    }

    func run() -> Int32 {
        var rows: [JSONValue] = []
        var status: Int32 = 0
        for target in paths {
            switch DocumentTarget.load(target) {
            case let .failure(error):
                printError("dossier: \(error.description)")
                status = 2
            case let .success(loaded):
                for (id, path) in loaded.documents {
                    guard let document = loaded.snapshot.documents[id] else { continue }
                    for attribution in Attributions.infer(in: document, snapshot: loaded.snapshot) {
                        if json {
                            rows.append(row(attribution, path: path, document, loaded.snapshot))
                        } else {
                            print(line(attribution, path: path, document, loaded.snapshot))
                        }
                    }
                }
            }
        }
        if json { print(JSONValue.array(rows).serialized(options: .prettyPrinted)) }
        return status
    }

    private func line(_ attribution: Attribution, path: String, _ document: Document, _ snapshot: WorkspaceSnapshot) -> String {
        let position = document.syntax.lines.position(of: attribution.content.start, in: .utf32)
        let source = attribution.sources.map { AttributionText.label($0, snapshot) }.joined(separator: ", ")
        var parts = ["\(path):\(position.line + 1):\(position.character + 1):", attribution.kind.rawValue]
        parts.append(source.isEmpty ? (attribution.sourceRange == nil ? "no source" : "unresolved “\(document.syntax.text(attribution.sourceRange!))”") : "by \(source)")
        if let cue = attribution.cue { parts.append("cue “\(AttributionText.squeeze(document.syntax.text(cue)))”") }
        parts.append(String(format: "%.2f", attribution.confidence))
        if attribution.annotated { parts.append("annotated") }
        parts.append("“\(AttributionText.excerpt(document.syntax.text(attribution.content), 60))”")
        return parts.joined(separator: " ")
    }

    private func row(_ attribution: Attribution, path: String, _ document: Document, _ snapshot: WorkspaceSnapshot) -> JSONValue {
        let syntax = document.syntax
        func range(_ range: ByteRange) -> JSONValue {
            let start = syntax.lines.position(of: range.start, in: .utf32)
            let end = syntax.lines.position(of: range.end, in: .utf32)
            return [
                "line": .int(start.line + 1), "column": .int(start.character + 1), "endLine": .int(end.line + 1),
                "endColumn": .int(end.character + 1), "start": .int(range.start), "end": .int(range.end),
            ]
        }
        var object: JSONObject = [
            "path": .string(path), "kind": .string(attribution.kind.rawValue), "content": range(attribution.content),
            "text": .string(syntax.text(attribution.content)),
            "cue": attribution.cue.map { ["range": range($0), "text": .string(AttributionText.squeeze(syntax.text($0)))] } ?? .null,
            "source": attribution.source.map(AttributionText.json) ?? .null,
            "confidence": .double((attribution.confidence * 100).rounded() / 100), "annotated": .bool(attribution.annotated),
        ]
        if attribution.otherSources.count > 0 { object["sources"] = .array(attribution.sources.map(AttributionText.json)) }
        if let sourceRange = attribution.sourceRange {
            object["sourceText"] = .string(AttributionText.squeeze(syntax.text(sourceRange)))
        }
        return .object(object)
    }
}

/// How the command line shows sources.
enum AttributionText {
    /// "Lloyd Austin (@lloyd-austin)", "Karim Khan (not in the cast)", "“a State Department spokesperson” (unnamed)".
    static func label(_ source: AttributionSource, _ snapshot: WorkspaceSnapshot) -> String {
        switch source {
        case let .actor(id): "\(snapshot.actor(id)?.definition.name.text ?? id) (@\(id))"
        case let .name(name): "\(name) (not in the cast)"
        case let .description(text): "“\(text)” (unnamed)"
        }
    }

    /// `{"actor": id}`, `{"name": text}` or `{"description": text}`.
    static func json(_ source: AttributionSource) -> JSONValue {
        switch source {
        case let .actor(id): ["actor": .string(id)]
        case let .name(name): ["name": .string(name)]
        case let .description(text): ["description": .string(text)]
        }
    }

    /// White space runs as one space.
    static func squeeze(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
    }

    /// The text squeezed and cut to `limit` characters.
    static func excerpt(_ text: String, _ limit: Int) -> String {
        let squeezed = squeeze(text)
        return squeezed.count <= limit ? squeezed : String(squeezed.prefix(limit - 1)) + "…"
    }
}

/// Documents named on the command line, read with their workspace (its cast resolves names).
struct DocumentTarget {
    var snapshot: WorkspaceSnapshot
    var root: String
    /// The documents to report, with the path to show for each.
    var documents: [(DocumentID, String)]

    /// A folder's documents, or one file (Markdown or not) in the context of its workspace.
    static func load(_ target: String) -> Result<DocumentTarget, WorkspaceError> {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let absolute = URL(fileURLWithPath: target, relativeTo: URL(fileURLWithPath: workingDirectory)).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            return .failure(WorkspaceError("\(target): no such file or folder"))
        }
        if isDirectory.boolValue {
            let workspace = WorkspaceLoader.load(root: absolute)
            let ids = workspace.snapshot.sortedDocumentIDs
            let documents = ids.map { id in (id, FileURI.path(forURI: id.rawValue).map { CheckReport.relative($0, root: absolute) } ?? id.rawValue) }
            return .success(DocumentTarget(snapshot: workspace.snapshot, root: absolute, documents: documents))
        }
        guard WorkspaceLoader.isRegularFile(absolute) else { return .failure(WorkspaceError("\(target): not a regular file")) }
        let root = WorkspaceLoader.root(containing: absolute) ?? (absolute as NSString).deletingLastPathComponent
        var snapshot = WorkspaceLoader.load(root: root).snapshot
        let id = DocumentID(FileURI.uri(forPath: absolute))
        if snapshot.documents[id] == nil {
            // A text file, or one outside the workspace's files: read alone, in the workspace's context.
            switch FileReader.read(absolute) {
            case let .failure(error): return .failure(WorkspaceError("\(target): \(error.description)"))
            case let .success(bytes): snapshot = snapshot.replacing(Document(id: id, bytes: bytes))
            }
        }
        return .success(DocumentTarget(snapshot: snapshot, root: root, documents: [(id, target)]))
    }
}
