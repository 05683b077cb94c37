import Dispatch
import DossierAnalysis
import DossierJSON
import DossierLocking
import DossierProtocol
import DossierSyntax
import DossierWorkspace

/// What diagnostics and refreshes are owed to the client, and what it was sent.
struct PublishingState: Sendable {
    /// Open documents whose findings must be checked (push clients).
    var dirty: Set<DocumentID> = []
    /// When the oldest unpublished change arrived: a stream of edits delays diagnostics by `publishMaxWait` at most.
    var dirtySince: ContinuousClock.Instant?
    /// When the last two edits arrived: an edit within `debounce` of the one before is part of a burst (typing),
    /// whose diagnostics wait until it pauses.
    var lastEditAt: ContinuousClock.Instant?
    var previousEditAt: ContinuousClock.Instant?
    /// A digest of what was last published for each open document, so an unchanged set is not sent again.
    var published: [DocumentID: Int] = [:]
    /// Pull clients are to be asked to pull again (`workspace/diagnostic/refresh`).
    var refreshDiagnostics = false
    /// Code lenses, semantic tokens and inlay hints may have changed: clients that support it are asked to refresh.
    var refreshViews = false
    /// The `dossier.json` files whose problems were last published non-empty.
    var configurationShown: Set<String> = []
    /// Set while a delivery is under way (taken from `dirty`, not yet sent).
    var delivering = false

    /// Marks an open document for checking.
    mutating func markDirty(_ id: DocumentID) {
        if dirty.isEmpty { dirtySince = .now }
        dirty.insert(id)
    }

    /// Notes an edit of an open document (`didOpen`, `didChange`), for telling typing from a lone edit.
    mutating func noteEdit() {
        previousEditAt = lastEditAt
        lastEditAt = .now
    }
}

extension LanguageServer {
    /// Starts the one task that delivers diagnostics and refreshes, so deliveries never overlap or reorder.
    func startPublisher() {
        let task = Task.detached(priority: .userInitiated) { [self] in
            while !Task.isCancelled {
                await signals.publish.wait()
                guard !Task.isCancelled else { return }
                await waitOutBurst()
                await yieldToRequests()
                guard !Task.isCancelled else { return }
                deliver()
            }
        }
        tasks.withLock { $0.add(task) }
    }

    /// A change after a quiet spell is checked at once; changes closer together than `debounce` (typing) wait
    /// until the typing pauses, never more than `publishMaxWait` after the first of them.
    private func waitOutBurst() async {
        while !Task.isCancelled {
            let delay = state.withLock { s -> Duration in
                let p = s.publishing
                guard let last = p.lastEditAt, let previous = p.previousEditAt, last - previous < timing.debounce else { return .zero }
                let quietAt = last + timing.debounce
                let deadline = (p.dirtySince ?? last) + timing.publishMaxWait
                return max(.zero, min(quietAt, deadline) - ContinuousClock.now)
            }
            if delay == .zero { return }
            try? await Task.sleep(for: delay)
        }
    }

    /// Lets the requests in flight finish first, for at most `requestsFirstWait`: an editor sends completion, hover
    /// or semantic tokens right with an edit, and the user waits on those. The first short sleep lets a request
    /// sent just after the edit arrive.
    private func yieldToRequests() async {
        try? await Task.sleep(for: .microseconds(250))
        guard !state.withLock({ $0.running.isEmpty }) else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                while !Task.isCancelled, !state.withLock({ $0.running.isEmpty }) { await signals.requestsIdle.wait() }
            }
            group.addTask { [timing] in try? await Task.sleep(for: timing.requestsFirstWait) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Sends what is owed: diagnostics of dirty open documents in indexed workspaces (push clients) or a refresh
    /// request (pull clients), and view refreshes.
    private func deliver() {
        let (ids, context, refreshDiagnostics, refreshViews) = state.withLock { s in
            let indexed = Set(s.workspaces.values.filter { !$0.indexing }.map(\.key))
            // Documents of a workspace still indexing stay dirty: their findings come when it is done.
            let ready = s.publishing.dirty.filter { s.open[$0].map { indexed.contains($0.workspace) } ?? false }
            s.publishing.dirty.subtract(ready)
            s.publishing.dirty = s.publishing.dirty.filter { s.open[$0] != nil }
            if s.publishing.dirty.isEmpty { s.publishing.dirtySince = nil }
            let refresh = (s.publishing.refreshDiagnostics && s.indexed, s.publishing.refreshViews && s.indexed)
            if refresh.0 { s.publishing.refreshDiagnostics = false }
            if refresh.1 { s.publishing.refreshViews = false }
            s.publishing.delivering = true
            return (ready.sorted(), s.requestContext(), refresh.0, refresh.1)
        }
        defer { state.withLock { $0.publishing.delivering = false } }
        let client = context.client
        if client.diagnosticsChannel == .push {
            publish(ids, context)
        } else if refreshDiagnostics {
            ask(ClientMethod.diagnosticRefresh, nil)
        }
        if refreshViews {
            if client.codeLensRefresh { ask(ClientMethod.codeLensRefresh, nil) }
            if client.semanticTokensRefresh { ask(ClientMethod.semanticTokensRefresh, nil) }
            if client.inlayHintRefresh { ask(ClientMethod.inlayHintRefresh, nil) }
        }
    }

    /// Checks `ids` on all cores and sends the sets that changed since they were last sent.
    private func publish(_ ids: [DocumentID], _ context: RequestContext) {
        guard !ids.isEmpty else { return }
        let reports = Locked<[(framed: [UInt8], digest: Int)?]>(Array(repeating: nil, count: ids.count))
        DispatchQueue.concurrentPerform(iterations: ids.count) { index in
            let id = ids[index]
            guard let items = DiagnosticReports.items(for: id, context) else { return }
            var params: JSONObject = ["uri": .string(id.rawValue), "diagnostics": .array(items)]
            if context.client.diagnosticVersion, let version = context.versions[id] { params["version"] = .int(version) }
            // The version counts even when it is not sent: an edited document is published again whatever its
            // findings (the client moved its old ones with the text); another is only when its findings change.
            var hasher = Hasher()
            hasher.combine(JSONValue.object(params))
            hasher.combine(context.versions[id])
            let framed = Message.notification(method: ClientMethod.publishDiagnostics, params: .object(params)).framed()
            reports.withLock { $0[index] = (framed, hasher.finalize()) }
        }
        let fresh = state.withLock { s -> [(DocumentID, [UInt8])] in
            var fresh: [(DocumentID, [UInt8])] = []
            for (id, report) in zip(ids, reports.withLock { $0 }) {
                guard let report, s.open[id] != nil, s.publishing.published[id] != report.digest else { continue }
                s.publishing.published[id] = report.digest
                fresh.append((id, report.framed))
            }
            return fresh
        }
        for (id, framed) in fresh {
            do {
                try connection.sendFramed(framed, key: "diagnostics " + id.rawValue)
            } catch {
                logger.info("diagnostics of \(id) not sent: \(error)")
            }
        }
    }

    /// Clears a closed document's findings on a push client (a pull client drops them itself).
    func clearDiagnostics(of id: DocumentID) {
        let push = state.withLock { s -> Bool in
            s.publishing.published[id] = nil
            s.publishing.dirty.remove(id)
            return s.client.diagnosticsChannel == .push
        }
        guard push else { return }
        let params: JSONValue = ["uri": .string(id.rawValue), "diagnostics": []]
        try? connection.sendFramed(Message.notification(method: ClientMethod.publishDiagnostics, params: params).framed(), key: "diagnostics " + id.rawValue)
    }

    /// Publishes the problems of every workspace's `dossier.json` to a push client (pull clients ask for them).
    func publishConfigurationProblems() {
        let (context, shown) = state.withLock { s in (s.requestContext(), s.publishing.configurationShown) }
        guard context.client.diagnosticsChannel == .push else {
            state.withLock { $0.publishing.refreshDiagnostics = true }
            signals.publish.notify()
            return
        }
        var nowShown: Set<String> = []
        for workspace in context.workspaces {
            guard let root = workspace.root else { continue }
            let uri = FileURI.uri(forPath: root + "/" + WorkspaceLoader.configurationFile)
            let items = DiagnosticReports.configurationItems(workspace, context)
            if !items.isEmpty { nowShown.insert(uri) }
            guard !items.isEmpty || shown.contains(uri) else { continue }
            notify(ClientMethod.publishDiagnostics, ["uri": .string(uri), "diagnostics": .array(items)])
        }
        // A workspace that went away (rebuilt, folder removed) has its last problems cleared too.
        for uri in shown.subtracting(nowShown) where !context.workspaces.contains(where: { $0.root.map { FileURI.uri(forPath: $0 + "/" + WorkspaceLoader.configurationFile) } == uri }) {
            notify(ClientMethod.publishDiagnostics, ["uri": .string(uri), "diagnostics": []])
        }
        state.withLock { $0.publishing.configurationShown = nowShown }
    }
}
