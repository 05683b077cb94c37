import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax
import DossierWorkspace

/// `textDocument/didOpen`: the buffer overrides the file; its findings come once its workspace is indexed.
enum DidOpenNotification: Notification {
    static let method = "textDocument/didOpen"

    struct Params: Sendable {
        var document: DocumentID
        var text: String
        var version: Int
    }

    static func decode(_ params: JSONReader) throws(ResponseError) -> Params {
        _ = try params.object()
        let item = params["textDocument"]
        return Params(
            document: try item.documentID(), text: try item["text"].string(),
            version: try item["version"].optional { r throws(ResponseError) in try r.int() } ?? 0)
    }

    static func handle(_ params: Params, _ server: LanguageServer) {
        let key = server.owner(of: FileURI.path(forURI: params.document.rawValue))
        let bytes = Array(params.text.utf8)
        let document = Document(id: params.document, bytes: bytes)
        server.installOpen(params.document, document, in: key) { s, owner in
            s.open[params.document] = OpenDocument(version: params.version, workspace: owner, bytes: bytes)
            s.publishing.noteEdit()
        }
        server.signals.publish.notify()
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        capabilities.set(["textDocumentSync", "openClose"], true)
    }
}

/// `textDocument/didChange`: incremental edits, applied in order in the negotiated encoding.
enum DidChangeNotification: Notification {
    static let method = "textDocument/didChange"

    struct Params: Sendable {
        var document: DocumentID
        var version: Int?
        var changes: [TextReplacement]
    }

    static func decode(_ params: JSONReader) throws(ResponseError) -> Params {
        _ = try params.object()
        var changes: [TextReplacement] = []
        for change in try params["contentChanges"].array() {
            let range = try change["range"].optional { r throws(ResponseError) in try r.range() }
            changes.append(TextReplacement(range: range, text: try change["text"].string()))
        }
        return Params(
            document: try params["textDocument"].documentID(),
            version: try params["textDocument"]["version"].optional { r throws(ResponseError) in try r.int() }, changes: changes)
    }

    static func handle(_ params: Params, _ server: LanguageServer) {
        // The buffer is taken out while it is edited (so the edit does not copy it): only this thread uses it.
        guard var buffer = server.state.withLock({ s -> (bytes: [UInt8], encoding: PositionEncoding)? in
            guard let bytes = s.open[params.document]?.bytes else { return nil }
            s.open[params.document]?.bytes = []
            return (bytes, s.client.positionEncoding)
        }) else {
            server.logger.warn("didChange for a document that is not open: \(params.document)")
            return
        }
        TextReplacement.apply(params.changes, to: &buffer.bytes, encoding: buffer.encoding)
        let bytes = buffer.bytes
        // Scanned outside the lock, so running requests keep being served.
        let document = Document(id: params.document, bytes: bytes)
        let key = server.state.withLock { $0.open[params.document]?.workspace } ?? ""
        server.installOpen(params.document, document, in: key) { s, _ in
            s.open[params.document]?.bytes = bytes
            if let version = params.version { s.open[params.document]?.version = version }
            s.publishing.noteEdit()
        }
        server.signals.publish.notify()
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        capabilities.set(["textDocumentSync", "change"], .int(LSPVocabulary.incrementalSync))
    }
}

/// `textDocument/didClose`: the document goes back to its file, if the file belongs to the workspace.
enum DidCloseNotification: Notification {
    static let method = "textDocument/didClose"

    static func decode(_ params: JSONReader) throws(ResponseError) -> DocumentID {
        _ = try params.object()
        return try params["textDocument"].documentID()
    }

    static func handle(_ id: DocumentID, _ server: LanguageServer) {
        guard let closed = server.state.withLock({ s -> OpenDocument? in
            defer { s.open[id] = nil }
            return s.open[id]
        }) else { return }
        server.clearDiagnostics(of: id)
        // On the disk queue, in order with the disk events: the same rule as the walk decides whether it stays.
        server.diskQueue.async { server.reconcile([FileURI.path(forURI: id.rawValue) ?? ""], closing: id, in: closed.workspace) }
    }
}

/// `textDocument/didSave`: nothing to do (the buffer is already in the index), but taken so the client may send it.
enum DidSaveNotification: Notification {
    static let method = "textDocument/didSave"

    static func decode(_ params: JSONReader) throws(ResponseError) {}

    static func handle(_ params: Void, _ server: LanguageServer) {}

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        capabilities.set(["textDocumentSync", "save"], ["includeText": false])
    }
}

extension ServerState {
    /// Installs a document version in workspace `key` and marks what must be re-checked: the document, and every
    /// open document of the workspace when the change may reach them.
    mutating func install(_ document: Document?, id: DocumentID, in key: String) {
        guard var workspace = workspaces[key] else { return }
        let reached = workspace.install(document, id: id)
        workspaces[key] = workspace
        if open[id] != nil { publishing.markDirty(id) }
        guard let reached else { return workspaceChanged(key) }
        let openReached = reached.filter { open[$0] != nil }
        for other in openReached { publishing.markDirty(other) }
        if !reached.isEmpty { publishing.refreshDiagnostics = true }
    }

    /// Everything in workspace `key` may have changed (registry, configuration, indexing): its open documents are
    /// re-checked, and pull clients and views are told to ask again.
    mutating func workspaceChanged(_ key: String) {
        for id in openDocuments(in: key) { publishing.markDirty(id) }
        publishing.refreshDiagnostics = true
        publishing.refreshViews = true
    }
}
