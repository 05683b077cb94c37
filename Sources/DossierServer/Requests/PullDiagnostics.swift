import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax
import DossierWorkspace

/// The diagnostics of one document as LSP JSON, or of a workspace's `dossier.json`; nil when the server knows no
/// such document.
enum DiagnosticReports {
    /// The findings of document `id`, ranges in the client's encoding.
    static func items(for id: DocumentID, _ context: RequestContext) -> [JSONValue]? {
        if let (document, snapshot) = context.document(id) {
            return Checker.diagnostics(for: id, in: snapshot).map { LSPValues.diagnostic($0, in: document, context) }
        }
        guard let workspace = configurationOwner(of: id, context) else { return nil }
        return configurationItems(workspace, context)
    }

    /// The workspace whose `dossier.json` `id` is.
    static func configurationOwner(of id: DocumentID, _ context: RequestContext) -> WorkspaceView? {
        context.workspaces.first { $0.root.map { FileURI.uri(forPath: $0 + "/" + WorkspaceLoader.configurationFile) } == id.rawValue }
    }

    /// The problems of a workspace's `dossier.json` (and of the settings layered over it), on the file's text.
    static func configurationItems(_ workspace: WorkspaceView, _ context: RequestContext) -> [JSONValue] {
        let bytes = workspace.configurationBytes ?? []
        let lines = LineTable(bytes)
        return workspace.configurationProblems.map { problem in
            let range = bytes.isEmpty ? ByteRange(0, 0) : ConfigurationParser.range(of: problem, in: bytes)
            return [
                "range": LSPValues.range(lines.range(of: range, in: context.encoding)),
                "severity": .int(LSPVocabulary.severity(problem.severity)),
                "code": "configuration",
                "source": "dossier",
                "message": .string(problem.path.isEmpty ? problem.message : "\(problem.path): \(problem.message)"),
            ]
        }
    }

    /// A result id that changes whenever the document's findings may: its own version and everything it reads from
    /// the rest of its workspace.
    static func resultID(for id: DocumentID, _ context: RequestContext) -> String? {
        if let workspace = context.workspace(of: id) {
            return "\(workspace.documentSerials[id] ?? 0).\(workspace.crossGeneration)"
        }
        return configurationOwner(of: id, context).map { "configuration.\($0.crossGeneration)" }
    }
}

/// `textDocument/diagnostic`: the findings of one document, or `unchanged` when the client has them already.
enum DocumentDiagnosticRequest: Request {
    static let method = "textDocument/diagnostic"

    struct Params: Sendable {
        var document: DocumentID
        var previousResultID: String?
    }

    static func decode(_ params: JSONReader) throws(ResponseError) -> Params {
        _ = try params.object()
        return Params(
            document: try params["textDocument"].documentID(),
            previousResultID: try params["previousResultId"].optional { r throws(ResponseError) in try r.string() })
    }

    static func handle(_ params: Params, _ context: RequestContext) -> JSONValue {
        let resultID = DiagnosticReports.resultID(for: params.document, context)
        if let resultID, resultID == params.previousResultID { return ["kind": "unchanged", "resultId": .string(resultID)] }
        var report: JSONObject = ["kind": "full", "items": .array(DiagnosticReports.items(for: params.document, context) ?? [])]
        if let resultID { report["resultId"] = .string(resultID) }
        return .object(report)
    }

    static func encode(_ result: JSONValue, _ context: RequestContext) -> JSONValue { result }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        guard client.diagnosticsChannel == .pull else { return }
        capabilities.set(["diagnosticProvider", "identifier"], "dossier")
        capabilities.set(["diagnosticProvider", "interFileDependencies"], true)
    }
}

/// `workspace/diagnostic`: the findings of every document of every workspace, `unchanged` where the client's
/// result id is current.
enum WorkspaceDiagnosticRequest: Request {
    static let method = "workspace/diagnostic"

    static func decode(_ params: JSONReader) throws(ResponseError) -> [String: String] {
        _ = try params.object()
        var previous: [String: String] = [:]
        for entry in try params["previousResultIds"].optional({ r throws(ResponseError) in try r.array() }) ?? [] {
            previous[try entry["uri"].string()] = try entry["value"].string()
        }
        return previous
    }

    static func handle(_ previous: [String: String], _ context: RequestContext) throws -> JSONValue {
        var reports: [JSONValue] = []
        var ids: [DocumentID] = context.workspaces.flatMap { $0.snapshot.sortedDocumentIDs }
        ids += context.workspaces.compactMap { workspace in
            workspace.configurationBytes == nil ? nil : workspace.root.map { DocumentID(FileURI.uri(forPath: $0 + "/" + WorkspaceLoader.configurationFile)) }
        }
        for id in ids {
            try Task.checkCancellation()
            let version: JSONValue = context.versions[id].map { .int($0) } ?? .null
            let resultID = DiagnosticReports.resultID(for: id, context)
            if let resultID, previous[id.rawValue] == resultID {
                reports.append(["kind": "unchanged", "uri": .string(id.rawValue), "version": version, "resultId": .string(resultID)])
                continue
            }
            var report: JSONObject = [
                "kind": "full", "uri": .string(id.rawValue), "version": version,
                "items": .array(DiagnosticReports.items(for: id, context) ?? []),
            ]
            if let resultID { report["resultId"] = .string(resultID) }
            reports.append(.object(report))
        }
        return ["items": .array(reports)]
    }

    static func encode(_ result: JSONValue, _ context: RequestContext) -> JSONValue { result }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        guard client.diagnosticsChannel == .pull else { return }
        capabilities.set(["diagnosticProvider", "workspaceDiagnostics"], true)
    }
}
