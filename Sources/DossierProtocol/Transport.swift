#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import DossierJSON
import DossierLocking

/// Something that happened on the incoming side of a transport.
public enum TransportEvent: Sendable, Hashable {
    /// A well-formed message.
    case message(Message)
    /// A framed body that is not a valid JSON-RPC message (answer with `error.response` when non-nil).
    case invalidMessage(MessageDecodingError)
    /// A framing problem; the stream has resynchronised and keeps going.
    case framingError(FramingError)
    /// The input ended (EOF or read error) or the transport was closed. Always the last event.
    case eof
}

/// Errors from sending.
public enum TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The transport was closed (or a previous write failed).
    case closed
    /// A write failed.
    case writeFailed(SystemError)
    /// `start` was called twice.
    case alreadyStarted

    /// Human-readable summary.
    public var description: String {
        switch self {
        case .closed: return "transport closed"
        case .writeFailed(let e): return "write failed: \(e)"
        case .alreadyStarted: return "transport already started"
        }
    }
}

/// A bidirectional message channel. Implementations must deliver events in order, from one thread at a time.
public protocol MessageTransport: AnyObject, Sendable {
    /// Starts delivering incoming events to `handler` (called serially, in stream order).
    func start(_ handler: @escaping @Sendable (TransportEvent) -> Void) throws
    /// Sends one message; safe to call concurrently, frames never interleave.
    func send(_ message: Message) throws
    /// Sends bytes that are already framed (header + body) as one unit.
    func sendFramed(_ bytes: [UInt8]) throws
    /// Stops reading (a final `.eof` is delivered if started), releases resources; later sends throw `TransportError.closed`.
    func close()
}

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

/// LSP base-protocol transport over two file descriptors (stdin/stdout, or pipes in tests).
///
/// A dedicated thread `read(2)`s the input, frames and decodes messages and calls the handler.
/// Sends are serialised by a lock around one `write(2)` loop per frame.
public final class FileDescriptorTransport: MessageTransport {
    /// The descriptor read from.
    public let inputFD: Int32
    /// The descriptor written to.
    public let outputFD: Int32
    /// Whether `close()` (and the end of reading) closes the descriptors.
    public let ownsDescriptors: Bool
    /// Maximum accepted body size.
    public let maxBodyBytes: Int

    private struct WriterState {
        var closed = false
        var outputReleased = false
    }

    private struct ReaderState {
        var started = false
        var closed = false
        var loop: ReadLoop?
    }

    private let writer = Locked(WriterState())
    private let reader = Locked(ReaderState())

    /// A transport over `input`/`output`. With `ownsDescriptors`, both are closed when the transport is done.
    public init(input: Int32, output: Int32, ownsDescriptors: Bool = false,
                maxBodyBytes: Int = MessageFramer.defaultMaxBodyBytes) {
        self.inputFD = input
        self.outputFD = output
        self.ownsDescriptors = ownsDescriptors
        self.maxBodyBytes = maxBodyBytes
        // A peer that closes its end must give this writer EPIPE (reported, then the connection
        // ends), not kill the whole process: the in-process tests' pipe clients close while the
        // server may still be publishing diagnostics.
        StandardIO.ignoreSIGPIPE()
    }

    /// The server transport over the process's standard streams: moves stdout to a private
    /// descriptor for protocol output and points fd 1 at stderr (so `print` cannot corrupt the stream).
    public static func standardIO(maxBodyBytes: Int = MessageFramer.defaultMaxBodyBytes) throws -> FileDescriptorTransport {
        let out = try StandardIO.detachStandardOutput()
        return FileDescriptorTransport(input: 0, output: out, ownsDescriptors: false, maxBodyBytes: maxBodyBytes)
    }

    deinit {
        close()
    }

    /// Starts the reader thread.
    public func start(_ handler: @escaping @Sendable (TransportEvent) -> Void) throws {
        let loop = try ReadLoop()
        try reader.withLock { (s: inout ReaderState) throws(TransportError) in
            if s.closed { throw TransportError.closed }
            if s.started { throw TransportError.alreadyStarted }
            s.started = true
            s.loop = loop
        }
        let input = inputFD
        let owns = ownsDescriptors
        let maxBody = maxBodyBytes
        startThread(name: "dossier-reader-\(input)") {
            var framer = MessageFramer(maxBodyBytes: maxBody)
            let ended = loop.readUntilEnd(input) { chunk in
                framer.feed(chunk)
                while let event = framer.next() {
                    if loop.isStopped { return }
                    handler(FileDescriptorTransport.translate(event))
                }
            }
            if ended && !loop.isStopped, let error = framer.finish() {
                handler(.framingError(error))
            }
            handler(.eof)
            loop.finish()
            if owns { closeDescriptor(input) }
        }
    }

    static func translate(_ event: MessageFramer.Event) -> TransportEvent {
        switch event {
        case .error(let error):
            return .framingError(error)
        case .body(let body):
            switch Message.decode(body) {
            case .success(let message): return .message(message)
            case .failure(let error): return .invalidMessage(error)
            }
        }
    }

    /// Serialises and sends a message.
    public func send(_ message: Message) throws {
        try sendFramed(message.framed())
    }

    /// Sends bytes that are already framed (header + body) as one unit.
    public func sendFramed(_ bytes: [UInt8]) throws {
        let fd = outputFD
        try writer.withLock { (s: inout WriterState) throws(TransportError) in
            if s.closed { throw TransportError.closed }
            do {
                try bytes.withUnsafeBytes { buffer in try writeAll(fd, buffer) }
            } catch {
                s.closed = true
                throw TransportError.writeFailed(error as? SystemError ?? SystemError(call: "write", errno: EIO))
            }
        }
    }

    /// Stops the reader (only a final `.eof` follows) and closes the output; idempotent.
    public func close() {
        let (loop, closeInputNow) = reader.withLock { s -> (ReadLoop?, Bool) in
            guard !s.closed else { return (nil, false) }
            s.closed = true
            return (s.loop, !s.started)
        }
        loop?.stop()
        if closeInputNow && ownsDescriptors { closeDescriptor(inputFD) }
        // Under the writer lock, so no write is in progress while the descriptor is closed.
        writer.withLock { s in
            s.closed = true
            guard !s.outputReleased else { return }
            s.outputReleased = true
            if ownsDescriptors { closeDescriptor(outputFD) }
        }
    }
}
