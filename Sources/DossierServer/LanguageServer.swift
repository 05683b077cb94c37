import Dispatch
import DossierAnalysis
import DossierJSON
import DossierLocking
import DossierProtocol
import DossierWorkspace

/// The Dossier language server. Messages arrive on the transport's reader thread: notifications are handled there,
/// in order (document sync must be); requests are dispatched through `RequestTable` to tasks that answer from the
/// snapshot they start with. Diagnostics, indexing, watching and memory release run in tasks of their own. One lock
/// guards `ServerState`; nothing does I/O under it.
public final class LanguageServer: Sendable {
    let connection: Connection
    let logger: Logger
    let state = Locked(ServerState())
    let timing: ServerTiming
    /// Request types besides the table's (tests add slow ones).
    let extraRequests: [String: any Request.Type]
    /// Hands memory the allocator keeps back to the system (`malloc_trim`), if the platform can.
    let releaseMemory: (@Sendable () -> Void)?
    let signals = ServerSignals()
    /// Orders everything that reads the disk into a workspace: indexing, disk events, configuration reloads.
    let diskQueue = DispatchQueue(label: "dossier-disk")
    /// The server's own file watcher, for clients that do not watch files for it.
    let watcher = Locked<FileWatcher?>(nil)
    /// The disk events the client sends, gathered until they pause.
    let clientEvents: Batcher
    let tasks = Locked(BackgroundTasks())
    private let onExit: Locked<(@Sendable (Int32) -> Void)?>

    /// The methods the lifecycle handles itself, outside `RequestTable` and `NotificationTable`.
    static let initializeMethod = "initialize"
    static let shutdownMethod = "shutdown"
    static let exitMethod = "exit"
    static let cancelMethod = Connection.cancelRequestMethod

    /// A server over `transport`; `onExit` receives the process exit code once (after `exit` or end of input).
    /// `releaseMemory`, when given, is called when indexing ends and when the server goes quiet.
    public convenience init(
        transport: any MessageTransport, logger: Logger = Logger(level: .warn), releaseMemory: (@Sendable () -> Void)? = nil,
        onExit: @escaping @Sendable (Int32) -> Void
    ) {
        self.init(transport: transport, logger: logger, timing: ServerTiming(), releaseMemory: releaseMemory, onExit: onExit)
    }

    /// A server with its own timing and extra request types (tests).
    init(
        transport: any MessageTransport, logger: Logger, timing: ServerTiming, extraRequests: [any Request.Type] = [],
        releaseMemory: (@Sendable () -> Void)? = nil, onExit: @escaping @Sendable (Int32) -> Void
    ) {
        connection = Connection(transport: transport)
        self.logger = logger
        self.timing = timing
        self.extraRequests = Dictionary(uniqueKeysWithValues: extraRequests.map { ($0.method, $0) })
        self.releaseMemory = releaseMemory
        self.onExit = Locked(onExit)
        // Weakly: the batcher is the server's own, and a delivery after the server is gone has nowhere to go.
        let forward = Locked(WeakServer())
        clientEvents = Batcher(gathering: timing.watchCoalescing) { paths in forward.withLock { $0.server }?.diskChanged(paths) }
        forward.withLock { $0.server = self }
    }

    /// Starts reading messages.
    public func start() throws {
        startPublisher()
        startMemoryRelease()
        try connection.start { [self] event in handle(event) }
    }

    private func handle(_ event: ConnectionEvent) {
        switch event {
        case .request(let id, let method, let params):
            noteActivity()
            handleRequest(id: id, method: method, params: params)
        case .notification(let method, let params):
            noteActivity()
            handleNotification(method: method, params: params)
        case .protocolError(let message):
            logger.warn(message)
        case .closed:
            let shutdown = state.withLock { $0.phase == .shutdown }
            finish(code: shutdown ? 0 : 1)
        }
    }

    /// Stops everything and reports the exit code (once).
    private func finish(code: Int32) {
        let callback = onExit.withLock { callback -> (@Sendable (Int32) -> Void)? in
            defer { callback = nil }
            return callback
        }
        guard let callback else { return }
        let requests = state.withLock { s -> [Task<Void, Never>] in
            s.phase = .exited
            return s.running.values.compactMap { $0 }
        }
        for task in requests { task.cancel() }
        tasks.withLock { $0.cancelAll() }
        watcher.withLock { $0?.stop() }
        signals.stop()
        connection.close()
        callback(code)
    }

    // MARK: Requests

    func send(_ id: RequestID, _ result: Result<JSONValue, ResponseError>) {
        do {
            try connection.sendResponse(id: id, result: result)
        } catch {
            logger.warn("could not answer \(id): \(error)")
        }
    }

    private func handleRequest(id: RequestID, method: String, params: JSONValue?) {
        let phase = state.withLock { $0.phase }
        logger.debug("request \(id) \(method)")
        switch phase {
        case .uninitialized where method != Self.initializeMethod:
            return send(id, .failure(.serverNotInitialized))
        case .shutdown, .exited:
            return send(id, .failure(.invalidRequest("the server is shutting down: only exit is accepted")))
        default: break
        }
        switch method {
        case Self.initializeMethod:
            if phase != .uninitialized { return send(id, .failure(.invalidRequest("initialize was already received"))) }
            do {
                send(id, .success(try initialize(JSONReader(params, method: method))))
            } catch {
                send(id, .failure(error))
            }
        case Self.shutdownMethod:
            state.withLock { $0.phase = .shutdown }
            tasks.withLock { $0.cancelAll() }
            send(id, .success(.null))
        default:
            guard let request = RequestTable.byMethod[method] ?? extraRequests[method] else {
                return send(id, .failure(.methodNotFound(method)))
            }
            run(request, id: id, params: params)
        }
    }

    /// Answers a request on a task of its own; one that needs the index waits for indexing to end first.
    private func run(_ request: any Request.Type, id: RequestID, params: JSONValue?) {
        state.withLock { $0.running[id] = .some(nil) }
        let task = Task.detached(priority: .userInitiated) { [self] in
            let result: Result<JSONValue, ResponseError>
            do {
                if request.needsIndex { await waitForIndex() }
                try Task.checkCancellation()
                let context = state.withLock { $0.requestContext() }
                result = .success(try request.respond(to: params, in: context))
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

    /// Sends the answer unless the request was already answered (cancelled).
    private func complete(_ id: RequestID, _ result: Result<JSONValue, ResponseError>) {
        let (mine, idle) = state.withLock { s in (s.running.removeValue(forKey: id) != nil, s.running.isEmpty) }
        if mine { send(id, result) }
        if idle { signals.requestsIdle.notify() }
    }

    /// Waits (without blocking a thread) until every workspace has finished indexing, or the task is cancelled.
    func waitForIndex() async {
        while !Task.isCancelled, !state.withLock({ $0.indexed }) {
            await signals.indexed.wait()
        }
    }

    // MARK: Notifications

    private func handleNotification(method: String, params: JSONValue?) {
        let phase = state.withLock { $0.phase }
        logger.debug("notification \(method)")
        switch method {
        case Self.exitMethod:
            finish(code: phase == .shutdown ? 0 : 1)
        case Self.cancelMethod:
            cancel(params?["id"].flatMap(RequestID.init(json:)))
        default:
            guard phase == .running, let notification = NotificationTable.byMethod[method] else {
                if phase == .running { logger.debug("ignored notification \(method)") }
                return
            }
            do {
                try notification.receive(params, self)
            } catch {
                logger.warn("\(method): \(error)")
            }
        }
    }

    private func cancel(_ id: RequestID?) {
        guard let id else { return }
        let entry = state.withLock { s in s.running.removeValue(forKey: id) }
        guard let entry else { return }
        entry?.cancel()
        send(id, .failure(.requestCancelled))
    }

    /// Sends a notification to the client, logging a failure.
    func notify(_ method: String, _ params: JSONValue) {
        do {
            try connection.sendNotification(method: method, params: params)
        } catch {
            logger.info("\(method) not sent: \(error)")
        }
    }

    /// Sends a request to the client in the background; failures (a client that does not support it) are logged.
    /// (It needs no cancelling: the connection fails it when it closes.)
    func ask(_ method: String, _ params: JSONValue?, then: (@Sendable (JSONValue) -> Void)? = nil) {
        Task.detached { [self] in
            do {
                let result = try await connection.sendRequest(method: method, params: params)
                then?(result)
            } catch {
                logger.info("\(method) failed: \(error)")
            }
        }
    }
}

/// A reference to the server that does not keep it alive.
struct WeakServer {
    weak var server: LanguageServer?
}

/// How long the server waits before it publishes diagnostics and releases memory.
struct ServerTiming: Sendable {
    /// Changes closer together than this are a burst (typing) and are coalesced into one diagnostics run.
    var debounce: Duration = .milliseconds(50)
    /// The longest a burst can delay diagnostics.
    var publishMaxWait: Duration = .milliseconds(250)
    /// The longest diagnostics wait for requests in flight to finish (the user waits on those).
    var requestsFirstWait: Duration = .milliseconds(10)
    /// Disk events are gathered this long before they are applied (a `git pull` is one batch).
    var watchCoalescing: Duration = .milliseconds(50)
    /// How long without a message counts as quiet, for handing freed memory back.
    var quiet: Duration = .milliseconds(500)
}

/// Tasks the server started and cancels when it stops.
struct BackgroundTasks: Sendable {
    private var tasks: [Task<Void, Never>] = []
    private var stopped = false

    mutating func add(_ task: Task<Void, Never>) {
        if stopped { task.cancel() } else { tasks.append(task) }
    }

    mutating func cancelAll() {
        stopped = true
        for task in tasks { task.cancel() }
        tasks = []
    }
}
