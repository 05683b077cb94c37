import Dispatch
import DossierAnalysis
import DossierJSON
import DossierProtocol
import DossierWorkspace
import Foundation

extension LanguageServer {
    /// Paths changed on disk (from the server's watcher or the client's `workspace/didChangeWatchedFiles`): applied
    /// in order on the disk queue, after any indexing in progress. An event says only where to look: what is
    /// applied is what the disk holds when it is read, so the index ends where a fresh start would.
    func diskChanged(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        diskQueue.async { [self] in reconcile(paths) }
    }

    /// Brings the index in line with the disk at `paths` (files or folders). `closing`, when given, is a document
    /// the client just closed (in workspace `closedIn`): it returns to its file, or leaves the index. Runs on the
    /// disk queue.
    func reconcile(_ paths: [String], closing: DocumentID? = nil, in closedIn: String? = nil) {
        var relayouts: Set<String> = []
        var reloads: Set<String> = []
        var files: [String] = []
        var removedFolders: [String] = []
        for path in paths where !path.isEmpty {
            if (path as NSString).lastPathComponent == WorkspaceLoader.configurationFile {
                // A dossier.json created, changed or deleted inside another workspace changes which files belong
                // to which: the workspace around it is laid out again (whoever created the inner one meanwhile).
                // One at the top only changes its own configuration.
                let folder = (path as NSString).deletingLastPathComponent
                let (isWorkspace, outer) = state.withLock { s in
                    (s.workspaces[folder] != nil, workspaceKey(containing: (folder as NSString).deletingLastPathComponent, s))
                }
                if let outer {
                    relayouts.insert(outer)
                } else if isWorkspace {
                    reloads.insert(folder)
                }
                continue
            }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                // A folder created, moved in or changed: its documents, or a workspace inside it.
                let nested = state.withLock { s in workspaceKey(containing: path, s) }
                guard let key = nested, let membership = state.withLock({ $0.workspaces[key]?.membership }) else { continue }
                guard let relative = membership.relativePath(path), !membership.excludes(relative: relative) else { continue }
                let walked = WorkspaceLoader.walk(WorkspaceMembership(root: path, exclude: []))
                if !walked.nestedRoots.isEmpty || WorkspaceLoader.isRegularFile(path + "/" + WorkspaceLoader.configurationFile) {
                    relayouts.insert(key)
                } else {
                    files += walked.files
                    removedFolders.append(path)  // documents indexed below it that the walk no longer finds
                }
            } else if path.hasSuffix(".md") {
                files.append(path)
            } else {
                removedFolders.append(path)
            }
        }
        var changedKeys: Set<String> = []
        for folder in removedFolders {
            let prefix = folder + "/"
            let under = state.withLock { s -> [(String, DocumentID)] in
                s.workspaces.values.flatMap { workspace in
                    workspace.snapshot.documents.keys.filter { $0.rawValue.hasPrefix(FileURI.uri(forPath: prefix)) && s.open[$0] == nil }
                        .map { (workspace.key, $0) }
                }
            }
            for (_, id) in under { files.append(FileURI.path(forURI: id.rawValue) ?? "") }
            if state.withLock({ s in s.workspaces.keys.contains { $0.hasPrefix(prefix) } }), let outer = state.withLock({ s in workspaceKey(containing: folder, s) }) {
                relayouts.insert(outer)
            }
        }
        for file in Set(files) where !file.isEmpty {
            if let key = applyFile(file, closing: closing, closedIn: closedIn) { changedKeys.insert(key) }
        }
        if let closing, let closedIn, !files.contains(FileURI.path(forURI: closing.rawValue) ?? "") {
            state.withLock { s in s.install(nil, id: closing, in: closedIn) }
        }
        for folder in reloads where !relayouts.contains(folder) { reloadConfiguration(of: folder) }
        for key in relayouts { relayout(key) }
        if !changedKeys.isEmpty || !relayouts.isEmpty || !reloads.isEmpty { signals.publish.notify() }
    }

    /// Reads or drops one file by the membership rule of the workspace around it; the workspace key when the
    /// index changed. An open document keeps its buffer (unless it is the one being closed).
    private func applyFile(_ path: String, closing: DocumentID?, closedIn: String?) -> String? {
        let id = DocumentID(FileURI.uri(forPath: path))
        let (key, membership, isOpen) = state.withLock { s in
            let key = id == closing ? closedIn : workspaceKey(containing: path, s)
            return (key, key.flatMap { s.workspaces[$0]?.membership }, s.open[id] != nil)
        }
        guard let key, !isOpen else { return nil }
        var document: Document?
        let before = FileStamp(path)
        if let membership, membership.contains(path), WorkspaceLoader.isRegularFile(path) {
            switch WorkspaceLoader.readDocument(path) {
            case .success(let read): document = read
            case .failure(let error): logger.warn("\(path): \(error.description)")  // leaves the index until it can be read
            }
        }
        // An editor's save can span several events that the kernel merges, or announce itself before it writes:
        // the file is looked at once more a moment later, and read again if it changed since (or during) this read.
        let after = FileStamp(path)
        diskQueue.asyncAfter(deadline: .now() + .milliseconds(after == before ? 250 : 50)) { [self] in
            if FileStamp(path) != before || after != before { reconcile([path]) }
        }
        return state.withLock { s -> String? in
            guard s.open[id] == nil, let workspace = s.workspaces[key] else { return nil }
            if document == nil, workspace.snapshot.documents[id] == nil { return nil }
            s.install(document, id: id, in: key)
            return key
        }
    }

    /// Rereads the `dossier.json` of workspace `key`; a changed `exclude` re-walks it.
    func reloadConfiguration(of key: String) {
        let (configuration, problems, bytes) = WorkspaceLoader.configuration(root: key)
        let excludeChanged = state.withLock { s -> Bool in
            guard var workspace = s.workspaces[key] else { return false }
            let before = workspace.snapshot.configuration.exclude
            workspace.fileConfiguration = configuration
            workspace.fileProblems = problems
            workspace.configurationBytes = bytes
            if workspace.applyConfiguration(initializationOptions: s.initializationOptions, settings: s.settings) { s.workspaceChanged(key) }
            s.workspaces[key] = workspace
            return workspace.snapshot.configuration.exclude != before
        }
        publishConfigurationProblems()
        if excludeChanged { relayout(key) }
    }

    /// Rebuilds workspace `key` and every workspace nested below it from the disk, as a fresh start would: which
    /// folders are workspaces and which files belong to each. Open documents keep their buffers. Runs on the disk
    /// queue.
    func relayout(_ key: String) {
        let file = WorkspaceLoader.configuration(root: key)
        let rehomed = state.withLock { s -> [DocumentID] in
            let prefix = key == "/" ? "/" : key + "/"
            let dropped = s.workspaces.keys.filter { $0 == key || $0.hasPrefix(prefix) }
            for old in dropped {
                s.workspaces[old] = nil
                s.indexQueue.removeAll { $0 == old }
            }
            s.addWorkspace(root: key, file: file)
            return s.open.filter { dropped.contains($0.value.workspace) }.map(\.key)
        }
        for id in rehomed {
            installOpen(id, nil, in: owner(of: FileURI.path(forURI: id.rawValue)))
        }
        logger.info("workspace \(key) rebuilt")
        publishConfigurationProblems()
        startIndexing()
    }
}

/// A file's size, change time and inode: when any differs, its content may have.
struct FileStamp: Equatable {
    private var size = -1
    private var changed = -1
    private var inode: UInt64 = 0

    init(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        size = Int(status.st_size)
        #if canImport(Darwin)
        changed = Int(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int(status.st_mtimespec.tv_nsec)
        #else
        changed = Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec)
        #endif
        inode = UInt64(status.st_ino)
    }
}
