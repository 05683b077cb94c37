#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import DossierJSON
import DossierLocking
import DossierProtocol
import Foundation
import Synchronization

/// Errors from ``PipeTestClient``.
public enum PipeTestClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No matching message arrived in time.
    case timeout(String)
    /// The server closed its output and no matching message is buffered.
    case endOfStream
    /// The server sent a badly framed stream.
    case framing(FramingError)
    /// The server sent a body that is not JSON.
    case invalidJSON(JSONError)
    /// The client's side of the server's input was closed already.
    case inputClosed

    /// Human-readable summary.
    public var description: String {
        switch self {
        case .timeout(let what): return "timed out waiting for \(what)"
        case .endOfStream: return "server output ended"
        case .framing(let e): return "framing error from server: \(e)"
        case .invalidJSON(let e): return "server sent invalid JSON: \(e)"
        case .inputClosed: return "the server's input is closed"
        }
    }
}

/// An in-process LSP client for tests, connected to a server through two pipes.
///
/// Give ``serverInput`` and ``serverOutput`` to the server (e.g. via ``makeServerTransport()``),
/// then `send` framed JSON and await replies with `nextMessage` or `request`.
public final class PipeTestClient: Sendable {
    /// The descriptor the server reads from (owned by the server's transport).
    public let serverInput: Int32
    /// The descriptor the server writes to (owned by the server's transport).
    public let serverOutput: Int32

    private let clientWrite: Int32
    private let clientRead: Int32

    private struct Waiter {
        var id: Int
        var what: String
        var predicate: @Sendable (JSONValue) -> Bool
        var continuation: CheckedContinuation<JSONValue, any Error>
        var timeoutTask: Task<Void, Never>?
    }

    private struct Inbox {
        var messages: [JSONValue] = []
        var waiters: [Waiter] = []
        var failure: PipeTestClientError?
        var nextWaiterID = 0
    }

    private let inbox = Locked(Inbox())
    private let nextRequestID = Atomic<Int64>(1)
    /// Guards writes to the server; the value is true once the write end is closed.
    private let writeClosed = Locked(false)
    /// Set when the client goes away: its reader stops and closes its end of the server's output.
    private let stopped = Locked(false)
    /// While set, the client reads nothing, as a busy or frozen editor: the server's output backs up.
    private let paused = Locked(false)

    /// Creates the pipes and starts reading the server's output on a thread of its own, until the server closes it.
    public init() throws {
        signal(SIGPIPE, SIG_IGN)  // writing to a server that has gone must fail, not end the process
        let toServer = try Self.makePipe()
        let fromServer = try Self.makePipe()
        serverInput = toServer.read
        clientWrite = toServer.write
        clientRead = fromServer.read
        serverOutput = fromServer.write
        let fd = clientRead
        let stopped = self.stopped
        let paused = self.paused
        let thread = Thread { [weak self] in
            defer { close(fd) }
            var framer = MessageFramer()
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while !stopped.withLock({ $0 }) {
                if paused.withLock({ $0 }) {
                    usleep(5_000)
                    continue
                }
                // Polled with a timeout, so a client that goes away while the server is silent is noticed.
                var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&ready, 1, 50) == 0 { continue }
                let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                framer.feed(chunk[0..<count])
                while let event = framer.next() {
                    guard let self else { return }
                    switch event {
                    case .body(let body):
                        do throws(JSONError) {
                            self.deliver(try JSONParser.parse(body))
                        } catch {
                            self.fail(.invalidJSON(error))
                        }
                    case .error(let error):
                        self.fail(.framing(error))
                    }
                }
            }
            if !stopped.withLock({ $0 }) { self?.fail(.endOfStream) }
        }
        thread.name = "dossier-test-client"
        thread.start()
    }

    deinit {
        stopped.withLock { $0 = true }
        closeInput()
    }

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw PipeTestClientError.endOfStream }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// Stops or resumes reading the server's output.
    public func pauseReading(_ pause: Bool) {
        paused.withLock { $0 = pause }
    }

    /// A transport for the server side that owns `serverInput`/`serverOutput`.
    public func makeServerTransport(maxBodyBytes: Int = MessageFramer.defaultMaxBodyBytes) -> FileDescriptorTransport {
        FileDescriptorTransport(input: serverInput, output: serverOutput, ownsDescriptors: true, maxBodyBytes: maxBodyBytes)
    }

    // MARK: Sending

    /// Sends a JSON value as one framed message.
    public func send(_ json: JSONValue) throws {
        try sendRaw(MessageFramer.frame(json.serializedBytes()))
    }

    /// Writes raw bytes to the server's input (for framing tests).
    public func sendRaw(_ bytes: [UInt8]) throws {
        try writeClosed.withLock { (closed: inout Bool) throws in
            if closed { throw PipeTestClientError.inputClosed }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { write(clientWrite, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw PipeTestClientError.endOfStream }
                offset += written
            }
        }
    }

    /// Writes a string's UTF-8 bytes to the server's input.
    public func sendRaw(_ text: String) throws {
        try sendRaw(Array(text.utf8))
    }

    /// Sends a request with a fresh integer id and returns the id.
    @discardableResult
    public func sendRequest(method: String, params: JSONValue? = nil) throws -> RequestID {
        let id = RequestID.integer(nextRequestID.wrappingAdd(1, ordering: .relaxed).oldValue)
        try send(Message.request(id: id, method: method, params: params).json)
        return id
    }

    /// Sends a notification.
    public func sendNotification(method: String, params: JSONValue? = nil) throws {
        try send(Message.notification(method: method, params: params).json)
    }

    /// Sends a request and waits for the response with its id (other messages stay queued);
    /// returns the whole response object (`result` or `error`).
    public func request(method: String, params: JSONValue? = nil, timeout: Duration = .seconds(10)) async throws -> JSONValue {
        let id = try sendRequest(method: method, params: params).json
        return try await nextMessage(timeout: timeout, what: "response to \(method) (id \(id))") { message in
            message["id"] == id && message["method"] == nil
        }
    }

    /// Closes the server's input so it sees end of file.
    public func closeInput() {
        writeClosed.withLock { closed in
            guard !closed else { return }
            closed = true
            close(clientWrite)
        }
    }

    // MARK: Receiving

    /// The next message from the server, in order.
    public func nextMessage(timeout: Duration = .seconds(10)) async throws -> JSONValue {
        try await nextMessage(timeout: timeout, what: "a message") { _ in true }
    }

    /// The first queued or future message satisfying `predicate`; others stay queued in order.
    public func nextMessage(timeout: Duration = .seconds(10), what: String = "a matching message",
                            where predicate: @escaping @Sendable (JSONValue) -> Bool) async throws -> JSONValue {
        let waiterID = inbox.withLock { s -> Int in
            s.nextWaiterID += 1
            return s.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<JSONValue, any Error>) in
                let immediate: Result<JSONValue, any Error>? = inbox.withLock { s in
                    if let i = s.messages.firstIndex(where: predicate) {
                        return .success(s.messages.remove(at: i))
                    }
                    if let failure = s.failure { return .failure(failure) }
                    s.waiters.append(Waiter(id: waiterID, what: what, predicate: predicate, continuation: continuation))
                    return nil
                }
                if let immediate {
                    continuation.resume(with: immediate)
                    return
                }
                let task = Task { [weak self] in
                    try? await Task.sleep(for: TestTimeouts.scaled(timeout))
                    guard !Task.isCancelled else { return }
                    self?.expire(waiterID, PipeTestClientError.timeout(what))
                }
                inbox.withLock { s in
                    if let i = s.waiters.firstIndex(where: { $0.id == waiterID }) {
                        s.waiters[i].timeoutTask = task
                    } else {
                        task.cancel()
                    }
                }
            }
        } onCancel: {
            expire(waiterID, CancellationError())
        }
    }

    /// The next notification with `method` (other messages stay queued).
    public func nextNotification(_ method: String, timeout: Duration = .seconds(10)) async throws -> JSONValue {
        try await nextMessage(timeout: timeout, what: "notification \(method)") { message in
            message["method"]?.stringValue == method && message["id"] == nil
        }
    }

    /// The next server-to-client request with `method` (answer it with `send` using its `id`).
    public func nextRequest(_ method: String, timeout: Duration = .seconds(10)) async throws -> JSONValue {
        try await nextMessage(timeout: timeout, what: "request \(method)") { message in
            message["method"]?.stringValue == method && message["id"] != nil
        }
    }

    /// Answers a server-to-client request with a result.
    public func reply(to request: JSONValue, result: JSONValue) throws {
        try send(["jsonrpc": "2.0", "id": request["id"] ?? .null, "result": result])
    }

    /// Messages received but not yet taken.
    public var queuedMessages: [JSONValue] {
        inbox.withLock { $0.messages }
    }

    /// Removes and returns every queued message.
    public func drainQueuedMessages() -> [JSONValue] {
        inbox.withLock { s in
            defer { s.messages.removeAll() }
            return s.messages
        }
    }

    private func expire(_ waiterID: Int, _ error: any Error) {
        let waiter: Waiter? = inbox.withLock { s in
            guard let i = s.waiters.firstIndex(where: { $0.id == waiterID }) else { return nil }
            return s.waiters.remove(at: i)
        }
        waiter?.continuation.resume(throwing: error)
    }

    private func deliver(_ message: JSONValue) {
        let waiter: Waiter? = inbox.withLock { s in
            if let i = s.waiters.firstIndex(where: { $0.predicate(message) }) {
                return s.waiters.remove(at: i)
            }
            s.messages.append(message)
            return nil
        }
        if let waiter {
            waiter.timeoutTask?.cancel()
            waiter.continuation.resume(returning: message)
        }
    }

    private func fail(_ error: PipeTestClientError) {
        let waiters: [Waiter] = inbox.withLock { s in
            if s.failure == nil { s.failure = error }
            defer { s.waiters.removeAll() }
            return s.waiters
        }
        for waiter in waiters {
            waiter.timeoutTask?.cancel()
            waiter.continuation.resume(throwing: error)
        }
    }
}
