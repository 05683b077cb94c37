import Dispatch
import DossierAnalysis
import DossierJSON
import DossierLocking
import DossierProtocol
import DossierWorkspace

extension LanguageServer {
    /// Indexes the workspaces waiting in `indexQueue`, one at a time, unless an indexer already runs. Progress is
    /// reported through `$/progress` when the client takes it.
    func startIndexing() {
        let start = state.withLock { s -> Bool in
            guard !s.indexerRunning, !s.indexQueue.isEmpty, s.phase == .running else { return false }
            s.indexerRunning = true
            return true
        }
        guard start else { return }
        let task = Task.detached(priority: .utility) { [self] in
            let progress = IndexingProgress.begin(self)
            while let key = state.withLock({ s -> String? in
                guard !s.indexQueue.isEmpty, !Task.isCancelled else {
                    s.indexerRunning = false
                    return nil
                }
                return s.indexQueue.removeFirst()
            }) {
                progress?.report("\(key)")
                // On the disk queue: disk events that arrive meanwhile are applied after it, on the finished index.
                await onDiskQueue { [self] in index(key) }
            }
            progress?.end()
            releaseFreedMemory()
        }
        tasks.withLock { $0.add(task) }
    }

    /// Runs `work` on the serial disk queue (which orders indexing, disk events and configuration reloads) and
    /// waits for it.
    func onDiskQueue(_ work: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            diskQueue.async {
                work()
                continuation.resume()
            }
        }
    }

    /// Walks and reads workspace `key`, then installs the result under the open buffers. Runs on the disk queue.
    func index(_ key: String) {
        let started = ContinuousClock.now
        guard let (root, membership) = state.withLock({ s -> (String, WorkspaceMembership)? in
            guard let workspace = s.workspaces[key], let root = workspace.root, let membership = workspace.membership else { return nil }
            return (root, membership)
        }) else { return }
        let (files, nestedRoots) = WorkspaceLoader.walk(membership)
        var nestedAdded = false
        for nested in nestedRoots { nestedAdded = addWorkspace(root: nested) || nestedAdded }
        if nestedAdded {
            // A document opened before its folder's dossier.json appeared (and before any event said so) moves to
            // the workspace the walk just found, as a fresh start would place it.
            let moving = state.withLock { s in s.openDocuments(in: key) }.filter { id in
                owner(of: FileURI.path(forURI: id.rawValue)) != key
            }
            for id in moving { installOpen(id, nil, in: owner(of: FileURI.path(forURI: id.rawValue))) }
        }
        let openPaths = Set(state.withLock { s in s.openDocuments(in: key) }.compactMap { FileURI.path(forURI: $0.rawValue) })
        let (documents, unreadable) = WorkspaceLoader.readDocuments(files.filter { !openPaths.contains($0) })
        for failure in unreadable { logger.warn("\(failure.path): \(failure.reason)") }
        let built = WorkspaceSnapshot(documents: documents, configuration: state.withLock { $0.workspaces[key]?.snapshot.configuration } ?? Configuration())
        state.withLock { s in
            guard var workspace = s.workspaces[key] else { return }
            // Open buffers were installed in the partial snapshot meanwhile; the configuration may have changed too.
            var snapshot = built.reconfigured(workspace.snapshot.configuration)
            for id in s.openDocuments(in: key) {
                if let document = workspace.snapshot.documents[id] { snapshot = snapshot.replacing(document) }
            }
            workspace.snapshot = snapshot
            workspace.indexing = false
            workspace.crossGeneration = Generation.next()
            s.workspaces[key] = workspace
            s.workspaceChanged(key)
        }
        logger.info("indexed \(documents.count) of \(files.count) files of \(root) in \(ContinuousClock.now - started)")
        if !unreadable.isEmpty { announceUnreadable(unreadable, root: root) }
        signals.indexed.notify()
        signals.publish.notify()
        if nestedAdded { startIndexing() }
    }

    /// Tells the user (once per indexing, not per file) which files were left out and why.
    private func announceUnreadable(_ failures: [(path: String, reason: String)], root: String) {
        let shown = failures.prefix(3).map { "\(CheckReport.relative($0.path, root: root)): \($0.reason)" }
        let more = failures.count > shown.count ? "; and \(failures.count - shown.count) more (see the log)" : ""
        let files = failures.count == 1 ? "1 file" : "\(failures.count) files"
        notify(ClientMethod.showMessage, ["type": .int(LSPVocabulary.warningMessage), "message": .string("Dossier could not read \(files): " + shown.joined(separator: "; ") + more)])
    }
}

/// `$/progress` for one indexing run, for clients that take it. Indexing does not wait for the client to accept
/// the token: reports are sent once it has (LSP requires that), and none when it refuses or never answers.
final class IndexingProgress: Sendable {
    private enum Phase {
        case waiting(ended: Bool)
        case accepted
        case refused
    }

    private let server: LanguageServer
    private let token: JSONValue
    private let phase = Locked(Phase.waiting(ended: false))

    private init(server: LanguageServer, token: JSONValue) {
        self.server = server
        self.token = token
    }

    /// Asks the client for a token and returns at once; nil when the client does not take progress.
    static func begin(_ server: LanguageServer) -> IndexingProgress? {
        guard server.state.withLock({ $0.client.workDoneProgress }) else { return nil }
        let progress = IndexingProgress(server: server, token: .string("dossier-indexing-\(Generation.next())"))
        Task.detached {
            do {
                _ = try await server.connection.sendRequest(method: ClientMethod.createWorkDoneProgress, params: ["token": progress.token])
                progress.accepted()
            } catch {
                server.logger.info("\(ClientMethod.createWorkDoneProgress) failed: \(error)")
                progress.phase.withLock { $0 = .refused }
            }
        }
        return progress
    }

    private func accepted() {
        let ended = phase.withLock { phase -> Bool in
            defer { phase = .accepted }
            if case .waiting(let ended) = phase { return ended }
            return false
        }
        send(["kind": "begin", "title": "Indexing", "cancellable": false, "message": "scanning files"])
        if ended { send(["kind": "end", "message": "Indexed"]) }
    }

    func report(_ message: String) {
        guard case .accepted = phase.withLock({ $0 }) else { return }
        send(["kind": "report", "message": .string(message)])
    }

    func end() {
        let now = phase.withLock { phase -> Bool in
            if case .waiting = phase {
                phase = .waiting(ended: true)
                return false
            }
            if case .accepted = phase { return true }
            return false
        }
        if now { send(["kind": "end", "message": "Indexed"]) }
    }

    private func send(_ value: JSONValue) {
        server.notify(ClientMethod.progress, ["token": token, "value": value])
    }
}
