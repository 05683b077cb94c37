import DossierAnalysis
import DossierJSON
import DossierLocking
import DossierProtocol
import DossierSyntax
import DossierWorkspace

/// A request handler: pure, reads the context, returns the result or throws a `ResponseError`.
typealias RequestHandler = @Sendable (RequestContext, JSONValue?) throws -> JSONValue

/// The Dossier language server: lifecycle, document sync, diagnostics and request dispatch.
public final class LanguageServer: Sendable {
    let connection: Connection
    let logger: Logger
    let state = Locked(ServerState())
    private let onExit: Locked<(@Sendable (Int32) -> Void)?>
    /// How close together changes must come to be coalesced into one diagnostics run.
    let debounce: Duration
    /// The longest diagnostics wait while edits keep arriving faster than `debounce`.
    let publishMaxWait: Duration
    /// The longest diagnostics wait for requests in flight to finish before they are checked.
    let requestsFirstWait: Duration = .milliseconds(10)
    /// The longest a workspace-wide request waits for indexing.
    let indexWait: Duration = .seconds(2)
    /// Request handlers by method.
    let handlers: [String: RequestHandler]
    /// Hands memory the allocator keeps back to the system (`malloc_trim`), if the platform can.
    let releaseMemory: (@Sendable () -> Void)?
    let releasePolicy: MemoryReleasePolicy

    /// A server over `transport`; `onExit` receives the process exit code once (after `exit` or end of input).
    /// `releaseMemory`, when given, is called when indexing ends and when the server goes quiet (`MemoryReleasePolicy`).
    public convenience init(transport: any MessageTransport, logger: Logger = Logger(level: .warn),
                            debounce: Duration = .milliseconds(50), releaseMemory: (@Sendable () -> Void)? = nil,
                            onExit: @escaping @Sendable (Int32) -> Void) {
        self.init(transport: transport, logger: logger, debounce: debounce, publishMaxWait: .milliseconds(250),
                  additionalHandlers: [:], releaseMemory: releaseMemory, onExit: onExit)
    }

    /// A server with extra request handlers (tests use this for slow requests), its own diagnostics
    /// timing and a memory release policy.
    init(transport: any MessageTransport, logger: Logger, debounce: Duration, publishMaxWait: Duration,
         additionalHandlers: [String: RequestHandler], releaseMemory: (@Sendable () -> Void)? = nil,
         releasePolicy: MemoryReleasePolicy = MemoryReleasePolicy(), onExit: @escaping @Sendable (Int32) -> Void) {
        connection = Connection(transport: transport)
        self.logger = logger
        self.debounce = debounce
        self.publishMaxWait = publishMaxWait
        self.onExit = Locked(onExit)
        handlers = Handlers.table.merging(additionalHandlers) { $1 }
        self.releaseMemory = releaseMemory
        self.releasePolicy = releasePolicy
    }

    /// Starts reading messages.
    public func start() throws {
        if releaseMemory != nil {
            let task = Task.detached(priority: .utility) { [self] in await releaseMemoryWhenQuiet(policy: releasePolicy) }
            state.withLock { $0.releaseTask = task }
        }
        try connection.start { [self] event in handle(event) }
    }

    private func handle(_ event: ConnectionEvent) {
        switch event {
        case .request(let id, let method, let params):
            handleRequest(id: id, method: method, params: params)
        case .notification(let method, let params):
            handleNotification(method: method, params: params)
        case .protocolError(let message):
            logger.warn(message)
        case .closed:
            let shutdown = state.withLock { $0.phase == .shutdown }
            finish(code: shutdown ? 0 : 1)
        }
    }

    private func finish(code: Int32) {
        let callback = onExit.withLock { callback -> (@Sendable (Int32) -> Void)? in
            defer { callback = nil }
            return callback
        }
        guard let callback else { return }
        let tasks = state.withLock { s -> [Task<Void, Never>] in
            s.phase = .exited
            s.publishTask?.cancel()
            s.releaseTask?.cancel()
            return s.running.values.compactMap { $0 }
        }
        for task in tasks { task.cancel() }
        connection.close()
        callback(code)
    }

    // MARK: Requests

    private func send(_ id: RequestID, _ result: Result<JSONValue, ResponseError>) {
        do {
            try connection.sendResponse(id: id, result: result)
        } catch {
            logger.warn("could not answer \(id): \(error)")
        }
    }

    private func handleRequest(id: RequestID, method: String, params: JSONValue?) {
        let phase = state.withLock { s in
            s.activity &+= 1
            return s.phase
        }
        logger.debug("request \(id) \(method)")
        switch phase {
        case .uninitialized where method != "initialize":
            return send(id, .failure(.serverNotInitialized))
        case .shutdown, .exited:
            return send(id, .failure(.invalidRequest("the server is shutting down: only exit is accepted")))
        default: break
        }
        switch method {
        case "initialize":
            if phase != .uninitialized { return send(id, .failure(.invalidRequest("initialize was already received"))) }
            do {
                send(id, .success(try initialize(params)))
            } catch let error as ResponseError {
                send(id, .failure(error))
            } catch {
                send(id, .failure(.internalError("\(error)")))
            }
        case "shutdown":
            let task = state.withLock { s -> Task<Void, Never>? in
                s.phase = .shutdown
                return s.publishTask
            }
            task?.cancel()
            send(id, .success(.null))
        default:
            guard let handler = handlers[method] else {
                return send(id, .failure(.methodNotFound(method)))
            }
            let (immediate, indexing) = state.withLock { s in
                s.running[id] = .some(nil)
                return (s.requestContext(),
                        s.indexing)
            }
            let waits = indexing && Self.waitsForIndex.contains(method)
            let task = Task.detached(priority: .userInitiated) { [self] in
                let result: Result<JSONValue, ResponseError>
                do {
                    var context = immediate
                    if waits, await waitForIndex(timeout: indexWait) { context = makeContext() }
                    try Task.checkCancellation()
                    result = .success(try handler(context, params))
                } catch let error as ResponseError {
                    result = .failure(error)
                } catch is CancellationError {
                    result = .failure(.requestCancelled)
                } catch {
                    result = .failure(.internalError("\(error)"))
                }
                complete(id, result)
            }
            state.withLock { s in
                if s.running[id] != nil { s.running[id] = .some(task) }
            }
        }
    }

    /// Requests that need the whole workspace: when they arrive during indexing they wait for it, at most `indexWait`,
    /// then answer from what is indexed.
    static let waitsForIndex: Set<String> = [
        "textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/prepareRename",
        "textDocument/rename", "textDocument/completion", "textDocument/codeLens", "workspace/symbol",
    ]

    /// Waits (without blocking a thread) until indexing ends; true if it waited and indexing is over.
    func waitForIndex(timeout: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if Task.isCancelled { return false }
            if state.withLock({ !$0.indexing || $0.firstChunkIndexed }) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    /// Sends the answer unless the request was already answered (cancelled).
    private func complete(_ id: RequestID, _ result: Result<JSONValue, ResponseError>) {
        let mine = state.withLock { s in s.running.removeValue(forKey: id) != nil }
        if mine { send(id, result) }
    }

    func makeContext() -> RequestContext {
        state.withLock { s in
            s.requestContext()
        }
    }

    // MARK: Notifications

    private func handleNotification(method: String, params: JSONValue?) {
        let phase = state.withLock { s in
            s.activity &+= 1
            return s.phase
        }
        logger.debug("notification \(method)")
        if method == "exit" {
            finish(code: phase == .shutdown ? 0 : 1)
            return
        }
        if method == "$/cancelRequest" {
            cancel(params?["id"].flatMap(RequestID.init(json:)))
            return
        }
        guard phase == .running else { return }
        do {
            switch method {
            case "initialized": didInitialize()
            case "textDocument/didOpen": try didOpen(params)
            case "textDocument/didChange": try didChange(params)
            case "textDocument/didClose": try didClose(params)
            case "textDocument/didSave": break
            case "workspace/didChangeWatchedFiles": didChangeWatchedFiles(params)
            case "workspace/didChangeConfiguration": didChangeConfiguration(params)
            default: logger.debug("ignored notification \(method)")
            }
        } catch {
            logger.warn("\(method): \(error)")
        }
    }

    private func cancel(_ id: RequestID?) {
        guard let id else { return }
        let entry = state.withLock { s in s.running.removeValue(forKey: id) }
        guard let entry else { return }
        entry?.cancel()
        send(id, .failure(.requestCancelled))
    }
}
