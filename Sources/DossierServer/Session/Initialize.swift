import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax
import DossierWorkspace

extension LanguageServer {
    /// The version `serverInfo` reports: the command line's, given by the front end.
    static let version = "0.2.0"

    /// `initialize`: reads the client's capabilities into a `ClientProfile`, finds the workspaces and their
    /// configuration, and answers the capabilities the request table derives for this client.
    func initialize(_ params: JSONReader) throws(ResponseError) -> JSONValue {
        _ = try params.object()
        let client = ClientProfile(params["capabilities"].value)
        var folders: [String] = []
        if let list = params["workspaceFolders"].value?.arrayValue {
            folders = list.compactMap { $0["uri"]?.stringValue.flatMap(FileURI.path(forURI:)) }
        } else if let uri = params["rootUri"].value?.stringValue, let path = FileURI.path(forURI: uri) {
            folders = [path]
        } else if let path = params["rootPath"].value?.stringValue {
            folders = [path]
        }
        folders = folders.map(WorkspaceLayout.normalized)
        let options = params["initializationOptions"].value
        state.withLock { s in
            s.phase = .running
            s.client = client
            s.clientFolders = folders
            s.initializationOptions = options.flatMap { $0.objectValue != nil ? $0 : nil }
        }
        for root in Set(folders) { _ = addWorkspace(root: root) }
        logger.info("initialize: folders \(folders), encoding \(client.positionEncoding.rawValue), diagnostics \(client.diagnosticsChannel)")
        return ["capabilities": .object(Self.capabilities(for: client).json), "serverInfo": ["name": "dossier", "version": .string(Self.version)]]
    }

    /// What the server advertises to `client`: each request's and notification's own contribution.
    static func capabilities(for client: ClientProfile) -> ServerCapabilities {
        var capabilities = ServerCapabilities()
        capabilities.set(["positionEncoding"], .string(client.positionEncoding.rawValue))
        for request in RequestTable.requests { request.advertise(&capabilities, for: client) }
        for notification in NotificationTable.notifications { notification.advertise(&capabilities, for: client) }
        return capabilities
    }

    /// `initialized`: starts watching (through the client or on its own) and indexing.
    func initialized() {
        let client = state.withLock { $0.client }
        publishConfigurationProblems()
        if client.pullsConfiguration { pullFolderSettings() }
        startWatching()
        startIndexing()
        if client.workDoneProgress { logger.debug("progress reported through $/progress") }
    }
}

/// Where workspaces are rooted (SPEC 4).
enum WorkspaceLayout {
    /// A folder path without a trailing slash.
    static func normalized(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// The nearest folder at or above `path` (a folder or a file) holding a `dossier.json`, not above `boundary`
    /// when one is given; nil when there is none.
    static func configurationRoot(at path: String, within boundary: String? = nil) -> String? {
        var folder = path
        while true {
            if WorkspaceLoader.isRegularFile(folder + "/" + WorkspaceLoader.configurationFile) { return folder }
            if folder == boundary { return nil }
            guard let slash = folder.lastIndex(of: "/"), folder != "/" else { return nil }
            folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
        }
    }
}
