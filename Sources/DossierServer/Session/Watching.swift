import DossierJSON
import DossierProtocol
import DossierWorkspace

extension LanguageServer {
    /// Watches the workspaces' files: through the client when it registers watchers (`**/*.md` and
    /// `dossier.json`), else with the server's own watcher (Neovim on Linux and Helix register none). Never both.
    func startWatching() {
        let (client, roots, registered) = state.withLock { s in
            (s.client, topRoots(s), s.watchingThroughClient)
        }
        if client.registersFileWatchers {
            guard !registered else { return }
            state.withLock { $0.watchingThroughClient = true }
            let watchers: [JSONValue] = ["**/*.md", "**/" + WorkspaceLoader.configurationFile].map {
                ["globPattern": .string($0), "kind": .int(LSPVocabulary.everyChange)]
            }
            ask(ClientMethod.registerCapability, ["registrations": [[
                "id": "dossier-watched-files", "method": .string(DidChangeWatchedFilesNotification.method),
                "registerOptions": ["watchers": .array(watchers)],
            ]]])
            return
        }
        if let watcher = watcher.withLock({ $0 }) {
            watcher.update(roots: roots)
            return
        }
        let started = FileWatcher(roots: roots, gathering: timing.watchCoalescing, watches: { [weak self] folder in
            self?.isWatched(folder) ?? false
        }) { [weak self] paths in
            self?.diskChanged(paths)
        }
        watcher.withLock { $0 = started }
    }

    /// The workspace roots not inside another one: a watcher on each covers them all.
    private func topRoots(_ s: ServerState) -> [String] {
        let roots = s.workspaces.values.compactMap(\.root).sorted()
        return roots.filter { root in !roots.contains { $0 != root && root.hasPrefix($0 == "/" ? "/" : $0 + "/") } }
    }

    /// Whether the watcher should look into `folder`: not when the workspace around it excludes it.
    func isWatched(_ folder: String) -> Bool {
        state.withLock { s in
            guard let key = workspaceKey(containing: folder, s), let membership = s.workspaces[key]?.membership,
                let relative = membership.relativePath(folder)
            else { return true }
            return !membership.excludes(relative: relative)
        }
    }
}
