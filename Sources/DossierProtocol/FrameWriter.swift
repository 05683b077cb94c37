#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import DossierLocking

/// The one writer of an output descriptor: senders queue framed messages and return at once; a thread of its own
/// writes them in order. A client that stops reading therefore blocks only this thread, never a sender holding a
/// lock (the server's reader thread, which must keep reading stdin, sends too).
///
/// A frame queued with a key replaces a queued, not yet written frame with the same key: diagnostics for a document
/// supersede the ones before them, so a client that was not reading gets the newest set once, not every set since.
final class FrameWriter: Sendable {
    private struct Queue {
        var frames: [[UInt8]?] = []
        /// Where each keyed frame waits in `frames`.
        var keyed: [String: Int] = [:]
        var closing = false
        var finished = false
        var failure: SystemError?
        /// Whether a sender was already told of `failure`; later sends are told the output is closed.
        var failureReported = false
    }

    private let queue = Condition(Queue())
    private let output: Int32

    /// Starts the writer thread for `output`; with `closeWhenDone` the descriptor is closed when the writer ends.
    init(output: Int32, closeWhenDone: Bool) {
        self.output = output
        let queue = self.queue
        startThread(name: "dossier-writer-\(output)") {
            FrameWriter.writeUntilClosed(queue, to: output)
            if closeWhenDone { closeDescriptor(output) }
        }
    }

    /// The writer thread: takes every queued frame at once and writes them, until closed and drained or failed.
    private static func writeUntilClosed(_ queue: Condition<Queue>, to output: Int32) {
        while true {
            let (batch, closing) = queue.wait(until: { !$0.frames.isEmpty || $0.closing }) { q -> ([[UInt8]?], Bool) in
                let taken = (q.frames, q.closing)
                q.frames.removeAll(keepingCapacity: true)
                q.keyed.removeAll(keepingCapacity: true)
                return taken
            }
            var failure: SystemError?
            for case let frame? in batch where failure == nil {
                failure = write(frame, to: output)
            }
            let done = queue.update { q -> Bool in
                if let failure {
                    q.failure = failure
                    q.frames.removeAll()
                    q.keyed.removeAll()
                }
                q.finished = q.failure != nil || (closing && q.frames.isEmpty)
                return q.finished
            }
            if done { return }
        }
    }

    /// Writes one frame whole; the error when the write failed.
    private static func write(_ frame: [UInt8], to output: Int32) -> SystemError? {
        do {
            try frame.withUnsafeBytes { try writeAll(output, $0) }
            return nil
        } catch {
            return error as? SystemError ?? SystemError(call: "write", errno: EIO)
        }
    }

    /// Queues a framed message; with a `key`, it replaces a queued frame with the same key. Throws once the output
    /// has failed or been closed.
    func enqueue(_ frame: [UInt8], key: String? = nil) throws(TransportError) {
        try queue.update { (q: inout Queue) throws(TransportError) in
            if let failure = q.failure {
                if q.failureReported { throw TransportError.closed }
                q.failureReported = true
                throw TransportError.writeFailed(failure)
            }
            if q.closing { throw TransportError.closed }
            if let key, let slot = q.keyed[key] {
                q.frames[slot] = nil
            }
            if let key { q.keyed[key] = q.frames.count }
            q.frames.append(frame)
        }
    }

    /// Writes what is queued, then ends the writer; waits at most `seconds` for a client that does not read.
    func close(waitingAtMost seconds: Double = 2) {
        queue.update { $0.closing = true }
        _ = queue.wait(until: { $0.finished }, seconds: seconds) { _ in }
    }
}
