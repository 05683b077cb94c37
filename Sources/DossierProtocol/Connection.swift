import DossierJSON
import DossierLocking

/// An incoming event for the server, after the connection has matched responses to its own requests.
public enum ConnectionEvent: Sendable, Hashable {
    /// A request from the client; answer it with `Connection.reply`.
    case request(id: RequestID, method: String, params: JSONValue?)
    /// A notification from the client; never answered.
    case notification(method: String, params: JSONValue?)
    /// A framing or decoding problem, or an unexpected response. Invalid requests were already
    /// answered with the proper error; this is for logging.
    case protocolError(String)
    /// The input ended or the connection was closed. Always the last event; pending outgoing
    /// requests fail with `ConnectionError.closed`.
    case closed
}

/// Errors from `Connection.sendRequest` besides the peer's own `ResponseError`.
public enum ConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The connection closed before the response arrived.
    case closed

    /// Human-readable summary.
    public var description: String { "connection closed" }
}

/// JSON-RPC endpoint over a transport: sends requests (awaiting their responses), notifications and
/// responses, and hands incoming requests and notifications to the server, in order.
public final class Connection: Sendable {
    /// The underlying transport.
    public let transport: any MessageTransport

    private enum Slot {
        case registered
        case waiting(CheckedContinuation<JSONValue, any Error>)
        case cancelled
    }

    private struct State {
        var nextID: Int64 = 1
        var pending: [RequestID: Slot] = [:]
        var closed = false
    }

    private let state = Locked(State())

    /// The notification either side sends to cancel a request it made (LSP's base protocol).
    public static let cancelRequestMethod = "$/cancelRequest"

    /// A connection over `transport` (not started yet).
    public init(transport: any MessageTransport) {
        self.transport = transport
    }

    /// Starts reading; `handler` is called serially, in arrival order, on the transport's reader thread,
    /// so it should hand work off quickly.
    public func start(_ handler: @escaping @Sendable (ConnectionEvent) -> Void) throws {
        try transport.start { [self] event in
            if let forwarded = handle(event) { handler(forwarded) }
        }
    }

    private func handle(_ event: TransportEvent) -> ConnectionEvent? {
        switch event {
        case .message(.request(let id, let method, let params)):
            return .request(id: id, method: method, params: params)
        case .message(.notification(let method, let params)):
            return .notification(method: method, params: params)
        case .message(.response(let id, let result)):
            guard let id else {
                if case .failure(let error) = result {
                    return .protocolError("client reported an error without id: \(error)")
                }
                return .protocolError("response without id")
            }
            let continuation: CheckedContinuation<JSONValue, any Error>? = state.withLock { s in
                guard case .waiting(let c)? = s.pending[id] else { return nil }
                s.pending[id] = nil
                return c
            }
            guard let continuation else {
                return .protocolError("response for unknown request id \(id)")
            }
            continuation.resume(with: result.mapError { $0 as any Error })
            return nil
        case .invalidMessage(let error):
            if let response = error.response { try? transport.send(response) }
            return .protocolError("invalid message: \(error)")
        case .framingError(let error):
            return .protocolError("framing error: \(error)")
        case .eof:
            failPending()
            return .closed
        }
    }

    private func failPending() {
        let waiting: [CheckedContinuation<JSONValue, any Error>] = state.withLock { s in
            s.closed = true
            var list: [CheckedContinuation<JSONValue, any Error>] = []
            for (id, slot) in s.pending {
                if case .waiting(let c) = slot {
                    list.append(c)
                    s.pending[id] = nil
                }
            }
            return list
        }
        for c in waiting { c.resume(throwing: ConnectionError.closed) }
    }

    /// Sends a request to the client and waits for its result.
    /// Throws the client's `ResponseError`, `ConnectionError.closed`, a transport error, or
    /// `CancellationError` (after sending `$/cancelRequest`) when the task is cancelled.
    public func sendRequest(method: String, params: JSONValue? = nil) async throws -> JSONValue {
        let id: RequestID = try state.withLock { (s: inout State) throws(ConnectionError) in
            if s.closed { throw ConnectionError.closed }
            let id = RequestID.integer(s.nextID)
            s.nextID += 1
            s.pending[id] = .registered
            return id
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<JSONValue, any Error>) in
                let proceed: Bool = state.withLock { s in
                    if case .cancelled? = s.pending[id] {
                        s.pending[id] = nil
                        return false
                    }
                    if s.closed {
                        s.pending[id] = nil
                        return false
                    }
                    s.pending[id] = .waiting(continuation)
                    return true
                }
                guard proceed else {
                    continuation.resume(throwing: Task.isCancelled ? CancellationError() : ConnectionError.closed)
                    return
                }
                do {
                    try transport.send(.request(id: id, method: method, params: params))
                } catch {
                    let mine: Bool = state.withLock { s in
                        guard case .waiting? = s.pending[id] else { return false }
                        s.pending[id] = nil
                        return true
                    }
                    if mine { continuation.resume(throwing: error) }
                }
            }
        } onCancel: {
            let continuation: CheckedContinuation<JSONValue, any Error>? = state.withLock { s in
                switch s.pending[id] {
                case .waiting(let c)?:
                    s.pending[id] = nil
                    return c
                case .registered?:
                    s.pending[id] = .cancelled
                    return nil
                default:
                    return nil
                }
            }
            if let continuation {
                try? transport.send(.notification(method: Connection.cancelRequestMethod, params: ["id": id.json]))
                continuation.resume(throwing: CancellationError())
            }
        }
    }

    /// Sends a notification.
    public func sendNotification(method: String, params: JSONValue? = nil) throws {
        try transport.send(.notification(method: method, params: params))
    }

    /// Sends a message encoded beforehand with `Message.framed()`, so the encoding can run in parallel; with a
    /// `key`, it replaces a queued, not yet sent message with the same key (newer diagnostics for a document).
    public func sendFramed(_ bytes: [UInt8], key: String? = nil) throws {
        try transport.sendFramed(bytes, key: key)
    }

    /// Sends a response.
    public func sendResponse(id: RequestID?, result: Result<JSONValue, ResponseError>) throws {
        try transport.send(.response(id: id, result: result))
    }

    /// Answers a request with a result (`.null` writes `"result": null`).
    public func reply(to id: RequestID, with result: JSONValue) throws {
        try sendResponse(id: id, result: .success(result))
    }

    /// Answers a request with an error.
    public func reply(to id: RequestID, error: ResponseError) throws {
        try sendResponse(id: id, result: .failure(error))
    }

    /// Closes the transport and fails pending outgoing requests.
    public func close() {
        transport.close()
        failPending()
    }
}
