import Dispatch
import DossierJSON
import DossierLocking
import DossierProtocol
import Foundation
import Synchronization

/// One message from the server, stamped when its last byte was read (before any JSON parsing,
/// so the client's own decoding cost does not count against the server).
struct Received: Sendable {
    var sequence: Int
    var time: UInt64
    var message: Message
    /// Size of the JSON body.
    var bytes: Int
}

/// A request's answer: the time from sending to the last byte of the response, the result, and the response's size.
typealias RoundTrip = (latency: UInt64, result: Result<JSONValue, ResponseError>, bytes: Int)

/// An LSP client over a child's stdio, as an editor drives it: a reader thread answers the
/// server's own requests at once and queues everything else for the benchmark to wait on.
final class LSPClient: Sendable {
    private struct Inbox: Sendable {
        var entries: [Received] = []
        var nextSequence = 0
        var closed = false
        /// Progress tokens the server asked to create, in order.
        var createdTokens: [JSONValue] = []
        var framingErrors = 0
    }

    let child: Child
    private let inbox = Locked(Inbox())
    private let arrivals = DispatchSemaphore(value: 0)
    /// Serialises whole frames from the benchmark thread and the reader thread.
    private let writer = Locked<Int32>(-1)
    private let nextID = Atomic<Int>(1)

    /// Spawns `arguments` (e.g. `dossier lsp`), logging its stderr to `logPath`, and starts reading.
    init(arguments: [String], logPath: String) throws {
        child = try spawn(arguments, stdin: .pipe, stdout: .pipe, stderr: .file(logPath))
        writer.withLock { $0 = child.stdinFD }
        let thread = Thread { [self] in readLoop() }
        thread.name = "lsp-reader"
        thread.start()
    }

    // MARK: Sending

    /// Sends a request; returns its id and the time it was written.
    func request(_ method: String, _ params: JSONValue?) throws -> (id: RequestID, sent: UInt64) {
        let id = RequestID.integer(Int64(nextID.add(1, ordering: .relaxed).oldValue))
        let sent = try send(.request(id: id, method: method, params: params))
        return (id, sent)
    }

    /// Sends a notification; returns the time it was written.
    @discardableResult
    func notify(_ method: String, _ params: JSONValue?) throws -> UInt64 {
        try send(.notification(method: method, params: params))
    }

    /// Writes one framed message; returns the time just before the write.
    private func send(_ message: Message) throws -> UInt64 {
        let bytes = message.framed()
        return try writer.withLock { fd in
            guard fd >= 0 else { throw BenchError("server input is closed") }
            let time = now()
            try writeAll(fd, bytes)
            return time
        }
    }

    /// Closes the server's stdin (after `exit`).
    func closeInput() {
        writer.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
    }

    // MARK: Waiting

    /// The current end of the inbox: waits `after` it see only later messages.
    var mark: Int { inbox.withLock { $0.nextSequence } }

    /// Drops queued messages older than `mark` (notifications nobody waits for).
    func discard(before mark: Int) {
        inbox.withLock { $0.entries.removeAll { $0.sequence < mark } }
    }

    /// Removes and returns the first queued message at or after `mark` that `match` accepts,
    /// waiting up to `timeout` seconds; nil on timeout or when the server has gone.
    func take(after mark: Int = 0, timeout: Double, _ match: (Message) -> Bool) -> Received? {
        let deadline = now() + UInt64(timeout * 1e9)
        while true {
            let (found, closed) = inbox.withLock { box -> (Received?, Bool) in
                if let i = box.entries.firstIndex(where: { $0.sequence >= mark && match($0.message) }) {
                    return (box.entries.remove(at: i), false)
                }
                return (nil, box.closed)
            }
            if let found { return found }
            let t = now()
            if closed || t >= deadline { return nil }
            _ = arrivals.wait(timeout: .now() + .nanoseconds(Int(min(deadline - t, 100_000_000))))
        }
    }

    /// Removes and returns every queued message, in arrival order; when none is queued, waits up to
    /// `timeout` seconds for one. Empty on timeout or once the server has gone and nothing is left.
    func takeAll(timeout: Double) -> [Received] {
        let deadline = now() + UInt64(max(0, timeout) * 1e9)
        while true {
            let (taken, closed) = inbox.withLock { box -> ([Received], Bool) in
                defer { box.entries.removeAll(keepingCapacity: true) }
                return (box.entries, box.closed)
            }
            if !taken.isEmpty { return taken }
            let t = now()
            if closed || t >= deadline { return [] }
            _ = arrivals.wait(timeout: .now() + .nanoseconds(Int(min(deadline - t, 100_000_000))))
        }
    }

    /// Waits for the response to `id`.
    func response(to id: RequestID, timeout: Double) -> (time: UInt64, result: Result<JSONValue, ResponseError>, bytes: Int)? {
        guard let entry = take(timeout: timeout, { message in
            if case .response(let rid, _) = message { return rid == id }
            return false
        }) else { return nil }
        guard case .response(_, let result) = entry.message else { return nil }
        return (entry.time, result, entry.bytes)
    }

    /// Sends a request and waits for its response; returns the latency in nanoseconds, the result and its size.
    func roundTrip(_ method: String, _ params: JSONValue?, timeout: Double) throws -> RoundTrip? {
        let (id, sent) = try request(method, params)
        guard let (time, result, bytes) = response(to: id, timeout: timeout) else { return nil }
        return (time - sent, result, bytes)
    }

    /// Progress tokens created so far by `window/workDoneProgress/create`.
    var createdTokens: [JSONValue] { inbox.withLock { $0.createdTokens } }

    /// Whether the server's output has ended.
    var isClosed: Bool { inbox.withLock { $0.closed } }

    /// How many badly framed chunks the server sent.
    var framingErrors: Int { inbox.withLock { $0.framingErrors } }

    // MARK: Reading

    private func readLoop() {
        let fd = child.stdoutFD
        var framer = MessageFramer()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            buffer.withUnsafeBytes { framer.feed(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            while let event = framer.next() {
                let time = now()
                switch event {
                case .body(let body):
                    guard case .success(let message) = Message.decode(body) else {
                        inbox.withLock { $0.framingErrors += 1 }
                        continue
                    }
                    if case .request(let id, let method, let params) = message {
                        answer(id: id, method: method, params: params)
                    }
                    inbox.withLock { box in
                        box.entries.append(Received(sequence: box.nextSequence, time: time, message: message, bytes: body.count))
                        box.nextSequence += 1
                    }
                    arrivals.signal()
                case .error:
                    inbox.withLock { $0.framingErrors += 1 }
                }
            }
        }
        close(fd)
        inbox.withLock { $0.closed = true }
        arrivals.signal()
    }

    /// Answers a server→client request the way a stock editor client does.
    private func answer(id: RequestID, method: String, params: JSONValue?) {
        let result: JSONValue
        switch method {
        case "workspace/configuration":
            // One entry per requested section; null means "use your defaults".
            let count = params?["items"]?.arrayValue?.count ?? 0
            result = .array(Array(repeating: .null, count: count))
        case "window/workDoneProgress/create":
            if let token = params?["token"] { inbox.withLock { $0.createdTokens.append(token) } }
            result = .null
        case "workspace/applyEdit":
            result = ["applied": false]
        case "workspace/workspaceFolders":
            result = .array([])
        default:
            // client/registerCapability, unregisterCapability, refresh requests, showMessageRequest…
            result = .null
        }
        _ = try? send(.response(id: id, result: .success(result)))
    }
}

extension LSPClient {
    /// `initialize` parameters of an editor-like client opening the folder `root`: utf-8 and utf-16
    /// positions, work-done progress, configuration, watched files and the text-document features the driver uses.
    static func initializeParams(root: String) -> JSONValue {
        let rootURI = fileURI(root)
        return [
            "processId": .int(Int(getpid())),
            "clientInfo": ["name": "dossier-bench", "version": "1"],
            "rootUri": .string(rootURI),
            "rootPath": .string(root),
            "workspaceFolders": [["uri": .string(rootURI), "name": "corpus"]],
            "capabilities": [
                "general": ["positionEncodings": ["utf-8", "utf-16"]],
                "window": ["workDoneProgress": true],
                "workspace": [
                    "configuration": true,
                    "workspaceFolders": true,
                    "didChangeConfiguration": ["dynamicRegistration": true],
                    "didChangeWatchedFiles": ["dynamicRegistration": true],
                ],
                "textDocument": [
                    "synchronization": ["dynamicRegistration": false, "didSave": true],
                    "hover": ["contentFormat": ["markdown", "plaintext"]],
                    "definition": ["linkSupport": false],
                    "references": [:],
                    "inlayHint": ["dynamicRegistration": false],
                    // As VS Code declares: documentation is fetched with completionItem/resolve, and a
                    // list's shared edit range comes once (itemDefaults).
                    "completion": [
                        "completionItem": [
                            "snippetSupport": false,
                            "resolveSupport": ["properties": ["documentation", "detail", "additionalTextEdits"]],
                        ],
                        "completionList": ["itemDefaults": ["commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"]],
                        "contextSupport": true,
                    ],
                    "documentSymbol": ["hierarchicalDocumentSymbolSupport": true],
                    "publishDiagnostics": ["versionSupport": true, "relatedInformation": true],
                    "rename": ["prepareSupport": true],
                    "semanticTokens": [
                        "requests": ["full": true, "range": true],
                        "tokenTypes": [], "tokenModifiers": [], "formats": ["relative"],
                    ],
                    "foldingRange": [:],
                    "documentLink": [:],
                    "codeLens": [:],
                    "diagnostic": ["relatedDocumentSupport": false],
                ],
            ],
            "trace": "off",
        ]
    }

    /// Waits for `window/workDoneProgress/create`, then for `$/progress` `end` on that token, until
    /// `deadline` (monotonic nanoseconds); returns when the end arrived, or why it could not be seen.
    func waitForIndexing(until deadline: UInt64) -> Result<UInt64, BenchError> {
        func remaining() -> Double { max(0.1, (Double(deadline) - Double(now())) / 1e9) }
        guard let create = take(timeout: remaining(), { $0.method == "window/workDoneProgress/create" }),
              case .request(_, _, let params) = create.message, let token = params?["token"]
        else {
            return .failure(BenchError("the server sent no window/workDoneProgress/create: indexing time not measured"))
        }
        guard let end = take(timeout: remaining(), { message in
            guard case .notification("$/progress", let p) = message else { return false }
            return p?["token"] == token && p?["value"]?["kind"]?.stringValue == "end"
        }) else {
            return .failure(BenchError("no $/progress end for token \(token) before the deadline"))
        }
        return .success(end.time)
    }
}
