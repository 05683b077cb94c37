import Dispatch
import DossierAnalysis
import DossierJSON
import DossierLocking
import DossierProtocol
import DossierSyntax
import DossierWorkspace

extension LanguageServer {
    static let semanticTokenTypes: [String] = [
        "person", "organization", "country", "court", "outlet", "group", "place", "document", "event", "claim", "quote",
    ]
    static let semanticTokenModifiers: [String] = ["declaration", "unattributed"]

    func initialize(_ params: JSONValue?) throws -> JSONValue {
        let object = try LSP.object(params, "initialize")
        let capabilities = object["capabilities"] ?? .null
        let offered = capabilities["general"]?["positionEncodings"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let encoding: PositionEncoding = offered.contains("utf-8") ? .utf8 : .utf16
        var root: String?
        if let folder = object["workspaceFolders"]?.arrayValue?.first?["uri"]?.stringValue {
            root = FileURI.path(forURI: folder)
        } else if let uri = object["rootUri"]?.stringValue {
            root = FileURI.path(forURI: uri)
        } else if let path = object["rootPath"]?.stringValue {
            root = path
        }
        if let r = root, r.count > 1, r.hasSuffix("/") { root = String(r.dropLast()) }
        var fileConfiguration = Configuration()
        var problems: [ConfigurationProblem] = []
        var bytes: [UInt8]?
        if let root { (fileConfiguration, problems, bytes) = WorkspaceLoader.configuration(root: root) }
        let options = object["initializationOptions"]
        state.withLock { s in
            s.phase = .running
            s.encoding = encoding
            s.root = root
            s.clientCapabilities = capabilities
            s.resolvesCompletionDocumentation = capabilities["textDocument"]?["completion"]?["completionItem"]?["resolveSupport"]?["properties"]?
                .arrayValue?.contains(.string("documentation")) ?? false
            s.completionListEditRange = capabilities["textDocument"]?["completion"]?["completionList"]?["itemDefaults"]?
                .arrayValue?.contains(.string("editRange")) ?? false
            s.fileConfiguration = fileConfiguration
            s.fileProblems = problems
            s.configurationBytes = bytes
            s.initializationOptions = options
            s.snapshot = WorkspaceSnapshot(configuration: s.effectiveConfiguration().0)
        }
        logger.info("initialize: root \(root ?? "none"), encoding \(encoding.rawValue)")
        let legend: JSONValue = [
            "tokenTypes": .array(Self.semanticTokenTypes.map { .string($0) }),
            "tokenModifiers": .array(Self.semanticTokenModifiers.map { .string($0) }),
        ]
        var caps: JSONObject = [
            "positionEncoding": .string(encoding.rawValue),
            "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": false]],
            "hoverProvider": true,
            "definitionProvider": true,
            "referencesProvider": true,
            "renameProvider": ["prepareProvider": true],
            "completionProvider": ["triggerCharacters": ["@", "#", "{", " "], "resolveProvider": true],
            "documentSymbolProvider": true,
            "workspaceSymbolProvider": true,
            "diagnosticProvider": ["identifier": "dossier", "interFileDependencies": true, "workspaceDiagnostics": true],
        ]
        let has = Set(Handlers.table.keys)
        if has.contains("textDocument/semanticTokens/full") {
            caps["semanticTokensProvider"] = ["legend": legend, "full": true, "range": true]
        }
        if has.contains("textDocument/foldingRange") { caps["foldingRangeProvider"] = true }
        if has.contains("textDocument/documentLink") { caps["documentLinkProvider"] = ["resolveProvider": true] }
        if has.contains("textDocument/codeLens") { caps["codeLensProvider"] = ["resolveProvider": true] }
        if has.contains("textDocument/codeAction") {
            caps["codeActionProvider"] = ["codeActionKinds": ["quickfix"], "resolveProvider": true]
        }
        if has.contains("workspace/executeCommand") {
            caps["executeCommandProvider"] = ["commands": ["dossier.showReferences"]]
        }
        return [
            "capabilities": .object(caps),
            "serverInfo": ["name": "dossier", "version": "0.1.0"],
        ]
    }

    // MARK: Indexing

    func didInitialize() {
        let (root, capabilities) = state.withLock { s in
            s.indexing = s.root != nil
            return (s.root, s.clientCapabilities)
        }
        publishConfigurationProblems()
        if capabilities["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.boolValue == true {
            Task.detached { [self] in
                let registration: JSONValue = [
                    "registrations": [[
                        "id": "dossier-watched-files",
                        "method": "workspace/didChangeWatchedFiles",
                        "registerOptions": ["watchers": [["globPattern": "**/*.md"], ["globPattern": "**/dossier.json"]]],
                    ]],
                ]
                do {
                    _ = try await connection.sendRequest(method: "client/registerCapability", params: registration)
                } catch {
                    logger.info("client/registerCapability failed: \(error)")
                }
            }
        }
        guard let root else { return }
        let progress = capabilities["window"]?["workDoneProgress"]?.boolValue == true
        Task.detached(priority: .utility) { [self] in
            await index(root: root, progress: progress)
        }
    }

    private func progress(_ token: JSONValue, _ value: JSONValue) {
        try? connection.sendNotification(method: "$/progress", params: ["token": token, "value": value])
    }

    func index(root: String, progress useProgress: Bool) async {
        let started = ContinuousClock.now
        let token: JSONValue = "dossier-indexing"
        var reporting = false
        if useProgress {
            do {
                _ = try await connection.sendRequest(method: "window/workDoneProgress/create", params: ["token": token])
                reporting = true
            } catch {
                logger.info("window/workDoneProgress/create failed: \(error)")
            }
        }
        if reporting {
            progress(token, ["kind": "begin", "title": "Indexing", "cancellable": false, "message": "scanning files", "percentage": 0])
        }
        let configuration = state.withLock { $0.snapshot.configuration }
        let files = WorkspaceLoader.markdownFiles(root: root, exclude: configuration.exclude.map(Glob.init))
        // Files near the open documents (their own dossier.json folder, else their folder) come first.
        let openPaths = state.withLock { s in s.open.keys.compactMap { FileURI.path(forURI: $0.rawValue) } }
        let prefixes = Set(openPaths.map { path -> String in
            let folder = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
            if let own = WorkspaceLoader.root(containing: path), own.hasPrefix(root) { return own + "/" }
            return folder + "/"
        })
        let priority = files.filter { file in prefixes.contains { file.hasPrefix($0) } }
        let prioritySet = Set(priority)
        let ordered = priority + files.filter { !prioritySet.contains($0) }
        var chunks: [ArraySlice<String>] = []
        if !priority.isEmpty { chunks.append(ordered[0..<priority.count]) }
        let chunkSize = max(64, files.count / 8)
        var next = priority.count
        while next < ordered.count {
            chunks.append(ordered[next..<min(ordered.count, next + chunkSize)])
            next += chunkSize
        }
        var loaded: [Document] = []
        var unreadable: [(path: String, reason: String)] = []
        var start = 0
        for chunk in chunks {
            // A file deleted, replaced or made unreadable since the walk is left out, not fatal.
            let (documents, failures) = WorkspaceLoader.readDocuments(Array(chunk))
            for failure in failures { logger.warn("\(failure.path): \(failure.reason)") }
            unreadable += failures
            loaded += documents
            install(loaded)
            state.withLock { $0.firstChunkIndexed = true }
            start += chunk.count
            if reporting, start < files.count {
                progress(token, ["kind": "report", "message": .string("\(start)/\(files.count) files"),
                                 "percentage": .int(start * 100 / max(1, files.count))])
            }
        }
        if files.isEmpty { install([]) }
        state.withLock { $0.indexing = false }
        // Scheduled before the progress end: a change the client sends once indexing is over then
        // comes after it, and is not held back as part of a burst with it.
        schedulePublish(allOpen: true)
        // Before the progress end, so a client measuring memory then sees what indexing keeps.
        releaseFreedMemory()
        let elapsed = ContinuousClock.now - started
        logger.info("indexed \(files.count - unreadable.count) of \(files.count) files in \(elapsed)")
        if reporting {
            progress(token, ["kind": "end", "message": .string("Indexed \(files.count - unreadable.count) files")])
        }
        if !unreadable.isEmpty { announceUnreadable(unreadable, root: root) }
    }

    /// Tells the user (once per indexing, not per file) which files were left out and why.
    private func announceUnreadable(_ failures: [(path: String, reason: String)], root: String) {
        let shown = failures.prefix(3).map { "\(CheckReport.relative($0.path, root: root)): \($0.reason)" }
        let more = failures.count > shown.count ? "; and \(failures.count - shown.count) more (see the log)" : ""
        let files = failures.count == 1 ? "1 file" : "\(failures.count) files"
        let message = "Dossier could not read \(files): " + shown.joined(separator: "; ") + more
        try? connection.sendNotification(method: "window/showMessage", params: ["type": 2, "message": .string(message)])
    }

    /// Replaces the disk documents of the snapshot by `documents`, keeping open buffers.
    private func install(_ documents: [Document]) {
        let (configuration, openIDs) = state.withLock { s in (s.snapshot.configuration, Set(s.open.keys)) }
        let disk = documents.filter { !openIDs.contains($0.id) }
        let built = WorkspaceSnapshot(documents: disk, configuration: configuration)
        state.withLock { s in
            var snapshot = built.reconfigured(s.snapshot.configuration)
            for id in s.open.keys {
                if let document = s.snapshot.documents[id] { snapshot = snapshot.replacing(document) }
            }
            s.snapshot = snapshot
            s.generation += 1
        }
    }

    // MARK: Document sync

    func didOpen(_ params: JSONValue?) throws {
        let id = try LSP.documentID(params, "textDocument/didOpen")
        guard let text = params?["textDocument"]?["text"]?.stringValue else {
            throw ResponseError.invalidParams("didOpen: textDocument.text must be a string")
        }
        let version = params?["textDocument"]?["version"]?.intValue ?? 0
        let bytes = Array(text.utf8)
        let document = Document(id: id, bytes: bytes)
        let registryChanged = install(document) { s in s.open[id] = OpenBuffer(bytes: bytes, version: version) }
        schedulePublish([id], allOpen: registryChanged)
    }

    /// Puts an open document's new version into the snapshot (after `update`, under the same lock);
    /// true when other documents' diagnostics may change with it.
    private func install(_ document: Document, _ update: (inout ServerState) -> Void = { _ in }) -> Bool {
        state.withLock { s in
            update(&s)
            let changed = !WorkspaceSnapshot.sameDefinitions(s.snapshot.documents[document.id], document)
            s.snapshot = s.snapshot.replacing(document)
            s.generation += 1
            return changed
        }
    }

    func didChange(_ params: JSONValue?) throws {
        let id = try LSP.documentID(params, "textDocument/didChange")
        guard let changes = params?["contentChanges"]?.arrayValue else {
            throw ResponseError.invalidParams("didChange: contentChanges must be an array")
        }
        let version = params?["textDocument"]?["version"]?.intValue
        let edits = try changes.map { change throws(ResponseError) -> ContentChange in
            guard let text = change["text"]?.stringValue else {
                throw ResponseError.invalidParams("didChange: each change needs a text string")
            }
            guard let range = change["range"], !range.isNull else { return ContentChange(range: nil, text: text) }
            let (start, end) = try LSP.readRange(range, "range")
            return ContentChange(range: TextRange(start: start, end: end), text: text)
        }
        let edited: [UInt8]? = state.withLock { s in
            guard var buffer = s.open[id] else { return nil }
            s.open[id] = nil  // keeps the buffer uniquely referenced: the edit does not copy the text
            ContentChange.apply(edits, to: &buffer.bytes, encoding: s.encoding)
            if let version { buffer.version = version }
            s.open[id] = buffer
            return buffer.bytes
        }
        guard let bytes = edited else {
            logger.warn("didChange for a document that is not open: \(id)")
            return
        }
        // Scanned outside the lock so running requests keep being served; notifications are handled
        // one at a time on the reader thread, so no other edit of this document can interleave.
        let registryChanged = install(Document(id: id, bytes: bytes))
        schedulePublish([id], allOpen: registryChanged)
    }

    func didClose(_ params: JSONValue?) throws {
        let id = try LSP.documentID(params, "textDocument/didClose")
        let path = FileURI.path(forURI: id.rawValue)
        let disk: Document? = path.flatMap { p in
            guard case .success(let d) = WorkspaceLoader.readDocument(p) else { return nil }
            return d
        }
        let registryChanged = state.withLock { s in
            s.open[id] = nil
            let old = s.snapshot.documents[id]
            let inside = s.root.map { root in path?.hasPrefix(root + "/") == true } ?? false
            let excluded = s.root.map { root in
                path.map { p in s.snapshot.configuration.exclude.map(Glob.init).contains { $0.matches(String(p.dropFirst(root.count + 1))) } } ?? true
            } ?? true
            if let disk, inside, !excluded {
                s.snapshot = s.snapshot.replacing(disk)
            } else {
                s.snapshot = s.snapshot.removing(id)
            }
            s.generation += 1
            s.dirty.remove(id)
            s.lastPublished[id] = s.generation
            return !WorkspaceSnapshot.sameDefinitions(old, s.snapshot.documents[id])
        }
        try? connection.sendNotification(method: "textDocument/publishDiagnostics", params: ["uri": .string(id.rawValue), "diagnostics": []])
        if registryChanged { schedulePublish(allOpen: true) }
    }

    func didChangeWatchedFiles(_ params: JSONValue?) {
        guard let changes = params?["changes"]?.arrayValue else { return }
        var configurationChanged = false
        var updates: [(DocumentID, Document?)] = []
        for change in changes {
            guard let uri = change["uri"]?.stringValue, let path = FileURI.path(forURI: uri) else { continue }
            let type = change["type"]?.intValue ?? 2
            if path.hasSuffix("/" + WorkspaceLoader.configurationFile) {
                configurationChanged = true
                continue
            }
            guard path.hasSuffix(".md") else { continue }
            let id = DocumentID(FileURI.normalized(uri))
            if type == 3 {
                updates.append((id, nil))
            } else {
                switch WorkspaceLoader.readDocument(path) {
                case .success(let document):
                    updates.append((id, document))
                case .failure(let error):
                    // Its old text would be stale: the file leaves the index until it can be read.
                    logger.warn("\(path): \(error.description)")
                    updates.append((id, nil))
                }
            }
        }
        let root = state.withLock { $0.root }
        let reloaded = configurationChanged ? root.map { WorkspaceLoader.configuration(root: $0) } : nil
        state.withLock { s in
            for (id, document) in updates where s.open[id] == nil {
                if let document { s.snapshot = s.snapshot.replacing(document) } else { s.snapshot = s.snapshot.removing(id) }
            }
            if let reloaded {
                s.fileConfiguration = reloaded.0
                s.fileProblems = reloaded.1
                s.configurationBytes = reloaded.2
                s.snapshot = s.snapshot.reconfigured(s.effectiveConfiguration().0)
            }
            s.generation += 1
        }
        if configurationChanged { publishConfigurationProblems() }
        schedulePublish(allOpen: true)
    }

    func didChangeConfiguration(_ params: JSONValue?) {
        guard let settings = params?["settings"] else { return }
        let value = settings["dossier"] ?? settings
        state.withLock { s in
            s.settings = value.objectValue != nil ? value : nil
            s.snapshot = s.snapshot.reconfigured(s.effectiveConfiguration().0)
            s.generation += 1
        }
        publishConfigurationProblems()
        schedulePublish(allOpen: true)
    }

    // MARK: Diagnostics

    /// Marks documents for publication and schedules the check: at once for a change after a quiet
    /// spell, debounced for a change that follows another within `debounce`.
    func schedulePublish(_ ids: Set<DocumentID> = [], allOpen: Bool = false) {
        state.withLock { s in
            guard s.phase == .running else { return }
            s.dirty.formUnion(ids)
            if allOpen { s.dirty.formUnion(s.open.keys) }
            guard !s.dirty.isEmpty else { return }
            let now = ContinuousClock.now
            // A single edit gets its diagnostics without waiting; only bursts (typing) are coalesced.
            let inBurst = s.lastChangeAt.map { now - $0 < debounce } ?? false
            s.lastChangeAt = now
            s.publishTask?.cancel()
            // Debounced, but never past `publishMaxWait` after the oldest pending change.
            let since = s.dirtySince ?? now
            s.dirtySince = since
            let delay = inBurst ? max(.zero, min(debounce, since + publishMaxWait - now)) : .zero
            s.publishTask = Task.detached { [self] in
                if delay > .zero { try? await Task.sleep(for: delay) }
                await yieldToRequests()
                guard !Task.isCancelled else { return }
                flushDiagnostics()
            }
        }
    }

    /// Lets the requests in flight finish first, for at most `requestsFirstWait`: an editor sends
    /// completion, hover or semantic tokens right with an edit, and the user waits on those. The
    /// first short sleep also lets a request sent just after the edit arrive.
    private func yieldToRequests() async {
        let clock = ContinuousClock()
        let deadline = clock.now + requestsFirstWait
        repeat {
            try? await Task.sleep(for: .microseconds(250))
        } while !Task.isCancelled && clock.now < deadline && state.withLock({ !$0.running.isEmpty })
    }

    private func flushDiagnostics() {
        let (ids, context, generation) = state.withLock { s in
            let ids = s.dirty.filter { s.open[$0] != nil }
            s.dirty.removeAll()
            s.dirtySince = nil
            let context = s.requestContext()
            return (ids, context, s.generation)
        }
        // A cast edit re-checks every open document: spread them over the cores, then send in order.
        let sorted = ids.sorted()
        // Encoded here too, so the state lock below is held only to order and write each one.
        let reports = Locked<[[UInt8]?]>(Array(repeating: nil, count: sorted.count))
        DispatchQueue.concurrentPerform(iterations: sorted.count) { index in
            let id = sorted[index]
            guard let document = context.document(id) else { return }
            let items = Checker.diagnostics(for: id, in: context.snapshot).map { LSP.diagnostic($0, in: document, context: context) }
            var params: JSONObject = ["uri": .string(id.rawValue), "diagnostics": .array(items)]
            if let version = context.versions[id] { params["version"] = .int(version) }
            let framed = Message.notification(method: "textDocument/publishDiagnostics", params: .object(params)).framed()
            reports.withLock { $0[index] = framed }
        }
        for (id, report) in zip(sorted, reports.withLock { $0 }) {
            guard let framed = report else { continue }
            state.withLock { s in
                // Older than what was sent already, or the very same snapshot: an edit's mark can
                // race a running check that already saw the edit.
                guard s.open[id] != nil, (s.lastPublished[id] ?? -1) < generation else { return }
                s.lastPublished[id] = generation
                try? connection.sendFramed(framed)
            }
        }
    }

    func publishConfigurationProblems() {
        let (root, problems, bytes, encoding, wasPublished) = state.withLock { s in
            let problems = s.effectiveConfiguration().1
            defer { s.configurationURIPublished = !problems.isEmpty }
            return (s.root, problems, s.configurationBytes, s.encoding, s.configurationURIPublished)
        }
        guard let root, !problems.isEmpty || wasPublished else { return }
        let uri = FileURI.uri(forPath: root + "/" + WorkspaceLoader.configurationFile)
        let items = LSP.configurationDiagnostics(problems, bytes: bytes, encoding: encoding)
        try? connection.sendNotification(method: "textDocument/publishDiagnostics", params: ["uri": .string(uri), "diagnostics": .array(items)])
    }
}
