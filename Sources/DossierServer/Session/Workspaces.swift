import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierSyntax
import DossierWorkspace
import Foundation
import Synchronization

/// Numbers that never repeat in a process: document serials and cross-document generations, so that a pull result
/// id from before a workspace was rebuilt never matches one from after.
enum Generation {
    private static let counter = Atomic<Int>(0)

    static func next() -> Int { counter.add(1, ordering: .relaxed).newValue }
}

extension LanguageServer {
    /// Creates the workspace rooted at `root` (reading its `dossier.json`) and queues it for indexing, unless it
    /// exists; true when it was created.
    @discardableResult
    func addWorkspace(root: String) -> Bool {
        if state.withLock({ $0.workspaces[root] != nil }) { return false }
        let file = WorkspaceLoader.configuration(root: root)
        let created = state.withLock { s -> Bool in
            guard s.workspaces[root] == nil else { return false }
            s.addWorkspace(root: root, file: file)
            return true
        }
        if created { logger.info("workspace \(root)") }
        return created
    }

    /// The key of the workspace that owns `path` (SPEC 4): inside a client folder, the nearest folder holding a
    /// `dossier.json` between it and that folder, else the folder itself (a `dossier.json` above the folders the
    /// user opened never pulls them into a bigger workspace); outside every folder, the nearest folder above it
    /// holding a `dossier.json`, else the loose files' workspace. Creates the workspace when it is new (a document
    /// opened below a folder nobody indexed yet).
    func owner(of path: String?) -> String {
        guard let path else { return ensureLooseWorkspace() }
        let folders = state.withLock { $0.clientFolders }
        let folder = folders.filter { path.hasPrefix($0 == "/" ? "/" : $0 + "/") }.max { $0.count < $1.count }
        let root = WorkspaceLayout.configurationRoot(at: path, within: folder) ?? folder
        guard let root else { return ensureLooseWorkspace() }
        if addWorkspace(root: root) {
            // A workspace found by opening a file inside another one: if the outer one indexed files that now
            // belong to it (its dossier.json is new, and no disk event said so yet), the outer one is laid out again.
            let prefix = FileURI.uri(forPath: root) + "/"
            let outer = state.withLock { s -> String? in
                guard let outer = workspaceKey(containing: (root as NSString).deletingLastPathComponent, s),
                    s.workspaces[outer]?.snapshot.documents.keys.contains(where: { $0.rawValue.hasPrefix(prefix) }) == true
                else { return nil }
                return outer
            }
            if let outer { diskQueue.async { [self] in relayout(outer) } }
            startIndexing()
        }
        return root
    }

    /// Installs open document `id` in the workspace that owns it, under one lock with `update` (which records the
    /// buffer and version): `key`, or, when a re-layout dropped that workspace meanwhile, the owner found again.
    /// With no `document`, the current buffer is scanned (a document moving to another workspace). Every open
    /// document thus always lives in a workspace that exists.
    func installOpen(
        _ id: DocumentID, _ document: Document?, in key: String, _ update: @escaping (inout ServerState, String) -> Void = { _, _ in }
    ) {
        var key = key
        while true {
            let installed = state.withLock { s -> Bool in
                guard s.workspaces[key] != nil else { return false }
                update(&s, key)
                guard let open = s.open[id] else { return true }
                // A document opened twice (another workspace took it meanwhile) lives in one workspace only.
                for other in s.workspaces.keys where other != key && s.workspaces[other]?.snapshot.documents[id] != nil {
                    s.install(nil, id: id, in: other)
                }
                s.open[id]?.workspace = key
                s.install(document ?? Document(id: id, bytes: open.bytes), id: id, in: key)
                return true
            }
            if installed { return }
            key = owner(of: FileURI.path(forURI: id.rawValue))
        }
    }

    /// The workspace of files outside every folder: it holds only open documents.
    private func ensureLooseWorkspace() -> String {
        state.withLock { s in
            if s.workspaces[""] == nil {
                var loose = WorkspaceState(root: nil, configuration: Configuration())
                loose.applyConfiguration(initializationOptions: s.initializationOptions, settings: s.settings)
                s.workspaces[""] = loose
            }
        }
        return ""
    }

    /// The workspace a disk path belongs to: the one with the deepest root above it (nil when none).
    func workspaceKey(containing path: String, _ s: ServerState) -> String? {
        s.workspaces.values.compactMap { workspace -> String? in
            guard let root = workspace.root, path == root || path.hasPrefix(root == "/" ? "/" : root + "/") else { return nil }
            return root
        }.max { $0.count < $1.count }
    }
}

extension ServerState {
    /// Puts a new workspace at `root`, from its `dossier.json` as read (`file`) under the shared settings, in the
    /// indexing queue.
    mutating func addWorkspace(root: String, file: (Configuration, [ConfigurationProblem], [UInt8]?)) {
        var workspace = WorkspaceState(root: root, configuration: file.0)
        workspace.fileConfiguration = file.0
        workspace.fileProblems = file.1
        workspace.configurationBytes = file.2
        workspace.applyConfiguration(initializationOptions: initializationOptions, settings: settings)
        workspaces[root] = workspace
        indexQueue.append(root)
    }
}

extension WorkspaceState {
    /// Recomputes the configuration from `dossier.json`, then `initializationOptions`, pushed settings and this
    /// folder's settings; true when it changed. Which files belong to the workspace can change with it (`exclude`).
    @discardableResult
    mutating func applyConfiguration(initializationOptions: JSONValue?, settings: JSONValue?) -> Bool {
        var configuration = fileConfiguration
        var problems = fileProblems
        for layer in [initializationOptions, settings, folderSettings] {
            guard let layer, !layer.isNull else { continue }
            let (applied, extra) = ConfigurationParser.apply(layer, to: configuration)
            configuration = applied
            problems += extra
        }
        configurationProblems = problems
        guard configuration != snapshot.configuration else { return false }
        snapshot = snapshot.reconfigured(configuration)
        crossGeneration = Generation.next()
        return true
    }
}
