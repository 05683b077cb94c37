import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierWorkspace

/// `workspace/didChangeWatchedFiles`: files the client saw change on disk (only clients that register watchers send
/// it; for the others the server watches by itself).
enum DidChangeWatchedFilesNotification: Notification {
    static let method = "workspace/didChangeWatchedFiles"

    static func decode(_ params: JSONReader) throws(ResponseError) -> [String] {
        _ = try params.object()
        return try params["changes"].elements { change throws(ResponseError) in try change["uri"].string() }.compactMap(FileURI.path(forURI:))
    }

    /// Gathered like the server's own watcher's events: an editor may announce a change as its write starts, and the
    /// file is read once the events pause.
    static func handle(_ paths: [String], _ server: LanguageServer) { server.clientEvents.add(paths) }
}

/// `workspace/didChangeConfiguration`: settings layered over every `dossier.json`; a client that answers
/// `workspace/configuration` is asked for each folder's own.
enum DidChangeConfigurationNotification: Notification {
    static let method = "workspace/didChangeConfiguration"

    static func decode(_ params: JSONReader) throws(ResponseError) -> JSONValue? {
        _ = try params.object()
        let settings = params["settings"].value
        let value = settings?["dossier"] ?? settings
        return value?.objectValue != nil ? value : nil
    }

    static func handle(_ settings: JSONValue?, _ server: LanguageServer) {
        let pulls = server.state.withLock { s in
            s.settings = settings
            return s.client.pullsConfiguration
        }
        if pulls {
            server.pullFolderSettings()
        } else {
            server.settingsChanged()
        }
    }
}

/// `workspace/didChangeWorkspaceFolders`: folders added to or removed from a multi-root session.
enum DidChangeWorkspaceFoldersNotification: Notification {
    static let method = "workspace/didChangeWorkspaceFolders"

    static func decode(_ params: JSONReader) throws(ResponseError) -> (added: [String], removed: [String]) {
        _ = try params.object()
        func paths(_ list: JSONReader) throws(ResponseError) -> [String] {
            try list.elements { folder throws(ResponseError) in try folder["uri"].string() }.compactMap(FileURI.path(forURI:)).map(WorkspaceLayout.normalized)
        }
        return (try paths(params["event"]["added"]), try paths(params["event"]["removed"]))
    }

    static func handle(_ change: (added: [String], removed: [String]), _ server: LanguageServer) {
        server.diskQueue.async { server.changeFolders(added: change.added, removed: change.removed) }
    }

    static func advertise(_ capabilities: inout ServerCapabilities, for client: ClientProfile) {
        guard client.workspaceFolders else { return }
        capabilities.set(["workspace", "workspaceFolders", "supported"], true)
        capabilities.set(["workspace", "workspaceFolders", "changeNotifications"], true)
    }
}

extension LanguageServer {
    /// Asks the client for each folder's `dossier` settings (`workspace/configuration`, scoped by folder), then
    /// applies them.
    func pullFolderSettings() {
        let roots = state.withLock { s in s.workspaces.values.compactMap(\.root).sorted() }
        guard !roots.isEmpty else { return settingsChanged() }
        let items: [JSONValue] = roots.map { ["scopeUri": .string(FileURI.uri(forPath: $0)), "section": "dossier"] }
        ask(ClientMethod.configuration, ["items": .array(items)]) { [self] result in
            let values = result.arrayValue ?? []
            state.withLock { s in
                for (root, value) in zip(roots, values) {
                    s.workspaces[root]?.folderSettings = value.objectValue != nil ? value : nil
                }
            }
            settingsChanged()
        }
    }

    /// Re-applies the configuration layers of every workspace, in order with the disk work; a changed `exclude`
    /// re-walks the workspace.
    func settingsChanged() {
        diskQueue.async { [self] in
            let rewalk = state.withLock { s -> [String] in
                var rewalk: [String] = []
                for key in s.workspaces.keys.sorted() {
                    guard var workspace = s.workspaces[key] else { continue }
                    let before = workspace.snapshot.configuration.exclude
                    if workspace.applyConfiguration(initializationOptions: s.initializationOptions, settings: s.settings) {
                        s.workspaces[key] = workspace
                        s.workspaceChanged(key)
                        if workspace.snapshot.configuration.exclude != before, workspace.root != nil { rewalk.append(key) }
                    }
                }
                return rewalk
            }
            publishConfigurationProblems()
            for key in rewalk { relayout(key) }
            signals.publish.notify()
        }
    }

    /// Adds and removes client folders (on the disk queue); open documents move to their new owners.
    func changeFolders(added: [String], removed: [String]) {
        let dropped = state.withLock { s -> [String] in
            s.clientFolders.removeAll { removed.contains($0) }
            s.clientFolders += added.filter { !s.clientFolders.contains($0) }
            // A removed folder's workspaces go, unless another folder still holds them.
            return s.workspaces.keys.filter { key in
                removed.contains { key == $0 || key.hasPrefix($0 + "/") } && !s.clientFolders.contains { key == $0 || key.hasPrefix($0 + "/") }
            }
        }
        state.withLock { s in
            for key in dropped { s.workspaces[key] = nil }
            s.indexQueue.removeAll { dropped.contains($0) }
        }
        for folder in added { addWorkspace(root: folder) }
        let homeless = state.withLock { s in s.open.filter { s.workspaces[$0.value.workspace] == nil }.map(\.key) }
        for id in homeless { installOpen(id, nil, in: owner(of: FileURI.path(forURI: id.rawValue))) }
        startWatching()
        publishConfigurationProblems()
        startIndexing()
        signals.publish.notify()
    }
}
