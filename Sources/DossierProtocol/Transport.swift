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
    /// Queues one message for sending and returns without waiting for the peer; frames never interleave.
    func send(_ message: Message) throws
    /// Queues bytes that are already framed (header + body) as one unit; with a `key`, they replace a queued,
    /// not yet sent frame with the same key.
    func sendFramed(_ bytes: [UInt8], key: String?) throws
    /// Stops reading (a final `.eof` is delivered if started), sends what is queued, releases resources; later
    /// sends throw `TransportError.closed`.
    func close()
}

/// LSP base-protocol transport over two file descriptors (stdin/stdout, or pipes in tests).
///
/// A dedicated thread `read(2)`s the input, frames and decodes messages and calls the handler. Sends are queued
/// to a `FrameWriter`, whose own thread is the only writer of the output, so a peer that stops reading never blocks
/// a sender.
public final class FileDescriptorTransport: MessageTransport {
    /// The descriptor read from.
    public let inputFD: Int32
    /// The descriptor written to.
    public let outputFD: Int32
    /// Whether `close()` (and the end of reading) closes the descriptors.
    public let ownsDescriptors: Bool
    /// Maximum accepted body size.
    public let maxBodyBytes: Int

    private struct ReaderState {
        var started = false
        var closed = false
        var loop: ReadLoop?
    }

    private let writer: FrameWriter
    private let reader = Locked(ReaderState())

    /// A transport over `input`/`output`. With `ownsDescriptors`, both are closed when the transport is done.
    public init(input: Int32, output: Int32, ownsDescriptors: Bool = false,
                maxBodyBytes: Int = MessageFramer.defaultMaxBodyBytes) {
        self.inputFD = input
        self.outputFD = output
        self.ownsDescriptors = ownsDescriptors
        self.maxBodyBytes = maxBodyBytes
        writer = FrameWriter(output: output, closeWhenDone: ownsDescriptors)
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

    /// Serialises and queues a message.
    public func send(_ message: Message) throws {
        try writer.enqueue(message.framed())
    }

    /// Queues bytes that are already framed (header + body) as one unit.
    public func sendFramed(_ bytes: [UInt8], key: String?) throws {
        try writer.enqueue(bytes, key: key)
    }

    /// Stops the reader (only a final `.eof` follows), sends what is queued (waiting a moment at most for a peer
    /// that does not read) and closes the output; idempotent.
    public func close() {
        let (loop, closeInputNow) = reader.withLock { s -> (ReadLoop?, Bool) in
            guard !s.closed else { return (nil, false) }
            s.closed = true
            return (s.loop, !s.started)
        }
        loop?.stop()
        if closeInputNow && ownsDescriptors { closeDescriptor(inputFD) }
        writer.close()
    }
}
