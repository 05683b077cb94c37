import DossierProtocol

extension MessageTransport {
    /// Starts the transport and returns its events as a stream that finishes after `.eof`.
    public func events() throws -> AsyncStream<TransportEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: TransportEvent.self, bufferingPolicy: .unbounded)
        try start { event in
            continuation.yield(event)
            if case .eof = event { continuation.finish() }
        }
        return stream
    }
}

extension Connection {
    /// Starts reading and returns the events as a stream that finishes after `.closed`.
    public func events() throws -> AsyncStream<ConnectionEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ConnectionEvent.self, bufferingPolicy: .unbounded)
        try start { event in
            continuation.yield(event)
            if case .closed = event { continuation.finish() }
        }
        return stream
    }
}

extension MessageFramer {
    /// Feeds bytes and returns every event now available.
    public mutating func process(_ bytes: [UInt8]) -> [Event] {
        feed(bytes)
        var events: [Event] = []
        while let event = next() { events.append(event) }
        return events
    }
}
